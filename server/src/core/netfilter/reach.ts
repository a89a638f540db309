/**
 * Reachability of one destination: which (ingress interface, source address) pairs get through.
 *
 * The space of sources is split into the classes the rules can tell apart. The host's own addresses
 * are cut out (a packet arriving from outside with a local source address is a martian and dropped
 * by the kernel; those classes are not reported) and its route prefixes cut it. Addresses that are
 * not unicast (multicast, broadcast) are no one's source either: no connection comes from them (the
 * kernel drops them as martian sources, or routes the reply to them back to itself), so a piece
 * stands for its unicast addresses and no representative is one of them. Then, on demand: a
 * piece's representative packet (its lowest source) is simulated while the simulator reports every
 * comparison it makes; the address intervals a source-dependent expression was compared with
 * (matches, anonymous and named sets, map keys, on every explored path) cut the piece, and each new
 * piece is simulated in turn. Sources on the same side of every cut take the same path, so each
 * final piece has one outcome; only rules a packet actually meets cost simulations (a ruleset with
 * thousands of chains and addresses needs few). Adjacent pieces with the same outcome (verdict,
 * delivery, deciding step, final destination) are merged.
 *
 * Pieces that are not adjacent often take the same path too: every gap between the /24s of an
 * allow list is "in none of them". A piece whose representative stands, towards every address
 * interval an earlier simulation's path compared the source with, where that simulation's
 * representative stood (inside or outside; below, inside or above for an ordering comparison), and
 * whose route is that representative's when the path asked the host for it, takes that path: its
 * results are those of the earlier simulation, which is not run again (see `Walked`). The ruleset
 * and the baseline keep their paths apart: a piece may take a known path of one and need a new
 * simulation of the other (an admin's input chain that drops a thousand blocklisted prefixes
 * splits the baseline's sources a thousand ways while Docker's forward path treats them alike).
 *
 * Interfaces are the host's (except `lo`) unless given. The result drives hovers, CodeLens and
 * findings: "eth0 from any: reaches 172.17.0.2:80", "eth1 from 10.0.0.0/8: dropped by rule X".
 */
import { type IpAddress, type IpInterval, type IpVersion, formatInterval, maxOf, parseIp, prefixInterval } from '../net/ip';
import { type Host, notUnicast, routeLookup } from './host';
import type { Expr, Ruleset, Table, Value } from './model';
import { type CtState, type Packet, PORT_PROTOCOLS, protocolNumber } from './packet';
import type { PState } from './sim/eval';
import type { Footprint } from './sim/footprint';
import { type SimulateOptions, simulate, simulateLocal } from './simulate';
import type { FinalPacket, SimResult, TraceStep, Verdict } from './trace';
import { shownRule } from '../text';

export interface ReachDest {
  /** The destination address as the client sends it (e.g. a host address for a published port). */
  readonly daddr: IpAddress | string;
  readonly proto: number | string;
  readonly dport?: number;
  readonly ctState?: CtState;
}

export interface ReachClass {
  /** The ingress interface. */
  readonly iif: string;
  /** The source addresses of this class (merged, ascending). */
  readonly sources: readonly IpInterval[];
  /** True when the class covers every non-local source address of the version. */
  readonly anySource: boolean;
  /**
   * The connection's verdict: `accept` only when the packet is accepted and so is its reply
   * (`example.reply`); a connection whose replies are dropped is `drop`, decided by the step that
   * drops the replies (`replyDropped`).
   */
  readonly verdict: Verdict;
  /** Where the packet itself went (also when its replies are dropped). */
  readonly delivery: 'forward' | 'local' | null;
  readonly decidedBy?: TraceStep;
  readonly reason?: SimResult['reason'];
  readonly final: FinalPacket;
  /** The packet reaches its destination but the replies do not get back (`example.reply` says where they stop). */
  readonly replyDropped?: boolean;
  /**
   * The simulation of a representative packet of the class (with its trace, and its reply's in
   * `reply`). When the class's first piece took a path an earlier piece's representative had
   * taken, this is that simulation: the same path, steps and outcome, but what it shows of the
   * source itself (the packet's source address, a NAT rewrite of it) is that representative's.
   */
  readonly example: SimResult;
  /** A packet of the class simulated against `ReachOptions.baseline` (e.g. the admin's rules without Docker's); as `example`, possibly another representative's on the same path. */
  readonly baseline?: SimResult;
  /**
   * For a port docker-proxy serves: the proxy's own connection to the container (and its reply in
   * `reply`); the class is open only when that works too.
   */
  readonly proxyLeg?: SimResult;
  /** IPv6: the neighbour-discovery exchange the rules drop on a link the connection needs (see `ndpBlocked`). */
  readonly ndp?: SimResult;
}

