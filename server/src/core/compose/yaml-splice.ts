/**
 * A compose file parsed again after an edit inside one service: only that service's lines are
 * parsed, the rest of the previous parse is kept (values before the edit are the same objects,
 * values after it are moved by the edit's length). For the language server: a keystroke in a file
 * of hundreds of services parsed all of them again, the largest allocation of a compose edit.
 *
 * The result is the one a whole parse gives, or the whole file is parsed. The part is taken only
 * when the previous parse had no diagnostics, one document, and no anchor, alias, tag or merge key
 * (nothing in it stands for text elsewhere); the edit lies inside the value of one entry of the
 * top-level `services` mapping, whose key starts its line after spaces; and the edited lines,
 * parsed alone (a block mapping may stand indented at the top of a document), give one document of
 * one entry under the same key at the same place, without diagnostics or any of those constructs,
 * whose value is of the old one's kind, ends where the old one ended, moved by the edit, on a line
 * that holds a value (`endsInValue`), in a scalar written on one line (`endsClosed`). Every
 * mapping that holds the edit then ends there too, moved by the same length.
 */
import { changedRange, type LineIndex, type Span, type TextChange } from '../text';
import { parseYamlPart, type CMap, type CValue, type ParsedYaml } from './yaml';

interface Kept {
  readonly text: string;
  readonly parsed: ParsedYaml;
  /** The parse may be spliced: no diagnostics, one plain document. */
  readonly spliceable: boolean;
}

/** Files whose last parse is kept (the latest used). */
const KEPT_FILES = 32;

/** The last parse of each file, to splice the next one from. One per language-server engine. */
export class YamlSplicer {
  private readonly kept = new Map<string, Kept>();
  /** Parses spliced from the previous one, and whole parses (for tests and measurements). */
  spliced = 0;
  whole = 0;

  parse(file: string, text: string, index: LineIndex): ParsedYaml {
    const before = this.kept.get(file);
    if (before?.text === text) return before.parsed;
    this.kept.delete(file);
    if (this.kept.size >= KEPT_FILES) this.kept.delete(this.kept.keys().next().value as string);
    const spliced = before?.spliceable ? splice(file, before, text, index) : undefined;
    if (spliced) {
      this.spliced++;
      this.kept.set(file, { text, parsed: spliced, spliceable: true });
      return spliced;
    }
    this.whole++;
    const r = parseYamlPart(file, text, 0, index);
    const parsed: ParsedYaml = { docs: r.docs, diagnostics: r.diagnostics };
    this.kept.set(file, { text, parsed, spliceable: r.plain && r.diagnostics.length === 0 && r.docs.length === 1 && r.docs[0].resetPaths.length === 0 });
    return parsed;
  }
}

function splice(file: string, before: Kept, text: string, index: LineIndex): ParsedYaml | undefined {
  const root = before.parsed.docs[0]?.root;
  if (root?.kind !== 'map') return undefined;
  const services = root.entries.get('services');
  if (services?.kind !== 'map') return undefined;
  const e = changedRange(before.text, text);
  if (!e) return undefined;
  const delta = e.newEnd - e.oldEnd;
  // The service whose value holds the edit (after its key, before its value's end).
  let name: string | undefined;
  let key: Span | undefined;
  let value: CValue | undefined;
  for (const [k, v] of services.entries) {
    const ks = services.keySpans.get(k);
    if (ks && ks.end < e.start && e.oldEnd < v.span.end) {
      name = k;
      key = ks;
      value = v;
      break;
    }
  }
  if (name === undefined || !key || !value) return undefined;
  // The key starts its line after spaces: the part runs from that line's start to the value's end.
  const lineStart = key.start - key.range.start.character;
  for (let i = lineStart; i < key.start; i++) if (before.text.charCodeAt(i) !== 32) return undefined;
  const end = value.span.end + delta;
  if (end > text.length || end <= e.newEnd || !endsInValue(text, lineStart, end)) return undefined;
  const part = parseYamlPart(file, text.slice(lineStart, end), lineStart, index);
  if (!part.plain || part.diagnostics.length || part.docs.length !== 1 || part.docs[0].resetPaths.length) return undefined;
  const got = part.docs[0].root;
  if (got?.kind !== 'map' || got.entries.size !== 1) return undefined;
  const fresh = got.entries.get(name);
  const freshKey = got.keySpans.get(name);
  if (!fresh || !freshKey || freshKey.start !== key.start || freshKey.end !== key.end || fresh.kind !== value.kind || fresh.span.end !== end || !endsClosed(fresh)) return undefined;

  const move = new Mover(file, index, e, delta, before.text);
  const newServices = move.map(services, (k, v) => (k === name ? fresh : move.value(v)));
  const newRoot = move.map(root, (_k, v) => (v === services ? newServices : move.value(v)));
  return { docs: [{ root: newRoot, resetPaths: [] }], diagnostics: [] };
}

