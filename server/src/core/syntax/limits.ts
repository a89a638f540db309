/**
 * Inputs the parsers must not be given. Checked before every tree-sitter parse (syntax check,
 * lowerings, included files); a refused text gets one error diagnostic instead of a tree.
 *
 * - Bracket nesting deeper than {@link MAX_NESTING}: web-tree-sitter's wasm runtime has a small C
 *   stack, and about 500 nested parentheses overflow it *silently*: the wasm memory is corrupted and
 *   every later parse in the process fails ("memory access out of bounds"). Real rulesets nest a
 *   handful of levels. Brackets inside comments and quoted strings do not count.
 * - A run of more than {@link MAX_NESTING} identical punctuation characters (outside comments and
 *   strings): error recovery turns `typ.....e` into a tree as deep as the run (found by fuzzing).
 * - NUL characters: a binary file, not a ruleset.
 * - More than {@link MAX_TEXT_LENGTH} characters.
 *
 * The editor guards every version of a file: the next text of a file whose last text passed is
 * answered from that one when its one change cannot alter the answer (`sameAnswer`), without
 * reading the rest of a large file again.
 */
import type { CoreDiagnostic } from '../diagnostics';
import { LineIndex, changedRange } from '../text';

export const MAX_NESTING = 128;
/** 64 Mi UTF-16 units (a 400 000-rule iptables-save dump is about 58 MB). */
export const MAX_TEXT_LENGTH = 64 * 1024 * 1024;

/** `/[\w\s]/` for one UTF-16 code unit. */
function wordOrSpace(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}

export function parseGuard(file: string, text: string): CoreDiagnostic | undefined {
  const last = passed.get(file);
  if (last !== undefined && (last === text || sameAnswer(last, text))) {
    guardStats.kept++;
    if (last !== text) remember(file, text);
    return undefined;
  }
  const refused = guard(file, text);
  if (refused) passed.delete(file);
  else remember(file, text);
  return refused;
}

/** The last text of each file the guard let through (the editor asks about each new version of a file). */
const passed = new Map<string, string>();
/** Files whose last text is kept, at most. */
const PASSED_FILES = 32;
function remember(file: string, text: string): void {
  passed.delete(file);
  if (passed.size >= PASSED_FILES) passed.delete(passed.keys().next().value!);
  passed.set(file, text);
}

/** Answers given from the last text's (for tests). */
export const guardStats = { kept: 0 };

/** What the scans below look at besides runs of punctuation: quotes, escapes, comments, brackets, line ends. */
function structural(c: number): boolean {
  return c === 34 || c === 39 || c === 92 || c === 35 || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125 || c === 10 || c === 13;
}

/**
 * Whether `text`, which `last` (a text the guard let through) became by one change, gets the same
 * answer without reading it all: the change removed and inserted no character the bracket, quote
 * and comment scan looks at, follows no backslash (which would escape another character now), and
 * inserted only word characters and blanks (a run of equal punctuation cannot grow through them);
 * a deletion that inserted nothing does not join two runs of the same character.
 */
function sameAnswer(last: string, text: string): boolean {
  if (text.length > MAX_TEXT_LENGTH) return false;
  const c = changedRange(last, text);
  if (!c) return true;
  if (c.start > 0 && text.charCodeAt(c.start - 1) === 92 /* \ */) return false;
  for (let i = c.start; i < c.oldEnd; i++) if (structural(last.charCodeAt(i))) return false;
  for (let i = c.start; i < c.newEnd; i++) {
    const ch = text.charCodeAt(i);
    if (!wordOrSpace(ch) || structural(ch)) return false;
  }
  if (c.newEnd === c.start && c.start > 0 && c.start < text.length) {
    const before = text.charCodeAt(c.start - 1);
    if (before === text.charCodeAt(c.start) && !wordOrSpace(before)) return false;
  }
  return true;
}

