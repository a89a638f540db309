/**
 * The server's model of the workspace: which compose projects exist, which rulesets each is paired
 * with, the latest analysis of each, and what to re-analyse when a file changes. No protocol types
 * here; session.ts turns this into LSP messages.
 *
 * Caches:
 * - lowering per ruleset file, keyed by its exact text (a compose edit never re-lowers a ruleset,
 *   and a ruleset edit re-lowers only that file);
 * - the analysis per project, recomputed only when one of its inputs (compose files, extended or
 *   included files, .env, rulesets, daemon.json, host description, settings) changed.
 */
import path from 'node:path';
import { check, type CheckResult } from '../core/check';
import type { Result } from '../core/diagnostics';
import type { RulesetSource } from '../core/analysis';
import { lowerSource } from '../core/netfilter/load';
import type { Fragment } from '../core/netfilter/model';
import type { Languages } from '../core/syntax/languages';
import { absoluteEntries, globMatcher, isDiscoveredName, pairProjects, rootOf, type PairedProject } from '../core/workspace';
import { overlayReader, walkFiles } from '../host/files';
import type { Documents } from './documents';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export interface ProjectState {
  readonly entry: PairedProject;
  result?: CheckResult;
  /** Every file the last analysis read or depends on. */
  inputs: Set<string>;
  /** The analysis failed outright (a bug): the message, shown in the log and the status. */
  error?: string;
  ms: number;
}

const key = (e: PairedProject): string => JSON.stringify([e.directory, e.composeFiles, e.rulesets]);

export class WorkspaceModel {
  settings: Settings = DEFAULT_SETTINGS;
  roots: string[] = [];
  /** Rulesets imported from the live host, by their virtual names (`<host: iptables-save>`). */
  readonly imported = new Map<string, string>();
  readonly projects = new Map<string, ProjectState>();
  private readonly dirty = new Set<string>();
  private diskCompose: string[] = [];
  private diskRulesets: string[] = [];
  private readonly lowered = new Map<string, { text: string; languages: Languages; result: Result<Fragment | undefined> }>();
  readonly reader = overlayReader({ get: (f) => this.docs.textOf(f) ?? this.imported.get(f) });

  constructor(
    private readonly docs: Documents,
    private readonly env: Readonly<Record<string, string>> = process.env as Record<string, string>,
  ) {}

  get composeMatcher() {
    return globMatcher(this.settings.composeFiles);
  }
  get rulesetMatcher() {
    return globMatcher(this.settings.rulesets);
  }

  /** Re-reads the folders (at start, on settings and on file-system changes). */
  discover(): void {
    const cm = this.composeMatcher;
    const rm = this.rulesetMatcher;
    const compose: string[] = [];
    const rulesets: string[] = [];
    for (const root of this.roots) {
      for (const f of walkFiles(root, (p) => cm.matches(p, root) || rm.matches(p, root))) {
        if (cm.matches(f, root)) compose.push(f);
        else rulesets.push(f);
      }
    }
    this.diskCompose = compose;
    this.diskRulesets = rulesets;
    this.pair();
  }

  /** Whether an open document is a compose file / ruleset by the settings (also outside the folders). */
  isCompose(file: string): boolean {
    const root = rootOf(file, this.roots) ?? path.dirname(file);
    return this.composeMatcher.matches(file, root);
  }
  isRuleset(file: string): boolean {
    const root = rootOf(file, this.roots) ?? path.dirname(file);
    return this.rulesetMatcher.matches(file, root);
  }

  /** Recomputes the projects and their pairing; projects whose inputs changed become dirty. */
  pair(): void {
    const compose = new Set(this.diskCompose);
    const rulesets = new Set(this.diskRulesets);
    for (const d of this.docs.all()) if (this.isCompose(d.file)) compose.add(d.file);
    // A compose file outside every folder (an editor started without one) is its own root: the
    // rulesets beside it count.
    const roots = [...this.roots];
    for (const f of compose) {
      const dir = path.dirname(f);
      if (rootOf(f, roots)) continue;
      roots.push(dir);
      const rm = this.rulesetMatcher;
      for (const r of walkFiles(dir, (p) => rm.matches(p, dir), 0)) rulesets.add(r);
    }
    for (const d of this.docs.all()) if (!this.isCompose(d.file) && this.isRuleset(d.file) && rootOf(d.file, roots)) rulesets.add(d.file);
    const entries = pairProjects({
      composeFiles: [...compose].sort(),
      workspaceRulesets: [...rulesets].sort(),
      absoluteRulesets: absoluteEntries(this.settings.rulesets),
      imported: [...this.imported.keys()],
      roots,
    });
    const seen = new Set<string>();
    for (const e of entries) {
      seen.add(e.directory);
      const old = this.projects.get(e.directory);
      if (old && key(old.entry) === key(e)) continue;
      this.projects.set(e.directory, { entry: e, inputs: new Set([...e.composeFiles, ...e.rulesets]), ms: 0 });
      this.dirty.add(e.directory);
    }
    for (const d of [...this.projects.keys()]) if (!seen.has(d)) this.projects.delete(d);
  }

