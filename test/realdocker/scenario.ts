/**
 * Scenarios of the real-Docker suite: one host (Docker release, iptables backend, daemon.json, the
 * admin's firewall files loaded before dockerd) and one compose project. A scenario is plain JSON
 * (regressions/*.json hold one each) and says what to probe: every host port it publishes (and the
 * container ports of `expose` and host-network services), per protocol.
 *
 * `generate(seed, count)` draws scenarios from a seeded generator covering the compose port forms,
 * the firewalls admins write (nftables input allow-lists and drops, forward-hook chains,
 * iptables-save INPUT rules, DOCKER-USER rules), daemon.json options, IPv4 and IPv6, each release
 * and iptables backend. `ufw` scenarios hold the ufw commands an admin runs (and after.rules
 * additions); the runner sets them up with the real ufw (ufw.ts) and Dockwall reads ufw's files.
 */
import { Rand } from '../../bench/gen';

export type Release = '20.10' | '26' | '28';
export type IptablesBackend = 'nft' | 'legacy';
export type FirewallKind = 'none' | 'nft-input' | 'nft-forward' | 'ipt-input' | 'docker-user' | 'nft-input+docker-user' | 'ufw';

/** The Docker release line Dockwall simulates for each real release (the exact Debian version). */
export const DOCKWALL_VERSION: Readonly<Record<Release, string>> = { '20.10': '20.10.24', '26': '26.1.5', '28': '28.5.2' };

export interface AdminFile {
  /** File name in the project folder (Dockwall discovers it by name; the harness loads it by content). */
  readonly name: string;
  readonly text: string;
}

/** A port to probe on the host: the host port a compose item publishes, or a port a service listens on. */
export interface Target {
  readonly proto: 'tcp' | 'udp';
  readonly port: number;
  /** Which item it comes from, for reports (`8080:80`, `expose 7000`, `host network 7001`). */
  readonly what: string;
  /** The container port behind a published host port. */
  readonly containerPort?: number;
  /** The host address the item binds explicitly (probed from both clients). */
  readonly bound?: string;
  /** The item names no host address: Docker's default binding (daemon.json `ip`) applies. */
  readonly implicit?: boolean;
}

export interface Scenario {
  readonly name: string;
  readonly release: Release;
  readonly iptables: IptablesBackend;
  readonly firewall: FirewallKind;
  /** daemon.json (omitted: Docker's defaults). */
  readonly daemon?: Record<string, unknown>;
  /** compose.yaml. `LISTEN46` stands for the path of the suite's responder on the machine. */
  readonly compose: string;
  /** The admin's firewall, in load order (all loaded before dockerd, as at boot). */
  readonly files: readonly AdminFile[];
  readonly targets: readonly Target[];
  /** Host addresses some item binds to explicitly (probed from both clients). */
  readonly boundAddresses: readonly string[];
  /** Probe IPv6 too (at each interface's v6 address, and v6 bound addresses). */
  readonly v6: boolean;
  /** What the generator chose, in words (for the report). */
  readonly features: readonly string[];
  /** A ufw host: set up with the real ufw before the scenario runs (ufw.ts); `files` is then empty. */
  readonly ufw?: UfwSetup;
}

/** A ufw host as an admin sets it up: Debian's package files, then commands, then `ufw enable`. */
export interface UfwSetup {
  /** IPV6= of /etc/default/ufw (the package's file otherwise). */
  readonly ipv6: boolean;
  /** ufw commands (without `ufw`), run in order before `ufw --force enable`. */
  readonly commands: readonly string[];
  /** Text appended to after.rules (the ufw-docker block, a DOCKER-USER hook). */
  readonly afterAdd?: string;
}

// ---- seeded randomness: the benchmarks' generator (mulberry32), with weighted choice
export class Rng extends Rand {
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    let r = this.next() * xs.reduce((s, x) => s + x[1], 0);
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1][0];
  }
}

