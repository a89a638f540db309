/**
 * A small JSON parser that keeps source spans (daemon.json, --network-json). It never throws:
 * syntax errors become diagnostics and the value parsed so far is returned.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { LineIndex, type Span } from '../text';

export type JsonNode =
  | { readonly kind: 'object'; readonly span: Span; readonly members: readonly JsonMember[] }
  | { readonly kind: 'array'; readonly span: Span; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly span: Span; readonly value: string }
  | { readonly kind: 'number'; readonly span: Span; readonly value: number }
  | { readonly kind: 'boolean'; readonly span: Span; readonly value: boolean }
  | { readonly kind: 'null'; readonly span: Span };

export interface JsonMember {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: JsonNode;
}

export function parseJsonWithSpans(text: string, file: string): Result<JsonNode | undefined> {
  const index = new LineIndex(text);
  const diagnostics: CoreDiagnostic[] = [];
  let pos = 0;
  let failed = false;
  const span = (a: number, b: number): Span => index.span(file, a, b);
  const fail = (msg: string, at = pos): undefined => {
    if (!failed) diagnostics.push({ span: span(at, Math.min(at + 1, text.length)), severity: 'error', message: msg, code: 'json' });
    failed = true;
    return undefined;
  };
  const ws = (): void => {
    while (pos < text.length && /[ \t\r\n\uFEFF]/.test(text[pos])) pos++;
  };
  const str = (): { value: string; start: number } | undefined => {
    const start = pos;
    pos++;
    let out = '';
    while (pos < text.length) {
      const c = text[pos];
      if (c === '"') {
        pos++;
        return { value: out, start };
      }
      if (c === '\\') {
        const e = text[pos + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
          continue;
        }
        if (e !== undefined && e in map) {
          out += map[e];
          pos += 2;
          continue;
        }
        return fail('invalid escape in string');
      }
      if (c === '\n') return fail('unterminated string');
      out += c;
      pos++;
    }
    return fail('unterminated string', start);
  };
  const value = (depth: number): JsonNode | undefined => {
    ws();
    if (depth > 200) return fail('nesting too deep');
    const start = pos;
    const c = text[pos];
    if (c === '{') {
      pos++;
      const members: JsonMember[] = [];
      ws();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'object', span: span(start, pos), members };
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') return fail('expected a property name in double quotes');
        const k = str();
        if (!k) return undefined;
        const keySpan = span(k.start, pos);
        ws();
        if (text[pos] !== ':') return fail("expected ':'");
        pos++;
        const v = value(depth + 1);
        if (!v) return undefined;
        members.push({ key: k.value, keySpan, value: v });
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return { kind: 'object', span: span(start, pos), members };
        }
        return fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      pos++;
      const items: JsonNode[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return { kind: 'array', span: span(start, pos), items };
      }
      for (;;) {
        const v = value(depth + 1);
        if (!v) return undefined;
        items.push(v);
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return { kind: 'array', span: span(start, pos), items };
        }
        return fail("expected ',' or ']'");
      }
    }
    if (c === '"') {
      const s = str();
      return s ? { kind: 'string', span: span(start, pos), value: s.value } : undefined;
    }
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(pos, pos + 64));
    if (!lit) return fail(pos >= text.length ? 'unexpected end of input' : `unexpected character '${c}'`);
    pos += lit[0].length;
    const sp = span(start, pos);
    if (lit[0] === 'true' || lit[0] === 'false') return { kind: 'boolean', span: sp, value: lit[0] === 'true' };
    if (lit[0] === 'null') return { kind: 'null', span: sp };
    return { kind: 'number', span: sp, value: Number(lit[0]) };
  };
  const root = value(0);
  if (root) {
    ws();
    if (pos < text.length) fail('unexpected text after the JSON value');
  }
  return { value: root, diagnostics };
}

/** The member of an object node with that key (the last one, as Go's decoder keeps). */
export function member(node: JsonNode | undefined, key: string): JsonMember | undefined {
  if (!node || node.kind !== 'object') return undefined;
  let found: JsonMember | undefined;
  for (const m of node.members) if (m.key === key) found = m;
  return found;
}
