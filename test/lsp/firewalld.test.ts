/**
 * The language server on a firewalld host (examples/firewalld, and the same host with Podman
 * Quadlet units): DW011 published on the zone's own XML, with DW001's fixes as code actions and its
 * doc in the hover, DW012 on the docker zone's target; edits of unsaved buffers (the zone, the unit) re-analysed and re-published;
 * a `.pod` unit says it is not analysed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver';
import { fileUri, withWorkspace, type LspPair } from './harness';
import type { StatusParams } from '../../server/src/lsp/protocol';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'firewalld');
const QUADLET = path.join(__dirname, '..', 'unit', 'fixtures', 'podman', 'quadlet');
const HOST_FILES = ['host.json', 'etc/firewalld/firewalld.conf', 'etc/firewalld/zones/public.xml', 'etc/firewalld/zones/docker.xml'];

const has = (code: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === code);
const lacks = (code: string) => (ds: Diagnostic[]) => !ds.some((d) => d.code === code);
const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');

/** The publication of `uri` at `version` whose diagnostics satisfy `accept` (earlier ones, e.g. the moved findings published first, are passed over). */
async function at(lsp: LspPair, uri: string, version: number, accept: (d: Diagnostic[]) => boolean) {
  for (;;) {
    const p = await lsp.diagnostics(uri, accept);
    if (p.version === version) return p;
  }
}


