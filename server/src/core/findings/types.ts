/**
 * Findings: what Dockwall tells the user. Each finding rule lives in its own file in this folder,
 * with a stable code, a doc comment, a default severity and fixtures under
 * test/unit/fixtures/findings/.
 */
import type { CoreDiagnostic, Severity } from '../diagnostics';
import type { Span } from '../text';
import type { TraceStep } from '../netfilter/trace';

/** A replacement of `[start, end)` (UTF-16 offsets) in `file` by `newText`. */
export interface TextEdit {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix an editor should offer first. */
  readonly preferred?: boolean;
}

/** One step of a packet's path, for messages and hovers (already formatted by the simulator). */
export interface PathNote {
  readonly text: string;
  readonly span?: Span;
}

export interface Finding extends CoreDiagnostic {
  readonly code: string;
  readonly fixes?: readonly Fix[];
  /** Short explanation of the path(s) behind the finding, one line each. */
  readonly path?: readonly PathNote[];
  /** One plain sentence for a reader who does not know netfilter (the CLI's first line). */
  readonly summary?: string;
  /** Why, in a sentence or two of plain words (the CLI prints it under the summary). */
  readonly explanation?: string;
  /** The packet's steps behind the finding, for a short path in the reader's terms. */
  readonly steps?: readonly TraceStep[];
}

export interface FindingRuleMeta {
  readonly code: string;
  /** Kebab-case name, e.g. `published-port-bypasses-input`. */
  readonly name: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** Markdown: why it matters and how to fix it. */
  readonly doc: string;
}
