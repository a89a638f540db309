/**
 * lower-nft over real-world rulesets from ../shared: the nft corpus (includes followed from disk),
 * the three Docker 24 `nft list ruleset` dumps of the seed article (the `table` blocks are cut out
 * at test time) and the kernel oracle's rule files. Every unknown construct is counted per reason
 * into fixtures/lower-nft/corpus-unknowns.golden, together with the lowering errors, so the list
 * is visible and only changes deliberately (UPDATE_GOLDEN=1 rewrites it). Each ruleset must then
 * build without 'ruleset' errors, except the files listed in EXPECTED_BUILD_ERRORS.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import type { Fragment } from '../../server/src/core/netfilter/model';
import { diskReader, fixturesDir, lower, nftParser, shared } from './fixtures/lower-nft/harness';

const goldenPath = path.join(fixturesDir, 'corpus-unknowns.golden');

/** Files that a fresh host's nft rejects too, with the reason (checked by reading them). */
const EXPECTED_BUILD_ERRORS: Record<string, string> = {
  'graphite-server-dnat-host.nftables.conf': 'starts with `delete table inet filter` / `delete table ip nat`: fails unless they exist',
  'nftables-upstream-example-sets-and-maps.nft': 'starts with `delete table filter`: fails unless it exists',
};

/** Oracle files that are loaded on top of another one (as oracle.sh does). */
const LOADED_AFTER: Record<string, string> = {
  'du-add.nft': 'docker24.nft',
  'du-ctdport.nft': 'docker24.nft',
  'du-dport80.nft': 'docker24.nft',
  'du-eth0.nft': 'docker24.nft',
  'du-oif-eth0.nft': 'docker24.nft',
};

interface Source {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

function sources(): Source[] {
  const out: Source[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const f of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p, `${prefix}${f}/`);
      else out.push({ name: `corpus/nft/${prefix}${f}`, file: p, text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(shared, 'corpus/nft'), '');
  // The seed article: three listings, each an `ip nat` table followed by an `ip filter` table.
  const seed = fs.readFileSync(path.join(shared, 'seed/docker-firewall-hole.ja.txt'), 'utf8').split('\n');
  const dumps: string[][] = [];
  for (let i = 0; i < seed.length; i++) {
    if (!/^table /.test(seed[i])) continue;
    let j = i;
    while (j < seed.length && seed[j] !== '}') j++;
    if (/^table ip nat /.test(seed[i]) || !dumps.length) dumps.push([]);
    dumps[dumps.length - 1].push(...seed.slice(i, j + 1));
    i = j;
  }
  dumps.forEach((d, i) => out.push({ name: `seed/docker24-dump-${i + 1}`, file: `/seed/docker24-dump-${i + 1}.nft`, text: d.join('\n') + '\n' }));
  const oracle = path.join(shared, 'oracle/rules');
  for (const f of fs.readdirSync(oracle).sort()) {
    if (f.endsWith('.nft')) out.push({ name: `oracle/rules/${f}`, file: path.join(oracle, f), text: fs.readFileSync(path.join(oracle, f), 'utf8') });
  }
  return out;
}

describe('lower-nft over the shared corpus', function () {
  this.timeout(60000);
  let all: Source[] = [];
  const lowered = new Map<string, ReturnType<typeof lower>>();

  before(async function () {
    if (!fs.existsSync(shared)) {
      console.log(`    (skipped: ${shared} is absent; it holds the corpus)`);
      this.skip();
    }
    await nftParser();
    all = sources();
    for (const s of all) lowered.set(s.name, lower(s.text, s.file, {}, { reader: diskReader() }));
  });

  it('finds the corpus, the three seed dumps and the oracle rules', () => {
    assert.ok(all.filter((s) => s.name.startsWith('corpus/')).length >= 50);
    assert.equal(all.filter((s) => s.name.startsWith('seed/')).length, 3);
    assert.ok(all.filter((s) => s.name.startsWith('oracle/')).length >= 7);
  });

  it('lists unknown constructs per reason, and lowering errors, as in the golden', () => {
    let rules = 0;
    const reasons = new Map<string, number>();
    const errors: string[] = [];
    const count = (r: string): void => void reasons.set(r, (reasons.get(r) ?? 0) + 1);
    for (const s of all) {
      const r = lowered.get(s.name)!;
      for (const op of r.value.ops) {
        if (op.op === 'unknown') count(`op: ${op.reason}`);
        if (op.op === 'addRule') {
          rules++;
          for (const st of op.rule.statements) if (st.kind === 'unknown') count(st.reason);
        }
      }
      for (const d of r.diagnostics) {
        if (d.severity === 'error') errors.push(`${s.name}:${d.span.range.start.line + 1}:${d.span.range.start.character + 1} ${d.message}`);
      }
    }
    const unknowns = [...reasons.values()].reduce((a, b) => a + b, 0);
    const got = [
      `# nft lowering over ../shared: ${all.length} files, ${rules} rules, ${unknowns} unknown constructs`,
      '# count<TAB>reason ("op:" = a command kept as an unknown op)',
      ...[...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `${n}\t${r}`),
      '# lowering errors',
      ...errors,
      '',
    ].join('\n');
    if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(goldenPath)) fs.writeFileSync(goldenPath, got);
    assert.equal(got, fs.readFileSync(goldenPath, 'utf8'), 'corpus-unknowns.golden differs (UPDATE_GOLDEN=1 to accept)');
  });

  it('builds every valid ruleset without ruleset errors', () => {
    const failures: string[] = [];
    for (const s of all) {
      const base = path.basename(s.name);
      const frags: Fragment[] = [];
      const after = LOADED_AFTER[base];
      if (after && s.name.startsWith('oracle/')) frags.push(lowered.get(`oracle/rules/${after}`)!.value);
      frags.push(lowered.get(s.name)!.value);
      const errs = buildRuleset(frags).diagnostics.filter((d) => d.code === 'ruleset');
      const expected = Object.prototype.hasOwnProperty.call(EXPECTED_BUILD_ERRORS, base);
      if (errs.length && !expected) failures.push(`${s.name}: ${errs.map((e) => `${e.span.range.start.line + 1}: ${e.message}`).join('; ')}`);
      if (!errs.length && expected) failures.push(`${s.name}: expected to fail (${EXPECTED_BUILD_ERRORS[base]}) but builds`);
    }
    assert.deepEqual(failures, []);
  });

  it('lowers the Docker 24 dumps completely: no unknown statement', () => {
    for (const s of all.filter((x) => x.name.startsWith('seed/'))) {
      const f = lowered.get(s.name)!.value;
      const unknown = f.ops.flatMap((o) => (o.op === 'addRule' ? o.rule.statements.filter((st) => st.kind === 'unknown') : []));
      assert.deepEqual(unknown, [], s.name);
      assert.ok(f.ops.some((o) => o.op === 'addRule' && o.rule.statements.some((st) => st.kind === 'nat' && st.nat === 'masquerade')), s.name);
    }
  });
});
