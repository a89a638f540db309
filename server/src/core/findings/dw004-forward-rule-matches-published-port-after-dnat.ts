/**
 * DW004 forward-rule-matches-published-port-after-dnat
 *
 * A rule on the forward path (DOCKER-USER, an nft chain on the forward hook, any chain they jump
 * to) that matches a published binding's host port with `tcp dport` / `--dport`, or a host address
 * Docker publishes on with `ip daddr` / `-d`. Docker's DNAT runs in prerouting, before the forward
 * hook: there the packet already carries the container's address and port.
 *
 * - Host port ≠ container port (`8080:80`): the rule never matches the published traffic (warning).
 * - Host port = container port (`5432:5432`): the rule matches it only by accident, through the
 *   container port, and also matches every other forwarded packet to that port: other containers,
 *   routed hosts, the container's own outgoing connections' replies are not affected but new
 *   connections to that port anywhere are (information).
 * - `ip daddr H` for a host address H that a binding publishes on: never matches published traffic
 *   (its destination is the container now) (warning).
 *
 * The decision is made on the model: the chain must run from a forward-hook base chain in the merged
 * ruleset (admin's and Docker's rules together, so DOCKER-USER counts through Docker's jump), the
 * rule must come from the admin's files, its protocol (if any) and table family must fit the
 * binding, and the match must accept the host port (equality, set, range, named set, comparison).
 *
 * Fix (preferred): match the original destination in the user's syntax — nft
 * `meta l4proto tcp ct original proto-dst 8080` (nft 1.0.6 needs the `meta l4proto` first),
 * `ct original ip daddr H`; iptables `-m conntrack --ctorigdstport 8080`, `--ctorigdst H`.
 *
 * Fixtures: test/unit/fixtures/findings/dw004-*.
 */
import { engineWords } from './describe';
import type { ResolvedBinding } from '../docker';
import { formatIp, parseIp } from '../net/ip';
import type { MatchStmt, Rule, Table } from '../netfilter/model';
import type { RelatedInfo, Severity } from '../diagnostics';
import { ctOrigAddrEdit, ctOrigPortEdit, dportMatches, isAdminRule, matchAccepts, opOf, PROTO_NUMBER, reachableChains, ruleProto } from './ruleset-fixes';
import type { FindingContext, FindingRule } from './rule';
import type { Finding, Fix } from './types';

function bindingVersion(b: ResolvedBinding): 4 | 6 {
  return b.hostIp.includes(':') ? 6 : 4;
}

function familyFits(table: Table, v: 4 | 6): boolean {
  const f = table.ref.family;
  return f === 'inet' || (f === 'ip' && v === 4) || (f === 'ip6' && v === 6) || f === 'bridge';
}

function published(b: ResolvedBinding): string {
  const s = b.source;
  return s ? ` (service ${b.service ?? b.container}, ${s.file}:${s.line} \`${s.text}\`)` : ` (service ${b.service ?? b.container})`;
}

/** Host addresses a single-address match names (`ip daddr 192.0.2.1`, `ip daddr { a, b }`). */
function singleAddresses(m: MatchStmt): string[] {
  const out: string[] = [];
  const visit = (v: MatchStmt['right']): void => {
    if (v.kind === 'ip' && v.interval.lo === v.interval.hi) out.push(formatIp({ v: v.interval.v, n: v.interval.lo }));
    else if (v.kind === 'set') v.elements.forEach(visit);
  };
  visit(m.right);
  return out;
}

