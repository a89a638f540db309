/**
 * Lowers an nftables tree (a script for `nft -f`, or `nft list ruleset` output) into a
 * {@link Fragment}: the ordered operations the file performs on the ruleset.
 *
 * - Blocks (`table ip filter { chain ... }`) and commands (`add rule ...`, `delete chain ...`,
 *   `flush ruleset`) become ops in source order; the default family is `ip`.
 * - `define` / `redefine` / `undefine` and `$name` are substituted here, where they are used; spans
 *   point at the use site, diagnostics carry the definition as related information.
 * - `include` is followed through an injected reader and a parse callback (so the core stays pure);
 *   relative paths are tried against the including file's directory, then the include search
 *   paths (default `/etc`). Globs may match nothing; a plain missing file is an error. Cycles and
 *   nesting deeper than 16 are reported.
 * - Every statement becomes a model statement; what the model cannot represent becomes an
 *   `unknown` statement (or an {@link UnknownOp}) with its reason. Nothing is dropped silently.
 *
 * Never throws: problems are diagnostics (code `lower`) with exact spans.
 */
import type { Tree } from 'web-tree-sitter';
import { mirrorTree, type SyntaxNode as Node } from '../syntax/mirror';
import type { CoreDiagnostic, RelatedInfo, Result, Severity } from '../diagnostics';
import { syntaxDiagnostics } from '../syntax/errors';
import type { Languages } from '../syntax/languages';
import { parseGuard } from '../syntax/limits';
import { reparse, type TreeReuse } from '../syntax/reparse';
import { LineIndex } from '../text';
import { type Span, detached, quoted } from '../text';
import type { BaseChainSpec, ChainType, Family, Fragment, Hook, NamedSet, Op, Rule, SetElement, TableRef, Value } from './model';
import { tableKey } from './model';
import type { Env, Frame, VarScope } from './nft/expr';
import { concatParts, evalValue, expand, frameSpan, isBad, kids, oneLine, resolveVar, spanOf, unquote } from './nft/expr';
import type { Kind } from './nft/fields';
import { typeKind } from './nft/fields';
import { FAMILIES, FAMILY_HOOKS, HOOKS, NAT_PRIORITY_FLOOR, TYPE_HOOKS, resolvePriority } from './nft/names';
import { nftParserChecks } from './nft/parser-checks';
import { dirname, isAbsolute, isGlob, join } from './nft/paths';
import type { RuleEnv } from './nft/statements';
import { NUMGEN_MODES, SET_FLAGS, setTypeError } from './nft/keys';
import { SYNTAX_REASON, checkUnits, evalLhs, evalMapElements, lowerStatements, selectorKeyError } from './nft/statements';
import type { ChainReplay, ChainRule, KeptRef, NftRuleMemo, RefEntry } from './nft/rule-memo';
import { type Anchor, Move, anchorOf, keepable, movesInPlace, spanObjects } from './rule-move';

/** Reads included files. `glob` lists the files matching a pattern (sorted or not); without it, glob includes are skipped with a warning. */
export interface NftIncludeReader {
  read(path: string): string | undefined;
  glob?(pattern: string): readonly string[];
}

export interface LowerNftOptions {
  readonly reader?: NftIncludeReader;
  /**
   * Parses the text of an included file. The trees it returns are owned by the lowering, which
   * deletes them before returning.
   */
  readonly parse?: (text: string, file: string) => Tree | undefined;
  /** Include search paths (nft `-I`), tried after the including file's directory. Default `['/etc']`. */
  readonly includePaths?: readonly string[];
  /**
   * Checks the names a rule refers to (sets, maps, chains, selector keys) as nft's evaluation
   * does. Default true; texts the project renders itself (Docker's, firewalld's) pass false.
   */
  readonly checkReferences?: boolean;
  /**
   * The rules of the previous lowering of this text's file, kept for this one (`nft/rule-memo.ts`;
   * the language server keeps one per open file). The result is the same without it.
   */
  readonly memo?: NftRuleMemo;
}

export const MAX_INCLUDE_DEPTH = 16;


interface SetInfo {
  keyKind: Kind;
  dataKind?: Kind | 'verdict';
}

/**
 * A chain declaration's items (its children but its name, family and table): its rules, and the
 * others. Kept per node (`keep`: with a memo, in the editor): the tree's copy of the next text
 * adopts an unchanged chain's node, whose children stay the same (a chain of thousands of rules
 * was otherwise copied three times per lowering).
 */
function chainItems(node: Node, nameNode: Node | null, keep: boolean): ChainItems {
  let got = keep ? chainItemsOf.get(node) : undefined;
  if (!got) {
    const tableNode = node.childForFieldName('table');
    const rules: Node[] = [];
    const specs: Node[] = [];
    for (const k of kids(node)) if (k !== nameNode && k.type !== 'family' && k !== tableNode) (k.type === 'rule' ? rules : specs).push(k);
    got = { rules, specs };
    if (keep) chainItemsOf.set(node, got);
  }
  return got;
}
interface ChainItems {
  readonly rules: readonly Node[];
  /** The others: the hook, policy, comment and devices. */
  readonly specs: readonly Node[];
}
const chainItemsOf = new WeakMap<Node, ChainItems>();

class Lowerer {
  readonly ops: Op[] = [];
  readonly diagnostics: CoreDiagnostic[] = [];
  private vars: VarScope = undefined;
  private readonly stack: string[] = [];
  private readonly sets = new Map<string, SetInfo>();
  private readonly written = new Set<string>();
  private readonly setOps: { index: number; key: string }[] = [];
  private readonly bindingNames = new Set<string>();
  /** Tables this text declares, the sets, maps and meters in them, and the `@name` references its rules make. */
  private readonly tables = new Set<string>();
  private readonly declared = new Set<string>();
  /**
   * `kept`: the span is the memo's, which moves in place with its rule: a diagnostic made of it
   * gets a copy (see `unresolved`).
   */
  private readonly refs: { table: TableRef; name: string; span: Span; kept?: true }[] = [];
  /** The chains this text declares, by their table's key. */
  private readonly chains = new Map<string, Set<string>>();
  private readonly jumps: { table: TableRef; name: string; span: Span; kept?: true }[] = [];
  private includes = false;
  /** Per parent node: the rows of its ERROR / MISSING children (see `brokenRule`). */
  private readonly errorRows = new Map<Node, [number, number][]>();

  constructor(private readonly options: LowerNftOptions) {}

  /** An error the lowering may have reported already at the same place (a selector it also evaluated). */
  private diagOnce(span: Span, message: string): void {
    if (!this.reported.has(`${span.file}\0${span.start}\0${message}`)) this.diag(span, 'error', message);
  }

  /** Where and what each diagnostic said, for `diagOnce`. */
  private readonly reported = new Set<string>();

  private diag(span: Span, severity: Severity, message: string, related?: readonly RelatedInfo[]): void {
    this.reported.add(`${span.file}\0${span.start}\0${message}`);
    this.diagnostics.push({ span, severity, message, code: 'lower', ...(related?.length ? { related } : {}) });
  }

  /** Every environment's `report`: one function, not one per rule. */
  private readonly reportTo: Env['report'] = (d) => this.diag(d.span, d.severity, d.message, d.related);

  private env(frame: Frame, family: Family): Env {
    return { frame, family, vars: this.vars, depth: 0, report: this.reportTo };
  }

  private span(frame: Frame, node: Node, end?: Node): Span {
    return frameSpan(frame, node.startIndex, (end ?? node).endIndex);
  }

  /**
   * The span of a table declaration (`scope` 'table') or of a chain's (`scope`: its table's key),
   * kept by the memo (see `KeptSpans`); commands other than declarations get
   * their own. (A table is named by its family too: its name is keyed with it.)
   */
  private declarationSpan(frame: Frame, cmd: string | undefined, scope: string, name: string | undefined, node: Node, end?: Node): Span {
    const memo = this.options.memo;
    if (!memo || name === undefined || !movesInPlace(frame.file) || (cmd !== undefined && cmd !== 'add' && cmd !== 'create')) return this.span(frame, node, end);
    const key = scope === 'table' ? `${this.familyOf(node)} ${name}` : name;
    return memo.declarations.span(frame.file, scope, key, node.startIndex, (end ?? node).endIndex, frame.lines);
  }

