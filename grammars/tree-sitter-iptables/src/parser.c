#include "tree_sitter/parser.h"

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

#define LANGUAGE_VERSION 14
#define STATE_COUNT 189
#define LARGE_STATE_COUNT 11
#define SYMBOL_COUNT 87
#define ALIAS_COUNT 4
#define TOKEN_COUNT 54
#define EXTERNAL_TOKEN_COUNT 0
#define FIELD_COUNT 12
#define MAX_ALIAS_SEQUENCE_LENGTH 6
#define PRODUCTION_ID_COUNT 29

enum ts_symbol_identifiers {
  sym_comment = 1,
  anon_sym_STAR = 2,
  sym_commit = 3,
  anon_sym_COLON = 4,
  anon_sym_DASH = 5,
  anon_sym_LBRACK = 6,
  anon_sym_RBRACK = 7,
  anon_sym_DASHA = 8,
  anon_sym_DASH_DASHappend = 9,
  anon_sym_DASHC = 10,
  anon_sym_DASH_DASHcheck = 11,
  anon_sym_DASHI = 12,
  anon_sym_DASH_DASHinsert = 13,
  anon_sym_DASHD = 14,
  anon_sym_DASH_DASHdelete = 15,
  anon_sym_DASHR = 16,
  anon_sym_DASH_DASHreplace = 17,
  anon_sym_DASHN = 18,
  anon_sym_DASH_DASHnew_DASHchain = 19,
  anon_sym_DASHF = 20,
  anon_sym_DASH_DASHflush = 21,
  anon_sym_DASHX = 22,
  anon_sym_DASH_DASHdelete_DASHchain = 23,
  anon_sym_DASHZ = 24,
  anon_sym_DASH_DASHzero = 25,
  anon_sym_DASHE = 26,
  anon_sym_DASH_DASHrename_DASHchain = 27,
  anon_sym_DASHP = 28,
  anon_sym_DASH_DASHpolicy = 29,
  anon_sym_DASH_DASHprotocol = 30,
  anon_sym_DASH_DASHsource = 31,
  anon_sym_DASH_DASHsrc = 32,
  anon_sym_DASH_DASHdestination = 33,
  anon_sym_DASH_DASHdst = 34,
  anon_sym_DASH_DASHin_DASHinterface = 35,
  anon_sym_DASH_DASHout_DASHinterface = 36,
  anon_sym_DASH_DASHfragment = 37,
  anon_sym_DASH_DASHset_DASHcounters = 38,
  anon_sym_DASH_DASHipv4 = 39,
  anon_sym_DASH_DASHipv6 = 40,
  anon_sym_DASHm = 41,
  anon_sym_DASH_DASHmatch = 42,
  anon_sym_DASHj = 43,
  anon_sym_DASH_DASHjump = 44,
  anon_sym_DASHg = 45,
  anon_sym_DASH_DASHgoto = 46,
  sym_negation = 47,
  sym_string = 48,
  sym_number = 49,
  sym__long_option_name = 50,
  sym__short_option_name = 51,
  sym__word = 52,
  aux_sym__eol_token1 = 53,
  sym_source_file = 54,
  sym_table_section = 55,
  sym_chain_declaration = 56,
  sym_counters = 57,
  sym__command = 58,
  sym_rule = 59,
  sym__rule_item = 60,
  sym_chain_command = 61,
  sym_append = 62,
  sym_check = 63,
  sym_insert = 64,
  sym_delete = 65,
  sym_replace = 66,
  sym_new_chain = 67,
  sym_flush = 68,
  sym_delete_chain = 69,
  sym_zero = 70,
  sym_rename_chain = 71,
  sym_set_policy = 72,
  sym_option = 73,
  sym__extension_option = 74,
  sym__option_arguments = 75,
  sym_match = 76,
  sym_target = 77,
  sym__grouped_option = 78,
  sym__argument = 79,
  sym__chain_name = 80,
  sym__eol = 81,
  aux_sym_source_file_repeat1 = 82,
  aux_sym_table_section_repeat1 = 83,
  aux_sym_rule_repeat1 = 84,
  aux_sym__option_arguments_repeat1 = 85,
  aux_sym_match_repeat1 = 86,
  alias_sym_chain_name = 87,
  alias_sym_match_name = 88,
  alias_sym_table_name = 89,
  alias_sym_word = 90,
};

static const char * const ts_symbol_names[] = {
  [ts_builtin_sym_end] = "end",
  [sym_comment] = "comment",
  [anon_sym_STAR] = "*",
  [sym_commit] = "commit",
  [anon_sym_COLON] = ":",
  [anon_sym_DASH] = "policy",
  [anon_sym_LBRACK] = "[",
  [anon_sym_RBRACK] = "]",
  [anon_sym_DASHA] = "-A",
  [anon_sym_DASH_DASHappend] = "--append",
  [anon_sym_DASHC] = "-C",
  [anon_sym_DASH_DASHcheck] = "--check",
  [anon_sym_DASHI] = "-I",
  [anon_sym_DASH_DASHinsert] = "--insert",
  [anon_sym_DASHD] = "-D",
  [anon_sym_DASH_DASHdelete] = "--delete",
  [anon_sym_DASHR] = "-R",
  [anon_sym_DASH_DASHreplace] = "--replace",
  [anon_sym_DASHN] = "-N",
  [anon_sym_DASH_DASHnew_DASHchain] = "--new-chain",
  [anon_sym_DASHF] = "-F",
  [anon_sym_DASH_DASHflush] = "--flush",
  [anon_sym_DASHX] = "-X",
  [anon_sym_DASH_DASHdelete_DASHchain] = "--delete-chain",
  [anon_sym_DASHZ] = "-Z",
  [anon_sym_DASH_DASHzero] = "--zero",
  [anon_sym_DASHE] = "-E",
  [anon_sym_DASH_DASHrename_DASHchain] = "--rename-chain",
  [anon_sym_DASHP] = "-P",
  [anon_sym_DASH_DASHpolicy] = "--policy",
  [anon_sym_DASH_DASHprotocol] = "option_name",
  [anon_sym_DASH_DASHsource] = "option_name",
  [anon_sym_DASH_DASHsrc] = "option_name",
  [anon_sym_DASH_DASHdestination] = "option_name",
  [anon_sym_DASH_DASHdst] = "option_name",
  [anon_sym_DASH_DASHin_DASHinterface] = "option_name",
  [anon_sym_DASH_DASHout_DASHinterface] = "option_name",
  [anon_sym_DASH_DASHfragment] = "option_name",
  [anon_sym_DASH_DASHset_DASHcounters] = "option_name",
  [anon_sym_DASH_DASHipv4] = "option_name",
  [anon_sym_DASH_DASHipv6] = "option_name",
  [anon_sym_DASHm] = "-m",
  [anon_sym_DASH_DASHmatch] = "--match",
  [anon_sym_DASHj] = "jump",
  [anon_sym_DASH_DASHjump] = "jump",
  [anon_sym_DASHg] = "goto",
  [anon_sym_DASH_DASHgoto] = "goto",
  [sym_negation] = "negation",
  [sym_string] = "string",
  [sym_number] = "number",
  [sym__long_option_name] = "option_name",
  [sym__short_option_name] = "option_name",
  [sym__word] = "target_name",
  [aux_sym__eol_token1] = "end of line",
  [sym_source_file] = "source_file",
  [sym_table_section] = "table_section",
  [sym_chain_declaration] = "chain_declaration",
  [sym_counters] = "counters",
  [sym__command] = "_command",
  [sym_rule] = "rule",
  [sym__rule_item] = "_rule_item",
  [sym_chain_command] = "chain_command",
  [sym_append] = "append",
  [sym_check] = "check",
  [sym_insert] = "insert",
  [sym_delete] = "delete",
  [sym_replace] = "replace",
  [sym_new_chain] = "new_chain",
  [sym_flush] = "flush",
  [sym_delete_chain] = "delete_chain",
  [sym_zero] = "zero",
  [sym_rename_chain] = "rename_chain",
  [sym_set_policy] = "set_policy",
  [sym_option] = "option",
  [sym__extension_option] = "_extension_option",
  [sym__option_arguments] = "_option_arguments",
  [sym_match] = "match",
  [sym_target] = "target",
  [sym__grouped_option] = "option",
  [sym__argument] = "_argument",
  [sym__chain_name] = "_chain_name",
  [sym__eol] = "_eol",
  [aux_sym_source_file_repeat1] = "source_file_repeat1",
  [aux_sym_table_section_repeat1] = "table_section_repeat1",
  [aux_sym_rule_repeat1] = "rule_repeat1",
  [aux_sym__option_arguments_repeat1] = "_option_arguments_repeat1",
  [aux_sym_match_repeat1] = "match_repeat1",
  [alias_sym_chain_name] = "chain_name",
  [alias_sym_match_name] = "match_name",
  [alias_sym_table_name] = "table_name",
  [alias_sym_word] = "word",
};

static const TSSymbol ts_symbol_map[] = {
  [ts_builtin_sym_end] = ts_builtin_sym_end,
  [sym_comment] = sym_comment,
  [anon_sym_STAR] = anon_sym_STAR,
  [sym_commit] = sym_commit,
  [anon_sym_COLON] = anon_sym_COLON,
  [anon_sym_DASH] = anon_sym_DASH,
  [anon_sym_LBRACK] = anon_sym_LBRACK,
  [anon_sym_RBRACK] = anon_sym_RBRACK,
  [anon_sym_DASHA] = anon_sym_DASHA,
  [anon_sym_DASH_DASHappend] = anon_sym_DASH_DASHappend,
  [anon_sym_DASHC] = anon_sym_DASHC,
  [anon_sym_DASH_DASHcheck] = anon_sym_DASH_DASHcheck,
  [anon_sym_DASHI] = anon_sym_DASHI,
  [anon_sym_DASH_DASHinsert] = anon_sym_DASH_DASHinsert,
  [anon_sym_DASHD] = anon_sym_DASHD,
  [anon_sym_DASH_DASHdelete] = anon_sym_DASH_DASHdelete,
  [anon_sym_DASHR] = anon_sym_DASHR,
  [anon_sym_DASH_DASHreplace] = anon_sym_DASH_DASHreplace,
  [anon_sym_DASHN] = anon_sym_DASHN,
  [anon_sym_DASH_DASHnew_DASHchain] = anon_sym_DASH_DASHnew_DASHchain,
  [anon_sym_DASHF] = anon_sym_DASHF,
  [anon_sym_DASH_DASHflush] = anon_sym_DASH_DASHflush,
  [anon_sym_DASHX] = anon_sym_DASHX,
  [anon_sym_DASH_DASHdelete_DASHchain] = anon_sym_DASH_DASHdelete_DASHchain,
  [anon_sym_DASHZ] = anon_sym_DASHZ,
  [anon_sym_DASH_DASHzero] = anon_sym_DASH_DASHzero,
  [anon_sym_DASHE] = anon_sym_DASHE,
  [anon_sym_DASH_DASHrename_DASHchain] = anon_sym_DASH_DASHrename_DASHchain,
  [anon_sym_DASHP] = anon_sym_DASHP,
  [anon_sym_DASH_DASHpolicy] = anon_sym_DASH_DASHpolicy,
  [anon_sym_DASH_DASHprotocol] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHsource] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHsrc] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHdestination] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHdst] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHin_DASHinterface] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHout_DASHinterface] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHfragment] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHset_DASHcounters] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHipv4] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASH_DASHipv6] = anon_sym_DASH_DASHprotocol,
  [anon_sym_DASHm] = anon_sym_DASHm,
  [anon_sym_DASH_DASHmatch] = anon_sym_DASH_DASHmatch,
  [anon_sym_DASHj] = anon_sym_DASHj,
  [anon_sym_DASH_DASHjump] = anon_sym_DASHj,
  [anon_sym_DASHg] = anon_sym_DASHg,
  [anon_sym_DASH_DASHgoto] = anon_sym_DASHg,
  [sym_negation] = sym_negation,
  [sym_string] = sym_string,
  [sym_number] = sym_number,
  [sym__long_option_name] = anon_sym_DASH_DASHprotocol,
  [sym__short_option_name] = anon_sym_DASH_DASHprotocol,
  [sym__word] = sym__word,
  [aux_sym__eol_token1] = aux_sym__eol_token1,
  [sym_source_file] = sym_source_file,
  [sym_table_section] = sym_table_section,
  [sym_chain_declaration] = sym_chain_declaration,
  [sym_counters] = sym_counters,
  [sym__command] = sym__command,
  [sym_rule] = sym_rule,
  [sym__rule_item] = sym__rule_item,
  [sym_chain_command] = sym_chain_command,
  [sym_append] = sym_append,
  [sym_check] = sym_check,
  [sym_insert] = sym_insert,
  [sym_delete] = sym_delete,
  [sym_replace] = sym_replace,
  [sym_new_chain] = sym_new_chain,
  [sym_flush] = sym_flush,
  [sym_delete_chain] = sym_delete_chain,
  [sym_zero] = sym_zero,
  [sym_rename_chain] = sym_rename_chain,
  [sym_set_policy] = sym_set_policy,
  [sym_option] = sym_option,
  [sym__extension_option] = sym__extension_option,
  [sym__option_arguments] = sym__option_arguments,
  [sym_match] = sym_match,
  [sym_target] = sym_target,
  [sym__grouped_option] = sym_option,
  [sym__argument] = sym__argument,
  [sym__chain_name] = sym__chain_name,
  [sym__eol] = sym__eol,
  [aux_sym_source_file_repeat1] = aux_sym_source_file_repeat1,
  [aux_sym_table_section_repeat1] = aux_sym_table_section_repeat1,
  [aux_sym_rule_repeat1] = aux_sym_rule_repeat1,
  [aux_sym__option_arguments_repeat1] = aux_sym__option_arguments_repeat1,
  [aux_sym_match_repeat1] = aux_sym_match_repeat1,
  [alias_sym_chain_name] = alias_sym_chain_name,
  [alias_sym_match_name] = alias_sym_match_name,
  [alias_sym_table_name] = alias_sym_table_name,
  [alias_sym_word] = alias_sym_word,
};

static const TSSymbolMetadata ts_symbol_metadata[] = {
  [ts_builtin_sym_end] = {
    .visible = false,
    .named = true,
  },
  [sym_comment] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_STAR] = {
    .visible = true,
    .named = false,
  },
  [sym_commit] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_COLON] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_LBRACK] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_RBRACK] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHA] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHappend] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHC] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHcheck] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHI] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHinsert] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHD] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHdelete] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHR] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHreplace] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHN] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHnew_DASHchain] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHF] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHflush] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHX] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHdelete_DASHchain] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHZ] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHzero] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHE] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHrename_DASHchain] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHP] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHpolicy] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHprotocol] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHsource] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHsrc] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHdestination] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHdst] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHin_DASHinterface] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHout_DASHinterface] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHfragment] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHset_DASHcounters] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHipv4] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHipv6] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASHm] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_DASHmatch] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASHj] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHjump] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASHg] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DASH_DASHgoto] = {
    .visible = true,
    .named = true,
  },
  [sym_negation] = {
    .visible = true,
    .named = true,
  },
  [sym_string] = {
    .visible = true,
    .named = true,
  },
  [sym_number] = {
    .visible = true,
    .named = true,
  },
  [sym__long_option_name] = {
    .visible = true,
    .named = true,
  },
  [sym__short_option_name] = {
    .visible = true,
    .named = true,
  },
  [sym__word] = {
    .visible = true,
    .named = true,
  },
  [aux_sym__eol_token1] = {
    .visible = true,
    .named = false,
  },
  [sym_source_file] = {
    .visible = true,
    .named = true,
  },
  [sym_table_section] = {
    .visible = true,
    .named = true,
  },
  [sym_chain_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym_counters] = {
    .visible = true,
    .named = true,
  },
  [sym__command] = {
    .visible = false,
    .named = true,
  },
  [sym_rule] = {
    .visible = true,
    .named = true,
  },
  [sym__rule_item] = {
    .visible = false,
    .named = true,
  },
  [sym_chain_command] = {
    .visible = true,
    .named = true,
  },
  [sym_append] = {
    .visible = true,
    .named = true,
  },
  [sym_check] = {
    .visible = true,
    .named = true,
  },
  [sym_insert] = {
    .visible = true,
    .named = true,
  },
  [sym_delete] = {
    .visible = true,
    .named = true,
  },
  [sym_replace] = {
    .visible = true,
    .named = true,
  },
  [sym_new_chain] = {
    .visible = true,
    .named = true,
  },
  [sym_flush] = {
    .visible = true,
    .named = true,
  },
  [sym_delete_chain] = {
    .visible = true,
    .named = true,
  },
  [sym_zero] = {
    .visible = true,
    .named = true,
  },
  [sym_rename_chain] = {
    .visible = true,
    .named = true,
  },
  [sym_set_policy] = {
    .visible = true,
    .named = true,
  },
  [sym_option] = {
    .visible = true,
    .named = true,
  },
  [sym__extension_option] = {
    .visible = false,
    .named = true,
  },
  [sym__option_arguments] = {
    .visible = false,
    .named = true,
  },
  [sym_match] = {
    .visible = true,
    .named = true,
  },
  [sym_target] = {
    .visible = true,
    .named = true,
  },
  [sym__grouped_option] = {
    .visible = true,
    .named = true,
  },
  [sym__argument] = {
    .visible = false,
    .named = true,
  },
  [sym__chain_name] = {
    .visible = false,
    .named = true,
  },
  [sym__eol] = {
    .visible = false,
    .named = true,
  },
  [aux_sym_source_file_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_table_section_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_rule_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym__option_arguments_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_match_repeat1] = {
    .visible = false,
    .named = false,
  },
  [alias_sym_chain_name] = {
    .visible = true,
    .named = true,
  },
  [alias_sym_match_name] = {
    .visible = true,
    .named = true,
  },
  [alias_sym_table_name] = {
    .visible = true,
    .named = true,
  },
  [alias_sym_word] = {
    .visible = true,
    .named = true,
  },
};

enum ts_field_identifiers {
  field_argument = 1,
  field_bytes = 2,
  field_chain = 3,
  field_command = 4,
  field_counters = 5,
  field_kind = 6,
  field_name = 7,
  field_negation = 8,
  field_new_name = 9,
  field_packets = 10,
  field_policy = 11,
  field_position = 12,
};

