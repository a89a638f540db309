/**
 * A tree-sitter tree read once into plain JavaScript objects.
 *
 * Every question asked of a web-tree-sitter `Node` (its type, its text, a field, its children)
 * crosses into wasm and builds new objects; a lowering that asks the same nodes the same questions
 * many times spends most of its time there. `mirrorTree` walks the tree once with a cursor and
 * keeps, per node, its type, whether it is named or missing, whether it holds an error, its field
 * in its parent, its offsets and its children; text is sliced from the source and positions
 * computed when asked. The tree can be deleted as soon as the mirror is built.
 *
 * `SyntaxNode` is the part of web-tree-sitter's `Node` API the nft lowering, its checks and the
 * syntax diagnostics use; web-tree-sitter's own nodes satisfy it too. Both answer the same:
 * `test/unit/syntax-mirror.test.ts` compares them node by node on the corpus and the grammar's
 * tests.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { aside, walkCursor } from './direct-cursor';

export interface SyntaxPoint {
  readonly row: number;
  readonly column: number;
}

export interface SyntaxNode {
  readonly type: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  /** UTF-16 offsets into the parsed text. */
  readonly startIndex: number;
  readonly endIndex: number;
  /** Row and column as tree-sitter counts them (rows end at `\n` only; columns in UTF-16 units). */
  readonly startPosition: SyntaxPoint;
  readonly endPosition: SyntaxPoint;
  readonly text: string;
  readonly parent: SyntaxNode | null;
  readonly children: readonly SyntaxNode[];
  readonly namedChildren: readonly SyntaxNode[];
  readonly childCount: number;
  child(index: number): SyntaxNode | null;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): SyntaxNode[];
  /** Every node of the given types under this one, itself included, in document order. */
  descendantsOfType(types: string | string[]): SyntaxNode[];
}

/**
 * The parsed text, and where its rows start (computed when a position is first asked). A mirror
 * kept for the next text hands its source on: the next mirror, which takes its nodes, points it at
 * the new text (see `mirrorTree`).
 */
class Source {
  private rows: number[] | undefined;

  constructor(public text: string) {}

  /** Now the source of `text` (every node that holds it reads the new text). */
  reset(text: string): void {
    this.text = text;
    this.rows = undefined;
  }

  point(offset: number): SyntaxPoint {
    let rows = this.rows;
    if (!rows) {
      rows = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) rows.push(i + 1);
      this.rows = rows;
    }
    // rows[row] <= offset < rows[end]
    let row = 0;
    for (let end = rows.length; end - row > 1; ) {
      const mid = (row + end) >>> 1;
      if (offset < rows[mid]) end = mid;
      else row = mid;
    }
    return { row, column: offset - rows[row] };
  }
}

const NO_CHILDREN: readonly MirrorNode[] = Object.freeze([]);

const NAMED = 1;
const MISSING = 2;
const ERROR = 4;
/** An ERROR node whose fields the tree answered (in {@link errorFields}). */
const FIELDS = 8;

type FieldMap = Map<string, { readonly first: MirrorNode | null; readonly all: readonly MirrorNode[] }>;
/**
 * An ERROR node's fields as the tree answers them: the cursor's fields of its children are not
 * always those `childForFieldName` gives there. (Rare: kept here, not in a member of every node.)
 */
const errorFields = new WeakMap<MirrorNode, FieldMap>();
/** What a mirror's root holds for the whole tree (not a member of every node). */
interface RootInfo {
  /** Every node of the tree in pre-order (the root first), as the walk opened them. */
  readonly preorder: readonly MirrorNode[] | undefined;
  /** In a mirror kept for the next text: its nodes with children by their tree's id; undefined once a later mirror took them. */
  byId: Map<number, MirrorNode> | undefined;
}
const roots = new WeakMap<MirrorNode, RootInfo>();

/** A kept mirror's nodes with children by their tree's id (what the next mirror takes from); undefined once taken or when not kept. */
export function keptIds(root: SyntaxNode): ReadonlyMap<number, SyntaxNode> | undefined {
  return root instanceof MirrorNode ? roots.get(root)?.byId : undefined;
}

