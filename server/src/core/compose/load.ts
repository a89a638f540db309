/**
 * Loads a compose project the way the reference docker compose (2.26.1 as Debian builds it, with
 * compose-go 2.4.9–2.6.x and go-connections 0.4) does, for ports and networks: per file (and per YAML
 * document) interpolate → extends → `!reset`/`!override` → include → merge → de-duplicate ports →
 * validate → canonical ports (short → long, ranges expanded) → de-duplicate again; then profiles and
 * the default network. Where compose would stop with an error this reports a diagnostic and
 * keeps going, so the rest is still modelled.
 */
import { posix as path } from 'node:path';
import type { CoreDiagnostic } from '../diagnostics';
import { LineIndex, type Span } from '../text';
import { parseDotEnv } from './dotenv';
import { interpolate, originOf, type Interpolation } from './interpolate';
import type { FileReader, PartSource, PublishedPort } from './model';
import { MAX_RANGE_PORTS, parseShortPort } from './ports';
import { parseComposeYaml, type CInt, type CMap, type CStr, type CValue, type YamlParse } from './yaml';

export const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const DEFAULT_OVERRIDE_FILE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

const SERVICE_KEYS = new Set(
  ('annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs container_name cpu_count cpu_percent ' +
    'cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec depends_on deploy develop ' +
    'device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint env_file environment expose extends external_links ' +
    'extra_hosts group_add healthcheck hostname image init ipc isolation labels links logging mac_address mem_limit mem_reservation ' +
    'mem_swappiness memswap_limit network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports privileged ' +
    'profiles pull_policy read_only restart runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal ' +
    'storage_opt sysctls tmpfs tty ulimits user userns_mode uts volumes volumes_from working_dir gpus label_file post_start pre_stop').split(' '),
);
const TOP_KEYS = new Set(['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs']);
const LONG_PORT_KEYS = new Set(['name', 'mode', 'host_ip', 'target', 'published', 'protocol', 'app_protocol']);
const NETWORK_KEYS = new Set(['name', 'driver', 'driver_opts', 'ipam', 'external', 'internal', 'enable_ipv6', 'attachable', 'labels']);
/** The keys of a top-level volume, secret and config, as compose's schema allows them. */
const RESOURCE_KEYS: Readonly<Record<'volumes' | 'secrets' | 'configs', ReadonlySet<string>>> = {
  volumes: new Set(['name', 'driver', 'driver_opts', 'external', 'labels']),
  secrets: new Set(['name', 'environment', 'file', 'external', 'labels', 'driver', 'driver_opts', 'template_driver']),
  configs: new Set(['name', 'content', 'environment', 'file', 'external', 'labels', 'template_driver']),
};
const LONG_VOLUME_KEYS = new Set(['type', 'source', 'target', 'read_only', 'consistency', 'bind', 'volume', 'tmpfs']);
/**
 * What compose's schema says when a service key is null (`environment:` with nothing after it);
 * keys that take null (command, entrypoint, deploy, develop) are absent.
 */
const NULL_SERVICE_KEY: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'a mapping': 'annotations blkio_config credential_spec environment extra_hosts healthcheck labels logging storage_opt sysctls ulimits',
    'a list': 'cap_add cap_drop configs depends_on device_cgroup_rules devices dns_opt expose external_links group_add links networks ports post_start pre_stop profiles secrets security_opt volumes volumes_from',
    'a string': 'build cgroup cgroup_parent container_name cpu_count cpu_percent cpuset dns dns_search domainname env_file gpus hostname image ipc isolation label_file mac_address network_mode oom_score_adj pid platform pull_policy restart runtime stop_grace_period stop_signal tmpfs user userns_mode uts working_dir',
    'a boolean or string': 'attach init oom_kill_disable privileged read_only stdin_open tty',
    'a number or string': 'cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus mem_limit memswap_limit pids_limit shm_size',
    'a integer or string': 'mem_swappiness scale',
    'a string or integer': 'mem_reservation',
  }).flatMap(([what, keys]) => keys.split(' ').map((k) => [k, what] as const)),
);
/** compose merges these as sequences (lists or KEY=VALUE mappings), so mixed forms do not conflict. */
const TO_SEQUENCE = new Set(['annotations', 'dns', 'dns_opt', 'dns_search', 'env_file', 'environment', 'extra_hosts', 'labels', 'sysctls', 'tmpfs']);
const OVERRIDDEN = new Set(['command', 'entrypoint']);
/** compose-go's interpolateTypeCastMapping (paths with `*` for the service or resource name). */
const CASTS = new Map<string, 'int' | 'float' | 'bool'>([
  ...'configs.[].mode cpu_count cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares deploy.replicas deploy.update_config.parallelism deploy.rollback_config.parallelism deploy.restart_policy.max_attempts deploy.placement.max_replicas_per_node healthcheck.retries oom_score_adj pids_limit ports.[].target scale secrets.[].mode'
    .split(' ')
    .map((k) => [`services.*.${k}`, 'int'] as const),
  ...'cpu_percent cpus deploy.update_config.max_failure_ratio deploy.rollback_config.max_failure_ratio'.split(' ').map((k) => [`services.*.${k}`, 'float'] as const),
  ...'init healthcheck.disable oom_kill_disable privileged read_only stdin_open tty volumes.[].read_only volumes.[].volume.nocopy'.split(' ').map((k) => [`services.*.${k}`, 'bool'] as const),
  ...['networks.*.external', 'networks.*.internal', 'networks.*.attachable', 'networks.*.enable_ipv6', 'volumes.*.external', 'secrets.*.external', 'configs.*.external'].map((k) => [k, 'bool'] as const),
]);

