/**
 * `dockwall check [DIR | -f COMPOSE...] [--ruleset FILE...] [--ufw DIR] [--firewalld DIR] [--host HOST.json] [--daemon daemon.json]
 *                 [--docker-version V] [--backend iptables|nftables] [--env-file F] [--profile P]
 *                 [--format text|json|sarif]`
 *
 * Runs the whole analysis (compose → Docker's rules beside the host's → simulation → findings) and
 * prints the findings like a compiler (`FILE:LINE:COL: warning[DW001]: message`, then the key steps
 * of the packet's path), as JSON, or as SARIF 2.1.0 for code scanning.
 *
 * With DIR, compose files are discovered there (as `docker compose` does), and unless given, the
 * rulesets (`nftables.conf`, `*.nft`, `rules.v4`, `rules.v6`, `*.rules`; `ipset save` output as `*.ipset` or `ipset.conf`), `host.json` and
 * `daemon.json` found in DIR are used. A ufw configuration in DIR (`etc/ufw/` with
 * `etc/default/ufw`, `ufw/` with `default/ufw`, or ufw's rule files in DIR itself) is read as one
 * ufw host, as `ufw enable` loads it; `--ufw DIR` names one (e.g. `--ufw /etc/ufw`).
 *
 * Exit: 0 no finding of severity warning or worse and no input error; 1 otherwise; 2 on usage
 * errors or unreadable input.
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { check, type CheckResult } from '../../core/check';
import { inferEngine } from '../../core/engines';
import { ufwLayout, ufwPaths, type UfwFiles } from '../../core/ufw';
import { firewalldLayout, firewalldPaths, type FirewalldFiles } from '../../core/firewalld';
import { DEFAULT_FILE_NAMES, DEFAULT_OVERRIDE_FILE_NAMES } from '../../core/compose/load';
import type { CoreDiagnostic, RelatedInfo } from '../../core/diagnostics';
import { RULES } from '../../core/findings';
import { engineWords } from '../../core/findings/describe';
import { LineIndex, type Span } from '../../core/text';
import { languages } from '../../host/assets';
import { createFsReader } from '../../host/fs-reader';
import type { Command } from '../command';
import { exposure, formatExposure } from '../exposure';
import { toSarif } from '../sarif';
import { formatFinding, formatNote, relPath, type TextOptions } from '../text';

const VERSION = '0.1.0';

const USAGE = `usage: dockwall check [DIR | FILE... | -f COMPOSE...] [--ruleset FILE...] [--ufw DIR] [--firewalld DIR] [--host HOST.json] [--daemon daemon.json]
                      [--docker-version 24|27|28.0|28.2|29] [--backend iptables|nftables] [--engine docker|podman] [--containers-conf F] [--rootless]
                      [--env-file FILE...] [--profile P...] [--format text|json|sarif]

Finds the published ports your host firewall does not protect: simulates packets through your
rulesets together with the rules Docker installs for the compose project.

  DIR                 project folder (default: the current folder, unless -f is given): compose files
                      are discovered there; unless given, its nftables.conf, *.nft, nft -j *.json,
                      rules.v4, rules.v6, *.rules, *.ipt, *.ipset, ipset.conf, host.json, daemon.json are used, and a ufw
                      host (etc/ufw/ + etc/default/ufw, ufw/ + default/ufw, or ufw's rule files)
                      or a firewalld host (etc/firewalld/, or firewalld/ with zones/ or firewalld.conf)
  FILE...             files named without an option are sorted by what they are: compose files (as -f),
                      host.json / host.yaml (--host), daemon.json (--daemon), containers.conf
                      (--containers-conf), other files rulesets (--ruleset)
  -f, --file FILE     compose file (repeatable; default: discovered in DIR or the current folder)
  --ruleset FILE      host ruleset, in load order (nftables script or listing, nft -j JSON, iptables-save)
  --firewalld DIR     firewalld's folder (firewalld.conf, zones/, policies/, services/; e.g. /etc/firewalld):
                      its zones and policies as firewalld 1.3 loads them, before the rulesets
  --ufw DIR           ufw's folder (before/user/after.rules, ufw.conf; ../default/ufw): analysed as
                      \`ufw enable\` loads it, before the rulesets
  --host FILE         host description: interfaces, addresses, routes (JSON or YAML)
  --daemon FILE       Docker's daemon.json
  --docker-version V  Docker release line to simulate (default 29)
  --engine E          container engine: docker (default) or podman (rootful, netavark 1.4; with
                      containers.conf firewall_driver "nftables": netavark 1.16's nftables driver;
                      "firewalld": netavark 1.4's firewalld objects, on the firewalld host given);
                      without it, podman when DIR holds containers.conf or Quadlet units and no daemon.json
  --containers-conf F Podman's containers.conf ([network] firewall_driver, default_subnet, pools)
  --rootless          Podman runs rootless (pasta / slirp4netns): no rules, the input chain decides
  --backend B         Docker's firewall backend (default: daemon.json, else iptables)
  --env-file FILE     compose --env-file (repeatable)
  --profile P         compose profile (repeatable)
  --format F          text (default), json, or sarif (SARIF 2.1.0)
  -v, --verbose       text: every step of each path, every fix, related notes, the full messages

Exit status: 0 nothing of severity warning or worse, 1 findings or input errors, 2 usage errors or unreadable input.

Examples:
  dockwall check                              the current folder: compose.yaml, nftables.conf, host.json …
  dockwall check examples/webstack --verbose
  dockwall check compose.yaml /etc/iptables/rules.v4
  dockwall check -f compose.yaml --ruleset /etc/nftables.conf --host host.json --format sarif > dockwall.sarif
`;

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** A folder's file names (undefined when it is not a readable folder). */
function listDir(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}

