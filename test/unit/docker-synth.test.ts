/** Docker rule synthesis: parsers, address allocation, release features and layouts beyond the goldens. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bridgeNameFor,
  defaultHostConfig,
  type DockerHostConfig,
  type DockerNetworkSpec,
  type DockerRuleset,
  parseDaemonJson,
  parseNetworkJson,
  parseRelease,
  releaseFeatures,
  renderIptablesSave,
  renderNft,
  resolveNetworks,
  synthesizeDockerRules,
} from '../../server/src/core/docker/index';
import { parsePortSpec } from '../../server/src/core/docker/network-json';
import { main } from '../../server/src/cli/main';

function synth(version: string, networks: DockerNetworkSpec[], daemon: Partial<DockerHostConfig> = {}, host = {}): DockerRuleset {
  const r = synthesizeDockerRules({ version, daemon: { ...defaultHostConfig, ...daemon }, host, networks });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  return r.value;
}

/** `-A` lines of one chain. */
function chain(rs: DockerRuleset, fam: 'ipv4' | 'ipv6', table: string, name: string): string[] {
  const t = rs.iptables[fam].find((x) => x.name === table);
  return t?.chains.find((c) => c.name === name)?.rules.map((r) => r.text) ?? [];
}

function policy(rs: DockerRuleset, fam: 'ipv4' | 'ipv6'): string | undefined {
  return rs.iptables[fam].find((x) => x.name === 'filter')?.chains.find((c) => c.name === 'FORWARD')?.policy;
}

const net = (name: string, ports: string[], extra: Partial<DockerNetworkSpec> = {}): DockerNetworkSpec => {
  const nj = parseNetworkJson(JSON.stringify({ networks: [{ name, endpoints: [{ container: `${name}-c1`, ports }] }] }), 'n.json');
  return { ...nj.value.networks[0], ...extra };
};

describe('daemon.json parser', () => {
  it('reads the options that shape rules, with sources', () => {
    const text = '{\n  "ip": "127.0.0.1",\n  "userland-proxy": false,\n  "ip6tables": true,\n  "default-network-opts": {"bridge": {"com.docker.network.bridge.host_binding_ipv4": "10.0.0.1"}},\n  "firewall-backend": "nftables",\n  "bridge-accept-fwmark": "0x1/0xff"\n}\n';
    const r = parseDaemonJson(text, 'daemon.json');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.value.ip, '127.0.0.1');
    assert.equal(r.value.userlandProxy, false);
    assert.equal(r.value.ip6tables, true);
    assert.equal(r.value.firewallBackend, 'nftables');
    assert.equal(r.value.defaultNetworkOpts['com.docker.network.bridge.host_binding_ipv4'], '10.0.0.1');
    assert.equal(r.value.sources['userland-proxy'].line, 3);
    assert.equal(r.value.sources['userland-proxy'].column, 3);
  });
  it('reports bad values at their span and keeps the defaults', () => {
    const text = '{"ip": "not-an-ip", "iptables": "yes", "firewall-backend": "pf", "bip": "172.17.0.1"}';
    const r = parseDaemonJson(text, 'daemon.json');
    assert.deepEqual(
      r.diagnostics.map((d) => [d.span.start, d.span.end, d.severity]),
      [
        [7, 18, 'error'],
        [32, 37, 'error'],
        [59, 63, 'error'],
        [72, 84, 'error'],
      ],
    );
    assert.equal(r.value.ip, '0.0.0.0');
    assert.equal(r.value.iptables, true);
    assert.equal(r.value.firewallBackend, 'iptables');
  });
  it('reports a syntax error with its position', () => {
    const r = parseDaemonJson('{\n  "ip": "1.2.3.4",\n}', 'd.json');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].span.range.start.line, 2);
  });
  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseDaemonJson(s);
        parseNetworkJson(s, 'x.json');
      }),
      { numRuns: 300 },
    );
  });
});

