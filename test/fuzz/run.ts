/**
 * Long fuzz run: `npm run fuzz -- --count 100000 --target nft|iptables|compose|nftjson|sim [--seed N] [--timeout-ms 2000]`.
 *
 * Inputs are run in a worker thread; the main thread is a watchdog: an input that takes longer than
 * the bound is a hang, the worker is terminated and restarted after it. Every failing input (a
 * violated property, an exception, a hang) is saved to test/fuzz/failures/<target>/ (gitignored);
 * progress is printed every few seconds. Exit code 1 when anything failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { languages } from '../../server/src/host/assets';
import { TARGETS, inputFor, runTarget } from './lib';

interface Job {
  readonly target: string;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

type Msg = { kind: 'start'; i: number } | { kind: 'done'; i: number; bad?: string; text?: string } | { kind: 'ready' };

async function workerMain(job: Job): Promise<void> {
  const langs = await languages();
  parentPort!.postMessage({ kind: 'ready' } satisfies Msg);
  for (let i = job.from; i < job.to; i++) {
    const text = inputFor(job.target as never, job.seed, i);
    parentPort!.postMessage({ kind: 'start', i } satisfies Msg);
    const bad = runTarget(job.target as never, text, langs);
    parentPort!.postMessage({ kind: 'done', i, ...(bad ? { bad, text } : {}) } satisfies Msg);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string' }, target: { type: 'string' }, seed: { type: 'string' }, 'timeout-ms': { type: 'string' } } });
  const target = values.target ?? 'nft';
  if (!(TARGETS as readonly string[]).includes(target)) {
    process.stderr.write(`fuzz: --target must be one of ${TARGETS.join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const count = Number(values.count ?? 10000);
  const seed = Number(values.seed ?? 1);
  const bound = Number(values['timeout-ms'] ?? 2000);
  const outDir = path.resolve(__dirname, 'failures', target);
  let failures = 0;
  let hangs = 0;
  let done = 0;
  const t0 = Date.now();
  const save = (i: number, text: string, why: string): void => {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, `seed${seed}-${i}.input`), text);
    writeFileSync(path.join(outDir, `seed${seed}-${i}.why`), why + '\n');
  };
  let next = 0;
  while (next < count) {
    const from = next;
    await new Promise<void>((resolve) => {
      const w = new Worker(__filename, { workerData: { target, seed, from, to: count } satisfies Job, execArgv: ['--require', 'tsx/cjs'] });
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      let lastReport = Date.now();
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          hangs++;
          failures++;
          save(current, inputFor(target as never, seed, current), `hang: no answer within ${bound} ms`);
          process.stdout.write(`#${current}: hang (> ${bound} ms), saved\n`);
          next = current + 1;
          void w.terminate();
        }, bound);
      };
      w.on('message', (m: Msg) => {
        if (m.kind === 'start') {
          current = m.i;
          arm();
        } else if (m.kind === 'done') {
          clearTimeout(timer);
          done++;
          next = m.i + 1;
          if (m.bad) {
            failures++;
            save(m.i, m.text ?? '', m.bad);
            process.stdout.write(`#${m.i}: ${m.bad.split('\n')[0]}\n`);
          }
          if (Date.now() - lastReport > 5000) {
            lastReport = Date.now();
            const rate = done / ((Date.now() - t0) / 1000);
            process.stdout.write(`${target}: ${done}/${count} inputs, ${failures} failures (${hangs} hangs), ${rate.toFixed(0)}/s\n`);
          }
        }
      });
      w.on('error', (e) => {
        if (current < 0) {
          // the worker could not even start: nothing to skip past
          process.stderr.write(`fuzz: worker failed to start: ${e.stack ?? e.message}\n`);
          next = count;
          return;
        }
        failures++;
        if (current >= 0) save(current, inputFor(target as never, seed, current), `worker error: ${e.stack ?? e.message}`);
        process.stdout.write(`#${current}: worker error ${e.message}\n`);
        next = Math.max(next, current + 1);
      });
      w.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  const secs = (Date.now() - t0) / 1000;
  process.stdout.write(`${target}: done, ${done} inputs in ${secs.toFixed(0)} s, ${failures} failures (${hangs} hangs); seed ${seed}${failures ? `; inputs in ${outDir}` : ''}\n`);
  process.exitCode = failures ? 1 : 0;
}

if (isMainThread) void main();
else void workerMain(workerData as Job);
