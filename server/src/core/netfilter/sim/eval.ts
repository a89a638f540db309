/**
 * Three-valued evaluation of expressions and matches against the simulated packet state.
 *
 * An expression yields a concrete value, `BREAK` (the kernel stops the rule: the field does not exist
 * for this packet, e.g. `ip saddr` on an IPv6 packet or a conntrack field before conntrack ran), or
 * an {@link Unk} (the value depends on something the simulator does not model).
 */
import type { Span } from '../../text';
import { type IpVersion } from '../../net/ip';
import type { CtState } from '../packet';
import { PORT_PROTOCOLS, TCP_FLAGS, protocolNumber } from '../packet';
import type { Expr, MatchStmt, Table, Value } from '../model';
import { type AddrType, type Host, type RouteResult, addressType, isLocalAddress, routeLookup } from '../host';

export interface Unk {
  readonly unk: true;
  readonly reason: string;
  readonly span?: Span;
}

export const isUnk = (x: unknown): x is Unk => typeof x === 'object' && x !== null && (x as Unk).unk === true;

export const BREAK = Symbol('break');
export type Break = typeof BREAK;

/** The simulated packet and its conntrack entry, as the current chain sees them. */
export interface PState {
  readonly v: IpVersion;
  readonly iif: string;
  /** Empty before the routing decision and for local delivery. */
  readonly oif: string;
  readonly saddr: bigint;
  readonly daddr: bigint;
  readonly sport?: number;
  readonly dport?: number;
  readonly proto: number;
  readonly mark: bigint | Unk;
  readonly ctMark: bigint | Unk;
  readonly ctState: CtState;
  readonly ctDirection: 'original' | 'reply';
  readonly ctStatus: readonly string[];
  /** The original tuple of the connection (before NAT), direction original. */
  readonly orig: { readonly saddr: bigint; readonly daddr: bigint; readonly sport?: number; readonly dport?: number };
  /** Where the reply goes after source NAT (reply tuple destination), when SNAT happened. */
  readonly snatTo?: { readonly saddr: bigint; readonly sport?: number };
  readonly icmpType?: string;
  readonly tcpFlags?: number;
  readonly dnatBound: boolean;
  readonly snatBound: boolean;
  /**
   * xt_recent entries this packet's own path added (`--set`, `--update`), as hits per
   * `list|address`; every other list is assumed not to hold the packet's addresses (a fresh source).
   */
  readonly recent?: Readonly<Record<string, number>>;
}

export interface EvalCtx {
  readonly host: Host;
  readonly table: Table;
  /** False before conntrack ran (prerouting priority < -200, netdev ingress). */
  readonly ctAttached: boolean;
  /**
   * Told about every comparison made (expression and the value it was compared with), for reach();
   * `ordered` for `<`, `>`, `<=`, `>=` (otherwise the value is a set of candidates: equality, membership, map keys).
   */
  readonly observe?: (left: Expr, right: Value, table: Table, ordered?: boolean) => void;
  /** Told about every address the host is asked about (see {@link HostQuestion}), for reach(). */
  readonly asked?: (n: bigint, question: HostQuestion) => void;
}

/**
 * What a simulation asks the host about an address: whether it is one of the host's own
 * (`local`), its address type (`type`), a route to it (`route`); `derived` for an address a
 * statement computes from it (NETMAP keeps its host part), which the host may be asked about later.
 */
export type HostQuestion = 'local' | 'type' | 'route' | 'derived';

/** The host and who is told what it is asked: an evaluation context, or the simulator's run. */
export type Asking = Pick<EvalCtx, 'host' | 'asked'>;

/** Whether `n` is one of the host's own addresses, told to `asked`. */
export function isOwn(ctx: Asking, v: IpVersion, n: bigint): boolean {
  ctx.asked?.(n, 'local');
  return isLocalAddress(ctx.host, { v, n });
}

/** The host's address type of `n`, told to `asked`. */
export function typeOf(ctx: Asking, v: IpVersion, n: bigint): AddrType {
  ctx.asked?.(n, 'type');
  return addressType(ctx.host, { v, n });
}

