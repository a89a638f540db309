/**
 * Dockwall's side of a scenario: the project folder as a user would give it to `dockwall check DIR`
 * (compose.yaml, the admin's rulesets, daemon.json, host.json), the analysis run in process through
 * `check()`, and the exposure rows the CLI prints (`ports` in `--format json`). A probe's expected
 * outcome is read from those rows: the row of its host port, protocol and address, the destination
 * it was sent to, the class of its ingress interface and source address.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { discoverRulesets } from '../../server/src/cli/commands/check';
import { exposure, type ExposurePort, type Openness } from '../../server/src/cli/exposure';
import { check } from '../../server/src/core/check';
import { contains, parseIp, parseIpInterval } from '../../server/src/core/net/ip';
import { languages } from '../../server/src/host/assets';
import { createFsReader } from '../../server/src/host/fs-reader';
import { DOCKWALL_VERSION, hostJson, type Scenario } from './scenario';

/** Writes the scenario's project folder; returns the paths the harness needs. */
export function writeProject(s: Scenario, dir: string, listen46: string): { daemon?: string; rules: string[] } {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'compose.yaml'), s.compose.split('LISTEN46').join(listen46));
  const rules: string[] = [];
  for (const f of s.files) {
    writeFileSync(path.join(dir, f.name), f.text);
    rules.push(path.join(dir, f.name));
  }
  let daemon: string | undefined;
  if (s.daemon) writeFileSync((daemon = path.join(dir, 'daemon.json')), JSON.stringify(s.daemon, null, 2) + '\n');
  writeFileSync(path.join(dir, 'host.json'), hostJson(/enable_ipv6: true/.test(s.compose) || s.daemon?.ipv6 === true));
  return { daemon, rules };
}

export interface DockwallView {
  readonly ports: readonly ExposurePort[];
  readonly errors: readonly string[];
  readonly findings: readonly string[];
}

/** `dockwall check DIR` in process, with the scenario's release and iptables backend. */
export async function analyseProject(s: Scenario, dir: string): Promise<DockwallView> {
  const reader = createFsReader();
  const env: Record<string, string> = {};
  const result = check({
    reader,
    cwd: dir,
    env,
    languages: await languages(),
    composeFiles: [path.join(dir, 'compose.yaml')],
    projectDirectory: dir,
    rulesetFiles: discoverRulesets(dir),
    daemonFile: s.daemon ? path.join(dir, 'daemon.json') : undefined,
    hostFile: path.join(dir, 'host.json'),
    dockerVersion: DOCKWALL_VERSION[s.release],
    iptablesBackend: s.iptables,
  });
  return {
    ports: exposure(result, dir),
    errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${path.basename(d.span.file)}:${d.span.range.start.line + 1}: ${d.message}`),
    findings: result.findings.map((f) => `${f.code} ${path.basename(f.span.file)}:${f.span.range.start.line + 1}: ${f.message}`),
  };
}

export interface Expected {
  readonly verdict: Openness;
  /** The rows' words: `open by ...`, or why nothing is published there. */
  readonly why: string;
}

/** What Dockwall's rows say about a packet from `saddr` on `iif` to `daddr`:`port`/`proto`. */
export function expected(ports: readonly ExposurePort[], q: { proto: string; port: number; daddr: string; iif: string; saddr: string }): Expected {
  const d = parseIp(q.daddr)!;
  const src = parseIp(q.saddr)!;
  const verdicts: { verdict: Openness; why: string }[] = [];
  for (const p of ports) {
    if (p.proto !== q.proto || p.hostPort !== q.port) continue;
    const any = p.hostIp === '0.0.0.0' || p.hostIp === '::' || p.hostIp === '';
    const fam = p.hostIp.includes(':') ? 6 : 4;
    if (any ? fam !== d.v : p.hostIp !== q.daddr) continue;
    for (const pr of p.probes) {
      if (pr.daddr !== q.daddr) continue;
      for (const c of pr.classes) {
        if (c.iif !== q.iif) continue;
        const inside = c.sources.some((t) => t === 'any' || inInterval(t, src));
        if (inside) verdicts.push({ verdict: c.verdict, why: `${p.service} ${p.hostIp}:${p.hostPort}/${p.proto} (${p.path}) ${c.verdict}${c.decidedBy ? ` by ${c.decidedBy.text}${c.decidedBy.by === 'docker' ? ' (Docker)' : c.decidedBy.file ? ` [${c.decidedBy.file}:${c.decidedBy.line}]` : ''}` : ''}${c.reply ? `, reply ${c.reply}` : ''}` });
      }
    }
  }
  if (!verdicts.length) return { verdict: 'closed', why: 'no exposure row for this destination (not published there)' };
  const open = verdicts.find((v) => v.verdict === 'open');
  if (open) return open;
  return verdicts.find((v) => v.verdict === 'unknown') ?? verdicts[0];
}

function inInterval(text: string, a: NonNullable<ReturnType<typeof parseIp>>): boolean {
  const iv = parseIpInterval(text);
  return !!iv && iv.v === a.v && contains(iv, a);
}