export const H4 = { eth0: '203.0.113.1', eth1: '198.51.100.1' } as const;
export const H6 = { eth0: '2001:db8:1::1', eth1: '2001:db8:2::1' } as const;
export const C4 = { eth0: '203.0.113.2', eth1: '198.51.100.2' } as const;
export const C6 = { eth0: '2001:db8:1::2', eth1: '2001:db8:2::2' } as const;

/** The host of the harness as Dockwall reads it (host.json). */
export function hostJson(v6Forwarding: boolean): string {
  return (
    JSON.stringify(
      {
        interfaces: {
          lo: { addresses: ['127.0.0.1/8', '::1/128'] },
          eth0: { addresses: [`${H4.eth0}/24`, `${H6.eth0}/64`] },
          eth1: { addresses: [`${H4.eth1}/24`, `${H6.eth1}/64`] },
        },
        routes: [
          { to: 'default', via: C4.eth0, dev: 'eth0' },
          { to: '::/0', via: C6.eth0, dev: 'eth0' },
        ],
        forwarding: { v4: true, v6: v6Forwarding },
      },
      null,
      2,
    ) + '\n'
  );
}

// ---- the generator

interface Item {
  /** YAML of the item (a flow scalar or a flow mapping). */
  readonly yaml: string;
  readonly targets: Target[];
  readonly container: { port: number; proto: 'tcp' | 'udp' }[];
  readonly bound?: string;
  readonly v6: boolean;
  readonly form: string;
}

interface Ctx {
  readonly rng: Rng;
  readonly release: Release;
  nextPort: number;
  nextTarget: number;
  readonly v6net: boolean;
}

function portItem(ctx: Ctx): Item {
  const r = ctx.rng;
  const hp = (ctx.nextPort += r.int(1, 3));
  const cp = 80 + (ctx.nextTarget++ % 20);
  const udp = r.chance(0.2);
  const proto: 'tcp' | 'udp' = udp ? 'udp' : 'tcp';
  const sfx = udp ? '/udp' : '';
  const t = (port: number, what: string, containerPort = cp): Target => ({ proto, port, what, containerPort });
  const c = [{ port: cp, proto }];
  const form = r.weighted<string>([
    ['plain', 5],
    ['addr-eth0', 2],
    ['addr-eth1', 2],
    ['loopback', 2],
    ['range', 1],
    ['long', 2],
    ['v6-any', ctx.release === '20.10' ? 1 : 2],
    ['v6-addr', ctx.release === '20.10' ? 0 : 1],
    ['v4-any', 1],
  ]);
  switch (form) {
    case 'plain':
      return { yaml: `"${hp}:${cp}${sfx}"`, targets: [t(hp, `${hp}:${cp}${sfx}`)], container: c, v6: true, form };
    case 'addr-eth0':
    case 'addr-eth1': {
      const a = form === 'addr-eth0' ? H4.eth0 : H4.eth1;
      return { yaml: `"${a}:${hp}:${cp}${sfx}"`, targets: [t(hp, `${a}:${hp}:${cp}${sfx}`)], container: c, bound: a, v6: false, form };
    }
    case 'loopback':
      return { yaml: `"127.0.0.1:${hp}:${cp}${sfx}"`, targets: [t(hp, `127.0.0.1:${hp}:${cp}${sfx}`)], container: c, v6: false, form };
    case 'range': {
      ctx.nextPort += 3;
      ctx.nextTarget += 3;
      const cps = [cp + 40, cp + 41, cp + 42];
      return {
        yaml: `"${hp}-${hp + 2}:${cps[0]}-${cps[2]}${sfx}"`,
        targets: [0, 1, 2].map((i) => t(hp + i, `${hp}-${hp + 2}:${cps[0]}-${cps[2]}${sfx}`, cps[i])),
        container: cps.map((port) => ({ port, proto })),
        v6: true,
        form,
      };
    }
    case 'long': {
      const hostIp = r.pick(['', H4.eth0, H4.eth1, '0.0.0.0', '127.0.0.1']);
      const fields = [`target: ${cp}`, `published: "${hp}"`, ...(hostIp ? [`host_ip: ${hostIp}`] : []), ...(udp || r.chance(0.3) ? [`protocol: ${proto}`] : [])];
      return {
        yaml: `{ ${fields.join(', ')} }`,
        targets: [t(hp, `long ${hostIp || '*'}:${hp}:${cp}/${proto}`)],
        container: c,
        ...(hostIp === H4.eth0 || hostIp === H4.eth1 ? { bound: hostIp } : {}),
        v6: hostIp === '',
        form: `long-${hostIp === '' ? 'any' : hostIp === '0.0.0.0' ? 'v4-any' : hostIp === '127.0.0.1' ? 'loopback' : 'addr'}`,
      };
    }
    case 'v6-any':
      return { yaml: `"[::]:${hp}:${cp}${sfx}"`, targets: [t(hp, `[::]:${hp}:${cp}${sfx}`)], container: c, v6: true, form };
    case 'v6-addr': {
      if (r.chance(0.5)) return { yaml: `"[${H6.eth0}]:${hp}:${cp}${sfx}"`, targets: [t(hp, `[${H6.eth0}]:${hp}:${cp}${sfx}`)], container: c, bound: H6.eth0, v6: true, form };
      return { yaml: `{ target: ${cp}, published: "${hp}", host_ip: "${H6.eth1}", protocol: ${proto} }`, targets: [t(hp, `long [${H6.eth1}]:${hp}:${cp}/${proto}`)], container: c, bound: H6.eth1, v6: true, form: 'v6-addr-long' };
    }
    default:
      return { yaml: `"0.0.0.0:${hp}:${cp}${sfx}"`, targets: [t(hp, `0.0.0.0:${hp}:${cp}${sfx}`)], container: c, v6: false, form };
  }
}

