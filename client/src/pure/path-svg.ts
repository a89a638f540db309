/**
 * The packet-path picture: the netfilter hooks as in the classic diagram (PREROUTING → routing
 * decision → INPUT → local process, or → FORWARD → POSTROUTING; OUTPUT from local processes), the
 * tables of each hook with their priorities, and one traffic class's path through them: the hooks
 * and tables it passes, the NAT rewrites on the edges, the deciding rule and the final verdict.
 *
 * Pure: a `PortPathClass` in, an SVG string out. Colours come from CSS classes (`dw-…`) that the
 * webview's stylesheet maps to the editor theme; nothing here carries a colour or a style attribute.
 */
import type { PathStepJson, PortPathClass } from '../../../server/src/lsp/protocol';
import { clip, esc, locationLabel } from './escape';

/** The places of the picture. `route` is the input routing decision, `routeOut` the output one. */
export type NodeId = 'in' | 'pre' | 'route' | 'input' | 'local' | 'forward' | 'routeOut' | 'post' | 'out' | 'output';
export type Verdict = PortPathClass['verdict'];
/** How a step's verdict is drawn. */
export type VerdictClass = 'accept' | 'drop' | 'unknown' | 'flow' | 'route' | 'other';

export function verdictClass(verdict: string): VerdictClass {
  const v = verdict.trim().toLowerCase();
  if (v === 'accept' || v === 'policy accept') return 'accept';
  if (v === 'drop' || v === 'reject' || v === 'policy drop' || v.startsWith('reject ')) return 'drop';
  if (v === 'unknown') return 'unknown';
  if (v === 'continue' || v === 'return' || v.startsWith('jump') || v.startsWith('goto')) return 'flow';
  if (v === 'forward' || v === 'local') return 'route';
  return 'other';
}

const HOOK_NODE: Record<string, NodeId> = {
  ingress: 'in',
  prerouting: 'pre',
  routing: 'route',
  input: 'input',
  forward: 'forward',
  output: 'output',
  postrouting: 'post',
};

/** The node a step belongs to, or undefined for a hook the picture does not know. */
export function stepNode(step: PathStepJson): NodeId | undefined {
  return HOOK_NODE[step.hook.toLowerCase()];
}

interface Slot {
  readonly table: string;
  readonly priority?: number;
  /** Not a table: a fixed stage (conntrack) that no rule step lands in. */
  readonly stage?: boolean;
}

/** The tables of each hook in the order a packet meets them, with their standard priorities. */
export const HOOK_TABLES: Readonly<Record<'pre' | 'input' | 'forward' | 'output' | 'post', readonly Slot[]>> = {
  pre: [{ table: 'raw', priority: -300 }, { table: 'conntrack', priority: -200, stage: true }, { table: 'mangle', priority: -150 }, { table: 'nat', priority: -100 }],
  input: [{ table: 'mangle', priority: -150 }, { table: 'filter', priority: 0 }],
  forward: [{ table: 'mangle', priority: -150 }, { table: 'filter', priority: 0 }],
  output: [
    { table: 'raw', priority: -300 },
    { table: 'conntrack', priority: -200, stage: true },
    { table: 'mangle', priority: -150 },
    { table: 'nat', priority: -100 },
    { table: 'filter', priority: 0 },
  ],
  post: [{ table: 'mangle', priority: -150 }, { table: 'nat', priority: 100 }],
};

const HOOK_TITLE: Record<NodeId, string> = {
  in: 'Network interface',
  pre: 'PREROUTING',
  route: 'Routing decision',
  input: 'INPUT',
  local: 'Local process',
  forward: 'FORWARD',
  routeOut: 'Routing',
  post: 'POSTROUTING',
  out: 'Network interface (out)',
  output: 'OUTPUT',
};

export interface Row {
  /** `filter`, or `ip docker-bridges` for a table outside the standard set. */
  readonly label: string;
  readonly priority?: number;
  readonly stage: boolean;
  /** Indexes into the class's steps. */
  readonly steps: number[];
  readonly chains: string[];
}

