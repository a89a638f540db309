/**
 * The netfilter model: one representation for rulesets that come from nftables scripts and
 * listings, iptables-save / iptables-restore text (legacy and nft flavours, ufw's files) and
 * `nft -j` JSON, and for the rules Docker installs.
 *
 * Lowering a source never produces a finished ruleset directly. It produces a {@link Fragment}: the
 * ordered list of operations the source performs ({@link Op}: add a table, flush the ruleset, insert
 * a rule at the top of a chain, ...). {@link buildRuleset} (in `build.ts`) applies the fragments of
 * all sources in load order, which is how an admin's files and Docker's rules coexist on one host:
 * a `flush ruleset` in nftables.conf wipes what was loaded before it, `iptables-restore` replaces
 * whole tables, Docker inserts its jump at the top of FORWARD.
 *
 * Every value is readonly and carries the {@link Span} it came from. A construct the model cannot
 * represent becomes an explicit `unknown` statement (or {@link UnknownOp}) with a reason; it is never
 * dropped silently.
 *
 * ## Matching vocabulary
 * A match compares a {@link Expr} with a {@link Value}. Lowerings map every source syntax onto the
 * same field names, listed in {@link FieldName}. Values are canonical:
 * - addresses as {@link IpInterval} (`{kind:'ip'}`), a single address being lo === hi;
 * - ports, marks, numbers as `{kind:'int'}` / `{kind:'range'}`;
 * - protocols (`meta.l4proto`, `ip.protocol`, `ip6.nexthdr`) as their IANA number (`tcp` → 6);
 * - interface names as `{kind:'ifname'}` with `*` marking a wildcard suffix (iptables `+` → `*`);
 * - conntrack states, `fib` address types, `meta pkttype`, `ct status`, `ct direction` as lowercase
 *   symbols (`{kind:'symbol'}`, e.g. `established`, `local`, `dnat`); a list such as
 *   `established,related` becomes a `{kind:'set'}` of symbols (the flag-list semantics of nft:
 *   the packet's state is one of them).
 * - nft's implicit protocol dependency: `tcp dport 22` is lowered as the match `th.dport == 22`
 *   preceded by the match `meta.l4proto == 6`, exactly as nft itself expands it; iptables
 *   `-p tcp --dport 22` lowers to the same two matches.
 */
import type { IpInterval } from '../net/ip';
import type { Span } from '../text';

// ---------------------------------------------------------------------------------------------
// Tables, chains, sets

export type Family = 'ip' | 'ip6' | 'inet' | 'arp' | 'bridge' | 'netdev';
export type Hook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting' | 'ingress' | 'egress';
export type ChainType = 'filter' | 'nat' | 'route';

/**
 * Where a table lives. Native nft tables and iptables-nft tables share the nftables namespace (an
 * `ip filter` table written by iptables-nft is the same table an nft script can add rules to);
 * iptables-legacy tables are separate xtables tables that run at the same hooks and priorities.
 */
export type Backend = 'nft' | 'legacy';

export interface TableRef {
  readonly family: Family;
  readonly name: string;
  readonly backend: Backend;
}

export interface BaseChainSpec {
  readonly type: ChainType;
  readonly hook: Hook;
  /** Resolved numeric priority (symbolic names and arithmetic already evaluated, per family). */
  readonly priority: number;
  /** The priority as written, for display (`dstnat + 10`). */
  readonly priorityText?: string;
  readonly device?: string;
  readonly policy: 'accept' | 'drop';
}

/** Every field of a base chain's spec (one missing fails to compile). */
const BASE_FIELDS = ['type', 'hook', 'priority', 'priorityText', 'device', 'policy'] as const satisfies readonly (keyof BaseChainSpec)[];
const allBaseFields: Exclude<keyof BaseChainSpec, (typeof BASE_FIELDS)[number]> extends never ? true : never = true;
void allBaseFields;

/** The same elements in the same order (the same objects). */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The same base chain spec, field by field (each lowering makes new objects), or both undefined (regular chains). */
export function sameBaseSpec(a: BaseChainSpec | undefined, b: BaseChainSpec | undefined): boolean {
  return a === b || (!!a && !!b && BASE_FIELDS.every((k) => a[k] === b[k]));
}

export interface Chain {
  readonly name: string;
  /** Present for base chains (attached to a hook). */
  readonly base?: BaseChainSpec;
  readonly rules: readonly Rule[];
  /** Where the chain was declared (first declaration), if anywhere. */
  readonly span?: Span;
  readonly comment?: string;
}

