/**
 * VS Code client: starts the Dockwall language server and hosts the commands and views. Analysis
 * lives in the server; nothing here inspects rulesets or compose files.
 */
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const config = workspace.getConfiguration('dockwall');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'nftables' },
      { scheme: 'file', language: 'iptables' },
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'file', language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
    ],
    initializationOptions: { debounceMs: config.get<number>('debounceMs', 150) },
    synchronize: { configurationSection: 'dockwall' },
  };
  client = new LanguageClient('dockwall', 'Dockwall', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
