/**
 * Compose variable interpolation, following compose-go's template package as shipped with
 * docker compose v2.26: `$$`, `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`,
 * `${VAR:+r}`, `${VAR+r}`, nested expressions in defaults, and its quirks (the operator is the first
 * one found in the rest of the text, braces are balanced by counting every `{`, an unknown `${...}` is
 * an error, `$` followed by anything else stays literal).
 *
 * Besides the value it returns *pieces*: which stretch of the value came from which stretch of the
 * template, so a port's host address can be traced back to the literal text or to a `${...}`
 * expression and the default inside it.
 */

export type Lookup = (name: string) => string | undefined;

/** A stretch [from, to) of the interpolated value. Template offsets are relative to the template string. */
export type Piece =
  | { readonly kind: 'text'; readonly from: number; readonly to: number; readonly src: number }
  | { readonly kind: 'escape'; readonly from: number; readonly to: number; readonly src: number }
  | VarPiece;

export interface VarPiece {
  readonly kind: 'var';
  readonly from: number;
  readonly to: number;
  readonly name: string;
  /** [start, end) of the whole `$NAME` / `${...}` expression in the template. */
  readonly expr: readonly [number, number];
  /** ':-' | '-' | ':?' | '?' | ':+' | '+' when the expression has one. */
  readonly op?: string;
  /** [start, end) of the text after the operator (default, alternate or error message). */
  readonly operand?: readonly [number, number];
  /** Whether the variable was set (possibly empty) when interpolating. */
  readonly isSet: boolean;
  /** Where the characters came from: the variable's value, or the operand text (then `inner` maps them). */
  readonly via: 'value' | 'operand';
  readonly inner?: readonly Piece[];
}

export interface Interpolation {
  readonly value: string;
  readonly pieces: readonly Piece[];
  /** Names of variables that were read while unset (their default, or an empty string, was used). */
  readonly unset: readonly string[];
  readonly error?: string;
}

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;