/**
 * A connection's verdict from its first packet's and its reply's simulations. The reply counts when
 * the host routes it back out of the interface the packet came in by (or a rule drops it before
 * routing): a source the host routes elsewhere (a subnet of another interface, a second uplink
 * without the default route) or not at all is answered by another path, which this interface's
 * class cannot judge.
 */
export function flowOf(r: SimResult, iif: string): Pick<ReachClass, 'verdict' | 'decidedBy' | 'reason' | 'replyDropped'> {
  const reply = r.verdict === 'accept' ? r.reply : undefined;
  // Routed out of another interface, or not routable at all (a host description without routes):
  // the answer to that is the network's, not the firewall's.
  if (!reply || reply.verdict === 'accept' || replyElsewhere(r, iif)) return { verdict: r.verdict, decidedBy: r.decidedBy, reason: r.reason };
  if (reply.verdict === 'drop') {
    const why = reply.reason?.message;
    return { verdict: 'drop', decidedBy: reply.decidedBy, reason: { message: `the packet reaches its destination but the replies are dropped${why ? `: ${why}` : ''}`, span: reply.reason?.span }, replyDropped: true };
  }
  return { verdict: 'unknown', decidedBy: reply.decidedBy, reason: { message: `the packet reaches its destination; whether the replies get back is unknown: ${reply.reason?.message ?? 'undecided'}`, span: reply.reason?.span } };
}

/** Whether the reply of an accepted packet leaves by another interface than the packet came in by (see flowOf). */
function replyElsewhere(r: SimResult, iif: string): boolean {
  const reply = r.verdict === 'accept' ? r.reply : undefined;
  return reply !== undefined && ((reply.final.oif !== '' && reply.final.oif !== iif) || reply.decidedBy?.kind === 'route');
}

export interface ReachOptions {
  /** Ingress interfaces to consider (default: every host interface but `lo`). */
  readonly interfaces?: readonly string[];
  /** Upper bound on simulations per interface (default 4096); beyond it pieces are not split further. */
  readonly maxPieces?: number;
  /**
   * A second ruleset to simulate each class's packet against, such as the admin's own rules
   * without Docker's: classes are then split by both outcomes.
   */
  readonly baseline?: Ruleset;
  /** Filled with what the simulations (against `ruleset` and `baseline`) showed the rules (see footprint.ts). */
  readonly footprint?: Footprint;
  /** False: every piece is simulated, none takes an earlier piece's path (`Walked`); tests compare both. Default true. */
  readonly reusePaths?: boolean;
}

