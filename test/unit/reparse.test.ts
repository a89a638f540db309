/**
 * Incremental re-parsing (server/src/core/syntax/reparse.ts) through `lowerNftText`'s `reuse`, as
 * the language server's worker lowers an edited ruleset (with the rules the previous text's
 * lowering kept, core/netfilter/nft/rule-memo.ts): on the nft corpus and every `.nft` file of
 * the repository's tests, seeded random edits (characters inserted, text outside the BMP included,
 * deleted, replaced by the next one; digits changed; whole lines deleted and duplicated; comments
 * added; undo; a rule typed character by character, then deleted again) are applied one after the
 * other, each text lowered from the tree the previous one left. After every edit:
 *  - the edit computed between the two texts is the one a character-by-character reading gives;
 *  - the tree the lowering keeps equals a fresh parse of the text: same s-expression, same offsets
 *    and points of every node (named or not), same errors;
 *  - the mirror the lowering keeps (which took the nodes of the previous text's mirror that the
 *    new tree shares) equals a fresh mirror of a fresh tree: every node's type, flags, field,
 *    offsets, points, text, parent and children, and the whole tree's `descendantsOfType`;
 *  - the lowering's value and diagnostics equal those of a lowering without reuse (spans and
 *    their ranges included, also of the rules taken from the previous lowering).
 * A last case checks that the edits were many, many of them valid, and that each was parsed from
 * the previous tree, whose result served whenever the text has no syntax error.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import { lowerNftText } from '../../server/src/core/netfilter/lower-nft';
import { NftRuleMemo } from '../../server/src/core/netfilter/nft/rule-memo';
import type { Languages } from '../../server/src/core/syntax/languages';
import { parseGuard } from '../../server/src/core/syntax/limits';
import { keptIds, mirrorTree, type SyntaxNode } from '../../server/src/core/syntax/mirror';
import { editBetween, type ParsedText } from '../../server/src/core/syntax/reparse';
import { languages } from '../../server/src/host/assets';
import { rng } from '../compose-diff/gen';
import { textFiles } from './helpers/text-files';
import { treeNodes } from './helpers/tree-nodes';
import { repoRoot, shared } from './fixtures/lower-nft/harness';

interface Input {
  readonly name: string;
  readonly text: string;
}

function inputs(): Input[] {
  const out: Input[] = [];

  out.push(...textFiles(shared, path.join(shared, 'corpus/nft')), ...textFiles(repoRoot, path.join(repoRoot, 'test'), (f) => f.endsWith('.nft')));
  out.push({
    name: 'CRLF and non-ASCII',
    text: 'table inet f {\r\n  chain c { # Grüße, 日本 😀\r\n    type filter hook input priority 0; policy drop;\r\n    iifname "wlän0" tcp dport { 22, 80 } accept comment "é→😀"\r\n  }\r\n}\r\n',
  });
  // what the parse guard refuses is never parsed (test/fuzz/regressions' deep trees)
  return out.filter((i) => !parseGuard('/t/ruleset.nft', i.text));
}

const INSERTED = ['a', 'z', '0', '7', ' ', '\t', '\n', '{', '}', ';', '"', '#', '.', '/', ':', ',', '-', '@', '$', 'é', '😀', 'accept', ' drop', 'tcp dport 22 ', '\n}\n', '\r\n'];
const RULE = '\t\tip6 saddr 2001:db8::/32 tcp dport { 80-88, 443 } accept # é';

/**
 * The texts a run of seeded edits goes through, starting from `text` (not included). Most edits
 * break the syntax; as an editor's user would, the run often goes back to the last text without
 * errors (`valid`), so that edits of valid texts are many. With `typing`, one rule is typed.
 */
