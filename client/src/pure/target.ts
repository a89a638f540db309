/**
 * Which port item "Show packet path" is about, from the forms its arguments come in:
 *  - none (command palette, key binding): the active editor's cursor;
 *  - `{uri, position}` (a CodeLens of the server, or another extension);
 *  - `(uri, position)` as two arguments;
 *  - a resource URI alone (the editor context menu passes the document's URI): the active editor's
 *    cursor if that editor shows this document.
 * Pure: URIs are strings here; a VS Code `Uri` object is recognised by its `scheme` and `toString`.
 */
import type { PortPathParams } from '../../../server/src/lsp/protocol';

export interface ActiveEditor {
  readonly uri: string;
  readonly position: { readonly line: number; readonly character: number };
  readonly languageId?: string;
}

export type Target = { readonly ok: true; readonly params: PortPathParams } | { readonly ok: false; readonly message: string };

function uriString(v: unknown): string | undefined {
  if (typeof v === 'string') return /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : undefined;
  if (v && typeof v === 'object' && typeof (v as { scheme?: unknown }).scheme === 'string') {
    const s = String(v);
    return /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : undefined;
  }
  return undefined;
}

function positionOf(v: unknown): { line: number; character: number } | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const { line, character } = v as { line?: unknown; character?: unknown };
  if (!Number.isInteger(line) || (line as number) < 0) return undefined;
  const ch = character === undefined ? 0 : character;
  if (!Number.isInteger(ch) || (ch as number) < 0) return undefined;
  return { line: line as number, character: ch as number };
}

export const NO_EDITOR_MESSAGE = 'Open a compose file and put the cursor on a published port (an item of a service\'s "ports:").';

export function resolveTarget(args: readonly unknown[], active: ActiveEditor | undefined): Target {
  const [first, second] = args;
  if (first && typeof first === 'object' && 'uri' in first && 'position' in first) {
    const uri = uriString((first as { uri: unknown }).uri);
    const position = positionOf((first as { position: unknown }).position);
    if (uri && position) return { ok: true, params: { uri, position } };
    return { ok: false, message: 'Dockwall: Show packet path was given an unusable {uri, position} argument.' };
  }
  const uri = uriString(first);
  if (uri !== undefined) {
    const position = positionOf(second);
    if (position) return { ok: true, params: { uri, position } };
    if (active && active.uri === uri) return { ok: true, params: { uri, position: active.position } };
    return { ok: false, message: NO_EDITOR_MESSAGE };
  }
  if (first !== undefined && first !== null) {
    return { ok: false, message: 'Dockwall: Show packet path was given an argument it does not understand.' };
  }
  if (!active) return { ok: false, message: NO_EDITOR_MESSAGE };
  return { ok: true, params: { uri: active.uri, position: active.position } };
}

/** What the extension accepts from the webview, validated against the links the page was given. */
export type WebviewMessage = { readonly type: 'open'; readonly uri: string; readonly line: number } | { readonly type: 'refresh' };

export function parseWebviewMessage(m: unknown, allowed: ReadonlySet<string>): WebviewMessage | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const { type, uri, line } = m as { type?: unknown; uri?: unknown; line?: unknown };
  if (type === 'refresh') return { type };
  if (type !== 'open' || typeof uri !== 'string' || !Number.isInteger(line) || (line as number) < 0) return undefined;
  if (!allowed.has(`${line}@${uri}`)) return undefined;
  return { type, uri, line: line as number };
}
