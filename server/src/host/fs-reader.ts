/**
 * A `FileReader` over node:fs for the CLI. The core asks for texts and existence only; this reader
 * also remembers why a file could not be read (missing, a directory, no permission, not UTF-8…)
 * so the CLI can say so plainly instead of "cannot read".
 */
import { readFileSync, statSync } from 'node:fs';
import type { FileReader } from '../core/compose';

export interface DiagnosingReader extends FileReader {
  /** Why each file that was asked for could not be read, by path. */
  readonly problems: ReadonlyMap<string, string>;
  /** The reason a file cannot be read, or undefined when it can (reads it once to find out). */
  check(path: string): string | undefined;
}

function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return err?.message ?? String(e);
  }
}

export function createFsReader(): DiagnosingReader {
  const problems = new Map<string, string>();
  const texts = new Map<string, string>();
  const read = (p: string): string | undefined => {
    const cached = texts.get(p);
    if (cached !== undefined) return cached;
    try {
      if (statSync(p).isDirectory()) {
        problems.set(p, 'is a directory');
        return undefined;
      }
      const bytes = readFileSync(p);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      problems.delete(p);
      texts.set(p, text);
      return text;
    } catch (e) {
      problems.set(p, e instanceof TypeError ? 'not UTF-8 text' : describeError(e));
      return undefined;
    }
  };
  return {
    problems,
    read,
    exists(p: string): boolean {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    },
    check(p: string): string | undefined {
      return read(p) === undefined ? problems.get(p) : undefined;
    },
  };
}
