/**
 * Output of Docker rule synthesis: tables → chains → ordered rules, each rule with its text in the
 * target syntax and its provenance.
 *
 * Restart behaviour (`ChainRestart`), which matters when merging with an admin's own rules:
 * - `rebuilt`: Docker-owned chains (filter/nat DOCKER, DOCKER-FORWARD, DOCKER-CT, DOCKER-BRIDGE,
 *   DOCKER-ISOLATION-STAGE-1/2, DOCKER-INTERNAL; the nftables `docker-bridges` tables). dockerd
 *   flushes/deletes and recreates them at every start; anything an admin adds there is lost.
 * - `preserved`: DOCKER-USER. Created if missing, never flushed; its FORWARD jump is deleted and
 *   re-inserted at position 1 (daemon start, firewalld reload, and ≤27 every network creation).
 * - `shared`: built-in chains (FORWARD, PREROUTING, OUTPUT, POSTROUTING, raw PREROUTING, mangle
 *   POSTROUTING). Docker adds and removes only its own rules; admin rules stay, but Docker's
 *   inserted rules land above them and its appended ones below.
 */
import type { ResolvedNetwork } from './ipam';
import type { DockerRelease } from './release';
import type { FirewallBackend, Proto, SourceRef } from './types';
import type { FirewalldRuntime } from '../firewalld/lower';
import type { Span } from '../text';

export type Family = 'ipv4' | 'ipv6';
export type IptTableName = 'raw' | 'mangle' | 'nat' | 'filter';
export type ChainRestart = 'rebuilt' | 'preserved' | 'shared';

export interface RuleProvenance {
  /** What caused the rule: daemon start, a network, an endpoint (container), or a published port. */
  readonly origin: 'daemon' | 'network' | 'endpoint' | 'port';
  readonly network?: string;
  readonly bridge?: string;
  readonly container?: string;
  readonly service?: string;
  /** The published-port entry or network declaration in the user's files. */
  readonly source?: SourceRef;
  /** The Docker mechanism, e.g. `per-port DNAT`, `ICC`, `direct-access drop`. */
  readonly purpose: string;
  /** One human line, e.g. "added by Docker 28.2 for compose.yaml:12 `8080:80` (per-port DNAT)". */
  readonly text: string;
}

/** The iptables match/target structure of one rule (enough to render it in every syntax). */
export interface IptSpec {
  readonly s?: string;
  readonly notS?: boolean;
  readonly d?: string;
  readonly notD?: boolean;
  readonly i?: string;
  readonly notI?: boolean;
  readonly o?: string;
  readonly notO?: boolean;
  /** `tcp`, `udp`, `sctp`, `icmp`, `ipv6-icmp`. */
  readonly p?: string;
  readonly dport?: number;
  readonly sport?: number;
  readonly addrtype?: { readonly src?: 'LOCAL'; readonly dst?: 'LOCAL' };
  readonly ctstate?: string;
  readonly mark?: string;
  readonly j: string;
  readonly jargs?: readonly string[];
}

export interface IptRule {
  readonly spec: IptSpec;
  /** `-A CHAIN ...` as `iptables-save` prints it. */
  readonly text: string;
  readonly provenance: RuleProvenance;
  /** Inserted at the top of a built-in chain rather than appended (netavark's POSTROUTING jump). */
  readonly insert?: boolean;
}

export interface IptChain {
  readonly name: string;
  readonly builtin: boolean;
  /** Built-in chains only. */
  readonly policy?: 'ACCEPT' | 'DROP';
  /** Why the policy is what it is (e.g. "Docker enabled net.ipv4.ip_forward"). */
  readonly policyReason?: string;
  readonly rules: readonly IptRule[];
  readonly restart: ChainRestart;
}

export interface IptTable {
  readonly family: Family;
  readonly name: IptTableName;
  readonly chains: readonly IptChain[];
}

export interface NftRule {
  /** The rule as `nft list ruleset` prints it (`counter` without values). */
  readonly text: string;
  readonly provenance: RuleProvenance;
}

export interface NftBaseChain {
  readonly type: 'filter' | 'nat';
  readonly hook: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
  /** Symbolic priority as listed (`filter`, `dstnat`, `srcnat`, `raw`). */
  readonly priority: string;
  readonly policy: 'accept' | 'drop';
}

export interface NftChain {
  readonly name: string;
  readonly base?: NftBaseChain;
  readonly rules: readonly NftRule[];
  readonly restart: ChainRestart;
}

export interface NftMapElement {
  readonly key: string;
  readonly verdict: string;
  readonly provenance: RuleProvenance;
}

export interface NftMap {
  readonly name: string;
  readonly type: string;
  readonly elements: readonly NftMapElement[];
}

export interface NftTable {
  /** `ip`/`ip6` for Docker's tables, `inet` for netavark's. */
  readonly family: 'ip' | 'ip6' | 'inet';
  readonly name: string;
  readonly maps: readonly NftMap[];
  readonly chains: readonly NftChain[];
}

/** A host-port → container-port mapping after Docker's expansion (default `0.0.0.0` + `[::]`, ranges, ephemeral ports). */
export interface ResolvedBinding {
  readonly network: string;
  readonly bridge: string;
  readonly container: string;
  readonly service?: string;
  readonly proto: Proto;
  /** Host address, `0.0.0.0` / `::` for any. */
  readonly hostIp: string;
  /** 0 when no host port is mapped (routed gateway mode). */
  readonly hostPort: number;
  readonly containerIp: string;
  readonly containerPort: number;
  /**
   * How packets reach the container: `dnat` (kernel rules), `proxy-only` (docker-proxy: host v6 →
   * container v4, or ip6tables/iptables disabled), `routed` (no NAT, direct routing to C:cp).
   */
  readonly path: 'dnat' | 'proxy-only' | 'routed';
  /** docker-proxy also listens on hostIp:hostPort (userland-proxy on). */
  readonly proxy: boolean;
  /** Why nothing serves a `proxy-only` binding without a proxy, when the engine knows better than "no rules". */
  readonly unservedWhy?: string;
  readonly source?: SourceRef;
  /** Why the host port is what it is, when Docker chose it (ephemeral / range). */
  readonly note?: string;
}

export interface DockerRuleset {
  readonly release: DockerRelease;
  readonly backend: FirewallBackend;
  /** iptables backends: v4 and v6 tables (v6 empty when ip6tables is off). */
  readonly iptables: { readonly ipv4: readonly IptTable[]; readonly ipv6: readonly IptTable[] };
  /** nftables backend: `ip docker-bridges` and `ip6 docker-bridges`. */
  readonly nftables: readonly NftTable[];
  readonly bindings: readonly ResolvedBinding[];
  /** The networks with their bridges, subnets, gateways and endpoint addresses, as resolved. */
  readonly networks: readonly ResolvedNetwork[];
  /** What the engine adds to a running firewalld (netavark), with the provenance of each element's span. */
  readonly firewalld?: EngineFirewalld;
}

/** An engine's additions to firewalld's runtime configuration; the rules they give are the engine's. */
export interface EngineFirewalld {
  readonly runtime: FirewalldRuntime;
  /** Provenance of the rules cited at each span the runtime's elements carry. */
  readonly provenance: ReadonlyMap<Span, RuleProvenance>;
  /**
   * The additions are part of the host's firewall as the admin sees it (a subnet bound to a zone),
   * not a way past it: the admin-only baseline holds them too. Otherwise only the merged ruleset does.
   */
  readonly inBaseline?: boolean;
}
