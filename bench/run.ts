/**
 * `npm run bench [-- --quick] [-- --runs N] [-- --only process] [-- --no-unshare]`: `dockwall check`
 * as a whole process beside `nft -c -f` and `iptables-restore --test` on the same generated files
 * (wall, CPU, peak RSS), then in-process figures: the pipeline's phases, parse throughput,
 * incremental reparse, keystroke-to-diagnostics latency over stdio, and cold start. Prints one
 * table and writes bench/results/latest.json and latest.md (with --quick: quick.json.tmp /
 * quick.md.tmp; with --only process: process.json.tmp / process.md.tmp; not committed).
 *
 * Dockwall's side runs from bundles (as shipped), each measurement in its own node process. The
 * tools run inside `unshare -n` (a private network namespace, as root; run the bench under the
 * machine's namespace lock where there is one) or, with --no-unshare, in the current one, and are
 * skipped with a note when they are missing or the user is not root. Every figure is a median over `--runs` runs unless
 * noted; nothing here is a test and nothing asserts timings.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { composeProject, iptablesSave, nftOfBytes, nftScript } from './gen';
import { coldStart, IPTABLES_RULESET, keystrokes, NFT_RULESET } from './lsp';
import { gnuTimeNote, timeProcess } from './process';
import { median } from './stats';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, runs: { type: 'string' }, edits: { type: 'string' }, only: { type: 'string' }, 'no-unshare': { type: 'boolean' } } });
/** `--only process` / `--only lsp`: the whole-process comparison or the language server's figures alone (written to process.md.tmp / lsp.md.tmp and .json.tmp). */
const ONLY = values.only;
if (ONLY !== undefined && ONLY !== 'process' && ONLY !== 'lsp') throw new Error(`--only: unknown section ${ONLY} (known: process, lsp)`);
const quick = !!values.quick;
const RUNS = Number(values.runs ?? (quick ? 3 : 5));
const EDITS = Number(values.edits ?? (quick ? 20 : 100));

function log(s: string): void {
  process.stderr.write(s + '\n');
}

async function bundleWorker(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const cjs = require.resolve('web-tree-sitter');
  const out = path.join(dir, 'worker.js');
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    entryPoints: [path.join(__dirname, 'worker.ts')],
    outfile: out,
    logLevel: 'warning',
    plugins: [{ name: 'web-tree-sitter-cjs', setup: (b) => void b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: cjs })) }],
  });
  return out;
}

function worker(js: string, mode: string, file: string, n: number): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', js, mode, file, String(n)], { env: { ...process.env, DOCKWALL_WASM: dist }, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`worker ${mode} ${file} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

interface Tool {
  readonly name: string;
  readonly argv: (file: string) => string[];
}
/**
 * `--no-unshare`: the tools run in the current network namespace instead of a private one (for a
 * machine whose namespaces are reserved by other runs). Both only check (`nft -c`,
 * `iptables-restore --test`): nothing is committed either way.
 */
const NO_UNSHARE = !!values['no-unshare'];
const ns = (argv: string[]): string[] => (NO_UNSHARE ? argv : ['unshare', '-n', ...argv]);
const NFT: Tool = { name: 'nft -c -f', argv: (f) => ns(['nft', '-c', '-f', f]) };
const IPT: Tool = { name: 'iptables-restore --test', argv: (f) => ns(['iptables-restore', '--test', f]) };

function toolNote(bin: string): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: the tools need a private network namespace (unshare -n)';
  for (const b of NO_UNSHARE ? [bin] : ['unshare', bin]) {
    const r = spawnSync('sh', ['-c', `command -v ${b}`], { encoding: 'utf8' });
    if (r.status !== 0) return `${b} is not installed`;
  }
  return undefined;
}

function timeTool(tool: Tool, file: string, runs: number): { medianMs: number; ok: boolean; error?: string } {
  const times: number[] = [];
  let ok = true;
  let error: string | undefined;
  for (let i = 0; i < runs; i++) {
    const [cmd, ...args] = tool.argv(file);
    const t = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    times.push(performance.now() - t);
    if (r.status !== 0) {
      ok = false;
      error = (r.stderr || r.stdout).split('\n').slice(0, 3).join(' ');
    }
  }
  return { medianMs: median(times), ok, ...(error ? { error } : {}) };
}

const fmt = (x: unknown, d = 0): string => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '–');

