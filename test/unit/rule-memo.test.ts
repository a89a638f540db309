/**
 * The nft rule memo's moves (server/src/core/netfilter/nft/rule-memo.ts): a kept rule's statements
 * at another place have every span moved (offsets, lines, and columns on the rule's first line) and
 * every other member shared; copies of copies are recognised as saying the same as the first list,
 * lists that merely look alike are not. (That whole lowerings with the memo equal fresh ones is
 * test/unit/reparse.test.ts.)
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Statement } from '../../server/src/core/netfilter/model';
import { NftRuleMemo } from '../../server/src/core/netfilter/nft/rule-memo';
import { LinePlaces, Move, keepable, placelessTwin } from '../../server/src/core/netfilter/rule-move';
import type { Op, Rule, Ruleset } from '../../server/src/core/netfilter/model';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { lower, nftParser } from './fixtures/lower-nft/harness';
import { LineIndex } from '../../server/src/core/text';
import { lowerNftText } from '../../server/src/core/netfilter/lower-nft';
import type { ParsedText } from '../../server/src/core/syntax/reparse';
import { languages } from '../../server/src/host/assets';

const RULE = 'tcp dport 22 \\\n  accept';

/** The statements a lowering would give RULE placed at `at` in `text`: spans on both of its lines. */
function statementsAt(text: string, at: number): Statement[] {
  const lines = new LineIndex(text);
  const port = { kind: 'int', value: 22n };
  return [
    { kind: 'match', span: lines.span('/f.nft', at, at + 12), left: { kind: 'payload', field: 'th.dport' }, op: 'eq', right: port },
    { kind: 'verdict', span: lines.span('/f.nft', at + 17, at + 23), verdict: { kind: 'verdict', verdict: 'accept' } },
  ] as unknown as Statement[];
}

function anchorOf(text: string, at: number): { start: number; line: number; character: number } {
  const p = new LineIndex(text).position(at);
  return { start: at, line: p.line, character: p.character };
}

describe('nft rule memo: moves', () => {
  const before = `table inet f {\n  chain c {\n    ${RULE}\n  }\n}\n`;
  const at = before.indexOf('tcp');
  const kept = statementsAt(before, at);

  it('a rule at the same offset and position keeps its statements', () => {
    const m = new Move(anchorOf(before, at), anchorOf(before, at));
    assert.equal(m.none, true);
    assert.equal(m.statements(kept), kept);
  });

  for (const [name, after] of [
    ['lines inserted above', `# one\n# two\n${before}`],
    ['characters inserted on the rule line', before.replace('    tcp', '      ip saddr 10.0.0.1 tcp')],
    ['a line removed above', before.replace('  chain c {\n', '  chain c {')],
  ] as const) {
    it(`moved along: ${name}`, () => {
      const to = after.indexOf('tcp dport');
      const m = new Move(anchorOf(before, at), anchorOf(after, to));
      const moved = m.statements(kept);
      assert.notEqual(moved, kept);
      // what a lowering of the new text gives
      assert.deepEqual(moved, statementsAt(after, to));
      // members without spans are the kept objects themselves
      const [a, b] = [moved[0] as unknown as Record<string, unknown>, kept[0] as unknown as Record<string, unknown>];
      assert.equal(a.left, b.left);
      assert.equal(a.right, b.right);
      assert.equal((moved[1] as unknown as Record<string, unknown>).verdict, (kept[1] as unknown as Record<string, unknown>).verdict);
      assert.ok(placelessTwin(kept, moved) && placelessTwin(moved, kept));
      // a copy of the copy says the same as the first list
      const again = new Move(anchorOf(after, to), anchorOf(`\n${after}`, to + 1)).statements(moved);
      assert.ok(placelessTwin(kept, again));
    });
  }

  it('lists that only look alike are not twins; spans outside the rule are not kept', () => {
    const other = statementsAt(before, at);
    assert.equal(placelessTwin(kept, other), false);
    assert.equal(keepable(kept, '/f.nft', at, at + RULE.length), true);
    assert.equal(keepable(kept, '/f.nft', at + 1, at + RULE.length), false);
    assert.equal(keepable(kept, '/other.nft', at, at + RULE.length), false);
    assert.equal(keepable([{ kind: 'unknown', reason: 'x', span: new LineIndex(before).span('/f.nft', at, at + 3), extra: new Map() }] as unknown as Statement[], '/f.nft', at, at + RULE.length), false);
  });
});

