import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { tableGraph } from '../../server/src/core/netfilter/chain-graph';
import { tableOrigin } from '../../server/src/core/netfilter/table-origin';
import { hasHiddenCalls } from '../../server/src/core/findings/ruleset-fixes';
import type { Fragment, Op, Rule, TableRef } from '../../server/src/core/netfilter/model';
import { LineIndex } from '../../server/src/core/text';

const span = new LineIndex('x').span('t', 0, 1);
const filter: TableRef = { family: 'ip', name: 'filter', backend: 'nft' };
const legacy: TableRef = { family: 'ip', name: 'filter', backend: 'legacy' };
const rule = (text: string, handle?: number): Rule => ({ text, span, handle, statements: [{ kind: 'nop', what: 'counter', span }] });
const frag = (ops: Op[]): Fragment => ({ file: 't', format: 'nft', ops });
const base = { type: 'filter', hook: 'forward', priority: 0, policy: 'accept' } as const;
const texts = (r: ReturnType<typeof buildRuleset>, t: TableRef, chain: string) =>
  r.value.tables.find((x) => x.ref.backend === t.backend && x.ref.name === t.name)?.chains.get(chain)?.rules.map((x) => x.text);

describe('buildRuleset', () => {
  const setup: Op[] = [
    { op: 'addTable', table: filter, span },
    { op: 'addChain', table: filter, name: 'FORWARD', base, span },
    { op: 'addChain', table: filter, name: 'DOCKER-USER', span },
    { op: 'addRule', table: filter, chain: 'DOCKER-USER', rule: rule('a', 1), position: 'append', span },
    { op: 'addRule', table: filter, chain: 'DOCKER-USER', rule: rule('b', 2), position: 'append', span },
  ];

  it('appends, inserts at the top, at an index and relative to a handle', () => {
    const r = buildRuleset([
      frag(setup),
      frag([
        { op: 'addRule', table: filter, chain: 'DOCKER-USER', rule: rule('top'), position: 'insert', span },
        { op: 'addRule', table: filter, chain: 'DOCKER-USER', rule: rule('second'), position: 'insert', index: 2, span },
        { op: 'addRule', table: filter, chain: 'DOCKER-USER', rule: rule('after-a'), position: 'append', handle: 1, span },
        { op: 'addRule', table: filter, chain: 'DOCKER-USER', rule: rule('before-b'), position: 'insert', handle: 2, span },
      ]),
    ]);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(texts(r, filter, 'DOCKER-USER'), ['top', 'second', 'a', 'after-a', 'before-b', 'b']);
  });

  it('flush ruleset wipes nft tables, including iptables-nft ones, but not legacy tables', () => {
    const r = buildRuleset([
      frag(setup),
      frag([
        { op: 'addTable', table: legacy, span },
        { op: 'addChain', table: legacy, name: 'FORWARD', base, span },
        { op: 'addRule', table: legacy, chain: 'FORWARD', rule: rule('kept'), position: 'append', span },
      ]),
      frag([{ op: 'flushRuleset', span }]),
    ]);
    assert.deepEqual(r.value.tables.map((t) => t.ref.backend), ['legacy']);
    assert.deepEqual(texts(r, legacy, 'FORWARD'), ['kept']);
  });

  it('iptables-restore replaces a table: user chains go, built-in chains stay empty', () => {
    const r = buildRuleset([frag(setup), frag([{ op: 'resetTable', table: filter, span }])]);
    const t = r.value.tables[0];
    assert.deepEqual([...t.chains.keys()], ['FORWARD']);
    assert.equal(t.chains.get('FORWARD')!.rules.length, 0);
  });

  it('reports what the kernel would reject and still applies the rest', () => {
    const r = buildRuleset([
      frag([
        ...setup,
        { op: 'addRule', table: filter, chain: 'MISSING', rule: rule('x'), position: 'append', span },
        { op: 'deleteRule', table: filter, chain: 'DOCKER-USER', index: 9, span },
        { op: 'addChain', table: filter, name: 'DOCKER-USER', policy: 'drop', span },
        { op: 'deleteRule', table: filter, chain: 'DOCKER-USER', ruleText: '-A DOCKER-USER  a', span },
      ]),
    ]);
    assert.deepEqual(
      r.diagnostics.map((d) => d.message),
      ['chain MISSING does not exist in table ip filter', 'no rule number 9 in chain DOCKER-USER', 'chain DOCKER-USER is not a base chain: it has no policy'],
    );
    assert.deepEqual(texts(r, filter, 'DOCKER-USER'), ['b']);
  });

  it('sets policies, collects unknown ops and statements, and updates set elements', () => {
    const unknownRule: Rule = { text: 'u', span, statements: [{ kind: 'unknown', reason: 'match u32 is not modelled', span }] };
    const r = buildRuleset([
      frag([
        ...setup,
        { op: 'addChain', table: filter, name: 'FORWARD', policy: 'drop', span },
        { op: 'addRule', table: filter, chain: 'FORWARD', rule: unknownRule, position: 'append', span },
        { op: 'unknown', reason: 'flowtables are not modelled', affectsVerdicts: false, span },
        { op: 'addSet', table: filter, set: { name: 's', keyType: ['inet_service'], flags: [], elements: [], dynamic: false }, span },
        { op: 'addElements', table: filter, set: 's', elements: [{ key: { kind: 'int', value: 22n } }, { key: { kind: 'int', value: 80n } }], span },
        { op: 'deleteElements', table: filter, set: 's', elements: [{ key: { kind: 'int', value: 22n } }], span },
      ]),
    ]);
    const t = r.value.tables[0];
    assert.equal(t.chains.get('FORWARD')!.base!.policy, 'drop');
    assert.deepEqual(t.sets.get('s')!.elements.map((e) => e.key), [{ kind: 'int', value: 80n }]);
    assert.deepEqual(r.value.unknowns.map((u) => u.reason).sort(), ['flowtables are not modelled', 'match u32 is not modelled']);
  });
});

