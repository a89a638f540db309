/**
 * The server's settings (`dockwall.*` in package.json), read from workspace/configuration or, for
 * clients without it, from `initializationOptions.settings.dockwall` (or `initializationOptions.dockwall`).
 * Unknown or ill-typed values fall back to the defaults: a bad setting never stops the server.
 */
import type { Severity } from '../core/diagnostics';

export interface Settings {
  readonly rulesets: readonly string[];
  readonly composeFiles: readonly string[];
  readonly dockerVersion: string;
  readonly backend: 'iptables' | 'nftables';
  readonly daemonJson: string;
  readonly host: string;
  readonly severity: Readonly<Record<string, Severity | 'off'>>;
  readonly debounceMs: number;
}

export const DEFAULT_SETTINGS: Settings = {
  rulesets: ['**/*.nft', '**/nftables.conf', '**/*.rules', '**/rules.v4', '**/rules.v6', '**/*.ipt', '**/*.ipset', '**/ipset.conf'],
  composeFiles: ['**/compose.yaml', '**/compose.yml', '**/docker-compose.yml', '**/docker-compose.yaml', '**/*.container'],
  dockerVersion: '29',
  backend: 'iptables',
  daemonJson: '',
  host: '',
  severity: {},
  debounceMs: 150,
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

const strings = (x: unknown): string[] | undefined => (Array.isArray(x) && x.every((s) => typeof s === 'string') ? x : undefined);

/** Settings from a `dockwall` section object (anything: values are checked one by one). */
export function parseSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  const severity: Record<string, Severity | 'off'> = {};
  if (r.severity && typeof r.severity === 'object')
    for (const [k, v] of Object.entries(r.severity as Record<string, unknown>)) if (typeof v === 'string' && SEVERITIES.has(v)) severity[k] = v as Severity | 'off';
  return {
    rulesets: strings(r.rulesets) ?? base.rulesets,
    composeFiles: strings(r.composeFiles) ?? base.composeFiles,
    dockerVersion: typeof r.dockerVersion === 'string' && r.dockerVersion ? r.dockerVersion : base.dockerVersion,
    backend: r.backend === 'nftables' || r.backend === 'iptables' ? r.backend : base.backend,
    daemonJson: typeof r.daemonJson === 'string' ? r.daemonJson : base.daemonJson,
    host: typeof r.host === 'string' ? r.host : base.host,
    severity: r.severity && typeof r.severity === 'object' ? severity : base.severity,
    debounceMs: typeof r.debounceMs === 'number' && r.debounceMs >= 0 ? r.debounceMs : base.debounceMs,
  };
}

/** The settings carried by initializationOptions: `{settings: {dockwall}}`, `{dockwall}`, and the older `{debounceMs}`. */
export function initialSettings(opts: unknown): Settings {
  if (!opts || typeof opts !== 'object') return DEFAULT_SETTINGS;
  const o = opts as Record<string, unknown>;
  const nested = (o.settings as Record<string, unknown> | undefined)?.dockwall ?? o.dockwall;
  let s = parseSettings(nested);
  if (typeof o.debounceMs === 'number' && o.debounceMs >= 0 && (nested as { debounceMs?: unknown } | undefined)?.debounceMs === undefined) s = { ...s, debounceMs: o.debounceMs };
  return s;
}
