/**
 * Compose model: fixture folders under fixtures/compose/<case>/ hold compose files whose comment lines
 * carry inline expectations about the line above them (the nearest line that is not a marker):
 *
 *   - "127.0.0.1:8080:80"
 *   #  ^^^^^^^^^ web#0 hostIp literal      part span of port 0 of service web, and its origin
 *   #  ^^^^^^^^^^^^^^^^^^^ web#0 item       the sequence item that produced it
 *   #  ^^^ web#1 published.expr             the ${...} expression (or .operand: the default text)
 *   #  ^^^ error some text                  a diagnostic with exactly this range, containing the text
 *   #  ^^^ app#2 item-start                 only the start of a (multi-line) item
 *
 * An optional case.json gives {"files", "env", "profiles"}; otherwise compose's discovery is used.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { interpolate, loadComposeProject, parseShortPort, type FileReader, type PartSource, type PublishedPort } from '../../server/src/core/compose';
import type { Span } from '../../server/src/core/text';

const fixtures = path.join(__dirname, 'fixtures/compose');

function memReader(files: Record<string, string>): FileReader {
  return { read: (p) => files[p], exists: (p) => p in files };
}

interface Marker {
  file: string;
  line: number; // 0-based line the carets point at
  start: number;
  end: number;
  what: string;
  origin?: string;
  text: string;
}

function markers(file: string, text: string): Marker[] {
  const lines = text.split('\n');
  const out: Marker[] = [];
  let target = -1;
  lines.forEach((l, i) => {
    const m = /^#(\s*)(\^+)\s+(\S+)\s*(.*)$/.exec(l);
    if (!m) {
      target = i;
      return;
    }
    const start = 1 + m[1].length;
    out.push({ file, line: target, start, end: start + m[2].length, what: m[3], origin: m[4] || undefined, text: l });
  });
  return out;
}

function sameRange(span: Span, m: Marker): boolean {
  return span.file === m.file && span.range.start.line === m.line && span.range.end.line === m.line && span.range.start.character === m.start && span.range.end.character === m.end;
}

function show(span: Span | undefined): string {
  return span ? `${path.basename(span.file)}:${span.range.start.line + 1}:${span.range.start.character}-${span.range.end.character}` : 'none';
}

describe('compose model fixtures (inline source-range markers)', () => {
  for (const name of fs.readdirSync(fixtures).sort()) {
    it(name, () => {
      const dir = path.join(fixtures, name);
      const files: Record<string, string> = {};
      for (const f of fs.readdirSync(dir)) files[path.join(dir, f)] = fs.readFileSync(path.join(dir, f), 'utf8');
      const cfgPath = path.join(dir, 'case.json');
      const cfg = cfgPath in files ? (JSON.parse(files[cfgPath]) as { files?: string[]; env?: Record<string, string>; profiles?: string[] }) : {};
      const r = loadComposeProject(memReader(files), { cwd: dir, files: cfg.files, env: cfg.env ?? {}, profiles: cfg.profiles, projectName: 'fx' });
      const all = Object.entries(files).filter(([f]) => /\.ya?ml$/.test(f)).flatMap(([f, t]) => markers(f, t));
      assert.ok(all.length > 0, 'fixture has no markers');
      const expectedErrors = all.filter((m) => m.what === 'error');
      for (const m of all) {
        if (m.what === 'error') {
          const d = r.diagnostics.find((x) => x.severity === 'error' && sameRange(x.span, m));
          assert.ok(d, `${m.text}: no error diagnostic at ${m.line + 1}:${m.start}-${m.end}; got ${r.diagnostics.map((x) => `${show(x.span)} ${x.message}`).join('; ')}`);
          if (m.origin) assert.ok(d.message.includes(m.origin), `${m.text}: message was ${d.message}`);
          continue;
        }
        const mm = /^([\w-]+)#(\d+)$/.exec(m.what.split(' ')[0]);
        assert.ok(mm, `bad marker ${m.text}`);
        const svc = r.value.services.get(mm[1]);
        assert.ok(svc, `${m.text}: no service ${mm[1]}`);
        const port: PublishedPort | undefined = svc.ports[Number(mm[2])];
        assert.ok(port, `${m.text}: service ${mm[1]} has ${svc.ports.length} ports`);
        const [part, sub] = (m.origin ?? '').split(' ')[0].split('.');
        const tail = (m.origin ?? '').split(' ').slice(1).join(' ');
        let span: Span | undefined;
        if (part === 'item-start') {
          const it = port.source.item;
          assert.ok(it.file === m.file && it.range.start.line === m.line && it.range.start.character === m.start, `${m.text}: item starts at ${show(it)}`);
          continue;
        }
        if (part === 'item') span = port.source.item;
        else {
          const ps = port.source[part as 'hostIp' | 'published' | 'target' | 'protocol'] as PartSource | undefined;
          assert.ok(ps, `${m.text}: port has no ${part} source`);
          span = sub === 'expr' ? ps.expression : sub === 'operand' ? ps.operand : ps.span;
          if (!sub && tail) assert.equal(ps.origin, tail, `${m.text}: origin`);
        }
        assert.ok(span && sameRange(span, m), `${m.text}: expected ${m.line + 1}:${m.start}-${m.end}, got ${show(span)}`);
      }
      if (expectedErrors.length === 0) {
        assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${show(d.span)} ${d.message}`), []);
      }
    });
  }
});

describe('compose interpolation (compose-go semantics)', () => {
  const env: Record<string, string> = { SET: 'v', EMPTY: '' };
  const look = (n: string): string | undefined => env[n];
  const cases: [string, string | RegExp][] = [
    ['$SET-x', 'v-x'],
    ['${SET}', 'v'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+r}', 'r'],
    ['${EMPTY:+r}', ''],
    ['${EMPTY+r}', 'r'],
    ['${UNSET:-${SET:-x}}y', 'vy'],
    ['${UNSET:-${UNSET2:-127.0.0.1}}:80', '127.0.0.1:80'],
    ['$$SET', '$SET'],
    ['a$ b', 'a$ b'],
    ['${EXPOSE_PORT-:2283:2283}', ':2283:2283'],
    ['${UNSET:?boom}', /required variable UNSET is missing a value: boom/],
    ['${EMPTY?}', ''],
    ['${EMPTY:?}', /required variable EMPTY/],
    ['${A:x}', /invalid interpolation/],
    ['${}', /invalid interpolation/],
  ];
  for (const [t, want] of cases) {
    it(JSON.stringify(t), () => {
      const r = interpolate(t, look);
      if (typeof want === 'string') {
        assert.equal(r.error, undefined);
        assert.equal(r.value, want);
      } else assert.match(r.error ?? '', want);
    });
  }
  it('marks unset variables and keeps the default text range', () => {
    const r = interpolate('${SQL_PORT:-127.0.0.1:13306}:3306', look);
    assert.deepEqual(r.unset, ['SQL_PORT']);
    const p = r.pieces[0];
    assert.ok(p.kind === 'var' && p.via === 'operand');
    assert.deepEqual(p.operand, [12, 27]);
  });
});

describe('compose short port syntax (go-connections 0.4 as in docker compose 2.26)', () => {
  const ok: [string, string][] = [
    ['80', '|80|tcp'],
    ['8080:80', '8080|80|tcp'],
    ['127.0.0.1::80/udp', '127.0.0.1||80|udp'],
    ['[::1]:6001:6001', '::1|6001|6001|tcp'],
    ['8000-9000:80', '8000-9000|80|tcp'],
    ['9-11', '|10|tcp,|11|tcp,|9|tcp'],
    ['80/TCP', '|80|tcp'],
    ['1-2-3:1-2-3', '1|1|tcp,2|2|tcp'],
  ];
  for (const [spec, want] of ok) {
    it(spec, () => {
      const r = parseShortPort(spec);
      assert.ok('entries' in r, JSON.stringify(r));
      assert.equal(r.entries.map((e) => `${e.hostIp ? e.hostIp + '|' : ''}${e.published}|${e.target}|${e.protocol}`).join(','), want);
    });
  }
  for (const bad of ['::1:6000:6000', '99999:80', 'a:b', '/udp', '80/xyz', '1.2.3:80:80', '8000-8001:80-82', ' 80']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.ok('error' in parseShortPort(bad)));
  }
});

describe('compose loader robustness', () => {
  const load = (files: Record<string, string>) => loadComposeProject(memReader(files), { cwd: '/p', env: {}, projectName: 'p' });
  it('malformed YAML: a diagnostic with a range, the rest still modelled', () => {
    const r = load({ '/p/compose.yaml': 'services:\n  a:\n    image: x\n    ports: ["80:80"\n  b:\n    image: y\n' });
    const d = r.diagnostics.find((x) => x.severity === 'error');
    assert.ok(d && d.span.file === '/p/compose.yaml');
  });
  it('an unclosed quote: one error at the opening quote (compose names that line), none for the lines it swallowed', () => {
    for (const q of ['"', "'"]) {
      const r = load({ '/p/compose.yaml': `services:\n  web:\n    image: nginx\n    ports:\n      - ${q}80:80\n  db:\n    image: postgres\n    ports:\n      - 5432:5432\n` });
      const errors = r.diagnostics.filter((x) => x.severity === 'error');
      assert.deepEqual(errors.map((e) => [e.span.range.start.line, e.span.range.start.character, e.span.range.end.line, e.span.range.end.character]), [[4, 8, 4, 14]], errors.map((e) => e.message).join('; '));
      assert.match(errors[0].message, /never closed/);
      assert.deepEqual(r.value.services.get('web')!.ports.map((p) => `${p.published}:${p.target}`), ['80:80'], 'the item is read as its own line');
    }
  });
  it('services that is not a mapping', () => {
    const r = load({ '/p/compose.yaml': 'services: [a, b]\n' });
    const d = r.diagnostics.find((x) => /services must be a mapping/.test(x.message));
    assert.ok(d);
    assert.equal(d.span.range.start.line, 0);
    assert.equal(d.span.range.start.character, 10);
  });
  it('a port item that reads unset variables says which and what was used', () => {
    const r = load({ '/p/compose.yaml': 'services:\n  a:\n    image: x\n    ports:\n      - "${PORT}:80"\n      - "${ADDR}:81:80"\n      - "${P:-9}:82"\n' });
    const notes = r.diagnostics.filter((d) => d.code === 'compose-unset').map((d) => `${d.span.range.start.line}:${d.severity}:${d.message}`);
    assert.equal(notes.length, 3, notes.join('\n'));
    assert.match(notes[0], /^4:warning:.*\$\{PORT\} is not set; compose uses an empty string.*analysed as 80\/tcp: with no host port, Docker picks an ephemeral one/);
    assert.match(notes[1], /^5:warning:.*\$\{ADDR\} is not set.*analysed as 81:80\/tcp: with no host address, the port is published on every address/);
    assert.match(notes[2], /^6:information:.*\$\{P\} is not set; compose uses the default written in the file, so this item is analysed as 9:82\/tcp$/);
  });
  it('a bad port does not hide the good ones', () => {
    const r = load({ '/p/compose.yaml': 'services:\n  a:\n    image: x\n    ports: ["99999:80", "a:b", "8080:80"]\n' });
    assert.equal(r.diagnostics.filter((d) => d.severity === 'error').length, 2);
    assert.deepEqual(r.value.services.get('a')!.ports.map((p) => `${p.published}:${p.target}`), ['8080:80']);
  });
  it('network_mode host, default network, driver options', () => {
    const r = load({
      '/p/compose.yaml':
        'services:\n  h:\n    image: x\n    network_mode: host\n    ports: ["80:80"]\n  w:\n    image: y\n    networks: [front]\nnetworks:\n  front:\n    driver_opts:\n      com.docker.network.bridge.host_binding_ipv4: "127.0.0.1"\n    internal: true\n  other:\n    external: true\n',
    });
    const h = r.value.services.get('h')!;
    assert.equal(h.networkMode.kind, 'host');
    assert.equal(h.portsIgnored, true);
    assert.equal(h.ports.length, 1);
    const front = r.value.networks.get('front')!;
    assert.equal(front.name, 'p_front');
    assert.equal(front.hostBindingIpv4, '127.0.0.1');
    assert.equal(front.internal, true);
    assert.equal(r.value.networks.get('other')!.name, 'other');
  });
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        load({ '/p/compose.yaml': `services:\n  a:\n    image: x\n    ports:\n      - ${s}\n` });
        load({ '/p/compose.yaml': s });
      }),
      { numRuns: 300 },
    );
  });
});
