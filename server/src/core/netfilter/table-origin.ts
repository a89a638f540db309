/**
 * What a rebuilt table was made from. When `buildRuleset` makes a new table object for a key whose
 * previous table has the same chain names in the same order, the same sets, span and flags, and
 * differs only in the objects of some chains (a compose edit changes Docker's DOCKER chain in a
 * table that also holds the admin's thousands of chains), it notes the previous table and those
 * chains. Memos kept per table (its call graph, whether it calls chains through maps filled at run
 * time, DW005's clean tables) then start from the previous table's and look at those chains only.
 */
import type { Table } from './model';

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

/** Notes `table`'s origin when its chains are `previous`'s names in the same order (else nothing). */
export function noteTableOrigin(table: Table, previous: Table): void {
  if (previous.chains.size !== table.chains.size) return;
  // (two lists and a callback: no entry pair per chain of tables of thousands)
  const names = [...previous.chains.keys()];
  const chains = [...previous.chains.values()];
  const changed: { name: string; at: number }[] = [];
  let at = 0;
  let same = true;
  table.chains.forEach((chain, name) => {
    if (names[at] !== name) same = false;
    else if (chains[at] !== chain) changed.push({ name, at });
    at++;
  });
  if (same) origins.set(table, { previous: new WeakRef(previous), changed });
}
