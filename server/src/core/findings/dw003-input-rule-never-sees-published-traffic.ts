/**
 * DW003 input-rule-never-sees-published-traffic
 *
 * A rule on the input path (an nft chain on the input hook, iptables INPUT, ufw's `ufw-user-input`,
 * any chain they jump to) that matches the host port of a published binding: Docker DNATs that
 * traffic in prerouting, the packet is forwarded to the container, and the rule never sees it.
 *
 * Decided by simulation, not by reading: for every class of published traffic (ingress interface ×
 * sources the rules distinguish) the packet is simulated through the admin's rules alone (the
 * baseline, where it is delivered locally) and through the admin's rules with Docker's. A rule is
 * reported when
 * - it matched the packet in the baseline, on the input hook, and it has a destination-port match
 *   that names the host port (a rule that matches everything, such as a final `drop`, is not about
 *   the port);
 * - with Docker's rules the packet is routed to the container (forwarded), so the input hook is
 *   never crossed;
 * - and what the rule would have done differs from what now happens: a `drop`/`reject`/`accept`
 *   rule whose verdict is not the packet's verdict now, or another rule (`jump`, `log`, ...) on a
 *   path whose verdict changed. An input `accept` for a port Docker accepts anyway is consistent
 *   and not reported.
 * Bindings to a loopback address are not reported: only local traffic reaches them, and that goes
 * through docker-proxy on the input path.
 *
 * Fixtures: test/unit/fixtures/findings/dw003-*.
 */
import type { PortReport } from '../analysis';
import { parseIp, isLoopback } from '../net/ip';
import type { Chain, Rule, Ruleset, Table } from '../netfilter/model';
import type { ReachClass } from '../netfilter/reach';
import type { TraceStep } from '../netfilter/trace';
import type { RelatedInfo } from '../diagnostics';
import type { Span } from '../text';
import { describeClasses } from './describe';
import { dportMatches, isAdminRule, ruleSpan, where } from './ruleset-fixes';
import type { FindingContext, FindingRule } from './rule';
import type { Finding } from './types';

type RuleStep = TraceStep & { kind: 'rule' };

const PORT_FIELDS: ReadonlySet<string> = new Set(['th.dport', 'ct.original.proto-dst']);

function forwarded(c: ReachClass): boolean {
  return c.example.steps.some((s) => s.kind === 'route' && s.decision === 'forward');
}

function normal(v: string): string {
  return v === 'reject' ? 'drop' : v;
}

/** Whether the rule's effect on this class is lost now that the packet is forwarded. */
function effectLost(step: RuleStep, c: ReachClass): boolean {
  if (c.verdict === 'unknown' || !c.baseline || c.baseline.verdict === 'unknown') return false;
  const v = normal(step.verdict);
  if (v === 'accept' || v === 'drop') return c.verdict !== v;
  return c.verdict !== c.baseline.verdict;
}

/**
 * The admin's rules by their span object (trace steps refer to a rule by its own span), once per
 * baseline ruleset (the server keeps it across compose edits). A step names the table and chain
 * its rule stands in (kept results are moved to the same places, reuse.ts), so only the chains steps
 * stand in are indexed.
 */
class RulesBySpan {
  /** The table the last step stood in: a class's steps stand in few tables, mostly one after the other. */
  private last: Table | undefined;

  constructor(private readonly ruleset: Ruleset) {}

  get(s: RuleStep): { rule: Rule; table: Table; chain: Chain } | undefined {
    const place = this.chainOf(s);
    const rule = place && rulesOf(place.chain).get(s.rule.span);
    return rule && { rule, table: place.table, chain: place.chain };
  }

  /** The table and chain a step stands in. */
  chainOf(s: RuleStep): { table: Table; chain: Chain } | undefined {
    const at = (t: Table): boolean => t.ref.family === s.family && t.ref.name === s.table && t.ref.backend === s.backend;
    let table = this.last && at(this.last) ? this.last : undefined;
    if (!table) {
      for (const t of this.ruleset.tables) {
        if (!at(t) || !t.chains.has(s.chain)) continue;
        table = this.last = t;
        break;
      }
      if (!table) return undefined;
    }
    const chain = table.chains.get(s.chain);
    return chain && { table, chain };
  }
}

/**
 * A chain's rules by span object, per chain object: the build keeps a chain an edit did not touch
 * as the same object, with the same rules, so the next ruleset's steps find them without a new map.
 */
const chainRules = new WeakMap<Chain, Map<Span, Rule>>();
function rulesOf(c: Chain): Map<Span, Rule> {
  let m = chainRules.get(c);
  if (!m) chainRules.set(c, (m = new Map(c.rules.map((r) => [r.span, r]))));
  return m;
}
const bySpan = new WeakMap<Ruleset, RulesBySpan>();
function rulesBySpan(ruleset: Ruleset): RulesBySpan {
  let m = bySpan.get(ruleset);
  if (!m) bySpan.set(ruleset, (m = new RulesBySpan(ruleset)));
  return m;
}

type Hit = { readonly c: ReachClass; readonly s: RuleStep; readonly rule: Rule };

/**
 * The input rules about `port` whose effect the classes lose, in order. Per classes array (the
 * analysis keeps a binding's classes across edits that do not touch it), with what they were read
 * from: the chains the classes' input steps stand in (one step of each, to find the chain again).
 * After a ruleset edit, kept classes whose steps stand in the same chain objects meet the same
 * rules (the build keeps a chain the edit did not touch), unless a rule matches the port with a
 * named set, whose elements are the table's, not the chain's.
 */
