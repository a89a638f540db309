/**
 * Inline expectations in fixture files. A comment line made of carets marks a range on the nearest
 * line above it that is not itself an expectation:
 *
 *       - "5432:5432"
 *     #   ^^^^^^^^^^^ warning[DW001]: reachable from
 *
 * The carets give the columns (UTF-16) of the expected range; the text after the colon must occur
 * in the diagnostic's message. `#   ^^^ !warning[DW002]` asserts that no such diagnostic exists
 * there. A zero-width range is written as a single `^` followed by `(0)`.
 */

export interface Expectation {
  readonly file: string;
  /** 0-based line the carets point at. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  /** Line of the expectation comment itself (0-based), for error messages. */
  readonly at: number;
  readonly negated: boolean;
}

const LINE = /^(\s*)#(\s*)(\^+)(\(0\))?\s+(!?)(error|warning|information|hint)\[([A-Za-z0-9_-]+)\](?::\s*(.*))?$/;

export function isExpectationLine(line: string): boolean {
  return LINE.test(line);
}

export function parseExpectations(file: string, text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = LINE.exec(line);
    if (!m) {
      target = i;
      return;
    }
    if (target < 0) throw new Error(`${file}:${i + 1}: expectation with no line above it`);
    const start = line.indexOf('^');
    const end = m[4] ? start : start + m[3].length;
    out.push({
      file,
      line: target,
      start,
      end,
      severity: m[6],
      code: m[7],
      message: (m[8] ?? '').trim(),
      at: i,
      negated: m[5] === '!',
    });
  });
  return out;
}

/** Removes expectation lines, keeping every other line's number: they become empty comment lines. */
export function blankExpectations(text: string): string {
  return text
    .split('\n')
    .map((l) => (isExpectationLine(l.replace(/\r$/, '')) ? l.replace(/#.*/, '#') : l))
    .join('\n');
}

export interface Actual {
  readonly file: string;
  readonly line: number;
  readonly start: number;
  readonly endLine: number;
  readonly end: number;
  readonly severity: string;
  readonly code?: string;
  readonly message: string;
}

/**
 * Compares actual diagnostics with expectations. Returns human-readable problems (empty when all
 * agree). Only diagnostics whose code appears in `codes` are required to be expected, so a fixture
 * about one finding is not disturbed by others unless it says so.
 */
export function compareExpectations(expected: readonly Expectation[], actual: readonly Actual[], codes: (code: string | undefined) => boolean): string[] {
  const problems: string[] = [];
  const used = new Set<number>();
  for (const e of expected) {
    const i = actual.findIndex(
      (a, k) =>
        !used.has(k) &&
        a.file === e.file &&
        a.line === e.line &&
        a.start === e.start &&
        a.endLine === e.line &&
        a.end === e.end &&
        a.severity === e.severity &&
        a.code === e.code &&
        a.message.includes(e.message),
    );
    if (e.negated) {
      const hit = actual.find((a) => a.file === e.file && a.line === e.line && a.code === e.code && a.severity === e.severity);
      if (hit) problems.push(`${e.file}:${e.at + 1}: expected no ${e.severity}[${e.code}] on line ${e.line + 1}, got: ${hit.message}`);
      continue;
    }
    if (i >= 0) used.add(i);
    else {
      const near = actual.filter((a) => a.file === e.file && a.code === e.code);
      problems.push(
        `${e.file}:${e.at + 1}: expected ${e.severity}[${e.code}] at ${e.line + 1}:${e.start + 1}-${e.end + 1} containing "${e.message}"` +
          (near.length ? `; found ${near.map((a) => `${a.severity} at ${a.line + 1}:${a.start + 1}-${a.endLine + 1}:${a.end + 1} "${a.message}"`).join('; ')}` : '; found none with that code'),
      );
    }
  }
  actual.forEach((a, k) => {
    if (!used.has(k) && codes(a.code)) problems.push(`${a.file}:${a.line + 1}:${a.start + 1}: unexpected ${a.severity}[${a.code}]: ${a.message}`);
  });
  return problems;
}
