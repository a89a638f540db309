/**
 * Compose port items and what the analysis says about them: lookup by position, the one-line
 * reachability summary (CodeLens, inlay hints), the packet paths grouped by identical route
 * (hover, `dockwall/portPath`).
 */
import type { PortReport } from '../core/analysis';
import { portText } from '../core/analysis';
import type { CheckResult } from '../core/check';
import { describeClass } from '../core/findings/describe';
import { formatInterval } from '../core/net/ip';
import type { ReachClass } from '../core/netfilter/reach';
import { formatRewrite, type SimResult, type TraceStep } from '../core/netfilter/trace';
import { type Span, shownRule } from '../core/text';

/** All reports of one compose port item (a range item or v4 + v6 bindings give several). */
export interface PortItem {
  readonly item: Span;
  readonly service: string;
  readonly reports: readonly PortReport[];
}

/** The port items of `file` in a project's analysis, in file order. */
export function portItems(result: CheckResult, file: string): PortItem[] {
  const byStart = new Map<number, { item: Span; service: string; reports: PortReport[] }>();
  for (const r of result.analysis.ports) {
    const item = r.port?.source.item;
    if (!item || item.file !== file) continue;
    let g = byStart.get(item.start);
    if (!g) byStart.set(item.start, (g = { item, service: r.service, reports: [] }));
    g.reports.push(r);
  }
  return [...byStart.values()].sort((a, b) => a.item.start - b.item.start);
}

export function portItemAt(result: CheckResult, file: string, offset: number): PortItem | undefined {
  return portItems(result, file).find((p) => p.item.start <= offset && offset <= p.item.end);
}

export interface ProbedClass {
  readonly report: PortReport;
  readonly daddr: string;
  readonly family: 4 | 6;
  readonly cls: ReachClass;
}

export function classesOf(item: PortItem): ProbedClass[] {
  const out: ProbedClass[] = [];
  for (const report of item.reports) for (const p of report.probes) for (const cls of p.classes) out.push({ report, daddr: p.daddr, family: p.family, cls });
  return out;
}

/** `any`, or the class's source intervals (three at most). */
function sourcesText(c: ReachClass): string {
  if (c.anySource) return 'any';
  const shown = c.sources.slice(0, 3).map(formatInterval);
  return shown.join(', ') + (c.sources.length > 3 ? `, +${c.sources.length - 3}` : '');
}

/**
 * One line: `reachable from eth0 (any) · wg0 (10.8.0.0/24)`, `not reachable from outside`, or
 * `unknown: <reason>` (unknown wins over a partial answer only when nothing is known to reach).
 */
export function reachSummary(item: PortItem): string {
  const all = classesOf(item);
  if (item.reports.every((r) => r.binding.hostPort === 0)) return 'not published on the host (no host port)';
  if (!all.length) return 'not reachable from outside (no external interface has an address of this family)';
  const accepted = all.filter((p) => p.cls.verdict === 'accept');
  const unknown = all.filter((p) => p.cls.verdict === 'unknown');
  const families = new Set(all.map((p) => p.family));
  const byIf = new Map<string, { fams: Set<number>; anyFams: Set<number>; parts: string[] }>();
  for (const p of accepted) {
    let g = byIf.get(p.cls.iif);
    if (!g) byIf.set(p.cls.iif, (g = { fams: new Set(), anyFams: new Set(), parts: [] }));
    g.fams.add(p.family);
    if (p.cls.anySource) g.anyFams.add(p.family);
    else g.parts.push(sourcesText(p.cls));
  }
  const parts = [...byIf.entries()].map(([iif, g]) => {
    const any = g.anyFams.size ? (g.anyFams.size === families.size ? 'any' : `any IPv${[...g.anyFams][0]}`) : '';
    const text = [any, ...g.parts].filter(Boolean).join(', ');
    return `${iif} (${text})`;
  });
  let out = parts.length ? `reachable from ${parts.join(' · ')}` : unknown.length ? '' : 'not reachable from outside';
  if (unknown.length) {
    const reason = unknown[0].cls.reason?.message ?? 'the simulation could not decide';
    out = out ? `${out} · unknown from ${[...new Set(unknown.map((u) => u.cls.iif))].join(', ')}: ${reason}` : `unknown: ${reason}`;
  }
  return out;
}

/** The steps that make up a path, as comparable text (the source address left out). */
export function pathKey(r: SimResult): string {
  return JSON.stringify([
    r.verdict,
    r.delivery,
    r.final.daddr,
    r.final.dport,
    r.final.oif,
    r.reason?.message,
    r.steps.filter((s) => s.kind !== 'chain').map((s) => (s.kind === 'rule' ? [s.hook, s.family, s.table, s.chain, s.rule.span.file, s.rule.span.start, s.verdict] : s)),
  ]);
}

