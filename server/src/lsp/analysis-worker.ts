/**
 * The analysis worker thread: an Engine answering `{id, method, arg}` messages with `{id, ok, value}`
 * (see backend.ts), and warming the analysis up (or rehearsing edits) while it is idle (warmup.ts). Bundled as
 * dist/analysis-worker.js; run from sources under tsx.
 */
import { parentPort } from 'node:worker_threads';
import { languages } from '../host/assets';
import { Engine, type Outcome, type Query } from './engine';
import { OverlayReceiver, type WireJob } from './overlay-wire';
import { Warmup } from './warmup';

const engine = new Engine(languages);
const warmup = Warmup.of(languages, engine);
/** The open documents' texts, each received once (see overlay-wire.ts). */
const texts = new OverlayReceiver();

parentPort?.on('message', (m: { id: number; method: 'analyse' | 'query' | 'retain'; arg: unknown }) => {
  warmup.interrupt();
  const answer = async (): Promise<unknown> => {
    if (m.method === 'analyse') {
      const jobs = texts.unpack(m.arg as WireJob[]);
      const outcomes: Outcome[] = await engine.analyse(jobs);
      warmup.analysed(jobs, outcomes);
      return outcomes;
    }
    if (m.method === 'query') return engine.query(m.arg as Query);
    engine.retain(m.arg as string[]);
    return null;
  };
  answer()
    .then(
      (value) => parentPort?.postMessage({ id: m.id, ok: true, value }),
      (e: unknown) => parentPort?.postMessage({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    )
    .finally(() => {
      // (after the answer is posted: the editor has it while this runs; should it fail, the next
      // edit does the same work itself)
      if (m.method === 'analyse')
        try {
          engine.prepare();
        } catch {
          /* (see above) */
        }
      warmup.idle();
    });
});
