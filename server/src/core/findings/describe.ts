/**
 * Shared wording for findings: classes of traffic, rules and chains, in one line each.
 */
import type { Analysis, PortReport } from '../analysis';
import { formatInterval, maxOf, type IpInterval } from '../net/ip';
import type { ReachClass } from '../netfilter/reach';
import type { TraceStep } from '../netfilter/trace';
import { type Span, shownRule } from '../text';

/**
 * Accepted and forwarded with the engine's rules, dropped by the admin's rules alone (DW001's
 * bypass). A baseline drop by the kernel itself (a martian destination such as 127.0.0.1 from the
 * network, no route) is not the admin's firewall refusing the traffic: that case belongs to DW008.
 */
export function isBypass(c: ReachClass): boolean {
  const by = c.baseline?.decidedBy?.kind;
  return c.verdict === 'accept' && c.delivery === 'forward' && c.baseline?.verdict === 'drop' && (by === 'rule' || by === 'policy');
}

/** The step of a packet's path that rewrote its destination (the engine's DNAT). */
export function dnatStep(c: ReachClass): (TraceStep & { kind: 'rule' }) | undefined {
  return c.example.steps.find((s): s is TraceStep & { kind: 'rule' } => s.kind === 'rule' && s.rewrite?.kind === 'dnat');
}

/**
 * Source intervals in a few words: `10.0.0.0/8, 192.0.2.7`; when they are all of one IP version,
 * `any IPv4 source`, or, but for a few gaps, `any source except 10.89.0.0/24` (at most `max`
 * items, then `, +N more`).
 */
export function sourcesText(ivs: readonly IpInterval[], max = 3): string {
  const list = (xs: readonly IpInterval[]) => `${xs.slice(0, max).map(formatInterval).join(', ')}${xs.length > max ? `, +${xs.length - max} more` : ''}`;
  const v = ivs[0]?.v;
  if (v === undefined || ivs.some((x) => x.v !== v)) return list(ivs);
  const merged: { lo: bigint; hi: bigint }[] = [];
  for (const x of [...ivs].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0))) {
    const last = merged[merged.length - 1];
    if (last && x.lo <= last.hi + 1n) last.hi = x.hi > last.hi ? x.hi : last.hi;
    else merged.push({ lo: x.lo, hi: x.hi });
  }
  const gaps: IpInterval[] = [];
  let next = 0n;
  for (const m of merged) {
    if (m.lo > next) gaps.push({ v, lo: next, hi: m.lo - 1n });
    next = m.hi + 1n;
  }
  const max_ = maxOf(v);
  if (next <= max_) gaps.push({ v, lo: next, hi: max_ });
  if (!gaps.length) return `any IPv${v} source`;
  const covered = merged.reduce((n, m) => n + (m.hi - m.lo + 1n), 0n);
  if (gaps.length && gaps.length <= max && covered * 2n > max_) return `any source except ${gaps.map(formatInterval).join(', ')}`;
  return list(merged.map((m) => ({ v, lo: m.lo, hi: m.hi })));
}

/** `eth0 (any source)`, `eth1 (from 10.0.0.0/8, 192.0.2.7)`, `eth0 (any source except 10.89.0.0/24)`. */
export function describeClass(c: ReachClass): string {
  return c.anySource ? `${c.iif} (any source)` : onInterface(c.iif, c.sources);
}

/** `eth0 (from 10.0.0.0/8)`, `eth0 (any IPv4 source)`, `eth0 (any source except 10.89.0.0/24)`. */
function onInterface(iif: string, sources: readonly IpInterval[]): string {
  const text = sourcesText(sources);
  return text.startsWith('any ') ? `${iif} (${text})` : `${iif} (from ${text})`;
}

/** Plain words: `anyone reaching eth0 or wg0`, `10.0.0.0/8 on eth0`. */
export function plainClasses(classes: readonly ReachClass[]): string {
  const byIf = new Map<string, ReachClass[]>();
  for (const c of classes) byIf.set(c.iif, [...(byIf.get(c.iif) ?? []), c]);
  const any = [...byIf].filter(([, cs]) => cs.some((c) => c.anySource)).map(([i]) => i);
  const some = [...byIf].filter(([, cs]) => !cs.some((c) => c.anySource));
  const parts: string[] = [];
  if (any.length) parts.push(`anyone reaching ${any.length === 1 ? any[0] : `${any.slice(0, -1).join(', ')} or ${any[any.length - 1]}`}`);
  for (const [iif, cs] of some) {
    const text = sourcesText(cs.flatMap((c) => c.sources));
    parts.push(
      text.startsWith('any source except ')
        ? `anyone reaching ${iif} except from ${text.slice('any source except '.length)}`
        : text.startsWith('any IPv')
          ? `anyone reaching ${iif} over ${text.slice('any '.length, -' source'.length)}`
          : `${text} on ${iif}`,
    );
  }
  return parts.join(', and ');
}

