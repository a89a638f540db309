/**
 * Real-Podman differential suite: what `dockwall check --engine podman` says about a compose
 * project run by rootful Podman (podman-compose 1.0.3, podman 4.3.1, netavark 1.4.0 from Debian
 * bookworm) against real packets, and the rules Dockwall synthesizes against netavark's real
 * `iptables-save`, rule by rule. The hosts run in private namespaces (shared/tools/realpodman).
 *
 *   flock /tmp/dw-netns.lock npm run test:realpodman [-- --count N] [-- --seed S] [-- -v]
 *   REALPODMAN_SEED=1234 npm run test:realpodman
 *
 * First an acceptance scenario: an INPUT-drop nftables host and a project publishing `5432:5432`
 * must give DW001 on that item, the real probe must reach the port, and after the finding's
 * preferred fix (bind to 127.0.0.1) is applied to compose.yaml the real host must block it and
 * Dockwall must call it closed. Then seeded generated scenarios. Needs root, podman, netavark and
 * podman-compose (scripts/ci-packages.txt); without them the suite says why (a failure with
 * CI=true, a skip otherwise). The last line is `N passed, N failed` (N = probes and rule
 * comparisons; a scenario the harness could not run counts as one failure).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { check, type CheckResult } from '../../server/src/core/check';
import { renderIptablesSave } from '../../server/src/core/docker';
import { applyEdits } from '../../server/src/core/findings';
import { contains, parseIp } from '../../server/src/core/net/ip';
import { languages } from '../../server/src/host/assets';
import { createFsReader } from '../../server/src/host/fs-reader';
import { Rng } from '../realdocker/scenario';
import { compareRules, netavarkRules } from './rules';

const REPO = path.resolve(__dirname, '..', '..');
const CI = process.env.CI === 'true' || process.env.CI === '1';
const HOST = '203.0.113.1';
const CLIENT = '203.0.113.2';
/** `realpodman.sh up` creates network dwnet first: podman1, 10.89.0.0/24. */
const EXISTING = [{ name: 'dwnet', subnet: '10.89.0.0/24', bridge: 'podman1' }];

