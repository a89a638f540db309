/**
 * The analysis backends: the worker thread and the in-thread engine give the same outcomes, and a
 * worker that cannot run falls back to the server's thread (logged), answering the same round. An
 * engine that keeps a ruleset's tree across edits gives the outcomes a new engine gives.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LocalBackend, WorkerBackend, workerEntry } from '../../server/src/lsp/backend';
import { Engine, type Job } from '../../server/src/lsp/engine';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import type { Parser, Tree } from 'web-tree-sitter';
import type { Languages } from '../../server/src/core/syntax/languages';
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

  it('an engine parsing each edit of a ruleset from the tree it kept answers as a new engine', async () => {
    const file = path.join(dir, 'nftables.conf');
    const base = readFileSync(file, 'utf8');
    const rule = '\t\ttcp dport 5432 drop comment "PostgreSQL is private"\n';
    const at = base.indexOf(rule);
    assert.ok(at > 0, 'the fixture holds the rule edited here');
    const texts = [
      base.slice(0, at) + base.slice(at + rule.length), // rule deleted
      base, // and back
      base.replace('5432 drop', '5433 drop'),
      base.replace('{ 22, 443 }', '{ 22, 443, 5432 }'),
      base.replace('{ 22, 443 }', '{ 22, 443, 5432 '), // a syntax error
      base.replace('{ 22, 443 }', '{ 22, 443, 5432 }'),
      base.slice(0, at) + rule + rule + base.slice(at), // rule duplicated
      null, // the project goes away: the engine forgets its lowerings
      base,
    ];
    // the kept engine's nftables parser counts the parses that start from a tree
    const langs = await languages();
    const real = langs.parser('nftables');
    let fromTree = 0;
    const parser = { parse: (t: string, old?: Tree | null) => (old && fromTree++, real.parse(t, old)) } as unknown as Parser;
    const counting: Languages = { ...langs, parser: (id) => (id === 'nftables' ? parser : langs.parser(id)) };
    const kept = new Engine(async () => counting);
    const outcomes: string[] = [];
    let expected = 0;
    let lowered = false;
    for (const text of texts) {
      if (text === null) {
        kept.retain([]);
        lowered = false;
        continue;
      }
      if (lowered) expected++;
      lowered = true;
      const edited: Job = { ...job, overlay: [[file, text]] };
      const [k] = await kept.analyse([edited]);
      kept.retain([dir]); // as the server does after a round: the project's lowerings stay
      const [n] = await new Engine(languages).analyse([edited]);
      assert.equal(k.error, undefined);
      assert.deepEqual({ ...k, ms: 0, seq: '' }, { ...n, ms: 0, seq: '' }, text);
      outcomes.push(JSON.stringify(k.diagnostics[file] ?? []));
    }
    assert.equal(fromTree, expected, 'each edit parsed from the tree of the text before it, none after the engine forgot the file');
    // the edits changed what is reported on the ruleset
    assert.ok(new Set(outcomes).size >= 3, `${new Set(outcomes).size} distinct outcomes`);
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
