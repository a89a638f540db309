/**
 * What a rate limit and a connection count do with the first packet of a new flow, for every front
 * end (iptables' `limit` / `connlimit`, nft's `limit rate` / `ct count` in text and `nft -j` JSON);
 * the kernel's semantics, checked by test/kernel's realworld and nft-stateful scenarios. A packet
 * rate's bucket starts full (a default burst of 5 packets), so the limit matches and its `over`
 * form does not; a count includes the new connection alone. The callers decide which forms these
 * semantics cover (byte rates stay undecided).
 */
import type { FirstPacket } from './model';

/** A token bucket that starts full (`burst` as written, 5 when not given): the first packet is under the rate. */
export function limitFirstPacket(p: { readonly over: boolean; readonly burst?: string; readonly written: string }): FirstPacket {
  return { kind: 'fixed', passes: !p.over, note: `\`${p.written}\` ${p.over ? 'does not match' : 'lets it through'}: the bucket starts full (${p.burst ?? '5'} packet(s))` };
}

/** A connection count that includes the new connection: 1. `over` matches above `count`, otherwise up to it. */
export function countFirstPacket(p: { readonly count: number; readonly over: boolean; readonly written: string }): FirstPacket {
  const passes = p.over ? 1 > p.count : 1 <= p.count;
  return { kind: 'fixed', passes, note: `\`${p.written}\` ${passes ? 'matches' : 'does not match'}: this connection is the source's only one` };
}
