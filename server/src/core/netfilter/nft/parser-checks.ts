/**
 * What nft 1.0.6's own parser (its scanner's keywords, its bison grammar) refuses where the
 * tree-sitter grammar, which reads any word as an identifier, still reads a statement: each check
 * was tried with the real `nft -c -f` (1.0.6, Debian bookworm's release; the release Dockwall
 * validates for). A text with syntax errors is not judged further.
 *
 * - A keyword where a value goes (`iifname accept` after a deleted interface name, `ip saddr drop`
 *   after a deleted `@set`): nft's scanner gives the keyword's token, which no value rule takes
 *   (`syntax error, unexpected accept`). Keywords that are values too (`ip`, `tcp`, `dnat`,
 *   `redirect`, `vlan`, ...) are not among them.
 * - The values of a verdict map in a `vmap` statement: verdicts only (`ip : input_ipv4` after a
 *   deleted `jump`).
 * - IPv4 / IPv6 address tokens anywhere (map keys of `synproxy name ... map`, set elements): nft
 *   resolves a word it cannot read as an address as a host name and fails; a prefix length over
 *   32 / 128.
 * - nft's keywords as the names of tables, chains, sets, maps and objects (`table ip not`, a typo
 *   of `nat`: nft reads `not` as `!`).
 * - Digits and dots without blanks (`1.2.3.4.5`, `10.0.0`) that are no address; a prefix with a
 *   port in a nat statement (`dnat to 10.0.0.0/8:80`).
 * - A flowtable's hook (ingress) and priority (a number or `filter` [+/- N]); log levels; a log
 *   prefix that is a variable rather than a quoted string (`"$p"` is expanded).
 * - A header field without its protocol where nft wants an expression (the data of a \`typeof\`,
 *   the key of a set update, meter or map lookup, a part of a concatenation beside an
 *   expression), as a deleted protocol leaves it.
 * - Overlapping address intervals among the keys of a map or the elements of an interval set
 *   without auto-merge (anonymous sets merge them).
 * - `l4proto`, `nfproto`, `secpath` without `meta`; words that are no ethertype after `meta
 *   protocol`, `ether type`, `vlan type`.
 * - A synproxy object: `mss N` then `wscale N`, then `timestamp`, then `sack-perm`, each once, in
 *   this order (nft 1.0.6's `synproxy_config`).
 * - A ct timeout policy: each state's timeout a plain number of seconds (nft 1.0.6 refuses `2m3s`,
 *   which later releases take).
 */
import { quoted } from '../../text';
import type { SyntaxNode as Node } from '../../syntax/mirror';
import { parseIp, parseIpInterval } from '../../net/ip';
import type { IpInterval } from '../../net/ip';
import { PAYLOAD_FIELDS, payloadFieldError } from './keys';
import { ETHERTYPES } from './names';

export interface ParserProblem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** nft keywords no value rule of nft 1.0.6's parser takes (checked with `iifname WORD`). */
const NOT_VALUES: ReadonlySet<string> = new Set([
  'accept', 'drop', 'continue', 'return', 'jump', 'goto', 'queue', 'counter', 'log', 'limit', 'quota',
  'masquerade', 'reject', 'notrack', 'comment', 'synproxy', 'tproxy', 'fwd', 'dup', 'meter', 'flow',
  'add', 'update', 'delete', 'meta', 'ct',
]);

/**
 * Words nft 1.0.6 refuses as the name of a table, chain, set or object (`table ip WORD {}` refused
 * with `unexpected WORD, expecting string`): its scanner's keywords, among the words the grammar
 * knows, tried one by one. `not` is `!` to nft (a typo of `nat`).
 */