interface Service {
  readonly yaml: string;
  readonly targets: Target[];
  readonly bound: string[];
  readonly v6: boolean;
  readonly forms: string[];
}

const LISTEN = ['    image: dwbox', '    pull_policy: never', '    entrypoint: ["/dw/listen46"]', '    volumes: ["LISTEN46:/dw/listen46:ro"]'];

function service(ctx: Ctx, name: string): Service {
  const r = ctx.rng;
  const kind = r.weighted<string>([
    ['ports', 8],
    ['expose', 1],
    ['host', 1],
  ]);
  if (kind === 'expose') {
    const p = 7000 + ctx.nextTarget++;
    return {
      yaml: [`  ${name}:`, ...LISTEN, `    command: ["${p}/tcp"]`, `    environment: { DWNAME: ${name} }`, `    expose: ["${p}"]`].join('\n'),
      targets: [{ proto: 'tcp', port: p, what: `expose ${p}` }],
      bound: [],
      v6: true,
      forms: ['expose'],
    };
  }
  if (kind === 'host') {
    const p = 7500 + ctx.nextTarget++;
    const udp = r.chance(0.25);
    const proto = udp ? 'udp' : 'tcp';
    return {
      yaml: [`  ${name}:`, ...LISTEN, `    network_mode: host`, `    command: ["${p}/${proto}"]`, `    environment: { DWNAME: ${name} }`, `    ports: ["${p}:${p}${udp ? '/udp' : ''}"]`].join('\n'),
      targets: [{ proto, port: p, what: `host network ${p}/${proto}` }],
      bound: [],
      v6: true,
      forms: ['network_mode-host'],
    };
  }
  const implicitForms = new Set(['plain', 'range', 'long-any']);
  const items = Array.from({ length: r.int(1, 3) }, () => portItem(ctx)).map((i) => ({
    ...i,
    targets: i.targets.map((t) => (i.bound ? { ...t, bound: i.bound } : implicitForms.has(i.form) ? { ...t, implicit: true } : t)),
  }));
  const specs = [...new Set(items.flatMap((i) => i.container.map((c) => `${c.port}/${c.proto}`)))];
  return {
    yaml: [
      `  ${name}:`,
      ...LISTEN,
      `    command: [${specs.map((s) => `"${s}"`).join(', ')}]`,
      `    environment: { DWNAME: ${name} }`,
      `    ports:`,
      ...items.map((i) => `      - ${i.yaml}`),
    ].join('\n'),
    targets: items.flatMap((i) => i.targets),
    bound: items.flatMap((i) => (i.bound ? [i.bound] : [])),
    v6: items.some((i) => i.v6),
    forms: items.map((i) => i.form),
  };
}

