/**
 * Rule synthesis against Docker's own generated rulesets (shared/docker-golden: 28.0, 28.2, 29.0,
 * iptables and nftables) and against real `nft list ruleset` dumps of Docker 24 under iptables-nft
 * (shared/seed). Every scenario has a fixture input in fixtures/docker/<version>/<backend>/; the
 * expected rules are read from the markdown at test time, and our printed output is parsed back
 * and compared chain by chain, in order (counters ignored).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  defaultHostConfig,
  iptSpecAsNft,
  parseNetworkJson,
  renderIptablesSave,
  renderNft,
  synthesizeDockerRules,
  type DockerRuleset,
} from '../../server/src/core/docker/index';
import { lowerIptablesFast, lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import type { Languages } from '../../server/src/core/syntax/languages';
import { languages } from '../../server/src/host/assets';

const repoRoot = path.resolve(__dirname, '../..');
const shared = path.resolve(repoRoot, '../shared');
const goldenRoot = path.join(shared, 'docker-golden');
const fixtureRoot = path.join(__dirname, 'fixtures/docker');

/** Scenarios we do not synthesize, with the reason. */
const SKIPPED: Record<string, string> = {
  'swarm-portmap': 'needs Swarm: ingress network, docker_gwbridge and DOCKER-INGRESS are not modelled (Swarm services, not bridge networks)',
};

interface IptTableText {
  policies: Map<string, string>;
  userChains: string[];
  rules: Map<string, string[]>;
}

/** Parses `-P`/`-N`/`-A` lines (iptables -S / iptables-save bodies). */
function parseIptLines(lines: string[]): IptTableText {
  const t: IptTableText = { policies: new Map(), userChains: [], rules: new Map() };
  for (const raw of lines) {
    const l = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^-P (\S+) (\S+)$/.exec(l)) || (m = /^:(\S+) (ACCEPT|DROP) \[\d+:\d+\]$/.exec(l))) t.policies.set(m[1], m[2]);
    else if ((m = /^-N (\S+)$/.exec(l)) || (m = /^:(\S+) - \[\d+:\d+\]$/.exec(l))) t.userChains.push(m[1]);
    else if ((m = /^-A (\S+) /.exec(l))) {
      const list = t.rules.get(m[1]) ?? [];
      list.push(l);
      t.rules.set(m[1], list);
    }
  }
  return t;
}

/** The "iptables commands" blocks of a golden markdown, by table (excerpt blocks without -P are ignored). */
function goldenIptables(md: string): Map<string, IptTableText> {
  const blocks: string[][] = [];
  let cur: string[] | undefined;
  for (const line of md.split('\n')) {
    if (/^\s{4}-[PNA] /.test(line)) (cur ??= []).push(line);
    else if (cur) {
      blocks.push(cur);
      cur = undefined;
    }
  }
  if (cur) blocks.push(cur);
  const out = new Map<string, IptTableText>();
  for (const b of blocks) {
    const t = parseIptLines(b);
    const p = t.policies;
    const table = p.has('FORWARD') ? 'filter' : p.has('POSTROUTING') ? 'nat' : p.has('PREROUTING') && p.has('OUTPUT') && !p.has('INPUT') ? 'raw' : undefined;
    if (table && !out.has(table)) out.set(table, t);
  }
  return out;
}

function ourIptables(text: string): Map<string, IptTableText> {
  const out = new Map<string, IptTableText>();
  let name: string | undefined;
  let lines: string[] = [];
  for (const l of text.split('\n')) {
    if (l.startsWith('*')) ((name = l.slice(1)), (lines = []));
    else if (l === 'COMMIT' && name) out.set(name, parseIptLines(lines));
    else lines.push(l);
  }
  return out;
}

interface NftTableText {
  header: string;
  maps: Map<string, string[]>;
  chainOrder: string[];
  chains: Map<string, string[]>;
}

const normNft = (l: string): string =>
  l
    .trim()
    .replace(/counter packets \d+ bytes \d+/g, 'counter')
    .replace(/^(type nat hook output priority) (?:dstnat|-100);/, '$1 dstnat;');

