/**
 * Random scenarios (seeded) aimed at the reply direction: Docker 24-style published ports
 * (docker24.ts) plus admin rules that a connection's replies meet on their way back —
 * - DOCKER-USER / FORWARD rules on conntrack's original fields (`--ctorigdstport`, `--ctorigsrc`,
 *   `--ctorigdst`; `ct original proto-dst`, `ct original ip saddr`), on `--ctdir` / `ct direction`,
 *   on `-i`/`-o` (`iifname`/`oifname`) that the reply crosses the other way, on the container's
 *   port as the reply's source port, on the client's address as the reply's destination;
 * - an admin forward chain with policy drop, with or without `ct state established,related accept`;
 * - source NAT on the way in (MASQUERADE / SNAT towards docker0), so that the reply's destination
 *   is the host until conntrack reverses it;
 * - OUTPUT rules that drop the replies of locally delivered probes (and INPUT rules for requests).
 * IPv4 and IPv6, TCP and UDP. Each scenario is rendered in several forms (same `group`): native
 * nft, iptables-nft and iptables-legacy (the admin's iptables part with `--noflush`), or an admin
 * `inet` table beside Docker's rules in each form.
 */
import type { Fam, Mapping } from '../docker24';
import type { Form, Probe, RulesetFile, Scenario } from '../scenario';
import { ADDR } from '../topology';
import { ADDRS, Rng, dockerFiles } from './generated';
import { standardProbes } from './shared';

type Proto = 'tcp' | 'udp';

const A = { ...ADDRS, gw: { 4: ADDR.hostDocker0, 6: ADDR.hostDocker0v6 } } as const;
type Sym = keyof typeof A;

type Cond =
  | { readonly k: 'iif' | 'oif'; readonly neg: boolean; readonly name: string }
  | { readonly k: 'saddr' | 'daddr' | 'origsrc' | 'origdst'; readonly neg: boolean; readonly a: Sym }
  | { readonly k: 'sport' | 'dport' | 'origdport'; readonly port: number }
  | { readonly k: 'state'; readonly states: readonly string[] }
  | { readonly k: 'dir'; readonly dir: 'original' | 'reply' };

interface Rule {
  readonly proto?: Proto;
  readonly conds: readonly Cond[];
  readonly verdict: 'accept' | 'drop' | 'reject' | 'return';
}

/** Kinds of conditions for a forward-path rule; `origdport` and ports need a protocol. */
const FWD_KINDS = ['iif', 'oif', 'oif', 'saddr', 'daddr', 'daddr', 'origsrc', 'origdst', 'sport', 'dport', 'origdport', 'origdport', 'state', 'dir', 'dir'] as const;
/** Kinds for prerouting and postrouting filter chains (addresses around the reverse NAT). */
const PRE_KINDS = ['iif', 'saddr', 'daddr', 'daddr', 'sport', 'dir', 'state'] as const;
const POST_KINDS = ['oif', 'saddr', 'saddr', 'daddr', 'sport', 'dir'] as const;
/** Kinds for an OUTPUT rule (the replies of local sockets). */
const OUT_KINDS = ['oif', 'daddr', 'sport', 'state', 'dir', 'origdport', 'origsrc'] as const;

