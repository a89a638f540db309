/**
 * Finding fixtures: each folder in test/unit/fixtures/findings/ is a small host (compose files,
 * rulesets, optional daemon.json / host.json / case.json) with inline expectations in its files
 * (`#   ^^^^ warning[DW001]: text`). Every DW finding must be expected and every expectation met.
 * A preferred fix is applied and compared with `<file>.<CODE>.fixed` when that golden exists
 * (`UPDATE_GOLDEN=1` writes it).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits } from '../../server/src/core/findings';
import { sourcesText } from '../../server/src/core/findings/describe';
import { parseIp } from '../../server/src/core/net/ip';
import { compareExpectations, parseExpectations, type Actual, type Expectation } from './helpers/expectations';
import { runFixture } from './helpers/finding-fixture';

const ROOT = path.join(__dirname, 'fixtures', 'findings');

/** The fixture's files, those in subfolders (`etc/ufw/user.rules`) included, relative to it. */
function filesOf(dir: string, sub = ''): string[] {
  return readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(dir, path.join(sub, e.name)) : [path.join(sub, e.name)]));
}
describe('findings: fixtures with inline expectations', () => {
  for (const name of existsSync(ROOT) ? readdirSync(ROOT).sort() : []) {
    const dir = path.join(ROOT, name);
    it(name, async () => {
      const files = filesOf(dir);
      const result = await runFixture(dir);
      const inputErrors = result.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(inputErrors.map((d) => `${d.span.file}:${d.span.range.start.line + 1}: ${d.message}`), [], 'the fixture itself has no errors');

      const expected: Expectation[] = [];
      for (const f of files) if (!f.endsWith('.json') && !f.endsWith('.fixed')) expected.push(...parseExpectations(path.join(dir, f), readFileSync(path.join(dir, f), 'utf8')));
      const actual: Actual[] = result.findings.map((d) => ({
        file: d.span.file,
        line: d.span.range.start.line,
        start: d.span.range.start.character,
        endLine: d.span.range.end.line,
        end: d.span.range.end.character,
        severity: d.severity,
        code: d.code,
        message: d.message,
      }));
      const problems = compareExpectations(expected, actual, (code) => !!code && /^DW\d+$/.test(code));
      assert.deepEqual(problems, [], problems.join('\n'));

      for (const finding of result.findings) {
        const fix = finding.fixes?.find((f) => f.preferred) ?? finding.fixes?.[0];
        if (!fix) continue;
        // a fix may edit several files (ufw: user.rules and after.rules): one golden per file
        for (const file of new Set(fix.edits.map((e) => e.file))) {
          const golden = `${file}.${finding.code}.fixed`;
          const after = applyEdits(result.texts.get(file) ?? '', fix.edits.filter((e) => e.file === file));
          if (process.env.UPDATE_GOLDEN) writeFileSync(golden, after);
          if (existsSync(golden)) assert.equal(after, readFileSync(golden, 'utf8'), `fix "${fix.title}" of ${finding.code} gives ${path.basename(golden)}`);
        }
      }
    });
  }
});

describe('findings: wording of source sets', () => {
  const v4 = (a: string, b: string) => ({ v: 4 as const, lo: parseIp(a)!.n, hi: parseIp(b)!.n });
  it('lists a few sources, CIDR where aligned', () => {
    assert.equal(sourcesText([v4('10.0.0.0', '10.255.255.255'), v4('192.0.2.7', '192.0.2.7')]), '10.0.0.0/8, 192.0.2.7');
  });
  it('says "any source except" for all but a few gaps, merging adjacent pieces', () => {
    assert.equal(sourcesText([v4('10.89.1.0', '255.255.255.255'), v4('0.0.0.0', '10.88.255.255')]), 'any source except 10.89.0.0/24');
    assert.equal(sourcesText([v4('0.0.0.0', '9.255.255.255'), v4('10.0.0.0', '10.88.255.255'), v4('10.89.1.0', '255.255.255.255')]), 'any source except 10.89.0.0/24');
  });
  it('says "any IPv4 source" for the whole of one version', () => {
    assert.equal(sourcesText([v4('0.0.0.0', '127.255.255.255'), v4('128.0.0.0', '255.255.255.255')]), 'any IPv4 source');
  });
  it('counts what it leaves out', () => {
    const ivs = ['1', '3', '5', '7', '9'].map((n) => v4(`192.0.2.${n}`, `192.0.2.${n}`));
    assert.equal(sourcesText(ivs), '192.0.2.1, 192.0.2.3, 192.0.2.5, +2 more');
  });
});