interface Env {
  lookup(name: string): string | undefined;
}

/** A loaded file's text helpers. */
interface FileInfo {
  readonly path: string;
  readonly index: LineIndex;
}

/** Canonical ports made by the loader are maps with their model entry attached. */
const canonicalPorts = new WeakMap<CMap, PublishedPort>();

export class Loader {
  readonly diagnostics: CoreDiagnostic[] = [];
  readonly files: string[] = [];
  private readonly infos = new Map<string, FileInfo>();

  constructor(
    private readonly reader: FileReader,
    private readonly parseYaml: YamlParse = parseComposeYaml,
  ) {}

  error(span: Span, message: string): void {
    if (this.diagnostics.some((d) => d.message === message && d.span.file === span.file && d.span.start === span.start)) return;
    this.diagnostics.push({ span, severity: 'error', message, code: 'compose' });
  }
  warn(span: Span, message: string): void {
    this.diagnostics.push({ span, severity: 'warning', message, code: 'compose' });
  }

  fileSpan(file: string): Span {
    return this.info(file)?.index.span(file, 0, 0) ?? { file, start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }

  info(file: string): FileInfo | undefined {
    return this.infos.get(file);
  }

  read(file: string, from?: Span): { text: string; info: FileInfo } | undefined {
    const text = this.reader.read(file);
    if (text === undefined) {
      this.error(from ?? this.fileSpan(file), `cannot read ${file}`);
      return undefined;
    }
    let info = this.infos.get(file);
    if (!info) {
      info = { path: file, index: new LineIndex(text) };
      this.infos.set(file, info);
    }
    if (!this.files.includes(file)) this.files.push(file);
    return { text, info };
  }

  exists(file: string): boolean {
    return this.reader.exists(file);
  }

  /** compose-go loadYamlModel: several files merged into one raw dictionary, then canonical ports. */
  loadModel(files: readonly string[], workingDir: string, env: Env, opts: { extends: boolean; include: boolean; included: string[]; validate: boolean }): CMap | undefined {
    let dict: CMap | undefined;
    for (const file of files) {
      const r = this.read(file);
      if (!r) continue;
      const parsed = this.parseYaml(file, r.text, r.info.index);
      this.diagnostics.push(...parsed.diagnostics);
      for (const doc of parsed.docs) {
        if (!doc.root) continue;
        if (doc.root.kind !== 'map') {
          this.error(doc.root.span, 'top-level object must be a mapping');
          continue;
        }
        let cfg = this.interpolateTree(doc.root, [], env) as CMap;
        if (opts.extends) cfg = this.applyExtends(cfg, file, workingDir, env);
        if (dict && doc.resetPaths.length > 0) dict = applyResets(dict, doc.resetPaths) as CMap;
        if (opts.include) cfg = this.applyInclude(cfg, file, workingDir, env, [...opts.included, files[0]]);
        dict = dict ? (this.merge(dict, cfg, []) as CMap) : cfg;
        dict = this.enforceUnicity(dict);
        if (opts.validate) this.validate(dict);
        // compose-go ≥ 2.4 canonicalises after every file: a bad short port fails even if a later file resets it
        dict = this.enforceUnicity(this.canonical(dict));
      }
    }
    return dict;
  }

  // ---------------------------------------------------------------- interpolation

  private interpolateTree(v: CValue, p: string[], env: Env): CValue {
    switch (v.kind) {
      case 'map': {
        const entries = new Map<string, CValue>();
        for (const [k, e] of v.entries) entries.set(k, this.interpolateTree(e, [...p, k], env));
        return { ...v, entries };
      }
      case 'seq':
        return { ...v, items: v.items.map((e) => this.interpolateTree(e, [...p, '[]'], env)) };
      case 'str': {
        let out: CStr | CInt = v;
        if (v.value.includes('$')) {
          const it = interpolate(v.value, (n) => env.lookup(n));
          if (it.error) this.error(v.span, `error while interpolating ${p.join('.')}: ${it.error}`);
          out = { ...v, value: it.value, template: v.value, interpolation: it };
        }
        return this.cast(out as CStr, p);
      }
      default:
        return v;
    }
  }

  /** compose-go's interpolateTypeCastMapping: every string at these paths is converted (or the load fails). */
  private cast(v: CStr, p: string[]): CValue {
    const key = p.map((x, i) => (i === 1 && p[0] !== '' ? '*' : x)).join('.');
    const kind = CASTS.get(key) ?? (p[0] === 'services' && p[2] === 'ulimits' && (p.length === 4 || (p.length === 5 && (p[4] === 'hard' || p[4] === 'soft'))) ? 'int' : undefined);
    if (!kind) return v;
    const fail = (why: string): CValue => {
      this.error(v.span, `error while interpolating ${p.join('.')}: failed to cast to expected type: ${why}`);
      return v;
    };
    if (kind === 'int') {
      if (!/^[-+]?[0-9]+$/.test(v.value)) return fail(`invalid syntax: ${JSON.stringify(v.value)}`);
      const n: CInt = { kind: 'int', span: v.span, value: parseInt(v.value, 10), source: v.source, template: v.template, interpolation: v.interpolation };
      return n;
    }
    if (kind === 'float') {
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(inf|infinity|nan)$/i.test(v.value)) return fail(`invalid syntax: ${JSON.stringify(v.value)}`);
      return { kind: 'float', span: v.span, value: parseFloat(v.value) };
    }
    const l = v.value.toLowerCase();
    if (['true', 'y', 'yes', 'on'].includes(l)) return { kind: 'bool', span: v.span, value: true };
    if (['false', 'n', 'no', 'off'].includes(l)) return { kind: 'bool', span: v.span, value: false };
    return fail(`invalid boolean: ${v.value}`);
  }

