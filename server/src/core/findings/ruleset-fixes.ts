/**
 * Helpers for findings about the admin's rulesets (DW003–DW006, DW001's ruleset fixes): queries on
 * the lowered model (which rules match a port, which chains run) and quick-fixes that edit nftables
 * scripts and iptables-restore files in the user's own syntax.
 *
 * Every fix edits only the spans it must, so comments, quoting and layout stay as written. The
 * nftables forms are chosen to load with nft 1.0.6 (Debian 12): `ct original proto-dst` needs a
 * `meta l4proto` match before it, `destroy table` does not exist yet (`add table` + `delete table`
 * is used instead).
 */
import type { Analysis } from '../analysis';
import { formatInterval, type IpInterval, type IpVersion } from '../net/ip';
import { callees, chainCalls } from '../netfilter/chain-graph';
import { chainsToCheck } from '../netfilter/table-origin';
import type { Chain, Fragment, MatchStmt, Op, Rule, Table, Value } from '../netfilter/model';
import type { ReachClass } from '../netfilter/reach';
import { LineIndex, type Span } from '../text';
import type { FindingContext } from './rule';
import type { Fix, TextEdit } from './types';
import { ufwRouteFix } from './ufw-fixes';
import { firewalldDirectFix } from './firewalld-fixes';
import { bindToLoopbackFix } from './fixes';
import type { PublishedPort } from '../compose';

// ---------------------------------------------------------------------------------------------
// Queries on the model

/** A rule from the admin's files (Docker's synthesized rules live in virtual files `<...>`). */
export function isAdminRule(rule: Rule): boolean {
  return !rule.span.file.startsWith('<') && rule.origin === undefined;
}

export function isRealFile(span: Span | undefined): span is Span {
  return !!span && !span.file.startsWith('<');
}

/**
 * Where a finding about a rule is shown: the rule itself, without an iptables `-A CHAIN` / `-I CHAIN N`
 * prefix (the specification is what the finding is about, and the squiggle then starts at a column
 * a comment line can point at).
 */
export function ruleSpan(ctx: FindingContext, rule: Rule): Span {
  const text = ctx.texts.get(rule.span.file);
  if (text === undefined) return rule.span;
  const written = text.slice(rule.span.start, rule.span.end);
  const m = /^(?:-[AI]|--append|--insert)\s+\S+(?:\s+\d+)?\s+/.exec(written);
  if (!m || m[0].length >= written.length) return rule.span;
  return lineIndexOf(rule.span.file, text).span(rule.span.file, rule.span.start + m[0].length, rule.span.end);
}

/** Line indexes of the last few texts seen: findings on many rules of one file share one. */
const lineIndexes = new Map<string, LineIndex>();
function lineIndexOf(file: string, text: string): LineIndex {
  let idx = lineIndexes.get(file);
  if (!idx || idx.text !== text) {
    idx = new LineIndex(text);
    if (lineIndexes.size >= 16) lineIndexes.delete(lineIndexes.keys().next().value as string);
    lineIndexes.set(file, idx);
  }
  return idx;
}

/** `file:line` (1-based) of a span. */
export function where(span: Span): string {
  return `${span.file}:${span.range.start.line + 1}`;
}

function intIn(v: Value, n: bigint, table?: Table): boolean {
  switch (v.kind) {
    case 'int':
      return v.value === n;
    case 'range':
      return v.lo <= n && n <= v.hi;
    case 'set':
      return v.elements.some((e) => intIn(e, n, table));
    case 'setref': {
      const s = table?.sets.get(v.name);
      return !!s && s.elements.some((e) => intIn(e.key, n, table));
    }
    default:
      return false;
  }
}

