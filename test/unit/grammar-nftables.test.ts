/**
 * The nftables tree-sitter grammar, checked three ways:
 *  (a) the committed wasm parses every real-world ruleset in ../shared (corpus, seed article, oracle
 *      rules) without ERROR or MISSING nodes, and a generated 1 MB ruleset fast enough;
 *  (b) the grammar's own corpus (grammars/tree-sitter-nftables/test/corpus/*.txt) gives the expected
 *      field-named trees through web-tree-sitter, so it runs without the tree-sitter CLI;
 *  (c) the Node binding builds with node-gyp and parses with the native `tree-sitter` package
 *      (skipped when no C++ compiler or node-gyp is available).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Language, Parser, Query, type Node as SyntaxNode } from 'web-tree-sitter';
import { initRuntime } from '../../server/src/core/syntax/languages';
import { readGrammarBytes } from '../../server/src/host/assets';

const repoRoot = path.resolve(__dirname, '../..');
const shared = path.resolve(repoRoot, '../shared');
const grammarDir = path.join(repoRoot, 'grammars/tree-sitter-nftables');
const wasmPath = path.join(repoRoot, 'server/wasm/tree-sitter-nftables.wasm');

/**
 * Corpus files that do not parse, with the reason (test/unit/fixtures/corpus-known-failures.json).
 * The test fails if one of them starts parsing cleanly.
 */
const KNOWN_FAILURES: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/corpus-known-failures.json'), 'utf8')).nft;

let parser: Parser;

async function nftParser(): Promise<Parser> {
  if (!parser) {
    await initRuntime(readGrammarBytes().runtime);
    const language = await Language.load(fs.readFileSync(wasmPath));
    parser = new Parser();
    parser.setLanguage(language);
  }
  return parser;
}

/** ERROR and MISSING nodes, as `line:column kind` strings (1-based). */
function syntaxProblems(root: SyntaxNode): string[] {
  const out: string[] = [];
  const visit = (n: SyntaxNode): void => {
    if (n.type === 'ERROR' || n.isMissing) {
      out.push(`${n.startPosition.row + 1}:${n.startPosition.column + 1} ${n.isMissing ? `MISSING ${n.type}` : 'ERROR'}`);
      return;
    }
    if (n.hasError) for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** The `nft list ruleset` dumps quoted in the seed article: each starts at a `table` line and ends where braces close and no further table follows. */
function extractRulesets(article: string): string[] {
  const lines = article.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^table \S+ \S+ \{$/.test(lines[i])) continue;
    const block: string[] = [];
    let depth = 0;
    let j = i;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (depth === 0 && line.trim() !== '' && !line.startsWith('table ')) break;
      block.push(line);
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    }
    out.push(block.join('\n').trimEnd() + '\n');
    i = j;
  }
  return out;
}

interface CorpusCase {
  readonly file: string;
  readonly name: string;
  readonly input: string;
  readonly expected: string;
}

/** Reader for tree-sitter's corpus format: `===` name `===`, input, `---`, expected S-expression. */
export function readCorpus(file: string, text: string): CorpusCase[] {
  const lines = text.split('\n');
  const cases: CorpusCase[] = [];
  let i = 0;
  const isHeader = (l: string | undefined): boolean => l !== undefined && /^={3,}\s*$/.test(l);
  while (i < lines.length) {
    if (!isHeader(lines[i])) {
      i++;
      continue;
    }
    const nameLines: string[] = [];
    i++;
    while (i < lines.length && !isHeader(lines[i])) nameLines.push(lines[i++]);
    i++;
    const input: string[] = [];
    while (i < lines.length && !/^-{3,}\s*$/.test(lines[i])) input.push(lines[i++]);
    i++;
    const expected: string[] = [];
    while (i < lines.length && !(isHeader(lines[i]) && lines[i + 2] !== undefined)) expected.push(lines[i++]);
    cases.push({ file, name: nameLines.join(' ').trim(), input: input.join('\n').replace(/\n$/, ''), expected: expected.join('\n') });
  }
  return cases;
}

/** Whitespace-insensitive S-expression form. */
function normalizeSexp(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
}

