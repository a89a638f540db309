/**
 * The Dockwall side of the benchmarks, run in a child process from a bundle (as the server and CLI
 * run), one measurement per process so that peak memory belongs to that measurement alone.
 *
 *     node worker.js pipeline FILE RUNS      parse + lower + build + analyse, per phase
 *     node worker.js throughput FILE RUNS    web-tree-sitter parse only (MB/s)
 *     node worker.js incremental FILE EDITS  tree.edit + reparse with the old tree, per edit
 *
 * Prints one JSON object on stdout. Wasm files are read from the directory given in DOCKWALL_WASM.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Edit } from 'web-tree-sitter';
import { buildRuleset } from '../server/src/core/netfilter/build';
import { addBridge, defaultHost } from '../server/src/core/netfilter/host';
import { lowerSource } from '../server/src/core/netfilter/load';
import { reach } from '../server/src/core/netfilter/reach';
import { type GrammarId, loadLanguages } from '../server/src/core/syntax/languages';
import { PUBLISHED } from './gen';
import { median, pct } from './stats';

async function langs(): Promise<Awaited<ReturnType<typeof loadLanguages>>> {
  const dir = process.env.DOCKWALL_WASM ?? path.resolve(__dirname, '../dist');
  return loadLanguages({
    runtime: readFileSync(path.join(dir, 'web-tree-sitter.wasm')),
    nftables: readFileSync(path.join(dir, 'tree-sitter-nftables.wasm')),
    iptables: readFileSync(path.join(dir, 'tree-sitter-iptables.wasm')),
  });
}

const grammarOf = (file: string): GrammarId => (file.endsWith('.nft') ? 'nftables' : 'iptables');

async function pipeline(file: string, runs: number): Promise<object> {
  const t0 = performance.now();
  const L = await langs();
  const load = performance.now() - t0;
  const host = addBridge(defaultHost(), 'docker0', ['172.17.0.1/16']);
  const phases: Record<'read' | 'lower' | 'build' | 'analyse' | 'total', number[]> = { read: [], lower: [], build: [], analyse: [], total: [] };
  let classes = 0;
  let diagnostics = 0;
  let rules = 0;
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    const text = readFileSync(file, 'utf8');
    const b = performance.now();
    // parse + lower: lowerSource parses with web-tree-sitter and lowers the tree
    const low = lowerSource(file, text, L);
    const c = performance.now();
    const rs = buildRuleset(low.value ? [low.value] : []);
    const d = performance.now();
    classes = 0;
    for (const p of PUBLISHED) classes += reach(rs.value, host, { daddr: '198.51.100.1', proto: 'tcp', dport: p.host }, { interfaces: ['eth0'] }).length;
    const e = performance.now();
    phases.read.push(b - a);
    phases.lower.push(c - b);
    phases.build.push(d - c);
    phases.analyse.push(e - d);
    phases.total.push(e - a);
    diagnostics = low.diagnostics.length + rs.diagnostics.length;
    rules = rs.value.tables.reduce((n, t) => n + [...t.chains.values()].reduce((m, ch) => m + ch.rules.length, 0), 0);
  }
  return {
    wasmLoadMs: load,
    medianMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, median(v)])),
    runs,
    rules,
    classes,
    diagnostics,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

async function throughput(file: string, runs: number): Promise<object> {
  const L = await langs();
  const text = readFileSync(file, 'utf8');
  const parser = L.parser(grammarOf(file));
  const times: number[] = [];
  let errors = false;
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    const tree = parser.parse(text);
    times.push(performance.now() - a);
    errors = !!tree?.rootNode.hasError;
    tree?.delete();
  }
  const ms = median(times);
  const mb = Buffer.byteLength(text) / 1e6;
  return { grammar: grammarOf(file), bytes: Buffer.byteLength(text), medianMs: ms, mbPerS: mb / (ms / 1000), hasError: errors, runs };
}

/** Single-character edits at spread-out places: insert a space before a line's end, then remove it. */
async function incremental(file: string, edits: number): Promise<object> {
  const L = await langs();
  let text = readFileSync(file, 'utf8');
  const parser = L.parser(grammarOf(file));
  let tree = parser.parse(text)!;
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const times: number[] = [];
  const point = (offset: number): { row: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - lineStarts[lo] };
  };
  for (let k = 0; k < edits; k++) {
    const line = 1 + Math.floor(((k >> 1) * 7919) % (lineStarts.length - 2));
    const at = lineStarts[line + 1] - 1; // before the newline
    const insert = k % 2 === 0;
    const next = insert ? text.slice(0, at) + ' ' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const p = point(at);
    const p1 = { row: p.row, column: p.column + 1 };
    const edit = new Edit(
      insert
        ? { startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: p, oldEndPosition: p, newEndPosition: p1 }
        : { startIndex: at, oldEndIndex: at + 1, newEndIndex: at, startPosition: p, oldEndPosition: p1, newEndPosition: p },
    );
    const a = performance.now();
    tree.edit(edit);
    const t2 = parser.parse(next, tree)!;
    times.push(performance.now() - a);
    tree.delete();
    tree = t2;
    text = next;
  }
  tree.delete();
  return { grammar: grammarOf(file), edits, p50Ms: pct(times, 50), p95Ms: pct(times, 95) };
}

async function main(): Promise<void> {
  const [mode, file, n] = process.argv.slice(2);
  const count = Number(n ?? 5);
  const out = mode === 'pipeline' ? await pipeline(file, count) : mode === 'throughput' ? await throughput(file, count) : mode === 'incremental' ? await incremental(file, count) : undefined;
  if (!out) {
    process.stderr.write('usage: worker pipeline|throughput|incremental FILE N\n');
    process.exitCode = 2;
    return;
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

void main();
