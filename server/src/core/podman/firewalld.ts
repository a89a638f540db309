/**
 * What rootful Podman's netavark 1.4 does to a running firewalld. Measured on Debian 12's netavark
 * 1.4.0 with firewalld 1.3.3 (shared/tools/realpodman; test/firewalld-diff/podman.ts compares the
 * result with the real `nft list table inet firewalld` and `firewall-cmd`):
 *
 * - iptables driver (the default): beside its iptables rules, when a container of a network starts
 *   and firewalld answers on D-Bus, netavark binds the network's subnet to zone `trusted` in
 *   firewalld's runtime configuration. Traffic from the containers then takes zone trusted (target
 *   ACCEPT) in firewalld's input and forward chains, whatever the default zone says.
 * - firewalld driver (containers.conf `firewall_driver = "firewalld"`): no iptables rules at all.
 *   netavark writes zone `netavark_zone` (`<forward/>`) and the policies `netavark_policy` (ingress
 *   netavark_zone, egress ANY, target ACCEPT, masquerade) and `netavark_portfwd` (ANY to ANY,
 *   target CONTINUE) to firewalld's permanent folder, and at runtime binds each network's subnet to
 *   netavark_zone and adds one forward-port per published port to netavark_portfwd:
 *   `port=P:proto=T:toport=C:toaddr=A`, A the container's address, or the host address the port is
 *   bound to when it names one (`127.0.0.1:6379:6379` gives `toaddr=127.0.0.1`, `203.0.113.1:8080:
 *   8080` `toaddr=203.0.113.1`: such a port reaches no container). firewalld renders forward-ports
 *   in its prerouting nat chain only, so the host's own connections to a published port are not
 *   forwarded either.
 *
 * Pure, never throws.
 */
import type { EngineFirewalld, ResolvedBinding, RuleProvenance } from '../docker/model';
import type { ResolvedNetwork } from '../docker/ipam';
import type { FwForwardPort, Policy, Zone } from '../firewalld';
import type { Span } from '../text';
import { provNetavark } from './netavark';

/** The policy netavark's firewalld driver puts its forward-ports in. */
export const NETAVARK_PORTFWD_POLICY = 'netavark_portfwd';

/** The zone netavark's iptables driver binds each container network's subnet to. */
export const NETAVARK_TRUSTED_ZONE = 'trusted';

const nowhere: Span = { file: '<podman>', start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/** A binding netavark's firewalld driver forwards to the address the port is bound to instead of the container. */
export const forwardsToHost = (b: Pick<ResolvedBinding, 'hostIp'>): boolean => b.hostIp !== '' && b.hostIp !== '0.0.0.0';

const bare = (name: string, span: Span) => ({ name, file: span.file, span, services: [], ports: [], protocols: [], forwardPorts: [], rules: [] });

/**
 * firewalld's runtime additions for the networks netavark set up (those with a container), cited at
 * the network's definition, else at the first port item of a container on it (forward-ports at their
 * port item); each such span carries the rules' provenance.
 */
export function netavarkFirewalld(label: string, driver: 'iptables' | 'firewalld', networks: readonly ResolvedNetwork[], bindings: readonly ResolvedBinding[]): EngineFirewalld {
  const provenance = new Map<Span, RuleProvenance>();
  // each element its own span object (same place), so that its rules get its provenance
  const cite = (span: Span | undefined, p: RuleProvenance): Span => {
    const s = { ...(span ?? nowhere) };
    provenance.set(s, p);
    return s;
  };
  const used = networks.filter((n) => n.v4 && n.endpoints.length);
  const netSpan = (n: ResolvedNetwork, purpose: string): Span =>
    cite(n.provenance?.span ?? bindings.find((b) => b.network === n.name && b.source?.span)?.source?.span, provNetavark(label, purpose, n));
  if (driver === 'iptables')
    return { runtime: { sources: used.map((n) => ({ zone: NETAVARK_TRUSTED_ZONE, address: n.v4!.cidr, span: netSpan(n, `subnet bound to firewalld zone ${NETAVARK_TRUSTED_ZONE}`) })) }, provenance, inBaseline: true };

  const daemon = (purpose: string): Span => cite(undefined, provNetavark(label, purpose));
  const zoneSpan = daemon('firewalld zone netavark_zone');
  const zone: Zone = {
    ...bare('netavark_zone', zoneSpan),
    tag: zoneSpan,
    target: { value: 'default' },
    interfaces: [],
    sources: used.map((n) => ({ value: n.v4!.cidr, span: netSpan(n, 'subnet bound to firewalld zone netavark_zone') })),
    forward: zoneSpan,
  };
  const policySpan = daemon('firewalld policy netavark_policy: accept and masquerade what the containers send');
  const policy: Policy = {
    ...bare('netavark_policy', policySpan),
    masquerade: policySpan,
    target: { value: 'ACCEPT', span: policySpan },
    priority: -1,
    ingress: [{ value: 'netavark_zone', span: policySpan }],
    egress: [{ value: 'ANY', span: policySpan }],
  };
  const fwdSpan = daemon('firewalld policy netavark_portfwd: forward-ports of published ports');
  const forwardPorts: FwForwardPort[] = [];
  for (const b of bindings) {
    if (b.hostPort <= 0 || b.hostIp.includes(':') || !b.containerIp) continue;
    const to = forwardsToHost(b) ? b.hostIp : b.containerIp;
    const purpose = forwardsToHost(b) ? `firewalld forward-port to ${to}, the address the port is bound to, not the container` : 'firewalld forward-port to the container';
    const span = cite(b.source?.span, provNetavark(label, purpose, networks.find((n) => n.name === b.network), b));
    forwardPorts.push({ port: String(b.hostPort), protocol: b.proto, toPort: String(b.containerPort), toAddr: to, span });
  }
  const portfwd: Policy = {
    ...bare(NETAVARK_PORTFWD_POLICY, fwdSpan),
    forwardPorts,
    target: { value: 'CONTINUE', span: fwdSpan },
    priority: -1,
    ingress: [{ value: 'ANY', span: fwdSpan }],
    egress: [{ value: 'ANY', span: fwdSpan }],
  };
  return { runtime: { zones: [zone], policies: [policy, portfwd] }, provenance };
}
