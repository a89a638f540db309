/**
 * The pure halves of the client's commands: which port "Show packet path" is about in each way it
 * is invoked (client/src/pure/target.ts), which webview messages the extension obeys, and the
 * status bar item's text (client/src/pure/status.ts).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NO_EDITOR_MESSAGE, parseWebviewMessage, resolveTarget } from '../../client/src/pure/target';
import { plainStatusText, statusView } from '../../client/src/pure/status';
import { FIREWALLD_AND_QUADLET_ACTIVATION, FIREWALLD_AND_QUADLET_PATTERNS } from '../../client/src/pure/selectors';
import { globMatcher, isFirewalldFile } from '../../server/src/core/workspace';
import { isQuadletFile } from '../../server/src/lsp/engine';

const COMPOSE = 'file:///srv/app/compose.yaml';
const ACTIVE = { uri: COMPOSE, position: { line: 12, character: 8 } };
/** What a VS Code `Uri` looks like to the command: an object with a scheme whose toString is the URI. */
const vscodeUri = (s: string): object => ({ scheme: s.slice(0, s.indexOf(':')), path: s.slice(s.indexOf(':') + 1), toString: () => s });

describe('client: Show packet path arguments', () => {
  it('no arguments: the active editor\'s cursor', () => {
    assert.deepEqual(resolveTarget([], ACTIVE), { ok: true, params: { uri: COMPOSE, position: { line: 12, character: 8 } } });
  });

  it('no arguments and no editor: a message instead of a request', () => {
    assert.deepEqual(resolveTarget([], undefined), { ok: false, message: NO_EDITOR_MESSAGE });
  });

  it('a CodeLens argument {uri, position} wins over the cursor', () => {
    const other = 'file:///srv/other/compose.yml';
    assert.deepEqual(resolveTarget([{ uri: other, position: { line: 3, character: 6 } }], ACTIVE), {
      ok: true,
      params: { uri: other, position: { line: 3, character: 6 } },
    });
    // a Uri object as the uri, and a position without character
    assert.deepEqual(resolveTarget([{ uri: vscodeUri(other), position: { line: 3 } }], undefined), {
      ok: true,
      params: { uri: other, position: { line: 3, character: 0 } },
    });
  });

  it('(uri, position) as two arguments', () => {
    assert.deepEqual(resolveTarget([COMPOSE, { line: 1, character: 2 }], undefined), { ok: true, params: { uri: COMPOSE, position: { line: 1, character: 2 } } });
  });

  it('the context menu\'s resource URI: the cursor of the editor showing it', () => {
    assert.deepEqual(resolveTarget([vscodeUri(COMPOSE)], ACTIVE), { ok: true, params: ACTIVE });
    assert.deepEqual(resolveTarget([vscodeUri('file:///elsewhere.yaml')], ACTIVE), { ok: false, message: NO_EDITOR_MESSAGE });
  });

  it('rejects malformed arguments with a message', () => {
    for (const bad of [[{ uri: COMPOSE, position: { line: -1, character: 0 } }], [{ uri: 'not a uri', position: { line: 0, character: 0 } }], [{ uri: COMPOSE, position: null }], [42], ['relative/path.yaml']]) {
      const t = resolveTarget(bad, ACTIVE);
      assert.equal(t.ok, false, JSON.stringify(bad));
    }
    // null and undefined first arguments mean "no argument"
    assert.equal(resolveTarget([undefined], ACTIVE).ok, true);
    assert.equal(resolveTarget([null], ACTIVE).ok, true);
  });
});

