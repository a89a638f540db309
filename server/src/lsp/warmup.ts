/**
 * Warming the analysis up in idle time. V8 runs a function in its interpreter until it has run
 * often enough to be compiled with type feedback, so the first few dozen edits after a workspace
 * opens were analysed several times slower than the later ones (in the typical workspace of the
 * benchmark, 30–60 ms against 8–10). After a real analysis that was quick, the worker analyses
 * edited copies of the open documents with a scratch {@link Engine} (its own memos, trees and
 * results: the real engine's state is never read or changed), one analysis per turn of the event
 * loop, so that a real request waits at most for the warming analysis under way; once started, a
 * run goes on to its end, {@link ROUNDS} analyses (or three seconds of them), in one burst soon
 * after the workspace opens, then drops the scratch engine. (A run that stopped at each request
 * and went on at the next pause spread the warming over the user's later pauses, where it
 * competed with the editor: code-server's quick-fix menu then often failed to open.) One run at a
 * time; a request before a run starts puts it off. A workspace whose analysis takes longer than
 * {@link QUICK_MS}, or whose first analysis took longer than {@link WHOLE_MS}, is not warmed: a
 * request that arrives during a warming analysis waits for it to end, which must stay short.
 *
 * The edits are those a user makes: a space added at the end of a line and taken away again, and
 * a digit of a published host port changed and changed back.
 *
 * A workspace too slow for a scratch engine (a large one, whose first analysis takes seconds) is
 * rehearsed instead: once per open document, the real engine analyses that document edited and
 * then as it is, in one turn ({@link Engine.rehearse}), so that the first real edit finds its code
 * compiled and its memos' records made (the first ruleset edit of the benchmark's large workspace
 * took 250–340 ms in process against 110–140 for the later ones, its first compose edits 100–115
 * against 40–50). A request that comes meanwhile waits for the rehearsal under way (in that
 * workspace about 460 ms for the ruleset's, 100 for the compose file's: two analyses, the first
 * as slow as a first edit), once, soon after the workspace opens. A project whose first analysis
 * took longer than {@link REHEARSE_WHOLE_MS} is not rehearsed, and one whose rehearsal took longer
 * than its first analysis no more (its edits are analysed whole).
 */
import type { Languages } from '../core/syntax/languages';
import { Engine, type Job, type Outcome } from './engine';

/** Analyses in all, at most (about 1.5 s of one core for a typical workspace) ... */
export const ROUNDS = 150;
/** ... and this much time spent in them. */
const BUDGET_MS = 3000;
/** Only after an analysis this quick (each warming analysis takes about as long). */
export const QUICK_MS = 150;
/**
 * ... and only for projects whose first analysis (a whole one, with cold code) took at most this
 * long: the scratch engine's first analysis is a whole one too. (A large workspace's later rounds
 * can be quick — a compose edit that keeps every result — while a whole analysis of it takes
 * seconds, which a request arriving meanwhile would wait for.)
 */
export const WHOLE_MS = 1000;
/**
 * Idle time after a real answer before warming starts: a request that comes during a warming
 * analysis waits for it, and the first one (the scratch engine's first, whole analysis) takes
 * about as long as the workspace's first analysis, so warming waits for a pause in the typing.
 */
export const IDLE_MS = 500;
/** Projects whose first analysis took longer than this are not rehearsed (a request waits for a rehearsal: two analyses). */
export const REHEARSE_WHOLE_MS = 10000;

export class Warmup {
  private engine: Pick<Engine, 'analyse'> | undefined;
  private round = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A run is under way (one at a time). */
  private running = false;
  /** The open documents of the last quick analysis, to edit. */
  private work: { jobs: readonly Job[]; files: readonly { job: number; index: number; file: string }[] } | undefined;
  /** Time spent in warming analyses. */
  private spent = 0;
  /** How long each project's first analysis took. */
  private readonly firstMs = new Map<string, number>();
  /** Per project folder, the job of its last real analysis (the texts the caller was answered for). */
  private readonly latest = new Map<string, Job>();
  /** Open documents of slow projects to rehearse, in order (project folder and file). */
  private pending: { dir: string; file: string }[] = [];
  /** Documents once put in `pending` (`dir` NUL `file`): each is rehearsed at most once. */
  private readonly planned = new Set<string>();
  /** Rehearsals done so far. */
  rehearsals = 0;

  /**
   * `make`: the scratch engine (an {@link Engine} of the worker's languages); `real`: the engine
   * that answers the requests, for rehearsals (none without it).
   */
  constructor(
    private readonly make: () => Pick<Engine, 'analyse'>,
    private readonly real?: Pick<Engine, 'rehearse'>,
  ) {}

  static of(langs: () => Promise<Languages>, real?: Pick<Engine, 'rehearse'>): Warmup {
    return new Warmup(() => new Engine(langs), real);
  }