  lowerFile(frame: Frame, root: Node): void {
    this.stack.push(frame.file);
    for (const item of kids(root)) this.item(frame, item);
    this.stack.pop();
    if (this.options.checkReferences !== false) this.parserChecks(frame, root);
  }

  /** What nft's own parser refuses beyond the grammar (`nft/parser-checks.ts`), where the lowering reported no error yet. */
  private parserChecks(frame: Frame, root: Node): void {
    const problems = nftParserChecks(root, this.options.memo?.parserProblems);
    if (problems.length === 0) return;
    const reported = new Set(this.diagnostics.filter((d) => d.severity === 'error' && d.span.file === frame.file).map((d) => d.span.start));
    for (const p of problems) if (!reported.has(p.start)) this.diag(frame.lines.span(frame.file, p.start, p.end), 'error', p.message);
  }

  private item(frame: Frame, node: Node): void {
    switch (node.type) {
      case 'include':
        return this.include(frame, node);
      case 'define':
        return this.define(frame, node);
      case 'table_declaration':
        return this.table(frame, node);
      case 'chain_declaration':
      case 'set_declaration':
      case 'map_declaration':
      case 'flowtable_declaration':
      case 'counter_declaration':
      case 'quota_declaration':
      case 'limit_declaration':
      case 'ct_helper_declaration':
      case 'ct_timeout_declaration':
      case 'ct_expectation_declaration':
      case 'secmark_declaration':
      case 'synproxy_declaration': {
        const t = this.tableOf(frame, node);
        if (t) this.tableItem(frame, t, node, node.childForFieldName('command')?.text);
        return;
      }
      case 'rule_command':
        return this.ruleCommand(frame, node);
      case 'element_command':
        return this.elementCommand(frame, node);
      case 'ruleset_command': {
        const cmd = node.childForFieldName('command')?.text ?? '';
        const fam = node.childForFieldName('family')?.text as Family | undefined;
        if (cmd === 'flush') this.ops.push({ op: 'flushRuleset', ...(fam ? { family: fam } : {}), span: this.span(frame, node) });
        else this.passive(frame, node, cmd);
        return;
      }
      case 'list_command':
        return this.passive(frame, node, node.childForFieldName('command')?.text ?? 'list');
      case 'rename_command':
        this.ops.push({ op: 'unknown', reason: '`rename chain` is not modelled', affectsVerdicts: true, span: this.span(frame, node) });
        return;
      default:
        // ERROR nodes are reported as syntax errors by the parser's own diagnostics.
        return;
    }
  }

  /** `list`, `reset`, `get`, `monitor`: commands that do not change which packets pass. */
  private passive(frame: Frame, node: Node, cmd: string): void {
    this.diag(this.span(frame, node), 'information', `\`${cmd}\` does not change the ruleset: ignored`);
  }

  // ------------------------------------------------------------------ preprocessor

  private define(frame: Frame, node: Node): void {
    const cmd = node.childForFieldName('command')?.text ?? 'define';
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    const name = nameNode.text;
    const span = this.span(frame, nameNode);
    const exists = (() => {
      for (let s = this.vars; s; s = s.prev) if (s.def.name === name) return !!s.def.node;
      return false;
    })();
    if (cmd === 'undefine') {
      if (!exists) this.diag(span, 'error', `undefine of $${name}, which is not defined`);
      this.vars = { def: { name, frame, scope: this.vars, span }, prev: this.vars };
      return;
    }
    const value = node.childForFieldName('value');
    if (!value) return;
    if (cmd === 'define' && exists) this.diag(span, 'warning', `$${name} is already defined: use \`redefine\` to change it`);
    this.vars = { def: { name, node: value, frame, scope: this.vars, span }, prev: this.vars };
  }

  private include(frame: Frame, node: Node): void {
    const pathNode = node.childForFieldName('path');
    if (!pathNode) return;
    this.includes = true;
    const span = this.span(frame, node);
    const path = unquote(pathNode.text);
    const reader = this.options.reader;
    const parse = this.options.parse;
    if (!reader || !parse) {
      this.diag(span, 'warning', `include "${path}" not followed: no file reader was given`);
      this.ops.push({ op: 'unknown', reason: `include "${path}" was not read`, affectsVerdicts: true, span });
      return;
    }
    if (this.stack.length >= MAX_INCLUDE_DEPTH) {
      this.diag(span, 'error', `include "${path}": includes are nested deeper than ${MAX_INCLUDE_DEPTH} levels`);
      return;
    }
    const candidates = isAbsolute(path) ? [path] : [join(dirname(frame.file), path), ...(this.options.includePaths ?? ['/etc']).map((d) => join(d, path))];
    let files: string[] = [];
    if (isGlob(path)) {
      if (!reader.glob) {
        this.diag(span, 'warning', `include "${path}" not followed: no file lister for glob patterns was given`);
        this.ops.push({ op: 'unknown', reason: `include "${path}" was not read`, affectsVerdicts: true, span });
        return;
      }
      for (const c of candidates) {
        const m = [...reader.glob(c)].sort();
        if (m.length) {
          files = m;
          break;
        }
      }
      // (nft takes a pattern that names no file; said, since the files may be on another host)
      if (!files.length) this.diag(span, 'information', `include "${path}" names no file here (tried ${candidates.join(', ')}): nothing is included`);
    } else {
      const found = candidates.find((c) => reader.read(c) !== undefined);
      if (!found) {
        this.diag(span, 'error', `cannot read include file "${path}" (tried ${candidates.join(', ')})`);
        this.ops.push({ op: 'unknown', reason: `include "${path}" could not be read`, affectsVerdicts: true, span });
        return;
      }
      files = [found];
    }
    for (const file of files) {
      if (this.stack.includes(file)) {
        this.diag(span, 'error', `include cycle: ${[...this.stack.slice(this.stack.indexOf(file)), file].join(' → ')}`);
        continue;
      }
      const text = reader.read(file);
      if (text === undefined) {
        this.diag(span, 'error', `cannot read include file "${file}"`);
        continue;
      }
      const tree = parse(text, file);
      if (!tree) {
        this.diag(span, 'error', `include file "${file}" could not be parsed`);
        continue;
      }
      let root: Node;
      try {
        root = mirrorTree(tree, text);
      } finally {
        tree.delete();
      }
      const lines = new LineIndex(text);
      for (const d of syntaxDiagnostics({ rootNode: root }, file, text, lines)) this.diagnostics.push(d);
      this.lowerFile({ file, text, lines, lazy: !this.options.memo }, root);
    }
  }

  // ------------------------------------------------------------------ names and tables

  private name(frame: Frame, node: Node | null, family: Family = 'ip'): string | undefined {
    if (!node) return undefined;
    let name: string;
    if (node.type === 'identifier') name = node.text;
    else if (node.type === 'string') name = unquote(node.text);
    else if (node.type === 'variable') {
      const x = expand(this.env(frame, family), node);
      if (isBad(x)) return undefined;
      name = x.node.type === 'string' ? unquote(x.node.text) : x.node.text;
    } else return undefined;
    // the kernel's limit for the names of tables, chains, sets and objects (NFT_NAME_MAXLEN, with its NUL)
    if (name.length > NFT_NAME_MAX) this.diagOnce(this.span(frame, node), `the name ${quoted(name)} has ${name.length} characters: nft allows ${NFT_NAME_MAX}`);
    return name;
  }

  private familyOf(node: Node): Family {
    const f = node.childForFieldName('family')?.text;
    return f && (FAMILIES as readonly string[]).includes(f) ? (f as Family) : 'ip';
  }

