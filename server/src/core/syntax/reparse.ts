/**
 * Re-parsing a text from the tree of an earlier version of it, for callers that keep trees between
 * lowerings (the language server's analysis worker). The edit between the two versions is computed
 * from the texts themselves (their common prefix and suffix), so the caller needs no change events.
 *
 * A tree parsed this way is the tree a fresh parse gives, or it is not used: tree-sitter may
 * recover from a syntax error differently when it reuses parts of the old tree, so a tree with an
 * error is parsed again from scratch (test/unit/reparse.test.ts compares both ways on edited texts).
 */
import { Edit, type Parser, type Tree } from 'web-tree-sitter';
import type { SyntaxNode } from './mirror';
import { changedRange } from '../text';

/** A point as tree-sitter counts it: rows end at `\n`, columns are UTF-16 code units. */
export interface TreePoint {
  readonly row: number;
  readonly column: number;
}

/** The fields of web-tree-sitter's `Edit`; offsets are UTF-16 code units. */
export interface TreeEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: TreePoint;
  readonly oldEndPosition: TreePoint;
  readonly newEndPosition: TreePoint;
}

/** The text a tree was parsed from, that tree, and the mirror kept of it (see mirror.ts, `MirrorOptions`). */
export interface ParsedText {
  readonly text: string;
  readonly tree: Tree;
  readonly mirror?: SyntaxNode;
}

/**
 * Lets a parse start from an earlier tree and hands its own tree on. `previous` stays the
 * caller's: its tree is neither edited nor deleted (its mirror is used up by the next mirror, which
 * takes its nodes). `keep` receives the tree of the new text, which the caller then owns (and
 * deletes when it is replaced or no longer wanted), and the mirror kept of it.
 */
export interface TreeReuse {
  readonly previous?: ParsedText;
  keep(tree: Tree, mirror?: SyntaxNode): void;
}

/** Rows (`\n`) in `text` from `from` up to `to`. */
function rowsBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The column of `index` in `text`: code units since the last `\n` before it. */
function columnOf(text: string, index: number): number {
  return index - (index > 0 ? text.lastIndexOf('\n', index - 1) + 1 : 0);
}

/** The one edit that turns `before` into `after` (`changedRange`), with tree-sitter's points. Undefined when the texts are equal. */
export function editBetween(before: string, after: string): TreeEdit | undefined {
  const change = changedRange(before, after);
  if (!change) return undefined;
  const { start, oldEnd, newEnd } = change;
  const row = rowsBetween(before, 0, start);
  const point = (text: string, end: number): TreePoint => ({ row: row + rowsBetween(text, start, end), column: columnOf(text, end) });
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: { row, column: columnOf(before, start) },
    oldEndPosition: point(before, oldEnd),
    newEndPosition: point(after, newEnd),
  };
}

/**
 * Parses `text`, from `previous`'s tree when there is one: a copy of it is edited to the new text
 * and handed to the parser as the old tree. A tree with a syntax error is parsed again without it,
 * so the result is always the tree `parser.parse(text)` gives.
 */
export function reparse(parser: Parser, text: string, previous: ParsedText | undefined): Tree | null {
  if (!previous) return parser.parse(text);
  const edit = editBetween(previous.text, text);
  const old = previous.tree.copy();
  let tree: Tree | null;
  try {
    if (edit) old.edit(new Edit(edit));
    tree = parser.parse(text, old);
  } finally {
    old.delete();
  }
  if (tree && !tree.rootNode.hasError) return tree;
  tree?.delete();
  return parser.parse(text);
}
