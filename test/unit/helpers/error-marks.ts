/**
 * Fixtures with inline error marks: a `#   ^ error: TEXT` line marks an error whose message holds
 * TEXT at that column of the nearest line above that is not a comment. `checkMarks` asserts that
 * every mark is met by an error and every error by a mark.
 */
import assert from 'node:assert/strict';
import { checkSyntax } from '../../../server/src/core/syntax/check';
import type { Languages } from '../../../server/src/core/syntax/languages';

export interface Mark {
  /** `LINE:COLUMN`, 1-based */
  readonly at: string;
  readonly text: string;
}

export function errorMarks(text: string): Mark[] {
  const lines = text.split('\n');
  const out: Mark[] = [];
  lines.forEach((l, i) => {
    const m = /^#(\s*)\^ error: (.*)$/.exec(l);
    if (!m) return;
    let target = i - 1;
    while (target >= 0 && lines[target].startsWith('#')) target--;
    out.push({ at: `${target + 1}:${m[1].length + 2}`, text: m[2] });
  });
  return out;
}

export function checkMarks(expected: readonly Mark[], errors: readonly { at: string; message: string }[]): void {
  for (const e of expected) {
    assert.ok(
      errors.some((x) => x.at === e.at && x.message.includes(e.text)),
      `expected at ${e.at}: ${e.text}; got ${JSON.stringify(errors)}`,
    );
  }
  const unexpected = errors.filter((x) => !expected.some((e) => e.at === x.at && x.message.includes(e.text)));
  assert.deepEqual(unexpected, []);
}

/** The errors `checkSyntax` reports for a file, at `LINE:COLUMN` (1-based). */
export function syntaxErrors(langs: Languages, file: string, text: string, language: 'nftables' | 'iptables'): { at: string; message: string }[] {
  return checkSyntax(langs, file, text, language)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ at: `${d.span.range.start.line + 1}:${d.span.range.start.character + 1}`, message: d.message }));
}
