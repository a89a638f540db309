/**
 * Symbolic names nft resolves to numbers or canonical symbols: services (a small, fixed copy of the
 * common /etc/services entries, so the core stays pure), IP protocols, ICMP types, and the
 * standard chain priorities per family.
 */
import type { Family, Hook } from '../model';
import { quoted } from '../../text';
import { NFT_BRIDGE_PRIORITY, NFT_PRIORITY } from '../model';

/** The common /etc/services names (TCP and UDP share the number for all of these). */
export const SERVICES: Readonly<Record<string, number>> = {
  'ftp-data': 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  time: 37,
  whois: 43,
  tacacs: 49,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  gopher: 70,
  finger: 79,
  http: 80,
  www: 80,
  kerberos: 88,
  'iso-tsap': 102,
  pop3: 110,
  sunrpc: 111,
  auth: 113,
  nntp: 119,
  ntp: 123,
  epmap: 135,
  'netbios-ns': 137,
  'netbios-dgm': 138,
  'netbios-ssn': 139,
  imap: 143,
  imap2: 143,
  snmp: 161,
  'snmp-trap': 162,
  xdmcp: 177,
  bgp: 179,
  irc: 194,
  ldap: 389,
  https: 443,
  'microsoft-ds': 445,
  kpasswd: 464,
  submissions: 465,
  smtps: 465,
  isakmp: 500,
  syslog: 514,
  printer: 515,
  talk: 517,
  ntalk: 518,
  route: 520,
  uucp: 540,
  'dhcpv6-client': 546,
  'dhcpv6-server': 547,
  rtsp: 554,
  nntps: 563,
  submission: 587,
  ipp: 631,
  ldaps: 636,
  'kerberos-adm': 749,
  rsync: 873,
  'domain-s': 853,
  ftps: 990,
  'ftps-data': 989,
  telnets: 992,
  imaps: 993,
  pop3s: 995,
  socks: 1080,
  openvpn: 1194,
  'ms-sql-s': 1433,
  'ms-sql-m': 1434,
  l2f: 1701,
  l2tp: 1701,
  pptp: 1723,
  radius: 1812,
  'radius-acct': 1813,
  nfs: 2049,
  mysql: 3306,
  'ms-wbt-server': 3389,
  svn: 3690,
  epmd: 4369,
  'ipsec-nat-t': 4500,
  sip: 5060,
  'sip-tls': 5061,
  'xmpp-client': 5222,
  'xmpp-server': 5269,
  mdns: 5353,
  postgresql: 5432,
  amqp: 5672,
  x11: 6000,
  'http-alt': 8080,
  webcache: 8080,
  git: 9418,
  zabbix: 10051,
  'zabbix-agent': 10050,
};

/** IP protocol names as nft accepts them (`inet_proto`), with their IANA numbers. */
export const PROTOCOLS: Readonly<Record<string, number>> = {
  ip: 0,
  hopopt: 0,
  icmp: 1,
  igmp: 2,
  ggp: 3,
  ipencap: 4,
  st: 5,
  tcp: 6,
  egp: 8,
  igp: 9,
  pup: 12,
  udp: 17,
  hmp: 20,
  'xns-idp': 22,
  rdp: 27,
  'iso-tp4': 29,
  dccp: 33,
  xtp: 36,
  ddp: 37,
  'idpr-cmtp': 38,
  ipv6: 41,
  'ipv6-route': 43,
  'ipv6-frag': 44,
  idrp: 45,
  rsvp: 46,
  gre: 47,
  esp: 50,
  ah: 51,
  skip: 57,
  icmpv6: 58,
  'ipv6-icmp': 58,
  'ipv6-nonxt': 59,
  'ipv6-opts': 60,
  rspf: 73,
  vmtp: 81,
  eigrp: 88,
  ospf: 89,
  ospfigp: 89,
  'ax.25': 93,
  ipip: 94,
  etherip: 97,
  encap: 98,
  pim: 103,
  comp: 108,
  ipcomp: 108,
  vrrp: 112,
  l2tp: 115,
  isis: 124,
  sctp: 132,
  fc: 133,
  'mobility-header': 135,
  udplite: 136,
  'mpls-in-ip': 137,
  manet: 138,
  hip: 139,
  shim6: 140,
  wesp: 141,
  rohc: 142,
  ethernet: 143,
};

