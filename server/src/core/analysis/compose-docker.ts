/**
 * Maps a compose project onto the input of Docker rule synthesis: the networks compose creates,
 * one endpoint per (service, network), and the published ports on the endpoint whose network gives
 * the container its default gateway (Docker maps ports only there).
 */
import type { ComposeProject, ComposeService, PublishedPort } from '../compose';
import type { CoreDiagnostic } from '../diagnostics';
import type { DockerEndpointSpec, DockerNetworkSpec, PortBinding, Proto, SourceRef } from '../docker';
import type { Span } from '../text';

export interface ComposeDockerMapping {
  readonly networks: readonly DockerNetworkSpec[];
  /**
   * The compose port each binding came from, keyed by the binding's provenance object (synthesis
   * passes it through unchanged to `ResolvedBinding.source`), to link results back to the file.
   */
  readonly portOf: ReadonlyMap<SourceRef, { readonly service: string; readonly port: PublishedPort }>;
  /** Services with `network_mode: host`: Docker publishes nothing, the host's INPUT governs them. */
  readonly hostMode: readonly ComposeService[];
  readonly diagnostics: readonly CoreDiagnostic[];
}

const PROTOS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);

export function sourceRef(span: Span, text: string): SourceRef {
  return { file: span.file, line: span.range.start.line + 1, column: span.range.start.character + 1, text, span };
}

/** The port as compose's short syntax would write it (for provenance text). */
export function portText(p: PublishedPort): string {
  const host = p.hostIp ? (p.hostIp.includes(':') ? `[${p.hostIp}]:` : `${p.hostIp}:`) : '';
  const pub = p.published !== undefined ? `${p.published}:` : host ? ':' : '';
  const proto = p.protocol && p.protocol.toLowerCase() !== 'tcp' ? `/${p.protocol.toLowerCase()}` : '';
  return `${host}${pub}${p.target}${proto}`;
}

function hostPortOf(published: string | undefined): PortBinding['hostPort'] {
  if (published === undefined || published === '') return 0;
  const m = /^(\d+)(?:-(\d+))?$/.exec(published);
  if (!m) return 0;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a === b ? a : { start: a, end: b };
}

export function composeToDocker(project: ComposeProject): ComposeDockerMapping {
  const diagnostics: CoreDiagnostic[] = [];
  const portOf = new Map<SourceRef, { service: string; port: PublishedPort }>();
  const hostMode: ComposeService[] = [];
  const endpointsByNetwork = new Map<string, DockerEndpointSpec[]>();
  const info = (span: Span, message: string): void => {
    diagnostics.push({ span, severity: 'information', message, code: 'compose-docker' });
  };

  let order = 0;
  for (const svc of project.services.values()) {
    if (!svc.active) continue;
    const mode = svc.networkMode;
    if (mode.kind === 'host') {
      hostMode.push(svc);
      continue;
    }
    if (mode.kind === 'none') continue;
    if (mode.kind === 'service' || mode.kind === 'container' || mode.kind === 'other') {
      if (svc.ports.length) info(svc.span, `service ${svc.name} shares another network namespace (network_mode: ${svc.networkModeText ?? mode.kind}); its ports are not published by Docker`);
      continue;
    }
    // Networks the service joins: `bridge` mode uses the default bridge; otherwise its list or `default`.
    const joined =
      mode.kind === 'bridge'
        ? [{ key: '\u0000bridge', priority: 0 }]
        : svc.networks.length
          ? svc.networks.map((n) => ({ key: n.key, priority: n.priority ?? 0, ipv4: n.ipv4Address, ipv6: n.ipv6Address }))
          : [{ key: 'default', priority: 0 }];
    // The gateway network: highest priority, then name order (compose connects in that order).
    const sorted = [...joined].sort((a, b) => b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const container = `${project.name}-${svc.name}-1`;
    const thisOrder = order++;
    sorted.forEach((j, idx) => {
      const netName = j.key === '\u0000bridge' ? 'bridge' : (project.networks.get(j.key)?.name ?? `${project.name}_${j.key}`);
      const ports: PortBinding[] = [];
      if (idx === 0) {
        for (const p of svc.ports) {
          const proto = p.protocol.toLowerCase();
          if (!PROTOS.has(proto)) continue;
          const provenance = sourceRef(p.source.item, portText(p));
          portOf.set(provenance, { service: svc.name, port: p });
          ports.push({ hostIp: p.hostIp || undefined, hostPort: hostPortOf(p.published), containerPort: p.target, proto: proto as Proto, provenance });
        }
      }
      const ep: DockerEndpointSpec = {
        container,
        service: svc.name,
        ipv4: 'ipv4' in j ? j.ipv4 : undefined,
        ipv6: 'ipv6' in j ? j.ipv6 : undefined,
        ports,
        order: thisOrder,
      };
      const list = endpointsByNetwork.get(netName) ?? [];
      list.push(ep);
      endpointsByNetwork.set(netName, list);
    });
  }

  const networks: DockerNetworkSpec[] = [];
  if (endpointsByNetwork.has('bridge')) networks.push({ name: 'bridge', endpoints: endpointsByNetwork.get('bridge') });
  for (const net of project.networks.values()) {
    const endpoints = endpointsByNetwork.get(net.name);
    if (!endpoints) continue;
    if (net.driver && net.driver !== 'bridge') {
      if (net.span) info(net.span, `network ${net.key} uses the ${net.driver} driver; only bridge networks are modelled`);
      continue;
    }
    const v4 = net.ipam.find((c) => c.subnet && !c.subnet.includes(':'));
    const v6 = net.ipam.find((c) => c.subnet?.includes(':'));
    networks.push({
      name: net.name,
      bridge: net.bridgeName,
      subnet: v4?.subnet,
      gateway: v4?.gateway,
      subnetV6: v6?.subnet,
      gatewayV6: v6?.gateway,
      enableIPv6: net.enableIpv6,
      internal: net.internal,
      options: net.driverOpts,
      endpoints,
      provenance: net.span ? sourceRef(net.span, net.key) : undefined,
    });
    if (net.external && net.span) info(net.span, `network ${net.key} is external: its subnet and options are not known, Docker's defaults are assumed`);
  }
  return { networks, portOf, hostMode, diagnostics };
}
