/**
 * What a set of simulations showed the rules: the destination-side values (ports, addresses,
 * interfaces, protocol) of every packet state that entered a base chain. A rule guarded by an
 * equality on one of these fields (see dispatch.ts) whose constants avoid all of them missed, and
 * would miss, for every one of those simulations — so adding or removing such rules cannot change
 * their results. `analyse` uses this to keep the reachability of the bindings an edit does not touch.
 */
import { PORT_PROTOCOLS } from '../packet';
import { type GuardFamily, familyOf } from './dispatch';
import type { PState } from './eval';

export class Footprint {
  private readonly keys = new Map<GuardFamily, Set<string>>();
  /** Families for which some packet had no definite value (ports of a protocol without ports). */
  private readonly wild = new Set<GuardFamily>();
  /**
   * Address ranges whose every member counts as seen: a reply's destination is the client, and the
   * class the simulation stands for holds a whole range of clients (their cuts split it further).
   */
  private readonly ranges: { readonly lo: bigint; readonly hi: bigint }[] = [];
  /** Set when the simulations stopped early (a budget ran out): the results cannot be reused. */
  exhausted = false;

  private put(f: GuardFamily, k: string): void {
    let s = this.keys.get(f);
    if (!s) this.keys.set(f, (s = new Set()));
    s.add(k);
  }

  add(p: PState): void {
    if (PORT_PROTOCOLS.has(p.proto)) {
      if (p.dport !== undefined) this.put('port', `#${p.dport}`);
      if (p.orig.dport !== undefined) this.put('port', `#${p.orig.dport}`);
    } else this.wild.add('port');
    this.put('addr', `#${p.daddr}`);
    this.put('addr', `#${p.orig.daddr}`);
    this.put('iif', `$${p.iif}`);
    this.put('oif', `$${p.oif}`);
    this.put('proto', `#${p.proto}`);
  }

  /** A reply packet entering a base chain; `clients` holds every source its connection stands for. */
  addReply(p: PState, clients: { readonly lo: bigint; readonly hi: bigint }): void {
    this.add(p);
    this.ranges.push({ lo: clients.lo, hi: clients.hi });
  }

  /** The neighbour-discovery packets of a link (ICMPv6, its addresses, in and out by `link`). */
  addNdp(link: string, addresses: readonly bigint[]): void {
    this.put('proto', '#58');
    this.put('iif', `$${link}`);
    this.put('oif', `$${link}`);
    this.put('iif', '$');
    this.put('oif', '$');
    for (const a of addresses) this.put('addr', `#${a}`);
  }

  /** Whether a rule guarded on `field` by `keys` may have matched (or may match) one of these packets. */
  touches(field: string, keys: readonly string[]): boolean {
    const f = familyOf(field);
    if (!f || this.wild.has(f)) return true;
    const seen = this.keys.get(f);
    if (seen && keys.some((k) => seen.has(k))) return true;
    // Address keys are `#<number>` (v4 and v6 alike: a range may claim a key of the other version, never miss one).
    return f === 'addr' && this.ranges.length > 0 && keys.some((k) => this.inRange(k));
  }

  private inRange(key: string): boolean {
    if (!key.startsWith('#')) return false;
    const n = BigInt(key.slice(1));
    return this.ranges.some((r) => r.lo <= n && n <= r.hi);
  }
}
