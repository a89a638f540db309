/**
 * The worker's warming in idle time (lsp/warmup.ts): when it runs and stops, what it edits, and
 * that a real engine's outcomes are what a fresh engine gives with a warming run in between.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { languages } from '../../server/src/host/assets';
import { Engine, type Job, type Outcome } from '../../server/src/lsp/engine';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { editText, IDLE_MS, QUICK_MS, REHEARSE_WHOLE_MS, ROUNDS, WHOLE_MS, Warmup } from '../../server/src/lsp/warmup';

const COMPOSE = 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n      - "127.0.0.1:5432:5432"\n';
const RULES = 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\ttcp dport 22 accept\n\t}\n}\n';

const job = (dir: string, compose = COMPOSE, rules = RULES): Job => {
  const c = path.join(dir, 'compose.yaml');
  const r = path.join(dir, 'ruleset.nft');
  return {
    entry: { directory: dir, root: dir, composeFiles: [c], rulesets: [r] },
    settings: DEFAULT_SETTINGS,
    overlay: [
      [c, compose],
      [r, rules],
    ],
    versions: [
      [c, 1],
      [r, 1],
    ],
    env: {},
  };
};

const outcome = (ms: number): Outcome => ({ dir: '/p', seq: 's', inputs: [], diagnostics: {}, findings: 0, warnings: 0, errors: 0, ms });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A scratch engine that records what it is given. */
class Recorder {
  readonly seen: (readonly Job[])[] = [];
  constructor(private readonly delayMs = 0) {}
  async analyse(jobs: readonly Job[]): Promise<Outcome[]> {
    this.seen.push(jobs);
    if (this.delayMs) await sleep(this.delayMs);
    return jobs.map(() => outcome(1));
  }
}

