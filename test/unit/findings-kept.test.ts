/**
 * Findings kept across analyses (DW005's per chain object): after a ruleset edit that keeps a
 * chain's object and moves it (the language server's rule memo and build), the finding on it says
 * the new line, as a fresh lowering's does.
 */
import { strict as assert } from 'node:assert';
import type { Analysis } from '../../server/src/core/analysis';
import { dw005 } from '../../server/src/core/findings/dw005-dead-docker-user-rule';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { lowerSource } from '../../server/src/core/netfilter/load';
import type { Ruleset } from '../../server/src/core/netfilter/model';
import { NftRuleMemo } from '../../server/src/core/netfilter/nft/rule-memo';
import { IptRuleMemo } from '../../server/src/core/netfilter/iptables-rule-memo';
import type { Languages } from '../../server/src/core/syntax/languages';
import { languages } from '../../server/src/host/assets';

const FILE = '/t/rules.nft';
const TEXT = [
  'table inet filter {',
  '\tchain input {',
  '\t\ttype filter hook input priority 0; policy drop;',
  '\t\ttcp dport 22 accept',
  '\t}',
  '\tchain forward {',
  '\t\ttype filter hook forward priority 10; policy accept;',
  '\t\taccept',
  '\t\ttcp dport 2222 drop',
  '\t}',
  '}',
  '',
].join('\n');

describe('findings kept across analyses', () => {
  let langs: Languages;
  before(async () => {
    langs = await languages();
  });

  const built = (text: string, memo: { nftRules: NftRuleMemo; iptRules: IptRuleMemo }, previous?: Ruleset): Ruleset => {
    const r = lowerSource(FILE, text, langs, undefined, memo);
    assert.deepEqual(r.diagnostics, []);
    return buildRuleset([r.value!], { previous }).value;
  };
  const messages = (ruleset: Ruleset, text: string): string[] => dw005.run({ analysis: { ruleset } as Analysis, texts: new Map([[FILE, text]]) }).map((f) => f.message);

  it('DW005: a rule behind its chain\'s end names that end\'s new line after an edit above the chain', () => {
    const memo = { nftRules: new NftRuleMemo(), iptRules: new IptRuleMemo() };
    const before = built(TEXT, memo);
    const first = messages(before, TEXT);
    assert.equal(first.length, 1);
    assert.ok(first[0].includes(`${FILE}:8)`), first[0]);
    // the same texts: the same finding
    assert.deepEqual(messages(before, TEXT), first);
    const edited = TEXT.replace('\t\ttcp dport 22 accept', '\t\ttcp dport 22 accept\n\t\ttcp dport 443 accept');
    const after = built(edited, memo, before);
    // the chain is the same object, moved: the case where a kept finding would say the old line
    assert.equal(after.tables[0].chains.get('forward'), before.tables[0].chains.get('forward'));
    const moved = messages(after, edited);
    assert.ok(moved[0].includes(`${FILE}:9)`), moved[0]);
    assert.deepEqual(moved, messages(built(edited, { nftRules: new NftRuleMemo(), iptRules: new IptRuleMemo() }), edited));
  });
});
