/**
 * The CLI as the oracle of the editor tests: `dockwall check DIR --format json` reports the same
 * findings and fixes the language server should show, so an editor test can expect the exact range
 * of a finding and the exact text a fix produces.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { cliBundle } from './run';

/** 1-based lines and columns, end exclusive, as `dockwall check --format json` prints them. */
export interface CliSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
export interface CliEdit extends CliSpan {
  newText: string;
}
export interface CliFinding extends CliSpan {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  fixes?: { title: string; preferred?: boolean; edits: CliEdit[] }[];
}

/** The findings of `dockwall check dir`, with file names relative to `dir`. */
export function cliFindings(dir: string): CliFinding[] {
  const r = spawnSync(process.execPath, [cliBundle, 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`dockwall check exited with ${r.status}: ${r.stderr}`);
  const rel = (f: string) => path.relative(dir, path.resolve(dir, f));
  const out = JSON.parse(r.stdout) as { findings: CliFinding[] };
  return out.findings.map((f) => ({ ...f, file: rel(f.file), fixes: f.fixes?.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, file: rel(e.file) })) })) }));
}

/** `text` with the edits for `file` applied (non-overlapping edits, any order). */
export function applyEdits(text: string, file: string, edits: readonly CliEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (line: number, column: number) => starts[line - 1] + column - 1;
  return edits
    .filter((e) => e.file === file)
    .map((e) => ({ from: offset(e.line, e.column), to: offset(e.endLine, e.endColumn), text: e.newText }))
    .sort((a, b) => b.from - a.from)
    .reduce((t, e) => t.slice(0, e.from) + e.text + t.slice(e.to), text);
}

/** The LSP range (0-based) of a CLI span. */
export function lspRange(s: CliSpan): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: s.line - 1, character: s.column - 1 }, end: { line: s.endLine - 1, character: s.endColumn - 1 } };
}