static const char * const ts_field_names[] = {
  [0] = NULL,
  [field_argument] = "argument",
  [field_bytes] = "bytes",
  [field_chain] = "chain",
  [field_command] = "command",
  [field_counters] = "counters",
  [field_kind] = "kind",
  [field_name] = "name",
  [field_negation] = "negation",
  [field_new_name] = "new_name",
  [field_packets] = "packets",
  [field_policy] = "policy",
  [field_position] = "position",
};

static const TSFieldMapSlice ts_field_map_slices[PRODUCTION_ID_COUNT] = {
  [1] = {.index = 0, .length = 1},
  [2] = {.index = 1, .length = 1},
  [4] = {.index = 2, .length = 3},
  [5] = {.index = 5, .length = 1},
  [6] = {.index = 6, .length = 1},
  [7] = {.index = 7, .length = 1},
  [8] = {.index = 8, .length = 2},
  [9] = {.index = 10, .length = 2},
  [11] = {.index = 12, .length = 2},
  [12] = {.index = 14, .length = 2},
  [13] = {.index = 16, .length = 2},
  [14] = {.index = 18, .length = 3},
  [15] = {.index = 21, .length = 4},
  [16] = {.index = 25, .length = 3},
  [17] = {.index = 28, .length = 3},
  [18] = {.index = 31, .length = 3},
  [19] = {.index = 34, .length = 3},
  [20] = {.index = 37, .length = 2},
  [21] = {.index = 7, .length = 1},
  [22] = {.index = 39, .length = 4},
  [23] = {.index = 43, .length = 3},
  [24] = {.index = 46, .length = 3},
  [25] = {.index = 49, .length = 2},
  [26] = {.index = 51, .length = 4},
  [27] = {.index = 55, .length = 2},
  [28] = {.index = 57, .length = 3},
};

static const TSFieldMapEntry ts_field_map_entries[] = {
  [0] =
    {field_name, 0},
  [1] =
    {field_command, 0},
  [2] =
    {field_argument, 1, .inherited = true},
    {field_name, 0},
    {field_negation, 1, .inherited = true},
  [5] =
    {field_argument, 0},
  [6] =
    {field_argument, 0, .inherited = true},
  [7] =
    {field_name, 1},
  [8] =
    {field_kind, 0},
    {field_name, 1},
  [10] =
    {field_name, 1},
    {field_negation, 0},
  [12] =
    {field_chain, 1},
    {field_command, 0},
  [14] =
    {field_argument, 1, .inherited = true},
    {field_negation, 0},
  [16] =
    {field_argument, 0, .inherited = true},
    {field_argument, 1, .inherited = true},
  [18] =
    {field_argument, 0, .inherited = true},
    {field_name, 0, .inherited = true},
    {field_negation, 0, .inherited = true},
  [21] =
    {field_argument, 2, .inherited = true},
    {field_name, 1},
    {field_negation, 0},
    {field_negation, 2, .inherited = true},
  [25] =
    {field_chain, 2},
    {field_command, 1},
    {field_counters, 0},
  [28] =
    {field_chain, 1},
    {field_command, 0},
    {field_position, 2},
  [31] =
    {field_chain, 1},
    {field_command, 0},
    {field_new_name, 2},
  [34] =
    {field_chain, 1},
    {field_command, 0},
    {field_policy, 2},
  [37] =
    {field_chain, 2},
    {field_command, 1},
  [39] =
    {field_chain, 2},
    {field_command, 1},
    {field_counters, 0},
    {field_position, 3},
  [43] =
    {field_chain, 3},
    {field_command, 2},
    {field_counters, 0},
  [46] =
    {field_chain, 2},
    {field_command, 1},
    {field_position, 3},
  [49] =
    {field_bytes, 3},
    {field_packets, 1},
  [51] =
    {field_chain, 3},
    {field_command, 2},
    {field_counters, 0},
    {field_position, 4},
  [55] =
    {field_name, 1},
    {field_policy, 2},
  [57] =
    {field_counters, 3},
    {field_name, 1},
    {field_policy, 2},
};

static const TSSymbol ts_alias_sequences[PRODUCTION_ID_COUNT][MAX_ALIAS_SEQUENCE_LENGTH] = {
  [0] = {0},
  [3] = {
    [0] = alias_sym_word,
  },
  [7] = {
    [1] = alias_sym_match_name,
  },
  [10] = {
    [0] = alias_sym_chain_name,
  },
  [19] = {
    [2] = anon_sym_DASH,
  },
  [21] = {
    [1] = alias_sym_table_name,
  },
  [27] = {
    [2] = anon_sym_DASH,
  },
  [28] = {
    [2] = anon_sym_DASH,
  },
};

static const uint16_t ts_non_terminal_alias_map[] = {
  0,
};

static const TSStateId ts_primary_state_ids[STATE_COUNT] = {
  [0] = 0,
  [1] = 1,
  [2] = 2,
  [3] = 3,
  [4] = 4,
  [5] = 5,
  [6] = 6,
  [7] = 7,
  [8] = 8,
  [9] = 9,
  [10] = 10,
  [11] = 11,
  [12] = 12,
  [13] = 13,
  [14] = 11,
  [15] = 13,
  [16] = 12,
  [17] = 17,
  [18] = 18,
  [19] = 19,
  [20] = 20,
  [21] = 21,
  [22] = 22,
  [23] = 23,
  [24] = 24,
  [25] = 25,
  [26] = 26,
  [27] = 27,
  [28] = 28,
  [29] = 29,
  [30] = 30,
  [31] = 31,
  [32] = 32,
  [33] = 33,
  [34] = 34,
  [35] = 35,
  [36] = 36,
  [37] = 37,
  [38] = 38,
  [39] = 39,
  [40] = 40,
  [41] = 41,
  [42] = 42,
  [43] = 43,
  [44] = 44,
  [45] = 45,
  [46] = 46,
  [47] = 47,
  [48] = 48,
  [49] = 49,
  [50] = 50,
  [51] = 51,
  [52] = 52,
  [53] = 53,
  [54] = 54,
  [55] = 19,
  [56] = 18,
  [57] = 17,
  [58] = 20,
  [59] = 21,
  [60] = 41,
  [61] = 42,
  [62] = 39,
  [63] = 63,
  [64] = 40,
  [65] = 65,
  [66] = 66,
  [67] = 67,
  [68] = 43,
  [69] = 54,
  [70] = 24,
  [71] = 22,
  [72] = 23,
  [73] = 18,
  [74] = 17,
  [75] = 20,
  [76] = 21,
  [77] = 47,
  [78] = 48,
  [79] = 63,
  [80] = 65,
  [81] = 45,
  [82] = 66,
  [83] = 67,
  [84] = 49,
  [85] = 46,
  [86] = 44,
  [87] = 50,
  [88] = 51,
  [89] = 52,
  [90] = 53,
  [91] = 19,
  [92] = 24,
  [93] = 22,
  [94] = 27,
  [95] = 23,
  [96] = 26,
  [97] = 29,
  [98] = 28,
  [99] = 25,
  [100] = 27,
  [101] = 29,
  [102] = 28,
  [103] = 30,
  [104] = 25,
  [105] = 26,
  [106] = 31,
  [107] = 107,
  [108] = 31,
  [109] = 30,
  [110] = 36,
  [111] = 34,
  [112] = 33,
  [113] = 35,
  [114] = 37,
  [115] = 38,
  [116] = 116,
  [117] = 116,
  [118] = 116,
  [119] = 119,
  [120] = 119,
  [121] = 119,
  [122] = 122,
  [123] = 123,
  [124] = 124,
  [125] = 125,
  [126] = 122,
  [127] = 127,
  [128] = 128,
  [129] = 129,
  [130] = 130,
  [131] = 131,
  [132] = 132,
  [133] = 133,
  [134] = 134,
  [135] = 135,
  [136] = 130,
  [137] = 129,
  [138] = 124,
  [139] = 139,
  [140] = 140,
  [141] = 131,
  [142] = 142,
  [143] = 143,
  [144] = 144,
  [145] = 145,
  [146] = 146,
  [147] = 147,
  [148] = 148,
  [149] = 149,
  [150] = 150,
  [151] = 151,
  [152] = 152,
  [153] = 153,
  [154] = 154,
  [155] = 142,
  [156] = 148,
  [157] = 149,
  [158] = 134,
  [159] = 135,
  [160] = 154,
  [161] = 145,
  [162] = 162,
  [163] = 107,
  [164] = 164,
  [165] = 165,
  [166] = 166,
  [167] = 167,
  [168] = 168,
  [169] = 169,
  [170] = 170,
  [171] = 170,
  [172] = 172,
  [173] = 172,
  [174] = 174,
  [175] = 175,
  [176] = 174,
  [177] = 170,
  [178] = 178,
  [179] = 179,
  [180] = 180,
  [181] = 181,
  [182] = 182,
  [183] = 172,
  [184] = 184,
  [185] = 174,
  [186] = 186,
  [187] = 187,
  [188] = 188,
};

static bool ts_lex(TSLexer *lexer, TSStateId state) {
  START_LEXER();
  eof = lexer->eof(lexer);
  switch (state) {
    case 0:
      if (eof) ADVANCE(25);
      ADVANCE_MAP(
        '\n', 222,
        '!', 74,
        '"', 1,
        '#', 26,
        '*', 27,
        '-', 31,
        ':', 29,
        'C', 13,
        '[', 32,
        ']', 33,
      );
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(0);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(76);
      END_STATE();
    case 1:
      if (lookahead == '"') ADVANCE(75);
      if (lookahead == '\\') ADVANCE(20);
      if (lookahead != 0 &&
          lookahead != '\n') ADVANCE(1);
      END_STATE();
    case 2:
      ADVANCE_MAP(
        '-', 15,
        'A', 34,
        'C', 36,
        'D', 40,
        'E', 53,
        'F', 47,
        'I', 38,
        'N', 45,
        'P', 55,
        'R', 43,
        'X', 49,
        'Z', 51,
        'g', 72,
        'j', 70,
        'm', 68,
      );
      if (('0' <= lookahead && lookahead <= '9') ||
          ('B' <= lookahead && lookahead <= 'Y') ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(220);
      END_STATE();
    case 3:
      ADVANCE_MAP(
        '-', 16,
        'A', 34,
        'C', 36,
        'D', 40,
        'I', 38,
        'R', 43,
        'g', 72,
        'j', 70,
        'm', 68,
      );
      if (('0' <= lookahead && lookahead <= '9') ||
          ('B' <= lookahead && lookahead <= 'Z') ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(220);
      END_STATE();
    case 4:
      if (lookahead == '-') ADVANCE(17);
      if (lookahead == 'g') ADVANCE(72);
      if (lookahead == 'j') ADVANCE(70);
      if (lookahead == 'm') ADVANCE(68);
      if (('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(220);
      END_STATE();
    case 5:
      if (lookahead == '-') ADVANCE(6);
      if (lookahead == '\t' ||
          (0x0b <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(5);
      END_STATE();
    case 6:
      if (lookahead == '-') ADVANCE(18);
      if (('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(220);
      END_STATE();
    case 7:
      if (lookahead == '-') ADVANCE(30);
      if (lookahead == '\t' ||
          (0x0b <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(7);
      if (lookahead != 0 &&
          (lookahead < '\t' || '\r' < lookahead) &&
          (lookahead < ' ' || '"' < lookahead)) ADVANCE(221);
      END_STATE();
    case 8:
      if (lookahead == '-') ADVANCE(9);
      if (lookahead == '\t' ||
          (0x0b <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(8);
      END_STATE();
    case 9:
      if (lookahead == '-') ADVANCE(19);
      END_STATE();
    case 10:
      if (lookahead == 'I') ADVANCE(14);
      END_STATE();
    case 11:
      if (lookahead == 'M') ADVANCE(10);
      END_STATE();
    case 12:
      if (lookahead == 'M') ADVANCE(11);
      END_STATE();
    case 13:
      if (lookahead == 'O') ADVANCE(12);
      END_STATE();
    case 14:
      if (lookahead == 'T') ADVANCE(28);
      END_STATE();
    case 15:
      ADVANCE_MAP(
        'a', 182,
        'c', 137,
        'd', 108,
        'f', 152,
        'g', 175,
        'i', 159,
        'j', 211,
        'm', 85,
        'n', 109,
        'o', 214,
        'p', 172,
        'r', 118,
        's', 124,
        'z', 110,
      );
      if (('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          ('b' <= lookahead && lookahead <= 'y')) ADVANCE(219);
      END_STATE();
    case 16:
      ADVANCE_MAP(
        'a', 182,
        'c', 137,
        'd', 129,
        'f', 186,
        'g', 175,
        'i', 159,
        'j', 211,
        'm', 85,
        'o', 214,
        'p', 191,
        'r', 122,
        's', 124,
      );
      if (('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 17:
      ADVANCE_MAP(
        'd', 121,
        'f', 186,
        'g', 175,
        'i', 171,
        'j', 211,
        'm', 85,
        'o', 214,
        'p', 191,
        's', 124,
      );
      if (('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 18:
      if (lookahead == 'd') ADVANCE(121);
      if (lookahead == 'f') ADVANCE(186);
      if (lookahead == 'i') ADVANCE(171);
      if (lookahead == 'o') ADVANCE(214);
      if (lookahead == 'p') ADVANCE(191);
      if (lookahead == 's') ADVANCE(124);
      if (('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 19:
      if (('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 20:
      if (lookahead != 0 &&
          lookahead != '\n') ADVANCE(1);
      END_STATE();
    case 21:
      if (eof) ADVANCE(25);
      if (lookahead == '\n') ADVANCE(222);
      if (lookahead == '!') ADVANCE(74);
      if (lookahead == '"') ADVANCE(1);
      if (lookahead == '-') ADVANCE(3);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(21);
      if (lookahead != 0) ADVANCE(221);
      END_STATE();
    case 22:
      if (eof) ADVANCE(25);
      if (lookahead == '\n') ADVANCE(222);
      if (lookahead == '!') ADVANCE(74);
      if (lookahead == '"') ADVANCE(1);
      if (lookahead == '-') ADVANCE(4);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(22);
      if (lookahead != 0) ADVANCE(221);
      END_STATE();
    case 23:
      if (eof) ADVANCE(25);
      ADVANCE_MAP(
        '\n', 222,
        '!', 74,
        '#', 26,
        '*', 27,
        '-', 2,
        ':', 29,
        'C', 13,
        '[', 32,
      );
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(23);
      END_STATE();
    case 24:
      if (eof) ADVANCE(25);
      if (lookahead == '\n') ADVANCE(222);
      if (lookahead == '!') ADVANCE(74);
      if (lookahead == '-') ADVANCE(4);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(24);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(76);
      END_STATE();
    case 25:
      ACCEPT_TOKEN(ts_builtin_sym_end);
      END_STATE();
    case 26:
      ACCEPT_TOKEN(sym_comment);
      if (lookahead != 0 &&
          lookahead != '\n' &&
          lookahead != '\r') ADVANCE(26);
      END_STATE();
    case 27:
      ACCEPT_TOKEN(anon_sym_STAR);
      END_STATE();
    case 28:
      ACCEPT_TOKEN(sym_commit);
      END_STATE();
    case 29:
      ACCEPT_TOKEN(anon_sym_COLON);
      END_STATE();
    case 30:
      ACCEPT_TOKEN(anon_sym_DASH);
      END_STATE();
    case 31:
      ACCEPT_TOKEN(anon_sym_DASH);
      ADVANCE_MAP(
        '-', 15,
        'A', 34,
        'C', 36,
        'D', 40,
        'E', 53,
        'F', 47,
        'I', 38,
        'N', 45,
        'P', 55,
        'R', 43,
        'X', 49,
        'Z', 51,
        'g', 72,
        'j', 70,
        'm', 68,
      );
      if (('0' <= lookahead && lookahead <= '9') ||
          ('B' <= lookahead && lookahead <= 'Y') ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(220);
      END_STATE();
    case 32:
      ACCEPT_TOKEN(anon_sym_LBRACK);
      END_STATE();
    case 33:
      ACCEPT_TOKEN(anon_sym_RBRACK);
      END_STATE();
    case 34:
      ACCEPT_TOKEN(anon_sym_DASHA);
      END_STATE();
    case 35:
      ACCEPT_TOKEN(anon_sym_DASH_DASHappend);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 36:
      ACCEPT_TOKEN(anon_sym_DASHC);
      END_STATE();
    case 37:
      ACCEPT_TOKEN(anon_sym_DASH_DASHcheck);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 38:
      ACCEPT_TOKEN(anon_sym_DASHI);
      END_STATE();
    case 39:
      ACCEPT_TOKEN(anon_sym_DASH_DASHinsert);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 40:
      ACCEPT_TOKEN(anon_sym_DASHD);
      END_STATE();
    case 41:
      ACCEPT_TOKEN(anon_sym_DASH_DASHdelete);
      if (lookahead == '-') ADVANCE(105);
      if (lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 42:
      ACCEPT_TOKEN(anon_sym_DASH_DASHdelete);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 43:
      ACCEPT_TOKEN(anon_sym_DASHR);
      END_STATE();
    case 44:
      ACCEPT_TOKEN(anon_sym_DASH_DASHreplace);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 45:
      ACCEPT_TOKEN(anon_sym_DASHN);
      END_STATE();
    case 46:
      ACCEPT_TOKEN(anon_sym_DASH_DASHnew_DASHchain);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 47:
      ACCEPT_TOKEN(anon_sym_DASHF);
      END_STATE();
    case 48:
      ACCEPT_TOKEN(anon_sym_DASH_DASHflush);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 49:
      ACCEPT_TOKEN(anon_sym_DASHX);
      END_STATE();
    case 50:
      ACCEPT_TOKEN(anon_sym_DASH_DASHdelete_DASHchain);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 51:
      ACCEPT_TOKEN(anon_sym_DASHZ);
      END_STATE();
    case 52:
      ACCEPT_TOKEN(anon_sym_DASH_DASHzero);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 53:
      ACCEPT_TOKEN(anon_sym_DASHE);
      END_STATE();
    case 54:
      ACCEPT_TOKEN(anon_sym_DASH_DASHrename_DASHchain);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 55:
      ACCEPT_TOKEN(anon_sym_DASHP);
      END_STATE();
    case 56:
      ACCEPT_TOKEN(anon_sym_DASH_DASHpolicy);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 57:
      ACCEPT_TOKEN(anon_sym_DASH_DASHprotocol);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 58:
      ACCEPT_TOKEN(anon_sym_DASH_DASHsource);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 59:
      ACCEPT_TOKEN(anon_sym_DASH_DASHsrc);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 60:
      ACCEPT_TOKEN(anon_sym_DASH_DASHdestination);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 61:
      ACCEPT_TOKEN(anon_sym_DASH_DASHdst);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 62:
      ACCEPT_TOKEN(anon_sym_DASH_DASHin_DASHinterface);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 63:
      ACCEPT_TOKEN(anon_sym_DASH_DASHout_DASHinterface);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 64:
      ACCEPT_TOKEN(anon_sym_DASH_DASHfragment);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 65:
      ACCEPT_TOKEN(anon_sym_DASH_DASHset_DASHcounters);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 66:
      ACCEPT_TOKEN(anon_sym_DASH_DASHipv4);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 67:
      ACCEPT_TOKEN(anon_sym_DASH_DASHipv6);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 68:
      ACCEPT_TOKEN(anon_sym_DASHm);
      END_STATE();
    case 69:
      ACCEPT_TOKEN(anon_sym_DASH_DASHmatch);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 70:
      ACCEPT_TOKEN(anon_sym_DASHj);
      END_STATE();
    case 71:
      ACCEPT_TOKEN(anon_sym_DASH_DASHjump);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 72:
      ACCEPT_TOKEN(anon_sym_DASHg);
      END_STATE();
    case 73:
      ACCEPT_TOKEN(anon_sym_DASH_DASHgoto);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 74:
      ACCEPT_TOKEN(sym_negation);
      END_STATE();
    case 75:
      ACCEPT_TOKEN(sym_string);
      END_STATE();
    case 76:
      ACCEPT_TOKEN(sym_number);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(76);
      END_STATE();
    case 77:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == '-') ADVANCE(141);
      if (lookahead == 's') ADVANCE(120);
      if (lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 78:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == '-') ADVANCE(141);
      if (lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 79:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == '-') ADVANCE(98);
      if (lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 80:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == '-') ADVANCE(99);
      if (lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 81:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == '-') ADVANCE(106);
      if (lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 82:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == '-') ADVANCE(148);
      if (lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 83:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == '4') ADVANCE(66);
      if (lookahead == '6') ADVANCE(67);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 84:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(134);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 85:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(201);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 86:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(202);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 87:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(158);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 88:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(102);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 89:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(143);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 90:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(103);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 91:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(145);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 92:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(104);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 93:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'a') ADVANCE(147);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('b' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 94:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(59);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 95:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(149);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 96:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(218);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 97:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(136);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 98:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(138);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 99:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(177);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 100:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(176);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 101:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(113);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 102:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(114);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 103:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(115);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 104:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(116);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 105:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(139);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 106:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'c') ADVANCE(140);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 107:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'd') ADVANCE(35);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 108:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(154);
      if (lookahead == 's') ADVANCE(196);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 109:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(217);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 110:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(188);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 111:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(160);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 112:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(41);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 113:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(58);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 114:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(44);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 115:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(62);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 116:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(63);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 117:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(42);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 118:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(165);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 119:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(95);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 120:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(190);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 121:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(195);
      if (lookahead == 's') ADVANCE(196);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 122:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(183);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 123:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(185);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 124:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(209);
      if (lookahead == 'o') ADVANCE(213);
      if (lookahead == 'r') ADVANCE(94);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 125:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(187);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 126:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(204);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 127:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(167);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 128:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(207);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 129:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(155);
      if (lookahead == 's') ADVANCE(196);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 130:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(192);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 131:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'e') ADVANCE(81);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 132:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'f') ADVANCE(90);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 133:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'f') ADVANCE(92);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 134:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'g') ADVANCE(157);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 135:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'h') ADVANCE(48);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 136:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'h') ADVANCE(69);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 137:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'h') ADVANCE(119);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 138:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'h') ADVANCE(89);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 139:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'h') ADVANCE(91);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 140:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'h') ADVANCE(93);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 141:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'i') ADVANCE(166);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 142:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'i') ADVANCE(168);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 143:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'i') ADVANCE(161);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 144:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'i') ADVANCE(96);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 145:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'i') ADVANCE(163);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 146:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'i') ADVANCE(178);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 147:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'i') ADVANCE(164);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 148:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'i') ADVANCE(170);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 149:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'k') ADVANCE(37);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 150:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'l') ADVANCE(57);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 151:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'l') ADVANCE(144);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 152:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'l') ADVANCE(212);
      if (lookahead == 'r') ADVANCE(84);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 153:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'l') ADVANCE(88);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 154:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'l') ADVANCE(126);
      if (lookahead == 's') ADVANCE(208);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 155:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'l') ADVANCE(128);
      if (lookahead == 's') ADVANCE(208);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 156:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'm') ADVANCE(181);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 157:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'm') ADVANCE(127);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 158:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'm') ADVANCE(131);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 159:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(77);
      if (lookahead == 'p') ADVANCE(216);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 160:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(107);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 161:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(46);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 162:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(60);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 163:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(50);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 164:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(54);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 165:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(87);
      if (lookahead == 'p') ADVANCE(153);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 166:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(205);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 167:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(198);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 168:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(86);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 169:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(206);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 170:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(210);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 171:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'n') ADVANCE(78);
      if (lookahead == 'p') ADVANCE(216);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 172:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'o') ADVANCE(151);
      if (lookahead == 'r') ADVANCE(179);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 173:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'o') ADVANCE(73);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 174:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'o') ADVANCE(52);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 175:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'o') ADVANCE(199);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 176:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'o') ADVANCE(150);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 177:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'o') ADVANCE(215);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 178:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'o') ADVANCE(162);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 179:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'o') ADVANCE(203);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 180:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'o') ADVANCE(100);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 181:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'p') ADVANCE(71);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 182:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'p') ADVANCE(184);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 183:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'p') ADVANCE(153);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 184:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'p') ADVANCE(111);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 185:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'r') ADVANCE(132);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 186:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'r') ADVANCE(84);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 187:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'r') ADVANCE(193);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 188:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'r') ADVANCE(174);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 189:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'r') ADVANCE(101);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 190:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'r') ADVANCE(197);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 191:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'r') ADVANCE(179);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 192:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'r') ADVANCE(133);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 193:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 's') ADVANCE(65);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 194:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 's') ADVANCE(135);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 195:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 's') ADVANCE(208);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 196:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(61);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 197:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(39);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 198:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(64);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 199:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(173);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 200:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(82);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 201:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(97);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 202:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(146);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 203:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(180);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 204:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(112);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 205:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(123);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 206:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(125);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 207:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(117);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 208:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(142);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 209:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(80);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 210:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 't') ADVANCE(130);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 211:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'u') ADVANCE(156);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 212:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'u') ADVANCE(194);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 213:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'u') ADVANCE(189);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 214:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'u') ADVANCE(200);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 215:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'u') ADVANCE(169);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 216:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'v') ADVANCE(83);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 217:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'w') ADVANCE(79);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 218:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == 'y') ADVANCE(56);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 219:
      ACCEPT_TOKEN(sym__long_option_name);
      if (lookahead == '-' ||
          lookahead == '.' ||
          ('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(219);
      END_STATE();
    case 220:
      ACCEPT_TOKEN(sym__short_option_name);
      END_STATE();
    case 221:
      ACCEPT_TOKEN(sym__word);
      if (lookahead != 0 &&
          (lookahead < '\t' || '\r' < lookahead) &&
          lookahead != ' ' &&
          lookahead != '"') ADVANCE(221);
      END_STATE();
    case 222:
      ACCEPT_TOKEN(aux_sym__eol_token1);
      END_STATE();
    default:
      return false;
  }
}