describe('port short syntax', () => {
  const cases: [string, string][] = [
    ['8080:80', 'undefined 8080 80 tcp'],
    ['127.0.0.1:8080:80/udp', '127.0.0.1 8080 80 udp'],
    ['[::1]:6001:6001', '::1 6001 6001 tcp'],
    ['::1:6000:6000', '::1 6000 6000 tcp'],
    ['3000', 'undefined 0 3000 tcp'],
    ['127.0.0.1::80', '127.0.0.1 0 80 tcp'],
    ['9090-9091:8080-8081', 'undefined 9090 8080 tcp|undefined 9091 8081 tcp'],
    ['8000-9000:80', 'undefined 8000-9000 80 tcp'],
    ['5000/sctp', 'undefined 0 5000 sctp'],
  ];
  for (const [spec, want] of cases) {
    it(spec, () => {
      const r = parsePortSpec(spec);
      assert.equal(r.error, undefined);
      const got = r.bindings.map((b) => `${b.hostIp} ${typeof b.hostPort === 'object' ? `${b.hostPort.start}-${b.hostPort.end}` : b.hostPort} ${b.containerPort} ${b.proto}`).join('|');
      assert.equal(got, want);
    });
  }
  for (const bad of ['80/icmp', 'x:80', '1.2.3:80:80', '8000-8001:80-82', '70000']) {
    it(`rejects ${bad}`, () => assert.ok(parsePortSpec(bad).error));
  }
});

describe('network resolution (IPAM)', () => {
  it('allocates 172.18, 172.19 after docker0 and .2, .3 in creation order', () => {
    const r = resolveNetworks(defaultHostConfig, [
      { name: 'app_default', endpoints: [{ container: 'app-web-1' }, { container: 'app-db-1' }] },
      { name: 'app_back', endpoints: [{ container: 'app-db-1' }] },
    ]);
    assert.deepEqual(
      r.networks.map((n) => [n.name, n.bridge, n.v4?.cidr, n.endpoints.map((e) => e.ipv4 && `${e.container}=${e.ipv4.n & 0xffn}`).join(',')]),
      [
        ['bridge', 'docker0', '172.17.0.0/16', ''],
        ['app_default', bridgeNameFor('app_default'), '172.18.0.0/16', 'app-web-1=2,app-db-1=3'],
        ['app_back', bridgeNameFor('app_back'), '172.19.0.0/16', 'app-db-1=2'],
      ],
    );
    assert.match(bridgeNameFor('app_default'), /^br-[0-9a-f]{12}$/);
    assert.notEqual(bridgeNameFor('app_default'), bridgeNameFor('app_back'));
  });
  it('skips explicit subnets and honours bip, fixed addresses and the bridge name option', () => {
    const r = resolveNetworks({ ...defaultHostConfig, bip: '10.10.0.1/24' }, [
      { name: 'a', subnet: '172.17.0.0/16' },
      { name: 'b', options: { 'com.docker.network.bridge.name': 'br-b' }, endpoints: [{ container: 'x', ipv4: '172.18.0.2' }, { container: 'y' }] },
    ]);
    assert.deepEqual(
      r.networks.map((n) => [n.bridge, n.v4?.cidr, n.endpoints.map((e) => String(e.ipv4?.n && e.ipv4.n & 0xffn)).join(',')]),
      [
        ['docker0', '10.10.0.0/24', ''],
        [bridgeNameFor('a'), '172.17.0.0/16', ''],
        ['br-b', '172.18.0.0/16', '2,3'],
      ],
    );
  });
});

