/**
 * One language-server session: the open documents, the workspace model, analysis scheduling, and
 * the LSP features (diagnostics, hover, code actions, CodeLens, inlay hints, `dockwall/*`).
 * All protocol types stay in this folder; the analysis comes from the core.
 *
 * Every handler is wrapped: an exception is logged to the client's console and answered with an
 * empty result; the other files keep being served. Publishing is guarded per file (a syntax check
 * that throws becomes an error on that file), and a client that went away is never an unhandled
 * rejection (which would end the process).
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type InlayHint,
  type Position,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import type { CoreDiagnostic } from '../core/diagnostics';
import type { Languages } from '../core/syntax/languages';
import { unanalysedUnit } from '../core/podman/quadlet';
import { isFirewalldFile } from '../core/workspace';
import { ufwPaths } from '../core/ufw';
import { auditHost } from './audit-host';
import { languages as loadLanguages } from '../host/assets';
import { isRealFile, toDiagnostic } from './convert';
import { LocalBackend, WorkerBackend, workerEntry, type Backend } from './backend';
import { Documents, type OpenDocument } from './documents';
import { AuditHostRequest, ImportedRulesetsNotification, PortPathRequest, StatusNotification, type AuditHostParams, type AuditHostResult, type ImportedRulesetsParams, type PortPathParams, type PortPathResult, type StatusParams } from './protocol';
import { initialSettings, parseSettings, type Settings } from './settings';
import { URI } from './uri';
import { WorkspaceModel } from './workspace';

/**
 * Analyses expected to take longer than this publish fast syntax diagnostics first (see onTimer):
 * below the 20 ms a keystroke's diagnostics may take, and well below a typical project's analysis
 * time (tens of ms), so that its varying time never decides whether the editor waits for it.
 */
const SLOW_MS = 15;

export interface ServerOptions {
  /** Environment for compose interpolation (default: the process environment). */
  readonly env?: Readonly<Record<string, string>>;
  /** Where analyses run: a worker thread (default when its entry is found) or the server's thread. */
  readonly backend?: 'worker' | 'local';
}

function createBackend(kind: ServerOptions['backend'], langs: () => Promise<Languages>, log: (m: string) => void): Backend {
  const entry = kind === 'local' ? undefined : workerEntry();
  return entry ? new WorkerBackend(entry, langs, log) : new LocalBackend(langs);
}