static const TSLexMode ts_lex_modes[STATE_COUNT] = {
  [0] = {.lex_state = 0},
  [1] = {.lex_state = 23},
  [2] = {.lex_state = 23},
  [3] = {.lex_state = 23},
  [4] = {.lex_state = 23},
  [5] = {.lex_state = 23},
  [6] = {.lex_state = 23},
  [7] = {.lex_state = 23},
  [8] = {.lex_state = 23},
  [9] = {.lex_state = 23},
  [10] = {.lex_state = 23},
  [11] = {.lex_state = 21},
  [12] = {.lex_state = 21},
  [13] = {.lex_state = 21},
  [14] = {.lex_state = 21},
  [15] = {.lex_state = 21},
  [16] = {.lex_state = 21},
  [17] = {.lex_state = 21},
  [18] = {.lex_state = 21},
  [19] = {.lex_state = 21},
  [20] = {.lex_state = 21},
  [21] = {.lex_state = 21},
  [22] = {.lex_state = 21},
  [23] = {.lex_state = 21},
  [24] = {.lex_state = 21},
  [25] = {.lex_state = 21},
  [26] = {.lex_state = 21},
  [27] = {.lex_state = 21},
  [28] = {.lex_state = 21},
  [29] = {.lex_state = 21},
  [30] = {.lex_state = 21},
  [31] = {.lex_state = 21},
  [32] = {.lex_state = 21},
  [33] = {.lex_state = 21},
  [34] = {.lex_state = 21},
  [35] = {.lex_state = 21},
  [36] = {.lex_state = 21},
  [37] = {.lex_state = 21},
  [38] = {.lex_state = 21},
  [39] = {.lex_state = 24},
  [40] = {.lex_state = 24},
  [41] = {.lex_state = 24},
  [42] = {.lex_state = 24},
  [43] = {.lex_state = 24},
  [44] = {.lex_state = 24},
  [45] = {.lex_state = 24},
  [46] = {.lex_state = 24},
  [47] = {.lex_state = 24},
  [48] = {.lex_state = 24},
  [49] = {.lex_state = 24},
  [50] = {.lex_state = 24},
  [51] = {.lex_state = 24},
  [52] = {.lex_state = 24},
  [53] = {.lex_state = 24},
  [54] = {.lex_state = 24},
  [55] = {.lex_state = 22},
  [56] = {.lex_state = 22},
  [57] = {.lex_state = 24},
  [58] = {.lex_state = 22},
  [59] = {.lex_state = 22},
  [60] = {.lex_state = 24},
  [61] = {.lex_state = 24},
  [62] = {.lex_state = 24},
  [63] = {.lex_state = 24},
  [64] = {.lex_state = 24},
  [65] = {.lex_state = 24},
  [66] = {.lex_state = 24},
  [67] = {.lex_state = 24},
  [68] = {.lex_state = 24},
  [69] = {.lex_state = 24},
  [70] = {.lex_state = 22},
  [71] = {.lex_state = 22},
  [72] = {.lex_state = 22},
  [73] = {.lex_state = 22},
  [74] = {.lex_state = 24},
  [75] = {.lex_state = 22},
  [76] = {.lex_state = 22},
  [77] = {.lex_state = 24},
  [78] = {.lex_state = 24},
  [79] = {.lex_state = 24},
  [80] = {.lex_state = 24},
  [81] = {.lex_state = 24},
  [82] = {.lex_state = 24},
  [83] = {.lex_state = 24},
  [84] = {.lex_state = 24},
  [85] = {.lex_state = 24},
  [86] = {.lex_state = 24},
  [87] = {.lex_state = 24},
  [88] = {.lex_state = 24},
  [89] = {.lex_state = 24},
  [90] = {.lex_state = 24},
  [91] = {.lex_state = 22},
  [92] = {.lex_state = 22},
  [93] = {.lex_state = 22},
  [94] = {.lex_state = 24},
  [95] = {.lex_state = 22},
  [96] = {.lex_state = 24},
  [97] = {.lex_state = 24},
  [98] = {.lex_state = 24},
  [99] = {.lex_state = 24},
  [100] = {.lex_state = 24},
  [101] = {.lex_state = 24},
  [102] = {.lex_state = 24},
  [103] = {.lex_state = 22},
  [104] = {.lex_state = 24},
  [105] = {.lex_state = 24},
  [106] = {.lex_state = 22},
  [107] = {.lex_state = 24},
  [108] = {.lex_state = 22},
  [109] = {.lex_state = 22},
  [110] = {.lex_state = 24},
  [111] = {.lex_state = 24},
  [112] = {.lex_state = 24},
  [113] = {.lex_state = 24},
  [114] = {.lex_state = 24},
  [115] = {.lex_state = 24},
  [116] = {.lex_state = 5},
  [117] = {.lex_state = 5},
  [118] = {.lex_state = 5},
  [119] = {.lex_state = 21},
  [120] = {.lex_state = 21},
  [121] = {.lex_state = 21},
  [122] = {.lex_state = 21},
  [123] = {.lex_state = 0},
  [124] = {.lex_state = 21},
  [125] = {.lex_state = 0},
  [126] = {.lex_state = 21},
  [127] = {.lex_state = 0},
  [128] = {.lex_state = 0},
  [129] = {.lex_state = 21},
  [130] = {.lex_state = 21},
  [131] = {.lex_state = 21},
  [132] = {.lex_state = 21},
  [133] = {.lex_state = 0},
  [134] = {.lex_state = 21},
  [135] = {.lex_state = 21},
  [136] = {.lex_state = 21},
  [137] = {.lex_state = 21},
  [138] = {.lex_state = 21},
  [139] = {.lex_state = 21},
  [140] = {.lex_state = 0},
  [141] = {.lex_state = 21},
  [142] = {.lex_state = 21},
  [143] = {.lex_state = 0},
  [144] = {.lex_state = 21},
  [145] = {.lex_state = 21},
  [146] = {.lex_state = 21},
  [147] = {.lex_state = 0},
  [148] = {.lex_state = 21},
  [149] = {.lex_state = 21},
  [150] = {.lex_state = 0},
  [151] = {.lex_state = 7},
  [152] = {.lex_state = 0},
  [153] = {.lex_state = 0},
  [154] = {.lex_state = 21},
  [155] = {.lex_state = 21},
  [156] = {.lex_state = 21},
  [157] = {.lex_state = 21},
  [158] = {.lex_state = 21},
  [159] = {.lex_state = 21},
  [160] = {.lex_state = 21},
  [161] = {.lex_state = 21},
  [162] = {.lex_state = 21},
  [163] = {.lex_state = 7},
  [164] = {.lex_state = 0},
  [165] = {.lex_state = 21},
  [166] = {.lex_state = 21},
  [167] = {.lex_state = 21},
  [168] = {.lex_state = 21},
  [169] = {.lex_state = 21},
  [170] = {.lex_state = 8},
  [171] = {.lex_state = 8},
  [172] = {.lex_state = 21},
  [173] = {.lex_state = 21},
  [174] = {.lex_state = 21},
  [175] = {.lex_state = 0},
  [176] = {.lex_state = 21},
  [177] = {.lex_state = 8},
  [178] = {.lex_state = 21},
  [179] = {.lex_state = 0},
  [180] = {.lex_state = 21},
  [181] = {.lex_state = 0},
  [182] = {.lex_state = 0},
  [183] = {.lex_state = 21},
  [184] = {.lex_state = 0},
  [185] = {.lex_state = 21},
  [186] = {.lex_state = 21},
  [187] = {.lex_state = 21},
  [188] = {.lex_state = 21},
};

