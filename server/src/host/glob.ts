/**
 * The files a shell-style pattern names, as nft's `include "/etc/nftables.d/*.nft"` lists them
 * (glob(3)): `*`, `?` and `[...]` in any part of the path, a leading `.` matched only by a `.`
 * written there, directories left out, the names sorted.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isGlob } from '../core/netfilter/nft/paths';

/** A path part with wildcards as a regular expression over one name. */
function partPattern(part: string): RegExp {
  let re = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = part.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = part.slice(i + 1, close);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        re += `[${negated ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The files (not directories) matching an absolute pattern, sorted; `[]` when none does. */
export function globFiles(pattern: string): string[] {
  const root = path.parse(pattern).root;
  const parts = pattern.slice(root.length).split('/').filter((p) => p.length > 0);
  let dirs = [root || '.'];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const last = k === parts.length - 1;
    const next: string[] = [];
    if (!isGlob(part)) for (const d of dirs) next.push(path.join(d, part));
    else {
      const re = partPattern(part);
      for (const d of dirs) for (const name of entries(d).sort()) if (re.test(name) && (!name.startsWith('.') || part.startsWith('.'))) next.push(path.join(d, name));
    }
    dirs = last ? next.filter(isFile) : next;
  }
  return dirs.sort();
}
