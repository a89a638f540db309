/**
 * Lowering of one nft rule (a sequence of statements) into model statements.
 */
import type { SyntaxNode as Node } from '../../syntax/mirror';
import { type Span, quoted } from '../../text';
import type { CmpOp, Expr, FirstPacket, NatStmt, SetElement, Statement, UnknownStmt, Value, VerdictKind, VerdictValue } from '../model';
import type { Dependency, FieldSpec, Kind } from './fields';
import { ctField, fibField, metaField, payloadField, rejectDeps } from './fields';
import type { Bad, Env } from './expr';
import { concatParts, evalInt, evalValue, expand, invalid, isBad, kids, oneLine, quiet, report, resolveVar, spanOf, unquote } from './expr';
import { countFirstPacket, limitFirstPacket } from '../first-packet';
import {
  BYTE_UNITS, EXTHDR_NAMES, FIB_FLAGS, FIB_RESULTS, IPSEC_ADDRESS_KEYS, IPSEC_KEYS, IP_OPTION_FIELDS, META_KEYS, OSF_KEYS, OSF_TTLS, RATE_PERIODS, RT_HEADER_FIELDS, RT_KEYS,
  SCTP_CHUNK_FIELDS, SOCKET_KEYS, TCP_OPTION_FIELDS, ctKeyError, optionError, payloadFieldError,
} from './keys';
import { notAVerdict } from './parser-checks';

export const SYNTAX_REASON = 'syntax error in rule';

export interface RuleEnv extends Env {
  /** Lowers an anonymous chain binding (`jump { ... }`) and returns the generated chain name. */
  readonly bind: (env: Env, node: Node) => string;
  /** Records that a statement writes named set `name` at run time (`add @s`, `update @s`, `meter`). */
  readonly writesSet: (name: string) => void;
}

const OPS: Readonly<Record<string, CmpOp>> = {
  '==': 'eq',
  eq: 'eq',
  '!=': 'ne',
  ne: 'ne',
  '<': 'lt',
  lt: 'lt',
  '>': 'gt',
  gt: 'gt',
  '<=': 'le',
  le: 'le',
  '>=': 'ge',
  ge: 'ge',
};

/** A left-hand side: an expression over model fields, the kind of its values, and its dependencies. */
interface Lhs {
  readonly expr: Expr;
  readonly kind: Kind;
  readonly deps: readonly Dependency[];
  readonly width: number;
  /** Under a mask: the kind whose symbols the integers may be written with (`syn | ack`). */
  readonly intKind?: Kind;
}

function field(spec: FieldSpec): Lhs {
  return { expr: { kind: 'field', field: spec.field }, kind: spec.kind, deps: spec.deps, width: spec.width };
}

function describe(node: Node): string {
  return oneLine(node.text);
}

/** `word` when it is one of `words`, else the message that says it is not (`'mut' is not a key of \`rt\` (...)`). */
function oneOf(at: Node | null, words: readonly string[], what: string): { at: Node; message: string } | undefined {
  return at && !words.includes(at.text) ? { at, message: `${quoted(at.text, "'")} is not ${what} (${words.join(', ')})` } : undefined;
}

/**
 * A key nft does not know in a selector (`tcp dpor`, `meta mar`, `ct sate`, `fib daddr typ`, `rt mut`,
 * `tcp option maxseg sise`): the node to report at and the message. `set`: the left side of `ct KEY
 * set`, which also takes the objects only assigned (`ct timeout set`). `family`: the table's, when
 * known (`rt nexthop` needs `ip` or `ip6` in the others).
 */
export function selectorKeyError(node: Node, set = false, family?: string): { at: Node; message: string } | undefined {
  switch (node.type) {
    case 'rt_expression': {
      const k = node.childForFieldName('key');
      if (!k) return undefined;
      const fam = node.childForFieldName('family');
      if (fam) return oneOf(k, RT_KEYS, `a key of \`rt ${fam.text}\``);
      if (!RT_KEYS.includes(k.text) && !RT_HEADER_FIELDS.includes(k.text)) {
        return { at: k, message: `${quoted(k.text, "'")} is not a key of \`rt\` (${RT_KEYS.join(', ')}) or a field of the IPv6 routing header (${RT_HEADER_FIELDS.join(', ')})` };
      }
      if (k.text === 'nexthop' && family && family !== 'ip' && family !== 'ip6') {
        return { at: node, message: `cannot determine ip protocol version, use "ip nexthop" or "ip6 nexthop" instead` };
      }
      return undefined;
    }
    case 'socket_expression': {
      const k = node.childForFieldName('key');
      const wrong = oneOf(k, SOCKET_KEYS, 'a key of `socket`');
      if (wrong || !k) return wrong;
      return k.text === 'cgroupv2' && !node.childForFieldName('level') ? { at: node, message: '`socket cgroupv2` needs its `level` (`socket cgroupv2 level 1`)' } : undefined;
    }
    case 'osf_expression':
      return oneOf(node.childForFieldName('ttl'), OSF_TTLS, 'a ttl option of `osf`') ?? oneOf(node.childForFieldName('key'), OSF_KEYS, 'a key of `osf`');
    case 'ipsec_expression':
      return node.childForFieldName('family')
        ? oneOf(node.childForFieldName('key'), IPSEC_ADDRESS_KEYS, `a key of \`ipsec ... ${node.childForFieldName('family')!.text}\``)
        : oneOf(node.childForFieldName('key'), IPSEC_KEYS, 'a key of `ipsec` without ip or ip6');
    case 'tcp_option_expression':
    case 'ip_option_expression':
    case 'exthdr_expression': {
      const name = node.childForFieldName('name');
      if (!name) return undefined;
      const f = node.childForFieldName('field');
      const head = node.child(0)?.text;
      if (node.type === 'exthdr_expression' && head === 'exthdr') {
        return oneOf(name, EXTHDR_NAMES, 'an extension header `exthdr` tests') ?? (f ? { at: f, message: '`exthdr NAME` tests whether the header is there (`exists`, `missing`): it takes no field' } : undefined);
      }
      const [what, fields] = node.type === 'tcp_option_expression' ? ['tcp option', TCP_OPTION_FIELDS] : node.type === 'ip_option_expression' ? ['ip option', IP_OPTION_FIELDS] : ['sctp chunk', SCTP_CHUNK_FIELDS];
      const wrong = optionError(what, fields, name.text, f?.text);
      return wrong && { at: wrong.field && f ? f : name, message: wrong.message };
    }
    case 'payload_expression': {
      const f = node.childForFieldName('field');
      const message = f && payloadFieldError(node.childForFieldName('protocol')?.text ?? '', f.text);
      return f && message ? { at: f, message } : undefined;
    }
    case 'meta_expression': {
      const key = node.childForFieldName('key')?.text ?? '';
      return META_KEYS.has(key) ? undefined : { at: node, message: `${quoted(key, "'")} is not a meta key` };
    }
    case 'ct_expression': {
      const k = node.childForFieldName('key');
      const message = k && ctKeyError(node.childForFieldName('direction')?.text, node.childForFieldName('family')?.text, k.text, set);
      return k && message ? { at: k, message } : undefined;
    }
    case 'fib_expression': {
      const bad = node.childrenForFieldName('flag').find((f) => !FIB_FLAGS.includes(f.text));
      if (bad) return { at: bad, message: `${quoted(bad.text, "'")} is not a fib flag (${FIB_FLAGS.join(', ')})` };
      const r = node.childForFieldName('result');
      return r && !FIB_RESULTS.includes(r.text) ? { at: r, message: `${quoted(r.text, "'")} is not a fib result (${FIB_RESULTS.join(', ')})` } : undefined;
    }
    default:
      return undefined;
  }
}

