/**
 * Syntax check of one ruleset text: detect the language, parse, and list syntax errors.
 */
import type { CoreDiagnostic } from '../diagnostics';
import { LineIndex } from '../text';
import { detectFormat, type SourceFormat } from './detect';
import { syntaxDiagnostics } from './errors';
import type { GrammarId, Languages } from './languages';
import { parseGuard } from './limits';

export interface SyntaxCheck {
  readonly format: SourceFormat;
  readonly diagnostics: readonly CoreDiagnostic[];
}

export function grammarFor(format: SourceFormat): GrammarId | undefined {
  return format === 'nftables' ? 'nftables' : format === 'iptables' ? 'iptables' : undefined;
}

export function checkSyntax(langs: Languages, file: string, text: string, format: SourceFormat = detectFormat(file, text)): SyntaxCheck {
  const lines = new LineIndex(text);
  if (format === 'nft-json') return { format, diagnostics: jsonDiagnostics(file, text, lines) };
  const grammar = grammarFor(format);
  if (!grammar) return { format, diagnostics: [] };
  const refused = parseGuard(file, text);
  if (refused) return { format, diagnostics: [refused] };
  const tree = langs.parser(grammar).parse(text);
  if (!tree) {
    return { format, diagnostics: [{ span: lines.span(file, 0, 0), severity: 'error', code: 'syntax', message: 'the parser gave up on this file' }] };
  }
  try {
    return { format, diagnostics: syntaxDiagnostics(tree, file, text, lines) };
  } finally {
    tree.delete();
  }
}

function jsonDiagnostics(file: string, text: string, lines: LineIndex): CoreDiagnostic[] {
  try {
    JSON.parse(text);
    return [];
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    const at = m ? Number(m[1]) : 0;
    return [{ span: lines.span(file, at, Math.min(at + 1, text.length)), severity: 'error', code: 'syntax', message: `invalid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}` }];
  }
}
