/**
 * Applies the operations of lowered sources, in load order, to get the ruleset a host ends up with.
 *
 * The kernel rejects a whole `nft -f` transaction (or an iptables-restore table) when one command
 * fails. Here every failing operation is reported as an error diagnostic naming what the kernel
 * would say, and the remaining operations are still applied, so that one mistake does not hide
 * the analysis of everything else.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { type Span, sameRange } from '../text';
import type { BaseChainSpec, Chain, Fragment, NamedSet, Op, Rule, Ruleset, SetElement, Table, TableRef } from './model';
import { jsonKey, sameBaseSpec, sameList, tableKey } from './model';
import { scanChain } from './chain-graph';
import { entryChanges, noteTableOrigin } from './table-origin';

interface MutChain {
  name: string;
  base?: BaseChainSpec;
  rules: Rule[];
  span?: Span;
  comment?: string;
}

interface MutSet {
  set: NamedSet;
  elements: SetElement[];
}

interface MutTable {
  ref: TableRef;
  chains: Map<string, MutChain>;
  sets: Map<string, MutSet>;
  span?: Span;
  flags?: readonly string[];
}

function describe(t: TableRef): string {
  return `${t.backend === 'legacy' ? 'legacy ' : ''}table ${t.family} ${t.name}`;
}

export interface BuildOptions {
  /**
   * A ruleset built before from mostly the same fragments: its chain, set and table objects are
   * returned again where the result has exactly the same content (same rule objects, elements,
   * flags). Callers that rebuild after an edit then keep what is keyed by those objects (dispatch
   * indexes, per-chain results); the result is the same as without it.
   */
  readonly previous?: Ruleset;
  /**
   * How many leading fragments are likely to be the same objects in the next build (the admin's
   * files, before Docker's rules): the state after them is kept with the result, and a build whose
   * `previous` kept that state for the same fragments starts from it instead of applying them again.
   */
  readonly stablePrefix?: number;
}

/** The state after a build's stable prefix: never changed once kept (later builds copy what they change). */
interface Snapshot {
  readonly fragments: readonly Fragment[];
  readonly tables: ReadonlyMap<string, MutTable>;
  readonly diagnostics: readonly CoreDiagnostic[];
  readonly unknowns: readonly { span: Span; reason: string; affectsVerdicts?: boolean }[];
}

const snapshots = new WeakMap<Ruleset, Snapshot>();
/** The final objects made from state objects that a snapshot shares (they never change, so neither does their result). */
const finalChains = new WeakMap<MutChain, Chain>();
const finalSets = new WeakMap<MutSet, NamedSet>();
/**
 * Per table state shared with a snapshot (so unchanged since): its final table and the unknown
 * statements of its chains. A compose edit builds the merged ruleset again from the state after
 * the admin's files: their tables, often thousands of chains, are then not walked again.
 */
const finalTables = new WeakMap<MutTable, { readonly table: Table; readonly unknowns: readonly { span: Span; reason: string }[] }>();

