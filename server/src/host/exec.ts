/**
 * Runs one host program with a fixed argument array: `execFile`, never a shell, with a time limit
 * and an output size limit, in the C locale. For `dockwall audit` and the language server's
 * "Audit this host" (the VS Code client has its own copy in client/src/host-exec.ts).
 */
import { execFile } from 'node:child_process';

export interface ProgramLimits {
  readonly timeoutMs: number;
  /** Bytes of standard output accepted. */
  readonly maxBytes: number;
}

export const DEFAULT_PROGRAM_LIMITS: ProgramLimits = { timeoutMs: 15_000, maxBytes: 32 * 1024 * 1024 };

export type ProgramOutcome =
  | { readonly ok: true; readonly stdout: string; readonly stderr: string }
  | { readonly ok: false; readonly kind: 'not-found' | 'timeout' | 'too-large' | 'failed' | 'denied'; readonly message: string };

export type ProgramRunner = (program: string, args: readonly string[]) => Promise<ProgramOutcome>;

const PERMISSION = /operation not permitted|permission denied|you must be root|must be run as root/i;

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function programRunner(limits: ProgramLimits = DEFAULT_PROGRAM_LIMITS): ProgramRunner {
  return (program, args) =>
    new Promise<ProgramOutcome>((resolve) => {
      try {
        const child = execFile(
          program,
          [...args],
          { shell: false, windowsHide: true, timeout: limits.timeoutMs, killSignal: 'SIGKILL', maxBuffer: limits.maxBytes, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } },
          (error, stdout, stderr) => {
            if (!error) return resolve({ ok: true, stdout, stderr });
            const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number | null };
            const err = stderr.trim();
            if (e.code === 'ENOENT') resolve({ ok: false, kind: 'not-found', message: `${program} not found` });
            else if (e.code === 'EACCES') resolve({ ok: false, kind: 'denied', message: `${program} is not executable` });
            else if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') resolve({ ok: false, kind: 'too-large', message: `${program} wrote more than ${limits.maxBytes} bytes; the output was not used` });
            else if (e.killed || e.signal === 'SIGKILL') resolve({ ok: false, kind: 'timeout', message: `${program} did not finish within ${Math.round(limits.timeoutMs / 1000)} s and was stopped` });
            else if (PERMISSION.test(err)) resolve({ ok: false, kind: 'denied', message: `${program} needs root (CAP_NET_ADMIN): ${firstLine(err)}` });
            else resolve({ ok: false, kind: 'failed', message: `${program} ${args.join(' ')} exited with ${e.code ?? e.signal}${err ? `: ${firstLine(err)}` : ''}` });
          },
        );
        child.stdin?.end();
      } catch (e) {
        resolve({ ok: false, kind: 'failed', message: `${program} could not be started: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
}
