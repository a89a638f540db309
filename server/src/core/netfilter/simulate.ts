/**
 * The packet-path simulator: walks a packet through the hooks of a {@link Ruleset} on a {@link Host}
 * the way the kernel does, and answers `accept`, `drop` or `unknown` (with a reason) together with a
 * trace ({@link SimResult}).
 *
 * ## Path of a packet arriving on an interface
 * 1. netdev `ingress` (chains of family netdev / inet whose `device` is the ingress interface);
 * 2. `prerouting`: every base chain of the packet's families (`ip`/`inet` for IPv4, `ip6`/`inet` for
 *    IPv6), of every table and both backends (nft and iptables-legacy), by priority, ties in load
 *    order. Conntrack runs at priority -200: earlier chains (raw) see `ct state invalid` and no
 *    conntrack fields.
 *    NAT chains (`type nat`) do not run at their own priority: the kernel runs them all from its NAT
 *    hook (priority -100 for destination NAT at prerouting/output, 100 for source NAT at
 *    input/postrouting), in their priority order, and stops after the first chain that sets up a
 *    binding (a `dnat`/`redirect`, `snat`/`masquerade`). They run only for the first packet of a
 *    connection (`ct state new` or `related`); DNAT keeps the original tuple in conntrack
 *    (`ct original ...`) and sets `ct status dnat`.
 * 3. the routing decision: a local address (and broadcast/multicast) → `input`; otherwise the
 *    longest-prefix route → `forward` then `postrouting` with that output interface. Packets to
 *    127.0.0.0/8 from a non-loopback interface, with a local source address, with no route, or to be
 *    forwarded while forwarding is off are dropped by the kernel.
 *
 * ## Verdicts
 * A drop (or reject) anywhere is final. An accept ends its own base chain only: the next base chain
 * at the hook and the later hooks still run. jump/goto/return, implicit return at the end of a
 * regular chain, the policy at the end of a base chain, verdict maps, named sets.
 *
 * ## Three values
 * Whenever a rule meets something not modelled (an `unknown` or `stateful` statement, a field the
 * model does not know, a dynamic set, a computed mark), the simulation explores both ways (the
 * match holds / does not hold; for a verdict map with an unknown key, each verdict) and joins the
 * outcomes: when every path ends with the same verdict (and, for accepts, the same delivery and
 * destination), the result is that verdict; otherwise it is `unknown` with the first unmodelled
 * statement that made a difference as reason. `unknown` is never reported as `accept`.
 */
import { type IpAddress, formatIp, formatInterval } from '../net/ip';
import { type Span, shownRule } from '../text';
import type { Backend, Chain, Expr, Family, FirstPacket, Hook, NatStmt, Rule, Ruleset, SetElement, SetStmt, Statement, Table, Value, VerdictValue } from './model';
import { formatValue } from './format';
import { type Host, primaryAddress } from './host';
import type { Packet } from './packet';
import { protocolName } from './packet';
import { loopThrough, tableGraph } from './chain-graph';
import { Candidates, chainIndex } from './sim/dispatch';
import { BREAK, type EvalCtx, type PState, type RV, type Unk, evalExpr, evalMatch, isOwn, isUnk, routeTo, typeOf, unknownPart, valueContains } from './sim/eval';
import type { Assumption, FinalPacket, FirstPacketNote, NatRewrite, PacketView, RuleRef, SimResult, StepPlace, TraceStep } from './trace';

export type { SimResult } from './trace';

/** Limits: chain call depth (beyond it: a loop, reported unknown) and explored paths. */
export const MAX_CALL_DEPTH = 32;
export const MAX_BRANCHES = 512;
/**
 * Jumps and gotos one path may take. `goto` replaces the current frame, so a goto loop never
 * deepens the call stack: without this bound it would run forever (the kernel refuses such loops).
 */
export const MAX_JUMPS = 4096;
/**
 * Forks one simulation may explore in all. Paths that merge again (same state between base chains)
 * keep the number of open paths small, so MAX_BRANCHES alone does not bound the work: a chain that
 * jumps into itself with unmodelled statements on each level forks exponentially in the depth.
 */
export const MAX_FORKS = 20_000;

/** Where the kernel runs NAT chains (their own priority only orders them among themselves). */
const NAT_HOOK_PRIORITY: Partial<Record<Hook, number>> = { prerouting: -100, output: -100, input: 100, postrouting: 100 };
const CONNTRACK_PRIORITY = -200;

// ---------------------------------------------------------------------------------------------
// Persistent lists (branches share their past)

type List<T> = { readonly head: T; readonly tail: List<T> } | null;
const cons = <T>(head: T, tail: List<T>): List<T> => ({ head, tail });
function toArray<T>(l: List<T>): T[] {
  const out: T[] = [];
  for (let x = l; x; x = x.tail) out.push(x.head);
  return out.reverse();
}

// ---------------------------------------------------------------------------------------------
// Machine state

interface Entry {
  readonly table: Table;
  readonly chain: Chain;
  readonly priority: number;
  readonly nat: boolean;
  readonly place: StepPlace;
}

interface Frame {
  readonly chain: Chain;
  readonly next: number;
}

type Stage = 'ingress' | 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';

/**
 * Address translation conntrack still owes a reply packet: the inverse of the connection's source
 * NAT (its destination goes back to the original source) at the destination-NAT hook (prerouting,
 * or output for a reply the host itself sends), and the inverse of its destination NAT (its source
 * becomes the address the client sent to) at the source-NAT hook (postrouting).
 */
interface Unnat {
  readonly dst?: { readonly addr: bigint; readonly port?: number };
  readonly src?: { readonly addr: bigint; readonly port?: number };
}

interface M {
  readonly p: PState;
  readonly stage: Stage;
  readonly entries: readonly Entry[];
  readonly pos: number;
  /** The frames of the base chain being run (empty between base chains). */
  readonly stack: readonly Frame[];
  readonly steps: List<TraceStep>;
  readonly assumptions: List<Assumption>;
  /** Stateful matches decided for the first packet of a new flow on this path. */
  readonly notes?: List<FirstPacketNote>;
  readonly rewrites: List<NatRewrite>;
  readonly delivery: 'forward' | 'local' | null;
  /** Jumps and gotos taken so far on this path. */
  readonly jumps: number;
  /** For a reply packet: the reverse NAT still to apply (see {@link Unnat}). */
  readonly unnat?: Unnat;
}

type MutM = { -readonly [K in keyof M]: M[K] };

/**
 * A copy of a machine state with every field, in one order: states are copied at nearly every
 * step, and spreads of states with and without the optional fields gave V8 many shapes to copy
 * (most of a simulation's time went to them).
 */
function copyM(m: M): MutM {
  return { p: m.p, stage: m.stage, entries: m.entries, pos: m.pos, stack: m.stack, steps: m.steps, assumptions: m.assumptions, notes: m.notes, rewrites: m.rewrites, delivery: m.delivery, jumps: m.jumps, unnat: m.unnat };
}

/** A copy of `m` with the fields of `patch`. */
function upd(m: M, patch: Partial<M>): M {
  return Object.assign(copyM(m), patch);
}

interface Outcome {
  readonly verdict: 'accept' | 'drop' | 'unknown';
  readonly m: M;
  readonly reason?: { readonly message: string; readonly span?: Span };
  readonly decidedBy?: TraceStep;
}

interface World {
  readonly ruleset: Ruleset;
  readonly host: Host;
  /** The base chains in load order, numbered in it for ties in priority (computed once per ruleset: rulesets may hold many thousands of chains). */
  readonly bases: readonly { readonly table: Table; readonly chain: Chain; readonly order: number }[];
  /** The base chains each hook runs, by hook, IP version and (ingress) interface. */
  readonly entries: Map<string, readonly Entry[]>;
  /** The first operation that could not be applied and may change any verdict (then nothing is definite). */
  readonly blocking?: Ruleset['unknowns'][number];
  readonly observe?: EvalCtx['observe'];
  readonly entered?: SimulateOptions['entered'];
  readonly asked?: EvalCtx['asked'];
  /** The evaluation context of each base chain entered on this run (see {@link ctxOf}). */
  readonly ctxs: Map<Entry, EvalCtx>;
}