export interface Table {
  readonly ref: TableRef;
  readonly chains: ReadonlyMap<string, Chain>;
  readonly sets: ReadonlyMap<string, NamedSet>;
  readonly span?: Span;
  /** Table flags such as `dormant` (a dormant table's chains do not run). */
  readonly flags?: readonly string[];
}

export interface NamedSet {
  readonly name: string;
  /** Key type(s) as written (`ipv4_addr`, `inet_service`, or a concatenation's parts), for display. */
  readonly keyType: readonly string[];
  /** For maps: the data type (`verdict`, `ipv4_addr`, `ipv4_addr . inet_service`, ...). */
  readonly dataType?: string;
  readonly flags: readonly string[];
  readonly elements: readonly SetElement[];
  /** Sets filled at run time (`flags dynamic`, `meter`, `add @s`, ipset from iptables): contents unknown. */
  readonly dynamic: boolean;
  readonly span?: Span;
}

export interface SetElement {
  readonly key: Value;
  /** For maps: the mapped value (a verdict for verdict maps). */
  readonly data?: Value | VerdictValue;
  readonly span?: Span;
}

// ---------------------------------------------------------------------------------------------
// Rules and statements

export interface Rule {
  readonly statements: readonly Statement[];
  readonly span: Span;
  /** The rule as written in its source (one line; for display in traces and hovers). */
  readonly text: string;
  readonly comment?: string;
  readonly handle?: number;
  /** Who installed the rule when it was synthesized (e.g. "Docker 28.2 for compose.yaml:12 `8080:80`"). */
  readonly origin?: string;
}

export type Statement =
  | MatchStmt
  | VerdictStmt
  | VmapStmt
  | NatStmt
  | SetStmt
  | NopStmt
  | StatefulStmt
  | SetUpdateStmt
  | UnknownStmt;

interface StmtBase {
  readonly span: Span;
}

export type CmpOp = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';

/**
 * `left op right`. With `op: 'eq'` and a set on the right the match is set membership; with `ne`
 * it is non-membership. A bitmask test (`ct mark & 0xff == 1`) uses `left.kind === 'bitwise'`.
 */
export interface MatchStmt extends StmtBase {
  readonly kind: 'match';
  readonly left: Expr;
  readonly op: CmpOp;
  readonly right: Value;
  /**
   * A comparison of a bitmask field's whole value (`tcp flags == syn`, `ct status != dnat`, a set of
   * two or more elements: nft's `cmp` or lookup of the whole word), where a match with no operator
   * tests bits. The simulator compares TCP flags exactly and answers ct status unknown (its word
   * holds bits the model does not follow); rule texts made from the model write it with `==`.
   */
  readonly whole?: true;
}

export type VerdictKind = 'accept' | 'drop' | 'reject' | 'return' | 'continue' | 'queue' | 'jump' | 'goto';

export interface VerdictValue {
  readonly kind: 'verdict';
  readonly verdict: VerdictKind;
  /** Chain name for jump/goto (an anonymous chain binding gets a generated name, see `Table.chains`). */
  readonly target?: string;
}

export interface VerdictStmt extends StmtBase {
  readonly kind: 'verdict';
  readonly verdict: VerdictValue;
}

/** `EXPR vmap { k : verdict, ... }` or `EXPR vmap @name`. */
export interface VmapStmt extends StmtBase {
  readonly kind: 'vmap';
  readonly key: Expr;
  readonly map: { readonly kind: 'inline'; readonly elements: readonly SetElement[] } | { readonly kind: 'ref'; readonly name: string };
}

/**
 * NAT. For `dnat`/`snat`, `addr` and `port` give the new destination / source (a range means the
 * kernel picks one: the simulator uses the low end and says so). `redirect` rewrites the destination
 * to the incoming interface's primary address (`port` optional); `masquerade` rewrites the source.
 * A map-driven target (`dnat to tcp dport map { 80 : 10.0.0.1 }`) is `mapped`.
 */
export interface NatStmt extends StmtBase {
  readonly kind: 'nat';
  readonly nat: 'dnat' | 'snat' | 'masquerade' | 'redirect';
  /** Address family of the target when written (`dnat ip to ...`). */
  readonly family?: 'ip' | 'ip6';
  readonly addr?: IpInterval;
  readonly port?: { readonly lo: number; readonly hi: number };
  readonly mapped?: { readonly key: Expr; readonly elements: readonly SetElement[] } | { readonly key: Expr; readonly ref: string };
  readonly flags?: readonly string[];
}

