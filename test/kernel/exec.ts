/**
 * Spawning the system tools the kernel tests drive. Every command is a fixed argument array; no
 * shell is involved, so ruleset text and addresses never reach a command line interpreter.
 */
import { spawn, spawnSync } from 'node:child_process';

export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class HarnessError extends Error {}

/** Runs `argv` (optionally inside network namespace `ns`), feeding `input` on stdin. */
export function run(argv: readonly string[], opts: { ns?: string; input?: string } = {}): Promise<ExecResult> {
  const full = opts.ns ? ['ip', 'netns', 'exec', opts.ns, ...argv] : [...argv];
  return new Promise((resolve) => {
    const child = spawn(full[0], full.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => resolve({ code: 127, stdout, stderr: stderr + String(e) }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Like {@link run} but throws a {@link HarnessError} carrying the command and its stderr on failure. */
export async function must(argv: readonly string[], opts: { ns?: string; input?: string } = {}): Promise<ExecResult> {
  const r = await run(argv, opts);
  if (r.code !== 0) {
    const where = opts.ns ? ` (in ${opts.ns})` : '';
    throw new HarnessError(`command failed${where}: ${argv.join(' ')}\n${r.stderr.trim() || r.stdout.trim()}`);
  }
  return r;
}

/** Synchronous variant for exit handlers, where no event loop is left. Never throws. */
export function runSync(argv: readonly string[]): number {
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
  return r.status ?? 1;
}
