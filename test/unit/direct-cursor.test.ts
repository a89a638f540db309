/**
 * `walkCursor` (server/src/core/syntax/direct-cursor.ts) calls web-tree-sitter's runtime directly.
 * Here it walks in lock-step with web-tree-sitter's own cursor over the nft corpus, the fixtures and
 * broken variants of them, and must answer every question the same and move the same. The plain
 * cursor is asked inside `aside`, as every other use of the runtime during a direct walk must be;
 * half-way through each walk a bigger text is parsed inside `aside` too, which grows the runtime's
 * memory on the first inputs (its views of the heap are then new objects).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import { aside, directCursorInUse, walkCursor, type WalkCursor } from '../../server/src/core/syntax/direct-cursor';
import { nftParser, repoRoot, shared } from './fixtures/lower-nft/harness';

function inputs(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const dir = path.join(shared, 'corpus/nft');
  for (const f of fs.readdirSync(dir).sort()) if (fs.statSync(path.join(dir, f)).isFile()) out.push({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  const fixtures = path.join(repoRoot, 'test/unit/fixtures/lower-nft');
  for (const f of fs.readdirSync(fixtures).sort()) if (f.endsWith('.nft')) out.push({ name: f, text: fs.readFileSync(path.join(fixtures, f), 'utf8') });
  // broken: a stretch cut out, so that trees hold ERROR and MISSING nodes
  for (const { name, text } of [...out]) if (text.length > 40) out.push({ name: `${name} (cut)`, text: text.slice(0, text.length >> 1) + text.slice((text.length >> 1) + 7) });
  return out;
}

interface Answers {
  typeId: number;
  fieldId: number;
  missing: boolean;
  id: number;
  start: number;
  end: number;
}

function answers(c: WalkCursor): Answers {
  return { typeId: c.nodeTypeId, fieldId: c.currentFieldId, missing: c.nodeIsMissing, id: c.nodeId, start: c.startIndex, end: c.endIndex };
}

describe('direct tree cursor: the same walk as web-tree-sitter cursor', function () {
  this.timeout(600_000);

  it('is in use in this process (the runtime was started by initRuntime)', async () => {
    const parser = await nftParser();
    const tree = parser.parse('table inet f { chain c { tcp dport 22 accept } }')!;
    try {
      assert.equal(directCursorInUse(tree), true);
    } finally {
      tree.delete();
    }
  });

  it('answers and moves as the plain cursor on the corpus, the fixtures and broken variants', async () => {
    const parser: Parser = await nftParser();
    const all = inputs();
    const big = all.reduce((a, b) => (b.text.length > a.length ? b.text : a), '').repeat(40);
    let nodes = 0;
    let errorTrees = 0;
    for (const { name, text } of all) {
      const tree = parser.parse(text)!;
      if (tree.rootNode.hasError) errorTrees++;
      const direct = walkCursor(tree);
      const plain = aside(direct, () => tree.walk());
      let steps = 0;
      try {
        // a pre-order walk with the three moves, each made on both cursors
        for (let descend = true; ; ) {
          const here = answers(direct);
          assert.deepEqual(here, aside(direct, () => answers(plain)), `${name}: node ${nodes}`);
          assert.equal(direct.currentNode.startIndex, here.start, `${name}: currentNode`);
          nodes++;
          if (++steps === 200) {
            // the runtime is used otherwise in the middle of the walk
            const other: Tree = aside(direct, () => parser.parse(big)!);
            aside(direct, () => other.delete());
          }
          if (descend) {
            const moved = direct.gotoFirstChild();
            assert.equal(moved, aside(direct, () => plain.gotoFirstChild()), `${name}: first child`);
            if (moved) continue;
          }
          const sibling = direct.gotoNextSibling();
          assert.equal(sibling, aside(direct, () => plain.gotoNextSibling()), `${name}: next sibling`);
          if (sibling) {
            descend = true;
            continue;
          }
          const up = direct.gotoParent();
          assert.equal(up, aside(direct, () => plain.gotoParent()), `${name}: parent`);
          if (!up) break;
          descend = false;
          nodes--; // the parent was counted already: only its answers are compared again
        }
      } finally {
        aside(direct, () => plain.delete());
        direct.delete();
        tree.delete();
      }
    }
    assert.ok(nodes > 50_000, `${nodes} nodes`);
    assert.ok(errorTrees > 20, `${errorTrees} trees with errors`);
  });
});