/** `meta mark set V`, `ct mark set V`, `meta nftrace set 1`, iptables `-j MARK --set-mark`. */
export interface SetStmt extends StmtBase {
  readonly kind: 'set';
  readonly key: FieldName;
  /** A constant, or undefined when the value is computed (then the simulator reports unknown). */
  readonly value?: Value;
  readonly expr?: Expr;
}

/** Statements with no effect on the verdict or on the packet fields the simulator follows. */
export interface NopStmt extends StmtBase {
  readonly kind: 'nop';
  /** `counter`, `log`, `comment`, `notrack`, `checksum`, `tcpmss`, `nftrace`, ... */
  readonly what: string;
}

/**
 * Statements whose outcome depends on state the simulator does not have: `limit`, `quota`,
 * `connlimit`, `numgen`, `queue` bypass, `recent`, ... When such a statement would decide the
 * rule's effect, the simulator answers unknown with this statement as the reason.
 */
export interface StatefulStmt extends StmtBase {
  readonly kind: 'stateful';
  readonly what: string;
  /**
   * What the kernel does with the first packet of a new flow, when the lowering knows it: rate
   * limiters start with a full bucket (`limit`, `hashlimit --hashlimit-upto` pass, `--hashlimit-above`
   * does not), a connection limit counts this connection alone, a `recent` list holds the source
   * only when a rule on the packet's own path added it. The simulator decides with it and says so
   * ({@link FirstPacketNote}); without it the statement is explored both ways.
   */
  readonly first?: FirstPacket;
}

export type FirstPacket =
  /** The statement matches (`passes: true`) or not on the first packet; `note` says why. */
  | { readonly kind: 'fixed'; readonly passes: boolean; readonly note: string }
  /** xt_recent: `--set` / `--rcheck` / `--update` / `--remove` on list `list`. */
  | {
      readonly kind: 'recent';
      readonly op: 'set' | 'rcheck' | 'update' | 'remove';
      readonly list: string;
      /** `--rsource` (default) or `--rdest`. */
      readonly side: 'saddr' | 'daddr';
      /** `--hitcount` (0: not given). */
      readonly hitcount: number;
      /** `! --rcheck` etc. */
      readonly invert: boolean;
    };

/** `add @set { ... }` / `update @set { ... }` / `meter`: writes a dynamic set (no verdict effect). */
export interface SetUpdateStmt extends StmtBase {
  readonly kind: 'setUpdate';
  readonly set: string;
}

export interface UnknownStmt extends StmtBase {
  readonly kind: 'unknown';
  /** Why the construct is not modelled, e.g. "match `-m u32` is not modelled". */
  readonly reason: string;
  /**
   * The chains it may jump or go to, and the verdict maps it looks up (a verdict map keyed by a field
   * the model does not follow, `ip dscp vmap { cs1 : jump a }`): the chain graph keeps those calls.
   */
  readonly calls?: { readonly verdicts: readonly VerdictValue[]; readonly maps: readonly string[] };
}

// ---------------------------------------------------------------------------------------------
// Expressions and values

/**
 * The packet fields the model knows. Lowerings must use exactly these names; anything else
 * becomes an `unknown` statement.
 *
 * - `meta.iifname`, `meta.oifname` (ifname); `meta.iif`, `meta.oif` (ifname as well: index-based
 *   matching of an existing interface is modelled by name); `meta.l4proto` (int); `meta.nfproto`
 *   (symbol `ipv4`/`ipv6`); `meta.mark` (int); `meta.pkttype` (symbol); `meta.iiftype` (symbol)
 * - `ip.saddr`, `ip.daddr`, `ip6.saddr`, `ip6.daddr` (ip); `ip.protocol`, `ip6.nexthdr` (int);
 *   `ip.version`, `ip6.version` (int: 4 and 6); `ip.ttl`, `ip6.hoplimit` (int: unknown, but 255 for neighbour
 *   discovery); `meta.protocol` (symbol: the ether type's name, `ip`, `ip6`, `arp`, `8021q`, `8021ad`, or `0x...`)
 * - `th.sport`, `th.dport` (int): transport ports; the preceding `meta.l4proto` match carries
 *   the protocol
 * - `icmp.type`, `icmpv6.type` (symbol, e.g. `echo-request`); `tcp.flags` (symbol set)
 * - `ct.state` (symbol: new/established/related/invalid/untracked); `ct.status` (symbol: dnat/snat/...);
 *   `ct.direction` (symbol: original/reply); `ct.mark` (int)
 * - `ct.original.saddr`, `ct.original.daddr`, `ct.reply.saddr`, `ct.reply.daddr` (ip);
 *   `ct.original.proto-src`, `ct.original.proto-dst`, `ct.reply.proto-src`, `ct.reply.proto-dst` (int);
 *   `ct.original.protocol` (int)
 * - `fib.daddr.type`, `fib.saddr.type` (symbol: local/unicast/broadcast/multicast/...):
 *   `fib daddr type local` and iptables `-m addrtype --dst-type LOCAL`; `fib.daddr.oif` / `fib.saddr.iif`
 *   (ifname; `fib saddr . iif oif missing` lowers to the match `fib.saddr.iif.oif == missing` as symbol)
 */
