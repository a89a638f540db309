import type { Tree } from 'web-tree-sitter';

/**
 * Every node of a tree in pre-order, named or not, as text: depth, field, type, MISSING,
 * offsets and points. Read with the cursor alone (no node objects), so large trees stay quick.
 */
export function treeNodes(tree: Tree): string[] {
  const out: string[] = [];
  const c = tree.walk();
  let depth = 0;
  for (;;) {
    const [from, to] = [c.startPosition, c.endPosition];
    out.push(`${depth} ${c.currentFieldName ?? ''}:${c.nodeType}${c.nodeIsMissing ? '!' : ''}@${c.startIndex}-${c.endIndex} ${from.row}:${from.column}-${to.row}:${to.column}`);
    if (c.gotoFirstChild()) {
      depth++;
      continue;
    }
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent()) {
        c.delete();
        return out;
      }
      depth--;
    }
  }
}
