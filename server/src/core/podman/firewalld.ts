/**
 * What rootful Podman's netavark 1.4 does to a running firewalld, beside its own rules. Measured on
 * Debian 12's netavark 1.4.0 with firewalld 1.3.3 (shared/tools/realpodman, test/firewalld-diff's
 * Podman scenario):
 *
 * - iptables driver (the default): when a container of a network starts and firewalld answers on
 *   D-Bus, netavark binds the network's subnet to zone `trusted` in firewalld's runtime
 *   configuration (`firewall-cmd --get-active-zones` lists it under `trusted`, sources; the
 *   permanent configuration is unchanged). Traffic from the containers then takes zone trusted
 *   (target ACCEPT) in firewalld's input and forward chains, whatever the default zone says.
 *
 * Pure, never throws.
 */
import type { DockerRuleset } from '../docker/model';
import type { FirewalldRuntime } from '../firewalld';
import type { Span } from '../text';
import type { PodmanConfig } from './types';

/** The zone netavark's iptables driver binds each container network's subnet to. */
export const NETAVARK_TRUSTED_ZONE = 'trusted';

/**
 * firewalld's runtime additions for the networks netavark set up (those with a container): each
 * subnet a source of zone trusted, cited at the network's definition, else at the first port item
 * of a container on it, else at `anchor`.
 */
export function netavarkFirewalldRuntime(rs: DockerRuleset, config: PodmanConfig, anchor: Span): FirewalldRuntime {
  if (config.rootless || (config.firewallDriver ?? 'iptables') !== 'iptables') return {};
  const sources: { zone: string; address: string; span: Span }[] = [];
  for (const n of rs.networks) {
    if (!n.v4 || !n.endpoints.length) continue;
    const port = rs.bindings.find((b) => b.network === n.name && b.source?.span)?.source?.span;
    sources.push({ zone: NETAVARK_TRUSTED_ZONE, address: n.v4.cidr, span: n.provenance?.span ?? port ?? anchor });
  }
  return { sources };
}
