/**
 * One language-server session: the open documents, the workspace model, analysis scheduling, and
 * the LSP features (diagnostics, hover, code actions, CodeLens, inlay hints, `dockwall/*`).
 * All protocol types stay in this folder; the analysis comes from the core.
 *
 * Every handler is wrapped: an exception is logged to the client's console and answered with an
 * empty result; the other files keep being served.
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
import type { CheckResult } from '../core/check';
import type { Finding } from '../core/findings';
import { buildRuleset } from '../core/netfilter/build';
import type { Languages } from '../core/syntax/languages';
import { languages as loadLanguages } from '../host/assets';
import { isRealFile, markdownLink, toCodeAction, toDiagnostic } from './convert';
import { Documents, type OpenDocument } from './documents';
import { findingHover, locate, portHover, rulesetHover } from './hover';
import { portItemAt, portItems, reachSummary } from './ports';
import { portPath } from './portpath';
import { ImportedRulesetsNotification, PortPathRequest, StatusNotification, type ImportedRulesetsParams, type PortPathParams, type PortPathResult, type StatusParams } from './protocol';
import { initialSettings, parseSettings, type Settings } from './settings';
import { URI } from './uri';
import { WorkspaceModel } from './workspace';

/** Analyses expected to take longer than this publish fast syntax diagnostics first (see flush). */
const SLOW_MS = 40;

export interface ServerOptions {
  /** Environment for compose interpolation (default: the process environment). */
  readonly env?: Readonly<Record<string, string>>;
}