export interface SimulateOptions {
  /** Called with every comparison the simulation makes (see `reach`, which splits sources by them). */
  readonly observe?: EvalCtx['observe'];
  /**
   * Called with the packet as every base chain (on every explored path) starts to see it. Rules
   * change only marks and conntrack state within a chain (NAT ends it), so these are all the
   * addresses, ports and interfaces any rule was shown.
   */
  readonly entered?: (p: PState) => void;
  /**
   * Also simulate the connection's replies when the packet is accepted (see {@link SimResult.reply}):
   * `true`, or an object whose `observe` is told the comparisons the replies' path makes (the
   * reply's destination is the original source, so `reach` splits sources by them too).
   */
  readonly reply?: boolean | { readonly observe?: EvalCtx['observe']; readonly entered?: (p: PState) => void };
  /**
   * Called with every address the host is asked about, on the packet's path and its replies'
   * (whether it is the host's own, its type, a route to it: see {@link HostQuestion}). `reach`
   * lets a path stand for sources the host sees otherwise only when the source was not one of them.
   */
  readonly asked?: EvalCtx['asked'];
}

const indexes = new WeakMap<Ruleset, Pick<World, 'bases' | 'blocking' | 'entries'>>();

function indexOf(ruleset: Ruleset): Pick<World, 'bases' | 'blocking' | 'entries'> {
  let x = indexes.get(ruleset);
  if (!x) {
    const bases: { table: Table; chain: Chain; order: number }[] = [];
    for (const t of ruleset.tables) for (const c of t.chains.values()) if (c.base) bases.push({ table: t, chain: c, order: bases.length });
    x = { bases, blocking: ruleset.unknowns.find((u) => u.affectsVerdicts === true), entries: new Map() };
    indexes.set(ruleset, x);
  }
  return x;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Simulates one packet. Pure; never throws. The result's `steps` follow the kernel's order; see the
 * module comment for the semantics.
 */
export function simulate(ruleset: Ruleset, host: Host, packet: Packet, opts: SimulateOptions = {}): SimResult {
  return run(ruleset, host, packet, 'ingress', opts);
}

/**
 * Simulates a packet the host itself sends (a local socket connecting out, such as docker-proxy
 * connecting to a container): output → routing → postrouting. `packet.iif` is ignored (a locally
 * generated packet has no input interface). An accepted packet's `delivery` is `forward` (it leaves
 * by `final.oif`); with `reply`, its reply comes back in by that interface.
 */
export function simulateLocal(ruleset: Ruleset, host: Host, packet: Packet, opts: SimulateOptions = {}): SimResult {
  return run(ruleset, host, { ...packet, iif: '' }, 'output', opts);
}

/** One run's world: the ruleset's indexes (kept per ruleset), the run's observers, its own contexts. */
function worldOf(ruleset: Ruleset, host: Host, observe: EvalCtx['observe'], entered: SimulateOptions['entered'], asked: EvalCtx['asked']): World {
  return { ruleset, host, ...indexOf(ruleset), observe, entered, asked, ctxs: new Map() };
}

function run(ruleset: Ruleset, host: Host, packet: Packet, start: 'ingress' | 'output', opts: SimulateOptions): SimResult {
  const world = worldOf(ruleset, host, opts.observe, opts.entered, opts.asked);
  const p0 = initialState(packet);
  const m0: M = {
    p: p0,
    stage: start,
    entries: entriesFor(world, start, p0),
    pos: 0,
    stack: [],
    steps: null,
    assumptions: null,
    rewrites: null,
    delivery: null,
    jumps: 0,
  };
  const outcomes = explore(world, copyM(m0));
  let result = join(outcomes, packet);
  if (opts.reply && result.verdict === 'accept') {
    const ro = typeof opts.reply === 'object' ? opts.reply : {};
    result = { ...result, reply: replyOf(ruleset, host, outcomes, ro.observe, ro.entered, opts.asked) };
  }
  // An operation that could not be applied (e.g. a `delete rule` that matched nothing we know) may
  // have changed any chain: no definite verdict then. `affectsVerdicts` comes from the UnknownOp.
  const blocking = world.blocking;
  if (blocking && result.verdict !== 'unknown') {
    const message = `the ruleset contains an operation that was not applied and may change verdicts: ${blocking.reason}`;
    const st: TraceStep = { kind: 'unknown', reason: message, span: blocking.span };
    return { ...result, verdict: 'unknown', delivery: null, reason: { message, span: blocking.span }, decidedBy: st, steps: [...result.steps, st] };
  }
  return result;
}

/**
 * The replies of an accepted connection: for each distinct way the packet was accepted, the first
 * reply (established, direction reply; a SYN-ACK for TCP, an echo reply for ICMP) from where the
 * packet was delivered back to where it came from — arriving on the output interface of a
 * forwarded packet (the container's bridge), or sent by the host itself for a local delivery
 * (hook output) — with conntrack's reverse NAT at the NAT hooks. Joined like the request's paths.
 */
function replyOf(ruleset: Ruleset, host: Host, accepted: readonly Outcome[], observe: EvalCtx['observe'], entered: SimulateOptions['entered'], asked: EvalCtx['asked']): SimResult {
  const world = worldOf(ruleset, host, observe, entered, asked);
  const outs: Outcome[] = [];
  const seen = new Set<string>();
  for (const o of accepted) {
    if (o.verdict !== 'accept') continue;
    const k = stateKey(o.m);
    if (seen.has(k)) continue;
    seen.add(k);
    const m0 = replyMachine(world, o.m);
    outs.push(...explore(world, m0));
  }
  const p = replyMachine(world, accepted[0].m).p;
  const packet: Packet = { iif: p.iif, saddr: { v: p.v, n: p.saddr }, daddr: { v: p.v, n: p.daddr }, proto: p.proto, sport: p.sport, dport: p.dport, ctState: 'established', ctDirection: 'reply', mark: 0n, ctMark: 0n };
  const r = join(outs, packet);
  return world.blocking && r.verdict !== 'unknown' ? { ...r, verdict: 'unknown', delivery: null, reason: { message: `the ruleset contains an operation that was not applied and may change verdicts: ${world.blocking.reason}`, span: world.blocking.span } } : r;
}

const REPLY_ICMP: Readonly<Record<string, string>> = { 'echo-request': 'echo-reply', 'timestamp-request': 'timestamp-reply' };

function replyMachine(w: World, req: M): M {
  const q = req.p;
  const local = req.delivery === 'local';
  const back = q.snatTo ?? { saddr: q.orig.saddr, sport: q.orig.sport };
  const snatted = q.snatTo !== undefined;
  const dnatted = q.daddr !== q.orig.daddr || q.dport !== q.orig.dport;
  const p: PState = {
    v: q.v,
    // A forwarded packet's reply arrives on the interface the packet left by; a local socket's reply has no input interface.
    iif: local ? '' : q.oif,
    // A local socket's reply is routed before the output hook (the socket layer looks the route
    // up; ip_local_out then runs NF_INET_LOCAL_OUT with the route's device as `out`), so output
    // chains see `oifname`. Found by the kernel tests (an OUTPUT `oifname "eth1" drop` dropped the
    // replies of a local port while the simulator saw no output interface).
    oif: local ? outputDevice(w, { v: q.v, n: back.saddr }) : '',
    saddr: q.daddr,
    daddr: back.saddr,
    sport: q.dport,
    dport: back.sport,
    proto: q.proto,
    mark: 0n,
    ctMark: q.ctMark,
    ctState: 'established',
    ctDirection: 'reply',
    ctStatus: ['confirmed', 'seen-reply', 'assured', ...q.ctStatus.filter((x) => x === 'dnat' || x === 'snat')],
    orig: q.orig,
    snatTo: q.snatTo,
    icmpType: q.icmpType && (REPLY_ICMP[q.icmpType] ?? q.icmpType),
    tcpFlags: q.proto === 6 ? 0x12 : undefined,
    dnatBound: q.dnatBound,
    snatBound: q.snatBound,
    recent: q.recent,
  };
  const unnat: Unnat | undefined =
    snatted || dnatted
      ? { dst: snatted ? { addr: q.orig.saddr, port: q.orig.sport } : undefined, src: dnatted ? { addr: q.orig.daddr, port: q.orig.dport } : undefined }
      : undefined;
  const stage: Stage = local ? 'output' : 'ingress';
  return copyM({ p, stage, entries: entriesFor(w, stage, p), pos: 0, stack: [], steps: null, assumptions: null, rewrites: null, delivery: local ? 'local' : 'forward', jumps: 0, unnat });
}

function initialState(pk: Packet): PState {
  const reply = pk.ctDirection === 'reply';
  return {
    v: pk.saddr.v,
    iif: pk.iif,
    oif: '',
    saddr: pk.saddr.n,
    daddr: pk.daddr.n,
    sport: pk.sport,
    dport: pk.dport,
    proto: pk.proto,
    mark: pk.mark,
    ctMark: pk.ctMark,
    ctState: pk.ctState,
    ctDirection: pk.ctDirection,
    ctStatus: pk.ctState === 'established' ? ['confirmed', 'seen-reply', 'assured'] : pk.ctState === 'new' || pk.ctState === 'related' ? [] : [],
    orig: reply ? { saddr: pk.daddr.n, daddr: pk.saddr.n, sport: pk.dport, dport: pk.sport } : { saddr: pk.saddr.n, daddr: pk.daddr.n, sport: pk.sport, dport: pk.dport },
    icmpType: pk.icmpType,
    tcpFlags: pk.tcpFlags,
    dnatBound: false,
    snatBound: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Hooks and their chains

function familiesOf(hook: Stage, v: 4 | 6): readonly Family[] {
  if (hook === 'ingress') return ['netdev', 'inet'];
  return v === 4 ? ['ip', 'inet'] : ['ip6', 'inet'];
}

/** The chains a hook runs depend on the ruleset, the IP version and (ingress) the interface only: computed once per ruleset. */
function entriesFor(w: World, hook: Stage, p: PState): readonly Entry[] {
  const key = `${hook}|${p.v}|${hook === 'ingress' ? p.iif : ''}`;
  let e = w.entries.get(key);
  if (!e) w.entries.set(key, (e = computeEntries(w, hook, p)));
  return e;
}

function computeEntries(w: World, hook: Stage, p: PState): Entry[] {
  const fams = familiesOf(hook, p.v);
  const list: { e: Entry; key: [number, number, number, number] }[] = [];
  let natOrder = Infinity;
  const natPrio = NAT_HOOK_PRIORITY[hook];
  for (const { table: t, chain: c, order } of w.bases) {
    if (!fams.includes(t.ref.family) || t.flags?.includes('dormant')) continue;
    {
      const b = c.base;
      if (!b || b.hook !== hook) continue;
      if (hook === 'ingress' && b.device !== undefined && b.device !== p.iif) continue;
      if (hook === 'ingress' && b.device === undefined && t.ref.family === 'netdev') continue;
      const nat = b.type === 'nat' && natPrio !== undefined;
      if (nat) natOrder = Math.min(natOrder, order);
      const place = internPlace(hook, t.ref.family, t.ref.name, t.ref.backend, c.name);
      list.push({ e: { table: t, chain: c, priority: b.priority, nat, place }, key: [b.priority, order, 0, 0] });
    }
  }
  for (const x of list) if (x.e.nat) x.key = [natPrio!, natOrder, x.e.priority, x.key[1]];
  list.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.key[3] - b.key[3]);
  return list.map((x) => x.e);
}

// ---------------------------------------------------------------------------------------------
// Exploration

function explore(w: World, m0: M): Outcome[] {
  const work: M[] = [m0];
  const out: Outcome[] = [];
  // Paths that reach the same state between base chains end the same way: explore one of them.
  const seen = new Set<string>();
  let forks = 0;
  // Until a path splits there is one path, whose states between base chains never repeat (stage
  // and position only move forward): states need keys only from the first split on.
  let split = false;
  while (work.length) {
    let m = work.pop()!;
    if (out.length + work.length >= MAX_BRANCHES) {
      out.push({ verdict: 'unknown', m, reason: { message: `more than ${MAX_BRANCHES} paths through unmodelled statements; giving up` } });
      continue;
    }
    if (++forks > MAX_FORKS) {
      out.push({ verdict: 'unknown', m, reason: { message: `more than ${MAX_FORKS} forks at unmodelled statements; giving up` } });
      continue;
    }
    for (;;) {
      if (split && m.stack.length === 0 && m !== m0) {
        const k = stateKey(m);
        if (seen.has(k)) break;
        seen.add(k);
      }
      const next = step(w, m);
      if (!Array.isArray(next)) {
        out.push(next);
        break;
      }
      const states = next.filter((x): x is M => !isOutcome(x));
      for (const x of next) if (isOutcome(x)) out.push(x);
      if (states.length === 1) {
        m = states[0];
        continue;
      }
      if (states.length > 1) split = true;
      for (let k = states.length - 1; k >= 0; k--) work.push(states[k]);
      break;
    }
  }
  return out;
}

const isOutcome = (x: M | Outcome): x is Outcome => 'verdict' in x;

/** Every field of the packet state, in the order of {@link stateKey} (a missing one fails to compile). */
const STATE_FIELDS = ['v', 'iif', 'oif', 'saddr', 'daddr', 'sport', 'dport', 'proto', 'mark', 'ctMark', 'ctState', 'ctDirection', 'ctStatus', 'orig', 'snatTo', 'icmpType', 'tcpFlags', 'dnatBound', 'snatBound', 'recent'] as const;
type AllListed = Exclude<keyof PState, (typeof STATE_FIELDS)[number]> extends never ? true : never;
const allListed: AllListed = true;
void allListed;

function fieldText(x: unknown): string {
  if (typeof x === 'bigint') return `${x}n`;
  if (isUnk(x)) return `?${x.reason}`;
  if (Array.isArray(x)) return `[${x.map(fieldText).join(',')}]`;
  if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .map((k) => `${k}:${fieldText(o[k])}`)
      .join(',')}}`;
  }
  return String(x);
}

function stateKey(m: M): string {
  const p = m.p;
  let k = `${m.stage}|${m.pos}|${m.delivery}|${m.unnat ? `${m.unnat.dst ? 'd' : ''}${m.unnat.src ? 's' : ''}` : ''}`;
  for (const f of STATE_FIELDS) k += `|${fieldText(p[f])}`;
  return k;
}

const addStep = (m: M, s: TraceStep): M => {
  const c = copyM(m);
  c.steps = cons(s, m.steps);
  return c;
};

/** The packet as a trace shows it; chains entered with the same state share one view. */
const views = new WeakMap<PState, PacketView>();
function view(p: PState): PacketView {
  let v = views.get(p);
  if (!v) views.set(p, (v = makeView(p)));
  return v;
}

function makeView(p: PState): PacketView {
  const a = (n: bigint): string => formatIp({ v: p.v, n });
  return {
    iif: p.iif,
    oif: p.oif,
    saddr: a(p.saddr),
    daddr: a(p.daddr),
    proto: protocolName(p.proto),
    sport: p.sport,
    dport: p.dport,
    ctState: p.ctState,
    mark: isUnk(p.mark) ? '?' : `0x${p.mark.toString(16)}`,
  };
}

function finalOf(p: PState): FinalPacket {
  const a = (n: bigint): string => formatIp({ v: p.v, n });
  return { saddr: a(p.saddr), daddr: a(p.daddr), proto: protocolName(p.proto), sport: p.sport, dport: p.dport, iif: p.iif, oif: p.oif };
}

/** One deterministic move, several states (and ended paths) at a fork, or the end of a path. */
function step(w: World, m: M): (M | Outcome)[] | Outcome {
  if (m.stack.length === 0) return startNext(w, m);
  const entry = m.entries[m.pos];
  const top = m.stack[m.stack.length - 1];
  if (top.next >= top.chain.rules.length) {
    if (m.stack.length === 1) return policy(m, entry);
    const c = copyM(m);
    c.stack = m.stack.slice(0, -1);
    return [c];
  }
  const ctx = ctxOf(w, entry, m.stage);
  // Fast path: skip the rules that plainly do not match (no state, no trace step, no fork) without
  // building a machine state for each; long chains (kube-proxy's) are mostly such rules.
  // In a long chain, a dispatch index skips straight to the rules the packet can match.
  const rules = top.chain.rules;
  const index = chainIndex(top.chain, entry.table);
  const cands = index && new Candidates(index, rules.length, m.p, ctx);
  let next = cands ? cands.next(top.next) : top.next;
  while (next < rules.length && plainlyMisses(rules[next], m.p, ctx)) next = cands ? cands.next(next + 1) : next + 1;
  if (next >= top.chain.rules.length) {
    const c = copyM(m);
    c.stack = replaceTop(m.stack, { chain: top.chain, next });
    return [c];
  }
  const rule = top.chain.rules[next];
  // One copy of the machine per outcome (the advanced stack is shared by them, as before).
  const stack = replaceTop(m.stack, { chain: top.chain, next: next + 1 });
  const place = placeOf(entry, top.chain.name);
  return evalRule(rule, m.p, ctx, entry.place.hook).map((r) => {
    const c = copyM(m);
    c.stack = stack;
    c.p = r.p;
    return applyRuleOutcome(c, entry, place, rule, r);
  });
}

/** One context per entry and run: an entry belongs to one hook, so its stage is always the same. */
function ctxOf(w: World, entry: Entry, stage: Stage): EvalCtx {
  let ctx = w.ctxs.get(entry);
  if (!ctx) w.ctxs.set(entry, (ctx = { host: w.host, table: entry.table, ctAttached: ctAttached(stage, entry.priority), observe: w.observe, asked: w.asked }));
  return ctx;
}

/** A trace step's place in a chain, per entry and chain name (entries are kept per ruleset, so are these). */
const places = new WeakMap<Entry, Map<string, StepPlace>>();
function placeOf(entry: Entry, chain: string): StepPlace {
  let byChain = places.get(entry);
  if (!byChain) places.set(entry, (byChain = new Map()));
  let place = byChain.get(chain);
  if (!place) {
    const e = entry.place;
    byChain.set(chain, (place = internPlace(e.hook, e.family, e.table, e.backend, chain)));
  }
  return place;
}

/**
 * One object per place, whatever ruleset it was met in: the steps made at a place are kept per
 * place object (`plainRuleStep`, `policyStep`), and the rulesets of successive edits have the same
 * places. (Bounded: past {@link MAX_PLACES} distinct places the table starts again; a place object
 * then has a twin, which costs a step object, never a wrong one.)
 */
const interned = new Map<string, StepPlace>();
const MAX_PLACES = 50_000;
function internPlace(hook: Hook, family: Family, table: string, backend: Backend, chain: string): StepPlace {
  const key = `${hook}\u0000${family}\u0000${table}\u0000${backend}\u0000${chain}`;
  let place = interned.get(key);
  if (!place) {
    if (interned.size >= MAX_PLACES) interned.clear();
    interned.set(key, (place = { hook, family, table, backend, chain }));
  }
  return place;
}

/** The stack with its top frame replaced (one copy). */
function replaceTop(stack: M['stack'], frame: M['stack'][number]): M['stack'] {
  const out = stack.slice(0, -1);
  out.push(frame);
  return out;
}

/**
 * True when a leading match of the rule is definitely false and only side-effect-free statements
 * (matches, plain nops) come before it: {@link evalRule} would answer "no match, nothing assumed".
 */
function plainlyMisses(rule: Rule, p: PState, ctx: EvalCtx): boolean {
  for (const s of rule.statements) {
    if (s.kind === 'nop' && s.what !== 'notrack') continue;
    if (s.kind !== 'match') return false;
    const r = evalMatch(s, p, ctx);
    if (r === false) return true;
    if (r !== true) return false;
  }
  return false;
}

function ctAttached(stage: Stage, priority: number): boolean {
  if (stage === 'ingress') return false;
  if (stage === 'prerouting' || stage === 'output') return priority > CONNTRACK_PRIORITY;
  return true;
}

function startNext(w: World, m: M): M[] | Outcome {
  if (m.unnat && m.pos < m.entries.length) {
    const e = m.entries[m.pos];
    const hookPrio = NAT_HOOK_PRIORITY[e.place.hook];
    if (hookPrio !== undefined && (e.nat || e.priority >= hookPrio)) m = unnatAt(m, e.place.hook);
  }
  if (m.pos < m.entries.length) {
    const e = m.entries[m.pos];
    if (e.nat) {
      const bound = e.place.hook === 'prerouting' || e.place.hook === 'output' ? m.p.dnatBound : m.p.snatBound;
      const firstPacket = m.p.ctState === 'new' || m.p.ctState === 'related';
      if (bound || !firstPacket) {
        const reason = bound ? 'a NAT binding was set up by an earlier nat chain at this hook' : `nat chains only see the first packet of a connection (ct state ${m.p.ctState})`;
        return [addStep(upd(m, { pos: m.pos + 1 }), { kind: 'skip', ...e.place, reason })];
      }
    }
    w.entered?.(m.p);
    const c = copyM(m);
    c.stack = [{ chain: e.chain, next: 0 }];
    const at = e.place;
    c.steps = cons({ kind: 'chain', hook: at.hook, family: at.family, table: at.table, backend: at.backend, chain: at.chain, priority: e.priority, packet: view(m.p) }, m.steps);
    return [c];
  }
  return nextStage(w, m);
}

function accept(m: M): Outcome {
  return { verdict: 'accept', m };
}

/**
 * Applies the reverse NAT a reply packet is owed at `hook` (conntrack does it at the NAT hook's
 * priority whether or not a nat chain is registered there).
 */
function unnatAt(m: M, hook: Hook | Stage): M {
  const u = m.unnat;
  if (!u) return m;
  const fmtA = (n: bigint): string => formatIp({ v: m.p.v, n });
  if ((hook === 'prerouting' || hook === 'output') && u.dst) {
    const p = m.p;
    const np: PState = { ...p, daddr: u.dst.addr, dport: u.dst.port ?? p.dport };
    const rewrite: NatRewrite = { kind: 'unsnat', before: { addr: fmtA(p.daddr), port: p.dport }, after: { addr: fmtA(np.daddr), port: np.dport } };
    const how = 'conntrack reverses the source NAT of the connection: the reply goes back to the original source';
    return addStep(upd(m, { p: np, unnat: u.src ? { src: u.src } : undefined, rewrites: cons(rewrite, m.rewrites) }), { kind: 'conntrack', hook: hook as Hook, rewrite, how });
  }
  if ((hook === 'postrouting' || hook === 'input') && u.src) {
    const p = m.p;
    const np: PState = { ...p, saddr: u.src.addr, sport: u.src.port ?? p.sport };
    const rewrite: NatRewrite = { kind: 'undnat', before: { addr: fmtA(p.saddr), port: p.sport }, after: { addr: fmtA(np.saddr), port: np.sport } };
    const how = 'conntrack reverses the destination NAT of the connection: the reply comes from the address the client sent to';
    return addStep(upd(m, { p: np, unnat: u.dst ? { dst: u.dst } : undefined, rewrites: cons(rewrite, m.rewrites) }), { kind: 'conntrack', hook: hook as Hook, rewrite, how });
  }
  return m;
}

function nextStage(w: World, m: M): M[] | Outcome {
  const go = (stage: Stage, mm: M): M[] => [upd(mm, { stage, entries: entriesFor(w, stage, mm.p), pos: 0, stack: [] })];
  if (m.unnat) m = unnatAt(m, m.stage);
  switch (m.stage) {
    case 'ingress': {
      // ip6_rcv_core drops ::1 (as source or destination) arriving on any interface but lo,
      // before the prerouting hook runs.
      const p = m.p;
      if (p.v === 6 && p.iif !== 'lo' && (p.daddr === 1n || p.saddr === 1n)) {
        const how = `martian ${p.daddr === 1n ? 'destination' : 'source'} ::1 on ${p.iif} (IPv6 drops loopback addresses from other interfaces before prerouting)`;
        const st: TraceStep = { kind: 'route', decision: 'drop', how };
        return { verdict: 'drop', m: addStep(m, st), reason: { message: how }, decidedBy: st };
      }
      return go('prerouting', m);
    }
    case 'prerouting':
      return route(w, m, go);
    case 'output':
      return routeOutput(w, m, go);
    case 'forward':
      return go('postrouting', m);
    case 'input':
    case 'postrouting':
      return accept(m);
  }
}

function route(w: World, m: M, go: (s: Stage, m: M) => M[]): M[] | Outcome {
  const p = m.p;
  const d: IpAddress = { v: p.v, n: p.daddr };
  const s: IpAddress = { v: p.v, n: p.saddr };
  const drop = (how: string): Outcome => {
    const st: TraceStep = { kind: 'route', decision: 'drop', how };
    return { verdict: 'drop', m: addStep(m, st), reason: { message: how }, decidedBy: st };
  };
  if (p.iif !== 'lo') {
    if (p.v === 4 && p.daddr >> 24n === 127n) return drop(`martian destination ${formatIp(d)} on ${p.iif} (route_localnet is off)`);
    if (isOwn(w, p.v, p.saddr)) return drop(`martian source ${formatIp(s)}: a local address arriving on ${p.iif}`);
  }
  const type = typeOf(w, p.v, p.daddr);
  if (type !== 'unicast') {
    return go('input', addStep(upd(m, { delivery: 'local' }), { kind: 'route', decision: 'local', how: `${formatIp(d)} is ${type === 'local' ? 'a local address' : type}` }));
  }
  if (!(p.v === 4 ? w.host.forwarding.v4 : w.host.forwarding.v6)) return drop(`forwarding is off for IPv${p.v}`);
  const r = routeTo(w, p.v, p.daddr);
  if (!r) return drop(`no route to ${formatIp(d)}`);
  const mm: M = upd(m, { p: { ...p, oif: r.dev }, delivery: 'forward' });
  return go('forward', addStep(mm, { kind: 'route', decision: 'forward', oif: r.dev, how: r.how }));
}

/** The device a packet the host sends to `d` leaves by (`lo` for a local address; '' without a route). */
function outputDevice(w: World, d: IpAddress): string {
  if (typeOf(w, d.v, d.n) === 'local') return 'lo';
  return routeTo(w, d.v, d.n)?.dev ?? '';
}

/** The routing decision for a packet the host sends itself (a reply of a local socket). */
function routeOutput(w: World, m: M, go: (s: Stage, m: M) => M[]): M[] | Outcome {
  const p = m.p;
  const d: IpAddress = { v: p.v, n: p.daddr };
  const type = typeOf(w, p.v, p.daddr);
  // A reply of a local socket keeps its delivery ('local'); a connection the host opens leaves by an interface.
  const delivery = m.delivery ?? 'forward';
  if (type === 'local') return go('postrouting', addStep(upd(m, { delivery, p: { ...p, oif: 'lo' } }), { kind: 'route', decision: 'forward', oif: 'lo', how: `${formatIp(d)} is a local address` }));
  const r = routeTo(w, p.v, p.daddr);
  if (!r) {
    const how = `no route to ${formatIp(d)}`;
    const st: TraceStep = { kind: 'route', decision: 'drop', how };
    return { verdict: 'drop', m: addStep(m, st), reason: { message: how }, decidedBy: st };
  }
  return go('postrouting', addStep(upd(m, { delivery, p: { ...p, oif: r.dev } }), { kind: 'route', decision: 'forward', oif: r.dev, how: r.how }));
}

function policy(m: M, e: Entry): M[] | Outcome {
  const pol = e.chain.base?.policy ?? 'accept';
  const { step: st, reason } = policyStep(e.place, pol);
  const mm = addStep(m, st);
  if (reason) return { verdict: 'drop', m: mm, decidedBy: st, reason };
  return [upd(mm, { stack: [], pos: m.pos + 1 })];
}

/** A chain policy's step at a place (and the reason of a drop): one per place and policy, shared by every path. */
const policySteps = new WeakMap<StepPlace, { accept?: PolicyStep; drop?: PolicyStep }>();
interface PolicyStep {
  readonly step: TraceStep & { kind: 'policy' };
  readonly reason?: { readonly message: string };
}
function policyStep(place: StepPlace, pol: 'accept' | 'drop'): PolicyStep {
  let at = policySteps.get(place);
  if (!at) policySteps.set(place, (at = {}));
  return (at[pol] ??= {
    step: { kind: 'policy', ...place, verdict: pol },
    reason: pol === 'drop' ? { message: `policy drop of ${place.family} ${place.table} ${place.chain}` } : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Rules

type RVerdict = VerdictValue | { readonly kind: 'unknown'; readonly reason: string; readonly span: Span };

interface RuleOutcome {
  readonly p: PState;
  readonly matched: boolean;
  readonly verdict?: RVerdict;
  readonly rewrite?: NatRewrite;
  readonly markSet?: string;
  readonly assumed: readonly Assumption[];
  readonly notes?: readonly FirstPacketNote[];
}

/**
 * A rule's step of a packet's path. Every rule step has these members, in this order (undefined
 * where absent): one object shape, which keeps the copies `analysis/reuse.ts` makes fast.
 */
export function ruleStep(
  place: StepPlace,
  rule: RuleRef,
  verdict: string,
  rewrite: NatRewrite | undefined,
  mark: string | undefined,
  assumed: readonly Assumption[] | undefined,
  notes: readonly FirstPacketNote[] | undefined,
): TraceStep & { kind: 'rule' } {
  return { kind: 'rule', hook: place.hook, family: place.family, table: place.table, backend: place.backend, chain: place.chain, rule, verdict, rewrite, mark, assumed, notes };
}

/** What a step says of a rule: one object per rule (a value, shared by every step and result about it). */
const refs = new WeakMap<Rule, RuleRef>();
export function ruleRef(r: Rule): RuleRef {
  let ref = refs.get(r);
  if (!ref) refs.set(r, (ref = { span: r.span, text: r.text, handle: r.handle, origin: r.origin, comment: r.comment }));
  return ref;
}

/** `jump X` and the like, per verdict value (a rule's verdict statement is met again on every path through it). */
const targeted = new WeakMap<VerdictValue, string>();
function verdictText(v: RVerdict | undefined): string {
  if (!v) return 'continue';
  if (v.kind === 'unknown') return 'unknown';
  if (!v.target) return v.verdict;
  let text = targeted.get(v);
  if (text === undefined) targeted.set(v, (text = `${v.verdict} ${v.target}`));
  return text;
}

/**
 * The step of a rule that matched with no rewrite, mark, assumption or note: it says only where,
 * which rule and what verdict, so every path through that rule at that place shares one object
 * (a 200-service project keeps hundreds of thousands of such steps in its results otherwise).
 */
const plainSteps = new WeakMap<Rule, PlainStep[]>();
interface PlainStep {
  readonly place: StepPlace;
  readonly step: TraceStep & { kind: 'rule' };
  /** The reason of a drop by this step, made when first asked. */
  dropReason?: { readonly message: string; readonly span: Span };
}
function plainRuleStep(place: StepPlace, rule: Rule, verdict: string): PlainStep {
  let list = plainSteps.get(rule);
  if (!list) plainSteps.set(rule, (list = []));
  for (const x of list) if (x.place === place && x.step.verdict === verdict) return x;
  const made: PlainStep = { place, step: ruleStep(place, ruleRef(rule), verdict, undefined, undefined, undefined, undefined) };
  // (a rule met at more places than this, each time a new one, stops being kept here: bounded)
  if (list.length >= 8) list.shift();
  list.push(made);
  return made;
}

function dropReason(verdict: string, place: StepPlace, rule: Rule): { readonly message: string; readonly span: Span } {
  return { message: `${verdict} by ${place.family} ${place.table} ${place.chain}: ${shownRule(rule.text)}`, span: rule.span };
}

function applyRuleOutcome(m0: M, e: Entry, place: StepPlace, rule: Rule, r: RuleOutcome): M | Outcome {
  // m0 is the caller's fresh copy: used as it is when nothing was assumed (no second copy).
  let m: M = r.assumed.length ? upd(m0, { assumptions: r.assumed.reduce<List<Assumption>>((l, a) => cons(a, l), m0.assumptions) }) : m0;
  if (r.notes?.length) m = upd(m, { notes: r.notes.reduce<List<FirstPacketNote>>((l, n) => cons(n, l), m.notes ?? null) });
  if (r.rewrite) m = upd(m, { rewrites: cons(r.rewrite, m.rewrites) });
  if (!r.matched) return m;
  const plain = !r.rewrite && r.markSet === undefined && !r.assumed.length && !r.notes?.length ? plainRuleStep(place, rule, verdictText(r.verdict)) : undefined;
  const st = plain ? plain.step : ruleStep(place, ruleRef(rule), verdictText(r.verdict), r.rewrite, r.markSet, r.assumed.length ? r.assumed : undefined, r.notes?.length ? r.notes : undefined);
  m = addStep(m, st);
  const v = r.verdict;
  if (!v) return m;
  if (v.kind === 'unknown') return { verdict: 'unknown', m, reason: { message: v.reason, span: v.span }, decidedBy: st };
  switch (v.verdict) {
    case 'accept':
      return upd(m, { stack: [], pos: m.pos + 1 });
    case 'drop':
    case 'reject':
      return { verdict: 'drop', m, decidedBy: st, reason: plain ? (plain.dropReason ??= dropReason(v.verdict, place, rule)) : dropReason(v.verdict, place, rule) };
    case 'continue':
      return m;
    case 'queue':
      return { verdict: 'unknown', m, decidedBy: st, reason: { message: 'queued to a userspace program, which decides the verdict', span: rule.span } };
    case 'return':
      // `return` in the base chain: the policy decides, as at the end of the chain.
      if (m.stack.length === 1) return upd(m, { stack: [{ chain: m.stack[0].chain, next: Infinity }] });
      return upd(m, { stack: m.stack.slice(0, -1) });
    case 'jump':
    case 'goto': {
      const target = e.table.chains.get(v.target ?? '');
      if (!target) return { verdict: 'unknown', m, decidedBy: st, reason: { message: `${v.verdict} to chain ${v.target}, which does not exist in table ${e.place.family} ${e.place.table}`, span: rule.span } };
      if (target.base) return { verdict: 'unknown', m, decidedBy: st, reason: { message: `${v.verdict} to base chain ${v.target} (the kernel refuses this ruleset)`, span: rule.span } };
      // The kernel refuses a ruleset whose chains jump or go round in a loop (ELOOP); simulating it would go round until a bound.
      const loop = tableGraph(e.table).onCycle.has(target.name) ? loopThrough(e.table, target.name) : undefined;
      if (loop) return { verdict: 'unknown', m, decidedBy: st, reason: { message: `${v.verdict} to chain ${v.target}, which is on a jump/goto loop (${loop}); the kernel refuses to load such a ruleset (ELOOP)`, span: rule.span } };
      if (m.stack.length >= MAX_CALL_DEPTH) return { verdict: 'unknown', m, decidedBy: st, reason: { message: `chain calls nested deeper than ${MAX_CALL_DEPTH} (a loop?)`, span: rule.span } };
      if (m.jumps >= MAX_JUMPS) return { verdict: 'unknown', m, decidedBy: st, reason: { message: `more than ${MAX_JUMPS} jumps and gotos on one path (a loop?)`, span: rule.span } };
      const frame: Frame = { chain: target, next: 0 };
      return upd(m, { jumps: m.jumps + 1, stack: v.verdict === 'jump' ? [...m.stack, frame] : replaceTop(m.stack, frame) });
    }
  }
}

function evalRule(rule: Rule, p0: PState, ctx: EvalCtx, hook: Hook): RuleOutcome[] {
  const stmts = rule.statements;
  const ruleActs = stmts.some((x) => x.kind === 'verdict' || x.kind === 'vmap' || x.kind === 'nat' || x.kind === 'set' || (x.kind === 'unknown' && x === stmts[stmts.length - 1]));
  const go = (i: number, p: PState, assumed: readonly Assumption[], extra: Partial<RuleOutcome>): RuleOutcome[] => {
    const fork = (u: Unk, span: Span, yes: string, no: string): RuleOutcome[] => {
      const a = (what: string): Assumption => ({ span: u.span ?? span, reason: u.reason, assumed: what });
      return [...go(i + 1, p, [...assumed, a(yes)], extra), { p, matched: false, assumed: [...assumed, a(no)], ...extra }];
    };
    if (i >= stmts.length) return [{ p, matched: true, assumed, ...extra }];
    const s = stmts[i];
    const next = (pp: PState = p, ex: Partial<RuleOutcome> = extra): RuleOutcome[] => go(i + 1, pp, assumed, ex);
    switch (s.kind) {
      case 'match': {
        const r = evalMatch(s, p, ctx);
        if (r === true) return next();
        if (r === false) return [{ p, matched: false, assumed, ...extra }];
        return fork(r, s.span, 'it matches', 'it does not match');
      }
      case 'verdict':
        return [{ p, matched: true, assumed, ...extra, verdict: s.verdict }];
      case 'vmap':
        return vmap(s, p, ctx, assumed, extra);
      case 'nat':
        return nat(s, p, ctx, hook, assumed, extra);
      case 'set': {
        const r = setField(s, p, ctx);
        return next(r.p, { ...extra, markSet: r.shown ?? extra.markSet });
      }
      case 'nop':
        return s.what === 'notrack' ? next({ ...p, ctState: 'untracked', ctStatus: [] }) : next();
      case 'setUpdate':
        return next();
      case 'stateful': {
        const first = s.first && firstPacket(s.first, p);
        if (first) {
          // A note only where the rule can change something: a limit in front of LOG changes nothing.
          const notes = ruleActs ? [...(extra.notes ?? []), { span: s.span, note: first.note }] : extra.notes;
          const ex = { ...extra, notes };
          if (!first.passes) return [{ p: first.p, matched: false, assumed, ...ex }];
          return next(first.p, ex);
        }
        return fork({ unk: true, reason: `\`${s.what}\` depends on run-time state`, span: s.span }, s.span, 'it passes', 'it does not pass');
      }
      case 'unknown': {
        const u: Unk = { unk: true, reason: s.reason, span: s.span };
        // Followed by more statements it acts as a match; last in the rule it may be an unmodelled action.
        if (i < stmts.length - 1) return fork(u, s.span, 'it matches', 'it does not match');
        return [{ p, matched: true, assumed, ...extra, verdict: { kind: 'unknown', reason: s.reason, span: s.span } }];
      }
    }
  };
  const outs = go(0, p0, [], {});
  // Branches that end the same way (no verdict, same packet) are one: the unknown did not matter.
  if (outs.length > 1 && outs.every((o) => !o.verdict && o.p === p0 && !o.rewrite)) return [{ p: p0, matched: false, assumed: [] }];
  return outs;
}

