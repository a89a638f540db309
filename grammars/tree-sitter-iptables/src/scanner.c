/*
 * External scanner for tree-sitter-iptables.
 *
 * A `!` means one of three things, and only what follows it tells which:
 *
 *   ARGUMENT_NEGATION   `-s ! 10.0.0.1`: right after an option's name, a `!` followed by an
 *                       argument (a word or a string) negates that option, old style.
 *   EXTENSION_NEGATION  `-m tcp ! --syn`: a `!` followed by an extension option's name (spelt
 *                       `--name`, not one of iptables' built-in long options) negates an option
 *                       of the match or target before it.
 *   (neither)           the scanner declines, and the grammar's own `!` token negates the next
 *                       rule-level option (`! -s 10.0.0.0/8`, `-m tcp ! --protocol tcp`).
 *
 * The token is the `!` alone: the scanner marks its end and only looks further. Each token is
 * produced only where the parser accepts it, so a valid text never needs the parser to fork.
 *
 * The line break after a line of a table says how the grammar groups the table's lines (see
 * `_body` in grammar.js):
 *
 *   SOFT_EOL   the line is followed by another of the same chunk;
 *   CHUNK_EOL  the line ends a chunk;
 *   BLOCK_EOL  the line ends a chunk and a block.
 *
 * The choice is a hash of the next line's text, so it does not depend on where the line is: an
 * edit changes the grouping only around itself, and an incremental parse reuses every other
 * group whole. tree-sitter records how far the scanner looked, so editing the next line rescans
 * this line break. A run of identical lines would hash alike; the state counts soft line breaks
 * in a row, and the MAX_SOFT'th closes a chunk whatever the hash says.
 *
 * While the parser recovers from an error (ERROR_SENTINEL valid), the scanner still reads line
 * breaks, so that recovery can end a broken line where it ends, but declines a `!`: the grammar's
 * own `!` token reads it.
 */
#include "tree_sitter/parser.h"

#include <stdlib.h>

enum TokenType { ARGUMENT_NEGATION, EXTENSION_NEGATION, SOFT_EOL, CHUNK_EOL, BLOCK_EOL, ERROR_SENTINEL };

/* Soft line breaks in a row before one closes a chunk regardless of the hash. */
#define MAX_SOFT 64

typedef struct {
  uint8_t soft; /* soft line breaks since the last chunk or block break */
} Scanner;

void *tree_sitter_iptables_external_scanner_create(void) {
  Scanner *scanner = (Scanner *)calloc(1, sizeof(Scanner));
  return scanner;
}
void tree_sitter_iptables_external_scanner_destroy(void *payload) { free(payload); }
unsigned tree_sitter_iptables_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *scanner = (Scanner *)payload;
  if (scanner->soft == 0) return 0;
  buffer[0] = (char)scanner->soft;
  return 1;
}
void tree_sitter_iptables_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  Scanner *scanner = (Scanner *)payload;
  scanner->soft = length > 0 ? (uint8_t)buffer[0] : 0;
}

