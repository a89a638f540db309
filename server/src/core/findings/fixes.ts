/**
 * Quick-fixes shared by finding rules. Each edit touches only its own span, so quotes, comments and
 * layout of the user's file stay as they were.
 */
import type { PublishedPort } from '../compose';
import { NETAVARK_PORTFWD_POLICY } from '../podman/firewalld';
import type { FindingContext } from './rule';
import type { Fix, TextEdit } from './types';

/** Binds a compose port to 127.0.0.1 (short syntax: an address part; long syntax: `host_ip`). */
export function bindToLoopbackFix(ctx: FindingContext, port: PublishedPort, address = '127.0.0.1'): Fix | undefined {
  // netavark 1.4's firewalld driver forwards a port bound to an address to that address (podman/firewalld.ts)
  const toItself = ctx.analysis.docker.firewalld?.runtime.policies?.some((p) => p.name === NETAVARK_PORTFWD_POLICY);
  const who = toItself ? `nothing can connect: netavark's firewalld driver forwards it to ${address} itself, not to the container` : 'only this host can connect';
  return bindToAddressFix(ctx, port, address, `Bind to ${address} (${who})`, true);
}

/** Binds a compose port to one host address; `title` says what that means for the user. */
export function bindToAddressFix(ctx: FindingContext, port: PublishedPort, address: string, title: string, preferred = false): Fix | undefined {
  const src = port.source;
  const file = src.item.file;
  const text = ctx.texts.get(file);
  if (text === undefined) return undefined;
  const edit = (start: number, end: number, newText: string): Fix => ({ title, ...(preferred ? { preferred } : {}), edits: [{ file, start, end, newText }] });
  const v6 = address.includes(':');
  const shortAddr = v6 ? `[${address}]` : address;

  if (src.syntax === 'short') {
    if (src.hostIp) {
      if (src.hostIp.origin !== 'literal') return undefined;
      let { start, end } = src.hostIp.span;
      if (text[start - 1] === '[' && text[end] === ']') {
        start--;
        end++;
      }
      return edit(start, end, shortAddr);
    }
    // No address: put one before the host port (or before `:container` / the container port).
    const part = src.published ?? src.target;
    if (!part) return undefined;
    const at = part.origin === 'literal' || part.origin === 'default' ? (part.origin === 'default' && part.expression ? part.expression.start : part.span.start) : (part.expression?.start ?? part.span.start);
    if (src.published) return edit(at, at, `${shortAddr}:`);
    // `":80"` has an empty host port before the colon; bare `"80"` needs `addr::80`.
    return text[at - 1] === ':' ? edit(at - 1, at - 1, shortAddr) : edit(at, at, `${shortAddr}::`);
  }

  // Long syntax.
  if (src.hostIp) {
    if (src.hostIp.origin !== 'literal') return undefined;
    return edit(src.hostIp.span.start, src.hostIp.span.end, address);
  }
  const start = src.item.start;
  if (text[start] === '{') {
    let at = start + 1;
    while (text[at] === ' ') at++;
    return edit(at, at, `host_ip: ${address}, `);
  }
  // Block mapping: a new key on the line after the item's first line, at the item's indentation.
  const indent = ' '.repeat(src.item.range.start.character);
  const eol = text.indexOf('\n', start);
  const lineEnd = eol < 0 ? text.length : text[eol - 1] === '\r' ? eol - 1 : eol;
  const nl = text[lineEnd] === '\r' ? '\r\n' : '\n';
  return edit(lineEnd, lineEnd, `${nl}${indent}host_ip: ${address}`);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
