/**
 * The static twin of `nft monitor trace`: every step a simulated packet takes, and a text form a
 * person can follow.
 *
 * A trace lists, per hook, each base chain the packet enters (with the packet as that chain sees
 * it), each rule that matched (with its verdict; rules that did not match are not listed, as in the
 * kernel's trace), chain policies, NAT rewrites (before → after), the routing decision and, for an
 * `unknown` result, where the simulation could not decide.
 */
import { type Span, shownRule } from '../text';
import type { Family, Hook, Backend } from './model';

/** Where a step happened. */
export interface StepPlace {
  readonly hook: Hook;
  readonly family: Family;
  readonly table: string;
  readonly backend: Backend;
  readonly chain: string;
}

export interface RuleRef {
  readonly span: Span;
  readonly text: string;
  readonly handle?: number;
  readonly origin?: string;
  readonly comment?: string;
}

/** The packet's fields as a chain sees them, formatted (addresses as text). */
export interface PacketView {
  readonly iif: string;
  readonly oif: string;
  readonly saddr: string;
  readonly daddr: string;
  readonly proto: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly ctState: string;
  /** `0x…`, or `?` when a computed value made it unknown. */
  readonly mark: string;
}

export interface NatRewrite {
  /** `unsnat` / `undnat`: conntrack reversing a connection's NAT on its replies. */
  readonly kind: 'dnat' | 'snat' | 'masquerade' | 'redirect' | 'unsnat' | 'undnat';
  readonly before: { readonly addr: string; readonly port?: number };
  readonly after: { readonly addr: string; readonly port?: number };
  /** E.g. "the kernel picks one address of 10.0.0.1-10.0.0.9; the first is used". */
  readonly note?: string;
}

/** An unmodelled statement the simulation had to take both ways; `assumed` is the branch this trace follows. */
export interface Assumption {
  readonly span: Span;
  readonly reason: string;
  readonly assumed: string;
}

/**
 * A verdict that rests on the packet being the first of a new flow: a rate limit's bucket starts
 * full, a connection limit counts this connection alone, a `recent` list does not yet hold a fresh
 * source. Later packets of a flood may be decided otherwise ("reachable, rate-limited").
 */
export interface FirstPacketNote {
  readonly span: Span;
  readonly note: string;
}

export type TraceStep =
  | ({ readonly kind: 'chain'; readonly priority: number; readonly packet: PacketView } & StepPlace)
  | ({
      readonly kind: 'rule';
      readonly rule: RuleRef;
      /** `accept`, `drop`, `continue`, `return`, `jump X`, `goto X`, `queue`, `unknown`. */
      readonly verdict: string;
      readonly rewrite?: NatRewrite;
      readonly mark?: string;
      readonly assumed?: readonly Assumption[];
      /** Stateful matches of this rule decided for the first packet of a new flow. */
      readonly notes?: readonly FirstPacketNote[];
    } & StepPlace)
  | ({ readonly kind: 'policy'; readonly verdict: 'accept' | 'drop' } & StepPlace)
  | ({ readonly kind: 'skip'; readonly reason: string } & StepPlace)
  | {
      readonly kind: 'route';
      readonly decision: 'local' | 'forward' | 'drop';
      readonly oif?: string;
      readonly how: string;
    }
  | { readonly kind: 'unknown'; readonly place?: StepPlace; readonly reason: string; readonly span?: Span }
  /** Conntrack's own work on a packet outside any rule: the reverse NAT of a reply. */
  | { readonly kind: 'conntrack'; readonly hook: Hook; readonly rewrite: NatRewrite; readonly how: string };

export type Verdict = 'accept' | 'drop' | 'unknown';

export interface FinalPacket {
  readonly saddr: string;
  readonly daddr: string;
  readonly proto: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly iif: string;
  /** The output interface after routing; empty for local delivery and for drops before routing. */
  readonly oif: string;
}

export interface SimResult {
  readonly verdict: Verdict;
  /** Where an accepted packet goes: forwarded to `final.oif`, or delivered to a local socket. */
  readonly delivery: 'forward' | 'local' | null;
  /** For `unknown` (and for drops by the kernel outside any rule: no route, martians). */
  readonly reason?: { readonly message: string; readonly span?: Span };
  /** The step that decided: the dropping rule or policy, the last accept, or the unknown statement. */
  readonly decidedBy?: TraceStep;
  readonly final: FinalPacket;
  /** The steps; for an unknown result, the steps all branches share, then an `unknown` step. */
  readonly steps: readonly TraceStep[];
  readonly rewrites: readonly NatRewrite[];
  /** Unmodelled statements that were met (also those that turned out not to matter). */
  readonly assumptions: readonly Assumption[];
  /** How many paths were explored (1 when nothing unknown was met). */
  readonly branches: number;
  /**
   * For an accepted packet simulated with `reply`: the connection's first reply on its way back
   * (direction reply, state established). A connection works only when this is accepted too.
   */
  readonly reply?: SimResult;
  /**
   * Stateful matches (rate limits, connection limits, `recent` lists) on the deciding path, decided
   * for the first packet of a new flow from a fresh source: the verdict holds for that packet; a
   * flood may meet another one. Absent when none was met.
   */
  readonly firstPacket?: readonly FirstPacketNote[];
}

