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
import { applyEdits, cliFindings, lspRange } from '../nvim/oracle';

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

  it('warns DW001 on the "5432:5432" item of the bundled example, explains it on hover and applies its fix as `dockwall check` does', async () => {
    assert.ok(servesComposeFeatures(await serverCapabilities()), 'the server announces hover and code actions');
    const ws = path.join(mkdtempSync(path.join(dir, 'webstack-')), 'webstack');
    cpSync(path.join(repoRoot, 'examples', 'webstack'), ws, { recursive: true });
    const before = { compose: readFileSync(path.join(ws, 'compose.yaml'), 'utf8'), ruleset: readFileSync(path.join(ws, 'nftables.conf'), 'utf8') };
    // The oracle: the CLI's DW001 on compose.yaml and its preferred fix.
    const finding = cliFindings(ws).find((f) => f.code === 'DW001' && f.file === 'compose.yaml');
    assert.ok(finding, '`dockwall check` reports DW001 on the example\'s compose.yaml');
    const fix = finding.fixes?.find((x) => x.preferred) ?? finding.fixes?.[0];
    assert.ok(fix, '`dockwall check` offers a fix for DW001');
    const range = lspRange(finding);
    assert.ok(before.compose.split('\n')[range.start.line].slice(range.start.character, range.end.character) === '"5432:5432"', 'the oracle points at the 5432 item');
    const at = { line: range.start.line, character: range.start.character + 1 };

    const res = await runNvim(dir, ws, [
      { op: 'open', file: 'nftables.conf', languageId: 'nftables' },
      { op: 'open', file: 'compose.yaml', languageId: 'yaml' },
      { op: 'diagnostics', file: 'nftables.conf' },
      { op: 'diagnostics', file: 'compose.yaml', code: 'DW001' },
      { op: 'hover', file: 'compose.yaml', ...at },
      { op: 'codeAction', file: 'compose.yaml', ...at, only: ['quickfix'], apply: fix.title, forCode: 'DW001' },
      { op: 'diagnostics', file: 'compose.yaml', absent: 'DW001', fresh: true },
      { op: 'text', file: 'compose.yaml' },
      { op: 'text', file: 'nftables.conf' },
    ]);

    // The example ruleset parses cleanly.
    const [, , rulesetDiags, diags] = res.steps;
    assert.deepEqual((rulesetDiags.lsp ?? []).filter((d) => d.code === 'syntax').map(show), [], 'nftables.conf has no syntax errors');
    // The warning: exactly one DW001, at the CLI's range, as published and as Neovim shows it.
    const dw001 = (diags.lsp ?? []).filter((d) => d.code === 'DW001');
    assert.equal(dw001.length, 1, `one DW001 in compose.yaml, got ${dw001.map(show).join('; ')}`);
    const d = dw001[0];
    assert.equal(rangeText(d.range), rangeText(range), 'DW001 range');
    assert.equal(d.severity, SEVERITY[finding.severity], 'DW001 severity');
    const lead = finding.message.split(':')[0];
    assert.ok(d.message.startsWith(lead), `DW001 message starts like the CLI's ("${lead}"): ${d.message}`);
    const shown = (diags.vim ?? []).filter((v) => v.code === 'DW001');
    assert.deepEqual(shown.map((v) => `${v.lnum}:${v.col}-${v.end_lnum}:${v.end_col} ${v.severity}`), [`${rangeText(range)} ${SEVERITY[finding.severity]}`], 'Neovim stores the DW001 warning');

    // The hover explains it.
    const hover = stepFor(res, 'hover', 'compose.yaml').hover;
    assert.ok(hover, 'a hover on the item');
    const hoverText = JSON.stringify(hover.contents);
    assert.match(hoverText, /5432/, `the hover talks about port 5432: ${hoverText}`);

    // The quick-fix: the CLI's preferred fix is offered for DW001; applied, it gives the CLI's text and clears the warning.
    const actions = stepFor(res, 'codeAction', 'compose.yaml');
    assert.ok(actions.applied?.includes(fix.title), `applied "${fix.title}", offered: ${JSON.stringify((actions.actions ?? []).map((a) => a.title))}`);
    const [composeAfter, rulesetAfter] = res.steps.filter((s) => s.op === 'text').map((s) => s.text);
    assert.equal(composeAfter, applyEdits(before.compose, 'compose.yaml', fix.edits), 'compose.yaml after the fix');
    assert.equal(rulesetAfter, applyEdits(before.ruleset, 'nftables.conf', fix.edits), 'nftables.conf after the fix');
  });
});