/** Parses one `table ... { ... }` listing (4-space or tab indented). */
function parseNftTable(lines: string[]): NftTableText {
  const t: NftTableText = { header: normNft(lines[0] ?? ''), maps: new Map(), chainOrder: [], chains: new Map() };
  let chain: string | undefined;
  let map: string | undefined;
  let elements = '';
  for (const raw of lines.slice(1)) {
    const l = normNft(raw);
    let m: RegExpExecArray | null;
    if ((m = /^chain (\S+) \{$/.exec(l))) {
      chain = m[1];
      t.chainOrder.push(chain);
      t.chains.set(chain, []);
    } else if ((m = /^map (\S+) \{$/.exec(l))) {
      map = m[1];
      elements = '';
    } else if (l === '}') {
      if (map) {
        const els = /elements = \{(.*)\}/.exec(elements)?.[1] ?? '';
        t.maps.set(
          map,
          els
            .split(',')
            .map((x) => x.trim())
            .filter((x) => x !== ''),
        );
      }
      chain = undefined;
      map = undefined;
    } else if (map) elements += ' ' + l;
    else if (chain && l !== '') t.chains.get(chain)!.push(l);
  }
  return t;
}

/** The first complete `table <family> <name> {` listing in a text. */
function firstNftTable(text: string, header: string): NftTableText | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${header} {`);
  if (start < 0) return undefined;
  const indent = /^\s*/.exec(lines[start])![0];
  const end = lines.findIndex((l, i) => i > start && l === `${indent}}`);
  return parseNftTable(lines.slice(start, end));
}

function loadFixture(file: string): { ruleset: DockerRuleset; fixture: Record<string, unknown>; messages: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const nj = parseNetworkJson(text, file);
  const r = synthesizeDockerRules({
    version: nj.value.version ?? '29',
    daemon: nj.value.daemon ?? defaultHostConfig,
    host: nj.value.host,
    networks: nj.value.networks,
  });
  const messages = [...nj.diagnostics, ...r.diagnostics].filter((d) => d.severity === 'error').map((d) => d.message);
  return { ruleset: r.value, fixture: JSON.parse(text) as Record<string, unknown>, messages };
}

/** Checks the fixture against the scenario's own description (docker network create / run lines). */
function checkDescription(md: string, fixture: Record<string, unknown>): void {
  type Net = { bridge?: string; subnet?: string; gateway?: string; internal?: boolean; options?: Record<string, string>; endpoints?: { ports?: string[] }[] };
  const nets = (fixture.networks ?? []) as Net[];
  const errata = (fixture.descriptionErrata ?? {}) as Record<string, string[]>;
  const text = md.replace(/\\\n\s*/g, ' ');
  for (const m of text.matchAll(/docker network create ([^\n]*)/g)) {
    const args = m[1];
    const bridge = /com\.docker\.network\.bridge\.name=(\S+)/.exec(args)?.[1];
    const net = nets.find((n) => n.bridge === bridge);
    assert.ok(net, `fixture has no network with bridge ${bridge}`);
    assert.equal(net.subnet, /--subnet (\S+)/.exec(args)?.[1], `subnet of ${bridge}`);
    assert.equal(net.gateway, /--gateway (\S+)/.exec(args)?.[1], `gateway of ${bridge}`);
    assert.equal(net.internal ?? false, /--internal/.test(args), `internal of ${bridge}`);
    for (const o of args.matchAll(/-o (\S+)=(\S+)/g)) {
      if (o[1] === 'com.docker.network.bridge.name' || errata[bridge!]?.includes(o[1])) continue;
      assert.equal(net.options?.[o[1]], o[2], `option ${o[1]} of ${bridge}`);
    }
  }
  for (const m of text.matchAll(/docker run --network (\S+)((?: -p \S+)*)/g)) {
    const net = nets.find((n) => n.bridge === m[1]);
    assert.ok(net, `fixture has no network ${m[1]}`);
    const want = [...m[2].matchAll(/-p (\S+)/g)].map((x) => x[1]);
    const have = (net.endpoints ?? []).flatMap((e) => e.ports ?? []);
    assert.deepEqual(have, want, `published ports on ${m[1]}`);
  }
  const proxyOff = /dockerd --userland-proxy=false/.test(text);
  assert.equal(((fixture.daemon ?? {}) as Record<string, unknown>)['userland-proxy'] === false, proxyOff, 'userland-proxy');
}

describe('docker synthesis vs moby generated rulesets', function () {
  let langs: Languages;
  before(async () => {
    langs = await languages();
  });
  if (!fs.existsSync(goldenRoot)) {
    it('needs ../shared/docker-golden', function () {
      this.skip();
    });
    return;
  }
  for (const version of fs.readdirSync(goldenRoot).filter((d) => /^\d/.test(d)).sort()) {
    for (const backend of fs.readdirSync(path.join(goldenRoot, version)).sort()) {
      describe(`${version} ${backend}`, () => {
        const dir = path.join(goldenRoot, version, backend);
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
          const scenario = file.replace(/\.md$/, '');
          const md = fs.readFileSync(path.join(dir, file), 'utf8');
          if (SKIPPED[scenario]) {
            it(`${scenario} (skipped: ${SKIPPED[scenario]})`, function () {
              this.skip();
            });
            continue;
          }
          const fixtureFile = path.join(fixtureRoot, version, backend, `${scenario}.json`);
          it(scenario, () => {
            assert.ok(fs.existsSync(fixtureFile), `missing fixture ${path.relative(repoRoot, fixtureFile)}`);
            const { ruleset, fixture, messages } = loadFixture(fixtureFile);
            assert.deepEqual(messages, []);
            checkDescription(md, fixture);
            if (backend === 'nftables') {
              const want = firstNftTable(md, 'table ip docker-bridges');
              assert.ok(want, 'golden has a table ip docker-bridges listing');
              assert.equal(ruleset.backend, 'nftables');
              const got = firstNftTable(renderNft(ruleset.nftables), 'table ip docker-bridges');
              assert.ok(got);
              assert.deepEqual(got.chainOrder, want.chainOrder, 'chain order');
              for (const c of want.chainOrder) assert.deepEqual(got.chains.get(c), want.chains.get(c), `chain ${c}`);
              assert.deepEqual([...got.maps.entries()], [...want.maps.entries()], 'verdict maps');
              return;
            }
            const want = goldenIptables(md);
            assert.ok(want.size > 0, 'golden has iptables command blocks');
            const got = ourIptables(renderIptablesSave(ruleset.iptables.ipv4, { allBuiltins: true }));
            for (const [table, w] of want) {
              const g = got.get(table);
              assert.ok(g, `we print table ${table}`);
              assert.deepEqual([...g.userChains].sort(), [...w.userChains].sort(), `${table}: user chains`);
              for (const [chain, policy] of w.policies) assert.equal(g.policies.get(chain), policy, `${table} ${chain} policy`);
              const chains = new Set([...w.rules.keys(), ...g.rules.keys()]);
              for (const c of chains) assert.deepEqual(g.rules.get(c) ?? [], w.rules.get(c) ?? [], `${table} chain ${c}`);
            }
            // The analysis lowers Docker's rendered rules with the line reader: it must take them
            // all, and give what the tree-sitter path gives.
            for (const [family, tables] of [['ip', ruleset.iptables.ipv4], ['ip6', ruleset.iptables.ipv6]] as const) {
              if (!tables.length) continue;
              const text = renderIptablesSave(tables);
              const how = { family, noflush: true };
              const fast = lowerIptablesFast('<docker>', text, how);
              assert.ok(fast, `the line reader takes Docker's ${family} rules`);
              assert.deepEqual(fast, lowerIptablesText('<docker>', text, langs, how, Infinity));
            }
          });
        }
      });
    }
  }
});

