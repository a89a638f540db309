/**
 * Resolves network specs the way dockerd would: bridge device names, subnets from the default
 * address pools, gateway `.1`, container addresses `.2`, `.3`, ... in creation order, and the
 * effective driver options (daemon `default-network-opts` under per-network options).
 *
 * Documented placeholders (real values are random in Docker):
 * - a user network's bridge is `br-<12 hex>` of the network ID; we use the first 12 hex digits of a
 *   64-bit FNV-1a hash of the network name (`bridgeNameFor`). Adapters pass the real name when
 *   `com.docker.network.bridge.name` is set.
 * - an IPv6 network without a subnet gets a ULA `fdXX:XXXX:XXXX::/64` from the same hash
 *   (Docker picks a random ULA /64 from fd00::/8 since 27.0).
 */
import type { CoreDiagnostic } from '../diagnostics';
import { formatIp, type IpAddress, type IpInterval, parseIp, parseIpInterval, overlaps, prefixInterval, prefixLength } from '../net/ip';
import type { Span } from '../text';
import {
  type DockerEndpointSpec,
  type DockerHostConfig,
  type DockerNetworkSpec,
  type GatewayMode,
  OPT,
  type PortBinding,
  type SourceRef,
} from './types';

export interface ResolvedSubnet {
  readonly prefix: IpInterval;
  /** CIDR text, canonical (e.g. `192.0.2.0/24`). */
  readonly cidr: string;
  readonly gateway: IpAddress;
  readonly gatewayMode: GatewayMode;
}

export interface ResolvedEndpoint {
  readonly container: string;
  readonly service?: string;
  readonly network: string;
  readonly ipv4?: IpAddress;
  readonly ipv6?: IpAddress;
  readonly ports: readonly PortBinding[];
  readonly order: number;
}

export interface ResolvedNetwork {
  readonly name: string;
  readonly bridge: string;
  readonly isDefaultBridge: boolean;
  readonly v4?: ResolvedSubnet;
  readonly v6?: ResolvedSubnet;
  readonly internal: boolean;
  readonly icc: boolean;
  readonly masquerade: boolean;
  /** Default host binding address (`host_binding_ipv4`, daemon `ip` for docker0). */
  readonly hostBinding: string;
  readonly trustedHostInterfaces: readonly string[];
  readonly snatV4?: string;
  readonly snatV6?: string;
  readonly endpoints: readonly ResolvedEndpoint[];
  readonly provenance?: SourceRef;
}

/** Deterministic stand-in for Docker's random 64-hex network ID: FNV-1a 64 of the name. */
export function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h;
}

export function bridgeNameFor(networkName: string): string {
  return 'br-' + fnv1a64(networkName).toString(16).padStart(16, '0').slice(0, 12);
}

/** Docker's default address pools: 172.17–172.31 as /16, then 192.168.0.0/16 as /20s. */
function* defaultPools(): Generator<IpInterval> {
  for (let b = 17; b <= 31; b++) yield prefixInterval(parseIp(`172.${b}.0.0`)!, 16)!;
  for (let c = 0; c < 256; c += 16) yield prefixInterval(parseIp(`192.168.${c}.0`)!, 20)!;
}

function cidrOf(iv: IpInterval): string {
  return `${formatIp({ v: iv.v, n: iv.lo })}/${prefixLength(iv)}`;
}

function parseGatewayMode(v: string | undefined): GatewayMode | undefined {
  return v === 'nat' || v === 'nat-unprotected' || v === 'routed' || v === 'isolated' ? v : undefined;
}

function optBool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  return /^(1|t|true)$/i.test(v) ? true : /^(0|f|false)$/i.test(v) ? false : dflt;
}

export interface ResolveResult {
  readonly networks: readonly ResolvedNetwork[];
  readonly diagnostics: readonly CoreDiagnostic[];
}

/** Span for diagnostics about a spec that has no source position. */
function specSpan(ref: SourceRef | undefined): Span {
  if (ref?.span) return ref.span;
  const line = Math.max(0, (ref?.line ?? 1) - 1);
  const ch = Math.max(0, (ref?.column ?? 1) - 1);
  return { file: ref?.file ?? '<networks>', start: 0, end: 0, range: { start: { line, character: ch }, end: { line, character: ch } } };
}

/**
 * Resolves all networks. The default bridge (`bridge`/docker0) is always first when the daemon
 * has one, whether or not the input lists it; listed networks keep their order (creation order).
 */