describe('lsp: firewalld zone XML and Quadlet units', function () {
  this.timeout(60_000);

  it('DW011 on <zone> of public.xml, its fixes and hover; adding <port port="5432"> to the unsaved zone changes what is said', async () => {
    const files: Record<string, string> = {};
    for (const f of ['compose.yaml', ...HOST_FILES]) files[f] = readFileSync(path.join(EXAMPLE, f), 'utf8');
    await withWorkspace(files, async (lsp, dir) => {
      const zone = fileUri(path.join(dir, 'etc/firewalld/zones/public.xml'));
      const compose = fileUri(path.join(dir, 'compose.yaml'));
      const text = files['etc/firewalld/zones/public.xml'];
      await lsp.open(zone, 'xml', text);
      const p = await lsp.diagnostics(zone, has('DW011'));
      const dw011 = p.diagnostics.find((d) => d.code === 'DW011')!;
      assert.deepEqual(dw011.range, { start: { line: 1, character: 1 }, end: { line: 1, character: 5 } });
      assert.equal(dw011.severity, 2);
      assert.match(String(dw011.message), /^zone public does not allow tcp\/5432 \(its default target rejects what it does not allow: `reject with icmpx admin-prohibited`\), yet service db publishes it \(.*compose\.yaml:5\)/);
      assert.match(String(dw011.message), /filter_FORWARD accepts it \(`ct status dnat accept`/);
      assert.deepEqual(dw011.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[compose, 4]]);
      // the compose item has DW001 at the same time (a closed file, published as well)
      await lsp.diagnostics(compose, has('DW001'));
      // the status counts the firewalld configuration as the host's ruleset
      const status = await lsp.nextNotification<StatusParams>('dockwall/status', (x) => x.rulesets.length > 0);
      assert.deepEqual(status.rulesets, [path.join(dir, 'etc/firewalld')]);
      assert.match(status.text, /^Dockwall: 1 ruleset · /);

      const actions = (await lsp.client.sendRequest('textDocument/codeAction', { textDocument: { uri: zone }, range: dw011.range, context: { diagnostics: [dw011] } })) as CodeAction[];
      const preferred = actions.find((a) => a.isPreferred);
      assert.equal(preferred?.title, 'Bind to 127.0.0.1 (only this host can connect)');
      assert.deepEqual(Object.keys(preferred?.edit?.changes ?? {}), [compose]);
      assert.deepEqual(preferred!.edit!.changes![compose].map((e) => e.newText), ['127.0.0.1:']);
      assert.equal(preferred!.diagnostics?.[0].code, 'DW011');

      const onTag = (await lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: zone }, position: { line: 1, character: 2 } })) as Hover | null;
      assert.match(hoverText(onTag), /DW011/);
      assert.match(hoverText(onTag), /ct status dnat accept/);
      // the ssh service's element is a rule of the firewalld table: its hover is the rule's
      const ssh = text.split('\n').findIndex((l) => l.includes('<service name="ssh"/>'));
      const onSsh = (await lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: zone }, position: { line: ssh, character: 4 } })) as Hover | null;
      assert.match(hoverText(onSsh), /tcp dport 22 accept/);

      // zone docker's target ACCEPT: DW012 on ACCEPT, with its doc in the hover
      const dockerZone = fileUri(path.join(dir, 'etc/firewalld/zones/docker.xml'));
      await lsp.open(dockerZone, 'xml', files['etc/firewalld/zones/docker.xml']);
      const dz = await lsp.diagnostics(dockerZone, has('DW012'));
      const dw012 = dz.diagnostics.find((d) => d.code === 'DW012')!;
      assert.deepEqual([dw012.severity, dw012.range], [3, { start: { line: 1, character: 28 }, end: { line: 1, character: 34 } }]);
      assert.match(String(dw012.message), /^zone docker accepts every packet that comes in by br-[0-9a-f]{12}, docker0 \(target ACCEPT\): a container of network .* connects to 203\.0\.113\.1:3306\/tcp/);
      const onTarget = (await lsp.client.sendRequest('textDocument/hover', { textDocument: { uri: dockerZone }, position: { line: 1, character: 30 } })) as Hover | null;
      assert.match(hoverText(onTarget), /DW012 Containers reach every port of the host/);

      // the zone allows 5432 (unsaved): no DW011, and the compose item is DW002 instead of DW001
      const forward = text.split('\n').findIndex((l) => l.includes('<forward/>'));
      const port = '  <port port="5432" protocol="tcp"/>\n';
      await lsp.change(zone, 2, [{ range: { start: { line: forward, character: 0 }, end: { line: forward, character: 0 } }, text: port }]);
      await at(lsp, zone, 2, lacks('DW011'));
      const composeAfter = await lsp.diagnostics(compose, (ds) => lacks('DW001')(ds) && has('DW002')(ds));
      assert.ok(composeAfter.diagnostics.some((d) => d.code === 'DW002' && /tcp\/5432 of service db/.test(String(d.message))), JSON.stringify(composeAfter.diagnostics));

      // and taken out again: DW011 is back
      await lsp.change(zone, 3, [{ range: { start: { line: forward, character: 0 }, end: { line: forward + 1, character: 0 } }, text: '' }]);
      await at(lsp, zone, 3, has('DW011'));

      // a damaged zone (an unterminated tag while typing) is an error at its place, never a crash
      await lsp.change(zone, 4, [{ range: { start: { line: forward, character: 0 }, end: { line: forward, character: 0 } }, text: '  <port port="5432"\n' }]);
      const broken = await at(lsp, zone, 4, (ds) => ds.some((d) => d.severity === 1 && d.code === 'firewalld'));
      assert.ok(broken.diagnostics.some((d) => d.severity === 1 && d.range.start.line === forward && String(d.message) === '<port> is not closed'), JSON.stringify(broken.diagnostics));
    });
  });

  it('Quadlet units on a firewalld host: DW001 on PublishPort=, DW011 on the zone; binding the unsaved unit to 127.0.0.1 clears both; a .pod unit is said not to be analysed', async () => {
    const files: Record<string, string> = {};
    for (const f of HOST_FILES) files[f] = readFileSync(path.join(EXAMPLE, f), 'utf8');
    for (const f of ['db.container', 'back.network']) files[f] = readFileSync(path.join(QUADLET, f), 'utf8');
    files['web.pod'] = '[Pod]\nPublishPort=8080:80\n';
    await withWorkspace(files, async (lsp, dir) => {
      const unit = fileUri(path.join(dir, 'db.container'));
      const zone = fileUri(path.join(dir, 'etc/firewalld/zones/public.xml'));
      await lsp.open(unit, 'plaintext', files['db.container']);
      await lsp.diagnostics(unit, has('DW001'));
      await lsp.open(zone, 'xml', files['etc/firewalld/zones/public.xml']);
      const p = await lsp.diagnostics(zone, has('DW011'));
      const dw011 = p.diagnostics.find((d) => d.code === 'DW011')!;
      assert.match(String(dw011.message), /^zone public does not allow tcp\/5432 .*yet service db publishes it \(.*db\.container:6\).*: Podman DNATs/);
      const actions = (await lsp.client.sendRequest('textDocument/codeAction', { textDocument: { uri: zone }, range: dw011.range, context: { diagnostics: [dw011] } })) as CodeAction[];
      assert.deepEqual(actions.find((a) => a.isPreferred)?.edit?.changes?.[unit]?.map((e) => e.newText), ['127.0.0.1:']);

      const line = files['db.container'].split('\n').findIndex((l) => l === 'PublishPort=5432:5432');
      await lsp.change(unit, 2, [{ range: { start: { line, character: 12 }, end: { line, character: 12 } }, text: '127.0.0.1:' }]);
      await at(lsp, unit, 2, lacks('DW001'));
      const cleared = await lsp.diagnostics(zone, lacks('DW011'));
      assert.deepEqual(cleared.diagnostics.filter((d) => /^DW/.test(String(d.code))), []);

      const pod = fileUri(path.join(dir, 'web.pod'));
      await lsp.open(pod, 'plaintext', files['web.pod']);
      const note = await lsp.diagnostics(pod, (ds) => ds.length > 0);
      assert.deepEqual(note.diagnostics.map((d) => [d.severity, d.code, String(d.message), d.range.start.line, d.range.start.character]), [[3, 'quadlet', 'Quadlet .pod units are not analysed: the ports this unit publishes are not checked', 1, 12]]);
    });
  });
});
