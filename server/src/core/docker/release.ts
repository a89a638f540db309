/**
 * Docker release lines and the firewall behaviour each one has. Every boundary here is a moby
 * release tag (see docs: docker-rules.md, "Version boundary summary"); patch levels matter in two
 * places (28.0.0 vs 28.0.1, 28.2.1 vs 28.2.2).
 */

export interface DockerRelease {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** As the user wrote it, e.g. `28.2`. */
  readonly text: string;
}

/** The rule layout a release installs with the iptables backend. */
export type IptablesLayout =
  /** 20.10–27.x: FORWARD jumps to DOCKER-USER, DOCKER-ISOLATION-STAGE-1, per-network FORWARD rules. */
  | 'classic'
  /** 28.0.x–28.1.x: DOCKER-FORWARD/DOCKER-CT/DOCKER-BRIDGE, raw drops per published port. */
  | 'forward-chains-28.0'
  /** 28.2.x–28.5.x: as 28.0 with raw drops per endpoint. */
  | 'forward-chains-28.2'
  /** 29.x: DOCKER-INTERNAL replaces the isolation chains, no nat `-i B -j RETURN`. */
  | 'docker-internal-29';

export interface ReleaseFeatures {
  readonly layout: IptablesLayout;
  /** DOCKER-USER exists in ip6tables (23.0+). */
  readonly userChainV6: boolean;
  /** DOCKER-USER gets a trailing `-j RETURN` (until 28.2.1; removed in 28.2.2 and 28.3.0). */
  readonly userChainReturn: boolean;
  /** ip6tables defaults to true (27.0+). */
  readonly ip6tablesDefault: boolean;
  /** ip6tables may only be enabled with `experimental` (before 27.0). */
  readonly ip6tablesNeedsExperimental: boolean;
  /**
   * IPv6's rules follow `ip6tables` alone (27.0+): `"iptables": false` removes IPv4's and leaves
   * them. Before, every chain needed `iptables` (the bridge driver refused to create any without it).
   */
  readonly ip6tablesWithoutIptables: boolean;
  /** Gateway modes exist: `routed` from 27.0, `nat-unprotected` and `isolated` from 28.0. */
  readonly routedMode: boolean;
  readonly natUnprotectedMode: boolean;
  /** Per-port `-s C -d C --dport cp -j MASQUERADE` is installed only with the proxy off (28.0+). */
  readonly perPortMasqOnlyHairpin: boolean;
  /** v6 DNAT excludes link-local sources (28.0+). */
  readonly dnatSkipsLinkLocal: boolean;
  /** raw-PREROUTING protection (28.0+). */
  readonly rawRules: boolean;
  /** `allow-direct-routing` and trusted host interfaces (28.2+). */
  readonly directRoutingOptions: boolean;
  /** v6 FORWARD DROP only if Docker enabled v6 forwarding itself (28.0+); before, whenever ip6tables + an IPv6 network. */
  readonly v6PolicyOnlyIfEnabled: boolean;
  /** `ip-forward-no-drop` exists (28.0+). */
  readonly ipForwardNoDrop: boolean;
  /** SCTP bindings get mangle `CHECKSUM --checksum-fill` (until 28.x). */
  readonly sctpChecksum: boolean;
  /** The nftables backend exists (29.0+). */
  readonly nftables: boolean;
  /** `bridge-accept-fwmark` exists (29.0+). */
  readonly acceptFwmark: boolean;
}

/** Parses `24`, `v27.5.1`, `28.2`, `docker-v29.0.0`, `29.0`; undefined for anything else. */
export function parseRelease(text: string): DockerRelease | undefined {
  const m = /^(?:docker-)?v?(\d{2})(?:\.(\d{1,2}))?(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  if (major < 20 || major > 29 || major === 21 || major === 22) return undefined;
  return { major, minor: m[2] ? Number(m[2]) : 0, patch: m[3] ? Number(m[3]) : 0, text: text.trim() };
}

export function compareRelease(a: DockerRelease, major: number, minor = 0, patch = 0): number {
  return a.major - major || a.minor - minor || a.patch - patch;
}

function atLeast(r: DockerRelease, major: number, minor = 0, patch = 0): boolean {
  return compareRelease(r, major, minor, patch) >= 0;
}

export function releaseFeatures(r: DockerRelease): ReleaseFeatures {
  const layout: IptablesLayout = atLeast(r, 29)
    ? 'docker-internal-29'
    : atLeast(r, 28, 2)
      ? 'forward-chains-28.2'
      : atLeast(r, 28)
        ? 'forward-chains-28.0'
        : 'classic';
  return {
    layout,
    userChainV6: atLeast(r, 23),
    userChainReturn: !atLeast(r, 28, 2, 2),
    ip6tablesDefault: atLeast(r, 27),
    ip6tablesNeedsExperimental: !atLeast(r, 27),
    ip6tablesWithoutIptables: atLeast(r, 27),
    routedMode: atLeast(r, 27),
    natUnprotectedMode: atLeast(r, 28),
    perPortMasqOnlyHairpin: atLeast(r, 28),
    dnatSkipsLinkLocal: atLeast(r, 28),
    rawRules: atLeast(r, 28),
    directRoutingOptions: atLeast(r, 28, 2),
    v6PolicyOnlyIfEnabled: atLeast(r, 28),
    ipForwardNoDrop: atLeast(r, 28),
    sctpChecksum: !atLeast(r, 29),
    nftables: atLeast(r, 29),
    acceptFwmark: atLeast(r, 29),
  };
}

/** Short label for provenance, e.g. `Docker 28.2`. */
export function releaseLabel(r: DockerRelease): string {
  return `Docker ${r.text.replace(/^(docker-)?v/, '')}`;
}
