/**
 * Port-binding expansion as dockerd does it (bridge driver `sortAndNormPBs`, `configurePortBindingIPv4/6`):
 * a binding without host address becomes `0.0.0.0` **and** `[::]` (default host binding permitting),
 * an IPv4-only container behind a v6 host address is served by docker-proxy only, routed mode maps
 * no host port, and bindings are sorted the way Docker sorts them (exact host ports before ranges,
 * then container port, protocol number, host port, host address).
 *
 * Host ports Docker chooses itself are deterministic here (documented assumption): ephemeral ports
 * are taken in sequence from `ip_local_port_range` start (32768), a range gives its first port not
 * already taken for that protocol.
 */
import type { CoreDiagnostic } from '../diagnostics';
import { formatIp, type IpAddress, isUnspecified, parseIp } from '../net/ip';
import type { ResolvedEndpoint, ResolvedNetwork } from './ipam';
import type { ResolvedBinding } from './model';
import type { DockerHostState, Proto, SourceRef } from './types';

const protoNumber: Record<Proto, number> = { tcp: 6, udp: 17, sctp: 132 };

interface Req {
  readonly mapper: 'nat' | 'routed';
  readonly proto: Proto;
  readonly hostIp: IpAddress;
  readonly hostPort: number;
  readonly hostPortEnd: number;
  readonly containerIp: IpAddress;
  readonly containerPort: number;
  readonly source?: SourceRef;
}

/** Host ports in use per protocol, shared by all endpoints of one daemon. */
export class PortAllocator {
  private readonly used = new Map<Proto, Set<number>>();
  private next: number;
  constructor(private readonly start: number) {
    this.next = start;
  }
  private set(p: Proto): Set<number> {
    let s = this.used.get(p);
    if (!s) this.used.set(p, (s = new Set()));
    return s;
  }
  reserve(p: Proto, port: number): void {
    this.set(p).add(port);
  }
  taken(p: Proto, port: number): boolean {
    return this.set(p).has(port);
  }
  /** First free port of [lo, hi], or the next ephemeral port when lo is 0. */
  pick(p: Proto, lo: number, hi: number): number | undefined {
    const s = this.set(p);
    if (lo === 0) {
      for (let x = this.next; x <= 65535; x++) {
        if (!s.has(x)) {
          s.add(x);
          this.next = x + 1;
          return x;
        }
      }
      return undefined;
    }
    for (let x = lo; x <= hi; x++) {
      if (!s.has(x)) {
        s.add(x);
        return x;
      }
    }
    return undefined;
  }
  get ephemeralStart(): number {
    return this.start;
  }
}

function cmpAddr(a: IpAddress, b: IpAddress): number {
  if (a.v !== b.v) return a.v - b.v;
  return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
}

function compareReq(a: Req, b: Req): number {
  if (a.mapper !== b.mapper) return a.mapper < b.mapper ? -1 : 1;
  const ar = a.hostPort === 0 || a.hostPort !== a.hostPortEnd;
  const br = b.hostPort === 0 || b.hostPort !== b.hostPortEnd;
  if (ar !== br) return ar ? 1 : -1;
  return (
    a.containerPort - b.containerPort ||
    protoNumber[a.proto] - protoNumber[b.proto] ||
    a.hostPort - b.hostPort ||
    a.hostPortEnd - b.hostPortEnd ||
    cmpAddr(a.hostIp, b.hostIp) ||
    cmpAddr(a.containerIp, b.containerIp)
  );
}

export interface BindingContext {
  readonly proxy: boolean;
  readonly host: DockerHostState;
  readonly allocator: PortAllocator;
  readonly diagnostics: CoreDiagnostic[];
  /** True when the family's firewall rules exist (iptables / ip6tables enabled). */
  readonly rules4: boolean;
  readonly rules6: boolean;
}

const V4ZERO: IpAddress = { v: 4, n: 0n };
const V6ZERO: IpAddress = { v: 6, n: 0n };

function diag(ctx: BindingContext, src: SourceRef | undefined, message: string, severity: 'warning' | 'information' = 'information'): void {
  const line = Math.max(0, (src?.line ?? 1) - 1);
  const ch = Math.max(0, (src?.column ?? 1) - 1);
  ctx.diagnostics.push({
    span: src?.span ?? { file: src?.file ?? '<ports>', start: 0, end: 0, range: { start: { line, character: ch }, end: { line, character: ch } } },
    severity,
    message,
    code: 'docker-ports',
  });
}

