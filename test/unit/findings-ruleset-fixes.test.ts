/**
 * Fixes that edit rulesets (DW001's drop rules, DW004–DW006): every such fix of every finding in the
 * finding fixtures is applied, and
 * - the analysis of the fixed files no longer reports that finding (DW001: not for that port item;
 *   others: one finding of the code fewer);
 * - a fix that is not the preferred one (the preferred is checked by findings.test.ts) is compared with
 *   `<file>.<CODE>.fixed` when that golden exists (`UPDATE_GOLDEN=1` writes it);
 * - when root, `unshare`, `nft` and `iptables-nft-restore` are present, the fixed files load with the
 *   real tools in a fresh network namespace, in host order: the admin's boot-time files, Docker's
 *   rules as Dockwall renders them, then the admin's files that need Docker's chains.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckResult } from '../../server/src/core/check';
import type { FileReader } from '../../server/src/core/compose';
import { applyEdits, type Finding, type Fix } from '../../server/src/core/findings';
import type { Fragment } from '../../server/src/core/netfilter/model';
import { iptablesOptionsFor } from '../../server/src/core/netfilter/lower-iptables';
import { overlayReader } from '../../server/src/host/files';
import { runFixture } from './helpers/finding-fixture';

const ROOT = path.join(__dirname, 'fixtures', 'findings');
const CODES = new Set(['DW001', 'DW004', 'DW005', 'DW006']);

const run = (dir: string, reader: FileReader): Promise<CheckResult> => runFixture(dir, reader);

const overlay = (texts: ReadonlyMap<string, string>): FileReader => overlayReader(texts);

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const canLoad = process.getuid?.() === 0 && has('unshare') && has('nft') && has('iptables-nft-restore') && has('ip6tables-nft-restore') && spawnSync('unshare', ['-n', 'true']).status === 0;

/** Loads the result's rulesets (with `texts` replacing file contents) in host order in a new netns; returns the failure or undefined. */
function loadForReal(result: CheckResult, texts: ReadonlyMap<string, string>): string | undefined {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-fix-'));
  try {
    const steps: string[] = [];
    let n = 0;
    const add = (text: string, cmd: (f: string) => string): void => {
      const f = path.join(tmp, `${n++}`);
      writeFileSync(f, text);
      steps.push(cmd(f));
    };
    const admin = (afterDocker: boolean): void => {
      for (const s of result.analysis.sources) {
        if (s.afterDocker !== afterDocker || !s.fragment) continue;
        let text = texts.get(s.file) ?? result.texts.get(s.file) ?? '';
        // a ufw skeleton step: only its own sections of the virtual file, restored as ufw-init does
        const step = s.file.startsWith('<ufw') ? ufwStep(text, s.fragment) : undefined;
        if (step) text = step.text;
        if (s.fragment.format === 'nft') add(text, (f) => `nft -f ${f}`);
        else if (s.fragment.format === 'iptables') {
          const o = step ? { noflush: step.noflush } : iptablesOptionsFor(s.file);
          const tool = o.family === 'ip6' || s.fragment.ops.some((op) => op.op === 'addTable' && op.table.family === 'ip6') ? 'ip6tables-nft-restore' : 'iptables-nft-restore';
          add(text, (f) => `${tool}${o.noflush ? ' --noflush' : ''} ${f}`);
        }
      }
    };
    admin(false);
    for (const d of result.analysis.dockerSources) {
      if (d.file.includes('nftables')) add(d.text, (f) => `nft -f ${f}`);
      else add(d.text, (f) => `${d.file.includes('ip6tables') ? 'ip6tables' : 'iptables'}-nft-restore --noflush ${f}`);
    }
    admin(true);
    const script = steps.map((s) => `${s} || { echo "failed: ${s}" >&2; exit 1; }`).join('\n');
    const r = spawnSync('unshare', ['-n', 'sh', '-c', script], { encoding: 'utf8', timeout: 30000 });
    return r.status === 0 ? undefined : `${r.stderr}${r.stdout}`;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The text of one skeleton step (from its first command to the COMMIT after its last one) and whether it is restored with --noflush. */
function ufwStep(text: string, fragment: Fragment): { text: string; noflush: boolean } | undefined {
  if (!fragment.ops.length) return undefined;
  const start = Math.min(...fragment.ops.map((o) => o.span.start));
  const last = Math.max(...fragment.ops.map((o) => o.span.end));
  const commit = text.indexOf('COMMIT', last);
  if (commit < 0) return undefined;
  return { text: text.slice(text.lastIndexOf('\n', start) + 1, commit) + 'COMMIT\n', noflush: !fragment.ops.some((o) => o.op === 'resetTable') };
}

function rulesetFix(result: CheckResult, fix: Fix): boolean {
  const rs = new Set(result.analysis.sources.map((s) => s.file));
  return fix.edits.every((e) => rs.has(e.file));
}

describe('findings: ruleset fixes re-analysed and loaded with the real tools', () => {
  const dirs = existsSync(ROOT) ? readdirSync(ROOT).filter((d) => /^dw00[1456]-/.test(d)).sort() : [];
  for (const name of dirs) {
    const dir = path.join(ROOT, name);
    it(name, async function () {
      this.timeout(60000);
      const result = await run(dir, overlayReader(new Map()));
      const items: { finding: Finding; fix: Fix }[] = [];
      for (const finding of result.findings) if (CODES.has(finding.code)) for (const fix of finding.fixes ?? []) if (rulesetFix(result, fix)) items.push({ finding, fix });
      // Folders whose findings have no ruleset fix (negatives, compose-only fixes) have nothing to check here.
      if (!items.length) this.skip();
      for (const { finding, fix } of items) {
        const texts = new Map<string, string>();
        for (const file of new Set(fix.edits.map((e) => e.file))) texts.set(file, applyEdits(result.texts.get(file) ?? '', fix.edits.filter((e) => e.file === file)));
        const where = `${finding.code} "${fix.title}"`;

        const preferred = (finding.fixes ?? []).find((f) => f.preferred) ?? finding.fixes?.[0];
        if (fix !== preferred) {
          for (const [file, text] of texts) {
            // the second fix of a finding that edits the same file (ufw's, then DOCKER-USER's in after.rules) gets `.CODE-2.fixed`
            const k = items.filter((x) => x.finding === finding && x.fix !== preferred && x.fix.edits.some((e) => e.file === file)).findIndex((x) => x.fix === fix);
            const golden = `${file}.${finding.code}${k > 0 ? `-${k + 1}` : ''}.fixed`;
            if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
            if (existsSync(golden)) assert.equal(text, readFileSync(golden, 'utf8'), `${where} gives ${path.basename(golden)}`);
          }
        }

        const after = await run(dir, overlay(texts));
        assert.deepEqual(after.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.file}:${d.span.range.start.line + 1}: ${d.message}`), [], `${where}: the fixed files have no errors`);
        if (finding.code === 'DW001') {
          const same = after.findings.filter((f) => f.code === 'DW001' && f.span.file === finding.span.file && f.span.start === finding.span.start);
          assert.deepEqual(same.map((f) => f.message), [], `${where}: DW001 is gone for that port`);
        } else {
          const before = result.findings.filter((f) => f.code === finding.code).length;
          const now = after.findings.filter((f) => f.code === finding.code).length;
          assert.ok(now < before, `${where}: ${finding.code} findings ${before} → ${now}`);
        }

        if (canLoad) {
          const failure = loadForReal(result, texts);
          assert.equal(failure, undefined, `${where}: the fixed files load with the real tools`);
        }
      }
    });
  }
});
