/**
 * The editor's view of a workspace, as pure functions over file lists: which files the settings'
 * globs select, and which rulesets each compose project is analysed against.
 *
 * Pairing rule: a compose project (the directory of its compose file) is analysed against
 * - the rulesets in its own directory or in a parent directory up to (and including) the
 *   workspace folder that contains it, in order from the outermost directory inwards, files of one
 *   directory sorted by name;
 * - then the absolute rulesets of the settings (`/etc/nftables.conf`), in the order given;
 * - then the rulesets imported from the live host, in the order they came.
 * A ufw configuration in one of those directories (`etc/ufw/` + `etc/default/ufw`, `ufw/` +
 * `default/ufw`, or ufw's rule files there; the innermost directory's) is the project's ufw host:
 * its rule files are read as `ufw enable` loads them instead of as loose rulesets.
 *
 * Paths are absolute POSIX paths; nothing here touches the file system.
 */
import { posix } from 'node:path';
import { ufwLayout, ufwPaths, type UfwFiles } from '../ufw';
import { firewalldLayout, firewalldPaths, type FirewalldFiles } from '../firewalld';

const ESCAPE = /[.+^${}()|\\]/g;

/**
 * A glob as a regular expression over a path relative to the workspace folder: `**` any number of
 * directories, `*` and `?` within one segment, `{a,b}` alternatives, `[...]` classes. A glob
 * without `/` matches the base name at any depth (as `**\/glob`).
 */