  // ---------------------------------------------------------------- extends

  private applyExtends(cfg: CMap, file: string, workingDir: string, env: Env): CMap {
    const services = cfg.entries.get('services');
    if (!services) return cfg;
    if (services.kind !== 'map') {
      this.error(services.span, 'services must be a mapping');
      return cfg;
    }
    const out = new Map(services.entries);
    const ctx = { file, workingDir, env, services: out, stack: [] as string[] };
    for (const name of [...out.keys()]) this.extendService(name, ctx);
    return withEntry(cfg, 'services', { ...services, entries: out });
  }

  private extendService(
    name: string,
    ctx: { file: string; workingDir: string; env: Env; services: Map<string, CValue>; stack: string[] },
  ): CValue | undefined {
    const s = ctx.services.get(name);
    if (!s || s.kind === 'null') return undefined;
    if (s.kind !== 'map') {
      this.error(s.span, `services.${name} must be a mapping`);
      return s;
    }
    const ext = s.entries.get('extends');
    if (!ext) return s;
    let ref: string | undefined;
    let fileRef: CValue | undefined;
    if (ext.kind === 'map') {
      const sv = ext.entries.get('service');
      ref = sv?.kind === 'str' ? sv.value : undefined;
      fileRef = ext.entries.get('file');
    } else if (ext.kind === 'str') ref = ext.value;
    if (ref === undefined) {
      this.error(ext.span, `services.${name}.extends must name a service`);
      return s;
    }
    const key = `${ctx.file}#${name}`;
    if (ctx.stack.includes(key)) {
      this.error(ext.span, `circular reference with extends in ${name}`);
      return s;
    }
    let baseCtx = ctx;
    if (fileRef !== undefined) {
      if (fileRef.kind !== 'str') {
        this.error(fileRef.span, 'extends.file must be a string');
        return s;
      }
      const target = path.resolve(ctx.workingDir, fileRef.value);
      if (!this.exists(target)) {
        this.error(fileRef.span, `cannot read ${target}`);
        return s;
      }
      const model = this.loadModel([target], path.dirname(target), ctx.env, { extends: false, include: false, included: [], validate: false });
      const svcs = model?.entries.get('services');
      if (!svcs || svcs.kind !== 'map' || !svcs.entries.has(ref)) {
        this.error(ext.span, `cannot extend service ${JSON.stringify(ref)} in ${target}: service not found`);
        return s;
      }
      baseCtx = { file: target, workingDir: path.dirname(target), env: ctx.env, services: new Map(svcs.entries), stack: ctx.stack };
    } else if (!ctx.services.has(ref)) {
      this.error(ext.span, `cannot extend service ${JSON.stringify(name)} in ${ctx.file}: service not found`);
      return s;
    }
    const base = this.extendService(ref, { ...baseCtx, stack: [...ctx.stack, key] });
    if (!base || base.kind !== 'map') return s;
    const merged = this.merge(base, s, ['services', 'x']) as CMap;
    const entries = new Map(merged.entries);
    entries.delete('extends');
    const result: CMap = { ...merged, span: s.span, entries };
    ctx.services.set(name, result);
    return result;
  }

  // ---------------------------------------------------------------- include

