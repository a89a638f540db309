/**
 * The printed rules are valid input for the real tools: `iptables-restore --test`,
 * `ip6tables-restore --test` and `nft -c -f`, each run in a fresh network namespace
 * (`unshare -n`) so the host's firewall is never touched. Skipped when not root or a tool is missing.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  defaultHostConfig,
  type DockerHostConfig,
  parseNetworkJson,
  renderIptablesSave,
  renderNft,
  synthesizeDockerRules,
} from '../../server/src/core/docker/index';

const fixtureRoot = path.join(__dirname, 'fixtures/docker');

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

function listFixtures(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFixtures(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
}

/** Extra inputs that exercise IPv6, SCTP, SNAT, fwmarks, trusted interfaces and the classic layout. */
const extraNetworks = [
    { name: 'bridge', endpoints: [{ container: 'd1', ports: ['8080:80', '127.0.0.1:8081:81/udp', '5000:5000/sctp'] }] },
    {
      name: 'v6',
      bridge: 'br-v6',
      enableIPv6: true,
      subnetV6: 'fd00:1::/64',
      options: { 'com.docker.network.bridge.trusted_host_interfaces': 'eth1:wg0', 'com.docker.network.host_ipv4': '198.51.100.7' },
      endpoints: [{ container: 'c6', ports: ['[::1]:9000:90', '9001:91', '3000'] }],
    },
    { name: 'routed', bridge: 'br-routed', enableIPv6: true, subnetV6: 'fd00:2::/64', options: { 'com.docker.network.bridge.gateway_mode_ipv4': 'routed', 'com.docker.network.bridge.gateway_mode_ipv6': 'routed' }, endpoints: [{ container: 'r1', ports: ['80'] }] },
    { name: 'int', bridge: 'br-int', internal: true, enableIPv6: true, subnetV6: 'fd00:3::/64', options: { 'com.docker.network.bridge.enable_icc': 'false' }, endpoints: [{ container: 'i1' }] },
];
/** Gateway mode `routed` exists from 27.0. */
const extra = (version: string): string =>
  JSON.stringify({ networks: extraNetworks.filter((n) => n.name !== 'routed' || Number(version.split('.')[0]) >= 27) });

function cases(): { name: string; version: string; daemon: DockerHostConfig; text: string }[] {
  const out: { name: string; version: string; daemon: DockerHostConfig; text: string }[] = [];
  for (const f of listFixtures(fixtureRoot)) {
    const nj = parseNetworkJson(fs.readFileSync(f, 'utf8'), f);
    out.push({ name: path.relative(fixtureRoot, f), version: nj.value.version ?? '29', daemon: nj.value.daemon ?? defaultHostConfig, text: fs.readFileSync(f, 'utf8') });
  }
  for (const version of ['20.10', '24', '27.5', '28.0.1', '28.2.2', '28.3', '29']) {
    for (const proxy of [true, false]) {
      const daemon = { ...defaultHostConfig, userlandProxy: proxy, ip6tables: true, experimental: true, bridgeAcceptFwmark: version === '29' ? '0x10/0xf0' : undefined };
      out.push({ name: `extra ${version} proxy=${proxy}`, version, daemon, text: extra(version) });
      if (version === '29') out.push({ name: `extra 29 nftables proxy=${proxy}`, version, daemon: { ...daemon, firewallBackend: 'nftables' }, text: extra(version) });
    }
  }
  return out;
}

function run(cmd: string[], input: string): { status: number | null; stderr: string } {
  const file = path.join(os.tmpdir(), `dockwall-docker-${process.pid}-${Math.random().toString(36).slice(2)}.rules`);
  fs.writeFileSync(file, input);
  try {
    const r = spawnSync('unshare', ['-n', ...cmd, file], { encoding: 'utf8', timeout: 20000 });
    return { status: r.status, stderr: r.stderr };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('docker synthesis output is accepted by iptables-restore and nft', function () {
  this.timeout(120000);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const tools = has('unshare') && has('iptables-restore') && has('ip6tables-restore') && has('nft');
  before(function () {
    if (!root || !tools) {
      console.log(`    (skipped: needs root and unshare, iptables-restore, ip6tables-restore, nft; root=${root} tools=${tools})`);
      this.skip();
    }
    // unshare -n may be forbidden (containers without CAP_SYS_ADMIN).
    if (spawnSync('unshare', ['-n', 'true']).status !== 0) this.skip();
  });
  for (const c of cases()) {
    it(c.name, () => {
      const nj = parseNetworkJson(c.text, c.name);
      const r = synthesizeDockerRules({ version: c.version, daemon: c.daemon, host: nj.value.host, networks: nj.value.networks });
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
      const rs = r.value;
      let checked = 0;
      if (rs.backend === 'nftables') {
        assert.ok(rs.nftables.length > 0);
        const res = run(['nft', '-c', '-f'], renderNft(rs.nftables, { provenance: true }));
        assert.equal(res.status, 0, res.stderr);
        checked++;
      } else {
        for (const [fam, tool] of [['ipv4', 'iptables-restore'], ['ipv6', 'ip6tables-restore']] as const) {
          if (rs.iptables[fam].length === 0) continue;
          const res = run([tool, '--test'], renderIptablesSave(rs.iptables[fam], { provenance: true, allBuiltins: true }));
          assert.equal(res.status, 0, `${tool}: ${res.stderr}`);
          checked++;
        }
      }
      assert.ok(checked > 0, 'at least one ruleset was checked');
    });
  }
});
