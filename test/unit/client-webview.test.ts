/**
 * The packet-path page in a real browser engine (headless Chromium through playwright-core): the
 * CSP lets our nonce'd script and stylesheet load and nothing else, the class selector switches
 * the picture, and clicks on rule locations and "Refresh" post the messages the extension handles.
 * Requests to the page's made-up origin are answered from memory; nothing leaves the browser.
 * Skips when /usr/bin/chromium is absent. DOCKWALL_SHOT=FILE.png saves a screenshot.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPathPage, type PageResources } from '../../client/src/pure/path-html';
import { parseWebviewMessage } from '../../client/src/pure/target';
import { linkedLocations } from '../../client/src/pure/path-html';
import { RESULT } from './helpers/client-samples';

const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'https://dockwall.test';
const MEDIA = path.resolve(__dirname, '../../media');
const RES: PageResources = { cspSource: ORIGIN, nonce: '0123456789abcdef0123456789abcdef', scriptUri: `${ORIGIN}/media/path.js`, styleUri: `${ORIGIN}/media/path.css` };

/** A dark theme's worth of the variables VS Code puts on a webview's <html>. */
const THEME = `html{--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-editor-font-size:12px;
--vscode-foreground:#ccc;--vscode-editor-background:#1e1e1e;--vscode-descriptionForeground:#9d9d9d;--vscode-charts-green:#89d185;
--vscode-charts-red:#f14c4c;--vscode-charts-yellow:#cca700;--vscode-charts-blue:#3794ff;--vscode-editorWidget-background:#252526;
--vscode-editorWidget-border:#454545;--vscode-textLink-foreground:#3794ff;--vscode-button-background:#0e639c;--vscode-button-foreground:#fff}`;

/** Stands in for VS Code: records posted messages and CSP violations, adds the theme variables. */
const INIT = `
(() => {
  const rec = { posted: [], violations: [] };
  window.__rec = rec;
  let state;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => rec.posted.push(m), getState: () => state, setState: (s) => { state = s; } });
  document.addEventListener('securitypolicyviolation', (e) => rec.violations.push(e.violatedDirective + ' ' + e.blockedURI));
  document.addEventListener('DOMContentLoaded', () => {
    // a constructed stylesheet is not subject to style-src, like the variables VS Code sets
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(THEME);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
})();
`;

interface Recorded {
  posted: unknown[];
  violations: string[];
}

describe('client: packet path webview in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      (skipped: ${CHROMIUM} is not installed)`);
      this.skip();
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
  });

  async function open(html: string): Promise<Page> {
    const page = await browser!.newPage({ viewport: { width: 900, height: 1200 } });
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort();
      if (url.pathname === '/page.html') return route.fulfill({ contentType: 'text/html', body: html });
      const file = path.join(MEDIA, path.basename(url.pathname));
      if (url.pathname.startsWith('/media/') && existsSync(file)) {
        return route.fulfill({ contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: readFileSync(file) });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    // plain JS text: a function would be serialised with the test runner's transpiler helpers
    await page.addInitScript({ content: INIT.replace('THEME', JSON.stringify(THEME)) });
    await page.goto(`${ORIGIN}/page.html`);
    await page.waitForLoadState('load');
    return page;
  }

  const recorded = (page: Page): Promise<Recorded> => page.evaluate(() => (globalThis as unknown as { __rec: Recorded }).__rec);
  const visible = (page: Page): Promise<string[]> =>
    page.$$eval('section.dw-class', (ss) => ss.filter((s) => !(s as unknown as { hidden: boolean }).hidden).map((s) => s.getAttribute('data-class') ?? ''));

  it('loads our script and stylesheet under the CSP, switches classes and posts open/refresh messages', async () => {
    const page = await open(renderPathPage(RESULT, RES));
    assert.deepEqual(await visible(page), ['0']);
    // the stylesheet applied: the highlighted path is drawn 3px wide
    const width = await page.$eval('section[data-class="0"] .dw-edge--on line', (l) => (globalThis as unknown as { getComputedStyle(e: unknown): { strokeWidth: string } }).getComputedStyle(l).strokeWidth);
    assert.equal(width, '3px');

    await page.selectOption('#dw-class', '1');
    assert.deepEqual(await visible(page), ['1']);

    await page.click('section[data-class="1"] .dw-step--decisive .dw-loc');
    await page.click('section[data-class="1"] g.dw-row--decisive');
    await page.click('#dw-refresh');
    const rec = await recorded(page);
    assert.deepEqual(rec.violations, []);
    const line7 = { type: 'open', uri: 'file:///srv/app/my%20rules/nftables.conf', line: 7 };
    assert.deepEqual(rec.posted, [line7, line7, { type: 'refresh' }]);
    // and the extension accepts exactly these messages
    const allowed = linkedLocations(RESULT);
    assert.deepEqual(rec.posted.map((m) => parseWebviewMessage(m, allowed)), rec.posted);

    if (process.env.DOCKWALL_SHOT) {
      await page.selectOption('#dw-class', '0');
      await page.screenshot({ path: process.env.DOCKWALL_SHOT, fullPage: true });
    }
    await page.close();
  });

  it('blocks a script without the nonce (the check can fail)', async () => {
    const html = renderPathPage(RESULT, RES).replace('</body>', '<script>window.__inline = 1;</script>\n</body>');
    const page = await open(html);
    const ran = await page.evaluate(() => (globalThis as unknown as { __inline?: number }).__inline);
    assert.equal(ran, undefined);
    const rec = await recorded(page);
    assert.ok(rec.violations.some((v) => v.startsWith('script-src')), `violations: ${rec.violations.join(', ')}`);
    await page.close();
  });
});
