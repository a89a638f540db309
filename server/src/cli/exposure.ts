/**
 * The exposure report of `dockwall check`: every published port (and every port a
 * `network_mode: host` service listens on), per destination address, ingress interface and source
 * range, with open / closed / unknown and the rule or policy that decides.
 *
 * `exposure(result, cwd)` gives the rows as the stable JSON shape (`ports` in `--format json`);
 * `formatExposure(rows)` prints them as the table that follows the findings in the text output.
 * The real-Docker suite (test/realdocker) judges exactly these rows against real probes.
 */
import { relPath } from './text';
import type { CheckResult } from '../core/check';
import { describeDecision } from '../core/findings/describe';
import { externalInterfaces, inputAccept } from '../core/findings/dw002-port-published-on-all-addresses';
import { formatInterval, type IpInterval } from '../core/net/ip';
import { reach, type ReachClass } from '../core/netfilter/reach';
import type { SimResult, TraceStep } from '../core/netfilter/trace';
import { type Span, shorten } from '../core/text';
import { FIREWALLD_FILE } from '../core/firewalld';

export type Openness = 'open' | 'closed' | 'unknown';

export interface ExposureDecision {
  readonly text: string;
  /** The rule's file and 1-based line when a rule of a file decides (not for policies or Docker's own rules). */
  readonly file?: string;
  readonly line?: number;
  /** Who wrote the deciding rule: the admin's files, or Docker (its rules are synthesized). */
  readonly by?: 'admin' | 'docker';
}

export interface ExposureClass {
  readonly iif: string;
  /** `["any"]`, or the source ranges of the class (addresses, CIDRs, `lo-hi`). */
  readonly sources: readonly string[];
  readonly verdict: Openness;
  readonly decidedBy: ExposureDecision | null;
  /** Whether the connection's replies get back (null: replies were not simulated). */
  readonly reply: 'ok' | 'dropped' | 'unknown' | null;
}

export interface ExposureProbe {
  readonly daddr: string;
  readonly family: 4 | 6;
  readonly classes: readonly ExposureClass[];
}

export interface ExposurePort {
  readonly service: string;
  /** The compose item that publishes the port (file relative to the working directory, 1-based line). */
  readonly file: string | null;
  readonly line: number | null;
  /** Host address as Docker binds it (`0.0.0.0`, `::`, or an address). */
  readonly hostIp: string;
  readonly hostPort: number;
  readonly proto: string;
  readonly containerPort: number;
  /** `dnat`, `proxy-only` (docker-proxy), `routed`, or `host` (a `network_mode: host` service: the input chain governs it). */
  readonly path: 'dnat' | 'proxy-only' | 'routed' | 'host';
  /** Docker picked the host port (ephemeral or from a range): why. */
  readonly note?: string;
  readonly probes: readonly ExposureProbe[];
}


const openness = (v: string): Openness => (v === 'accept' ? 'open' : v === 'drop' ? 'closed' : 'unknown');

function decisionOf(step: TraceStep | undefined, d: { text: string; span?: Span } | undefined, cwd: string): ExposureDecision | null {
  if (!d) return null;
  const span = d.span ?? (step?.kind === 'rule' ? step.rule.span : undefined);
  // A rule with an origin is Docker's, also when it was found in a dump the user gave (it then has a file and line).
  const docker = step?.kind === 'rule' && step.rule.origin !== undefined;
  const real = span && !span.file.startsWith('<') && !/^Docker\b/.test(span.file);
  if (real) return { text: d.text, file: relPath(span.file, cwd), line: span.range.start.line + 1, by: docker ? 'docker' : 'admin' };
  // firewalld's own rules (its virtual file) are the admin's firewall, not Docker's
  if (step?.kind === 'rule' && !docker && span?.file === FIREWALLD_FILE) return { text: d.text, file: span.file, line: span.range.start.line + 1, by: 'admin' };
  if (step?.kind === 'rule') return { text: d.text, by: 'docker' };
  return { text: d.text };
}

