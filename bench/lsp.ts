/**
 * Language-server benchmarks over a real stdio connection: the bundled server (`dist/server.js
 * --stdio`) in a child process, a protocol client from vscode-languageserver on its pipes.
 *
 * - {@link coldStart}: spawn → `initialize` answered, and → first diagnostics of a small ruleset
 *   (which needs the grammars' wasm loaded).
 * - {@link keystrokes}: open a workspace (compose file + ruleset), then single-character edits;
 *   each is timed from `didChange` to the `publishDiagnostics` carrying that version.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { StatusNotification } from '../server/src/lsp/protocol';
import { median, pct } from './stats';

export interface Server {
  readonly child: ChildProcess;
  readonly conn: ProtocolConnection;
  /** Resolves with the next publication for `uri` accepted by `accept`, or undefined after `timeoutMs`. */
  next(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs: number): Promise<PublishDiagnosticsParams | undefined>;
  /** Resolves at the next `dockwall/status` (sent when an analysis round has published its results), or false after `timeoutMs`. */
  nextStatus(timeoutMs: number): Promise<boolean>;
  /** When the last publication for `uri` arrived (performance.now()) and its version. */
  lastPublished(uri: string): { at: number; version?: number } | undefined;
  stop(): Promise<void>;
}

export function startServer(serverJs: string, rootDir: string): { server: Server; initialized: Promise<number> } {
  const t0 = performance.now();
  // BENCH_SERVER_NODE_ARGS: extra node options for the server process (e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile it).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const last = new Map<string, { at: number; version?: number }>();
  const statusWaiters: (() => void)[] = [];
  conn.onNotification(StatusNotification, () => statusWaiters.splice(0).forEach((f) => f()));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    last.set(p.uri, { at: performance.now(), version: p.version });
    const i = waiters.findIndex((w) => w.uri === p.uri && w.accept(p));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(p);
  });
  conn.listen();
  const rootUri = pathToFileURL(rootDir).href;
  const initialized = conn
    .sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {},
      initializationOptions: { debounceMs: 0 },
    })
    .then(async () => {
      const ms = performance.now() - t0;
      await conn.sendNotification('initialized', {});
      return ms;
    });
  const server: Server = {
    child,
    conn,
    next(uri, accept, timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) waiters.splice(i, 1);
          resolve(undefined);
        }, timeoutMs);
        const w = { uri, accept, resolve: (p: PublishDiagnosticsParams) => (clearTimeout(timer), resolve(p)) };
        waiters.push(w);
      });
    },
    nextStatus(timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        statusWaiters.push(() => (clearTimeout(timer), resolve(true)));
      });
    },
    lastPublished: (uri) => last.get(uri),
    async stop() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
      } catch {
        // the server may be gone already
      }
      conn.dispose();
      setTimeout(() => child.kill(), 500).unref();
    },
  };
  return { server, initialized };
}

export async function coldStart(serverJs: string, dir: string, runs: number): Promise<{ initializeMs: number; firstDiagnosticsMs: number }> {
  const init: number[] = [];
  const diag: number[] = [];
  const file = path.join(dir, 'cold.nft');
  // a syntax error, so that any server publishes a non-empty list once the grammar is loaded
  const text = 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\ttcp dport 22 accept oops\n\t}\n}\n';
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const { server, initialized } = startServer(serverJs, dir);
    init.push(await initialized);
    const got = server.next(uri, (p) => p.diagnostics.length > 0, 20000);
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'nftables', version: 1, text } });
    if (await got) diag.push(performance.now() - t0);
    await server.stop();
  }
  return { initializeMs: median(init), firstDiagnosticsMs: median(diag) };
}

export interface KeystrokeResult {
  readonly edits: number;
  readonly rulesetP50Ms: number;
  readonly rulesetP95Ms: number;
  /** Until the diagnostics computed by analysing that version (the first publication may carry the previous findings moved along the edit). */
  readonly rulesetAnalysedEdits: number;
  readonly rulesetAnalysedP50Ms: number;
  readonly rulesetAnalysedP95Ms: number;
  /** Absent when the server publishes no diagnostics for compose files. */
  readonly composeP50Ms?: number;
  readonly composeP95Ms?: number;
  readonly composeAnalysedP50Ms?: number;
  readonly composeAnalysedP95Ms?: number;
  readonly composeAnalysed: boolean;
  readonly lost: number;
}

/** The ruleset of a workspace: its file name, language id, and which of its lines hold a rule. */
export interface RulesetKind {
  readonly file: string;
  readonly languageId: string;
  readonly ruleLine: RegExp;
}
export const NFT_RULESET: RulesetKind = { file: 'ruleset.nft', languageId: 'nftables', ruleLine: /^\t\t\S/ };
export const IPTABLES_RULESET: RulesetKind = { file: 'rules.v4', languageId: 'iptables', ruleLine: /^-A / };

/**
 * Opens `compose.yaml` and the ruleset of `dir` (already written; `ruleset.nft` unless `kind` says
 * otherwise), then times `edits` edits of the ruleset (the first `analysedRulesetEdits` also until
 * their analysis is published) and, when the server analyses compose files, `edits` edits of a
 * compose port (`composeEdits: false`: none).
 */
