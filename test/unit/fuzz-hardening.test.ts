/**
 * Regression tests for what fuzzing and the hardening review found: inputs that crashed or blew up
 * must now give one clear diagnostic, and the process must keep working afterwards.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadComposeProject } from '../../server/src/core/compose';
import { MAX_RANGE_PORTS } from '../../server/src/core/compose/ports';
import { MAX_ALIAS_NODES } from '../../server/src/core/compose/yaml';
import { lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { addBridge, defaultHost } from '../../server/src/core/netfilter/host';
import { lowerNftText } from '../../server/src/core/netfilter/lower-nft';
import { lowerNftJson } from '../../server/src/core/netfilter/lower-nftjson';
import { parsePacket } from '../../server/src/core/netfilter/packet';
import { MAX_JUMPS, simulate } from '../../server/src/core/netfilter/simulate';
import { checkSyntax } from '../../server/src/core/syntax/check';
import { MAX_NESTING, parseGuard } from '../../server/src/core/syntax/limits';
import type { Languages } from '../../server/src/core/syntax/languages';
import { languages } from '../../server/src/host/assets';

const repoRoot = path.resolve(__dirname, '../..');
const GOOD = 'table inet f {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\ttcp dport 22 accept\n\t}\n}\n';
/** ~500 nested parentheses overflowed web-tree-sitter's wasm stack and corrupted its memory for good. */
const DEEP = `table e{chain c{ip${'('.repeat(600)}${')'.repeat(600)}}}\n`;

function compose(text: string, env: Record<string, string> = {}): ReturnType<typeof loadComposeProject> {
  const files = new Map([['/p/compose.yaml', text]]);
  return loadComposeProject({ read: (p) => files.get(p), exists: (p) => files.has(p) }, { cwd: '/p', files: ['/p/compose.yaml'], env });
}