  /** A file changed (edited, saved, created, deleted): marks the projects that read it. */
  touch(file: string): void {
    for (const [dir, p] of this.projects) if (p.inputs.has(file)) this.dirty.add(dir);
  }

  /** Every project becomes dirty (settings changed). */
  invalidateAll(): void {
    for (const d of this.projects.keys()) this.dirty.add(d);
  }

  hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  /** The projects whose inputs include `file`. */
  projectsOf(file: string): ProjectState[] {
    return [...this.projects.values()].filter((p) => p.inputs.has(file));
  }

  /** Analyses the dirty projects; returns them (with their previous inputs, to refresh files they no longer read). */
  analyseDirty(langs: Languages, log: (msg: string) => void): { project: ProjectState; previous: ReadonlySet<string> }[] {
    const out: { project: ProjectState; previous: ReadonlySet<string> }[] = [];
    for (const dir of [...this.dirty]) {
      this.dirty.delete(dir);
      const p = this.projects.get(dir);
      if (!p) continue;
      const previous = new Set(p.inputs);
      if (p.result) for (const f of p.result.texts.keys()) previous.add(f);
      const t0 = performance.now();
      try {
        p.result = this.run(p.entry, langs);
        p.error = undefined;
      } catch (e) {
        p.result = undefined;
        p.error = e instanceof Error ? e.message : String(e);
        log(`analysis of ${dir} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      p.ms = performance.now() - t0;
      p.inputs = new Set([...p.entry.composeFiles, ...p.entry.rulesets, ...(p.result ? [...p.result.project.files, ...p.result.texts.keys()] : [])]);
      for (const f of this.extraInputs(dir)) p.inputs.add(path.isAbsolute(f) ? f : path.join(p.entry.root, f));
      out.push({ project: p, previous });
    }
    return out;
  }

  private run(e: PairedProject, langs: Languages): CheckResult {
    const s = this.settings;
    // Compose's own discovery (compose.yaml + compose.override.yaml) when the directory holds a
    // standard name; otherwise the selected files, in order.
    const discovered = e.composeFiles.some(isDiscoveredName);
    // As `dockwall check DIR`: without a setting, host.json / daemon.json beside the compose file.
    const daemonFile = s.daemonJson ? this.resolve(s.daemonJson, e.root) : this.beside(e.directory, 'daemon.json');
    const hostFile = s.host ? this.resolve(s.host, e.root) : this.beside(e.directory, 'host.json');
    return check({
      reader: this.reader,
      cwd: e.directory,
      env: this.env,
      languages: langs,
      composeFiles: discovered ? undefined : e.composeFiles,
      projectDirectory: e.directory,
      rulesetFiles: e.rulesets,
      daemonFile,
      hostFile,
      dockerVersion: s.dockerVersion,
      // The default setting means Docker's default: a daemon.json's "firewall-backend" then decides.
      backend: daemonFile && s.backend === DEFAULT_SETTINGS.backend ? undefined : s.backend,
      severity: s.severity,
      lower: (src, l) => this.lower(src, l),
    });
  }

  /** The project inputs beyond compose files and rulesets (for re-analysis when they change). */
  extraInputs(dir: string): string[] {
    const s = this.settings;
    return [path.join(dir, '.env'), s.daemonJson || path.join(dir, 'daemon.json'), s.host || path.join(dir, 'host.json')];
  }

  private beside(dir: string, name: string): string | undefined {
    const p = path.join(dir, name);
    return this.reader.read(p) !== undefined ? p : undefined;
  }

  private resolve(p: string, root: string): string {
    return path.isAbsolute(p) ? p : path.join(root, p);
  }

  /** Lowering memoised by (file, exact text). */
  lower(src: RulesetSource, langs: Languages): Result<Fragment | undefined> {
    const hit = this.lowered.get(src.file);
    if (hit && hit.text === src.text && hit.languages === langs) return hit.result;
    const result = lowerSource(src.file, src.text, langs);
    this.lowered.set(src.file, { text: src.text, languages: langs, result });
    return result;
  }
}
