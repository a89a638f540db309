/**
 * The jump/goto graph of a table (chain-graph.ts) on seeded random tables, against a plain
 * reference computed here: each chain's callees (each once, in the order met; verdict maps
 * included), the names that run from a base chain (those of missing chains too), the callers of each chain, and the chains on a
 * cycle (reachable from themselves through at least one jump).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { callees, chainCalls, tableGraph } from '../../server/src/core/netfilter/chain-graph';
import { lowerSource } from '../../server/src/core/netfilter/load';
import { languages } from '../../server/src/host/assets';
import type { Chain, NamedSet, Rule, Statement, Table } from '../../server/src/core/netfilter/model';
import type { Span } from '../../server/src/core/text';
import { rng } from '../compose-diff/gen';

const span: Span = { file: 't', start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
const jump = (target: string, verdict: 'jump' | 'goto' = 'jump'): Statement => ({ kind: 'verdict', verdict: { kind: 'verdict', verdict, target }, span });
const rule = (statements: Statement[]): Rule => ({ statements, span, text: '' });

/** A table of `n` chains (the first `bases` base chains) whose rules jump at random, sometimes to chains that do not exist. */
function randomTable(seed: number, n: number, bases: number, fanout: number): Table {
  const r = rng(seed);
  const name = (i: number): string => (i >= n ? `MISSING-${i}` : `C${i}`);
  const chains = new Map<string, Chain>();
  const sets = new Map<string, NamedSet>();
  sets.set('vm', { name: 'vm', keyType: ['ipv4_addr'], flags: [], dynamic: false, elements: [{ key: { kind: 'int', value: 1n }, data: { kind: 'verdict', verdict: 'goto', target: name(Math.floor(r() * n)) } }] });
  for (let i = 0; i < n; i++) {
    const rules: Rule[] = [];
    const count = Math.floor(r() * fanout);
    for (let k = 0; k < count; k++) {
      const x = r();
      const target = name(Math.floor(r() * (n + 2)));
      if (x < 0.7) rules.push(rule([{ kind: 'nop', what: 'counter', span }, jump(target, x < 0.6 ? 'jump' : 'goto')]));
      else if (x < 0.8) rules.push(rule([{ kind: 'verdict', verdict: { kind: 'verdict', verdict: 'accept' }, span }]));
      else if (x < 0.9) rules.push(rule([{ kind: 'vmap', key: { kind: 'field', field: 'ip.saddr' }, map: { kind: 'inline', elements: [{ key: { kind: 'int', value: 1n }, data: { kind: 'verdict', verdict: 'jump', target } }] }, span }]));
      else rules.push(rule([{ kind: 'vmap', key: { kind: 'field', field: 'ip.saddr' }, map: { kind: 'ref', name: 'vm' }, span }]));
    }
    chains.set(name(i), { name: name(i), rules, ...(i < bases ? { base: { type: 'filter', hook: 'input', priority: 0, policy: 'accept' } } : {}) });
  }
  return { ref: { family: 'ip', name: `t${seed}`, backend: 'nft' }, chains, sets };
}

/** The reference: callees by a plain walk, then reachability by search from each chain. */
function reference(t: Table): { calls: Map<string, string[]>; running: Set<string>; callers: Map<string, string[]>; cyclic: Set<string> } {
  const calls = new Map<string, string[]>();
  for (const c of t.chains.values()) {
    const out: string[] = [];
    const add = (v: unknown): void => {
      const x = v as { kind?: string; verdict?: string; target?: string } | undefined;
      if (x?.kind === 'verdict' && (x.verdict === 'jump' || x.verdict === 'goto') && x.target && !out.includes(x.target)) out.push(x.target);
    };
    for (const r of c.rules)
      for (const s of r.statements) {
        if (s.kind === 'verdict') add(s.verdict);
        else if (s.kind === 'vmap' && s.map.kind === 'inline') s.map.elements.forEach((e) => add(e.data));
      }
    for (const r of c.rules) for (const s of r.statements) if (s.kind === 'vmap' && s.map.kind === 'ref') for (const e of t.sets.get(s.map.name)?.elements ?? []) add(e.data);
    calls.set(c.name, out);
  }
  // every name reached, chains that do not exist included (they call nothing)
  const reach = (from: string[]): Set<string> => {
    const seen = new Set<string>();
    const todo = [...from];
    while (todo.length) {
      const x = todo.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      todo.push(...(calls.get(x) ?? []));
    }
    return seen;
  };
  const running = reach([...t.chains.values()].filter((c) => c.base).map((c) => c.name));
  const callers = new Map<string, string[]>();
  for (const [from, to] of calls) for (const x of to) callers.set(x, [...(callers.get(x) ?? []), from]);
  const cyclic = new Set([...t.chains.keys()].filter((c) => reach(calls.get(c) ?? []).has(c)));
  return { calls, running, callers, cyclic };
}

