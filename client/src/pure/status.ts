/** The status bar item's text and tooltip for each server state and `dockwall/status` message. Pure. */
import type { StatusParams } from '../../../server/src/lsp/protocol';

export type ServerState = 'starting' | 'running' | 'stopped';

export interface StatusView {
  readonly text: string;
  readonly tooltip: string;
}

/** Text from the server must not turn into status bar icons: `$(` would start a codicon. */
export function plainStatusText(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(').replace(/[\r\n]+/g, ' ');
}

const CLICK = 'Click to show the Dockwall output.';

export function statusView(state: ServerState, status: StatusParams | undefined): StatusView {
  if (state === 'starting') return { text: '$(sync~spin) Dockwall', tooltip: `Dockwall: the language server is starting. ${CLICK}` };
  if (state === 'stopped') {
    return {
      text: '$(circle-slash) Dockwall: stopped',
      tooltip: `Dockwall: the language server is not running. Run "Dockwall: Restart server". ${CLICK}`,
    };
  }
  if (!status) return { text: '$(shield) Dockwall', tooltip: `Dockwall is running. ${CLICK}` };
  const icon = status.errors > 0 ? '$(error)' : status.warnings > 0 ? '$(warning)' : '$(shield)';
  const rulesets = status.rulesets.length ? `\nRulesets: ${status.rulesets.join(', ')}` : '';
  const tip = status.tooltip.trim() || `${status.text}${rulesets}`;
  return { text: `${icon} ${plainStatusText(status.text)}`, tooltip: `${tip}\n${CLICK}` };
}
