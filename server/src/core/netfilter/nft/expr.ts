/**
 * Evaluation of nft value expressions (the right side of matches, set elements, NAT targets) into
 * canonical model values, with `$variable` substitution.
 *
 * A variable is expanded where it is used: every value that comes out of the expansion carries the
 * span of the use site, and diagnostics raised inside it point at the use site with the
 * definition as related information.
 */
import type { SyntaxNode as Node } from '../../syntax/mirror';
import type { RelatedInfo, Severity } from '../../diagnostics';
import { type LineIndex, type Span, quoted } from '../../text';
import { parseIp, parseIpInterval, prefixInterval } from '../../net/ip';
import type { Family, Value } from '../model';
import type { Kind } from './fields';
import { CT_STATES, CT_STATUS, ETHERTYPES, FIB_TYPES, ICMP_TYPES, ICMPV6_TYPES, PKTTYPES, PROTOCOLS, SERVICES, TCP_FLAGS, ethertypeName, icmpTypeName, lookup } from './names';
import { notAnEtherType } from './parser-checks';

export interface Frame {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  /**
   * Spans get their range when it is first read (`LineIndex.lazySpan`): a lowering that keeps
   * nothing for the next one (no memo) reads few ranges of its many spans. A memo's spans are moved
   * in place and keep their range objects, so they are plain.
   */
  readonly lazy?: boolean;
}

/** The span of `start`–`end` in a frame's file (see `Frame.lazy`). */
export function frameSpan(frame: Frame, start: number, end: number): Span {
  return frame.lazy ? frame.lines.lazySpan(frame.file, start, end) : frame.lines.span(frame.file, start, end);
}

export interface VarDef {
  readonly name: string;
  /** The value node; undefined after `undefine`. */
  readonly node?: Node;
  readonly frame: Frame;
  /** The variables visible where the definition was written (nested `$x` resolve there). */
  readonly scope: VarScope;
  readonly span: Span;
}

export type VarScope = { readonly def: VarDef; readonly prev: VarScope } | undefined;

export function lookupVar(scope: VarScope, name: string): VarDef | undefined {
  for (let s = scope; s; s = s.prev) if (s.def.name === name) return s.def.node ? s.def : undefined;
  return undefined;
}

/**
 * The node a variable stands for, through other variables, and the scope it is read in; undefined
 * when one is not defined or the chain is deeper than `MAX_EXPANSION`. Silent: `expand` reports.
 */
export function resolveVar(scope: VarScope, n: Node): { node: Node; scope: VarScope } | undefined {
  for (let depth = 0; n.type === 'variable'; depth++) {
    const def = depth < MAX_EXPANSION ? lookupVar(scope, n.childForFieldName('name')?.text ?? n.text.replace(/^\$/, '')) : undefined;
    if (!def?.node) return undefined;
    n = def.node;
    scope = def.scope;
  }
  return { node: n, scope };
}

export interface Env {
  readonly frame: Frame;
  readonly family: Family;
  readonly vars: VarScope;
  /** Inside a variable expansion: the use site, which every span is reported at. */
  readonly at?: Span;
  readonly related?: readonly RelatedInfo[];
  readonly depth: number;
  readonly report: (d: { span: Span; severity: Severity; message: string; related?: readonly RelatedInfo[] }) => void;
}

/** Why a construct could not be evaluated (the caller turns it into an unknown statement). */
export interface Bad {
  readonly bad: string;
}

export const isBad = (x: unknown): x is Bad => typeof x === 'object' && x !== null && 'bad' in x;

export function spanOf(env: Env, node: Node): Span {
  return env.at ?? frameSpan(env.frame, node.startIndex, node.endIndex);
}

export function report(env: Env, node: Node, severity: Severity, message: string): void {
  env.report({ span: spanOf(env, node), severity, message, related: env.related });
}

/** The same environment with its diagnostics dropped: for reading a value to learn about it, where the rule's own reading reports. */
export function quiet<E extends Env>(env: E): E {
  return { ...env, report: () => undefined };
}

