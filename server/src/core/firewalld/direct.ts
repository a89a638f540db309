/**
 * firewalld's direct interface (`/etc/firewalld/direct.xml`): chains, rules and passthroughs that
 * firewalld hands to iptables / ip6tables as they are written. With the nftables backend they land
 * in the iptables-nft tables (`ip filter`, `ip nat`, ...), beside firewalld's own `inet firewalld`,
 * which is what the real firewalld 1.3.3 does (checked with `iptables-save` on the host):
 * - `<chain ipv table chain/>` creates a user chain (e.g. DOCKER-USER before dockerd starts);
 * - `<rule ipv table chain priority>ARGS</rule>` is appended to that chain, rules of one chain in
 *   the order of their priority (ties in file order); a rule for a built-in chain (FORWARD) goes
 *   into that chain itself, so it comes after the rules Docker inserts at the top;
 * - `<passthrough ipv>ARGS</passthrough>` is the iptables command ARGS (`-t TABLE` optional).
 * Chains first, then rules, then passthroughs. Each family becomes one iptables-restore text in a
 * virtual file, restored with --noflush (the commands add to what is there), and each rule is
 * cited at its element in direct.xml. `ipv="eb"` (ebtables) is announced and left out.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { lowerIptablesText } from '../netfilter/lower-iptables';
import type { Fragment, Op, Rule } from '../netfilter/model';
import type { Languages } from '../syntax/languages';
import type { Span } from '../text';
import type { FwText } from './config';
import { attr, parseXml, spanOf, type XmlElement } from './xml';

export const DIRECT_FILES = { ip: '<firewalld direct>', ip6: '<firewalld direct6>' } as const;

const TABLES = ['filter', 'nat', 'mangle', 'raw', 'security'] as const;
const FAMILIES: Record<string, 'ip' | 'ip6' | undefined> = { ipv4: 'ip', ipv6: 'ip6' };

export interface DirectChain {
  readonly family: 'ip' | 'ip6';
  readonly table: string;
  readonly chain: string;
  readonly span: Span;
}

export interface DirectRule extends DirectChain {
  readonly priority: number;
  readonly args: string;
}

export interface DirectPassthrough {
  readonly family: 'ip' | 'ip6';
  readonly args: string;
  readonly span: Span;
}

export interface DirectConfig {
  readonly chains: readonly DirectChain[];
  readonly rules: readonly DirectRule[];
  readonly passthroughs: readonly DirectPassthrough[];
}

/** One family's direct configuration as iptables loads it. */
export interface DirectSource {
  readonly file: string;
  readonly text: string;
  readonly fragment: Result<Fragment>;
}

