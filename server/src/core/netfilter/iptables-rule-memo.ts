/**
 * Rule lines lowered from one iptables-save text, kept for the next version of that text: the
 * language server lowers a rules file again after every edit (and Docker's rendered rules after
 * every compose edit), and most lines are the same text, often at another place.
 *
 * A rule line's statements depend on its text, its table, the file's family and, for each name it
 * jumps to (`-j`/`-g`), whether the table declares a chain of that name (`lowerTarget` tells a
 * chain from a target so); nothing else reaches `lowerRuleItems`. A line is not kept when its
 * lowering reported a diagnostic, named an ipset (the sets given beside the rules may change),
 * moved itself to another table (`-t`), belongs to the other family, or made a span outside its
 * own text. A line of the same key in the next text takes the kept rule when the chains it names
 * are still chains (or still not): the same rule object when it starts at the same offset, line
 * and column (the analysis then sees the same rule, nothing to move: analysis/reuse.ts), else a
 * copy with every span moved along (rule-move.ts).
 *
 * A line outside what changed since the last text (before the texts' first difference, or after
 * their last) is found by its place instead of its text (`LinePlaces`): the rule the last lowering
 * placed there, when the memo would give it for the key too (no line before took it, the context
 * and the targets' chains are the same). A keystroke in a dump of 20 000 rules then makes no key of
 * the other lines' texts.
 *
 * The validation's own memo (what iptables-restore refuses, per rule and context) is kept here
 * too, so that the lowering of an edited file checks only the lines the edit touched (those
 * outside the change found by their place as well).
 *
 * The lowering with a memo makes its spans with their ranges (`LineIndex.span`): a kept rule then
 * holds no reference to the text it was first lowered from. Those take about four times the
 * memory of spans that compute their range when read, so texts longer than {@link MEMO_MAX_TEXT}
 * are lowered without the memo. The result equals a fresh lowering, spans included
 * (test/unit/iptables-rule-memo.test.ts, over seeded edits).
 */
import { RuleMemo } from './iptables-validate';
import type { Rule } from './model';
import { type KeptKey, KeptRules, type KeptSlot, KeptSpans, LinePlaces } from './rule-move';
import type { Span } from '../text';

/** Longer texts (about 60 000 rules) are lowered without the memo (see above). */
export const MEMO_MAX_TEXT = 8 * 1024 * 1024;

export interface KeptIptRule {
  /** The rule as the lowering last returned it (where it stood: `anchorOf(rule.span)`). */
  readonly rule: Rule;
  /** Each name the line jumps to, and whether its table declared a chain of that name then. */
  readonly targets: readonly (readonly [name: string, chain: boolean])[];
  /** Every span object of the rule and its statements, each once: a line of the same text at another place is this rule again, moved in place (`Move.inPlace`). */
  readonly spans?: readonly Span[];
}

/** A rule line of the last lowering: where it started, the key context and entry it took, and the value. */
export interface PlacedLine {
  /** (moved to the line's place in the next text when that lowering takes it by its place) */
  start: number;
  end: number;
  readonly context: string;
  readonly slot: KeptSlot<KeptIptRule>;
  readonly value: KeptIptRule;
}

export class IptRuleMemo extends KeptRules<KeptIptRule> {
  /** The validation's memo (iptables-validate.ts). */
  readonly validation = new RuleMemo();
  /** The spans of table headers and chain lines (see `KeptSpans`). */
  readonly declarations = new KeptSpans();

  /** The rule lines of the last lowering, found by their place in the next text (see `LinePlaces`). */
  private readonly places = new LinePlaces<PlacedLine>();

  /**
   * Called by the lowering before its first rule, with its text: a line outside what changed since
   * the last text is found by its place (`placedAt`), without its text as a key.
   */
  override begin(text?: string): void {
    super.begin();
    this.declarations.begin();
    if (text === undefined) this.places.forget();
    else this.places.begin(text);
  }

  override end(): void {
    super.end();
    this.declarations.end();
    this.places.end();
  }

  override forget(): void {
    super.forget();
    this.places.forget();
  }

  /**
   * The rule line that stood where the line [start, end) of this text stood in the last one, with
   * the same text (both outside what changed), if the last lowering placed one there.
   */
  placedAt(start: number, end: number): PlacedLine | undefined {
    return this.places.placedAt(start, end);
  }

  /** Whether this text up to `end` is the last text's (a line ending there stands where it stood, at the same line and column). */
  unchangedBefore(end: number): boolean {
    return this.places.unchangedBefore(end);
  }

  /** Rule lines taken by their place so far (for tests and measurements). */
  placedTaken = 0;

  /** Records where a rule line of this lowering stands, and what it took (for the next lowering's `placedAt`). */
  place(line: PlacedLine): void {
    this.places.place(line);
  }

  /** The key of a rule line: its file, family, table and text. */
  key(file: string, family: string, table: string, text: string): KeptKey {
    return { context: `${file}\u0000${family}\u0000${table}`, text };
  }
}
