/**
 * DW001's firewalld fix on the real host (part of `npm run test:firewalld`): the real firewalld
 * 1.3.3 beside the real dockerd 20.10 (shared/tools/realpodman's host, eth0 in zone public with ssh
 * only), a container publishing 5432 and 6379, probes from the client namespace.
 *
 * 1. `dockwall check` on examples/firewalld gives DW001 with the firewalld fix (direct.xml), and the
 *    fix applied gives none.
 * 2. Without direct.xml, 5432 answers from the network (what DW001 says).
 * 3. With the fix's direct.xml loaded by firewalld before dockerd starts: 5432 blocked, 6379 reachable.
 * 4. After `firewall-cmd --reload`: 5432 answers again (what the fix's title warns of).
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
import { findRealpodman, runAlone, Tally } from '../diff-harness';

const REPO = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(REPO, 'examples', 'firewalld');


/** Dockwall's DW001 findings and the firewalld fix's direct.xml text, for the example with `direct` as its direct.xml. */
async function analyse(direct: string | undefined): Promise<{ dw001: number; directText?: string }> {
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
  return { dw001: dw001.length, directText: fix ? applyEdits(direct ?? '', fix.edits.filter((e) => e.file === file)) : undefined };
}

export async function probeDirectFix(tally: Tally): Promise<void> {
  const script = findRealpodman(REPO);
  const instance = process.env.DW_INSTANCE ?? '4';
  const dockerd = path.join(process.env.DW_DOCKBASE ?? '/var/tmp/dwdock', 'pkgs', 'bookworm', 'bin', 'dockerd');
  if (!script || !existsSync(dockerd)) {
    console.log(`firewalld probe: skipped (${!script ? 'no shared/tools/realpodman/realpodman.sh' : `no ${dockerd}`})`);
    return;
  }
  const started = Date.now();
  const sh = (...args: string[]) => {
    const r = spawnSync(script, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DW_INSTANCE: instance } });
    return { code: r.status ?? -1, out: (r.stdout ?? '').trim(), err: (r.stderr ?? '').trim() };
  };
  const etc = path.join(process.env.DW_BASE ?? '/var/tmp/dwpod', `run${instance}`, 'firewalld-etc');
  const expect = (what: string, got: string, want: string) => {
    if (got === want) tally.pass();
    else tally.fail(`firewalld probe: ${what}: ${got}, expected ${want}`);
  };

  const before = await analyse(undefined);
  expect('DW001 on examples/firewalld', String(before.dw001), '1');
  if (!before.directText) {
    tally.fail('firewalld probe: DW001 offers no direct.xml fix');
    return;
  }
  expect('DW001 with the fix applied', String((await analyse(before.directText)).dw001), '0');

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

if (require.main === module) runAlone(probeDirectFix);
