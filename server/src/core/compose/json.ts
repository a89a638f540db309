/**
 * The `docker compose config --format json` view restricted to ports, with the source of each entry.
 */
import type { ComposeProject } from './model';

export interface ComposePortJson {
  name?: string;
  mode: string;
  host_ip?: string;
  target?: number;
  published?: string;
  protocol: string;
  app_protocol?: string;
  /** 1-based position of the item that produced the entry. */
  source: { file: string; line: number; column: number };
}

/** Field names, value types and order as compose prints them; only active services, sorted by name. */
export function composePortsJson(project: ComposeProject): { services: Record<string, { ports?: ComposePortJson[] }> } {
  const services: Record<string, { ports?: ComposePortJson[] }> = {};
  for (const name of [...project.services.keys()].sort()) {
    const s = project.services.get(name)!;
    if (!s.active) continue;
    services[name] = {};
    if (s.ports.length === 0) continue;
    services[name].ports = s.ports.map((p) => {
      const e: ComposePortJson = { mode: p.mode, protocol: p.protocol, source: { file: p.source.item.file, line: p.source.item.range.start.line + 1, column: p.source.item.range.start.character + 1 } };
      const out: ComposePortJson = { ...(p.name ? { name: p.name } : {}), mode: p.mode } as ComposePortJson;
      if (p.hostIp) out.host_ip = p.hostIp;
      if (p.target !== 0) out.target = p.target;
      if (p.published) out.published = p.published;
      out.protocol = p.protocol;
      if (p.appProtocol) out.app_protocol = p.appProtocol;
      out.source = e.source;
      return out;
    });
  }
  return { services };
}
