/**
 * What the differential suites against real programs (test/ufw-diff, test/firewalld-diff) share:
 * their command-line options and running a configuration's harness script.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The value of `--name VALUE` on the command line, else `fallback`. */
export function cliArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Runs `bash HARNESS NS DIR`; its stderr goes to DIR/harness.err when it fails. */
export function runHarness(harness: string, ns: string, dir: string): Promise<number> {
  return new Promise((resolve) => {
    const p = spawn('bash', [harness, ns, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => {
      if (code !== 0) writeFileSync(path.join(dir, 'harness.err'), err);
      resolve(code ?? 1);
    });
  });
}

export interface SuiteOptions {
  readonly count: number;
  readonly seed: number;
  readonly jobs: number;
  readonly keep: boolean;
}

/** `--count`, `--seed`, `--jobs` and `--keep`, with the suite's defaults. */
export function suiteOptions(defaults: { count: number; seed: number; jobs: number }): SuiteOptions {
  return {
    count: Number(cliArg('count', String(defaults.count))),
    seed: Number(cliArg('seed', String(defaults.seed))),
    jobs: Number(cliArg('jobs', String(defaults.jobs))),
    keep: process.argv.includes('--keep'),
  };
}

/** False (after printing why, and an empty tally) when not root or one of `tools` is missing. */
export function readyToRun(suite: string, tools: readonly string[]): boolean {
  const need = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (process.getuid?.() === 0 && !need.length) return true;
  console.log(`${suite}: skipped (${process.getuid?.() !== 0 ? 'needs root' : `missing: ${need.join(', ')}`})`);
  console.log('0 passed, 0 failed');
  return false;
}

/** The suite's count of agreements and disagreements; each disagreement printed as it is found. */
export class Tally {
  passed = 0;
  failed = 0;
  pass(): void {
    this.passed++;
  }
  fail(line: string): void {
    this.failed++;
    console.log(line);
  }
}

/** Runs `each(item, worker)` for every item on `jobs` workers (a worker's index names its namespace). */
export async function inParallel<T>(items: readonly T[], jobs: number, each: (item: T, worker: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    for (let k = next++; k < items.length; k = next++) await each(items[k], w);
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, (_, w) => worker(w)));
}

/** Runs one part of a suite on its own (`tsx FILE`): its tally, then `N passed, N failed` and the exit code. */
export function runAlone(part: (tally: Tally) => Promise<void>): void {
  void (async () => {
    const tally = new Tally();
    await part(tally);
    console.log(`${tally.passed} passed, ${tally.failed} failed`);
    process.exitCode = tally.failed ? 1 : 0;
  })();
}

/** shared/tools/realpodman/realpodman.sh beside the checkout, at /work/shared or at REALPODMAN_SHARED. */
export function findRealpodman(repo: string): string | undefined {
  for (const c of [process.env.REALPODMAN_SHARED, path.join(repo, '..', 'shared'), '/work/shared'])
    if (c && existsSync(path.join(c, 'tools', 'realpodman', 'realpodman.sh'))) return path.join(c, 'tools', 'realpodman', 'realpodman.sh');
  return undefined;
}
