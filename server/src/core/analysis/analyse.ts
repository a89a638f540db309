/**
 * The whole analysis of one compose project against one host: lower the admin's rulesets,
 * synthesize Docker's rules, merge them as they coexist on the host, and work out, for every
 * published binding, which traffic reaches it — and what the admin's own rules would have done
 * with the same packets without Docker (the baseline that tells a bypass from an intended opening).
 *
 * Pure: texts come in, results go out.
 */
import type { IptRuleMemo } from '../netfilter/iptables-rule-memo';
import type { ComposeProject, PublishedPort } from '../compose';
import type { CoreDiagnostic, Result } from '../diagnostics';
import {
  type DockerHostConfig,
  type DockerHostState,
  type DockerRuleset,
  type ResolvedBinding,
  type RuleProvenance,
  defaultHostConfig,
  synthesizeDockerRules,
} from '../docker';
import type { EngineView } from '../docker/engine';
import { dockerEngine, type ContainerEngine } from '../engines';
import { formatIp, parseIp, type IpVersion } from '../net/ip';
import { type BuildOptions, buildRuleset } from '../netfilter/build';
import { addBridge, type Host } from '../netfilter/host';
import { type LowerContext, ipsetsOf, lowerSource } from '../netfilter/load';
import type { NftIncludeReader } from '../netfilter/lower-nft';
import { lowerIptablesText } from '../netfilter/lower-iptables';
import { type Backend, type Fragment, type Op, type Rule, type Ruleset, jsonKey } from '../netfilter/model';
import { flowOf, reach, type ReachClass } from '../netfilter/reach';
import { type Packet, protocolNumber } from '../netfilter/packet';
import { simulateLocal, type SimResult } from '../netfilter/simulate';
import type { Languages } from '../syntax/languages';
import { FIREWALLD_FILE, type FirewalldRuntime } from '../firewalld';
import { Footprint } from '../netfilter/sim/footprint';
import type { PState } from '../netfilter/sim/eval';
import { composeToDocker, type ComposeDockerMapping } from './compose-docker';
import { dependsOnDockerChains, dockerFragments, type DockerFragments, type DockerSource } from './merge';
import { dockerFromDump } from './live-docker';
import { findDockerInDumps, noDockerRules, preferIptablesSave, splitBrainNotes } from './live';
import { assumeHost, describeAssumedHost } from './assumed-host';
import { combinedDelta, moveClasses, type RulesetDelta, sameHost, untouched } from './reuse';

export interface RulesetSource {
  readonly file: string;
  readonly text: string;
  /**
   * Already lowered by the firewall manager that wrote it (ufw's and firewalld's sources: their
   * own load order, families and skeleton); otherwise `AnalysisInput.lower` lowers the text.
   */
  readonly lowered?: Result<Fragment | undefined>;
}

