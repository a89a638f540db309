/** A FileReader over the real file system, for tests and the CLI. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { FileReader } from '../../../server/src/core/compose';

export const fsReader: FileReader = {
  read(p: string): string | undefined {
    try {
      return statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
  exists: (p: string) => existsSync(p),
};