  private applyInclude(cfg: CMap, file: string, workingDir: string, env: Env, included: string[]): CMap {
    const inc = cfg.entries.get('include');
    if (!inc) return cfg;
    const entries = new Map(cfg.entries);
    entries.delete('include');
    let out: CMap = { ...cfg, entries };
    if (inc.kind !== 'seq') {
      this.error(inc.span, 'include must be a list');
      return out;
    }
    for (const item of inc.items) {
      let paths: CValue[] = [];
      let projectDir: string | undefined;
      let envFiles: string[] = [];
      if (item.kind === 'str') paths = [item];
      else if (item.kind === 'map') {
        const p = item.entries.get('path');
        paths = p?.kind === 'seq' ? p.items : p ? [p] : [];
        const pd = item.entries.get('project_directory');
        if (pd?.kind === 'str') projectDir = path.resolve(workingDir, pd.value);
        const ef = item.entries.get('env_file');
        const efs = ef?.kind === 'seq' ? ef.items : ef ? [ef] : [];
        envFiles = efs.flatMap((e) => (e.kind === 'str' ? [path.resolve(workingDir, e.value)] : []));
      } else {
        this.error(item.span, 'invalid include entry');
        continue;
      }
      const files = paths.flatMap((p) => (p.kind === 'str' ? [path.resolve(workingDir, p.value)] : []));
      if (files.length === 0) {
        this.error(item.span, 'include entry has no path');
        continue;
      }
      if (included.includes(files[0])) {
        this.error(item.span, `include cycle detected: ${files[0]}`);
        continue;
      }
      if (files.some((f) => !this.exists(f))) {
        this.error(item.span, `include: cannot read ${files.find((f) => !this.exists(f))}`);
        continue;
      }
      const dir = projectDir ?? path.dirname(files[0]);
      if (envFiles.length === 0 && this.exists(path.join(dir, '.env'))) envFiles = [path.join(dir, '.env')];
      const fileVars = this.readEnvFiles(envFiles, env, item.span);
      const childEnv: Env = { lookup: (n) => env.lookup(n) ?? fileVars.get(n) };
      const model = this.loadModel(files, dir, childEnv, { extends: true, include: true, included: [...included, file], validate: true });
      if (!model) continue;
      for (const kind of ['services', 'volumes', 'networks', 'secrets', 'configs']) {
        const from = model.entries.get(kind);
        if (!from || from.kind !== 'map') continue;
        const to = out.entries.get(kind);
        const toEntries = new Map(to?.kind === 'map' ? to.entries : []);
        for (const [k, v] of from.entries) {
          if (toEntries.has(k)) {
            this.error(toEntries.get(k)!.span, `${kind}.${k} conflicts with imported resource`);
            continue;
          }
          toEntries.set(k, v);
        }
        out = withEntry(out, kind, { kind: 'map', span: to?.span ?? from.span, entries: toEntries, keySpans: new Map([...(from.keySpans ?? []), ...(to?.kind === 'map' ? to.keySpans : [])]) });
      }
    }
    return out;
  }

  readEnvFiles(files: readonly string[], env: Env, from: Span | undefined): Map<string, string> {
    const values = new Map<string, string>();
    for (const f of files) {
      const text = this.reader.read(f);
      if (text === undefined) {
        this.error(from ?? this.fileSpan(f), `cannot read env file ${f}`);
        continue;
      }
      const procEnv: Record<string, string> = {};
      const r = parseDotEnv(f, text, new LineIndex(text), new Proxy(procEnv, { get: (_t, k: string) => env.lookup(k) ?? values.get(k) }));
      this.diagnostics.push(...r.diagnostics);
      for (const [k, v] of r.values) values.set(k, v);
    }
    return values;
  }

  // ---------------------------------------------------------------- merge

  /** compose-go override.mergeYaml (the special cases that matter for this model). */
  merge(e: CValue, o: CValue, p: string[]): CValue {
    const at = p.length === 3 && p[0] === 'services' ? p[2] : undefined;
    if (at && OVERRIDDEN.has(at)) return o;
    if (at && TO_SEQUENCE.has(at)) return { kind: 'seq', span: o.span, items: [...toSequence(e), ...toSequence(o)] };
    if (at === 'networks') {
      const a = toMapping(e);
      const b = toMapping(o);
      if (a && b) return this.mergeMappings(a, b, p);
    }
    if (o.kind === 'null') return e;
    if (e.kind === 'map') {
      if (o.kind !== 'map') {
        this.error(o.span, `cannot override ${p.join('.')}`);
        return e;
      }
      return this.mergeMappings(e, o, p);
    }
    if (e.kind === 'seq') {
      if (o.kind !== 'seq') {
        this.error(o.span, `cannot override ${p.join('.')}`);
        return e;
      }
      return { kind: 'seq', span: o.span, items: [...e.items, ...o.items] };
    }
    return o;
  }

  private mergeMappings(a: CMap, b: CMap, p: string[]): CMap {
    const entries = new Map(a.entries);
    const keySpans = new Map(a.keySpans);
    for (const [k, v] of b.entries) {
      const cur = entries.get(k);
      entries.set(k, cur === undefined || k.startsWith('x-') ? v : this.merge(cur, v, [...p, k]));
      const ks = b.keySpans.get(k);
      if (ks && !keySpans.has(k)) keySpans.set(k, ks);
    }
    return { kind: 'map', span: a.span, entries, keySpans };
  }

  // ---------------------------------------------------------------- ports

  /** compose-go EnforceUnicity for services.*.ports and services.*.expose. */
  private enforceUnicity(dict: CMap): CMap {
    return mapServices(dict, (s) => {
      let svc = s;
      for (const field of ['ports', 'expose'] as const) {
        const list = svc.entries.get(field);
        if (!list || list.kind !== 'seq') continue;
        const seq: CValue[] = [];
        const keys = new Map<string, number>();
        for (const item of list.items) {
          const key = field === 'ports' ? this.portKey(item) : exposeKey(item);
          if (key === undefined) {
            seq.push(item);
            continue;
          }
          const j = keys.get(key);
          if (j !== undefined) seq[j] = item;
          else {
            keys.set(key, seq.length);
            seq.push(item);
          }
        }
        svc = withEntry(svc, field, { ...list, items: seq });
      }
      return svc;
    });
  }

