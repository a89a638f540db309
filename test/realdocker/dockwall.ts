/**
 * Dockwall's side of a scenario: the project folder as a user would give it to `dockwall check DIR`
 * (compose.yaml, the admin's rulesets or ufw files, daemon.json, host.json), the analysis run in
 * process through `check()`, and the exposure rows the CLI prints (`ports` in `--format json`). A
 * probe's expected outcome is read from those rows: the row of its host port, protocol and address,
 * the destination it was sent to, the class of its ingress interface and source address.
 *
 * Each scenario is judged in four forms: `config` (the admin's files; Docker's rules synthesized for
 * the release) and three live dumps of the running host, which hold Docker's rules as installed:
 * `dump-iptables-save` (iptables-save + ip6tables-save, plus the admin's nftables file, whose native
 * tables iptables-save does not show), `dump-nft` (`nft list ruleset` alone; iptables-nft hosts
 * only: legacy tables are invisible to nft) and `dump-nft-json` (`nft -j list ruleset` with
 * iptables-save + ip6tables-save beside it, from which its iptables-nft tables are read).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { discoverHost } from '../../server/src/cli/commands/check';
import { exposure, type ExposurePort, type Openness } from '../../server/src/cli/exposure';
import { check, type CheckResult } from '../../server/src/core/check';
import type { Rule } from '../../server/src/core/netfilter/model';
import type { UfwFiles } from '../../server/src/core/ufw';
import { contains, parseIp, parseIpInterval } from '../../server/src/core/net/ip';
import { languages } from '../../server/src/host/assets';
import { createFsReader } from '../../server/src/host/fs-reader';
import type { HostDumps } from './harness';
import { DOCKWALL_VERSION, hostJson, type Scenario } from './scenario';

export type Form = 'config' | 'dump-iptables-save' | 'dump-nft' | 'dump-nft-json' | 'audit';
export const FORMS: readonly Form[] = ['config', 'dump-iptables-save', 'dump-nft', 'dump-nft-json', 'audit'];

/**
 * `dockwall audit --format json` as it ran inside the running host (its own Engine API, live
 * rulesets and interfaces): its exposure rows judged like every other form. A finding that gives
 * one of Docker's rules as the admin's is an issue-12 violation here too.
 */
export function auditView(stdout: string, code: number, stderr: string): DockwallView {
  let doc: { ports?: ExposurePort[]; diagnostics?: { severity: string; message: string }[]; findings?: { code: string; message: string }[] } = {};
  const errors: string[] = [];
  try {
    doc = JSON.parse(stdout) as typeof doc;
  } catch {
    errors.push(`audit printed no JSON (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
  }
  if (code === 2) errors.push(`audit exit 2: ${(doc.diagnostics ?? []).map((d) => d.message).join('; ') || stderr.trim()}`);
  const ports = doc.ports ?? [];
  const violations = ports.flatMap((p) => p.probes.flatMap((pr) => pr.classes.filter((c) => c.decidedBy?.by === 'admin' && /^`-A DOCKER/.test(c.decidedBy.text)).map((c) => `audit: exposure row ${p.hostIp}:${p.hostPort}/${p.proto}: Docker's rule ${c.decidedBy!.text} given as the admin's`)));
  return { form: 'audit', ports, errors, findings: (doc.findings ?? []).map((f) => `${f.code}: ${f.message}`), violations, xtWarned: false, unmodelled: new Set(), dockerRules: new Map() };
}

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
  readonly form: Form;
  readonly ports: readonly ExposurePort[];
  readonly errors: readonly string[];
  readonly findings: readonly string[];
  /**
   * What issue 12 forbids: a rule in Docker's chains not attributed to Docker, a finding or an
   * exposure row that gives one of Docker's rules as the admin's, a DW009 on a rule iptables-save reads.
   */
  readonly violations: readonly string[];
  /** A warning says an `nft list ruleset` holds iptables-nft rules nft could not decode. */
  readonly xtWarned: boolean;
  /** The messages of its DW009 findings (what the simulator does not model). */
  readonly unmodelled: ReadonlySet<string>;
  /** Docker's rules as this analysis has them (synthesized, or found in the dumps), by {@link ruleKey}. */
  readonly dockerRules: ReadonlyMap<string, readonly string[]>;
}

/** Where a scenario's dumps are written (inside the project folder, where `check DIR` does not look). */
const DUMPS = 'dumps';