/**
 * The firewall of a folder: its ufw host (see `ufwLayout`) and firewalld host (see
 * `firewalldLayout`), if any, and its other rulesets in load order.
 */
export function discoverHost(dir: string): { rulesetFiles: string[]; ufw?: UfwFiles; firewalld?: FirewalldFiles } {
  const ufw = ufwLayout(dir, isFile);
  const firewalld = firewalldLayout(dir, listDir);
  const own = new Set(ufw ? ufwPaths(ufw) : []);
  return { rulesetFiles: discoverRulesets(dir).filter((f) => !own.has(f)), ...(ufw ? { ufw } : {}), ...(firewalld ? { firewalld } : {}) };
}

/** Ruleset files of a folder, in the order a host loads them (ufw: before, user, after). */
export function discoverRulesets(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => isFile(path.join(dir, n)));
  } catch {
    return [];
  }
  const UFW = ['before.rules', 'user.rules', 'after.rules', 'before6.rules', 'user6.rules', 'after6.rules'];
  const rank = (n: string): number =>
    n === 'nftables.conf'
      ? 0
      : n.endsWith('.nft')
        ? 1
        : n.endsWith('.json') && isNftJson(path.join(dir, n))
          ? 1
          : n === 'rules.v4'
            ? 2
            : n === 'rules.v6'
              ? 3
              : /\.(ipt|iptables|ip6tables)$/.test(n)
                ? 4
                : n.endsWith('.ipset') || n === 'ipset.conf' || n === 'ipsets'
                  ? 4
                : n.endsWith('.rules')
                  ? 5 + (UFW.includes(n) ? UFW.indexOf(n) : UFW.length)
                  : -1;
  // ranked once: a .json file's rank reads its first bytes
  return names
    .map((n) => ({ n, r: rank(n) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0))
    .map((x) => path.join(dir, x.n));
}

