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
import { analyseProject, auditView, expected, type Form, FORMS, missingDockerRules, writeDumps, writeProject, type DockwallView } from './dockwall';
import { type Client, findHarness, Harness, type HostDumps, pool, run } from './harness';
import { buildUfwHost } from './ufw';
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

/**
 * How one form's verdict compares with the probe. `race`: the config form disagrees because Docker
 * did not install a rule on the real host (the dump lacks it, and the dump's verdict agrees);
 * `xt-unknown`: `nft list ruleset` could not decode an iptables-nft rule the verdict rests on.
 */
type Outcome = 'agree' | 'disagree' | 'unknown' | 'race' | 'xt-unknown';

interface FormVerdict {
  readonly dockwall: 'open' | 'closed' | 'unknown';
  readonly why: string;
  readonly outcome: Outcome;
}

interface ProbeResult extends Probe {
  readonly real: 'reachable' | 'blocked';
  readonly detail: string;
  /** The verdict of each form that was judged (dump-nft only on iptables-nft hosts). */
  readonly forms: Partial<Record<Form, FormVerdict>>;
  /** For a race: the rules the synthesis has and the host lacks. */
  readonly missing?: readonly string[];
}

interface ScenarioResult {
  readonly scenario: Scenario;
  readonly source: 'generated' | 'regression' | 'replay';
  readonly file?: string;
  /** A regression file's note (why it is kept). */
  readonly note?: string;
  readonly probes: readonly ProbeResult[];
  readonly error?: string;
  readonly skipped?: string;
  readonly seconds: number;
  readonly views?: readonly DockwallView[];
  /** A legacy host's `iptables-nft-save`: what nft-based tools see of it. */
  readonly nftSaveOfLegacy?: string;
}

const outcomes = (r: ProbeResult): Outcome[] => Object.values(r.forms).map((f) => f!.outcome);
const disagrees = (r: ProbeResult): boolean => outcomes(r).includes('disagree');
const violationsOf = (r: ScenarioResult): string[] => (r.views ?? []).flatMap((v) => v.violations.map((x) => `${v.form}: ${x}`));
/**
 * An exposure row that names one of Docker's rules found in a dump as the admin's (`by: "admin"`,
 * `[dumps/rules.v4:N]`): server/src/cli/exposure.ts decides `by` from the rule's file alone. Open
 * (kept by regressions/exposure-docker-dump-rule-as-admin.json): counted once per scenario, not
 * written to regressions/ again.
 */
const exposureByAdmin = (v: string): boolean => /^[\w-]+: exposure row /.test(v);
const seriousViolations = (r: ScenarioResult): string[] => violationsOf(r).filter((v) => !exposureByAdmin(v));
const failingViolations = (r: ScenarioResult): number => seriousViolations(r).length + (violationsOf(r).some(exposureByAdmin) ? 1 : 0);

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

function loadRegression(file: string): { scenario: Scenario; file: string; note?: string } {
  const j = JSON.parse(readFileSync(file, 'utf8')) as { scenario: Scenario; note?: string };
  return { scenario: j.scenario, file: path.basename(file), ...(j.note ? { note: j.note } : {}) };
}