function genRule(rng: Rng, kinds: readonly string[], ports: readonly number[], verdicts: readonly Rule['verdict'][]): Rule {
  const proto: Proto = rng.chance(0.7) ? 'tcp' : 'udp';
  const conds: Cond[] = [];
  const used = new Set<string>();
  for (let i = 0, n = 1 + rng.int(2); i < n; i++) {
    const k = rng.pick(kinds);
    if (used.has(k)) continue;
    used.add(k);
    switch (k) {
      case 'iif':
      case 'oif':
        conds.push({ k, neg: rng.chance(0.3), name: rng.pick(['eth0', 'eth1', 'docker0', 'docker0']) });
        break;
      case 'saddr':
        conds.push({ k, neg: rng.chance(0.2), a: rng.pick(['ext0a', 'net0', 'net1', 'ctr', 'ctrnet', 'h0'] as const) });
        break;
      case 'daddr':
        conds.push({ k, neg: rng.chance(0.2), a: rng.pick(['ext0a', 'ext0b', 'net0', 'net1', 'ctr', 'gw'] as const) });
        break;
      case 'origsrc':
        conds.push({ k, neg: rng.chance(0.4), a: rng.pick(['ext0a', 'net0', 'net1'] as const) });
        break;
      case 'origdst':
        conds.push({ k, neg: rng.chance(0.2), a: rng.pick(['h0', 'ctr'] as const) });
        break;
      case 'sport':
      case 'dport':
      case 'origdport':
        conds.push({ k, port: rng.pick(ports) });
        break;
      case 'state':
        conds.push({ k, states: rng.pick([['established', 'related'], ['new'], ['established']]) });
        break;
      case 'dir':
        conds.push({ k, dir: rng.chance(0.5) ? 'original' : 'reply' });
        break;
    }
  }
  const needsProto = conds.some((c) => c.k === 'sport' || c.k === 'dport' || c.k === 'origdport');
  return { proto: needsProto || rng.chance(0.3) ? proto : undefined, conds, verdict: rng.pick(verdicts) };
}

function iptRule(chain: string, r: Rule, fam: Fam, insertAt?: number): string {
  const not = (neg: boolean): string => (neg ? '! ' : '');
  const parts: string[] = [insertAt !== undefined ? `-I ${chain} ${insertAt}` : `-A ${chain}`];
  if (r.proto) parts.push(`-p ${r.proto}`);
  const ct: string[] = [];
  for (const c of r.conds) {
    switch (c.k) {
      case 'iif':
        parts.push(`${not(c.neg)}-i ${c.name}`);
        break;
      case 'oif':
        parts.push(`${not(c.neg)}-o ${c.name}`);
        break;
      case 'saddr':
        parts.push(`${not(c.neg)}-s ${A[c.a][fam]}`);
        break;
      case 'daddr':
        parts.push(`${not(c.neg)}-d ${A[c.a][fam]}`);
        break;
      case 'sport':
      case 'dport':
        parts.push(`-m ${r.proto} --${c.k} ${c.port}`);
        break;
      case 'origsrc':
        ct.push(`${not(c.neg)}--ctorigsrc ${A[c.a][fam]}`);
        break;
      case 'origdst':
        ct.push(`${not(c.neg)}--ctorigdst ${A[c.a][fam]}`);
        break;
      case 'origdport':
        ct.push(`--ctorigdstport ${c.port}`);
        break;
      case 'state':
        ct.push(`--ctstate ${c.states.map((s) => s.toUpperCase()).join(',')}`);
        break;
      case 'dir':
        ct.push(`--ctdir ${c.dir.toUpperCase()}`);
        break;
    }
  }
  if (ct.length) parts.push(`-m conntrack ${ct.join(' ')}`);
  parts.push(`-j ${r.verdict.toUpperCase()}`);
  return parts.join(' ');
}

