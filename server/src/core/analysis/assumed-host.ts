/**
 * The host a check runs on when no host description is given. Verdicts depend on the host's
 * interfaces and addresses (which interface a packet comes in by, which addresses are local), so
 * instead of one invented `eth0`, the host is built from what the inputs say:
 * - the external interfaces the admin's rules name (`iifname "wg0"`, `-i eth1`), in the order
 *   they first appear (the bridges of local containers and VMs, veths, `lo` and wildcards left out); `eth0` when none is
 *   named, and `eth0` first when every one named is a tunnel (`tailscale0`, `wg0`, `tun0`, ...): a
 *   tunnel runs over an uplink, which rules written for the tunnel alone do not name;
 * - one documentation address per interface (198.51.100.1/24, 203.0.113.1/24, 192.0.2.1/24, then
 *   10.255.N.1/24; IPv6 2001:db8:N::1/64), since no ruleset says which addresses the host has;
 * - every specific host address a compose port is bound to (`203.0.113.7:8080:80`), on the first
 *   interface, since Docker could not bind it otherwise;
 * - a default route through the first interface, forwarding on.
 * The analysis announces the result (`describeAssumedHost`), so a verdict never rests on a host the
 * user did not see.
 */
import type { ComposeProject } from '../compose';
import { type IpAddress, formatIp, parseIp } from '../net/ip';
import { type Host, type HostInterface, addressType, defaultHost } from '../netfilter/host';
import type { Fragment, Rule } from '../netfilter/model';

/** Loopback, and the bridges and veths of local containers and VMs (Docker, Podman, libvirt, Incus / LXD / LXC, Kubernetes CNIs). */
const NOT_EXTERNAL = /^(lo|docker\d*|br-[0-9a-f]+|veth.*|virbr\d+.*|cni\d+|flannel\..*|cali.*|podman\d+|kube-.*|incusbr\d*|lxdbr\d*|lxcbr\d*|cilium_.*|weave|nodelocaldns)$/;

/** Tunnels and overlays (WireGuard, Tailscale, OpenVPN, ZeroTier, Nebula, NetBird, IPsec, GRE, VXLAN): never a host's only uplink. */
const TUNNEL = /^(wg.*|tailscale.*|ts\d+|tun\d*|tap\d*|zt.*|nebula.*|wt\d+|ipsec.*|vti.*|xfrm.*|gre.*|ip6gre.*|ip6tnl.*|sit\d+|vxlan.*|geneve.*|ppp\d+)$/;

const V4 = ['198.51.100', '203.0.113', '192.0.2'];

function v4Of(k: number): string {
  return k < V4.length ? `${V4[k]}.1` : `10.255.${k - V4.length}.1`;
}

function v6Of(k: number): string {
  return k === 0 ? '2001:db8::1' : `2001:db8:${k.toString(16)}::1`;
}

/** Interface names the admin's rules match on, in first-seen order. */
export function namedInterfaces(fragments: readonly Fragment[]): string[] {
  const seen = new Set<string>();
  for (const f of fragments) for (const name of namedIn(f)) seen.add(name);
  return [...seen];
}

/** Per fragment object: the language server keeps an unchanged file's fragment across analyses. */
const namedMemo = new WeakMap<Fragment, readonly string[]>();
function namedIn(f: Fragment): readonly string[] {
  let names = namedMemo.get(f);
  if (!names) namedMemo.set(f, (names = namedInNow(f)));
  return names;
}

function namedInNow(f: Fragment): string[] {
  const seen = new Set<string>();
  for (const op of f.ops) {
    // Docker's rules (in a live dump) name only Docker's bridges.
    if (op.op !== 'addRule' || op.rule.origin) continue;
    for (const name of namedByRule(op.rule)) seen.add(name);
  }
  return [...seen];
}

/**
 * Per rule object: the language server's rule memos give the rules an edit did not touch to the
 * next lowering as the same objects, so a ruleset edit reads only the rules it changed.
 */
