/**
 * The words nft 1.0.6 takes where the grammar reads any identifier: the keys of each selector
 * (`meta KEY`, `ct [DIR] KEY`, `PROTOCOL FIELD`), set and map flags and type names, rate and
 * quota units. Each list is what `nft -c -f` (1.0.6) accepts, checked word by word with the real
 * nft; a word outside it is a syntax error there (`unexpected string`, `unknown datatype`).
 */
import { quoted } from '../../text';

/** `meta KEY` (nft 1.0.6 names them in its own error: "known keys are ..."; `secpath` is `ipsec`'s old name). */
export const META_KEYS: ReadonlySet<string> = new Set([
  'length', 'protocol', 'priority', 'mark', 'iif', 'oif', 'iifname', 'oifname', 'iiftype', 'oiftype',
  'skuid', 'skgid', 'nftrace', 'rtclassid', 'secmark', 'nfproto', 'l4proto', 'ibrname', 'obrname',
  'pkttype', 'cpu', 'iifgroup', 'oifgroup', 'cgroup', 'random', 'ipsec', 'iifkind', 'oifkind',
  'ibrpvid', 'ibrvproto', 'time', 'day', 'hour', 'sdif', 'sdifname', 'secpath', 'ibriport', 'obriport',
]);

/** `ct KEY` without a direction. */
const CT_KEYS: ReadonlySet<string> = new Set([
  'state', 'direction', 'status', 'mark', 'expiration', 'helper', 'l3proto', 'protocol', 'saddr', 'daddr',
  'proto-src', 'proto-dst', 'label', 'event', 'secmark', 'id', 'bytes', 'packets', 'avgpkt', 'zone',
]);

/** `ct original|reply KEY`. */
const CT_DIR_KEYS: ReadonlySet<string> = new Set(['l3proto', 'protocol', 'saddr', 'daddr', 'proto-src', 'proto-dst', 'bytes', 'packets', 'avgpkt', 'zone']);

/** `ct KEY set ...` only: objects assigned to the connection. */
const CT_SET_ONLY: ReadonlySet<string> = new Set(['timeout', 'expectation']);

/** Why `ct [DIR] [ip|ip6] KEY` is refused, or undefined when nft takes it. */
export function ctKeyError(direction: string | undefined, family: string | undefined, key: string, set = false): string | undefined {
  if (family) return key === 'saddr' || key === 'daddr' ? undefined : `${quoted(key, "'")} is not a key of \`ct ${direction ? `${direction} ` : ''}${family}\` (saddr, daddr)`;
  if (direction) return CT_DIR_KEYS.has(key) ? undefined : `${quoted(key, "'")} is not a key of \`ct ${direction}\` (${[...CT_DIR_KEYS].join(', ')})`;
  if (CT_KEYS.has(key) || (set && CT_SET_ONLY.has(key))) return undefined;
  return `${quoted(key, "'")} is not a conntrack key (${[...CT_KEYS].join(', ')})`;
}

/** The header fields of each protocol nft 1.0.6 matches as `PROTOCOL FIELD`. */
export const PAYLOAD_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ether: ['daddr', 'saddr', 'type'],
  vlan: ['id', 'dei', 'pcp', 'cfi', 'type'],
  arp: ['htype', 'ptype', 'hlen', 'plen', 'operation', 'saddr', 'daddr'],
  ip: ['version', 'hdrlength', 'dscp', 'ecn', 'length', 'id', 'frag-off', 'ttl', 'protocol', 'checksum', 'saddr', 'daddr'],
  icmp: ['type', 'code', 'checksum', 'id', 'sequence', 'gateway', 'mtu'],
  igmp: ['type', 'mrt', 'checksum', 'group'],
  ip6: ['version', 'dscp', 'ecn', 'flowlabel', 'length', 'nexthdr', 'hoplimit', 'saddr', 'daddr'],
  icmpv6: ['type', 'code', 'checksum', 'mtu', 'id', 'sequence', 'max-delay'],
  tcp: ['sport', 'dport', 'sequence', 'ackseq', 'doff', 'reserved', 'flags', 'window', 'checksum', 'urgptr'],
  udp: ['sport', 'dport', 'length', 'checksum'],
  udplite: ['sport', 'dport', 'csumcov', 'checksum'],
  sctp: ['sport', 'dport', 'vtag', 'checksum'],
  dccp: ['sport', 'dport', 'type'],
  th: ['sport', 'dport'],
  ah: ['nexthdr', 'hdrlength', 'reserved', 'spi', 'sequence'],
  esp: ['spi', 'sequence'],
  comp: ['nexthdr', 'flags', 'cpi'],
  hbh: ['nexthdr', 'hdrlength'],
  frag: ['nexthdr', 'reserved', 'frag-off', 'reserved2', 'more-fragments', 'id'],
  dst: ['nexthdr', 'hdrlength'],
  mh: ['nexthdr', 'hdrlength', 'type', 'reserved', 'checksum'],
};

