/**
 * The rules rootful Podman's netavark 1.4 writes with its iptables driver, replayed per network and
 * per container as netavark sets them up (checked rule by rule against real dumps by
 * test/realpodman):
 *
 *   filter FORWARD      -I 1: -m comment --comment "netavark firewall plugin rules" -j NETAVARK_FORWARD
 *   NETAVARK_FORWARD    per network: -d SUBNET ctstate RELATED,ESTABLISHED ACCEPT; -s SUBNET ACCEPT
 *   nat PREROUTING      -A: -m addrtype --dst-type LOCAL -j NETAVARK-HOSTPORT-DNAT (OUTPUT the same)
 *   nat POSTROUTING     -I 1: -j NETAVARK-HOSTPORT-MASQ; per network -A: -s SUBNET -j NETAVARK-<hash>
 *   NETAVARK-<hash>     -d SUBNET ACCEPT; ! -d 224.0.0.0/4 MASQUERADE
 *   NETAVARK-HOSTPORT-DNAT   per port: -p P --dport HP (comment "dnat name: NET id: ID") -j NETAVARK-DN-<hash>
 *   NETAVARK-DN-<hash>  per port: -s SUBNET ... SETMARK; -s 127.0.0.1/32 ... SETMARK; ... DNAT to C:CP
 *                       (each with -d HOSTIP/32 when the port is bound to one address)
 *   NETAVARK-HOSTPORT-SETMARK  -j MARK --set-xmark 0x2000/0x2000
 *   NETAVARK-HOSTPORT-MASQ     mark 0x2000/0x2000 MASQUERADE
 *
 * `<hash>` is the first 13 hex digits (upper case) of the SHA-512 of the network's name. The FORWARD
 * policy is left as it is (netavark never sets it). Pure, never throws.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { IptChain, IptRule, IptSpec, IptTable, ResolvedBinding, RuleProvenance } from '../docker/model';
import type { ResolvedNetwork } from '../docker/ipam';
import { sha512Hex } from './sha512';

export const NETAVARK_RELEASE = '1.4';

export function netavarkChainHash(network: string): string {
  return sha512Hex(network).slice(0, 13).toUpperCase();
}

function where(b: ResolvedBinding): string {
  return b.source ? `${b.source.file}:${b.source.line} \`${b.source.text}\`` : `${b.container} ${b.hostIp}:${b.hostPort}->${b.containerPort}/${b.proto}`;
}

export function provNetavark(label: string, purpose: string, net?: ResolvedNetwork, b?: ResolvedBinding): RuleProvenance {
  if (b)
    return { origin: 'port', network: b.network, bridge: b.bridge, container: b.container, service: b.service, source: b.source, purpose, text: `added by ${label} for ${where(b)} (${purpose})` };
  if (net) return { origin: 'network', network: net.name, bridge: net.bridge, source: net.provenance, purpose, text: `added by ${label} for network ${net.name} (bridge ${net.bridge}): ${purpose}` };
  return { origin: 'daemon', purpose, text: `added by ${label} at its first network setup: ${purpose}` };
}

class Chains {
  private readonly chains = new Map<string, { name: string; builtin: boolean; rules: IptRule[] }>();
  constructor(private readonly builtins: readonly string[]) {}
  chain(name: string): { name: string; builtin: boolean; rules: IptRule[] } {
    let c = this.chains.get(name);
    if (!c) this.chains.set(name, (c = { name, builtin: this.builtins.includes(name), rules: [] }));
    return c;
  }
  add(chain: string, args: string, spec: IptSpec, provenance: RuleProvenance, insert = false): void {
    const rule: IptRule = { spec, text: `-A ${chain} ${args}`, provenance, ...(insert ? { insert: true } : {}) };
    const c = this.chain(chain);
    if (insert) c.rules.unshift(rule);
    else c.rules.push(rule);
  }
  tables(family: 'ipv4', name: 'nat' | 'filter'): IptTable {
    const chains: IptChain[] = [...this.chains.values()].map((c) => ({
      name: c.name,
      builtin: c.builtin,
      ...(c.builtin ? { policy: 'ACCEPT' as const } : {}),
      rules: c.rules,
      restart: c.builtin ? 'shared' : 'rebuilt',
    }));
    return { family, name, chains };
  }
}

export interface NetavarkInput {
  readonly label: string;
  readonly networks: readonly ResolvedNetwork[];
  /** The bindings of each container in setup order (a container sets up its networks, then its ports). */
  readonly bindings: readonly ResolvedBinding[];
  /** The container IDs netavark's DNAT comments name (placeholders when unknown). */
  readonly containerIds?: ReadonlyMap<string, string>;
}