/**
 * A stateful match on the first packet of a new flow (see {@link FirstPacket}): whether it matches,
 * the packet state after it (`recent` lists it writes) and what the result rests on.
 */
function firstPacket(f: FirstPacket, p: PState): { passes: boolean; p: PState; note: string } | undefined {
  if (f.kind === 'fixed') return { passes: f.passes, p, note: f.note };
  const key = `${f.list}|${f.side === 'saddr' ? p.saddr : p.daddr}`;
  const hits = p.recent?.[key] ?? 0;
  const who = `${f.side === 'saddr' ? 'source' : 'destination'} ${formatIp({ v: p.v, n: f.side === 'saddr' ? p.saddr : p.daddr })}`;
  const put = (n: number): PState => {
    const recent: Record<string, number> = { ...p.recent };
    if (n > 0) recent[key] = Math.min(n, 20); // xt_recent keeps ip_pkt_list_tot (20) stamps
    else delete recent[key];
    return { ...p, recent };
  };
  const held = hits === 0 ? `a fresh ${who} is on no \`recent\` list` : `the ${who} is on list ${f.list} with ${hits} hit(s), all from this packet's path`;
  let matched: boolean;
  let q = p;
  switch (f.op) {
    case 'set':
      // Always matches; adds a stamp (creates the entry).
      return { passes: !f.invert, p: put(hits + 1), note: `\`recent --set\` adds the ${who} to list ${f.list}` };
    case 'remove':
      matched = hits > 0;
      if (matched) q = put(0);
      break;
    case 'rcheck':
    case 'update':
      // Every stamp is from this packet: within any --seconds window.
      matched = hits > 0 && hits >= Math.max(1, f.hitcount);
      if (f.op === 'update' && matched !== f.invert && hits > 0) q = put(hits + 1);
      break;
  }
  return { passes: matched !== f.invert, p: q, note: `\`recent --${f.op}${f.hitcount ? ` --hitcount ${f.hitcount}` : ''}\` on list ${f.list} ${matched !== f.invert ? 'matches' : 'does not match'}: ${held}` };
}

