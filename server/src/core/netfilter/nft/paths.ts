/**
 * POSIX path arithmetic for `include` (pure: no `path` module, so the core runs anywhere).
 */

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

/** Joins and normalises (`a/./b/../c` → `a/c`); keeps a leading `/`, or `..` segments of a relative path. */
export function join(...parts: string[]): string {
  let acc = '';
  for (const part of parts) {
    if (!part) continue;
    acc = isAbsolute(part) || !acc ? part : `${acc}/${part}`;
  }
  return normalize(acc);
}

export function normalize(p: string): string {
  if (!p) return '.';
  const abs = isAbsolute(p);
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const body = out.join('/');
  return abs ? `/${body}` : body || '.';
}

/** Whether an include path is a glob pattern (nft uses glob(3) when it holds `*`, `?` or `[`). */
export function isGlob(p: string): boolean {
  return /[*?[]/.test(p);
}