/** Reads a selector expression (`tcp dport`, `ip saddr . tcp dport`, `ct mark & 0xff`). */
export function evalLhs(env: Env, node: Node): Lhs | Bad {
  const wrong = selectorKeyError(node, false, env.family);
  if (wrong) return invalid(env, wrong.at, wrong.message);
  switch (node.type) {
    case 'payload_expression': {
      const p = node.childForFieldName('protocol')?.text ?? '';
      const f = node.childForFieldName('field')?.text ?? '';
      if ((p === 'ip' || p === 'ip6') && crossFamily(env, p)) report(env, node, 'error', `conflicting protocols specified: ${env.family} vs. ${p}`);
      const spec = payloadField(p, f, env.family);
      return spec ? field(spec) : { bad: `match on \`${p} ${f}\` is not modelled` };
    }
    case 'meta_expression': {
      const key = node.childForFieldName('key')?.text ?? '';
      // the packet's family is the table's own in every family but inet
      if (key === 'nfproto' && env.family !== 'inet') report(env, node, 'error', 'meta nfproto is only useful in the inet family');
      const spec = metaField(key);
      return spec ? field(spec) : { bad: `match on \`meta ${key}\` is not modelled` };
    }
    case 'ct_expression': {
      const dir = node.childForFieldName('direction')?.text;
      const fam = node.childForFieldName('family')?.text;
      const key = node.childForFieldName('key')?.text ?? '';
      if ((fam === 'ip' || fam === 'ip6') && crossFamily(env, fam)) report(env, node, 'error', `conflicting protocols specified: ${env.family} vs. ${fam}`);
      const spec = ctField(dir, fam, key, env.family);
      return spec ? field(spec) : { bad: `match on \`${describe(node)}\` is not modelled` };
    }
    case 'fib_expression': {
      const flags = node.childrenForFieldName('flag').map((f) => f.text);
      const result = node.childForFieldName('result')?.text ?? '';
      const spec = fibField(flags, result);
      return spec ? field(spec) : { bad: `match on \`${describe(node)}\` is not modelled` };
    }
    case 'concatenation': {
      const parts: Lhs[] = [];
      for (const k of concatParts(node)) {
        const p = evalLhs(env, k);
        if (isBad(p)) return p;
        parts.push(p);
      }
      const deps: Dependency[] = [];
      for (const p of parts) for (const d of p.deps) if (!deps.some((x) => sameDep(x, d))) deps.push(d);
      return {
        expr: { kind: 'concat', parts: parts.map((p) => p.expr) },
        kind: { concat: parts.map((p) => p.kind) },
        deps,
        width: parts.reduce((a, p) => a + p.width, 0),
      };
    }
    case 'binary_expression': {
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      const op = node.childForFieldName('operator')?.text ?? '';
      if (!l || !r) return { bad: `match on \`${describe(node)}\` is not modelled` };
      const left = evalLhs(env, l);
      if (isBad(left)) return left;
      if (left.expr.kind === 'concat') return { bad: `bitwise operation on a concatenation (\`${describe(node)}\`) is not modelled` };
      const c = evalInt(env, r, left.kind);
      if (isBad(c)) return c;
      const all = (1n << BigInt(left.width)) - 1n;
      let mask: bigint;
      let xor: bigint | undefined;
      if (op === '&' || op === 'and') mask = c;
      else if (op === '|' || op === 'or') {
        mask = all & ~c;
        xor = c;
      } else if (op === '^' || op === 'xor') {
        mask = all;
        xor = c;
      } else return { bad: `shift in a match (\`${describe(node)}\`) is not modelled` };
      const expr: Expr = xor === undefined ? { kind: 'bitwise', expr: left.expr, mask } : { kind: 'bitwise', expr: left.expr, mask, xor };
      // Under a mask, values are plain integers whatever the field's symbols.
      return { expr, kind: 'int', intKind: left.intKind ?? left.kind, deps: left.deps, width: left.width };
    }
    default:
      return { bad: `match on \`${describe(node)}\` is not modelled` };
  }
}

/** The code names `reject with icmp | icmpv6 | icmpx [type] NAME` takes (nft 1.0.6; numbers too). */
const REJECT_CODES: Readonly<Record<string, readonly string[]>> = {
  icmp: ['net-unreachable', 'host-unreachable', 'prot-unreachable', 'port-unreachable', 'frag-needed', 'net-prohibited', 'host-prohibited', 'admin-prohibited'],
  icmpv6: ['no-route', 'admin-prohibited', 'addr-unreachable', 'port-unreachable', 'policy-fail', 'reject-route'],
  icmpx: ['port-unreachable', 'admin-prohibited', 'no-route', 'host-unreachable'],
};