export interface PathModel {
  /** The nodes the packet passes, in order; the last one is `final`. */
  readonly route: readonly NodeId[];
  readonly final: NodeId;
  readonly verdict: Verdict;
  /** The step that decided the verdict, if one did. */
  readonly decisive?: number;
  /** The table rows of each node that has tables (hooks; `in` only for ingress tables). */
  readonly rows: ReadonlyMap<NodeId, readonly Row[]>;
  /** NAT rewrites per edge `from>to` of the route. */
  readonly edgeLabels: ReadonlyMap<string, readonly string[]>;
  /** Rewrites that happened at the final node (no edge leaves it on the route). */
  readonly finalRewrites: readonly string[];
  /** The routing decision's text, if a step gave one. */
  readonly routeText?: string;
}

const FORWARD_ROUTE: readonly NodeId[] = ['in', 'pre', 'route', 'forward', 'routeOut', 'post', 'out'];
const LOCAL_ROUTE: readonly NodeId[] = ['in', 'pre', 'route', 'input', 'local'];

const STANDARD_FAMILIES = new Set(['ip', 'ip6', 'inet', 'ipv4', 'ipv6']);

/**
 * The step that decided: the last drop or unknown step; for accept the last accepting rule (a chain
 * policy only when no rule accepted). Routing steps decide only a kernel drop (no route, martian).
 */
export function decisiveStep(cls: PortPathClass): number | undefined {
  const want: VerdictClass = cls.verdict;
  let policy: number | undefined;
  for (let i = cls.steps.length - 1; i >= 0; i--) {
    const s = cls.steps[i];
    if (verdictClass(s.verdict) !== want || stepNode(s) === 'route') continue;
    if (want !== 'accept' || !/^policy\b/.test(s.text)) return i;
    policy ??= i;
  }
  if (policy !== undefined) return policy;
  if (cls.verdict === 'drop') {
    // a kernel drop outside any rule (no route, martian) is reported as a routing step
    for (let i = cls.steps.length - 1; i >= 0; i--) if (verdictClass(cls.steps[i].verdict) === 'drop') return i;
  }
  return undefined;
}

function rowsOf(cls: PortPathClass): Map<NodeId, Row[]> {
  const rows = new Map<NodeId, Row[]>();
  for (const [node, slots] of Object.entries(HOOK_TABLES) as [NodeId, readonly Slot[]][]) {
    rows.set(
      node,
      slots.map((s) => ({ label: s.table, priority: s.priority, stage: s.stage === true, steps: [], chains: [] })),
    );
  }
  rows.set('in', []);
  cls.steps.forEach((step, i) => {
    const node = stepNode(step);
    if (!node || node === 'route' || !step.table) return;
    const list = rows.get(node) ?? [];
    const family = step.family?.toLowerCase();
    const standard = family === undefined || STANDARD_FAMILIES.has(family);
    let row = standard ? list.find((r) => !r.stage && r.label === step.table) : undefined;
    const extraLabel = `${step.family ?? ''} ${step.table}`.trim();
    row ??= list.find((r) => r.label === extraLabel);
    if (!row) {
      row = { label: extraLabel, stage: false, steps: [], chains: [] };
      list.push(row);
      rows.set(node, list);
    }
    row.steps.push(i);
    if (step.chain && !row.chains.includes(step.chain)) row.chains.push(step.chain);
  });
  return rows;
}