describe('release lines', () => {
  it('maps versions to layouts and DOCKER-USER RETURN', () => {
    const rows = ['20.10', '24', '27.5.1', '28.0.1', '28.1', '28.2.1', '28.2.2', '28.3', '29', 'docker-v29.0.0'].map((t) => {
      const f = releaseFeatures(parseRelease(t)!);
      return `${t}:${f.layout}:${f.userChainReturn}`;
    });
    assert.deepEqual(rows, [
      '20.10:classic:true',
      '24:classic:true',
      '27.5.1:classic:true',
      '28.0.1:forward-chains-28.0:true',
      '28.1:forward-chains-28.0:true',
      '28.2.1:forward-chains-28.2:true',
      '28.2.2:forward-chains-28.2:false',
      '28.3:forward-chains-28.2:false',
      '29:docker-internal-29:false',
      'docker-v29.0.0:docker-internal-29:false',
    ]);
    assert.equal(parseRelease('30'), undefined);
    assert.equal(parseRelease('latest'), undefined);
  });
  it('reports an unknown release and nftables before 29', () => {
    const r = synthesizeDockerRules({ version: 'banana', daemon: defaultHostConfig, networks: [] });
    assert.ok(r.diagnostics.some((d) => d.severity === 'error' && /unknown Docker release/.test(d.message)));
    const n = synthesizeDockerRules({ version: '28.2', daemon: { ...defaultHostConfig, firewallBackend: 'nftables' }, networks: [] });
    assert.equal(n.value.backend, 'iptables');
    assert.ok(n.diagnostics.some((d) => /needs Docker 29/.test(d.message)));
  });
});

describe('classic layout (20.10–27)', () => {
  it('27: FORWARD blocks per network, second network above the first, ICC drop appended', () => {
    const rs = synth('27.5', [net('n1', ['8080:80'], { bridge: 'br1', options: { 'com.docker.network.bridge.enable_icc': 'false' } }), net('n2', [], { bridge: 'br2' })]);
    assert.deepEqual(chain(rs, 'ipv4', 'filter', 'FORWARD'), [
      '-A FORWARD -j DOCKER-USER',
      '-A FORWARD -j DOCKER-ISOLATION-STAGE-1',
      '-A FORWARD -o br2 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A FORWARD -o br2 -j DOCKER',
      '-A FORWARD -i br2 ! -o br2 -j ACCEPT',
      '-A FORWARD -i br2 -o br2 -j ACCEPT',
      '-A FORWARD -o br1 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A FORWARD -o br1 -j DOCKER',
      '-A FORWARD -i br1 ! -o br1 -j ACCEPT',
      '-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A FORWARD -o docker0 -j DOCKER',
      '-A FORWARD -i docker0 ! -o docker0 -j ACCEPT',
      '-A FORWARD -i docker0 -o docker0 -j ACCEPT',
      '-A FORWARD -i br1 -o br1 -j DROP',
    ]);
    assert.deepEqual(chain(rs, 'ipv4', 'filter', 'DOCKER'), ['-A DOCKER -d 172.18.0.2/32 ! -i br1 -o br1 -p tcp -m tcp --dport 80 -j ACCEPT']);
    assert.deepEqual(chain(rs, 'ipv4', 'nat', 'POSTROUTING'), [
      '-A POSTROUTING -s 172.19.0.0/16 ! -o br2 -j MASQUERADE',
      '-A POSTROUTING -s 172.18.0.0/16 ! -o br1 -j MASQUERADE',
      '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      '-A POSTROUTING -s 172.18.0.2/32 -d 172.18.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE',
    ]);
    // 27: ip6tables on by default, isolation in both families even without IPv6 networks.
    assert.deepEqual(chain(rs, 'ipv6', 'filter', 'DOCKER-ISOLATION-STAGE-2'), ['-A DOCKER-ISOLATION-STAGE-2 -o br2 -j DROP', '-A DOCKER-ISOLATION-STAGE-2 -o br1 -j DROP', '-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP', '-A DOCKER-ISOLATION-STAGE-2 -j RETURN']);
    assert.equal(policy(rs, 'ipv4'), 'DROP');
  });
  it('20.10: no ip6tables, DOCKER-USER in IPv4 only; experimental is needed for ip6tables', () => {
    const rs = synth('20.10', []);
    assert.equal(rs.iptables.ipv6.length, 0);
    assert.deepEqual(chain(rs, 'ipv4', 'filter', 'DOCKER-USER'), ['-A DOCKER-USER -j RETURN']);
    const bad = synthesizeDockerRules({ version: '24', daemon: { ...defaultHostConfig, ip6tables: true }, networks: [] });
    assert.ok(bad.diagnostics.some((d) => /experimental/.test(d.message)));
    const ok = synth('20.10', [], { ip6tables: true, experimental: true });
    assert.ok(ok.iptables.ipv6.length > 0);
    assert.deepEqual(chain(ok, 'ipv6', 'filter', 'DOCKER-USER'), []);
  });
  it('internal network: isolation drops and ICC rule, no NAT', () => {
    const rs = synth('26', [net('int', [], { bridge: 'bri', subnet: '10.9.0.0/24', internal: true })]);
    assert.deepEqual(chain(rs, 'ipv4', 'filter', 'DOCKER-ISOLATION-STAGE-1').slice(0, 2), ['-A DOCKER-ISOLATION-STAGE-1 ! -s 10.9.0.0/24 -o bri -j DROP', '-A DOCKER-ISOLATION-STAGE-1 ! -d 10.9.0.0/24 -i bri -j DROP']);
    assert.ok(!chain(rs, 'ipv4', 'nat', 'POSTROUTING').some((r) => r.includes('bri')));
  });
});

