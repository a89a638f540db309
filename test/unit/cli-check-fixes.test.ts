/**
 * The fixes `dockwall check --format json` offers, applied the way a CI bot or an editor would from
 * the JSON alone (1-based lines, UTF-16 columns): the fixed ruleset must load in the real tool
 * (`nft -c -f`, `iptables-restore --test`, inside a private network namespace) and the finding must
 * be gone when the project is checked again. Tool checks are skipped without root/unshare/the tools.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../server/src/cli/main';

const FINDINGS = path.join(__dirname, 'fixtures', 'findings');

interface Edit {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

async function checkJson(args: string[], cwd: string): Promise<{ code: number; json: { findings: { code: string; fixes: { title: string; edits: Edit[] }[] }[] } }> {
  const out = process.stdout.write;
  const before = process.cwd();
  let stdout = '';
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.chdir(cwd);
  try {
    const code = await main(['check', ...args, '--format', 'json']);
    return { code, json: JSON.parse(stdout) };
  } finally {
    process.chdir(before);
    process.stdout.write = out;
  }
}

/** Applies edits given as 1-based line/column (UTF-16) ranges. */
function applyJsonEdits(text: string, edits: readonly Edit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (line: number, column: number): number => starts[line - 1] + column - 1;
  let out = text;
  for (const e of [...edits].sort((a, b) => off(b.line, b.column) - off(a.line, a.column))) out = out.slice(0, off(e.line, e.column)) + e.newText + out.slice(off(e.endLine, e.endColumn));
  return out;
}

function toolsUsable(tools: string[]): boolean {
  if (process.getuid?.() !== 0) return false;
  if (!tools.every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0)) return false;
  return spawnSync('unshare', ['-n', 'true']).status === 0;
}

const CASES = [
  { fixture: 'dw008-docker27-loopback', ruleset: 'nftables.conf', tool: ['nft', '-c', '-f'] },
  { fixture: 'dw008-docker24-iptables', ruleset: 'rules.v4', tool: ['iptables-restore', '--test'] },
];

describe('dockwall check: fixes from the JSON output', function () {
  this.timeout(60000);
  for (const c of CASES) {
    it(`${c.fixture}: the DW008 raw-table guard loads in ${c.tool[0]} and removes the finding`, async function () {
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-fix-'));
      try {
        cpSync(path.join(FINDINGS, c.fixture), tmp, { recursive: true });
        const version = JSON.parse(readFileSync(path.join(tmp, 'case.json'), 'utf8')).dockerVersion as string;
        const args = ['.', '--docker-version', version];
        const before = await checkJson(args, tmp);
        assert.equal(before.code, 1);
        const finding = before.json.findings.find((f) => f.code === 'DW008');
        assert.ok(finding, 'DW008 before the fix');
        const fix = finding.fixes[0];
        assert.match(fix.title, /raw table/);
        const file = path.join(tmp, c.ruleset);
        assert.deepEqual([...new Set(fix.edits.map((e) => e.file))], [c.ruleset]);
        const fixed = applyJsonEdits(readFileSync(file, 'utf8'), fix.edits);
        assert.equal(fixed, readFileSync(path.join(FINDINGS, c.fixture, `${c.ruleset}.DW008.fixed`), 'utf8'), 'the JSON edits give the same text as the core fix');
        writeFileSync(file, fixed);
        const after = await checkJson(args, tmp);
        assert.deepEqual(after.json.findings.filter((f) => f.code === 'DW008'), [], 'no DW008 once the guard is in');

        if (!toolsUsable(['unshare', c.tool[0]])) {
          console.log(`    (tool check skipped: needs root, unshare -n and ${c.tool[0]})`);
          return;
        }
        const r = spawnSync('unshare', ['-n', ...c.tool, file], { encoding: 'utf8', timeout: 20000 });
        assert.equal(r.status, 0, `${c.tool.join(' ')} ${c.ruleset}: ${r.stderr}`);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});