/** Reads direct.xml; what firewalld would refuse or what is not modelled is a diagnostic. */
export function readDirect(f: FwText): { value: DirectConfig; diagnostics: CoreDiagnostic[] } {
  const doc = parseXml(f.file, f.text);
  const diagnostics: CoreDiagnostic[] = [...doc.diagnostics];
  const chains: DirectChain[] = [];
  const rules: DirectRule[] = [];
  const passthroughs: DirectPassthrough[] = [];
  const note = (e: XmlElement, severity: CoreDiagnostic['severity'], message: string): void => {
    diagnostics.push({ span: spanOf(doc, e.start, e.end), severity, code: 'firewalld', message });
  };
  const root = doc.root;
  if (root && root.name !== 'direct') note(root, 'error', `direct.xml holds a <direct> element, not <${root.name}>; left out`);
  else {
    for (const c of root?.children ?? []) {
      if (c.name !== 'chain' && c.name !== 'rule' && c.name !== 'passthrough') {
        note(c, 'warning', `<${c.name}> in direct.xml is not modelled; left out`);
        continue;
      }
      const ipv = attr(c, 'ipv')?.value;
      const family = ipv === undefined ? undefined : FAMILIES[ipv];
      if (!family) {
        note(c, ipv === 'eb' ? 'warning' : 'error', ipv === 'eb' ? 'ebtables direct rules are not modelled; left out' : `ipv="${ipv ?? ''}" is not ipv4, ipv6 or eb; firewalld refuses this direct configuration`);
        continue;
      }
      const span = spanOf(doc, c.start, c.end);
      if (c.name === 'passthrough') {
        if (c.text) passthroughs.push({ family, args: oneLine(c.text), span });
        else note(c, 'error', 'an empty passthrough; firewalld refuses it');
        continue;
      }
      const table = attr(c, 'table')?.value ?? '';
      const chain = attr(c, 'chain')?.value ?? '';
      if (!(TABLES as readonly string[]).includes(table) || !chain) {
        note(c, 'error', `<${c.name}> needs a table (${TABLES.join(', ')}) and a chain; firewalld refuses this direct configuration`);
        continue;
      }
      if (c.name === 'chain') {
        chains.push({ family, table, chain, span });
        continue;
      }
      const p = attr(c, 'priority')?.value ?? '';
      if (!/^-?\d+$/.test(p.trim())) {
        note(c, 'error', `priority "${p}" is not an integer; firewalld refuses this direct configuration`);
        continue;
      }
      if (!c.text) {
        note(c, 'error', 'a direct rule without arguments; firewalld refuses it');
        continue;
      }
      rules.push({ family, table, chain, priority: Number(p.trim()), args: oneLine(c.text), span });
    }
  }
  return { value: { chains, rules, passthroughs }, diagnostics };
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** `-t TABLE` / `--table TABLE` taken out of a passthrough's arguments. */
function passthroughTable(args: string): { table: string; rest: string } {
  const m = /(?:^|\s)(?:-t|--table)\s+(\S+)(?=\s|$)/.exec(args);
  if (!m) return { table: 'filter', rest: args };
  return { table: m[1], rest: oneLine(args.slice(0, m.index) + ' ' + args.slice(m.index + m[0].length)) };
}

/** The iptables-restore text of one family's direct configuration (undefined: nothing in it). */
function render(d: DirectConfig, family: 'ip' | 'ip6'): { text: string; origins: Map<number, Span> } | undefined {
  const sections = new Map<string, { decl: string[]; lines: { text: string; origin: Span }[] }>();
  const section = (t: string) => {
    let s = sections.get(t);
    if (!s) sections.set(t, (s = { decl: [], lines: [] }));
    return s;
  };
  for (const c of d.chains) if (c.family === family) section(c.table).decl.push(`:${c.chain} - [0:0]`);
  // rules of one chain by priority, ties in file order (Array.sort is stable)
  const rules = d.rules.filter((r) => r.family === family).sort((a, b) => a.priority - b.priority);
  for (const r of rules) section(r.table).lines.push({ text: `-A ${r.chain} ${r.args}`, origin: r.span });
  for (const p of d.passthroughs) {
    if (p.family !== family) continue;
    const { table, rest } = passthroughTable(p.args);
    section(table).lines.push({ text: rest, origin: p.span });
  }
  if (!sections.size) return undefined;
  const out: string[] = [];
  const origins = new Map<number, Span>();
  for (const [table, s] of sections) {
    out.push(`*${table}`, ...s.decl);
    for (const l of s.lines) {
      origins.set(out.length, l.origin);
      out.push(l.text);
    }
    out.push('COMMIT');
  }
  return { text: out.join('\n') + '\n', origins };
}

/** The fragment with each rule of a rendered line cited at the element it comes from. */
export function recite(fragment: Fragment, origins: Map<number, Span>): Fragment {
  const ops = fragment.ops.map((op): Op => {
    if (op.op !== 'addRule') return op;
    const origin = origins.get(op.rule.span.range.start.line);
    if (!origin) return op;
    const rule: Rule = { ...op.rule, span: origin };
    return { ...op, rule };
  });
  return { ...fragment, ops };
}

/** The direct configuration as the iptables-nft tables it fills, one source per family. */
export function lowerDirect(d: DirectConfig, languages: Languages | undefined): DirectSource[] {
  const out: DirectSource[] = [];
  for (const family of ['ip', 'ip6'] as const) {
    const r = render(d, family);
    if (!r) continue;
    const file = DIRECT_FILES[family];
    const lowered = lowerIptablesText(file, r.text, languages, { family, backend: 'nft', noflush: true });
    out.push({ file, text: r.text, fragment: { value: recite(lowered.value, r.origins), diagnostics: lowered.diagnostics } });
  }
  return out;
}