function edits(text: string, seed: number, count: number, valid: (t: string) => boolean, typing: boolean): { what: string; text: string }[] {
  const rnd = rng(seed);
  const pick = (n: number): number => Math.floor(rnd() * n);
  const out: { what: string; text: string }[] = [];
  const lineStarts = (t: string): number[] => [0, ...[...t.matchAll(/\n/g)].map((m) => m.index + 1).filter((i) => i < t.length)];
  let t = text;
  let typed = !typing;
  let lastValid = valid(text) ? text : undefined;
  const push = (what: string, next: string): void => {
    t = next;
    out.push({ what, text: next });
  };
  const random1 = (what: string, next: string): void => {
    push(what, next);
    if (valid(next)) lastValid = next;
    else if (lastValid !== undefined && rnd() < 0.7) push('back to the last valid text', lastValid);
  };
  while (out.length < count) {
    const kind = pick(9);
    const at = pick(t.length + 1);
    const starts = lineStarts(t);
    const line = pick(starts.length);
    const lineStart = starts[line] ?? 0;
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : t.length;
    if (kind === 0) {
      const s = INSERTED[pick(INSERTED.length)];
      random1(`insert ${JSON.stringify(s)} at ${at}`, t.slice(0, at) + s + t.slice(at));
    } else if (kind === 1) {
      const n = 1 + pick(5);
      random1(`delete ${n} at ${at}`, t.slice(0, at) + t.slice(at + n));
    } else if (kind === 2) {
      const digits = [...t.matchAll(/\d/g)];
      if (!digits.length) continue;
      const d = digits[pick(digits.length)].index;
      random1(`digit at ${d}`, t.slice(0, d) + String(pick(10)) + t.slice(d + 1));
    } else if (kind === 3) {
      random1(`delete line ${line}`, t.slice(0, lineStart) + t.slice(lineEnd));
    } else if (kind === 4) {
      const body = t.slice(lineStart, lineEnd);
      random1(`duplicate line ${line}`, t.slice(0, lineEnd) + (body.endsWith('\n') ? body : `\n${body}`) + t.slice(lineEnd));
    } else if (kind === 5) {
      const end = lineEnd > lineStart && t[lineEnd - 1] === '\n' ? lineEnd - 1 : lineEnd;
      random1(`comment on line ${line}`, t.slice(0, end) + ' # note' + t.slice(end));
    } else if (kind === 6) {
      // a character replaced by the next one (outside the BMP: the same high surrogate, another low one)
      const astral = [...t.matchAll(/[\ud800-\udbff][\udc00-\udfff]/g)];
      const c = astral.length && rnd() < 0.5 ? astral[pick(astral.length)].index : at < t.length && !/[\udc00-\udfff]/.test(t[at]) ? at : -1;
      if (c < 0) continue;
      const cp = t.codePointAt(c)!;
      random1(`next character at ${c}`, t.slice(0, c) + String.fromCodePoint(cp + 1) + t.slice(c + (cp > 0xffff ? 2 : 1)));
    } else if (kind === 7) {
      // undo: back to an earlier text, as an editor's undo does
      if (out.length < 2) continue;
      push('undo', out[out.length - 2].text);
    } else if (!typed) {
      typed = true;
      // a rule typed after a line that holds one (or after the first line), then deleted again
      const ruleLines = starts.filter((s) => /^\s+(ip|tcp|udp|iif|oif|ct|meta|counter|accept|drop)/.test(t.slice(s, s + 40)));
      const s = ruleLines.length ? ruleLines[pick(ruleLines.length)] : (starts[1] ?? t.length);
      const nl = t.indexOf('\n', s);
      const base = nl < 0 ? t.length : nl + 1;
      const before = t;
      const insert = nl < 0 ? `\n${RULE}` : `${RULE}\n`;
      for (let i = 1; i <= insert.length; i++) push(`typing at ${base}: ${i}`, before.slice(0, base) + insert.slice(0, i) + before.slice(base));
      for (let i = insert.length - 1; i >= 0; i -= 5) push(`deleting at ${base}: ${i}`, before.slice(0, base) + insert.slice(0, i) + before.slice(base));
    }
  }
  return out;
}

/** What a node reads: its type, offsets, points and text. */
function nodeReads(n: SyntaxNode): string {
  return `${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column} ${JSON.stringify(n.text)}`;
}

/** Every node of a mirror in pre-order, as text: field, type, flags, offsets, points, text, child count; checks each child's parent. */
function mirrored(root: SyntaxNode): string[] {
  const out: string[] = [];
  const visit = (n: SyntaxNode, field: string | null): void => {
    const [from, to] = [n.startPosition, n.endPosition];
    out.push(`${field ?? ''}:${n.type}${n.isNamed ? '' : '~'}${n.isMissing ? '!' : ''}${n.hasError ? 'E' : ''}@${n.startIndex}-${n.endIndex} ${from.row}:${from.column}-${to.row}:${to.column} ${JSON.stringify(n.text)} ${n.childCount}`);
    for (const c of n.children) {
      assert.equal(c.parent, n, 'a child whose parent is another node');
      visit(c, (c as unknown as { field: string | null }).field);
    }
  };
  visit(root, null);
  return out;
}

/** Node types the whole-tree `descendantsOfType` is compared on (the parser checks' kind of list). */
const SOME_TYPES = ['rule', 'identifier', 'ipv4_address', 'match_statement', 'chain_declaration', 'set_declaration', 'comment'];