export const dw004: FindingRule = {
  code: 'DW004',
  name: 'forward-rule-matches-published-port-after-dnat',
  title: 'Forward rule matches a published port after DNAT',
  defaultSeverity: 'warning',
  doc: [
    'Docker DNATs published traffic in nat PREROUTING. By the time a packet reaches DOCKER-USER or any chain',
    'on the forward hook, its destination is the container\'s address and port, not the host port the client',
    'used. A rule matching `tcp dport 8080` for a `8080:80` mapping never matches that traffic; for `5432:5432`',
    'it matches, but through the container port, and also hits any other forwarded traffic to port 5432.',
    '',
    'Match the original destination instead: nftables `meta l4proto tcp ct original proto-dst 8080`',
    '(and `ct original ip daddr H`), iptables `-m conntrack --ctorigdstport 8080` (and `--ctorigdst H`).',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const a = ctx.analysis;
    const eng = engineWords(a).name;
    const bindings = a.docker.bindings.filter((b) => b.hostPort > 0 && b.path === 'dnat');
    if (!bindings.length) return [];
    const bridges = new Set(a.docker.networks.map((n) => n.bridge));
    const hostAddrs = new Set(a.host.interfaces.filter((i) => i.name !== 'lo' && !bridges.has(i.name)).flatMap((i) => i.addresses.map((x) => formatIp(x.addr))));
    const out: Finding[] = [];

    const report = (rule: Rule, m: MatchStmt, severity: Severity, message: string, fixTitle: string, kind: 'port' | 'addr', b: ResolvedBinding): void => {
      const text = ctx.texts.get(m.span.file);
      const src = opOf(a, rule);
      const fixes: Fix[] = [];
      if (text !== undefined && src) {
        const e = kind === 'port' ? ctOrigPortEdit(text, m, src.fragment.format) : ctOrigAddrEdit(text, m, src.fragment.format);
        if (e) fixes.push({ title: fixTitle, preferred: true, edits: [e] });
      }
      const related: RelatedInfo[] = b.source?.span ? [{ span: b.source.span, message: `published here: \`${b.source.text}\`` }] : [];
      out.push({ span: m.span, severity, code: 'DW004', message, related, fixes });
    };

    for (const table of a.ruleset.tables) {
      const forward = reachableChains(table, (c) => c.base?.hook === 'forward');
      for (const name of forward) {
        const chain = table.chains.get(name);
        if (!chain) continue;
        for (const rule of chain.rules) {
          if (!isAdminRule(rule)) continue;
          const proto = ruleProto(rule);
          const text = ctx.texts.get(rule.span.file) ?? '';
          const ipt = opOf(a, rule)?.fragment.format === 'iptables';
          const origPort = (p: number): string => (ipt ? `\`-m conntrack --ctorigdstport ${p}\`` : `\`ct original proto-dst ${p}\``);
          const origAddr = (x: string, v: number): string => (ipt ? `\`-m conntrack --ctorigdst ${x}\`` : `\`ct original ${v === 4 ? 'ip' : 'ip6'} daddr ${x}\``);
          const fits = bindings.filter((b) => familyFits(table, bindingVersion(b)) && (proto === undefined || proto === PROTO_NUMBER[b.proto]));
          // Destination port.
          const seen = new Set<MatchStmt>();
          for (const b of fits) {
            for (const m of dportMatches(rule, b.hostPort, table)) {
              if (seen.has(m)) continue;
              seen.add(m);
              const written = text.slice(m.span.start, m.span.end);
              const viaContainer = matchAccepts(m, b.containerPort, table);
              if (viaContainer && b.containerPort === b.hostPort)
                report(rule, m, 'information', `\`${written}\` matches ${b.proto}/${b.hostPort}${published(b)} only because the container port is the same: after ${eng}'s DNAT this is the container's port, so the rule also matches any other forwarded traffic to port ${b.containerPort}; ${origPort(b.hostPort)} matches what was published`, `Match the original destination port ${b.hostPort}`, 'port', b);
              else if (viaContainer)
                report(rule, m, 'information', `\`${written}\` names host port ${b.hostPort}${published(b)}, which the forward path never sees after ${eng}'s DNAT; the rule matches that traffic only through container port ${b.containerPort}`, `Match the original destination port ${b.hostPort}`, 'port', b);
              else
                report(rule, m, 'warning', `\`${written}\` never matches traffic published on ${b.proto}/${b.hostPort}${published(b)}: ${eng} DNATs it before the forward hook, where its destination port is the container's ${b.containerPort}; match the original destination with ${origPort(b.hostPort)}`, `Match the original destination port ${b.hostPort} (before ${eng}'s DNAT)`, 'port', b);
            }
          }
          // Destination address: a host address Docker publishes on.
          for (const m of rule.statements) {
            if (m.kind !== 'match' || m.op !== 'eq' || m.left.kind !== 'field' || (m.left.field !== 'ip.daddr' && m.left.field !== 'ip6.daddr')) continue;
            const addr = singleAddresses(m).find((x) => hostAddrs.has(x));
            if (!addr) continue;
            const v = parseIp(addr)!.v;
            const b = fits.find((x) => bindingVersion(x) === v && (x.hostIp === addr || x.hostIp === '0.0.0.0' || x.hostIp === '::'));
            if (!b) continue;
            const written = text.slice(m.span.start, m.span.end);
            report(rule, m, 'warning', `\`${written}\` never matches traffic published on ${addr}${published(b)}: ${eng} DNATs it before the forward hook, where its destination is the container (${b.containerIp}); match the original destination with ${origAddr(addr, v)}`, `Match the original destination address ${addr} (before ${eng}'s DNAT)`, 'addr', b);
          }
        }
      }
    }
    return out;
  },
};

