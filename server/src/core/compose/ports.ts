/**
 * Port specifications as compose parses them: the short syntax goes through go-connections
 * `nat.ParsePortSpec` (the v0.4 code docker compose v2.26 ships: IPv6 must be bracketed, the host
 * part may be empty, ranges on both sides, `/tcp|udp|sctp`) and compose's `ParsePortConfig` (one
 * entry per container port, sorted by the string "port/proto").
 */

/** A stretch [start, end) of the short-syntax string. */
export type Part = readonly [number, number];

export interface ShortEntry {
  readonly hostIp: string;
  /** '' (Docker picks), a port, or 'a-b' (Docker picks one in the range). */
  readonly published: string;
  readonly target: number;
  readonly protocol: string;
  /** Index of this entry within the expansion of a range (0 for single ports). */
  readonly rangeIndex: number;
  readonly parts: { readonly hostIp?: Part; readonly published?: Part; readonly target: Part; readonly protocol?: Part };
}

export interface ShortError {
  readonly message: string;
  /** Which part is at fault, when known. */
  readonly part?: Part;
}

/** Go's strconv.ParseUint(s, 10, 16). */
function parseUint16(s: string): number | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = parseInt(s, 10);
  return n <= 65535 ? n : undefined;
}

/** go-connections ParsePortRange: "a" or "a-b" (only the first two '-' fields are read). */
export function parsePortRange(s: string): { start: number; end: number } | string {
  if (s === '') return 'empty string specified for ports';
  if (!s.includes('-')) {
    const v = parseUint16(s);
    return v === undefined ? `invalid port ${s}` : { start: v, end: v };
  }
  const parts = s.split('-');
  const a = parseUint16(parts[0]);
  const b = parseUint16(parts[1]);
  if (a === undefined || b === undefined) return `invalid port range ${s}`;
  if (b < a) return `invalid range specified for the port: ${s}`;
  return { start: a, end: b };
}

function parseIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && parseInt(p, 10) <= 255);
}

/** Go's net.ParseIP (IPv4 dotted quad without leading zeros, IPv6 with optional embedded IPv4, no zone). */
export function isGoIP(s: string): boolean {
  if (parseIPv4(s)) return true;
  if (!s.includes(':')) return false;
  let groups = 0;
  let ellipsis = false;
  let rest = s;
  if (rest.startsWith('::')) {
    ellipsis = true;
    rest = rest.slice(2);
    if (rest === '') return true;
  }
  while (rest.length > 0) {
    const m = /^[0-9a-fA-F]{1,4}/.exec(rest);
    if (!m) return false;
    // embedded IPv4 at the end
    if (rest.length > m[0].length && rest[m[0].length] === '.') {
      if (!parseIPv4(rest) || groups > 6) return false;
      groups += 2;
      rest = '';
      break;
    }
    groups++;
    rest = rest.slice(m[0].length);
    if (rest === '') break;
    if (rest[0] !== ':') return false;
    if (rest.startsWith('::')) {
      if (ellipsis) return false;
      ellipsis = true;
      rest = rest.slice(2);
      if (rest === '') break;
      continue;
    }
    rest = rest.slice(1);
    if (rest === '') return false;
    if (groups >= 8) return false;
  }
  return ellipsis ? groups < 8 : groups === 8;
}

/** Go's net.SplitHostPort(ip + ":") as used by ParsePortSpec to strip IPv6 brackets; returns the host or an error. */
function stripBrackets(raw: string): string | { error: string } {
  const hp = raw + ':';
  const i = hp.lastIndexOf(':');
  let host: string;
  let j = 0;
  let k = 0;
  if (hp[0] === '[') {
    const end = hp.indexOf(']');
    if (end < 0) return { error: `address ${hp}: missing ']' in address` };
    if (end + 1 === hp.length) return { error: `address ${hp}: missing port in address` };
    if (end + 1 !== i) return { error: `address ${hp}: ${hp[end + 1] === ':' ? 'too many colons' : 'missing port'} in address` };
    host = hp.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hp.slice(0, i);
    if (host.includes(':')) return { error: `address ${hp}: too many colons in address` };
  }
  if (hp.slice(j).includes('[')) return { error: `address ${hp}: unexpected '[' in address` };
  if (hp.slice(k).includes(']')) return { error: `address ${hp}: unexpected ']' in address` };
  return host;
}

