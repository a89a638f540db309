/**
 * The analysis pipeline (`analyse()`, what `dockwall check` is built on) judged by the kernel.
 *
 * One *pair* is a compose project, the admin's ruleset files, and a Docker release / firewall
 * backend. The analysis is run with a host model equal to the test topology; its result gives:
 * - the Docker side of the topology: every network in `analysis.docker.networks` becomes a bridge
 *   of that name with the network's gateways, and its endpoints' addresses are put into the
 *   container namespace (one interface per bridge);
 * - the files to load, in the analysis's order (`analysis.sources`): the admin's files that do not
 *   refer to Docker's chains, then Docker's rules (`analysis.dockerSources`), then the admin's files
 *   that do (`afterDocker`);
 * - the probes: for every published binding, every destination in `ports[*].probes[*]` and every
 *   reach class, one packet from the class's ingress interface with a source address inside the
 *   class's source intervals; its expected arrival is the class's verdict / delivery / final
 *   destination (merged scenario) and the class's baseline (baseline scenario: the admin's files
 *   alone, no Docker).
 *
 * How Docker's rules are placed in the kernel (the same placement `analysis/merge.ts` applies, and
 * what dockerd does with individual `iptables` commands), iptables backends: the rendered
 * `iptables-save` text is restored with `iptables-nft-restore --noflush` (ip6tables-nft-restore for
 * v6) after these rewrites:
 * - built-in chain lines (`:FORWARD ACCEPT [0:0]`) are removed: in --noflush mode such a line sets
 *   the chain's policy, and dockerd never touches a built-in policy except FORWARD DROP when it
 *   enabled forwarding; that one becomes `-P FORWARD DROP` (dockerd runs `iptables -P FORWARD DROP`);
 * - `:DOCKER-USER - [0:0]` is removed when an admin file loaded before Docker already declared
 *   DOCKER-USER: with --noflush the line would flush the chain, and dockerd creates it only when
 *   missing and never flushes it;
 * - `-A FORWARD ...` lines become `-I FORWARD 1`, `-I FORWARD 2`, ... in Docker's order: dockerd
 *   (re-)inserts its jumps at the top of FORWARD, above the admin's rules;
 * - Docker's own chains keep their `:DOCKER - [0:0]` lines: with --noflush that creates or flushes
 *   them, which is what dockerd does with the chains it rebuilds at start.
 * Docker's nat and raw rules are appended as they are. The nftables backend (29) creates its own
 * `docker-bridges` tables: its text is loaded with `nft -f` unchanged.
 * Admin files: nft files with `nft -f`; iptables files with `iptables-nft-restore` (without
 * --noflush, as netfilter-persistent restores them at boot) when loaded before Docker, with --noflush
 * when loaded after Docker (the only way a file that adds to DOCKER-USER without declaring it can
 * be restored). The baseline loads the admin's files without Docker's: an after-Docker file without
 * its lines that add to Docker's chains (the analysis's admin-only build skips those).
 */
import { type Analysis, analyse } from '../../../server/src/core/analysis';
import { loadComposeProject } from '../../../server/src/core/compose';
import { type DockerHostState, type ResolvedNetwork, parseDaemonJson } from '../../../server/src/core/docker';
import { type IpInterval, type IpVersion, formatIp, parseIp, parseIpInterval } from '../../../server/src/core/net/ip';
import { podmanEngine } from '../../../server/src/core/engines';
import { parseHost } from '../../../server/src/core/netfilter/host';
import { parseContainersConf } from '../../../server/src/core/podman';
import type { ReachClass } from '../../../server/src/core/netfilter/reach';
import type { SimResult } from '../../../server/src/core/netfilter/trace';
import { type Languages, loadLanguages } from '../../../server/src/core/syntax/languages';
import { LineIndex } from '../../../server/src/core/text';
import type { BridgeLayout, Expectation, Form, Probe, RulesetFile, Scenario } from '../scenario';
import { grammar } from '../sim';
import { ADDR, HOST_INTERFACES, HOST_ROUTES } from '../topology';

/** One admin file of a pair. `form` is how the kernel loads it (the analysis detects the format). */
export interface AdminFile {
  readonly name: string;
  readonly form: Form;
  readonly text: string;
}

