/**
 * The finding rules, in code order, and the function that runs them. To add a rule: one file
 * `dwNNN-name.ts` exporting a `FindingRule` with its doc comment, an entry here, and fixtures under
 * test/unit/fixtures/findings/dwNNN-*.
 */
import type { Severity } from '../diagnostics';
import { dw001 } from './dw001-published-port-bypasses-firewall';
import { dw002 } from './dw002-port-published-on-all-addresses';
import { dw003 } from './dw003-input-rule-never-sees-published-traffic';
import { dw004 } from './dw004-forward-rule-matches-published-port-after-dnat';
import { dw005 } from './dw005-dead-docker-user-rule';
import { dw006 } from './dw006-flush-ruleset-removes-docker-rules';
import { dw007 } from './dw007-host-network-service';
import { dw008 } from './dw008-loopback-binding-reachable';
import { dw009 } from './dw009-unknown-construct';
import { dw010 } from './dw010-replies-dropped';
import { dw011 } from './dw011-firewalld-zone-bypassed';
import { dw012 } from './dw012-container-zone-accepts-all';
import type { FindingContext, FindingRule } from './rule';
import type { Finding } from './types';

export const RULES: readonly FindingRule[] = [dw001, dw002, dw003, dw004, dw005, dw006, dw007, dw008, dw009, dw010, dw011, dw012];

export interface FindingOptions {
  /** Severity per code; `off` disables a rule. */
  readonly severity?: Readonly<Record<string, Severity | 'off'>>;
}

/** Runs every enabled rule; a rule that throws yields an error finding instead of taking the others down. */
export function runFindings(ctx: FindingContext, opts: FindingOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const sev = opts.severity?.[rule.code];
    if (sev === 'off') continue;
    let found: Finding[];
    try {
      found = rule.run(ctx);
    } catch (e) {
      const file = ctx.analysis.project.files[0] ?? '<project>';
      found = [{ span: { file, start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, severity: 'error', code: rule.code, message: `internal error in ${rule.code}: ${e instanceof Error ? e.message : String(e)}` }];
    }
    for (const f of found) out.push(sev ? { ...f, severity: sev } : f);
  }
  // By file, then position, then code (grouping by file first keeps the comparisons numeric).
  const byFile = new Map<string, Finding[]>();
  let file: string | undefined;
  let list: Finding[] = [];
  for (const f of out) {
    if (f.span.file !== file) {
      file = f.span.file;
      list = byFile.get(file) ?? byFile.set(file, []).get(file)!;
    }
    list.push(f);
  }
  return [...byFile.keys()].sort().flatMap((f) => sortedOnce(byFile.get(f)!));
}

/**
 * A file's findings in order. Analyses after an edit elsewhere keep most findings (the same objects,
 * met in the same order): the order found for the same list last time is taken again.
 */
function sortedOnce(list: Finding[]): readonly Finding[] {
  const last = lastSorted.get(list[0]);
  if (last && last.met.length === list.length && last.met.every((f, i) => f === list[i])) return last.sorted;
  const sorted = [...list].sort((a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  lastSorted.set(list[0], { met: list, sorted });
  return sorted;
}
const lastSorted = new WeakMap<Finding, { met: readonly Finding[]; sorted: readonly Finding[] }>();

export { applyEdits, bindToLoopbackFix } from './fixes';
export type { FindingContext, FindingRule } from './rule';
export type { Finding, Fix, TextEdit, PathNote, FindingRuleMeta } from './types';
