/**
 * Where a ufw configuration sits in a folder (pure: the caller says which files exist). A folder
 * holds a ufw host when one of these has at least one of ufw's six rule files:
 * - `DIR/etc/ufw/` (a copy of the host's /etc), with `DIR/etc/default/ufw`;
 * - `DIR/ufw/`, with `DIR/default/ufw`;
 * - `DIR` itself, with `DIR/default/ufw` (or, for a folder named as ufw's own, such as /etc/ufw,
 *   `../default/ufw`).
 * `ufw.conf` is read from the rule files' folder.
 */
import { posix } from 'node:path';

/** The paths of a ufw configuration's files; absent ones are not there. */
export interface UfwFiles {
  readonly defaults?: string;
  readonly conf?: string;
  readonly before?: string;
  readonly user?: string;
  readonly after?: string;
  readonly before6?: string;
  readonly user6?: string;
  readonly after6?: string;
}

/** ufw's rule files in the order the CLI listed them before (before, user, after; IPv4 then IPv6). */
export const UFW_RULE_FILES = ['before.rules', 'user.rules', 'after.rules', 'before6.rules', 'user6.rules', 'after6.rules'] as const;
const KEYS = ['before', 'user', 'after', 'before6', 'user6', 'after6'] as const;

/** The ufw files of rule folder `folder` (undefined when it has no before or user rule file). */
function filesIn(folder: string, defaults: readonly string[], exists: (path: string) => boolean): UfwFiles | undefined {
  const out: Record<string, string> = {};
  UFW_RULE_FILES.forEach((name, i) => {
    const p = posix.join(folder, name);
    if (exists(p)) out[KEYS[i]] = p;
  });
  if (!out.before && !out.user && !out.before6 && !out.user6) return undefined;
  const conf = posix.join(folder, 'ufw.conf');
  if (exists(conf)) out.conf = conf;
  const d = defaults.find(exists);
  if (d) out.defaults = d;
  return out;
}

/**
 * The ufw host in `dir`, if any. `asUfwFolder`: `dir` was named as a ufw folder (`--ufw /etc/ufw`),
 * so its parent's `default/ufw` counts too.
 */
export function ufwLayout(dir: string, exists: (path: string) => boolean, asUfwFolder = false): UfwFiles | undefined {
  const d = posix.normalize(dir);
  if (!asUfwFolder) {
    const etc = filesIn(posix.join(d, 'etc', 'ufw'), [posix.join(d, 'etc', 'default', 'ufw')], exists);
    if (etc) return etc;
    const sub = filesIn(posix.join(d, 'ufw'), [posix.join(d, 'default', 'ufw')], exists);
    if (sub) return sub;
  }
  return filesIn(d, [posix.join(d, 'default', 'ufw'), ...(asUfwFolder ? [posix.join(posix.dirname(d), 'default', 'ufw')] : [])], exists);
}

/** Every path of a layout (for readability checks and for pairing files with a project). */
export function ufwPaths(files: UfwFiles): string[] {
  return [files.defaults, files.conf, ...KEYS.map((k) => files[k])].filter((p): p is string => !!p);
}