/** `ip6 saddr` in an ip table, `ip saddr` in an ip6 table: nft refuses the rule. */
function crossFamily(env: Env, protocol: 'ip' | 'ip6'): boolean {
  return (env.family === 'ip' && protocol === 'ip6') || (env.family === 'ip6' && protocol === 'ip');
}

function sameDep(a: Dependency, b: Dependency): boolean {
  return a.field === b.field && JSON.stringify(a.value, (_k, x) => (typeof x === 'bigint' ? String(x) : x)) === JSON.stringify(b.value, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
}

/** Per-rule state: dependencies already in the rule (written or implied) are not repeated. */
class RuleState {
  readonly out: Statement[] = [];
  private readonly deps: Dependency[] = [];

  constructor(readonly env: RuleEnv) {}

  hasL4(): boolean {
    return this.deps.some((d) => d.field === 'meta.l4proto');
  }

  /** The value an earlier match or dependency of the rule pins `field` to (`meta l4proto`, `meta nfproto`). */
  pinned(field: string): Value | undefined {
    return this.deps.find((d) => d.field === field)?.value;
  }

  /** The network family an earlier match of the rule pins (`meta nfproto ipv4`, `ip saddr ...` in inet): `ip`, `ip6` or none. */
  pinnedFamily(): 'ip' | 'ip6' | undefined {
    const v = this.pinned('meta.nfproto');
    return v?.kind === 'symbol' ? (v.name === 'ipv4' ? 'ip' : v.name === 'ipv6' ? 'ip6' : undefined) : undefined;
  }

  dep(d: Dependency, span: Span): void {
    if (this.deps.some((x) => sameDep(x, d))) return;
    this.deps.push(d);
    this.out.push({ kind: 'match', left: { kind: 'field', field: d.field }, op: 'eq', right: d.value, span });
  }

  /** A match the user wrote: recorded so that an identical implicit dependency is not added later. */
  written(left: Expr, op: CmpOp, right: Value): void {
    if (op === 'eq' && left.kind === 'field' && (left.field === 'meta.l4proto' || left.field === 'meta.nfproto') && right.kind !== 'set') {
      this.deps.push({ field: left.field, value: right });
    }
  }

  unknown(span: Span, reason: string, calls?: UnknownStmt['calls']): void {
    this.out.push(calls ? { kind: 'unknown', reason, span, calls } : { kind: 'unknown', reason, span });
  }
}

const verdictOf = (word: string): VerdictKind | undefined =>
  (['accept', 'drop', 'reject', 'return', 'continue', 'queue', 'jump', 'goto'] as const).find((v) => v === word);

/** `accept`, `jump NAME`, `goto { ... }` (also the values of verdict maps). */
export function evalVerdict(env: RuleEnv, node: Node): VerdictValue | Bad {
  const word = node.childForFieldName('verdict')?.text ?? node.text;
  const verdict = verdictOf(word);
  if (!verdict) return invalid(env, node, `${quoted(word, "'")} is not a verdict`);
  if (verdict !== 'jump' && verdict !== 'goto') return { kind: 'verdict', verdict };
  const t = node.childForFieldName('target');
  if (!t) return invalid(env, node, `${verdict} needs a chain name`);
  const target = chainName(env, t);
  if (isBad(target)) return target;
  return { kind: 'verdict', verdict, target };
}

function chainName(env: RuleEnv, t: Node): string | Bad {
  if (t.type === 'chain_binding') return env.bind(env, t);
  if (t.type === 'variable') {
    const x = expand(env, t);
    if (isBad(x)) return x;
    return chainName({ ...env, ...x.env }, x.node);
  }
  if (t.type === 'string') return unquote(t.text);
  if (t.type === 'identifier') return t.text;
  return invalid(env, t, `${quoted(t.text, "'")} is not a chain name`);
}

/** Map elements `key : value` with keys of `keyKind`; values are verdicts or values of `dataKind`. */
export function evalMapElements(env: RuleEnv, node: Node, keyKind: Kind, dataKind: Kind | 'verdict'): SetElement[] | Bad {
  if (node.type === 'variable') {
    const x = expand(env, node);
    if (isBad(x)) return x;
    return evalMapElements({ ...env, ...x.env }, x.node, keyKind, dataKind);
  }
  if (node.type !== 'anonymous_map') return invalid(env, node, `${quoted(oneLine(node.text), "'")} is not a map`);
  const out: SetElement[] = [];
  for (const el of kids(node)) {
    if (el.type !== 'map_element') continue;
    const k = el.childForFieldName('key');
    const v = el.childForFieldName('value');
    if (!k || !v) continue;
    const key = evalValue(env, k.type === 'element' ? (k.childForFieldName('value') ?? k) : k, keyKind);
    if (isBad(key)) return key;
    let data: Value | VerdictValue | Bad;
    if (dataKind === 'verdict' || v.type === 'verdict') data = v.type === 'verdict' ? evalVerdict(env, v) : v.type === 'variable' ? invalid(env, v, `${quoted(v.text, "'")} is not a verdict`) : invalid(env, v, notAVerdict(v));
    else data = evalValue(env, v, dataKind);
    if (isBad(data)) return data;
    const keys = key.kind === 'set' ? key.elements : [key];
    for (const kk of keys) out.push({ key: kk, data, span: spanOf(env, el) });
  }
  return out;
}

/** Whether a NAT map written in place has a target written `address . port`. */
function pairedTargets(m: Node): boolean {
  return m.type === 'anonymous_map' && kids(m).some((el) => el.type === 'map_element' && el.childForFieldName('value')?.type === 'concatenation');
}

/** Whether a variable stands (through others) for empty braces. */
function emptyBraces(vars: Env['vars'], n: Node): boolean {
  const r = resolveVar(vars, n);
  return r?.node.type === 'anonymous_set' && !r.node.namedChildren.some((c) => c && c.type !== 'comment');
}

function lowerMatch(st: RuleState, node: Node): void {
  const env = st.env;
  const span = spanOf(env, node);
  const l = node.childForFieldName('left');
  let r = node.childForFieldName('right');
  const opText = node.childForFieldName('operator')?.text;
  if (!l || !r) return st.unknown(span, `incomplete match \`${describe(node)}\``);
  const lhs = evalLhs(env, l);
  if (isBad(lhs)) {
    // a field the model does not follow still takes one value: `ether saddr 0011.2233.4455` reads
    // as a concatenation of numbers, which nft refuses
    if (r.type === 'concatenation' && ['payload_expression', 'meta_expression', 'ct_expression'].includes(l.type)) {
      return st.unknown(span, invalid(env, r, `a concatenation is not a value of \`${describe(l)}\``).bad);
    }
    return st.unknown(span, lhs.bad);
  }
  const op: CmpOp = opText ? OPS[opText] : 'eq';
  const leftSpan = spanOf(env, l);
  const f = lhs.expr.kind === 'field' ? lhs.expr.field : undefined;
  if (f?.endsWith('.proto-src') || f?.endsWith('.proto-dst')) {
    if (!st.hasL4()) report(env, l, 'warning', `nft 1.0.6 rejects \`${describe(l)}\` unless \`meta l4proto\` is matched before it in the rule`);
  }
  for (const d of lhs.deps) st.dep(d, leftSpan);
  // `iifname $ifs` where `define ifs = { }`: nft takes empty braces as a variable's value, not as a match's
  if (r.type === 'variable' && emptyBraces(env.vars, r)) return st.unknown(span, invalid(env, r, 'Set is empty: the variable holds `{ }`, which matches nothing').bad);

  // `tcp flags syn / fin,syn`: value under a mask.
  if (r.type === 'masked_value') {
    const v = r.childForFieldName('value');
    const m = r.childForFieldName('mask');
    if (!v || !m || lhs.expr.kind !== 'field') return st.unknown(span, `masked match \`${describe(node)}\` is not modelled`);
    const mask = evalInt(env, m, lhs.kind);
    if (isBad(mask)) return st.unknown(span, mask.bad);
    const val = evalInt(env, v, lhs.kind);
    if (isBad(val)) return st.unknown(span, val.bad);
    st.out.push({ kind: 'match', left: { kind: 'bitwise', expr: lhs.expr, mask }, op, right: { kind: 'int', value: val }, span });
    return;
  }
  if ((lhs.kind === 'tcpflags' || lhs.kind === 'ctstatus') && lhs.expr.kind === 'field') {
    // nft replaces a set of one element by the element: `tcp flags { syn }` is `tcp flags syn`
    // (and `ct status { dnat }` is `ct status dnat`)
    const only = r.type === 'anonymous_set' ? kids(r) : [];
    if (only.length === 1) r = only[0].type === 'element' ? (only[0].childForFieldName('value') ?? only[0]) : only[0];
    // `tcp flags syn | ack` with no operator: a flag test of those bits, as `syn,ack` (nft compiles
    // both to `flags & 0x12 != 0`; only `==` compares the whole byte)
    if (lhs.kind === 'tcpflags' && !opText && r.type === 'binary_expression') {
      const bits = evalInt(env, r, lhs.kind);
      if (isBad(bits)) return st.unknown(span, bits.bad);
      st.out.push({ kind: 'match', left: { kind: 'bitwise', expr: lhs.expr, mask: bits }, op: 'ne', right: { kind: 'int', value: 0n }, span });
      return;
    }
  }
  // `ct status == dnat`, `!= dnat`, `{ dnat, snat }`: a comparison of the whole status word (a set of
  // one element is its element; with no operator, a flag test, which the model reads)
  const whole = lhs.kind === 'ctstatus' && lhs.expr.kind === 'field' && (((op === 'eq' || op === 'ne') && !!opText) || r.type === 'set_reference' || (r.type === 'anonymous_set' && kids(r).length > 1));
  // `tcp flags == syn`: the exact flag byte (an implicit `tcp flags syn` is a flag test, kept as symbols).
  if (lhs.kind === 'tcpflags' && opText && (op === 'eq' || op === 'ne') && r.type !== 'anonymous_set' && r.type !== 'set_reference') {
    const val = evalInt(env, r, lhs.kind);
    if (isBad(val)) return st.unknown(span, val.bad);
    st.out.push({ kind: 'match', left: { kind: 'bitwise', expr: lhs.expr, mask: 0xffn }, op, right: { kind: 'int', value: val }, span });
    return;
  }
  const right = lhs.expr.kind === 'bitwise' || (lhs.kind === 'tcpflags' && r.type === 'anonymous_set') ? intValue(env, r, lhs.intKind ?? lhs.kind) : evalValue(env, r, lhs.kind);
  if (isBad(right)) return st.unknown(span, right.bad);
  if (lhs.expr.kind === 'field' && lhs.kind === 'int' && lhs.width < 64) outOfRange(env, r, right, lhs.width);
  st.written(lhs.expr, op, right);
  st.out.push({ kind: 'match', left: lhs.expr, op, right, ...(whole ? { whole } : {}), span });
}

/**
 * A number (or range, or set of them) wider than the field it is compared with: nft refuses it
 * (`meta mark 0x1ffffffff`, `ip version 16`), at the value, or at the set's element that holds it.
 * `value` is the match's value as read: the nodes are read again only when it holds such a number.
 */
function outOfRange(env: Env, node: Node, value: Value, width: number): void {
  const max = (1n << BigInt(width)) - 1n;
  const over = (v: Value): bigint | undefined =>
    v.kind === 'int' ? (v.value > max ? v.value : undefined) : v.kind === 'range' ? [v.lo, v.hi].find((x) => x > max) : v.kind === 'set' ? v.elements.map(over).find((x) => x !== undefined) : undefined;
  if (over(value) === undefined) return;
  const q = quiet(env);
  const check = (n: Node): void => {
    const v = evalValue(q, n, 'int');
    if (isBad(v)) return;
    const too = over(v);
    if (too === undefined) return;
    // (in a range, nft points at the end that is too large)
    const at = n.type === 'range' ? ((v.kind === 'range' && v.lo > max ? n.childForFieldName('start') : n.childForFieldName('end')) ?? n) : n;
    report(env, at, 'error', `Value ${too} exceeds valid range 0-${max}`);
  };
  if (node.type === 'anonymous_set') {
    for (const k of kids(node)) check(k.type === 'element' ? (k.childForFieldName('value') ?? k) : k);
  } else if (node.type !== 'variable' && node.type !== 'set_reference') check(node);
}

/** Integers (possibly a set of them) written with the symbols of `kind`: `syn | ack`, `{ syn, syn | ack }`. */
function intValue(env: Env, node: Node, kind: Kind): Value | Bad {
  if (node.type === 'variable') {
    const x = expand(env, node);
    return isBad(x) ? x : intValue(x.env, x.node, kind);
  }
  if (node.type === 'anonymous_set') {
    const elements: Value[] = [];
    for (const k of kids(node)) {
      const v = intValue(env, k.type === 'element' ? (k.childForFieldName('value') ?? k) : k, kind);
      if (isBad(v)) return v;
      elements.push(...(v.kind === 'set' ? v.elements : [v]));
    }
    return { kind: 'set', elements };
  }
  if (node.type === 'range' || node.type === 'set_reference') return evalValue(env, node, 'int');
  const n = evalInt(env, node, kind);
  return isBad(n) ? n : { kind: 'int', value: n };
}

function lowerVmap(st: RuleState, node: Node): void {
  const env = st.env;
  const span = spanOf(env, node);
  const k = node.childForFieldName('key');
  const m = node.childForFieldName('map');
  if (!k || !m) return st.unknown(span, `incomplete vmap \`${describe(node)}\``, m ? mapCalls(env, m) : undefined);
  // (a drawn key selects one of the map's verdicts: its calls stay in the chain graph either way)
  const mk = mapKey(st, env, k, 'vmap');
  if (typeof mk === 'string') return st.unknown(span, mk, mapCalls(env, m));
  const { key, keyKind } = mk;
  if (m.type === 'set_reference') {
    st.out.push({ kind: 'vmap', key, map: { kind: 'ref', name: m.childForFieldName('name')?.text ?? '' }, span });
    return;
  }
  const elements = evalMapElements(env, m, keyKind, 'verdict');
  if (isBad(elements)) return st.unknown(span, elements.bad, mapCalls(env, m));
  st.out.push({ kind: 'vmap', key, map: { kind: 'inline', elements }, span });
}

/**
 * The key of a verdict or NAT map (`what`: which, for the messages): a number the kernel draws or
 * hashes, one of a range (`drawnKey`), or an expression read as a match's left side, its protocol
 * dependencies added to the rule; a message when it cannot be read.
 */
function mapKey(st: RuleState, env: Env, k: Node, what: string): { key: Expr; keyKind: Kind } | string {
  if (k.type === 'numgen_expression' || k.type === 'hash_expression') {
    const drawn = drawnKey(st, k);
    return drawn ? { key: drawn, keyKind: 'int' } : `\`${describe(k)}\` ${what} is not modelled`;
  }
  const lhs = evalLhs(env, k);
  if (isBad(lhs)) return lhs.bad.replace(/^match on/, `${what} on`);
  for (const d of lhs.deps) st.dep(d, spanOf(env, k));
  return { key: lhs.expr, keyKind: lhs.kind };
}

/**
 * The calls of a verdict map the lowering cannot follow: the jumps and gotos among its elements'
 * verdicts (each read on its own; one that cannot be read is left out), or the named map it looks up.
 */
function mapCalls(env: RuleEnv, m: Node): UnknownStmt['calls'] | undefined {
  if (m.type === 'set_reference') {
    const name = m.childForFieldName('name')?.text;
    return name ? { verdicts: [], maps: [name] } : undefined;
  }
  if (m.type === 'variable') {
    const x = expand(env, m);
    return isBad(x) ? undefined : mapCalls({ ...env, ...x.env }, x.node);
  }
  if (m.type !== 'anonymous_map') return undefined;
  const q = quiet(env);
  const verdicts: VerdictValue[] = [];
  for (const el of kids(m)) {
    const v = el.type === 'map_element' ? el.childForFieldName('value') : null;
    if (v?.type !== 'verdict') continue;
    const word = v.childForFieldName('verdict')?.text;
    // (an anonymous chain is declared by the map's lowering alone: not read here)
    if ((word !== 'jump' && word !== 'goto') || v.childForFieldName('target')?.type === 'chain_binding') continue;
    const d = evalVerdict(q, v);
    if (!isBad(d)) verdicts.push(d);
  }
  return verdicts.length ? { verdicts, maps: [] } : undefined;
}

/**
 * `numgen MODE mod N [offset O]`, `jhash EXPR mod N [seed S] [offset O]`, `symhash mod N [offset O]`:
 * a number of O..O+N-1 (undefined when the numbers cannot be read, or jhash's key cannot: its
 * transport fields bring their protocol match, as nft adds it).
 */
function drawnKey(st: RuleState, node: Node): Expr | undefined {
  const q = quiet(st.env);
  const num = (n: Node | null): bigint | undefined => {
    if (!n) return undefined;
    const v = evalInt(q, n, 'int');
    return isBad(v) ? undefined : v;
  };
  const mod = num(node.childForFieldName('modulus'));
  const offsetNode = node.childForFieldName('offset');
  const offset = offsetNode ? num(offsetNode) : 0n;
  if (mod === undefined || mod <= 0n || offset === undefined) return undefined;
  const inner = node.type === 'hash_expression' ? node.childForFieldName('key') : null;
  if (inner) {
    const lhs = evalLhs(st.env, inner);
    if (isBad(lhs)) return undefined;
    for (const d of lhs.deps) st.dep(d, spanOf(st.env, inner));
  }
  return { kind: 'drawn', what: describe(node), lo: offset, hi: offset + mod - 1n };
}

function portRange(env: Env, node: Node): { lo: number; hi: number } | Bad {
  const v = evalValue(env, node, 'port');
  if (isBad(v)) return v;
  if (v.kind === 'int') return { lo: Number(v.value), hi: Number(v.value) };
  if (v.kind === 'range') return { lo: Number(v.lo), hi: Number(v.hi) };
  return { bad: `NAT port \`${describe(node)}\` is not modelled` };
}

/**
 * In an inet table, a NAT or tproxy address needs its family: `dnat ip to ...`, or an earlier match
 * of the rule that pins it (`ip saddr ...`, `meta nfproto ipv4`). nft refuses it otherwise; for a
 * map keyed by an ip / ip6 header field, nft 1.0.6 does (the release judged), later releases take
 * the family from the key: the message says so.
 */
function familyNeeded(st: RuleState, node: Node, address: Node): void {
  if (st.env.family !== 'inet' || st.pinned('meta.nfproto')) return;
  const keyed = address.type === 'map_expression' ? /\b(ip6?)\s/.exec(address.childForFieldName('key')?.text ?? '')?.[1] : undefined;
  // (any earlier selector of a network header, `meta nfproto` in any form or a family-qualified
  // `ct` key is taken to pin it: no error where nft might see the family)
  for (const s of node.parent?.children ?? []) {
    if (s.startIndex >= node.startIndex) break;
    for (const e of s.descendantsOfType(SELECTORS)) {
      if (e.type === 'payload_expression' ? !TRANSPORT_ONLY.has(e.childForFieldName('protocol')?.text ?? '') : e.type === 'ct_expression' ? !!e.childForFieldName('family') : e.childForFieldName('key')?.text === 'nfproto') return;
    }
  }
  report(st.env, node, 'error', keyed ? `ip or ip6 must be specified with address for inet tables: nft 1.0.6 does not take it from the map's key (later releases do); write \`${node.childForFieldName('kind')?.text ?? node.child(0)?.text ?? 'dnat'} ${keyed} to\`` : 'ip or ip6 must be specified with address for inet tables.');
}

const SELECTORS = ['payload_expression', 'meta_expression', 'ct_expression'];
/**
 * A NAT or tproxy statement's family (`dnat ip to`) against the table's (ip, ip6) or the one an
 * earlier match of the rule gives (`ip6 saddr ...`, `meta nfproto ipv6`): nft refuses a conflict.
 */
function familyConflict(st: RuleState, node: Node, family: 'ip' | 'ip6', what: 'nat' | 'tproxy'): void {
  const given = st.env.family === 'ip' || st.env.family === 'ip6' ? st.env.family : st.pinnedFamily();
  if (given && given !== family) report(st.env, node, 'error', `conflicting protocols specified: ${given} vs. ${family}. You must specify ip or ip6 family in ${what} statement`);
}

/** Headers that say nothing of the network layer's family. */
const TRANSPORT_ONLY: ReadonlySet<string> = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp', 'th', 'ether', 'vlan', 'arp']);

function lowerNat(st: RuleState, node: Node): void {
  const env = st.env;
  const span = spanOf(env, node);
  const nat = node.childForFieldName('kind')?.text as NatStmt['nat'];
  const famText = node.childForFieldName('family')?.text;
  const family = famText === 'ip' || famText === 'ip6' ? famText : undefined;
  const mode = node.childrenForFieldName('mode').map((n) => n.text).join(' ');
  const flags = node.childrenForFieldName('flag').map((n) => n.text);
  const addrNodes = node.childrenForFieldName('address').filter((n) => n.isNamed);
  const portNode = node.childForFieldName('port');
  const out: { -readonly [K in keyof NatStmt]: NatStmt[K] } = { kind: 'nat', nat, span };
  if (family) out.family = family;
  if (flags.length) out.flags = flags;
  let addrNode = addrNodes[0];
  // A variable may stand for an address, an `address:port`-less map, ...: look through it.
  let addrEnv: Env = env;
  while (addrNode?.type === 'variable') {
    const x = expand(addrEnv, addrNode);
    if (isBad(x)) return st.unknown(span, x.bad);
    addrEnv = x.env;
    addrNode = x.node;
  }
  if (addrNode && !family && (nat === 'dnat' || nat === 'snat')) familyNeeded(st, node, addrNode);
  if (family) familyConflict(st, node, family, 'nat');
  if (addrNode) {
    if (addrNode.type === 'map_expression') {
      const k = addrNode.childForFieldName('key');
      const m = addrNode.childForFieldName('map');
      if (!k || !m) return st.unknown(span, `incomplete NAT map \`${describe(node)}\``);
      const mk = mapKey(st, addrEnv, k, `${nat} map`);
      if (typeof mk === 'string') return st.unknown(span, mk);
      const { key, keyKind } = mk;
      const addrKind: Kind = family === 'ip6' || (!family && env.family === 'ip6') ? 'ip6' : family === 'ip' || env.family === 'ip' ? 'ip4' : 'ip';
      // `dnat ip addr . port to ... map { k : addr . port }`: the grammar's `mode` field holds `addr`;
      // without it, targets written `addr . port` are pairs too (nft lists such a map so)
      const paired = mode === 'addr' || mode === 'addr . port' || (!mode && pairedTargets(m));
      const dataKind: Kind = paired ? { concat: [addrKind, 'port'] } : addrKind;
      if (m.type === 'set_reference') out.mapped = { key, ref: m.childForFieldName('name')?.text ?? '' };
      else {
        const elements = evalMapElements({ ...st.env, ...addrEnv }, m, keyKind, dataKind);
        if (isBad(elements)) return st.unknown(span, elements.bad);
        out.mapped = { key, elements };
      }
    } else {
      const kind: Kind = family === 'ip6' ? 'ip6' : family === 'ip' ? 'ip4' : 'ip';
      const target = addrNode.type === 'ipv6_address' || addrNode.type === 'ipv4_address' || addrNode.type === 'range' || addrNode.type === 'prefix' ? addrNode : undefined;
      if (!target) return st.unknown(span, `${nat} to \`${describe(addrNode)}\` is not modelled`);
      const v = evalValue(addrEnv, target, kind);
      if (isBad(v)) return st.unknown(span, v.bad);
      if (v.kind !== 'ip') return st.unknown(span, `${nat} to \`${describe(addrNode)}\` is not modelled`);
      out.addr = v.interval;
    }
  }
  if (portNode) {
    if (portNode.type === 'map_expression' || !['number', 'range', 'variable', 'identifier'].includes(portNode.type)) {
      return st.unknown(span, `${nat} port from \`${describe(portNode)}\` is not modelled`);
    }
    const p = portRange(env, portNode);
    if (isBad(p)) return st.unknown(span, p.bad);
    out.port = p;
  }
  if ((nat === 'dnat' || nat === 'snat') && !out.addr && !out.mapped && !out.port) return st.unknown(span, `${nat} without a target`);
  st.out.push(out);
}

/** `add @s { KEY [stmt...] }` / `update @s { ... }` / `meter NAME { ... }`: the inner statements run per element. */
function lowerSetUpdate(st: RuleState, node: Node, set: string): void {
  const env = st.env;
  const span = spanOf(env, node);
  env.writesSet(set);
  const key = node.childForFieldName('key');
  if (key) {
    const lhs = evalLhs(env, key);
    if (!isBad(lhs)) for (const d of lhs.deps) st.dep(d, spanOf(env, key));
  }
  st.out.push({ kind: 'setUpdate', set, span });
  for (const s of node.childrenForFieldName('statement')) lowerStatement(st, s);
}

function lowerStatement(st: RuleState, node: Node): void {
  const env = st.env;
  const span = spanOf(env, node);
  const what = describe(node);
  switch (node.type) {
    case 'match_statement':
      return lowerMatch(st, node);
    case 'vmap_statement':
      return lowerVmap(st, node);
    case 'verdict_statement': {
      const v = evalVerdict(env, node);
      if (isBad(v)) return st.unknown(span, v.bad);
      st.out.push({ kind: 'verdict', verdict: v, span });
      return;
    }
    case 'reject_statement': {
      const protocol = node.childForFieldName('protocol')?.text;
      const version = protocol === 'icmp' ? 'ip' : protocol === 'icmpv6' ? 'ip6' : undefined;
      const at = node.childForFieldName('type') ?? node;
      const codes = protocol ? REJECT_CODES[protocol] : undefined;
      if (codes && at.type === 'identifier' && !codes.includes(at.text)) report(env, at, 'error', `Could not parse ${protocol} code: ${quoted(at.text, "'")} is not one of ${codes.join(', ')}`);
      // the abstracted ICMP codes exist in inet, bridge and netdev tables only
      if (protocol === 'icmpx' && (env.family === 'ip' || env.family === 'ip6')) report(env, node, 'error', `abstracted ICMP unreachable not supported in an ${env.family} table: use \`reject with ${env.family === 'ip' ? 'icmp' : 'icmpv6'} ...\``);
      const other = st.pinnedFamily();
      // nft words it the same way whichever side is which
      if (version && (crossFamily(env, version) || (other && other !== version))) report(env, at, 'error', 'conflicting protocols specified: ip vs ip6');
      const l4 = st.pinned('meta.l4proto');
      if (protocol === 'tcp' && l4?.kind === 'int' && l4.value !== 6n) report(env, node, 'error', 'you cannot use tcp reset with this protocol');
      for (const d of rejectDeps(protocol, env.family)) st.dep(d, span);
      st.out.push({ kind: 'verdict', verdict: { kind: 'verdict', verdict: 'reject' }, span });
      return;
    }
    case 'queue_statement': {
      const flags = node.childrenForFieldName('flag').map((f) => f.text);
      if (flags.includes('bypass')) st.out.push({ kind: 'stateful', what: 'queue bypass (accepts when no program listens)', span });
      else st.out.push({ kind: 'verdict', verdict: { kind: 'verdict', verdict: 'queue' }, span });
      return;
    }
    case 'log_statement': {
      const prefix = logPrefix(node.childForFieldName('prefix'));
      if (prefix !== undefined && utf8Length(prefix) > LOG_PREFIX_MAX) report(env, node.childForFieldName('prefix')!, 'error', `a log prefix of ${utf8Length(prefix)} bytes: the kernel takes ${LOG_PREFIX_MAX}`);
      st.out.push({ kind: 'nop', what: 'log', span });
      return;
    }
    case 'counter_statement':
    case 'last_statement':
      st.out.push({ kind: 'nop', what: node.type.replace(/_statement$/, ''), span });
      return;
    case 'notrack_statement':
      st.out.push({ kind: 'nop', what: 'notrack', span });
      return;
    case 'dup_statement':
      st.out.push({ kind: 'nop', what: 'dup', span });
      return;
    case 'flow_statement':
      st.out.push({ kind: 'nop', what: 'flow offload', span });
      return;
    case 'limit_statement':
    case 'quota_statement':
    case 'connlimit_statement': {
      if (node.type !== 'connlimit_statement') checkUnits(env, node);
      const first = firstPacket(node);
      st.out.push(first ? { kind: 'stateful', what, first, span } : { kind: 'stateful', what, span });
      return;
    }
    case 'synproxy_statement':
      st.out.push({ kind: 'stateful', what, span });
      return;
    case 'nat_statement':
      return lowerNat(st, node);
    case 'meta_set_statement':
    case 'ct_set_statement':
      return lowerSet(st, node);
    case 'payload_set_statement': {
      const left = node.childForFieldName('left');
      const lhs = left ? evalLhs(env, left) : undefined;
      if (lhs && !isBad(lhs) && lhs.expr.kind === 'field') {
        st.unknown(span, `rewriting \`${describe(left!)}\` (stateless NAT) is not modelled`);
        return;
      }
      st.out.push({ kind: 'nop', what: `${left ? describe(left) : 'payload'} set`, span });
      return;
    }
    case 'set_update_statement': {
      const ref = node.childForFieldName('set');
      const name = ref?.childForFieldName('name')?.text ?? '';
      const op = node.childForFieldName('operation')?.text;
      if (op === 'delete') {
        st.out.push({ kind: 'setUpdate', set: name, span });
        env.writesSet(name);
        return;
      }
      return lowerSetUpdate(st, node, name);
    }
    case 'meter_statement':
      return lowerSetUpdate(st, node, node.childForFieldName('name')?.text ?? '');
    case 'tproxy_statement': {
      const address = node.childrenForFieldName('address').find((n) => n.isNamed);
      const fam = node.childForFieldName('family')?.text;
      if (address && !fam) familyNeeded(st, node, address);
      if (fam === 'ip' || fam === 'ip6') familyConflict(st, node, fam, 'tproxy');
      return st.unknown(span, 'tproxy is not modelled');
    }
    case 'fwd_statement':
      return st.unknown(span, 'fwd is not modelled');
    case 'xt_statement':
      return st.unknown(span, `xt ${node.childForFieldName('kind')?.text ?? ''} (iptables extension kept by iptables-nft) is not modelled`);
    default:
      return st.unknown(span, `statement \`${what}\` is not modelled`);
  }
}

/**
 * The units of `limit rate [N UNIT]/PERIOD [burst N UNIT]` and `quota N UNIT` (also in named limit
 * and quota objects): nft 1.0.6 takes periods second to week, byte units bytes / kbytes / mbytes,
 * and a packet rate's burst in packets only.
 */
export function checkUnits(env: Env, node: Node): void {
  const rate = node.type === 'limit_statement' || node.type === 'limit_values' ? node.childForFieldName('rate') : null;
  const per = rate?.childForFieldName('per');
  if (per && !RATE_PERIODS.includes(per.text)) report(env, per, 'error', `${quoted(per.text, "'")} is not a rate period (${RATE_PERIODS.join(', ')})`);
  const rateUnit = rate?.childForFieldName('unit');
  for (const u of [rateUnit, node.childForFieldName('unit'), node.childForFieldName('used_unit')]) {
    if (u && !BYTE_UNITS.includes(u.text)) report(env, u, 'error', `${quoted(u.text, "'")} is not a byte unit (${BYTE_UNITS.join(', ')})`);
  }
  const burst = node.childForFieldName('burst_unit');
  if (burst && rate) {
    const allowed = rateUnit ? BYTE_UNITS : ['packets'];
    if (!allowed.includes(burst.text)) report(env, burst, 'error', `${quoted(burst.text, "'")} is not a burst unit of this rate (${allowed.join(', ')})`);
  }
}

function lowerSet(st: RuleState, node: Node): void {
  const env = st.env;
  const span = spanOf(env, node);
  const left = node.childForFieldName('left');
  const valueNode = node.childForFieldName('value');
  const key = left?.childForFieldName('key')?.text ?? '';
  const prefix = node.type === 'ct_set_statement' ? 'ct' : 'meta';
  if (!left || !valueNode) return st.unknown(span, `incomplete \`${describe(node)}\``);
  const wrong = selectorKeyError(left, true, env.family);
  if (wrong) return st.unknown(span, invalid(env, wrong.at, wrong.message).bad);
  const isMark = key === 'mark' && !left.childForFieldName('direction') && !left.childForFieldName('family');
  if (!isMark) {
    st.out.push({ kind: 'nop', what: `${prefix} ${key} set`, span });
    return;
  }
  const target = `${prefix}.mark`;
  let v: Node = valueNode;
  let venv: Env = env;
  while (v.type === 'variable') {
    const x = expand(venv, v);
    if (isBad(x)) return st.unknown(span, x.bad);
    v = x.node;
    venv = x.env;
  }
  const constant = ['number', 'binary_expression', 'parenthesized_expression'].includes(v.type) ? evalInt(quiet(venv), v, 'int') : undefined;
  if (constant !== undefined && !isBad(constant)) {
    st.out.push({ kind: 'set', key: target, value: { kind: 'int', value: constant & 0xffffffffn }, span });
    return;
  }
  const lhs = evalLhs(quiet(venv), v);
  if (!isBad(lhs)) {
    st.out.push({ kind: 'set', key: target, expr: lhs.expr, span });
    return;
  }
  st.out.push({ kind: 'set', key: target, span });
}

/** Lowers the statements of one rule. */
export function lowerStatements(env: RuleEnv, rule: Node): Statement[] {
  const st = new RuleState(env);
  for (const s of kids(rule)) {
    if (s.type === 'string') continue; // the rule's comment
    if (s.type === 'ERROR') {
      st.unknown(spanOf(env, s), SYNTAX_REASON);
      continue;
    }
    lowerStatement(st, s);
  }
  return st.out;
}

/** `limit rate` / `ct count` on the first packet of a new flow (first-packet.ts); undefined when not decided. */
function firstPacket(node: Node): FirstPacket | undefined {
  const written = oneLine(node.text);
  const over = node.childForFieldName('mode')?.text === 'over';
  const num = (n: Node | null): number | undefined => (n?.type === 'number' && /^\d+$/.test(n.text) ? Number(n.text) : undefined);
  if (node.type === 'limit_statement') {
    const rate = node.childForFieldName('rate');
    const value = num(rate?.childForFieldName('value') ?? null);
    const burstNode = node.childForFieldName('burst');
    const burstUnit = node.childForFieldName('burst_unit')?.text;
    const bytes = rate?.childForFieldName('unit') !== null || (burstUnit !== undefined && burstUnit !== 'packets');
    if (!rate || value === undefined || value === 0 || bytes || (burstNode && !num(burstNode))) return undefined;
    return limitFirstPacket({ over, burst: burstNode?.text, written });
  }
  if (node.type === 'connlimit_statement') {
    const count = num(node.childForFieldName('count'));
    return count === undefined ? undefined : countFirstPacket({ count, over, written });
  }
  return undefined;
}

/** The longest log prefix the kernel takes (NF_LOG_PREFIXLEN is 128 with the NUL); nft 1.0.6 refuses a longer one, or crashes. */
const LOG_PREFIX_MAX = 127;

/**
 * A log statement's prefix as nft passes it; undefined when it is not a quoted string (a variable:
 * nft 1.0.6's parser refuses it) or holds a variable (`"$p"`, which nft expands: not measured).
 */
function logPrefix(node: Node | null): string | undefined {
  if (node?.type !== 'string') return undefined;
  const text = unquote(node.text);
  return text.includes('$') ? undefined : text;
}

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