/** Whether a match statement on an integer field accepts `n` (eq: member; comparisons). */
export function matchAccepts(m: MatchStmt, n: number, table?: Table): boolean {
  const x = BigInt(n);
  if (m.left.kind !== 'field') return false;
  if (m.op === 'eq') return intIn(m.right, x, table);
  if (m.right.kind !== 'int') return false;
  const r = m.right.value;
  return m.op === 'lt' ? x < r : m.op === 'le' ? x <= r : m.op === 'gt' ? x > r : m.op === 'ge' ? x >= r : false;
}

const DPORT_FIELDS = new Set(['th.dport']);

/** The destination-port matches of a rule that accept `port` (not `!=`). */
export function dportMatches(rule: Rule, port: number, table?: Table, fields: ReadonlySet<string> = DPORT_FIELDS): MatchStmt[] {
  return rule.statements.filter((s): s is MatchStmt => s.kind === 'match' && s.left.kind === 'field' && fields.has(s.left.field) && s.op !== 'ne' && matchAccepts(s, port, table));
}

/** The protocol a rule is restricted to (`meta.l4proto == N`), if it is. */
export function ruleProto(rule: Rule): number | undefined {
  for (const s of rule.statements)
    if (s.kind === 'match' && s.left.kind === 'field' && (s.left.field === 'meta.l4proto' || s.left.field === 'ip.protocol' || s.left.field === 'ip6.nexthdr') && s.op === 'eq' && s.right.kind === 'int') return Number(s.right.value);
  return undefined;
}

export const PROTO_NUMBER: Readonly<Record<string, number>> = { tcp: 6, udp: 17, sctp: 132 };

/** Whether a table's chains can call chains the model cannot see (a verdict map filled at run time). */
export function hasHiddenCalls(table: Table): boolean {
  let hidden = hiddenCalls.get(table);
  if (hidden === undefined) {
    // (a table rebuilt from one without such calls, with the same sets: only its changed chains can add one)
    hidden = false;
    for (const c of chainsToCheck(table, (previous) => hiddenCalls.get(previous) === false))
      if (chainCalls(c).namedMaps.some((name) => table.sets.get(name)?.dynamic ?? true)) {
        hidden = true;
        break;
      }
    hiddenCalls.set(table, hidden);
  }
  return hidden;
}
const hiddenCalls = new WeakMap<Table, boolean>();

export function isDormant(table: Table): boolean {
  return !!table.flags?.includes('dormant');
}

/** Names of the chains that run from the base chains of `table` accepted by `hook` (all hooks by default). */
export function reachableChains(table: Table, hook?: (c: Chain) => boolean): Set<string> {
  const seen = new Set<string>();
  if (isDormant(table)) return seen;
  const todo = [...table.chains.values()].filter((c) => c.base && (!hook || hook(c))).map((c) => c.name);
  while (todo.length) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const c = table.chains.get(n);
    if (c) todo.push(...callees(table, c));
  }
  return seen;
}

/** The operation of an admin fragment that added `rule`, with its fragment (the first source that has one). */
export function opOf(analysis: Analysis, rule: Rule): { op: Op & { op: 'addRule' }; fragment: Fragment } | undefined {
  for (const s of analysis.sources) {
    if (!s.fragment) continue;
    const op = addRuleOp(s.fragment, rule);
    if (op) return { op, fragment: s.fragment };
  }
  return undefined;
}

/**
 * Per fragment (kept across analyses while its file does not change): its first `addRule` of each
 * rule, once it was asked often (a few questions read the operations instead: an edited ruleset of
 * tens of thousands of rules is a new fragment, and its findings ask about a handful of rules).
 */
const opIndexes = new WeakMap<Fragment, { asked: number; index?: Map<Rule, Op & { op: 'addRule' }> }>();
/** Questions of a fragment answered by reading its operations, before its index is made. */
const SCANS = 8;
function addRuleOp(f: Fragment, rule: Rule): (Op & { op: 'addRule' }) | undefined {
  let memo = opIndexes.get(f);
  if (!memo) opIndexes.set(f, (memo = { asked: 0 }));
  if (!memo.index && memo.asked++ < SCANS) {
    const ops = f.ops;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (op.op === 'addRule' && op.rule === rule) return op;
    }
    return undefined;
  }
  let index = memo.index;
  if (!index) {
    memo.index = index = new Map();
    for (const op of f.ops) if (op.op === 'addRule' && !index.has(op.rule)) index.set(op.rule, op);
  }
  return index.get(rule);
}