function vmap(s: Extract<Statement, { kind: 'vmap' }>, p: PState, ctx: EvalCtx, assumed: readonly Assumption[], extra: Partial<RuleOutcome>): RuleOutcome[] {
  let elements = s.map.kind === 'inline' ? s.map.elements : undefined;
  if (s.map.kind === 'ref') {
    const set = ctx.table.sets.get(s.map.name);
    if (!set) return [{ p, matched: true, assumed, ...extra, verdict: { kind: 'unknown', reason: `verdict map @${s.map.name} does not exist`, span: s.span } }];
    if (set.dynamic) return [{ p, matched: true, assumed, ...extra, verdict: { kind: 'unknown', reason: `verdict map @${s.map.name} is filled at run time`, span: s.span } }];
    elements = set.elements;
  }
  const els = elements ?? [];
  ctx.observe?.(s.key, { kind: 'set', elements: els.map((e) => e.key) }, ctx.table);
  const key = evalExpr(s.key, p, ctx);
  if (key === BREAK) return [{ p, matched: false, assumed, ...extra }];
  const verdictOf = (d: unknown): VerdictValue | undefined => (d && (d as VerdictValue).kind === 'verdict' ? (d as VerdictValue) : undefined);
  // (a concatenation with a part not known: the elements its known parts allow)
  const partial = isUnk(key) ? undefined : unknownPart(key);
  if (isUnk(key) || partial) {
    const why = isUnk(key) ? key : partial!;
    // Each element's verdict, and no element at all; a drawn number (`numgen random mod 4`) selects
    // only elements within its range, and misses the map only where the elements leave a gap.
    const drawn = s.key.kind === 'drawn' ? s.key : undefined;
    const seen = new Set<string>();
    const outs: RuleOutcome[] = [];
    for (const el of els) {
      const v = verdictOf(el.data);
      if (!v || seen.has(verdictText(v)) || (drawn && !meets(el.key, drawn)) || (partial && valueContains(el.key, key as RV, ctx) === false)) continue;
      seen.add(verdictText(v));
      outs.push({ p, matched: true, assumed: [...assumed, { span: why.span ?? s.span, reason: why.reason, assumed: `the key selects ${verdictText(v)}` }], ...extra, verdict: v });
    }
    if (!drawn || !covers(els, drawn)) outs.push({ p, matched: false, assumed: [...assumed, { span: why.span ?? s.span, reason: why.reason, assumed: 'the key is not in the map' }], ...extra });
    return outs;
  }
  for (const el of els) {
    const hit = valueContains(el.key, key, ctx);
    if (hit === false) continue;
    const v = verdictOf(el.data);
    if (isUnk(hit)) return [{ p, matched: true, assumed, ...extra, verdict: { kind: 'unknown', reason: hit.reason, span: hit.span ?? s.span } }];
    if (!v) return [{ p, matched: true, assumed, ...extra, verdict: { kind: 'unknown', reason: 'map element without a verdict', span: el.span ?? s.span } }];
    return [{ p, matched: true, assumed, ...extra, verdict: v }];
  }
  return [{ p, matched: false, assumed, ...extra }];
}

