/**
 * Compares two filter tables chain by chain: the chain set, the built-in chains' policies and the
 * rules, each rule by its lowered statements (both sides go through Dockwall's own iptables
 * lowering, so `-p tcp --dport 22` and iptables-save's `-p tcp -m tcp --dport 22` compare equal).
 */
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import type { Fragment, Rule, Ruleset, Table } from '../../server/src/core/netfilter/model';
import type { Languages } from '../../server/src/core/syntax/languages';

/** A rule's meaning without where it was written: spans, texts and comments dropped. */
export function ruleKey(r: Rule): string {
  // matches in any order (iptables-save prints addresses before the protocol), the verdict last
  const statements = r.statements.map((st) => stmtKey(st));
  const last = statements.pop();
  return [...statements.sort(), last].join('\n');
}

function stmtKey(st: unknown): string {
  return JSON.stringify(st, (k, v) => {
    if (k === 'span' || k === 'text') return undefined;
    if (typeof v === 'bigint') return `${v}n`;
    // LOG/REJECT options, recent's defaults: the model keeps them as text of the option (and a
    // stateful match's first-packet note quotes the rate as written)
    if ((k === 'reason' || k === 'note') && typeof v === 'string') return normaliseReason(v);
    return v;
  });
}

function normaliseReason(r: string): string {
  return r
    .replace(/--name DEFAULT|--mask 255\.255\.255\.255|--rsource/g, '')
    .replace(/3\/min(ute)?/g, '3/minute')
    .replace(/\s+/g, ' ')
    .trim();
}

export function filterTable(rs: Ruleset, family: 'ip' | 'ip6'): Table | undefined {
  return rs.tables.find((t) => t.ref.family === family && t.ref.name === 'filter');
}

export function lowerDump(file: string, text: string, family: 'ip' | 'ip6', languages: Languages): Ruleset {
  const f: Fragment = lowerIptablesText(file, text, languages, { family }).value;
  return buildRuleset([f]).value;
}

/** The differences, one line each; empty when the tables agree. */
export function compareTables(real: Table | undefined, model: Table | undefined, label: string): string[] {
  const out: string[] = [];
  const realChains = [...(real?.chains.keys() ?? [])].sort();
  const modelChains = [...(model?.chains.keys() ?? [])].sort();
  const missing = realChains.filter((c) => !modelChains.includes(c));
  const extra = modelChains.filter((c) => !realChains.includes(c));
  if (missing.length) out.push(`${label}: chains only in ufw's: ${missing.join(' ')}`);
  if (extra.length) out.push(`${label}: chains only in the model: ${extra.join(' ')}`);
  for (const name of realChains) {
    const r = real!.chains.get(name)!;
    const m = model?.chains.get(name);
    if (!m) continue;
    if ((r.base?.policy ?? '') !== (m.base?.policy ?? '')) out.push(`${label}: ${name} policy ${r.base?.policy} vs model ${m.base?.policy}`);
    const rk = r.rules.map(ruleKey);
    const mk = m.rules.map(ruleKey);
    const n = Math.max(rk.length, mk.length);
    for (let i = 0; i < n; i++) {
      if (rk[i] !== mk[i]) {
        out.push(`${label}: ${name} rule ${i + 1}: ufw \`${r.rules[i]?.text ?? '(none)'}\` vs model \`${m.rules[i]?.text ?? '(none)'}\``);
        break;
      }
    }
  }
  return out;
}
