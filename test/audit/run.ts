/**
 * `dockwall audit` end to end on real Docker hosts (root only): the realdocker harness
 * (shared/tools/realdocker/realdocker.sh, instance DW_AUDIT_INSTANCE, default 7) brings up Debian's
 * dockerd 28 and 20.10 in private network namespaces behind an nftables admin ruleset whose input
 * chain drops everything but ssh; a compose project publishing `5432:5432` and
 * `127.0.0.1:6379:6379` is brought up from a temp folder (so its compose labels point at readable
 * files); then `dockwall audit --format json` runs inside the host's namespace with the harness's
 * socket and its iptables programs first on PATH (the backend dockerd used). Checked: exit 1, DW001
 * on the compose line of 5432, the exposure table lists both ports, every row a real probe can test
 * has the probe's verdict, and no rule of Docker's is reported as the admin's.
 *
 * Ends with `N passed, N failed`. Not root or no harness: skipped with the reason (a failure when
 * CI=true).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CI = process.env.CI === 'true' || process.env.CI === '1';
const INSTANCE = process.env.DW_AUDIT_INSTANCE ?? '7';
const VERSIONS = (process.env.DW_AUDIT_VERSIONS ?? '28,20.10').split(',');

let passed = 0;
let failed = 0;
const line = (s: string): void => void process.stdout.write(s + '\n');

function finish(): never {
  line(`audit: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

function skip(why: string): never {
  line(`audit suite ${CI ? 'FAILED' : 'skipped'}: ${why}`);
  if (CI) failed++;
  finish();
}

function sh(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 240_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, [...args], { env, timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function harness(): string | undefined {
  for (const c of [process.env.REALDOCKER_SHARED, process.env.DW_SHARED, path.resolve(ROOT, '..', 'shared'), path.resolve(ROOT, 'shared')])
    if (c && existsSync(path.join(c, 'tools', 'realdocker', 'realdocker.sh'))) return path.join(c, 'tools', 'realdocker', 'realdocker.sh');
  return undefined;
}

function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passed++;
  else failed++;
  line(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

const COMPOSE = `name: dwaudit
services:
  db:
    image: dwbox
    command: ["dwlisten", "5432"]
    environment: {DWNAME: db}
    ports:
      - "5432:5432"
  cache:
    image: dwbox
    command: ["dwlisten", "6379"]
    environment: {DWNAME: cache}
    ports:
      - "127.0.0.1:6379:6379"
`;
const LINE_5432 = 8;
const LINE_6379 = 14;

interface PortRow {
  service: string;
  file: string | null;
  line: number | null;
  hostIp: string;
  hostPort: number;
  path: string;
  probes: { daddr: string; family: number; classes: { iif: string; sources: string[]; verdict: string; decidedBy: { text: string; by?: string } | null }[] }[];
}

async function one(script: string, version: string): Promise<void> {
  const t0 = Date.now();
  line(`dockerd ${version}:`);
  const env = { ...process.env, DW_INSTANCE: INSTANCE };
  const rd = (...args: string[]) => sh('bash', [script, ...args], env);
  await rd('down');
  const admin = path.join(path.dirname(script), 'demo', 'admin-input-drop.nft');
  const up = await rd('up', '--version', version, '--admin-rules', admin);
  if (up.code !== 0) return check(`harness up ${version}`, false, (up.stderr || up.stdout).trim().split('\n').slice(-3).join(' | '));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dw-audit-'));
  try {
    const compose = path.join(dir, 'compose.yaml');
    writeFileSync(compose, COMPOSE);
    const c = await rd('compose', dir);
    if (c.code !== 0) return check(`compose up ${version}`, false, (c.stderr || c.stdout).trim().split('\n').slice(-3).join(' | '));
    const run = `/var/tmp/dwdock/run${INSTANCE}`;
    const auditEnv = { ...process.env, DOCKER_HOST: `unix://${run}/docker.sock`, PATH: `${run}/bin:${process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'}` };
    const t1 = Date.now();
    const a = await sh('nsenter', [`--net=/run/netns/dwd${INSTANCE}-host`, process.execPath, '-r', 'tsx/cjs', path.join(ROOT, 'server/src/cli/main.ts'), 'audit', '--format', 'json'], auditEnv, 120_000);
    const auditMs = Date.now() - t1;
    check('exit 1 (findings)', a.code === 1, `exit ${a.code}${a.code === 2 ? `: ${a.stderr.trim()}` : ''}`);
    let doc: { findings: { code: string; file: string; line: number; message: string }[]; ports: PortRow[]; diagnostics: { message: string }[]; engine: { version: string } };
    try {
      doc = JSON.parse(a.stdout);
    } catch {
      return check('JSON output', false, a.stderr.trim().slice(0, 300));
    }
    line(`  audit of dockerd ${doc.engine.version} took ${auditMs} ms`);
    const dw001 = doc.findings.filter((f) => f.code === 'DW001');
    check('DW001 on the compose line of 5432', dw001.length === 1 && path.resolve(dir, dw001[0].file) === compose && dw001[0].line === LINE_5432, JSON.stringify(dw001.map((f) => `${f.file}:${f.line}`)));
    const p5432 = doc.ports.filter((p) => p.hostPort === 5432);
    const p6379 = doc.ports.filter((p) => p.hostPort === 6379);
    check('exposure lists 5432 on its compose line', p5432.length > 0 && p5432.every((p) => p.service === 'db' && p.line === LINE_5432 && path.resolve(dir, p.file ?? '') === compose));
    check('exposure lists 6379 on its compose line', p6379.length === 1 && p6379[0].service === 'cache' && p6379[0].line === LINE_6379 && p6379[0].hostIp === '127.0.0.1');
    // No rule of Docker's reported as the admin's: every admin decision is a rule or policy of the nft file.
    const adminDecisions = doc.ports.flatMap((p) => p.probes.flatMap((pr) => pr.classes.flatMap((k) => (k.decidedBy?.by === 'admin' ? [k.decidedBy.text] : []))));
    check("no rule of Docker's reported as the admin's", adminDecisions.every((t) => !/DOCKER|br-|docker0/.test(t)) && doc.findings.every((f) => !/filter FORWARD/.test(f.message)), adminDecisions.filter((t) => /DOCKER|br-|docker0/.test(t)).join('; '));
    // Every row a neighbour can test: probe it for real. eth0 ↔ client, eth1 ↔ client2.
    const from: Record<string, string> = { eth0: 'client', eth1: 'client2' };
    let compared = 0;
    const wrong: string[] = [];
    for (const p of doc.ports)
      for (const pr of p.probes)
        for (const k of pr.classes) {
          const client = from[k.iif];
          if (!client || pr.daddr === '127.0.0.1') continue;
          const probe = await rd('probe', 'tcp', String(p.hostPort), '--from', client, '--addr', pr.daddr);
          const real = probe.stdout.trim() === 'reachable' ? 'open' : 'closed';
          compared++;
          if (real !== k.verdict) wrong.push(`${pr.daddr}:${p.hostPort} via ${k.iif}: audit ${k.verdict}, probe ${real} (${probe.stderr.trim().split('\n').pop()})`);
        }
    check(`verdicts equal the real probes (${compared} compared)`, compared >= 4 && wrong.length === 0, wrong.join('; '));
    // 6379 is bound to 127.0.0.1 only: at the host's own addresses it must not answer.
    const ext = await Promise.all([rd('probe', 'tcp', '6379', '--from', 'client'), rd('probe', 'tcp', '6379', '--from', 'client2')]);
    check('6379 not reachable at the external addresses (probe)', ext.every((x) => x.stdout.trim() === 'blocked'));
    const loop = p6379.flatMap((p) => p.probes.flatMap((pr) => pr.classes.map((k) => `${k.iif}=${k.verdict}`)));
    line(`  127.0.0.1:6379 as audited (neighbours cannot send to 127.0.0.1 through the harness, not probed): ${loop.join(', ')}`);
    line(`  ${version} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await rd('down');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) skip('needs root (network namespaces, a real dockerd)');
  const script = harness();
  if (!script) skip('the realdocker harness (shared/tools/realdocker/realdocker.sh) is not beside the checkout');
  if (!existsSync(path.join(ROOT, 'node_modules', 'tsx'))) skip('tsx is not installed (npm ci)');
  for (const v of VERSIONS) await one(script, v);
  finish();
}

main().catch((e: unknown) => {
  line(`audit suite crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  failed++;
  finish();
});
