/**
 * Rootful Podman on a firewalld host, judged by the real host (part of `npm run test:firewalld`):
 * Debian 12's podman 4.3.1 + netavark 1.4.0 + podman-compose 1.0.3 beside the real firewalld 1.3.3
 * (shared/tools/realpodman's host: eth0 in zone public with ssh only), probes from the client
 * namespace (203.0.113.2) and from the host itself.
 *
 * A compose project publishing `5432:5432` and `127.0.0.1:6379:6379` is run by podman-compose.
 * `dockwall check DIR --engine podman --format json` (the CLI, on a folder holding the compose file,
 * host.json and etc/firewalld as the real host has it) must report DW001 on the `5432:5432` item
 * citing zones/public.xml, and its verdicts must agree with the probes (5432 reachable from the
 * client, 6379 not). Dockwall's rules are compared with the real host's: netavark's iptables rules
 * rule by rule (as test/realpodman does) and firewalld's `inet firewalld` table chain by chain
 * (compare.ts), where netavark has bound the project's subnet to zone trusted; the table without
 * that binding must disagree (the comparison has teeth). The host's own connections (5432 at the
 * host's address, 127.0.0.1:6379) answer, and Dockwall's local simulation takes them to the
 * container.
 *
 * Then DW001's firewalld fix (a direct.xml rule in FORWARD) on a fresh host, direct.xml in place
 * before the containers start: 5432 blocked from the client, still open to the host itself, and
 * Dockwall's analysis with the fix applied reports no DW001 and calls 5432 closed. What the fix's
 * title says is measured: after `firewall-cmd --reload` every published port is closed (netavark's
 * rules are gone), after `podman network reload --all` 6379 and 5432 are back as before (5432
 * still blocked from the client), and after a container restart 5432 is still blocked.
 *
 * Then netavark's firewalld driver (containers.conf `firewall_driver = "firewalld"` in the folder,
 * NETAVARK_FW=firewalld on the host): DW001 on `5432:5432` citing the zone; the client's probes
 * (5432 answers, 6379 not) and the host's own (neither answers: forward-ports hook prerouting only,
 * and 6379 is forwarded to 127.0.0.1 itself) against Dockwall; no iptables rule; netavark_zone's
 * sources, netavark_portfwd's forward-ports and netavark_policy as `firewall-cmd --info-zone` /
 * `--info-policy` list them against the model's; the `inet firewalld` table against the merged
 * one (the forward-ports' DNAT rules in any order), the admin's alone must differ; the fix's
 * direct.xml closes 5432 there too, and a reload empties netavark_portfwd.
 *
 * The host's daemons stay up between commands: run under `flock -o /tmp/dw-netns.lock`.
 * DW_INSTANCE (default 6) picks realpodman's namespaces. Skipped, and said so, when realpodman,
 * podman or podman-compose is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, type CheckResult } from '../../server/src/core/check';
import { renderIptablesSave } from '../../server/src/core/docker';
import { applyEdits } from '../../server/src/core/findings';
import { discoverHost } from '../../server/src/cli/commands/check';
import { languages } from '../../server/src/host/assets';
import { createFsReader } from '../../server/src/host/fs-reader';
import { contains, parseIp, parseIpInterval } from '../../server/src/core/net/ip';
import { findRealpodman, runAlone, Tally } from '../diff-harness';
import { compareRules, netavarkRules } from '../realpodman/rules';
import { compareFirewalld, lowerListing, ruleKey } from './compare';
import type { Ruleset, Table } from '../../server/src/core/netfilter/model';
import { parsePacket } from '../../server/src/core/netfilter/packet';
import { simulateLocal } from '../../server/src/core/netfilter/simulate';

const REPO = path.join(__dirname, '..', '..');
const HOST = '203.0.113.1';
const CLIENT = '203.0.113.2';
/** The project's folder name, hence its compose project name (podman-compose is given the same with -p). */
const PROJECT = 'podfw';