/** The point of `index` in `text`, counted plainly: rows end at `\n`, columns in UTF-16 code units. */
function pointOf(text: string, index: number): { row: number; column: number } {
  const rows = text.slice(0, index).split('\n');
  return { row: rows.length - 1, column: rows[rows.length - 1].length };
}

/** `editBetween` against a character-by-character reading of the same two texts. */
function checkEdit(before: string, after: string, where: string): void {
  const e = editBetween(before, after);
  if (before === after) return assert.equal(e, undefined, where);
  assert.ok(e, where);
  let start = 0;
  while (start < Math.min(before.length, after.length) && before[start] === after[start]) start++;
  if (start > 0 && /[\ud800-\udbff]/.test(before[start - 1])) start--;
  let suffix = 0;
  while (suffix < Math.min(before.length, after.length) - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  if (suffix > 0 && /[\udc00-\udfff]/.test(before[before.length - suffix])) suffix--;
  assert.deepEqual(
    e,
    {
      startIndex: start,
      oldEndIndex: before.length - suffix,
      newEndIndex: after.length - suffix,
      startPosition: pointOf(before, start),
      oldEndPosition: pointOf(before, before.length - suffix),
      newEndPosition: pointOf(after, after.length - suffix),
    },
    `${where}: edit`,
  );
}

/** A value as JSON, bigints as strings. */
const json = (v: unknown): string => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));

const EDITS_PER_INPUT = 20;

