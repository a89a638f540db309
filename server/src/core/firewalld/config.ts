/**
 * firewalld's permanent configuration read from its files: zones, policies, services (XML) and
 * `firewalld.conf`. Every value keeps the span it came from; what is not understood is a
 * diagnostic at its place, never an exception.
 */
import type { CoreDiagnostic } from '../diagnostics';
import { LineIndex, type Span } from '../text';
import type { ServiceDef, ServicePort } from './services';
import { attr, parseXml, spanOf, type XmlDocument, type XmlElement } from './xml';

export interface FwText {
  readonly file: string;
  readonly text: string;
}

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export interface FwPort {
  readonly port: string;
  readonly protocol: string;
  readonly span: Span;
}

export interface FwForwardPort extends FwPort {
  readonly toPort?: string;
  readonly toAddr?: string;
}

export type RichElement =
  | { readonly kind: 'service'; readonly name: string }
  | { readonly kind: 'port'; readonly port: string; readonly protocol: string }
  | { readonly kind: 'protocol'; readonly value: string }
  | { readonly kind: 'masquerade' }
  | { readonly kind: 'icmp-type'; readonly name: string }
  | { readonly kind: 'forward-port'; readonly port: string; readonly protocol: string; readonly toPort?: string; readonly toAddr?: string };

export interface RichRule {
  readonly family?: 'ipv4' | 'ipv6';
  readonly source?: { readonly address: string; readonly invert: boolean };
  readonly destination?: { readonly address: string; readonly invert: boolean };
  readonly element?: RichElement;
  readonly action?: { readonly kind: 'accept' | 'drop' | 'reject'; readonly rejectType?: string };
  readonly priority: number;
  readonly span: Span;
}

export type ZoneTarget = 'default' | 'ACCEPT' | 'DROP' | '%%REJECT%%';
export type PolicyTarget = 'CONTINUE' | 'ACCEPT' | 'DROP' | 'REJECT';

/** What zones and policies share (firewalld implements a zone as policies to HOST and to ANY). */
export interface FwRules {
  readonly name: string;
  readonly file: string;
  /** The document element. */
  readonly span: Span;
  readonly services: readonly Located<string>[];
  readonly ports: readonly FwPort[];
  readonly protocols: readonly Located<string>[];
  readonly masquerade?: Span;
  readonly forwardPorts: readonly FwForwardPort[];
  readonly rules: readonly RichRule[];
}

export interface Zone extends FwRules {
  /** The element's name in its start tag (`zone` of `<zone target="ACCEPT">`): where findings about the whole zone sit. */
  readonly tag: Span;
  readonly target: Located<ZoneTarget> | { readonly value: 'default'; readonly span?: undefined };
  readonly interfaces: readonly Located<string>[];
  readonly sources: readonly Located<string>[];
  readonly forward?: Span;
}

export interface Policy extends FwRules {
  readonly target: { readonly value: PolicyTarget; readonly span?: Span };
  readonly priority: number;
  readonly ingress: readonly Located<string>[];
  readonly egress: readonly Located<string>[];
}

export interface FwSettings {
  readonly defaultZone: { readonly value: string; readonly span?: Span };
  readonly backend: { readonly value: string; readonly span?: Span };
  readonly ipv6Rpfilter: boolean;
  readonly rfc3964: boolean;
  readonly allowZoneDrifting: { readonly value: boolean; readonly span?: Span };
  readonly strictForwardPorts?: { readonly value: boolean; readonly span: Span };
  readonly logDenied: string;
}

const ZONE_TARGETS: readonly string[] = ['default', 'ACCEPT', 'DROP', '%%REJECT%%', 'REJECT'];
const POLICY_TARGETS: readonly string[] = ['CONTINUE', 'ACCEPT', 'DROP', 'REJECT'];

class Reader {
  readonly diagnostics: CoreDiagnostic[] = [];
  constructor(readonly doc: XmlDocument) {
    this.diagnostics.push(...doc.diagnostics);
  }
  span(e: XmlElement): Span {
    return spanOf(this.doc, e.start, e.end);
  }
  note(e: XmlElement, severity: CoreDiagnostic['severity'], message: string): void {
    this.diagnostics.push({ span: this.span(e), severity, code: 'firewalld', message });
  }
  need(e: XmlElement, name: string): string | undefined {
    const a = attr(e, name);
    if (!a) this.note(e, 'error', `<${e.name}> needs the attribute ${name}; firewalld refuses this file`);
    return a?.value;
  }
}