static const uint16_t ts_parse_table[LARGE_STATE_COUNT][SYMBOL_COUNT] = {
  [0] = {
    [ts_builtin_sym_end] = ACTIONS(1),
    [sym_comment] = ACTIONS(1),
    [anon_sym_STAR] = ACTIONS(1),
    [sym_commit] = ACTIONS(1),
    [anon_sym_COLON] = ACTIONS(1),
    [anon_sym_DASH] = ACTIONS(1),
    [anon_sym_LBRACK] = ACTIONS(1),
    [anon_sym_RBRACK] = ACTIONS(1),
    [anon_sym_DASHA] = ACTIONS(1),
    [anon_sym_DASH_DASHappend] = ACTIONS(1),
    [anon_sym_DASHC] = ACTIONS(1),
    [anon_sym_DASH_DASHcheck] = ACTIONS(1),
    [anon_sym_DASHI] = ACTIONS(1),
    [anon_sym_DASH_DASHinsert] = ACTIONS(1),
    [anon_sym_DASHD] = ACTIONS(1),
    [anon_sym_DASH_DASHdelete] = ACTIONS(1),
    [anon_sym_DASHR] = ACTIONS(1),
    [anon_sym_DASH_DASHreplace] = ACTIONS(1),
    [anon_sym_DASHN] = ACTIONS(1),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(1),
    [anon_sym_DASHF] = ACTIONS(1),
    [anon_sym_DASH_DASHflush] = ACTIONS(1),
    [anon_sym_DASHX] = ACTIONS(1),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(1),
    [anon_sym_DASHZ] = ACTIONS(1),
    [anon_sym_DASH_DASHzero] = ACTIONS(1),
    [anon_sym_DASHE] = ACTIONS(1),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(1),
    [anon_sym_DASHP] = ACTIONS(1),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(1),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(1),
    [anon_sym_DASH_DASHsource] = ACTIONS(1),
    [anon_sym_DASH_DASHsrc] = ACTIONS(1),
    [anon_sym_DASH_DASHdestination] = ACTIONS(1),
    [anon_sym_DASH_DASHdst] = ACTIONS(1),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(1),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(1),
    [anon_sym_DASH_DASHfragment] = ACTIONS(1),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(1),
    [anon_sym_DASH_DASHipv4] = ACTIONS(1),
    [anon_sym_DASH_DASHipv6] = ACTIONS(1),
    [anon_sym_DASHm] = ACTIONS(1),
    [anon_sym_DASH_DASHmatch] = ACTIONS(1),
    [anon_sym_DASHj] = ACTIONS(1),
    [anon_sym_DASH_DASHjump] = ACTIONS(1),
    [anon_sym_DASHg] = ACTIONS(1),
    [anon_sym_DASH_DASHgoto] = ACTIONS(1),
    [sym_negation] = ACTIONS(1),
    [sym_string] = ACTIONS(1),
    [sym_number] = ACTIONS(1),
    [sym__long_option_name] = ACTIONS(1),
    [sym__short_option_name] = ACTIONS(1),
    [aux_sym__eol_token1] = ACTIONS(1),
  },
  [1] = {
    [sym_source_file] = STATE(181),
    [sym_table_section] = STATE(3),
    [sym_counters] = STATE(11),
    [sym__command] = STATE(125),
    [sym_rule] = STATE(125),
    [sym__rule_item] = STATE(13),
    [sym_chain_command] = STATE(125),
    [sym_append] = STATE(141),
    [sym_check] = STATE(141),
    [sym_insert] = STATE(142),
    [sym_delete] = STATE(142),
    [sym_replace] = STATE(142),
    [sym_new_chain] = STATE(144),
    [sym_flush] = STATE(122),
    [sym_delete_chain] = STATE(122),
    [sym_zero] = STATE(122),
    [sym_rename_chain] = STATE(146),
    [sym_set_policy] = STATE(162),
    [sym_option] = STATE(13),
    [sym_match] = STATE(13),
    [sym_target] = STATE(13),
    [sym__eol] = STATE(3),
    [aux_sym_source_file_repeat1] = STATE(3),
    [aux_sym_rule_repeat1] = STATE(13),
    [ts_builtin_sym_end] = ACTIONS(3),
    [sym_comment] = ACTIONS(5),
    [anon_sym_STAR] = ACTIONS(7),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_DASHA] = ACTIONS(11),
    [anon_sym_DASH_DASHappend] = ACTIONS(13),
    [anon_sym_DASHC] = ACTIONS(15),
    [anon_sym_DASH_DASHcheck] = ACTIONS(17),
    [anon_sym_DASHI] = ACTIONS(19),
    [anon_sym_DASH_DASHinsert] = ACTIONS(21),
    [anon_sym_DASHD] = ACTIONS(23),
    [anon_sym_DASH_DASHdelete] = ACTIONS(25),
    [anon_sym_DASHR] = ACTIONS(27),
    [anon_sym_DASH_DASHreplace] = ACTIONS(29),
    [anon_sym_DASHN] = ACTIONS(31),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(33),
    [anon_sym_DASHF] = ACTIONS(35),
    [anon_sym_DASH_DASHflush] = ACTIONS(37),
    [anon_sym_DASHX] = ACTIONS(39),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(41),
    [anon_sym_DASHZ] = ACTIONS(43),
    [anon_sym_DASH_DASHzero] = ACTIONS(45),
    [anon_sym_DASHE] = ACTIONS(47),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(49),
    [anon_sym_DASHP] = ACTIONS(51),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(53),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(55),
    [anon_sym_DASH_DASHsource] = ACTIONS(55),
    [anon_sym_DASH_DASHsrc] = ACTIONS(55),
    [anon_sym_DASH_DASHdestination] = ACTIONS(55),
    [anon_sym_DASH_DASHdst] = ACTIONS(55),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(55),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(55),
    [anon_sym_DASH_DASHfragment] = ACTIONS(55),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(55),
    [anon_sym_DASH_DASHipv4] = ACTIONS(55),
    [anon_sym_DASH_DASHipv6] = ACTIONS(55),
    [anon_sym_DASHm] = ACTIONS(57),
    [anon_sym_DASH_DASHmatch] = ACTIONS(59),
    [anon_sym_DASHj] = ACTIONS(61),
    [anon_sym_DASH_DASHjump] = ACTIONS(63),
    [anon_sym_DASHg] = ACTIONS(61),
    [anon_sym_DASH_DASHgoto] = ACTIONS(63),
    [sym_negation] = ACTIONS(65),
    [sym__long_option_name] = ACTIONS(55),
    [sym__short_option_name] = ACTIONS(55),
    [aux_sym__eol_token1] = ACTIONS(5),
  },
  [2] = {
    [sym_chain_declaration] = STATE(140),
    [sym_counters] = STATE(14),
    [sym__command] = STATE(140),
    [sym_rule] = STATE(140),
    [sym__rule_item] = STATE(15),
    [sym_chain_command] = STATE(140),
    [sym_append] = STATE(131),
    [sym_check] = STATE(131),
    [sym_insert] = STATE(155),
    [sym_delete] = STATE(155),
    [sym_replace] = STATE(155),
    [sym_new_chain] = STATE(144),
    [sym_flush] = STATE(126),
    [sym_delete_chain] = STATE(126),
    [sym_zero] = STATE(126),
    [sym_rename_chain] = STATE(146),
    [sym_set_policy] = STATE(162),
    [sym_option] = STATE(15),
    [sym_match] = STATE(15),
    [sym_target] = STATE(15),
    [sym__eol] = STATE(5),
    [aux_sym_table_section_repeat1] = STATE(5),
    [aux_sym_rule_repeat1] = STATE(15),
    [sym_comment] = ACTIONS(67),
    [sym_commit] = ACTIONS(69),
    [anon_sym_COLON] = ACTIONS(71),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_DASHA] = ACTIONS(11),
    [anon_sym_DASH_DASHappend] = ACTIONS(13),
    [anon_sym_DASHC] = ACTIONS(15),
    [anon_sym_DASH_DASHcheck] = ACTIONS(17),
    [anon_sym_DASHI] = ACTIONS(19),
    [anon_sym_DASH_DASHinsert] = ACTIONS(21),
    [anon_sym_DASHD] = ACTIONS(23),
    [anon_sym_DASH_DASHdelete] = ACTIONS(25),
    [anon_sym_DASHR] = ACTIONS(27),
    [anon_sym_DASH_DASHreplace] = ACTIONS(29),
    [anon_sym_DASHN] = ACTIONS(31),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(33),
    [anon_sym_DASHF] = ACTIONS(73),
    [anon_sym_DASH_DASHflush] = ACTIONS(75),
    [anon_sym_DASHX] = ACTIONS(77),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(79),
    [anon_sym_DASHZ] = ACTIONS(81),
    [anon_sym_DASH_DASHzero] = ACTIONS(83),
    [anon_sym_DASHE] = ACTIONS(47),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(49),
    [anon_sym_DASHP] = ACTIONS(51),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(53),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(55),
    [anon_sym_DASH_DASHsource] = ACTIONS(55),
    [anon_sym_DASH_DASHsrc] = ACTIONS(55),
    [anon_sym_DASH_DASHdestination] = ACTIONS(55),
    [anon_sym_DASH_DASHdst] = ACTIONS(55),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(55),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(55),
    [anon_sym_DASH_DASHfragment] = ACTIONS(55),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(55),
    [anon_sym_DASH_DASHipv4] = ACTIONS(55),
    [anon_sym_DASH_DASHipv6] = ACTIONS(55),
    [anon_sym_DASHm] = ACTIONS(57),
    [anon_sym_DASH_DASHmatch] = ACTIONS(59),
    [anon_sym_DASHj] = ACTIONS(61),
    [anon_sym_DASH_DASHjump] = ACTIONS(63),
    [anon_sym_DASHg] = ACTIONS(61),
    [anon_sym_DASH_DASHgoto] = ACTIONS(63),
    [sym_negation] = ACTIONS(65),
    [sym__long_option_name] = ACTIONS(55),
    [sym__short_option_name] = ACTIONS(55),
    [aux_sym__eol_token1] = ACTIONS(67),
  },
  [3] = {
    [sym_table_section] = STATE(4),
    [sym_counters] = STATE(11),
    [sym__command] = STATE(128),
    [sym_rule] = STATE(128),
    [sym__rule_item] = STATE(13),
    [sym_chain_command] = STATE(128),
    [sym_append] = STATE(141),
    [sym_check] = STATE(141),
    [sym_insert] = STATE(142),
    [sym_delete] = STATE(142),
    [sym_replace] = STATE(142),
    [sym_new_chain] = STATE(144),
    [sym_flush] = STATE(122),
    [sym_delete_chain] = STATE(122),
    [sym_zero] = STATE(122),
    [sym_rename_chain] = STATE(146),
    [sym_set_policy] = STATE(162),
    [sym_option] = STATE(13),
    [sym_match] = STATE(13),
    [sym_target] = STATE(13),
    [sym__eol] = STATE(4),
    [aux_sym_source_file_repeat1] = STATE(4),
    [aux_sym_rule_repeat1] = STATE(13),
    [ts_builtin_sym_end] = ACTIONS(85),
    [sym_comment] = ACTIONS(87),
    [anon_sym_STAR] = ACTIONS(7),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_DASHA] = ACTIONS(11),
    [anon_sym_DASH_DASHappend] = ACTIONS(13),
    [anon_sym_DASHC] = ACTIONS(15),
    [anon_sym_DASH_DASHcheck] = ACTIONS(17),
    [anon_sym_DASHI] = ACTIONS(19),
    [anon_sym_DASH_DASHinsert] = ACTIONS(21),
    [anon_sym_DASHD] = ACTIONS(23),
    [anon_sym_DASH_DASHdelete] = ACTIONS(25),
    [anon_sym_DASHR] = ACTIONS(27),
    [anon_sym_DASH_DASHreplace] = ACTIONS(29),
    [anon_sym_DASHN] = ACTIONS(31),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(33),
    [anon_sym_DASHF] = ACTIONS(35),
    [anon_sym_DASH_DASHflush] = ACTIONS(37),
    [anon_sym_DASHX] = ACTIONS(39),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(41),
    [anon_sym_DASHZ] = ACTIONS(43),
    [anon_sym_DASH_DASHzero] = ACTIONS(45),
    [anon_sym_DASHE] = ACTIONS(47),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(49),
    [anon_sym_DASHP] = ACTIONS(51),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(53),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(55),
    [anon_sym_DASH_DASHsource] = ACTIONS(55),
    [anon_sym_DASH_DASHsrc] = ACTIONS(55),
    [anon_sym_DASH_DASHdestination] = ACTIONS(55),
    [anon_sym_DASH_DASHdst] = ACTIONS(55),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(55),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(55),
    [anon_sym_DASH_DASHfragment] = ACTIONS(55),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(55),
    [anon_sym_DASH_DASHipv4] = ACTIONS(55),
    [anon_sym_DASH_DASHipv6] = ACTIONS(55),
    [anon_sym_DASHm] = ACTIONS(57),
    [anon_sym_DASH_DASHmatch] = ACTIONS(59),
    [anon_sym_DASHj] = ACTIONS(61),
    [anon_sym_DASH_DASHjump] = ACTIONS(63),
    [anon_sym_DASHg] = ACTIONS(61),
    [anon_sym_DASH_DASHgoto] = ACTIONS(63),
    [sym_negation] = ACTIONS(65),
    [sym__long_option_name] = ACTIONS(55),
    [sym__short_option_name] = ACTIONS(55),
    [aux_sym__eol_token1] = ACTIONS(87),
  },
  [4] = {
    [sym_table_section] = STATE(4),
    [sym_counters] = STATE(14),
    [sym__command] = STATE(153),
    [sym_rule] = STATE(153),
    [sym__rule_item] = STATE(15),
    [sym_chain_command] = STATE(153),
    [sym_append] = STATE(131),
    [sym_check] = STATE(131),
    [sym_insert] = STATE(155),
    [sym_delete] = STATE(155),
    [sym_replace] = STATE(155),
    [sym_new_chain] = STATE(144),
    [sym_flush] = STATE(126),
    [sym_delete_chain] = STATE(126),
    [sym_zero] = STATE(126),
    [sym_rename_chain] = STATE(146),
    [sym_set_policy] = STATE(162),
    [sym_option] = STATE(15),
    [sym_match] = STATE(15),
    [sym_target] = STATE(15),
    [sym__eol] = STATE(4),
    [aux_sym_source_file_repeat1] = STATE(4),
    [aux_sym_rule_repeat1] = STATE(15),
    [ts_builtin_sym_end] = ACTIONS(89),
    [sym_comment] = ACTIONS(91),
    [anon_sym_STAR] = ACTIONS(94),
    [anon_sym_LBRACK] = ACTIONS(97),
    [anon_sym_DASHA] = ACTIONS(100),
    [anon_sym_DASH_DASHappend] = ACTIONS(103),
    [anon_sym_DASHC] = ACTIONS(106),
    [anon_sym_DASH_DASHcheck] = ACTIONS(109),
    [anon_sym_DASHI] = ACTIONS(112),
    [anon_sym_DASH_DASHinsert] = ACTIONS(115),
    [anon_sym_DASHD] = ACTIONS(118),
    [anon_sym_DASH_DASHdelete] = ACTIONS(121),
    [anon_sym_DASHR] = ACTIONS(124),
    [anon_sym_DASH_DASHreplace] = ACTIONS(127),
    [anon_sym_DASHN] = ACTIONS(130),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(133),
    [anon_sym_DASHF] = ACTIONS(136),
    [anon_sym_DASH_DASHflush] = ACTIONS(139),
    [anon_sym_DASHX] = ACTIONS(142),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(145),
    [anon_sym_DASHZ] = ACTIONS(148),
    [anon_sym_DASH_DASHzero] = ACTIONS(151),
    [anon_sym_DASHE] = ACTIONS(154),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(157),
    [anon_sym_DASHP] = ACTIONS(160),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(163),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(166),
    [anon_sym_DASH_DASHsource] = ACTIONS(166),
    [anon_sym_DASH_DASHsrc] = ACTIONS(166),
    [anon_sym_DASH_DASHdestination] = ACTIONS(166),
    [anon_sym_DASH_DASHdst] = ACTIONS(166),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(166),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(166),
    [anon_sym_DASH_DASHfragment] = ACTIONS(166),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(166),
    [anon_sym_DASH_DASHipv4] = ACTIONS(166),
    [anon_sym_DASH_DASHipv6] = ACTIONS(166),
    [anon_sym_DASHm] = ACTIONS(169),
    [anon_sym_DASH_DASHmatch] = ACTIONS(172),
    [anon_sym_DASHj] = ACTIONS(175),
    [anon_sym_DASH_DASHjump] = ACTIONS(178),
    [anon_sym_DASHg] = ACTIONS(175),
    [anon_sym_DASH_DASHgoto] = ACTIONS(178),
    [sym_negation] = ACTIONS(181),
    [sym__long_option_name] = ACTIONS(166),
    [sym__short_option_name] = ACTIONS(166),
    [aux_sym__eol_token1] = ACTIONS(91),
  },
  [5] = {
    [sym_chain_declaration] = STATE(140),
    [sym_counters] = STATE(14),
    [sym__command] = STATE(140),
    [sym_rule] = STATE(140),
    [sym__rule_item] = STATE(15),
    [sym_chain_command] = STATE(140),
    [sym_append] = STATE(131),
    [sym_check] = STATE(131),
    [sym_insert] = STATE(155),
    [sym_delete] = STATE(155),
    [sym_replace] = STATE(155),
    [sym_new_chain] = STATE(144),
    [sym_flush] = STATE(126),
    [sym_delete_chain] = STATE(126),
    [sym_zero] = STATE(126),
    [sym_rename_chain] = STATE(146),
    [sym_set_policy] = STATE(162),
    [sym_option] = STATE(15),
    [sym_match] = STATE(15),
    [sym_target] = STATE(15),
    [sym__eol] = STATE(6),
    [aux_sym_table_section_repeat1] = STATE(6),
    [aux_sym_rule_repeat1] = STATE(15),
    [sym_comment] = ACTIONS(184),
    [sym_commit] = ACTIONS(186),
    [anon_sym_COLON] = ACTIONS(71),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_DASHA] = ACTIONS(11),
    [anon_sym_DASH_DASHappend] = ACTIONS(13),
    [anon_sym_DASHC] = ACTIONS(15),
    [anon_sym_DASH_DASHcheck] = ACTIONS(17),
    [anon_sym_DASHI] = ACTIONS(19),
    [anon_sym_DASH_DASHinsert] = ACTIONS(21),
    [anon_sym_DASHD] = ACTIONS(23),
    [anon_sym_DASH_DASHdelete] = ACTIONS(25),
    [anon_sym_DASHR] = ACTIONS(27),
    [anon_sym_DASH_DASHreplace] = ACTIONS(29),
    [anon_sym_DASHN] = ACTIONS(31),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(33),
    [anon_sym_DASHF] = ACTIONS(73),
    [anon_sym_DASH_DASHflush] = ACTIONS(75),
    [anon_sym_DASHX] = ACTIONS(77),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(79),
    [anon_sym_DASHZ] = ACTIONS(81),
    [anon_sym_DASH_DASHzero] = ACTIONS(83),
    [anon_sym_DASHE] = ACTIONS(47),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(49),
    [anon_sym_DASHP] = ACTIONS(51),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(53),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(55),
    [anon_sym_DASH_DASHsource] = ACTIONS(55),
    [anon_sym_DASH_DASHsrc] = ACTIONS(55),
    [anon_sym_DASH_DASHdestination] = ACTIONS(55),
    [anon_sym_DASH_DASHdst] = ACTIONS(55),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(55),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(55),
    [anon_sym_DASH_DASHfragment] = ACTIONS(55),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(55),
    [anon_sym_DASH_DASHipv4] = ACTIONS(55),
    [anon_sym_DASH_DASHipv6] = ACTIONS(55),
    [anon_sym_DASHm] = ACTIONS(57),
    [anon_sym_DASH_DASHmatch] = ACTIONS(59),
    [anon_sym_DASHj] = ACTIONS(61),
    [anon_sym_DASH_DASHjump] = ACTIONS(63),
    [anon_sym_DASHg] = ACTIONS(61),
    [anon_sym_DASH_DASHgoto] = ACTIONS(63),
    [sym_negation] = ACTIONS(65),
    [sym__long_option_name] = ACTIONS(55),
    [sym__short_option_name] = ACTIONS(55),
    [aux_sym__eol_token1] = ACTIONS(184),
  },
  [6] = {
    [sym_chain_declaration] = STATE(140),
    [sym_counters] = STATE(14),
    [sym__command] = STATE(140),
    [sym_rule] = STATE(140),
    [sym__rule_item] = STATE(15),
    [sym_chain_command] = STATE(140),
    [sym_append] = STATE(131),
    [sym_check] = STATE(131),
    [sym_insert] = STATE(155),
    [sym_delete] = STATE(155),
    [sym_replace] = STATE(155),
    [sym_new_chain] = STATE(144),
    [sym_flush] = STATE(126),
    [sym_delete_chain] = STATE(126),
    [sym_zero] = STATE(126),
    [sym_rename_chain] = STATE(146),
    [sym_set_policy] = STATE(162),
    [sym_option] = STATE(15),
    [sym_match] = STATE(15),
    [sym_target] = STATE(15),
    [sym__eol] = STATE(6),
    [aux_sym_table_section_repeat1] = STATE(6),
    [aux_sym_rule_repeat1] = STATE(15),
    [sym_comment] = ACTIONS(188),
    [sym_commit] = ACTIONS(191),
    [anon_sym_COLON] = ACTIONS(193),
    [anon_sym_LBRACK] = ACTIONS(196),
    [anon_sym_DASHA] = ACTIONS(199),
    [anon_sym_DASH_DASHappend] = ACTIONS(202),
    [anon_sym_DASHC] = ACTIONS(205),
    [anon_sym_DASH_DASHcheck] = ACTIONS(208),
    [anon_sym_DASHI] = ACTIONS(211),
    [anon_sym_DASH_DASHinsert] = ACTIONS(214),
    [anon_sym_DASHD] = ACTIONS(217),
    [anon_sym_DASH_DASHdelete] = ACTIONS(220),
    [anon_sym_DASHR] = ACTIONS(223),
    [anon_sym_DASH_DASHreplace] = ACTIONS(226),
    [anon_sym_DASHN] = ACTIONS(229),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(232),
    [anon_sym_DASHF] = ACTIONS(235),
    [anon_sym_DASH_DASHflush] = ACTIONS(238),
    [anon_sym_DASHX] = ACTIONS(241),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(244),
    [anon_sym_DASHZ] = ACTIONS(247),
    [anon_sym_DASH_DASHzero] = ACTIONS(250),
    [anon_sym_DASHE] = ACTIONS(253),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(256),
    [anon_sym_DASHP] = ACTIONS(259),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(262),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(265),
    [anon_sym_DASH_DASHsource] = ACTIONS(265),
    [anon_sym_DASH_DASHsrc] = ACTIONS(265),
    [anon_sym_DASH_DASHdestination] = ACTIONS(265),
    [anon_sym_DASH_DASHdst] = ACTIONS(265),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(265),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(265),
    [anon_sym_DASH_DASHfragment] = ACTIONS(265),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(265),
    [anon_sym_DASH_DASHipv4] = ACTIONS(265),
    [anon_sym_DASH_DASHipv6] = ACTIONS(265),
    [anon_sym_DASHm] = ACTIONS(268),
    [anon_sym_DASH_DASHmatch] = ACTIONS(271),
    [anon_sym_DASHj] = ACTIONS(274),
    [anon_sym_DASH_DASHjump] = ACTIONS(277),
    [anon_sym_DASHg] = ACTIONS(274),
    [anon_sym_DASH_DASHgoto] = ACTIONS(277),
    [sym_negation] = ACTIONS(280),
    [sym__long_option_name] = ACTIONS(265),
    [sym__short_option_name] = ACTIONS(265),
    [aux_sym__eol_token1] = ACTIONS(188),
  },
  [7] = {
    [ts_builtin_sym_end] = ACTIONS(89),
    [sym_comment] = ACTIONS(89),
    [anon_sym_STAR] = ACTIONS(89),
    [anon_sym_LBRACK] = ACTIONS(89),
    [anon_sym_DASHA] = ACTIONS(89),
    [anon_sym_DASH_DASHappend] = ACTIONS(283),
    [anon_sym_DASHC] = ACTIONS(89),
    [anon_sym_DASH_DASHcheck] = ACTIONS(283),
    [anon_sym_DASHI] = ACTIONS(89),
    [anon_sym_DASH_DASHinsert] = ACTIONS(283),
    [anon_sym_DASHD] = ACTIONS(89),
    [anon_sym_DASH_DASHdelete] = ACTIONS(283),
    [anon_sym_DASHR] = ACTIONS(89),
    [anon_sym_DASH_DASHreplace] = ACTIONS(283),
    [anon_sym_DASHN] = ACTIONS(89),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(283),
    [anon_sym_DASHF] = ACTIONS(89),
    [anon_sym_DASH_DASHflush] = ACTIONS(283),
    [anon_sym_DASHX] = ACTIONS(89),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(283),
    [anon_sym_DASHZ] = ACTIONS(89),
    [anon_sym_DASH_DASHzero] = ACTIONS(283),
    [anon_sym_DASHE] = ACTIONS(89),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(283),
    [anon_sym_DASHP] = ACTIONS(89),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(283),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(283),
    [anon_sym_DASH_DASHsource] = ACTIONS(283),
    [anon_sym_DASH_DASHsrc] = ACTIONS(283),
    [anon_sym_DASH_DASHdestination] = ACTIONS(283),
    [anon_sym_DASH_DASHdst] = ACTIONS(283),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(283),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(283),
    [anon_sym_DASH_DASHfragment] = ACTIONS(283),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(283),
    [anon_sym_DASH_DASHipv4] = ACTIONS(283),
    [anon_sym_DASH_DASHipv6] = ACTIONS(283),
    [anon_sym_DASHm] = ACTIONS(89),
    [anon_sym_DASH_DASHmatch] = ACTIONS(283),
    [anon_sym_DASHj] = ACTIONS(89),
    [anon_sym_DASH_DASHjump] = ACTIONS(283),
    [anon_sym_DASHg] = ACTIONS(89),
    [anon_sym_DASH_DASHgoto] = ACTIONS(283),
    [sym_negation] = ACTIONS(89),
    [sym__long_option_name] = ACTIONS(283),
    [sym__short_option_name] = ACTIONS(283),
    [aux_sym__eol_token1] = ACTIONS(89),
  },
  [8] = {
    [ts_builtin_sym_end] = ACTIONS(285),
    [sym_comment] = ACTIONS(285),
    [anon_sym_STAR] = ACTIONS(285),
    [anon_sym_LBRACK] = ACTIONS(285),
    [anon_sym_DASHA] = ACTIONS(285),
    [anon_sym_DASH_DASHappend] = ACTIONS(287),
    [anon_sym_DASHC] = ACTIONS(285),
    [anon_sym_DASH_DASHcheck] = ACTIONS(287),
    [anon_sym_DASHI] = ACTIONS(285),
    [anon_sym_DASH_DASHinsert] = ACTIONS(287),
    [anon_sym_DASHD] = ACTIONS(285),
    [anon_sym_DASH_DASHdelete] = ACTIONS(287),
    [anon_sym_DASHR] = ACTIONS(285),
    [anon_sym_DASH_DASHreplace] = ACTIONS(287),
    [anon_sym_DASHN] = ACTIONS(285),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(287),
    [anon_sym_DASHF] = ACTIONS(285),
    [anon_sym_DASH_DASHflush] = ACTIONS(287),
    [anon_sym_DASHX] = ACTIONS(285),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(287),
    [anon_sym_DASHZ] = ACTIONS(285),
    [anon_sym_DASH_DASHzero] = ACTIONS(287),
    [anon_sym_DASHE] = ACTIONS(285),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(287),
    [anon_sym_DASHP] = ACTIONS(285),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(287),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(287),
    [anon_sym_DASH_DASHsource] = ACTIONS(287),
    [anon_sym_DASH_DASHsrc] = ACTIONS(287),
    [anon_sym_DASH_DASHdestination] = ACTIONS(287),
    [anon_sym_DASH_DASHdst] = ACTIONS(287),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(287),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(287),
    [anon_sym_DASH_DASHfragment] = ACTIONS(287),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(287),
    [anon_sym_DASH_DASHipv4] = ACTIONS(287),
    [anon_sym_DASH_DASHipv6] = ACTIONS(287),
    [anon_sym_DASHm] = ACTIONS(285),
    [anon_sym_DASH_DASHmatch] = ACTIONS(287),
    [anon_sym_DASHj] = ACTIONS(285),
    [anon_sym_DASH_DASHjump] = ACTIONS(287),
    [anon_sym_DASHg] = ACTIONS(285),
    [anon_sym_DASH_DASHgoto] = ACTIONS(287),
    [sym_negation] = ACTIONS(285),
    [sym__long_option_name] = ACTIONS(287),
    [sym__short_option_name] = ACTIONS(287),
    [aux_sym__eol_token1] = ACTIONS(285),
  },
  [9] = {
    [sym_comment] = ACTIONS(191),
    [sym_commit] = ACTIONS(191),
    [anon_sym_COLON] = ACTIONS(191),
    [anon_sym_LBRACK] = ACTIONS(191),
    [anon_sym_DASHA] = ACTIONS(191),
    [anon_sym_DASH_DASHappend] = ACTIONS(289),
    [anon_sym_DASHC] = ACTIONS(191),
    [anon_sym_DASH_DASHcheck] = ACTIONS(289),
    [anon_sym_DASHI] = ACTIONS(191),
    [anon_sym_DASH_DASHinsert] = ACTIONS(289),
    [anon_sym_DASHD] = ACTIONS(191),
    [anon_sym_DASH_DASHdelete] = ACTIONS(289),
    [anon_sym_DASHR] = ACTIONS(191),
    [anon_sym_DASH_DASHreplace] = ACTIONS(289),
    [anon_sym_DASHN] = ACTIONS(191),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(289),
    [anon_sym_DASHF] = ACTIONS(191),
    [anon_sym_DASH_DASHflush] = ACTIONS(289),
    [anon_sym_DASHX] = ACTIONS(191),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(289),
    [anon_sym_DASHZ] = ACTIONS(191),
    [anon_sym_DASH_DASHzero] = ACTIONS(289),
    [anon_sym_DASHE] = ACTIONS(191),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(289),
    [anon_sym_DASHP] = ACTIONS(191),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(289),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(289),
    [anon_sym_DASH_DASHsource] = ACTIONS(289),
    [anon_sym_DASH_DASHsrc] = ACTIONS(289),
    [anon_sym_DASH_DASHdestination] = ACTIONS(289),
    [anon_sym_DASH_DASHdst] = ACTIONS(289),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(289),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(289),
    [anon_sym_DASH_DASHfragment] = ACTIONS(289),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(289),
    [anon_sym_DASH_DASHipv4] = ACTIONS(289),
    [anon_sym_DASH_DASHipv6] = ACTIONS(289),
    [anon_sym_DASHm] = ACTIONS(191),
    [anon_sym_DASH_DASHmatch] = ACTIONS(289),
    [anon_sym_DASHj] = ACTIONS(191),
    [anon_sym_DASH_DASHjump] = ACTIONS(289),
    [anon_sym_DASHg] = ACTIONS(191),
    [anon_sym_DASH_DASHgoto] = ACTIONS(289),
    [sym_negation] = ACTIONS(191),
    [sym__long_option_name] = ACTIONS(289),
    [sym__short_option_name] = ACTIONS(289),
    [aux_sym__eol_token1] = ACTIONS(191),
  },
  [10] = {
    [ts_builtin_sym_end] = ACTIONS(291),
    [sym_comment] = ACTIONS(291),
    [anon_sym_STAR] = ACTIONS(291),
    [anon_sym_LBRACK] = ACTIONS(291),
    [anon_sym_DASHA] = ACTIONS(291),
    [anon_sym_DASH_DASHappend] = ACTIONS(293),
    [anon_sym_DASHC] = ACTIONS(291),
    [anon_sym_DASH_DASHcheck] = ACTIONS(293),
    [anon_sym_DASHI] = ACTIONS(291),
    [anon_sym_DASH_DASHinsert] = ACTIONS(293),
    [anon_sym_DASHD] = ACTIONS(291),
    [anon_sym_DASH_DASHdelete] = ACTIONS(293),
    [anon_sym_DASHR] = ACTIONS(291),
    [anon_sym_DASH_DASHreplace] = ACTIONS(293),
    [anon_sym_DASHN] = ACTIONS(291),
    [anon_sym_DASH_DASHnew_DASHchain] = ACTIONS(293),
    [anon_sym_DASHF] = ACTIONS(291),
    [anon_sym_DASH_DASHflush] = ACTIONS(293),
    [anon_sym_DASHX] = ACTIONS(291),
    [anon_sym_DASH_DASHdelete_DASHchain] = ACTIONS(293),
    [anon_sym_DASHZ] = ACTIONS(291),
    [anon_sym_DASH_DASHzero] = ACTIONS(293),
    [anon_sym_DASHE] = ACTIONS(291),
    [anon_sym_DASH_DASHrename_DASHchain] = ACTIONS(293),
    [anon_sym_DASHP] = ACTIONS(291),
    [anon_sym_DASH_DASHpolicy] = ACTIONS(293),
    [anon_sym_DASH_DASHprotocol] = ACTIONS(293),
    [anon_sym_DASH_DASHsource] = ACTIONS(293),
    [anon_sym_DASH_DASHsrc] = ACTIONS(293),
    [anon_sym_DASH_DASHdestination] = ACTIONS(293),
    [anon_sym_DASH_DASHdst] = ACTIONS(293),
    [anon_sym_DASH_DASHin_DASHinterface] = ACTIONS(293),
    [anon_sym_DASH_DASHout_DASHinterface] = ACTIONS(293),
    [anon_sym_DASH_DASHfragment] = ACTIONS(293),
    [anon_sym_DASH_DASHset_DASHcounters] = ACTIONS(293),
    [anon_sym_DASH_DASHipv4] = ACTIONS(293),
    [anon_sym_DASH_DASHipv6] = ACTIONS(293),
    [anon_sym_DASHm] = ACTIONS(291),
    [anon_sym_DASH_DASHmatch] = ACTIONS(293),
    [anon_sym_DASHj] = ACTIONS(291),
    [anon_sym_DASH_DASHjump] = ACTIONS(293),
    [anon_sym_DASHg] = ACTIONS(291),
    [anon_sym_DASH_DASHgoto] = ACTIONS(293),
    [sym_negation] = ACTIONS(291),
    [sym__long_option_name] = ACTIONS(293),
    [sym__short_option_name] = ACTIONS(293),
    [aux_sym__eol_token1] = ACTIONS(291),
  },
};

