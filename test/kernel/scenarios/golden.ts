/**
 * Docker's own generated rulesets (shared/docker-golden, read at test time) against this project's
 * synthesis, in the kernel: for a few scenarios, the rules synthesized from the fixture inputs of
 * the unit tests (test/unit/fixtures/docker/<version>/<backend>/<scenario>.json) and the rules
 * dockerd printed (the golden's `iptables commands` blocks or `nft list ruleset` listing) are each
 * loaded into an otherwise empty host whose bridges and containers are the fixture's. The published
 * port must reach the container at its container port from both client interfaces (expectation),
 * and every probe must arrive at the same place under both rule sets (same group). Pages that
 * print only some tables (no raw table) are compared on those tables.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultHostConfig, parseNetworkJson, renderIptablesSave, renderNft, synthesizeDockerRules } from '../../../server/src/core/docker';
import type { Expectation, Probe, RulesetFile, Scenario } from '../scenario';
import { ADDR } from '../topology';
import { layoutOf } from './analysed';
import { repoRoot, shared } from './shared';

const CASES: readonly [string, string][] = [
  ['28.0', 'iptables'],
  ['28.2', 'iptables'],
  ['29.0', 'iptables'],
  ['29.0', 'nftables'],
];
const SCENARIOS = ['usernet-portmap', 'usernet-portmap-noproxy', 'usernet-portmap-natunprot', 'usernet-portmap-routed', 'usernet-portmap-lo', 'usernet-portmap-noicc'];

/** `iptables commands` blocks (-P/-N/-A lines) of a golden page as an iptables-restore file. */
export function goldenIptablesRestore(md: string): string {
  const blocks: string[][] = [];
  let cur: string[] | undefined;
  for (const l of md.split('\n')) {
    if (/^\s{4}-[PNA] /.test(l)) (cur ??= []).push(l.trim());
    else if (cur) {
      blocks.push(cur);
      cur = undefined;
    }
  }
  if (cur) blocks.push(cur);
  const tables = new Map<string, string[]>();
  for (const b of blocks) {
    const pol = new Set(b.filter((l) => l.startsWith('-P ')).map((l) => l.split(' ')[1]));
    const table = pol.has('FORWARD') ? 'filter' : pol.has('POSTROUTING') ? 'nat' : pol.has('PREROUTING') && pol.has('OUTPUT') && !pol.has('INPUT') ? 'raw' : undefined;
    if (!table || tables.has(table)) continue;
    tables.set(table, [
      `*${table}`,
      ...b.filter((l) => l.startsWith('-P ')).map((l) => `:${l.split(' ')[1]} ${l.split(' ')[2]} [0:0]`),
      ...b.filter((l) => l.startsWith('-N ')).map((l) => `:${l.split(' ')[1]} - [0:0]`),
      ...b.filter((l) => l.startsWith('-A ')),
      'COMMIT',
    ]);
  }
  return [...tables.values()].map((t) => t.join('\n')).join('\n') + '\n';
}

/** The first complete `table ip|ip6 docker-bridges` listings of a golden page, as nft input. */
export function goldenNft(md: string): string {
  const lines = md.split('\n');
  const out: string[] = [];
  for (const header of ['table ip docker-bridges {', 'table ip6 docker-bridges {']) {
    const start = lines.findIndex((l) => l.trim() === header);
    if (start < 0) continue;
    const indent = /^\s*/.exec(lines[start])![0];
    const end = lines.findIndex((l, i) => i > start && l === `${indent}}`);
    if (end < 0) continue;
    // nft before 1.0.7 rejects the symbolic `dstnat` on the output hook; -100 is the same value.
    out.push(...lines.slice(start, end + 1).map((l) => l.slice(indent.length).replace(/(type nat hook output priority) dstnat;/, '$1 -100;')));
  }
  return out.join('\n') + '\n';
}

