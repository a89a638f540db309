/**
 * The server keeps serving when something goes wrong: files that are not valid UTF-8 or are binary
 * (a diagnostic on the file, the rest analysed), malformed parameters for every handler, an
 * exception inside one project's analysis, and an exception while checking one document's syntax.
 * Exceptions are real ones: a `Languages` whose parser throws on marked texts (the server takes its
 * languages as an argument), and requests and notifications with parameters of the wrong shape.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Diagnostic, Hover } from 'vscode-languageserver';
import { createConnection, createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { GrammarId, Languages } from '../../server/src/core/syntax/languages';
import { languages } from '../../server/src/host/assets';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { startServer } from '../../server/src/lsp/session';
import { fileUri, makeWorkspace, startPair, type LspPair } from './harness';

const PAIR = path.join(__dirname, 'fixtures', 'pair');
const COMPOSE = readFileSync(path.join(PAIR, 'compose.yaml'), 'utf8');
const RULESET = readFileSync(path.join(PAIR, 'nftables.conf'), 'utf8');
const MARK = '# inject-fault';

/** The real languages, except that parsing a text containing {@link MARK} throws. */
async function faultyLanguages(): Promise<Languages> {
  const real = await languages();
  return {
    nftables: real.nftables,
    iptables: real.iptables,
    parser(id: GrammarId) {
      const p = real.parser(id);
      return new Proxy(p, {
        get(target, key) {
          const v = Reflect.get(target, key, target) as unknown;
          if (key === 'parse') {
            return (input: unknown, ...rest: unknown[]) => {
              if (typeof input === 'string' && input.includes(MARK)) throw new Error(`injected fault: ${id} parser`);
              return (v as (...a: unknown[]) => unknown).call(target, input, ...rest);
            };
          }
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    },
  };
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));
const has = (code: string) => (ds: Diagnostic[]) => codes(ds).includes(code);
const hasFinding = (ds: Diagnostic[]): boolean => codes(ds).some((c) => /^DW\d+$/.test(c));
const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

function positionOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return TextDocument.create('x', 'x', 0, text).positionAt(at + 1);
}

async function withPair(files: Record<string, string | Buffer>, fn: (lsp: LspPair, dir: string) => Promise<void>, opts: { backend?: 'local'; languages?: Promise<Languages> } = {}): Promise<void> {
  const dir = makeWorkspace({});
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  const lsp = await startPair({ debounceMs: 0 }, { folders: [dir], configuration: { debounceMs: 0 }, ...opts });
  try {
    await fn(lsp, dir);
  } finally {
    await lsp.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Hovers the db port of `compose.yaml` in `dir` (opened first) and returns the text. */
async function hoverDb(lsp: LspPair, dir: string): Promise<string> {
  const uri = fileUri(path.join(dir, 'compose.yaml'));
  return hoverText(await lsp.client.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(COMPOSE, '5432:5432') }));
}

describe('LSP robustness', function () {
  this.timeout(60_000);

  it('a ruleset with Latin-1 bytes on disk gets an encoding warning and is still analysed; a binary one an error', async () => {
    const latin = Buffer.from(RULESET.replace('"PostgreSQL is private"', '"base privée"').replace('flush ruleset', 'flush ruleset # règles de l\'hôte'), 'latin1');
    await withPair({ 'compose.yaml': COMPOSE, 'nftables.conf': latin, 'b/compose.yaml': COMPOSE, 'b/extra.nft': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]) }, async (lsp, dir) => {
      const conf = fileUri(path.join(dir, 'nftables.conf'));
      const line = RULESET.split('\n').findIndex((l) => l.startsWith('flush ruleset'));
      const column = 'flush ruleset # r'.length;
      const p = await lsp.diagnostics(conf, (ds) => ds.some((d) => d.code === 'encoding'));
      const enc = p.diagnostics.filter((d) => d.code === 'encoding');
      assert.equal(enc.length, 1);
      assert.equal(enc[0].severity, 2 /* warning */);
      assert.deepEqual(enc[0].range, { start: { line, character: column }, end: { line, character: column + 1 } });
      assert.equal(enc[0].message, `file is not valid UTF-8: invalid byte 0xE8 at line ${line + 1}, column ${column + 1}; decoded with replacement characters (U+FFFD) (3 invalid sequences in all)`);
      // The ruleset was analysed: its rule is the one the port bypasses, and the compose file has DW001.
      await lsp.open(fileUri(path.join(dir, 'compose.yaml')), 'dockercompose', COMPOSE);
      await lsp.diagnostics(fileUri(path.join(dir, 'compose.yaml')), has('DW001'));
      assert.match(await hoverDb(lsp, dir), /\*\*db\*\*/);
      const bin = await lsp.diagnostics(fileUri(path.join(dir, 'b/extra.nft')), (ds) => ds.length > 0);
      assert.deepEqual(
        bin.diagnostics.map((d) => [d.severity, d.message]),
        [[1, 'not analysed: binary file (NUL byte at byte offset 7), not text']],
      );
    });
  });

  it('every handler given malformed parameters logs the error, answers with an empty result, and the server keeps serving', async () => {
    await withPair({ 'compose.yaml': COMPOSE, 'nftables.conf': RULESET }, async (lsp, dir) => {
      const uri = fileUri(path.join(dir, 'compose.yaml'));
      await lsp.open(uri, 'dockercompose', COMPOSE);
      await lsp.diagnostics(uri, has('DW001'));
      const c = lsp.client;
      const doc = { textDocument: { uri } };
      // requests: [method, params, the fallback answer, the handler name logged when it throws]
      const requests: [string, unknown, unknown, string | undefined][] = [
        ['textDocument/hover', { ...doc, position: null }, null, 'hover'],
        ['textDocument/hover', { textDocument: null, position: { line: 0, character: 0 } }, null, 'hover'],
        ['textDocument/codeAction', { ...doc, range: null, context: null }, [], 'codeAction'],
        ['textDocument/codeLens', { textDocument: null }, [], 'codeLens'],
        ['textDocument/inlayHint', { ...doc, range: null }, [], 'inlayHint'],
        ['textDocument/inlayHint', {}, [], 'inlayHint'],
        ['dockwall/portPath', {}, null, undefined], // no such document: null without an exception
        ['dockwall/portPath', { uri, position: null }, null, 'portPath'],
      ];
      for (const [method, params, fallback, name] of requests) {
        const before = lsp.logs.length;
        assert.deepEqual(await c.sendRequest(method, params), fallback, `${method} ${JSON.stringify(params)}`);
        if (name) assert.ok(lsp.logs.slice(before).some((l) => l.startsWith(`${name} failed`)), `${method} ${JSON.stringify(params)}: logged (${lsp.logs.slice(before).join(' | ')})`);
      }
      // notifications: [method, params, the logged handler name]
      const notifications: [string, unknown, string][] = [
        ['textDocument/didOpen', { textDocument: null }, 'didOpen'],
        ['textDocument/didChange', { textDocument: { uri, version: 9 }, contentChanges: null }, 'didChange'],
        ['textDocument/didClose', { textDocument: null }, 'didClose'],
        ['workspace/didChangeWatchedFiles', { changes: null }, 'didChangeWatchedFiles'],
        ['dockwall/importedRulesets', { sources: 7 }, 'importedRulesets'],
      ];
      for (const [method, params, name] of notifications) {
        await c.sendNotification(method, params);
        // a request after the notification: handled in order, so the notification has run
        await c.sendRequest('textDocument/codeLens', doc);
        assert.ok(lsp.logs.some((l) => l.startsWith(`${name} failed`)), `${method}: logged (${lsp.logs.join(' | ')})`);
      }
      // Parameters that are not even an object are refused by the protocol layer with an error answer.
      await assert.rejects(c.sendRequest('textDocument/inlayHint', null), /parameters/);
      // Still serving: an edit is analysed and published, hover answers, another file is diagnosed.
      const edited = COMPOSE.replace('"5432:5432"', '"127.0.0.1:5432:5432"');
      await lsp.change(uri, 20, [{ text: edited }]);
      await lsp.diagnostics(uri, (ds) => !ds.some((d) => d.code === 'DW001' && d.range.start.line === positionOf(COMPOSE, '5432:5432').line));
      await lsp.change(uri, 21, [{ text: COMPOSE }]);
      await lsp.diagnostics(uri, has('DW001'));
      assert.match(await hoverDb(lsp, dir), /\*\*db\*\*/);
      const conf = fileUri(path.join(dir, 'nftables.conf'));
      await lsp.open(conf, 'nftables', RULESET);
      await lsp.diagnostics(conf, hasFinding);
    });
  });

  it("an exception in one project's analysis is logged and reported; the other projects are diagnosed and hovered, and it recovers", async () => {
    const files = { 'a/compose.yaml': COMPOSE, 'a/nftables.conf': `${RULESET}${MARK}\n`, 'b/compose.yaml': COMPOSE, 'b/nftables.conf': RULESET };
    await withPair(
      files,
      async (lsp, dir) => {
        const a = fileUri(path.join(dir, 'a/compose.yaml'));
        const b = fileUri(path.join(dir, 'b/compose.yaml'));
        const status = await lsp.nextNotification<StatusParams>('dockwall/status', (s) => s.projects === 2);
        assert.match(status.tooltip, /a: 1 ruleset\(s\), 0 finding\(s\), analysis failed: .*injected fault: nftables parser/, status.tooltip);
        assert.ok(lsp.logs.some((l) => l.startsWith(`analysis of ${path.join(dir, 'a')} failed:`) && l.includes('injected fault')), lsp.logs.join(' | '));
        await lsp.open(b, 'dockercompose', COMPOSE);
        await lsp.diagnostics(b, has('DW001'));
        assert.match(await hoverDb(lsp, path.join(dir, 'b')), /\*\*db\*\*/);
        // The failed project answers requests with nothing rather than an error.
        await lsp.open(a, 'dockercompose', COMPOSE);
        const pa = await lsp.diagnostics(a);
        assert.deepEqual(codes(pa.diagnostics), []);
        assert.equal(await lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: a }, position: positionOf(COMPOSE, '5432:5432') }), null);
        // Opening the ruleset without the faulty text in the editor analyses the project again.
        await lsp.open(fileUri(path.join(dir, 'a/nftables.conf')), 'plaintext', RULESET);
        await lsp.diagnostics(a, has('DW001'));
      },
      { backend: 'local', languages: faultyLanguages() },
    );
  });

  it("an exception while checking one document's syntax does not stop the analysis of the others", async () => {
    // The server's own thread parses open rulesets (syntax); the analysis worker has its own languages.
    await withPair(
      { 'compose.yaml': COMPOSE, 'nftables.conf': RULESET },
      async (lsp, dir) => {
        const compose = fileUri(path.join(dir, 'compose.yaml'));
        const conf = fileUri(path.join(dir, 'nftables.conf'));
        await lsp.open(conf, 'nftables', `${RULESET}${MARK}\n`);
        await lsp.open(compose, 'dockercompose', COMPOSE);
        await lsp.diagnostics(compose, has('DW001'));
        const p = await lsp.diagnostics(conf, hasFinding);
        assert.ok(p.diagnostics.some((d) => d.severity === 1 && /syntax check failed: .*injected fault/.test(String(d.message))), JSON.stringify(p.diagnostics));
        assert.ok(lsp.logs.some((l) => l.includes('injected fault')), lsp.logs.join(' | '));
        // Edits keep being analysed, and the fixed text is checked again.
        await lsp.change(conf, 2, [{ text: RULESET }]);
        await lsp.diagnostics(conf, (ds) => hasFinding(ds) && !ds.some((d) => /syntax check failed/.test(String(d.message))));
      },
      { languages: faultyLanguages() },
    );
  });
});

