/**
 * Docker 29's native nftables backend (`"firewall-backend": "nftables"`): tables
 * `ip docker-bridges` and `ip6 docker-bridges`, recreated at each daemon start and owned by Docker.
 * Rules inside a chain are ordered by rule group (conntrack/ICMP → fwmark → ICC → ports → final),
 * then by creation; chains are listed as the kernel lists them (base chains, sorted, then per-network
 * chains in creation order). Docker sets no FORWARD policy and creates no DOCKER-USER here.
 */
import { formatIp, type IpAddress, isLoopback, isUnspecified, parseIp } from '../net/ip';
import type { ResolvedNetwork } from './ipam';
import type { IptSynthContext } from './iptables';
import type { NftBaseChain, NftChain, NftMap, NftMapElement, NftRule, NftTable, RuleProvenance } from './model';
import { provDaemon, provEndpoint, provNetwork, provPort } from './provenance';

const G_INITIAL = 0;
const G_FWMARK = 2;
const G_ICC = 4;
const G_PORTS = 5;
const G_FINAL = 6;
const G_RAW_PORTS = 2;

interface MutChain {
  name: string;
  base?: NftBaseChain;
  rules: { group: number; seq: number; rule: NftRule }[];
}

class NftBuilder {
  readonly chains: MutChain[] = [];
  readonly maps: { name: string; type: string; elements: NftMapElement[] }[] = [];
  private seq = 0;
  constructor(readonly family: 'ip' | 'ip6') {}
  chain(name: string, base?: NftBaseChain): MutChain {
    let c = this.chains.find((x) => x.name === name);
    if (!c) this.chains.push((c = { name, base, rules: [] }));
    return c;
  }
  add(chain: string, group: number, text: string, provenance: RuleProvenance): void {
    this.chain(chain).rules.push({ group, seq: this.seq++, rule: { text, provenance } });
  }
  map(name: string): { elements: NftMapElement[] } {
    let m = this.maps.find((x) => x.name === name);
    if (!m) this.maps.push((m = { name, type: 'ifname : verdict', elements: [] }));
    return m;
  }
  result(): NftTable {
    const chains: NftChain[] = this.chains.map((c) => ({
      name: c.name,
      base: c.base,
      restart: 'rebuilt',
      rules: [...c.rules].sort((a, b) => a.group - b.group || a.seq - b.seq).map((r) => r.rule),
    }));
    const maps: NftMap[] = this.maps.map((m) => ({ name: m.name, type: m.type, elements: [...m.elements] }));
    return { family: this.family, name: 'docker-bridges', maps, chains };
  }
}

/** nft's rendering of a fwmark match value (`1`, `and 255 == 1` as Docker writes it → listed form). */
function nftMark(v: string): string {
  const [mark, mask] = v.split('/').map((x) => Number(x));
  const hex = (n: number): string => '0x' + n.toString(16).padStart(8, '0');
  return mask === undefined ? hex(mark) : `& ${hex(mask)} == ${hex(mark)}`;
}