const NOT_NAMES: ReadonlySet<string> = new Set([
  'accept', 'add', 'ah', 'and', 'arp', 'auto-merge', 'bridge', 'cgroup', 'chain', 'comment', 'comp',
  'continue', 'counter', 'cpu', 'create', 'ct', 'dccp', 'define', 'delete', 'device', 'devices',
  'dnat', 'drop', 'dst', 'dup', 'element', 'elements', 'eq', 'esp', 'ether', 'exists', 'expires',
  'exthdr', 'fib', 'flags', 'flow', 'flowtable', 'flush', 'frag', 'fwd', 'gc-interval', 'ge', 'get',
  'goto', 'gt', 'handle', 'hbh', 'hook', 'ibriport', 'ibrname', 'icmp', 'icmpv6', 'igmp', 'iif',
  'iifgroup', 'iifname', 'iiftype', 'include', 'index', 'inet', 'insert', 'interval', 'ip', 'ip6',
  'ipsec', 'jhash', 'jump', 'le', 'limit', 'list', 'log', 'lshift', 'lt', 'map', 'mark',
  'masquerade', 'meta', 'meter', 'mh', 'missing', 'ne', 'netdev', 'nftrace', 'not', 'notrack',
  'numgen', 'obriport', 'obrname', 'offload', 'oif', 'oifgroup', 'oifname', 'oiftype', 'or', 'osf',
  'pkttype', 'policy', 'position', 'priority', 'queue', 'quota', 'redefine', 'redirect', 'reject',
  'rename', 'replace', 'reset', 'return', 'rshift', 'rt', 'rt0', 'rt2', 'rtclassid', 'rule',
  'ruleset', 'sctp', 'secmark', 'set', 'size', 'skgid', 'skuid', 'snat', 'socket', 'srh', 'symhash',
  'synproxy', 'table', 'tcp', 'th', 'timeout', 'tproxy', 'type', 'typeof', 'udp', 'udplite',
  'undefine', 'update', 'vlan', 'vmap', 'xor', 'xt',
]);

/** Nodes whose identifier children are values (not names of tables, chains, sets or keys). */
const VALUE_PARENTS: ReadonlySet<string> = new Set([
  'match_statement', 'value_list', 'masked_value', 'concatenation', 'binary_expression', 'anonymous_set', 'element', 'range', 'map_element',
]);

/** Whether `n` is the name of a table, chain, set, map or object its parent declares or names. */
function isName(parent: Node, n: Node): boolean {
  if (!/_declaration$|_command$/.test(parent.type)) return false;
  return ['name', 'table', 'chain'].some((f) => parent.childForFieldName(f)?.startIndex === n.startIndex);
}

/** The header field names of nft's protocols (`saddr`, `dport`, `id`, ...). */
const FIELD_NAMES: ReadonlySet<string> = new Set(Object.values(PAYLOAD_FIELDS).flat());

/** Meta keys the grammar reads bare that nft 1.0.6 takes only after `meta` (tried with `KEY 1`). */
const META_ONLY: ReadonlySet<string> = new Set(['l4proto', 'nfproto', 'secpath']);

/** Where a bare field's name beside an expression is checked on its own. */
const FIELD_CHECKED: ReadonlySet<string> = new Set(['typeof_spec', 'set_update_statement', 'meter_statement']);

/** A concatenation's parts, nested ones flattened. */
function concatParts(n: Node): Node[] {
  return n.namedChildren.flatMap((c) => (!c ? [] : c.type === 'concatenation' ? concatParts(c) : [c]));
}

function insideOf(n: Node, types: ReadonlySet<string>): boolean {
  for (let p = n.parent; p; p = p.parent) if (types.has(p.type)) return true;
  return false;
}

const LOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug', 'audit'];

const SYNPROXY_ORDER = ['mss', 'wscale', 'timestamp', 'sack-perm'];

/** The node types the checks look at. */
const CHECKED = ['identifier', 'ipv4_address', 'ipv6_address', 'prefix', 'vmap_statement', 'synproxy_declaration', 'ct_timeout_policy', 'concatenation', 'nat_statement', 'flowtable_declaration', 'log_statement', 'typeof_spec', 'set_update_statement', 'meter_statement', 'set_declaration', 'map_declaration', 'anonymous_map', 'meta_expression', 'match_statement', 'payload_set_statement', 'map_expression', 'anonymous_set', 'rule', 'type_spec', 'hook_spec', 'policy_spec', 'flags_spec', 'elements_spec'];
const CHECKED_TYPES: ReadonlySet<string> = new Set(CHECKED);

/**
 * The problems of a text's tree, in the order of its nodes. With `kept` (the editor's memo of the
 * file), each rule's and each chain declaration's problems are kept there at offsets from its
 * start: a check looks at a node, its parent and what lies below it, so a rule's problems are its
 * text's, and a rule or chain node the next text's copy of the tree adopts is the same object with
 * the same text, passed over (see `Unit`).
 */
