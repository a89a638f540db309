/**
 * An in-process LSP pair over real streams: the server from server/src/lsp/session.ts on one side,
 * a protocol client on the other, JSON-RPC framed bytes in between. No mocks.
 */
import { PassThrough } from 'node:stream';
import {
  createConnection,
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/session';

export interface LspPair {
  client: ProtocolConnection;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, languageId: string, text: string, version?: number): Promise<void>;
  change(uri: string, version: number, changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): Promise<void>;
  dispose(): Promise<void>;
}

export async function startPair(initializationOptions: object = { debounceMs: 0 }): Promise<LspPair> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConn = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConn);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));

  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const i = waiters.findIndex((w) => w.uri === p.uri && w.accept(p.diagnostics));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(p);
    else published.push(p);
  });
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions });
  await client.sendNotification('initialized', {});

  return {
    client,
    diagnostics(uri, accept = () => true, timeoutMs = 10000) {
      const i = published.findIndex((p) => p.uri === uri && accept(p.diagnostics));
      if (i >= 0) return Promise.resolve(published.splice(i, 1)[0]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ uri, accept, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    open(uri, languageId, text, version = 1) {
      return client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, contentChanges) {
      return client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    },
    async dispose() {
      await client.sendRequest('shutdown');
      client.dispose();
      serverConn.dispose();
      toServer.end();
      toClient.end();
    },
  };
}