export type FieldName = string;

export type Expr =
  | { readonly kind: 'field'; readonly field: FieldName }
  | { readonly kind: 'concat'; readonly parts: readonly Expr[] }
  | { readonly kind: 'bitwise'; readonly expr: Expr; readonly mask: bigint; readonly xor?: bigint }
  /**
   * A number the kernel draws or hashes as the packet passes (`numgen random mod 4`, `jhash ip saddr
   * mod 2 seed 0x1`, `symhash mod 2 offset 100`): one of `lo`..`hi`, which one is not known (the key
   * of kube-proxy's `numgen random mod N vmap { 0 : goto ..., ... }`). `what` is the expression as written.
   */
  | { readonly kind: 'drawn'; readonly what: string; readonly lo: bigint; readonly hi: bigint };

export type Value =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'range'; readonly lo: bigint; readonly hi: bigint }
  | { readonly kind: 'ip'; readonly interval: IpInterval }
  | { readonly kind: 'ifname'; readonly name: string; readonly wildcard: boolean }
  | { readonly kind: 'symbol'; readonly name: string }
  | { readonly kind: 'concat'; readonly parts: readonly Value[] }
  /** An anonymous set `{ 22, 80-443 }`; elements may be ranges or concatenations. */
  | { readonly kind: 'set'; readonly elements: readonly Value[] }
  /** A named set `@name` (iptables `-m set --match-set NAME` refers to an ipset: a dynamic set). */
  | { readonly kind: 'setref'; readonly name: string };

// ---------------------------------------------------------------------------------------------
// Operations: what a source does to the ruleset, in order

export type Op =
  | { readonly op: 'flushRuleset'; readonly family?: Family; readonly span: Span }
  /** Create the table if missing (nft `add table`, `table x { }` blocks, iptables `*filter`). */
  | { readonly op: 'addTable'; readonly table: TableRef; readonly flags?: readonly string[]; readonly span: Span }
  | { readonly op: 'deleteTable'; readonly table: TableRef; readonly span: Span }
  /** nft `flush table`: empties every chain, keeps chains and sets. */
  | { readonly op: 'flushTable'; readonly table: TableRef; readonly span: Span }
  /**
   * iptables-restore without --noflush: empties the table and removes its user-defined chains,
   * keeping built-in chains (their policies are set again by the `:CHAIN POLICY` lines).
   */
  | { readonly op: 'resetTable'; readonly table: TableRef; readonly span: Span }
  /**
   * Create a chain if missing; when `base` is given, (re)declare it as a base chain. When `policy`
   * alone is given (iptables `-P`, `:INPUT DROP`), set the policy of an existing base chain.
   */
  | {
      readonly op: 'addChain';
      readonly table: TableRef;
      readonly name: string;
      readonly base?: BaseChainSpec;
      readonly policy?: 'accept' | 'drop';
      readonly comment?: string;
      /**
       * Only create the chain when it does not exist; an existing chain keeps its base spec and
       * policy. For a built-in chain an iptables file uses without declaring it (iptables-nft
       * creates it on first use with policy accept; on legacy it always exists).
       */
      readonly ifMissing?: boolean;
      readonly span: Span;
    }
  | { readonly op: 'deleteChain'; readonly table: TableRef; readonly name: string; readonly span: Span }
  | { readonly op: 'flushChain'; readonly table: TableRef; readonly name: string; readonly span: Span }
  /**
   * Add a rule. `append` goes last; `insert` goes first, or before rule number `index` (1-based, as
   * iptables `-I CHAIN 3`); with `handle`, nft's `add rule ... position H` / `insert ... position H`
   * places it after / before the rule with that handle.
   */
  | {
      readonly op: 'addRule';
      readonly table: TableRef;
      readonly chain: string;
      readonly rule: Rule;
      readonly position: 'append' | 'insert';
      readonly index?: number;
      readonly handle?: number;
      readonly span: Span;
    }
  /** iptables `-D CHAIN N` (index) or `-D CHAIN rule-spec` (`ruleText` compared after normalisation). */
  | {
      readonly op: 'deleteRule';
      readonly table: TableRef;
      readonly chain: string;
      readonly index?: number;
      readonly handle?: number;
      readonly ruleText?: string;
      readonly span: Span;
    }
  /** iptables `-R CHAIN N rule`. */
  | { readonly op: 'replaceRule'; readonly table: TableRef; readonly chain: string; readonly index: number; readonly rule: Rule; readonly span: Span }
  /** Declare a set or map (elements declared inline are included). */
  | { readonly op: 'addSet'; readonly table: TableRef; readonly set: NamedSet; readonly span: Span }
  | { readonly op: 'deleteSet'; readonly table: TableRef; readonly name: string; readonly span: Span }
  | { readonly op: 'flushSet'; readonly table: TableRef; readonly name: string; readonly span: Span }
  | {
      readonly op: 'addElements' | 'deleteElements';
      readonly table: TableRef;
      readonly set: string;
      readonly elements: readonly SetElement[];
      readonly span: Span;
    }
  | UnknownOp;

