/**
 * The rules rootful Podman's netavark writes with its nftables firewall driver
 * (`firewall_driver = "nftables"`, netavark 1.16: src/firewall/nft.rs, Cargo version 1.16.0), as
 * `nft list table inet netavark` shows them. One table, `inet netavark`, created with five base
 * chains (policy accept) and five regular chains at the first network setup:
 *
 *   INPUT        filter input priority filter:  per subnet `ip saddr S meta l4proto { tcp, udp } th dport 53 accept`
 *   FORWARD      filter forward priority filter: `ct state invalid drop`, `jump NETAVARK-ISOLATION-1`,
 *                per subnet `ip daddr S ct state established,related accept`, `ip saddr S accept`
 *   POSTROUTING  nat postrouting priority srcnat: `meta mark & 0x00002000 == 0x00002000 masquerade`,
 *                per subnet `ip saddr S jump nv_<id8>_<subnet>`
 *   PREROUTING, OUTPUT  nat priority dstnat: `fib daddr type local jump NETAVARK-HOSTPORT-DNAT`
 *   NETAVARK-HOSTPORT-DNAT     per port `[ip daddr H] P dport HP jump nv_<id8>_<subnet>_dnat`
 *   NETAVARK-HOSTPORT-SETMARK  `meta mark set meta mark | 0x00002000`
 *   NETAVARK-ISOLATION-1/2/3   isolation (a network without `isolate`: `oifname "BR" drop` inserted at
 *                              the top of ISOLATION-3, which ends with `jump NETAVARK-ISOLATION-2`)
 *   nv_<id8>_<subnet>          `ip daddr S accept`, `ip daddr != 224.0.0.0/4 masquerade`
 *   nv_<id8>_<subnet>_dnat     per port: subnet and 127.0.0.1 sources to SETMARK, then
 *                              `[ip daddr H] P dport HP dnat ip to C:CP`
 *
 * Internal networks get no rules. `<id8>` is the first 8 characters of the network's ID, `<subnet>` the subnet with `.` → `_` and
 * `/` → `_nm`. Chains are listed in creation order. Every rule is added once (netavark looks for
 * it before adding). DNS forwarding to aardvark-dns on another port than 53 is not modelled (podman
 * uses 53). Pure, never throws.
 */
import type { ResolvedNetwork } from '../docker/ipam';
import type { NftBaseChain, NftRule, NftTable, ResolvedBinding } from '../docker/model';
import { provNetavark } from './netavark';
import { sha512Hex } from './sha512';

/** The netavark release whose nftables driver is modelled. */
export const NETAVARK_NFT_RELEASE = '1.16';

/** The ID podman gives its default network `podman` (the same on every host). */
export const PODMAN_DEFAULT_NETWORK_ID = '2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9';

/** A network's ID: podman's fixed one for `podman`, otherwise a stand-in (podman draws new networks' IDs at random). */
export function netavarkNetworkId(name: string, given?: ReadonlyMap<string, string>): string {
  return given?.get(name) ?? (name === 'podman' ? PODMAN_DEFAULT_NETWORK_ID : sha512Hex(name).slice(0, 64));
}

