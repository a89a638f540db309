/**
 * Runs headless Neovim as an LSP client of `node dist/cli.js lsp --stdio`, driven by a plan (see
 * test/nvim/client.lua), and returns what it recorded. Neovim writes nothing outside `dir`: its
 * XDG_* directories point inside it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProtocolConnection } from 'vscode-languageserver/node';

export const repoRoot = path.resolve(__dirname, '../..');
export const cliBundle = path.join(repoRoot, 'dist', 'cli.js');
const clientLua = path.join(__dirname, 'client.lua');

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface LspDiagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}
/** A diagnostic as Neovim stores it (vim.diagnostic.get). */
export interface VimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source?: string;
  code?: string | number | null;
}

export type Step =
  | { op: 'open'; file: string; languageId?: string }
  | { op: 'diagnostics'; file: string; min?: number; max?: number; code?: string; absent?: string; fresh?: boolean }
  | { op: 'hover'; file: string; line: number; character: number }
  | { op: 'codeAction'; file: string; line: number; character: number; only?: string[]; apply?: string; forCode?: string }
  | { op: 'text'; file: string }
  | { op: 'write'; file: string };

export interface StepResult {
  op: Step['op'];
  file: string;
  /** open: the buffer and the languageId Neovim sent in didOpen. */
  bufnr?: number;
  uri?: string;
  languageId?: string;
  /** diagnostics: what the server published and what Neovim shows. */
  lsp?: LspDiagnostic[];
  vim?: VimDiagnostic[];
  version?: number;
  /** hover: the server's Hover, or null. */
  hover?: { contents: unknown; range?: Range } | null;
  /** codeAction: the actions offered, and the title of the one applied. */
  actions?: { title: string; kind?: string; diagnostics?: LspDiagnostic[]; edit?: unknown; command?: unknown }[];
  applied?: string;
  /** text: the buffer's text after the previous steps. */
  text?: string;
}

export interface NvimRun {
  capabilities: Record<string, unknown>;
  steps: StepResult[];
  error?: string;
}

/** The version line of `nvim --version`, or undefined when Neovim is not installed. */
export function nvimVersion(): string | undefined {
  // Even `nvim --version` opens a log under XDG_CACHE_HOME (or XDG_STATE_HOME): keep it out of $HOME.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockwall-nvim-version-'));
  try {
    const env = { ...process.env, HOME: dir, XDG_CACHE_HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
    const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10000, env });
    return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lua encodes an empty table as {}: turn the {} that stand for empty lists back into []. */
function lists(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => lists(v));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 && ['steps', 'lsp', 'vim', 'actions', 'diagnostics'].includes(key)) return [];
    return Object.fromEntries(entries.map(([k, v]) => [k, lists(v, k)]));
  }
  return value;
}

/**
 * Runs the plan with `root` as the workspace; files in steps are relative to it. Rejects with
 * Neovim's error (and its stderr) when a step fails or the run exceeds `timeoutMs` overall.
 * `cmd` replaces the server command (default: this checkout's dist/cli.js).
 */
export async function runNvim(dir: string, root: string, steps: Step[], opts: { timeoutMs?: number; cmd?: string[] } = {}): Promise<NvimRun> {
  const timeoutMs = opts.timeoutMs ?? 15000;
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const out = path.join(dir, `result-${stamp}.json`);
  const planFile = path.join(dir, `plan-${stamp}.json`);
  writeFileSync(
    planFile,
    JSON.stringify({
      cmd: opts.cmd ?? lspCommand(),
      root,
      out,
      timeoutMs: Math.max(1000, timeoutMs - 3000),
      initializationOptions: { debounceMs: 0 },
      steps,
    }),
  );
  const run = await spawnNvim(xdgEnv(path.join(dir, 'xdg'), { DOCKWALL_NVIM_PLAN: planFile }), root, ['--clean', '-c', `luafile ${clientLua}`], timeoutMs);
  return readResult<NvimRun>(out, run, (r) => lists(r) as NvimRun);
}

/**
 * The server command the tests run: this checkout's bundle, or the JSON list in DOCKWALL_LSP_CMD
 * (to point the same tests at another build of the server).
 */
export function lspCommand(): string[] {
  const custom = process.env.DOCKWALL_LSP_CMD;
  return custom ? (JSON.parse(custom) as string[]) : [process.execPath, cliBundle, 'lsp', '--stdio'];
}

export interface ConfigRun {
  files: { file: string; filetype: string; clients: string[]; diagnostics: VimDiagnostic[] }[];
  error?: string;
}

