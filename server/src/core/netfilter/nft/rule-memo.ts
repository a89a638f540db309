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
 * - otherwise copied with every span moved along (offsets by the change of the rule's start,
 *   lines by the change of its line, columns on its first line by the change of its column):
 *   the text between the rule's start and any span inside it is the same.
 *
 * What the rule's lowering recorded for the whole text (the sets it writes, the names it refers
 * to, the meters it declares) is kept with it and recorded again. `placelessTwin` tells the
 * analysis that two statement lists say the same (one was copied from the other, or both from a
 * third), so that it need not compare them member by member.
 *
 * The result equals a fresh lowering, spans included: test/unit/reparse.test.ts compares them
 * after every seeded edit of the nft corpus and the test files; test/unit/rule-memo.test.ts
 * checks the moves.
 */
import type { SyntaxNode } from '../../syntax/mirror';
import type { Span } from '../../text';
import type { ParserProblem } from './parser-checks';
import type { Rule, Statement } from '../model';
import type { VarScope } from './expr';

/** Where a kept rule started: its offset and position. */
export interface Anchor {
  readonly start: number;
  readonly line: number;
  readonly character: number;
}

/** A reference the rule makes (`@set`, a jump target), with its span. */
export interface KeptRef {
  readonly name: string;
  readonly span: Span;
}

/** Where a span starts: its offset and position. */
export function anchorOf(s: Span): Anchor {
  return { start: s.start, line: s.range.start.line, character: s.range.start.character };
}

export interface KeptRule {
  /**
   * The rule as the lowering last returned it (its statements, text, comment, handle, and where it
   * stood: `anchorOf(rule.span)`). A rule of the same key found at the same place with the same
   * handle is that object again, so that the analysis sees the same rule (the same span object,
   * nothing to move; see analysis/reuse.ts).
   */
  readonly rule: Rule;
  readonly refs: readonly KeptRef[];
  readonly jumps: readonly KeptRef[];
  /** Names added to the lowering's `declared` and `written` sets, as it keys them. */
  readonly declared: readonly string[];
  readonly written: readonly string[];
}

interface Entry {
  rule: KeptRule;
  generation: number;
}

/**
 * Statement lists by lineage: a kept rule's list gets a number, and every copy moved from it (or
 * from a copy of it) the same number. Lists of one lineage say the same wherever they are. (A
 * number, not a link to the list it was copied from: links would keep every earlier copy alive.)
 */
const lineage = new WeakMap<readonly Statement[], number>();
let lineages = 0;

function lineageOf(list: readonly Statement[]): number {
  let n = lineage.get(list);
  if (n === undefined) lineage.set(list, (n = ++lineages));
  return n;
}

/** Whether `a` and `b` are the same list, or one was copied (moved along) from the other by a memo. */
export function placelessTwin(a: readonly Statement[], b: readonly Statement[]): boolean {
  if (a === b) return true;
  const x = lineage.get(a);
  return x !== undefined && x === lineage.get(b);
}

/** Bounds the variable-scope table: past it, the table and the kept rules start again. */
const MAX_SCOPES = 50_000;

export class NftRuleMemo {
  private entries = new Map<string, Entry>();
  private generation = 0;
  /** Variable scopes by content: `prevId \0 name \0 value text` → id, the same across lowerings. */
  private scopeIds = new Map<string, number>();
  /** This lowering's scope objects' ids. */
  private scopeOf = new WeakMap<object, number>();
  /**
   * nft's parser checks of each rule, by its node in the tree's copy: the next text's copy adopts
   * an unchanged rule's node (see `nftParserChecks`).
   */
  readonly parserProblems = new WeakMap<SyntaxNode, readonly ParserProblem[]>();

  /** Called by the lowering before its first rule. */
  begin(): void {
    this.generation++;
    this.scopeOf = new WeakMap();
    if (this.scopeIds.size > MAX_SCOPES) {
      this.scopeIds = new Map();
      this.entries = new Map();
    }
  }

  /** Called by the lowering after its last rule: rules the text no longer holds are let go. */
  end(): void {
    for (const [k, e] of this.entries) if (e.generation !== this.generation) this.entries.delete(k);
  }

  /** The key of a rule: its file, table, whether references are checked, its variables (if it names one), its text. */
  key(file: string, table: string, checkReferences: boolean, vars: VarScope, text: string): string {
    const scope = text.includes('$') ? this.scopeId(vars) : 0;
    return `${file}\u0000${table}\u0000${checkReferences ? 1 : 0}\u0000${scope}\u0000${text}`;
  }

  /** Rules taken from the memo so far (for tests and measurements). */
  taken = 0;

  get(key: string): KeptRule | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    e.generation = this.generation;
    this.taken++;
    return e.rule;
  }

  set(key: string, rule: KeptRule): void {
    this.entries.set(key, { rule, generation: this.generation });
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
      if (next === undefined) this.scopeIds.set(k, (next = this.scopeIds.size + 1));
      id = next;
      this.scopeOf.set(chain[i], id);
    }
    return id;
  }
}

function isSpan(o: Record<string, unknown>): o is Span & Record<string, unknown> {
  return typeof o.file === 'string' && typeof o.start === 'number' && typeof o.end === 'number' && 'range' in o;
}

/**
 * Whether a rule's statements can be kept: plain objects and arrays only, every span in `file`
 * within [start, end]. (A value reached twice is checked twice; statements hold no cycles, and a
 * depth bound stops anything else.)
 */
export function keepable(statements: readonly Statement[], file: string, start: number, end: number): boolean {
  const ok = (v: unknown, depth: number): boolean => {
    if (typeof v !== 'object' || v === null) return true;
    if (depth > 64) return false;
    if (Array.isArray(v)) {
      for (const x of v) if (!ok(x, depth + 1)) return false;
      return true;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    const o = v as Record<string, unknown>;
    if (isSpan(o)) return o.file === file && o.start >= start && o.end <= end;
    for (const k in o) if (!ok(o[k], depth + 1)) return false;
    return true;
  };
  return ok(statements, 0);
}

/** Moves spans from one anchor to another (see the file's comment). */
export class Move {
  readonly delta: number;

  constructor(
    private readonly from: Anchor,
    private readonly to: Anchor,
  ) {
    this.delta = to.start - from.start;
  }

  /** No span changes. */
  get none(): boolean {
    return this.delta === 0 && this.from.line === this.to.line && this.from.character === this.to.character;
  }

  private position(p: { readonly line: number; readonly character: number }): { line: number; character: number } {
    return p.line === this.from.line ? { line: this.to.line, character: p.character - this.from.character + this.to.character } : { line: p.line - this.from.line + this.to.line, character: p.character };
  }

  span(s: Span): Span {
    return { file: s.file, start: s.start + this.delta, end: s.end + this.delta, range: { start: this.position(s.range.start), end: this.position(s.range.end) } };
  }

  /** The statements with every span moved; members without spans are shared. */
  statements(list: readonly Statement[]): readonly Statement[] {
    if (this.none) return list;
    const out = this.value(list) as readonly Statement[];
    lineage.set(out, lineageOf(list));
    return out;
  }

  private value(v: unknown): unknown {
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const x = this.value(v[i]);
        if (x !== v[i]) (out ??= v.slice())[i] = x;
      }
      return out ?? v;
    }
    const o = v as Record<string, unknown>;
    if (isSpan(o)) return this.span(o);
    let out: Record<string, unknown> | undefined;
    for (const k in o) {
      const x = this.value(o[k]);
      if (x !== o[k]) (out ??= { ...o })[k] = x;
    }
    return out ?? o;
  }
}
