/*
 * External scanner for tree-sitter-nftables.
 *
 * nftables ends a rule (and every item of a block body) at a line break, but a line break
 * inside braces, after an operator or after a comma is plain whitespace. The scanner makes
 * that distinction by asking the parser which tokens are valid:
 *
 *   NEWLINE       a real line break (plus any following blank lines), emitted only where the
 *                 grammar accepts an item terminator; elsewhere the internal lexer skips it.
 *   IMPLICIT_END  a zero-width terminator before `}` or at end of input, so the last item of a
 *                 block or file needs no `;` or line break. Only valid right after an item,
 *                 so it can never be produced twice at the same position.
 *   ERROR_SENTINEL never appears in the grammar; when it is "valid" the parser is recovering
 *                 from an error, and only real line breaks are reported (never zero-width tokens).
 */
#include "tree_sitter/parser.h"

enum TokenType { NEWLINE, IMPLICIT_END, ERROR_SENTINEL };

void *tree_sitter_nftables_external_scanner_create(void) { return 0; }
void tree_sitter_nftables_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_nftables_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}
void tree_sitter_nftables_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static int is_blank(int32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

bool tree_sitter_nftables_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  bool recovering = valid_symbols[ERROR_SENTINEL];
  if (!valid_symbols[NEWLINE] && !valid_symbols[IMPLICIT_END]) return false;

  while (is_blank(lexer->lookahead)) lexer->advance(lexer, true);

  if (lexer->lookahead == '\n' && valid_symbols[NEWLINE]) {
    while (lexer->lookahead == '\n' || is_blank(lexer->lookahead)) lexer->advance(lexer, false);
    lexer->mark_end(lexer);
    lexer->result_symbol = NEWLINE;
    return true;
  }
  if (recovering) return false;
  if (valid_symbols[IMPLICIT_END] && (lexer->lookahead == '}' || lexer->eof(lexer))) {
    lexer->mark_end(lexer);
    lexer->result_symbol = IMPLICIT_END;
    return true;
  }
  return false;
}