/** Parses one short-syntax string. Entries are in compose's output order. */
/**
 * Most ports one short-syntax item expands to. compose itself has no limit (`1-65535:1-65535` is
 * 65535 ports); beyond this many the first ones are modelled and `truncated` gives the item's total,
 * so that one line cannot make every keystroke build tens of thousands of ports.
 */
export const MAX_RANGE_PORTS = 1024;

export function parseShortPort(spec: string): { entries: ShortEntry[]; truncated?: number } | { error: ShortError } {
  const colons: number[] = [];
  for (let i = 0; i < spec.length; i++) if (spec[i] === ':') colons.push(i);
  const n = colons.length + 1;
  let ipPart: Part | undefined;
  let hostPart: Part | undefined;
  let contPart: Part;
  if (n === 1) contPart = [0, spec.length];
  else if (n === 2) {
    hostPart = [0, colons[0]];
    contPart = [colons[0] + 1, spec.length];
  } else {
    const last = colons[colons.length - 1];
    const prev = colons[colons.length - 2];
    ipPart = [0, prev];
    hostPart = [prev + 1, last];
    contPart = [last + 1, spec.length];
  }
  const rawIp = ipPart ? spec.slice(ipPart[0], ipPart[1]) : '';
  const hostPort = hostPart ? spec.slice(hostPart[0], hostPart[1]) : '';
  const contWithProto = spec.slice(contPart[0], contPart[1]);
  // SplitProtoPort (v0.4): split on '/', proto = second field
  const slash = contWithProto.split('/');
  let proto = '';
  let cont = '';
  let protoPart: Part | undefined;
  let targetPart: Part = contPart;
  if (contWithProto !== '' && slash[0] !== '') {
    cont = slash[0];
    targetPart = [contPart[0], contPart[0] + cont.length];
    if (slash.length === 1 || slash[1] === '') proto = 'tcp';
    else {
      proto = slash[1];
      protoPart = [targetPart[1] + 1, targetPart[1] + 1 + proto.length];
    }
  }
  const ip = stripBrackets(rawIp);
  if (typeof ip !== 'string') return { error: { message: `invalid IP address ${rawIp}: ${ip.error}`, part: ipPart } };
  if (ip !== '' && !isGoIP(ip)) return { error: { message: `invalid IP address: ${ip}`, part: ipPart } };
  if (cont === '') return { error: { message: `no port specified: ${spec}<empty>`, part: contPart } };
  const cr = parsePortRange(cont);
  if (typeof cr === 'string') return { error: { message: `invalid container port: ${cont}`, part: targetPart } };
  let hs = 0;
  let he = 0;
  if (hostPort.length > 0) {
    const hr = parsePortRange(hostPort);
    if (typeof hr === 'string') return { error: { message: `invalid host port: ${hostPort}`, part: hostPart } };
    hs = hr.start;
    he = hr.end;
  }
  if (hostPort !== '' && cr.end - cr.start !== he - hs && cr.end !== cr.start) {
    return { error: { message: `invalid ranges specified for container and host ports: ${cont} and ${hostPort}`, part: hostPart } };
  }
  const lproto = proto.toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(lproto)) return { error: { message: `invalid protocol: ${proto}`, part: protoPart } };
  const raw: { key: string; e: ShortEntry }[] = [];
  const total = cr.end - cr.start + 1;
  for (let i = 0; i < Math.min(total, MAX_RANGE_PORTS); i++) {
    const target = cr.start + i;
    let published = '';
    if (hostPort.length > 0) published = String(hs + i);
    if (cr.start === cr.end && hs !== he) published = `${published}-${he}`;
    raw.push({
      key: `${target}/${lproto}`,
      e: {
        hostIp: ip,
        published,
        target,
        protocol: lproto,
        rangeIndex: i,
        parts: { hostIp: rawIp !== '' ? ipPart : undefined, published: hostPort !== '' ? hostPart : undefined, target: targetPart, protocol: protoPart },
      },
    });
  }
  // compose sorts the container ports as strings ("10/tcp" < "9/tcp")
  raw.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { entries: raw.map((r) => r.e), ...(total > MAX_RANGE_PORTS ? { truncated: total } : {}) };
}
