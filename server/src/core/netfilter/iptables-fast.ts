/**
 * A line reader for iptables-save / iptables-restore text that gives the same syntax
 * ({@link IptSyntax}) as the tree-sitter-iptables tree, without tree-sitter: for large dumps
 * (a 400 000-rule file is 58 MB; web-tree-sitter needs seconds and gigabytes for it, and reading
 * every node back through the wasm bindings costs more).
 *
 * It reads exactly the part of the grammar such dumps use and *declines* everything else, so that
 * the caller parses the tree instead: the value is undefined, or (for a command line, read only
 * when the lowering asks for it) {@link Declined} is thrown. Declined: a line that is not a
 * comment, `*table`, `:CHAIN POLICY [p:b]`, `COMMIT` or a command; a table section without
 * `COMMIT`, `*`/`COMMIT`/`:` out of place; a backslash or a quote inside a word or after a string;
 * `#` inside a command; a token glued to another (`-sfoo`, `--dport=22`, `"a"b`); `!` twice on
 * one option or before `-m`/`-j`; a command word where an option is expected; a bare word where
 * none is allowed; a chain or match name that is all digits or `COMMIT`; form feeds, vertical
 * tabs, a `\r` not before `\n`, and white space beyond ASCII (tree-sitter's `\s`) anywhere.
 *
 * What it accepts is read as the grammar reads it: options take every following word or quoted
 * string as arguments; `-s ! x` (old negation) needs an argument after the `!`, else the `!`
 * negates the next option; `-m NAME` / `-j NAME` / `-g NAME` keep the long options that follow
 * (negated or not) unless they are iptables' own long options (`--source`, `--protocol`, ...).
 */
import type { IptCommand, IptGroup, IptItem, IptOption, IptSection, IptSectionItem, IptSyntax, IptTopItem } from './iptables-syntax';

/** Thrown by a command's lazy reading when its line is not one the reader understands. */
export class Declined extends Error {}

function decline(why: string): never {
  throw new Declined(why);
}

// line kinds
const COMMENT = 1;
const SECTION = 2;
const DECLARATION = 3;
const COMMIT = 4;
const COMMAND = 5;

// token kinds
const END = 0;
const WORD = 1;
const STRING = 2;
const NEG = 3;
const OPT = 4;
/** A lone `-` (a user chain's policy). */
const DASH = 5;

