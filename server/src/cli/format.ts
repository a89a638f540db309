/** Compiler-style rendering of core diagnostics for the terminal (1-based lines and columns). */
import type { CoreDiagnostic } from '../core/diagnostics';

export function formatDiagnostic(d: CoreDiagnostic): string {
  const { line, character } = d.span.range.start;
  const code = d.code && /^DW\d+$/.test(d.code) ? `[${d.code}]` : '';
  return `${d.span.file}:${line + 1}:${character + 1}: ${d.severity}${code}: ${d.message}`;
}
