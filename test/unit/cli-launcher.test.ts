/**
 * bin/dockwall, the installed command: every argument reaches the CLI, none reaches Node (Node 20
 * reads `--env-file` wherever it stands on its own command line and exits 9 before any script runs).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'dockwall');

describe('bin/dockwall', () => {
  before(function () {
    if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) this.skip();
  });

  it('hands --env-file to dockwall check, which says the file is missing (exit 2), not to Node', () => {
    const r = spawnSync(BIN, ['check', path.join(ROOT, 'examples', 'webstack'), '--env-file', 'missing.env'], { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /missing\.env: error: cannot read: no such file/);
    assert.doesNotMatch(r.stderr, /^node:/m);
  });

  it('every command has --help with an example, exit 0', () => {
    for (const c of ['check', 'audit', 'parse', 'ports', 'trace', 'docker-rules', 'lsp']) {
      const r = spawnSync(BIN, [c, '--help'], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${c}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^usage: dockwall ${c}`), c);
      assert.match(r.stdout, /\nExamples?( \([^)]*\))?:\n {2}\S/, `${c} --help shows an example`);
    }
  });

  it('passes --version and --help through', () => {
    assert.equal(spawnSync(BIN, ['--version'], { encoding: 'utf8' }).stdout.trim(), 'dockwall 0.1.0');
    assert.match(spawnSync(BIN, ['check', '--help'], { encoding: 'utf8' }).stdout, /^usage: dockwall check/);
  });
});
