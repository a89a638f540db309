'use strict';
// Loads the compiled N-API module (build/Release or build/Debug after `node-gyp rebuild`) and adds
// the node type table that the `tree-sitter` package uses to build typed node classes.
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

function load() {
  const tried = [];
  for (const dir of ['Release', 'Debug']) {
    const file = path.join(root, 'build', dir, 'tree_sitter_iptables_binding.node');
    try {
      return require(file);
    } catch (err) {
      tried.push(`${file}: ${err.message}`);
    }
  }
  throw new Error(`tree-sitter-iptables: native module not built (run node-gyp rebuild)\n${tried.join('\n')}`);
}

const binding = load();

try {
  binding.nodeTypeInfo = require('../../src/node-types.json');
} catch (_) {
  // node-types.json is optional at run time
}

module.exports = binding;