export function nftParserChecks(root: Node, kept?: WeakMap<Node, readonly ParserProblem[]>): ParserProblem[] {
  const out: ParserProblem[] = [];
  // a text with syntax errors is refused already; what the grammar recovered around them is read
  // differently by a fresh and an incremental parse, so it is not judged further
  if (root.hasError) return out;
  // The innermost rule or chain being checked for `kept`: its problems, at offsets from its start.
  let unit: Unit | undefined;
  const at = (n: Node, message: string): void => {
    const base = unit ? unit.node.startIndex : 0;
    const list = unit ? (unit.own ??= []) : out;
    const start = n.startIndex - base;
    if (!list.some((p) => p.start === start)) list.push({ start, end: n.endIndex - base, message });
  };
  if (!kept) {
    const checked = root.descendantsOfType(CHECKED);
    // (indexed: see mirror.ts's descendantsOfType)
    for (let i = 0; i < checked.length; i++) {
      const n = checked[i];
      if (n) checkNode(n, at);
    }
    return out;
  }
  // The nodes in preorder, but for the rules and chains kept; `null` ends the unit being checked.
  const stack: (Node | null)[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (n === null) {
      const done = unit!;
      kept.set(done.node, done.own ?? NONE);
      unit = done.outer;
      // (into the enclosing chain's problems, at offsets from its start, or into the text's)
      if (done.own) shifted(done.own, done.node.startIndex - (unit ? unit.node.startIndex : 0), unit ? (unit.own ??= []) : out);
      continue;
    }
    if (!n) continue;
    if (n.type === 'rule' || n.type === 'chain_declaration') {
      const problems = kept.get(n);
      if (problems) {
        if (problems.length) shifted(problems, n.startIndex - (unit ? unit.node.startIndex : 0), unit ? (unit.own ??= []) : out);
        continue;
      }
      unit = { node: n, own: undefined, outer: unit };
      stack.push(null);
    }
    if (CHECKED_TYPES.has(n.type)) checkNode(n, at);
    const cs = n.children;
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
  }
  return out;
}

/**
 * A rule or chain declaration being checked with a memo: its problems so far, at offsets from its
 * start, and the unit around it. A chain's problems are its rules' and its own: checks look at a
 * node, its parent and what lies below (and up to a set update, meter or typeof, all inside a
 * rule), never above the chain, so a chain node the next text's tree copy adopts is passed over
 * whole.
 */
interface Unit {
  readonly node: Node;
  own: ParserProblem[] | undefined;
  readonly outer: Unit | undefined;
}

const NONE: readonly ParserProblem[] = [];

/** Adds problems kept at offsets from a rule or chain to `out`, `base` from where `out`'s offsets count. */
function shifted(kept: readonly ParserProblem[], base: number, out: ParserProblem[]): void {
  for (const p of kept) out.push({ start: p.start + base, end: p.end + base, message: p.message });
}

const EMPTY_BRACES = "syntax error, unexpected '}': nft takes no empty `{ }` (an empty set or map leaves `elements = ...` out)";

/**
 * nft takes line breaks in braces only around the commas and the braces: one inside an element
 * (`1.2.3.4 -` then `1.2.3.9` on the next line, `80 :` then `accept`) is a syntax error. (A
 * backslash before the break continues the line.)
 */
function elementLines(n: Node, at: (n: Node, message: string) => void): void {
  for (const c of n.namedChildren) {
    if (!c || c.type === 'comment') continue;
    const text = c.text;
    const i = text.indexOf('\n');
    if (i >= 0 && /(^|[^\\])\r?\n/.test(text)) at(c, 'syntax error, unexpected newline: nft reads each element of a set or map on one line (break lines after a comma)');
  }
}

/** The words `log flags` takes: after `tcp` one or more, after `ip` one, alone one. */
const LOG_FLAGS: Readonly<Record<string, readonly string[]>> = { tcp: ['sequence', 'options'], ip: ['options'], '': ['skuid', 'ether', 'all'] };