function line(s = ''): void {
  process.stdout.write(s + '\n');
}
function finish(passed: number, failed: number): never {
  line(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

function findHarness(): string | undefined {
  for (const c of [process.env.REALPODMAN_SHARED, path.join(REPO, '..', 'shared'), '/work/shared'])
    if (c && existsSync(path.join(c, 'tools', 'realpodman', 'realpodman.sh'))) return path.join(c, 'tools', 'realpodman', 'realpodman.sh');
  return undefined;
}

// ---- scenarios

type Form = 'plain' | 'loopback' | 'hostaddr' | 'udp';
interface PortItem {
  readonly form: Form;
  readonly host: number;
  readonly container: number;
}
interface Service {
  readonly name: string;
  readonly ports: readonly PortItem[];
  /** Joins the project's network `back` instead of `default`. */
  readonly back?: boolean;
}
type Firewall = 'input-drop' | 'input-allow' | 'forward-drop' | 'forward-policy-drop' | 'none';
interface Scenario {
  readonly name: string;
  readonly firewall: Firewall;
  /** The port the input-allow firewall accepts, the container port the forward-drop one drops. */
  readonly special?: number;
  readonly services: readonly Service[];
  /**
   * `quadlet`: each service is a Quadlet unit for Dockwall (`sN.container` with `PublishPort=` lines
   * and `Network=dwnet`) and, on the real host, the `podman run -p ... --network dwnet` it stands for
   * (bookworm's podman has no Quadlet and nothing here runs systemd).
   */
  readonly kind?: 'compose' | 'quadlet';
}

function unitText(svc: Service): string {
  const listen = svc.ports.map((p) => (p.form === 'udp' ? `${p.container}/udp` : `${p.container}`));
  return ['[Unit]', `Description=${svc.name}`, '', '[Container]', 'Image=localhost/dwbox', `Exec=dwlisten ${listen.join(' ')}`, `Environment=DWNAME=${svc.name}`, 'Network=dwnet', ...svc.ports.map((p) => `PublishPort=${itemText(p)}`), ''].join('\n');
}

function itemText(p: PortItem): string {
  switch (p.form) {
    case 'plain':
      return `${p.host}:${p.container}`;
    case 'loopback':
      return `127.0.0.1:${p.host}:${p.container}`;
    case 'hostaddr':
      return `${HOST}:${p.host}:${p.container}`;
    case 'udp':
      return `${p.host}:${p.container}/udp`;
  }
}

function composeYaml(s: Scenario): string {
  const out = ['services:'];
  for (const svc of s.services) {
    const listen = svc.ports.map((p) => (p.form === 'udp' ? `"${p.container}/udp"` : `"${p.container}"`));
    out.push(`  ${svc.name}:`, '    image: localhost/dwbox', `    command: ["dwlisten", ${listen.join(', ')}]`, '    environment:', `      DWNAME: ${svc.name}`, '    ports:');
    for (const p of svc.ports) out.push(`      - "${itemText(p)}"`);
    if (svc.back) out.push('    networks: [back]');
  }
  if (s.services.some((x) => x.back)) out.push('networks:', '  back: {}');
  return out.join('\n') + '\n';
}

function firewallText(s: Scenario): string {
  const head = '#!/usr/sbin/nft -f\nflush ruleset\ntable inet filter {\n';
  const input = (extra: string) => `  chain input {\n    type filter hook input priority filter; policy drop;\n    iif "lo" accept\n    ct state established,related accept\n    tcp dport 22 accept\n${extra}  }\n`;
  switch (s.firewall) {
    case 'input-drop':
      return head + input('') + '}\n';
    case 'input-allow':
      return head + input(`    tcp dport ${s.special} accept\n`) + '}\n';
    case 'forward-drop':
      return head + `  chain forward {\n    type filter hook forward priority filter; policy accept;\n    tcp dport ${s.special} drop\n  }\n}\n`;
    case 'forward-policy-drop':
      return head + `  chain forward {\n    type filter hook forward priority filter; policy drop;\n    ct state established,related accept\n    oifname "eth0" accept\n  }\n}\n`;
    case 'none':
      return head + `  chain input {\n    type filter hook input priority filter; policy accept;\n  }\n}\n`;
  }
}

function generate(seed: number, index: number): Scenario {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const firewall = rng.weighted<Firewall>([
    ['input-drop', 3],
    ['input-allow', 2],
    ['forward-drop', 2],
    ['forward-policy-drop', 2],
    ['none', 1],
  ]);
  const services: Service[] = [];
  const nsvc = 1 + rng.int(0, 3 - 1);
  let base = 2000 + rng.int(0, 50 - 1) * 10;
  for (let i = 0; i < nsvc; i++) {
    const ports: PortItem[] = [];
    const n = 1 + rng.int(0, 3 - 1);
    for (let k = 0; k < n; k++) {
      base += 7 + rng.int(0, 3 - 1); // never consecutive: podman would merge them into one range rule
      const form = rng.weighted<Form>([
        ['plain', 4],
        ['loopback', 2],
        ['hostaddr', 1],
        ['udp', 1],
      ]);
      const container = rng.next() < 0.5 ? base : 6000 + rng.int(0, 900 - 1) * 3 + i;
      if (ports.some((p) => p.container === container)) continue;
      ports.push({ form, host: base, container });
    }
    services.push({ name: `s${i}`, ports, ...(rng.next() < 0.35 ? { back: true } : {}) });
  }
  const all = services.flatMap((s) => s.ports);
  const tcp = all.filter((p) => p.form !== 'udp');
  const pick = tcp.length ? tcp[rng.int(0, tcp.length - 1)] : undefined;
  const special = firewall === 'input-allow' ? pick?.host : firewall === 'forward-drop' ? pick?.container : undefined;
  const kind = rng.next() < 0.3 ? 'quadlet' : 'compose';
  if (kind === 'quadlet') for (let i = 0; i < services.length; i++) services[i] = { name: services[i].name, ports: services[i].ports };
  return { name: `p${seed % 100000}x${index}`, kind, firewall: special === undefined && (firewall === 'input-allow' || firewall === 'forward-drop') ? 'input-drop' : firewall, special, services };
}

// ---- the real host

class Harness {
  constructor(private readonly script: string) {}
  private sh(args: string[], timeout = 120_000): { code: number; out: string; err: string } {
    const r = spawnSync(this.script, args, { encoding: 'utf8', timeout, env: { ...process.env, DW_INSTANCE: process.env.DW_INSTANCE ?? '5' } });
    return { code: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '' };
  }
  down(): void {
    this.sh(['down']);
  }
  /** Brings the host up with the admin's rules, runs the project; returns the iptables dump, or why it failed. */
  start(dir: string, s: Scenario): { dump: string } | { error: string } {
    this.down();
    const up = this.sh(['up', '--admin-rules', path.join(dir, 'admin.nft')]);
    if (up.code !== 0) return { error: `up failed: ${up.err.trim().split('\n').slice(-2).join(' / ')}` };
    if (s.kind === 'quadlet') {
      // What each unit's ExecStart runs, on the network the unit names (realpodman's run uses dwnet).
      for (const svc of s.services) {
        const listen = svc.ports.map((p) => (p.form === 'udp' ? `${p.container}/udp` : `${p.container}`));
        const r = this.sh(['run', ...svc.ports.flatMap((p) => ['-p', itemText(p)]), '--name', `systemd-${svc.name}`, '-e', `DWNAME=${svc.name}`, 'localhost/dwbox', 'dwlisten', ...listen]);
        if (r.code !== 0) return { error: `podman run failed: ${r.err.trim().split('\n').slice(-2).join(' / ')}` };
      }
    } else {
      const c = this.sh(['compose', '-f', path.join(dir, 'compose.yaml'), '-p', s.name, 'up', '-d']);
      if (c.code !== 0) return { error: `podman-compose failed: ${c.err.trim().split('\n').slice(-2).join(' / ')}` };
    }
    // dwlisten reports when it listens; give the containers a moment
    spawnSync('sleep', ['1']);
    const dump = this.sh(['ns', 'iptables-save']);
    if (dump.code !== 0) return { error: `iptables-save failed: ${dump.err.trim()}` };
    return { dump: dump.out };
  }
  probe(proto: 'tcp' | 'udp', port: number, addr: string): 'reachable' | 'blocked' {
    const r = this.sh(['probe', proto, String(port), '--addr', addr, '--timeout', '1']);
    return r.out.trim() === 'reachable' ? 'reachable' : 'blocked';
  }
}

// ---- Dockwall's side

function writeProject(s: Scenario, dir: string, compose = composeYaml(s)): void {
  mkdirSync(dir, { recursive: true });
  if (s.kind === 'quadlet') for (const svc of s.services) writeFileSync(path.join(dir, `${svc.name}.container`), unitText(svc));
  else writeFileSync(path.join(dir, 'compose.yaml'), compose);
  writeFileSync(path.join(dir, 'admin.nft'), firewallText(s));
  const host = { interfaces: { lo: { addresses: ['127.0.0.1/8'] }, eth0: { addresses: [`${HOST}/24`] } }, routes: [{ to: 'default', via: CLIENT, dev: 'eth0' }], forwarding: { v4: true, v6: false } };
  writeFileSync(path.join(dir, 'host.json'), JSON.stringify(host, null, 2) + '\n');
}

async function analyse(dir: string, s: Scenario): Promise<CheckResult> {
  const project = s.name;
  return check({
    reader: createFsReader(),
    cwd: dir,
    env: { COMPOSE_PROJECT_NAME: project },
    languages: await languages(),
    ...(s.kind === 'quadlet' ? { quadletFiles: s.services.map((svc) => path.join(dir, `${svc.name}.container`)) } : { composeFiles: [path.join(dir, 'compose.yaml')] }),
    projectDirectory: dir,
    rulesetFiles: [path.join(dir, 'admin.nft')],
    hostFile: path.join(dir, 'host.json'),
    containerEngine: 'podman',
    podman: { host: { existingNetworks: EXISTING } },
  });
}

/** Dockwall's verdict for a client on eth0 (203.0.113.2) connecting to addr:port. */
function verdict(r: CheckResult, proto: string, port: number, addr: string): { v: 'open' | 'closed' | 'unknown'; why: string } {
  const c = parseIp(CLIENT)!;
  for (const p of r.analysis.ports) {
    if (p.binding.proto !== proto || p.binding.hostPort !== port) continue;
    for (const probe of p.probes) {
      if (probe.daddr !== addr) continue;
      const cls = probe.classes.find((k) => k.iif === 'eth0' && k.sources.some((iv) => contains(iv, c)));
      if (!cls) return { v: 'unknown', why: 'no class for the client' };
      return { v: cls.verdict === 'accept' ? 'open' : cls.verdict === 'drop' ? 'closed' : 'unknown', why: cls.reason?.message ?? cls.verdict };
    }
  }
  return { v: 'closed', why: 'nothing published at that address' };
}

interface Tally {
  passed: number;
  failed: number;
}

async function runScenario(h: Harness, s: Scenario, root: string, tally: Tally, verbose: boolean, compose?: string): Promise<CheckResult | undefined> {
  const dir = path.join(root, s.name);
  writeProject(s, dir, compose);
  const started = h.start(dir, s);
  if ('error' in started) {
    line(`  ${s.name}: HARNESS ${started.error}`);
    tally.failed++;
    h.down();
    return undefined;
  }
  const result = await analyse(dir, s);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  for (const e of errors) line(`  ${s.name}: dockwall error: ${e.message}`);
  if (errors.length) tally.failed++;
  // Rule by rule.
  const synth = netavarkRules(renderIptablesSave(result.analysis.docker.iptables.ipv4).replace(/id: [^"]+"/g, 'id: ID"'));
  const problems = compareRules(netavarkRules(started.dump), synth);
  const nrules = [...synth.values()].reduce((n, x) => n + x.length, 0);
  if (problems.length) {
    tally.failed++;
    line(`  ${s.name}: RULES differ from netavark's:\n    ${problems.join('\n    ')}`);
  } else {
    tally.passed++;
    if (verbose) line(`  ${s.name}: ${nrules} netavark rules equal to the real dump`);
  }
  // Probes.
  const compText = compose ?? composeYaml(s);
  for (const svc of s.services) {
    for (const p of svc.ports) {
      const proto = p.form === 'udp' ? 'udp' : 'tcp';
      const item = itemText(p);
      if (compose && !compText.includes(item)) continue;
      const real = h.probe(proto, p.host, HOST);
      const dw = verdict(result, proto, p.host, HOST);
      const agree = (real === 'reachable') === (dw.v === 'open') && dw.v !== 'unknown';
      if (agree) tally.passed++;
      else tally.failed++;
      if (!agree || verbose) line(`  ${s.name} ${svc.name} "${item}" → ${HOST}:${p.host}/${proto}: real ${real}, dockwall ${dw.v}${agree ? '' : ` DISAGREE (${dw.why})`}`);
    }
  }
  h.down();
  return result;
}

async function acceptance(h: Harness, root: string, tally: Tally, verbose: boolean): Promise<void> {
  const s: Scenario = { name: 'accept5432', firewall: 'input-drop', services: [{ name: 'db', ports: [{ form: 'plain', host: 5432, container: 5432 }] }] };
  const r = await runScenario(h, s, root, tally, true);
  if (!r) return;
  const dw001 = r.findings.find((f) => f.code === 'DW001' && /5432:5432/.test(readFileSync(f.span.file, 'utf8').slice(f.span.start, f.span.end)));
  const fix = dw001?.fixes?.find((f) => f.preferred);
  if (!dw001 || !fix) {
    tally.failed++;
    line(`  accept5432: no DW001 with a preferred fix on "5432:5432" (findings: ${r.findings.map((f) => f.code).join(', ') || 'none'})`);
    return;
  }
  tally.passed++;
  line(`  accept5432: DW001 on "5432:5432": ${dw001.summary ?? dw001.message}`);
  const file = path.join(root, s.name, 'compose.yaml');
  const fixed = applyEdits(readFileSync(file, 'utf8'), fix.edits.filter((e) => e.file === file));
  if (verbose) line(`  accept5432: fixed compose.yaml:\n${fixed.replace(/^/gm, '    | ')}`);
  const s2: Scenario = { ...s, name: 'accept5432fixed', services: [{ name: 'db', ports: [{ form: 'loopback', host: 5432, container: 5432 }] }] };
  const r2 = await runScenario(h, s2, root, tally, verbose, fixed);
  if (r2 && r2.findings.some((f) => f.code === 'DW001')) {
    tally.failed++;
    line('  accept5432fixed: DW001 still reported after the fix');
  } else if (r2) tally.passed++;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' }, verbose: { type: 'boolean', short: 'v' }, 'no-acceptance': { type: 'boolean' } } });
  const script = findHarness();
  const why = process.getuid?.() !== 0 ? 'needs root' : !script ? 'no shared/tools/realpodman/realpodman.sh (set REALPODMAN_SHARED)' : !commandExists('podman') || !commandExists('podman-compose') || !commandExists('netavark', '/usr/lib/podman/netavark') ? 'podman, netavark and podman-compose are not installed (scripts/ci-packages.txt)' : undefined;
  if (why) {
    line(`realpodman suite ${CI ? 'FAILED' : 'skipped'}: ${why}`);
    if (CI) finish(0, 1);
    finish(0, 0);
  }
  const seed = Number(values.seed ?? process.env.REALPODMAN_SEED ?? Math.floor(Math.random() * 1e9));
  const count = Number(values.count ?? 12);
  const h = new Harness(script!);
  const root = mkdtempSync(path.join(os.tmpdir(), 'dw-realpodman-'));
  const tally: Tally = { passed: 0, failed: 0 };
  const t0 = Date.now();
  line(`realpodman: seed ${seed} (REALPODMAN_SEED=${seed} repeats it), ${count} generated scenarios`);
  try {
    if (!values['no-acceptance']) await acceptance(h, root, tally, !!values.verbose);
    for (let i = 0; i < count; i++) {
      const s = generate(seed, i);
      if (values.verbose) line(`  ${s.name}: ${s.kind === 'quadlet' ? 'Quadlet units / podman run, ' : ''}firewall ${s.firewall}${s.special ? ` (${s.special})` : ''}, ${s.services.map((x) => `${x.name}${x.back ? '@back' : ''}[${x.ports.map(itemText).join(' ')}]`).join(' ')}`);
      await runScenario(h, s, root, tally, !!values.verbose);
    }
  } finally {
    h.down();
    if (tally.failed === 0) rmSync(root, { recursive: true, force: true });
    else line(`projects kept in ${root}`);
  }
  line(`realpodman: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  finish(tally.passed, tally.failed);
}

function commandExists(name: string, ...alt: string[]): boolean {
  if (alt.some((a) => existsSync(a))) return true;
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

main().catch((e) => {
  line(`realpodman suite crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  finish(0, 1);
});