const place = (s: StepPlace): string => `${s.backend === 'legacy' ? 'legacy ' : ''}${s.family} ${s.table} ${s.chain}`;

function where(span: Span): string {
  return `${span.file}:${span.range.start.line + 1}`;
}

export function formatPacketView(p: PacketView): string {
  const parts = [`iif "${p.iif}"`];
  if (p.oif) parts.push(`oif "${p.oif}"`);
  parts.push(`saddr ${p.saddr}`, `daddr ${p.daddr}`, p.proto);
  if (p.sport !== undefined) parts.push(`sport ${p.sport}`);
  if (p.dport !== undefined) parts.push(`dport ${p.dport}`);
  parts.push(`ct state ${p.ctState}`);
  if (p.mark !== '0x0') parts.push(`mark ${p.mark}`);
  return parts.join(' ');
}

function endpoint(e: { addr: string; port?: number }): string {
  return e.port === undefined ? e.addr : e.addr.includes(':') ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`;
}

export function formatRewrite(r: NatRewrite): string {
  return `${r.kind} ${endpoint(r.before)} -> ${endpoint(r.after)}${r.note ? ` (${r.note})` : ''}`;
}

/** One line per step, like `nft monitor trace` without the trace ids; 1-based line numbers. */
export function formatStep(s: TraceStep): string {
  switch (s.kind) {
    case 'chain':
      return `${s.hook} ${place(s)} (priority ${s.priority}) packet: ${formatPacketView(s.packet)}`;
    case 'rule': {
      let line = `  ${place(s)} rule ${shownRule(s.rule.text)} (verdict ${s.verdict})  [${where(s.rule.span)}]`;
      if (s.rewrite) line += `\n    nat: ${formatRewrite(s.rewrite)}`;
      if (s.mark) line += `\n    mark set ${s.mark}`;
      for (const a of s.assumed ?? []) line += `\n    assuming ${a.assumed}: ${a.reason} [${where(a.span)}]`;
      for (const n of s.notes ?? []) line += `\n    first packet: ${n.note} [${where(n.span)}]`;
      return line;
    }
    case 'policy':
      return `  ${place(s)} policy ${s.verdict}`;
    case 'skip':
      return `${s.hook} ${place(s)} skipped: ${s.reason}`;
    case 'route':
      return s.decision === 'forward' ? `routing: forward via ${s.oif} (${s.how})` : s.decision === 'local' ? `routing: local delivery (${s.how})` : `routing: drop (${s.how})`;
    case 'unknown':
      return `unknown: ${s.reason}${s.span ? ` [${where(s.span)}]` : ''}`;
    case 'conntrack':
      return `${s.hook} conntrack: ${formatRewrite(s.rewrite)} (${s.how})`;
  }
}

/** The whole trace, then a one-line summary. */
export function formatTrace(r: SimResult): string {
  const lines = r.steps.map(formatStep);
  const f = r.final;
  const dest = f.dport === undefined ? f.daddr : endpoint({ addr: f.daddr, port: f.dport });
  let summary: string;
  if (r.verdict === 'accept') summary = r.delivery === 'local' ? `ACCEPT: delivered locally to ${dest}/${f.proto}` : `ACCEPT: forwarded to ${dest}/${f.proto} via ${f.oif}`;
  else if (r.verdict === 'drop') summary = `DROP${r.reason ? `: ${r.reason.message}` : ''}`;
  else summary = `UNKNOWN: ${r.reason?.message ?? 'not decidable'}${r.reason?.span ? ` [${where(r.reason.span)}]` : ''}`;
  const notes = r.assumptions.length && r.verdict !== 'unknown' ? [`(${r.assumptions.length} unmodelled statement(s) met; the verdict is the same either way)`] : [];
  if (r.firstPacket?.length && r.verdict !== 'unknown') {
    notes.push(`(${r.verdict === 'accept' ? 'reachable, rate-limited' : 'decided'} for the first packet of a new flow: ${r.firstPacket.map((n) => `${n.note} [${where(n.span)}]`).join('; ')})`);
  }
  const reply = r.reply ? ['', 'reply:', formatTrace(r.reply)] : [];
  return [...lines, summary, ...notes, ...reply].join('\n');
}
