/**
 * Tree-sitter languages for the core, loaded from bytes the caller provides (the core never reads
 * files). `loadLanguages` is called once per process; parsers are cheap and made per use.
 */
import { Language, Parser } from 'web-tree-sitter';

export type GrammarId = 'nftables' | 'iptables';

export interface GrammarBytes {
  /** web-tree-sitter's own runtime (`web-tree-sitter.wasm`). */
  readonly runtime: Uint8Array;
  readonly nftables: Uint8Array;
  readonly iptables: Uint8Array;
}

export interface Languages {
  readonly nftables: Language;
  readonly iptables: Language;
  parser(id: GrammarId): Parser;
}

let runtimeReady: Promise<void> | undefined;
/**
 * The options object given to web-tree-sitter's runtime when it starts: the runtime (an Emscripten
 * module) adds its exports to that object, which `direct-cursor.ts` calls.
 */
let runtimeModule: object | undefined;

/**
 * Starts web-tree-sitter's runtime from its wasm bytes, once per process. Whoever starts the runtime
 * first decides the module that every later caller shares: call this, not `Parser.init`.
 */
export function initRuntime(runtime: Uint8Array): Promise<void> {
  if (!runtimeReady) {
    runtimeModule = { wasmBinary: runtime };
    runtimeReady = Parser.init(runtimeModule);
  }
  return runtimeReady;
}

/** The runtime's module object, once `initRuntime` started it (undefined otherwise). */
export function runtimeModuleObject(): object | undefined {
  return runtimeModule;
}

export async function loadLanguages(bytes: GrammarBytes): Promise<Languages> {
  await initRuntime(bytes.runtime);
  const [nftables, iptables] = await Promise.all([Language.load(bytes.nftables), Language.load(bytes.iptables)]);
  const parsers = new Map<GrammarId, Parser>();
  return {
    nftables,
    iptables,
    parser(id: GrammarId): Parser {
      let p = parsers.get(id);
      if (!p) {
        p = new Parser();
        p.setLanguage(id === 'nftables' ? nftables : iptables);
        parsers.set(id, p);
      }
      return p;
    },
  };
}