static const uint16_t ts_small_parse_table[] = {
  [0] = 19,
    ACTIONS(11), 1,
      anon_sym_DASHA,
    ACTIONS(13), 1,
      anon_sym_DASH_DASHappend,
    ACTIONS(15), 1,
      anon_sym_DASHC,
    ACTIONS(17), 1,
      anon_sym_DASH_DASHcheck,
    ACTIONS(19), 1,
      anon_sym_DASHI,
    ACTIONS(21), 1,
      anon_sym_DASH_DASHinsert,
    ACTIONS(23), 1,
      anon_sym_DASHD,
    ACTIONS(25), 1,
      anon_sym_DASH_DASHdelete,
    ACTIONS(27), 1,
      anon_sym_DASHR,
    ACTIONS(29), 1,
      anon_sym_DASH_DASHreplace,
    ACTIONS(57), 1,
      anon_sym_DASHm,
    ACTIONS(59), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(65), 1,
      sym_negation,
    ACTIONS(61), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(63), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(148), 2,
      sym_append,
      sym_check,
    STATE(149), 3,
      sym_insert,
      sym_delete,
      sym_replace,
    STATE(12), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(55), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [79] = 19,
    ACTIONS(11), 1,
      anon_sym_DASHA,
    ACTIONS(13), 1,
      anon_sym_DASH_DASHappend,
    ACTIONS(15), 1,
      anon_sym_DASHC,
    ACTIONS(17), 1,
      anon_sym_DASH_DASHcheck,
    ACTIONS(19), 1,
      anon_sym_DASHI,
    ACTIONS(21), 1,
      anon_sym_DASH_DASHinsert,
    ACTIONS(23), 1,
      anon_sym_DASHD,
    ACTIONS(25), 1,
      anon_sym_DASH_DASHdelete,
    ACTIONS(27), 1,
      anon_sym_DASHR,
    ACTIONS(29), 1,
      anon_sym_DASH_DASHreplace,
    ACTIONS(57), 1,
      anon_sym_DASHm,
    ACTIONS(59), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(65), 1,
      sym_negation,
    ACTIONS(61), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(63), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(154), 2,
      sym_append,
      sym_check,
    STATE(145), 3,
      sym_insert,
      sym_delete,
      sym_replace,
    STATE(17), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(55), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [158] = 19,
    ACTIONS(11), 1,
      anon_sym_DASHA,
    ACTIONS(13), 1,
      anon_sym_DASH_DASHappend,
    ACTIONS(15), 1,
      anon_sym_DASHC,
    ACTIONS(17), 1,
      anon_sym_DASH_DASHcheck,
    ACTIONS(19), 1,
      anon_sym_DASHI,
    ACTIONS(21), 1,
      anon_sym_DASH_DASHinsert,
    ACTIONS(23), 1,
      anon_sym_DASHD,
    ACTIONS(25), 1,
      anon_sym_DASH_DASHdelete,
    ACTIONS(27), 1,
      anon_sym_DASHR,
    ACTIONS(29), 1,
      anon_sym_DASH_DASHreplace,
    ACTIONS(57), 1,
      anon_sym_DASHm,
    ACTIONS(59), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(65), 1,
      sym_negation,
    ACTIONS(61), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(63), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(134), 2,
      sym_append,
      sym_check,
    STATE(135), 3,
      sym_insert,
      sym_delete,
      sym_replace,
    STATE(17), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(55), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [237] = 19,
    ACTIONS(11), 1,
      anon_sym_DASHA,
    ACTIONS(13), 1,
      anon_sym_DASH_DASHappend,
    ACTIONS(15), 1,
      anon_sym_DASHC,
    ACTIONS(17), 1,
      anon_sym_DASH_DASHcheck,
    ACTIONS(19), 1,
      anon_sym_DASHI,
    ACTIONS(21), 1,
      anon_sym_DASH_DASHinsert,
    ACTIONS(23), 1,
      anon_sym_DASHD,
    ACTIONS(25), 1,
      anon_sym_DASH_DASHdelete,
    ACTIONS(27), 1,
      anon_sym_DASHR,
    ACTIONS(29), 1,
      anon_sym_DASH_DASHreplace,
    ACTIONS(57), 1,
      anon_sym_DASHm,
    ACTIONS(59), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(65), 1,
      sym_negation,
    ACTIONS(61), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(63), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(156), 2,
      sym_append,
      sym_check,
    STATE(157), 3,
      sym_insert,
      sym_delete,
      sym_replace,
    STATE(16), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(55), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [316] = 19,
    ACTIONS(11), 1,
      anon_sym_DASHA,
    ACTIONS(13), 1,
      anon_sym_DASH_DASHappend,
    ACTIONS(15), 1,
      anon_sym_DASHC,
    ACTIONS(17), 1,
      anon_sym_DASH_DASHcheck,
    ACTIONS(19), 1,
      anon_sym_DASHI,
    ACTIONS(21), 1,
      anon_sym_DASH_DASHinsert,
    ACTIONS(23), 1,
      anon_sym_DASHD,
    ACTIONS(25), 1,
      anon_sym_DASH_DASHdelete,
    ACTIONS(27), 1,
      anon_sym_DASHR,
    ACTIONS(29), 1,
      anon_sym_DASH_DASHreplace,
    ACTIONS(57), 1,
      anon_sym_DASHm,
    ACTIONS(59), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(65), 1,
      sym_negation,
    ACTIONS(61), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(63), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(158), 2,
      sym_append,
      sym_check,
    STATE(159), 3,
      sym_insert,
      sym_delete,
      sym_replace,
    STATE(17), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(55), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [395] = 19,
    ACTIONS(11), 1,
      anon_sym_DASHA,
    ACTIONS(13), 1,
      anon_sym_DASH_DASHappend,
    ACTIONS(15), 1,
      anon_sym_DASHC,
    ACTIONS(17), 1,
      anon_sym_DASH_DASHcheck,
    ACTIONS(19), 1,
      anon_sym_DASHI,
    ACTIONS(21), 1,
      anon_sym_DASH_DASHinsert,
    ACTIONS(23), 1,
      anon_sym_DASHD,
    ACTIONS(25), 1,
      anon_sym_DASH_DASHdelete,
    ACTIONS(27), 1,
      anon_sym_DASHR,
    ACTIONS(29), 1,
      anon_sym_DASH_DASHreplace,
    ACTIONS(57), 1,
      anon_sym_DASHm,
    ACTIONS(59), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(65), 1,
      sym_negation,
    ACTIONS(61), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(63), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(160), 2,
      sym_append,
      sym_check,
    STATE(161), 3,
      sym_insert,
      sym_delete,
      sym_replace,
    STATE(17), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(55), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [474] = 9,
    ACTIONS(302), 1,
      anon_sym_DASHm,
    ACTIONS(305), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(314), 1,
      sym_negation,
    ACTIONS(308), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(311), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(295), 5,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
    ACTIONS(297), 5,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
    STATE(17), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(299), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [528] = 8,
    ACTIONS(321), 1,
      sym_negation,
    ACTIONS(324), 1,
      sym_string,
    ACTIONS(326), 1,
      sym__word,
    STATE(24), 1,
      aux_sym__option_arguments_repeat1,
    STATE(30), 1,
      sym__argument,
    STATE(33), 1,
      sym__option_arguments,
    ACTIONS(317), 8,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(319), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [580] = 8,
    ACTIONS(324), 1,
      sym_string,
    ACTIONS(326), 1,
      sym__word,
    ACTIONS(332), 1,
      sym_negation,
    STATE(24), 1,
      aux_sym__option_arguments_repeat1,
    STATE(30), 1,
      sym__argument,
    STATE(35), 1,
      sym__option_arguments,
    ACTIONS(328), 8,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(330), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [632] = 8,
    ACTIONS(324), 1,
      sym_string,
    ACTIONS(326), 1,
      sym__word,
    ACTIONS(339), 1,
      sym_negation,
    STATE(24), 1,
      aux_sym__option_arguments_repeat1,
    STATE(30), 1,
      sym__argument,
    STATE(34), 1,
      sym__option_arguments,
    ACTIONS(335), 8,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(337), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [684] = 8,
    ACTIONS(324), 1,
      sym_string,
    ACTIONS(326), 1,
      sym__word,
    ACTIONS(346), 1,
      sym_negation,
    STATE(24), 1,
      aux_sym__option_arguments_repeat1,
    STATE(30), 1,
      sym__argument,
    STATE(36), 1,
      sym__option_arguments,
    ACTIONS(342), 8,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(344), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [736] = 6,
    ACTIONS(324), 1,
      sym_string,
    ACTIONS(326), 1,
      sym__word,
    STATE(23), 1,
      aux_sym__option_arguments_repeat1,
    STATE(30), 1,
      sym__argument,
    ACTIONS(349), 9,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
    ACTIONS(351), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [783] = 6,
    ACTIONS(357), 1,
      sym_string,
    ACTIONS(360), 1,
      sym__word,
    STATE(23), 1,
      aux_sym__option_arguments_repeat1,
    STATE(30), 1,
      sym__argument,
    ACTIONS(353), 9,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
    ACTIONS(355), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [830] = 6,
    ACTIONS(324), 1,
      sym_string,
    ACTIONS(326), 1,
      sym__word,
    STATE(23), 1,
      aux_sym__option_arguments_repeat1,
    STATE(30), 1,
      sym__argument,
    ACTIONS(363), 9,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
    ACTIONS(365), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [877] = 7,
    ACTIONS(371), 1,
      sym_negation,
    ACTIONS(374), 1,
      sym__long_option_name,
    STATE(29), 1,
      aux_sym_match_repeat1,
    STATE(37), 1,
      sym__extension_option,
    STATE(38), 1,
      sym__grouped_option,
    ACTIONS(367), 8,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(369), 20,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [925] = 7,
    ACTIONS(381), 1,
      sym_negation,
    ACTIONS(384), 1,
      sym__long_option_name,
    STATE(28), 1,
      aux_sym_match_repeat1,
    STATE(37), 1,
      sym__extension_option,
    STATE(38), 1,
      sym__grouped_option,
    ACTIONS(377), 8,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(379), 20,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [973] = 7,
    ACTIONS(391), 1,
      sym_negation,
    ACTIONS(394), 1,
      sym__long_option_name,
    STATE(27), 1,
      aux_sym_match_repeat1,
    STATE(37), 1,
      sym__extension_option,
    STATE(38), 1,
      sym__grouped_option,
    ACTIONS(387), 8,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(389), 20,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [1021] = 7,
    ACTIONS(401), 1,
      sym_negation,
    ACTIONS(404), 1,
      sym__long_option_name,
    STATE(27), 1,
      aux_sym_match_repeat1,
    STATE(37), 1,
      sym__extension_option,
    STATE(38), 1,
      sym__grouped_option,
    ACTIONS(397), 8,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(399), 20,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [1069] = 7,
    ACTIONS(411), 1,
      sym_negation,
    ACTIONS(414), 1,
      sym__long_option_name,
    STATE(27), 1,
      aux_sym_match_repeat1,
    STATE(37), 1,
      sym__extension_option,
    STATE(38), 1,
      sym__grouped_option,
    ACTIONS(407), 8,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(409), 20,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [1117] = 2,
    ACTIONS(417), 11,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      sym_string,
      sym__word,
    ACTIONS(419), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [1154] = 2,
    ACTIONS(421), 11,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      sym_string,
      sym__word,
    ACTIONS(423), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [1191] = 2,
    ACTIONS(425), 10,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(427), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [1227] = 2,
    ACTIONS(429), 9,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
    ACTIONS(431), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [1262] = 2,
    ACTIONS(433), 9,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
    ACTIONS(435), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [1297] = 2,
    ACTIONS(437), 9,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
    ACTIONS(439), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [1332] = 2,
    ACTIONS(441), 9,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
    ACTIONS(443), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [1367] = 2,
    ACTIONS(445), 9,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
    ACTIONS(447), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [1402] = 2,
    ACTIONS(449), 9,
      anon_sym_DASHA,
      anon_sym_DASHC,
      anon_sym_DASHI,
      anon_sym_DASHD,
      anon_sym_DASHR,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
    ACTIONS(451), 21,
      anon_sym_DASH_DASHappend,
      anon_sym_DASH_DASHcheck,
      anon_sym_DASH_DASHinsert,
      anon_sym_DASH_DASHdelete,
      anon_sym_DASH_DASHreplace,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [1437] = 9,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(467), 1,
      sym_number,
    ACTIONS(453), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(46), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1484] = 9,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(471), 1,
      sym_number,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(469), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(51), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1531] = 9,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(475), 1,
      sym_number,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(473), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(63), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1578] = 9,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(479), 1,
      sym_number,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(477), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(66), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1625] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(469), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(51), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1669] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(481), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(53), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1713] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(453), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(46), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1757] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(483), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(57), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1801] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(473), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(63), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1845] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(477), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(66), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1889] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(485), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(57), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1933] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(487), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(57), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [1977] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(489), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(57), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2021] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(491), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(54), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2065] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(493), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(57), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2109] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(495), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(57), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2153] = 8,
    ACTIONS(497), 1,
      sym_negation,
    ACTIONS(500), 1,
      sym_string,
    ACTIONS(502), 1,
      sym__word,
    STATE(70), 1,
      aux_sym__option_arguments_repeat1,
    STATE(103), 1,
      sym__argument,
    STATE(113), 1,
      sym__option_arguments,
    ACTIONS(328), 5,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(330), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [2197] = 8,
    ACTIONS(500), 1,
      sym_string,
    ACTIONS(502), 1,
      sym__word,
    ACTIONS(504), 1,
      sym_negation,
    STATE(70), 1,
      aux_sym__option_arguments_repeat1,
    STATE(103), 1,
      sym__argument,
    STATE(112), 1,
      sym__option_arguments,
    ACTIONS(317), 5,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(319), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [2241] = 8,
    ACTIONS(510), 1,
      anon_sym_DASHm,
    ACTIONS(513), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(522), 1,
      sym_negation,
    ACTIONS(295), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    ACTIONS(516), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(519), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(57), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(507), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2285] = 8,
    ACTIONS(500), 1,
      sym_string,
    ACTIONS(502), 1,
      sym__word,
    ACTIONS(525), 1,
      sym_negation,
    STATE(70), 1,
      aux_sym__option_arguments_repeat1,
    STATE(103), 1,
      sym__argument,
    STATE(111), 1,
      sym__option_arguments,
    ACTIONS(335), 5,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(337), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [2329] = 8,
    ACTIONS(500), 1,
      sym_string,
    ACTIONS(502), 1,
      sym__word,
    ACTIONS(528), 1,
      sym_negation,
    STATE(70), 1,
      aux_sym__option_arguments_repeat1,
    STATE(103), 1,
      sym__argument,
    STATE(110), 1,
      sym__option_arguments,
    ACTIONS(342), 5,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(344), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [2373] = 9,
    ACTIONS(473), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(543), 1,
      sym_number,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(79), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2419] = 9,
    ACTIONS(477), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(545), 1,
      sym_number,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(82), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2465] = 9,
    ACTIONS(453), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(547), 1,
      sym_number,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(85), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2511] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(549), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(57), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2555] = 9,
    ACTIONS(469), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(551), 1,
      sym_number,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(88), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2601] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(553), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(49), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2645] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(555), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(57), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2689] = 8,
    ACTIONS(457), 1,
      anon_sym_DASHm,
    ACTIONS(459), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(465), 1,
      sym_negation,
    ACTIONS(461), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(463), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    ACTIONS(557), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
    STATE(50), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(455), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2733] = 8,
    ACTIONS(469), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(88), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2776] = 8,
    ACTIONS(495), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(74), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [2819] = 6,
    ACTIONS(500), 1,
      sym_string,
    ACTIONS(502), 1,
      sym__word,
    STATE(72), 1,
      aux_sym__option_arguments_repeat1,
    STATE(103), 1,
      sym__argument,
    ACTIONS(363), 6,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(365), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [2858] = 6,
    ACTIONS(500), 1,
      sym_string,
    ACTIONS(502), 1,
      sym__word,
    STATE(72), 1,
      aux_sym__option_arguments_repeat1,
    STATE(103), 1,
      sym__argument,
    ACTIONS(349), 6,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(351), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [2897] = 6,
    ACTIONS(559), 1,
      sym_string,
    ACTIONS(562), 1,
      sym__word,
    STATE(72), 1,
      aux_sym__option_arguments_repeat1,
    STATE(103), 1,
      sym__argument,
    ACTIONS(353), 6,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(355), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [2936] = 8,
    ACTIONS(565), 1,
      sym_negation,
    ACTIONS(568), 1,
      sym_string,
    ACTIONS(570), 1,
      sym__word,
    STATE(92), 1,
      aux_sym__option_arguments_repeat1,
    STATE(109), 1,
      sym__argument,
    STATE(112), 1,
      sym__option_arguments,
    ACTIONS(317), 4,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(319), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [2979] = 8,
    ACTIONS(295), 1,
      aux_sym__eol_token1,
    ACTIONS(575), 1,
      anon_sym_DASHm,
    ACTIONS(578), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(587), 1,
      sym_negation,
    ACTIONS(581), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(584), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(74), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(572), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3022] = 8,
    ACTIONS(568), 1,
      sym_string,
    ACTIONS(570), 1,
      sym__word,
    ACTIONS(590), 1,
      sym_negation,
    STATE(92), 1,
      aux_sym__option_arguments_repeat1,
    STATE(109), 1,
      sym__argument,
    STATE(111), 1,
      sym__option_arguments,
    ACTIONS(335), 4,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(337), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [3065] = 8,
    ACTIONS(568), 1,
      sym_string,
    ACTIONS(570), 1,
      sym__word,
    ACTIONS(593), 1,
      sym_negation,
    STATE(92), 1,
      aux_sym__option_arguments_repeat1,
    STATE(109), 1,
      sym__argument,
    STATE(110), 1,
      sym__option_arguments,
    ACTIONS(342), 4,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(344), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [3108] = 8,
    ACTIONS(473), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(79), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3151] = 8,
    ACTIONS(477), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(82), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3194] = 8,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(549), 1,
      aux_sym__eol_token1,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(74), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3237] = 8,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(553), 1,
      aux_sym__eol_token1,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(84), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3280] = 8,
    ACTIONS(453), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(85), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3323] = 8,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(555), 1,
      aux_sym__eol_token1,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(74), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3366] = 8,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(557), 1,
      aux_sym__eol_token1,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(87), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3409] = 8,
    ACTIONS(485), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(74), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3452] = 8,
    ACTIONS(483), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(74), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3495] = 8,
    ACTIONS(481), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(90), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3538] = 8,
    ACTIONS(487), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(74), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3581] = 8,
    ACTIONS(489), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(74), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3624] = 8,
    ACTIONS(491), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(69), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3667] = 8,
    ACTIONS(493), 1,
      aux_sym__eol_token1,
    ACTIONS(533), 1,
      anon_sym_DASHm,
    ACTIONS(535), 1,
      anon_sym_DASH_DASHmatch,
    ACTIONS(541), 1,
      sym_negation,
    ACTIONS(537), 2,
      anon_sym_DASHj,
      anon_sym_DASHg,
    ACTIONS(539), 2,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
    STATE(74), 5,
      sym__rule_item,
      sym_option,
      sym_match,
      sym_target,
      aux_sym_rule_repeat1,
    ACTIONS(531), 13,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
      sym__short_option_name,
  [3710] = 8,
    ACTIONS(568), 1,
      sym_string,
    ACTIONS(570), 1,
      sym__word,
    ACTIONS(596), 1,
      sym_negation,
    STATE(92), 1,
      aux_sym__option_arguments_repeat1,
    STATE(109), 1,
      sym__argument,
    STATE(113), 1,
      sym__option_arguments,
    ACTIONS(328), 4,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(330), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [3753] = 6,
    ACTIONS(568), 1,
      sym_string,
    ACTIONS(570), 1,
      sym__word,
    STATE(95), 1,
      aux_sym__option_arguments_repeat1,
    STATE(109), 1,
      sym__argument,
    ACTIONS(363), 5,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(365), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [3791] = 6,
    ACTIONS(568), 1,
      sym_string,
    ACTIONS(570), 1,
      sym__word,
    STATE(95), 1,
      aux_sym__option_arguments_repeat1,
    STATE(109), 1,
      sym__argument,
    ACTIONS(349), 5,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(351), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [3829] = 7,
    ACTIONS(599), 1,
      sym_negation,
    ACTIONS(602), 1,
      sym__long_option_name,
    STATE(94), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(387), 5,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(389), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [3869] = 6,
    ACTIONS(605), 1,
      sym_string,
    ACTIONS(608), 1,
      sym__word,
    STATE(95), 1,
      aux_sym__option_arguments_repeat1,
    STATE(109), 1,
      sym__argument,
    ACTIONS(353), 5,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(355), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [3907] = 7,
    ACTIONS(611), 1,
      sym_negation,
    ACTIONS(614), 1,
      sym__long_option_name,
    STATE(98), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(377), 5,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(379), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [3947] = 7,
    ACTIONS(617), 1,
      sym_negation,
    ACTIONS(620), 1,
      sym__long_option_name,
    STATE(94), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(407), 5,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(409), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [3987] = 7,
    ACTIONS(623), 1,
      sym_negation,
    ACTIONS(626), 1,
      sym__long_option_name,
    STATE(94), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(397), 5,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(399), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [4027] = 7,
    ACTIONS(629), 1,
      sym_negation,
    ACTIONS(632), 1,
      sym__long_option_name,
    STATE(97), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(367), 5,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(369), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [4067] = 7,
    ACTIONS(635), 1,
      sym_negation,
    ACTIONS(638), 1,
      sym__long_option_name,
    STATE(100), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(387), 4,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(389), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [4106] = 7,
    ACTIONS(641), 1,
      sym_negation,
    ACTIONS(644), 1,
      sym__long_option_name,
    STATE(100), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(407), 4,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(409), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [4145] = 7,
    ACTIONS(647), 1,
      sym_negation,
    ACTIONS(650), 1,
      sym__long_option_name,
    STATE(100), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(397), 4,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(399), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [4184] = 2,
    ACTIONS(417), 8,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      sym_string,
      sym__word,
      aux_sym__eol_token1,
    ACTIONS(419), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4213] = 7,
    ACTIONS(653), 1,
      sym_negation,
    ACTIONS(656), 1,
      sym__long_option_name,
    STATE(101), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(367), 4,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(369), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [4252] = 7,
    ACTIONS(659), 1,
      sym_negation,
    ACTIONS(662), 1,
      sym__long_option_name,
    STATE(102), 1,
      aux_sym_match_repeat1,
    STATE(114), 1,
      sym__extension_option,
    STATE(115), 1,
      sym__grouped_option,
    ACTIONS(377), 4,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      aux_sym__eol_token1,
    ACTIONS(379), 15,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__short_option_name,
  [4291] = 2,
    ACTIONS(421), 8,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      sym_string,
      sym__word,
      aux_sym__eol_token1,
    ACTIONS(423), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4320] = 2,
    ACTIONS(665), 7,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      sym_number,
      aux_sym__eol_token1,
    ACTIONS(667), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4348] = 2,
    ACTIONS(421), 7,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      sym_string,
      sym__word,
      aux_sym__eol_token1,
    ACTIONS(423), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4376] = 2,
    ACTIONS(417), 7,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      sym_string,
      sym__word,
      aux_sym__eol_token1,
    ACTIONS(419), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4404] = 2,
    ACTIONS(441), 6,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(443), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4431] = 2,
    ACTIONS(433), 6,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(435), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4458] = 2,
    ACTIONS(429), 6,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(431), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4485] = 2,
    ACTIONS(437), 6,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(439), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4512] = 2,
    ACTIONS(445), 6,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(447), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4539] = 2,
    ACTIONS(449), 6,
      ts_builtin_sym_end,
      anon_sym_DASHm,
      anon_sym_DASHj,
      anon_sym_DASHg,
      sym_negation,
      aux_sym__eol_token1,
    ACTIONS(451), 16,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      anon_sym_DASH_DASHmatch,
      anon_sym_DASH_DASHjump,
      anon_sym_DASH_DASHgoto,
      sym__long_option_name,
      sym__short_option_name,
  [4566] = 2,
    ACTIONS(671), 1,
      sym__short_option_name,
    ACTIONS(669), 12,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
  [4584] = 2,
    ACTIONS(675), 1,
      sym__short_option_name,
    ACTIONS(673), 12,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
  [4602] = 2,
    ACTIONS(679), 1,
      sym__short_option_name,
    ACTIONS(677), 12,
      anon_sym_DASH_DASHprotocol,
      anon_sym_DASH_DASHsource,
      anon_sym_DASH_DASHsrc,
      anon_sym_DASH_DASHdestination,
      anon_sym_DASH_DASHdst,
      anon_sym_DASH_DASHin_DASHinterface,
      anon_sym_DASH_DASHout_DASHinterface,
      anon_sym_DASH_DASHfragment,
      anon_sym_DASH_DASHset_DASHcounters,
      anon_sym_DASH_DASHipv4,
      anon_sym_DASH_DASHipv6,
      sym__long_option_name,
  [4620] = 4,
    ACTIONS(324), 1,
      sym_string,
    ACTIONS(326), 1,
      sym__word,
    STATE(22), 1,
      aux_sym__option_arguments_repeat1,
    STATE(30), 1,
      sym__argument,
  [4633] = 4,
    ACTIONS(568), 1,
      sym_string,
    ACTIONS(570), 1,
      sym__word,
    STATE(93), 1,
      aux_sym__option_arguments_repeat1,
    STATE(109), 1,
      sym__argument,
  [4646] = 4,
    ACTIONS(500), 1,
      sym_string,
    ACTIONS(502), 1,
      sym__word,
    STATE(71), 1,
      aux_sym__option_arguments_repeat1,
    STATE(103), 1,
      sym__argument,
  [4659] = 3,
    ACTIONS(683), 1,
      sym__word,
    STATE(123), 1,
      sym__chain_name,
    ACTIONS(681), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
  [4670] = 2,
    ACTIONS(687), 1,
      sym_number,
    ACTIONS(685), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
  [4678] = 1,
    ACTIONS(689), 3,
      ts_builtin_sym_end,
      sym__word,
      aux_sym__eol_token1,
  [4684] = 3,
    ACTIONS(85), 1,
      ts_builtin_sym_end,
    ACTIONS(691), 1,
      aux_sym__eol_token1,
    STATE(7), 1,
      sym__eol,
  [4694] = 3,
    ACTIONS(681), 1,
      aux_sym__eol_token1,
    ACTIONS(683), 1,
      sym__word,
    STATE(123), 1,
      sym__chain_name,
  [4704] = 3,
    ACTIONS(9), 1,
      anon_sym_LBRACK,
    ACTIONS(693), 1,
      aux_sym__eol_token1,
    STATE(164), 1,
      sym_counters,
  [4714] = 3,
    ACTIONS(691), 1,
      aux_sym__eol_token1,
    ACTIONS(695), 1,
      ts_builtin_sym_end,
    STATE(7), 1,
      sym__eol,
  [4724] = 1,
    ACTIONS(697), 3,
      ts_builtin_sym_end,
      sym__word,
      aux_sym__eol_token1,
  [4730] = 1,
    ACTIONS(699), 3,
      ts_builtin_sym_end,
      sym__word,
      aux_sym__eol_token1,
  [4736] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(77), 1,
      sym__chain_name,
  [4743] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(147), 1,
      sym__chain_name,
  [4750] = 2,
    ACTIONS(701), 1,
      aux_sym__eol_token1,
    STATE(2), 1,
      sym__eol,
  [4757] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(45), 1,
      sym__chain_name,
  [4764] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(39), 1,
      sym__chain_name,
  [4771] = 1,
    ACTIONS(699), 2,
      sym__word,
      aux_sym__eol_token1,
  [4776] = 1,
    ACTIONS(697), 2,
      sym__word,
      aux_sym__eol_token1,
  [4781] = 1,
    ACTIONS(689), 2,
      sym__word,
      aux_sym__eol_token1,
  [4786] = 2,
    ACTIONS(703), 1,
      sym__word,
    STATE(151), 1,
      sym__chain_name,
  [4793] = 2,
    ACTIONS(705), 1,
      aux_sym__eol_token1,
    STATE(9), 1,
      sym__eol,
  [4800] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(47), 1,
      sym__chain_name,
  [4807] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(41), 1,
      sym__chain_name,
  [4814] = 1,
    ACTIONS(707), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
  [4819] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(152), 1,
      sym__chain_name,
  [4826] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(40), 1,
      sym__chain_name,
  [4833] = 2,
    ACTIONS(703), 1,
      sym__word,
    STATE(132), 1,
      sym__chain_name,
  [4840] = 1,
    ACTIONS(709), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
  [4845] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(48), 1,
      sym__chain_name,
  [4852] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(42), 1,
      sym__chain_name,
  [4859] = 1,
    ACTIONS(711), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
  [4864] = 1,
    ACTIONS(713), 2,
      anon_sym_DASH,
      sym__word,
  [4869] = 1,
    ACTIONS(685), 2,
      ts_builtin_sym_end,
      aux_sym__eol_token1,
  [4874] = 2,
    ACTIONS(691), 1,
      aux_sym__eol_token1,
    STATE(7), 1,
      sym__eol,
  [4881] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(43), 1,
      sym__chain_name,
  [4888] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(60), 1,
      sym__chain_name,
  [4895] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(78), 1,
      sym__chain_name,
  [4902] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(61), 1,
      sym__chain_name,
  [4909] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(81), 1,
      sym__chain_name,
  [4916] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(62), 1,
      sym__chain_name,
  [4923] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(68), 1,
      sym__chain_name,
  [4930] = 2,
    ACTIONS(683), 1,
      sym__word,
    STATE(64), 1,
      sym__chain_name,
  [4937] = 2,
    ACTIONS(703), 1,
      sym__word,
    STATE(168), 1,
      sym__chain_name,
  [4944] = 1,
    ACTIONS(665), 2,
      anon_sym_DASH,
      sym__word,
  [4949] = 1,
    ACTIONS(715), 1,
      aux_sym__eol_token1,
  [4953] = 1,
    ACTIONS(717), 1,
      sym__word,
  [4957] = 1,
    ACTIONS(719), 1,
      sym__word,
  [4961] = 1,
    ACTIONS(721), 1,
      sym__word,
  [4965] = 1,
    ACTIONS(723), 1,
      sym__word,
  [4969] = 1,
    ACTIONS(725), 1,
      sym__word,
  [4973] = 1,
    ACTIONS(727), 1,
      sym__long_option_name,
  [4977] = 1,
    ACTIONS(729), 1,
      sym__long_option_name,
  [4981] = 1,
    ACTIONS(731), 1,
      sym__word,
  [4985] = 1,
    ACTIONS(733), 1,
      sym__word,
  [4989] = 1,
    ACTIONS(735), 1,
      sym__word,
  [4993] = 1,
    ACTIONS(737), 1,
      anon_sym_RBRACK,
  [4997] = 1,
    ACTIONS(739), 1,
      sym__word,
  [5001] = 1,
    ACTIONS(741), 1,
      sym__long_option_name,
  [5005] = 1,
    ACTIONS(743), 1,
      sym__word,
  [5009] = 1,
    ACTIONS(745), 1,
      anon_sym_COLON,
  [5013] = 1,
    ACTIONS(747), 1,
      sym__word,
  [5017] = 1,
    ACTIONS(749), 1,
      ts_builtin_sym_end,
  [5021] = 1,
    ACTIONS(751), 1,
      sym_number,
  [5025] = 1,
    ACTIONS(753), 1,
      sym__word,
  [5029] = 1,
    ACTIONS(755), 1,
      sym_number,
  [5033] = 1,
    ACTIONS(757), 1,
      sym__word,
  [5037] = 1,
    ACTIONS(759), 1,
      sym__word,
  [5041] = 1,
    ACTIONS(761), 1,
      sym__word,
  [5045] = 1,
    ACTIONS(763), 1,
      sym__word,
};