/** Each `flags [tcp|ip] WORD[,WORD]` clause of a log statement, as nft 1.0.6 reads it. */
function logFlags(n: Node, at: (n: Node, message: string) => void): void {
  let clause: { proto: string; flags: Node[] } | undefined;
  const judge = (): void => {
    if (!clause) return;
    const allowed = LOG_FLAGS[clause.proto] ?? [];
    const bad = clause.flags.find((f) => !allowed.includes(f.text));
    const what = clause.proto ? `after \`flags ${clause.proto}\`` : 'alone';
    if (bad) at(bad, `syntax error, unexpected string: \`${bad.text}\` is not a log flag ${what} (${allowed.join(', ')})`);
    else if (clause.proto !== 'tcp' && clause.flags.length > 1) at(clause.flags[1], `syntax error, unexpected comma: \`flags${clause.proto ? ` ${clause.proto}` : ''}\` takes one word here`);
  };
  for (const c of n.children) {
    if (!c) continue;
    if (!c.isNamed && c.type === 'flags') {
      judge();
      clause = { proto: '', flags: [] };
    } else if (clause && !c.isNamed && (c.type === 'tcp' || c.type === 'ip') && clause.flags.length === 0) clause.proto = c.type;
    else if (clause && c.type === 'identifier' && n.childrenForFieldName('flag').includes(c)) clause.flags.push(c);
  }
  judge();
}

/** What may hold line breaks inside a rule or a declaration's line: braces (sets, maps, bound chains) and comments. */
const MULTILINE = ['anonymous_set', 'anonymous_map', 'chain_binding', 'comment'];

/**
 * nft ends a rule, and a line of a declaration (`type ...`, `hook ...`, `policy ...`, `flags ...`,
 * `elements = ...`), at a line break: one inside it (`tcp dport` then `22 accept` on the next line)
 * is a syntax error there, though the grammar reads on. Braces may span lines, and a backslash
 * before the break continues the line.
 */
function lineBreaks(n: Node, at: (n: Node, message: string) => void): void {
  const text = n.text;
  let i = text.indexOf('\n');
  if (i < 0) return;
  const inside = n.descendantsOfType(MULTILINE).map((d) => [d.startIndex - n.startIndex, d.endIndex - n.startIndex] as const);
  for (; i >= 0; i = text.indexOf('\n', i + 1)) {
    if (inside.some(([a, b]) => a <= i && i < b)) continue;
    // (a backslash before the break, maybe with a carriage return between)
    if (/\\\r?$/.test(text.slice(Math.max(0, i - 2), i))) continue;
    const where = n.startIndex + i;
    at({ startIndex: where, endIndex: where + 1 } as Node, `syntax error, unexpected newline: nft reads ${n.type === 'rule' ? 'a rule' : 'this line of the declaration'} on one line (continue it with a backslash)`);
    return;
  }
}

