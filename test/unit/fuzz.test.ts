/**
 * Seeded fuzz smoke run (the long run is `npm run fuzz`): a few hundred generated and mutated
 * inputs per target through the parsers, lowerings, compose loader and simulator, checking the
 * properties of test/fuzz/lib.ts. Inputs that once broke something are replayed from
 * test/fuzz/regressions/<target>/ (committed).
 *
 * The per-input bound only detects hangs (it is far above any normal run); nothing here measures speed.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Rand } from '../../bench/gen';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { addBridge, addressType, defaultHost } from '../../server/src/core/netfilter/host';
import { lowerNftText } from '../../server/src/core/netfilter/lower-nft';
import type { Packet } from '../../server/src/core/netfilter/packet';
import { reach } from '../../server/src/core/netfilter/reach';
import { simulate } from '../../server/src/core/netfilter/simulate';
import { languages } from '../../server/src/host/assets';
import type { Languages } from '../../server/src/core/syntax/languages';
import { TARGETS, type Target, genNft, inputFor, runTarget } from '../fuzz/lib';

const HANG_MS = 10_000;
const DADDR = { v: 4 as const, n: 0xc6336401n }; // 198.51.100.1
const COUNT: Record<Target, number> = { nft: 150, iptables: 150, compose: 150, nftjson: 150, sim: 40 };
const regressions = path.resolve(__dirname, '../fuzz/regressions');

describe('fuzz smoke run (seeded)', function () {
  this.timeout(120_000);
  let langs: Languages;
  before(async () => {
    langs = await languages();
  });

  for (const target of TARGETS) {
    it(`${target}: ${COUNT[target]} inputs keep every property`, () => {
      const failures: string[] = [];
      for (let i = 0; i < COUNT[target]; i++) {
        const text = inputFor(target, 20240601, i);
        const t = performance.now();
        const bad = runTarget(target, text, langs);
        const ms = performance.now() - t;
        if (bad) failures.push(`#${i}: ${bad}`);
        else if (ms > HANG_MS) failures.push(`#${i}: took ${ms.toFixed(0)} ms (hang?)`);
      }
      assert.deepEqual(failures, []);
    });

    it(`${target}: saved regression inputs keep every property`, function () {
      const dir = path.join(regressions, target);
      if (!existsSync(dir)) this.skip();
      const failures: string[] = [];
      for (const f of readdirSync(dir)) {
        const bad = runTarget(target, readFileSync(path.join(dir, f), 'utf8'), langs);
        if (bad) failures.push(`${f}: ${bad}`);
      }
      assert.deepEqual(failures, []);
    });
  }

  it('reach: every source address gets the outcome of the class that contains it', () => {
    // reach() splits sources on demand by the comparisons the simulated paths make; a packet from
    // any address of a class must take the same way as the class's representative.
    const host = addBridge(defaultHost(), 'docker0', ['172.17.0.1/16']);
    const key = (r: ReturnType<typeof simulate>): string => `${r.verdict}|${r.delivery}|${r.final.daddr}|${r.final.dport}`;
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const r = new Rand(777 + i);
      const text = i % 3 === 0 ? genNft(r) : sourceRules(r);
      const low = lowerNftText('/fz/reach.nft', text, langs);
      const rs = buildRuleset([low.value]).value;
      const dport = r.pick([22, 80, 8080, 443]);
      const classes = reach(rs, host, { daddr: '198.51.100.1', proto: 'tcp', dport }, { interfaces: ['eth0'] });
      for (const c of classes) {
        for (const iv of c.sources) {
          for (const n of [iv.lo, iv.hi, (iv.lo + iv.hi) / 2n]) {
            // (the host's own addresses, 0, broadcast and multicast addresses are no one's source)
            if (n === 0n || addressType(host, { v: 4, n }) !== 'unicast') continue;
            // the packet reach() builds, from another source address
            const packet: Packet = { iif: 'eth0', saddr: { v: 4, n }, daddr: DADDR, proto: 6, sport: 40000, dport, ctState: 'new', ctDirection: 'original', mark: 0n, ctMark: 0n, tcpFlags: 2 };
            const got = simulate(rs, host, packet);
            assert.equal(key(got), key(c.example), `ruleset #${i}, source ${n}: ${text}`);
            checked++;
          }
        }
      }
    }
    assert.ok(checked > 300, `only ${checked} addresses checked`);
  });

  it('reach: pieces that take an earlier piece\'s path give the classes simulating every piece gives', () => {
    // reach() runs a piece's representative again only when it stands somewhere new towards the
    // addresses the earlier paths compared the source with, or the host routes it otherwise; with
    // that off every piece is simulated. A second uplink with its own routes, and `fib` rules.
    const base = defaultHost();
    const host = addBridge(
      {
        ...base,
        interfaces: [...base.interfaces, { name: 'eth1', addresses: [{ addr: { v: 4, n: 0x0a000001n }, prefixLen: 16 }], bridge: false }],
        routes: [...base.routes, { to: { v: 4, lo: 0xac000000n, hi: 0xac0fffffn }, via: { v: 4, n: 0x0a000002n }, dev: 'eth1' }],
      },
      'docker0',
      ['172.17.0.1/16'],
    );
    // A class's example may be another representative's simulation of the same path (the path
    // taken again): its source aside, it is compared in full, with its path and its reply's.
    const shape = (cs: ReturnType<typeof reach>): string =>
      JSON.stringify(cs.map((c) => [c.iif, c.sources.map((s) => `${s.lo}-${s.hi}`), c.verdict, c.delivery, c.replyDropped, c.decidedBy?.kind === 'rule' ? c.decidedBy.rule.span.start : c.decidedBy?.kind, c.reason?.message, { ...c.final, saddr: undefined }, c.example.verdict, pathOf(c.example), c.baseline?.verdict, c.baseline?.decidedBy?.kind === 'rule' ? c.baseline.decidedBy.rule.span.start : undefined, c.baseline && pathOf(c.baseline)]), (_, v) => (typeof v === 'bigint' ? String(v) : v));
    let split = 0;
    for (let i = 0; i < 80; i++) {
      const r = new Rand(4242 + i);
      const rs = buildRuleset([lowerNftText('/fz/reach.nft', sourceRules(r), langs).value]).value;
      const baseline = buildRuleset([lowerNftText('/fz/base.nft', sourceRules(r), langs).value]).value;
      const dest = { daddr: r.pick(['198.51.100.1', '172.17.0.1']), proto: 'tcp', dport: r.pick([22, 80, 8080]) };
      const opts = { interfaces: [r.pick(['eth0', 'eth1'])], baseline };
      const shared = reach(rs, host, dest, opts);
      const every = reach(rs, host, dest, { ...opts, reusePaths: false });
      assert.equal(shape(shared), shape(every), `ruleset #${i}`);
      if (every.length > 1) split++;
    }
    assert.ok(split > 40, `only ${split} rulesets split the sources`);
  });

  it('reach: long chains of source matches give the classes simulating every piece gives', () => {
    // Chains of 16 to 60 rules (dispatch-indexed, many overlapping prefixes): the pieces that take
    // an earlier piece's path must give the classes of simulating every piece, and every address
    // must get its class's outcome.
    const host = addBridge(defaultHost(), 'docker0', ['172.17.0.1/16']);
    const key = (r: ReturnType<typeof simulate>): string => `${r.verdict}|${r.delivery}|${r.final.daddr}|${r.final.dport}`;
    const shape = (cs: ReturnType<typeof reach>): string =>
      JSON.stringify(cs.map((c) => [c.iif, c.sources.map((s) => `${s.lo}-${s.hi}`), c.verdict, c.delivery, c.replyDropped, c.decidedBy?.kind === 'rule' ? c.decidedBy.rule.span.start : c.decidedBy?.kind, c.reason?.message, { ...c.final, saddr: undefined }, pathOf(c.example), c.baseline?.verdict, c.baseline?.decidedBy?.kind === 'rule' ? c.baseline.decidedBy.rule.span.start : undefined, c.baseline && pathOf(c.baseline)]), (_, v) => (typeof v === 'bigint' ? String(v) : v));
    let split = 0;
    let checked = 0;
    for (let i = 0; i < 40; i++) {
      const r = new Rand(9100 + i);
      const rs = buildRuleset([lowerNftText('/fz/long.nft', sourceRules(r, true), langs).value]).value;
      const baseline = buildRuleset([lowerNftText('/fz/long-base.nft', sourceRules(r, true), langs).value]).value;
      const dport = r.pick([22, 80, 8080]);
      const opts = { interfaces: ['eth0'], baseline };
      const dest = { daddr: '198.51.100.1', proto: 'tcp', dport };
      const walked = reach(rs, host, dest, opts);
      assert.equal(shape(walked), shape(reach(rs, host, dest, { ...opts, reusePaths: false })), `ruleset #${i}`);
      if (walked.length > 1) split++;
      for (const c of walked)
        for (const iv of c.sources)
          for (const n of [iv.lo, iv.hi, (iv.lo + iv.hi) / 2n]) {
            if (n === 0n || addressType(host, { v: 4, n }) !== 'unicast') continue;
            const packet: Packet = { iif: 'eth0', saddr: { v: 4, n }, daddr: DADDR, proto: 6, sport: 40000, dport, ctState: 'new', ctDirection: 'original', mark: 0n, ctMark: 0n, tcpFlags: 2 };
            assert.equal(key(simulate(rs, host, packet)), key(c.example), `ruleset #${i}, source ${n}`);
            checked++;
          }
    }
    assert.ok(split > 30 && checked > 1000, `only ${split} rulesets split the sources, ${checked} addresses checked`);
  });
});

/** A simulation's path and its reply's: the steps but the chains entered (which show the packet), and each verdict. */
function pathOf(r: ReturnType<typeof simulate>): string {
  const steps = r.steps.map((s) => (s.kind === 'rule' ? `${s.chain}:${s.rule.span.start}:${s.verdict}` : s.kind === 'policy' ? `${s.chain}:policy:${s.verdict}` : s.kind === 'route' ? `route:${s.decision}:${s.oif ?? ''}` : s.kind === 'chain' ? '' : s.kind));
  return `${r.verdict}|${r.delivery}|${steps.filter((x) => x).join(',')}${r.reply ? ` >> ${pathOf(r.reply)}` : ''}`;
}