/** Why `PROTOCOL FIELD` is refused, or undefined when nft takes it (or the protocol is not in the table). */
export function payloadFieldError(protocol: string, field: string): string | undefined {
  const fields = Object.prototype.hasOwnProperty.call(PAYLOAD_FIELDS, protocol) ? PAYLOAD_FIELDS[protocol] : undefined;
  if (!fields || fields.includes(field)) return undefined;
  return `${quoted(field, "'")} is not a field of ${protocol} (${fields.join(', ')})`;
}

export const SET_FLAGS: readonly string[] = ['constant', 'interval', 'timeout', 'dynamic'];

/** The type names `type` takes in a set or map declaration (nft 1.0.6's named datatypes). */
const SET_TYPES: ReadonlySet<string> = new Set([
  'nf_proto', 'ipv4_addr', 'ipv6_addr', 'ether_addr', 'ether_type', 'arp_op', 'inet_proto', 'inet_service',
  'icmp_type', 'tcp_flag', 'dccp_pkttype', 'mh_type', 'time', 'mark', 'iface_index', 'iface_type', 'realm',
  'classid', 'uid', 'gid', 'ct_state', 'ct_dir', 'ct_status', 'icmpv6_type', 'pkt_type', 'icmp_code',
  'icmpv6_code', 'icmpx_code', 'devgroup', 'dscp', 'ecn', 'fib_addrtype', 'boolean', 'ifname', 'igmp_type',
  'cgroupsv2',
]);

/** Datatypes nft knows but refuses by name in a declaration (`typeof` is the way to give them). */
const UNQUALIFIED_TYPES: ReadonlySet<string> = new Set(['invalid', 'verdict', 'bitmask', 'integer', 'string', 'll_addr']);

/** What a map's data may be beyond datatypes: verdicts and stateful objects (object maps). */
const DATA_ONLY: ReadonlySet<string> = new Set(['verdict', 'counter', 'quota', 'limit', 'secmark', 'synproxy']);

/** Why a type name of a set / map declaration is refused; `data` for a map's data type (verdicts, objects allowed). */
export function setTypeError(name: string, what: 'set' | 'map', data: boolean): string | undefined {
  if (SET_TYPES.has(name) || (data && DATA_ONLY.has(name))) return undefined;
  if (UNQUALIFIED_TYPES.has(name)) return `unqualified type ${name} specified in ${what} definition: use \`typeof\``;
  return `unknown datatype ${name}`;
}

export const RATE_PERIODS: readonly string[] = ['second', 'minute', 'hour', 'day', 'week'];
export const BYTE_UNITS: readonly string[] = ['bytes', 'kbytes', 'mbytes'];

/** `fib FLAG[ . FLAG] RESULT`. */
export const FIB_FLAGS: readonly string[] = ['saddr', 'daddr', 'mark', 'iif', 'oif'];
export const FIB_RESULTS: readonly string[] = ['type', 'oif', 'oifname'];

/** `numgen MODE mod N`. */
export const NUMGEN_MODES: readonly string[] = ['inc', 'random'];

