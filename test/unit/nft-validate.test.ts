/**
 * nft's evaluation in the syntax check (`checkSyntax`, what `dockwall parse` and the language server
 * report): fixtures in fixtures/nft-validate/. In `refused.nft` each `#   ^ error: TEXT` line marks an
 * error at that column of the rule above, a rule `nft -c -f` (1.0.6) refuses (checked rule by rule
 * with the real nft); every error must be marked and every mark met. `accepted.nft` passes `nft -c -f` and
 * must give no error.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSyntax } from '../../server/src/core/syntax/check';
import type { Languages } from '../../server/src/core/syntax/languages';
import { languages } from '../../server/src/host/assets';
import { checkMarks, errorMarks, syntaxErrors } from './helpers/error-marks';

const DIR = path.join(__dirname, 'fixtures', 'nft-validate');

describe('nft validation (nft -c evaluation) in the syntax check', () => {
  let langs: Languages;
  before(async () => {
    langs = await languages();
  });

  const errorsOf = (file: string): { at: string; message: string }[] => syntaxErrors(langs, file, readFileSync(path.join(DIR, file), 'utf8'), 'nftables');

  it('reports what nft -c refuses, at its place', () => {
    const expected = errorMarks(readFileSync(path.join(DIR, 'refused.nft'), 'utf8'));
    assert.ok(expected.length >= 15);
    const errors = errorsOf('refused.nft');
    checkMarks(expected, errors);
  });

  it('reports nothing in a file nft -c accepts', () => {
    assert.deepEqual(errorsOf('accepted.nft'), []);
  });

  it('leaves variables to the files an include brings in', () => {
    const text = 'include "/etc/nftables.d/defs.nft"\ntable inet t {\n  chain c {\n    tcp dport $ports accept\n  }\n}\n';
    assert.deepEqual(checkSyntax(langs, 'main.nft', text, 'nftables').diagnostics.filter((d) => d.severity === 'error'), []);
    const alone = checkSyntax(langs, 'main.nft', text.replace(/^include.*\n/, ''), 'nftables').diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(alone.map((d) => d.message), ['undefined variable $ports']);
  });
});
