/**
 * Docker's state as a live dump shows it (see live.ts), in the shape the analysis uses for
 * synthesized rules: networks with their bridges and subnets, and the bindings of the published
 * ports. A compose project given beside the dump is matched to the bindings by protocol, host port,
 * container port and host address, so findings land on the `ports:` item that published the port;
 * compose ports the dump does not publish are announced.
 *
 * With the Engine API's state (`EngineView`, from `dockwall audit`), nothing is guessed: the
 * networks' bridges, subnets and gateways come from the API, each binding belongs to the container
 * whose address the DNAT rule names (its compose service from the `com.docker.compose.service`
 * label), and the ports the API shows bound with no DNAT rule of Docker's in the dump (`::` with
 * ip6tables off or no IPv6 network, or iptables off) are docker-proxy's.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { DockerRuleset, ResolvedBinding, ResolvedNetwork, SourceRef } from '../docker';
import { COMPOSE_SERVICE, containerAt, type EngineContainer, type EngineNetwork, type EngineView } from '../docker/engine';
import { type IpInterval, formatInterval, maxOf, parseIp, parseIpInterval } from '../net/ip';
import type { PublishedPort } from '../compose';
import type { ComposeDockerMapping } from './compose-docker';
import type { DockerInDumps, DumpBinding } from './live';

/** Compose items the host does not publish, each announced on its `ports:` line with `why`. */
function noteUnpublished(items: readonly [SourceRef, { service: string; port: PublishedPort }][], used: ReadonlySet<SourceRef>, diagnostics: CoreDiagnostic[], why: string): void {
  for (const [ref, { service, port }] of items)
    if (!used.has(ref) && port.source.item)
      diagnostics.push({
        span: port.source.item,
        severity: 'information',
        code: 'live-dump',
        message: `service ${service} publishes ${port.published ?? '(ephemeral)'}:${port.target}/${port.protocol}, but ${why}`,
      });
}

function subnetOf(iv: IpInterval): ResolvedNetwork['v4'] {
  const bits = iv.v === 4 ? 32 : 128;
  const size = iv.hi - iv.lo + 1n;
  let len = bits;
  while (len > 0 && 1n << BigInt(bits - len) < size) len--;
  const cidr = formatInterval(iv).includes('/') ? formatInterval(iv) : `${formatInterval(iv)}/${len}`;
  // Docker's gateway is the subnet's first host address unless configured otherwise.
  return { prefix: iv, cidr, gateway: { v: iv.v, n: iv.lo + 1n }, gatewayMode: 'nat' };
}

/** A container address's network when no MASQUERADE rule names the subnet: a /16 (IPv4) or /64 (IPv6) around it. */
function guessedSubnet(containerIp: string): IpInterval | undefined {
  const a = parseIp(containerIp);
  if (!a) return undefined;
  const host = a.v === 4 ? 16n : 64n;
  const mask = (1n << host) - 1n;
  const lo = a.n & ~mask & maxOf(a.v);
  return { v: a.v, lo, hi: lo | mask };
}

function matchesItem(b: DumpBinding, published: string | undefined, target: number, protocol: string, hostIp: string | undefined): boolean {
  if (protocol.toLowerCase() !== b.proto || target !== b.containerPort) return false;
  const m = /^(\d+)(?:-(\d+))?$/.exec(published ?? '');
  if (!m || b.hostPort < Number(m[1]) || b.hostPort > Number(m[2] ?? m[1])) return false;
  if (!hostIp || hostIp === '0.0.0.0' || hostIp === '::') return true;
  const h = parseIp(hostIp.replace(/^\[|\]$/g, ''));
  const d = parseIp(b.hostIp);
  return !!h && !!d && h.v === d.v && h.n === d.n;
}

/** The binding a DNAT rule of Docker's makes, owned as `at` says. */
function dnatBinding(b: DumpBinding, at: Pick<ResolvedBinding, 'network' | 'bridge' | 'container' | 'service' | 'source' | 'note'>): ResolvedBinding {
  return { ...at, proto: b.proto, hostIp: b.hostIp, hostPort: b.hostPort, containerIp: b.containerIp, containerPort: b.containerPort, path: 'dnat', proxy: false };
}

/**
 * @param userlandProxy daemon.json `userland-proxy` (default on): docker-proxy then serves a port
 * published on every address over IPv6 when no ip6tables DNAT rule does, which a dump cannot show.
 */