/** Splits the sources by what the rules distinguish and simulates each class. Pure; never throws. */
export function reach(ruleset: Ruleset, host: Host, dest: ReachDest, opts: ReachOptions = {}): ReachClass[] {
  const daddr = typeof dest.daddr === 'string' ? parseIp(dest.daddr) : dest.daddr;
  const proto = typeof dest.proto === 'string' ? protocolNumber(dest.proto) : dest.proto;
  if (!daddr || proto === undefined) return [];
  const v = daddr.v;
  const max = opts.maxPieces ?? 4096;
  const ifaces = opts.interfaces ?? host.interfaces.filter((i) => i.name !== 'lo').map((i) => i.name);
  const out: ReachClass[] = [];
  const fp = opts.footprint;
  const entered = fp && ((p: Parameters<Footprint['add']>[0]) => fp.add(p));
  for (const iif of ifaces) {
    const classes: { sources: IpInterval[]; key: string; r: SimResult; b?: SimResult }[] = [];
    let prevKey: string | undefined;
    const emit = (piece: IpInterval, r: SimResult, b: SimResult | undefined): void => {
      const key = b ? `${outcomeKey(r, iif)}||${outcomeKey(b, iif)}` : outcomeKey(r, iif);
      // Consecutive pieces with the same outcome merge, also across the host's own addresses
      // between them (martian sources, which belong to no class).
      const same = classes.find((c) => c.key === key);
      if (same && prevKey === key) {
        const lastIv = same.sources[same.sources.length - 1];
        same.sources[same.sources.length - 1] = { ...lastIv, hi: piece.hi };
      } else if (same) same.sources.push(piece);
      else classes.push({ sources: [piece], key, r, b });
      // The class's example is a source whose reply comes back the way it went in, where there is
      // one: an example whose reply the host routes elsewhere explains only half the connection.
      if (same && replyElsewhere(same.r, iif) && !replyElsewhere(r, iif)) {
        same.r = r;
        same.b = b;
      }
      prevKey = key;
    };
    let budget = max;
    // The paths simulated from this interface, one cache per ruleset: a piece may take a known
    // path of the ruleset and a new one of the baseline, or the reverse (the baseline's own rules
    // often tell far more sources apart than the ruleset's path does).
    const paths = new Paths();
    const basePaths = new Paths();
    const firstSource = sourcesOf(host, v);
    const walk = (known: Paths, rs: Ruleset, piece: IpInterval, rep: bigint, routes: string, cuts: Set<bigint>): SimResult => {
      const hit = opts.reusePaths === false ? undefined : known.find(rep, routes);
      if (hit) {
        // The same path: its result, its cuts inside this piece, its replies' clients.
        hit.cutsInside(piece, cuts);
        if (fp) for (const p of hit.replies) fp.addReply(p, piece);
        return hit.result;
      }
      const w = new Walked(rep);
      const observe = w.observer(piece, cuts, sourceDependent);
      const reply = {
        observe: w.observer(piece, cuts, clientDependentInReply),
        entered: (p: PState) => {
          w.replies.push(p);
          fp?.addReply(p, piece);
        },
      };
      w.result = simulate(rs, host, packetFor(iif, rep, daddr, proto, dest), { observe, entered, reply, asked: w.asker() });
      known.keep(w, routes);
      return w.result;
    };
    for (const base of hostPieces(host, v)) {
      // (the routes are the same for every address of a piece of the host's space)
      const routes = routesOf(host, { v, n: base.lo }, iif);
      // Demand-driven splitting: simulate the piece's representative, collecting every address the
      // path compared the source with. Sources on the same side of all those cuts take the same
      // path, so the piece splits only there, and only the new pieces need their own simulation.
      const todo: { piece: IpInterval; known?: { r: SimResult; b?: SimResult } }[] = [{ piece: base }];
      while (todo.length) {
        const { piece, known } = todo.pop()!;
        const rep = firstSource(piece);
        // (a piece of no source belongs to no class: the pieces around it merge across it)
        if (rep === undefined) continue;
        const cuts = new Set<bigint>();
        let r: SimResult;
        let b: SimResult | undefined;
        if (known) ({ r, b } = known);
        else {
          r = walk(paths, ruleset, piece, rep, routes, cuts);
          b = opts.baseline ? walk(basePaths, opts.baseline, piece, rep, routes, cuts) : undefined;
          // (a path taken again counts as a simulation: the budget splits pieces as it always did)
          budget--;
        }
        if (cuts.size > 0 && budget <= 0 && opts.footprint) opts.footprint.exhausted = true;
        if (cuts.size === 0 || budget <= 0) {
          emit(piece, r, b);
          continue;
        }
        const points = [...cuts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        const parts: IpInterval[] = [];
        let lo = piece.lo;
        for (const c of points) {
          parts.push({ v, lo, hi: c - 1n });
          lo = c;
        }
        parts.push({ v, lo, hi: piece.hi });
        // The part that holds the representative (the lowest source of its part too) has its result.
        for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i].lo <= rep && rep <= parts[i].hi ? { piece: parts[i], known: { r, b } } : { piece: parts[i] });
      }
    }
    for (const c of classes) {
      const flow = flowOf(c.r, iif);
      // IPv6 works on a link only when neighbour discovery does: on the way in, and out to the container.
      const links = v === 6 && flow.verdict === 'accept' ? [iif, ...(c.r.delivery === 'forward' ? [c.r.final.oif] : [])] : [];
      for (const l of links) fp?.addNdp(l, ndpAddresses(host, l));
      const ndp = links.map((l) => ndpBlocked(ruleset, host, l)).find((x) => x);
      out.push({
        iif,
        sources: c.sources,
        anySource: classes.length === 1,
        ...(ndp ? { verdict: ndp.verdict, decidedBy: ndp.decidedBy, reason: { message: `IPv6 neighbour discovery does not work on ${ndp.final.iif || ndp.final.oif}: ${ndp.reason?.message ?? 'dropped'}`, span: ndp.reason?.span }, ndp } : flow),
        delivery: c.r.delivery,
        final: c.r.final,
        example: c.r,
        baseline: c.b,
      });
    }
  }
  return out;
}

