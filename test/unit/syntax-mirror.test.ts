/**
 * `mirrorTree` (server/src/core/syntax/mirror.ts) against web-tree-sitter's own nodes: on the nft
 * corpus, the lowering's fixtures, the grammar's corpus inputs, texts with syntax errors cut from
 * them (ERROR and MISSING nodes) and a text with CRLF line ends and characters outside ASCII, every
 * node of the mirror must answer what the tree's node answers: type, named, missing, error, offsets,
 * positions, text, parent, children, named children, each field of the language, and
 * `descendantsOfType`. The mirror does not ask anonymous nodes for children: the grammar has no
 * anonymous aliases of rules, checked here too.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';
import { mirrorTree, type SyntaxNode } from '../../server/src/core/syntax/mirror';
import { nftParser, repoRoot, shared } from './fixtures/lower-nft/harness';
import { readCorpus } from './helpers/ts-corpus';

interface Input {
  readonly name: string;
  readonly text: string;
}

function inputs(): Input[] {
  const out: Input[] = [];
  const walk = (dir: string): void => {
    for (const f of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out.push({ name: path.relative(shared, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(shared, 'corpus/nft'));
  const fixtures = path.join(repoRoot, 'test/unit/fixtures/lower-nft');
  for (const f of fs.readdirSync(fixtures).sort()) if (f.endsWith('.nft')) out.push({ name: `fixtures/${f}`, text: fs.readFileSync(path.join(fixtures, f), 'utf8') });
  const grammar = path.join(repoRoot, 'grammars/tree-sitter-nftables/test/corpus');
  for (const f of fs.readdirSync(grammar).sort()) {
    for (const c of readCorpus(fs.readFileSync(path.join(grammar, f), 'utf8'))) out.push({ name: `grammar/${f}: ${c.name}`, text: c.input });
  }
  return out;
}

/** Texts with syntax errors: a stretch cut out of each input at a few places, one character in 97 dropped, a closing brace dropped. */
function broken(all: readonly Input[]): Input[] {
  const out: Input[] = [];
  for (const { name, text } of all) {
    if (text.length < 20) continue;
    for (const k of [3, 5, 7]) {
      const at = Math.floor((text.length * k) / 11);
      out.push({ name: `${name} (cut at ${at})`, text: text.slice(0, at) + text.slice(at + 1 + (k % 4)) });
    }
    // many errors in one tree: one character in 97 dropped
    out.push({ name: `${name} (every 97th character dropped)`, text: [...text].filter((_, i) => i % 97 !== 50).join('') });
    const brace = text.lastIndexOf('}');
    if (brace > 0) out.push({ name: `${name} (last brace dropped)`, text: text.slice(0, brace) + text.slice(brace + 1) });
  }
  return out;
}

const SPECIAL: Input[] = [
  {
    name: 'CRLF and non-ASCII',
    text: 'table inet f {\r\n  chain c { # Grüße, 日本 \r\n    type filter hook input priority 0; policy drop;\r\n    iifname "wlän0" tcp dport { 22, 80 } accept comment "é→"\r\n  }\r\n}\r\n',
  },
  { name: 'missing brace at the end', text: 'table ip t {\n  chain c {\n    tcp dport 22 accept\n' },
  { name: 'empty', text: '' },
];

const DESCENDANT_TYPES: string[][] = [
  ['identifier', 'ipv4_address', 'prefix', 'vmap_statement', 'concatenation', 'set_declaration', 'anonymous_map', 'meta_expression', 'match_statement'],
  ['set_reference', 'verdict_statement', 'verdict', 'chain_binding', 'payload_expression', 'rule'],
  ['string', 'number', 'comment'],
];

function same(m: SyntaxNode | null, t: Node | null, where: string): void {
  if (!m || !t) {
    assert.equal(m === null, t === null, `${where}: one is null`);
    return;
  }
  assert.equal(m.type, t.type, `${where}: type`);
  assert.equal(m.startIndex, t.startIndex, `${where}: startIndex`);
  assert.equal(m.endIndex, t.endIndex, `${where}: endIndex`);
}

