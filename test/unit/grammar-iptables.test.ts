/**
 * tree-sitter-iptables: the committed wasm against (a) real-world files from shared/corpus, the
 * kernel oracle's rule files and Docker's generated rule listings, with iptables-restore --test as
 * the referee where it is installed; (b) the grammar's own corpus (test/corpus/*.txt, compared as
 * s-expressions with field names; UPDATE_GOLDEN=1 rewrites the expected trees); (c) optionally the
 * N-API binding built with node-gyp, parsed with the native `tree-sitter` package.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Language, Parser, Query, type Node, type Tree } from 'web-tree-sitter';
import { initRuntime } from '../../server/src/core/syntax/languages';
import { readGrammarBytes } from '../../server/src/host/assets';
import { goldenIptablesBlocks } from './helpers/docker-golden-iptables';
import { normalizeSexp, readCorpus, rewriteCorpus } from './helpers/ts-corpus';

const repoRoot = path.resolve(__dirname, '../..');
const shared = path.resolve(repoRoot, '../shared');
const grammarDir = path.join(repoRoot, 'grammars/tree-sitter-iptables');
const wasmPath = path.join(repoRoot, 'server/wasm/tree-sitter-iptables.wasm');
const corpusDir = path.join(shared, 'corpus/iptables');

/**
 * Real-world files that are expected NOT to parse cleanly, with the reason. Each entry was checked
 * with `unshare -n iptables-restore --test FILE`; an entry whose file parses cleanly fails the test,
 * so the list cannot go stale. Empty: every file in the corpus is valid and parses.
 */
const KNOWN_FAILURES: ReadonlyMap<string, string> = new Map<string, string>(
  Object.entries(JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/corpus-known-failures.json'), 'utf8')).iptables as Record<string, string>),
);

let parser: Parser;
let language: Language;

before(async () => {
  await initRuntime(readGrammarBytes().runtime);
  language = await Language.load(fs.readFileSync(wasmPath));
  parser = new Parser();
  parser.setLanguage(language);
});

function parse(text: string): Tree {
  const tree = parser.parse(text);
  if (!tree) throw new Error('parser returned no tree');
  return tree;
}

/** Every ERROR and MISSING node, as `kind line:col text`. */
function syntaxProblems(tree: Tree): string[] {
  const out: string[] = [];
  const visit = (n: Node): void => {
    if (n.isError || n.isMissing) {
      const p = n.startPosition;
      out.push(`${n.isMissing ? `MISSING ${n.type}` : 'ERROR'} at ${p.row + 1}:${p.column + 1} ${JSON.stringify(n.text.slice(0, 60))}`);
    }
    if (n.hasError || n.isMissing) for (const c of n.children) if (c) visit(c);
  };
  visit(tree.rootNode);
  if (out.length === 0 && tree.rootNode.hasError) out.push('error in a hidden node');
  return out;
}

function filesIn(dir: string, keep: (name: string) => boolean = () => true): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter(keep).sort() : [];
}

function restoreOracle(): ((text: string) => boolean) | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const probe = spawnSync('unshare', ['-n', 'iptables-restore', '--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-ipt-'));
  let n = 0;
  // Accepted by iptables-restore or ip6tables-restore (the corpus mixes both families).
  return (text: string) => {
    const file = path.join(dir, `in${n++}.rules`);
    fs.writeFileSync(file, text);
    return ['iptables-restore', 'ip6tables-restore'].some(
      (tool) => spawnSync('unshare', ['-n', tool, '--test', file]).status === 0,
    );
  };
}