function guard(file: string, text: string): CoreDiagnostic | undefined {
  const at = (start: number, end: number, message: string): CoreDiagnostic => {
    const lines = new LineIndex(text.length > 1_000_000 ? text.slice(0, end) : text);
    return { span: lines.span(file, start, end), severity: 'error', code: 'limit', message };
  };
  if (text.length > MAX_TEXT_LENGTH) {
    return at(0, 0, `the file is too large to analyse (${text.length} characters; the limit is ${MAX_TEXT_LENGTH})`);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return at(nul, nul + 1, 'the file contains NUL bytes: it looks binary, not like a ruleset; not analysed');
  // Without a run of MAX_NESTING + 1 equal punctuation characters anywhere, only brackets, quotes
  // and comments matter: the scan jumps between them (a 58 MB dump in a fraction of the time).
  if (!LONG_RUN.test(text)) return bracketScan(text, at);
  let depth = 0;
  let quote = 0;
  let run = 0;
  // character codes, not one-character strings: this reads every character of every file
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A long run of one punctuation character (`typ.....e`) makes error recovery build a tree as
    // deep as the run; as deep brackets, that overflows the wasm stack.
    run = i > 0 && c === text.charCodeAt(i - 1) && !wordOrSpace(c) ? run + 1 : 0;
    if (run >= MAX_NESTING && !quote) return at(i - run, i + 1, `a run of more than ${MAX_NESTING} '${text[i]}' characters: not parsed (no ruleset has one)`);
    if (quote) {
      if (c === 92 /* \\ */) i++;
      else if (c === quote || c === 10 /* \n */) quote = 0;
      continue;
    }
    if (c === 34 /* " */ || c === 39 /* ' */) quote = c;
    else if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 40 /* ( */ || c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_NESTING) return at(i, i + 1, `brackets nested deeper than ${MAX_NESTING} levels: not parsed (no ruleset nests this deep)`);
    } else if (c === 41 /* ) */ || c === 93 /* ] */ || c === 125 /* } */) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * MAX_NESTING + 1 equal characters that are neither word characters nor white space (what `run`
 * counts in parseGuard). Exactly that many: with `{n,}` V8 matched a run of millions of equal
 * characters on its backtracking stack, and overflowed it ("Maximum call stack size exceeded").
 */
const LONG_RUN = new RegExp(`([^\\w\\s])\\1{${MAX_NESTING}}`);
/** Outside quotes: what opens a quote or a comment, and brackets. */
const OUTSIDE = /["'#([{)\]}]/g;
/** Inside a quote: an escape, a quote character, the end of the line. */
const INSIDE = /[\\"'\n]/g;

/** parseGuard's bracket depth over quotes and comments, reading only the characters that change it. */
function bracketScan(text: string, at: (start: number, end: number, message: string) => CoreDiagnostic): CoreDiagnostic | undefined {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    // (`test`, not `exec`: the next one-character match's index without a match array)
    OUTSIDE.lastIndex = i;
    if (!OUTSIDE.test(text)) return undefined;
    i = OUTSIDE.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      // to the closing quote or the end of the line; a backslash escapes the next character
      let j = i + 1;
      for (;;) {
        INSIDE.lastIndex = j;
        if (!INSIDE.test(text)) return undefined;
        const q = INSIDE.lastIndex - 1;
        const d = text.charCodeAt(q);
        if (d === 92 /* \\ */) {
          j = q + 2;
          continue;
        }
        if (d === c || d === 10 /* \n */) {
          i = q + 1;
          break;
        }
        j = q + 1;
      }
      continue;
    }
    if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return undefined;
      i = nl + 1;
      continue;
    }
    if (c === 40 /* ( */ || c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_NESTING) return at(i, i + 1, `brackets nested deeper than ${MAX_NESTING} levels: not parsed (no ruleset nests this deep)`);
    } else depth = Math.max(0, depth - 1);
    i++;
  }
  return undefined;
}
