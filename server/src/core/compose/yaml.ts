/**
 * YAML → compose value tree, mirroring what compose's loader sees after `yaml.v3` decoding into
 * `map[string]any`: plain scalars are resolved with yaml.v3's rules (`0x50`, `0777`, `1_000` are ints,
 * `22:22` is a string — YAML 1.2, no base-60), aliases are followed, `<<` merge keys are applied,
 * `!reset` / `!override` tags are recorded. Every value keeps the span it came from, so merged and
 * aliased values still point at the text that defined them.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node as YamlNode } from 'yaml';
import type { CoreDiagnostic } from '../diagnostics';
import type { LineIndex, Span } from '../text';

/** Where the characters of a decoded scalar come from: `offsets[i]` is the source offset of value char i. */
export interface ScalarSource {
  readonly style: 'plain' | 'single' | 'double' | 'block';
  /** Source offsets per value character (length value.length + 1, the last is the end), or undefined when not 1:1. */
  readonly offsets?: readonly number[];
}

interface Base {
  readonly span: Span;
}
export interface CMap extends Base {
  readonly kind: 'map';
  readonly entries: Map<string, CValue>;
  readonly keySpans: Map<string, Span>;
}
export interface CSeq extends Base {
  readonly kind: 'seq';
  readonly items: CValue[];
}
export interface CStr extends Base {
  readonly kind: 'str';
  readonly value: string;
  /** Present for strings read from YAML text (absent for strings made by the loader). */
  readonly source?: ScalarSource;
  /** The text before interpolation when the loader interpolated it. */
  readonly template?: string;
  readonly interpolation?: import('./interpolate').Interpolation;
}
export interface CInt extends Base {
  readonly kind: 'int';
  readonly value: number;
  readonly source?: ScalarSource;
  readonly template?: string;
  readonly interpolation?: import('./interpolate').Interpolation;
}
export interface CFloat extends Base {
  readonly kind: 'float';
  readonly value: number;
}
export interface CBool extends Base {
  readonly kind: 'bool';
  readonly value: boolean;
}
export interface CNull extends Base {
  readonly kind: 'null';
}
export type CValue = CMap | CSeq | CStr | CInt | CFloat | CBool | CNull;

export interface ParsedDoc {
  /** Undefined when the document is empty. */
  readonly root?: CValue;
  /** Paths (dotted, sequence indexes as numbers) tagged `!reset` or `!override`, as compose records them. */
  readonly resetPaths: readonly string[];
}

const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt(s, 0, 64) for the forms yaml.v3 feeds it (underscores already removed). */
function goParseInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body[0] === '0') n = parseInt(body.slice(1), 8);
  else n = parseInt(body, 10);
  if (!Number.isSafeInteger(n)) return undefined;
  return m[1] === '-' ? -n : n;
}

/** Resolves a plain scalar the way yaml.v3 does when decoding into `any`. */
export function resolvePlain(text: string): { kind: 'null' } | { kind: 'bool'; value: boolean } | { kind: 'int'; value: number } | { kind: 'float'; value: number } | { kind: 'str' } {
  switch (text) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return { kind: 'null' };
    case 'true':
    case 'True':
    case 'TRUE':
      return { kind: 'bool', value: true };
    case 'false':
    case 'False':
    case 'FALSE':
      return { kind: 'bool', value: false };
    case '.inf': case '.Inf': case '.INF': case '+.inf': case '+.Inf': case '+.INF':
      return { kind: 'float', value: Infinity };
    case '-.inf': case '-.Inf': case '-.INF':
      return { kind: 'float', value: -Infinity };
    case '.nan': case '.NaN': case '.NAN':
      return { kind: 'float', value: NaN };
  }
  const c = text[0];
  if (!/[-+.0-9]/.test(c)) return { kind: 'str' };
  const plain = text.replace(/_/g, '');
  const i = goParseInt(plain);
  if (i !== undefined) return { kind: 'int', value: i };
  if (FLOAT_RE.test(plain)) return { kind: 'float', value: parseFloat(plain) };
  return { kind: 'str' };
}

