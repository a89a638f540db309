/**
 * Source positions shared by every part of the core.
 *
 * Offsets and columns are UTF-16 code units (JavaScript string indices), lines and columns are
 * 0-based. This is what web-tree-sitter, the `yaml` package and LSP's default encoding use, so a
 * span can travel from a parser to an editor without conversion.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** The same start and end, line and character (ranges are values: each reading may make a new object). */
export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** A stretch of one source file: its name (as given to the core), UTF-16 offsets and the matching range. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly range: Range;
}

/** Maps UTF-16 offsets of one text to line/character positions and back, in O(log lines). */
export class LineIndex {
  private lineStarts: number[] | undefined;

  /** The index is built when first asked: a clean file's syntax check never asks. */
  constructor(readonly text: string) {}

  private get starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // the usual case: only \n breaks lines, and indexOf finds them much faster than a loop
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) starts.push(i + 1);
        else if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    return (this.lineStarts = starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    const starts = this.starts;
    if (pos.line >= starts.length) return this.text.length;
    const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : this.text.length;
    return Math.min(starts[pos.line] + Math.max(0, pos.character), lineEnd);
  }

  span(file: string, start: number, end: number): Span {
    return { file, start, end, range: { start: this.position(start), end: this.position(end) } };
  }

  private rangeGetter: PropertyDescriptor | undefined;

  /**
   * The same span as {@link span}, with `range` an enumerable getter that computes it when read
   * (JSON, spreads, structured clones and deep equality see the same value). A plain span with its
   * range takes about 170 bytes, this one about 40: lowerings of files with hundreds of thousands
   * of rules use it, since their ranges are rarely read. It keeps this index (and its text) alive.
   */
  lazySpan(file: string, start: number, end: number): Span {
    const lines = this;
    this.rangeGetter ??= {
      enumerable: true,
      get(this: Span): Range {
        return { start: lines.position(this.start), end: lines.position(this.end) };
      },
    };
    return Object.defineProperty({ file, start, end }, 'range', this.rangeGetter) as Span;
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    const starts = this.starts;
    if (line < 0 || line >= starts.length) return '';
    const end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return this.text.slice(starts[line], end).replace(/\r?\n$|\r$/, '');
  }
}

/** `text` in at most `max` UTF-16 units: past it, cut (never inside a surrogate pair) and ended with `…`. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(1, max - 1);
  if (end > 1 && /[\ud800-\udbff]/.test(text[end - 1])) end--;
  return `${text.slice(0, end)}…`;
}

/** Rules quoted in messages are shortened past this many UTF-16 units (a rule with a set of thousands of elements). */
export const RULE_SHOWN_MAX = 200;

/**
 * A rule's text as a message quotes it: whole up to {@link RULE_SHOWN_MAX}, else its beginning and
 * its end (where its verdict is) around an ellipsis. `Rule.text` itself stays whole (`-D` matches it).
 */
export function shownRule(text: string): string {
  if (text.length <= RULE_SHOWN_MAX) return text;
  const tail = Math.floor(RULE_SHOWN_MAX / 4);
  let head = RULE_SHOWN_MAX - tail - 3;
  let from = text.length - tail;
  // (not between the halves of a surrogate pair)
  if (/[\ud800-\udbff]/.test(text[head - 1])) head--;
  if (/[\udc00-\udfff]/.test(text[from])) from++;
  return `${text.slice(0, head)} … ${text.slice(from)}`;
}

/** Quoted values in messages are shortened to this many UTF-16 units (a rule may hold a value of megabytes). */
export const QUOTED_MAX = 64;

/** A value from the user's text, quoted for a message (backquotes unless `mark` says otherwise), shortened past {@link QUOTED_MAX}. */
export function quoted(value: string, mark = '`'): string {
  return named(value, mark);
}

/** A name from the user's text as a message writes it bare (a table, a chain, a policy), shortened as {@link quoted} shortens. */
export function named(value: string, mark = ''): string {
  return `${mark}${shorten(value, QUOTED_MAX)}${mark}`;
}

/**
 * `text` as a string of its own. A slice of a longer string (and a concatenation holding one) keeps
 * that whole string alive in V8: a name or a rule's text kept from one version of a file to the
 * next would keep that version's whole text. Short strings are copies already.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}

/** The offsets [start, oldEnd) of one text that became [start, newEnd) of another. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

const CHUNK = 1024;
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * The one change that turns `before` into `after`: everything between their common prefix and
 * their common suffix is replaced. Undefined when the texts are equal. The change never splits a
 * surrogate pair.
 */
export function changedRange(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  // whole chunks first: comparing slices is much faster than comparing characters one by one
  let start = 0;
  while (start + CHUNK <= shorter && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let suffix = 0;
  const room = shorter - start;
  while (suffix + CHUNK <= room && before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) suffix += CHUNK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}
