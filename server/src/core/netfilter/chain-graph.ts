/**
 * The jump/goto graph of a table's chains: which chains each chain calls (verdicts, inline and named
 * verdict maps, matched or not), which chains run from a base chain, who calls whom, and which
 * chains lie on a cycle (the kernel refuses such a ruleset, ELOOP).
 *
 * A chain's statements are read once (`scanChain`, which also gives buildRuleset the chain's unknown
 * statements). Memoised per chain object and per table object, and per table name by content: a rebuilt table
 * whose chains call the same chains (the usual case after an edit, see buildRuleset's `previous`)
 * gets the same {@link TableGraph} object back, so that results keyed by it survive the rebuild.
 */
import { type Chain, sameList, type Table, tableKey, type UnknownStmt } from './model';
import { tableOrigin } from './table-origin';

/** What a chain calls: jump/goto targets of its verdicts and inline verdict maps (each once), and the named verdict maps it looks up. */
export interface ChainCalls {
  readonly direct: readonly string[];
  readonly namedMaps: readonly string[];
}

/** What one walk over a chain's statements finds: what the chain calls, and its unknown statements (for buildRuleset). */
export interface ChainScan extends ChainCalls {
  readonly unknowns: readonly UnknownStmt[];
}

const scans = new WeakMap<Chain, ChainScan>();
const NONE: readonly never[] = [];

/**
 * The walk over a chain's rules, once per chain object: a large ruleset's statements are far
 * apart in memory, and reading them again costs as much as the first time.
 */
export function scanChain(chain: Chain): ChainScan {
  let scan = scans.get(chain);
  if (scan) return scan;
  // most chains call one chain or none: no set until a chain calls many (each name once, in the order met)
  let direct: string[] | undefined;
  let many: Set<string> | undefined;
  let namedMaps: string[] | undefined;
  let unknowns: UnknownStmt[] | undefined;
  const add = (v: unknown): void => {
    const t = jumpTarget(v);
    if (!t) return;
    if (many) {
      if (many.has(t)) return;
      many.add(t);
    } else if (direct && direct.length >= 8) {
      if (direct.includes(t)) return;
      many = new Set(direct).add(t);
    } else if (direct?.includes(t)) return;
    (direct ??= []).push(t);
  };
  for (const r of chain.rules)
    for (const s of r.statements) {
      if (s.kind === 'verdict') add(s.verdict);
      else if (s.kind === 'unknown') {
        (unknowns ??= []).push(s);
        if (s.calls) {
          s.calls.verdicts.forEach(add);
          for (const m of s.calls.maps) if (!namedMaps?.includes(m)) (namedMaps ??= []).push(m);
        }
      } else if (s.kind === 'vmap') {
        if (s.map.kind === 'inline') s.map.elements.forEach((e) => add(e.data));
        else if (!namedMaps?.includes(s.map.name)) (namedMaps ??= []).push(s.map.name);
      }
    }
  scan = { direct: direct ?? NONE, namedMaps: namedMaps ?? NONE, unknowns: unknowns ?? NONE };
  scans.set(chain, scan);
  return scan;
}

export function chainCalls(chain: Chain): ChainCalls {
  return scanChain(chain);
}

/** The chain a `jump`/`goto` verdict value names. */
function jumpTarget(v: unknown): string | undefined {
  const x = v as { kind?: string; verdict?: string; target?: string } | undefined;
  return x?.kind === 'verdict' && (x.verdict === 'jump' || x.verdict === 'goto') && x.target ? x.target : undefined;
}

/** Chains a chain jumps or goes to, each once (named verdict maps looked up in its table). */
export function callees(table: Table, chain: Chain): readonly string[] {
  const c = chainCalls(chain);
  if (!c.namedMaps.length) return c.direct;
  const out = new Set(c.direct);
  for (const name of c.namedMaps)
    for (const e of table.sets.get(name)?.elements ?? []) {
      const t = jumpTarget(e.data);
      if (t) out.add(t);
    }
  return [...out];
}

/** The graph of one table; its parts are computed when first asked for. */
export class TableGraph {
  private runningSet?: ReadonlySet<string>;
  private callerMap?: ReadonlyMap<string, readonly string[]>;
  private cyclic?: ReadonlySet<string>;

  constructor(
    /** Chain names in table order, whether each is a base chain, and what each calls. */
    readonly names: readonly string[],
    readonly bases: readonly boolean[],
    readonly targets: readonly (readonly string[])[],
  ) {}

  /** Each chain's position in {@link names} (made when needed: not kept with the graph). */
  private index(): Map<string, number> {
    const index = new Map<string, number>();
    for (let i = 0; i < this.names.length; i++) index.set(this.names[i], i);
    return index;
  }

