/**
 * "Dockwall: Audit this host": asks the server to audit the machine it runs on (Engine API, live
 * firewall, interfaces; see server/src/lsp/audit-host.ts) and shows the report in the Dockwall
 * output. Runs nothing in an untrusted workspace; the server does the work.
 */
import { ProgressLocation, window, workspace } from 'vscode';
import { AuditHostRequest, type AuditHostResult } from '../../server/src/lsp/protocol';
import type { ServerHandle } from './server-handle';

export const UNTRUSTED_AUDIT_MESSAGE =
  'Dockwall audits the host (Docker socket, iptables-save, nft, ip) only in a trusted workspace. Trust the workspace (Workspaces: Manage Workspace Trust) to audit this host.';

export async function auditHost(server: ServerHandle): Promise<void> {
  if (!workspace.isTrusted) {
    void window.showWarningMessage(UNTRUSTED_AUDIT_MESSAGE);
    return;
  }
  const client = await server.ready();
  if (!client) return;
  const result = await window.withProgress({ location: ProgressLocation.Notification, title: 'Dockwall: auditing this host…' }, () =>
    client.sendRequest<AuditHostResult>(AuditHostRequest, {}),
  );
  server.output.info('Audit this host:');
  for (const line of result.report.trimEnd().split('\n')) server.output.info(`  ${line}`);
  const summary = result.ok
    ? `Dockwall audit: ${result.findings} finding${result.findings === 1 ? '' : 's'}${result.files.length ? ` on ${result.files.length} compose file${result.files.length === 1 ? '' : 's'}` : ''}.`
    : result.report.trim();
  const pick = await (result.ok ? window.showInformationMessage(summary, 'Show output') : window.showWarningMessage(summary, 'Show output'));
  if (pick === 'Show output') server.output.show(true);
}