  /** The table a command names (`add chain inet filter x` → inet filter). */
  private tableOf(frame: Frame, node: Node): TableRef | undefined {
    const family = this.familyOf(node);
    const name = this.name(frame, node.childForFieldName('table'), family);
    return name === undefined ? undefined : this.tableRef(family, name);
  }

  /** A table's reference object: the memo's (the same each lowering), else a new one. */
  private tableRef(family: Family, name: string): TableRef {
    return this.options.memo ? this.options.memo.tableRef(family, name) : { family, name, backend: 'nft' };
  }

  private table(frame: Frame, node: Node): void {
    const cmd = node.childForFieldName('command')?.text;
    const family = this.familyOf(node);
    const nameNode = node.childForFieldName('name');
    const name = this.name(frame, nameNode, family);
    const span = this.declarationSpan(frame, cmd, 'table', name, node, nameNode ?? node.childForFieldName('handle') ?? undefined);
    if (name === undefined) {
      if (cmd === 'delete' || cmd === 'destroy') this.ops.push({ op: 'unknown', reason: `\`${cmd} table\` by handle is not modelled`, affectsVerdicts: true, span });
      else if (cmd === 'list' || cmd === 'reset' || cmd === 'get') this.passive(frame, node, cmd);
      return;
    }
    const table = this.tableRef(family, name);
    switch (cmd) {
      case 'delete':
        this.ops.push({ op: 'deleteTable', table, span });
        return;
      case 'destroy':
        // Deleting a table that may not exist is fine for `destroy`.
        this.ops.push({ op: 'addTable', table, span }, { op: 'deleteTable', table, span });
        return;
      case 'flush':
        this.ops.push({ op: 'flushTable', table, span });
        return;
      case 'list':
      case 'reset':
      case 'get':
        this.passive(frame, node, cmd);
        return;
    }
    const items = kids(node).filter((k) => k !== nameNode && k.type !== 'family' && k.type !== 'comment');
    const flags = items.filter((k) => k.type === 'flags_spec').flatMap((k) => k.childrenForFieldName('flag').map((f) => f.text));
    this.ops.push({ op: 'addTable', table, ...(flags.length ? { flags } : {}), span });
    this.tables.add(tableKey(table));
    for (const item of items) this.tableItem(frame, table, item, undefined);
  }

  private tableItem(frame: Frame, table: TableRef, node: Node, cmd: string | undefined): void {
    switch (node.type) {
      case 'chain_declaration':
        return this.chain(frame, table, node, cmd);
      case 'set_declaration':
      case 'map_declaration':
        return this.set(frame, table, node, cmd);
      case 'flags_spec':
      case 'comment_spec':
        return;
      default: {
        if (!node.type.endsWith('_declaration')) return;
        if (cmd === 'list' || cmd === 'reset' || cmd === 'get') return this.passive(frame, node, cmd);
        for (const v of kids(node)) if (v.type === 'limit_values' || v.type === 'quota_values') checkUnits(this.env(frame, table.family), v);
        const what = node.type.replace(/_declaration$/, '').replace(/_/g, ' ');
        const span = this.span(frame, node, node.childForFieldName('name') ?? undefined);
        this.ops.push({ op: 'unknown', reason: `${what} objects are not modelled`, affectsVerdicts: false, span });
      }
    }
  }

  // ------------------------------------------------------------------ chains and rules

  private chain(frame: Frame, table: TableRef, node: Node, cmd: string | undefined): void {
    const nameNode = node.childForFieldName('name');
    const name = this.name(frame, nameNode, table.family);
    const span = this.declarationSpan(frame, cmd, tableKey(table), name, node, nameNode ?? node.childForFieldName('handle') ?? undefined);
    if (name === undefined) {
      if (cmd === 'delete' || cmd === 'destroy') this.ops.push({ op: 'unknown', reason: `\`${cmd} chain\` by handle is not modelled`, affectsVerdicts: true, span });
      return;
    }
    switch (cmd) {
      case 'delete':
        this.ops.push({ op: 'deleteChain', table, name, span });
        return;
      case 'destroy':
        this.ops.push({ op: 'addChain', table, name, span }, { op: 'deleteChain', table, name, span });
        return;
      case 'flush':
        this.ops.push({ op: 'flushChain', table, name, span });
        return;
      case 'list':
      case 'reset':
      case 'get':
        this.passive(frame, node, cmd);
        return;
    }
    const key = tableKey(table);
    let names = this.chains.get(key);
    if (!names) this.chains.set(key, (names = new Set()));
    names.add(name);
    const { rules, specs } = chainItems(node, nameNode, this.options.memo !== undefined);
    const env = this.env(frame, table.family);
    let base: BaseChainSpec | undefined;
    let policy: 'accept' | 'drop' | undefined;
    let comment: string | undefined;
    let device: string | undefined;
    const hook = specs.find((k) => k.type === 'hook_spec');
    for (const item of specs) {
      if (item.type === 'policy_spec') {
        const p = item.childForFieldName('policy');
        const text = p ? this.name(frame, p.type === 'variable' ? p : p, table.family) ?? p.text : '';
        if (text === 'accept' || text === 'drop') policy = text;
        else this.diag(this.span(frame, item), 'error', `${quoted(text, "'")} is not a chain policy (accept or drop)`);
      } else if (item.type === 'comment_spec') {
        const c = item.childForFieldName('comment');
        if (c) comment = unquote(c.text);
      } else if (item.type === 'devices_spec') {
        device = this.devices(env, item.childForFieldName('devices'));
      }
    }
    if (hook) {
      const typeText = hook.childForFieldName('type')?.text;
      const hookText = hook.childForFieldName('hook')?.text ?? '';
      const prioNode = hook.childForFieldName('priority');
      const devNode = hook.childForFieldName('device');
      if (devNode) device = devNode.type === 'anonymous_set' || devNode.type === 'variable' ? this.devices(env, devNode) : this.name(frame, devNode, table.family);
      let ok = true;
      if (!typeText) this.diag(this.span(frame, hook), 'error', 'a base chain needs a type (`type filter hook ...`)');
      else if (typeText !== 'filter' && typeText !== 'nat' && typeText !== 'route') {
        this.diag(this.span(frame, hook.childForFieldName('type')!), 'error', `${quoted(typeText, "'")} is not a chain type (filter, nat or route)`);
        ok = false;
      }
      const hookNode = hook.childForFieldName('hook') ?? hook;
      if (!(HOOKS as readonly string[]).includes(hookText)) {
        this.diag(this.span(frame, hookNode), 'error', `${quoted(hookText, "'")} is not a hook`);
        ok = false;
      } else if (!FAMILY_HOOKS[table.family].includes(hookText as Hook)) {
        this.diag(this.span(frame, hookNode), 'error', `The ${table.family} family does not support this hook (${hookText}; it has ${FAMILY_HOOKS[table.family].join(', ')})`);
        ok = false;
      } else if (ok && typeText) {
        // what the kernel refuses when nft hands it the chain (the file then loads nothing)
        const hooks = TYPE_HOOKS[table.family][typeText as 'filter' | 'nat' | 'route'];
        if (!hooks) this.diag(this.span(frame, hook.childForFieldName('type')!), 'error', `the kernel has no ${typeText} chains in the ${table.family} family (Could not process rule: No such file or directory)`);
        else if (!hooks.includes(hookText as Hook)) this.diag(this.span(frame, hookNode), 'error', `the kernel refuses a ${typeText} chain at the ${hookText} hook: ${typeText} chains of the ${table.family} family hook ${hooks.join(', ')} (Could not process rule: Operation not supported)`);
      }
      let priority = 0;
      let priorityText: string | undefined;
      if (prioNode) {
        priorityText = oneLine(prioNode.text);
        const p = this.priority(env, prioNode, table.family, hookText);
        if (typeof p === 'string') {
          this.diag(this.span(frame, prioNode), 'error', p);
          ok = false;
        } else {
          priority = p;
          if (typeText === 'nat' && p <= NAT_PRIORITY_FLOOR && TYPE_HOOKS[table.family].nat)
            this.diag(this.span(frame, prioNode), 'error', `the kernel refuses a nat chain at priority ${p}: NAT runs after connection tracking (-200), so its priority must be above -200 (Could not process rule: Operation not supported)`);
        }
      } else this.diag(this.span(frame, hook), 'warning', 'base chain without a priority: nft needs one (assuming 0)');
      if (ok) {
        base = {
          type: (typeText ?? 'filter') as ChainType,
          hook: hookText as Hook,
          priority,
          ...(priorityText !== undefined ? { priorityText } : {}),
          ...(device !== undefined ? { device } : {}),
          policy: policy ?? 'accept',
        };
      }
    }
    this.ops.push({
      op: 'addChain',
      table,
      name,
      ...(base ? { base } : policy ? { policy } : {}),
      ...(comment !== undefined ? { comment } : {}),
      span,
    });
    this.chainRules(frame, table, name, node, rules, cmd);
  }

