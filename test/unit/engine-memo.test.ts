/**
 * The language server's engine keeps what it loaded (the lowering per ruleset text, the admin-only
 * baseline, the compose project per options and answers of the reader, the previous analysis): after
 * each edit in a sequence — the compose file, the `.env` it reads on disk, the ruleset — its outcome
 * must be exactly a fresh engine's outcome for the same files.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { languages } from '../../server/src/host/assets';
import { Engine, type Job, type Outcome, samePlain } from '../../server/src/lsp/engine';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';

const RULES = `table inet filter {
\tchain input {
\t\ttype filter hook input priority 0; policy drop;
\t\tct state established,related accept
\t\ttcp dport 22 accept
\t}
}
`;

const COMPOSE = `services:
  web:
    image: nginx
    ports:
      - "\${WEB_PORT}:80"
  db:
    image: postgres
    ports:
      - "127.0.0.1:5432:5432"
`;

/** A job of one compose file and one ruleset, both open at `version`. */
function twoFiles(dir: string, compose: string, composeText: string, rules: string, rulesText: string, version: number, settings: Job['settings']): Job {
  return {
    entry: { directory: dir, root: dir, composeFiles: [compose], rulesets: [rules] },
    settings,
    overlay: [
      [compose, composeText],
      [rules, rulesText],
    ],
    versions: [
      [compose, version],
      [rules, version],
    ],
    env: {},
  };
}

