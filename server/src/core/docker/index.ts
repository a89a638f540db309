/**
 * Docker rule synthesis: given daemon options, host state, networks, endpoints and published ports,
 * produce exactly the rules a Docker release installs, with provenance.
 *
 *   const { value, diagnostics } = synthesizeDockerRules({ version: '28.2.2', daemon, networks });
 *   renderIptablesSave(value.iptables.ipv4)  // or renderNft(value.nftables)
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { type BindingContext, expandBindings, PortAllocator } from './bindings';
import { resolveNetworks } from './ipam';
import { synthIptables } from './iptables';
import type { DockerRuleset, ResolvedBinding } from './model';
import { synthNftables } from './nftables';
import { type DockerRelease, parseRelease, releaseFeatures } from './release';
import { defaultHostState, type DockerHostState, type DockerSynthInput } from './types';

export * from './types';
export * from './model';
export { parseDaemonJson } from './daemon-json';
export { parseRelease, releaseFeatures, type DockerRelease, type ReleaseFeatures, type IptablesLayout } from './release';
export { bridgeNameFor, resolveNetworks, type ResolvedNetwork, type ResolvedEndpoint } from './ipam';
export { renderIptablesSave, renderIptablesSaveBoth, renderNft, iptSpecAsNft, iptSpecArgs } from './render';
export { parseNetworkJson } from './network-json';

const nowhere = { file: '<docker>', start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

export function synthesizeDockerRules(input: DockerSynthInput): Result<DockerRuleset> {
  const diagnostics: CoreDiagnostic[] = [];
  const say = (message: string, severity: 'error' | 'warning' | 'information' = 'warning', span = nowhere): void => {
    diagnostics.push({ span, severity, message, code: 'docker' });
  };
  let release: DockerRelease | undefined = parseRelease(input.version);
  if (!release) {
    say(`unknown Docker release "${input.version}"; expected e.g. 24, 27.5, 28.0, 28.2.2, 29 — using 29`, 'error');
    release = { major: 29, minor: 0, patch: 0, text: '29' };
  }
  const f = releaseFeatures(release);
  const daemon = input.daemon;
  const host: DockerHostState = { ...defaultHostState, ...(input.host ?? {}) };
  const src = (k: string) => daemon.sources[k]?.span ?? nowhere;

  let backend = daemon.firewallBackend;
  if (backend === 'nftables' && !f.nftables) {
    say(`"firewall-backend": "nftables" needs Docker 29 or later; ${release.text} uses iptables`, 'error', src('firewall-backend'));
    backend = 'iptables';
  }
  let ip6 = daemon.ip6tables ?? f.ip6tablesDefault;
  if (ip6 && f.ip6tablesNeedsExperimental && !daemon.experimental) {
    if (daemon.ip6tables) say(`"ip6tables" needs "experimental": true before Docker 27; dockerd refuses to start`, 'error', src('ip6tables'));
    ip6 = false;
  }
  if (daemon.allowDirectRouting && !f.directRoutingOptions) say('"allow-direct-routing" exists from Docker 28.2', 'warning', src('allow-direct-routing'));
  if (daemon.ipForwardNoDrop && !f.ipForwardNoDrop) say('"ip-forward-no-drop" exists from Docker 28.0', 'warning', src('ip-forward-no-drop'));
  if (daemon.bridgeAcceptFwmark && !f.acceptFwmark) say('"bridge-accept-fwmark" exists from Docker 29.0', 'warning', src('bridge-accept-fwmark'));
  const v4 = daemon.iptables;
  const v6 = ip6 && (daemon.iptables || f.ip6tablesWithoutIptables);
  if (!daemon.iptables) {
    const which = v6 ? `no IPv4 firewall rules (its IPv6 rules stay: "ip6tables" is on, and from Docker 27 it does not follow "iptables")` : 'no firewall rules';
    say(
      daemon.userlandProxy
        ? `"iptables": false — Docker installs ${which}; published ports are served by docker-proxy${v6 ? ' over IPv4' : ''} (INPUT applies)`
        : `"iptables": false with "userland-proxy": false — Docker installs ${which} and starts no docker-proxy: published ports are not reachable${v6 ? ' over IPv4' : ''}`,
      'information',
      src('iptables'),
    );
  }
  if (release.major === 28 && release.minor === 0 && release.patch === 0) {
    say('28.0.0 used ipsets (docker-ext-bridges-v4/v6) in FORWARD; the 28.0.1 layout is synthesized instead', 'warning');
  }

  const resolved = resolveNetworks(daemon, input.networks);
  diagnostics.push(...resolved.diagnostics);
  for (const n of resolved.networks) {
    for (const sub of [n.v4, n.v6]) {
      if (!sub) continue;
      if (sub.gatewayMode === 'routed' && !f.routedMode) say(`gateway mode "routed" of ${n.name} exists from Docker 27`, 'error');
      if ((sub.gatewayMode === 'nat-unprotected' || sub.gatewayMode === 'isolated') && !f.natUnprotectedMode) say(`gateway mode "${sub.gatewayMode}" of ${n.name} exists from Docker 28`, 'error');
    }
  }

  const ctxB: BindingContext = {
    proxy: daemon.userlandProxy,
    host,
    allocator: new PortAllocator(host.ephemeralPortStart),
    diagnostics,
    rules4: v4,
    rules6: v6,
  };
  // Fixed host ports are reserved before any ephemeral or range allocation.
  for (const n of resolved.networks) {
    for (const ep of n.endpoints) {
      for (const p of ep.ports) if (typeof p.hostPort === 'number' && p.hostPort > 0) ctxB.allocator.reserve(p.proto ?? 'tcp', p.hostPort);
    }
  }
  const endpoints = resolved.networks
    .flatMap((net) => net.endpoints.map((ep) => ({ net, ep })))
    .sort((a, b) => a.ep.order - b.ep.order)
    .map(({ net, ep }) => ({ net, ep, bindings: expandBindings(net, ep, ctxB) }));
  const bindings: ResolvedBinding[] = endpoints.flatMap((e) => e.bindings);

  const ctx = { release, features: f, daemon, host, networks: resolved.networks, endpoints, v4, v6 };
  const empty = { ipv4: [], ipv6: [] };
  const ruleset: DockerRuleset = {
    release,
    backend,
    iptables: backend === 'iptables' && (v4 || v6) ? synthIptables(ctx) : empty,
    nftables: backend === 'nftables' && (v4 || v6) ? synthNftables(ctx) : [],
    bindings,
    networks: resolved.networks,
  };
  return { value: ruleset, diagnostics };
}
