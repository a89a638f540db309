/**
 * `dockwall audit [--format text|json|sarif] [--docker-host URI] [--ruleset FILE...]`
 *
 * The running host as input: Docker's state from the Engine API (unix socket), the live rulesets
 * (`iptables-save`, `ip6tables-save`, the legacy ones beside nf_tables, `nft list ruleset`) and the
 * host's interfaces (`ip -j addr`, `ip -j route`), read with fixed programs and arguments, no shell.
 * Each running container is mapped back to its compose file by its compose labels, so findings land
 * on the `ports:` item that published the port; a container without a readable compose file gets
 * the virtual file `<container NAME>`. Prints findings and the exposure table like `check`.
 *
 * Exit: 0 nothing of severity warning or worse; 1 findings or input errors; 2 usage errors or an
 * unreadable host (no Docker socket, not root for iptables-save).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RULES } from '../../core/findings';
import { languages } from '../../host/assets';
import { AuditError, auditDiagnostics, runAudit, type AuditReport } from '../../host/audit';
import type { Command } from '../command';
import { exposure, formatExposure } from '../exposure';
import { toSarif } from '../sarif';
import { exitCode, formatText, relativize, toJson } from './check';

const VERSION = '0.1.0';

const USAGE = `usage: dockwall audit [--format text|json|sarif] [--docker-host URI] [--ruleset FILE...]

Audits the Docker host it runs on: reads Docker's state from the Engine API, the live firewall
(iptables-save, ip6tables-save, nft list ruleset) and the interfaces (ip -j addr / route), maps each
running container back to its compose file through its compose labels, and reports the published
ports the firewall does not protect, with the exposure table of every published port.

  --format F          text (default), json, or sarif (SARIF 2.1.0)
  --docker-host URI   the Engine's socket, unix:///path (default: $DOCKER_HOST, else
                      unix:///var/run/docker.sock); tcp:// and ssh:// are not supported
  --ruleset FILE      use these ruleset files (iptables-save, nft listings, nft -j) instead of
                      reading the live firewall (repeatable, in load order)

Needs root (iptables-save and nft need CAP_NET_ADMIN) and access to the Docker socket.

Example:
  sudo dockwall audit
  sudo dockwall audit --format sarif > audit.sarif
  DOCKER_HOST=unix:///run/user/1000/docker.sock dockwall audit --ruleset rules.v4

Exit status: 0 nothing of severity warning or worse, 1 findings or input errors, 2 usage errors or
an unreadable host (no Docker socket, not root).
`;

/** The report as one check-like result: findings of every run, diagnostics without repeats, every port. */
export function auditResult(report: AuditReport, cwd: string) {
  const findings = report.runs.flatMap((r) => r.result.findings);
  const diagnostics = auditDiagnostics(report);
  const texts = new Map<string, string>();
  for (const r of report.runs) for (const [k, v] of r.result.texts) texts.set(k, v);
  const ports = report.runs.flatMap((r) => exposure({ analysis: r.result.analysis }, cwd));
  return { findings, diagnostics, texts, ports };
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'audit the running Docker host: Engine API + live firewall (text, JSON or SARIF)',
  async run(args) {
    const fail = (message: string): number => {
      process.stderr.write(`dockwall audit: ${message}\n`);
      return 2;
    };
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: false,
        options: {
          format: { type: 'string' },
          'docker-host': { type: 'string' },
          ruleset: { type: 'string', multiple: true },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      process.stderr.write(`dockwall audit: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    const v = parsed.values;
    if (v.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const format = v.format ?? 'text';
    if (!['text', 'json', 'sarif'].includes(format)) return fail(`unknown format '${format}' (text, json or sarif)`);
    const cwd = process.cwd();
    const env: Record<string, string> = {};
    for (const [k, val] of Object.entries(process.env)) if (val !== undefined) env[k] = val;
    let report: AuditReport;
    try {
      report = await runAudit({ cwd, env, languages: await languages(), dockerHost: v['docker-host'], rulesetFiles: v.ruleset?.map((f) => path.resolve(cwd, f)) });
    } catch (e) {
      if (e instanceof AuditError || (e instanceof Error && e.constructor.name === 'EngineError')) return fail(e.message);
      throw e;
    }
    const merged = auditResult(report, cwd);
    const shown = relativize(merged, cwd);
    if (format === 'json') {
      const json = toJson(shown, cwd) as Record<string, unknown>;
      process.stdout.write(
        JSON.stringify(
          {
            ...json,
            ports: merged.ports,
            engine: { socket: report.socket, version: report.engine.version, apiVersion: report.engine.apiVersion, firewallBackend: report.engine.firewallBackend ?? null },
            projects: report.runs.map((r) => ({ name: r.group.name, kind: r.group.kind, files: r.group.files.map((f) => (f.startsWith('<') ? f : path.relative(cwd, f) || f)), containers: [...r.group.services.keys()].map((id) => report.engine.containers.find((c) => c.id === id)?.name ?? id) })),
            rulesets: report.rulesets,
          },
          null,
          2,
        ) + '\n',
      );
    } else if (format === 'sarif') process.stdout.write(JSON.stringify(toSarif(shown.findings, shown.diagnostics, { cwd, toolVersion: VERSION, texts: merged.texts, rules: RULES }), null, 2) + '\n');
    else {
      const text = formatText(shown, cwd).trimEnd().split('\n');
      const last = text.pop()!;
      process.stdout.write([...text, formatExposure(merged.ports).trimEnd(), last].join('\n') + '\n');
    }
    return exitCode(merged);
  },
};