/** Merges classes of the same interface into one description each. */
export function describeClasses(classes: readonly ReachClass[]): string {
  const byIf = new Map<string, ReachClass[]>();
  for (const c of classes) byIf.set(c.iif, [...(byIf.get(c.iif) ?? []), c]);
  return [...byIf.values()]
    .map((cs) => (cs.length === 1 ? describeClass(cs[0]) : onInterface(cs[0].iif, cs.flatMap((c) => c.sources))))
    .join(', ');
}

/** The rule or policy that decided, as `rule \`...\`` / `the policy drop of inet filter input`, with its span. */
export function describeDecision(step: TraceStep | undefined): { text: string; span?: Span } | undefined {
  if (!step) return undefined;
  if (step.kind === 'rule') return { text: `\`${shownRule(step.rule.text)}\``, span: step.rule.span };
  if (step.kind === 'policy') return { text: `the ${step.verdict} policy of ${step.family} ${step.table} ${step.chain}` };
  if (step.kind === 'unknown') return { text: step.reason, span: step.span };
  return undefined;
}

export function hostPortText(ip: string, port: number, proto: string): string {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return `${host}:${port}/${proto}`;
}

/**
 * Where a finding about a compose port is shown: the short-syntax item itself, or in the long
 * syntax the `published` value (the `target` value when nothing is published), so a multi-line
 * mapping does not turn into one long squiggle.
 */
export function portSpan(port: { readonly source: { readonly syntax: 'short' | 'long'; readonly item: Span; readonly published?: { readonly span: Span }; readonly target?: { readonly span: Span } } }): Span {
  const s = port.source;
  if (s.syntax === 'short') return s.item;
  return s.published?.span ?? s.target?.span ?? s.item;
}

/** The port reports of each compose port item (one item may publish on several addresses and families). */
export function reportsByItem(analysis: Analysis): PortReport[][] {
  const byItem = new Map<string, PortReport[]>();
  for (const p of analysis.ports) {
    if (!p.port) continue;
    const key = `${p.port.source.item.file}:${p.port.source.item.start}:${p.port.target}`;
    byItem.set(key, [...(byItem.get(key) ?? []), p]);
  }
  return [...byItem.values()];
}

/**
 * Per predicate, what it selects of each list of classes (a probe's list is kept across analyses
 * while the rules it met do not change: after an edit, most ports' lists are the same objects, and
 * a large ruleset's lists hold hundreds of classes). `pick` must be a function that stays the same.
 */
const picked = new WeakMap<(c: ReachClass) => boolean, WeakMap<readonly ReachClass[], readonly ReachClass[]>>();

/** The classes of a list that `pick` selects (see `picked`). */
export function selected(list: readonly ReachClass[], pick: (c: ReachClass) => boolean): readonly ReachClass[] {
  let memo = picked.get(pick);
  if (!memo) picked.set(pick, (memo = new WeakMap()));
  let some = memo.get(list);
  if (!some) memo.set(list, (some = list.filter(pick)));
  return some;
}

/** The classes of an item's reports that `pick` selects, and the first such class's published destination. */
export function pickClasses(reports: readonly PortReport[], pick: (c: ReachClass) => boolean): { classes: ReachClass[]; dest?: string } {
  const classes: ReachClass[] = [];
  let dest: string | undefined;
  for (const r of reports)
    for (const probe of r.probes) {
      const some = selected(probe.classes, pick);
      if (!some.length) continue;
      for (const c of some) classes.push(c);
      dest ??= hostPortText(probe.daddr, r.binding.hostPort, r.binding.proto);
    }
  return { classes, dest };
}

/**
 * The container engine in the findings' words: whose DNAT it is, and what puts its rules back
 * after a reload removed them.
 */
export function engineWords(analysis: Pick<Analysis, 'engineName'>): { readonly name: string; readonly restores: string } {
  return analysis.engineName === 'podman'
    ? { name: 'Podman', restores: 'netavark adds them again (`podman network reload --all`, or the containers restart)' }
    : { name: 'Docker', restores: 'dockerd restarts' };
}
