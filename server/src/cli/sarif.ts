/**
 * SARIF 2.1.0 output of `dockwall check`, for code scanning in CI.
 *
 * One run; the driver's rules come from the finding rules' metadata (id, name, short and full
 * description, markdown help, default level). Locations are relative to the working directory
 * (`uriBaseId` `%SRCROOT%`, declared in `originalUriBaseIds`); regions are 1-based with UTF-16
 * columns (`columnKind: utf16CodeUnits`), end column exclusive as SARIF defines it. Fixes become
 * `fixes[].artifactChanges[].replacements`; the packet path of a finding goes to
 * `properties.path`. Problems with the inputs are `toolExecutionNotifications` of the invocation.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CoreDiagnostic, Severity } from '../core/diagnostics';
import type { Finding, FindingRuleMeta } from '../core/findings';
import { LineIndex, type Span } from '../core/text';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(s: Severity): Level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

export interface SarifOptions {
  readonly cwd: string;
  readonly toolVersion: string;
  readonly texts: ReadonlyMap<string, string>;
  readonly rules: readonly FindingRuleMeta[];
  /** False when the analysis could not run (unreadable input). */
  readonly executionSuccessful?: boolean;
}

/** `artifactLocation` for a file: relative to %SRCROOT% when under the working directory, else a file URI. */
function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(file).href };
}

function region(s: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  return { startLine: s.start.line + 1, startColumn: s.start.character + 1, endLine: s.end.line + 1, endColumn: s.end.character + 1 };
}

const isVirtual = (file: string): boolean => file.startsWith('<') || file === '';

function location(span: Span, cwd: string, message?: string) {
  return {
    physicalLocation: { artifactLocation: artifact(span.file, cwd), region: region(span.range) },
    ...(message ? { message: { text: message } } : {}),
  };
}

export function toSarif(findings: readonly Finding[], diagnostics: readonly CoreDiagnostic[], opts: SarifOptions): unknown {
  const index = new Map(opts.rules.map((r, i) => [r.code, i]));
  const lineIndexes = new Map<string, LineIndex>();
  const lines = (file: string): LineIndex | undefined => {
    let li = lineIndexes.get(file);
    const text = opts.texts.get(file);
    if (!li && text !== undefined) lineIndexes.set(file, (li = new LineIndex(text)));
    return li;
  };
  const results = findings.map((f) => {
    const related = (f.related ?? []).filter((r) => !isVirtual(r.span.file)).map((r, i) => ({ id: i + 1, ...location(r.span, opts.cwd, r.message) }));
    const fixes = (f.fixes ?? []).flatMap((fix) => {
      const byFile = new Map<string, { deletedRegion: ReturnType<typeof region>; insertedContent: { text: string } }[]>();
      for (const e of fix.edits) {
        const li = lines(e.file);
        if (!li) return [];
        const reps = byFile.get(e.file) ?? [];
        reps.push({ deletedRegion: region({ start: li.position(e.start), end: li.position(e.end) }), insertedContent: { text: e.newText } });
        byFile.set(e.file, reps);
      }
      return [{ description: { text: fix.title }, artifactChanges: [...byFile].map(([file, replacements]) => ({ artifactLocation: artifact(file, opts.cwd), replacements })) }];
    });
    const ruleIndex = index.get(f.code);
    return {
      ruleId: f.code,
      ...(ruleIndex !== undefined ? { ruleIndex } : {}),
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: isVirtual(f.span.file) ? [] : [location(f.span, opts.cwd)],
      ...(related.length ? { relatedLocations: related } : {}),
      ...(fixes.length ? { fixes } : {}),
      ...(f.path?.length ? { properties: { path: f.path.map((p) => p.text) } } : {}),
    };
  });
  const notifications = diagnostics.map((d) => ({
    level: sarifLevel(d.severity),
    message: { text: d.message },
    ...(d.code ? { descriptor: { id: d.code } } : {}),
    ...(isVirtual(d.span.file) ? {} : { locations: [location(d.span, opts.cwd)] }),
  }));
  const srcroot = pathToFileURL(opts.cwd.endsWith(path.sep) ? opts.cwd : opts.cwd + path.sep).href;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockwall',
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            rules: opts.rules.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: r.title },
              fullDescription: { text: r.doc.replace(/`/g, '') },
              help: { text: r.doc.replace(/`/g, ''), markdown: r.doc },
              defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcroot } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: opts.executionSuccessful ?? true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}
