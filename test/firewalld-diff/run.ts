/**
 * Differential test of Dockwall's firewalld model against Debian's real firewalld
 * (`npm run test:firewalld`, root).
 *
 * Seeded, generated configurations (generate.ts) are written as /etc/firewalld would hold them and
 * loaded by the real firewalld in a scratch network and mount namespace with a private dbus
 * (harness.sh). The same files are given to `loadFirewalld` (with Dockwall's built-in zones,
 * policies and service table, not the package's files), and the model's `inet firewalld` table is
 * compared with `nft list table inet firewalld` of that namespace: the chain set, the base chains'
 * hooks and priorities, every rule of every chain in order (compare.ts); where a configuration has a
 * direct.xml, the iptables-nft tables of `iptables-save` / `ip6tables-save` likewise. The built-in service
 * table is also compared with the package's service files.
 *
 * Then DW001's firewalld fix is probed on a real firewalld + dockerd 20.10 host (probe.ts), and
 * rootful Podman on a real firewalld host is judged by its probes and rules (podman.ts); run the
 * suite under `flock -o /tmp/dw-netns.lock`.
 *
 * Options: --count N (default 60), --seed S, --jobs J (default 2), --keep (keep the folders).
 * Prints one line per disagreement and ends with `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFirewalld } from '../../server/src/core/firewalld';
import { readService } from '../../server/src/core/firewalld/config';
import { BUILTIN_SERVICES } from '../../server/src/core/firewalld/services';
import { languages } from '../../server/src/host/assets';
import { inParallel, readyToRun, runHarness, suiteOptions, Tally } from '../diff-harness';
import { compareDirect, compareFirewalld, configOf, firewalldTable, lowerListing } from './compare';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import { generate, type Generated } from './generate';
import { probeDirectFix, probeDockerZone } from './probe';
import { probePodman } from './podman';
import { DIRECT_FILES } from '../../server/src/core/firewalld/direct';

const HARNESS = path.join(__dirname, 'harness.sh');
const SYSTEM = '/usr/lib/firewalld';

function write(dir: string, g: Generated): void {
  const etc = path.join(dir, 'etc');
  mkdirSync(path.join(etc, 'zones'), { recursive: true });
  mkdirSync(path.join(etc, 'policies'), { recursive: true });
  writeFileSync(path.join(etc, 'firewalld.conf'), g.conf);
  for (const [n, x] of g.zones) writeFileSync(path.join(etc, 'zones', `${n}.xml`), x);
  for (const [n, x] of g.policies) writeFileSync(path.join(etc, 'policies', `${n}.xml`), x);
  if (g.direct) writeFileSync(path.join(etc, 'direct.xml'), g.direct);
}

async function main(): Promise<void> {
  const { count, seed, jobs, keep } = suiteOptions({ count: 60, seed: 20261205, jobs: 2 });
  if (!readyToRun('firewalld-diff', ['firewalld', 'firewall-cmd', 'dbus-daemon', 'ip', 'unshare', 'nft'])) return;
  const L = await languages();
  const started = Date.now();
  const tally = new Tally();
  const fail = (line: string): void => tally.fail(line);

  // the built-in service table against the package's service files
  let compared = 0;
  for (const [name, svc] of BUILTIN_SERVICES) {
    const f = path.join(SYSTEM, 'services', `${name}.xml`);
    if (!existsSync(f)) {
      fail(`service ${name}: no ${f}`);
      continue;
    }
    const real = readService({ file: f, text: readFileSync(f, 'utf8') }).service;
    const key = (s: typeof svc | undefined) => JSON.stringify([s?.ports, s?.protocols, s?.destination ?? {}, s?.helpers]);
    compared++;
    if (key(real) !== key({ ...svc, destination: svc.destination ?? {} })) fail(`service ${name}: built-in ${key(svc)} vs ${f} ${key(real)}`);
  }
  if (compared === BUILTIN_SERVICES.size) tally.pass();

  const root = mkdtempSync(path.join(os.tmpdir(), 'firewalld-diff-'));
  const items = Array.from({ length: count }, (_, i) => ({ i, g: generate(seed + i), dir: path.join(root, `c${i}`) }));
  await inParallel(items, jobs, async ({ i, g, dir }, w) => {
    write(dir, g);
    const code = await runHarness(HARNESS, `dwfwd${process.pid % 1000}-${w}`, dir);
    const out = path.join(dir, 'out');
    if (code !== 0 && existsSync(path.join(out, 'refused'))) {
      // firewalld refused the configuration (and fell back to its stock one): the model must say so
      const load = loadFirewalld(configOf(path.join(dir, 'etc')), L);
      if (load.diagnostics.some((d) => d.severity === 'error')) tally.pass();
      else fail(`config ${i} (seed ${seed + i}, ${dir}): firewalld refused it (${refusal(path.join(out, 'firewalld.log'))}) but the model reports no error`);
      return;
    }
    if (code !== 0) {
      const log = existsSync(path.join(out, 'log')) ? readFileSync(path.join(out, 'log'), 'utf8') : '';
      fail(`config ${i} (seed ${seed + i}, ${dir}): the real firewalld failed (exit ${code}): ${(readFileSync(path.join(dir, 'harness.err'), 'utf8') + log).trim().split('\n').slice(-4).join(' | ')}`);
      return;
    }
    const load = loadFirewalld(configOf(path.join(dir, 'etc')), L);
    const problems: string[] = [];
    for (const d of [...load.diagnostics, ...load.value.fragment.diagnostics].filter((x) => x.severity === 'error')) problems.push(`model error ${d.span.file}:${d.span.range.start.line + 1}: ${d.message}`);
    const real = lowerListing(path.join(out, 'nft'), readFileSync(path.join(out, 'nft'), 'utf8'), L);
    problems.push(...real.errors.map((e) => `listing not lowered cleanly: ${e}`));
    problems.push(...compareFirewalld(real.table, firewalldTable(load.value.fragment.value)));
    // direct.xml: the iptables-nft tables (both sides through the iptables lowering)
    for (const [family, dump] of [['ip', 'iptables'], ['ip6', 'ip6tables']] as const) {
      const text = existsSync(path.join(out, dump)) ? readFileSync(path.join(out, dump), 'utf8') : '';
      const realTables = buildRuleset([lowerIptablesText(dump, text, L, { family }).value]).value.tables;
      const modelTables = buildRuleset(load.value.direct.filter((d) => d.fragment.value.ops.some((o) => o.op === 'addTable' && o.table.family === family)).map((d) => d.fragment.value)).value.tables;
      for (const d of load.value.direct) for (const x of d.fragment.diagnostics.filter((y) => y.severity === 'error')) problems.push(`model error ${d.file}:${x.span.range.start.line + 1}: ${x.message}`);
      problems.push(...compareDirect(realTables, modelTables, family));
    }
    if (problems.length) {
      fail(`config ${i} (seed ${seed + i}, ${dir}): ${g.summary}`);
      for (const p of problems.slice(0, 6)) console.log(`  ${p}`);
    } else tally.pass();
  });

  // The comparison has teeth: the first configuration with its default zone's target flipped must disagree.
  const first = items[0];
  if (existsSync(path.join(first.dir, 'out', 'nft'))) {
    const cfg = configOf(path.join(first.dir, 'etc'));
    const conf = cfg.conf!.text.replace(/^DefaultZone=.*$/m, 'DefaultZone=trusted');
    const wrong = loadFirewalld({ ...cfg, conf: { ...cfg.conf!, text: conf } }, L);
    const real = lowerListing('nft', readFileSync(path.join(first.dir, 'out', 'nft'), 'utf8'), L);
    if (!/DefaultZone=trusted/.test(cfg.conf!.text) && compareFirewalld(real.table, firewalldTable(wrong.value.fragment.value)).length) tally.pass();
    else fail('self-check: a model with another DefaultZone was not told apart from the real firewalld');
  }

  // ... and so does the direct.xml comparison: the first direct.xml without its last rule must disagree
  const withDirect = items.find((x) => x.g.direct && existsSync(path.join(x.dir, 'out', 'iptables')) && /<rule ipv="ipv4"/.test(x.g.direct));
  if (withDirect) {
    const cfg = configOf(path.join(withDirect.dir, 'etc'));
    const lines = cfg.direct!.text.split('\n');
    const last = lines.map((l) => /<rule ipv="ipv4"/.test(l)).lastIndexOf(true);
    const wrong = loadFirewalld({ ...cfg, direct: { ...cfg.direct!, text: lines.filter((_, k) => k !== last).join('\n') } }, L);
    const real = buildRuleset([lowerIptablesText('iptables', readFileSync(path.join(withDirect.dir, 'out', 'iptables'), 'utf8'), L, { family: 'ip' }).value]).value.tables;
    if (compareDirect(real, buildRuleset(wrong.value.direct.filter((d) => d.file === DIRECT_FILES.ip).map((d) => d.fragment.value)).value.tables, 'ip').length) tally.pass();
    else fail('self-check: a direct.xml model without one of its rules was not told apart from the real iptables-save');
  }

  // DW001's firewalld fix against real packets (firewalld + dockerd 20.10; probe.ts)
  await probeDirectFix(tally);
  await probeDockerZone(tally);
  // rootful Podman on the real firewalld: DW001, probes, rules and the fix (podman.ts)
  await probePodman(tally);

  if (!keep && !tally.failed) rmSync(root, { recursive: true, force: true });
  else console.log(`configurations kept in ${root}`);
  const gs = items.map((x) => x.g);
  console.log(
    `firewalld-diff: ${count} configurations (seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s): ${gs.reduce((n, g) => n + g.zones.size, 0)} zones, ` +
      `${gs.reduce((n, g) => n + g.policies.size, 0)} policies, ${gs.reduce((n, g) => n + [...g.zones.values(), ...g.policies.values()].join('').split('<rule').length - 1, 0)} rich rules, ` +
      `${gs.filter((g) => g.direct).length} direct.xml files (${gs.reduce((n, g) => n + (g.direct?.split(/<rule|<passthrough/).length ?? 1) - 1, 0)} rules and passthroughs); ` +
      `${BUILTIN_SERVICES.size} built-in services checked; compared with real firewalld ${firewalldVersion()}`,
  );
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exitCode = tally.failed ? 1 : 0;
}

function refusal(log: string): string {
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
  return lines.find((l) => /ERROR: (?!Failed to load)/.test(l))?.replace(/^\S+ \S+ /, '') ?? 'no reason in its log';
}

function firewalldVersion(): string {
  const r = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'firewalld'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '?';
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  });
}
