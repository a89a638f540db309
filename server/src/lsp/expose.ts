/**
 * The quick-fix "Publish only to other containers (expose)": turns a service's only published port
 * into `expose:` (containers on the service's networks still reach it; the host publishes nothing).
 *
 * Offered only where the edit is lossless and touches just two spans: the `ports` key (renamed
 * `expose`) and the item (replaced by the container port). So: a short-syntax item with literal
 * parts, written in a block sequence as the only item under its `ports:` key, of a service that has
 * no other port and no `expose` anywhere. Comments and layout stay as they were.
 */
import type { CheckResult } from '../core/check';
import type { Fix } from '../core/findings';
import { LineIndex } from '../core/text';
import type { PortItem } from './ports';

export function exposeFix(result: CheckResult, item: PortItem): Fix | undefined {
  const port = item.reports[0].port;
  if (!port) return undefined;
  const src = port.source;
  const service = result.analysis.project.services.get(item.service);
  if (!service || service.ports.length !== 1 || service.expose.length) return undefined;
  if (src.syntax !== 'short' || src.interpolated || src.rangeIndex !== 0 || port.published?.includes('-')) return undefined;
  if ([src.hostIp, src.published, src.target, src.protocol].some((p) => p && p.origin !== 'literal')) return undefined;
  const file = src.item.file;
  const text = result.texts.get(file);
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  const itemLine = src.item.range.start.line;
  const dash = /^(\s*)- /.exec(lines.lineText(itemLine));
  if (!dash || lines.offset({ line: itemLine, character: dash[0].length }) !== src.item.start || src.item.range.end.line !== itemLine) return undefined;
  const blank = (t: string) => /^\s*(#.*)?$/.test(t);
  // The key: the first line above that is not blank or a comment must be `ports:` itself.
  let keyLine = itemLine - 1;
  while (keyLine >= 0 && blank(lines.lineText(keyLine))) keyLine--;
  const key = keyLine >= 0 ? /^(\s*)ports:\s*(#.*)?$/.exec(lines.lineText(keyLine)) : null;
  if (!key || key[1].length > dash[1].length) return undefined;
  // No further item in the same list.
  let next = itemLine + 1;
  while (next < lines.lineCount && blank(lines.lineText(next))) next++;
  if (next < lines.lineCount && (/^(\s*)/.exec(lines.lineText(next))?.[1].length ?? 0) >= dash[1].length && /^\s*-/.test(lines.lineText(next))) return undefined;
  const keyAt = lines.offset({ line: keyLine, character: key[1].length });
  const proto = port.protocol && port.protocol !== 'tcp' ? `/${port.protocol}` : '';
  const quote = text[src.item.start] === "'" ? "'" : '"';
  return {
    title: 'Publish only to other containers (expose)',
    preferred: false,
    edits: [
      { file, start: keyAt, end: keyAt + 'ports'.length, newText: 'expose' },
      { file, start: src.item.start, end: src.item.end, newText: `${quote}${port.target}${proto}${quote}` },
    ],
  };
}
