/**
 * Differential test: `dockwall ports --json` (the core, in-process) against the real
 * `docker compose config --format json` on every project of ../shared/corpus/compose and on seeded
 * random projects. Prints `N passed, N failed` and exits non-zero on any disagreement.
 *
 *   npm run test:compose                       # corpus + 600 generated projects, seed from DW_SEED or the date
 *   DW_COUNT=2000 DW_SEED=7 npm run test:compose
 *
 * The compose binary is fetched into .tools/compose when missing (scripts/get-compose.sh). No engine needed.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composePortsJson, loadComposeProject } from '../../server/src/core/compose';
import { createFsReader } from '../../server/src/host/fs-reader';
import { generateProject } from './gen';

const repoRoot = path.resolve(__dirname, '../..');
const shared = path.resolve(repoRoot, '../shared');
const corpus = path.join(shared, 'corpus/compose');
const composeBin = path.join(repoRoot, '.tools/compose/docker-compose');

interface Case {
  readonly label: string;
  readonly dir: string;
  readonly files: string[];
  readonly env: Record<string, string>;
  readonly profiles: string[];
  readonly envFile?: string;
  readonly fragment?: boolean;
}

interface Outcome {
  readonly ok: boolean;
  readonly services?: Record<string, unknown[]>;
  readonly error?: string;
}

function ensureCompose(): void {
  if (fs.existsSync(composeBin)) return;
  process.stdout.write('fetching docker compose into .tools/compose ...\n');
  execFileSync('sh', [path.join(repoRoot, 'scripts/get-compose.sh')], { stdio: 'inherit', cwd: repoRoot });
}

const baseEnv = { PATH: '/usr/bin:/bin', HOME: os.tmpdir() };

function runCompose(c: Case): Promise<Outcome> {
  const args = ['--project-name', 'dwtest'];
  for (const f of c.files) args.push('-f', f);
  if (c.envFile) args.push('--env-file', c.envFile);
  for (const p of c.profiles) args.push('--profile', p);
  args.push('config', '--format', 'json');
  return new Promise((resolve) => {
    execFile(composeBin, args, { cwd: c.dir, env: { ...baseEnv, ...c.env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) {
        resolve({ ok: false, error: (stderr || String(err)).split('\n').filter((l) => !/level=warning/.test(l)).join(' ').trim() });
        return;
      }
      const j = JSON.parse(stdout) as { services?: Record<string, { ports?: unknown[] }> };
      const services: Record<string, unknown[]> = {};
      for (const [k, v] of Object.entries(j.services ?? {})) services[k] = v.ports ?? [];
      resolve({ ok: true, services });
    });
  });
}

function runDockwall(c: Case): { outcome: Outcome; ports: number } {
  const r = loadComposeProject(createFsReader(), {
    cwd: c.dir,
    files: c.files,
    envFiles: c.envFile ? [c.envFile] : undefined,
    profiles: c.profiles,
    projectName: 'dwtest',
    env: { ...baseEnv, ...c.env },
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const e = errors[0];
    return { outcome: { ok: false, error: `${path.basename(e.span.file)}:${e.span.range.start.line + 1}:${e.span.range.start.character + 1}: ${e.message}` }, ports: 0 };
  }
  const j = composePortsJson(r.value);
  const services: Record<string, unknown[]> = {};
  let ports = 0;
  for (const [k, v] of Object.entries(j.services)) {
    services[k] = (v.ports ?? []).map(({ source: _s, ...rest }) => rest);
    ports += services[k].length;
  }
  return { outcome: { ok: true, services }, ports };
}

function canon(o: unknown): string {
  return JSON.stringify(o, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

function corpusCases(): Case[] {
  const cases: Case[] = [];
  const set = (label: string, dir: string, files: string[], profiles: string[] = []): void => {
    cases.push({ label, dir: path.join(corpus, dir), files, env: {}, profiles });
  };
  for (const f of fs.readdirSync(corpus).sort()) {
    const full = path.join(corpus, f);
    if (!fs.statSync(full).isFile() || !/\.ya?ml$/.test(f)) continue;
    set(f, '.', [f]);
    if (/profile/.test(f) || /profiles:/.test(fs.readFileSync(full, 'utf8'))) set(`${f} --profile *`, '.', [f], ['*']);
  }
  // folders: how upstream uses them (SOURCES.md)
  set('compose-spec-override-pair (discovery)', 'compose-spec-override-pair', []);
  set('compose-spec-reset-pair (discovery)', 'compose-spec-reset-pair', []);
  set('docker-compose-extends-pair', 'docker-compose-extends-pair', ['compose.yaml']);
  set('docker-compose-include-pair', 'docker-compose-include-pair', ['compose.yaml']);
  set('docker-elk base', 'docker-elk-override-set', ['docker-compose.yml']);
  set('docker-elk + fleet', 'docker-elk-override-set', ['docker-compose.yml', 'fleet-compose.yml'], ['*']);
  for (const v of [['compose.mariadb.yaml', 'compose.noproxy.yaml'], ['compose.mariadb.yaml', 'compose.traefik.yaml'], ['compose.mariadb.yaml', 'compose.traefik.yaml', 'compose.traefik-ssl.yaml']]) {
    set(`frappe + ${v.join(' + ')}`, 'frappe_docker-override-set', ['compose.yaml', ...v]);
  }
  set('immich', 'immich-extends-pair', ['docker-compose.yml']);
  set('immich hwaccel', 'immich-extends-pair', ['hwaccel.transcoding.yml']);
  set('jitsi + jigasi + jibri', 'jitsi-override-set', ['docker-compose.yml', 'jigasi.yml', 'jibri.yml']);
  set('mailcow (discovery)', 'mailcow-override-set', []);
  set('mattermost + nginx', 'mattermost-override-set', ['docker-compose.yml', 'docker-compose.nginx.yml']);
  set('mattermost without nginx', 'mattermost-override-set', ['docker-compose.yml', 'docker-compose.without-nginx.yml']);
  set('netbox (discovery)', 'netbox-docker-override-pair', []);
  for (const f of ['docker-compose_v3_alpine_mysql_latest.yaml', 'compose_zabbix_components.yaml', 'compose_databases.yaml']) {
    set(`zabbix ${f}`, 'zabbix-docker-extends-set', [f]);
    set(`zabbix ${f} --profile *`, 'zabbix-docker-extends-set', [f], ['*']);
  }
  // a second run of each project with every variable it mentions set to a plausible value
  for (const c of [...cases]) {
    const texts = (c.files.length ? c.files : fs.readdirSync(c.dir).filter((f) => /\.ya?ml$/.test(f))).map((f) => fs.readFileSync(path.join(c.dir, f), 'utf8'));
    const names = new Set<string>();
    for (const t of texts) for (const m of t.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
    if (names.size === 0 || c.profiles.length > 0) continue;
    const env: Record<string, string> = {};
    for (const n of names) env[n] = plausible(n);
    cases.push({ ...c, label: `${c.label} (variables set)`, env });
  }
  return cases;
}

/** A value that fits what a variable of this name is used for in compose files. */
function plausible(name: string): string {
  const n = name.toUpperCase();
  if (/RETRIES|REPLICAS|COUNT|SCALE|CPUS?$|WORKERS/.test(n)) return '3';
  if (/INTERVAL|TIMEOUT|PERIOD|DELAY/.test(n)) return '10s';
  if (/READ_ONLY|ENABLE|DISABLE|PRIVILEGED|^INIT$|IPV6/.test(n)) return 'false';
  if (/PORT/.test(n)) return '8080';
  if (/BIND|_IP$|ADDR/.test(n)) return '127.0.0.1';
  if (/PULL_POLICY/.test(n)) return 'missing';
  if (/RESTART/.test(n)) return 'unless-stopped';
  return '/srv/dw1';
}