describe('incremental re-parse of edited nft texts', function () {
  this.timeout(300_000);
  let langs: Languages;
  let counting: Languages;
  const stats = { inputs: 0, edits: 0, fromTree: 0, treeKept: 0, freshErrors: 0, mirrorsTaking: 0, nodesTaken: 0, rulesTaken: 0, chainsTaken: 0 };

  before(async () => {
    langs = await languages();
    const real = langs.parser('nftables');
    // the nftables parser, counting the parses that start from a tree and how they ended
    const parser = {
      parse(text: string, old?: Tree | null): Tree | null {
        const tree = real.parse(text, old);
        if (old) {
          stats.fromTree++;
          if (tree && !tree.rootNode.hasError) stats.treeKept++;
        }
        return tree;
      },
    } as unknown as Parser;
    counting = { nftables: langs.nftables, iptables: langs.iptables, parser: (id) => (id === 'nftables' ? parser : langs.parser(id)) };
  });

  const all = inputs();
  // every node type of the grammar (for the whole mirror's nodes through descendantsOfType)
  let ALL_TYPES: string[] = [];
  before(() => {
    const l = langs.nftables;
    ALL_TYPES = Array.from({ length: l.nodeTypeCount }, (_, i) => l.nodeTypeForId(i)).filter((t): t is string => !!t);
    ALL_TYPES.push('ERROR');
  });
  all.forEach((input, k) => {
    it(`${input.name}: ${EDITS_PER_INPUT} seeded edits${k % 2 === 0 ? ', a rule typed' : ''}`, () => {
      stats.inputs++;
      const file = '/t/ruleset.nft';
      let kept: ParsedText | undefined;
      const keep = (text: string) => (tree: Tree, mirror?: SyntaxNode) => {
        kept?.tree.delete();
        kept = { text, tree, mirror };
      };
      // as the language server's worker lowers: from the previous tree, with the previous text's rules
      const memo = new NftRuleMemo();
      lowerNftText(file, input.text, counting, { reuse: { keep: keep(input.text) }, memo });
      try {
        const valid = (t: string): boolean => {
          const tree = langs.parser('nftables').parse(t);
          const ok = !!tree && !tree.rootNode.hasError;
          tree?.delete();
          return ok;
        };
        for (const [i, e] of edits(input.text, 1000 + k, EDITS_PER_INPUT, valid, k % 2 === 0).entries()) {
          const where = `${input.name}, edit ${i} (${e.what}, seed ${1000 + k})`;
          const previous = kept;
          checkEdit(previous!.text, e.text, where);
          // the previous mirror's nodes (the new mirror may take them), with what they read now
          const before = new Map<SyntaxNode, string>();
          if (previous?.mirror) for (const n of previous.mirror.descendantsOfType(ALL_TYPES)) before.set(n, nodeReads(n));
          const taken = memo.taken;
          const chainsTaken = memo.chainsTaken;
          const reused = lowerNftText(file, e.text, counting, { reuse: { previous, keep: keep(e.text) }, memo });
          stats.rulesTaken += memo.taken - taken;
          stats.chainsTaken += memo.chainsTaken - chainsTaken;
          stats.edits++;
          assert.ok(kept && kept.text === e.text, `${where}: no tree kept`);
          assert.ok(kept.mirror, `${where}: no mirror kept`);
          const fresh = langs.parser('nftables').parse(e.text);
          assert.ok(fresh, `${where}: no fresh tree`);
          try {
            if (fresh.rootNode.hasError) stats.freshErrors++;
            assert.equal(kept.tree.rootNode.toString(), fresh.rootNode.toString(), `${where}: trees differ`);
            assert.deepEqual(treeNodes(kept.tree), treeNodes(fresh), `${where}: node offsets or points differ`);
            const plainMirror = mirrorTree(fresh, e.text);
            assert.deepEqual(mirrored(kept.mirror), mirrored(plainMirror), `${where}: mirrors differ`);
            assert.deepEqual(kept.mirror.descendantsOfType(SOME_TYPES).map((n) => `${n.type}@${n.startIndex}`), plainMirror.descendantsOfType(SOME_TYPES).map((n) => `${n.type}@${n.startIndex}`), `${where}: descendantsOfType differs`);
            const now = kept.mirror.descendantsOfType(ALL_TYPES);
            const taken = now.filter((n) => before.has(n)).length;
            // the nodes left behind still read the previous text where they were
            const mine = new Set(now);
            for (const [n, reads] of before) if (!mine.has(n)) assert.equal(nodeReads(n), reads, `${where}: a node left behind reads otherwise`);
            // the map of ids the next mirror takes from holds this mirror's nodes with children, and only those
            const byId = keptIds(kept.mirror);
            if (!fresh.rootNode.hasError) {
              assert.ok(byId, `${where}: no map of ids`);
              for (const n of byId.values()) assert.ok(mine.has(n) && n.childCount > 0, `${where}: the map holds a node that is not the mirror's`);
              assert.equal(byId.size, now.filter((n) => n !== kept!.mirror && n.isNamed && n.childCount > 0).length, `${where}: the map misses nodes`);
            }
            if (taken > 0) stats.mirrorsTaking++;
            stats.nodesTaken += taken;
          } finally {
            fresh.delete();
          }
          const plain = lowerNftText(file, e.text, langs);
          assert.equal(json(reused.diagnostics), json(plain.diagnostics), `${where}: diagnostics differ`);
          assert.equal(json(reused.value), json(plain.value), `${where}: values differ`);
          assert.deepStrictEqual(reused, plain, `${where}: results differ`);
        }
      } finally {
        kept?.tree.delete();
      }
    });
  });

  it('made many edits, each parsed from the previous tree', () => {
    console.log(`      ${stats.inputs} inputs, ${stats.edits} edits, ${stats.fromTree} parses from a tree, ${stats.treeKept} incremental trees kept, ${stats.freshErrors} texts with syntax errors, ${stats.mirrorsTaking} mirrors that took ${stats.nodesTaken} nodes of the previous one, ${stats.rulesTaken} rules taken from the previous lowering (${stats.chainsTaken} chains' rules taken whole)`);
    assert.equal(stats.inputs, all.length);
    assert.ok(all.length >= 50, `only ${all.length} inputs`);
    assert.ok(stats.edits - stats.freshErrors >= stats.edits / 4, `only ${stats.edits - stats.freshErrors} edited texts without errors`);
    assert.ok(stats.edits >= all.length * EDITS_PER_INPUT, `only ${stats.edits} edits`);
    // every edit is parsed from the previous text's tree
    assert.equal(stats.fromTree, stats.edits, 'parses from a tree');
    // and the incremental tree served, without a fresh parse, for every text without errors (an
    // incremental parse never found an error a fresh one does not)
    assert.equal(stats.treeKept, stats.edits - stats.freshErrors, 'incremental trees kept, against texts without errors');
    // most mirrors of texts without errors took the previous mirror's nodes
    assert.ok(stats.mirrorsTaking >= (stats.edits - stats.freshErrors) / 2 && stats.nodesTaken > 100_000, `${stats.mirrorsTaking} mirrors took ${stats.nodesTaken} nodes`);
    // and the lowerings took most rules from the previous one (each compared with a lowering without it)
    assert.ok(stats.rulesTaken > 10 * stats.edits, `only ${stats.rulesTaken} rules taken from the previous lowering`);
    // most of them with their chain's, without their keys (the chains an edit did not touch)
    assert.ok(stats.chainsTaken > stats.edits, `only ${stats.chainsTaken} chains' rules taken whole`);
  });
});