/** The first 4 KiB of a file ('' when unreadable). */
function headOf(file: string): string {
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** A `.json` file that is `nft -j list ruleset` output (its top-level key is `nftables`), not host.json or daemon.json. */
function isNftJson(file: string): boolean {
  return /^\s*\{\s*"nftables"\s*:/.test(headOf(file));
}

type Positional = { kind: 'dir' | 'compose' | 'host' | 'daemon' | 'containers-conf' | 'quadlet' | 'ruleset'; arg: string };

/**
 * A word on the command line without an option: a folder (the project folder), or a file taken by
 * its name and first lines: a compose file (a compose name, or YAML with a top-level `services:`),
 * host.json / host.yaml, daemon.json, otherwise a ruleset (whose format is detected when read).
 */
function classifyPositional(arg: string, cwd: string): Positional {
  const p = path.resolve(cwd, arg);
  let st;
  try {
    st = statSync(p);
  } catch {
    // Missing: taken by its name, so that the error names what it was meant to be.
    if (/\.ya?ml$/i.test(arg)) return { kind: 'compose', arg };
    return { kind: /\.(json|nft|v4|v6|rules|ipt|conf|save)$/i.test(arg) ? 'ruleset' : 'dir', arg };
  }
  if (st.isDirectory()) return { kind: 'dir', arg };
  const base = path.basename(p).toLowerCase();
  if (DEFAULT_FILE_NAMES.includes(base) || DEFAULT_OVERRIDE_FILE_NAMES.includes(base)) return { kind: 'compose', arg };
  if (/^host\.(json|ya?ml)$/.test(base)) return { kind: 'host', arg };
  if (base === 'daemon.json') return { kind: 'daemon', arg };
  if (base === 'containers.conf') return { kind: 'containers-conf', arg };
  if (/\.(container|network|pod|kube)$/.test(base)) return { kind: 'quadlet', arg };
  if (/\.ya?ml$/.test(base)) return { kind: /^services\s*:/m.test(headOf(p)) ? 'compose' : 'host', arg };
  return { kind: 'ruleset', arg };
}

/**
 * Quadlet units in DIR (`*.container`, and `*.network` beside them; none without a `.container`),
 * sorted; `*.pod` and `*.kube` too, so that check says they are not analysed.
 */
function quadletFilesIn(dir: string): string[] {
  try {
    const files = readdirSync(dir)
      .filter((n) => /\.(container|network|pod|kube)$/.test(n))
      .sort()
      .map((n) => path.join(dir, n))
      .filter((f) => isFile(f));
    return files.some((f) => f.endsWith('.container')) ? files : [];
  } catch {
    return [];
  }
}

/** The compose file of a folder and its override file, as compose picks them (without walking up). */
function composeFilesIn(dir: string): string[] {
  const main = DEFAULT_FILE_NAMES.map((n) => path.join(dir, n)).find(isFile);
  const over = DEFAULT_OVERRIDE_FILE_NAMES.map((n) => path.join(dir, n)).find(isFile);
  return main ? (over ? [main, over] : [main]) : [];
}

export function formatText(
  result: Pick<CheckResult, 'findings' | 'diagnostics'> & Partial<Pick<CheckResult, 'analysis' | 'texts'>>,
  cwd: string,
  opts: { readonly verbose?: boolean; readonly width?: number } = {},
): string {
  const t: TextOptions = { cwd, verbose: opts.verbose, width: opts.width ?? terminalWidth(), texts: result.texts };
  const out: string[] = [];
  for (const d of result.diagnostics) out.push(...formatNote(d, t));
  for (const f of result.findings) out.push('', ...formatFinding(f, t));
  // The exposure table: every published port, who reaches it and what decides.
  if (result.analysis) out.push('', formatExposure(exposure({ analysis: result.analysis }, cwd), t.verbose ? undefined : t.width, engineWords(result.analysis).name).trimEnd());
  const count = (s: string): number => result.findings.filter((f) => f.severity === s).length;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  out.push(
    '',
    `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${count('error')} error, ${count('warning')} warning, ${count('information') + count('hint')} information); ${errors} input error${errors === 1 ? '' : 's'}` +
      (result.analysis?.assumptions.length ? `; verdicts assume ${result.analysis.assumptions.join(' and ')}` : ''),
  );
  return out.join('\n').replace(/^\n+/, '') + '\n';
}

/** The terminal's width when printing to one, else 100 columns (pipes, files, CI logs). */
function terminalWidth(): number {
  const c = process.stdout.isTTY ? process.stdout.columns : undefined;
  return c && c >= 60 ? Math.min(c, 160) : 100;
}

function rangeJson(span: Span): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: span.range.start.line + 1, column: span.range.start.character + 1, endLine: span.range.end.line + 1, endColumn: span.range.end.character + 1 };
}