  /**
   * The rules of a chain declaration. In the editor (with a memo), a chain node the tree's copy
   * adopted from the last text holds the same rule texts at the same distances from its start: when
   * the memo still gives each of them the rule it gave last time (`KeptChain`), they are taken
   * without their keys, as `buildRule` would take them (the same objects, moved in place), else
   * lowered one by one, and recorded for the next text.
   */
  private chainRules(frame: Frame, table: TableRef, chain: string, node: Node, ruleNodes: readonly Node[], cmd: string | undefined): void {
    const memo = this.options.memo;
    const recordable = memo && movesInPlace(frame.file) && (cmd === undefined || cmd === 'add' || cmd === 'create') && !node.hasError;
    if (recordable && this.replayRules(frame, table, chain, node, ruleNodes)) return;
    const marks = { diagnostics: this.diagnostics.length, ops: this.ops.length };
    let rules: ChainRule[] | undefined = recordable ? [] : undefined;
    // (how many rules of each entry the chain held so far: the same text twice takes two values)
    const entries = new Map<unknown, number>();
    // (whether a rule's text names a variable: the key of such a rule holds the variables' scope)
    let scoped = false;
    for (const item of ruleNodes) {
      const rule = this.rule(frame, table, chain, item, 'append', {});
      if (!rules) continue;
      const kept = memo!.lastKept();
      if (!kept || kept.value.rule !== rule || !kept.value.spans) {
        rules = undefined;
        continue;
      }
      const ahead = entries.get(kept.slot) ?? 0;
      entries.set(kept.slot, ahead + 1);
      rules.push({ slot: kept.slot, value: kept.value, ahead });
      if (frame.text.slice(item.startIndex, item.endIndex).includes('$')) scoped = true;
    }
    if (!memo || !recordable) return;
    if (rules && this.diagnostics.length === marks.diagnostics && this.ops.length === marks.ops + rules.length)
      memo.chains.set(node, { anchor: this.anchorAt(frame, node.startIndex), plain: this.memoContext(frame, table, false), scoped: scoped ? this.memoContext(frame, table, true) : undefined, rules });
    else memo.chains.delete(node);
  }

  /** The memo's key context of a rule of `table` here (`dollar`: its text names a variable). */
  private memoContext(frame: Frame, table: TableRef, dollar: boolean): string {
    if (dollar) return this.options.memo!.key(frame.file, tableKey(table), this.options.checkReferences !== false, this.vars, '$').context;
    // (without a variable it depends on the file and the table alone: one string per pair, not one per chain)
    let byTable = this.plainContexts.get(frame.file);
    if (!byTable) this.plainContexts.set(frame.file, (byTable = new Map()));
    const key = tableKey(table);
    let context = byTable.get(key);
    if (context === undefined) byTable.set(key, (context = this.options.memo!.key(frame.file, key, this.options.checkReferences !== false, this.vars, '').context));
    return context;
  }

  /** The key contexts of rules without variables, by file and table key (see `memoContext`). */
  private readonly plainContexts = new Map<string, Map<string, string>>();

  private anchorAt(frame: Frame, offset: number): Anchor {
    const p = frame.lines.position(offset);
    return { start: offset, line: p.line, character: p.character };
  }

