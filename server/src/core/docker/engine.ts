/**
 * Docker's state as the Engine API reports it on a running host, as plain readonly data: the
 * daemon's version and firewall backend, the bridge networks (bridge names, IPAM subnets and
 * gateways, options), and the running containers (names, compose labels, addresses, and the ports
 * Docker actually bound). `dockwall audit` and the language server's "Audit this host" read the API
 * (server/src/host/docker-api.ts) and build it with {@link engineStateFromApi}; the analysis uses it
 * beside a live dump (analysis/live-docker.ts) instead of guessing subnets, owners and docker-proxy's
 * IPv6 bindings.
 *
 * Pure: the API's JSON answers come in, never throws, unknown shapes are skipped with a note.
 */
import type { Proto } from './types';

export interface EngineSubnet {
  /** `172.18.0.0/16`, `fd00::/64`. */
  readonly cidr: string;
  readonly gateway?: string;
}

export interface EngineNetwork {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  /** The Linux bridge of a `bridge` network: `com.docker.network.bridge.name`, else `docker0` / `br-<id[:12]>`. */
  readonly bridge?: string;
  readonly subnets: readonly EngineSubnet[];
  readonly enableIPv6: boolean;
  readonly internal: boolean;
  readonly options: Readonly<Record<string, string>>;
}

/** One host binding Docker made for a container port (`NetworkSettings.Ports`, else `/containers/json` `Ports`). */
export interface EnginePort {
  readonly proto: Proto;
  readonly containerPort: number;
  /** `0.0.0.0`, `::` or an address. */
  readonly hostIp: string;
  readonly hostPort: number;
}

/** What the container asked for (`HostConfig.PortBindings`), when inspected. */
export interface EngineRequestedPort {
  readonly proto: Proto;
  readonly containerPort: number;
  /** '' when no address was given. */
  readonly hostIp: string;
  /** '' for an ephemeral port; a number or a range as written. */
  readonly hostPort: string;
}

export interface EngineEndpoint {
  readonly network: string;
  readonly networkId: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly gateway?: string;
}

export interface EngineContainer {
  readonly id: string;
  /** Without the leading slash. */
  readonly name: string;
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `bridge`, a network name, `host`, `none`, `container:ID`. */
  readonly networkMode: string;
  readonly endpoints: readonly EngineEndpoint[];
  readonly ports: readonly EnginePort[];
  readonly requested?: readonly EngineRequestedPort[];
}

export interface EngineState {
  /** The daemon's version (`28.5.2+dfsg4`). */
  readonly version: string;
  readonly apiVersion: string;
  /** `/info` `FirewallBackend.Driver` (Docker 28.2+), else undefined. */
  readonly firewallBackend?: string;
  readonly networks: readonly EngineNetwork[];
  readonly containers: readonly EngineContainer[];
  /** What could not be read, or was assumed, in words. */
  readonly notes: readonly string[];
}

/** The compose labels a container carries (`docker compose up`). */
export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_CONFIG_FILES = 'com.docker.compose.project.config_files';
export const COMPOSE_WORKING_DIR = 'com.docker.compose.project.working_dir';
export const COMPOSE_SERVICE = 'com.docker.compose.service';

/** The raw answers of the Engine API (parsed JSON), as the host-side client collects them. */
export interface EngineApiAnswers {
  readonly version: unknown;
  readonly info?: unknown;
  readonly containers: unknown;
  /** `/containers/{id}/json` by container id. */
  readonly inspects?: Readonly<Record<string, unknown>>;
  readonly networks: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const strMap = (x: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObj(x)) for (const [k, v] of Object.entries(x)) if (typeof v === 'string') out[k] = v;
  return out;
};
const PROTOS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);

/** `5432/tcp` → [5432, 'tcp']. */
function portKey(key: string): [number, Proto] | undefined {
  const m = /^(\d+)(?:\/(\w+))?$/.exec(key);
  const proto = (m?.[2] ?? 'tcp').toLowerCase();
  if (!m || !PROTOS.has(proto)) return undefined;
  return [Number(m[1]), proto as Proto];
}

