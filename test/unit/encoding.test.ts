/**
 * Reading files that are not valid UTF-8 (server/src/host/decode.ts and both readers): text with
 * Latin-1 bytes is decoded with U+FFFD, read and analysed, with a warning at the first invalid
 * byte; binary files are refused with a reason; `check` reports the readers' diagnostics with the
 * file's findings. The CLI side is in cli-check.test.ts, the server side in test/lsp/robustness.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Rand } from '../../bench/gen';
import { check } from '../../server/src/core/check';
import { parseGuard } from '../../server/src/core/syntax/limits';
import { languages } from '../../server/src/host/assets';
import { SNIFF_BYTES, decodeDiagnostics, decodeText } from '../../server/src/host/decode';
import { overlayReader } from '../../server/src/host/files';
import { createFsReader } from '../../server/src/host/fs-reader';

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('decoding files that are not valid UTF-8', () => {
  it('valid UTF-8 is the text (a BOM is dropped) and gets no diagnostic', () => {
    const d = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('# règle €\ntable inet t {}\n')]));
    assert.ok(d.ok);
    assert.equal(d.text, '# règle €\ntable inet t {}\n');
    assert.equal(d.invalid, undefined);
    assert.deepEqual(decodeDiagnostics('/f.nft', d), []);
  });

  it('Latin-1 bytes become U+FFFD; the first invalid byte is located in the decoded text', () => {
    const d = decodeText(latin1('table inet t {\n\t# accès réservé\n}\n'));
    assert.ok(d.ok);
    assert.equal(d.text, 'table inet t {\n\t# acc\ufffds r\ufffdserv\ufffd\n}\n');
    assert.deepEqual(d.invalid, { byte: 0xe8, byteOffset: 21, offset: 21, count: 3 });
    const [w] = decodeDiagnostics('/f.nft', d);
    assert.equal(w.severity, 'warning');
    assert.equal(w.code, 'encoding');
    assert.deepEqual(w.span.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } });
    assert.equal(w.message, 'file is not valid UTF-8: invalid byte 0xE8 at line 2, column 7; decoded with replacement characters (U+FFFD) (3 invalid sequences in all)');
  });

  it('offsets count UTF-16 units after multi-byte characters; encoded U+FFFD are not invalid bytes', () => {
    // line 1: é (2 bytes, 1 unit), € (3 bytes, 1 unit), 😀 (4 bytes, 2 units), an encoded U+FFFD (3 bytes, 1 unit)
    const bytes = Buffer.concat([utf8('é€😀\ufffd\n# x'), Buffer.from([0xe9]), utf8(' \ufffd '), Buffer.from([0xe2, 0x82])]);
    const d = decodeText(bytes);
    assert.ok(d.ok);
    assert.equal(d.text, 'é€😀\ufffd\n# x\ufffd \ufffd \ufffd');
    // the truncated € at the end is the second invalid sequence; the encoded U+FFFD between them is not one
    assert.deepEqual(d.invalid, { byte: 0xe9, byteOffset: 16, offset: 9, count: 2 });
    assert.equal(d.text[d.invalid.offset], '\ufffd');
    assert.deepEqual(decodeDiagnostics('/f', d)[0].span.range.start, { line: 1, character: 3 });
  });

  it('a NUL byte in the first bytes refuses the file; a later NUL is left to the parse guard', () => {
    const early = decodeText(Buffer.concat([utf8('table inet t {}\n'), Buffer.from([0, 1, 2])]));
    assert.deepEqual(early, { ok: false, reason: 'binary file (NUL byte at byte offset 16), not text' });
    const [e] = decodeDiagnostics('/f.nft', early);
    assert.equal(e.severity, 'error');
    assert.match(e.message, /^not analysed: binary file/);
    const late = decodeText(Buffer.concat([utf8('#'.repeat(SNIFF_BYTES) + '\n'), Buffer.from([0]), utf8('\n')]));
    assert.ok(late.ok, 'decoded');
    assert.match(parseGuard('/f.nft', late.text)?.message ?? '', /NUL bytes/);
  });

  it('bytes that are mostly control characters or invalid UTF-8 are binary; Latin-1 prose is not', () => {
    const r = new Rand(11);
    const noise = Buffer.from(Array.from({ length: 4096 }, () => r.int(1, 255)));
    const d = decodeText(noise);
    assert.ok(!d.ok);
    assert.match(d.reason, /^binary file \(\d+% of the first 4096 bytes are control characters or invalid UTF-8\), not text$/);
    const prose = latin1('# Règles du pare-feu : ne laisser entrer que ssh et https ; le reste est rejeté.\n'.repeat(200));
    const p = decodeText(prose);
    assert.ok(p.ok);
    assert.equal(p.invalid?.count, 400);
  });

  it('on any bytes: never throws; text bytes round-trip; the reported position is the first invalid byte', () => {
    // text-like bytes (ASCII, UTF-8 sequences, stray high bytes) and arbitrary ones
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }).map((s) => [...Buffer.from(s, 'utf8')]),
      fc.constantFrom([0xe9], [0xef, 0xbf, 0xbd], [0xe2, 0x82], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x0a], [0x0d, 0x0a]),
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const bytes = Buffer.from(pieces.flat());
        const d = decodeText(bytes);
        if (!d.ok) return;
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
        if (!d.invalid) {
          assert.ok(Buffer.from(d.text, 'utf8').equals(bytes.subarray(bom)), 'valid UTF-8 round-trips');
          return;
        }
        const { offset, byteOffset, count } = d.invalid;
        assert.equal(d.text[offset], '\ufffd');
        assert.ok(Buffer.from(d.text.slice(0, offset), 'utf8').equals(bytes.subarray(bom, byteOffset)), 'the text before it is exactly the bytes before it');
        assert.equal(d.invalid.byte, bytes[byteOffset]);
        assert.ok(count >= 1);
        assert.equal(decodeDiagnostics('/f', d).length, 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readers and check() report how a file was decoded', function () {
  this.timeout(30_000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'dockwall-encoding-'));
    writeFileSync(path.join(tmp, 'compose.yaml'), 'services:\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n');
    // The port is dropped on input only: Docker's DNAT bypasses it (DW001), with Latin-1 comments.
    writeFileSync(
      path.join(tmp, 'nftables.conf'),
      latin1('# Pare-feu de l\'hôte\ntable inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\ttcp dport 5432 drop comment "base privée"\n\t}\n}\n'),
    );
    writeFileSync(path.join(tmp, 'binary.nft'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('the CLI reader reads Latin-1 text with a warning and refuses a binary file', () => {
    const reader = createFsReader();
    const conf = path.join(tmp, 'nftables.conf');
    assert.match(reader.read(conf) ?? '', /base priv\ufffde/);
    assert.equal(reader.check(conf), undefined);
    assert.deepEqual(
      reader.readDiagnostics(conf).map((d) => [d.severity, d.span.range.start.line, d.span.range.start.character, d.message]),
      [['warning', 0, 17, 'file is not valid UTF-8: invalid byte 0xF4 at line 1, column 18; decoded with replacement characters (U+FFFD) (2 invalid sequences in all)']],
    );
    const bin = path.join(tmp, 'binary.nft');
    assert.equal(reader.read(bin), undefined);
    assert.equal(reader.check(bin), 'binary file (NUL byte at byte offset 7), not text');
  });

  it('the server reader does the same for disk files; open documents are taken as they are', () => {
    const conf = path.join(tmp, 'nftables.conf');
    const overlay = new Map<string, string>();
    const reader = overlayReader({ get: (f) => overlay.get(f) });
    assert.match(reader.read(conf) ?? '', /\ufffd/);
    assert.equal(reader.readDiagnostics?.(conf)[0]?.code, 'encoding');
    assert.equal(reader.read(path.join(tmp, 'binary.nft')), undefined);
    assert.match(reader.readDiagnostics?.(path.join(tmp, 'binary.nft'))[0]?.message ?? '', /^not analysed: binary file \(NUL byte at byte offset 7\)/);
    overlay.set(conf, '# edited in the editor\n');
    assert.equal(reader.read(conf), '# edited in the editor\n');
    assert.deepEqual(reader.readDiagnostics?.(conf), []);
  });

  it('check() analyses the Latin-1 ruleset, reports the warning and still finds the bypass', async () => {
    const langs = await languages();
    const run = (rulesetFiles: string[]) =>
      check({ reader: overlayReader({ get: () => undefined }), cwd: tmp, env: {}, languages: langs, projectDirectory: tmp, rulesetFiles });
    const r = run([path.join(tmp, 'nftables.conf')]);
    const enc = r.diagnostics.filter((d) => d.code === 'encoding');
    assert.equal(enc.length, 1, JSON.stringify(r.diagnostics));
    assert.equal(enc[0].span.file, path.join(tmp, 'nftables.conf'));
    assert.ok(!r.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(r.diagnostics));
    assert.ok(r.findings.some((f) => f.code === 'DW001' && f.span.file === path.join(tmp, 'compose.yaml')), r.findings.map((f) => f.code).join());
    const bin = run([path.join(tmp, 'binary.nft')]);
    assert.deepEqual(
      bin.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
      ['not analysed: binary file (NUL byte at byte offset 7), not text'],
      'one error saying why, not also "cannot read"',
    );
  });
});
