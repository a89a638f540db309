/**
 * Real-Docker differential suite: Dockwall's exposure report (`dockwall check DIR`, the `ports` of
 * its JSON output) against real packets on real dockerd hosts (Debian's 20.10.24, 26.1.5, 28.5.2 in
 * private network namespaces, shared/tools/realdocker/).
 *
 *   npm run test:realdocker [-- --quick] [-- --count N] [-- --only TEXT] [-- --replay FILE] [-- -v]
 *   REALDOCKER_SEED=1234 npm run test:realdocker
 *
 * Needs root, network namespaces, the harness (../shared/tools/realdocker beside the checkout, or
 * REALDOCKER_SHARED) and gcc with a static libc (the suite's responder, listen46.c). When the
 * harness cannot run it says why; with CI=true that is a failure, otherwise the suite is skipped.
 * The last line is `N passed, N failed` (N = probes compared; a scenario the harness could not run
 * counts as one failure). Scenarios with a disagreement are written to regressions/ and re-run by
 * every later run. The report goes to stdout and test/realdocker/last-report.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyseProject, expected, writeProject, type DockwallView } from './dockwall';
import { type Client, findHarness, Harness, pool, run } from './harness';
import { type Release, type Scenario, type Target, C4, C6, H4, H6, generate } from './scenario';

const HERE = __dirname;
const REPO = path.resolve(HERE, '..', '..');
const REGRESSIONS = path.join(HERE, 'regressions');
const REPORT = path.join(HERE, 'last-report.md');
const CI = process.env.CI === 'true' || process.env.CI === '1';

function line(s = ''): void {
  process.stdout.write(s + '\n');
}

function finish(passed: number, failed: number, code: number): never {
  line(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

/** The harness cannot run here: a failure in CI, a skip elsewhere. */
function cannotRun(why: string): never {
  line(`realdocker suite ${CI ? 'FAILED' : 'skipped'}: ${why}`);
  if (CI) finish(0, 1, 1);
  finish(0, 0, 0);
}

interface Probe {
  readonly target: Target;
  readonly from: Client;
  readonly iif: 'eth0' | 'eth1';
  readonly saddr: string;
  readonly daddr: string;
  readonly family: 4 | 6;
}

interface ProbeResult extends Probe {
  readonly real: 'reachable' | 'blocked';
  readonly detail: string;
  readonly dockwall: 'open' | 'closed' | 'unknown';
  readonly why: string;
  readonly outcome: 'agree' | 'disagree' | 'unknown';
}

interface ScenarioResult {
  readonly scenario: Scenario;
  readonly source: 'generated' | 'regression' | 'replay';
  readonly file?: string;
  readonly probes: readonly ProbeResult[];
  readonly error?: string;
  readonly skipped?: string;
  readonly seconds: number;
  readonly view?: DockwallView;
}

