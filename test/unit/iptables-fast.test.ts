/**
 * iptables-fast: the line reader for large iptables-save files against the tree-sitter lowering.
 * For every input the fast path either declines or gives a Result deep-equal to
 * `lowerIptablesText` (value, spans, texts, diagnostics). Inputs: shared/corpus/iptables, the
 * oracle's rule files, Docker's generated listings (shared/docker-golden), the repository's
 * iptables fixtures, the grammar's own test corpus (errors included), generated dumps
 * (bench/gen.ts) and seeded mutations of all of these. Which named files the fast path declines is
 * kept in a golden (UPDATE_GOLDEN=1 rewrites it), so a regression in coverage shows.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { iptablesSave, Rand } from '../../bench/gen';
import type { Result } from '../../server/src/core/diagnostics';
import { RuleMemo, validateIptablesTree } from '../../server/src/core/netfilter/iptables-validate';
import { FAST_PATH_MIN_LENGTH, type LowerIptablesOptions, lowerIptablesFast, lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import type { Fragment } from '../../server/src/core/netfilter/model';
import { type Languages, loadLanguages } from '../../server/src/core/syntax/languages';
import { LineIndex } from '../../server/src/core/text';
import { goldenIptablesBlocks } from './helpers/docker-golden-iptables';
import { readCorpus } from './helpers/ts-corpus';

const repoRoot = path.resolve(__dirname, '../..');
const shared = path.resolve(repoRoot, '../shared');
const goldenFile = path.join(__dirname, 'fixtures/iptables-fast/declined.txt');

type Options = Partial<Omit<LowerIptablesOptions, 'file' | 'text'>>;

interface Input {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  readonly options?: Options;
}

let langs: Languages;

before(async () => {
  const wasm = (f: string) => fs.readFileSync(path.join(repoRoot, f));
  langs = await loadLanguages({
    runtime: fs.readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    nftables: wasm('server/wasm/tree-sitter-nftables.wasm'),
    iptables: wasm('server/wasm/tree-sitter-iptables.wasm'),
  });
});

/** The tree path's Result (the line reader switched off). */
function tree(input: Input): Result<Fragment> {
  return lowerIptablesText(input.file, input.text, langs, input.options, Infinity);
}

/** Compares the two paths on one input; true when the fast path accepted it. */
function same(input: Input): boolean {
  const fast = lowerIptablesFast(input.file, input.text, input.options);
  if (!fast) return false;
  assert.deepStrictEqual(fast, tree(input), input.name);
  if (!input.options) sameValidation(input);
  return true;
}

/**
 * The editor's validation of a text the line reader accepts (validateIptablesTree reads a text
 * without syntax errors by the line reader) gives what reading the tree gives, also with a rule
 * memo kept across all inputs.
 */
function sameValidation(input: Input): void {
  const t = langs.parser('iptables').parse(input.text)!;
  try {
    if (t.rootNode.hasError) return;
    const lines = new LineIndex(input.text);
    const got = validateIptablesTree(t.rootNode, input.file, input.text, lines);
    assert.deepStrictEqual(got, validateIptablesTree(t.rootNode, input.file, input.text, lines, { lineReader: false }), `${input.name}: validation`);
    // with what the validations of the inputs before this one found (their rules' contexts may match)
    assert.deepStrictEqual(validateIptablesTree(t.rootNode, input.file, input.text, lines, { memo }), got, `${input.name}: validation with the rule memo`);
    validated++;
    if (got.length) refused++;
  } finally {
    t.delete();
  }
}
let validated = 0;
const memo = new RuleMemo();
let refused = 0;

const readDir = (dir: string, filter: (f: string) => boolean = () => true): Input[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir).filter(filter).sort().map((f) => ({ name: path.relative(path.dirname(repoRoot), path.join(dir, f)), file: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }))
    : [];

