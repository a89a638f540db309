/**
 * The project `.env` / `--env-file` format as compose reads it for interpolation: `KEY=value`,
 * optional `export `, `#` comments, single quotes (literal), double quotes (escapes and `${}`
 * expansion), unquoted values (trimmed, ` #` starts a comment, `${}` expansion). A bare `KEY`
 * takes the value from the process environment when set.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { LineIndex } from '../text';
import { interpolate } from './interpolate';

export function parseDotEnv(
  file: string,
  text: string,
  index: LineIndex,
  processEnv: Readonly<Record<string, string>>,
): { values: Map<string, string>; diagnostics: CoreDiagnostic[] } {
  const values = new Map<string, string>();
  const diagnostics: CoreDiagnostic[] = [];
  const lookup = (name: string): string | undefined => processEnv[name] ?? values.get(name);
  let i = 0;
  const n = text.length;
  while (i < n) {
    // skip blank space and newlines
    while (i < n && /[ \t\r\n]/.test(text[i])) i++;
    if (i >= n) break;
    if (text[i] === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const lineStart = i;
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0) lineEnd = n;
    let head = text.slice(i, lineEnd);
    const exp = /^export[ \t]+/.exec(head);
    let keyStart = i;
    if (exp) {
      keyStart += exp[0].length;
      head = head.slice(exp[0].length);
    }
    const km = /^([A-Za-z0-9_.\-\[\]]+)[ \t]*(=|:)?/.exec(head);
    if (!km) {
      diagnostics.push({
        span: index.span(file, lineStart, lineEnd),
        severity: 'error',
        message: `unexpected character in .env file line`,
        code: 'compose',
      });
      i = lineEnd;
      continue;
    }
    const key = km[1];
    if (!km[2]) {
      const v = processEnv[key];
      if (v !== undefined) values.set(key, v);
      i = lineEnd;
      continue;
    }
    let p = keyStart + km[0].length;
    while (p < n && (text[p] === ' ' || text[p] === '\t')) p++;
    const q = text[p];
    if (q === "'" || q === '"') {
      let j = p + 1;
      let raw = '';
      while (j < n && text[j] !== q) {
        if (q === '"' && text[j] === '\\' && j + 1 < n) {
          raw += text[j] + text[j + 1];
          j += 2;
          continue;
        }
        raw += text[j++];
      }
      if (j >= n) {
        diagnostics.push({ span: index.span(file, p, n), severity: 'error', message: `unterminated quoted value for ${key}`, code: 'compose' });
        break;
      }
      let value = raw;
      if (q === '"') {
        value = raw.replace(/\\([\\"nrt$])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c === '$' ? '\\$' : c));
        value = expand(value, lookup);
      }
      values.set(key, value);
      const nl = text.indexOf('\n', j);
      i = nl < 0 ? n : nl;
      continue;
    }
    let end = text.indexOf('\n', p);
    if (end < 0) end = n;
    let value = text.slice(p, end).replace(/\r$/, '');
    const c = value.search(/[ \t]#/);
    if (c >= 0) value = value.slice(0, c);
    value = expand(value.trim(), lookup);
    values.set(key, value);
    i = end;
  }
  return { values, diagnostics };
}

function expand(v: string, lookup: (name: string) => string | undefined): string {
  if (!v.includes('$')) return v;
  // `\$` keeps a literal dollar
  const parts = v.split('\\$');
  return parts.map((p) => interpolate(p, lookup).value).join('$');
}
