/** Escaping and small text helpers for the HTML and SVG the client generates. No `vscode` import. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for double- or single-quoted attribute values (HTML and XML). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Shortens `text` to at most `max` characters, ending with `…` when cut. */
export function clip(text: string, max: number): string {
  if (max < 1) return '';
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `compose.yaml:12` for a `file:` URI (or any URI) and a 0-based line. */
export function locationLabel(uri: string, line: number): string {
  const noQuery = uri.replace(/[?#].*$/, '');
  const last = noQuery.slice(noQuery.lastIndexOf('/') + 1) || noQuery;
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // keep the raw segment
  }
  return `${name}:${line + 1}`;
}
