/**
 * End to end with a real LSP client: headless Neovim starts `node dist/cli.js lsp --stdio`, opens
 * files from a temporary workspace and reports what it received (test/nvim/client.lua). Skipped
 * when `nvim` is not installed (Debian: `apt-get install --no-install-recommends neovim`).
 *
 * The fixtures in test/nvim/fixtures/ carry inline expectations (test/unit/helpers/expectations.ts);
 * here every expected diagnostic must match exactly: range, severity, code and the whole message,
 * both as the server published it and as Neovim stores it.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blankExpectations, parseExpectations, type Expectation } from '../unit/helpers/expectations';
import {
  cliBundle,
  nvimVersion,
  rangeText,
  repoRoot,
  runNvim,
  serverCapabilities,
  servesComposeFeatures,
  type LspDiagnostic,
  type NvimRun,
  type Step,
  type StepResult,
  type VimDiagnostic,
  lspCommand,
  runConfig,
} from '../nvim/run';

const FIXTURES = path.join(repoRoot, 'test', 'nvim', 'fixtures');
const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };
const LANGUAGE: Record<string, string> = { '.nft': 'nftables', '.v4': 'iptables', '.v6': 'iptables', '.rules': 'iptables', '.yaml': 'yaml' };

/** Copies a fixture folder into `dest` without its expectation comments; returns the expectations per file. */
function layFixtures(name: string, dest: string): Map<string, Expectation[]> {
  const out = new Map<string, Expectation[]>();
  for (const f of readdirSync(path.join(FIXTURES, name))) {
    const text = readFileSync(path.join(FIXTURES, name, f), 'utf8');
    out.set(f, parseExpectations(`${name}/${f}`, text));
    writeFileSync(path.join(dest, f), blankExpectations(text));
  }
  return out;
}

function show(d: LspDiagnostic): string {
  return `${rangeText(d.range)} severity ${d.severity} [${d.code}] ${JSON.stringify(d.message)}`;
}

function expectedShows(expected: Expectation[]): string[] {
  return expected
    .filter((e) => !e.negated)
    .map((e) => show({ range: { start: { line: e.line, character: e.start }, end: { line: e.line, character: e.end } }, severity: SEVERITY[e.severity], code: e.code, message: e.message }))
    .sort();
}

/** Neovim's diagnostics (vim.diagnostic.get) in the same form. */
function vimShows(ds: VimDiagnostic[]): string[] {
  return ds
    .map((d) =>
      show({
        range: { start: { line: d.lnum, character: d.col }, end: { line: d.end_lnum, character: d.end_col } },
        severity: d.severity,
        code: d.code ?? undefined,
        message: d.message,
      }),
    )
    .sort();
}

/** Exact agreement between the expectations of one file and what the server published and Neovim shows. */
function assertDiagnostics(file: string, expected: Expectation[], got: StepResult): void {
  const want = expectedShows(expected);
  assert.deepEqual((got.lsp ?? []).map(show).sort(), want, `${file}: published diagnostics`);
  for (const d of got.lsp ?? []) assert.equal(d.source, 'dockwall', `${file}: source of ${show(d)}`);
  assert.deepEqual(vimShows(got.vim ?? []), want, `${file}: diagnostics as Neovim stores them (vim.diagnostic.get)`);
}

/** The first ```lua block after the line of README.md that starts with `title`. */
function readmeLua(title: string): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const at = readme.split('\n').findIndex((l) => l.startsWith(title));
  assert.ok(at >= 0, `README.md has a paragraph starting with ${title}`);
  const m = /```lua\n([\s\S]*?)```/.exec(readme.split('\n').slice(at).join('\n'));
  assert.ok(m, `a lua block follows ${title} in README.md`);
  return m[1];
}

