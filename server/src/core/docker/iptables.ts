/**
 * Rules the iptables backend installs, replayed as the sequence of operations dockerd performs
 * (create chains, append/insert if absent, "ensure jump" = delete + insert at 1), so that rule order
 * comes out as on a real host: daemon start → each network in creation order → each endpoint
 * (container) in creation order → its port bindings in Docker's sorted order.
 *
 * Layouts (see release.ts): classic 20.10–27, forward chains 28.0.x–28.1.x and 28.2+, and 29.
 */
import { formatIp, type IpAddress, isLoopback, isUnspecified, parseIp } from '../net/ip';
import type { ResolvedEndpoint, ResolvedNetwork, ResolvedSubnet } from './ipam';
import type { ChainRestart, Family, IptChain, IptRule, IptSpec, IptTable, IptTableName, ResolvedBinding, RuleProvenance } from './model';
import { provDaemon, provEndpoint, provNetwork, provPort } from './provenance';
import type { DockerRelease, ReleaseFeatures } from './release';
import { iptSpecArgs } from './render';
import type { DockerHostConfig, DockerHostState } from './types';

const BUILTIN: Record<IptTableName, readonly string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

interface MutChain {
  name: string;
  builtin: boolean;
  policy?: 'ACCEPT' | 'DROP';
  policyReason?: string;
  rules: IptRule[];
  /** The texts of `rules` (Docker adds a rule only when no rule of the same text is there). */
  texts: Set<string>;
  restart: ChainRestart;
}

/** Mutable tables with Docker's rule operations; `result()` freezes them. */
export class IptBuilder {
  private readonly tables = new Map<Family, Map<IptTableName, Map<string, MutChain>>>();

  chain(fam: Family, table: IptTableName, name: string): MutChain {
    let t = this.tables.get(fam);
    if (!t) this.tables.set(fam, (t = new Map()));
    let chains = t.get(table);
    if (!chains) t.set(table, (chains = new Map()));
    let c = chains.get(name);
    if (!c) {
      const builtin = BUILTIN[table].includes(name);
      c = { name, builtin, rules: [], texts: new Set(), restart: builtin ? 'shared' : name === 'DOCKER-USER' ? 'preserved' : 'rebuilt' };
      if (builtin) c.policy = 'ACCEPT';
      chains.set(name, c);
    }
    return c;
  }

  private rule(chain: string, spec: IptSpec, provenance: RuleProvenance): IptRule {
    return { spec, text: `-A ${chain} ${iptSpecArgs(spec)}`, provenance };
  }

  /** `iptables -A` unless the same rule exists (Docker's `Append`). */
  append(fam: Family, table: IptTableName, chain: string, spec: IptSpec, prov: RuleProvenance): void {
    const c = this.chain(fam, table, chain);
    const r = this.rule(chain, spec, prov);
    if (c.texts.has(r.text)) return;
    c.texts.add(r.text);
    c.rules.push(r);
  }

  /** `iptables -I` (position 1) unless the same rule exists (Docker's `Insert`). */
  insert(fam: Family, table: IptTableName, chain: string, spec: IptSpec, prov: RuleProvenance): void {
    const c = this.chain(fam, table, chain);
    const r = this.rule(chain, spec, prov);
    if (c.texts.has(r.text)) return;
    c.texts.add(r.text);
    c.rules.unshift(r);
  }

  /** Docker's `EnsureJumpRule`: delete `-j target` from chain, then insert it at position 1. */
  ensureJump(fam: Family, chain: string, target: string, prov: RuleProvenance): void {
    const c = this.chain(fam, 'filter', chain);
    const r = this.rule(chain, { j: target }, prov);
    if (c.texts.has(r.text)) c.rules = c.rules.filter((x) => x.text !== r.text);
    c.texts.add(r.text);
    c.rules.unshift(r);
  }

  setPolicy(fam: Family, chain: string, policy: 'ACCEPT' | 'DROP', reason: string): void {
    const c = this.chain(fam, 'filter', chain);
    c.policy = policy;
    c.policyReason = reason;
  }

  result(fam: Family): IptTable[] {
    const t = this.tables.get(fam);
    if (!t) return [];
    const out: IptTable[] = [];
    for (const name of ['raw', 'mangle', 'nat', 'filter'] as const) {
      const chains = t.get(name);
      if (!chains) continue;
      const list: IptChain[] = [...chains.values()].map(({ texts: _, ...c }) => ({ ...c, rules: [...c.rules] }));
      out.push({ family: fam, name, chains: list });
    }
    return out;
  }
}