/** The input of one pair; regressions (test/kernel/regressions/*.json) have this shape. */
export interface PairInput {
  readonly name: string;
  readonly compose: string;
  readonly admin: readonly AdminFile[];
  /** Docker release line as `dockwall check --docker-version` takes it: 24, 27, 28.0.1, 28.2, 29. */
  readonly version: string;
  readonly backend?: 'iptables' | 'nftables';
  /** daemon.json text (`dockwall check --daemon`). */
  readonly daemon?: string;
  /** What the host was like before dockerd started (e.g. forwarding already on). */
  readonly hostState?: Partial<DockerHostState>;
  /** Rootful Podman instead of Docker (`version` and `backend` are then unused), with this containers.conf text. */
  readonly podman?: { readonly containersConf: string };
}

export interface PairResult {
  readonly scenarios: Scenario[];
  readonly classes: number;
  readonly bypass: number;
}

let languagesPromise: Promise<Languages> | undefined;

export function kernelLanguages(): Promise<Languages> {
  languagesPromise ??= loadLanguages({
    runtime: grammar('web-tree-sitter.wasm'),
    nftables: grammar('tree-sitter-nftables.wasm'),
    iptables: grammar('tree-sitter-iptables.wasm'),
  });
  return languagesPromise;
}

/** The host namespace of the topology as a host model (no bridges: the analysis adds Docker's). */
function topologyHost() {
  const interfaces: Record<string, { addresses: string[] }> = {};
  for (const i of HOST_INTERFACES) if (i.name !== 'lo' && i.name !== 'docker0') interfaces[i.name] = { addresses: [...i.addrs] };
  return parseHost({ interfaces, routes: HOST_ROUTES.map((r) => ({ ...r })), forwarding: true, staticNeighbours: true }, new LineIndex('').span('<kernel topology>', 0, 0)).value;
}

export function runAnalysis(input: PairInput, languages: Languages): Analysis {
  const files: Record<string, string> = { '/work/p/compose.yaml': input.compose };
  const reader = { read: (p: string) => files[p], exists: (p: string) => p in files };
  const project = loadComposeProject(reader, { cwd: '/work/p', env: {}, files: ['compose.yaml'] });
  return analyse({
    project: project.value,
    rulesets: input.admin.map((f) => ({ file: f.name, text: f.text })),
    languages,
    dockerVersion: input.version,
    backend: input.backend,
    daemon: input.daemon !== undefined ? parseDaemonJson(input.daemon, 'daemon.json').value : undefined,
    hostState: input.hostState,
    host: topologyHost(),
    ...(input.podman ? { containerEngine: podmanEngine({ config: parseContainersConf(input.podman.containersConf, 'containers.conf').value, configGiven: true }) } : {}),
  });
}

/** The Docker side of the topology as rule synthesis resolved it (`analysis.docker.networks`). */
export function layoutOf(networks: readonly ResolvedNetwork[]): BridgeLayout[] {
  return networks.map((n) => {
    const addrs: string[] = [];
    const endpoints: string[] = [];
    for (const [sub, key] of [
      [n.v4, 'ipv4'],
      [n.v6, 'ipv6'],
    ] as const) {
      if (!sub) continue;
      const len = sub.cidr.split('/')[1];
      addrs.push(`${formatIp(sub.gateway)}/${len}`);
      for (const ep of n.endpoints) {
        const a = ep[key];
        if (a) endpoints.push(`${formatIp(a)}/${len}`);
      }
    }
    return { name: n.bridge, addrs, endpoints };
  });
}

/** Docker's iptables-save text rewritten into the operations dockerd performs (see the header). */
export function placeDockerIptables(text: string, opts: { dropPolicies: ReadonlySet<string>; keepDockerUser: boolean }): string {
  const out: string[] = [];
  let table = '';
  let forward = 0;
  for (const line of text.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^\*(\S+)/.exec(line))) {
      table = m[1];
      forward = 0;
      out.push(line);
    } else if ((m = /^:(\S+) (ACCEPT|DROP) /.exec(line))) {
      if (m[2] === 'DROP' && opts.dropPolicies.has(`${table}/${m[1]}`)) out.push(`-P ${m[1]} DROP`);
    } else if (/^:DOCKER-USER /.test(line) && table === 'filter' && opts.keepDockerUser) {
      continue;
    } else if (table === 'filter' && /^-A FORWARD /.test(line)) {
      out.push(line.replace(/^-A FORWARD /, `-I FORWARD ${++forward} `));
    } else out.push(line);
  }
  return out.join('\n');
}