/** The stable JSON shape: 1-based lines and UTF-16 columns, end exclusive; paths relative to the working directory. */
export function toJson(result: Pick<CheckResult, 'findings' | 'diagnostics' | 'texts'> & Partial<Pick<CheckResult, 'analysis'>>, cwd: string): unknown {
  const related = (r: RelatedInfo) => ({ file: relPath(r.span.file, cwd), ...rangeJson(r.span), message: r.message });
  const indexes = new Map<string, LineIndex>();
  const li = (file: string): LineIndex => {
    let x = indexes.get(file);
    if (!x) indexes.set(file, (x = new LineIndex(result.texts.get(file) ?? '')));
    return x;
  };
  const meta = new Map(RULES.map((r) => [r.code, r]));
  return {
    version: 1,
    findings: result.findings.map((f) => ({
      code: f.code,
      name: meta.get(f.code)?.name ?? null,
      severity: f.severity,
      file: relPath(f.span.file, cwd),
      ...rangeJson(f.span),
      message: f.message,
      ...(f.summary ? { summary: f.summary } : {}),
      ...(f.explanation ? { explanation: f.explanation } : {}),
      related: (f.related ?? []).map(related),
      fixes: (f.fixes ?? []).map((fix) => ({
        title: fix.title,
        preferred: fix.preferred ?? false,
        edits: fix.edits.map((e) => {
          const s = li(e.file).position(e.start);
          const t = li(e.file).position(e.end);
          return { file: relPath(e.file, cwd), line: s.line + 1, column: s.character + 1, endLine: t.line + 1, endColumn: t.character + 1, newText: e.newText };
        }),
      })),
      path: (f.path ?? []).map((p) => ({ text: p.text, ...(p.span ? { file: relPath(p.span.file, cwd), line: p.span.range.start.line + 1 } : {}) })),
    })),
    diagnostics: result.diagnostics.map((d) => ({ severity: d.severity, code: d.code ?? null, file: relPath(d.span.file, cwd), ...rangeJson(d.span), message: d.message })),
    ...(result.analysis ? { assumptions: result.analysis.assumptions, ports: exposure({ analysis: result.analysis }, cwd) } : {}),
  };
}

/**
 * Findings and diagnostics with the working directory taken out of their texts (messages quote
 * source positions, e.g. a rule's provenance `added by Docker 29 for /home/me/app/compose.yaml:25`):
 * output that does not depend on where the project lies.
 */
export function relativize<T extends Pick<CheckResult, 'findings' | 'diagnostics'>>(result: T, cwd: string): T {
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  // From `/` nothing is shortened (every slash would go).
  const rel = (t: string): string => (prefix === path.sep ? t : t.split(prefix).join(''));
  return {
    ...result,
    findings: result.findings.map((f) => ({
      ...f,
      message: rel(f.message),
      ...(f.summary ? { summary: rel(f.summary) } : {}),
      ...(f.explanation ? { explanation: rel(f.explanation) } : {}),
      ...(f.related ? { related: f.related.map((r) => ({ ...r, message: rel(r.message) })) } : {}),
      ...(f.path ? { path: f.path.map((p) => ({ ...p, text: rel(p.text) })) } : {}),
      ...(f.fixes ? { fixes: f.fixes.map((x) => ({ ...x, title: rel(x.title) })) } : {}),
    })),
    diagnostics: result.diagnostics.map((d) => ({ ...d, message: rel(d.message) })),
  };
}