/** A map key's numbers (a number or a range; undefined for any other value). */
function keyNumbers(v: Value): Numbers | undefined {
  return v.kind === 'int' ? { lo: v.value, hi: v.value } : v.kind === 'range' ? { lo: v.lo, hi: v.hi } : undefined;
}

type Numbers = { readonly lo: bigint; readonly hi: bigint };
const overlap = (a: Numbers, b: Numbers): boolean => a.lo <= b.hi && a.hi >= b.lo;

/** Whether a map key holds a number of `lo`..`hi` (a key that is no number: assumed it may). */
function meets(v: Value, r: Numbers): boolean {
  const k = keyNumbers(v);
  return !k || overlap(k, r);
}

/** Whether the keys of a map's elements hold every number of `lo`..`hi`. */
function covers(els: readonly SetElement[], r: Numbers): boolean {
  const parts: Numbers[] = [];
  for (const e of els) {
    const k = keyNumbers(e.key);
    if (k && overlap(k, r)) parts.push(k);
  }
  parts.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  let next = r.lo;
  for (const k of parts) {
    if (k.lo > next) return false;
    if (k.hi >= next) next = k.hi + 1n;
    if (next > r.hi) return true;
  }
  return false;
}

function setField(s: SetStmt, p: PState, ctx: EvalCtx): { p: PState; shown?: string } {
  const target = s.key === 'meta.mark' ? 'mark' : s.key === 'ct.mark' ? 'ctMark' : undefined;
  if (!target) return { p }; // nftrace, priority, ...: nothing the simulator follows
  let value: bigint | Unk;
  if (s.value && (s.value.kind === 'int')) value = s.value.value;
  else if (s.expr) {
    const r = evalExpr(s.expr, p, ctx);
    value = r !== BREAK && !isUnk(r) && (r.t === 'int' || r.t === 'ip') ? r.n : isUnk(r) ? { ...r, span: r.span ?? s.span } : { unk: true, reason: `the ${s.key} value is computed`, span: s.span };
  } else value = { unk: true, reason: `the ${s.key} value is computed at run time`, span: s.span };
  return { p: { ...p, [target]: value }, shown: `${s.key} ${isUnk(value) ? '?' : `0x${value.toString(16)}`}` };
}

