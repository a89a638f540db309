/**
 * The packet-path webview page: a selector of traffic classes (ingress interface × sources), one
 * section per class with its summary, the picture (path-svg.ts) and the steps with links back to the
 * rules' files. Pure; the page loads only the two webview resources it is given, under a strict
 * Content-Security-Policy whose script source is a nonce.
 */
import type { PathStepJson, PortPathClass, PortPathResult } from '../../../server/src/lsp/protocol';
import { esc, locationLabel } from './escape';
import { pathModel, renderPathSvg, verdictClass } from './path-svg';

export interface PageResources {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh random nonce per render (base64 or hex). */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/** The Content-Security-Policy of the page: nothing but our stylesheet, our script and inline SVG. */
export function contentSecurityPolicy(r: Pick<PageResources, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `style-src ${r.cspSource}`,
    `script-src 'nonce-${r.nonce}'`,
    `img-src ${r.cspSource} data:`,
    `font-src ${r.cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** A nonce from random bytes (the caller supplies them, so this stays pure). */
export function nonceFrom(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function page(title: string, body: string, r: PageResources): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(r.nonce)) throw new Error('nonce must be at least 16 base64 or hex characters');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(r))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<link rel="stylesheet" href="${esc(r.styleUri)}">`,
    `<title>${esc(title)}</title>`,
    '</head>',
    '<body>',
    body,
    `<script nonce="${esc(r.nonce)}" src="${esc(r.scriptUri)}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

function badge(verdict: string): string {
  return `<span class="dw-badge dw-v--${verdictClass(verdict)}">${esc(verdict)}</span>`;
}

function locationLink(loc: NonNullable<PathStepJson['location']>): string {
  return `<a href="#" class="dw-loc" data-uri="${esc(loc.uri)}" data-line="${loc.line}" title="Open ${esc(loc.uri)} at line ${loc.line + 1}">${esc(locationLabel(loc.uri, loc.line))}</a>`;
}

function stepRow(step: PathStepJson, index: number, decisive: boolean): string {
  const place = [step.hook, [step.family, step.table].filter(Boolean).join(' '), step.chain].filter(Boolean).join(' · ');
  const classes = ['dw-step', `dw-v--${verdictClass(step.verdict)}`];
  if (decisive) classes.push('dw-step--decisive');
  const notes = [
    decisive ? '<span class="dw-decides">decides</span>' : '',
    step.rewrite ? `<span class="dw-rewrite-text">${esc(step.rewrite)}</span>` : '',
    step.origin ? `<span class="dw-origin">${esc(step.origin)}</span>` : '',
  ].filter(Boolean);
  return [
    `<tr class="${classes.join(' ')}" data-step="${index}">`,
    `<td class="dw-place">${esc(place)}</td>`,
    `<td><code class="dw-rule">${esc(step.text)}</code></td>`,
    `<td>${badge(step.verdict)}</td>`,
    `<td class="dw-notes">${notes.join(' ')}</td>`,
    `<td>${step.location ? locationLink(step.location) : ''}</td>`,
    '</tr>',
  ].join('');
}

function classSection(cls: PortPathClass, index: number): string {
  const model = pathModel(cls);
  const steps = cls.steps.length
    ? `<table class="dw-steps"><thead><tr><th>where</th><th>rule</th><th>verdict</th><th>notes</th><th>source</th></tr></thead><tbody>${cls.steps.map((s, i) => stepRow(s, i, i === model.decisive)).join('')}</tbody></table>`
    : '<p class="dw-empty">No rule matched on this path: every chain let the packet through by its policy.</p>';
  const deciding = model.decisive !== undefined ? cls.steps[model.decisive] : undefined;
  return [
    `<section class="dw-class" id="dw-class-${index}" data-class="${index}" data-verdict="${cls.verdict}"${index === 0 ? '' : ' hidden'}>`,
    `<h2>${esc(cls.label)} ${badge(cls.verdict)}</h2>`,
    `<p class="dw-summary">${esc(cls.summary)}</p>`,
    deciding
      ? `<p class="dw-deciding">Decided by <code class="dw-rule">${esc(deciding.text)}</code>${deciding.chain ? ` in ${esc(deciding.chain)}` : ''}${deciding.location ? ` ${locationLink(deciding.location)}` : ''}${deciding.origin ? ` <span class="dw-origin">${esc(deciding.origin)}</span>` : ''}</p>`
      : '',
    `<div class="dw-picture">${renderPathSvg(cls, { idPrefix: `dw${index}` })}</div>`,
    '<h3>Steps</h3>',
    steps,
    '</section>',
  ].join('\n');
}

const LEGEND = [
  '<p class="dw-legend">',
  '<span class="dw-key dw-key--on">path</span>',
  '<span class="dw-key dw-v--accept">accept</span>',
  '<span class="dw-key dw-v--drop">drop</span>',
  '<span class="dw-key dw-v--unknown">unknown</span>',
  '<span class="dw-key-note">Numbers are hook priorities; hover a table for its rules.</span>',
  '</p>',
].join('');

/** The whole page for a `dockwall/portPath` result. */
export function renderPathPage(result: PortPathResult, r: PageResources): string {
  const options = result.classes
    .map((c, i) => `<option value="${i}"${i === 0 ? ' selected' : ''}>${esc(c.label)} — ${esc(c.verdict)}</option>`)
    .join('');
  const counts = (['accept', 'drop', 'unknown'] as const)
    .map((v) => [v, result.classes.filter((c) => c.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
  const body = [
    '<header class="dw-header">',
    `<h1>${esc(result.title)}</h1>`,
    '<button type="button" id="dw-refresh" class="dw-button" title="Ask the language server again">Refresh</button>',
    '</header>',
    result.classes.length
      ? [
          '<div class="dw-controls">',
          '<label for="dw-class">Traffic class (interface, sources)</label> ',
          `<select id="dw-class">${options}</select>`,
          ` <span class="dw-counts">${esc(counts)}</span>`,
          '</div>',
          LEGEND,
          ...result.classes.map(classSection),
        ].join('\n')
      : '<p class="dw-empty">No traffic class reaches this address: there is nothing to draw.</p>',
  ].join('\n');
  return page(`Packet path: ${result.title}`, body, r);
}

/** A page with only a message (no port under the cursor, server not ready, request failed). */
export function renderMessagePage(title: string, message: string, r: PageResources): string {
  const body = [
    '<header class="dw-header">',
    `<h1>${esc(title)}</h1>`,
    '<button type="button" id="dw-refresh" class="dw-button">Refresh</button>',
    '</header>',
    `<p class="dw-empty">${esc(message)}</p>`,
  ].join('\n');
  return page(title, body, r);
}

/** The locations a page links to: the only ones its `open` messages may ask for. */
export function linkedLocations(result: PortPathResult): Set<string> {
  const out = new Set<string>();
  for (const c of result.classes) for (const s of c.steps) if (s.location) out.add(`${s.location.line}@${s.location.uri}`);
  return out;
}
