/**
 * Validation differential (`npm run test:validate`, root): Dockwall's syntax check (`checkSyntax`,
 * what `dockwall parse` and the language server report) against the real tools on accept/reject.
 *
 * Inputs: every iptables-save and nftables file of the shared corpus (../shared/corpus) and the
 * seeds beside this file, then seeded mutations of them (mutate.ts). The tools judge each file in
 * one scratch network namespace (`unshare -n`, judge.sh): iptables files with
 * iptables-legacy-restore --test and the nf_tables iptables-restore --test (ip6tables-* for IPv6
 * files), nftables files with `nft -c -f`. Errors that depend on this machine rather than on the
 * text (an interface that does not exist here, a kernel without a helper or flowtable support, an
 * ipset that is not loaded, an include outside the tree) are the environment's, not the file's:
 * a file whose every error is such counts as accepted by the tool (ENVIRONMENT below); nft reports
 * all its errors, so one of the machine's does not hide the text's own. A `jump` / `goto` to a chain
 * the table of its line never declares is the text's (`missingJump`; one of the same name in
 * another table does not count), as is a set it never declares.
 *
 * Options: --count N mutations (default 2200; --quick 300), --seed S (default 13), --jobs J
 * (parallel tool processes, default 2 × CPUs), --keep (keep the files), --verbose, --only ID[,ID]
 * (judge only these cases of the seed's run, e.g. `--seed 6 --only m1911` to replay one).
 * Disagreements whose mutation matches an entry of known-limitations.json are reported as known;
 * that list only shrinks (an entry that matched cases and none of them disagreed fails the run).
 * Ends with `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { iptablesOptionsFor } from '../../server/src/core/netfilter/lower-iptables';
import { UFW_FRAGMENT } from '../../server/src/core/netfilter/iptables-validate';
import { checkSyntax } from '../../server/src/core/syntax/check';
import { languages } from '../../server/src/host/assets';
import { mutate, rng } from './mutate';

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const arg = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};

const repo = path.resolve(__dirname, '../..');
const corpus = path.resolve(repo, '../shared/corpus');
const COUNT = Number(arg('count', flag('quick') ? '300' : '2200'));
const SEED = Number(arg('seed', '13'));
const JOBS = Number(arg('jobs', String(2 * os.cpus().length)));

/** Tool messages that judge the machine, not the text. */
const ENVIRONMENT: readonly RegExp[] = [
  /Could not process rule: (No such file or directory|Operation not supported|Not supported)/,
  /Interface does not exist/,
  /File not found/,
  /Set \S+ doesn't exist/,
  // the kernel here has no conntrack for the bridge family (nf_conntrack_bridge)
  /Could not process rule: Protocol error/,
];

/** nft 1.0.6 refuses `priority dstnat` in a nat output chain of an ip/ip6 table; later releases take it. */
const PRIORITY_QUIRK = /^(.*):(\d+):(\d+)-(\d+): Error: invalid priority expression value in this context/;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * `Could not process rule: No such file or directory` on a line that jumps to a chain the text
 * declares nowhere, pointing at the target or at the map element that holds the jump: a chain the
 * table lacks, which is the text's. The same error at the table or chain of an `add rule` command
 * names what this machine lacks.
 */