describe('28+/29 features beyond the goldens', () => {
  const v6net = (extra: Partial<DockerNetworkSpec> = {}): DockerNetworkSpec =>
    net('v6', ['8080:80'], { bridge: 'br6', subnet: '192.0.2.0/24', enableIPv6: true, subnetV6: 'fd00:1::/64', ...extra });
  it('IPv6: DNAT skips link-local, raw drop per endpoint, both FORWARD policies DROP by default', () => {
    const rs = synth('28.2', [v6net()]);
    assert.deepEqual(chain(rs, 'ipv6', 'nat', 'DOCKER'), ['-A DOCKER -i br6 -j RETURN', '-A DOCKER ! -s fe80::/10 ! -i br6 -p tcp -m tcp --dport 8080 -j DNAT --to-destination [fd00:1::2]:80']);
    assert.deepEqual(chain(rs, 'ipv6', 'raw', 'PREROUTING'), ['-A PREROUTING -d fd00:1::2/128 ! -i br6 -j DROP']);
    assert.deepEqual(chain(rs, 'ipv4', 'filter', 'DOCKER-USER'), ['-A DOCKER-USER -j RETURN']);
    assert.equal(policy(rs, 'ipv4'), 'DROP');
    assert.equal(policy(rs, 'ipv6'), 'DROP');
    const nodrop = synth('28.2', [v6net()], { ipForwardNoDrop: true });
    assert.equal(policy(nodrop, 'ipv4'), 'ACCEPT');
    assert.equal(policy(nodrop, 'ipv6'), 'ACCEPT');
    const already = synth('28.2', [v6net()], {}, { ipv4ForwardingWasEnabled: true, ipv6ForwardingWasEnabled: false });
    assert.equal(policy(already, 'ipv4'), 'ACCEPT');
    assert.equal(policy(already, 'ipv6'), 'DROP');
  });
  it('routed IPv6 accepts ICMPv6; trusted interfaces precede the raw drop; allow-direct-routing removes it', () => {
    const rs = synth('28.2', [v6net({ options: { 'com.docker.network.bridge.gateway_mode_ipv6': 'routed', 'com.docker.network.bridge.trusted_host_interfaces': 'eth1:wg0' } })]);
    assert.ok(chain(rs, 'ipv6', 'filter', 'DOCKER').includes('-A DOCKER -o br6 -p ipv6-icmp -j ACCEPT'));
    assert.deepEqual(chain(rs, 'ipv6', 'raw', 'PREROUTING'), []);
    assert.deepEqual(chain(rs, 'ipv4', 'raw', 'PREROUTING'), ['-A PREROUTING -d 192.0.2.2/32 -i eth1 -j ACCEPT', '-A PREROUTING -d 192.0.2.2/32 -i wg0 -j ACCEPT', '-A PREROUTING -d 192.0.2.2/32 ! -i br6 -j DROP']);
    const direct = synth('28.3', [v6net()], { allowDirectRouting: true });
    assert.deepEqual(chain(direct, 'ipv4', 'raw', 'PREROUTING'), []);
    assert.deepEqual(chain(direct, 'ipv4', 'filter', 'DOCKER-USER'), []);
  });
  it('29 bridge-accept-fwmark in iptables and nftables', () => {
    const ipt = synth('29', [], { bridgeAcceptFwmark: '0x1/0xff' });
    assert.equal(chain(ipt, 'ipv4', 'filter', 'DOCKER-FORWARD')[0], '-A DOCKER-FORWARD -m mark --mark 0x1/0xff -j ACCEPT');
    const nft = synth('29', [], { bridgeAcceptFwmark: '0x1/0xff', firewallBackend: 'nftables' });
    assert.match(renderNft(nft.nftables), /meta mark & 0x000000ff == 0x00000001 counter accept comment "ALLOW FW MARK"/);
  });
  it('ephemeral and range host ports are chosen deterministically and shared by 0.0.0.0 and [::]', () => {
    const rs = synth('29', [net('e', ['80', '8000-8010:81', '8000:82'], { bridge: 'bre', enableIPv6: true, subnetV6: 'fd00:2::/64' })]);
    assert.deepEqual(
      rs.bindings.map((b) => `${b.hostIp}:${b.hostPort}->${b.containerIp}:${b.containerPort} ${b.path}`),
      [
        '0.0.0.0:8000->172.18.0.2:82 dnat',
        ':::8000->fd00:2::2:82 dnat',
        '0.0.0.0:32768->172.18.0.2:80 dnat',
        ':::32768->fd00:2::2:80 dnat',
        '0.0.0.0:8001->172.18.0.2:81 dnat',
        ':::8001->fd00:2::2:81 dnat',
      ],
    );
  });
  it('an IPv4-only container behind [::] is served by docker-proxy only', () => {
    const rs = synth('28.2', [net('p', ['8080:80'], { bridge: 'brp' })]);
    assert.deepEqual(rs.bindings.map((b) => `${b.hostIp} ${b.path}`), ['0.0.0.0 dnat', ':: proxy-only']);
    assert.deepEqual(chain(rs, 'ipv6', 'nat', 'DOCKER'), []);
    const noproxy = synth('28.2', [net('p', ['8080:80'], { bridge: 'brp' })], { userlandProxy: false });
    assert.deepEqual(noproxy.bindings.map((b) => b.hostIp), ['0.0.0.0']);
  });
  it('sctp gets a mangle CHECKSUM rule up to 28.x', () => {
    const rs = synth('28.2', [net('s', ['5000:5000/sctp'], { bridge: 'brs' })]);
    assert.deepEqual(chain(rs, 'ipv4', 'mangle', 'POSTROUTING'), ['-A POSTROUTING -p sctp -m sctp --sport 5000 -j CHECKSUM --checksum-fill']);
    assert.deepEqual(chain(synth('29', [net('s', ['5000:5000/sctp'], { bridge: 'brs' })]), 'ipv4', 'mangle', 'POSTROUTING'), []);
  });
  it('iptables: false installs nothing before 27, and no IPv4 rules from 27 (ip6tables does not follow it)', () => {
    const v6 = (): DockerNetworkSpec => net('x', ['80:80'], { bridge: 'brx', enableIPv6: true, subnetV6: 'fd00:9::/64' });
    // 26: the bridge driver creates no chain without iptables, ip6tables and experimental or not
    const old = synth('26', [v6()], { iptables: false, ip6tables: true, experimental: true });
    assert.deepEqual(old.iptables, { ipv4: [], ipv6: [] });
    assert.deepEqual(old.bindings.map((b) => `${b.hostIp} ${b.path}`), ['0.0.0.0 proxy-only', ':: proxy-only']);
    // 28 (ip6tables on by default): IPv6's DNAT and filter rules stay; a real dockerd 28.5 served
    // [::]:8001 through them (test/realdocker/regressions/g1746148338-19.json)
    const rs = synth('28.2', [v6()], { iptables: false });
    assert.deepEqual(rs.iptables.ipv4, []);
    assert.deepEqual(chain(rs, 'ipv6', 'nat', 'DOCKER'), ['-A DOCKER -i brx -j RETURN', '-A DOCKER ! -s fe80::/10 ! -i brx -p tcp -m tcp --dport 80 -j DNAT --to-destination [fd00:9::2]:80']);
    assert.deepEqual(rs.iptables.ipv6, synth('28.2', [v6()]).iptables.ipv6);
    assert.deepEqual(rs.bindings.map((b) => `${b.hostIp} ${b.path}`), ['0.0.0.0 proxy-only', ':: dnat']);
    // with ip6tables off too, nothing
    assert.deepEqual(synth('28.2', [v6()], { iptables: false, ip6tables: false }).iptables, { ipv4: [], ipv6: [] });
    // an IPv4-only network: the `::` side is docker-proxy's either way
    const v4only = synth('29', [net('x', ['80:80'])], { iptables: false });
    assert.deepEqual(v4only.iptables.ipv4, []);
    assert.deepEqual(chain(v4only, 'ipv6', 'nat', 'DOCKER'), []);
    assert.deepEqual(v4only.bindings.map((b) => b.path), ['proxy-only', 'proxy-only']);
  });
  it('every rule carries provenance naming its source', () => {
    const rs = synth('28.2', [net('w', ['8080:80'], { bridge: 'brw' })]);
    const dnat = rs.iptables.ipv4.find((t) => t.name === 'nat')!.chains.find((c) => c.name === 'DOCKER')!.rules.find((r) => r.spec.j === 'DNAT')!;
    assert.equal(dnat.provenance.origin, 'port');
    assert.match(dnat.provenance.text, /^added by Docker 28\.2 for n\.json:1 `8080:80` \(per-port DNAT\)$/);
    const user = rs.iptables.ipv4.find((t) => t.name === 'filter')!.chains.find((c) => c.name === 'DOCKER-USER')!;
    assert.equal(user.restart, 'preserved');
    assert.match(renderIptablesSave(rs.iptables.ipv4, { provenance: true }), /# added by Docker 28\.2 for network w \(bridge brw/);
  });
});

describe('dockwall docker-rules', () => {
  let out = '';
  let err = '';
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  const capture = async (args: string[]): Promise<number> => {
    out = err = '';
    process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
    try {
      return await main(['docker-rules', ...args]);
    } finally {
      process.stdout.write = ow;
      process.stderr.write = ew;
    }
  };
  it('prints iptables-save for a network description', async () => {
    const code = await capture(['--network-json', 'test/unit/fixtures/docker/28.2/iptables/usernet-portmap.json', '--family', '4']);
    assert.equal(code, 0, err);
    assert.match(out, /^# iptables-restore \(IPv4\)\n\*raw\n/);
    assert.match(out, /-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192\.0\.2\.2:80\n/);
  });
  it('prints nft for the nftables backend and honours --docker-version', async () => {
    const code = await capture(['--network-json', 'test/unit/fixtures/docker/28.2/iptables/usernet-portmap.json', '--docker-version', '29', '--backend', 'nftables']);
    assert.equal(code, 0, err);
    assert.match(out, /^table ip docker-bridges \{/);
    assert.match(out, /table ip6 docker-bridges \{/);
  });
  it('refuses an unreadable -f compose file, and bad usage', async () => {
    assert.equal(await capture(['-f', 'no-such-compose.yaml']), 2);
    assert.match(err, /no-such-compose\.yaml: error: cannot read: no such file/);
    assert.equal(await capture(['--network-json', 'x.json', '--syntax', 'pf']), 2);
    assert.equal(await capture(['--network-json', '/nonexistent.json']), 2);
  });
});
