/**
 * Rootful Podman with netavark 1.4: the synthesized iptables rules against netavark's real dump
 * (fixtures/podman/, taken with shared/tools/realpodman), and the analysis of a published port on an
 * INPUT-drop host (DW001 with the bind-to-127.0.0.1 fix). The real-host suite is test/realpodman.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check } from '../../server/src/core/check';
import { renderIptablesSave } from '../../server/src/core/docker';
import { applyEdits } from '../../server/src/core/findings';
import { contains, parseIp } from '../../server/src/core/net/ip';
import { netavarkChainHash, parseContainersConf, sha512Hex, synthesizePodmanRules } from '../../server/src/core/podman';
import { loadQuadlet } from '../../server/src/core/podman/quadlet';
import { languages } from '../../server/src/host/assets';

const FIX = path.join(__dirname, 'fixtures', 'podman');

/** `-A` lines per table with container IDs blanked, as a sorted list. */
function rules(save: string): string[] {
  let table = '';
  const out: string[] = [];
  for (const l of save.split('\n')) {
    if (l.startsWith('*')) table = l.slice(1);
    if (l.startsWith('-A ')) out.push(`${table} ${l.replace(/id: [^"]+"/, 'id: ID"')}`);
  }
  return out.sort();
}

describe('podman: netavark 1.4 iptables synthesis', () => {
  it('names chains after the SHA-512 of the network name, as netavark does', () => {
    assert.equal(sha512Hex(''), 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e');
    assert.equal(netavarkChainHash('podman'), '1D8721804F16F');
    assert.equal(netavarkChainHash('dwnet'), 'C1E390DD543FA');
    assert.equal(netavarkChainHash('proj_default'), '89A62A16D6BFC');
  });

  it('gives the rules of the real dump, rule by rule (one port range aside)', () => {
    const real = readFileSync(path.join(FIX, 'netavark-1.4-iptables-save.txt'), 'utf8');
    const r = synthesizePodmanRules({
      host: { existingNetworks: [{ name: 'dwnet', subnet: '10.89.0.0/24', bridge: 'podman1' }] },
      networks: [
        {
          name: 'proj_default',
          endpoints: [{ container: 'proj_db_1', order: 0, ports: [{ hostPort: 5432, containerPort: 5432 }, { hostIp: '127.0.0.1', hostPort: 6379, containerPort: 6379 }, { hostPort: 8443, containerPort: 443, proto: 'udp' }] }],
        },
        { name: 'dwnet', endpoints: [{ container: 'web', order: 1, ports: [{ hostPort: 8080, containerPort: 80 }] }] },
      ],
    });
    assert.deepEqual(r.diagnostics, []);
    const got = rules(renderIptablesSave(r.value.iptables.ipv4));
    // podman passes `9000-9001:9000-9001` to netavark as one range (one rule per chain); the
    // compose model publishes ports one by one, so the range's rules are left out of the comparison.
    const want = rules(real).filter((l) => !/9000:9001/.test(l));
    assert.equal(rules(real).length - want.length, 4);
    assert.deepEqual(got, want);
    // Order within the built-in chains and per-network chains is netavark's.
    const chain = (save: string, name: string) => save.split('\n').filter((l) => l.startsWith(`-A ${name} `));
    const text = renderIptablesSave(r.value.iptables.ipv4);
    for (const c of ['NETAVARK_FORWARD', 'POSTROUTING', 'NETAVARK-89A62A16D6BFC']) assert.deepEqual(chain(text, c), chain(real, c), c);
    assert.deepEqual(
      r.value.networks.map((n) => [n.name, n.bridge, n.v4?.cidr]),
      [
        ['proj_default', 'podman2', '10.89.1.0/24'],
        ['dwnet', 'podman1', '10.89.0.0/24'],
      ],
    );
  });

  it('rootless: no rules, ports served on the host (INPUT decides), said so', () => {
    const r = synthesizePodmanRules({
      config: { networkBackend: 'netavark', defaultSubnet: '10.88.0.0/16', subnetPools: [{ base: '10.89.0.0/16', size: 24 }], rootless: true, sources: {} },
      networks: [{ name: 'p_default', endpoints: [{ container: 'p_db_1', ports: [{ hostPort: 5432, containerPort: 5432 }] }] }],
    });
    assert.deepEqual(r.value.iptables.ipv4, []);
    assert.deepEqual(r.value.bindings.map((b) => [b.hostPort, b.path, b.proxy]), [[5432, 'proxy-only', true]]);
    assert.ok(r.diagnostics.some((d) => /rootless Podman/.test(d.message)));
  });
});

describe('podman: firewall_driver none', () => {
  it('installs no rules and serves no port', () => {
    const r = synthesizePodmanRules({
      config: { networkBackend: 'netavark', firewallDriver: 'none', defaultSubnet: '10.88.0.0/16', subnetPools: [{ base: '10.89.0.0/16', size: 24 }], rootless: false, sources: {} },
      networks: [{ name: 'p_default', endpoints: [{ container: 'p_db_1', ports: [{ hostPort: 5432, containerPort: 5432 }] }] }],
    });
    assert.deepEqual(r.value.iptables.ipv4, []);
    assert.deepEqual(r.value.bindings.map((b) => [b.path, b.proxy]), [['proxy-only', false]]);
    assert.ok(r.diagnostics.some((d) => /firewall_driver "none"/.test(d.message)));
  });
});

describe('podman: analysis', () => {
  const compose = 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n';
  const admin = 'table inet filter {\n  chain input {\n    type filter hook input priority filter; policy drop;\n    iif "lo" accept\n    ct state established,related accept\n    tcp dport 22 accept\n  }\n}\n';
  const run = async (files: Record<string, string>, rootless = false) =>
    check({
      reader: { read: (f) => files[f], exists: (f) => f in files },
      cwd: '/p',
      env: {},
      languages: await languages(),
      composeFiles: ['/p/compose.yaml'],
      rulesetFiles: ['/p/admin.nft'],
      containerEngine: 'podman',
      podman: rootless ? { config: { networkBackend: 'netavark', defaultSubnet: '10.88.0.0/16', subnetPools: [], rootless: true, sources: {} } } : undefined,
    });

  it('an INPUT-drop host and `5432:5432` run by rootful Podman: DW001, fixed by binding to 127.0.0.1', async () => {
    const files = { '/p/compose.yaml': compose, '/p/admin.nft': admin };
    const r = await run(files);
    const f = r.findings.find((x) => x.code === 'DW001');
    assert.ok(f, r.findings.map((x) => x.code).join(','));
    assert.equal(compose.slice(f.span.start, f.span.end), '"5432:5432"');
    assert.match(f.explanation ?? '', /but Podman rewrites their destination/);
    assert.ok(r.diagnostics.some((d) => d.code === 'assumed-engine' && /netavark 1\.4/.test(d.message)));
    assert.ok(r.analysis.dockerSources.some((s) => /NETAVARK-HOSTPORT-DNAT/.test(s.text)));
    const fix = f.fixes!.find((x) => x.preferred)!;
    const fixed = applyEdits(compose, fix.edits);
    assert.match(fixed, /"127\.0\.0\.1:5432:5432"/);
    const again = await run({ ...files, '/p/compose.yaml': fixed });
    assert.ok(!again.findings.some((x) => x.code === 'DW001'));
  });

  it('podman-compose 1.0.3: the only declared network is every service\'s default; ipam is not passed', async () => {
    const two = 'services:\n  b:\n    image: x\n    ports: ["8080:80"]\n  a:\n    image: x\n    ports: ["9090:90"]\n    networks: [back]\nnetworks:\n  back:\n    ipam:\n      config:\n        - subnet: 172.30.0.0/16\n';
    const r = await run({ '/p/compose.yaml': two, '/p/admin.nft': admin });
    assert.deepEqual(r.analysis.docker.networks.map((n) => [n.name, n.bridge, n.v4?.cidr, n.endpoints.map((e) => `${e.container}@${e.ipv4 ? `${e.ipv4.n & 255n}` : ''}`).join(' ')]), [['p_back', 'podman1', '10.89.0.0/24', 'p_a_1@2 p_b_1@3']]);
    assert.ok(r.diagnostics.some((d) => d.code === 'podman-compose' && /without its ipam/.test(d.message)));
  });

  it('an admin iptables file adding to NETAVARK_FORWARD is loaded after netavark, and its drop closes the port', async () => {
    const files: Record<string, string> = { '/p/compose.yaml': compose, '/p/admin.nft': admin, '/p/rules.v4': '*filter\n-A NETAVARK_FORWARD -p tcp -m tcp --dport 5432 -j DROP\nCOMMIT\n' };
    const r = check({ reader: { read: (f) => files[f], exists: (f) => f in files }, cwd: '/p', env: {}, languages: await languages(), composeFiles: ['/p/compose.yaml'], rulesetFiles: ['/p/admin.nft', '/p/rules.v4'], containerEngine: 'podman' });
    assert.ok(r.analysis.sources.find((x) => x.file === '/p/rules.v4')?.afterDocker);
    // A client outside the containers' subnet is dropped there (the subnet's own sources are accepted before it).
    const client = parseIp('203.0.113.7')!;
    const cls = r.analysis.ports[0].probes.flatMap((p) => p.classes).filter((c) => c.sources.some((iv) => contains(iv, client)));
    assert.ok(cls.length > 0 && cls.every((c) => c.verdict === 'drop' && /NETAVARK_FORWARD -p tcp -m tcp --dport 5432 -j DROP/.test(c.reason?.message ?? '')), JSON.stringify(cls.map((c) => c.reason)));
  });

  it('rootless Podman: the INPUT drop holds, no DW001', async () => {
    const r = await run({ '/p/compose.yaml': compose, '/p/admin.nft': admin }, true);
    assert.ok(!r.findings.some((x) => x.code === 'DW001'), r.findings.map((x) => `${x.code} ${x.message}`).join('\n'));
    const p = r.analysis.ports[0];
    assert.ok(p.probes.length > 0 && p.probes.every((pr) => pr.classes.every((c) => c.verdict === 'drop')));
  });
});

describe('podman: containers.conf', () => {
  it('reads [network] firewall_driver, default_subnet, default_subnet_pools; skips other tables', () => {
    const text = '[engine]\nfirewall_driver = "nftables"\n\n[network]\n# comment\nnetwork_backend = "netavark"\nfirewall_driver = "iptables"\ndefault_subnet = "10.77.0.0/16"\ndefault_subnet_pools = [\n  {"base" = "10.91.0.0/16", "size" = 24},\n  {base = "10.92.0.0/16", size = 25},\n]\n';
    const { value, diagnostics } = parseContainersConf(text, '/etc/containers/containers.conf');
    const { sources, ...settings } = value;
    assert.deepEqual([diagnostics, settings], [[], { networkBackend: 'netavark', firewallDriver: 'iptables', defaultSubnet: '10.77.0.0/16', subnetPools: [{ base: '10.91.0.0/16', size: 24 }, { base: '10.92.0.0/16', size: 25 }], rootless: false }]);
    const r = { value: { sources } };
    assert.equal(text.slice(r.value.sources.firewall_driver.span.start, r.value.sources.firewall_driver.span.end), 'firewall_driver = "iptables"');
  });

  it('bad values are diagnostics with spans, never a throw; a user\'s file is rootless', () => {
    const text = '[network]\nfirewall_driver = "pf"\ndefault_subnet = "nope"\ndefault_subnet_pools = 3\nthis is not toml\ndefault_subnet_pools = [ {base = "10.0.0.0/8", size = 4} ]\n';
    const r = parseContainersConf(text, '/home/u/.config/containers/containers.conf');
    assert.deepEqual(
      r.diagnostics.map((d) => [d.span.range.start.line, d.severity]),
      [
        [1, 'warning'],
        [2, 'error'],
        [3, 'warning'],
        [4, 'warning'],
        [5, 'warning'],
      ],
    );
    assert.equal(r.value.rootless, true);
    assert.equal(r.value.defaultSubnet, '10.88.0.0/16');
    for (const t of ['', '[', '[network]\nx = [', '[network]\ndefault_subnet_pools = [{', '[network]\ndefault_subnet_pools = [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]']) parseContainersConf(t, 'c.conf');
  });
});

describe('podman: Quadlet', () => {
  const unit = '[Container]\nImage=postgres\nPublishPort=5432:5432\nPublishPort=127.0.0.1:6379:6379\nPublishPort=udp:x\nNetwork=back.network\n';
  const net = '[Network]\nSubnet=10.90.0.0/24\n';
  const admin = 'table inet filter {\n  chain input {\n    type filter hook input priority filter; policy drop;\n    ct state established,related accept\n  }\n}\n';

  it('PublishPort= lines are port items with exact spans; Network= joins the .network unit with its Subnet=', async () => {
    const r = loadQuadlet([
      { file: '/q/db.container', text: unit },
      { file: '/q/back.network', text: net },
    ]);
    const svc = r.value.services.get('db')!;
    assert.deepEqual(svc.ports.map((p) => unit.slice(p.source.item.start, p.source.item.end)), ['5432:5432', '127.0.0.1:6379:6379']);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.span.range.start.line]), [['quadlet', 4]]);
    assert.deepEqual([...r.value.networks.values()].map((n) => [n.name, n.ipam[0]?.subnet]), [['systemd-back', '10.90.0.0/24']]);
  });

  it('check: DW001 on the PublishPort= line with the fix in Quadlet syntax; container systemd-<unit>', async () => {
    const files: Record<string, string> = { '/q/db.container': unit.replace('PublishPort=udp:x\n', ''), '/q/back.network': net, '/q/admin.nft': admin };
    const r = check({ reader: { read: (f) => files[f], exists: (f) => f in files }, cwd: '/q', env: {}, languages: await languages(), quadletFiles: ['/q/back.network', '/q/db.container'], rulesetFiles: ['/q/admin.nft'] });
    const f = r.findings.find((x) => x.code === 'DW001');
    assert.ok(f, r.findings.map((x) => x.code).join(','));
    assert.equal(f.span.file, '/q/db.container');
    const fixed = applyEdits(files['/q/db.container'], f.fixes!.find((x) => x.preferred)!.edits);
    assert.match(fixed, /^PublishPort=127\.0\.0\.1:5432:5432$/m);
    assert.deepEqual(r.analysis.docker.networks.map((n) => [n.name, n.v4?.cidr, n.endpoints.map((e) => e.container)]), [['systemd-back', '10.90.0.0/24', ['systemd-db']]]);
    assert.equal(r.analysis.engineName, 'podman');
  });
});

