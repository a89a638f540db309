/**
 * ALL THREE VERDICTS: random small rulesets with unmodelled statements. Each unmodelled statement
 * is resolved both ways (it matches / it does not), every resolution is simulated (those are
 * definite), and the simulator's answer on the unresolved ruleset must be their join: the common
 * verdict (with the same delivery and destination) when all agree, `unknown` otherwise. In
 * particular the simulator never answers `accept` (or `drop`) when an unknown could change it.
 *
 * Unmodelled statements sit only in base chains, which run once per packet, so each one is met at
 * most once and its two resolutions are exactly the two paths the simulator explores.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { addBridge, defaultHost } from '../../server/src/core/netfilter/host';
import type { Chain, Hook, Rule, Ruleset, Statement, Table } from '../../server/src/core/netfilter/model';
import { parsePacket } from '../../server/src/core/netfilter/packet';
import { simulate } from '../../server/src/core/netfilter/simulate';
import { formatTrace } from '../../server/src/core/netfilter/trace';
import { parseIpInterval } from '../../server/src/core/net/ip';
import { LineIndex } from '../../server/src/core/text';

const SP = new LineIndex('x').span('gen', 0, 1);

type V = 'accept' | 'drop' | 'continue' | 'return' | 'jump' | 'goto';
interface RuleSpec {
  readonly unknown: boolean;
  readonly iif?: { readonly ne: boolean; readonly name: string };
  readonly src: boolean;
  readonly dport?: number;
  readonly verdict: V;
  readonly target: number;
}
interface BaseSpec {
  readonly hook: 'prerouting' | 'forward';
  readonly prio: number;
  readonly policy: 'accept' | 'drop';
  readonly rules: readonly RuleSpec[];
}

const ruleArb = (withUnknown: boolean): fc.Arbitrary<RuleSpec> =>
  fc.record({
    unknown: withUnknown ? fc.boolean() : fc.constant(false),
    iif: fc.option(fc.record({ ne: fc.boolean(), name: fc.constantFrom('eth0', 'eth1') }), { nil: undefined }),
    src: fc.boolean(),
    dport: fc.option(fc.constantFrom(22, 80), { nil: undefined }),
    verdict: fc.constantFrom<V>('accept', 'drop', 'continue', 'return', 'jump', 'goto'),
    target: fc.nat(1),
  });

const specArb = fc.record({
  bases: fc.array(
    fc.record({
      hook: fc.constantFrom<'prerouting' | 'forward'>('prerouting', 'forward'),
      prio: fc.constantFrom(-10, 0, 10),
      policy: fc.constantFrom<'accept' | 'drop'>('accept', 'accept', 'drop'),
      rules: fc.array(ruleArb(true), { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  regular: fc.array(fc.array(ruleArb(false), { maxLength: 3 }), { minLength: 2, maxLength: 2 }),
});

/** `resolve(i)`: undefined keeps unknown number i, true/false replaces it by a match that holds / fails. */
function build(spec: { bases: readonly BaseSpec[]; regular: readonly (readonly RuleSpec[])[] }, resolve: (i: number) => boolean | undefined): Ruleset {
  let unknownNo = 0;
  const field = (f: string) => ({ kind: 'field' as const, field: f });
  const rule = (r: RuleSpec, inBase: boolean): Rule => {
    const st: Statement[] = [];
    if (r.unknown && inBase) {
      const res = resolve(unknownNo++);
      if (res === undefined) st.push({ kind: 'unknown', reason: `unknown #${unknownNo - 1}`, span: SP });
      else if (res === false) st.push({ kind: 'match', left: field('meta.l4proto'), op: 'eq', right: { kind: 'int', value: 255n }, span: SP });
    }
    if (r.iif) st.push({ kind: 'match', left: field('meta.iifname'), op: r.iif.ne ? 'ne' : 'eq', right: { kind: 'ifname', name: r.iif.name, wildcard: false }, span: SP });
    if (r.src) st.push({ kind: 'match', left: field('ip.saddr'), op: 'eq', right: { kind: 'ip', interval: parseIpInterval('10.0.0.0/8')! }, span: SP });
    if (r.dport !== undefined) {
      st.push({ kind: 'match', left: field('meta.l4proto'), op: 'eq', right: { kind: 'int', value: 6n }, span: SP });
      st.push({ kind: 'match', left: field('th.dport'), op: 'eq', right: { kind: 'int', value: BigInt(r.dport) }, span: SP });
    }
    // Regular chains only jump forward (R0 -> R1), so there are no loops.
    const jumpy = r.verdict === 'jump' || r.verdict === 'goto';
    const target = inBase ? `R${r.target}` : 'R1';
    if (!(jumpy && !inBase && target === 'R1')) st.push({ kind: 'verdict', verdict: { kind: 'verdict', verdict: r.verdict, target: jumpy ? target : undefined }, span: SP });
    return { statements: st, span: SP, text: 'generated' };
  };
  const chains = new Map<string, Chain>();
  spec.bases.forEach((b, i) => {
    chains.set(`B${i}`, { name: `B${i}`, base: { type: 'filter', hook: b.hook as Hook, priority: b.prio, policy: b.policy }, rules: b.rules.map((r) => rule(r, true)) });
  });
  spec.regular.forEach((rs, i) => chains.set(`R${i}`, { name: `R${i}`, rules: rs.map((r) => rule(r, false)) }));
  const table: Table = { ref: { family: 'inet', name: 'gen', backend: 'nft' }, chains, sets: new Map() };
  return { tables: [table], unknowns: [] };
}

