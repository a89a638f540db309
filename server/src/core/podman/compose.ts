/**
 * A compose project as podman-compose 1.0.3 (Debian bookworm) runs it, from the Docker mapping
 * (`composeToDocker`, whose port provenance objects are kept so results still link to the items):
 * - containers are named `<project>_<service>_1` and started in the order of (number of
 *   dependencies, name): without `depends_on` (not in the compose model) alphabetically;
 * - a service without `networks:` joins the project's only declared network when exactly one is
 *   declared, else `default` (docker compose would create `<project>_default` beside it);
 * - networks are created with `podman network create` and only their labels and `internal`: ipam
 *   subnets, gateways and driver options (the bridge name) are not passed, so podman allocates.
 */
import type { ComposeDockerMapping } from '../analysis/compose-docker';
import type { ComposeProject } from '../compose';
import type { CoreDiagnostic } from '../diagnostics';
import type { DockerEndpointSpec, DockerNetworkSpec } from '../docker/types';

export function podmanComposeNetworks(project: ComposeProject, mapping: ComposeDockerMapping): { networks: DockerNetworkSpec[]; diagnostics: CoreDiagnostic[] } {
  const diagnostics: CoreDiagnostic[] = [];
  const declared = [...project.networks.values()].filter((n) => !n.implicit);
  const defaultKey = declared.length === 0 ? 'default' : declared.length === 1 ? declared[0].key : declared.some((n) => n.key === 'default') ? 'default' : undefined;
  const dockerDefault = project.networks.get('default')?.name ?? `${project.name}_default`;
  const target = defaultKey ? (project.networks.get(defaultKey)?.name ?? `${project.name}_${defaultKey}`) : undefined;
  // Start order: podman-compose sorts services by their number of dependencies, then by name.
  const names = [...project.services.values()].filter((s) => s.active).map((s) => s.name).sort();
  const orderOf = (e: DockerEndpointSpec): number => {
    const i = e.service ? names.indexOf(e.service) : -1;
    return i < 0 ? names.length + (e.order ?? 0) : i;
  };
  const rename = (c: string): string => c.replace(/^(.*)-([^-]+)-(\d+)$/, '$1_$2_$3');
  const byName = new Map<string, DockerNetworkSpec>();
  for (const n of mapping.networks) {
    let name = n.name;
    if (n.name === dockerDefault && target && target !== dockerDefault && !declared.some((d) => d.name === dockerDefault)) name = target;
    else if (n.name === dockerDefault && !target && !declared.some((d) => d.name === dockerDefault)) {
      const svc = n.endpoints?.[0]?.service;
      const at = svc ? project.services.get(svc)?.span : undefined;
      if (at) diagnostics.push({ span: at, severity: 'warning', code: 'podman-compose', message: `podman-compose 1.0.3 gives service ${svc} no network (several networks are declared, none is "default"): its ports are modelled on ${dockerDefault}` });
    }
    const decl = declared.find((d) => d.name === name);
    if (decl?.span && (decl.ipam.length || Object.keys(decl.driverOpts).length))
      diagnostics.push({ span: decl.span, severity: 'information', code: 'podman-compose', message: `podman-compose 1.0.3 creates network ${name} without its ipam and driver_opts: podman picks its subnet and bridge` });
    const endpoints = (n.endpoints ?? []).map((e) => ({ ...e, container: rename(e.container), order: orderOf(e) }));
    const prev = byName.get(name);
    byName.set(name, prev ? { ...prev, endpoints: [...(prev.endpoints ?? []), ...endpoints] } : { name, internal: decl?.internal ?? n.internal, endpoints, provenance: n.provenance });
  }
  // Networks are created when their first container starts.
  const first = (n: DockerNetworkSpec): number => Math.min(...(n.endpoints ?? []).map((e) => e.order ?? 0));
  return { networks: [...byName.values()].sort((a, b) => first(a) - first(b)), diagnostics };
}