describe('hardening against bad input', function () {
  this.timeout(60_000);
  let langs: Languages;
  before(async () => {
    langs = await languages();
  });

  it('deeply nested brackets get a diagnostic and are never parsed; parsing keeps working afterwards', () => {
    const r = checkSyntax(langs, 'deep.nft', DEEP, 'nftables');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].code, 'limit');
    assert.match(r.diagnostics[0].message, new RegExp(`nested deeper than ${MAX_NESTING}`));
    assert.equal(r.diagnostics[0].span.start, DEEP.indexOf('(') + MAX_NESTING - 2); // the bracket past the limit (2 braces before)
    const low = lowerNftText('deep.nft', DEEP, langs);
    assert.deepEqual(low.value.ops, []);
    assert.equal(low.diagnostics[0].code, 'limit');
    const ipt = lowerIptablesText('deep.rules', `*filter\n-A INPUT -m comment --comment x${'['.repeat(300)}\nCOMMIT\n`, langs);
    assert.equal(ipt.diagnostics[0].code, 'limit');
    // the wasm runtime is intact
    assert.deepEqual(checkSyntax(langs, 'good.nft', GOOD, 'nftables').diagnostics, []);
    assert.ok(lowerNftText('good.nft', GOOD, langs).value.ops.length > 0);
  });

  it('a goto loop ends as unknown instead of running forever', () => {
    const text = 'table ip t {\n\tchain c2 {\n\t\tcounter goto c2\n\t}\n\tchain fwd {\n\t\ttype filter hook forward priority 0; policy accept;\n\t\tgoto c2\n\t}\n}\n';
    const rs = buildRuleset([lowerNftText('loop.nft', text, langs).value]).value;
    const r = simulate(rs, addBridge(defaultHost(), 'docker0', ['172.17.0.1/16']), parsePacket('iif=eth0 saddr=198.51.100.2 daddr=172.17.0.2 proto=tcp dport=80').value!);
    assert.equal(r.verdict, 'unknown');
    // Caught before any jump is taken: the kernel refuses the ruleset.
    assert.match(r.reason!.message, /loop \(c2 → c2\).*ELOOP/);
    assert.equal(r.branches, 1);
  });

  it('jumps that double at every level (no loop) end as unknown at the jump bound', () => {
    // c0 jumps to c1 twice, c1 to c2 twice, ...: 2^14 jumps on one path.
    const levels = 14;
    const chains = Array.from({ length: levels }, (_, i) => `\tchain c${i} {\n\t\tjump c${i + 1}\n\t\tjump c${i + 1}\n\t}\n`).join('');
    const text = `table ip t {\n${chains}\tchain c${levels} {\n\t\tcounter\n\t}\n\tchain fwd {\n\t\ttype filter hook forward priority 0; policy accept;\n\t\tjump c0\n\t}\n}\n`;
    const rs = buildRuleset([lowerNftText('dag.nft', text, langs).value]).value;
    const r = simulate(rs, addBridge(defaultHost(), 'docker0', ['172.17.0.1/16']), parsePacket('iif=eth0 saddr=198.51.100.2 daddr=172.17.0.2 proto=tcp dport=80').value!);
    assert.equal(r.verdict, 'unknown');
    assert.match(r.reason!.message, new RegExp(`more than ${MAX_JUMPS} jumps and gotos`));
  });

  it('a rule followed by a long run of blanks lowers without quadratic backtracking; handles still read', () => {
    const text = `table ip t {\n\tchain c {\n\t\taccept${' '.repeat(200_000)}\n\t\tdrop # handle 7\n\t}\n}\n`;
    const t = Date.now();
    const ops = lowerNftText('blanks.nft', text, langs).value.ops;
    assert.ok(Date.now() - t < 10_000, 'hang detector'); // was minutes: /^\s*;?\s*#.../ on 200k blanks
    const rules = ops.filter((o) => o.op === 'addRule');
    assert.deepEqual(rules.map((o) => (o.op === 'addRule' ? o.rule.handle : -1)), [undefined, 7]);
  });

  it('nft JSON: a type string with a long run of blanks lowers without quadratic backtracking', () => {
    const text = JSON.stringify({ nftables: [{ add: { table: { family: 'inet', name: 't' } } }, { add: { set: { family: 'inet', table: 't', name: 's', type: `ipv4_addr${' '.repeat(200_000)}. inet_service` } } }] });
    const t = Date.now();
    const r = lowerNftJson('blanks.json', text);
    assert.ok(Date.now() - t < 10_000, 'hang detector'); // split(/\s*\.\s*/) took minutes
    const set = r.value.ops.find((o) => o.op === 'addSet');
    assert.deepEqual(set && set.op === 'addSet' ? set.set.keyType : [], ['ipv4_addr', 'inet_service']);
  });

  it('a chain jumping into itself past unmodelled statements stops forking and answers unknown', () => {
    const text = readFileSync(path.join(repoRoot, 'test/fuzz/regressions/sim/self-jump-forks.nft'), 'utf8');
    const rs = buildRuleset([lowerNftText('self.nft', text, langs).value]).value;
    const t = Date.now();
    const r = simulate(rs, addBridge(defaultHost(), 'docker0', ['172.17.0.1/16']), parsePacket('iif=eth0 saddr=10.1.2.3 daddr=172.17.0.2 proto=tcp dport=80').value!);
    assert.ok(Date.now() - t < 30_000, 'hang detector'); // was: forks exponential in the jump depth
    assert.equal(r.verdict, 'unknown');
  });

  it('brackets in comments and strings do not count; ordinary nesting passes', () => {
    const text = `# ${'('.repeat(500)} ${'='.repeat(500)}\ntable ip t { chain c { meta mark set 1 comment "${'{'.repeat(500)}" } }\n`;
    assert.equal(parseGuard('x.nft', text), undefined);
    assert.equal(parseGuard('x.nft', GOOD), undefined);
  });

  it('a long run of one punctuation character is refused (error recovery built a tree as deep as the run)', () => {
    const text = readFileSync(path.join(repoRoot, 'test/fuzz/regressions/nft/dot-run-deep-tree.nft'), 'utf8');
    const r = checkSyntax(langs, 'dots.nft', text, 'nftables');
    assert.equal(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0].message, /a run of more than 128 '\.' characters/);
    assert.deepEqual(checkSyntax(langs, 'good.nft', GOOD, 'nftables').diagnostics, []);
  });

  it('NUL bytes: a binary file gets one diagnostic at the first NUL', () => {
    const text = 'table ip t {\n\u0000\u0001\u0002}';
    const r = checkSyntax(langs, 'bin.nft', text, 'nftables');
    assert.equal(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0].message, /NUL bytes/);
    assert.deepEqual(r.diagnostics[0].span.range.start, { line: 1, character: 0 });
  });

  it('the CLI reports the deep-nesting file and exits 1 instead of an internal error', function () {
    const cli = path.join(repoRoot, 'dist/cli.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dw-harden-'));
    try {
      writeFileSync(path.join(dir, 'deep.nft'), DEEP);
      writeFileSync(path.join(dir, 'good.nft'), GOOD);
      const r = spawnSync(process.execPath, [cli, 'parse', path.join(dir, 'deep.nft'), path.join(dir, 'good.nft')], { encoding: 'utf8' });
      if (r.error || /Cannot find module/.test(r.stderr)) this.skip(); // dist/ not built
      assert.doesNotMatch(r.stderr, /internal error|RuntimeError/);
      assert.match(r.stdout, /deep\.nft:1:\d+: error: brackets nested deeper than 128 levels/);
      assert.equal(r.status, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`compose: a port range is expanded to at most ${MAX_RANGE_PORTS} ports, with a warning on the item`, () => {
    const r = compose('services:\n  s:\n    image: x\n    ports:\n      - "1-65535:1-65535"\n      - "8080:80"\n');
    const ports = r.value.services.get('s')!.ports;
    assert.equal(ports.length, MAX_RANGE_PORTS + 1);
    assert.ok(ports.some((p) => p.published === '1' && p.target === 1));
    assert.ok(ports.some((p) => p.published === String(MAX_RANGE_PORTS)));
    assert.ok(!ports.some((p) => p.published === String(MAX_RANGE_PORTS + 1)));
    const w = r.diagnostics.filter((d) => d.severity === 'warning');
    assert.equal(w.length, 1);
    assert.match(w[0].message, /a range of 65535 ports; Dockwall analyses only the first 1024/);
    assert.equal(w[0].span.range.start.line, 4);
  });

  it('compose: nested aliases ("billion laughs") stop after a bounded expansion with a diagnostic', () => {
    const lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`x-${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(',')}]`);
    lines.push('services:', '  s:', '    image: x', '    ports: ["80:80"]');
    const t = Date.now();
    const r = compose(lines.join('\n'));
    assert.ok(Date.now() - t < 30_000, 'expansion is bounded'); // unbounded: 9^10 values, hours
    const d = r.diagnostics.filter((x) => x.message.includes('aliases expand'));
    assert.equal(d.length, 1);
    assert.match(d[0].message, new RegExp(`more than ${MAX_ALIAS_NODES}`));
    assert.equal(r.value.services.get('s')!.ports.length, 1);
  });

  it('compose: ordinary aliases and merges are untouched by the bound', () => {
    const r = compose('x-p: &p ["8080:80"]\nservices:\n  a:\n    image: x\n    ports: *p\n  b:\n    image: x\n    ports: *p\n');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.value.services.get('b')!.ports[0].published, '8080');
  });
});
