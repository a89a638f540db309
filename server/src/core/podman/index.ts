/**
 * Rootful Podman with netavark as a container engine: networks as podman resolves them (the
 * `podman` network on podman0 with `default_subnet`, new networks on podman1, podman2, ... with the
 * first free /24 of `default_subnet_pools`, the gateway first, containers next in start order),
 * published ports as podman passes them to netavark, and netavark's rules (netavark.ts).
 * Rootless Podman installs no rules: its ports are served by a user-space forwarder, so the host's
 * INPUT decides. Pure, never throws.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import type { DockerNetworkSpec, Proto } from '../docker/types';
import type { DockerRuleset, ResolvedBinding } from '../docker/model';
import type { ResolvedEndpoint, ResolvedNetwork, ResolvedSubnet } from '../docker/ipam';
import { formatIp, type IpAddress, type IpInterval, parseIp, parseIpInterval, overlaps, prefixInterval, prefixLength } from '../net/ip';
import { NETAVARK_RELEASE, synthNetavarkIptables } from './netavark';
import { NETAVARK_NFT_RELEASE, synthNetavarkNft } from './nftables';
import { defaultPodmanConfig, type PodmanConfig, type PodmanHostState } from './types';
import { forwardsToHost, netavarkFirewalld } from './firewalld';

export * from './types';
export { parseContainersConf, isRootlessConfPath } from './containers-conf';
export { netavarkChainHash, NETAVARK_RELEASE } from './netavark';
export { NETAVARK_NFT_RELEASE, netavarkNftChain, netavarkNetworkId, PODMAN_DEFAULT_NETWORK_ID, synthNetavarkNft } from './nftables';
export { sha512Hex } from './sha512';

export interface PodmanSynthInput {
  readonly config?: PodmanConfig;
  readonly host?: PodmanHostState;
  /** Networks with their endpoints and ports (the compose adapter's output; `bridge` means podman's default network). */
  readonly networks: readonly DockerNetworkSpec[];
  /** Container IDs for netavark's DNAT comments (placeholders otherwise). */
  readonly containerIds?: ReadonlyMap<string, string>;
  /** Network IDs (they name the nftables driver's chains; stand-ins otherwise). */
  readonly networkIds?: ReadonlyMap<string, string>;
}