/** The grammar's literal long options of iptables itself: never grouped with a match or target. */
const BUILTIN_LONG = new Set(['--protocol', '--source', '--src', '--destination', '--dst', '--in-interface', '--out-interface', '--fragment', '--set-counters', '--ipv4', '--ipv6']);
const RULE_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['-A', 'append'], ['--append', 'append'], ['-C', 'check'], ['--check', 'check'], ['-I', 'insert'], ['--insert', 'insert'],
  ['-D', 'delete'], ['--delete', 'delete'], ['-R', 'replace'], ['--replace', 'replace'],
]);
const CHAIN_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['-N', 'new_chain'], ['--new-chain', 'new_chain'], ['-F', 'flush'], ['--flush', 'flush'], ['-X', 'delete_chain'], ['--delete-chain', 'delete_chain'],
  ['-Z', 'zero'], ['--zero', 'zero'], ['-E', 'rename_chain'], ['--rename-chain', 'rename_chain'], ['-P', 'set_policy'], ['--policy', 'set_policy'],
]);
const GROUPS: ReadonlyMap<string, 'match' | 'jump' | 'goto'> = new Map([
  ['-m', 'match'], ['--match', 'match'], ['-j', 'jump'], ['--jump', 'jump'], ['-g', 'goto'], ['--goto', 'goto'],
]);
const TABLES = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);
const LONG_NAME = /^--[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const DIGITS = /^[0-9]+$/;
const COUNTERS = /^\[[0-9]+:[0-9]+\]$/;
/** White space tree-sitter's `\s` may see where this reader would not (and characters it does not expect). */
const ODD_SPACE = /[\f\v\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

const isBlank = (c: number): boolean => c === 32 || c === 9;

/** One command line, read token by token. */
class LineLexer {
  kind = END;
  start = 0;
  end = 0;
  private pos: number;

  constructor(
    readonly text: string,
    from: number,
    private readonly stop: number,
  ) {
    this.pos = from;
    this.next();
  }

  /** The current token's kind (a method: it changes under the caller's feet). */
  k(): number {
    return this.kind;
  }

  get value(): string {
    return this.text.slice(this.start, this.end);
  }

  /** The token after the current one (kind and text), the lexer staying where it is. */
  peek(): { kind: number; value: string } {
    const { kind, start, end, pos } = this;
    this.next();
    const out = { kind: this.kind, value: this.value };
    Object.assign(this, { kind, start, end, pos });
    return out;
  }

  next(): void {
    const t = this.text;
    let p = this.pos;
    while (p < this.stop && isBlank(t.charCodeAt(p))) p++;
    this.start = p;
    if (p >= this.stop) {
      this.kind = END;
      this.end = p;
      this.pos = p;
      return;
    }
    const c = t.charCodeAt(p);
    if (c === 34 /* " */) {
      let q = p + 1;
      for (; q < this.stop; q++) {
        const d = t.charCodeAt(q);
        if (d === 34) break;
        if (d === 92 /* \ */) decline('a backslash in a string');
      }
      if (q >= this.stop) decline('an unterminated string');
      q++;
      if (q < this.stop && !isBlank(t.charCodeAt(q))) decline('a token right after a string');
      this.kind = STRING;
      this.end = this.pos = q;
      return;
    }
    let q = p + 1;
    let quote = false;
    for (; q < this.stop; q++) {
      const d = t.charCodeAt(q);
      if (d === 32 || d === 9) break;
      if (d === 34) quote = true;
    }
    this.end = this.pos = q;
    if (c === 33 /* ! */) {
      if (q !== p + 1) decline('`!` glued to a word');
      this.kind = NEG;
    } else if (c === 45 /* - */ && q === p + 1) {
      this.kind = DASH;
    } else if (c === 45 /* - */) {
      if (q === p + 2 ? !/[A-Za-z0-9]/.test(t[p + 1]) : !LONG_NAME.test(t.slice(p, q))) decline('not an option name');
      this.kind = OPT;
    } else {
      if (c === 35 /* # */) decline('`#` in a command');
      if (quote) decline('a quote inside a word');
      if (q - p === 6 && t.startsWith('COMMIT', p)) decline('COMMIT as a word');
      this.kind = WORD;
    }
  }
}

/** A word that names a chain, table or extension. */
function nameWord(lx: LineLexer): string {
  if (lx.k() !== WORD) decline('a name expected');
  const v = lx.value;
  if (DIGITS.test(v)) decline('a name of digits');
  lx.next();
  return v;
}

class LineCommand implements IptCommand {
  readonly kind: 'rule' | 'chain_command';
  private cmd?: { readonly type: string; readonly start: number };
  private chainName?: string;
  private pos?: string;
  policy?: string;
  newName?: string;
  /** A rule's lexer: on its first token until the head is read, then after the chain (and number). */
  private lexer: LineLexer | undefined;
  private headRead = false;
  private before: IptItem[] | undefined;
  private parsed: readonly IptItem[] | undefined;

  constructor(
    text: string,
    readonly start: number,
    readonly end: number,
  ) {
    const lx = new LineLexer(text, start, end);
    const chainCommand = lx.k() === OPT ? CHAIN_COMMANDS.get(lx.value) : undefined;
    if (chainCommand) {
      this.kind = 'chain_command';
      this.cmd = { type: chainCommand, start: lx.start };
      this.headRead = true;
      lx.next();
      this.chainCommand(chainCommand, lx);
      return;
    }
    // a rule: its head is read when asked for (the pass that collects chain names does not)
    this.kind = 'rule';
    this.lexer = lx;
  }

  get command(): { readonly type: string; readonly start: number } | undefined {
    this.head();
    return this.cmd;
  }

  get chain(): string | undefined {
    this.head();
    return this.chainName;
  }

  get position(): string | undefined {
    this.head();
    return this.pos;
  }

  /** `[p:b]? OPTIONS* COMMAND CHAIN NUMBER?` */
  private head(): void {
    if (this.headRead) return;
    this.headRead = true;
    const lx = this.lexer!;
    if (lx.k() === WORD) {
      if (!COUNTERS.test(lx.value)) decline('a word at the start of a command');
      lx.next();
    }
    // options written before the command (`-4 -A INPUT ...`)
    let type: string | undefined;
    for (;;) {
      if (lx.k() === OPT) {
        type = RULE_COMMANDS.get(lx.value);
        if (type) {
          this.cmd = { type, start: lx.start };
          lx.next();
          break;
        }
      }
      if (lx.k() === END) decline('a rule without a command');
      (this.before ??= []).push(item(lx));
    }
    this.chainName = nameWord(lx);
    if (lx.k() === WORD && (type === 'insert' || type === 'delete' || type === 'replace')) {
      if (!DIGITS.test(lx.value)) decline('a rule number expected');
      this.pos = lx.value;
      lx.next();
    }
  }

  private chainCommand(type: string, lx: LineLexer): void {
    if (type === 'new_chain') this.chainName = nameWord(lx);
    else if (type === 'rename_chain') {
      this.chainName = nameWord(lx);
      this.newName = nameWord(lx);
    } else if (type === 'set_policy') {
      this.chainName = nameWord(lx);
      this.policy = nameWord(lx);
    } else if (lx.k() === WORD) {
      this.chainName = nameWord(lx);
      if (lx.k() === WORD) {
        if (!DIGITS.test(lx.value)) decline('a number expected');
        this.pos = lx.value;
        lx.next();
      }
    }
    if (lx.k() !== END) decline('more after a chain command');
  }

  items(): readonly IptItem[] {
    if (this.parsed) return this.parsed;
    this.head();
    const out = this.before ?? [];
    const lx = this.lexer;
    if (lx) {
      this.lexer = undefined;
      while (lx.k() !== END) out.push(item(lx));
    }
    this.before = undefined;
    this.parsed = out;
    return out;
  }
}

/** `[!] NAME [!] ARG*` with the lexer on the `!` or the name. */
function option(lx: LineLexer): IptOption {
  const start = lx.start;
  let negated = false;
  if (lx.k() === NEG) {
    negated = true;
    lx.next();
  }
  if (lx.k() !== OPT) decline('an option name expected');
  const name = lx.value;
  if (GROUPS.has(name) || RULE_COMMANDS.has(name) || CHAIN_COMMANDS.has(name)) decline(`${name} where an option is expected`);
  let end = lx.end;
  lx.next();
  if (lx.k() === NEG) {
    const after = lx.peek().kind;
    if (after === WORD || after === STRING) {
      if (negated) decline('`!` twice');
      negated = true;
      lx.next();
    }
  }
  const args: string[] = [];
  let raw0: string | undefined;
  while (lx.k() === WORD || lx.k() === STRING) {
    if (lx.k() === STRING) {
      if (args.length === 0) raw0 = lx.value;
      args.push(lx.text.slice(lx.start + 1, lx.end - 1));
    } else args.push(lx.value);
    end = lx.end;
    lx.next();
  }
  return raw0 === undefined ? { kind: 'option', name, negated, args, start, end } : { kind: 'option', name, negated, args, raw0, start, end };
}

/** Whether the lexer is on an option a match or target keeps: `[!] --long` that is not iptables' own. */
function grouped(lx: LineLexer): boolean {
  if (lx.k() === NEG) {
    const after = lx.peek();
    return after.kind === OPT && groupable(after.value);
  }
  return lx.k() === OPT && groupable(lx.value);
}

function groupable(name: string): boolean {
  return name.startsWith('--') && !BUILTIN_LONG.has(name) && !GROUPS.has(name) && !RULE_COMMANDS.has(name) && !CHAIN_COMMANDS.has(name);
}

function item(lx: LineLexer): IptItem {
  if (lx.k() === OPT) {
    const g = GROUPS.get(lx.value);
    if (g) {
      const start = lx.start;
      lx.next();
      let end = lx.end;
      const name = nameWord(lx);
      const options: IptOption[] = [];
      while (grouped(lx)) {
        const o = option(lx);
        options.push(o);
        end = o.end;
      }
      const group: IptGroup = { kind: g === 'match' ? 'match' : 'target', name, goto: g === 'goto', options, start, end };
      return group;
    }
  }
  return option(lx);
}

/** `:NAME POLICY [p:b]` from the `:` to the line's last token. */
function declaration(text: string, start: number, end: number): IptSectionItem {
  const lx = new LineLexer(text, start + 1, end);
  const name = nameWord(lx);
  let policy: string;
  if (lx.k() === WORD) {
    policy = lx.value;
    if (policy.includes('[')) decline('a policy glued to counters');
  } else if (lx.k() === DASH) policy = '-';
  else decline('a policy expected');
  lx.next();
  if (lx.k() === WORD && COUNTERS.test(lx.value)) lx.next();
  if (lx.k() !== END) decline('more after a chain declaration');
  return { kind: 'declaration', name, policy, start, end };
}

/**
 * Reads the lines of an iptables-save / iptables-restore text. Undefined when the text is not one
 * this reader is sure to read as tree-sitter-iptables does (see the file's comment); command lines
 * are read when the lowering asks for them and may then throw {@link Declined}.
 */
export function iptablesLineSyntax(text: string): IptSyntax | undefined {
  if (ODD_SPACE.test(text)) return undefined;
  for (let r = text.indexOf('\r'); r >= 0; r = text.indexOf('\r', r + 1)) if (text.charCodeAt(r + 1) !== 10) return undefined;

  // One entry per line that is not blank: kind, first and last character (the content end, before
  // trailing blanks), and for comments the end before a `\r`.
  const kinds: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const commentEnds = new Map<number, number>();
  /** Top-level entries: indexes into the line table; a section is its `*` line (its `COMMIT` line follows in `commits`). */
  const top: number[] = [];
  const commits = new Map<number, number>();
  let section = -1;
  for (let ls = 0; ls <= text.length; ) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    const ce = le > ls && text.charCodeAt(le - 1) === 13 ? le - 1 : le;
    let fb = ls;
    while (fb < ce && isBlank(text.charCodeAt(fb))) fb++;
    if (fb < ce) {
      let te = ce;
      while (isBlank(text.charCodeAt(te - 1))) te--;
      const c = text.charCodeAt(fb);
      const k =
        c === 35 ? COMMENT
        : c === 42 ? SECTION
        : c === 58 ? DECLARATION
        : c === 45 || c === 33 || c === 91 ? COMMAND
        : te - fb === 6 && text.startsWith('COMMIT', fb) ? COMMIT
        : 0;
      const i = kinds.length;
      kinds.push(k);
      starts.push(fb);
      ends.push(te);
      switch (k) {
        case 0:
          return undefined;
        case COMMENT:
          if (section < 0) {
            commentEnds.set(i, ce);
            top.push(i);
          }
          break;
        case SECTION: {
          if (section >= 0) return undefined;
          // `*name` with nothing else on the line
          for (let j = fb + 1; j < te; j++) {
            const d = text.charCodeAt(j);
            if (isBlank(d) || d === 34) return undefined;
          }
          // only iptables' tables: the lowering skips the lines of any other, which must not go unread
          if (!TABLES.has(text.slice(fb + 1, te))) return undefined;
          section = i;
          top.push(i);
          break;
        }
        case COMMIT:
          if (section < 0) return undefined;
          commits.set(section, i);
          section = -1;
          break;
        case DECLARATION:
          if (section < 0) return undefined;
          break;
        default:
          if (section < 0) top.push(i);
      }
    }
    ls = le + 1;
  }
  if (section >= 0) return undefined;

  const command = (i: number): IptCommand => new LineCommand(text, starts[i], ends[i]);
  const sectionOf = (i: number): IptSection => {
    const last = commits.get(i)!;
    return {
      kind: 'section',
      name: { text: text.slice(starts[i] + 1, ends[i]), start: starts[i] + 1, end: ends[i] },
      start: starts[i],
      end: ends[last],
      committed: true,
      *items() {
        for (let j = i + 1; j < last; j++) {
          if (kinds[j] === DECLARATION) yield declaration(text, starts[j], ends[j]);
          else if (kinds[j] === COMMAND) yield command(j);
        }
      },
    };
  };
  return {
    *items(): Iterable<IptTopItem> {
      for (const i of top) {
        const k = kinds[i];
        if (k === COMMENT) yield { kind: 'comment', text: text.slice(starts[i], commentEnds.get(i)) };
        else if (k === SECTION) yield sectionOf(i);
        else yield command(i);
      }
    },
  };
}
