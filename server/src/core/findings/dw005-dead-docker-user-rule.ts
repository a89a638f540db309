/**
 * DW005 dead-docker-user-rule
 *
 * A rule of the admin's that never runs, in the ruleset as it is on the host (the admin's files and
 * Docker's rules merged in load order):
 * - after an unconditional end of its chain (`return`, `accept`, `drop`, `reject`, `goto` with no
 *   match before it). The classic case: Docker ≤ 28.2 appends `-j RETURN` to DOCKER-USER when it
 *   creates it, so an admin's `-A DOCKER-USER ...` / `add rule ip filter DOCKER-USER ...` loaded after
 *   Docker lands behind that RETURN and is dead. Fix (when the end is Docker's and the rules were
 *   appended): insert them at the top instead, keeping their order (`insert rule`, then
 *   `add rule ... index k`; `-I DOCKER-USER`, `-I DOCKER-USER k`);
 * - in a regular chain that no running chain jumps or goes to (directly or through other chains,
 *   verdict maps included: keyed by a drawn number, kube-proxy's `numgen random mod N vmap`, or by
 *   a field the simulator does not follow, their verdicts are calls all the same). Reported once per chain. ufw's own chains (`ufw-*`, `ufw6-*`) are left
 *   alone: ufw declares some that only its `limit` rules use.
 * - in a base chain of a dormant table (information: `flags dormant` switches the table off).
 * Only rules from the admin's files are reported, never Docker's synthesized ones. A table whose
 * rules jump through a verdict map filled at run time is not judged for unreachable chains.
 *
 * Fixtures: test/unit/fixtures/findings/dw005-*.
 */
import { type TableGraph, tableGraph } from '../netfilter/chain-graph';
import { chainsToCheck } from '../netfilter/table-origin';
import type { Chain, Op, Rule, Table } from '../netfilter/model';
import type { RelatedInfo } from '../diagnostics';
import { type Span, shownRule } from '../text';
import { hasHiddenCalls, insertInsteadOfAppendEdits, isAdminRule, isDormant, isRealFile, opOf, ruleSpan, where } from './ruleset-fixes';
import type { FindingContext, FindingRule } from './rule';
import type { Finding, Fix, TextEdit } from './types';

const ENDS = new Set(['accept', 'drop', 'reject', 'return', 'goto']);

/** A rule that ends the chain for every packet: only counters, comments, logging, marks and a final verdict. */
function endsChain(rule: Rule): string | undefined {
  let verdict: string | undefined;
  for (const s of rule.statements) {
    if (s.kind === 'nop' || s.kind === 'set') continue;
    if (s.kind === 'verdict' && ENDS.has(s.verdict.verdict)) verdict = s.verdict.verdict;
    else return undefined;
  }
  return verdict;
}

function chainSpan(ctx: FindingContext, chain: Chain, firstAdmin: Rule): Span {
  const s = chain.span;
  if (isRealFile(s) && s.end - s.start >= 5 && ctx.texts.get(s.file)?.startsWith('chain', s.start)) return s;
  return ruleSpan(ctx, firstAdmin);
}

/*
 * Per chain object (a rebuilt ruleset keeps the objects of chains whose rules did not change, and an
 * unchanged admin rule comes from the same text): chains without dead rules, and the finding for a
 * chain that never runs, by its reason.
 */
const clean = new WeakSet<Chain>();
const unreached = new WeakMap<Chain, { graph: TableGraph; why: string; table: Table['ref']; finding?: Finding }>();
/*
 * Per table object (a rebuilt ruleset keeps the tables that did not change: after a compose edit,
 * the admin's, often of thousands of chains): every chain clean.
 */
const cleanTables = new WeakSet<Table>();
/*
 * Per call graph (the same object for a rebuilt table whose chains call the same chains: a table
 * that holds both the admin's chains and Docker's is rebuilt after every compose edit), the chains
 * that never run, by name; and the findings for them, with the chain objects they were made from.
 */
const idleNames = new WeakMap<TableGraph, readonly string[]>();
const unreachedIn = new WeakMap<TableGraph, { table: Table['ref']; chains: readonly (Chain | undefined)[]; findings: readonly Finding[] }>();