/** Expands one endpoint's published ports into Docker's sorted bindings, choosing host ports. */
export function expandBindings(net: ResolvedNetwork, ep: ResolvedEndpoint, ctx: BindingContext): ResolvedBinding[] {
  if (ep.ports.length === 0) return [];
  if (net.internal) {
    diag(ctx, ep.ports[0].provenance, `ports of ${ep.container} are not published: network "${net.name}" is internal`, 'warning');
    return [];
  }
  const defHost = parseIp(net.hostBinding) ?? V4ZERO;
  const routed4 = net.v4?.gatewayMode === 'routed';
  const routed6 = net.v6?.gatewayMode === 'routed';
  const reqs: Req[] = [];
  for (const pb of ep.ports) {
    const proto = pb.proto ?? 'tcp';
    const given = pb.hostIp !== undefined && pb.hostIp !== '' ? parseIp(pb.hostIp) : undefined;
    if (pb.hostIp && !given) {
      diag(ctx, pb.provenance, `invalid host address "${pb.hostIp}"`, 'warning');
      continue;
    }
    const hp = pb.hostPort;
    const [lo, hi] = hp === undefined ? [0, 0] : typeof hp === 'number' ? [hp, hp] : [hp.start, hp.end];
    // (each request written out whole: one object shape, no spread per port)
    const req = (mapper: Req['mapper'], hostIp: IpAddress, containerIp: IpAddress): Req => {
      const routed = mapper === 'routed';
      return { mapper, proto, hostIp, hostPort: routed ? 0 : lo, hostPortEnd: routed ? 0 : hi, containerIp, containerPort: pb.containerPort, source: pb.provenance };
    };
    // IPv4 binding.
    if (ep.ipv4 && (!given || given.v === 4) && (given || defHost.v === 4)) {
      let h = given ?? defHost;
      if (routed4) {
        if ((given && !isUnspecified(given)) || lo !== 0) diag(ctx, pb.provenance, `gateway mode "routed": host address and port of ${pb.provenance?.text ?? pb.containerPort} are ignored`, 'warning');
        h = V4ZERO;
      }
      reqs.push(req(routed4 ? 'routed' : 'nat', h, ep.ipv4));
    }
    // IPv6 binding (to the container's v6 address, or via docker-proxy to its v4 address).
    let c6 = ep.ipv6;
    if (!c6 && ep.ipv4 && ctx.proxy) c6 = ep.ipv4;
    if (!ep.ipv6 && !ctx.proxy && ((given && given.v === 6) || (!given && defHost.v === 6))) {
      diag(ctx, pb.provenance, `no IPv6 binding for ${pb.provenance?.text ?? pb.containerPort}: ${ep.container} has no IPv6 address and the userland proxy is off`);
    }
    if (c6 && (!given || given.v === 6)) {
      let h: IpAddress | undefined = given;
      if (!h) {
        if (defHost.v === 4 && isUnspecified(defHost)) h = ctx.host.ipv6Listenable ? V6ZERO : undefined;
        else if (defHost.v === 6) h = defHost;
      }
      if (h) {
        if (routed6 && c6.v === 6) h = V6ZERO;
        const r6 = routed6 && c6.v === 6;
        reqs.push(req(r6 ? 'routed' : 'nat', h, c6));
      }
    }
  }
  reqs.sort(compareReq);

  // Choose host ports; consecutive requests that must share a port (same cp/proto/hp range) get one.
  const out: ResolvedBinding[] = [];
  let groupPort: number | undefined;
  for (let i = 0; i < reqs.length; i++) {
    const r = reqs[i];
    const prev = i > 0 ? reqs[i - 1] : undefined;
    const sameGroup =
      prev !== undefined && prev.mapper === r.mapper && prev.containerPort === r.containerPort && prev.proto === r.proto && prev.hostPort === r.hostPort && prev.hostPortEnd === r.hostPortEnd;
    let hostPort = 0;
    let note: string | undefined;
    if (r.mapper === 'nat') {
      if (sameGroup && groupPort !== undefined) hostPort = groupPort;
      else if (r.hostPort !== 0 && r.hostPort === r.hostPortEnd) {
        hostPort = r.hostPort;
        ctx.allocator.reserve(r.proto, hostPort);
      } else {
        const got = ctx.allocator.pick(r.proto, r.hostPort, r.hostPortEnd);
        if (got === undefined) {
          diag(ctx, r.source, `no free host port for ${r.source?.text ?? r.containerPort}`, 'warning');
          continue;
        }
        hostPort = got;
        note =
          r.hostPort === 0
            ? `ephemeral port chosen by Docker at run time; assumed ${got} (sequential from ${ctx.allocator.ephemeralStart})`
            : `first free port of ${r.hostPort}-${r.hostPortEnd} at run time; assumed ${got}`;
      }
      groupPort = hostPort;
    } else groupPort = undefined;
    const mismatch = r.hostIp.v !== r.containerIp.v;
    const rulesOn = r.containerIp.v === 4 ? ctx.rules4 : ctx.rules6;
    const path: ResolvedBinding['path'] = r.mapper === 'routed' ? 'routed' : mismatch || !rulesOn ? 'proxy-only' : 'dnat';
    out.push({
      network: net.name,
      bridge: net.bridge,
      container: ep.container,
      service: ep.service,
      proto: r.proto,
      hostIp: formatIp(r.hostIp),
      hostPort,
      containerIp: formatIp(r.containerIp),
      containerPort: r.containerPort,
      path,
      proxy: ctx.proxy && hostPort !== 0,
      source: r.source,
      note,
    });
  }
  return out;
}
