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
import { type Span, detached } from '../../text';
import type { ParserProblem } from './parser-checks';
import type { Family, Op, Rule, TableRef } from '../model';
import { type Anchor, type KeptKey, KeptRules, type KeptSlot, KeptSpans } from '../rule-move';
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

/**
 * The rules of one chain as a lowering took them from the memo (or kept them in it), for the next
 * lowering of the same chain node: the next text's tree copy adopts an unchanged chain's node
 * (`syntax/mirror.ts`), whose rules are then the same texts at the same distances from its start.
 * Kept only when every rule of the chain was kept, and the chain's rules reported nothing and
 * added no other operation (see `Lowerer.chainRules`).
 */
export interface KeptChain {
  /** Where the chain's node started when its rules were last lowered or taken. */
  anchor: Anchor;
  /** The rules' key contexts: of those whose text names no variable, and (if any) of those that do (it holds the variables' scope). */
  readonly plain: string;
  readonly scoped: string | undefined;
  readonly rules: readonly ChainRule[];
  /** What the last time the rules were taken whole added to the lowering (see `ChainReplay`). */
  replay?: ChainReplay;
}

/** A reference a lowering checks at its end (`Lowerer.unresolved`): a set or chain name in a table, where a rule names it. */
export interface RefEntry {
  readonly table: TableRef;
  readonly name: string;
  readonly span: Span;
  /** The span is the memo's, moved in place with its rule. */
  readonly kept: true;
}

/**
 * What a chain's rules taken whole add to a lowering: the same objects the next time, when the
 * chain is in the same table (the memo's reference object, see `NftRuleMemo.tableRef`) under the
 * same name. Their spans move in place with the rules' (an operation's span is a copy of its
 * rule's).
 */
export interface ChainReplay {
  readonly table: TableRef;
  readonly chain: string;
  /** The rules' `addRule` operations, in order. */
  readonly ops: readonly (Op & { op: 'addRule' })[];
  /** Every span to move when only offsets change: the rules' (`KeptRule.spans`) and the operations'. */
  readonly spans: readonly Span[];
  readonly refs: readonly RefEntry[];
  readonly jumps: readonly RefEntry[];
  readonly declared: readonly string[];
  readonly written: readonly string[];
}

export interface ChainRule {
  readonly slot: KeptSlot<KeptRule>;
  /** The value taken: the entry must give it again. */
  readonly value: KeptRule;
  /** Rules of the same entry before this one in the chain (the same text twice). */
  readonly ahead: number;
}

/** Bounds the variable-scope table: past it, the table and the kept rules start again. */
const MAX_SCOPES = 50_000;
/** Bounds the table references kept (a file declares a handful of tables; past it, they start again). */
const MAX_TABLE_REFS = 10_000;

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

  /** The rules of each chain node a lowering kept whole (see `KeptChain`). */
  readonly chains = new WeakMap<SyntaxNode, KeptChain>();
  /** Chains whose rules were taken whole so far (for tests and measurements). */
  chainsTaken = 0;

  /** The spans of table and chain declarations (see `KeptSpans`). */
  readonly declarations = new KeptSpans();

  /** Table reference objects by family and name, the same across lowerings (see `tableRef`). */
  private tableRefs = new Map<string, TableRef>();

  /**
   * The reference object of an nft table: the same one each lowering, so that what a chain's rules
   * taken whole added last time (`ChainReplay`) is added again as it is.
   */
  tableRef(family: Family, name: string): TableRef {
    const key = `${family} ${name}`;
    let ref = this.tableRefs.get(key);
    if (!ref) {
      if (this.tableRefs.size >= MAX_TABLE_REFS) this.tableRefs = new Map();
      this.tableRefs.set(detached(key), (ref = { family, name: detached(name), backend: 'nft' }));
    }
    return ref;
  }

  /** Called by the lowering before its first rule. */
  override begin(): void {
    super.begin();
    this.declarations.begin();
    this.scopeOf = new WeakMap();
    if (this.scopeIds.size > MAX_SCOPES) {
      this.scopeIds = new Map();
      this.forget();
    }
  }

  /** Called by the lowering after its last rule: declarations the text no longer holds are let go. */
  override end(): void {
    super.end();
    this.declarations.end();
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

