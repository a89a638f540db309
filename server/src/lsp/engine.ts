/**
 * The analysis engine: runs `check()` for compose projects and answers the feature queries (hover,
 * code actions, CodeLens, inlay hints, portPath) from the results it keeps. It runs in a worker
 * thread (analysis-worker.ts) so that the server's main thread keeps parsing and publishing while
 * a large project is analysed; the same class runs in-thread when no worker is available.
 *
 * Only plain JSON crosses the boundary: jobs in, per-file LSP diagnostics and query answers out.
 * The full results (rulesets of 20k rules, traces) stay here.
 *
 * Caches: lowering per ruleset file keyed by its exact text (a compose edit never re-lowers a
 * ruleset, a ruleset edit re-lowers only that file), with the tree of an nftables file's text, from
 * which its next text is parsed incrementally (`core/syntax/reparse.ts`); the compose project per
 * load (a ruleset edit does not load it again); the results per project.
 */
import path from 'node:path';
import type { Tree } from 'web-tree-sitter';
import type { SyntaxNode } from '../core/syntax/mirror';
import type { CodeAction, CodeLens, Diagnostic, InlayHint, Position, Range } from 'vscode-languageserver';
import type { RulesetSource } from '../core/analysis';
import { prepareMoves } from '../core/analysis/reuse';
import { check, type CheckResult } from '../core/check';
import { loadComposeProject, type ComposeProject, type FileReader, type LoadOptions } from '../core/compose';
import { YamlSplicer } from '../core/compose/yaml-splice';
import { inferEngine } from '../core/engines';
import type { Result } from '../core/diagnostics';
import type { Finding } from '../core/findings';
import { type BuildOptions, buildRuleset } from '../core/netfilter/build';
import { type LowerContext, lowerSource } from '../core/netfilter/load';
import type { NftIncludeReader } from '../core/netfilter/lower-nft';
import type { Fragment, Ruleset } from '../core/netfilter/model';
import { NftRuleMemo } from '../core/netfilter/nft/rule-memo';
import { IptRuleMemo } from '../core/netfilter/iptables-rule-memo';
import type { Languages } from '../core/syntax/languages';
import { LineIndex } from '../core/text';
import { ufwPaths } from '../core/ufw';
import { firewalldPaths } from '../core/firewalld';
import { isDiscoveredName, type PairedProject } from '../core/workspace';
import { overlayReader } from '../host/files';
import { convertedStillPlaced, isRealFile, markdownLink, toCodeAction, toDiagnostic } from './convert';
import { exposeFix } from './expose';
import { findingHover, locate, portHover, rulesetHover } from './hover';
import { portItemAt, portItems, reachSummary } from './ports';
import { portPath } from './portpath';
import type { PortPathResult } from './protocol';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { URI } from './uri';

/** One project to analyse, with the texts that win over the disk and the versions of open documents. */
export interface Job {
  readonly entry: PairedProject;
  readonly settings: Settings;
  readonly overlay: readonly (readonly [string, string])[];
  readonly versions: readonly (readonly [string, number])[];
  readonly env: Readonly<Record<string, string>>;
  /** `Outcome.seq` of the outcome the caller keeps for this project, if any. */
  readonly have?: string;
}

export interface Outcome {
  readonly dir: string;
  /** Identifies this outcome (for `Job.have`). */
  readonly seq: string;
  /**
   * Files whose diagnostics are exactly those of the outcome named by `Job.have`: they are left
   * out of `diagnostics` (a 20k-rule ruleset's findings do not change when a compose port does,
   * and need not cross the thread boundary or be published again).
   */
  readonly unchanged?: readonly string[];
  /** Every file the analysis read or depends on. */
  readonly inputs: readonly string[];
  /** LSP diagnostics (findings and input problems) per real file. */
  readonly diagnostics: Readonly<Record<string, Diagnostic[]>>;
  readonly findings: number;
  readonly warnings: number;
  readonly errors: number;
  readonly ms: number;
  /** The analysis threw (a bug); the message. */
  readonly error?: string;
}

