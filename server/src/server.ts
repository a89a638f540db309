/**
 * Language-server entry. Started by the VS Code client (IPC or stdio) and by `dockwall lsp --stdio`
 * for other editors.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/session';

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all));
}
