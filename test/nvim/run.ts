/**
 * Runs headless Neovim as an LSP client of `node dist/cli.js lsp --stdio`, driven by a plan (see
 * test/nvim/client.lua), and returns what it recorded. Neovim writes nothing outside `dir`: its
 * XDG_* directories point inside it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
  | { op: 'codeAction'; file: string; line: number; character: number; only?: string[]; apply?: string }
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
  const out = path.join(dir, `result-${Date.now()}.json`);
  const planFile = path.join(dir, `plan-${Date.now()}.json`);
  const stepTimeout = Math.max(1000, timeoutMs - 3000);
  writeFileSync(
    planFile,
    JSON.stringify({
      cmd: opts.cmd ?? [process.execPath, cliBundle, 'lsp', '--stdio'],
      root,
      out,
      timeoutMs: stepTimeout,
      initializationOptions: { debounceMs: 0 },
      steps,
    }),
  );
  const xdg = path.join(dir, 'xdg');
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKWALL_NVIM_PLAN: planFile, HOME: path.join(xdg, 'home') };
  for (const k of ['CONFIG', 'DATA', 'CACHE', 'STATE', 'RUNTIME']) {
    env[`XDG_${k}_HOME`] = path.join(xdg, k.toLowerCase());
    mkdirSync(env[`XDG_${k}_HOME`]!, { recursive: true, mode: 0o700 });
  }
  env.XDG_RUNTIME_DIR = env.XDG_RUNTIME_HOME;
  delete env.XDG_RUNTIME_HOME;
  mkdirSync(env.HOME!, { recursive: true });

  const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${clientLua}`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nvim did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => (clearTimeout(timer), reject(e)));
    child.on('exit', (c) => (clearTimeout(timer), resolve(c)));
  });
  let result: NvimRun;
  try {
    result = lists(JSON.parse(readFileSync(out, 'utf8'))) as NvimRun;
  } catch {
    throw new Error(`nvim exited with ${code} and wrote no result\n${stderr}`);
  }
  if (result.error || code !== 0) throw new Error(`nvim exited with ${code}: ${result.error ?? ''}\n${stderr}`);
  return result;
}

/** "line:col-line:col", 0-based, for messages and comparisons. */
export function rangeText(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * The capabilities `dockwall lsp --stdio` announces (from its initialize reply), so a test can tell
 * whether a feature it exercises is served yet.
 */
export async function serverCapabilities(timeoutMs = 10000): Promise<Record<string, unknown>> {
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver/node');
  const child = spawn(process.execPath, [cliBundle, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const init = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { capabilities: Record<string, unknown> };
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    return init.capabilities;
  } finally {
    clearTimeout(timer);
    conn.dispose();
    child.kill();
  }
}

/** True when the server answers hover and code-action requests (the compose features). */
export function servesComposeFeatures(caps: Record<string, unknown>): boolean {
  return Boolean(caps.hoverProvider) && Boolean(caps.codeActionProvider);
}