/** Where the class's packet goes and what decides it; the geometry-free half of the renderer. */
export function pathModel(cls: PortPathClass): PathModel {
  const decisive = decisiveStep(cls);
  const nodes = cls.steps.map(stepNode);
  const seen = (ids: NodeId[]): boolean => nodes.some((n) => n !== undefined && ids.includes(n));
  const route =
    seen(['forward', 'post']) || (cls.delivery === 'forward' && !seen(['input']))
      ? FORWARD_ROUTE
      : seen(['input']) || cls.delivery === 'local'
        ? LOCAL_ROUTE
        : FORWARD_ROUTE.slice(0, 3);

  let final: NodeId;
  if (cls.verdict === 'accept' && cls.delivery === 'forward') final = 'out';
  else if (cls.verdict === 'accept' && cls.delivery === 'local') final = 'local';
  else {
    const at = decisive !== undefined ? nodes[decisive] : undefined;
    const lastOnRoute = [...nodes].reverse().find((n) => n !== undefined && route.includes(n));
    final = at && route.includes(at) ? at : (lastOnRoute ?? (cls.verdict === 'accept' ? route[route.length - 1] : 'in'));
  }
  const path = route.slice(0, route.indexOf(final) + 1);

  const edgeLabels = new Map<string, string[]>();
  const finalRewrites: string[] = [];
  cls.steps.forEach((step, i) => {
    if (!step.rewrite) return;
    const node = nodes[i];
    const at = node ? path.indexOf(node) : -1;
    if (at >= 0 && at < path.length - 1) {
      const key = `${path[at]}>${path[at + 1]}`;
      edgeLabels.set(key, [...(edgeLabels.get(key) ?? []), step.rewrite]);
    } else finalRewrites.push(step.rewrite);
  });

  const routeStep = cls.steps.find((s) => stepNode(s) === 'route');
  return {
    route: path,
    final,
    verdict: cls.verdict,
    decisive,
    rows: rowsOf(cls),
    edgeLabels,
    finalRewrites,
    routeText: routeStep?.text,
  };
}

// ---- geometry ----

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const WIDTH = 840;
const COL = { L: { x: 20, w: 250 }, M: { x: 312, w: 216 }, R: { x: 570, w: 250 } } as const;
const HEADER = 24;
const ROW_H = 20;
const GAP = 40;
const LABEL_GAP = 58;
const SMALL_H = 40;
/** Rough width of one character of the 12px UI font, for clipping labels. */
const CHAR_W = 6.6;
/** The same for the 11.5px editor (monospace) font of table rows. */
const MONO_W = 7.2;

const cx = (b: Box): number => b.x + b.w / 2;
const cy = (b: Box): number => b.y + b.h / 2;

function hookHeight(rows: readonly Row[] | undefined, min = SMALL_H): number {
  return Math.max(min, HEADER + (rows?.length ?? 0) * ROW_H + 6);
}

function layout(model: PathModel): { boxes: Record<NodeId, Box>; height: number } {
  const h = (n: NodeId, min?: number): number => hookHeight(model.rows.get(n), min);
  const inH = h('in', 42);
  const y0 = 12;
  const y1 = y0 + inH + GAP;
  const h1 = Math.max(h('pre'), h('post'));
  const y2 = y1 + h1 + LABEL_GAP;
  const fwdH = h('forward');
  const h2 = Math.max(SMALL_H, fwdH);
  const y3 = y2 + h2 + GAP;
  const h3 = Math.max(h('input'), h('output'));
  const y4 = y3 + h3 + LABEL_GAP;
  const mid = (hh: number): number => y2 + (h2 - hh) / 2;
  const boxes: Record<NodeId, Box> = {
    in: { ...COL.L, y: y0, h: inH },
    out: { ...COL.R, y: y0, h: inH },
    pre: { ...COL.L, y: y1, h: h('pre') },
    post: { ...COL.R, y: y1, h: h('post') },
    route: { ...COL.L, y: mid(SMALL_H), h: SMALL_H },
    forward: { ...COL.M, y: mid(fwdH), h: fwdH },
    routeOut: { ...COL.R, y: mid(SMALL_H), h: SMALL_H },
    input: { ...COL.L, y: y3, h: h('input') },
    output: { ...COL.R, y: y3, h: h('output') },
    local: { x: COL.L.x, y: y4, w: COL.R.x + COL.R.w - COL.L.x, h: SMALL_H },
  };
  return { boxes, height: y4 + SMALL_H + 12 };
}

type Side = 'top' | 'bottom' | 'left' | 'right';
interface EdgeDef {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly out: Side;
  readonly in: Side;
  /** For vertical edges on the shared right-hand line of `local`: use this box's centre x. */
  readonly alignTo?: NodeId;
}