/** The host's route to `n` (by `iif` when given), told to `asked`. */
export function routeTo(ctx: Asking, v: IpVersion, n: bigint, iif?: string): RouteResult | undefined {
  ctx.asked?.(n, 'route');
  return routeLookup(ctx.host, { v, n }, iif);
}

export type RV =
  | { readonly t: 'int'; readonly n: bigint }
  | { readonly t: 'ip'; readonly v: IpVersion; readonly n: bigint }
  | { readonly t: 'name'; readonly s: string }
  | { readonly t: 'sym'; readonly s: string }
  | { readonly t: 'flags'; readonly s: readonly string[] }
  | { readonly t: 'concat'; readonly parts: readonly (RV | Unk)[] };

export type EvalResult = RV | Break | Unk;

const int = (n: bigint | number): RV => ({ t: 'int', n: BigInt(n) });

function hasCt(p: PState, ctx: EvalCtx): boolean {
  return ctx.ctAttached && p.ctState !== 'untracked' && p.ctState !== 'invalid';
}

/** Conntrack tuple fields: `ct.original.daddr`, `ct.reply.proto-dst`, `ct.protocol`, ... */
function ctTuple(dir: string, key: string, p: PState): EvalResult {
  const proto = int(p.proto);
  const ip = (n: bigint): RV => ({ t: 'ip', v: p.v, n });
  const port = (n: number | undefined): EvalResult => (n === undefined ? BREAK : int(n));
  // Reply tuple: source is where the packet was sent after DNAT, destination where replies go after SNAT.
  const reply = {
    saddr: p.daddr,
    daddr: p.snatTo?.saddr ?? p.orig.saddr,
    sport: p.dport,
    dport: p.snatTo?.sport ?? p.orig.sport,
  };
  const t = dir === 'reply' ? reply : p.orig;
  switch (key) {
    case 'saddr':
    case 'ip.saddr':
    case 'ip6.saddr':
      return key.startsWith('ip') && (key.startsWith('ip6') ? p.v !== 6 : p.v !== 4) ? BREAK : ip(t.saddr);
    case 'daddr':
    case 'ip.daddr':
    case 'ip6.daddr':
      return key.startsWith('ip') && (key.startsWith('ip6') ? p.v !== 6 : p.v !== 4) ? BREAK : ip(t.daddr);
    case 'proto-src':
      return PORT_PROTOCOLS.has(p.proto) ? port(t.sport) : BREAK;
    case 'proto-dst':
      return PORT_PROTOCOLS.has(p.proto) ? port(t.dport) : BREAK;
    case 'protocol':
      return proto;
  }
  return { unk: true, reason: `conntrack field ${dir}.${key} is not modelled` };
}

// (fieldValue runs for every match of every simulated rule: its helpers are not closures made per call)
function ipv(p: PState, want: IpVersion, n: bigint): EvalResult {
  return p.v === want ? { t: 'ip', v: want, n } : BREAK;
}

function portsOf(p: PState, which: 'sport' | 'dport'): EvalResult {
  if (!PORT_PROTOCOLS.has(p.proto)) return { unk: true, reason: `protocol ${p.proto} has no ports: the transport-header bytes are not modelled` };
  const n = p[which];
  return n === undefined ? BREAK : int(n);
}

/** The ICMPv6 types of neighbour discovery (RFC 4861), always sent with hop limit 255. */
const ND_TYPES: ReadonlySet<string> = new Set(['nd-router-solicit', 'nd-router-advert', 'nd-neighbor-solicit', 'nd-neighbor-advert', 'nd-redirect']);