describe('buildRuleset from a kept state (previous + stablePrefix)', () => {
  const set: TableRef = filter;
  const el = (n: number) => ({ key: { kind: 'int' as const, value: BigInt(n) }, span });
  // The admin's part: tables, chains, rules and a set that the suffixes then change in every way.
  const admin = frag([
    { op: 'addTable', table: set, span },
    { op: 'addChain', table: set, name: 'FORWARD', base, span },
    { op: 'addChain', table: set, name: 'INPUT', base: { ...base, hook: 'input' }, span },
    { op: 'addChain', table: set, name: 'user', span },
    { op: 'addChain', table: set, name: 'other', span },
    { op: 'addRule', table: set, chain: 'FORWARD', rule: rule('f1', 1), position: 'append', span },
    { op: 'addRule', table: set, chain: 'user', rule: rule('u1', 2), position: 'append', span },
    { op: 'addRule', table: set, chain: 'user', rule: rule('u2', 3), position: 'append', span },
    { op: 'addRule', table: set, chain: 'other', rule: rule('o1', 4), position: 'append', span },
    { op: 'addSet', table: set, set: { name: 'ports', keyType: ['inet_service'], flags: [], elements: [el(22), el(80)], span }, span },
    { op: 'addTable', table: legacy, span },
    { op: 'addChain', table: legacy, name: 'FORWARD', base, span },
  ] as Op[]);
  const suffixes: Op[][] = [
    [{ op: 'addRule', table: set, chain: 'FORWARD', rule: rule('docker'), position: 'insert', span }],
    [{ op: 'deleteRule', table: set, chain: 'user', handle: 2, span }],
    [{ op: 'replaceRule', table: set, chain: 'user', index: 2, rule: rule('u2bis'), span }],
    [{ op: 'flushChain', table: set, name: 'user', span }],
    [{ op: 'flushTable', table: set, span }],
    [{ op: 'resetTable', table: set, span }],
    [{ op: 'deleteChain', table: set, name: 'other', span }],
    [{ op: 'addChain', table: set, name: 'user', comment: 'changed', span }],
    [{ op: 'addChain', table: set, name: 'FORWARD', policy: 'drop', span }],
    [{ op: 'addElements', table: set, set: 'ports', elements: [el(443)], span }],
    [{ op: 'deleteElements', table: set, set: 'ports', elements: [el(22)], span }],
    [{ op: 'flushSet', table: set, name: 'ports', span }],
    [{ op: 'addSet', table: set, set: { name: 'ports', keyType: ['inet_service'], flags: [], elements: [el(8080)], span }, span }],
    [{ op: 'deleteSet', table: set, name: 'ports', span }],
    [{ op: 'addTable', table: set, flags: ['dormant'], span }],
    [{ op: 'deleteTable', table: set, span }],
    [{ op: 'flushRuleset', span }],
    [
      { op: 'addChain', table: set, name: 'fresh', span },
      { op: 'addRule', table: set, chain: 'fresh', rule: rule('n1'), position: 'append', span },
    ],
    [
      { op: 'addChain', table: set, name: 'fresh', span },
      { op: 'addChain', table: set, name: 'fresh2', span },
      { op: 'addRule', table: set, chain: 'user', rule: rule('u3'), position: 'append', span },
    ],
    [
      { op: 'addChain', table: set, name: 'odd', span },
      { op: 'addRule', table: set, chain: 'odd', rule: { text: 'x', span, statements: [{ kind: 'unknown', reason: 'not modelled', span }] }, position: 'append', span },
    ],
    [],
  ] as Op[][];

  it('gives what a fresh build gives after every kind of change, and keeps untouched objects', () => {
    let previous = buildRuleset([admin, frag(suffixes[0])], { stablePrefix: 1 }).value;
    // Each suffix after each other suffix: the kept state must come out of every build unchanged.
    for (let round = 0; round < 2; round++)
      for (const [i, ops] of suffixes.entries()) {
        const fragments = [admin, frag(ops)];
        const fresh = buildRuleset(fragments);
        const kept = buildRuleset(fragments, { previous, stablePrefix: 1 });
        assert.deepEqual(kept, fresh, `suffix ${i} (round ${round})`);
        previous = kept.value;
      }
    const a = buildRuleset([admin, frag(suffixes[0])], { stablePrefix: 1 }).value;
    const b = buildRuleset([admin, frag(suffixes[1])], { previous: a, stablePrefix: 1 }).value;
    const chainOf = (r: typeof a, name: string) => r.tables.find((t) => t.ref === set)!.chains.get(name);
    assert.equal(chainOf(b, 'other'), chainOf(a, 'other'), 'an untouched chain is the same object');
    assert.notEqual(chainOf(b, 'user'), chainOf(a, 'user'));
    assert.equal(b.tables.find((t) => t.ref === legacy), a.tables.find((t) => t.ref === legacy), 'an untouched table is the same object');
  });
});

