/**
 * Differential test of Dockwall's ufw model against Debian's real ufw (`npm run test:ufw`, root).
 *
 * Seeded, generated configurations (default policies, IPV6, LOGLEVEL, allow/deny/reject/limit
 * rules with ports, protocols, sources, interfaces and logging, `ufw route` rules, insertions,
 * after.rules additions such as the ufw-docker DOCKER-USER block) are set up with the real `ufw`
 * command and loaded with `ufw --force enable` in a scratch network and mount namespace
 * (harness.sh). The files ufw wrote are then given to `loadUfw`, and the model's filter tables
 * are compared with `iptables-save` / `ip6tables-save` of that namespace: the chain set, the
 * built-in chains' policies and every rule of every chain (compare.ts).
 *
 * Options: --count N (default 100), --seed S, --jobs J (default 6), --keep (keep the folders).
 * Prints one line per disagreement and ends with `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { loadUfw, type UfwConfig } from '../../server/src/core/ufw';
import { languages } from '../../server/src/host/assets';
import { inParallel, readyToRun, runHarness, suiteOptions, Tally } from '../diff-harness';
import { compareTables, filterTable, lowerDump } from './compare';
import { generate, type Generated } from './generate';

const HARNESS = path.join(__dirname, 'harness.sh');

function write(dir: string, g: Generated): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'default'), g.defaults);
  writeFileSync(path.join(dir, 'ufw.conf'), g.conf);
  writeFileSync(path.join(dir, 'commands'), g.commands.join('\n') + '\n');
  if (g.afterAdd) writeFileSync(path.join(dir, 'after.add'), g.afterAdd);
  if (g.after6Add) writeFileSync(path.join(dir, 'after6.add'), g.after6Add);
}

function configOf(out: string): UfwConfig {
  const rd = (p: string) => (existsSync(p) ? { file: p, text: readFileSync(p, 'utf8') } : undefined);
  const e = path.join(out, 'etc-ufw');
  return {
    defaults: rd(path.join(out, 'default')),
    conf: rd(path.join(e, 'ufw.conf')),
    before: rd(path.join(e, 'before.rules')),
    user: rd(path.join(e, 'user.rules')),
    after: rd(path.join(e, 'after.rules')),
    before6: rd(path.join(e, 'before6.rules')),
    user6: rd(path.join(e, 'user6.rules')),
    after6: rd(path.join(e, 'after6.rules')),
  };
}

async function main(): Promise<void> {
  const { count, seed, jobs, keep } = suiteOptions({ count: 100, seed: 20260511, jobs: 6 });
  if (!readyToRun('ufw-diff', ['ufw', 'ip', 'unshare', 'iptables-save', 'ip6tables-save'])) return;
  const hostBefore = spawnSync('sh', ['-c', 'iptables-save; ip6tables-save'], { encoding: 'utf8' }).stdout.replace(/^#.*\n/gm, '');
  const root = mkdtempSync(path.join(os.tmpdir(), 'ufw-diff-'));
  const L = await languages();
  const started = Date.now();
  const tally = new Tally();
  const fail = (line: string): void => tally.fail(line);

  const items = Array.from({ length: count }, (_, i) => ({ i, g: generate(seed + i), dir: path.join(root, `c${i}`) }));
  await inParallel(items, jobs, async ({ i, g, dir }, w) => {
    write(dir, g);
    const code = await runHarness(HARNESS, `dwufw${process.pid % 1000}-${w}`, dir);
    if (code !== 0) {
      fail(`config ${i} (seed ${seed + i}): the real ufw failed (exit ${code}): ${readFileSync(path.join(dir, 'harness.err'), 'utf8').trim().split('\n').slice(-3).join(' | ')}`);
      return;
    }
    const out = path.join(dir, 'out');
    const load = loadUfw(configOf(out), L);
    const built = buildRuleset(load.value.sources.map((s) => s.result.value));
    const problems: string[] = [];
    const errors = [...load.value.sources.flatMap((s) => s.result.diagnostics), ...built.diagnostics].filter((d) => d.severity === 'error');
    for (const d of errors) problems.push(`model error ${d.span.file}:${d.span.range.start.line + 1}: ${d.message}`);
    for (const family of ['ip', 'ip6'] as const) {
      const real = lowerDump(`${out}/${family === 'ip' ? 'v4' : 'v6'}`, readFileSync(path.join(out, family === 'ip' ? 'v4' : 'v6'), 'utf8'), family, L);
      problems.push(...compareTables(filterTable(real, family), filterTable(built.value, family), family));
    }
    if (problems.length) {
      fail(`config ${i} (seed ${seed + i}, ${dir}): ${g.summary}`);
      for (const p of problems.slice(0, 6)) console.log(`  ${p}`);
    } else tally.pass();
  });

  // The comparison has teeth: a model with another input policy must disagree with the first config.
  const first = path.join(items[0].dir, 'out');
  if (existsSync(path.join(first, 'v4'))) {
    const cfg = configOf(first);
    const flipped = cfg.defaults!.text.includes('DEFAULT_INPUT_POLICY="ACCEPT"') ? cfg.defaults!.text.replace('DEFAULT_INPUT_POLICY="ACCEPT"', 'DEFAULT_INPUT_POLICY="DROP"') : cfg.defaults!.text.replace(/DEFAULT_INPUT_POLICY="\w+"/, 'DEFAULT_INPUT_POLICY="ACCEPT"');
    const wrong = buildRuleset(loadUfw({ ...cfg, defaults: { file: cfg.defaults!.file, text: flipped } }, L).value.sources.map((s) => s.result.value)).value;
    const real = lowerDump('v4', readFileSync(path.join(first, 'v4'), 'utf8'), 'ip', L);
    if (compareTables(filterTable(real, 'ip'), filterTable(wrong, 'ip'), 'ip').length) tally.pass();
    else fail('self-check: a model with another DEFAULT_INPUT_POLICY was not told apart from the real ufw');
  }

  const hostAfter = spawnSync('sh', ['-c', 'iptables-save; ip6tables-save'], { encoding: 'utf8' }).stdout.replace(/^#.*\n/gm, '');
  if (hostAfter !== hostBefore) fail("the machine's own firewall changed during the run");
  else tally.pass();
  if (!keep && !tally.failed) rmSync(root, { recursive: true, force: true });
  else console.log(`configurations kept in ${root}`);
  const kinds = items.map((x) => x.g);
  console.log(
    `ufw-diff: ${count} configurations (seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s): ${kinds.filter((g) => g.ipv6).length} with IPV6=yes, ` +
      `${kinds.reduce((n, g) => n + g.commands.length, 0)} ufw commands (${kinds.reduce((n, g) => n + g.commands.filter((c) => c.startsWith('route')).length, 0)} route), ` +
      `${kinds.filter((g) => g.afterAdd).length} after.rules additions; compared with real ufw ${ufwVersion()}`,
  );
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exitCode = tally.failed ? 1 : 0;
}

function ufwVersion(): string {
  return spawnSync('ufw', ['version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.replace(/^ufw\s*/, '') ?? '?';
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
