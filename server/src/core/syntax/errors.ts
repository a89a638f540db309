/**
 * Syntax diagnostics from a tree-sitter tree: one per ERROR node and per MISSING node, with the
 * exact range and a message a person can act on.
 */
import type { SyntaxNode as Node } from './mirror';
import type { CoreDiagnostic } from '../diagnostics';
import { LineIndex, shorten } from '../text';

const MAX_TOKEN = 40;

function preview(text: string): string {
  return shorten(text.replace(/\s+/g, ' ').trim(), MAX_TOKEN);
}

/** Where the error node sits, in the grammar's own words (`in chain`, `in rule`). */
function context(node: Node): string {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== 'ERROR' && p.isNamed && p.parent) return ` in ${p.type.replace(/_/g, ' ')}`;
  }
  return '';
}

/** `tree`: web-tree-sitter's tree, or a mirrored root (`syntax/mirror.ts`) as `{ rootNode }`. */
export function syntaxDiagnostics(tree: { readonly rootNode: Node }, file: string, text: string, lines = new LineIndex(text)): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  if (!tree.rootNode.hasError) return out;
  // An explicit stack, not recursion: a broken file can make a tree thousands of levels deep
  // (`a . a . a ...`), deeper than the JavaScript call stack.
  const visit = (node: Node, stack: Node[]): void => {
    if (node.isMissing) {
      const at = node.startIndex;
      out.push({
        span: lines.span(file, at, at),
        severity: 'error',
        code: 'syntax',
        message: `missing ${node.type.startsWith('_') || /^[a-z_]+$/.test(node.type) ? node.type.replace(/_/g, ' ') : `'${node.type}'`}${context(node)}`,
      });
      return;
    }
    if (node.type === 'ERROR') {
      // Skip leading whitespace so the squiggle starts on the offending token.
      let start = node.startIndex;
      while (start < node.endIndex && /\s/.test(text[start])) start++;
      const end = Math.max(start, node.endIndex);
      const bad = text.slice(start, end);
      out.push({
        span: lines.span(file, start, end),
        severity: 'error',
        code: 'syntax',
        message: bad.trim() ? `syntax error: unexpected '${preview(bad)}'${context(node)}` : `syntax error${context(node)}`,
      });
      return;
    }
    if (!node.hasError) return;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  };
  const stack: Node[] = [tree.rootNode];
  while (stack.length) visit(stack.pop()!, stack);
  return out;
}