// ---------------------------------------------------------------------------------------------
// Rewrites into the original-destination form

function edit(file: string, start: number, end: number, newText: string): TextEdit {
  return { file, start, end, newText };
}

/**
 * Rewrites a destination-port match into the conntrack original-destination form, in the syntax
 * it was written in: nft `tcp dport X` → `meta l4proto tcp ct original proto-dst X`, `th dport X`
 * → `ct original proto-dst X` (the rule already names the protocol); iptables `[-m tcp] --dport X`
 * → `-m conntrack --ctorigdstport X`. Undefined when the form cannot be rewritten faithfully
 * (multiport lists, which `--ctorigdstport` cannot express).
 */
export function ctOrigPortEdit(text: string, m: MatchStmt, format: Fragment['format']): TextEdit | undefined {
  const { file, start, end } = m.span;
  const written = text.slice(start, end);
  if (format === 'nft') {
    const proto = /^(tcp|udp|sctp|dccp|udplite)\s+dport\b/.exec(written);
    if (proto) return edit(file, start, start + proto[0].length, `meta l4proto ${proto[1]} ct original proto-dst`);
    const th = /^th\s+dport\b/.exec(written);
    if (th) return edit(file, start, start + th[0].length, 'ct original proto-dst');
    return undefined;
  }
  if (format === 'iptables') {
    const opt = /^(!\s+)?(--dport|--destination-port)(\s+)(!\s+)?(\S+)$/.exec(written);
    if (!opt) return undefined;
    const neg = opt[1] || opt[4] ? '! ' : '';
    // `-m tcp` / `-m udp` right before the option loads the match this option belonged to.
    const before = /-m\s+(tcp|udp|sctp|dccp)\s+$/.exec(text.slice(Math.max(0, start - 40), start));
    const from = before ? start - before[0].length : start;
    return edit(file, from, end, `-m conntrack ${neg}--ctorigdstport ${opt[5]}`);
  }
  return undefined;
}

/** Rewrites `ip daddr A` / `ip6 daddr A` / `-d A` into `ct original ip daddr A` / `-m conntrack --ctorigdst A`. */
export function ctOrigAddrEdit(text: string, m: MatchStmt, format: Fragment['format']): TextEdit | undefined {
  const { file, start, end } = m.span;
  const written = text.slice(start, end);
  if (format === 'nft') {
    const f = /^(ip6?)\s+daddr\b/.exec(written);
    return f ? edit(file, start, start, 'ct original ') : undefined;
  }
  if (format === 'iptables') {
    const opt = /^(!\s+)?(-d|--destination|--dst)(\s+)(!\s+)?(\S+)$/.exec(written);
    if (!opt || opt[5].includes(',')) return undefined;
    const neg = opt[1] || opt[4] ? '! ' : '';
    return edit(file, start, end, `-m conntrack ${neg}--ctorigdst ${opt[5]}`);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Appended after Docker's RETURN: insert instead, keeping the rules' order

/**
 * Turns appends into inserts at the top of the chain, keeping their order: the first becomes
 * `insert rule` / `-I CHAIN`, the k-th (k ≥ 2) goes right after the one before it
 * (`add rule ... index k-2` / `-I CHAIN k`).
 */
export function insertInsteadOfAppendEdits(text: string, ops: readonly (Op & { op: 'addRule' })[], format: Fragment['format']): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const [k, op] of ops.entries()) {
    const { file, start, end } = op.span;
    const written = text.slice(start, end);
    if (format === 'nft') {
      const m = /^(add|append)?(\s*)rule(\s+)(?:(ip6?|inet|arp|bridge|netdev)\s+)?(\S+)\s+(\S+)/.exec(written);
      if (!m) return undefined;
      const head = m[0];
      if (k === 0) {
        const verb = m[1] ? 'insert' : 'insert ';
        edits.push(edit(file, start, start + (m[1]?.length ?? 0), verb));
      } else edits.push(edit(file, start + head.length, start + head.length, ` index ${k - 1}`));
    } else if (format === 'iptables') {
      const m = /^(-A|--append)(\s+)(\S+)/.exec(written);
      if (!m) return undefined;
      edits.push(edit(file, start, start + m[0].length, k === 0 ? `-I${m[2]}${m[3]}` : `-I${m[2]}${m[3]} ${k + 1}`));
    } else return undefined;
  }
  return edits;
}