export function dockerFromDump(
  live: DockerInDumps,
  mapping: ComposeDockerMapping,
  userlandProxy: boolean,
  diagnostics: CoreDiagnostic[],
  engine?: EngineView,
  expected: readonly ResolvedBinding[] = [],
): DockerRuleset {
  if (engine) return fromEngine(live, mapping, engine, diagnostics);
  const items = [...mapping.portOf.entries()];
  const used = new Set<SourceRef>();
  const bindings: ResolvedBinding[] = live.bindings.map((b) => {
    const hit = items.find(([, { port }]) => matchesItem(b, port.published, port.target, port.protocol, port.hostIp));
    if (hit) used.add(hit[0]);
    return dnatBinding(b, { network: b.bridge ?? '', bridge: b.bridge ?? '', container: b.containerIp, service: hit?.[1].service, source: hit?.[0] });
  });
  // A compose item published on every address has an IPv6 side: DNAT when ip6tables handles it,
  // else docker-proxy listening on [::] (when the userland proxy is on), forwarding to the IPv4 container.
  for (const b of [...bindings]) {
    if (!b.source || b.hostIp !== '0.0.0.0' || !userlandProxy) continue;
    const item = mapping.portOf.get(b.source)?.port;
    // An address written in the item (even 0.0.0.0) publishes that family only.
    if (item?.hostIp) continue;
    if (bindings.some((x) => x.hostIp.includes(':') && x.hostPort === b.hostPort && x.proto === b.proto)) continue;
    bindings.push({ ...b, hostIp: '::', path: 'proxy-only', proxy: true, note: 'docker-proxy on [::] (userland-proxy on; a dump does not show it)' });
    if (item)
      diagnostics.push({
        span: item.source.item,
        severity: 'information',
        code: 'live-dump',
        message: `IPv6: no ip6tables DNAT rule in the dump publishes ${b.proto}/${b.hostPort}, so docker-proxy is taken to serve [::]:${b.hostPort} (userland-proxy is on)`,
      });
  }
  // What the dumps cannot show: ports docker-proxy alone serves (a family Docker writes no rules
  // for: iptables or ip6tables off, IPv6 before 27 without ip6tables). They come from what Docker
  // publishes for the compose project (synthesized), where the dumps hold no binding of that family.
  const family = (ip: string): number => (ip.includes(':') ? 6 : 4);
  for (const e of expected) {
    if (!e.proxy || !e.source || (e.path !== 'proxy-only' && e.path !== 'dnat')) continue;
    const covered = bindings.some((x) => x.source === e.source && family(x.hostIp) === family(e.hostIp)) || bindings.some((x) => x.hostPort === e.hostPort && x.proto === e.proto && family(x.hostIp) === family(e.hostIp));
    if (covered) continue;
    // A DNAT rule Docker should have written is missing (iptables-legacy writers racing) while the
    // service runs: docker-proxy, which listens beside every DNAT'd port, serves it alone.
    const lost = e.path === 'dnat';
    if (lost && !bindings.some((x) => x.service === e.service && x.path === 'dnat')) continue;
    // The bridge as the dumps name it (their subnet holds the container's address), for docker-proxy's own connection.
    const c = parseIp(e.containerIp);
    const br = c && live.bridges.find((x) => x.subnets.some((iv) => iv.v === c.v && iv.lo <= c.n && c.n <= iv.hi));
    bindings.push({ ...e, path: 'proxy-only', ...(br ? { bridge: br.name, network: br.name } : {}), note: 'docker-proxy (what Docker publishes for the compose item; a dump does not show it)' });
    used.add(e.source);
    const item = mapping.portOf.get(e.source)?.port;
    if (item)
      diagnostics.push({
        span: item.source.item,
        severity: 'information',
        code: 'live-dump',
        message: lost
          ? `${e.proto}/${e.hostPort} on ${e.hostIp.includes(':') ? `[${e.hostIp}]` : e.hostIp}: the dump lacks the DNAT rule Docker writes for it (lost on the host?); docker-proxy serves it alone`
          : `${e.proto}/${e.hostPort} on ${e.hostIp.includes(':') ? `[${e.hostIp}]` : e.hostIp}: Docker writes no rule for it, docker-proxy serves it (a dump does not show that; taken from the compose item and daemon settings)`,
      });
  }
  noteUnpublished(items, used, diagnostics, "the dump holds no DNAT rule of Docker's for it: not running when the dump was taken, or published by docker-proxy alone (IPv6 without ip6tables), which a dump does not show");
  const networks: ResolvedNetwork[] = live.bridges.map((br) => {
    let v4 = br.subnets.find((s) => s.v === 4);
    let v6 = br.subnets.find((s) => s.v === 6);
    const own = live.bindings.filter((b) => b.bridge === br.name);
    v4 ??= own.filter((b) => b.v === 4).map((b) => guessedSubnet(b.containerIp)).find((x) => x);
    v6 ??= own.filter((b) => b.v === 6).map((b) => guessedSubnet(b.containerIp)).find((x) => x);
    return {
      name: br.name,
      bridge: br.name,
      isDefaultBridge: br.name === 'docker0',
      v4: v4 && subnetOf(v4),
      v6: v6 && subnetOf(v6),
      internal: false,
      icc: true,
      masquerade: br.subnets.length > 0,
      hostBinding: '0.0.0.0',
      trustedHostInterfaces: [],
      endpoints: [],
    };
  });
  return {
    release: { major: 0, minor: 0, patch: 0, text: 'as found in the dump' },
    backend: live.backend,
    iptables: { ipv4: [], ipv6: [] },
    nftables: [],
    bindings,
    networks,
  };
}

