/** The language object for the `tree-sitter` package: `new Parser().setLanguage(require('tree-sitter-iptables'))`. */
type BaseNode = { type: string; named: boolean };
type ChildNode = { multiple: boolean; required: boolean; types: BaseNode[] };
type NodeInfo =
  | (BaseNode & { subtypes: BaseNode[] })
  | (BaseNode & { fields: { [name: string]: ChildNode }; children: ChildNode[] });

declare const language: {
  name: string;
  language: unknown;
  nodeTypeInfo: NodeInfo[];
};
export = language;