const COMPOSE = `services:
  db:
    image: localhost/dwbox
    command: ["dwlisten", "5432", "6379"]
    environment:
      DWNAME: db
    ports:
      - "5432:5432"
      - "127.0.0.1:6379:6379"
`;
const PUBLIC_XML = `<?xml version="1.0" encoding="utf-8"?>
<zone>
  <short>Public</short>
  <description>Only ssh comes in.</description>
  <interface name="eth0"/>
  <service name="ssh"/>
  <forward/>
</zone>
`;
const HOST_JSON = JSON.stringify({ interfaces: { lo: { addresses: ['127.0.0.1/8', '::1/128'] }, eth0: { addresses: [`${HOST}/24`] } }, routes: [{ to: 'default', via: '203.0.113.2', dev: 'eth0' }] }, null, 2) + '\n';


function commandExists(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The project folder as a user keeps it: compose.yaml, host.json, etc/firewalld as the real host loads it. */
function writeProject(dir: string, direct?: string): void {
  mkdirSync(path.join(dir, 'etc', 'firewalld', 'zones'), { recursive: true });
  writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
  writeFileSync(path.join(dir, 'host.json'), HOST_JSON);
  // the package's firewalld.conf (DefaultZone=public, nftables backend), as the real host has it
  writeFileSync(path.join(dir, 'etc', 'firewalld', 'firewalld.conf'), readFileSync('/etc/firewalld/firewalld.conf', 'utf8'));
  writeFileSync(path.join(dir, 'etc', 'firewalld', 'zones', 'public.xml'), PUBLIC_XML);
  if (direct !== undefined) writeFileSync(path.join(dir, 'etc', 'firewalld', 'direct.xml'), direct);
  }

interface CliPort {
  hostIp: string;
  hostPort: number;
  proto: string;
  probes: { daddr: string; classes: { iif: string; sources: string[]; verdict: string }[] }[];
}
interface CliOut {
  findings: { code: string; file: string; line: number; related?: { file: string }[]; fixes?: { title: string; preferred?: boolean }[] }[];
  ports: CliPort[];
}

/** `dockwall check DIR --engine podman --format json`, the CLI from the sources. */
function cli(dir: string): CliOut | string {
  const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', path.join(REPO, 'server', 'src', 'cli', 'main.ts'), 'check', dir, '--engine', 'podman', '--format', 'json'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  try {
    return JSON.parse(r.stdout) as CliOut;
  } catch {
    return `dockwall check exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' / ')}`;
  }
}

/** The CLI's verdict for the client (eth0, 203.0.113.2) at HOST:port ('closed' when nothing is published at HOST). */
function cliVerdict(out: CliOut, port: number): string {
  const p = out.ports.find((x) => x.hostPort === port && x.proto === 'tcp');
  const probe = p?.probes.find((x) => x.daddr === HOST);
  if (!probe) return 'closed';
  const client = parseIp(CLIENT)!;
  const cls = probe.classes.find((c) => c.iif === 'eth0' && c.sources.some((s) => s === 'any' || (parseIpInterval(s) && contains(parseIpInterval(s)!, client))));
  return cls?.verdict ?? 'no class for the client';
}

const firewalldOf = (r: Ruleset) => r.tables.find((t) => t.ref.family === 'inet' && t.ref.name === 'firewalld');

/** The values of one setting in `firewall-cmd --info-zone` / `--info-policy` output (on its line, or one per tab-indented line after it), sorted. */
function listed(info: string, key: string): string[] {
  const lines = info.split('\n');
  const at = lines.findIndex((l) => l.trim().startsWith(`${key}:`));
  if (at < 0) return [];
  const values = lines[at].slice(lines[at].indexOf(':') + 1).trim().split(/\s+/).filter(Boolean);
  for (let k = at + 1; k < lines.length && lines[k].startsWith('\t'); k++) values.push(lines[k].trim());
  return values.sort();
}

/** The chain netavark's forward-ports land in. */
const DNAT_CHAIN = 'nat_PRE_policy_netavark_portfwd_allow';
/** The table with one chain's rules sorted by their meaning. */
function sortChain(t: Table | undefined, chain: string): Table | undefined {
  const c = t?.chains.get(chain);
  if (!t || !c) return t;
  return { ...t, chains: new Map([...t.chains].map(([n, x]) => [n, n === chain ? { ...x, rules: [...x.rules].sort((a, b) => (ruleKey(a) < ruleKey(b) ? -1 : ruleKey(a) > ruleKey(b) ? 1 : 0)) } : x])) };
}

