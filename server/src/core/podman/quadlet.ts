/**
 * Quadlet units as a project: each `.container` unit is a service (container `systemd-<unit>`), its `PublishPort=` lines are port items with exact spans (podman's `-p` syntax
 * `[[ip:][hostPort]:]containerPort[/proto]`, the short syntax of compose, so findings and the
 * bind-to-127.0.0.1 fix work on them as on compose items), `Network=NAME.network` joins the network
 * of that `.network` unit (`systemd-<unit>` or `NetworkName=`, with its `Subnet=`, `Gateway=`,
 * `Internal=`), `Network=host|none` as in compose, another name an existing podman network, and no
 * `Network=` podman's default network `podman`. Never throws.
 */
import type { ComposeNetwork, ComposeProject, ComposeService, PartSource, PublishedPort, ServiceNetwork } from '../compose';
import { parseShortPort } from '../compose';
import type { CoreDiagnostic, Result } from '../diagnostics';
import { LineIndex, type Span } from '../text';

export interface UnitFile {
  readonly file: string;
  readonly text: string;
}

interface Entry {
  readonly section: string;
  readonly key: string;
  readonly value: string;
  /** Offset of the value in the file. */
  readonly at: number;
  readonly lineStart: number;
}

function entries(text: string): Entry[] {
  const out: Entry[] = [];
  let section = '';
  let i = 0;
  while (i <= text.length) {
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = text.length;
    const line = text.slice(i, eol).replace(/\r$/, '');
    const t = line.trim();
    const sec = /^\[([^\]]+)\]$/.exec(t);
    if (sec) section = sec[1];
    else if (t && !t.startsWith('#') && !t.startsWith(';')) {
      const m = /^(\s*)([A-Za-z0-9]+)\s*=\s*/.exec(line);
      if (m) out.push({ section, key: m[2], value: line.slice(m[0].length).trimEnd(), at: i + m[0].length, lineStart: i });
    }
    i = eol + 1;
  }
  return out;
}

const base = (file: string): string => file.replace(/^.*[\\/]/, '').replace(/\.(container|network)$/, '');

function literal(span: Span): PartSource {
  return { span, origin: 'literal', unset: false };
}

/**
 * podman's `-p` syntax, which is compose's short syntax (`parseShortPort`: host address, ranges,
 * protocol), one port per entry; the error when it is not one.
 */
function publishPort(value: string, at: number, file: string, idx: LineIndex): PublishedPort[] | { error: string } {
  const parsed = parseShortPort(value);
  if ('error' in parsed) return { error: parsed.error.message };
  const part = (p: readonly [number, number] | undefined): PartSource | undefined => (p ? literal(idx.span(file, at + p[0], at + p[1])) : undefined);
  return parsed.entries.map((e) => ({
    hostIp: e.hostIp || undefined,
    published: e.published || undefined,
    target: e.target,
    protocol: e.protocol,
    mode: 'ingress',
    source: { item: idx.span(file, at, at + value.length), syntax: 'short', hostIp: part(e.parts.hostIp), published: part(e.parts.published), target: part(e.parts.target)!, protocol: part(e.parts.protocol), interpolated: false, variables: [], unsetVariables: [], rangeIndex: e.rangeIndex },
    dependsOnUnset: false,
  }));
}

/** The project is named `systemd` so that containers are named `systemd-<unit>` by the engine (`ContainerName=` is not read). */
/**
 * Quadlet units of the kinds not analysed (`.pod`, `.kube`): one information diagnostic that says
 * so, on the first `PublishPort=` value when the unit has one (those ports are not checked).
 */
export function unanalysedUnit(u: UnitFile): CoreDiagnostic | undefined {
  const kind = /\.(pod|kube)$/.exec(u.file)?.[1];
  if (!kind) return undefined;
  const idx = new LineIndex(u.text);
  const publish = entries(u.text).find((e) => e.key === 'PublishPort');
  const span = publish ? idx.span(u.file, publish.at, publish.at + publish.value.length) : idx.span(u.file, 0, Math.min(u.text.length, 1));
  return {
    span,
    severity: 'information',
    code: 'quadlet',
    message: `Quadlet .${kind} units are not analysed: ${publish ? 'the ports this unit publishes are not checked' : 'only .container units (with the .network units they name) are'}`,
  };
}

