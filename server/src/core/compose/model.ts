/**
 * The compose model Docker rule synthesis and the editor build on. See README.md in this folder.
 * All values are readonly; every published port carries the exact source ranges of its parts.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { Span } from '../text';

/** Injected file access (the core does no I/O). Paths are absolute POSIX paths. */
export interface FileReader {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  read(path: string): string | undefined;
  exists(path: string): boolean;
  /** The files a pattern names, sorted (nft's `include "dir/*.nft"`); without it such includes are not followed. */
  glob?(pattern: string): readonly string[];
}

export interface LoadOptions {
  /** Compose files in order (`-f`); relative ones are resolved against `cwd`. Empty: discover. */
  readonly files?: readonly string[];
  /** `--project-directory`; defaults to the directory of the first file (or `cwd`). */
  readonly projectDirectory?: string;
  /** Absolute working directory of the caller (used for relative paths and discovery). */
  readonly cwd: string;
  /** `--env-file` list; defaults to `<project dir>/.env` when it exists. */
  readonly envFiles?: readonly string[];
  /** `--profile` values; COMPOSE_PROFILES is used when empty. */
  readonly profiles?: readonly string[];
  /** `--project-name`. */
  readonly projectName?: string;
  /** The process environment (wins over .env values). */
  readonly env: Readonly<Record<string, string>>;
}

/** Where one part of a port (host address, host port, container port, protocol) came from. */
export interface PartSource {
  /**
   * The range to edit: the part's exact characters when they are literal text in the file (or literal text
   * inside a `${...}` default), otherwise the `${...}` expression (origin `variable`) or the smallest range
   * covering every piece (origin `mixed`).
   */
  readonly span: Span;
  /** `literal`: copied from the text; `default`: literal text inside a `${VAR:-...}` default that was used;
   * `variable`: the value of a variable; `mixed`: several pieces; `whole`: no exact mapping (escapes, block scalars). */
  readonly origin: 'literal' | 'default' | 'variable' | 'mixed' | 'whole';
  readonly variable?: string;
  /** The `${...}` expression, for `default` and `variable`. */
  readonly expression?: Span;
  /** The text after the operator inside the expression (the default), for `default` and `variable` when present. */
  readonly operand?: Span;
  /** A variable involved was unset (its default or an empty string was used). */
  readonly unset: boolean;
}

export interface PortSource {
  /** The sequence item (scalar or mapping) that produced the port. */
  readonly item: Span;
  readonly syntax: 'short' | 'long';
  readonly hostIp?: PartSource;
  readonly published?: PartSource;
  readonly target?: PartSource;
  readonly protocol?: PartSource;
  /** The item's text was interpolated (it contains `$`). */
  readonly interpolated: boolean;
  /** Variables read while interpolating the item, and those that were unset. */
  readonly variables: readonly string[];
  readonly unsetVariables: readonly string[];
  /** Position in the expansion of a short-syntax range (0 otherwise). */
  readonly rangeIndex: number;
}

export interface PublishedPort {
  /** Host address as written ('' or absent: Docker's default binding, 0.0.0.0 and [::] unless configured). */
  readonly hostIp?: string;
  /** Host port: a port, a range 'a-b' (Docker picks one), or absent (Docker picks an ephemeral port). */
  readonly published?: string;
  readonly target: number;
  /** As compose keeps it: lower case for the short syntax, as written for the long syntax. */
  readonly protocol: string;
  readonly mode: string;
  readonly name?: string;
  readonly appProtocol?: string;
  readonly source: PortSource;
  /** The value depends on an unset variable (modelled with its default). */
  readonly dependsOnUnset: boolean;
}

export type NetworkMode =
  | { readonly kind: 'default' }
  | { readonly kind: 'bridge' | 'host' | 'none' }
  | { readonly kind: 'service' | 'container'; readonly ref: string }
  | { readonly kind: 'other'; readonly value: string };

export interface ServiceNetwork {
  /** Key in the project's `networks:`. */
  readonly key: string;
  readonly aliases: readonly string[];
  readonly ipv4Address?: string;
  readonly ipv6Address?: string;
  readonly priority?: number;
  readonly span?: Span;
}

export interface ComposeService {
  readonly name: string;
  readonly profiles: readonly string[];
  /** False when the service's profiles are all inactive (compose leaves it out). */
  readonly active: boolean;
  readonly networkMode: NetworkMode;
  /** Raw `network_mode` text when set. */
  readonly networkModeText?: string;
  /** True with `network_mode: host` (the Engine discards published ports; INPUT governs the service). */
  readonly portsIgnored: boolean;
  readonly networks: readonly ServiceNetwork[];
  readonly ports: readonly PublishedPort[];
  readonly expose: readonly string[];
  readonly span: Span;
}

export interface IpamConfig {
  readonly subnet?: string;
  readonly gateway?: string;
  readonly ipRange?: string;
}

export interface ComposeNetwork {
  readonly key: string;
  /** The Docker network name (`<project>_<key>` unless `name:` is set or it is external). */
  readonly name: string;
  readonly external: boolean;
  readonly driver?: string;
  readonly driverOpts: Readonly<Record<string, string>>;
  readonly internal: boolean;
  readonly enableIpv6?: boolean;
  readonly ipam: readonly IpamConfig[];
  /** `com.docker.network.bridge.name`. */
  readonly bridgeName?: string;
  /** `com.docker.network.bridge.host_binding_ipv4` (default host address of published ports). */
  readonly hostBindingIpv4?: string;
  readonly gatewayModeIpv4?: string;
  readonly gatewayModeIpv6?: string;
  /** `com.docker.network.bridge.enable_icc` (undefined: Docker's default, true). */
  readonly enableIcc?: boolean;
  /** Added by compose, not written in any file (the `default` network). */
  readonly implicit: boolean;
  readonly span?: Span;
}

export interface ComposeProject {
  readonly name: string;
  readonly projectDirectory: string;
  /** The compose files read, in merge order (includes extended and included files). */
  readonly files: readonly string[];
  readonly services: ReadonlyMap<string, ComposeService>;
  readonly networks: ReadonlyMap<string, ComposeNetwork>;
  readonly activeProfiles: readonly string[];
  /** Same as the Result's diagnostics, for convenience. */
  readonly diagnostics: readonly CoreDiagnostic[];
}