const host = addBridge(defaultHost(), 'eth1', ['203.0.113.1/24']);
const packets = [
  'iif=eth0 saddr=10.1.1.1 daddr=192.0.2.50 proto=tcp dport=80',
  'iif=eth1 saddr=192.0.2.9 daddr=192.0.2.50 proto=tcp dport=22',
  'iif=eth1 saddr=10.2.2.2 daddr=192.0.2.50 proto=udp dport=80',
].map((p) => parsePacket(p).value!);

describe('simulate: ALL THREE VERDICTS (property)', () => {
  it('the answer with unknowns is the join of all their resolutions', function () {
    this.timeout(60000);
    let unknownAnswers = 0;
    let definiteWithUnknowns = 0;
    fc.assert(
      fc.property(specArb, (spec) => {
        const n = spec.bases.reduce((a, b) => a + b.rules.filter((r) => r.unknown).length, 0);
        const rsUnknown = build(spec, () => undefined);
        for (const pk of packets) {
          const got = simulate(rsUnknown, host, pk);
          const outcomes = new Set<string>();
          for (let mask = 0; mask < 1 << n; mask++) {
            const r = simulate(build(spec, (i) => ((mask >> i) & 1) === 1), host, pk);
            assert.notEqual(r.verdict, 'unknown', 'a resolution has nothing unmodelled');
            outcomes.add(r.verdict === 'drop' ? 'drop' : `accept ${r.delivery} ${r.final.daddr} ${r.final.oif}`);
          }
          const want = outcomes.size === 1 ? [...outcomes][0] : 'unknown';
          const gotKey = got.verdict === 'accept' ? `accept ${got.delivery} ${got.final.daddr} ${got.final.oif}` : got.verdict;
          assert.equal(gotKey, want, `resolutions: ${[...outcomes].join(' | ')}\n${formatTrace(got)}`);
          if (got.verdict === 'unknown') unknownAnswers++;
          else if (got.assumptions.length) definiteWithUnknowns++;
        }
      }),
      { numRuns: 300 },
    );
    // The generator must exercise both sides: unknowns that matter and unknowns that do not.
    assert.ok(unknownAnswers > 0, 'some answers are unknown');
    assert.ok(definiteWithUnknowns > 0, 'some answers are definite although unknowns were met');
  });
});