export function globToRegExp(glob: string): RegExp {
  const g = glob.includes('/') ? glob.replace(/^\.\//, '') : `**/${glob}`;
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slashAfter = g[i + 2] === '/';
        re += slashAfter ? '(?:[^/]*/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = g.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${g
          .slice(i + 1, end)
          .split(',')
          .map((alt) => alt.replace(ESCAPE, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = g.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${g.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(ESCAPE, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface Matcher {
  /** Whether `file` (absolute) is selected, relative to the workspace folder `root`. */
  matches(file: string, root: string): boolean;
}

/** A matcher for a list of globs; absolute entries match that exact path. */
export function globMatcher(globs: readonly string[]): Matcher {
  const relative = globs.filter((g) => !posix.isAbsolute(g)).map(globToRegExp);
  const absolute = new Set(globs.filter((g) => posix.isAbsolute(g)).map((g) => posix.normalize(g)));
  return {
    matches(file, root) {
      if (absolute.has(file)) return true;
      const rel = posix.relative(root, file);
      if (rel.startsWith('..') || posix.isAbsolute(rel)) return false;
      return relative.some((r) => r.test(rel));
    },
  };
}

/** The absolute paths listed among globs (they name files outside any workspace, e.g. /etc/nftables.conf). */
export function absoluteEntries(globs: readonly string[]): string[] {
  return globs.filter((g) => posix.isAbsolute(g) && !/[*?{[]/.test(g)).map((g) => posix.normalize(g));
}

export interface ComposeProjectEntry {
  /** The project directory. */
  readonly directory: string;
  /** The workspace folder containing it. */
  readonly root: string;
  /** The selected compose files of that directory (sorted by compose's discovery preference, then by name). */
  readonly composeFiles: readonly string[];
}

export interface PairedProject extends ComposeProjectEntry {
  readonly rulesets: readonly string[];
  readonly ufw?: UfwFiles;
  readonly firewalld?: FirewalldFiles;
}

const DISCOVERY_ORDER = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** Whether compose itself finds this file by name (so the loader's discovery applies overrides). */
export function isDiscoveredName(file: string): boolean {
  return DISCOVERY_ORDER.includes(posix.basename(file));
}

function rank(file: string): number {
  const b = posix.basename(file);
  const i = DISCOVERY_ORDER.indexOf(b);
  if (i >= 0) return i;
  const o = OVERRIDES.indexOf(b);
  return o >= 0 ? 10 + o : 100;
}

/** The workspace folder that contains `file` (the innermost), if any. */
export function rootOf(file: string, roots: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const r of roots) {
    const rel = posix.relative(r, file);
    if (!rel.startsWith('..') && !posix.isAbsolute(rel) && (!best || r.length > best.length)) best = r;
  }
  return best;
}

/** Groups compose files by directory: one project per directory. */
export function composeProjects(composeFiles: readonly string[], roots: readonly string[]): ComposeProjectEntry[] {
  const byDir = new Map<string, string[]>();
  for (const f of composeFiles) {
    const d = posix.dirname(f);
    byDir.set(d, [...(byDir.get(d) ?? []), f]);
  }
  return [...byDir.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([directory, files]) => ({
      directory,
      root: rootOf(directory, roots) ?? directory,
      composeFiles: [...files].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)),
    }));
}

export interface PairingInput {
  readonly composeFiles: readonly string[];
  /** Rulesets found in the workspace folders. */
  readonly workspaceRulesets: readonly string[];
  /** Absolute rulesets from the settings, in order. */
  readonly absoluteRulesets?: readonly string[];
  /** Names of rulesets imported from the live host, in order. */
  readonly imported?: readonly string[];
  readonly roots: readonly string[];
  /** ufw's setting files found in the folders (`…/default/ufw`, `…/ufw.conf`). */
  readonly ufwSettings?: readonly string[];
  /** firewalld's configuration files found in the folders (see `isFirewalldFile`). */
  readonly firewalldFiles?: readonly string[];
}

/** Whether a file belongs to a firewalld configuration folder (`…/firewalld/zones/public.xml`, `…/firewalld/firewalld.conf`). */
export function isFirewalldFile(file: string): boolean {
  return /(?:^|\/)firewalld\/(?:firewalld\.conf|direct\.xml|(?:zones|policies|services|ipsets)\/[^/]+\.xml)$/.test(file);
}

/** Whether a file is one of ufw's setting files (the workspace walk collects them too). */
export function isUfwSetting(file: string): boolean {
  return /(?:^|\/)default\/ufw$|(?:^|\/)ufw\.conf$/.test(file);
}

/** A folder listing made of known files: the names of the files and folders under `dir`. */
function listOf(files: readonly string[]): (dir: string) => string[] | undefined {
  return (dir) => {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const names = new Set(files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0]));
    return names.size ? [...names] : undefined;
  };
}

/** Every compose project with the rulesets of its host, in load order. */
export function pairProjects(input: PairingInput): PairedProject[] {
  const byDir = new Map<string, string[]>();
  for (const r of input.workspaceRulesets) {
    const d = posix.dirname(r);
    byDir.set(d, [...(byDir.get(d) ?? []), r]);
  }
  for (const list of byDir.values()) list.sort();
  const extra = [...(input.absoluteRulesets ?? []), ...(input.imported ?? [])];
  const known = new Set([...input.workspaceRulesets, ...(input.ufwSettings ?? [])]);
  return composeProjects(input.composeFiles, input.roots).map((p) => {
    const chain: string[] = [];
    for (let d = p.directory; ; d = posix.dirname(d)) {
      chain.unshift(d);
      if (d === p.root || posix.dirname(d) === d) break;
    }
    let ufw: UfwFiles | undefined;
    for (const d of [...chain].reverse()) if ((ufw = ufwLayout(d, (f) => known.has(f)))) break;
    let firewalld: FirewalldFiles | undefined;
    for (const d of [...chain].reverse()) if ((firewalld = firewalldLayout(d, listOf(input.firewalldFiles ?? [])))) break;
    const own = new Set([...(ufw ? ufwPaths(ufw) : []), ...(firewalld ? firewalldPaths(firewalld) : [])]);
    const rulesets: string[] = [];
    for (const d of chain) rulesets.push(...(byDir.get(d) ?? []));
    for (const e of extra) if (!rulesets.includes(e)) rulesets.push(e);
    return { ...p, rulesets: rulesets.filter((r) => !own.has(r)), ...(ufw ? { ufw } : {}), ...(firewalld ? { firewalld } : {}) };
  });
}
