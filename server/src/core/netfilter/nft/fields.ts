/**
 * nft selector expressions (`tcp dport`, `meta iifname`, `ct original ip daddr`, `fib daddr type`)
 * mapped onto the model's field names, with the kind of value they compare against and the
 * implicit protocol dependencies nft adds in front of them.
 */
import type { Family, Value } from '../model';

/** How the right-hand side of a match on a field is read. */
export type Kind =
  | 'ip4'
  | 'ip6'
  | 'ip'
  | 'port'
  | 'int'
  | 'proto'
  | 'ifname'
  | 'ctstate'
  | 'ctstatus'
  | 'ctdir'
  | 'fibtype'
  | 'nfproto'
  | 'pkttype'
  | 'icmp'
  | 'icmpv6'
  | 'tcpflags'
  /** An ether type (`meta protocol`): its name, `ip`, `ip6`, `arp`, `8021q` (`vlan`), `8021ad`, or `0x...`. */
  | 'ethertype'
  | 'symbol'
  /** Guess from the syntax (elements of a set whose declaration is not in view). */
  | 'auto'
  /** A type the model does not follow (`ether_addr`, `mark` of an unknown width, ...): kept as text. */
  | 'raw'
  | { readonly concat: readonly Kind[] };

export interface Dependency {
  readonly field: string;
  readonly value: Value;
}

export interface FieldSpec {
  readonly field: string;
  readonly kind: Kind;
  readonly deps: readonly Dependency[];
  /** Bit width, for masks (`ct mark & 0xff`, `tcp flags & (syn | ack)`). */
  readonly width: number;
}

const l4 = (n: number): Dependency => ({ field: 'meta.l4proto', value: { kind: 'int', value: BigInt(n) } });
const nf = (name: 'ipv4' | 'ipv6'): Dependency => ({ field: 'meta.nfproto', value: { kind: 'symbol', name } });

/** Families whose packets may be of either IP version (nft adds a `meta nfproto` dependency there). */
export function multiProtocol(family: Family): boolean {
  return family === 'inet' || family === 'bridge' || family === 'netdev';
}

const L4: Readonly<Record<string, number>> = { tcp: 6, udp: 17, udplite: 136, sctp: 132, dccp: 33 };

/**
 * The network-protocol dependency of a network-header match (`ip saddr`, `reject with icmp`):
 * `meta nfproto` in inet (`meta protocol` / `ether type` in bridge and netdev, the same test on the
 * model's packets); none in the table's own family. The other IP version in an `ip` / `ip6` table
 * is an error nft refuses (the validation reports it); the dependency keeps the lowering from
 * matching such a rule.
 */
export function networkDeps(family: Family, v: 'ipv4' | 'ipv6'): Dependency[] {
  if (multiProtocol(family)) return [nf(v)];
  if ((family === 'ip' && v === 'ipv6') || (family === 'ip6' && v === 'ipv4')) return [nf(v)];
  return [];
}

/**
 * What `reject with PROTOCOL ...` implies (nft 1.0.6 `--debug=netlink`): `with tcp reset` needs
 * `meta l4proto tcp` in every family; `with icmp` / `with icmpv6` the IP version in inet, bridge and
 * netdev, so an IPv6 packet passes a `reject with icmp type host-prohibited` rule of an inet table;
 * plain `reject` and `with icmpx` suit both versions.
 */
export function rejectDeps(protocol: string | undefined, family: Family): Dependency[] {
  if (protocol === 'tcp') return [l4(6)];
  if (protocol === 'icmp') return networkDeps(family, 'ipv4');
  if (protocol === 'icmpv6') return networkDeps(family, 'ipv6');
  return [];
}

/** The field for `PROTOCOL FIELD` (payload expressions). */
export function payloadField(protocol: string, name: string, family: Family): FieldSpec | undefined {
  const nfDep = (v: 'ipv4' | 'ipv6'): Dependency[] => networkDeps(family, v);
  if (protocol === 'ip') {
    if (name === 'saddr' || name === 'daddr') return { field: `ip.${name}`, kind: 'ip4', deps: nfDep('ipv4'), width: 32 };
    if (name === 'protocol') return { field: 'ip.protocol', kind: 'proto', deps: nfDep('ipv4'), width: 8 };
    // (Incus writes `ip version 4 oifname ...` in its inet table)
    if (name === 'version') return { field: 'ip.version', kind: 'int', deps: nfDep('ipv4'), width: 4 };
    if (name === 'ttl') return { field: 'ip.ttl', kind: 'int', deps: nfDep('ipv4'), width: 8 };
    return undefined;
  }
  if (protocol === 'ip6') {
    if (name === 'saddr' || name === 'daddr') return { field: `ip6.${name}`, kind: 'ip6', deps: nfDep('ipv6'), width: 128 };
    if (name === 'nexthdr') return { field: 'ip6.nexthdr', kind: 'proto', deps: nfDep('ipv6'), width: 8 };
    if (name === 'version') return { field: 'ip6.version', kind: 'int', deps: nfDep('ipv6'), width: 4 };
    if (name === 'hoplimit') return { field: 'ip6.hoplimit', kind: 'int', deps: nfDep('ipv6'), width: 8 };
    return undefined;
  }
  if (protocol === 'th' && (name === 'sport' || name === 'dport')) return { field: `th.${name}`, kind: 'port', deps: [], width: 16 };
  const l4proto = L4[protocol];
  if (l4proto !== undefined) {
    if (name === 'sport' || name === 'dport') return { field: `th.${name}`, kind: 'port', deps: [l4(l4proto)], width: 16 };
    if (protocol === 'tcp' && name === 'flags') return { field: 'tcp.flags', kind: 'tcpflags', deps: [l4(6)], width: 8 };
    return undefined;
  }
  // nft 1.0.6 (`--debug=netlink`): in inet, bridge and netdev an ICMP match first tests the IP
  // version, then `meta l4proto`; in an ip / ip6 table only `meta l4proto` (ICMP in ip6 is legal).
  const icmpDeps = (v: 'ipv4' | 'ipv6', proto: number): Dependency[] => [...(multiProtocol(family) ? [nf(v)] : []), l4(proto)];
  if (protocol === 'icmp' && name === 'type') return { field: 'icmp.type', kind: 'icmp', deps: icmpDeps('ipv4', 1), width: 8 };
  if (protocol === 'icmpv6' && name === 'type') return { field: 'icmpv6.type', kind: 'icmpv6', deps: icmpDeps('ipv6', 58), width: 8 };
  return undefined;
}

