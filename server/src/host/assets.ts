/**
 * Finds and reads the wasm files the core needs: next to the bundle (dist/) when built, or in the
 * source tree when run from sources (tests, tsx).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GrammarBytes } from '../core/syntax/languages';
import { loadLanguages, type Languages } from '../core/syntax/languages';

function candidates(file: string): string[] {
  const out = [path.join(__dirname, file)];
  // From sources: server/src/host → repository root.
  const root = path.resolve(__dirname, '../../..');
  out.push(path.join(root, 'dist', file), path.join(root, 'server', 'wasm', file));
  if (file === 'web-tree-sitter.wasm') {
    try {
      out.push(require.resolve('web-tree-sitter/web-tree-sitter.wasm'));
    } catch {
      // not resolvable from here; the other candidates remain
    }
  }
  return out;
}

export function findAsset(file: string): string {
  for (const c of candidates(file)) if (existsSync(c)) return c;
  throw new Error(`cannot find ${file} (looked in ${candidates(file).join(', ')})`);
}

export function readGrammarBytes(): GrammarBytes {
  return {
    runtime: readFileSync(findAsset('web-tree-sitter.wasm')),
    nftables: readFileSync(findAsset('tree-sitter-nftables.wasm')),
    iptables: readFileSync(findAsset('tree-sitter-iptables.wasm')),
  };
}

let cached: Promise<Languages> | undefined;

/** The process-wide languages, loaded once. */
export function languages(): Promise<Languages> {
  cached ??= loadLanguages(readGrammarBytes());
  return cached;
}
