import assert from 'node:assert/strict';
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
