/**
 * `dockwall docker-rules`: print the rules a Docker release installs for given networks,
 * containers and published ports, as `iptables-save` text (iptables backends) or `nft` text
 * (29's nftables backend), optionally with a provenance comment above each rule.
 * Exit: 0 clean, 1 errors in the input, 2 usage errors or unreadable files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultHostConfig,
  type DockerHostConfig,
  parseDaemonJson,
  parseNetworkJson,
  renderIptablesSave,
  renderNft,
  synthesizeDockerRules,
} from '../../core/docker/index';
import type { CoreDiagnostic } from '../../core/diagnostics';
import { composeToDocker } from '../../core/analysis/compose-docker';
import { loadComposeProject } from '../../core/compose';
import { createFsReader } from '../../host/fs-reader';
import type { Command } from '../command';
import { formatDiagnostic } from '../format';

const USAGE = `usage: dockwall docker-rules [--network-json FILE] [--daemon daemon.json]
                             [--docker-version 24|27|28.0|28.2|28.3|29] [--backend iptables|nftables]
                             [--syntax iptables|nft] [--family 4|6|both] [--provenance] [-f COMPOSE...]

  --network-json FILE   networks, containers and published ports (see server/src/core/docker/README.md)
  --daemon FILE         daemon.json (overrides the "daemon" key of --network-json)
  --docker-version V    release line, e.g. 24, 27.5, 28.0, 28.2.2, 28.3, 29 (default: the file's "version", else 29)
  --backend B           firewall backend (default: daemon.json "firewall-backend", else iptables)
  --syntax S            iptables-save text (iptables backends) or nft text (nftables backend)
  --family F            IPv4, IPv6 or both (default both)
  --provenance          print "# added by ..." above each rule
  -f FILE               compose files (repeatable): the networks, containers and ports the project creates

Example:
  dockwall docker-rules -f compose.yaml --docker-version 28.5 --provenance
`;

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`dockwall docker-rules: cannot read ${file}: ${(e as Error).message}\n`);
    return undefined;
  }
}

export const dockerRulesCommand: Command = {
  name: 'docker-rules',
  summary: 'print the iptables/nftables rules Docker installs for networks and published ports',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: false,
        options: {
          file: { type: 'string', short: 'f', multiple: true },
          daemon: { type: 'string' },
          'docker-version': { type: 'string' },
          backend: { type: 'string' },
          syntax: { type: 'string' },
          family: { type: 'string' },
          'network-json': { type: 'string' },
          provenance: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      process.stderr.write(`dockwall docker-rules: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    const v = parsed.values;
    if (v.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (v.file?.length && v['network-json']) {
      process.stderr.write('dockwall docker-rules: give either -f (compose files) or --network-json, not both\n');
      return 2;
    }
    if (!v['network-json'] && !v.daemon && !v.file?.length) {
      process.stderr.write(`dockwall docker-rules: give -f COMPOSE or --network-json (and/or --daemon)\n${USAGE}`);
      return 2;
    }
    if (v.backend && v.backend !== 'iptables' && v.backend !== 'nftables') {
      process.stderr.write(`dockwall docker-rules: unknown backend '${v.backend}'\n`);
      return 2;
    }
    if (v.syntax && v.syntax !== 'iptables' && v.syntax !== 'nft') {
      process.stderr.write(`dockwall docker-rules: unknown syntax '${v.syntax}'\n`);
      return 2;
    }
    if (v.family && !['4', '6', 'both'].includes(v.family)) {
      process.stderr.write(`dockwall docker-rules: --family must be 4, 6 or both\n`);
      return 2;
    }
    const diagnostics: CoreDiagnostic[] = [];
    let daemon: DockerHostConfig = defaultHostConfig;
    let version: string | undefined;
    let host = {};
    let networks: Parameters<typeof synthesizeDockerRules>[0]['networks'] = [];
    if (v['network-json']) {
      const text = read(v['network-json']);
      if (text === undefined) return 2;
      const nj = parseNetworkJson(text, v['network-json']);
      diagnostics.push(...nj.diagnostics);
      daemon = nj.value.daemon ?? daemon;
      version = nj.value.version;
      host = nj.value.host;
      networks = nj.value.networks;
    }
    if (v.file?.length) {
      const reader = createFsReader();
      const cwd = process.cwd();
      for (const f of v.file) {
        const why = reader.check(path.resolve(cwd, f));
        if (why) {
          process.stderr.write(`${f}: error: cannot read: ${why}\n`);
          return 2;
        }
      }
      const env: Record<string, string> = {};
      for (const [k, val] of Object.entries(process.env)) if (val !== undefined) env[k] = val;
      const project = loadComposeProject(reader, { cwd, env, files: v.file });
      diagnostics.push(...project.diagnostics);
      const mapping = composeToDocker(project.value);
      diagnostics.push(...mapping.diagnostics);
      networks = [...mapping.networks];
    }
    if (v.daemon) {
      const text = read(v.daemon);
      if (text === undefined) return 2;
      const dj = parseDaemonJson(text, v.daemon);
      diagnostics.push(...dj.diagnostics);
      daemon = dj.value;
    }
    if (v.backend) daemon = { ...daemon, firewallBackend: v.backend as 'iptables' | 'nftables' };
    const result = synthesizeDockerRules({ version: v['docker-version'] ?? version ?? '29', daemon, host, networks });
    diagnostics.push(...result.diagnostics);
    const rs = result.value;
    const syntax = v.syntax ?? (rs.backend === 'nftables' ? 'nft' : 'iptables');
    if ((syntax === 'nft') !== (rs.backend === 'nftables')) {
      process.stderr.write(`dockwall docker-rules: the ${rs.backend} backend prints ${rs.backend === 'nftables' ? 'nft' : 'iptables-save'} text only\n`);
      return 2;
    }
    for (const d of diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    const fam = v.family ?? 'both';
    const provenance = v.provenance ?? false;
    const parts: string[] = [];
    if (rs.backend === 'nftables') {
      const tables = rs.nftables.filter((t) => fam === 'both' || (fam === '4') === (t.family === 'ip'));
      if (tables.length) parts.push(renderNft(tables, { provenance }));
    } else {
      if (fam !== '6' && rs.iptables.ipv4.length) parts.push('# iptables-restore (IPv4)\n' + renderIptablesSave(rs.iptables.ipv4, { provenance, allBuiltins: true }));
      if (fam !== '4' && rs.iptables.ipv6.length) parts.push('# ip6tables-restore (IPv6)\n' + renderIptablesSave(rs.iptables.ipv6, { provenance, allBuiltins: true }));
    }
    process.stdout.write(parts.join('\n'));
    return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  },
};