/** An error nft itself would raise: reported, and the statement becomes unknown with the same words. */
export function invalid(env: Env, node: Node, message: string): Bad {
  report(env, node, 'error', message);
  return { bad: message };
}

const MAX_EXPANSION = 32;

/** Resolves `$name` to its definition's value node, with the environment to evaluate it in. */
export function expand(env: Env, varNode: Node): { node: Node; env: Env } | Bad {
  const name = varNode.childForFieldName('name')?.text ?? varNode.text.replace(/^\$/, '');
  const def = lookupVar(env.vars, name);
  if (!def) return invalid(env, varNode, `undefined variable $${name}`);
  if (env.depth >= MAX_EXPANSION) return invalid(env, varNode, `variable $${name} expands too deeply (recursive definition?)`);
  return {
    node: def.node!,
    env: {
      ...env,
      frame: def.frame,
      vars: def.scope,
      at: spanOf(env, varNode),
      related: [...(env.related ?? []), { span: def.span, message: `$${name} is defined here` }],
      depth: env.depth + 1,
    },
  };
}

/** Named children that are not comments (comments are extras and may sit anywhere). */
export function kids(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** The operands of a (left-nested) concatenation `a . b . c`, in order. */
export function concatParts(node: Node): Node[] {
  return kids(node).flatMap((k) => (k.type === 'concatenation' ? concatParts(k) : [k]));
}

export function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replace(/\\(.)/g, '$1') : text;
}

function parseNumber(text: string): bigint | undefined {
  if (/^-?[0-9]+$/.test(text)) return BigInt(text);
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return BigInt(text);
  return undefined;
}

const kindName = (k: Kind): string => {
  if (typeof k !== 'string') return 'concatenation';
  const names: Partial<Record<string, string>> = {
    ip4: 'IPv4 address',
    ip6: 'IPv6 address',
    ip: 'IP address',
    port: 'port',
    int: 'number',
    proto: 'protocol',
    ifname: 'interface name',
    ctstate: 'conntrack state',
    ctstatus: 'conntrack status',
    ctdir: 'conntrack direction',
    fibtype: 'address type',
    nfproto: 'family (ipv4 or ipv6)',
    pkttype: 'packet type',
    icmp: 'ICMP type',
    icmpv6: 'ICMPv6 type',
    tcpflags: 'TCP flag',
    ethertype: 'ether type',
  };
  return names[k] ?? k;
};

const SYMBOLS: Partial<Record<string, (s: string) => string | undefined>> = {
  ctstate: (s) => (lookup(CT_STATES, s) !== undefined ? s : undefined),
  ctstatus: (s) => (lookup(CT_STATUS, s) !== undefined ? s : undefined),
  ctdir: (s) => (s === 'original' || s === 'reply' ? s : undefined),
  fibtype: (s) => (FIB_TYPES.includes(s) ? s : undefined),
  nfproto: (s) => (s === 'ipv4' || s === 'ipv6' ? s : undefined),
  pkttype: (s) => lookup(PKTTYPES, s),
  icmp: (s) => (lookup(ICMP_TYPES, s) !== undefined ? s : undefined),
  icmpv6: (s) => (lookup(ICMPV6_TYPES, s) !== undefined ? s : undefined),
  tcpflags: (s) => (lookup(TCP_FLAGS, s) !== undefined ? s : undefined),
  ethertype: (s) => {
    const n = lookup(ETHERTYPES, s);
    return n === undefined ? undefined : ethertypeName(n);
  },
  symbol: (s) => s,
};

