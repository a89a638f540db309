/**
 * The test network: three namespaces joined by veth pairs, created with unique names per run and
 * deleted on exit, on a signal and after failures.
 *
 *   ext  ext0 198.51.100.2 (+ .3) 2001:db8:1::2 (+ ::3)  ==  host eth0 198.51.100.1/24 + 192.0.2.100/32,
 *                                                                 2001:db8:1::1/64 + 2001:db8:1::100/128
 *        ext1 203.0.113.2    2001:db8:2::2             ==  host eth1 203.0.113.1/24, 2001:db8:2::1/64
 *   host bridge docker0 172.17.0.1/16 fd00:17::1/64 (port veth0)  ==  ctr eth0 172.17.0.2/16 fd00:17::2/64
 *
 * In ext, policy routing sends each source address out of its own interface, so the source chosen
 * for a probe decides the host's ingress interface. The host's default routes (v4 and v6) go to ext0
 * (198.51.100.2, 2001:db8:1::2), so replies to any source get back to ext. The host forwards (v4 and v6), rp_filter is off
 * everywhere, DAD is off (addresses are usable at once).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { HarnessError, must, run, runSync } from './exec';
import type { BridgeLayout } from './scenario';

export const ADDR = {
  ext0: ['198.51.100.2', '198.51.100.3'],
  ext1: ['203.0.113.2'],
  ext0v6: ['2001:db8:1::2', '2001:db8:1::3'],
  ext1v6: ['2001:db8:2::2'],
  hostEth0: '198.51.100.1',
  hostExtra: '192.0.2.100',
  hostEth1: '203.0.113.1',
  hostDocker0: '172.17.0.1',
  hostEth0v6: '2001:db8:1::1',
  hostExtraV6: '2001:db8:1::100',
  hostEth1v6: '2001:db8:2::1',
  hostDocker0v6: 'fd00:17::1',
  ctr: '172.17.0.2',
  ctrV6: 'fd00:17::2',
} as const;

/** Fixed link-layer addresses, so that neighbour entries can be static. */
const MAC = {
  ext0: '02:64:77:00:01:01',
  hostEth0: '02:64:77:00:01:02',
  ext1: '02:64:77:00:02:01',
  hostEth1: '02:64:77:00:02:02',
  hostVeth0: '02:64:77:00:03:01',
  ctr: '02:64:77:00:03:02',
  docker0: '02:64:77:00:03:03',
} as const;

/** The host namespace's default routes (both through ext0), for the host models. */
export const HOST_ROUTES: readonly { to: string; via: string; dev: string }[] = [
  { to: 'default', via: ADDR.ext0[0], dev: 'eth0' },
  { to: 'default', via: ADDR.ext0v6[0], dev: 'eth0' },
];

/** Interfaces and addresses of the host namespace, for the simulator's host model. */
export const HOST_INTERFACES: readonly { name: string; addrs: readonly string[] }[] = [
  { name: 'lo', addrs: ['127.0.0.1/8', '::1/128'] },
  { name: 'eth0', addrs: ['198.51.100.1/24', '192.0.2.100/32', '2001:db8:1::1/64', '2001:db8:1::100/128'] },
  { name: 'eth1', addrs: ['203.0.113.1/24', '2001:db8:2::1/64'] },
  { name: 'docker0', addrs: ['172.17.0.1/16', 'fd00:17::1/64'] },
];

/** The Docker side of the topology when a scenario does not give one (see {@link Topology.configure}). */
export const DEFAULT_LAYOUT: readonly BridgeLayout[] = [
  { name: 'docker0', addrs: ['172.17.0.1/16', 'fd00:17::1/64'], endpoints: ['172.17.0.2/16', 'fd00:17::2/64'] },
];

const SRC_PREF = 10;
const LOCAL_PREF = 100;

export type NsRole = 'ext' | 'host' | 'ctr';
const ROLES: readonly NsRole[] = ['ext', 'host', 'ctr'];

const AGENT = path.join(__dirname, 'agent.py');
/** The system interpreter when present (a version manager's shim would cost a shell per start). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** One line of agent output. */
export interface AgentEvent {
  readonly ev: string;
  readonly [k: string]: unknown;
}

