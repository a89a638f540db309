/**
 * The editor features over real streams, on fixture workspaces (test/lsp/fixtures/<name>/ copied to
 * a temporary folder): diagnostics on compose ports and ruleset rules at exact ranges, hovers,
 * quick-fixes applied and compared with whole-file goldens (`UPDATE_GOLDEN=1` rewrites them),
 * CodeLens, inlay hints, `dockwall/portPath`, `dockwall/status`, imported rulesets, re-analysis after
 * edits on either side of a pair, settings, and survival of a failing handler.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CodeAction, CodeLens, Diagnostic, Hover, InlayHint, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PortPathResult, StatusParams } from '../../server/src/lsp/protocol';
import { fileUri, makeWorkspace, startPair, type LspPair, type PairOptions } from './harness';

const FIXTURES = path.join(__dirname, 'fixtures');

function fixtureFiles(name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(path.join(FIXTURES, name))) if (!f.endsWith('.golden')) out[f] = readFileSync(path.join(FIXTURES, name, f), 'utf8');
  return out;
}

interface Ws {
  dir: string;
  lsp: LspPair;
  uri(file: string): string;
  text(file: string): string;
  /** Opens a file of the workspace with its disk text. */
  open(file: string, languageId?: string): Promise<void>;
  close(): Promise<void>;
}

const LANG: Record<string, string> = { 'compose.yaml': 'dockercompose', 'nftables.conf': 'nftables', 'rules.v4': 'iptables' };

