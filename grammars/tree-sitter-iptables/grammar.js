/**
 * Tree-sitter grammar for the iptables-save / iptables-restore format (also ip6tables, the
 * iptables-nft flavour, ufw's *.rules files and `iptables -S` listings).
 *
 * The format is line based: `*table` opens a section, `:CHAIN POLICY [packets:bytes]` declares a
 * chain, command lines (`-A CHAIN ...`, `-I CHAIN 2 ...`, `-N CHAIN`, `-P CHAIN DROP`, ...) change
 * it and `COMMIT` closes the section. `#` starts a comment only at the start of a line.
 *
 * Options are parsed generically (name, optional `!`, any number of argument words) so that
 * matches and targets this grammar has never heard of still parse. `-m NAME` starts a `match`
 * node and `-j NAME` / `-g NAME` a `target` node; each groups the extension (long) options that
 * follow it, up to the next built-in option, match or target. NODES.md documents the tree.
 */

/** Built-in long options of iptables(8); anything else spelt `--name` is an extension option. */
const BUILTIN_LONG = [
  '--protocol', '--source', '--src', '--destination', '--dst',
  '--in-interface', '--out-interface', '--fragment', '--set-counters',
  '--ipv4', '--ipv6',
];

module.exports = grammar({
  name: 'iptables',

  extras: _ => [/[ \t\r\f\v]+/],

  conflicts: $ => [
    // `--syn ! -s x`: after an option name, `!` may negate it old-style (`-s ! 10.0.0.1`) or
    // negate the next option; only the token after the `!` tells.
    [$.option],
    [$._extension_option],
    // ... and whether the option after a match or target still belongs to it; GLR settles it, and
    // dynamic precedence prefers keeping an extension option with its match or target.
    [$.match],
    [$.target],
  ],

  rules: {
    source_file: $ => seq(
      repeat(choice($._eol, $.comment, $.table_section, seq($._command, $._eol))),
      // an `iptables -S` style listing may end without a line break
      optional($._command),
    ),

    comment: _ => token(seq('#', /[^\r\n]*/)),

    table_section: $ => seq(
      '*',
      field('name', alias($._word, $.table_name)),
      $._eol,
      repeat(choice(
        $._eol,
        $.comment,
        seq(choice($.chain_declaration, $._command), $._eol),
      )),
      $.commit,
    ),

    commit: _ => 'COMMIT',

    chain_declaration: $ => seq(
      ':',
      field('name', $._chain_name),
      field('policy', choice(alias($._word, $.policy), alias('-', $.policy))),
      optional(field('counters', $.counters)),
    ),

    counters: $ => seq('[', field('packets', $.number), ':', field('bytes', $.number), ']'),

    _command: $ => choice($.rule, $.chain_command),

    // Commands that carry a rule specification.
    rule: $ => seq(
      optional(field('counters', $.counters)),
      // getopt lets options come first (`-4 -A INPUT ...` in files shared by iptables-restore and
      // ip6tables-restore); iptables-save always writes the command first.
      repeat($._rule_item),
      choice(
        seq(field('command', choice($.append, $.check)), field('chain', $._chain_name)),
        seq(
          field('command', choice($.insert, $.delete, $.replace)),
          field('chain', $._chain_name),
          optional(field('position', $.number)),
        ),
      ),
      repeat($._rule_item),
    ),

    _rule_item: $ => choice($.option, $.match, $.target),

    // Commands on whole chains.
    chain_command: $ => choice(
      seq(field('command', $.new_chain), field('chain', $._chain_name)),
      seq(
        field('command', choice($.flush, $.delete_chain, $.zero)),
        optional(seq(field('chain', $._chain_name), optional(field('position', $.number)))),
      ),
      seq(field('command', $.rename_chain), field('chain', $._chain_name), field('new_name', $._chain_name)),
      seq(field('command', $.set_policy), field('chain', $._chain_name), field('policy', alias($._word, $.policy))),
    ),

    append: _ => choice('-A', '--append'),
    check: _ => choice('-C', '--check'),
    insert: _ => choice('-I', '--insert'),
    delete: _ => choice('-D', '--delete'),
    replace: _ => choice('-R', '--replace'),
    new_chain: _ => choice('-N', '--new-chain'),
    flush: _ => choice('-F', '--flush'),
    delete_chain: _ => choice('-X', '--delete-chain'),
    zero: _ => choice('-Z', '--zero'),
    rename_chain: _ => choice('-E', '--rename-chain'),
    set_policy: _ => choice('-P', '--policy'),

    // A built-in or extension option at rule level: `-p tcp`, `! -s 10.0.0.0/8`, `-s ! 10.0.0.1`,
    // `--dport 22` (implicit match from -p), `-c 0 0`.
    option: $ => seq(
      optional(field('negation', $.negation)),
      field('name', alias(choice(...BUILTIN_LONG, $._long_option_name, $._short_option_name), $.option_name)),
      optional($._option_arguments),
    ),

    // An option inside a match or target: only extension (long, non built-in) names.
    _extension_option: $ => seq(
      optional(field('negation', $.negation)),
      field('name', alias($._long_option_name, $.option_name)),
      optional($._option_arguments),
    ),

    _option_arguments: $ => choice(
      // old style negation after the option name needs an argument after it
      seq(field('negation', $.negation), repeat1(field('argument', $._argument))),
      repeat1(field('argument', $._argument)),
    ),

    match: $ => seq(
      choice('-m', '--match'),
      field('name', alias($._word, $.match_name)),
      repeat(alias($._grouped_option, $.option)),
    ),

    target: $ => seq(
      field('kind', choice(alias(choice('-j', '--jump'), $.jump), alias(choice('-g', '--goto'), $.goto))),
      field('name', alias($._word, $.target_name)),
      repeat(alias($._grouped_option, $.option)),
    ),

    _grouped_option: $ => prec.dynamic(1, $._extension_option),

    negation: _ => '!',

    _argument: $ => choice(alias($._word, $.word), $.string),

    // iptables-restore's tokenizer: double quotes group, a backslash escapes inside quotes.
    string: _ => token(seq('"', repeat(choice(/[^"\\\n]+/, /\\./)), '"')),

    _chain_name: $ => alias($._word, $.chain_name),

    number: _ => /[0-9]+/,

    _long_option_name: _ => /--[A-Za-z0-9][A-Za-z0-9_.-]*/,
    _short_option_name: _ => /-[A-Za-z0-9]/,

    // A bare word: anything up to white space that does not start like an option, a `!` or a string.
    _word: _ => /[^\s"!-][^\s"]*/,

    // Visible (anonymous) so that a missing line break shows up as `(MISSING "end of line")`.
    _eol: _ => alias(/\n/, 'end of line'),
  },
});
