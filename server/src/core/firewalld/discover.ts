/**
 * Where a firewalld configuration sits in a folder (pure: the caller lists folders). A folder
 * holds a firewalld host when one of these is a firewalld configuration folder (it has
 * `firewalld.conf` or a `zones/` folder):
 * - `DIR/etc/firewalld/` (a copy of the host's /etc), with `DIR/usr/lib/firewalld/` as the system
 *   folder when it is there;
 * - `DIR/firewalld/`;
 * - `DIR` itself when named as one (`--firewalld /etc/firewalld`).
 * Without a system folder the built-in zones, policy and service table of firewalld 1.3 are used.
 */
import { posix } from 'node:path';

export interface FirewalldFiles {
  /** The configuration folder (where a new direct.xml goes). */
  readonly folder?: string;
  readonly conf?: string;
  readonly zones: readonly string[];
  readonly policies: readonly string[];
  readonly services: readonly string[];
  readonly ipsets: readonly string[];
  readonly direct?: string;
  readonly systemZones?: readonly string[];
  readonly systemPolicies?: readonly string[];
  readonly systemServices?: readonly string[];
}

/** Lists a folder's file names (undefined: no such folder). */
export type ListDir = (dir: string) => readonly string[] | undefined;

const xmlIn = (dir: string, list: ListDir): string[] | undefined =>
  list(dir)
    ?.filter((n) => n.endsWith('.xml'))
    .sort()
    .map((n) => posix.join(dir, n));

function configIn(folder: string, list: ListDir, system?: string): FirewalldFiles | undefined {
  const names = list(folder);
  if (!names) return undefined;
  const zones = xmlIn(posix.join(folder, 'zones'), list);
  if (!names.includes('firewalld.conf') && !zones) return undefined;
  const sys = system && list(system) ? system : undefined;
  return {
    folder,
    conf: names.includes('firewalld.conf') ? posix.join(folder, 'firewalld.conf') : undefined,
    zones: zones ?? [],
    policies: xmlIn(posix.join(folder, 'policies'), list) ?? [],
    services: xmlIn(posix.join(folder, 'services'), list) ?? [],
    ipsets: xmlIn(posix.join(folder, 'ipsets'), list) ?? [],
    direct: names.includes('direct.xml') ? posix.join(folder, 'direct.xml') : undefined,
    ...(sys
      ? {
          systemZones: xmlIn(posix.join(sys, 'zones'), list),
          systemPolicies: xmlIn(posix.join(sys, 'policies'), list),
          systemServices: xmlIn(posix.join(sys, 'services'), list),
        }
      : {}),
  };
}

/** The firewalld host in `dir`, if any. `asFolder`: `dir` was named as firewalld's own folder. */
export function firewalldLayout(dir: string, list: ListDir, asFolder = false): FirewalldFiles | undefined {
  const d = posix.normalize(dir);
  if (asFolder) return configIn(d, list, d === '/etc/firewalld' ? '/usr/lib/firewalld' : undefined);
  return configIn(posix.join(d, 'etc', 'firewalld'), list, posix.join(d, 'usr', 'lib', 'firewalld')) ?? configIn(posix.join(d, 'firewalld'), list);
}

/** Every path of a layout (for readability checks and for pairing files with a project). */
export function firewalldPaths(f: FirewalldFiles): string[] {
  return [f.conf, ...f.zones, ...f.policies, ...f.services, ...f.ipsets, f.direct, ...(f.systemZones ?? []), ...(f.systemPolicies ?? []), ...(f.systemServices ?? [])].filter((p): p is string => !!p);
}
