/**
 * iptables-restore --test's checks in the syntax check (`checkSyntax`, what `dockwall parse` and
 * the language server report): fixtures in fixtures/iptables-validate/. In `refused.rules` each
 * `#   ^ error: TEXT` line marks an error at that column of the rule above, a rule the real tools
 * (iptables 1.8.9, legacy and nf_tables) refuse when it is restored alone; every error must be
 * marked and every mark met; `refused-sections.rules` holds what they refuse of sections and chain commands. Every rule
 * of `accepted.rules` passes both tools and gives no error.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Languages } from '../../server/src/core/syntax/languages';
import { languages } from '../../server/src/host/assets';
import { lowerIptablesFast, lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import { RuleMemo, validateIptablesTree } from '../../server/src/core/netfilter/iptables-validate';
import { LineIndex } from '../../server/src/core/text';
import { iptablesSave, Rand } from '../../bench/gen';
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

  it('reports what the tools refuse of sections and chain commands: names too long, policies, chains declared twice, -N, -P, -X, -E, an unknown table', () => {
    const expected = errorMarks(readFileSync(path.join(DIR, 'refused-sections.rules'), 'utf8'));
    assert.equal(expected.length, 22);
    checkMarks(expected, errorsOf('refused-sections.rules'));
  });

  it('reports nothing for rules the tools accept', () => {
    assert.deepEqual(errorsOf('accepted.rules'), []);
  });

  it('the lowering with `validate` (what check reports) refuses exactly what the syntax check refuses, on both front ends', () => {
    for (const file of ['refused.rules', 'refused-sections.rules', 'accepted.rules']) {
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
      if (file === 'refused-sections.rules') assert.equal(parsed.length, 22);
    }
  });

  it('quotes a value of a million characters shortened, in the refusal and in the unknown statement', () => {
    const long = '1.'.repeat(500_000);
    const text = `*filter\n:INPUT DROP [0:0]\n-A INPUT -s ${long} -j ACCEPT\n-A INPUT -p tcp --dport 22${'x'.repeat(100)} -j ACCEPT\nCOMMIT\n`;
    const r = lowerIptablesText('long.rules', text, langs, { validate: true });
    const messages = [
      ...r.diagnostics.map((d) => d.message),
      ...r.value.ops.flatMap((o) => (o.op === 'addRule' ? o.rule.statements.flatMap((st) => (st.kind === 'unknown' ? [st.reason] : [])) : [])),
    ];
    assert.ok(messages.length >= 3, JSON.stringify(messages.map((m) => m.slice(0, 100))));
    for (const m of messages) assert.ok(m.length < 300, `${m.length} characters: ${m.slice(0, 100)}`);
    assert.ok(messages.some((m) => m.startsWith(`\`${'1.'.repeat(31)}1…\` is not an IPv4 address`)), JSON.stringify(messages.map((m) => m.slice(0, 100))));
    assert.ok(messages.some((m) => m.includes(`\`22${'x'.repeat(61)}…\``)), JSON.stringify(messages.map((m) => m.slice(0, 100))));
  });

  it('names a table, a chain or a policy of a million characters shortened', () => {
    const long = 'A'.repeat(1_000_000);
    const text = `*${long.toLowerCase()}\n:INPUT ACCEPT [0:0]\nCOMMIT\n*filter\n:INPUT ${long} [0:0]\n:${long} ACCEPT [0:0]\n-E ${long} B\n-P ${long} ACCEPT\n-P INPUT ${long}\nCOMMIT\n*nat\n`;
    const r = lowerIptablesText('long-names.rules', text, langs, { validate: true });
    const messages = [...r.diagnostics.map((d) => d.message), ...r.value.ops.flatMap((o) => (o.op === 'unknown' ? [o.reason] : []))];
    assert.ok(messages.length >= 6, JSON.stringify(messages.map((m) => m.slice(0, 100))));
    for (const m of messages) assert.ok(m.length < 300, `${m.length} characters: ${m.slice(0, 100)}`);
    for (const said of ['is not an iptables table', 'needs the policy ACCEPT or DROP', 'cannot have a policy', 'renaming chain', 'is not a built-in chain', 'is not ACCEPT or DROP'])
      assert.ok(
        messages.some((m) => m.includes(said) && m.includes(`${'A'.repeat(63)}…`) || (m.includes(said) && m.includes(`${'a'.repeat(63)}…`))),
        `${said}: ${JSON.stringify(messages.map((m) => m.slice(0, 100)))}`,
      );
  });

  it('kept from one edit to the next (as the editor validates), the rule memo changes no diagnostic', () => {
    // edits of a dump and of the refused rules, each validated with the memo of the ones before it
    // and without: rules changed, copied, moved to another table's line, chains declared and
    // removed (a rule's context), refused rules brought in and taken out
    const refused = readFileSync(path.join(DIR, 'refused.rules'), 'utf8').split('\n').filter((l) => l.startsWith('-A '));
    const r = new Rand(11);
    for (const [file, start] of [
      ['gen.rules', iptablesSave(300, 4)],
      ['refused.rules', readFileSync(path.join(DIR, 'refused.rules'), 'utf8')],
      ['/etc/ufw/user6.rules', iptablesSave(200, 5)],
    ] as const) {
      const memo = new RuleMemo();
      let text = start;
      let hits = 0;
      for (let k = 0; k < 40; k++) {
        const lines = text.split('\n');
        const i = r.int(1, lines.length - 3);
        const edit = k % 5;
        if (edit === 0) lines[i] = lines[i] + ' ';
        else if (edit === 1 && lines[i].startsWith('-A ')) lines.splice(i, 0, lines[i]);
        else if (edit === 2) lines.splice(i, 0, `:X${k} - [0:0]`);
        else if (edit === 3) lines.splice(i, 0, r.pick(refused));
        else if (lines[i].startsWith(':') || lines[i].startsWith('-A ')) lines.splice(i, 1);
        text = lines.join('\n');
        const tree = langs.parser('iptables').parse(text)!;
        const lineIndex = new LineIndex(text);
        const kept = validateIptablesTree(tree.rootNode, file, text, lineIndex, { memo });
        const fresh = validateIptablesTree(tree.rootNode, file, text, lineIndex);
        tree.delete();
        assert.deepEqual(kept, fresh, `${file}, edit ${k}`);
        if (kept.length) hits++;
      }
      if (file === 'refused.rules') assert.ok(hits > 30, `${file}: only ${hits} texts with diagnostics`);
    }
  });
});