/** Every probe of a scenario: each target at each client's own host address (v4, v6), and at the address it is bound to from both clients. */
function probesOf(s: Scenario): Probe[] {
  const out: Probe[] = [];
  const seen = new Set<string>();
  const add = (target: Target, from: Client, daddr: string): void => {
    const iif = from === 'client' ? 'eth0' : 'eth1';
    const family = daddr.includes(':') ? 6 : 4;
    const saddr = family === 6 ? C6[iif] : C4[iif];
    const key = `${target.proto}|${target.port}|${from}|${daddr}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ target, from, iif, saddr, daddr, family });
  };
  for (const t of s.targets) {
    for (const from of ['client', 'client2'] as const) {
      const iif = from === 'client' ? 'eth0' : 'eth1';
      add(t, from, H4[iif]);
      if (s.v6) add(t, from, H6[iif]);
      // daemon.json `ip` binds only docker0's ports (compose networks keep 0.0.0.0): not a bound address here.
      if (t.bound) add(t, from, t.bound);
    }
  }
  return out;
}

function loadRegressions(): { scenario: Scenario; file: string }[] {
  if (!existsSync(REGRESSIONS)) return [];
  return readdirSync(REGRESSIONS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const j = JSON.parse(readFileSync(path.join(REGRESSIONS, f), 'utf8')) as { scenario: Scenario };
      return { scenario: j.scenario, file: f };
    });
}

async function preflight(script: string | undefined): Promise<string | undefined> {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root (the harness creates network namespaces and runs dockerd)';
  if (!script) return `the harness shared/tools/realdocker/realdocker.sh is not at ${path.resolve(REPO, '..', 'shared')} (set REALDOCKER_SHARED to the shared folder)`;
  for (const tool of ['ip', 'nsenter', 'unshare', 'jq', 'nft', 'iptables', 'gcc']) {
    const r = await run('sh', ['-c', `command -v ${tool}`]);
    if (r.code !== 0) return `${tool} is not installed`;
  }
  const ns = `dwrdcheck${process.pid}`;
  const r = await run('ip', ['netns', 'add', ns]);
  if (r.code !== 0) return `cannot create a network namespace: ${r.stderr.trim()}`;
  await run('ip', ['netns', 'del', ns]);
  return undefined;
}

/** The suite's dual-stack responder, built static once per machine (kept beside the harness's cache). */
async function buildResponder(): Promise<string | { error: string }> {
  const base = process.env.DW_BASE ?? '/var/tmp/dwdock';
  const dir = path.join(base, 'suite');
  mkdirSync(dir, { recursive: true });
  const src = path.join(HERE, 'listen46.c');
  const bin = path.join(dir, 'listen46');
  if (existsSync(bin) && statSync(bin).mtimeMs >= statSync(src).mtimeMs) return bin;
  const r = await run('gcc', ['-static', '-O2', '-s', '-o', bin, src]);
  if (r.code !== 0) return { error: `gcc -static listen46.c failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}` };
  return bin;
}

async function runScenario(h: Harness, s: Scenario, listen46: string, verbose: boolean): Promise<Omit<ScenarioResult, 'source' | 'file'>> {
  const t0 = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), `dwrd-${s.name}-`));
  const secs = (): number => (Date.now() - t0) / 1000;
  try {
    const paths = writeProject(s, dir, listen46);
    let view: DockwallView;
    try {
      view = await analyseProject(s, dir);
    } catch (e) {
      return { scenario: s, probes: [], error: `dockwall threw: ${e instanceof Error ? e.stack : String(e)}`, seconds: secs() };
    }
    if (view.errors.length) return { scenario: s, probes: [], error: `dockwall input errors: ${view.errors.join('; ')}`, seconds: secs(), view };
    await h.down();
    const up = await h.up({ version: s.release, iptables: s.iptables, daemon: paths.daemon, rules: paths.rules });
    if (up.code !== 0) return { scenario: s, probes: [], error: `harness up failed: ${tail(up.stderr)}`, seconds: secs(), view };
    const c = await h.compose(dir);
    if (c.code !== 0) {
      await h.down();
      return { scenario: s, probes: [], error: `compose up failed: ${tail(c.stderr)}`, seconds: secs(), view };
    }
    await new Promise((r) => setTimeout(r, 300)); // the responders bind within milliseconds of start
    const probes = probesOf(s);
    // IPv6 addresses of fresh containers are tentative for a second or two (duplicate address
    // detection): a blocked IPv6 probe is tried again once after that, so that only a stable block counts.
    const v6net = /enable_ipv6: true/.test(s.compose);
    const results = await pool(probes, 12, async (p): Promise<ProbeResult> => {
      let real = await h.probe(p.target.proto, p.target.port, p.from, p.daddr);
      if (!real.reachable && p.family === 6 && v6net) {
        await new Promise((r) => setTimeout(r, 2500));
        real = await h.probe(p.target.proto, p.target.port, p.from, p.daddr);
      }
      const exp = expected(view.ports, { proto: p.target.proto, port: p.target.port, daddr: p.daddr, iif: p.iif, saddr: p.saddr });
      const r = real.reachable ? 'reachable' : 'blocked';
      const outcome = exp.verdict === 'unknown' ? 'unknown' : (exp.verdict === 'open') === real.reachable ? 'agree' : 'disagree';
      return { ...p, real: r, detail: real.detail, dockwall: exp.verdict, why: exp.why, outcome };
    });
    if (verbose) for (const r of results) line(`  ${r.outcome.padEnd(8)} ${probeText(r)}`);
    await h.down();
    return { scenario: s, probes: results, seconds: secs(), view };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tail = (t: string): string => t.trim().split('\n').slice(-6).join(' | ');

function probeText(r: ProbeResult): string {
  const d = r.family === 6 ? `[${r.daddr}]` : r.daddr;
  return `${r.target.proto} ${d}:${r.target.port} from ${r.from} (${r.iif}, ${r.saddr}) [${r.target.what}]: real ${r.real} (${r.detail}); dockwall ${r.dockwall}: ${r.why}`;
}

function writeRegression(r: ScenarioResult): string {
  mkdirSync(REGRESSIONS, { recursive: true });
  const file = path.join(REGRESSIONS, `${r.scenario.name}.json`);
  const disagreements = r.probes.filter((p) => p.outcome === 'disagree').map(probeText);
  writeFileSync(file, JSON.stringify({ scenario: r.scenario, found: new Date().toISOString().slice(0, 10), disagreements }, null, 2) + '\n');
  return path.relative(REPO, file);
}

function report(results: readonly ScenarioResult[], meta: { seed: number; seconds: number; setup: Record<string, number>; skippedUfw: number; instances: number }): string {
  const out: string[] = [];
  const probes = results.flatMap((r) => r.probes);
  const agree = probes.filter((p) => p.outcome === 'agree').length;
  const dis = probes.filter((p) => p.outcome === 'disagree');
  const unk = probes.filter((p) => p.outcome === 'unknown');
  const ran = results.filter((r) => !r.skipped && !r.error);
  out.push('# Real-Docker differential suite: last report', '');
  out.push(`Seed ${meta.seed} (REALDOCKER_SEED=${meta.seed} repeats the generated scenarios); ${meta.instances} harness instance(s); ${meta.seconds.toFixed(0)} s in all.`);
  out.push(`Setup (Debian packages, cached under /var/tmp/dwdock): ${Object.entries(meta.setup).map(([v, t]) => `${v} ${t.toFixed(1)} s`).join(', ') || 'none'}.`, '');
  out.push('Measured for real: Docker 20.10.24, 26.1.5 and 28.5.2 (Debian docker.io), each with iptables-nft and iptables-legacy.');
  out.push("Not measured for real: Docker 29 and Docker's nftables firewall backend (no Debian package runs here); those are judged only against moby's generated rulesets (test/unit/docker-golden.test.ts).", '');
  out.push('| | count |', '|---|---|');
  out.push(`| scenarios run | ${ran.length} |`, `| scenarios the harness could not run | ${results.filter((r) => r.error).length} |`, `| ufw scenarios skipped (no ufw reader yet) | ${meta.skippedUfw} |`);
  out.push(`| probes | ${probes.length} |`, `| agreements | ${agree} |`, `| disagreements | ${dis.length} |`, `| unknown (Dockwall) | ${unk.length} (${probes.length ? ((100 * unk.length) / probes.length).toFixed(2) : '0'}%) |`, '');
  const by = (key: (r: ScenarioResult) => string): void => {
    const m = new Map<string, { sc: number; pr: number; ag: number; di: number; un: number }>();
    for (const r of ran) {
      const k = key(r);
      const e = m.get(k) ?? { sc: 0, pr: 0, ag: 0, di: 0, un: 0 };
      e.sc++;
      e.pr += r.probes.length;
      e.ag += r.probes.filter((p) => p.outcome === 'agree').length;
      e.di += r.probes.filter((p) => p.outcome === 'disagree').length;
      e.un += r.probes.filter((p) => p.outcome === 'unknown').length;
      m.set(k, e);
    }
    out.push('| | scenarios | probes | agree | disagree | unknown |', '|---|---|---|---|---|---|');
    for (const [k, e] of [...m].sort()) out.push(`| ${k} | ${e.sc} | ${e.pr} | ${e.ag} | ${e.di} | ${e.un} |`);
    out.push('');
  };
  out.push('## Per release and iptables backend', '');
  by((r) => `${r.scenario.release} ${r.scenario.iptables}`);
  out.push('## Per firewall kind', '');
  by((r) => r.scenario.firewall);
  out.push('## Per IP family of the probe', '');
  {
    const fams = [4, 6].map((f) => ({ f, ps: probes.filter((p) => p.family === f) }));
    out.push('| family | probes | agree | disagree | unknown |', '|---|---|---|---|---|');
    for (const { f, ps } of fams) out.push(`| IPv${f} | ${ps.length} | ${ps.filter((p) => p.outcome === 'agree').length} | ${ps.filter((p) => p.outcome === 'disagree').length} | ${ps.filter((p) => p.outcome === 'unknown').length} |`);
    out.push('');
  }
  const errs = results.filter((r) => r.error);
  if (errs.length) {
    out.push('## Scenarios the harness or Dockwall could not run', '');
    for (const r of errs) out.push(`- ${r.scenario.name} (${r.scenario.release} ${r.scenario.iptables} ${r.scenario.firewall}): ${r.error}`);
    out.push('');
  }
  out.push('## Disagreements', '');
  if (!dis.length) out.push('None.', '');
  for (const r of results) {
    const d = r.probes.filter((p) => p.outcome === 'disagree');
    if (!d.length) continue;
    out.push(`### ${r.scenario.name}: Docker ${r.scenario.release}, iptables-${r.scenario.iptables}, ${r.scenario.firewall}${r.file ? ` (regressions/${r.file})` : ''}`, '');
    out.push(`Features: ${r.scenario.features.join('; ')}`, '');
    for (const p of d) out.push(`- ${probeText(p)}`);
    out.push('', '```yaml', r.scenario.compose.trimEnd(), '```');
    for (const f of r.scenario.files) out.push('', `${f.name}:`, '```', f.text.trimEnd(), '```');
    if (r.scenario.daemon) out.push('', 'daemon.json: `' + JSON.stringify(r.scenario.daemon) + '`');
    out.push('');
  }
  if (unk.length) {
    out.push('## Unknown', '');
    for (const p of unk.slice(0, 50)) out.push(`- ${probeText(p)}`);
    out.push('');
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      count: { type: 'string' },
      only: { type: 'string' },
      replay: { type: 'string', multiple: true },
      instances: { type: 'string' },
      'no-regressions': { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
    },
  });
  const script = findHarness(REPO);
  const why = await preflight(script);
  if (why) cannotRun(why);
  const responder = await buildResponder();
  if (typeof responder !== 'string') cannotRun(responder.error);

  // ---- scenarios
  const seedText = process.env.REALDOCKER_SEED;
  const seed = seedText !== undefined && /^\d+$/.test(seedText) ? Number(seedText) : Math.floor(Math.random() * 2 ** 31);
  const todo: { scenario: Scenario; source: ScenarioResult['source']; file?: string }[] = [];
  if (values.replay?.length) {
    for (const f of values.replay) todo.push({ scenario: (JSON.parse(readFileSync(f, 'utf8')) as { scenario: Scenario }).scenario, source: 'replay', file: path.basename(f) });
  } else {
    if (!values['no-regressions']) for (const r of loadRegressions()) todo.push({ scenario: r.scenario, source: 'regression', file: r.file });
    const count = values.count ? Number(values.count) : values.quick ? 6 : 110;
    line(`generated scenarios: ${count}, seed ${seed} (set REALDOCKER_SEED=${seed} to repeat)`);
    for (const s of generate(seed, count)) todo.push({ scenario: s, source: 'generated' });
  }
  let list = todo;
  if (values.only) {
    const o = values.only;
    list = list.filter((t) => t.scenario.name.includes(o) || t.scenario.firewall === o || t.scenario.release === o || t.scenario.iptables === o || t.scenario.features.some((f) => f.includes(o)));
  }
  const ufwReader = existsSync(path.join(REPO, 'server', 'src', 'core', 'ufw'));
  const skippedUfw = list.filter((t) => t.scenario.firewall === 'ufw').length;
  if (skippedUfw) line(`ufw scenarios: ${skippedUfw} skipped (${ufwReader ? 'server/src/core/ufw exists, but the suite has no ufw host generator yet' : 'Dockwall does not read ufw hosts yet: server/src/core/ufw is missing'})`);
  list = list.filter((t) => t.scenario.firewall !== 'ufw');

  // ---- setup (Debian packages per release; cached)
  const instances = Math.max(1, Math.min(values.instances ? Number(values.instances) : 2, 2, list.length || 1));
  const harnesses = Array.from({ length: instances }, (_, i) => new Harness(script!, `s${i + 1}`));
  const setup: Record<string, number> = {};
  for (const rel of [...new Set(list.map((t) => t.scenario.release))].sort() as Release[]) {
    const t0 = Date.now();
    const r = await harnesses[0].setup(rel);
    setup[rel] = (Date.now() - t0) / 1000;
    if (r.code !== 0) cannotRun(`realdocker.sh setup --version ${rel} failed: ${tail(r.stderr)}`);
  }
  line(`setup: ${Object.entries(setup).map(([v, t]) => `${v} ${t.toFixed(1)} s`).join(', ')}`);

  // ---- runs
  const results: ScenarioResult[] = new Array(list.length);
  let next = 0;
  let done = 0;
  const stopAll = async (): Promise<void> => {
    await Promise.all(harnesses.map((h) => h.down()));
  };
  const onSignal = (): void => {
    void stopAll().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await Promise.all(
    harnesses.map(async (h) => {
      for (;;) {
        const i = next++;
        if (i >= list.length) return;
        const t = list[i];
        let r: ScenarioResult;
        try {
          r = { ...(await runScenario(h, t.scenario, responder as string, values.verbose)), source: t.source, file: t.file };
        } catch (e) {
          await h.down();
          r = { scenario: t.scenario, source: t.source, file: t.file, probes: [], error: e instanceof Error ? e.message : String(e), seconds: 0 };
        }
        results[i] = r;
        done++;
        const d = r.probes.filter((p) => p.outcome === 'disagree').length;
        const u = r.probes.filter((p) => p.outcome === 'unknown').length;
        line(
          `[${done}/${list.length}] ${t.scenario.name} ${t.scenario.release} ${t.scenario.iptables} ${t.scenario.firewall}${t.source !== 'generated' ? ` (${t.source})` : ''}: ` +
            (r.error ? `ERROR ${r.error}` : `${r.probes.length} probes, ${d} disagree, ${u} unknown`) +
            ` (${r.seconds.toFixed(1)} s)`,
        );
        if (d && !values.verbose) for (const p of r.probes.filter((x) => x.outcome === 'disagree')) line(`    DISAGREE ${probeText(p)}`);
        if (d && t.source === 'generated') line(`    written to ${writeRegression(r)}`);
      }
    }),
  );
  await stopAll();

  const seconds = (Date.now() - started) / 1000;
  const text = report(results, { seed, seconds, setup, skippedUfw, instances });
  writeFileSync(REPORT, text + '\n');
  line('');
  line(text);
  const probes = results.flatMap((r) => r.probes);
  const passed = probes.filter((p) => p.outcome === 'agree').length;
  const unknown = probes.filter((p) => p.outcome === 'unknown').length;
  let failed = probes.filter((p) => p.outcome === 'disagree').length + results.filter((r) => r.error).length;
  if (probes.length && unknown / probes.length > 0.01) {
    line(`unknown verdicts: ${unknown} of ${probes.length} probes (over the 1% budget)`);
    failed++;
  }
  finish(passed, failed, failed ? 1 : 0);
}

main().catch((e) => {
  line(`realdocker suite crashed: ${e instanceof Error ? e.stack : String(e)}`);
  finish(0, 1, 1);
});
