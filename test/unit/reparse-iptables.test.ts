/**
 * Incremental parsing of iptables-save texts, as the language server parses an open ruleset on
 * every change (`tree.edit` + `parse(text, oldTree)`, server/src/lsp/documents.ts).
 *
 * The grammar groups a table's lines into hidden chunks and blocks whose ends its scanner picks
 * from the text of the next line (grammars/tree-sitter-iptables/grammar.js, `_body`), and decides
 * what a `!` negates by looking past it. Both make the parser look beyond a token, so an edit must
 * invalidate what it looked at. On the iptables corpus, every rules file of the tests and
 * generated texts (runs of identical lines included), seeded random edits are applied one after
 * the other, each parsed from the previous tree. After every edit of a text without a syntax error,
 * the incremental tree must equal a fresh parse: every node's type, field, offsets and points,
 * named or not. For texts with an error, tree-sitter's error recovery may take another path from
 * an old tree; the syntax diagnostics the language server derives must still be those of a fresh
 * parse at the next valid text.
 *
 * A last case checks that a one-character edit in a 12,000-line table is parsed from the old
 * tree in a few hundred parser steps (tree-sitter's log), not one per line.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { Edit, type Parser, type Tree } from 'web-tree-sitter';
import { editBetween } from '../../server/src/core/syntax/reparse';
import { languages } from '../../server/src/host/assets';
import { rng } from '../compose-diff/gen';
import { textFiles } from './helpers/text-files';
import { treeNodes } from './helpers/tree-nodes';
import { repoRoot, shared } from './fixtures/lower-nft/harness';

interface Input {
  readonly name: string;
  readonly text: string;
}

/** `count` rule lines of a nat table, with a run of `same` identical lines in the middle. */
function generated(count: number, same: number, seed: number): string {
  const rnd = rng(seed);
  const lines = ['*nat', ':PREROUTING ACCEPT [0:0]', ':KUBE-SERVICES - [0:0]'];
  for (let i = 0; i < count; i++) {
    if (i >= count / 2 && i < count / 2 + same) {
      lines.push('-A KUBE-SERVICES -j RETURN');
      continue;
    }
    const a = Math.floor(rnd() * 256);
    const port = 1000 + Math.floor(rnd() * 60000);
    if (rnd() < 0.05) lines.push('');
    else if (rnd() < 0.03) lines.push(`# note ${i}`);
    else lines.push(`-A KUBE-SERVICES -d 10.96.${a}.${i % 256}/32 -p tcp -m comment --comment "ns/svc-${i}:http" -m tcp ! --dport ${port} -j KUBE-SVC-${i}`);
  }
  lines.push('COMMIT', '');
  return lines.join('\n');
}

function inputs(): Input[] {
  const out: Input[] = [];

  out.push(...textFiles(shared, path.join(shared, 'corpus/iptables')), ...textFiles(repoRoot, path.join(repoRoot, 'test'), (f) => /\.(rules|v4|v6)$/.test(f)));
  out.push({ name: 'generated, 400 lines', text: generated(400, 0, 1) });
  out.push({ name: 'generated, 800 lines with 150 identical', text: generated(800, 150, 2) });
  out.push({ name: 'CRLF and non-ASCII', text: '*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -i wlän0 -m comment --comment "Grüße 😀" -j ACCEPT\r\n-A INPUT -s ! 10.0.0.1 -p tcp -m tcp ! --syn -j DROP\r\nCOMMIT\r\n' });
  return out;
}

const INSERTED = ['a', '0', ' ', '\t', '\n', '!', '! ', '-', '--', '#', '"', ':', '/', 'é', '😀', ' -j ACCEPT', ' ! --dport 22', '\n-A INPUT -j DROP\n', 'COMMIT\n', '\r\n'];

