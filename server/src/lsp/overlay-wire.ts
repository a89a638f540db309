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
    // Jobs of one round share their overlay: each array is packed once (the clone keeps sharing it).
    const packed = new Map<Job['overlay'], WireJob['overlay']>();
    const out = jobs.map((job) => {
      let overlay = packed.get(job.overlay);
      if (!overlay) {
        overlay = job.overlay.map(([file, text]) => {
          const known = this.sent.get(file) === text || now.get(file) === text;
          now.set(file, text);
          return [file, known ? null : text] as const;
        });
        packed.set(job.overlay, overlay);
      }
      return { ...job, overlay };
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
    const unpacked = new Map<WireJob['overlay'], Job['overlay']>();
    const out = jobs.map((job) => {
      let overlay = unpacked.get(job.overlay);
      if (!overlay) {
        overlay = job.overlay.map(([file, text]) => {
          const t = text ?? now.get(file) ?? this.held.get(file);
          if (t === undefined) throw new Error(`the analysis worker holds no text of ${file}`);
          now.set(file, t);
          return [file, t] as const;
        });
        unpacked.set(job.overlay, overlay);
      }
      return { ...job, overlay };
    });
    this.held = now;
    return out;
  }
}