export const ICMP_TYPES: Readonly<Record<string, number>> = {
  'echo-reply': 0,
  'destination-unreachable': 3,
  'source-quench': 4,
  redirect: 5,
  'echo-request': 8,
  'router-advertisement': 9,
  'router-solicitation': 10,
  'time-exceeded': 11,
  'parameter-problem': 12,
  'timestamp-request': 13,
  'timestamp-reply': 14,
  'info-request': 15,
  'info-reply': 16,
  'address-mask-request': 17,
  'address-mask-reply': 18,
};

export const ICMPV6_TYPES: Readonly<Record<string, number>> = {
  'destination-unreachable': 1,
  'packet-too-big': 2,
  'time-exceeded': 3,
  'parameter-problem': 4,
  'echo-request': 128,
  'echo-reply': 129,
  'mld-listener-query': 130,
  'mld-listener-report': 131,
  'mld-listener-done': 132,
  'mld-listener-reduction': 132,
  'nd-router-solicit': 133,
  'nd-router-advert': 134,
  'nd-neighbor-solicit': 135,
  'nd-neighbor-advert': 136,
  'nd-redirect': 137,
  'router-renumbering': 138,
  'ind-neighbor-solicit': 141,
  'ind-neighbor-advert': 142,
  'mld2-listener-report': 143,
};

export const TCP_FLAGS: Readonly<Record<string, number>> = {
  fin: 0x01,
  syn: 0x02,
  rst: 0x04,
  psh: 0x08,
  ack: 0x10,
  urg: 0x20,
  ecn: 0x40,
  cwr: 0x80,
};

export const CT_STATES: Readonly<Record<string, number>> = {
  invalid: 1,
  established: 2,
  related: 4,
  new: 8,
  untracked: 64,
};

export const CT_STATUS: Readonly<Record<string, number>> = {
  expected: 1,
  'seen-reply': 2,
  assured: 4,
  confirmed: 8,
  snat: 16,
  dnat: 32,
  dying: 512,
};

export const FIB_TYPES: readonly string[] = [
  'unspec',
  'unicast',
  'local',
  'broadcast',
  'anycast',
  'multicast',
  'blackhole',
  'unreachable',
  'prohibit',
];

/** Ether types by name (`meta protocol`), `vlan` being nft's other name of `8021q`. */
export const ETHERTYPES: Readonly<Record<string, number>> = { ip: 0x0800, arp: 0x0806, ip6: 0x86dd, '8021q': 0x8100, vlan: 0x8100, '8021ad': 0x88a8 };

/** The name an ether type is compared by: the first name nft knows it by, else `0x` and its hex digits. */
export function ethertypeName(n: number): string {
  for (const [name, v] of Object.entries(ETHERTYPES)) if (v === n) return name;
  return `0x${n.toString(16).padStart(4, '0')}`;
}

/** `meta pkttype` symbols; `unicast` is nft's old spelling of `host`. */
export const PKTTYPES: Readonly<Record<string, string>> = {
  host: 'host',
  unicast: 'host',
  broadcast: 'broadcast',
  multicast: 'multicast',
  other: 'other',
};

/** Canonical name of a numeric ICMP / ICMPv6 type (the first name listed for it). */
export function icmpTypeName(table: Readonly<Record<string, number>>, n: number): string | undefined {
  for (const [name, v] of Object.entries(table)) if (v === n) return name;
  return undefined;
}

/**
 * The hooks a standard priority name is valid at, whatever the chain's type. In the ip, ip6 and inet
 * families nft 1.0.9 and later take `dstnat` at output and `srcnat` at input too (1.0.6 refuses
 * both, and Docker 29 writes `type nat hook output priority dstnat`: taken, as the releases that load it do).
 */