describe('docker synthesis vs Docker 24 dumps under iptables-nft (seed)', function () {
  const seedFile = path.join(shared, 'seed/docker-firewall-hole.ja.txt');
  if (!fs.existsSync(seedFile)) {
    it('needs ../shared/seed', function () {
      this.skip();
    });
    return;
  }
  const seed = fs.readFileSync(seedFile, 'utf8');
  // The three `nft -s list ruleset` dumps, in order: daemon only, `-p 8080:8080`, `-p 192.0.2.100:8080:8080`.
  const dumps: string[] = [];
  const lines = seed.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('# sudo nft -s list ruleset')) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j] === '' || /^(table |\s|\})/.test(lines[j])); j++) body.push(lines[j]);
    dumps.push(body.join('\n'));
  }
  const cases: { name: string; ports: string[] }[] = [
    { name: 'daemon started, no container', ports: [] },
    { name: 'docker run -p 8080:8080', ports: ['8080:8080'] },
    { name: 'docker run -p 192.0.2.100:8080:8080', ports: ['192.0.2.100:8080:8080'] },
  ];
  it('finds the three dumps', () => assert.equal(dumps.length, 3));
  cases.forEach((c, k) => {
    it(c.name, () => {
      const nj = parseNetworkJson(JSON.stringify({ networks: c.ports.length ? [{ name: 'bridge', endpoints: [{ container: 'test', ports: c.ports }] }] : [] }), 'seed.json');
      const r = synthesizeDockerRules({ version: '24.0.3', daemon: defaultHostConfig, networks: nj.value.networks });
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
      assert.equal(r.value.iptables.ipv6.length, 0, 'ip6tables is off by default before 27');
      for (const table of ['nat', 'filter'] as const) {
        const want = firstNftTable(dumps[k], `table ip ${table}`);
        assert.ok(want, `dump has table ip ${table}`);
        const ours = r.value.iptables.ipv4.find((t) => t.name === table)!;
        const gotChains = ours.chains.filter((ch) => ch.rules.length > 0 || !ch.builtin).map((ch) => ch.name).sort();
        assert.deepEqual(gotChains, [...want.chainOrder].sort(), `${table}: chains`);
        for (const ch of ours.chains) {
          const w = want.chains.get(ch.name);
          if (!w) continue;
          const base = w.filter((l) => l.startsWith('type '));
          if (ch.builtin) assert.match(base[0] ?? '', new RegExp(`policy ${(ch.policy ?? 'ACCEPT').toLowerCase()};$`), `${table} ${ch.name} policy`);
          const strip = (l: string): string => l.replace(/ counter/g, '');
          assert.deepEqual(
            ch.rules.map((x) => strip(iptSpecAsNft(x.spec, 'ipv4'))),
            w.filter((l) => !l.startsWith('type ')).map(strip),
            `${table} chain ${ch.name}`,
          );
        }
      }
    });
  });
});
