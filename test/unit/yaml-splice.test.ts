/**
 * The language server's compose parse after an edit (compose/yaml-splice.ts): after every seeded
 * edit of real and generated compose files, the spliced parse is the whole parse of the new text,
 * spans included; and the edits a user makes inside a service (a port's digit, a line added to
 * a service) are spliced, not parsed whole.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeProject, Rand } from '../../bench/gen';
import { parseComposeYaml } from '../../server/src/core/compose/yaml';
import { YamlSplicer } from '../../server/src/core/compose/yaml-splice';
import { LineIndex } from '../../server/src/core/text';

const corpus = path.resolve(__dirname, '../../../shared/corpus/compose');
const FILE = '/p/compose.yaml';

/** Parses `text` with the splicer and whole, and says whether they agree. */
function same(s: YamlSplicer, text: string): void {
  const got = s.parse(FILE, text, new LineIndex(text));
  const want = parseComposeYaml(FILE, text, new LineIndex(text));
  assert.deepStrictEqual(got, want);
}

const PIECES = ['1', '9', ' ', '\n', '\n      - "80:80"', '"', "'", ':', '#', '&a', '*a', '!reset', '-', '{', '}', '[', ']', 'x', '  ', '\t', '<<: *a', '\r\n'];

/** A random edit: a replaced character, an inserted piece, or a deleted run. */
function edit(r: Rand, text: string): string {
  const at = r.int(0, Math.max(0, text.length - 1));
  switch (r.int(0, 2)) {
    case 0:
      return text.slice(0, at) + r.pick(PIECES).slice(0, 1) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + r.pick(PIECES) + text.slice(at);
    default:
      return text.slice(0, at) + text.slice(at + r.int(1, 4));
  }
}

describe('compose parse spliced after an edit', function () {
  this.timeout(120000);

  it('gives the whole parse after every seeded edit of generated and real compose files', () => {
    const files = [composeProject(12, 3), composeProject(30, 7)];
    if (existsSync(corpus)) for (const f of readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name).sort()) files.push(readFileSync(path.join(corpus, f), 'utf8'));
    assert.ok(files.length > 10, 'the corpus is read');
    let spliced = 0;
    let whole = 0;
    files.forEach((start, n) => {
      const r = new Rand(100 + n);
      for (let chain = 0; chain < 8; chain++) {
        const s = new YamlSplicer();
        let text = start;
        same(s, text);
        for (let k = 0; k < 25; k++) {
          // most edits go back to the file as it was first, as a user typing and undoing does
          text = r.chance(0.3) ? start : edit(r, text);
          same(s, text);
        }
        spliced += s.spliced;
        whole += s.whole;
      }
    });
    // the seeded edits take both ways
    assert.ok(spliced > 200, `${spliced} spliced, ${whole} whole`);
    assert.ok(whole > 200, `${spliced} spliced, ${whole} whole`);
  });

  it('splices the edits made inside a service: a port digit typed, a port added, a line taken out', () => {
    const s = new YamlSplicer();
    let text = composeProject(40, 1);
    same(s, text);
    const line = text.split('\n').findIndex((l) => /- "\d+:\d+"/.test(l));
    const lines = text.split('\n');
    const col = lines[line].indexOf(':') - 1;
    let changes = 0;
    for (const d of '0123456789') {
      lines[line] = lines[line].slice(0, col) + d + lines[line].slice(col + 1);
      const next = lines.join('\n');
      if (next !== text) changes++;
      text = next;
      same(s, text);
    }
    // a new item under the same ports, then taken out again
    const added = [...lines.slice(0, line + 1), lines[line].replace(/"\d+:/, '"7777:'), ...lines.slice(line + 1)];
    same(s, added.join('\n'));
    same(s, text);
    assert.equal(s.whole, 1);
    assert.equal(s.spliced, changes + 2);
  });

  it('parses whole what a part cannot say alone: a new service, an anchor, a key renamed, an edit between services', () => {
    const base = 'name: p\nservices:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n\n  db:\n    image: postgres\nnetworks:\n  n: {}\n';
    const cases = [
      base.replace('  db:\n', '  api:\n    image: x\n  db:\n'),
      base.replace('image: nginx', 'image: &img nginx'),
      base.replace('  web:', '  db:'),
      base.replace('\n\n  db', '\n# c\n  db'),
      base.replace('"8080:80"', '"8080:80'),
    ];
    for (const c of cases) {
      const s = new YamlSplicer();
      same(s, base);
      same(s, c);
      assert.equal(s.spliced, 0, JSON.stringify(c));
    }
  });
});