export function buildRuleset(fragments: readonly Fragment[], opts: BuildOptions = {}): Result<Ruleset> {
  const tables = new Map<string, MutTable>();
  const diagnostics: CoreDiagnostic[] = [];
  const unknowns: { span: Span; reason: string; affectsVerdicts?: boolean }[] = [];
  // State objects this build may change in place; any other (shared with a snapshot) is copied first.
  let owned = new WeakSet<object>();

  const error = (span: Span, message: string): void => {
    diagnostics.push({ span, severity: 'error', message, code: 'ruleset' });
  };
  // What became of each table this build copied: the chains it copied to change them, those it
  // added (in order), and whether one was deleted (see the final tables below).
  const copies = new WeakMap<MutTable, { from: MutTable; changed: string[]; added: string[]; structural: boolean }>();
  const ownTable = (key: string, t: MutTable): MutTable => {
    if (owned.has(t)) return t;
    const copy: MutTable = { ...t, chains: copyMap(t.chains), sets: copyMap(t.sets) };
    owned.add(copy);
    copies.set(copy, { from: t, changed: [], added: [], structural: false });
    tables.set(key, copy);
    return copy;
  };
  const ownChain = (t: MutTable, c: MutChain): MutChain => {
    if (owned.has(c)) return c;
    const copy: MutChain = { ...c, rules: [...c.rules] };
    owned.add(copy);
    t.chains.set(c.name, copy);
    copies.get(t)?.changed.push(c.name);
    return copy;
  };
  const structural = (t: MutTable): void => {
    const copy = copies.get(t);
    if (copy) copy.structural = true;
  };
  const ownSet = (t: MutTable, name: string, s: MutSet): MutSet => {
    if (owned.has(s)) return s;
    const copy: MutSet = { set: s.set, elements: [...s.elements] };
    owned.add(copy);
    t.sets.set(name, copy);
    return copy;
  };
  // a fragment names its tables with one ref object per table: the key of the last one is kept
  let lastRef: TableRef | undefined;
  let lastKey = '';
  const keyOf = (ref: TableRef): string => {
    if (ref !== lastRef) {
      lastKey = tableKey(ref);
      lastRef = ref;
    }
    return lastKey;
  };
  /** The table, ready to be changed (created when `create`). */
  const table = (ref: TableRef, span: Span, create: boolean): MutTable | undefined => {
    const key = keyOf(ref);
    let t = tables.get(key);
    if (!t && create) {
      t = { ref, chains: new Map(), sets: new Map(), span };
      owned.add(t);
      tables.set(key, t);
    }
    if (!t) error(span, `${describe(ref)} does not exist`);
    return t && ownTable(key, t);
  };
  /** The chain, ready to be changed. */
  const chain = (ref: TableRef, name: string, span: Span): MutChain | undefined => {
    const t = table(ref, span, false);
    if (!t) return undefined;
    const c = t.chains.get(name);
    if (!c) error(span, `chain ${name} does not exist in ${describe(ref)}`);
    return c && ownChain(t, c);
  };
  const ruleIndex = (c: MutChain, op: { index?: number; handle?: number; ruleText?: string }, span: Span): number => {
    let i = -1;
    if (op.handle !== undefined) i = c.rules.findIndex((r) => r.handle === op.handle);
    else if (op.index !== undefined) i = op.index >= 1 && op.index <= c.rules.length ? op.index - 1 : -1;
    else if (op.ruleText !== undefined) {
      const want = normaliseRuleText(op.ruleText);
      i = c.rules.findIndex((r) => normaliseRuleText(r.text) === want);
    }
    if (i < 0) {
      const what = op.handle !== undefined ? `handle ${op.handle}` : op.index !== undefined ? `number ${op.index}` : 'matching that specification';
      error(span, `no rule ${what} in chain ${c.name}`);
    }
    return i;
  };

  // The chain of the last addRule: runs of rules for one chain find it without a lookup. Only
  // addRule keeps it; any other operation (and a snapshot) may change what it stands for.
  let memoRef: TableRef | undefined;
  let memoName = '';
  let memoChain: MutChain | undefined;

  const apply = (op: Op): void => {
    if (op.op !== 'addRule') memoRef = undefined;
    switch (op.op) {
      case 'flushRuleset':
        for (const [k, t] of tables) {
          if (t.ref.backend === 'nft' && (!op.family || t.ref.family === op.family)) tables.delete(k);
        }
        return;
      case 'addTable': {
        const t = table(op.table, op.span, true)!;
        if (op.flags) t.flags = op.flags;
        return;
      }
      case 'deleteTable':
        if (table(op.table, op.span, false)) tables.delete(tableKey(op.table));
        return;
      case 'flushTable': {
        const t = table(op.table, op.span, false);
        if (t) for (const c of [...t.chains.values()]) ownChain(t, c).rules = [];
        return;
      }
      case 'resetTable': {
        const t = table(op.table, op.span, true)!;
        for (const [name, c] of [...t.chains]) {
          if (c.base) ownChain(t, c).rules = [];
          else {
            t.chains.delete(name);
            structural(t);
          }
        }
        return;
      }
      case 'addChain': {
        const t = table(op.table, op.span, false);
        if (!t) return;
        let c = t.chains.get(op.name);
        if (c && op.ifMissing) return;
        if (!c) {
          c = { name: op.name, rules: [], span: op.span };
          owned.add(c);
          t.chains.set(op.name, c);
          copies.get(t)?.added.push(op.name);
        } else c = ownChain(t, c);
        if (op.base) c.base = op.base;
        if (op.policy) {
          if (c.base) c.base = { ...c.base, policy: op.policy };
          else error(op.span, `chain ${op.name} is not a base chain: it has no policy`);
        }
        if (op.comment !== undefined) c.comment = op.comment;
        return;
      }
      case 'deleteChain': {
        const t = table(op.table, op.span, false);
        if (!t) return;
        if (!t.chains.delete(op.name)) error(op.span, `chain ${op.name} does not exist in ${describe(op.table)}`);
        structural(t);
        return;
      }
      case 'flushChain': {
        const c = chain(op.table, op.name, op.span);
        if (c) c.rules = [];
        return;
      }
      case 'addRule': {
        const c = op.table === memoRef && op.chain === memoName ? memoChain! : chain(op.table, op.chain, op.span);
        if (!c) return;
        memoRef = op.table;
        memoName = op.chain;
        memoChain = c;
        let at: number;
        if (op.handle !== undefined) {
          const i = ruleIndex(c, { handle: op.handle }, op.span);
          if (i < 0) return;
          at = op.position === 'append' ? i + 1 : i;
        } else if (op.index !== undefined) {
          // insert: the rule becomes number `index`; append: it goes after rule number `index`.
          const max = c.rules.length + (op.position === 'insert' ? 1 : 0);
          if (op.index < (op.position === 'insert' ? 1 : 0) || op.index > max) {
            error(op.span, `index ${op.index} is out of range for chain ${c.name} (${c.rules.length} rules)`);
            return;
          }
          at = op.position === 'insert' ? op.index - 1 : op.index;
        } else if (op.position === 'append') {
          c.rules.push(op.rule);
          return;
        } else at = 0;
        c.rules.splice(at, 0, op.rule);
        return;
      }
      case 'deleteRule': {
        const c = chain(op.table, op.chain, op.span);
        if (!c) return;
        const i = ruleIndex(c, op, op.span);
        if (i >= 0) c.rules.splice(i, 1);
        return;
      }
      case 'replaceRule': {
        const c = chain(op.table, op.chain, op.span);
        if (!c) return;
        const i = ruleIndex(c, { index: op.index }, op.span);
        if (i >= 0) c.rules[i] = op.rule;
        return;
      }
      case 'addSet': {
        const t = table(op.table, op.span, false);
        if (!t) return;
        const existing = t.sets.get(op.set.name);
        if (existing) ownSet(t, op.set.name, existing).elements.push(...op.set.elements);
        else {
          const fresh: MutSet = { set: op.set, elements: [...op.set.elements] };
          owned.add(fresh);
          t.sets.set(op.set.name, fresh);
        }
        return;
      }
      case 'deleteSet': {
        const t = table(op.table, op.span, false);
        if (t && !t.sets.delete(op.name)) error(op.span, `set ${op.name} does not exist in ${describe(op.table)}`);
        return;
      }
      case 'flushSet': {
        const t = table(op.table, op.span, false);
        const s = t?.sets.get(op.name);
        if (t && !s) error(op.span, `set ${op.name} does not exist in ${describe(op.table)}`);
        if (t && s) ownSet(t, op.name, s).elements = [];
        return;
      }
      case 'addElements':
      case 'deleteElements': {
        const t = table(op.table, op.span, false);
        const found = t?.sets.get(op.set);
        if (t && !found) {
          error(op.span, `set ${op.set} does not exist in ${describe(op.table)}`);
          return;
        }
        if (!t || !found) return;
        const s = ownSet(t, op.set, found);
        if (op.op === 'addElements') s.elements.push(...op.elements);
        else {
          const gone = new Set(op.elements.map((e) => jsonKey(e.key)));
          s.elements = s.elements.filter((e) => !gone.has(jsonKey(e.key)));
        }
        return;
      }
      case 'unknown':
        unknowns.push({ span: op.span, reason: op.reason, affectsVerdicts: op.affectsVerdicts });
        return;
    }
  };

  // Start from the previous build's kept state when its stable prefix is made of the same fragments.
  const stable = Math.min(opts.stablePrefix ?? 0, fragments.length);
  const kept = opts.previous && snapshots.get(opts.previous);
  let start = 0;
  if (kept && stable > 0 && kept.fragments.length === stable && kept.fragments.every((f, i) => f === fragments[i])) {
    for (const [k, t] of kept.tables) tables.set(k, t);
    diagnostics.push(...kept.diagnostics);
    unknowns.push(...kept.unknowns);
    start = stable;
  }
  let snapshot: Snapshot | undefined;
  for (let i = start; i <= fragments.length; i++) {
    if (i === stable && stable > 0) {
      snapshot = start === stable ? kept! : { fragments: fragments.slice(0, stable), tables: new Map(tables), diagnostics: [...diagnostics], unknowns: [...unknowns] };
      // Everything so far now belongs to the snapshot: later changes copy first.
      owned = new WeakSet();
      memoRef = undefined;
    }
    if (i < fragments.length) for (const op of fragments[i].ops) apply(op);
  }

  const before = new Map((opts.previous?.tables ?? []).map((t) => [tableKey(t.ref), t]));
  const out: Table[] = [];
  for (const [key, t] of tables) {
    // (one this build owns is in no snapshot, as for chains below)
    const shared = !owned.has(t);
    const known = shared ? finalTables.get(t) : undefined;
    if (known) {
      out.push(known.table);
      unknowns.push(...known.unknowns);
      continue;
    }
    const old = before.get(key);
    const finalChain = (c: MutChain): Chain => {
      // A state object shared with a snapshot has not changed since its final object was made.
      // (one this build owns is in no snapshot: no later build asks for its final object)
      const mine = owned.has(c);
      let chain = mine ? undefined : finalChains.get(c);
      if (!chain) {
        const was = old?.chains.get(c.name);
        chain = was && sameChain(was, c) ? was : { name: c.name, base: c.base, rules: c.rules, span: c.span, comment: c.comment };
        if (!mine) finalChains.set(c, chain);
      }
      return chain;
    };
    let chains: Map<string, Chain> | undefined;
    let tableUnknowns: { span: Span; reason: string }[] = [];
    // A copy of a snapshot's table whose chains were changed in place or added, none deleted: the
    // snapshot's final chains with those few replaced and the added ones after them (the copy's
    // order), while no chain holds an unknown statement (their order in the list would need the
    // walk). Docker's rules change and add chains in tables that may hold the admin's thousands.
    const copy = owned.has(t) ? copies.get(t) : undefined;
    const from = copy && !copy.structural && (copy.changed.length + copy.added.length) * 2 < t.chains.size ? finalTables.get(copy.from) : undefined;
    if (from && from.unknowns.length === 0) {
      chains = copyMap(from.table.chains);
      for (const name of [...copy!.changed, ...copy!.added]) {
        const chain = finalChain(t.chains.get(name)!);
        if (unknownStatements(chain).length) {
          chains = undefined;
          break;
        }
        chains.set(name, chain);
      }
    }
    if (!chains) {
      chains = new Map<string, Chain>();
      tableUnknowns = [];
      for (const c of t.chains.values()) {
        const chain = finalChain(c);
        chains.set(c.name, chain);
        tableUnknowns.push(...unknownStatements(chain));
      }
    }
    const sets = new Map<string, NamedSet>();
    for (const [name, s] of t.sets) {
      const mine = owned.has(s);
      let set = mine ? undefined : finalSets.get(s);
      if (!set) {
        const was = old?.sets.get(name);
        set = was && sameSet(was, s) ? was : { ...s.set, elements: s.elements };
        if (!mine) finalSets.set(s, set);
      }
      sets.set(name, set);
    }
    // (`old` has the same key, so the same family, name and backend: its reference object is kept,
    // which a lowering makes anew each time, so that what is keyed by it survives an edit)
    // (the chains that differ from the previous table's, when it has the same names, sets, span and flags)
    const changes = old && old.span === t.span && sameFlags(old.flags, t.flags) && entryChanges(old.sets, sets)?.length === 0 ? entryChanges(old.chains, chains) : undefined;
    const same = changes?.length === 0;
    const final = same ? old! : { ref: old?.ref ?? t.ref, chains, sets, span: t.span, flags: t.flags };
    if (changes?.length) noteTableOrigin(final, old!, changes);
    out.push(final);
    unknowns.push(...tableUnknowns);
    if (shared) finalTables.set(t, { table: final, unknowns: tableUnknowns });
  }
  const value: Ruleset = { tables: out, unknowns };
  if (snapshot) snapshots.set(value, snapshot);
  return { value, diagnostics };
}

