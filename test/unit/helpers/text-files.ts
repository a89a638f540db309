import fs from 'node:fs';
import path from 'node:path';

/** A file's text, named by its path relative to a root. */
export interface TextFile {
  readonly name: string;
  readonly text: string;
}

/** The files under `dir` whose base name `keep` accepts, in sorted order at every level, named relative to `root`. */
export function textFiles(root: string, dir: string, keep: (base: string) => boolean = () => true): TextFile[] {
  const out: TextFile[] = [];
  const walk = (d: string): void => {
    for (const f of fs.readdirSync(d).sort()) {
      const p = path.join(d, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (keep(f)) out.push({ name: path.relative(root, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}