  /** The chains that run from some base chain. */
  get running(): ReadonlySet<string> {
    if (!this.runningSet) {
      const index = this.index();
      const running = new Set<string>();
      const todo = this.names.filter((_n, i) => this.bases[i]);
      while (todo.length) {
        const n = todo.pop()!;
        if (running.has(n)) continue;
        running.add(n);
        const i = index.get(n);
        if (i !== undefined) todo.push(...this.targets[i]);
      }
      this.runningSet = running;
    }
    return this.runningSet;
  }

  /** Per chain name, the names of the chains that jump or go to it, in table order. */
  get callers(): ReadonlyMap<string, readonly string[]> {
    if (!this.callerMap) {
      const callers = new Map<string, string[]>();
      this.targets.forEach((targets, i) => {
        for (const t of targets) {
          const list = callers.get(t);
          if (list) list.push(this.names[i]);
          else callers.set(t, [this.names[i]]);
        }
      });
      this.callerMap = callers;
    }
    return this.callerMap;
  }

  /** The chains on a cycle: members of a strongly connected component of two or more chains, or with a self-edge. */
  get onCycle(): ReadonlySet<string> {
    this.cyclic ??= stronglyConnected(this.names, this.targets, this.index());
    return this.cyclic;
  }

  sameAs(o: TableGraph): boolean {
    return o.names.length === this.names.length && this.names.every((n, i) => n === o.names[i] && this.bases[i] === o.bases[i] && sameList(this.targets[i], o.targets[i]));
  }
}

const perTable = new WeakMap<Table, TableGraph>();
/** The latest graphs per table name (the admin-only baseline and the merged ruleset share names). */
const perName = new Map<string, TableGraph[]>();

export function tableGraph(table: Table): TableGraph {
  let g = perTable.get(table);
  if (g) return g;
  // A table rebuilt from one whose graph is known, where the changed chains call what they called
  // (and are base chains as they were): the same graph.
  const origin = tableOrigin(table);
  const was = origin && perTable.get(origin.previous);
  if (
    was &&
    origin.changed.every(({ name, at }) => {
      const c = table.chains.get(name)!;
      return !!c.base === was.bases[at] && sameList(callees(table, c), was.targets[at]);
    })
  ) {
    perTable.set(table, was);
    return was;
  }
  const chains = [...table.chains.values()];
  const fresh = new TableGraph(
    chains.map((c) => c.name),
    chains.map((c) => !!c.base),
    chains.map((c) => callees(table, c)),
  );
  const key = tableKey(table.ref);
  const kept = perName.get(key) ?? [];
  g = kept.find((k) => k.sameAs(fresh));
  if (!g) perName.set(key, [(g = fresh), ...kept].slice(0, 4));
  perTable.set(table, g);
  return g;
}

/** Tarjan's algorithm without recursion. */
function stronglyConnected(names: readonly string[], targets: readonly (readonly string[])[], at: ReadonlyMap<string, number>): Set<string> {
  const n = names.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  // the depth-first path: each chain and how many of its callees were looked at
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  const out = new Set<string>();
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    let depth = 0;
    workNode[0] = root;
    workEdge[0] = 0;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = workNode[depth];
      const succ = targets[v];
      if (workEdge[depth] < succ.length) {
        const w = at.get(succ[workEdge[depth]++]);
        if (w === undefined) continue;
        if (index[w] < 0) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          workNode[depth] = w;
          workEdge[depth] = 0;
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      depth--;
      if (depth >= 0) {
        const u = workNode[depth];
        low[u] = Math.min(low[u], low[v]);
      }
      if (low[v] !== index[v]) continue;
      const from = sp;
      do sp--;
      while (stack[sp] !== v);
      for (let k = sp; k < from; k++) onStack[stack[k]] = 0;
      if (from - sp > 1 || succ.includes(names[v])) for (let k = from - 1; k >= sp; k--) out.add(names[stack[k]]);
    }
  }
  return out;
}

/** Per table object: for each chain asked about, the cycle through it as text (`a → b → a`), or null. */
const loops = new WeakMap<Table, Map<string, string | null>>();

/**
 * The cycle of jumps and gotos that leads from chain `start` back to it, as text, if any. A search
 * over the chains reachable from `start` only (callers ask only about chains on a cycle).
 */
export function loopThrough(t: Table, start: string): string | undefined {
  let memo = loops.get(t);
  if (!memo) loops.set(t, (memo = new Map()));
  const known = memo.get(start);
  if (known !== undefined) return known ?? undefined;
  const parent = new Map<string, string>();
  const queue = [start];
  let found: string | undefined;
  search: for (let k = 0; k < queue.length; k++) {
    const name = queue[k];
    const c = t.chains.get(name);
    if (!c) continue;
    for (const next of callees(t, c)) {
      if (next === start) {
        const path = [start];
        for (let x: string | undefined = name; x !== undefined && x !== start; x = parent.get(x)) path.splice(1, 0, x);
        found = [...path, start].join(' → ');
        break search;
      }
      if (!parent.has(next) && t.chains.has(next)) {
        parent.set(next, name);
        queue.push(next);
      }
    }
  }
  memo.set(start, found ?? null);
  return found;
}