  /**
   * Takes a chain's rules as `chainRules` recorded them, if the memo still gives each the same;
   * false (nothing done) otherwise. What they add to the lowering (operations, references, names)
   * is the same objects as the last time they were taken whole (`ChainReplay`), their spans moved.
   */
  private replayRules(frame: Frame, table: TableRef, chain: string, node: Node, ruleNodes: readonly Node[]): boolean {
    const memo = this.options.memo!;
    const kept = memo.chains.get(node);
    if (!kept) return false;
    const rules = kept.rules;
    if (ruleNodes.length !== rules.length) return false;
    if (kept.plain !== this.memoContext(frame, table, false) || (kept.scoped !== undefined && kept.scoped !== this.memoContext(frame, table, true))) return false;
    // (the node is the one the rules were recorded for, adopted whole by the tree's copy: its rule
    // nodes are the same, at the same offsets from its start; the memo must still give each the same)
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (memo.peek(r.slot, r.ahead) !== r.value) return false;
    }
    const anchor = this.anchorAt(frame, node.startIndex);
    const chainMove = new Move(kept.anchor, anchor);
    // (the chain on the same line and column: every span of its rules moves by the same offset alone)
    const offsetOnly = kept.anchor.line === anchor.line && kept.anchor.character === anchor.character;
    // (what the chain adds: made the first time it is taken whole in this table under this name)
    let replay = kept.replay;
    if (!replay || replay.table !== table || replay.chain !== chain) kept.replay = replay = this.replayOf(table, chain, rules);
    if (offsetOnly) chainMove.inPlace(replay.spans);
    else
      for (let i = 0; i < rules.length; i++) {
        const value = rules[i].value;
        const from = anchorOf(value.rule.span);
        const move = new Move(from, chainMove.anchor(from));
        move.inPlace(value.spans!);
        move.spanInPlace(replay.ops[i].span);
      }
    for (let i = 0; i < rules.length; i++) memo.take(rules[i].slot);
    for (const op of replay.ops) this.ops.push(op);
    for (const r of replay.refs) this.refs.push(r);
    for (const j of replay.jumps) this.jumps.push(j);
    for (const d of replay.declared) this.declared.add(d);
    for (const w of replay.written) this.written.add(w);
    kept.anchor = anchor;
    memo.chainsTaken++;
    return true;
  }

  /**
   * What the rules of a chain taken whole add to a lowering (see `ChainReplay`), where the rules
   * stand before the caller moves them: each operation's span a plain copy of its rule's place, as
   * `rule` gives it, sharing its range.
   */
  private replayOf(table: TableRef, chain: string, rules: readonly ChainRule[]): ChainReplay {
    // (kept past this text: the chain's name must not be a slice of it)
    const name = detached(chain);
    const ops: (Op & { op: 'addRule' })[] = [];
    const spans: Span[] = [];
    const refs: RefEntry[] = [];
    const jumps: RefEntry[] = [];
    const declared: string[] = [];
    const written: string[] = [];
    // (as `buildRule` takes a kept rule)
    for (const { value } of rules) {
      for (const r of value.refs) refs.push({ table, name: r.name, span: r.span, kept: true });
      for (const j of value.jumps) jumps.push({ table, name: j.name, span: j.span, kept: true });
      declared.push(...value.declared);
      written.push(...value.written);
      const at = value.rule.span;
      const op = { op: 'addRule', table, chain: name, rule: value.rule, position: 'append', span: { file: at.file, start: at.start, end: at.end, range: at.range } } as const;
      ops.push(op);
      spans.push(...value.spans!, op.span);
    }
    return { table, chain: name, ops, spans, refs, jumps, declared, written };
  }

  private devices(env: Env, node: Node | null): string | undefined {
    if (!node) return undefined;
    const v = evalValue(env, node, 'ifname');
    if (isBad(v)) return undefined;
    const names = (v.kind === 'set' ? v.elements : [v]).map((x) => (x.kind === 'ifname' ? x.name + (x.wildcard ? '*' : '') : ''));
    return names.join(',');
  }

  /** `filter`, `-100`, `dstnat + 10`, `$prio`: resolved per family; a string is an error message. */
  private priority(env: Env, node: Node, family: Family, hook: string): number | string {
    switch (node.type) {
      case 'number':
        return Number(node.text);
      case 'identifier': {
        const r = resolvePriority(node.text, family, hook);
        return r.value ?? r.error ?? 'bad priority';
      }
      case 'variable': {
        const x = expand(env, node);
        if (isBad(x)) return x.bad;
        return this.priority(x.env, x.node, family, hook);
      }
      case 'binary_expression': {
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        const op = node.childForFieldName('operator')?.text;
        if (!l || !r || (op !== '+' && op !== '-')) return `${quoted(oneLine(node.text), "'")} is not a chain priority`;
        const a = this.priority(env, l, family, hook);
        if (typeof a === 'string') return a;
        const b = this.priority(env, r, family, hook);
        if (typeof b === 'string') return b;
        return op === '+' ? a + b : a - b;
      }
      default:
        return `${quoted(oneLine(node.text), "'")} is not a chain priority`;
    }
  }

  private ruleText(frame: Frame, node: Node): string {
    // Cut comments out (multi-line rules may carry `# ...` lines), then collapse whitespace.
    const cuts: [number, number][] = [];
    const raw = frame.text.slice(node.startIndex, node.endIndex);
    const walk = (n: Node): void => {
      for (const c of n.children) {
        if (!c) continue;
        if (c.type === 'comment' && c.isNamed) cuts.push([c.startIndex, c.endIndex]);
        else if (c.childCount) walk(c);
      }
    };
    if (raw.includes('#')) walk(node); // no '#': no comment to cut, skip the walk
    let text = '';
    let at = node.startIndex;
    for (const [s, e] of cuts) {
      text += frame.text.slice(at, s) + ' ';
      at = e;
    }
    text += frame.text.slice(at, node.endIndex);
    return oneLine(text.replace(/\\\r?\n/g, ' ')).replace(/\s*;$/, '');
  }

  /** `# handle N` after the rule, on the rule's last line (`nft -a list ruleset`). */
  private handleOf(frame: Frame, node: Node): number | undefined {
    const lineEnd = frame.text.indexOf('\n', node.endIndex);
    const rest = frame.text.slice(node.endIndex, lineEnd < 0 ? undefined : lineEnd);
    if (!rest.includes('#')) return undefined;
    // trimmed first: `\s*;?\s*` on a long run of blanks backtracks quadratically
    const m = /^;?\s*#\s*handle\s+(\d+)\s*$/.exec(rest.trimStart());
    return m ? Number(m[1]) : undefined;
  }

  private rule(
    frame: Frame,
    table: TableRef,
    chain: string,
    node: Node,
    position: 'append' | 'insert',
    where: { index?: number; handle?: number },
    span = this.span(frame, node),
  ): Rule {
    const rule = this.buildRule(frame, table, node);
    this.ops.push({ op: 'addRule', table, chain, rule, position, ...where, span });
    return rule;
  }

  /** While a rule is lowered for the memo: the names it declares and writes (see `buildRule`). */
  private recording: { declared: string[]; written: string[] } | undefined;

  private buildRule(frame: Frame, table: TableRef, node: Node): Rule {
    const memo = this.options.memo;
    if (!memo) return this.lowerRule(frame, table, node);
    const raw = frame.text.slice(node.startIndex, node.endIndex);
    const key = memo.key(frame.file, tableKey(table), this.options.checkReferences !== false, this.vars, raw);
    const kept = memo.get(key);
    // a rule the parser recovered from is lowered again (its siblings' errors count too)
    if (kept && !this.brokenRule(node)) {
      const start = frame.lines.position(node.startIndex);
      const move = new Move(anchorOf(kept.rule.span), { start: node.startIndex, line: start.line, character: start.character });
      const handle = this.handleOf(frame, node);
      // At the same place: the same rule object (its spans are those this lowering would make).
      // At another place: the same object too, its spans moved in place, unless another rule of
      // this lowering took it already or its handle changed (then a copy with moved spans).
      const same = move.none && kept.rule.handle === handle;
      const inPlace = !same && !memo.repeated && kept.rule.handle === handle && kept.spans !== undefined;
      if (inPlace) move.inPlace(kept.spans!);
      const moveRef = (r: KeptRef): KeptRef => ({ name: r.name, span: move.span(r.span) });
      const refs = same || inPlace ? kept.refs : kept.refs.map(moveRef);
      const jumps = same || inPlace ? kept.jumps : kept.jumps.map(moveRef);
      for (const r of refs) this.refs.push({ table, name: r.name, span: r.span, kept: true });
      for (const j of jumps) this.jumps.push({ table, name: j.name, span: j.span, kept: true });
      for (const d of kept.declared) this.declared.add(d);
      for (const w of kept.written) this.written.add(w);
      if (same || inPlace) return kept.rule;
      const was = kept.rule;
      const rule: Rule = {
        statements: move.statements(was.statements),
        span: this.span(frame, node),
        text: was.text,
        ...(was.comment !== undefined ? { comment: was.comment } : {}),
        ...(handle !== undefined ? { handle } : {}),
      };
      memo.replace(key, { ...kept, rule, refs, jumps, ...(movesInPlace(frame.file) ? { spans: spanObjects(rule.span, rule.statements, refs, jumps) } : {}) });
      return rule;
    }
    const marks = { diagnostics: this.diagnostics.length, ops: this.ops.length, refs: this.refs.length, jumps: this.jumps.length };
    // (a rule in a bound chain is lowered inside its rule: the outer recording comes back after it)
    const outer = this.recording;
    const recording = (this.recording = { declared: [], written: [] });
    let rule: Rule;
    try {
      rule = this.lowerRule(frame, table, node);
    } finally {
      this.recording = outer;
    }
    // kept only when nothing but the rule's own text went into it (see nft/rule-memo.ts)
    if (
      this.diagnostics.length === marks.diagnostics &&
      this.ops.length === marks.ops &&
      !this.brokenRule(node) &&
      keepable(rule.statements, frame.file, node.startIndex, node.endIndex)
    ) {
      // (the memo's own copies of the references' spans: those this lowering pushed stay as they are)
      const own = (r: { name: string; span: Span }): KeptRef => ({ name: r.name, span: { ...r.span, range: { start: { ...r.span.range.start }, end: { ...r.span.range.end } } } });
      const refs = this.refs.slice(marks.refs).map(own);
      const jumps = this.jumps.slice(marks.jumps).map(own);
      memo.set(key, { rule, ...(movesInPlace(frame.file) ? { spans: spanObjects(rule.span, rule.statements, refs, jumps) } : {}), refs, jumps, declared: recording.declared, written: recording.written });
    }
    return rule;
  }

  private lowerRule(frame: Frame, table: TableRef, node: Node): Rule {
    const env: RuleEnv = {
      frame,
      family: table.family,
      vars: this.vars,
      depth: 0,
      report: this.reportTo,
      bind: (e, binding) => this.binding(e, table, binding),
      writesSet: (name) => {
        const key = `${tableKey(table)}/${name}`;
        this.written.add(key);
        this.recording?.written.push(key);
      },
    };
    const statements = lowerStatements(env, node);
    const broken = this.brokenRule(node);
    // names in a rule the parser recovered from are not the text's (`tcp dport @@ accept`)
    if (!broken) this.references(frame, table, node);
    if (broken && !statements.some((s) => s.kind === 'unknown' && s.reason === SYNTAX_REASON)) {
      // Error recovery may have dropped or re-read tokens: the rule must never match more than written.
      statements.unshift({ kind: 'unknown', reason: SYNTAX_REASON, span: this.span(frame, node) });
    }
    const c = node.childForFieldName('comment');
    const handle = this.handleOf(frame, node);
    return {
      statements,
      span: this.span(frame, node),
      text: this.ruleText(frame, node),
      ...(c ? { comment: unquote(c.text) } : {}),
      ...(handle !== undefined ? { handle } : {}),
    };
  }

  /** A syntax error inside the rule, or next to it on one of its lines (tree-sitter puts ERROR nodes beside). */
  private brokenRule(node: Node): boolean {
    if (node.hasError) return true;
    const parent = node.parent;
    // A parent without errors has no ERROR or MISSING children: skip the scan (chains may hold
    // tens of thousands of rules, and scanning the siblings of each would be quadratic).
    if (!parent?.hasError) return false;
    let rows = this.errorRows.get(parent);
    if (!rows) {
      rows = [];
      for (const c of parent.children) if (c && (c.type === 'ERROR' || c.isMissing)) rows.push([c.startPosition.row, c.endPosition.row]);
      this.errorRows.set(parent, rows);
    }
    const first = node.startPosition.row;
    const last = node.endPosition.row;
    return rows.some(([s, e]) => e >= first && s <= last);
  }

  /** `jump { ... }`: an anonymous chain with a stable generated name and the bound rules. */
  private binding(env: Env, table: TableRef, node: Node): string {
    const pos = env.frame.lines.position(node.startIndex);
    let name = `__binding_${pos.line + 1}_${pos.character + 1}`;
    for (let i = 2; this.bindingNames.has(`${tableKey(table)}/${name}`); i++) name = `__binding_${pos.line + 1}_${pos.character + 1}_${i}`;
    this.bindingNames.add(`${tableKey(table)}/${name}`);
    const span = spanOf(env, node);
    this.ops.push({ op: 'addChain', table, name, span });
    for (const r of kids(node)) if (r.type === 'rule') this.rule(env.frame, table, name, r, 'append', {});
    return name;
  }

  private ruleCommand(frame: Frame, node: Node): void {
    const cmd = node.childForFieldName('command')?.text ?? 'add';
    const table = this.tableOf(frame, node);
    const chain = this.name(frame, node.childForFieldName('chain'), this.familyOf(node));
    const span = this.span(frame, node);
    if (!table || chain === undefined) return;
    const pos = node.childForFieldName('position')?.text;
    const num = node.childForFieldName('handle');
    const n = num ? Number(num.text) : undefined;
    const where: { index?: number; handle?: number } = n === undefined ? {} : pos === 'index' ? { index: n + 1 } : { handle: n };
    const ruleNode = node.childForFieldName('rule');
    switch (cmd) {
      case 'add':
      case 'create':
      case 'insert':
        if (ruleNode) this.rule(frame, table, chain, ruleNode, cmd === 'insert' ? 'insert' : 'append', where, span);
        return;
      case 'replace': {
        if (!ruleNode || where.handle === undefined) {
          this.diag(span, 'error', '`replace rule` needs `handle N` and a rule');
          return;
        }
        this.rule(frame, table, chain, ruleNode, 'append', where, span);
        this.ops.push({ op: 'deleteRule', table, chain, handle: where.handle, span });
        return;
      }
      case 'delete':
      case 'destroy':
        if (where.handle === undefined) {
          this.diag(span, 'error', `\`${cmd} rule\` needs \`handle N\``);
          return;
        }
        this.ops.push({ op: 'deleteRule', table, chain, handle: where.handle, span });
        return;
      default:
        this.passive(frame, node, cmd);
    }
  }

  // ------------------------------------------------------------------ sets and maps

  private set(frame: Frame, table: TableRef, node: Node, cmd: string | undefined): void {
    const nameNode = node.childForFieldName('name');
    const span = this.span(frame, node, nameNode ?? undefined);
    const name = this.name(frame, nameNode, table.family);
    if (name === undefined) {
      if (cmd === 'delete' || cmd === 'destroy') this.ops.push({ op: 'unknown', reason: `\`${cmd} set\` by handle is not modelled`, affectsVerdicts: true, span });
      return;
    }
    switch (cmd) {
      case 'delete':
        this.ops.push({ op: 'deleteSet', table, name, span });
        return;
      case 'flush':
        this.ops.push({ op: 'flushSet', table, name, span });
        return;
      case 'list':
      case 'reset':
      case 'get':
        this.passive(frame, node, cmd);
        return;
    }
    const isMap = node.type === 'map_declaration';
    this.declared.add(`${tableKey(table)}/${name}`);
    const env = this.env(frame, table.family);
    const items = kids(node);
    let keyType: string[] = [];
    let dataType: string | undefined;
    let info: SetInfo = { keyKind: 'auto', ...(isMap ? { dataKind: 'auto' as Kind } : {}) };
    const flags: string[] = [];
    let elementsNode: Node | undefined;
    for (const item of items) {
      if (item.type === 'type_spec') {
        const key = item.childForFieldName('key');
        const data = item.childForFieldName('data');
        for (const [n, isData] of [[key, false], [data, true]] as const) {
          for (const part of n && !item.hasError ? typeNodes(n) : []) {
            const wrong = setTypeError(part.text, isMap ? 'map' : 'set', isData);
            if (wrong) this.diag(this.span(frame, part), 'error', wrong);
          }
        }
        if (key) {
          keyType = key.type === 'concatenation' ? typeParts(key) : [key.text];
          info.keyKind = keyType.length > 1 ? { concat: keyType.map(typeKind) } : typeKind(keyType[0]);
        }
        if (data) {
          dataType = oneLine(data.text);
          info.dataKind = data.text === 'verdict' ? 'verdict' : data.type === 'concatenation' ? { concat: typeParts(data).map(typeKind) } : typeKind(data.text);
        }
      } else if (item.type === 'typeof_spec') {
        const key = item.childForFieldName('key');
        const data = item.childForFieldName('data');
        if (key) {
          keyType = key.type === 'concatenation' ? kids(key).map((k) => oneLine(k.text)) : [oneLine(key.text)];
          info.keyKind = this.typeofKind(env, key);
        }
        if (data) {
          dataType = oneLine(data.text);
          info.dataKind = data.text === 'verdict' ? 'verdict' : this.typeofKind(env, data);
        }
      } else if (item.type === 'flags_spec') {
        for (const f of item.childrenForFieldName('flag')) {
          if (f.type === 'identifier' && !SET_FLAGS.includes(f.text)) this.diag(this.span(frame, f), 'error', `${quoted(f.text, "'")} is not a ${isMap ? 'map' : 'set'} flag (${SET_FLAGS.join(', ')})`);
          flags.push(f.text);
        }
      } else if (item.type === 'elements_spec') {
        elementsNode = item.childForFieldName('elements') ?? undefined;
      }
    }
    const key = `${tableKey(table)}/${name}`;
    if (!items.some((i) => i.type === 'type_spec' || i.type === 'typeof_spec')) {
      const known = this.sets.get(key);
      if (known) info = known;
      else if (cmd !== 'destroy') this.diag(span, 'error', `${isMap ? 'map' : 'set'} ${name} needs a \`type\` or \`typeof\``);
    } else this.sets.set(key, info);
    const elements = elementsNode ? this.elements(env, elementsNode, info) : [];
    const autoMerge = items.find((i) => i.type === 'auto_merge_spec');
    if (autoMerge && !flags.includes('interval')) this.diag(this.span(frame, autoMerge), 'error', 'auto-merge only works with interval sets (add `flags interval`)');
    if (elementsNode && cmd !== 'destroy') {
      // (`type K : interval D`: the data may be ranges)
      const dataInterval = items.some((i) => (i.type === 'type_spec' || i.type === 'typeof_spec') && /:\s*interval\b/.test(i.text));
      this.intervalElements(frame, env.vars, elementsNode, isMap ? 'map' : 'set', flags.includes('interval'), dataInterval);
    }
    if (elementsNode) {
      this.elementStatements(frame, elementsNode, items.filter((i) => i.type === 'counter_spec').length, flags.includes('dynamic'), isMap ? 'map' : 'set');
      this.references(frame, table, elementsNode);
    }
    const set: NamedSet = {
      name,
      keyType,
      ...(dataType !== undefined ? { dataType } : {}),
      flags,
      elements,
      dynamic: flags.includes('dynamic') || (flags.includes('timeout') && elements.length === 0),
      span,
    };
    if (cmd === 'destroy') {
      this.ops.push({ op: 'addSet', table, set: { ...set, elements: [] }, span }, { op: 'deleteSet', table, name, span });
      return;
    }
    this.setOps.push({ index: this.ops.length, key });
    this.ops.push({ op: 'addSet', table, set, span });
  }

  /**
   * Each `counter` of a declaration gives its elements one statement: an element that carries
   * statements (`"eth0" counter packets 0 bytes 0`) must carry as many (nft: "number of statements
   * mismatch"); a set that declares none takes them only when it is `dynamic` (nft: "missing
   * statement in map declaration").
   */
  /**
   * nft takes a prefix or a range as an element's key only in a set or map with `flags interval`
   * (`You must add 'flags interval' ...`), and as a map's data only where the data type says
   * `interval` (`Value must be a singleton`). Variables are looked through; one that does not
   * resolve is left to the elements' own evaluation, which reports it.
   */
  private intervalElements(frame: Frame, vars: VarScope, elements: Node, what: 'set' | 'map', interval: boolean, dataInterval: boolean): void {
    if (interval && dataInterval) return;
    const shape = (n: Node, scope: VarScope): 'prefix' | 'range' | undefined => {
      const r = resolveVar(scope, n);
      if (!r) return undefined;
      if (r.node.type === 'prefix' || r.node.type === 'range') return r.node.type;
      if (r.node.type === 'concatenation') for (const k of concatParts(r.node)) {
        const s = shape(k, r.scope);
        if (s) return s;
      }
      return undefined;
    };
    const visit = (list: Node, scope: VarScope, at: Node | undefined, depth: number): void => {
      for (const k of kids(list)) {
        // (an element inside a variable is reported where the variable is used)
        const where = at ?? k;
        if (k.type === 'variable') {
          const r = resolveVar(scope, k);
          if (r && (r.node.type === 'anonymous_set' || r.node.type === 'anonymous_map')) {
            if (depth < 32) visit(r.node, r.scope, where, depth + 1);
            continue;
          }
        }
        const key = k.type === 'map_element' ? k.childForFieldName('key') : k.type === 'element' ? k.childForFieldName('value') : k;
        const keyShape = key && !interval ? shape(key.type === 'element' ? (key.childForFieldName('value') ?? key) : key, scope) : undefined;
        if (keyShape) this.diagOnce(this.span(frame, at ?? key!), `You must add 'flags interval' to your ${what} declaration if you want to add ${keyShape} elements`);
        const data = k.type === 'map_element' ? k.childForFieldName('value') : null;
        if (data && !dataInterval && shape(data, scope)) this.diagOnce(this.span(frame, at ?? data), 'Value must be a singleton');
      }
    };
    const top = resolveVar(vars, elements);
    if (top && (top.node.type === 'anonymous_set' || top.node.type === 'anonymous_map')) visit(top.node, top.scope, top.node === elements ? undefined : elements, 0);
  }

  private elementStatements(frame: Frame, node: Node, declared: number, dynamic: boolean, what: 'set' | 'map'): void {
    if (node.type !== 'anonymous_set' && node.type !== 'anonymous_map') return;
    for (const k of kids(node)) {
      const el = k.type === 'map_element' ? k.childForFieldName('key') : k;
      if (el?.type !== 'element') continue;
      const count = ['counter', 'quota', 'limit'].reduce((n, f) => n + el.childrenForFieldName(f).length, 0);
      if (count === 0) continue;
      const at = el.childForFieldName('value') ?? el;
      if (declared === 0 && !dynamic) this.diag(this.span(frame, at), 'error', `missing statement in ${what} declaration: the element has ${count}`);
      else if (declared > 0 && count !== declared) this.diag(this.span(frame, at), 'error', `number of statements mismatch, ${what} expects ${declared} but element has ${count}`);
    }
  }

  private typeofKind(env: Env, node: Node): Kind {
    // errors in the expression are nft's too (`typeof meta marm`): the same keys as in a rule
    const lhs = evalLhs(env, node);
    if (isBad(lhs)) return 'raw';
    return lhs.kind;
  }

  private elements(env: Env, node: Node, info: SetInfo): SetElement[] {
    const re: RuleEnv = { ...env, bind: () => '', writesSet: () => undefined };
    let n: Node = node;
    let e: Env = env;
    while (n.type === 'variable') {
      const x = expand(e, n);
      if (isBad(x)) return [];
      n = x.node;
      e = x.env;
    }
    if (n.type === 'anonymous_map') {
      if (!info.dataKind) {
        this.diag(spanOf(e, n), 'error', 'map elements (`key : value`) given for a set');
        return [];
      }
      const els = evalMapElements({ ...re, ...e }, n, info.keyKind, info.dataKind);
      return isBad(els) ? [] : els;
    }
    if (n.type !== 'anonymous_set') {
      this.diag(spanOf(e, n), 'error', `${quoted(oneLine(n.text), "'")} is not a set of elements`);
      return [];
    }
    const out: SetElement[] = [];
    for (const k of kids(n)) {
      const v = evalValue(e, k.type === 'element' ? (k.childForFieldName('value') ?? k) : k, info.keyKind);
      if (isBad(v)) continue;
      const span = spanOf(e, k);
      for (const x of v.kind === 'set' ? v.elements : [v]) out.push({ key: x as Value, span });
    }
    return out;
  }

  private elementCommand(frame: Frame, node: Node): void {
    const cmd = node.childForFieldName('command')?.text ?? 'add';
    const table = this.tableOf(frame, node);
    const set = this.name(frame, node.childForFieldName('set'), this.familyOf(node));
    const els = node.childForFieldName('elements');
    const span = this.span(frame, node);
    if (!table || set === undefined || !els) return;
    if (cmd === 'list' || cmd === 'get' || cmd === 'reset') return this.passive(frame, node, cmd);
    const info = this.sets.get(`${tableKey(table)}/${set}`) ?? { keyKind: 'auto', ...(els.type === 'anonymous_map' ? { dataKind: 'auto' as Kind } : {}) };
    const elements = this.elements(this.env(frame, table.family), els, info);
    if (cmd !== 'delete' && cmd !== 'destroy') this.references(frame, table, els);
    const op = cmd === 'delete' || cmd === 'destroy' ? 'deleteElements' : 'addElements';
    this.ops.push({ op, table, set, elements, span });
  }

  /**
   * The `@name` references, `jump` / `goto` targets and numgen modes of a rule or of a declaration's
   * elements (not those of a bound chain's rules, which are rules of their own).
   */
  private references(frame: Frame, table: TableRef, node: Node): void {
    if (this.options.checkReferences === false) return;
    // most rules name nothing and set nothing: their text says so, and their nodes stay in the parser
    if (!REFERENCE_WORDS.test(frame.text.slice(node.startIndex, node.endIndex))) return;
    const hits = node.descendantsOfType(REFERENCE_TYPES);
    // bound chains' rules are rules of their own; `flow add @ft` names a flowtable
    const skip: [number, number][] = [];
    const ctSet = new Set<number>();
    for (const c of hits) {
      if (c?.type === 'chain_binding' || c?.type === 'flow_statement') skip.push([c.startIndex, c.endIndex]);
      else if (c?.type === 'ct_set_statement') ctSet.add(c.startIndex);
    }
    for (const c of hits) {
      if (!c || skip.some(([s, e]) => c.startIndex >= s && c.endIndex <= e)) continue;
      switch (c.type) {
        case 'chain_binding':
        case 'flow_statement':
        case 'ct_set_statement':
          break;
        case 'meter_statement': {
          const n = c.childForFieldName('name');
          if (n) {
            const key = `${tableKey(table)}/${n.text}`;
            this.declared.add(key);
            this.recording?.declared.push(key);
          }
          break;
        }
        case 'numgen_expression': {
          const mode = c.childForFieldName('mode');
          if (mode && !NUMGEN_MODES.includes(mode.text)) this.diag(this.span(frame, mode), 'error', `${quoted(mode.text, "'")} is not a numgen mode (${NUMGEN_MODES.join(', ')})`);
          break;
        }
        case 'verdict_statement':
        case 'verdict': {
          const t = c.childForFieldName('target');
          if (t && (t.type === 'identifier' || t.type === 'string')) this.jumps.push({ table, name: unquote(t.text), span: this.span(frame, t) });
          break;
        }
        case 'set_reference': {
          const n = c.childForFieldName('name');
          if (n) this.refs.push({ table, name: n.text, span: this.span(frame, c) });
          break;
        }
        default: {
          // keys in values the lowering does not read as selectors (`meta mark set meta marm . tcp dport map @m`)
          const wrong = selectorKeyError(c, ctSet.has(c.startIndex), table.family);
          if (wrong) this.diagOnce(this.span(frame, wrong.at), wrong.message);
        }
      }
    }
  }

  /**
   * nft resolves `@name` and `jump` / `goto` targets in the table of the rule: a set, map or chain
   * the text's table does not declare is refused (`No such file or directory`). Not judged when the
   * table is not declared here (it may be the host's) or the text includes others.
   */
  private unresolved(): void {
    if (this.includes) return;
    const own = (r: { span: Span; kept?: true }): Span => (r.kept ? { ...r.span } : r.span);
    for (const r of this.refs) {
      const t = tableKey(r.table);
      if (this.tables.has(t) && !this.declared.has(`${t}/${r.name}`)) this.diag(own(r), 'error', `set or map ${quoted(r.name, "'")} does not exist in table ${r.table.family} ${r.table.name}`);
    }
    // (the chains of the jumps' table, looked up again only when the table changes: a lowering gives
    // a table's rules the same reference object, and a table's jumps come one after the other)
    let table: TableRef | undefined;
    let chains: ReadonlySet<string> | undefined;
    let checked = false;
    for (const j of this.jumps) {
      if (j.table !== table) {
        table = j.table;
        const t = tableKey(table);
        checked = this.tables.has(t);
        chains = this.chains.get(t);
      }
      if (checked && !chains?.has(j.name)) this.diag(own(j), 'error', `chain ${quoted(j.name, "'")} does not exist in table ${j.table.family} ${j.table.name}`);
    }
  }

  finish(): Op[] {
    if (this.options.checkReferences !== false) this.unresolved();
    for (const { index, key } of this.setOps) {
      const op = this.ops[index];
      if (op.op === 'addSet' && !op.set.dynamic && this.written.has(key)) this.ops[index] = { ...op, set: { ...op.set, dynamic: true } };
    }
    return this.ops;
  }
}

