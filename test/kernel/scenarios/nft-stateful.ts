/**
 * nft's stateful statements on the first packet of a new flow, checked on the kernel: a packet
 * rate's bucket starts full (`limit rate N/PERIOD` matches, `limit rate over` does not), and
 * `ct count` counts the new connection as the source's only one. Probes to the host itself, both
 * IP versions; every scenario starts with fresh kernel state, and no port is probed twice.
 */
import type { Expectation, Scenario } from '../scenario';
import { type HostCase, hostScenario } from './shared';

const HOST: Expectation = { at: 'host' };
const NOWHERE: Expectation = { at: 'nowhere' };

/** The rules for ports BASE+1 .. BASE+7 (one bucket and one count per port). */
const rules = (base: number): string => `    tcp dport ${base + 1} limit rate 10/second accept
    tcp dport ${base + 2} limit rate over 10/minute drop
    tcp dport ${base + 2} accept
    tcp dport ${base + 3} limit rate 1/minute burst 1 packets accept
    tcp dport ${base + 4} ct count 5 accept
    tcp dport ${base + 5} ct count over 2 drop
    tcp dport ${base + 5} accept
    tcp dport ${base + 6} ct count 0 accept
    tcp dport ${base + 7} limit rate over 100/second accept
`;

// IPv4 probes go to 6001-6007, IPv6 probes to 6101-6107: no bucket is shared
const RULES = `table inet stateful {
  chain in {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
${rules(6000)}${rules(6100)}  }
}
`;

export function nftStatefulScenarios(): Scenario[] {
  const ends: readonly [number, Expectation][] = [
    [6001, HOST],
    [6002, HOST],
    [6003, HOST],
    [6004, HOST],
    [6005, HOST],
    [6006, NOWHERE],
    [6007, NOWHERE],
  ];
  const cases: HostCase[] = ends.map(([dport, e]) => ({ dport, v6port: dport + 100, v4: e, v6: e }));
  return [hostScenario('nft-stateful: limit rate / limit rate over / ct count on the first packet of a new flow', 'nft-stateful', 'stateful.nft', RULES, cases)];
}