async function lspSection(tmp: string): Promise<{ lsp: Record<string, unknown>[]; cold: Awaited<ReturnType<typeof coldStart>> }> {
  const serverJs = path.join(dist, 'server.js');
  // the iptables-save workspace times ruleset edits only (compose edits are the nft workspace's)
  const workspaces: [string, number, number, 'nftables' | 'iptables'][] = quick
    ? [['typical', 10, 500, 'nftables']]
    : [
        ['typical', 10, 500, 'nftables'],
        ['large', 200, 20000, 'nftables'],
        ['large', 200, 20000, 'iptables'],
      ];
  const lsp: Record<string, unknown>[] = [];
  for (const [name, services, rules, format] of workspaces) {
    log(`lsp ${name}: ${services} services, ${rules} rules (${format})`);
    const dir = path.join(tmp, `ws-${name}-${format}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'compose.yaml'), composeProject(services));
    const kind = format === 'nftables' ? NFT_RULESET : IPTABLES_RULESET;
    writeFileSync(path.join(dir, kind.file), format === 'nftables' ? nftScript(rules) : iptablesSave(rules));
    // every ruleset edit of the typical workspace is timed until analysed; the first 30 of a large one (a few hundred ms each)
    lsp.push({ workspace: name, format, services, rules, ...(await keystrokes(serverJs, dir, EDITS, kind, format === 'nftables', name === 'typical' ? EDITS : 30)) });
  }
  log('cold start');
  const coldDir = path.join(tmp, 'ws-cold'); // its own folder: the server discovers every ruleset under its root
  mkdirSync(coldDir);
  const cold = await coldStart(serverJs, coldDir, RUNS);
  return { lsp, cold };
}

async function main(): Promise<void> {
  if (!existsSync(path.join(dist, 'server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first (npm run bench does)');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-bench-'));
  const started = new Date().toISOString();
  try {
    const workerJs = await bundleWorker(tmp);
    const write = (name: string, text: string): string => {
      const f = path.join(tmp, name);
      writeFileSync(f, text);
      return f;
    };
    log(`inputs in ${tmp}; runs ${RUNS}, edits ${EDITS}${quick ? ' (quick)' : ''}`);

    if (ONLY === 'lsp') {
      const { lsp, cold } = await lspSection(tmp);
      const result = { started, quick, runs: RUNS, machine: machine(), lsp, cold };
      const md = [`# Dockwall benchmarks: language server`, '', `${result.started}, ${result.machine.cpus} × ${result.machine.model}, Node ${result.machine.node}, load average ${(result.machine.load as number[]).join(' ')} (at the end); medians of ${RUNS} runs unless noted.`, '', ...lspMarkdown(result)].join('\n');
      process.stdout.write(md + '\n');
      const outDir = path.join(root, 'bench', 'results');
      writeFileSync(path.join(outDir, 'lsp.json.tmp'), JSON.stringify(result, null, 2) + '\n');
      writeFileSync(path.join(outDir, 'lsp.md.tmp'), md + '\n');
      return;
    }

    // ---------------------------------------------------------------- inputs
    const nftSizes: [string, () => string][] = quick ? [['1k rules', () => nftScript(1000)]] : [['1k rules', () => nftScript(1000)], ['20k rules', () => nftScript(20000)], ['1 MB', () => nftOfBytes(1 << 20)]];
    const iptSizes: [string, () => string, number][] = quick
      ? [['1k rules', () => iptablesSave(1000), RUNS]]
      : [['1k rules', () => iptablesSave(1000), RUNS], ['20k rules', () => iptablesSave(20000), RUNS], ['400k rules', () => iptablesSave(400000), 1]];
    const files: { format: 'nftables' | 'iptables'; size: string; file: string; runs: number }[] = [];
    nftSizes.forEach(([size, gen], i) => files.push({ format: 'nftables', size, file: write(`n${i}.nft`, gen()), runs: RUNS }));
    iptSizes.forEach(([size, gen, runs], i) => files.push({ format: 'iptables', size, file: write(`r${i}.rules`, gen()), runs }));

    // ---------------------------------------------------------------- whole process vs tools
    // `dockwall check` as a user runs it (the shipped CLI bundle, a 10-service compose project,
    // the file as its only ruleset, JSON output discarded) beside the tool on the same file.
    const proj = path.join(tmp, 'project');
    mkdirSync(proj);
    writeFileSync(path.join(proj, 'compose.yaml'), composeProject(10));
    const timeNote = gnuTimeNote();
    const processes: Record<string, unknown>[] = [];
    for (const f of files) {
      log(`process ${f.format} ${f.size}`);
      const note = timeNote ?? (f.format === 'nftables' ? toolNote('nft') : toolNote('iptables-restore'));
      const dwArgv = [process.execPath, path.join(dist, 'cli.js'), '--', 'check', '-f', path.join(proj, 'compose.yaml'), '--ruleset', f.file, '--format', 'json'];
      const tool = f.format === 'nftables' ? NFT : IPT;
      // Side by side: tool, dockwall, tool, dockwall ... so that load changes hit both alike.
      const dwRuns: ReturnType<typeof timeProcess>[] = [];
      const toolRuns: ReturnType<typeof timeProcess>[] = [];
      for (let i = 0; i < f.runs; i++) {
        if (!note) toolRuns.push(timeProcess(tool.argv(f.file), 1, (c) => c === 0));
        if (!timeNote) dwRuns.push(timeProcess(dwArgv, 1, (c) => c === 0 || c === 1));
      }
      const med = (xs: ReturnType<typeof timeProcess>[], k: 'wallMs' | 'cpuMs' | 'maxRssMB'): number | undefined => (xs.length ? median(xs.map((x) => x[k])) : undefined);
      const dw = { wallMs: med(dwRuns, 'wallMs'), cpuMs: med(dwRuns, 'cpuMs'), maxRssMB: med(dwRuns, 'maxRssMB'), status: dwRuns.flatMap((x) => x.status), error: dwRuns.find((x) => x.error)?.error };
      const tl = { wallMs: med(toolRuns, 'wallMs'), cpuMs: med(toolRuns, 'cpuMs'), maxRssMB: med(toolRuns, 'maxRssMB'), error: toolRuns.find((x) => x.error)?.error };
      processes.push({
        format: f.format,
        size: f.size,
        bytes: statSync(f.file).size,
        runs: f.runs,
        dockwall: dw,
        tool: tool.name,
        toolFigures: note ? undefined : tl,
        ...(note ? { toolNote: note } : {}),
        wallRatio: dw.wallMs !== undefined && tl.wallMs !== undefined ? dw.wallMs / tl.wallMs : undefined,
        rssOverMB: dw.maxRssMB !== undefined && tl.maxRssMB !== undefined ? dw.maxRssMB - tl.maxRssMB : undefined,
      });
    }
    if (ONLY === 'process') {
      const result = { started, quick, runs: RUNS, unshare: !NO_UNSHARE, machine: machine(), tools: tools(), processes };
      const md = processMarkdown(result).join('\n');
      process.stdout.write(md + '\n');
      const outDir = path.join(root, 'bench', 'results');
      writeFileSync(path.join(outDir, 'process.json.tmp'), JSON.stringify(result, null, 2) + '\n');
      writeFileSync(path.join(outDir, 'process.md.tmp'), md + '\n');
      return;
    }

    // ---------------------------------------------------------------- throughput
    const throughput: Record<string, unknown>[] = [];
    const thrNft = quick ? files[0].file : files.find((f) => f.size === '1 MB')!.file;
    const thrIpt = write('throughput.rules', iptablesSave(quick ? 1000 : 7600));
    for (const f of [thrNft, thrIpt]) {
      log(`throughput ${path.basename(f)}`);
      throughput.push(worker(workerJs, 'throughput', f, RUNS * 2));
    }

    // ---------------------------------------------------------------- pipeline vs tools, memory
    const nftNote = toolNote('nft');
    const iptNote = toolNote('iptables-restore');
    const pipeline: Record<string, unknown>[] = [];
    for (const f of files) {
      log(`pipeline ${f.format} ${f.size}`);
      const bytes = statSync(f.file).size;
      const dw = worker(workerJs, 'pipeline', f.file, f.runs) as { medianMs: Record<string, number>; maxRssMB: number; rules: number; classes: number; diagnostics: number };
      // peak memory of one analysis, in a process of its own
      const mem = f.runs === 1 ? dw : (worker(workerJs, 'pipeline', f.file, 1) as { maxRssMB: number });
      const note = f.format === 'nftables' ? nftNote : iptNote;
      const tool = note ? undefined : timeTool(f.format === 'nftables' ? NFT : IPT, f.file, f.runs);
      const check = dw.medianMs.read + dw.medianMs.lower + dw.medianMs.build;
      pipeline.push({
        format: f.format,
        size: f.size,
        bytes,
        rules: dw.rules,
        runs: f.runs,
        dockwall: dw.medianMs,
        dockwallCheckMs: check,
        classes: dw.classes,
        diagnostics: dw.diagnostics,
        maxRssMB: mem.maxRssMB,
        tool: f.format === 'nftables' ? NFT.name : IPT.name,
        toolMs: tool?.medianMs,
        toolOk: tool?.ok,
        ...(tool?.error ? { toolError: tool.error } : {}),
        ...(note ? { toolNote: note } : {}),
        ratioFull: tool ? dw.medianMs.total / tool.medianMs : undefined,
        ratioCheck: tool ? check / tool.medianMs : undefined,
      });
    }

    // ---------------------------------------------------------------- incremental reparse
    const incremental: Record<string, unknown>[] = [];
    for (const f of files.filter((x) => x.size === (quick ? '1k rules' : '20k rules'))) {
      log(`incremental ${f.format} ${f.size}`);
      incremental.push({ size: f.size, ...worker(workerJs, 'incremental', f.file, EDITS * 2) });
    }

    // ---------------------------------------------------------------- LSP
    const { lsp, cold } = await lspSection(tmp);

    // ---------------------------------------------------------------- report
    const result = {
      started,
      quick,
      runs: RUNS,
      unshare: !NO_UNSHARE,
      machine: machine(),
      tools: tools(),
      processes,
      throughput,
      pipeline,
      incremental,
      lsp,
      cold,
    };
    const md = markdown(result);
    process.stdout.write(md + '\n');
    const outDir = path.join(root, 'bench', 'results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, quick ? 'quick.json.tmp' : 'latest.json'), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(path.join(outDir, quick ? 'quick.md.tmp' : 'latest.md'), md + '\n');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function lspMarkdown(r: any): string[] {
  const out: string[] = [];
  out.push('## Keystroke to diagnostics (stdio LSP, debounce 0)', '');
  out.push(
    '`node dist/server.js --stdio`; time from `didChange` to the first `publishDiagnostics` of that version (*first*: syntax diagnostics, with the previous findings moved along the edit while an analysis runs) and to the one computed by analysing that version (*analysed*). Ruleset edits are timed until analysed for every edit in the typical workspace and for the first 30 in the large ones (the count is in brackets; the first edit after opening is the slowest); compose port edits for every edit. Both keep the results of the bindings the changed rules cannot meet.',
    '',
  );
  out.push(
    '| workspace | ruleset | services | rules | edits | ruleset first p50 / p95 ms | ruleset analysed p50 / p95 ms | compose first p50 / p95 ms | compose analysed p50 / p95 ms | lost |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const l of r.lsp) {
    const c =
      l.composeP50Ms !== undefined
        ? `${fmt(l.composeP50Ms, 1)} / ${fmt(l.composeP95Ms, 1)} | ${fmt(l.composeAnalysedP50Ms, 1)} / ${fmt(l.composeAnalysedP95Ms, 1)}`
        : l.composeAnalysed
          ? 'not timed | –'
          : 'no compose diagnostics | –';
    out.push(`| ${l.workspace} | ${l.format ?? 'nftables'} | ${l.services} | ${l.rules} | ${l.edits} | ${fmt(l.rulesetP50Ms, 1)} / ${fmt(l.rulesetP95Ms, 1)} | ${fmt(l.rulesetAnalysedP50Ms, 0)} / ${fmt(l.rulesetAnalysedP95Ms, 0)} (${l.rulesetAnalysedEdits}) | ${c} | ${l.lost} |`);
  }
  out.push('', '## Cold start', '', '| initialize answered ms | first diagnostics ms |', '|---:|---:|', `| ${fmt(r.cold.initializeMs)} | ${fmt(r.cold.firstDiagnosticsMs)} |`);
  return out;
}

function machine(): { cpus: number; model: string | undefined; node: string; load: number[] } {
  return { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, load: os.loadavg().map((x) => Number(x.toFixed(2))) };
}

function tools(): Record<string, string> {
  return { nft: toolNote('nft') ?? version('nft', ['--version']), iptables: toolNote('iptables-restore') ?? version('iptables-restore', ['--version']) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function processMarkdown(r: any): string[] {
  const out: string[] = [];
  out.push(`# Dockwall benchmarks`, '');
  out.push(`${r.started}, ${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}, load average ${r.machine.load.join(' ')} (at the end); medians of ${r.runs} runs unless noted.`);
  out.push(`Tools: ${r.tools.nft}; ${r.tools.iptables}. Generated inputs: \`bench/gen.ts\` (seed 1).`, '');
  out.push('## Whole process: `dockwall check` beside the real tools', '');
  out.push(
    `What a user waits for: \`node dist/cli.js check -f compose.yaml --ruleset FILE --format json\` (a 10-service compose project, \`bench/gen.ts\`; process start, module loading, parse, lower, Docker synthesis, simulation, findings, output) beside ${r.unshare === false ? '`nft -c -f FILE` / `iptables-restore --test FILE` (in the current network namespace: `--no-unshare`)' : '`unshare -n nft -c -f FILE` / `unshare -n iptables-restore --test FILE`'}, run alternately. Wall, CPU (user + system) and peak RSS from GNU time.`,
    '',
  );
  out.push('| format | size | bytes | runs | Dockwall wall ms | CPU ms | peak RSS MB | tool | tool wall ms | CPU ms | peak RSS MB | wall ratio | RSS − tool MB |');
  out.push('|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|');
  for (const p of r.processes) {
    const d = p.dockwall;
    const t = p.toolFigures;
    const tool = t ? `${fmt(t.wallMs)}${t.error ? ' (failed)' : ''} | ${fmt(t.cpuMs)} | ${fmt(t.maxRssMB)}` : `skipped: ${p.toolNote} | – | –`;
    out.push(`| ${p.format} | ${p.size} | ${p.bytes} | ${p.runs} | ${fmt(d.wallMs)}${d.error ? ' (failed)' : ''} | ${fmt(d.cpuMs)} | ${fmt(d.maxRssMB)} | \`${p.tool}\` | ${tool} | ${fmt(p.wallRatio, 2)} | ${fmt(p.rssOverMB)} |`);
  }
  out.push('');
  return out;
}

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function markdown(r: any): string {
  const out: string[] = processMarkdown(r);
  out.push('The sections below are in-process figures (one node process per measurement, timed inside it): they show where the time goes, not what a user waits for.', '');
  out.push('## Parse throughput (web-tree-sitter)', '', '| grammar | bytes | median ms | MB/s |', '|---|---:|---:|---:|');
  for (const t of r.throughput) out.push(`| ${t.grammar} | ${t.bytes} | ${fmt(t.medianMs, 1)} | ${fmt(t.mbPerS, 1)} |`);
  out.push('', '## In-process pipeline beside the real tools', '');
  out.push('Dockwall: read + parse + lower + build (*check*), then reach() from eth0 for 3 published ports (*analyse*); *full* is both.');
  out.push('Tools: `unshare -n nft -c -f FILE`, `unshare -n iptables-restore --test FILE` (process start included). Peak RSS: one analysis in its own node process.', '');
  out.push('| format | size | bytes | rules | runs | lower ms | build ms | analyse ms | Dockwall full ms | tool ms | full / tool | check / tool | peak RSS MB |');
  out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const p of r.pipeline) {
    const tool = p.toolNote ? `skipped: ${p.toolNote}` : `${fmt(p.toolMs)}${p.toolOk ? '' : ' (failed)'}`;
    out.push(`| ${p.format} | ${p.size} | ${p.bytes} | ${p.rules} | ${p.runs} | ${fmt(p.dockwall.lower)} | ${fmt(p.dockwall.build)} | ${fmt(p.dockwall.analyse)} | ${fmt(p.dockwall.total)} | ${tool} | ${fmt(p.ratioFull, 2)} | ${fmt(p.ratioCheck, 2)} | ${fmt(p.maxRssMB)} |`);
  }
  out.push('', '## Incremental reparse (tree.edit + parse with the old tree)', '', '| grammar | file | edits | p50 ms | p95 ms |', '|---|---|---:|---:|---:|');
  for (const i of r.incremental) out.push(`| ${i.grammar} | ${i.size} | ${i.edits} | ${fmt(i.p50Ms, 2)} | ${fmt(i.p95Ms, 2)} |`);
  out.push('', ...lspMarkdown(r));
  return out.join('\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