export function exitCode(result: Pick<CheckResult, 'findings' | 'diagnostics'>): number {
  const bad = result.findings.some((f) => f.severity === 'error' || f.severity === 'warning') || result.diagnostics.some((d) => d.severity === 'error');
  return bad ? 1 : 0;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'find published ports the host firewall does not protect (text, JSON or SARIF)',
  async run(args) {
    const fail = (message: string): number => {
      process.stderr.write(`dockwall check: ${message}\n`);
      return 2;
    };
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          file: { type: 'string', short: 'f', multiple: true },
          ruleset: { type: 'string', multiple: true },
          ufw: { type: 'string' },
          firewalld: { type: 'string' },
          host: { type: 'string' },
          daemon: { type: 'string' },
          'docker-version': { type: 'string' },
          engine: { type: 'string' },
          'containers-conf': { type: 'string' },
          rootless: { type: 'boolean' },
          backend: { type: 'string' },
          'env-file': { type: 'string', multiple: true },
          profile: { type: 'string', multiple: true },
          format: { type: 'string' },
          verbose: { type: 'boolean', short: 'v' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      process.stderr.write(`dockwall check: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    const v = parsed.values;
    if (v.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    // Words without an option: a project folder, or files sorted by what they are (as -f, --ruleset, --host, --daemon).
    const cwd0 = process.cwd();
    const positional = parsed.positionals.map((a) => classifyPositional(a, cwd0));
    const dirs = positional.filter((x) => x.kind === 'dir');
    if (dirs.length > 1) return fail(`one project folder at most, got ${dirs.map((d) => d.arg).join(', ')}\n${USAGE}`);
    const named = (k: Positional['kind']): string[] => positional.filter((x) => x.kind === k).map((x) => x.arg);
    if (named('compose').length) v.file = [...(v.file ?? []), ...named('compose')];
    if (named('ruleset').length) v.ruleset = [...(v.ruleset ?? []), ...named('ruleset')];
    const quadlet = named('quadlet');
    if (quadlet.length) return fail(`${quadlet[0]}: Quadlet units are read from their folder (with the .network units they name): give the folder instead\n${USAGE}`);
    for (const k of ['host', 'daemon', 'containers-conf'] as const) {
      const files = named(k);
      if (files.length > 1 || (files.length && v[k])) return fail(`one ${k} file at most, got ${[...(v[k] ? [v[k]] : []), ...files].join(', ')}\n${USAGE}`);
      if (files.length) v[k] = files[0];
    }
    const format = v.format ?? 'text';
    if (!['text', 'json', 'sarif'].includes(format)) return fail(`unknown format '${format}' (text, json or sarif)`);
    // From here on, a failure still gives --format json / sarif a well-formed document saying why.
    const failWith = (problems: readonly { file?: string; message: string }[], text: string): number => {
      process.stderr.write(text);
      if (format !== 'text') {
        const diagnostics: CoreDiagnostic[] = problems.map((p) => ({ span: new LineIndex('').span(p.file ?? '<command line>', 0, 0), severity: 'error', code: p.file ? 'io' : 'usage', message: p.message }));
        const doc = format === 'json' ? { ...(toJson({ findings: [], diagnostics, texts: new Map() }, process.cwd()) as object), ports: [] } : toSarif([], diagnostics, { cwd: process.cwd(), toolVersion: VERSION, texts: new Map(), rules: RULES, executionSuccessful: false });
        process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
      }
      return 2;
    };
    const failOne = (message: string, file?: string): number => failWith([{ file, message }], `dockwall check: ${message}\n`);
    if (v.backend && v.backend !== 'iptables' && v.backend !== 'nftables') return failOne(`unknown backend '${v.backend}' (iptables or nftables)`);
    if (v.engine && v.engine !== 'docker' && v.engine !== 'podman') return failOne(`unknown engine '${v.engine}' (docker or podman)`);
    if (v['docker-version'] && !/^\d+(\.\d+){0,2}$/.test(v['docker-version'])) return failOne(`bad --docker-version '${v['docker-version']}' (e.g. 24, 27, 28.0, 28.2, 29)`);

    const cwd = process.cwd();
    const abs = (f: string): string => path.resolve(cwd, f);
    let dir: string | undefined;
    // No folder and no -f: the current folder, as if `dockwall check .` (its rulesets, host.json, daemon.json too).
    const dirArg = dirs[0]?.arg ?? (v.file?.length ? undefined : '.');
    if (dirArg !== undefined) {
      dir = abs(dirArg);
      let isDir = false;
      try {
        isDir = statSync(dir).isDirectory();
      } catch {
        // reported below
      }
      if (!isDir) return failOne(`${dirArg}: not a folder`, dirArg);
    }
    const inDir = (name: string): string | undefined => {
      if (!dir) return undefined;
      const p = path.join(dir, name);
      try {
        return statSync(p).isFile() ? p : undefined;
      } catch {
        return undefined;
      }
    };
    const reader = createFsReader();
    // In DIR itself (compose would walk up to the parents; a folder named on the command line means that folder).
    const composeFiles = v.file?.length ? v.file.map(abs) : dir ? composeFilesIn(dir) : [];
    // Podman's inputs in DIR: Quadlet units and containers.conf (system-wide, or a user's: rootless).
    const quadletFiles = dir && !v.file?.length && v.engine !== 'docker' ? quadletFilesIn(dir) : [];
    const containersConf = v['containers-conf'] ? abs(v['containers-conf']) : (inDir('containers.conf') ?? inDir('.config/containers/containers.conf') ?? inDir('etc/containers/containers.conf'));
    if (dir && !composeFiles.length && !quadletFiles.length) return failOne(`no compose file in ${relPath(dir, cwd) || '.'} (${DEFAULT_FILE_NAMES.join(', ')}); give one with -f`);
    const found = dir && !v.ruleset && !v.ufw && !v.firewalld ? discoverHost(dir) : undefined;
    const rulesetFiles = v.ruleset ? v.ruleset.map(abs) : (found?.rulesetFiles ?? []);
    let ufw = found?.ufw;
    if (v.ufw) {
      ufw = ufwLayout(abs(v.ufw), isFile, true);
      if (!ufw) return failOne(`${v.ufw}: no ufw rule files there (before.rules, user.rules or their 6 variants)`);
    }
    let firewalld = found?.firewalld;
    if (v.firewalld) {
      firewalld = firewalldLayout(abs(v.firewalld), listDir, true);
      if (!firewalld) return failOne(`${v.firewalld}: not a firewalld folder (no firewalld.conf and no zones/ there)`);
    }
    const hostFile = v.host ? abs(v.host) : inDir('host.json');
    const daemonFile = v.daemon ? abs(v.daemon) : inDir('daemon.json');
    // No --engine: Podman when the folder holds Podman's files and no daemon.json (announced).
    let engine = v.engine as 'docker' | 'podman' | undefined;
    let engineNote: string | undefined;
    if (!engine && (v.rootless || v['containers-conf'])) engine = 'podman';
    else if (!engine) {
      const inferred = inferEngine({ folder: relPath(dir ?? cwd, cwd) || '.', daemonJson: daemonFile, containersConf: containersConf && relPath(containersConf, cwd), quadletUnits: quadletFiles.length }, 'give --engine docker for Docker');
      engine = inferred?.engine;
      engineNote = inferred?.note;
    }
    const envFiles = (v['env-file'] ?? []).map(abs);

    // Inputs named on the command line (or found in DIR) must be readable: exit 2, saying why.
    const unreadable: { file: string; message: string }[] = [];
    for (const f of [...composeFiles, ...quadletFiles, ...(containersConf ? [containersConf] : []), ...rulesetFiles, ...(ufw ? ufwPaths(ufw) : []), ...(firewalld ? firewalldPaths(firewalld) : []), ...envFiles, ...(hostFile ? [hostFile] : []), ...(daemonFile ? [daemonFile] : [])]) {
      const why = reader.check(f);
      if (why) unreadable.push({ file: relPath(f, cwd), message: `cannot read: ${why}` });
    }
    if (unreadable.length) return failWith(unreadable, unreadable.map((u) => `${u.file}: error: ${u.message}`).join('\n') + '\n');

    const env: Record<string, string> = {};
    for (const [k, val] of Object.entries(process.env)) if (val !== undefined) env[k] = val;
    const result = check({
      reader,
      cwd,
      env,
      languages: await languages(),
      composeFiles,
      projectDirectory: dir,
      envFiles,
      profiles: v.profile,
      rulesetFiles,
      ufw,
      firewalld,
      daemonFile,
      hostFile,
      dockerVersion: v['docker-version'],
      backend: v.backend as 'iptables' | 'nftables' | undefined,
      containerEngine: engine,
      quadletFiles,
      containersConf: engine === 'podman' ? containersConf : undefined,
      rootless: v.rootless,
      engineNote,
    });
    if (result.project.files.length === 0) return failOne(`no compose file found (${DEFAULT_FILE_NAMES.join(', ')}); give a folder or -f`);
    const discovered = result.project.files.find((f) => reader.problems.has(f));
    if (discovered) return failOne(`${relPath(discovered, cwd)}: cannot read: ${reader.problems.get(discovered)}`, relPath(discovered, cwd));

    const shown = relativize(result, cwd);
    if (format === 'json') process.stdout.write(JSON.stringify(toJson(shown, cwd), null, 2) + '\n');
    else if (format === 'sarif') process.stdout.write(JSON.stringify(toSarif(shown.findings, shown.diagnostics, { cwd, toolVersion: VERSION, texts: result.texts, rules: RULES }), null, 2) + '\n');
    else process.stdout.write(formatText(shown, cwd, { verbose: v.verbose }));
    return exitCode(result);
  },
};
