/**
 * An iptables-restore file that inserts into DOCKER-USER without declaring it is loaded after
 * Docker, and only `iptables-restore --noflush` can load it (a full restore flushes the filter table,
 * DOCKER-USER included, and then fails). The analysis must lower it that way: Docker's FORWARD
 * rules stay and only the admin's DOCKER-USER rule is added (checked on the kernel by
 * test/kernel/regressions/after-docker-iptables-noflush.json).
 */
import assert from 'node:assert/strict';
import { analyse } from '../../server/src/core/analysis';
import { loadComposeProject } from '../../server/src/core/compose';
import { parseHost } from '../../server/src/core/netfilter/host';
import { LineIndex } from '../../server/src/core/text';
import { languages } from '../../server/src/host/assets';

describe('analysis: admin iptables file loaded after Docker', () => {
  it('is restored with --noflush: DOCKER-USER gains the rule, Docker keeps its FORWARD rules', async () => {
    const files: Record<string, string> = { '/p/compose.yaml': 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n' };
    const project = loadComposeProject({ read: (f) => files[f], exists: (f) => f in files }, { cwd: '/p', env: {}, files: ['compose.yaml'] }).value;
    const a = analyse({
      project,
      rulesets: [{ file: 'docker-user.rules', text: '*filter\n-I DOCKER-USER -i eth0 -j DROP\nCOMMIT\n' }],
      languages: await languages(),
      dockerVersion: '28.2.2',
      host: parseHost({ interfaces: { eth0: { addresses: ['198.51.100.1/24'] }, eth1: { addresses: ['203.0.113.1/24'] } }, routes: [] }, new LineIndex('').span('host', 0, 0)).value,
    });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
    assert.equal(a.sources[0].afterDocker, true);
    const v4 = a.ports.find((p) => p.binding.hostIp === '0.0.0.0' && p.binding.hostPort === 8080)!;
    const cls = v4.probes.flatMap((p) => p.classes);
    const eth0 = cls.filter((c) => c.iif === 'eth0');
    assert.ok(eth0.length > 0);
    for (const c of eth0) assert.equal(c.verdict, 'drop', 'DOCKER-USER drops eth0');
    // Other interfaces pass DOCKER-USER and Docker's own FORWARD rules accept the published port.
    const other = cls.filter((c) => c.iif !== 'eth0');
    assert.ok(other.length > 0);
    for (const c of other) {
      assert.equal(c.verdict, 'accept', `${c.iif}: ${c.decidedBy?.kind}`);
      assert.equal(c.delivery, 'forward');
      assert.equal(c.final.dport, 80);
    }
  });
});