/** Builds the value-index → source-offset table for a flow scalar, or undefined when it is not simple. */
function scalarOffsets(text: string, start: number, end: number, value: string, style: ScalarSource['style']): number[] | undefined {
  const raw = text.slice(start, end);
  if (raw.includes('\n') || raw.includes('\r')) return undefined;
  const out: number[] = [];
  if (style === 'plain') {
    if (raw !== value) return undefined;
    for (let i = 0; i <= value.length; i++) out.push(start + i);
    return out;
  }
  if (style === 'single') {
    for (let i = 1; i < raw.length - 1; i++) {
      out.push(start + i);
      if (raw[i] === "'" && raw[i + 1] === "'") i++;
    }
    out.push(end - 1);
    return out.length === value.length + 1 ? out : undefined;
  }
  if (style === 'double') {
    for (let i = 1; i < raw.length - 1; i++) {
      const at = start + i;
      if (raw[i] !== '\\') {
        out.push(at);
        continue;
      }
      const e = raw[i + 1];
      const width = e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2;
      const decodedLen = e === 'U' ? String.fromCodePoint(parseInt(raw.slice(i + 2, i + 10), 16) || 0).length : 1;
      for (let k = 0; k < decodedLen; k++) out.push(at);
      i += width - 1;
    }
    out.push(end - 1);
    return out.length === value.length + 1 ? out : undefined;
  }
  return undefined;
}

interface Ctx {
  readonly file: string;
  /** The text parsed: the file's, or a part of it that starts at offset `base` of the file. */
  readonly text: string;
  readonly base: number;
  /** The whole file's lines (offsets into `text` plus `base`). */
  readonly index: LineIndex;
  readonly doc: Document.Parsed;
  readonly diags: CoreDiagnostic[];
  readonly resets: string[];
  readonly converting: Set<YamlNode>;
  /** Nodes produced through aliases so far, and how deep in aliases the conversion is. */
  readonly aliases: { expanded: number; depth: number; reported: boolean };
  /** False once an anchor, alias, tag or merge key is met: values that may stand for text elsewhere. */
  plain: boolean;
}

/**
 * Most nodes aliases may expand to in one document. Each alias is converted again where it is used
 * (values keep the spans of their definition), so nested aliases grow exponentially (the
 * "billion laughs" document: nine aliases of nine aliases of ...); beyond this the rest is null.
 */
export const MAX_ALIAS_NODES = 100_000;

/** A node's span in the file (`fallback`, an offset into `ctx.text`, when it has no range). */
function spanOf(ctx: Ctx, n: YamlNode | null | undefined, fallback: number): Span {
  const r = n?.range;
  if (!r) return ctx.index.span(ctx.file, ctx.base + fallback, ctx.base + fallback);
  return ctx.index.span(ctx.file, ctx.base + r[0], ctx.base + r[1]);
}

/** Offsets into `ctx.text` as offsets into the file. */
function inFile(ctx: Ctx, offsets: number[] | undefined): number[] | undefined {
  if (!offsets || ctx.base === 0) return offsets;
  for (let i = 0; i < offsets.length; i++) offsets[i] += ctx.base;
  return offsets;
}

function diag(ctx: Ctx, span: Span, message: string): void {
  ctx.diags.push({ span, severity: 'error', message, code: 'compose' });
}