export function fieldValue(field: string, p: PState, ctx: EvalCtx): EvalResult {
  const v4 = p.v === 4;
  switch (field) {
    case 'meta.iifname':
    case 'meta.iif':
      return { t: 'name', s: p.iif };
    case 'meta.oifname':
    case 'meta.oif':
      return { t: 'name', s: p.oif };
    case 'meta.l4proto':
      return int(p.proto);
    case 'ip.protocol':
      return v4 ? int(p.proto) : BREAK;
    case 'ip6.nexthdr':
      return v4 ? BREAK : int(p.proto);
    case 'ip.version':
      return v4 ? int(4) : BREAK;
    case 'ip.ttl':
      return v4 ? { unk: true, reason: 'the TTL a packet arrives with is not known' } : BREAK;
    case 'ip6.hoplimit':
      // neighbour discovery is sent with 255 (RFC 4861), which is how a receiver tells it came from the link
      if (v4) return BREAK;
      return p.proto === 58 && p.icmpType !== undefined && ND_TYPES.has(p.icmpType) ? int(255) : { unk: true, reason: 'the hop limit a packet arrives with is not known' };
    case 'ip6.version':
      return v4 ? BREAK : int(6);
    case 'meta.nfproto':
      return { t: 'sym', s: v4 ? 'ipv4' : 'ipv6' };
    case 'meta.protocol':
      return { t: 'sym', s: v4 ? 'ip' : 'ip6' };
    case 'meta.mark':
      return isUnk(p.mark) ? p.mark : int(p.mark);
    case 'meta.pkttype': {
      const t = typeOf(ctx, p.v, p.orig.daddr);
      return { t: 'sym', s: t === 'broadcast' || t === 'multicast' ? t : 'host' };
    }
    case 'meta.iiftype':
      return { t: 'sym', s: p.iif === 'lo' ? 'loopback' : 'ether' };
    case 'ip.saddr':
      return ipv(p, 4, p.saddr);
    case 'ip.daddr':
      return ipv(p, 4, p.daddr);
    case 'ip6.saddr':
      return ipv(p, 6, p.saddr);
    case 'ip6.daddr':
      return ipv(p, 6, p.daddr);
    case 'th.sport':
      return portsOf(p, 'sport');
    case 'th.dport':
      return portsOf(p, 'dport');
    case 'icmp.type':
      return p.proto === 1 && v4 ? { t: 'sym', s: p.icmpType ?? 'echo-request' } : BREAK;
    case 'icmpv6.type':
      return p.proto === 58 && !v4 ? { t: 'sym', s: p.icmpType ?? 'echo-request' } : BREAK;
    case 'tcp.flags':
      return p.proto === 6 ? int(p.tcpFlags ?? 0) : BREAK;
    case 'ct.state':
      return { t: 'sym', s: !ctx.ctAttached && p.ctState !== 'untracked' ? 'invalid' : p.ctState };
    case 'ct.status':
      return hasCt(p, ctx) ? { t: 'flags', s: p.ctStatus } : BREAK;
    case 'ct.direction':
      return hasCt(p, ctx) ? { t: 'sym', s: p.ctDirection } : BREAK;
    case 'ct.mark':
      return !hasCt(p, ctx) ? BREAK : isUnk(p.ctMark) ? p.ctMark : int(p.ctMark);
    case 'ct.l3proto':
      return hasCt(p, ctx) ? { t: 'sym', s: v4 ? 'ipv4' : 'ipv6' } : BREAK;
    case 'ct.protocol':
      return hasCt(p, ctx) ? int(p.proto) : BREAK;
    case 'fib.daddr.type':
      return { t: 'sym', s: typeOf(ctx, p.v, p.daddr) };
    case 'fib.saddr.type':
      return { t: 'sym', s: typeOf(ctx, p.v, p.saddr) };
    case 'fib.daddr.oif': {
      const r = routeTo(ctx, p.v, p.daddr);
      return r ? { t: 'name', s: r.dev } : { t: 'sym', s: 'missing' };
    }
    case 'fib.saddr.oif':
    case 'fib.saddr.iif.oif': {
      const r = routeTo(ctx, p.v, p.saddr, field === 'fib.saddr.iif.oif' ? p.iif : undefined);
      return r ? { t: 'name', s: r.dev } : { t: 'sym', s: 'missing' };
    }
  }
  if (field.startsWith('rpfilter')) return rpfilter(field.split('.').slice(1), p, ctx);
  if (field === 'meta.physdev') {
    // Bridge information exists only for a packet that came in by a bridge port (br_netfilter).
    const br = ctx.host.interfaces.find((i) => i.name === p.iif && i.bridge);
    if (br) return { unk: true, reason: `physdev: the packet came in on bridge ${br.name}; whether br_netfilter gives iptables its bridge port is not modelled` };
    return { t: 'sym', s: 'absent' };
  }
  if (field === 'meta.secpath') {
    if (ctx.host.ipsec) return { unk: true, reason: 'IPsec is configured on the host (host "ipsec": true); IPsec policies are not modelled' };
    return { t: 'sym', s: 'none' };
  }
  // After the switch: the common fields above need no regular expression.
  const m = /^(tcp|udp|sctp|dccp|udplite)\.(sport|dport)$/.exec(field);
  if (m) return p.proto === protocolNumber(m[1]) ? portsOf(p, m[2] as 'sport' | 'dport') : BREAK;
  const ct = /^ct\.(original|reply)\.(.+)$/.exec(field);
  if (ct) return hasCt(p, ctx) ? ctTuple(ct[1], ct[2], p) : BREAK;
  return { unk: true, reason: `field ${field} is not modelled` };
}