function repoFixtures(): Input[] {
  const out: Input[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(rules|v4|v6|ipt)$/.test(e.name)) out.push({ name: path.relative(repoRoot, p), file: p, text: fs.readFileSync(p, 'utf8') });
    }
  };
  for (const d of ['test/unit/fixtures', 'test/lsp/fixtures', 'test/nvim/fixtures']) if (fs.existsSync(path.join(repoRoot, d))) walk(path.join(repoRoot, d));
  return out;
}

function grammarCases(): Input[] {
  const dir = path.join(repoRoot, 'grammars/tree-sitter-iptables/test/corpus');
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((f) => readCorpus(fs.readFileSync(path.join(dir, f), 'utf8')).map((c) => ({ name: `grammar ${f}: ${c.name}`, file: 't.rules', text: c.input })));
}

function sharedInputs(): Input[] {
  const out = [...readDir(path.join(shared, 'corpus/iptables')), ...readDir(path.join(shared, 'oracle/rules'), (f) => f.endsWith('.ipt'))];
  const golden = path.join(shared, 'docker-golden');
  if (fs.existsSync(golden)) {
    for (const release of fs.readdirSync(golden).sort()) {
      const dir = path.join(golden, release, 'iptables');
      if (!fs.existsSync(dir)) continue;
      for (const doc of fs.readdirSync(dir).sort()) {
        for (const b of goldenIptablesBlocks(fs.readFileSync(path.join(dir, doc), 'utf8'))) {
          out.push({ name: `docker-golden/${release}/${doc}:${b.line}`, file: `${doc}.rules`, text: b.text, options: { table: b.table } });
        }
      }
    }
  }
  return out;
}

/** Small edits that break, bend or keep a line: quotes, `!`, backslashes, tabs, CRLF, glued or lost tokens. */
function mutate(text: string, r: Rand): string {
  const lines = text.split('\n');
  const i = r.int(0, lines.length - 1);
  const words = lines[i].split(' ');
  const j = r.int(0, words.length - 1);
  switch (r.int(0, 13)) {
    case 0:
      words.splice(j, 0, '!');
      break;
    case 1:
      words[j] = `"${words[j]}"`;
      break;
    case 2:
      words.splice(j, 1);
      break;
    case 3:
      words[j] = `${words[j]}${words[j + 1] ?? ''}`;
      words.splice(j + 1, 1);
      break;
    case 4:
      words[j] = `${words[j]}\\`;
      break;
    case 5:
      words.splice(j, 0, r.pick(['#', '-m', '-j', 'COMMIT', '-A', '-N', '42', '--src', '--dport', '-s', '""', '"a b"', '[0:0]', ':']));
      break;
    case 6:
      return lines.map((l) => l.replace(/ /g, r.chance(0.5) ? '\t' : '  ')).join('\n');
    case 7:
      return text.replace(/\n/g, '\r\n');
    case 8:
      lines.splice(i, 1);
      return lines.join('\n');
    case 9:
      lines.splice(i, 0, r.pick(['COMMIT', '*filter', '*nat', '# comment', '   ', ':X - [0:0]', '-N NEW', '-P INPUT DROP', '-F', '-X', '-Z INPUT 3', '-E A B']));
      return lines.join('\n');
    case 10:
      words[j] = `${words[j]}"`;
      break;
    case 11: {
      // one character anywhere in the line
      const at = r.int(0, lines[i].length);
      lines[i] = lines[i].slice(0, at) + r.pick([' ', '\t', '"', "'", '!', '-', '--', '#', '[', ']', ':', ',', '/', '\\', '\r', 'é', '\u00a0', '(', '0', 'x']) + lines[i].slice(at);
      return lines.join('\n');
    }
    case 12: {
      const at = r.int(0, Math.max(0, lines[i].length - 1));
      lines[i] = lines[i].slice(0, at) + lines[i].slice(at + 1);
      return lines.join('\n');
    }
    default:
      return text.trimEnd();
  }
  lines[i] = words.join(' ');
  return lines.join('\n');
}