/** Which analyses a query may use: those of `dirs` computed from `file` at `version` (undefined: not open). */
interface Scope {
  readonly dirs: readonly string[];
  readonly file: string;
  readonly version?: number;
}

export type Query =
  | (Scope & { readonly kind: 'hover'; readonly position: Position; readonly isCompose: boolean; readonly text?: string })
  | (Scope & { readonly kind: 'codeActions'; readonly range: Range })
  | (Scope & { readonly kind: 'codeLens'; readonly uri: string })
  | (Scope & { readonly kind: 'inlayHints'; readonly range: Range; readonly text: string })
  | (Scope & { readonly kind: 'portPath'; readonly position: Position });

interface ComposeLoad {
  readonly key: string;
  readonly reads: ReadonlyMap<string, string | undefined>;
  readonly exists: ReadonlyMap<string, boolean>;
  readonly result: Result<ComposeProject>;
}

interface Kept {
  readonly result: CheckResult;
  readonly versions: ReadonlyMap<string, number>;
}

export class Engine {
  private readonly lowered = new Map<string, { text: string; languages: Languages; result: Result<Fragment | undefined>; tree?: Tree; mirror?: SyntaxNode; rules: NftRuleMemo; iptRules: IptRuleMemo; includes: IncludeReads }>();
  /** Per project folder and rendered file: the memo of the container engine's rendered iptables-save lines (`renderedRules`). */
  private readonly rendered = new Map<string, Map<string, IptRuleMemo>>();
  private readonly results = new Map<string, Kept>();
  private admin: { fragments: readonly Fragment[]; result: Result<Ruleset> }[] = [];
  /** Compose loads by their options, with every answer the reader gave them. */
  private composeLoads: ComposeLoad[] = [];
  /** Each compose file's last parse, for the next text's parse to splice from. */
  private readonly yaml = new YamlSplicer();
  /** The diagnostics of each project's latest outcome, by file. */
  private readonly sent = new Map<string, { seq: string; files: Map<string, Diagnostic[]> }>();
  /**
   * LSP form of findings that are kept across analyses: the same object gives the same diagnostic
   * while its spans read the same places, which they do while its file's text is the one it was
   * converted with (`epoch`; -1: spans in other files too, compared each time).
   */
  private readonly converted = new WeakMap<Finding, { readonly d: Diagnostic; epoch: number }>();
  /** Per file, a number that changes whenever an analysis reads another text of it than its project's last analysis did (see `converted`). */
  private readonly epochs = new Map<string, number>();
  private epoch = 0;
  private readonly id = Math.random().toString(36).slice(2, 8);
  private count = 0;

  constructor(private readonly langs: () => Promise<Languages>) {}

  async analyse(jobs: readonly Job[]): Promise<Outcome[]> {
    const l = await this.langs();
    return jobs.map((job) => this.one(job, l));
  }

  /**
   * Rehearses an edit of `file` (see warmup.ts): analyses `jobs` with that document's text passed
   * through `edit`, then as they are, both in one turn, so that no query reads the edited
   * analysis and the projects' last results are again of the texts the caller was answered for;
   * the diagnostics it was last sent stay the base of its next outcome's delta. What the first real
   * edit would have made first (its code compiled with type feedback, the memos' whole-chain
   * records, the moves of the kept results) is then made. Returns the time taken, in ms.
   */
  async rehearse(jobs: readonly Job[], file: string, edit: (text: string) => string): Promise<number> {
    const l = await this.langs();
    const t0 = performance.now();
    for (const job of jobs) {
      const at = job.overlay.findIndex(([f]) => f === file);
      if (at < 0) continue;
      const dir = job.entry.directory;
      const sent = this.sent.get(dir);
      this.one({ ...job, overlay: job.overlay.map(([f, text], i) => [f, i === at ? edit(text) : text] as const) }, l);
      this.one(job, l);
      if (sent) this.sent.set(dir, sent);
      else this.sent.delete(dir);
    }
    this.prepare();
    return performance.now() - t0;
  }

