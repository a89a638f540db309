/**
 * Compose × ruleset × Docker release pairs (seeded, plus a fixed handful written by hand), each
 * judged through `analyse()` against the kernel (scenarios/analysed.ts).
 *
 * A generated pair is a small compose project (1–4 services; published ports in short and long
 * syntax, with no host address, 127.0.0.1 or one of the host's addresses, tcp or udp, fixed or
 * ephemeral host ports; expose-only services; sometimes a user network, with or without
 * `com.docker.network.bridge.name`, a subnet of its own, services on two networks or on the default
 * bridge), an admin ruleset (iptables-save files — INPUT policy and rules on the published host
 * ports, FORWARD rules, a DOCKER-USER declared by the admin or rules inserted into Docker's after it
 * started, post-DNAT mistakes and `--ctorigdstport`, an ip6tables file — or nftables files — an inet
 * table with input and forward chains at several priorities and policies, `ct original proto-dst`,
 * `ct status dnat`, interface and source conditions, an iptables-style `ip filter INPUT`, nft rules
 * inserted into DOCKER-USER), and a Docker release and backend.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Scenario } from '../scenario';
import type { Languages } from '../../../server/src/core/syntax/languages';
import { type AdminFile, type PairInput, kernelFiles, kernelLanguages, layoutOf, pairScenarios, runAnalysis } from './analysed';
import { Rng } from './generated';

const RELEASES: readonly { version: string; backend?: 'nftables' }[] = [
  { version: '24' },
  { version: '27' },
  { version: '28.0.1' },
  { version: '28.2' },
  { version: '28.2.2' },
  { version: '29' },
  { version: '29', backend: 'nftables' },
];

const SERVICES = ['web', 'api', 'db', 'cache', 'proxy'];
const HOST_PORTS = [80, 443, 8080, 8081, 5432, 3000, 9000, 5353, 6379];
const CTR_PORTS = [80, 53, 5432, 8080, 6379, 443, 3000];
const HOST_IPS = ['127.0.0.1', '198.51.100.1', '192.0.2.100', '203.0.113.1', '0.0.0.0', '::'];
const SRC4 = ['198.51.100.2', '198.51.100.3', '198.51.100.0/25', '198.51.100.128/25', '203.0.113.0/24', '10.0.0.0/8', '203.0.113.2'];
const SRC6 = ['2001:db8:1::/64', '2001:db8:1::3', '2001:db8:2::/64'];

interface Published {
  readonly proto: 'tcp' | 'udp';
  readonly hostIp?: string;
  /** Undefined: Docker picks an ephemeral port. */
  readonly hostPort?: number;
  readonly ctrPort: number;
}

interface Project {
  readonly text: string;
  readonly published: readonly Published[];
}

