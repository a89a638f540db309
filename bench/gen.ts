/**
 * Seeded generators of realistic inputs for the benchmarks (and the fuzzers' seeds):
 *
 * - iptables-save dumps shaped like a Kubernetes node running Docker: kube-proxy's nat chains
 *   (KUBE-SERVICES → KUBE-SVC-* → KUBE-SEP-* with `statistic` load balancing, KUBE-MARK-MASQ, DNATs,
 *   node ports), Docker's filter and nat chains, a host firewall with multiport, limits and a deep
 *   chain of jumps (`HOST-IN-0` → `HOST-IN-1` → …), and filler rules spread over those chains;
 * - the same shape as an nftables script: kube-proxy's nftables mode (`numgen random mod N vmap`),
 *   named sets and maps, Docker's chains, a deep jump chain;
 * - compose projects with N services publishing ports in every syntax.
 *
 * Everything is a pure function of (size, seed): the same call gives the same bytes. Sizes count
 * rules (iptables `-A` lines, nft rule lines), or bytes for {@link nftOfBytes}.
 */
import { rng } from '../test/compose-diff/gen';

export { rng };

export class Rand {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** kube-proxy style chain hash: 16 characters of [A-Z0-9]. */
  hash(n = 16): string {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let s = '';
    for (let i = 0; i < n; i++) s += abc[Math.floor(this.next() * 32)];
    return s;
  }
  net24(): string {
    return `10.${this.int(0, 255)}.${this.int(0, 255)}.0/24`;
  }
}

const NAMESPACES = ['default', 'kube-system', 'monitoring', 'payments', 'web', 'search', 'batch', 'ingress'];
const APPS = ['api', 'db', 'cache', 'worker', 'frontend', 'auth', 'metrics', 'queue', 'mail', 'proxy'];
const PORTS = [80, 443, 8080, 8443, 5432, 6379, 9090, 3000, 25, 53, 9200, 27017];

/** Published ports the generated Docker rules DNAT (the benchmarks ask reach() about these). */
export const PUBLISHED = [
  { host: 8080, container: '172.17.0.2', port: 80 },
  { host: 5432, container: '172.17.0.3', port: 5432 },
  { host: 6379, container: '172.17.0.4', port: 6379 },
];

/** Depth of the chain of jumps in the host firewall. */
export const DEEP = 24;

// ---------------------------------------------------------------------------------------------
// iptables-save

