/**
 * DW011 firewalld-zone-bypassed
 *
 * On a firewalld host: a zone that does not allow a published port, while the port is open to the
 * traffic that zone governs. Shown on the zone's XML (the element name of its `<zone>` tag), so an
 * admin reading `zones/public.xml` learns that "only ssh comes in" is not true for the port a
 * compose file or Quadlet unit publishes. DW001 says the same on the published item.
 *
 * Decided from the simulations DW001 uses, per class of traffic (ingress interface × sources):
 * - through the admin's rules alone (the baseline) the packet enters the zone's input chain
 *   (`filter_IN_<zone>`, firewalld's dispatch by interface or source) and is refused there by what
 *   the zone does not allow: its target (default: reject; `DROP`, `%%REJECT%%`) or firewalld's
 *   final reject after a zone with `target="default"`;
 * - with the engine's rules the packet is DNATed to the container and forwarded (accepted).
 * A class refused by one of the zone's rich rules about the port is left to DW003 (a rule the
 * published traffic never crosses), so one zone line does not get two findings.
 *
 * The message says why, from the packet's path: the engine's DNAT runs in nat prerouting before the
 * zones look at the packet, the packet is then forwarded instead of delivered to the host, and
 * firewalld 1.3's `filter_FORWARD` accepts every DNATed connection (`ct status dnat accept`) before
 * any zone or policy sees it (named only when the path shows that rule). The fixes are DW001's: bind
 * the port to 127.0.0.1, or a direct rule in DOCKER-USER.
 *
 * Zones given only by firewalld's built-in data (no XML of the admin's) get no finding: there is no
 * file to show it on.
 *
 * Fixtures: test/unit/fixtures/findings/dw011-*.
 */
import type { RelatedInfo } from '../diagnostics';
import type { Zone } from '../firewalld';
import type { ReachClass } from '../netfilter/reach';
import type { TraceStep } from '../netfilter/trace';
import type { Span } from '../text';
import { describeClasses, describeDecision, dnatStep, engineWords, isBypass, plainClasses, portSpan, reportsByItem } from './describe';
import { bypassFixes } from './ruleset-fixes';
import type { FindingContext, FindingRule } from './rule';
import type { Finding } from './types';

const SUB = /_(?:pre|log|deny|allow|post)$/;

/** The zone whose input chain the baseline packet entered (firewalld's own dispatch decided it). */
function zoneOf(c: ReachClass, zones: ReadonlyMap<string, Zone>): Zone | undefined {
  for (const s of c.baseline?.steps ?? []) {
    if (s.kind !== 'rule' && s.kind !== 'policy' && s.kind !== 'chain') continue;
    if (s.table !== 'firewalld' || !s.chain.startsWith('filter_IN_')) continue;
    const z = zones.get(s.chain.slice('filter_IN_'.length).replace(SUB, ''));
    if (z) return z;
  }
  return undefined;
}

const inside = (a: Span, b: Span): boolean => a.file === b.file && a.start >= b.start && a.end <= b.end;

/** Why the zone refuses the class, in plain words; undefined when a rich rule of the zone decided (DW003's case). */
function refusal(z: Zone, by: TraceStep | undefined): string | undefined {
  const d = describeDecision(by);
  if (!d) return undefined;
  if (d.span && z.rules.some((r) => inside(d.span!, r.span))) return undefined;
  const target = z.target.value;
  if (target === 'DROP') return `its target DROP drops what it does not allow`;
  if (target === '%%REJECT%%') return `its target %%REJECT%% rejects what it does not allow`;
  if (d.span && (inside(d.span, z.span) || d.span.file === z.file)) return `its default target rejects what it does not allow: ${d.text}`;
  return `firewalld rejects what the zone does not allow: ${d.text}${d.span ? ` in ${d.span.file.startsWith('<') ? d.span.file : 'its rules'}` : ''}`;
}

/** firewalld's forward chain accepting the DNATed packet, when the path shows it. */
function ctDnatAccept(c: ReachClass): boolean {
  return c.example.steps.some((s) => s.kind === 'rule' && s.table === 'firewalld' && s.chain === 'filter_FORWARD' && s.verdict === 'accept' && /\bct status dnat\b/.test(s.rule.text));
}