// ---------------------------------------------------------------------------------------------
// `flush ruleset` → delete only the file's own tables

/** `add table F N` + `delete table F N` for each table (loads whether or not the table exists). */
export function deleteOwnTablesText(tables: readonly { family: string; name: string }[], indent: string, nl: string): string {
  if (!tables.length) return '';
  return tables.map((t) => `add table ${t.family} ${t.name}${nl}${indent}delete table ${t.family} ${t.name}`).join(`${nl}${indent}`);
}

// ---------------------------------------------------------------------------------------------
// DW001: drop forwarded traffic to the published port in the admin's own file

export interface DropTarget {
  readonly proto: string;
  readonly port: number;
  /** The bypassing classes. */
  readonly classes: readonly ReachClass[];
  /** External interfaces probed (to tell "every interface" from some); default: the host's but `lo` and Docker's bridges. */
  readonly external?: readonly string[];
}

interface DropRule {
  readonly iif?: string;
  readonly v?: IpVersion;
  readonly sources?: readonly IpInterval[];
  /** The sources are the ones NOT to drop (`ip saddr != ...`): the shorter way to write them. */
  readonly negated?: boolean;
}

/** The intervals of the version's address space not covered by `ivs` (sorted, disjoint). */
function complement(ivs: readonly IpInterval[], v: IpVersion): IpInterval[] {
  const max = v === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
  const out: IpInterval[] = [];
  let next = 0n;
  for (const iv of ivs) {
    if (iv.lo > next) out.push({ v, lo: next, hi: iv.lo - 1n });
    next = iv.hi + 1n;
  }
  if (next <= max) out.push({ v, lo: next, hi: max });
  return out;
}

/** One rule per (interface, version) that bypasses, or one rule for all when every interface bypasses from any source. */
function dropRules(t: DropTarget): DropRule[] {
  const byIf = new Map<string, Map<IpVersion, { any: boolean; sources: IpInterval[] }>>();
  for (const c of t.classes) {
    const v = c.sources[0]?.v ?? 4;
    const m = byIf.get(c.iif) ?? new Map();
    const e = m.get(v) ?? { any: false, sources: [] };
    e.any ||= c.anySource;
    e.sources.push(...c.sources);
    m.set(v, e);
    byIf.set(c.iif, m);
  }
  const allAny = [...byIf.values()].every((m) => [...m.values()].every((e) => e.any));
  const external = t.external ?? [];
  if (allAny && external.length && external.every((i) => byIf.has(i))) return [{}];
  const out: DropRule[] = [];
  for (const [iif, m] of byIf) {
    if ([...m.values()].every((e) => e.any)) {
      out.push({ iif });
      continue;
    }
    for (const [v, e] of m) {
      if (e.any) {
        out.push({ iif, v });
        continue;
      }
      const sources = e.sources.sort((a, b) => (a.lo < b.lo ? -1 : 1));
      const rest = complement(sources, v);
      out.push(rest.length < sources.length ? { iif, v, sources: rest, negated: true } : { iif, v, sources });
    }
  }
  return out;
}

