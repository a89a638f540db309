/**
 * Seeded firewalld configurations: zones (built-in names and new ones) with interfaces, sources,
 * services, ports, protocols, targets, forward, masquerade, forward-ports and rich rules; policies
 * between them (to HOST, to ANY, zone to zone) with targets, priorities, ports and rich rules; the
 * default zone; firewalld.conf switches (IPv6_rpfilter, RFC3964_IPv4); in some, a direct.xml
 * (chains, rules of mixed priorities in user and built-in chains, passthroughs).
 */

export interface Generated {
  readonly conf: string;
  /** file name (under zones/ or policies/) → XML */
  readonly zones: ReadonlyMap<string, string>;
  readonly policies: ReadonlyMap<string, string>;
  /** direct.xml, when the configuration has one. */
  readonly direct?: string;
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

/** A direct.xml: DOCKER-USER (and a chain of its own) declared, rules by priority, passthroughs. */
function direct(r: Rand): string {
  const lines: string[] = [];
  const fams = r.chance(0.3) ? ['ipv4', 'ipv6'] : ['ipv4'];
  for (const ipv of fams) {
    lines.push(`  <chain ipv="${ipv}" table="filter" chain="DOCKER-USER"/>`);
    if (r.chance(0.4)) lines.push(`  <chain ipv="${ipv}" table="filter" chain="dw-direct"/>`);
    const chains = lines.some((l) => l.includes(`"${ipv}"`) && l.includes('dw-direct')) ? ['DOCKER-USER', 'dw-direct', 'FORWARD', 'INPUT'] : ['DOCKER-USER', 'FORWARD', 'INPUT'];
    for (let i = 1 + r.int(4); i > 0; i--) {
      const src = ipv === 'ipv4' ? r.pick(V4) : r.pick(V6);
      const match = r.pick([
        `-p tcp -m conntrack --ctorigdstport ${port(r).split('-')[0]} --ctdir ORIGINAL`,
        `-s ${src}`,
        `-p udp --dport ${port(r).split('-')[0]}`,
        `-i ${r.pick(IFACES)} -p tcp --dport ${port(r).split('-')[0]}`,
      ]);
      const target = r.pick(['DROP', 'ACCEPT', 'RETURN', 'DROP']);
      lines.push(`  <rule ipv="${ipv}" table="filter" chain="${r.pick(chains)}" priority="${r.pick(['0', '0', '1', '-1', '5'])}">${match} -j ${target}</rule>`);
    }
    if (r.chance(0.5)) lines.push(`  <passthrough ipv="${ipv}">${r.pick([`-t raw -A PREROUTING -p udp --dport ${1 + r.int(9000)} -j DROP`, `-I INPUT 1 -p tcp --dport ${1 + r.int(9000)} -j ACCEPT`, `-t mangle -A PREROUTING -i ${r.pick(IFACES)} -j MARK --set-mark 0x${(1 + r.int(255)).toString(16)}`])}</passthrough>`);
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n<direct>\n${lines.join('\n')}\n</direct>\n`;
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
  // drawn from a generator of its own, so the zones and policies of a seed stay what they were
  const d = new Rand(Math.imul(seed, 0x9e3779b1) ^ 0x2545f491);
  for (let i = 0; i < 8; i++) d.next(); // consecutive seeds start close together
  const dx = d.chance(0.4) ? direct(d) : undefined;
  return { conf, zones, policies, direct: dx, summary: `zones ${names.join(',')} (default ${defaultZone}), ${policies.size} policies, IPv6_rpfilter=${rpf} RFC3964_IPv4=${rfc}${dx ? `, direct.xml (${dx.split('<rule').length - 1} rules, ${dx.split('<passthrough').length - 1} passthroughs)` : ''}` };
}