function loadRegressions(): { scenario: Scenario; file: string; note?: string }[] {
  if (!existsSync(REGRESSIONS)) return [];
  return readdirSync(REGRESSIONS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadRegression(path.join(REGRESSIONS, f)));
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
    if (s.ufw) {
      const u = await buildUfwHost(s, dir, h.instance);
      if (typeof u === 'string') return { scenario: s, probes: [], error: `real ufw failed: ${u}`, seconds: secs() };
      paths.rules.push(...u.rules);
    }
    let config: DockwallView;
    try {
      config = await analyseProject(s, dir);
    } catch (e) {
      return { scenario: s, probes: [], error: `dockwall threw: ${e instanceof Error ? e.stack : String(e)}`, seconds: secs() };
    }
    if (config.errors.length) return { scenario: s, probes: [], error: `dockwall input errors: ${config.errors.join('; ')}`, seconds: secs(), views: [config] };
    await h.down();
    const up = await h.up({ version: s.release, iptables: s.iptables, daemon: paths.daemon, rules: paths.rules });
    if (up.code !== 0) return { scenario: s, probes: [], error: `harness up failed: ${tail(up.stderr)}`, seconds: secs(), views: [config] };
    const c = await h.compose(dir);
    if (c.code !== 0) {
      await h.down();
      return { scenario: s, probes: [], error: `compose up failed: ${tail(c.stderr)}`, seconds: secs(), views: [config] };
    }
    await new Promise((r) => setTimeout(r, 300)); // the responders bind within milliseconds of start
    let dumps: HostDumps;
    try {
      dumps = await h.dumps(s.iptables);
    } catch (e) {
      await h.down();
      return { scenario: s, probes: [], error: e instanceof Error ? e.message : String(e), seconds: secs(), views: [config] };
    }
    writeDumps(dir, dumps);
    const probes = probesOf(s);
    // IPv6 addresses of fresh containers are tentative for a second or two (duplicate address
    // detection): a blocked IPv6 probe is tried again once after that, so that only a stable block counts.
    const v6net = /enable_ipv6: true/.test(s.compose);
    const real = await pool(probes, 12, async (p) => {
      let r = await h.probe(p.target.proto, p.target.port, p.from, p.daddr);
      if (!r.reachable && p.family === 6 && v6net) {
        await new Promise((res) => setTimeout(res, 2500));
        r = await h.probe(p.target.proto, p.target.port, p.from, p.daddr);
      }
      return r;
    });
    // `dockwall audit` on the running host, as its admin would run it there.
    const run = h.runDir();
    const audit = await h.host(['env', `DOCKER_HOST=unix://${run}/docker.sock`, `PATH=${path.join(run, 'bin')}:/usr/sbin:/usr/bin:/sbin:/bin`, process.execPath, '-r', 'tsx/cjs', path.join(REPO, 'server/src/cli/main.ts'), 'audit', '--format', 'json']);
    await h.down();
    // The dump forms (the host is down by now: the dumps were taken while it ran).
    const views: DockwallView[] = [config];
    for (const form of FORMS) {
      if (form === 'config' || form === 'audit' || (form === 'dump-nft' && s.iptables === 'legacy')) continue;
      try {
        views.push(await analyseProject(s, dir, form, config));
      } catch (e) {
        return { scenario: s, probes: [], error: `dockwall threw on ${form}: ${e instanceof Error ? e.stack : String(e)}`, seconds: secs(), views };
      }
    }
    views.push(auditView(audit.stdout, audit.code, audit.stderr));
    const formErrors = views.filter((v) => v.errors.length).map((v) => `${v.form}: ${v.errors.join('; ')}`);
    if (formErrors.length) return { scenario: s, probes: [], error: `dockwall input errors: ${formErrors.join(' / ')}`, seconds: secs(), views };
    const results = probes.map((p, i): ProbeResult => {
      const reachable = real[i].reachable;
      const q = { proto: p.target.proto, port: p.target.port, daddr: p.daddr, iif: p.iif, saddr: p.saddr };
      const forms: Partial<Record<Form, FormVerdict>> = {};
      for (const v of views) {
        const exp = expected(v.ports, q);
        const outcome: Outcome = exp.verdict === 'unknown' ? (v.form === 'dump-nft' && v.xtWarned ? 'xt-unknown' : 'unknown') : (exp.verdict === 'open') === reachable ? 'agree' : 'disagree';
        forms[v.form] = { dockwall: exp.verdict, why: exp.why, outcome };
      }
      // Docker's own race: the config form disagrees, the host lacks a rule the synthesis has, and the dump's verdict agrees.
      let missing: string[] | undefined;
      const dumpView = views.find((v) => v.form === 'dump-iptables-save');
      if (forms.config?.outcome === 'disagree' && forms['dump-iptables-save']?.outcome === 'agree' && dumpView) {
        const m = missingDockerRules(config, dumpView, { family: p.family, hostPort: p.target.port, containerPort: p.target.containerPort });
        if (m.length) {
          missing = m;
          forms.config = { ...forms.config, outcome: 'race' };
        }
      }
      return { ...p, real: reachable ? 'reachable' : 'blocked', detail: real[i].detail, forms, ...(missing ? { missing } : {}) };
    });
    if (verbose) for (const r of results) line(`  ${FORMS.map((f) => (r.forms[f]?.outcome ?? '-').padEnd(10)).join(' ')} ${probeText(r)}`);
    return { scenario: s, probes: results, seconds: secs(), views, ...(dumps.nftSaveOfLegacy !== undefined ? { nftSaveOfLegacy: dumps.nftSaveOfLegacy } : {}) };
  } finally {
    if (!process.env.REALDOCKER_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

const tail = (t: string): string => t.trim().split('\n').slice(-6).join(' | ');

function probeText(r: ProbeResult, only?: Form): string {
  const d = r.family === 6 ? `[${r.daddr}]` : r.daddr;
  const forms = (Object.entries(r.forms) as [Form, FormVerdict][]).filter(([f, v]) => (only ? f === only : f === 'config' || v.outcome !== 'agree'));
  const says = forms.map(([f, v]) => `${f} ${v.dockwall}${v.outcome === 'agree' ? '' : ` (${v.outcome})`}: ${v.why}`).join('; ');
  return `${r.target.proto} ${d}:${r.target.port} from ${r.from} (${r.iif}, ${r.saddr}) [${r.target.what}]: real ${r.real} (${r.detail}); ${says}${r.missing ? `; the host lacks ${r.missing.map((m) => `\`${m}\``).join(', ')}` : ''}`;
}

function writeRegression(r: ScenarioResult): string {
  mkdirSync(REGRESSIONS, { recursive: true });
  const file = path.join(REGRESSIONS, `${r.scenario.name}.json`);
  const disagreements = r.probes.filter(disagrees).map((p) => probeText(p));
  writeFileSync(file, JSON.stringify({ scenario: r.scenario, found: new Date().toISOString().slice(0, 10), disagreements, violations: violationsOf(r) }, null, 2) + '\n');
  return path.relative(REPO, file);
}

interface Tally {
  sc: number;
  pr: number;
  f: Record<Form, Record<Outcome, number>>;
}

function tally(rs: readonly ScenarioResult[]): Tally {
  const zero = (): Record<Outcome, number> => ({ agree: 0, disagree: 0, unknown: 0, race: 0, 'xt-unknown': 0 });
  const t: Tally = { sc: rs.length, pr: 0, f: { config: zero(), 'dump-iptables-save': zero(), 'dump-nft': zero(), 'dump-nft-json': zero(), audit: zero() } };
  for (const r of rs)
    for (const p of r.probes) {
      t.pr++;
      for (const [f, v] of Object.entries(p.forms) as [Form, FormVerdict][]) t.f[f][v.outcome]++;
    }
  return t;
}

const judged = (x: Record<Outcome, number>): number => Object.values(x).reduce((a, b) => a + b, 0);
/** `agree/disagree/unknown` of a form, with races and undecodable-xt unknowns where there are any. */
function cell(x: Record<Outcome, number>): string {
  if (!judged(x)) return '-';
  return `${x.agree}/${x.disagree}/${x.unknown}${x['xt-unknown'] ? ` +${x['xt-unknown']} xt` : ''}${x.race ? ` +${x.race} race` : ''}`;
}

function report(results: readonly ScenarioResult[], meta: { seed: number; seconds: number; setup: Record<string, number>; instances: number }): string {
  const out: string[] = [];
  const ran = results.filter((r) => !r.skipped && !r.error);
  const all = tally(ran);
  out.push('# Real-Docker differential suite: last report', '');
  out.push(`Seed ${meta.seed} (REALDOCKER_SEED=${meta.seed} repeats the generated scenarios); ${meta.instances} harness instance(s); ${meta.seconds.toFixed(0)} s in all.`);
  out.push(`Setup (Debian packages, cached under /var/tmp/dwdock): ${Object.entries(meta.setup).map(([v, t]) => `${v} ${t.toFixed(1)} s`).join(', ') || 'none'}.`, '');
  out.push('Measured for real: Docker 20.10.24, 26.1.5 and 28.5.2 (Debian docker.io), each with iptables-nft and iptables-legacy; ufw hosts built by Debian\'s real ufw.');
  out.push("Not measured for real: Docker 29 and Docker's nftables firewall backend (no Debian package runs here); those are judged only against moby's generated rulesets (test/unit/docker-golden.test.ts).", '');
  out.push(
    'Forms: `config` (the admin\'s files or ufw files, Docker\'s rules synthesized), `dump-iptables-save` (iptables-save + ip6tables-save of the running host, plus the admin\'s nftables file), `dump-nft` (`nft list ruleset` alone; iptables-nft hosts only), `dump-nft-json` (`nft -j list ruleset` + iptables-save + ip6tables-save), `audit` (`dockwall audit --format json` run inside the running host: its Engine API, live rulesets and interfaces).',
    'Cells: agree/disagree/unknown; `+N xt`: unknown because `nft list ruleset` cannot decode an iptables-nft rule (warned; that form only); `+N race`: Docker did not install a rule on the real host (not a disagreement).',
    '',
  );
  const violations = ran.flatMap((r) => seriousViolations(r).map((v) => `${r.scenario.name}: ${v}`));
  const byAdmin = ran.map((r) => ({ r, rows: violationsOf(r).filter(exposureByAdmin) })).filter((x) => x.rows.length);
  const races = ran.flatMap((r) => r.probes.filter((p) => p.missing).map((p) => ({ r, p })));
  out.push('| | count |', '|---|---|');
  out.push(`| scenarios run | ${ran.length} (${ran.filter((r) => r.scenario.firewall === 'ufw').length} ufw) |`, `| scenarios the harness or Dockwall could not run | ${results.filter((r) => r.error).length} |`);
  out.push(`| probes | ${all.pr} |`);
  for (const f of FORMS) {
    const x = all.f[f];
    out.push(`| ${f}: judged / agree / disagree / unknown | ${judged(x)} / ${x.agree} / ${x.disagree} / ${x.unknown}${x['xt-unknown'] ? ` (+${x['xt-unknown']} undecodable xt)` : ''}${x.race ? ` (+${x.race} Docker races)` : ''} |`);
  }
  out.push(`| issue-12 violations (Docker's rules not attributed to Docker, findings on them, DW009 on readable rules) | ${violations.length} |`);
  out.push(`| exposure rows giving a Docker rule of a dump as the admin's (open bug, cli/exposure.ts) | ${byAdmin.reduce((n, x) => n + x.rows.length, 0)} rows in ${byAdmin.length} scenarios |`, '');
  const by = (key: (r: ScenarioResult) => string): void => {
    const groups = new Map<string, ScenarioResult[]>();
    for (const r of ran) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
    out.push(`| | scenarios | probes | ${FORMS.join(' | ')} |`, `|---|---|---|${FORMS.map(() => '---').join('|')}|`);
    for (const [k, rs] of [...groups].sort()) {
      const t = tally(rs);
      out.push(`| ${k} | ${t.sc} | ${t.pr} | ${FORMS.map((f) => cell(t.f[f])).join(' | ')} |`);
    }
    out.push('');
  };
  out.push('## Per release and iptables backend', '');
  by((r) => `${r.scenario.release} ${r.scenario.iptables}`);
  out.push('## Per firewall kind', '');
  by((r) => r.scenario.firewall);
  out.push('## Per IP family of the probe', '');
  {
    out.push(`| family | probes | ${FORMS.join(' | ')} |`, `|---|---|${FORMS.map(() => '---').join('|')}|`);
    for (const fam of [4, 6]) {
      const t = tally(ran.map((r) => ({ ...r, probes: r.probes.filter((p) => p.family === fam) })));
      out.push(`| IPv${fam} | ${t.pr} | ${FORMS.map((f) => cell(t.f[f])).join(' | ')} |`);
    }
    out.push('');
  }
  const legacy = ran.filter((r) => r.nftSaveOfLegacy !== undefined);
  if (legacy.length) {
    const blind = legacy.filter((r) => !/^\*(filter|nat|raw|mangle)/m.test(r.nftSaveOfLegacy!)).length;
    out.push(`iptables-legacy hosts: \`iptables-nft-save\` showed none of Docker's tables on ${blind} of ${legacy.length} (legacy tables are invisible to nft-based tools; \`nft list ruleset\` is not judged there).`, '');
  }
  const errs = results.filter((r) => r.error);
  if (errs.length) {
    out.push('## Scenarios the harness or Dockwall could not run', '');
    for (const r of errs) out.push(`- ${r.scenario.name} (${r.scenario.release} ${r.scenario.iptables} ${r.scenario.firewall}): ${r.error}`);
    out.push('');
  }
  out.push("## Docker's own races (Docker did not install its rule on the real host)", '');
  if (!races.length) out.push('None.', '');
  for (const { r, p } of races) out.push(`- ${r.scenario.name} (${r.scenario.release} iptables-${r.scenario.iptables}): ${probeText(p, 'config')}`);
  if (races.length) out.push('');
  out.push("## Issue-12 violations", '');
  if (!violations.length) out.push('None.', '');
  for (const v of violations.slice(0, 60)) out.push(`- ${v}`);
  if (violations.length) out.push('');
  if (byAdmin.length) {
    out.push("Exposure rows that give one of Docker's rules found in a dump as the admin's (`by: \"admin\"`, a dump's file:line instead of `(Docker)`; server/src/cli/exposure.ts decides from the rule's file, not its origin), first of each scenario:", '');
    for (const { r, rows } of byAdmin) out.push(`- ${r.scenario.name} (${rows.length} rows): ${rows[0]}`);
    out.push('');
  }
  out.push('## Disagreements', '');
  if (!ran.some((r) => r.probes.some(disagrees))) out.push('None.', '');
  for (const r of results) {
    const d = r.probes.filter(disagrees);
    if (!d.length) continue;
    out.push(`### ${r.scenario.name}: Docker ${r.scenario.release}, iptables-${r.scenario.iptables}, ${r.scenario.firewall}${r.file ? ` (regressions/${r.file})` : ''}`, '');
    if (r.note) out.push(`Known: ${r.note}`, '');
    out.push(`Features: ${r.scenario.features.join('; ')}`, '');
    for (const p of d) out.push(`- ${probeText(p)}`);
    out.push('', '```yaml', r.scenario.compose.trimEnd(), '```');
    for (const f of r.scenario.files) out.push('', `${f.name}:`, '```', f.text.trimEnd(), '```');
    if (r.scenario.ufw) out.push('', 'ufw: `' + JSON.stringify(r.scenario.ufw) + '`');
    if (r.scenario.daemon) out.push('', 'daemon.json: `' + JSON.stringify(r.scenario.daemon) + '`');
    out.push('');
  }
  const unk = ran.flatMap((r) => r.probes.filter((p) => outcomes(p).some((o) => o === 'unknown' || o === 'xt-unknown')));
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
  const todo: { scenario: Scenario; source: ScenarioResult['source']; file?: string; note?: string }[] = [];
  if (values.replay?.length) {
    for (const f of values.replay) todo.push({ ...loadRegression(f), source: 'replay' });
  } else {
    if (!values['no-regressions']) for (const r of loadRegressions()) todo.push({ ...r, source: 'regression' });
    const count = values.count ? Number(values.count) : values.quick ? 6 : 110;
    line(`generated scenarios: ${count}, seed ${seed} (set REALDOCKER_SEED=${seed} to repeat)`);
    for (const s of generate(seed, count)) todo.push({ scenario: s, source: 'generated' });
  }
  let list = todo;
  if (values.only) {
    const o = values.only;
    list = list.filter((t) => t.scenario.name.includes(o) || t.scenario.firewall === o || t.scenario.release === o || t.scenario.iptables === o || t.scenario.features.some((f) => f.includes(o)));
  }
  if (list.some((t) => t.scenario.firewall === 'ufw')) {
    const r = await run('sh', ['-c', 'command -v ufw']);
    if (r.code !== 0) cannotRun('ufw is not installed (the ufw scenarios run the real ufw)');
  }

  // The machine's own firewall must stay as it is (the ufw hosts are built in scratch namespaces).
  const ownFirewall = async (): Promise<string> => (await run('sh', ['-c', 'iptables-save; ip6tables-save'])).stdout.replace(/^#.*\n/gm, '');
  const firewallBefore = await ownFirewall();

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
          r = { ...(await runScenario(h, t.scenario, responder as string, values.verbose)), source: t.source, file: t.file, ...(t.note ? { note: t.note } : {}) };
        } catch (e) {
          await h.down();
          r = { scenario: t.scenario, source: t.source, file: t.file, probes: [], error: e instanceof Error ? e.message : String(e), seconds: 0 };
        }
        results[i] = r;
        done++;
        const count = (o: Outcome): number => r.probes.reduce((n, p) => n + outcomes(p).filter((x) => x === o).length, 0);
        const d = r.probes.filter(disagrees).length;
        const viol = violationsOf(r);
        line(
          `[${done}/${list.length}] ${t.scenario.name} ${t.scenario.release} ${t.scenario.iptables} ${t.scenario.firewall}${t.source !== 'generated' ? ` (${t.source})` : ''}: ` +
            (r.error ? `ERROR ${r.error}` : `${r.probes.length} probes × ${r.views?.length ?? 0} forms, ${count('disagree')} disagree, ${count('unknown')} unknown${count('xt-unknown') ? ` (+${count('xt-unknown')} xt)` : ''}${count('race') ? `, ${count('race')} Docker race` : ''}${viol.length ? `, ${viol.length} violations` : ''}`) +
            ` (${r.seconds.toFixed(1)} s)`,
        );
        if (d && !values.verbose) for (const p of r.probes.filter(disagrees)) line(`    DISAGREE ${probeText(p)}`);
        for (const p of r.probes.filter((x) => x.missing)) line(`    DOCKER RACE ${probeText(p, 'config')}`);
        for (const v of seriousViolations(r).slice(0, 8)) line(`    VIOLATION ${v}`);
        if ((d || seriousViolations(r).length) && t.source === 'generated') line(`    written to ${writeRegression(r)}`);
      }
    }),
  );
  await stopAll();
  const firewallChanged = (await ownFirewall()) !== firewallBefore;
  if (firewallChanged) line("the machine's own iptables-save / ip6tables-save changed during the run");

  const seconds = (Date.now() - started) / 1000;
  const text = report(results, { seed, seconds, setup, instances });
  writeFileSync(REPORT, text + '\n');
  line('');
  line(text);
  // passed: a probe × form that agrees; failed: one that disagrees, each issue-12 violation, each
  // scenario that could not run, and each form over its unknown budget (1%; an undecodable xt rule
  // in `nft list ruleset` is warned and not counted). A Docker race counts neither way.
  const t = tally(results.filter((r) => !r.error));
  let passed = 0;
  let failed = results.filter((r) => r.error).length + results.reduce((n, r) => n + failingViolations(r), 0) + (firewallChanged ? 1 : 0);
  for (const f of FORMS) {
    const x = t.f[f];
    passed += x.agree;
    failed += x.disagree;
    if (judged(x) && x.unknown / judged(x) > 0.01) {
      line(`${f}: unknown verdicts ${x.unknown} of ${judged(x)} probes (over the 1% budget)`);
      failed++;
    }
  }
  finish(passed, failed, failed ? 1 : 0);
}

main().catch((e) => {
  line(`realdocker suite crashed: ${e instanceof Error ? e.stack : String(e)}`);
  finish(0, 1, 1);
});
