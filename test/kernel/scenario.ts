/**
 * The scenario format of the kernel-differential tests. A scenario is plain data (JSON), so that
 * any source can produce one (the oracle cases, the seed's dumps, the random generator, Docker rule
 * synthesis) and a failing one can be saved and replayed.
 *
 * A scenario is: the ruleset files loaded into the host namespace, in order, each in a load form;
 * the probes sent; optionally the arrival each probe is expected to have.
 */

/** How a file is loaded into the host namespace (`ipset`: `ipset save` output, given to `ipset restore`). */
export type Form = 'nft' | 'iptables-nft' | 'ip6tables-nft' | 'iptables-legacy' | 'ip6tables-legacy' | 'ipset';

export const FORMS: readonly Form[] = ['nft', 'iptables-nft', 'ip6tables-nft', 'iptables-legacy', 'ip6tables-legacy'];

export interface RulesetFile {
  /** A name for messages and for the simulator's spans (e.g. `docker.ipt`, `admin.nft`). */
  readonly name: string;
  readonly form: Form;
  readonly text: string;
  /** iptables forms only: `--noflush` (add to the tables instead of replacing them). */
  readonly noflush?: boolean;
}

/**
 * Where a probe starts. `ext0` / `ext1`: the client namespace, leaving through that interface (the
 * host sees it arrive on eth0 / eth1); `host`: a local process on the host; `ctr`: the container.
 */
export type Origin = 'ext0' | 'ext1' | 'host' | 'ctr';

export interface Probe {
  readonly from: Origin;
  /** Source address; defaults to the origin's primary address of the destination's family. */
  readonly src?: string;
  readonly proto: 'tcp' | 'udp';
  readonly daddr: string;
  readonly dport: number;
}

/** Where a probe packet was delivered: in the container, to a local socket of the host, or nowhere. */
export type Arrival = 'ctr' | 'host' | 'nowhere';

/**
 * The first answer to a probe that came back to its sender: a SYN-ACK (`synack`; `rst` when the
 * receiving side had no listener, which the harness reports), or the reply datagram (`udp`). Its
 * addresses as seen by the sender (after conntrack's reverse NAT on the host).
 */
export interface ReplySeen {
  readonly kind: 'synack' | 'rst' | 'udp';
  readonly saddr: string;
  readonly sport: number;
  readonly daddr: string;
}

export interface Outcome {
  readonly at: Arrival;
  /** Destination as seen at arrival (shows DNAT / redirect). */
  readonly daddr?: string;
  readonly dport?: number;
  /** Source address as seen at arrival (shows SNAT / masquerade). */
  readonly saddr?: string;
  /** The answer that came back to the sender, if any (only probes that arrived are answered). */
  readonly reply?: ReplySeen;
}

export interface Expectation {
  readonly at: Arrival;
  /** When given, the destination port at arrival must be this. */
  readonly dport?: number;
  /** When given, the destination address at arrival must be this. */
  readonly daddr?: string;
  /** When given (and the probe arrives): whether its answer gets back to the sender. */
  readonly reply?: boolean;
}

/**
 * One bridge of the Docker side of the topology: its addresses on the host and the addresses of the
 * containers attached to it (all held by the container namespace, on one interface per bridge).
 */
export interface BridgeLayout {
  /** Interface name on the host (`docker0`, `br-0123456789ab`, a `com.docker.network.bridge.name`). */
  readonly name: string;
  /** The bridge's addresses with prefix length (the network's gateways). */
  readonly addrs: readonly string[];
  /** Container addresses with prefix length. */
  readonly endpoints: readonly string[];
}

export interface Scenario {
  readonly name: string;
  /** The scenario source: `oracle`, `seed`, `generated`, `docker`, `replay`, ... */
  readonly source: string;
  readonly files: readonly RulesetFile[];
  readonly probes: readonly Probe[];
  /** Documented expectations, one per probe (null: none). */
  readonly expect?: readonly (Expectation | null)[];
  /**
   * Scenarios with the same group render one ruleset in several forms; the kernel must give every
   * member the same outcomes (a check on the renderers themselves).
   */
  readonly group?: string;
  /** The Docker side of the topology; absent: docker0 172.17.0.1/16 with the container at 172.17.0.2. */
  readonly layout?: readonly BridgeLayout[];
  /**
   * Per probe: why the expectation is missing because the model under test answered `unknown`
   * (counted and listed, limit 1%).
   */
  readonly unknown?: readonly (string | null)[];
  /** Per probe: a label counted in the summary (e.g. `bypass` for a finding the kernel must confirm). */
  readonly labels?: readonly (string | null)[];
  /** Lines printed with a failure (e.g. the analysis's diagnostics and inputs). */
  readonly notes?: readonly string[];
}

export function probeText(p: Probe): string {
  const host = p.daddr.includes(':') ? `[${p.daddr}]` : p.daddr;
  return `${p.from}${p.src ? `(${p.src})` : ''} -> ${p.proto} ${host}:${p.dport}`;
}

export function outcomeText(o: Outcome): string {
  if (o.at === 'nowhere') return 'nowhere';
  const host = o.daddr?.includes(':') ? `[${o.daddr}]` : o.daddr;
  return `${o.at} ${host ?? '?'}:${o.dport ?? '?'}${o.saddr ? ` from ${o.saddr}` : ''}`;
}

/** Whether the answer came back to the sender from the address and port it sent to. */
export function replyBack(p: Probe, o: Outcome): boolean {
  const r = o.reply;
  return r !== undefined && r.kind !== 'rst' && r.saddr === p.daddr && r.sport === p.dport;
}

export function replyText(p: Probe, o: Outcome): string {
  const r = o.reply;
  if (!r) return 'no reply came back';
  const host = r.saddr.includes(':') ? `[${r.saddr}]` : r.saddr;
  const what = r.kind === 'synack' ? 'SYN-ACK' : r.kind === 'rst' ? 'RST' : 'reply datagram';
  return `${what} came back from ${host}:${r.sport} to ${r.daddr}${replyBack(p, o) ? '' : r.kind === 'rst' ? '' : ' (not from the address and port the probe was sent to)'}`;
}
