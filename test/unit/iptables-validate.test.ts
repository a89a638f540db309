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
import { lowerIptablesFast, lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import { validateIptablesTree } from '../../server/src/core/netfilter/iptables-validate';
import { LineIndex } from '../../server/src/core/text';
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

  it('the lowering with `validate` (what check reports) refuses exactly what the syntax check refuses, on both front ends', () => {
    for (const file of ['refused.rules', 'accepted.rules']) {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      const tree = langs.parser('iptables').parse(text)!;
      const parsed = validateIptablesTree(tree.rootNode, file, text, new LineIndex(text));
      tree.delete();
      // the line reader's walk (refused.rules is one it reads) and the tree's
      const fast = lowerIptablesFast(file, text, { validate: true });
      assert.equal(!!fast, file === 'refused.rules');
      const viaTree = lowerIptablesText(file, text, langs, { validate: true }, Infinity);
      for (const lowered of [fast, viaTree]) {
        if (!lowered) continue;
        const refusals = lowered.diagnostics.filter((d) => d.code === 'iptables');
        assert.deepEqual(JSON.parse(JSON.stringify(refusals)), JSON.parse(JSON.stringify(parsed)));
      }
      if (file === 'refused.rules') assert.ok(parsed.length >= 16);
    }
  });
});