function nftDropLine(t: DropTarget, r: DropRule): string {
  const parts: string[] = [];
  if (r.iif) parts.push(`iifname "${r.iif}"`);
  if (r.sources) parts.push(`${r.v === 6 ? 'ip6' : 'ip'} saddr ${r.negated ? '!= ' : ''}${r.sources.length === 1 ? formatInterval(r.sources[0]) : `{ ${r.sources.map(formatInterval).join(', ')} }`}`);
  parts.push(`meta l4proto ${t.proto} ct status dnat ct original proto-dst ${t.port} drop`);
  return parts.join(' ');
}

/** CIDR blocks covering an interval exactly (iptables `-s` takes no ranges). */
function cidrs(iv: IpInterval): IpInterval[] {
  const out: IpInterval[] = [];
  const bits = iv.v === 4 ? 32 : 128;
  let lo = iv.lo;
  while (lo <= iv.hi) {
    let size = 1n;
    while (size < 1n << BigInt(bits) && (lo & (size * 2n - 1n)) === 0n && lo + size * 2n - 1n <= iv.hi) size *= 2n;
    out.push({ v: iv.v, lo, hi: lo + size - 1n });
    lo += size;
  }
  return out;
}

function iptDropLine(t: DropTarget, r: DropRule): string | undefined {
  const parts = ['-I DOCKER-USER'];
  if (r.iif) parts.push(`-i ${r.iif}`);
  if (r.sources) {
    const blocks = r.sources.flatMap(cidrs);
    // `! -s` takes one address or network; `-s a,b` becomes one rule per network.
    if (r.negated ? blocks.length !== 1 : blocks.length > 8) return undefined;
    parts.push(`${r.negated ? '! ' : ''}-s ${blocks.map(formatInterval).join(',')}`);
  }
  parts.push(`-p ${t.proto} -m conntrack --ctstate DNAT --ctorigdstport ${t.port} -j DROP`);
  return parts.join(' ');
}

export function lineEndAt(text: string, at: number): number {
  const eol = text.indexOf('\n', at);
  return eol < 0 ? text.length : eol;
}

export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Index of the `}` closing the block whose `{` is the first one at or after `from` (comments and strings skipped). */
export function closingBrace(text: string, from: number): number | undefined {
  let depth = 0;
  let i = text.indexOf('{', from);
  if (i < 0) return undefined;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '#') {
      i = lineEndAt(text, i);
      continue;
    }
    if (ch === '"') {
      const q = text.indexOf('"', i + 1);
      if (q < 0) return undefined;
      i = q;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return undefined;
}

export function indentOfLine(text: string, at: number): string {
  const bol = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(bol))![0];
}

/** The unit of indentation the file uses (a tab, or the smallest run of spaces). */
function indentUnit(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  const sizes = [...text.matchAll(/^( +)\S/gm)].map((m) => m[1].length);
  return ' '.repeat(sizes.length ? Math.min(...sizes) : 4);
}