function readPort(r: Reader, e: XmlElement): FwPort | undefined {
  const port = r.need(e, 'port');
  const protocol = r.need(e, 'protocol');
  if (port === undefined || protocol === undefined) return undefined;
  if (!/^\d{1,5}(-\d{1,5})?$/.test(port)) {
    r.note(e, 'error', `port "${port}" is not a port or a range`);
    return undefined;
  }
  if (!['tcp', 'udp', 'sctp', 'dccp'].includes(protocol)) {
    r.note(e, 'error', `protocol "${protocol}" is not tcp, udp, sctp or dccp`);
    return undefined;
  }
  return { port, protocol, span: r.span(e) };
}

function readForwardPort(r: Reader, e: XmlElement): FwForwardPort | undefined {
  const p = readPort(r, e);
  if (!p) return undefined;
  const toPort = attr(e, 'to-port')?.value;
  const toAddr = attr(e, 'to-addr')?.value;
  if (!toPort && !toAddr) {
    r.note(e, 'error', '<forward-port> needs to-port or to-addr');
    return undefined;
  }
  return { ...p, toPort: toPort || undefined, toAddr: toAddr || undefined };
}

function readRich(r: Reader, e: XmlElement): RichRule | undefined {
  const famAttr = attr(e, 'family')?.value;
  if (famAttr !== undefined && famAttr !== 'ipv4' && famAttr !== 'ipv6') {
    r.note(e, 'error', `rule family "${famAttr}" is not ipv4 or ipv6`);
    return undefined;
  }
  const priority = Number(attr(e, 'priority')?.value ?? '0');
  let out: { -readonly [K in keyof RichRule]?: RichRule[K] } = { family: famAttr as RichRule['family'], priority: Number.isFinite(priority) ? priority : 0, span: r.span(e) };
  for (const c of e.children) {
    switch (c.name) {
      case 'source':
      case 'destination': {
        const address = attr(c, 'address')?.value;
        if (!address) {
          r.note(c, 'warning', `<${c.name}> without an address (ipset or mac) is not modelled; this rule is left out`);
          return undefined;
        }
        const invert = /^(true|yes)$/i.test(attr(c, 'invert')?.value ?? '');
        out = { ...out, [c.name]: { address, invert } };
        break;
      }
      case 'service':
      case 'icmp-type':
        out.element = { kind: c.name, name: r.need(c, 'name') ?? '' };
        break;
      case 'port': {
        const p = readPort(r, c);
        if (!p) return undefined;
        out.element = { kind: 'port', port: p.port, protocol: p.protocol };
        break;
      }
      case 'protocol':
        out.element = { kind: 'protocol', value: r.need(c, 'value') ?? '' };
        break;
      case 'masquerade':
        out.element = { kind: 'masquerade' };
        break;
      case 'forward-port': {
        const p = readForwardPort(r, c);
        if (!p) return undefined;
        out.element = { kind: 'forward-port', port: p.port, protocol: p.protocol, toPort: p.toPort, toAddr: p.toAddr };
        break;
      }
      case 'accept':
      case 'drop':
        out.action = { kind: c.name };
        break;
      case 'reject':
        out.action = { kind: 'reject', rejectType: attr(c, 'type')?.value };
        break;
      default:
        r.note(c, 'warning', `rich rule element <${c.name}> is not modelled; this rule is left out of the analysis`);
        return undefined;
    }
  }
  if ((out.source || out.destination) && !out.family) {
    r.note(e, 'error', 'a rich rule with a source or destination address needs a family');
    return undefined;
  }
  return out as RichRule;
}

interface Common {
  services: Located<string>[];
  ports: FwPort[];
  protocols: Located<string>[];
  masquerade?: Span;
  forwardPorts: FwForwardPort[];
  rules: RichRule[];
}

