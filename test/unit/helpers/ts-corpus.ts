/**
 * Reader and writer for tree-sitter's corpus test format (`test/corpus/*.txt`), so grammar corpus
 * tests can run through web-tree-sitter inside mocha, exactly as `tree-sitter test` runs them.
 *
 * A case is
 *
 *     ==================
 *     name of the case
 *     :attribute            (optional lines: `:skip`, `:error`)
 *     ==================
 *     input text
 *     ------------------
 *
 *     (expected (s-expression field: (with_fields)))
 *
 * Like the CLI, one trailing line break is removed from the input (a CRLF counts as one), and the
 * expected tree is compared after collapsing white space.
 */

export interface CorpusCase {
  readonly name: string;
  readonly attributes: readonly string[];
  readonly input: string;
  /** The expected tree as written (unnormalized). */
  readonly expected: string;
  /** 1-based line of the case's first header line. */
  readonly line: number;
  /** Offsets of the expected tree text inside the corpus file, for rewriting it. */
  readonly expectedStart: number;
  readonly expectedEnd: number;
}

const HEADER = /^={3,}[ \t]*$/;
const DIVIDER = /^-{3,}[ \t]*$/;

interface Line {
  readonly text: string;
  readonly start: number;
  /** Offset just past the line break (or the end of the text). */
  readonly next: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const body = text.slice(start, end).replace(/\r$/, '');
    lines.push({ text: body, start, next: nl < 0 ? text.length : nl + 1 });
    start = nl < 0 ? text.length : nl + 1;
  }
  return lines;
}

/** Splits a corpus file into cases. Malformed trailing text is reported through `problems`. */
export function readCorpus(text: string, problems: string[] = []): CorpusCase[] {
  const lines = splitLines(text);
  const cases: CorpusCase[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!HEADER.test(lines[i].text)) {
      if (lines[i].text.trim() !== '' && cases.length === 0) problems.push(`line ${i + 1}: text before the first header`);
      i++;
      continue;
    }
    const headerLine = i;
    const nameLines: string[] = [];
    const attributes: string[] = [];
    i++;
    while (i < lines.length && !HEADER.test(lines[i].text)) {
      const t = lines[i].text.trim();
      if (t.startsWith(':')) attributes.push(t.slice(1).trim());
      else if (t !== '') nameLines.push(t);
      i++;
    }
    if (i >= lines.length) {
      problems.push(`line ${headerLine + 1}: header is not closed`);
      break;
    }
    const inputStart = lines[i].next;
    i++;
    while (i < lines.length && !DIVIDER.test(lines[i].text)) i++;
    if (i >= lines.length) {
      problems.push(`line ${headerLine + 1}: case "${nameLines.join(' ')}" has no divider`);
      break;
    }
    let input = text.slice(inputStart, lines[i].start);
    if (input.endsWith('\r\n')) input = input.slice(0, -2);
    else if (input.endsWith('\n')) input = input.slice(0, -1);
    const expectedStart = lines[i].next;
    i++;
    while (i < lines.length && !HEADER.test(lines[i].text)) i++;
    const expectedEnd = i < lines.length ? lines[i].start : text.length;
    cases.push({
      name: nameLines.join(' '),
      attributes,
      input,
      expected: text.slice(expectedStart, expectedEnd),
      line: headerLine + 1,
      expectedStart,
      expectedEnd,
    });
  }
  return cases;
}

/** Collapses white space so that two renderings of the same tree compare equal. */
export function normalizeSexp(sexp: string): string {
  return sexp
    .split('\n')
    .map((l) => l.replace(/^\s*;.*$/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .trim();
}

/**
 * Pretty-prints a one-line s-expression (as `Node.toString()` gives it) in the layout the CLI's
 * `--update` writes: one named node per line, two spaces per level, `field: (node)` together.
 */
export function formatSexp(sexp: string): string {
  const tokens = normalizeSexp(sexp).match(/"(?:[^"\\]|\\.)*"|[()]|[^\s()]+/g) ?? [];
  let out = '';
  let depth = -1;
  let pendingField = '';
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (tok === '(') {
      depth++;
      if (out !== '') out += '\n' + '  '.repeat(depth);
      out += pendingField + '(';
      pendingField = '';
      out += tokens[++k] ?? '';
    } else if (tok === ')') {
      out += ')';
      depth--;
    } else if (tok.endsWith(':') && tokens[k + 1] === '(') {
      pendingField = tok + ' ';
    } else {
      out += ' ' + tok;
    }
  }
  return out;
}

/** Returns the corpus text with each case's expected tree replaced by `trees[i]` (formatted). */
export function rewriteCorpus(text: string, cases: readonly CorpusCase[], trees: readonly string[]): string {
  let out = '';
  let last = 0;
  cases.forEach((c, i) => {
    out += text.slice(last, c.expectedStart);
    out += '\n' + formatSexp(trees[i]) + '\n' + (c.expectedEnd < text.length ? '\n' : '');
    last = c.expectedEnd;
  });
  return out + text.slice(last);
}
