/**
 * host/glob.ts: the files a pattern names, as nft's glob includes list them (glob(3)): wildcards
 * in any part, hidden names only by a written `.`, directories left out, sorted.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { globFiles } from '../../server/src/host/glob';

describe('globFiles', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-glob-'));
    for (const f of ['a/20-b.nft', 'a/10-a.nft', 'a/.hidden.nft', 'a/notes.txt', 'a/x1.nft', 'a/x2.nft', 'b/30-c.nft', 'c [1]/y.nft']) {
      mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
      writeFileSync(path.join(dir, f), '');
    }
    mkdirSync(path.join(dir, 'a', 'sub.nft'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const rel = (pattern: string): string[] => globFiles(path.join(dir, pattern)).map((f) => path.relative(dir, f));

  it('lists the files of a pattern, sorted, without directories or hidden files', () => {
    assert.deepEqual(rel('a/*.nft'), ['a/10-a.nft', 'a/20-b.nft', 'a/x1.nft', 'a/x2.nft']);
    assert.deepEqual(rel('a/.*.nft'), ['a/.hidden.nft']);
  });
  it('takes ?, [...] and [!...], and wildcards in directory parts', () => {
    assert.deepEqual(rel('a/x?.nft'), ['a/x1.nft', 'a/x2.nft']);
    assert.deepEqual(rel('a/x[2-9].nft'), ['a/x2.nft']);
    assert.deepEqual(rel('a/x[!2].nft'), ['a/x1.nft']);
    assert.deepEqual(rel('*/[0-9]*.nft'), ['a/10-a.nft', 'a/20-b.nft', 'b/30-c.nft']);
  });
  it('reads other characters as themselves, and gives nothing when nothing matches', () => {
    // (`[1]` is a bracket expression: it names `c 1`, not the folder `c [1]`)
    assert.deepEqual(rel('c [1]/y.nft'), []);
    assert.deepEqual(rel('c [0-9]/y.nft'), []);
    assert.deepEqual(rel('a/*.conf'), []);
    assert.deepEqual(rel('missing/*.nft'), []);
    assert.deepEqual(rel('a/10-a.nft'), ['a/10-a.nft']);
  });
});