/** A scalar token (number, address, string, identifier, ...) read as a value of `kind`. */
function atom(env: Env, node: Node, kind: Kind): Value | Bad {
  const type = node.type;
  const raw = node.text;
  const text = type === 'string' ? unquote(raw) : raw;
  if (typeof kind !== 'string') return invalid(env, node, `expected a concatenation of ${kind.concat.length} values, got ${quoted(raw, "'")}`);
  if (type === 'time' || type === 'mac_address') {
    if (kind === 'raw' || kind === 'auto') return { kind: 'symbol', name: text };
    return invalid(env, node, `${quoted(raw, "'")} is not a valid ${kindName(kind)}`);
  }
  switch (kind) {
    case 'raw':
      return { kind: 'symbol', name: text };
    case 'auto': {
      if (type === 'ipv4_address' || type === 'ipv6_address') return atom(env, node, 'ip');
      const n = parseNumber(text);
      if (n !== undefined) return { kind: 'int', value: n };
      if (type === 'string' || text.endsWith('*')) return atom(env, node, 'ifname');
      return { kind: 'symbol', name: text };
    }
    case 'ip4':
    case 'ip6':
    case 'ip': {
      if (type === 'ipv4_address' || type === 'ipv6_address') {
        const iv = parseIpInterval(text);
        if (!iv) return invalid(env, node, `${quoted(raw, "'")} is not a valid IP address`);
        if ((kind === 'ip4' && iv.v !== 4) || (kind === 'ip6' && iv.v !== 6)) return invalid(env, node, `${quoted(raw, "'")} is not an ${kindName(kind)}`);
        return { kind: 'ip', interval: iv };
      }
      if (type === 'identifier' || type === 'string') return { bad: `host name ${quoted(text, "'")} is resolved by nft when the rule is loaded: not modelled` };
      return invalid(env, node, `${quoted(raw, "'")} is not an ${kindName(kind)}`);
    }
    case 'port':
    case 'int':
    case 'proto': {
      const n = parseNumber(text);
      if (n !== undefined) {
        const max = kind === 'port' ? 65535n : kind === 'proto' ? 255n : (1n << 128n) - 1n;
        if (n < 0n || n > max) return invalid(env, node, `${raw} is out of range for a ${kindName(kind)}`);
        return { kind: 'int', value: n };
      }
      if (kind === 'port' && (type === 'identifier' || type === 'string')) {
        const p = lookup(SERVICES, text);
        if (p !== undefined) return { kind: 'int', value: BigInt(p) };
        return invalid(env, node, `unknown service name ${quoted(text, "'")}`);
      }
      if (kind === 'proto' && (type === 'identifier' || type === 'string')) {
        const p = lookup(PROTOCOLS, text);
        if (p !== undefined) return { kind: 'int', value: BigInt(p) };
        return invalid(env, node, `unknown protocol ${quoted(text, "'")}`);
      }
      return invalid(env, node, `${quoted(raw, "'")} is not a ${kindName(kind)}`);
    }
    case 'ifname': {
      if (type !== 'string' && type !== 'identifier' && type !== 'number') return invalid(env, node, `${quoted(raw, "'")} is not an interface name`);
      const wildcard = text.endsWith('*') && !text.endsWith('\\*');
      return { kind: 'ifname', name: wildcard ? text.slice(0, -1) : text, wildcard };
    }
    default: {
      if (kind === 'icmp' || kind === 'icmpv6') {
        const n = parseNumber(text);
        if (n !== undefined) {
          if (n < 0n || n > 255n) return invalid(env, node, `${raw} is out of range for an ${kindName(kind)}`);
          return { kind: 'symbol', name: icmpTypeName(kind === 'icmp' ? ICMP_TYPES : ICMPV6_TYPES, Number(n)) ?? String(n) };
        }
      }
      if (kind === 'tcpflags' || kind === 'ctstate' || kind === 'ctstatus') {
        const n = parseNumber(text);
        if (n !== undefined) return { kind: 'int', value: n };
      }
      if (kind === 'ethertype') {
        const n = parseNumber(text);
        if (n !== undefined) {
          if (n < 0n || n > 0xffffn) return invalid(env, node, `${raw} is out of range for an ${kindName(kind)}`);
          return { kind: 'symbol', name: ethertypeName(Number(n)) };
        }
      }
      const check = SYMBOLS[kind];
      const name = check && (type === 'identifier' || type === 'string') ? check(text) : undefined;
      if (name === undefined && kind === 'ethertype') return invalid(env, node, notAnEtherType(raw));
      if (name === undefined) return invalid(env, node, `${quoted(raw, "'")} is not a valid ${kindName(kind)}`);
      return { kind: 'symbol', name };
    }
  }
}