/** The longest name of a table, chain, set or object the kernel takes (NFT_NAME_MAXLEN is 256 with the NUL). */
const NFT_NAME_MAX = 255;

/** What `references` looks at in a rule or a declaration's elements. */
const REFERENCE_TYPES = [
  'set_reference', 'verdict_statement', 'verdict', 'numgen_expression', 'meter_statement', 'meta_expression', 'ct_expression', 'payload_expression', 'fib_expression',
  'rt_expression', 'socket_expression', 'osf_expression', 'ipsec_expression', 'tcp_option_expression', 'ip_option_expression', 'exthdr_expression',
  'chain_binding', 'flow_statement', 'ct_set_statement',
];
/** Words without which a rule holds none of them outside its matches (which the lowering checks itself). */
const REFERENCE_WORDS = /@|\b(jump|goto|numgen|meter|set|map)\b/;

function typeNodes(node: Node): Node[] {
  if (node.type !== 'concatenation') return [node];
  return kids(node).flatMap(typeNodes);
}

function typeParts(node: Node): string[] {
  if (node.type !== 'concatenation') return [node.text];
  return kids(node).flatMap(typeParts);
}

/**
 * Lowers the tree of one nft file. `tree` must come from the nftables grammar: web-tree-sitter's
 * tree (read once into plain nodes here, `syntax/mirror.ts`; it stays the caller's) or the root of
 * its mirror. Syntax errors in `tree` itself are not repeated here (see `syntaxDiagnostics`), those
 * of included files are.
 */