function genCompose(rng: Rng): Project {
  const names = rng.some(SERVICES, 4);
  const used = new Set<string>();
  const published: Published[] = [];
  const netMode = rng.pick(['default', 'default', 'named', 'named', 'named-noname', 'bridge', 'two'] as const);
  const bridgeName = rng.pick(['dwfront', 'br-front', 'docker1']);
  const lines: string[] = ['services:'];
  names.forEach((name, idx) => {
    lines.push(`  ${name}:`, `    image: example/${name}`);
    if (netMode === 'bridge' && rng.chance(0.6)) lines.push('    network_mode: bridge');
    else if (netMode === 'named' || netMode === 'named-noname') lines.push('    networks: [front]');
    else if (netMode === 'two') lines.push(idx === 0 ? '    networks: [back, front]' : `    networks: [${rng.pick(['front', 'back'])}]`);
    if (idx > 0 && rng.chance(0.25)) {
      lines.push(`    expose: ["${rng.pick(CTR_PORTS)}"]`);
      return;
    }
    const count = rng.int(4);
    const items: string[] = [];
    for (let i = 0; i < count; i++) {
      const proto: 'tcp' | 'udp' = rng.chance(0.25) ? 'udp' : 'tcp';
      const ephemeral = rng.chance(0.07);
      const hostPort = ephemeral ? undefined : rng.pick(HOST_PORTS);
      if (hostPort !== undefined && used.has(`${proto}/${hostPort}`)) continue;
      if (hostPort !== undefined) used.add(`${proto}/${hostPort}`);
      const ctrPort = rng.chance(0.4) && hostPort !== undefined ? hostPort : rng.pick(CTR_PORTS);
      const r = rng.next();
      const hostIp = r < 0.45 ? undefined : r < 0.6 ? '127.0.0.1' : rng.pick(HOST_IPS);
      published.push({ proto, hostIp, hostPort, ctrPort });
      if (rng.chance(0.35)) {
        items.push(`      - target: ${ctrPort}`);
        if (hostPort !== undefined) items.push(`        published: "${hostPort}"`);
        if (hostIp) items.push(`        host_ip: ${hostIp === '::' ? '"::"' : hostIp}`);
        if (proto === 'udp' || rng.chance(0.2)) items.push(`        protocol: ${proto}`);
      } else {
        const ip = hostIp ? (hostIp.includes(':') ? `[${hostIp}]:` : `${hostIp}:`) : '';
        const pub = hostPort !== undefined ? `${hostPort}:` : ip ? ':' : '';
        items.push(`      - "${ip}${pub}${ctrPort}${proto === 'udp' ? '/udp' : ''}"`);
      }
    }
    if (items.length) lines.push('    ports:', ...items);
  });
  if (netMode === 'named' || netMode === 'named-noname' || netMode === 'two') {
    lines.push('networks:', '  front:');
    if (netMode !== 'named-noname') lines.push('    driver_opts:', `      com.docker.network.bridge.name: ${bridgeName}`);
    const v6 = rng.chance(0.25);
    if (v6) lines.push('    enable_ipv6: true');
    const subnets: string[] = [];
    if (rng.chance(0.25)) subnets.push(rng.pick(['10.77.0.0/24', '192.168.90.0/24', '172.30.5.0/24']));
    if (v6 && rng.chance(0.6)) subnets.push(rng.pick(['fd00:77::/64', '2001:db8:77::/64']));
    if (subnets.length) lines.push('    ipam:', '      config:', ...subnets.map((x) => `        - subnet: "${x}"`));
    if (netMode === 'two') lines.push('  back:', '    driver_opts:', '      com.docker.network.bridge.name: dwback');
  }
  return { text: lines.join('\n') + '\n', published };
}

// ---------------------------------------------------------------------------------------------
// Admin rulesets

const fixed = (ps: readonly Published[]): Published[] => ps.filter((p) => p.hostPort !== undefined);
const v4ish = (p: Published): boolean => p.hostIp === undefined || !p.hostIp.includes(':');

function iptCond(rng: Rng, p: Published | undefined): string {
  const parts: string[] = [];
  if (rng.chance(0.35)) parts.push(`${rng.chance(0.2) ? '! ' : ''}-i ${rng.pick(['eth0', 'eth1'])}`);
  if (rng.chance(0.3)) parts.push(`${rng.chance(0.2) ? '! ' : ''}-s ${rng.pick(SRC4)}`);
  if (p) parts.push(`-p ${p.proto} -m ${p.proto} --dport ${p.hostPort}`);
  return parts.join(' ');
}