export function synthNftables(ctx: IptSynthContext): NftTable[] {
  const { release: rel, daemon } = ctx;
  const hairpin = !daemon.userlandProxy;
  const out: NftTable[] = [];
  for (const fam of ['ipv4', 'ipv6'] as const) {
    if (fam === 'ipv4' ? !ctx.v4 : !ctx.v6) continue;
    const nfam = fam === 'ipv4' ? 'ip' : 'ip6';
    const b = new NftBuilder(nfam);
    const D = (purpose: string): RuleProvenance => provDaemon(rel, purpose);
    for (const m of ['filter-forward-in-jumps', 'filter-forward-out-jumps', 'nat-postrouting-in-jumps', 'nat-postrouting-out-jumps']) b.map(m);
    // Base chains, in the order `nft list` shows them (sorted by name, created at start).
    b.chain('filter-FORWARD', { type: 'filter', hook: 'forward', priority: 'filter', policy: 'accept' });
    b.chain('nat-OUTPUT', { type: 'nat', hook: 'output', priority: 'dstnat', policy: 'accept' });
    b.chain('nat-POSTROUTING', { type: 'nat', hook: 'postrouting', priority: 'srcnat', policy: 'accept' });
    b.chain('nat-PREROUTING', { type: 'nat', hook: 'prerouting', priority: 'dstnat', policy: 'accept' });
    b.chain('nat-prerouting-and-output');
    b.chain('raw-PREROUTING', { type: 'filter', hook: 'prerouting', priority: 'raw', policy: 'accept' });
    b.add('filter-FORWARD', G_INITIAL, 'oifname vmap @filter-forward-in-jumps', D('dispatch to the per-bridge chain for packets to a bridge'));
    b.add('filter-FORWARD', G_INITIAL, 'iifname vmap @filter-forward-out-jumps', D('dispatch to the per-bridge chain for packets from a bridge'));
    const lo = fam === 'ipv4' ? 'ip daddr != 127.0.0.0/8 ' : 'ip6 daddr != ::1 ';
    b.add('nat-OUTPUT', G_INITIAL, `${hairpin ? '' : lo}fib daddr type local counter jump nat-prerouting-and-output`, D('DNAT for host-originated packets to local addresses'));
    b.add('nat-POSTROUTING', G_INITIAL, 'iifname vmap @nat-postrouting-out-jumps', D('dispatch to per-bridge masquerade chains'));
    b.add('nat-POSTROUTING', G_INITIAL, 'oifname vmap @nat-postrouting-in-jumps', D('dispatch to per-bridge masquerade chains'));
    b.add('nat-PREROUTING', G_INITIAL, 'fib daddr type local counter jump nat-prerouting-and-output', D('DNAT for packets to local addresses'));

    const ip = nfam;
    const perNet = new Map<ResolvedNetwork, string>();
    for (const net of ctx.networks) {
      const sub = fam === 'ipv4' ? net.v4 : net.v6;
      if (!sub) continue;
      const B = net.bridge;
      const q = `"${B}"`;
      const P = (purpose: string): RuleProvenance => provNetwork(rel, net, purpose);
      const fin = `filter-forward-in__${B}`;
      const fout = `filter-forward-out__${B}`;
      const pin = `nat-postrouting-in__${B}`;
      const pout = `nat-postrouting-out__${B}`;
      perNet.set(net, fin);
      b.map('filter-forward-in-jumps').elements.push({ key: B, verdict: `jump ${fin}`, provenance: P('per-bridge forward chain (to the bridge)') });
      b.map('filter-forward-out-jumps').elements.push({ key: B, verdict: `jump ${fout}`, provenance: P('per-bridge forward chain (from the bridge)') });
      b.map('nat-postrouting-in-jumps').elements.push({ key: B, verdict: `jump ${pin}`, provenance: P('per-bridge postrouting chain (to the bridge)') });
      b.map('nat-postrouting-out-jumps').elements.push({ key: B, verdict: `jump ${pout}`, provenance: P('per-bridge postrouting chain (from the bridge)') });
      for (const c of [fin, fout, pin, pout]) b.chain(c);
      b.add(fin, G_INITIAL, 'ct state established,related counter accept', P('replies to the network'));
      b.add(fout, G_INITIAL, 'ct state established,related counter accept', P('replies from the network'));
      const iccVerdict = net.icc ? 'accept' : 'drop';
      if (net.internal) {
        b.add(fin, G_INITIAL, `iifname != ${q} counter drop comment "INTERNAL NETWORK INGRESS"`, P('internal network: drop packets from outside'));
        b.add(fout, G_INITIAL, `oifname != ${q} counter drop comment "INTERNAL NETWORK EGRESS"`, P('internal network: drop packets leaving'));
        b.add(fin, G_ICC, `counter ${iccVerdict} comment "ICC"`, P(net.icc ? 'ICC' : 'ICC disabled'));
        continue;
      }
      if (daemon.bridgeAcceptFwmark && ctx.features.acceptFwmark) {
        b.add(fin, G_FWMARK, `meta mark ${nftMark(daemon.bridgeAcceptFwmark)} counter accept comment "ALLOW FW MARK"`, provDaemon(rel, 'bridge-accept-fwmark', daemon.sources['bridge-accept-fwmark']));
      }
      b.add(fin, G_ICC, `iifname ${q} counter ${iccVerdict} comment "ICC"`, P(net.icc ? 'ICC' : 'ICC disabled'));
      b.add(fout, G_INITIAL, 'counter accept comment "OUTGOING"', P('outgoing traffic from the network'));
      if (sub.gatewayMode === 'nat-unprotected') b.add(fin, G_FINAL, 'counter accept comment "UNPROTECTED"', P('nat-unprotected: accept every port'));
      else b.add(fin, G_FINAL, 'counter drop comment "UNPUBLISHED PORT DROP"', P('drop unpublished ports'));
      if (sub.gatewayMode === 'routed') {
        b.add(fin, G_INITIAL, `${fam === 'ipv4' ? 'ip protocol icmp' : 'meta l4proto ipv6-icmp'} counter accept comment "ICMP"`, P('routed mode: accept ICMP'));
      }
      const snat = fam === 'ipv4' ? net.snatV4 : net.snatV6;
      const verdict = snat ? `snat to ${snat}` : 'masquerade';
      const comment = snat ? 'SNAT' : 'MASQUERADE';
      if (net.masquerade && sub.gatewayMode !== 'routed') {
        b.add(pout, G_INITIAL, `oifname != ${q} ${ip} saddr ${sub.cidr} counter ${verdict} comment "${comment}"`, P('masquerade traffic leaving the network'));
      }
      if (hairpin) b.add(pin, G_INITIAL, `fib saddr type local counter ${verdict} comment "${comment} FROM HOST"`, P('hairpin: masquerade host-originated traffic (userland-proxy off)'));
    }

    for (const { net, ep, bindings } of ctx.endpoints) {
      const sub = fam === 'ipv4' ? net.v4 : net.v6;
      const addr = fam === 'ipv4' ? ep.ipv4 : ep.ipv6;
      const B = net.bridge;
      if (sub && addr && !net.internal && sub.gatewayMode !== 'nat-unprotected' && sub.gatewayMode !== 'routed' && !daemon.allowDirectRouting) {
        const ifs = [B, ...net.trustedHostInterfaces].map((x) => `"${x}"`);
        const match = ifs.length === 1 ? `iifname != ${ifs[0]}` : `iifname != { ${ifs.join(', ')} }`;
        b.add('raw-PREROUTING', G_RAW_PORTS, `${ip} daddr ${formatIp(addr)} ${match} counter drop comment "DROP DIRECT ACCESS"`, provEndpoint(rel, net, ep, 'drop direct access to the container address from outside the bridge'));
      }
      if (!sub || net.internal) continue;
      const fin = perNet.get(net);
      for (const bd of bindings) {
        const c = parseIp(bd.containerIp);
        const h = parseIp(bd.hostIp);
        if (!c || !h || c.v !== (fam === 'ipv4' ? 4 : 6)) continue;
        const P = (purpose: string): RuleProvenance => provPort(rel, bd, purpose);
        const p = bd.proto;
        if (h.v !== c.v) continue; // host v6 → container v4: docker-proxy only
        if (fin && sub.gatewayMode !== 'nat-unprotected') b.add(fin, G_PORTS, `${ip} daddr ${bd.containerIp} ${p} dport ${bd.containerPort} counter accept`, P('accept the published container port'));
        if (bd.hostPort !== 0) {
          const parts: string[] = [];
          if (!hairpin) parts.push(`iifname != "${B}"`);
          if (fam === 'ipv6') parts.push('ip6 saddr != fe80::/10');
          if (!isUnspecified(h)) parts.push(`${ip} daddr ${formatIp(h)}`);
          const to = fam === 'ipv4' ? `${bd.containerIp}:${bd.containerPort}` : `[${bd.containerIp}]:${bd.containerPort}`;
          parts.push(`${p} dport ${bd.hostPort} counter dnat to ${to} comment "DNAT"`);
          b.add('nat-prerouting-and-output', G_INITIAL, parts.join(' '), P('per-port DNAT'));
          if (hairpin) {
            b.add(`nat-postrouting-in__${B}`, G_INITIAL, `${ip} saddr ${bd.containerIp} ${ip} daddr ${bd.containerIp} ${p} dport ${bd.containerPort} counter masquerade comment "MASQ TO OWN PORT"`, P('masquerade a container reaching its own published port'));
          }
          if (fam === 'ipv4' && isLoopback(h as IpAddress)) {
            b.add('raw-PREROUTING', G_RAW_PORTS, `iifname != "lo" ip daddr ${formatIp(h)} ${p} dport ${bd.hostPort} counter drop comment "DROP REMOTE LOOPBACK"`, P('drop remote access to a loopback-published port'));
          }
        }
      }
    }
    out.push(b.result());
  }
  return out;
}