/** The unknown statements of a chain's rules (per chain object: a kept chain is not walked again). */
const unknownsOf = new WeakMap<Chain, readonly { span: Span; reason: string }[]>();
function unknownStatements(chain: Chain): readonly { span: Span; reason: string }[] {
  let u = unknownsOf.get(chain);
  if (!u) {
    const out: { span: Span; reason: string }[] = [];
    for (const s of scanChain(chain).unknowns) out.push({ span: s.span, reason: s.reason });
    unknownsOf.set(chain, (u = out));
  }
  return u;
}

function sameFlags(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (!!a && !!b && sameList(a, b));
}

function sameChain(was: Chain, c: MutChain): boolean {
  return sameBaseSpec(was.base, c.base) && samePlace(was.span, c.span) && was.comment === c.comment && sameList(was.rules, c.rules);
}

/**
 * The same span object, or one of the same file, offsets and positions: a text lowered again (the
 * container engine's rules rendered anew after a compose edit) declares its unchanged chains with
 * new span objects at the same places.
 */
function samePlace(a: Span | undefined, b: Span | undefined): boolean {
  if (a === b) return true;
  return !!a && !!b && a.file === b.file && a.start === b.start && a.end === b.end && sameRange(a.range, b.range);
}

function sameSet(was: NamedSet, s: MutSet): boolean {
  // A set is rebuilt as `{ ...s.set, elements }`: the same declaration and the same element objects.
  for (const k of Object.keys(s.set) as (keyof NamedSet)[]) if (k !== 'elements' && was[k] !== s.set[k]) return false;
  return Object.keys(was).length === Object.keys(s.set).length && sameList(was.elements, s.elements);
}

/** A copy of a map (by a callback: the Map constructor makes an entry pair per key of a table's thousands of chains). */
function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}

/** Compares iptables rule specifications loosely: whitespace and option order of `-A X` prefix ignored. */
function normaliseRuleText(text: string): string {
  return text
    .replace(/^\s*-[AID]\s+\S+\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