/** Reads the elements zones and policies share; returns false for other elements. */
function readCommon(r: Reader, c: XmlElement, acc: Common): boolean {
  switch (c.name) {
    case 'service': {
      const name = r.need(c, 'name');
      if (name && !acc.services.some((x) => x.value === name)) acc.services.push({ value: name, span: r.span(c) });
      return true;
    }
    case 'port': {
      const p = readPort(r, c);
      if (p && !acc.ports.some((x) => x.port === p.port && x.protocol === p.protocol)) acc.ports.push(p);
      return true;
    }
    case 'protocol': {
      const v = r.need(c, 'value');
      if (v && !acc.protocols.some((x) => x.value === v)) acc.protocols.push({ value: v, span: r.span(c) });
      return true;
    }
    case 'masquerade':
      acc.masquerade = r.span(c);
      return true;
    case 'forward-port': {
      const p = readForwardPort(r, c);
      if (p && !acc.forwardPorts.some((x) => x.port === p.port && x.protocol === p.protocol && x.toPort === p.toPort && x.toAddr === p.toAddr)) acc.forwardPorts.push(p);
      return true;
    }
    case 'rule': {
      const rule = readRich(r, c);
      if (rule) acc.rules.push(rule);
      return true;
    }
    case 'short':
    case 'description':
      return true;
  }
  return false;
}

/** The zone or policy name of a file: its base name without `.xml`. */
export function nameOfFile(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.replace(/\.xml$/, '');
}

/** The document element of a file that must hold `<name>`, with the reader's diagnostics. */
function openDocument(f: FwText, name: string): { r: Reader; root?: XmlElement } {
  const doc = parseXml(f.file, f.text);
  const r = new Reader(doc);
  const root = doc.root;
  if (root && root.name !== name) {
    r.note(root, 'error', `a ${name} file holds a <${name}> element, not <${root.name}>; left out`);
    return { r };
  }
  return { r, root };
}

/** A zone or policy document: the elements both have, and `own` for the others (false: not modelled). */
function readRulesDocument(f: FwText, kind: 'zone' | 'policy', own: (c: XmlElement, r: Reader) => boolean): { r: Reader; root?: XmlElement; acc: Common } {
  const { r, root } = openDocument(f, kind);
  const acc: Common = { services: [], ports: [], protocols: [], forwardPorts: [], rules: [] };
  for (const c of root?.children ?? []) {
    if (readCommon(r, c, acc) || own(c, r)) continue;
    r.note(c, 'warning', `<${c.name}> in a ${kind} is not modelled; the analysis goes on without it`);
  }
  return { r, root, acc };
}

export function readZone(f: FwText): { zone?: Zone; diagnostics: CoreDiagnostic[] } {
  const interfaces: Located<string>[] = [];
  const sources: Located<string>[] = [];
  let forward: Span | undefined;
  const { r, root, acc } = readRulesDocument(f, 'zone', (c, r) => {
    if (c.name === 'interface') {
      const n = r.need(c, 'name');
      if (n) interfaces.push({ value: n, span: r.span(c) });
    } else if (c.name === 'source') {
      const a = attr(c, 'address')?.value;
      if (a) sources.push({ value: a, span: r.span(c) });
      else r.note(c, 'warning', 'a zone source by ipset or MAC address is not modelled; left out');
    } else if (c.name === 'forward') forward = r.span(c);
    else return false;
    return true;
  });
  if (!root) return { diagnostics: r.diagnostics };
  const t = attr(root, 'target');
  let target: Zone['target'] = { value: 'default' };
  if (t) {
    if (!ZONE_TARGETS.includes(t.value)) r.note(root, 'error', `zone target "${t.value}" is not default, ACCEPT, DROP or %%REJECT%%; the default target is used`);
    else target = { value: (t.value === 'REJECT' ? '%%REJECT%%' : t.value) as ZoneTarget, span: spanOf(r.doc, t.start, t.end) };
  }
  const tag = spanOf(r.doc, root.start + 1, root.start + 1 + root.name.length);
  const zone: Zone = { name: nameOfFile(f.file), file: f.file, span: r.span(root), tag, ...acc, interfaces, sources, forward, target };
  return { zone, diagnostics: r.diagnostics };
}