export interface IptSynthContext {
  readonly release: DockerRelease;
  readonly features: ReleaseFeatures;
  readonly daemon: DockerHostConfig;
  readonly host: DockerHostState;
  readonly networks: readonly ResolvedNetwork[];
  /** Endpoints in global creation order with their expanded bindings. */
  readonly endpoints: readonly { readonly net: ResolvedNetwork; readonly ep: ResolvedEndpoint; readonly bindings: readonly ResolvedBinding[] }[];
  readonly v4: boolean;
  readonly v6: boolean;
}

const famOf = (a: IpAddress): Family => (a.v === 4 ? 'ipv4' : 'ipv6');
const hostCidr = (a: IpAddress): string => `${formatIp(a)}/${a.v === 4 ? 32 : 128}`;
const loopbackCidr = (fam: Family): string => (fam === 'ipv4' ? '127.0.0.0/8' : '::1/128');

/** The fwmark as iptables-save prints it (`0x1`, `0x1/0xff`). */
function iptMark(v: string): string {
  return v
    .split('/')
    .map((x) => '0x' + Number(x).toString(16))
    .join('/');
}

export function synthIptables(ctx: IptSynthContext): { ipv4: IptTable[]; ipv6: IptTable[] } {
  const { release: rel, features: f, daemon } = ctx;
  const b = new IptBuilder();
  const hairpin = !daemon.userlandProxy;
  const layout = f.layout;
  const classic = layout === 'classic';
  const v29 = layout === 'docker-internal-29';
  const fams: Family[] = [...(ctx.v4 ? (['ipv4'] as const) : []), ...(ctx.v6 ? (['ipv6'] as const) : [])];
  const subnetOf = (n: ResolvedNetwork, fam: Family): ResolvedSubnet | undefined => (fam === 'ipv4' ? n.v4 : n.v6);
  const ISO1 = 'DOCKER-ISOLATION-STAGE-1';
  const ISO2 = 'DOCKER-ISOLATION-STAGE-2';
  const internalChain = v29 ? 'DOCKER-INTERNAL' : ISO1;

  const natJumps = (fam: Family, prov: RuleProvenance): void => {
    b.append(fam, 'nat', 'PREROUTING', { addrtype: { dst: 'LOCAL' }, j: 'DOCKER' }, prov);
    const out: IptSpec = hairpin ? { addrtype: { dst: 'LOCAL' }, j: 'DOCKER' } : { d: loopbackCidr(fam), notD: true, addrtype: { dst: 'LOCAL' }, j: 'DOCKER' };
    b.append(fam, 'nat', 'OUTPUT', out, prov);
  };

  const userChains = (): void => {
    for (const fam of fams) {
      if (fam === 'ipv6' && !f.userChainV6) continue;
      const prov = provDaemon(rel, 'DOCKER-USER chain for admin rules (never flushed by Docker)');
      b.chain(fam, 'filter', 'DOCKER-USER');
      if (f.userChainReturn) b.append(fam, 'filter', 'DOCKER-USER', { j: 'RETURN' }, prov);
      b.ensureJump(fam, 'FORWARD', 'DOCKER-USER', provDaemon(rel, 'jump to DOCKER-USER, kept at FORWARD position 1'));
    }
  };

  // ---- daemon start ----
  for (const fam of fams) {
    const prov = provDaemon(rel, 'Docker chains created at driver initialisation');
    b.chain(fam, 'filter', 'FORWARD');
    b.chain(fam, 'nat', 'DOCKER');
    b.chain(fam, 'filter', 'DOCKER');
    if (classic) {
      b.chain(fam, 'filter', ISO1);
      b.chain(fam, 'filter', ISO2);
      b.append(fam, 'filter', ISO1, { j: 'RETURN' }, prov);
      b.append(fam, 'filter', ISO2, { j: 'RETURN' }, prov);
      continue;
    }
    for (const c of ['DOCKER-FORWARD', 'DOCKER-BRIDGE', 'DOCKER-CT']) b.chain(fam, 'filter', c);
    if (v29) b.chain(fam, 'filter', 'DOCKER-INTERNAL');
    else (b.chain(fam, 'filter', ISO1), b.chain(fam, 'filter', ISO2));
    natJumps(fam, provDaemon(rel, 'nat jump to DOCKER for packets addressed to a local address'));
    b.ensureJump(fam, 'FORWARD', 'DOCKER-FORWARD', prov);
    b.ensureJump(fam, 'DOCKER-FORWARD', 'DOCKER-BRIDGE', prov);
    b.ensureJump(fam, 'DOCKER-FORWARD', v29 ? 'DOCKER-INTERNAL' : ISO1, prov);
    b.ensureJump(fam, 'DOCKER-FORWARD', 'DOCKER-CT', prov);
  }
  if (!classic) userChains();

  // ---- networks ----
  for (const net of ctx.networks) {
    const B = net.bridge;
    for (const fam of fams) {
      const sub = subnetOf(net, fam);
      if (!sub) continue;
      const P = (purpose: string): RuleProvenance => provNetwork(rel, net, purpose);
      const S = sub.cidr;
      const mode = sub.gatewayMode;
      const nat = mode !== 'routed';
      const snat = fam === 'ipv4' ? net.snatV4 : net.snatV6;
      const masqTarget = (): Pick<IptSpec, 'j' | 'jargs'> => (snat ? { j: 'SNAT', jargs: ['--to-source', snat] } : { j: 'MASQUERADE' });
      if (net.internal) {
        const inDrop: IptSpec =
          fam === 'ipv4' ? { d: S, notD: true, i: B, j: 'DROP' } : { d: S, notD: true, i: B, o: B, notO: true, j: 'DROP' };
        const outDrop: IptSpec =
          fam === 'ipv4' ? { s: S, notS: true, o: B, j: 'DROP' } : { s: S, notS: true, i: B, notI: true, o: B, j: 'DROP' };
        b.insert(fam, 'filter', internalChain, inDrop, P('internal network: drop packets leaving the subnet'));
        b.insert(fam, 'filter', internalChain, outDrop, P('internal network: drop packets from outside the subnet'));
        const icc: IptSpec = { i: B, o: B, j: net.icc ? 'ACCEPT' : 'DROP' };
        if (classic) {
          if (net.icc) b.insert(fam, 'filter', 'FORWARD', icc, P('ICC (inter-container communication)'));
          else b.append(fam, 'filter', 'FORWARD', icc, P('ICC disabled'));
          b.ensureJump(fam, 'FORWARD', ISO1, provDaemon(rel, 'jump to DOCKER-ISOLATION-STAGE-1'));
        } else b.append(fam, 'filter', 'DOCKER-FORWARD', icc, P(net.icc ? 'ICC (inter-container communication)' : 'ICC disabled'));
        continue;
      }
      if (v29 && daemon.bridgeAcceptFwmark && f.acceptFwmark) {
        b.insert(fam, 'filter', 'DOCKER-FORWARD', { mark: iptMark(daemon.bridgeAcceptFwmark), j: 'ACCEPT' }, provDaemon(rel, 'bridge-accept-fwmark', daemon.sources['bridge-accept-fwmark']));
      }
      if (nat && net.masquerade) b.insert(fam, 'nat', 'POSTROUTING', { s: S, o: B, notO: true, ...masqTarget() }, P('masquerade traffic leaving the network'));
      const skipDnat = classic ? nat && net.masquerade && !hairpin : !v29 && (!nat || (net.masquerade && !hairpin));
      if (skipDnat) b.insert(fam, 'nat', 'DOCKER', { i: B, j: 'RETURN' }, P('no DNAT for packets from the bridge (docker-proxy serves them)'));
      if (hairpin) b.insert(fam, 'nat', 'POSTROUTING', { o: B, addrtype: { src: 'LOCAL' }, ...masqTarget() }, P('hairpin: masquerade host-originated traffic to the bridge (userland-proxy off)'));
      if (classic) {
        const icc: IptSpec = { i: B, o: B, j: net.icc ? 'ACCEPT' : 'DROP' };
        if (net.icc) b.insert(fam, 'filter', 'FORWARD', icc, P('ICC (inter-container communication)'));
        else b.append(fam, 'filter', 'FORWARD', icc, P('ICC disabled'));
        b.insert(fam, 'filter', 'FORWARD', { i: B, o: B, notO: true, j: 'ACCEPT' }, P('outgoing traffic from the network'));
        natJumps(fam, P('nat jump to DOCKER for packets addressed to a local address'));
        b.insert(fam, 'filter', 'FORWARD', { o: B, j: 'DOCKER' }, P('traffic to the bridge goes through DOCKER'));
        b.insert(fam, 'filter', 'FORWARD', { o: B, ctstate: 'RELATED,ESTABLISHED', j: 'ACCEPT' }, P('replies to the network'));
        b.ensureJump(fam, 'FORWARD', ISO1, provDaemon(rel, 'jump to DOCKER-ISOLATION-STAGE-1'));
        continue;
      }
      if (net.icc) b.append(fam, 'filter', 'DOCKER-FORWARD', { i: B, j: 'ACCEPT' }, P('traffic from the network (ICC on)'));
      else {
        b.append(fam, 'filter', 'DOCKER-FORWARD', { i: B, o: B, j: 'DROP' }, P('ICC disabled'));
        b.append(fam, 'filter', 'DOCKER-FORWARD', { i: B, o: B, notO: true, j: 'ACCEPT' }, P('outgoing traffic from the network'));
      }
      if (!nat) b.append(fam, 'filter', 'DOCKER', { o: B, p: fam === 'ipv4' ? 'icmp' : 'ipv6-icmp', j: 'ACCEPT' }, P('routed mode: accept ICMP'));
      const unprotected = mode === 'nat-unprotected';
      b.append(fam, 'filter', 'DOCKER', { i: B, notI: true, o: B, j: unprotected ? 'ACCEPT' : 'DROP' }, P(unprotected ? 'nat-unprotected: accept every port' : 'drop unpublished ports'));
      b.append(fam, 'filter', 'DOCKER-CT', { o: B, ctstate: 'RELATED,ESTABLISHED', j: 'ACCEPT' }, P('replies to the network'));
      b.append(fam, 'filter', 'DOCKER-BRIDGE', { o: B, j: 'DOCKER' }, P('traffic to the bridge goes through DOCKER'));
    }
    // Inter-network isolation (classic and 28.x): both families whenever their tables are on.
    if (!net.internal && !v29) {
      for (const fam of [...fams].reverse()) {
        const P = (purpose: string): RuleProvenance => provNetwork(rel, net, purpose);
        // ≤27 isolated every family with tables on; 28+ only the families the network has.
        if (!classic && !subnetOf(net, fam)) continue;
        const mode = subnetOf(net, fam)?.gatewayMode ?? 'nat';
        if (!classic && mode === 'routed') {
          b.insert(fam, 'filter', ISO1, { o: B, j: 'RETURN' }, P('routed mode: other networks may reach published ports'));
          b.insert(fam, 'filter', ISO1, { i: B, ctstate: 'RELATED,ESTABLISHED', j: 'ACCEPT' }, P('routed mode: replies to other networks'));
        }
        const jump: IptSpec = { i: B, o: B, notO: true, j: ISO2 };
        if (classic) b.insert(fam, 'filter', ISO1, jump, P('isolation between networks'));
        else b.append(fam, 'filter', ISO1, jump, P('isolation between networks'));
        b.insert(fam, 'filter', ISO2, { o: B, j: 'DROP' }, P('isolation between networks'));
      }
    }
    if (classic) userChains();
  }

  // ---- endpoints and their port bindings ----
  for (const { net, ep, bindings } of ctx.endpoints) {
    const B = net.bridge;
    if (f.directRoutingOptions) {
      for (const addr of [ep.ipv4, ep.ipv6]) {
        if (!addr) continue;
        const fam = famOf(addr);
        const sub = subnetOf(net, fam);
        if (!fams.includes(fam) || !sub || net.internal || sub.gatewayMode === 'nat-unprotected' || sub.gatewayMode === 'routed' || daemon.allowDirectRouting) continue;
        for (const ifName of net.trustedHostInterfaces) {
          b.append(fam, 'raw', 'PREROUTING', { d: hostCidr(addr), i: ifName, j: 'ACCEPT' }, provEndpoint(rel, net, ep, `direct access from trusted interface ${ifName}`));
        }
        b.append(fam, 'raw', 'PREROUTING', { d: hostCidr(addr), i: B, notI: true, j: 'DROP' }, provEndpoint(rel, net, ep, 'drop direct access to the container address from outside the bridge'));
      }
    }
    for (const bd of bindings) {
      const c = parseIp(bd.containerIp);
      const h = parseIp(bd.hostIp);
      if (!c || !h) continue;
      const fam = famOf(c);
      if (!fams.includes(fam) || net.internal) continue;
      const mode = subnetOf(net, fam)?.gatewayMode ?? 'nat';
      const P = (purpose: string): RuleProvenance => provPort(rel, bd, purpose);
      const proto = bd.proto;
      if (f.rawRules && bd.hostPort !== 0 && h.v === 4 && isLoopback(h) && fams.includes('ipv4')) {
        b.append('ipv4', 'raw', 'PREROUTING', { d: hostCidr(h), i: 'lo', notI: true, p: proto, dport: bd.hostPort, j: 'DROP' }, P('drop remote access to a loopback-published port'));
      }
      if (layout === 'forward-chains-28.0' && mode !== 'nat-unprotected' && mode !== 'routed') {
        b.append(fam, 'raw', 'PREROUTING', { d: hostCidr(c), i: B, notI: true, p: proto, dport: bd.containerPort, j: 'DROP' }, P('drop direct access to the published container port'));
      }
      if (h.v !== c.v) continue; // docker-proxy only
      if (bd.hostPort !== 0) {
        const dnat: IptSpec = {
          ...(fam === 'ipv6' && f.dnatSkipsLinkLocal ? { s: 'fe80::/10', notS: true } : {}),
          ...(isUnspecified(h) ? {} : { d: hostCidr(h) }),
          ...(hairpin ? {} : { i: B, notI: true }),
          p: proto,
          dport: bd.hostPort,
          j: 'DNAT',
          jargs: ['--to-destination', fam === 'ipv4' ? `${bd.containerIp}:${bd.containerPort}` : `[${bd.containerIp}]:${bd.containerPort}`],
        };
        b.append(fam, 'nat', 'DOCKER', dnat, P('per-port DNAT'));
        if (hairpin || !f.perPortMasqOnlyHairpin) {
          b.append(fam, 'nat', 'POSTROUTING', { s: hostCidr(c), d: hostCidr(c), p: proto, dport: bd.containerPort, j: 'MASQUERADE' }, P('masquerade a container reaching its own published port'));
        }
      }
      if (mode !== 'nat-unprotected') {
        const accept: IptSpec = { d: hostCidr(c), i: B, notI: true, o: B, p: proto, dport: bd.containerPort, j: 'ACCEPT' };
        if (classic) b.append(fam, 'filter', 'DOCKER', accept, P('accept the published container port'));
        else b.insert(fam, 'filter', 'DOCKER', accept, P('accept the published container port'));
      }
      if (proto === 'sctp' && f.sctpChecksum) {
        b.append(fam, 'mangle', 'POSTROUTING', { p: 'sctp', sport: bd.containerPort, j: 'CHECKSUM', jargs: ['--checksum-fill'] }, P('SCTP checksum fill'));
      }
    }
  }

  // ---- FORWARD policy ----
  const noDrop = f.ipForwardNoDrop && daemon.ipForwardNoDrop;
  if (ctx.v4 && daemon.ipForward && ctx.networks.some((n) => n.v4)) {
    if (!ctx.host.ipv4ForwardingWasEnabled && !noDrop) b.setPolicy('ipv4', 'FORWARD', 'DROP', 'Docker enabled net.ipv4.ip_forward and set the FORWARD policy to DROP');
    else b.setPolicy('ipv4', 'FORWARD', 'ACCEPT', noDrop ? 'ip-forward-no-drop: Docker leaves the policy alone' : 'forwarding was already enabled: Docker leaves the policy alone');
  }
  if (ctx.v6 && daemon.ipForward && ctx.networks.some((n) => n.v6)) {
    const drop = f.v6PolicyOnlyIfEnabled ? !ctx.host.ipv6ForwardingWasEnabled && !noDrop : true;
    if (drop) b.setPolicy('ipv6', 'FORWARD', 'DROP', f.v6PolicyOnlyIfEnabled ? 'Docker enabled IPv6 forwarding and set the FORWARD policy to DROP' : 'Docker sets the ip6tables FORWARD policy to DROP when it configures IPv6 forwarding (before 28.0)');
    else b.setPolicy('ipv6', 'FORWARD', 'ACCEPT', noDrop ? 'ip-forward-no-drop: Docker leaves the policy alone' : 'IPv6 forwarding was already enabled');
  }
  return { ipv4: b.result('ipv4'), ipv6: b.result('ipv6') };
}