/** The chains of a call graph that never run: not base chains, not reached from one, not ufw's own. */
function idleChains(graph: TableGraph): readonly string[] {
  let names = idleNames.get(graph);
  if (!names) {
    const running = graph.running;
    names = graph.names.filter((n, i) => !graph.bases[i] && !running.has(n) && !/^ufw6?-/.test(n));
    idleNames.set(graph, names);
  }
  return names;
}
/*
 * Per chain object: the findings on the rules behind its end, with the version of each file they
 * were read from (their spans, line numbers and fixes come from those texts). After a compose edit
 * the admin's chains and texts are the same, and a large ruleset can hold thousands of such rules.
 */
const deadIn = new WeakMap<Chain, { table: Table['ref']; versions: readonly (readonly [string, number])[]; findings: readonly Finding[] }>();
/*
 * Per file: the text the last run read and a number that changes with it. (The language server's
 * texts come from another thread, new strings each time: a run compares each file's text once,
 * not once per chain.)
 */
const lastTexts = new Map<string, { text: string | undefined; version: number }>();
let versions = 0;
function textVersion(ctx: FindingContext, file: string, seen: Map<string, number>): number {
  let v = seen.get(file);
  if (v !== undefined) return v;
  const text = ctx.texts.get(file);
  let last = lastTexts.get(file);
  if (!last || last.text !== text) lastTexts.set(file, (last = { text, version: ++versions }));
  seen.set(file, last.version);
  return last.version;
}

export const dw005: FindingRule = {
  code: 'DW005',
  name: 'dead-docker-user-rule',
  title: 'Rule never runs',
  defaultSeverity: 'warning',
  doc: [
    'This rule can never match anything, on the host as it is once Docker has added its rules.',
    '',
    'Docker up to 28.2 ends DOCKER-USER with `-j RETURN` when it creates the chain. A rule appended with',
    '`iptables -A DOCKER-USER` or `add rule ip filter DOCKER-USER` after Docker started lands behind that',
    'RETURN and never runs: insert it instead (`-I DOCKER-USER`, `insert rule`). The same holds after any',
    'unconditional `accept`/`drop`/`return`, and for a chain that no running chain jumps to.',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const a = ctx.analysis;
    const out: Finding[] = [];
    const seen = new Map<string, number>();
    const current = (vs: readonly (readonly [string, number])[]): boolean => vs.every(([file, v]) => textVersion(ctx, file, seen) === v);
    for (const table of a.ruleset.tables) {
      // 1. Behind an unconditional end of the chain.
      let allClean = true;
      // (a table rebuilt from a clean one is clean when its changed chains are)
      for (const chain of cleanTables.has(table) ? [] : chainsToCheck(table, (previous) => cleanTables.has(previous))) {
        if (clean.has(chain)) continue;
        const kept = deadIn.get(chain);
        if (kept && kept.table === table.ref && current(kept.versions)) {
          allClean = false;
          for (const f of kept.findings) out.push(f);
          continue;
        }
        let stopper: Rule | undefined;
        let stopVerdict = '';
        const dead: Rule[] = [];
        for (const rule of chain.rules) {
          if (stopper) {
            if (isAdminRule(rule)) dead.push(rule);
            continue;
          }
          const v = endsChain(rule);
          if (v) {
            stopper = rule;
            stopVerdict = v;
          }
        }
        if (!stopper || !dead.length) {
          clean.add(chain);
          continue;
        }
        allClean = false;
        const byDocker = !isAdminRule(stopper);
        const fixes = byDocker ? insertFixes(ctx, dead, chain.name) : new Map<Rule, Fix>();
        const why = byDocker
          ? `Docker ends ${chain.name} with \`${shownRule(stopper.text.replace(/^-A\s+\S+\s+/, ''))}\`${stopper.origin ? ` (${stopper.origin})` : ''}, and this rule was appended after it`
          : `\`${shownRule(stopper.text)}\` (${where(stopper.span)}) ends the chain for every packet before it`;
        const found: Finding[] = [];
        for (const rule of dead) {
          const related: RelatedInfo[] = isRealFile(stopper.span) ? [{ span: stopper.span, message: `every packet stops here (${stopVerdict})` }] : [];
          const fix = fixes.get(rule);
          found.push({
            span: ruleSpan(ctx, rule),
            severity: 'warning',
            code: 'DW005',
            message: `this rule in ${table.ref.family} ${table.ref.name} ${chain.name} never runs: ${why}${byDocker ? '; insert it at the top of the chain instead (Docker 28.3 and later no longer add the RETURN)' : ''}`,
            related,
            fixes: fix ? [fix] : [],
          });
        }
        const files = new Set([stopper.span.file, ...dead.map((r) => r.span.file)]);
        deadIn.set(chain, { table: table.ref, versions: [...files].map((f) => [f, textVersion(ctx, f, seen)] as const), findings: found });
        for (const f of found) out.push(f);
      }
      if (allClean) cleanTables.add(table);

      // 2. Chains that never run.
      if (isDormant(table)) {
        const base = [...table.chains.values()].filter((c) => c.base && c.rules.some(isAdminRule));
        const span = isRealFile(table.span) ? table.span : undefined;
        if (base.length && span)
          out.push({ span, severity: 'information', code: 'DW005', message: `table ${table.ref.family} ${table.ref.name} is dormant: its base chains (${base.map((c) => c.name).join(', ')}) do not run` });
        continue;
      }
      if (hasHiddenCalls(table)) continue;
      const graph = tableGraph(table);
      const idle = idleChains(graph);
      const chains = idle.map((n) => table.chains.get(n));
      const known = unreachedIn.get(graph);
      if (known && known.table === table.ref && known.chains.every((c, i) => c === chains[i])) {
        for (const f of known.findings) out.push(f);
        continue;
      }
      const found: Finding[] = [];
      for (const chain of chains) {
        if (!chain) continue;
        // The same chain in the same call graph: the same finding (or none).
        const kept = unreached.get(chain);
        if (kept && kept.graph === graph && kept.table === table.ref) {
          if (kept.finding) found.push(kept.finding);
          continue;
        }
        const first = chain.rules.find(isAdminRule);
        if (!first) {
          unreached.set(chain, { graph, why: '', table: table.ref });
          continue;
        }
        const callers = (graph.callers.get(chain.name) ?? []).filter((c) => c !== chain.name);
        const why = callers.length ? `only ${callers.join(', ')} jump${callers.length === 1 ? 's' : ''} to it, and ${callers.length === 1 ? 'that chain never runs' : 'those chains never run'}` : 'no chain jumps or goes to it';
        if (kept?.finding && kept.why === why && kept.table === table.ref) {
          unreached.set(chain, { ...kept, graph });
          found.push(kept.finding);
          continue;
        }
        const finding: Finding = {
          span: chainSpan(ctx, chain, first),
          severity: 'warning',
          code: 'DW005',
          message: `chain ${chain.name} of ${table.ref.family} ${table.ref.name} never runs: ${why}, so its ${chain.rules.filter(isAdminRule).length} rule(s) have no effect`,
        };
        unreached.set(chain, { graph, why, table: table.ref, finding });
        found.push(finding);
      }
      unreachedIn.set(graph, { table: table.ref, chains, findings: found });
      for (const f of found) out.push(f);
    }
    return out;
  },
};

