/**
 * What `iptables-restore --test` refuses that the grammar reads: the checks iptables itself makes
 * while parsing a file, so that `dockwall parse`, the editor's syntax diagnostics and `check`
 * refuse exactly the files the tool refuses (test/validate-diff compares them with
 * iptables-legacy-restore --test and the nf_tables iptables-restore --test).
 *
 * - Lines: a carriage return (CRLF line ends), a line of only blanks, anything after `COMMIT` on
 *   its line, and a last `COMMIT` without a line end (iptables-legacy-restore refuses it).
 * - Rules: a chain that neither is built in nor declared in the table; an `-m` module iptables does
 *   not have (the extension libraries of iptables 1.8.9, iptables-extensions.ts); a `-j` target
 *   that is no extension, no verdict and no chain of the table; two `-j`; DROP in the nat table; a
 *   long option no loaded extension takes, matched as getopt_long matches it (an unambiguous
 *   prefix counts; extensions are loaded in the order written, `-p tcp` loads `tcp` when an option
 *   needs it, target options are known after `-j`); the old `-s ! ADDR` negation; an option
 *   that requires a value given none takes the next word as getopt does (`-i -j ACCEPT`: the
 *   interface `-j`, then Bad argument `ACCEPT`); words an option does not take (Bad argument).
 * - Values: addresses and masks (of the file's family), interface names longer than 15
 *   characters, protocols, ports and port ranges, MAC addresses, ICMP types, conntrack states,
 *   TCP flags, LOG levels, REJECT types, the time match's days, packet types, address types,
 *   AUDIT types, hashlimit modes, NETMAP networks, connbytes directions and modes, policy
 *   directions and policies.
 *
 * In a file restored with --noflush (ufw's rule files) chains may come from files loaded before,
 * so chains and jump targets are not checked there.
 */
import type { Node } from 'web-tree-sitter';
import type { CoreDiagnostic } from '../diagnostics';
import { parseIp } from '../net/ip';
import { type LineIndex, detached, named, quoted } from '../text';
import { LinePlaces } from './rule-move';
import { IPTABLES_EXTENSIONS, IPTABLES_VALUE_OPTIONAL } from './iptables-extensions';
import { Declined, iptablesLineSyntax } from './iptables-fast';
import type { IptCommand, IptItem, IptOption, IptSection, IptSectionItem, IptSyntax } from './iptables-syntax';
import { addressInterval, BUILTIN, detectIptables, icmpResolve, icmpTypeKnown, iptablesOptionsFor, iptablesTreeSyntax, portNumber, protocolNumber } from './lower-iptables';

/** A file that declares, fills or jumps to ufw's chains is one of ufw's rule files. */
export const UFW_FRAGMENT = /^:ufw6?-|^-[AI] ufw6?-|\s-[jg] ufw6?-/m;

/** {@link UFW_FRAGMENT} on a whole text (a large dump without `ufw` is not scanned line by line). */
export function ufwFragment(text: string): boolean {
  return text.includes('ufw') && UFW_FRAGMENT.test(text);
}

const VERDICTS = new Set(['ACCEPT', 'DROP', 'RETURN', 'QUEUE']);

/** iptables' own long options (iptables.c `original_opts`); each value names the option it is. */
const BUILTIN_LONG: Readonly<Record<string, string>> = {
  '--append': 'A', '--delete': 'D', '--insert': 'I', '--replace': 'R', '--check': 'C', '--list': 'L', '--list-rules': 'S',
  '--flush': 'F', '--zero': 'Z', '--new-chain': 'N', '--delete-chain': 'X', '--rename-chain': 'E', '--policy': 'P',
  '--source': 's', '--src': 's', '--destination': 'd', '--dst': 'd', '--protocol': 'p', '--in-interface': 'i',
  '--jump': 'j', '--table': 't', '--match': 'm', '--numeric': 'n', '--out-interface': 'o', '--verbose': 'v',
  '--wait': 'w', '--wait-interval': 'W', '--exact': 'x', '--fragments': 'f', '--fragment': 'f', '--version': 'V',
  '--help': 'h', '--line-numbers': '0', '--modprobe': 'M', '--set-counters': 'c', '--goto': 'g', '--ipv4': '4',
  '--ipv6': '6',
};

