/**
 * The host model of a running machine from `ip -j addr`, `ip -j route` and `ip -6 -j route`
 * (iproute2's JSON): interfaces with their addresses, and routes, as the host description that
 * `parseHost` reads. Docker's bridges are left out (the analysis adds them from Docker's state with
 * their exact subnets), and so are interfaces enslaved to a bridge (a container's veth end): nothing
 * is published on them. Pure; never throws.
 */

export interface IpJsonHost {
  /** `{ interfaces, routes, forwarding }` for parseHost. */
  readonly description: {
    readonly interfaces: Record<string, { addresses: string[] }>;
    readonly routes: { to: string; via?: string; dev: string }[];
    readonly forwarding: { v4: boolean; v6: boolean };
  };
  /** What was left out or assumed, in words. */
  readonly notes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

/**
 * @param skip interfaces to leave out (Docker's bridges)
 * @param forwarding `net.ipv4.ip_forward` / `net.ipv6.conf.all.forwarding`, when read
 */
export function hostFromIpJson(addr: unknown, routes4: unknown, routes6: unknown, skip: ReadonlySet<string>, forwarding: { v4?: boolean; v6?: boolean }): IpJsonHost {
  const notes: string[] = [];
  const interfaces: Record<string, { addresses: string[] }> = {};
  const enslaved: string[] = [];
  for (const l of Array.isArray(addr) ? addr : []) {
    if (!isObj(l) || typeof l.ifname !== 'string') continue;
    const name = l.ifname.replace(/@.*$/, '');
    if (skip.has(name)) continue;
    if (typeof l.master === 'string') {
      enslaved.push(name);
      continue;
    }
    const addresses: string[] = [];
    for (const a of Array.isArray(l.addr_info) ? l.addr_info : []) {
      if (!isObj(a) || typeof a.local !== 'string' || typeof a.prefixlen !== 'number') continue;
      if (a.family !== 'inet' && a.family !== 'inet6') continue;
      addresses.push(`${a.local}/${a.prefixlen}`);
    }
    interfaces[name] = { addresses };
  }
  if (!Array.isArray(addr)) notes.push('`ip -j addr` gave no interface list');
  if (enslaved.length) notes.push(`${enslaved.length} interface${enslaved.length === 1 ? '' : 's'} enslaved to a bridge left out (${enslaved.slice(0, 4).join(', ')}${enslaved.length > 4 ? ', …' : ''})`);
  const routes: { to: string; via?: string; dev: string }[] = [];
  const add = (list: unknown, v: 4 | 6): void => {
    for (const r of Array.isArray(list) ? list : []) {
      if (!isObj(r) || typeof r.dst !== 'string' || typeof r.dev !== 'string') continue;
      if (r.type !== undefined && r.type !== 'unicast') continue;
      if (!(r.dev in interfaces) || r.dev === 'lo') continue;
      const to = r.dst === 'default' ? (v === 4 ? '0.0.0.0/0' : '::/0') : r.dst.includes('/') ? r.dst : `${r.dst}/${v === 4 ? 32 : 128}`;
      // link-local and connected routes come from the addresses
      if (v === 6 && to.startsWith('fe80:')) continue;
      routes.push({ to, ...(typeof r.gateway === 'string' ? { via: r.gateway } : {}), dev: r.dev });
    }
  };
  add(routes4, 4);
  add(routes6, 6);
  const fw = { v4: forwarding.v4 ?? true, v6: forwarding.v6 ?? false };
  if (forwarding.v4 === undefined) notes.push('IPv4 forwarding could not be read; taken to be on (dockerd turns it on)');
  if (forwarding.v6 === undefined) notes.push('IPv6 forwarding could not be read; taken to be off');
  return { description: { interfaces, routes, forwarding: fw }, notes };
}
