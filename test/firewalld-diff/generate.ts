/**
 * Seeded firewalld configurations: zones (built-in names and new ones) with interfaces, sources,
 * services, ports, protocols, targets, forward, masquerade, forward-ports and rich rules; policies
 * between them (to HOST, to ANY, zone to zone) with targets, priorities, ports and rich rules; the
 * default zone; firewalld.conf switches (IPv6_rpfilter, RFC3964_IPv4).
 */

export interface Generated {
  readonly conf: string;
  /** file name (under zones/ or policies/) → XML */
  readonly zones: ReadonlyMap<string, string>;
  readonly policies: ReadonlyMap<string, string>;
  readonly summary: string;
}

class Rand {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const SERVICES = ['ssh', 'http', 'https', 'dns', 'postgresql', 'mysql', 'redis', 'mdns', 'dhcpv6-client', 'elasticsearch', 'vnc-server', 'cockpit', 'ntp', 'memcache'];
const ZONE_NAMES = ['public', 'internal', 'trusted', 'dmz', 'work', 'docker', 'dwzone', 'block', 'drop', 'external'];
const TARGETS = [undefined, undefined, 'ACCEPT', 'DROP', '%%REJECT%%', 'default'];
const IFACES = ['eth0', 'eth1', 'eth2', 'eth3', 'docker0', 'br-dw1'];
const V4 = ['10.0.0.0/8', '192.168.10.0/24', '198.51.100.7', '203.0.113.0/25', '172.30.0.0/16'];
const V6 = ['fd00::/64', '2001:db8:1::/48'];

function port(r: Rand): string {
  const p = 1000 + r.int(60000);
  return r.chance(0.2) ? `${p}-${p + 1 + r.int(20)}` : String(p);
}

function rich(r: Rand, zoneLike: boolean): string {
  const fam = r.pick(['ipv4', 'ipv4', 'ipv6', undefined]);
  const parts: string[] = [];
  if (fam === 'ipv4' && r.chance(0.7)) parts.push(`<source address="${r.pick(V4)}"${r.chance(0.15) ? ' invert="True"' : ''}/>`);
  else if (fam === 'ipv6' && r.chance(0.7)) parts.push(`<source address="${r.pick(V6)}"/>`);
  if (fam === 'ipv4' && r.chance(0.2)) parts.push(`<destination address="${r.pick(V4)}"/>`);
  const el = r.int(4);
  if (el === 0) parts.push(`<service name="${r.pick(SERVICES)}"/>`);
  else if (el === 1) parts.push(`<port port="${port(r)}" protocol="${r.pick(['tcp', 'udp'])}"/>`);
  else if (el === 2 && fam) parts.push(`<protocol value="${r.pick(['gre', 'esp', 'sctp'])}"/>`);
  const action = r.pick(['accept', 'accept', 'drop', 'reject']);
  parts.push(action === 'reject' && fam && r.chance(0.3) ? `<reject type="${fam === 'ipv4' ? 'icmp-host-prohibited' : 'icmp6-adm-prohibited'}"/>` : `<${action}/>`);
  void zoneLike;
  // firewalld refuses a rule with no element, source or destination
  if (parts.length === 1) parts.unshift(`<port port="${port(r)}" protocol="tcp"/>`);
  return `  <rule${fam ? ` family="${fam}"` : ''}>${parts.join('')}</rule>\n`;
}

export function generate(seed: number): Generated {
  const r = new Rand(seed);
  const zones = new Map<string, string>();
  const used = new Set<string>();
  const names = [...ZONE_NAMES].sort(() => r.next() - 0.5).slice(0, 1 + r.int(4));
  const withIfaces: string[] = [];
  for (const name of names) {
    let body = '';
    const target = r.pick(TARGETS);
    const nIf = r.int(3);
    for (let i = 0; i < nIf; i++) {
      const ifc = r.pick(IFACES);
      if (used.has(ifc)) continue;
      used.add(ifc);
      body += `  <interface name="${ifc}"/>\n`;
    }
    if (nIf) withIfaces.push(name);
    for (const [p, pool] of [[0.4, V4], [0.2, V6]] as const) {
      const a = r.pick(pool);
      if (r.chance(p) && !used.has(a)) {
        used.add(a);
        body += `  <source address="${a}"/>\n`;
      }
    }
    for (let i = r.int(3); i > 0; i--) body += `  <service name="${r.pick(SERVICES)}"/>\n`;
    for (let i = r.int(3); i > 0; i--) body += `  <port port="${port(r)}" protocol="${r.pick(['tcp', 'udp', 'tcp'])}"/>\n`;
    if (r.chance(0.15)) body += `  <protocol value="gre"/>\n`;
    if (r.chance(0.3)) body += `  <masquerade/>\n`;
    for (let i = r.chance(0.3) ? 1 + r.int(2) : 0; i > 0; i--) {
      const to = r.int(3);
      body += `  <forward-port port="${port(r).split('-')[0]}" protocol="${r.pick(['tcp', 'udp'])}"${to !== 1 ? ` to-port="${1 + r.int(9000)}"` : ''}${to >= 1 ? ` to-addr="10.${r.int(200)}.0.${1 + r.int(200)}"` : ''}/>\n`;
    }
    for (let i = r.int(3); i > 0; i--) body += rich(r, true);
    if (r.chance(0.6)) body += '  <forward/>\n';
    zones.set(name, `<?xml version="1.0" encoding="utf-8"?>\n<zone${target ? ` target="${target}"` : ''}>\n  <short>${name}</short>\n${body}</zone>\n`);
  }
  const policies = new Map<string, string>();
  const nPol = r.int(3);
  for (let i = 0; i < nPol; i++) {
    const ing = r.chance(0.3) ? 'ANY' : r.pick(names);
    const eg = r.pick(['HOST', 'ANY', ...names.filter((n) => n !== ing)]);
    if (ing === 'ANY' && eg === 'ANY' && r.chance(0.5)) continue;
    let body = `  <ingress-zone name="${ing}"/>\n  <egress-zone name="${eg}"/>\n`;
    for (let k = r.int(3); k > 0; k--) body += `  <port port="${port(r)}" protocol="tcp"/>\n`;
    if (r.chance(0.3)) body += `  <service name="${r.pick(SERVICES)}"/>\n`;
    for (let k = r.int(2); k > 0; k--) body += rich(r, false);
    const target = r.pick(['CONTINUE', 'CONTINUE', 'ACCEPT', 'DROP', 'REJECT']);
    const prio = r.pick([undefined, '-10', '-100', '10', '200']);
    policies.set(`dwpol${i}`, `<?xml version="1.0" encoding="utf-8"?>\n<policy${target ? ` target="${target}"` : ''}${prio ? ` priority="${prio}"` : ''}>\n${body}</policy>\n`);
  }
  const defaultZone = r.chance(0.7) ? 'public' : r.pick(names);
  const rpf = r.chance(0.8) ? 'yes' : 'no';
  const rfc = r.chance(0.8) ? 'yes' : 'no';
  const conf = `DefaultZone=${defaultZone}\nCleanupOnExit=yes\nLockdown=no\nIPv6_rpfilter=${rpf}\nIndividualCalls=no\nLogDenied=off\nFirewallBackend=nftables\nFlushAllOnReload=yes\nRFC3964_IPv4=${rfc}\n`;
  return { conf, zones, policies, summary: `zones ${names.join(',')} (default ${defaultZone}), ${policies.size} policies, IPv6_rpfilter=${rpf} RFC3964_IPv4=${rfc}` };
}
