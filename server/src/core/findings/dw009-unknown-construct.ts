/**
 * DW009 unknown-construct
 *
 * Something the simulator does not model, so that no result hides behind an assumption:
 * - on a published port (warning): some class of traffic to it has verdict `unknown` — the
 *   simulator met a statement it cannot evaluate statically (`limit`, quotas, `numgen`, an
 *   unmodelled expression…) and the paths through it disagree (one accepts, another drops). The
 *   message gives the reason and the classes; related information points at the construct;
 * - on the user's ruleset files (information): every unknown statement or operation the model
 *   lists (`Ruleset.unknowns`), one finding per span. An operation that may change chains (an
 *   unread `include`, a deletion by handle) makes every verdict unknown; an unknown statement is
 *   judged where it sits (if all paths agree, the verdict stands).
 * Docker's own rules (virtual files) are not reported here.
 *
 * Fixtures: test/unit/fixtures/findings/dw009-*.
 */
import type { RelatedInfo } from '../diagnostics';
import type { ReachClass } from '../netfilter/reach';
import { portSpan, selected } from './describe';
import { describeSources, inUserFile, pathNotes, portItems } from './dw002-port-published-on-all-addresses';
import type { FindingContext, FindingRule } from './rule';
import type { Finding } from './types';

const undecided = (c: ReachClass): boolean => c.verdict === 'unknown';

export const dw009: FindingRule = {
  code: 'DW009',
  name: 'unknown-construct',
  title: 'Construct the simulator cannot decide',
  defaultSeverity: 'warning',
  doc: [
    'Dockwall met a construct it cannot evaluate statically — a rate `limit`, a quota, a random number,',
    'an unmodelled expression or an operation it could not apply — and the outcome depends on it. It',
    'never treats such traffic as accepted or dropped: the port is reported here with the reason, and',
    'each unknown construct in your rulesets is listed once.',
    '',
    'Decide for the port explicitly (an accept or drop that does not depend on the construct), or check',
    'that both outcomes are acceptable.',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const a = ctx.analysis;
    const out: Finding[] = [];
    for (const { port, service, reports } of portItems(a)) {
      const unknown: ReachClass[] = [];
      let binding = reports[0].binding;
      for (const r of reports)
        for (const p of r.probes)
          for (const c of selected(p.classes, undecided)) {
            if (!unknown.length) binding = r.binding;
            unknown.push(c);
          }
      if (!unknown.length) continue;
      const reasons = [...new Set(unknown.map((c) => c.reason?.message ?? 'not decidable'))];
      const related: RelatedInfo[] = [];
      for (const c of unknown) {
        const s = c.reason?.span;
        if (inUserFile(s) && !related.some((r) => r.span.file === s.file && r.span.start === s.start)) related.push({ span: s, message: `the simulator cannot decide here: ${c.reason!.message}` });
      }
      out.push({
        span: portSpan(port),
        severity: 'warning',
        code: 'DW009',
        message: `cannot tell whether ${binding.proto}/${binding.hostPort}${port.published ? '' : ' (ephemeral: Docker picks the host port)'} of service ${service} is reachable from ${describeSources(unknown)}: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; …' : ''}`,
        related,
        path: pathNotes(unknown[0].example),
      });
    }
    const seen = new Set<string>();
    // Docker's own rules in a live dump (attributed by origin) are not the admin's constructs; the
    // dump's reading says what could not be read there (see analysis/live.ts).
    // (read only when an unknown construct stands in a user's file: a large ruleset has many rules)
    let dockers: Map<string, [number, number][]> | undefined;
    const docker = (sp: { file: string; start: number; end: number }): boolean => {
      if (!dockers) {
        dockers = new Map();
        for (const t of a.ruleset.tables)
          for (const c of t.chains.values())
            for (const r of c.rules) {
              if (!r.origin || !inUserFile(r.span)) continue;
              const list = dockers.get(r.span.file);
              if (list) list.push([r.span.start, r.span.end]);
              else dockers.set(r.span.file, [[r.span.start, r.span.end]]);
            }
      }
      return (dockers.get(sp.file) ?? []).some(([s0, e0]) => s0 <= sp.start && sp.end <= e0);
    };
    for (const u of a.ruleset.unknowns) {
      if (!inUserFile(u.span) || docker(u.span)) continue;
      const key = `${u.span.file}:${u.span.start}:${u.span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const effect = u.affectsVerdicts
        ? 'it may change any chain, so every verdict of the simulation is unknown while it is there'
        : 'verdicts are given only where every path through it agrees';
      out.push({ span: u.span, severity: 'information', code: 'DW009', message: `not modelled: ${u.reason}; ${effect}` });
    }
    return out;
  },
};