interface KeptHits {
  readonly port: number;
  byRule: RulesBySpan;
  readonly hits: readonly Hit[];
  readonly chains: ReadonlyMap<Chain, RuleStep>;
  /** Read from more than the chains (a set's elements, a rule not found): for `byRule`'s ruleset only. */
  readonly onlyHere: boolean;
}
const hitMemo = new WeakMap<readonly ReachClass[], KeptHits>();

function hitsOf(classes: readonly ReachClass[], port: number, byRule: RulesBySpan): readonly Hit[] {
  const kept = hitMemo.get(classes);
  if (kept && kept.port === port) {
    if (kept.byRule === byRule) return kept.hits;
    if (!kept.onlyHere && [...kept.chains].every(([chain, s]) => byRule.chainOf(s)?.chain === chain)) {
      kept.byRule = byRule;
      return kept.hits;
    }
  }
  const hits: Hit[] = [];
  const chains = new Map<Chain, RuleStep>();
  let onlyHere = false;
  for (const c of classes) {
    if (!forwarded(c) || !c.baseline) continue;
    for (const s of c.baseline.steps) {
      if (s.kind !== 'rule' || s.hook !== 'input') continue;
      const hit = byRule.get(s);
      if (!hit) {
        onlyHere = true;
        continue;
      }
      if (!chains.has(hit.chain)) chains.set(hit.chain, s);
      if (!isAdminRule(hit.rule)) continue;
      if (hit.rule.statements.some((st) => st.kind === 'match' && st.right.kind === 'setref' && st.left.kind === 'field' && PORT_FIELDS.has(st.left.field))) onlyHere = true;
      if (!dportMatches(hit.rule, port, hit.table, PORT_FIELDS).length) continue;
      if (!effectLost(s, c)) continue;
      hits.push({ c, s, rule: hit.rule });
    }
  }
  hitMemo.set(classes, { port, byRule, hits, chains, onlyHere });
  return hits;
}

export const dw003: FindingRule = {
  code: 'DW003',
  name: 'input-rule-never-sees-published-traffic',
  title: 'Input rule never sees published traffic',
  defaultSeverity: 'warning',
  doc: [
    'This rule sits on the input path and matches a port that Docker publishes. Docker DNATs published',
    'traffic in nat PREROUTING, before the routing decision: the packet is then addressed to the container,',
    'forwarded, and never crosses the input hook. The rule has no effect on that traffic.',
    '',
    'Filter published traffic on the forward path instead, on its original destination: in nftables',
    '`meta l4proto tcp ct original proto-dst 5432 drop` in a chain on the forward hook, in iptables',
    '`-I DOCKER-USER -p tcp -m conntrack --ctorigdstport 5432 -j DROP`; or bind the port to an address.',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const a = ctx.analysis;
    const byRule = rulesBySpan(a.adminRuleset);

    const found = new Map<string, { step: RuleStep; rule: Rule; report: PortReport; classes: ReachClass[] }>();
    for (const report of a.ports) {
      const b = report.binding;
      if (!report.port || b.hostPort <= 0) continue;
      const ip = parseIp(b.hostIp);
      if (ip && isLoopback(ip)) continue;
      for (const probe of report.probes)
        for (const { c, s, rule } of hitsOf(probe.classes, b.hostPort, byRule)) {
          const key = `${s.rule.span.file}:${s.rule.span.start}|${report.port.source.item.file}:${report.port.source.item.start}`;
          const e = found.get(key) ?? { step: s, rule, report, classes: [] as ReachClass[] };
          e.classes.push(c);
          found.set(key, e);
        }
    }

    const out: Finding[] = [];
    for (const { step, rule, report, classes } of found.values()) {
      const b = report.binding;
      const port = report.port!;
      const first = classes[0];
      const v = normal(step.verdict);
      const instead = v === 'accept' || v === 'drop' ? `the rule's ${v}` : `being ${first.baseline!.verdict === 'drop' ? 'dropped' : 'accepted'} as without Docker`;
      const now = first.verdict === 'accept' ? `reaches the container (${first.final.daddr}:${first.final.dport})` : `is dropped on the forward path`;
      const item = port.source.item;
      const related: RelatedInfo[] = [{ span: item, message: `service ${report.service} publishes ${b.proto}/${b.hostPort} here` }];
      out.push({
        span: ruleSpan(ctx, rule),
        severity: 'warning',
        code: 'DW003',
        message:
          `this input rule never sees ${b.proto}/${b.hostPort} published by service ${report.service} (${where(item)}): ` +
          `Docker DNATs it to ${first.final.daddr}:${first.final.dport} before routing, so the packet is forwarded; ` +
          `traffic from ${describeClasses(classes)} ${now} instead of ${instead}`,
        related,
        summary: `This input rule never sees port ${b.hostPort}/${b.proto} of service ${report.service}: Docker sends that traffic past the input chain.`,
        explanation: `Docker rewrites the destination to the container at ${first.final.daddr}:${first.final.dport} (DNAT) before the host decides where a packet goes, so the packets are forwarded and this rule in the input chain never runs for them.`,
      });
    }
    return out;
  },
};
