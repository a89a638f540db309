/**
 * The host a ruleset runs on: interfaces with their addresses (IPv4 and IPv6), which of them are
 * bridges, and routes. The simulator needs it for the routing decision (local delivery or
 * forwarding, and to which interface), for `fib daddr type local` / `-m addrtype`, and for
 * `redirect` / `masquerade` (the interface's primary address).
 *
 * The JSON shape (also valid YAML):
 *
 *     { "interfaces": { "eth0": { "addresses": ["198.51.100.1/24"] },
 *                       "docker0": { "addresses": ["172.17.0.1/16"], "bridge": true } },
 *       "routes": [ { "to": "default", "via": "198.51.100.254", "dev": "eth0" } ],
 *       "forwarding": true }
 *
 * {@link parseHost} never throws; bad entries are skipped with a diagnostic. `lo` (127.0.0.1/8,
 * ::1/128) is always present. Connected subnets come from the addresses; `routes` add the rest.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { type IpAddress, type IpInterval, type IpVersion, contains, formatIp, maxOf, parseIp, prefixInterval, prefixLength } from '../net/ip';
import type { Span } from '../text';

export interface HostAddress {
  readonly addr: IpAddress;
  readonly prefixLen: number;
}

export interface HostInterface {
  readonly name: string;
  readonly addresses: readonly HostAddress[];
  readonly bridge: boolean;
}

export interface HostRoute {
  /** The destination; `default` is 0.0.0.0/0 or ::/0. */
  readonly to: IpInterval;
  readonly via?: IpAddress;
  readonly dev: string;
}

export interface Host {
  /** In declaration order; `lo` first. */
  readonly interfaces: readonly HostInterface[];
  readonly routes: readonly HostRoute[];
  /** `net.ipv4.ip_forward` / `net.ipv6.conf.all.forwarding` (Docker turns IPv4 forwarding on). */
  readonly forwarding: { readonly v4: boolean; readonly v6: boolean };
  /**
   * Neighbour entries are configured statically (`ip neigh add … nud permanent`), so IPv6 needs no
   * neighbour discovery through the firewall (JSON `"staticNeighbours": true`; default false).
   */
  readonly staticNeighbours?: boolean;
  /**
   * IPsec policies are configured (JSON `"ipsec": true`; default false: then no packet has an IPsec
   * policy, so `-m policy --pol none` matches every packet and `--pol ipsec` none).
   */
  readonly ipsec?: boolean;
}

const ip = (t: string): IpAddress => parseIp(t)!;

const LO: HostInterface = {
  name: 'lo',
  addresses: [
    { addr: ip('127.0.0.1'), prefixLen: 8 },
    { addr: ip('::1'), prefixLen: 128 },
  ],
  bridge: false,
};

const anyOf = (v: IpVersion): IpInterval => ({ v, lo: 0n, hi: maxOf(v) });

/** lo, eth0 198.51.100.1/24 + 2001:db8::1/64, default routes via eth0; forwarding on for IPv4. */
export function defaultHost(): Host {
  return {
    interfaces: [
      LO,
      {
        name: 'eth0',
        addresses: [
          { addr: ip('198.51.100.1'), prefixLen: 24 },
          { addr: ip('2001:db8::1'), prefixLen: 64 },
        ],
        bridge: false,
      },
    ],
    routes: [
      { to: anyOf(4), via: ip('198.51.100.254'), dev: 'eth0' },
      { to: anyOf(6), via: ip('2001:db8::fffe'), dev: 'eth0' },
    ],
    forwarding: { v4: true, v6: true },
  };
}

/** Adds (or replaces) a bridge interface, e.g. a Docker network's bridge with its gateway addresses `172.17.0.1/16`. */
export function addBridge(host: Host, name: string, cidrs: readonly string[]): Host {
  const addresses: HostAddress[] = [];
  for (const c of cidrs) {
    const a = parseCidr(c);
    if (a) addresses.push(a);
  }
  return { ...host, interfaces: [...host.interfaces.filter((i) => i.name !== name), { name, addresses, bridge: true }] };
}

function parseCidr(text: string): HostAddress | undefined {
  const [a, len, ...rest] = text.trim().split('/');
  const addr = parseIp(a);
  if (!addr || rest.length) return undefined;
  const bits = addr.v === 4 ? 32 : 128;
  if (len === undefined) return { addr, prefixLen: bits };
  if (!/^\d{1,3}$/.test(len) || Number(len) > bits) return undefined;
  return { addr, prefixLen: Number(len) };
}

/**
 * Reads a host description (already parsed from JSON or YAML) without throwing. `span` is where the
 * description came from, used for diagnostics (the object has no positions of its own).
 */
