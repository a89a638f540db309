/**
 * Per-chain dispatch indexes: which rules of a long chain a packet can possibly match.
 *
 * Long chains (kube-proxy's service chains, per-port allow lists) are mostly rules that a given
 * packet plainly misses: `ip daddr 10.96.0.7 tcp dport 443 jump svc-...`. Walking them one by one
 * costs an evaluation per rule and per simulation. The index files each rule under one *guard*: an
 * equality match on a destination-side field (`th dport`, `ip daddr`, `iifname`, ...) against exact
 * constants, placed in the rule's leading run of pure matches (of several, the one the fewest rules
 * of the chain share). For a packet, the candidates are the
 * rules filed under the packet's own value of each field, plus the rules without a guard.
 *
 * Soundness: a rule that is not a candidate has a leading pure match that is false for the packet
 * (the constants do not contain its value, or the field does not exist for it), and only pure
 * matches come before that match. {@link evalRule} would answer "no match, nothing assumed" for it —
 * an unknown match before the guard forks into two misses that are joined again — so skipping it
 * changes nothing. The candidates are a superset: the simulator still evaluates each one.
 *
 * The guarded fields never depend on the packet's source address, so a skipped rule misses for
 * every source that reaches it along the same path: `reach` loses no cut that could separate
 * outcomes by not observing the comparisons of skipped rules. A reply's destination address is
 * the client's, so on replies the rules filed under an address are all candidates.
 */
import type { Chain, Rule, Table, Value } from '../model';
import { BREAK, type EvalCtx, type PState, fieldValue, isUnk } from './eval';

/** What a guard field tells about a packet (footprint.ts keeps the values per family). */
export type GuardFamily = 'port' | 'addr' | 'iif' | 'oif' | 'proto';

/** Guard fields by family, most selective first; the index files a rule under the guard fewest rules of the chain share. */
const GUARDS: readonly (readonly [GuardFamily, readonly string[]])[] = [
  ['port', ['th.dport', 'tcp.dport', 'udp.dport', 'sctp.dport', 'dccp.dport', 'udplite.dport', 'ct.original.proto-dst']],
  ['addr', ['ip.daddr', 'ip6.daddr', 'ct.original.daddr', 'ct.original.ip.daddr', 'ct.original.ip6.daddr']],
  ['iif', ['meta.iifname', 'meta.iif']],
  ['oif', ['meta.oifname', 'meta.oif']],
  ['proto', ['meta.l4proto', 'ip.protocol', 'ip6.nexthdr']],
];
const GUARD_FIELDS = GUARDS.flatMap(([, fields]) => fields);
const RANK: ReadonlyMap<string, number> = new Map(GUARD_FIELDS.map((f, i) => [f, i]));
const FAMILY: ReadonlyMap<string, GuardFamily> = new Map(GUARDS.flatMap(([family, fields]) => fields.map((f) => [f, family] as const)));

/** The family of a guard field; undefined for a field that is never a guard. */
export function familyOf(field: string): GuardFamily | undefined {
  return FAMILY.get(field);
}

/** Chains shorter than this are walked rule by rule. */
const MIN_INDEXED_RULES = 16;

interface FieldIndex {
  readonly field: string;
  /** Rule positions (ascending) filed under each key. */
  readonly byKey: ReadonlyMap<string, readonly number[]>;
  /** Every rule position filed under this field (ascending): the candidates when the packet's value has no key. */
  readonly all: readonly number[];
}

export interface ChainIndex {
  readonly table: Table;
  readonly unguarded: readonly number[];
  readonly fields: readonly FieldIndex[];
}

const cache = new WeakMap<Chain, ChainIndex | null>();

/** The chain's index (built once per chain and table), or undefined when the chain is walked rule by rule. */
export function chainIndex(chain: Chain, table: Table): ChainIndex | undefined {
  if (chain.rules.length < MIN_INDEXED_RULES) return undefined;
  const hit = cache.get(chain);
  if (hit !== undefined && (hit === null || sameSets(hit.table, table))) return hit ?? undefined;
  const built = build(chain, table);
  cache.set(chain, built);
  return built ?? undefined;
}

/**
 * Whether two tables hold the same set objects under the same names: all an index reads of its
 * table (`keysOf`). A chain shared by two builds (the admin's rules and the merged ruleset, see
 * buildRuleset's `previous`) then keeps one index.
 */
const sameSetsMemo = new WeakMap<Table, WeakMap<Table, boolean>>();
function sameSets(a: Table, b: Table): boolean {
  if (a === b || a.sets === b.sets) return true;
  let memo = sameSetsMemo.get(a);
  if (!memo) sameSetsMemo.set(a, (memo = new WeakMap()));
  let same = memo.get(b);
  if (same === undefined) {
    same = a.sets.size === b.sets.size;
    if (same) for (const [name, s] of a.sets) if (b.sets.get(name) !== s) same = false;
    memo.set(b, same);
  }
  return same;
}

