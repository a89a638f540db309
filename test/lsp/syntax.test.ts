import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkSyntax } from '../../server/src/core/syntax/check';
import { languages } from '../../server/src/host/assets';
import { startPair, type LspPair } from './harness';

const rangeOf = (d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

describe('LSP: syntax diagnostics over real streams', () => {
  let lsp: LspPair;
  before(async () => {
    lsp = await startPair();
  });
  after(async () => {
    await lsp.dispose();
  });

  it('reports a broken nftables rule at its exact range, then clears it after the fix', async () => {
    const uri = 'file:///tmp/dockwall-test/broken.nft';
    const text = ['table inet filter {', '  chain input {', '    type filter hook input priority filter; policy drop;', '    tcp dport 22 accept', '    tcp dport @@ accept', '  }', '}', ''].join('\n');
    await lsp.open(uri, 'nftables', text);
    const p = await lsp.diagnostics(uri, (d) => d.length > 0);
    assert.ok(p.diagnostics.every((d) => d.source === 'dockwall' && d.severity === 1));
    const first = p.diagnostics[0];
    assert.equal(first.range.start.line, 4, `diagnostic on line 5, got ${rangeOf(first)}`);
    assert.ok(first.range.start.character >= 14 && first.range.end.character <= 16 + 7, rangeOf(first));
    assert.match(typeof first.message === 'string' ? first.message : first.message.value, /@@|syntax error|missing/);

    await lsp.change(uri, 2, [{ range: { start: { line: 4, character: 14 }, end: { line: 4, character: 16 } }, text: '80' }]);
    const fixed = await lsp.diagnostics(uri, (d) => d.length === 0);
    assert.equal(fixed.version, 2);
  });

  it('reports a broken iptables-save line at its exact range', async () => {
    const uri = 'file:///tmp/dockwall-test/rules.v4';
    const text = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 80 -j "ACCEPT', 'COMMIT', ''].join('\n');
    await lsp.open(uri, 'iptables', text);
    const p = await lsp.diagnostics(uri, (d) => d.length > 0);
    const lines = new Set(p.diagnostics.map((d) => d.range.start.line));
    assert.ok(lines.has(3), `expected an error on line 4, got ${p.diagnostics.map(rangeOf).join(', ')}`);
    assert.ok(!lines.has(2) && !lines.has(1), 'valid lines carry no diagnostic');
  });
});

describe('LSP: incremental re-parse agrees with a full parse', () => {
  let lsp: LspPair;
  before(async () => {
    lsp = await startPair();
  });
  after(async () => {
    await lsp.dispose();
  });

  it('after a series of edits (several per notification, across lines), the published syntax errors equal those of a fresh parse', async () => {
    const uri = 'file:///tmp/dockwall-test/incremental.nft';
    const start = ['table inet filter {', '  chain input {', '    type filter hook input priority filter; policy drop;', '    tcp dport 22 accept', '  }', '}', ''].join('\n');
    let doc = TextDocument.create(uri, 'nftables', 1, start);
    await lsp.open(uri, 'nftables', start);
    await lsp.diagnostics(uri, (d) => d.length === 0);
    const pos = (line: number, character: number) => ({ line, character });
    const steps: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[][] = [
      [{ range: { start: pos(3, 23), end: pos(3, 23) }, text: '\n    tcp dport @@ accept' }],
      [
        { range: { start: pos(4, 14), end: pos(4, 16) }, text: '80' },
        { range: { start: pos(2, 0), end: pos(2, 0) }, text: '    ip saddr 10.0.0.0/8 counter drop\n' },
      ],
      [{ range: { start: pos(1, 2), end: pos(1, 7) }, text: 'chian' }],
      [{ range: { start: pos(0, 0), end: pos(6, 0) }, text: '# 😀 emoji first\n' + start }],
    ];
    let version = 1;
    for (const changes of steps) {
      version++;
      doc = TextDocument.update(doc, changes, version);
      await lsp.change(uri, version, changes);
      const v = version;
      let got = await lsp.diagnostics(uri, () => true);
      while (got.version !== v) got = await lsp.diagnostics(uri, () => true);
      const fresh = checkSyntax(await languages(), '/tmp/dockwall-test/incremental.nft', doc.getText(), 'nftables').diagnostics.map((d) => `${rangeOf({ range: d.span.range })} ${d.message}`);
      assert.deepEqual(got.diagnostics.map((d) => `${rangeOf(d)} ${d.message}`), fresh, `after edit ${version - 1}:\n${doc.getText()}`);
    }
  });
});
