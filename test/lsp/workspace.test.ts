/**
 * The pure workspace module the server uses: which files the settings' globs select and which
 * rulesets each compose project is paired with (server/src/core/workspace).
 */
import assert from 'node:assert/strict';
import { absoluteEntries, globMatcher, globToRegExp, pairProjects } from '../../server/src/core/workspace';
import { moveRange } from '../../server/src/lsp/session';
import { DEFAULT_SETTINGS, initialSettings, parseSettings } from '../../server/src/lsp/settings';

describe('workspace: globs and pairing', () => {
  it('a ufw folder beside a project is its ufw host, not loose rulesets', () => {
    const [p] = pairProjects({
      roots: ['/ws'],
      composeFiles: ['/ws/app/compose.yaml'],
      workspaceRulesets: ['/ws/app/etc/ufw/user.rules', '/ws/app/etc/ufw/before.rules', '/ws/app/etc/ufw/after.rules', '/ws/app/extra.rules'],
      ufwSettings: ['/ws/app/etc/default/ufw', '/ws/app/etc/ufw/ufw.conf'],
    });
    assert.deepEqual(p.rulesets, ['/ws/app/extra.rules']);
    assert.deepEqual(p.ufw, { before: '/ws/app/etc/ufw/before.rules', user: '/ws/app/etc/ufw/user.rules', after: '/ws/app/etc/ufw/after.rules', conf: '/ws/app/etc/ufw/ufw.conf', defaults: '/ws/app/etc/default/ufw' });
  });

  it('globs: ** across folders, * within one, {a,b}, [..], bare names at any depth', () => {
    const cases: [string, string, boolean][] = [
      ['**/*.nft', 'a.nft', true],
      ['**/*.nft', 'x/y/a.nft', true],
      ['**/*.nft', 'x/a.nftx', false],
      ['*.nft', 'deep/er/a.nft', true],
      ['hosts/*.rules', 'hosts/a.rules', true],
      ['hosts/*.rules', 'hosts/x/a.rules', false],
      ['**/rules.v{4,6}', 'fw/rules.v6', true],
      ['**/rules.v[46]', 'fw/rules.v5', false],
      ['**/compose.yaml', 'compose.yaml', true],
      ['./stacks/**', 'stacks/a/b.yaml', true],
    ];
    for (const [glob, rel, want] of cases) assert.equal(globToRegExp(glob).test(rel), want, `${glob} ~ ${rel}`);
    const m = globMatcher(['**/*.nft', '/etc/nftables.conf']);
    assert.ok(m.matches('/ws/a/b.nft', '/ws'));
    assert.ok(!m.matches('/other/b.nft', '/ws'), 'outside the folder');
    assert.ok(m.matches('/etc/nftables.conf', '/ws'), 'absolute entries match that path');
    assert.deepEqual(absoluteEntries(['**/*.nft', '/etc/nftables.conf', '/etc/*.nft']), ['/etc/nftables.conf']);
  });

  it('pairs a project with the rulesets of its folder and its parents up to the workspace root, then absolute, then imported ones', () => {
    const projects = pairProjects({
      roots: ['/ws'],
      composeFiles: ['/ws/apps/web/compose.yaml', '/ws/apps/web/compose.override.yaml', '/ws/db/docker-compose.yml'],
      workspaceRulesets: ['/ws/apps/web/extra.nft', '/ws/nftables.conf', '/ws/apps/b.nft', '/ws/apps/a.nft', '/ws/db/rules.v4', '/ws/other/x.nft', '/elsewhere.nft'],
      absoluteRulesets: ['/etc/nftables.conf'],
      imported: ['<host: iptables-save>'],
    });
    assert.deepEqual(
      projects.map((p) => [p.directory, p.composeFiles, p.rulesets]),
      [
        ['/ws/apps/web', ['/ws/apps/web/compose.yaml', '/ws/apps/web/compose.override.yaml'], ['/ws/nftables.conf', '/ws/apps/a.nft', '/ws/apps/b.nft', '/ws/apps/web/extra.nft', '/etc/nftables.conf', '<host: iptables-save>']],
        ['/ws/db', ['/ws/db/docker-compose.yml'], ['/ws/nftables.conf', '/ws/db/rules.v4', '/etc/nftables.conf', '<host: iptables-save>']],
      ],
    );
  });

  it('settings: defaults, per-value checks, initializationOptions forms', () => {
    assert.deepEqual(parseSettings(undefined), DEFAULT_SETTINGS);
    const s = parseSettings({ backend: 'nftables', debounceMs: -1, severity: { DW001: 'off', DW002: 'loud' }, rulesets: 'x' });
    assert.equal(s.backend, 'nftables');
    assert.equal(s.debounceMs, DEFAULT_SETTINGS.debounceMs, 'negative debounce ignored');
    assert.deepEqual(s.severity, { DW001: 'off' }, 'unknown severities dropped');
    assert.deepEqual(s.rulesets, DEFAULT_SETTINGS.rulesets, 'non-array ignored');
    assert.equal(initialSettings({ settings: { dockwall: { debounceMs: 5 } } }).debounceMs, 5);
    assert.equal(initialSettings({ dockwall: { dockerVersion: '27' } }).dockerVersion, '27');
    assert.equal(initialSettings({ debounceMs: 0 }).debounceMs, 0, 'the older top-level debounceMs');
  });
});

describe('moveRange: previous diagnostics follow the edits until the analysis catches up', () => {
  const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  const change = (range: ReturnType<typeof r>, text: string) => ({ range, text });

  it('keeps ranges before the edit, shifts those after it, drops those it overlaps', () => {
    const d = r(3, 4, 3, 10);
    assert.deepEqual(moveRange(d, [change(r(5, 0, 5, 0), 'x\n')]), d, 'edit after: unchanged');
    assert.deepEqual(moveRange(d, [change(r(1, 0, 1, 0), 'a\nb\n')]), r(5, 4, 5, 10), 'two lines inserted above');
    assert.deepEqual(moveRange(d, [change(r(3, 0, 3, 2), '')]), r(3, 2, 3, 8), 'two characters deleted before it on its line');
    assert.deepEqual(moveRange(d, [change(r(2, 3, 3, 1), 'zz')]), r(2, 8, 2, 14), 'a line join before it');
    assert.equal(moveRange(d, [change(r(3, 5, 3, 6), 'q')]), undefined, 'an edit inside it');
    assert.equal(moveRange(d, [{ text: 'whole' }]), undefined, 'a full-text change');
    assert.deepEqual(moveRange(d, [change(r(0, 0, 0, 0), '\n'), change(r(6, 0, 6, 0), 'tail')]), r(4, 4, 4, 10), 'changes apply in order');
  });
});