function nftRule(r: Rule, fam: Fam): string {
  const ip = fam === 4 ? 'ip' : 'ip6';
  const ne = (neg: boolean): string => (neg ? '!= ' : '');
  const parts: string[] = [];
  if (r.proto) parts.push(`meta l4proto ${r.proto}`);
  for (const c of r.conds) {
    switch (c.k) {
      case 'iif':
        parts.push(`iifname ${ne(c.neg)}"${c.name}"`);
        break;
      case 'oif':
        parts.push(`oifname ${ne(c.neg)}"${c.name}"`);
        break;
      case 'saddr':
      case 'daddr':
        parts.push(`${ip} ${c.k} ${ne(c.neg)}${A[c.a][fam]}`);
        break;
      case 'sport':
      case 'dport':
        parts.push(`${r.proto} ${c.k} ${c.port}`);
        break;
      case 'origsrc':
        parts.push(`ct original ${ip} saddr ${ne(c.neg)}${A[c.a][fam]}`);
        break;
      case 'origdst':
        parts.push(`ct original ${ip} daddr ${ne(c.neg)}${A[c.a][fam]}`);
        break;
      case 'origdport':
        parts.push(`ct original proto-dst ${c.port}`);
        break;
      case 'state':
        parts.push(`ct state ${c.states.join(',')}`);
        break;
      case 'dir':
        parts.push(`ct direction ${c.dir}`);
        break;
    }
  }
  parts.push(r.verdict);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Shape `ipt`: the admin's rules in Docker's tables

interface IptAdmin {
  readonly dockerUser: readonly Rule[];
  readonly forwardTop: readonly Rule[];
  readonly output: readonly Rule[];
  readonly input: readonly Rule[];
  /** Source NAT of the admin's in nat POSTROUTING, towards docker0. */
  readonly snat?: { readonly from?: Sym; readonly to?: Sym };
}

function genIptAdmin(rng: Rng, ports: readonly number[]): IptAdmin {
  const fwd = (n: number): Rule[] => Array.from({ length: n }, () => genRule(rng, FWD_KINDS, ports, ['drop', 'drop', 'accept', 'return', 'reject']));
  return {
    dockerUser: fwd(1 + rng.int(3)),
    forwardTop: rng.chance(0.25) ? fwd(1) : [],
    output: rng.chance(0.5) ? Array.from({ length: 1 + rng.int(2) }, () => genRule(rng, OUT_KINDS, ports, ['drop', 'drop', 'accept'])) : [],
    input: rng.chance(0.3) ? [genRule(rng, ['iif', 'saddr', 'dport', 'state'], ports, ['drop', 'accept'])] : [],
    snat: rng.chance(0.35) ? { from: rng.chance(0.5) ? rng.pick(['net0', 'net1'] as const) : undefined, to: rng.chance(0.5) ? 'gw' : undefined } : undefined,
  };
}

function iptSnat(s: NonNullable<IptAdmin['snat']>, fam: Fam): string {
  return `-A POSTROUTING ${s.from ? `-s ${A[s.from][fam]} ` : ''}-o docker0 -j ${s.to ? `SNAT --to-source ${A[s.to][fam]}` : 'MASQUERADE'}`;
}

function nftSnat(s: NonNullable<IptAdmin['snat']>, fam: Fam): string {
  const ip = fam === 4 ? 'ip' : 'ip6';
  return `${s.from ? `${ip} saddr ${A[s.from][fam]} ` : ''}oifname "docker0" ${s.to ? `snat to ${A[s.to][fam]}` : 'masquerade'}`;
}

function iptAdminText(a: IptAdmin, fam: Fam): string {
  const out = ['*filter'];
  out.push(...a.dockerUser.map((r, i) => iptRule('DOCKER-USER', r, fam, i + 1)));
  out.push(...a.forwardTop.map((r, i) => iptRule('FORWARD', r, fam, i + 1)));
  out.push(...a.input.map((r) => iptRule('INPUT', r, fam)));
  out.push(...a.output.map((r) => iptRule('OUTPUT', r, fam)));
  out.push('COMMIT');
  if (a.snat) out.push('*nat', iptSnat(a.snat, fam), 'COMMIT');
  return out.join('\n') + '\n';
}

/** The same additions to Docker's native nft tables (docker24's `dockerNft`). */
function nftAdminTextForIpt(a: IptAdmin, fam: Fam): string {
  const f = fam === 4 ? 'ip' : 'ip6';
  const out = [`table ${f} filter {`];
  if (a.input.length) out.push('  chain INPUT { type filter hook input priority filter; policy accept; }');
  if (a.output.length) out.push('  chain OUTPUT { type filter hook output priority filter; policy accept; }');
  out.push('}');
  out.push(...[...a.dockerUser].reverse().map((r) => `insert rule ${f} filter DOCKER-USER ${nftRule(r, fam)}`));
  out.push(...[...a.forwardTop].reverse().map((r) => `insert rule ${f} filter FORWARD ${nftRule(r, fam)}`));
  out.push(...a.input.map((r) => `add rule ${f} filter INPUT ${nftRule(r, fam)}`));
  out.push(...a.output.map((r) => `add rule ${f} filter OUTPUT ${nftRule(r, fam)}`));
  if (a.snat) out.push(`add rule ${f} nat POSTROUTING ${nftSnat(a.snat, fam)}`);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Shape `nft`: an admin `inet` table of its own beside Docker's rules

function genNftAdmin(rng: Rng, ports: readonly number[], fams: readonly Fam[]): string {
  const out = ['table inet admin {'];
  const policy = rng.chance(0.6) ? 'drop' : 'accept';
  out.push('  chain admin_fwd {', `    type filter hook forward priority ${rng.pick(['filter', '-10', '10'])}; policy ${policy};`);
  const established = rng.chance(0.6);
  if (established) out.push(`    ct state ${rng.pick(['established,related', 'established'])} accept`);
  for (let i = 0, n = rng.int(3); i < n; i++) out.push(`    ${nftRule(genRule(rng, FWD_KINDS, ports, ['drop', 'accept', 'accept', 'reject']), rng.pick(fams))}`);
  if (policy === 'drop') {
    // Let new connections towards the container through (the published ports), maybe their replies too.
    out.push(`    oifname "docker0" ${rng.chance(0.5) ? 'ct state new ' : ''}accept`);
    if (!established && rng.chance(0.5)) out.push(`    iifname "docker0" ${rng.chance(0.5) ? 'ct direction reply ' : ''}accept`);
  }
  out.push('  }');
  // Filter chains around the NAT hooks: conntrack undoes a source NAT at priority dstnat (-100) of
  // prerouting and a destination NAT at srcnat (100) of postrouting, so a reply's addresses there
  // depend on the chain's priority.
  if (rng.chance(0.35)) {
    out.push('  chain admin_pre {', `    type filter hook prerouting priority ${rng.pick(['raw', 'mangle', '-101', '-99', 'filter'])}; policy accept;`);
    for (let i = 0, n = 1 + rng.int(2); i < n; i++) out.push(`    ${nftRule(genRule(rng, PRE_KINDS, ports, ['drop', 'accept']), rng.pick(fams))}`);
    out.push('  }');
  }
  if (rng.chance(0.3)) {
    out.push('  chain admin_post {', `    type filter hook postrouting priority ${rng.pick(['mangle', '99', '101', 'srcnat + 10'])}; policy accept;`);
    for (let i = 0, n = 1 + rng.int(2); i < n; i++) out.push(`    ${nftRule(genRule(rng, POST_KINDS, ports, ['drop', 'accept']), rng.pick(fams))}`);
    out.push('  }');
  }
  if (rng.chance(0.5)) {
    out.push('  chain admin_out {', `    type filter hook output priority ${rng.pick(['filter', '-10'])}; policy accept;`);
    for (let i = 0, n = 1 + rng.int(2); i < n; i++) out.push(`    ${nftRule(genRule(rng, OUT_KINDS, ports, ['drop', 'accept']), rng.pick(fams))}`);
    out.push('  }');
  }
  out.push('}');
  if (rng.chance(0.3)) {
    const snat = { from: rng.chance(0.5) ? rng.pick(['net0', 'net1'] as const) : undefined, to: rng.chance(0.5) ? ('gw' as const) : undefined };
    const fam = rng.pick(fams);
    out.push(`table ${fam === 4 ? 'ip' : 'ip6'} adminnat {`, `  chain post { type nat hook postrouting priority srcnat; policy accept; ${nftSnat(snat, fam)}; }`, '}');
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const HPORTS = [80, 8080, 5000];
const CPORTS = [80, 8080, 53];


/**
 * Fixed scenarios that once exposed a disagreement with the simulator (always run, with
 * expectations; each also has a unit test in test/unit/simulate.test.ts).
 */
function replyRegressions(): Scenario[] {
  const maps: Mapping[] = [{ hport: 8080, cport: 80, proto: 'tcp' }];
  // A local socket's reply is routed before the output hook: OUTPUT `oifname "eth1" drop` drops the
  // answers to clients on eth1 (the simulator once ran the output chains without an output device).
  const probes: Probe[] = [
    { from: 'ext1', proto: 'tcp', daddr: ADDR.hostEth1, dport: 22 },
    { from: 'ext1', proto: 'udp', daddr: ADDR.hostEth1, dport: 22 },
    { from: 'ext0', proto: 'tcp', daddr: ADDR.hostEth0, dport: 22 },
    { from: 'ext1', proto: 'tcp', daddr: ADDR.hostEth1, dport: 8080 },
  ];
  const expect = [
    { at: 'host', reply: false },
    { at: 'host', reply: false },
    { at: 'host', reply: true },
    { at: 'ctr', dport: 80, reply: true },
  ] as const;
  const out: Scenario[] = [];
  for (const [label, docker] of [['nft', dockerFiles(maps, 'nft', false)], ['iptables-nft', dockerFiles(maps, 'iptables-nft', false)]] as const) {
    const admin: RulesetFile =
      label === 'nft'
        ? { name: 'admin.nft', form: 'nft', text: 'table ip filter {\n  chain OUTPUT { type filter hook output priority filter; policy accept; oifname "eth1" drop; }\n}\n' }
        : { name: 'admin.ipt', form: 'iptables-nft', text: '*filter\n-A OUTPUT -o eth1 -j DROP\nCOMMIT\n', noflush: true };
    out.push({ name: `replies regression: OUTPUT oifname eth1 drop (${label})`, source: 'replies', files: [...docker, admin], probes, expect, group: 'reply-regression-output-oif' });
  }
  return out;
}

export function replyScenarios(seed: number, count: number, opts: { legacy: boolean }): Scenario[] {
  const out: Scenario[] = replyRegressions();
  for (let i = 0; i < count; i++) {
    const rng = new Rng((seed ^ Math.imul(i + 1, 0x85ebca6b) ^ 0x5bd1e995) >>> 0);
    const v6 = rng.chance(0.4);
    const fams: Fam[] = v6 ? [4, 6] : [4];
    const maps: Mapping[] = [];
    for (let n = 1 + rng.int(2); maps.length < n; ) {
      const hport = rng.pick(HPORTS.filter((p) => !maps.some((m) => m.hport === p)));
      maps.push({ hport, cport: rng.pick(CPORTS), proto: rng.chance(0.6) ? 'tcp' : 'udp' });
    }
    const ports = [...new Set([...maps.flatMap((m) => [m.hport, m.cport]), 22])];
    const probes: Probe[] = [
      ...standardProbes(maps, { v6, closedPort: 22 }),
      // Local deliveries answered through OUTPUT, both protocols and families.
      { from: 'ext0', src: ADDR.ext0[1], proto: 'udp', daddr: ADDR.hostEth0, dport: 22 },
      { from: 'ext1', proto: 'tcp', daddr: ADDR.hostEth1, dport: 22 },
      ...(v6 ? [{ from: 'ext1', proto: 'udp', daddr: ADDR.hostEth1v6, dport: 22 } as Probe] : []),
    ];
    const group = `reply-${seed}-${i}`;
    const forms: { label: string; files: RulesetFile[] }[] = [];
    if (rng.chance(0.6)) {
      const admin = genIptAdmin(rng, ports);
      const nftAdmin: RulesetFile[] = fams.map((fam) => ({ name: `admin-v${fam}.nft`, form: 'nft', text: nftAdminTextForIpt(admin, fam) }));
      const iptAdmin = (form: 'iptables-nft' | 'iptables-legacy'): RulesetFile[] =>
        fams.map((fam) => ({ name: `admin-v${fam}.ipt`, form: (fam === 6 ? form.replace('iptables', 'ip6tables') : form) as Form, text: iptAdminText(admin, fam), noflush: true }));
      forms.push({ label: 'nft', files: [...dockerFiles(maps, 'nft', v6), ...nftAdmin] });
      forms.push({ label: 'iptables-nft', files: [...dockerFiles(maps, 'iptables-nft', v6), ...iptAdmin('iptables-nft')] });
      if (opts.legacy && rng.chance(0.5)) forms.push({ label: 'iptables-legacy', files: [...dockerFiles(maps, 'iptables-legacy', v6), ...iptAdmin('iptables-legacy')] });
    } else {
      const admin: RulesetFile = { name: 'admin.nft', form: 'nft', text: genNftAdmin(rng, ports, fams) };
      forms.push({ label: 'nft', files: [...dockerFiles(maps, 'nft', v6), admin] });
      forms.push({ label: 'docker iptables-nft', files: [...dockerFiles(maps, 'iptables-nft', v6), admin] });
    }
    for (const f of forms) out.push({ name: `replies #${i} (seed ${seed}) ${f.label}`, source: 'replies', files: f.files, probes, group });
  }
  return out;
}