describe('podman: dockwall check', () => {
  /** The installed command (bin/dockwall runs dist/, built by `npm run build`). */
  const cli = (args: string[]) => {
    const r = spawnSync(path.join(__dirname, '..', '..', 'bin', 'dockwall'), args, { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const dir = path.join(FIX, 'quadlet');

  it('a folder with Quadlet units and containers.conf but no daemon.json: Podman, announced; DW001 on PublishPort=', async () => {
    const r = cli(['check', dir, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { findings: { code: string; file: string; line: number }[]; diagnostics: { code: string; message: string }[] };
    assert.ok(doc.diagnostics.some((d) => d.code === 'assumed-engine' && /Podman is assumed/.test(d.message)));
    const f = doc.findings.find((x) => x.code === 'DW001');
    assert.ok(f && f.file.endsWith('db.container') && f.line === 6, JSON.stringify(doc.findings));
  });

  it('--engine docker does not read Quadlet units (Docker cannot run them); a bad --engine is a usage error', async () => {
    const r = cli(['check', dir, '--engine', 'docker']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no compose file/);
    const bad = cli(['check', dir, '--engine', 'lxc']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown engine 'lxc'/);
  });
});

describe('podman: Quadlet PublishPort= is read as the -p (compose short) syntax', () => {
  it('.pod and .kube units are not analysed, and say so (at the first PublishPort=, else at the start)', () => {
    const r = loadQuadlet([
      { file: '/u/db.container', text: '[Container]\nImage=x\nPublishPort=5432:5432\n' },
      { file: '/u/web.pod', text: '[Pod]\nPodName=web\nPublishPort=8080:80\n' },
      { file: '/u/app.kube', text: '[Kube]\nYaml=app.yaml\n' },
    ]);
    assert.deepEqual([...r.value.services.keys()], ['db']);
    assert.deepEqual(r.diagnostics.map((d) => [d.span.file, d.severity, d.span.range.start.line, d.span.range.start.character, d.message]), [
      ['/u/web.pod', 'information', 2, 12, 'Quadlet .pod units are not analysed: the ports this unit publishes are not checked'],
      ['/u/app.kube', 'information', 0, 0, 'Quadlet .kube units are not analysed: only .container units (with the .network units they name) are'],
    ]);
  });

  it('a range publishes each port; an IPv6 host address in brackets; a bad value is an error naming the part', () => {
    const r = loadQuadlet([{ file: '/u/db.container', text: '[Container]\nImage=x\nPublishPort=127.0.0.1:8000-8001:80-81/udp\nPublishPort=[::1]:5432:5432\nPublishPort=bad:x\n' }]);
    const ports = [...r.value.services.values()][0].ports.map((p) => `${p.hostIp}|${p.published}|${p.target}/${p.protocol}`);
    assert.deepEqual(ports, ['127.0.0.1|8000|80/udp', '127.0.0.1|8001|81/udp', '::1|5432|5432/tcp']);
    assert.deepEqual(r.diagnostics.map((d) => d.message), ['PublishPort=bad:x: invalid container port: x; expected [[ip:][hostPort]:]containerPort[/tcp|udp|sctp]']);
  });
});