/**
 * xt_rpfilter on the host's routes: `pass` when the reverse lookup of the source (as if sent from
 * the packet's destination) finds a unicast route by the input interface, any unicast route with
 * `loose`, a local address only with `accept-local` (held by the input interface, or any with
 * `loose`); packets from loopback always pass, 0.0.0.0 to broadcast / link multicast too.
 */
function rpfilter(flags: readonly string[], p: PState, ctx: EvalCtx): EvalResult {
  const pass = (ok: boolean): RV => ({ t: 'sym', s: ok ? 'pass' : 'fail' });
  const loose = flags.includes('loose');
  if (p.iif === 'lo' || p.iif === '') return pass(true);
  if (p.v === 4 && p.saddr === 0n) {
    const d = typeOf(ctx, 4, p.daddr);
    return pass(d === 'broadcast' || (d === 'multicast' && p.daddr >> 8n === 0xe00000n));
  }
  const t = typeOf(ctx, p.v, p.saddr);
  if (t === 'local') {
    if (!flags.includes('accept-local')) return pass(false);
    if (p.v === 6) return { unk: true, reason: 'rpfilter --accept-local for an IPv6 local source is not modelled' };
    return pass(loose || ctx.host.interfaces.some((i) => i.name === p.iif && i.addresses.some((a) => a.addr.v === 4 && a.addr.n === p.saddr)));
  }
  if (t !== 'unicast') return pass(false);
  const r = routeTo(ctx, p.v, p.saddr);
  return pass(!!r && (loose || r.dev === p.iif));
}

export function evalExpr(e: Expr, p: PState, ctx: EvalCtx): EvalResult {
  switch (e.kind) {
    case 'field':
      return fieldValue(e.field, p, ctx);
    case 'concat': {
      // (a part not known stays in: a known part can still tell an element the key is not)
      const parts: (RV | Unk)[] = [];
      for (const x of e.parts) {
        const r = evalExpr(x, p, ctx);
        if (r === BREAK) return r;
        parts.push(r);
      }
      return { t: 'concat', parts };
    }
    case 'bitwise': {
      const r = evalExpr(e.expr, p, ctx);
      if (r === BREAK || isUnk(r)) return r;
      if (r.t === 'int' || r.t === 'ip') {
        const n = (r.n & e.mask) ^ (e.xor ?? 0n);
        return r.t === 'ip' ? { ...r, n } : int(n);
      }
      return { unk: true, reason: `bit operations on ${r.t} values are not modelled` };
    }
    case 'drawn':
      return { unk: true, reason: e.what.startsWith('numgen') ? `\`${e.what}\` is drawn by the kernel for each packet` : `\`${e.what}\` is a hash the simulator does not compute` };
  }
}

type Tri = boolean | Unk;

/**
 * Whether `rv` is in one of `elements` (`key` reads an element's value): true at the first that
 * holds it, else the first unknown, else false. (A loop, not a thunk per element: sets are
 * searched on every path through their rules.)
 */
function inAny<E>(elements: readonly E[], key: (e: E) => Value, rv: RV, ctx: EvalCtx): Tri {
  let unk: Unk | undefined;
  for (let i = 0; i < elements.length; i++) {
    const r = valueContains(key(elements[i]), rv, ctx);
    if (r === true) return true;
    if (isUnk(r)) unk ??= r;
  }
  return unk ?? false;
}
const itself = (v: Value): Value => v;
const keyOf = (e: { readonly key: Value }): Value => e.key;

/** The first part of a concatenated value that is not known, if any. */
export function unknownPart(rv: RV): Unk | undefined {
  return rv.t === 'concat' ? (rv.parts.find(isUnk) as Unk | undefined) : undefined;
}

