/**
 * "Dockwall: Import host ruleset" and "Dockwall: Forget imported ruleset". Runs nothing in an
 * untrusted workspace; the programs and their fixed arguments come from pure/import-plan.ts and
 * the user's settings.
 */
import { ProgressLocation, window, workspace } from 'vscode';
import { ImportedRulesetsNotification } from '../../server/src/lsp/protocol';
import { hostRunner } from './host-exec';
import { planImport, runImport, UNTRUSTED_MESSAGE, type ImportKind, type ImportSettings } from './pure/import-plan';
import type { ServerHandle } from './server-handle';

const KINDS: readonly { which: ImportKind; label: string; detail: string }[] = [
  { which: 'nft', label: 'nftables: nft -j list ruleset', detail: 'Hosts with nftables, or iptables-nft (its tables appear in the nft listing too).' },
  { which: 'iptables', label: 'iptables: iptables-save and ip6tables-save', detail: 'Hosts with legacy iptables.' },
  { which: 'both', label: 'Both', detail: 'Hosts running legacy iptables beside nftables. With iptables-nft this loads the same rules twice.' },
];

/** The program paths from the user's own settings only (machine scope; never a workspace value). */
export function importSettings(): ImportSettings {
  const config = workspace.getConfiguration('dockwall');
  return {
    nftPath: config.inspect<string>('nftPath')?.globalValue,
    iptablesSavePath: config.inspect<string>('iptablesSavePath')?.globalValue,
  };
}

export async function importHostRuleset(server: ServerHandle, arg?: unknown): Promise<void> {
  if (!workspace.isTrusted) {
    void window.showWarningMessage(UNTRUSTED_MESSAGE);
    return;
  }
  let kind: ImportKind | undefined = arg === 'nft' || arg === 'iptables' || arg === 'both' ? arg : undefined;
  if (!kind) {
    const pick = await window.showQuickPick(
      KINDS,
      { title: 'Dockwall: Import host ruleset', placeHolder: 'Which firewall does this host use?' },
    );
    if (!pick) return;
    kind = pick.which;
  }
  const client = await server.ready();
  if (!client) return;
  const plan = planImport(kind, importSettings());
  const report = await window.withProgress(
    { location: ProgressLocation.Notification, title: 'Dockwall: reading the host ruleset…' },
    () => runImport(plan, hostRunner()),
  );
  server.output.info(`Import host ruleset (${kind}):`);
  for (const line of report.details) server.output.info(`  ${line}`);
  const pick = report.params.sources.length
    ? await (async () => {
        await client.sendNotification(ImportedRulesetsNotification, report.params);
        server.imported = report.params;
        return window.showInformationMessage(report.summary, 'Show output');
      })()
    : await window.showWarningMessage(report.summary, 'Show output');
  if (pick === 'Show output') server.output.show(true);
}

export async function forgetImportedRuleset(server: ServerHandle): Promise<void> {
  const had = server.imported.sources.length;
  server.imported = { sources: [] };
  const client = await server.ready();
  if (!client) return;
  await client.sendNotification(ImportedRulesetsNotification, { sources: [] });
  void window.showInformationMessage(
    had ? `Dockwall forgot the imported host ruleset (${had} ${had === 1 ? 'listing' : 'listings'}).` : 'Dockwall: no host ruleset was imported.',
  );
}