export const EDGES: readonly EdgeDef[] = [
  { from: 'in', to: 'pre', out: 'bottom', in: 'top' },
  { from: 'pre', to: 'route', out: 'bottom', in: 'top' },
  { from: 'route', to: 'input', out: 'bottom', in: 'top' },
  { from: 'input', to: 'local', out: 'bottom', in: 'top', alignTo: 'input' },
  { from: 'route', to: 'forward', out: 'right', in: 'left' },
  { from: 'forward', to: 'routeOut', out: 'right', in: 'left' },
  { from: 'routeOut', to: 'post', out: 'top', in: 'bottom' },
  { from: 'post', to: 'out', out: 'top', in: 'bottom' },
  { from: 'local', to: 'output', out: 'top', in: 'bottom', alignTo: 'output' },
  { from: 'output', to: 'routeOut', out: 'top', in: 'bottom' },
];

function anchor(b: Box, side: Side, x?: number): [number, number] {
  switch (side) {
    case 'top':
      return [x ?? cx(b), b.y];
    case 'bottom':
      return [x ?? cx(b), b.y + b.h];
    case 'left':
      return [b.x, cy(b)];
    case 'right':
      return [b.x + b.w, cy(b)];
  }
}

const VERDICT_MARK: Record<Verdict, string> = { accept: '✓ accept', drop: '✕ drop', unknown: '? unknown' };

export interface SvgOptions {
  /** Prefix for ids inside the SVG (markers), unique per SVG in one document. */
  readonly idPrefix: string;
}

/** The picture for one traffic class. */
export function renderPathSvg(cls: PortPathClass, opts: SvgOptions): string {
  const model = pathModel(cls);
  const { boxes, height } = layout(model);
  const id = opts.idPrefix.replace(/[^A-Za-z0-9_-]/g, '_');
  const onRoute = new Set(model.route);
  const out: string[] = [];
  const title = `Packet path for ${cls.label}: ${cls.verdict}`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="dw-path dw-final--${model.verdict}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title" data-verdict="${model.verdict}" data-final="${model.final}">`,
    `<title id="${id}-title">${esc(title)}</title>`,
    '<defs>',
    ...(['idle', 'on', model.verdict] as const).map(
      (k) =>
        `<marker id="${id}-arrow-${k}" class="dw-arrowhead dw-arrowhead--${k}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
    ),
    '</defs>',
  );

  // edges first, so boxes cover their ends
  for (const e of EDGES) {
    const key = `${e.from}>${e.to}`;
    const i = model.route.indexOf(e.from);
    const on = i >= 0 && model.route[i + 1] === e.to;
    const a = boxes[e.from];
    const b = boxes[e.to];
    const x = e.alignTo ? cx(boxes[e.alignTo]) : undefined;
    const [x1, y1] = anchor(a, e.out, x);
    const [x2, y2] = anchor(b, e.in, x);
    const state = on ? 'on' : 'idle';
    const marker = on && e.to === model.final && model.verdict !== 'accept' ? model.verdict : state;
    out.push(
      `<g class="dw-edge dw-edge--${state}" data-edge="${key}">`,
      `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#${id}-arrow-${marker})"/>`,
    );
    const labels = model.edgeLabels.get(key) ?? [];
    if (labels.length) {
      const vertical = x1 === x2;
      const leftSide = vertical && x1 > WIDTH / 2;
      const room = vertical ? (leftSide ? x1 - COL.M.x + 20 : COL.R.x - 20 - x1) : 200;
      const tx = vertical ? (leftSide ? x1 - 8 : x1 + 8) : (x1 + x2) / 2;
      const ty0 = vertical ? (y1 + y2) / 2 - ((labels.length - 1) * 14) / 2 + 4 : Math.min(y1, y2) - 6;
      labels.forEach((text, k) => {
        out.push(
          `<text class="dw-rewrite" x="${tx}" y="${ty0 + k * 14}" text-anchor="${vertical ? (leftSide ? 'end' : 'start') : 'middle'}">${esc(clip(text, Math.floor(room / CHAR_W)))}<title>${esc(text)}</title></text>`,
        );
      });
    }
    out.push('</g>');
  }

  for (const node of Object.keys(boxes) as NodeId[]) {
    const b = boxes[node];
    const isFinal = node === model.final;
    const state = isFinal ? 'final' : onRoute.has(node) ? 'passed' : 'idle';
    const cls2 = ['dw-node', `dw-node--${state}`];
    if (isFinal) cls2.push(`dw-v--${model.verdict}`);
    if (node === 'route' || node === 'routeOut') cls2.push('dw-node--routing');
    out.push(`<g class="${cls2.join(' ')}" data-node="${node}" data-state="${state}">`);
    out.push(`<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="${node === 'route' || node === 'routeOut' ? 18 : 4}"/>`);
    const rows = model.rows.get(node) ?? [];
    const singleLine = rows.length === 0;
    const headY = singleLine ? cy(b) - (subtitle(node, cls, model) ? 2 : -4) : b.y + 17;
    out.push(`<text class="dw-hook" x="${b.x + 10}" y="${headY}">${esc(HOOK_TITLE[node])}</text>`);
    const sub = subtitle(node, cls, model);
    if (sub && singleLine) {
      out.push(`<text class="dw-sub" x="${b.x + 10}" y="${headY + 14}">${esc(clip(sub, Math.floor((b.w - 20) / CHAR_W)))}<title>${esc(sub)}</title></text>`);
    }
    if (isFinal) {
      out.push(`<text class="dw-verdict dw-v--${model.verdict}" x="${b.x + b.w - 8}" y="${headY}" text-anchor="end">${VERDICT_MARK[model.verdict]}</text>`);
    }
    rows.forEach((row, k) => out.push(renderRow(row, k, b, cls, model)));
    out.push('</g>');
  }
  if (model.finalRewrites.length) {
    const b = boxes[model.final];
    model.finalRewrites.forEach((t, k) => {
      out.push(`<text class="dw-rewrite" x="${b.x}" y="${b.y + b.h + 14 + k * 14}">${esc(clip(t, 60))}<title>${esc(t)}</title></text>`);
    });
  }
  out.push('</svg>');
  return out.join('\n');
}

