/**
 * Where the engine runs: in a worker thread (the default for a real server: a 30-second analysis
 * of a huge ruleset must not stop syntax diagnostics, hovers of other files or the next keystroke's
 * publication), or in the server's own thread (tests, and the fallback when the worker cannot start
 * or dies). Both answer the same two calls.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Languages } from '../core/syntax/languages';
import { Engine, type Job, type Outcome, type Query } from './engine';
import { OverlaySender } from './overlay-wire';

export interface Backend {
  analyse(jobs: readonly Job[]): Promise<Outcome[]>;
  query(q: Query): Promise<unknown>;
  /** Forgets projects that no longer exist. */
  retain(dirs: readonly string[]): void;
  dispose(): void;
}

export class LocalBackend implements Backend {
  private readonly engine: Engine;
  constructor(langs: () => Promise<Languages>) {
    this.engine = new Engine(langs);
  }
  async analyse(jobs: readonly Job[]): Promise<Outcome[]> {
    // Let the publications already queued go out first.
    await new Promise((r) => setImmediate(r));
    return this.engine.analyse(jobs);
  }
  query(q: Query): Promise<unknown> {
    return this.engine.query(q);
  }
  retain(dirs: readonly string[]): void {
    this.engine.retain(dirs);
  }
  dispose(): void {}
}

/** The worker's entry: the bundle's `analysis-worker.js` beside this file, or the TypeScript source under tsx. */
export function workerEntry(): { file: string; eval: boolean } | undefined {
  const js = path.join(__dirname, 'analysis-worker.js');
  if (existsSync(js)) return { file: js, eval: false };
  const ts = path.join(__dirname, 'analysis-worker.ts');
  if (existsSync(ts)) {
    try {
      return { file: `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(ts)});`, eval: true };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class WorkerBackend implements Backend {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private fallback: LocalBackend | undefined;
  /** The open documents' texts the worker holds (each is sent once: see overlay-wire.ts). */
  private readonly texts = new OverlaySender();

  constructor(
    private readonly entry: { file: string; eval: boolean },
    private readonly langs: () => Promise<Languages>,
    private readonly log: (msg: string) => void,
  ) {}

  private start(): Worker | undefined {
    if (this.worker || this.fallback) return this.worker;
    try {
      // A larger young generation: an analysis's short-lived objects die there instead of being
      // promoted, which keeps full collections of the large old space (rulesets, traces) rarer.
      const w = new Worker(this.entry.file, { eval: this.entry.eval, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      w.unref();
      w.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(new Error(m.error ?? 'analysis worker failed'));
      });
      const fail = (why: string): void => {
        this.log(`analysis worker stopped (${why}); analysing in the server thread from now on`);
        this.worker = undefined;
        this.fallback = new LocalBackend(this.langs);
        for (const p of this.pending.values()) p.reject(new Error(`analysis worker stopped: ${why}`));
        this.pending.clear();
      };
      w.on('error', (e) => fail(e.message));
      w.on('exit', (code) => {
        if (this.worker === w) fail(`exit code ${code}`);
      });
      this.worker = w;
      return w;
    } catch (e) {
      this.log(`cannot start the analysis worker: ${e instanceof Error ? e.message : String(e)}`);
      this.fallback = new LocalBackend(this.langs);
      return undefined;
    }
  }

  private call(method: 'analyse' | 'query' | 'retain', arg: unknown): Promise<unknown> {
    const w = this.start();
    if (!w) return Promise.reject(new Error('no worker'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ id, method, arg });
    }).finally(() => {
      if (!this.pending.size) this.worker?.unref();
    });
  }

  async analyse(jobs: readonly Job[]): Promise<Outcome[]> {
    if (!this.start() && this.fallback) return this.fallback.analyse(jobs);
    try {
      return (await this.call('analyse', this.texts.pack(jobs))) as Outcome[];
    } catch (e) {
      this.texts.reset();
      if (this.fallback) return this.fallback.analyse(jobs);
      throw e;
    }
  }

  async query(q: Query): Promise<unknown> {
    if (!this.start() && this.fallback) return this.fallback.query(q);
    return this.call('query', q);
  }

  retain(dirs: readonly string[]): void {
    if (this.fallback) this.fallback.retain(dirs);
    else if (this.worker) void this.call('retain', dirs).catch(() => undefined);
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}