/** `rt [ip|ip6] KEY`. */
export const RT_KEYS: readonly string[] = ['classid', 'nexthop', 'mtu', 'ipsec'];
/** `rt FIELD` without a family is also the IPv6 routing header's. */
export const RT_HEADER_FIELDS: readonly string[] = ['nexthdr', 'hdrlength', 'type', 'seg-left'];
/** `socket KEY` (`cgroupv2` with `level N`). */
export const SOCKET_KEYS: readonly string[] = ['transparent', 'mark', 'wildcard', 'cgroupv2'];
/** `osf [ttl TTL] KEY`. */
export const OSF_KEYS: readonly string[] = ['name', 'version'];
export const OSF_TTLS: readonly string[] = ['loose', 'skip'];
/** `ipsec in|out [spnum N] KEY`, and `ipsec ... ip|ip6 KEY`. */
export const IPSEC_KEYS: readonly string[] = ['reqid', 'spi'];
export const IPSEC_ADDRESS_KEYS: readonly string[] = ['saddr', 'daddr'];
/** `exthdr NAME` (only `exists` / `missing` follows: a field is refused there). */
export const EXTHDR_NAMES: readonly string[] = ['hbh', 'rt', 'frag', 'dst', 'mh'];

const SACK_FIELDS = ['length', 'left', 'right'];
/** `tcp option NAME [FIELD]`: each option's fields (nft 1.0.6, checked option by option). */
export const TCP_OPTION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  eol: [], nop: [], maxseg: ['length', 'size'], mss: ['length', 'size'], window: ['length', 'count'],
  'sack-perm': ['length'], 'sack-permitted': ['length'], sack: SACK_FIELDS, sack0: SACK_FIELDS,
  sack1: SACK_FIELDS, sack2: SACK_FIELDS, sack3: SACK_FIELDS, timestamp: ['length', 'tsval', 'tsecr'],
  echo: ['length'], fastopen: ['length'], md5sig: ['length'], mptcp: ['length', 'subtype'],
};

const ROUTE_FIELDS = ['type', 'length', 'ptr', 'addr'];
/** `ip option NAME [FIELD]`. */
export const IP_OPTION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  lsrr: ROUTE_FIELDS, rr: ROUTE_FIELDS, ssrr: ROUTE_FIELDS, ra: ['type', 'length', 'value'],
};

const CHUNK = ['type', 'flags', 'length'];
const INIT = [...CHUNK, 'init-tag', 'a-rwnd', 'num-outbound-streams', 'num-inbound-streams', 'initial-tsn'];
/** `sctp chunk NAME [FIELD]`. */
export const SCTP_CHUNK_FIELDS: Readonly<Record<string, readonly string[]>> = {
  data: [...CHUNK, 'tsn', 'stream', 'ssn', 'ppid'], init: INIT, 'init-ack': INIT,
  sack: [...CHUNK, 'a-rwnd', 'cum-tsn-ack', 'num-gap-ack-blocks', 'num-dup-tsns'], heartbeat: CHUNK,
  'heartbeat-ack': CHUNK, abort: CHUNK, shutdown: [...CHUNK, 'cum-tsn-ack'], 'shutdown-ack': CHUNK, error: CHUNK,
  'cookie-echo': CHUNK, 'cookie-ack': CHUNK, ecne: [...CHUNK, 'lowest-tsn'], cwr: [...CHUNK, 'lowest-tsn'],
  'shutdown-complete': CHUNK, 'asconf-ack': [...CHUNK, 'seqno'], 'forward-tsn': [...CHUNK, 'new-cum-tsn'],
  asconf: [...CHUNK, 'seqno'],
};

/** Why `WHAT NAME [FIELD]` is refused (`fields`: each name's fields), or undefined. */
export function optionError(what: string, fields: Readonly<Record<string, readonly string[]>>, name: string, field: string | undefined): { field: boolean; message: string } | undefined {
  const own = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
  if (!own) return { field: false, message: `${quoted(name, "'")} is not a name of \`${what}\` (${Object.keys(fields).join(', ')})` };
  if (field === undefined || own.includes(field)) return undefined;
  return { field: true, message: own.length ? `${quoted(field, "'")} is not a field of \`${what} ${name}\` (${own.join(', ')})` : `\`${what} ${name}\` has no fields` };
}

