/**
 * The three `nft list ruleset` dumps of Docker 24.0.3 in the seed article
 * (shared/seed/docker-firewall-hole.ja.txt): no published port, `-p 8080:8080`,
 * `-p 192.0.2.100:8080:8080`. They are extracted at test time and loaded as they are.
 */
import { readFileSync } from 'node:fs';
import type { Expectation, Scenario } from '../scenario';
import { ADDR } from '../topology';
import { parseMappings, shared, standardProbes } from './shared';

/** The dumps: each starts after a `list ruleset` command line and runs while lines are table blocks. */
export function extractDumps(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const dumps: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^#\s*sudo nft (-s )?list ruleset/.test(lines[i])) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && (/^(table |\s|})/.test(lines[j]) || lines[j] === '')) {
      if (lines[j] === '' && !/^(table |\s)/.test(lines[j + 1] ?? '')) break;
      body.push(lines[j]);
      j++;
    }
    dumps.push(body.join('\n').trimEnd() + '\n');
    i = j;
  }
  return dumps;
}

export function seedScenarios(): { scenarios: Scenario[]; skipped?: string } {
  const file = shared('seed', 'docker-firewall-hole.ja.txt');
  if (!file) return { scenarios: [], skipped: 'shared/seed is absent; seed dumps skipped' };
  const dumps = extractDumps(readFileSync(file, 'utf8'));
  if (dumps.length !== 3) throw new Error(`expected 3 rulesets in the seed article, found ${dumps.length}`);
  const variants = [
    { name: 'no published port', mapping: undefined },
    { name: '-p 8080:8080', mapping: '8080:8080' },
    { name: '-p 192.0.2.100:8080:8080', mapping: '192.0.2.100:8080:8080' },
  ];
  return {
    scenarios: dumps.map((text, i) => {
      const v = variants[i];
      const maps = parseMappings(v.mapping ?? '8080:8080');
      const probes = standardProbes(maps);
      // Expected: DNAT to the container where published (on every local address, or the one given)
      // unless the packet comes from docker0; everything else is delivered locally (no INPUT rules),
      // except direct traffic to the container, which only the per-port ACCEPT lets through.
      const expect = probes.map((p): Expectation => {
        const published = v.mapping !== undefined && p.dport === 8080 && p.proto === 'tcp';
        if (p.daddr === ADDR.ctr) return published ? { at: 'ctr', dport: 8080 } : p.from === 'host' ? { at: 'ctr' } : { at: 'nowhere' };
        const onAddr = maps[0].hostIp === undefined || maps[0].hostIp === p.daddr;
        if (published && onAddr && p.from !== 'ctr') return { at: 'ctr', dport: 8080 };
        return { at: 'host', dport: p.dport };
      });
      return { name: `seed Docker 24 dump ${i + 1} (${v.name})`, source: 'seed', files: [{ name: `seed-dump-${i + 1}.nft`, form: 'nft', text }], probes, expect };
    }),
  };
}
