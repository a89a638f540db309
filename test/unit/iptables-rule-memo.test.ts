/**
 * The iptables rule memo (core/netfilter/iptables-rule-memo.ts), as the language server's worker
 * lowers an edited iptables-save file: on the iptables corpus and the repository's iptables test
 * files, seeded edits (characters inserted and deleted, digits changed, lines deleted and
 * duplicated, a chain declared under the name a rule jumps to and a declaration removed, so that
 * rules of the same text lower otherwise, a rule naming an ipset, an address of the other family,
 * a rule moved to the end of its section, undo) are applied one after the
 * other, each text lowered with the memo the previous lowerings filled. After every edit the
 * lowering's value and diagnostics (the validation's included) equal those of a lowering without
 * a memo, spans and their ranges included. A last case checks that rules were taken from the
 * memo, many of them as the very objects lowered before, and many moved.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { IptRuleMemo, MEMO_MAX_TEXT } from '../../server/src/core/netfilter/iptables-rule-memo';
import { lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import { rulesetFormat } from '../../server/src/core/netfilter/load';
import type { Rule } from '../../server/src/core/netfilter/model';
import type { Languages } from '../../server/src/core/syntax/languages';
import { languages } from '../../server/src/host/assets';
import { rng } from '../compose-diff/gen';
import { textFiles } from './helpers/text-files';
import { repoRoot, shared } from './fixtures/lower-nft/harness';

const FILE = /\.(rules|v4|v6)$|iptables/;

function inputs(): { name: string; text: string }[] {
  const files = [...textFiles(shared, path.join(shared, 'corpus/iptables')), ...textFiles(repoRoot, path.join(repoRoot, 'test'), (f) => FILE.test(f))];
  return files.filter((f) => rulesetFormat(`/t/${path.basename(f.name)}`, f.text) === 'iptables' && f.text.length < 200_000);
}

const INSERTED = ['a', '0', '7', ' ', '\n', '-', '!', '"', '#', 'é', ' -p tcp', ' --dport 22', ' -j ACCEPT', ' -m comment --comment "x y"'];

/** The texts a run of seeded edits goes through, starting from `text` (not included). */
function edits(text: string, seed: number, count: number): { what: string; text: string }[] {
  const rnd = rng(seed);
  const pick = (n: number): number => Math.floor(rnd() * n);
  const out: { what: string; text: string }[] = [];
  let t = text;
  const push = (what: string, next: string): void => {
    t = next;
    out.push({ what, text: next });
  };
  while (out.length < count) {
    const lines = t.split('\n');
    const line = pick(lines.length);
    const at = pick(t.length + 1);
    const kind = pick(11);
    if (kind === 0) {
      const s = INSERTED[pick(INSERTED.length)];
      push(`insert ${JSON.stringify(s)} at ${at}`, t.slice(0, at) + s + t.slice(at));
    } else if (kind === 1) {
      const n = 1 + pick(4);
      push(`delete ${n} at ${at}`, t.slice(0, at) + t.slice(at + n));
    } else if (kind === 2) {
      const digits = [...t.matchAll(/\d/g)];
      if (!digits.length) continue;
      const d = digits[pick(digits.length)].index;
      push(`digit at ${d}`, t.slice(0, d) + String(pick(10)) + t.slice(d + 1));
    } else if (kind === 3) {
      push(`delete line ${line}`, [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n'));
    } else if (kind === 4) {
      push(`duplicate line ${line}`, [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n'));
    } else if (kind === 5) {
      // a chain declared under a name a rule jumps to: `-j NAME` now means that chain
      const targets = [...t.matchAll(/ -[jg] ([A-Za-z][\w-]*)/g)].map((m) => m[1]);
      const sections = lines.map((l, i) => (l.startsWith('*') ? i : -1)).filter((i) => i >= 0);
      if (!targets.length || !sections.length) continue;
      const name = targets[pick(targets.length)];
      const s = sections[pick(sections.length)];
      push(`declare ${name} after line ${s}`, [...lines.slice(0, s + 1), `:${name} - [0:0]`, ...lines.slice(s + 1)].join('\n'));
    } else if (kind === 6) {
      // a declaration removed: the rules jumping to it no longer name a chain
      const decls = lines.map((l, i) => (/^:[\w-]+ - /.test(l) ? i : -1)).filter((i) => i >= 0);
      if (!decls.length) continue;
      const d = decls[pick(decls.length)];
      push(`remove declaration ${lines[d]}`, [...lines.slice(0, d), ...lines.slice(d + 1)].join('\n'));
    } else if (kind === 7) {
      const rules = lines.map((l, i) => (l.startsWith('-A ') ? i : -1)).filter((i) => i >= 0);
      if (!rules.length) continue;
      const r = rules[pick(rules.length)];
      push(`ipset rule after line ${r}`, [...lines.slice(0, r + 1), `${lines[r].split(' ').slice(0, 2).join(' ')} -m set --match-set blocked src -j DROP`, ...lines.slice(r + 1)].join('\n'));
    } else if (kind === 10) {
      // an address of the other family (the lowering reports it): the line is not kept
      const rules = lines.map((l, i) => (l.startsWith('-A ') ? i : -1)).filter((i) => i >= 0);
      if (!rules.length) continue;
      const r = rules[pick(rules.length)];
      const [a, chain, ...rest] = lines[r].split(' ');
      const addr = rnd() < 0.5 ? '2001:db8::1' : '192.0.2.1';
      push(`source ${addr} on line ${r}`, [...lines.slice(0, r), [a, chain, '-s', addr, ...rest].join(' '), ...lines.slice(r + 1)].join('\n'));
    } else if (kind === 8) {
      if (out.length < 2) continue;
      push('undo', out[out.length - 2].text);
    } else {
      // a whole rule line moved to the end of its section (the rules between move up)
      const rules = lines.map((l, i) => (l.startsWith('-A ') ? i : -1)).filter((i) => i >= 0);
      if (!rules.length) continue;
      const r = rules[pick(rules.length)];
      const commit = lines.findIndex((l, i) => i > r && l.startsWith('COMMIT'));
      if (commit < 0) continue;
      const moved = [...lines.slice(0, r), ...lines.slice(r + 1, commit), lines[r], ...lines.slice(commit)];
      push(`move line ${r} before line ${commit}`, moved.join('\n'));
    }
  }
  return out;
}

/** A value as JSON, bigints as strings (a lazy span's range is read like a plain one's). */
const json = (v: unknown): string => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));

const rulesOf = (ops: readonly { op: string; rule?: Rule }[]): Rule[] => ops.flatMap((o) => (o.op === 'addRule' && o.rule ? [o.rule] : []));

describe('iptables rule memo: edited files lower as without it', function () {
  this.timeout(300_000);
  let langs: Languages;
  const stats = { inputs: 0, edits: 0, taken: 0, sameObject: 0, rules: 0 };

  before(async () => {
    langs = await languages();
  });

  for (const [i, input] of inputs().entries()) {
    it(input.name, () => {
      stats.inputs++;
      const file = `/t/${path.basename(input.name)}`;
      const memo = new IptRuleMemo();
      let before = rulesOf(lowerIptablesText(file, input.text, langs, { validate: true, memo }).value.ops);
      for (const e of edits(input.text, 1000 + i, 20)) {
        const where = `${input.name}, after ${e.what}`;
        const taken = memo.taken;
        const kept = lowerIptablesText(file, e.text, langs, { validate: true, memo });
        const fresh = lowerIptablesText(file, e.text, langs, { validate: true });
        assert.equal(json(kept.value), json(fresh.value), `${where}: value`);
        assert.equal(json(kept.diagnostics), json(fresh.diagnostics), `${where}: diagnostics`);
        stats.edits++;
        stats.taken += memo.taken - taken;
        const now = rulesOf(kept.value.ops);
        const was = new Set(before);
        stats.rules += now.length;
        stats.sameObject += now.filter((r) => was.has(r)).length;
        before = now;
      }
    });
  }

  it('a text longer than MEMO_MAX_TEXT is lowered without the memo, which then keeps nothing', () => {
    const memo = new IptRuleMemo();
    const rules = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n';
    lowerIptablesText('/t/rules.v4', rules, langs, { validate: true, memo });
    lowerIptablesText('/t/rules.v4', rules, langs, { validate: true, memo });
    assert.equal(memo.taken, 1);
    const long = `${'#'.repeat(MEMO_MAX_TEXT)}\n${rules}`;
    const a = lowerIptablesText('/t/rules.v4', long, langs, { validate: true, memo });
    assert.equal(memo.taken, 1, 'the long text took a rule from the memo');
    assert.equal(json(a.value), json(lowerIptablesText('/t/rules.v4', long, langs, { validate: true }).value));
    lowerIptablesText('/t/rules.v4', rules, langs, { validate: true, memo });
    assert.equal(memo.taken, 1, 'the memo kept a rule across the long text');
  });

  it('a rule an edit moves is the same object, moved in place; chain lines keep their spans', () => {
    const memo = new IptRuleMemo();
    const text = '*filter\n:INPUT DROP [0:0]\n:EXTRA - [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -j EXTRA\n-A EXTRA -p udp --dport 53 -j ACCEPT\n-A EXTRA -p udp --dport 53 -j ACCEPT\nCOMMIT\n';
    const lowered = (t: string, m?: IptRuleMemo) => lowerIptablesText('/t/rules.v4', t, langs, { validate: true, ...(m ? { memo: m } : {}) }).value;
    const first = lowered(text, memo);
    const rules = rulesOf(first.ops);
    const chainSpan = (f: typeof first, name: string) => f.ops.find((o) => o.op === 'addChain' && o.name === name)!.span;
    const extra = chainSpan(first, 'EXTRA');
    const range = rules[2].span.range;
    const edited = text.replace('--dport 22', '--dport 2222');
    const after = lowered(edited, memo);
    const now = rulesOf(after.ops);
    assert.notEqual(now[0], rules[0]);
    // the rules after the edit (the repeated one too, each its own object) and the chain line stay the same objects
    for (const i of [1, 2, 3]) assert.equal(now[i], rules[i], `rule ${i}`);
    assert.notEqual(now[2], now[3]);
    assert.equal(chainSpan(after, 'EXTRA'), extra);
    assert.equal(json(after), json(lowered(edited)));
    // a range read before stays as it was; the span itself moved
    assert.deepEqual(range, { start: { line: 5, character: 0 }, end: { line: 5, character: 36 } });
    assert.equal(now[2].span.start, text.indexOf('-A EXTRA') + 2);
  });

  it('took rules from the memo: many as the same objects, many moved', () => {
    assert.ok(stats.inputs >= 10, `${stats.inputs} inputs`);
    assert.ok(stats.taken > stats.rules / 2, `${stats.taken} of ${stats.rules} rules taken`);
    assert.ok(stats.sameObject > stats.rules / 10, `${stats.sameObject} the same objects`);
    assert.ok(stats.taken - stats.sameObject > stats.rules / 10, `${stats.taken - stats.sameObject} moved`);
  });
});

describe('iptables rule memo: lines outside the edit found by their place', () => {
  it('the lines before and after an edit take their rules and their checks by place, as a lowering without the memo gives them', async () => {
    const langs = await languages();
    const rules = Array.from({ length: 40 }, (_, i) => `-A INPUT -s 10.0.${i}.0/24 -p tcp --dport ${1000 + i} -j ACCEPT`);
    const text = ['*filter', ':INPUT DROP [0:0]', ':EXTRA - [0:0]', ...rules, '-A INPUT -j EXTRA', '-A EXTRA -p udp --dport 53 -j ACCEPT', 'COMMIT', ''].join('\n');
    const memo = new IptRuleMemo();
    const lower = (t: string, m?: IptRuleMemo) => lowerIptablesText('/t/rules.v4', t, langs, { validate: true, ...(m ? { memo: m } : {}) });
    lower(text, memo);
    // an edit of line 20's port (the same length), then a line inserted above the rules, then taken
    // away, then one added at the end. (The line after the inserted one begins as it does, `-A INPUT
    // -`: the change as found, the texts' common beginning then their common end, ends inside that
    // line, which is found by its text.)
    const edited = text.replace('--dport 1019 ', '--dport 2019 ');
    const inserted = edited.replace(':EXTRA - [0:0]\n', ':EXTRA - [0:0]\n-A INPUT -p icmp -j ACCEPT\n');
    const removed = inserted.replace('-A INPUT -p icmp -j ACCEPT\n', '');
    const appended = removed.replace('COMMIT\n', '-A INPUT -p icmp -j ACCEPT\nCOMMIT\n');
    for (const [t, untouched] of [
      [edited, 41],
      [inserted, 41],
      [removed, 41],
      [appended, 42],
    ] as const) {
      const byPlace = memo.placedTaken;
      const found = memo.validation.placedFound;
      const kept = lower(t, memo);
      const fresh = lower(t);
      assert.equal(json(kept.value), json(fresh.value));
      assert.equal(json(kept.diagnostics), json(fresh.diagnostics));
      assert.equal(memo.placedTaken - byPlace, untouched, 'rules taken by their place');
      assert.equal(memo.validation.placedFound - found, untouched, 'rule checks found by their place');
    }
  });
});