/** netavark 1.4's iptables rules (IPv4; IPv6 networks are announced, not modelled). */
export function synthNetavarkIptables(input: NetavarkInput, diagnostics: CoreDiagnostic[]): IptTable[] {
  const label = input.label;
  const filter = new Chains(['INPUT', 'FORWARD', 'OUTPUT']);
  const nat = new Chains(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
  const setUp = new Set<string>();
  let portsSetUp = false;
  // Networks are set up in the order their first container starts; networks without containers have no rules.
  const containersInOrder: string[] = [];
  const netsOf = new Map<string, ResolvedNetwork[]>();
  for (const n of input.networks) {
    for (const ep of [...n.endpoints].sort((a, b) => a.order - b.order)) {
      if (!netsOf.has(ep.container)) containersInOrder.push(ep.container);
      netsOf.set(ep.container, [...(netsOf.get(ep.container) ?? []), n]);
    }
  }
  const order = new Map<string, number>();
  for (const n of input.networks) for (const ep of n.endpoints) order.set(ep.container, Math.min(order.get(ep.container) ?? Infinity, ep.order));
  containersInOrder.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));

  for (const container of containersInOrder) {
    for (const net of netsOf.get(container) ?? []) {
      if (setUp.has(net.name) || !net.v4) continue;
      setUp.add(net.name);
      const sub = net.v4.cidr;
      const hash = netavarkChainHash(net.name);
      const why = (p: string) => provNetavark(label, p, net);
      if (filter.chain('FORWARD').rules.length === 0)
        filter.add('FORWARD', '-m comment --comment "netavark firewall plugin rules" -j NETAVARK_FORWARD', { j: 'NETAVARK_FORWARD' }, provNetavark(label, 'FORWARD jump to NETAVARK_FORWARD'), true);
      filter.add('NETAVARK_FORWARD', `-d ${sub} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`, { d: sub, ctstate: 'RELATED,ESTABLISHED', j: 'ACCEPT' }, why('replies to the network'));
      filter.add('NETAVARK_FORWARD', `-s ${sub} -j ACCEPT`, { s: sub, j: 'ACCEPT' }, why('traffic from the network'));
      nat.add('POSTROUTING', `-s ${sub} -j NETAVARK-${hash}`, { s: sub, j: `NETAVARK-${hash}` }, why('masquerade jump'));
      nat.add(`NETAVARK-${hash}`, `-d ${sub} -j ACCEPT`, { d: sub, j: 'ACCEPT' }, why('no masquerade inside the network'));
      nat.add(`NETAVARK-${hash}`, `! -d 224.0.0.0/4 -j MASQUERADE`, { d: '224.0.0.0/4', notD: true, j: 'MASQUERADE' }, why('masquerade'));
    }
    const mine = input.bindings.filter((b) => b.container === container && b.path === 'dnat' && b.hostPort > 0 && !b.hostIp.includes(':'));
    if (!mine.length) continue;
    if (!portsSetUp) {
      portsSetUp = true;
      const p = (what: string) => provNetavark(label, what);
      nat.chain('NETAVARK-HOSTPORT-SETMARK');
      nat.chain('NETAVARK-HOSTPORT-MASQ');
      nat.chain('NETAVARK-HOSTPORT-DNAT');
      nat.add('PREROUTING', '-m addrtype --dst-type LOCAL -j NETAVARK-HOSTPORT-DNAT', { addrtype: { dst: 'LOCAL' }, j: 'NETAVARK-HOSTPORT-DNAT' }, p('published ports (from outside)'));
      nat.add('OUTPUT', '-m addrtype --dst-type LOCAL -j NETAVARK-HOSTPORT-DNAT', { addrtype: { dst: 'LOCAL' }, j: 'NETAVARK-HOSTPORT-DNAT' }, p('published ports (from the host)'));
      nat.add('POSTROUTING', '-j NETAVARK-HOSTPORT-MASQ', { j: 'NETAVARK-HOSTPORT-MASQ' }, p('masquerade of marked port-forwarded traffic'), true);
      nat.add('NETAVARK-HOSTPORT-SETMARK', '-j MARK --set-xmark 0x2000/0x2000', { j: 'MARK', jargs: ['--set-xmark', '0x2000/0x2000'] }, p('mark hairpin and localhost port-forwarded traffic'));
      nat.add('NETAVARK-HOSTPORT-MASQ', '-m comment --comment "netavark portfw masq mark" -m mark --mark 0x2000/0x2000 -j MASQUERADE', { mark: '0x2000/0x2000', j: 'MASQUERADE' }, p('masquerade marked traffic'));
    }
    // The ports are set up on the container's first network.
    const net = input.networks.find((n) => n.name === mine[0].network);
    if (!net?.v4) continue;
    const sub = net.v4.cidr;
    const dn = `NETAVARK-DN-${netavarkChainHash(net.name)}`;
    const id = input.containerIds?.get(container) ?? container;
    for (const b of mine) {
      const pm = `-p ${b.proto} -m ${b.proto} --dport ${b.hostPort}`;
      const d = b.hostIp && b.hostIp !== '0.0.0.0' ? `-d ${b.hostIp}/32 ` : '';
      const dSpec = d ? { d: `${b.hostIp}/32` } : {};
      const ps = { p: b.proto, dport: b.hostPort };
      nat.add('NETAVARK-HOSTPORT-DNAT', `${pm} -m comment --comment "dnat name: ${net.name} id: ${id}" -j ${dn}`, { ...ps, j: dn }, provNetavark(label, 'per-port jump', net, b));
      nat.add(dn, `-s ${sub} ${d}${pm} -j NETAVARK-HOSTPORT-SETMARK`, { s: sub, ...dSpec, ...ps, j: 'NETAVARK-HOSTPORT-SETMARK' }, provNetavark(label, 'hairpin mark', net, b));
      nat.add(dn, `-s 127.0.0.1/32 ${d}${pm} -j NETAVARK-HOSTPORT-SETMARK`, { s: '127.0.0.1/32', ...dSpec, ...ps, j: 'NETAVARK-HOSTPORT-SETMARK' }, provNetavark(label, 'localhost mark', net, b));
      nat.add(dn, `${d}${pm} -j DNAT --to-destination ${b.containerIp}:${b.containerPort}`, { ...dSpec, ...ps, j: 'DNAT', jargs: ['--to-destination', `${b.containerIp}:${b.containerPort}`] }, provNetavark(label, 'per-port DNAT', net, b));
    }
  }
  const tables: IptTable[] = [];
  const n = nat.tables('ipv4', 'nat');
  const f = filter.tables('ipv4', 'filter');
  if (n.chains.length) tables.push(n);
  if (f.chains.length) tables.push(f);
  return tables;
}
