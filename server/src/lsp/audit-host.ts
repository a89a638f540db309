/**
 * "Audit this host" in the language server: runs the same host-side audit as `dockwall audit`
 * (server/src/host/audit.ts), publishes the findings on the compose files the running containers
 * map back to, and answers with the report as text for the client's output channel (findings on
 * `<container NAME>` files, with no file to show them in, are only there).
 */
import type { Diagnostic } from 'vscode-languageserver';
import { auditResult } from '../cli/commands/audit';
import { formatText, relativize } from '../cli/commands/check';
import { formatExposure } from '../cli/exposure';
import type { Languages } from '../core/syntax/languages';
import { AuditError, runAudit } from '../host/audit';
import { isRealFile, toDiagnostic } from './convert';
import type { AuditHostParams, AuditHostResult } from './protocol';
import { URI } from './uri';

export async function auditHost(
  params: AuditHostParams | undefined,
  deps: { readonly cwd: string; readonly languages: Languages; publish(uri: string, diagnostics: Diagnostic[]): void },
): Promise<AuditHostResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  let report;
  try {
    report = await runAudit({ cwd: deps.cwd, env, languages: deps.languages, dockerHost: typeof params?.dockerHost === 'string' ? params.dockerHost : undefined });
  } catch (e) {
    if (e instanceof AuditError || (e instanceof Error && e.constructor.name === 'EngineError')) return { ok: false, report: `dockwall audit: ${e.message}\n`, files: [], findings: 0 };
    throw e;
  }
  const merged = auditResult(report, deps.cwd);
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of merged.findings) {
    if (!isRealFile(f.span.file) || /\/<container [^/]*>$/.test(f.span.file)) continue;
    const list = byFile.get(f.span.file) ?? [];
    list.push(toDiagnostic(f, URI.fromPath));
    byFile.set(f.span.file, list);
  }
  for (const [file, diagnostics] of byFile) deps.publish(URI.fromPath(file), diagnostics);
  const shown = relativize(merged, deps.cwd);
  const text = formatText(shown, deps.cwd).trimEnd().split('\n');
  const last = text.pop()!;
  return { ok: true, report: [...text, formatExposure(merged.ports).trimEnd(), last].join('\n') + '\n', files: [...byFile.keys()], findings: merged.findings.length };
}
