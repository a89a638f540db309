/**
 * Fuzzing targets, input generators and mutators shared by the seeded smoke run in `npm test`
 * (test/unit/fuzz.test.ts) and the long run (`npm run fuzz`, test/fuzz/run.ts).
 *
 * Inputs come from a small grammar-based generator per format (random valid nft / iptables-save
 * rules, compose files with interpolation, anchors and merges, `nft -j` JSON) and from seeds (the
 * repository's fixtures and the benchmark generators), then go through 0–4 mutations: byte flips,
 * token deletion and duplication, truncation, random Unicode (lone surrogates, NUL, CR, emoji),
 * huge numbers, deep nesting, line splices.
 *
 * Properties checked by {@link runTarget} (a violation is returned as a message, never thrown):
 * nothing throws; every diagnostic of the input file has a valid span (0 ≤ start ≤ end ≤ length, and
 * the line/character range equals the LineIndex positions of the offsets); lowering, building and
 * simulating a few packets terminate; and an `accept` never rests on something the simulator did
 * not model (no unknown step, no unknown rule verdict, no unknown deciding step on the accepted
 * path). The time bound is the caller's (a watchdog in the long run, a measured bound in the smoke run).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Rand, composeProject, iptablesSave, nftScript } from '../../bench/gen';
import { loadComposeProject } from '../../server/src/core/compose';
import type { CoreDiagnostic } from '../../server/src/core/diagnostics';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { addBridge, defaultHost } from '../../server/src/core/netfilter/host';
import { lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import { lowerNftText } from '../../server/src/core/netfilter/lower-nft';
import { lowerNftJson } from '../../server/src/core/netfilter/lower-nftjson';
import type { Fragment } from '../../server/src/core/netfilter/model';
import { parsePacket } from '../../server/src/core/netfilter/packet';
import { reach } from '../../server/src/core/netfilter/reach';
import { simulate } from '../../server/src/core/netfilter/simulate';
import type { SimResult } from '../../server/src/core/netfilter/trace';
import { checkSyntax } from '../../server/src/core/syntax/check';
import type { Languages } from '../../server/src/core/syntax/languages';
import { LineIndex } from '../../server/src/core/text';

export const TARGETS = ['nft', 'iptables', 'compose', 'nftjson', 'sim'] as const;
export type Target = (typeof TARGETS)[number];

const repoRoot = path.resolve(__dirname, '../..');

// ---------------------------------------------------------------------------------------------
// Seeds

function filesUnder(dir: string, accept: (name: string) => boolean, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) filesUnder(p, accept, out);
    else if (accept(n) && statSync(p).size < 200_000) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

const seedCache = new Map<Target, string[]>();

/** Fixture files of the repository for the target, plus generated ones. */
export function seeds(target: Target): string[] {
  let s = seedCache.get(target);
  if (s) return s;
  const fx = path.join(repoRoot, 'test/unit/fixtures');
  switch (target) {
    case 'nft':
    case 'sim':
      s = [...filesUnder(fx, (n) => n.endsWith('.nft') || n.endsWith('.conf')), nftScript(120, 7)];
      break;
    case 'iptables':
      s = [...filesUnder(fx, (n) => /\.(rules|v4|v6|ipt)$/.test(n)), iptablesSave(150, 7)];
      break;
    case 'compose':
      s = [...filesUnder(fx, (n) => /\.ya?ml$/.test(n)), composeProject(12, 7)];
      break;
    case 'nftjson':
      s = filesUnder(path.join(fx, 'nftjson'), (n) => n.endsWith('.json'));
      break;
  }
  seedCache.set(target, s);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Grammar-based generators

const ADDRS = ['10.0.0.0/8', '192.168.1.1', '172.17.0.2', '198.51.100.0/24', '0.0.0.0/0', 'fe80::/10', '2001:db8::1', '255.255.255.255'];
const PORTS = ['22', '80', '443', '8080', '0', '65535', '1-1024', '65536', '99999999999'];

function nftRule(r: Rand): string {
  const parts: string[] = [];
  const n = r.int(0, 4);
  for (let i = 0; i < n; i++) {
    parts.push(
      r.pick([
        () => `ip saddr ${r.pick(ADDRS)}`,
        () => `ip daddr != ${r.pick(ADDRS)}`,
        () => `ip6 saddr ${r.pick(ADDRS)}`,
        () => `${r.pick(['tcp', 'udp', 'th', 'sctp'])} dport ${r.chance(0.3) ? `{ ${r.pick(PORTS)}, ${r.pick(PORTS)} }` : r.pick(PORTS)}`,
        () => `iifname ${r.pick(['"eth0"', '"docker0"', '"br-*"', '{ "lo", "eth1" }', '$IF'])}`,
        () => `ct state ${r.pick(['new', 'established,related', 'invalid', '{ new, untracked }'])}`,
        () => `meta mark ${r.pick(['0x1', '& 0xff == 0x4', 'set 0x4000', 'set mark or 0x1'])}`,
        () => `fib daddr type ${r.pick(['local', 'unicast'])}`,
        () => `ip saddr @${r.pick(['allow', 'nope', 'dyn'])}`,
        () => `limit rate ${r.int(1, 100)}/second`,
        () => `numgen random mod ${r.int(1, 4)} vmap { 0 : accept, 1 : drop }`,
        () => `meta l4proto ${r.pick(['tcp', 'icmp', '{ icmp, ipv6-icmp }', '255'])}`,
        () => 'counter',
        () => `log prefix "${r.hash(4)}"`,
        () => 'quota over 10 mbytes',
        () => 'rt mtu 1500',
        () => `osf name "Linux"`,
      ])(),
    );
  }
  parts.push(
    r.pick([
      () => 'accept',
      () => 'drop',
      () => 'return',
      () => `jump c${r.int(0, 3)}`,
      () => `goto c${r.int(0, 3)}`,
      () => `dnat to ${r.pick(['172.17.0.2', '172.17.0.2:80', '10.0.0.1-10.0.0.9'])}`,
      () => 'masquerade',
      () => `tcp dport vmap { 22 : accept, 80 : jump c1 }`,
      () => 'reject with tcp reset',
      () => 'queue num 1',
      () => '',
    ])(),
  );
  return parts.join(' ');
}

export function genNft(r: Rand): string {
  const out: string[] = [];
  if (r.chance(0.3)) out.push('flush ruleset');
  if (r.chance(0.3)) out.push(`define IF = "eth${r.int(0, 2)}"`);
  if (r.chance(0.2)) out.push(`include "${r.pick(['self.nft', 'other.nft', 'missing.nft', '*.nft'])}"`);
  const tables = r.int(1, 2);
  for (let t = 0; t < tables; t++) {
    const fam = r.pick(['ip', 'inet', 'ip6', 'netdev', 'bridge']);
    out.push(`table ${fam} t${t} {`);
    if (r.chance(0.5)) out.push(`\tset allow { type ipv4_addr; flags interval; elements = { ${ADDRS.slice(0, r.int(1, 3)).join(', ')} } }`);
    if (r.chance(0.3)) out.push('\tset dyn { type ipv4_addr; flags dynamic; }');
    for (let c = 0; c < r.int(1, 4); c++) {
      const base = c === 0 || r.chance(0.3);
      out.push(`\tchain c${c} {`);
      if (base) {
        const hook = r.pick(['prerouting', 'input', 'forward', 'output', 'postrouting', 'ingress']);
        const type = hook === 'prerouting' || hook === 'postrouting' ? r.pick(['nat', 'filter']) : 'filter';
        out.push(`\t\ttype ${type} hook ${hook} priority ${r.pick(['filter', 'dstnat', '-100', 'srcnat + 10', '0'])}; policy ${r.pick(['accept', 'drop'])};`);
      }
      for (let i = 0; i < r.int(0, 6); i++) out.push(`\t\t${nftRule(r)}`);
      out.push('\t}');
    }
    out.push('}');
  }
  if (r.chance(0.3)) out.push(`add rule ${'ip'} t0 c0 ${nftRule(r)}`);
  if (r.chance(0.2)) out.push('delete rule ip t0 c0 handle 4');
  return out.join('\n') + '\n';
}

const IPT_OPTS = [
  () => '-p tcp -m tcp --dport 22',
  () => '-p udp --sport 53',
  () => '-s 10.0.0.0/8',
  () => '! -d 172.17.0.2/32',
  () => '-i docker0',
  () => '! -o eth+',
  () => '-m conntrack --ctstate RELATED,ESTABLISHED',
  () => '-m state --state NEW',
  () => '-m addrtype --dst-type LOCAL',
  () => '-m multiport --dports 80,443,1000:2000',
  () => '-m comment --comment "x y"',
  () => '-m mark --mark 0x4000/0x4000',
  () => '-m limit --limit 5/sec',
  () => '-m statistic --mode random --probability 0.5',
  () => '-m u32 --u32 "0>>22&0x3C@12>>26&0x3F=0x10"',
  () => '-m set --match-set foo src',
  () => '-p icmp --icmp-type echo-request',
  () => '-m recent --name x --set',
];
const IPT_TARGETS = [
  '-j ACCEPT', '-j DROP', '-j RETURN', '-j REJECT --reject-with icmp-port-unreachable', '-j DOCKER', '-j DOCKER-USER', '-g DOCKER',
  '-j DNAT --to-destination 172.17.0.2:80', '-j MASQUERADE', '-j SNAT --to-source 1.2.3.4', '-j MARK --set-xmark 0x1/0xff', '-j LOG --log-prefix "x"', '-j NFQUEUE', '',
];

export function genIptables(r: Rand): string {
  const out: string[] = [];
  if (r.chance(0.5)) out.push('# Generated by iptables-save v1.8.9 (nf_tables) on Mon Jan  1 00:00:00 2024');
  for (const table of ['nat', 'filter'].filter(() => r.chance(0.8))) {
    out.push(`*${table}`);
    const builtins = table === 'nat' ? ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] : ['INPUT', 'FORWARD', 'OUTPUT'];
    for (const b of builtins) out.push(`:${b} ${r.pick(['ACCEPT', 'DROP'])} [0:0]`);
    out.push(':DOCKER - [0:0]', ':DOCKER-USER - [0:0]');
    for (let i = 0; i < r.int(0, 10); i++) {
      const chain = r.pick([...builtins, 'DOCKER', 'DOCKER-USER', 'NOPE']);
      const cmd = r.pick(['-A', '-A', '-A', '-I', '-D', '-R', '-N', '-X', '-F', '-P', '-E']);
      const opts: string[] = [];
      for (let k = 0; k < r.int(0, 4); k++) opts.push(r.pick(IPT_OPTS)());
      const num = cmd === '-I' || cmd === '-R' || cmd === '-D' ? (r.chance(0.5) ? ` ${r.int(0, 5)}` : '') : '';
      out.push(`${cmd} ${chain}${num} ${opts.join(' ')} ${r.pick(IPT_TARGETS)}`.trimEnd());
    }
    if (r.chance(0.9)) out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}

export function genCompose(r: Rand): string {
  const lines = ['services:'];
  if (r.chance(0.3)) lines.unshift('x-common: &common', '  ports:', '    - "${HOST_PORT:-8080}:80"');
  for (let i = 0; i < r.int(1, 4); i++) {
    lines.push(`  s${i}:`, `    image: img${i}`);
    if (r.chance(0.3)) lines.push('    <<: *common');
    if (r.chance(0.2)) lines.push(`    network_mode: ${r.pick(['host', 'none', 'bridge', 'service:s0'])}`);
    if (r.chance(0.2)) lines.push(`    profiles: [${r.pick(['debug', 'prod'])}]`);
    lines.push('    ports:');
    for (let k = 0; k < r.int(0, 3); k++) {
      lines.push(
        r.pick([
          () => `      - "${r.pick(PORTS)}:${r.pick(PORTS)}"`,
          () => `      - ${r.pick(['127.0.0.1:', '[::1]:', '0.0.0.0:', ''])}${r.pick(PORTS)}:${r.pick(PORTS)}/${r.pick(['tcp', 'udp', 'sctp', 'xyz'])}`,
          () => `      - "\${P${k}:-${r.pick(PORTS)}}:\${T:?need T}"`,
          () => `      - target: ${r.pick(PORTS)}\n        published: "${r.pick(PORTS)}"\n        host_ip: ${r.pick(['0.0.0.0', '::', 'bad'])}`,
          () => `      - ${r.int(0, 99999)}`,
          () => `      - "1-65535:1-65535"`,
        ])(),
      );
    }
  }
  if (r.chance(0.3)) lines.push('networks:', '  default:', '    driver: bridge');
  return lines.join('\n') + '\n';
}

export function genNftJson(r: Rand): string {
  const items: unknown[] = [{ metainfo: { version: '1.0.6', json_schema_version: 1 } }];
  const family = r.pick(['ip', 'inet', 'ip6']);
  items.push({ table: { family, name: 't', handle: 1 } });
  items.push({ chain: { family, table: 't', name: 'c', handle: 2, type: 'filter', hook: r.pick(['input', 'forward', 'prerouting']), prio: r.pick([0, -100, 'x']), policy: r.pick(['accept', 'drop']) } });
  for (let i = 0; i < r.int(0, 5); i++) {
    const expr: unknown[] = [];
    if (r.chance(0.6)) expr.push({ match: { op: r.pick(['==', '!=', 'in']), left: { payload: { protocol: 'tcp', field: 'dport' } }, right: r.pick([22, { set: [80, 443] }, { range: [1, 1024] }, 'ssh']) } });
    if (r.chance(0.4)) expr.push({ match: { op: '==', left: { payload: { protocol: 'ip', field: 'saddr' } }, right: r.pick(['10.0.0.1', { prefix: { addr: '10.0.0.0', len: 8 } }]) } });
    if (r.chance(0.2)) expr.push({ limit: { rate: 5, per: 'second' } });
    if (r.chance(0.2)) expr.push({ xt: { type: 'match', name: 'u32' } });
    expr.push(r.pick([{ accept: null }, { drop: null }, { jump: { target: 'c' } }, { dnat: { addr: '172.17.0.2', port: 80 } }, { counter: { packets: 0, bytes: 0 } }]));
    items.push({ rule: { family, table: 't', chain: 'c', handle: 3 + i, expr } });
  }
  return JSON.stringify({ nftables: items }, null, r.chance(0.5) ? 2 : undefined);
}

// ---------------------------------------------------------------------------------------------
// Mutations

const UNICODE = ['\u0000', '\r', '\uFEFF', '\uD800', '\uDC00', '😀', '\u202E', 'é', '\u2028', '\t', '\\', '"', '{', '}', ';', '$', '@', '#', '\n'];

export function mutate(r: Rand, text: string): string {
  let s = text;
  const n = r.int(0, 4);
  for (let i = 0; i < n; i++) {
    const at = r.int(0, s.length);
    switch (r.int(0, 8)) {
      case 0: // byte flip
        if (s.length) s = s.slice(0, at) + String.fromCharCode(s.charCodeAt(Math.min(at, s.length - 1)) ^ (1 << r.int(0, 6))) + s.slice(at + 1);
        break;
      case 1: {
        // token deletion / duplication
        const toks = s.split(/(\s+)/);
        const k = r.int(0, Math.max(0, toks.length - 1));
        if (r.chance(0.5)) toks.splice(k, 1);
        else toks.splice(k, 0, toks[k] ?? '');
        s = toks.join('');
        break;
      }
      case 2: // truncation
        s = s.slice(0, at);
        break;
      case 3: // random unicode
        s = s.slice(0, at) + r.pick(UNICODE) + s.slice(at);
        break;
      case 4: // huge numbers
        s = s.replace(/\d+/, () => r.pick(['99999999999999999999999999', '4294967296', '-1', '1e999', '0x' + 'f'.repeat(40), '65536']));
        break;
      case 5: {
        // deep nesting
        const d = r.int(50, 3000);
        const [o, c] = r.pick([['{', '}'], ['[', ']'], ['(', ')'], ['- ', ''], ['${', '}']]);
        s = s.slice(0, at) + o.repeat(d) + c.repeat(r.chance(0.5) ? d : 0) + s.slice(at);
        break;
      }
      case 6: {
        // splice lines of the same text
        const lines = s.split('\n');
        const a = r.int(0, lines.length - 1);
        lines.splice(r.int(0, lines.length), 0, ...lines.slice(a, a + r.int(1, 5)));
        s = lines.join('\n');
        break;
      }
      case 7: // long line
        s = s.slice(0, at) + r.pick(['a', '1', ' ', '.']).repeat(r.int(1000, 100_000)) + s.slice(at);
        break;
      case 8: // CRLF
        s = s.replace(/\n/g, r.pick(['\r\n', '\r', '\n\n']));
        break;
    }
  }
  return s;
}

/** The `i`-th input of a target for a seed: generated or a seed file, then mutated. */
export function inputFor(target: Target, seed: number, i: number): string {
  const r = new Rand((seed * 1_000_003 + i) >>> 0);
  const pool = seeds(target);
  let base: string;
  if (pool.length && r.chance(0.4)) base = r.pick(pool);
  else if (target === 'nft' || target === 'sim') base = genNft(r);
  else if (target === 'iptables') base = genIptables(r);
  else if (target === 'compose') base = genCompose(r);
  else base = genNftJson(r);
  return r.chance(0.8) ? mutate(r, base) : base;
}

// ---------------------------------------------------------------------------------------------
// Properties

export function checkDiagnostics(file: string, text: string, diags: readonly CoreDiagnostic[]): string | undefined {
  const lines = new LineIndex(text);
  for (const d of diags) {
    const s = d.span;
    if (!(s.start >= 0 && s.start <= s.end)) return `diagnostic with start ${s.start} > end ${s.end}: ${d.message}`;
    if (s.file !== file) continue; // other files (includes, .env) are checked with their own text
    if (s.end > text.length) return `diagnostic ends at ${s.end}, after the text (${text.length}): ${d.message}`;
    const a = lines.position(s.start);
    const b = lines.position(s.end);
    const r = s.range;
    if (a.line !== r.start.line || a.character !== r.start.character || b.line !== r.end.line || b.character !== r.end.character) {
      return `diagnostic range ${JSON.stringify(r)} does not match its offsets ${s.start}-${s.end}: ${d.message}`;
    }
    if (typeof d.message !== 'string' || !d.message) return 'diagnostic without a message';
  }
  return undefined;
}

/** An accepted packet must not have passed anything the simulator could not model on its path. */
export function checkAccept(r: SimResult): string | undefined {
  if (r.verdict !== 'accept') return undefined;
  if (r.decidedBy?.kind === 'unknown') return `accept decided by an unknown step: ${r.decidedBy.reason}`;
  for (const s of r.steps) {
    if (s.kind === 'unknown') return `accept with an unknown step on its path: ${s.reason}`;
    if (s.kind === 'rule' && s.verdict === 'unknown') return `accept after a rule with an unknown verdict: ${s.rule.text}`;
  }
  return undefined;
}

const PACKETS = [
  'iif=eth0 saddr=198.51.100.2 daddr=198.51.100.1 proto=tcp dport=8080',
  'iif=eth0 saddr=10.1.2.3 daddr=172.17.0.2 proto=tcp dport=80',
  'iif=docker0 saddr=172.17.0.2 daddr=8.8.8.8 proto=udp dport=53',
  'iif=eth0 saddr=2001:db8::2 daddr=2001:db8::1 proto=tcp dport=22 state=established',
  'iif=eth0 saddr=198.51.100.7 daddr=198.51.100.1 proto=icmp',
].map((p) => parsePacket(p).value!);

const HOST = addBridge(defaultHost(), 'docker0', ['172.17.0.1/16']);

function simulateAll(fragments: Fragment[], withReach: boolean): string | undefined {
  const rs = buildRuleset(fragments);
  for (const pk of PACKETS) {
    const bad = checkAccept(simulate(rs.value, HOST, pk));
    if (bad) return bad;
  }
  if (withReach) for (const c of reach(rs.value, HOST, { daddr: '198.51.100.1', proto: 'tcp', dport: 8080 }, { maxPieces: 64 })) {
    const bad = checkAccept(c.example);
    if (bad) return `reach: ${bad}`;
  }
  return undefined;
}

/** Runs one input through a target; returns the violated property, or undefined. Exceptions are violations too. */
export function runTarget(target: Target, text: string, langs: Languages): string | undefined {
  try {
    switch (target) {
      case 'nft':
      case 'sim': {
        const file = '/fz/self.nft';
        const other = '/fz/other.nft';
        const files = new Map([[file, text], [other, `include "self.nft"\n${text.slice(0, 200)}`]]);
        const reader = { read: (p: string) => files.get(p), glob: (p: string) => (p.endsWith('*.nft') ? [...files.keys()] : []) };
        const syn = checkSyntax(langs, file, text, 'nftables');
        const bad = checkDiagnostics(file, text, syn.diagnostics);
        if (bad) return `syntax: ${bad}`;
        const low = lowerNftText(file, text, langs, { reader, includePaths: ['/fz'] });
        const bad2 = checkDiagnostics(file, text, low.diagnostics) ?? checkDiagnostics(other, files.get(other)!, low.diagnostics.filter((d) => d.span.file === other));
        if (bad2) return `lower: ${bad2}`;
        if (low.diagnostics.some((d) => d.message.startsWith('internal error'))) return `lower: ${low.diagnostics.find((d) => d.message.startsWith('internal error'))!.message}`;
        return simulateAll([low.value], target === 'sim');
      }
      case 'iptables': {
        const file = '/fz/rules.v4';
        const syn = checkSyntax(langs, file, text, 'iptables');
        const bad = checkDiagnostics(file, text, syn.diagnostics);
        if (bad) return `syntax: ${bad}`;
        const low = lowerIptablesText(file, text, langs);
        const bad2 = checkDiagnostics(file, text, low.diagnostics);
        if (bad2) return `lower: ${bad2}`;
        if (low.diagnostics.some((d) => d.message.startsWith('internal error'))) return `lower: ${low.diagnostics.find((d) => d.message.startsWith('internal error'))!.message}`;
        return simulateAll([low.value], false);
      }
      case 'nftjson': {
        const file = '/fz/ruleset.json';
        const syn = checkSyntax(langs, file, text, 'nft-json');
        const bad = checkDiagnostics(file, text, syn.diagnostics);
        if (bad) return `syntax: ${bad}`;
        const low = lowerNftJson(file, text);
        const bad2 = checkDiagnostics(file, text, low.diagnostics);
        if (bad2) return `lower: ${bad2}`;
        return simulateAll([low.value], false);
      }
      case 'compose': {
        const file = '/p/compose.yaml';
        const env = '/p/.env';
        const files = new Map([[file, text], [env, 'HOST_PORT=9090\nT=80\n']]);
        const reader = { read: (p: string) => files.get(p), exists: (p: string) => files.has(p) };
        const r = loadComposeProject(reader, { cwd: '/p', files: [file], env: { P0: '1-65535' } });
        const bad = checkDiagnostics(file, text, r.diagnostics);
        if (bad) return `compose: ${bad}`;
        for (const s of r.value.services.values()) {
          for (const p of s.ports) {
            const src = p.source;
            for (const part of [src.hostIp, src.published, src.target, src.protocol]) {
              if (part && part.span.file === file && !(part.span.start >= 0 && part.span.start <= part.span.end && part.span.end <= text.length)) return `compose: port part span ${part.span.start}-${part.span.end} outside the text`;
            }
          }
        }
        return undefined;
      }
    }
  } catch (e) {
    return `threw: ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 6).join('\n') : String(e)}`;
  }
}