/** Runs `body` in a new folder (removed afterwards) with the paths of a compose file and a ruleset in it. */
async function inTempDir(prefix: string, body: (paths: { dir: string; compose: string; rules: string }) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  try {
    await body({ dir, compose: path.join(dir, 'compose.yaml'), rules: path.join(dir, 'ruleset.nft') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('engine: kept loads give what a fresh engine gives', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-engine-memo-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('after edits of the compose file, its .env on disk and the ruleset', async () => {
    const compose = path.join(dir, 'compose.yaml');
    const rules = path.join(dir, 'ruleset.nft');
    const env = path.join(dir, '.env');
    let composeText = COMPOSE;
    let rulesText = RULES;
    writeFileSync(compose, composeText);
    writeFileSync(rules, rulesText);
    writeFileSync(env, 'WEB_PORT=8080\n');
    const kept = new Engine(languages);
    let settings = DEFAULT_SETTINGS;
    let version = 1;
    const job = (): Job => twoFiles(dir, compose, composeText, rules, rulesText, version, settings);
    const comparable = (o: Outcome) => ({ diagnostics: o.diagnostics, findings: o.findings, warnings: o.warnings, errors: o.errors, error: o.error });
    const messages: string[] = [];
    const step = async (what: string): Promise<void> => {
      version++;
      const [a] = await kept.analyse([job()]);
      const [b] = await new Engine(languages).analyse([job()]);
      assert.equal(a.error, undefined, `${what}: ${a.error}`);
      assert.deepEqual(comparable(a), comparable(b), what);
      messages.push(Object.values(a.diagnostics).flat().map((d) => d.message).join('\n'));
    };
    await step('open');
    rulesText = RULES.replace('tcp dport 22 accept', 'tcp dport 22 accept\n\t\ttcp dport 443 accept');
    await step('a rule added');
    writeFileSync(env, 'WEB_PORT=9090\n');
    await step('.env changed on disk');
    composeText = COMPOSE.replace('127.0.0.1:5432:5432', '5432:5432');
    await step('a port unbound from loopback');
    rulesText = `# a comment\n${rulesText}`;
    await step('every rule moved');
    writeFileSync(env, 'WEB_PORT=8080\n');
    await step('.env changed back');
    settings = { ...DEFAULT_SETTINGS, dockerVersion: '20.10' };
    await step('another Docker release');
    settings = { ...DEFAULT_SETTINGS, backend: 'nftables' };
    await step('the nftables backend');
    // the outcomes follow the edits: the .env's port and the unbound port show in the findings
    assert.ok(messages[0].includes('8080') && !messages[0].includes('9090'), messages[0]);
    assert.ok(messages[2].includes('9090'), messages[2]);
    assert.ok(!messages[2].includes('5432') && messages[3].includes('5432'), messages[3]);
    assert.ok(messages[5].includes('8080') && !messages[5].includes('9090'), messages[5]);
    // the release reaches Docker's rules: the findings name it
    assert.ok(messages[6].includes('Docker 20.10') && !messages[5].includes('Docker 20.10'), messages[6]);
  });
});

describe('engine: the files a ruleset includes', function () {
  this.timeout(120000);

  it('are read (on disk, or open), are inputs of the project, and an edit of one is analysed again', async () => {
    await inTempDir('dw-engine-include-', async ({ dir, compose, rules }) => {
      const extra = path.join(dir, 'rules.d', 'extra.nft');
      mkdirSync(path.dirname(extra));
      const composeText = COMPOSE.replace('${WEB_PORT}', '8080');
      const rulesText = RULES.replace('tcp dport 22 accept', 'tcp dport 22 accept\n\t\tjump extra').replace('table inet filter', 'include "./rules.d/*.nft"\ntable inet filter');
      const extraText = (verdict: string): string => `table inet filter {\n\tchain extra {\n\t\ttcp dport 8080 ${verdict}\n\t}\n}\n`;
      writeFileSync(compose, composeText);
      writeFileSync(rules, rulesText);
      writeFileSync(extra, extraText('accept'));
      const kept = new Engine(languages);
      let version = 0;
      const run = async (overlay: [string, string][] = []): Promise<Outcome> => {
        version++;
        const job = twoFiles(dir, compose, composeText, rules, rulesText, version, DEFAULT_SETTINGS);
        const withExtra: Job = { ...job, overlay: [...job.overlay, ...overlay] };
        const [a] = await kept.analyse([withExtra]);
        const [b] = await new Engine(languages).analyse([withExtra]);
        assert.equal(a.error, undefined, a.error);
        assert.deepEqual(a.diagnostics, b.diagnostics);
        return a;
      };
      const text = (o: Outcome): string => Object.values(o.diagnostics).flat().map((d) => d.message).join('\n');
      const open = await run();
      assert.ok(open.inputs.includes(extra), open.inputs.join(', '));
      assert.doesNotMatch(text(open), /not followed|was not read/);
      assert.match(text(open), /your rules alone accept it too, `tcp dport 8080 accept`/);
      // the included file changed on disk: the ruleset's text is the same, its lowering is not kept
      writeFileSync(extra, extraText('drop'));
      const onDisk = await run();
      assert.doesNotMatch(text(onDisk), /your rules alone accept it too/);
      // open in the editor with other text
      const edited = await run([[extra, extraText('accept')]]);
      assert.match(text(edited), /your rules alone accept it too, `tcp dport 8080 accept`/);
    });
  });
});

describe("engine: a file's diagnostics as the worker sends them (changed files only) follow the edits", function () {
  this.timeout(120000);

  it('a finding kept across edits (a chain that never runs) moves with lines added and removed above it', async () => {
    await inTempDir('dw-engine-kept-finding-', async ({ dir, compose, rules }) => {
      const composeText = COMPOSE.replace('${WEB_PORT}', '8080');
      const base = RULES.replace('\t}\n}\n', '\t}\n\tchain orphan {\n\t\ttcp dport 99 drop\n\t}\n}\n');
      const kept = new Engine(languages);
      let version = 0;
      let have: string | undefined;
      /** What the client holds: each file's diagnostics as last sent. */
      const held = new Map<string, unknown>();
      const edits = [base, `# one line\n${base}`, `# two\n# lines\n${base}`, base, base.replace('tcp dport 22', 'tcp dport 2222')];
      for (const [i, rulesText] of edits.entries()) {
        version++;
        const job: Job = { ...twoFiles(dir, compose, composeText, rules, rulesText, version, DEFAULT_SETTINGS), ...(have ? { have } : {}) };
        const [a] = await kept.analyse([job]);
        const [b] = await new Engine(languages).analyse([{ ...job, have: undefined }]);
        assert.equal(a.error, undefined, a.error);
        have = a.seq;
        for (const [f, list] of Object.entries(a.diagnostics)) held.set(f, list);
        const dw005 = (b.diagnostics[rules] ?? []).filter((d) => d.code === 'DW005');
        assert.equal(dw005.length, 1, `edit ${i}: the orphan chain`);
        assert.equal(dw005[0].range.start.line, rulesText.split('\n').findIndex((l) => l.includes('chain orphan')), `edit ${i}: where a fresh engine puts it`);
        for (const f of [rules, compose]) assert.deepEqual(held.get(f), b.diagnostics[f], `edit ${i}: ${path.basename(f)} as held`);
      }
    });
  });
});

describe('engine: samePlain (whether a file\'s diagnostics changed since they were sent)', () => {
  /** JSON with members sorted and undefined ones left out: what the client would be sent, member order aside. */
  const canonical = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

  it('says what their JSON says, on a real analysis\'s diagnostics and changed copies of them', async () => {
    await inTempDir('dw-same-plain-', async ({ dir, compose, rules }) => {
      writeFileSync(compose, COMPOSE.replace('${WEB_PORT}', '8080'));
      writeFileSync(rules, RULES);
      const [o] = await new Engine(languages).analyse([
        { entry: { directory: dir, root: dir, composeFiles: [compose], rulesets: [rules] }, settings: DEFAULT_SETTINGS, overlay: [], versions: [], env: {} } as unknown as Job,
      ]);
      assert.equal(o.error, undefined, o.error);
      const all = Object.values(o.diagnostics).flat();
      assert.ok(all.length >= 2, `${all.length} diagnostics`);
      const variants = (d: unknown): unknown[] => {
        const copy = (): Record<string, any> => JSON.parse(JSON.stringify(d));
        const moved = copy();
        moved.range.start.character++;
        const reworded = copy();
        reworded.message += '.';
        const fewer = copy();
        delete fewer.code;
        const withUndefined = { ...copy(), extra: undefined };
        const reordered = Object.fromEntries(Object.entries(copy()).reverse());
        const related = copy();
        related.relatedInformation = [...(related.relatedInformation ?? []), { location: { uri: 'file:///x', range: related.range }, message: 'x' }];
        return [copy(), moved, reworded, fewer, withUndefined, reordered, related, null, [d], 'text'];
      };
      let same = 0;
      let differ = 0;
      for (const d of all)
        for (const v of [...variants(d), ...all]) {
          const expected = canonical(d) === canonical(v);
          assert.equal(samePlain(d, v), expected, `${canonical(d)} against ${canonical(v)}`);
          assert.equal(samePlain([d, d], [d, v]), expected);
          if (expected) same++;
          else differ++;
        }
      assert.ok(same >= 4 * all.length && differ >= 5 * all.length, `${same} same, ${differ} different`);
    });
  });
});