function engineSubnet(n: EngineNetwork, v: 4 | 6): ResolvedNetwork['v4'] {
  for (const s of n.subnets) {
    const iv = parseIpInterval(s.cidr);
    if (!iv || iv.v !== v) continue;
    const gw = s.gateway ? parseIp(s.gateway) : undefined;
    return { ...subnetOf(iv)!, ...(gw && gw.v === v ? { gateway: gw } : {}) };
  }
  return undefined;
}

/** The service an analysis reports a container under (see `EngineView.services`); undefined: not reported here. */
function serviceOf(engine: EngineView, c: EngineContainer): string | undefined {
  if (engine.services) return engine.services.get(c.id);
  return c.labels[COMPOSE_SERVICE] || c.name;
}

/** dockerFromDump with the Engine's state: exact networks, owners, and docker-proxy's bindings. */
function fromEngine(live: DockerInDumps, mapping: ComposeDockerMapping, engine: EngineView, diagnostics: CoreDiagnostic[]): DockerRuleset {
  const state = engine.state;
  const items = [...mapping.portOf.entries()];
  const used = new Set<SourceRef>();
  const bridgeOfNet = new Map<string, string>();
  for (const n of state.networks) if (n.bridge) (bridgeOfNet.set(n.id, n.bridge), bridgeOfNet.set(n.name, n.bridge));
  const find = (service: string | undefined, b: { proto: string; hostPort: number; containerPort: number; hostIp: string }) => {
    const own = items.filter(([, it]) => service === undefined || it.service === service);
    const hit = own.find(([, { port }]) => matchesItem(b as DumpBinding, port.published, port.target, port.protocol, port.hostIp));
    if (hit) used.add(hit[0]);
    return hit;
  };
  const bindings: ResolvedBinding[] = [];
  for (const b of live.bindings) {
    const owner = containerAt(state, b.containerIp);
    const service = owner ? serviceOf(engine, owner.container) : undefined;
    // A container another analysis reports; a DNAT rule of no running container only where everything is reported.
    if (owner ? service === undefined : engine.services && !engine.orphans) continue;
    const hit = find(service, b);
    const bridge = b.bridge ?? (owner ? bridgeOfNet.get(owner.endpoint.networkId) ?? bridgeOfNet.get(owner.endpoint.network) : undefined) ?? '';
    bindings.push(
      dnatBinding(b, {
        network: owner?.endpoint.network ?? bridge,
        bridge,
        container: owner?.container.name ?? b.containerIp,
        service: service ?? hit?.[1].service,
        source: hit?.[0],
        ...(owner ? {} : { note: 'no running container has this address (a stale rule?)' }),
      }),
    );
  }
  // Bound ports with no DNAT rule of Docker's: docker-proxy serves them (to the container's IPv4 address for `::`).
  for (const c of state.containers) {
    const service = serviceOf(engine, c);
    if (service === undefined) continue;
    for (const p of c.ports) {
      const v6 = p.hostIp.includes(':');
      const dnat = live.bindings.some((b) => b.proto === p.proto && b.hostPort === p.hostPort && (b.v === 6) === v6 && (b.hostIp === p.hostIp || b.hostIp === (v6 ? '::' : '0.0.0.0')));
      if (dnat) continue;
      // Without a DNAT rule only docker-proxy can serve it: nothing listening there, nothing served.
      if (engine.listening && !engine.listening.some((l) => l.proto === p.proto && l.port === p.hostPort && (l.ip === p.hostIp || l.ip === '*' || l.ip === (v6 ? '::' : '0.0.0.0')))) {
        const item = items.find(([, it]) => it.service === service && matchesItem({ ...p, v: v6 ? 6 : 4 } as unknown as DumpBinding, it.port.published, it.port.target, it.port.protocol, it.port.hostIp));
        if (item) used.add(item[0]);
        if (item)
          diagnostics.push({
            span: item[1].port.source.item,
            severity: 'information',
            code: 'live-dump',
            message: `${p.proto}/${p.hostPort} on ${v6 ? `[${p.hostIp}]` : p.hostIp}: the Engine shows it bound, but no rule of Docker's serves it and nothing listens there (no docker-proxy): not reachable`,
          });
        continue;
      }
      const ep = c.endpoints.find((e) => (v6 ? e.ipv6 ?? e.ipv4 : e.ipv4)) ?? c.endpoints[0];
      const containerIp = ep ? (v6 ? ep.ipv6 ?? ep.ipv4 : ep.ipv4) : undefined;
      if (!ep || !containerIp) continue;
      const hit = find(service, p);
      const bridge = bridgeOfNet.get(ep.networkId) ?? bridgeOfNet.get(ep.network) ?? '';
      bindings.push({
        network: ep.network,
        bridge,
        container: c.name,
        service,
        proto: p.proto,
        hostIp: p.hostIp,
        hostPort: p.hostPort,
        containerIp,
        containerPort: p.containerPort,
        path: 'proxy-only',
        proxy: true,
        source: hit?.[0],
        note: `docker-proxy on ${v6 ? `[${p.hostIp}]` : p.hostIp}:${p.hostPort} (the Engine API shows it bound; no DNAT rule of Docker's in the rulesets)`,
      });
    }
  }
  noteUnpublished(items, used, diagnostics, "no running container of the service has it bound (Engine API) and no rule of Docker's publishes it");
  const networks: ResolvedNetwork[] = [];
  const seen = new Set<string>();
  for (const n of state.networks) {
    if (!n.bridge || seen.has(n.bridge)) continue;
    seen.add(n.bridge);
    const o = n.options;
    networks.push({
      name: n.name,
      bridge: n.bridge,
      isDefaultBridge: o['com.docker.network.bridge.default_bridge'] === 'true' || n.name === 'bridge',
      v4: engineSubnet(n, 4),
      v6: n.enableIPv6 ? engineSubnet(n, 6) : undefined,
      internal: n.internal,
      icc: o['com.docker.network.bridge.enable_icc'] !== 'false',
      masquerade: o['com.docker.network.bridge.enable_ip_masquerade'] !== 'false',
      hostBinding: o['com.docker.network.bridge.host_binding_ipv4'] || '0.0.0.0',
      trustedHostInterfaces: [],
      endpoints: [],
    });
  }
  // Bridges the rules name that the API does not know (another daemon's, or removed): as the dump shows them.
  for (const br of live.bridges) {
    if (seen.has(br.name)) continue;
    const v4 = br.subnets.find((s) => s.v === 4);
    const v6 = br.subnets.find((s) => s.v === 6);
    networks.push({ name: br.name, bridge: br.name, isDefaultBridge: br.name === 'docker0', v4: v4 && subnetOf(v4), v6: v6 && subnetOf(v6), internal: false, icc: true, masquerade: br.subnets.length > 0, hostBinding: '0.0.0.0', trustedHostInterfaces: [], endpoints: [] });
  }
  return {
    release: { major: 0, minor: 0, patch: 0, text: `Docker ${state.version}, as found on the host` },
    backend: live.backend,
    iptables: { ipv4: [], ipv6: [] },
    nftables: [],
    bindings,
    networks,
  };
}
