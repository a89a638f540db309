/**
 * Puts the admin's rulesets and Docker's rules together the way they coexist on a host.
 *
 * Load order: the admin's files are loaded at boot (nftables.service, netfilter-persistent, ufw),
 * then dockerd adds its rules. A file that adds rules to a chain only Docker creates (e.g.
 * `insert rule ip filter DOCKER-USER ...` or `-I DOCKER-USER` without declaring it) can only be
 * loaded after Docker, so it is placed after Docker's rules.
 *
 * Docker's rules are rendered as text in the syntax the backend uses, lowered with the project's
 * own lowerings (so the simulator sees exactly what `iptables-restore` / `nft -f` would load), and
 * then placed as dockerd places them:
 * - DOCKER-USER is created only when missing and never flushed (an admin's rules in it survive);
 * - Docker's jumps and per-network rules in filter FORWARD go to the top, in Docker's order
 *   (dockerd re-inserts the DOCKER-USER jump at position 1);
 * - a built-in chain's policy changes only where Docker sets it (FORWARD DROP when it enabled
 *   forwarding); other built-in chains keep the admin's policy;
 * - Docker's own chains (DOCKER, DOCKER-FORWARD, ...) and nft tables are rebuilt.
 * Each rule keeps its provenance (`Rule.origin`, and `provenance` below for the structured form).
 */
import type { IptRuleMemo } from '../netfilter/iptables-rule-memo';
import type { CoreDiagnostic } from '../diagnostics';
import type { DockerRuleset, IptTable, NftTable, RuleProvenance } from '../docker';
import { renderIptablesSave, renderNft } from '../docker';
import { lowerIptablesText } from '../netfilter/lower-iptables';
import { lowerNftText } from '../netfilter/lower-nft';
import type { Backend, Fragment, Op, Rule } from '../netfilter/model';
import type { Languages } from '../syntax/languages';

/** One rendered Docker source: a virtual file name and its text (for hovers and `docker-rules`). */
export interface DockerSource {
  readonly file: string;
  readonly text: string;
}

export interface DockerFragments {
  readonly fragments: readonly Fragment[];
  readonly sources: readonly DockerSource[];
  readonly provenance: ReadonlyMap<Rule, RuleProvenance>;
  readonly diagnostics: readonly CoreDiagnostic[];
}

export interface DockerFragmentOptions {
  /** Which iptables Docker drives: iptables-nft (default on current distributions) or iptables-legacy. */
  readonly iptablesBackend?: Backend;
  /** Label used in virtual file names, e.g. `Docker 29`. */
  readonly label: string;
  /** The memo of the rendered iptables-save lines of a virtual file, if the caller keeps one (`AnalysisInput.renderedRules`). */
  readonly memo?: (file: string) => IptRuleMemo;
}

/**
 * A lowered rule with the text of its origin, one object per rule object and origin: a lowering
 * that keeps its rules' objects across renderings (the rendered lines' memo) keeps these too, and
 * so a rebuilt ruleset keeps the objects of Docker's chains whose rules did not change, and
 * everything kept per chain (indexes, scans, findings). The rule's provenance is mapped afresh by
 * each placing (its source position may move while its text stays).
 */
const placed = new WeakMap<Rule, { origin: string; rule: Rule }>();
function withOrigin(rule: Rule, origin: string): Rule {
  const kept = placed.get(rule);
  if (kept?.origin === origin) return kept.rule;
  const made: Rule = { ...rule, origin };
  placed.set(rule, { origin, rule: made });
  return made;
}

function placeIptables(fragment: Fragment, tables: readonly IptTable[], provenance: Map<Rule, RuleProvenance>, origin: (p: RuleProvenance) => string): Fragment {
  const out: Op[] = [];
  const seen = new Map<string, number>();
  let forwardInsert = 0;
  let currentTable = '';
  // (one lookup per op of a rendering with thousands of rules: by name, not by search)
  const chains = new Map<string, IptTable['chains'][number]>();
  const named = new Set<string>();
  for (const t of tables) {
    // the first table of a name, and its first chain of a name, as a search would find them
    if (named.has(t.name)) continue;
    named.add(t.name);
    for (const c of t.chains) if (!chains.has(`${t.name}/${c.name}`)) chains.set(`${t.name}/${c.name}`, c);
  }
  const chainOf = (table: string, chain: string) => chains.get(`${table}/${chain}`);
  for (const op of fragment.ops) {
    if (op.op === 'addTable') currentTable = op.table.name;
    if (op.op === 'addChain') {
      const c = chainOf(op.table.name, op.name);
      if (c?.builtin) {
        out.push({ ...op, ifMissing: true });
        if (c.policy === 'DROP' && c.policyReason) out.push({ op: 'addChain', table: op.table, name: op.name, policy: 'drop', span: op.span });
        continue;
      }
      if (c?.restart === 'preserved') {
        out.push({ ...op, ifMissing: true });
        continue;
      }
      out.push(op);
      continue;
    }
    if (op.op === 'flushChain' && chainOf(op.table.name, op.name)?.restart === 'preserved') continue;
    if (op.op === 'addRule') {
      const key = `${currentTable}/${op.chain}`;
      const k = seen.get(key) ?? 0;
      seen.set(key, k + 1);
      const spec = chainOf(op.table.name, op.chain)?.rules[k];
      const prov = spec?.provenance;
      const rule = prov ? withOrigin(op.rule, origin(prov)) : op.rule;
      if (prov) provenance.set(rule, prov);
      if (op.table.name === 'filter' && op.chain === 'FORWARD') out.push({ ...op, rule, position: 'insert', index: ++forwardInsert });
      else if (spec?.insert) out.push({ ...op, rule, position: 'insert', index: 1 });
      else out.push({ ...op, rule });
      continue;
    }
    out.push(op);
  }
  return { ...fragment, format: 'docker', ops: out };
}

