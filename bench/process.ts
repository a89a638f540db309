/**
 * Whole-process measurements, as a user sees them: wall time, CPU time (user + system) and peak
 * resident memory of one command, read from GNU time (`/usr/bin/time -f`), the same way for
 * `dockwall check` and for the real tools. Medians over runs, each figure on its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { median } from './stats';

export const GNU_TIME = '/usr/bin/time';

export interface ProcessFigures {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
  /** Exit statuses seen (a check exits 1 when it reports warnings: that is a result, not a failure). */
  readonly status: readonly number[];
  readonly error?: string;
}

export function gnuTimeNote(): string | undefined {
  return existsSync(GNU_TIME) ? undefined : `${GNU_TIME} is not installed (GNU time gives the peak RSS)`;
}

/** Runs argv `runs` times under GNU time; stdout is discarded. `ok` decides which statuses are results. */
export function timeProcess(argv: readonly string[], runs: number, ok: (status: number) => boolean, env?: NodeJS.ProcessEnv): ProcessFigures {
  const wall: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  const status: number[] = [];
  let error: string | undefined;
  for (let i = 0; i < runs; i++) {
    const marker = 'DWTIME';
    const r = spawnSync(GNU_TIME, ['-f', `${marker} %e %U %S %M`, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28, env: env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    const line = (r.stderr ?? '').split('\n').find((l) => l.startsWith(marker));
    const code = r.status ?? -1;
    status.push(code);
    if (!line) {
      error = `no timing from ${GNU_TIME}: ${(r.stderr ?? '').slice(0, 300)}`;
      continue;
    }
    // GNU time reports a non-zero exit as "Command exited with non-zero status N" before the format line.
    const [, e, u, s, m] = line.split(' ');
    wall.push(Number(e) * 1000);
    cpu.push((Number(u) + Number(s)) * 1000);
    rss.push(Number(m) / 1024);
    if (!ok(code)) error = (r.stderr ?? '').split('\n').filter((l) => !l.startsWith(marker)).slice(0, 3).join(' ');
  }
  return { wallMs: median(wall), cpuMs: median(cpu), maxRssMB: median(rss), status, ...(error ? { error } : {}) };
}
