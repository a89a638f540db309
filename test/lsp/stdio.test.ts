/**
 * `dockwall lsp --stdio` (what Neovim, Helix and the benchmarks start) serves the same features as
 * the in-process server: run from sources in a child process, spoken to over its pipes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createProtocolConnection, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { fileUri, makeWorkspace } from './harness';

const repoRoot = path.resolve(__dirname, '../..');

describe('LSP: `dockwall lsp --stdio` in a child process', function () {
  this.timeout(30000);

  it('announces the features and publishes DW001 for a compose file paired with its ruleset', async () => {
    const fixture = path.join(__dirname, 'fixtures', 'pair');
    const compose = readFileSync(path.join(fixture, 'compose.yaml'), 'utf8');
    const dir = makeWorkspace({ 'compose.yaml': compose, 'nftables.conf': readFileSync(path.join(fixture, 'nftables.conf'), 'utf8') });
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(repoRoot, 'server/src/cli/main.ts'), 'lsp', '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const uri = fileUri(path.join(dir, 'compose.yaml'));
    const got = new Promise<PublishDiagnosticsParams>((resolve) =>
      conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
        if (p.uri === uri && p.diagnostics.some((d) => d.code === 'DW001')) resolve(p);
      }),
    );
    conn.listen();
    try {
      const init: { capabilities: Record<string, unknown> } = await conn.sendRequest('initialize', {
        processId: null,
        rootUri: fileUri(dir),
        workspaceFolders: [{ uri: fileUri(dir), name: 'ws' }],
        capabilities: {},
        initializationOptions: { settings: { dockwall: { debounceMs: 0 } } },
      });
      for (const c of ['hoverProvider', 'codeActionProvider', 'codeLensProvider', 'inlayHintProvider']) assert.ok(init.capabilities[c], c);
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: compose } });
      const p = await got;
      assert.equal(p.diagnostics.filter((d) => d.code === 'DW001').length, 1);
      await conn.sendRequest('shutdown');
      const exited = new Promise((r) => child.once('exit', r));
      await conn.sendNotification('exit');
      await exited;
    } finally {
      conn.dispose();
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