function compare(m: SyntaxNode, t: Node, fields: readonly string[], where: string): number {
  let count = 0;
  const stack: [SyntaxNode, Node, string][] = [[m, t, where]];
  while (stack.length) {
    const [a, b, at] = stack.pop()!;
    count++;
    const here = `${at}/${b.type}@${b.startIndex}`;
    same(a, b, here);
    assert.equal(a.isNamed, b.isNamed, `${here}: isNamed`);
    assert.equal(a.isMissing, b.isMissing, `${here}: isMissing`);
    assert.equal(a.hasError, b.hasError, `${here}: hasError`);
    assert.equal(a.text, b.text, `${here}: text`);
    assert.deepEqual({ ...a.startPosition }, { ...b.startPosition }, `${here}: startPosition`);
    assert.deepEqual({ ...a.endPosition }, { ...b.endPosition }, `${here}: endPosition`);
    same(a.parent, b.parent, `${here}: parent`);
    assert.equal(a.childCount, b.childCount, `${here}: childCount`);
    const tc = b.children;
    assert.equal(a.children.length, tc.length, `${here}: children`);
    const tn = b.namedChildren;
    assert.equal(a.namedChildren.length, tn.length, `${here}: namedChildren`);
    a.namedChildren.forEach((c, i) => same(c, tn[i], `${here}: named child ${i}`));
    same(a.child(0), b.child(0), `${here}: child(0)`);
    same(a.child(a.childCount), b.child(b.childCount), `${here}: child(past the end)`);
    for (const f of fields) {
      same(a.childForFieldName(f), b.childForFieldName(f), `${here}: field ${f}`);
      const ms = a.childrenForFieldName(f);
      const ts = b.childrenForFieldName(f);
      assert.equal(ms.length, ts.length, `${here}: children of field ${f}`);
      ms.forEach((c, i) => same(c, ts[i], `${here}: field ${f} #${i}`));
    }
    a.children.forEach((c, i) => stack.push([c, tc[i]!, here]));
  }
  return count;
}

describe('syntax mirror: plain nodes equal to web-tree-sitter nodes', function () {
  this.timeout(600_000);

  it('relies on anonymous nodes being leaves: the grammar aliases no rule to an anonymous name', () => {
    const aliases: string[] = [];
    let all = 0;
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (o.type === 'ALIAS') all++;
        if (o.type === 'ALIAS' && o.named === false) aliases.push(String(o.value));
        Object.values(o).forEach(walk);
      }
    };
    const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, 'grammars/tree-sitter-nftables/src/grammar.json'), 'utf8'));
    assert.ok(Object.keys(grammar.rules).length > 100);
    walk(grammar.rules);
    assert.ok(all > 0, 'the walk reaches the aliases');
    assert.deepEqual(aliases, []);
  });

  it('on the corpus, the fixtures, the grammar tests, their broken variants and special texts', async () => {
    const parser: Parser = await nftParser();
    const base = inputs();
    const all = [...base, ...broken(base), ...SPECIAL];
    const fields = parser.language!.fields.filter((f): f is string => !!f);
    let nodes = 0;
    let errorTrees = 0;
    let missing = 0;
    for (const { name, text } of all) {
      const tree = parser.parse(text)!;
      try {
        const mirror = mirrorTree(tree, text);
        if (tree.rootNode.hasError) errorTrees++;
        nodes += compare(mirror, tree.rootNode, fields, name);
        missing += mirror.descendantsOfType(['ERROR']).length + countMissing(mirror);
        for (const types of DESCENDANT_TYPES) {
          const ms = mirror.descendantsOfType(types);
          const ts = tree.rootNode.descendantsOfType(types);
          assert.equal(ms.length, ts.length, `${name}: descendantsOfType(${types.join(',')})`);
          ms.forEach((c, i) => same(c, ts[i], `${name}: descendantsOfType #${i}`));
        }
        // on a node of its own type: itself first
        const first = mirror.namedChildren[0];
        if (first) {
          const ms = first.descendantsOfType(first.type);
          const ts = tree.rootNode.namedChildren[0]!.descendantsOfType(first.type);
          assert.equal(ms.length, ts.length, `${name}: descendantsOfType of its own type`);
          ms.forEach((c, i) => same(c, ts[i], `${name}: own type #${i}`));
        }
      } finally {
        tree.delete();
      }
    }
    // the comparison covered what it is meant to: many nodes, trees with errors and missing nodes
    assert.ok(all.length > 300, `${all.length} inputs`);
    assert.ok(nodes > 50_000, `${nodes} nodes`);
    assert.ok(errorTrees > 100, `${errorTrees} trees with errors`);
    assert.ok(missing > 50, `${missing} ERROR or MISSING nodes`);
  });
});

function countMissing(root: SyntaxNode): number {
  let n = 0;
  const stack = [root];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.isMissing) n++;
    stack.push(...x.children);
  }
  return n;
}