/** A synthetic ruleset of about `bytes` bytes in the shapes real files use. */
function bigRuleset(bytes: number): string {
  const parts: string[] = ['flush ruleset\ndefine wan = "eth0"\n'];
  let size = parts[0].length;
  for (let t = 0; size < bytes; t++) {
    const rules: string[] = [];
    for (let r = 0; r < 200; r++) {
      const n = t * 200 + r;
      rules.push(
        `\t\tiifname $wan ip saddr 10.${n % 256}.${r}.0/24 tcp dport { 22, ${1000 + r}-${2000 + r} } ct state new counter packets ${n} bytes ${n * 60} accept comment "rule ${n}"`,
        `\t\tmeta l4proto . th dport vmap { tcp . ${r} : jump c${r % 7}, udp . 53 : accept }`,
        `\t\tip6 daddr 2001:db8::${(n % 65535).toString(16)} limit rate over ${r + 1}/second burst 5 packets log prefix "x " drop`,
      );
    }
    const table = `table inet t${t} {\n\tset s${t} {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 10.0.0.0/8, 192.168.${t % 256}.1-192.168.${t % 256}.9 }\n\t}\n\tchain input {\n\t\ttype filter hook input priority filter - 1; policy drop;\n${rules.join('\n')}\n\t}\n}\n`;
    parts.push(table);
    size += table.length;
  }
  return parts.join('');
}