function natTarget(s: NatStmt, p: PState, ctx: EvalCtx, snat = false): { addr?: bigint; port?: number; note?: string } | Unk | 'nomatch' {
  if (s.family && (s.family === 'ip' ? p.v !== 4 : p.v !== 6)) return 'nomatch';
  if (s.mapped) {
    if (ctx.observe) {
      const m = s.mapped;
      ctx.observe(m.key, 'ref' in m ? { kind: 'setref', name: m.ref } : { kind: 'set', elements: m.elements.map((e) => e.key) }, ctx.table);
    }
    const key = evalExpr(s.mapped.key, p, ctx);
    if (key === BREAK) return 'nomatch';
    if (isUnk(key)) return { ...key, span: key.span ?? s.span };
    let els = 'elements' in s.mapped ? s.mapped.elements : undefined;
    if ('ref' in s.mapped) {
      const set = ctx.table.sets.get(s.mapped.ref);
      if (!set || set.dynamic) return { unk: true, reason: `map @${s.mapped.ref} ${set ? 'is filled at run time' : 'does not exist'}`, span: s.span };
      els = set.elements;
    }
    for (const el of els ?? []) {
      const hit = valueContains(el.key, key, ctx);
      if (isUnk(hit)) return { ...hit, span: hit.span ?? s.span };
      if (!hit) continue;
      return natData(el.data as Value | undefined, s);
    }
    return 'nomatch';
  }
  const r: { addr?: bigint; port?: number; note?: string } = {};
  if (s.addr && s.flags?.includes('netmap')) {
    // NETMAP: the prefix's bits replace the address's, the host part stays.
    if (s.addr.v !== p.v) return 'nomatch';
    const hostBits = s.addr.hi - s.addr.lo;
    const old = snat ? p.saddr : p.daddr;
    ctx.asked?.(old, 'derived');
    return { addr: s.addr.lo | (old & hostBits) };
  }
  if (s.addr) {
    if (s.addr.v !== p.v) return 'nomatch';
    r.addr = s.addr.lo;
    if (s.addr.lo !== s.addr.hi) r.note = `the kernel picks an address of ${formatInterval(s.addr)}; the first is shown`;
  }
  if (s.port) {
    r.port = s.port.lo;
    if (s.port.lo !== s.port.hi) r.note = `${r.note ? r.note + '; ' : ''}the kernel picks a port of ${s.port.lo}-${s.port.hi}; the first is shown`;
  }
  return r;
}