  /** compose-go portIndexer, Go fmt quirks included. */
  private portKey(v: CValue): string | undefined {
    if (v.kind === 'int') return String(v.value);
    if (v.kind === 'str') return v.value;
    if (v.kind !== 'map') return undefined;
    const target = v.entries.get('target');
    if (!target) {
      this.error(v.span, `service port is missing a target port`);
      return undefined;
    }
    const host = v.entries.get('host_ip');
    const published = v.entries.get('published');
    const protocol = v.entries.get('protocol');
    return `${host ? goFmt(host, 's') : '0.0.0.0'}:${goFmt(published, 's')}:${goFmt(target, 'd')}/${protocol ? goFmt(protocol, 's') : 'tcp'}`;
  }

  /** Short syntax → canonical maps (one per container port), long syntax kept; the model entry is attached. */
  private canonical(dict: CMap): CMap {
    return mapServices(dict, (s, name) => {
      const list = s.entries.get('ports');
      if (!list) return s;
      if (list.kind !== 'seq') {
        this.error(list.span, `services.${name}.ports must be a list`);
        return withEntry(s, 'ports', { kind: 'seq', span: list.span, items: [] });
      }
      const items: CValue[] = [];
      for (const item of list.items) {
        const out = this.canonicalPort(item, name);
        this.announceUnset(out, name);
        items.push(...out);
      }
      return withEntry(s, 'ports', { ...list, items });
    });
  }

  /**
   * A port item that read unset variables says so, with the value compose used (the default, or an
   * empty string: an empty host port is an ephemeral one, an empty host address every address).
   */
  private announceUnset(items: readonly CValue[], service: string): void {
    const ports = items.map((i) => (i.kind === 'map' ? canonicalPorts.get(i) : undefined)).filter((p): p is PublishedPort => !!p);
    const first = ports[0];
    if (!first?.source.unsetVariables.length) return;
    const names = first.source.unsetVariables.map((v) => `\${${v}}`).join(', ');
    const used = `${first.hostIp ? `${first.hostIp.includes(':') ? `[${first.hostIp}]` : first.hostIp}:` : ''}${first.published ? `${first.published}:` : ''}${first.target}/${first.protocol}`;
    // An unset variable written without a default (`${VAR}`, `$VAR`) became an empty string.
    const src = first.source;
    const written = this.info(src.item.file)?.index.text.slice(src.item.start, src.item.end) ?? '';
    const bare = src.unsetVariables.some((v) => new RegExp(`\\$\\{${v}\\}|\\$${v}(?![A-Za-z0-9_])`).test(written));
    const blankPort = bare && !first.published;
    // `${ADDR}:8080:80`: the first of three parts is the host address.
    const parts = written.replace(/\$\{[^}]*\}/g, 'x').split(':').length;
    const blankAddr = bare && !first.hostIp && parts >= 3 && /^\s*["']?\$/.test(written);
    const effects = [blankPort ? 'with no host port, Docker picks an ephemeral one at run time' : '', blankAddr ? 'with no host address, the port is published on every address' : ''].filter(Boolean);
    const how = blankPort || blankAddr ? 'an empty string where no default is written' : 'the default written in the file';
    this.diagnostics.push({
      span: src.item,
      severity: effects.length ? 'warning' : 'information',
      code: 'compose-unset',
      message: `services.${service}.ports: ${names} ${src.unsetVariables.length === 1 ? 'is' : 'are'} not set; compose uses ${how}, so this item is analysed as ${used}${effects.length ? `: ${effects.join('; ')}` : ''}`,
    });
  }

  private canonicalPort(item: CValue, service: string): CValue[] {
    if (item.kind === 'map') {
      if (canonicalPorts.has(item)) return [item];
      const port = this.longPort(item, service);
      if (!port) return [];
      canonicalPorts.set(item, port);
      return [item];
    }
    if (item.kind !== 'str' && item.kind !== 'int') {
      this.error(item.span, `services.${service}.ports: invalid type ${goType(item)} for port`);
      return [];
    }
    const text = String(item.value);
    const parsed = parseShortPort(text);
    if ('error' in parsed) {
      const part = parsed.error.part;
      const span = part ? this.partSource(item, part[0], part[1]).span : item.span;
      this.error(span, `services.${service}.ports: ${parsed.error.message}`);
      return [];
    }
    if (parsed.truncated !== undefined) {
      this.warn(item.span, `services.${service}.ports: a range of ${parsed.truncated} ports; Dockwall analyses only the first ${MAX_RANGE_PORTS} of them`);
    }
    const unset = item.kind === 'str' || item.kind === 'int' ? item.interpolation?.unset ?? [] : [];
    const variables = item.interpolation ? varNames(item.interpolation) : [];
    return parsed.entries.map((e) => {
      if (e.target === 0) this.error(item.span, `service ports services.${service}.ports is missing a target port`);
      const parts = {
        hostIp: e.parts.hostIp ? this.partSource(item, ...e.parts.hostIp) : undefined,
        published: e.parts.published ? this.partSource(item, ...e.parts.published) : undefined,
        target: this.partSource(item, ...e.parts.target),
        protocol: e.parts.protocol ? this.partSource(item, ...e.parts.protocol) : undefined,
      };
      const port: PublishedPort = {
        hostIp: e.hostIp || undefined,
        published: e.published || undefined,
        target: e.target,
        protocol: e.protocol,
        mode: 'ingress',
        dependsOnUnset: unset.length > 0,
        source: {
          item: item.span,
          syntax: 'short',
          ...parts,
          interpolated: item.interpolation !== undefined,
          variables,
          unsetVariables: unset,
          rangeIndex: e.rangeIndex,
        },
      };
      const entries = new Map<string, CValue>();
      entries.set('mode', synthStr('ingress', item.span));
      if (e.hostIp) entries.set('host_ip', synthStr(e.hostIp, item.span));
      entries.set('target', { kind: 'int', value: e.target, span: item.span });
      if (e.published) entries.set('published', synthStr(e.published, item.span));
      entries.set('protocol', synthStr(e.protocol, item.span));
      const m: CMap = { kind: 'map', span: item.span, entries, keySpans: new Map() };
      canonicalPorts.set(m, port);
      return m;
    });
  }

