/**
 * Live dumps of real Docker hosts (test/unit/fixtures/live/<release>-<iptables backend>/): the
 * `iptables-save`, `ip6tables-save` and `nft list ruleset` of Debian's dockerd 20.10.24, 26.1.5 and
 * 28.5.2 in network namespaces (shared/tools/realdocker), running compose.yaml beside them, after the
 * admin's input.nft was loaded at boot; probes.txt holds what real packets showed on that host
 * (`RELEASE BACKEND PROTO PORT client=… client2=… v6=…`: from 203.0.113.2 to 203.0.113.1 on eth0,
 * from 198.51.100.2 to 198.51.100.1 on eth1, from 2001:db8:1::2 to 2001:db8:1::1 on eth0).
 *
 * From the dumps alone, Dockwall must attribute every rule of Docker's to Docker, keep the admin's
 * rules out of it, find the bridges and published ports, and give each probe the verdict the real
 * packets saw.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { check, type CheckResult } from '../../server/src/core/check';
import { contains, parseIp } from '../../server/src/core/net/ip';
import { languages } from '../../server/src/host/assets';
import { overlayReader } from '../../server/src/host/files';

const ROOT = path.join(__dirname, 'fixtures', 'live');
const DOCKER_CHAIN = /^DOCKER(-|$)/;

interface Probe {
  readonly proto: string;
  readonly port: number;
  readonly iif: string;
  readonly saddr: string;
  readonly daddr: string;
  readonly reachable: boolean;
}

function probesOf(dir: string, release: string, backend: string): Probe[] {
  const out: Probe[] = [];
  for (const line of readFileSync(path.join(dir, '..', 'probes.txt'), 'utf8').split('\n')) {
    const m = /^(\S+) (\S+) (tcp|udp) (\d+) client=(\w+) client2=(\w+) v6=(\w+)$/.exec(line.trim());
    if (!m || m[1] !== release || m[2] !== backend) continue;
    const base = { proto: m[3], port: Number(m[4]) };
    out.push({ ...base, iif: 'eth0', saddr: '203.0.113.2', daddr: '203.0.113.1', reachable: m[5] === 'reachable' });
    out.push({ ...base, iif: 'eth1', saddr: '198.51.100.2', daddr: '198.51.100.1', reachable: m[6] === 'reachable' });
    out.push({ ...base, iif: 'eth0', saddr: '2001:db8:1::2', daddr: '2001:db8:1::1', reachable: m[7] === 'reachable' });
  }
  return out;
}

/** Dockwall's verdict for a probe: the class of its source on its interface, for the binding that serves its destination. */
function verdictOf(r: CheckResult, p: Probe): string {
  const d = parseIp(p.daddr)!;
  const s = parseIp(p.saddr)!;
  for (const port of r.analysis.ports) {
    const b = port.binding;
    if (b.proto !== p.proto || b.hostPort !== p.port) continue;
    for (const probe of port.probes) {
      const pd = parseIp(probe.daddr)!;
      if (pd.v !== d.v || pd.n !== d.n) continue;
      const c = probe.classes.find((x) => x.iif === p.iif && x.sources.some((iv) => contains(iv, s)));
      if (c) return c.verdict;
    }
  }
  return 'not published';
}

describe('live dumps of real Docker hosts', () => {
  for (const name of existsSync(ROOT) ? readdirSync(ROOT).filter((n) => /^\d/.test(n)).sort() : []) {
    const dir = path.join(ROOT, name);
    const [release, backend] = name.split('-');
    for (const form of ['iptables-save', 'nft list ruleset'] as const) {
      const files = form === 'iptables-save' ? ['rules.v4', 'rules.v6'] : ['ruleset.nft'];
      // iptables-legacy tables do not show in `nft list ruleset`.
      if (form === 'nft list ruleset' && backend === 'legacy') continue;
      it(`${name}: from ${form} alone, Docker's rules are Docker's and every verdict is what the real packets saw`, async () => {
        const rulesets = [...files.map((f) => path.join(dir, f)), ...(form === 'iptables-save' ? [path.join(ROOT, 'input.nft')] : [])];
        const r = check({
          reader: overlayReader(new Map()),
          cwd: ROOT,
          env: {},
          languages: await languages(),
          composeFiles: [path.join(ROOT, 'compose.yaml')],
          rulesetFiles: rulesets,
          hostFile: path.join(ROOT, 'host.json'),
        });
        assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
        // Attribution: every rule in Docker's chains (but the admin's in DOCKER-USER) is Docker's; the admin's table is not.
        for (const t of r.analysis.ruleset.tables)
          for (const c of t.chains.values())
            for (const rule of c.rules) {
              if (DOCKER_CHAIN.test(c.name) && c.name !== 'DOCKER-USER') assert.ok(rule.origin, `${t.ref.name} ${c.name}: ${rule.text} is Docker's`);
              if (t.ref.family === 'inet') assert.equal(rule.origin, undefined, `${rule.text} is the admin's`);
            }
        // The baseline holds no Docker chain (but DOCKER-USER, where the admin's rules live) and no jump into one.
        for (const t of r.analysis.adminRuleset.tables)
          for (const c of t.chains.values()) {
            assert.ok(!DOCKER_CHAIN.test(c.name) || c.name === 'DOCKER-USER', `baseline has ${c.name}`);
            for (const rule of c.rules) assert.ok(!/DOCKER(?!-USER)/.test(rule.text), `baseline keeps ${rule.text}`);
          }
        // Docker's bridges and published ports come from the dump, and every compose item is matched.
        assert.ok(r.analysis.docker.networks.some((n) => n.bridge === 'docker0'));
        assert.deepEqual(r.findings.filter((f) => f.code === 'DW006'), [], 'a dump is not a file one restores over Docker');
        const probes = probesOf(dir, release, backend);
        assert.ok(probes.length >= 9, 'probes recorded');
        // The harness's listener serves IPv4 only: a probe Docker DNATs to a container's IPv6 address
        // is refused by the container, whatever the firewall does, so it judges nothing here.
        const v6Dnat = (p: Probe): boolean => p.daddr.includes(':') && r.analysis.docker.bindings.some((b) => b.path === 'dnat' && b.containerIp.includes(':') && b.hostPort === p.port && b.proto === p.proto);
        const judged = probes.filter((p) => !v6Dnat(p));
        assert.ok(judged.length >= 9);
        const wrong = judged.filter((p) => (verdictOf(r, p) === 'accept') !== p.reachable).map((p) => `${p.proto}/${p.port} ${p.iif} ${p.saddr}→${p.daddr}: real ${p.reachable ? 'reachable' : 'blocked'}, Dockwall ${verdictOf(r, p)}`);
        assert.deepEqual(wrong, []);
        // `nft list ruleset` may show an iptables-nft rule only as an opaque xt expression (nft 1.0.6
        // cannot decode ip6tables' DNAT): what rests on it is unknown, and a warning says which dump reads it.
        const unknown = judged.filter((p) => verdictOf(r, p) === 'unknown');
        const xtWarned = r.diagnostics.some((d) => d.severity === 'warning' && /written by iptables-nft/.test(d.message));
        if (form === 'iptables-save' || !xtWarned) assert.deepEqual(unknown, []);
      });
    }
  }
});