function numOf(rv: RV): bigint | undefined {
  return rv.t === 'int' || rv.t === 'ip' ? rv.n : undefined;
}

/** Whether `rv` is in (or equal to) `right`. */
export function valueContains(right: Value, rv: RV, ctx: EvalCtx): Tri {
  switch (right.kind) {
    case 'set':
      return inAny(right.elements, itself, rv, ctx);
    case 'setref': {
      const set = ctx.table.sets.get(right.name);
      if (!set) return { unk: true, reason: `set @${right.name} does not exist in table ${ctx.table.ref.family} ${ctx.table.ref.name}` };
      if (set.dynamic) return { unk: true, reason: `set @${right.name} is filled at run time`, span: set.span };
      return inAny(set.elements, keyOf, rv, ctx);
    }
    case 'concat':
      if (rv.t !== 'concat' || rv.parts.length !== right.parts.length) return false;
      {
        let unk: Unk | undefined;
        for (let i = 0; i < right.parts.length; i++) {
          const part = rv.parts[i];
          const r = isUnk(part) ? part : valueContains(right.parts[i], part, ctx);
          if (r === false) return false;
          if (isUnk(r)) unk ??= r;
        }
        return unk ?? true;
      }
    case 'int': {
      if (rv.t === 'flags') return false;
      const n = numOf(rv);
      return n !== undefined && n === right.value;
    }
    case 'range': {
      const n = numOf(rv);
      return n !== undefined && right.lo <= n && n <= right.hi;
    }
    case 'ip':
      return rv.t === 'ip' && rv.v === right.interval.v && right.interval.lo <= rv.n && rv.n <= right.interval.hi;
    case 'ifname':
      if (rv.t !== 'name') return false;
      return right.wildcard ? rv.s.startsWith(right.name) : rv.s === right.name;
    case 'symbol': {
      const s = right.name.toLowerCase();
      if (rv.t === 'sym' || rv.t === 'name') return rv.s === s || rv.s === right.name;
      if (rv.t === 'flags') return rv.s.includes(s);
      if (rv.t === 'int') {
        if (s in TCP_FLAGS) return (rv.n & BigInt(TCP_FLAGS[s])) !== 0n;
        const pn = protocolNumber(s);
        return pn !== undefined && BigInt(pn) === rv.n;
      }
      return false;
    }
  }
}

function compare(op: 'lt' | 'gt' | 'le' | 'ge', rv: RV, right: Value): Tri {
  const n = numOf(rv);
  const r = right.kind === 'int' ? right.value : right.kind === 'ip' ? right.interval.lo : undefined;
  if (n === undefined || r === undefined) return { unk: true, reason: `ordering comparison of ${rv.t} with ${right.kind} is not modelled` };
  return op === 'lt' ? n < r : op === 'gt' ? n > r : op === 'le' ? n <= r : n >= r;
}

/** A match statement: true, false (the rule stops), or unknown. */
export function evalMatch(s: MatchStmt, p: PState, ctx: EvalCtx): Tri {
  ctx.observe?.(s.left, s.right, ctx.table, s.op !== 'eq' && s.op !== 'ne');
  const rv = evalExpr(s.left, p, ctx);
  if (rv === BREAK) return false;
  if (isUnk(rv)) return { ...rv, span: rv.span ?? s.span };
  // (a connection's status holds bits the model does not follow: dnat-done beside dnat, confirmed, ...)
  if (s.whole && rv.t === 'flags') return { unk: true, reason: `nft compares the whole ct status word here (\`==\`, \`!=\`, a set of two or more elements), and a connection holds status bits the model does not follow (dnat-done beside dnat, confirmed, ...); \`ct status dnat\` with no operator tests the one bit`, span: s.span };
  let r: Tri;
  switch (s.op) {
    case 'eq':
      r = valueContains(s.right, rv, ctx);
      break;
    case 'ne': {
      const c = valueContains(s.right, rv, ctx);
      r = isUnk(c) ? c : !c;
      break;
    }
    default:
      r = compare(s.op, rv, s.right);
  }
  return isUnk(r) ? { ...r, span: r.span ?? s.span } : r;
}
