/**
 * `check`: everything from files to findings, for the CLI, the language server and the tests.
 * File access goes through the injected reader; nothing here touches the file system.
 */
import { analyse, composeToDocker, type Analysis, type AnalysisInput, type RulesetSource } from './analysis';
import { loadComposeProject, type ComposeProject, type FileReader, type LoadOptions } from './compose';
import type { CoreDiagnostic, Result, Severity } from './diagnostics';
import { bridgeNameFor, defaultHostConfig, parseDaemonJson, type DockerHostConfig, type DockerHostState } from './docker';
import type { EngineView } from './docker/engine';
import { podmanEngine, type EngineName, type PodmanEngineOptions } from './engines';
import { defaultPodmanConfig, parseContainersConf } from './podman';
import { loadQuadlet } from './podman/quadlet';
import { runFindings, type Finding } from './findings';
import { parseHost, type Host } from './netfilter/host';
import type { Backend } from './netfilter/model';
import type { NftIncludeReader } from './netfilter/lower-nft';
import type { Languages } from './syntax/languages';
import { LineIndex } from './text';
import { loadUfw, type UfwConfig, type UfwFiles } from './ufw';
import { loadFirewalld, reloadCveWarnings, FIREWALLD_ENGINE_FILE, FIREWALLD_FILE, type FirewalldConfig, type FirewalldFiles, type FirewalldLoad, type RuntimeInterface } from './firewalld';
import { parse as parseYaml } from 'yaml';

/**
 * A reader that can also say how a file was read: a warning when its bytes were not valid UTF-8
 * and were decoded with replacement characters, an error when it was refused (a binary file).
 * `check` adds these to its diagnostics for every file it read.
 */
export interface ReadDiagnosingReader extends FileReader {
  readDiagnostics?(path: string): readonly CoreDiagnostic[];
}

export interface CheckRequest {
  readonly reader: ReadDiagnosingReader;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly languages: Languages;
  /** Compose files (`-f`); empty: discovered in `projectDirectory` or `cwd`. */
  readonly composeFiles?: readonly string[];
  readonly projectDirectory?: string;
  readonly envFiles?: readonly string[];
  readonly profiles?: readonly string[];
  /** The host's rulesets, in load order. */
  readonly rulesetFiles: readonly string[];
  /**
   * A ufw host: its configuration files (see `ufwLayout`), loaded as `ufw enable` loads them,
   * before `rulesetFiles`. Its rule files should not be listed in `rulesetFiles` as well.
   */
  readonly ufw?: UfwFiles;
  /**
   * A firewalld host: its configuration files (see `firewalldLayout`), lowered to the table
   * firewalld writes at boot, before `rulesetFiles`.
   */
  readonly firewalld?: FirewalldFiles;
  readonly daemonFile?: string;
  /** Host description (JSON or YAML). */
  readonly hostFile?: string;
  readonly dockerVersion?: string;
  readonly backend?: 'iptables' | 'nftables';
  readonly iptablesBackend?: Backend;
  readonly hostState?: Partial<DockerHostState>;
  readonly severity?: Readonly<Record<string, Severity | 'off'>>;
  /** Passed to `analyse` (a memoised lowering of the rulesets). */
  readonly lower?: AnalysisInput['lower'];
  readonly buildAdmin?: AnalysisInput['buildAdmin'];
  readonly renderedRules?: AnalysisInput['renderedRules'];
  /** Loads the compose project (default `loadComposeProject`; the language server's is memoised). */
  readonly loadCompose?: (reader: FileReader, opts: LoadOptions) => Result<ComposeProject>;
  /** The previous analysis of this project, for reuse (see analysis/reuse.ts). */
  readonly previous?: AnalysisInput['previous'];
  /** Docker's state from the Engine API (`dockwall audit`), passed to `analyse`. */
  readonly engine?: EngineView;
  /** The container engine (default `docker`). */
  readonly containerEngine?: EngineName;
  /** Podman's settings (containers.conf, networks that exist), with `containerEngine: 'podman'`. */
  readonly podman?: PodmanEngineOptions;
  /** Quadlet units (`*.container`, `*.network`) instead of compose files: Podman runs them. */
  readonly quadletFiles?: readonly string[];
  /** Podman's containers.conf (its `[network]` table); one under `.config/containers/` is rootless. */
  readonly containersConf?: string;
  /** Podman runs rootless (pasta / slirp4netns): no rules, the host's input chain decides. */
  readonly rootless?: boolean;
  /** Why the engine was chosen when the user did not choose it (an information diagnostic). */
  readonly engineNote?: string;
}

export interface CheckResult {
  readonly project: ComposeProject;
  readonly analysis: Analysis;
  readonly findings: readonly Finding[];
  /** Problems with the inputs themselves (syntax, compose, daemon.json, host). */
  readonly diagnostics: readonly CoreDiagnostic[];
  /** The texts that were read, by file name. */
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * The interfaces dockerd binds to firewalld's zone `docker` when it runs: docker0 (unless daemon.json
 * turns the default bridge off) and the bridge of each network of the project, as Docker names it.
 */