/**
 * Runs Neovim with `initLua` as the user's init.lua (in a throw-away XDG_CONFIG_HOME), opens each
 * file from `root` in turn and reports its filetype, attached clients and diagnostics (test/nvim/attached.lua).
 */
export async function runConfig(dir: string, root: string, initLua: string, files: string[], timeoutMs = 15000): Promise<ConfigRun> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const xdg = path.join(dir, `xdg-${stamp}`);
  const out = path.join(dir, `config-${stamp}.json`);
  const env = xdgEnv(xdg, { DOCKWALL_NVIM_FILES: JSON.stringify(files), DOCKWALL_NVIM_OUT: out, DOCKWALL_NVIM_TIMEOUT: String(Math.max(1000, timeoutMs - 3000)) });
  mkdirSync(path.join(env.XDG_CONFIG_HOME!, 'nvim'), { recursive: true });
  writeFileSync(path.join(env.XDG_CONFIG_HOME!, 'nvim', 'init.lua'), initLua);
  const run = await spawnNvim(env, root, ['-c', `luafile ${path.join(__dirname, 'attached.lua')}`], timeoutMs);
  return readResult<ConfigRun>(out, run, (r) => {
    const c = r as ConfigRun;
    return { ...c, files: (Array.isArray(c.files) ? c.files : []).map((f) => ({ ...f, clients: lists(f.clients, 'vim') as string[], diagnostics: lists(f.diagnostics, 'vim') as VimDiagnostic[] })) };
  });
}

/** The environment for a Neovim that writes only under `xdg`: HOME and every XDG_* directory. */
function xdgEnv(xdg: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, HOME: path.join(xdg, 'home') };
  for (const k of ['CONFIG', 'DATA', 'CACHE', 'STATE']) env[`XDG_${k}_HOME`] = path.join(xdg, k.toLowerCase());
  env.XDG_RUNTIME_DIR = path.join(xdg, 'runtime');
  for (const d of [env.HOME!, env.XDG_CONFIG_HOME!, env.XDG_DATA_HOME!, env.XDG_CACHE_HOME!, env.XDG_STATE_HOME!, env.XDG_RUNTIME_DIR]) mkdirSync(d, { recursive: true, mode: 0o700 });
  return env;
}

async function spawnNvim(env: NodeJS.ProcessEnv, cwd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  const child = spawn('nvim', ['--headless', '-n', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nvim did not finish within ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.on('error', (e) => (clearTimeout(timer), reject(e)));
    child.on('exit', (c) => (clearTimeout(timer), resolve(c)));
  });
  return { code, output };
}

function readResult<T extends { error?: string }>(file: string, run: { code: number | null; output: string }, shape: (raw: unknown) => T): T {
  let result: T;
  try {
    result = shape(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    throw new Error(`nvim exited with ${run.code} and wrote no result\n${run.output}`);
  }
  if (result.error || run.code !== 0) throw new Error(`nvim exited with ${run.code}: ${result.error ?? ''}\n${run.output}`);
  return result;
}

/** "line:col-line:col", 0-based, for messages and comparisons. */
export function rangeText(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * Starts `dockwall lsp --stdio` (this checkout's bundle), initializes it with `rootPath` as the
 * workspace folder, hands the connection and the announced capabilities to `body`, then shuts it down.
 */
export async function withServer<T>(
  rootPath: string | null,
  body: (conn: ProtocolConnection, capabilities: Record<string, unknown>) => Promise<T>,
  timeoutMs = 15000,
): Promise<T> {
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver/node');
  const [cmd, ...args] = lspCommand();
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
    const init = (await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: path.basename(rootPath!) }] : null,
      capabilities: {},
      initializationOptions: { debounceMs: 0 },
    })) as { capabilities: Record<string, unknown> };
    await conn.sendNotification('initialized', {});
    const result = await body(conn, init.capabilities);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    return result;
  } finally {
    clearTimeout(timer);
    conn.dispose();
    child.kill();
  }
}

/** The capabilities `dockwall lsp --stdio` announces, so a test can tell whether a feature it exercises is served yet. */
export function serverCapabilities(): Promise<Record<string, unknown>> {
  return withServer(null, async (_conn, caps) => caps);
}

/** True when the server answers hover and code-action requests (the compose features). */
export function servesComposeFeatures(caps: Record<string, unknown>): boolean {
  return Boolean(caps.hoverProvider) && Boolean(caps.codeActionProvider);
}
