/**
 * An in-process LSP pair over real streams: the server from server/src/lsp/session.ts on one side,
 * a protocol client on the other, JSON-RPC framed bytes in between. No mocks.
 *
 * Options give the client workspace folders and answer `workspace/configuration` with a settings
 * object that tests can change (`setConfiguration` also sends didChangeConfiguration);
 * {@link makeWorkspace} lays out fixture files in a temporary folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
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
import type { Languages } from '../../server/src/core/syntax/languages';
import { startServer } from '../../server/src/lsp/session';

export interface LspPair {
  client: ProtocolConnection;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, languageId: string, text: string, version?: number): Promise<void>;
  change(uri: string, version: number, changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): Promise<void>;
  dispose(): Promise<void>;
  /** Replaces the settings the client answers with and notifies the server. */
  setConfiguration(settings: object): Promise<void>;
  /** Notifications of `method` received so far (oldest first). */
  notifications(method: string): unknown[];
  /** Resolves with the next notification of `method` satisfying `accept` (also one already received and not yet taken). */
  nextNotification<T>(method: string, accept?: (p: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Messages the server logged (window/logMessage). */
  logs: string[];
}

export interface PairOptions {
  /** Absolute paths of the workspace folders. */
  readonly folders?: readonly string[];
  /** Answer to workspace/configuration for the `dockwall` section; undefined: the client lacks the capability. */
  readonly configuration?: object;
  /** Where the server analyses (default: its worker thread). */
  readonly backend?: 'worker' | 'local';
  /** The server's tree-sitter languages (default: loaded from the wasm files). */
  readonly languages?: Promise<Languages>;
}

/** Writes `files` (relative path → text) into a new temporary folder and returns its path. */
export function makeWorkspace(files: Readonly<Record<string, string>>, prefix = 'dockwall-lsp-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

export const fileUri = (p: string): string => pathToFileURL(p).href;

export async function startPair(initializationOptions: object = { debounceMs: 0 }, opts: PairOptions = {}): Promise<LspPair> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConn = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConn, opts.languages, { backend: opts.backend });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));

  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const i = waiters.findIndex((w) => w.uri === p.uri && w.accept(p.diagnostics));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(p);
    else published.push(p);
  });
  const received = new Map<string, unknown[]>();
  const noteWaiters: { method: string; accept: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  const logs: string[] = [];
  for (const method of ['dockwall/status']) {
    client.onNotification(method, (p: unknown) => {
      const i = noteWaiters.findIndex((w) => w.method === method && w.accept(p));
      if (i >= 0) noteWaiters.splice(i, 1)[0].resolve(p);
      else received.set(method, [...(received.get(method) ?? []), p]);
    });
  }
  client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  let configuration = opts.configuration;
  client.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'dockwall' ? (configuration ?? null) : null)));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  const folders = opts.folders ?? [];
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: folders.length ? pathToFileURL(folders[0]).href : null,
    workspaceFolders: folders.length ? folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })) : null,
    capabilities: opts.configuration ? { workspace: { configuration: true } } : {},
    initializationOptions,
  });
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
    async setConfiguration(settings) {
      configuration = settings;
      await client.sendNotification('workspace/didChangeConfiguration', { settings: { dockwall: settings } });
    },
    notifications: (method) => received.get(method) ?? [],
    nextNotification<T>(method: string, accept: (p: T) => boolean = () => true, timeoutMs = 10000): Promise<T> {
      const list = received.get(method) ?? [];
      const i = list.findIndex((p) => accept(p as T));
      if (i >= 0) return Promise.resolve(list.splice(i, 1)[0] as T);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
        noteWaiters.push({ method, accept: (p) => accept(p as T), resolve: (p) => (clearTimeout(timer), resolve(p as T)) });
      });
    },
    logs,
    async dispose() {
      await client.sendRequest('shutdown');
      client.dispose();
      serverConn.dispose();
      toServer.end();
      toClient.end();
    },
  };
}

/** A server on a fresh workspace of `files` (debounce 0), for `body`; both are disposed of afterwards. */
export async function withWorkspace(files: Record<string, string>, body: (lsp: LspPair, dir: string) => Promise<void>): Promise<void> {
  const dir = makeWorkspace(files);
  const lsp = await startPair({ debounceMs: 0 }, { folders: [dir], configuration: { debounceMs: 0 } });
  try {
    await body(lsp, dir);
  } finally {
    await lsp.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
