/**
 * Dockwall's own LSP messages, shared by the server and the VS Code client (and usable by any
 * client). Plain JSON shapes only.
 */

/** Request `dockwall/portPath`: the packet paths of the compose port item at a position. */
export const PortPathRequest = 'dockwall/portPath';
export interface PortPathParams {
  readonly uri: string;
  readonly position: { readonly line: number; readonly character: number };
}
export interface PathStepJson {
  /** `prerouting`, `input`, `forward`, `output`, `postrouting`, `ingress`, or `routing`. */
  readonly hook: string;
  readonly family?: string;
  readonly table?: string;
  readonly chain?: string;
  /** The rule text, `policy accept`, or the routing decision. */
  readonly text: string;
  readonly verdict: string;
  /** Location of the rule in a user file, if any. */
  readonly location?: { readonly uri: string; readonly line: number };
  /** Provenance of a rule Docker adds. */
  readonly origin?: string;
  readonly rewrite?: string;
}
export interface PortPathClass {
  /** `eth0 (any source)`. */
  readonly label: string;
  readonly verdict: 'accept' | 'drop' | 'unknown';
  readonly delivery: 'forward' | 'local' | null;
  readonly summary: string;
  readonly steps: readonly PathStepJson[];
}
export interface PortPathResult {
  /** `db: 0.0.0.0:5432 → 172.18.0.4:5432/tcp`. */
  readonly title: string;
  readonly classes: readonly PortPathClass[];
}

/** Notification `dockwall/status` (server → client): what is being analysed. */
export const StatusNotification = 'dockwall/status';
export interface StatusParams {
  /** Short text for a status bar, e.g. `Dockwall: 2 rulesets · 3 warnings`. */
  readonly text: string;
  readonly tooltip: string;
  readonly projects: number;
  readonly rulesets: readonly string[];
  readonly warnings: number;
  readonly errors: number;
}

/**
 * Notification `dockwall/importedRulesets` (client → server): rulesets read from the live host
 * (`nft -j list ruleset`, `iptables-save`), analysed as if they were files with these names.
 * An empty list forgets previously imported rulesets.
 */
export const ImportedRulesetsNotification = 'dockwall/importedRulesets';
export interface ImportedRulesetsParams {
  readonly sources: readonly { readonly name: string; readonly text: string }[];
}

/**
 * Request `dockwall/auditHost` (client → server; the client sends it only in a trusted workspace):
 * audits the host the server runs on (`dockwall audit`: Engine API, live rulesets, interfaces) and
 * publishes the findings on the compose files the running containers map back to. The answer
 * holds the whole report as text (for the output channel) and the files that got findings.
 */
export const AuditHostRequest = 'dockwall/auditHost';
export interface AuditHostParams {
  /** `unix:///path`; default `DOCKER_HOST`, else /var/run/docker.sock. */
  readonly dockerHost?: string;
}
export interface AuditHostResult {
  /** False when the host could not be read (no Docker socket, not root): `report` says why. */
  readonly ok: boolean;
  readonly report: string;
  /** Compose files that got findings (published as diagnostics). */
  readonly files: readonly string[];
  readonly findings: number;
}