function natData(d: Value | undefined, s: NatStmt): { addr?: bigint; port?: number } | Unk {
  const one = (v: Value): { addr?: bigint; port?: number } | undefined =>
    v.kind === 'ip' ? { addr: v.interval.lo } : v.kind === 'int' ? { port: Number(v.value) } : v.kind === 'range' ? { port: Number(v.lo) } : undefined;
  if (d?.kind === 'concat') {
    const a = d.parts.map(one);
    if (a.every(Boolean)) return Object.assign({}, ...a) as { addr?: bigint; port?: number };
  } else if (d) {
    const r = one(d);
    if (r) return r;
  }
  return { unk: true, reason: 'NAT map element with a target the simulator cannot read', span: s.span };
}

function nat(s: NatStmt, p: PState, ctx: EvalCtx, hook: Hook, assumed: readonly Assumption[], extra: Partial<RuleOutcome>): RuleOutcome[] {
  const unknown = (reason: string, span: Span = s.span): RuleOutcome[] => [{ p, matched: true, assumed, ...extra, verdict: { kind: 'unknown', reason, span } }];
  // NETMAP maps the destination at prerouting / output and the source elsewhere.
  const kind = s.flags?.includes('netmap') ? (hook === 'prerouting' || hook === 'output' ? 'dnat' : 'snat') : s.nat;
  const dnat = kind === 'dnat' || kind === 'redirect';
  if (dnat && hook !== 'prerouting' && hook !== 'output') return unknown(`${s.nat} at the ${hook} hook (the kernel only allows it at prerouting and output)`);
  if (!dnat && hook !== 'postrouting' && hook !== 'input') return unknown(`${s.nat} at the ${hook} hook (the kernel only allows it at postrouting and input)`);
  let t: ReturnType<typeof natTarget>;
  if (s.nat === 'redirect') {
    const a = p.iif === 'lo' ? (p.v === 4 ? 0x7f000001n : 1n) : primaryAddress(ctx.host, p.iif, p.v)?.n;
    if (a === undefined) return unknown(`redirect: interface ${p.iif} has no IPv${p.v} address in the host model`);
    t = { addr: a, port: s.port?.lo };
  } else if (s.nat === 'masquerade') {
    const a = primaryAddress(ctx.host, p.oif, p.v);
    if (!a) return unknown(`masquerade: interface ${p.oif || '(none)'} has no IPv${p.v} address in the host model`);
    t = { addr: a.n, port: s.port?.lo };
  } else if (s.mapped?.key.kind === 'drawn') return drawnNat(s, s.mapped.key, p, ctx, kind, assumed, extra);
  else t = natTarget(s, p, ctx, !dnat);
  if (t === 'nomatch') return [{ p, matched: false, assumed, ...extra }];
  if (isUnk(t)) return unknown(t.reason, t.span);
  return [rewritten(p, kind, t, assumed, extra)];
}

const ACCEPT: VerdictValue = { kind: 'verdict', verdict: 'accept' };

