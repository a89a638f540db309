/**
 * Incremental analysis equals fresh analysis: after each seeded edit of a compose project or of the
 * admin's ruleset, `check` with the previous analysis (which reuses the reachability of untouched
 * bindings) must give exactly the findings, diagnostics and per-port results of `check` from
 * scratch — traces, spans of the admin's and Docker's rules and provenance included. The
 * incremental runs keep the rules of each lowered file and of Docker's rendered rules, as the
 * language server does.
 */
import { strict as assert } from 'node:assert';
import { composeProject, iptablesSave, nftScript } from '../../bench/gen';
import { check, type CheckResult } from '../../server/src/core/check';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { lowerSource } from '../../server/src/core/netfilter/load';
import type { Fragment } from '../../server/src/core/netfilter/model';
import { NftRuleMemo } from '../../server/src/core/netfilter/nft/rule-memo';
import { IptRuleMemo } from '../../server/src/core/netfilter/iptables-rule-memo';
import type { Languages } from '../../server/src/core/syntax/languages';
import { languages } from '../../server/src/host/assets';
import { overlayReader } from '../../server/src/host/files';

const DIR = '/nonexistent/dockwall-reuse';
const COMPOSE = `${DIR}/compose.yaml`;

class Rand {
  constructor(private s: number) {}
  int(n: number): number {
    this.s = (Math.imul(this.s, 1103515245) + 12345) >>> 0;
    return (this.s >>> 8) % n;
  }
}

type Edit = { name: string; apply(text: string, r: Rand): string };