export const dw011: FindingRule = {
  code: 'DW011',
  name: 'firewalld-zone-bypassed',
  title: 'A firewalld zone does not allow a port that is open anyway',
  defaultSeverity: 'warning',
  doc: [
    'The zone does not allow this port (no service, port or rich rule accepts it), yet a published port',
    'of a container is open to the traffic the zone governs.',
    '',
    'Docker (or Podman) publishes a port with DNAT in nat PREROUTING, before firewalld\'s zones look at',
    'the packet. The packet is then forwarded to the container instead of delivered to the host, so the',
    'zone\'s input rules never see it, and firewalld\'s forward chain accepts every DNATed connection',
    '(`ct status dnat accept`, firewalld 1.3) before any zone or policy does. No zone, policy or rich rule',
    'closes such a port.',
    '',
    'Fix it where the port is published (bind it to `127.0.0.1`), or with a direct rule in DOCKER-USER',
    '(direct.xml), which runs before Docker\'s accepts: it holds from firewalld\'s start before dockerd',
    'until a `firewall-cmd --reload` while dockerd runs.',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const zones = new Map((ctx.firewalld?.zones ?? []).map((z) => [z.name, z]));
    if (!zones.size) return [];
    const engine = engineWords(ctx.analysis).name;
    const out: Finding[] = [];
    for (const reports of reportsByItem(ctx.analysis)) {
      const port = reports[0].port!;
      const b = reports[0].binding;
      // the item's bypassing classes per zone, with the first published destination of each
      const byZone = new Map<Zone, { classes: ReachClass[]; dest: string; why: string }>();
      for (const r of reports)
        for (const probe of r.probes)
          for (const c of probe.classes) {
            if (!isBypass(c)) continue;
            const z = zoneOf(c, zones);
            if (!z || z.file.startsWith('<')) continue;
            const why = refusal(z, c.baseline?.decidedBy);
            if (!why) continue;
            const host = probe.daddr.includes(':') ? `[${probe.daddr}]` : probe.daddr;
            const entry = byZone.get(z) ?? { classes: [], dest: `${host}:${b.hostPort}/${b.proto}`, why };
            entry.classes.push(c);
            byZone.set(z, entry);
          }
      for (const [z, { classes, dest, why }] of byZone) {
        const first = classes[0];
        const item = portSpan(port);
        const itemText = `${item.file}:${item.range.start.line + 1}`;
        const dnat = dnatStep(first);
        const container = `${first.final.daddr}:${first.final.dport}`;
        const accepts = ctDnatAccept(first);
        const service = reports[0].service;
        const related: RelatedInfo[] = [{ span: item, message: `service ${service} publishes ${b.proto}/${b.hostPort} here` }];
        if (dnat && !dnat.rule.span.file.startsWith('<')) related.push({ span: dnat.rule.span, message: `the DNAT to ${container}` });
        const path =
          `${engine} DNATs ${dest} to ${container}${dnat?.rule.origin ? ` (${dnat.rule.origin})` : ''} before firewalld's zones look at the packet, so it is forwarded, never entering filter_IN_${z.name}` +
          (accepts ? `, and firewalld's filter_FORWARD accepts it (\`ct status dnat accept\`, before any zone or policy)` : '');
        out.push({
          span: z.tag,
          severity: 'warning',
          code: 'DW011',
          message: `zone ${z.name} does not allow ${b.proto}/${b.hostPort} (${why}), yet service ${service} publishes it (${itemText}) and it is reachable from ${describeClasses(classes)}: ${path}`,
          summary: `Zone ${z.name} does not allow port ${b.hostPort}/${b.proto}, but service ${service} publishes it (${itemText}) and ${plainClasses(classes)} can connect.`,
          explanation:
            `${engine} rewrites the destination to the container at ${container} (DNAT) before firewalld's zones look at the packet; it is forwarded, not delivered to the host, so zone ${z.name}'s rules never see it` +
            (accepts ? `, and firewalld's forward chain accepts every DNATed connection (\`ct status dnat accept\`). No zone, policy or rich rule closes it.` : '.'),
          steps: first.example.steps,
          related,
          fixes: bypassFixes(ctx, port, { proto: b.proto, port: b.hostPort, classes }),
        });
      }
    }
    return out;
  },
};
