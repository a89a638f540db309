/**
 * DW012 container-zone-accepts-all
 *
 * On a firewalld host: a zone with `target="ACCEPT"` that holds the bridges of the container
 * engine's networks (dockerd's zone `docker`). Every packet that comes in by those interfaces is
 * accepted on the input path, so every container reaches every port the host itself listens on,
 * whatever the zone of the external interface allows. Shown on the `ACCEPT` of the zone's target
 * attribute.
 *
 * Decided by simulation, and reported only when it shows the difference: for the first network
 * whose bridge is in the zone, a TCP connection from one of its containers to the host's external
 * address is simulated (with its reply) on the host's rules with the engine's, for a few ports a
 * host commonly serves to itself only (databases, caches, an alternative ssh) that no compose item
 * publishes; the first port that the same connection from the external interface cannot open, and
 * the container's connection opens, decided by the zone's target, is named in the message.
 *
 * dockerd binds docker0 and each Docker network's bridge to zone `docker` when it runs; the
 * docker.xml it writes names none (see `FirewalldRuntime.interfaces` in firewalld/lower.ts). Measured with
 * dockerd 20.10 and 28.5.2 on firewalld 1.3.3 (shared/tools/realpodman; test/firewalld-diff/probe.ts):
 * with eth0 in zone public (ssh only) and a host service on 0.0.0.0 (ports 2222 and 3306), the
 * network's probe was rejected and containers on docker0 and on a user-defined network connected
 * at the host's eth0 address and at their gateway.
 *
 * No quick fix: what dockerd does with a docker zone whose target was changed is not measured. A
 * host service meant for the host alone can listen on 127.0.0.1, which containers cannot reach.
 *
 * Fixtures: test/unit/fixtures/findings/dw012-*.
 */
import type { RelatedInfo } from '../diagnostics';
import type { Zone } from '../firewalld';
import { contains, formatIp, parseIp, prefixInterval, type IpAddress } from '../net/ip';
import { parsePacket } from '../netfilter/packet';
import { simulate } from '../netfilter/simulate';
import type { SimResult } from '../netfilter/trace';
import type { Span } from '../text';
import { describeDecision } from './describe';
import type { FindingContext, FindingRule } from './rule';
import type { Finding } from './types';

/** Ports a host often serves to itself only: MySQL, PostgreSQL, Redis, an alternative ssh, Elasticsearch, MongoDB. */
const CANDIDATES = [3306, 5432, 6379, 2222, 9200, 27017];
/** Sources on the external side (the first not on a host subnet is used). */
const OUTSIDE = ['192.0.2.123', '198.51.100.123', '203.0.113.123', '100.64.0.123'];

const inside = (a: Span, b: Span): boolean => a.file === b.file && a.start >= b.start && a.end <= b.end;

function connect(ctx: FindingContext, iif: string, saddr: string, daddr: string, port: number): SimResult | undefined {
  const p = parsePacket(`iif=${iif} saddr=${saddr} daddr=${daddr} proto=tcp dport=${port}`).value;
  return p ? simulate(ctx.analysis.ruleset, ctx.analysis.host, p, { reply: true }) : undefined;
}

const opens = (r: SimResult | undefined): boolean => r?.verdict === 'accept' && r.delivery === 'local' && r.reply?.verdict === 'accept';

export const dw012: FindingRule = {
  code: 'DW012',
  name: 'container-zone-accepts-all',
  title: 'Containers reach every port of the host (zone target ACCEPT)',
  defaultSeverity: 'information',
  doc: [
    'The firewalld zone that holds the container bridges (dockerd\'s zone `docker`: docker0 and each Docker',
    'network\'s bridge, bound when dockerd runs) has `target="ACCEPT"`: every packet a container sends to the',
    'host is accepted, whatever the zone of your external interface allows.',
    '',
    'A service on the host that listens on every address (a database or cache on `0.0.0.0`) is therefore',
    'reachable from every container, although the public zone rejects its port from the network.',
    '',
    'Let such a service listen on `127.0.0.1` (containers cannot reach the host\'s loopback), or on the',
    'addresses it is meant for.',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const host = ctx.analysis.host;
    const out: Finding[] = [];
    const bridges = new Set(ctx.analysis.docker.networks.map((n) => n.bridge));
    const ext = host.interfaces.find((i) => i.name !== 'lo' && !bridges.has(i.name) && i.addresses.some((a) => a.addr.v === 4));
    const daddr = ext?.addresses.find((a) => a.addr.v === 4)?.addr;
    if (!ext || !daddr) return out;
    const onHost = (a: IpAddress) => host.interfaces.some((i) => i.addresses.some((h) => h.addr.v === a.v && contains(prefixInterval(h.addr, h.prefixLen)!, a)));
    const remote = OUTSIDE.find((s) => !onHost(parseIp(s)!));
    if (!remote) return out;
    const published = new Set(ctx.analysis.docker.bindings.map((b) => b.hostPort));
    for (const z of ctx.firewalld?.zones ?? []) {
      if (z.target.value !== 'ACCEPT' || !z.target.span || z.file.startsWith('<')) continue;
      const zone: Zone = z;
      const net = ctx.analysis.docker.networks.find((n) => zone.interfaces.some((i) => i.value === n.bridge) && n.endpoints.some((e) => e.ipv4));
      const container = net?.endpoints.find((e) => e.ipv4);
      if (!net || !container?.ipv4) continue;
      const target = z.target.span;
      for (const port of CANDIDATES.filter((p) => !published.has(p))) {
        const from = connect(ctx, ext.name, remote, formatIp(daddr), port);
        if (!from || from.verdict !== 'drop') continue;
        const inner = connect(ctx, net.bridge, formatIp(container.ipv4), formatIp(daddr), port);
        const by = inner?.decidedBy;
        if (!opens(inner) || by?.kind !== 'rule' || !inside(by.rule.span, target)) continue;
        const refused = describeDecision(from.decidedBy);
        const runtime = zone.interfaces.find((i) => i.value === net.bridge)?.span === zone.tag;
        const others = zone.interfaces.filter((i) => i.value !== net.bridge).map((i) => i.value);
        const related: RelatedInfo[] = [];
        if (refused?.span && !refused.span.file.startsWith('<')) related.push({ span: refused.span, message: `from ${ext.name}, ${refused.text} refuses ${formatIp(daddr)}:${port}/tcp` });
        const ifaces = [net.bridge, ...others].join(', ');
        out.push({
          span: target,
          severity: 'information',
          code: 'DW012',
          message:
            `zone ${z.name} accepts every packet that comes in by ${ifaces} (target ACCEPT): a container of network ${net.name} (${formatIp(container.ipv4)} on ${net.bridge}) connects to ${formatIp(daddr)}:${port}/tcp, ` +
            `which the same connection from ${ext.name} cannot open${refused ? ` (${refused.text})` : ''}; containers reach every port the host listens on` +
            (runtime ? `; dockerd binds ${net.bridge} to this zone when it runs (this file names no such interface)` : ''),
          summary: `Containers can connect to every port this host listens on: zone ${z.name} accepts everything from ${ifaces}, whatever the zone of ${ext.name} allows.`,
          explanation:
            `firewalld sends the containers' traffic to zone ${z.name}, whose target ACCEPT accepts every packet: a container of ${net.name} (${formatIp(container.ipv4)}) connects to ${formatIp(daddr)}:${port}/tcp, ` +
            `which ${ext.name}'s zone refuses from the network. A service on the host that listens on all addresses is open to every container.`,
          steps: inner!.steps,
          related,
        });
        break;
      }
    }
    return out;
  },
};
