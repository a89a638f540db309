/**
 * Rootful Podman with netavark 1.16's nftables driver (`firewall_driver = "nftables"`): the
 * synthesized `inet netavark` table against netavark's own test expectations
 * (fixtures/podman/netavark-1.16-nftables-simple-bridge.txt), its lowering by the project's nft
 * reader, and the analysis of a published port on an INPUT-drop host. The real kernel's verdicts on
 * the same table are test/kernel's scenario podman-nft.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { check } from '../../server/src/core/check';
import { renderNft } from '../../server/src/core/docker';
import { applyEdits } from '../../server/src/core/findings';
import { netavarkNftChain, PODMAN_DEFAULT_NETWORK_ID, synthesizePodmanRules } from '../../server/src/core/podman';
import { languages } from '../../server/src/host/assets';

const FIX = path.join(__dirname, 'fixtures', 'podman');

/** `nft list chain` blocks of a listing, by chain name, as trimmed lines (the table and chain braces included). */
function chainListings(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const lines = text.split('\n').filter((l) => !l.startsWith('#') && l.trim() !== '');
  let cur: string[] | undefined;
  let name = '';
  for (const l of lines) {
    const t = l.trim();
    const m = /^chain (\S+) \{$/.exec(t);
    if (m) {
      name = m[1];
      cur = ['table inet netavark {', t];
      continue;
    }
    if (!cur) continue;
    if (t === '}' && name) {
      cur.push('}', '}');
      out.set(name, cur);
      cur = undefined;
      name = '';
      continue;
    }
    cur.push(t);
  }
  return out;
}

describe('podman: netavark 1.16 nftables driver', () => {
  const simpleBridge = synthesizePodmanRules({
    config: { networkBackend: 'netavark', firewallDriver: 'nftables', defaultSubnet: '10.88.0.0/16', subnetPools: [], rootless: false, sources: {} },
    networks: [{ name: 'podman', endpoints: [{ container: 'c1' }] }],
    networkIds: new Map([['podman', '53ce4390']]),
  });

  it('names chains as netavark does (podman network: 2f259bab, 10.88.0.0/16 → 10_88_0_0_nm16)', () => {
    assert.equal(netavarkNftChain(PODMAN_DEFAULT_NETWORK_ID, '10.88.0.0/16', true), 'nv_2f259bab_10_88_0_0_nm16_dnat');
    assert.equal(netavarkNftChain('53ce4390ab', '10.89.1.0/24'), 'nv_53ce4390_10_89_1_0_nm24');
  });

  it('gives the chains of netavark\'s "simple bridge" test, line by line', () => {
    assert.equal(simpleBridge.value.backend, 'nftables');
    assert.deepEqual(simpleBridge.diagnostics, []);
    const expected = chainListings(readFileSync(path.join(FIX, 'netavark-1.16-nftables-simple-bridge.txt'), 'utf8'));
    const ours = chainListings(renderNft(simpleBridge.value.nftables));
    assert.deepEqual([...expected.keys()], ['POSTROUTING', 'nv_53ce4390_10_88_0_0_nm16', 'FORWARD']);
    for (const [name, lines] of expected) {
      const got = ours.get(name)!;
      assert.ok(got, `chain ${name} missing`);
      // As the test does: each asserted line at its position, and the line count.
      lines.forEach((l, i) => assert.equal(got[i], l, `${name} line ${i}`));
      assert.equal(got.length, lines.length, `${name}: ${got.join(' | ')}`);
    }
  });

  it('creates the table\'s chains in netavark\'s order, base chains with netavark\'s hooks and priorities', () => {
    const t = simpleBridge.value.nftables[0];
    assert.equal(`${t.family} ${t.name}`, 'inet netavark');
    assert.deepEqual(
      t.chains.map((c) => (c.base ? `${c.name}:${c.base.type}/${c.base.hook}/${c.base.priority}/${c.base.policy}` : c.name)),
      ['INPUT:filter/input/filter/accept', 'FORWARD:filter/forward/filter/accept', 'POSTROUTING:nat/postrouting/srcnat/accept', 'PREROUTING:nat/prerouting/dstnat/accept', 'OUTPUT:nat/output/dstnat/accept', 'NETAVARK-HOSTPORT-DNAT', 'NETAVARK-HOSTPORT-SETMARK', 'NETAVARK-ISOLATION-1', 'NETAVARK-ISOLATION-2', 'NETAVARK-ISOLATION-3', 'nv_53ce4390_10_88_0_0_nm16'],
    );
    assert.deepEqual(t.chains.find((c) => c.name === 'NETAVARK-ISOLATION-3')!.rules.map((r) => r.text), ['oifname "podman0" drop', 'jump NETAVARK-ISOLATION-2']);
  });

  it('published ports: DNAT jump per port, the per-network _dnat chain (marks, then dnat ip to), bound address as ip daddr', () => {
    const r = synthesizePodmanRules({
      config: { networkBackend: 'netavark', firewallDriver: 'nftables', defaultSubnet: '10.88.0.0/16', subnetPools: [], rootless: false, sources: {} },
      networks: [{ name: 'podman', endpoints: [{ container: 'db', ports: [{ hostPort: 5432, containerPort: 5432, proto: 'tcp' }, { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, proto: 'tcp' }] }] }],
    });
    const t = r.value.nftables[0];
    const rules = (n: string) => t.chains.find((c) => c.name === n)!.rules.map((x) => x.text);
    assert.deepEqual(rules('NETAVARK-HOSTPORT-DNAT'), ['tcp dport 5432 jump nv_2f259bab_10_88_0_0_nm16_dnat', 'ip daddr 127.0.0.1 tcp dport 8080 jump nv_2f259bab_10_88_0_0_nm16_dnat']);
    assert.deepEqual(rules('nv_2f259bab_10_88_0_0_nm16_dnat'), [
      'ip saddr 10.88.0.0/16 tcp dport 5432 jump NETAVARK-HOSTPORT-SETMARK',
      'ip saddr 127.0.0.1 tcp dport 5432 jump NETAVARK-HOSTPORT-SETMARK',
      'tcp dport 5432 dnat ip to 10.88.0.2:5432',
      'ip saddr 10.88.0.0/16 ip daddr 127.0.0.1 tcp dport 8080 jump NETAVARK-HOSTPORT-SETMARK',
      'ip saddr 127.0.0.1 ip daddr 127.0.0.1 tcp dport 8080 jump NETAVARK-HOSTPORT-SETMARK',
      'ip daddr 127.0.0.1 tcp dport 8080 dnat ip to 10.88.0.2:80',
    ]);
    assert.deepEqual(rules('PREROUTING'), ['fib daddr type local jump NETAVARK-HOSTPORT-DNAT']);
    assert.deepEqual(rules('OUTPUT'), ['fib daddr type local jump NETAVARK-HOSTPORT-DNAT']);
    assert.deepEqual(rules('NETAVARK-HOSTPORT-SETMARK'), ['meta mark set meta mark | 0x00002000']);
  });

  it('an internal network adds nothing to the table (netavark\'s "internal network" test)', () => {
    const r = synthesizePodmanRules({
      config: { networkBackend: 'netavark', firewallDriver: 'nftables', defaultSubnet: '10.88.0.0/16', subnetPools: [{ base: '10.89.0.0/16', size: 24 }], rootless: false, sources: {} },
      networks: [
        { name: 'podman', endpoints: [{ container: 'a', order: 1 }] },
        { name: 'back', internal: true, endpoints: [{ container: 'a', order: 1 }, { container: 'b', order: 2 }] },
      ],
    });
    const listing = renderNft(r.value.nftables);
    assert.match(listing, /ip saddr 10\.88\.0\.0\/16 accept/);
    assert.doesNotMatch(listing, /10\.89\.|podman1/);
  });

  describe('analysis (fixtures/podman/nftables: compose.yaml, containers.conf with firewall_driver "nftables", an INPUT-drop nftables.conf)', () => {
    const dir = path.join(FIX, 'nftables');
    const compose = path.join(dir, 'compose.yaml');
    /** The fixture folder as check reads it, with files replaced by `over`. */
    const run = async (over: Record<string, string> = {}) =>
      check({
        reader: { read: (f) => over[f] ?? (existsSync(f) ? readFileSync(f, 'utf8') : undefined), exists: (f) => f in over || existsSync(f) },
        cwd: dir,
        env: {},
        languages: await languages(),
        composeFiles: [compose],
        rulesetFiles: [path.join(dir, 'nftables.conf')],
        containersConf: path.join(dir, 'containers.conf'),
        containerEngine: 'podman',
      });

    it('the table lowers without errors (the project reads what it renders)', async () => {
      const r = await run();
      assert.ok(r.analysis.dockerSources.some((s) => /^table inet netavark \{/.test(s.text)), r.analysis.dockerSources.map((s) => s.file).join(','));
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
    });

    it('`5432:5432`: DW001 (the DNAT bypasses input), fixed by binding to 127.0.0.1; the driver is announced', async () => {
      const r = await run();
      assert.ok(r.diagnostics.some((d) => d.code === 'assumed-engine' && /netavark 1\.16 nftables driver/.test(d.message) && /not run on a real host/.test(d.message)), r.diagnostics.map((d) => d.message).join('\n'));
      assert.ok(!r.diagnostics.some((d) => /firewall_driver .* is not modelled/.test(d.message)));
      const f = r.findings.find((x) => x.code === 'DW001');
      assert.ok(f, r.findings.map((x) => `${x.code} ${x.message}`).join('\n'));
      const text = readFileSync(compose, 'utf8');
      assert.equal(text.slice(f.span.start, f.span.end), '"5432:5432"');
      assert.match(f.message, /Podman DNATs/);
      const fixed = applyEdits(text, f.fixes!.find((x) => x.preferred)!.edits);
      assert.match(fixed, /"127\.0\.0\.1:5432:5432"/);
      const again = await run({ [compose]: fixed });
      assert.ok(!again.findings.some((x) => x.code === 'DW001'), again.findings.map((x) => `${x.code} ${x.message}`).join('\n'));
      assert.ok(again.analysis.dockerSources.some((s) => /ip daddr 127\.0\.0\.1 tcp dport 5432 dnat ip to/.test(s.text)));
    });
  });
});
