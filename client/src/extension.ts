/**
 * VS Code client: starts the Dockwall language server and hosts the commands and views. Analysis
 * lives in the server; nothing here inspects rulesets or compose files. The logic the commands use
 * lives in pure/ (no `vscode` import) and is unit-tested there.
 */
import { StatusBarAlignment, commands, window, type ExtensionContext } from 'vscode';
import { forgetImportedRuleset, importHostRuleset } from './import-command';
import { auditHost } from './audit-command';
import { PacketPathView } from './packet-path';
import { statusView } from './pure/status';
import { ServerHandle } from './server-handle';
import type { StatusParams } from '../../server/src/lsp/protocol';

let server: ServerHandle | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('Dockwall', { log: true });
  const handle = new ServerHandle(context, output);
  server = handle;

  const item = window.createStatusBarItem('dockwall.status', StatusBarAlignment.Right, 100);
  item.name = 'Dockwall';
  item.command = 'dockwall.showOutput';
  let last: StatusParams | undefined;
  const paint = (): void => {
    const v = statusView(handle.state, last);
    item.text = v.text;
    item.tooltip = v.tooltip;
  };
  paint();
  item.show();

  const view = new PacketPathView(context, handle);
  context.subscriptions.push(
    output,
    handle,
    item,
    view,
    handle.onDidChangeState(paint),
    handle.onStatus((p) => {
      last = p;
      paint();
    }),
    commands.registerCommand('dockwall.showPacketPath', (...args: unknown[]) => view.show(...args)),
    commands.registerCommand('dockwall.importHostRuleset', (arg?: unknown) => importHostRuleset(handle, arg)),
    commands.registerCommand('dockwall.forgetImportedRuleset', () => forgetImportedRuleset(handle)),
    commands.registerCommand('dockwall.auditHost', () => auditHost(handle)),
    commands.registerCommand('dockwall.restartServer', async () => {
      last = undefined;
      await handle.restart();
      paint();
    }),
    commands.registerCommand('dockwall.showOutput', () => output.show(true)),
  );

  // Commands are registered first: they work (or explain) while the server starts.
  await handle.start();
  paint();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