function dockerZoneBindings(project: ComposeProject, daemon: DockerHostConfig): RuntimeInterface[] {
  const bridges = new Set<string>(daemon.defaultBridge ? ['docker0'] : []);
  for (const n of composeToDocker(project).networks) bridges.add(n.name === 'bridge' ? 'docker0' : (n.bridge ?? bridgeNameFor(n.name)));
  return [...bridges].map((i) => ({ zone: 'docker', interface: i, by: 'dockerd' }));
}

function whole(file: string, text: string) {
  // a span on the first character needs only the first line indexed (texts here may be large)
  const first = text.slice(0, 1);
  return new LineIndex(first).span(file, 0, first.length);
}

export function check(req: CheckRequest): CheckResult {
  const diagnostics: CoreDiagnostic[] = [];
  const texts = new Map<string, string>();
  // Every file read (each once), for the texts and for the reader's own diagnostics (encoding) at the end.
  const readFiles = new Map<string, string | undefined>();
  const reader: FileReader = {
    read: (file) => {
      if (!readFiles.has(file)) readFiles.set(file, req.reader.read(file));
      return readFiles.get(file);
    },
    exists: (file) => req.reader.exists(file),
  };
  const read = (file: string, what: string): string | undefined => {
    const t = reader.read(file);
    // a file the reader refused with a reason (binary) gets that reason instead
    const refused = t === undefined && req.reader.readDiagnostics?.(file).some((d) => d.severity === 'error');
    if (t === undefined && !refused) diagnostics.push({ span: whole(file, ''), severity: 'error', code: 'io', message: `cannot read ${what} ${file}` });
    else if (t !== undefined) texts.set(file, t);
    return t;
  };

  const quadlet = req.quadletFiles?.length && !req.composeFiles?.length;
  const loaded = quadlet
    ? loadQuadlet(req.quadletFiles!.flatMap((file) => {
        const text = read(file, 'Quadlet unit');
        return text === undefined ? [] : [{ file, text }];
      }))
    : (req.loadCompose ?? loadComposeProject)(reader, {
    cwd: req.cwd,
    env: req.env,
    files: req.composeFiles,
    projectDirectory: req.projectDirectory,
    envFiles: req.envFiles,
    profiles: req.profiles,
  });
  diagnostics.push(...loaded.diagnostics);
  // An empty project would pass with no finding, although nothing was checked.
  const first = loaded.value.files[0];
  if (first !== undefined && loaded.value.services.size === 0 && !loaded.diagnostics.some((d) => d.severity === 'error'))
    diagnostics.push({ span: whole(first, reader.read(first) ?? ''), severity: 'error', code: 'compose', message: `no services in ${loaded.value.files.length === 1 ? first : 'the compose files'}: nothing to check` });
  for (const f of loaded.value.files) {
    const t = reader.read(f);
    if (t !== undefined) texts.set(f, t);
  }

  let podman: PodmanEngineOptions = { ...(req.podman ?? {}), ...(quadlet ? { source: 'quadlet' as const } : {}) };
  if (req.containersConf) {
    const t = read(req.containersConf, 'containers.conf');
    if (t !== undefined) {
      const c = parseContainersConf(t, req.containersConf);
      diagnostics.push(...c.diagnostics);
      podman = { ...podman, config: c.value, configGiven: true };
    }
  }
  if (req.rootless) podman = { ...podman, config: { ...(podman.config ?? defaultPodmanConfig), rootless: true } };

  let daemon = defaultHostConfig;
  if (req.daemonFile) {
    const t = read(req.daemonFile, 'daemon.json');
    if (t !== undefined) {
      const d = parseDaemonJson(t, req.daemonFile);
      diagnostics.push(...d.diagnostics);
      daemon = d.value;
    }
  }

  // Without a host description the analysis assumes one from the rulesets and announces it.
  let host: Host | undefined;
  if (req.hostFile) {
    const t = read(req.hostFile, 'host description');
    if (t !== undefined) {
      let raw: unknown;
      try {
        raw = /\.ya?ml$/i.test(req.hostFile) ? parseYaml(t) : JSON.parse(t);
      } catch (e) {
        diagnostics.push({ span: whole(req.hostFile, t), severity: 'error', code: 'host', message: `invalid host description: ${e instanceof Error ? e.message : String(e)}` });
      }
      if (raw !== undefined) {
        const h = parseHost(raw, whole(req.hostFile, t));
        diagnostics.push(...h.diagnostics);
        host = h.value;
      }
    }
  }

  const containerEngine = req.containerEngine === 'podman' || quadlet || req.containersConf || req.rootless ? podmanEngine(podman) : undefined;

  // ufw's and firewalld's sources come lowered (their own load order, families and skeleton)
  const rulesets: RulesetSource[] = [];
  let firewalld: FirewalldLoad | undefined;
  let firewalldWith: AnalysisInput['firewalldWith'];
  if (req.ufw) {
    const config: Record<string, { file: string; text: string }> = {};
    for (const [key, file] of Object.entries(req.ufw) as [keyof UfwFiles, string | undefined][]) {
      const t = file === undefined ? undefined : read(file, key === 'defaults' || key === 'conf' ? 'ufw setting file' : 'ufw rule file');
      if (file !== undefined && t !== undefined) config[key] = { file, text: t };
    }
    const u = loadUfw(config as UfwConfig, req.languages, req.iptablesBackend);
    diagnostics.push(...u.diagnostics);
    for (const [file, text] of u.value.virtualTexts) texts.set(file, text);
    for (const src of u.value.sources) rulesets.push({ file: src.file, text: src.text, lowered: src.result });
  }
  if (req.firewalld) {
    const fw = req.firewalld;
    const texts1 = (files: readonly string[] | undefined) => files?.flatMap((file) => {
      const t = read(file, 'firewalld file');
      return t === undefined ? [] : [{ file, text: t }];
    });
    const one = (file: string | undefined) => texts1(file === undefined ? undefined : [file])?.[0];
    const config: FirewalldConfig = {
      conf: one(fw.conf),
      zones: texts1(fw.zones),
      policies: texts1(fw.policies),
      services: texts1(fw.services),
      ipsets: texts1(fw.ipsets),
      direct: one(fw.direct),
      systemZones: texts1(fw.systemZones),
      systemPolicies: texts1(fw.systemPolicies),
      systemServices: texts1(fw.systemServices),
    };
    // dockerd binds its bridges to zone docker at runtime (not in the files); netavark's additions come through firewalldWith
    const interfaces = containerEngine ? undefined : dockerZoneBindings(loaded.value, daemon);
    const f = loadFirewalld(config, req.languages, { runtime: { interfaces } });
    firewalld = f.value;
    // the same configuration with what the container engine adds to it at runtime (netavark)
    firewalldWith = (runtime) => {
      const w = loadFirewalld(config, req.languages, { runtime: { interfaces, ...runtime }, file: FIREWALLD_ENGINE_FILE });
      texts.set(FIREWALLD_ENGINE_FILE, w.value.text);
      const seen = new Set(f.diagnostics.map((d) => `${d.span.file}:${d.span.start}:${d.message}`));
      return { value: w.value.fragment.value, diagnostics: [...w.diagnostics.filter((d) => !seen.has(`${d.span.file}:${d.span.start}:${d.message}`)), ...w.value.fragment.diagnostics.filter((d) => d.severity === 'error')] };
    };
    diagnostics.push(...f.diagnostics);
    diagnostics.push(...reloadCveWarnings(req.dockerVersion, loaded.value, whole(FIREWALLD_FILE, f.value.text)));
    texts.set(FIREWALLD_FILE, f.value.text);
    rulesets.push({ file: FIREWALLD_FILE, text: f.value.text, lowered: f.value.fragment });
    // direct.xml: firewalld passes it to iptables after writing its own table
    for (const d of f.value.direct) {
      texts.set(d.file, d.text);
      rulesets.push({ file: d.file, text: d.text, lowered: d.fragment });
    }
  }
  for (const f of req.rulesetFiles) {
    const t = read(f, 'ruleset');
    if (t !== undefined) rulesets.push({ file: f, text: t });
  }

  // the files the nftables rulesets include, read through the same reader (their texts kept with the others)
  const includes: NftIncludeReader = {
    read: (file) => {
      const t = reader.read(file);
      if (t !== undefined) texts.set(file, t);
      return t;
    },
    ...(req.reader.glob ? { glob: (pattern: string) => req.reader.glob!(pattern) } : {}),
  };
  const analysis = analyse({
    project: loaded.value,
    rulesets,
    includes,
    languages: req.languages,
    dockerVersion: req.dockerVersion,
    daemon,
    backend: req.backend,
    host,
    hostState: req.hostState,
    iptablesBackend: req.iptablesBackend,
    lower: req.lower,
    buildAdmin: req.buildAdmin,
    renderedRules: req.renderedRules,
    previous: req.previous,
    engine: req.engine,
    containerEngine,
    firewalldWith,
  });
  diagnostics.push(...analysis.diagnostics);
  if (req.engineNote) {
    const f = loaded.value.files[0];
    if (f !== undefined) diagnostics.push({ span: whole(f, texts.get(f) ?? ''), severity: 'information', code: 'assumed-engine', message: req.engineNote });
  }
  const fwd = req.firewalld;
  const firewalldDirect = fwd?.direct ?? (fwd?.folder === undefined ? undefined : `${fwd.folder.replace(/\/+$/, '')}/direct.xml`);
  const findings = runFindings({ analysis, texts, firewalldDirect, firewalld }, { severity: req.severity });
  const readNotes = [...readFiles.keys()].flatMap((f) => req.reader.readDiagnostics?.(f) ?? []);
  return { project: loaded.value, analysis, findings, diagnostics: [...readNotes, ...diagnostics], texts };
}