/**
 * Moves the spans of the values outside the edit: those before it stay (the same objects), those
 * after it move by `delta` (new spans from the new text's lines), and one that holds it ends
 * `delta` later.
 */
class Mover {
  /** Nothing after the edit changes place: the same length and the same lines. */
  private readonly still: boolean;

  constructor(
    private readonly file: string,
    private readonly index: LineIndex,
    private readonly e: TextChange,
    private readonly delta: number,
    oldText: string,
  ) {
    this.still = delta === 0 && !breaks(oldText, e.start, e.oldEnd) && !breaks(index.text, e.start, e.newEnd);
  }

  span(s: Span): Span {
    const e = this.e;
    if (s.end <= e.start) return s;
    if (s.start >= e.oldEnd) return this.still ? s : this.index.span(this.file, s.start + this.delta, s.end + this.delta);
    // (holds the edit: only the mappings around the edited service get here)
    return this.still ? s : this.index.span(this.file, s.start, s.end + this.delta);
  }

  /** A mapping with its spans moved and each entry's value given by `entry`. */
  map(m: CMap, entry: (key: string, value: CValue) => CValue): CMap {
    const entries = new Map<string, CValue>();
    const keySpans = new Map<string, Span>();
    for (const [k, x] of m.entries) entries.set(k, entry(k, x));
    for (const [k, s] of m.keySpans) keySpans.set(k, this.span(s));
    return { kind: 'map', span: this.span(m.span), entries, keySpans };
  }

  value(v: CValue): CValue {
    if (v.span.end <= this.e.start || (this.still && v.span.start >= this.e.oldEnd)) return v;
    if (v.kind === 'map') return this.map(v, (_k, x) => this.value(x));
    const span = this.span(v.span);
    switch (v.kind) {
      case 'seq':
        return { kind: 'seq', span, items: v.items.map((x) => this.value(x)) };
      case 'str':
      case 'int': {
        const offsets = v.source?.offsets;
        if (!v.source || !offsets) return { ...v, span };
        return { ...v, span, source: { ...v.source, offsets: offsets.map((o) => o + this.delta) } };
      }
      default:
        return { ...v, span };
    }
  }
}

/**
 * Whether the part's last line holds a value: YAML gives the mapping that ends in a comment line or
 * a blank one an end that depends on what follows the part (the next key's indentation).
 */
function endsInValue(text: string, from: number, to: number): boolean {
  let end = to;
  while (end > from && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  let start = end;
  while (start > from && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  const last = text.slice(start, end).trimStart();
  return last !== '' && !last.startsWith('#');
}

/**
 * Whether a value's last leaf is a scalar written out on one line: YAML gives an empty value (an
 * implicit null) or a block scalar an end that depends on what follows the part.
 */
function endsClosed(v: CValue): boolean {
  for (;;) {
    if (v.kind === 'map') {
      let last: CValue | undefined;
      for (const x of v.entries.values()) last = x;
      if (!last) return false;
      v = last;
    } else if (v.kind === 'seq') {
      if (!v.items.length) return false;
      v = v.items[v.items.length - 1];
    } else if (v.kind === 'null') return false;
    else return !((v.kind === 'str' || v.kind === 'int') && v.source?.style === 'block');
  }
}

/** Whether text[from, to) holds a line break. */
function breaks(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}