export async function keystrokes(serverJs: string, dir: string, edits: number, kind: RulesetKind = NFT_RULESET, composeEdits = true, analysedRulesetEdits = 10): Promise<KeystrokeResult> {
  const { readFileSync } = await import('node:fs');
  const { server, initialized } = startServer(serverJs, dir);
  await initialized;
  const rulesFile = path.join(dir, kind.file);
  const composeFile = path.join(dir, 'compose.yaml');
  const rules = { uri: pathToFileURL(rulesFile).href, text: readFileSync(rulesFile, 'utf8'), version: 1 };
  const compose = { uri: pathToFileURL(composeFile).href, text: readFileSync(composeFile, 'utf8'), version: 1 };
  const rulesReady = server.next(rules.uri, () => true, 60000);
  const composeReady = server.next(compose.uri, () => true, 15000);
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: rules.uri, languageId: kind.languageId, version: 1, text: rules.text } });
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: compose.uri, languageId: 'dockercompose', version: 1, text: compose.text } });
  await rulesReady;
  const composeAnalysed = (await composeReady) !== undefined;
  // Opening runs more than one round (the first publications carry syntax only): wait for the
  // analysis, then until the server is quiet, before timing edits.
  let quietMs = 3000;
  const settle = async (): Promise<void> => {
    await server.nextStatus(300000);
    while (await server.nextStatus(quietMs));
  };
  const t0 = performance.now();
  await settle();
  // Quiet means: no status for longer than a whole analysis takes.
  quietMs = Math.max(quietMs, 2 * (performance.now() - t0));

  let lost = 0;
  /**
   * Sends one change; resolves with the time to the first publication of the new version and, when
   * `analysed`, to the last publication of that version before the round's status (the one
   * computed from it). The next edit is only sent once the round is over.
   */
  const timeEdit = async (doc: { uri: string; version: number }, change: object, analysed = false): Promise<{ first: number; analysed?: number } | undefined> => {
    doc.version++;
    const v = doc.version;
    const got = server.next(doc.uri, (p) => p.version === v, 60000);
    const status = analysed ? server.nextStatus(120000) : undefined;
    const t = performance.now();
    await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: v }, contentChanges: [change] });
    const p = await got;
    const first = performance.now() - t;
    if (!p || (status && !(await status))) {
      lost++;
      return undefined;
    }
    const lastPub = server.lastPublished(doc.uri);
    return { first, analysed: status && lastPub?.version === v ? lastPub.at - t : undefined };
  };

  // Ruleset: insert a space at the end of a rule line, then remove it (the file stays valid).
  const lines = rules.text.split('\n');
  const ruleLines = lines.map((l, i) => ({ l, i })).filter((x) => kind.ruleLine.test(x.l));
  const rulesetTimes: number[] = [];
  const rulesetAnalysed: number[] = [];
  // Waiting for every analysis of a large workspace would take minutes: there, only the first few edits wait for it.
  const analysedEdits = Math.min(edits, analysedRulesetEdits);
  for (let k = 0; k < edits; k++) {
    const { l, i } = ruleLines[((k >> 1) * 7919) % ruleLines.length];
    const at = { line: i, character: l.length };
    const change = k % 2 === 0 ? { range: { start: at, end: at }, text: ' ' } : { range: { start: at, end: { line: i, character: l.length + 1 } }, text: '' };
    const r = await timeEdit(rules, change, k < analysedEdits);
    if (r) rulesetTimes.push(r.first);
    if (r?.analysed !== undefined) rulesetAnalysed.push(r.analysed);
  }
  // Let the unwaited rounds finish before the compose edits are timed.
  if (analysedEdits < edits) await settle();

  // Compose: change the last digit of a published host port (the first short-syntax
  // item of a service on the default network: ports on an internal network are not published).
  const composeTimes: number[] = [];
  const composeAnalysedTimes: number[] = [];
  if (composeAnalysed && composeEdits) {
    const cl = compose.text.split('\n');
    const serviceEnd = (i: number): number => {
      let j = i + 1;
      while (j < cl.length && !/^ {2}\S/.test(cl[j]) && !/^\S/.test(cl[j])) j++;
      return j;
    };
    const serviceStart = (i: number): number => {
      let j = i;
      while (j > 0 && !/^ {2}\S/.test(cl[j])) j--;
      return j;
    };
    const li = cl.findIndex((l, i) => /- "\d+:\d+"/.test(l) && !cl.slice(serviceStart(i), serviceEnd(i)).some((x) => /^\s+networks:/.test(x)));
    const m = /- "(\d+):/.exec(cl[li])!;
    const col = cl[li].indexOf(m[1]) + m[1].length - 1;
    const digit = m[1][m[1].length - 1];
    for (let k = 0; k < edits; k++) {
      // Typing through the ten values of the last digit: each edit publishes a port not seen just before
      // (some of them ports other services use, as when typing a real port number).
      const text = String((Number(digit) + 1 + k) % 10);
      const r = await timeEdit(compose, { range: { start: { line: li, character: col }, end: { line: li, character: col + 1 } }, text }, true);
      if (r) composeTimes.push(r.first);
      if (r?.analysed !== undefined) composeAnalysedTimes.push(r.analysed);
    }
  }
  await server.stop();
  return {
    edits,
    rulesetP50Ms: pct(rulesetTimes, 50),
    rulesetP95Ms: pct(rulesetTimes, 95),
    rulesetAnalysedEdits: rulesetAnalysed.length,
    rulesetAnalysedP50Ms: pct(rulesetAnalysed, 50),
    rulesetAnalysedP95Ms: pct(rulesetAnalysed, 95),
    ...(composeAnalysed && composeEdits
      ? { composeP50Ms: pct(composeTimes, 50), composeP95Ms: pct(composeTimes, 95), composeAnalysedP50Ms: pct(composeAnalysedTimes, 50), composeAnalysedP95Ms: pct(composeAnalysedTimes, 95) }
      : {}),
    composeAnalysed,
    lost,
  };
}