/** The Linux bridge of a bridge network, as dockerd names it. */
export function bridgeNameOf(n: { readonly id: string; readonly name: string; readonly options: Readonly<Record<string, string>> }): string {
  return n.options['com.docker.network.bridge.name'] || (n.name === 'bridge' ? 'docker0' : `br-${n.id.slice(0, 12)}`);
}

function networkOf(x: unknown): EngineNetwork | undefined {
  if (!isObj(x)) return undefined;
  const id = str(x.Id) ?? str(x.ID) ?? '';
  const name = str(x.Name) ?? '';
  if (!name) return undefined;
  const driver = str(x.Driver) ?? '';
  const options = strMap(x.Options);
  const ipam = isObj(x.IPAM) ? x.IPAM : {};
  const subnets: EngineSubnet[] = [];
  if (Array.isArray(ipam.Config))
    for (const c of ipam.Config) {
      const cidr = isObj(c) ? str(c.Subnet) : undefined;
      if (cidr) subnets.push({ cidr, ...(isObj(c) && str(c.Gateway) ? { gateway: str(c.Gateway) } : {}) });
    }
  const base = { id, name, options };
  return { id, name, driver, ...(driver === 'bridge' ? { bridge: bridgeNameOf(base) } : {}), subnets, enableIPv6: x.EnableIPv6 === true, internal: x.Internal === true, options };
}

function boundPorts(x: unknown): EnginePort[] {
  const out: EnginePort[] = [];
  if (!isObj(x)) return out;
  for (const [key, list] of Object.entries(x)) {
    const k = portKey(key);
    if (!k || !Array.isArray(list)) continue;
    for (const b of list) {
      if (!isObj(b)) continue;
      const hostPort = Number(str(b.HostPort) ?? NaN);
      if (!Number.isInteger(hostPort) || hostPort <= 0) continue;
      out.push({ proto: k[1], containerPort: k[0], hostIp: str(b.HostIp) || '0.0.0.0', hostPort });
    }
  }
  return out;
}

function requestedPorts(x: unknown): EngineRequestedPort[] {
  const out: EngineRequestedPort[] = [];
  if (!isObj(x)) return out;
  for (const [key, list] of Object.entries(x)) {
    const k = portKey(key);
    if (!k || !Array.isArray(list)) continue;
    for (const b of list) if (isObj(b)) out.push({ proto: k[1], containerPort: k[0], hostIp: str(b.HostIp) ?? '', hostPort: str(b.HostPort) ?? '' });
  }
  return out;
}

function endpointsOf(settings: unknown): EngineEndpoint[] {
  const nets = isObj(settings) && isObj(settings.Networks) ? settings.Networks : {};
  const out: EngineEndpoint[] = [];
  for (const [network, e] of Object.entries(nets)) {
    if (!isObj(e)) continue;
    const ipv4 = str(e.IPAddress) || undefined;
    const ipv6 = str(e.GlobalIPv6Address) || undefined;
    const gateway = str(e.Gateway) || undefined;
    out.push({ network, networkId: str(e.NetworkID) ?? '', ...(ipv4 ? { ipv4 } : {}), ...(ipv6 ? { ipv6 } : {}), ...(gateway ? { gateway } : {}) });
  }
  return out;
}