describe('iptables fast path (line reader) against the tree-sitter lowering', () => {
  it('named inputs: equal or declined; the declined ones match the golden', function () {
    this.timeout(60_000);
    const inputs = [...sharedInputs(), ...repoFixtures(), ...grammarCases()];
    const declined: string[] = [];
    let accepted = 0;
    for (const input of inputs) {
      if (same(input)) accepted++;
      else declined.push(input.name);
    }
    const got = declined.join('\n') + '\n';
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.mkdirSync(path.dirname(goldenFile), { recursive: true });
      fs.writeFileSync(goldenFile, got);
    }
    // Without shared/ only the repository's inputs are compared: check the golden's lines for those.
    const expected = fs.readFileSync(goldenFile, 'utf8');
    const mine = fs.existsSync(shared) ? expected : expected.split('\n').filter((l) => l && !l.startsWith('shared/') && !l.startsWith('docker-golden/')).join('\n') + '\n';
    assert.equal(got, mine);
    assert.ok(accepted > inputs.length / 2, `accepted ${accepted} of ${inputs.length}`);
  });

  it('accepts most of the real-world corpus', function () {
    const corpus = readDir(path.join(shared, 'corpus/iptables'));
    if (!corpus.length) this.skip(); // shared/ is absent
    const accepted = corpus.filter(same).length;
    assert.ok(accepted >= corpus.length * 0.75, `accepted ${accepted} of ${corpus.length}`);
  });

  it('accepts generated dumps and gives the same Result', function () {
    this.timeout(60_000);
    for (const [rules, seed] of [
      [200, 1],
      [1500, 2],
      [3000, 3],
    ]) {
      const text = iptablesSave(rules, seed);
      for (const file of ['gen.rules', 'gen.v6', '/etc/ufw/user.rules']) {
        assert.ok(same({ name: `iptablesSave(${rules}, ${seed}) as ${file}`, file, text }), `declined iptablesSave(${rules}, ${seed}) as ${file}`);
      }
    }
  });

  it('options given by the caller (family, backend, noflush, table) give the same Result', () => {
    const text = fs.readFileSync(path.join(repoRoot, 'test/lsp/fixtures/iptables/rules.v4'), 'utf8');
    const listing = '-P INPUT DROP\n-N X\n-A INPUT -s fe80::1 -j X\n-A X -t nat -p tcp --dport 22 -j ACCEPT\n-X\n-F\n-Z';
    for (const options of [{}, { family: 'ip6' }, { backend: 'legacy' }, { noflush: true }, { table: 'nat' }] as Options[]) {
      assert.ok(same({ name: `rules.v4 ${JSON.stringify(options)}`, file: 'rules', text, options }));
      assert.ok(same({ name: `listing ${JSON.stringify(options)}`, file: 'listing', text: listing, options }));
    }
  });

  it('seeded mutations: equal or declined, and both happen', function () {
    this.timeout(60_000);
    const r = new Rand(Number(process.env.MUTATION_SEED ?? 7));
    const seeds = [...sharedInputs(), ...repoFixtures(), { name: 'gen', file: 'gen.rules', text: iptablesSave(60, 5) }].filter((i) => i.text.length < 40_000);
    let accepted = 0;
    let declined = 0;
    for (let k = 0; k < Number(process.env.MUTATIONS ?? 1500); k++) {
      const base = r.pick(seeds);
      let text = base.text;
      for (let m = r.int(1, 3); m > 0; m--) text = mutate(text, r);
      if (same({ ...base, name: `${base.name} mutation ${k}`, text })) accepted++;
      else declined++;
    }
    assert.ok(accepted > 200 && declined > 200, `accepted ${accepted}, declined ${declined}`);
  });

  it('compared the validation of many texts without syntax errors both ways, refused ones included', () => {
    assert.ok(validated > 300 && refused > 30, `${validated} validations compared, ${refused} with diagnostics`);
  });

  it('declines what it cannot read exactly', () => {
    for (const text of [
      '*filter\n-A INPUT -j ACCEPT\n', // no COMMIT
      '*filter\n-A INPUT -m comment --comment "a \\" b" -j ACCEPT\nCOMMIT\n', // backslash in a string
      '*filter\n-A INPUT -j ACCEPT # trailing\nCOMMIT\n',
      '*filter\n-A INPUT --dport=22 -j ACCEPT\nCOMMIT\n',
      '*filter\n-A INPUT ! -m tcp -j ACCEPT\nCOMMIT\n',
      '*filter\r-A INPUT -j ACCEPT\nCOMMIT\n', // a lone CR
      '\ufeff*filter\n-A INPUT -j ACCEPT\nCOMMIT\n', // BOM
      'iptables -A INPUT -j ACCEPT\n',
      '*filter\n*nat\nCOMMIT\n',
      ':INPUT ACCEPT [0:0]\n',
      '*filter\\\n-A INPUT -j "ACCEPT\nCOMMIT\n', // not a table: the lowering would skip (and never read) its lines
    ]) {
      assert.equal(lowerIptablesFast('t.rules', text), undefined, JSON.stringify(text));
    }
  });

  it('lazy spans read like plain ones (deep equality, JSON, spreads, structured clones)', () => {
    const lines = new LineIndex('*filter\r\n-A INPUT -j ACCEPT\nCOMMIT');
    for (const [a, b] of [[0, 7], [9, 27], [28, 34], [34, 34]]) {
      const lazy = lines.lazySpan('f', a, b);
      const plain = lines.span('f', a, b);
      assert.deepStrictEqual(lazy, plain);
      assert.equal(JSON.stringify(lazy), JSON.stringify(plain));
      assert.deepStrictEqual({ ...lazy }, plain);
      assert.deepStrictEqual(structuredClone(lazy), plain);
      assert.deepStrictEqual(Object.keys(lazy), Object.keys(plain));
    }
  });

  it('LineIndex: texts without \\r (indexOf path) get the positions of the character loop', () => {
    const text = iptablesSave(300) + '\n\n-A X\n';
    const fast = new LineIndex(text);
    const general = new LineIndex(text + '\r'); // a \r anywhere takes the loop
    assert.equal(general.lineCount, fast.lineCount + 1);
    for (let o = 0; o <= text.length; o += 97) assert.deepStrictEqual(fast.position(o), general.position(o));
    assert.deepStrictEqual(fast.position(text.length), general.position(text.length));
  });

  it('lowerIptablesText takes the line reader first at every size, with the same Result as the tree', function () {
    this.timeout(60_000);
    // a small dump and one over 1 MB: the text entry takes the fast path; the tree path forced
    // with the line reader switched off, and counted through a languages object that only parses
    for (const n of [300, 8000]) {
      const text = iptablesSave(n);
      assert.ok(text.length > FAST_PATH_MIN_LENGTH);
      const viaText = lowerIptablesText('big.rules', text, langs);
      const fast = lowerIptablesFast('big.rules', text);
      assert.ok(fast, `the line reader takes the ${n}-rule dump`);
      assert.deepStrictEqual(viaText, fast);
      assert.deepStrictEqual(viaText, lowerIptablesText('big.rules', text, langs, {}, Infinity));
      let parsed = 0;
      const counting: Languages = { ...langs, parser: (id) => (parsed++, langs.parser(id)) };
      lowerIptablesText('big.rules', text, counting);
      assert.equal(parsed, 0, 'the tree was parsed although the fast path accepted the file');
      lowerIptablesText('big.rules', text.replace('COMMIT', '-A INPUT -j ACCEPT # x\nCOMMIT'), counting);
      assert.equal(parsed, 1, 'a declined file goes to the tree');
    }
  });
});