const PRIORITY_HOOKS: Readonly<Record<string, readonly string[]>> = { dstnat: ['prerouting', 'output'], srcnat: ['input', 'postrouting'] };
const BRIDGE_PRIORITY_HOOKS: Readonly<Record<string, readonly string[]>> = { dstnat: ['prerouting'], srcnat: ['postrouting'], out: ['output'] };

/**
 * Resolves a chain priority as written: a number, a standard name, or `name + N` / `name - N`.
 * Returns undefined when the text is not a priority nft would accept for this family and hook
 * (with a reason).
 */
export function resolvePriority(text: string, family: Family, hook?: string): { value?: number; error?: string } {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(-?\d+|[a-z]+)(?: ?([+-]) ?(\d+))?$/.exec(t);
  if (!m) return { error: `${quoted(t, "'")} is not a chain priority` };
  let base: number;
  if (/^-?\d+$/.test(m[1])) base = Number(m[1]);
  else {
    const table = family === 'bridge' ? NFT_BRIDGE_PRIORITY : NFT_PRIORITY;
    const v = Object.prototype.hasOwnProperty.call(table, m[1]) ? table[m[1]] : undefined;
    if (v === undefined) return { error: `${quoted(m[1], "'")} is not a standard priority name in the ${family} family` };
    if (family === 'arp' || family === 'netdev') {
      if (m[1] !== 'filter') return { error: `${quoted(m[1], "'")} is not a standard priority name in the ${family} family` };
    }
    const hooks = (family === 'bridge' ? BRIDGE_PRIORITY_HOOKS : PRIORITY_HOOKS)[m[1]];
    if (hooks && hook !== undefined && !hooks.includes(hook))
      return { error: `the ${m[1]} priority is for the ${hooks.join(' and ')} hook${hooks.length > 1 ? 's' : ''} only: nft refuses it at ${hook} (invalid priority expression value in this context)` };
    base = v;
  }
  if (m[2]) base += (m[2] === '+' ? 1 : -1) * Number(m[3]);
  return { value: base };
}

export const HOOKS: readonly Hook[] = ['prerouting', 'input', 'forward', 'output', 'postrouting', 'ingress', 'egress'];
export const FAMILIES: readonly Family[] = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'];

const IP_HOOKS: readonly Hook[] = ['prerouting', 'input', 'forward', 'output', 'postrouting'];
/** The hooks nft knows in each family (a base chain at another: "The ip family does not support this hook"). */
export const FAMILY_HOOKS: Readonly<Record<Family, readonly Hook[]>> = {
  ip: IP_HOOKS,
  ip6: IP_HOOKS,
  inet: [...IP_HOOKS, 'ingress'],
  arp: ['input', 'forward', 'output'],
  bridge: IP_HOOKS,
  netdev: ['ingress', 'egress'],
};

/**
 * The hooks the kernel lets each chain type attach to, per family (nft_chain_filter, _nat, _route;
 * probed with `nft -c` on Debian 12's kernel): a type missing from a family is no chain type there
 * ("No such file or directory"), a hook missing from its list "Operation not supported".
 */
const NAT_HOOKS: readonly Hook[] = ['prerouting', 'input', 'output', 'postrouting'];
export const TYPE_HOOKS: Readonly<Record<Family, Readonly<Partial<Record<'filter' | 'nat' | 'route', readonly Hook[]>>>>> = {
  ip: { filter: IP_HOOKS, nat: NAT_HOOKS, route: ['output'] },
  ip6: { filter: IP_HOOKS, nat: NAT_HOOKS, route: ['output'] },
  inet: { filter: FAMILY_HOOKS.inet, nat: NAT_HOOKS, route: ['output'] },
  arp: { filter: ['input', 'output'] },
  bridge: { filter: IP_HOOKS },
  netdev: { filter: ['ingress', 'egress'] },
};

/** A nat chain must run after connection tracking (priority -200): the kernel refuses one at -200 or before. */
export const NAT_PRIORITY_FLOOR = -200;

export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
