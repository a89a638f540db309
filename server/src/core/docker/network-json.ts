/**
 * The small JSON description accepted by `dockwall docker-rules --network-json` (and used by the
 * golden fixtures), until the compose adapter produces `DockerNetworkSpec`s directly:
 *
 * ```json
 * { "version": "28.2.2",                       // optional, --docker-version wins
 *   "daemon": { "userland-proxy": false },     // optional, daemon.json keys; --daemon wins
 *   "host": { "ipv4ForwardingWasEnabled": true },
 *   "networks": [
 *     { "name": "bridge1", "bridge": "bridge1", "subnet": "192.0.2.0/24", "gateway": "192.0.2.1",
 *       "internal": false, "enableIPv6": false, "subnetV6": "fd00::/64",
 *       "options": { "com.docker.network.bridge.enable_icc": "false" },
 *       "endpoints": [ { "container": "c1", "ports": ["8080:80", "127.0.0.1:8081:81/udp",
 *                        { "hostIp": "::1", "hostPort": 8082, "containerPort": 82 }] } ] } ] }
 * ```
 * Port strings use Docker's short syntax `[IP:][HOST:]CONTAINER[/PROTO]` with ranges; each entry
 * keeps its file position as provenance. Never throws.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { parseIp } from '../net/ip';
import { LineIndex } from '../text';
import { daemonConfigFromJson, sourceRefOf } from './daemon-json';
import { type JsonNode, member, parseJsonWithSpans } from './json-spans';
import type { DockerEndpointSpec, DockerHostConfig, DockerHostState, DockerNetworkSpec, PortBinding, Proto, SourceRef } from './types';

export interface NetworkJson {
  readonly version?: string;
  readonly daemon?: DockerHostConfig;
  readonly host: Partial<DockerHostState>;
  readonly networks: readonly DockerNetworkSpec[];
}

function portRange(text: string): [number, number] | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  return a <= b && b <= 65535 ? [a, b] : undefined;
}

/**
 * Docker's short port syntax (go-connections `ParsePortSpec`): split from the right, optional
 * bracketed IPv6 host address, ranges expanded pairwise; `HOSTRANGE:PORT` is one binding on the range.
 */
export function parsePortSpec(spec: string, provenance?: SourceRef): { bindings: PortBinding[]; error?: string } {
  let rest = spec.trim();
  let proto: Proto = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const p = rest.slice(slash + 1).toLowerCase();
    if (p !== 'tcp' && p !== 'udp' && p !== 'sctp') return { bindings: [], error: `unknown protocol "${p}"` };
    proto = p;
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  let hostPart = '';
  let containerPart: string;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon < 0) containerPart = rest;
  else {
    containerPart = rest.slice(lastColon + 1);
    const before = rest.slice(0, lastColon);
    const c2 = before.lastIndexOf(':');
    if (c2 < 0 && !before.startsWith('[')) hostPart = before;
    else {
      hostPart = before.slice(c2 + 1);
      hostIp = before.slice(0, c2);
      if (before.startsWith('[') && before.endsWith(']')) {
        hostIp = before;
        hostPart = '';
      }
      if (hostIp.startsWith('[') && hostIp.endsWith(']')) hostIp = hostIp.slice(1, -1);
      if (hostIp !== '' && !parseIp(hostIp)) return { bindings: [], error: `invalid host address "${hostIp}"` };
      if (hostIp === '') hostIp = undefined;
    }
  }
  const cr = portRange(containerPart);
  if (!cr) return { bindings: [], error: `invalid container port "${containerPart}"` };
  const hr = hostPart === '' ? undefined : portRange(hostPart);
  if (hostPart !== '' && !hr) return { bindings: [], error: `invalid host port "${hostPart}"` };
  const out: PortBinding[] = [];
  const n = cr[1] - cr[0] + 1;
  if (hr && n > 1 && hr[1] - hr[0] + 1 !== n) return { bindings: [], error: 'host and container port ranges differ in length' };
  for (let i = 0; i < n; i++) {
    let hostPort: PortBinding['hostPort'];
    if (!hr) hostPort = 0;
    else if (n > 1) hostPort = hr[0] + i;
    else hostPort = hr[0] === hr[1] ? hr[0] : { start: hr[0], end: hr[1] };
    out.push({ hostIp, hostPort, containerPort: cr[0] + i, proto, provenance });
  }
  return { bindings: out };
}