/** The kernel files of the merged host (admin before Docker, Docker, admin after) and of the baseline. */
export function kernelFiles(input: PairInput, analysis: Analysis): { merged: RulesetFile[]; baseline: RulesetFile[] } {
  const after = new Set(analysis.sources.filter((s) => s.afterDocker).map((s) => s.file));
  const before = input.admin.filter((f) => !after.has(f.name));
  const late = input.admin.filter((f) => after.has(f.name));
  const docker: RulesetFile[] = [];
  if (analysis.docker.backend === 'iptables') {
    for (const [fam, tables] of [
      [4, analysis.docker.iptables.ipv4],
      [6, analysis.docker.iptables.ipv6],
    ] as const) {
      if (!tables.length) continue;
      const src = analysis.dockerSources.find((s) => (fam === 6) === /ip6tables/.test(s.file));
      if (!src) continue;
      const dropPolicies = new Set<string>();
      for (const t of tables) for (const c of t.chains) if (c.builtin && c.policy === 'DROP' && c.policyReason) dropPolicies.add(`${t.name}/${c.name}`);
      const family = fam === 4 ? 'ip' : 'ip6';
      const keepDockerUser = analysis.sources.some(
        (s) => !s.afterDocker && s.fragment?.ops.some((op) => op.op === 'addChain' && op.name === 'DOCKER-USER' && op.table.name === 'filter' && op.table.family === family),
      );
      docker.push({ name: src.file, form: fam === 4 ? 'iptables-nft' : 'ip6tables-nft', text: placeDockerIptables(src.text, { dropPolicies, keepDockerUser }), noflush: true });
    }
  } else {
    for (const s of analysis.dockerSources) docker.push({ name: s.file, form: 'nft', text: s.text });
  }
  const admin = (f: AdminFile, noflush: boolean, text = f.text): RulesetFile => ({ name: f.name, form: f.form, text, ...(f.form !== 'nft' ? { noflush } : {}) });
  // Without Docker its chains do not exist: the admin-only build skips what an after-Docker file
  // adds to them (with a diagnostic), so the baseline loads such a file without those lines.
  const withoutDocker = late.flatMap((f) => {
    const text = f.text
      .split('\n')
      .filter((l) => !/^-[AIDF] DOCKER|^:DOCKER|^(insert|add|delete|flush) (rule|chain) \S+ \S+ DOCKER/.test(l.trim()))
      .join('\n');
    return /^-[A-Z]|^:|^(table|add|insert)/m.test(text) ? [admin(f, true, text)] : [];
  });
  return {
    merged: [...before.map((f) => admin(f, false)), ...docker, ...late.map((f) => admin(f, true))],
    baseline: [...before.map((f) => admin(f, false)), ...withoutDocker],
  };
}

// ---------------------------------------------------------------------------------------------
// A source address inside a class

const MARTIAN: Record<IpVersion, IpInterval[]> = {
  4: ['0.0.0.0/8', '127.0.0.0/8', '224.0.0.0/3'].map((c) => parseIpInterval(c)!),
  6: ['::/8', 'fe80::/10', 'ff00::/8'].map((c) => parseIpInterval(c)!),
};

/** Preferred sources per ingress interface: the client's own addresses first, then ordinary ones. */
const PREFERRED: Record<'eth0' | 'eth1', Record<IpVersion, string[]>> = {
  eth0: {
    4: [...ADDR.ext0, '198.51.100.77', '10.20.30.40', '203.0.113.77', '192.168.200.9', '100.64.5.6', '1.2.3.4', '172.16.5.5', '8.8.4.4'],
    6: [...ADDR.ext0v6, '2001:db8:1::77', '2001:db8:9::9', '2001:db8:2::77', 'fd12:3456::9', '2a00:1450::1'],
  },
  eth1: {
    4: [...ADDR.ext1, '203.0.113.78', '10.20.30.41', '198.51.100.78', '192.168.200.10', '100.64.5.7', '1.2.3.5', '172.16.5.6', '8.8.8.8'],
    6: [...ADDR.ext1v6, '2001:db8:2::78', '2001:db8:9::a', '2001:db8:1::78', 'fd12:3456::a', '2a00:1450::2'],
  },
};
/** The client's fixed addresses, which must never move to the other interface. */
const FIXED: Record<'eth0' | 'eth1', string[]> = { eth0: [...ADDR.ext1, ...ADDR.ext1v6], eth1: [...ADDR.ext0, ...ADDR.ext0v6] };

