/**
 * DW002 port-published-on-all-addresses
 *
 * A port published on every host address — no host address in the compose item (Docker's default
 * binding: `0.0.0.0` *and* `[::]`), or an explicit `0.0.0.0` / `::` — that some class of traffic from
 * a non-loopback interface reaches. `addrtype LOCAL` / `fib daddr type local` in Docker's DNAT rule
 * means every address the host owns answers: each external interface, VPN links included.
 *
 * Division of labour with DW001 (decided per class of traffic, ingress interface × sources):
 * - a class that reaches the container although the admin's rules alone would drop it is a bypass,
 *   reported by DW001 (warning) and never by DW002;
 * - every other accepted class is reported here, as `information`: the admin's own rules accept the
 *   same packets (an intended opening that still listens on every address), or no ruleset was given
 *   at all (nothing filters it), or it is the IPv6 side of a default binding served by docker-proxy,
 *   where the input chain applies and accepts.
 * The message says which side is reachable how: IPv4 through Docker's DNAT (forwarded, the input
 * chain never sees it) and/or IPv6 through docker-proxy (local delivery, the input chain decided).
 * Ephemeral host ports (`"80"`, no `published`) are published too: Docker picks the port at run time
 * from the ephemeral range; the simulation uses the port Docker would pick first, and the message
 * says so.
 *
 * Fixes: bind to 127.0.0.1 (preferred), or to one of the host's addresses (one fix per address of
 * the host model's external interfaces).
 *
 * Fixtures: test/unit/fixtures/findings/dw002-*.
 */
import type { Analysis, PortReport } from '../analysis';
import type { RelatedInfo } from '../diagnostics';
import type { PublishedPort } from '../compose';
import { formatIp } from '../net/ip';
import type { ReachClass } from '../netfilter/reach';
import type { SimResult } from '../netfilter/trace';
import { type Span, shownRule } from '../text';
import { describeClasses, describeDecision, engineWords, portSpan } from './describe';
import { bindToAddressFix, bindToLoopbackFix } from './fixes';
import type { FindingContext, FindingRule } from './rule';
import type { Finding, Fix, PathNote } from './types';

/** A span in one of the user's files (Docker's rules live in virtual files named `<...>`). */
export const inUserFile = (s: Span | undefined): s is Span => !!s && !s.file.startsWith('<');

/** The reports of each compose port item (an item can yield several bindings: IPv4 and IPv6, ranges). */
export function portItems(analysis: Analysis): { port: PublishedPort; service: string; reports: PortReport[] }[] {
  const byItem = new Map<string, { port: PublishedPort; service: string; reports: PortReport[] }>();
  for (const r of analysis.ports) {
    if (!r.port) continue;
    const key = `${r.port.source.item.file}:${r.port.source.item.start}:${r.port.target}:${r.port.protocol}`;
    const g = byItem.get(key);
    if (g) g.reports.push(r);
    else byItem.set(key, { port: r.port, service: r.service, reports: [r] });
  }
  return [...byItem.values()];
}

/** Interfaces packets come in from: the host's, without `lo` and Docker's bridges. */
export function externalInterfaces(analysis: Analysis): { name: string; addresses: { text: string; v: 4 | 6 }[] }[] {
  const bridges = new Set(analysis.docker.networks.map((n) => n.bridge));
  return analysis.host.interfaces
    .filter((i) => i.name !== 'lo' && !i.bridge && !bridges.has(i.name))
    .map((i) => ({
      name: i.name,
      // Global addresses: link-local IPv6 (fe80::/10) is not how services are reached.
      addresses: i.addresses.filter((a) => !(a.addr.v === 6 && a.addr.n >> 118n === 0x3fan)).map((a) => ({ text: formatIp(a.addr), v: a.addr.v })),
    }));
}

/** The key steps of a simulated packet's path, one line each, with spans into the user's files. */
export function pathNotes(r: SimResult): PathNote[] {
  const out: PathNote[] = [];
  for (const s of r.steps) {
    if (s.kind === 'rule') out.push({ text: `${s.hook} ${s.family} ${s.table} ${s.chain}: ${shownRule(s.rule.text)} → ${s.verdict}`, span: inUserFile(s.rule.span) ? s.rule.span : undefined });
    else if (s.kind === 'policy') out.push({ text: `${s.hook} ${s.family} ${s.table} ${s.chain}: policy ${s.verdict}` });
    else if (s.kind === 'route') out.push({ text: `routing: ${s.decision}${s.oif ? ` via ${s.oif}` : ''}` });
    else if (s.kind === 'unknown') out.push({ text: `unknown: ${s.reason}`, span: inUserFile(s.span) ? s.span : undefined });
  }
  return out;
}

/**
 * Interfaces and sources of classes that may mix IPv4 and IPv6: an interface whose classes each
 * cover every source of their family is `eth0 (any source)`.
 */
export function describeSources(classes: readonly ReachClass[]): string {
  const byIf = new Map<string, ReachClass[]>();
  for (const c of classes) byIf.set(c.iif, [...(byIf.get(c.iif) ?? []), c]);
  return [...byIf.entries()].map(([iif, cs]) => (cs.every((c) => c.anySource) ? `${iif} (any source)` : describeClasses(cs))).join(', ');
}

/**
 * What accepted a locally delivered packet in the input hook: the last accepting rule or policy
 * there; undefined when no chain on the input hook saw it (nothing filters it).
 */
export function inputAccept(r: SimResult): { text: string; span?: Span } | undefined {
  const steps = r.steps.filter((s) => (s.kind === 'rule' && s.verdict === 'accept') || s.kind === 'policy');
  const last = [...steps].reverse().find((s) => 'hook' in s && s.hook === 'input');
  return describeDecision(last);
}

