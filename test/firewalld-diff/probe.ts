/**
 * DW001's firewalld fix on the real host (part of `npm run test:firewalld`): the real firewalld
 * 1.3.3 beside the real dockerd 20.10 (shared/tools/realpodman's host, eth0 in zone public with ssh
 * only), a container publishing 5432 and 6379, probes from the client namespace.
 *
 * 1. `dockwall check` on examples/firewalld gives DW001 with the firewalld fix (direct.xml), and DW011
 *    on zones/public.xml; the fix applied gives neither.
 * 2. Without direct.xml, 5432 answers from the network (what DW001 says).
 * 3. With the fix's direct.xml loaded by firewalld before dockerd starts: 5432 blocked, 6379 reachable.
 * 4. After `firewall-cmd --reload`: 5432 answers again (what the fix's title warns of).
 * `probeDockerZone` checks DW012 (zone docker's target ACCEPT) the same way.
 *
 * The host's daemons stay up between commands, so run the suite under
 * `flock -o /tmp/dw-netns.lock` (the lock is then not inherited by them). DW_INSTANCE (default 4)
 * picks realpodman's namespaces. Skipped, and said so, when realpodman or dockerd 20.10's cached
 * packages are missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check } from '../../server/src/core/check';
import { applyEdits } from '../../server/src/core/findings';
import { discoverHost } from '../../server/src/cli/commands/check';
import { languages } from '../../server/src/host/assets';
import { overlayReader } from '../../server/src/host/files';
import { findRealpodman, Tally } from '../diff-harness';
import { loadFirewalld } from '../../server/src/core/firewalld';
import { compareFirewalld, configOf, firewalldTable, lowerListing } from './compare';

const REPO = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(REPO, 'examples', 'firewalld');


/** Dockwall's DW001 findings and the firewalld fix's direct.xml text, for the example with `direct` as its direct.xml. */
async function analyse(direct: string | undefined): Promise<{ dw001: number; dw011: number; directText?: string }> {
  const host = discoverHost(EXAMPLE);
  const file = path.join(EXAMPLE, 'etc', 'firewalld', 'direct.xml');
  const overlay = new Map<string, string>(direct === undefined ? [] : [[file, direct]]);
  const inExample = (f: string) => path.join(EXAMPLE, f);
  const r = check({
    reader: overlayReader(overlay),
    cwd: EXAMPLE,
    env: {},
    languages: await languages(),
    composeFiles: [inExample('compose.yaml')],
    projectDirectory: EXAMPLE,
    ...host,
    firewalld: { ...host.firewalld!, direct: direct === undefined ? undefined : file },
    hostFile: inExample('host.json'),
    dockerVersion: '20.10',
  });
  const dw001 = r.findings.filter((f) => f.code === 'DW001');
  const fix = dw001[0]?.fixes?.find((x) => x.edits.some((e) => e.file === file));
  return { dw001: dw001.length, dw011: r.findings.filter((f) => f.code === 'DW011').length, directText: fix ? applyEdits(direct ?? '', fix.edits.filter((e) => e.file === file)) : undefined };
}

type Sh = (...args: string[]) => { code: number; out: string; err: string };

/** realpodman's script as a function of its arguments, or why the real host cannot be built here. */
function realHost(tally: Tally): { sh: Sh; instance: string; expect: (what: string, got: string, want: string) => void } | string {
  const script = findRealpodman(REPO);
  const instance = process.env.DW_INSTANCE ?? '4';
  const dockerd = path.join(process.env.DW_DOCKBASE ?? '/var/tmp/dwdock', 'pkgs', 'bookworm', 'bin', 'dockerd');
  if (!script || !existsSync(dockerd)) return !script ? 'no shared/tools/realpodman/realpodman.sh' : `no ${dockerd}`;
  const sh: Sh = (...args) => {
    const r = spawnSync(script, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DW_INSTANCE: instance } });
    return { code: r.status ?? -1, out: (r.stdout ?? '').trim(), err: (r.stderr ?? '').trim() };
  };
  const expect = (what: string, got: string, want: string) => {
    if (got === want) tally.pass();
    else tally.fail(`firewalld probe: ${what}: ${got}, expected ${want}`);
  };
  return { sh, instance, expect };
}