/**
 * What the routes say of a source address: the route to it (reverse-path filters, `fib`, the
 * reply's way back) and the route to it by the ingress interface: the answers to the simulator's
 * `route` questions about a source (its other questions get the same answer for every
 * representative; see `Walked.asker`).
 */
function routesOf(host: Host, a: IpAddress, iif: string): string {
  const route = (dev?: string): string => {
    const r = routeLookup(host, a, dev);
    return r ? `${r.dev}|${r.via ? `${r.via.v}:${r.via.n}` : ''}|${r.prefixLen}|${r.how}` : '-';
  };
  return `${route()}|${route(iif)}`;
}

/**
 * A piece's representative: its lowest source, the lowest address that is unicast (not 0, and not
 * in {@link notUnicast}: the host's own addresses are in no piece); undefined when it has none.
 */
function sourcesOf(host: Host, v: IpVersion): (piece: IpInterval) => bigint | undefined {
  const not = notUnicast(host, v).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  return (piece) => {
    let n = piece.lo === 0n ? 1n : piece.lo;
    for (const x of not) if (x.lo <= n && n <= x.hi) n = x.hi + 1n;
    return n <= piece.hi ? n : undefined;
  };
}

/** The representative packet of a source piece. */
function packetFor(iif: string, rep: bigint, daddr: IpAddress, proto: number, dest: ReachDest): Packet {
  const v = daddr.v;
  return {
    iif,
    saddr: { v, n: rep },
    daddr,
    proto,
    sport: PORT_PROTOCOLS.has(proto) ? 40000 : undefined,
    dport: PORT_PROTOCOLS.has(proto) ? (dest.dport ?? 0) : undefined,
    ctState: dest.ctState ?? 'new',
    ctDirection: 'original',
    mark: 0n,
    ctMark: 0n,
    icmpType: proto === 1 || proto === 58 ? 'echo-request' : undefined,
    tcpFlags: proto === 6 ? 2 : undefined,
  };
}

/**
 * The paths simulated from one interface against one ruleset. A path on which the host was asked
 * the route to the source (rules matching `fib saddr`, rpfilter, the reply routed back) serves the
 * pieces with its piece's routes; one on which it was not (a request dropped before any reply)
 * serves any piece. Both are kept apart by whether the representative is ::1 (which IPv6 drops
 * from other interfaces). Representatives come in ascending order.
 */
class Paths {
  private readonly routed = new Map<string, Kept>();
  private readonly unrouted = new Map<boolean, Kept>();

  /** A kept path that the representative `rep` (of a piece with these routes) takes. */
  find(rep: bigint, routes: string): Walked | undefined {
    const same = Paths.live(this.routed.get(`${rep === 1n}|${routes}`), rep);
    const any = Paths.live(this.unrouted.get(rep === 1n), rep);
    return same?.find((w) => w.takenBy(rep)) ?? any?.find((w) => w.takenBy(rep));
  }

  keep(w: Walked, routes: string): void {
    if (!w.reusable) return;
    if (w.routed) Paths.add(this.routed, `${w.rep === 1n}|${routes}`, w);
    else Paths.add(this.unrouted, w.rep === 1n, w);
  }

  private static add<K>(m: Map<K, Kept>, k: K, w: Walked): void {
    const kept = m.get(k);
    if (!kept) m.set(k, { walks: [w], lowest: w.until });
    else {
      kept.walks.push(w);
      if (w.until < kept.lowest) kept.lowest = w.until;
    }
  }

