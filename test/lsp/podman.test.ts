/**
 * The language server on a Podman workspace: Quadlet units selected by the default globs, the
 * `.network` unit a `.container` names read beside it, Podman chosen (no daemon.json) and said so,
 * DW001 on the `PublishPort=` value and its quick fix in Quadlet syntax.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { fileUri, makeWorkspace, startPair } from './harness';

const FIX = path.join(__dirname, '..', 'unit', 'fixtures', 'podman', 'quadlet');

describe('lsp: Podman Quadlet workspace', function () {
  this.timeout(60_000);
  it('DW001 on PublishPort=5432:5432 of db.container, fixed by PublishPort=127.0.0.1:5432:5432', async () => {
    const files: Record<string, string> = {};
    for (const f of ['db.container', 'back.network', 'admin.nft']) files[f] = readFileSync(path.join(FIX, f), 'utf8');
    const dir = makeWorkspace(files);
    const lsp = await startPair({ debounceMs: 0 }, { folders: [dir], configuration: { debounceMs: 0, rulesets: ['**/*.nft'] } });
    try {
      const uri = fileUri(path.join(dir, 'db.container'));
      await lsp.open(uri, 'plaintext', files['db.container']);
      const p = await lsp.diagnostics(uri, (ds: Diagnostic[]) => ds.some((d) => d.code === 'DW001'));
      const dw001 = p.diagnostics.find((d) => d.code === 'DW001')!;
      const line = files['db.container'].split('\n').findIndex((l) => l === 'PublishPort=5432:5432');
      assert.deepEqual(dw001.range, { start: { line, character: 12 }, end: { line, character: 21 } });
      assert.ok(p.diagnostics.some((d) => d.code === 'assumed-engine' && /Podman is assumed/.test(String(d.message))), JSON.stringify(p.diagnostics.map((d) => d.message)));
      const actions = (await lsp.client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: dw001.range, context: { diagnostics: [dw001] } })) as CodeAction[];
      const fix = actions.find((a) => a.isPreferred);
      const edits = fix?.edit?.changes?.[uri] ?? [];
      assert.deepEqual(edits.map((e) => e.newText), ['127.0.0.1:'], JSON.stringify(actions));
    } finally {
      await lsp.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