export async function probeDirectFix(tally: Tally): Promise<void> {
  const real = realHost(tally);
  if (typeof real === 'string') {
    console.log(`firewalld probe: skipped (${real})`);
    return;
  }
  const { sh, instance, expect } = real;
  const started = Date.now();
  const etc = path.join(process.env.DW_BASE ?? '/var/tmp/dwpod', `run${instance}`, 'firewalld-etc');

  const before = await analyse(undefined);
  expect('DW001 on examples/firewalld', String(before.dw001), '1');
  // DW011 says the same on zones/public.xml: gone with the same fix
  expect('DW011 on examples/firewalld', String(before.dw011), '1');
  if (!before.directText) {
    tally.fail('firewalld probe: DW001 offers no direct.xml fix');
    return;
  }
  const fixed = await analyse(before.directText);
  expect('DW001 with the fix applied', String(fixed.dw001), '0');
  expect('DW011 with the fix applied', String(fixed.dw011), '0');

  const up = (direct: string | undefined): string | undefined => {
    sh('down');
    const u = sh('up', '--firewalld');
    if (u.code !== 0) return `up: ${u.err.split('\n').slice(-2).join(' / ')}`;
    if (direct !== undefined) {
      // firewalld reads it at its start; loaded here before dockerd starts, as at boot
      writeFileSync(path.join(etc, 'direct.xml'), direct);
      const r = sh('ns', 'firewall-cmd', '--reload');
      if (r.code !== 0) return `firewall-cmd --reload: ${r.err || r.out}`;
    }
    const d = sh('dockerd', '--version', '20.10');
    if (d.code !== 0) return `dockerd: ${d.err.split('\n').slice(-2).join(' / ')}`;
    const c = sh('docker', 'run', '-d', '-e', 'DWNAME=db', '-p', '5432:5432', '-p', '6379:6379', 'dwbox', 'dwlisten', '5432', '6379');
    if (c.code !== 0) return `docker run: ${c.err}`;
    spawnSync('sleep', ['1']);
    return undefined;
  };
  const probe = (port: number) => sh('probe', 'tcp', String(port)).out;
  try {
    let e = up(undefined);
    if (e) return void tally.fail(`firewalld probe: ${e}`);
    expect('5432 without direct.xml', probe(5432), 'reachable');
    e = up(before.directText);
    if (e) return void tally.fail(`firewalld probe: ${e}`);
    expect('5432 with the fix\'s direct.xml', probe(5432), 'blocked');
    expect('6379 with the fix\'s direct.xml', probe(6379), 'reachable');
    sh('ns', 'firewall-cmd', '--reload');
    spawnSync('sleep', ['2']);
    expect('5432 after firewall-cmd --reload (the fix\'s title says a reload undoes it)', probe(5432), 'reachable');
  } finally {
    sh('down');
    console.log(`firewalld probe: DW001's direct.xml fix on the real firewalld + dockerd 20.10 (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

/**
 * DW012 against the real host: dockerd's zone `docker` (target ACCEPT; docker0 and each network's
 * bridge bound when dockerd runs) lets containers connect to a host service that zone public
 * rejects from the network. `dockwall check` on examples/firewalld names the port (DW012's
 * message); a listener on that port in the host's own network namespace (`--network host`) must
 * then be blocked from the client and reachable from containers on docker0 and on a network of
 * their own, at the host's eth0 address and at their gateway.
 */
export async function probeDockerZone(tally: Tally): Promise<void> {
  const real = realHost(tally);
  if (typeof real === 'string') {
    console.log(`firewalld probe (docker zone): skipped (${real})`);
    return;
  }
  // dockerd 20.10 always (realHost checked it), 28 when its cached packages are there
  for (const version of ['20.10', '28']) {
    if (version !== '20.10' && !existsSync(path.join(process.env.DW_DOCKBASE ?? '/var/tmp/dwdock', 'pkgs', 'sid', 'bin', 'dockerd'))) {
      console.log(`firewalld probe (docker zone): dockerd ${version} skipped (no cached packages)`);
      continue;
    }
    await probeDockerZoneWith(real, version, tally);
  }
}

async function probeDockerZoneWith(real: Exclude<ReturnType<typeof realHost>, string>, version: string, tally: Tally): Promise<void> {
  const { sh, instance } = real;
  const expect = (what: string, got: string, want: string) => real.expect(`dockerd ${version}: ${what}`, got, want);
  const started = Date.now();
  const etc = path.join(process.env.DW_BASE ?? '/var/tmp/dwpod', `run${instance}`, 'firewalld-etc');
  const host = discoverHost(EXAMPLE);
  const inExample = (f: string) => path.join(EXAMPLE, f);
  const r = check({ reader: overlayReader(new Map()), cwd: EXAMPLE, env: {}, languages: await languages(), composeFiles: [inExample('compose.yaml')], projectDirectory: EXAMPLE, ...host, hostFile: inExample('host.json'), dockerVersion: version });
  const dw012 = r.findings.filter((f) => f.code === 'DW012');
  expect('DW012 on examples/firewalld', String(dw012.length), '1');
  const port = /connects to 203\.0\.113\.1:(\d+)\/tcp/.exec(dw012[0]?.message ?? '')?.[1];
  if (!port) return void tally.fail(`firewalld probe (docker zone, dockerd ${version}): no port in DW012's message: ${dw012[0]?.message}`);
  // a container's connection to the host: reachable when the listener's first line comes back
  const fromContainer = (network: string, addr: string) => {
    const c = sh('docker', 'run', '--rm', '--network', network, 'dwbox', 'sh', '-c', `echo | timeout 3 nc ${addr} ${port}`);
    return c.out.startsWith('ok ') ? 'reachable' : 'blocked';
  };
  try {
    sh('down');
    for (const [what, ...args] of [['up', 'up', '--firewalld'], ['dockerd', 'dockerd', '--version', version], ['listener', 'docker', 'run', '-d', '--network', 'host', '-e', 'DWNAME=hostsvc', 'dwbox', 'dwlisten', port], ['network', 'docker', 'network', 'create', 'dwzone']]) {
      const x = sh(...args);
      if (x.code !== 0) return void tally.fail(`firewalld probe (docker zone, dockerd ${version}): ${what}: ${(x.err || x.out).split('\n').slice(-2).join(' / ')}`);
    }
    spawnSync('sleep', ['1']);
    const gateway = sh('docker', 'network', 'inspect', 'dwzone', '-f', '{{(index .IPAM.Config 0).Gateway}}').out;
    expect(`${port} from the network (zone public)`, sh('probe', 'tcp', port, '--timeout', '3').out, 'blocked');
    expect(`${port} from a container on docker0, at 203.0.113.1`, fromContainer('bridge', '203.0.113.1'), 'reachable');
    expect(`${port} from a container on a network of its own, at 203.0.113.1`, fromContainer('dwzone', '203.0.113.1'), 'reachable');
    expect(`${port} from a container on a network of its own, at its gateway ${gateway}`, fromContainer('dwzone', gateway), 'reachable');
    const zones = sh('ns', 'firewall-cmd', '--zone=docker', '--list-interfaces').out.split(/\s+/).sort();
    expect('interfaces dockerd bound to zone docker', String(zones.length === 2 && zones.includes('docker0') && zones.some((i) => /^br-[0-9a-f]{12}$/.test(i))), 'true');
    // the model of the host's permanent configuration with those runtime bindings (docker0 at
    // dockerd's start, then the network's bridge) is the real table
    const L = await languages();
    const model = loadFirewalld(configOf(etc), L, { runtime: { interfaces: [...zones].sort((a, b) => (a === 'docker0' ? -1 : b === 'docker0' ? 1 : 0)).map((i) => ({ zone: 'docker', interface: i, by: 'dockerd' })) } });
    const listed = lowerListing('nft list table inet firewalld', sh('ns', 'nft', 'list', 'table', 'inet', 'firewalld').out, L);
    const problems = [...listed.errors, ...compareFirewalld(listed.table, firewalldTable(model.value.fragment.value))];
    expect(`the model's inet firewalld with dockerd's runtime bindings against the real table${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ''}`, String(problems.length), '0');
  } finally {
    sh('down');
    console.log(`firewalld probe: DW012, zone docker's target ACCEPT on the real firewalld + dockerd ${version} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

if (require.main === module) {
  void (async () => {
    const tally = new Tally();
    await probeDirectFix(tally);
    await probeDockerZone(tally);
    console.log(`${tally.passed} passed, ${tally.failed} failed`);
    process.exitCode = tally.failed ? 1 : 0;
  })();
}