const luaList = (xs: string[]) => `{ ${xs.map((x) => `'${x.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')} }`;

const stepFor = (res: NvimRun, op: Step['op'], file: string): StepResult => {
  const r = res.steps.find((s) => s.op === op && s.file === file);
  assert.ok(r, `no ${op} result for ${file}`);
  return r;
};

describe('Neovim (headless) as the LSP client of `dockwall lsp --stdio`', function () {
  this.timeout(60000);
  let dir: string;

  before(function () {
    const version = nvimVersion();
    if (!version) {
      console.log('    (skipped: nvim is not installed; `apt-get install --no-install-recommends neovim` enables these tests)');
      this.skip();
    }
    assert.ok(existsSync(cliBundle), `${cliBundle} is missing: run \`npm run build\` first (\`npm test\` does)`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'dockwall-nvim-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the syntax errors of a broken nftables file and a broken iptables-save file at their exact ranges', async () => {
    const ws = mkdtempSync(path.join(dir, 'syntax-'));
    const expectations = layFixtures('syntax', ws);
    const files = [...expectations.keys()].sort();
    assert.ok(files.length >= 2, 'fixtures present');
    const steps: Step[] = [
      ...files.map((file): Step => ({ op: 'open', file, languageId: LANGUAGE[path.extname(file)] })),
      ...files.map((file): Step => ({ op: 'diagnostics', file, min: expectations.get(file)!.filter((e) => !e.negated).length })),
    ];
    const res = await runNvim(dir, ws, steps);
    for (const file of files) {
      assert.equal(stepFor(res, 'open', file).languageId, LANGUAGE[path.extname(file)]);
      assertDiagnostics(file, expectations.get(file)!, stepFor(res, 'diagnostics', file));
    }
  });

  for (const [title, minor] of [
    ['**Neovim 0.7**', 7],
    ['**Neovim 0.8 or later**', 8],
  ] as const) {
    it(`the README's ${title.replace(/\*/g, '')} configuration attaches dockwall to nftables and iptables-save files`, async function () {
      const have = Number(/NVIM v0\.(\d+)/.exec(nvimVersion() ?? '')?.[1] ?? 0);
      if (have < minor) {
        console.log(`      (skipped: this configuration needs Neovim 0.${minor}; ${nvimVersion()} is installed)`);
        this.skip();
      }
      const snippet = readmeLua(title);
      const init = snippet.replace("{ 'dockwall', 'lsp', '--stdio' }", luaList(lspCommand()));
      assert.notEqual(init, snippet, 'the README configuration runs `dockwall lsp --stdio`');
      const ws = mkdtempSync(path.join(dir, 'config-'));
      const expectations = layFixtures('syntax', ws);
      const res = await runConfig(dir, ws, init, ['broken.nft', 'rules.v4']);
      for (const f of res.files) {
        assert.equal(f.filetype, f.file.endsWith('.nft') ? 'nftables' : 'iptables', `${f.file}: filetype`);
        assert.deepEqual(f.clients, ['dockwall'], `${f.file}: attached clients`);
        assert.deepEqual(vimShows(f.diagnostics), expectedShows(expectations.get(f.file)!), `${f.file}: diagnostics`);
      }
      assert.equal(res.files.length, 2);
    });
  }

  it('warns DW001 on the "5432:5432" item of the bundled example, explains it on hover and fixes it with a code action', async function () {
    if (!servesComposeFeatures(await serverCapabilities())) {
      console.log('      (skipped: the server does not announce hover and code actions yet)');
      this.skip();
    }
    const ws = path.join(mkdtempSync(path.join(dir, 'webstack-')), 'webstack');
    cpSync(path.join(repoRoot, 'examples', 'webstack'), ws, { recursive: true });
    const compose = readFileSync(path.join(ws, 'compose.yaml'), 'utf8');
    const lines = compose.split('\n');
    const item = '"5432:5432"';
    const line = lines.findIndex((l) => l.includes(item));
    const column = lines[line].indexOf(item);
    const at = { line, character: column + 1 };

    const res = await runNvim(dir, ws, [
      { op: 'open', file: 'nftables.conf', languageId: 'nftables' },
      { op: 'open', file: 'compose.yaml', languageId: 'yaml' },
      { op: 'diagnostics', file: 'nftables.conf' },
      { op: 'diagnostics', file: 'compose.yaml', code: 'DW001' },
      { op: 'hover', file: 'compose.yaml', ...at },
      { op: 'codeAction', file: 'compose.yaml', ...at, only: ['quickfix'], apply: '', forCode: 'DW001' },
      { op: 'diagnostics', file: 'compose.yaml', absent: 'DW001', fresh: true },
      { op: 'text', file: 'compose.yaml' },
      { op: 'text', file: 'nftables.conf' },
    ]);

    // The example ruleset parses cleanly.
    const [, , rulesetDiags, diags] = res.steps;
    assert.deepEqual((rulesetDiags.lsp ?? []).filter((d) => d.code === 'syntax').map(show), [], 'nftables.conf has no syntax errors');
    // The warning: exactly one DW001, on the 5432 item, as published and as Neovim shows it.
    const dw001 = (diags.lsp ?? []).filter((d) => d.code === 'DW001');
    assert.equal(dw001.length, 1, `one DW001 in compose.yaml, got ${dw001.map(show).join('; ')}`);
    const d = dw001[0];
    assert.equal(d.severity, 2, 'DW001 is a warning');
    assert.ok(d.range.start.line === line && d.range.end.line === line, `DW001 on line ${line + 1}: ${show(d)}`);
    assert.ok(d.range.start.character <= column + 1 && d.range.end.character >= column + item.length - 1, `DW001 covers ${item}: ${show(d)}`);
    assert.ok((diags.vim ?? []).some((v) => v.code === 'DW001' && v.lnum === line && v.severity === 2), 'Neovim stores the DW001 warning');

    // The hover explains it.
    const hover = stepFor(res, 'hover', 'compose.yaml').hover;
    assert.ok(hover, 'a hover on the item');
    const hoverText = JSON.stringify(hover.contents);
    assert.match(hoverText, /5432/, `the hover talks about port 5432: ${hoverText}`);

    // The quick-fix: offered for DW001, applied, and the warning is gone after re-analysis.
    const actions = stepFor(res, 'codeAction', 'compose.yaml');
    assert.ok((actions.actions ?? []).length > 0, 'code actions offered');
    assert.ok(actions.applied, 'an action was applied');
    const after = res.steps.filter((s) => s.op === 'text');
    const composeAfter = after[0].text!;
    const rulesetAfter = after[1].text!;
    const rulesetBefore = readFileSync(path.join(ws, 'nftables.conf'), 'utf8');
    assert.ok(composeAfter !== compose || rulesetAfter !== rulesetBefore, `"${actions.applied}" changed neither compose.yaml nor nftables.conf`);
  });
});