async function workspace(name: string, settings: object | null = { debounceMs: 0 }, init: object = { debounceMs: 0 }, backend?: 'local'): Promise<Ws> {
  const dir = makeWorkspace(fixtureFiles(name));
  const opts: PairOptions = { folders: [dir], configuration: settings ?? undefined, backend };
  const lsp = await startPair(init, opts);
  return {
    dir,
    lsp,
    uri: (f) => fileUri(path.join(dir, f)),
    text: (f) => readFileSync(path.join(dir, f), 'utf8'),
    open: (f, languageId = LANG[f] ?? 'plaintext') => lsp.open(fileUri(path.join(dir, f)), languageId, readFileSync(path.join(dir, f), 'utf8')),
    async close() {
      await lsp.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));
const has = (code: string) => (ds: Diagnostic[]) => codes(ds).includes(code);
const lacks = (code: string) => (ds: Diagnostic[]) => !codes(ds).includes(code);

/** Position (0-based) of the first occurrence of `needle` in `text`, plus `delta` characters. */
function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${JSON.stringify(needle)} in the text`);
  return TextDocument.create('x', 'x', 0, text).positionAt(at + delta);
}

function rangeOf(text: string, needle: string) {
  return { start: positionOf(text, needle), end: positionOf(text, needle, needle.length) };
}

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'x', 0, text), [...edits]);
}

const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

/** Compares with test/lsp/fixtures/<fixture>/<name>.golden (written with UPDATE_GOLDEN=1). */
function golden(fixture: string, name: string, actual: string): void {
  const file = path.join(FIXTURES, fixture, `${name}.golden`);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  assert.ok(existsSync(file), `golden ${path.relative(FIXTURES, file)} exists (UPDATE_GOLDEN=1 writes it)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} equals its golden`);
}

/** A workspace holding only the compose file of `fixture`, opened; runs `fn`, then cleans up. */
async function composeOnly(fixture: string, pairOpts: PairOptions, fn: (lsp: LspPair, uri: string, dir: string, files: Record<string, string>) => Promise<void>): Promise<void> {
  const files = fixtureFiles(fixture);
  const dir = makeWorkspace({ 'compose.yaml': files['compose.yaml'] });
  const lsp = await startPair({ debounceMs: 0 }, { folders: [dir], ...pairOpts });
  const uri = fileUri(path.join(dir, 'compose.yaml'));
  try {
    await lsp.open(uri, 'dockercompose', files['compose.yaml']);
    await fn(lsp, uri, dir, files);
  } finally {
    await lsp.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('LSP: editor features on a compose project and its rulesets', function () {
  this.timeout(30000);

  describe('compose.yaml + nftables.conf in one folder', () => {
    let ws: Ws;
    before(async () => {
      ws = await workspace('pair');
      await ws.open('compose.yaml');
      await ws.open('nftables.conf');
    });
    after(async () => ws.close());

    it('warns DW001 on exactly the "5432:5432" item, with a docs link and the dropping rule as related information', async () => {
      const p = await ws.lsp.diagnostics(ws.uri('compose.yaml'), has('DW001'));
      const text = ws.text('compose.yaml');
      const dw001 = p.diagnostics.filter((d) => d.code === 'DW001');
      assert.equal(dw001.length, 1, JSON.stringify(p.diagnostics));
      assert.deepEqual(dw001[0].range, rangeOf(text, '"5432:5432"'));
      assert.equal(dw001[0].severity, 2);
      assert.match(dw001[0].codeDescription?.href ?? '', /\/DW001$/);
      const rel = dw001[0].relatedInformation ?? [];
      assert.ok(
        rel.some((r) => r.location.uri === ws.uri('nftables.conf') && r.location.range.start.line === positionOf(ws.text('nftables.conf'), 'tcp dport 5432 drop').line),
        `related information points at the drop rule: ${JSON.stringify(rel)}`,
      );
      assert.equal(p.version, 1, 'published for the open version');
    });

    it('publishes the findings located in the ruleset to the ruleset (on the rule the port bypasses)', async () => {
      const p = await ws.lsp.diagnostics(ws.uri('nftables.conf'), (ds) => ds.some((d) => /^DW\d+$/.test(String(d.code))));
      const line = positionOf(ws.text('nftables.conf'), 'tcp dport 5432 drop').line;
      const onRule = p.diagnostics.filter((d) => /^DW\d+$/.test(String(d.code)) && d.range.start.line === line);
      assert.ok(onRule.length > 0, `a finding on line ${line + 1}: ${JSON.stringify(p.diagnostics)}`);
      assert.ok(!p.diagnostics.some((d) => d.code === 'syntax'), 'no syntax errors');
    });

    it('hover on the port: who reaches it, the numbered path with DNAT and provenance, the verdict and the baseline', async () => {
      const text = ws.text('compose.yaml');
      const h = hoverText(await ws.lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: ws.uri('compose.yaml') }, position: positionOf(text, '5432:5432', 2) }));
      assert.match(h, /^\*\*db\*\* `5432:5432` → container `172\.\d+\.\d+\.\d+:5432\/tcp`/);
      assert.match(h, /reachable from eth0 \(any IPv4\)/);
      assert.match(h, /\| from \| IPv4 `[\d.]+` \| IPv6 `[\da-f:]+` \|/);
      assert.match(h, /\| eth0 \(any\) \| ✅ reaches 172\.[\d.]+:5432 \| ⛔ dropped \|/);
      assert.match(h, /\n1\. prerouting · ip/);
      assert.match(h, /dnat [\d.]+:5432 → 172\.[\d.]+:5432/);
      assert.match(h, /_added by Docker 29 for [^_]*compose\.yaml:12 `5432:5432` \(per-port DNAT\)_/);
      assert.match(h, /→ \*\*accept\*\*: forwarded to 172\.[\d.]+:5432\/tcp via `br-/);
      const ruleLine = positionOf(ws.text('nftables.conf'), 'tcp dport 5432 drop').line + 1;
      assert.ok(h.includes(`without Docker's rules: **drop** by \`tcp dport 5432 drop comment "PostgreSQL is private"\` ([nftables.conf:${ruleLine}](${ws.uri('nftables.conf')}#L${ruleLine}))`), h);
      assert.match(h, /\*\*DW001 Published port bypasses the host firewall\*\* \(\[docs\]/, 'the finding documentation follows');
      assert.match(h, /→ \*\*drop\*\* by `tcp dport 5432 drop/, 'the IPv6 path (docker-proxy, input chain) is shown too');
    });

    it('hover on a rule: its chain, the ports that pass and match it, those that never get there and why', async () => {
      const text = ws.text('nftables.conf');
      const h = hoverText(await ws.lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: ws.uri('nftables.conf') }, position: positionOf(text, 'tcp dport 5432 drop', 4) }));
      assert.match(h, /^\*\*chain input\*\* \(table inet filter\): type filter, hook \*\*input\*\*, priority filter \(0\), policy \*\*drop\*\*/);
      assert.match(h, /rule `tcp dport 5432 drop comment "PostgreSQL is private"`/);
      assert.match(h, /- rule matched by: `db 5432\/tcp \(IPv6\)`/);
      assert.match(h, /- never traversed by `db 5432\/tcp \(IPv4\)`, `proxy 443\/tcp \(IPv4\)`: Docker DNATs them in prerouting/);
    });

    it('hover on a chain header: hook, priority and policy, and which ports traverse it', async () => {
      const text = ws.text('nftables.conf');
      const h = hoverText(await ws.lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: ws.uri('nftables.conf') }, position: positionOf(text, 'hook forward', 2) }));
      assert.match(h, /^\*\*chain forward\*\* \(table inet filter\): type filter, hook \*\*forward\*\*, priority filter \(0\), policy \*\*accept\*\*/);
      assert.match(h, /- traversed by published ports: `db 5432\/tcp \(IPv4\)`, `proxy 443\/tcp \(IPv4\)`/);
    });

    it('CodeLens and inlay hints summarise each port item', async () => {
      const text = ws.text('compose.yaml');
      const lenses: CodeLens[] = await ws.lsp.client.sendRequest('textDocument/codeLens', { textDocument: { uri: ws.uri('compose.yaml') } });
      const byLine = new Map(lenses.map((l) => [l.range.start.line, l.command?.title]));
      assert.equal(byLine.get(positionOf(text, '"443:443"').line), 'reachable from eth0 (any)');
      assert.equal(byLine.get(positionOf(text, '"5432:5432"').line), 'reachable from eth0 (any IPv4)');
      assert.equal(byLine.get(positionOf(text, 'target: 6379').line), 'not reachable from outside');
      assert.equal(lenses.length, 3);
      assert.ok(lenses.every((l) => l.command?.command === 'dockwall.showPacketPath'));
      const hints: InlayHint[] = await ws.lsp.client.sendRequest('textDocument/inlayHint', { textDocument: { uri: ws.uri('compose.yaml') }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } });
      const line = positionOf(text, '"5432:5432"').line;
      const hint = hints.find((h) => h.position.line === line);
      assert.equal(hint?.label, 'reachable from eth0 (any IPv4)');
      assert.equal(hint?.position.character, text.split('\n')[line].length, 'at the end of the line');
    });

    it('dockwall/portPath gives each distinct path with steps, rewrites, provenance and file locations', async () => {
      const text = ws.text('compose.yaml');
      const r: PortPathResult | null = await ws.lsp.client.sendRequest('dockwall/portPath', { uri: ws.uri('compose.yaml'), position: positionOf(text, '5432:5432', 1) });
      assert.ok(r);
      assert.match(r.title, /^db: 0\.0\.0\.0, \[::\]:5432 → 172\.[\d.]+:5432\/tcp$/);
      const fwd = r.classes.find((c) => c.verdict === 'accept');
      assert.ok(fwd, JSON.stringify(r.classes.map((c) => c.label)));
      assert.equal(fwd.delivery, 'forward');
      assert.match(fwd.label, /^eth0 \(any source\) → [\d.]+$/);
      const dnat = fwd.steps.find((s) => s.rewrite?.startsWith('dnat'));
      assert.ok(dnat?.origin?.includes('per-port DNAT'), JSON.stringify(dnat));
      assert.ok(fwd.steps.some((s) => s.hook === 'routing' && s.verdict === 'forward'));
      const dropped = r.classes.find((c) => c.verdict === 'drop');
      const last = dropped?.steps[dropped.steps.length - 1];
      assert.deepEqual(last?.location, { uri: ws.uri('nftables.conf'), line: positionOf(ws.text('nftables.conf'), 'tcp dport 5432 drop').line });
      const none = await ws.lsp.client.sendRequest('dockwall/portPath', { uri: ws.uri('compose.yaml'), position: { line: 0, character: 0 } });
      assert.equal(none, null, 'no port item at the position');
    });

    it('dockwall/status reports the projects, rulesets and counts', async () => {
      const s = await ws.lsp.nextNotification<StatusParams>('dockwall/status', (p) => p.rulesets.length === 1);
      assert.equal(s.projects, 1);
      assert.deepEqual(s.rulesets, [path.join(ws.dir, 'nftables.conf')]);
      assert.ok(s.warnings >= 1);
      assert.match(s.text, /^Dockwall: 1 ruleset · \d+ warnings?/);
    });

    it('offers every fix as a quick-fix; each, applied, changes only its span (whole-file goldens)', async () => {
      const text = ws.text('compose.yaml');
      const range = rangeOf(text, '"5432:5432"');
      const actions: CodeAction[] = await ws.lsp.client.sendRequest('textDocument/codeAction', { textDocument: { uri: ws.uri('compose.yaml') }, range, context: { diagnostics: [] } });
      const forDw001 = actions.filter((a) => a.diagnostics?.some((d) => d.code === 'DW001'));
      assert.ok(forDw001.length >= 1, JSON.stringify(actions.map((a) => a.title)));
      const preferred = forDw001.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, 'one preferred fix for DW001');
      assert.equal(preferred[0].title, 'Bind to 127.0.0.1 (only this host can connect)');
      const expose = actions.find((a) => a.title === 'Publish only to other containers (expose)');
      assert.ok(expose && !expose.isPreferred && !expose.diagnostics, 'the expose action is offered, not preferred, for no diagnostic');
      for (const a of actions) {
        assert.equal(a.kind, 'quickfix');
        for (const [uri, edits] of Object.entries(a.edit?.changes ?? {})) {
          const file = path.relative(ws.dir, new URL(uri).pathname);
          const slug = `${a.diagnostics?.[0]?.code ?? 'port'}-${a.title.replace(ws.dir + '/', '').replace(/[^A-Za-z0-9.]+/g, '-').replace(/-+$/, '')}`;
          golden('pair', `${file}.${slug}`, applyTextEdits(ws.text(file), edits));
        }
      }
    });
  });

  it('marks what the simulation cannot decide as unknown, with the reason and the rule (CodeLens, hover)', async () => {
    const ws = await workspace('unknown');
    try {
      await ws.open('compose.yaml');
      const text = ws.text('compose.yaml');
      await ws.lsp.diagnostics(ws.uri('compose.yaml'), () => true);
      const lenses: CodeLens[] = await ws.lsp.client.sendRequest('textDocument/codeLens', { textDocument: { uri: ws.uri('compose.yaml') } });
      assert.deepEqual(lenses.map((l) => l.command?.title), ['unknown: `limit rate 5 mbytes/second` depends on run-time state — the outcome depends on it (accept (forward) / drop)']);
      const h = hoverText(await ws.lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: ws.uri('compose.yaml') }, position: positionOf(text, '8080:80', 1) }));
      assert.match(h, /\| eth0 \(any\) \| ❔ unknown \| ⛔ dropped \|/);
      const line = positionOf(ws.text('nftables.conf'), 'limit rate').line + 1;
      assert.ok(h.includes(`\n5. **unknown**: \`limit rate 5 mbytes/second\` depends on run-time state`), h);
      assert.ok(h.includes(`→ **unknown**: \`limit rate 5 mbytes/second\` depends on run-time state — the outcome depends on it (accept (forward) / drop) ([nftables.conf:${line}](${ws.uri('nftables.conf')}#L${line}))`), h);
    } finally {
      await ws.close();
    }
  });

  it('re-analyses after a ruleset edit: allowing 5432 in the input chain makes DW001 go away', async () => {
    const ws = await workspace('pair');
    try {
      await ws.open('compose.yaml');
      await ws.open('nftables.conf');
      await ws.lsp.diagnostics(ws.uri('compose.yaml'), has('DW001'));
      const text = ws.text('nftables.conf');
      const at = positionOf(text, 'drop comment "PostgreSQL');
      await ws.lsp.change(ws.uri('nftables.conf'), 2, [{ range: { start: at, end: { line: at.line, character: at.character + 4 } }, text: 'accept' }]);
      const p = await ws.lsp.diagnostics(ws.uri('compose.yaml'), lacks('DW001'));
      assert.ok(p.diagnostics.every((d) => d.code !== 'DW001'));
      let r = await ws.lsp.diagnostics(ws.uri('nftables.conf'), () => true);
      while (r.version !== 2) r = await ws.lsp.diagnostics(ws.uri('nftables.conf'), () => true);
      assert.ok(!r.diagnostics.some((d) => d.code === 'syntax'), 'the edited ruleset is still valid');
    } finally {
      await ws.close();
    }
  });

  it('re-analyses after a compose edit: binding 127.0.0.1 makes DW001 go away (and a ruleset on disk only is still paired; analysed in the server thread)', async () => {
    const ws = await workspace('pair', undefined, undefined, 'local');
    try {
      await ws.open('compose.yaml');
      await ws.lsp.diagnostics(ws.uri('compose.yaml'), has('DW001'));
      const at = positionOf(ws.text('compose.yaml'), '5432:5432"');
      await ws.lsp.change(ws.uri('compose.yaml'), 2, [{ range: { start: at, end: at }, text: '127.0.0.1:' }]);
      const p = await ws.lsp.diagnostics(ws.uri('compose.yaml'), lacks('DW001'));
      assert.equal(p.version, 2);
      // The ruleset, not open, loses its findings about 5432 as well.
      const r = await ws.lsp.diagnostics(ws.uri('nftables.conf'), (ds) => !ds.some((d) => /^DW\d+$/.test(String(d.code)) && d.range.start.line === positionOf(ws.text('nftables.conf'), 'tcp dport 5432 drop').line));
      assert.ok(r);
    } finally {
      await ws.close();
    }
  });

  it('applies settings: severity per code and `off`, re-read on didChangeConfiguration', async () => {
    const ws = await workspace('pair', { debounceMs: 0, severity: { DW001: 'error' } });
    try {
      await ws.open('compose.yaml');
      const p = await ws.lsp.diagnostics(ws.uri('compose.yaml'), has('DW001'));
      assert.equal(p.diagnostics.find((d) => d.code === 'DW001')?.severity, 1);
      await ws.lsp.setConfiguration({ debounceMs: 0, severity: { DW001: 'off' } });
      const q = await ws.lsp.diagnostics(ws.uri('compose.yaml'), lacks('DW001'));
      assert.ok(q.diagnostics.length > 0, 'the other findings stay');
    } finally {
      await ws.close();
    }
  });

  it('reads settings from initializationOptions when the client has no workspace/configuration', async () => {
    const ws = await workspace('pair', null, { settings: { dockwall: { debounceMs: 0, severity: { DW001: 'hint' } } } });
    try {
      await ws.open('compose.yaml');
      const p = await ws.lsp.diagnostics(ws.uri('compose.yaml'), has('DW001'));
      assert.equal(p.diagnostics.find((d) => d.code === 'DW001')?.severity, 4);
    } finally {
      await ws.close();
    }
  });

  it('iptables-save ruleset beside a long-syntax port: DW001 on `published`, fix adds host_ip (golden)', async () => {
    const ws = await workspace('iptables');
    try {
      await ws.open('compose.yaml');
      const text = ws.text('compose.yaml');
      const p = await ws.lsp.diagnostics(ws.uri('compose.yaml'), has('DW001'));
      assert.deepEqual(p.diagnostics.find((d) => d.code === 'DW001')?.range, { start: positionOf(text, 'published: 8080', 11), end: positionOf(text, 'published: 8080', 15) });
      const dw001 = p.diagnostics.find((d) => d.code === 'DW001')!;
      const actions: CodeAction[] = await ws.lsp.client.sendRequest('textDocument/codeAction', { textDocument: { uri: ws.uri('compose.yaml') }, range: dw001.range, context: { diagnostics: [], only: ['quickfix'] } });
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix?.edit?.changes);
      assert.ok(!actions.some((a) => /expose/.test(a.title)), 'no expose action for a long-syntax item (not lossless)');
      golden('iptables', 'compose.yaml.DW001-preferred', applyTextEdits(text, fix.edit.changes[ws.uri('compose.yaml')]));
      // Hover on an iptables rule: chain INPUT with its policy.
      await ws.open('rules.v4');
      const rules = ws.text('rules.v4');
      const h = hoverText(await ws.lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: ws.uri('rules.v4') }, position: positionOf(rules, '--dport 22', 3) }));
      assert.match(h, /^\*\*chain INPUT\*\* \(table ip filter\): type filter, hook \*\*input\*\*, priority filter \(0\), policy \*\*drop\*\*/);
      assert.match(h, /rule `-A INPUT -p tcp --dport 22 -j ACCEPT`/);
      assert.match(h, /never traversed by `api 8080\/tcp \(IPv4\)`: Docker DNATs them/);
    } finally {
      await ws.close();
    }
  });

  it('pairs an absolute ruleset path from the settings (e.g. /etc/nftables.conf) with a project of the folder', async () => {
    const files = fixtureFiles('pair');
    const dir = makeWorkspace({ 'compose.yaml': files['compose.yaml'] });
    const etc = makeWorkspace({ 'nftables.conf': files['nftables.conf'] }, 'dockwall-etc-');
    const lsp = await startPair({ debounceMs: 0 }, { folders: [dir], configuration: { debounceMs: 0, rulesets: ['**/*.nft', path.join(etc, 'nftables.conf')] } });
    const uri = fileUri(path.join(dir, 'compose.yaml'));
    try {
      await lsp.open(uri, 'dockercompose', files['compose.yaml']);
      const p = await lsp.diagnostics(uri, has('DW001'));
      assert.ok(p.diagnostics.find((d) => d.code === 'DW001')?.relatedInformation?.some((r) => r.location.uri === fileUri(path.join(etc, 'nftables.conf'))));
    } finally {
      await lsp.dispose();
      rmSync(dir, { recursive: true, force: true });
      rmSync(etc, { recursive: true, force: true });
    }
  });

  it('without workspace folders, a compose file is paired with the rulesets beside it on disk', async () => {
    const files = fixtureFiles('pair');
    const dir = makeWorkspace(files);
    const lsp = await startPair({ debounceMs: 0 });
    const uri = fileUri(path.join(dir, 'compose.yaml'));
    try {
      await lsp.open(uri, 'yaml', files['compose.yaml']);
      await lsp.diagnostics(uri, has('DW001'));
    } finally {
      await lsp.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('notices a ruleset created on disk (workspace/didChangeWatchedFiles) and pairs it', () =>
    composeOnly('pair', { configuration: { debounceMs: 0 } }, async (lsp, uri, dir, files) => {
      await lsp.diagnostics(uri, lacks('DW001'));
      writeFileSync(path.join(dir, 'nftables.conf'), files['nftables.conf']);
      await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(dir, 'nftables.conf')), type: 1 }] });
      await lsp.diagnostics(uri, has('DW001'));
    }));

  it('pairs rulesets imported from the live host (dockwall/importedRulesets) and forgets them', () =>
    composeOnly('iptables', { configuration: { debounceMs: 0 } }, async (lsp, uri, _dir, files) => {
      await lsp.diagnostics(uri, lacks('DW001'));
      await lsp.client.sendNotification('dockwall/importedRulesets', { sources: [{ name: '<host: iptables-save>', text: files['rules.v4'] }] });
      await lsp.diagnostics(uri, has('DW001'));
      const s = await lsp.nextNotification<StatusParams>('dockwall/status', (x) => x.rulesets.includes('<host: iptables-save>'));
      assert.equal(s.projects, 1);
      await lsp.client.sendNotification('dockwall/importedRulesets', { sources: [] });
      await lsp.diagnostics(uri, lacks('DW001'));
    }));

  it('survives failing handlers: the error is logged, the request answered, other files still served', async () => {
    const ws = await workspace('pair');
    try {
      await ws.open('compose.yaml');
      await ws.lsp.diagnostics(ws.uri('compose.yaml'), has('DW001'));
      // Malformed requests and notifications make the handlers throw inside.
      const bad = await ws.lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: ws.uri('compose.yaml') }, position: null });
      assert.equal(bad, null);
      assert.deepEqual(await ws.lsp.client.sendRequest('textDocument/codeAction', { textDocument: { uri: ws.uri('compose.yaml') }, range: null, context: null }), []);
      await ws.lsp.client.sendNotification('textDocument/didChange', { textDocument: { uri: ws.uri('compose.yaml'), version: 9 }, contentChanges: null });
      await ws.lsp.client.sendNotification('dockwall/importedRulesets', null);
      const ok = hoverText(await ws.lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: ws.uri('compose.yaml') }, position: positionOf(ws.text('compose.yaml'), '5432:5432', 1) }));
      assert.match(ok, /\*\*db\*\*/, 'hover still works');
      assert.ok(ws.lsp.logs.some((l) => /^hover failed/.test(l)), `logged: ${ws.lsp.logs.join(' | ')}`);
      assert.ok(ws.lsp.logs.some((l) => /^codeAction failed/.test(l)));
      // Another file is still analysed and published.
      await ws.open('nftables.conf');
      await ws.lsp.diagnostics(ws.uri('nftables.conf'), () => true);
    } finally {
      await ws.close();
    }
  });
});