function convert(ctx: Ctx, n: unknown, path: string, fallback: number, trackReset: boolean): CValue | undefined {
  if (ctx.aliases.depth > 0 && ++ctx.aliases.expanded > MAX_ALIAS_NODES) {
    const span = spanOf(ctx, n as YamlNode, fallback);
    if (!ctx.aliases.reported) {
      ctx.aliases.reported = true;
      diag(ctx, span, `aliases expand to more than ${MAX_ALIAS_NODES} values (nested aliases multiply); the rest is ignored`);
    }
    return { kind: 'null', span };
  }
  if (isAlias(n)) {
    ctx.plain = false;
    const target = n.resolve(ctx.doc);
    if (!target) {
      diag(ctx, spanOf(ctx, n, fallback), `unknown anchor '${n.source}' referenced`);
      return { kind: 'null', span: spanOf(ctx, n, fallback) };
    }
    if (ctx.converting.has(target)) {
      diag(ctx, spanOf(ctx, n, fallback), `anchor '${n.source}' refers to itself`);
      return { kind: 'null', span: spanOf(ctx, n, fallback) };
    }
    // compose's reset processor does not follow aliases: tags behind an alias are not recorded
    ctx.aliases.depth++;
    try {
      return convert(ctx, target, path, fallback, false);
    } finally {
      ctx.aliases.depth--;
    }
  }
  const node = n as YamlNode | null | undefined;
  const tag = node && 'tag' in node ? (node as { tag?: string }).tag : undefined;
  if (tag !== undefined || (node && (node as { anchor?: string }).anchor !== undefined)) ctx.plain = false;
  if (trackReset && tag === '!reset') {
    ctx.resets.push(path);
    return undefined;
  }
  if (trackReset && tag === '!override') ctx.resets.push(path);
  const span = spanOf(ctx, node, fallback);
  if (!node) return { kind: 'null', span };
  if (isMap(node)) {
    ctx.converting.add(node);
    const entries = new Map<string, CValue>();
    const keySpans = new Map<string, Span>();
    const merged: CMap[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YamlNode | null;
      let key: string;
      if (isScalar(k)) key = String(k.value ?? '');
      else if (k === null || k === undefined) key = '';
      else {
        diag(ctx, spanOf(ctx, k, span.start - ctx.base), 'mapping keys must be scalars');
        continue;
      }
      const keyPlain = isScalar(k) && k.type === 'PLAIN';
      // `<<` plain, or with the explicit `!!merge` tag (which the YAML library reads as a symbol)
      const mergeKey = isScalar(k) && ((key === '<<' && keyPlain) || typeof k.value === 'symbol' || k.tag === 'tag:yaml.org,2002:merge');
      if (mergeKey) {
        ctx.plain = false;
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const s of sources) {
          const v = convert(ctx, s, path, span.start - ctx.base, false);
          if (v?.kind === 'map') merged.push(v);
          else diag(ctx, spanOf(ctx, s as YamlNode, span.start - ctx.base), 'map merge requires a mapping or a list of mappings');
        }
        continue;
      }
      const childPath = path === '' ? key : `${path}.${key}`;
      const v = convert(ctx, pair.value, childPath, k?.range?.[1] ?? span.start - ctx.base, trackReset);
      if (v === undefined) continue;
      entries.set(key, v);
      keySpans.set(key, spanOf(ctx, k, span.start - ctx.base));
    }
    // explicit keys win; among merged maps the first one listed wins
    for (const m of merged) {
      for (const [k, v] of m.entries) {
        if (!entries.has(k)) {
          entries.set(k, v);
          keySpans.set(k, m.keySpans.get(k) ?? m.span);
        }
      }
    }
    ctx.converting.delete(node);
    return { kind: 'map', span, entries, keySpans };
  }
  if (isSeq(node)) {
    ctx.converting.add(node);
    const items: CValue[] = [];
    node.items.forEach((it, i) => {
      const v = convert(ctx, it, `${path}.${i}`, span.start - ctx.base, trackReset);
      if (v !== undefined) items.push(v);
    });
    ctx.converting.delete(node);
    return { kind: 'seq', span, items };
  }
  if (isScalar(node)) {
    const value = String(node.value ?? '');
    const r = node.range ?? [fallback, fallback, fallback];
    if (node.type === 'PLAIN' || node.type === undefined) {
      const res = resolvePlain(value);
      const source: ScalarSource = { style: 'plain', offsets: inFile(ctx, scalarOffsets(ctx.text, r[0], r[1], value, 'plain')) };
      if (tag === '!!str') return { kind: 'str', span, value, source };
      switch (res.kind) {
        case 'null':
          return { kind: 'null', span };
        case 'bool':
          return { kind: 'bool', span, value: res.value };
        case 'int':
          return { kind: 'int', span, value: res.value, source };
        case 'float':
          return { kind: 'float', span, value: res.value };
        default:
          return { kind: 'str', span, value, source };
      }
    }
    const style: ScalarSource['style'] = node.type === 'QUOTE_SINGLE' ? 'single' : node.type === 'QUOTE_DOUBLE' ? 'double' : 'block';
    if (style !== 'block' && unclosedQuote(ctx.text, r[0], r[1])) {
      // An unclosed quote swallows the rest of the file: its value is taken as the rest of its own
      // line, what was most likely meant, so that the lines it swallowed give no second, bogus error.
      const lineEnd = ctx.text.indexOf('\n', r[0]);
      const own = ctx.text.slice(r[0] + 1, lineEnd < 0 ? ctx.text.length : lineEnd).trimEnd();
      const ownSpan = ctx.index.span(ctx.file, ctx.base + r[0], ctx.base + r[0] + 1 + own.length);
      return { kind: 'str', span: ownSpan, value: own, source: { style, offsets: inFile(ctx, scalarOffsets(ctx.text, r[0], r[0] + 1 + own.length, own, 'plain')) } };
    }
    return { kind: 'str', span, value, source: { style, offsets: inFile(ctx, scalarOffsets(ctx.text, r[0], r[1], value, style)) } };
  }
  return { kind: 'null', span };
}

