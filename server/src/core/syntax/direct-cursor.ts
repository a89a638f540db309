/**
 * A tree cursor for a walk over a whole tree, calling web-tree-sitter's runtime directly.
 *
 * web-tree-sitter keeps a cursor's state (four integers) in its JavaScript object and, on every
 * call, writes it into the runtime's transfer buffer, calls the runtime, and reads it back: a walk
 * asking five questions per node spends more time in that copying than in the runtime. The runtime
 * itself reads the state from the transfer buffer and leaves a moved cursor's state there. A walk
 * that makes no other call into the runtime can therefore leave the state in the buffer and call the
 * runtime's cursor functions directly. `DirectCursor` does that; before it hands the walk over to
 * web-tree-sitter (`currentNode`, `delete`) it copies the state back into the cursor object, and
 * after it puts it into the buffer again.
 *
 * This relies on how web-tree-sitter's runtime is built (an Emscripten module that adds its exports
 * to the options object it was started with, and the transfer buffer `_ts_init` returns). When any
 * of that is not as expected — the runtime was started by someone else, a function is missing, the
 * buffer does not hold the new cursor's state, a big-endian host — `walkCursor` returns
 * web-tree-sitter's own cursor, which answers the same.
 */
import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { runtimeModuleObject } from './languages';

/** The part of web-tree-sitter's `TreeCursor` a walk over a whole tree uses. */
export interface WalkCursor {
  readonly nodeTypeId: number;
  readonly currentFieldId: number;
  readonly nodeIsMissing: boolean;
  readonly nodeId: number;
  /** UTF-16 offsets, as web-tree-sitter's cursor gives them. */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentNode: Node;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

/** The runtime's exports the walk calls (each takes the tree's address and reads the cursor from the transfer buffer). */
interface Runtime {
  readonly HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_current_node_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const FUNCTIONS = [
  '_ts_init',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_current_node_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
] as const;

/** The cursor state's size, in 32-bit words. */
const CURSOR_WORDS = 4;

type Handles = { [index: number]: number };

/** The runtime and its transfer buffer (index into HEAP32), or null when the direct calls cannot be used; found once. */
let found: { readonly rt: Runtime; readonly buffer: number } | null | undefined;

function runtime(): { readonly rt: Runtime; readonly buffer: number } | null {
  if (found !== undefined) return found;
  const m = runtimeModuleObject() as Partial<Record<string, unknown>> | undefined;
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  if (!m || !littleEndian || !(m.HEAP32 instanceof Int32Array) || FUNCTIONS.some((f) => typeof m[f] !== 'function')) return (found = null);
  const rt = m as unknown as Runtime;
  // `_ts_init` writes the language versions into the buffer and returns its address; the buffer is
  // scratch space between calls, so this disturbs no one
  const address = rt._ts_init();
  return (found = address > 0 && address % 4 === 0 ? { rt, buffer: address >> 2 } : null);
}

class DirectCursor implements WalkCursor {
  constructor(
    private readonly rt: Runtime,
    private readonly buffer: number,
    private readonly tree: number,
    private readonly cursor: TreeCursor,
  ) {}

  /** The cursor object's state into the transfer buffer. */
  load(): void {
    const heap = this.rt.HEAP32;
    const c = this.cursor as unknown as Handles;
    for (let i = 0; i < CURSOR_WORDS; i++) heap[this.buffer + i] = c[i];
  }

  /** The transfer buffer's state into the cursor object. */
  store(): void {
    const heap = this.rt.HEAP32;
    const c = this.cursor as unknown as Handles;
    for (let i = 0; i < CURSOR_WORDS; i++) c[i] = heap[this.buffer + i];
  }

  get nodeTypeId(): number {
    return this.rt._ts_tree_cursor_current_node_type_id_wasm(this.tree);
  }

  get currentFieldId(): number {
    return this.rt._ts_tree_cursor_current_field_id_wasm(this.tree);
  }

  get nodeIsMissing(): boolean {
    return this.rt._ts_tree_cursor_current_node_is_missing_wasm(this.tree) === 1;
  }

  get nodeId(): number {
    return this.rt._ts_tree_cursor_current_node_id_wasm(this.tree);
  }

  get startIndex(): number {
    return this.rt._ts_tree_cursor_start_index_wasm(this.tree);
  }

  get endIndex(): number {
    return this.rt._ts_tree_cursor_end_index_wasm(this.tree);
  }

  get currentNode(): Node {
    // web-tree-sitter answers through the transfer buffer too
    return aside(this, () => this.cursor.currentNode);
  }

  gotoFirstChild(): boolean {
    return this.rt._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1;
  }

  gotoNextSibling(): boolean {
    return this.rt._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1;
  }

  gotoParent(): boolean {
    return this.rt._ts_tree_cursor_goto_parent_wasm(this.tree) === 1;
  }

  delete(): void {
    this.store();
    this.cursor.delete();
  }
}

/**
 * A cursor on the tree's root. Until the walk calls `delete`, every other call into web-tree-sitter
 * that goes through the transfer buffer (another cursor, a node's questions, a parse, a query) must
 * run inside `aside`. (A language's questions, such as `nodeTypeIsNamed`, do not use the buffer.)
 */
export function walkCursor(tree: Tree): WalkCursor {
  // (found before the walk starts: the first time, `_ts_init` writes into the buffer)
  const r = runtime();
  const cursor = tree.walk();
  if (!r) return cursor;
  // web-tree-sitter has just read the new cursor's state from the buffer: the same four words
  // there prove the module and the buffer are the ones it uses
  const heap = r.rt.HEAP32;
  const c = cursor as unknown as Handles;
  for (let i = 0; i < CURSOR_WORDS; i++) if (heap[r.buffer + i] !== c[i]) return cursor;
  const t = (tree as unknown as Handles)[0];
  if (typeof t !== 'number' || t === 0) return cursor;
  return new DirectCursor(r.rt, r.buffer, t, cursor);
}

/** Runs `f`, which may call web-tree-sitter otherwise, with the cursor's state kept out of its way. */
export function aside<T>(cursor: WalkCursor, f: () => T): T {
  if (!(cursor instanceof DirectCursor)) return f();
  cursor.store();
  try {
    return f();
  } finally {
    cursor.load();
  }
}

/** Whether `walkCursor` calls the runtime directly in this process (for tests). */
export function directCursorInUse(tree: Tree): boolean {
  const c = walkCursor(tree);
  c.delete();
  return c instanceof DirectCursor;
}
