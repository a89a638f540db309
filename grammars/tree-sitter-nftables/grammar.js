/**
 * @file tree-sitter grammar for the nftables language (`nft -f` scripts and `nft list ruleset` output).
 * @license MIT
 *
 * Design notes
 * - Line breaks end rules and block items; an external scanner emits them only where a terminator is
 *   valid (see src/scanner.c). Inside braces, after operators and after commas they are whitespace.
 * - Words such as `ip`, `tcp` or `redirect` are keywords only where the grammar can use them as
 *   keywords; where only a value is possible they are lexed as `identifier` (tree-sitter keyword
 *   extraction), so `meta l4proto tcp` gives an identifier `tcp` without special cases.
 * - The left side of a match is a selector expression (payload, meta, ct, ...); the right side is a
 *   value (constants, sets, ranges, prefixes, concatenations). Statement values (`set`, NAT targets,
 *   dynamic set keys) accept both.
 */

/* eslint-disable arrow-parens, camelcase */
/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const FAMILIES = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'];

// Header protocols that start a payload expression (`tcp dport`, `ip saddr`, `frag more-fragments`).
const PROTOCOLS = [
  'ip', 'ip6', 'tcp', 'udp', 'udplite', 'sctp', 'dccp', 'icmp', 'icmpv6', 'igmp', 'ether', 'vlan',
  'arp', 'th', 'ah', 'esp', 'comp', 'gre', 'gretap', 'geneve', 'vxlan', 'hbh', 'frag', 'dst', 'mh',
  'srh', 'rt0', 'rt2', 'rt4',
];

// Meta keys that may be written without `meta` (nft's unqualified meta keys, plus l4proto/nfproto
// which hand-written files use in the same way).
const BARE_META_KEYS = [
  'iif', 'iifname', 'iiftype', 'iifgroup', 'oif', 'oifname', 'oiftype', 'oifgroup', 'mark',
  'skuid', 'skgid', 'nftrace', 'rtclassid', 'ibriport', 'obriport', 'ibrname', 'obrname',
  'ibridgename', 'obridgename', 'pkttype', 'cpu', 'cgroup', 'l4proto', 'nfproto', 'secpath',
];

const PREC = {
  map: 1,
  list: 2,
  concat: 3,
  or: 4,
  xor: 5,
  and: 6,
  shift: 7,
  arith: 8,
  range: 9,
  prefix: 10,
};

const RELATIONAL = ['==', '!=', '<', '>', '<=', '>=', 'eq', 'ne', 'lt', 'gt', 'le', 'ge'];

/**
 * The elements of a set or map: nft's `set_list_expr` takes a comma after any element, so an empty
 * place between two commas (`{ "eth1", , "eth2" }`) or after the last is no error; the list starts
 * with an element.
 * @param {RuleOrLiteral} rule
 */
function elementList(rule) {
  return seq(rule, repeat(seq(',', optional(rule))));
}

/**
 * Block body: items, each ended by a line break, `;` or the closing brace.
 * @param {GrammarSymbols<string>} $
 * @param {RuleOrLiteral} item
 */
function body($, item) {
  return seq('{', repeat(choice(seq(item, $._end), $._sep)), '}');
}

/**
 * `[VERB] KEYWORD [FAMILY] TABLE (NAME | handle N)`: the head of a top-level command.
 * @param {GrammarSymbols<string>} $
 * @param {RuleOrLiteral} keyword
 */
function commandHead($, keyword) {
  return seq(
    optional(field('command', $._verb)),
    keyword,
    optional(field('family', $.family)),
    field('table', $._name),
    choice(field('name', $._name), $._handle),
  );
}

/**
 * Left-associative binary operators.
 * @param {RuleOrLiteral} operand
 * @param {RuleOrLiteral} right
 */
function bitwise(operand, right) {
  return choice(
    ...[
      [PREC.or, choice('|', 'or')],
      [PREC.xor, choice('^', 'xor')],
      [PREC.and, choice('&', 'and')],
      [PREC.shift, choice('<<', '>>', 'lshift', 'rshift')],
    ].map(([p, op]) =>
      prec.left(/** @type {number} */ (p), seq(field('left', operand), field('operator', /** @type {Rule} */ (op)), field('right', right))),
    ),
  );
}