function nftFix(ctx: FindingContext, fragment: Fragment, t: DropTarget, rules: readonly DropRule[]): Fix | undefined {
  const text = ctx.texts.get(fragment.file);
  if (text === undefined) return undefined;
  const nl = newlineOf(text);
  const unit = indentUnit(text);
  const lines = rules.map((r) => nftDropLine(t, r));
  const title = `Drop forwarded traffic to ${t.proto}/${t.port} in ${baseName(fragment.file)}`;
  const v6Only = t.classes.every((c) => c.sources[0]?.v === 6);
  const fits = (family: string): boolean => family === 'inet' || family === (v6Only ? 'ip6' : 'ip');
  const own = (s: Span): boolean => s.file === fragment.file;
  // 1. An existing forward base chain of a fitting table in this file: before its first rule.
  const chainOps = fragment.ops.filter((o): o is Op & { op: 'addChain' } => o.op === 'addChain' && !!o.base && o.base.hook === 'forward' && o.base.type === 'filter' && o.table.backend === 'nft' && fits(o.table.family) && own(o.span));
  for (const c of chainOps) {
    const first = fragment.ops.find((o): o is Op & { op: 'addRule' } => o.op === 'addRule' && o.table.family === c.table.family && o.table.name === c.table.name && o.chain === c.name && own(o.span) && o.span.start > c.span.start);
    const close = closingBrace(text, c.span.start);
    if (close === undefined) continue;
    if (first && first.span.start < close) {
      const indent = indentOfLine(text, first.span.start);
      return { title, edits: [edit(fragment.file, first.span.start, first.span.start, lines.map((l) => `${l}${nl}${indent}`).join(''))] };
    }
    // An empty chain: after its last line before the closing brace.
    const indent = indentOfLine(text, c.span.start) + unit;
    const bol = text.lastIndexOf('\n', close - 1);
    const at = /^[ \t]*$/.test(text.slice(bol + 1, close)) ? bol : close;
    return { title, edits: [edit(fragment.file, at, at, lines.map((l) => `${nl}${indent}${l}`).join('') + (at === close ? nl : ''))] };
  }
  // 2. A new chain in the file's first fitting table.
  const tableOp = fragment.ops.find((o): o is Op & { op: 'addTable' } => o.op === 'addTable' && o.table.backend === 'nft' && fits(o.table.family) && own(o.span) && text.slice(o.span.end).trimStart().startsWith('{'));
  const chainBody = (indent: string): string =>
    [`chain docker-published {`, `${unit}type filter hook forward priority filter - 1; policy accept;`, ...lines.map((l) => `${unit}${l}`), `}`].map((l) => `${indent}${l}`).join(nl);
  if (tableOp) {
    const close = closingBrace(text, tableOp.span.end);
    if (close !== undefined) {
      const indent = indentOfLine(text, tableOp.span.start) + unit;
      const bol = text.lastIndexOf('\n', close - 1);
      const onOwnLine = /^[ \t]*$/.test(text.slice(bol + 1, close));
      const at = onOwnLine ? bol : close;
      return { title, edits: [edit(fragment.file, at, at, `${nl}${chainBody(indent)}${onOwnLine ? '' : nl}`)] };
    }
  }
  // 3. A new table at the end of the file.
  const sep = text.length && !text.endsWith('\n') ? nl : '';
  const table = [`table ${v6Only ? 'ip6' : 'inet'} docker-published {`, chainBody(unit), '}', ''].join(nl);
  return { title, edits: [edit(fragment.file, text.length, text.length, `${sep}${text.length ? nl : ''}${table}`)] };
}

function iptFix(ctx: FindingContext, fragment: Fragment, t: DropTarget, rules: readonly DropRule[], family: 'ip' | 'ip6'): Fix | undefined {
  const text = ctx.texts.get(fragment.file);
  if (text === undefined) return undefined;
  const lines: string[] = [];
  for (const r of rules) {
    if (r.v && r.v !== (family === 'ip' ? 4 : 6)) continue;
    const l = iptDropLine(t, r);
    if (!l) return undefined;
    lines.push(l);
  }
  if (!lines.length) return undefined;
  const nl = newlineOf(text);
  // The `*filter` section and its COMMIT.
  const header = /^\*filter[ \t]*$/m.exec(text);
  const title = `Drop forwarded traffic to ${t.proto}/${t.port} in DOCKER-USER (${baseName(fragment.file)})`;
  if (!header) {
    const sep = text.length && !text.endsWith('\n') ? nl : '';
    return { title, edits: [edit(fragment.file, text.length, text.length, `${sep}*filter${nl}:DOCKER-USER - [0:0]${nl}${lines.join(nl)}${nl}COMMIT${nl}`)] };
  }
  const commit = /^COMMIT[ \t]*$/m.exec(text.slice(header.index));
  if (!commit) return undefined;
  const commitAt = header.index + commit.index;
  const section = text.slice(header.index, commitAt);
  const declared = /^:DOCKER-USER\s/m.test(section);
  const edits: TextEdit[] = [];
  if (!declared) {
    // After the last chain declaration (or right after the header).
    const decls = [...section.matchAll(/^:\S+.*$/gm)];
    const after = decls.length ? header.index + decls[decls.length - 1].index! + decls[decls.length - 1][0].length : header.index + header[0].length;
    edits.push(edit(fragment.file, after, after, `${nl}:DOCKER-USER - [0:0]`));
  }
  edits.push(edit(fragment.file, commitAt, commitAt, lines.map((l) => `${l}${nl}`).join('')));
  return { title, edits };
}

