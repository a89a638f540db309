/**
 * Moving a lowered rule to where the same text stands in the next version of its file.
 *
 * The language server lowers a ruleset file again after every edit; most rules are the same text
 * at another place. A rule memo (nft/rule-memo.ts, iptables-rule-memo.ts) keeps what each rule
 * was lowered to, and a rule of the same text takes it, with every span moved along by
 * {@link Move}: offsets by the change of the rule's start, lines by the change of its line,
 * columns on its first line by the change of its column (the text between the rule's start and
 * any span inside it is the same). Statement lists copied this way keep their lineage, so that
 * the analysis can tell they say the same (`placelessTwin`) without comparing them.
 * {@link KeptRules} is what both memos keep: an entry per key, let go by the first lowering that
 * does not use it.
 */
import type { Statement } from './model';
import { type LineIndex, type Span, type TextChange, changedRange, detached } from '../text';

/** Where a kept rule started: its offset and position. */
export interface Anchor {
  readonly start: number;
  readonly line: number;
  readonly character: number;
}

/** Where a span starts: its offset and position. */
export function anchorOf(s: Span): Anchor {
  return { start: s.start, line: s.range.start.line, character: s.range.start.character };
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

/**
 * Whether the kept rules of `file` are moved in place: the admin's files (real paths). A generated
 * file's (`<Docker 29 iptables rules>`, rendered again for every analysis) are copied: kept results
 * find its rules by offsets (analysis/reuse.ts), which a rule moved in place would confuse.
 */
export function movesInPlace(file: string): boolean {
  return !file.startsWith('<');
}

/**
 * The distinct span objects inside a kept value (statements, references), each once: what
 * {@link Move.inPlace} moves. Undefined when a span's range is not a plain value of its own (a span
 * whose range is computed when read cannot be moved in place).
 */
export function spanObjects(...values: unknown[]): Span[] | undefined {
  const out = new Set<Span>();
  let plain = true;
  const walk = (v: unknown, depth: number): void => {
    if (typeof v !== 'object' || v === null || depth > 64 || !plain) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (isSpan(o)) {
      const d = Object.getOwnPropertyDescriptor(o, 'range');
      if (!d || !('value' in d) || !d.writable || !Object.isExtensible(o)) plain = false;
      else out.add(o);
      return;
    }
    for (const k in o) walk(o[k], depth + 1);
  };
  for (const v of values) walk(v, 0);
  return plain ? [...out] : undefined;
}

/**
 * Replaces, in place, every string inside a value just lowered (objects, arrays, nested) with a
 * copy of its own (`detached`): what a memo keeps must not keep the text it was lowered from. Span
 * objects are passed over (their file name is not the text's). Call it before the value is shared.
 */
export function detachStrings(value: unknown): void {
  const walk = (v: unknown, depth: number): void => {
    if (typeof v !== 'object' || v === null || depth > 64 || Object.isFrozen(v)) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (typeof x === 'string') v[i] = detached(x);
        else walk(x, depth + 1);
      }
      return;
    }
    const o = v as Record<string, unknown>;
    if (isSpan(o)) return;
    for (const k in o) {
      const x = o[k];
      if (typeof x === 'string') o[k] = detached(x);
      else walk(x, depth + 1);
    }
  };
  walk(value, 0);
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

  /** Where an anchor of the old text stands in the new one. */
  anchor(a: Anchor): Anchor {
    const p = this.position(a);
    return { start: a.start + this.delta, line: p.line, character: p.character };
  }

  span(s: Span): Span {
    return { file: s.file, start: s.start + this.delta, end: s.end + this.delta, range: { start: this.position(s.range.start), end: this.position(s.range.end) } };
  }

  /**
   * Moves these spans themselves (each once: pass each object once): their offsets, and, where
   * their positions change, a new range object (a range read before stays as it was; ranges are
   * never changed in place). Only for the spans of a rule the memo owns (see `KeptRule.spans`).
   */
  inPlace(spans: readonly Span[]): void {
    if (this.none) return;
    if (this.from.line === this.to.line && this.from.character === this.to.character) {
      // only the offsets move (an edit that added no line, on another line): every range stays
      for (const s of spans) {
        const m = s as { start: number; end: number };
        m.start += this.delta;
        m.end += this.delta;
      }
      return;
    }
    for (const s of spans) this.spanInPlace(s);
  }

  /** {@link inPlace} for one span. */
  spanInPlace(span: Span): void {
    if (this.none) return;
    const m = span as { start: number; end: number; range: Span['range'] };
    m.start += this.delta;
    m.end += this.delta;
    if (this.from.line !== this.to.line || this.from.character !== this.to.character) m.range = { start: this.position(span.range.start), end: this.position(span.range.end) };
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

/**
 * What a kept value is found by: the rule's context (file, table, whatever else its lowering
 * depends on) and its text. Two parts, looked up one after the other: a key of both joined would
 * be a new string of the rule's length to hash for every rule of every lowering.
 */
export interface KeptKey {
  readonly context: string;
  readonly text: string;
}

/**
 * Values by key, kept from one lowering of a text to the next: each lowering calls `begin`, takes
 * (`get`) and records (`set`, `replace`) entries, then `end`, which lets go of every entry it did
 * not use. A key that several rules of the text share (the same rule in many chains) keeps a value
 * per occurrence, in the order of the text: the n-th rule of a key takes the n-th value, so that
 * each keeps its own.
 */
export class KeptRules<V> {
  private entries = new Map<string, Map<string, Entry<V>>>();
  private generation = 0;
  /** The entry `get` last looked at, and the occurrence it was for (where `set` and `replace` write). */
  private last: { entry: Entry<V>; slot: number } | undefined;
  /** Entries taken so far (for tests and measurements). */
  taken = 0;
  /**
   * Whether the value `get` last returned is another occurrence's (there are more rules of the key
   * than kept values): it must then not be moved in place, only copied.
   */
  repeated = false;

  /** Called by the lowering before its first rule. */
  begin(): void {
    this.generation++;
    this.last = undefined;
  }

  /** Called by the lowering after its last rule: rules the text no longer holds are let go. */
  end(): void {
    for (const [context, texts] of this.entries) {
      for (const [k, e] of texts) {
        if (e.generation !== this.generation) {
          texts.delete(k);
          e.gone = true;
        }
        else if (e.values.length > e.count) e.values.length = e.count;
      }
      if (texts.size === 0) this.entries.delete(context);
    }
    this.last = undefined;
  }

  /** Lets go of every entry. */
  forget(): void {
    for (const texts of this.entries.values()) for (const e of texts.values()) e.gone = true;
    this.entries = new Map();
    this.last = undefined;
  }

  /** The kept value for the next rule of this key, or (`repeated`) the first one, or undefined. */
  get(key: KeptKey): V | undefined {
    const e = this.entries.get(key.context)?.get(key.text);
    if (!e) {
      this.last = undefined;
      return undefined;
    }
    const slot = this.next(e);
    this.repeated = slot >= e.values.length;
    return this.repeated ? e.values[0] : e.values[slot];
  }

  /** Takes the next occurrence of an entry in this lowering; its slot. */
  private next(e: Entry<V>): number {
    if (e.generation !== this.generation) {
      e.generation = this.generation;
      e.count = 0;
    }
    const slot = e.count++;
    this.last = { entry: e, slot };
    this.taken++;
    return slot;
  }

  /** Keeps a value lowered now for the rule `get` was last asked about: its strings (and the key's, for a new entry) are made its own first. */
  set(key: KeptKey, value: V): void {
    // a value lowered now must not hold on to this text
    detachStrings(value);
    const e = this.entryOf(key);
    if (e) this.put(e, value);
    else {
      let texts = this.entries.get(key.context);
      if (!texts) this.entries.set(detached(key.context), (texts = new Map()));
      const entry: Entry<V> = { values: [value], generation: this.generation, count: 1, gone: false };
      texts.set(detached(key.text), entry);
      this.last = { entry, slot: 0 };
    }
  }

  /**
   * Where the value of the rule last looked at (`get`, `set`, `replace`) is kept, and that value:
   * what a lowering records to take it again without its key (`peek`, `take`).
   */
  lastKept(): { readonly slot: KeptSlot<V>; readonly value: V } | undefined {
    const last = this.last;
    if (!last || last.entry.generation !== this.generation || last.slot >= last.entry.values.length) return undefined;
    return { slot: last.entry as unknown as KeptSlot<V>, value: last.entry.values[last.slot] };
  }

  /**
   * The value a `get` of the slot's key would return now (`ahead`: after that many more), without
   * taking it; undefined when the entry was let go, or when that `get` would be `repeated`.
   */
  peek(slot: KeptSlot<V>, ahead = 0): V | undefined {
    const e = slot as unknown as Entry<V>;
    if (e.gone) return undefined;
    const next = (e.generation === this.generation ? e.count : 0) + ahead;
    return next < e.values.length ? e.values[next] : undefined;
  }

  /**
   * Takes the value `peek` returned, as `get` would (only right after `peek` said it is there), but
   * without making it the one `lastKept`, `set` and `replace` look at (a chain's rules taken whole:
   * nothing asks, and this runs for every rule of every unchanged chain).
   */
  take(slot: KeptSlot<V>): void {
    const e = slot as unknown as Entry<V>;
    if (e.generation !== this.generation) {
      e.generation = this.generation;
      e.count = 0;
    }
    e.count++;
    this.taken++;
    this.last = undefined;
    this.repeated = false;
  }

  /** Replaces the value `get` just returned with a copy of it moved along (its strings are the kept value's). */
  replace(key: KeptKey, value: V): void {
    const e = this.entryOf(key);
    if (e) this.put(e, value);
    else this.set(key, value);
  }

  /** The entry of `key` if `get` just looked at it in this lowering. */
  private entryOf(key: KeptKey): Entry<V> | undefined {
    const e = this.last?.entry;
    return e && e.generation === this.generation && e === this.entries.get(key.context)?.get(key.text) ? e : undefined;
  }

  private put(e: Entry<V>, value: V): void {
    const slot = this.last!.slot;
    if (slot < e.values.length) e.values[slot] = value;
    else e.values.push(value);
  }
}

interface Entry<V> {
  /** One per rule of the key, in the order of the last lowering. */
  readonly values: V[];
  generation: number;
  /** Rules of the key taken so far in this lowering. */
  count: number;
  /** Let go (`end`, `forget`): no longer found by its key. */
  gone: boolean;
}

/** An entry of {@link KeptRules}, opaque outside it: what `lastKept` gives and `peek` and `take` read. */
export interface KeptSlot<V> {
  /** (only for the type: an entry of one memo's values) */
  readonly __kept?: V;
}

/**
 * The spans of declarations (an nft table or chain, an iptables-save table header or chain line),
 * by file, scope (kind, table) and name, kept from one lowering to the next like the rules' spans:
 * the same object, moved in place, while the declaration keeps its length. The build then keeps a
 * chain whose rules are the same objects, and what is keyed by it. Their ranges are computed when
 * read, from the latest text of their file (one a later text no longer declares then reads that
 * text).
 */
export class KeptSpans {
  private declarations = new Map<string, Map<string, Span>>();
  /** The spans handed out in this lowering (a second declaration of a name gets its own). */
  private now = new Set<Span>();
  private last: { file: string; scope: string; names: Map<string, Span>; holder: LinesHolder } | undefined;
  /** Per file, the text its spans compute their ranges from (the latest lowered), and their range property. */
  private holders = new Map<string, LinesHolder>();

  begin(): void {
    this.now = new Set();
    this.last = undefined;
  }

  /** Lets go of the declarations this lowering did not take. */
  end(): void {
    for (const [scope, names] of this.declarations) {
      for (const [name, span] of names) if (!this.now.has(span)) names.delete(name);
      if (names.size === 0) this.declarations.delete(scope);
    }
    this.now = new Set();
    this.last = undefined;
  }

  /**
   * The span from `start` to `end` of the declaration `name` in `scope`: the object kept from the
   * last lowering, moved in place, when it has the same length and no other declaration of this
   * lowering took it; else a new one, kept for the next.
   */
  span(file: string, scope: string, name: string, start: number, end: number, lines: LineIndex): Span {
    let last = this.last;
    if (!last || last.file !== file || last.scope !== scope) {
      const key = `${file}\u0000${scope}`;
      let names = this.declarations.get(key);
      if (!names) this.declarations.set(detached(key), (names = new Map()));
      let holder = this.holders.get(file);
      if (!holder) {
        const h: LinesHolder = { lines, range: {} };
        h.range = {
          enumerable: true,
          get(this: Span): Span['range'] {
            return { start: h.lines.position(this.start), end: h.lines.position(this.end) };
          },
        };
        this.holders.set(detached(file), (holder = h));
      }
      this.last = last = { file, scope, names, holder };
    }
    const { names, holder } = last;
    holder.lines = lines;
    const kept = names.get(name);
    if (kept && !this.now.has(kept) && kept.end - kept.start === end - start) {
      this.now.add(kept);
      const s = kept as { start: number; end: number };
      s.start = start;
      s.end = end;
      return kept;
    }
    const span = Object.defineProperty({ file, start, end }, 'range', holder.range) as Span;
    if (!kept || !this.now.has(kept)) {
      names.set(detached(name), span);
      this.now.add(span);
    }
    return span;
  }
}

interface LinesHolder {
  lines: LineIndex;
  range: PropertyDescriptor;
}


/**
 * The lines of a text that a lowering (or check) recorded, in text order, for the next version of
 * the text: a line outside what changed between the two is found by its place, with no key made of
 * its text. `begin` with each new text, `placedAt` in text order, `place` what this text's lines
 * hold, `end` when done. A text whose reading stopped midway (the line reader gives way to the
 * parse tree so) is not the last one, and the last one's lines are then forgotten: the reading may
 * have moved some of them to its own places.
 */
export class LinePlaces<T extends { readonly start: number; readonly end: number }> {
  /** The last text that ended, and its lines; this text and its lines so far. */
  private lastText: string | undefined;
  private before: T[] = [];
  private text: string | undefined;
  private now: T[] = [];
  /** Where this text differs from the last (undefined: the same, or no last text). */
  private change: TextChange | undefined;
  /** The next line of `before` that `placedAt` looks at. */
  private cursor = 0;

  begin(text: string): void {
    // A reading that stopped midway may have moved some of the last text's lines to its own
    // places (see `place`'s callers): they no longer say where the last text held them.
    if (this.text !== undefined) {
      this.lastText = undefined;
      this.before = [];
    }
    this.text = text;
    this.change = this.lastText !== undefined ? changedRange(this.lastText, text) : undefined;
    this.now = [];
    this.cursor = 0;
  }

  /** Whether this text up to `end` is the last text's (a line ending there stands where it stood, at the same line and column). */
  unchangedBefore(end: number): boolean {
    return this.lastText !== undefined && (this.change === undefined || end <= this.change.start);
  }

  /**
   * The line the last text held where the line [start, end) of this text stands (both outside what
   * changed, of the same length: the same text), if one was placed there.
   */
  placedAt(start: number, end: number): T | undefined {
    // (without a last text there is no line to find: `before` is empty)
    const c = this.change;
    let old: number;
    if (!c || end <= c.start) old = start;
    else if (start >= c.newEnd) old = start - (c.newEnd - c.oldEnd);
    else return undefined;
    const list = this.before;
    let i = this.cursor;
    while (i < list.length && list[i].start < old) i++;
    const p = list[i];
    if (p === undefined || p.start !== old || p.end - p.start !== end - start) {
      this.cursor = i;
      return undefined;
    }
    // (past it: a line found here is not asked for again, and its caller may move it to this text's place)
    this.cursor = i + 1;
    return p;
  }

  /** Records a line of this text (in text order). */
  place(line: T): void {
    if (this.text !== undefined) this.now.push(line);
  }

  /** This text is read: it is the last text now. */
  end(): void {
    this.lastText = this.text;
    this.before = this.text !== undefined ? this.now : [];
    this.text = undefined;
    this.now = [];
  }

  forget(): void {
    this.lastText = this.text = undefined;
    this.before = this.now = [];
  }
}
