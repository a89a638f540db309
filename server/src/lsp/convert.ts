/**
 * The one place where core values become LSP protocol values.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { CoreDiagnostic, Severity } from '../core/diagnostics';
import type { Span } from '../core/text';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DOCS_BASE = 'https://dockwall.invalid/docs/findings/';

export function toRange(span: Span): Range {
  return { start: { ...span.range.start }, end: { ...span.range.end } };
}

export function toDiagnostic(d: CoreDiagnostic, uriOf: (file: string) => string): Diagnostic {
  const out: Diagnostic = {
    range: toRange(d.span),
    severity: SEVERITY[d.severity],
    message: d.message,
    source: 'dockwall',
  };
  if (d.code) {
    out.code = d.code;
    if (/^DW\d+$/.test(d.code)) out.codeDescription = { href: DOCS_BASE + d.code };
  }
  if (d.related?.length) {
    out.relatedInformation = d.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: uriOf(r.span.file), range: toRange(r.span) }, message: r.message }),
    );
  }
  return out;
}
