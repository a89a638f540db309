/**
 * Inputs of Podman/netavark rule synthesis: what `containers.conf` says about networking, and what
 * the host already holds (networks created before the project, taken subnets).
 */
import type { SourceRef } from '../docker/types';
import type { Span } from '../text';

/** netavark's firewall drivers (`containers.conf` `[network] firewall_driver`, env `NETAVARK_FW`). */
export type NetavarkDriver = 'iptables' | 'nftables' | 'firewalld' | 'none';

export interface PodmanConfig {
  /** `[network] network_backend` (netavark or cni); only netavark is modelled. */
  readonly networkBackend: 'netavark' | 'cni';
  /** `[network] firewall_driver`; absent: netavark's own choice for its release (1.4: iptables). */
  readonly firewallDriver?: NetavarkDriver;
  /** `[network] default_subnet`: the `podman` network's subnet (default 10.88.0.0/16). */
  readonly defaultSubnet: string;
  /** `[network] default_subnet_pools`: where new networks take their subnets (default 10.89.0.0/16 in /24s). */
  readonly subnetPools: readonly { readonly base: string; readonly size: number }[];
  /** Podman runs rootless: published ports are served by a user-space forwarder (pasta / slirp4netns / rootlessport). */
  readonly rootless: boolean;
  /** `[network] default_rootless_network_cmd` (pasta, slirp4netns) when given. */
  readonly rootlessNetworkCmd?: string;
  /** Where each setting came from, by key (for diagnostics). */
  readonly sources: Readonly<Record<string, { readonly span: Span }>>;
}

export const defaultPodmanConfig: PodmanConfig = {
  networkBackend: 'netavark',
  defaultSubnet: '10.88.0.0/16',
  subnetPools: [{ base: '10.89.0.0/16', size: 24 }],
  rootless: false,
  sources: {},
};

/** What the host held before the project's networks were created. */
export interface PodmanHostState {
  /** Networks that already exist (name → subnet, bridge), in creation order; they keep their subnets and bridges. */
  readonly existingNetworks?: readonly { readonly name: string; readonly subnet: string; readonly bridge: string }[];
}

/** One published port of one container, as podman passes it to netavark. */
export interface PodmanPort {
  readonly hostIp?: string;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly proto: 'tcp' | 'udp' | 'sctp';
  readonly provenance?: SourceRef;
}