const FLAG_TABLES: Partial<Record<string, Readonly<Record<string, number>>>> = {
  tcpflags: TCP_FLAGS,
  ctstate: CT_STATES,
  ctstatus: CT_STATUS,
};

/** A constant integer expression (`0xff`, `syn | ack`, `(fin | syn)`, `1 << 4`), for masks. */
export function evalInt(env: Env, node: Node, kind: Kind): bigint | Bad {
  switch (node.type) {
    case 'variable': {
      const x = expand(env, node);
      return isBad(x) ? x : evalInt(x.env, x.node, kind);
    }
    case 'parenthesized_expression': {
      const inner = kids(node)[0];
      return inner ? evalInt(env, inner, kind) : invalid(env, node, 'empty parentheses');
    }
    case 'value_list': {
      // `fin,syn` under a mask: the flags together.
      let acc = 0n;
      for (const k of kids(node)) {
        const v = evalInt(env, k, kind);
        if (isBad(v)) return v;
        acc |= v;
      }
      return acc;
    }
    case 'binary_expression': {
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      const op = node.childForFieldName('operator')?.text;
      if (!l || !r || !op) return invalid(env, node, `${quoted(node.text, "'")} is not a constant`);
      const a = evalInt(env, l, kind);
      if (isBad(a)) return a;
      const b = evalInt(env, r, kind);
      if (isBad(b)) return b;
      switch (op) {
        case '|':
        case 'or':
          return a | b;
        case '&':
        case 'and':
          return a & b;
        case '^':
        case 'xor':
          return a ^ b;
        case '<<':
        case 'lshift':
          return a << b;
        default:
          return a >> b;
      }
    }
    default: {
      const n = parseNumber(node.text);
      if (n !== undefined) return n;
      // an address as a mask or operand (`ip saddr & 255.255.0.0 == 10.1.0.0`)
      const ip = kind === 'ip4' || kind === 'ip6' || kind === 'ip' ? parseIp(node.text) : undefined;
      if (ip && (kind === 'ip' || (kind === 'ip4') === (ip.v === 4))) return ip.n;
      const table = typeof kind === 'string' ? FLAG_TABLES[kind] : undefined;
      const f = table && lookup(table, node.text);
      if (f !== undefined) return BigInt(f);
      return invalid(env, node, `${quoted(node.text, "'")} is not a constant ${typeof kind === 'string' ? kindName(kind) : 'value'}`);
    }
  }
}