/** Where Dockwall sends the host's own connection to addr:port: to the container (DNATed), or nowhere else than the host itself. */
function localPath(r: CheckResult, addr: string, port: number): string {
  const packet = parsePacket(`iif=lo saddr=${addr} daddr=${addr} proto=tcp dport=${port}`).value!;
  const sim = simulateLocal(r.analysis.ruleset, r.analysis.host, packet);
  if (sim.verdict !== 'accept') return sim.verdict;
  return sim.final.daddr !== addr ? 'to the container' : 'to the host itself';
}

/** The same analysis in-process (the CLI's discovery), for the rule comparisons. */
async function analyseRequest(dir: string): Promise<Parameters<typeof check>[0]> {
  const inDir = (f: string) => path.join(dir, f);
  const conf = existsSync(inDir('containers.conf')) ? { containersConf: inDir('containers.conf') } : {};
  return { ...discoverHost(dir), ...conf, containerEngine: 'podman', hostFile: inDir('host.json'), composeFiles: [inDir('compose.yaml')], projectDirectory: dir, reader: createFsReader(), cwd: dir, env: {}, languages: await languages() };
}
const analyse = async (dir: string): Promise<CheckResult> => check(await analyseRequest(dir));

export async function probePodman(tally: Tally): Promise<void> {
  const script = findRealpodman(REPO);
  const missing = !script ? 'no shared/tools/realpodman/realpodman.sh' : !commandExists('podman') ? 'podman is not installed' : !commandExists('podman-compose') ? 'podman-compose is not installed' : undefined;
  if (missing) {
    console.log(`firewalld podman: skipped (${missing})`);
    return;
  }
  const instance = process.env.DW_INSTANCE ?? '6';
  const started = Date.now();
  const sh = (...args: string[]) => {
    const r = spawnSync(script!, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DW_INSTANCE: instance } });
    return { code: r.status ?? -1, out: (r.stdout ?? '').trim(), err: (r.stderr ?? '').trim() };
  };
  const etc = path.join(process.env.DW_BASE ?? '/var/tmp/dwpod', `run${instance}`, 'firewalld-etc');
  const expect = (what: string, got: string, want: string) => {
    if (got === want) tally.pass();
    else tally.fail(`firewalld podman: ${what}: ${got}, expected ${want}`);
  };
  const probe = (port: number, from: 'client' | 'local' = 'client', addr = HOST) => sh('probe', 'tcp', String(port), '--from', from, '--addr', addr).out;
  const root = mkdtempSync(path.join(os.tmpdir(), 'dw-fwd-podman-'));
  const dir = path.join(root, PROJECT);

  /** A fresh host: firewalld (public: ssh only), direct.xml when given, then the project (netavark's firewall driver `fw`). */
  const up = (direct?: string, at = dir, fw: 'iptables' | 'firewalld' = 'iptables'): string | undefined => {
    sh('down');
    const u = sh('up', '--firewalld', '--fw', fw);
    if (u.code !== 0) return `up: ${u.err.split('\n').slice(-2).join(' / ')}`;
    // realpodman's network dwnet would take 10.89.0.0/24; without it the project's network gets
    // the subnet podman gives a host's first network, as the CLI assumes
    sh('podman', 'network', 'rm', '-f', 'dwnet');
    if (direct !== undefined) {
      // firewalld reads it at its start; loaded here before the containers start, as at boot
      writeFileSync(path.join(etc, 'direct.xml'), direct);
      const r = sh('ns', 'firewall-cmd', '--reload');
      if (r.code !== 0) return `firewall-cmd --reload: ${r.err || r.out}`;
    }
    const c = sh('compose', '-f', path.join(at, 'compose.yaml'), '-p', path.basename(at), 'up', '-d');
    if (c.code !== 0) return `podman-compose: ${c.err.split('\n').slice(-2).join(' / ')}`;
    spawnSync('sleep', ['1']);
    return undefined;
  };

  try {
    // 1. The host as it is: DW001, probes, rules.
    writeProject(dir);
    let e = up();
    if (e) return void tally.fail(`firewalld podman: ${e}`);
    const real = { c5432: probe(5432), c6379: probe(6379), l5432: probe(5432, 'local'), l6379: probe(6379, 'local', '127.0.0.1') };
    console.log(`firewalld podman: real host: client 5432 ${real.c5432}, client 6379 ${real.c6379}, host 5432 ${real.l5432}, host 127.0.0.1:6379 ${real.l6379}`);
    const out = cli(dir);
    if (typeof out === 'string') return void tally.fail(`firewalld podman: ${out}`);
    const dw001 = out.findings.find((f) => f.code === 'DW001' && f.line === COMPOSE.split('\n').findIndex((l) => l.includes('"5432:5432"')) + 1);
    expect('DW001 on "5432:5432"', dw001 ? 'reported' : `not reported (${out.findings.map((f) => `${f.code}@${f.line}`).join(', ') || 'no findings'})`, 'reported');
    expect('DW001 cites zones/public.xml', dw001?.related?.some((r) => r.file.endsWith(path.join('zones', 'public.xml'))) ? 'yes' : 'no', 'yes');
    expect('the preferred fix binds to 127.0.0.1', dw001?.fixes?.find((f) => f.preferred)?.title ?? 'none', 'Bind to 127.0.0.1 (only this host can connect)');
    expect('client 5432: real vs Dockwall', `${real.c5432}/${cliVerdict(out, 5432)}`, 'reachable/open');
    expect('client 6379: real vs Dockwall', `${real.c6379}/${cliVerdict(out, 6379)}`, 'blocked/closed');

    const r = await analyse(dir);
    const save = sh('ns', 'iptables-save').out;
    const synth = netavarkRules(renderIptablesSave(r.analysis.docker.iptables.ipv4).replace(/id: [^"]+"/g, 'id: ID"'));
    const ruleProblems = compareRules(netavarkRules(save), synth);
    if (ruleProblems.length) tally.fail(`firewalld podman: netavark's rules differ:\n    ${ruleProblems.join('\n    ')}`);
    else tally.pass();
    const L = await languages();
    const listing = sh('ns', 'nft', 'list', 'table', 'inet', 'firewalld').out;
    const realTable = lowerListing('nft', listing, L);
    const tableProblems = [...realTable.errors, ...compareFirewalld(realTable.table, firewalldOf(r.analysis.ruleset))];
    if (tableProblems.length) tally.fail(`firewalld podman: the inet firewalld table differs:\n    ${tableProblems.slice(0, 8).join('\n    ')}`);
    else tally.pass();
    const zones = sh('ns', 'firewall-cmd', '--get-active-zones').out;
    expect('the project subnet in zone trusted (firewall-cmd --get-active-zones)', /trusted\s+sources: 10\.89\.0\.0\/24/.test(zones) ? 'yes' : zones.replace(/\n/g, ' '), 'yes');
    // teeth: the table without netavark's trusted source (Docker's analysis adds none) is told apart from the real one
    const bare = check({ ...(await analyseRequest(dir)), containerEngine: undefined });
    expect('self-check: the table without the trusted source differs', compareFirewalld(realTable.table, firewalldOf(bare.analysis.ruleset)).length ? 'differs' : 'agrees', 'differs');
    // the host's own connections: netavark's OUTPUT DNAT takes them to the container
    expect('host 5432: real vs Dockwall', `${real.l5432}/${localPath(r, HOST, 5432)}`, 'reachable/to the container');
    expect('host 127.0.0.1:6379: real vs Dockwall', `${real.l6379}/${localPath(r, '127.0.0.1', 6379)}`, 'reachable/to the container');

    // 2. DW001's firewalld fix.
    const fix = dw001 && (await analyse(dir)).findings.find((f) => f.code === 'DW001')?.fixes?.find((f) => f.edits.some((x) => x.file.endsWith('direct.xml')));
    if (!fix) return void tally.fail('firewalld podman: DW001 offers no direct.xml fix');
    const directFile = path.join(dir, 'etc', 'firewalld', 'direct.xml');
    const direct = applyEdits('', fix.edits.filter((x) => x.file === directFile));
    console.log(`firewalld podman: fix "${fix.title}":\n${direct.replace(/^/gm, '    | ')}`);
    writeProject(dir, direct);
    const fixed = cli(dir);
    if (typeof fixed === 'string') return void tally.fail(`firewalld podman: ${fixed}`);
    expect('DW001 with the fix applied', String(fixed.findings.filter((f) => f.code === 'DW001').length), '0');
    e = up(direct);
    if (e) return void tally.fail(`firewalld podman: ${e}`);
    expect('client 5432 with the fix: real vs Dockwall', `${probe(5432)}/${cliVerdict(fixed, 5432)}`, 'blocked/closed');
    expect('host 5432 with the fix', probe(5432, 'local'), 'reachable');
    expect('host 127.0.0.1:6379 with the fix', probe(6379, 'local', '127.0.0.1'), 'reachable');
    // what the title says
    sh('ns', 'firewall-cmd', '--reload');
    spawnSync('sleep', ['1']);
    expect('host 127.0.0.1:6379 after firewall-cmd --reload (netavark\'s rules are gone)', probe(6379, 'local', '127.0.0.1'), 'blocked');
    sh('podman', 'network', 'reload', '--all');
    expect('host 127.0.0.1:6379 after podman network reload --all', probe(6379, 'local', '127.0.0.1'), 'reachable');
    expect('client 5432 after firewall-cmd --reload + podman network reload --all (the fix kept)', probe(5432), 'blocked');
    sh('podman', 'restart', `${PROJECT}_db_1`);
    spawnSync('sleep', ['1']);
    expect('host 5432 after a container restart', probe(5432, 'local'), 'reachable');
    expect('host 127.0.0.1:6379 after a container restart', probe(6379, 'local', '127.0.0.1'), 'reachable');
    expect('client 5432 after a container restart (the fix kept)', probe(5432), 'blocked');

    // 3. netavark's firewalld driver (containers.conf firewall_driver = "firewalld"): objects in firewalld, no iptables rules.
    const drv = path.join(root, `${PROJECT}drv`);
    writeProject(drv);
    writeFileSync(path.join(drv, 'containers.conf'), '[network]\nfirewall_driver = "firewalld"\n');
    e = up(undefined, drv, 'firewalld');
    if (e) return void tally.fail(`firewalld podman (firewalld driver): ${e}`);
    const realDrv = { c5432: probe(5432), c6379: probe(6379), l5432: probe(5432, 'local'), l6379: probe(6379, 'local', '127.0.0.1') };
    console.log(`firewalld podman: firewalld driver: client 5432 ${realDrv.c5432}, client 6379 ${realDrv.c6379}, host 5432 ${realDrv.l5432}, host 127.0.0.1:6379 ${realDrv.l6379}`);
    const outDrv = cli(drv);
    if (typeof outDrv === 'string') return void tally.fail(`firewalld podman (firewalld driver): ${outDrv}`);
    const dw001Drv = outDrv.findings.find((f) => f.code === 'DW001' && f.line === COMPOSE.split('\n').findIndex((l) => l.includes('"5432:5432"')) + 1);
    expect('firewalld driver: DW001 on "5432:5432" citing zones/public.xml', dw001Drv?.related?.some((x) => x.file.endsWith(path.join('zones', 'public.xml'))) ? 'yes' : `no (${outDrv.findings.map((f) => `${f.code}@${f.line}`).join(', ') || 'no findings'})`, 'yes');
    expect('firewalld driver: client 5432: real vs Dockwall', `${realDrv.c5432}/${cliVerdict(outDrv, 5432)}`, 'reachable/open');
    expect('firewalld driver: client 6379: real vs Dockwall', `${realDrv.c6379}/${cliVerdict(outDrv, 6379)}`, 'blocked/closed');
    const rd = await analyse(drv);
    // forward-ports hook prerouting only: the host's own connections stay on the host (nothing listens there)
    expect('firewalld driver: host 5432: real vs Dockwall', `${realDrv.l5432}/${localPath(rd, HOST, 5432)}`, 'blocked/to the host itself');
    expect('firewalld driver: host 127.0.0.1:6379: real vs Dockwall', `${realDrv.l6379}/${localPath(rd, '127.0.0.1', 6379)}`, 'blocked/to the host itself');
    expect('firewalld driver: no iptables rules', String(netavarkRules(sh('ns', 'iptables-save').out).size), '0');
    // netavark's objects as firewall-cmd lists them, against the model's
    const rt = rd.analysis.docker.firewalld?.runtime;
    const info = (what: string) => sh('ns', 'firewall-cmd', what).out;
    const zoneModel = rt?.zones?.find((z) => z.name === 'netavark_zone');
    expect('firewalld driver: netavark_zone sources', listed(info('--info-zone=netavark_zone'), 'sources').join(' '), (zoneModel?.sources.map((x) => x.value) ?? []).sort().join(' '));
    const fwdModel = rt?.policies?.find((p) => p.name === 'netavark_portfwd');
    expect('firewalld driver: netavark_portfwd forward-ports', listed(info('--info-policy=netavark_portfwd'), 'forward-ports').join(' '), (fwdModel?.forwardPorts.map((f) => `port=${f.port}:proto=${f.protocol}:toport=${f.toPort}:toaddr=${f.toAddr}`) ?? []).sort().join(' '));
    const polModel = rt?.policies?.find((p) => p.name === 'netavark_policy');
    const pol = info('--info-policy=netavark_policy');
    expect('firewalld driver: netavark_policy', [listed(pol, 'target'), listed(pol, 'masquerade'), listed(pol, 'ingress-zones'), listed(pol, 'egress-zones')].join(' '), [polModel?.target.value, polModel?.masquerade ? 'yes' : 'no', polModel?.ingress.map((x) => x.value).join(' '), polModel?.egress.map((x) => x.value).join(' ')].join(' '));
    // the table, the forward-ports' DNAT rules in any order (podman hands netavark its ports in map order)
    const realDrvTable = lowerListing('nft', sh('ns', 'nft', 'list', 'table', 'inet', 'firewalld').out, L);
    const drvProblems = [...realDrvTable.errors, ...compareFirewalld(sortChain(realDrvTable.table, DNAT_CHAIN), sortChain(firewalldOf(rd.analysis.ruleset), DNAT_CHAIN))];
    if (drvProblems.length) tally.fail(`firewalld podman: firewalld driver: the inet firewalld table differs:\n    ${drvProblems.slice(0, 8).join('\n    ')}`);
    else tally.pass();
    expect('self-check: the admin\'s table alone differs from the firewalld driver\'s', compareFirewalld(realDrvTable.table, firewalldOf(rd.analysis.adminRuleset)).length ? 'differs' : 'agrees', 'differs');
    // DW001's direct.xml fix holds under this driver too; a reload drops netavark's runtime objects until podman network reload
    writeFileSync(path.join(etc, 'direct.xml'), direct);
    sh('ns', 'firewall-cmd', '--reload');
    spawnSync('sleep', ['1']);
    expect('firewalld driver: netavark_portfwd forward-ports after firewall-cmd --reload', listed(info('--info-policy=netavark_portfwd'), 'forward-ports').join(' '), '');
    sh('podman', 'network', 'reload', '--all');
    writeProject(drv, direct);
    const fixedDrv = cli(drv);
    if (typeof fixedDrv === 'string') return void tally.fail(`firewalld podman (firewalld driver): ${fixedDrv}`);
    expect('firewalld driver: client 5432 with the fix (after podman network reload --all): real vs Dockwall', `${probe(5432)}/${cliVerdict(fixedDrv, 5432)}`, 'blocked/closed');
    expect('firewalld driver: DW001 with the fix applied', String(fixedDrv.findings.filter((f) => f.code === 'DW001').length), '0');
  } finally {
    sh('down');
    if (!tally.failed) rmSync(root, { recursive: true, force: true });
    else console.log(`firewalld podman: project kept in ${root}`);
    console.log(`firewalld podman: rootful Podman (netavark 1.4, iptables and firewalld drivers) on the real firewalld (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

if (require.main === module) runAlone(probePodman);
