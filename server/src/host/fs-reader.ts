/**
 * A `FileReader` over node:fs for the CLI. The core asks for texts and existence only; this reader
 * also remembers why a file could not be read (missing, a directory, no permission, binary…)
 * so the CLI can say so plainly instead of "cannot read". A file that is text but not valid UTF-8
 * is decoded with replacement characters and read, with a warning (`readDiagnostics`, see decode.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import type { ReadDiagnosingReader } from '../core/check';
import type { CoreDiagnostic } from '../core/diagnostics';
import { decodeDiagnostics, decodeText } from './decode';
import { globFiles } from './glob';

export interface DiagnosingReader extends ReadDiagnosingReader {
  /** Why each file that was asked for could not be read, by path. */
  readonly problems: ReadonlyMap<string, string>;
  /** How the file was decoded: a warning when bytes were replaced, an error when it was refused. */
  readDiagnostics(path: string): readonly CoreDiagnostic[];
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
  const notes = new Map<string, CoreDiagnostic[]>();
  const read = (p: string): string | undefined => {
    const cached = texts.get(p);
    if (cached !== undefined) return cached;
    try {
      if (statSync(p).isDirectory()) {
        problems.set(p, 'is a directory');
        return undefined;
      }
      const decoded = decodeText(readFileSync(p));
      notes.set(p, decodeDiagnostics(p, decoded));
      if (!decoded.ok) {
        problems.set(p, decoded.reason);
        return undefined;
      }
      problems.delete(p);
      texts.set(p, decoded.text);
      return decoded.text;
    } catch (e) {
      notes.delete(p);
      problems.set(p, describeError(e));
      return undefined;
    }
  };
  return {
    problems,
    read,
    readDiagnostics: (p) => notes.get(p) ?? [],
    exists(p: string): boolean {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    },
    glob: globFiles,
    check(p: string): string | undefined {
      return read(p) === undefined ? problems.get(p) : undefined;
    },
  };
}
