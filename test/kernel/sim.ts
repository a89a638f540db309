/**
 * The simulator side of the comparison: each scenario's files are lowered (nft text through
 * `lowerSource`; iptables text through the iptables lowering with the family, backend and
 * `--noflush` of its load form), applied with `buildRuleset`, and each probe is simulated on a host
 * model that matches the test topology.
 *
 * The simulator walks packets that arrive on an interface; probes sent by a process on the host
 * itself (the OUTPUT path) are not compared with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseIp } from '../../server/src/core/net/ip';
import type { Fragment, Ruleset } from '../../server/src/core/netfilter/model';
import type { Host } from '../../server/src/core/netfilter/host';
import type { Packet } from '../../server/src/core/netfilter/packet';
import type { SimResult } from '../../server/src/core/netfilter/trace';
import type { Languages } from '../../server/src/core/syntax/languages';
import type { Arrival, BridgeLayout, Probe, RulesetFile, Scenario } from './scenario';
import { ADDR, DEFAULT_LAYOUT, HOST_INTERFACES, HOST_ROUTES } from './topology';

export interface SimAnswer {
  readonly verdict: 'accept' | 'drop' | 'unknown';
  readonly at: Arrival;
  readonly dport?: number;
  readonly reason?: string;
  readonly summary: string;
  readonly trace?: string;
  /** For an accepted probe: its first reply (`simulate(..., { reply: true })`). */
  readonly reply?: ReplyAnswer;
}

/**
 * The simulator's answer for a probe's reply: `back` when the reply is accepted, leaves towards the
 * sender's side (a client interface for `ext0`/`ext1`, a bridge for `ctr`) and is addressed from the
 * probe's destination to its source (after the reverse NAT); `dropped` when it is dropped;
 * `unknown`; `lost` when accepted but routed or addressed elsewhere.
 */
export interface ReplyAnswer {
  readonly verdict: 'back' | 'dropped' | 'lost' | 'unknown';
  /** Accepted, but routed out of the client interface the probe did not come in by (not observable). */
  readonly elsewhere?: boolean;
  readonly summary: string;
  readonly reason?: string;
}

export interface Simulator {
  /** One answer per probe; undefined where the simulator is not asked (host-originated probes). */
  run(sc: Scenario): (SimAnswer | undefined)[];
  /** Lowering/build diagnostics (errors) of the scenario's files, for failure reports. */
  diagnostics(sc: Scenario): string[];
}

type Mods = {
  load: typeof import('../../server/src/core/netfilter/load');
  build: typeof import('../../server/src/core/netfilter/build');
  simulate: typeof import('../../server/src/core/netfilter/simulate');
  host: typeof import('../../server/src/core/netfilter/host');
  trace: typeof import('../../server/src/core/netfilter/trace');
  lowerNft: typeof import('../../server/src/core/netfilter/lower-nft');
  lowerIpt: typeof import('../../server/src/core/netfilter/lower-iptables');
  langs: typeof import('../../server/src/core/syntax/languages');
  text: typeof import('../../server/src/core/text');
};

const repo = path.resolve(__dirname, '../..');

export function grammar(file: string): Uint8Array {
  for (const p of [path.join(repo, 'server', 'wasm', file), path.join(repo, 'dist', file)]) if (existsSync(p)) return readFileSync(p);
  if (file === 'web-tree-sitter.wasm') return readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'));
  throw new Error(`cannot find ${file}`);
}