// ---- admin firewalls

const NFT_ND = 'icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert, echo-request } accept';

function nftInput(rng: Rng, targets: readonly Target[], features: string[]): string {
  const someTarget = (): Target => rng.pick(targets);
  const mode = rng.pick(['allow-list', 'drop-ports', 'allow-source', 'allow-iface']);
  features.push(`nft input ${mode}`);
  const rules: string[] = [];
  let policy = 'drop';
  const established = !rng.chance(0.1);
  if (!established) features.push('no established rule');
  if (mode === 'drop-ports') {
    policy = 'accept';
    for (const t of new Set([someTarget(), someTarget()])) rules.push(`${t.proto} dport ${t.port} drop`);
  } else {
    rules.push('iif "lo" accept');
    if (established) rules.push('ct state established,related accept');
    rules.push(NFT_ND);
    rules.push('tcp dport 22 accept');
    if (mode === 'allow-list') {
      const open = new Set([someTarget()]);
      for (const t of open) rules.push(`${t.proto} dport ${t.port} accept`);
    } else if (mode === 'allow-source') rules.push('ip saddr 198.51.100.0/24 accept', 'ip6 saddr 2001:db8:2::/64 accept');
    else rules.push('iifname "eth1" accept');
  }
  return ['#!/usr/sbin/nft -f', 'table inet filter {', '  chain input {', `    type filter hook input priority 0; policy ${policy};`, ...rules.map((x) => `    ${x}`), '  }', '}', ''].join('\n');
}

function nftForward(rng: Rng, targets: readonly Target[], containerPortOf: (t: Target) => number, features: string[]): string {
  const t = rng.pick(targets);
  const mode = rng.pick(['drop-container-port', 'drop-ct-original', 'policy-drop-allow-eth1', 'drop-host-port']);
  features.push(`nft forward ${mode}`);
  let policy = 'accept';
  const rules: string[] = [];
  if (mode === 'drop-container-port') rules.push(`iifname "eth0" ${t.proto} dport ${containerPortOf(t)} ct state new drop`);
  else if (mode === 'drop-ct-original') rules.push(`iifname "eth0" meta l4proto ${t.proto} ct original proto-dst ${t.port} drop`);
  else if (mode === 'drop-host-port') rules.push(`${t.proto} dport ${t.port} drop`);
  else {
    policy = 'drop';
    rules.push('ct state established,related accept', 'iifname "eth1" accept', 'oifname "eth0" accept', 'oifname "eth1" accept');
  }
  return ['#!/usr/sbin/nft -f', 'table inet filter {', '  chain forward {', `    type filter hook forward priority 0; policy ${policy};`, ...rules.map((x) => `    ${x}`), '  }', '}', ''].join('\n');
}

function iptHeader(backend: IptablesBackend, v6: boolean): string {
  return `# Generated by ip${v6 ? '6' : ''}tables-save v1.8.9${backend === 'nft' ? ' (nf_tables)' : ''} on Thu Jan  1 00:00:00 2026`;
}

