// N-API binding: exposes the parser as the `language` external that the `tree-sitter` package's
// Parser#setLanguage expects, plus the node type table.
#include <napi.h>

typedef struct TSLanguage TSLanguage;

extern "C" const TSLanguage *tree_sitter_iptables(void);

// Tag that `tree-sitter` checks before using the external (same value as its own bindings use for
// languages, so its type check accepts this one).
static const napi_type_tag kLanguageTypeTag = {0x8AF2E5212AD58ABF, 0xD5006CAD83ABBA16};

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto language = Napi::External<TSLanguage>::New(env, const_cast<TSLanguage *>(tree_sitter_iptables()));
  language.TypeTag(&kLanguageTypeTag);
  exports["language"] = language;
  exports["name"] = Napi::String::New(env, "iptables");
  return exports;
}

NODE_API_MODULE(tree_sitter_iptables_binding, Init)