export function startServer(connection: Connection, langs: Promise<Languages> = loadLanguages(), options: ServerOptions = {}): void {
  const docs = new Documents();
  const model = new WorkspaceModel(docs, options.env);
  const log = (msg: string): void => connection.console.error(msg);
  let configurationSupport = false;
  let dynamicConfiguration = false;
  let watchRegistration = false;
  let folderEvents = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let shuttingDown = false;
  /** Analysis waits for the configuration and the first walk of the folders. */
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  /** Open documents changed since the last publication. */
  const changed = new Set<string>();
  /** What was last published per URI (for moving diagnostics along edits, and to skip identical re-sends). */
  const published = new Map<string, { diagnostics: Diagnostic[]; key: string }>();

  /** Runs a handler; an exception is logged and turned into `fallback`. */
  function guard<P extends unknown[], R>(name: string, fallback: R, fn: (...a: P) => R | Promise<R>): (...a: P) => Promise<R> {
    return async (...a: P) => {
      try {
        return await fn(...a);
      } catch (e) {
        log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
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
      if (!known && (model.isCompose(d.file) || model.isRuleset(d.file))) model.pair();
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
        void connection.sendDiagnostics({ uri: d.uri, diagnostics: [] });
      }
      schedule(0);
    }),
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

  function schedule(delay: number): void {
    if (shuttingDown) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, delay);
  }

  /** Runs the pending analysis now (requests call this so that they answer about the current text). */
  async function settle(): Promise<void> {
    if (running) await running;
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
      await run();
    }
  }

  function run(): Promise<void> {
    const next = (running ?? Promise.resolve()).then(() => flush().catch((e) => log(`analysis round failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)));
    running = next;
    void next.then(() => {
      if (running === next) running = undefined;
    });
    return next;
  }

  async function flush(): Promise<void> {
    await ready;
    const l = await langs;
    const edited = [...changed].map((u) => docs.get(u)).filter((d): d is OpenDocument => !!d);
    changed.clear();
    // Big projects: fresh syntax diagnostics (and the previous findings moved along the edits) first.
    const estimate = [...model.projects.values()].filter((p) => edited.some((d) => p.inputs.has(d.file))).reduce((a, p) => a + p.ms, 0);
    if (estimate > SLOW_MS && edited.length) {
      for (const d of edited) publish(d.file, l, { moveOld: true });
      await new Promise((r) => setImmediate(r));
    }
    const done = model.analyseDirty(l, log);
    const files = new Set<string>(edited.map((d) => d.file));
    for (const { project, previous } of done) {
      for (const f of previous) files.add(f);
      for (const f of project.inputs) files.add(f);
    }
    for (const f of files) if (isRealFile(f)) publish(f, l, {});
    for (const d of edited) d.pendingChanges = [];
    if (done.length || edited.length) sendStatus();
  }

  /** The diagnostics of one file: syntax (open rulesets) + inputs + findings of every project reading it. */
  function diagnosticsOf(file: string, l: Languages): Diagnostic[] {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    const add = (d: Diagnostic): void => {
      const k = JSON.stringify([d.range, d.code, d.message]);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(d);
      }
    };
    const doc = docs.byPath(file);
    const syntax = doc && !model.isCompose(file) ? docs.syntax(doc, l) : undefined;
    for (const d of syntax ?? []) add(toDiagnostic(d, URI.fromPath));
    for (const p of model.projectsOf(file)) {
      if (!p.result) continue;
      for (const d of p.result.diagnostics) if (d.span.file === file && !(syntax && d.code === 'syntax')) add(toDiagnostic(d, URI.fromPath));
      for (const f of p.result.findings) if (f.span.file === file) add(toDiagnostic(f, URI.fromPath));
    }
    return out;
  }

  function publish(file: string, l: Languages, opts: { moveOld?: boolean }): void {
    const uri = docs.byPath(file)?.uri ?? URI.fromPath(file);
    const doc = docs.byPath(file);
    let diagnostics: Diagnostic[];
    if (opts.moveOld && doc) {
      const syntax = (docs.syntax(doc, l) ?? []).map((d) => toDiagnostic(d, URI.fromPath));
      const old = (published.get(uri)?.diagnostics ?? []).filter((d) => d.code !== 'syntax');
      const moved = old.flatMap((d) => {
        const r = moveRange(d.range, doc.pendingChanges);
        return r ? [{ ...d, range: r }] : [];
      });
      diagnostics = [...syntax, ...moved];
    } else diagnostics = diagnosticsOf(file, l);
    const key = JSON.stringify(diagnostics);
    const prev = published.get(uri);
    // Open documents always get a publication carrying their version; closed files only on change.
    if (!doc && prev?.key === key) return;
    if (!doc && !prev && !diagnostics.length) return;
    published.set(uri, { diagnostics, key });
    void connection.sendDiagnostics({ uri, version: doc?.doc.version, diagnostics });
  }

  function sendStatus(): void {
    const rulesets = new Set<string>();
    let warnings = 0;
    let errors = 0;
    let projects = 0;
    const lines: string[] = [];
    for (const p of model.projects.values()) {
      projects++;
      p.entry.rulesets.forEach((r) => rulesets.add(r));
      const fs = p.result?.findings ?? [];
      warnings += fs.filter((f) => f.severity === 'warning').length;
      errors += fs.filter((f) => f.severity === 'error').length + (p.result?.diagnostics.filter((d) => d.severity === 'error').length ?? 0);
      lines.push(`${p.entry.directory}: ${p.entry.rulesets.length} ruleset(s), ${fs.length} finding(s)${p.error ? `, analysis failed: ${p.error}` : ''} (${p.ms.toFixed(0)} ms)`);
    }
    const params: StatusParams = {
      text: `Dockwall: ${rulesets.size} ruleset${rulesets.size === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'}${errors ? ` · ${errors} error${errors === 1 ? '' : 's'}` : ''}`,
      tooltip: lines.length ? lines.join('\n') : 'No compose project in the workspace.',
      projects,
      rulesets: [...rulesets],
      warnings,
      errors,
    };
    void connection.sendNotification(StatusNotification, params);
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  /** The analyses that read `file`, only those computed from the document's current text. */
  function freshResults(d: OpenDocument): CheckResult[] {
    const text = d.doc.getText();
    return model
      .projectsOf(d.file)
      .map((p) => p.result)
      .filter((r): r is CheckResult => !!r && (r.texts.get(d.file) === undefined || r.texts.get(d.file) === text));
  }

  const link = (span: Parameters<typeof markdownLink>[0]) => markdownLink(span, URI.fromPath);

  connection.onHover(
    guard('hover', null, async (p) => {
      await settle();
      const d = docs.get(p.textDocument.uri);
      if (!d) return null;
      const offset = d.doc.offsetAt(p.position);
      const results = freshResults(d);
      const parts: string[] = [];
      for (const r of results) {
        const item = portItemAt(r, d.file, offset);
        if (item) {
          parts.push(portHover(item, r, link));
          break;
        }
      }
      const portShown = parts.length > 0;
      if (!parts.length && !model.isCompose(d.file)) {
        const ruleset = results[0]?.analysis.ruleset ?? standalone(d);
        const loc = ruleset ? locate(ruleset, d.file, offset, (o) => d.doc.positionAt(o).line) : undefined;
        if (loc) parts.push(rulesetHover(loc, results, link));
      }
      const seen = new Set<string>();
      for (const f of findingsAt(results, d.file, offset)) {
        if (seen.has(f.code)) continue;
        seen.add(f.code);
        parts.push(findingHover(f, !portShown));
      }
      if (!parts.length) return null;
      return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') } };
    }),
  );

  /** The ruleset of an unpaired document, from its own lowering. */
  function standalone(d: OpenDocument) {
    const l = langsNow;
    if (!l) return undefined;
    const low = model.lower({ file: d.file, text: d.doc.getText() }, l);
    return low.value ? buildRuleset([low.value]).value : undefined;
  }
  let langsNow: Languages | undefined;
  void langs.then((l) => (langsNow = l)).catch((e) => log(`cannot load the grammars: ${e instanceof Error ? e.message : String(e)}`));

  function findingsAt(results: readonly CheckResult[], file: string, offset: number): Finding[] {
    return results.flatMap((r) => r.findings.filter((f) => f.span.file === file && f.span.start <= offset && offset <= f.span.end));
  }

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], async (p) => {
      await settle();
      const d = docs.get(p.textDocument.uri);
      if (!d) return [];
      if (p.context.only?.length && !p.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === 'quickfix')) return [];
      const start = d.doc.offsetAt(p.range.start);
      const end = d.doc.offsetAt(p.range.end);
      const out: CodeAction[] = [];
      const seen = new Set<string>();
      for (const r of freshResults(d)) {
        for (const f of r.findings) {
          if (f.span.file !== d.file || f.span.end < start || f.span.start > end || !f.fixes?.length) continue;
          const diagnostic = toDiagnostic(f, URI.fromPath);
          for (const fix of f.fixes) {
            const textOf = (file: string) => r.texts.get(file);
            const action = toCodeAction(fix, diagnostic, textOf, (file) => docs.byPath(file)?.uri ?? URI.fromPath(file));
            if (!action) continue;
            const k = JSON.stringify([action.title, action.edit]);
            if (!seen.has(k)) {
              seen.add(k);
              out.push(action);
            }
          }
        }
      }
      return out;
    }),
  );

  connection.onCodeLens(
    guard('codeLens', [] as CodeLens[], async (p) => {
      await settle();
      const d = docs.get(p.textDocument.uri);
      if (!d || !model.isCompose(d.file)) return [];
      const out: CodeLens[] = [];
      const seen = new Set<number>();
      for (const r of freshResults(d))
        for (const item of portItems(r, d.file)) {
          if (seen.has(item.item.start)) continue;
          seen.add(item.item.start);
          const range = { start: item.item.range.start, end: item.item.range.start };
          out.push({ range, command: { title: reachSummary(item), command: 'dockwall.showPacketPath', arguments: [{ uri: d.uri, position: item.item.range.start }] } });
        }
      return out;
    }),
  );

  connection.languages.inlayHint.on(
    guard('inlayHint', [] as InlayHint[], async (p) => {
      await settle();
      const d = docs.get(p.textDocument.uri);
      if (!d || !model.isCompose(d.file)) return [];
      const out: InlayHint[] = [];
      const lines = new Set<number>();
      for (const r of freshResults(d))
        for (const item of portItems(r, d.file)) {
          const line = item.item.range.end.line;
          if (line < p.range.start.line || line > p.range.end.line || lines.has(line)) continue;
          lines.add(line);
          const text = d.doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
          out.push({ position: { line, character: text.length }, label: reachSummary(item), paddingLeft: true });
        }
      return out;
    }),
  );

  connection.onRequest(
    PortPathRequest,
    guard('portPath', null as PortPathResult | null, async (p: PortPathParams) => {
      await settle();
      const d = docs.get(p.uri);
      if (!d) return null;
      const offset = d.doc.offsetAt(p.position);
      for (const r of freshResults(d)) {
        const item = portItemAt(r, d.file, offset);
        if (item) return portPath(item, (f) => docs.byPath(f)?.uri ?? URI.fromPath(f));
      }
      return null;
    }),
  );

  connection.onShutdown(() => {
    shuttingDown = true;
    clearTimeout(timer);
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