  private longPort(m: CMap, service: string): PublishedPort | undefined {
    const get = (k: string): CValue | undefined => m.entries.get(k);
    let ok = true;
    const target = get('target');
    if (!target) {
      this.error(m.span, `service ports services.${service}.ports is missing a target port`);
      return undefined;
    }
    if (target.kind !== 'int') {
      this.error(target.span, `services.${service}.ports.target must be an integer`);
      return undefined;
    }
    const str = (k: string, allowInt = false): string | undefined => {
      const v = get(k);
      if (!v || v.kind === 'null') return undefined;
      if (v.kind === 'str') return v.value;
      if (allowInt && v.kind === 'int') return String(v.value);
      this.error(v.span, `services.${service}.ports.${k} must be a string`);
      ok = false;
      return undefined;
    };
    const hostIp = str('host_ip');
    const published = str('published', true);
    const protocol = str('protocol');
    const mode = str('mode');
    const name = str('name');
    const appProtocol = str('app_protocol');
    if (!ok) return undefined;
    if (target.value < 0 || target.value > 65535) this.warn(target.span, `target port ${target.value} is out of range (Docker rejects it)`);
    if (hostIp && !/^[0-9a-fA-F.:]+$/.test(hostIp)) this.warn(get('host_ip')!.span, `host_ip ${JSON.stringify(hostIp)} is not an IP address (Docker rejects it)`);
    if (protocol && !['tcp', 'udp', 'sctp'].includes(protocol.toLowerCase())) this.warn(get('protocol')!.span, `unknown protocol ${protocol}`);
    const whole = (k: string): PartSource | undefined => {
      const v = get(k);
      if (!v || (v.kind !== 'str' && v.kind !== 'int')) return undefined;
      return this.partSource(v, 0, String(v.value).length, true);
    };
    const scalars = ['host_ip', 'published', 'target', 'protocol'].map(get).filter((v): v is CStr | CInt => v?.kind === 'str' || v?.kind === 'int');
    const unset = [...new Set(scalars.flatMap((v) => v.interpolation?.unset ?? []))];
    return {
      hostIp: hostIp || undefined,
      published: published || undefined,
      target: target.value,
      protocol: protocol ?? 'tcp',
      mode: mode ?? 'ingress',
      name,
      appProtocol,
      dependsOnUnset: unset.length > 0,
      source: {
        item: m.span,
        syntax: 'long',
        hostIp: whole('host_ip'),
        published: whole('published'),
        target: whole('target'),
        protocol: whole('protocol'),
        interpolated: scalars.some((v) => v.interpolation !== undefined),
        variables: [...new Set(scalars.flatMap((v) => (v.interpolation ? varNames(v.interpolation) : [])))],
        unsetVariables: unset,
        rangeIndex: 0,
      },
    };
  }

  /** Maps value range [from, to) of a scalar to its source. */
  partSource(v: CStr | CInt, from: number, to: number, wholeValue = false): PartSource {
    const info = this.info(v.span.file);
    const offsets = v.source?.offsets;
    const text = String(v.value);
    const mk = (s: number, e: number): Span => (info ? info.index.span(v.span.file, s, e) : v.span);
    const fileRange = (a: number, b: number): Span | undefined => {
      if (!offsets || b >= offsets.length) return undefined;
      return mk(offsets[a], offsets[b]);
    };
    if (!v.interpolation) {
      if (v.kind === 'int' && v.source?.offsets && v.source.offsets.length !== text.length + 1) return { span: v.span, origin: 'whole', unset: false };
      const sp = fileRange(from, to);
      return sp ? { span: sp, origin: 'literal', unset: false } : { span: v.span, origin: 'whole', unset: false };
    }
    const o = originOf(v.interpolation.pieces, from, to);
    const expr = o.expr ? fileRange(o.expr[0], o.expr[1]) : undefined;
    const operand = o.operand ? fileRange(o.operand[0], o.operand[1]) : undefined;
    const lit = o.literal ? fileRange(o.literal[0], o.literal[1]) : undefined;
    if (wholeValue && o.kind === 'literal' && lit === undefined) return { span: v.span, origin: 'whole', unset: o.unset };
    switch (o.kind) {
      case 'literal':
        return { span: lit ?? v.span, origin: lit ? 'literal' : 'whole', unset: false };
      case 'default':
        return { span: lit ?? expr ?? v.span, origin: lit ? 'default' : 'whole', variable: o.variable, expression: expr, operand, unset: o.unset };
      case 'variable':
        return { span: expr ?? v.span, origin: expr ? 'variable' : 'whole', variable: o.variable, expression: expr, operand, unset: o.unset };
      default:
        return { span: lit ?? v.span, origin: lit ? 'mixed' : 'whole', unset: o.unset };
    }
  }

