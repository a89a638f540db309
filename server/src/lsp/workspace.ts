/**
 * The server's model of the workspace: which compose projects exist, which rulesets each is paired
 * with, the outcome of each project's latest analysis, and what to re-analyse when a file changes.
 * The analyses themselves run in the engine (engine.ts); no protocol types here.
 */
import path from 'node:path';
import { ufwPaths } from '../core/ufw';
import { absoluteEntries, globMatcher, isFirewalldFile, isUfwSetting, pairProjects, rootOf, type PairedProject } from '../core/workspace';
import { firewalldPaths } from '../core/firewalld';
import { walkFiles } from '../host/files';
import type { Documents } from './documents';
import { extraInputs, type Job, type Outcome } from './engine';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export interface ProjectState {
  readonly entry: PairedProject;
  outcome?: Outcome;
  /** Every file the last analysis read or depends on. */
  inputs: Set<string>;
  /** The analysis failed outright (a bug): the message, shown in the log and the status. */
  error?: string;
  ms: number;
}

const key = (e: PairedProject): string => JSON.stringify([e.directory, e.composeFiles, e.rulesets, e.ufw ?? null, e.firewalld ?? null]);

export class WorkspaceModel {
  settings: Settings = DEFAULT_SETTINGS;
  roots: string[] = [];
  /** Rulesets imported from the live host, by their virtual names (`<host: iptables-save>`). */
  readonly imported = new Map<string, string>();
  readonly projects = new Map<string, ProjectState>();
  private readonly dirty = new Set<string>();
  private diskCompose: string[] = [];
  private diskRulesets: string[] = [];
  private diskUfwSettings: string[] = [];
  private diskFirewalld: string[] = [];

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
    const ufw: string[] = [];
    const firewalld: string[] = [];
    for (const root of this.roots) {
      for (const f of walkFiles(root, (p) => cm.matches(p, root) || rm.matches(p, root) || isUfwSetting(p) || isFirewalldFile(p))) {
        if (cm.matches(f, root)) compose.push(f);
        else if (rm.matches(f, root)) rulesets.push(f);
        else if (isFirewalldFile(f)) firewalld.push(f);
        else ufw.push(f);
      }
    }
    this.diskCompose = compose;
    this.diskRulesets = rulesets;
    this.diskUfwSettings = ufw;
    this.diskFirewalld = firewalld;
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
      ufwSettings: this.diskUfwSettings,
      // an open firewalld file counts before it is saved (a new zone typed into an unsaved buffer)
      firewalldFiles: [...new Set([...this.diskFirewalld, ...this.docs.all().map((d) => d.file).filter(isFirewalldFile)])].sort(),
    });
    const seen = new Set<string>();
    for (const e of entries) {
      seen.add(e.directory);
      const old = this.projects.get(e.directory);
      if (old && key(old.entry) === key(e)) continue;
      this.projects.set(e.directory, { entry: e, inputs: new Set([...e.composeFiles, ...e.rulesets, ...(e.ufw ? ufwPaths(e.ufw) : []), ...(e.firewalld ? firewalldPaths(e.firewalld) : [])]), ms: 0 });
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

  /** Whether a project reading `file` waits for re-analysis. */
  isDirtyFile(file: string): boolean {
    return this.projectsOf(file).some((p) => this.dirty.has(p.entry.directory));
  }

  /** The projects whose inputs include `file`. */
  projectsOf(file: string): ProjectState[] {
    return [...this.projects.values()].filter((p) => p.inputs.has(file));
  }

  /** The dirty projects as jobs (with the current texts of open documents and imported rulesets); they are clean afterwards. */
  takeDirty(): Job[] {
    const overlay: [string, string][] = [...this.imported];
    const versions: [string, number][] = [];
    for (const d of this.docs.all()) {
      overlay.push([d.file, d.doc.getText()]);
      versions.push([d.file, d.doc.version]);
    }
    const jobs: Job[] = [];
    for (const dir of [...this.dirty]) {
      this.dirty.delete(dir);
      const p = this.projects.get(dir);
      if (p) jobs.push({ entry: p.entry, settings: this.settings, overlay, versions, env: this.env, have: p.outcome?.seq });
    }
    return jobs;
  }

  /** Stores an analysis outcome; returns the files whose diagnostics may have changed (those it read, before or now). */
  store(o: Outcome): Set<string> | undefined {
    const p = this.projects.get(o.dir);
    if (!p) return undefined;
    const files = new Set([...p.inputs, ...Object.keys(p.outcome?.diagnostics ?? {})]);
    // Files the engine reports unchanged keep the diagnostics of the outcome held so far.
    const diagnostics = { ...o.diagnostics };
    for (const f of o.unchanged ?? []) diagnostics[f] = p.outcome?.diagnostics[f] ?? [];
    p.outcome = { ...o, diagnostics };
    p.ms = o.ms;
    p.error = o.error;
    p.inputs = new Set([...o.inputs, ...extraInputs(this.settings, p.entry)]);
    for (const f of [...p.inputs, ...Object.keys(o.diagnostics)]) files.add(f);
    for (const f of o.unchanged ?? []) files.delete(f);
    return files;
  }
}