/** Whether the quoted scalar at [start, end) has no closing quote (it runs to the end of the text). */
function unclosedQuote(text: string, start: number, end: number): boolean {
  const q = text[start];
  if (q !== '"' && q !== "'") return false;
  if (end < text.length && end > start + 1 && text[end - 1] === q) return false;
  const body = text.slice(start + 1, end);
  if (q === "'") return !/'\s*$/.test(body.replace(/''/g, ''));
  let escaped = false;
  for (const ch of body) {
    if (escaped) escaped = false;
    else if (ch === '\\') escaped = true;
    else if (ch === '"') return false;
  }
  return true;
}

/** What parsing a compose file gives: its documents and the YAML errors. */
export interface ParsedYaml {
  readonly docs: ParsedDoc[];
  readonly diagnostics: CoreDiagnostic[];
}

/** A parser of compose files: {@link parseComposeYaml} or one that gives what it gives. */
export type YamlParse = (file: string, text: string, index: LineIndex) => ParsedYaml;

/** Parses every document of one compose file. Never throws. */
export function parseComposeYaml(file: string, text: string, index: LineIndex): ParsedYaml {
  const { docs, diagnostics } = parseYamlPart(file, text, 0, index);
  return { docs, diagnostics };
}

/**
 * Parses `text`, which stands at offset `base` of the file whose lines `index` holds (all of it
 * when `base` is 0), with the spans of that file. `plain`: no anchor, alias, tag or merge key was met.
 */
export function parseYamlPart(file: string, text: string, base: number, index: LineIndex): ParsedYaml & { plain: boolean } {
  const diags: CoreDiagnostic[] = [];
  const docs: ParsedDoc[] = [];
  let parsed: Document.Parsed[];
  try {
    const r = parseAllDocuments(text, { schema: 'failsafe', merge: false, uniqueKeys: true, strict: false, prettyErrors: false });
    parsed = Array.isArray(r) ? r : [];
  } catch (e) {
    diags.push({ span: index.span(file, base, base), severity: 'error', message: `YAML: ${e instanceof Error ? e.message : String(e)}`, code: 'compose' });
    return { docs, diagnostics: diags, plain: false };
  }
  let plain = true;
  for (const doc of parsed) {
    for (const e of doc.errors) {
      // yaml reports some errors (an unclosed quote at the end) one past the end of the text
      let [s, en] = (e.pos ?? [0, 0]).map((x) => Math.max(0, Math.min(x, text.length)));
      // An unclosed quote is reported where the text ends; the user needs the opening quote (as compose says its line).
      const opening = /Missing closing .?quote/i.test(e.message) ? openingQuoteBefore(doc, s) : undefined;
      if (opening !== undefined) {
        s = opening;
        const nl = text.indexOf('\n', s);
        en = nl < 0 ? text.length : nl;
      }
      diags.push({ span: index.span(file, base + s, base + Math.max(s, en)), severity: 'error', message: `YAML: ${e.message.split('\n')[0]}${opening !== undefined ? ' (this quote is never closed)' : ''}`, code: 'compose' });
    }
    const ctx: Ctx = { file, text, base, index, doc, diags, resets: [], converting: new Set(), aliases: { expanded: 0, depth: 0, reported: false }, plain: true };
    const root = doc.contents === null ? undefined : convert(ctx, doc.contents, '', doc.range?.[0] ?? 0, true);
    docs.push({ root: root?.kind === 'null' ? undefined : root, resetPaths: ctx.resets });
    plain &&= ctx.plain;
  }
  return { docs, diagnostics: diags, plain };
}

/** The start of the quoted scalar that runs up to `at` (an unclosed quote), if any. */
function openingQuoteBefore(doc: Document.Parsed, at: number): number | undefined {
  let best: number | undefined;
  visit(doc, {
    Scalar(_k, n) {
      const r = n.range;
      if (!r || (n.type !== 'QUOTE_DOUBLE' && n.type !== 'QUOTE_SINGLE')) return;
      if (r[0] <= at && r[1] >= at - 1 && (best === undefined || r[0] > best)) best = r[0];
    },
  });
  return best;
}