function iptInput(rng: Rng, backend: IptablesBackend, targets: readonly Target[], features: string[]): AdminFile[] {
  const t = rng.pick(targets);
  const mode = rng.pick(['allow-list', 'drop-port', 'allow-source']);
  features.push(`iptables INPUT ${mode}`);
  const v4: string[] = [];
  let policy = 'DROP';
  if (mode === 'drop-port') {
    policy = 'ACCEPT';
    v4.push(`-A INPUT -p ${t.proto} -m ${t.proto} --dport ${t.port} -j DROP`);
  } else {
    v4.push('-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT');
    if (mode === 'allow-list') v4.push(`-A INPUT -p ${t.proto} -m ${t.proto} --dport ${t.port} -j ACCEPT`);
    else v4.push('-A INPUT -s 198.51.100.0/24 -j ACCEPT');
  }
  const v6 = policy === 'DROP' ? ['-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A INPUT -p ipv6-icmp -j ACCEPT', '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT'] : [];
  if (mode === 'allow-list' && policy === 'DROP') v6.push(`-A INPUT -p ${t.proto} -m ${t.proto} --dport ${t.port} -j ACCEPT`);
  if (mode === 'allow-source') v6.push('-A INPUT -s 2001:db8:2::/64 -j ACCEPT');
  const file = (six: boolean, rules: string[], pol: string): string =>
    [iptHeader(backend, six), '*filter', `:INPUT ${pol} [0:0]`, ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ...rules, 'COMMIT', '# Completed', ''].join('\n');
  const out: AdminFile[] = [{ name: 'rules.v4', text: file(false, v4, policy) }];
  if (rng.chance(0.7)) out.push({ name: 'rules.v6', text: file(true, v6, policy) });
  else features.push('no ip6tables rules');
  return out;
}

function dockerUser(rng: Rng, backend: IptablesBackend, targets: readonly Target[], containerPortOf: (t: Target) => number, features: string[]): AdminFile {
  const t = rng.pick(targets);
  const p = `-p ${t.proto}`;
  const mode = rng.pick(['iface-origdst', 'iface-origdst-new', 'source-origdst', 'except-source-origdst', 'except-source-ctdir', 'established-return-iface', 'container-port', 'host-port', 'drop-eth0-new']);
  features.push(`DOCKER-USER ${mode}`);
  const rules: string[] = [];
  switch (mode) {
    case 'iface-origdst':
      rules.push(`-A DOCKER-USER -i eth0 ${p} -m conntrack --ctorigdstport ${t.port} -j DROP`);
      break;
    case 'iface-origdst-new':
      rules.push(`-A DOCKER-USER -i eth0 ${p} -m conntrack --ctorigdstport ${t.port} --ctstate NEW -j DROP`);
      break;
    case 'source-origdst':
      rules.push(`-A DOCKER-USER -s 203.0.113.0/24 ${p} -m conntrack --ctorigdstport ${t.port} -j DROP`);
      break;
    case 'except-source-origdst':
      rules.push(`-A DOCKER-USER ! -s 198.51.100.0/24 ${p} -m conntrack --ctorigdstport ${t.port} -j DROP`);
      break;
    case 'except-source-ctdir':
      rules.push(`-A DOCKER-USER ! -s 198.51.100.0/24 ${p} -m conntrack --ctorigdstport ${t.port} --ctdir ORIGINAL -j DROP`);
      break;
    case 'established-return-iface':
      rules.push('-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN', '-A DOCKER-USER -i eth0 -j DROP');
      break;
    case 'container-port':
      rules.push(`-A DOCKER-USER -i eth0 ${p} -m ${t.proto} --dport ${containerPortOf(t)} -j DROP`);
      break;
    case 'host-port':
      rules.push(`-A DOCKER-USER -i eth0 ${p} -m ${t.proto} --dport ${t.port} -j DROP`);
      break;
    default:
      rules.push('-A DOCKER-USER -i eth0 -m conntrack --ctstate NEW -j DROP');
  }
  if (rng.chance(0.5)) rules.push('-A DOCKER-USER -j RETURN');
  return { name: 'docker-user.rules', text: [iptHeader(backend, false), '*filter', ':DOCKER-USER - [0:0]', ...rules, 'COMMIT', '# Completed', ''].join('\n') };
}

