/**
 * `ipset save` output (server/src/core/netfilter/ipset.ts): recognised by its `create` lines, sets
 * and entries read per type, every line it cannot use reported with its span, never a throw.
 */
import { strict as assert } from 'node:assert';
import { isIpsetSave, parseIpsetSave } from '../../server/src/core/netfilter/ipset';
import { rulesetFormat } from '../../server/src/core/netfilter/load';
import { check } from '../../server/src/core/check';
import { languages } from '../../server/src/host/assets';
import { overlayReader } from '../../server/src/host/files';

const SAVE = `create ssh hash:ip family inet hashsize 1024 maxelem 65536 timeout 600
add ssh 192.0.2.7 timeout 412
create nets hash:net,port family inet6 hashsize 1024 maxelem 65536
add nets 2001:db8::/32,udp:53
create macs hash:mac hashsize 1024 maxelem 65536
add macs 02:00:00:00:00:01
create ports bitmap:port range 1024-2048
add ports 1024-1030
create all list:set size 8
add all ssh
add all missing
add nosuchset 192.0.2.1
add ports notaport
flush everything
`;

describe('ipset save output', () => {
  it('is recognised by its first create line, and only then', () => {
    assert.equal(isIpsetSave(SAVE), true);
    assert.equal(rulesetFormat('sets.conf', SAVE), 'ipset');
    assert.equal(isIpsetSave('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n'), false);
    assert.equal(isIpsetSave('# ipset\ncreate x foo\n'), false);
  });

  it('reads sets per type and reports what it cannot use, with spans', () => {
    const r = parseIpsetSave('sets.ipset', SAVE);
    const sets = r.value;
    assert.deepEqual(sets.get('ssh')?.dims, ['addr']);
    assert.equal(sets.get('ssh')?.elements.length, 1);
    assert.equal(sets.get('nets')?.family, 'ip6');
    assert.deepEqual(sets.get('nets')?.dims, ['addr', 'port']);
    assert.equal(sets.get('nets')?.elements[0].length, 3, 'address, protocol, port');
    assert.match(sets.get('macs')?.problem ?? '', /hash:mac is not modelled/);
    assert.match(sets.get('ports')?.problem ?? '', /notaport/);
    assert.match(sets.get('all')?.problem ?? '', /member missing/);
    const lines = r.diagnostics.map((d) => `${d.span.range.start.line + 1}: ${d.message}`);
    assert.deepEqual(
      lines.map((l) => l.replace(/:.*/, '')),
      ['5', '12', '13', '14', '9'],
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => l.startsWith('14: not an ipset save line')));
  });

  it('never throws on arbitrary text', () => {
    for (const t of ['', '\u0000', 'create', 'create a', 'add a b c', 'create a hash:ip family', 'create a hash:ip,port\nadd a 1.2.3.4,icmp:ping', 'create a list:set\nadd a a']) {
      const r = parseIpsetSave('x.ipset', t);
      assert.ok(r.value instanceof Map);
    }
  });
});

describe('ipset save output beside the rules of a host whose firewall manager lowers its own files', () => {
  it('a ufw host does not keep the other rulesets from reading the sets', async () => {
    const dir = '/p';
    const files = new Map<string, string>([
      [`${dir}/compose.yaml`, 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n'],
      [`${dir}/ufw/user.rules`, '*filter\n:ufw-user-input - [0:0]\nCOMMIT\n'],
      [`${dir}/sets.ipset`, 'create office hash:net family inet hashsize 1024 maxelem 65536\nadd office 198.51.100.0/24\n'],
      [`${dir}/docker-user.rules`, '*filter\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -m set ! --match-set office src -j DROP\nCOMMIT\n'],
    ]);
    const result = check({
      reader: overlayReader(files),
      cwd: dir,
      env: {},
      languages: await languages(),
      composeFiles: [`${dir}/compose.yaml`],
      projectDirectory: dir,
      ufw: { user: `${dir}/ufw/user.rules` },
      rulesetFiles: [`${dir}/sets.ipset`, `${dir}/docker-user.rules`],
    });
    const unknownSet = [...result.analysis.ruleset.unknowns, ...result.diagnostics.map((d) => ({ reason: d.message }))].filter((u) => /office/.test(u.reason));
    assert.deepEqual(unknownSet.map((u) => u.reason), []);
  });
});