describe('tree-sitter-iptables grammar', () => {
  describe('real-world files', () => {
    const corpusFiles = filesIn(corpusDir);

    if (corpusFiles.length === 0) {
      it('shared/corpus/iptables', function () {
        this.skip(); // shared/ is absent (a user's clone): nothing to parse
      });
    }

    for (const name of corpusFiles) {
      it(`parses corpus/iptables/${name}`, () => {
        const problems = syntaxProblems(parse(fs.readFileSync(path.join(corpusDir, name), 'utf8')));
        const known = KNOWN_FAILURES.get(name);
        if (known) assert.notDeepEqual(problems, [], `${name} is listed as a known failure (${known}) but parses cleanly`);
        else assert.deepEqual(problems, []);
      });
    }

    it('every known failure names a corpus file', function () {
      if (corpusFiles.length === 0) this.skip();
      for (const name of KNOWN_FAILURES.keys()) assert.ok(corpusFiles.includes(name), name);
    });

    it('parses the kernel oracle rule files (shared/oracle/rules/*.ipt)', function () {
      const dir = path.join(shared, 'oracle/rules');
      const files = filesIn(dir, (f) => f.endsWith('.ipt'));
      if (files.length === 0) this.skip();
      for (const f of files) assert.deepEqual(syntaxProblems(parse(fs.readFileSync(path.join(dir, f), 'utf8'))), [], f);
    });

    it("parses every iptables command block of Docker's generated docs, bare and inside a table", function () {
      const root = path.join(shared, 'docker-golden');
      const docs = filesIn(root).flatMap((release) =>
        filesIn(path.join(root, release, 'iptables'), (f) => f.endsWith('.md')).map((f) => path.join(root, release, 'iptables', f)),
      );
      if (docs.length === 0) this.skip();
      let blocks = 0;
      let rules = 0;
      for (const doc of docs) {
        for (const block of goldenIptablesBlocks(fs.readFileSync(doc, 'utf8'))) {
          blocks++;
          const bare = parse(block.text);
          assert.deepEqual(syntaxProblems(bare), [], `${doc}:${block.line}`);
          rules += bare.rootNode.descendantsOfType('rule').length;
          assert.deepEqual(syntaxProblems(parse(`*${block.table}\n${block.text}COMMIT\n`)), [], `${doc}:${block.line}`);
        }
      }
      assert.ok(blocks >= 40, `only ${blocks} blocks found`);
      assert.ok(rules >= 500, `only ${rules} rules found`);
    });

    describe('agrees with iptables-restore --test', () => {
      const valid = restoreOracle();
      // [input, accepted by the grammar, accepted by iptables-restore 1.8.9]; where they differ the
      // grammar is deliberately stricter or more lenient, as the comment says.
      const snippets: readonly [string, boolean, boolean][] = [
        ['*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n', true, true],
        ['*filter\n-A INPUT -p tcp -m comment --comment "a \\"quoted\\" word" -j ACCEPT\nCOMMIT\n', true, true],
        ['*filter\n-4 -A INPUT -j ACCEPT\nCOMMIT\n', true, true],
        ['*filter\n-A INPUT -j DROP -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN\nCOMMIT\n', true, true],
        ['*filter\n-A INPUT -p tcp -m tcp --syn ! -s 10.0.0.0/8 -j DROP\nCOMMIT\n', true, true],
        ['*filter\n[5:10] -A INPUT -j ACCEPT\nCOMMIT\n', true, true],
        ['* filter\n: INPUT DROP\n-A INPUT -j ACCEPT\nCOMMIT', true, true],
        ['*filter\n-A INPUT -j\nCOMMIT\n', false, false],
        ['*filter\n-A INPUT -j ACCEPT # trailing\nCOMMIT\n', false, false],
        ['*filter\n-A INPUT -j ACCEPT\n', false, false],
        // iptables-restore runs an unterminated quote to the end of the line; an editor should flag it
        ['*filter\n-A INPUT -m comment --comment "open\nCOMMIT\n', false, true],
        // old-style negation: removed in iptables 1.8.x, still accepted for older files
        ['*filter\n-A INPUT -s ! 10.0.0.1 -j DROP\nCOMMIT\n', true, false],
        // `#` after indentation: iptables-restore reads a rule; the grammar keeps a comment (the
        // language server may warn from the comment's column)
        ['*filter\n  # indented\nCOMMIT\n', true, false],
      ];
      for (const [text, grammar, restore] of snippets) {
        it(`${grammar ? 'accepts' : 'rejects'} ${JSON.stringify(text.split('\n')[1])}`, function () {
          assert.equal(syntaxProblems(parse(text)).length === 0, grammar, 'grammar');
          if (!valid) this.skip(); // needs root, unshare and iptables-restore (apt-get install iptables)
          assert.equal(valid(text), restore, 'iptables-restore');
        });
      }

      it('accepts every corpus file, as the grammar does', function () {
        if (!valid || corpusFiles.length === 0) this.skip();
        for (const name of corpusFiles) {
          const text = fs.readFileSync(path.join(corpusDir, name), 'utf8');
          assert.equal(valid(text), !KNOWN_FAILURES.has(name), name);
        }
      });
    });
  });

  describe('corpus (test/corpus/*.txt)', () => {
    const dir = path.join(grammarDir, 'test/corpus');
    const update = process.env.UPDATE_GOLDEN === '1';
    for (const file of filesIn(dir, (f) => f.endsWith('.txt'))) {
      const full = path.join(dir, file);
      const text = fs.readFileSync(full, 'utf8');
      const problems: string[] = [];
      const cases = readCorpus(text, problems);
      describe(file, () => {
        it('is well formed', () => {
          assert.deepEqual(problems, []);
          assert.ok(cases.length > 0);
          assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'case names are unique');
        });
        const actual: string[] = [];
        cases.forEach((c, i) => {
          it(c.name, function () {
            if (c.attributes.includes('skip')) this.skip();
            const tree = parse(c.input);
            actual[i] = tree.rootNode.toString();
            if (c.name.startsWith('error:')) assert.notDeepEqual(syntaxProblems(tree), [], 'an error case must not parse cleanly');
            else assert.deepEqual(syntaxProblems(tree), []);
            if (!update) assert.equal(normalizeSexp(actual[i]), normalizeSexp(c.expected));
          });
        });
        if (update) {
          after(() => {
            if (actual.length === cases.length) fs.writeFileSync(full, rewriteCorpus(text, cases, actual));
          });
        }
      });
    }
  });

  describe('tree shape', () => {
    const fields = (n: Node | null, name: string): string[] =>
      n ? n.childrenForFieldName(name).map((c) => c.text) : [];

    it('keeps UTF-16 offsets across non-ASCII comments and CRLF line ends', () => {
      const text = '# pare-feu é 😀\r\n*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -m comment --comment "😀 x" -j ACCEPT\r\nCOMMIT\r\n';
      const tree = parse(text);
      assert.deepEqual(syntaxProblems(tree), []);
      const arg = tree.rootNode.descendantsOfType('string')[0];
      assert.ok(arg);
      assert.equal(text.slice(arg.startIndex, arg.endIndex), '"😀 x"');
      assert.equal(tree.rootNode.descendantsOfType('comment')[0]?.text, '# pare-feu é 😀');
    });

    it('puts the old-style `!` in the negation field, after the name', () => {
      const rule = parse('*filter\n-A INPUT -s ! 10.0.0.1 ! -d 10.0.0.2 -j DROP\nCOMMIT\n').rootNode.descendantsOfType('rule')[0];
      const [src, dst] = rule?.namedChildren.filter((c) => c?.type === 'option') ?? [];
      assert.ok(src && dst);
      assert.deepEqual(fields(src, 'name'), ['-s']);
      assert.deepEqual(fields(src, 'negation'), ['!']);
      assert.ok(src.childForFieldName('negation')!.startIndex > src.childForFieldName('name')!.startIndex);
      assert.deepEqual(fields(dst, 'negation'), ['!']);
      assert.ok(dst.childForFieldName('negation')!.startIndex < dst.childForFieldName('name')!.startIndex);
    });

    it('groups options under the match and target they follow', () => {
      const rule = parse(
        '*filter\n-A X -j LOG --log-prefix "[UFW BLOCK] " -m limit --limit 3/min --limit-burst 10 -p tcp --dport 1\nCOMMIT\n',
      ).rootNode.descendantsOfType('rule')[0];
      assert.ok(rule);
      const items = rule.namedChildren.filter((c) => c && ['option', 'match', 'target'].includes(c.type));
      assert.deepEqual(
        items.map((c) => `${c!.type}:${c!.childForFieldName('name')?.text}[${c!.namedChildren.filter((o) => o?.type === 'option').map((o) => o!.childForFieldName('name')?.text).join(' ')}]`),
        ['target:LOG[--log-prefix]', 'match:limit[--limit --limit-burst]', 'option:-p[]', 'option:--dport[]'],
      );
      assert.deepEqual(fields(rule.descendantsOfType('option')[0], 'argument'), ['"[UFW BLOCK] "']);
    });
  });

  describe('editor assets', () => {
    it('highlights.scm compiles and captures the main constructs', () => {
      const query = new Query(language, fs.readFileSync(path.join(grammarDir, 'queries/highlights.scm'), 'utf8'));
      const text = '# c\n*nat\n:DOCKER - [0:0]\n-A DOCKER ! -i br0 -p tcp -m tcp --dport 80 -j DNAT --to-destination "1.2.3.4:80"\nCOMMIT\n';
      const got = new Map<string, string>();
      for (const c of query.captures(parse(text).rootNode)) if (!got.has(c.node.text)) got.set(c.node.text, c.name);
      assert.deepEqual(Object.fromEntries(['# c', 'nat', 'DOCKER', '-', '!', '-i', 'tcp', '-A', 'DNAT', '"1.2.3.4:80"', 'COMMIT'].map((k) => [k, got.get(k)])), {
        '# c': 'comment', nat: 'namespace', DOCKER: 'type', '-': 'constant.builtin', '!': 'operator', '-i': 'property',
        tcp: 'string.special', '-A': 'keyword', DNAT: 'constant.builtin', '"1.2.3.4:80"': 'string', COMMIT: 'keyword',
      });
    });

    it('the TextMate grammar scopes comments, tables, chains, options, targets, addresses and strings', () => {
      const tm = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes/iptables.tmLanguage.json'), 'utf8'));
      assert.equal(tm.scopeName, 'source.iptables');
      const scopes = tokenizeLine(tm, '-A DOCKER ! -s 10.0.0.0/8 -m comment --comment "a \\"b\\"" -j DNAT --to-destination [fd00::1]:80');
      const at = (needle: string) => scopes.find(([t]) => t === needle)?.[1];
      assert.equal(at('-A'), 'keyword.control.command.iptables');
      assert.equal(at('DOCKER'), 'entity.name.type.chain.iptables');
      assert.equal(at('!'), 'keyword.operator.negation.iptables');
      assert.equal(at('-s'), 'variable.parameter.option.iptables');
      assert.equal(at('10.0.0.0/8'), 'constant.numeric.ip-address.v4.iptables');
      assert.equal(at('comment'), 'support.function.match.iptables');
      assert.equal(at('"a \\"b\\""'), 'string.quoted.double.iptables');
      assert.equal(at('DNAT'), 'support.constant.target.iptables');
      assert.equal(at('[fd00::1]:80'), 'constant.numeric.ip-address.v6.iptables');
      assert.deepEqual(tokenizeLine(tm, '# Generated by iptables-save -A x'), [
        ['#', 'punctuation.definition.comment.iptables'],
        ['# Generated by iptables-save -A x', 'comment.line.number-sign.iptables'],
      ]);
      assert.equal(tokenizeLine(tm, '*filter').find(([t]) => t === 'filter')?.[1], 'entity.name.section.table.iptables');
      assert.equal(tokenizeLine(tm, ':INPUT DROP [0:0]').find(([t]) => t === 'DROP')?.[1], 'constant.language.policy.iptables');
      assert.equal(tokenizeLine(tm, 'COMMIT')[0]?.[1], 'keyword.control.commit.iptables');
    });
  });

  describe('native binding (node-gyp)', function () {
    this.timeout(120000);
    const nodeGyp = path.join(path.dirname(fs.realpathSync(process.execPath)), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');

    it('builds and parses the same tree as the wasm', function () {
      const gxx = spawnSync('g++', ['--version']);
      if (gxx.status !== 0 || !fs.existsSync(nodeGyp)) this.skip(); // needs g++, make, python3 and npm's node-gyp
      const built = path.join(grammarDir, 'build/Release/tree_sitter_iptables_binding.node');
      if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(path.join(grammarDir, 'src/parser.c')).mtimeMs) {
        const r = spawnSync(process.execPath, [nodeGyp, 'rebuild'], { cwd: grammarDir, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const NativeParser = require('tree-sitter') as typeof import('tree-sitter');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const language = require(grammarDir) as import('tree-sitter').Language;
      const native = new NativeParser();
      native.setLanguage(language);
      const texts = filesIn(corpusDir).map((f) => fs.readFileSync(path.join(corpusDir, f), 'utf8'));
      const corpus = path.join(grammarDir, 'test/corpus');
      for (const f of filesIn(corpus, (n) => n.endsWith('.txt')))
        for (const c of readCorpus(fs.readFileSync(path.join(corpus, f), 'utf8'))) if (!c.name.startsWith('error:')) texts.push(c.input);
      assert.ok(texts.length > 20, `only ${texts.length} texts to compare`);
      for (const text of texts) assert.equal(native.parse(text).rootNode.toString(), parse(text).rootNode.toString(), text);
    });
  });
});

interface TmRule {
  match?: string;
  name?: string;
  include?: string;
  begin?: string;
  end?: string;
  patterns?: TmRule[];
  captures?: Record<string, { name: string }>;
}

/**
 * A small single-line TextMate scanner (earliest match wins, then pattern order), enough to check
 * the scopes this grammar assigns. JavaScript regexes accept the Oniguruma subset it uses.
 * Returns [text, innermost scope] for each scoped piece.
 */
function tokenizeLine(grammar: { patterns: TmRule[]; repository: Record<string, TmRule> }, line: string): [string, string][] {
  const flatten = (rules: TmRule[]): TmRule[] =>
    rules.flatMap((r) => (r.include ? flatten([grammar.repository[r.include.slice(1)]]) : r.patterns && !r.match && !r.begin ? flatten(r.patterns) : [r]));
  const rules = flatten(grammar.patterns);
  const out: [string, string][] = [];
  let pos = 0;
  while (pos < line.length) {
    let best: { index: number; rule: TmRule; m: RegExpExecArray } | undefined;
    for (const rule of rules) {
      const re = new RegExp(rule.match ?? rule.begin!, 'dg');
      re.lastIndex = pos;
      const m = re.exec(line);
      if (m && m[0].length > 0 && (!best || m.index < best.index)) best = { index: m.index, rule, m };
    }
    if (!best) break;
    const { rule, m } = best;
    let end = m.index + m[0].length;
    if (rule.begin) {
      const inner = flatten(rule.patterns ?? []).map((r) => r.match!).join('|');
      const close = new RegExp(`(?:${inner})|${rule.end}`, 'g');
      close.lastIndex = end;
      for (let c = close.exec(line); c; c = close.exec(line)) {
        end = c.index + c[0].length;
        if (new RegExp(`^(?:${rule.end})$`).test(c[0]) || c[0].length === 0) break;
      }
      out.push([line.slice(m.index, end), rule.name!]);
    } else if (rule.captures) {
      for (const [k, v] of Object.entries(rule.captures)) {
        const r = m.indices?.[Number(k)];
        if (r) out.push([line.slice(r[0], r[1]), v.name]);
      }
      if (rule.name) out.push([m[0], rule.name]);
    } else if (rule.name) {
      out.push([m[0], rule.name]);
    }
    pos = end;
  }
  return out;
}