static const uint32_t ts_small_parse_table_map[] = {
  [SMALL_STATE(11)] = 0,
  [SMALL_STATE(12)] = 79,
  [SMALL_STATE(13)] = 158,
  [SMALL_STATE(14)] = 237,
  [SMALL_STATE(15)] = 316,
  [SMALL_STATE(16)] = 395,
  [SMALL_STATE(17)] = 474,
  [SMALL_STATE(18)] = 528,
  [SMALL_STATE(19)] = 580,
  [SMALL_STATE(20)] = 632,
  [SMALL_STATE(21)] = 684,
  [SMALL_STATE(22)] = 736,
  [SMALL_STATE(23)] = 783,
  [SMALL_STATE(24)] = 830,
  [SMALL_STATE(25)] = 877,
  [SMALL_STATE(26)] = 925,
  [SMALL_STATE(27)] = 973,
  [SMALL_STATE(28)] = 1021,
  [SMALL_STATE(29)] = 1069,
  [SMALL_STATE(30)] = 1117,
  [SMALL_STATE(31)] = 1154,
  [SMALL_STATE(32)] = 1191,
  [SMALL_STATE(33)] = 1227,
  [SMALL_STATE(34)] = 1262,
  [SMALL_STATE(35)] = 1297,
  [SMALL_STATE(36)] = 1332,
  [SMALL_STATE(37)] = 1367,
  [SMALL_STATE(38)] = 1402,
  [SMALL_STATE(39)] = 1437,
  [SMALL_STATE(40)] = 1484,
  [SMALL_STATE(41)] = 1531,
  [SMALL_STATE(42)] = 1578,
  [SMALL_STATE(43)] = 1625,
  [SMALL_STATE(44)] = 1669,
  [SMALL_STATE(45)] = 1713,
  [SMALL_STATE(46)] = 1757,
  [SMALL_STATE(47)] = 1801,
  [SMALL_STATE(48)] = 1845,
  [SMALL_STATE(49)] = 1889,
  [SMALL_STATE(50)] = 1933,
  [SMALL_STATE(51)] = 1977,
  [SMALL_STATE(52)] = 2021,
  [SMALL_STATE(53)] = 2065,
  [SMALL_STATE(54)] = 2109,
  [SMALL_STATE(55)] = 2153,
  [SMALL_STATE(56)] = 2197,
  [SMALL_STATE(57)] = 2241,
  [SMALL_STATE(58)] = 2285,
  [SMALL_STATE(59)] = 2329,
  [SMALL_STATE(60)] = 2373,
  [SMALL_STATE(61)] = 2419,
  [SMALL_STATE(62)] = 2465,
  [SMALL_STATE(63)] = 2511,
  [SMALL_STATE(64)] = 2555,
  [SMALL_STATE(65)] = 2601,
  [SMALL_STATE(66)] = 2645,
  [SMALL_STATE(67)] = 2689,
  [SMALL_STATE(68)] = 2733,
  [SMALL_STATE(69)] = 2776,
  [SMALL_STATE(70)] = 2819,
  [SMALL_STATE(71)] = 2858,
  [SMALL_STATE(72)] = 2897,
  [SMALL_STATE(73)] = 2936,
  [SMALL_STATE(74)] = 2979,
  [SMALL_STATE(75)] = 3022,
  [SMALL_STATE(76)] = 3065,
  [SMALL_STATE(77)] = 3108,
  [SMALL_STATE(78)] = 3151,
  [SMALL_STATE(79)] = 3194,
  [SMALL_STATE(80)] = 3237,
  [SMALL_STATE(81)] = 3280,
  [SMALL_STATE(82)] = 3323,
  [SMALL_STATE(83)] = 3366,
  [SMALL_STATE(84)] = 3409,
  [SMALL_STATE(85)] = 3452,
  [SMALL_STATE(86)] = 3495,
  [SMALL_STATE(87)] = 3538,
  [SMALL_STATE(88)] = 3581,
  [SMALL_STATE(89)] = 3624,
  [SMALL_STATE(90)] = 3667,
  [SMALL_STATE(91)] = 3710,
  [SMALL_STATE(92)] = 3753,
  [SMALL_STATE(93)] = 3791,
  [SMALL_STATE(94)] = 3829,
  [SMALL_STATE(95)] = 3869,
  [SMALL_STATE(96)] = 3907,
  [SMALL_STATE(97)] = 3947,
  [SMALL_STATE(98)] = 3987,
  [SMALL_STATE(99)] = 4027,
  [SMALL_STATE(100)] = 4067,
  [SMALL_STATE(101)] = 4106,
  [SMALL_STATE(102)] = 4145,
  [SMALL_STATE(103)] = 4184,
  [SMALL_STATE(104)] = 4213,
  [SMALL_STATE(105)] = 4252,
  [SMALL_STATE(106)] = 4291,
  [SMALL_STATE(107)] = 4320,
  [SMALL_STATE(108)] = 4348,
  [SMALL_STATE(109)] = 4376,
  [SMALL_STATE(110)] = 4404,
  [SMALL_STATE(111)] = 4431,
  [SMALL_STATE(112)] = 4458,
  [SMALL_STATE(113)] = 4485,
  [SMALL_STATE(114)] = 4512,
  [SMALL_STATE(115)] = 4539,
  [SMALL_STATE(116)] = 4566,
  [SMALL_STATE(117)] = 4584,
  [SMALL_STATE(118)] = 4602,
  [SMALL_STATE(119)] = 4620,
  [SMALL_STATE(120)] = 4633,
  [SMALL_STATE(121)] = 4646,
  [SMALL_STATE(122)] = 4659,
  [SMALL_STATE(123)] = 4670,
  [SMALL_STATE(124)] = 4678,
  [SMALL_STATE(125)] = 4684,
  [SMALL_STATE(126)] = 4694,
  [SMALL_STATE(127)] = 4704,
  [SMALL_STATE(128)] = 4714,
  [SMALL_STATE(129)] = 4724,
  [SMALL_STATE(130)] = 4730,
  [SMALL_STATE(131)] = 4736,
  [SMALL_STATE(132)] = 4743,
  [SMALL_STATE(133)] = 4750,
  [SMALL_STATE(134)] = 4757,
  [SMALL_STATE(135)] = 4764,
  [SMALL_STATE(136)] = 4771,
  [SMALL_STATE(137)] = 4776,
  [SMALL_STATE(138)] = 4781,
  [SMALL_STATE(139)] = 4786,
  [SMALL_STATE(140)] = 4793,
  [SMALL_STATE(141)] = 4800,
  [SMALL_STATE(142)] = 4807,
  [SMALL_STATE(143)] = 4814,
  [SMALL_STATE(144)] = 4819,
  [SMALL_STATE(145)] = 4826,
  [SMALL_STATE(146)] = 4833,
  [SMALL_STATE(147)] = 4840,
  [SMALL_STATE(148)] = 4845,
  [SMALL_STATE(149)] = 4852,
  [SMALL_STATE(150)] = 4859,
  [SMALL_STATE(151)] = 4864,
  [SMALL_STATE(152)] = 4869,
  [SMALL_STATE(153)] = 4874,
  [SMALL_STATE(154)] = 4881,
  [SMALL_STATE(155)] = 4888,
  [SMALL_STATE(156)] = 4895,
  [SMALL_STATE(157)] = 4902,
  [SMALL_STATE(158)] = 4909,
  [SMALL_STATE(159)] = 4916,
  [SMALL_STATE(160)] = 4923,
  [SMALL_STATE(161)] = 4930,
  [SMALL_STATE(162)] = 4937,
  [SMALL_STATE(163)] = 4944,
  [SMALL_STATE(164)] = 4949,
  [SMALL_STATE(165)] = 4953,
  [SMALL_STATE(166)] = 4957,
  [SMALL_STATE(167)] = 4961,
  [SMALL_STATE(168)] = 4965,
  [SMALL_STATE(169)] = 4969,
  [SMALL_STATE(170)] = 4973,
  [SMALL_STATE(171)] = 4977,
  [SMALL_STATE(172)] = 4981,
  [SMALL_STATE(173)] = 4985,
  [SMALL_STATE(174)] = 4989,
  [SMALL_STATE(175)] = 4993,
  [SMALL_STATE(176)] = 4997,
  [SMALL_STATE(177)] = 5001,
  [SMALL_STATE(178)] = 5005,
  [SMALL_STATE(179)] = 5009,
  [SMALL_STATE(180)] = 5013,
  [SMALL_STATE(181)] = 5017,
  [SMALL_STATE(182)] = 5021,
  [SMALL_STATE(183)] = 5025,
  [SMALL_STATE(184)] = 5029,
  [SMALL_STATE(185)] = 5033,
  [SMALL_STATE(186)] = 5037,
  [SMALL_STATE(187)] = 5041,
  [SMALL_STATE(188)] = 5045,
};

