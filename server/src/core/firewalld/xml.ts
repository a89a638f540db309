/**
 * A small reader for firewalld's configuration XML (zones, policies, services, ipsets, direct
 * rules): elements, attributes and their exact offsets. It never throws; what it cannot read is a
 * diagnostic at its place and the rest of the document is still read. Text content is kept only
 * as offsets (firewalld's elements carry their data in attributes, apart from `<short>`,
 * `<description>`, `<entry>` and the direct rules' bodies).
 */
import type { CoreDiagnostic } from '../diagnostics';
import { LineIndex, type Span } from '../text';

export interface XmlAttr {
  readonly name: string;
  readonly value: string;
  /** Offsets of the value (inside the quotes). */
  readonly start: number;
  readonly end: number;
}

export interface XmlElement {
  readonly name: string;
  readonly attrs: readonly XmlAttr[];
  readonly children: readonly XmlElement[];
  /** From `<` of the start tag to the end of the end tag (or of the self-closing tag). */
  readonly start: number;
  readonly end: number;
  /** The text directly inside (entities decoded), trimmed. */
  readonly text: string;
}

export interface XmlDocument {
  readonly file: string;
  readonly source: string;
  readonly lines: LineIndex;
  readonly root?: XmlElement;
  readonly diagnostics: CoreDiagnostic[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Math.min(parseInt(e.slice(2), 16), 0x10ffff));
    if (e.startsWith('#')) return String.fromCodePoint(Math.min(parseInt(e.slice(1), 10), 0x10ffff));
    return ENTITIES[e] ?? m;
  });
}

interface Building {
  name: string;
  attrs: XmlAttr[];
  children: XmlElement[];
  start: number;
  text: string;
}

export function attr(e: XmlElement, name: string): XmlAttr | undefined {
  return e.attrs.find((a) => a.name === name);
}

export function spanOf(doc: XmlDocument, start: number, end: number): Span {
  return doc.lines.span(doc.file, start, end);
}

/** What is read over: processing instructions and comments (CDATA and declarations below). */
const SKIPPED: readonly (readonly [string, string, string])[] = [
  ['<?', '?>', '<? ... ?>'],
  ['<!--', '-->', 'comment'],
];

/** Reads one document. */
export function parseXml(file: string, source: string): XmlDocument {
  const lines = new LineIndex(source);
  const diagnostics: CoreDiagnostic[] = [];
  const err = (start: number, end: number, message: string): void => {
    diagnostics.push({ span: lines.span(file, start, Math.max(start, Math.min(end, source.length))), severity: 'error', code: 'firewalld', message });
  };
  const stack: Building[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const n = source.length;
  const close = (b: Building, end: number): void => {
    const el: XmlElement = { name: b.name, attrs: b.attrs, children: b.children, start: b.start, end, text: decode(b.text).trim() };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (!root) root = el;
    else err(el.start, el.end, `a second top-level element <${el.name}> after <${root.name}>`);
  };
  while (i < n) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (stack.length) stack[stack.length - 1].text += source.slice(i, textEnd);
    else if (source.slice(i, textEnd).trim()) err(i, textEnd, 'text outside the document element');
    if (lt < 0) break;
    i = lt;
    const skip = SKIPPED.find(([open]) => source.startsWith(open, i));
    if (skip) {
      const [open, closing, what] = skip;
      const e = source.indexOf(closing, i + open.length);
      if (e < 0) {
        err(i, n, `unterminated ${what}`);
        break;
      }
      i = e + closing.length;
      continue;
    }
    if (source.startsWith('<![CDATA[', i)) {
      const e = source.indexOf(']]>', i + 9);
      if (e < 0) { err(i, n, 'unterminated CDATA section'); break; }
      if (stack.length) stack[stack.length - 1].text += source.slice(i + 9, e).replace(/&/g, '&amp;');
      i = e + 3;
      continue;
    }
    if (source.startsWith('<!', i)) {
      const e = source.indexOf('>', i + 2);
      if (e < 0) {
        err(i, n, 'unterminated declaration');
        break;
      }
      i = e + 1;
      continue;
    }
    if (source.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(source.slice(i, i + 200));
      if (!m) {
        const e = source.indexOf('>', i);
        err(i, e < 0 ? n : e + 1, 'malformed end tag');
        i = e < 0 ? n : e + 1;
        continue;
      }
      const name = m[1];
      const at = stack.map((b) => b.name).lastIndexOf(name);
      if (at < 0) err(i, i + m[0].length, `</${name}> closes no open element`);
      else {
        while (stack.length - 1 > at) {
          const b = stack.pop()!;
          err(b.start, b.start + b.name.length + 1, `<${b.name}> is not closed`);
          close(b, i);
        }
        close(stack.pop()!, i + m[0].length);
      }
      i += m[0].length;
      continue;
    }
    // start tag
    const nm = /^<([A-Za-z_][\w.:-]*)/.exec(source.slice(i, i + 200));
    if (!nm) {
      err(i, i + 1, "'<' that starts no tag");
      if (stack.length) stack[stack.length - 1].text += '<';
      i += 1;
      continue;
    }
    const b: Building = { name: nm[1], attrs: [], children: [], start: i, text: '' };
    let j = i + nm[0].length;
    let selfClosing = false;
    let ended = false;
    while (j < n) {
      while (j < n && /\s/.test(source[j])) j++;
      if (source.startsWith('/>', j)) { selfClosing = true; j += 2; ended = true; break; }
      if (source[j] === '>') { j += 1; ended = true; break; }
      const am = /^([A-Za-z_][\w.:-]*)\s*=\s*(["'])/.exec(source.slice(j, j + 200));
      if (!am) {
        const e = source.indexOf('>', j);
        err(j, e < 0 ? n : e, `malformed attribute in <${b.name}>`);
        j = e < 0 ? n : e;
        continue;
      }
      const vs = j + am[0].length;
      const ve = source.indexOf(am[2], vs);
      if (ve < 0) { err(j, n, `unterminated attribute value in <${b.name}>`); j = n; break; }
      if (b.attrs.some((a) => a.name === am[1])) err(j, ve + 1, `attribute ${am[1]} given twice`);
      else b.attrs.push({ name: am[1], value: decode(source.slice(vs, ve)), start: vs, end: ve });
      j = ve + 1;
    }
    if (!ended) { err(i, n, `unterminated tag <${b.name}>`); i = n; break; }
    if (selfClosing) {
      stack.push(b);
      close(stack.pop()!, j);
    } else stack.push(b);
    i = j;
  }
  while (stack.length) {
    const b = stack.pop()!;
    err(b.start, b.start + b.name.length + 1, `<${b.name}> is not closed`);
    close(b, n);
  }
  if (!root && !diagnostics.length) err(0, Math.min(1, n), 'no XML element in this file');
  return { file, source, lines, root, diagnostics };
}