function missingJump(e: string, text: string): boolean {
  const m = /^(.*):(\d+):(\d+)-(\d+): Error: Could not process rule: No such file or directory/.exec(e.trim());
  if (!m) return false;
  const line = text.split('\n')[Number(m[2]) - 1] ?? '';
  const at = line.slice(Number(m[3]) - 1, Number(m[4]));
  const command = /^\s*(?:add|insert|create|replace)\s+rule\s+(?:(?:ip|ip6|inet|arp|bridge|netdev)\s+)?(\S+)\s+(\S+)/.exec(line);
  if (command && (at === command[1] || at === command[2])) return false;
  // the chain must be declared in the table of the line (a `table ... {` block), or by a command
  // that names that table; a chain of the same name in another table does not count
  const lines = text.split('\n');
  const row = Number(m[2]) - 1;
  let first = row;
  while (first >= 0 && !/^\s*(?:add\s+|create\s+)?table\s/.test(lines[first])) first--;
  let last = row + 1;
  while (last < lines.length && !/^\s*(?:add\s+|create\s+)?table\s/.test(lines[last])) last++;
  const head = first >= 0 ? /^\s*(?:add\s+|create\s+)?table\s+(?:(?:ip|ip6|inet|arp|bridge|netdev)\s+)?"?([^\s{"]+)/.exec(lines[first]) : null;
  const block = first >= 0 && /\{/.test(lines[first]) ? lines.slice(first, last).join('\n') : undefined;
  const declared = (name: string): boolean => {
    const n = `"?${escapeRe(name)}"?(?:\\s|\\{|;|$)`;
    if (block === undefined || !head) return new RegExp(`\\bchain\\s+(?:\\S+\\s+){0,2}${n}`, 'm').test(text);
    if (new RegExp(`^\\s*chain\\s+${n}`, 'm').test(block)) return true;
    return new RegExp(`\\bchain\\s+(?:(?:ip|ip6|inet|arp|bridge|netdev)\\s+)?"?${escapeRe(head[1])}"?\\s+${n}`, 'm').test(text);
  };
  return [...line.matchAll(/\b(?:jump|goto)\s+"?([A-Za-z_][\w.\/-]*)/g)].some((j) => !declared(j[1]));
}

/** Refused by nft only for errors of this machine and at least once for the priority quirk. */
function quirkOnly(j: { rc: number; msg: string } | undefined, text: string): boolean {
  if (!j || j.rc === 0) return false;
  const errors = j.msg.split(' || ');
  return errors.some((e) => PRIORITY_QUIRK.test(e.trim())) && errors.every((e) => environmentError(e, text));
}

/** `priority dstnat` written as the number it stands for (-100), which nft 1.0.6 takes everywhere. */
const unquirk = (text: string): string => text.replace(/\bpriority dstnat\b/g, 'priority -100');

/** Whether one tool error is this machine's (or this nft release's), not the text's. */
function environmentError(e: string, text: string): boolean {
  if (missingJump(e, text)) return false;
  if (ENVIRONMENT.some((re) => re.test(e))) return true;
  // `delete table filter` (and other commands on existing objects) names what this machine lacks
  const missing = /^(.*):(\d+):(\d+)-(\d+): Error: No such file or directory/.exec(e.trim());
  if (missing && /^\s*(delete|destroy|flush|list|reset|rename)\b/.test(text.split('\n')[Number(missing[2]) - 1] ?? '')) return true;
  const m = PRIORITY_QUIRK.exec(e.trim());
  if (!m) return false;
  const line = text.split('\n')[Number(m[2]) - 1] ?? '';
  return /^dstnat\b/.test(line.slice(Number(m[3]) - 1 + 'priority '.length));
}

interface Known {
  readonly match: string;
  readonly reason: string;
}
const knownFile = path.join(__dirname, 'known-limitations.json');
const known: Known[] = JSON.parse(readFileSync(knownFile, 'utf8')).limitations;

type Kind = 'iptables' | 'nft';
interface Base {
  readonly kind: Kind;
  readonly file: string;
  readonly text: string;
  /** ip / ip6 for iptables files */
  family?: 'ip' | 'ip6';
}
interface Case {
  readonly id: string;
  readonly base: Base;
  readonly desc: string;
  readonly path: string;
  readonly text: string;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

function bases(): Base[] {
  const out: Base[] = [];
  const seeds = path.join(__dirname, 'seeds');
  for (const f of [...listFiles(path.join(corpus, 'iptables')), ...listFiles(path.join(seeds, 'iptables'))]) out.push({ kind: 'iptables', file: f, text: readFileSync(f, 'utf8') });
  for (const f of [...listFiles(path.join(corpus, 'nft')), ...listFiles(path.join(seeds, 'nft'))]) {
    const text = readFileSync(f, 'utf8');
    // includes name files outside the copy; the tool would judge the machine's files
    if (/^\s*include\s/m.test(text)) continue;
    out.push({ kind: 'nft', file: f, text });
  }
  return out;
}

function judge(cases: { kind: string; path: string }[], work: string): Map<string, { rc: number; msg: string }> {
  const list = path.join(work, 'list');
  writeFileSync(list, cases.map((c) => `${c.kind} ${c.path}`).join('\n') + '\n');
  const r = spawnSync('unshare', ['-n', 'bash', path.join(__dirname, 'judge.sh'), list, String(JOBS)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && !r.stdout) throw new Error(`judge.sh failed: ${r.stderr}`);
  const out = new Map<string, { rc: number; msg: string }>();
  for (const line of r.stdout.split('\n')) {
    const [p, rc, msg] = line.split('\t');
    if (p) out.set(p, { rc: Number(rc), msg: msg ?? '' });
  }
  return out;
}

/** Refused for the text: some error is not the machine's (nft lists every error, ` || ` between them). */
const toolRejects = (j: { rc: number; msg: string }, text: string): boolean => j.rc !== 0 && j.msg.split(' || ').some((e) => !environmentError(e, text));

async function main(): Promise<void> {
  for (const tool of ['unshare', 'iptables-legacy-restore', 'iptables-nft-restore', 'nft']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      console.log(`validate: ${tool} is missing; skipped`);
      console.log('0 passed, 0 failed');
      return;
    }
  }
  const t0 = Date.now();
  const langs = await languages();
  const work = mkdtempSync(path.join(os.tmpdir(), 'dockwall-validate-'));
  const all = bases();
  if (all.length === 0) throw new Error(`no corpus at ${corpus}`);

  // iptables family: the file name's (as Dockwall reads it), else the tool that takes the original
  const probe = all.filter((b) => b.kind === 'iptables').flatMap((b) => [
    { kind: 'ip', path: b.file },
    { kind: 'ip6', path: b.file },
  ]);
  const probed = new Map<string, boolean[]>();
  {
    const dir4 = path.join(work, 'probe4');
    const dir6 = path.join(work, 'probe6');
    mkdirSync(dir4);
    mkdirSync(dir6);
    const files = probe.map((p, i) => {
      const dest = path.join(p.kind === 'ip' ? dir4 : dir6, `${i}-${path.basename(p.path)}`);
      writeFileSync(dest, readFileSync(p.path));
      return { kind: p.kind, path: dest, orig: p.path };
    });
    const res = judge(files, work);
    for (const f of files) {
      const v = probed.get(f.orig) ?? [];
      v[f.kind === 'ip' ? 0 : 1] = !toolRejects(res.get(f.path)!, '');
      probed.set(f.orig, v);
    }
  }
  for (const b of all) {
    if (b.kind !== 'iptables') continue;
    const hint = iptablesOptionsFor(b.file).family;
    // the family Dockwall assumes (name, header, IPv6 content); the original must pass that tool
    const header = /^#\s*Generated by ip6tables/m.test(b.text) ? 'ip6' : undefined;
    const v6content = /(^|\s)-[sd] [0-9a-f]*:[0-9a-f:]*[/\s]|icmpv6|ipv6-icmp/.test(b.text);
    b.family = hint ?? header ?? (v6content ? 'ip6' : 'ip');
    const [v4, v6] = probed.get(b.file) ?? [];
    if (!(b.family === 'ip' ? v4 : v6) && !UFW_FRAGMENT.test(b.text)) console.log(`note: ${path.basename(b.file)} is refused by ${b.family === 'ip' ? 'iptables' : 'ip6tables'}-restore as it is`);
  }

  // the originals, then the mutations
  const cases: Case[] = [];
  all.forEach((b, i) => {
    const dir = path.join(work, `orig-${i}`);
    mkdirSync(dir);
    const p = path.join(dir, path.basename(b.file));
    writeFileSync(p, b.text);
    cases.push({ id: `orig-${i}`, base: b, desc: 'original', path: p, text: b.text });
  });
  const r = rng(SEED);
  for (let n = 0; n < COUNT; n++) {
    // iptables and nft mutations alternate
    const pool = all.filter((b) => b.kind === (n % 2 === 0 ? 'iptables' : 'nft'));
    const b = pool[Math.floor(r() * pool.length)];
    let m = mutate(r, b.kind, b.text);
    if (m && r() < 0.15) {
      const second = mutate(r, b.kind, m.text);
      if (second) m = { text: second.text, desc: `${m.desc} + ${second.desc}` };
    }
    if (!m) continue;
    const dir = path.join(work, `m${n}`);
    mkdirSync(dir);
    const p = path.join(dir, path.basename(b.file));
    writeFileSync(p, m.text);
    cases.push({ id: `m${n}`, base: b, desc: m.desc, path: p, text: m.text });
  }
  const only = arg('only', '');
  if (only) {
    const ids = new Set(only.split(','));
    cases.splice(0, cases.length, ...cases.filter((c) => ids.has(c.id)));
    if (cases.length !== ids.size) console.log(`--only: ${ids.size - cases.length} of ${only} not among this seed's cases`);
  }
  const t1 = Date.now();
  const verdicts = judge(
    // ufw's rule files are restored with --noflush after ufw's skeleton created the chains they
    // jump to: the nf_tables restore alone judges them (it leaves jump targets to the commit)
    cases.map((c) => ({ kind: c.base.kind === 'nft' ? 'nft' : `${c.base.family!}${UFW_FRAGMENT.test(c.base.text) || iptablesOptionsFor(c.base.file).noflush ? 'nf' : ''}`, path: c.path })),
    work,
  );
  // nft sends nothing to the kernel after an evaluation error, so the 1.0.6 priority quirk hides
  // what the kernel refuses (a jump to a missing chain): those files are judged again with the
  // quirk's priority written as the number it stands for
  const quirked = cases.filter((c) => c.base.kind === 'nft' && quirkOnly(verdicts.get(c.path), c.text));
  const again = quirked.map((c) => {
    const p = c.path.replace(/(\.[^./]*)?$/, '.unquirked$1');
    writeFileSync(p, unquirk(c.text));
    return { kind: 'nft', path: p, orig: c.path };
  });
  const second = again.length ? judge(again, work) : new Map<string, { rc: number; msg: string }>();
  for (const a of again) {
    const j = second.get(a.path);
    // errors point at the rewritten copy's lines, which are the original's
    if (j && j.rc !== 0) verdicts.set(a.orig, { rc: j.rc, msg: j.msg.split(a.path).join(a.orig) });
  }
  const t2 = Date.now();

  let passed = 0;
  let failed = 0;
  let environment = 0;
  let rejectedByTool = 0;
  const knownHits = new Map<Known, { agree: number; disagree: number }>();
  for (const c of cases) {
    const j = verdicts.get(c.path);
    if (!j) {
      console.log(`${c.id}: no verdict from the tool`);
      failed++;
      continue;
    }
    const tool = toolRejects(j, c.text);
    if (j.rc !== 0 && !tool) environment++;
    if (tool) rejectedByTool++;
    const syntax = checkSyntax(langs, c.path, c.text, c.base.kind === 'nft' ? 'nftables' : 'iptables');
    const errors = syntax.diagnostics.filter((d) => d.severity === 'error');
    const ours = errors.length > 0;
    const k = known.find((e) => new RegExp(e.match).test(`${path.basename(c.base.file)} ${c.desc}`));
    if (k) {
      const h = knownHits.get(k) ?? { agree: 0, disagree: 0 };
      h[ours === tool ? 'agree' : 'disagree']++;
      knownHits.set(k, h);
    }
    if (ours === tool) {
      passed++;
      continue;
    }
    const what = `${c.id} ${path.basename(c.base.file)} [${c.desc}]: tool ${tool ? `rejects (${j.msg.slice(0, 160)})` : 'accepts'}, Dockwall ${ours ? `rejects (${errors[0].message.slice(0, 120)} at line ${errors[0].span.range.start.line + 1})` : 'accepts'}`;
    if (k) {
      if (flag('verbose')) console.log(`known: ${what}`);
      passed++;
      continue;
    }
    console.log(`DISAGREE ${what}`);
    failed++;
  }
  for (const [k, h] of knownHits) {
    // judged on full runs only: a short run may meet only the cases an entry's class gets right
    if (COUNT >= 2000 && h.disagree === 0 && h.agree >= 10) {
      console.log(`known limitation no longer seen (${h.agree} cases agree): remove \`${k.match}\` from known-limitations.json`);
      failed++;
    }
  }
  const knownCount = [...knownHits.values()].reduce((s, h) => s + h.disagree, 0);
  console.log(
    `validate: ${cases.length} files (${all.length} originals, ${cases.length - all.length} mutations, seed ${SEED}); tools rejected ${rejectedByTool}, ${environment} refused only for this machine (counted as accepted); ` +
      `${knownCount} known limitations (${known.length} entries); generation ${((t1 - t0) / 1000).toFixed(1)} s, tools ${((t2 - t1) / 1000).toFixed(1)} s, Dockwall ${((Date.now() - t2) / 1000).toFixed(1)} s`,
  );
  if (flag('keep')) console.log(`files kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
  console.log(`validate: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('validate: 0 passed, 1 failed');
  process.exitCode = 1;
});