/** Reads a value expression as a canonical value of `kind`. */
export function evalValue(env: Env, node: Node, kind: Kind): Value | Bad {
  switch (node.type) {
    case 'variable': {
      const x = expand(env, node);
      return isBad(x) ? x : evalValue(x.env, x.node, kind);
    }
    case 'parenthesized_expression': {
      const inner = kids(node)[0];
      return inner ? evalValue(env, inner, kind) : invalid(env, node, 'empty parentheses');
    }
    case 'anonymous_set':
    case 'value_list': {
      const elements: Value[] = [];
      for (const k of kids(node)) {
        const v = evalValue(env, k.type === 'element' ? (k.childForFieldName('value') ?? k) : k, kind);
        if (isBad(v)) return v;
        if (v.kind === 'set') elements.push(...v.elements);
        else elements.push(v);
      }
      return { kind: 'set', elements };
    }
    case 'element': {
      const v = node.childForFieldName('value');
      return v ? evalValue(env, v, kind) : invalid(env, node, 'empty element');
    }
    case 'concatenation': {
      const parts = concatParts(node);
      const kinds = kind === 'auto' || kind === 'raw' ? parts.map(() => kind) : typeof kind === 'string' ? undefined : kind.concat;
      if (!kinds) return invalid(env, node, `a concatenation is not a ${kindName(kind)}`);
      if (kinds.length !== parts.length) return invalid(env, node, `expected a concatenation of ${kinds.length} values, got ${parts.length}`);
      const out: Value[] = [];
      for (let i = 0; i < parts.length; i++) {
        const v = evalValue(env, parts[i], kinds[i]);
        if (isBad(v)) return v;
        out.push(v);
      }
      return { kind: 'concat', parts: out };
    }
    case 'range': {
      const s = node.childForFieldName('start');
      const e = node.childForFieldName('end');
      if (!s || !e) return invalid(env, node, `${quoted(node.text, "'")} is not a range`);
      const lo = evalValue(env, s, kind);
      if (isBad(lo)) return lo;
      const hi = evalValue(env, e, kind);
      if (isBad(hi)) return hi;
      if (lo.kind === 'ip' && hi.kind === 'ip') {
        if (lo.interval.v !== hi.interval.v || lo.interval.lo > hi.interval.hi) return invalid(env, node, `${quoted(node.text, "'")} is not a valid address range`);
        return { kind: 'ip', interval: { v: lo.interval.v, lo: lo.interval.lo, hi: hi.interval.hi } };
      }
      if (lo.kind === 'int' && hi.kind === 'int') {
        if (lo.value > hi.value) return invalid(env, node, `range ${node.text} is empty (start after end)`);
        return { kind: 'range', lo: lo.value, hi: hi.value };
      }
      if (kind === 'raw' || kind === 'auto') return { kind: 'symbol', name: node.text };
      return invalid(env, node, `${quoted(node.text, "'")} is not a range of ${kindName(kind)}s`);
    }
    case 'prefix': {
      const a = node.childForFieldName('address');
      const l = node.childForFieldName('length');
      if (!a || !l) return invalid(env, node, `${quoted(node.text, "'")} is not a prefix`);
      const ak = kind === 'ip4' || kind === 'ip6' ? kind : 'ip';
      if (kind !== 'ip4' && kind !== 'ip6' && kind !== 'ip' && kind !== 'auto' && kind !== 'raw') return invalid(env, node, `a prefix is not a ${kindName(kind)}`);
      const addr = evalValue(env, a, ak);
      if (isBad(addr)) return addr;
      const len = evalInt(env, l, 'int');
      if (isBad(len)) return len;
      if (addr.kind !== 'ip' || addr.interval.lo !== addr.interval.hi) return invalid(env, node, `${quoted(node.text, "'")} is not a prefix`);
      const iv = prefixInterval({ v: addr.interval.v, n: addr.interval.lo }, Number(len));
      if (!iv) return invalid(env, node, `prefix length ${len} is out of range`);
      return { kind: 'ip', interval: iv };
    }
    case 'boolean':
      return { kind: 'symbol', name: node.text };
    case 'set_reference': {
      const name = node.childForFieldName('name')?.text ?? node.text.replace(/^@/, '');
      return { kind: 'setref', name };
    }
    case 'binary_expression': {
      const n = evalInt(env, node, kind);
      return isBad(n) ? n : { kind: 'int', value: n };
    }
    case 'number':
    case 'ipv4_address':
    case 'ipv6_address':
    case 'mac_address':
    case 'time':
    case 'string':
    case 'identifier':
      return atom(env, node, kind);
    default:
      return { bad: `${quoted(oneLine(node.text), "'")} is not a constant value: not modelled` };
  }
}

export function oneLine(text: string): string {
  // Most texts are one line with single spaces already: nothing to replace.
  if (!/\\|\s\s|[^\S ]|^\s|\s$/.test(text)) return text;
  return text.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
}
