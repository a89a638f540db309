/**
 * Docker's state as a live dump shows it (see live.ts), in the shape the analysis uses for
 * synthesized rules: networks with their bridges and subnets, and the bindings of the published
 * ports. A compose project given beside the dump is matched to the bindings by protocol, host port,
 * container port and host address, so findings land on the `ports:` item that published the port;
 * compose ports the dump does not publish are announced.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { DockerRuleset, ResolvedBinding, ResolvedNetwork, SourceRef } from '../docker';
import { type IpInterval, formatInterval, maxOf, parseIp } from '../net/ip';
import type { ComposeDockerMapping } from './compose-docker';
import type { DockerInDumps, DumpBinding } from './live';

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

/**
 * @param userlandProxy daemon.json `userland-proxy` (default on): docker-proxy then serves a port
 * published on every address over IPv6 when no ip6tables DNAT rule does, which a dump cannot show.
 */
export function dockerFromDump(live: DockerInDumps, mapping: ComposeDockerMapping, userlandProxy: boolean, diagnostics: CoreDiagnostic[]): DockerRuleset {
  const items = [...mapping.portOf.entries()];
  const used = new Set<SourceRef>();
  const bindings: ResolvedBinding[] = live.bindings.map((b) => {
    const hit = items.find(([, { port }]) => matchesItem(b, port.published, port.target, port.protocol, port.hostIp));
    if (hit) used.add(hit[0]);
    return {
      network: b.bridge ?? '',
      bridge: b.bridge ?? '',
      container: b.containerIp,
      service: hit?.[1].service,
      proto: b.proto,
      hostIp: b.hostIp,
      hostPort: b.hostPort,
      containerIp: b.containerIp,
      containerPort: b.containerPort,
      path: 'dnat',
      proxy: false,
      source: hit?.[0],
    };
  });
  // A compose item published on every address has an IPv6 side: DNAT when ip6tables handles it,
  // else docker-proxy listening on [::] (when the userland proxy is on), forwarding to the IPv4 container.
  for (const b of [...bindings]) {
    if (!b.source || b.hostIp !== '0.0.0.0' || !userlandProxy) continue;
    const item = mapping.portOf.get(b.source)?.port;
    if (item?.hostIp && item.hostIp !== '0.0.0.0' && item.hostIp !== '::') continue;
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
  for (const [ref, { service, port }] of items)
    if (!used.has(ref) && port.source.item)
      diagnostics.push({
        span: port.source.item,
        severity: 'information',
        code: 'live-dump',
        message: `service ${service} publishes ${port.published ?? '(ephemeral)'}:${port.target}/${port.protocol}, but the dump holds no DNAT rule of Docker's for it: not running when the dump was taken, or published by docker-proxy alone (IPv6 without ip6tables), which a dump does not show`,
      });
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
