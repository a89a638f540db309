/**
 * Locating the shared reference material (read at test time, never copied into the repository) and
 * the standard probe set used by several scenario sources.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Mapping } from '../docker24';
import type { Expectation, Probe, Scenario } from '../scenario';
import { ADDR } from '../topology';

export const repoRoot = path.resolve(__dirname, '../../..');
export const sharedDir = path.resolve(repoRoot, '../shared');

/** The shared folder, or undefined (with the reason) when it is absent. */
export function shared(...parts: string[]): string | undefined {
  const p = path.join(sharedDir, ...parts);
  return existsSync(p) ? p : undefined;
}

/** `[HOSTIP:]HPORT:CPORT[/udp]`, comma-separated (the oracle's mapping syntax). */
export function parseMappings(text: string): Mapping[] {
  return text.split(',').map((m) => {
    let proto: 'tcp' | 'udp' = 'tcp';
    let rest = m;
    const slash = rest.indexOf('/');
    if (slash >= 0) {
      proto = rest.slice(slash + 1) === 'udp' ? 'udp' : 'tcp';
      rest = rest.slice(0, slash);
    }
    const parts = rest.split(':');
    const cport = Number(parts.pop());
    const hport = Number(parts.pop());
    const hostIp = parts.length ? parts.join(':') : undefined;
    return { hostIp, hport, cport, proto };
  });
}

/**
 * Probes that exercise published ports from both client interfaces and several sources, the host's
 * other addresses, an unpublished port (local delivery), the container's address directly, and the
 * host and container as senders.
 */
export function standardProbes(maps: readonly Mapping[], opts: { v6?: boolean; closedPort?: number } = {}): Probe[] {
  const out: Probe[] = [];
  const add = (p: Probe): void => {
    if (!out.some((q) => JSON.stringify(q) === JSON.stringify(p))) out.push(p);
  };
  for (const m of maps) {
    const { proto, hport, cport } = m;
    add({ from: 'ext0', proto, daddr: ADDR.hostEth0, dport: hport });
    add({ from: 'ext1', proto, daddr: ADDR.hostEth1, dport: hport });
    add({ from: 'ext0', src: ADDR.ext0[1], proto, daddr: ADDR.hostExtra, dport: hport });
    add({ from: 'ext1', proto, daddr: ADDR.hostEth0, dport: hport });
    add({ from: 'ext1', proto, daddr: ADDR.ctr, dport: cport });
    add({ from: 'host', proto, daddr: ADDR.hostEth0, dport: hport });
    add({ from: 'ctr', proto, daddr: ADDR.hostDocker0, dport: hport });
    if (opts.v6) {
      add({ from: 'ext0', proto, daddr: ADDR.hostEth0v6, dport: hport });
      add({ from: 'ext1', proto, daddr: ADDR.hostEth1v6, dport: hport });
      add({ from: 'ext0', src: ADDR.ext0v6[1], proto, daddr: ADDR.hostExtraV6, dport: hport });
      add({ from: 'ext1', proto, daddr: ADDR.ctrV6, dport: cport });
    }
  }
  const closed = opts.closedPort ?? 9000;
  add({ from: 'ext0', proto: 'tcp', daddr: ADDR.hostEth0, dport: closed });
  add({ from: 'ext1', proto: 'udp', daddr: ADDR.hostEth1, dport: closed });
  if (opts.v6) add({ from: 'ext0', proto: 'tcp', daddr: ADDR.hostEth0v6, dport: closed });
  return out;
}

/** A probe to the host itself and what should become of it over IPv4 and IPv6 (`v6port`: the IPv6 probe's port, default `dport`). */
export interface HostCase {
  readonly proto?: 'tcp' | 'udp';
  readonly dport: number;
  readonly v6port?: number;
  readonly v4: Expectation;
  readonly v6: Expectation;
}

/** One scenario of probes from ext0 to the host's eth0 addresses (both IP versions) against one nft file. */
export function hostScenario(name: string, source: string, file: string, text: string, cases: readonly HostCase[]): Scenario {
  const probes: Probe[] = [];
  const expect: Expectation[] = [];
  for (const c of cases) {
    const proto = c.proto ?? 'tcp';
    probes.push({ from: 'ext0', proto, daddr: ADDR.hostEth0, dport: c.dport }, { from: 'ext0', proto, daddr: ADDR.hostEth0v6, dport: c.v6port ?? c.dport });
    expect.push(c.v4, c.v6);
  }
  return { name, source, files: [{ name: file, form: 'nft', text }], probes, expect };
}