export function goldenScenarios(): { scenarios: Scenario[]; skipped?: string } {
  const root = shared('docker-golden');
  if (!root) return { scenarios: [], skipped: 'shared/docker-golden is absent; golden kernel checks skipped' };
  const out: Scenario[] = [];
  for (const [version, backend] of CASES) {
    for (const name of SCENARIOS) {
      const md = path.join(root, version, backend, `${name}.md`);
      const fixture = path.join(repoRoot, 'test/unit/fixtures/docker', version, backend, `${name}.json`);
      if (!existsSync(md) || !existsSync(fixture)) continue;
      const nj = parseNetworkJson(readFileSync(fixture, 'utf8'), fixture).value;
      const docker = synthesizeDockerRules({ version: nj.version ?? '29', daemon: nj.daemon ?? defaultHostConfig, host: nj.host, networks: nj.networks }).value;
      const layout = layoutOf(docker.networks);
      const probes: Probe[] = [];
      const expect: (Expectation | null)[] = [];
      const add = (p: Probe, e: Expectation | null): void => {
        probes.push(p);
        expect.push(e);
      };
      for (const b of docker.bindings) {
        if (b.hostIp.includes(':') || (b.proto !== 'tcp' && b.proto !== 'udp')) continue;
        const reached: Expectation = { at: 'ctr', daddr: b.containerIp, dport: b.containerPort };
        if (b.path === 'routed') {
          add({ from: 'ext0', proto: b.proto, daddr: b.containerIp, dport: b.containerPort }, reached);
          add({ from: 'ext1', proto: b.proto, daddr: b.containerIp, dport: b.containerPort }, reached);
          continue;
        }
        if (b.hostIp === '0.0.0.0') {
          add({ from: 'ext0', proto: b.proto, daddr: ADDR.hostEth0, dport: b.hostPort }, reached);
          add({ from: 'ext1', proto: b.proto, daddr: ADDR.hostEth1, dport: b.hostPort }, reached);
          add({ from: 'ext1', proto: b.proto, daddr: ADDR.hostEth0, dport: b.hostPort }, reached);
        } else {
          // A loopback binding: from the wire it must not reach the container (28.0 and later drop it in raw).
          add({ from: 'ext0', proto: b.proto, daddr: b.hostIp, dport: b.hostPort }, b.hostIp === '127.0.0.1' ? { at: 'nowhere' } : reached);
          add({ from: 'ext0', proto: b.proto, daddr: ADDR.hostEth0, dport: b.hostPort }, null);
        }
        // Direct access to the container's address and an unpublished port: compared across the two rule sets.
        add({ from: 'ext0', proto: b.proto, daddr: b.containerIp, dport: b.containerPort }, null);
        add({ from: 'ext1', proto: b.proto, daddr: b.containerIp, dport: b.containerPort + 1 }, null);
      }
      add({ from: 'ext0', proto: 'tcp', daddr: ADDR.hostEth0, dport: 9000 }, { at: 'host', dport: 9000 });
      const page = readFileSync(md, 'utf8');
      const goldenText = docker.backend === 'nftables' ? goldenNft(page) : goldenIptablesRestore(page);
      // Some pages print only the tables that changed (no raw table): compare those tables only.
      const shown = new Set([...goldenText.matchAll(/^\*(\S+)$/gm)].map((m) => m[1]));
      const ours: RulesetFile[] =
        docker.backend === 'nftables'
          ? [{ name: `synthesized ${version} ${name}.nft`, form: 'nft', text: renderNft(docker.nftables) }]
          : [{ name: `synthesized ${version} ${name}.ipt`, form: 'iptables-nft', text: renderIptablesSave(docker.iptables.ipv4.filter((t) => shown.has(t.name))) }];
      const theirs: RulesetFile[] = [{ name: `docker-golden ${version}/${backend}/${name}.md`, form: docker.backend === 'nftables' ? 'nft' : 'iptables-nft', text: goldenText }];
      const group = `golden ${version} ${backend} ${name}`;
      for (const [who, files] of [
        ['synthesized', ours],
        ['dockerd', theirs],
      ] as const) {
        out.push({ name: `${group} (${who})`, source: 'golden', group, layout, files, probes, expect });
      }
    }
  }
  return { scenarios: out };
}
