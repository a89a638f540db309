/**
 * What nft's `limit rate` and `ct count` do with the first packet of a new flow, for both nft
 * front ends (text and `nft -j` JSON); the kernel's semantics, checked by test/kernel's
 * nft-stateful scenario. A packet rate's bucket starts full (nft's default burst is 5 packets), so
 * `limit rate N/PERIOD` matches and `limit rate over ...` does not; `ct count` counts the new
 * connection as the source's only one. Byte rates stay undecided (undefined).
 */
import type { FirstPacket } from './model';

export function limitFirstPacket(p: { readonly rate: number; readonly over: boolean; readonly burst?: number; readonly bytes: boolean; readonly written: string }): FirstPacket | undefined {
  if (p.bytes || !Number.isInteger(p.rate) || p.rate <= 0 || (p.burst !== undefined && (!Number.isInteger(p.burst) || p.burst <= 0))) return undefined;
  return { kind: 'fixed', passes: !p.over, note: `\`${p.written}\` ${p.over ? 'does not match' : 'lets it through'}: the bucket starts full (${p.burst ?? 5} packet(s))` };
}

export function countFirstPacket(p: { readonly count: number; readonly over: boolean; readonly written: string }): FirstPacket | undefined {
  if (!Number.isInteger(p.count) || p.count < 0) return undefined;
  const passes = p.over ? 1 > p.count : 1 <= p.count;
  return { kind: 'fixed', passes, note: `\`${p.written}\` ${passes ? 'matches' : 'does not match'}: this connection is the source's only one` };
}