  /** (a path whose representatives all lie below this one is of no use to this or any later piece) */
  private static live(kept: Kept | undefined, rep: bigint): Walked[] | undefined {
    if (kept && kept.lowest < rep) {
      kept.walks = kept.walks.filter((w) => w.until >= rep);
      kept.lowest = kept.walks.reduce((m, w) => (w.until < m ? w.until : m), MAX_UNTIL);
    }
    return kept?.walks;
  }
}

/** Kept paths, and the lowest address past which one of them is of no use. */
interface Kept {
  walks: Walked[];
  lowest: bigint;
}

const MAX_UNTIL = (1n << 128n) - 1n;

/**
 * One simulated path (the packet's against one ruleset, the merged one or the baseline, with its
 * reply): the address intervals it compared the source with, and where its representative stood towards them.
 * Another representative that stands where this one stood towards every one of them makes every
 * comparison on the path come out the same, so it takes this path: the argument that lets a piece
 * without cuts inside stand for all its sources, without adjacency. A match against a set of
 * addresses asks whether the address is in any of them; a map (or a set of concatenations) which
 * one holds it; a range or prefix whether it is in it; an ordering comparison whether it is below,
 * in or above. A path that compared a transformed expression (`ip saddr & mask`) with an address is
 * not taken again.
 */
class Walked {
  result!: SimResult;
  /** Interval bounds compared with. */
  private readonly lo: bigint[] = [];
  private readonly hi: bigint[] = [];
  /**
   * Per comparison, three numbers: the first and past-the-last of its intervals, and where the
   * representative stood: 0 in one of them, 1 in none, -1 / 2 below / above an ordering comparison's value.
   */
  private readonly groups: number[] = [];
  /** The boundaries of the intervals compared with, ascending (made by `cutsInside`), and how often it was asked before. */
  private bounds: bigint[] | undefined;
  private taken = 0;
  /** The offsets in `groups` of the comparisons the representative was inside. */
  private readonly inside: number[] = [];
  private readonly seen = new Set<Value>();
  /** The reply packet states that entered base chains (the footprint counts each piece's clients). */
  readonly replies: PState[] = [];
  reusable = true;
  /** Whether the host was asked the route to the representative on this path. */
  routed = false;

  constructor(readonly rep: bigint) {}

  private where(n: bigint, from: number, to: number, ordered: boolean): number {
    for (let i = from; i < to; i++) if (n >= this.lo[i] && n <= this.hi[i]) return 0;
    return !ordered ? 1 : n < this.lo[from] ? -1 : 2;
  }

  /** The highest address that can take this path (from the intervals the representative was in or below). */
  until = MAX_UNTIL;

  private group(from: number, to: number, ordered: boolean): void {
    if (from >= to) return;
    const at = this.where(this.rep, from, to, ordered);
    if (at === 0) this.inside.push(this.groups.length);
    this.groups.push(from, to, at);
    if (at === 0) {
      let top = this.hi[from];
      for (let i = from + 1; i < to; i++) if (this.hi[i] > top) top = this.hi[i];
      if (top < this.until) this.until = top;
    } else if (at === -1 && this.lo[from] - 1n < this.until) this.until = this.lo[from] - 1n;
  }

  /** Whether a representative `n` takes this path (see the class comment). */
  takenBy(n: bigint): boolean {
    const g = this.groups;
    // The comparisons the representative was inside first: few sources share them (a path that
    // ends at one of a thousand blocklisted prefixes compared the source with all before it).
    for (const i of this.inside) if (this.where(n, g[i], g[i + 1], false) !== 0) return false;
    for (let i = 0; i < g.length; i += 3) {
      const at = g[i + 2];
      if (at !== 0 && this.where(n, g[i], g[i + 1], at === -1 || at === 2) !== at) return false;
    }
    return true;
  }

  /**
   * The `asked` callback for the simulations of this path. The host answers the same for every
   * representative but its route (the path is then kept by the routes of its piece: {@link routed}):
   * none is one of the host's own addresses, each is unicast. A path on which an address was
   * computed from the source (NETMAP) is not taken again: the host may be asked about that address.
   */
  asker(): NonNullable<SimulateOptions['asked']> {
    return (n, question) => {
      if (n !== this.rep) return;
      if (question === 'route') this.routed = true;
      else if (question === 'derived') this.reusable = false;
    };
  }

