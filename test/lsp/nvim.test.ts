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
import { cliBundle, nvimVersion, rangeText, repoRoot, runNvim, type LspDiagnostic, type NvimRun, type Step, type StepResult } from '../nvim/run';

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

/** Exact agreement between the expectations of one file and what the server published and Neovim shows. */
function assertDiagnostics(file: string, expected: Expectation[], got: StepResult): void {
  const want = expected
    .filter((e) => !e.negated)
    .map((e) => show({ range: { start: { line: e.line, character: e.start }, end: { line: e.line, character: e.end } }, severity: SEVERITY[e.severity], code: e.code, message: e.message }))
    .sort();
  assert.deepEqual((got.lsp ?? []).map(show).sort(), want, `${file}: published diagnostics`);
  for (const d of got.lsp ?? []) assert.equal(d.source, 'dockwall', `${file}: source of ${show(d)}`);
  const shown = (got.vim ?? []).map((d) =>
    show({ range: { start: { line: d.lnum, character: d.col }, end: { line: d.end_lnum, character: d.end_col } }, severity: d.severity, code: d.code ?? undefined, message: d.message }),
  );
  assert.deepEqual(shown.sort(), want, `${file}: diagnostics as Neovim stores them (vim.diagnostic.get)`);
}

const stepFor = (res: NvimRun, op: Step['op'], file: string): StepResult => {
  const r = res.steps.find((s) => s.op === op && s.file === file);
  assert.ok(r, `no ${op} result for ${file}`);
  return r;
};

describe('Neovim (headless) as the LSP client of `dockwall lsp --stdio`', function () {
  this.timeout(60000);
  let dir: string;
  let capabilities: Record<string, unknown> | undefined;

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
    capabilities = res.capabilities;
    for (const file of files) {
      assert.equal(stepFor(res, 'open', file).languageId, LANGUAGE[path.extname(file)]);
      assertDiagnostics(file, expectations.get(file)!, stepFor(res, 'diagnostics', file));
    }
  });
});