export function resolveNetworks(daemon: DockerHostConfig, specs: readonly DockerNetworkSpec[]): ResolveResult {
  const diagnostics: CoreDiagnostic[] = [];
  const warn = (ref: SourceRef | undefined, message: string, severity: 'error' | 'warning' | 'information' = 'warning'): void => {
    diagnostics.push({ span: specSpan(ref), severity, message, code: 'docker-network' });
  };
  const ordered: DockerNetworkSpec[] = [];
  const defaultSpec = specs.find((s) => s.name === 'bridge');
  if (daemon.defaultBridge) ordered.push(defaultSpec ?? { name: 'bridge' });
  else if (defaultSpec) warn(defaultSpec.provenance, 'the default bridge is disabled ("bridge": "none"); network "bridge" is ignored');
  for (const s of specs) if (s.name !== 'bridge') ordered.push(s);

  // Explicit subnets are reserved first so pool allocation skips them.
  const used: IpInterval[] = [];
  const explicit = (s: DockerNetworkSpec): string | undefined =>
    s.name === 'bridge' ? (daemon.bip ?? daemon.fixedCidr ?? s.subnet) : s.subnet;
  for (const s of ordered) {
    const text = explicit(s);
    const iv = text ? parseIpInterval(text) : undefined;
    if (iv) used.push(iv);
  }
  const allocate = (): IpInterval | undefined => {
    for (const p of defaultPools()) {
      if (!used.some((u) => overlaps(u, p))) {
        used.push(p);
        return p;
      }
    }
    return undefined;
  };

  const out: ResolvedNetwork[] = [];
  const bridgesSeen = new Set<string>();
  let order = 0;
  const pending: { net: number; ep: DockerEndpointSpec; idx: number }[] = [];
  for (const s of ordered) {
    const isDefault = s.name === 'bridge';
    const opts: Record<string, string> = { ...(isDefault ? {} : daemon.defaultNetworkOpts), ...(s.options ?? {}) };
    const bridge = isDefault ? 'docker0' : (s.bridge ?? opts[OPT.bridgeName] ?? bridgeNameFor(s.name));
    if (bridge.length > 15) warn(s.provenance, `bridge name "${bridge}" is longer than 15 characters; Linux rejects it`, 'error');
    if (bridgesSeen.has(bridge)) warn(s.provenance, `bridge "${bridge}" is used by two networks`, 'error');
    bridgesSeen.add(bridge);

    const gwm4 = parseGatewayMode(opts[OPT.gatewayModeIpv4]);
    const gwm6 = parseGatewayMode(opts[OPT.gatewayModeIpv6]);
    if (opts[OPT.gatewayModeIpv4] && !gwm4) warn(s.provenance, `unknown gateway mode "${opts[OPT.gatewayModeIpv4]}"`, 'error');
    if (opts[OPT.gatewayModeIpv6] && !gwm6) warn(s.provenance, `unknown gateway mode "${opts[OPT.gatewayModeIpv6]}"`, 'error');

    // IPv4 subnet.
    let v4: ResolvedSubnet | undefined;
    if (s.enableIPv4 !== false) {
      let prefix: IpInterval | undefined;
      let gateway: IpAddress | undefined;
      const text = explicit(s);
      if (text) {
        prefix = parseIpInterval(text);
        if (!prefix || prefix.v !== 4 || !text.includes('/')) {
          warn(s.provenance, `invalid IPv4 subnet "${text}"`, 'error');
          prefix = undefined;
        } else if (isDefault && daemon.bip) {
          gateway = parseIp(daemon.bip.slice(0, daemon.bip.indexOf('/')));
        }
      }
      prefix ??= allocate();
      if (prefix) {
        const gwText = isDefault ? undefined : s.gateway;
        if (gwText) gateway = parseIp(gwText);
        if (gwText && (!gateway || gateway.v !== 4 || gateway.n < prefix.lo || gateway.n > prefix.hi)) {
          warn(s.provenance, `gateway "${gwText}" is not in subnet ${cidrOf(prefix)}`, 'error');
          gateway = undefined;
        }
        gateway ??= { v: 4, n: prefix.lo + 1n };
        v4 = { prefix, cidr: cidrOf(prefix), gateway, gatewayMode: gwm4 ?? 'nat' };
      } else warn(s.provenance, 'no free IPv4 subnet left in the default address pools', 'error');
    }

    // IPv6 subnet.
    let v6: ResolvedSubnet | undefined;
    const enable6 = isDefault ? daemon.ipv6 : (s.enableIPv6 ?? false);
    if (enable6) {
      const text = isDefault ? (daemon.fixedCidrV6 ?? s.subnetV6) : s.subnetV6;
      let prefix = text ? parseIpInterval(text) : undefined;
      if (text && (!prefix || prefix.v !== 6)) {
        warn(s.provenance, `invalid IPv6 subnet "${text}"`, 'error');
        prefix = undefined;
      }
      if (!prefix) {
        const h = fnv1a64(`${s.name}/v6`);
        const ula: IpAddress = { v: 6, n: (0xfdn << 120n) | ((h & 0xffffffffffn) << 80n) };
        prefix = prefixInterval(ula, 64)!;
        warn(s.provenance, `IPv6 subnet of "${s.name}" is random in Docker; using placeholder ${cidrOf(prefix)}`, 'information');
      }
      let gateway = s.gatewayV6 && !isDefault ? parseIp(s.gatewayV6) : undefined;
      if (gateway && (gateway.v !== 6 || gateway.n < prefix.lo || gateway.n > prefix.hi)) gateway = undefined;
      gateway ??= { v: 6, n: prefix.lo + 1n };
      v6 = { prefix, cidr: cidrOf(prefix), gateway, gatewayMode: gwm6 ?? 'nat' };
    }

    const icc = isDefault ? daemon.icc : optBool(opts[OPT.enableIcc], true);
    const masquerade = isDefault ? daemon.ipMasq : optBool(opts[OPT.enableIpMasquerade], true);
    const hostBinding = isDefault ? daemon.ip : (opts[OPT.hostBindingIpv4] ?? '0.0.0.0');
    if (!parseIp(hostBinding)) warn(s.provenance, `invalid host binding address "${hostBinding}"`, 'error');
    const trusted = (opts[OPT.trustedHostInterfaces] ?? '').split(':').filter((x) => x !== '');
    const netIndex = out.length;
    (s.endpoints ?? []).forEach((ep, idx) => pending.push({ net: netIndex, ep, idx }));
    out.push({
      name: s.name,
      bridge,
      isDefaultBridge: isDefault,
      v4,
      v6,
      internal: s.internal ?? false,
      icc,
      masquerade,
      hostBinding,
      trustedHostInterfaces: trusted,
      snatV4: opts[OPT.hostIpv4],
      snatV6: opts[OPT.hostIpv6],
      endpoints: [],
      provenance: s.provenance,
    });
  }

  // Endpoints: global creation order, then addresses per network in that order.
  pending.sort((a, b) => (a.ep.order ?? Number.MAX_SAFE_INTEGER) - (b.ep.order ?? Number.MAX_SAFE_INTEGER));
  const taken = out.map((n) => {
    const set = new Set<bigint>();
    if (n.v4) set.add(n.v4.gateway.n);
    if (n.v6) set.add(n.v6.gateway.n);
    return set;
  });
  // Fixed addresses are reserved before sequential allocation.
  for (const p of pending) {
    for (const a of [p.ep.ipv4, p.ep.ipv6]) {
      const ip = a ? parseIp(a) : undefined;
      if (ip) taken[p.net].add(ip.n);
    }
  }
  const endpoints: ResolvedEndpoint[][] = out.map(() => []);
  // Per subnet, where the sequential search goes on: every address below it is taken (the search
  // only adds addresses), so that the n-th endpoint is not found by testing the n-1 before it.
  const cursor = new Map<ResolvedSubnet, bigint>();
  for (const p of pending) {
    const n = out[p.net];
    const pick = (sub: ResolvedSubnet | undefined, fixed: string | undefined): IpAddress | undefined => {
      if (!sub) return undefined;
      if (fixed) {
        const ip = parseIp(fixed);
        if (!ip || ip.v !== sub.prefix.v || ip.n < sub.prefix.lo || ip.n > sub.prefix.hi) {
          warn(n.provenance, `address "${fixed}" of ${p.ep.container} is not in ${sub.cidr}`, 'error');
          return undefined;
        }
        return ip;
      }
      for (let c = cursor.get(sub) ?? sub.prefix.lo + 1n; c < sub.prefix.hi; c++) {
        if (!taken[p.net].has(c)) {
          taken[p.net].add(c);
          cursor.set(sub, c + 1n);
          return { v: sub.prefix.v, n: c };
        }
      }
      warn(n.provenance, `subnet ${sub.cidr} is full`, 'error');
      return undefined;
    };
    endpoints[p.net].push({
      container: p.ep.container,
      service: p.ep.service,
      network: n.name,
      ipv4: pick(n.v4, p.ep.ipv4),
      ipv6: pick(n.v6, p.ep.ipv6),
      ports: p.ep.ports ?? [],
      order: order++,
    });
  }
  return { networks: out.map((n, i) => ({ ...n, endpoints: endpoints[i] })), diagnostics };
}
