/**
 * What `nft -c` refuses beyond the grammar, found by evaluating the nft model: the lowering's errors
 * (symbols that are not of the field's type, such as ICMP / ICMPv6 types, conntrack states and
 * statuses, packet types, protocol names, TCP flags, verdicts in maps; ports over 65535 and empty
 * ranges; addresses and prefixes that are not valid; chain types, hooks and policies; variables that
 * are not defined; selector keys, set flags, set types, rate units, fib flags and numgen modes nft
 * does not know, see `nft/keys.ts`; `@name` of a set or map and `jump` / `goto` to a chain that a
 * table declared in the file does not hold; element statements a set does not declare; what nft
 * 1.0.6's own parser refuses where the grammar still reads a statement, see `nft/parser-checks.ts`),
 * with the lowering's spans. The syntax check (`dockwall parse`, the language
 * server's syntax diagnostics) adds them to the grammar's errors.
 *
 * The file is evaluated alone: includes are not followed, so a file that includes others is not
 * judged for variables it does not define itself, nor for the sets and chains it names.
 */
import type { Tree } from 'web-tree-sitter';
import type { CoreDiagnostic } from '../diagnostics';
import { lowerNft } from './lower-nft';

/** Lowering errors that are not about the text of this file. */
const NOT_TEXT = /^(include |cannot read include|internal error while lowering)/;
const NEEDS_INCLUDES = /^(undefined variable \$|undefine of \$)/;

export function validateNftTree(tree: Tree, file: string, text: string): CoreDiagnostic[] {
  const r = lowerNft(file, text, tree);
  const includes = r.value.ops.some((op) => op.op === 'unknown' && /^include /.test(op.reason));
  return r.diagnostics.filter((d) => d.severity === 'error' && d.span.file === file && !NOT_TEXT.test(d.message) && !(includes && NEEDS_INCLUDES.test(d.message)));
}
