/**
 * Verdict maps keyed by a number the kernel draws or hashes (`numgen`, `jhash`, `symhash`: kube-proxy's
 * nftables mode picks an endpoint chain with `numgen random mod N vmap`), checked on the kernel where
 * every key the expression can give leads to the same end, so the simulator must answer: every key
 * held (ranges, offsets, jumps and gotos to chains that accept), or a gap in the map the rule after it
 * closes. `jhash ip saddr` in an inet table carries nft's `meta nfproto ipv4`: IPv6 passes it by.
 * NAT maps keyed the same way (`dnat to numgen inc mod 2 map { ... }`) whose every target is one.
 */
import type { Expectation, Scenario } from '../scenario';
import { ADDR } from '../topology';
import { type HostCase, hostScenario } from './shared';

const HOST: Expectation = { at: 'host' };
const NOWHERE: Expectation = { at: 'nowhere' };

const rules = (b: number): string => `    tcp dport ${b + 1} numgen random mod 4 vmap { 0-3 : accept }
    tcp dport ${b + 2} numgen inc mod 2 vmap { 0 : jump acc, 1 : goto acc }
    tcp dport ${b + 3} jhash ip saddr mod 2 seed 0x1 vmap { 0 : drop, 1 : drop }
    tcp dport ${b + 3} accept
    tcp dport ${b + 4} symhash mod 3 offset 10 vmap { 10-11 : jump acc, 12 : accept }
    tcp dport ${b + 5} numgen random mod 2 vmap { 0 : drop }
    tcp dport ${b + 5} drop
    tcp dport ${b + 6} numgen inc mod 2 offset 5 vmap { 0 : drop, 5-6 : accept }
`;

// IPv4 probes go to 7001-7006, IPv6 probes to 7101-7106
const RULES = `table inet drawn {
  chain in {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
${rules(7000)}${rules(7100)}  }
  chain acc {
    accept
  }
}
table ip drawnnat {
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
    tcp dport 7010 dnat to numgen inc mod 2 map { 0 : ${ADDR.ctr}, 1 : ${ADDR.ctr} }
    tcp dport 7011 dnat to numgen random mod 3 map { 0 : ${ADDR.ctr}, 2 : ${ADDR.ctr} }
    tcp dport 7011 dnat to ${ADDR.ctr}
  }
}
`;

export function nftDrawnScenarios(): Scenario[] {
  const ends: readonly [number, Expectation, Expectation][] = [
    [7001, HOST, HOST],
    [7002, HOST, HOST],
    [7003, NOWHERE, HOST],
    [7004, HOST, HOST],
    [7005, NOWHERE, NOWHERE],
    [7006, HOST, HOST],
  ];
  const cases: HostCase[] = ends.map(([dport, v4, v6]) => ({ dport, v6port: dport + 100, v4, v6 }));
  // NAT maps keyed by a drawn number, every target the container (a number not in the map: the
  // rule after it); IPv6 passes the ip table by and the input chain drops it
  const CTR: Expectation = { at: 'ctr', daddr: ADDR.ctr };
  for (const dport of [7010, 7011]) cases.push({ dport, v4: CTR, v6: NOWHERE });
  return [hostScenario('nft-drawn: verdict maps keyed by numgen / jhash / symhash, every drawn key to the same end', 'nft-drawn', 'drawn.nft', RULES, cases)];
}