/** The spec fragments are `ports:` lists only; wrap them into a service. */
function fragmentCases(tmp: string): Case[] {
  const dir = path.join(corpus, 'fragments');
  const out: Case[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const d = path.join(tmp, `fragment-${f}`);
    fs.mkdirSync(d, { recursive: true });
    // compose 2.26 rejects the spec's unbracketed IPv6 example; the line is left out so the others are compared
    const body = text.split('\n').filter((l) => !/^\s*- "::/.test(l)).map((l) => (l.trim() === '' ? l : `    ${l}`)).join('\n');
    fs.writeFileSync(path.join(d, 'compose.yaml'), `services:\n  app:\n    image: app\n${body}\n`);
    out.push({ label: `fragment ${f}`, dir: d, files: ['compose.yaml'], env: {}, profiles: [] });
  }
  return out;
}

async function pool<T, R>(items: readonly T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}

async function main(): Promise<number> {
  if (!fs.existsSync(corpus)) {
    process.stdout.write(`skipped: ${corpus} is absent (the shared reference folder is not beside this checkout)\n`);
    return 0;
  }
  ensureCompose();
  const count = Number(process.env.DW_COUNT ?? 600);
  const seed = Number(process.env.DW_SEED ?? Math.floor(Date.now() / 86400000));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwall-compose-diff-'));
  const cases: Case[] = [...corpusCases(), ...fragmentCases(tmp)];
  const nCorpus = cases.length;
  for (let i = 0; i < count; i++) {
    const g = generateProject(i, seed);
    const dir = path.join(tmp, `gen-${i}`);
    fs.mkdirSync(dir);
    for (const [f, content] of Object.entries(g.files)) fs.writeFileSync(path.join(dir, f), content);
    cases.push({ label: `generated #${i} (seed ${seed})`, dir, files: g.composeFiles, env: g.env, profiles: g.profiles, envFile: g.envFile });
  }
  const t0 = Date.now();
  const composeOut = await pool(cases, 2, runCompose);
  const t1 = Date.now();
  let passed = 0;
  let failed = 0;
  let ports = 0;
  let bothError = 0;
  const report: string[] = [];
  cases.forEach((c, i) => {
    const theirs = composeOut[i];
    const ours = runDockwall(c);
    let same: boolean;
    if (!theirs.ok || !ours.outcome.ok) {
      same = theirs.ok === ours.outcome.ok;
      if (same) {
        bothError++;
        if (process.env.DW_VERBOSE) process.stdout.write(`both error: ${c.label}: ${theirs.error} | ${ours.outcome.error}\n`);
      }
    } else same = canon(theirs.services) === canon(ours.outcome.services);
    if (same) {
      passed++;
      ports += ours.ports;
    } else {
      failed++;
      if (report.length < 15) {
        const files = Object.entries(c.files.length ? c.files : fs.readdirSync(c.dir)).map(([, f]) => f);
        report.push(
          `FAIL ${c.label} [${c.dir}] files=${files.join(',')} env=${JSON.stringify(c.env)} profiles=${c.profiles.join(',')}\n` +
            `  compose:  ${theirs.ok ? canon(theirs.services) : `error: ${theirs.error}`}\n` +
            `  dockwall: ${ours.outcome.ok ? canon(ours.outcome.services) : `error: ${ours.outcome.error}`}`,
        );
      }
    }
  });
  const t2 = Date.now();
  for (const l of report) process.stdout.write(l + '\n');
  process.stdout.write(
    `corpus cases: ${nCorpus}, generated: ${count} (seed ${seed}); ports compared in agreeing cases: ${ports}; both erroring: ${bothError}\n` +
      `compose ${((t1 - t0) / 1000).toFixed(1)} s (2 in parallel), dockwall ${((t2 - t1) / 1000).toFixed(1)} s\n`,
  );
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  if (!process.env.DW_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  else process.stdout.write(`kept ${tmp}\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