/**
 * Fixes that drop the bypassing traffic where the admin keeps their rules: a forward-hook rule in
 * the first nftables file (inside an existing forward chain, else a new chain or table), and for
 * iptables-restore files a `DOCKER-USER` rule in the `*filter` section; on a ufw host, first the
 * `ufw route deny` rule with DOCKER-USER hooked to it (ufw-fixes.ts), on a firewalld host a direct
 * rule in DOCKER-USER (firewalld-fixes.ts). Each rule matches the
 * original destination of DNATed flows (`ct status dnat ct original proto-dst P`), so it catches
 * exactly the published traffic and not the container's own outgoing connections to that port.
 */
export function dropForwardedFixes(ctx: FindingContext, target: DropTarget): Fix[] {
  const bridges = new Set(ctx.analysis.docker.networks.map((n) => n.bridge));
  const t: DropTarget = { ...target, external: target.external ?? ctx.analysis.host.interfaces.map((i) => i.name).filter((n) => n !== 'lo' && !bridges.has(n)) };
  const rules = dropRules(t);
  const out: Fix[] = [];
  const v6Only = t.classes.every((c) => c.sources[0]?.v === 6);
  for (const s of ctx.analysis.sources) {
    const f = s.fragment;
    if (!f || f.format !== 'nft' || f.file.startsWith('<') || !ctx.texts.has(f.file)) continue;
    const fix = nftFix(ctx, f, t, rules);
    if (fix) {
      out.push(fix);
      break;
    }
  }
  if (!out.length) {
    for (const s of ctx.analysis.sources) {
      const f = s.fragment;
      if (!f || f.format !== 'iptables' || f.file.startsWith('<') || !ctx.texts.has(f.file)) continue;
      const family = f.ops.find((o) => o.op === 'addTable')?.table.family;
      if (family !== (v6Only ? 'ip6' : 'ip')) continue;
      // ufw's own files are regenerated by ufw; after.rules is where ufw users put DOCKER-USER rules.
      if (/(?:^|\/)(?:user6?|before6?)\.rules$/.test(f.file)) continue;
      const fix = iptFix(ctx, f, t, rules, family);
      if (fix) {
        out.push(fix);
        break;
      }
    }
  }
  // on a ufw host, the ufw command first; on a firewalld host, its direct rule
  const own = ufwRouteFix(ctx, t) ?? firewalldDirectFix(ctx, t);
  return own ? [own, ...out] : out;
}

/**
 * The fixes of a published port that bypasses the admin's rules (DW001, and DW011 on the firewalld
 * zone it bypasses): bind it to 127.0.0.1 (preferred), then drop its forwarded traffic in the
 * admin's own terms.
 */
export function bypassFixes(ctx: FindingContext, port: PublishedPort, target: DropTarget): Fix[] {
  return [bindToLoopbackFix(ctx, port), ...dropForwardedFixes(ctx, target)].filter((f): f is Fix => f !== undefined);
}

/** The last path component, for fix titles (the edit itself carries the full path). */
function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