function containerOf(summary: unknown, inspect: unknown): EngineContainer | undefined {
  if (!isObj(summary)) return undefined;
  const id = str(summary.Id) ?? '';
  if (!id) return undefined;
  const ins = isObj(inspect) ? inspect : undefined;
  const names = Array.isArray(summary.Names) ? summary.Names.filter((n): n is string => typeof n === 'string') : [];
  const name = (str(ins?.Name) ?? names[0] ?? id.slice(0, 12)).replace(/^\//, '');
  const hostConfig = isObj(ins?.HostConfig) ? ins.HostConfig : isObj(summary.HostConfig) ? summary.HostConfig : {};
  const settings = isObj(ins?.NetworkSettings) ? ins.NetworkSettings : summary.NetworkSettings;
  let ports = ins && isObj(ins.NetworkSettings) ? boundPorts(ins.NetworkSettings.Ports) : [];
  if (!ins && Array.isArray(summary.Ports))
    for (const p of summary.Ports) {
      if (!isObj(p) || typeof p.PublicPort !== 'number' || typeof p.PrivatePort !== 'number') continue;
      const proto = (str(p.Type) ?? 'tcp').toLowerCase();
      if (PROTOS.has(proto)) ports.push({ proto: proto as Proto, containerPort: p.PrivatePort, hostIp: str(p.IP) || '0.0.0.0', hostPort: p.PublicPort });
    }
  ports = ports.filter((p, i) => ports.findIndex((q) => q.proto === p.proto && q.containerPort === p.containerPort && q.hostIp === p.hostIp && q.hostPort === p.hostPort) === i);
  const labels = strMap(isObj(ins?.Config) ? ins.Config.Labels : summary.Labels);
  return {
    id,
    name,
    image: str(summary.Image) ?? str(isObj(ins?.Config) ? ins.Config.Image : undefined) ?? '',
    labels: Object.keys(labels).length ? labels : strMap(summary.Labels),
    networkMode: str(hostConfig.NetworkMode) ?? 'default',
    endpoints: endpointsOf(settings),
    ports,
    ...(ins && isObj(ins.HostConfig) ? { requested: requestedPorts(ins.HostConfig.PortBindings) } : {}),
  };
}

/** Builds the Engine state from the API's answers. */
export function engineStateFromApi(a: EngineApiAnswers): EngineState {
  const notes: string[] = [];
  const v = isObj(a.version) ? a.version : {};
  const version = str(v.Version) ?? 'unknown';
  const apiVersion = str(v.ApiVersion) ?? '';
  const info = isObj(a.info) ? a.info : undefined;
  const fb = info && isObj(info.FirewallBackend) ? str(info.FirewallBackend.Driver) : undefined;
  if (!fb) notes.push('the daemon does not report its firewall backend (FirewallBackend, Docker 28.2 and later): it is read from the rulesets');
  const networks: EngineNetwork[] = [];
  if (Array.isArray(a.networks)) for (const n of a.networks) {
    const x = networkOf(n);
    if (x) networks.push(x);
  }
  else notes.push('the network list could not be read');
  const containers: EngineContainer[] = [];
  if (Array.isArray(a.containers))
    for (const c of a.containers) {
      const id = isObj(c) ? str(c.Id) : undefined;
      const x = containerOf(c, id ? a.inspects?.[id] : undefined);
      if (x) containers.push(x);
    }
  else notes.push('the container list could not be read');
  return { version, apiVersion, ...(fb ? { firewallBackend: fb } : {}), networks, containers, notes };
}

/** `28.5.2+dfsg4` → `28.5.2`; undefined when it is not a release number. */
export function engineRelease(version: string): string | undefined {
  return /^(\d+\.\d+(?:\.\d+)?)/.exec(version)?.[1];
}

/** The container an address belongs to, with its endpoint. */
export function containerAt(state: EngineState, ip: string): { container: EngineContainer; endpoint: EngineEndpoint } | undefined {
  for (const container of state.containers)
    for (const endpoint of container.endpoints) if (endpoint.ipv4 === ip || endpoint.ipv6 === ip) return { container, endpoint };
  return undefined;
}

/**
 * What an analysis takes from the Engine: the state, and optionally which containers it reports
 * (by id) under which compose service name; without `services`, every container is reported under
 * its `com.docker.compose.service` label (or its name).
 */
export interface EngineView {
  readonly state: EngineState;
  /**
   * The sockets listening on the host (`ss -l`), when read: a port the Engine shows bound that no
   * DNAT rule serves is reachable only if something (docker-proxy) listens on it.
   */
  readonly listening?: readonly { readonly proto: string; readonly ip: string; readonly port: number }[];
  readonly services?: ReadonlyMap<string, string>;
  /** With `services`: also report the DNAT rules of Docker's whose container no running container is. */
  readonly orphans?: boolean;
}
