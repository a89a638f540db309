/**
 * Compares firewalld's real `inet firewalld` table with the model's, chain by chain: the chain
 * set, each base chain's hook, type, priority and policy, and every rule in order by its lowered
 * statements (both sides go through Dockwall's nftables lowering; spans and texts are ignored).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FirewalldConfig } from '../../server/src/core/firewalld';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { lowerNftText } from '../../server/src/core/netfilter/lower-nft';
import type { Fragment, Table } from '../../server/src/core/netfilter/model';
import type { Languages } from '../../server/src/core/syntax/languages';
import type { Rule } from '../../server/src/core/netfilter/model';

/**
 * A rule's meaning without where it was written: spans and texts dropped, matches in any order
 * (the verdict last), an anonymous set's elements in any order (nft lists them in the kernel's
 * order, not the order firewalld gave).
 */
export function ruleKey(r: Rule): string {
  const key = (st: unknown): string =>
    JSON.stringify(st, (k, v) => {
      if (k === 'span' || k === 'text') return undefined;
      if (typeof v === 'bigint') return `${v}n`;
      if (k === 'elements' && Array.isArray(v)) return v.map((e) => key(e)).sort();
      return v;
    });
  const statements = r.statements.map(key);
  const last = statements.pop();
  return [...statements.sort(), last].join('\n');
}

export function firewalldTable(fragment: Fragment): Table | undefined {
  return buildRuleset([fragment]).value.tables.find((t) => t.ref.family === 'inet' && t.ref.name === 'firewalld');
}

export function lowerListing(file: string, text: string, languages: Languages): { table?: Table; errors: string[] } {
  const r = lowerNftText(file, text, languages);
  return { table: firewalldTable(r.value), errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${file}:${d.span.range.start.line + 1}: ${d.message}`) };
}

/**
 * Rule keys, where each run of consecutive rules that jump to the same chain compares as a
 * multiset: firewalld builds a policy's dispatch rules from Python sets of interfaces and
 * sources, whose order changes from one run to the next, and two jumps to the same chain give the
 * same result in either order.
 */
function groupJumps(rules: readonly Rule[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < rules.length) {
    const last = rules[i].statements[rules[i].statements.length - 1];
    const target = last?.kind === 'verdict' && last.verdict.verdict === 'jump' ? last.verdict.target : undefined;
    let j = i + 1;
    if (target !== undefined) {
      while (j < rules.length) {
        const l = rules[j].statements[rules[j].statements.length - 1];
        if (!(l?.kind === 'verdict' && l.verdict.verdict === 'jump' && l.verdict.target === target)) break;
        j++;
      }
    }
    const keys = rules.slice(i, j).map(ruleKey).sort();
    out.push(...keys);
    i = j;
  }
  return out;
}

/** The differences, one line each; empty when the tables agree. */
export function compareFirewalld(real: Table | undefined, model: Table | undefined): string[] {
  if (!real) return ['the real firewalld wrote no table inet firewalld'];
  if (!model) return ['the model has no table inet firewalld'];
  return compareTables(real, model);
}

/**
 * direct.xml's side: the iptables-nft tables in the real `iptables-save` / `ip6tables-save` against
 * the model's (`<firewalld direct>` built alone), table by table. Built-in chains without rules are
 * left out on both sides (iptables-save lists every built-in chain of a table it prints).
 */
export function compareDirect(real: readonly Table[], model: readonly Table[], family: string): string[] {
  const used = (t: Table): Table => ({ ...t, chains: new Map([...t.chains].filter(([, c]) => !c.base || c.rules.length > 0 || c.base.policy !== 'accept')) });
  const out: string[] = [];
  const names = [...new Set([...real, ...model].filter((t) => t.ref.family === family).map((t) => t.ref.name))].sort();
  for (const name of names) {
    const r = real.find((t) => t.ref.family === family && t.ref.name === name);
    const m = model.find((t) => t.ref.family === family && t.ref.name === name);
    const rc = r ? used(r) : undefined;
    const mc = m ? used(m) : undefined;
    if (!rc?.chains.size && !mc?.chains.size) continue;
    if (!rc || !mc) {
      out.push(`${family} ${name}: only in ${rc ? "the real host's" : 'the model'}`);
      continue;
    }
    out.push(...compareTables(rc, mc).map((x) => `${family} ${name}: ${x}`));
  }
  return out;
}

function compareTables(real: Table, model: Table): string[] {
  const out: string[] = [];
  const rc = [...real.chains.keys()].sort();
  const mc = [...model.chains.keys()].sort();
  const missing = rc.filter((c) => !model.chains.has(c));
  const extra = mc.filter((c) => !real.chains.has(c));
  if (missing.length) out.push(`chains only in firewalld's: ${missing.join(' ')}`);
  if (extra.length) out.push(`chains only in the model: ${extra.join(' ')}`);
  for (const name of rc) {
    const r = real.chains.get(name)!;
    const m = model.chains.get(name);
    if (!m) continue;
    const base = (c: typeof r): string => (c.base ? `${c.base.type} ${c.base.hook} ${c.base.priority} ${c.base.policy}` : 'regular');
    if (base(r) !== base(m)) out.push(`${name}: ${base(r)} vs model ${base(m)}`);
    const rk = groupJumps(r.rules);
    const mk = groupJumps(m.rules);
    for (let i = 0; i < Math.max(rk.length, mk.length); i++) {
      if (rk[i] !== mk[i]) {
        out.push(`${name} rule ${i + 1}: firewalld \`${r.rules[i]?.text ?? '(none)'}\` vs model \`${m.rules[i]?.text ?? '(none)'}\``);
        break;
      }
    }
  }
  return out;
}

/** A firewalld configuration folder (firewalld.conf, zones/, policies/, services/, direct.xml) as `loadFirewalld` takes it. */
const xmlFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.xml'))
        .sort()
        .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }))
    : [];

export function configOf(etc: string): FirewalldConfig {
  return {
    conf: { file: path.join(etc, 'firewalld.conf'), text: readFileSync(path.join(etc, 'firewalld.conf'), 'utf8') },
    zones: xmlFiles(path.join(etc, 'zones')),
    policies: xmlFiles(path.join(etc, 'policies')),
    services: xmlFiles(path.join(etc, 'services')),
    direct: existsSync(path.join(etc, 'direct.xml')) ? { file: path.join(etc, 'direct.xml'), text: readFileSync(path.join(etc, 'direct.xml'), 'utf8') } : undefined,
  };
}

