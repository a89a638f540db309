/**
 * Hover texts (markdown):
 * - on a compose port item: who reaches it (a table: interface and sources × IPv4 / IPv6), then
 *   each distinct path as numbered phases (hook · table · chain, rule with its file:line or Docker's
 *   provenance, or the policy, with verdict and NAT rewrite), and the final verdict with its reason;
 * - on a ruleset rule or chain: hook, priority and policy of its chain, which published ports
 *   traverse it, which match the rule, which never get there, and why;
 * - on a finding's range: the finding's documentation.
 */
import type { CheckResult } from '../core/check';
import type { Finding } from '../core/findings';
import { RULES } from '../core/findings';
import { describeClass } from '../core/findings/describe';
import type { Chain, Rule, Ruleset, Table } from '../core/netfilter/model';
import { type Span, shownRule } from '../core/text';
import { docsUrl } from './convert';
import { classesOf, itemText, pathGroups, reachSummary, stepPlace, stepText, verdictLine, type PortItem, type ProbedClass } from './ports';

export type Link = (span: Span) => string;

function cell(p: ProbedClass): string {
  const c = p.cls;
  if (c.verdict === 'accept') return `✅ ${c.delivery === 'local' ? 'local socket' : `reaches ${c.final.daddr.includes(':') ? `[${c.final.daddr}]` : c.final.daddr}:${c.final.dport}`}`;
  if (c.verdict === 'drop') return c.replyDropped ? '⛔ replies dropped' : '⛔ dropped';
  return `❔ unknown`;
}

const MAX_GROUPS = 4;

