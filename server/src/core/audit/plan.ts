/**
 * Which analyses `dockwall audit` runs on a host: the running containers grouped back into their
 * compose projects by their labels (`com.docker.compose.project`, `.project.config_files`,
 * `.project.working_dir`, `.service`). A project whose compose files are readable is analysed with
 * those files, so findings land on the `ports:` item that published the port. Every other
 * container (not from compose, or its files are not readable here) is described by a virtual
 * compose file of its own, `<container NAME>`, listing the ports the Engine shows bound: its
 * findings land there, in text, JSON and SARIF alike. Pure.
 */
import {
  COMPOSE_CONFIG_FILES,
  COMPOSE_PROJECT,
  COMPOSE_SERVICE,
  COMPOSE_WORKING_DIR,
  type EngineContainer,
  type EngineState,
} from '../docker/engine';

export interface AuditGroup {
  /** `compose` (the project's files) or `containers` (virtual files). */
  readonly kind: 'compose' | 'containers';
  /** The compose project name, or `containers`. */
  readonly name: string;
  /** Compose files: the project's, or the virtual `<container NAME>` files. */
  readonly files: readonly string[];
  readonly workingDir?: string;
  /** Container id → service name in this analysis. */
  readonly services: ReadonlyMap<string, string>;
  /** Report Docker's rules of no running container here (the last group). */
  readonly orphans: boolean;
}

export interface AuditPlan {
  readonly groups: readonly AuditGroup[];
  /** The virtual compose files by name. */
  readonly virtual: ReadonlyMap<string, string>;
  readonly notes: readonly string[];
}

/** The virtual file a container's findings land on when it has no readable compose file. */
export const containerFile = (name: string): string => `<container ${name}>`;

const q = (s: string): string => JSON.stringify(s);

/** A compose description of a container as the Engine shows it: one `ports:` item per bound port. */
export function virtualCompose(c: EngineContainer, service: string): string {
  const lines = [`# ${c.name}: the container as the Docker Engine reports it (no readable compose file)`, 'services:', `  ${q(service)}:`, `    image: ${q(c.image || 'unknown')}`];
  const items: string[] = [];
  for (const p of c.ports) {
    const any = p.hostIp === '0.0.0.0' || p.hostIp === '::';
    const ip = any ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]:` : `${p.hostIp}:`;
    const item = `${ip}${p.hostPort}:${p.containerPort}/${p.proto}`;
    if (!items.includes(item)) items.push(item);
  }
  if (c.networkMode === 'host') lines.push('    network_mode: host');
  else if (items.length) lines.push('    ports:', ...items.map((i) => `      - ${q(i)}`));
  return lines.join('\n') + '\n';
}

/**
 * @param readable whether a compose file can be read here (the audit runs on the Docker host, so
 * the labels' absolute paths usually are)
 */
export function planAudit(state: EngineState, readable: (file: string) => boolean): AuditPlan {
  const notes: string[] = [];
  const projects = new Map<string, { name: string; files: string[]; workingDir?: string; members: EngineContainer[] }>();
  const loose: EngineContainer[] = [];
  for (const c of state.containers) {
    const project = c.labels[COMPOSE_PROJECT];
    const files = (c.labels[COMPOSE_CONFIG_FILES] ?? '').split(',').map((f) => f.trim()).filter((f) => f.startsWith('/'));
    if (!project || !files.length || !c.labels[COMPOSE_SERVICE]) {
      loose.push(c);
      continue;
    }
    const unreadable = files.filter((f) => !readable(f));
    if (unreadable.length) {
      notes.push(`container ${c.name}: compose file ${unreadable[0]} (project ${project}) is not readable here; its findings are reported on ${containerFile(c.name)}`);
      loose.push(c);
      continue;
    }
    const key = `${project}\n${files.join(',')}`;
    let g = projects.get(key);
    if (!g) projects.set(key, (g = { name: project, files, workingDir: c.labels[COMPOSE_WORKING_DIR] || undefined, members: [] }));
    g.members.push(c);
  }
  const groups: AuditGroup[] = [...projects.values()].map((g) => ({
    kind: 'compose',
    name: g.name,
    files: g.files,
    workingDir: g.workingDir,
    services: new Map(g.members.map((c) => [c.id, c.labels[COMPOSE_SERVICE]])),
    orphans: false,
  }));
  const virtual = new Map<string, string>();
  if (loose.length || !groups.length) {
    const services = new Map<string, string>();
    for (const c of loose) {
      services.set(c.id, c.name);
      virtual.set(containerFile(c.name), virtualCompose(c, c.name));
    }
    if (!loose.length) virtual.set('<no containers>', '# no running container\nservices: {}\n');
    groups.push({ kind: 'containers', name: 'containers', files: [...virtual.keys()], services, orphans: true });
  } else groups[groups.length - 1] = { ...groups[groups.length - 1], orphans: true };
  return { groups, virtual, notes };
}