/**
 * For rules appended after Docker's end of the chain: one fix per file that turns every such append
 * of the file into an insert at the top, in their order (applying it fixes all of them at once).
 */
function insertFixes(ctx: FindingContext, dead: readonly Rule[], chain: string): Map<Rule, Fix> {
  const byFile = new Map<string, { rules: Rule[]; ops: (Op & { op: 'addRule' })[]; format: string }>();
  for (const rule of dead) {
    const src = opOf(ctx.analysis, rule);
    if (!src || src.op.position !== 'append' || src.op.index !== undefined || src.op.handle !== undefined) continue;
    const e = byFile.get(rule.span.file) ?? { rules: [], ops: [], format: src.fragment.format };
    e.rules.push(rule);
    e.ops.push(src.op);
    byFile.set(rule.span.file, e);
  }
  const out = new Map<Rule, Fix>();
  for (const [file, e] of byFile) {
    const text = ctx.texts.get(file);
    if (text === undefined) continue;
    const ops = [...e.ops].sort((x, y) => x.span.start - y.span.start);
    const edits: TextEdit[] | undefined = insertInsteadOfAppendEdits(text, ops, e.format as 'nft' | 'iptables');
    if (!edits) continue;
    const fix: Fix = { title: e.rules.length === 1 ? `Insert at the top of ${chain} instead of appending` : `Insert the ${e.rules.length} rules at the top of ${chain}, in their order`, preferred: true, edits };
    for (const r of e.rules) out.set(r, fix);
  }
  return out;
}
