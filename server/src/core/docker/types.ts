/**
 * Inputs of Docker rule synthesis: what the daemon was told (daemon.json), what the host looked like
 * before dockerd started, and which networks, endpoints and published ports exist.
 *
 * These types are the contract for adapters (the compose adapter maps its model onto
 * `DockerNetworkSpec`/`DockerEndpointSpec`/`PortBinding`; the CLI reads the same shape from JSON).
 * Everything is plain readonly data; nothing here refers to files or processes.
 */
import type { Span } from '../text';

export type Proto = 'tcp' | 'udp' | 'sctp';
export type FirewallBackend = 'iptables' | 'nftables';
/** `com.docker.network.bridge.gateway_mode_ipv4` / `_ipv6`. */
export type GatewayMode = 'nat' | 'nat-unprotected' | 'routed' | 'isolated';

/** Where a published port came from, e.g. `compose.yaml:12:9` and the entry text `8080:80`. */
export interface SourceRef {
  readonly file: string;
  /** 1-based line, as printed to humans. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  readonly text: string;
  /** The exact span when the adapter has one (0-based, UTF-16), for editors. */
  readonly span?: Span;
}

/**
 * One published port as the user wrote it (`[hostIp:][hostPort:]containerPort[/proto]`), after
 * interpolation and range expansion into single container ports.
 *
 * `hostPort`: a number, `0` (or absent) for "pick an ephemeral port", or `{ start, end }` for
 * "first free port in the range" (`"8000-9000:80"`).
 */
export interface PortBinding {
  readonly hostIp?: string;
  readonly hostPort?: number | { readonly start: number; readonly end: number };
  readonly containerPort: number;
  readonly proto?: Proto;
  readonly provenance?: SourceRef;
}

/** A container's attachment to one network. */
export interface DockerEndpointSpec {
  readonly container: string;
  /** Compose service name, if any (for provenance only). */
  readonly service?: string;
  /** Fixed address (compose `ipv4_address`); otherwise allocated in creation order. */
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly ports?: readonly PortBinding[];
  /**
   * Global creation order across networks (containers are started after all networks exist).
   * Endpoints without it keep their listing order, after those that have one.
   */
  readonly order?: number;
}

export interface DockerNetworkSpec {
  /** Docker network name; `bridge` is the default bridge (docker0) configured by daemon.json. */
  readonly name: string;
  /** Linux bridge device; default `br-<12 hex>` derived from the name (see ipam.ts), `docker0` for `bridge`. */
  readonly bridge?: string;
  /** IPv4 subnet (CIDR); allocated from the default pools when absent. */
  readonly subnet?: string;
  readonly gateway?: string;
  readonly subnetV6?: string;
  readonly gatewayV6?: string;
  readonly enableIPv4?: boolean;
  readonly enableIPv6?: boolean;
  readonly internal?: boolean;
  /** Driver options (`-o key=value` / compose `driver_opts`), e.g. `com.docker.network.bridge.enable_icc`. */
  readonly options?: Readonly<Record<string, string>>;
  readonly endpoints?: readonly DockerEndpointSpec[];
  /** Where the network was declared (compose `networks:` key, `docker network create` line). */
  readonly provenance?: SourceRef;
}

/** The daemon options that shape the rules (daemon.json keys, same names). */
export interface DockerHostConfig {
  /** Default host binding address for the default bridge (`ip`), default `0.0.0.0`. */
  readonly ip: string;
  readonly iptables: boolean;
  /** Undefined means "the release's default" (false before 27, true from 27). */
  readonly ip6tables?: boolean;
  /** IPv6 on the default bridge. */
  readonly ipv6: boolean;
  readonly fixedCidrV6?: string;
  readonly userlandProxy: boolean;
  readonly firewallBackend: FirewallBackend;
  readonly allowDirectRouting: boolean;
  readonly ipForward: boolean;
  readonly ipForwardNoDrop: boolean;
  readonly icc: boolean;
  readonly ipMasq: boolean;
  /** `bip`: gateway address with prefix length for docker0, e.g. `172.17.0.1/16`. */
  readonly bip?: string;
  readonly fixedCidr?: string;
  readonly bridgeAcceptFwmark?: string;
  readonly experimental: boolean;
  /** `bridge: "none"` disables the default bridge. */
  readonly defaultBridge: boolean;
  /** `default-network-opts.bridge`: driver options applied to every user-defined bridge network. */
  readonly defaultNetworkOpts: Readonly<Record<string, string>>;
  /** Spans of the keys that were set, for provenance (`daemon.json:3 "ip"`). */
  readonly sources: Readonly<Record<string, SourceRef>>;
}

/**
 * Host state before dockerd started; it decides the FORWARD policy Docker sets.
 *
 * Default (documented assumption): forwarding was OFF, so Docker enabled it and, with iptables,
 * set the FORWARD policy to DROP (unless `ip-forward-no-drop`). Set these to true for hosts that
 * already routed (routers, hosts with other container engines, most cloud images with k8s).
 */
export interface DockerHostState {
  readonly ipv4ForwardingWasEnabled: boolean;
  readonly ipv6ForwardingWasEnabled: boolean;
  /** `net.ipv4.ip_local_port_range` start, used for ephemeral host ports (default 32768). */
  readonly ephemeralPortStart: number;
  /** Whether the host can listen on IPv6 (`[::]` bindings are skipped otherwise). Default true. */
  readonly ipv6Listenable: boolean;
}

export interface DockerSynthInput {
  /** Release string such as `24`, `27.5.1`, `28.0`, `28.2.2`, `28.3`, `29`. */
  readonly version: string;
  readonly daemon: DockerHostConfig;
  readonly host?: Partial<DockerHostState>;
  readonly networks: readonly DockerNetworkSpec[];
}

export const defaultHostConfig: DockerHostConfig = {
  ip: '0.0.0.0',
  iptables: true,
  ipv6: false,
  userlandProxy: true,
  firewallBackend: 'iptables',
  allowDirectRouting: false,
  ipForward: true,
  ipForwardNoDrop: false,
  icc: true,
  ipMasq: true,
  experimental: false,
  defaultBridge: true,
  defaultNetworkOpts: {},
  sources: {},
};

export const defaultHostState: DockerHostState = {
  ipv4ForwardingWasEnabled: false,
  ipv6ForwardingWasEnabled: false,
  ephemeralPortStart: 32768,
  ipv6Listenable: true,
};

/** Driver option keys understood by synthesis. */
export const OPT = {
  bridgeName: 'com.docker.network.bridge.name',
  enableIcc: 'com.docker.network.bridge.enable_icc',
  enableIpMasquerade: 'com.docker.network.bridge.enable_ip_masquerade',
  hostBindingIpv4: 'com.docker.network.bridge.host_binding_ipv4',
  gatewayModeIpv4: 'com.docker.network.bridge.gateway_mode_ipv4',
  gatewayModeIpv6: 'com.docker.network.bridge.gateway_mode_ipv6',
  trustedHostInterfaces: 'com.docker.network.bridge.trusted_host_interfaces',
  hostIpv4: 'com.docker.network.host_ipv4',
  hostIpv6: 'com.docker.network.host_ipv6',
} as const;