function placeNft(fragment: Fragment, tables: readonly NftTable[], provenance: Map<Rule, RuleProvenance>, origin: (p: RuleProvenance) => string): Fragment {
  const out: Op[] = [];
  const seen = new Map<string, number>();
  // each chain searched for once (null: none)
  const chainOf = new Map<string, NftTable['chains'][number] | null>();
  for (const op of fragment.ops) {
    if (op.op === 'addRule') {
      const key = `${op.table.family}/${op.table.name}/${op.chain}`;
      const k = seen.get(key) ?? 0;
      seen.set(key, k + 1);
      let chain = chainOf.get(key);
      if (chain === undefined) chainOf.set(key, (chain = tables.find((t) => t.family === op.table.family && t.name === op.table.name)?.chains.find((c) => c.name === op.chain) ?? null));
      const prov = chain?.rules[k]?.provenance;
      const rule = prov ? withOrigin(op.rule, origin(prov)) : op.rule;
      if (prov) provenance.set(rule, prov);
      out.push({ ...op, rule });
      continue;
    }
    out.push(op);
  }
  return { ...fragment, format: 'docker', ops: out };
}

/** Renders, lowers and places Docker's rules. */
export function dockerFragments(docker: DockerRuleset, languages: Languages, opts: DockerFragmentOptions): DockerFragments {
  const provenance = new Map<Rule, RuleProvenance>();
  const diagnostics: CoreDiagnostic[] = [];
  const fragments: Fragment[] = [];
  const sources: DockerSource[] = [];
  const origin = (p: RuleProvenance): string => p.text;
  const backend = opts.iptablesBackend ?? 'nft';
  const take = (file: string, text: string, lowered: { value: Fragment; diagnostics: readonly CoreDiagnostic[] }, place: (f: Fragment) => Fragment): void => {
    sources.push({ file, text });
    diagnostics.push(...lowered.diagnostics.filter((d) => d.severity === 'error'));
    fragments.push(place(lowered.value));
  };
  if (docker.backend === 'iptables') {
    for (const [family, tables] of [
      ['ip', docker.iptables.ipv4],
      ['ip6', docker.iptables.ipv6],
    ] as const) {
      if (!tables.length) continue;
      const file = `<${opts.label} ${family === 'ip' ? 'iptables' : 'ip6tables'} rules>`;
      const text = renderIptablesSave(tables);
      // Docker's rendered rules are plain iptables-save lines: the line reader takes them without a parse tree.
      const memo = opts.memo?.(file);
      const lowered = lowerIptablesText(file, text, languages, { family, backend, noflush: true, ...(memo ? { memo } : {}) }, 0);
      take(file, text, lowered, (f) => placeIptables(f, tables, provenance, origin));
    }
  } else if (docker.nftables.length) {
    const file = `<${opts.label} nftables rules>`;
    const text = renderNft(docker.nftables);
    const lowered = lowerNftText(file, text, languages, { checkReferences: false });
    take(file, text, lowered, (f) => placeNft(f, docker.nftables, provenance, origin));
  }
  return { fragments, sources, provenance, diagnostics };
}

/**
 * Whether a lowered admin file adds to, flushes or deletes from a chain that it does not declare
 * and whose name says the container engine creates it (`own`: Docker's `DOCKER...` by default,
 * netavark's `NETAVARK...` for Podman): such a file is loaded after the engine.
 */
export function dependsOnDockerChains(fragment: Fragment, own: RegExp = /^DOCKER/): boolean {
  let byPattern = dependsMemo.get(fragment);
  if (!byPattern) dependsMemo.set(fragment, (byPattern = new Map()));
  let r = byPattern.get(own.source);
  if (r === undefined) byPattern.set(own.source, (r = dependsOnDockerChainsNow(fragment, own)));
  return r;
}

/** Per fragment object and pattern: the language server keeps a file's fragment while its text does not change. */
const dependsMemo = new WeakMap<Fragment, Map<string, boolean>>();

function dependsOnDockerChainsNow(fragment: Fragment, own: RegExp): boolean {
  const declared = new Set<string>();
  for (const op of fragment.ops) {
    // (only chains the pattern names can be the chain of a rule that counts)
    if (op.op === 'addChain' && own.test(op.name)) declared.add(`${op.table.family}/${op.table.name}/${op.name}`);
    if ((op.op === 'addRule' || op.op === 'flushChain' || op.op === 'deleteRule') && own.test('chain' in op ? op.chain : op.name)) {
      const key = `${op.table.family}/${op.table.name}/${'chain' in op ? op.chain : op.name}`;
      if (!declared.has(key)) return true;
    }
  }
  return false;
}