describe('nft rule memo: the same rule object at the same place', () => {
  const rules = (text: string, memo: NftRuleMemo): Rule[] => {
    const r = lower(text, '/t/main.nft', {}, { memo });
    assert.deepEqual(r.diagnostics, []);
    return r.value.ops.flatMap((op) => (op.op === 'addRule' ? [op.rule] : []));
  };
  const text = [
    'table inet f {',
    '  chain input {',
    '    type filter hook input priority 0; policy drop;',
    '    ct state established,related accept',
    '    iifname "lo" accept',
    '    tcp dport 22 accept',
    '    tcp dport { 80, 443 } accept',
    '    udp dport 53 accept',
    '  }',
    '}',
    '',
  ].join('\n');

  it('rules are the kept objects, those after an edit moved in place; the edited rule is new', async () => {
    await nftParser();
    const memo = new NftRuleMemo();
    const first = rules(text, memo);
    assert.equal(first.length, 5);
    // the same text again: every rule is the object the memo kept
    const again = rules(text, memo);
    again.forEach((r, i) => assert.equal(r, first[i], `rule ${i} of the same text`));
    // a digit typed in the third rule: it is a new object; the others are the kept ones, those
    // after it moved along in place (a range read before stays as it was)
    const start = again[3].span.start;
    const edited = text.replace('tcp dport 22 accept', 'tcp dport 222 accept');
    const after = rules(edited, memo);
    for (const i of [0, 1, 3, 4]) assert.equal(after[i], again[i], `rule ${i}`);
    assert.notEqual(after[2], again[2]);
    assert.equal(after[3].span.start, start + 1);
    // and each equals a fresh lowering of the edited text (spans included)
    assert.deepEqual(after, rules(edited, new NftRuleMemo()));
    // two rules of the same text: each its own object, each where it stands
    const twice = text.replace('udp dport 53 accept', 'udp dport 53 accept\n    iifname "lo" accept');
    const both = rules(twice, memo);
    assert.notEqual(both[1], both[5]);
    assert.deepEqual(both, rules(twice, new NftRuleMemo()));
    const range = both[3].span.range;
    const moved = rules(`# a line\n${twice}`, memo);
    assert.equal(moved[3], both[3]);
    assert.deepEqual(moved[3].span.range, { start: { line: 7, character: 4 }, end: { line: 7, character: 32 } });
    assert.deepEqual(range, { start: { line: 6, character: 4 }, end: { line: 6, character: 32 } });
    assert.deepEqual(moved, rules(`# a line\n${twice}`, new NftRuleMemo()));
    assert.notEqual(moved[1], moved[5]);
    // a handle comment added after a kept rule: a new rule object, with the handle
    const handled = rules(`# a line\n${twice}`.replace('iifname "lo" accept', 'iifname "lo" accept # handle 7'), memo);
    assert.notEqual(handled[1], moved[1]);
    assert.equal(handled[1].handle, 7);
    assert.equal(handled[0], moved[0]);
  });
});

describe('nft rule memo: declarations and the build keep their objects', () => {
  const text = [
    'table inet f {',
    '  chain input {',
    '    type filter hook input priority 0; policy drop;',
    '    tcp dport 22 accept',
    '    jump extra',
    '  }',
    '  chain extra {',
    '    udp dport 53 accept',
    '    tcp dport { 80, 443 } accept',
    '  }',
    '}',
    '',
  ].join('\n');

  it('an edit in one chain leaves the other chain the same object, at its new place', async () => {
    await nftParser();
    const memo = new NftRuleMemo();
    const built = (t: string, m: NftRuleMemo, previous?: Ruleset): Ruleset => {
      const r = lower(t, '/t/main.nft', {}, { memo: m });
      assert.deepEqual(r.diagnostics, []);
      return buildRuleset([r.value], { previous }).value;
    };
    const before = built(text, memo);
    const extra = before.tables[0].chains.get('extra')!;
    const edited = text.replace('tcp dport 22 accept', 'tcp dport 2222 accept');
    const after = built(edited, memo, before);
    // the edited chain is new; the other is the same object, its span and rules moved along
    assert.notEqual(after.tables[0].chains.get('input'), before.tables[0].chains.get('input'));
    assert.equal(after.tables[0].chains.get('extra'), extra);
    const fresh = built(edited, new NftRuleMemo());
    assert.deepEqual(after, fresh);
    assert.deepEqual(extra.span, fresh.tables[0].chains.get('extra')!.span);
    assert.equal(extra.span!.start, text.indexOf('chain extra') + 2);
    // a declaration whose length changed gets a span of its own
    const renamed = built(edited.replace(/extra/g, 'extra2'), memo, after);
    assert.notEqual(renamed.tables[0].chains.get('extra2')!.span, extra.span);
    assert.deepEqual(renamed, built(edited.replace(/extra/g, 'extra2'), new NftRuleMemo()));
  });
});