export function lowerNft(file: string, text: string, tree: Tree | Node, options: LowerNftOptions = {}): Result<Fragment> {
  const l = new Lowerer(options);
  try {
    options.memo?.begin();
    l.lowerFile({ file, text, lines: new LineIndex(text), lazy: !options.memo }, 'rootNode' in tree ? mirrorTree(tree, text) : tree);
    options.memo?.end();
    return { value: { file, format: 'nft', ops: l.finish() }, diagnostics: l.diagnostics };
  } catch (e) {
    // Defensive: a bug here must not take the caller down; report it where the file starts.
    return { value: { file, format: 'nft', ops: l.ops }, diagnostics: [...l.diagnostics, internalError(file, new LineIndex(text), e)] };
  }
}

/** A lowering that stopped at the start of the file: no operations, one error there. */
function stopped(file: string, lines: LineIndex, message: string, end = 0): Result<Fragment> {
  return { value: { file, format: 'nft', ops: [] }, diagnostics: [{ span: lines.span(file, 0, end), severity: 'error', code: 'lower', message }] };
}

function internalError(file: string, lines: LineIndex, e: unknown): CoreDiagnostic {
  return { span: lines.span(file, 0, 0), severity: 'error', code: 'lower', message: `internal error while lowering: ${String(e)}` };
}