export function parseHost(raw: unknown, span: Span): Result<Host> {
  const diagnostics: CoreDiagnostic[] = [];
  // A host description that cannot be read as written is an input error: the verdicts would rest on
  // a host the user did not describe. Unknown keys are only warnings.
  const warn = (message: string): void => {
    diagnostics.push({ span, severity: /^unknown key/.test(message) ? 'warning' : 'error', message, code: 'host' });
  };
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObj(raw)) {
    warn('host description must be an object with "interfaces" and "routes"; using the default host');
    return { value: defaultHost(), diagnostics };
  }
  for (const k of Object.keys(raw)) if (!['interfaces', 'routes', 'forwarding', 'staticNeighbours', 'ipsec'].includes(k)) warn(`unknown key "${k}" ignored`);
  if (raw.staticNeighbours !== undefined && typeof raw.staticNeighbours !== 'boolean') warn('"staticNeighbours" must be true or false');
  if (raw.ipsec !== undefined && typeof raw.ipsec !== 'boolean') warn('"ipsec" must be true or false');
  const interfaces: HostInterface[] = [LO];
  if (raw.interfaces !== undefined && !isObj(raw.interfaces)) warn('"interfaces" must be an object mapping names to {addresses, bridge}');
  for (const [name, spec] of Object.entries(isObj(raw.interfaces) ? raw.interfaces : {})) {
    if (!/^[^\s/]{1,15}$/.test(name)) {
      warn(`interface name "${name}" is not valid (1-15 characters, no blanks or '/')`);
      continue;
    }
    if (!isObj(spec)) {
      warn(`interface ${name}: expected an object`);
      continue;
    }
    const addresses: HostAddress[] = [];
    const list = spec.addresses ?? [];
    if (!Array.isArray(list)) warn(`interface ${name}: "addresses" must be a list`);
    else
      for (const a of list) {
        const parsed = typeof a === 'string' ? parseCidr(a) : undefined;
        if (parsed) addresses.push(parsed);
        else warn(`interface ${name}: "${String(a)}" is not an address or address/prefix`);
      }
    if (spec.bridge !== undefined && typeof spec.bridge !== 'boolean') warn(`interface ${name}: "bridge" must be true or false`);
    const iface = { name, addresses, bridge: spec.bridge === true };
    if (name === 'lo') interfaces[0] = { ...iface, addresses: [...LO.addresses, ...addresses.filter((x) => !LO.addresses.some((y) => y.addr.n === x.addr.n && y.addr.v === x.addr.v))] };
    else interfaces.push(iface);
  }
  const routes: HostRoute[] = [];
  if (raw.routes !== undefined && !Array.isArray(raw.routes)) warn('"routes" must be a list');
  for (const r of Array.isArray(raw.routes) ? raw.routes : []) {
    if (!isObj(r) || typeof r.dev !== 'string') {
      warn(`route ${JSON.stringify(r)}: expected {"to", "dev", ["via"]}`);
      continue;
    }
    if (!interfaces.some((i) => i.name === r.dev)) warn(`route to ${String(r.to)}: device ${r.dev} is not among the interfaces`);
    const via = typeof r.via === 'string' ? parseIp(r.via) : undefined;
    if (r.via !== undefined && !via) {
      warn(`route to ${String(r.to)}: via "${String(r.via)}" is not an address`);
      continue;
    }
    const to = r.to ?? 'default';
    if (to === 'default') {
      for (const v of via ? [via.v] : ([4, 6] as const)) routes.push({ to: anyOf(v), via, dev: r.dev });
      continue;
    }
    const c = typeof to === 'string' ? parseCidr(to) : undefined;
    const iv = c && prefixInterval(c.addr, c.prefixLen);
    if (!iv || (via && via.v !== iv.v)) {
      warn(`route: "${String(to)}" is not a prefix (or "default") of the gateway's IP version`);
      continue;
    }
    routes.push({ to: iv, via, dev: r.dev });
  }
  let forwarding = { v4: true, v6: true };
  if (typeof raw.forwarding === 'boolean') forwarding = { v4: raw.forwarding, v6: raw.forwarding };
  else if (isObj(raw.forwarding)) forwarding = { v4: raw.forwarding.v4 !== false, v6: raw.forwarding.v6 !== false };
  else if (raw.forwarding !== undefined) warn('"forwarding" must be true/false or {"v4", "v6"}');
  return { value: { interfaces, routes, forwarding, ...(raw.staticNeighbours === true ? { staticNeighbours: true } : {}), ...(raw.ipsec === true ? { ipsec: true } : {}) }, diagnostics };
}

// ---------------------------------------------------------------------------------------------
// Queries

export type AddrType = 'local' | 'broadcast' | 'multicast' | 'unicast';