describe('client: webview messages', () => {
  const allowed = new Set(['12@file:///srv/app/compose.yaml']);
  it('opens only the locations the page was given', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'open', uri: 'file:///srv/app/compose.yaml', line: 12 }, allowed), { type: 'open', uri: 'file:///srv/app/compose.yaml', line: 12 });
    assert.equal(parseWebviewMessage({ type: 'open', uri: 'file:///etc/shadow', line: 0 }, allowed), undefined);
    assert.equal(parseWebviewMessage({ type: 'open', uri: 'file:///srv/app/compose.yaml', line: 13 }, allowed), undefined);
    assert.equal(parseWebviewMessage({ type: 'open', uri: 'file:///srv/app/compose.yaml', line: '12' }, allowed), undefined);
    assert.equal(parseWebviewMessage({ type: 'run', command: 'x' }, allowed), undefined);
    assert.equal(parseWebviewMessage('open', allowed), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'refresh', extra: 1 }, allowed), { type: 'refresh' });
  });

  it('the page script posts only these two message types', () => {
    const js = readFileSync(path.resolve(__dirname, '../../media/path.js'), 'utf8');
    const types = [...js.matchAll(/postMessage\(\{ type: '(\w+)'/g)].map((m) => m[1]);
    assert.deepEqual(types.sort(), ['open', 'refresh']);
    assert.doesNotMatch(js, /innerHTML|eval\(|new Function|fetch\(|XMLHttpRequest/);
  });
});

describe('client: status bar', () => {
  it('shows the server state before any status, then the server\'s text', () => {
    assert.match(statusView('starting', undefined).text, /^\$\(sync~spin\) Dockwall$/);
    assert.match(statusView('stopped', undefined).text, /stopped/);
    assert.match(statusView('stopped', undefined).tooltip, /Restart server/);
    const v = statusView('running', { text: 'Dockwall: 2 rulesets · 3 warnings', tooltip: 'nftables.conf, rules.v4', projects: 1, rulesets: ['a'], warnings: 3, errors: 0 });
    assert.equal(v.text, '$(warning) Dockwall: 2 rulesets · 3 warnings');
    assert.equal(v.tooltip, 'nftables.conf, rules.v4\nClick to show the Dockwall output.');
    const e = statusView('running', { text: 't', tooltip: '', projects: 1, rulesets: ['/etc/nftables.conf'], warnings: 0, errors: 2 });
    assert.equal(e.text, '$(error) t');
    assert.match(e.tooltip, /Rulesets: \/etc\/nftables\.conf/);
    assert.equal(statusView('running', { text: 't', tooltip: 'x', projects: 0, rulesets: [], warnings: 0, errors: 0 }).text, '$(shield) t');
  });

  it('server text cannot inject status bar icons or line breaks', () => {
    assert.equal(plainStatusText('a $(bug) b\nc'), 'a $\u200b(bug) b c');
  });
});

describe('client: manifest', () => {
  const root = path.resolve(__dirname, '../..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    activationEvents: string[];
    icon?: string;
    contributes: {
      commands: { command: string; title: string; category?: string }[];
      menus: Record<string, { command: string; when?: string }[]>;
      configuration: { properties: Record<string, { scope?: string; default?: unknown }> };
    };
    capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } };
  };
  const clientSource = (f: string): string => readFileSync(path.join(root, 'client/src', f), 'utf8');

  it('contributes every registered command with a title, the Dockwall category and an activation event', () => {
    const registered = [...clientSource('extension.ts').matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
    assert.ok(registered.length >= 5, registered.join());
    assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), registered);
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'Dockwall', c.command);
      assert.ok(c.title.length > 3 && !c.title.startsWith('Dockwall'), c.command);
      assert.ok(pkg.activationEvents.includes(`onCommand:${c.command}`), c.command);
    }
    assert.ok(registered.includes('dockwall.showPacketPath') && registered.includes('dockwall.importHostRuleset'));
  });

  it('selects firewalld\'s files and Quadlet units by name, as the server reads them, and activates on them', () => {
    const matcher = globMatcher([...FIREWALLD_AND_QUADLET_PATTERNS]);
    const root = '/w';
    const selected = (f: string) => matcher.matches(`${root}/${f}`, root);
    for (const f of ['etc/firewalld/zones/public.xml', 'etc/firewalld/policies/p.xml', 'etc/firewalld/services/s.xml', 'etc/firewalld/direct.xml', 'etc/firewalld/firewalld.conf', 'host/firewalld/zones/docker.xml', 'usr/lib/firewalld/zones/public.xml']) {
      assert.ok(isFirewalldFile(`${root}/${f}`), f);
      assert.ok(selected(f), f);
    }
    for (const f of ['db.container', 'quadlet/back.network', 'web.pod', 'app.kube']) assert.ok(selected(f), f);
    for (const f of ['zones/public.xml', 'pom.xml', 'etc/firewalld.xml', 'compose.yaml']) assert.ok(!selected(f), f);
    assert.ok(isQuadletFile('/w/db.container'));
    for (const g of FIREWALLD_AND_QUADLET_ACTIVATION) assert.ok(pkg.activationEvents.includes(`workspaceContains:${g}`), g);
    assert.match(clientSource('server-handle.ts'), /\.\.\.FIREWALLD_AND_QUADLET_PATTERNS\.map\(\(pattern\) => \(\{ scheme: 'file', pattern \}\)\)/);
  });

  it('puts Show packet path in the editor context menu of YAML and compose files', () => {
    const item = pkg.contributes.menus['editor/context'].find((m) => m.command === 'dockwall.showPacketPath');
    assert.ok(item);
    assert.equal(item.when, 'editorLangId == yaml || editorLangId == dockercompose');
  });

  it('the program-path settings are machine-scoped and restricted in untrusted workspaces', () => {
    const props = pkg.contributes.configuration.properties;
    for (const key of ['dockwall.nftPath', 'dockwall.iptablesSavePath']) {
      assert.equal(props[key].scope, 'machine', key);
      assert.equal(props[key].default, '', key);
      assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), key);
    }
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    // every dockwall.* setting the client reads is declared
    const read = new Set<string>();
    for (const f of ['server-handle.ts', 'import-command.ts']) {
      for (const m of clientSource(f).matchAll(/(?:get|inspect)<\w+>\('(\w+)'/g)) read.add(`dockwall.${m[1]}`);
    }
    assert.ok(read.size >= 3, [...read].join());
    for (const key of read) assert.ok(props[key], `${key} declared`);
  });

  it('packages the webview assets and the icon (allow-list .vscodeignore)', () => {
    const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    assert.equal(ignore.find((l) => l && !l.startsWith('#')), '**', 'allow-list: everything excluded first');
    for (const f of ['media/path.js', 'media/path.css', 'images/icon.png']) assert.ok(ignore.includes(`!${f}`), f);
    assert.equal(pkg.icon, 'images/icon.png');
    const png = readFileSync(path.join(root, 'images/icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'icon at least 128×128');
    // the files the webview loads are the ones shipped
    const view = clientSource('packet-path.ts');
    for (const m of view.matchAll(/joinPath\(media, '([\w.]+)'\)/g)) assert.ok(ignore.includes(`!media/${m[1]}`), m[1]);
  });
});
