/**
 * firewalld as a firewall front end: its permanent configuration (zones, policies, services,
 * firewalld.conf) lowered to the `inet firewalld` table firewalld 1.3 writes (see lower.ts). Pure:
 * the texts are passed in.
 */
export { loadFirewalld, FIREWALLD_ENGINE_FILE, FIREWALLD_FILE, type FirewalldConfig, type FirewalldLoad, type FirewalldRuntime, type FirewalldLoadOptions, type RuntimeInterface } from './lower';
export type { FwSettings, FwText, Policy, Zone, FwForwardPort } from './config';
export { SYSTEM_DIR } from './defaults';
export { firewalldLayout, firewalldPaths, type FirewalldFiles, type ListDir } from './discover';
export { reloadCveWarnings } from './reload-cves';
export { readDirect } from './direct';
