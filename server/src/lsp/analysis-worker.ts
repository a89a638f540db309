/**
 * The analysis worker thread: an Engine answering `{id, method, arg}` messages with `{id, ok, value}`
 * (see backend.ts). Bundled as dist/analysis-worker.js; run from sources under tsx.
 */
import { parentPort } from 'node:worker_threads';
import { languages } from '../host/assets';
import { Engine, type Job, type Query } from './engine';

const engine = new Engine(languages);

parentPort?.on('message', (m: { id: number; method: 'analyse' | 'query' | 'retain'; arg: unknown }) => {
  const answer = async (): Promise<unknown> => {
    if (m.method === 'analyse') return engine.analyse(m.arg as Job[]);
    if (m.method === 'query') return engine.query(m.arg as Query);
    engine.retain(m.arg as string[]);
    return null;
  };
  answer().then(
    (value) => parentPort?.postMessage({ id: m.id, ok: true, value }),
    (e: unknown) => parentPort?.postMessage({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