export async function loadSimulator(): Promise<{ simulator?: Simulator; reason?: string }> {
  let mods: Mods;
  let languages: Languages;
  try {
    mods = {
      load: require('../../server/src/core/netfilter/load') as Mods['load'],
      build: require('../../server/src/core/netfilter/build') as Mods['build'],
      simulate: require('../../server/src/core/netfilter/simulate') as Mods['simulate'],
      host: require('../../server/src/core/netfilter/host') as Mods['host'],
      trace: require('../../server/src/core/netfilter/trace') as Mods['trace'],
      lowerNft: require('../../server/src/core/netfilter/lower-nft') as Mods['lowerNft'],
      lowerIpt: require('../../server/src/core/netfilter/lower-iptables') as Mods['lowerIpt'],
      langs: require('../../server/src/core/syntax/languages') as Mods['langs'],
      text: require('../../server/src/core/text') as Mods['text'],
    };
    languages = await mods.langs.loadLanguages({
      runtime: grammar('web-tree-sitter.wasm'),
      nftables: grammar('tree-sitter-nftables.wasm'),
      iptables: grammar('tree-sitter-iptables.wasm'),
    });
  } catch (e) {
    return { reason: `simulator modules could not be loaded: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { simulator: new Sim(mods, languages) };
}

class Sim implements Simulator {
  private readonly hosts = new Map<string, Host>();
  private readonly cache = new Map<Scenario, { ruleset: Ruleset; errors: string[] }>();

  constructor(private readonly m: Mods, private readonly languages: Languages) {}

  /** The host model of the topology with a scenario's Docker side (bridges and their addresses). */
  private host(layout: readonly BridgeLayout[]): Host {
    const key = JSON.stringify(layout);
    let h = this.hosts.get(key);
    if (!h) {
      const interfaces: Record<string, { addresses: string[]; bridge?: boolean }> = {};
      for (const i of HOST_INTERFACES) if (i.name !== 'lo' && i.name !== 'docker0') interfaces[i.name] = { addresses: [...i.addrs] };
      for (const b of layout) interfaces[b.name] = { addresses: [...b.addrs], bridge: true };
      const span = new this.m.text.LineIndex('').span('<kernel topology>', 0, 0);
      // The host namespace has connected routes and default routes via ext0; it forwards v4 and v6.
      h = this.m.host.parseHost({ interfaces, routes: HOST_ROUTES.map((r) => ({ ...r })), forwarding: true, staticNeighbours: true }, span).value;
      this.hosts.set(key, h);
    }
    return h;
  }

  private lowerFile(f: RulesetFile, errors: string[], ipsets?: ReturnType<Mods['load']['ipsetsOf']>): Fragment | undefined {
    const diag = (ds: readonly { severity: string; message: string; span: { range: { start: { line: number } } } }[]): void => {
      for (const d of ds) if (d.severity === 'error') errors.push(`${f.name}:${d.span.range.start.line + 1}: ${d.message}`);
    };
    if (f.form === 'nft') {
      const r = this.m.load.lowerSource(f.name, f.text, this.languages, 'nftables');
      if (r.value) {
        diag(r.diagnostics);
        return r.value;
      }
      // Until the nftables lowering is registered with lowerSource, call it directly.
      const tree = this.languages.parser('nftables').parse(f.text);
      if (!tree) return undefined;
      try {
        const lowered = this.m.lowerNft.lowerNft(f.name, f.text, tree);
        diag(lowered.diagnostics);
        return lowered.value;
      } finally {
        tree.delete();
      }
    }
    if (f.form === 'ipset') return undefined; // its sets are read by the iptables files (ipsets)
    const tree = this.languages.parser('iptables').parse(f.text);
    if (!tree) return undefined;
    try {
      const r = this.m.lowerIpt.lowerIptables(tree.rootNode, {
        ...(ipsets ? { ipsets } : {}),
        file: f.name,
        text: f.text,
        family: f.form.startsWith('ip6') ? 'ip6' : 'ip',
        backend: f.form.endsWith('legacy') ? 'legacy' : 'nft',
        noflush: f.noflush === true,
      });
      diag(r.diagnostics);
      return r.value;
    } finally {
      tree.delete();
    }
  }

  private ruleset(sc: Scenario): { ruleset: Ruleset; errors: string[] } {
    let c = this.cache.get(sc);
    if (!c) {
      const errors: string[] = [];
      const ipsets = this.m.load.ipsetsOf(sc.files.filter((f) => f.form === 'ipset').map((f) => ({ file: f.name, text: f.text })));
      const fragments = sc.files.map((f) => this.lowerFile(f, errors, ipsets)).filter((x): x is Fragment => x !== undefined);
      const built = this.m.build.buildRuleset(fragments);
      for (const d of built.diagnostics) if (d.severity === 'error') errors.push(`build: ${d.message}`);
      c = { ruleset: built.value, errors };
      this.cache.set(sc, c);
    }
    return c;
  }

  diagnostics(sc: Scenario): string[] {
    return this.ruleset(sc).errors;
  }

  run(sc: Scenario): (SimAnswer | undefined)[] {
    const { ruleset } = this.ruleset(sc);
    const layout = sc.layout ?? DEFAULT_LAYOUT;
    const host = this.host(layout);
    return sc.probes.map((p) => {
      const packet = toPacket(p, layout);
      if (!packet) return undefined;
      const r = this.m.simulate.simulate(ruleset, host, packet, { reply: true });
      const a = this.answer(r, layout);
      return r.reply ? { ...a, reply: this.replyAnswer(p, r.reply, layout) } : a;
    });
  }

  private replyAnswer(p: Probe, r: SimResult, layout: readonly BridgeLayout[]): ReplyAnswer {
    const trace = this.m.trace.formatTrace(r);
    const summary = trace.split('\n').filter((l) => /^(ACCEPT|DROP|UNKNOWN)/.test(l))[0] ?? r.verdict;
    if (r.verdict === 'unknown') return { verdict: 'unknown', summary, reason: r.reason?.message };
    if (r.verdict === 'drop') return { verdict: 'dropped', summary };
    const v6 = p.daddr.includes(':');
    const src = sourceOf(p, v6);
    const towards = p.from === 'ctr' ? layout.some((b) => b.name === r.final.oif) : r.final.oif === 'eth0' || r.final.oif === 'eth1';
    const addressed = r.final.saddr === p.daddr && r.final.sport === p.dport && r.final.daddr === src;
    const inbound = p.from === 'ext0' ? 'eth0' : p.from === 'ext1' ? 'eth1' : undefined;
    if (towards && addressed && inbound && r.final.oif !== inbound) return { verdict: 'back', summary, elsewhere: true };
    if (towards && addressed) return { verdict: 'back', summary };
    return { verdict: 'lost', summary: `${summary} (leaves by ${r.final.oif || '-'} from ${r.final.saddr}:${r.final.sport} to ${r.final.daddr}:${r.final.dport})` };
  }

  private answer(r: SimResult, layout: readonly BridgeLayout[]): SimAnswer {
    const trace = this.m.trace.formatTrace(r);
    const summary = trace.split('\n').filter((l) => /^(ACCEPT|DROP|UNKNOWN)/.test(l))[0] ?? r.verdict;
    if (r.verdict === 'unknown') return { verdict: 'unknown', at: 'nowhere', reason: r.reason?.message, summary, trace };
    if (r.verdict === 'drop') return { verdict: 'drop', at: 'nowhere', summary, trace };
    if (r.delivery === 'local') return { verdict: 'accept', at: 'host', dport: r.final.dport, summary, trace };
    // Forwarded: only the containers' addresses on their bridges have a receiver in the topology. A
    // packet from the container sent back to it is lost in the bridge (hairpin mode is off on its
    // port, as with Docker's default userland proxy), so it arrives nowhere.
    const bridge = layout.find((b) => b.name === r.final.oif);
    const toCtr =
      r.delivery === 'forward' &&
      bridge !== undefined &&
      r.final.iif !== r.final.oif &&
      bridge.endpoints.some((e) => e.split('/')[0] === r.final.daddr);
    return { verdict: 'accept', at: toCtr ? 'ctr' : 'nowhere', dport: toCtr ? r.final.dport : undefined, summary, trace };
  }
}

const SIM_SPORT = 40000;

/** The source address a probe is sent from (ctr: the container's address on docker0). */
function sourceOf(p: Probe, v6: boolean): string {
  return p.src ?? (p.from === 'ext0' ? (v6 ? ADDR.ext0v6[0] : ADDR.ext0[0]) : p.from === 'ext1' ? (v6 ? ADDR.ext1v6[0] : ADDR.ext1[0]) : v6 ? ADDR.ctrV6 : ADDR.ctr);
}

function toPacket(p: Probe, layout: readonly BridgeLayout[]): Packet | undefined {
  if (p.from === 'host') return undefined;
  const v6 = p.daddr.includes(':');
  // A probe from the container leaves on docker0 in the default layout only.
  if (p.from === 'ctr' && layout !== DEFAULT_LAYOUT) return undefined;
  const saddr = parseIp(sourceOf(p, v6));
  const daddr = parseIp(p.daddr);
  if (!saddr || !daddr) return undefined;
  return {
    iif: p.from === 'ext0' ? 'eth0' : p.from === 'ext1' ? 'eth1' : 'docker0',
    saddr,
    daddr,
    proto: p.proto === 'tcp' ? 6 : 17,
    sport: SIM_SPORT,
    dport: p.dport,
    ctState: 'new',
    ctDirection: 'original',
    mark: 0n,
    ctMark: 0n,
    tcpFlags: p.proto === 'tcp' ? 2 : undefined,
  };
}
