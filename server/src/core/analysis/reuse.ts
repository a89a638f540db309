/**
 * Keeping the reachability of bindings an edit does not touch.
 *
 * Editing one port of a 200-service project changes a handful of Docker's rules (the DNAT rule of
 * that binding, its filter rule); editing the admin's ruleset usually changes one rule and moves the
 * others. Re-running `reach` for every binding would cost seconds. Between the previous analysis and
 * the new one we compute the {@link RulesetDelta} of the merged rulesets (and of the admin-only
 * baselines): when they have the same tables, chains and sets and the host is the same, and they
 * differ only in rules that carry a dispatch guard (an equality on a destination port, address,
 * interface or protocol, see sim/dispatch.ts), a binding whose simulations never showed the rules
 * values that all the guards of any one changed rule accept (its {@link Footprint}) takes the same
 * paths in the new rulesets: its previous classes are reused, with every reference to a rule moved
 * to its counterpart (same statements, possibly a new position, provenance or object).
 *
 * Rules are matched by identity, or — for a re-rendered Docker rule — by text, or — for a
 * re-lowered admin file — by text and statements. Anything else (a changed set, chain, table, host,
 * a changed rule without a guard, a reference to a rule that is gone) means recomputing. `analyse`
 * recomputes every binding it cannot prove unchanged; the result is the same as a fresh analysis
 * (tested over seeded edits of both sides).
 */
import type { Host } from '../netfilter/host';
import { type Chain, type Rule, type Ruleset, type Table, jsonKey, sameBaseSpec, tableKey } from '../netfilter/model';
import type { ReachClass } from '../netfilter/reach';
import { placelessTwin } from '../netfilter/rule-move';
import { ruleGuards } from '../netfilter/sim/dispatch';
import type { Footprint } from '../netfilter/sim/footprint';
import { ruleRef, ruleStep } from '../netfilter/simulate';
import type { RuleRef, TraceStep } from '../netfilter/trace';
import type { Span } from '../text';

/** Why nothing can be reused, or the guards of the rules that differ and how to move references. */
export type RulesetDelta =
  | { readonly kind: 'structural'; readonly why: string }
  | {
      readonly kind: 'rules';
      /** Per changed rule, its guards: a result whose footprint each of them may touch is recomputed. */
      readonly guards: readonly (readonly { readonly field: string; readonly keys: readonly string[] }[])[];
      /** Old span → the rule (or statement span) that replaces it in the new ruleset. */
      readonly moved: SpanTable<Moved>;
      /** Spans of the generated rules (and their statements) that are gone. */
      readonly gone: SpanTable<true>;
    };

interface Moved {
  readonly rule?: Rule;
  readonly span: Span;
}

/** Offsets below this pair into one exact number key: start · 2²⁶ + end < 2⁵². */
const NARROW = 2 ** 26;

/**
 * Values by span. A span of a generated file (Docker's rules, rendered again for every analysis) is
 * found by its file and offsets: a rule rendered again at the same place is the same rule, and
 * kept results go on referring to the span objects of an earlier rendering. A span of the admin's
 * file is found as the object it is: its rules are the objects the lowering returned last time
 * (moved in place when their text moved, see nft/rule-memo.ts) or new objects, so offsets would
 * confuse a moved rule with another that stood there before. A 20k-rule file gives about a
 * hundred thousand entries per edit: the generated files' key is a number, not a string per span.
 */
export class SpanTable<V> {
  private readonly byFile = new Map<string, Map<number, V>>();
  /** Spans past NARROW, keyed by their offsets' text. */
  private readonly wide = new Map<string, V>();
  private readonly objects = new Map<Span, V>();
  /** The real files of {@link objects}. */
  private readonly objectFiles = new Set<string>();
  private lastFile: string | undefined;
  private lastMap: Map<number, V> | undefined;
  /** Per generated file, the lowest start and the highest end of its spans (a span outside is not held). */
  private readonly bounds = new Map<string, { lo: number; hi: number }>();