describe('nftables grammar (web-tree-sitter)', function () {
  describe('real rulesets from ../shared', function () {
    before(function () {
      if (!fs.existsSync(shared)) this.skip();
    });

    it('parses every corpus file without ERROR or MISSING nodes (known failures listed)', async function () {
      const corpusDir = path.join(shared, 'corpus/nft');
      if (!fs.existsSync(corpusDir)) this.skip();
      const p = await nftParser();
      const files = filesUnder(corpusDir);
      assert.ok(files.length >= 50, `expected the nft corpus, found ${files.length} files`);
      const unexpected: string[] = [];
      const stillFailing = new Set<string>();
      for (const file of files) {
        const rel = path.relative(corpusDir, file);
        const tree = p.parse(fs.readFileSync(file, 'utf8'));
        assert.ok(tree, rel);
        const problems = syntaxProblems(tree.rootNode);
        if (problems.length === 0) continue;
        if (rel in KNOWN_FAILURES) stillFailing.add(rel);
        else unexpected.push(`${rel}: ${problems.slice(0, 5).join(', ')}`);
      }
      assert.deepEqual(unexpected, [], 'corpus files with syntax errors');
      const fixed = Object.keys(KNOWN_FAILURES).filter((f) => !stillFailing.has(f));
      assert.deepEqual(fixed, [], 'known failures that now parse: remove them from KNOWN_FAILURES');
    });

    it('parses the three Docker 24 `nft list ruleset` dumps of the seed article', async function () {
      const seedDir = path.join(shared, 'seed');
      if (!fs.existsSync(seedDir)) this.skip();
      const p = await nftParser();
      const rulesets = filesUnder(seedDir).flatMap((f) => extractRulesets(fs.readFileSync(f, 'utf8')));
      assert.equal(rulesets.length, 3, 'the article quotes three rulesets');
      for (const [i, text] of rulesets.entries()) {
        const tree = p.parse(text);
        assert.ok(tree);
        assert.deepEqual(syntaxProblems(tree.rootNode), [], `seed ruleset ${i + 1}`);
        // Both tables, with their base chains and the DNAT rule where Docker publishes a port.
        const tables = tree.rootNode.descendantsOfType('table_declaration');
        assert.deepEqual(tables.map((t) => t?.childForFieldName('name')?.text), ['nat', 'filter']);
        const hooks = tree.rootNode.descendantsOfType('hook_spec').map((h) => h?.childForFieldName('hook')?.text);
        assert.deepEqual(hooks, ['postrouting', 'prerouting', 'output', 'forward']);
        const dnat = tree.rootNode.descendantsOfType('nat_statement').filter((n) => n?.childForFieldName('kind')?.type === 'dnat');
        assert.equal(dnat.length, i === 0 ? 0 : 1, `seed ruleset ${i + 1} DNAT rules`);
      }
    });

    it('parses the oracle rule files', async function () {
      const rulesDir = path.join(shared, 'oracle/rules');
      if (!fs.existsSync(rulesDir)) this.skip();
      const p = await nftParser();
      const files = filesUnder(rulesDir).filter((f) => f.endsWith('.nft'));
      assert.ok(files.length > 0);
      for (const file of files) {
        const tree = p.parse(fs.readFileSync(file, 'utf8'));
        assert.ok(tree);
        assert.deepEqual(syntaxProblems(tree.rootNode), [], path.basename(file));
      }
    });
  });

  describe('tree shape', function () {
    it('gives the command form and the block form the same rule subtree', async function () {
      const p = await nftParser();
      const rule = 'iifname != "docker0" meta l4proto tcp tcp dport 8080 counter dnat to 172.17.0.2:8080';
      const command = p.parse(`add rule ip nat DOCKER ${rule}\n`);
      const block = p.parse(`table ip nat {\n\tchain DOCKER {\n\t\t${rule}\n\t}\n}\n`);
      const a = command?.rootNode.descendantsOfType('rule').find((n) => n?.isNamed);
      const b = block?.rootNode.descendantsOfType('rule').find((n) => n?.isNamed);
      assert.ok(a && b);
      assert.equal(a.toString(), b.toString());
      assert.equal(a.text, rule);
    });

    it('exposes keyword fields as anonymous nodes readable by type', async function () {
      const p = await nftParser();
      const tree = p.parse('table inet f {\n\tchain c {\n\t\tct original ip daddr != 10.0.0.1 dnat ip to 10.0.0.2 accept\n\t}\n}\n');
      assert.ok(tree);
      const match = tree.rootNode.descendantsOfType('match_statement')[0];
      const ct = match?.childForFieldName('left');
      assert.equal(ct?.type, 'ct_expression');
      assert.equal(ct?.childForFieldName('direction')?.type, 'original');
      assert.equal(ct?.childForFieldName('family')?.type, 'ip');
      assert.equal(ct?.childForFieldName('key')?.text, 'daddr');
      assert.equal(match?.childForFieldName('operator')?.type, '!=');
      const nat = tree.rootNode.descendantsOfType('nat_statement')[0];
      assert.equal(nat?.childForFieldName('kind')?.type, 'dnat');
      assert.equal(nat?.childForFieldName('family')?.type, 'ip');
      assert.equal(tree.rootNode.descendantsOfType('verdict_statement')[0]?.childForFieldName('verdict')?.type, 'accept');
    });

    it('reports a broken line without losing the following rules', async function () {
      const p = await nftParser();
      const tree = p.parse('table inet f {\n\tchain c {\n\t\ttcp dport 22 22 accept\n\t\tudp dport 53 accept\n\t}\n}\n');
      assert.ok(tree);
      assert.notDeepEqual(syntaxProblems(tree.rootNode), []);
      const rules = tree.rootNode.descendantsOfType('rule').filter((r) => r?.isNamed).map((r) => r?.text);
      assert.ok(rules.includes('udp dport 53 accept'), `rules: ${JSON.stringify(rules)}`);
    });

    it('documents every named node type in NODES.md and compiles the highlight query', async function () {
      const nodeTypes = JSON.parse(fs.readFileSync(path.join(grammarDir, 'src/node-types.json'), 'utf8')) as { type: string; named: boolean }[];
      const doc = fs.readFileSync(path.join(grammarDir, 'NODES.md'), 'utf8');
      const undocumented = nodeTypes.filter((t) => t.named && !t.type.startsWith('_') && !doc.includes(`\`${t.type}\``)).map((t) => t.type);
      assert.deepEqual(undocumented, []);
      const p = await nftParser();
      assert.ok(p.language);
      const query = new Query(p.language, fs.readFileSync(path.join(grammarDir, 'queries/highlights.scm'), 'utf8'));
      const tree = p.parse('table inet f { chain c { tcp dport 22 accept } }\n');
      assert.ok(tree);
      const names = new Set(query.captures(tree.rootNode).map((c) => c.name));
      for (const n of ['keyword', 'type.builtin', 'number', 'keyword.control', 'property']) assert.ok(names.has(n), n);
    });

    // How fast is measured by the bench (npm run bench), never by a timed test.
    it('parses a generated 1 MB ruleset without errors', async function () {
      const p = await nftParser();
      const text = bigRuleset(1 << 20);
      const tree = p.parse(text);
      assert.ok(tree);
      assert.equal(tree.rootNode.hasError, false);
      assert.ok(tree.rootNode.descendantsOfType('rule').filter((r) => r?.isNamed).length > 10000);
    });
  });

  describe('grammar corpus (test/corpus/*.txt)', function () {
    const corpusDir = path.join(grammarDir, 'test/corpus');
    const cases = fs
      .readdirSync(corpusDir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .flatMap((f) => readCorpus(f, fs.readFileSync(path.join(corpusDir, f), 'utf8')));

    it('has cases', function () {
      assert.ok(cases.length >= 100, `found ${cases.length} corpus cases`);
    });

    for (const c of cases) {
      it(`${c.file}: ${c.name}`, async function () {
        const p = await nftParser();
        const tree = p.parse(c.input);
        assert.ok(tree);
        assert.equal(normalizeSexp(tree.rootNode.toString()), normalizeSexp(c.expected));
      });
    }
  });
});

describe('nftables TextMate grammar (syntaxes/nftables.tmLanguage.json)', function () {
  interface Rule { match?: string; begin?: string; name?: string; patterns?: Rule[]; include?: string }
  const tm = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes/nftables.tmLanguage.json'), 'utf8')) as {
    scopeName: string;
    patterns: Rule[];
    repository: Record<string, Rule>;
  };
  const flatten = (r: Rule): Rule[] => [r, ...(r.patterns ?? []).flatMap(flatten)];
  const rules = Object.values(tm.repository).flatMap(flatten);

  /** Scope names whose `match` regex matches somewhere in `text` (the regexes use the JS-compatible subset of Oniguruma). */
  function scopesIn(text: string): Set<string> {
    return new Set(rules.filter((r) => r.match && r.name && new RegExp(r.match, 'm').test(text)).map((r) => r.name as string));
  }

  it('is source.nftables and every include resolves', function () {
    assert.equal(tm.scopeName, 'source.nftables');
    for (const p of tm.patterns) assert.ok(p.include && tm.repository[p.include.slice(1)], String(p.include));
    for (const r of rules) if (r.match) assert.doesNotThrow(() => new RegExp(r.match as string), r.match);
  });

  it('colours comments, strings, numbers, addresses, keywords, variables and set references', function () {
    const cases: [string, string][] = [
      ['# handle 4', 'comment.line.number-sign.nftables'],
      ['ip saddr 10.0.0.0/8 accept', 'constant.numeric.ipv4.nftables'],
      ['ip6 saddr fe80::/10', 'constant.numeric.ipv6.nftables'],
      ['ether saddr 0a:0b:0c:0d:0e:0f', 'constant.numeric.mac.nftables'],
      ['meta mark 0xff', 'constant.numeric.hex.nftables'],
      ['timeout 1h30m', 'constant.numeric.time.nftables'],
      ['tcp dport 22 drop', 'keyword.control.verdict.nftables'],
      ['table inet filter {', 'storage.type.family.nftables'],
      ['type filter hook input priority 0;', 'constant.language.hook.nftables'],
      ['iifname $wan', 'variable.other.nftables'],
      ['ip saddr @blocked', 'variable.other.set.nftables'],
      ['tcp dport != 22', 'keyword.operator.nftables'],
      ['include "/etc/nftables.d/*.nft"', 'keyword.control.directive.nftables'],
    ];
    for (const [text, scope] of cases) assert.ok(scopesIn(text).has(scope), `${scope} in ${text}`);
    assert.ok(!scopesIn('tcp dport 22').has('constant.numeric.ipv6.nftables'));
  });
});