static const TSParseActionEntry ts_parse_actions[] = {
  [0] = {.entry = {.count = 0, .reusable = false}},
  [1] = {.entry = {.count = 1, .reusable = false}}, RECOVER(),
  [3] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 0, 0, 0),
  [5] = {.entry = {.count = 1, .reusable = true}}, SHIFT(3),
  [7] = {.entry = {.count = 1, .reusable = true}}, SHIFT(169),
  [9] = {.entry = {.count = 1, .reusable = true}}, SHIFT(184),
  [11] = {.entry = {.count = 1, .reusable = true}}, SHIFT(187),
  [13] = {.entry = {.count = 1, .reusable = false}}, SHIFT(187),
  [15] = {.entry = {.count = 1, .reusable = true}}, SHIFT(188),
  [17] = {.entry = {.count = 1, .reusable = false}}, SHIFT(188),
  [19] = {.entry = {.count = 1, .reusable = true}}, SHIFT(180),
  [21] = {.entry = {.count = 1, .reusable = false}}, SHIFT(180),
  [23] = {.entry = {.count = 1, .reusable = true}}, SHIFT(186),
  [25] = {.entry = {.count = 1, .reusable = false}}, SHIFT(186),
  [27] = {.entry = {.count = 1, .reusable = true}}, SHIFT(165),
  [29] = {.entry = {.count = 1, .reusable = false}}, SHIFT(165),
  [31] = {.entry = {.count = 1, .reusable = true}}, SHIFT(178),
  [33] = {.entry = {.count = 1, .reusable = false}}, SHIFT(178),
  [35] = {.entry = {.count = 1, .reusable = true}}, SHIFT(130),
  [37] = {.entry = {.count = 1, .reusable = false}}, SHIFT(130),
  [39] = {.entry = {.count = 1, .reusable = true}}, SHIFT(129),
  [41] = {.entry = {.count = 1, .reusable = false}}, SHIFT(129),
  [43] = {.entry = {.count = 1, .reusable = true}}, SHIFT(124),
  [45] = {.entry = {.count = 1, .reusable = false}}, SHIFT(124),
  [47] = {.entry = {.count = 1, .reusable = true}}, SHIFT(166),
  [49] = {.entry = {.count = 1, .reusable = false}}, SHIFT(166),
  [51] = {.entry = {.count = 1, .reusable = true}}, SHIFT(167),
  [53] = {.entry = {.count = 1, .reusable = false}}, SHIFT(167),
  [55] = {.entry = {.count = 1, .reusable = false}}, SHIFT(19),
  [57] = {.entry = {.count = 1, .reusable = true}}, SHIFT(172),
  [59] = {.entry = {.count = 1, .reusable = false}}, SHIFT(172),
  [61] = {.entry = {.count = 1, .reusable = true}}, SHIFT(176),
  [63] = {.entry = {.count = 1, .reusable = false}}, SHIFT(176),
  [65] = {.entry = {.count = 1, .reusable = true}}, SHIFT(116),
  [67] = {.entry = {.count = 1, .reusable = true}}, SHIFT(5),
  [69] = {.entry = {.count = 1, .reusable = true}}, SHIFT(10),
  [71] = {.entry = {.count = 1, .reusable = true}}, SHIFT(139),
  [73] = {.entry = {.count = 1, .reusable = true}}, SHIFT(136),
  [75] = {.entry = {.count = 1, .reusable = false}}, SHIFT(136),
  [77] = {.entry = {.count = 1, .reusable = true}}, SHIFT(137),
  [79] = {.entry = {.count = 1, .reusable = false}}, SHIFT(137),
  [81] = {.entry = {.count = 1, .reusable = true}}, SHIFT(138),
  [83] = {.entry = {.count = 1, .reusable = false}}, SHIFT(138),
  [85] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 1, 0, 0),
  [87] = {.entry = {.count = 1, .reusable = true}}, SHIFT(4),
  [89] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0),
  [91] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(4),
  [94] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(169),
  [97] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(184),
  [100] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(187),
  [103] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(187),
  [106] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(188),
  [109] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(188),
  [112] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(180),
  [115] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(180),
  [118] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(186),
  [121] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(186),
  [124] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(165),
  [127] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(165),
  [130] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(178),
  [133] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(178),
  [136] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(136),
  [139] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(136),
  [142] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(137),
  [145] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(137),
  [148] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(138),
  [151] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(138),
  [154] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(166),
  [157] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(166),
  [160] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(167),
  [163] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(167),
  [166] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(19),
  [169] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(172),
  [172] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(172),
  [175] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(176),
  [178] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(176),
  [181] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(116),
  [184] = {.entry = {.count = 1, .reusable = true}}, SHIFT(6),
  [186] = {.entry = {.count = 1, .reusable = true}}, SHIFT(8),
  [188] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(6),
  [191] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0),
  [193] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(139),
  [196] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(184),
  [199] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(187),
  [202] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(187),
  [205] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(188),
  [208] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(188),
  [211] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(180),
  [214] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(180),
  [217] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(186),
  [220] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(186),
  [223] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(165),
  [226] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(165),
  [229] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(178),
  [232] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(178),
  [235] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(136),
  [238] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(136),
  [241] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(137),
  [244] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(137),
  [247] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(138),
  [250] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(138),
  [253] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(166),
  [256] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(166),
  [259] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(167),
  [262] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(167),
  [265] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(19),
  [268] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(172),
  [271] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(172),
  [274] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(176),
  [277] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(176),
  [280] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0), SHIFT_REPEAT(116),
  [283] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0),
  [285] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_table_section, 5, 0, 21),
  [287] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_table_section, 5, 0, 21),
  [289] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_table_section_repeat1, 2, 0, 0),
  [291] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_table_section, 4, 0, 21),
  [293] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_table_section, 4, 0, 21),
  [295] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0),
  [297] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0),
  [299] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(19),
  [302] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(172),
  [305] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(172),
  [308] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(176),
  [311] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(176),
  [314] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(116),
  [317] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_option, 2, 0, 9),
  [319] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_option, 2, 0, 9),
  [321] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_option, 2, 0, 9), SHIFT(119),
  [324] = {.entry = {.count = 1, .reusable = true}}, SHIFT(30),
  [326] = {.entry = {.count = 1, .reusable = true}}, SHIFT(31),
  [328] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_option, 1, 0, 1),
  [330] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_option, 1, 0, 1),
  [332] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_option, 1, 0, 1), SHIFT(119),
  [335] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__extension_option, 1, 0, 1),
  [337] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__extension_option, 1, 0, 1),
  [339] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym__extension_option, 1, 0, 1), SHIFT(119),
  [342] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__extension_option, 2, 0, 9),
  [344] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__extension_option, 2, 0, 9),
  [346] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym__extension_option, 2, 0, 9), SHIFT(119),
  [349] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__option_arguments, 2, 0, 12),
  [351] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__option_arguments, 2, 0, 12),
  [353] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym__option_arguments_repeat1, 2, 0, 13),
  [355] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym__option_arguments_repeat1, 2, 0, 13),
  [357] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__option_arguments_repeat1, 2, 0, 13), SHIFT_REPEAT(30),
  [360] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__option_arguments_repeat1, 2, 0, 13), SHIFT_REPEAT(31),
  [363] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__option_arguments, 1, 0, 6),
  [365] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__option_arguments, 1, 0, 6),
  [367] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_target, 2, 0, 8),
  [369] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_target, 2, 0, 8),
  [371] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_target, 2, 0, 8), SHIFT(171),
  [374] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_target, 2, 0, 8), SHIFT(20),
  [377] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_match, 2, 0, 7),
  [379] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_match, 2, 0, 7),
  [381] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_match, 2, 0, 7), SHIFT(171),
  [384] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_match, 2, 0, 7), SHIFT(20),
  [387] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_match_repeat1, 2, 0, 0),
  [389] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_match_repeat1, 2, 0, 0),
  [391] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_match_repeat1, 2, 0, 0), SHIFT_REPEAT(171),
  [394] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_match_repeat1, 2, 0, 0), SHIFT_REPEAT(20),
  [397] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_match, 3, 0, 7),
  [399] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_match, 3, 0, 7),
  [401] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_match, 3, 0, 7), SHIFT(171),
  [404] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_match, 3, 0, 7), SHIFT(20),
  [407] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_target, 3, 0, 8),
  [409] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_target, 3, 0, 8),
  [411] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_target, 3, 0, 8), SHIFT(171),
  [414] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_target, 3, 0, 8), SHIFT(20),
  [417] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym__option_arguments_repeat1, 1, 0, 5),
  [419] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym__option_arguments_repeat1, 1, 0, 5),
  [421] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__argument, 1, 0, 3),
  [423] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__argument, 1, 0, 3),
  [425] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_counters, 5, 0, 25),
  [427] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_counters, 5, 0, 25),
  [429] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_option, 3, 0, 15),
  [431] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_option, 3, 0, 15),
  [433] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__extension_option, 2, 0, 4),
  [435] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__extension_option, 2, 0, 4),
  [437] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_option, 2, 0, 4),
  [439] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_option, 2, 0, 4),
  [441] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__extension_option, 3, 0, 15),
  [443] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__extension_option, 3, 0, 15),
  [445] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__grouped_option, 1, 1, 14),
  [447] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__grouped_option, 1, 1, 14),
  [449] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_match_repeat1, 1, 0, 14),
  [451] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_match_repeat1, 1, 0, 14),
  [453] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 3, 0, 20),
  [455] = {.entry = {.count = 1, .reusable = false}}, SHIFT(55),
  [457] = {.entry = {.count = 1, .reusable = true}}, SHIFT(183),
  [459] = {.entry = {.count = 1, .reusable = false}}, SHIFT(183),
  [461] = {.entry = {.count = 1, .reusable = true}}, SHIFT(185),
  [463] = {.entry = {.count = 1, .reusable = false}}, SHIFT(185),
  [465] = {.entry = {.count = 1, .reusable = true}}, SHIFT(117),
  [467] = {.entry = {.count = 1, .reusable = true}}, SHIFT(44),
  [469] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 4, 0, 23),
  [471] = {.entry = {.count = 1, .reusable = true}}, SHIFT(52),
  [473] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 2, 0, 11),
  [475] = {.entry = {.count = 1, .reusable = true}}, SHIFT(65),
  [477] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 3, 0, 16),
  [479] = {.entry = {.count = 1, .reusable = true}}, SHIFT(67),
  [481] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 4, 0, 24),
  [483] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 4, 0, 20),
  [485] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 4, 0, 17),
  [487] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 5, 0, 22),
  [489] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 5, 0, 23),
  [491] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 5, 0, 26),
  [493] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 5, 0, 24),
  [495] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 6, 0, 26),
  [497] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_option, 1, 0, 1), SHIFT(121),
  [500] = {.entry = {.count = 1, .reusable = true}}, SHIFT(103),
  [502] = {.entry = {.count = 1, .reusable = true}}, SHIFT(106),
  [504] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_option, 2, 0, 9), SHIFT(121),
  [507] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(55),
  [510] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(183),
  [513] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(183),
  [516] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(185),
  [519] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(185),
  [522] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(117),
  [525] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym__extension_option, 1, 0, 1), SHIFT(121),
  [528] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym__extension_option, 2, 0, 9), SHIFT(121),
  [531] = {.entry = {.count = 1, .reusable = false}}, SHIFT(91),
  [533] = {.entry = {.count = 1, .reusable = true}}, SHIFT(173),
  [535] = {.entry = {.count = 1, .reusable = false}}, SHIFT(173),
  [537] = {.entry = {.count = 1, .reusable = true}}, SHIFT(174),
  [539] = {.entry = {.count = 1, .reusable = false}}, SHIFT(174),
  [541] = {.entry = {.count = 1, .reusable = true}}, SHIFT(118),
  [543] = {.entry = {.count = 1, .reusable = true}}, SHIFT(80),
  [545] = {.entry = {.count = 1, .reusable = true}}, SHIFT(83),
  [547] = {.entry = {.count = 1, .reusable = true}}, SHIFT(86),
  [549] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 3, 0, 11),
  [551] = {.entry = {.count = 1, .reusable = true}}, SHIFT(89),
  [553] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 3, 0, 17),
  [555] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 4, 0, 16),
  [557] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rule, 4, 0, 22),
  [559] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__option_arguments_repeat1, 2, 0, 13), SHIFT_REPEAT(103),
  [562] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__option_arguments_repeat1, 2, 0, 13), SHIFT_REPEAT(106),
  [565] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_option, 2, 0, 9), SHIFT(120),
  [568] = {.entry = {.count = 1, .reusable = true}}, SHIFT(109),
  [570] = {.entry = {.count = 1, .reusable = true}}, SHIFT(108),
  [572] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(91),
  [575] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(173),
  [578] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(173),
  [581] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(174),
  [584] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(174),
  [587] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_rule_repeat1, 2, 0, 0), SHIFT_REPEAT(118),
  [590] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym__extension_option, 1, 0, 1), SHIFT(120),
  [593] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym__extension_option, 2, 0, 9), SHIFT(120),
  [596] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_option, 1, 0, 1), SHIFT(120),
  [599] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_match_repeat1, 2, 0, 0), SHIFT_REPEAT(170),
  [602] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_match_repeat1, 2, 0, 0), SHIFT_REPEAT(58),
  [605] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__option_arguments_repeat1, 2, 0, 13), SHIFT_REPEAT(109),
  [608] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__option_arguments_repeat1, 2, 0, 13), SHIFT_REPEAT(108),
  [611] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_match, 2, 0, 7), SHIFT(170),
  [614] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_match, 2, 0, 7), SHIFT(58),
  [617] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_target, 3, 0, 8), SHIFT(170),
  [620] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_target, 3, 0, 8), SHIFT(58),
  [623] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_match, 3, 0, 7), SHIFT(170),
  [626] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_match, 3, 0, 7), SHIFT(58),
  [629] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_target, 2, 0, 8), SHIFT(170),
  [632] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_target, 2, 0, 8), SHIFT(58),
  [635] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_match_repeat1, 2, 0, 0), SHIFT_REPEAT(177),
  [638] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_match_repeat1, 2, 0, 0), SHIFT_REPEAT(75),
  [641] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_target, 3, 0, 8), SHIFT(177),
  [644] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_target, 3, 0, 8), SHIFT(75),
  [647] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_match, 3, 0, 7), SHIFT(177),
  [650] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_match, 3, 0, 7), SHIFT(75),
  [653] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_target, 2, 0, 8), SHIFT(177),
  [656] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_target, 2, 0, 8), SHIFT(75),
  [659] = {.entry = {.count = 2, .reusable = true}}, REDUCE(sym_match, 2, 0, 7), SHIFT(177),
  [662] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_match, 2, 0, 7), SHIFT(75),
  [665] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__chain_name, 1, 0, 10),
  [667] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__chain_name, 1, 0, 10),
  [669] = {.entry = {.count = 1, .reusable = false}}, SHIFT(18),
  [671] = {.entry = {.count = 1, .reusable = true}}, SHIFT(18),
  [673] = {.entry = {.count = 1, .reusable = false}}, SHIFT(56),
  [675] = {.entry = {.count = 1, .reusable = true}}, SHIFT(56),
  [677] = {.entry = {.count = 1, .reusable = false}}, SHIFT(73),
  [679] = {.entry = {.count = 1, .reusable = true}}, SHIFT(73),
  [681] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_chain_command, 1, 0, 2),
  [683] = {.entry = {.count = 1, .reusable = true}}, SHIFT(107),
  [685] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_chain_command, 2, 0, 11),
  [687] = {.entry = {.count = 1, .reusable = true}}, SHIFT(143),
  [689] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_zero, 1, 0, 0),
  [691] = {.entry = {.count = 1, .reusable = true}}, SHIFT(7),
  [693] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_chain_declaration, 3, 0, 27),
  [695] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 2, 0, 0),
  [697] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_delete_chain, 1, 0, 0),
  [699] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flush, 1, 0, 0),
  [701] = {.entry = {.count = 1, .reusable = true}}, SHIFT(2),
  [703] = {.entry = {.count = 1, .reusable = true}}, SHIFT(163),
  [705] = {.entry = {.count = 1, .reusable = true}}, SHIFT(9),
  [707] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_chain_command, 3, 0, 17),
  [709] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_chain_command, 3, 0, 18),
  [711] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_chain_command, 3, 0, 19),
  [713] = {.entry = {.count = 1, .reusable = true}}, SHIFT(127),
  [715] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_chain_declaration, 4, 0, 28),
  [717] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_replace, 1, 0, 0),
  [719] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_rename_chain, 1, 0, 0),
  [721] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_set_policy, 1, 0, 0),
  [723] = {.entry = {.count = 1, .reusable = true}}, SHIFT(150),
  [725] = {.entry = {.count = 1, .reusable = true}}, SHIFT(133),
  [727] = {.entry = {.count = 1, .reusable = true}}, SHIFT(59),
  [729] = {.entry = {.count = 1, .reusable = true}}, SHIFT(21),
  [731] = {.entry = {.count = 1, .reusable = true}}, SHIFT(26),
  [733] = {.entry = {.count = 1, .reusable = true}}, SHIFT(105),
  [735] = {.entry = {.count = 1, .reusable = true}}, SHIFT(104),
  [737] = {.entry = {.count = 1, .reusable = true}}, SHIFT(32),
  [739] = {.entry = {.count = 1, .reusable = true}}, SHIFT(25),
  [741] = {.entry = {.count = 1, .reusable = true}}, SHIFT(76),
  [743] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_new_chain, 1, 0, 0),
  [745] = {.entry = {.count = 1, .reusable = true}}, SHIFT(182),
  [747] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_insert, 1, 0, 0),
  [749] = {.entry = {.count = 1, .reusable = true}},  ACCEPT_INPUT(),
  [751] = {.entry = {.count = 1, .reusable = true}}, SHIFT(175),
  [753] = {.entry = {.count = 1, .reusable = true}}, SHIFT(96),
  [755] = {.entry = {.count = 1, .reusable = true}}, SHIFT(179),
  [757] = {.entry = {.count = 1, .reusable = true}}, SHIFT(99),
  [759] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_delete, 1, 0, 0),
  [761] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_append, 1, 0, 0),
  [763] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_check, 1, 0, 0),
};

