/**
 * Random scenarios (seeded): Docker 24-style published ports (docker24.ts) plus admin rules, each
 * rendered in every form that can express it, so that the kernel checks the renderers against one
 * another (same `group`) and the simulator against the kernel.
 *
 * Two shapes:
 * - `ipt`: admin rules in the iptables tables (INPUT policy and rules, rules inserted into
 *   DOCKER-USER, appended after its RETURN, put at the top or the end of FORWARD, user chains with
 *   jumps, gotos and returns, mangle FORWARD / PREROUTING). Rendered as native nft, iptables-nft,
 *   iptables-legacy, and mixed (Docker through iptables-nft, the admin's part in nft).
 * - `nft`: an admin table of its own (`inet` or `ip`): several base chains on one hook at different
 *   priorities and policies, filter chains in prerouting before and after DNAT, an output chain,
 *   named sets, verdict maps, jumps, gotos, returns, sometimes a NAT chain of its own. Docker's part
 *   is rendered in nft, iptables-nft and iptables-legacy.
 * About a third of the scenarios also publish on IPv6 and probe it.
 */
import { type Fam, type Mapping, dockerIptables, dockerNft } from '../docker24';
import type { Form, Probe, RulesetFile, Scenario } from '../scenario';
import { ADDR } from '../topology';
import { standardProbes } from './shared';

