/**
 * What nft implies in front of a statement, checked on the kernel: in an inet table
 * `reject with icmp type ...` ends IPv4 packets only (nft adds `meta nfproto ipv4`), `with icmpv6`
 * IPv6 only, `with tcp reset` TCP only; the packets they pass run the rules after them. Probes to
 * the host itself (local delivery), both IP versions, both transports.
 */
import type { Expectation, Probe, Scenario } from '../scenario';
import { ADDR } from '../topology';

const HOST: Expectation = { at: 'host' };
const NOWHERE: Expectation = { at: 'nowhere' };

const RULES = `table inet implied {
  chain in {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
    th dport 5001 reject with tcp reset
    udp dport 5001 accept
    tcp dport 5002 reject with icmp type host-prohibited
    tcp dport 5002 accept
    tcp dport 5003 reject with icmpv6 type admin-prohibited
    tcp dport 5003 accept
    reject with icmp type host-prohibited
    tcp dport 5004 accept
  }
}
`;

export function impliedScenarios(): Scenario[] {
  const cases: [Probe, Expectation][] = [];
  const both = (proto: 'tcp' | 'udp', dport: number, v4: Expectation, v6: Expectation): void => {
    cases.push([{ from: 'ext0', proto, daddr: ADDR.hostEth0, dport }, v4]);
    cases.push([{ from: 'ext0', proto, daddr: ADDR.hostEth0v6, dport }, v6]);
  };
  both('tcp', 5001, NOWHERE, NOWHERE);
  both('udp', 5001, HOST, HOST);
  both('tcp', 5002, NOWHERE, HOST);
  both('tcp', 5003, HOST, NOWHERE);
  both('tcp', 5004, NOWHERE, HOST);
  both('tcp', 5005, NOWHERE, NOWHERE);
  return [
    {
      name: 'implied: reject with icmp / icmpv6 / tcp reset in inet ends only its own packets',
      source: 'implied',
      files: [{ name: 'implied.nft', form: 'nft', text: RULES }],
      probes: cases.map((c) => c[0]),
      expect: cases.map((c) => c[1]),
    },
  ];
}