export interface AnalysisInput {
  readonly project: ComposeProject;
  /** The admin's rulesets in load order. */
  readonly rulesets: readonly RulesetSource[];
  readonly languages: Languages;
  /** Docker release line, e.g. `24`, `27`, `28.0`, `28.2`, `29` (default `29`). */
  readonly dockerVersion?: string;
  readonly daemon?: DockerHostConfig;
  /** Overrides daemon.json's `firewall-backend`. */
  readonly backend?: 'iptables' | 'nftables';
  readonly host?: Host;
  readonly hostState?: Partial<DockerHostState>;
  readonly iptablesBackend?: Backend;
  /**
   * Lowers one admin ruleset (default: `lowerSource`). Callers that analyse repeatedly (the
   * language server) pass a memoised one so that unchanged files are not lowered again. `context`
   * carries what the other sources give this one (the sets of `ipset save` files).
   */
  readonly lower?: (src: RulesetSource, languages: Languages, context?: LowerContext) => Result<Fragment | undefined>;
  /** Reads the files the nftables rulesets include (passed to the lowering); without it includes are not followed. */
  readonly includes?: NftIncludeReader;
  /**
   * The memo of the iptables-save lines the container engine's rules are rendered into `file`
   * (iptables-rule-memo.ts): the language server keeps one per project and rendered file, so that
   * after a compose edit only the lines that changed are lowered again.
   */
  readonly renderedRules?: (file: string) => IptRuleMemo;
  /** Builds the admin-only baseline ruleset (default: `buildRuleset`); memoised by the language server per fragment set. */
  readonly buildAdmin?: (fragments: readonly Fragment[], opts?: BuildOptions) => Result<Ruleset>;
  /**
   * The previous analysis of the same project (the language server passes it after an edit): the
   * reachability of bindings the change provably does not touch is taken from it (see reuse.ts).
   */
  readonly previous?: Analysis;
  /** Docker's state from the Engine API of the running host (`dockwall audit`): used with a live dump instead of guessing. */
  readonly engine?: EngineView;
  /** The container engine whose rules are synthesized (default Docker; see engines.ts). */
  readonly containerEngine?: ContainerEngine;
  /**
   * On a firewalld host (`<firewalld>` among the rulesets): its table lowered again with what the
   * engine adds to firewalld's runtime configuration (`DockerRuleset.firewalld`, netavark). That
   * table replaces `<firewalld>` in the merged ruleset, and in the baseline when the additions are
   * the host's zone state (`inBaseline`); otherwise the baseline keeps the admin's.
   */
  readonly firewalldWith?: (runtime: FirewalldRuntime) => Result<Fragment>;
}

/** What happens to traffic for one destination of a published binding. */
export interface PortProbe {
  /** Destination address the clients use. */
  readonly daddr: string;
  readonly family: IpVersion;
  readonly classes: readonly ReachClass[];
}

export interface PortReport {
  readonly service: string;
  /** The compose port item (with its source spans); undefined for bindings not from compose. */
  readonly port?: PublishedPort;
  readonly binding: ResolvedBinding;
  readonly probes: readonly PortProbe[];
}

export interface LoadedSource {
  readonly file: string;
  readonly fragment?: Fragment;
  /** Loaded after Docker because it refers to Docker's chains. */
  readonly afterDocker: boolean;
}

export interface Analysis {
  readonly project: ComposeProject;
  readonly docker: DockerRuleset;
  readonly dockerSources: readonly DockerSource[];
  readonly provenance: ReadonlyMap<Rule, RuleProvenance>;
  readonly sources: readonly LoadedSource[];
  /** The admin's rules alone (the baseline). */
  readonly adminRuleset: Ruleset;
  /** Admin's and Docker's rules as they coexist on the host. */
  readonly ruleset: Ruleset;
  readonly host: Host;
  readonly ports: readonly PortReport[];
  readonly diagnostics: readonly CoreDiagnostic[];
  readonly dockerVersion: string;
  /** The engine whose rules were synthesized, and its label (`Docker 29`, `Podman (netavark 1.4)`). */
  readonly engineName: ContainerEngine['name'];
  readonly engineLabel: string;
  /** Each reach() result by its inputs, with what its simulations showed the rules (for the next analysis). */
  readonly reaches: ReadonlyMap<string, KeptReach>;
  /** How many of `reaches` were taken from `previous` (or from its `earlier`) instead of simulated. */
  readonly reused: number;
  /**
   * The results of `previous` this analysis did not keep, with the rulesets and host they were
   * computed against: the next analysis takes one back when it needs it again (a port typed over,
   * then restored; an edit undone) instead of simulating it afresh. One level only.
   */
  readonly earlier?: EarlierReaches;
  /** The project's mapping to Docker and the engine's rules made from it, for the next analysis. */
  readonly synthesis: Synthesis;
  /** What the verdicts rest on that the user did not give (short phrases, for summaries). */
  readonly assumptions: readonly string[];
}

/** See {@link Analysis.earlier}. */
export type EarlierReaches = Pick<Analysis, 'adminRuleset' | 'ruleset' | 'host' | 'reaches'>;

