/**
 * `dockwall/portPath`: the packet paths of one compose port item as plain JSON for the client's
 * picture: one entry per group of classes that take the same path.
 */
import { isRealFile } from './convert';
import type { PathStepJson, PortPathClass, PortPathResult } from './protocol';
import { classLabel, itemTitle, pathGroups, verdictLine, type PortItem } from './ports';
import { formatRewrite, type TraceStep } from '../core/netfilter/trace';
import { shownRule } from '../core/text';

function stepJson(s: TraceStep, uriOf: (file: string) => string): PathStepJson | undefined {
  switch (s.kind) {
    case 'chain':
      return undefined;
    case 'rule':
      return {
        hook: s.hook,
        family: s.family,
        table: s.table,
        chain: s.chain,
        text: shownRule(s.rule.text),
        verdict: s.verdict,
        ...(isRealFile(s.rule.span.file) && !s.rule.origin ? { location: { uri: uriOf(s.rule.span.file), line: s.rule.span.range.start.line } } : {}),
        ...(s.rule.origin ? { origin: s.rule.origin } : {}),
        ...(s.rewrite ? { rewrite: formatRewrite(s.rewrite) } : {}),
      };
    case 'policy':
      return { hook: s.hook, family: s.family, table: s.table, chain: s.chain, text: `policy ${s.verdict}`, verdict: s.verdict };
    case 'skip':
      return { hook: s.hook, family: s.family, table: s.table, chain: s.chain, text: `skipped: ${s.reason}`, verdict: 'continue' };
    case 'route':
      return { hook: 'routing', text: s.decision === 'forward' ? `forward via ${s.oif} (${s.how})` : s.decision === 'local' ? `local delivery (${s.how})` : `no route (${s.how})`, verdict: s.decision === 'drop' ? 'drop' : s.decision };
    case 'conntrack':
      return { hook: s.hook, text: `conntrack: ${formatRewrite(s.rewrite)} (${s.how})`, verdict: 'continue' };
    case 'unknown':
      return {
        hook: s.place?.hook ?? 'unknown',
        ...(s.place ? { family: s.place.family, table: s.place.table, chain: s.place.chain } : {}),
        text: s.reason,
        verdict: 'unknown',
        ...(s.span && isRealFile(s.span.file) ? { location: { uri: uriOf(s.span.file), line: s.span.range.start.line } } : {}),
      };
  }
}

export function portPath(item: PortItem, uriOf: (file: string) => string): PortPathResult {
  const plain = (span: { file: string; range: { start: { line: number } } }) => `${span.file.slice(span.file.lastIndexOf('/') + 1)}:${span.range.start.line + 1}`;
  const classes: PortPathClass[] = pathGroups(item).map((g) => ({
    label: [...new Set(g.members.map(classLabel))].join('; '),
    verdict: g.result.verdict,
    delivery: g.result.delivery,
    summary: verdictLine(g.result, plain).replace(/\*\*/g, ''),
    steps: g.result.steps.map((s) => stepJson(s, uriOf)).filter((s): s is PathStepJson => s !== undefined),
  }));
  return { title: itemTitle(item), classes };
}
