/**
 * One language-server session: keeps the open documents, analyses them and publishes diagnostics.
 * All protocol types stay in this folder; the analysis comes from the core.
 */
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { checkSyntax } from '../core/syntax/check';
import { detectFormat, type SourceFormat } from '../core/syntax/detect';
import type { Languages } from '../core/syntax/languages';
import { languages as loadLanguages } from '../host/assets';
import { toDiagnostic } from './convert';

const LANGUAGE_FORMAT: Record<string, SourceFormat> = { nftables: 'nftables', iptables: 'iptables' };

export function startServer(connection: Connection, langs: Promise<Languages> = loadLanguages()): void {
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, NodeJS.Timeout>();
  let debounceMs = 150;

  connection.onInitialize((params): InitializeResult => {
    const opts = params.initializationOptions as { debounceMs?: number } | undefined;
    if (typeof opts?.debounceMs === 'number' && opts.debounceMs >= 0) debounceMs = opts.debounceMs;
    return {
      capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
      serverInfo: { name: 'dockwall', version: '0.1.0' },
    };
  });

  const analyse = async (doc: TextDocument): Promise<void> => {
    const file = URI.toPath(doc.uri);
    const text = doc.getText();
    const format = LANGUAGE_FORMAT[doc.languageId] ?? detectFormat(file, text);
    if (format !== 'nftables' && format !== 'iptables' && format !== 'nft-json') return;
    try {
      const result = checkSyntax(await langs, file, text, format);
      if (documents.get(doc.uri)?.version !== doc.version) return; // superseded by a newer edit
      await connection.sendDiagnostics({
        uri: doc.uri,
        version: doc.version,
        diagnostics: result.diagnostics.map((d) => toDiagnostic(d, URI.fromPath)),
      });
    } catch (e) {
      connection.console.error(`analysis of ${doc.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };

  const schedule = (doc: TextDocument, delay: number): void => {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        void analyse(doc);
      }, delay),
    );
  };

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, debounceMs));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