function subtitle(node: NodeId, cls: PortPathClass, model: PathModel): string | undefined {
  if (node === 'in') return `in: ${cls.label}`;
  if (node === 'route') return model.routeText;
  if (node === 'out' && model.final === 'out') return cls.summary;
  return undefined;
}

function renderRow(row: Row, k: number, b: Box, cls: PortPathClass, model: PathModel): string {
  const y = b.y + HEADER + k * ROW_H;
  const hit = row.steps.length > 0;
  const decisive = model.decisive !== undefined && row.steps.includes(model.decisive);
  const classes = ['dw-row', hit ? 'dw-row--hit' : 'dw-row--idle'];
  if (row.stage) classes.push('dw-row--stage');
  let attrs = '';
  if (decisive) {
    const step = cls.steps[model.decisive!];
    classes.push('dw-row--decisive', `dw-v--${verdictClass(step.verdict)}`);
    attrs += ` data-step="${model.decisive}"`;
    if (step.location) attrs += ` data-uri="${esc(step.location.uri)}" data-line="${step.location.line}" tabindex="0"`;
  } else if (hit) {
    const last = cls.steps[row.steps[row.steps.length - 1]];
    classes.push(`dw-v--${verdictClass(last.verdict)}`);
  }
  const name = row.chains.length ? `${row.label} · ${row.chains.join(', ')}` : row.label;
  const prio = row.priority === undefined ? '' : String(row.priority);
  const maxChars = Math.floor((b.w - 30 - (prio.length + 1) * CHAR_W) / MONO_W);
  const tip = hit
    ? row.steps
        .map((i) => {
          const s = cls.steps[i];
          const where = s.location ? ` (${locationLabel(s.location.uri, s.location.line)})` : '';
          return `${s.chain ?? ''}: ${s.text} → ${s.verdict}${where}`;
        })
        .join('\n')
    : row.stage
      ? 'connection tracking'
      : 'no chain of this table on the path';
  return [
    `<g class="${classes.join(' ')}"${attrs}>`,
    `<rect x="${b.x + 6}" y="${y}" width="${b.w - 12}" height="${ROW_H - 3}" rx="3"/>`,
    `<text class="dw-table" x="${b.x + 12}" y="${y + 13}">${esc(clip(name, maxChars))}</text>`,
    prio ? `<text class="dw-prio" x="${b.x + b.w - 12}" y="${y + 13}" text-anchor="end">${esc(prio)}</text>` : '',
    `<title>${esc(tip)}</title>`,
    '</g>',
  ]
    .filter(Boolean)
    .join('');
}
