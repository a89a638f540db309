/**
 * The open documents' texts on their way to the analysis worker, each sent once.
 *
 * Every job carries the text of every open document, and a message to the worker copies what it
 * carries (structured clone). In a workspace with a 1.5 MB ruleset open, each compose keystroke
 * copied that ruleset to the worker again: a megabyte and a half serialized in the server thread,
 * then allocated in the worker as a new string, which died at the next keystroke in the worker's
 * old space (large strings are allocated there), bringing its full collections closer.
 *
 * The sender remembers the text it last sent for each file and sends `null` for a text the worker
 * already has; the receiver remembers what it received and puts it back. Both forget a file that a
 * message no longer names (a document closed). The two ends see the same messages in the same order,
 * so they remember the same texts; a receiver asked for a text it does not hold throws (a bug),
 * which fails that request, and after a failed request the sender sends every text again.
 */
import type { Job } from './engine';

/** A job as sent: a text the worker already holds is `null`. */
export interface WireJob extends Omit<Job, 'overlay'> {
  readonly overlay: readonly (readonly [string, string | null])[];
}

export class OverlaySender {
  private sent = new Map<string, string>();

  pack(jobs: readonly Job[]): WireJob[] {
    const now = new Map<string, string>();
    const out = eachOverlay<Job['overlay'][number], WireJob['overlay'][number], Job>(jobs, ([file, text]) => {
      const known = this.sent.get(file) === text || now.get(file) === text;
      now.set(file, text);
      return [file, known ? null : text];
    });
    this.sent = now;
    return out;
  }

  /** Sends every text again next time (after a request failed: the worker may not hold what this remembers). */
  reset(): void {
    this.sent.clear();
  }
}

export class OverlayReceiver {
  private held = new Map<string, string>();

  unpack(jobs: readonly WireJob[]): Job[] {
    const now = new Map<string, string>();
    const out = eachOverlay<WireJob['overlay'][number], Job['overlay'][number], WireJob>(jobs, ([file, text]) => {
      const t = text ?? now.get(file) ?? this.held.get(file);
      if (t === undefined) throw new Error(`the analysis worker holds no text of ${file}`);
      now.set(file, t);
      return [file, t];
    });
    this.held = now;
    return out;
  }
}

/**
 * The jobs with their overlays' entries passed through `f`, in order. The jobs of a round share one
 * overlay array: it is mapped once, and the results share one array too (a message's clone keeps
 * that sharing).
 */
function eachOverlay<E, F, J extends { readonly overlay: readonly E[] }>(jobs: readonly J[], f: (entry: E) => F): (Omit<J, 'overlay'> & { readonly overlay: readonly F[] })[] {
  const done = new Map<readonly E[], readonly F[]>();
  return jobs.map((job) => {
    let overlay = done.get(job.overlay);
    if (!overlay) done.set(job.overlay, (overlay = job.overlay.map(f)));
    return { ...job, overlay };
  });
}