/** The simulated reply of a class or of a simulation, where the simulator gives one. */
const replyOf = (x: ReachClass | SimResult): SimResult | undefined => (x as { reply?: SimResult }).reply;

const sourcesOf = (c: ReachClass): string[] => (c.anySource ? ['any'] : c.sources.map(formatInterval));

/**
 * Classes of one destination that read the same (interface, verdict, decision, replies) become one
 * row: the simulator splits sources wherever any outcome differs (routing, the baseline, the final
 * address), which the report does not show. The classes of an interface partition its sources, so
 * an interface left with one row is `any`.
 */
function mergeRows(classes: readonly ReachClass[], rows: readonly ExposureClass[]): ExposureClass[] {
  const groups = new Map<string, { row: ExposureClass; ivs: IpInterval[] }>();
  rows.forEach((row, i) => {
    const key = JSON.stringify([row.iif, row.verdict, row.decidedBy, row.reply]);
    const g = groups.get(key);
    if (g) g.ivs.push(...classes[i].sources);
    else groups.set(key, { row, ivs: [...classes[i].sources] });
  });
  const perIf = new Map<string, number>();
  for (const g of groups.values()) perIf.set(g.row.iif, (perIf.get(g.row.iif) ?? 0) + 1);
  return [...groups.values()].map(({ row, ivs }) => {
    if (perIf.get(row.iif) === 1) return { ...row, sources: ['any'] };
    const sorted = [...ivs].sort((x, y) => (x.lo < y.lo ? -1 : x.lo > y.lo ? 1 : 0));
    const merged: IpInterval[] = [];
    for (const iv of sorted) {
      const last = merged[merged.length - 1];
      if (last && iv.lo <= last.hi + 1n) merged[merged.length - 1] = { ...last, hi: iv.hi > last.hi ? iv.hi : last.hi };
      else merged.push(iv);
    }
    return { ...row, sources: merged.map(formatInterval) };
  });
}

const rowsOf = (classes: readonly ReachClass[], cwd: string, hostNetwork: boolean): ExposureClass[] =>
  mergeRows(classes, classes.map((c) => classOf(c, cwd, hostNetwork)));

function classOf(c: ReachClass, cwd: string, hostNetwork: boolean): ExposureClass {
  // The reply direction (when the simulator computes it): the class's own field, else its example's.
  const reply = replyOf(c) ?? replyOf(c.example);
  const replyState = reply ? (reply.verdict === 'accept' ? 'ok' : reply.verdict === 'drop' ? 'dropped' : 'unknown') : null;
  // A connection is open only when its replies get back: an accepted request whose reply is dropped is closed (by the reply's rule).
  if (c.verdict === 'accept' && reply && reply.verdict !== 'accept')
    return { iif: c.iif, sources: sourcesOf(c), verdict: openness(reply.verdict), decidedBy: decisionOf(reply.decidedBy, describeDecision(reply.decidedBy), cwd), reply: replyState };
  const decided = hostNetwork && c.verdict === 'accept' ? inputAccept(c.example) : describeDecision(c.decidedBy);
  const step = hostNetwork && c.verdict === 'accept' ? undefined : c.decidedBy;
  return { iif: c.iif, sources: sourcesOf(c), verdict: openness(c.verdict), decidedBy: decisionOf(step, decided, cwd), reply: replyState };
}

