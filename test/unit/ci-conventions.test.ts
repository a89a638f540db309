/**
 * The CI conventions: the GitHub Action (action.yml, composite) and the pre-commit hook
 * (.pre-commit-hooks.yaml). GitHub cannot run here, so the action's own shell step is run as the
 * runner would run it (its env, GITHUB_ACTION_PATH, GITHUB_OUTPUT); the hook runs under the real
 * pre-commit in test/precommit/run.sh.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  if?: string;
}

describe('CI conventions', () => {
  it('action.yml is a composite action whose check step writes SARIF and its exit code', function () {
    if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) this.skip();
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }> };
    assert.equal(action.runs.using, 'composite');
    for (const k of ['path', 'args', 'sarif', 'upload', 'fail-on-findings']) assert.ok(action.inputs[k], `input ${k}`);
    const check = action.runs.steps.find((s) => s.id === 'check')!;
    assert.equal(check.shell, 'bash');
    assert.match(action.outputs['exit-code'].value, /steps\.check\.outputs\.exit-code/);
    assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-action-'));
    try {
      const out = path.join(tmp, 'output');
      const sarif = path.join(tmp, 'dockwall.sarif');
      const r = spawnSync('bash', ['-e', '-c', check.run!], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: out, DW_PATH: 'examples/webstack', DW_ARGS: '--docker-version 29', DW_SARIF: sarif },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(readFileSync(out, 'utf8'), /^exit-code=1$/m);
      const log = JSON.parse(readFileSync(sarif, 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
      assert.equal(log.version, '2.1.0');
      assert.ok(log.runs[0].results.some((x) => x.ruleId === 'DW001'));
      assert.match(r.stdout, /warning\[DW001\]/, 'the findings are printed to the log too');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('.pre-commit-hooks.yaml names an executable entry in this repository', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; pass_filenames: boolean; files: string }[];
    const h = hooks.find((x) => x.id === 'dockwall')!;
    assert.equal(h.language, 'script');
    assert.equal(h.pass_filenames, false);
    accessSync(path.join(ROOT, h.entry), constants.X_OK);
    const files = new RegExp(h.files);
    for (const f of ['compose.yaml', 'deploy/docker-compose.yml', 'etc/nftables.conf', 'rules.v4', 'ufw/user.rules', 'host.json']) assert.ok(files.test(f), f);
    assert.ok(!files.test('src/main.ts'));
  });
});