export function writeDumps(dir: string, d: HostDumps): void {
  const out = path.join(dir, DUMPS);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'rules.v4'), d.v4);
  writeFileSync(path.join(out, 'rules.v6'), d.v6);
  writeFileSync(path.join(out, 'ruleset.nft'), d.nft);
  writeFileSync(path.join(out, 'ruleset.json'), d.nftJson);
}

/** The files a form gives `check` (and which of them are dumps). */
function formFiles(s: Scenario, dir: string, form: Exclude<Form, 'config'>): { rulesets: string[]; dumps: string[] } {
  const d = (n: string): string => path.join(dir, DUMPS, n);
  const adminNft = s.files.filter((f) => f.name.endsWith('.conf') || f.name.endsWith('.nft')).map((f) => path.join(dir, f.name));
  if (form === 'dump-iptables-save') return { rulesets: [d('rules.v4'), d('rules.v6'), ...adminNft], dumps: [d('rules.v4'), d('rules.v6')] };
  if (form === 'dump-nft') return { rulesets: [d('ruleset.nft')], dumps: [d('ruleset.nft')] };
  return { rulesets: [d('ruleset.json'), d('rules.v4'), d('rules.v6')], dumps: [d('ruleset.json'), d('rules.v4'), d('rules.v6')] };
}

/**
 * `dockwall check DIR` in process, with the scenario's release and iptables backend; or one of the
 * dump forms. `config`: the config form's view, whose DW009s (constructs the simulator does not
 * model, such as ufw's `-m hl`) are no violation when a dump shows the same construct.
 */
export async function analyseProject(s: Scenario, dir: string, form: Form = 'config', config?: DockwallView): Promise<DockwallView> {
  let rulesetFiles: string[];
  let ufw: UfwFiles | undefined;
  let dumps: string[] = [];
  if (form === 'config') {
    const host = discoverHost(dir);
    rulesetFiles = host.rulesetFiles.filter((f) => path.dirname(f) === dir);
    ufw = host.ufw;
  } else {
    const f = formFiles(s, dir, form);
    rulesetFiles = f.rulesets;
    dumps = f.dumps;
  }
  const result = check({
    reader: createFsReader(),
    cwd: dir,
    env: {},
    languages: await languages(),
    composeFiles: [path.join(dir, 'compose.yaml')],
    projectDirectory: dir,
    rulesetFiles,
    ...(ufw ? { ufw } : {}),
    daemonFile: s.daemon ? path.join(dir, 'daemon.json') : undefined,
    hostFile: path.join(dir, 'host.json'),
    dockerVersion: DOCKWALL_VERSION[s.release],
    // a dump says which iptables it was written by (its header); the config form is told
    ...(form === 'config' ? { iptablesBackend: s.iptables } : {}),
  });
  const ports = exposure(result, dir);
  return {
    form,
    ports,
    errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${path.relative(dir, d.span.file)}:${d.span.range.start.line + 1}: ${d.message}`),
    findings: result.findings.map((f) => `${f.code} ${path.relative(dir, f.span.file)}:${f.span.range.start.line + 1}: ${f.message}`),
    violations: violations(result, ports, dir, form, new Set(dumps), config?.unmodelled ?? new Set()),
    unmodelled: new Set(result.findings.filter((f) => f.code === 'DW009').map((f) => f.message)),
    xtWarned: result.diagnostics.some((d) => d.severity === 'warning' && /written by iptables-nft/.test(d.message)),
    dockerRules: dockerRules(result),
  };
}

const DOCKER_CHAIN = /^DOCKER(-|$)/;
const at = (file: string, line: number): string => `${file}:${line}`;

function* rulesOf(result: CheckResult): Generator<{ family: string; table: string; chain: string; rule: Rule }> {
  for (const t of result.analysis.ruleset.tables) for (const c of t.chains.values()) for (const rule of c.rules) yield { family: t.ref.family, table: t.ref.name, chain: c.name, rule };
}

function violations(result: CheckResult, ports: readonly ExposurePort[], dir: string, form: Form, dumps: ReadonlySet<string>, unmodelled: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const byLine = new Map<string, Rule>();
  const unattributed = new Set<string>();
  for (const { family, table, chain, rule } of rulesOf(result)) {
    const k = at(rule.span.file, rule.span.range.start.line + 1);
    byLine.set(k, rule);
    if ((family === 'ip' || family === 'ip6') && DOCKER_CHAIN.test(chain) && chain !== 'DOCKER-USER' && !rule.origin && unattributed.add(k))
      out.push(`${family} ${table} ${chain}: \`${rule.text}\` sits in Docker's chain but is not attributed to Docker`);
  }
  const rel = (f: string): string => path.relative(dir, f);
  for (const f of result.findings) {
    const line = f.span.range.start.line + 1;
    const r = byLine.get(at(f.span.file, line));
    if (r?.origin && f.code !== 'DW001' && f.code !== 'DW002') out.push(`${f.code} at ${rel(f.span.file)}:${line} reports Docker's rule \`${r.text}\` as the admin's: ${f.message}`);
    for (const x of f.related ?? []) {
      const k = at(x.span.file, x.span.range.start.line + 1);
      if (unattributed.has(k)) out.push(`${f.code} at ${rel(f.span.file)}:${line} names \`${byLine.get(k)!.text}\`, a rule of Docker's chains not attributed to Docker: ${x.message}`);
    }
    if (f.code === 'DW009' && dumps.has(f.span.file)) {
      const nftListing = form === 'dump-nft' && f.span.file.endsWith('.nft');
      if (!nftListing && !unmodelled.has(f.message)) out.push(`DW009 at ${rel(f.span.file)}:${line} on a rule iptables-save reads: ${f.message}`);
    }
  }
  for (const p of ports)
    for (const pr of p.probes)
      for (const c of pr.classes) {
        const d = c.decidedBy;
        if (!d?.file || d.line === undefined) continue;
        const r = byLine.get(at(path.resolve(dir, d.file), d.line));
        if (r?.origin && d.by === 'admin') out.push(`exposure row ${p.hostIp}:${p.hostPort}/${p.proto} ${pr.daddr} ${c.iif}: Docker's rule \`${r.text}\` given as the admin's [${d.file}:${d.line}]`);
      }
  return [...new Set(out)];
}

