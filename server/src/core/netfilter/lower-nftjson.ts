/**
 * Lowering of libnftables JSON (`nft -j list ruleset` output, and the command form `nft -j -f`
 * reads: `{"add": {...}}`, `{"insert": ...}`, `{"flush": {"ruleset": null}}`, ...) into a
 * {@link Fragment}.
 *
 * The JSON leaves nft's implicit protocol dependencies out (`tcp dport 22` is a payload match on
 * `tcp dport` alone); the lowering puts the `meta.l4proto` match back, as the model asks. Sets
 * written by rules (`add @s`, `update @s`, meters) are dynamic even when the listing does not say
 * so. Anything the model has no field or statement for becomes an `unknown` statement with the
 * reason. Spans are the exact offsets of the JSON objects. Never throws.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { type IpInterval, parseIp, parseIpInterval, prefixInterval } from '../net/ip';
import { LineIndex, type Span } from '../text';
import type { BaseChainSpec, ChainType, Expr, Family, Fragment, Hook, MatchStmt, NamedSet, Op, SetElement, Statement, TableRef, UnknownStmt, Value, VerdictKind, VerdictValue } from './model';
import { formatExpr, formatStatements } from './format';
import { rejectDeps } from './nft/fields';
import { ETHERTYPES, ethertypeName, lookup } from './nft/names';
import { countFirstPacket, limitFirstPacket } from './first-packet';
import { TCP_FLAGS, protocolNumber } from './packet';
import { parseJsonWithSpans } from '../docker/json-spans';
import { type JsonNode, numOf, prop, rawNumber, single, strOf } from './sim/json';
import type { Languages } from '../syntax/languages';
import { lowerNftText } from './lower-nft';
import { tableKey } from './model';

/** (`ethertype`: `meta protocol`'s values, by the name the nft text lowering gives them) */
type Kind = 'ip' | 'int' | 'ifname' | 'symbol' | 'flags' | 'ethertype';

const FAMILIES: readonly Family[] = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'];
const HOOKS: readonly Hook[] = ['prerouting', 'input', 'forward', 'output', 'postrouting', 'ingress', 'egress'];
const L4: Readonly<Record<string, number>> = { tcp: 6, udp: 17, sctp: 132, dccp: 33, udplite: 136 };

interface Ctx {
  readonly file: string;
  readonly text: string;
  readonly diagnostics: CoreDiagnostic[];
  /** Sets written by rules, per table key. */
  readonly written: Set<string>;
  /** The nft grammar, to read a chain binding that nft lists as text (without it, an unknown statement). */
  readonly languages?: Languages;
  /** The chains a rule's bindings declare, with their rules: placed before the rule's own operation. */
  readonly pending: Op[];
  /** The binding chains' names so far, per table key. */
  readonly bindings: Set<string>;
}

const span = (_c: Ctx, n: JsonNode): Span => n.span;

function warn(c: Ctx, n: JsonNode, message: string, severity: 'error' | 'warning' = 'warning'): void {
  c.diagnostics.push({ span: n.span, severity, message, code: 'nft-json' });
}

