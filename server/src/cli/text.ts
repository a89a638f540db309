/**
 * The text output of `dockwall check` / `audit`, for a reader who may not know netfilter.
 *
 * Per finding: where, severity and code; one plain sentence (`Finding.summary`, else the message);
 * why, in plain words (`Finding.explanation`); the packet's path as short lines (the rules in the
 * syntax they are written in, Docker's marked as Docker's); and the preferred fix as it would be
 * applied (the changed lines, `-` before and `+` after). Paragraphs are wrapped to the terminal.
 * With `verbose`, the full message, every step of the path, every fix and the notes are printed.
 */
import path from 'node:path';
import type { CoreDiagnostic } from '../core/diagnostics';
import type { Finding, Fix } from '../core/findings';
import { formatRewrite, type TraceStep } from '../core/netfilter/trace';
import { LineIndex, type Span, shorten, shownRule } from '../core/text';

export interface TextOptions {
  readonly cwd: string;
  /** Columns to wrap to (default: the terminal's, else 100). */
  readonly width?: number;
  readonly verbose?: boolean;
  /** The texts of the user's files, for showing fixes as applied. */
  readonly texts?: ReadonlyMap<string, string>;
}

export function relPath(file: string, cwd: string): string {
  if (file.startsWith('<')) return file;
  const r = path.relative(cwd, file);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : file;
}

export function where(span: Span, cwd: string): string {
  return `${relPath(span.file, cwd)}:${span.range.start.line + 1}:${span.range.start.character + 1}`;
}

/** Words wrapped to `width`, every line starting with `indent` (`first` for the first one). */
export function wrap(text: string, width: number, indent: string, first = indent): string[] {
  const out: string[] = [];
  let line = first;
  let fresh = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!fresh && line.length + 1 + word.length > width) {
      out.push(line);
      line = indent + word;
    } else line += (fresh ? '' : ' ') + word;
    fresh = false;
  }
  if (!fresh || !out.length) out.push(line);
  return out;
}


/** One short line per step that tells the story: NAT rewrites, verdicts, routing, drops. */
export function pathLines(steps: readonly TraceStep[], width: number, verbose = false): string[] {
  const rows: [string, string][] = [];
  for (const s of steps) {
    switch (s.kind) {
      case 'rule': {
        const who = s.rule.origin ? (/^added by (rootless )?Podman/.test(s.rule.origin) ? ' (Podman)' : ' (Docker)') : '';
        const place = `${s.table} ${s.chain}${who}`;
        if (s.rewrite) rows.push([place, `${s.rewrite.kind.toUpperCase()} ${formatRewrite(s.rewrite).replace(/^\w+ /, '').replace(' -> ', ' → ')}`]);
        else if (verbose || !/^(jump|goto|return|continue)/.test(s.verdict)) rows.push([place, `${s.verdict}: ${shownRule(s.rule.text)}`]);
        break;
      }
      case 'policy':
        if (verbose || s.verdict === 'drop') rows.push([`${s.table} ${s.chain}`, `policy ${s.verdict}`]);
        break;
      case 'route':
        rows.push(['routing', s.decision === 'forward' ? `forwarded to ${s.oif}` : s.decision === 'local' ? 'delivered to a local socket' : `dropped (${s.how})`]);
        break;
      case 'conntrack':
        rows.push(['conntrack', formatRewrite(s.rewrite).replace(' -> ', ' → ')]);
        break;
      case 'unknown':
        rows.push(['unknown', s.reason]);
        break;
      case 'chain':
        if (verbose) rows.push([`${s.hook} ${s.family} ${s.table} ${s.chain}`, `enters (priority ${s.priority})`]);
        break;
      case 'skip':
        if (verbose) rows.push([`${s.table} ${s.chain}`, `skipped: ${s.reason}`]);
        break;
    }
  }
  const w = Math.min(34, Math.max(...rows.map((r) => r[0].length), 0));
  return rows.map(([a, b]) => shorten(`    ${a.padEnd(w)}  ${b}`, width));
}

/** The lines a fix changes, as `-` (before) and `+` (after) with the file and line. */
export function fixLines(fix: Fix, opts: TextOptions): string[] {
  const out: string[] = [];
  const byFile = new Map<string, Fix['edits'][number][]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    const text = opts.texts?.get(file);
    if (text === undefined) continue;
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    const before = new LineIndex(text);
    // The changed region in the old text, whole lines.
    const from = before.position(sorted[0].start).line;
    const to = before.position(sorted[sorted.length - 1].end).line;
    let after = text;
    for (const e of [...sorted].reverse()) after = after.slice(0, e.start) + e.newText + after.slice(e.end);
    const oldLines = text.split(/\r?\n/);
    const newLines = after.split(/\r?\n/);
    const grown = newLines.length - oldLines.length;
    // Long lines are cut to the width unless verbose (the fix itself is applied whole).
    const fit = (l: string): string => (opts.verbose ? l : shorten(l, opts.width ?? 100));
    out.push(`    ${relPath(file, opts.cwd)}:${from + 1}`);
    for (let i = from; i <= to; i++) if (oldLines[i] !== newLines[i] || grown !== 0) out.push(fit(`    - ${oldLines[i]}`));
    for (let i = from; i <= to + grown; i++) out.push(fit(`    + ${newLines[i]}`));
  }
  return out;
}

export function formatFinding(f: Finding, opts: TextOptions): string[] {
  const width = opts.width ?? 100;
  const out: string[] = [`${where(f.span, opts.cwd)}: ${f.severity}[${f.code}]`];
  out.push(...wrap(f.summary ?? f.message, width, '  '));
  if (f.explanation) out.push(...wrap(f.explanation, width, '       ', '  Why: '));
  if (opts.verbose && f.summary) out.push(...wrap(f.message, width, '    ', '  In full: '));
  // Information findings are one paragraph unless asked for more.
  if (!opts.verbose && f.severity !== 'error' && f.severity !== 'warning') return out;
  const notes = (f.path ?? []).filter((p) => opts.verbose || !/→ (jump|goto) \S+$|→ (return|continue)$|: policy accept$/.test(p.text));
  const steps = f.steps ? pathLines(f.steps, width, opts.verbose) : notes.map((p) => shorten(`    ${p.text}`, width));
  if (steps.length) out.push('  Path:', ...steps);
  for (const r of opts.verbose ? (f.related ?? []) : []) out.push(...wrap(r.message, width, '    ', `  ${where(r.span, opts.cwd)}: `));
  const fixes = [...(f.fixes ?? [])].sort((a, b) => Number(b.preferred ?? false) - Number(a.preferred ?? false));
  fixes.slice(0, opts.verbose ? fixes.length : 1).forEach((fix, i) => {
    out.push(...wrap(fix.title, width, '       ', i === 0 ? '  Fix: ' : '  Or: '));
    out.push(...fixLines(fix, opts));
  });
  if (!opts.verbose && fixes.length > 1) out.push(`  (${fixes.length - 1} other fix${fixes.length > 2 ? 'es' : ''}: --verbose)`);
  return out;
}

export function formatNote(d: CoreDiagnostic, opts: TextOptions): string[] {
  const width = opts.width ?? 100;
  return wrap(d.message, width, '    ', `${where(d.span, opts.cwd)}: ${d.severity}${d.code ? ` (${d.code})` : ''}: `);
}