export function portHover(item: PortItem, result: CheckResult, link: Link): string {
  const b = item.reports[0].binding;
  const out: string[] = [];
  const backend = result.analysis.docker.backend;
  out.push(`**${item.service}** \`${itemText(item)}\` → container \`${b.containerIp}:${b.containerPort}/${b.proto}\` (Docker ${result.analysis.dockerVersion}, ${backend} backend)`);
  out.push('', `${reachSummary(item)}`);
  const all = classesOf(item);
  if (all.length) {
    // Table: one row per interface and sources, one column per destination address.
    const cols = [...new Set(all.map((p) => `${p.family}|${p.daddr}`))];
    const colOf = (p: ProbedClass) => `${p.family}|${p.daddr}`;
    const rows = new Map<string, Map<string, string>>();
    for (const p of all) {
      const label = p.cls.anySource ? `${p.cls.iif} (any)` : describeClass(p.cls).replace(/\(from /, '(');
      let r = rows.get(label);
      if (!r) rows.set(label, (r = new Map()));
      r.set(colOf(p), cell(p));
    }
    const header = cols.map((c) => {
      const [fam, addr] = c.split('|');
      return `IPv${fam} \`${addr}\``;
    });
    out.push('', `| from | ${header.join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`);
    for (const [label, r] of rows) out.push(`| ${label} | ${cols.map((c) => r.get(c) ?? '—').join(' | ')} |`);
  }
  const groups = pathGroups(item);
  groups.slice(0, MAX_GROUPS).forEach((g, gi) => {
    const who = g.members.map((m) => `${m.cls.iif} ${m.cls.anySource ? 'any' : describeClass(m.cls).replace(/^\S+ \(from |\)$/g, '')} IPv${m.family}`);
    out.push('', `**Path${groups.length > 1 ? ` ${gi + 1}` : ''}** (${[...new Set(who)].join('; ')}):`, '');
    const numbered = (steps: typeof g.result.steps): void => {
      let n = 0;
      const priority = new Map<string, number>();
      for (const s of steps) {
        if (s.kind === 'chain') {
          priority.set(stepPlace(s), s.priority);
          continue;
        }
        const text = stepText(s, link);
        if (!text) continue;
        const place = stepPlace(s);
        const prio = priority.get(place);
        out.push(`${++n}. ${place ? `${place}${prio !== undefined ? ` (prio ${prio})` : ''}: ` : ''}${text}`);
      }
    };
    numbered(g.result.steps);
    out.push('', `→ ${verdictLine(g.result, link)}`);
    const reply = g.result.verdict === 'accept' ? g.result.reply : undefined;
    if (reply) {
      out.push('', `**Reply** (from \`${g.result.final.daddr}\` back to the client):`, '');
      numbered(reply.steps);
      out.push('', `→ reply ${verdictLine(reply, link)}${g.members[0].cls.replyDropped ? ': the connection does not work' : ''}`);
    }
    const base = g.members[0].cls.baseline;
    if (base && base.verdict !== g.result.verdict) out.push(`  (without Docker's rules: ${verdictLine(base, link)})`);
  });
  if (groups.length > MAX_GROUPS) out.push('', `…and ${groups.length - MAX_GROUPS} more paths (\`Dockwall: Show packet path\` shows them all).`);
  return out.join('\n');
}

/** The finding's documentation, for a hover over its range. */
export function findingHover(f: Finding, withPath = true): string {
  const rule = RULES.find((r) => r.code === f.code);
  if (!rule) return `**${f.code}** ${f.message}`;
  const path = withPath && f.path?.length ? ['', 'Path:', ...f.path.map((p, i) => `${i + 1}. ${p.text}`)] : [];
  return [`**${rule.code} ${rule.title}** ([docs](${docsUrl(rule.code)}))`, ...path, '', rule.doc].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Rules and chains

interface Located {
  readonly table: Table;
  readonly chain: Chain;
  readonly rule?: Rule;
}

const within = (s: Span | undefined, file: string, offset: number): s is Span => !!s && s.file === file && s.start <= offset && offset <= s.end;

/**
 * The innermost rule of `file` at `offset` in the ruleset; else the chain whose declaration is at
 * the offset, counting the lines between a chain's header and its first rule (nft's `type … hook …
 * policy …` line) as the declaration.
 */
export function locate(ruleset: Ruleset, file: string, offset: number, lineOf: (offset: number) => number): Located | undefined {
  let best: Located | undefined;
  let size = Infinity;
  for (const table of ruleset.tables)
    for (const chain of table.chains.values())
      for (const rule of chain.rules)
        if (within(rule.span, file, offset) && rule.span.end - rule.span.start < size) {
          best = { table, chain, rule };
          size = rule.span.end - rule.span.start;
        }
  if (best) return best;
  const line = lineOf(offset);
  for (const table of ruleset.tables)
    for (const chain of table.chains.values()) {
      const s = chain.span;
      if (!s || s.file !== file || offset < s.start) continue;
      const first = chain.rules.find((r) => r.span.file === file && r.span.start > s.start);
      const inHeader = offset <= s.end || (first ? offset < first.span.start && line < first.span.range.start.line : line <= s.range.end.line + 1);
      if (inHeader) return { table, chain };
    }
  return undefined;
}

const placeKey = (t: { backend: string; family: string; table: string; chain: string }): string => `${t.backend}:${t.family}:${t.table}:${t.chain}`;

/** Port label (`db 5432/tcp`) → the IP versions concerned. */
type PortSet = Map<string, Set<number>>;

interface Traversal {
  /** Chains the simulated packets of each published port entered, by place key. */
  readonly chains: Map<string, PortSet>;
  /** Rules that matched, by `file:start`. */
  readonly rules: Map<string, PortSet>;
  /** Every published port that was probed from outside, with its versions. */
  readonly ports: PortSet;
  /** Ports (and versions) some of whose packets are forwarded (to a container, after Docker's DNAT). */
  readonly forwarded: PortSet;
}

const traversals = new WeakMap<CheckResult, Traversal>();
const addTo = (m: PortSet, label: string, fam: number): void => void (m.get(label) ?? m.set(label, new Set()).get(label)!).add(fam);

/** Which chains and rules the simulated packets of every published port went through. */
export function traversal(result: CheckResult): Traversal {
  let t = traversals.get(result);
  if (t) return t;
  const tr: Traversal = { chains: new Map(), rules: new Map(), ports: new Map(), forwarded: new Map() };
  const at = (m: Map<string, PortSet>, k: string): PortSet => m.get(k) ?? m.set(k, new Map()).get(k)!;
  for (const r of result.analysis.ports) {
    const label = `${r.service} ${r.binding.hostPort}/${r.binding.proto}`;
    for (const p of r.probes)
      for (const c of p.classes) {
        addTo(tr.ports, label, p.family);
        if (c.delivery === 'forward') addTo(tr.forwarded, label, p.family);
        for (const s of c.example.steps) {
          if (s.kind === 'chain' || s.kind === 'policy' || s.kind === 'rule') addTo(at(tr.chains, placeKey(s)), label, p.family);
          if (s.kind !== 'rule') continue;
          addTo(at(tr.rules, `${s.rule.span.file}:${s.rule.span.start}`), label, p.family);
          const m = /^(?:jump|goto) (.+)$/.exec(s.verdict);
          if (m) addTo(at(tr.chains, placeKey({ ...s, chain: m[1] })), label, p.family);
        }
      }
  }
  traversals.set(result, tr);
  return tr;
}

/** Base chains and rules that jump or go to `chain` (same table). */
function callers(table: Table, name: string): { chain: Chain; rule: Rule }[] {
  const out: { chain: Chain; rule: Rule }[] = [];
  for (const c of table.chains.values())
    for (const r of c.rules)
      for (const st of r.statements) {
        const targets: string[] = [];
        if (st.kind === 'verdict' && st.verdict.target) targets.push(st.verdict.target);
        if (st.kind === 'vmap' && st.map.kind === 'inline') for (const e of st.map.elements) if (e.data && 'verdict' in e.data && e.data.target) targets.push(e.data.target);
        if (targets.includes(name)) out.push({ chain: c, rule: r });
      }
  return out;
}

/** `db 5432/tcp`, with `(IPv6)` when only some of the port's versions are concerned. */
function list(set: PortSet, all: PortSet, max = 8): string {
  const a = [...set].map(([label, fams]) => (fams.size < (all.get(label)?.size ?? 0) ? `${label} (IPv${[...fams][0]})` : label));
  return a.slice(0, max).map((x) => `\`${x}\``).join(', ') + (a.length > max ? `, +${a.length - max} more` : '');
}

const merge = (into: PortSet, from: PortSet | undefined): void => from?.forEach((fams, label) => fams.forEach((f) => addTo(into, label, f)));

/** Hover of a rule or chain; `results` are the analyses of the projects this ruleset is paired with. */
export function rulesetHover(loc: Located, results: readonly CheckResult[], link: Link): string {
  const { table, chain, rule } = loc;
  const out: string[] = [];
  const tname = `${table.ref.backend === 'legacy' ? 'legacy ' : ''}${table.ref.family} ${table.ref.name}`;
  if (chain.base) {
    const b = chain.base;
    out.push(`**chain ${chain.name}** (table ${tname}): type ${b.type}, hook **${b.hook}**, priority ${b.priorityText ?? b.priority}${b.priorityText && b.priorityText !== String(b.priority) ? ` (${b.priority})` : ''}, policy **${b.policy}**`);
  } else {
    const from = callers(table, chain.name);
    out.push(`**chain ${chain.name}** (table ${tname}): regular chain${from.length ? `, reached from ${[...new Set(from.map((f) => f.chain.name))].map((n) => `\`${n}\``).join(', ')}` : ', not jumped to from anywhere in this table'}`);
  }
  if (rule) out.push('', `rule \`${shownRule(rule.text)}\`${rule.origin ? ` — _${rule.origin}_` : ''}`);
  if (!results.length) {
    out.push('', '_This ruleset is not paired with any compose project: no published ports to follow._');
    return out.join('\n');
  }
  const key = placeKey({ backend: table.ref.backend, family: table.ref.family, table: table.ref.name, chain: chain.name });
  const traversed: PortSet = new Map();
  const matched: PortSet = new Map();
  const ports: PortSet = new Map();
  const forwarded: PortSet = new Map();
  for (const r of results) {
    const t = traversal(r);
    merge(ports, t.ports);
    merge(forwarded, t.forwarded);
    merge(traversed, t.chains.get(key));
    if (rule) merge(matched, t.rules.get(`${rule.span.file}:${rule.span.start}`));
  }
  // Ports that never get here: forwarded ones (an input chain's usual surprise) and the others.
  const neverFwd: PortSet = new Map();
  const never: PortSet = new Map();
  for (const [label, fams] of ports) for (const f of fams) if (!traversed.get(label)?.has(f)) addTo(chain.base?.hook === 'input' && forwarded.get(label)?.has(f) ? neverFwd : never, label, f);
  out.push('');
  if (!ports.size) out.push('No published port of the paired compose projects is reachable from outside to follow.');
  else {
    out.push(`- traversed by published ports: ${traversed.size ? list(traversed, ports) : '_none_'}`);
    if (rule) out.push(`- rule matched by: ${matched.size ? list(matched, ports) : '_none of them_'}`);
    if (neverFwd.size) out.push(`- never traversed by ${list(neverFwd, ports)}: Docker DNATs them in prerouting, so they are forwarded to the container and never reach the input hook`);
    if (never.size) out.push(`- never traversed by ${list(never, ports)}`);
    if (rule && !matched.size) out.push('', traversed.size ? "_No published port's packets match this rule: it is passed over._" : "_No published port's packets ever reach this rule._");
  }
  return out.join('\n');
}