/** A command the model cannot apply (e.g. `add flowtable`, `reset counters`): kept with its reason. */
export interface UnknownOp {
  readonly op: 'unknown';
  readonly reason: string;
  /** Whether ignoring it can change verdicts (a `delete rule` we cannot resolve can; a flowtable cannot). */
  readonly affectsVerdicts: boolean;
  readonly span: Span;
}

/** The lowering of one source file. */
export interface Fragment {
  /** The file name as given to the lowering. */
  readonly file: string;
  readonly format: 'nft' | 'iptables' | 'nft-json' | 'docker' | 'ipset';
  readonly ops: readonly Op[];
}

/** The state after applying fragments. */
export interface Ruleset {
  readonly tables: readonly Table[];
  /**
   * Everything that was not modelled, across all sources: unknown statements and unknown ops.
   * `affectsVerdicts` is set for ops that could have changed a chain (the simulator then gives no
   * definite verdict); unknown statements are judged where they sit, by the simulator.
   */
  readonly unknowns: readonly { readonly span: Span; readonly reason: string; readonly affectsVerdicts?: boolean }[];
}

/**
 * `backend:family:name`, the table's identity. Kept per reference object: a lowering asks it of
 * the same reference for every chain and rule of a table (a new string each time otherwise).
 */
export function tableKey(t: TableRef): string {
  let k = tableKeys.get(t);
  if (k === undefined) tableKeys.set(t, (k = `${t.backend}:${t.family}:${t.name}`));
  return k;
}
const tableKeys = new WeakMap<TableRef, string>();

/** A string that is equal for equal model values (JSON, with bigints written as `123n`). */
export function jsonKey(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
}

/** Standard priorities of the iptables tables, as iptables-nft registers them. */
export const IPTABLES_PRIORITY: Readonly<Record<string, Readonly<Partial<Record<Hook, number>>>>> = {
  raw: { prerouting: -300, output: -300 },
  mangle: { prerouting: -150, input: -150, forward: -150, output: -150, postrouting: -150 },
  nat: { prerouting: -100, input: 100, output: -100, postrouting: 100 },
  filter: { input: 0, forward: 0, output: 0 },
  security: { input: 50, forward: 50, output: 50 },
};

/** nft symbolic priorities for the ip, ip6 and inet families (bridge uses other values). */
export const NFT_PRIORITY: Readonly<Record<string, number>> = {
  raw: -300,
  mangle: -150,
  dstnat: -100,
  filter: 0,
  security: 50,
  srcnat: 100,
};

/** nft symbolic priorities for the bridge family. */
export const NFT_BRIDGE_PRIORITY: Readonly<Record<string, number>> = {
  dstnat: -300,
  filter: -200,
  out: 100,
  srcnat: 300,
};
