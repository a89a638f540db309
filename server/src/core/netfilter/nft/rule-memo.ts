/**
 * Rules lowered from one text, kept for the next version of that text (the language server lowers
 * an nftables file again after every edit; most of its rules are the same text at another place).
 *
 * A rule's statements depend on its text, its table, the variables in scope (when it names one) and
 * whether references are checked; nothing else reaches the rule's lowering (see `Lowerer.buildRule`).
 * A rule whose lowering reported a diagnostic, generated a chain (`jump { ... }`), or made a span
 * outside its own text is not kept: those depend on more than the rule. Anything else is kept with
 * where it stood; a rule of the same key in the next text takes the kept statements:
 * - as they are when the rule starts at the same offset, line and column (every span inside is
 *   then the same), and then the whole rule object lowered last time when its handle is the same
 *   too (the analysis then sees the same rule: nothing to move, see analysis/reuse.ts);
 * - otherwise copied with every span moved along (rule-move.ts).
 *
 * What the rule's lowering recorded for the whole text (the sets it writes, the names it refers
 * to, the meters it declares) is kept with it and recorded again.
 *
 * The result equals a fresh lowering, spans included: test/unit/reparse.test.ts compares them
 * after every seeded edit of the nft corpus and the test files; test/unit/rule-memo.test.ts
 * checks the moves.
 */
import type { SyntaxNode } from '../../syntax/mirror';
import { type LineIndex, type Span, detached } from '../../text';
import type { ParserProblem } from './parser-checks';
import type { Rule } from '../model';
import { type KeptKey, KeptRules } from '../rule-move';
import type { VarScope } from './expr';

/** A reference the rule makes (`@set`, a jump target), with its span. */
export interface KeptRef {
  readonly name: string;
  readonly span: Span;
}

export interface KeptRule {
  /**
   * The rule as the lowering last returned it (its statements, text, comment, handle, and where it
   * stood: `anchorOf(rule.span)`). A rule of the same key found at the same place with the same
   * handle is that object again, so that the analysis sees the same rule (the same span object,
   * nothing to move; see analysis/reuse.ts).
   */
  readonly rule: Rule;
  /**
   * Every span object of the rule, its statements, refs and jumps, each once (`spanObjects`): a
   * rule of the same key at another place is this rule again, moved in place (see `buildRule`).
   * Undefined when they cannot be moved in place: the rule is then copied with its spans moved.
   */
  readonly spans?: readonly Span[];
  readonly refs: readonly KeptRef[];
  readonly jumps: readonly KeptRef[];
  /** Names added to the lowering's `declared` and `written` sets, as it keys them. */
  readonly declared: readonly string[];
  readonly written: readonly string[];
}

/** Bounds the variable-scope table: past it, the table and the kept rules start again. */
const MAX_SCOPES = 50_000;

export class NftRuleMemo extends KeptRules<KeptRule> {
  /** Variable scopes by content: `prevId \0 name \0 value text` → id, the same across lowerings. */
  private scopeIds = new Map<string, number>();
  /** This lowering's scope objects' ids. */
  private scopeOf = new WeakMap<object, number>();
  /**
   * nft's parser checks of each rule, by its node in the tree's copy: the next text's copy adopts
   * an unchanged rule's node (see `nftParserChecks`).
   */
  readonly parserProblems = new WeakMap<SyntaxNode, readonly ParserProblem[]>();

  /**
   * The spans of table and chain declarations (`table inet f`, `chain input`), by file, kind and
   * table, then name, kept like the rules' spans: the same object, moved in place, while the
   * declaration keeps its length (see `declarationSpan`). The build then keeps a chain whose rules
   * are the same objects, and what is keyed by it. Their ranges are computed when read, from the
   * latest text of their file (one a later text no longer declares then reads that text).
   */
  private declarations = new Map<string, Map<string, Span>>();
  /** The spans `declarationSpan` handed out in this lowering (a second declaration of a name gets its own). */
  private declaredNow = new Set<Span>();
  private lastScope: { file: string; scope: string; names: Map<string, Span>; holder: { lines: LineIndex; range: PropertyDescriptor } } | undefined;
  /** Per file, the text its kept declaration spans compute their ranges from (the latest lowered), and their range property. */
  private lineHolders = new Map<string, { lines: LineIndex; range: PropertyDescriptor }>();