/**
 * The other link's subnets: the host answers such a source out of the other interface (asymmetric,
 * a reply the prober cannot see), so they are sources of last resort.
 */
const OTHER_LINK: Record<'eth0' | 'eth1', IpInterval[]> = {
  eth0: ['203.0.113.0/24', '2001:db8:2::/64'].map((c) => parseIpInterval(c)!),
  eth1: ['198.51.100.0/24', '192.0.2.100/32', '2001:db8:1::/64'].map((c) => parseIpInterval(c)!),
};

function inside(ivs: readonly IpInterval[], n: bigint): boolean {
  return ivs.some((iv) => iv.lo <= n && n <= iv.hi);
}

/**
 * A sendable source address in `sources`, for a probe entering on `iif`; avoids martian sources,
 * the container networks (`avoid`, when the class has other addresses), addresses already used on
 * the other interface (`taken`) and never takes a container's own address (`endpoints`: the
 * container namespace holds it, so it would drop the probe as coming from itself, and its answer
 * would stay there; reply-dependent classes can be exactly such addresses).
 */
export function pickSource(
  sources: readonly IpInterval[],
  iif: 'eth0' | 'eth1',
  v: IpVersion,
  avoid: readonly IpInterval[],
  taken: ReadonlyMap<string, string>,
  endpoints: ReadonlySet<string> = new Set(),
): string | undefined {
  const bad = (n: bigint): boolean => {
    if (inside(MARTIAN[v], n)) return true;
    const text = formatIp({ v, n });
    return FIXED[iif].includes(text) || endpoints.has(text) || (taken.has(text) && taken.get(text) !== iif);
  };
  for (const a of PREFERRED[iif][v]) {
    const p = parseIp(a)!;
    if (inside(sources, p.n) && !bad(p.n) && !inside(avoid, p.n) && !inside(OTHER_LINK[iif], p.n)) return a;
  }
  for (const strict of [true, false]) {
    for (const iv of sources) {
      let n = iv.lo === 0n ? 1n : iv.lo;
      for (let step = 0; step < 64 && n <= iv.hi; step++) {
        const skip = [...MARTIAN[v], ...(strict ? [...avoid, ...OTHER_LINK[iif]] : [])].find((r) => r.lo <= n && n <= r.hi);
        if (skip) {
          n = skip.hi + 1n;
          continue;
        }
        if (!bad(n)) return formatIp({ v, n });
        n++;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Expectations

interface Answer {
  readonly expect: Expectation | null;
  readonly unknown?: string;
}

/**
 * The expectation of a probe from the simulation of its class's packet (`ReachClass.example`, or
 * the baseline's): where the packet itself arrives, and whether its reply (`r.reply`) gets back to
 * the client side (accepted and leaving by a client interface; a class's connection verdict is
 * `drop` when only the reply is dropped, so the request's own verdict is taken from the packet).
 */
function answerOf(r: SimResult, layout: readonly BridgeLayout[]): Answer {
  if (r.verdict === 'unknown') return { expect: null, unknown: r.reason?.message ?? 'unknown' };
  if (r.verdict === 'drop') return { expect: { at: 'nowhere' } };
  // A reply the host routes out of another interface than the probe came in by (a source of the
  // other link's subnet, or of a bridge's) is not judged, whatever became of it there: the class's
  // verdict leaves it out too (reach.ts flowOf).
  const elsewhere = r.reply !== undefined && ((r.reply.final.oif !== '' && r.reply.final.oif !== r.final.iif) || r.reply.decidedBy?.kind === 'route');
  const reply = !r.reply || r.reply.verdict === 'unknown' || elsewhere ? {} : { reply: r.reply.verdict === 'accept' && (r.reply.final.oif === 'eth0' || r.reply.final.oif === 'eth1') };
  if (r.delivery === 'local') return { expect: { at: 'host', daddr: r.final.daddr, dport: r.final.dport, ...reply } };
  const bridge = layout.find((b) => b.name === r.final.oif);
  if (r.delivery === 'forward' && bridge?.endpoints.some((e) => e.split('/')[0] === r.final.daddr)) {
    return { expect: { at: 'ctr', daddr: r.final.daddr, dport: r.final.dport, ...reply } };
  }
  return { expect: { at: 'nowhere' } };
}

function labelOf(c: ReachClass, a: Answer): string {
  if (c.verdict === 'accept' && c.delivery === 'forward' && c.baseline?.verdict === 'drop') return 'bypass';
  return a.expect ? `${a.expect.at === 'ctr' ? 'container' : a.expect.at === 'host' ? 'local' : 'dropped'}` : 'unknown';
}

/** The merged and baseline scenarios of one pair. */
export function pairScenarios(input: PairInput, languages: Languages, source: string): PairResult {
  const analysis = runAnalysis(input, languages);
  const layout = layoutOf(analysis.docker.networks);
  const files = kernelFiles(input, analysis);
  const avoid = analysis.docker.networks.flatMap((n) => [n.v4?.prefix, n.v6?.prefix].filter((x): x is IpInterval => x !== undefined));
  const probes: Probe[] = [];
  const merged: Answer[] = [];
  const base: Answer[] = [];
  const labels: string[] = [];
  const taken = new Map<string, string>();
  // Container addresses, and the bridges' gateways: the host holds those, and drops a packet from
  // the wire with its own address as source (a martian) before any rule sees it.
  const endpoints = new Set(layout.flatMap((b) => [...b.endpoints, ...b.addrs].map((e) => formatIp(parseIp(e.split('/')[0])!))));
  let bypass = 0;
  const skipped: string[] = [];
  for (const port of analysis.ports) {
    const b = port.binding;
    for (const dest of port.probes) {
      for (const c of dest.classes) {
        if (c.iif !== 'eth0' && c.iif !== 'eth1') continue;
        const src = pickSource(c.sources, c.iif, dest.family, avoid, taken, endpoints);
        if (!src) {
          skipped.push(`${c.iif} ${dest.daddr}:${b.hostPort}/${b.proto}: no sendable source in the class`);
          continue;
        }
        if (b.proto !== 'tcp' && b.proto !== 'udp') continue;
        taken.set(src, c.iif);
        probes.push({ from: c.iif === 'eth0' ? 'ext0' : 'ext1', src, proto: b.proto, daddr: dest.daddr, dport: b.hostPort });
        const m = answerOf(c.example, layout);
        merged.push(m);
        base.push(c.baseline ? answerOf(c.baseline, layout) : { expect: null, unknown: 'no baseline' });
        const label = labelOf(c, m);
        labels.push(label);
        if (label === 'bypass') bypass++;
      }
    }
  }
  const notes = [
    `Docker ${input.version}${input.backend ? ` ${input.backend}` : ''}${input.daemon ? `, daemon.json ${input.daemon}` : ''}${input.hostState ? `, host ${JSON.stringify(input.hostState)}` : ''}; analysis diagnostics:`,
    ...analysis.diagnostics.filter((d) => d.severity !== 'information').map((d) => `  ${d.severity} ${d.span.file}:${d.span.range.start.line + 1}: ${d.message}`),
    ...skipped.map((s) => `skipped: ${s}`),
    'compose.yaml:',
    ...input.compose.trimEnd().split('\n').map((l) => `  | ${l}`),
    ...layout.map((b) => `bridge ${b.name} ${b.addrs.join(' ')} containers ${b.endpoints.join(' ') || '-'}`),
  ];
  const common = { source, layout, probes, notes };
  const scenarios: Scenario[] = probes.length
    ? [
        { ...common, name: `${input.name}`, files: files.merged, expect: merged.map((a) => a.expect), unknown: merged.map((a) => a.unknown ?? null), labels },
        { ...common, name: `${input.name} [baseline: admin rules only]`, files: files.baseline, expect: base.map((a) => a.expect), unknown: base.map((a) => a.unknown ?? null) },
      ]
    : [];
  return { scenarios, classes: probes.length, bypass };
}
