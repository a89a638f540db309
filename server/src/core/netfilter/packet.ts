/**
 * The packet the simulator walks through the hooks: ingress interface, addresses, protocol, ports,
 * conntrack state and mark. {@link parsePacket} reads the `key=value` form the CLI and tests use:
 *
 *     iif=eth0 saddr=198.51.100.2 daddr=198.51.100.1 proto=tcp dport=8080 [sport=40000]
 *     [state=new|established|related|invalid|untracked] [dir=original|reply] [mark=0x1] [ctmark=0]
 *     [icmp-type=echo-request] [flags=syn,ack]
 *
 * Parsing never throws: problems come back as diagnostics on the packet text (file `<packet>`).
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { type IpAddress, parseIp } from '../net/ip';
import { LineIndex } from '../text';

export type CtState = 'new' | 'established' | 'related' | 'invalid' | 'untracked';

export interface Packet {
  readonly iif: string;
  readonly saddr: IpAddress;
  readonly daddr: IpAddress;
  /** IANA protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6, ...). */
  readonly proto: number;
  readonly sport?: number;
  readonly dport?: number;
  readonly ctState: CtState;
  readonly ctDirection: 'original' | 'reply';
  readonly mark: bigint;
  readonly ctMark: bigint;
  /** ICMP / ICMPv6 type name (`echo-request` by default for ICMP packets). */
  readonly icmpType?: string;
  /** TCP flags as a bit set (fin 1, syn 2, rst 4, psh 8, ack 16, urg 32, ecn 64, cwr 128). */
  readonly tcpFlags?: number;
}

export const PROTOCOLS: Readonly<Record<string, number>> = {
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  icmpv6: 58,
  'ipv6-icmp': 58,
  sctp: 132,
  udplite: 136,
  dccp: 33,
};

/** Protocols with 16-bit source and destination ports at the start of the transport header. */
export const PORT_PROTOCOLS: ReadonlySet<number> = new Set([6, 17, 33, 132, 136]);

export const TCP_FLAGS: Readonly<Record<string, number>> = { fin: 1, syn: 2, rst: 4, psh: 8, ack: 16, urg: 32, ecn: 64, cwr: 128 };

/** Each protocol number's first name in {@link PROTOCOLS} (the simulator asks for one per packet view). */
const PROTOCOL_NAMES: ReadonlyMap<number, string> = (() => {
  const m = new Map<number, string>();
  for (const [k, v] of Object.entries(PROTOCOLS)) if (!m.has(v)) m.set(v, k);
  return m;
})();

export function protocolName(n: number): string {
  return PROTOCOL_NAMES.get(n) ?? String(n);
}

export function protocolNumber(text: string): number | undefined {
  const t = text.toLowerCase();
  if (t in PROTOCOLS) return PROTOCOLS[t];
  if (/^\d{1,3}$/.test(t) && Number(t) <= 255) return Number(t);
  return undefined;
}

const STATES: readonly CtState[] = ['new', 'established', 'related', 'invalid', 'untracked'];

const KEYS = ['iif', 'saddr', 'daddr', 'proto', 'sport', 'dport', 'state', 'dir', 'mark', 'ctmark', 'icmp-type', 'flags'] as const;

