/**
 * The core's diagnostics. Parsers never throw: they return a value together with a list of these.
 * Glue code (LSP, CLI) converts them; the core knows nothing of either.
 */
import type { Span } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

export interface CoreDiagnostic {
  readonly span: Span;
  readonly severity: Severity;
  readonly message: string;
  /** A stable code such as `DW001` for findings, or a source tag such as `syntax`, `compose`, `lower`. */
  readonly code?: string;
  readonly related?: readonly RelatedInfo[];
}

/** A parse or analysis result: the value is always present (possibly partial), problems are listed. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly CoreDiagnostic[];
}