/** Small rulesets that tell sources apart: overlapping prefixes, sets, jumps, NAT, in input and forward (`long`: chains of 16 to 60 rules). */
function sourceRules(r: Rand, long = false): string {
  const net = (): string => `${r.pick([10, 172, 198, 203])}.${r.int(0, 3)}.${r.int(0, 3)}.0/${r.pick([8, 16, 24, 30, 32])}`;
  const rule = (): string =>
    r.chance(0.15)
      ? `ip saddr vmap { ${net()} : ${r.pick(['accept', 'drop', 'jump c1'])}, ${net()} : ${r.pick(['accept', 'drop', 'return'])} }`
      : `${r.pick([`ip saddr ${net()}`, `ip saddr != ${net()}`, `ip saddr { ${net()}, ${net()} }`, 'ip saddr @s', `tcp dport ${r.pick([22, 80, 8080])}`, `ip saddr ${r.pick(['<', '>=', '<=', '>'])} ${net().split('/')[0]}`, `ip saddr . tcp dport { ${net()} . 22, ${net()} . ${r.pick([22, 80, 8080])} }`, r.pick(['fib saddr . iif oif missing', 'fib saddr oif "eth1"', 'fib saddr type unicast']), ''])} ${r.pick(['accept', 'drop', 'jump c1', 'return', 'counter'])}`;
  const rules = (n: number): string => Array.from({ length: long ? r.int(16, 60) : n }, () => `\t\t${rule()}`).join('\n');
  return `table ip f {
\tset s { type ipv4_addr; flags interval; elements = { ${net()}, ${net()} } }
\tchain c1 {
${rules(r.int(1, 4))}
\t}
\tchain input { type filter hook input priority 0; policy ${r.pick(['accept', 'drop'])};
${rules(r.int(1, 6))}
\t}
\tchain pre { type nat hook prerouting priority dstnat; policy accept;
\t\tip saddr ${net()} tcp dport 8080 dnat to 172.17.0.2:80
\t}
\tchain forward { type filter hook forward priority 0; policy ${r.pick(['accept', 'drop'])};
${rules(r.int(1, 4))}
\t}
}
`;
}
