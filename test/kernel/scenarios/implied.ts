/**
 * What nft implies in front of a statement, checked on the kernel: in an inet table
 * `reject with icmp type ...` ends IPv4 packets only (nft adds `meta nfproto ipv4`), `with icmpv6`
 * IPv6 only, `with tcp reset` TCP only; the packets they pass run the rules after them; `ip version 4`
 * matches IPv4 only, `ip6 version 6` IPv6 only, and `meta protocol` (the ether type) tells them apart, alone
 * or concatenated. Probes to
 * the host itself (local delivery), both IP versions, both transports.
 */
import type { Expectation, Scenario } from '../scenario';
import { type HostCase, hostScenario } from './shared';

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
    tcp dport 5006 ip version 4 accept
    ip6 version 6 tcp dport 5007 accept
    meta protocol vmap { ip6 : jump v6only }
    udp dport 5009 meta protocol . meta l4proto { ip6 . udp } accept
    ip ttl . tcp dport { 64 . 5010 } accept
    reject with icmp type host-prohibited
    tcp dport 5004 accept
  }
  chain v6only {
    tcp dport 5008 accept
  }
}
`;

export function impliedScenarios(): Scenario[] {
  const cases: HostCase[] = [
    { proto: 'tcp', dport: 5001, v4: NOWHERE, v6: NOWHERE },
    { proto: 'udp', dport: 5001, v4: HOST, v6: HOST },
    { dport: 5002, v4: NOWHERE, v6: HOST },
    { dport: 5003, v4: HOST, v6: NOWHERE },
    { dport: 5004, v4: NOWHERE, v6: HOST },
    { dport: 5005, v4: NOWHERE, v6: NOWHERE },
    // (`ip version` implies `meta nfproto ipv4` in inet, as Incus's `ip version 4 oifname ...` relies on)
    { dport: 5006, v4: HOST, v6: NOWHERE },
    { dport: 5007, v4: NOWHERE, v6: HOST },
    // (`meta protocol` is the ether type: a verdict map on it sends IPv6 alone to v6only)
    { dport: 5008, v4: NOWHERE, v6: HOST },
    // (a concatenation of an ether type and a protocol; one of a TTL, unknown, and a port that
    // tells the packet is not in it)
    { proto: 'udp', dport: 5009, v4: NOWHERE, v6: HOST },
    { dport: 5011, v4: NOWHERE, v6: NOWHERE },
  ];
  return [hostScenario('implied: reject with icmp / icmpv6 / tcp reset in inet ends only its own packets', 'implied', 'implied.nft', RULES, cases)];
}