/** The classes DW001 reports: accepted and forwarded, although the admin's rules alone drop them. */
export function isBypass(c: ReachClass): boolean {
  return c.verdict === 'accept' && c.delivery === 'forward' && c.baseline?.verdict === 'drop';
}

function isAllAddresses(ip: string): boolean {
  return ip === '0.0.0.0' || ip === '::' || ip === '';
}

interface Side {
  readonly family: 4 | 6;
  readonly daddrs: string[];
  readonly classes: ReachClass[];
}

function sideText(s: Side, hasRules: boolean, engine: string): string {
  const where = `IPv${s.family} on ${s.daddrs.map((d) => (s.family === 6 ? `[${d}]` : d)).join(', ')}`;
  const c = s.classes[0];
  if (c.delivery === 'local') {
    const by = inputAccept(c.example);
    return `${where} through docker-proxy (delivered locally: the input chain applies${hasRules ? (by ? ` and accepts, ${by.text}` : ', but no input rule filters it') : ''})`;
  }
  const base = c.baseline ? describeDecision(c.baseline.decidedBy) : undefined;
  const own = !hasRules ? '' : c.baseline?.verdict === 'accept' ? `; your rules alone accept it too${base ? `, ${base.text}` : ''}` : c.baseline?.verdict === 'unknown' ? '; what your rules alone would do is unknown' : '';
  return `${where} through ${engine}'s DNAT (forwarded, the input chain never sees it${own})`;
}

export const dw002: FindingRule = {
  code: 'DW002',
  name: 'port-published-on-all-addresses',
  title: 'Port published on every host address',
  defaultSeverity: 'information',
  doc: [
    'The port has no host address (or `0.0.0.0` / `::`), so Docker publishes it on **every** address the',
    'host owns — each interface, VPN links included — and, without an address, on IPv4 *and* IPv6',
    '(`0.0.0.0` and `[::]`). The IPv4 side goes through Docker\'s DNAT and is forwarded (the input chain',
    'never sees it); the IPv6 side of a container without IPv6 is served by docker-proxy, where the input',
    'chain does apply.',
    '',
    'Your rules accept this traffic too (or no ruleset was given), so this is not a bypass (that is DW001);',
    'it is a reminder that the service listens everywhere. A port without `published` gets an ephemeral',
    'host port that Docker picks at run time: firewall rules on a fixed port cannot anticipate it.',
    '',
    'If only this host should connect, bind it to `127.0.0.1` (`"127.0.0.1:8080:80"`, or `host_ip` in the',
    'long syntax); to serve one network only, bind it to that interface\'s address.',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const a = ctx.analysis;
    const hasRules = a.sources.length > 0;
    const out: Finding[] = [];
    for (const { port, service, reports } of portItems(a)) {
      const sides: Side[] = [];
      for (const r of reports) {
        if (!isAllAddresses(r.binding.hostIp) || r.binding.hostPort <= 0) continue;
        for (const probe of r.probes) {
          const open = probe.classes.filter((c) => c.verdict === 'accept' && !isBypass(c));
          if (!open.length) continue;
          let side = sides.find((s) => s.family === probe.family);
          if (!side) sides.push((side = { family: probe.family, daddrs: [], classes: [] }));
          side.daddrs.push(probe.daddr);
          side.classes.push(...open);
        }
      }
      if (!sides.length) continue;
      sides.sort((x, y) => x.family - y.family);
      const all = sides.flatMap((s) => s.classes);
      const b = reports[0].binding;
      const ephemeral = port.published === undefined || port.published === '';
      const portText = ephemeral ? `${b.proto} port ${port.target} of service ${service}` : `${b.proto}/${b.hostPort} of service ${service}`;
      const ephemeralText = ephemeral
        ? `; the host port is ephemeral: Docker picks it at run time (simulated as ${b.hostPort}), so rules on a fixed port cannot anticipate it`
        : b.note
          ? `; the host port is the ${b.note}`
          : '';
      const bindingText = port.hostIp ? `on ${port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp} (every address of that family)` : 'without a host address, i.e. on every address (0.0.0.0 and [::])';
      const message =
        `${portText} is published ${bindingText} and reachable from ${describeSources(all)}: ` +
        sides.map((s) => sideText(s, hasRules, engineWords(a).name)).join('; ') +
        `${hasRules ? '' : '; no ruleset was given, so nothing filters it'}${ephemeralText}`;

      const related: RelatedInfo[] = [];
      for (const c of all) {
        const d = c.delivery === 'local' ? inputAccept(c.example) : describeDecision(c.baseline?.decidedBy);
        if (d && inUserFile(d.span) && !related.some((x) => x.span.file === d.span!.file && x.span.start === d.span!.start))
          related.push({ span: d.span, message: c.delivery === 'local' ? 'the input chain accepts the docker-proxy side here' : 'your rules accept this port here (without Docker too)' });
      }
      const fixes: Fix[] = [];
      const loop = bindToLoopbackFix(ctx, port);
      if (loop) fixes.push(loop);
      for (const i of externalInterfaces(a))
        for (const addr of i.addresses) {
          const f = bindToAddressFix(ctx, port, addr.text, `Bind to ${addr.text} (the address of ${i.name})`);
          if (f) fixes.push(f);
        }
      out.push({ span: portSpan(port), severity: 'information', code: 'DW002', message, related, fixes, path: pathNotes(all[0].example) });
    }
    return out;
  },
};