/** The checks of one node (see the module comment). */
function checkNode(n: Node, at: (n: Node, message: string) => void): void {
  switch (n.type) {
    case 'identifier':
      // the parent first: most identifiers are neither values nor names, and need no text
      if (n.parent && VALUE_PARENTS.has(n.parent.type) && NOT_VALUES.has(n.text)) {
        at(n, `syntax error, unexpected ${n.text}: nft reads \`${n.text}\` as its keyword, not as a value`);
      } else if (n.parent && /_declaration$|_command$/.test(n.parent.type) && NOT_NAMES.has(n.text) && isName(n.parent, n)) {
        at(n, `syntax error, unexpected ${n.text === 'not' ? '!' : n.text}, expecting string: \`${n.text}\` is an nft keyword, not a name`);
      }
      break;
    case 'ipv4_address':
    case 'ipv6_address':
      if (!parseIp(n.text)) at(n, `${quoted(n.text, "'")} is not a valid IP address (nft tries it as a host name: Could not resolve hostname)`);
      break;
    case 'prefix': {
      const a = parseIp(n.childForFieldName('address')?.text ?? '');
      const len = n.childForFieldName('length');
      if (a && len?.type === 'number' && /^\d+$/.test(len.text) && Number(len.text) > (a.v === 4 ? 32 : 128)) at(n, `prefix length ${len.text} is over ${a.v === 4 ? 32 : 128}`);
      break;
    }
    case 'match_statement':
      etherTypes(n.childForFieldName('left'), n.childForFieldName('right'), at);
      break;
    case 'payload_set_statement': {
      // a TCP option's fields are plain integers: no symbol names them
      const value = n.childForFieldName('value');
      if (n.childForFieldName('left')?.type === 'tcp_option_expression' && value?.type === 'identifier')
        at(value, `Could not parse integer: \`${value.text}\` names nothing a TCP option's field can be set to (a number, or an expression such as \`rt mtu\`)`);
      break;
    }
    case 'vmap_statement': {
      etherTypes(n.childForFieldName('key'), n.childForFieldName('map'), at);
      const map = n.childForFieldName('map');
      if (map?.type !== 'anonymous_map') break;
      for (const e of map.namedChildren) {
        const v = e?.type === 'map_element' ? e.childForFieldName('value') : undefined;
        if (v && v.type !== 'verdict' && v.type !== 'variable') at(v, notAVerdict(v));
      }
      break;
    }
    case 'synproxy_declaration': {
      // the object's body, over its lines; the statement takes its options in any order
      let next = 0;
      let bad = false;
      for (const values of n.namedChildren) {
        if (values?.type !== 'synproxy_values' || bad) continue;
        for (const c of values.children) {
          if (!c || !SYNPROXY_ORDER.includes(c.type)) continue;
          const i = SYNPROXY_ORDER.indexOf(c.type);
          if (i < next || (next < 2 && i !== next)) {
            at(c, `syntax error, unexpected ${c.type}${next < 2 ? `, expecting ${SYNPROXY_ORDER[next]}` : ''}: a synproxy object takes mss N, wscale N, then timestamp and sack-perm, each once, in this order`);
            bad = true;
            break;
          }
          next = i + 1;
        }
      }
      if (!bad && next === 1) at(n, 'syntax error, expecting wscale: a synproxy object needs `wscale N` after `mss N`');
      break;
    }
    case 'concatenation':
      // `1.2.3.4.5`, `10.0.0`: digits and dots with no blank between are one word to nft's
      // scanner, not a concatenation; a word it cannot read as an address
      if (n.parent?.type !== 'concatenation' && /^\d+(\.\d+)+$/.test(n.text) && !parseIp(n.text)) at(n, `${quoted(n.text, "'")} is not a valid IP address`);
      // `meta mark . dport` after a deleted `tcp`: beside an expression, a bare field's name is a
      // symbol of no type (typeof, set updates and meters are checked above)
      else if (n.parent?.type !== 'concatenation' && !insideOf(n, FIELD_CHECKED)) {
        const parts = concatParts(n);
        const bare = parts.find((x) => x.type === 'identifier' && FIELD_NAMES.has(x.text) && x.text !== 'mark');
        if (bare && parts.some((x) => x.type.endsWith('_expression'))) at(bare, `Can't parse symbolic invalid expressions: \`${bare.text}\` is a header field without its protocol`);
      }
      break;
    case 'nat_statement': {
      const address = n.childForFieldName('address');
      if (address?.type === 'prefix' && n.childForFieldName('port')) at(address, `syntax error, unexpected string, expecting number: a prefix (\`${address.text}\`) takes no port; give an address, a range or a prefix alone`);
      // a map of addresses: all data single addresses, or all prefixes / ranges (the kernel
      // refuses a mix with Invalid argument)
      for (const m of address?.descendantsOfType('anonymous_map') ?? []) {
        const parts = (v: Node | null): readonly (Node | null)[] => (v?.type === 'concatenation' ? v.namedChildren : [v]);
        const isInterval = (x: Node | null): boolean => x?.type === 'prefix' || x?.type === 'range';
        const data = (m?.namedChildren ?? []).filter((e): e is Node => e?.type === 'map_element').map((e) => parts(e.childForFieldName('value')));
        const first = data.find((d) => d.some(isInterval));
        const odd = first && data.find((d) => d.length === first.length && d.some((x, i) => isInterval(x) !== isInterval(first[i])));
        if (first && odd) {
          const i = odd.findIndex((x, k) => isInterval(x) !== isInterval(first[k]));
          const shown = first.find(isInterval)!;
          at(odd[i] ?? m!, `Could not process rule: Invalid argument: this map's data mixes single addresses with prefixes or ranges (\`${shown.text}\`); the kernel takes one kind per map`);
        }
      }
      break;
    }
    case 'flowtable_declaration':
      for (const h of n.namedChildren) {
        if (h?.type !== 'hook_spec') continue;
        const hook = h.childForFieldName('hook');
        if (hook && hook.text !== 'ingress') at(hook, `unknown chain hook \`${hook.text}\`: a flowtable's hook is ingress`);
        const pr = h.childForFieldName('priority');
        const name = pr?.type === 'identifier' ? pr : pr?.type === 'binary_expression' ? pr.childForFieldName('left') : undefined;
        if (pr && name?.type === 'identifier' && name.text !== 'filter') at(pr, `invalid priority expression value: a flowtable's priority is a number or filter [+/- N], not \`${name.text}\``);
      }
      break;
    case 'log_statement':
      for (const level of n.childrenForFieldName('level')) {
        const word = level?.type === 'string' ? level.text.replace(/^"|"$/g, '') : level?.type === 'identifier' ? level.text : undefined;
        if (level && word !== undefined && !LOG_LEVELS.includes(word)) at(level, `invalid log level \`${word}\` (${LOG_LEVELS.join(', ')})`);
      }
      logFlags(n, at);
      // a variable goes inside the quotes (`prefix "$p"`, which nft 1.0.6 expands)
      for (const prefix of n.childrenForFieldName('prefix')) {
        if (prefix?.type === 'variable') at(prefix, `syntax error, unexpected '$', expecting string: nft 1.0.6 takes a log prefix as a quoted string (write \`"${prefix.text}"\`)`);
      }
      break;
    case 'typeof_spec': {
      lineBreaks(n, at);
      // the fields of a typeof's selectors (matches get them from the lowering)
      for (const p of n.descendantsOfType('payload_expression')) {
        const proto = p?.child(0);
        const field = p?.namedChildren.find((c) => c?.type === 'identifier' && c.startIndex > (proto?.startIndex ?? 0));
        const bad = proto && field ? payloadFieldError(proto.text, field.text) : undefined;
        if (field && bad) at(field, `syntax error, unexpected string: ${bad}`);
      }
      // `typeof numgen inc mod 2 : daddr` after a deleted `ip`: a bare word is no expression
      const data = n.childForFieldName('data');
      if (data?.type === 'identifier' && (NOT_VALUES.has(data.text) || (FIELD_NAMES.has(data.text) && data.text !== 'mark'))) {
        at(data, NOT_VALUES.has(data.text) ? `syntax error, unexpected ${data.text}` : `map data type 'symbol' lacks typeof serialization: \`${data.text}\` is a field without its protocol`);
      }
      break;
    }
    case 'set_update_statement':
    case 'meter_statement': {
      // `update @s { saddr timeout 5s }` after a deleted `ip`: nft reads the field's name as a
      // value of the set's type (a host name, a number) and cannot
      const key = n.childForFieldName('key');
      const words = key?.type === 'identifier' ? [key] : key?.type === 'concatenation' ? key.descendantsOfType('identifier').filter((w) => w?.parent?.type === 'concatenation') : [];
      for (const w of words) if (w && FIELD_NAMES.has(w.text)) at(w, `\`${w.text}\` is a header field without its protocol: nft reads it as a value of the set's type and cannot resolve it`);
      break;
    }
    case 'set_declaration':
    case 'map_declaration': {
      // an interval set without auto-merge and every map refuse overlapping address intervals;
      // anonymous sets merge them
      const spec = n.namedChildren.find((c) => c?.type === 'elements_spec')?.childForFieldName('elements');
      const flags = n.namedChildren.filter((c) => c?.type === 'flags_spec').flatMap((f) => f!.childrenForFieldName('flag').map((x) => x?.text));
      const merges = n.namedChildren.some((c) => c?.type === 'auto_merge_spec');
      if (spec?.type === 'anonymous_set' && n.type === 'set_declaration' && flags.includes('interval') && !merges) overlapping(spec.namedChildren, at);
      break;
    }
    case 'map_expression': {
      // `dnat ip6 to saddr map @y` after a deleted `ip6`: a bare field's name as a map's key
      const key = n.childForFieldName('key');
      if (key?.type === 'identifier' && FIELD_NAMES.has(key.text) && key.text !== 'mark') at(key, `No symbol type information: \`${key.text}\` is a header field without its protocol`);
      break;
    }
    case 'rule':
    case 'type_spec':
    case 'hook_spec':
    case 'policy_spec':
    case 'flags_spec':
    case 'elements_spec':
      lineBreaks(n, at);
      break;
    case 'anonymous_set':
      // `{ }`: nft's parser takes no braces without an element (`elements = { }` included), but
      // for a variable's value (`define subnets = { }`, as OpenWrt's fw4 writes them)
      if (n.parent?.type !== 'define' && !n.namedChildren.some((c) => c && c.type !== 'comment')) at(n, EMPTY_BRACES);
      elementLines(n, at);
      break;
    case 'anonymous_map':
      if (!n.namedChildren.some((c) => c && c.type !== 'comment')) {
        at(n, EMPTY_BRACES);
        break;
      }
      elementLines(n, at);
      overlapping(n.namedChildren.map((e) => (e?.type === 'map_element' ? e.childForFieldName('key') : null)), at);
      break;
    case 'meta_expression': {
      // keys nft 1.0.6 takes only after `meta` (`l4proto tcp` after a deleted `meta`)
      const key = n.childForFieldName('key');
      if (key && n.child(0)?.type !== 'meta' && META_ONLY.has(key.text)) at(key, `No symbol type information: \`${key.text}\` is a meta key nft takes only as \`meta ${key.text}\``);
      break;
    }
    case 'ct_timeout_policy': {
      const map = n.childForFieldName('policy');
      for (const e of map?.namedChildren ?? []) {
        const v = e?.type === 'map_element' ? e.childForFieldName('value') : undefined;
        if (v && !(v.type === 'number' && !v.text.startsWith('-'))) at(v, `syntax error, unexpected string, expecting number: nft 1.0.6 takes a ct timeout in seconds as a plain number (\`${v.text}\` needs a later release)`);
      }
      break;
    }
  }
}

