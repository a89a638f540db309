/**
 * Runs one host program with a fixed argument array: `execFile`, never a shell, with a time limit
 * and an output size limit. Node only (no `vscode`), so tests drive it with real programs.
 */
import { execFile } from 'node:child_process';
import type { RunOutcome, Runner } from './pure/import-plan';

export interface ExecLimits {
  /** Milliseconds before the program is killed. */
  readonly timeoutMs: number;
  /** Bytes of standard output accepted (standard error gets the same limit). */
  readonly maxBytes: number;
}

export const DEFAULT_LIMITS: ExecLimits = { timeoutMs: 15_000, maxBytes: 32 * 1024 * 1024 };

const PERMISSION = /operation not permitted|permission denied|you must be root|must be run as root/i;

export function hostRunner(limits: ExecLimits = DEFAULT_LIMITS): Runner {
  return (program, args) =>
    new Promise<RunOutcome>((resolve) => {
      let child;
      try {
        child = execFile(
          program,
          [...args],
          {
            shell: false,
            windowsHide: true,
            timeout: limits.timeoutMs,
            killSignal: 'SIGKILL',
            maxBuffer: limits.maxBytes,
            encoding: 'utf8',
            // stable, untranslated messages from the tools
            env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
          },
          (error, stdout, stderr) => {
            const err = stderr.trim();
            if (!error) {
              resolve({ ok: true, stdout, stderr });
              return;
            }
            const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number | null };
            if (e.code === 'ENOENT') resolve({ ok: false, kind: 'not-found', message: `${program} not found (install it or set its path in the settings)` });
            else if (e.code === 'EACCES') resolve({ ok: false, kind: 'denied', message: `${program} is not executable` });
            else if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
              resolve({ ok: false, kind: 'too-large', message: `${program} wrote more than ${limits.maxBytes} bytes; the output was not used` });
            else if (e.killed || e.signal === 'SIGKILL')
              resolve({ ok: false, kind: 'timeout', message: `${program} did not finish within ${Math.round(limits.timeoutMs / 1000)} s and was stopped` });
            else if (PERMISSION.test(err))
              resolve({
                ok: false,
                kind: 'denied',
                message: `${program} needs root (CAP_NET_ADMIN) to read the ruleset: ${firstLine(err)}`,
                stderr,
              });
            else resolve({ ok: false, kind: 'failed', message: `${program} exited with ${e.code ?? e.signal}${err ? `: ${firstLine(err)}` : ''}`, stderr });
          },
        );
      } catch (e) {
        resolve({ ok: false, kind: 'failed', message: `${program} could not be started: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      child.stdin?.end();
    });
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