/* The grammar's extras, without the line break (which is a token). */
static int is_blank(int32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
static int is_space(int32_t c) { return is_blank(c) || c == '\n'; }
static int is_alnum(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
/* A character of a long option's name after its first: the grammar's /[A-Za-z0-9_.-]/. */
static int is_name_char(int32_t c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; }

/* iptables' built-in long options: the grammar's BUILTIN_LONG, without the leading `--`. */
static const char *const BUILTIN_LONG[] = {
  "protocol", "source", "src", "destination", "dst", "in-interface", "out-interface",
  "fragment", "set-counters", "ipv4", "ipv6",
};

static int is_builtin(const char *name, unsigned length) {
  for (unsigned i = 0; i < sizeof BUILTIN_LONG / sizeof BUILTIN_LONG[0]; i++) {
    const char *b = BUILTIN_LONG[i];
    unsigned j = 0;
    while (j < length && b[j] && b[j] == name[j]) j++;
    if (j == length && !b[j]) return 1;
  }
  return 0;
}

/* Longer than every built-in name: a name this long is an extension option's. */
#define NAME_MAX_BUILTIN 16

/* A line break: its kind from the hash of the next line (up to the next `\n` or the end). */
static bool scan_line_break(Scanner *scanner, TSLexer *lexer, const bool *valid_symbols) {
  lexer->advance(lexer, false);
  lexer->mark_end(lexer);
  uint32_t h = 2166136261u; /* FNV-1a over the code points of the next line */
  while (!lexer->eof(lexer) && lexer->lookahead != '\n') {
    h = (h ^ (uint32_t)lexer->lookahead) * 16777619u;
    lexer->advance(lexer, false);
  }
  h ^= h >> 16; /* spread the high bits into the low ones */
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  enum TokenType kind = (h & 0xff) == 0 ? BLOCK_EOL : (h & 0x0f) == 0 ? CHUNK_EOL : SOFT_EOL;
  if (kind == SOFT_EOL && scanner->soft + 1 >= MAX_SOFT) kind = CHUNK_EOL;
  /* The grammar accepts all three wherever it accepts one; if it ever does not, prefer ending
     less (the grouping is invisible in the tree). */
  if (!valid_symbols[kind]) {
    if (valid_symbols[SOFT_EOL]) kind = SOFT_EOL;
    else if (valid_symbols[CHUNK_EOL]) kind = CHUNK_EOL;
    else kind = BLOCK_EOL;
  }
  scanner->soft = kind == SOFT_EOL ? (uint8_t)(scanner->soft + 1) : 0;
  lexer->result_symbol = kind;
  return true;
}

bool tree_sitter_iptables_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  Scanner *scanner = (Scanner *)payload;
  bool recovering = valid_symbols[ERROR_SENTINEL];
  bool line_break = valid_symbols[SOFT_EOL] || valid_symbols[CHUNK_EOL] || valid_symbols[BLOCK_EOL];
  if (!valid_symbols[ARGUMENT_NEGATION] && !valid_symbols[EXTENSION_NEGATION] && !line_break) return false;

  while (is_blank(lexer->lookahead)) lexer->advance(lexer, true);
  if (lexer->lookahead == '\n') return line_break && scan_line_break(scanner, lexer, valid_symbols);
  if (recovering || lexer->lookahead != '!') return false;
  if (!valid_symbols[ARGUMENT_NEGATION] && !valid_symbols[EXTENSION_NEGATION]) return false;
  lexer->advance(lexer, false);
  lexer->mark_end(lexer);

  /* Look past the `!`; nothing read from here on is part of the token. */
  while (is_blank(lexer->lookahead)) lexer->advance(lexer, false);
  int32_t c = lexer->lookahead;

  if (c == '-') {
    if (!valid_symbols[EXTENSION_NEGATION]) return false;
    lexer->advance(lexer, false);
    if (lexer->lookahead != '-') return false; /* a short option: rule level */
    lexer->advance(lexer, false);
    if (!is_alnum(lexer->lookahead)) return false;
    char name[NAME_MAX_BUILTIN];
    unsigned length = 0;
    while (is_name_char(lexer->lookahead)) {
      if (length < NAME_MAX_BUILTIN) name[length] = (char)lexer->lookahead;
      length++;
      lexer->advance(lexer, false);
    }
    if (length <= NAME_MAX_BUILTIN && is_builtin(name, length)) return false;
    lexer->result_symbol = EXTENSION_NEGATION;
    return true;
  }

  /* An argument: a word (its first character is not white space, `"`, `!` or `-`) or a string. */
  if (valid_symbols[ARGUMENT_NEGATION] && !lexer->eof(lexer) && !is_space(c) && c != '!') {
    lexer->result_symbol = ARGUMENT_NEGATION;
    return true;
  }
  return false;
}