const META: Readonly<Record<string, { field: string; kind: Kind; width: number }>> = {
  iifname: { field: 'meta.iifname', kind: 'ifname', width: 128 },
  oifname: { field: 'meta.oifname', kind: 'ifname', width: 128 },
  iif: { field: 'meta.iif', kind: 'ifname', width: 32 },
  oif: { field: 'meta.oif', kind: 'ifname', width: 32 },
  l4proto: { field: 'meta.l4proto', kind: 'proto', width: 8 },
  nfproto: { field: 'meta.nfproto', kind: 'nfproto', width: 8 },
  mark: { field: 'meta.mark', kind: 'int', width: 32 },
  pkttype: { field: 'meta.pkttype', kind: 'pkttype', width: 8 },
  iiftype: { field: 'meta.iiftype', kind: 'symbol', width: 16 },
  protocol: { field: 'meta.protocol', kind: 'ethertype', width: 16 },
};

export function metaField(key: string): FieldSpec | undefined {
  const m = Object.prototype.hasOwnProperty.call(META, key) ? META[key] : undefined;
  return m && { ...m, deps: [] };
}

/** `ct [original|reply] [ip|ip6] KEY`. */
export function ctField(direction: string | undefined, ipFamily: string | undefined, key: string, family: Family): FieldSpec | undefined {
  if (!direction && !ipFamily) {
    if (key === 'state') return { field: 'ct.state', kind: 'ctstate', deps: [], width: 32 };
    if (key === 'status') return { field: 'ct.status', kind: 'ctstatus', deps: [], width: 32 };
    if (key === 'direction') return { field: 'ct.direction', kind: 'ctdir', deps: [], width: 8 };
    if (key === 'mark') return { field: 'ct.mark', kind: 'int', deps: [], width: 32 };
  }
  const dir = direction ?? 'original';
  if (!direction && key !== 'protocol' && key !== 'proto-src' && key !== 'proto-dst' && key !== 'saddr' && key !== 'daddr') return undefined;
  if (key === 'saddr' || key === 'daddr') {
    const kind: Kind = ipFamily === 'ip' ? 'ip4' : ipFamily === 'ip6' ? 'ip6' : family === 'ip' ? 'ip4' : family === 'ip6' ? 'ip6' : 'ip';
    const deps: Dependency[] = ipFamily && multiProtocol(family) ? [nf(ipFamily === 'ip' ? 'ipv4' : 'ipv6')] : [];
    return { field: `ct.${dir}.${key}`, kind, deps, width: kind === 'ip4' ? 32 : 128 };
  }
  if (ipFamily) return undefined;
  if (key === 'proto-src' || key === 'proto-dst') return { field: `ct.${dir}.${key}`, kind: 'port', deps: [], width: 16 };
  if (key === 'protocol') return { field: `ct.${dir}.protocol`, kind: 'proto', deps: [], width: 8 };
  return undefined;
}

const FIB_FLAGS = new Set(['saddr', 'daddr', 'mark', 'iif', 'oif']);

/** `fib FLAG[ . FLAG] RESULT`: field `fib.<flags>.<result>`. */
export function fibField(flags: readonly string[], result: string): FieldSpec | undefined {
  if (!flags.length || !flags.every((f) => FIB_FLAGS.has(f))) return undefined;
  const field = `fib.${flags.join('.')}.${result}`;
  if (result === 'type') return { field, kind: 'fibtype', deps: [], width: 32 };
  if (result === 'oif' || result === 'oifname') return { field, kind: 'ifname', deps: [], width: 32 };
  return undefined;
}

/** The model field for a `type` name in a set declaration. */
export function typeKind(name: string): Kind {
  switch (name) {
    case 'ipv4_addr':
      return 'ip4';
    case 'ipv6_addr':
      return 'ip6';
    case 'inet_service':
      return 'port';
    case 'inet_proto':
      return 'proto';
    case 'ifname':
    case 'iface_index':
      return 'ifname';
    case 'mark':
    case 'integer':
      return 'int';
    case 'ct_state':
      return 'ctstate';
    case 'ct_status':
      return 'ctstatus';
    case 'nf_proto':
      return 'nfproto';
    case 'pkt_type':
      return 'pkttype';
    case 'icmp_type':
      return 'icmp';
    case 'icmpv6_type':
      return 'icmpv6';
    case 'tcp_flag':
      return 'tcpflags';
    case 'fib_addrtype':
      return 'fibtype';
    default:
      return 'raw';
  }
}