/** The host's own addresses and its IPv4 subnets' broadcast addresses, by version (a host value does not change). */
interface Own {
  readonly local: readonly [ReadonlySet<bigint>, ReadonlySet<bigint>];
  readonly broadcast: ReadonlySet<bigint>;
}
const owns = new WeakMap<Host, Own>();
function ownOf(host: Host): Own {
  let o = owns.get(host);
  if (!o) {
    const v4 = new Set<bigint>();
    const v6 = new Set<bigint>();
    const broadcast = new Set<bigint>();
    for (const i of host.interfaces)
      for (const x of i.addresses) {
        (x.addr.v === 4 ? v4 : v6).add(x.addr.n);
        if (x.addr.v === 4 && x.prefixLen < 31) broadcast.add(prefixInterval(x.addr, x.prefixLen)!.hi);
      }
    owns.set(host, (o = { local: [v4, v6], broadcast }));
  }
  return o;
}

export function isLocalAddress(host: Host, a: IpAddress): boolean {
  if (a.v === 4 && a.n >> 24n === 127n) return true;
  return ownOf(host).local[a.v === 4 ? 0 : 1].has(a.n);
}

/** The address type as the kernel's local table reports it (`fib daddr type`, `-m addrtype`). */
export function addressType(host: Host, a: IpAddress): AddrType {
  if (isLocalAddress(host, a)) return 'local';
  if (a.v === 4) {
    if (a.n >> 28n === 0xen) return 'multicast';
    if (a.n === 0xffffffffn || ownOf(host).broadcast.has(a.n)) return 'broadcast';
    return 'unicast';
  }
  return a.n >> 120n === 0xffn ? 'multicast' : 'unicast';
}

/**
 * The addresses of an IP version that {@link addressType} does not call unicast, but the host's
 * own (and IPv4 loopback): multicast, and for IPv4 the limited broadcast and the broadcast address
 * of each subnet the host has an address in (with a prefix shorter than /31).
 */
export function notUnicast(host: Host, v: IpVersion): IpInterval[] {
  if (v === 6) return [{ v: 6, lo: 0xffn << 120n, hi: maxOf(6) }];
  return [
    { v: 4, lo: 0xe0000000n, hi: 0xefffffffn },
    { v: 4, lo: 0xffffffffn, hi: 0xffffffffn },
    ...[...ownOf(host).broadcast].map((n): IpInterval => ({ v: 4, lo: n, hi: n })),
  ];
}

export interface RouteResult {
  readonly dev: string;
  readonly via?: IpAddress;
  /** How it was found, for traces: `connected 172.17.0.0/16` or `route default`. */
  readonly how: string;
  readonly prefixLen: number;
}

interface RouteEntry {
  readonly iv: IpInterval;
  readonly len: number;
  readonly dev: string;
  readonly how: string;
  readonly via?: IpAddress;
}

/** A host's connected subnets, then its routes, with their prefix lengths and trace texts (per host object). */
const routeTables = new WeakMap<Host, readonly RouteEntry[]>();
function routeTable(host: Host): readonly RouteEntry[] {
  let t = routeTables.get(host);
  if (!t) {
    const out: RouteEntry[] = [];
    for (const i of host.interfaces)
      for (const x of i.addresses) {
        const iv = prefixInterval(x.addr, x.prefixLen)!;
        out.push({ iv, len: prefixLength(iv), dev: i.name, how: `connected on ${i.name}` });
      }
    for (const r of host.routes) {
      const len = prefixLength(r.to);
      const by = r.via ? formatIp(r.via) : r.dev;
      out.push({ iv: r.to, len, dev: r.dev, how: len === 0 ? `default route via ${by}` : `route via ${by}`, via: r.via });
    }
    routeTables.set(host, (t = out));
  }
  return t;
}

/** Longest-prefix match over connected subnets and routes (the first of equal length wins); undefined when nothing routes `a`. */
export function routeLookup(host: Host, a: IpAddress, onlyDev?: string): RouteResult | undefined {
  let best: RouteEntry | undefined;
  for (const e of routeTable(host)) {
    if (onlyDev !== undefined && e.dev !== onlyDev) continue;
    if (!contains(e.iv, a)) continue;
    if (!best || e.len > best.len) best = e;
  }
  return best && { dev: best.dev, via: best.via, how: best.how, prefixLen: best.len };
}

/** The interface's first address of the given version (what `redirect` and `masquerade` use). */
export function primaryAddress(host: Host, dev: string, v: IpVersion): IpAddress | undefined {
  const i = host.interfaces.find((x) => x.name === dev);
  return i?.addresses.find((x) => x.addr.v === v)?.addr;
}

export function hasInterface(host: Host, name: string): boolean {
  return host.interfaces.some((i) => i.name === name);
}