function genIptables(rng: Rng, ps: readonly Published[], nftBackend: boolean): AdminFile[] {
  const out: AdminFile[] = [];
  const ports = fixed(ps).filter(v4ish);
  const declareUser = rng.chance(0.2);
  const l: string[] = ['*filter', `:INPUT ${rng.chance(0.7) ? 'DROP' : 'ACCEPT'} [0:0]`, `:FORWARD ${rng.chance(0.3) ? 'DROP' : 'ACCEPT'} [0:0]`, ':OUTPUT ACCEPT [0:0]'];
  if (declareUser) l.push(':DOCKER-USER - [0:0]');
  l.push('-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT');
  for (const p of ports) if (rng.chance(0.7)) l.push(`-A INPUT ${iptCond(rng, p)} -j ${rng.pick(['DROP', 'DROP', 'ACCEPT', 'REJECT'])}`);
  if (rng.chance(0.3) && ports.length) l.push(`-A FORWARD ${iptCond(rng, rng.pick(ports))} -j DROP`);
  if (rng.chance(0.2)) l.push(`-A FORWARD -i ${rng.pick(['eth0', 'eth1'])} -j ${rng.pick(['DROP', 'ACCEPT'])}`);
  if (declareUser) {
    if (nftBackend) l.push('-A FORWARD -j DOCKER-USER');
    for (let i = rng.int(3); i > 0; i--) l.push(`-A DOCKER-USER ${dockerUserRule(rng, ps)}`);
    if (rng.chance(0.5)) l.push('-A DOCKER-USER -j RETURN');
  }
  l.push('COMMIT');
  out.push({ name: 'rules.v4', form: 'iptables-nft', text: l.join('\n') + '\n' });
  if (rng.chance(0.3)) {
    const v6 = ['*filter', `:INPUT ${rng.chance(0.7) ? 'DROP' : 'ACCEPT'} [0:0]`, ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT'];
    for (const p of fixed(ps)) if (rng.chance(0.5)) v6.push(`-A INPUT ${rng.chance(0.3) ? `-s ${rng.pick(SRC6)} ` : ''}-p ${p.proto} -m ${p.proto} --dport ${p.hostPort} -j ${rng.pick(['DROP', 'ACCEPT'])}`);
    v6.push('COMMIT');
    out.push({ name: 'rules.v6', form: 'ip6tables-nft', text: v6.join('\n') + '\n' });
  }
  if (!nftBackend && !declareUser && rng.chance(0.45)) {
    const du = ['*filter'];
    for (let i = 1 + rng.int(3); i > 0; i--) du.push(`${rng.chance(0.8) ? '-I' : '-A'} DOCKER-USER ${dockerUserRule(rng, ps)}`);
    du.push('COMMIT');
    out.push({ name: 'docker-user.rules', form: 'iptables-nft', text: du.join('\n') + '\n' });
  }
  return out;
}

/** A DOCKER-USER rule: right (original destination port) and wrong (post-DNAT host port) filters. */
function dockerUserRule(rng: Rng, ps: readonly Published[]): string {
  const p = rng.pick(fixed(ps).length ? fixed(ps) : [{ proto: 'tcp' as const, hostPort: 8080, ctrPort: 80 }]);
  const iif = rng.chance(0.6) ? `-i ${rng.pick(['eth0', 'eth1'])} ` : '';
  switch (rng.int(6)) {
    case 0:
      return `${iif}-p ${p.proto} -m conntrack --ctorigdstport ${p.hostPort} -j DROP`;
    case 1:
      return `${iif}-p ${p.proto} -m ${p.proto} --dport ${p.hostPort} -j DROP`;
    case 2:
      return `${iif}-p ${p.proto} -m ${p.proto} --dport ${p.ctrPort} -j DROP`;
    case 3:
      return `${iif}-s ${rng.pick(SRC4)} -j ${rng.pick(['DROP', 'RETURN'])}`;
    case 4:
      return `-i eth0 ! -s ${rng.pick(['198.51.100.3', '198.51.100.0/25'])} -j DROP`;
    default:
      return `${iif}-m conntrack --ctorigdst ${rng.pick(['198.51.100.1', '203.0.113.1', '192.0.2.100'])} -j DROP`;
  }
}

function nftCond(rng: Rng, p: Published | undefined, v6: boolean): string {
  const parts: string[] = [];
  if (rng.chance(0.35)) parts.push(`iifname ${rng.chance(0.2) ? '!= ' : ''}"${rng.pick(['eth0', 'eth1'])}"`);
  if (rng.chance(0.3)) parts.push(v6 ? `ip6 saddr ${rng.pick(SRC6)}` : `ip saddr ${rng.chance(0.2) ? '!= ' : ''}${rng.pick(SRC4)}`);
  if (p) parts.push(`${p.proto} dport ${p.hostPort}`);
  return parts.join(' ');
}

function genNft(rng: Rng, ps: readonly Published[], iptBackend: boolean): AdminFile[] {
  const out: AdminFile[] = [];
  const ports = fixed(ps);
  const l: string[] = [];
  const ipFilter = iptBackend ? rng.chance(0.2) : rng.chance(0.1);
  if (ipFilter) {
    l.push('table ip filter {', '  chain INPUT {', `    type filter hook input priority filter; policy ${rng.chance(0.7) ? 'drop' : 'accept'};`, '    iifname "lo" accept', '    ct state established,related accept');
    for (const p of ports.filter(v4ish)) if (rng.chance(0.7)) l.push(`    ${nftCond(rng, p, false)} ${rng.pick(['drop', 'accept', 'counter drop'])}`);
    l.push('  }', '}');
  }
  if (!ipFilter || rng.chance(0.4)) {
    const prio = (): string => rng.pick(['filter', 'filter', '0', '-10', '10', 'filter - 5', '100']);
    l.push('table inet admin {');
    if (rng.chance(0.2) && ports.length) {
      // Before DNAT (priority below dstnat -100) the host port is seen; after it, the container port.
      const p = rng.pick(ports);
      l.push('  chain pre {', `    type filter hook prerouting priority ${rng.pick(['raw', '-150', 'dstnat + 10', 'mangle'])}; policy accept;`);
      l.push(`    ${nftCond(rng, p, false)} drop`, `    ${rng.chance(0.5) ? `iifname "${rng.pick(['eth0', 'eth1'])}" ` : ''}${p.proto} dport ${p.ctrPort} drop`, '  }');
    }
    if (rng.chance(0.9)) {
      l.push('  chain input {', `    type filter hook input priority ${prio()}; policy ${rng.chance(0.7) ? 'drop' : 'accept'};`, '    iif "lo" accept', '    ct state established,related accept', '    tcp dport 22 accept');
      for (const p of ports) {
        if (!rng.chance(0.7)) continue;
        const v6 = p.hostIp === '::';
        l.push(`    ${v6 ? 'meta nfproto ipv6 ' : ''}${nftCond(rng, p, v6)} ${rng.pick(['drop', 'drop', 'accept', 'reject'])}`);
      }
      l.push('  }');
    }
    if (rng.chance(0.6)) {
      l.push('  chain forward {', `    type filter hook forward priority ${prio()}; policy ${rng.chance(0.35) ? 'drop' : 'accept'};`);
      if (rng.chance(0.5)) l.push('    ct state established,related accept');
      for (let i = rng.int(4); i > 0; i--) l.push(`    ${forwardRule(rng, ps)}`);
      if (rng.chance(0.3)) l.push('    ct status dnat accept');
      l.push('  }');
    }
    l.push('}');
  }
  out.push({ name: 'nftables.conf', form: 'nft', text: l.join('\n') + '\n' });
  if (iptBackend && rng.chance(0.35)) {
    const du: string[] = [];
    for (let i = 1 + rng.int(2); i > 0; i--) {
      const p = rng.pick(ports.length ? ports : [{ proto: 'tcp' as const, hostPort: 8080, ctrPort: 80 }]);
      const iif = rng.chance(0.6) ? `iifname "${rng.pick(['eth0', 'eth1'])}" ` : '';
      const verb = rng.chance(0.8) ? 'insert' : 'add';
      const match = rng.pick([`meta l4proto ${p.proto} ct original proto-dst ${p.hostPort}`, `${p.proto} dport ${p.hostPort}`, `ip saddr ${rng.pick(SRC4)}`, `ct original ip daddr ${rng.pick(['198.51.100.1', '203.0.113.1'])}`]);
      du.push(`${verb} rule ip filter DOCKER-USER ${iif}${match} counter drop`);
    }
    out.push({ name: 'docker-user.nft', form: 'nft', text: du.join('\n') + '\n' });
  }
  return out;
}

function forwardRule(rng: Rng, ps: readonly Published[]): string {
  const p = rng.pick(fixed(ps).length ? fixed(ps) : [{ proto: 'tcp' as const, hostPort: 8080, ctrPort: 80 }]);
  const iif = rng.chance(0.5) ? `iifname "${rng.pick(['eth0', 'eth1'])}" ` : '';
  switch (rng.int(7)) {
    case 0:
      return `${iif}meta l4proto ${p.proto} ct original proto-dst ${p.hostPort} ${rng.pick(['drop', 'accept'])}`;
    case 1:
      return `${iif}${p.proto} dport ${p.hostPort} drop`;
    case 2:
      return `${iif}${p.proto} dport ${p.ctrPort} ${rng.pick(['drop', 'accept'])}`;
    case 3:
      return `${iif}ip saddr ${rng.pick(SRC4)} ${rng.pick(['drop', 'accept'])}`;
    case 4:
      return `oifname "${rng.pick(['docker0', 'dwfront', 'br-*'])}" ${rng.pick(['accept', 'drop'])}`;
    case 5:
      return `ct original ip daddr ${rng.pick(['198.51.100.1', '203.0.113.1', '127.0.0.1'])} ${rng.pick(['drop', 'accept'])}`;
    default:
      return `${iif}ip daddr ${rng.pick(['172.16.0.0/12', '10.77.0.0/24', '192.168.0.0/16'])} accept`;
  }
}

const DAEMONS = ['{"userland-proxy": false}', '{"ip6tables": false}', '{"ip-forward-no-drop": true}', '{"userland-proxy": false, "ip6tables": true, "experimental": true}'];

export function generatePair(seed: number, i: number): PairInput {
  const rng = new Rng((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
  const release = rng.pick(RELEASES);
  const daemon = rng.chance(0.2) ? rng.pick(DAEMONS) : undefined;
  const hostState = rng.chance(0.15) ? { ipv4ForwardingWasEnabled: true, ipv6ForwardingWasEnabled: rng.chance(0.5) } : undefined;
  const project = genCompose(rng);
  const nftBackend = release.backend === 'nftables';
  const admin = rng.chance(0.5) ? genIptables(rng, project.published, nftBackend) : genNft(rng, project.published, !nftBackend);
  const forms = [...new Set(admin.map((f) => (f.form === 'nft' ? 'nft' : 'iptables')))].join('+');
  return {
    name: `compose #${i} (Docker ${release.version}${release.backend ? ' nftables' : ''}${daemon ? ` ${daemon}` : ''}, admin ${forms})`,
    compose: project.text,
    admin,
    version: release.version,
    backend: release.backend,
    ...(daemon ? { daemon } : {}),
    ...(hostState ? { hostState } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Written by hand

const INPUT_DROP_8080 = '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n';

const INPUT_DROP_NFT = 'table inet filter {\n  chain input {\n    type filter hook input priority filter; policy drop;\n    iif "lo" accept\n    ct state established,related accept\n    tcp dport 22 accept\n  }\n}\n';
const NFT_DRIVER = '[network]\nfirewall_driver = "nftables"\n';

export const HAND_WRITTEN: readonly PairInput[] = [
  {
    name: 'hand: 8080:80 behind INPUT policy drop (the classic bypass), Docker 27',
    compose: 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n',
    admin: [{ name: 'rules.v4', form: 'iptables-nft', text: INPUT_DROP_8080 }],
    version: '27',
  },
  {
    name: 'hand: 127.0.0.1:5432 from the wire, Docker 24 (no raw drop)',
    compose: 'services:\n  db:\n    image: postgres\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    admin: [{ name: 'rules.v4', form: 'iptables-nft', text: INPUT_DROP_8080 }],
    version: '24',
  },
  {
    name: 'hand: 127.0.0.1:5432 from the wire, Docker 28.2 (raw drop)',
    compose: 'services:\n  db:\n    image: postgres\n    ports:\n      - target: 5432\n        published: "5432"\n        host_ip: 127.0.0.1\n',
    admin: [{ name: 'rules.v4', form: 'iptables-nft', text: INPUT_DROP_8080 }],
    version: '28.2',
  },
  {
    name: 'hand: DOCKER-USER --ctorigdstport on eth0 and a post-DNAT mistake, Docker 28.2.2',
    compose: 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:8080"\n      - "8081:80"\n',
    admin: [
      { name: 'rules.v4', form: 'iptables-nft', text: INPUT_DROP_8080 },
      { name: 'docker-user.rules', form: 'iptables-nft', text: '*filter\n-I DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 80 -j DROP\n-I DOCKER-USER -i eth1 -p tcp -m tcp --dport 8081 -j DROP\nCOMMIT\n' },
    ],
    version: '28.2.2',
  },
  {
    name: 'hand: DOCKER-USER -A after RETURN is dead in 28.2.1 and earlier',
    compose: 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n',
    admin: [{ name: 'docker-user.rules', form: 'iptables-nft', text: '*filter\n-A DOCKER-USER -i eth0 -j DROP\nCOMMIT\n' }],
    version: '28.2',
  },
  {
    name: 'hand: DOCKER-USER -A without RETURN applies in 28.2.2',
    compose: 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n',
    admin: [{ name: 'docker-user.rules', form: 'iptables-nft', text: '*filter\n-A DOCKER-USER -i eth0 -j DROP\nCOMMIT\n' }],
    version: '28.2.2',
  },
  {
    name: 'hand: ct original proto-dst in an inet forward chain before Docker, Docker 29 nftables',
    compose: 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n      - "9000:9000/udp"\n',
    admin: [
      {
        name: 'nftables.conf',
        form: 'nft',
        text: 'table inet admin {\n  chain input {\n    type filter hook input priority filter; policy drop;\n    iif "lo" accept\n    ct state established,related accept\n  }\n  chain forward {\n    type filter hook forward priority filter - 10; policy accept;\n    iifname "eth0" meta l4proto tcp ct original proto-dst 8080 drop\n    ip saddr 203.0.113.0/24 udp dport 9000 drop\n  }\n}\n',
      },
    ],
    version: '29',
    backend: 'nftables',
  },
  {
    name: 'hand: host address 192.0.2.100 on a named bridge, udp, Docker 28.0.1',
    compose:
      'services:\n  dns:\n    image: coredns\n    ports:\n      - "192.0.2.100:5353:53/udp"\n      - "192.0.2.100:5353:53"\n    networks: [front]\nnetworks:\n  front:\n    driver_opts:\n      com.docker.network.bridge.name: dwfront\n',
    admin: [{ name: 'rules.v4', form: 'iptables-nft', text: '*filter\n:INPUT DROP [0:0]\n-A INPUT -i eth1 -p udp -m udp --dport 5353 -j ACCEPT\nCOMMIT\n' }],
    version: '28.0.1',
  },
  {
    name: 'hand: inet forward policy drop with ct status dnat accept, Docker 29 iptables',
    compose: 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n  api:\n    image: api\n    ports:\n      - "3000:3000"\n',
    admin: [
      {
        name: 'nftables.conf',
        form: 'nft',
        text: 'table inet admin {\n  chain input {\n    type filter hook input priority filter; policy drop;\n  }\n  chain forward {\n    type filter hook forward priority filter; policy drop;\n    iifname "eth1" ct status dnat accept\n  }\n}\n',
      },
    ],
    version: '29',
  },
  {
    name: 'hand: network_mode bridge on docker0 and a user network, Docker 24 with the admin DOCKER-USER',
    compose: 'services:\n  a:\n    image: a\n    network_mode: bridge\n    ports:\n      - "8080:80"\n  b:\n    image: b\n    ports:\n      - "8081:80"\n',
    admin: [{ name: 'rules.v4', form: 'iptables-nft', text: '*filter\n:INPUT DROP [0:0]\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -s 203.0.113.0/24 -j DROP\n-A DOCKER-USER -j RETURN\nCOMMIT\n' }],
    version: '24',
  },
  {
    name: 'hand: 5432:5432 behind an nftables input policy drop, Podman with the netavark 1.16 nftables driver (DNAT bypasses input)',
    compose: 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n',
    admin: [{ name: 'nftables.conf', form: 'nft', text: INPUT_DROP_NFT }],
    version: '29',
    podman: { containersConf: NFT_DRIVER },
  },
  {
    name: 'hand: 192.0.2.100:8080:80 and 127.0.0.1:5433:5432, Podman with the netavark 1.16 nftables driver (only the bound address DNATs)',
    compose: 'services:\n  web:\n    image: nginx\n    ports:\n      - "192.0.2.100:8080:80"\n      - "127.0.0.1:5433:5432"\n',
    admin: [{ name: 'nftables.conf', form: 'nft', text: INPUT_DROP_NFT }],
    version: '29',
    podman: { containersConf: NFT_DRIVER },
  },
];

// ---------------------------------------------------------------------------------------------

const REGRESSIONS = path.join(__dirname, '..', 'regressions');

/** Saved pairs (test/kernel/regressions/*.json, each a {@link PairInput}). */
export function regressionPairs(): PairInput[] {
  let names: string[];
  try {
    names = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((f) => {
    const p = JSON.parse(readFileSync(path.join(REGRESSIONS, f), 'utf8')) as PairInput;
    return { ...p, name: `regression ${f}: ${p.name}` };
  });
}

/**
 * A port bound to one host address (`192.0.2.100:8080:80`, netavark's nftables driver) is DNATed on
 * that address only: the host's other addresses on the same port meet the admin's input drop. The
 * analysis probes only a binding's own destinations, so this scenario adds the other ones, with
 * expectations (and the simulator's verdicts, compared as for every scenario).
 */
function boundAddressOnly(languages: Languages): Scenario {
  const input = HAND_WRITTEN.find((p) => p.podman && p.compose.includes('192.0.2.100:8080:80'))!;
  const analysis = runAnalysis(input, languages);
  const ctr = analysis.docker.bindings.find((b) => b.hostPort === 8080)!.containerIp;
  return {
    name: 'hand: a port bound to 192.0.2.100 is DNATed there only, Podman with the netavark 1.16 nftables driver',
    source: 'compose',
    files: kernelFiles(input, analysis).merged,
    layout: layoutOf(analysis.docker.networks),
    probes: [
      { from: 'ext0', proto: 'tcp', daddr: '192.0.2.100', dport: 8080 },
      { from: 'ext0', proto: 'tcp', daddr: '198.51.100.1', dport: 8080 },
      { from: 'ext1', proto: 'tcp', daddr: '203.0.113.1', dport: 8080 },
      { from: 'ext1', proto: 'tcp', daddr: '192.0.2.100', dport: 8080 },
    ],
    expect: [{ at: 'ctr', daddr: ctr, dport: 80 }, { at: 'nowhere' }, { at: 'nowhere' }, { at: 'ctr', daddr: ctr, dport: 80 }],
  };
}

export interface ComposeSource {
  readonly scenarios: Scenario[];
  readonly pairs: number;
  readonly classes: number;
  readonly bypass: number;
}

export async function composeScenarios(seed: number, count: number): Promise<ComposeSource> {
  const languages = await kernelLanguages();
  const out: Scenario[] = [];
  let pairs = 0;
  let classes = 0;
  let bypass = 0;
  const take = (input: PairInput, source: string): void => {
    const r = pairScenarios(input, languages, source);
    pairs++;
    classes += r.classes;
    bypass += r.bypass;
    out.push(...r.scenarios);
  };
  for (const p of HAND_WRITTEN) take(p, 'compose');
  out.push(boundAddressOnly(languages));
  for (const p of regressionPairs()) take(p, 'regression');
  for (let i = 0; i < count; i++) take(generatePair(seed, i), 'compose');
  return { scenarios: out, pairs, classes, bypass };
}