  private fileMap(file: string, create: boolean): Map<number, V> | undefined {
    if (file === this.lastFile) return this.lastMap;
    let m = this.byFile.get(file);
    if (!m) {
      if (!create) return undefined;
      this.byFile.set(file, (m = new Map()));
    }
    this.lastFile = file;
    this.lastMap = m;
    return m;
  }

  get(s: Span): V | undefined {
    if (!isGenerated(s)) return this.objects.get(s);
    if (s.start >= NARROW || s.end >= NARROW) return this.wide.get(`${s.file}\u0000${s.start}\u0000${s.end}`);
    return this.fileMap(s.file, false)?.get(s.start * NARROW + s.end);
  }

  has(s: Span): boolean {
    return this.get(s) !== undefined;
  }

  /**
   * False when the table holds no span of this file between `start` and `end` (a quick test before
   * asking for many spans of one file); true when it may. (A real file's spans are objects that may
   * have moved since the caller noted their offsets: any span of the file counts.)
   */
  mayHold(file: string, start: number, end: number): boolean {
    if (!file.startsWith('<')) return this.objectFiles.has(file);
    const b = this.bounds.get(file);
    return b !== undefined && start <= b.hi && end >= b.lo;
  }

  private widen(file: string, start: number, end: number): void {
    const b = this.bounds.get(file);
    if (!b) this.bounds.set(file, { lo: start, hi: end });
    else {
      if (start < b.lo) b.lo = start;
      if (end > b.hi) b.hi = end;
    }
  }

  set(s: Span, v: V): void {
    if (!isGenerated(s)) {
      this.objects.set(s, v);
      this.objectFiles.add(s.file);
      return;
    }
    this.widen(s.file, s.start, s.end);
    if (s.start >= NARROW || s.end >= NARROW) this.wide.set(`${s.file}\u0000${s.start}\u0000${s.end}`, v);
    else this.fileMap(s.file, true)!.set(s.start * NARROW + s.end, v);
  }

  /** Adds the entries of `other` whose spans this table does not hold. */
  addMissing(other: SpanTable<V>): void {
    for (const [file, m] of other.byFile) {
      const mine = this.fileMap(file, true)!;
      for (const [k, v] of m) if (!mine.has(k)) mine.set(k, v);
    }
    for (const [k, v] of other.wide) if (!this.wide.has(k)) this.wide.set(k, v);
    for (const [file, b] of other.bounds) this.widen(file, b.lo, b.hi);
    for (const [k, v] of other.objects) if (!this.objects.has(k)) this.objects.set(k, v);
    for (const f of other.objectFiles) this.objectFiles.add(f);
  }
}

/** Generated files (Docker's rules) are named `<...>`; the admin's files are real paths. */
const isGenerated = (s: Span): boolean => s.file.startsWith('<');

function sameRule(a: Rule, b: Rule): boolean {
  if (a === b) return true;
  if (a.span.file !== b.span.file || a.text !== b.text || a.statements.length !== b.statements.length) return false;
  // Generated rules are re-rendered each time, and the same text lowers to the same statements. An
  // admin's file that changed is lowered again: the same text may mean something else there (an
  // nft `define` changed), so its rules are compared by what they say.
  // (a rule the lowering moved along from the previous text says the same: see nft/rule-memo.ts)
  return isGenerated(a.span) || (a.comment === b.comment && a.origin === b.origin && (placelessTwin(a.statements, b.statements) || samePlaceless(a.statements, b.statements)));
}

/**
 * Whether two model values say the same wherever they are: plain objects and arrays compared member
 * by member, `span` members (at any depth) and members that are undefined left out. Anything else
 * that is an object (a Map, a class instance) is the same only as itself.
 */