  /** Adds to `cuts` the compared intervals' boundaries strictly inside `piece` (what the path's observers added for its own piece). */
  cutsInside(piece: IpInterval, cuts: Set<bigint>): void {
    // A path taken again a few times is scanned; one taken again often gets its boundaries
    // sorted once (its simulation is over) and searched.
    let b = this.bounds;
    if (!b && ++this.taken <= 8) {
      for (let i = 0; i < this.lo.length; i++) {
        const a = this.lo[i];
        const z = this.hi[i] + 1n;
        if (a > piece.lo && a <= piece.hi) cuts.add(a);
        if (z > piece.lo && z <= piece.hi) cuts.add(z);
      }
      return;
    }
    if (!b) {
      const all = new Set<bigint>();
      for (let i = 0; i < this.lo.length; i++) all.add(this.lo[i]).add(this.hi[i] + 1n);
      this.bounds = b = [...all].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    }
    // the first boundary above the piece's first address, then every one up to its last
    let lo = 0;
    for (let hi = b.length; lo < hi; ) {
      const mid = (lo + hi) >>> 1;
      if (b[mid] <= piece.lo) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < b.length && b[i] <= piece.hi; i++) cuts.add(b[i]);
  }

  /**
   * An observer for `simulate` that adds to `cuts` the boundaries, strictly inside `piece`, of the
   * addresses compared with an expression that may carry the client's address (`dependent`), and
   * keeps them with where the representative stood.
   */
  observer(piece: IpInterval, cuts: Set<bigint>, dependent: (e: Expr) => boolean): NonNullable<SimulateOptions['observe']> {
    const add = (n: bigint): void => {
      if (n > piece.lo && n <= piece.hi) cuts.add(n);
    };
    let single = false;
    const visit = (x: Value, table: Table, depth: number): void => {
      if (x.kind === 'ip') {
        if (x.interval.v !== piece.v) return;
        add(x.interval.lo);
        add(x.interval.hi + 1n);
        const i = this.lo.length;
        this.lo.push(x.interval.lo);
        this.hi.push(x.interval.hi);
        if (single) this.group(i, i + 1, false);
      } else if (x.kind === 'set') for (const e of x.elements) visit(e, table, depth);
      else if (x.kind === 'concat') {
        // which element holds the address decides, with the other parts
        const was = single;
        single = true;
        for (const e of x.parts) visit(e, table, depth);
        single = was;
      } else if (x.kind === 'setref' && depth === 0) for (const e of table.sets.get(x.name)?.elements ?? []) visit(e.key, table, 1);
    };
    return (left, right, table, ordered) => {
      if (!dependent(left)) return;
      // A value compared again adds nothing (a named set is the same value in every rule naming it only through its table).
      if (right.kind !== 'setref' && this.seen.has(right)) return;
      if (right.kind !== 'setref') this.seen.add(right);
      const from = this.lo.length;
      // A match (ordered given) asks about the intervals together; a map's key about each.
      single = ordered === undefined;
      visit(right, table, 0);
      const to = this.lo.length;
      if (!single) for (let i = from; i < to; i += ordered ? 1 : to - from) this.group(i, ordered ? i + 1 : to, ordered === true);
      // an address compared with a masked source: where the representative stands says nothing
      if (to > from && transformed(left)) this.reusable = false;
    };
  }
}

/** Whether an expression computes something from a field (a mask) rather than reading it. */
function transformed(e: Expr): boolean {
  return e.kind === 'bitwise' || (e.kind === 'concat' && e.parts.some(transformed));
}

function outcomeKey(r: SimResult, iif: string): string {
  const own = `${decisionKey(r)}|${r.final.daddr}|${r.final.dport}|${r.final.oif}`;
  // The reply splits classes only where it changes the connection's verdict (its destination is
  // the client itself, and which rule let it through does not matter).
  const flow = flowOf(r, iif);
  return flow.verdict === r.verdict ? own : `${own}>>${decisionKey(r.reply!)}`;
}

function decisionKey(r: SimResult): string {
  const d = r.decidedBy;
  const by = !d ? '' : d.kind === 'rule' ? `${d.rule.span.file}:${d.rule.span.start}` : d.kind === 'policy' ? `policy:${d.table}:${d.chain}` : d.kind === 'unknown' ? `unknown:${d.reason}` : d.kind;
  return `${r.verdict}|${r.delivery}|${by}|${r.verdict === 'unknown' ? r.reason?.message : ''}`;
}

