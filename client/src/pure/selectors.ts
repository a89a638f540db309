/**
 * The files the client hands to the language server by name, whatever language VS Code gives
 * them: firewalld's configuration (its XML under a `firewalld` folder, such as
 * `etc/firewalld/zones/public.xml`, and `firewalld.conf`) and Podman's Quadlet units. The server
 * reads the same files (`isFirewalldFile`, the Quadlet units beside a `.container`); `.pod` and
 * `.kube` units get a note that they are not analysed. Pure.
 */
export const FIREWALLD_AND_QUADLET_PATTERNS: readonly string[] = ['**/firewalld/**/*.xml', '**/firewalld/firewalld.conf', '**/*.{container,network,pod,kube}'];

/** `workspaceContains` globs that start the extension for such a workspace (not `*.network`: systemd-networkd has those too). */
export const FIREWALLD_AND_QUADLET_ACTIVATION: readonly string[] = ['**/firewalld/zones/*.xml', '**/firewalld/firewalld.conf', '**/*.container', '**/*.pod', '**/*.kube'];