/** The type sets `descendantsOfType` was last asked for (callers pass the same constant arrays). */
const typeSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * A node with more children than this (a chain of a thousand rules) answers `childForFieldName`
 * from a map of its children's fields, made on the first question: a lowering asks a chain for
 * fields it does not have (`table`, `handle`), each a walk of all its rules otherwise.
 */
const MANY_CHILDREN = 16;
const byField = new WeakMap<MirrorNode, Map<string, MirrorNode>>();
function firstByField(node: MirrorNode): Map<string, MirrorNode> {
  let m = byField.get(node);
  if (!m) {
    m = new Map();
    for (const c of node.children) if (c.field !== null && !m.has(c.field)) m.set(c.field, c);
    byField.set(node, m);
  }
  return m;
}

// Kept small: a big file has hundreds of thousands of nodes, alive while it is lowered.
class MirrorNode implements SyntaxNode {
  parent: MirrorNode | null = null;
  /** The tree's id of this node (its subtree), for a node with children of a mirror kept for the next text (see {@link MirrorOptions}); else 0. */
  id = 0;
  /** The mirror (its serial number) that made or last took this node; 0 outside kept mirrors. */
  owner = 0;
  children: readonly MirrorNode[] = NO_CHILDREN;
  private named: readonly MirrorNode[] | undefined;

  constructor(
    // (the fields a later mirror changes when it takes this node: see `adopt`)
    public source: Source,
    readonly type: string,
    /** NAMED | MISSING | ERROR (holds an error) */
    public flags: number,
    /** This node's field in its parent, if any. */
    public field: string | null,
    public startIndex: number,
    public endIndex: number,
  ) {}

  get isNamed(): boolean {
    return (this.flags & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.flags & MISSING) !== 0;
  }

