/**
 * iptables-restore --test's checks in the syntax check (`checkSyntax`, what `dockwall parse` and
 * the language server report): fixtures in fixtures/iptables-validate/. In `refused.rules` each
 * `#   ^ error: TEXT` line marks an error at that column of the rule above, a rule the real tools
 * (iptables 1.8.9, legacy and nf_tables) refuse when it is restored alone; every error must be
 * marked and every mark met. Every rule of `accepted.rules` passes both tools and gives no error.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Languages } from '../../server/src/core/syntax/languages';
import { languages } from '../../server/src/host/assets';
import { checkMarks, errorMarks, syntaxErrors } from './helpers/error-marks';

const DIR = path.join(__dirname, 'fixtures', 'iptables-validate');

describe('iptables validation (iptables-restore --test) in the syntax check', () => {
  let langs: Languages;
  before(async () => {
    langs = await languages();
  });

  const errorsOf = (file: string): { at: string; message: string }[] => syntaxErrors(langs, file, readFileSync(path.join(DIR, file), 'utf8'), 'iptables');

  it('reports what the tools refuse, at its place: option values getopt takes from the next word, stray words, days', () => {
    const expected = errorMarks(readFileSync(path.join(DIR, 'refused.rules'), 'utf8'));
    assert.ok(expected.length >= 16);
    const errors = errorsOf('refused.rules');
    checkMarks(expected, errors);
  });

  it('reports nothing for rules the tools accept', () => {
    assert.deepEqual(errorsOf('accepted.rules'), []);
  });
});