/** The ufw-docker recipe's DOCKER-USER block for after.rules (private sources pass, new connections to private destinations go to a logging drop). */
function ufwDockerBlock(): string {
  const privates = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
  return [
    '',
    '# BEGIN UFW AND DOCKER',
    '*filter',
    ':ufw-user-forward - [0:0]',
    ':ufw-docker-logging-deny - [0:0]',
    ':DOCKER-USER - [0:0]',
    '-A DOCKER-USER -j ufw-user-forward',
    ...privates.map((n) => `-A DOCKER-USER -j RETURN -s ${n}`),
    '-A DOCKER-USER -p udp -m udp --sport 53 --dport 1024:65535 -j RETURN',
    ...privates.map((n) => `-A DOCKER-USER -j ufw-docker-logging-deny -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -d ${n}`),
    ...privates.map((n) => `-A DOCKER-USER -j ufw-docker-logging-deny -p udp -m udp --dport 0:32767 -d ${n}`),
    '-A DOCKER-USER -j RETURN',
    '-A ufw-docker-logging-deny -m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix "[UFW DOCKER BLOCK] "',
    '-A ufw-docker-logging-deny -j DROP',
    'COMMIT',
    '# END UFW AND DOCKER',
    '',
  ].join('\n');
}

/** DOCKER-USER sent through ufw's route rules, nothing else (what Dockwall's DW001 fix writes). */
const UFW_ROUTE_HOOK = ['', '*filter', ':ufw-user-forward - [0:0]', ':DOCKER-USER - [0:0]', '-A DOCKER-USER -j ufw-user-forward', 'COMMIT', ''].join('\n');

function ufwSetup(rng: Rng, targets: readonly Target[], containerPortOf: (t: Target) => number, features: string[]): UfwSetup {
  const ipv6 = rng.chance(0.7);
  const commands = ['default deny incoming', 'allow 22/tcp'];
  const extra = rng.int(1, 3);
  for (let i = 0; i < extra; i++) {
    const t = rng.pick(targets);
    const kind = rng.pick(['deny', 'deny-proto', 'allow', 'allow-source', 'deny-iface', 'route-deny-container', 'route-deny-host', 'route-allow-container']);
    switch (kind) {
      case 'deny':
        commands.push(`deny ${t.port}`);
        break;
      case 'deny-proto':
        commands.push(`deny ${t.port}/${t.proto}`);
        break;
      case 'allow':
        commands.push(`allow ${t.port}/${t.proto}`);
        break;
      case 'allow-source':
        commands.push(`allow from 198.51.100.0/24 to any port ${t.port}`);
        break;
      case 'deny-iface':
        commands.push(`deny in on eth0 to any port ${t.port} proto ${t.proto}`);
        break;
      case 'route-deny-container':
        commands.push(`route deny proto ${t.proto} from any to any port ${containerPortOf(t)}`);
        break;
      case 'route-deny-host':
        commands.push(`route deny proto ${t.proto} from any to any port ${t.port}`);
        break;
      default:
        commands.push(`route allow proto ${t.proto} from any to any port ${containerPortOf(t)}`);
    }
  }
  const after = rng.weighted<string>([
    ['none', 2],
    ['ufw-docker', 2],
    ['route-hook', 1],
  ]);
  features.push(`ufw IPV6=${ipv6 ? 'yes' : 'no'}: ${commands.slice(2).map((c) => `ufw ${c}`).join('; ')}${after === 'none' ? '' : `; after.rules ${after}`}`);
  return { ipv6, commands, ...(after === 'ufw-docker' ? { afterAdd: ufwDockerBlock() } : after === 'route-hook' ? { afterAdd: UFW_ROUTE_HOOK } : {}) };
}