/** compose-go's getFirstBraceClosingIndex, quirks included (every `{` counts and skips the next char). */
function firstClosingBrace(s: string): number {
  let open = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (s[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

interface Match {
  readonly kind: 'escaped' | 'named' | 'braced' | 'invalid';
  readonly end: number; // exclusive, in the string searched
  readonly name?: string;
  readonly content?: string; // braced group
}

/** The regex `\$(?i:(\$)|([_a-z][_a-z0-9]*)|{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)}|()))` at position p. */
function matchAt(s: string, p: number): Match | undefined {
  if (s[p] !== '$') return undefined;
  const c = s[p + 1];
  if (c === '$') return { kind: 'escaped', end: p + 2 };
  if (c !== undefined && NAME_START.test(c)) {
    let e = p + 2;
    while (e < s.length && NAME_CHAR.test(s[e])) e++;
    return { kind: 'named', end: e, name: s.slice(p + 1, e) };
  }
  if (c !== '{') return undefined;
  const b = p + 2;
  if (b < s.length && NAME_START.test(s[b])) {
    let e = b + 1;
    while (e < s.length && NAME_CHAR.test(s[e])) e++;
    // try the longest name first, then backtrack (the name cannot be followed by an operator after backtracking
    // unless the shorter name is followed by one, which cannot happen since the next char is a name char)
    let q = e;
    if (s[q] === ':') q++;
    if (q < s.length && '-+?'.includes(s[q])) {
      // (.*) greedy up to the last '}' before a newline
      const nl = s.indexOf('\n', q + 1);
      const limit = nl < 0 ? s.length : nl;
      const last = s.lastIndexOf('}', limit - 1);
      if (last > q) return { kind: 'braced', end: last + 1, content: s.slice(b, last) };
    }
    if (e === q && s[e] === ':' ) {
      // ':' not followed by an operator: fall through to the plain `${NAME}` form
    }
    if (s[e] === '}') return { kind: 'braced', end: e + 1, content: s.slice(b, e) };
  }
  return { kind: 'invalid', end: p + 2 };
}

const OPS = [':?', '?', ':-', '-', ':+', '+'] as const;

/** compose-go's getSubstitutionFunctionForTemplate: the operator occurring first in the whole match. */
function pickOp(matched: string): string {
  let best: string = OPS[0];
  let bestIdx = -1;
  for (const op of OPS) {
    const i = matched.indexOf(op);
    if (i >= 0 && (bestIdx < 0 || i < bestIdx)) {
      best = op;
      bestIdx = i;
    }
  }
  return best;
}

interface State {
  readonly lookup: Lookup;
  readonly unset: Set<string>;
  error?: string;
}

function shift(pieces: readonly Piece[], by: number, srcBy: number): Piece[] {
  return pieces.map((p) => {
    if (p.kind === 'var') {
      return {
        ...p,
        from: p.from + by,
        to: p.to + by,
        expr: [p.expr[0] + srcBy, p.expr[1] + srcBy] as const,
        operand: p.operand ? ([p.operand[0] + srcBy, p.operand[1] + srcBy] as const) : undefined,
        inner: p.inner ? shift(p.inner, 0, srcBy) : undefined,
      };
    }
    return { ...p, from: p.from + by, to: p.to + by, src: p.src + srcBy };
  });
}

/** Substitute `t` (which sits at template offset `base`); returns value and pieces with template offsets. */
function substitute(t: string, base: number, st: State): { value: string; pieces: Piece[] } {
  let out = '';
  const pieces: Piece[] = [];
  let lit = 0; // start of the pending literal run in t
  const flushText = (upto: number): void => {
    if (upto > lit) {
      pieces.push({ kind: 'text', from: out.length, to: out.length + (upto - lit), src: base + lit });
      out += t.slice(lit, upto);
    }
  };
  let p = 0;
  while (p < t.length) {
    const m = matchAt(t, p);
    if (!m) {
      p++;
      continue;
    }
    flushText(p);
    const r = replace(t.slice(p, m.end), base + p, st);
    for (const piece of shift(r.pieces, out.length, 0)) pieces.push(piece);
    out += r.value;
    p = m.end;
    lit = p;
  }
  flushText(t.length);
  return { value: out, pieces };
}

/** compose-go's DefaultReplacementAppliedFunc for one regex match `sub` found at template offset `at`. */
function replace(sub: string, at: number, st: State): { value: string; pieces: Piece[] } {
  const op = pickOp(sub);
  const close = firstClosingBrace(sub);
  let rest = '';
  let head = sub;
  if (close > -1) {
    rest = sub.slice(close + 1);
    head = sub.slice(0, close + 1);
  }
  const m = matchAt(head, 0);
  if (!m || m.kind === 'invalid') {
    st.error ??= `invalid interpolation format: ${JSON.stringify(sub)}; you may need to escape any $ with another $`;
    return { value: '', pieces: [] };
  }
  if (m.kind === 'escaped') {
    return { value: '$', pieces: [{ kind: 'escape', from: 0, to: 1, src: at }] };
  }
  const braced = m.kind === 'braced';
  const substitution = braced ? m.content! : m.name!;
  const exprEnd = at + (braced ? m.end : m.end);
  if (braced) {
    const sep = substitution.indexOf(op);
    if (sep >= 0) {
      const name = substitution.slice(0, sep);
      const operandText = substitution.slice(sep + op.length);
      const operandStart = at + 2 + sep + op.length;
      const sOperand = substitute(operandText, operandStart, st);
      const raw = st.lookup(name);
      const isSet = raw !== undefined;
      let value: string;
      let via: 'value' | 'operand';
      if (op === ':?' || op === '?') {
        const ok = isSet && (op === '?' || raw !== '');
        if (!ok) {
          st.error ??= `required variable ${name} is missing a value${sOperand.value ? `: ${sOperand.value}` : ''}`;
          return { value: '', pieces: [] };
        }
        value = raw!;
        via = 'value';
      } else if (op === ':-' || op === '-') {
        if (!isSet || (op === ':-' && raw === '')) {
          value = sOperand.value;
          via = 'operand';
        } else {
          value = raw!;
          via = 'value';
        }
      } else {
        if (isSet && (op === '+' || raw !== '')) {
          value = sOperand.value;
          via = 'operand';
        } else {
          value = raw ?? '';
          via = 'value';
        }
      }
      if (!isSet) st.unset.add(name);
      const headEnd = at + head.length;
      const piece: VarPiece = {
        kind: 'var',
        from: 0,
        to: value.length,
        name,
        expr: [at, headEnd],
        op,
        operand: [operandStart, headEnd - 1],
        isSet,
        via,
        inner: via === 'operand' ? sOperand.pieces : undefined,
      };
      const nested = substitute(rest, headEnd, st);
      return { value: value + nested.value, pieces: [piece, ...shift(nested.pieces, value.length, 0)] };
    }
  }
  const raw = st.lookup(substitution);
  if (raw === undefined) st.unset.add(substitution);
  const value = raw ?? '';
  return {
    value,
    pieces: [{ kind: 'var', from: 0, to: value.length, name: substitution, expr: [at, exprEnd], isSet: raw !== undefined, via: 'value' }],
  };
}

/** Interpolates one string. Never throws; `error` is set as compose would fail. */
export function interpolate(template: string, lookup: Lookup): Interpolation {
  const st: State = { lookup, unset: new Set() };
  const r = substitute(template, 0, st);
  return { value: r.value, pieces: r.pieces, unset: [...st.unset], error: st.error };
}

/** Whether a string contains anything interpolation would touch. */
export function hasDollar(s: string): boolean {
  return s.includes('$');
}

/**
 * Where value range [from, to) came from, in template offsets: `literal` when it is copied from the
 * text (exact sub-range), otherwise the innermost `${...}` expression that produced it and, when it
 * came from the operand (default), the default's text and the exact sub-range inside it if literal.
 */
export interface PieceOrigin {
  readonly kind: 'literal' | 'variable' | 'default' | 'mixed';
  /** Exact template sub-range when the characters are literal text (in the file or inside a default). */
  readonly literal?: readonly [number, number];
  readonly variable?: string;
  readonly expr?: readonly [number, number];
  readonly operand?: readonly [number, number];
  /** Whether a variable involved was unset. */
  readonly unset: boolean;
}

export function originOf(pieces: readonly Piece[], from: number, to: number): PieceOrigin {
  const hit = pieces.filter((p) => p.to > from && p.from < to || (from === to && p.from <= from && p.to >= to && p.to > p.from));
  if (hit.length === 0) return { kind: 'literal', unset: false };
  if (hit.length === 1) {
    const p = hit[0];
    if (p.kind === 'text') return { kind: 'literal', literal: [p.src + (from - p.from), p.src + (to - p.from)], unset: false };
    if (p.kind === 'escape') return { kind: 'literal', literal: [p.src, p.src + 2], unset: false };
    if (p.via === 'operand' && p.inner) {
      const inner = originOf(p.inner, from - p.from, to - p.from);
      if (inner.kind === 'literal') {
        return { kind: 'default', literal: inner.literal, variable: p.name, expr: p.expr, operand: p.operand, unset: !p.isSet };
      }
      return { ...inner, unset: inner.unset || !p.isSet };
    }
    return { kind: 'variable', variable: p.name, expr: p.expr, operand: p.operand, unset: !p.isSet };
  }
  const start = Math.min(...hit.map((p) => (p.kind === 'var' ? p.expr[0] : p.src + Math.max(0, from - p.from))));
  const end = Math.max(...hit.map((p) => (p.kind === 'var' ? p.expr[1] : p.kind === 'escape' ? p.src + 2 : p.src + Math.min(p.to, to) - p.from)));
  return { kind: 'mixed', literal: [start, end], unset: hit.some((p) => p.kind === 'var' && !p.isSet) };
}
