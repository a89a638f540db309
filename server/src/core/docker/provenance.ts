/** Provenance records for synthesized rules: who caused the rule, and one readable line. */
import type { ResolvedEndpoint, ResolvedNetwork } from './ipam';
import type { ResolvedBinding, RuleProvenance } from './model';
import { type DockerRelease, releaseLabel } from './release';
import type { SourceRef } from './types';

function where(src: SourceRef | undefined): string {
  return src ? `${src.file}:${src.line} \`${src.text}\`` : '';
}

export function provDaemon(rel: DockerRelease, purpose: string, source?: SourceRef): RuleProvenance {
  const why = source ? ` (${where(source)})` : '';
  return { origin: 'daemon', purpose, source, text: `added by ${releaseLabel(rel)} at daemon start: ${purpose}${why}` };
}

export function provNetwork(rel: DockerRelease, net: ResolvedNetwork, purpose: string): RuleProvenance {
  const decl = net.provenance ? `, ${where(net.provenance)}` : '';
  return {
    origin: 'network',
    network: net.name,
    bridge: net.bridge,
    source: net.provenance,
    purpose,
    text: `added by ${releaseLabel(rel)} for network ${net.name} (bridge ${net.bridge}${decl}): ${purpose}`,
  };
}

export function provEndpoint(rel: DockerRelease, net: ResolvedNetwork, ep: ResolvedEndpoint, purpose: string): RuleProvenance {
  const who = ep.service && ep.service !== ep.container ? `${ep.container} (service ${ep.service})` : ep.container;
  return {
    origin: 'endpoint',
    network: net.name,
    bridge: net.bridge,
    container: ep.container,
    service: ep.service,
    purpose,
    text: `added by ${releaseLabel(rel)} for container ${who} on network ${net.name}: ${purpose}`,
  };
}

export function provPort(rel: DockerRelease, b: ResolvedBinding, purpose: string): RuleProvenance {
  const what = b.source ? where(b.source) : `${b.container} ${b.hostIp}:${b.hostPort}->${b.containerPort}/${b.proto}`;
  return {
    origin: 'port',
    network: b.network,
    bridge: b.bridge,
    container: b.container,
    service: b.service,
    source: b.source,
    purpose,
    text: `added by ${releaseLabel(rel)} for ${what} (${purpose})`,
  };
}