/** The outcome of a NAT statement of `kind` rewriting the packet to `t` (`under`: what that rests on). */
function rewritten(p: PState, kind: NatRewrite['kind'], t: { addr?: bigint; port?: number; note?: string }, under: readonly Assumption[], extra: Partial<RuleOutcome>): RuleOutcome {
  const fmtA = (n: bigint): string => formatIp({ v: p.v, n });
  if (kind === 'dnat' || kind === 'redirect') {
    const np: PState = { ...p, daddr: t.addr ?? p.daddr, dport: t.port ?? p.dport, dnatBound: true, ctStatus: [...p.ctStatus.filter((x) => x !== 'dnat'), 'dnat'] };
    const rewrite: NatRewrite = { kind, before: { addr: fmtA(p.daddr), port: p.dport }, after: { addr: fmtA(np.daddr), port: np.dport }, note: t.note };
    return { p: np, matched: true, assumed: under, ...extra, verdict: ACCEPT, rewrite };
  }
  const np: PState = { ...p, saddr: t.addr ?? p.saddr, sport: t.port ?? p.sport, snatBound: true, ctStatus: [...p.ctStatus.filter((x) => x !== 'snat'), 'snat'] };
  const snatTo = { saddr: np.saddr, sport: np.sport };
  const rewrite: NatRewrite = { kind, before: { addr: fmtA(p.saddr), port: p.sport }, after: { addr: fmtA(np.saddr), port: np.sport }, note: t.note };
  return { p: { ...np, snatTo }, matched: true, assumed: under, ...extra, verdict: ACCEPT, rewrite };
}

/**
 * A NAT map keyed by a number the kernel draws or hashes (`dnat to numgen inc mod 2 map { 0 : a,
 * 1 : b }`, the load balancing of nftables' own examples): a rewrite to each target the number
 * can select, and the map's miss (the rule stops) only where its elements leave a gap.
 */
function drawnNat(s: NatStmt, drawn: Extract<Expr, { kind: 'drawn' }>, p: PState, ctx: EvalCtx, kind: NatRewrite['kind'], assumed: readonly Assumption[], extra: Partial<RuleOutcome>): RuleOutcome[] {
  const m = s.mapped!;
  let els: readonly SetElement[] = 'elements' in m ? m.elements : [];
  if ('ref' in m) {
    const set = ctx.table.sets.get(m.ref);
    if (!set || set.dynamic) return [{ p, matched: true, assumed, ...extra, verdict: { kind: 'unknown', reason: `map @${m.ref} ${set ? 'is filled at run time' : 'does not exist'}`, span: s.span } }];
    els = set.elements;
  }
  const why = evalExpr(drawn, p, ctx) as Unk;
  const under = (what: string): Assumption[] => [...assumed, { span: s.span, reason: why.reason, assumed: what }];
  const outs: RuleOutcome[] = [];
  // (one outcome per target: endpoints listed twice, as a weight, take the same path)
  const targets = new Set<string>();
  for (const el of els) {
    if (!meets(el.key, drawn)) continue;
    const t = natData(el.data as Value | undefined, s);
    const target = isUnk(t) ? `?${t.reason}` : `${t.addr}:${t.port}`;
    if (targets.has(target)) continue;
    targets.add(target);
    outs.push(isUnk(t) ? { p, matched: true, assumed, ...extra, verdict: { kind: 'unknown', reason: t.reason, span: t.span ?? s.span } } : rewritten(p, kind, t, under(`the number selects ${formatValue(el.key)}`), extra));
  }
  if (!covers(els, drawn)) outs.push({ p, matched: false, assumed: under('the number is not in the map'), ...extra });
  return outs;
}

// ---------------------------------------------------------------------------------------------
// Joining the paths

function outcomeKey(o: Outcome): string {
  if (o.verdict === 'drop') return 'drop';
  if (o.verdict === 'unknown') return 'unknown';
  const p = o.m.p;
  return `accept|${o.m.delivery}|${p.daddr}|${p.dport}|${p.oif}`;
}

/**
 * The distinct ends of undecided paths, as the message names them: `accept (forward)`, `drop`; where
 * two accepted paths end the same way, with where each packet goes (`accept (forward to 172.17.0.2:8080)`).
 */
function outcomeTexts(outs: readonly Outcome[]): string[] {
  const ends = new Map<string, Outcome>();
  for (const o of outs) {
    const k = outcomeKey(o);
    if (!ends.has(k)) ends.set(k, o);
  }
  // how many distinct accepted ends share each delivery
  const shared = new Map<string, number>();
  for (const o of ends.values()) if (o.verdict === 'accept') shared.set(String(o.m.delivery), (shared.get(String(o.m.delivery)) ?? 0) + 1);
  return [...ends].map(([k, o]) => {
    if (o.verdict !== 'accept') return k;
    if (shared.get(String(o.m.delivery)) === 1) return `accept (${o.m.delivery})`;
    const p = o.m.p;
    const addr = formatIp({ v: p.v, n: p.daddr });
    const to = p.dport === undefined ? addr : p.v === 6 ? `[${addr}]:${p.dport}` : `${addr}:${p.dport}`;
    return `accept (${o.m.delivery} to ${to}${p.oif ? ` via ${p.oif}` : ''})`;
  });
}

function join(outs: Outcome[], packet: Packet): SimResult {
  const first = outs[0];
  const allAssumptions = dedupe(outs.flatMap((o) => toArray(o.m.assumptions)));
  const keys = new Set(outs.map(outcomeKey));
  if (keys.size === 1 && first.verdict !== 'unknown') {
    const r = resultOf(first, outs.length, allAssumptions);
    const seen = new Set<string>();
    const notes = outs.flatMap((o) => toArray(o.m.notes ?? null)).filter((n) => {
      const k = `${n.span.file}:${n.span.start}:${n.note}`;
      return !seen.has(k) && !!seen.add(k);
    });
    return notes.length ? { ...r, firstPacket: notes } : r;
  }
  // Undecided: the steps shared by every path, then why.
  const lists = outs.map((o) => o.m.steps);
  const shared = commonTail(lists);
  const decisive = outs.find((o) => o.verdict === 'unknown');
  const firstAssumption = allAssumptions[0];
  const reason = decisive?.reason ?? (firstAssumption ? { message: firstAssumption.reason, span: firstAssumption.span } : { message: 'undecided' });
  const paths = outcomeTexts(outs);
  const message = decisive?.reason && keys.size === 1 ? reason.message : `${reason.message} — the outcome depends on it (${paths.join(' / ')})`;
  const st: TraceStep = { kind: 'unknown', reason: message, span: reason.span };
  const base = resultOf(first, outs.length, allAssumptions);
  void packet;
  return {
    ...base,
    verdict: 'unknown',
    delivery: null,
    reason: { message, span: reason.span },
    decidedBy: decisive?.decidedBy ?? st,
    steps: [...toArray(shared), st],
    rewrites: keys.size === 1 ? base.rewrites : [],
  };
}

function resultOf(o: Outcome, branches: number, assumptions: Assumption[]): SimResult {
  const steps = toArray(o.m.steps);
  return {
    verdict: o.verdict,
    delivery: o.verdict === 'accept' ? o.m.delivery : null,
    reason: o.reason,
    decidedBy: o.decidedBy ?? (o.verdict === 'accept' ? acceptDecider(steps) : undefined),
    final: finalOf(o.m.p),
    steps,
    rewrites: toArray(o.m.rewrites),
    assumptions,
    branches,
  };
}

/** For an accepted packet: the last accepting rule that is not a NAT rule, else the last accepting policy. */
function acceptDecider(steps: readonly TraceStep[]): TraceStep | undefined {
  const rev = [...steps].reverse();
  return rev.find((s) => s.kind === 'rule' && s.verdict === 'accept' && !s.rewrite) ?? rev.find((s) => s.kind === 'policy' && s.verdict === 'accept');
}

function dedupe(xs: Assumption[]): Assumption[] {
  const seen = new Set<string>();
  return xs.filter((a) => {
    const k = `${a.span.file}:${a.span.start}:${a.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The longest shared past of persistent lists (identical nodes). */
function commonTail<T>(lists: List<T>[]): List<T> {
  const len = (l: List<T>): number => {
    let n = 0;
    for (let x = l; x; x = x.tail) n++;
    return n;
  };
  const lens = lists.map(len);
  const min = Math.min(...lens);
  let cur = lists.map((l, i) => {
    let x = l;
    for (let k = lens[i]; k > min; k--) x = x!.tail;
    return x;
  });
  while (cur.some((x) => x !== cur[0])) cur = cur.map((x) => x!.tail);
  return cur[0];
}

export type { RV };
