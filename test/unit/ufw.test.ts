/**
 * ufw as `ufw enable` loads it (server/src/core/ufw): the settings and their announcements, the
 * layouts a folder can hold, the skeleton's exact texts, and DW001's ufw fix on a real ufw host's
 * files (goldens `<file>.DW001.fixed` next to the files, written with UPDATE_GOLDEN=1). The
 * skeleton is compared rule for rule with the real ufw by test/ufw-diff (root).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { loadUfw, ufwLayout, SKELETON_FILE } from '../../server/src/core/ufw';
import { languages } from '../../server/src/host/assets';
import { overlayReader } from '../../server/src/host/files';
import { discoverHost } from '../../server/src/cli/commands/check';
import { runFixture } from './helpers/finding-fixture';

const FIXTURES = path.join(__dirname, 'fixtures', 'findings');
const text = (file: string, t: string) => ({ file, text: t });

describe('ufw: what `ufw enable` loads', () => {
  it('announces every assumed setting, and ENABLED=no', async () => {
    const user = text('/h/user.rules', '*filter\n:ufw-user-input - [0:0]\nCOMMIT\n');
    const none = loadUfw({ user }, await languages());
    const notes = none.diagnostics.map((d) => `${d.severity}: ${d.message}`);
    assert.ok(notes.some((n) => n.startsWith('information: no /etc/default/ufw given: IPV6=yes, DEFAULT_INPUT_POLICY="DROP", DEFAULT_OUTPUT_POLICY="ACCEPT", DEFAULT_FORWARD_POLICY="DROP", MANAGE_BUILTINS=no assumed')), notes.join('\n'));
    assert.ok(notes.some((n) => n.includes('no ufw.conf given: ENABLED=yes, LOGLEVEL=low assumed')), notes.join('\n'));
    const off = loadUfw({ user, conf: text('/h/ufw.conf', 'ENABLED=no\nLOGLEVEL=off\n'), defaults: text('/h/default', 'IPV6=no\nDEFAULT_INPUT_POLICY="REJECT"\nDEFAULT_OUTPUT_POLICY=ACCEPT\nDEFAULT_FORWARD_POLICY="ACCEPT"\nMANAGE_BUILTINS=no\n') }, await languages());
    assert.deepEqual(
      off.diagnostics.map((d) => `${d.span.file}:${d.span.range.start.line + 1} ${d.severity}`),
      ['/h/ufw.conf:1 warning', '/h/user.rules:1 warning', '/h/user.rules:1 warning'],
      off.diagnostics.map((d) => d.message).join('\n'),
    );
    assert.equal(off.value.settings.input.value, 'REJECT');
    assert.equal(off.value.settings.ipv6.value, false);
  });

  it('builds the skeleton: policies, jumps, REJECT and tracking, IPV6=no', async () => {
    const load = loadUfw(
      {
        defaults: text('/h/default', 'IPV6=no\nDEFAULT_INPUT_POLICY="REJECT"\nDEFAULT_FORWARD_POLICY="ACCEPT"\n'),
        conf: text('/h/ufw.conf', 'ENABLED=yes\nLOGLEVEL=off\n'),
        before: text('/h/before.rules', '*filter\n:ufw-before-input - [0:0]\n-A ufw-before-input -i lo -j ACCEPT\nCOMMIT\n'),
        after: text('/h/after.rules', '*filter\n:ufw-after-input - [0:0]\nCOMMIT\n'),
        user: text('/h/user.rules', '*filter\n:ufw-user-input - [0:0]\n### RULES ###\n-A ufw-user-input -p tcp --dport 22 -j ACCEPT\n### END RULES ###\nCOMMIT\n'),
      },
      await languages(),
    );
    const rs = buildRuleset(load.value.sources.map((s) => s.result.value));
    assert.deepEqual(rs.diagnostics, []);
    const v4 = rs.value.tables.find((t) => t.ref.family === 'ip' && t.ref.name === 'filter')!;
    const v6 = rs.value.tables.find((t) => t.ref.family === 'ip6' && t.ref.name === 'filter')!;
    const rules = (t: typeof v4, c: string) => t.chains.get(c)!.rules.map((r) => r.text);
    assert.equal(v4.chains.get('INPUT')!.base!.policy, 'drop', 'REJECT is DROP on the built-in chain');
    assert.equal(v4.chains.get('FORWARD')!.base!.policy, 'accept');
    assert.deepEqual(rules(v4, 'INPUT'), ['-A INPUT -j ufw-before-logging-input', '-A INPUT -j ufw-before-input', '-A INPUT -j ufw-after-input', '-A INPUT -j ufw-after-logging-input', '-A INPUT -j ufw-reject-input', '-A INPUT -j ufw-track-input']);
    assert.deepEqual(rules(v4, 'ufw-reject-input'), ['-A ufw-reject-input -j REJECT']);
    assert.deepEqual(rules(v4, 'ufw-track-forward'), ['-A ufw-track-forward -p tcp -m conntrack --ctstate NEW -j ACCEPT', '-A ufw-track-forward -p udp -m conntrack --ctstate NEW -j ACCEPT']);
    assert.deepEqual(rules(v4, 'ufw-skip-to-policy-input'), ['-A ufw-skip-to-policy-input -j REJECT']);
    assert.deepEqual(rules(v4, 'ufw-before-input'), ['-A ufw-before-input -i lo -j ACCEPT', '-A ufw-before-input -j ufw-user-input']);
    assert.deepEqual(rules(v4, 'ufw-user-logging-input'), ['-I ufw-user-logging-input -j RETURN'], 'LOGLEVEL=off puts RETURN in the user logging chains');
    assert.deepEqual(rules(v4, 'ufw-after-logging-input'), [], 'LOGLEVEL=off: no LOG rules');
    assert.deepEqual([...v6.chains.keys()].sort(), ['FORWARD', 'INPUT', 'OUTPUT']);
    assert.deepEqual(rules(v6, 'INPUT'), ['-A INPUT -i lo -j ACCEPT']);
    assert.equal(v6.chains.get('OUTPUT')!.base!.policy, 'drop');
    // the skeleton's rules are cited in its virtual file, whose text holds them at their spans
    const skel = load.value.virtualTexts.get(SKELETON_FILE.ip)!;
    const r = v4.chains.get('ufw-reject-input')!.rules[0];
    assert.equal(r.span.file, SKELETON_FILE.ip);
    assert.equal(skel.slice(r.span.start, r.span.end), '-A ufw-reject-input -j REJECT');
    const u = v4.chains.get('ufw-user-input')!.rules[0];
    assert.equal(u.span.file, '/h/user.rules');
    assert.equal(u.span.range.start.line, 3);
  });

  it('finds ufw hosts in etc/ufw, ufw/ and the folder itself', () => {
    const has = (files: string[]) => (p: string) => files.includes(p);
    assert.deepEqual(ufwLayout('/p', has(['/p/etc/ufw/user.rules', '/p/etc/ufw/before.rules', '/p/etc/default/ufw', '/p/etc/ufw/ufw.conf'])), {
      user: '/p/etc/ufw/user.rules',
      before: '/p/etc/ufw/before.rules',
      conf: '/p/etc/ufw/ufw.conf',
      defaults: '/p/etc/default/ufw',
    });
    assert.deepEqual(ufwLayout('/p', has(['/p/ufw/user6.rules', '/p/default/ufw'])), { user6: '/p/ufw/user6.rules', defaults: '/p/default/ufw' });
    assert.deepEqual(ufwLayout('/p', has(['/p/before.rules', '/p/after.rules'])), { before: '/p/before.rules', after: '/p/after.rules' });
    assert.equal(ufwLayout('/p', has(['/p/after.rules'])), undefined, 'an after.rules alone is a snippet');
    assert.deepEqual(ufwLayout('/etc/ufw', has(['/etc/ufw/user.rules', '/etc/default/ufw']), true), { user: '/etc/ufw/user.rules', defaults: '/etc/default/ufw' });
  });

  it('dockwall check DIR reads the ufw folder of DIR as one host, the other rule files as rulesets', () => {
    const dir = path.join(FIXTURES, 'dw001-ufw-deny');
    const host = discoverHost(dir);
    assert.deepEqual(host.rulesetFiles, []);
    assert.deepEqual(Object.keys(host.ufw ?? {}).sort(), ['after', 'after6', 'before', 'before6', 'conf', 'defaults', 'user', 'user6']);
    assert.equal(host.ufw?.defaults, path.join(dir, 'etc/default/ufw'));
    const loose = discoverHost(path.join(FIXTURES, 'dw005-iptables-append-after-return'));
    assert.equal(loose.ufw, undefined);
    assert.equal(loose.rulesetFiles.length, 1);
  });

  it('IPV6=no closes the [::] side of a published port that IPV6=yes leaves open', async () => {
    const dir = path.join(FIXTURES, 'ufw-ipv6-no');
    const web = (r: Awaited<ReturnType<typeof runFixture>>) => r.findings.find((f) => f.code === 'DW002')!.message;
    const no = web(await runFixture(dir));
    assert.ok(no.includes('IPv4 on 198.51.100.1') && !no.includes('IPv6'), no);
    const defaults = path.join(dir, 'etc/default/ufw');
    const yes = web(await runFixture(dir, overlayReader(new Map([[defaults, readFileSync(defaults, 'utf8').replace('IPV6=no', 'IPV6=yes')]]))));
    assert.ok(yes.includes('IPv6'), yes);
  });

  it('DW001 on a ufw host: the fix is `ufw route deny` with DOCKER-USER sent through ufw-user-forward', async () => {
    const dir = path.join(FIXTURES, 'dw001-ufw-deny');
    const result = await runFixture(dir);
    const dw001 = result.findings.find((f) => f.code === 'DW001')!;
    const fix = dw001.fixes!.find((f) => f.title.startsWith('ufw '))!;
    assert.equal(fix.title, "ufw route deny proto tcp from any to any port 5432 (and send DOCKER-USER through ufw's route rules in after.rules)");
    assert.deepEqual([...new Set(fix.edits.map((e) => path.relative(dir, e.file)))].sort(), ['etc/ufw/after.rules', 'etc/ufw/user.rules', 'etc/ufw/user6.rules']);
    // the edited files are compared with their goldens (and loaded with the real tools) by findings-ruleset-fixes.test.ts
    assert.ok(existsSync(path.join(dir, 'etc/ufw/user.rules.DW001.fixed')));
  });
});