/** Line numbers of short-syntax port items `- "..."`. */
const portLines = (lines: string[]): number[] => lines.flatMap((l, i) => (/^\s+- "[^"]*"$/.test(l) ? [i] : []));
const usedPorts = (text: string): number[] => [...text.matchAll(/"(?:[\d.]+:)?(\d{4,5})(?:-\d+)?:/g)].map((m) => Number(m[1]));

/** Applies `change` to one short-syntax `"HOST:TARGET"` item picked by `r`. */
function onePort(text: string, r: Rand, change: (line: string) => string): string {
  const lines = text.split('\n');
  const ls = portLines(lines).filter((i) => /"\d+:\d+"/.test(lines[i]));
  const i = ls[r.int(ls.length)];
  lines[i] = change(lines[i]);
  return lines.join('\n');
}

const EDITS: Edit[] = [
  { name: 'change a host port to a free one', apply: (t, r) => onePort(t, r, (l) => l.replace(/"(\d+):/, () => `"${20000 + r.int(5000)}:`)) },
  {
    name: "change a host port to another service's port",
    apply: (t, r) => {
      const used = usedPorts(t);
      return onePort(t, r, (l) => l.replace(/"(\d+):/, `"${used[r.int(used.length)]}:`));
    },
  },
  { name: 'change a host port to one the admin rules name', apply: (t, r) => onePort(t, r, (l) => l.replace(/"(\d+):/, `"${[22, 80, 443, 5432, 8080][r.int(5)]}:`)) },
  { name: 'bind a port to loopback', apply: (t, r) => onePort(t, r, (l) => l.replace('"', '"127.0.0.1:')) },
  { name: 'change a container port', apply: (t, r) => onePort(t, r, (l) => l.replace(/:(\d+)"/, `:${1 + r.int(9000)}"`)) },
  { name: 'switch a port to udp', apply: (t, r) => onePort(t, r, (l) => l.replace(/"$/, '/udp"')) },
  {
    name: 'remove a port item',
    apply(text, r) {
      const lines = text.split('\n');
      const ls = portLines(lines);
      lines.splice(ls[r.int(ls.length)], 1);
      return lines.join('\n');
    },
  },
  {
    name: 'add a service',
    apply(text, r) {
      const port = 30000 + r.int(1000);
      return text.replace('\nservices:\n', `\nservices:\n  added-${port}:\n    image: example/added:1\n    ports:\n      - "${port}:80"\n`);
    },
  },
  { name: 'insert a comment line at the top (every span moves)', apply: (t) => `# edited\n${t}` },
];

/** Edits of the admin's ruleset (nft or iptables-save text): a few change what rules say, most only where they are. */
const RULESET_EDITS: Edit[] = [
  {
    name: 'change the port of an admin rule',
    apply(text, r) {
      const all = [...text.matchAll(/dport (\d+)/g)];
      const m = all[r.int(all.length)];
      return text.slice(0, m.index) + `dport ${[22, 443, 10015, 10016, 20000 + r.int(5000)][r.int(5)]}` + text.slice(m.index! + m[0].length);
    },
  },
  {
    // the same rule text says something else: kept rules that name the variable must not be taken
    name: 'change the value of a define (nft) or a rule\'s port (iptables-save)',
    apply(text, r) {
      if (/^define MGMT = .*$/m.test(text)) return text.replace(/^define MGMT = .*$/m, `define MGMT = { 198.51.${100 + r.int(50)}.0/24, 10.${r.int(200)}.0.0/16 }`);
      const all = [...text.matchAll(/dport (\d+)/g)];
      const m = all[r.int(all.length)];
      return text.slice(0, m.index) + `dport ${20000 + r.int(5000)}` + text.slice(m.index! + m[0].length);
    },
  },
  { name: 'insert a comment line at the top of the ruleset (every admin span moves)', apply: (t) => (t.startsWith('#!') ? t.replace('\n', '\n# edited\n') : `# edited\n${t}`) },
  {
    name: 'repeat an admin rule with a port',
    apply(text, r) {
      const lines = text.split('\n');
      const ls = lines.flatMap((l, i) => (/^(\t\t|-A ).*dport \d+/.test(l) ? [i] : []));
      const i = ls[r.int(ls.length)];
      lines.splice(i + 1, 0, lines[i]);
      return lines.join('\n');
    },
  },
  {
    name: 'add a space at the end of an admin rule',
    apply(text, r) {
      const lines = text.split('\n');
      const ls = lines.flatMap((l, i) => (/^(\t\t|-A )/.test(l) ? [i] : []));
      lines[ls[r.int(ls.length)]] += ' ';
      return lines.join('\n');
    },
  },
];

/** Rules behind an unconditional end of their chain (DW005 reports them with the line of that end, which edits above move). */
const DEAD_NFT = '\ntable inet extra {\n\tchain fwd {\n\t\ttype filter hook forward priority 10; policy accept;\n\t\taccept\n\t\ttcp dport 2222 drop\n\t}\n}\n';
const DEAD_IPT = ':DEADX - [0:0]\n-A INPUT -j DEADX\n-A DEADX -j RETURN\n-A DEADX -p tcp --dport 2222 -j DROP\n';
/** An input rule about a published port (10015, `composeProject`'s sixth service), which DW003 reports: published traffic is forwarded. */
const INPUT_NFT = '\ntable inet early {\n\tchain input {\n\t\ttype filter hook input priority -5; policy accept;\n\t\ttcp dport 10015 accept\n\t}\n}\n';

function snapshot(r: CheckResult): string {
  const ports = r.analysis.ports.map((p) => ({ service: p.service, port: p.port, binding: p.binding, probes: p.probes }));
  return JSON.stringify({ findings: r.findings, diagnostics: r.diagnostics, ports }, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v), 1);
}

/**
 * After a compose edit, a chain of the merged ruleset that holds the same rule objects as before (a
 * re-rendered rule of Docker's that did not change is the same object) is the same chain object,
 * so that what is kept per chain survives; returns how many of Docker's chains were kept.
 */
function sameChainsKept(before: CheckResult, after: CheckResult, what: string): number {
  const chains = (r: CheckResult) => new Map(r.analysis.ruleset.tables.flatMap((t) => [...t.chains.values()].map((c) => [`${t.ref.family} ${t.ref.name} ${c.name}`, c] as const)));
  const was = chains(before);
  let docker = 0;
  for (const [key, chain] of chains(after)) {
    const old = was.get(key);
    if (!old || !chain.rules.length || old.rules.length !== chain.rules.length || old.rules.some((rule, i) => rule !== chain.rules[i])) continue;
    assert.equal(chain, old, `${what}: ${key} holds the same rules but is a new chain object`);
    if (/DOCKER/.test(key)) docker++;
  }
  return docker;
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  const i = al.findIndex((l, k) => l !== bl[k]);
  return `line ${i}:\n  incremental: ${al[i]}\n  fresh:       ${bl[i]}\n  (near: ${al.slice(Math.max(0, i - 6), i).join(' ').slice(0, 400)})`;
}

type Case = { name: string; ruleset: [string, () => string]; dockerVersion?: string; backend?: 'iptables' | 'nftables'; codes: readonly string[] };

/**
 * `check` of one project as the language server runs it: `run(compose, previous)` with the files
 * lowered, built and rendered through memos kept across runs; `run(compose)` from scratch.
 */
function session(c: Case, langs: Languages): { files: Map<string, string>; rulesFile: string; run: (compose: string, previous?: CheckResult) => CheckResult } {
  const rulesFile = `${DIR}/${c.ruleset[0]}`;
  const files = new Map<string, string>([[rulesFile, c.ruleset[1]()]]);
  // As the language server does: the admin's ruleset is lowered and built once.
  // (a file's rules kept from one text to the next, as the language server keeps them)
  const lowered = new Map<string, ReturnType<typeof lowerSource>>();
  const memos = new Map<string, { nftRules: NftRuleMemo; iptRules: IptRuleMemo }>();
  const lower = (src: { file: string; text: string }, l: Languages) => {
    const k = `${src.file}\n${src.text}`;
    if (!memos.has(src.file)) memos.set(src.file, { nftRules: new NftRuleMemo(), iptRules: new IptRuleMemo() });
    if (!lowered.has(k)) lowered.set(k, lowerSource(src.file, src.text, l, undefined, memos.get(src.file)));
    return lowered.get(k)!;
  };
  // (Docker's rendered rules too, as the language server keeps them per rendered file)
  const rendered = new Map<string, IptRuleMemo>();
  const renderedRules = (file: string): IptRuleMemo => rendered.get(file) ?? rendered.set(file, new IptRuleMemo()).get(file)!;
  let admin: { fragments: readonly Fragment[]; built: ReturnType<typeof buildRuleset> } | undefined;
  const buildAdmin = (fragments: readonly Fragment[]) => {
    if (!admin || admin.fragments.length !== fragments.length || admin.fragments.some((f, i) => f !== fragments[i])) admin = { fragments, built: buildRuleset(fragments) };
    return admin.built;
  };
  const run = (compose: string, previous?: CheckResult): CheckResult => {
    files.set(COMPOSE, compose);
    // Without a previous analysis: lowered and built anew, so that no per-object memo is shared.
    const fresh = previous === undefined;
    return check({
      reader: overlayReader({ get: (f) => files.get(f) }),
      cwd: DIR,
      env: {},
      languages: langs,
      composeFiles: [COMPOSE],
      projectDirectory: DIR,
      rulesetFiles: [rulesFile],
      dockerVersion: c.dockerVersion,
      backend: c.backend,
      previous: previous?.analysis,
      ...(fresh ? {} : { lower, buildAdmin, renderedRules }),
    });
  };
  return { files, rulesFile, run };
}

describe('incremental analysis (reuse of untouched bindings)', function () {
  this.timeout(120000);
  let langs: Languages;
  before(async () => {
    langs = await languages();
  });

  const cases: Case[] = [
    { name: 'nft admin rules, Docker 29 iptables', ruleset: ['rules.nft', () => nftScript(1500, 3) + DEAD_NFT + INPUT_NFT], codes: ['DW003', 'DW005'] },
    { name: 'nft admin rules, Docker 29 nftables', ruleset: ['rules.nft', () => nftScript(1500, 4) + INPUT_NFT], backend: 'nftables', codes: ['DW003'] },
    { name: 'iptables-save admin rules, Docker 27', ruleset: ['rules.v4', () => iptablesSave(800, 5).replace('*filter\n', `*filter\n${DEAD_IPT}`)], dockerVersion: '27', codes: ['DW005'] },
  ];

  for (const c of cases)
    it(`${c.name}: every edit gives what a fresh analysis gives`, () => {
      const { files, rulesFile, run } = session(c, langs);
      const r = new Rand(7);
      let text = composeProject(24, 11);
      let last = run(text);
      let reusedSome = 0;
      const codes = new Set<string>();
      let reusedAfterRuleset = 0;
      let recomputedSome = 0;
      let keptDockerChains = 0;
      let rules = files.get(rulesFile)!;
      for (let k = 0; k < 4 * EDITS.length; k++) {
        // Every third edit changes the admin's ruleset instead of the compose file.
        const edit = k % 3 === 2 ? RULESET_EDITS[Math.floor(k / 3) % RULESET_EDITS.length] : EDITS[k % EDITS.length];
        if (k % 3 === 2) files.set(rulesFile, (rules = edit.apply(rules, r)));
        else text = edit.apply(text, r);
        const incremental = run(text, last);
        const fresh = run(text);
        const a = snapshot(incremental);
        const b = snapshot(fresh);
        if (a !== b) assert.fail(`after "${edit.name}" (edit ${k}) the incremental analysis differs: ${firstDifference(a, b)}`);
        assert.equal(fresh.analysis.reused, 0);
        if (k % 3 !== 2) keptDockerChains += sameChainsKept(last, incremental, `after "${edit.name}" (edit ${k})`);
        for (const f of incremental.findings) codes.add(f.code);
        if (incremental.analysis.reused > 0) reusedSome++;
        if (incremental.analysis.reused > 0 && k % 3 === 2) reusedAfterRuleset++;
        if (incremental.analysis.reused < incremental.analysis.reaches.size) recomputedSome++;
        last = incremental;
      }
      // The test must exercise both ways: kept results and recomputed ones.
      assert.ok(reusedSome >= EDITS.length, `results were reused after only ${reusedSome} edits`);
      assert.ok(recomputedSome > 0, 'no edit led to a recomputation');
      assert.ok(reusedAfterRuleset > 0, 'no edit of the ruleset kept any result');
      // (Docker's iptables rules are rendered through a memo of their lines, its nftables rules lowered anew)
      if (c.backend !== 'nftables') assert.ok(keptDockerChains > 0, "no compose edit kept a chain of Docker's");
      // and the findings that keep what they read across analyses (DW003's hits, DW005's chains) were made
      for (const code of c.codes) assert.ok(codes.has(code), `no ${code} finding after any edit (${[...codes].join(', ')})`);
    });
  it('an edit taken back takes the results of the analysis before it; the other ranges to the same container ports keep theirs', () => {
    const { run } = session(cases[0], langs);
    const base = composeProject(24, 11);
    // a range of three host ports made one longer: compose refuses it, and the service's bindings go
    const m = /"(\d+)-(\d+):(8000-8002)"/.exec(base);
    assert.ok(m, 'the generated project has a range to 8000-8002');
    assert.ok(base.split('8000-8002').length > 2, 'and another range to the same container ports');
    const broken = base.replace(m[0], `"${m[1]}-${Number(m[2]) + 1}:${m[3]}"`);
    let last = run(base);
    for (const [k, text] of [broken, base, broken, base].entries()) {
      const incremental = run(text, last);
      const fresh = run(text);
      const a = snapshot(incremental);
      const b = snapshot(fresh);
      if (a !== b) assert.fail(`step ${k}: the incremental analysis differs: ${firstDifference(a, b)}`);
      // (the rules that went or came back match only their own container's address: every other result is kept,
      // and the range's own come back from the analysis before)
      assert.equal(incremental.analysis.reused, incremental.analysis.reaches.size, `step ${k}: ${incremental.analysis.reused} of ${incremental.analysis.reaches.size} kept`);
      if (k % 2 === 0) assert.ok(incremental.analysis.earlier && incremental.analysis.earlier.reaches.size > 0, `step ${k}: the range's results are kept for the next analysis`);
      last = incremental;
    }
  });
});
