/**
 * DW010 replies-dropped
 *
 * A published port that connections reach, but whose replies never get back: the port is closed to
 * those clients although their packets arrive at the container.
 *
 * A connection needs both directions. The container's reply leaves through the bridge and crosses
 * FORWARD again (DOCKER-USER, Docker's chains, the admin's forward-hook chains), in the reply
 * direction, before conntrack gives it back the published address. A rule written for the
 * requests can match the replies too: `-m conntrack --ctorigdstport 8080 ! -s 198.51.100.0/24 -j DROP`
 * ("only my office may reach 8080") also drops every reply — their original destination port is
 * still 8080 and their source is the container, not the office — so the port is closed to everyone,
 * the office included. The simulator follows each accepted connection's first reply (state
 * established, direction reply) through the hooks; a class whose reply is dropped is reported here,
 * naming the rule that drops it.
 *
 * Fixes, in the file's own syntax: restrict the rule to the original direction (iptables
 * `-m conntrack --ctdir ORIGINAL`, nftables `ct direction original`), or let established and related
 * traffic through before it (iptables `-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN` in
 * DOCKER-USER).
 *
 * Fixtures: test/unit/fixtures/findings/dw010-*.
 */
import type { ReachClass } from '../netfilter/reach';
import { type TraceStep, formatRewrite } from '../netfilter/trace';
import type { RelatedInfo } from '../diagnostics';
import { describeClasses, describeDecision, pickClasses, plainClasses, portSpan, reportsByItem } from './describe';
import { indentOfLine, isRealFile, lineEndAt, newlineOf } from './ruleset-fixes';
import type { FindingContext, FindingRule } from './rule';
import type { Finding, Fix, TextEdit } from './types';
import { shownRule } from '../text';

type RuleStep = TraceStep & { kind: 'rule' };

/**
 * Edits that keep `step`'s rule away from replies: match the original direction only. iptables:
 * `--ctdir ORIGINAL` joins the rule's conntrack match (or a new one before the target); nftables:
 * `ct direction original` goes first in the rule.
 */
function directionFix(ctx: FindingContext, step: RuleStep): Fix | undefined {
  const span = step.rule.span;
  const text = ctx.texts.get(span.file);
  const format = ctx.analysis.sources.find((s) => s.file === span.file)?.fragment?.format;
  if (text === undefined || !isRealFile(span)) return undefined;
  const written = text.slice(span.start, span.end);
  let edit: TextEdit | undefined;
  let shown: string | undefined;
  if (format === 'iptables') {
    const ct = /(^|\s)-m\s+conntrack\b/.exec(written);
    const target = /\s(-j|--jump)\s/.exec(written);
    if (ct) {
      const at = span.start + ct.index + ct[0].length;
      edit = { file: span.file, start: at, end: at, newText: ' --ctdir ORIGINAL' };
    } else if (target) {
      const at = span.start + target.index;
      edit = { file: span.file, start: at, end: at, newText: ' -m conntrack --ctdir ORIGINAL' };
    }
    shown = '--ctdir ORIGINAL';
  } else if (format === 'nft') {
    const head = /^(?:(?:add|insert|create|append)\s+)?rule\s+(?:(?:ip6?|inet|arp|bridge|netdev)\s+)?\S+\s+\S+\s+(?:(?:handle|index|position)\s+\d+\s+)?/.exec(written);
    const at = span.start + (head ? head[0].length : 0);
    edit = { file: span.file, start: at, end: at, newText: 'ct direction original ' };
    shown = 'ct direction original';
  }
  if (!edit || !shown) return undefined;
  return { title: `Match only the connection's original direction: add \`${shown}\` to \`${shownRule(step.rule.text)}\``, edits: [edit], preferred: true };
}