/** A long-lived probe agent (agent.py) inside one namespace. */
export class Agent {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly listeners = new Set<(e: AgentEvent) => void>();
  private stderr = '';
  exited = false;

  constructor(readonly ns: string, readonly role: NsRole) {
    this.child = spawn('ip', ['netns', 'exec', ns, PYTHON, '-u', AGENT], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.child.on('exit', () => {
      this.exited = true;
      for (const l of [...this.listeners]) l({ ev: 'exit' });
    });
    this.child.stdin.on('error', () => undefined);
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      let e: AgentEvent;
      try {
        e = JSON.parse(line) as AgentEvent;
      } catch {
        return;
      }
      for (const l of [...this.listeners]) l(e);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  on(listener: (e: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(msg: object): void {
    if (this.exited) throw new HarnessError(`probe agent in ${this.ns} has exited: ${this.stderr.trim()}`);
    this.child.stdin.write(JSON.stringify(msg) + '\n');
  }

  /** Sends `msg` and resolves with the first event accepted by `match` (rejects after `ms`). */
  request(msg: object, match: (e: AgentEvent) => boolean, ms = 5000): Promise<AgentEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new HarnessError(`probe agent in ${this.ns} did not answer ${JSON.stringify(msg)} ${this.stderr.trim()}`));
      }, ms);
      const off = this.on((e) => {
        if (e.ev === 'exit') {
          clearTimeout(timer);
          off();
          reject(new HarnessError(`probe agent in ${this.ns} exited: ${this.stderr.trim()}`));
          return;
        }
        if (!match(e)) return;
        clearTimeout(timer);
        off();
        resolve(e);
      });
      this.send(msg);
    });
  }

  kill(): void {
    if (!this.exited && this.child.pid !== undefined) {
      try {
        process.kill(this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

const live = new Set<Topology>();
let handlersInstalled = false;

function installCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const t of [...live]) t.destroySync();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      for (const t of [...live]) t.destroySync();
      process.exit(130);
    });
  }
}

export class Topology {
  readonly ns: Record<NsRole, string>;
  readonly agents = new Map<NsRole, Agent>();
  private created: string[] = [];
  /** The layout now in place (JSON) and the links it added besides docker0. */
  private layoutKey = JSON.stringify(DEFAULT_LAYOUT);
  private extraLinks: string[] = [];
  /** Source addresses present in `ext`, by interface. */
  private readonly sources = new Map<string, 'ext0' | 'ext1'>();

  constructor(readonly id: string) {
    this.ns = { ext: `${id}-ext`, host: `${id}-host`, ctr: `${id}-ctr` };
  }