/** An iptables-save dump with about `rules` `-A` lines. */
export function iptablesSave(rules: number, seed = 1): string {
  const r = new Rand(seed);
  const natChains = new Set<string>(['DOCKER', 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-SERVICES']);
  const nat: string[] = [];
  const filt: string[] = [];
  const filtChains = new Set<string>(['DOCKER', 'DOCKER-USER', 'DOCKER-ISOLATION-STAGE-1', 'DOCKER-ISOLATION-STAGE-2', 'KUBE-FIREWALL', 'KUBE-FORWARD']);
  for (let d = 0; d < DEEP; d++) filtChains.add(`HOST-IN-${d}`);

  // Fixed skeleton: Docker and kube-proxy hooks.
  nat.push(
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
    '-A DOCKER -i docker0 -j RETURN',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
  );
  for (const p of PUBLISHED) {
    nat.push(`-A DOCKER ! -i docker0 -p tcp -m tcp --dport ${p.host} -j DNAT --to-destination ${p.container}:${p.port}`);
    nat.push(`-A POSTROUTING -s ${p.container}/32 -d ${p.container}/32 -p tcp -m tcp --dport ${p.port} -j MASQUERADE`);
  }
  filt.push(
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -m conntrack --ctstate INVALID -j DROP',
    '-A INPUT -s 198.51.100.0/24 -p tcp -m tcp --dport 22 -j ACCEPT',
    '-A INPUT -p icmp -m icmp --icmp-type 8 -m limit --limit 5/sec -j ACCEPT',
    '-A INPUT -j KUBE-FIREWALL',
    '-A INPUT -j HOST-IN-0',
    '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
    '-A FORWARD -j DOCKER-USER',
    '-A FORWARD -j DOCKER-ISOLATION-STAGE-1',
    '-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A FORWARD -o docker0 -j DOCKER',
    '-A FORWARD -i docker0 ! -o docker0 -j ACCEPT',
    '-A FORWARD -i docker0 -o docker0 -j ACCEPT',
    '-A OUTPUT -j KUBE-FIREWALL',
    '-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
    '-A DOCKER-ISOLATION-STAGE-1 -j RETURN',
    '-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP',
    '-A DOCKER-ISOLATION-STAGE-2 -j RETURN',
    '-A DOCKER-USER -s 203.0.113.0/24 -j DROP',
    '-A DOCKER-USER -j RETURN',
    '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
  );
  for (const p of PUBLISHED) filt.push(`-A DOCKER -d ${p.container}/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport ${p.port} -j ACCEPT`);
  for (let d = 0; d < DEEP - 1; d++) {
    filt.push(`-A HOST-IN-${d} -s ${r.net24()} -p tcp -m tcp --dport ${r.pick(PORTS)} -j ACCEPT`);
    filt.push(`-A HOST-IN-${d} -p tcp -m multiport --dports ${r.pick(PORTS)},${r.pick(PORTS)},${r.int(1024, 9999)} -m comment --comment "level ${d}" -j HOST-IN-${d + 1}`);
  }
  filt.push(`-A HOST-IN-${DEEP - 1} -p tcp -m tcp --dport 443 -j ACCEPT`);
  const nodePorts: string[] = [];

  // kube-proxy services until the budget is spent: per service ~ (2 + 3 per endpoint) nat rules,
  // plus a host-firewall filler rule every few services.
  const budget = rules - nat.length - filt.length - 1;
  let used = 0;
  let svc = 0;
  while (used < budget) {
    const ns = r.pick(NAMESPACES);
    const name = `${r.pick(APPS)}-${svc}`;
    const port = r.pick(PORTS);
    const proto = r.chance(0.9) ? 'tcp' : 'udp';
    const cip = `10.96.${(svc >> 8) & 255}.${svc & 255}`;
    const svcChain = `KUBE-SVC-${r.hash()}`;
    const comment = `"${ns}/${name}:${proto}-${port}"`;
    natChains.add(svcChain);
    nat.push(`-A KUBE-SERVICES -d ${cip}/32 -p ${proto} -m comment --comment "${ns}/${name}:${proto}-${port} cluster IP" -m ${proto} --dport ${port} -j ${svcChain}`);
    nat.push(`-A ${svcChain} ! -s 10.244.0.0/16 -d ${cip}/32 -p ${proto} -m comment --comment "${ns}/${name}:${proto}-${port} cluster IP" -m ${proto} --dport ${port} -j KUBE-MARK-MASQ`);
    used += 2;
    if (r.chance(0.2)) {
      const np = 30000 + (svc % 2768);
      nodePorts.push(`-A KUBE-NODEPORTS -p ${proto} -m comment --comment ${comment} -m ${proto} --dport ${np} -j ${svcChain}`);
      used++;
    }
    const eps = r.int(1, 4);
    for (let e = 0; e < eps; e++) {
      const sep = `KUBE-SEP-${r.hash()}`;
      natChains.add(sep);
      const ip = `10.244.${r.int(0, 255)}.${r.int(2, 254)}`;
      const left = eps - e;
      if (left > 1) nat.push(`-A ${svcChain} -m comment --comment ${comment} -m statistic --mode random --probability ${(1 / left).toFixed(11)} -j ${sep}`);
      else nat.push(`-A ${svcChain} -m comment --comment ${comment} -j ${sep}`);
      nat.push(`-A ${sep} -s ${ip}/32 -m comment --comment ${comment} -j KUBE-MARK-MASQ`);
      nat.push(`-A ${sep} -p ${proto} -m comment --comment ${comment} -m ${proto} -j DNAT --to-destination ${ip}:${r.pick(PORTS)}`);
      used += 3;
    }
    const fillers = r.int(0, 2);
    for (let f = 0; f < fillers && used < budget; f++) {
      const chain = `HOST-IN-${r.int(0, DEEP - 1)}`;
      const kind = r.int(0, 3);
      if (kind === 0) filt.push(`-A ${chain} -s ${r.net24()} -p tcp -m tcp --dport ${r.pick(PORTS)} -j ACCEPT`);
      else if (kind === 1) filt.push(`-A ${chain} -s ${r.net24()} -m comment --comment "blocklist ${svc}" -j DROP`);
      else if (kind === 2) filt.push(`-A ${chain} -i eth${r.int(1, 3)} -p udp -m multiport --dports ${r.pick(PORTS)},${r.int(1024, 65535)} -j ACCEPT`);
      else filt.push(`-A ${chain} -s ${r.net24()} -p tcp -j REJECT --reject-with icmp-port-unreachable`);
      used++;
    }
    svc++;
  }
  nat.push(...nodePorts);
  nat.push('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');

  const decl = (builtins: [string, string][], user: Set<string>): string[] => [
    ...builtins.map(([c, p]) => `:${c} ${p} [0:0]`),
    ...[...user].sort().map((c) => `:${c} - [0:0]`),
  ];
  return [
    '# Generated by iptables-save v1.8.9 (nf_tables) on Mon Jan  1 00:00:00 2024',
    '*nat',
    ...decl([['PREROUTING', 'ACCEPT'], ['INPUT', 'ACCEPT'], ['OUTPUT', 'ACCEPT'], ['POSTROUTING', 'ACCEPT']], natChains),
    ...nat,
    'COMMIT',
    '*filter',
    ...decl([['INPUT', 'DROP'], ['FORWARD', 'DROP'], ['OUTPUT', 'ACCEPT']], filtChains),
    ...filt,
    'COMMIT',
    '# Completed on Mon Jan  1 00:00:00 2024',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// nftables

/** An nft script (for `nft -f`) with about `rules` rules. */
export function nftScript(rules: number, seed = 1): string {
  const r = new Rand(seed);
  const out: string[] = [];
  const services: string[] = [];
  const endpoints: string[] = [];
  const chains = new Map<string, string[]>();
  const filterRules = new Map<string, string[]>();
  const allowed: string[] = [];
  for (let i = 0; i < 64; i++) allowed.push(r.net24());
  const deep = (d: number): string => `host_in_${d}`;
  for (let d = 0; d < DEEP; d++) filterRules.set(deep(d), []);
  for (let d = 0; d < DEEP - 1; d++) {
    filterRules.get(deep(d))!.push(`ip saddr ${r.net24()} tcp dport ${r.pick(PORTS)} accept`);
    filterRules.get(deep(d))!.push(`tcp dport { ${r.pick(PORTS)}, ${r.int(1024, 9999)} } jump ${deep(d + 1)}`);
  }
  filterRules.get(deep(DEEP - 1))!.push('tcp dport 443 accept');
  let used = 60;
  let svc = 0;
  const nodePorts: string[] = [];
  while (used < rules) {
    const port = r.pick(PORTS);
    const proto = r.chance(0.9) ? 'tcp' : 'udp';
    const cip = `10.96.${(svc >> 8) & 255}.${svc & 255}`;
    const name = `svc-${r.hash(8)}-${r.pick(NAMESPACES)}-${r.pick(APPS)}-${svc}`;
    services.push(`ip daddr ${cip} ${proto} dport ${port} jump ${name}`);
    const eps = r.int(1, 4);
    const seps: string[] = [];
    for (let e = 0; e < eps; e++) {
      const sep = `sep-${r.hash(8)}-${svc}-${e}`;
      const ip = `10.244.${r.int(0, 255)}.${r.int(2, 254)}`;
      seps.push(sep);
      chains.set(sep, [`ip saddr ${ip} jump mark_for_masquerade`, `meta l4proto ${proto} dnat to ${ip}:${r.pick(PORTS)}`]);
      endpoints.push(sep);
    }
    chains.set(name, [
      `ip daddr ${cip} ${proto} dport ${port} ip saddr != 10.244.0.0/16 jump mark_for_masquerade`,
      eps === 1 ? `goto ${seps[0]}` : `numgen random mod ${eps} vmap { ${seps.map((s, i) => `${i} : goto ${s}`).join(', ')} }`,
    ]);
    used += 1 + 2 + eps * 2;
    if (r.chance(0.2)) {
      nodePorts.push(`${proto} dport ${30000 + (svc % 2768)} jump ${name}`);
      used++;
    }
    const fillers = r.int(0, 2);
    for (let f = 0; f < fillers && used < rules; f++) {
      const list = filterRules.get(deep(r.int(0, DEEP - 1)))!;
      const kind = r.int(0, 3);
      if (kind === 0) list.push(`ip saddr ${r.net24()} tcp dport ${r.pick(PORTS)} accept`);
      else if (kind === 1) list.push(`ip saddr ${r.net24()} counter drop comment "blocklist ${svc}"`);
      else if (kind === 2) list.push(`iifname "eth${r.int(1, 3)}" udp dport { ${r.pick(PORTS)}, ${r.int(1024, 65535)} } accept`);
      else list.push(`ip saddr @blocklist_${r.int(0, 9)} reject with icmp type port-unreachable`);
      used++;
    }
    svc++;
  }

  out.push('#!/usr/sbin/nft -f', '# generated benchmark ruleset', 'flush ruleset', '', 'define DOCKER_NET = 172.17.0.0/16', 'define MGMT = { 198.51.100.0/24, 192.0.2.0/24 }', '');
  out.push('table inet filter {');
  out.push(`\tset allowed_v4 {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { ${allowed.join(', ')} }\n\t}`);
  for (let b = 0; b < 10; b++) {
    const els: string[] = [];
    for (let i = 0; i < 8; i++) els.push(r.net24());
    out.push(`\tset blocklist_${b} {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { ${els.join(', ')} }\n\t}`);
  }
  out.push('\tmap port_policy {\n\t\ttype inet_service : verdict\n\t\telements = { 22 : jump ssh_in, 25 : drop, 53 : accept, 123 : accept }\n\t}');
  out.push('\tchain ssh_in {\n\t\tip saddr $MGMT accept\n\t\tip saddr @allowed_v4 accept\n\t\tdrop\n\t}');
  out.push(
    '\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state established,related accept\n\t\tct state invalid drop\n\t\tiifname "lo" accept\n\t\tmeta l4proto icmp limit rate 5/second accept\n\t\ttcp dport vmap @port_policy\n\t\tjump host_in_0\n\t}',
  );
  for (const [name, list] of filterRules) out.push(`\tchain ${name} {\n${list.map((x) => `\t\t${x}`).join('\n')}\n\t}`);
  out.push('\tchain docker_user {\n\t\tip saddr 203.0.113.0/24 drop\n\t}');
  out.push(
    `\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tjump docker_user\n\t\toifname "docker0" ct state established,related accept\n${PUBLISHED.map((p) => `\t\tiifname != "docker0" oifname "docker0" ip daddr ${p.container} tcp dport ${p.port} accept`).join('\n')}\n\t\tiifname "docker0" oifname != "docker0" accept\n\t\tmeta mark & 0x4000 == 0x4000 accept\n\t}`,
  );
  out.push('\tchain output {\n\t\ttype filter hook output priority filter; policy accept;\n\t}');
  out.push('}', '');
  out.push('table ip nat {');
  out.push('\tchain mark_for_masquerade {\n\t\tmeta mark set 0x4000\n\t}');
  out.push(`\tchain docker {\n\t\tiifname "docker0" return\n${PUBLISHED.map((p) => `\t\tiifname != "docker0" tcp dport ${p.host} dnat to ${p.container}:${p.port}`).join('\n')}\n\t}`);
  out.push(`\tchain services {\n${services.map((x) => `\t\t${x}`).join('\n')}\n\t\tfib daddr type local jump nodeports\n\t}`);
  out.push(`\tchain nodeports {\n${nodePorts.map((x) => `\t\t${x}`).join('\n')}\n\t}`);
  for (const [name, list] of chains) out.push(`\tchain ${name} {\n${list.map((x) => `\t\t${x}`).join('\n')}\n\t}`);
  out.push('\tchain prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tjump services\n\t\tfib daddr type local jump docker\n\t}');
  out.push('\tchain output {\n\t\ttype nat hook output priority -100; policy accept;\n\t\tjump services\n\t}');
  out.push(
    '\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\tmeta mark & 0x4000 == 0x4000 masquerade\n\t\tip saddr $DOCKER_NET oifname != "docker0" masquerade\n\t}',
  );
  out.push('}', '');
  void endpoints;
  return out.join('\n');
}

/** The smallest {@link nftScript} of at least `bytes` bytes (sizes found by doubling then bisection). */
export function nftOfBytes(bytes: number, seed = 1): string {
  let lo = 100;
  let hi = 200;
  while (Buffer.byteLength(nftScript(hi, seed)) < bytes) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 50) {
    const mid = (lo + hi) >> 1;
    if (Buffer.byteLength(nftScript(mid, seed)) < bytes) lo = mid;
    else hi = mid;
  }
  return nftScript(hi, seed);
}

// ---------------------------------------------------------------------------------------------
// compose

/** A compose project with `n` services publishing ports in the short and long syntaxes. */
export function composeProject(n: number, seed = 1): string {
  const r = new Rand(seed);
  const lines: string[] = ['name: bench', '', 'services:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  ${r.pick(APPS)}-${i}:`, `    image: example/${r.pick(APPS)}:${r.int(1, 9)}.${r.int(0, 9)}`);
    const kind = i % 5;
    lines.push('    ports:');
    const host = 10000 + i * 3;
    if (kind === 0) lines.push(`      - "${host}:${r.pick(PORTS)}"`);
    else if (kind === 1) lines.push(`      - "127.0.0.1:${host}:${r.pick(PORTS)}/tcp"`);
    else if (kind === 2) lines.push(`      - "\${PORT_${i}:-${host}}:${r.pick(PORTS)}"`);
    else if (kind === 3) lines.push(`      - target: ${r.pick(PORTS)}`, `        published: "${host}"`, '        host_ip: 0.0.0.0', '        protocol: udp');
    else lines.push(`      - "${host}-${host + 2}:${8000}-${8002}"`);
    if (i % 7 === 0) lines.push('    networks: [front, back]');
  }
  lines.push('', 'networks:', '  front:', '    driver: bridge', '  back:', '    internal: true', '');
  return lines.join('\n');
}