/** `conflicting intervals specified` at the first of two address intervals that overlap. */
function overlapping(keys: readonly (Node | null | undefined)[], at: (n: Node, message: string) => void): void {
  const seen: { iv: IpInterval; node: Node }[] = [];
  for (const k of keys) {
    const v = k?.type === 'element' ? k.childForFieldName('value') : k;
    if (!v || !['ipv4_address', 'ipv6_address', 'prefix', 'range'].includes(v.type)) continue;
    const iv = parseIpInterval(v.text.replace(/\s+/g, ''));
    if (!iv) continue;
    const other = seen.find((o) => o.iv.v === iv.v && o.iv.lo <= iv.hi && iv.lo <= o.iv.hi);
    if (other) {
      const same = other.iv.lo === iv.lo && other.iv.hi === iv.hi && other.iv.lo === other.iv.hi;
      at(other.node, same ? `the element \`${v.text}\` is given twice (File exists)` : `conflicting intervals specified: \`${other.node.text}\` and \`${v.text}\` overlap`);
      return;
    }
    seen.push({ iv, node: v });
  }
}

/** What nft says of a verdict map's value that is no verdict (the lowering says the same where it reads the map first). */
export function notAVerdict(v: Node): string {
  return `syntax error, unexpected ${v.type === 'string' ? 'quoted string' : 'string'}: a verdict map's values are verdicts (accept, drop, jump CHAIN, ...)`;
}

