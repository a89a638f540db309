/**
 * `dockwall parse` as a user runs it: the bundled CLI (dist/cli.js, built by `npm test`) on every
 * corpus file, on broken files and on unreadable input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '../..');
const cli = path.join(repo, 'dist/cli.js');
const shared = path.resolve(repo, '../shared');
const known = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/corpus-known-failures.json'), 'utf8')) as Record<'nft' | 'iptables' | 'nftRefused', Record<string, string>>;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('dockwall parse (bundled CLI)', function () {
  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does)');
  });

  for (const kind of ['nft', 'iptables'] as const) {
    it(`exits 0 on every ${kind} corpus file but the known failures`, function () {
      const dir = path.join(shared, 'corpus', kind);
      if (!existsSync(dir)) this.skip();
      const refused = kind === 'nft' ? known.nftRefused : {};
      const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => !(f in known[kind]) && !(f in refused) && statSync(path.join(dir, f)).isFile());
      assert.ok(files.length > 10);
      const r = run(['parse', ...files.map((f) => path.join(dir, f))]);
      assert.equal(r.err, '');
      assert.equal(r.out, '', 'no syntax errors');
      assert.equal(r.code, 0);
      // files the grammar reads that the real tool refuses: refused here too
      for (const f of Object.keys(refused)) assert.equal(run(['parse', path.join(dir, f)]).code, 1, f);
    });
  }

  it('prints FILE:LINE:COL: error: MESSAGE (1-based) and exits 1 on a syntax error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dockwall-parse-'));
    const nft = path.join(dir, 'bad.nft');
    writeFileSync(nft, 'table inet f {\n  chain c {\n    tcp dport @@ accept\n  }\n}\n');
    const ipt = path.join(dir, 'rules.v4');
    writeFileSync(ipt, '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j "ACCEPT\nCOMMIT\n');
    const r = run(['parse', nft, ipt]);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.ok(lines.some((l) => l.startsWith(`${nft}:3:`) && / error: /.test(l)), r.out);
    assert.ok(lines.some((l) => l.startsWith(`${ipt}:3:`) && / error: /.test(l)), r.out);
    assert.ok(lines.every((l) => /^.+:\d+:\d+: error: .+$/.test(l)), r.out);
  });

  it('parse and trace read a ruleset with Latin-1 comments (a warning at the first invalid byte); a binary file is unreadable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dockwall-parse-'));
    const nft = path.join(dir, 'latin1.nft');
    writeFileSync(nft, Buffer.from('table inet f {\n  chain input {\n    type filter hook input priority 0; policy drop;\n    # accès ssh\n    tcp dport 22 accept\n  }\n}\n', 'latin1'));
    const warning = `${nft}:4:10: warning: file is not valid UTF-8: invalid byte 0xE8 at line 4, column 10; decoded with replacement characters (U+FFFD)`;
    const parsed = run(['parse', nft]);
    assert.deepEqual([parsed.code, parsed.out, parsed.err], [0, `${warning}\n`, '']);
    const traced = run(['trace', '--ruleset', nft, '--packet', 'iif=eth0 saddr=192.0.2.1 daddr=198.51.100.1 proto=tcp dport=22']);
    assert.equal(traced.err, `${warning}\n`);
    assert.match(traced.out, /accept/);
    const bin = path.join(dir, 'binary.nft');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
    for (const args of [['parse', bin], ['trace', '--ruleset', bin, '--packet', 'iif=eth0 saddr=192.0.2.1 daddr=198.51.100.1 proto=tcp dport=22']]) {
      const r = run(args);
      assert.deepEqual([r.code, r.err], [2, `${bin}: error: cannot read: binary file (NUL byte at byte offset 7), not text\n`], args.join(' '));
    }
  });

  it('ports reads a compose file with Latin-1 bytes (a warning at the first invalid byte) and lists its ports', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dockwall-ports-'));
    const compose = path.join(dir, 'compose.yaml');
    writeFileSync(compose, Buffer.from('services:\n  web:\n    image: nginx # caf\xe9\n    ports:\n      - "8080:80"\n', 'latin1'));
    const r = spawnSync(process.execPath, [cli, 'ports', '--project-directory', dir, '-f', compose], { encoding: 'utf8', cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'compose.yaml:3:23: warning: file is not valid UTF-8: invalid byte 0xE9 at line 3, column 23; decoded with replacement characters (U+FFFD)\n');
    assert.match(r.stdout, /^web\s+\(default: all\)\s+8080\s+80\s+tcp/m);
  });

  it('ports takes a compose file or a folder named without -f; other words are a usage error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dockwall-ports-'));
    writeFileSync(path.join(dir, 'app.yaml'), 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n');
    writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n');
    const byFile = spawnSync(process.execPath, [cli, 'ports', 'app.yaml'], { encoding: 'utf8', cwd: dir });
    assert.equal(byFile.status, 0, byFile.stderr);
    assert.match(byFile.stdout, /^web\s+\(default: all\)\s+8080\s+80\s+tcp/m);
    assert.doesNotMatch(byFile.stdout, /5432/);
    const byDir = spawnSync(process.execPath, [cli, 'ports', dir], { encoding: 'utf8', cwd: os.tmpdir() });
    assert.equal(byDir.status, 0, byDir.stderr);
    assert.match(byDir.stdout, /^db\s+\(default: all\)\s+5432\s+5432\s+tcp/m);
    const two = spawnSync(process.execPath, [cli, 'ports', dir, 'extra'], { encoding: 'utf8', cwd: dir });
    assert.equal(two.status, 2);
    assert.match(two.stderr, /unexpected argument "extra"/);
  });

  it('exits 2 on unreadable input and on a file of unknown format', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dockwall-parse-'));
    const missing = run(['parse', path.join(dir, 'nope.nft')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read/);
    const odd = path.join(dir, 'notes.txt');
    writeFileSync(odd, 'hello\n');
    const r = run(['parse', odd]);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot tell/);
  });
});
