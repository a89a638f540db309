/**
 * Container engines as siblings: each turns the compose project (mapped onto networks, endpoints and
 * published ports by `composeToDocker`) and its own settings into the rules it installs, with
 * provenance, and the networks and bindings it resolved. The analysis renders, lowers and places
 * those rules the same way for every engine (analysis/merge.ts).
 *
 * - `docker`: dockerd's rules per release and firewall backend (core/docker), a thin adapter;
 * - `podman`: rootful Podman with netavark (core/podman); rootless Podman installs no rules.
 */
import type { ComposeDockerMapping } from './analysis/compose-docker';
import type { ComposeProject } from './compose';
import type { Result } from './diagnostics';
import { type DockerHostConfig, type DockerHostState, type DockerRuleset, synthesizeDockerRules } from './docker';
import { podmanComposeNetworks } from './podman/compose';
import { podmanLabel, type PodmanConfig, type PodmanHostState, synthesizePodmanRules, defaultPodmanConfig, netavarkRelease } from './podman';

export type EngineName = 'docker' | 'podman';

export interface EngineInput {
  readonly project: ComposeProject;
  readonly mapping: ComposeDockerMapping;
  /** Docker only: the release line and daemon options. */
  readonly version: string;
  readonly daemon: DockerHostConfig;
  readonly hostState?: Partial<DockerHostState>;
}

export interface ContainerEngine {
  readonly name: EngineName;
  /** Used in virtual file names and provenance, e.g. `Docker 29`, `Podman (netavark 1.4)`. */
  label(version: string): string;
  /** Names chains that only this engine creates: an admin file adding to them is loaded after the engine. */
  readonly ownChain: RegExp;
  /** The rules the engine installs for the project, its networks and bindings (the `DockerRuleset` shape). */
  synthesize(input: EngineInput): Result<DockerRuleset>;
  /** What the analysis assumes when the user gave no release (announced), or undefined when nothing is assumed. */
  assumed(input: EngineInput & { readonly versionGiven: boolean }): string | undefined;
}

export const dockerEngine: ContainerEngine = {
  name: 'docker',
  label: (version) => `Docker ${version}`,
  ownChain: /^DOCKER/,
  synthesize: ({ version, daemon, hostState, mapping }) => synthesizeDockerRules({ version, daemon, host: hostState, networks: mapping.networks }),
  assumed: ({ version, daemon, versionGiven }) =>
    versionGiven
      ? undefined
      : `no Docker release given: the rules Docker ${version} installs with the ${daemon.firewallBackend} backend are assumed (give --docker-version, or dockwall.dockerVersion in the editor)`,
};

export interface PodmanEngineOptions {
  readonly config?: PodmanConfig;
  readonly host?: PodmanHostState;
  /** The config came from containers.conf (otherwise podman's defaults are assumed, and said so). */
  readonly configGiven?: boolean;
  /** What runs the project: podman-compose (default) or Quadlet units (`loadQuadlet`). */
  readonly source?: 'compose' | 'quadlet';
}

/** Quadlet's containers are `systemd-<unit>`; its networks keep their `Subnet=` and `Gateway=`. */
function quadletNetworks(mapping: ComposeDockerMapping): ComposeDockerMapping['networks'] {
  return mapping.networks.map((n) => ({ ...n, endpoints: n.endpoints?.map((e) => ({ ...e, container: e.container.replace(/-1$/, '') })) }));
}

export function podmanEngine(opts: PodmanEngineOptions = {}): ContainerEngine {
  const config = opts.config ?? defaultPodmanConfig;
  return {
    name: 'podman',
    label: () => podmanLabel(config),
    ownChain: /^NETAVARK/,
    synthesize: ({ project, mapping }) => {
      const nets = opts.source === 'quadlet' ? { networks: quadletNetworks(mapping), diagnostics: [] } : podmanComposeNetworks(project, mapping);
      const r = synthesizePodmanRules({ config, host: opts.host, networks: nets.networks });
      return { value: r.value, diagnostics: [...nets.diagnostics, ...r.diagnostics] };
    },
    assumed: () =>
      config.rootless
        ? undefined
        : config.firewallDriver === 'nftables'
          ? `rootful Podman with the netavark ${netavarkRelease(config)} nftables driver is assumed, from netavark's own rules (src/firewall/nft.rs): not run on a real host here, Debian 12's netavark 1.4 has no nftables support${opts.configGiven ? '' : " (no containers.conf: podman's default subnets)"}`
          : `rootful Podman with netavark ${netavarkRelease(config)} and its ${config.firewallDriver ?? 'iptables'} firewall driver is assumed${opts.configGiven ? '' : " (no containers.conf: podman's defaults, podman network 10.88.0.0/16, new networks from 10.89.0.0/16)"}`,
  };
}

/**
 * The engine a folder's files point to when the user names none: Podman when the folder holds
 * containers.conf or Quadlet units and no daemon.json, with the sentence that announces it
 * (`folder` as the user sees it); Docker (undefined) otherwise. `dockwall check DIR` and the
 * language server decide alike.
 */
export function inferEngine(files: { readonly folder: string; readonly daemonJson?: string; readonly containersConf?: string; readonly quadletUnits: number }, hint: string): { readonly engine: 'podman'; readonly note: string } | undefined {
  if (files.daemonJson || (!files.containersConf && !files.quadletUnits)) return undefined;
  const what = [files.containersConf ?? '', files.quadletUnits ? 'Quadlet units' : ''].filter(Boolean).join(' and ');
  return { engine: 'podman', note: `no engine given: Podman is assumed, as ${files.folder} holds ${what} and no daemon.json (${hint})` };
}