const ruleNames = new WeakMap<Rule, readonly string[]>();
const NONE: readonly string[] = [];
function namedByRule(rule: Rule): readonly string[] {
  let names = ruleNames.get(rule);
  if (names) return names;
  let found: string[] | undefined;
  for (const s of rule.statements) {
    if (s.kind !== 'match' || s.left.kind !== 'field' || !/^meta\.(iif|oif)(name)?$/.test(s.left.field)) continue;
    const values = s.right.kind === 'set' ? s.right.elements : [s.right];
    for (const v of values) if (v.kind === 'ifname' && !v.wildcard && !NOT_EXTERNAL.test(v.name)) (found ??= []).push(v.name);
  }
  ruleNames.set(rule, (names = found ?? NONE));
  return names;
}

export interface AssumedHost {
  readonly host: Host;
  /** Interfaces named by the rules (the rest of the host is assumed). */
  readonly named: readonly string[];
  /** The uplink added before them when every one named is a tunnel. */
  readonly uplink?: string;
  /** Compose host addresses added to the first interface. */
  readonly bound: readonly string[];
}

export function assumeHost(fragments: readonly Fragment[], project: ComposeProject): AssumedHost {
  const named = namedInterfaces(fragments);
  // (no tunnel is named eth0)
  const uplink = named.length && named.every((n) => TUNNEL.test(n)) ? 'eth0' : undefined;
  const names = !named.length ? ['eth0'] : uplink ? [uplink, ...named] : named;
  const base = defaultHost();
  const interfaces: HostInterface[] = [base.interfaces[0]];
  names.forEach((name, k) =>
    interfaces.push({
      name,
      addresses: [
        { addr: parseIp(v4Of(k))!, prefixLen: 24 },
        { addr: parseIp(v6Of(k))!, prefixLen: 64 },
      ],
      bridge: false,
    }),
  );
  let host: Host = {
    interfaces,
    routes: [
      { to: { v: 4, lo: 0n, hi: (1n << 32n) - 1n }, via: parseIp(`${v4Of(0).replace(/\.1$/, '.254')}`)!, dev: names[0] },
      { to: { v: 6, lo: 0n, hi: (1n << 128n) - 1n }, via: parseIp(v6Of(0).replace(/::1$/, '::fffe'))!, dev: names[0] },
    ],
    forwarding: base.forwarding,
  };
  const bound: string[] = [];
  for (const svc of project.services.values())
    for (const p of svc.ports) {
      const a: IpAddress | undefined = p.hostIp ? parseIp(p.hostIp.replace(/^\[|\]$/g, '')) : undefined;
      if (!a || a.n === 0n || addressType(host, a) === 'local') continue;
      if (a.v === 4 && a.n >> 24n === 127n) continue;
      if (a.v === 6 && a.n === 1n) continue;
      const first = host.interfaces[1];
      host = { ...host, interfaces: [host.interfaces[0], { ...first, addresses: [...first.addresses, { addr: a, prefixLen: a.v === 4 ? 32 : 128 }] }, ...host.interfaces.slice(2)] };
      bound.push(formatIp(a));
    }
  return uplink ? { host, named, uplink, bound } : { host, named, bound };
}

/** One line for the user: which host the verdicts rest on, and how to give the real one. */
export function describeAssumedHost(a: AssumedHost): string {
  const ifs = a.host.interfaces
    .filter((i) => i.name !== 'lo')
    .map((i) => `${i.name} ${i.addresses.map((x) => `${formatIp(x.addr)}/${x.prefixLen}`).join(', ')}`)
    .join('; ');
  const from = !a.named.length
    ? 'no interface named in your rulesets, so one external interface eth0'
    : a.uplink
      ? `an uplink ${a.uplink} (your rulesets name only tunnels, which run over one) and the interfaces they name (${a.named.join(', ')})`
      : `interfaces named in your rulesets (${a.named.join(', ')})`;
  const bound = a.bound.length ? `; ${a.bound.join(', ')} added because ports are bound to ${a.bound.length === 1 ? 'it' : 'them'}` : '';
  return `no host description: verdicts are for an assumed host with ${from}, with documentation addresses: ${ifs}${bound}; give your interfaces, addresses and routes in host.json (beside compose.yaml, or --host) for exact verdicts`;
}