#ifdef __cplusplus
extern "C" {
#endif
#ifdef TREE_SITTER_HIDE_SYMBOLS
#define TS_PUBLIC
#elif defined(_WIN32)
#define TS_PUBLIC __declspec(dllexport)
#else
#define TS_PUBLIC __attribute__((visibility("default")))
#endif

TS_PUBLIC const TSLanguage *tree_sitter_iptables(void) {
  static const TSLanguage language = {
    .version = LANGUAGE_VERSION,
    .symbol_count = SYMBOL_COUNT,
    .alias_count = ALIAS_COUNT,
    .token_count = TOKEN_COUNT,
    .external_token_count = EXTERNAL_TOKEN_COUNT,
    .state_count = STATE_COUNT,
    .large_state_count = LARGE_STATE_COUNT,
    .production_id_count = PRODUCTION_ID_COUNT,
    .field_count = FIELD_COUNT,
    .max_alias_sequence_length = MAX_ALIAS_SEQUENCE_LENGTH,
    .parse_table = &ts_parse_table[0][0],
    .small_parse_table = ts_small_parse_table,
    .small_parse_table_map = ts_small_parse_table_map,
    .parse_actions = ts_parse_actions,
    .symbol_names = ts_symbol_names,
    .field_names = ts_field_names,
    .field_map_slices = ts_field_map_slices,
    .field_map_entries = ts_field_map_entries,
    .symbol_metadata = ts_symbol_metadata,
    .public_symbol_map = ts_symbol_map,
    .alias_map = ts_non_terminal_alias_map,
    .alias_sequences = &ts_alias_sequences[0][0],
    .lex_modes = ts_lex_modes,
    .lex_fn = ts_lex,
    .primary_state_ids = ts_primary_state_ids,
  };
  return &language;
}
#ifdef __cplusplus
}
#endif