/** Texts from `text` on, each one seeded edit away from the one before. */
function edits(text: string, seed: number, count: number, valid: (t: string) => boolean): { what: string; text: string }[] {
  const rnd = rng(seed);
  const pick = (n: number): number => Math.floor(rnd() * n);
  const out: { what: string; text: string }[] = [];
  let t = text;
  let lastValid = valid(text) ? text : undefined;
  const push = (what: string, next: string): void => {
    t = next;
    out.push({ what, text: next });
    if (valid(next)) lastValid = next;
    else if (lastValid !== undefined && rnd() < 0.6) {
      t = lastValid;
      out.push({ what: 'back to the last valid text', text: lastValid });
    }
  };
  while (out.length < count) {
    const kind = pick(7);
    const at = pick(t.length + 1);
    const starts = [0, ...[...t.matchAll(/\n/g)].map((m) => m.index + 1).filter((i) => i < t.length)];
    const line = pick(starts.length);
    const lineStart = starts[line] ?? 0;
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : t.length;
    if (kind <= 1) {
      // most edits are within a line, as typing is
      const end = lineEnd > lineStart && t[lineEnd - 1] === '\n' ? lineEnd - 1 : lineEnd;
      const p = lineStart + pick(end - lineStart + 1);
      const s = kind === 0 ? ' ' : String.fromCharCode(97 + pick(26));
      push(`insert ${JSON.stringify(s)} in line ${line}`, t.slice(0, p) + s + t.slice(p));
    } else if (kind === 2) {
      const s = INSERTED[pick(INSERTED.length)];
      push(`insert ${JSON.stringify(s)} at ${at}`, t.slice(0, at) + s + t.slice(at));
    } else if (kind === 3) {
      const n = 1 + pick(4);
      push(`delete ${n} at ${at}`, t.slice(0, at) + t.slice(at + n));
    } else if (kind === 4) {
      push(`delete line ${line}`, t.slice(0, lineStart) + t.slice(lineEnd));
    } else if (kind === 5) {
      const body = t.slice(lineStart, lineEnd);
      push(`duplicate line ${line}`, t.slice(0, lineEnd) + (body.endsWith('\n') ? body : `\n${body}`) + t.slice(lineEnd));
    } else if (out.length >= 2) {
      push('undo', out[out.length - 2].text);
    }
  }
  return out;
}

describe('incremental parse of edited iptables-save texts', function () {
  this.timeout(600000);
  let parser: Parser;
  before(async () => {
    parser = (await languages()).parser('iptables');
  });
  const fresh = (text: string): Tree => parser.parse(text)!;

  const EDITS = 60;
  let validEdits = 0;
  let errorEdits = 0;
  for (const [k, input] of inputs().entries()) {
    it(`${input.name}: ${EDITS} seeded edits, each parsed from the previous tree`, () => {
      let text = input.text;
      let tree = fresh(text);
      // a fresh parse's dump per text, undefined when it has a syntax error
      const fresher = new Map<string, string[] | undefined>();
      const freshDump = (t: string): string[] | undefined => {
        if (!fresher.has(t)) {
          const f = fresh(t);
          fresher.set(t, f.rootNode.hasError ? undefined : treeNodes(f));
          f.delete();
        }
        return fresher.get(t);
      };
      for (const e of edits(text, 1000 + k, EDITS, (t) => freshDump(t) !== undefined)) {
        const edit = editBetween(text, e.text); // (undefined: the same text)
        if (edit) tree.edit(new Edit(edit));
        const next = parser.parse(e.text, tree)!;
        tree.delete();
        tree = next;
        text = e.text;
        const expected = freshDump(text);
        if (expected) {
          validEdits++;
          assert.equal(tree.rootNode.hasError, false, `${e.what}: the incremental tree has an error, a fresh parse none`);
          assert.deepEqual(treeNodes(tree), expected, `${e.what}: the incremental tree differs from a fresh parse`);
        } else errorEdits++;
      }
      tree.delete();
    });
  }

  it('edited many valid texts', () => {
    assert.ok(validEdits > 1000, `only ${validEdits} valid texts after an edit`);
    assert.ok(errorEdits > 100, `only ${errorEdits} texts with an error after an edit`);
  });

  it('parses a one-character edit of a 12,000-line table in a few hundred parser steps', () => {
    const text = generated(12000, 0, 3);
    const steps: number[] = [];
    for (const where of [0.1, 0.5, 0.9]) {
      const tree = fresh(text);
      const lineStart = text.indexOf('\n-A', Math.floor(text.length * where)) + 1;
      const at = text.indexOf('\n', lineStart);
      const next = text.slice(0, at) + ' ' + text.slice(at);
      tree.edit(new Edit(editBetween(text, next)!));
      let n = 0;
      parser.setLogger((message) => {
        if (message.startsWith('process ')) n++;
      });
      const edited = parser.parse(next, tree)!;
      parser.setLogger(null);
      steps.push(n);
      const f = fresh(next);
      // the whole dump once (it takes seconds at this size), the s-expression each time
      if (where === 0.5) assert.deepEqual(treeNodes(edited), treeNodes(f));
      else assert.equal(edited.rootNode.toString(), f.rootNode.toString());
      for (const t of [tree, edited, f]) t.delete();
    }
    // one step per line would be 12,000; the grouping leaves the chunk and block of the edit, and
    // one step per block (about 50) before it
    for (const n of steps) assert.ok(n < 600, `steps per edit: ${steps.join(', ')}`);
  });
});
