'use strict';
// Loads the compiled binding (build/Release or a prebuild) and attaches the node type table.
const path = require('path');

const root = path.join(__dirname, '..', '..');

function load() {
  try {
    return require('node-gyp-build')(root);
  } catch (first) {
    try {
      return require(path.join(root, 'build', 'Release', 'tree_sitter_nftables_binding.node'));
    } catch {
      throw first;
    }
  }
}

const binding = load();

let nodeTypeInfo;
Object.defineProperty(binding, 'nodeTypeInfo', {
  configurable: true,
  enumerable: true,
  get() {
    nodeTypeInfo ??= require('../../src/node-types.json');
    return nodeTypeInfo;
  },
});

module.exports = binding;