function daemonJson(rng: Rng, release: Release, v6net: boolean, features: string[]): Record<string, unknown> | undefined {
  const d: Record<string, unknown> = {};
  if (rng.chance(0.25)) d['userland-proxy'] = false;
  if (rng.chance(0.1)) d.ip = rng.pick([H4.eth0, H4.eth1]);
  if (rng.chance(0.05)) d.iptables = false;
  if (v6net && release !== '28' && rng.chance(0.6)) {
    d.experimental = true;
    d.ip6tables = true;
  } else if (release === '28' && rng.chance(0.1)) d.ip6tables = false;
  if (rng.chance(0.1)) {
    d.ipv6 = true;
    d['fixed-cidr-v6'] = 'fd00:dead:beef::/64';
    if (release !== '28') {
      d.experimental = true;
      d.ip6tables = true;
    }
  }
  // dockerd refuses ip6tables without iptables ("cannot create new chains, EnableIPTable is disabled").
  if (d.iptables === false) delete d.ip6tables;
  for (const [k, v] of Object.entries(d)) features.push(`daemon ${k}=${JSON.stringify(v)}`);
  return Object.keys(d).length ? d : undefined;
}

export interface GenerateOptions {
  readonly releases?: readonly Release[];
  readonly backends?: readonly IptablesBackend[];
}

/** One scenario per index, reproducible from (seed, index). */
export function generateOne(seed: number, index: number, opts: GenerateOptions = {}): Scenario {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const release = rng.pick(opts.releases ?? (['20.10', '26', '28'] as const));
  const iptables = rng.pick(opts.backends ?? (['nft', 'legacy'] as const));
  const firewall = rng.weighted<FirewallKind>([
    ['none', 1],
    ['nft-input', 4],
    ['nft-forward', 2],
    ['ipt-input', 3],
    ['docker-user', 4],
    ['nft-input+docker-user', 2],
    ['ufw', 4],
  ]);
  const v6net = rng.chance(0.35);
  const ctx: Ctx = { rng, release, nextPort: 8000, nextTarget: 0, v6net };
  const features: string[] = [];
  const services = Array.from({ length: rng.int(1, 3) }, (_, i) => service(ctx, `s${i + 1}`));
  const targets = services.flatMap((s) => s.targets);
  const published = targets.filter((t) => !/^(expose|host network)/.test(t.what));
  const pickable = published.length ? published : targets;
  const containerPortOf = (t: Target): number => t.containerPort ?? t.port;
  const files: AdminFile[] = [];
  if (firewall === 'nft-input' || firewall === 'nft-input+docker-user') files.push({ name: 'nftables.conf', text: nftInput(rng, pickable, features) });
  if (firewall === 'nft-forward') files.push({ name: 'nftables.conf', text: nftForward(rng, pickable, containerPortOf, features) });
  if (firewall === 'ipt-input') files.push(...iptInput(rng, iptables, pickable, features));
  if (firewall === 'docker-user' || firewall === 'nft-input+docker-user') files.push(dockerUser(rng, iptables, pickable, containerPortOf, features));
  const ufw = firewall === 'ufw' ? ufwSetup(rng, pickable, containerPortOf, features) : undefined;
  const daemon = daemonJson(rng, release, v6net, features);
  const name = `g${seed}-${index}`;
  const networks = v6net ? ['networks:', '  default:', '    enable_ipv6: true', '    ipam:', '      config:', `        - subnet: "fd00:${(index % 250) + 1}::/64"`] : [];
  if (v6net) features.push('enable_ipv6 network');
  const compose = [`name: ${name.replace(/[^a-z0-9-]/g, '')}`, 'services:', ...services.map((s) => s.yaml), ...networks, ''].join('\n');
  for (const s of services) features.push(...s.forms.map((f) => `port ${f}`));
  return {
    name,
    release,
    iptables,
    firewall,
    ...(daemon ? { daemon } : {}),
    compose,
    files,
    targets,
    boundAddresses: [...new Set(services.flatMap((s) => s.bound))],
    v6: services.some((s) => s.v6) || v6net,
    features,
    ...(ufw ? { ufw } : {}),
  };
}

export function generate(seed: number, count: number, opts: GenerateOptions = {}): Scenario[] {
  return Array.from({ length: count }, (_, i) => generateOne(seed, i, opts));
}