  portsOf(list: CValue | undefined): PublishedPort[] {
    if (!list || list.kind !== 'seq') return [];
    return list.items.flatMap((i) => (i.kind === 'map' && canonicalPorts.has(i) ? [canonicalPorts.get(i)!] : []));
  }

  // ---------------------------------------------------------------- validation (the parts of compose's schema that matter)

  validate(dict: CMap): void {
    for (const [k, v] of dict.entries) {
      if (!TOP_KEYS.has(k) && !k.startsWith('x-')) this.error(dict.keySpans.get(k) ?? v.span, `additional property ${k} is not allowed`);
    }
    const services = dict.entries.get('services');
    if (services && services.kind !== 'map' && services.kind !== 'null') this.error(services.span, 'services must be a mapping');
    if (services?.kind === 'map') {
      for (const [name, s] of services.entries) {
        if (s.kind !== 'map') {
          this.error(s.span, `services.${name} must be a mapping`);
          continue;
        }
        for (const [k, v] of s.entries) {
          if (!SERVICE_KEYS.has(k) && !k.startsWith('x-')) this.error(s.keySpans.get(k) ?? v.span, `services.${name}: additional property ${k} is not allowed`);
          else if (v.kind === 'null' && NULL_SERVICE_KEY.has(k) && k !== 'ports') this.error(s.keySpans.get(k) ?? v.span, `services.${name}.${k} must be ${NULL_SERVICE_KEY.get(k)}`);
        }
        const ports = s.entries.get('ports');
        if (ports && ports.kind !== 'seq') this.error(ports.span, `services.${name}.ports must be a list`);
        if (ports?.kind === 'seq') {
          for (const item of ports.items) {
            if (item.kind !== 'map' || canonicalPorts.has(item)) continue;
            for (const [k, v] of item.entries) {
              if (!LONG_PORT_KEYS.has(k) && !k.startsWith('x-')) this.error(item.keySpans.get(k) ?? v.span, `services.${name}.ports: additional property ${k} is not allowed`);
              else if (k === 'target' && v.kind !== 'int') this.error(v.span, `services.${name}.ports.target must be an integer`);
              else if (k === 'published' && v.kind !== 'int' && v.kind !== 'str') this.error(v.span, `services.${name}.ports.published must be a string or an integer`);
              else if (LONG_PORT_KEYS.has(k) && k !== 'target' && k !== 'published' && v.kind !== 'str') this.error(v.span, `services.${name}.ports.${k} must be a string`);
            }
          }
        }
        const expose = s.entries.get('expose');
        if (expose && expose.kind !== 'seq') this.error(expose.span, `services.${name}.expose must be a list`);
        if (expose?.kind === 'seq') {
          for (const e of expose.items) if (e.kind !== 'str' && e.kind !== 'int' && e.kind !== 'float') this.error(e.span, `services.${name}.expose items must be strings or numbers`);
        }
        const nm = s.entries.get('network_mode');
        if (nm && nm.kind !== 'str') this.error(nm.span, `services.${name}.network_mode must be a string`);
        const vols = s.entries.get('volumes');
        if (vols?.kind === 'seq') {
          vols.items.forEach((vol, i) => {
            if (vol.kind === 'str' && (vol.value.startsWith(':') || vol.value.includes('::'))) {
              this.error(vol.span, `invalid spec: ${vol.value}: empty section between colons`);
            }
            if (vol.kind !== 'map') return;
            for (const [k, v] of vol.entries) {
              if (!LONG_VOLUME_KEYS.has(k) && !k.startsWith('x-')) this.error(vol.keySpans.get(k) ?? v.span, `services.${name}.volumes.${i}: additional property ${k} is not allowed`);
            }
          });
        }
      }
    }
    for (const kind of ['volumes', 'secrets', 'configs'] as const) {
      const all = dict.entries.get(kind);
      if (!all) continue;
      if (all.kind !== 'map') {
        this.error(all.span, `${kind} must be a mapping`);
        continue;
      }
      for (const [name, r] of all.entries) {
        if (r.kind === 'null' && kind === 'volumes') continue;
        if (r.kind !== 'map') {
          this.error(r.span, `${kind}.${name} must be a mapping`);
          continue;
        }
        for (const [k, v] of r.entries) {
          if (!RESOURCE_KEYS[kind].has(k) && !k.startsWith('x-')) this.error(r.keySpans.get(k) ?? v.span, `${kind}.${name}: additional property ${k} is not allowed`);
          else if (v.kind === 'null' && (k === 'driver' || k === 'name' || k === 'file' || k === 'content' || k === 'environment' || k === 'template_driver')) this.error(v.span, `${kind}.${name}.${k} must be a string`);
        }
        // A secret or config that is not external comes from exactly one source.
        const external = r.entries.get('external');
        if (kind === 'volumes' || (external?.kind === 'bool' && external.value)) continue;
        const from = (kind === 'secrets' ? ['file', 'environment'] : ['file', 'environment', 'content']).filter((k) => r.entries.has(k));
        const which = kind === 'secrets' ? 'file|environment' : 'file|environment|content';
        if (from.length === 0) this.error(all.keySpans.get(name) ?? r.span, `${kind}.${name}: one of ${which} must be set`);
        else if (from.length > 1) this.error(all.keySpans.get(name) ?? r.span, `${kind}.${name}: ${which} attributes are mutually exclusive`);
      }
    }
    const networks = dict.entries.get('networks');
    if (networks?.kind === 'map') {
      for (const [name, n] of networks.entries) {
        if (n.kind === 'null') continue;
        if (n.kind !== 'map') {
          this.error(n.span, `networks.${name} must be a mapping`);
          continue;
        }
        for (const [k, v] of n.entries) {
          if (!NETWORK_KEYS.has(k) && !k.startsWith('x-')) this.error(n.keySpans.get(k) ?? v.span, `networks.${name}: additional property ${k} is not allowed`);
        }
      }
    }
  }
}

