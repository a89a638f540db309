/**
 * What a rebuilt table was made from. When `buildRuleset` makes a new table object for a key whose
 * previous table has the same chain names in the same order, the same sets, span and flags, and
 * differs only in the objects of some chains (a compose edit changes Docker's DOCKER chain in a
 * table that also holds the admin's thousands of chains), it notes the previous table and those
 * chains. Memos kept per table (its call graph, whether it calls chains through maps filled at run
 * time, DW005's clean tables) then start from the previous table's and look at those chains only.
 */
import type { Chain, Table } from './model';

export interface TableOrigin {
  /** The previous build's table of the same key. */
  readonly previous: Table;
  /** The chains whose objects differ, with their positions in table order. */
  readonly changed: readonly { readonly name: string; readonly at: number }[];
}

/**
 * The previous table is held weakly: each edit's table notes the one before, and a strong hold
 * would keep every earlier table alive through the newest. A previous table collected since is no
 * origin (its memos went with it).
 */
const origins = new WeakMap<Table, { readonly previous: WeakRef<Table>; readonly changed: TableOrigin['changed'] }>();

export function tableOrigin(table: Table): TableOrigin | undefined {
  const o = origins.get(table);
  const previous = o?.previous.deref();
  return previous && { previous, changed: o!.changed };
}

/**
 * The entries of `next` whose values differ from `previous`'s (a table's chains, its sets), with
 * their positions, when both hold the same names in the same order; undefined otherwise. (An
 * empty list: the same entries.)
 */
export function entryChanges<V>(previous: ReadonlyMap<string, V>, next: ReadonlyMap<string, V>): TableOrigin['changed'] | undefined {
  if (previous.size !== next.size) return undefined;
  // (two lists and a callback: no entry pair per chain of tables of thousands)
  const names = [...previous.keys()];
  const values = [...previous.values()];
  const changed: { name: string; at: number }[] = [];
  let at = 0;
  let same = true;
  next.forEach((value, name) => {
    if (names[at] !== name) same = false;
    else if (values[at] !== value) changed.push({ name, at });
    at++;
  });
  return same ? changed : undefined;
}

/** Notes that `table` was made from `previous` with these chains changed (see {@link entryChanges}). */
export function noteTableOrigin(table: Table, previous: Table, changed: TableOrigin['changed']): void {
  origins.set(table, { previous: new WeakRef(previous), changed });
}

/**
 * The chains to look at for a fact of a table that holds when it holds of each of its chains:
 * those that changed since the previous table when the fact held of that one (`held`), else all.
 */
export function chainsToCheck(table: Table, held: (previous: Table) => boolean): Iterable<Chain> {
  const origin = tableOrigin(table);
  return origin && held(origin.previous) ? origin.changed.map((c) => table.chains.get(c.name)!) : table.chains.values();
}
