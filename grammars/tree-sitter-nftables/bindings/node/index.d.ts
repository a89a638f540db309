type BaseNode = { type: string; named: boolean };
type ChildNode = { multiple: boolean; required: boolean; types: BaseNode[] };
type NodeInfo = BaseNode & { subtypes?: BaseNode[]; fields?: Record<string, ChildNode>; children?: ChildNode[] };

/** The nftables language for the `tree-sitter` package: `parser.setLanguage(require('tree-sitter-nftables'))`. */
declare const language: {
  name: 'nftables';
  language: unknown;
  nodeTypeInfo: NodeInfo[];
};

export = language;