describe('chain-graph', () => {
  it('gives the callees, running chains, callers and cycles a plain search gives, on seeded tables', () => {
    let withCycles = 0;
    let withMany = 0;
    for (let seed = 1; seed <= 60; seed++) {
      // sparse and dense tables; fanout 30 makes chains that call more than 8 chains
      const t = randomTable(seed, 5 + (seed % 40), 1 + (seed % 3), seed % 2 ? 3 : 30);
      const want = reference(t);
      const g = tableGraph(t);
      for (const c of t.chains.values()) {
        assert.deepEqual([...callees(t, c)], want.calls.get(c.name), `seed ${seed} ${c.name}`);
        assert.deepEqual(chainCalls(c).direct.length + chainCalls(c).namedMaps.length > 0, c.rules.some((r) => r.statements.some((s) => s.kind === 'vmap' || (s.kind === 'verdict' && s.verdict.target))));
        if (chainCalls(c).direct.length > 8) withMany++;
      }
      assert.deepEqual(new Set(g.running), want.running, `seed ${seed}`);
      assert.deepEqual(new Set(g.onCycle), want.cyclic, `seed ${seed}`);
      for (const name of t.chains.keys()) assert.deepEqual(g.callers.get(name) ?? [], want.callers.get(name) ?? [], `seed ${seed} callers of ${name}`);
      if (want.cyclic.size) withCycles++;
    }
    // the seeds cover both cases
    assert.ok(withCycles > 10 && withCycles < 60, `${withCycles} tables with cycles`);
    assert.ok(withMany > 10, `${withMany} chains calling more than 8 chains`);
  });

  // (DW005 called such chains never run: kube-proxy's endpoint chains, behind `numgen random mod N vmap`)
  for (const file of ['unmodelled-vmap.nft', 'unmodelled-vmap.json'])
    it(`${file}: the calls of verdict maps keyed by what the model does not follow, or by a drawn number`, async () => {
      const text = readFileSync(path.join(__dirname, 'fixtures', 'chain-graph', file), 'utf8');
      const low = lowerSource(file, text, await languages());
      const t = buildRuleset([low.value!]).value.tables[0];
      const g = tableGraph(t);
      assert.deepEqual([...t.chains.keys()].filter((n) => !g.running.has(n)), ['idle']);
      assert.deepEqual([...callees(t, t.chains.get('input')!)].sort(), ['a', 'b', 'c', 'd', 'e']);
      // the unmodelled ones (ip dscp, meta cpu) are still unknown to the simulator
      const unknowns = t.chains.get('input')!.rules.flatMap((r) => r.statements.filter((s) => s.kind === 'unknown'));
      assert.equal(unknowns.length, 3);
    });

  it('keeps each callee once, in the order met', () => {
    const c: Chain = { name: 'A', rules: [rule([jump('B')]), rule([jump('C')]), rule([jump('B', 'goto')]), ...Array.from({ length: 20 }, (_, i) => rule([jump(`D${i % 10}`)]))] };
    assert.deepEqual(chainCalls(c).direct, ['B', 'C', ...Array.from({ length: 10 }, (_, i) => `D${i}`)]);
    assert.deepEqual(chainCalls(c).namedMaps, []);
  });
});
