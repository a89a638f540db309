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

  // A `!` whose meaning only the token after it tells; the scanner (src/scanner.c) looks past it.
  // `-s ! 10.0.0.1`: after an option name, a `!` before an argument negates that option (old style).
  // `-m tcp ! --syn`: a `!` before an extension option's name keeps that option with the match or
  // target before it. Any other `!` is the plain `negation` token and negates the next rule-level
  // option. The grammar thus needs no GLR conflicts, so every node can be reused by an
  // incremental parse. The scanner also gives the line ends inside a table (see `_body`).
  externals: $ => [
    $._argument_negation,
    $._extension_negation,
    $._soft_eol,
    $._chunk_eol,
    $._block_eol,
    // never in a rule: valid only while the parser recovers from an error
    $._error_sentinel,
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
      optional($._body),
      $.commit,
    ),

    // The lines of a table, grouped for incremental parsing. A section's lines all belong to one
    // node, and an edit would otherwise make tree-sitter re-shift every line of it: a repeat's
    // inner nodes cannot be reused. So the body is a right-nested list of blocks, a block one of
    // chunks, a chunk one of lines, all hidden (the visible tree is the flat list of lines). The
    // end of line after a line's content says where a group ends (src/scanner.c): most lines end
    // softly, about one in 16 closes a chunk and one in 256 a block, decided from the text of the
    // next line, so the groups after an edit are the groups before it and are reused whole.
    // Blank lines (the plain end of line) never end a group.
    _body: $ => choice(seq($._block, $._body), $._block, $._last_block),
    _block: $ => choice(seq($._chunk, $._block), $._block_chunk),
    _last_block: $ => choice(seq($._chunk, $._last_block), $._chunk, $._last_chunk),
    _chunk: $ => choice(seq($._soft_line, $._chunk), $._chunk_line),
    _block_chunk: $ => choice(seq($._soft_line, $._block_chunk), $._block_line),
    _last_chunk: $ => choice(seq($._soft_line, $._last_chunk), $._soft_line),

    // The plain end of line after a line's content is for error recovery only: where the scanner
    // runs it always gives one of its three, but a line break the parser met where it expected
    // something else is the plain one, and recovery can then end the broken line there.
    _soft_line: $ => choice($._eol, seq($._line_content, choice(alias($._soft_eol, 'end of line'), $._eol))),
    _chunk_line: $ => seq($._line_content, alias($._chunk_eol, 'end of line')),
    _block_line: $ => seq($._line_content, alias($._block_eol, 'end of line')),
    _line_content: $ => choice($.comment, $.chain_declaration, $._command),

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
      optional(field('negation', alias($._extension_negation, $.negation))),
      field('name', alias($._long_option_name, $.option_name)),
      optional($._option_arguments),
    ),

    _option_arguments: $ => choice(
      // old style negation after the option name needs an argument after it
      seq(field('negation', alias($._argument_negation, $.negation)), repeat1(field('argument', $._argument))),
      repeat1(field('argument', $._argument)),
    ),

    // An extension option after a match or target's options stays with it (the parser shifts
    // rather than ending the match): right associativity settles that conflict statically.
    match: $ => prec.right(seq(
      choice('-m', '--match'),
      field('name', alias($._word, $.match_name)),
      repeat(alias($._extension_option, $.option)),
    )),

    target: $ => prec.right(seq(
      field('kind', choice(alias(choice('-j', '--jump'), $.jump), alias(choice('-g', '--goto'), $.goto))),
      field('name', alias($._word, $.target_name)),
      repeat(alias($._extension_option, $.option)),
    )),

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