/**
 * Fields whose value never depends on the packet's original source address: comparisons with them
 * cannot tell two sources apart, so their addresses do not cut the source space (a ruleset with
 * thousands of service or endpoint addresses would otherwise need thousands of simulations).
 */
const DESTINATION_FIELDS: ReadonlySet<string> = new Set([
  'ip.daddr', 'ip6.daddr',
  'ct.original.daddr', 'ct.original.ip.daddr', 'ct.original.ip6.daddr',
  'ct.reply.saddr', 'ct.reply.ip.saddr', 'ct.reply.ip6.saddr',
]);

/** Whether an expression may depend on the source address (anything but destination-only fields). */
function sourceDependent(e: Expr): boolean {
  if (e.kind === 'field') return !DESTINATION_FIELDS.has(e.field);
  if (e.kind === 'concat') return e.parts.some(sourceDependent);
  // (a drawn number is compared with numbers only)
  if (e.kind === 'drawn') return false;
  return sourceDependent(e.expr);
}

/**
 * Fields of a reply packet that never carry the client's address: its source (the container, or
 * after the reverse NAT the address the client sent to) and the connection's server side.
 */
const REPLY_SERVER_FIELDS: ReadonlySet<string> = new Set([
  'ip.saddr', 'ip6.saddr',
  'ct.original.daddr', 'ct.original.ip.daddr', 'ct.original.ip6.daddr',
  'ct.reply.saddr', 'ct.reply.ip.saddr', 'ct.reply.ip6.saddr',
]);

/** Whether an expression evaluated on a reply may depend on the client's address. */
function clientDependentInReply(e: Expr): boolean {
  if (e.kind === 'field') return !REPLY_SERVER_FIELDS.has(e.field);
  if (e.kind === 'concat') return e.parts.some(clientDependentInReply);
  if (e.kind === 'drawn') return false;
  return clientDependentInReply(e.expr);
}

/**
 * The source space cut by the host alone: its own addresses (martian sources, not reported) and
 * loopback removed, route prefixes and connected subnets (reverse-path and reply route lookups) as boundaries. `reach` splits these
 * pieces further where the rules compare sources.
 */
function hostPieces(host: Host, v: IpVersion): IpInterval[] {
  const cuts = new Set<bigint>([0n]);
  const cut = (iv: IpInterval): void => {
    if (iv.v !== v) return;
    cuts.add(iv.lo);
    if (iv.hi < maxOf(v)) cuts.add(iv.hi + 1n);
  };
  for (const r of host.routes) cut(r.to);
  const local = new Set<bigint>();
  for (const i of host.interfaces)
    for (const a of i.addresses) {
      if (a.addr.v !== v) continue;
      local.add(a.addr.n);
      cut({ v, lo: a.addr.n, hi: a.addr.n });
      // Connected subnets route replies as routes do.
      const net = prefixInterval(a.addr, a.prefixLen);
      if (net) cut(net);
    }
  if (v === 4) cut({ v: 4, lo: 0x7f000000n, hi: 0x7fffffffn });
  const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pieces: IpInterval[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const lo = sorted[i];
    const hi = i + 1 < sorted.length ? sorted[i + 1] - 1n : maxOf(v);
    const isLoopback = v === 4 && lo >> 24n === 127n;
    if (!(lo === hi && local.has(lo)) && !isLoopback) pieces.push({ v, lo, hi });
  }
  return pieces;
}

function describe(c: ReachClass): string {
  const d = c.decidedBy;
  const where = (s: { file: string; range: { start: { line: number } } }): string => `${s.file}:${s.range.start.line + 1}`;
  const by = !d ? '' : d.kind === 'rule' ? ` by \`${shownRule(d.rule.text)}\` [${where(d.rule.span)}]` : d.kind === 'policy' ? ` by the policy of ${d.family} ${d.table} ${d.chain}` : '';
  const f = c.final;
  const dest = f.dport === undefined ? f.daddr : `${f.daddr.includes(':') ? `[${f.daddr}]` : f.daddr}:${f.dport}`;
  if (c.verdict === 'accept') return `${c.delivery === 'local' ? 'delivered locally to' : 'reaches'} ${dest}/${f.proto}${by}`;
  if (c.verdict === 'drop') return `dropped${by || (c.reason ? `: ${c.reason.message}` : '')}`;
  return `unknown: ${c.reason?.message ?? 'undecided'}`;
}

