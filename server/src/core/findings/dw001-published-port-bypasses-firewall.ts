/**
 * DW001 published-port-bypasses-firewall
 *
 * A published port that traffic from some interface or source reaches, although the host's own
 * rules would have refused the same packets had Docker not been there.
 *
 * Docker publishes with DNAT in nat PREROUTING: the packet's destination becomes the container, so
 * the packet is forwarded (FORWARD, DOCKER-USER, Docker's chains) and never crosses the INPUT chain
 * where the admin's `drop` or ufw's `deny` sits. The finding is computed, not guessed: every class
 * of traffic (ingress interface × source addresses the rules distinguish) is simulated twice, through
 * the admin's rules plus Docker's, and through the admin's rules alone (the baseline). A class that
 * the first accepts and forwards to the container while the baseline drops is a bypass.
 *
 * Fixes: bind the port to an address (`127.0.0.1:8080:80`, long syntax `host_ip`), or filter in a
 * forward-hook chain / DOCKER-USER on the original destination (`ct original proto-dst`,
 * `--ctorigdstport`); on a ufw host `ufw route deny` with DOCKER-USER sent through ufw's route
 * rules (ufw-fixes.ts), on a firewalld host a direct.xml rule in DOCKER-USER (firewalld-fixes.ts).
 *
 * Fixtures: test/unit/fixtures/findings/dw001-*.
 */
import { type Span, shownRule } from '../text';
import type { RelatedInfo } from '../diagnostics';
import { describeClasses, describeDecision, dnatStep, isBypass, pickClasses, plainClasses, portSpan, reportsByItem } from './describe';
import { bypassFixes } from './ruleset-fixes';
import type { FindingContext, FindingRule } from './rule';
import type { Finding } from './types';

const realFile = (s: Span | undefined): s is Span => !!s && !s.file.startsWith('<');

export const dw001: FindingRule = {
  code: 'DW001',
  name: 'published-port-bypasses-firewall',
  title: 'Published port bypasses the host firewall',
  defaultSeverity: 'warning',
  doc: [
    'Docker publishes a port with DNAT in nat PREROUTING. The packet is then forwarded to the container and',
    'never crosses the INPUT chain, so `drop` rules there (and ufw `deny`) do not apply to it.',
    '',
    'Dockwall simulated the traffic both ways: with Docker\'s rules the packet reaches the container; with',
    'your rules alone it would have been dropped.',
    '',
    'Fix it by binding the port to an address (`"127.0.0.1:5432:5432"`, or `host_ip` in the long syntax),',
    'or by filtering forwarded traffic on its original destination port: in nftables',
    '`ct original proto-dst 5432` in a chain on the forward hook, in iptables',
    '`-I DOCKER-USER -p tcp -m conntrack --ctorigdstport 5432 -j DROP`.',
    '',
    'On a firewalld host no zone, policy or rich rule sees the DNATed traffic (firewalld\'s forward chain',
    'accepts it with `ct status dnat accept`); a direct rule in DOCKER-USER (direct.xml) does, from firewalld\'s',
    'start before dockerd until a `firewall-cmd --reload` while dockerd runs.',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const out: Finding[] = [];
    // The engine whose DNAT it is (Podman's netavark publishes the same way).
    const engine = ctx.analysis.engineName === 'podman' ? 'Podman' : 'Docker';
    for (const reports of reportsByItem(ctx.analysis)) {
      const port = reports[0].port!;
      const { classes: bypass, dest } = pickClasses(reports, isBypass);
      if (!bypass.length) continue;
      const first = bypass[0];
      const refused = describeDecision(first.baseline?.decidedBy);
      const dnat = dnatStep(first);
      const container = `${first.final.daddr}:${first.final.dport}`;
      const related: RelatedInfo[] = [];
      if (refused && realFile(refused.span)) related.push({ span: refused.span, message: `without ${engine}, ${refused.text} would drop this traffic` });
      const b = reports[0].binding;
      const rated = first.example.firstPacket?.length ? first.example.firstPacket : undefined;
      const message =
        `${b.proto}/${b.hostPort} of service ${reports[0].service} is reachable from ${describeClasses(bypass)} although the host firewall would drop it` +
        `${refused ? ` (${refused.text})` : ''}: ${engine} DNATs ${dest ?? `port ${b.hostPort}`} to ${container}` +
        `${dnat?.rule.origin ? ` (${dnat.rule.origin})` : ''} and the packet is forwarded, never seeing the input chain` +
        (rated ? `; reachable, rate-limited: ${rated.map((n) => n.note).join('; ')} (decided for the first packet of a new connection)` : '');
      const fixes = bypassFixes(ctx, port, { proto: b.proto, port: b.hostPort, classes: bypass });
      const at = refused?.span && realFile(refused.span) ? ` at ${refused.span.file}:${refused.span.range.start.line + 1}` : '';
      out.push({
        span: portSpan(port),
        severity: 'warning',
        code: 'DW001',
        message,
        summary: `Port ${b.hostPort}/${b.proto} of service ${reports[0].service} is open to ${plainClasses(bypass)}${rated ? ' (rate-limited)' : ''}, although your firewall blocks it.`,
        explanation:
          `Your firewall would drop these packets (${refused?.text ?? 'its rules'}${at}), but ${engine} rewrites their destination to the container at ${container} (DNAT) before the host decides where they go, ` +
          `so they are forwarded to the container and never pass the input chain.`,
        steps: first.example.steps,
        related,
        fixes,
        path: first.example.steps
          .filter((s) => s.kind === 'rule' || s.kind === 'route' || s.kind === 'policy')
          .map((s) => ({ text: s.kind === 'rule' ? `${s.hook} ${s.family} ${s.table} ${s.chain}: ${shownRule(s.rule.text)} → ${s.verdict}` : s.kind === 'route' ? `routing: ${s.decision}${s.oif ? ` via ${s.oif}` : ''}` : `${s.hook} ${s.family} ${s.table} ${s.chain}: policy ${s.verdict}`, span: s.kind === 'rule' && realFile(s.rule.span) ? s.rule.span : undefined })),
      });
    }
    return out;
  },
};