export function loadQuadlet(units: readonly UnitFile[]): Result<ComposeProject> {
  const name = 'systemd';
  const diagnostics: CoreDiagnostic[] = [];
  for (const u of units) {
    const note = unanalysedUnit(u);
    if (note) diagnostics.push(note);
  }
  const networks = new Map<string, ComposeNetwork>();
  const services = new Map<string, ComposeService>();
  for (const u of units.filter((x) => x.file.endsWith('.network'))) {
    const idx = new LineIndex(u.text);
    const es = entries(u.text).filter((e) => e.section === 'Network');
    const get = (k: string) => es.filter((e) => e.key === k).pop();
    const key = `${base(u.file)}.network`;
    const subnets = es.filter((e) => e.key === 'Subnet');
    const gateways = es.filter((e) => e.key === 'Gateway');
    networks.set(key, {
      key,
      name: get('NetworkName')?.value || `systemd-${base(u.file)}`,
      external: false,
      driver: get('Driver')?.value || undefined,
      driverOpts: {},
      internal: /^(true|yes|1|on)$/i.test(get('Internal')?.value ?? ''),
      ipam: subnets.map((s, k) => ({ subnet: s.value, gateway: gateways[k]?.value })),
      implicit: false,
      span: idx.span(u.file, 0, Math.min(u.text.length, 1)),
    });
  }
  for (const u of units.filter((x) => x.file.endsWith('.container'))) {
    const idx = new LineIndex(u.text);
    const es = entries(u.text).filter((e) => e.section === 'Container');
    const svcName = base(u.file);
    const ports: PublishedPort[] = [];
    for (const e of es.filter((x) => x.key === 'PublishPort')) {
      const p = publishPort(e.value, e.at, u.file, idx);
      if (Array.isArray(p)) ports.push(...p);
      else diagnostics.push({ span: idx.span(u.file, e.at, e.at + e.value.length), severity: 'error', code: 'quadlet', message: `PublishPort=${e.value}: ${p.error}; expected [[ip:][hostPort]:]containerPort[/tcp|udp|sctp]` });
    }
    const nets = es.filter((x) => x.key === 'Network');
    let networkMode: ComposeService['networkMode'] = { kind: 'bridge' };
    const joined: ServiceNetwork[] = [];
    for (const n of nets) {
      const v = n.value.split(':')[0];
      const at = idx.span(u.file, n.at, n.at + n.value.length);
      if (v === 'host' || v === 'none') networkMode = { kind: v };
      else if (v.endsWith('.network')) {
        if (!networks.has(v)) diagnostics.push({ span: at, severity: 'error', code: 'quadlet', message: `Network=${v}: no ${v} unit among the files read` });
        networkMode = { kind: 'default' };
        joined.push({ key: v, aliases: [], span: at });
      } else if (v) {
        // An existing podman network, created outside these units.
        if (!networks.has(v)) networks.set(v, { key: v, name: v, external: true, driverOpts: {}, internal: false, ipam: [], implicit: false, span: at });
        networkMode = { kind: 'default' };
        joined.push({ key: v, aliases: [], span: at });
      }
    }
    services.set(svcName, {
      name: svcName,
      profiles: [],
      active: true,
      networkMode,
      portsIgnored: networkMode.kind === 'host',
      networks: joined,
      ports,
      expose: [],
      span: idx.span(u.file, 0, Math.min(u.text.length, 1)),
    } as ComposeService);
  }
  const files = units.map((u) => u.file);
  return { value: { name, projectDirectory: '', files, services, networks, activeProfiles: [], diagnostics } as ComposeProject, diagnostics };
}