const nowhere = { file: '<podman>', start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/** The netavark release modelled for a firewall driver: 1.4 (Debian 12's) for iptables, 1.16 for nftables. */
export function netavarkRelease(config: PodmanConfig): string {
  return config.firewallDriver === 'nftables' ? NETAVARK_NFT_RELEASE : NETAVARK_RELEASE;
}

export function podmanLabel(config: PodmanConfig): string {
  if (config.rootless) return 'rootless Podman';
  if (config.firewallDriver === 'firewalld') return `Podman (netavark ${NETAVARK_RELEASE} firewalld)`;
  return config.firewallDriver === 'nftables' ? `Podman (netavark ${NETAVARK_NFT_RELEASE} nftables)` : `Podman (netavark ${NETAVARK_RELEASE})`;
}

function subnetOf(iv: IpInterval): ResolvedSubnet {
  const gateway: IpAddress = { v: iv.v, n: iv.lo + 1n };
  return { prefix: iv, cidr: `${formatIp({ v: iv.v, n: iv.lo })}/${prefixLength(iv)}`, gateway, gatewayMode: 'nat' };
}

export function synthesizePodmanRules(input: PodmanSynthInput): Result<DockerRuleset> {
  const diagnostics: CoreDiagnostic[] = [];
  const config = input.config ?? defaultPodmanConfig;
  const say = (message: string, severity: 'error' | 'warning' | 'information' = 'warning', span = nowhere): void => {
    diagnostics.push({ span, severity, message, code: 'podman' });
  };
  const src = (k: string) => config.sources[k]?.span ?? nowhere;
  const label = podmanLabel(config);
  const rel = netavarkRelease(config);
  const release = { major: 1, minor: Number(rel.split('.')[1]), patch: 0, text: `netavark ${rel}` };
  if (config.networkBackend === 'cni') say('network_backend "cni": only netavark is modelled; the rules netavark would write are assumed', 'warning', src('network_backend'));
  const driver = config.firewallDriver ?? 'iptables';

  // Subnets and bridges already taken.
  const taken: IpInterval[] = [];
  const bridges = new Set<string>(['podman0']);
  const existing = new Map<string, { subnet: string; bridge: string }>();
  for (const e of input.host?.existingNetworks ?? []) {
    const iv = parseIpInterval(e.subnet);
    if (iv) taken.push(iv);
    bridges.add(e.bridge);
    existing.set(e.name, e);
  }
  const defIv = parseIpInterval(config.defaultSubnet);
  if (defIv) taken.push(defIv);
  else say(`default_subnet "${config.defaultSubnet}" is not a subnet; 10.88.0.0/16 is used`, 'error', src('default_subnet'));
  for (const n of input.networks) {
    const iv = n.subnet ? parseIpInterval(n.subnet) : undefined;
    if (iv) taken.push(iv);
  }
  const nextSubnet = (): IpInterval | undefined => {
    for (const pool of config.subnetPools) {
      const base = parseIpInterval(pool.base);
      if (!base || base.v !== 4) continue;
      const step = 1n << BigInt(32 - pool.size);
      for (let lo = base.lo; lo + step - 1n <= base.hi; lo += step) {
        const iv = prefixInterval({ v: 4, n: lo }, pool.size);
        if (iv && !taken.some((t) => overlaps(t, iv))) {
          taken.push(iv);
          return iv;
        }
      }
    }
    return undefined;
  };
  const nextBridge = (): string => {
    for (let i = 1; ; i++) if (!bridges.has(`podman${i}`)) return (bridges.add(`podman${i}`), `podman${i}`);
  };

  const networks: ResolvedNetwork[] = [];
  for (const spec of input.networks) {
    const isDefault = spec.name === 'bridge' || spec.name === 'podman';
    const name = isDefault ? 'podman' : spec.name;
    let v4: ResolvedSubnet | undefined;
    const known = existing.get(name);
    const text = isDefault ? config.defaultSubnet : (spec.subnet ?? known?.subnet);
    if (text) {
      const iv = parseIpInterval(text);
      if (iv && iv.v === 4) v4 = subnetOf(iv);
      else say(`subnet "${text}" of network ${name} is not an IPv4 subnet`, 'error', spec.provenance?.span ?? nowhere);
      if (v4 && spec.gateway) {
        const g = parseIp(spec.gateway);
        if (g) v4 = { ...v4, gateway: g };
      }
    } else {
      const s = nextSubnet();
      if (s) v4 = subnetOf(s);
      else say(`no free subnet left in default_subnet_pools for network ${name}`, 'error', spec.provenance?.span ?? nowhere);
    }
    if (spec.enableIPv6 || spec.subnetV6) say(`IPv6 of network ${name} is not modelled for Podman; its IPv4 rules only are synthesized`, 'warning', spec.provenance?.span ?? nowhere);
    const bridge = isDefault ? 'podman0' : (spec.options?.['com.docker.network.bridge.name'] ?? known?.bridge ?? nextBridge());
    if (spec.internal && spec.endpoints?.some((e) => e.ports?.length)) say(`network ${name} is internal: podman publishes no ports on it`, 'information', spec.provenance?.span ?? nowhere);
    // Container addresses: fixed ones first, then the next free address after the gateway, in start order.
    const used = new Set<bigint>();
    if (v4) used.add(v4.gateway.n);
    const eps = [...(spec.endpoints ?? [])].map((e, i) => ({ e, order: e.order ?? 1_000_000 + i })).sort((a, b) => a.order - b.order);
    for (const { e } of eps) {
      const a = e.ipv4 ? parseIp(e.ipv4) : undefined;
      if (a) used.add(a.n);
    }
    const endpoints: ResolvedEndpoint[] = [];
    for (const { e, order } of eps) {
      let ip = e.ipv4 ? parseIp(e.ipv4) : undefined;
      if (!ip && v4) {
        for (let n = v4.prefix.lo + 1n; n < v4.prefix.hi; n++) {
          if (!used.has(n)) {
            used.add(n);
            ip = { v: 4, n };
            break;
          }
        }
      }
      endpoints.push({ container: e.container, service: e.service, network: name, ipv4: ip, ports: spec.internal ? [] : (e.ports ?? []), order });
    }
    networks.push({ name, bridge, isDefaultBridge: isDefault, v4, internal: !!spec.internal, icc: true, masquerade: true, hostBinding: '0.0.0.0', trustedHostInterfaces: [], endpoints, provenance: spec.provenance });
  }

  // Published ports: v4 only (the networks are IPv4); a host port podman picks at random is not known.
  const bindings: ResolvedBinding[] = [];
  for (const net of networks) {
    for (const ep of net.endpoints) {
      for (const p of ep.ports) {
        const proto: Proto = p.proto ?? 'tcp';
        const hostIp = p.hostIp ?? '0.0.0.0';
        if (hostIp.includes(':')) {
          say(`${hostIp} port bindings are not modelled for Podman's IPv4 networks`, 'warning', p.provenance?.span ?? nowhere);
          continue;
        }
        const ports: number[] = [];
        if (typeof p.hostPort === 'number' && p.hostPort > 0) ports.push(p.hostPort);
        else if (typeof p.hostPort === 'object') ports.push(p.hostPort.start);
        else {
          say(`podman picks a random free host port for ${p.provenance?.text ?? p.containerPort}: it is not analysed (give a host port)`, 'information', p.provenance?.span ?? nowhere);
          continue;
        }
        // netavark 1.4's firewalld driver forwards a port bound to a host address to that address (podman/firewalld.ts)
        const toHost = !config.rootless && driver === 'firewalld' && forwardsToHost({ hostIp });
        for (const hostPort of ports)
          bindings.push({
            network: net.name,
            bridge: config.rootless ? '' : net.bridge,
            container: ep.container,
            service: ep.service,
            proto,
            hostIp,
            hostPort,
            containerIp: ep.ipv4 ? formatIp(ep.ipv4) : '',
            containerPort: p.containerPort,
            // Rootless: a forwarder on the host serves the port; firewall_driver "none": nothing forwards it.
            path: config.rootless || driver === 'none' || toHost ? 'proxy-only' : 'dnat',
            proxy: config.rootless,
            ...(toHost ? { unservedWhy: `netavark ${NETAVARK_RELEASE}'s firewalld driver forwards it to ${hostIp} itself (forward-port toaddr=${hostIp}, a bug of that driver), not to the container, from the network and from the host` } : {}),
            source: p.provenance,
          });
      }
    }
  }
  if (config.rootless) {
    say(`rootless Podman (${config.rootlessNetworkCmd ?? 'pasta or slirp4netns'}): no firewall rules are installed; published ports are served by a user-space process on the host, so the host's INPUT rules decide`, 'information', src('rootless'));
    return { value: { release, backend: 'iptables', iptables: { ipv4: [], ipv6: [] }, nftables: [], bindings, networks: [] }, diagnostics };
  }
  if (driver === 'nftables') {
    const nftables = synthNetavarkNft({ label, networks, bindings, networkIds: input.networkIds });
    // netavark's documentation: with firewalld running, the nftables driver binds the subnets to zone trusted too
    return { value: { release, backend: 'nftables', iptables: { ipv4: [], ipv6: [] }, nftables, bindings, networks, firewalld: netavarkFirewalld(label, 'iptables', networks, bindings) }, diagnostics };
  }
  if (driver === 'firewalld') {
    // no iptables rules: zone, policies and forward-ports in firewalld (lowered with the host's firewalld)
    say(`firewall_driver "firewalld": netavark ${NETAVARK_RELEASE} writes no iptables rules; its zone netavark_zone and policies netavark_policy and netavark_portfwd (forward-ports) are added to the host's firewalld configuration`, 'information', src('firewall_driver'));
    return { value: { release, backend: 'iptables', iptables: { ipv4: [], ipv6: [] }, nftables: [], bindings, networks, firewalld: netavarkFirewalld(label, 'firewalld', networks, bindings) }, diagnostics };
  }
  const ipv4 = driver === 'none' ? [] : synthNetavarkIptables({ label, networks, bindings, containerIds: input.containerIds }, diagnostics);
  if (driver === 'none') say('firewall_driver "none": netavark installs no rules; published ports are not forwarded', 'information', src('firewall_driver'));
  const firewalld = driver === 'none' ? undefined : netavarkFirewalld(label, 'iptables', networks, bindings);
  return { value: { release, backend: 'iptables', iptables: { ipv4, ipv6: [] }, nftables: [], bindings, networks, ...(firewalld ? { firewalld } : {}) }, diagnostics };
}
