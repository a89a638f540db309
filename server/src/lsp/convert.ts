/**
 * The one place where core values become LSP protocol values.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Location,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { CoreDiagnostic, Severity } from '../core/diagnostics';
import type { Fix, TextEdit } from '../core/findings';
import { LineIndex, type Span, sameRange } from '../core/text';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DOCS_BASE = 'https://dockwall.invalid/docs/findings/';

/** The documentation page of a finding code. */
export function docsUrl(code: string): string {
  return DOCS_BASE + code;
}

/** Whether a span belongs to a file an editor can open (not a synthesized `<Docker 29 ...>` source). */
export function isRealFile(file: string): boolean {
  return !file.startsWith('<');
}

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
    if (/^DW\d+$/.test(d.code)) out.codeDescription = { href: docsUrl(d.code) };
  }
  if (d.related?.length) {
    out.relatedInformation = d.related.filter((r) => isRealFile(r.span.file)).map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: uriOf(r.span.file), range: toRange(r.span) }, message: r.message }),
    );
  }
  return out;
}

/**
 * Whether `lsp` (made by {@link toDiagnostic} from `d` earlier) still stands where `d` reads now. A
 * finding kept across analyses is the same object while its spans move with the text (moved in
 * place, or computing their range from the latest text): its earlier conversion then no longer
 * places it.
 */
export function convertedStillPlaced(d: CoreDiagnostic, lsp: Diagnostic): boolean {
  if (!sameRange(d.span.range, lsp.range)) return false;
  const info = lsp.relatedInformation;
  if (!d.related?.length) return !info?.length;
  let i = 0;
  for (const r of d.related) {
    if (!isRealFile(r.span.file)) continue;
    const at = info?.[i++];
    if (!at || !sameRange(r.span.range, at.location.range)) return false;
  }
  return i === (info?.length ?? 0);
}

export function toLocation(span: Span, uriOf: (file: string) => string): Location {
  return { uri: uriOf(span.file), range: toRange(span) };
}

/** Core edits (UTF-16 offsets into the texts the analysis read) as a WorkspaceEdit; undefined when a text is missing. */
export function toWorkspaceEdit(edits: readonly TextEdit[], textOf: (file: string) => string | undefined, uriOf: (file: string) => string): WorkspaceEdit | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  const lines = new Map<string, LineIndex>();
  for (const e of edits) {
    let li = lines.get(e.file);
    if (!li) {
      const text = textOf(e.file);
      if (text === undefined) return undefined;
      li = new LineIndex(text);
      lines.set(e.file, li);
    }
    const uri = uriOf(e.file);
    (changes[uri] ??= []).push({ range: { start: li.position(e.start), end: li.position(e.end) }, newText: e.newText });
  }
  return { changes };
}

/** A fix as a quick-fix action, linked to its finding's diagnostic when it has one. */
export function toCodeAction(fix: Fix, diagnostic: Diagnostic | undefined, textOf: (file: string) => string | undefined, uriOf: (file: string) => string): CodeAction | undefined {
  const edit = toWorkspaceEdit(fix.edits, textOf, uriOf);
  if (!edit) return undefined;
  return { title: fix.title, kind: CodeActionKind.QuickFix, ...(diagnostic ? { diagnostics: [diagnostic] } : {}), isPreferred: fix.preferred ?? false, edit };
}

/** `[compose.yaml:12](file:///…/compose.yaml#L12)` for a real file, the bare name otherwise. */
export function markdownLink(span: Span, uriOf: (file: string) => string): string {
  const line = span.range.start.line + 1;
  const label = `${span.file.slice(span.file.lastIndexOf('/') + 1)}:${line}`;
  return isRealFile(span.file) ? `[${label}](${uriOf(span.file)}#L${line})` : `\`${span.file}\``;
}
