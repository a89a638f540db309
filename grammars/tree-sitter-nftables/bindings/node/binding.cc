// Node-API binding: exports the nftables TSLanguage as a type-tagged external, the shape the
// `tree-sitter` package's Parser#setLanguage expects.
#include <napi.h>

typedef struct TSLanguage TSLanguage;

extern "C" TSLanguage *tree_sitter_nftables();

// Type tag the tree-sitter runtime checks before it trusts an external as a language.
static const napi_type_tag kLanguageTypeTag = {0x8AF2E5212AD58ABF, 0xD5006CAD83ABBA16};

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports["name"] = Napi::String::New(env, "nftables");
  Napi::External<TSLanguage> language = Napi::External<TSLanguage>::New(env, tree_sitter_nftables());
  language.TypeTag(&kLanguageTypeTag);
  exports["language"] = language;
  return exports;
}

NODE_API_MODULE(tree_sitter_nftables_binding, Init)