  /** Builds the namespaces, links, addresses and routes, and starts one agent per namespace. */
  async up(): Promise<void> {
    installCleanup();
    live.add(this);
    for (const role of ROLES) {
      await must(['ip', 'netns', 'add', this.ns[role]]);
      this.created.push(this.ns[role]);
      // Before any interface exists, so that the per-interface copies inherit these.
      await must(
        [
          'sysctl', '-qw',
          'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0',
          'net.ipv6.conf.all.disable_ipv6=0', 'net.ipv6.conf.default.disable_ipv6=0',
          'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0',
        ],
        { ns: this.ns[role] },
      );
    }
    const { ext, host, ctr } = this.ns;
    const veth = (a: string, aNs: string, aMac: string, b: string, bNs: string, bMac: string): Promise<unknown> =>
      must(['ip', 'link', 'add', a, 'address', aMac, 'netns', aNs, 'type', 'veth', 'peer', 'name', b, 'address', bMac, 'netns', bNs]);
    await veth('ext0', ext, MAC.ext0, 'eth0', host, MAC.hostEth0);
    await veth('ext1', ext, MAC.ext1, 'eth1', host, MAC.hostEth1);
    await veth('veth0', host, MAC.hostVeth0, 'eth0', ctr, MAC.ctr);
    await batch(host, [
      `link add docker0 address ${MAC.docker0} type bridge`,
      'link set veth0 master docker0',
      'addr add 198.51.100.1/24 dev eth0',
      'addr add 192.0.2.100/32 dev eth0',
      'addr add 203.0.113.1/24 dev eth1',
      'addr add 172.17.0.1/16 dev docker0',
      'addr add 2001:db8:1::1/64 dev eth0 nodad',
      'addr add 2001:db8:1::100/128 dev eth0 nodad',
      'addr add 2001:db8:2::1/64 dev eth1 nodad',
      'addr add fd00:17::1/64 dev docker0 nodad',
      ...['lo', 'eth0', 'eth1', 'veth0', 'docker0'].map((l) => `link set ${l} up`),
    ]);
    await batch(ext, [
      ...ADDR.ext0.map((a) => `addr add ${a}/24 dev ext0`),
      ...ADDR.ext1.map((a) => `addr add ${a}/24 dev ext1`),
      ...ADDR.ext0v6.map((a) => `addr add ${a}/64 dev ext0 nodad`),
      ...ADDR.ext1v6.map((a) => `addr add ${a}/64 dev ext1 nodad`),
      ...['lo', 'ext0', 'ext1'].map((l) => `link set ${l} up`),
      ...ADDR.ext0.map((a) => `rule add pref ${SRC_PREF} from ${a} table 100`),
      ...ADDR.ext1.map((a) => `rule add pref ${SRC_PREF} from ${a} table 101`),
      'route add 0.0.0.0/0 via 198.51.100.1 dev ext0 table 100',
      'route add 0.0.0.0/0 via 203.0.113.1 dev ext1 table 101',
      // The source rules come before the local table, so that a probe to 127.0.0.1 leaves on the
      // wire (the host then sees a packet for its loopback address arrive on eth0 / eth1).
      `rule add pref ${LOCAL_PREF} table local`,
      'rule del pref 0',
    ]);
    await batch(ext, [
      ...ADDR.ext0v6.map((a) => `rule add pref ${SRC_PREF} from ${a} table 100`),
      ...ADDR.ext1v6.map((a) => `rule add pref ${SRC_PREF} from ${a} table 101`),
      'route add ::/0 via 2001:db8:1::1 dev ext0 table 100',
      'route add ::/0 via 2001:db8:2::1 dev ext1 table 101',
    ], ['-6']);
    await batch(ctr, [
      'addr add 172.17.0.2/16 dev eth0',
      'addr add fd00:17::2/64 dev eth0 nodad',
      'link set lo up',
      'link set eth0 up',
      'route add 0.0.0.0/0 via 172.17.0.1',
    ]);
    await batch(ctr, ['route add ::/0 via fd00:17::1'], ['-6']);
    // Default routes through the client on eth0, so that the replies to any source address (the
    // analysis's classes use sources outside the client's subnets) have a way back.
    await batch(host, [`route add default via ${ADDR.ext0[0]} dev eth0`]);
    await batch(host, [`route add default via ${ADDR.ext0v6[0]} dev eth0`], ['-6']);
    await must(['sysctl', '-qw', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1'], { ns: host });
    // The client accepts replies from 127.0.0.1 (the reverse DNAT of a probe to the host's
    // 127.0.0.1 makes the host send them from there): the tests judge whether the host sends a
    // reply back, not whether a default client would take it as a martian source.
    await must(['sysctl', '-qw', 'net.ipv4.conf.all.route_localnet=1'], { ns: ext });
    // Permanent neighbour entries: IPv6 neighbour discovery is ICMPv6 and passes the host's INPUT
    // and OUTPUT hooks, so a ruleset under test could otherwise break address resolution (and
    // leave FAILED entries behind for the next scenario) instead of deciding the probe itself.
    const neigh = (addr: string, mac: string, dev: string): string => `neigh replace ${addr} lladdr ${mac} dev ${dev} nud permanent`;
    await batch(ext, [
      ...[ADDR.hostEth0, ADDR.hostEth0v6].map((a) => neigh(a, MAC.hostEth0, 'ext0')),
      ...[ADDR.hostEth1, ADDR.hostEth1v6].map((a) => neigh(a, MAC.hostEth1, 'ext1')),
    ]);
    await batch(host, [
      ...[...ADDR.ext0, ...ADDR.ext0v6].map((a) => neigh(a, MAC.ext0, 'eth0')),
      ...[...ADDR.ext1, ...ADDR.ext1v6].map((a) => neigh(a, MAC.ext1, 'eth1')),
      ...[ADDR.ctr, ADDR.ctrV6].map((a) => neigh(a, MAC.ctr, 'docker0')),
    ]);
    await batch(ctr, [ADDR.hostDocker0, ADDR.hostDocker0v6].map((a) => neigh(a, MAC.docker0, 'eth0')));
    for (const role of ROLES) {
      const a = new Agent(this.ns[role], role);
      this.agents.set(role, a);
      await a.request({ cmd: 'ping' }, (e) => e.ev === 'pong', 10000);
    }
  }

  /**
   * Puts the Docker side of the host in the shape of `layout`: docker0 gets the layout's addresses
   * (and the container's first interface those of docker0's endpoints); every other bridge is created
   * with its addresses and a veth into the container namespace holding its endpoints' addresses.
   * Neighbour entries are static both ways. Bridges of the previous layout are removed. The container
   * namespace's default route goes through the first bridge with an IPv4 endpoint.
   */
  async configure(layout: readonly BridgeLayout[] = DEFAULT_LAYOUT): Promise<void> {
    const key = JSON.stringify(layout);
    if (key === this.layoutKey) return;
    const { host, ctr } = this.ns;
    // Deleting a veth end deletes its peer in the container namespace too.
    if (this.extraLinks.length) await batch(host, this.extraLinks.map((l) => `link del ${l}`));
    this.extraLinks = [];
    this.layoutKey = '';
    const hostCmds: string[] = ['addr flush dev docker0'];
    const ctrCmds: string[] = ['addr flush dev eth0'];
    const v6 = (a: string): boolean => a.includes(':');
    const bare = (a: string): string => a.split('/')[0];
    const addr = (a: string, dev: string): string => `addr add ${a} dev ${dev}${v6(a) ? ' nodad' : ''}`;
    const neigh = (a: string, mac: string, dev: string): string => `neigh replace ${bare(a)} lladdr ${mac} dev ${dev} nud permanent`;
    const routes: string[] = [];
    let k = 0;
    for (const b of layout) {
      let dev = 'eth0';
      let ctrMac: string = MAC.ctr;
      let brMac: string = MAC.docker0;
      if (b.name !== 'docker0') {
        k++;
        const hex = k.toString(16).padStart(2, '0');
        brMac = `02:64:77:10:${hex}:01`;
        ctrMac = `02:64:77:10:${hex}:03`;
        dev = `dwc${k}`;
        const hostEnd = `dwh${k}`;
        await must(['ip', 'link', 'add', hostEnd, 'address', `02:64:77:10:${hex}:02`, 'netns', host, 'type', 'veth', 'peer', 'name', dev, 'address', ctrMac, 'netns', ctr]);
        this.extraLinks.push(hostEnd);
        hostCmds.push(`link add ${b.name} address ${brMac} type bridge`, `link set ${hostEnd} master ${b.name}`, `link set ${hostEnd} up`, `link set ${b.name} up`);
        this.extraLinks.push(b.name);
        ctrCmds.push(`link set ${dev} up`);
      }
      hostCmds.push(...b.addrs.map((a) => addr(a, b.name)), ...b.endpoints.map((a) => neigh(a, ctrMac, b.name)));
      ctrCmds.push(...b.endpoints.map((a) => addr(a, dev)), ...b.addrs.map((a) => neigh(a, brMac, dev)));
      for (const fam of [false, true]) {
        const gw = b.addrs.find((a) => v6(a) === fam);
        if (gw && b.endpoints.some((a) => v6(a) === fam) && !routes.some((r) => r.includes(':') === fam)) routes.push(`route replace ${fam ? '::/0' : '0.0.0.0/0'} via ${bare(gw)} dev ${dev}`);
      }
    }
    await batch(host, hostCmds);
    await batch(ctr, [...ctrCmds, ...routes.filter((r) => !r.includes('::/0'))]);
    const routes6 = routes.filter((r) => r.includes('::/0'));
    if (routes6.length) await batch(ctr, routes6, ['-6']);
    this.layoutKey = key;
  }

  /** Makes each source address exist in `ext` on the given interface (policy routing by source). */
  async ensureSources(wanted: readonly { iface: 'ext0' | 'ext1'; addr: string }[]): Promise<void> {
    if (!this.sources.size) {
      for (const a of [...ADDR.ext0, ...ADDR.ext0v6]) this.sources.set(a, 'ext0');
      for (const a of [...ADDR.ext1, ...ADDR.ext1v6]) this.sources.set(a, 'ext1');
    }
    const cmds: Record<4 | 6, string[]> = { 4: [], 6: [] };
    for (const { iface, addr } of wanted) {
      const had = this.sources.get(addr);
      if (had === iface) continue;
      const v6 = addr.includes(':');
      const list = cmds[v6 ? 6 : 4];
      const len = v6 ? '/128' : '/32';
      const table = (i: string): number => (i === 'ext0' ? 100 : 101);
      if (had) list.push(`addr del ${addr}${len} dev ${had}`, `rule del pref ${SRC_PREF} from ${addr} table ${table(had)}`);
      list.push(`addr add ${addr}${len} dev ${iface}${v6 ? ' nodad' : ''}`, `rule add pref ${SRC_PREF} from ${addr} table ${table(iface)}`);
      this.sources.set(addr, iface);
    }
    if (cmds[4].length) await batch(this.ns.ext, cmds[4]);
    if (cmds[6].length) await batch(this.ns.ext, cmds[6], ['-6']);
  }

  agent(role: NsRole): Agent {
    const a = this.agents.get(role);
    if (!a) throw new HarnessError(`no agent for ${role}`);
    return a;
  }

  async down(): Promise<void> {
    for (const a of this.agents.values()) a.kill();
    this.agents.clear();
    for (const n of this.created) await run(['ip', 'netns', 'del', n]);
    this.created = [];
    live.delete(this);
  }

  destroySync(): void {
    for (const a of this.agents.values()) a.kill();
    this.agents.clear();
    for (const n of this.created) runSync(['ip', 'netns', 'del', n]);
    this.created = [];
    live.delete(this);
  }
}

async function batch(ns: string, lines: readonly string[], opts: readonly string[] = []): Promise<void> {
  await must(['ip', ...opts, '-n', ns, '-batch', '-'], { input: lines.join('\n') + '\n' });
}

/** Whether namespaces can be created here (root, netns support). Returns a reason when not. */
export async function netnsUnavailable(id: string): Promise<string | undefined> {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not running as root';
  for (const tool of [['ip', '-V'], ['nft', '--version'], ['conntrack', '--version'], ['iptables-nft-restore', '--version'], ['python3', '--version']]) {
    const r = await run(tool);
    if (r.code !== 0) return `${tool[0]} is not installed (run scripts/kernel-deps.sh)`;
  }
  const name = `${id}-probe`;
  const r = await run(['ip', 'netns', 'add', name]);
  if (r.code !== 0) return `\`ip netns add\` failed: ${r.stderr.trim()}`;
  await run(['ip', 'netns', 'del', name]);
  return undefined;
}

/** Whether iptables-legacy works on this kernel (tried in a scratch namespace). */
export async function legacyUnavailable(id: string): Promise<string | undefined> {
  const name = `${id}-legacy`;
  const add = await run(['ip', 'netns', 'add', name]);
  if (add.code !== 0) return add.stderr.trim();
  try {
    for (const tool of ['iptables-legacy', 'ip6tables-legacy']) {
      const r = await run([tool, '-w', '5', '-t', 'nat', '-L', '-n'], { ns: name });
      if (r.code !== 0) return `${tool}: ${r.stderr.trim() || 'failed'}`;
    }
    return undefined;
  } finally {
    await run(['ip', 'netns', 'del', name]);
  }
}
