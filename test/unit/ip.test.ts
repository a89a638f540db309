/**
 * The address parsers' fast paths against their definitions: parseIPv4 reads four dot-separated
 * parts of one to three ASCII digits, each at most 255; prefixInterval of an IPv4 address with
 * doubles gives what the bigint masks give.
 */
import { strict as assert } from 'node:assert';
import { type IpAddress, parseIPv4, prefixInterval } from '../../server/src/core/net/ip';

/** The definition, written plainly. */
function referenceIPv4(text: string): IpAddress | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256n + BigInt(p);
  }
  return { v: 4, n };
}

function referencePrefix(a: IpAddress, len: number): { lo: bigint; hi: bigint } {
  const mask = (1n << BigInt(32 - len)) - 1n;
  const lo = a.n & ~mask & 0xffffffffn;
  return { lo, hi: lo | mask };
}

/** A small deterministic generator (xorshift32). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('ip: IPv4 fast paths', () => {
  it('parseIPv4 answers as its definition on edge cases', () => {
    const cases = [
      '0.0.0.0', '255.255.255.255', '10.0.0.1', '010.001.000.009', '1.2.3.4', '192.168.1.254',
      '256.0.0.0', '1.2.3.256', '1.2.3', '1.2.3.4.5', '1..2.3', '.1.2.3', '1.2.3.', '1.2.3.4 ', ' 1.2.3.4',
      '1.2.3.04', '1.2.3.0004', '1.2.3.+4', '1.2.3.-4', '1.2.3.4/24', '１.2.3.4', '1.2.3.٣', '', '.', '...',
      '999.1.1.1', '1.1.1.1000', '0x1.2.3.4', '1e2.1.1.1', '1.2.3.4\n', '12.34.56.78', '100.200.250.255',
    ];
    for (const c of cases) assert.deepEqual(parseIPv4(c), referenceIPv4(c), JSON.stringify(c));
  });

  it('parseIPv4 answers as its definition on 20,000 generated strings', () => {
    const next = rng(7);
    const alphabet = '0123456789.....x -';
    let addresses = 0;
    for (let i = 0; i < 20000; i++) {
      let s = '';
      if (i % 2 === 0) {
        // near-addresses: four numbers with a few mutations
        const parts = [0, 1, 2, 3].map(() => String(Math.floor(next() * 300)));
        s = parts.join('.');
        if (next() < 0.3) {
          const at = Math.floor(next() * (s.length + 1));
          s = s.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)] + s.slice(at + (next() < 0.5 ? 1 : 0));
        }
      } else {
        const len = Math.floor(next() * 17);
        for (let k = 0; k < len; k++) s += alphabet[Math.floor(next() * alphabet.length)];
      }
      const want = referenceIPv4(s);
      if (want) addresses++;
      assert.deepEqual(parseIPv4(s), want, JSON.stringify(s));
    }
    // the generator reaches both answers
    assert.ok(addresses > 3000 && addresses < 17000, `addresses: ${addresses}`);
  });

  it('prefixInterval of an IPv4 address equals the bigint masks for every length', () => {
    const next = rng(11);
    for (let i = 0; i < 300; i++) {
      const a: IpAddress = { v: 4, n: BigInt(Math.floor(next() * 2 ** 32)) };
      for (let len = 0; len <= 32; len++) {
        const got = prefixInterval(a, len);
        const want = referencePrefix(a, len);
        assert.deepEqual(got, { v: 4, lo: want.lo, hi: want.hi }, `${a.n}/${len}`);
      }
      assert.equal(prefixInterval(a, 33), undefined);
      assert.equal(prefixInterval(a, -1), undefined);
    }
    assert.deepEqual(prefixInterval({ v: 4, n: 0xffffffffn }, 0), { v: 4, lo: 0n, hi: 0xffffffffn });
  });
});