/** A chain binding as nft 1.0.6 writes it into JSON: a string of nft text (`chainBinding`). */
const CHAIN_BINDING = /^(?:jump|goto)\s*\{/;

/** Whether an nft JSON text lists a chain binding (a string that starts as {@link CHAIN_BINDING}), which is read with the nft grammar. */
export function listsChainBinding(text: string): boolean {
  return IN_JSON.test(text);
}
/** {@link CHAIN_BINDING} at the start of a JSON string. */
const IN_JSON = new RegExp(`"${CHAIN_BINDING.source.slice(1)}`);

/** Lowers the text of an nft JSON file (`languages`: the grammars, for its chain bindings). */
export function lowerNftJson(file: string, text: string, languages?: Languages): Result<Fragment> {
  const c: Ctx = { file, text, diagnostics: [], written: new Set(), ...(languages ? { languages } : {}), pending: [], bindings: new Set() };
  const ops: Op[] = [];
  const fragment = (): Result<Fragment> => ({ value: { file, format: 'nft-json', ops: markDynamic(ops, c) }, diagnostics: c.diagnostics });
  const parsed = parseJsonWithSpans(text, file);
  c.diagnostics.push(...parsed.diagnostics.map((d) => ({ ...d, message: `invalid JSON: ${d.message}`, code: 'nft-json' })));
  const root = parsed.value;
  if (!root) {
    if (!parsed.diagnostics.length) c.diagnostics.push({ span: new LineIndex(text).span(file, 0, 0), severity: 'error', message: 'empty file', code: 'nft-json' });
    return fragment();
  }
  const list = prop(root, 'nftables');
  if (!list || list.kind !== 'array') {
    warn(c, root, 'expected an object {"nftables": [...]}', 'error');
    return fragment();
  }
  for (const item of list.items) {
    const one = single(item);
    if (!one) {
      warn(c, item, 'expected an object with one key (metainfo, table, chain, rule, set, map, element, or a command)');
      continue;
    }
    const { key, value } = one;
    if (key === 'metainfo') continue;
    if (['add', 'create', 'insert', 'flush', 'delete', 'destroy', 'replace', 'reset', 'list', 'rename'].includes(key)) {
      const inner = single(value);
      if (!inner) {
        warn(c, value, `"${key}" expects an object with one key`);
        continue;
      }
      ops.push(...command(c, key, inner.key, inner.value, item));
      continue;
    }
    ops.push(...command(c, 'add', key, value, item, true));
  }
  return fragment();
}

/**
 * A chain binding (`jump { ... }`), which nft 1.0.6 lists in JSON only as its nft text: read as the
 * text front end reads it (an anonymous chain `__binding_LINE_COLUMN`, here of the string's place,
 * holding the bound rules), every span the string's. The chains go to `c.pending`; the statements
 * returned are the verdict that calls the chain. Undefined when the text does not lower cleanly.
 */
function chainBinding(c: Ctx, t: TableRef, text: string, sp: Span): Statement[] | undefined {
  if (!c.languages) return undefined;
  const src = `table ${t.family} t {\n\tchain c {\n\t\t${text}\n\t}\n}\n`;
  const lowered = lowerNftText(c.file, src, c.languages, { checkReferences: false });
  if (lowered.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const ops = lowered.value.ops;
  const own = ops.find((op): op is Extract<Op, { op: 'addRule' }> => op.op === 'addRule' && op.chain === 'c');
  if (!own || ops.some((op) => op.op === 'unknown')) return undefined;
  // each chain the text declares (the binding and those nested in it) named after the string's place
  const names = new Map<string, string>();
  const at = `__binding_${sp.range.start.line + 1}_${sp.range.start.character + 1}`;
  for (const op of ops) {
    if (op.op !== 'addChain' || op.name === 'c') continue;
    let name = at;
    for (let i = 2; c.bindings.has(`${tableKey(t)}/${name}`); i++) name = `${at}_${i}`;
    c.bindings.add(`${tableKey(t)}/${name}`);
    names.set(op.name, name);
  }
  const synthetic = ops[0]?.op === 'addTable' ? ops[0].table : undefined;
  const remap = <T>(x: T): T => moved(x, synthetic, t, sp, names) as T;
  for (const op of ops) {
    if ((op.op === 'addChain' && names.has(op.name)) || (op.op === 'addRule' && names.has(op.chain))) c.pending.push(remap(op));
  }
  return own.rule.statements.map(remap);
}

/** `x` copied with the synthetic table's reference, every span and the binding chains' names replaced. */
function moved(x: unknown, table: TableRef | undefined, t: TableRef, sp: Span, names: ReadonlyMap<string, string>): unknown {
  if (x === table) return t;
  if (Array.isArray(x)) return x.map((y) => moved(y, table, t, sp, names));
  if (!x || typeof x !== 'object' || Object.getPrototypeOf(x) !== Object.prototype) return x;
  const o = x as Record<string, unknown>;
  if (typeof o.file === 'string' && typeof o.start === 'number' && typeof o.end === 'number' && o.range) return sp;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    out[k] = (k === 'chain' || k === 'target' || k === 'name') && typeof v === 'string' && names.has(v) ? names.get(v) : moved(v, table, t, sp, names);
  }
  return out;
}

function markDynamic(ops: Op[], c: Ctx): Op[] {
  return ops.map((op) => (op.op === 'addSet' && c.written.has(`${op.table.family}:${op.table.name}:${op.set.name}`) ? { ...op, set: { ...op.set, dynamic: true } } : op));
}

function tableRef(c: Ctx, obj: JsonNode, nameKey: 'name' | 'table'): TableRef | undefined {
  const family = strOf(prop(obj, 'family')) as Family | undefined;
  const name = strOf(prop(obj, nameKey));
  if (!family || !FAMILIES.includes(family) || name === undefined) {
    warn(c, obj, `expected "family" (one of ${FAMILIES.join(', ')}) and "${nameKey}"`);
    return undefined;
  }
  return { family, name, backend: 'nft' };
}

function command(c: Ctx, cmd: string, kind: string, obj: JsonNode, item: JsonNode, listing = false): Op[] {
  const sp = span(c, item);
  if (cmd === 'flush' && kind === 'ruleset') {
    const family = strOf(prop(obj, 'family')) as Family | undefined;
    return [{ op: 'flushRuleset', family, span: sp }];
  }
  if (['list', 'reset', 'rename', 'replace'].includes(cmd) || !['table', 'chain', 'rule', 'set', 'map', 'element'].includes(kind)) {
    if (['flowtable', 'counter', 'quota', 'ct helper', 'limit', 'secmark', 'synproxy', 'ct timeout', 'ct expectation'].includes(kind) && cmd !== 'replace') {
      return [{ op: 'unknown', reason: `${kind} objects are not modelled`, affectsVerdicts: false, span: sp }];
    }
    return [{ op: 'unknown', reason: `"${cmd} ${kind}" is not modelled`, affectsVerdicts: cmd === 'replace' || cmd === 'rename', span: sp }];
  }
  const del = cmd === 'delete' || cmd === 'destroy';
  switch (kind) {
    case 'table': {
      const t = tableRef(c, obj, 'name');
      if (!t) return [];
      if (del) return [{ op: 'deleteTable', table: t, span: sp }];
      if (cmd === 'flush') return [{ op: 'flushTable', table: t, span: sp }];
      const flags = prop(obj, 'flags');
      const fl = flags?.kind === 'array' ? flags.items.map(strOf).filter((x): x is string => !!x) : strOf(flags) ? [strOf(flags)!] : undefined;
      return [{ op: 'addTable', table: t, flags: fl, span: sp }];
    }
    case 'chain': {
      const t = tableRef(c, obj, 'table');
      const name = strOf(prop(obj, 'name'));
      if (!t || name === undefined) return [];
      if (del) return [{ op: 'deleteChain', table: t, name, span: sp }];
      if (cmd === 'flush') return [{ op: 'flushChain', table: t, name, span: sp }];
      return [{ op: 'addChain', table: t, name, base: baseSpec(c, obj), comment: strOf(prop(obj, 'comment')), span: sp }];
    }
    case 'rule': {
      const t = tableRef(c, obj, 'table');
      const chain = strOf(prop(obj, 'chain'));
      if (!t || chain === undefined) return [];
      const handle = numOf(prop(obj, 'handle'));
      if (del) return [{ op: 'deleteRule', table: t, chain, handle, span: sp }];
      const exprs = prop(obj, 'expr');
      const statements = exprs?.kind === 'array' ? rule(c, t, exprs.items) : [];
      if (!exprs || exprs.kind !== 'array') warn(c, obj, 'rule without an "expr" list');
      const comment = strOf(prop(obj, 'comment'));
      const text = formatStatements(statements) + (comment ? ` comment "${comment}"` : '');
      const r = { statements, span: sp, text, comment, handle: listing ? handle : undefined };
      const index = numOf(prop(obj, 'index'));
      const position = cmd === 'insert' ? 'insert' : 'append';
      // (the chains its bindings declare come first, as nft creates them with the rule)
      return [...c.pending.splice(0), { op: 'addRule', table: t, chain, rule: r, position, index: index !== undefined ? index + (position === 'insert' ? 1 : 0) : undefined, handle: listing ? undefined : handle, span: sp }];
    }
    case 'set':
    case 'map': {
      const t = tableRef(c, obj, 'table');
      const name = strOf(prop(obj, 'name'));
      if (!t || name === undefined) return [];
      if (del) return [{ op: 'deleteSet', table: t, name, span: sp }];
      if (cmd === 'flush') return [{ op: 'flushSet', table: t, name, span: sp }];
      const types = typeList(prop(obj, 'type'));
      const dataType = kind === 'map' ? (strOf(prop(obj, 'map')) ?? typeList(prop(obj, 'map')).join(' . ')) : undefined;
      const flagsN = prop(obj, 'flags');
      const flags = flagsN?.kind === 'array' ? flagsN.items.map(strOf).filter((x): x is string => !!x) : strOf(flagsN) ? [strOf(flagsN)!] : [];
      const elemN = prop(obj, 'elem');
      // (the kinds of its keys and values, read once for all its elements)
      const keyKinds = types.map(kindOfType);
      const dataKinds = !dataType ? undefined : dataType === 'verdict' ? 'verdict' : dataType.split('.').map((x) => kindOfType(x.trim()));
      const elements = elemN?.kind === 'array' ? elemN.items.flatMap((e) => element(c, e, keyKinds, dataKinds)) : [];
      const set: NamedSet = { name, keyType: types, dataType, flags, elements, dynamic: flags.includes('dynamic'), span: sp };
      return [{ op: 'addSet', table: t, set, span: sp }];
    }
    case 'element': {
      const t = tableRef(c, obj, 'table');
      const name = strOf(prop(obj, 'name'));
      if (!t || name === undefined) return [];
      // Element commands do not carry the set's type: guess the kind from each element's shape.
      const elemN = prop(obj, 'elem');
      const elements = elemN?.kind === 'array' ? elemN.items.flatMap((e) => element(c, e, [], undefined)) : [];
      return [{ op: del ? 'deleteElements' : 'addElements', table: t, set: name, elements, span: sp }];
    }
  }
  return [];
}

function typeList(n: JsonNode | undefined): string[] {
  // split and trim, not split(/\s*\.\s*/): that regular expression is quadratic on long runs of blanks
  if (n?.kind === 'string') return n.value.split('.').map((x) => x.trim());
  if (n?.kind === 'array') return n.items.map((x) => strOf(x) ?? '?');
  return [];
}

function baseSpec(c: Ctx, obj: JsonNode): BaseChainSpec | undefined {
  const hook = strOf(prop(obj, 'hook')) as Hook | undefined;
  if (hook === undefined) return undefined;
  const type = (strOf(prop(obj, 'type')) ?? 'filter') as ChainType;
  if (!HOOKS.includes(hook) || !['filter', 'nat', 'route'].includes(type)) {
    warn(c, obj, `unknown chain type or hook: ${type} ${hook}`);
    return undefined;
  }
  const prioN = prop(obj, 'prio');
  const priority = numOf(prioN) ?? 0;
  if (prioN && prioN.kind !== 'number') warn(c, prioN, 'expected a numeric "prio"');
  const policy = strOf(prop(obj, 'policy')) === 'drop' ? 'drop' : 'accept';
  const devN = prop(obj, 'dev') ?? prop(obj, 'device');
  const device = strOf(devN) ?? (devN?.kind === 'array' ? strOf(devN.items[0]) : undefined);
  if ((hook === 'ingress' || hook === 'egress') && device === undefined) warn(c, obj, `${hook} chain without "dev": it is not attached to a device and is not simulated`);
  return { type, hook, priority, policy, device };
}

// ---------------------------------------------------------------------------------------------
// Elements and values

function kindOfType(t: string): Kind {
  if (t === 'ipv4_addr' || t === 'ipv6_addr') return 'ip';
  // (a listing names an interface index by its interface; an ether type and a DSCP value by name
  // where they have one: `ip`, `8021q`, `cs2`, read as symbols as `meta protocol` is)
  if (t === 'ifname' || t === 'iface_index') return 'ifname';
  if (t === 'ct_state' || t === 'ct_status') return 'flags';
  if (['inet_service', 'inet_proto', 'mark', 'integer', 'uid', 'gid'].includes(t)) return 'int';
  return 'symbol';
}

/**
 * An element of a set or map whose keys have the kinds `kinds` (none: guessed from each key) and
 * whose values `data` (a verdict; none given: a verdict or guessed from each value, as a NAT map's).
 */
function element(c: Ctx, e: JsonNode, kinds: readonly Kind[], data: readonly Kind[] | 'verdict' | undefined): SetElement[] {
  let keyN = e;
  let dataN: JsonNode | undefined;
  if (e.kind === 'array' && e.items.length === 2) {
    keyN = e.items[0];
    dataN = e.items[1];
  }
  const elem = prop(keyN, 'elem');
  if (elem) keyN = prop(elem, 'val') ?? keyN;
  const key = kinds.length > 1 ? concatValue(c, keyN, kinds) : value(c, keyN, kinds[0] ?? guessKind(keyN));
  if (!key) return [];
  const sp = span(c, e);
  if (!dataN) return [{ key, span: sp }];
  if (data === 'verdict' || (!data && verdictOf(dataN))) {
    const v = verdictOf(dataN);
    if (!v) warn(c, dataN, 'expected a verdict');
    return v ? [{ key, data: v, span: sp }] : [];
  }
  const dkinds = data ?? [];
  const d = dkinds.length > 1 ? concatValue(c, dataN, dkinds) : value(c, dataN, dkinds[0] ?? guessKind(dataN));
  return d ? [{ key, data: d, span: sp }] : [];
}

function guessKind(n: JsonNode): Kind {
  const range = prop(n, 'range');
  const s = strOf(n) ?? strOf(prop(prop(n, 'prefix'), 'addr')) ?? strOf(range?.kind === 'array' ? range.items[0] : undefined);
  if (s && parseIp(s)) return 'ip';
  if (n.kind === 'number' || prop(n, 'range')) return 'int';
  return 'symbol';
}

function concatValue(c: Ctx, n: JsonNode, kinds: readonly Kind[]): Value | undefined {
  const parts = prop(n, 'concat');
  if (!parts || parts.kind !== 'array' || parts.items.length !== kinds.length) {
    warn(c, n, `expected a concatenation of ${kinds.length} values`);
    return undefined;
  }
  const vs = parts.items.map((p, i) => value(c, p, kinds[i]));
  return vs.every(Boolean) ? { kind: 'concat', parts: vs as Value[] } : undefined;
}

function ipInterval(s: string): IpInterval | undefined {
  return parseIpInterval(s);
}

/** A right-hand value of the given kind. */
function value(c: Ctx, n: JsonNode, kind: Kind, field?: string): Value | undefined {
  const bad = (what: string): undefined => {
    warn(c, n, `expected ${what}`);
    return undefined;
  };
  if (n.kind === 'string' && n.value.startsWith('@')) return { kind: 'setref', name: n.value.slice(1) };
  const setN = prop(n, 'set');
  if (setN?.kind === 'array') {
    const els = setN.items.map((x) => value(c, x, kind, field)).filter((x): x is Value => !!x);
    return { kind: 'set', elements: els };
  }
  if (n.kind === 'array') {
    // A flag list (`ct state established,related`) or a list of tcp flags.
    const els = n.items.map((x) => value(c, x, kind, field)).filter((x): x is Value => !!x);
    if (kind === 'int' && field === 'tcp.flags') return { kind: 'int', value: els.reduce((a, v) => a | (v.kind === 'int' ? v.value : 0n), 0n) };
    return { kind: 'set', elements: els };
  }
  if (prop(n, 'concat')) {
    const parts = prop(n, 'concat') as Extract<JsonNode, { kind: 'array' }>;
    const vs = parts.items.map((p) => value(c, p, guessKind(p)));
    return vs.every(Boolean) ? { kind: 'concat', parts: vs as Value[] } : undefined;
  }
  const elemVal = prop(prop(n, 'elem'), 'val');
  if (elemVal) return value(c, elemVal, kind, field);
  const or = prop(n, '|');
  if (or?.kind === 'array') {
    // a combination of TCP flags (`fin | ack` in a set of type tcp_flag): its bits, as the text's
    let bits = 0n;
    for (const x of or.items) {
      const v = value(c, x, 'int', 'tcp.flags');
      if (v?.kind !== 'int') return undefined;
      bits |= v.value;
    }
    return { kind: 'int', value: bits };
  }
  const range = prop(n, 'range');
  const prefix = prop(n, 'prefix');
  switch (kind) {
    case 'ip': {
      if (prefix) {
        const a = parseIp(strOf(prop(prefix, 'addr')) ?? '');
        const len = numOf(prop(prefix, 'len'));
        const iv = a && len !== undefined ? prefixInterval(a, len) : undefined;
        return iv ? { kind: 'ip', interval: iv } : bad('an address prefix');
      }
      if (range?.kind === 'array' && range.items.length === 2) {
        const lo = parseIp(strOf(range.items[0]) ?? '');
        const hi = parseIp(strOf(range.items[1]) ?? '');
        return lo && hi && lo.v === hi.v && lo.n <= hi.n ? { kind: 'ip', interval: { v: lo.v, lo: lo.n, hi: hi.n } } : bad('an address range');
      }
      const iv = n.kind === 'string' ? ipInterval(n.value) : undefined;
      return iv ? { kind: 'ip', interval: iv } : bad('an IP address');
    }
    case 'int': {
      if (range?.kind === 'array' && range.items.length === 2) {
        const lo = intOf(c, range.items[0], field);
        const hi = intOf(c, range.items[1], field);
        return lo !== undefined && hi !== undefined ? { kind: 'range', lo, hi } : bad('a numeric range');
      }
      const v = intOf(c, n, field);
      return v !== undefined ? { kind: 'int', value: v } : bad('a number');
    }
    case 'ifname': {
      const s = strOf(n);
      if (s === undefined) return bad('an interface name');
      if (s.endsWith('*') && !s.endsWith('\\*')) return { kind: 'ifname', name: s.slice(0, -1), wildcard: true };
      return { kind: 'ifname', name: s.replace(/\\\*$/, '*'), wildcard: false };
    }
    case 'ethertype': {
      // `vlan` is `8021q`, a number its name or `0x...`; another word is kept as a symbol
      const s = strOf(n);
      const num = s !== undefined ? lookup(ETHERTYPES, s) : n.kind === 'number' ? n.value : undefined;
      return num !== undefined ? { kind: 'symbol', name: ethertypeName(num) } : value(c, n, 'symbol', field);
    }
    case 'symbol':
    case 'flags': {
      if (n.kind === 'boolean' && n.value === false) return { kind: 'symbol', name: 'missing' };
      const s = strOf(n) ?? (n.kind === 'number' ? rawNumber(n, c.text) : undefined);
      return s !== undefined ? { kind: 'symbol', name: s.toLowerCase() } : bad('a symbol');
    }
  }
}

function intOf(c: Ctx, n: JsonNode, field?: string): bigint | undefined {
  if (n.kind === 'number') {
    const raw = rawNumber(n, c.text);
    return /^\d+$/.test(raw) ? BigInt(raw) : undefined;
  }
  const s = strOf(n);
  if (s === undefined) return undefined;
  if (/^(0x[0-9a-f]+|\d+)$/i.test(s)) return BigInt(s);
  if (field === 'tcp.flags' && s in TCP_FLAGS) return BigInt(TCP_FLAGS[s]);
  const p = protocolNumber(s);
  if (p !== undefined && (!field || /l4proto|protocol|nexthdr/.test(field))) return BigInt(p);
  const svc: Record<string, number> = { ssh: 22, http: 80, https: 443, domain: 53, smtp: 25, ntp: 123 };
  if (s in svc) return BigInt(svc[s]);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Expressions and statements

interface Lowered {
  readonly expr: Expr;
  readonly kind: Kind;
  /** A concatenation's: the kind of each part's values. */
  readonly parts?: readonly Kind[];
  /** The implicit protocol dependency (`tcp dport` needs `meta l4proto tcp`). */
  readonly dep?: number;
}

function leftExpr(c: Ctx, n: JsonNode): Lowered | string {
  const one = single(n);
  if (!one) return 'an expression the lowering does not understand';
  const { key, value: v } = one;
  const f = (field: string, kind: Kind, dep?: number): Lowered => ({ expr: { kind: 'field', field }, kind, dep });
  switch (key) {
    case 'payload': {
      const proto = strOf(prop(v, 'protocol'));
      const field = strOf(prop(v, 'field'));
      if (!proto || !field) return 'raw payload matches (@base,offset,length) are not modelled';
      if (proto === 'ip' && ['saddr', 'daddr'].includes(field)) return f(`ip.${field}`, 'ip');
      if (proto === 'ip6' && ['saddr', 'daddr'].includes(field)) return f(`ip6.${field}`, 'ip');
      if (proto === 'ip' && field === 'protocol') return f('ip.protocol', 'int');
      if (proto === 'ip6' && field === 'nexthdr') return f('ip6.nexthdr', 'int');
      if (proto === 'ip' && field === 'version') return f('ip.version', 'int');
      if (proto === 'ip6' && field === 'version') return f('ip6.version', 'int');
      if (proto === 'ip' && field === 'ttl') return f('ip.ttl', 'int');
      if (proto === 'ip6' && field === 'hoplimit') return f('ip6.hoplimit', 'int');
      if (proto in L4 && (field === 'sport' || field === 'dport')) return f(`th.${field}`, 'int', L4[proto]);
      if (proto === 'th' && (field === 'sport' || field === 'dport')) return f(`th.${field}`, 'int');
      if (proto === 'tcp' && field === 'flags') return f('tcp.flags', 'int', 6);
      if (proto === 'icmp' && field === 'type') return f('icmp.type', 'symbol');
      if (proto === 'icmpv6' && field === 'type') return f('icmpv6.type', 'symbol');
      return `match on ${proto} ${field} is not modelled`;
    }
    case 'meta': {
      const k = strOf(prop(v, 'key')) ?? '';
      if (['iifname', 'oifname', 'iif', 'oif'].includes(k)) return f(`meta.${k}`, 'ifname');
      if (['l4proto', 'mark'].includes(k)) return f(`meta.${k}`, 'int');
      if (['nfproto', 'pkttype', 'iiftype'].includes(k)) return f(`meta.${k}`, 'symbol');
      if (k === 'protocol') return f('meta.protocol', 'ethertype');
      return `meta ${k} is not modelled`;
    }
    case 'ct': {
      const k = strOf(prop(v, 'key')) ?? '';
      const dir = strOf(prop(v, 'dir'));
      if (!dir) {
        if (k === 'state' || k === 'status') return f(`ct.${k}`, 'flags');
        if (k === 'direction' || k === 'l3proto') return f(`ct.${k}`, 'symbol');
        if (k === 'mark') return f('ct.mark', 'int');
        if (k === 'protocol') return f('ct.protocol', 'int');
        return `ct ${k} is not modelled`;
      }
      const m = /^(?:(ip6?) )?(saddr|daddr)$/.exec(k);
      if (m) return f(`ct.${dir}.${m[2]}`, 'ip');
      if (k === 'proto-src' || k === 'proto-dst') return f(`ct.${dir}.${k}`, 'int');
      if (k === 'protocol') return f(`ct.${dir}.protocol`, 'int');
      return `ct ${dir} ${k} is not modelled`;
    }
    case 'fib': {
      const result = strOf(prop(v, 'result'));
      const fl = prop(v, 'flags');
      const flags = (fl?.kind === 'array' ? fl.items.map(strOf) : [strOf(fl)]).filter(Boolean).sort().join(',');
      if (result === 'type' && flags === 'daddr') return f('fib.daddr.type', 'symbol');
      if (result === 'type' && flags === 'saddr') return f('fib.saddr.type', 'symbol');
      if (result === 'oif' && flags === 'daddr') return f('fib.daddr.oif', 'ifname');
      if (result === 'oif' && flags === 'iif,saddr') return f('fib.saddr.iif.oif', 'ifname');
      if (result === 'oif' && flags === 'saddr') return f('fib.saddr.oif', 'ifname');
      return `fib ${flags.replace(',', ' . ')} ${result} is not modelled`;
    }
    case 'concat': {
      if (v.kind !== 'array') return 'malformed concatenation';
      const parts = v.items.map((x) => leftExpr(c, x));
      const bad = parts.find((x): x is string => typeof x === 'string');
      if (bad) return bad;
      const ls = parts as Lowered[];
      return { expr: { kind: 'concat', parts: ls.map((x) => x.expr) }, kind: 'symbol', parts: ls.map((x) => x.kind), dep: ls.find((x) => x.dep)?.dep };
    }
    case '&': {
      if (v.kind !== 'array' || v.items.length !== 2) return 'malformed bit operation';
      const inner = leftExpr(c, v.items[0]);
      if (typeof inner === 'string') return inner;
      const field = inner.expr.kind === 'field' ? inner.expr.field : undefined;
      const maskV = inner.kind === 'ip' ? value(c, v.items[1], 'ip') : value(c, v.items[1], 'int', field);
      const mask = maskV?.kind === 'int' ? maskV.value : maskV?.kind === 'ip' ? maskV.interval.lo : undefined;
      if (mask === undefined) return 'bit mask the lowering cannot read';
      return { expr: { kind: 'bitwise', expr: inner.expr, mask }, kind: inner.kind === 'ip' ? 'ip' : 'int', dep: inner.dep };
    }
  }
  return `${key} expressions are not modelled`;
}

/** The jumps and gotos of a verdict map's elements (`{"set": [[k, {"jump": {"target": "a"}}], ...]}`), or the named map (`"@m"`). */
function mapCalls(dataN: JsonNode): UnknownStmt['calls'] | undefined {
  if (dataN.kind === 'string' && dataN.value.startsWith('@')) return { verdicts: [], maps: [dataN.value.slice(1)] };
  const setN = prop(dataN, 'set');
  if (setN?.kind !== 'array') return undefined;
  const verdicts: VerdictValue[] = [];
  for (const e of setN.items) {
    const v = e.kind === 'array' && e.items.length === 2 ? verdictOf(e.items[1]) : undefined;
    if (v?.target && (v.verdict === 'jump' || v.verdict === 'goto')) verdicts.push(v);
  }
  return verdicts.length ? { verdicts, maps: [] } : undefined;
}

/**
 * A map key the kernel draws or hashes (`{"numgen": {"mode": "random", "mod": 4, "offset": 0}}`,
 * `{"jhash": {"expr": ..., "mod": 2, "seed": 1, "offset": 0}}`, `{"symhash": {"mod": 2}}`): a number
 * of offset..offset+mod-1 (undefined for any other key, or one whose numbers or hashed fields cannot be read).
 */
function drawnKey(c: Ctx, n: JsonNode): Lowered | undefined {
  const one = single(n);
  if (!one || !['numgen', 'jhash', 'symhash'].includes(one.key)) return undefined;
  const v = one.value;
  const mod = numOf(prop(v, 'mod'));
  const offset = numOf(prop(v, 'offset')) ?? 0;
  if (mod === undefined || !Number.isInteger(mod) || mod <= 0 || !Number.isInteger(offset) || offset < 0) return undefined;
  let inner: Lowered | undefined;
  const exprN = prop(v, 'expr');
  if (exprN) {
    const l = leftExpr(c, exprN);
    if (typeof l === 'string') return undefined;
    inner = l;
  }
  const seed = numOf(prop(v, 'seed'));
  const head = one.key === 'numgen' ? `numgen ${strOf(prop(v, 'mode')) ?? 'random'}` : inner ? `${one.key} ${formatExpr(inner.expr)}` : one.key;
  const what = `${head} mod ${mod}${seed ? ` seed 0x${seed.toString(16)}` : ''}${offset ? ` offset ${offset}` : ''}`;
  return { expr: { kind: 'drawn', what, lo: BigInt(offset), hi: BigInt(offset + mod - 1) }, kind: 'int', dep: inner?.dep };
}

const CMP: Readonly<Record<string, MatchStmt['op']>> = { '==': 'eq', in: 'eq', '!=': 'ne', '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge' };

function rightValue(c: Ctx, n: JsonNode, l: Lowered): Value | undefined {
  const field = fieldOf(l.expr);
  if (l.expr.kind === 'concat') {
    if (n.kind === 'string' && n.value.startsWith('@')) return { kind: 'setref', name: n.value.slice(1) };
    const kinds = kindsOf(l);
    const setN = prop(n, 'set');
    if (setN?.kind === 'array') return { kind: 'set', elements: setN.items.map((x) => concatValue(c, prop(x, 'elem') ? (prop(prop(x, 'elem'), 'val') ?? x) : x, kinds)).filter((x): x is Value => !!x) };
    return concatValue(c, n, kinds);
  }
  if (l.expr.kind === 'bitwise' && field === 'tcp.flags') return value(c, n, 'int', 'tcp.flags');
  return value(c, n, l.kind, field);
}

function fieldOf(e: Expr): string | undefined {
  return e.kind === 'field' ? e.field : e.kind === 'bitwise' ? fieldOf(e.expr) : undefined;
}

/** The kinds of the values a key takes: one per part of a concatenation. */
function kindsOf(l: Lowered): readonly Kind[] {
  return l.parts ?? [l.kind];
}

const VERDICTS: readonly string[] = ['accept', 'drop', 'reject', 'return', 'continue', 'queue', 'jump', 'goto'];

function verdictOf(n: JsonNode): VerdictValue | undefined {
  const one = single(n);
  if (!one || !VERDICTS.includes(one.key)) return undefined;
  const target = strOf(prop(one.value, 'target'));
  return { kind: 'verdict', verdict: one.key as VerdictKind, target };
}

function rule(c: Ctx, t: TableRef, items: readonly JsonNode[]): Statement[] {
  const out: Statement[] = [];
  for (const n of items) out.push(...statement(c, t, n));
  return out;
}

function statement(c: Ctx, t: TableRef, n: JsonNode): Statement[] {
  const sp = span(c, n);
  const unknown = (reason: string): Statement[] => [{ kind: 'unknown', reason, span: sp }];
  const one = single(n);
  // (nft 1.0.6 writes a chain binding only as its text, and warns "stmt ops chain have no json callback")
  if (!one && n.kind === 'string' && CHAIN_BINDING.test(n.value)) return chainBinding(c, t, n.value, sp) ?? unknown(`a chain binding (\`${n.value.split(/\s/)[0]} { ... }\`), which nft writes into its JSON listing only as text: the rules of \`nft list ruleset\` show it`);
  if (!one) return unknown('a statement the lowering does not understand');
  const { key, value: v } = one;
  const v0 = verdictOf(n);
  if (v0) {
    // a listing leaves out the IP version `reject with icmp ...` implies in inet (`meta nfproto
    // ipv4`); it writes the `meta l4proto tcp` of `with tcp reset` as a match of its own
    const type = key === 'reject' ? strOf(prop(v, 'type')) : undefined;
    const deps = type === 'icmp' || type === 'icmpv6' ? rejectDeps(type, t.family) : [];
    return [...deps.map((d): Statement => ({ kind: 'match', left: { kind: 'field', field: d.field }, op: 'eq', right: d.value, span: sp })), { kind: 'verdict', verdict: v0, span: sp }];
  }
  switch (key) {
    case 'match': {
      const leftN = prop(v, 'left');
      const rightN = prop(v, 'right');
      const opName = strOf(prop(v, 'op')) ?? '==';
      const op = CMP[opName];
      if (!leftN || !rightN || !op) return unknown('malformed match');
      const l = leftExpr(c, leftN);
      if (typeof l === 'string') return unknown(l);
      const right = rightValue(c, rightN, l);
      if (!right) return unknown('a match value the lowering cannot read');
      const dep: Statement[] = l.dep ? [{ kind: 'match', left: { kind: 'field', field: 'meta.l4proto' }, op: 'eq', right: { kind: 'int', value: BigInt(l.dep) }, span: sp }] : [];
      const field = l.expr.kind === 'field' ? l.expr.field : undefined;
      // `"op": "in"` is how nft lists a flag test (`tcp flags syn`, `tcp flags syn,ack`): any of
      // those bits set (`flags & 0x12 != 0`), where `==` compares the whole byte
      if (opName === 'in' && field === 'tcp.flags' && right.kind === 'int') {
        return [...dep, { kind: 'match', left: { kind: 'bitwise', expr: l.expr, mask: right.value }, op: 'ne', right: { kind: 'int', value: 0n }, span: sp }];
      }
      // `tcp flags == syn`, `ct status != dnat`, a set: the whole value
      const whole = (field === 'tcp.flags' || field === 'ct.status') && opName !== 'in';
      return [...dep, { kind: 'match', left: l.expr, op, right, ...(whole ? { whole } : {}), span: sp }];
    }
    case 'vmap': {
      const keyN = prop(v, 'key');
      const dataN = prop(v, 'data');
      if (!keyN || !dataN) return unknown('malformed vmap');
      const l = drawnKey(c, keyN) ?? leftExpr(c, keyN);
      if (typeof l === 'string') {
        // (its jumps and gotos stay in the chain graph)
        const calls = mapCalls(dataN);
        return [calls ? { kind: 'unknown', reason: l.replace(/^match on/, 'vmap on'), span: sp, calls } : { kind: 'unknown', reason: l.replace(/^match on/, 'vmap on'), span: sp }];
      }
      const dep: Statement[] = l.dep ? [{ kind: 'match', left: { kind: 'field', field: 'meta.l4proto' }, op: 'eq', right: { kind: 'int', value: BigInt(l.dep) }, span: sp }] : [];
      if (dataN.kind === 'string' && dataN.value.startsWith('@')) return [...dep, { kind: 'vmap', key: l.expr, map: { kind: 'ref', name: dataN.value.slice(1) }, span: sp }];
      const setN = prop(dataN, 'set');
      const kinds = kindsOf(l);
      const elements = setN?.kind === 'array' ? setN.items.flatMap((e) => element(c, e, kinds, 'verdict')) : [];
      return [...dep, { kind: 'vmap', key: l.expr, map: { kind: 'inline', elements }, span: sp }];
    }
    case 'dnat':
    case 'snat':
    case 'masquerade':
    case 'redirect':
      return nat(c, key, v, sp);
    case 'mangle': {
      const keyN = prop(v, 'key');
      const l = keyN ? leftExpr(c, keyN) : 'malformed mangle';
      const meta = strOf(prop(prop(keyN, 'meta'), 'key'));
      if (meta === 'nftrace') return [{ kind: 'nop', what: 'meta nftrace set', span: sp }];
      if (typeof l === 'string' || l.expr.kind !== 'field' || !['meta.mark', 'ct.mark'].includes(l.expr.field)) {
        return [{ kind: 'set', key: typeof l === 'string' ? (meta ? `meta.${meta}` : 'unknown') : (fieldOf(l.expr) ?? 'unknown'), span: sp }];
      }
      const valN = prop(v, 'value');
      const intV = valN && valN.kind === 'number' ? intOf(c, valN) : undefined;
      if (intV !== undefined) return [{ kind: 'set', key: l.expr.field, value: { kind: 'int', value: intV }, span: sp }];
      const e = valN ? leftExpr(c, valN) : undefined;
      return [{ kind: 'set', key: l.expr.field, expr: e && typeof e !== 'string' ? e.expr : undefined, span: sp }];
    }
    case 'counter':
    case 'log':
    case 'notrack':
    case 'comment':
    case 'flow':
    case 'nftrace':
      return [{ kind: 'nop', what: key, span: sp }];
    case 'limit': {
      const rate = numOf(prop(v, 'rate'));
      const per = strOf(prop(v, 'per')) ?? 'second';
      const inv = prop(v, 'inv');
      const over = inv?.kind === 'boolean' && inv.value;
      const burst = numOf(prop(v, 'burst'));
      const bytes = prop(v, 'rate_unit') !== undefined && strOf(prop(v, 'rate_unit')) !== 'packets';
      const decided = rate !== undefined && Number.isInteger(rate) && rate > 0 && !bytes && (burst === undefined || Number.isInteger(burst));
      const first = decided ? limitFirstPacket({ over, burst: burst ? String(burst) : undefined, written: `limit rate ${over ? 'over ' : ''}${rate}/${per}${burst ? ` burst ${burst} packets` : ''}` }) : undefined;
      return [first ? { kind: 'stateful', what: key, first, span: sp } : { kind: 'stateful', what: key, span: sp }];
    }
    case 'ct count': {
      const count = numOf(prop(v, 'val'));
      const inv = prop(v, 'inv');
      const over = inv?.kind === 'boolean' && inv.value;
      const first = count === undefined || !Number.isInteger(count) || count < 0 ? undefined : countFirstPacket({ count, over, written: `ct count ${over ? 'over ' : ''}${count}` });
      return [first ? { kind: 'stateful', what: key, first, span: sp } : { kind: 'stateful', what: key, span: sp }];
    }
    case 'quota':
    case 'connlimit':
    case 'numgen':
    // (as the nft text's lowering reads it: whether the packet passes depends on the handshake)
    case 'synproxy':
      return [{ kind: 'stateful', what: key, span: sp }];
    case 'set':
    case 'map':
    case 'meter': {
      const setName = (strOf(prop(v, 'set')) ?? strOf(prop(v, 'name')) ?? '').replace(/^@/, '');
      c.written.add(`${t.family}:${t.name}:${setName}`);
      return [{ kind: 'setUpdate', set: setName, span: sp }];
    }
    case 'xt':
      return unknown(`iptables extension ${strOf(prop(v, 'name')) ?? ''} (${strOf(prop(v, 'type')) ?? 'xt'}) is not modelled`);
  }
  return unknown(`statement "${key}" is not modelled`);
}

function nat(c: Ctx, key: 'dnat' | 'snat' | 'masquerade' | 'redirect', v: JsonNode, sp: Span): Statement[] {
  const fam = strOf(prop(v, 'family'));
  const family = fam === 'ip' || fam === 'ip6' ? fam : undefined;
  const addrN = prop(v, 'addr');
  const portN = prop(v, 'port');
  let addr: IpInterval | undefined;
  let mapped: Extract<Statement, { kind: 'nat' }>['mapped'];
  if (addrN) {
    const map = prop(addrN, 'map');
    if (map) {
      const k = prop(map, 'key');
      const l = k ? (drawnKey(c, k) ?? leftExpr(c, k)) : 'malformed map';
      if (typeof l === 'string') return [{ kind: 'unknown', reason: `${key} target: ${l}`, span: sp }];
      const data = prop(map, 'data');
      if (data?.kind === 'string' && data.value.startsWith('@')) mapped = { key: l.expr, ref: data.value.slice(1) };
      else {
        const setN = prop(data, 'set');
        const kinds = kindsOf(l);
        const elements = setN?.kind === 'array' ? setN.items.flatMap((e) => element(c, e, kinds, undefined)) : [];
        mapped = { key: l.expr, elements };
      }
    } else {
      const val = value(c, addrN, 'ip');
      if (val?.kind !== 'ip') return [{ kind: 'unknown', reason: `${key} to an address the lowering cannot read`, span: sp }];
      addr = val.interval;
    }
  }
  let port: { lo: number; hi: number } | undefined;
  if (portN) {
    const pv = value(c, portN, 'int');
    if (pv?.kind === 'int') port = { lo: Number(pv.value), hi: Number(pv.value) };
    else if (pv?.kind === 'range') port = { lo: Number(pv.lo), hi: Number(pv.hi) };
    else return [{ kind: 'unknown', reason: `${key} to a port the lowering cannot read`, span: sp }];
  }
  const flagsN = prop(v, 'flags');
  const flags = flagsN?.kind === 'array' ? flagsN.items.map(strOf).filter((x): x is string => !!x) : strOf(flagsN) ? [strOf(flagsN)!] : undefined;
  return [{ kind: 'nat', nat: key, family, addr, port, mapped, flags, span: sp }];
}