module.exports = grammar({
  name: 'nftables',

  word: $ => $.identifier,

  externals: $ => [$._newline, $._implicit_end, $._error_sentinel],

  extras: $ => [/[ \t\r\f\v\n]/, /\\\r?\n/, $.comment],

  supertypes: $ => [$._statement, $._selector],

  conflicts: $ => [],

  rules: {
    source_file: $ => repeat(choice(seq($._top_item, $._end), $._sep)),

    _end: $ => choice($._newline, ';', $._implicit_end),
    _sep: $ => choice($._newline, ';'),

    _top_item: $ => choice(
      $.include,
      $.define,
      $.table_declaration,
      alias($._chain_command, $.chain_declaration),
      alias($._set_command, $.set_declaration),
      alias($._map_command, $.map_declaration),
      alias($._flowtable_command, $.flowtable_declaration),
      $._object_command,
      $.rule_command,
      $.element_command,
      $.ruleset_command,
      $.list_command,
      $.rename_command,
    ),

    // ---------------------------------------------------------------- preprocessor

    include: $ => seq('include', field('path', $.string)),

    define: $ => choice(
      seq(field('command', choice('define', 'redefine')), field('name', $.identifier), '=', field('value', $._set_value)),
      seq(field('command', 'undefine'), field('name', $.identifier)),
    ),

    // ---------------------------------------------------------------- commands and blocks

    _verb: $ => choice('add', 'create', 'insert', 'replace', 'delete', 'destroy', 'flush', 'list', 'reset', 'get'),

    _handle: $ => seq('handle', field('handle', $.number)),

    table_declaration: $ => seq(
      optional(field('command', $._verb)),
      'table',
      optional(field('family', $.family)),
      choice(field('name', $._name), $._handle),
      optional($._table_body),
    ),

    _table_body: $ => body($, $._table_item),

    _table_item: $ => choice(
      $.include,
      $.define,
      $.chain_declaration,
      $.set_declaration,
      $.map_declaration,
      $.flowtable_declaration,
      $._object_declaration,
      $.flags_spec,
      $.comment_spec,
    ),

    family: $ => choice(...FAMILIES),

    _name: $ => choice($.identifier, alias($.path_name, $.identifier), $.string, $.variable),

    // `chain NAME { ... }` inside a table, or `[add] chain [FAMILY] TABLE NAME [{ ... }]` as a command.
    chain_declaration: $ => seq('chain', field('name', $._name), optional($._chain_body)),

    _chain_command: $ => seq(commandHead($, 'chain'), optional($._chain_body)),

    _chain_body: $ => body($, $._chain_item),

    _chain_item: $ => choice(
      $.include,
      $.define,
      $.hook_spec,
      $.policy_spec,
      $.comment_spec,
      $.devices_spec,
      $.flags_spec,
      $.rule,
    ),

    hook_spec: $ => seq(
      optional(seq('type', field('type', $.identifier))),
      'hook', field('hook', $.identifier),
      optional(choice(
        seq('device', field('device', $._name)),
        seq('devices', '=', field('device', choice($.anonymous_set, $.variable))),
      )),
      optional(seq('priority', field('priority', $._priority))),
    ),

    _priority: $ => choice($._priority_atom, $.binary_expression),

    _priority_atom: $ => choice($.number, $.identifier, $.variable),

    binary_expression: $ => choice(
      prec.left(PREC.arith, seq(field('left', $._priority_atom), field('operator', choice('+', '-')), field('right', $._priority_atom))),
      bitwise($._lhs, $._bit_operand),
    ),

    policy_spec: $ => seq('policy', field('policy', choice('accept', 'drop', $.identifier, $.variable))),

    comment_spec: $ => seq('comment', field('comment', $.string)),

    devices_spec: $ => seq('devices', '=', field('devices', choice($.anonymous_set, $.variable))),

    flags_spec: $ => seq('flags', field('flag', $._flag), repeat(seq(',', field('flag', $._flag)))),

    _flag: $ => choice($.identifier, $.variable),

    // ---------------------------------------------------------------- sets and maps

    set_declaration: $ => seq('set', field('name', $._name), $._set_body),

    _set_command: $ => seq(commandHead($, 'set'), optional($._set_body)),

    map_declaration: $ => seq('map', field('name', $._name), $._set_body),

    _map_command: $ => seq(commandHead($, 'map'), optional($._set_body)),

    _set_body: $ => body($, $._set_item_spec),

    _set_item_spec: $ => choice(
      $.type_spec,
      $.typeof_spec,
      $.flags_spec,
      $.elements_spec,
      $.size_spec,
      $.timeout_spec,
      $.gc_interval_spec,
      $.policy_spec,
      $.auto_merge_spec,
      $.counter_spec,
      $.comment_spec,
    ),

    type_spec: $ => seq(
      'type', field('key', $._type_expr),
      optional(seq(':', optional(field('interval', 'interval')), field('data', $._type_expr))),
    ),

    _type_expr: $ => choice($.identifier, alias($._type_concat, $.concatenation)),

    _type_concat: $ => prec.left(seq($._type_expr, '.', $.identifier)),

    typeof_spec: $ => seq(
      'typeof', field('key', $._lhs),
      optional(seq(':', optional(field('interval', 'interval')), field('data', choice($._lhs, $.identifier)))),
    ),

    elements_spec: $ => seq('elements', '=', field('elements', choice($.anonymous_set, $.anonymous_map, $.variable))),

    size_spec: $ => seq('size', field('size', $.number)),

    timeout_spec: $ => seq('timeout', field('timeout', $._duration)),

    gc_interval_spec: $ => seq('gc-interval', field('interval', $._duration)),

    auto_merge_spec: $ => 'auto-merge',

    counter_spec: $ => 'counter',

    _duration: $ => choice($.time, $.number, $.variable),

    element_command: $ => seq(
      optional(field('command', $._verb)),
      'element',
      optional(field('family', $.family)),
      field('table', $._name),
      field('set', $._name),
      field('elements', choice($.anonymous_set, $.anonymous_map, $.variable)),
    ),

    // ---------------------------------------------------------------- flowtables and stateful objects

    flowtable_declaration: $ => seq('flowtable', field('name', $._name), $._flowtable_body),

    _flowtable_command: $ => seq(commandHead($, 'flowtable'), optional($._flowtable_body)),

    _flowtable_body: $ => body($, choice($.hook_spec, $.devices_spec, $.flags_spec, $.counter_spec, $.comment_spec)),

    _object_command: $ => choice(
      alias($._counter_command, $.counter_declaration),
      alias($._quota_command, $.quota_declaration),
      alias($._limit_command, $.limit_declaration),
      alias($._ct_helper_command, $.ct_helper_declaration),
      alias($._ct_timeout_command, $.ct_timeout_declaration),
      alias($._ct_expectation_command, $.ct_expectation_declaration),
      alias($._secmark_command, $.secmark_declaration),
      alias($._synproxy_command, $.synproxy_declaration),
    ),

    _object_declaration: $ => choice(
      $.counter_declaration,
      $.quota_declaration,
      $.limit_declaration,
      $.ct_helper_declaration,
      $.ct_timeout_declaration,
      $.ct_expectation_declaration,
      $.secmark_declaration,
      $.synproxy_declaration,
    ),

    counter_declaration: $ => seq('counter', field('name', $._name), optional($._counter_body)),

    _counter_command: $ => seq(commandHead($, 'counter'), optional($._counter_body)),

    _counter_body: $ => body($, choice($.counter_values, $.comment_spec)),

    counter_values: $ => seq('packets', field('packets', $.number), 'bytes', field('bytes', $.number)),

    quota_declaration: $ => seq('quota', field('name', $._name), optional($._quota_body)),

    _quota_command: $ => seq(commandHead($, 'quota'), optional($._quota_body)),

    _quota_body: $ => body($, choice($.quota_values, $.comment_spec)),

    quota_values: $ => seq(
      optional(field('mode', choice('over', 'until'))),
      field('value', $.number), optional(field('unit', $.identifier)),
      optional(seq('used', field('used', $.number), optional(field('used_unit', $.identifier)))),
    ),

    limit_declaration: $ => seq('limit', field('name', $._name), optional($._limit_body)),

    _limit_command: $ => seq(commandHead($, 'limit'), optional($._limit_body)),

    _limit_body: $ => body($, choice($.limit_values, $.comment_spec)),

    limit_values: $ => seq(
      'rate', optional(field('mode', choice('over', 'until'))), field('rate', $.rate),
      optional(seq('burst', field('burst', $.number), optional(field('burst_unit', $.identifier)))),
    ),

    ct_helper_declaration: $ => seq(seq('ct', 'helper'), field('name', $._name), optional($._ct_helper_body)),

    _ct_helper_command: $ => seq(commandHead($, seq('ct', 'helper')), optional($._ct_helper_body)),

    _ct_helper_body: $ => body($, choice(
      $.ct_helper_type, $.l3proto_spec, $.comment_spec,
    )),

    ct_helper_type: $ => seq('type', field('name', $.string), 'protocol', field('protocol', $.identifier)),

    l3proto_spec: $ => seq('l3proto', field('family', choice($.identifier, $.family))),

    ct_timeout_declaration: $ => seq(seq('ct', 'timeout'), field('name', $._name), optional($._ct_timeout_body)),

    _ct_timeout_command: $ => seq(commandHead($, seq('ct', 'timeout')), optional($._ct_timeout_body)),

    _ct_timeout_body: $ => body($, choice(
      $.protocol_spec, $.l3proto_spec, $.ct_timeout_policy, $.comment_spec,
    )),

    protocol_spec: $ => seq('protocol', field('protocol', $.identifier)),

    ct_timeout_policy: $ => seq('policy', '=', field('policy', $.anonymous_map)),

    ct_expectation_declaration: $ => seq(seq('ct', 'expectation'), field('name', $._name), optional($._ct_expectation_body)),

    _ct_expectation_command: $ => seq(commandHead($, seq('ct', 'expectation')), optional($._ct_expectation_body)),

    _ct_expectation_body: $ => body($, choice(
      $.protocol_spec, $.l3proto_spec, $.dport_spec, $.timeout_spec, $.size_spec, $.comment_spec,
    )),

    dport_spec: $ => seq('dport', field('port', $.number)),

    secmark_declaration: $ => seq('secmark', field('name', $._name), optional($._secmark_body)),

    _secmark_command: $ => seq(commandHead($, 'secmark'), optional($._secmark_body)),

    _secmark_body: $ => body($, choice(
      field('context', $.string), $.comment_spec,
    )),

    synproxy_declaration: $ => seq('synproxy', field('name', $._name), optional($._synproxy_body)),

    _synproxy_command: $ => seq(commandHead($, 'synproxy'), optional($._synproxy_body)),

    _synproxy_body: $ => body($, choice(
      $.synproxy_values, $.comment_spec,
    )),

    synproxy_values: $ => repeat1(choice(
      seq('mss', field('mss', $.number)),
      seq('wscale', field('wscale', $.number)),
      field('flag', choice('timestamp', 'sack-perm')),
    )),

    // ---------------------------------------------------------------- other commands

    rule_command: $ => seq(
      optional(field('command', $._verb)),
      'rule',
      optional(field('family', $.family)),
      field('table', $._name),
      field('chain', $._name),
      optional(seq(field('position', choice('position', 'handle', 'index')), field('handle', $.number))),
      optional(field('rule', $.rule)),
    ),

    ruleset_command: $ => seq(field('command', $._verb), 'ruleset', optional(field('family', $.family))),

    // `list tables`, `list counters table inet f`, `reset counters`, `list ct helpers ...`
    list_command: $ => seq(
      field('command', $._verb),
      field('what', choice(
        'tables', 'chains', 'sets', 'maps', 'flowtables', 'counters', 'quotas', 'limits', 'meters',
        'secmarks', 'synproxys', 'hooks', 'rules', 'elements',
        seq('ct', choice('helpers', 'timeouts', 'expectations')),
      )),
      optional('table'),
      optional(field('family', $.family)),
      optional(field('table', $._name)),
    ),

    rename_command: $ => seq('rename', 'chain', optional(field('family', $.family)), field('table', $._name),
      field('name', $._name), field('new_name', $._name)),

    // ---------------------------------------------------------------- rules

    rule: $ => seq(repeat1($._statement), optional(seq('comment', field('comment', $.string)))),

    _statement: $ => choice(
      $.match_statement,
      $.vmap_statement,
      $.meta_set_statement,
      $.ct_set_statement,
      $.payload_set_statement,
      $.verdict_statement,
      $.reject_statement,
      $.queue_statement,
      $.counter_statement,
      $.log_statement,
      $.limit_statement,
      $.quota_statement,
      $.connlimit_statement,
      $.nat_statement,
      $.tproxy_statement,
      $.notrack_statement,
      $.dup_statement,
      $.fwd_statement,
      $.synproxy_statement,
      $.flow_statement,
      $.meter_statement,
      $.set_update_statement,
      $.last_statement,
      $.xt_statement,
    ),

    match_statement: $ => seq(
      field('left', $._lhs),
      optional(field('operator', choice(...RELATIONAL))),
      field('right', $._rhs),
    ),

    vmap_statement: $ => seq(field('key', $._lhs), 'vmap', field('map', $._map_source)),

    _map_source: $ => choice($.anonymous_map, $.set_reference, $.variable),

    meta_set_statement: $ => seq(field('left', $.meta_expression), 'set', field('value', $._set_value)),

    ct_set_statement: $ => seq(field('left', $.ct_expression), 'set', field('value', $._set_value)),

    payload_set_statement: $ => seq(
      field('left', choice($.payload_expression, $.tcp_option_expression, $.ip_option_expression, $.exthdr_expression, $.raw_payload_expression)),
      'set', field('value', $._set_value),
    ),

    verdict_statement: $ => choice(
      field('verdict', choice('accept', 'drop', 'continue', 'return')),
      seq(field('verdict', choice('jump', 'goto')), field('target', choice($._name, $.chain_binding))),
    ),

    chain_binding: $ => body($, $.rule),

    reject_statement: $ => prec.right(seq(
      'reject',
      optional(seq('with', choice(
        seq(field('protocol', choice('icmp', 'icmpv6', 'icmpx')), optional('type'), field('type', choice($.identifier, $.number, $.variable))),
        seq(field('protocol', 'tcp'), field('type', 'reset')),
      ))),
    )),

    queue_statement: $ => prec.right(seq(
      'queue',
      repeat(choice(
        seq('flags', field('flag', $.identifier), repeat(seq(',', field('flag', $.identifier)))),
        seq(choice('num', 'to'), field('number', choice($.number, $.range, $.variable, $.map_expression, $._selector))),
        seq(field('flag', $.identifier), repeat(seq(',', field('flag', $.identifier)))),
      )),
    )),

    counter_statement: $ => prec.right(seq(
      'counter',
      optional(choice(
        seq('packets', field('packets', $.number), 'bytes', field('bytes', $.number)),
        seq('name', field('name', choice($.string, $.identifier, $.variable, $.map_expression))),
      )),
    )),

    log_statement: $ => prec.right(seq(
      'log',
      repeat(choice(
        seq('prefix', field('prefix', choice($.string, $.variable))),
        seq('level', field('level', choice($.identifier, $.string, $.variable))),
        seq('group', field('group', choice($.number, $.variable))),
        seq('snaplen', field('snaplen', choice($.number, $.variable))),
        seq('queue-threshold', field('queue_threshold', choice($.number, $.variable))),
        seq('flags', optional(field('flag_protocol', choice('tcp', 'ip'))), field('flag', $.identifier), repeat(seq(',', field('flag', $.identifier)))),
      )),
    )),

    limit_statement: $ => prec.right(choice(
      seq('limit', 'name', field('name', choice($.string, $.identifier, $.variable, $.map_expression))),
      seq(
        'limit', 'rate', optional(field('mode', choice('over', 'until'))), field('rate', $.rate),
        optional(seq('burst', field('burst', $.number), optional(field('burst_unit', $.identifier)))),
      ),
    )),

    rate: $ => seq(field('value', choice($.number, $.variable)), optional(field('unit', $.identifier)), '/', field('per', $.identifier)),

    quota_statement: $ => prec.right(choice(
      seq('quota', 'name', field('name', choice($.string, $.identifier, $.variable, $.map_expression))),
      seq(
        'quota', optional(field('mode', choice('over', 'until'))), field('value', $.number), optional(field('unit', $.identifier)),
        optional(seq('used', field('used', $.number), optional(field('used_unit', $.identifier)))),
      ),
    )),

    connlimit_statement: $ => seq('ct', 'count', optional(field('mode', 'over')), field('count', choice($.number, $.variable))),

    nat_statement: $ => prec.right(choice(
      seq(
        field('kind', choice('snat', 'dnat')),
        optional(field('family', choice('ip', 'ip6'))),
        optional(choice(seq(field('mode', 'addr'), '.', 'port'), field('mode', choice('prefix', 'interval')))),
        'to', $._nat_target,
        optional($._nat_flags),
      ),
      // pre-0.9 form without `to`: `dnat 1.2.3.4`, `snat 1.2.3.4:80`
      seq(field('kind', choice('snat', 'dnat')), $._nat_target, optional($._nat_flags)),
      seq(
        field('kind', choice('masquerade', 'redirect')),
        optional(choice(
          seq($._to_port, optional($._nat_flags)),
          seq($._nat_flags, optional($._to_port)),
        )),
      ),
      seq(field('kind', 'redirect'), $._port_target, optional($._nat_flags)),
    )),

    _nat_target: $ => choice(
      seq(field('address', $._nat_address), optional(seq(':', field('port', $._port_value)))),
      seq('[', field('address', $.ipv6_address), ']', optional(seq(':', field('port', $._port_value)))),
      $._port_target,
    ),

    _to_port: $ => seq('to', choice($._port_target, field('port', $._port_value))),

    _port_target: $ => seq(':', field('port', $._port_value)),

    _nat_address: $ => $._general,

    _port_value: $ => choice($.number, $.range, $.variable, $.identifier, $.map_expression, $._selector),

    _nat_flags: $ => seq(field('flag', $.identifier), repeat(seq(',', field('flag', $.identifier)))),

    tproxy_statement: $ => seq(
      'tproxy', optional(field('family', choice('ip', 'ip6'))), 'to', $._nat_target,
    ),

    notrack_statement: $ => 'notrack',

    dup_statement: $ => prec.right(seq(
      'dup', optional(field('family', choice('ip', 'ip6'))), 'to', field('address', $._general),
      optional(seq('device', field('device', $._general))),
    )),

    fwd_statement: $ => prec.right(seq(
      'fwd', optional(field('family', choice('ip', 'ip6'))), 'to', field('address', $._general),
      optional(seq('device', field('device', $._general))),
    )),

    synproxy_statement: $ => prec.right(seq('synproxy', choice(
      seq('name', field('name', choice($.string, $.identifier, $.variable, $.map_expression))),
      optional($.synproxy_values),
    ))),

    flow_statement: $ => seq('flow', field('operation', choice('add', 'offload')), field('flowtable', $.set_reference)),

    meter_statement: $ => seq(
      'meter', field('name', $.identifier), optional(seq('size', field('size', $.number))),
      '{', field('key', $._general), optional($._element_timeouts), repeat(field('statement', $._statement)), '}',
    ),

    set_update_statement: $ => choice(
      seq(
        field('operation', choice('add', 'update', 'delete')), field('set', $.set_reference),
        '{', field('key', $._general), optional($._element_timeouts), repeat(field('statement', $._statement)), '}',
      ),
      seq(
        'set', field('operation', choice('add', 'update', 'delete')), field('key', $._general),
        optional($._element_timeouts), field('set', $.set_reference),
      ),
    ),

    _element_timeouts: $ => repeat1(choice(
      seq('timeout', field('timeout', $._duration)),
      seq('expires', field('expires', $._duration)),
    )),

    last_statement: $ => prec.right(seq('last', optional(seq('used', field('used', choice($.identifier, $.time)))))),

    // `xt match "conntrack"`; nft releases that cannot decode the extension print `XT target DNAT not found`.
    xt_statement: $ => choice(
      seq('xt', field('kind', $.identifier), field('name', choice($.identifier, $.string))),
      seq('XT', field('kind', $.identifier), field('name', choice($.identifier, $.string)), 'not', 'found'),
    ),

    // ---------------------------------------------------------------- selector expressions

    _lhs: $ => choice(
      $._selector,
      alias($._lhs_binary, $.binary_expression),
      alias($._lhs_concat, $.concatenation),
    ),

    _lhs_binary: $ => bitwise($._lhs, $._bit_operand),

    _lhs_concat: $ => prec.left(PREC.concat, seq($._lhs, '.', $._lhs)),

    _bit_operand: $ => $._atom,

    parenthesized_expression: $ => seq('(', $._value_expr, ')'),

    _selector: $ => choice(
      $.payload_expression,
      $.raw_payload_expression,
      $.tcp_option_expression,
      $.ip_option_expression,
      $.exthdr_expression,
      $.meta_expression,
      $.ct_expression,
      $.fib_expression,
      $.rt_expression,
      $.socket_expression,
      $.osf_expression,
      $.ipsec_expression,
      $.numgen_expression,
      $.hash_expression,
    ),

    payload_expression: $ => seq(field('protocol', choice(...PROTOCOLS)), field('field', $.identifier)),

    raw_payload_expression: $ => seq(
      '@', field('base', alias(choice('ll', 'nh', 'th', 'ih'), $.identifier)), ',', field('offset', $.number), ',', field('length', $.number),
    ),

    tcp_option_expression: $ => prec.right(seq(
      'tcp', 'option',
      choice(
        seq(field('name', $.identifier), optional(field('field', $.identifier))),
        seq('@', field('kind', $.number), ',', field('offset', $.number), ',', field('length', $.number)),
      ),
    )),

    ip_option_expression: $ => prec.right(seq('ip', 'option', field('name', $.identifier), optional(field('field', $.identifier)))),

    exthdr_expression: $ => prec.right(choice(
      seq('exthdr', field('name', $.identifier), optional(field('field', $.identifier))),
      seq('sctp', 'chunk', field('name', $.identifier), optional(field('field', $.identifier))),
    )),

    meta_expression: $ => choice(
      seq('meta', field('key', $.identifier)),
      field('key', alias(choice(...BARE_META_KEYS), $.identifier)),
    ),

    ct_expression: $ => seq(
      'ct',
      optional(field('direction', choice('original', 'reply'))),
      optional(field('family', choice('ip', 'ip6'))),
      field('key', $.identifier),
    ),

    fib_expression: $ => seq(
      'fib', field('flag', $.identifier), repeat(seq('.', field('flag', $.identifier))),
      field('result', $.identifier),
    ),

    rt_expression: $ => seq('rt', optional(field('family', choice('ip', 'ip6'))), field('key', $.identifier)),

    socket_expression: $ => prec.right(seq('socket', field('key', $.identifier), optional(seq('level', field('level', $.number))))),

    osf_expression: $ => seq('osf', optional(seq('ttl', field('ttl', $.identifier))), field('key', $.identifier)),

    ipsec_expression: $ => seq(
      'ipsec', field('direction', choice('in', 'out')), optional(seq('spnum', field('spnum', $.number))),
      optional(field('family', choice('ip', 'ip6'))), field('key', $.identifier),
    ),

    numgen_expression: $ => prec.right(seq(
      'numgen', field('mode', $.identifier), 'mod', field('modulus', $.number),
      optional(seq('offset', field('offset', $.number))),
    )),

    hash_expression: $ => prec.right(seq(
      field('function', choice('jhash', 'symhash')), optional(field('key', $._lhs)), 'mod', field('modulus', $.number),
      optional(seq('seed', field('seed', $.number))), optional(seq('offset', field('offset', $.number))),
    )),

    map_expression: $ => prec.left(PREC.map, seq(field('key', $._general), 'map', field('map', $._map_source))),

    // ---------------------------------------------------------------- values

    // right side of a match
    _rhs: $ => choice($._value_expr, $.value_list, $.masked_value),

    value_list: $ => prec.left(PREC.list, seq($._value_expr, repeat1(seq(',', $._value_expr)))),

    // `tcp flags syn / fin,syn,rst,ack`: value under a mask
    masked_value: $ => seq(
      field('value', choice($._value_expr, $.value_list)), '/', field('mask', choice($._value_expr, $.value_list)),
    ),

    _value_expr: $ => choice(
      $._atom,
      alias($._value_concat, $.concatenation),
      alias($._value_binary, $.binary_expression),
    ),

    _value_concat: $ => prec.left(PREC.concat, seq($._value_expr, '.', $._value_expr)),

    _value_binary: $ => bitwise($._value_expr, $._value_expr),

    // statement values: anything (`meta mark set ct mark`, `dnat to ip daddr map @m`, `{ ip saddr . 80 }`)
    _set_value: $ => choice($._general, alias($._general_list, $.value_list)),

    _general_list: $ => prec.left(PREC.list, seq($._general, repeat1(seq(',', $._general)))),

    _general: $ => choice(
      $._selector,
      $._atom,
      alias($._general_concat, $.concatenation),
      alias($._general_binary, $.binary_expression),
      $.map_expression,
    ),

    _general_concat: $ => prec.left(PREC.concat, seq($._general, '.', $._general)),

    _general_binary: $ => bitwise($._general, $._general),

    _atom: $ => choice(
      $._scalar,
      $.set_reference,
      $.anonymous_set,
      $.prefix,
      $.range,
      $.boolean,
      $.parenthesized_expression,
    ),

    _scalar: $ => choice(
      $.number,
      $.ipv4_address,
      $.ipv6_address,
      $.mac_address,
      $.time,
      $.string,
      $.identifier,
      $.variable,
    ),

    range: $ => prec.left(PREC.range, seq(field('start', $._scalar), '-', field('end', $._scalar))),

    prefix: $ => prec(PREC.prefix, seq(
      field('address', choice($.ipv4_address, $.ipv6_address, $.variable)), '/', field('length', choice($.number, $.variable)),
    )),

    boolean: $ => choice('exists', 'missing'),

    anonymous_set: $ => seq('{', optional(elementList($._set_element)), '}'),

    _set_element: $ => choice($._value_expr, $.element),

    element: $ => seq(field('value', $._value_expr), repeat1($._element_option)),

    _element_option: $ => choice(
      seq('timeout', field('timeout', $._duration)),
      seq('expires', field('expires', $._duration)),
      seq('comment', field('comment', $.string)),
      field('counter', $.counter_statement),
      field('quota', $.quota_statement),
      field('limit', $.limit_statement),
    ),

    anonymous_map: $ => seq('{', elementList($.map_element), '}'),

    map_element: $ => seq(
      field('key', choice($._value_expr, $.element)), ':',
      field('value', choice(alias($.verdict_statement, $.verdict), $._value_expr)),
    ),

    set_reference: $ => seq('@', field('name', choice($.identifier, alias($.path_name, $.identifier)))),

    variable: $ => seq('$', field('name', $.identifier)),

    // ---------------------------------------------------------------- tokens

    identifier: _ => /[a-zA-Z_][a-zA-Z0-9_\-]*(\.[a-zA-Z0-9_\-]+)*\*?/,

    // names with `/` (nft allows them: `set v4-dc/management`); a separate token so that
    // `mbytes/second` in rates still splits into unit, `/` and period
    path_name: _ => /[a-zA-Z_][a-zA-Z0-9_\-.]*(\/[a-zA-Z0-9_\-.]+)+/,

    number: _ => token(choice(/-?[0-9]+/, /0[xX][0-9a-fA-F]+/)),

    time: _ => /([0-9]+(ms|d|h|m|s))+/,

    ipv4_address: _ => /[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}/,

    ipv6_address: _ => {
      const h = '[0-9a-fA-F]{1,4}';
      const v4 = '[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}';
      return token(choice(
        new RegExp(`(${h}:){7}${h}`),
        new RegExp(`(${h}(:${h})*)?::(${h}(:${h})*)?`),
        new RegExp(`(${h}(:${h})*)?::(${h}:)*${v4}`),
        new RegExp(`(${h}:){6}${v4}`),
      ));
    },

    mac_address: _ => /[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}/,

    // nft has no escapes inside quotes: a string ends at the next double quote.
    string: _ => /"[^"\n]*"/,

    comment: _ => token(seq('#', /[^\n]*/)),
  },
});