export function readPolicy(f: FwText): { policy?: Policy; diagnostics: CoreDiagnostic[] } {
  const ingress: Located<string>[] = [];
  const egress: Located<string>[] = [];
  const { r, root, acc } = readRulesDocument(f, 'policy', (c, r) => {
    if (c.name !== 'ingress-zone' && c.name !== 'egress-zone') return false;
    const n = r.need(c, 'name');
    if (n) (c.name === 'ingress-zone' ? ingress : egress).push({ value: n, span: r.span(c) });
    return true;
  });
  if (!root) return { diagnostics: r.diagnostics };
  const t = attr(root, 'target');
  let target: Policy['target'] = { value: 'CONTINUE' };
  if (!t) r.note(root, 'error', 'a policy needs the attribute target: firewalld refuses the whole configuration ("Missing attribute target for policy") and falls back to its stock one; analysed with CONTINUE');
  if (t) {
    if (!POLICY_TARGETS.includes(t.value)) r.note(root, 'error', `policy target "${t.value}" is not CONTINUE, ACCEPT, DROP or REJECT; CONTINUE is used`);
    else target = { value: t.value as PolicyTarget, span: spanOf(r.doc, t.start, t.end) };
  }
  const pr = attr(root, 'priority')?.value;
  let priority = -1;
  if (pr !== undefined) {
    if (!/^-?\d+$/.test(pr.trim())) r.note(root, 'error', `policy priority "${pr}" is not an integer; -1 is used`);
    else priority = Number(pr);
  }
  const policy: Policy = { name: nameOfFile(f.file), file: f.file, span: r.span(root), ...acc, ingress, egress, target, priority };
  return { policy, diagnostics: r.diagnostics };
}

export function readService(f: FwText): { service?: ServiceDef; diagnostics: CoreDiagnostic[] } {
  const { r, root } = openDocument(f, 'service');
  if (!root) return { diagnostics: r.diagnostics };
  const ports: ServicePort[] = [];
  const protocols: string[] = [];
  const helpers: string[] = [];
  let destination: ServiceDef['destination'];
  for (const c of root.children) {
    if (c.name === 'port') {
      const p = readPort(r, c);
      if (p) ports.push({ port: p.port, protocol: p.protocol as ServicePort['protocol'] });
    } else if (c.name === 'protocol') {
      const v = r.need(c, 'value');
      if (v) protocols.push(v);
    } else if (c.name === 'destination') destination = { ipv4: attr(c, 'ipv4')?.value, ipv6: attr(c, 'ipv6')?.value };
    else if (c.name === 'helper' || c.name === 'module') helpers.push(attr(c, 'name')?.value ?? '?');
    else if (c.name === 'include') r.note(c, 'warning', 'service includes are not modelled');
  }
  return { service: { name: nameOfFile(f.file), ports, protocols, helpers, destination, file: f.file }, diagnostics: r.diagnostics };
}

const yes = (v: string): boolean => /^(yes|true)$/i.test(v.trim());

/** `firewalld.conf`; without it, firewalld 1.3's defaults (announced by the caller). */
export function readSettings(f: FwText | undefined): { settings: FwSettings; diagnostics: CoreDiagnostic[]; values: Map<string, Located<string>> } {
  const values = new Map<string, Located<string>>();
  const diagnostics: CoreDiagnostic[] = [];
  if (f) {
    const lines = new LineIndex(f.text);
    let off = 0;
    for (const line of f.text.split('\n')) {
      const m = /^\s*([A-Za-z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line.replace(/\r$/, ''));
      if (m && !line.trim().startsWith('#')) {
        values.set(m[1], { value: m[2].replace(/^"(.*)"$/, '$1'), span: lines.span(f.file, off, off + line.replace(/\r$/, '').length) });
      } else if (line.trim() && !line.trim().startsWith('#')) diagnostics.push({ span: lines.span(f.file, off, off + line.length), severity: 'warning', code: 'firewalld', message: 'not a KEY=value line; ignored (firewalld ignores it too)' });
      off += line.length + 1;
    }
  }
  const get = (k: string) => values.get(k);
  const bool = (k: string, dflt: boolean) => (get(k) ? yes(get(k)!.value) : dflt);
  const sfp = get('StrictForwardPorts');
  const settings: FwSettings = {
    defaultZone: get('DefaultZone') ?? { value: 'public' },
    backend: get('FirewallBackend') ?? { value: 'nftables' },
    ipv6Rpfilter: get('IPv6_rpfilter') ? !/^no$/i.test(get('IPv6_rpfilter')!.value) : true,
    rfc3964: bool('RFC3964_IPv4', true),
    allowZoneDrifting: get('AllowZoneDrifting') ? { value: yes(get('AllowZoneDrifting')!.value), span: get('AllowZoneDrifting')!.span } : { value: false },
    strictForwardPorts: sfp ? { value: yes(sfp.value), span: sfp.span } : undefined,
    logDenied: get('LogDenied')?.value ?? 'off',
  };
  return { settings, diagnostics, values };
}
