/**
 * DW007 host-network-service
 *
 * A service with `network_mode: host` shares the host's network stack: Docker creates no bridge, no
 * DNAT and no rules for it, and the Engine discards its `ports` ("Published ports are discarded when
 * using host network mode"). The process binds the host's sockets itself, on its own (container)
 * port, so packets to it are delivered locally and the host's input chain (ufw, firewalld zones,
 * an nftables input chain) is what filters them — the opposite of a published port.
 *
 * Reported as `information`:
 * - on the `network_mode` value: the service listens on the host, the input chain governs it, with
 *   the verdict for each listed port;
 * - on each `ports` item: ignored by Docker, and the real verdict of the input chain for the port the
 *   service listens on (`target`; a different `published` is ignored too).
 * The verdicts are simulated: a packet to the host's own address on each external interface (each
 * global address, IPv4 and IPv6), through the admin's rules together with Docker's (Docker adds
 * nothing on the input path, but its nat PREROUTING jump is crossed on the way).
 *
 * Fixtures: test/unit/fixtures/findings/dw007-*.
 */
import type { Analysis } from '../analysis';
import type { ComposeService, PublishedPort } from '../compose';
import type { RelatedInfo } from '../diagnostics';
import { reach, type ReachClass } from '../netfilter/reach';
import { LineIndex, type Span } from '../text';
import { describeClasses, describeDecision, portSpan } from './describe';
import { externalInterfaces, inputAccept, inUserFile, pathNotes } from './dw002-port-published-on-all-addresses';
import type { FindingContext, FindingRule } from './rule';
import type { Finding } from './types';

/** The `network_mode: host` value in the service's text (the key when the value is not found). */
function networkModeSpan(svc: ComposeService, texts: ReadonlyMap<string, string>): Span {
  const text = texts.get(svc.span.file);
  if (text === undefined) return svc.span;
  const body = text.slice(svc.span.start, svc.span.end);
  const m = /(^|\n)[ \t]*(?:-[ \t]+)?network_mode[ \t]*:[ \t]*(["']?)(host)\2/.exec(body);
  if (!m) return svc.span;
  const start = svc.span.start + m.index + m[0].length - m[3].length - m[2].length;
  return new LineIndex(text).span(svc.span.file, start, start + m[3].length);
}

interface PortVerdicts {
  readonly port: PublishedPort;
  readonly classes: ReachClass[];
}

function inputVerdicts(a: Analysis, port: PublishedPort): ReachClass[] {
  const out: ReachClass[] = [];
  const proto = port.protocol.toLowerCase();
  for (const i of externalInterfaces(a))
    for (const addr of i.addresses) out.push(...reach(a.ruleset, a.host, { daddr: addr.text, proto, dport: port.target }, { interfaces: [i.name] }));
  return out;
}

/** The input chain's accepting rule or policy for an accepted class; the deciding step otherwise. */
const decision = (c: ReachClass): { text: string; span?: Span } | undefined => (c.verdict === 'accept' ? inputAccept(c.example) : describeDecision(c.decidedBy));

/**
 * Per IP version: `IPv4 accepted from eth0 (any source) (by ...); IPv6 dropped from eth0 (any
 * source) (by the drop policy of ...)`.
 */
function verdictText(classes: readonly ReachClass[]): string {
  const parts: string[] = [];
  const families = [...new Set(classes.map((c) => c.sources[0]?.v ?? 4))].sort();
  for (const fam of families)
    for (const v of ['accept', 'drop', 'unknown'] as const) {
      const cs = classes.filter((c) => c.verdict === v && (c.sources[0]?.v ?? 4) === fam);
      if (!cs.length) continue;
      const by = [...new Set(cs.map((c) => decision(c)?.text).filter((t) => t !== undefined))];
      const verb = v === 'accept' ? 'accepted' : v === 'drop' ? 'dropped' : 'unknown';
      const how = by.length ? ` (${v === 'unknown' ? '' : 'by '}${by.slice(0, 2).join('; ')}${by.length > 2 ? '; …' : ''})` : v === 'accept' ? ' (no rule filters it)' : '';
      parts.push(`${families.length > 1 ? `IPv${fam} ` : ''}${verb} from ${describeClasses(cs)}${how}`);
    }
  return parts.join('; ') || 'no external interface to receive it';
}

export const dw007: FindingRule = {
  code: 'DW007',
  name: 'host-network-service',
  title: 'Service on the host network: the input chain applies',
  defaultSeverity: 'information',
  doc: [
    'With `network_mode: host` the container uses the host\'s network stack. Docker publishes nothing and',
    'adds no rules for it; the Engine discards `ports` ("Published ports are discarded when using host',
    'network mode"). The service listens on the host on its own port, so the host\'s input chain (ufw,',
    'firewalld, your nftables input chain) decides who reaches it — unlike a published port, whose traffic',
    'is forwarded past the input chain.',
    '',
    'Remove the ignored `ports` entries (they suggest a mapping that does not exist) and make sure the input',
    'chain accepts the service\'s port only from where it should.',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const a = ctx.analysis;
    const out: Finding[] = [];
    for (const svc of a.project.services.values()) {
      if (!svc.active || svc.networkMode.kind !== 'host') continue;
      const verdicts: PortVerdicts[] = svc.ports.map((port) => ({ port, classes: inputVerdicts(a, port) }));
      const related: RelatedInfo[] = [];
      for (const v of verdicts)
        for (const c of v.classes) {
          const d = decision(c);
          if (d && inUserFile(d.span) && !related.some((r) => r.span.file === d.span!.file && r.span.start === d.span!.start))
            related.push({ span: d.span, message: `the input chain decides ${v.port.protocol.toLowerCase()}/${v.port.target} of service ${svc.name} here` });
        }
      const summary = verdicts.length
        ? `: ${verdicts.map((v) => `${v.port.protocol.toLowerCase()}/${v.port.target} ${verdictText(v.classes)}`).join('; ')}`
        : '';
      out.push({
        span: networkModeSpan(svc, ctx.texts),
        severity: 'information',
        code: 'DW007',
        message: `service ${svc.name} uses the host's network: Docker publishes nothing and adds no rules for it; it listens on the host itself, so the input chain governs it${summary}`,
        related,
        path: verdicts[0]?.classes[0] ? pathNotes(verdicts[0].classes[0].example) : undefined,
      });
      for (const v of verdicts) {
        const p = v.port;
        const proto = p.protocol.toLowerCase();
        const pub = p.published !== undefined && p.published !== '' && p.published !== String(p.target) ? ` (the published ${p.published} is ignored too: clients must use ${p.target})` : '';
        out.push({
          span: portSpan(p),
          severity: 'information',
          code: 'DW007',
          message: `ignored by Docker (network_mode: host): the service listens on the host's ${proto}/${p.target}${pub}, where the input chain applies: ${verdictText(v.classes)}`,
          path: v.classes[0] ? pathNotes(v.classes[0].example) : undefined,
        });
      }
    }
    return out;
  },
};