// ------------------------------------------------------------------ helpers

/** Rebuilds `services` with `fn` applied to every service that is a mapping. */
function mapServices(dict: CMap, fn: (s: CMap, name: string) => CValue): CMap {
  const services = dict.entries.get('services');
  if (!services || services.kind !== 'map') return dict;
  const out = new Map<string, CValue>();
  for (const [name, s] of services.entries) out.set(name, s.kind === 'map' ? fn(s, name) : s);
  return withEntry(dict, 'services', { ...services, entries: out });
}

function withEntry(m: CMap, key: string, v: CValue): CMap {
  const entries = new Map(m.entries);
  entries.set(key, v);
  return { ...m, entries };
}

function synthStr(value: string, span: Span): CStr {
  return { kind: 'str', value, span };
}

function varNames(i: Interpolation): string[] {
  const out = new Set<string>();
  const walk = (ps: Interpolation['pieces']): void => {
    for (const p of ps) {
      if (p.kind === 'var') {
        out.add(p.name);
        if (p.inner) walk(p.inner);
      }
    }
  };
  walk(i.pieces);
  return [...out];
}

function goType(v: CValue): string {
  switch (v.kind) {
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'null':
      return '<nil>';
    case 'seq':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    case 'int':
      return 'int';
    default:
      return 'string';
  }
}

/** Go's fmt of an `any` with %s or %d, as compose's portIndexer prints it. */
function goFmt(v: CValue | undefined, verb: 's' | 'd'): string {
  if (!v || v.kind === 'null') return `%!${verb}(<nil>)`;
  if (v.kind === 'str') return verb === 's' ? v.value : `%!d(string=${v.value})`;
  if (v.kind === 'int') return verb === 'd' ? String(v.value) : `%!s(int=${v.value})`;
  if (v.kind === 'bool') return `%!${verb}(bool=${v.value})`;
  if (v.kind === 'float') return `%!${verb}(float64=${v.value})`;
  return `%!${verb}(${goType(v)})`;
}

function exposeKey(v: CValue): string | undefined {
  if (v.kind === 'str') return v.value;
  if (v.kind === 'int') return String(v.value);
  return undefined;
}

function toSequence(v: CValue): CValue[] {
  if (v.kind === 'seq') return v.items;
  if (v.kind === 'str') return [v];
  if (v.kind === 'map') {
    return [...v.entries.entries()]
      .map(([k, e]): CStr => ({ kind: 'str', span: e.span, value: e.kind === 'null' ? k : `${k}=${e.kind === 'str' || e.kind === 'int' || e.kind === 'bool' || e.kind === 'float' ? String(e.value) : ''}` }))
      .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }
  return [];
}

function toMapping(v: CValue): CMap | undefined {
  if (v.kind === 'map') return v;
  if (v.kind === 'seq') {
    const entries = new Map<string, CValue>();
    for (const i of v.items) if (i.kind === 'str') entries.set(i.value, { kind: 'null', span: i.span });
    return { kind: 'map', span: v.span, entries, keySpans: new Map(v.items.flatMap((i) => (i.kind === 'str' ? [[i.value, i.span] as const] : []))) };
  }
  return undefined;
}

/** compose-go ResetProcessor.Apply: drop the recorded paths from what earlier files defined. */
function applyResets(v: CValue, paths: readonly string[], p = ''): CValue {
  if (v.kind === 'map') {
    const entries = new Map<string, CValue>();
    for (const [k, e] of v.entries) {
      const next = p === '' ? k : `${p}.${k}`;
      if (paths.includes(next)) continue;
      entries.set(k, applyResets(e, paths, next));
    }
    return { ...v, entries };
  }
  if (v.kind === 'seq') return { ...v, items: v.items.map((e, i) => applyResets(e, paths, `${p}.[${i}]`)) };
  return v;
}