const PACKET_TYPES = new Set(['unicast', 'broadcast', 'multicast', 'host', 'otherhost']);
const ADDRESS_TYPES = new Set(['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE']);
const STATES = new Set(['INVALID', 'ESTABLISHED', 'NEW', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT']);
const TCP_FLAGS = new Set(['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'ALL', 'NONE']);
const LOG_LEVELS = new Set(['alert', 'crit', 'debug', 'emerg', 'error', 'info', 'notice', 'panic', 'warning', 'warn', 'err']);
const REJECT_V4 = new Set([
  'icmp-net-unreachable', 'net-unreach', 'icmp-host-unreachable', 'host-unreach', 'icmp-proto-unreachable', 'proto-unreach',
  'icmp-port-unreachable', 'port-unreach', 'icmp-net-prohibited', 'net-prohib', 'icmp-host-prohibited', 'host-prohib',
  'tcp-reset', 'tcp-rst', 'icmp-admin-prohibited', 'admin-prohib',
]);
const REJECT_V6 = new Set([
  'icmp6-no-route', 'no-route', 'icmp6-adm-prohibited', 'adm-prohibited', 'icmp6-addr-unreachable', 'addr-unreach',
  'icmp6-port-unreachable', 'port-unreach', 'tcp-reset', 'tcp-rst', 'icmp6-policy-fail', 'policy-fail',
  'icmp6-reject-route', 'reject-route',
]);

export interface ValidateOptions {
  readonly family: 'ip' | 'ip6';
  /** Restored with --noflush: chains may exist from earlier files. */
  readonly noflush?: boolean;
  /** What earlier validations found (an editor validates a file on every keystroke). */
  readonly memo?: RuleMemo;
}

/** A diagnostic of a rule, its offsets from the rule's start. */
type Found = readonly [start: number, end: number, message: string];

/**
 * What rule commands were found to be, kept from one validation to the next: a rule's diagnostics
 * depend only on its text and its context (table, declared chains, family, --noflush), so a rule
 * an edit did not touch is not checked again. Each validation keeps only the entries it used.
 */
export class RuleMemo {
  /**
   * Per context, per rule text: what it was found to be, and the validation that last used it. A
   * context is the same object while its key is kept (rules found by their place compare it so).
   */
  private contexts = new Map<string, MemoContext & { readonly map: Map<string, MemoEntry> }>();
  private validation = 0;
  /** The rule lines of the last validation, found by their place in the next text (see `LinePlaces`). */
  private readonly places = new LinePlaces<PlacedRule>();

  /** Called before a validation's first rule, with its text: a line outside what changed since the last text is found by its place. */
  begin(text: string): void {
    this.places.begin(text);
  }

  /**
   * The rules of one context: `get` finds those of this validation or the previous one (then kept
   * for the next), `set` records one. (One map for all validations, each entry marked with the last
   * that used it: a map per validation made every rule of a 20k-rule dump a new entry per edit.)
   */
  context(key: string): MemoContext {
    let c = this.contexts.get(key);
    if (!c) {
      const map = new Map<string, MemoEntry>();
      c = {
        map,
        get: (rule) => {
          const hit = map.get(rule);
          if (hit) hit.used = this.validation;
          return hit;
        },
        // (a key of its own: the memo outlives the text the rule was sliced from)
        set: (rule, found) => {
          const entry = { found, used: this.validation };
          map.set(detached(rule), entry);
          return entry;
        },
      };
      this.contexts.set(detached(key), c);
    }
    return c;
  }

  /**
   * The rule line that stood where the line [start, end) of this text stood in the last one, with
   * the same text (both outside what changed), if the last validation placed one there; it is then
   * used by this validation.
   */
  placedAt(start: number, end: number): PlacedRule | undefined {
    const p = this.places.placedAt(start, end);
    if (p) p.entry.used = this.validation;
    return p;
  }

  /** Rule lines found by their place so far (for tests and measurements). */
  placedFound = 0;

  /** Records where a rule line of this validation stands (for the next validation's `placedAt`). */
  place(rule: PlacedRule): void {
    this.places.place(rule);
  }

  /** Ends a validation: what it did not use is forgotten. */
  turn(): void {
    for (const [key, { map }] of this.contexts) {
      for (const [rule, e] of map) if (e.used !== this.validation) map.delete(rule);
      if (map.size === 0) this.contexts.delete(key);
    }
    this.validation++;
    this.places.end();
  }
}

interface MemoEntry {
  readonly found: readonly Found[];
  used: number;
}

interface MemoContext {
  get(rule: string): MemoEntry | undefined;
  set(rule: string, found: readonly Found[]): MemoEntry;
}

/** A rule line of a validation: where it stood, its context, what it was found to be, and the chain its `-j`/`-g` names. */
interface PlacedRule {
  /** (moved to the line's place in the next text when that validation finds it by its place) */
  start: number;
  end: number;
  readonly context: MemoContext;
  readonly entry: MemoEntry;
  readonly target: string;
}

interface Ext {
  readonly kind: 'match' | 'target';
  readonly name: string;
  readonly options: readonly string[];
  /** The options getopt requires a value for. */
  readonly required: ReadonlySet<string>;
  /** Each option's resolution when written in full. */
  readonly exact: ReadonlyMap<string, { readonly ext: Ext; readonly option: string }>;
}

/** The extensions met so far, per family and kind (a fixed set: only those iptables has are kept). */
const EXTENSIONS = { ip: { match: new Map<string, Ext>(), target: new Map<string, Ext>() }, ip6: { match: new Map<string, Ext>(), target: new Map<string, Ext>() } };

function extension(family: 'ip' | 'ip6', kind: 'match' | 'target', name: string): Ext | undefined {
  const known = EXTENSIONS[family][kind];
  const cached = known.get(name);
  if (cached) return cached;
  const table = IPTABLES_EXTENSIONS[family];
  const key = `${kind}:${name}`;
  if (!Object.prototype.hasOwnProperty.call(table, key)) return undefined;
  const opts = table[key];
  const options = opts ? opts.split(' ') : [];
  const optional = Object.prototype.hasOwnProperty.call(IPTABLES_VALUE_OPTIONAL, key) ? IPTABLES_VALUE_OPTIONAL[key].split(' ') : [];
  const exact = new Map<string, { ext: Ext; option: string }>();
  const ext: Ext = { kind, name, options, required: new Set(options.filter((o) => !optional.includes(o))), exact };
  for (const option of options) if (!exact.has(option)) exact.set(option, { ext, option });
  known.set(name, ext);
  return ext;
}

/** iptables' own options that require a value (`-c` takes two and is left to the grammar). */
const REQUIRED_SHORT = new Set(['s', 'd', 'p', 'i', 'o']);

/** Options that read a second word themselves (`--tcp-flags MASK COMP`, `--match-set NAME FLAGS`). */
const TWO_WORDS = new Set(['tcp--tcp-flags', 'set--match-set', 'SET--add-set', 'SET--del-set', 'SET--map-set', 'sctp--chunk-types']);
/** Options without a required value that read the next word when there is one (rateest's rates). */
const OPTIONAL_WORD = new Set(['rateest--rateest-bps1', 'rateest--rateest-bps2', 'rateest--rateest-pps1', 'rateest--rateest-pps2']);

/** Whether getopt requires a value for an extension's option (iptables-extensions.ts). */
function requiredArgument(ext: Ext, option: string): boolean {
  return ext.required.has(option);
}

/** The implicit match `-p NAME` loads when an option needs it. */
function protocolExtension(family: 'ip' | 'ip6', proto: string): Ext | undefined {
  const p = proto.toLowerCase();
  const n = protocolNumber(p);
  const name =
    n === 6 ? 'tcp' : n === 17 ? 'udp' : n === 132 ? 'sctp' : n === 33 ? 'dccp' : n === 1 ? 'icmp' : n === 58 || p === 'icmpv6' || p === 'ipv6-icmp' ? 'icmp6' : n === 51 ? 'ah' : n === 50 ? 'esp' : p;
  return extension(family, 'match', name);
}

/** Whether `text` is a MAC address as xtables reads it: six groups of one or two hex digits. */
function macValid(text: string): boolean {
  const parts = text.split(':');
  return parts.length === 6 && parts.every((p) => /^[0-9a-f]{1,2}$/i.test(p));
}

function portValid(text: string): boolean {
  if (text === '') return false;
  const i = text.indexOf(':');
  if (i < 0) return portNumber(text) !== undefined;
  const lo = i === 0 ? 0 : portNumber(text.slice(0, i));
  const hi = i === text.length - 1 ? 65535 : portNumber(text.slice(i + 1));
  return lo !== undefined && hi !== undefined && lo <= hi;
}

function addressValid(text: string, family: 'ip' | 'ip6'): boolean {
  const [addr, mask, extra] = text.split('/');
  if (extra !== undefined) return false;
  // iptables reads IPv4 addresses as inet_aton does: `10.0.0` is 10.0.0.0
  const short = family === 'ip' && /^\d{1,3}(\.\d{1,3}){1,2}$/.test(addr) && addr.split('.').every((x) => Number(x) <= 255);
  const a = short ? parseIp('0.0.0.0') : parseIp(addr);
  if (!a || a.v !== (family === 'ip' ? 4 : 6)) return false;
  if (mask === undefined) return true;
  if (/^\d+$/.test(mask)) return Number(mask) <= (family === 'ip' ? 32 : 128);
  return family === 'ip' && addressInterval(text) !== undefined;
}

/**
 * The validation of one iptables text whose tree is `root` (the file's family and --noflush from
 * its name, header and content, as the lowering reads them). Commands with syntax errors are left
 * to the grammar's diagnostics. A text without syntax errors is read by the line reader
 * (iptables-fast.ts) when it is sure to read it as the grammar does, which is much faster than
 * asking the tree's nodes (an editor validates on every keystroke); `lineReader: false` always
 * reads the tree. Both give the same diagnostics (test/unit/iptables-fast.test.ts).
 */
export function validateIptablesTree(root: Node, file: string, text: string, lines: LineIndex, opts: { readonly lineReader?: boolean; readonly memo?: RuleMemo } = {}): CoreDiagnostic[] {
  if (opts.lineReader !== false && !root.hasError) {
    try {
      const syntax = iptablesLineSyntax(text);
      if (syntax) return validateText(syntax, file, text, lines, opts.memo);
    } catch (e) {
      // a line the reader does not understand: the tree reads it
      if (!(e instanceof Declined)) throw e;
    }
  }
  return validateText(iptablesTreeSyntax(root), file, text, lines, opts.memo);
}

function validateText(syntax: IptSyntax, file: string, text: string, lines: LineIndex, memo: RuleMemo | undefined): CoreDiagnostic[] {
  const named = iptablesOptionsFor(file);
  const family = named.family ?? (() => {
    const found = detectIptables(syntax, false);
    return found.family ?? (found.v6Content ? 'ip6' : 'ip');
  })();
  // ufw's rule files under any name: ufw restores them with --noflush after its skeleton, which
  // creates the ufw-* chains they jump to (ufw-skip-to-policy-input, ufw-logging-deny, ...)
  const noflush = named.noflush || ufwFragment(text);
  return validateIptables(syntax, text, file, lines, { family, noflush, memo });
}

export function validateIptables(syntax: IptSyntax, text: string, file: string, lines: LineIndex, opts: ValidateOptions): CoreDiagnostic[] {
  const v = new IptablesValidation(text, file, lines, opts);
  // chains declared per table (`:X` and `-N X` anywhere in the table's sections)
  for (const top of syntax.items()) {
    if (top.kind !== 'section') continue;
    v.section(top);
    const table = top.name?.text ?? 'filter';
    for (const item of top.items()) v.declare(table, item, top);
  }
  for (const top of syntax.items()) {
    if (top.kind !== 'section') continue;
    const table = top.name?.text ?? 'filter';
    for (const item of top.items()) if (item.kind === 'rule' || item.kind === 'chain_command') v.command(item, table);
  }
  opts.memo?.turn();
  return v.diagnostics;
}

/**
 * The validation of one file, fed by a walk over its sections: first every item of every section
 * ({@link declare}), then every command in order ({@link command}). The lowering feeds it from
 * its own walk, so that a command's options are read once.
 */
export class IptablesValidation {
  private readonly out: CoreDiagnostic[] = [];
  private readonly err: Err;
  /** Per table (a section's name, `filter` when it has none): built-in chains and those its sections declare. */
  private readonly declared = new Map<string, Set<string>>();

  constructor(
    private readonly text: string,
    file: string,
    lines: LineIndex,
    private readonly opts: ValidateOptions,
  ) {
    this.err = (start, end, message) => {
      this.out.push({ span: lines.span(file, start, end), severity: 'error', code: 'iptables', message });
    };
    textChecks(text, this.err);
    opts.memo?.begin(text);
  }

  private chainsOf(table: string): Set<string> {
    let chains = this.declared.get(table);
    if (!chains) this.declared.set(table, (chains = new Set<string>(BUILTIN[table] ?? [])));
    return chains;
  }

  /** Tables whose sections delete a chain (`-X`): the rules of each chain are followed in order, to judge it. */
  private readonly tracked = new Set<string>();
  private readonly tables = new Map<string, ChainRules>();
  private rulesOf(table: string): ChainRules {
    let r = this.tables.get(table);
    if (!r) this.tables.set(table, (r = new ChainRules()));
    return r;
  }

  /** A section's header: iptables-restore refuses a table it does not have (`table name 'foo' invalid`). */
  section(top: IptSection): void {
    const name = top.name;
    if (name && !Object.hasOwn(BUILTIN, name.text)) this.err(name.start, name.end, unknownTable(name.text));
  }

  /** The section whose items {@link declare} is given, and the user chains they declared so far. */
  private current: IptSection | undefined;
  private sectionChains = new Set<string>();
  /** Per table: where each chain is first declared (a chain command before it does not find it). */
  private readonly declaredAt = new Map<string, Map<string, number>>();

  /**
   * An item of `section`, a section of `table`, in order: a declaration or `-N` declares its chain.
   * What iptables-legacy-restore refuses of a declaration is reported here: a built-in chain's
   * policy other than ACCEPT or DROP, a user chain's policy, a user chain declared twice in one
   * section (`File exists`; without --noflush for `:X`, which flushes an existing chain then), `-N`
   * of a built-in chain.
   */
  declare(table: string, item: IptSectionItem, section: IptSection): void {
    if (section !== this.current) {
      this.current = section;
      this.sectionChains = new Set();
    }
    const chains = this.chainsOf(table);
    const builtins: readonly string[] | undefined = Object.hasOwn(BUILTIN, table) ? BUILTIN[table] : undefined;
    const legacy = !this.opts.noflush;
    let name: string | undefined;
    let at: [number, number] = [item.start, item.end];
    if (item.kind === 'declaration' && item.name) {
      name = item.name;
      at = this.wordAt(name, item, item.start + 1);
      const policy = item.policy ?? '-';
      const policyAt = (): [number, number] => this.wordAt(policy, item, at[1]);
      // (`-` keeps a built-in chain's policy)
      if (!legacy) {
        // a --noflush fragment (ufw's) is judged by the nf_tables backend, which runs none of this
      } else if (builtins?.includes(name)) {
        if (policy !== 'ACCEPT' && policy !== 'DROP' && policy !== '-') this.err(...policyAt(), builtinPolicy(name, policy));
      } else {
        if (builtins && policy !== '-') this.err(...policyAt(), userPolicy(name));
        if (this.sectionChains.has(name)) this.err(...at, `chain ${named(name)} is declared twice in this section (iptables-restore: File exists)`);
      }
    } else if (item.kind === 'chain_command' && item.command?.type === 'new_chain' && item.chain) {
      // (a rule's command is never -N: its head is not read here)
      name = item.chain;
      at = this.wordAt(name, item, this.afterCommand(item));
      if (legacy && builtins?.includes(name)) this.err(...at, `chain ${named(name)} already exists: it is a built-in chain of table ${named(table)}`);
      else if (legacy && this.sectionChains.has(name)) this.err(...at, `chain ${named(name)} already exists: it is declared before in this section`);
    } else if (item.kind === 'chain_command' && item.command?.type === 'delete_chain' && legacy) {
      this.tracked.add(table);
      if (item.chain) this.sectionChains.delete(item.chain);
    } else if (
      item.kind === 'chain_command' &&
      item.command?.type === 'rename_chain' &&
      item.chain &&
      item.newName !== undefined &&
      legacy &&
      chains.has(item.chain) &&
      !builtins?.includes(item.chain) &&
      !chains.has(item.newName) &&
      item.newName.length <= RENAME_MAX
    ) {
      // `-E OLD NEW` (one that succeeds; the command's check reports the others): NEW is a chain
      // from here on (rules may name it), OLD is none until declared again
      this.sectionChains.delete(item.chain);
      const list = this.renames.get(table) ?? [];
      this.renames.set(table, list);
      list.push({ from: item.chain, to: item.newName, at: item.start });
      name = item.newName;
      at = this.wordAt(name, item, this.wordAt(item.chain, item, this.afterCommand(item))[1]);
    }
    if (name === undefined) return;
    chains.add(name);
    if (!builtins?.includes(name)) this.sectionChains.add(name);
    const first = this.declaredAt.get(table) ?? new Map<string, number>();
    this.declaredAt.set(table, first);
    if (!first.has(name)) first.set(name, item.start);
    for (const r of this.renames.get(table) ?? []) if (r.from === name && r.at < item.start && r.back === undefined) r.back = item.start;
    // (a new name given by -E has its own limit, judged with the command)
    if (!(item.kind === 'chain_command' && item.command?.type === 'rename_chain')) this.tooLong(name, at);
  }

  /** Per table, the chains `-E` renamed, in order: where, and where the old name was declared again (if it was). */
  private readonly renames = new Map<string, { from: string; to: string; at: number; back?: number }[]>();

  /** Where `word` stands in `item`, looked for from `from` (the whole item when it is not found there). */
  private wordAt(word: string, item: { readonly start: number; readonly end: number }, from: number): [number, number] {
    const at = word ? this.text.indexOf(word, from) : -1;
    return at >= 0 && at + word.length <= item.end ? [at, at + word.length] : [item.start, item.end];
  }

  /** The offset after a chain command's option (`-N`, `--new-chain`, ...). */
  private afterCommand(cmd: IptCommand): number {
    let i = cmd.command?.start ?? cmd.start;
    while (i < cmd.end && !/\s/.test(this.text[i])) i++;
    return i;
  }

  /** Both backends refuse a chain name over 28 characters (`Invalid chain name`, `too long (must be under 29 chars)`). */
  private tooLong(name: string, at: readonly [number, number], max = CHAIN_NAME_MAX): void {
    if (name.length > max) this.err(at[0], at[1], `chain name ${named(name)} has ${name.length} characters: iptables allows ${max}${max === CHAIN_NAME_MAX ? '' : ' for a new name given by -E'}`);
  }

  /**
   * A chain command: what iptables-legacy-restore refuses when it runs it: `-F`, `-X`, `-Z` or `-E`
   * of a chain not declared before it; `-P` of a chain that is not built in, with a policy other
   * than ACCEPT or DROP, or DROP in the nat table; `-X` of a built-in chain, of a chain that holds
   * rules or that a rule jumps to (when the table's rules are followed, {@link ChainRules}); `-E` of
   * a built-in chain, or to a name that is taken or too long.
   */
  private chainCommand(cmd: IptCommand, table: string, chains: ReadonlySet<string>): void {
    const type = cmd.command?.type;
    const chain = cmd.chain;
    // (a --noflush fragment, ufw's, is judged by the nf_tables backend, which runs none of this)
    if (this.opts.noflush || !Object.hasOwn(BUILTIN, table)) return;
    const state = this.tracked.has(table) ? this.rulesOf(table) : undefined;
    if (!chain) {
      if (type === 'flush') state?.clear();
      else if (type === 'delete_chain' && state && !state.uncertain) {
        for (const c of chains) if (!BUILTIN[table].includes(c) && state.refs(c)) this.err(cmd.start, cmd.end, referenced(c));
      }
      return;
    }
    const builtin = BUILTIN[table].includes(chain);
    const chainAt = this.wordAt(chain, cmd, this.afterCommand(cmd));
    const declaredAt = this.declaredAt.get(table)?.get(chain);
    if (!builtin && (declaredAt === undefined || declaredAt > cmd.start) && (type === 'flush' || type === 'delete_chain' || type === 'zero' || type === 'rename_chain')) {
      this.err(...chainAt, missingChain(chain, table));
      return;
    }
    const renamed = this.renames.get(table)?.find((r) => r.from === chain && r.at < cmd.start && (r.back === undefined || cmd.start < r.back));
    if (renamed && (type === 'flush' || type === 'delete_chain' || type === 'zero' || type === 'rename_chain')) {
      this.err(...chainAt, `chain ${named(chain)} was renamed (-E) to ${named(renamed.to)} before this command: iptables-restore finds no chain ${named(chain)}`);
      return;
    }
    if (type === 'flush') state?.flush(chain);
    else if (type === 'new_chain') state?.deleted.delete(chain);
    else if (type === 'set_policy') {
      const p = cmd.policy ?? '';
      if (!builtin) this.err(...chainAt, notBuiltin(chain, table));
      else if (p !== 'ACCEPT' && p !== 'DROP') this.err(...this.wordAt(p, cmd, chainAt[1]), badPolicy(p));
      else if (p === 'DROP' && table === 'nat') this.err(...this.wordAt(p, cmd, chainAt[1]), 'the nat table is not for filtering: iptables refuses the policy DROP there');
    } else if (type === 'delete_chain') {
      if (builtin) this.err(...chainAt, `built-in chain ${named(chain)} cannot be deleted`);
      else if (state && !state.uncertain) {
        if (state.count(chain)) this.err(...chainAt, `chain ${named(chain)} still holds rules: iptables-restore cannot delete it (flush it first with -F)`);
        else if (state.refs(chain)) this.err(...chainAt, referenced(chain));
        else state.deleted.add(chain);
      }
    } else if (type === 'rename_chain') {
      const to = cmd.newName;
      if (builtin) this.err(...chainAt, `built-in chain ${named(chain)} cannot be renamed`);
      else if (to !== undefined) {
        const toAt = this.wordAt(to, cmd, chainAt[1]);
        // (a chain declared before this command; the file's later declarations, this one's new name included, are not there yet)
        const before = this.declaredAt.get(table)?.get(to);
        if (BUILTIN[table].includes(to) || (chains.has(to) && before !== undefined && before < cmd.start)) this.err(...toAt, `chain ${named(to)} already exists in table ${named(table)}`);
        // (iptables-legacy-restore checks a new name against a longer limit than a chain's)
        else if (to.length > RENAME_MAX) this.tooLong(to, toAt, RENAME_MAX);
        // a chain renamed: its rules and the jumps to it are not followed further
        else if (state) state.uncertain = true;
      }
    }
  }

  /** A command of a section of `table`, after every item was declared. */
  command(cmd: IptCommand, table: string): void {
    if (cmd.broken) return; // the grammar reports it
    const chains = this.chainsOf(table);
    const type = cmd.command?.type;
    // names over the limit, in --noflush fragments too (both backends refuse them before anything else)
    if (cmd.kind === 'rule' && cmd.chain && cmd.chain.length > CHAIN_NAME_MAX) {
      this.tooLong(cmd.chain, this.wordAt(cmd.chain, cmd, this.afterCommand(cmd)));
      return;
    }
    // (a rule's text and its target, read once for the checks below; a line an edit did not touch
    // is found by its place, its target with it)
    const memo = this.opts.memo;
    const placed = cmd.kind === 'rule' && memo ? memo.placedAt(cmd.start, cmd.end) : undefined;
    const rule = cmd.kind === 'rule' && !placed ? this.text.slice(cmd.start, cmd.end) : '';
    const target = placed ? placed.target : targetOf(rule);
    if (target.length > CHAIN_NAME_MAX) {
      this.err(...this.wordAt(target, cmd, cmd.start + 1), `target name ${named(target)} has ${target.length} characters: iptables allows ${CHAIN_NAME_MAX} (Invalid target name)`);
      return;
    }
    if (cmd.kind === 'rule' && cmd.chain && !this.opts.noflush && !chains.has(cmd.chain) && (type === 'append' || type === 'insert' || type === 'replace' || type === 'delete' || type === 'check')) {
      this.err(cmd.start, cmd.end, `chain ${cmd.chain} does not exist in table ${table} (declare it with \`:${cmd.chain} - [0:0]\`)`);
      return;
    }
    if (cmd.kind !== 'rule') {
      this.chainCommand(cmd, table, chains);
      return;
    }
    if (this.tracked.has(table) && cmd.chain && !this.opts.noflush) {
      const gone = this.rulesOf(table).rule(type, cmd.chain, cmd.position !== undefined, target);
      if (gone) this.err(...this.wordAt(gone, cmd, this.afterCommand(cmd)), `chain ${named(gone)} was deleted (-X) before this rule`);
    }
    const renames = this.opts.noflush ? undefined : this.renames.get(table);
    if (renames && cmd.chain) {
      const r = renames.find((x) => x.at < cmd.start && (x.back === undefined || cmd.start < x.back) && (x.from === cmd.chain || x.from === target));
      if (r) this.err(...this.wordAt(r.from, cmd, r.from === cmd.chain ? this.afterCommand(cmd) : cmd.start + 1), `chain ${named(r.from)} was renamed (-E) to ${named(r.to)} before this rule: iptables-restore finds no chain ${named(r.from)}`);
    }
    if (!memo) {
      ruleChecks(cmd.items(), table, chains, this.opts.family, this.opts, this.text, this.err);
      return;
    }
    const context = this.contextOf(table, chains);
    if (placed && placed.context === context) {
      memo.placedFound++;
      for (const [s, e, m] of placed.entry.found) this.err(cmd.start + s, cmd.start + e, m);
      // (the record of the last text, now at its place in this one)
      placed.start = cmd.start;
      placed.end = cmd.end;
      memo.place(placed);
      return;
    }
    const text = rule || this.text.slice(cmd.start, cmd.end);
    const known = context.get(text);
    if (known) {
      for (const [s, e, m] of known.found) this.err(cmd.start + s, cmd.start + e, m);
      memo.place({ start: cmd.start, end: cmd.end, context, entry: known, target });
      return;
    }
    const found: Found[] = [];
    let inside = true;
    ruleChecks(cmd.items(), table, chains, this.opts.family, this.opts, this.text, (s, e, m) => {
      this.err(s, e, m);
      if (s < cmd.start || e > cmd.end) inside = false;
      found.push([s - cmd.start, e - cmd.start, m]);
    });
    // (a diagnostic outside the rule's text would not move with it)
    if (inside) memo.place({ start: cmd.start, end: cmd.end, context, entry: context.set(text, found), target });
  }

  /** Per table, once all its chains are declared: what a rule's diagnostics depend on besides its text. */
  private readonly contexts = new Map<string, MemoContext>();
  private contextOf(table: string, chains: ReadonlySet<string>): MemoContext {
    let c = this.contexts.get(table);
    if (!c) this.contexts.set(table, (c = this.opts.memo!.context([this.opts.family, this.opts.noflush ? 'noflush' : '', table, ...chains].join('\n'))));
    return c;
  }

  /** The text's own checks, then the commands', in order. */
  get diagnostics(): CoreDiagnostic[] {
    return this.out;
  }
}

type Err = (start: number, end: number, message: string) => void;

/**
 * The rules of each chain of a table as the commands of its sections add and remove them, by the
 * chain they jump to (`''`: none): what `-X` needs to know (iptables-legacy-restore refuses to
 * delete a chain that holds rules or that a rule jumps to). A rule deleted or replaced by its
 * number, or a chain renamed, leaves it uncertain: it judges nothing more.
 */
class ChainRules {
  private readonly targets = new Map<string, string[]>();
  uncertain = false;

  /** Chains deleted by `-X` (and not created again by `-N`). */
  readonly deleted = new Set<string>();

  /** A rule command (its chain and the chain its `-j`/`-g` names, or `''`); the deleted chain it names, if any. */
  rule(type: string | undefined, chain: string, numbered: boolean, target: string): string | undefined {
    const gone = this.deleted.has(chain) ? chain : this.deleted.has(target) ? target : undefined;
    const list = this.targets.get(chain) ?? [];
    this.targets.set(chain, list);
    if (type === 'append' || type === 'insert') list.push(target);
    else if (type === 'replace' || (type === 'delete' && numbered)) this.uncertain = true;
    else if (type === 'delete') {
      const i = list.indexOf(target);
      if (i >= 0) list.splice(i, 1);
      else this.uncertain = true;
    }
    return gone;
  }

  flush(chain: string): void {
    this.targets.delete(chain);
  }

  clear(): void {
    this.targets.clear();
  }

  count(chain: string): number {
    return this.targets.get(chain)?.length ?? 0;
  }

  refs(chain: string): number {
    let n = 0;
    for (const list of this.targets.values()) for (const t of list) if (t === chain) n++;
    return n;
  }
}

/** The `-j` / `-g` target of a rule's text (`''`: none). */
function targetOf(text: string): string {
  return /\s-[jg]\s+("?)([^\s"]+)\1(?=\s|$)/.exec(text)?.[2] ?? '';
}

/** A chain command naming a chain the table does not have. */
function missingChain(chain: string, table: string): string {
  return `chain ${named(chain)} does not exist in table ${named(table)}`;
}

/** `-X` of a chain a rule jumps to. */
function referenced(chain: string): string {
  return `rules jump to chain ${named(chain)}: iptables-restore cannot delete it`;
}

/** The longest chain name iptables takes (XT_EXTENSION_MAXNAMELEN is 29 with the NUL). */
const CHAIN_NAME_MAX = 28;
/** The longest new name `-E` takes (XT_TABLE_MAXNAMELEN is 32 with the NUL). */
const RENAME_MAX = 31;

/** A built-in chain declared with a policy other than ACCEPT or DROP (the lowering's message too, without validation). */
export function builtinPolicy(chain: string, policy: string): string {
  return `built-in chain ${named(chain)} needs the policy ACCEPT or DROP, not ${named(policy)}`;
}

/** A user chain declared with a policy. */
export function userPolicy(chain: string): string {
  return `user chain ${named(chain)} cannot have a policy (write -)`;
}

/** `-P` of a chain that is not built in. */
export function notBuiltin(chain: string, table: string): string {
  return `${named(chain)} is not a built-in chain of table ${named(table)}: it has no policy`;
}

/** `-P` with a policy other than ACCEPT or DROP. */
export function badPolicy(policy: string): string {
  return `policy ${named(policy)} is not ACCEPT or DROP`;
}

/** The refusal of a section's table that iptables does not have (the lowering's too, without validation). */
export function unknownTable(table: string): string {
  return `unknown table ${quoted(table)} (iptables has filter, nat, mangle, raw and security)`;
}

function textChecks(text: string, err: Err): void {
  let at = 0;
  let reportedCr = false;
  while (at <= text.length) {
    let nl = text.indexOf('\n', at);
    const last = nl < 0;
    if (last) nl = text.length;
    const line = text.slice(at, nl);
    if (!reportedCr && line.includes('\r') && !line.startsWith('#')) {
      const cr = at + line.indexOf('\r');
      err(cr, cr + 1, 'carriage return in the line (CRLF line ends?): iptables-restore reads it as part of the line and refuses it');
      reportedCr = true;
    } else if (line.length > 0 && /^[ \t]+$/.test(line)) {
      err(at, nl, 'a line of only blanks: iptables-restore refuses it (no command specified)');
    } else if (/^COMMIT\s/.test(line) && line.replace(/\r$/, '') !== 'COMMIT') {
      err(at, nl, 'text after COMMIT on its line: iptables-restore refuses it (Bad argument `COMMIT`)');
    } else if (line === 'COMMIT' && last) {
      err(at, nl, 'the last COMMIT has no line end: iptables-legacy-restore refuses it (Bad argument `COMMIT`)');
    }
    if (last) break;
    at = nl + 1;
  }
}

function ruleChecks(items: readonly IptItem[], table: string, chains: ReadonlySet<string>, family: 'ip' | 'ip6', opts: ValidateOptions, text: string, err: Err): void {
  // items in source order, with the options of matches and targets in between
  const flat: ({ kind: 'option'; opt: IptOption } | { kind: 'match' | 'target'; name: string; goto: boolean; start: number; end: number })[] = [];
  for (const it of items) {
    if (it.kind === 'option') flat.push({ kind: 'option', opt: it });
    else {
      flat.push({ kind: it.kind, name: it.name, goto: it.goto, start: it.start, end: it.end });
      for (const o of it.options) flat.push({ kind: 'option', opt: o });
    }
  }
  const loaded: Ext[] = [];
  let proto: string | undefined;
  let protoLoaded = false;
  let targets = 0;
  /** The tcp / udp port options met (`tcps`, `udpd`, ...): each may be given once. */
  let seen: Set<string> | undefined;
  /**
   * An option that requires a value, read by the grammar without one, takes the next word of the
   * rule as getopt does, even an option (`-i -j ACCEPT`: the interface `-j`): the value is checked
   * as the option's, and the word after it, if it is no option, is refused (Bad argument `ACCEPT`).
   * Returns whether the rule was refused; `skip` when the next option was consumed as the value.
   */
  const swallow = (i: number, o: IptOption, check: (value: string) => string | undefined): { refused: boolean; skip: boolean } => {
    const next = flat[i + 1];
    if (!next) {
      err(o.start, o.end, `option ${quoted(o.name)} requires a value`);
      return { refused: true, skip: false };
    }
    const negated = next.kind === 'option' && next.opt.negated;
    const word = negated ? '!' : next.kind === 'option' ? next.opt.name : text.slice(next.start, next.end).split(/\s/)[0];
    const bad = check(word);
    if (bad) {
      err(o.start, next.kind === 'option' ? next.opt.end : next.end, `${o.name} takes the next word ${quoted(word)} as its value: ${bad}`);
      return { refused: true, skip: false };
    }
    if (negated) return { refused: false, skip: false };
    const stray = next.kind === 'option' ? next.opt.args[0] : next.name;
    if (stray !== undefined && stray !== '!') {
      err(o.start, next.kind === 'option' ? next.opt.end : next.end, `${o.name} has no value, so iptables takes the next word ${quoted(word)} as its value and refuses ${quoted(stray)} (Bad argument)`);
      return { refused: true, skip: false };
    }
    return { refused: false, skip: true };
  };
  for (let i = 0; i < flat.length; i++) {
    const f = flat[i];
    if (f.kind === 'match') {
      const ext = extension(family, 'match', f.name);
      if (!ext) return err(f.start, f.end, `iptables has no match ${quoted(f.name)} (Couldn't load match ${quoted(f.name)})`);
      if (!loaded.some((e) => e.kind === 'match' && e.name === ext.name)) loaded.push(ext);
      if (ext.name === proto) protoLoaded = true;
      continue;
    }
    else if (f.kind === 'target') {
      if (++targets > 1) return err(f.start, f.end, 'a second -j / -g: iptables allows one target per rule');
      // (a jump to a chain of the table needs no extension)
      const chain = chains.has(f.name);
      const ext = chain ? undefined : extension(family, 'target', f.name);
      if (f.name === 'DROP' && table === 'nat') return err(f.start, f.end, 'DROP in the nat table: iptables refuses it (the nat table is not for filtering)');
      if (!VERDICTS.has(f.name) && !ext && !chain && !opts.noflush) {
        return err(f.start, f.end, `${quoted(f.name)} is neither a target iptables has nor a chain of table ${table} (Couldn't load target ${quoted(f.name)})`);
      }
      if (ext && !chain) loaded.push(ext);
      continue;
    }
    if (f.kind !== 'option') continue;
    const o = f.opt;
    // `-s ! ADDR`: the negation after the option's name (iptables 1.4.3 and older); only an option with a `!` can be one
    let bang = o.start;
    while (bang < o.end && text.charCodeAt(bang) !== 33 /* ! */) bang++;
    const raw = bang < o.end ? text.slice(o.start, o.end) : '';
    if (raw !== '' && /^(?:!\s+)?-\S*\s+!(\s|$)/.test(raw)) return err(o.start, o.end, `${quoted(raw)}: the negation goes before the option (\`! ${o.name} ...\`); iptables refuses \`${o.name} ! ...\``);
    if (!o.name.startsWith('--')) {
      const short = o.name.slice(1);
      if (o.args.length === 0 && REQUIRED_SHORT.has(short)) {
        const s = swallow(i, o, (v) => builtinValue(short, { ...o, args: [v] }, family));
        if (s.refused) return;
        if (s.skip) i++;
        continue;
      }
      const bad = builtinValue(short, o, family);
      if (bad) return err(o.start, o.end, bad);
      if (short === 'p') proto = protocolExtension(family, o.args[0] ?? '')?.name;
      continue;
    }
    const resolved = resolve(o.name, loaded);
    let r = resolved;
    if (r === undefined && proto && !protoLoaded) {
      const ext = extension(family, 'match', proto);
      if (ext) {
        loaded.push(ext);
        protoLoaded = true;
        r = resolve(o.name, loaded);
      }
    }
    if (r === undefined || r === 'ambiguous') return err(o.start, o.end, `unknown option ${quoted(o.name)}${r === 'ambiguous' ? ' (ambiguous abbreviation)' : ''}: no match or target of this rule takes it`);
    const rr = r;
    if (o.args.length === 0 && (rr.ext === undefined ? REQUIRED_SHORT.has(BUILTIN_LONG[rr.option]) : requiredArgument(rr.ext, rr.option))) {
      const s = swallow(i, o, (v) => (rr.ext === undefined ? builtinValue(BUILTIN_LONG[rr.option], { ...o, args: [v] }, family) : extensionValue(rr.ext.name, rr.option, { ...o, args: [v] }, family)));
      if (s.refused) return;
      if (s.skip) i++;
      continue;
    }
    if (r.ext === undefined) {
      const bad = builtinValue(BUILTIN_LONG[r.option], o, family);
      if (bad) return err(o.start, o.end, bad);
      if (BUILTIN_LONG[r.option] === 'p') proto = protocolExtension(family, o.args[0] ?? '')?.name;
      continue;
    }
    // words the option does not take: getopt hands them back as non-options (`--dport 22 ACCEPT`
    // after a deleted `-j`: Bad argument `ACCEPT`)
    // (an option that requires a value takes at least one word: only more than that can be stray)
    const required = requiredArgument(r.ext, r.option);
    const key = `${r.ext.name}${r.option}`;
    // (the set's name and its directions, a mask and the flags set in it)
    const twoWords = TWO_WORDS.has(key);
    if (twoWords && o.args.filter((a) => a !== '!').length === 1) return err(o.start, o.end, `${o.name} requires two args`);
    if (o.args.length > (required ? 1 : 0)) {
      const arity = !required ? (OPTIONAL_WORD.has(key) ? 1 : 0) : twoWords ? 2 : 1;
      const stray = o.args.slice(arity).find((a) => a !== '!');
      if (stray !== undefined) return err(o.start, o.end, `Bad argument ${quoted(stray)}: ${o.name} takes ${arity === 0 ? 'no value' : arity === 1 ? 'one value' : 'two values'}`);
    }
    if ((r.ext.name === 'tcp' || r.ext.name === 'udp') && /port/.test(r.option)) {
      const canonical = `${r.ext.name}${/^--(sport|source-port)$/.test(r.option) ? 's' : 'd'}`;
      if (seen?.has(canonical)) return err(o.start, o.end, `only one ${quoted(r.option)} is allowed`);
      (seen ??= new Set()).add(canonical);
    }
    const bad = extensionValue(r.ext.name, r.option, o, family);
    if (bad) return err(o.start, o.end, bad);
    const withPort = /^(DNAT|SNAT)$/.test(r.ext.name) ? /\]:|^[^[\]]*[.\d]:\d|^:\d/.test(o.args[0] ?? '') && (family === 'ip' || (o.args[0] ?? '').startsWith('[')) : /^(REDIRECT|MASQUERADE)$/.test(r.ext.name) && r.option === '--to-ports';
    if (withPort && !['tcp', 'udp', 'sctp', 'dccp', 'udplite'].includes(proto ?? '')) return err(o.start, o.end, `${r.ext.name} with a port needs \`-p tcp\`, udp, sctp or dccp`);
  }
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `ADDR[-ADDR][:PORT[-PORT]]` (IPv6 addresses with a port in brackets). */
function natSpecProblem(arg: string, family: 'ip' | 'ip6'): string | undefined {
  let addrs = arg;
  let ports: string | undefined;
  if (family === 'ip6') {
    const m = /^\[([^\]]+)\](?::(.*))?$/.exec(arg);
    if (m) [addrs, ports] = [m[1], m[2]];
  } else {
    const i = arg.indexOf(':');
    if (i >= 0) [addrs, ports] = [arg.slice(0, i), arg.slice(i + 1)];
  }
  if (addrs !== '') {
    for (const a of addrs.split('-')) if (parseIp(a)?.v !== (family === 'ip' ? 4 : 6)) return `Bad IP address ${quoted(arg)}`;
  }
  if (ports !== undefined && !ports.split('-').every((p) => /^\d+$/.test(p) && Number(p) <= 65535)) return `bad port in ${quoted(arg)}`;
  return undefined;
}

/** getopt_long: the exact name, else the one option an abbreviation stands for. */
function resolve(name: string, loaded: readonly Ext[]): { ext?: Ext; option: string } | 'ambiguous' | undefined {
  // written in full: iptables' own option first, then the loaded extensions in order
  if (Object.prototype.hasOwnProperty.call(BUILTIN_LONG, name)) return { option: name };
  for (const e of loaded) {
    const hit = e.exact.get(name);
    if (hit) return hit;
  }
  const candidates: { ext?: Ext; option: string }[] = [];
  for (const b of Object.keys(BUILTIN_LONG)) candidates.push({ option: b });
  for (const e of loaded) for (const o of e.options) candidates.push({ ext: e, option: o });
  const exact = candidates.find((c) => c.option === name);
  if (exact) return exact;
  const prefixed = candidates.filter((c) => c.option.startsWith(name));
  if (prefixed.length === 0) return undefined;
  // aliases of one option (`--src` / `--source`) are not ambiguous
  const ids = new Set(prefixed.map((c) => (c.ext ? `${c.ext.name}${canonicalAlias(c.option)}` : BUILTIN_LONG[c.option])));
  return ids.size === 1 ? prefixed[0] : 'ambiguous';
}

function canonicalAlias(option: string): string {
  switch (option) {
    case '--source-port':
    case '--sport':
      return '--sport';
    case '--destination-port':
    case '--dport':
      return '--dport';
    case '--source-ports':
    case '--sports':
      return '--sports';
    case '--destination-ports':
    case '--dports':
      return '--dports';
    default:
      return option;
  }
}

function builtinValue(short: string, o: IptOption, family: 'ip' | 'ip6'): string | undefined {
  const arg = o.args[0] ?? '';
  const arity = short === 'c' ? 2 : short === 'f' || short === '4' || short === '6' ? 0 : 1;
  if (o.args.length > arity) return `Bad argument ${quoted(o.args[arity])}: ${o.name} takes ${arity === 0 ? 'no value' : arity === 1 ? 'one value' : 'two values'}`;
  // (`--ta`, an abbreviation of --table, too: getopt reads it so)
  if (short === 't') return `${o.name === '-t' || o.name === '--table' ? o.name : `${o.name} (--table)`}: the -t option cannot be used in iptables-restore (the section's header, \`*nat\`, names the table)`;
  switch (short) {
    case 's':
    case 'd':
      for (const a of arg.split(',')) {
        if (!addressValid(a, family)) return `${quoted(a)} is not an ${family === 'ip' ? 'IPv4' : 'IPv6'} address or network (iptables: host/network not found or invalid mask)`;
      }
      return undefined;
    case 'i':
    case 'o':
      return arg.length > 15 ? `interface name ${quoted(arg)} is longer than 15 characters` : undefined;
    case 'p': {
      const p = arg.toLowerCase();
      if (p === 'all' || protocolNumber(p) !== undefined || p === 'icmpv6' || p === 'ipv6-icmp') return undefined;
      return `unknown protocol ${quoted(arg)}`;
    }
    default:
      return undefined;
  }
}

/** An unsigned number as iptables reads one (`strtoul` with base 0: decimal, 0x hex, 0 octal; spaces and `+` before it). */
function unsignedValue(text: string): number | undefined {
  const m = /^\s*\+?(?:0x([0-9a-f]+)|(0[0-7]*)|([1-9]\d*))$/i.exec(text);
  if (!m) return undefined;
  return m[1] !== undefined ? parseInt(m[1], 16) : m[2] !== undefined ? parseInt(m[2], 8) : Number(m[3]);
}

/**
 * `--limit N[/unit]`: the unit any beginning of second, minute, hour or day (in that order, any
 * case; per second without one), and a rate the kernel can count: at most 10000 per second, not 0.
 */
function limitRateValid(text: string): boolean {
  const m = /^(\d+)(?:\/([a-z]+))?$/i.exec(text);
  if (!m) return false;
  const units: readonly [string, number][] = [['second', 1], ['minute', 60], ['hour', 3600], ['day', 86400]];
  const unit = m[2] === undefined ? units[0] : units.find(([name]) => name.startsWith(m[2].toLowerCase()));
  const rate = Number(m[1]);
  return unit !== undefined && rate > 0 && Math.floor((10000 * unit[1]) / rate) >= 1;
}

/** `--ctstatus` words (any case). */
const CT_STATUSES: readonly string[] = ['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];

function extensionValue(ext: string, option: string, o: IptOption, family: 'ip' | 'ip6'): string | undefined {
  const arg = o.args[0] ?? '';
  const opt = canonicalAlias(option);
  // iptables 1.8.9 takes any number for a udp port (`-p udp --dport 70000`, `8080:80`), as the tool shows
  if (ext === 'udp' && (opt === '--sport' || opt === '--dport')) {
    const bad = arg.split(':').find((p) => p !== '' && !/^\d+$/.test(p) && portNumber(p) === undefined);
    return bad === undefined && arg !== '' ? undefined : `port ${quoted(arg)} does not resolve to anything`;
  }
  if ((ext === 'tcp' || ext === 'sctp' || ext === 'dccp' || ext === 'udplite') && (opt === '--sport' || opt === '--dport')) {
    return portValid(arg) ? undefined : `${quoted(arg)} is not a port or port range (invalid port/service)`;
  }
  if (ext === 'multiport' && (opt === '--sports' || opt === '--dports' || opt === '--ports')) {
    const parts = arg.split(',');
    let count = 0;
    for (const p of parts) {
      // (a multiport range names both ends: `80:` and `:80` are refused there, not in `--dport`)
      if (!portValid(p) || p.startsWith(':') || p.endsWith(':')) return `${quoted(p)} is not a port or port range (invalid port/service)`;
      count += p.includes(':') ? 2 : 1;
    }
    return count > 15 ? 'multiport takes at most 15 ports (a range counts as two)' : undefined;
  }
  if (ext === 'mac' && opt === '--mac-source') return macValid(arg) ? undefined : `${quoted(arg)} is not a MAC address (Invalid MAC address specified)`;
  if (ext === 'pkttype' && opt === '--pkt-type') return PACKET_TYPES.has(arg.toLowerCase()) ? undefined : `bad packet type ${quoted(arg)} (unicast, broadcast, multicast, host, otherhost)`;
  if (ext === 'addrtype' && (opt === '--src-type' || opt === '--dst-type')) {
    const bad = arg.split(',').find((t) => !ADDRESS_TYPES.has(t.toUpperCase()));
    return bad === undefined ? undefined : `addrtype: bad type ${quoted(bad)}`;
  }
  // case-sensitive words
  if (ext === 'connbytes' && opt === '--connbytes-dir') return ['original', 'reply', 'both'].includes(arg) ? undefined : `unknown --connbytes-dir ${quoted(arg)} (original, reply, both)`;
  if (ext === 'connbytes' && opt === '--connbytes-mode') return ['packets', 'bytes', 'avgpkt'].includes(arg) ? undefined : `unknown --connbytes-mode ${quoted(arg)} (packets, bytes, avgpkt)`;
  if (ext === 'statistic' && opt === '--mode') return ['random', 'nth'].includes(arg) ? undefined : `statistic: bad mode ${quoted(arg)} (random, nth)`;
  if (ext === 'policy' && opt === '--dir') return ['in', 'out'].includes(arg) ? undefined : `policy match: invalid dir ${quoted(arg)} (in, out)`;
  if (ext === 'policy' && opt === '--pol') return ['none', 'ipsec'].includes(arg) ? undefined : `policy match: invalid policy ${quoted(arg)} (none, ipsec)`;
  if (ext === 'AUDIT' && opt === '--type') return /^(accept|drop|reject)$/i.test(arg) ? undefined : `bad AUDIT type ${quoted(arg)} (accept, drop, reject)`;
  if (ext === 'limit' && opt === '--limit') return limitRateValid(arg) ? undefined : `bad rate ${quoted(arg)}: a number of packets per second, minute, hour or day (\`3/min\`), at most 10000/s`;
  if (ext === 'limit' && opt === '--limit-burst') {
    const n = unsignedValue(arg);
    return n !== undefined && n <= 10000 ? undefined : `bad value for option --limit-burst ${quoted(arg)}, or out of range (0-10000)`;
  }
  if (ext === 'hashlimit' && opt === '--hashlimit-mode') {
    const bad = arg.split(',').find((m) => !['srcip', 'srcport', 'dstip', 'dstport'].includes(m));
    return bad === undefined ? undefined : `bad --hashlimit-mode ${quoted(bad)} (srcip, srcport, dstip, dstport)`;
  }
  // a set's direction flags: `src` or `dst`, at most six (one per dimension of the set's type)
  if (((ext === 'set' && opt === '--match-set') || (ext === 'SET' && (opt === '--add-set' || opt === '--del-set' || opt === '--map-set'))) && o.args.length > 1) {
    const flags = (o.args[1] ?? '').split(',');
    const bad = flags.find((f) => f !== 'src' && f !== 'dst');
    if (bad !== undefined) return `${quoted(bad)} is not a direction of the set (a comma-separated list of src and dst)`;
    return flags.length > 6 ? `a set takes at most 6 directions (src/dst), not ${flags.length}` : undefined;
  }
  if (ext === 'NETMAP' && opt === '--to') return addressValid(arg, family) ? undefined : `${quoted(arg)} is not an ${family === 'ip' ? 'IPv4' : 'IPv6'} address or network`;
  // `any` is an ICMP type of iptables only
  if (ext === 'icmp6' && opt === '--icmpv6-type' && arg === 'any') return 'unknown ICMPv6 type `any`';
  if ((ext === 'icmp' && opt === '--icmp-type') || (ext === 'icmp6' && opt === '--icmpv6-type')) {
    if (icmpTypeKnown(ext === 'icmp6', arg)) return undefined;
    const what = `ICMP${ext === 'icmp6' ? 'v6' : ''} type`;
    return icmpResolve(ext === 'icmp6', arg) === 'ambiguous' ? `ambiguous ${what} ${quoted(arg)}: more than one name starts with it` : `unknown ${what} ${quoted(arg)}`;
  }
  if (ext === 'conntrack' && opt === '--ctstatus') {
    const bad = arg.split(',').find((s) => !CT_STATUSES.includes(s.toUpperCase()));
    return bad === undefined ? undefined : `bad ctstatus ${quoted(bad)} (${CT_STATUSES.join(', ')})`;
  }
  if (ext === 'conntrack' && opt === '--ctdir') return /^(original|reply)$/i.test(arg) ? undefined : `bad ctdir ${quoted(arg)} (ORIGINAL or REPLY)`;
  if ((ext === 'state' && opt === '--state') || (ext === 'conntrack' && opt === '--ctstate')) {
    const bad = arg.split(',').find((s) => !STATES.has(s.toUpperCase()) || (ext === 'state' && (s === 'SNAT' || s === 'DNAT')));
    return bad === undefined ? undefined : `bad conntrack state ${quoted(bad)}`;
  }
  if (ext === 'tcp' && opt === '--tcp-flags') {
    for (const list of [o.args[0] ?? '', o.args[1] ?? '']) {
      const bad = list.split(',').find((f) => !TCP_FLAGS.has(f.toUpperCase()));
      if (bad !== undefined) return `unknown TCP flag ${quoted(bad)}`;
    }
    return undefined;
  }
  if (ext === 'LOG' && opt === '--log-level') {
    return (/^\d+$/.test(arg) && Number(arg) <= 7) || LOG_LEVELS.has(arg.toLowerCase()) ? undefined : `log level ${quoted(arg)} is unknown`;
  }
  if (ext === 'REJECT' && opt === '--reject-with') return (family === 'ip' ? REJECT_V4 : REJECT_V6).has(arg) ? undefined : `unknown REJECT type ${quoted(arg)}`;
  if (ext === 'time' && (opt === '--timestart' || opt === '--timestop')) {
    const m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/.exec(arg);
    return m && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3] ?? 0) < 60 ? undefined : `invalid time ${quoted(arg)} (hh:mm[:ss])`;
  }
  if (ext === 'time' && opt === '--weekdays') {
    // libxt_time: each comma-separated day is a number strtoul reads whole (0 refused, any other
    // taken) or a word whose first two letters are those of a day's name, case-sensitive (`Tuee`
    // is Tuesday, `tue` is refused); one comma at the end is ignored
    const days = arg.split(',');
    if (days.length > 1 && days[days.length - 1] === '') days.pop();
    for (const d of days) {
      const n = /^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(d) ? Number(/^0[0-7]+$/.test(d) ? parseInt(d, 8) : d) : d === '' ? 0 : undefined;
      if (n === 0) return `${quoted(d)}: the week does not begin with Sunday (day 0); days are 1-7 or Mon ... Sun`;
      if (n === undefined && !DAYS.some((name) => d.length >= 2 && name.startsWith(d.slice(0, 2)))) return `${quoted(d)} is not a valid day`;
    }
    return undefined;
  }
  if ((ext === 'DNAT' && opt === '--to-destination') || (ext === 'SNAT' && opt === '--to-source')) return natSpecProblem(arg, family);
  if (ext === 'iprange' && (opt === '--src-range' || opt === '--dst-range')) {
    const [a, b, c] = arg.split('-');
    return c === undefined && addressValid(a, family) && !a.includes('/') && (b === undefined || (addressValid(b, family) && !b.includes('/'))) ? undefined : `${quoted(arg)} is not an address range`;
  }
  return undefined;
}