/**
 * A Docker rule without the names Docker picks at run time (bridge names, container and subnet
 * addresses), so that the synthesized rules and the installed ones compare: `family|table|text`.
 */
export function ruleKey(family: string, table: string, text: string): string {
  const norm = text
    .split(/\s+/)
    .map((tok) => {
      if (/^br-[0-9a-f]+$|^docker0$/.test(tok)) return 'BRIDGE';
      let m = /^\[[0-9a-f:.]+\](:\d+(?:-\d+)?)?$/i.exec(tok);
      if (m) return `ADDR${m[1] ?? ''}`;
      m = /^\d+\.\d+\.\d+\.\d+(?:\/\d+)?(:\d+(?:-\d+)?)?$/.exec(tok);
      if (m) return `ADDR${m[1] ?? ''}`;
      if (/^[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*(\/\d+)?$/i.test(tok)) return 'ADDR';
      return tok;
    })
    .join(' ');
  return `${family}|${table}|${norm}`;
}

function dockerRules(result: CheckResult): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const { family, table, rule } of rulesOf(result)) {
    if (!rule.origin || (family !== 'ip' && family !== 'ip6')) continue;
    const k = ruleKey(family, table, rule.text);
    m.set(k, [...(m.get(k) ?? []), rule.text]);
  }
  return m;
}

/**
 * Docker's rules for a port that the synthesis has and the installed host lacks: the rules of its
 * family that name the host port or the container port (DNAT, the filter ACCEPT, ...), as many of
 * each kind as the synthesis has, beyond what the dump has.
 */
export function missingDockerRules(synth: DockwallView, dump: DockwallView, q: { family: 4 | 6; hostPort: number; containerPort?: number }): string[] {
  const fam = q.family === 6 ? 'ip6' : 'ip';
  const ports = [q.hostPort, ...(q.containerPort !== undefined ? [q.containerPort] : [])];
  const names = (k: string): boolean => ports.some((p) => new RegExp(`(--dport|--to-destination ADDR:|--to-destination ADDR|--to-ports) ?${p}(?!\\d)|:${p}(?!\\d)`).test(k));
  const out: string[] = [];
  for (const [k, texts] of synth.dockerRules) {
    if (!k.startsWith(`${fam}|`) || !names(k)) continue;
    const have = dump.dockerRules.get(k)?.length ?? 0;
    for (const t of texts.slice(have)) out.push(`${fam === 'ip6' ? 'ip6tables' : 'iptables'} -t ${k.split('|')[1]} ${t}`);
  }
  return out;
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