  get hasError(): boolean {
    return (this.flags & ERROR) !== 0;
  }

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): SyntaxPoint {
    return this.source.point(this.startIndex);
  }

  get endPosition(): SyntaxPoint {
    return this.source.point(this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildren(): readonly MirrorNode[] {
    if (this.named === undefined) {
      const all = this.children;
      let n = 0;
      for (const c of all) if (c.isNamed) n++;
      this.named = n === all.length ? all : all.filter((c) => c.isNamed);
    }
    return this.named;
  }

  child(index: number): MirrorNode | null {
    return this.children[index] ?? null;
  }

  childForFieldName(fieldName: string): MirrorNode | null {
    if (this.flags & FIELDS) return errorFields.get(this)?.get(fieldName)?.first ?? null;
    const all = this.children;
    if (all.length > MANY_CHILDREN) return firstByField(this).get(fieldName) ?? null;
    for (const c of all) if (c.field === fieldName) return c;
    return null;
  }

  childrenForFieldName(fieldName: string): MirrorNode[] {
    if (this.flags & FIELDS) return [...(errorFields.get(this)?.get(fieldName)?.all ?? [])];
    const out: MirrorNode[] = [];
    for (const c of this.children) if (c.field === fieldName) out.push(c);
    return out;
  }

  descendantsOfType(types: string | string[]): MirrorNode[] {
    let wanted = typeof types === 'string' ? undefined : typeSets.get(types);
    if (!wanted) {
      wanted = new Set(typeof types === 'string' ? [types] : types);
      if (typeof types !== 'string') typeSets.set(types, wanted);
    }
    const out: MirrorNode[] = [];
    // the whole tree: one pass over the nodes in the order the walk below gives
    // (indexed: a loop run once over every node of a big file runs before V8 optimizes it, and
    // there `for...of` makes an iterator result per node)
    const all = roots.get(this)?.preorder;
    if (all) {
      for (let i = 0; i < all.length; i++) if (wanted.has(all[i].type)) out.push(all[i]);
      return out;
    }
    // an explicit stack: broken texts can nest deeper than the call stack
    const stack: MirrorNode[] = [this];
    while (stack.length) {
      const n = stack.pop()!;
      if (wanted.has(n.type)) out.push(n);
      const cs = n.children;
      for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
    }
    return out;
  }
}

/**
 * For a caller that mirrors each new version of a text (the language server's worker):
 * - `keep`: the mirror records the tree's id of each node with children, so that the next mirror
 *   can take its nodes;
 * - `previous`: the kept mirror of the previous version, whose tree the new one was parsed from
 *   (and which is still alive, so an id names the same subtree in both trees). A node of the new
 *   tree with the id of one of its nodes is that subtree: the new mirror takes the old node and its
 *   descendants (moved to their new offsets) instead of walking them. The previous mirror is used
 *   up: its nodes now belong to the new one, and so do its map of ids (the nodes the new tree no
 *   longer holds are taken out of it, while the previous tree still lives) and its source (pointed
 *   at the new text; the nodes left behind get a source of their own with the old text). Nodes
 *   taken where they stood are not visited at all. Only a tree without errors is mirrored this way.
 */
export interface MirrorOptions {
  readonly keep?: boolean;
  readonly previous?: SyntaxNode;
}

/** Mirrors made so far (the `owner` of their nodes). */
let mirrors = 0;

/**
 * The nodes of the previous mirror that the new one (`serial`) did not take: out of the map of ids
 * (unless the id now names a node of the new mirror), and given a source of the old text.
 */
function leave(previous: MirrorNode, byId: Map<number, MirrorNode>, serial: number, oldSource: Source): void {
  const stack = [previous];
  while (stack.length) {
    const n = stack.pop()!;
    // taken whole: it and everything below it are the new mirror's
    if (n.owner === serial) continue;
    n.source = oldSource;
    if (n.id && byId.get(n.id) === n) byId.delete(n.id);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}

/**
 * The tree as plain objects (see the file's comment). `text` must be the text the tree was parsed
 * from. The tree is not changed and stays the caller's to delete.
 */
export function mirrorTree(tree: Tree, text: string, options: MirrorOptions = {}): SyntaxNode {
  const language = tree.language;
  const types = language.types;
  const fields = language.fields;
  // per type id: 0 not known yet, 1 anonymous, 2 named
  const namedById = new Uint8Array(0x10000);
  const isNamed = (typeId: number): boolean => {
    let v = namedById[typeId];
    if (v === 0) namedById[typeId] = v = typeId === 0xffff || language.nodeTypeIsNamed(typeId) ? 2 : 1;
    return v === 2;
  };
  // missing nodes exist only in trees with errors: a clean tree is not asked
  const errors = tree.rootNode.hasError;
  const keep = options.keep === true;
  const serial = ++mirrors;
  // the previous mirror's nodes by id (taken: no later mirror may take them again); this mirror's
  // map is the same one, its entries changed where the trees differ
  const previousRoot = keep && !errors && options.previous instanceof MirrorNode ? roots.get(options.previous) : undefined;
  const old = previousRoot?.byId;
  const previous = old ? (options.previous as MirrorNode) : undefined;
  if (previousRoot) previousRoot.byId = undefined;
  const byId = keep && !errors ? (old ?? new Map<number, MirrorNode>()) : undefined;
  const source = previous ? previous.source : new Source(text);
  // for the previous mirror's nodes this one does not take
  const leftBehind = previous ? new Source(source.text) : undefined;
  if (previous) source.reset(text);
  const cursor = walkCursor(tree);
  // ERROR nodes and the tree's own node for each: asked for their error and fields when complete
  const errorNodes = new Map<MirrorNode, Node>();
  const make = (typeId = cursor.nodeTypeId): MirrorNode => {
    const fieldId = cursor.currentFieldId;
    const missing = errors && cursor.nodeIsMissing;
    const flags = (isNamed(typeId) ? NAMED : 0) | (missing ? MISSING | ERROR : 0);
    const node = new MirrorNode(source, types[typeId] || 'ERROR', flags, fieldId ? (fields[fieldId] ?? null) : null, cursor.startIndex, cursor.endIndex);
    if (byId) node.owner = serial;
    if (typeId === 0xffff) errorNodes.set(node, cursor.currentNode);
    return node;
  };
  /**
   * A missing node is an error; an ERROR node usually, not always (tree-sitter counts its cost),
   * so it is asked, and its fields too; every other node holds an error when a child does.
   */
  const complete = (node: MirrorNode): void => {
    const real = errorNodes.get(node);
    if (!real) {
      if (errors && !node.hasError) for (const k of node.children) if (k.hasError) { node.flags |= ERROR; break; }
      return;
    }
    // the tree's node is asked through web-tree-sitter, which needs the cursor out of its way
    aside(cursor, () => completeError(node, real));
  };
  const completeError = (node: MirrorNode, real: Node): void => {
    if (real.hasError) node.flags |= ERROR;
    const find = (n: Node | null): MirrorNode | null => {
      if (!n) return null;
      const like = (m: MirrorNode): boolean => m.startIndex === n.startIndex && m.endIndex === n.endIndex && m.type === n.type;
      return node.children.find(like) ?? node.descendantsOfType(n.type).find(like) ?? null;
    };
    // the tree answers only fields the cursor gave one of the children (the mirror test checks
    // every field of the language): an ERROR node without them has none
    const map = new Map<string, { first: MirrorNode | null; all: MirrorNode[] }>();
    const candidates = new Set<string>();
    for (const c of node.children) if (c.field !== null) candidates.add(c.field);
    for (const f of candidates) {
      const first = find(real.childForFieldName(f));
      const all = real.childrenForFieldName(f).map(find).filter((m): m is MirrorNode => !!m);
      if (first || all.length) map.set(f, { first, all });
    }
    errorFields.set(node, map);
    node.flags |= FIELDS;
  };
  try {
    const root = make();
    // (a kept mirror is asked for descendants of its nodes, not of the whole tree: no list)
    const preorder: MirrorNode[] | undefined = keep ? undefined : [root];
    // the open nodes, innermost last; the children gathered so far for all of them in one list,
    // each open node's from its mark on (one list for the whole walk, not one per node)
    const path: MirrorNode[] = [root];
    const gathered: MirrorNode[] = [];
    const marks: number[] = [0];
    /**
     * A node of the previous mirror, and its descendants, moved into this one as the cursor's node:
     * they share the source and stay in the map of ids, so only offsets change, where they moved.
     */
    const adopt = (was: MirrorNode, parent: MirrorNode): void => {
      const delta = cursor.startIndex - was.startIndex;
      const fieldId = cursor.currentFieldId;
      was.field = fieldId ? (fields[fieldId] ?? null) : null;
      was.parent = parent;
      was.owner = serial;
      if (delta === 0) return;
      const stack = [was];
      while (stack.length) {
        const n = stack.pop()!;
        n.startIndex += delta;
        n.endIndex += delta;
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
      }
    };
    /**
     * The cursor's node as a child of the innermost open node: opened (false), or taken whole from
     * the previous mirror (true: it is complete).
     */
    const open = (): boolean => {
      const parent = path[path.length - 1];
      const typeId = cursor.nodeTypeId;
      let id = 0;
      if ((old || byId) && isNamed(typeId)) {
        id = cursor.nodeId;
        const was = old?.get(id);
        // (an entry this mirror made or took is not the previous tree's)
        if (was && was.owner !== serial && was.type === (types[typeId] || 'ERROR')) {
          adopt(was, parent);
          gathered.push(was);
          return true;
        }
      }
      const node = make(typeId);
      node.id = id;
      preorder?.push(node);
      node.parent = parent;
      gathered.push(node);
      path.push(node);
      marks.push(gathered.length);
      return false;
    };
    let descend = true;
    walk: for (;;) {
      // anonymous nodes are the grammar's literal tokens, leaves (it aliases no rule to an
      // anonymous name): not asked for children
      if (!(descend && (path[path.length - 1].flags & NAMED) !== 0 && cursor.gotoFirstChild())) {
        // the current node is complete: close it, then move to its next sibling or close its parent
        const done = path.pop()!;
        const mark = marks.pop()!;
        // (an array of the exact length: big files have many small ones)
        if (gathered.length > mark) {
          done.children = gathered.slice(mark);
          gathered.length = mark;
          if (byId && done.id) byId.set(done.id, done);
        }
        complete(done);
        if (path.length === 0) {
          roots.set(root, { preorder, byId });
          if (previous) leave(previous, byId!, serial, leftBehind!);
          break;
        }
        if (!cursor.gotoNextSibling()) {
          cursor.gotoParent();
          descend = false;
          continue;
        }
      }
      // the cursor is on a child of the innermost open node
      for (;;) {
        if (!open()) {
          descend = true;
          continue walk;
        }
        // taken whole from the previous mirror: on to its next sibling
        if (!cursor.gotoNextSibling()) {
          cursor.gotoParent();
          descend = false;
          continue walk;
        }
      }
    }
    return root;
  } finally {
    cursor.delete();
  }
}
