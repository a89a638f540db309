/**
 * `dockwall check` and `dockwall docker-rules -f`, in process (and once through the built bundle):
 * text and JSON goldens of the bundled example (`UPDATE_GOLDEN=1` rewrites them), SARIF validated
 * against the SARIF 2.1.0 schema a registry package ships, exit codes, and input errors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { main } from '../../server/src/cli/main';
import { RULES } from '../../server/src/core/findings';

const repoRoot = path.resolve(__dirname, '../..');
const FIX = path.join(__dirname, 'fixtures', 'cli-check');
const EXAMPLE = 'examples/webstack';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dockwall ARGS` in process from `cwd`, capturing its output. */
async function run(args: string[], cwd = repoRoot): Promise<Run> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  const before = process.cwd();
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  process.chdir(cwd);
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function golden(name: string, actual: string): void {
  const file = path.join(FIX, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(FIX, { recursive: true });
    writeFileSync(file, actual);
  }
  assert.ok(existsSync(file), `missing golden ${path.relative(repoRoot, file)} (run with UPDATE_GOLDEN=1)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${path.relative(repoRoot, file)} (UPDATE_GOLDEN=1 rewrites it)`);
}

/** Line (1-based) of the first line of `file` containing `needle`. */
function lineOf(file: string, needle: string): number {
  const i = readFileSync(path.join(repoRoot, file), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} in ${file}`);
  return i + 1;
}

describe('dockwall check', function () {
  this.timeout(60000);
  const dbLine = lineOf(`${EXAMPLE}/compose.yaml`, '"5432:5432"');
  // The item's range covers its quotes.
  const dbColumn = readFileSync(path.join(repoRoot, EXAMPLE, 'compose.yaml'), 'utf8').split('\n')[dbLine - 1].indexOf('"5432:5432"') + 1;

  it('text: the example database port is open to the world despite INPUT: a plain sentence, why, the path and the fix as applied', async () => {
    const r = await run(['check', EXAMPLE]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    const i = lines.indexOf(`${EXAMPLE}/compose.yaml:${dbLine}:${dbColumn}: warning[DW001]`);
    assert.ok(i >= 0, r.stdout);
    const block = lines.slice(i + 1, lines.findIndex((l, k) => k > i && l === '')).join('\n');
    // Which port, to whom, why, and what one change fixes it, for a reader who never heard of DNAT.
    assert.match(block, /^ {2}Port 5432\/tcp of service db is open to anyone reaching eth0 or wg0, although your firewall blocks\s+it\./);
    assert.match(block, /Why: Your firewall would drop these packets \(`tcp dport 5432 drop comment "PostgreSQL is private"`\s+at examples\/webstack\/nftables\.conf:14\)/);
    assert.match(block, /\n {2}Path:\n {4}nat DOCKER \(Docker\) +DNAT 198\.51\.100\.10:5432 → 172\.\d+\.\d+\.\d+:5432\n {4}routing +forwarded to br-/);
    assert.match(block, /\n {2}Fix: Bind to 127\.0\.0\.1 .*\n {4}examples\/webstack\/compose\.yaml:25\n {4}- +- "5432:5432".*\n {4}\+ +- "127\.0\.0\.1:5432:5432"/);
    // Findings and notes are wrapped to 100 columns (not a terminal); the exposure table is a table.
    for (const l of lines.slice(0, lines.findIndex((x) => x.startsWith('exposure (')))) assert.ok(l.length <= 100, `wrapped to 100 columns: ${l}`);
    assert.ok(!r.stdout.includes(repoRoot), 'no absolute paths in the output');
    golden('webstack.txt', r.stdout);
  });

  it('text --verbose: the full message, every step, every fix and the related notes', async () => {
    const r = await run(['check', EXAMPLE, '--verbose']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /In full: tcp\/5432 of service db is reachable from eth0 \(any source\)/);
    assert.match(r.stdout, /filter FORWARD \(Docker\) +jump DOCKER-USER/);
    assert.match(r.stdout, /\n {2}Or: /);
    assert.match(r.stdout, /nftables\.conf:14:3: without Docker, `tcp dport 5432 drop/);
  });

  it('json: stable shape with 1-based ranges, fixes and paths', async () => {
    const r = await run(['check', EXAMPLE, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.version, 1);
    assert.deepEqual(j.diagnostics.filter((d: { severity: string }) => d.severity === 'error'), []);
    const db = j.findings.find((f: { code: string; line: number }) => f.code === 'DW001' && f.line === dbLine);
    assert.ok(db, r.stdout);
    assert.deepEqual([db.file, db.column, db.endLine, db.endColumn, db.severity, db.name], [`${EXAMPLE}/compose.yaml`, dbColumn, dbLine, dbColumn + '"5432:5432"'.length, 'warning', 'published-port-bypasses-firewall']);
    const edit = db.fixes[0].edits[0];
    assert.deepEqual([edit.file, edit.line, edit.column, edit.newText], [`${EXAMPLE}/compose.yaml`, dbLine, dbColumn + 1, '127.0.0.1:']);
    assert.ok(db.path.some((p: { text: string }) => p.text.includes('DNAT')));
    const proxy = j.findings.find((f: { code: string }) => f.code === 'DW002');
    assert.ok(proxy, 'the https port is reported as listening on every address');
    assert.deepEqual(
      proxy.fixes.map((f: { title: string }) => f.title),
      ['Bind to 127.0.0.1 (only this host can connect)', 'Bind to 198.51.100.10 (the address of eth0)', 'Bind to 2001:db8:10::10 (the address of eth0)', 'Bind to 10.8.0.1 (the address of wg0)'],
    );
    golden('webstack.json', r.stdout);
  });

  it('sarif: valid against the SARIF 2.1.0 schema, with rules metadata, UTF-16 regions and fixes', async function () {
    const schemaFile = path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const r = await run(['check', EXAMPLE, '--format', 'sarif']);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    assert.match(schema.$schema, /draft-04/);
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's `language` pattern is not valid with the u flag;
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors, null, 2));
    // The validator does reject a broken log.
    assert.equal(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ruleId: 'DW001', level: 'loud', message: { text: 'x' } }] }] }), false);

    const runObj = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(runObj.columnKind, 'utf16CodeUnits');
    assert.deepEqual(
      runObj.tool.driver.rules.map((x: { id: string }) => x.id),
      RULES.map((x) => x.code),
    );
    const dw001 = runObj.tool.driver.rules.find((x: { id: string }) => x.id === 'DW001');
    assert.equal(dw001.name, 'published-port-bypasses-firewall');
    assert.equal(dw001.defaultConfiguration.level, 'warning');
    assert.ok(dw001.help.markdown.includes('DNAT'));
    const res = runObj.results.find((x: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => x.ruleId === 'DW001' && x.locations[0].physicalLocation.region.startLine === dbLine);
    assert.ok(res, 'DW001 result on the database port');
    assert.equal(runObj.tool.driver.rules[res.ruleIndex].id, 'DW001');
    assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: `${EXAMPLE}/compose.yaml`, uriBaseId: '%SRCROOT%' });
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: dbLine, startColumn: dbColumn, endLine: dbLine, endColumn: dbColumn + 11 });
    assert.equal(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '127.0.0.1:');
    assert.ok(res.relatedLocations[0].physicalLocation.artifactLocation.uri.endsWith('nftables.conf'));
    assert.ok(runObj.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file:///'));
    assert.ok(runObj.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
  });

  it('exposure report: JSON `ports` lists every published port per destination, interface and sources, with what decides', async () => {
    const r = await run(['check', EXAMPLE, '--format', 'json']);
    const j = JSON.parse(r.stdout);
    type Row = { service: string; file: string; line: number; hostIp: string; hostPort: number; proto: string; containerPort: number; path: string; probes: { daddr: string; family: number; classes: { iif: string; sources: string[]; verdict: string; decidedBy: { text: string; file?: string; line?: number; by?: string } | null; reply: string | null }[] }[] };
    const ports: Row[] = j.ports;
    assert.ok(Array.isArray(ports), 'ports array');
    const db4 = ports.find((p) => p.service === 'db' && p.hostIp === '0.0.0.0');
    assert.ok(db4, JSON.stringify(ports.map((p) => [p.service, p.hostIp, p.hostPort])));
    assert.deepEqual([db4.file, db4.line, db4.hostPort, db4.proto, db4.containerPort, db4.path], [`${EXAMPLE}/compose.yaml`, dbLine, 5432, 'tcp', 5432, 'dnat']);
    // One destination per external interface (its own address); every source of each interface in one row.
    assert.deepEqual(db4.probes.map((p) => [p.daddr, p.family]), [['198.51.100.10', 4], ['10.8.0.1', 4]]);
    const eth0 = db4.probes[0].classes;
    assert.deepEqual(eth0.map((c) => [c.iif, c.sources, c.verdict]), [['eth0', ['any'], 'open']]);
    assert.equal(eth0[0].decidedBy?.by, 'docker');
    assert.match(eth0[0].decidedBy!.text, /-j ACCEPT/);
    assert.ok(eth0[0].reply === null || ['ok', 'dropped', 'unknown'].includes(eth0[0].reply));
    // The IPv6 side goes through docker-proxy, delivered locally: the admin's input rule closes it, with its file and line.
    const db6 = ports.find((p) => p.service === 'db' && p.hostIp === '::');
    assert.ok(db6);
    assert.equal(db6.path, 'proxy-only');
    const c6 = db6.probes[0].classes[0];
    assert.deepEqual([c6.iif, c6.sources, c6.verdict, c6.decidedBy?.file, c6.decidedBy?.line, c6.decidedBy?.by], ['eth0', ['any'], 'closed', `${EXAMPLE}/nftables.conf`, lineOf(`${EXAMPLE}/nftables.conf`, 'tcp dport 5432 drop'), 'admin']);
    // A loopback binding is probed at 127.0.0.1 and closed by Docker's raw drop.
    const cache = ports.find((p) => p.service === 'cache');
    assert.deepEqual(cache?.probes.map((p) => [p.daddr, p.classes.map((c) => c.verdict)]), [['127.0.0.1', ['closed', 'closed']]]);
  });

  it('exposure report: the text output prints the table after the findings, before the summary line', async () => {
    const r = await run(['check', EXAMPLE]);
    const lines = r.stdout.trimEnd().split('\n');
    const head = lines.findIndex((l) => l.startsWith('exposure (5 ports):'));
    assert.ok(head > 0, r.stdout);
    assert.ok(lines.slice(0, head).some((l) => l.includes('warning[DW001]')), 'findings come first');
    assert.match(lines[head + 1], /^ {2}SERVICE +ITEM +PUBLISHED +TO +DESTINATION +IIF +SOURCES +VERDICT +DECIDED BY$/);
    const db = lines.find((l) => /^ {2}db +examples\/webstack\/compose\.yaml:\d+ +\[::\]:5432\/tcp/.test(l));
    assert.ok(db, r.stdout);
    assert.match(db, /proxy-only\) +2001:db8:10::10 +eth0 +any +closed +`tcp dport 5432 drop/);
    assert.match(lines[lines.length - 1], /^4 findings /);
  });

  it('columns are UTF-16 code units in JSON and SARIF; a host port range says which port Docker picks', async () => {
    const dir = path.join(FIX, 'utf16');
    const line = readFileSync(path.join(dir, 'compose.yaml'), 'utf8').split('\n')[5];
    // The long syntax's finding sits on the `published` value, inside its quotes. JS strings index
    // UTF-16 code units: the emoji before it counts 2.
    const column = line.indexOf('9090') + 1;
    assert.notEqual(column, [...line.slice(0, line.indexOf('9090'))].length + 1, 'the line has a character outside the BMP before the port');
    const j = JSON.parse((await run(['check', dir, '--format', 'json'])).stdout);
    const f = j.findings.find((x: { line: number }) => x.line === 6);
    assert.deepEqual([f?.code, f?.column, f?.endColumn], ['DW002', column, column + 4]);
    const range = j.findings.find((x: { line: number }) => x.line === 5);
    assert.match(range.message, /the host port is the first free port of 8000-8010 at run time; assumed 8000/);
    const s = JSON.parse((await run(['check', dir, '--format', 'sarif'])).stdout);
    const res = s.runs[0].results.find((x: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => x.locations[0].physicalLocation.region.startLine === 6);
    assert.equal(s.runs[0].columnKind, 'utf16CodeUnits');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 6, startColumn: column, endLine: 6, endColumn: column + 4 });
  });

  it('without a folder or -f, checks the current folder with its rulesets (and reads nft -j JSON rulesets there)', async () => {
    const here = await run(['check', '--format', 'json'], EXAMPLE);
    const dot = await run(['check', '--format', 'json', '.'], EXAMPLE);
    assert.equal(here.code, 1, here.stderr);
    assert.equal(here.stdout, dot.stdout);
    assert.ok((JSON.parse(here.stdout) as { findings: { code: string }[] }).findings.some((f) => f.code === 'DW001'));
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-check-'));
    try {
      writeFileSync(path.join(tmp, 'compose.yaml'), 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n');
      const input = { family: 'inet', table: 'filter', name: 'input', handle: 1, type: 'filter', hook: 'input', prio: 0, policy: 'drop' };
      writeFileSync(path.join(tmp, 'ruleset.json'), JSON.stringify({ nftables: [{ metainfo: { json_schema_version: 1 } }, { table: { family: 'inet', name: 'filter', handle: 1 } }, { chain: input }] }));
      writeFileSync(path.join(tmp, 'daemon.json'), '{}');
      const r = await run(['check', '--format', 'json'], tmp);
      const findings = (JSON.parse(r.stdout) as { findings: { code: string; file: string }[] }).findings;
      assert.ok(findings.some((f) => f.code === 'DW001' && f.file === 'compose.yaml'), r.stdout);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('follows the includes of an nftables ruleset (a glob, a file beside it): a ruleset another includes is loaded there only', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-include-'));
    try {
      writeFileSync(path.join(tmp, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n');
      writeFileSync(path.join(tmp, 'daemon.json'), '{}');
      const input = 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tjump from_d\n\t\tjump beside\n\t}\n}\n';
      writeFileSync(path.join(tmp, 'nftables.conf'), `include "./nftables.d/*.nft"\ninclude "beside.nft"\ninclude "./elsewhere.d/*.nft"\n${input}`);
      mkdirSync(path.join(tmp, 'nftables.d'));
      writeFileSync(path.join(tmp, 'nftables.d', '10-web.nft'), 'table inet filter {\n\tchain from_d {\n\t\ttcp dport 8080 accept\n\t}\n}\n');
      // (a variable of the including file: the included text alone would not lower)
      writeFileSync(path.join(tmp, 'beside.nft'), 'define DB = 5432\ntable inet filter {\n\tchain beside {\n\t\ttcp dport $DB accept\n\t}\n}\n');
      const r = await run(['check', '--format', 'json'], tmp);
      const out = JSON.parse(r.stdout) as { findings: { code: string; message: string }[]; diagnostics: { file: string; code: string; message: string; severity: string }[] };
      assert.deepEqual(out.diagnostics.filter((d) => d.severity !== 'information'), [], r.stdout);
      // a pattern that names no file is said (the files may be on another host)
      assert.ok(out.diagnostics.some((d) => d.file === 'nftables.conf' && /include "\.\/elsewhere\.d\/\*\.nft" names no file here/.test(d.message)), r.stdout);
      assert.ok(out.diagnostics.some((d) => d.code === 'included' && d.file === 'beside.nft'), r.stdout);
      // both ports are accepted by the included chains: no DW001, and DW002 quotes each included rule
      assert.ok(!out.findings.some((f) => f.code === 'DW001'), r.stdout);
      const dw002 = out.findings.filter((f) => f.code === 'DW002').map((f) => f.message).join('\n');
      assert.match(dw002, /`tcp dport 8080 accept`/);
      assert.match(dw002, /`tcp dport \$DB accept`/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('files named without options are sorted by kind; a ruleset iptables-restore would refuse is an input error, never a pass', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-check-'));
    try {
      writeFileSync(path.join(tmp, 'app.yaml'), 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n');
      writeFileSync(path.join(tmp, 'rules.v4'), '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dprot 22 -j ACCEPT\n-A INPUT -p tcp --dport 5432 -j ACCPET\nCOMMIT\n');
      writeFileSync(path.join(tmp, 'host.json'), JSON.stringify({ interfaces: { eth0: { addresses: ['198.51.100.1/24'] } }, routes: [{ to: 'default', via: '198.51.100.254', dev: 'eth0' }] }));
      const r = await run(['check', 'app.yaml', 'rules.v4', 'host.json', '--format', 'json'], tmp);
      assert.equal(r.code, 1, r.stderr);
      const doc = JSON.parse(r.stdout) as { diagnostics: { severity: string; file: string; message: string }[]; findings: { code: string; file: string }[] };
      const errors = doc.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.message}`);
      assert.ok(errors.some((e) => /^rules\.v4: unknown option `--dprot`/.test(e)), errors.join('\n'));
      assert.ok(errors.some((e) => /^rules\.v4: `ACCPET` is neither a target/.test(e)), errors.join('\n'));
      assert.ok(doc.findings.some((f) => f.file === 'app.yaml'), 'the compose file named without -f is analysed');
      assert.ok(!doc.diagnostics.some((d) => d.message.includes('no host description')), 'host.json named without --host is used');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('exit 0 when nothing is a warning or worse (information only)', async () => {
    const r = await run(['check', path.join(FIX, 'clean')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /information\[DW002\]/);
    assert.match(r.stdout, /^1 finding \(0 error, 0 warning, 1 information\); 0 input errors; verdicts assume an assumed host \(eth0; no host\.json\) and Docker 29 \(the default; --docker-version\)$/m);
  });

  it('exit 1 on errors in the input even without findings', async () => {
    const r = await run(['check', path.join(FIX, 'clean'), '--ruleset', path.join(FIX, 'broken.nft')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /broken\.nft:\d+:\d+: error/);
  });

  it('-f, --ruleset, --host, --docker-version and --backend', async () => {
    const r = await run(['check', '-f', `${EXAMPLE}/compose.yaml`, '--ruleset', `${EXAMPLE}/nftables.conf`, '--host', `${EXAMPLE}/host.json`, '--docker-version', '27', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const codes = JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code);
    assert.ok(codes.includes('DW008'), `Docker 27: the loopback-bound cache is reachable from the link (${codes})`);
    const nft = await run(['check', EXAMPLE, '--backend', 'nftables', '--format', 'json']);
    const f = JSON.parse(nft.stdout).findings.find((x: { code: string; line: number }) => x.code === 'DW001' && x.line === dbLine);
    assert.ok(f?.path.some((p: { text: string }) => p.text.includes('docker-bridges')), 'the nftables backend path goes through Docker\'s nft tables');
    const none = await run(['check', '-f', `${EXAMPLE}/compose.yaml`]);
    assert.equal(none.code, 0, 'no ruleset: the ports are open, which DW002 reports as information');
    assert.match(none.stdout, /no ruleset was given/);
  });

  it('exit 2 on usage errors and unreadable input, saying why', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-check-'));
    try {
      writeFileSync(path.join(tmp, 'binary.nft'), Buffer.from([0x23, 0x20, 0x00, 0x0a]));
      const cases: [string[], RegExp][] = [
        [['check', '--format', 'xml', EXAMPLE], /unknown format 'xml'/],
        [['check', '--backend', 'pf', EXAMPLE], /unknown backend 'pf'/],
        [['check', '--docker-version', 'latest', EXAMPLE], /bad --docker-version/],
        [['check', '--nope', EXAMPLE], /Unknown option '--nope'/],
        [['check', EXAMPLE, EXAMPLE], /one project folder at most/],
        [['check', path.join(tmp, 'missing')], /not a folder/],
        [['check', tmp], /no compose file in /],
        [['check', EXAMPLE, '--ruleset', path.join(tmp, 'none.nft')], /none\.nft: error: cannot read: no such file/],
        [['check', EXAMPLE, '--ruleset', tmp], /cannot read: is a directory/],
        [['check', EXAMPLE, '--ruleset', path.join(tmp, 'binary.nft')], /binary\.nft: error: cannot read: binary file \(NUL byte at byte offset 2\), not text/],
        [['check', '-f', path.join(tmp, 'compose.yaml')], /compose\.yaml: error: cannot read: no such file/],
      ];
      for (const [args, message] of cases) {
        const r = await run(args);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, message, args.join(' '));
        assert.equal(r.stdout, '', args.join(' '));
      }
      if (process.getuid?.() !== 0) {
        const locked = path.join(tmp, 'locked.nft');
        writeFileSync(locked, 'table inet t {}\n');
        chmodSync(locked, 0);
        const r = await run(['check', EXAMPLE, '--ruleset', locked]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /permission denied/);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('--format json and sarif still print a well-formed document when the input cannot be read (exit 2)', async () => {
    const json = await run(['check', EXAMPLE, '--ruleset', 'no-such.nft', '--format', 'json']);
    assert.equal(json.code, 2);
    const doc = JSON.parse(json.stdout) as { findings: unknown[]; diagnostics: { severity: string; code: string; file: string; message: string }[]; ports: unknown[] };
    assert.deepEqual(doc.findings, []);
    assert.deepEqual(doc.diagnostics.map((d) => [d.severity, d.code, d.file, d.message]), [['error', 'io', 'no-such.nft', 'cannot read: no such file']]);
    const sarif = await run(['check', path.join(os.tmpdir(), 'no-such-folder-dockwall'), '--format', 'sarif']);
    assert.equal(sarif.code, 2);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: unknown[]; invocations?: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string } }[] }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(log.runs[0].results, []);
    assert.match(JSON.stringify(log.runs[0].invocations), /not a folder/);
    assert.equal(log.runs[0].invocations?.[0].executionSuccessful, false);
  });

  it('a ruleset with Latin-1 bytes is analysed: one encoding warning at the first invalid byte, the same findings', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-check-'));
    try {
      for (const f of ['compose.yaml', 'host.json']) writeFileSync(path.join(tmp, f), readFileSync(path.join(repoRoot, EXAMPLE, f)));
      // The example's ruleset with its comments in French, saved as Latin-1 (same lines, same columns).
      const conf = readFileSync(path.join(repoRoot, EXAMPLE, 'nftables.conf'), 'utf8')
        .replace('# Host firewall: drop everything', '# Pare-feu : rejeter tout ce qui entre, sauf ssh et https. Réglé')
        .replace('"PostgreSQL is private"', '"PostgreSQL privé"');
      writeFileSync(path.join(tmp, 'nftables.conf'), Buffer.from(conf, 'latin1'));
      const line = conf.split('\n').findIndex((l) => l.includes('Réglé')) + 1;
      const column = conf.split('\n')[line - 1].indexOf('é') + 1;
      const latin = await run(['check', tmp, '--format', 'json'], tmp);
      const utf8 = await run(['check', EXAMPLE, '--format', 'json']);
      assert.equal(latin.code, 1, latin.stderr);
      const j = JSON.parse(latin.stdout);
      assert.deepEqual(
        j.diagnostics.filter((d: { code?: string }) => d.code === 'encoding').map((d: { file: string; line: number; column: number; severity: string; message: string }) => [d.file, d.line, d.column, d.severity, d.message]),
        [['nftables.conf', line, column, 'warning', `file is not valid UTF-8: invalid byte 0xE9 at line ${line}, column ${column}; decoded with replacement characters (U+FFFD) (3 invalid sequences in all)`]],
      );
      const key = (f: { code: string; file: string; line: number; column: number }): string => `${f.code} ${path.basename(f.file)}:${f.line}:${f.column}`;
      const expected = JSON.parse(utf8.stdout).findings.map(key);
      assert.ok(expected.some((k: string) => k.startsWith('DW001 compose.yaml')), expected.join(', '));
      assert.deepEqual(j.findings.map(key), expected, 'the findings do not depend on the comments\' encoding');
      const text = await run(['check', tmp], tmp);
      assert.ok(text.stdout.startsWith(`nftables.conf:${line}:${column}: warning (encoding): file is not valid UTF-8: invalid byte 0xE9`), text.stdout);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('from the root folder, messages keep their paths and addresses whole', async () => {
    const r = await run(['check', path.join(repoRoot, EXAMPLE), '--format', 'json', '--docker-version', '27'], '/');
    const msgs = JSON.parse(r.stdout).findings.map((f: { message: string }) => f.message).join('\n');
    assert.match(msgs, /127\.0\.0\.0\/8/);
    assert.ok(msgs.includes(`${repoRoot}/${EXAMPLE}/compose.yaml:`), msgs);
  });

  it('a rule of thousands of set elements is quoted shortened, with its beginning and its verdict, in every finding', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dw-long-rule-'));
    try {
      writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n');
      const ports = Array.from({ length: 5000 }, (_, i) => 8080 + i).join(', ');
      const rule = `tcp dport { ${ports} } drop`;
      writeFileSync(path.join(dir, 'big.nft'), `table inet filter {\n chain input {\n  type filter hook input priority 0; policy accept;\n  ${rule}\n }\n}\n`);
      const r = await run(['check', '-f', 'compose.yaml', '--ruleset', 'big.nft', '--format', 'json'], dir);
      assert.equal(r.code, 1, r.stderr);
      const findings = JSON.parse(r.stdout).findings as { code: string; explanation?: string }[];
      const dw001 = findings.find((f) => f.code === 'DW001');
      assert.ok(dw001?.explanation?.includes('`tcp dport { 8080, 8081, ') && dw001.explanation.includes(', 13079 } drop` at big.nft:4'), dw001?.explanation);
      const long: string[] = [];
      const walk = (x: unknown): void => {
        if (typeof x === 'string' && x.length > 1000) long.push(x.slice(0, 80));
        else if (x && typeof x === 'object') Object.values(x).forEach(walk);
      };
      walk(findings);
      assert.deepEqual(long, []);
      assert.ok(r.stdout.length < rule.length / 2, `${r.stdout.length} characters of JSON for a rule of ${rule.length}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await run(['check', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^usage: dockwall check/);
  });

  it('the built bundle runs the README example (npm run example)', function () {
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    if (!existsSync(cli)) this.skip();
    const r = spawnSync(process.execPath, [cli, 'check', EXAMPLE], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.stdout.includes(`${EXAMPLE}/compose.yaml:${dbLine}:${dbColumn}: warning[DW001]`), r.stdout + r.stderr);
    const script = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.example as string;
    assert.match(script, /node dist\/cli\.js check examples\/webstack/);
    assert.match(script, /\|\| test \$\? -eq 1/, 'the demo exits 0 although check reports findings');
  });
});

describe('README findings table', () => {
  it('lists every finding rule with its name and default severity, and no other code', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (DW\d{3}) \| ([a-z0-9-]+) \| (\w+) \| .+ \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    assert.deepEqual(rows, RULES.map((r) => `${r.code} ${r.name} ${r.defaultSeverity}`));
  });
});

describe('dockwall docker-rules -f', function () {
  this.timeout(60000);
  it('synthesizes the rules for a compose project', async () => {
    const r = await run(['docker-rules', '-f', `${EXAMPLE}/compose.yaml`, '--docker-version', '28.2', '--provenance']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /-A DOCKER ! -i br-[0-9a-f]{12} -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172\.\d+\.\d+\.\d+:5432/);
    assert.match(r.stdout, /-A PREROUTING -d 127\.0\.0\.1\/32 ! -i lo -p tcp -m tcp --dport 6379 -j DROP/);
    assert.match(r.stdout, /examples\/webstack\/compose\.yaml:\d+/, 'provenance names the compose item');
    const nft = await run(['docker-rules', '-f', `${EXAMPLE}/compose.yaml`, '--backend', 'nftables']);
    assert.equal(nft.code, 0, nft.stderr);
    assert.match(nft.stdout, /table ip docker-bridges/);
    assert.match(nft.stdout, /tcp dport 443 counter dnat to 172\.\d+\.\d+\.\d+:443/);
  });

  it('exit 2 on an unreadable compose file, 1 on an invalid one', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-rules-'));
    try {
      const missing = await run(['docker-rules', '-f', path.join(tmp, 'compose.yaml')]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot read: no such file/);
      writeFileSync(path.join(tmp, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80:80:80"\n');
      const bad = await run(['docker-rules', '-f', path.join(tmp, 'compose.yaml')]);
      assert.equal(bad.code, 1, bad.stdout + bad.stderr);
      assert.match(bad.stderr, /compose\.yaml:5:\d+: error/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