/**
 * What the engine's rules were made from, and the rules (synthesized and lowered): an analysis of
 * the same project object (the language server keeps it while the compose files read the same)
 * with the same engine, languages and settings takes them instead of making them again.
 */
export interface Synthesis {
  readonly project: ComposeProject;
  readonly mapping: ComposeDockerMapping;
  readonly made?: {
    readonly engine: ContainerEngine;
    readonly languages: Languages;
    /** The settings they depend on (release, daemon, host state, iptables backend). */
    readonly key: string;
    readonly synth: Result<DockerRuleset>;
    readonly df: DockerFragments;
  };
}

export interface KeptReach {
  readonly classes: readonly ReachClass[];
  readonly footprint: Footprint;
}

const DOCKER_DEFAULT_VERSION = '29';

const defaultLower = (src: RulesetSource, languages: Languages, context?: LowerContext): Result<Fragment | undefined> =>
  lowerSource(src.file, src.text, languages, undefined, context);

function isUnspecified(ip: string): boolean {
  return ip === '0.0.0.0' || ip === '::' || ip === '';
}

/** A packet's destination to probe a binding at, and the interfaces it arrives on. */
type Destination = { readonly daddr: string; readonly family: IpVersion; readonly interfaces: readonly string[] };

/**
 * Destinations to probe for a binding. A specific host address is probed from every external
 * interface (a neighbour on any link may send to it); an unspecified one (`0.0.0.0`, `::`) is probed
 * on each external interface at that interface's own global address of its family (the same for
 * every such binding of one analysis: made once per family, kept in `byFamily`).
 */
function destinations(host: Host, binding: ResolvedBinding, external: readonly string[], byFamily: Map<IpVersion, readonly Destination[]>): readonly Destination[] {
  if (!isUnspecified(binding.hostIp)) {
    const a = parseIp(binding.hostIp);
    return a ? [{ daddr: binding.hostIp, family: a.v, interfaces: external }] : [];
  }
  const v: IpVersion = binding.hostIp.includes(':') ? 6 : 4;
  let out = byFamily.get(v);
  if (out) return out;
  const list: Destination[] = [];
  for (const i of host.interfaces) {
    if (!external.includes(i.name)) continue;
    // Global addresses only: link-local (fe80::/10) is not how published ports are reached.
    const a = i.addresses.find((x) => x.addr.v === v && !(v === 6 && x.addr.n >> 118n === 0x3fan));
    if (a) list.push({ daddr: formatIp(a.addr), family: v, interfaces: [i.name] });
  }
  byFamily.set(v, (out = list));
  return out;
}

/**
 * docker-proxy's own connection to the container: the host opens it (output → the bridge, from the
 * bridge's gateway address) and the container's replies come back in through prerouting and input.
 * A client's connection to a proxy-served port works only when this one does too (an input chain
 * with policy drop and no `ct state established` rule drops the container's replies).
 */
function proxyLeg(ruleset: Ruleset, host: Host, docker: DockerRuleset, b: ResolvedBinding): Leg {
  const shown: PState[] = [];
  const c = parseIp(b.containerIp);
  const net = docker.networks.find((n) => n.bridge === b.bridge);
  const gw = c && (c.v === 4 ? net?.v4?.gateway : net?.v6?.gateway);
  const proto = protocolNumber(b.proto);
  if (!c || !gw || proto === undefined) return { shown };
  const packet: Packet = { iif: '', saddr: gw, daddr: c, proto, sport: 40001, dport: b.containerPort, ctState: 'new', ctDirection: 'original', mark: 0n, ctMark: 0n, tcpFlags: proto === 6 ? 2 : undefined };
  const entered = (p: PState): void => void shown.push(p);
  return { result: simulateLocal(ruleset, host, packet, { entered, reply: { entered } }), shown };
}

/** docker-proxy's connection for a binding (the same for each of its destinations), with the packet states its rules were shown (for each destination's footprint). */
interface Leg {
  readonly result?: SimResult;
  readonly shown: readonly PState[];
}