  /** Analyses done so far. */
  get rounds(): number {
    return this.round;
  }

  /** All the warming there is to do is done. */
  get done(): boolean {
    return this.round >= ROUNDS || this.spent >= BUDGET_MS;
  }

  /** A real request: a run not started yet is put off (one under way yields to it between its analyses). */
  interrupt(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A real analysis of `jobs` answered with `outcomes`: what the warming edits, if it was quick. */
  analysed(jobs: readonly Job[], outcomes: readonly Outcome[]): void {
    for (const o of outcomes) if (!this.firstMs.has(o.dir)) this.firstMs.set(o.dir, o.ms);
    const files = jobs.flatMap((job, j) => job.overlay.map(([file], i) => ({ job: j, index: i, file })));
    const slow = (o: Outcome): boolean => o.ms > QUICK_MS || (this.firstMs.get(o.dir) ?? 0) > WHOLE_MS;
    this.work = outcomes.some((o) => slow(o) || o.error) || !files.length ? undefined : { jobs, files };
    if (!this.real) return;
    outcomes.forEach((o, j) => {
      this.latest.set(o.dir, jobs[j]);
      if (!slow(o) || o.error || (this.firstMs.get(o.dir) ?? 0) > REHEARSE_WHOLE_MS) return;
      for (const [file] of jobs[j].overlay) {
        const key = `${o.dir}\0${file}`;
        if (this.planned.has(key)) continue;
        this.planned.add(key);
        this.pending.push({ dir: o.dir, file });
      }
    });
  }

  /** A real request was answered: warm up once nothing else is asked for a moment. */
  idle(): void {
    if (this.running) return;
    const work = this.work;
    const warm = work && !this.done;
    if (!warm && !this.pending.length) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void (warm ? this.run(work.jobs, work.files) : this.rehearse());
    }, IDLE_MS);
    this.timer.unref?.();
  }

  /** Rehearses the pending documents, one per turn of the event loop (real requests are read between them). */
  private async rehearse(): Promise<void> {
    if (this.running || !this.real) return;
    this.running = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        const { dir, file } = next;
        // (the texts of the project's last real analysis: one may have come since this was planned)
        const job = this.latest.get(dir);
        if (!job) continue;
        const ms = await this.real.rehearse([job], file, (text) => editText(file, text, 1));
        this.rehearsals++;
        if (ms > (this.firstMs.get(dir) ?? 0)) {
          // (its edits cost a whole analysis: nothing to gain, and a request would wait for two)
          this.pending = this.pending.filter((x) => x.dir !== dir);
        }
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = false;
    }
  }

  /** Warms up until done, one analysis per turn of the event loop (real requests are read between them). */
  private async run(jobs: readonly Job[], files: readonly { job: number; index: number; file: string }[]): Promise<void> {
    if (this.running) return;
    this.running = true;
    const engine = (this.engine ??= this.make());
    try {
      while (!this.done) {
        // even rounds edit the documents in turn (the n-th edit of each), odd rounds take the edit back
        const k = this.round++;
        const target = files[(k >> 1) % files.length];
        const n = Math.floor((k >> 1) / files.length);
        const t0 = performance.now();
        await engine.analyse(k % 2 === 0 ? edited(jobs, target, n) : jobs);
        this.spent += performance.now() - t0;
        // (one analysis per turn: a real request is read before the next)
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = false;
    }
    // (done: the loop ends only there)
    this.engine = this.work = undefined;
  }
}

/** `jobs` with one open document edited (its `n`-th edit of the warming). */
function edited(jobs: readonly Job[], target: { job: number; index: number }, n: number): Job[] {
  return jobs.map((job, j) => {
    if (j !== target.job) return job;
    const overlay = job.overlay.map(([file, text], i) => (i === target.index ? ([file, editText(file, text, n)] as const) : ([file, text] as const)));
    return { ...job, overlay };
  });
}

/**
 * An edit of `text`: in a compose file, every other time, the last digit of a published host port
 * (`"8080:80"` → `"8081:80"`); otherwise a space at the end of a line that has text.
 */
export function editText(file: string, text: string, n: number): string {
  if (/\.ya?ml$/.test(file) && n % 2 === 1) {
    const ports = [...text.matchAll(/(["'\s-])(\d{2,5})(?=:\d)/g)];
    if (ports.length) {
      const m = ports[(n >> 1) % ports.length];
      const at = m.index! + m[1].length + m[2].length - 1;
      const digit = String((Number(text[at]) + 1) % 10);
      return text.slice(0, at) + digit + text.slice(at + 1);
    }
  }
  const lines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== ' ') lines.push(i);
  if (!lines.length) return `${text} `;
  const at = lines[(n * 7919) % lines.length];
  return `${text.slice(0, at)} ${text.slice(at)}`;
}