export function startServer(connection: Connection, langs: Promise<Languages> = loadLanguages(), options: ServerOptions = {}): void {
  const docs = new Documents();
  const model = new WorkspaceModel(docs, options.env);
  const log = (msg: string): void => {
    try {
      connection.console.error(msg);
    } catch {
      // the connection is gone: nobody to tell, and a throw here would escape the handlers' guards
    }
  };
  const errorText = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));
  /** A notification to the client; a failed write (the client went away) is logged, never an unhandled rejection. */
  const sent = (p: Promise<void>): void => void p.catch((e: unknown) => log(`sending to the client failed: ${errorText(e)}`));
  let configurationSupport = false;
  let dynamicConfiguration = false;
  let watchRegistration = false;
  let folderEvents = false;
  /** The pending analysis start (a timer for the debounce; with no debounce, the next turn of the event loop). */
  let timer: { readonly cancel: () => void } | undefined;
  /** The analysis round in flight. */
  let round: Promise<void> | undefined;
  /** Edited documents not yet published from an analysis. */
  const awaitingFull = new Set<string>();
  const backend: Backend = createBackend(options.backend, () => langs, log);
  let shuttingDown = false;
  /** Analysis waits for the configuration and the first walk of the folders. */
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  /** Open documents changed since the last publication. */
  const changed = new Set<string>();
  /** What was last published per URI (for moving diagnostics along edits, and to skip identical re-sends). */
  const published = new Map<string, { diagnostics: Diagnostic[]; key?: string; version?: number }>();
  /** A publication's diagnostics as one string, made when first compared (open documents are published at every version, closed files only on change). */
  const keyOf = (p: { diagnostics: Diagnostic[]; key?: string }): string => (p.key ??= JSON.stringify(p.diagnostics));

  /** Runs a handler; an exception is logged and turned into `fallback`. */
  function guard<P extends unknown[], R>(name: string, fallback: R, fn: (...a: P) => R | Promise<R>): (...a: P) => Promise<R> {
    return async (...a: P) => {
      try {
        return await fn(...a);
      } catch (e) {
        log(`${name} failed: ${errorText(e)}`);
        return fallback;
      }
    };
  }

  connection.onInitialize(
    (params): InitializeResult => {
      try {
        const folders = params.workspaceFolders?.map((f) => URI.toPath(f.uri)) ?? (params.rootUri ? [URI.toPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
        model.roots = folders.filter((f) => f.startsWith('/'));
        model.settings = initialSettings(params.initializationOptions);
        configurationSupport = !!params.capabilities.workspace?.configuration;
        dynamicConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
        watchRegistration = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
        folderEvents = !!params.capabilities.workspace?.workspaceFolders;
      } catch (e) {
        log(`initialize: ${e instanceof Error ? e.message : String(e)}`);
      }
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
          codeLensProvider: { resolveProvider: false },
          inlayHintProvider: true,
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'dockwall', version: '0.1.0' },
      };
    },
  );

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      try {
        if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockwall' }).catch(() => undefined);
        await readConfiguration();
        registerWatchers();
        if (folderEvents) watchFolders();
        model.discover();
      } finally {
        markReady();
        schedule(0);
      }
    }),
  );

  async function readConfiguration(): Promise<void> {
    if (!configurationSupport) return;
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ section: 'dockwall' });
      if (raw && typeof raw === 'object') model.settings = parseSettings(raw, model.settings);
    } catch (e) {
      log(`workspace/configuration failed, keeping the current settings: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  function registerWatchers(): void {
    if (!watchRegistration) return;
    const globs = [...model.settings.composeFiles, ...model.settings.rulesets, '**/.env', '**/host.json', '**/daemon.json'];
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) }).catch(() => undefined);
  }

  async function applySettings(next: Settings): Promise<void> {
    const prev = model.settings;
    model.settings = next;
    if (JSON.stringify([prev.composeFiles, prev.rulesets]) !== JSON.stringify([next.composeFiles, next.rulesets])) model.discover();
    model.invalidateAll();
    schedule(0);
  }

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, async (p) => {
      if (configurationSupport) {
        const before = model.settings;
        await readConfiguration();
        const next = model.settings;
        model.settings = before;
        await applySettings(next);
      } else {
        const raw = (p.settings as { dockwall?: unknown } | undefined)?.dockwall;
        await applySettings(parseSettings(raw, model.settings));
      }
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, (p) => {
      let rediscover = false;
      for (const c of p.changes) {
        const file = URI.toPath(c.uri);
        if (c.type !== 2 /* changed */) rediscover = true;
        if (!docs.byPath(file)) model.touch(file);
      }
      if (rediscover) model.discover();
      schedule(model.settings.debounceMs);
    }),
  );

  function watchFolders(): void {
    connection.workspace.onDidChangeWorkspaceFolders(
      guard('didChangeWorkspaceFolders', undefined, (e) => {
        const removed = new Set(e.removed.map((f) => URI.toPath(f.uri)));
        model.roots = [...model.roots.filter((r) => !removed.has(r)), ...e.added.map((f) => URI.toPath(f.uri))];
        model.discover();
        schedule(0);
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Documents

  connection.onDidOpenTextDocument(
    guard('didOpen', undefined, (p) => {
      const d = docs.open(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text);
      changed.add(d.uri);
      const known = model.projectsOf(d.file).length > 0;
      if (!known && (model.isCompose(d.file) || model.isRuleset(d.file) || isFirewalldFile(d.file))) model.pair();
      model.touch(d.file);
      schedule(0);
    }),
  );

  connection.onDidChangeTextDocument(
    guard('didChange', undefined, (p) => {
      const d = docs.change(p.textDocument.uri, p.textDocument.version ?? 0, p.contentChanges);
      if (!d) return;
      changed.add(d.uri);
      model.touch(d.file);
      schedule(model.settings.debounceMs);
    }),
  );

  connection.onDidCloseTextDocument(
    guard('didClose', undefined, (p) => {
      const d = docs.close(p.textDocument.uri);
      if (!d) return;
      changed.delete(d.uri);
      // The disk version applies again; the file may also stop being part of the workspace.
      model.touch(d.file);
      model.pair();
      const inWorkspace = model.projectsOf(d.file).length > 0;
      if (!inWorkspace) {
        published.delete(d.uri);
        sent(connection.sendDiagnostics({ uri: d.uri, diagnostics: [] }));
      }
      schedule(0);
    }),
  );

  // "Audit this host": the client sends it only in a trusted workspace (see client/src/audit-command.ts).
  connection.onRequest(
    AuditHostRequest,
    guard('auditHost', { ok: false, report: 'dockwall audit: internal error (see the log)\n', files: [], findings: 0 } as AuditHostResult, async (p: AuditHostParams) =>
      auditHost(p, { cwd: model.roots[0] ?? process.cwd(), languages: await langs, publish: (uri, diagnostics) => sent(connection.sendDiagnostics({ uri, diagnostics })) }),
    ),
  );

  connection.onNotification(
    ImportedRulesetsNotification,
    guard('importedRulesets', undefined, (p: ImportedRulesetsParams) => {
      const before = [...model.imported.keys()];
      model.imported.clear();
      for (const s of p?.sources ?? []) if (typeof s?.name === 'string' && typeof s.text === 'string') model.imported.set(s.name, s.text);
      model.pair();
      for (const n of new Set([...before, ...model.imported.keys()])) model.touch(n);
      schedule(0);
    }),
  );

  // ---------------------------------------------------------------------------------------------
  // Analysis and publication
  //
  // A keystroke restarts the debounce timer. When it fires, the edited documents are published at
  // once with fresh syntax diagnostics and their previous findings moved along the edits if an
  // analysis is running or the last one took long; then one analysis round runs in the backend
  // (one at a time) for the dirty projects, and every file they read is re-published. A document
  // edited during a round is published by the next round.

  function schedule(delay: number): void {
    if (shuttingDown) return;
    timer?.cancel();
    const run = (): void => {
      timer = undefined;
      void onTimer().catch((e) => log(`scheduling failed: ${errorText(e)}`));
    };
    // (a timer of 0 ms waits at least 1 ms in Node: with no debounce, the analysis starts on the next turn)
    if (delay <= 0) {
      const i = setImmediate(run);
      timer = { cancel: () => clearImmediate(i) };
    } else {
      const t = setTimeout(run, delay);
      timer = { cancel: () => clearTimeout(t) };
    }
  }

  async function onTimer(): Promise<void> {
    await ready;
    const l = await langs;
    const edited = [...changed].map((u) => docs.get(u)).filter((d): d is OpenDocument => !!d);
    changed.clear();
    const estimate = [...model.projects.values()].filter((p) => edited.some((d) => p.inputs.has(d.file))).reduce((a, p) => a + p.ms, 0);
    const early = edited.length > 0 && (round !== undefined || estimate > SLOW_MS);
    for (const d of edited) awaitingFull.add(d.uri);
    // The round starts first (the job is posted to the worker at once), and the early publication
    // is computed here while the worker analyses.
    kick(l);
    if (early) for (const d of edited) publish(d.file, l, { moveOld: true });
  }

  /**
   * Starts an analysis round unless one is running. Given the languages (loaded), the round's jobs
   * are handed to the backend before this returns.
   */
  function kick(loaded?: Languages): void {
    if (round || shuttingDown) return;
    const jobs = model.takeDirty();
    const edited = [...awaitingFull];
    awaitingFull.clear();
    if (!jobs.length && !edited.length) return;
    round = (async () => {
      try {
        const l = loaded ?? (await langs);
        const analysed = jobs.length ? backend.analyse(jobs) : Promise.resolve([]);
        // While the worker analyses, this thread computes the edited rulesets' syntax diagnostics,
        // which their publication after the round carries (kept per version: not computed twice).
        for (const uri of edited) {
          const d = docs.get(uri);
          if (d && !model.isCompose(d.file)) syntaxOf(d, l);
        }
        const outcomes = await analysed;
        const files = new Set<string>();
        for (const uri of edited) {
          const d = docs.get(uri);
          if (d) files.add(d.file);
        }
        for (const o of outcomes) {
          if (o.error) log(`analysis of ${o.dir} failed: ${o.error}`);
          for (const f of model.store(o) ?? []) files.add(f);
          // Unchanged diagnostics need no publication, except for an open document that has not had one at its version.
          for (const f of o.unchanged ?? []) {
            const d = docs.byPath(f);
            if (d && published.get(d.uri)?.version !== d.doc.version) files.add(f);
          }
        }
        if (jobs.length) backend.retain([...model.projects.keys()]);
        for (const f of files) if (isRealFile(f) && !(docs.byPath(f) && model.isDirtyFile(f))) publish(f, l, {});
        if (outcomes.length || edited.length) sendStatus();
      } catch (e) {
        log(`analysis round failed: ${errorText(e)}`);
      } finally {
        round = undefined;
        if (model.hasDirty() && !timer) kick();
      }
    })();
  }

  /** Runs what is pending now (requests call this so that they answer about the current text). */
  async function settle(): Promise<void> {
    for (let i = 0; i < 8; i++) {
      if (timer) {
        timer.cancel();
        timer = undefined;
        await onTimer();
      }
      if (round) await round;
      else if (model.hasDirty() || awaitingFull.size) kick();
      else return;
    }
  }

  /** The diagnostics of one file: syntax (open rulesets) + inputs + findings of every project reading it. */
  function diagnosticsOf(file: string, l: Languages): Diagnostic[] {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    const add = (d: Diagnostic): void => {
      const { start, end } = d.range;
      const k = `${start.line}:${start.character}:${end.line}:${end.character}\u0000${d.code}\u0000${d.message}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(d);
      }
    };
    const doc = docs.byPath(file);
    const syntax = doc && !model.isCompose(file) ? syntaxOf(doc, l) : undefined;
    for (const d of syntax ?? []) add(toDiagnostic(d, URI.fromPath));
    for (const p of model.projectsOf(file)) for (const d of p.outcome?.diagnostics[file] ?? []) if (!(syntax && d.code === 'syntax')) add(d);
    // an open Quadlet unit of a kind not analysed says so, rather than showing nothing
    const unanalysed = doc ? unanalysedUnit({ file, text: doc.doc.getText() }) : undefined;
    if (unanalysed) add(toDiagnostic(unanalysed, URI.fromPath));
    return out;
  }

  /**
   * Syntax diagnostics of an open document. If checking throws (the parser failed inside), the
   * exception is logged and becomes an error on the file instead of stopping its publication
   * and the analysis round; the analysis's own syntax diagnostics are then left out.
   */
  function syntaxOf(doc: OpenDocument, l: Languages): readonly CoreDiagnostic[] | undefined {
    try {
      return docs.syntax(doc, l);
    } catch (e) {
      log(`syntax check of ${doc.file} failed: ${errorText(e)}`);
      const at = { line: 0, character: 0 };
      const message = `syntax check failed: ${e instanceof Error ? e.message : String(e)}`;
      return [{ span: { file: doc.file, start: 0, end: 0, range: { start: at, end: at } }, severity: 'error', code: 'syntax', message }];
    }
  }

  /** Publishes one file; an exception is logged and the other files are still published. */
  function publish(file: string, l: Languages, opts: { moveOld?: boolean }): void {
    try {
      publishNow(file, l, opts);
    } catch (e) {
      log(`publishing ${file} failed: ${errorText(e)}`);
    }
  }

  function publishNow(file: string, l: Languages, opts: { moveOld?: boolean }): void {
    const uri = docs.byPath(file)?.uri ?? URI.fromPath(file);
    const doc = docs.byPath(file);
    let diagnostics: Diagnostic[];
    if (opts.moveOld && doc) {
      const syntax = (syntaxOf(doc, l) ?? []).map((d) => toDiagnostic(d, URI.fromPath));
      const old = (published.get(uri)?.diagnostics ?? []).filter((d) => d.code !== 'syntax');
      const moved = old.flatMap((d) => {
        const r = moveRange(d.range, doc.pendingChanges);
        return r ? [{ ...d, range: r }] : [];
      });
      diagnostics = [...syntax, ...moved];
    } else diagnostics = diagnosticsOf(file, l);
    const prev = published.get(uri);
    const now: { diagnostics: Diagnostic[]; key?: string; version?: number } = { diagnostics, version: doc?.doc.version };
    // Open documents always get a publication carrying their version; closed files only on change.
    if (!doc && prev && keyOf(prev) === keyOf(now)) return;
    if (!doc && !prev && !diagnostics.length) return;
    published.set(uri, now);
    if (doc) doc.pendingChanges = [];
    sent(connection.sendDiagnostics({ uri, version: doc?.doc.version, diagnostics }));
  }

  function sendStatus(): void {
    const rulesets = new Set<string>();
    let warnings = 0;
    let errors = 0;
    let projects = 0;
    const lines: string[] = [];
    for (const p of model.projects.values()) {
      projects++;
      // the host's firewall: its rulesets, ufw's rule files, a firewalld configuration folder
      const own = [...p.entry.rulesets, ...(p.entry.ufw ? ufwPaths(p.entry.ufw) : []), ...(p.entry.firewalld ? [p.entry.firewalld.folder ?? p.entry.firewalld.zones[0] ?? 'firewalld'] : [])];
      own.forEach((r) => rulesets.add(r));
      warnings += p.outcome?.warnings ?? 0;
      errors += p.outcome?.errors ?? 0;
      lines.push(`${p.entry.directory}: ${own.length} ruleset(s)${p.entry.firewalld ? ' (firewalld)' : p.entry.ufw ? ' (ufw)' : ''}, ${p.outcome?.findings ?? 0} finding(s)${p.error ? `, analysis failed: ${p.error.split('\n')[0]}` : ''} (${p.ms.toFixed(0)} ms)`);
    }
    const params: StatusParams = {
      text: `Dockwall: ${rulesets.size} ruleset${rulesets.size === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'}${errors ? ` · ${errors} error${errors === 1 ? '' : 's'}` : ''}`,
      tooltip: lines.length ? lines.join('\n') : 'No compose project in the workspace.',
      projects,
      rulesets: [...rulesets],
      warnings,
      errors,
    };
    sent(connection.sendNotification(StatusNotification, params));
  }

  // ---------------------------------------------------------------------------------------------
  // Requests: answered by the backend from the analyses of the document's current version.

  const scope = (d: OpenDocument) => ({ dirs: model.projectsOf(d.file).map((p) => p.entry.directory), file: d.file, version: d.doc.version });

  connection.onHover(
    guard('hover', null, async (p) => {
      await settle();
      const d = docs.get(p.textDocument.uri);
      if (!d) return null;
      const sc = scope(d);
      const isCompose = model.isCompose(d.file);
      const text = !isCompose && !sc.dirs.length ? d.doc.getText() : undefined;
      const value = (await backend.query({ kind: 'hover', ...sc, position: p.position, isCompose, text })) as string | null;
      return value ? { contents: { kind: MarkupKind.Markdown, value } } : null;
    }),
  );

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], async (p) => {
      await settle();
      const d = docs.get(p.textDocument.uri);
      if (!d) return [];
      if (p.context.only?.length && !p.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
      return (await backend.query({ kind: 'codeActions', ...scope(d), range: { start: p.range.start, end: p.range.end } })) as CodeAction[];
    }),
  );

  connection.onCodeLens(
    guard('codeLens', [] as CodeLens[], async (p) => {
      await settle();
      const d = docs.get(p.textDocument.uri);
      if (!d || !model.isCompose(d.file)) return [];
      return (await backend.query({ kind: 'codeLens', ...scope(d), uri: d.uri })) as CodeLens[];
    }),
  );

  connection.languages.inlayHint.on(
    guard('inlayHint', [] as InlayHint[], async (p) => {
      await settle();
      const d = docs.get(p.textDocument.uri);
      if (!d || !model.isCompose(d.file)) return [];
      return (await backend.query({ kind: 'inlayHints', ...scope(d), range: p.range, text: d.doc.getText() })) as InlayHint[];
    }),
  );

  connection.onRequest(
    PortPathRequest,
    guard('portPath', null as PortPathResult | null, async (p: PortPathParams) => {
      await settle();
      const d = docs.get(p.uri);
      if (!d) return null;
      return (await backend.query({ kind: 'portPath', ...scope(d), position: { line: p.position.line, character: p.position.character } })) as PortPathResult | null;
    }),
  );

  connection.onShutdown(() => {
    shuttingDown = true;
    timer?.cancel();
    backend.dispose();
  });

  connection.listen();
}

/**
 * Moves a range along content changes (applied in order); undefined when an edit overlaps it.
 * Used to keep the previous findings in place while a slow analysis runs.
 */
export function moveRange(range: Range, changes: readonly TextDocumentContentChangeEvent[]): Range | undefined {
  let r: Range | undefined = range;
  for (const c of changes) {
    if (!r) return undefined;
    if (!('range' in c) || !c.range) return undefined;
    const cr = c.range;
    const lines = c.text.split(/\r\n|\r|\n/);
    const endAfter: Position = lines.length === 1 ? { line: cr.start.line, character: cr.start.character + c.text.length } : { line: cr.start.line + lines.length - 1, character: lines[lines.length - 1].length };
    const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    // Only called for positions at or after the change's end.
    const shift = (p: Position): Position => {
      if (p.line === cr.end.line) return { line: endAfter.line, character: endAfter.character + (p.character - cr.end.character) };
      return { line: p.line + (endAfter.line - cr.end.line), character: p.character };
    };
    if (before(r.end, cr.start)) continue;
    if (before(cr.end, r.start)) r = { start: shift(r.start), end: shift(r.end) };
    else r = undefined;
  }
  return r;
}