/** `lowerNftText`'s options: the lowering's, and the earlier tree of the main file to parse from. */
export interface LowerNftTextOptions extends Omit<LowerNftOptions, 'parse'> {
  /**
   * The main file's previous text and tree: the text is parsed from it (`syntax/reparse.ts`, the
   * same tree as a fresh parse) and its tree handed to `reuse.keep` instead of being deleted.
   */
  readonly reuse?: TreeReuse;
}

/**
 * Parses and lowers nft text with the given languages: the main file's syntax diagnostics come
 * first. Included files are parsed with the same parser. This is the format registry's entry.
 */
export function lowerNftText(file: string, text: string, languages: Languages | undefined, options: LowerNftTextOptions = {}): Result<Fragment> {
  const lines = new LineIndex(text);
  if (!languages) return stopped(file, lines, 'the nftables grammar is not loaded', Math.min(1, text.length));
  const refused = parseGuard(file, text);
  if (refused) return { value: { file, format: 'nft', ops: [] }, diagnostics: [refused] };
  const { reuse, ...lowering } = options;
  const parser = languages.parser('nftables');
  const tree = reuse ? reparse(parser, text, reuse.previous) : parser.parse(text);
  if (!tree) return stopped(file, lines, 'the file could not be parsed');
  let root: Node | undefined;
  try {
    // a caller that keeps the tree keeps its mirror too, for the next text's mirror to take nodes from
    root = mirrorTree(tree, text, reuse ? { keep: true, previous: reuse.previous?.mirror } : undefined);
  } catch (e) {
    return { value: { file, format: 'nft', ops: [] }, diagnostics: [internalError(file, lines, e)] };
  } finally {
    if (reuse) reuse.keep(tree, root);
    else tree.delete();
  }
  const r = lowerNft(file, text, root, { ...lowering, parse: (t, f) => (parseGuard(f, t) ? undefined : (parser.parse(t) ?? undefined)) });
  return { value: r.value, diagnostics: [...syntaxDiagnostics({ rootNode: root }, file, text, lines), ...r.diagnostics] };
}