/** `nv_<first 8 of the ID>_<subnet>` (`_dnat` for the port chain), as netavark names them. */
export function netavarkNftChain(networkId: string, subnet: string, dnat = false): string {
  const clean = subnet.replace(/\./g, '_').replace(/:/g, '-').replace(/\//g, '_nm');
  return `nv_${networkId.slice(0, 8)}_${clean}${dnat ? '_dnat' : ''}`;
}

export interface NetavarkNftInput {
  readonly label: string;
  readonly networks: readonly ResolvedNetwork[];
  readonly bindings: readonly ResolvedBinding[];
  /** Network IDs by name (stand-ins when unknown; they only name chains). */
  readonly networkIds?: ReadonlyMap<string, string>;
  /** Networks created with `isolate` (`true` or `strict`). */
  readonly isolate?: ReadonlyMap<string, 'normal' | 'strict'>;
}

interface Chain {
  name: string;
  base?: NftBaseChain;
  rules: NftRule[];
}

/** netavark's `inet netavark` table for the project's IPv4 networks and published ports. */
export function synthNetavarkNft(input: NetavarkNftInput): NftTable[] {
  const { label } = input;
  const chains: Chain[] = [];
  const chain = (name: string, base?: NftBaseChain): Chain => {
    let c = chains.find((x) => x.name === name);
    if (!c) chains.push((c = { name, base, rules: [] }));
    return c;
  };
  const has = (c: string, text: string) => chain(c).rules.some((r) => r.text === text);
  const add = (c: string, text: string, purpose: string, net?: ResolvedNetwork, b?: ResolvedBinding, top = false): void => {
    if (has(c, text)) return;
    const rule = { text, provenance: provNetavark(label, purpose, net, b) };
    if (top) chain(c).rules.unshift(rule);
    else chain(c).rules.push(rule);
  };

  // Networks are set up in the order their first container starts, each container's ports after its networks.
  const eps = input.networks.flatMap((n) => n.endpoints.map((e) => ({ n, e })));
  const containers = [...new Map([...eps].sort((a, b) => a.e.order - b.e.order).map((x) => [x.e.container, x.e.order])).keys()];
  const seen = new Set<string>();
  for (const container of containers) {
    const mine = eps.filter((x) => x.e.container === container);
    for (const { n: net } of mine) {
      // An internal network gets no rules at all (netavark's "internal network" test: the table is unchanged).
      if (!net.v4 || net.internal || seen.has(net.name)) continue;
      seen.add(net.name);
      setUpNetwork(net);
    }
    const ports = input.bindings.filter((b) => b.container === container && b.path === 'dnat' && b.hostPort > 0 && !b.hostIp.includes(':'));
    if (ports.length) setUpPorts(ports);
  }
  if (!chains.length) return [];
  return [{ family: 'inet', name: 'netavark', maps: [], chains: chains.map((c) => ({ name: c.name, base: c.base, rules: c.rules, restart: c.base ? 'shared' : 'rebuilt' })) }];

  function setUpNetwork(net: ResolvedNetwork): void {
    const sub = net.v4!.cidr;
    chain('INPUT', { type: 'filter', hook: 'input', priority: 'filter', policy: 'accept' });
    chain('FORWARD', { type: 'filter', hook: 'forward', priority: 'filter', policy: 'accept' });
    chain('POSTROUTING', { type: 'nat', hook: 'postrouting', priority: 'srcnat', policy: 'accept' });
    chain('PREROUTING', { type: 'nat', hook: 'prerouting', priority: 'dstnat', policy: 'accept' });
    chain('OUTPUT', { type: 'nat', hook: 'output', priority: 'dstnat', policy: 'accept' });
    for (const c of ['NETAVARK-HOSTPORT-DNAT', 'NETAVARK-HOSTPORT-SETMARK', 'NETAVARK-ISOLATION-1', 'NETAVARK-ISOLATION-2', 'NETAVARK-ISOLATION-3']) chain(c);
    add('POSTROUTING', 'meta mark & 0x00002000 == 0x00002000 masquerade', 'masquerade marked (hairpin and localhost) port-forwarded traffic');
    add('NETAVARK-HOSTPORT-SETMARK', 'meta mark set meta mark | 0x00002000', 'mark hairpin and localhost port-forwarded traffic');
    add('PREROUTING', 'fib daddr type local jump NETAVARK-HOSTPORT-DNAT', 'published ports (from outside)');
    add('OUTPUT', 'fib daddr type local jump NETAVARK-HOSTPORT-DNAT', 'published ports (from the host)');
    add('FORWARD', 'ct state invalid drop', 'drop invalid forwarded packets');
    add('FORWARD', 'jump NETAVARK-ISOLATION-1', 'network isolation');
    const bridge = `"${net.bridge}"`;
    const iso = input.isolate?.get(net.name);
    if (iso) {
      add('NETAVARK-ISOLATION-1', `iifname ${bridge} oifname != ${bridge} jump NETAVARK-ISOLATION-${iso === 'strict' ? 3 : 2}`, 'isolated network: leaving packets', net);
      add('NETAVARK-ISOLATION-2', `oifname ${bridge} drop`, 'isolated network: packets from other isolated networks', net);
    } else {
      add('NETAVARK-ISOLATION-3', `oifname ${bridge} drop`, 'packets from strictly isolated networks', net, undefined, true);
    }
    add('NETAVARK-ISOLATION-3', 'jump NETAVARK-ISOLATION-2', 'isolation');
    const nv = netavarkNftChain(netavarkNetworkId(net.name, input.networkIds), sub);
    if (chains.some((c) => c.name === nv)) return;
    chain(nv);
    add(nv, `ip daddr ${sub} accept`, 'no masquerade inside the network', net);
    add(nv, 'ip daddr != 224.0.0.0/4 masquerade', 'masquerade', net);
    add('INPUT', `ip saddr ${sub} meta l4proto { tcp, udp } th dport 53 accept`, 'DNS from the network to the host', net);
    add('FORWARD', `ip daddr ${sub} ct state established,related accept`, 'replies to the network', net);
    add('FORWARD', `ip saddr ${sub} accept`, 'traffic from the network', net);
    add('POSTROUTING', `ip saddr ${sub} jump ${nv}`, 'masquerade jump', net);
  }

  function setUpPorts(ports: readonly ResolvedBinding[]): void {
    // Podman sets a container's ports up on its first network.
    const net = input.networks.find((n) => n.name === ports[0].network);
    if (!net?.v4) return;
    const sub = net.v4.cidr;
    const dn = netavarkNftChain(netavarkNetworkId(net.name, input.networkIds), sub, true);
    chain(dn);
    for (const b of ports) {
      const d = b.hostIp && b.hostIp !== '0.0.0.0' ? `ip daddr ${b.hostIp} ` : '';
      const dport = `${b.proto} dport ${b.hostPort}`;
      add('NETAVARK-HOSTPORT-DNAT', `${d}${dport} jump ${dn}`, 'per-port jump', net, b);
      add(dn, `ip saddr ${sub} ${d}${dport} jump NETAVARK-HOSTPORT-SETMARK`, 'hairpin mark', net, b);
      add(dn, `ip saddr 127.0.0.1 ${d}${dport} jump NETAVARK-HOSTPORT-SETMARK`, 'localhost mark', net, b);
      add(dn, `${d}${dport} dnat ip to ${b.containerIp}:${b.containerPort}`, 'per-port DNAT', net, b);
    }
  }
}