function samePlaceless(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlaceless(a[i], b[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(a);
  if ((proto !== Object.prototype && proto !== null) || Object.getPrototypeOf(b) !== proto) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) if (k !== 'span' && x[k] !== undefined && !samePlaceless(x[k], y[k])) return false;
  for (const k in y) if (k !== 'span' && y[k] !== undefined && x[k] === undefined) return false;
  return true;
}

/** Same sets (names, flags, elements) in two versions of a table. */
function sameSets(a: Table, b: Table): boolean {
  if (a.sets === b.sets) return true;
  if (a.sets.size !== b.sets.size) return false;
  for (const [name, s] of a.sets) {
    const t = b.sets.get(name);
    if (!t) return false;
    if (s !== t && !samePlaceless(s, t)) return false;
  }
  return true;
}

function sameChainShape(a: Chain, b: Chain): boolean {
  return a.name === b.name && sameBaseSpec(a.base, b.base);
}

function rulesetDelta(old: Ruleset, neu: Ruleset): RulesetDelta {
  const structural = (why: string): RulesetDelta => ({ kind: 'structural', why });
  if (old.tables.length !== neu.tables.length) return structural('tables differ');
  if (old.unknowns.length !== neu.unknowns.length || old.unknowns.some((u, i) => u.reason !== neu.unknowns[i].reason || u.affectsVerdicts !== neu.unknowns[i].affectsVerdicts)) {
    return structural('unapplied operations differ');
  }
  const guards: (readonly { readonly field: string; readonly keys: readonly string[] }[])[] = [];
  const moved = new SpanTable<Moved>();
  const gone = new SpanTable<true>();
  // A generated rule at the same place with the same provenance stays as it is; any other rule that
  // is a new object is recorded, so that kept results refer to the rules of the new ruleset (the
  // findings look the admin's rules up by their span objects).
  const move = (a: Rule, b: Rule): void => {
    if (a === b) return;
    const same = (x: Span, y: Span): boolean => x.file === y.file && x.start === y.start && x.end === y.end;
    if (isGenerated(a.span) && same(a.span, b.span) && a.origin === b.origin && a.comment === b.comment && a.handle === b.handle) return;
    // Statements first: a one-statement rule's statement may have the rule's own span, and the rule's entry must win.
    for (let i = 0; i < a.statements.length; i++) moved.set(a.statements[i].span, { span: b.statements[i].span });
    moved.set(a.span, { rule: b, span: b.span });
  };
  const drop = (r: Rule): void => {
    gone.set(r.span, true);
    for (const s of r.statements) gone.set(s.span, true);
  };
  for (let t = 0; t < old.tables.length; t++) {
    const ta = old.tables[t];
    const tb = neu.tables[t];
    if (ta === tb) continue;
    if (tableKey(ta.ref) !== tableKey(tb.ref) || jsonKey(ta.flags) !== jsonKey(tb.flags)) return structural('tables differ');
    if (!sameSets(ta, tb)) return structural(`the sets of ${ta.ref.family} ${ta.ref.name} differ`);
    if (ta.chains.size !== tb.chains.size) return structural(`the chains of ${ta.ref.family} ${ta.ref.name} differ`);
    const cb = [...tb.chains.values()];
    let i = 0;
    for (const a of ta.chains.values()) {
      const b = cb[i++];
      if (a === b) continue;
      if (!sameChainShape(a, b)) return structural(`the chains of ${ta.ref.family} ${ta.ref.name} differ`);
      if (a.rules === b.rules) continue;
      // Common prefix and suffix; what lies between was removed (old) and added (new).
      let p = 0;
      while (p < a.rules.length && p < b.rules.length && sameRule(a.rules[p], b.rules[p])) move(a.rules[p], b.rules[p++]);
      let s = 0;
      while (s < a.rules.length - p && s < b.rules.length - p && sameRule(a.rules[a.rules.length - 1 - s], b.rules[b.rules.length - 1 - s])) {
        move(a.rules[a.rules.length - 1 - s], b.rules[b.rules.length - 1 - s]);
        s++;
      }
      const changed: [Rule, Table][] = [...a.rules.slice(p, a.rules.length - s).map((r): [Rule, Table] => [r, ta]), ...b.rules.slice(p, b.rules.length - s).map((r): [Rule, Table] => [r, tb])];
      a.rules.slice(p, a.rules.length - s).forEach(drop);
      for (const [r, table] of changed) {
        const g = ruleGuards(r, table);
        if (!g.length) return structural(`a changed rule without a guard: ${r.text}`);
        guards.push(g);
      }
    }
  }
  return { kind: 'rules', guards, moved, gone };
}

/**
 * The delta of the merged rulesets, with the guards of the admin-only baseline's delta added (the
 * classes carry baseline simulations too). Structural when either is.
 */
export function combinedDelta(prev: { readonly adminRuleset: Ruleset; readonly ruleset: Ruleset }, admin: Ruleset, merged: Ruleset): RulesetDelta {
  const m = rulesetDelta(prev.ruleset, merged);
  if (prev.adminRuleset === admin || m.kind === 'structural') return m;
  const a = rulesetDelta(prev.adminRuleset, admin);
  if (a.kind === 'structural') return { kind: 'structural', why: `baseline: ${a.why}` };
  // The merged ruleset's entries win.
  m.moved.addMissing(a.moved);
  m.gone.addMissing(a.gone);
  return { kind: 'rules', guards: [...m.guards, ...a.guards], moved: m.moved, gone: m.gone };
}

/** Same interfaces, addresses, routes and forwarding. */
export function sameHost(a: Host, b: Host): boolean {
  return a === b || jsonKey(a) === jsonKey(b);
}

/** Whether `fp` shows that no changed rule of `delta` could have met these simulations. */
export function untouched(delta: Extract<RulesetDelta, { kind: 'rules' }>, fp: Footprint): boolean {
  // (a rule matches a packet only where every guard does: one whose keys no simulated packet showed rules it out)
  return !fp.exhausted && delta.guards.every((rule) => !rule.every((g) => fp.touches(g.field, g.keys)));
}

/**
 * The spans a kept result refers to, by file, with the range they cover there: a file the delta
 * does not touch in that range is passed over whole (after a compose edit, the delta holds a few
 * of Docker's rules, and most references are to the admin's rules).
 */
interface Refs {
  readonly file: string;
  readonly lo: number;
  readonly hi: number;
  readonly spans: readonly Span[];
}

function groupRefs(spans: readonly Span[]): readonly Refs[] {
  const byFile = new Map<string, { file: string; lo: number; hi: number; spans: Span[] }>();
  for (const s of spans) {
    const g = byFile.get(s.file);
    if (!g) byFile.set(s.file, { file: s.file, lo: s.start, hi: s.end, spans: [s] });
    else {
      g.spans.push(s);
      if (s.start < g.lo) g.lo = s.start;
      if (s.end > g.hi) g.hi = s.end;
    }
  }
  return [...byFile.values()];
}

/** The spans each kept result refers to (so that most kept results need no walk), by result. */
const refsByClasses = new WeakMap<readonly ReachClass[], readonly Refs[]>();
function refsOf(classes: readonly ReachClass[]): readonly Refs[] {
  let out = refsByClasses.get(classes);
  if (!out) {
    const spans: Span[] = [];
    mapRefs(
      classes,
      (s) => (spans.push(s), s),
      (r) => (spans.push(r.span), r),
    );
    refsByClasses.set(classes, (out = groupRefs(spans)));
  }
  return out;
}

/**
 * Gathers what `moveClasses` reads of each result of an analysis (the spans it refers to), so that
 * the next edit need not: the language server's worker calls it once the analysis is answered.
 * (Done when first asked otherwise; it walks every trace of every result.)
 */
export function prepareMoves(reaches: Iterable<{ readonly classes: readonly ReachClass[] }>): void {
  for (const k of reaches) refsOf(k.classes);
}

/**
 * The classes with every reference to a rule moved to its counterpart in the new ruleset;
 * undefined when a reference points at a rule that is gone (then recompute). Objects without a
 * moved reference are kept as they are.
 */
export function moveClasses(classes: readonly ReachClass[], delta: Extract<RulesetDelta, { kind: 'rules' }>): readonly ReachClass[] | undefined {
  const { moved, gone } = delta;
  let touched = false;
  look: for (const g of refsOf(classes)) {
    if (!moved.mayHold(g.file, g.lo, g.hi) && !gone.mayHold(g.file, g.lo, g.hi)) continue;
    for (const s of g.spans)
      if (moved.has(s) || gone.has(s)) {
        touched = true;
        break look;
      }
  }
  if (!touched) return classes;
  let lost = false;
  const spans: Span[] = [];
  const out = mapRefs(
    classes,
    (s) => {
      if (gone.has(s)) lost = true;
      const n = moved.get(s)?.span ?? s;
      spans.push(n);
      return n;
    },
    (r) => {
      if (gone.has(r.span)) lost = true;
      const m = moved.get(r.span)?.rule;
      const n = m ? ruleRef(m) : r;
      spans.push(n.span);
      return n;
    },
  );
  if (lost) return undefined;
  if (out !== classes) refsByClasses.set(out, groupRefs(spans));
  return out;
}

/**
 * The classes with each span and rule reference passed through `span` / `rule` (deciding steps,
 * trace steps, assumptions and reasons, of the example and the baseline and their replies); an object whose
 * references all come back unchanged is returned itself.
 */
function mapRefs(classes: readonly ReachClass[], span: (s: Span) => Span, rule: (r: RuleRef) => RuleRef): readonly ReachClass[] {
  // (every result of a 200-service project passes here after each edit of a ruleset: no object is
  // made for what stays the same)
  const withSpan = <T extends { span?: Span }>(x: T): T => {
    if (!x.span) return x;
    const s = span(x.span);
    return s === x.span ? x : { ...x, span: s };
  };
  const list = <T>(xs: readonly T[], f: (x: T) => T): readonly T[] => {
    let out: T[] | undefined;
    for (let i = 0; i < xs.length; i++) {
      const y = f(xs[i]);
      if (out) out.push(y);
      else if (y !== xs[i]) (out = xs.slice(0, i)).push(y);
    }
    return out ?? xs;
  };
  // steps are shared between the runs of a result: each is mapped once
  const steps = new Map<TraceStep, TraceStep>();
  const step = (s: TraceStep): TraceStep => {
    if (s.kind !== 'rule' && s.kind !== 'unknown') return s;
    let n = steps.get(s);
    if (n === undefined) {
      if (s.kind === 'rule') {
        const r = rule(s.rule);
        const assumed = s.assumed && list(s.assumed, withSpan);
        // (built member by member: every moved result's steps pass here, and a spread of steps of
        // many shapes takes V8's slow path)
        n = r === s.rule && assumed === s.assumed ? s : ruleStep(s, r, s.verdict, s.rewrite, s.mark, assumed, s.notes);
      } else n = withSpan(s);
      steps.set(s, n);
    }
    return n;
  };
  type Sim = ReachClass['example'];
  const sim = (r: Sim): Sim => {
    const ss = list(r.steps, step);
    const decidedBy = r.decidedBy && step(r.decidedBy);
    const reason = r.reason && withSpan(r.reason);
    const assumptions = list(r.assumptions, withSpan);
    const reply = r.reply && sim(r.reply);
    if (ss === r.steps && decidedBy === r.decidedBy && reason === r.reason && assumptions === r.assumptions && reply === r.reply) return r;
    // (one spread, then a plain store: a second, conditional spread takes V8's slow path)
    const out: { -readonly [K in keyof Sim]: Sim[K] } = { ...r, steps: ss, decidedBy, reason, assumptions };
    if (r.reply) out.reply = reply;
    return out;
  };
  return list(classes, (c) => {
    const decidedBy = c.decidedBy && step(c.decidedBy);
    const reason = c.reason && withSpan(c.reason);
    const example = sim(c.example);
    const baseline = c.baseline && sim(c.baseline);
    const proxyLeg = c.proxyLeg && sim(c.proxyLeg);
    if (decidedBy === c.decidedBy && reason === c.reason && example === c.example && baseline === c.baseline && proxyLeg === c.proxyLeg) return c;
    const out: { -readonly [K in keyof ReachClass]: ReachClass[K] } = { ...c, decidedBy, reason, example, baseline };
    if (c.proxyLeg) out.proxyLeg = proxyLeg;
    return out;
  });
}