describe("nft rule memo: an unchanged chain's rules taken whole", () => {
  const file = '/t/whole.nft';
  const text = [
    'define ports = { 22, 80 }',
    'table inet f {',
    '  chain input {',
    '    type filter hook input priority 0; policy drop;',
    '    tcp dport 22 accept',
    '    jump extra',
    '  }',
    '  chain extra {',
    '    tcp dport $ports accept',
    '    udp dport 53 accept # handle 9',
    '  }',
    '  chain other {',
    '    iifname "eth1" \\',
    '      drop',
    '    ip saddr 192.0.2.1 counter',
    '    ip saddr 192.0.2.1 counter',
    '  }',
    '}',
    '',
  ].join('\n');

  /** Lowers the texts one after the other as the language server's worker does (the previous tree and its copy, the memo). */
  async function session(texts: readonly string[]): Promise<{ rules: Rule[][]; taken: number[]; ops: Op[][] }> {
    const langs = await languages();
    const memo = new NftRuleMemo();
    let kept: ParsedText | undefined;
    const keep = (t: string) => (tree: ParsedText['tree'], mirror?: ParsedText['mirror']) => {
      kept?.tree.delete();
      kept = { text: t, tree, mirror };
    };
    const out: { rules: Rule[][]; taken: number[]; ops: Op[][] } = { rules: [], taken: [], ops: [] };
    try {
      for (const t of texts) {
        const before = memo.chainsTaken;
        const r = lowerNftText(file, t, langs, { reuse: { previous: kept, keep: keep(t) }, memo });
        assert.deepStrictEqual(r, lowerNftText(file, t, langs), 'the same as a lowering without the memo');
        out.rules.push(r.value.ops.flatMap((op) => (op.op === 'addRule' ? [op.rule] : [])));
        out.ops.push(r.value.ops.filter((op) => op.op === 'addRule'));
        out.taken.push(memo.chainsTaken - before);
      }
    } finally {
      kept?.tree.delete();
    }
    return out;
  }

  it('an edit in one chain: the chains after it are taken whole, their rules the same objects moved along', async () => {
    const edited = text.replace('tcp dport 22 accept', 'tcp dport 2222 accept');
    const lines = `# a comment line\n${edited}`;
    const { rules, taken } = await session([text, edited, lines]);
    assert.deepEqual(taken, [0, 2, 3]);
    // the rules of `extra` and `other` are the first lowering's objects, moved in place
    for (const i of [2, 3, 4, 5, 6]) {
      assert.equal(rules[1][i], rules[0][i]);
      assert.equal(rules[2][i], rules[0][i]);
    }
    assert.notEqual(rules[1][0], rules[0][0]);
    assert.equal(rules[2][3].handle, 9);
    assert.equal(rules[2][4].span.range.start.line, 13);
    // the same text twice in a chain: each keeps its own object
    assert.notEqual(rules[2][5], rules[2][6]);
    assert.equal(rules[2][6], rules[0][6]);
    assert.equal(rules[2][6].span.range.start.line, 16);
  });

  it('a chain taken whole again adds the same operations, moved along by offsets alone or by lines', async () => {
    const edited = text.replace('tcp dport 22 accept', 'tcp dport 2222 accept');
    const longer = edited.replace('tcp dport 2222 accept', 'tcp dport 22222 accept');
    const lines = `# a comment line\n${longer}`;
    const shorter = lines.replace('tcp dport 22222 accept', 'tcp dport 2 accept');
    // (each lowering is compared with one without the memo, spans included, in `session`)
    const { ops, taken } = await session([text, edited, longer, lines, shorter]);
    assert.deepEqual(taken, [0, 2, 2, 3, 2]);
    // `extra` and `other`: operations made the first time their rules were taken whole, then the same
    for (const i of [2, 3, 4, 5, 6]) {
      assert.notEqual(ops[1][i], ops[0][i]);
      for (const k of [2, 3, 4]) assert.equal(ops[k][i], ops[1][i]);
    }
    assert.equal(ops[4][6].span.range.start.line, 16);
    assert.equal(ops[4][6].span.start, shorter.indexOf('ip saddr 192.0.2.1 counter', shorter.indexOf('ip saddr 192.0.2.1 counter') + 1));
  });

  it('a changed variable: the chain naming it is not taken whole, the others are', async () => {
    const edited = text.replace('{ 22, 80 }', '{ 22, 8080 }');
    const { rules, taken } = await session([text, edited]);
    assert.deepEqual(taken, [0, 2]);
    assert.notEqual(rules[1][2], rules[0][2]);
    assert.equal(rules[1][4], rules[0][4]);
  });

  it('an edit the chain holds, or one that breaks the file: lowered again', async () => {
    const inner = text.replace('udp dport 53 accept', 'udp dport 54 accept');
    const broken = inner.replace('drop', 'drop oops');
    const { taken } = await session([text, inner, broken, inner]);
    assert.deepEqual(taken, [0, 2, 0, 0]);
  });
});

