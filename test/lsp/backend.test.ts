/**
 * The analysis backends: the worker thread and the in-thread engine give the same outcomes, and a
 * worker that cannot run falls back to the server's thread (logged), answering the same round.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LocalBackend, WorkerBackend, workerEntry } from '../../server/src/lsp/backend';
import type { Job } from '../../server/src/lsp/engine';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { languages } from '../../server/src/host/assets';
import { makeWorkspace } from './harness';

describe('LSP: analysis backends', function () {
  this.timeout(30000);
  let dir: string;
  let job: Job;
  before(() => {
    const fixture = path.join(__dirname, 'fixtures', 'pair');
    dir = makeWorkspace({ 'compose.yaml': readFileSync(path.join(fixture, 'compose.yaml'), 'utf8'), 'nftables.conf': readFileSync(path.join(fixture, 'nftables.conf'), 'utf8') });
    const compose = path.join(dir, 'compose.yaml');
    job = {
      entry: { directory: dir, root: dir, composeFiles: [compose], rulesets: [path.join(dir, 'nftables.conf')] },
      settings: DEFAULT_SETTINGS,
      overlay: [],
      versions: [],
      env: {},
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the worker thread and the server thread give identical outcomes', async () => {
    const entry = workerEntry();
    assert.ok(entry, 'the worker entry is found (analysis-worker.ts under tsx)');
    const logs: string[] = [];
    const worker = new WorkerBackend(entry, languages, (m) => logs.push(m));
    const local = new LocalBackend(languages);
    try {
      const [w] = await worker.analyse([job]);
      const [l] = await local.analyse([job]);
      // `seq` names the engine that made the outcome; everything else is the same.
      assert.deepEqual({ ...w, ms: 0, seq: '' }, { ...l, ms: 0, seq: '' });
      // A second round against the outcome held so far: the unchanged files are named, not sent again.
      const [w2] = await worker.analyse([{ ...job, have: w.seq }]);
      assert.deepEqual(w2.diagnostics, {});
      assert.deepEqual([...(w2.unchanged ?? [])].sort(), Object.keys(w.diagnostics).sort());
      // Against an outcome the engine does not know (e.g. after a restart), everything is sent.
      const [w3] = await worker.analyse([{ ...job, have: 'unknown' }]);
      assert.deepEqual(w3.diagnostics, w.diagnostics);
      assert.equal(w3.unchanged, undefined);
      assert.ok(w.diagnostics[path.join(dir, 'compose.yaml')].some((d) => d.code === 'DW001'));
      assert.deepEqual(logs, [], 'no fallback');
    } finally {
      worker.dispose();
    }
  });

  it('a worker that dies falls back to the server thread for the same round', async () => {
    const logs: string[] = [];
    const broken = new WorkerBackend({ file: 'throw new Error("no worker today")', eval: true }, languages, (m) => logs.push(m));
    const [o] = await broken.analyse([job]);
    assert.ok(o.diagnostics[path.join(dir, 'compose.yaml')].some((d) => d.code === 'DW001'));
    assert.ok(logs.some((m) => /analysis worker stopped.*no worker today/.test(m)), logs.join(' | '));
    broken.dispose();
  });
});