/** iptables: let replies (established, related) leave the chain before the rule. */
function establishedFirstFix(ctx: FindingContext, step: RuleStep): Fix | undefined {
  const span = step.rule.span;
  const text = ctx.texts.get(span.file);
  const format = ctx.analysis.sources.find((s) => s.file === span.file)?.fragment?.format;
  if (text === undefined || !isRealFile(span) || format !== 'iptables') return undefined;
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  if (!/^\s*(-A|--append|-I|--insert)\s/.test(text.slice(lineStart, span.end))) return undefined;
  const nl = newlineOf(text);
  // In a chain of its own (DOCKER-USER) RETURN hands the packet back (to Docker's chains); in a built-in chain ACCEPT ends it.
  const builtIn = ['INPUT', 'FORWARD', 'OUTPUT', 'PREROUTING', 'POSTROUTING'].includes(step.chain);
  const line = `-I ${step.chain} -m conntrack --ctstate RELATED,ESTABLISHED -j ${builtIn ? 'ACCEPT' : 'RETURN'}`;
  // `-I CHAIN` puts it first in the chain whatever precedes it in the file; an `-A` line right before
  // the dropping rule is only as good when nothing earlier drops replies, so insert at the top.
  return { title: `Let replies through first: \`${shownRule(line)}\``, edits: [{ file: span.file, start: lineStart, end: lineStart, newText: line + nl }] };
}

/** A step of the reply's path worth a line: verdicts, routing, conntrack's reverse NAT, a dropping policy. */
function replyStepText(s: TraceStep): string | undefined {
  switch (s.kind) {
    case 'rule':
      return s.verdict === 'continue' ? undefined : `reply: ${s.hook} ${s.family} ${s.table} ${s.chain}: ${shownRule(s.rule.text)} → ${s.verdict}`;
    case 'route':
      return `reply: routing: ${s.decision}${s.oif ? ` via ${s.oif}` : ''}`;
    case 'policy':
      return s.verdict === 'drop' ? `reply: ${s.hook} ${s.family} ${s.table} ${s.chain}: policy drop` : undefined;
    case 'conntrack':
      return `reply: ${s.hook}: conntrack ${formatRewrite(s.rewrite)}`;
    default:
      return undefined;
  }
}

/**
 * A chain whose drop policy stops replies: accept established and related traffic first, in the
 * chain's own file and syntax (nftables: a rule after the chain's `type … hook …` line; iptables:
 * `-I CHAIN -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT` before the table's COMMIT).
 */
function policyEstablishedFix(ctx: FindingContext, step: TraceStep & { kind: 'policy' }): Fix | undefined {
  const table = ctx.analysis.adminRuleset.tables.find((t) => t.ref.family === step.family && t.ref.name === step.table && t.ref.backend === step.backend);
  const span = table?.chains.get(step.chain)?.span;
  if (!span || !isRealFile(span)) return undefined;
  const text = ctx.texts.get(span.file);
  const format = ctx.analysis.sources.find((s) => s.file === span.file)?.fragment?.format;
  if (text === undefined) return undefined;
  const nl = newlineOf(text);
  if (format === 'nft') {
    const hook = text.indexOf('hook', span.start);
    if (hook < 0) return undefined;
    const eol = lineEndAt(text, hook);
    const indent = indentOfLine(text, hook);
    const at = text[eol - 1] === '\r' ? eol - 1 : eol;
    return { title: `Accept the replies of established connections first in ${step.family} ${step.table} ${step.chain}: \`ct state established,related accept\``, edits: [{ file: span.file, start: at, end: at, newText: `${nl}${indent}ct state established,related accept` }], preferred: true };
  }
  if (format === 'iptables') {
    const commit = text.indexOf('COMMIT', span.end);
    if (commit < 0) return undefined;
    const line = `-I ${step.chain} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`;
    return { title: `Accept the replies of established connections first: \`${shownRule(line)}\``, edits: [{ file: span.file, start: commit, end: commit, newText: line + nl }], preferred: true };
  }
  return undefined;
}

/** A class whose packet gets through but whose replies are dropped. */
const repliesDropped = (c: ReachClass): boolean => c.replyDropped === true;

