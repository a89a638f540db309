/**
 * IPv4 / IPv6 addresses as bigints, prefixes and ranges. Pure and total: parsers return undefined
 * for text that is not an address, they never throw.
 */

export type IpVersion = 4 | 6;

export interface IpAddress {
  readonly v: IpVersion;
  /** The address as an unsigned integer (32 bits for v4, 128 for v6). */
  readonly n: bigint;
}

/** An inclusive interval of addresses of one version; a prefix is an interval too. */
export interface IpInterval {
  readonly v: IpVersion;
  readonly lo: bigint;
  readonly hi: bigint;
}

const MAX4 = (1n << 32n) - 1n;
const MAX6 = (1n << 128n) - 1n;

export function maxOf(v: IpVersion): bigint {
  return v === 4 ? MAX4 : MAX6;
}

export function parseIPv4(text: string): IpAddress | undefined {
  // Four dot-separated decimal parts of one to three ASCII digits, each at most 255 (leading
  // zeros allowed, read as decimal). One pass over the characters, accumulated as a double (exact
  // below 2^53) and converted to a bigint once: rulesets hold hundreds of thousands of addresses.
  const len = text.length;
  if (len < 7 || len > 15) return undefined;
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || ++dots > 3) return undefined;
      n = n * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return { v: 4, n: BigInt(n * 256 + part) };
}

export function parseIPv6(text: string): IpAddress | undefined {
  let s = text;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const pct = s.indexOf('%');
  if (pct >= 0) s = s.slice(0, pct);
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return undefined;
  // An embedded IPv4 suffix (::ffff:1.2.3.4) is rewritten as two hex groups.
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return undefined;
    s = s.slice(0, lastColon + 1) + ((v4.n >> 16n) & 0xffffn).toString(16) + ':' + (v4.n & 0xffffn).toString(16);
  }
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return undefined;
  const groupsOf = (x: string): bigint[] | undefined => {
    if (x === '') return [];
    const out: bigint[] = [];
    for (const g of x.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt('0x' + g));
    }
    return out;
  };
  let groups: bigint[];
  if (dbl >= 0) {
    const head = groupsOf(s.slice(0, dbl));
    const rest = groupsOf(s.slice(dbl + 2));
    if (!head || !rest) return undefined;
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return undefined;
    groups = [...head, ...Array<bigint>(fill).fill(0n), ...rest];
  } else {
    const all = groupsOf(s);
    if (!all) return undefined;
    groups = all;
  }
  if (groups.length !== 8) return undefined;
  let n = 0n;
  for (const g of groups) n = (n << 16n) | g;
  return { v: 6, n };
}

export function parseIp(text: string): IpAddress | undefined {
  return parseIPv4(text) ?? parseIPv6(text);
}

/** `10.0.0.0/8`, `fe80::/10`, a plain address (a /32 or /128), or `a-b`. */
export function parseIpInterval(text: string): IpInterval | undefined {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const a = parseIp(text.slice(0, slash));
    const lenText = text.slice(slash + 1);
    if (!a || !/^\d{1,3}$/.test(lenText)) return undefined;
    return prefixInterval(a, Number(lenText));
  }
  const a = parseIp(text);
  if (a) return { v: a.v, lo: a.n, hi: a.n };
  const dash = text.indexOf('-');
  if (dash > 0) {
    const lo = parseIp(text.slice(0, dash).trim());
    const hi = parseIp(text.slice(dash + 1).trim());
    if (lo && hi && lo.v === hi.v && lo.n <= hi.n) return { v: lo.v, lo: lo.n, hi: hi.n };
  }
  return undefined;
}

export function prefixInterval(a: IpAddress, len: number): IpInterval | undefined {
  const bits = a.v === 4 ? 32 : 128;
  if (len < 0 || len > bits) return undefined;
  if (a.v === 4 && a.n >= 0n && a.n <= MAX4) {
    // with doubles: exact for 32 bits, and two bigints made instead of six
    const size = 2 ** (32 - len);
    const lo = Math.floor(Number(a.n) / size) * size;
    return { v: 4, lo: BigInt(lo), hi: BigInt(lo + size - 1) };
  }
  const hostBits = BigInt(bits - len);
  const mask = ((1n << hostBits) - 1n);
  const lo = a.n & ~mask & maxOf(a.v);
  return { v: a.v, lo, hi: lo | mask };
}

export function contains(iv: IpInterval, a: IpAddress): boolean {
  return iv.v === a.v && iv.lo <= a.n && a.n <= iv.hi;
}

const MASK128 = (1n << 128n) - 1n;

export function formatIp(a: IpAddress): string {
  if (a.v === 4) {
    const n = Number(a.n & 0xffffffffn);
    return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  // The eight 16-bit groups of the low 128 bits, from one hexadecimal rendering.
  const hex32 = (a.n & MASK128).toString(16).padStart(32, '0');
  const groups: number[] = [];
  for (let i = 0; i < 32; i += 4) groups.push(parseInt(hex32.slice(i, i + 4), 16));
  // Longest run of zero groups (length >= 2) becomes '::', as RFC 5952 recommends.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

/** Formats an interval the shortest way: address, prefix or `lo-hi`. */
export function formatInterval(iv: IpInterval): string {
  const bits = iv.v === 4 ? 32 : 128;
  if (iv.lo === iv.hi) return formatIp({ v: iv.v, n: iv.lo });
  const size = iv.hi - iv.lo + 1n;
  if ((size & (size - 1n)) === 0n && (iv.lo & (size - 1n)) === 0n) {
    const len = bits - (size.toString(2).length - 1);
    return `${formatIp({ v: iv.v, n: iv.lo })}/${len}`;
  }
  return `${formatIp({ v: iv.v, n: iv.lo })}-${formatIp({ v: iv.v, n: iv.hi })}`;
}

/** Whether two intervals share an address. */
export function overlaps(a: IpInterval, b: IpInterval): boolean {
  return a.v === b.v && a.lo <= b.hi && b.lo <= a.hi;
}

/** The prefix length of an interval that is a prefix (its size a power of two). */
export function prefixLength(iv: IpInterval): number {
  const size = iv.hi - iv.lo + 1n;
  return (iv.v === 4 ? 32 : 128) - (size.toString(2).length - 1);
}

export function isLoopback(a: IpAddress): boolean {
  return a.v === 4 ? a.n >> 24n === 127n : a.n === 1n;
}

export function isUnspecified(a: IpAddress): boolean {
  return a.n === 0n;
}