export interface PathGroup {
  /** The classes that take this path (same steps and outcome). */
  readonly members: readonly ProbedClass[];
  readonly result: SimResult;
}

/** Classes with identical paths collapsed, in the order first met. */
export function pathGroups(item: PortItem): PathGroup[] {
  const groups = new Map<string, { members: ProbedClass[]; result: SimResult }>();
  for (const p of classesOf(item)) {
    const k = pathKey(p.cls.example);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { members: [], result: p.cls.example }));
    g.members.push(p);
  }
  return [...groups.values()];
}

export function classLabel(p: ProbedClass): string {
  return `${describeClass(p.cls)} → ${p.daddr.includes(':') ? `[${p.daddr}]` : p.daddr}`;
}

/** `db: 0.0.0.0:5432 → 172.18.0.4:5432/tcp`. */
export function itemTitle(item: PortItem): string {
  const b = item.reports[0].binding;
  const hosts = [...new Set(item.reports.map((r) => (r.binding.hostIp.includes(':') ? `[${r.binding.hostIp}]` : r.binding.hostIp)))].join(', ');
  return `${item.service}: ${hosts}:${b.hostPort} → ${b.containerIp}:${b.containerPort}/${b.proto}`;
}

export function itemText(item: PortItem): string {
  const p = item.reports[0].port;
  return p ? portText(p) : `${item.reports[0].binding.hostPort}`;
}

/** Where the step happened: `prerouting · ip nat PREROUTING`. */
export function stepPlace(s: TraceStep): string {
  if (s.kind === 'route') return 'routing';
  if (s.kind === 'conntrack') return `${s.hook} · conntrack`;
  if (s.kind === 'unknown') return s.place ? `${s.place.hook} · ${s.place.family} ${s.place.table} ${s.place.chain}` : '';
  return `${s.hook} · ${s.backend === 'legacy' ? 'legacy ' : ''}${s.family} ${s.table} ${s.chain}`;
}

/** The numbered-list line of a step, without the place; undefined for chain entries. */
export function stepText(s: TraceStep, link: (span: Span) => string): string | undefined {
  switch (s.kind) {
    case 'chain':
      return undefined;
    case 'rule': {
      const where = s.rule.origin ? `_${s.rule.origin}_` : link(s.rule.span);
      const nat = s.rewrite ? `; ${s.rewrite.kind} ${formatRewrite(s.rewrite).replace(/^\w+ /, '').replace(' -> ', ' → ')}` : '';
      const assumed = (s.assumed ?? []).map((a) => `; _unknown: ${a.reason}, assuming ${a.assumed}_`).join('');
      return `\`${shownRule(s.rule.text)}\` → **${s.verdict}**${nat}${assumed} (${where})`;
    }
    case 'policy':
      return `policy **${s.verdict}**`;
    case 'skip':
      return `skipped: ${s.reason}`;
    case 'route':
      return s.decision === 'forward' ? `forward via \`${s.oif}\` (${s.how})` : s.decision === 'local' ? `local delivery (${s.how})` : `drop (${s.how})`;
    case 'unknown':
      return `**unknown**: ${s.reason}${s.span ? ` (${link(s.span)})` : ''}`;
    case 'conntrack':
      return `${formatRewrite(s.rewrite).replace(' -> ', ' → ')} (${s.how})`;
  }
}

/** The final verdict with a one-line reason. */
export function verdictLine(r: SimResult, link: (span: Span) => string): string {
  const f = r.final;
  const dest = f.dport === undefined ? f.daddr : `${f.daddr.includes(':') ? `[${f.daddr}]` : f.daddr}:${f.dport}/${f.proto}`;
  const d = r.decidedBy;
  const by = !d ? '' : d.kind === 'rule' ? ` by \`${shownRule(d.rule.text)}\`${d.rule.origin ? '' : ` (${link(d.rule.span)})`}` : d.kind === 'policy' ? ` by the ${d.verdict} policy of ${d.family} ${d.table} ${d.chain}` : '';
  if (r.verdict === 'accept') return r.delivery === 'local' ? `**accept**: delivered to a local socket on ${dest}${by}` : `**accept**: forwarded to ${dest} via \`${f.oif}\`${by}`;
  if (r.verdict === 'drop') return `**drop**${by || (r.reason ? `: ${r.reason.message}` : '')}`;
  return `**unknown**: ${r.reason?.message ?? 'the simulation could not decide'}${r.reason?.span ? ` (${link(r.reason.span)})` : ''}`;
}