describe("nft parser checks with the memo: a chain's problems taken whole", () => {
  it('an edit in one chain: the other chains are passed over, and their problems read as a fresh check finds them', async () => {
    const langs = await languages();
    const file = '/t/refused.nft';
    const text = readFileSync(path.join(__dirname, 'fixtures/nft-validate/refused.nft'), 'utf8');
    const edited = text.replace('tcp dport 70000 accept', 'tcp dport 70001 accept');
    const lines = `# a line above\n${edited}`;
    assert.notEqual(edited, text);
    const memo = new NftRuleMemo();
    // (which chain declarations the checks found kept)
    const problems = memo.parserProblems;
    const get = problems.get.bind(problems);
    let chainsPassed = 0;
    problems.get = (n) => {
      const v = get(n);
      if (v && n.type === 'chain_declaration') chainsPassed++;
      return v;
    };
    let kept: ParsedText | undefined;
    const passed: number[] = [];
    try {
      for (const t of [text, edited, lines]) {
        const before = chainsPassed;
        const r = lowerNftText(file, t, langs, {
          reuse: {
            previous: kept,
            keep: (tree, mirror) => {
              kept?.tree.delete();
              kept = { text: t, tree, mirror };
            },
          },
          memo,
        });
        const fresh = lowerNftText(file, t, langs);
        assert.deepStrictEqual(r, fresh, 'the same as a lowering without the memo');
        assert.ok(fresh.diagnostics.some((d) => /not a valid IP address/.test(d.message)), 'the file has problems the checks find');
        passed.push(chainsPassed - before);
      }
    } finally {
      kept?.tree.delete();
    }
    // the first text checks every node; then every chain but the edited one is passed over
    assert.equal(passed[0], 0);
    assert.ok(passed[1] >= 3, `chains passed over: ${passed[1]}`);
    assert.ok(passed[2] >= 4, `chains passed over: ${passed[2]}`);
  });
});

describe('LinePlaces: the last text\'s lines found by their place', () => {
  const lines = (text: string): { start: number; end: number }[] => {
    const out: { start: number; end: number }[] = [];
    for (let at = 0; at < text.length; ) {
      const nl = text.indexOf('\n', at);
      const end = nl < 0 ? text.length : nl;
      out.push({ start: at, end });
      at = end + 1;
    }
    return out;
  };
  const last = 'aaa\nbbbb\ncc\ndddd\n';

  it('before and after the change, by place and length; not inside it', () => {
    const places = new LinePlaces<{ start: number; end: number }>();
    places.begin(last);
    for (const l of lines(last)) places.place({ ...l });
    places.end();
    const next = last.replace('cc', 'cxc');
    places.begin(next);
    const found = lines(next).map((l) => places.placedAt(l.start, l.end));
    // (the last text's lines: where they stood there)
    assert.deepEqual(found.map((f) => f?.start), [0, 4, undefined, 12]);
    places.end();
  });

  it('after a reading that stopped midway, the last text\'s lines are forgotten', () => {
    const places = new LinePlaces<{ start: number; end: number }>();
    places.begin(last);
    for (const l of lines(last)) places.place({ ...l });
    places.end();
    const next = `x${last}`;
    places.begin(next);
    const moved = places.placedAt(1, 4)!;
    moved.start = 1;
    moved.end = 4;
    // (no end: the reading stopped; the next one reads the same text again)
    places.begin(next);
    assert.equal(places.placedAt(1, 4), undefined);
    assert.equal(places.placedAt(5, 9), undefined);
  });
});
