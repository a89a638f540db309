/**
 * Syntax check of one ruleset text: detect the language, parse, and list syntax errors.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { Tree } from 'web-tree-sitter';
import { type RuleMemo, validateIptablesTree } from '../netfilter/iptables-validate';
import { validateNftTree } from '../netfilter/nft-validate';
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
    return { format, diagnostics: rulesetSyntaxDiagnostics(grammar, tree, file, text, lines, { evaluate: true }) };
  } finally {
    tree.delete();
  }
}

/**
 * The syntax diagnostics of a ruleset's tree: the grammar's errors, and what the real tool refuses
 * beyond the grammar: for iptables `iptables-restore --test` (netfilter/iptables-validate.ts), for
 * nftables with `evaluate` `nft -c`'s evaluation (netfilter/nft-validate.ts). The evaluation lowers
 * the file (about 1.3 s for 20k rules), so the language server leaves it out of the diagnostics it
 * computes per keystroke: its analysis lowers the file anyway and publishes the same errors (same
 * spans, messages and code `lower`), which `dockwall parse` gets from here.
 */
export function rulesetSyntaxDiagnostics(
  grammar: GrammarId,
  tree: Tree,
  file: string,
  text: string,
  lines = new LineIndex(text),
  options: { readonly evaluate?: boolean; readonly memo?: RuleMemo } = {},
): CoreDiagnostic[] {
  const grammarErrors = syntaxDiagnostics(tree, file, text, lines);
  if (grammar === 'nftables') return [...grammarErrors, ...nftCarriageReturn(file, text, lines), ...(options.evaluate ? validateNftTree(tree, file, text) : [])];
  return [...grammarErrors, ...validateIptablesTree(tree.rootNode, file, text, lines, { memo: options.memo })];
}

/**
 * nft reads a carriage return outside a comment or string as junk (`syntax error, unexpected
 * junk`): CRLF line ends make a script invalid. One error, at the first.
 */
function nftCarriageReturn(file: string, text: string, lines: LineIndex): CoreDiagnostic[] {
  if (!text.includes('\r')) return [];
  const re = /#[^\n]*|"[^"\n]*"|\r/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '\r') return [{ span: lines.span(file, m.index, m.index + 1), severity: 'error', code: 'syntax', message: 'carriage return (CRLF line ends?): nft refuses it (unexpected junk)' }];
  }
  return [];
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