  /** Called by the lowering before its first rule. */
  override begin(): void {
    super.begin();
    this.declaredNow = new Set();
    this.lastScope = undefined;
    this.scopeOf = new WeakMap();
    if (this.scopeIds.size > MAX_SCOPES) {
      this.scopeIds = new Map();
      this.forget();
    }
  }

  /** Called by the lowering after its last rule: declarations the text no longer holds are let go. */
  override end(): void {
    super.end();
    for (const [scope, names] of this.declarations) {
      for (const [name, span] of names) if (!this.declaredNow.has(span)) names.delete(name);
      if (names.size === 0) this.declarations.delete(scope);
    }
    this.declaredNow = new Set();
    this.lastScope = undefined;
  }

  /**
   * The span from `start` to `end` of the declaration `name` in `scope` (its file, kind and
   * table): the object kept from the last lowering, moved in place, when it has the same length and
   * no other declaration of this lowering took it; else a new one, kept for the next.
   */
  declarationSpan(file: string, scope: string, name: string, start: number, end: number, lines: LineIndex): Span {
    let last = this.lastScope;
    if (!last || last.file !== file || last.scope !== scope) {
      const key = `${file}\u0000${scope}`;
      let names = this.declarations.get(key);
      if (!names) this.declarations.set(detached(key), (names = new Map()));
      // (the range of a kept declaration span is computed when read, from the file's latest text)
      let holder = this.lineHolders.get(file);
      if (!holder) {
        const h: { lines: LineIndex; range: PropertyDescriptor } = { lines, range: {} };
        h.range = {
          enumerable: true,
          get(this: Span): Span['range'] {
            return { start: h.lines.position(this.start), end: h.lines.position(this.end) };
          },
        };
        this.lineHolders.set(detached(file), (holder = h));
      }
      this.lastScope = last = { file, scope, names, holder };
    }
    const { names, holder } = last;
    holder.lines = lines;
    const kept = names.get(name);
    if (kept && !this.declaredNow.has(kept) && kept.file === file && kept.end - kept.start === end - start) {
      this.declaredNow.add(kept);
      const s = kept as { start: number; end: number };
      s.start = start;
      s.end = end;
      return kept;
    }
    const span = Object.defineProperty({ file, start, end }, 'range', holder.range) as Span;
    if (!kept || !this.declaredNow.has(kept)) {
      names.set(detached(name), span);
      this.declaredNow.add(span);
    }
    return span;
  }

  /** The key of a rule: its file, table, whether references are checked, its variables (if it names one), its text. */
  key(file: string, table: string, checkReferences: boolean, vars: VarScope, text: string): KeptKey {
    const scope = text.includes('$') ? this.scopeId(vars) : 0;
    return { context: `${file}\u0000${table}\u0000${checkReferences ? 1 : 0}\u0000${scope}`, text };
  }

  private scopeId(vars: VarScope): number {
    if (!vars) return 0;
    const known = this.scopeOf.get(vars);
    if (known !== undefined) return known;
    // (iteratively: a file may define thousands of variables)
    const chain: NonNullable<VarScope>[] = [];
    for (let s: VarScope = vars; s && this.scopeOf.get(s) === undefined; s = s.prev) chain.push(s);
    let id = chain.length && chain[chain.length - 1].prev ? this.scopeOf.get(chain[chain.length - 1].prev!)! : 0;
    for (let i = chain.length - 1; i >= 0; i--) {
      const d = chain[i].def;
      const k = `${id}\u0000${d.name}\u0000${d.node ? d.node.text : '\u0001'}`;
      let next = this.scopeIds.get(k);
      // (the key holds a definition's text: a copy of its own, not a slice of the file's)
      if (next === undefined) this.scopeIds.set(detached(k), (next = this.scopeIds.size + 1));
      id = next;
      this.scopeOf.set(chain[i], id);
    }
    return id;
  }
}

