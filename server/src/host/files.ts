/**
 * File access for the language server: a FileReader over node:fs that prefers the texts of open
 * documents and of imported rulesets (the overlay), and a walk of the workspace folders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ReadDiagnosingReader } from '../core/check';
import type { CoreDiagnostic } from '../core/diagnostics';
import { decodeDiagnostics, decodeText } from './decode';
import { globFiles } from './glob';

/** Texts that win over the disk: open documents, rulesets imported from the live host. */
export interface Overlay {
  get(file: string): string | undefined;
}

/**
 * Disk files are decoded as the CLI decodes them (decode.ts): text that is not valid UTF-8 is read
 * with replacement characters and a warning, a binary file is not read and gets an error; both are
 * given by `readDiagnostics` for the last read of the file. Open documents are already text.
 */
export function overlayReader(overlay: Overlay): ReadDiagnosingReader {
  const notes = new Map<string, CoreDiagnostic[]>();
  return {
    read(p) {
      notes.delete(p);
      const t = overlay.get(p);
      if (t !== undefined) return t;
      try {
        if (!statSync(p).isFile()) return undefined;
        const decoded = decodeText(readFileSync(p));
        const d = decodeDiagnostics(p, decoded);
        if (d.length) notes.set(p, d);
        return decoded.ok ? decoded.text : undefined;
      } catch {
        return undefined;
      }
    },
    exists: (p) => overlay.get(p) !== undefined || existsSync(p),
    // (the disk's files: an open document not saved yet is not listed)
    glob: globFiles,
    readDiagnostics: (p) => notes.get(p) ?? [],
  };
}

const SKIP = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.venv', '__pycache__']);

/**
 * The files under `root` that `accept` selects, skipping VCS and dependency folders, at most
 * `limit` directories deep and `maxFiles` files (a huge folder must not stall the server).
 */
export function walkFiles(root: string, accept: (file: string) => boolean, limit = 12, maxFiles = 5000): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number): void => {
    if (depth > limit || out.length >= maxFiles) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.')) visit(p, depth + 1);
      } else if (e.isFile() && accept(p)) {
        out.push(p);
        if (out.length >= maxFiles) return;
      }
    }
  };
  visit(root, 0);
  return out;
}