/** Every published port of the analysis with who reaches it; for `--format json` (`ports`) and the text table. */
export function exposure(result: Pick<CheckResult, 'analysis'>, cwd: string): ExposurePort[] {
  const a = result.analysis;
  const out: ExposurePort[] = [];
  for (const p of a.ports) {
    const b = p.binding;
    const item = p.port?.source.item ?? b.source?.span;
    out.push({
      service: p.service,
      file: item ? relPath(item.file, cwd) : null,
      line: item ? item.range.start.line + 1 : null,
      hostIp: b.hostIp,
      hostPort: b.hostPort,
      proto: b.proto,
      containerPort: b.containerPort,
      path: b.path,
      ...(b.note ? { note: b.note } : {}),
      probes: p.probes.map((pr) => ({ daddr: pr.daddr, family: pr.family, classes: rowsOf(pr.classes, cwd, false) })),
    });
  }
  // Host-network services listen on the host itself, on their container ports: the input chain
  // decides. One row per family, as Docker's own bindings (`0.0.0.0` and `::`).
  for (const svc of a.project.services.values()) {
    if (!svc.active || svc.networkMode.kind !== 'host') continue;
    for (const port of svc.ports) {
      const proto = port.protocol.toLowerCase();
      for (const family of [4, 6] as const) {
        const probes: ExposureProbe[] = [];
        for (const i of externalInterfaces(a))
          for (const addr of i.addresses) {
            if (addr.v !== family) continue;
            const classes = reach(a.ruleset, a.host, { daddr: addr.text, proto, dport: port.target }, { interfaces: [i.name] });
            probes.push({ daddr: addr.text, family, classes: rowsOf(classes, cwd, true) });
          }
        if (!probes.length) continue;
        out.push({
          service: svc.name,
          file: relPath(port.source.item.file, cwd),
          line: port.source.item.range.start.line + 1,
          hostIp: family === 4 ? '0.0.0.0' : '::',
          hostPort: port.target,
          proto,
          containerPort: port.target,
          path: 'host',
          probes,
        });
      }
    }
  }
  return out;
}

const hostPort = (ip: string, port: number, proto: string): string => `${ip.includes(':') ? `[${ip}]` : ip}:${port}/${proto}`;

/** The exposure table: one block per port, one line per destination × interface × source class. */
/** The table; lines longer than `width` (when given) are cut with an ellipsis. */
export function formatExposure(ports: readonly ExposurePort[], width?: number, engine = 'Docker'): string {
  if (!ports.length) return 'exposure: no published port\n';
  const rows: string[][] = [['SERVICE', 'ITEM', 'PUBLISHED', 'TO', 'DESTINATION', 'IIF', 'SOURCES', 'VERDICT', 'DECIDED BY']];
  for (const p of ports) {
    const first = [p.service, p.file ? `${p.file}:${p.line}` : '-', hostPort(p.hostIp, p.hostPort, p.proto), p.path === 'host' ? 'host network' : `${p.containerPort || '?'} (${p.path})`];
    let head = true;
    const lines: string[][] = [];
    for (const pr of p.probes)
      for (const c of pr.classes) {
        const verdict = c.reply === 'dropped' ? `${c.verdict} (replies dropped)` : c.verdict;
        const by = c.decidedBy ? `${c.decidedBy.text}${c.decidedBy.by === 'docker' ? ` (${engine})` : ''}${c.decidedBy.file ? ` [${c.decidedBy.file}:${c.decidedBy.line}]` : ''}` : '-';
        lines.push([...(head ? first : ['', '', '', '']), pr.daddr, c.iif, c.sources.join(', '), verdict, by]);
        head = false;
      }
    if (!lines.length) lines.push([...first, '-', '-', '-', 'closed', p.hostPort === 0 ? 'no host port' : 'no external interface reaches it']);
    rows.push(...lines);
  }
  const widths = rows[0].map((_, i) => Math.min(48, Math.max(...rows.map((r) => (i < r.length - 1 ? r[i].length : 0)))));
  const text = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
  // Only the last column (what decides) gives way to the width; the verdict always shows.
  const last = 2 + widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  const limit = width && Math.max(width, last + 24);
  return `exposure (${ports.length} port${ports.length === 1 ? '' : 's'}):\n${text.map((l) => (limit ? shorten(`  ${l}`, limit) : `  ${l}`)).join('\n')}\n`;
}