describe('nftables grammar (native Node binding)', function () {
  this.timeout(120_000);
  let buildDir: string | undefined;

  before(function () {
    const gyp = path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
    const hasCompiler = (() => {
      try {
        execFileSync('g++', ['--version'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();
    const addonApi = path.join(repoRoot, 'node_modules/node-addon-api/package.json');
    const nativeRuntime = path.join(repoRoot, 'node_modules/tree-sitter/package.json');
    if (!hasCompiler || !fs.existsSync(gyp) || !fs.existsSync(addonApi) || !fs.existsSync(nativeRuntime)) {
      console.log('      (skipped: needs g++, npm\'s node-gyp, node-addon-api and tree-sitter in node_modules)');
      this.skip();
    }
    // Build in a scratch copy so the checkout stays clean.
    buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-nft-binding-'));
    for (const entry of ['binding.gyp', 'bindings', 'src', 'package.json']) {
      fs.cpSync(path.join(grammarDir, entry), path.join(buildDir, entry), { recursive: true });
    }
    const args = [gyp, 'rebuild', '--loglevel=error'];
    if (fs.existsSync('/usr/include/node/node.h')) args.push('--nodedir=/usr');
    try {
      execFileSync(process.execPath, args, {
        cwd: buildDir,
        stdio: 'pipe',
        env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
      });
    } catch (err) {
      console.log(`      (skipped: node-gyp failed: ${String((err as { stderr?: Buffer }).stderr ?? err).slice(0, 300)})`);
      this.skip();
    }
  });

  after(function () {
    if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
  });

  it('parses a ruleset with the native tree-sitter package like web-tree-sitter does', async function () {
    assert.ok(buildDir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const NativeParser = require(path.join(repoRoot, 'node_modules/tree-sitter')) as new () => {
      setLanguage(l: unknown): void;
      parse(s: string): { rootNode: { toString(): string; hasError: boolean } };
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const language = require(path.join(buildDir, 'bindings/node')) as { name: string; nodeTypeInfo: unknown[] };
    assert.equal(language.name, 'nftables');
    assert.ok(language.nodeTypeInfo.length > 50);
    const native = new NativeParser();
    native.setLanguage(language);
    const text = 'table inet f {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state established,related accept\n\t\ttcp dport { 22, 80-443 } accept\n\t}\n}\n';
    const nativeTree = native.parse(text);
    assert.equal(nativeTree.rootNode.hasError, false);
    const web = (await nftParser()).parse(text);
    assert.equal(nativeTree.rootNode.toString(), web?.rootNode.toString());
  });
});