export const dw010: FindingRule = {
  code: 'DW010',
  name: 'replies-dropped',
  title: 'Connections reach the container but their replies are dropped',
  defaultSeverity: 'warning',
  doc: [
    'A connection works only when the replies get back. The container\'s replies leave through the bridge and',
    'cross FORWARD again (DOCKER-USER, Docker\'s chains, your forward-hook chains) in the reply direction.',
    'A rule written for the requests can match the replies as well: `--ctorigdstport 8080 ! -s 198.51.100.0/24 -j DROP`',
    'drops every reply too (their original destination port is 8080, their source is the container), so the',
    'port is closed to everyone, the allowed sources included.',
    '',
    'Fix it by matching the original direction only (`-m conntrack --ctdir ORIGINAL`, nftables',
    '`ct direction original`), or by letting established and related traffic through first',
    '(`-I DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN`).',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const out: Finding[] = [];
    for (const reports of reportsByItem(ctx.analysis)) {
      const port = reports[0].port!;
      const { classes: hit, dest } = pickClasses(reports, repliesDropped);
      if (!hit.length) continue;
      const first = hit[0];
      const b = reports[0].binding;
      // Through docker-proxy, the replies that matter are the container's to the proxy.
      const proxy = first.proxyLeg && first.proxyLeg.verdict === 'accept' && first.proxyLeg.reply?.verdict === 'drop' ? first.proxyLeg : undefined;
      const dropped = proxy ? proxy.reply! : first.example.reply!;
      const by = describeDecision(dropped.decidedBy);
      const step = dropped.decidedBy?.kind === 'rule' ? dropped.decidedBy : undefined;
      const policy = dropped.decidedBy?.kind === 'policy' ? dropped.decidedBy : undefined;
      const final = proxy ? proxy.final : first.final;
      const reached = `${final.daddr.includes(':') ? `[${final.daddr}]` : final.daddr}:${final.dport}`;
      const who = step?.rule.origin ? ` (${step.rule.origin})` : '';
      const why = by ? `by ${by.text}${who}` : `(${dropped.reason?.message ?? 'dropped'})`;
      const message = proxy
        ? `${b.proto}/${b.hostPort} of service ${reports[0].service} is closed to ${describeClasses(hit)}: connections to ${dest ?? `port ${b.hostPort}`} reach docker-proxy, which connects to the container at ${reached}, ` +
          `but the container's replies to docker-proxy (coming in from ${proxy.final.oif} to a local socket) are dropped ${why}`
        : `${b.proto}/${b.hostPort} of service ${reports[0].service} is closed to ${describeClasses(hit)}: connections to ${dest ?? `port ${b.hostPort}`} reach the container at ${reached}, ` +
          `but the container's replies are dropped ${why}` +
          (step && /ctorig|ct original/.test(step.rule.text) ? `; the rule matches the connection's original destination, which replies share` : '');
      const related: RelatedInfo[] = [];
      if (step && isRealFile(step.rule.span)) related.push({ span: step.rule.span, message: `drops the replies of connections to ${b.proto}/${b.hostPort} of service ${reports[0].service}` });
      const fixes = step
        ? [directionFix(ctx, step), establishedFirstFix(ctx, step)].filter((f): f is Fix => f !== undefined)
        : policy
          ? [policyEstablishedFix(ctx, policy)].filter((f): f is Fix => f !== undefined)
          : [];
      const byPlain = by ? `${by.text}${step && isRealFile(step.rule.span) ? ` (${step.rule.span.file}:${step.rule.span.range.start.line + 1})` : who}` : 'the host';
      out.push({
        span: portSpan(port),
        severity: 'warning',
        code: 'DW010',
        message,
        summary: `Port ${b.hostPort}/${b.proto} of service ${reports[0].service} does not work for ${plainClasses(hit)}: the container's replies are dropped.`,
        explanation: proxy
          ? `docker-proxy passes the connections on to the container at ${reached}, but ${byPlain} drops the container's replies to docker-proxy, which come back in through the input chain.`
          : `The packets reach the container at ${reached}, but ${byPlain} drops its replies on their way back` +
            (step && /ctorig|ct original/.test(step.rule.text) ? `: the rule matches the connection's original destination port, which the replies share.` : '.'),
        steps: dropped.steps,
        related,
        fixes,
        path: dropped.steps.flatMap((s) => {
          const text = replyStepText(s);
          return text ? [{ text, span: s.kind === 'rule' && isRealFile(s.rule.span) ? s.rule.span : undefined }] : [];
        }),
      });
    }
    return out;
  },
};