export function parseNetworkJson(text: string, file: string): Result<NetworkJson> {
  const parsed = parseJsonWithSpans(text, file);
  const diagnostics: CoreDiagnostic[] = [...parsed.diagnostics];
  const index = new LineIndex(text);
  const root = parsed.value;
  const bad = (node: JsonNode, message: string): void => {
    diagnostics.push({ span: node.span, severity: 'error', message, code: 'network-json' });
  };
  const networks: DockerNetworkSpec[] = [];
  const host: Record<string, number | boolean> = {};
  let version: string | undefined;
  let daemon: DockerHostConfig | undefined;
  if (!root) return { value: { host, networks }, diagnostics };
  if (root.kind !== 'object') {
    bad(root, 'expected an object with "networks"');
    return { value: { host, networks }, diagnostics };
  }
  const str = (n: JsonNode | undefined, what: string): string | undefined => {
    if (!n) return undefined;
    if (n.kind === 'string') return n.value;
    if (n.kind === 'number') return String(n.value);
    bad(n, `${what} must be a string`);
    return undefined;
  };
  const bool = (n: JsonNode | undefined, what: string): boolean | undefined => {
    if (!n) return undefined;
    if (n.kind === 'boolean') return n.value;
    bad(n, `${what} must be true or false`);
    return undefined;
  };
  version = str(member(root, 'version')?.value, '"version"');
  const d = member(root, 'daemon');
  if (d) daemon = daemonConfigFromJson(d.value, text, diagnostics);
  const h = member(root, 'host')?.value;
  if (h?.kind === 'object') {
    for (const m of h.members) {
      if (m.value.kind === 'boolean' || m.value.kind === 'number') host[m.key] = m.value.value;
      else bad(m.value, `host.${m.key} must be a boolean or number`);
    }
  }
  const nets = member(root, 'networks')?.value;
  if (nets && nets.kind !== 'array') bad(nets, '"networks" must be an array');
  for (const nn of nets?.kind === 'array' ? nets.items : []) {
    if (nn.kind !== 'object') {
      bad(nn, 'a network must be an object');
      continue;
    }
    const name = str(member(nn, 'name')?.value, 'network name');
    if (!name) {
      bad(nn, 'a network needs a "name"');
      continue;
    }
    const options: Record<string, string> = {};
    const on = member(nn, 'options')?.value;
    if (on?.kind === 'object') for (const m of on.members) options[m.key] = str(m.value, `option ${m.key}`) ?? '';
    const endpoints: DockerEndpointSpec[] = [];
    const en = member(nn, 'endpoints')?.value;
    for (const e of en?.kind === 'array' ? en.items : []) {
      if (e.kind !== 'object') {
        bad(e, 'an endpoint must be an object');
        continue;
      }
      const container = str(member(e, 'container')?.value, 'container') ?? 'container';
      const ports: PortBinding[] = [];
      const pn = member(e, 'ports')?.value;
      for (const p of pn?.kind === 'array' ? pn.items : []) {
        if (p.kind === 'string') {
          const r = parsePortSpec(p.value, sourceRefOf(p.span, index, p.value));
          if (r.error) bad(p, r.error);
          ports.push(...r.bindings);
        } else if (p.kind === 'object') {
          const cp = member(p, 'containerPort')?.value;
          if (cp?.kind !== 'number') {
            bad(p, 'a port object needs a numeric "containerPort"');
            continue;
          }
          const hp = member(p, 'hostPort')?.value;
          const proto = str(member(p, 'proto')?.value, 'proto') ?? 'tcp';
          if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') {
            bad(p, `unknown protocol "${proto}"`);
            continue;
          }
          const hostIp = str(member(p, 'hostIp')?.value, 'hostIp');
          const hostPort = hp?.kind === 'number' ? hp.value : 0;
          const shown = `${hostIp ? (hostIp.includes(':') ? `[${hostIp}]:` : `${hostIp}:`) : ''}${hostPort || ''}${hostIp || hostPort ? ':' : ''}${cp.value}/${proto}`;
          ports.push({ hostIp, hostPort, containerPort: cp.value, proto, provenance: sourceRefOf(p.span, index, shown) });
        } else bad(p, 'a port must be a string or an object');
      }
      const order = member(e, 'order')?.value;
      endpoints.push({
        container,
        service: str(member(e, 'service')?.value, 'service'),
        ipv4: str(member(e, 'ipv4')?.value, 'ipv4'),
        ipv6: str(member(e, 'ipv6')?.value, 'ipv6'),
        order: order?.kind === 'number' ? order.value : undefined,
        ports,
      });
    }
    networks.push({
      name,
      bridge: str(member(nn, 'bridge')?.value, 'bridge'),
      subnet: str(member(nn, 'subnet')?.value, 'subnet'),
      gateway: str(member(nn, 'gateway')?.value, 'gateway'),
      subnetV6: str(member(nn, 'subnetV6')?.value, 'subnetV6'),
      gatewayV6: str(member(nn, 'gatewayV6')?.value, 'gatewayV6'),
      enableIPv4: bool(member(nn, 'enableIPv4')?.value, 'enableIPv4'),
      enableIPv6: bool(member(nn, 'enableIPv6')?.value, 'enableIPv6'),
      internal: bool(member(nn, 'internal')?.value, 'internal'),
      options,
      endpoints,
      provenance: sourceRefOf(member(nn, 'name')!.value.span, index, `network ${name}`),
    });
  }
  return { value: { version, daemon, host: host as Partial<DockerHostState>, networks }, diagnostics };
}
