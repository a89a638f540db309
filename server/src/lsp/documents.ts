/**
 * The open documents, kept by the server itself (not vscode-languageserver's TextDocuments) because
 * the incremental re-parse needs each content change: for nftables and iptables documents the
 * tree-sitter tree of the previous version is edited (`tree.edit`) and re-parsed with
 * `parse(text, oldTree)`, so a keystroke in a 20k-rule file re-parses only around the edit.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Edit, type Tree } from 'web-tree-sitter';
import type { CoreDiagnostic } from '../core/diagnostics';
import { RuleMemo } from '../core/netfilter/iptables-validate';
import { checkSyntax, grammarFor, rulesetSyntaxDiagnostics } from '../core/syntax/check';
import { detectFormat, type SourceFormat } from '../core/syntax/detect';
import { parseGuard } from '../core/syntax/limits';
import type { Languages } from '../core/syntax/languages';
import { URI } from './uri';

const LANGUAGE_FORMAT: Record<string, SourceFormat> = { nftables: 'nftables', iptables: 'iptables' };

export interface OpenDocument {
  readonly uri: string;
  readonly file: string;
  readonly languageId: string;
  doc: TextDocument;
  /** The tree of `treeVersion` (nftables / iptables documents only). */
  tree?: Tree;
  treeVersion?: number;
  /** The syntax diagnostics of `syntaxVersion`. */
  syntax?: readonly CoreDiagnostic[];
  syntaxVersion?: number;
  /** What the iptables validation found per rule at the last versions (iptables documents only). */
  rules?: RuleMemo;
  /** The content changes since the last analysis, for moving old diagnostics along (see shiftRange). */
  pendingChanges: TextDocumentContentChangeEvent[];
}

export class Documents {
  private readonly byUri = new Map<string, OpenDocument>();
  private readonly byFile = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const file = URI.toPath(uri);
    const d: OpenDocument = { uri, file, languageId, doc: TextDocument.create(uri, languageId, version, text), pendingChanges: [] };
    this.byUri.set(uri, d);
    this.byFile.set(file, d);
    return d;
  }

  /** Applies the changes in order, editing the kept tree alongside. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const d = this.byUri.get(uri);
    if (!d) return undefined;
    for (const c of changes) {
      if ('range' in c && c.range) {
        const startIndex = d.doc.offsetAt(c.range.start);
        const oldEndIndex = d.doc.offsetAt(c.range.end);
        const start = d.doc.positionAt(startIndex);
        const oldEnd = d.doc.positionAt(oldEndIndex);
        const lines = c.text.split(/\r\n|\r|\n/);
        const newEnd =
          lines.length === 1 ? { row: start.line, column: start.character + c.text.length } : { row: start.line + lines.length - 1, column: lines[lines.length - 1].length };
        d.tree?.edit(
          new Edit({
            startIndex,
            oldEndIndex,
            newEndIndex: startIndex + c.text.length,
            startPosition: { row: start.line, column: start.character },
            oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
            newEndPosition: newEnd,
          }),
        );
        d.doc = TextDocument.update(d.doc, [{ range: { start, end: oldEnd }, text: c.text }], version);
      } else {
        d.tree?.delete();
        d.tree = undefined;
        d.doc = TextDocument.update(d.doc, [c], version);
      }
      d.pendingChanges.push(c);
    }
    d.doc = TextDocument.update(d.doc, [], version);
    return d;
  }

  close(uri: string): OpenDocument | undefined {
    const d = this.byUri.get(uri);
    if (!d) return undefined;
    d.tree?.delete();
    this.byUri.delete(uri);
    if (this.byFile.get(d.file) === d) this.byFile.delete(d.file);
    return d;
  }

  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  byPath(file: string): OpenDocument | undefined {
    return this.byFile.get(file);
  }

  textOf(file: string): string | undefined {
    return this.byFile.get(file)?.doc.getText();
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }

  /** The document's ruleset format, from its language id or its name and first line. */
  static format(d: OpenDocument): SourceFormat {
    return LANGUAGE_FORMAT[d.languageId] ?? detectFormat(d.file, d.doc.getText());
  }

  /**
   * Syntax diagnostics of the current version, re-parsing incrementally from the kept tree.
   * Undefined for documents that are not rulesets.
   */
  syntax(d: OpenDocument, langs: Languages): readonly CoreDiagnostic[] | undefined {
    if (d.syntaxVersion === d.doc.version && d.syntax) return d.syntax;
    const format = Documents.format(d);
    const text = d.doc.getText();
    let out: readonly CoreDiagnostic[] | undefined;
    if (format === 'nft-json') {
      out = checkSyntax(langs, d.file, text, 'nft-json').diagnostics;
    } else {
      const grammar = grammarFor(format);
      if (!grammar) return undefined;
      // Binary, huge or absurdly nested text: never hand it to the parser (see core/syntax/limits).
      const refused = parseGuard(d.file, text);
      if (refused) {
        d.tree?.delete();
        d.tree = undefined;
        d.syntax = [refused];
        d.syntaxVersion = d.doc.version;
        return d.syntax;
      }
      const old = d.tree;
      const tree = langs.parser(grammar).parse(text, old ?? null) ?? undefined;
      if (old && old !== tree) old.delete();
      d.tree = tree;
      d.treeVersion = d.doc.version;
      out = tree
        ? rulesetSyntaxDiagnostics(grammar, tree, d.file, text, undefined, grammar === 'iptables' ? { memo: (d.rules ??= new RuleMemo()) } : {})
        : [{ span: { file: d.file, start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, severity: 'error', code: 'syntax', message: 'the parser gave up on this file' }];
    }
    d.syntax = out;
    d.syntaxVersion = d.doc.version;
    return out;
  }
}
