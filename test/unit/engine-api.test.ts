/**
 * The Engine API client and `dockwall audit`'s host side against a fake Engine on a unix socket in
 * a temp dir, answering with the JSON a real dockerd 28.5.2 gave (recorded from the realdocker
 * harness: test/unit/fixtures/engine/28, with the live rulesets and `ip -j` outputs of the same host;
 * compose project: /work/shared/tools/realdocker/demo/project, `5432:5432` and `127.0.0.1:6379:6379`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { engineStateFromApi } from '../../server/src/core/docker/engine';
import { hostFromIpJson } from '../../server/src/core/audit/ip-host';
import { iptablesNftTablesInJson, nftBackedTables, withoutJsonTables, withoutNftTables } from '../../server/src/core/audit/rulesets';
import { EngineError, engineGet, readEngine, socketOf } from '../../server/src/host/docker-api';
import { AuditError, auditDiagnostics, runAudit } from '../../server/src/host/audit';
import type { ProgramRunner } from '../../server/src/host/exec';
import { exposure } from '../../server/src/cli/exposure';
import { languages } from '../../server/src/host/assets';

const FIX = path.join(__dirname, 'fixtures/engine/28');
const fix = (name: string): string => readFileSync(path.join(FIX, name), 'utf8');
const json = (name: string): unknown => JSON.parse(fix(name));
const REAL_DIR = '/work/shared/tools/realdocker/demo/project';

interface Fake {
  socket: string;
  paths: string[];
  close(): Promise<void>;
}

/** A fake Engine: the recorded answers under /v1.51, with the labels' compose paths rewritten to `composeDir`. */
async function fakeEngine(dir: string, composeDir: string, opts: { hang?: boolean; huge?: boolean } = {}): Promise<Fake> {
  const socket = path.join(dir, 'docker.sock');
  const paths: string[] = [];
  const rewrite = (t: string): string => t.split(REAL_DIR).join(composeDir);
  const answers: Record<string, string> = {
    '/_ping': 'OK',
    '/version': fix('version.json'),
    '/v1.51/info': fix('info.json'),
    '/v1.51/containers/json': rewrite(fix('containers.json')),
    '/v1.51/networks': fix('networks.json'),
  };
  for (const f of readdirSync(FIX).filter((n) => n.startsWith('inspect-'))) {
    const doc = JSON.parse(fix(f)) as { Id: string };
    answers[`/v1.51/containers/${doc.Id}/json`] = rewrite(fix(f));
  }
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    if (opts.hang) return;
    if (opts.huge && req.url === '/v1.51/containers/json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('[' + '"x",'.repeat(300_000) + '"x"]');
      return;
    }
    const body = answers[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: `page not found: ${req.url}` }));
      return;
    }
    res.writeHead(200, { 'Content-Type': req.url === '/_ping' ? 'text/plain' : 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    socket,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The recorded outputs of the host's programs, by command line. */
function recordedRunner(overrides: Record<string, Awaited<ReturnType<ProgramRunner>>> = {}): ProgramRunner & { calls: string[] } {
  const calls: string[] = [];
  const out: Record<string, string> = {
    'iptables-save': fix('iptables-save.txt'),
    'ip6tables-save': fix('ip6tables-save.txt'),
    'nft list ruleset': fix('nft-list-ruleset.txt'),
    'ip -j addr': fix('ip-addr.json'),
    'ip -j route': fix('ip-route.json'),
    'ip -6 -j route': fix('ip6-route.json'),
  };
  const run = (async (program: string, args: readonly string[]) => {
    const key = [program, ...args].join(' ');
    calls.push(key);
    if (overrides[key]) return overrides[key];
    return key in out ? { ok: true, stdout: out[key], stderr: '' } : { ok: false, kind: 'not-found', message: `${program} not found` };
  }) as ProgramRunner & { calls: string[] };
  run.calls = calls;
  return run;
}

describe('Engine API client and dockwall audit (recorded dockerd 28.5.2)', () => {
  let dir: string;
  let composeDir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dw-engine-'));
    composeDir = path.join(dir, 'project');
    mkdirSync(composeDir);
    writeFileSync(path.join(composeDir, 'compose.yaml'), readFileSync(path.join(__dirname, 'fixtures/engine/compose.yaml'), 'utf8'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the socket from DOCKER_HOST: unix:// or a path; tcp:// and ssh:// are refused with a reason', () => {
    assert.equal(socketOf(undefined), '/var/run/docker.sock');
    assert.equal(socketOf(''), '/var/run/docker.sock');
    assert.equal(socketOf('unix:///var/tmp/dwdock/run7/docker.sock'), '/var/tmp/dwdock/run7/docker.sock');
    assert.throws(() => socketOf('tcp://10.0.0.1:2375'), (e: unknown) => e instanceof EngineError && /only a local unix socket.*not tcp:\/\//.test(e.message));
    assert.throws(() => socketOf('ssh://me@host'), /not ssh:\/\//);
    assert.throws(() => socketOf('unix://relative.sock'), /absolute/);
  });

  it('reads the state: version, API version, firewall backend, bridges with exact subnets, containers with bound ports and compose labels', async () => {
    const fake = await fakeEngine(dir, composeDir);
    try {
      const s = await readEngine(fake.socket);
      assert.equal(s.version, '28.5.2+dfsg4');
      assert.equal(s.apiVersion, '1.51');
      assert.equal(s.firewallBackend, 'iptables');
      // negotiated: /version unversioned, everything else under the daemon's API version
      assert.ok(fake.paths.includes('/version') && fake.paths.filter((p) => p !== '/_ping' && p !== '/version').every((p) => p.startsWith('/v1.51/')));
      const bridges = s.networks.filter((n) => n.bridge).map((n) => [n.name, n.bridge, n.subnets.map((x) => `${x.cidr} gw ${x.gateway}`).join()]);
      assert.deepEqual(bridges, [
        ['bridge', 'docker0', '172.17.0.0/16 gw 172.17.0.1'],
        ['dwdemo_default', 'br-75db04f58b5f', '172.18.0.0/16 gw 172.18.0.1'],
      ]);
      const db = s.containers.find((c) => c.name === 'dwdemo-db-1')!;
      assert.equal(db.labels['com.docker.compose.service'], 'db');
      assert.equal(db.labels['com.docker.compose.project.config_files'], path.join(composeDir, 'compose.yaml'));
      assert.deepEqual(db.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.proto}`), ['0.0.0.0:5432->5432/tcp', ':::5432->5432/tcp']);
      assert.deepEqual(db.requested, [{ proto: 'tcp', containerPort: 5432, hostIp: '', hostPort: '5432' }]);
      assert.deepEqual(db.endpoints.map((e) => [e.network, e.ipv4, e.gateway]), [['dwdemo_default', '172.18.0.3', '172.18.0.1']]);
      const cache = s.containers.find((c) => c.name === 'dwdemo-cache-1')!;
      assert.deepEqual(cache.ports.map((p) => `${p.hostIp}:${p.hostPort}`), ['127.0.0.1:6379']);
    } finally {
      await fake.close();
    }
  });

  it('builds the same state from the container list alone when inspecting is not possible', () => {
    const s = engineStateFromApi({ version: json('version.json'), containers: json('containers.json'), networks: json('networks.json') });
    assert.deepEqual(
      s.containers.map((c) => [c.name, c.ports.map((p) => `${p.hostIp}:${p.hostPort}`).join()]),
      [
        ['dwdemo-db-1', '0.0.0.0:5432,:::5432'],
        ['dwdemo-cache-1', '127.0.0.1:6379'],
      ],
    );
    assert.ok(s.notes.some((n) => /firewall backend/.test(n)));
  });

  it('gives clear errors: no socket, no answer in time, an answer too large, HTTP errors', async () => {
    await assert.rejects(readEngine(path.join(dir, 'none.sock')), /no Docker socket at .*none\.sock/);
    const hang = await fakeEngine(dir, composeDir, { hang: true });
    try {
      await assert.rejects(readEngine(hang.socket, { timeoutMs: 200, maxBytes: 1 << 20, maxInspects: 10 }), /did not answer \/_ping within/);
    } finally {
      await hang.close();
    }
    rmSync(path.join(dir, 'docker.sock'), { force: true });
    const huge = await fakeEngine(dir, composeDir, { huge: true });
    try {
      await assert.rejects(readEngine(huge.socket, { timeoutMs: 5000, maxBytes: 1 << 20, maxInspects: 10 }), /larger than 1048576 bytes/);
      await assert.rejects(engineGet(huge.socket, '/v1.51/nothing'), /HTTP 404: page not found/);
    } finally {
      await huge.close();
    }
  });

  it('builds the host model from ip -j addr / route without Docker bridges and bridge ports', () => {
    const h = hostFromIpJson(json('ip-addr.json'), json('ip-route.json'), json('ip6-route.json'), new Set(['docker0', 'br-75db04f58b5f']), { v4: true });
    assert.deepEqual(Object.keys(h.description.interfaces), ['lo', 'eth0', 'eth1']);
    assert.deepEqual(h.description.interfaces.eth0.addresses.slice(0, 2), ['203.0.113.1/24', '2001:db8:1::1/64']);
    assert.deepEqual(h.description.routes.find((r) => r.to === '0.0.0.0/0'), { to: '0.0.0.0/0', via: '203.0.113.2', dev: 'eth0' });
    assert.ok(h.notes.some((n) => /2 interfaces enslaved/.test(n)) && h.notes.some((n) => /IPv6 forwarding/.test(n)));
  });

  it('takes iptables-nft tables from iptables-save and keeps only native tables of nft listings (text and JSON)', () => {
    const covered = new Set([...nftBackedTables(fix('iptables-save.txt'), 'ip'), ...nftBackedTables(fix('ip6tables-save.txt'), 'ip6')]);
    assert.deepEqual([...covered].sort(), ['ip/filter', 'ip/nat', 'ip/raw', 'ip6/filter', 'ip6/nat']);
    const cut = withoutNftTables(fix('nft-list-ruleset.txt'), covered);
    assert.deepEqual(cut.left, ['ip nat', 'ip filter', 'ip6 nat', 'ip6 filter', 'ip raw']);
    assert.match(cut.text, /^table inet filter \{/);
    assert.doesNotMatch(cut.text, /table ip|DOCKER/);
    const j = JSON.stringify({ nftables: [{ metainfo: { version: '1.1.3' } }, { table: { family: 'inet', name: 'filter' } }, { table: { family: 'ip', name: 'nat' } }, { chain: { family: 'ip', table: 'nat', name: 'PREROUTING', hook: 'prerouting' } }, { rule: { family: 'ip', table: 'nat', chain: 'DOCKER', expr: [{ xt: { type: 'target', name: 'DNAT' } }] } }] });
    assert.deepEqual([...iptablesNftTablesInJson(j)], ['ip/nat']);
    const jc = withoutJsonTables(j, covered);
    assert.deepEqual(JSON.parse(jc.text).nftables, [{ metainfo: { version: '1.1.3' } }, { table: { family: 'inet', name: 'filter' } }]);
  });

  it('audits the recorded host: DW001 on the compose line of 5432, the exposure of both ports, Docker rules attributed to Docker', async function () {
    this.timeout(60_000);
    const fake = await fakeEngine(dir, composeDir);
    try {
      const run = recordedRunner();
      const report = await runAudit({ cwd: dir, env: {}, languages: await languages(), dockerHost: `unix://${fake.socket}`, run, procSys: path.join(dir, 'nosys') });
      assert.deepEqual(run.calls, ['iptables-save', 'ip6tables-save', 'iptables-legacy-save', 'ip6tables-legacy-save', 'nft list ruleset', 'ip -j addr', 'ip -j route', 'ip -6 -j route', 'ss -H -l -n -t -u -p']);
      assert.equal(report.runs.length, 1);
      assert.equal(report.runs[0].group.kind, 'compose');
      const findings = report.runs.flatMap((r) => r.result.findings);
      const dw001 = findings.filter((f) => f.code === 'DW001');
      assert.equal(dw001.length, 1);
      assert.equal(dw001[0].span.file, path.join(composeDir, 'compose.yaml'));
      assert.equal(dw001[0].span.range.start.line + 1, 7);
      assert.match(dw001[0].message, /tcp\/5432 of service db is reachable from eth0 \(any source\), eth1 \(any source\)/);
      const rows = exposure({ analysis: report.runs[0].result.analysis }, dir);
      const verdicts = rows.map((p) => `${p.service} ${p.hostIp}:${p.hostPort} ${p.path} ${p.probes.map((x) => `${x.daddr}:${x.classes.map((c) => `${c.iif}=${c.verdict}`).join('/')}`).join(' ')}`);
      assert.deepEqual(verdicts, [
        'cache 127.0.0.1:6379 dnat 127.0.0.1:eth0=closed/eth1=closed',
        'db 0.0.0.0:5432 dnat 203.0.113.1:eth0=open 198.51.100.1:eth1=open',
        'db :::5432 proxy-only 2001:db8:1::1:eth0=closed 2001:db8:2::1:eth1=closed',
      ]);
      // every deciding rule of Docker's is Docker's; the admin's rule is the input policy
      for (const p of rows) for (const pr of p.probes) for (const c of pr.classes) if (c.decidedBy?.by === 'admin') assert.doesNotMatch(c.decidedBy.text, /DOCKER|br-/);
      const diags = auditDiagnostics(report).map((d) => d.message);
      assert.ok(diags.some((m) => /Docker Engine 28\.5\.2\+dfsg4 \(API 1\.51\)/.test(m)));
      assert.ok(!diags.some((m) => /taken to serve \[::\]|guess/i.test(m)), 'nothing guessed with the Engine state');
      assert.equal(report.runs[0].result.analysis.dockerVersion, '28.5.2');
    } finally {
      await fake.close();
    }
  });

  it('puts findings on <container NAME> when the compose files are not readable', async function () {
    this.timeout(60_000);
    const fake = await fakeEngine(dir, path.join(dir, 'gone'));
    try {
      const report = await runAudit({ cwd: dir, env: {}, languages: await languages(), dockerHost: `unix://${fake.socket}`, run: recordedRunner(), procSys: path.join(dir, 'nosys') });
      assert.deepEqual(report.runs.map((r) => r.group.kind), ['containers']);
      const dw001 = report.runs[0].result.findings.filter((f) => f.code === 'DW001');
      assert.equal(dw001.length, 1);
      assert.equal(path.basename(dw001[0].span.file), '<container dwdemo-db-1>');
      assert.match(dw001[0].message, /service dwdemo-db-1/);
      assert.ok(auditDiagnostics(report).some((d) => /not readable here; its findings are reported on <container dwdemo-db-1>/.test(d.message)));
    } finally {
      await fake.close();
    }
  });

  it('exits through AuditError when iptables-save needs root', async () => {
    const fake = await fakeEngine(dir, composeDir);
    try {
      const run = recordedRunner({ 'iptables-save': { ok: false, kind: 'denied', message: 'iptables-save needs root (CAP_NET_ADMIN): Permission denied' } });
      await assert.rejects(runAudit({ cwd: dir, env: {}, languages: await languages(), dockerHost: `unix://${fake.socket}`, run }), (e: unknown) => e instanceof AuditError && /run dockwall audit as root/.test(e.message));
    } finally {
      await fake.close();
    }
  });
});