  private one(job: Job, l: Languages): Outcome {
    const dir = job.entry.directory;
    const t0 = performance.now();
    const inputs = new Set<string>([...job.entry.composeFiles, ...job.entry.rulesets, ...(job.entry.ufw ? ufwPaths(job.entry.ufw) : []), ...(job.entry.firewalld ? firewalldPaths(job.entry.firewalld) : []), ...extraInputs(job.settings, job.entry)]);
    try {
      const before = this.results.get(dir)?.result.texts;
      const result = this.run(job, l);
      this.results.set(dir, { result, versions: new Map(job.versions) });
      for (const [file, text] of result.texts) if (before?.get(file) !== text || !this.epochs.has(file)) this.epochs.set(file, ++this.epoch);
      for (const f of [...result.project.files, ...result.texts.keys()]) inputs.add(f);
      const diagnostics: Record<string, Diagnostic[]> = {};
      const add = (file: string, d: Diagnostic): void => {
        if (isRealFile(file)) (diagnostics[file] ??= []).push(d);
      };
      for (const d of result.diagnostics) add(d.span.file, toDiagnostic(d, URI.fromPath));
      for (const f of result.findings) {
        // (a finding whose spans are all in one file whose text did not change since it was
        // converted reads the same places: its spans move only when the file is lowered again)
        const epoch = f.related?.some((r) => r.span.file !== f.span.file) ? -1 : (this.epochs.get(f.span.file) ?? -1);
        let known = this.converted.get(f);
        if (!known || !((epoch >= 0 && known.epoch === epoch) || convertedStillPlaced(f, known.d))) this.converted.set(f, (known = { d: toDiagnostic(f, URI.fromPath), epoch }));
        else known.epoch = epoch;
        add(f.span.file, known.d);
      }
      const { seq, changed, unchanged } = this.delta(dir, job.have, diagnostics);
      return {
        dir,
        seq,
        ...(unchanged.length ? { unchanged } : {}),
        inputs: [...inputs],
        diagnostics: changed,
        findings: result.findings.length,
        warnings: result.findings.filter((f) => f.severity === 'warning').length,
        errors: result.findings.filter((f) => f.severity === 'error').length + result.diagnostics.filter((d) => d.severity === 'error').length,
        ms: performance.now() - t0,
      };
    } catch (e) {
      this.results.delete(dir);
      this.sent.delete(dir);
      return { dir, seq: this.nextSeq(), inputs: [...inputs], diagnostics: {}, findings: 0, warnings: 0, errors: 0, ms: performance.now() - t0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
  }

  private nextSeq(): string {
    return `${this.id}:${++this.count}`;
  }

  /** Splits the diagnostics into those that changed since the outcome the caller has (`have`) and the files that did not. */
  private delta(dir: string, have: string | undefined, diagnostics: Record<string, Diagnostic[]>): { seq: string; changed: Record<string, Diagnostic[]>; unchanged: string[] } {
    const seq = this.nextSeq();
    const before = this.sent.get(dir);
    const base = before && have === before.seq ? before.files : undefined;
    const files = new Map<string, Diagnostic[]>();
    const changed: Record<string, Diagnostic[]> = {};
    const unchanged: string[] = [];
    for (const [file, list] of Object.entries(diagnostics)) {
      const old = base?.get(file);
      if (old && samePlain(old, list)) {
        unchanged.push(file);
        files.set(file, old);
      } else {
        changed[file] = list;
        files.set(file, list);
      }
    }
    this.sent.set(dir, { seq, files });
    return { seq, changed, unchanged };
  }

  private run(job: Job, langs: Languages): CheckResult {
    const s = job.settings;
    const e = job.entry;
    const overlay = new Map(job.overlay);
    const reader = overlayReader({ get: (f) => overlay.get(f) });
    // Compose's own discovery (compose.yaml + compose.override.yaml) when the directory holds a
    // standard name; otherwise the selected files, in order.
    const discovered = e.composeFiles.some(isDiscoveredName);
    // As `dockwall check DIR`: without a setting, host.json / daemon.json beside the compose file.
    const beside = (name: string): string | undefined => {
      const p = path.join(e.directory, name);
      return reader.read(p) !== undefined ? p : undefined;
    };
    const daemonFile = s.daemonJson ? resolve(s.daemonJson, e.root) : beside('daemon.json');
    const hostFile = s.host ? resolve(s.host, e.root) : beside('host.json');
    // Podman, as `dockwall check DIR` decides without --engine (inferEngine).
    const units = e.composeFiles.filter(isQuadletFile);
    // The .network units the .container units name (systemd-networkd's *.network files are not selected).
    const nets = units.flatMap((f) => [...(reader.read(f) ?? '').matchAll(/^\s*Network\s*=\s*([^\s:]+\.network)\s*$/gm)].map((m) => path.join(e.directory, m[1])));
    const quadlet = [...units, ...new Set(nets.filter((f) => reader.read(f) !== undefined))];
    const compose = e.composeFiles.filter((f) => !isQuadletFile(f));
    const containersConf = beside('containers.conf');
    const inferred = inferEngine({ folder: e.directory, daemonJson: daemonFile, containersConf: containersConf && path.basename(containersConf), quadletUnits: units.length }, 'a daemon.json beside them makes it Docker');
    const podman = inferred !== undefined;
    return check({
      reader,
      cwd: e.directory,
      env: job.env,
      languages: langs,
      composeFiles: discovered ? undefined : compose,
      quadletFiles: compose.length ? undefined : quadlet,
      containerEngine: podman ? 'podman' : undefined,
      containersConf: podman ? containersConf : undefined,
      engineNote: inferred?.note,
      projectDirectory: e.directory,
      rulesetFiles: e.rulesets,
      ufw: e.ufw,
      firewalld: e.firewalld,
      daemonFile,
      hostFile,
      dockerVersion: s.dockerVersion,
      // The default setting means Docker's default: a daemon.json's "firewall-backend" then decides.
      backend: daemonFile && s.backend === DEFAULT_SETTINGS.backend ? undefined : s.backend,
      severity: s.severity,
      lower: (src, l, context) => this.lower(src, l, context),
      buildAdmin: (fragments, opts) => this.buildAdmin(fragments, opts),
      renderedRules: (file) => this.renderedRules(e.directory, file),
      loadCompose: (r, opts) => this.loadCompose(r, opts),
      previous: this.results.get(e.directory)?.result.analysis,
    });
  }

  /** The memo of the rules the container engine renders into `file` for the project in `dir` (one per both). */
  private renderedRules(dir: string, file: string): IptRuleMemo {
    let byFile = this.rendered.get(dir);
    if (!byFile) this.rendered.set(dir, (byFile = new Map()));
    let memo = byFile.get(file);
    if (!memo) byFile.set(file, (memo = new IptRuleMemo()));
    return memo;
  }

  /** The admin-only baseline, memoised by the identity of its (memoised) fragments: a compose edit reuses it. */
  private buildAdmin(fragments: readonly Fragment[], opts?: BuildOptions): Result<Ruleset> {
    const hit = this.admin.find((a) => a.fragments.length === fragments.length && a.fragments.every((f, i) => f === fragments[i]));
    if (hit) return hit.result;
    const result = buildRuleset(fragments, opts);
    // One entry per ruleset set in use (projects paired with different rulesets), the latest first.
    this.admin = [{ fragments, result }, ...this.admin].slice(0, 8);
    return result;
  }

  /**
   * The compose project, memoised by the load's options and every answer the reader gave it (texts
   * and existence of the compose files, .env, env_file and extends files): a ruleset edit does not
   * load the compose files again, and the same project object lets the analysis keep more.
   */
  private loadCompose(reader: FileReader, opts: LoadOptions): Result<ComposeProject> {
    const key = JSON.stringify(opts);
    const hit = this.composeLoads.find((c) => c.key === key && [...c.reads].every(([f, t]) => reader.read(f) === t) && [...c.exists].every(([f, e]) => reader.exists(f) === e));
    if (hit) return hit.result;
    const reads = new Map<string, string | undefined>();
    const exists = new Map<string, boolean>();
    const recording: FileReader = {
      read: (f) => {
        const t = reader.read(f);
        if (!reads.has(f)) reads.set(f, t);
        return t;
      },
      exists: (f) => {
        const e = reader.exists(f);
        if (!exists.has(f)) exists.set(f, e);
        return e;
      },
    };
    const result = loadComposeProject(recording, opts, (file, text, index) => this.yaml.parse(file, text, index));
    // One entry per project in use, the latest first.
    this.composeLoads = [{ key, reads, exists, result }, ...this.composeLoads.filter((c) => c.key !== key)].slice(0, 8);
    return result;
  }

  /**
   * Lowering memoised by (file, exact text); a source lowered with ipsets beside it is not kept (the
   * sets may change). An nftables text is parsed from the tree of the file's previous text, and its
   * own tree replaces that one; the rules of either format's previous lowering are kept for the next
   * (nft/rule-memo.ts, iptables-rule-memo.ts).
   */
  private lower(src: RulesetSource, langs: Languages, context?: LowerContext): Result<Fragment | undefined> {
    if (context?.ipsets?.size) return lowerSource(src.file, src.text, langs, undefined, context);
    const hit = this.lowered.get(src.file);
    if (hit && hit.text === src.text && hit.languages === langs && sameIncludes(hit.includes, context?.includes)) return hit.result;
    const includes: IncludeReads = { reads: new Map(), globs: new Map() };
    let tree: Tree | undefined;
    let mirror: SyntaxNode | undefined;
    const previous = hit?.tree && hit.languages === langs ? { text: hit.text, tree: hit.tree, mirror: hit.mirror } : undefined;
    const rules = hit?.rules ?? new NftRuleMemo();
    const iptRules = hit?.iptRules ?? new IptRuleMemo();
    const result = lowerSource(src.file, src.text, langs, undefined, {
      reuse: {
        previous,
        keep: (t, m) => {
          tree = t;
          mirror = m;
        },
      },
      nftRules: rules,
      iptRules,
      ...(context?.includes ? { includes: recordIncludes(context.includes, includes) } : {}),
    });
    hit?.tree?.delete();
    this.lowered.set(src.file, { text: src.text, languages: langs, result, tree, mirror, rules, iptRules, includes });
    return result;
  }

  /**
   * Work the next analysis would do first, done while the worker is idle after answering: what
   * moving the kept results along a ruleset edit reads of them (`prepareMoves`).
   */
  prepare(): void {
    for (const kept of this.results.values()) prepareMoves(kept.result.analysis.reaches.values());
  }

  /** Forgets the results of projects that no longer exist, and the lowerings no remaining project uses. */
  retain(dirs: readonly string[]): void {
    const keep = new Set(dirs);
    for (const d of [...this.results.keys()]) if (!keep.has(d)) this.results.delete(d);
    for (const d of [...this.sent.keys()]) if (!keep.has(d)) this.sent.delete(d);
    for (const d of [...this.rendered.keys()]) if (!keep.has(d)) this.rendered.delete(d);
    // the rulesets the kept results were analysed with (every file `lower` is asked for is one of them)
    const used = new Set<string>();
    for (const k of this.results.values()) for (const s of k.result.analysis.sources) used.add(s.file);
    for (const [file, low] of [...this.lowered]) {
      if (used.has(file)) continue;
      low.tree?.delete();
      this.lowered.delete(file);
    }
  }

  /** The kept results usable for a query: computed from the file's current version. */
  private fresh(q: Scope): CheckResult[] {
    const out: CheckResult[] = [];
    for (const d of q.dirs) {
      const k = this.results.get(d);
      if (k && k.versions.get(q.file) === q.version) out.push(k.result);
    }
    return out;
  }

  async query(q: Query): Promise<unknown> {
    switch (q.kind) {
      case 'hover':
        return this.hover(q, await this.langs());
      case 'codeActions':
        return this.codeActions(q);
      case 'codeLens':
        return this.codeLens(q);
      case 'inlayHints':
        return this.inlayHints(q);
      case 'portPath':
        return this.portPath(q);
    }
  }

  private offsetOf(r: CheckResult | undefined, file: string, p: Position, text?: string): { offset: number; lines: LineIndex } | undefined {
    const t = text ?? r?.texts.get(file);
    if (t === undefined) return undefined;
    const lines = new LineIndex(t);
    return { offset: lines.offset(p), lines };
  }

  private hover(q: Extract<Query, { kind: 'hover' }>, langs: Languages): string | null {
    const results = this.fresh(q);
    const at = this.offsetOf(results[0], q.file, q.position, q.text);
    if (!at) return null;
    const link = (span: Parameters<typeof markdownLink>[0]) => markdownLink(span, URI.fromPath);
    const parts: string[] = [];
    for (const r of results) {
      const item = portItemAt(r, q.file, at.offset);
      if (item) {
        parts.push(portHover(item, r, link));
        break;
      }
    }
    const portShown = parts.length > 0;
    if (!portShown && !q.isCompose) {
      let ruleset: Ruleset | undefined = results[0]?.analysis.ruleset;
      if (!ruleset && q.text !== undefined) {
        const low = this.lower({ file: q.file, text: q.text }, langs);
        ruleset = low.value ? buildRuleset([low.value]).value : undefined;
      }
      const loc = ruleset ? locate(ruleset, q.file, at.offset, (o) => at.lines.position(o).line) : undefined;
      if (loc) parts.push(rulesetHover(loc, results, link));
    }
    const seen = new Set<string>();
    for (const f of findingsAt(results, q.file, at.offset)) {
      if (seen.has(f.code)) continue;
      seen.add(f.code);
      parts.push(findingHover(f, !portShown));
    }
    return parts.length ? parts.join('\n\n---\n\n') : null;
  }

  private codeActions(q: Extract<Query, { kind: 'codeActions' }>): CodeAction[] {
    const out: CodeAction[] = [];
    const seen = new Set<string>();
    const push = (action: CodeAction | undefined): void => {
      const k = JSON.stringify([action?.title, action?.edit]);
      if (action && !seen.has(k)) {
        seen.add(k);
        out.push(action);
      }
    };
    for (const r of this.fresh(q)) {
      const at = this.offsetOf(r, q.file, q.range.start);
      if (!at) continue;
      const start = at.offset;
      const end = at.lines.offset(q.range.end);
      for (const f of r.findings) {
        if (f.span.file !== q.file || f.span.end < start || f.span.start > end || !f.fixes?.length) continue;
        const diagnostic = toDiagnostic(f, URI.fromPath);
        for (const fix of f.fixes) {
          push(toCodeAction(fix, diagnostic, (file) => r.texts.get(file), URI.fromPath));
        }
      }
      for (const item of portItems(r, q.file)) {
        if (item.item.end < start || item.item.start > end) continue;
        const fix = exposeFix(r, item);
        if (fix) push(toCodeAction(fix, undefined, (file) => r.texts.get(file), URI.fromPath));
      }
    }
    return out;
  }

  private codeLens(q: Extract<Query, { kind: 'codeLens' }>): CodeLens[] {
    const out: CodeLens[] = [];
    const seen = new Set<number>();
    for (const r of this.fresh(q))
      for (const item of portItems(r, q.file)) {
        if (seen.has(item.item.start)) continue;
        seen.add(item.item.start);
        const range = { start: item.item.range.start, end: item.item.range.start };
        out.push({ range, command: { title: reachSummary(item), command: 'dockwall.showPacketPath', arguments: [{ uri: q.uri, position: item.item.range.start }] } });
      }
    return out;
  }

  private inlayHints(q: Extract<Query, { kind: 'inlayHints' }>): InlayHint[] {
    const out: InlayHint[] = [];
    const lines = new Set<number>();
    const index = new LineIndex(q.text);
    for (const r of this.fresh(q))
      for (const item of portItems(r, q.file)) {
        const line = item.item.range.end.line;
        if (line < q.range.start.line || line > q.range.end.line || lines.has(line)) continue;
        lines.add(line);
        out.push({ position: { line, character: index.lineText(line).length }, label: reachSummary(item), paddingLeft: true });
      }
    return out;
  }

  private portPath(q: Extract<Query, { kind: 'portPath' }>): PortPathResult | null {
    for (const r of this.fresh(q)) {
      const at = this.offsetOf(r, q.file, q.position);
      const item = at && portItemAt(r, q.file, at.offset);
      if (item) return portPath(item, URI.fromPath);
    }
    return null;
  }
}

function resolve(p: string, root: string): string {
  return path.isAbsolute(p) ? p : path.join(root, p);
}

/** What a lowering read of the files its source includes: each file's text, each pattern's files. */
interface IncludeReads {
  readonly reads: Map<string, string | undefined>;
  readonly globs: Map<string, readonly string[]>;
}

/** A reader of included files that records what it answered in `into`. */
function recordIncludes(reader: NftIncludeReader, into: IncludeReads): NftIncludeReader {
  const glob = reader.glob;
  return {
    read: (file) => {
      const t = reader.read(file);
      into.reads.set(file, t);
      return t;
    },
    ...(glob ? { glob: (pattern: string) => {
      const files = glob(pattern);
      into.globs.set(pattern, files);
      return files;
    } } : {}),
  };
}

/**
 * Whether a kept lowering read what `reader` gives now (asking it again, so that the analysis
 * records those texts as read): the same texts of the same included files.
 */
function sameIncludes(kept: IncludeReads, reader: NftIncludeReader | undefined): boolean {
  if (!kept.reads.size && !kept.globs.size) return true;
  if (!reader) return false;
  for (const [pattern, files] of kept.globs) {
    const now = reader.glob?.(pattern) ?? [];
    if (now.length !== files.length || now.some((f, i) => f !== files[i])) return false;
  }
  for (const [file, text] of kept.reads) if (reader.read(file) !== text) return false;
  return true;
}

/** The project inputs beyond compose files and rulesets (for re-analysis when they change). */
export function extraInputs(s: Settings, e: PairedProject): string[] {
  return [path.join(e.directory, '.env'), s.daemonJson ? resolve(s.daemonJson, e.root) : path.join(e.directory, 'daemon.json'), s.host ? resolve(s.host, e.root) : path.join(e.directory, 'host.json'), path.join(e.directory, 'containers.conf')];
}

/** Podman's Quadlet container units, selected by the compose globs (`**\/*.container`). */
export function isQuadletFile(file: string): boolean {
  return /\.container$/.test(file);
}

/**
 * Whether two values of plain data (as sent to the client: objects, arrays, strings, numbers,
 * booleans, null) say the same; a member that is undefined counts as absent, as in JSON. (Compared
 * in place: every file's diagnostics are compared after each edit, and their JSON text was most of
 * what an unchanged file cost.)
 */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let members = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    members++;
    if (!samePlain(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) members--;
  return members === 0;
}

function findingsAt(results: readonly CheckResult[], file: string, offset: number): Finding[] {
  return results.flatMap((r) => r.findings.filter((f) => f.span.file === file && f.span.start <= offset && offset <= f.span.end));
}