/** Reads `key=value` pairs separated by blanks. */
export function parsePacket(text: string, file = '<packet>'): Result<Packet | undefined> {
  const lines = new LineIndex(text);
  const diagnostics: CoreDiagnostic[] = [];
  const err = (start: number, end: number, message: string): void => {
    diagnostics.push({ span: lines.span(file, start, end), severity: 'error', message, code: 'packet' });
  };
  const fields = new Map<string, { value: string; start: number; end: number }>();
  for (const m of text.matchAll(/\S+/g)) {
    const tok = m[0];
    const start = m.index ?? 0;
    const eq = tok.indexOf('=');
    const key = eq > 0 ? tok.slice(0, eq).toLowerCase() : tok;
    if (eq <= 0 || !(KEYS as readonly string[]).includes(key)) {
      err(start, start + tok.length, `expected key=value with key one of ${KEYS.join(', ')}`);
      continue;
    }
    if (fields.has(key)) err(start, start + tok.length, `${key} given twice`);
    fields.set(key, { value: tok.slice(eq + 1), start: start + eq + 1, end: start + tok.length });
  }
  const whole = (): [number, number] => [0, text.length];
  const get = (k: string) => fields.get(k);
  const addr = (k: 'saddr' | 'daddr'): IpAddress | undefined => {
    const f = get(k);
    if (!f) {
      err(...whole(), `missing ${k}`);
      return undefined;
    }
    const a = parseIp(f.value);
    if (!a) err(f.start, f.end, `${k}: '${f.value}' is not an IPv4 or IPv6 address`);
    return a;
  };
  const saddr = addr('saddr');
  const daddr = addr('daddr');
  if (saddr && daddr && saddr.v !== daddr.v) err(...whole(), 'saddr and daddr are of different IP versions');
  const iif = get('iif')?.value ?? '';
  if (!get('iif')) err(...whole(), 'missing iif (the ingress interface)');
  const protoF = get('proto');
  let proto = protoF ? protocolNumber(protoF.value) : 6;
  if (protoF && proto === undefined) err(protoF.start, protoF.end, `unknown protocol '${protoF.value}'`);
  if (proto === undefined) proto = 6;
  const port = (k: 'sport' | 'dport'): number | undefined => {
    const f = get(k);
    if (!f) return undefined;
    if (!/^\d{1,5}$/.test(f.value) || Number(f.value) > 65535) {
      err(f.start, f.end, `${k}: '${f.value}' is not a port number`);
      return undefined;
    }
    if (!PORT_PROTOCOLS.has(proto!)) err(f.start, f.end, `${k} given for ${protocolName(proto!)}, which has no ports`);
    return Number(f.value);
  };
  let dport = port('dport');
  let sport = port('sport');
  if (PORT_PROTOCOLS.has(proto)) {
    if (dport === undefined) err(...whole(), `missing dport for ${protocolName(proto)}`);
    sport ??= 40000;
    dport ??= 0;
  }
  const stateF = get('state');
  const ctState = (stateF?.value.toLowerCase() ?? 'new') as CtState;
  if (stateF && !STATES.includes(ctState)) err(stateF.start, stateF.end, `state must be one of ${STATES.join(', ')}`);
  const dirF = get('dir');
  const ctDirection = dirF?.value.toLowerCase() === 'reply' ? 'reply' : 'original';
  if (dirF && !['original', 'reply'].includes(dirF.value.toLowerCase())) err(dirF.start, dirF.end, 'dir must be original or reply');
  const num = (k: 'mark' | 'ctmark'): bigint => {
    const f = get(k);
    if (!f) return 0n;
    if (!/^(0x[0-9a-f]+|\d+)$/i.test(f.value)) {
      err(f.start, f.end, `${k}: '${f.value}' is not a number`);
      return 0n;
    }
    return BigInt(f.value);
  };
  const mark = num('mark');
  const ctMark = num('ctmark');
  let tcpFlags: number | undefined;
  const flagsF = get('flags');
  if (proto === 6) {
    tcpFlags = ctState === 'new' ? TCP_FLAGS.syn : TCP_FLAGS.ack;
    if (flagsF) {
      tcpFlags = 0;
      for (const f of flagsF.value.toLowerCase().split(',')) {
        if (f in TCP_FLAGS) tcpFlags |= TCP_FLAGS[f];
        else err(flagsF.start, flagsF.end, `unknown TCP flag '${f}'`);
      }
    }
  } else if (flagsF) err(flagsF.start, flagsF.end, 'flags are only meaningful for tcp');
  const icmpF = get('icmp-type');
  const icmpType = proto === 1 || proto === 58 ? (icmpF?.value.toLowerCase() ?? 'echo-request') : undefined;
  if (icmpF && icmpType === undefined) err(icmpF.start, icmpF.end, 'icmp-type is only meaningful for icmp and icmpv6');
  if (proto === 1 && saddr?.v === 6) err(...whole(), 'proto icmp with IPv6 addresses: use icmpv6');
  if (!saddr || !daddr || diagnostics.some((d) => d.severity === 'error')) return { value: undefined, diagnostics };
  return {
    value: { iif, saddr, daddr, proto, sport, dport, ctState, ctDirection, mark, ctMark, icmpType, tcpFlags },
    diagnostics,
  };
}