describe('LSP robustness: the client goes away', function () {
  this.timeout(30_000);

  it('publications that can no longer be written are logged, not left as unhandled rejections', async () => {
    const dir = makeWorkspace({ 'compose.yaml': COMPOSE, 'nftables.conf': RULESET });
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const rejections: unknown[] = [];
    const onRejection = (r: unknown): void => void rejections.push(r);
    process.on('unhandledRejection', onRejection);
    try {
      startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), undefined, { backend: 'local' });
      const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
      client.listen();
      await client.sendRequest('initialize', { processId: null, rootUri: fileUri(dir), workspaceFolders: [{ uri: fileUri(dir), name: 'w' }], capabilities: {}, initializationOptions: { debounceMs: 0 } });
      await client.sendNotification('initialized', {});
      const published = new Promise((resolve) => client.onNotification('textDocument/publishDiagnostics', resolve));
      await published;
      // The pipe to the client breaks (the editor crashed); the client can still write to the server.
      toClient.destroy(new Error('the client went away'));
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri(path.join(dir, 'compose.yaml')), languageId: 'dockercompose', version: 1, text: COMPOSE.replace('5432:5432', '5433:5432') } });
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(rejections.map(String), []);
      client.dispose();
    } finally {
      process.off('unhandledRejection', onRejection);
      toServer.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
