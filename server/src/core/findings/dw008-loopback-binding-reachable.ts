/**
 * DW008 loopback-binding-reachable
 *
 * A port bound to `127.0.0.1` (any 127/8 address) that hosts on the local network can reach.
 * Before Docker 28.0 (moby#45610), a neighbour on the same link sends a packet to 127.0.0.1 with
 * this host's MAC address as the link-layer destination; Docker's DNAT in nat PREROUTING rewrites
 * the destination to the container before the routing decision, so the kernel's martian check on
 * 127/8 destinations never fires and the packet is forwarded to the container. Docker 28.0 added a
 * raw-table rule (`-d 127.0.0.1 ! -i lo ... -j DROP`, priority −300, before DNAT) for every
 * loopback-published port.
 *
 * The analysis probes a loopback binding from every external interface; a class with verdict
 * `accept` is this finding (warning). IPv6 `::1` is not reported: the kernel drops packets to ::1
 * that arrive on any other interface before netfilter sees them.
 *
 * Fixes: upgrade Docker to 28.0 or later, or add the guard yourself — a fix appends, to the admin's
 * nftables file, a chain on the prerouting hook at raw priority with
 * `iifname != "lo" ip daddr 127.0.0.0/8 drop` (to an iptables-save file: the same rule in `*raw`).
 *
 * Fixtures: test/unit/fixtures/findings/dw008-*.
 */
import type { Analysis } from '../analysis';
import type { PublishedPort } from '../compose';
import { parseIp } from '../net/ip';
import type { ReachClass } from '../netfilter/reach';
import type { Span } from '../text';
import { describeClasses, engineWords } from './describe';
import { pathNotes, portItems } from './dw002-port-published-on-all-addresses';
import type { FindingContext, FindingRule } from './rule';
import type { Finding, Fix } from './types';

const isLoopbackV4 = (ip: string): boolean => {
  const a = parseIp(ip);
  return !!a && a.v === 4 && a.n >> 24n === 127n;
};

/** `[major, minor]` of a release string such as `27`, `28.2.2`. */
function releaseOf(v: string): [number, number] {
  const m = /^(\d+)(?:\.(\d+))?/.exec(v);
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : [0, 0];
}

const NFT_GUARD = [
  '',
  '# Remote packets addressed to 127.0.0.0/8 are never legitimate: drop them before Docker\'s DNAT',
  '# can turn them into forwarded traffic to a loopback-published port (moby#45610, fixed in Docker 28.0).',
  'table ip loopback_guard {',
  '\tchain prerouting {',
  '\t\ttype filter hook prerouting priority raw; policy accept;',
  '\t\tiifname != "lo" ip daddr 127.0.0.0/8 drop',
  '\t}',
  '}',
  '',
].join('\n');

const IPT_GUARD = [
  '# Remote packets addressed to 127.0.0.0/8: drop them before Docker\'s DNAT (moby#45610).',
  '*raw',
  ':PREROUTING ACCEPT [0:0]',
  '-A PREROUTING -d 127.0.0.0/8 ! -i lo -j DROP',
  'COMMIT',
  '',
].join('\n');

/**
 * Appends the raw-priority guard to the admin's first nftables file, else to an IPv4 iptables-save
 * file; never to a text Dockwall renders itself (`<firewalld>`, `<ufw skeleton>`, ...), which no
 * one can edit.
 */
function guardFix(ctx: FindingContext, a: Analysis): Fix | undefined {
  const pick = (format: string): { file: string; text: string } | undefined => {
    for (const s of a.sources) {
      const text = ctx.texts.get(s.file);
      if (s.fragment?.format !== format || text === undefined || s.file.startsWith('<')) continue;
      // An ip6tables dump cannot hold an IPv4 guard.
      if (format === 'iptables' && s.fragment.ops.some((op) => op.op === 'addTable' && op.table.family === 'ip6')) continue;
      return { file: s.file, text };
    }
    return undefined;
  };
  const nft = pick('nft');
  const target = nft ?? pick('iptables');
  if (!target) return undefined;
  const { file, text } = target;
  const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  const added = nft ? NFT_GUARD : (text.length ? '\n' : '') + IPT_GUARD;
  return { title: `Drop remote packets to 127.0.0.0/8 in the raw table (${nft ? 'nftables' : 'iptables'}: ${file.split('/').pop()})`, preferred: true, edits: [{ file, start: text.length, end: text.length, newText: sep + added }] };
}

export const dw008: FindingRule = {
  code: 'DW008',
  name: 'loopback-binding-reachable',
  title: 'Loopback-bound port reachable from the local network',
  defaultSeverity: 'warning',
  doc: [
    'The port is bound to `127.0.0.1`, yet hosts on the local network can reach it. Before Docker 28.0',
    '(moby#45610) a neighbour on the same link can send a packet to 127.0.0.1 addressed to this host\'s MAC',
    'address: Docker\'s DNAT rewrites the destination to the container before the kernel\'s check for',
    'martian destinations, and the packet is forwarded to the container.',
    '',
    'Upgrade Docker to 28.0 or later (it adds a raw-table drop for each loopback-published port), or drop',
    'such packets yourself before DNAT, in a chain on the prerouting hook at raw priority:',
    '`iifname != "lo" ip daddr 127.0.0.0/8 drop` (iptables: `-t raw -A PREROUTING -d 127.0.0.0/8 ! -i lo -j DROP`).',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const a = ctx.analysis;
    const [major] = releaseOf(a.dockerVersion);
    const out: Finding[] = [];
    for (const { port, service, reports } of portItems(a)) {
      const open: ReachClass[] = [];
      let report = reports[0];
      for (const r of reports) {
        if (!isLoopbackV4(r.binding.hostIp)) continue;
        for (const p of r.probes)
          for (const c of p.classes)
            if (c.verdict === 'accept') {
              if (!open.length) report = r;
              open.push(c);
            }
      }
      if (!open.length) continue;
      const b = report.binding;
      const c = open[0];
      const words = engineWords(a);
      const podman = a.engineName === 'podman';
      const why = podman
        ? 'netavark installs no raw-table drop for it'
        : major < 28
          ? `Docker ${a.dockerVersion} installs no raw-table drop for it (added in 28.0, moby#45610)`
          : 'no rule drops it before DNAT (Docker 28.0 and later add one in the raw table unless raw rules are disabled)';
      const message =
        `${b.proto}/${b.hostPort} of service ${service} is bound to ${b.hostIp} but reachable from hosts on the link of ${describeClasses(open)}: ` +
        `${why}; a neighbour sends to ${b.hostIp}:${b.hostPort} through this host's MAC address, ${words.name}'s DNAT rewrites it to ` +
        `${c.final.daddr}:${c.final.dport} before the kernel's martian check, and the packet is forwarded to the container. ` +
        (podman ? 'Drop remote packets to 127.0.0.0/8 in the raw table' : 'Upgrade to Docker 28.0 or later, or drop remote packets to 127.0.0.0/8 in the raw table');
      const fix = guardFix(ctx, a);
      out.push({ span: portItemSpan(port), severity: 'warning', code: 'DW008', message, fixes: fix ? [fix] : [], path: pathNotes(c.example) });
    }
    return out;
  },
};

/** The host address part of the item when it is literal text, else the whole item. */
function portItemSpan(port: PublishedPort): Span {
  const h = port.source.hostIp;
  return h && h.origin === 'literal' ? h.span : port.source.item;
}
