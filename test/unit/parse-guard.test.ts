/**
 * parseGuard against a plain model of its rules (every character read in turn): the same answer
 * (the diagnostic's message and span, or none) on the shared corpus, the lowering fixtures and
 * seeded texts made of the characters the guard looks at (brackets, quotes, escapes, comments,
 * line ends, runs of punctuation).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { CoreDiagnostic } from '../../server/src/core/diagnostics';
import { MAX_NESTING, guardStats, parseGuard } from '../../server/src/core/syntax/limits';
import { LineIndex } from '../../server/src/core/text';

/** The guard's rules, one character at a time (NUL and size are checked alike and left out here). */
function model(file: string, text: string): CoreDiagnostic | undefined {
  const at = (start: number, end: number, message: string): CoreDiagnostic => ({ span: new LineIndex(text).span(file, start, end), severity: 'error', code: 'limit', message });
  const plain = (ch: string): boolean => /[\w\s]/.test(ch);
  let depth = 0;
  let quote = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    run = i > 0 && ch === text[i - 1] && !plain(ch) ? run + 1 : 0;
    if (run >= MAX_NESTING && !quote) return at(i - run, i + 1, `a run of more than ${MAX_NESTING} '${ch}' characters: not parsed (no ruleset has one)`);
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote || ch === '\n') quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if ('([{'.includes(ch)) {
      if (++depth > MAX_NESTING) return at(i, i + 1, `brackets nested deeper than ${MAX_NESTING} levels: not parsed (no ruleset nests this deep)`);
    } else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('parseGuard', () => {
  it('answers as a character-by-character reading on real files', function () {
    this.timeout(120000);
    const root = path.resolve(__dirname, '../..');
    const inputs = [...files(path.resolve(root, '../shared/corpus')), ...files(path.join(root, 'test/unit/fixtures'))].filter((f) => fs.statSync(f).size < 2_000_000);
    assert.ok(inputs.length > 100, `only ${inputs.length} files found`);
    for (const f of inputs) {
      const text = fs.readFileSync(f, 'utf8');
      if (text.includes('\u0000')) continue;
      assert.deepEqual(parseGuard(f, text), model(f, text), f);
    }
  });

  it('answers as a character-by-character reading on seeded texts, and both answers occur', () => {
    const next = rng(20261205);
    const pieces = ['(', ')', '[', ']', '{', '}', '"', "'", '\\', '#', '\n', ' ', 'a', '.', '-', ':', 'é', '\u00a0'];
    const seen = { none: 0, depth: 0, run: 0 };
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const len = Math.floor(next() * 400);
      for (let k = 0; k < len; k++) {
        const r = next();
        if (r < 0.03) text += (next() < 0.5 ? '.' : '-').repeat(100 + Math.floor(next() * 60));
        else if (r < 0.06) text += '('.repeat(100 + Math.floor(next() * 60));
        else text += pieces[Math.floor(next() * pieces.length)];
      }
      const got = parseGuard('seed.txt', text);
      assert.deepEqual(got, model('seed.txt', text), JSON.stringify(text));
      if (!got) seen.none++;
      else if (got.message.startsWith('brackets')) seen.depth++;
      else seen.run++;
    }
    assert.ok(seen.none > 100 && seen.depth > 20 && seen.run > 20, JSON.stringify(seen));
  });

  it("a file's next text: answered from the last one's where one change cannot alter the answer, as a full reading answers", () => {
    const next = rng(20261207);
    const pieces = ['(', ')', '{', '}', '"', "'", '\\', '#', '\n', ' ', 'a', 'b', '7', '.', '-', 'é'];
    const inserts = ['x', '7', ' ', 'ab c', '.', '-', '(', '"', '#', '\\', '\n', 'é', '.'.repeat(60)];
    const kept = guardStats.kept;
    const seen = { kept: 0, none: 0, refused: 0 };
    for (let n = 0; n < 300; n++) {
      // a text the guard lets through, often with runs near the limit, then edits one after the other
      let text = '';
      const len = 50 + Math.floor(next() * 300);
      for (let k = 0; k < len; k++) text += next() < 0.02 ? '.'.repeat(60 + Math.floor(next() * 8)) : pieces[Math.floor(next() * pieces.length)];
      const file = `edit-${n}.txt`;
      for (let e = 0; e < 30; e++) {
        const at = Math.floor(next() * (text.length + 1));
        const cut = next() < 0.5 ? Math.floor(next() * 4) : 0;
        const put = next() < 0.2 && cut > 0 ? '' : inserts[Math.floor(next() * inserts.length)];
        text = text.slice(0, at) + put + text.slice(at + cut);
        const before = guardStats.kept;
        const got = parseGuard(file, text);
        assert.deepEqual(got, model(file, text), JSON.stringify(text));
        if (guardStats.kept > before) seen.kept++;
        if (got) seen.refused++;
        else seen.none++;
      }
    }
    // a change after a backslash: the quote it escaped ends now, and the brackets after it count
    const escaped = `x "\\"${'('.repeat(MAX_NESTING + 1)}"\n`;
    assert.equal(parseGuard('escape.txt', escaped), undefined);
    const unescaped = escaped.replace('\\', '\\a');
    assert.deepEqual(parseGuard('escape.txt', unescaped), model('escape.txt', unescaped));
    assert.ok(parseGuard('escape.txt', unescaped));
    // a deletion joining two runs of the same character into one too long
    const runs = `${'.'.repeat(100)}a${'.'.repeat(100)}\n`;
    assert.equal(parseGuard('runs.txt', runs), undefined);
    assert.ok(parseGuard('runs.txt', runs.replace('a', '')));
    // a quote deleted: what it held counts now
    const quoted = `"${'('.repeat(MAX_NESTING + 1)}"\n`;
    assert.equal(parseGuard('quote.txt', quoted), undefined);
    assert.ok(parseGuard('quote.txt', quoted.slice(1)));
    assert.equal(guardStats.kept - kept, seen.kept);
    assert.ok(seen.kept > 1000 && seen.none > seen.kept && seen.refused > 50, JSON.stringify(seen));
  });

  it('reads a run of millions of equal characters without overflowing the stack', () => {
    // (the first test of the text for a long run once overflowed V8's backtracking stack here)
    const inComment = `# ${'='.repeat(5_000_000)}\n*filter\nCOMMIT\n`;
    assert.equal(parseGuard('long.rules', inComment), undefined);
    const bare = `table inet t { ${'.'.repeat(5_000_000)} }\n`;
    assert.match(parseGuard('long.nft', bare)?.message ?? '', new RegExp(`a run of more than ${MAX_NESTING} '\\.' characters`));
  });
});
