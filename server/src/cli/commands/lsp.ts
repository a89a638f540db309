/** `dockwall lsp --stdio`: the language server for any LSP client (Neovim, Helix, ...). */
import type { Command } from '../command';

export const lspCommand: Command = {
  name: 'lsp',
  summary: 'run the language server over stdio (for Neovim, Helix and other LSP clients)',
  run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write('usage: dockwall lsp --stdio\n\nThe language server over standard input and output, for Neovim, Helix and other LSP clients.\n\nExample (Neovim):\n  vim.lsp.start({ name = "dockwall", cmd = { "dockwall", "lsp", "--stdio" } })\n');
      return Promise.resolve(0);
    }
    // createConnection reads --stdio from process.argv; make sure it is there.
    if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
    // Loaded here: every other command starts without the language server's modules.
    const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
    const { startServer } = require('../../lsp/session') as typeof import('../../lsp/session');
    startServer(createConnection(ProposedFeatures.all));
    // The connection keeps the process alive; it exits when the client sends `exit`.
    return new Promise<number>(() => undefined);
  },
};