/** Classes delivered to docker-proxy take the verdict of the proxy's connection to the container. */
function throughProxy(classes: readonly ReachClass[], leg: SimResult | undefined): ReachClass[] {
  if (!leg) return [...classes];
  const flow = flowOf(leg, leg.final.oif);
  return classes.map((c) => {
    if (c.verdict !== 'accept' || c.delivery !== 'local') return c;
    if (flow.verdict === 'accept') return { ...c, proxyLeg: leg };
    const what = flow.replyDropped ? "the container's replies to docker-proxy are dropped" : "docker-proxy's connection to the container is dropped";
    return { ...c, verdict: flow.verdict, decidedBy: flow.decidedBy, reason: { message: `the packet reaches docker-proxy, but ${what}${flow.reason ? `: ${flow.reason.message}` : ''}`, span: flow.reason?.span }, replyDropped: flow.verdict === 'drop' ? true : undefined, proxyLeg: leg };
  });
}

export function analyse(input: AnalysisInput): Analysis {
  const diagnostics: CoreDiagnostic[] = [];
  const version = input.dockerVersion ?? DOCKER_DEFAULT_VERSION;
  const engine = input.containerEngine ?? dockerEngine;
  const daemon: DockerHostConfig = { ...(input.daemon ?? defaultHostConfig), ...(input.backend ? { firewallBackend: input.backend } : {}) };

  // 1. The admin's rulesets.
  const loaded: LoadedSource[] = [];
  // `ipset save` files among the rulesets give the sets iptables rules name
  const ipsets = ipsetsOf(input.rulesets);
  // the files a ruleset includes, by the ruleset that includes each first
  const includedBy = new Map<string, string>();
  let including = '';
  const includes: NftIncludeReader | undefined = input.includes && {
    read: (file) => {
      const t = input.includes!.read(file);
      if (t !== undefined && !includedBy.has(file)) includedBy.set(file, including);
      return t;
    },
    ...(input.includes.glob ? { glob: (pattern: string) => input.includes!.glob!(pattern) } : {}),
  };
  const context: LowerContext | undefined = ipsets || includes ? { ...(ipsets ? { ipsets } : {}), ...(includes ? { includes } : {}) } : undefined;
  const lowered = input.rulesets.map((src) => {
    including = src.file;
    let r = src.lowered ?? (input.lower ?? defaultLower)(src, input.languages, context);
    const afterDocker = r.value ? dependsOnDockerChains(r.value, engine.ownChain) : false;
    // An iptables-restore file that adds to Docker's chains can only be loaded with --noflush: a full
    // restore flushes the table (Docker's FORWARD rules and DOCKER-USER with it) and then fails.
    if (afterDocker && r.value?.format === 'iptables') r = lowerIptablesText(src.file, src.text, input.languages, { noflush: true, validate: true, ...(ipsets ? { ipsets } : {}) });
    return { src, r, afterDocker };
  });
  for (const { src, r, afterDocker } of lowered) {
    // A ruleset another one includes is loaded there, where nft reads it, and not again on its own.
    const by = includedBy.get(src.file);
    if (by !== undefined && by !== src.file) {
      diagnostics.push({ span: { file: src.file, start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, severity: 'information', code: 'included', message: `${src.file} is included by ${by}: nft reads it there, where the include stands, and not on its own` });
      loaded.push({ file: src.file, fragment: undefined, afterDocker: false });
      continue;
    }
    diagnostics.push(...r.diagnostics);
    loaded.push({ file: src.file, fragment: r.value, afterDocker });
  }
  // The same project object maps the same: the previous mapping is taken, and with it the source
  // references Docker's bindings carry (the keys of `mapping.portOf`).
  const keptSynthesis = input.previous?.synthesis.project === input.project ? input.previous.synthesis : undefined;
  const mapping = keptSynthesis?.mapping ?? composeToDocker(input.project);
  let synthesis: Synthesis = { project: input.project, mapping };
  diagnostics.push(...mapping.diagnostics);
  // A live dump already holds Docker's rules: they are taken as found (live.ts), not synthesized.
  const read = preferIptablesSave(loaded.map((l) => l.fragment));
  diagnostics.push(...read.diagnostics, ...splitBrainNotes(loaded.map((l, i) => ({ file: l.file, text: input.rulesets[i].text, fragment: l.fragment }))));
  // With the Engine's state (an audit) and no rule of Docker's in the live rulesets, Docker installed
  // none (iptables off): nothing is synthesized, the Engine's bound ports are docker-proxy's.
  const live = findDockerInDumps(read.fragments) ?? (input.engine ? noDockerRules(read.fragments) : undefined);
  let adminBuilt: Result<Ruleset>;
  let merged: Result<Ruleset>;
  let docker: DockerRuleset;
  let df: DockerFragments;
  if (live) {
    diagnostics.push(...live.diagnostics);
    // (the previous analysis's rulesets: their unchanged chains and tables are returned again)
    adminBuilt = (input.buildAdmin ?? buildRuleset)(live.admin.filter((f): f is Fragment => !!f), input.previous ? { previous: input.previous.adminRuleset } : {});
    merged = buildRuleset(live.merged.filter((f): f is Fragment => !!f), input.previous ? { previous: input.previous.ruleset } : {});
    // What Docker would publish for the project: the dumps cannot show docker-proxy's ports.
    const expected = synthesizeDockerRules({ version, daemon, host: input.hostState, networks: mapping.networks }).value.bindings;
    docker = dockerFromDump(live, mapping, daemon.userlandProxy, diagnostics, input.engine, expected);
    df = { fragments: [], sources: [], provenance: new Map(), diagnostics: [] };
  } else {
    const before = loaded.filter((l) => l.fragment && !l.afterDocker).map((l) => l.fragment!);
    const after = loaded.filter((l) => l.fragment && l.afterDocker).map((l) => l.fragment!);
    let adminFragments = [...before, ...after];

    // 2. The engine's rules for the project.
    const key = jsonKey([version, daemon, input.hostState ?? null, input.iptablesBackend ?? null]);
    const kept = keptSynthesis?.made;
    let made: NonNullable<Synthesis['made']>;
    if (kept && kept.engine === engine && kept.languages === input.languages && kept.key === key) made = kept;
    else {
      const synth = engine.synthesize({ project: input.project, mapping, version, daemon, hostState: input.hostState });
      made = { engine, languages: input.languages, key, synth, df: dockerFragments(synth.value, input.languages, { label: engine.label(version), iptablesBackend: input.iptablesBackend, memo: input.renderedRules }) };
    }
    synthesis = { ...synthesis, made };
    diagnostics.push(...made.synth.diagnostics);
    docker = made.synth.value;
    df = made.df;
    diagnostics.push(...df.diagnostics);

    // The engine's additions to a running firewalld: the table as firewalld then holds it, its rules the engine's.
    let stablePrefix = before.length;
    const fwAt = loaded.filter((l) => l.fragment && !l.afterDocker).findIndex((l) => l.file === FIREWALLD_FILE);
    if (docker.firewalld && input.firewalldWith && fwAt >= 0) {
      const w = input.firewalldWith(docker.firewalld.runtime);
      diagnostics.push(...w.diagnostics);
      const provenance = new Map(df.provenance);
      const cited = docker.firewalld.provenance;
      const ops = w.value.ops.map((op): Op => {
        const p = op.op === 'addRule' ? cited.get(op.rule.span) : undefined;
        if (op.op !== 'addRule' || !p) return op;
        const rule: Rule = { ...op.rule, origin: p.text };
        provenance.set(rule, p);
        return { ...op, rule };
      });
      before[fwAt] = { ...w.value, ops };
      df = { ...df, provenance };
      stablePrefix = fwAt;
      // a binding of the engine's subnets to a zone is the host's firewalld state: the baseline holds it too
      if (docker.firewalld.inBaseline) adminFragments = [...before, ...after];
    } else if (docker.firewalld && !docker.firewalld.inBaseline && input.project.files[0]) {
      const file = input.project.files[0];
      diagnostics.push({
        span: { file, start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        severity: 'warning',
        code: 'firewalld',
        message: `${engine.label(version)} forwards the published ports through firewalld, and no firewalld host is given (a folder with etc/firewalld/, or --firewalld DIR): nothing forwards them in this analysis`,
      });
    }
    // The state after the admin's files before Docker is kept with the baseline (`stablePrefix`)...
    adminBuilt = (input.buildAdmin ?? buildRuleset)(adminFragments, { stablePrefix: before.length, ...(input.previous ? { previous: input.previous.adminRuleset } : {}) });

    // 3. Merge, in host order.
    // ...so that the merged build starts from it: the admin's files are applied once, and the chains
    // Docker's rules leave alone are the baseline's objects (with what is computed per chain: calls,
    // dispatch indexes). When the baseline is the previous analysis's (only the compose side changed),
    // the previous merged ruleset holds the same state and Docker's unchanged chains too.
    const sameAdmin = input.previous !== undefined && input.previous.adminRuleset === adminBuilt.value;
    merged = buildRuleset([...before, ...df.fragments, ...after], { previous: sameAdmin ? input.previous!.ruleset : adminBuilt.value, stablePrefix });
  }
  diagnostics.push(...merged.diagnostics);

  // 4. The host with Docker's bridges.
  const assumptions: string[] = [];
  let host: Host;
  if (input.host) host = input.host;
  else {
    const admin = live ? live.admin : read.fragments;
    const a = assumeHost(admin.filter((f): f is Fragment => !!f), input.project);
    host = a.host;
    assumptions.push(`an assumed host (${a.host.interfaces.filter((i) => i.name !== 'lo').map((i) => i.name).join(', ')}; no host.json)`);
    const file = input.project.files[0];
    if (file) diagnostics.push({ span: { file, start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, severity: 'information', code: 'assumed-host', message: describeAssumedHost(a) });
  }
  const assumed = live ? undefined : engine.assumed({ project: input.project, mapping, version, daemon, hostState: input.hostState, versionGiven: !!input.dockerVersion });
  if (assumed) {
    assumptions.push(engine.name === 'docker' ? `Docker ${version} (the default; --docker-version)` : engine.label(version));
    const file = input.project.files[0];
    if (file && docker.bindings.length)
      diagnostics.push({
        span: { file, start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        severity: 'information',
        code: engine.name === 'docker' ? 'assumed-docker' : 'assumed-engine',
        message: assumed,
      });
  }
  const bridges = new Set<string>();
  for (const n of docker.networks) {
    const cidrs: string[] = [];
    if (n.v4) cidrs.push(`${formatIp(n.v4.gateway)}/${n.v4.cidr.split('/')[1]}`);
    if (n.v6) cidrs.push(`${formatIp(n.v6.gateway)}/${n.v6.cidr.split('/')[1]}`);
    host = addBridge(host, n.bridge, cidrs);
    bridges.add(n.bridge);
  }

  // 5. Reachability of every published binding, with the admin-only baseline.
  const external = host.interfaces.filter((i) => i.name !== 'lo' && !bridges.has(i.name)).map((i) => i.name);
  const ports: PortReport[] = [];
  const prev = input.previous;
  const delta = prev && sameHost(prev.host, host) ? combinedDelta(prev, adminBuilt.value, merged.value) : undefined;
  const reaches = new Map<string, KeptReach>();
  let reused = 0;
  // (the delta from the rulesets of the analysis before the previous one, made when first needed)
  let earlierDelta: RulesetDelta | undefined;
  const anyAddress = new Map<IpVersion, readonly Destination[]>();
  for (const binding of docker.bindings) {
    const link = binding.source ? mapping.portOf.get(binding.source) : undefined;
    const probes: PortProbe[] = [];
    // With iptables off for its family and the userland proxy off, nothing serves the port.
    const unserved = binding.path === 'proxy-only' && !binding.proxy;
    if (unserved && link?.port)
      diagnostics.push({
        span: link.port.source.item,
        severity: 'information',
        code: 'docker',
        message:
          engine.name === 'podman'
            ? `${binding.proto}/${binding.hostPort} on ${binding.hostIp} is not reachable at all: ${binding.unservedWhy ?? 'netavark installs no rule for it (firewall_driver "none")'}, so nothing forwards it`
            : `${binding.proto}/${binding.hostPort} on ${binding.hostIp.includes(':') ? `[${binding.hostIp}]` : binding.hostIp} is not reachable at all: Docker installs no DNAT rule for it (iptables${binding.hostIp.includes(':') ? '/ip6tables' : ''} off for this family) and the userland proxy is off, so nothing listens there`,
      });
    const viaProxy = binding.path === 'proxy-only' && binding.proxy;
    let leg: Leg | undefined;
    if (binding.hostPort > 0 && !unserved) {
      for (const d of destinations(host, binding, external, anyAddress)) {
        // docker-proxy's own connection to the container is part of the path (see proxyLeg).
        const key = `${d.daddr}|${binding.proto}|${binding.hostPort}|${d.interfaces.join(',')}${viaProxy ? `|${binding.containerIp}|${binding.containerPort}` : ''}`;
        let kept = reaches.get(key);
        if (!kept && prev) {
          const earlier = prev.reaches.has(key) ? undefined : prev.earlier;
          // (one the previous analysis did not have, but the one before it did: from the rulesets that one was computed against)
          if (earlier?.reaches.has(key)) earlierDelta ??= sameHost(earlier.host, host) ? combinedDelta(earlier, adminBuilt.value, merged.value) : { kind: 'structural', why: 'another host' };
          kept = earlier ? takenBack(earlierDelta, earlier.reaches.get(key)) : takenBack(delta, prev.reaches.get(key));
          if (kept) reused++;
        }
        if (!kept) {
          const footprint = new Footprint();
          let classes = reach(merged.value, host, { daddr: d.daddr, proto: binding.proto, dport: binding.hostPort }, {
            interfaces: d.interfaces,
            baseline: adminBuilt.value,
            footprint,
          });
          if (viaProxy) {
            leg ??= proxyLeg(merged.value, host, docker, binding);
            for (const p of leg.shown) footprint.add(p);
            classes = throughProxy(classes, leg.result);
          }
          kept = { classes, footprint };
        }
        reaches.set(key, kept);
        probes.push({ daddr: d.daddr, family: d.family, classes: kept.classes });
      }
    }
    ports.push({ service: binding.service ?? link?.service ?? binding.container, port: link?.port, binding, probes });
  }

  return {
    project: input.project,
    docker,
    dockerSources: df.sources,
    provenance: df.provenance,
    sources: loaded,
    adminRuleset: adminBuilt.value,
    ruleset: merged.value,
    host,
    ports,
    diagnostics,
    dockerVersion: version,
    engineName: engine.name,
    engineLabel: live ? `Docker ${version}` : engine.label(version),
    reaches,
    reused,
    ...(prev ? { earlier: earlierOf(prev, reaches) } : {}),
    synthesis,
    assumptions,
  };
}

/** A kept result with its references moved along `delta`, when no rule `delta` changed can have met its simulations. */
function takenBack(delta: RulesetDelta | undefined, r: KeptReach | undefined): KeptReach | undefined {
  if (!r || delta?.kind !== 'rules' || !untouched(delta, r.footprint)) return undefined;
  const classes = moveClasses(r.classes, delta);
  return classes && { classes, footprint: r.footprint };
}

/** The results of `prev` that `reaches` does not hold (see {@link Analysis.earlier}); undefined when none. */
function earlierOf(prev: Analysis, reaches: ReadonlyMap<string, KeptReach>): EarlierReaches | undefined {
  let dropped: Map<string, KeptReach> | undefined;
  for (const [key, r] of prev.reaches) if (!reaches.has(key)) (dropped ??= new Map()).set(key, r);
  return dropped && { adminRuleset: prev.adminRuleset, ruleset: prev.ruleset, host: prev.host, reaches: dropped };
}