// ---------------------------------------------------------------------------------------------
// Random numbers (mulberry32), one stream per scenario so that scenario i of a seed is stable.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  some<T>(xs: readonly T[], max: number): T[] {
    const copy = [...xs];
    const out: T[] = [];
    const n = 1 + this.int(Math.min(max, copy.length));
    while (out.length < n) out.push(copy.splice(this.int(copy.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// The rule vocabulary

export const ADDRS = {
  ext0a: { 4: ADDR.ext0[0], 6: ADDR.ext0v6[0] },
  ext0b: { 4: ADDR.ext0[1], 6: ADDR.ext0v6[1] },
  ext1: { 4: ADDR.ext1[0], 6: ADDR.ext1v6[0] },
  net0: { 4: '198.51.100.0/24', 6: '2001:db8:1::/64' },
  net1: { 4: '203.0.113.0/24', 6: '2001:db8:2::/64' },
  ctrnet: { 4: '172.17.0.0/16', 6: 'fd00:17::/64' },
  ctr: { 4: ADDR.ctr, 6: ADDR.ctrV6 },
  h0: { 4: ADDR.hostEth0, 6: ADDR.hostEth0v6 },
  hx: { 4: ADDR.hostExtra, 6: ADDR.hostExtraV6 },
  h1: { 4: ADDR.hostEth1, 6: ADDR.hostEth1v6 },
} as const;
type AddrSym = keyof typeof ADDRS;
const SRC_SYMS: readonly AddrSym[] = ['ext0a', 'ext0b', 'ext1', 'net0', 'net1', 'ctrnet'];
const DST_SYMS: readonly AddrSym[] = ['ctr', 'h0', 'hx', 'h1', 'ctrnet'];
const IFACES = ['eth0', 'eth1', 'docker0', 'lo', 'eth*'] as const;
type Proto = 'tcp' | 'udp';

type Cond =
  | { readonly k: 'iif' | 'oif'; readonly neg: boolean; readonly name: string }
  | { readonly k: 'saddr' | 'daddr'; readonly neg: boolean; readonly a: AddrSym }
  | { readonly k: 'proto'; readonly proto: Proto }
  | { readonly k: 'port'; readonly which: 'dport' | 'sport'; readonly proto: Proto; readonly neg: boolean; readonly ports: readonly number[]; readonly range?: readonly [number, number] }
  | { readonly k: 'ct'; readonly states: readonly string[] }
  | { readonly k: 'ctorigdport'; readonly proto: Proto; readonly port: number }
  | { readonly k: 'ctorigdst'; readonly a: AddrSym }
  | { readonly k: 'ctdnat' }
  | { readonly k: 'fiblocal'; readonly neg: boolean }
  /** nft only: membership in a named set of the admin table. */
  | { readonly k: 'set'; readonly which: 'saddr' | 'dport'; readonly proto?: Proto; readonly set: string; readonly fam: Fam };

type Verdict =
  | { readonly v: 'accept' | 'drop' | 'reject' | 'return' | 'none' }
  | { readonly v: 'jump' | 'goto'; readonly target: string };

interface Rule {
  readonly conds: readonly Cond[];
  readonly verdict: Verdict;
  /** nft only: `KEY vmap { ... }` after the conditions (then `verdict` is unused). */
  readonly vmap?: { readonly key: 'dport' | 'iif'; readonly proto?: Proto; readonly entries: readonly (readonly [string | number, Verdict])[] };
}

interface Ctx {
  readonly rng: Rng;
  readonly ports: readonly number[];
  /** Regular chains a rule may jump to. */
  readonly targets: readonly string[];
  readonly allowReject: boolean;
  /** Family for address conditions in an `inet` table (ip or ip6 matches). */
  readonly fam?: Fam;
  readonly sets?: readonly { name: string; which: 'saddr' | 'dport'; fam: Fam }[];
}

function genCond(c: Ctx, kind: string, proto: Proto): Cond | undefined {
  const { rng } = c;
  switch (kind) {
    case 'iif':
    case 'oif':
      return { k: kind, neg: rng.chance(0.3), name: rng.pick(IFACES) };
    case 'saddr':
      return { k: 'saddr', neg: rng.chance(0.25), a: rng.pick(SRC_SYMS) };
    case 'daddr':
      return { k: 'daddr', neg: rng.chance(0.25), a: rng.pick(DST_SYMS) };
    case 'port': {
      const which = rng.chance(0.9) ? 'dport' : 'sport';
      if (rng.chance(0.15)) {
        const lo = rng.pick(c.ports);
        return { k: 'port', which, proto, neg: rng.chance(0.2), ports: [], range: [Math.max(1, lo - rng.int(100)), lo + rng.int(100)] };
      }
      return { k: 'port', which, proto, neg: rng.chance(0.2), ports: rng.some(c.ports, rng.chance(0.3) ? 3 : 1) };
    }
    case 'ct':
      return { k: 'ct', states: rng.pick([['new'], ['established', 'related'], ['invalid'], ['new', 'established']]) };
    case 'ctorigdport':
      return { k: 'ctorigdport', proto, port: rng.pick(c.ports) };
    case 'ctorigdst':
      return { k: 'ctorigdst', a: rng.pick(['h0', 'hx', 'h1'] as const) };
    case 'ctdnat':
      return { k: 'ctdnat' };
    case 'fiblocal':
      return { k: 'fiblocal', neg: rng.chance(0.3) };
    case 'set': {
      // An address set only in a rule of its own family (`ip saddr` and `ip6 saddr` conflict).
      const usable = (c.sets ?? []).filter((x) => x.which === 'dport' || x.fam === (c.fam ?? 4));
      const s = usable.length ? rng.pick(usable) : undefined;
      return s ? { k: 'set', which: s.which, proto: s.which === 'dport' ? proto : undefined, set: s.name, fam: s.fam } : undefined;
    }
  }
  return undefined;
}

function genVerdict(c: Ctx, terminalBias: boolean): Verdict {
  const { rng } = c;
  const r = rng.next();
  if (c.targets.length && r < 0.18) return { v: rng.chance(0.7) ? 'jump' : 'goto', target: rng.pick(c.targets) };
  if (r < 0.5) return { v: 'drop' };
  if (r < 0.78) return { v: 'accept' };
  if (r < 0.86 && c.allowReject) return { v: 'reject' };
  if (r < 0.93 && !terminalBias) return { v: 'return' };
  return { v: terminalBias ? 'drop' : 'none' };
}

const KINDS_IPT = ['iif', 'oif', 'saddr', 'daddr', 'port', 'port', 'ct', 'ctorigdport', 'ctorigdst', 'ctdnat', 'fiblocal'];
/** For INPUT and PREROUTING (and chains they may jump to): no output interface there. */
const NO_OIF = KINDS_IPT.filter((k) => k !== 'oif');

function genRule(c: Ctx, kinds: readonly string[], opts: { vmap?: boolean } = {}): Rule {
  const { rng } = c;
  const proto: Proto = rng.chance(0.8) ? 'tcp' : 'udp';
  const n = rng.int(3) + (rng.chance(0.2) ? 0 : 1);
  const used = new Set<string>();
  const conds: Cond[] = [];
  let needsProto = false;
  for (let i = 0; i < n; i++) {
    const kind = rng.pick(kinds);
    if (used.has(kind)) continue;
    used.add(kind);
    const cond = genCond(c, kind, proto);
    if (!cond) continue;
    if (cond.k === 'port' || cond.k === 'ctorigdport' || (cond.k === 'set' && cond.which === 'dport')) needsProto = true;
    conds.push(cond);
  }
  if (needsProto || rng.chance(0.1)) conds.unshift({ k: 'proto', proto });
  if (opts.vmap && rng.chance(0.25)) {
    if (rng.chance(0.5)) {
      const ports = rng.some(c.ports, 3);
      return { conds: conds.some((x) => x.k === 'proto') ? conds : [{ k: 'proto', proto }, ...conds], verdict: { v: 'none' }, vmap: { key: 'dport', proto, entries: ports.map((p) => [p, genVerdict(c, false)] as const) } };
    }
    const names = rng.some(['eth0', 'eth1', 'docker0'], 2);
    return { conds, verdict: { v: 'none' }, vmap: { key: 'iif', entries: names.map((p) => [p, genVerdict(c, false)] as const) } };
  }
  return { conds, verdict: genVerdict(c, false) };
}

// ---------------------------------------------------------------------------------------------
// Rendering

const addrOf = (a: AddrSym, fam: Fam): string => ADDRS[a][fam];

function iptCond(x: Cond, fam: Fam): string {
  const not = (neg: boolean): string => (neg ? '! ' : '');
  switch (x.k) {
    case 'iif':
      return `${not(x.neg)}-i ${x.name.replace('*', '+')}`;
    case 'oif':
      return `${not(x.neg)}-o ${x.name.replace('*', '+')}`;
    case 'saddr':
      return `${not(x.neg)}-s ${addrOf(x.a, fam)}`;
    case 'daddr':
      return `${not(x.neg)}-d ${addrOf(x.a, fam)}`;
    case 'proto':
      return `-p ${x.proto}`;
    case 'port': {
      const flag = x.which === 'dport' ? '--dport' : '--sport';
      if (x.range) return `-m ${x.proto} ${not(x.neg)}${flag} ${x.range[0]}:${x.range[1]}`;
      if (x.ports.length === 1) return `-m ${x.proto} ${not(x.neg)}${flag} ${x.ports[0]}`;
      return `-m multiport ${not(x.neg)}${flag}s ${x.ports.join(',')}`;
    }
    case 'ct':
      return `-m conntrack --ctstate ${x.states.map((s) => s.toUpperCase()).join(',')}`;
    case 'ctorigdport':
      return `-m conntrack --ctorigdstport ${x.port}`;
    case 'ctorigdst':
      return `-m conntrack --ctorigdst ${addrOf(x.a, fam)}`;
    case 'ctdnat':
      return '-m conntrack --ctstate DNAT';
    case 'fiblocal':
      return `-m addrtype ${not(x.neg)}--dst-type LOCAL`;
    case 'set':
      throw new Error('sets are not rendered for iptables');
  }
}

function iptRule(chain: string, r: Rule, fam: Fam, insertAt?: number): string {
  const head = insertAt !== undefined ? `-I ${chain} ${insertAt}` : `-A ${chain}`;
  const v = r.verdict;
  const target = v.v === 'none' ? '' : v.v === 'jump' ? ` -j ${v.target}` : v.v === 'goto' ? ` -g ${v.target}` : ` -j ${v.v.toUpperCase()}`;
  return [head, ...r.conds.map((x) => iptCond(x, fam))].join(' ') + target;
}

/** nft text of a condition; in an `inet` table `fam` says whether it is an ip or ip6 match. */
function nftCond(x: Cond, fam: Fam): string {
  const ipk = fam === 4 ? 'ip' : 'ip6';
  const ne = (neg: boolean): string => (neg ? '!= ' : '');
  switch (x.k) {
    case 'iif':
      return `iifname ${ne(x.neg)}"${x.name}"`;
    case 'oif':
      return `oifname ${ne(x.neg)}"${x.name}"`;
    case 'saddr':
      return `${ipk} saddr ${ne(x.neg)}${addrOf(x.a, fam)}`;
    case 'daddr':
      return `${ipk} daddr ${ne(x.neg)}${addrOf(x.a, fam)}`;
    case 'proto':
      return `meta l4proto ${x.proto}`;
    case 'port': {
      const v = x.range ? `${x.range[0]}-${x.range[1]}` : x.ports.length === 1 ? String(x.ports[0]) : `{ ${x.ports.join(', ')} }`;
      return `${x.proto} ${x.which} ${ne(x.neg)}${v}`;
    }
    case 'ct':
      return `ct state ${x.states.join(',')}`;
    case 'ctorigdport':
      return `ct original proto-dst ${x.port}`;
    case 'ctorigdst':
      return `ct original ${ipk} daddr ${addrOf(x.a, fam)}`;
    case 'ctdnat':
      return 'ct status dnat';
    case 'fiblocal':
      return `fib daddr type ${ne(x.neg)}local`;
    case 'set':
      return x.which === 'saddr' ? `${x.fam === 4 ? 'ip' : 'ip6'} saddr @${x.set}` : `${x.proto} dport @${x.set}`;
  }
}

function nftVerdict(v: Verdict): string {
  return v.v === 'none' ? 'counter' : v.v === 'jump' || v.v === 'goto' ? `${v.v} ${v.target}` : v.v;
}

function nftRule(r: Rule, fam: Fam): string {
  const conds = r.conds.map((x) => nftCond(x, x.k === 'set' ? x.fam : fam));
  if (r.vmap) {
    const key = r.vmap.key === 'dport' ? `${r.vmap.proto} dport` : 'iifname';
    // Map data must be verdicts: no `reject` statement, and `continue` where a rule would only count.
    const vv = (v: Verdict): string => (v.v === 'none' ? 'continue' : v.v === 'reject' ? 'drop' : nftVerdict(v));
    const entries = r.vmap.entries.map(([k, v]) => `${typeof k === 'number' ? k : `"${k}"`} : ${vv(v)}`);
    return [...conds, `${key} vmap { ${entries.join(', ')} }`].join(' ');
  }
  return [...conds, nftVerdict(r.verdict)].join(' ');
}

// ---------------------------------------------------------------------------------------------
// Shape `ipt`: admin rules in Docker's own tables

interface IptAdmin {
  readonly inputPolicy: 'accept' | 'drop';
  readonly input: readonly Rule[];
  readonly dockerUser: readonly Rule[];
  readonly dockerUserAppended: readonly Rule[];
  readonly forwardTop: readonly Rule[];
  readonly forwardEnd: readonly Rule[];
  readonly chains: readonly { name: string; rules: readonly Rule[] }[];
  readonly mangleForward: readonly Rule[];
  readonly manglePrerouting: readonly Rule[];
}

function genIptAdmin(rng: Rng, ports: readonly number[]): IptAdmin {
  const chainNames = ['ADMIN-A', 'ADMIN-B'].slice(0, rng.int(3));
  const ctx = (targets: readonly string[], allowReject = true): Ctx => ({ rng, ports, targets, allowReject });
  const chains = chainNames.map((name, i) => ({
    name,
    rules: Array.from({ length: 1 + rng.int(3) }, () => genRule(ctx(chainNames.slice(i + 1)), NO_OIF)),
  }));
  const list = (max: number, kinds: readonly string[], allowReject = true, targets: readonly string[] = chainNames): Rule[] =>
    Array.from({ length: rng.int(max + 1) }, () => genRule(ctx(targets, allowReject), kinds));
  const input: Rule[] = [];
  if (rng.chance(0.6)) input.push({ conds: [{ k: 'iif', neg: false, name: 'lo' }], verdict: { v: 'accept' } });
  if (rng.chance(0.6)) input.push({ conds: [{ k: 'ct', states: ['established', 'related'] }], verdict: { v: 'accept' } });
  input.push(...list(3, NO_OIF));
  const mangle = rng.chance(0.25);
  return {
    inputPolicy: rng.chance(0.6) ? 'drop' : 'accept',
    input,
    dockerUser: list(4, KINDS_IPT),
    dockerUserAppended: rng.chance(0.15) ? list(1, KINDS_IPT) : [],
    forwardTop: rng.chance(0.2) ? list(1, KINDS_IPT) : [],
    forwardEnd: rng.chance(0.2) ? list(2, KINDS_IPT) : [],
    chains,
    mangleForward: mangle ? list(2, KINDS_IPT, false, []) : [],
    manglePrerouting: mangle && rng.chance(0.5) ? list(2, NO_OIF, false, []) : [],
  };
}

function iptAdminText(a: IptAdmin, fam: Fam): string {
  const out = ['*filter', `:INPUT ${a.inputPolicy.toUpperCase()} [0:0]`, ...a.chains.map((c) => `:${c.name} - [0:0]`)];
  for (const c of a.chains) out.push(...c.rules.map((r) => iptRule(c.name, r, fam)));
  out.push(...a.input.map((r) => iptRule('INPUT', r, fam)));
  out.push(...a.dockerUser.map((r, i) => iptRule('DOCKER-USER', r, fam, i + 1)));
  out.push(...a.dockerUserAppended.map((r) => iptRule('DOCKER-USER', r, fam)));
  out.push(...a.forwardTop.map((r, i) => iptRule('FORWARD', r, fam, i + 1)));
  out.push(...a.forwardEnd.map((r) => iptRule('FORWARD', r, fam)));
  out.push('COMMIT');
  if (a.mangleForward.length || a.manglePrerouting.length) {
    out.push('*mangle', ':PREROUTING ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]');
    out.push(...a.manglePrerouting.map((r) => iptRule('PREROUTING', r, fam)));
    out.push(...a.mangleForward.map((r) => iptRule('FORWARD', r, fam)));
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}

function nftAdminTextForIpt(a: IptAdmin, fam: Fam): string {
  const f = fam === 4 ? 'ip' : 'ip6';
  const out = [`table ${f} filter {`, `  chain INPUT { type filter hook input priority filter; policy ${a.inputPolicy}; }`];
  for (const c of a.chains) out.push(`  chain ${c.name} { }`);
  out.push('}');
  for (const c of [...a.chains].reverse()) out.push(...c.rules.map((r) => `add rule ${f} filter ${c.name} ${nftRule(r, fam)}`));
  out.push(...a.input.map((r) => `add rule ${f} filter INPUT ${nftRule(r, fam)}`));
  out.push(...[...a.dockerUser].reverse().map((r) => `insert rule ${f} filter DOCKER-USER ${nftRule(r, fam)}`));
  out.push(...a.dockerUserAppended.map((r) => `add rule ${f} filter DOCKER-USER ${nftRule(r, fam)}`));
  out.push(...[...a.forwardTop].reverse().map((r) => `insert rule ${f} filter FORWARD ${nftRule(r, fam)}`));
  out.push(...a.forwardEnd.map((r) => `add rule ${f} filter FORWARD ${nftRule(r, fam)}`));
  if (a.mangleForward.length || a.manglePrerouting.length) {
    out.push(
      `table ${f} mangle {`,
      '  chain PREROUTING { type filter hook prerouting priority mangle; policy accept; }',
      '  chain FORWARD { type filter hook forward priority mangle; policy accept; }',
      '}',
    );
    out.push(...a.manglePrerouting.map((r) => `add rule ${f} mangle PREROUTING ${nftRule(r, fam)}`));
    out.push(...a.mangleForward.map((r) => `add rule ${f} mangle FORWARD ${nftRule(r, fam)}`));
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Shape `nft`: an admin table of its own

function genNftAdmin(rng: Rng, ports: readonly number[], v6: boolean): string {
  const inet = rng.chance(0.65);
  const fams: Fam[] = inet ? (v6 ? [4, 6] : [4]) : [4];
  const family = inet ? 'inet' : 'ip';
  const name = rng.pick(['admin', 'filter', 'fw']);
  const out: string[] = [`table ${family} ${name} {`];
  const sets: { name: string; which: 'saddr' | 'dport'; fam: Fam }[] = [];
  if (rng.chance(0.5)) {
    const fam = rng.pick(fams);
    const elems = rng.some(SRC_SYMS, 3).map((a) => addrOf(a, fam));
    out.push(`  set src_${fam} { type ${fam === 4 ? 'ipv4_addr' : 'ipv6_addr'}; flags interval; auto-merge; elements = { ${elems.join(', ')} } }`);
    sets.push({ name: `src_${fam}`, which: 'saddr', fam });
  }
  if (rng.chance(0.5)) {
    out.push(`  set svc { type inet_service; elements = { ${rng.some(ports, 3).join(', ')} } }`);
    sets.push({ name: 'svc', which: 'dport', fam: 4 });
  }
  const kinds = ['iif', 'saddr', 'daddr', 'port', 'port', 'ct', 'ctorigdport', 'ctdnat', 'fiblocal', 'set', 'set'];
  const regular = ['c_a', 'c_b', 'c_c'].slice(0, rng.int(4));
  const ctx = (targets: readonly string[], allowReject: boolean): Ctx => ({ rng, ports, targets, allowReject, fam: rng.pick(fams), sets });
  const rule = (targets: readonly string[], ks: readonly string[], allowReject = true): string => {
    const c = ctx(targets, allowReject);
    return nftRule(genRule(c, ks, { vmap: true }), c.fam!);
  };
  regular.forEach((ch, i) => {
    out.push(`  chain ${ch} {`);
    for (let k = 0; k < 1 + rng.int(3); k++) out.push(`    ${rule(regular.slice(i + 1), kinds)}`);
    out.push('  }');
  });
  const base = (hook: string, prios: readonly string[], ks: readonly string[], policyDrop: number, allowReject: boolean, maxRules: number): void => {
    const n = hook === 'forward' ? 1 + rng.int(2) : 1;
    for (let i = 0; i < n; i++) {
      const policy = rng.chance(policyDrop) ? 'drop' : 'accept';
      out.push(`  chain ${hook}_${i} {`, `    type filter hook ${hook} priority ${rng.pick(prios)}; policy ${policy};`);
      if (policy === 'drop' && rng.chance(0.7)) out.push('    ct state established,related accept');
      for (let k = 0; k < rng.int(maxRules + 1); k++) out.push(`    ${rule(regular, ks, allowReject)}`);
      out.push('  }');
    }
  };
  if (rng.chance(0.7)) base('forward', ['filter', '-10', '10', 'filter + 5', 'mangle', '-200'], [...kinds, 'oif'], 0.35, true, 4);
  if (rng.chance(0.5)) base('input', ['filter', '-5', '20'], kinds, 0.4, true, 3);
  if (rng.chance(0.35)) base('prerouting', ['raw', '-200', 'mangle', '-90'], kinds.filter((k) => k !== 'ctorigdport' && k !== 'ctdnat'), 0.1, false, 3);
  if (rng.chance(0.2)) base('output', ['filter', '-10'], ['daddr', 'port', 'port', 'fiblocal'], 0.1, true, 2);
  out.push('}');
  // Sometimes a NAT chain of the admin's own, before or after Docker's (the first NAT binding wins).
  if (rng.chance(0.2)) {
    const p = rng.pick(ports);
    const prio = rng.pick(['dstnat - 10', 'dstnat + 10']);
    const action = rng.chance(0.5) ? `redirect to :${rng.pick([22, 9000])}` : `dnat to ${ADDR.ctr}:${rng.pick(ports)}`;
    out.push(`table ip adminnat {`, `  chain pre { type nat hook prerouting priority ${prio}; policy accept; tcp dport ${p} ${action}; }`, '}');
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const HPORTS = [80, 443, 8080, 5000, 3306];
const CPORTS = [80, 8080, 5432, 53];

function genMappings(rng: Rng, v6: boolean): Mapping[] {
  const n = 1 + rng.int(2);
  const out: Mapping[] = [];
  for (let i = 0; i < n; i++) {
    const hport = rng.pick(HPORTS.filter((p) => !out.some((m) => m.hport === p)));
    const r = rng.next();
    const hostIp = r < 0.2 ? ADDR.hostExtra : r < 0.27 ? ADDR.hostEth1 : r < 0.32 && v6 ? ADDR.hostExtraV6 : undefined;
    out.push({ hostIp, hport, cport: rng.pick(CPORTS), proto: rng.chance(0.8) ? 'tcp' : 'udp' });
  }
  return out;
}

export function dockerFiles(maps: readonly Mapping[], form: 'nft' | 'iptables-nft' | 'iptables-legacy', v6: boolean): RulesetFile[] {
  const fams: Fam[] = v6 ? [4, 6] : [4];
  return fams.map((fam): RulesetFile => {
    if (form === 'nft') return { name: `docker-v${fam}.nft`, form: 'nft', text: dockerNft(maps, fam) };
    const f6 = (fam === 6 ? form.replace('iptables', 'ip6tables') : form) as Form;
    return { name: `docker-v${fam}.ipt`, form: f6, text: dockerIptables(maps, fam) };
  });
}

export function generatedScenarios(seed: number, count: number, opts: { legacy: boolean }): Scenario[] {
  const out: Scenario[] = [];
  for (let i = 0; i < count; i++) {
    const rng = new Rng((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    const v6 = rng.chance(0.33);
    const maps = genMappings(rng, v6);
    const ports = [...new Set([...maps.flatMap((m) => [m.hport, m.cport]), 22, 9000])];
    const probes: Probe[] = standardProbes(maps, { v6, closedPort: rng.pick([22, 9000]) });
    const group = `gen-${seed}-${i}`;
    const fams: Fam[] = v6 ? [4, 6] : [4];
    const forms: { label: string; files: RulesetFile[] }[] = [];
    if (rng.chance(0.6)) {
      const admin = genIptAdmin(rng, ports);
      const nftAdmin: RulesetFile[] = fams.map((fam) => ({ name: `admin-v${fam}.nft`, form: 'nft', text: nftAdminTextForIpt(admin, fam) }));
      const iptAdmin = (form: 'iptables-nft' | 'iptables-legacy'): RulesetFile[] =>
        fams.map((fam) => ({
          name: `admin-v${fam}.ipt`,
          form: (fam === 6 ? form.replace('iptables', 'ip6tables') : form) as Form,
          text: iptAdminText(admin, fam),
          noflush: true,
        }));
      forms.push({ label: 'nft', files: [...dockerFiles(maps, 'nft', v6), ...nftAdmin] });
      forms.push({ label: 'iptables-nft', files: [...dockerFiles(maps, 'iptables-nft', v6), ...iptAdmin('iptables-nft')] });
      if (opts.legacy) forms.push({ label: 'iptables-legacy', files: [...dockerFiles(maps, 'iptables-legacy', v6), ...iptAdmin('iptables-legacy')] });
      if (rng.chance(0.35)) forms.push({ label: 'mixed iptables-nft + nft', files: [...dockerFiles(maps, 'iptables-nft', v6), ...nftAdmin] });
    } else {
      const admin: RulesetFile = { name: 'admin.nft', form: 'nft', text: genNftAdmin(rng, ports, v6) };
      forms.push({ label: 'nft', files: [...dockerFiles(maps, 'nft', v6), admin] });
      forms.push({ label: 'docker iptables-nft', files: [...dockerFiles(maps, 'iptables-nft', v6), admin] });
      if (opts.legacy) forms.push({ label: 'docker iptables-legacy', files: [...dockerFiles(maps, 'iptables-legacy', v6), admin] });
    }
    for (const f of forms) out.push({ name: `generated #${i} (seed ${seed}) ${f.label}`, source: 'generated', files: f.files, probes, group });
  }
  return out;
}