/** Runs `body` on a project folder holding COMPOSE and RULES, removed afterwards. */
async function inProject(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-warmup-'));
  try {
    writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    writeFileSync(path.join(dir, 'ruleset.nft'), RULES);
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The real engine's outcomes for two edits of the project in `dir` are a fresh engine's. */
async function nextAsFresh(real: Engine, dir: string): Promise<void> {
  const comparable = (o: Outcome) => ({ diagnostics: o.diagnostics, findings: o.findings, warnings: o.warnings, errors: o.errors, error: o.error });
  for (const next of [job(dir, COMPOSE.replace('8080:80', '9090:80')), job(dir, COMPOSE, RULES.replace('22', '8080'))]) {
    const [a] = await real.analyse([next]);
    const [b] = await new Engine(languages).analyse([next]);
    assert.equal(a.error, undefined);
    assert.ok(a.findings > 0);
    assert.deepEqual(comparable(a), comparable(b));
  }
}

/** A real engine that records the rehearsals it is asked for, each taking `ms`. */
class Rehearsals {
  readonly seen: { jobs: readonly Job[]; file: string; edited: string }[] = [];
  constructor(private readonly ms = 1) {}
  async rehearse(jobs: readonly Job[], file: string, edit: (text: string) => string): Promise<number> {
    const text = jobs[0].overlay.find(([f]) => f === file)![1];
    this.seen.push({ jobs, file, edited: edit(text) });
    return this.ms;
  }
}

describe('warming the analysis up in idle time', function () {
  this.timeout(120000);

  it('edits a line end, or a published host port, and nothing else', () => {
    const spaced = editText('/p/ruleset.nft', RULES, 0);
    assert.equal(spaced.length, RULES.length + 1);
    assert.equal(spaced.replace(/ \n/, '\n'), RULES);
    const port = editText('/p/compose.yaml', COMPOSE, 1);
    assert.equal(port, COMPOSE.replace('"8080:80"', '"8081:80"'));
    // a compose file without a short-syntax port gets a space
    assert.equal(editText('/p/compose.yml', 'services: {}\n', 1), 'services: {} \n');
    // the even edits of a compose file are spaces too
    assert.equal(editText('/p/compose.yaml', COMPOSE, 2).length, COMPOSE.length + 1);
  });

  it('runs only when idle after a quick analysis, alternating an edited copy and the real texts, until its rounds are done', async () => {
    const rec = new Recorder();
    let made = 0;
    const w = new Warmup(() => (made++, rec));
    const jobs = [job('/p')];
    w.idle();
    await sleep(IDLE_MS * 2);
    assert.equal(rec.seen.length, 0, 'no analysis yet: nothing to warm');
    w.analysed(jobs, [outcome(QUICK_MS + 1)]);
    w.idle();
    await sleep(IDLE_MS * 2);
    assert.equal(rec.seen.length, 0, 'a slow workspace is not warmed');
    w.analysed(jobs, [outcome(5)]);
    w.idle();
    for (let i = 0; i < 100 && !w.done; i++) await sleep(20);
    assert.ok(w.done);
    assert.equal(rec.seen.length, ROUNDS);
    assert.equal(made, 1);
    rec.seen.forEach((seen, k) => {
      const changed = seen[0].overlay.filter(([f, t], i) => t !== jobs[0].overlay[i][1] || f !== jobs[0].overlay[i][0]);
      if (k % 2 === 1) assert.equal(seen, jobs, `round ${k}: the real texts`);
      else assert.equal(changed.length, 1, `round ${k}: one document edited`);
    });
    // both documents are edited in turn, the compose file both ways (a space, a port's digit)
    const edits = rec.seen.filter((_, k) => k % 2 === 0).map((s) => s[0].overlay.findIndex(([, t], i) => t !== jobs[0].overlay[i][1]));
    assert.deepEqual([...new Set(edits)].sort(), [0, 1]);
    const composeEdits = rec.seen.filter((_, k) => k % 2 === 0).map((s) => s[0].overlay[0][1]);
    assert.ok(composeEdits.some((t) => t.includes('"8081:80"')));
    assert.ok(composeEdits.some((t) => t.length === COMPOSE.length + 1));
    // done: idle again does nothing
    w.idle();
    await sleep(IDLE_MS * 2);
    assert.equal(rec.seen.length, ROUNDS);
  });

  it('a project whose first (whole) analysis was slow is not warmed, however quick its later rounds', async () => {
    const rec = new Recorder();
    const w = new Warmup(() => rec);
    const jobs = [job('/p')];
    w.analysed(jobs, [outcome(WHOLE_MS + 1)]);
    w.analysed(jobs, [outcome(5)]);
    w.idle();
    await sleep(IDLE_MS * 2);
    assert.equal(rec.seen.length, 0, 'the scratch engine would analyse it whole first');
    // another project, quick from its first analysis on: warmed
    const other = [job('/q')];
    w.analysed(other, [{ ...outcome(5), dir: '/q' }]);
    w.idle();
    for (let i = 0; i < 100 && !w.done; i++) await sleep(20);
    assert.equal(rec.seen.length, ROUNDS);
  });

  it('a request before a run starts puts it off; a run under way goes on to its end, one at a time', async () => {
    const rec = new Recorder(3);
    let made = 0;
    const w = new Warmup(() => (made++, rec));
    w.analysed([job('/p')], [outcome(5)]);
    w.idle();
    w.interrupt();
    await sleep(IDLE_MS * 2);
    assert.equal(rec.seen.length, 0, 'put off before it started');
    w.idle();
    while (rec.seen.length < 3) await sleep(1);
    // requests and their answers (the worker calls interrupt, then idle) while it runs
    for (let i = 0; i < 5; i++) {
      w.interrupt();
      w.idle();
      await sleep(2);
    }
    const at = rec.seen.length;
    await sleep(IDLE_MS / 2);
    assert.ok(rec.seen.length > at, 'the run went on after the requests');
    for (let i = 0; i < 500 && !w.done; i++) await sleep(20);
    // one run: no analysis twice over, one scratch engine
    assert.equal(rec.seen.length, ROUNDS);
    assert.equal(made, 1);
  });

  it('leaves the real engine as it was: its next outcomes are a fresh engine\'s', async () => {
    await inProject(async (dir) => {
    const real = new Engine(languages);
    const first = [job(dir)];
    const outcomes = await real.analyse(first);
    assert.equal(outcomes[0].error, undefined);
    const w = Warmup.of(languages);
    w.analysed(first, [{ ...outcomes[0], ms: 1 }]);
    w.idle();
    for (let i = 0; i < 600 && !w.done; i++) await sleep(20);
    assert.ok(w.done, `${w.rounds} rounds`);
    await nextAsFresh(real, dir);
    });
  });
  it('rehearses each open document of a slow project once, with the texts of its last analysis, and not a quick one', async () => {
    const scratch = new Recorder();
    const real = new Rehearsals();
    const w = new Warmup(() => scratch, real);
    const jobs = [job('/p')];
    w.analysed(jobs, [outcome(5)]);
    w.analysed([job('/q')], [{ ...outcome(WHOLE_MS + 1), dir: '/q' }]);
    // a later analysis of /q with another text: the rehearsal edits that one
    const later = [job('/q', COMPOSE.replace('8080:80', '8090:80'))];
    w.analysed(later, [{ ...outcome(QUICK_MS + 1), dir: '/q' }]);
    w.idle();
    for (let i = 0; i < 100 && real.seen.length < 2; i++) await sleep(20);
    await sleep(IDLE_MS * 2);
    assert.equal(scratch.seen.length, 0, 'the slow project is not warmed with a scratch engine');
    assert.deepEqual(
      real.seen.map((r) => r.file),
      later[0].overlay.map(([f]) => f),
    );
    for (const r of real.seen) {
      assert.equal(r.jobs[0], later[0], 'the last real analysis\'s job');
      const text = later[0].overlay.find(([f]) => f === r.file)![1];
      assert.equal(r.edited, editText(r.file, text, 1));
    }
    assert.ok(real.seen[0].edited.includes('"8091:80"'), 'a published port of the compose file changed');
    assert.equal(w.rehearsals, 2);
    // analysed again: nothing more to rehearse
    w.analysed(later, [{ ...outcome(QUICK_MS + 1), dir: '/q' }]);
    w.idle();
    await sleep(IDLE_MS * 2);
    assert.equal(real.seen.length, 2);
  });

  it('does not rehearse a project whose first analysis took too long, nor go on when a rehearsal costs a whole analysis', async () => {
    const huge = new Rehearsals();
    const w = new Warmup(() => new Recorder(), huge);
    w.analysed([job('/p')], [outcome(REHEARSE_WHOLE_MS + 1)]);
    w.idle();
    await sleep(IDLE_MS * 2);
    assert.equal(huge.seen.length, 0);
    // each rehearsal takes longer than the first analysis did: the first is the last
    const slow = new Rehearsals(WHOLE_MS * 3);
    const v = new Warmup(() => new Recorder(), slow);
    v.analysed([job('/p')], [outcome(WHOLE_MS * 2)]);
    v.idle();
    await sleep(IDLE_MS * 3);
    assert.equal(slow.seen.length, 1);
    v.analysed([job('/p')], [outcome(WHOLE_MS * 2)]);
    v.idle();
    await sleep(IDLE_MS * 2);
    assert.equal(slow.seen.length, 1);
  });

  it('a rehearsal leaves the real engine answering for the real texts: the same queries, the same delta, a fresh engine\'s outcomes', async () => {
    await inProject(async (dir) => {
    const real = new Engine(languages);
    const first = job(dir);
    const [o] = await real.analyse([first]);
    assert.equal(o.error, undefined);
    assert.ok(o.findings > 0);
    const c = path.join(dir, 'compose.yaml');
    const lens = { kind: 'codeLens', dirs: [dir], file: c, version: 1, uri: `file://${c}` } as const;
    const hover = { kind: 'hover', dirs: [dir], file: c, version: 1, position: { line: 4, character: 10 }, isCompose: true } as const;
    const before = [await real.query(lens), await real.query(hover)];
    assert.ok(JSON.stringify(before).includes('8080'), JSON.stringify(before));
    for (const [file] of first.overlay) {
      const ms = await real.rehearse([first], file, (t) => editText(file, t, 1));
      assert.ok(ms >= 0);
    }
    assert.deepEqual([await real.query(lens), await real.query(hover)], before);
    // the caller keeps the outcome it was sent: the same texts again change no file
    const [same] = await real.analyse([{ ...first, have: o.seq }]);
    assert.deepEqual(same.diagnostics, {});
    assert.deepEqual([...(same.unchanged ?? [])].sort(), Object.keys(o.diagnostics).sort());
    await nextAsFresh(real, dir);
    });
  });
});