describe('a rebuilt table notes what it was made from (per-table memos start from it)', () => {
  const t: TableRef = filter;
  const jumpRule = (text: string, target: string): Rule => ({ text, span, statements: [{ kind: 'verdict', verdict: { kind: 'verdict', verdict: 'jump', target }, span }] });
  const admin = frag([
    { op: 'addTable', table: t, span },
    { op: 'addChain', table: t, name: 'FORWARD', base, span },
    { op: 'addChain', table: t, name: 'a', span },
    { op: 'addChain', table: t, name: 'b', span },
    { op: 'addChain', table: t, name: 'DOCKER', span },
    { op: 'addRule', table: t, chain: 'FORWARD', rule: jumpRule('j', 'DOCKER'), position: 'append', span },
    { op: 'addRule', table: t, chain: 'a', rule: jumpRule('ja', 'b'), position: 'append', span },
  ] as Op[]);
  const docker = (ops: Op[]) => frag(ops);
  const tableOf = (r: ReturnType<typeof buildRuleset>) => r.value.tables.find((x) => x.ref.name === 'filter')!;

  it('names the changed chains; the call graph and the hidden calls are the previous ones when the changed chain calls what it called', () => {
    const first = buildRuleset([admin, docker([{ op: 'addRule', table: t, chain: 'DOCKER', rule: rule('d1'), position: 'append', span }] as Op[])], { stablePrefix: 1 });
    const g1 = tableGraph(tableOf(first));
    assert.equal(hasHiddenCalls(tableOf(first)), false);
    // DOCKER's rule changes, and calls nothing: the same graph
    const second = buildRuleset([admin, docker([{ op: 'addRule', table: t, chain: 'DOCKER', rule: rule('d2'), position: 'append', span }] as Op[])], { previous: first.value, stablePrefix: 1 });
    const origin = tableOrigin(tableOf(second));
    assert.equal(origin?.previous, tableOf(first));
    assert.deepEqual(origin?.changed, [{ name: 'DOCKER', at: 3 }]);
    assert.equal(tableGraph(tableOf(second)), g1);
    assert.equal(hasHiddenCalls(tableOf(second)), false);
    // now DOCKER jumps to a: a new graph, which a fresh build's table gives too
    const third = buildRuleset([admin, docker([{ op: 'addRule', table: t, chain: 'DOCKER', rule: jumpRule('d3', 'a'), position: 'append', span }] as Op[])], { previous: second.value, stablePrefix: 1 });
    const g3 = tableGraph(tableOf(third));
    assert.notEqual(g3, g1);
    assert.deepEqual([...g3.running].sort(), ['DOCKER', 'FORWARD', 'a', 'b']);
    assert.deepEqual(g3.targets, tableGraph(tableOf(buildRuleset([admin, docker([{ op: 'addRule', table: t, chain: 'DOCKER', rule: jumpRule('d3', 'a'), position: 'append', span }] as Op[])]))).targets);
    // a verdict map filled at run time in the changed chain: hidden calls, though the previous table had none
    const vmap: Rule = { text: 'vm', span, statements: [{ kind: 'vmap', key: { kind: 'field', field: 'ip.saddr' }, map: { kind: 'ref', name: 'dyn' }, span }] };
    const fourth = buildRuleset([admin, docker([{ op: 'addRule', table: t, chain: 'DOCKER', rule: vmap, position: 'append', span }] as Op[])], { previous: third.value, stablePrefix: 1 });
    assert.deepEqual(tableOrigin(tableOf(fourth))?.changed, [{ name: 'DOCKER', at: 3 }]);
    assert.equal(hasHiddenCalls(tableOf(fourth)), true);
  });

  it('holds the previous table weakly: a long run of rebuilds does not keep the first table alive', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const dockerRule = (k: number) => docker([{ op: 'addRule', table: t, chain: 'DOCKER', rule: rule(`d${k}`), position: 'append', span }] as Op[]);
    let last = buildRuleset([admin, dockerRule(0)], { stablePrefix: 1 });
    const first = new WeakRef(tableOf(last));
    for (let k = 1; k <= 20; k++) last = buildRuleset([admin, dockerRule(k)], { previous: last.value, stablePrefix: 1 });
    assert.ok(tableOrigin(tableOf(last)), 'the last table notes the one before it');
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    assert.equal(first.deref(), undefined, 'the first table is still alive');
  });

  it('notes nothing when the chains differ in name or order', () => {
    const first = buildRuleset([admin, docker([])], { stablePrefix: 1 });
    const second = buildRuleset([admin, docker([{ op: 'addChain', table: t, name: 'extra', span }] as Op[])], { previous: first.value, stablePrefix: 1 });
    assert.equal(tableOrigin(tableOf(second)), undefined);
  });
});

