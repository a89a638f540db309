/**
 * Entry point: `loadComposeProject(reader, options)` → `Result<ComposeProject>`.
 * File discovery, `.env`, project name and profiles follow docker compose v2.26.
 */
import { posix as path } from 'node:path';
import type { CoreDiagnostic, Result } from '../diagnostics';
import type { Span } from '../text';
import { DEFAULT_FILE_NAMES, DEFAULT_OVERRIDE_FILE_NAMES, Loader } from './load';
import type { ComposeNetwork, ComposeProject, ComposeService, FileReader, IpamConfig, LoadOptions, NetworkMode, ServiceNetwork } from './model';
import type { CMap, CValue, YamlParse } from './yaml';

/** compose's NormalizeProjectName. */
export function normalizeProjectName(s: string): string {
  return (s.toLowerCase().match(/[a-z0-9_-]/g) ?? []).join('').replace(/^[_-]+/, '');
}

const NO_SPAN: Span = { file: '', start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/** Resolves which files compose would read (explicit list, COMPOSE_FILE, or discovery with the override file). */
export function resolveComposeFiles(reader: FileReader, opts: LoadOptions): { files: string[]; projectDirectory: string } {
  const cwd = opts.cwd;
  let files = (opts.files ?? []).map((f) => path.resolve(cwd, f));
  if (files.length === 0 && opts.env.COMPOSE_FILE) {
    const sep = opts.env.COMPOSE_PATH_SEPARATOR ?? ':';
    files = opts.env.COMPOSE_FILE.split(sep).filter((f) => f !== '').map((f) => path.resolve(cwd, f));
  }
  let projectDirectory = opts.projectDirectory ? path.resolve(cwd, opts.projectDirectory) : files.length > 0 ? path.dirname(files[0]) : cwd;
  if (files.length === 0) {
    let dir = projectDirectory;
    for (;;) {
      const main = DEFAULT_FILE_NAMES.map((n) => path.join(dir, n)).find((f) => reader.exists(f));
      if (main) {
        files = [main];
        const over = DEFAULT_OVERRIDE_FILE_NAMES.map((n) => path.join(dir, n)).find((f) => reader.exists(f));
        if (over) files.push(over);
        if (!opts.projectDirectory) projectDirectory = dir;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return { files, projectDirectory };
}

/**
 * Loads a compose project: files, interpolation, extends, includes, profiles, canonical ports.
 * `parseYaml` parses each compose file (default `parseComposeYaml`; the language server's splices
 * an edited file's parse from the last one, compose/yaml-splice.ts).
 */
export function loadComposeProject(reader: FileReader, opts: LoadOptions, parseYaml?: YamlParse): Result<ComposeProject> {
  const loader = new Loader(reader, parseYaml);
  const { files, projectDirectory } = resolveComposeFiles(reader, opts);
  if (files.length === 0) loader.error({ ...NO_SPAN, file: projectDirectory }, 'no configuration file provided: not found');
  for (const f of files) if (!reader.exists(f)) loader.error({ ...NO_SPAN, file: f }, `cannot read ${f}`);

  // environment: the process wins over the .env files
  const envFiles = opts.envFiles && opts.envFiles.length > 0 ? opts.envFiles.map((f) => path.resolve(opts.cwd, f)) : [path.join(projectDirectory, '.env')].filter((f) => reader.exists(f));
  const processEnv = opts.env;
  const fileVars = loader.readEnvFiles(envFiles, { lookup: (n) => processEnv[n] }, files[0] ? { ...NO_SPAN, file: files[0] } : undefined);
  const lookup = (n: string): string | undefined => processEnv[n] ?? fileVars.get(n);

  // project name: --project-name, COMPOSE_PROJECT_NAME, top-level name:, directory
  let name = '';
  if (opts.projectName !== undefined) {
    name = opts.projectName;
    if (normalizeProjectName(name) !== name) loader.error({ ...NO_SPAN, file: files[0] ?? '' }, `invalid project name ${JSON.stringify(name)}`);
  }
  const envName = lookup('COMPOSE_PROJECT_NAME');
  if (!name && envName) name = normalizeProjectName(envName);
  let nameFromFiles = '';
  const dict = files.length > 0 && files.every((f) => reader.exists(f)) ? loader.loadModel(files, projectDirectory, { lookup: (n) => (n === 'COMPOSE_PROJECT_NAME' && !lookup(n) && name ? name : lookup(n)) }, { extends: true, include: true, included: [], validate: true }) : undefined;
  const top = dict?.entries.get('name');
  if (top?.kind === 'str') nameFromFiles = normalizeProjectName(top.value);
  if (!name) name = nameFromFiles || normalizeProjectName(path.basename(projectDirectory));
  if (!name) loader.error({ ...NO_SPAN, file: files[0] ?? '' }, 'project name must not be empty');
  if (dict && dict.entries.size === 0) loader.error(dict.span, 'empty compose file');

  // profiles
  const active = opts.profiles && opts.profiles.length > 0 ? [...opts.profiles] : (lookup('COMPOSE_PROFILES') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const services = new Map<string, ComposeService>();
  const networks = new Map<string, ComposeNetwork>();
  const svcDict = dict?.entries.get('services');
  const netDict = dict?.entries.get('networks');
  let usesDefault = false;
  if (svcDict?.kind === 'map') {
    for (const [sname, s] of [...svcDict.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (s.kind !== 'map') continue;
      const profiles = strList(s.entries.get('profiles'));
      const isActive = profiles.length === 0 || profiles.some((p) => p === '*' || active.includes(p)) || active.includes('*');
      const nmv = s.entries.get('network_mode');
      const nmText = nmv?.kind === 'str' ? nmv.value : undefined;
      const networkMode = parseNetworkMode(nmText);
      const svcNets = serviceNetworks(s.entries.get('networks'));
      if (svcNets.length === 0 && networkMode.kind === 'default') {
        svcNets.push({ key: 'default', aliases: [] });
      }
      if (isActive && svcNets.some((n) => n.key === 'default')) usesDefault = true;
      const expose = s.entries.get('expose');
      services.set(sname, {
        name: sname,
        profiles,
        active: isActive,
        networkMode,
        networkModeText: nmText,
        portsIgnored: networkMode.kind === 'host',
        networks: svcNets,
        ports: loader.portsOf(s.entries.get('ports')),
        expose: expose?.kind === 'seq' ? expose.items.flatMap((e) => (e.kind === 'str' || e.kind === 'int' ? [String(e.value)] : [])) : [],
        span: s.span,
      });
    }
  }
  if (netDict?.kind === 'map') {
    for (const [key, n] of netDict.entries) networks.set(key, toNetwork(key, n, name));
  }
  if (usesDefault && !networks.has('default')) {
    networks.set('default', { key: 'default', name: `${name}_default`, external: false, driverOpts: {}, internal: false, ipam: [], implicit: true });
  }
  for (const svc of services.values()) {
    if (!svc.active) continue;
    for (const n of svc.networks) {
      if (!networks.has(n.key)) loader.error(n.span ?? svc.span, `service ${svc.name} refers to undefined network ${n.key}: invalid compose project`);
    }
    if (svc.networkMode.kind === 'service' && !services.get(svc.networkMode.ref)?.active) {
      loader.error(svc.span, `service ${JSON.stringify(svc.networkMode.ref)} not found for network_mode 'service:${svc.networkMode.ref}'`);
    }
  }
  if (svcDict?.kind === 'map') checkConsistency(loader, reader, svcDict, services, projectDirectory, dict!);
  const diagnostics: CoreDiagnostic[] = loader.diagnostics;
  return {
    value: { name, projectDirectory, files: loader.files, services, networks, activeProfiles: active, diagnostics },
    diagnostics,
  };
}

function strList(v: CValue | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'seq') return v.items.flatMap((i) => (i.kind === 'str' ? [i.value] : i.kind === 'int' ? [String(i.value)] : []));
  if (v.kind === 'str') return [v.value];
  return [];
}

function parseNetworkMode(s: string | undefined): NetworkMode {
  if (s === undefined) return { kind: 'default' };
  if (s === 'host' || s === 'bridge' || s === 'none') return { kind: s };
  const m = /^(service|container):(.*)$/.exec(s);
  if (m) return { kind: m[1] as 'service' | 'container', ref: m[2] };
  return { kind: 'other', value: s };
}

function serviceNetworks(v: CValue | undefined): ServiceNetwork[] {
  if (!v) return [];
  if (v.kind === 'seq') return v.items.flatMap((i) => (i.kind === 'str' ? [{ key: i.value, aliases: [], span: i.span }] : []));
  if (v.kind !== 'map') return [];
  const out: ServiceNetwork[] = [];
  for (const [key, cfg] of v.entries) {
    const c = cfg.kind === 'map' ? cfg : undefined;
    const str = (k: string): string | undefined => {
      const e = c?.entries.get(k);
      return e?.kind === 'str' ? e.value : undefined;
    };
    const pr = c?.entries.get('priority');
    out.push({
      key,
      aliases: strList(c?.entries.get('aliases')),
      ipv4Address: str('ipv4_address'),
      ipv6Address: str('ipv6_address'),
      priority: pr?.kind === 'int' || pr?.kind === 'float' ? pr.value : undefined,
      span: v.keySpans.get(key) ?? cfg.span,
    });
  }
  return out;
}

function scalarText(v: CValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'str' || v.kind === 'int' || v.kind === 'float' || v.kind === 'bool') return String(v.value);
  return undefined;
}

function toNetwork(key: string, n: CValue, project: string): ComposeNetwork {
  const m: CMap | undefined = n.kind === 'map' ? n : undefined;
  const get = (k: string): CValue | undefined => m?.entries.get(k);
  const bool = (k: string): boolean | undefined => {
    const v = get(k);
    if (v?.kind === 'bool') return v.value;
    if (v?.kind === 'str') return v.value.toLowerCase() === 'true' ? true : v.value.toLowerCase() === 'false' ? false : undefined;
    return undefined;
  };
  const ext = get('external');
  const external = ext?.kind === 'bool' ? ext.value : ext?.kind === 'map';
  const extName = ext?.kind === 'map' ? scalarText(ext.entries.get('name')) : undefined;
  const explicit = scalarText(get('name')) ?? extName;
  const opts: Record<string, string> = {};
  const dopts = get('driver_opts');
  if (dopts?.kind === 'map') for (const [k, v] of dopts.entries) opts[k] = scalarText(v) ?? '';
  const ipam: IpamConfig[] = [];
  const ipamv = get('ipam');
  const cfg = ipamv?.kind === 'map' ? ipamv.entries.get('config') : undefined;
  if (cfg?.kind === 'seq') {
    for (const c of cfg.items) {
      if (c.kind !== 'map') continue;
      ipam.push({ subnet: scalarText(c.entries.get('subnet')), gateway: scalarText(c.entries.get('gateway')), ipRange: scalarText(c.entries.get('ip_range')) });
    }
  }
  const icc = opts['com.docker.network.bridge.enable_icc'];
  return {
    key,
    name: explicit ?? (external ? key : `${project}_${key}`),
    external,
    driver: scalarText(get('driver')),
    driverOpts: opts,
    internal: bool('internal') ?? false,
    enableIpv6: bool('enable_ipv6'),
    ipam,
    bridgeName: opts['com.docker.network.bridge.name'],
    hostBindingIpv4: opts['com.docker.network.bridge.host_binding_ipv4'],
    gatewayModeIpv4: opts['com.docker.network.bridge.gateway_mode_ipv4'],
    gatewayModeIpv6: opts['com.docker.network.bridge.gateway_mode_ipv6'],
    enableIcc: icc === undefined ? undefined : icc.toLowerCase() === 'true' || icc === '1',
    implicit: false,
    span: n.span,
  };
}

/** The parts of compose's consistency checks that make `config` fail. */
function checkConsistency(loader: Loader, reader: FileReader, svcDict: CMap, services: ReadonlyMap<string, ComposeService>, dir: string, top: CMap): void {
  const defined = (kind: 'volumes' | 'secrets' | 'configs', key: string): boolean => {
    const all = top.entries.get(kind);
    return all?.kind === 'map' && all.entries.has(key);
  };
  for (const [name, s] of svcDict.entries) {
    const svc = services.get(name);
    if (s.kind !== 'map' || !svc?.active) continue;
    for (const ref of resourceRefs(s)) {
      if (!defined(ref.kind, ref.key)) loader.error(ref.span, `service ${JSON.stringify(name)} refers to undefined ${ref.kind.slice(0, -1)} ${ref.key}: invalid compose project`);
    }
    if (!s.entries.has('image') && !s.entries.has('build')) loader.error(s.span, `service ${JSON.stringify(name)} has neither an image nor a build context specified: invalid compose project`);
    const nets = s.entries.get('networks');
    if (s.entries.has('network_mode') && nets && ((nets.kind === 'seq' && nets.items.length > 0) || (nets.kind === 'map' && nets.entries.size > 0))) {
      loader.error(s.span, `service ${name} declares mutually exclusive \`network_mode\` and \`networks\`: invalid compose project`);
    }
    const deps = s.entries.get('depends_on');
    const depNames = deps?.kind === 'seq' ? deps.items.flatMap((d) => (d.kind === 'str' ? [[d.value, true] as const] : [])) : deps?.kind === 'map' ? [...deps.entries].map(([k, v]) => [k, !(v.kind === 'map' && v.entries.get('required')?.kind === 'bool' && (v.entries.get('required') as { value: boolean }).value === false)] as const) : [];
    for (const [dep, required] of depNames) {
      const target = services.get(dep);
      if (!target || (!target.active && required)) loader.error(deps!.span, `service ${JSON.stringify(name)} depends on undefined service ${JSON.stringify(dep)}: invalid compose project`);
    }
    const envFiles = s.entries.get('env_file');
    const list = envFiles?.kind === 'seq' ? envFiles.items : envFiles ? [envFiles] : [];
    for (const e of list) {
      const file = e.kind === 'str' ? e.value : e.kind === 'map' && e.entries.get('path')?.kind === 'str' ? (e.entries.get('path') as { value: string }).value : undefined;
      const req = e.kind === 'map' ? e.entries.get('required') : undefined;
      if (file === undefined || (req?.kind === 'bool' && !req.value)) continue;
      const abs = path.resolve(dir, file);
      if (!reader.exists(abs)) loader.error(e.span, `env file ${abs} not found`);
    }
  }
}

/**
 * The named volumes, secrets and configs a service uses, which the project must define: a short
 * volume whose source is a name (not a path: `.`, `/`, `~`, a drive letter), a long one of type
 * `volume` with a source; every secret and config, short or long (`source:`).
 */
function resourceRefs(s: CMap): { kind: 'volumes' | 'secrets' | 'configs'; key: string; span: Span }[] {
  const out: { kind: 'volumes' | 'secrets' | 'configs'; key: string; span: Span }[] = [];
  const vols = s.entries.get('volumes');
  for (const v of vols?.kind === 'seq' ? vols.items : []) {
    if (v.kind === 'str') {
      const parts = v.value.split(':');
      const src = parts[0];
      if (parts.length < 2 || src === '' || /^[.\/~]/.test(src) || (/^[A-Za-z]$/.test(src) && /^[\\/]/.test(parts[1] ?? ''))) continue;
      out.push({ kind: 'volumes', key: src, span: v.span });
    } else if (v.kind === 'map') {
      const type = v.entries.get('type');
      const src = v.entries.get('source');
      if (type?.kind === 'str' && type.value === 'volume' && src?.kind === 'str' && src.value !== '') out.push({ kind: 'volumes', key: src.value, span: src.span });
    }
  }
  for (const kind of ['secrets', 'configs'] as const) {
    const list = s.entries.get(kind);
    for (const r of list?.kind === 'seq' ? list.items : []) {
      const src = r.kind === 'map' ? r.entries.get('source') : r;
      if (src?.kind === 'str') out.push({ kind, key: src.value, span: src.span });
    }
  }
  return out;
}