/** What nft says of a word compared with an ether type that is none. */
export function notAnEtherType(word: string): string {
  return `Could not parse Ethernet protocol: \`${word}\` is no ethertype (ip, ip6, arp, vlan, 8021q, 8021ad or a number)`;
}

/** The ethertype names nft 1.0.6 reads (`ip`, `ip6`, `arp` and `vlan` are keywords, not identifiers). */
const ETHER_TYPES: ReadonlySet<string> = new Set(Object.keys(ETHERTYPES));

/** `meta protocol` / `ether type` / `vlan type` compared with words that are no ethertype (`ipf6`). */
function etherTypes(left: Node | null, right: Node | null, at: (n: Node, message: string) => void): void {
  if (!left || !right) return;
  const proto = left.type === 'meta_expression' ? left.childForFieldName('key')?.text === 'protocol' : left.type === 'payload_expression' && /^(ether|vlan)$/.test(left.child(0)?.text ?? '') && left.namedChildren.some((c) => c?.type === 'identifier' && c.text === 'type');
  if (!proto) return;
  const values = right.type === 'identifier' ? [right] : right.type === 'anonymous_set' ? right.namedChildren : right.type === 'anonymous_map' ? right.namedChildren.map((e) => (e?.type === 'map_element' ? e.childForFieldName('key') : null)) : [];
  for (const v of values) if (v?.type === 'identifier' && !ETHER_TYPES.has(v.text)) at(v, notAnEtherType(v.text));
}