/**
 * One line per class: `eth0 from any: reaches 172.17.0.2:80/tcp by ...`. Per interface, the class
 * with the most intervals is shown as `any other` when there are others.
 */
export function formatReach(classes: readonly ReachClass[]): string {
  const biggest = new Map<string, ReachClass>();
  for (const c of classes) {
    const b = biggest.get(c.iif);
    if (!b || c.sources.length > b.sources.length) biggest.set(c.iif, c);
  }
  return classes
    .map((c) => {
      const from = c.anySource ? 'any' : biggest.get(c.iif) === c ? 'any other' : c.sources.map(formatInterval).join(', ');
      return `${c.iif} from ${from}: ${describe(c)}`;
    })
    .join('\n');
}

/** Per ruleset and link: the neighbour-discovery exchange that fails there, if any. */
const ndpMemo = new WeakMap<Ruleset, Map<string, SimResult | null>>();

/**
 * IPv6 reaches a neighbour only after neighbour discovery: on a link, the host must accept a
 * neighbour solicitation (ICMPv6 135 to its solicited-node multicast address, from a link-local
 * address) in its input chain and send the advertisement (136) through its output chain; towards a
 * container it sends the solicitation out (output) and accepts the advertisement in (input).
 * Conntrack leaves both untracked (`ct state untracked`: no established rule accepts them), so a
 * policy-drop input or output chain without an ICMPv6 rule for them cuts IPv6 off on that link,
 * whatever it says about ports — as ufw's IPV6=no does. Undefined when both directions pass (or the link has no IPv6 address).
 */
export function ndpBlocked(ruleset: Ruleset, host: Host, link: string): SimResult | undefined {
  if (!link || host.staticNeighbours) return undefined;
  let memo = ndpMemo.get(ruleset);
  if (!memo) ndpMemo.set(ruleset, (memo = new Map()));
  const key = `${link}|${host.interfaces.find((i) => i.name === link)?.addresses.map((a) => formatInterval({ v: a.addr.v, lo: a.addr.n, hi: a.addr.n })).join(',')}`;
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  const [me, peerN, solicitedN] = ndpAddresses(host, link);
  let bad: SimResult | undefined;
  if (me !== undefined) {
    const mine = { addr: { v: 6 as const, n: me } };
    const peer = { v: 6 as const, n: peerN };
    const nd = (from: IpAddress, to: IpAddress, type: string, iif: string): Packet => ({ iif, saddr: from, daddr: to, proto: 58, ctState: 'untracked', ctDirection: 'original', mark: 0n, ctMark: 0n, icmpType: type });
    const solicited = { v: 6 as const, n: solicitedN };
    // The neighbour asks for the host (in), the host answers (out); the host asks for the neighbour (out), it answers (in).
    const steps = [
      () => simulate(ruleset, host, nd(peer, solicited, 'nd-neighbor-solicit', link)),
      () => simulateLocal(ruleset, host, nd(mine.addr, peer, 'nd-neighbor-advert', '')),
      // (unicast, as in neighbour unreachability detection, so that routing picks this link)
      () => simulateLocal(ruleset, host, nd(mine.addr, peer, 'nd-neighbor-solicit', '')),
      () => simulate(ruleset, host, nd(peer, mine.addr, 'nd-neighbor-advert', link)),
    ];
    for (const run of steps) {
      const r = run();
      if (r.verdict === 'drop' && (r.decidedBy?.kind === 'rule' || r.decidedBy?.kind === 'policy')) {
        bad = r;
        break;
      }
    }
  }
  memo.set(key, bad ?? null);
  return bad;
}

/** The addresses a link's neighbour discovery uses: the host's global IPv6 address there, a neighbour's, the host's solicited-node group. */
function ndpAddresses(host: Host, link: string): bigint[] {
  const mine = host.interfaces.find((i) => i.name === link)?.addresses.find((a) => a.addr.v === 6 && a.addr.n >> 118n !== 0x3fan);
  if (!mine) return [];
  return [mine.addr.n, mine.addr.n ^ 3n, (0xff02n << 112n) | (1n << 32n) | (0xffn << 24n) | (mine.addr.n & 0xffffffn)];
}