function build(chain: Chain, table: Table): ChainIndex | null {
  const unguarded: number[] = [];
  const fields = new Map<string, { byKey: Map<string, number[]>; all: number[] }>();
  const candidates = chain.rules.map((rule) => guardsOf(rule, table));
  // How many rules could be filed under each key: a rule goes under its guard with the fewest
  // such neighbours (kube-proxy's `-d SVC/32 -p tcp --dport 80` is found by its address, which
  // few rules share, rather than by a port many share). Any leading guard is sound (see above);
  // the choice changes only how many candidates a packet visits.
  const counts = new Map<string, number>();
  for (const gs of candidates) for (const g of gs) for (const k of new Set(g.keys)) counts.set(`${g.field} ${k}`, (counts.get(`${g.field} ${k}`) ?? 0) + 1);
  const cost = (g: Guard): number => {
    let c = 0;
    for (const k of new Set(g.keys)) c += counts.get(`${g.field} ${k}`) ?? 0;
    return c;
  };
  candidates.forEach((gs, i) => {
    let g: Guard | undefined;
    let best = Infinity;
    for (const x of gs) {
      const c = cost(x);
      if (c < best || (c === best && g !== undefined && x.rank < g.rank)) {
        g = x;
        best = c;
      }
    }
    if (!g) {
      unguarded.push(i);
      return;
    }
    let f = fields.get(g.field);
    if (!f) fields.set(g.field, (f = { byKey: new Map(), all: [] }));
    f.all.push(i);
    for (const k of new Set(g.keys)) {
      const list = f.byKey.get(k);
      if (list) list.push(i);
      else f.byKey.set(k, [i]);
    }
  });
  // Nothing to skip: every rule would be a candidate anyway.
  if (unguarded.length === chain.rules.length) return null;
  return { table, unguarded, fields: [...fields].map(([field, f]) => ({ field, byKey: f.byKey, all: f.all })) };
}

interface Guard {
  readonly field: string;
  readonly keys: string[];
  readonly rank: number;
}

/** Every guard of the rule's leading run of pure matches: each match that, when false, means the rule misses. */
function guardsOf(rule: Rule, table: Table): Guard[] {
  const out: Guard[] = [];
  for (const s of rule.statements) {
    if (s.kind === 'nop' && s.what !== 'notrack') continue;
    if (s.kind !== 'match') break;
    if (s.op !== 'eq' || s.left.kind !== 'field') continue;
    const rank = RANK.get(s.left.field);
    if (rank === undefined) continue;
    const keys = keysOf(s.right, table, 0);
    if (keys) out.push({ field: s.left.field, keys, rank });
  }
  return out;
}

/**
 * Every guard of the rule's leading run of pure matches: the rule misses a packet whose value of
 * any one of them is not among its keys. What the incremental analysis compares with the
 * footprints (a changed rule touches a binding's results only if each of its guards may).
 */
export function ruleGuards(rule: Rule, table: Table): readonly { readonly field: string; readonly keys: readonly string[] }[] {
  return guardsOf(rule, table);
}

/**
 * The keys of the packet values `right` can contain, or undefined when they cannot be listed
 * exactly (ranges, prefixes, wildcards, symbols, dynamic or missing sets).
 */
function keysOf(right: Value, table: Table, depth: number): string[] | undefined {
  switch (right.kind) {
    case 'int':
      return [`#${right.value}`];
    case 'ip':
      return right.interval.lo === right.interval.hi ? [`#${right.interval.lo}`] : undefined;
    case 'ifname':
      return right.wildcard ? undefined : [`$${right.name}`];
    case 'set':
      return listKeys(right.elements, table, depth);
    case 'setref': {
      const set = table.sets.get(right.name);
      if (!set || set.dynamic || depth > 0) return undefined;
      return listKeys(
        set.elements.map((e) => e.key),
        table,
        depth + 1,
      );
    }
    default:
      return undefined;
  }
}

function listKeys(values: readonly Value[], table: Table, depth: number): string[] | undefined {
  const out: string[] = [];
  for (const v of values) {
    const k = keysOf(v, table, depth);
    if (!k) return undefined;
    out.push(...k);
  }
  return out;
}

/**
 * Where to look, for one packet state, in an indexed chain: `next(from)` is the first candidate
 * position at or after `from` (the chain's length when there is none).
 */
export class Candidates {
  private readonly lists: (readonly number[])[] = [];

  constructor(
    index: ChainIndex,
    private readonly length: number,
    p: PState,
    ctx: EvalCtx,
  ) {
    this.lists.push(index.unguarded);
    // A reply's destination is the client: comparisons with it cut the client space (reach.ts
    // observes them), so on a reply no rule filed under an address is skipped.
    const reply = p.ctDirection === 'reply';
    for (const f of index.fields) {
      if (reply && FAMILY.get(f.field) === 'addr') {
        this.lists.push(f.all);
        continue;
      }
      const rv = fieldValue(f.field, p, ctx);
      // The field does not exist for this packet: every match on it is false.
      if (rv === BREAK) continue;
      const key = isUnk(rv) ? undefined : rv.t === 'int' || rv.t === 'ip' ? `#${rv.n}` : rv.t === 'name' ? `$${rv.s}` : undefined;
      if (key === undefined) this.lists.push(f.all);
      else {
        const l = f.byKey.get(key);
        if (l) this.lists.push(l);
      }
    }
  }

  next(from: number): number {
    let best = this.length;
    for (const l of this.lists) {
      const i = lowerBound(l, from);
      if (i < l.length && l[i] < best) best = l[i];
    }
    return best;
  }
}

function lowerBound(l: readonly number[], x: number): number {
  let lo = 0;
  let hi = l.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
