/**
 * The editor's memos keep what a lowering found from one version of a file to the next. What they
 * keep must not hold on to the text it was found in: V8 keeps a whole string alive for any slice
 * of it (and any concatenation holding a slice), so a kept rule's text, names or messages, or a
 * key, sliced from version N would keep version N whole, and a long editing session would keep
 * every version. Each case below edits a file many times so that every edit leaves a kept entry
 * first made from that edit's text, then measures how much of the heap stays after a full
 * collection. Keeping the texts would keep 0.1 to 0.25 MB per edit (the texts are about 0.25 MB); the
 * bound is 50 kB.
 */
import { strict as assert } from 'node:assert';
import v8 from 'node:v8';
import vm from 'node:vm';
import { languages } from '../../server/src/host/assets';
import { IptRuleMemo } from '../../server/src/core/netfilter/iptables-rule-memo';
import { lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import { lowerNftText } from '../../server/src/core/netfilter/lower-nft';
import type { TreeReuse } from '../../server/src/core/syntax/reparse';
import { NftRuleMemo } from '../../server/src/core/netfilter/nft/rule-memo';
import type { Languages } from '../../server/src/core/syntax/languages';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const RULES = 2000;
const EDITS = 100;

function heapAfterCollection(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * The heap kept per edit (bytes) over `EDITS` edits after the first lowering and a few warm-up
 * edits, measured over two runs of edits in turn and the smaller taken: a one-time growth (code
 * compiled late, a table grown) shows in one of them, what every edit keeps in both.
 */
function keptPerEdit(texts: (k: number) => string, lower: (text: string) => void): number {
  lower(texts(-1));
  for (let k = 0; k < 10; k++) lower(texts(k));
  const perEdit: number[] = [];
  for (let run = 0; run < 2; run++) {
    const before = heapAfterCollection();
    for (let k = 10 + run * EDITS; k < 10 + (run + 1) * EDITS; k++) lower(texts(k));
    perEdit.push((heapAfterCollection() - before) / EDITS);
  }
  if (process.env.DW_SHOW_KEPT) console.log(`      ${perEdit.map((b) => b.toFixed(0)).join(', ')} bytes kept per edit`);
  return Math.min(...perEdit);
}

const nftLines = (): string[] => {
  const out = ['define trusted = { 10.0.0.0/8 }', 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy drop;'];
  for (let i = 0; i < RULES; i++) out.push(`\t\tip saddr 10.${i >> 8}.${i & 255}.0/24 tcp dport ${1000 + i} accept comment "rule number ${i} for the host"`);
  out.push('\t\tip saddr $trusted accept', '\t}', '}', '');
  return out;
};

const iptLines = (): string[] => {
  const out = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]'];
  for (let i = 0; i < RULES; i++) out.push(`-A INPUT -s 10.${i >> 8}.${i & 255}.0/24 -p tcp -m tcp --dport ${1000 + i} -m comment --comment "rule number ${i} for the host" -j ACCEPT`);
  out.push('COMMIT', '');
  return out;
};

/** An nft lowering as the language server's worker runs it: from the previous tree, with the rule memo. */
function nftSession(langs: Languages): (text: string) => void {
  const memo = new NftRuleMemo();
  let previous: TreeReuse['previous'];
  return (text) => {
    lowerNftText('/w/ruleset.nft', text, langs, {
      memo,
      reuse: {
        previous,
        keep: (tree, mirror) => {
          previous?.tree.delete();
          previous = { text, tree, mirror };
        },
      },
    });
  };
}

/** An iptables-save lowering as the worker runs it: with the rule memo, validated. */
function iptSession(langs: Languages): (text: string) => void {
  const memo = new IptRuleMemo();
  return (text) => void lowerIptablesText('/w/rules.v4', text, langs, { memo, validate: true });
}

/** The versions of a file: `change` edits a copy of its lines for version `k` (-1: the first). */
function versions(lines: readonly string[], change: (ls: string[], k: number) => void): (k: number) => string {
  return (k) => {
    const ls = [...lines];
    change(ls, k);
    return ls.join('\n');
  };
}

/** Every other edit changes a rule's port, the next puts it back (its kept entry is then made from that text). */
const backAndForth =
  (first: number) =>
  (ls: string[], k: number): void => {
    const i = first + (((k >> 1) * 37) % RULES);
    if (k >= 0 && k % 2 === 0) ls[i] = ls[i].replace(/dport (\d+)/, 'dport $19');
  };

describe('memos keep nothing of the texts they were filled from', function () {
  this.timeout(300000);
  let langs: Languages;
  before(async () => {
    langs = await languages();
  });

  it('nft: a rule changed and changed back, one rule after another', () => {
    const kept = keptPerEdit(versions(nftLines(), backAndForth(4)), nftSession(langs));
    assert.ok(kept < 50_000, `${kept.toFixed(0)} bytes kept per edit`);
  });

  it('nft: a definition edited (rules that name it are kept by its content)', () => {
    const define = (ls: string[], k: number): void => {
      ls[0] = `define trusted = { 10.0.0.0/8, 192.168.${Math.max(0, k) % 256}.0/24, 172.${16 + (Math.max(0, k) >> 8)}.0.0/16 }`;
    };
    const kept = keptPerEdit(versions(nftLines(), define), nftSession(langs));
    assert.ok(kept < 50_000, `${kept.toFixed(0)} bytes kept per edit`);
  });

  it('iptables-save: a rule changed and changed back, one rule after another', () => {
    const kept = keptPerEdit(versions(iptLines(), backAndForth(3)), iptSession(langs));
    assert.ok(kept < 50_000, `${kept.toFixed(0)} bytes kept per edit`);
  });

  it('iptables-save: at each edit one more chain declaration removed (a rule jumping to it is lowered again)', () => {
    const chains = 10 + 2 * EDITS;
    const lines = ['*filter', ':INPUT DROP [0:0]', ...Array.from({ length: chains }, (_, j) => `:CHAIN-NUMBER-${j} - [0:0]`)];
    for (let i = 0; i < RULES; i++) lines.push(`-A INPUT -s 10.${i >> 8}.${i & 255}.0/24 -p tcp -m tcp --dport ${1000 + i} -m comment --comment "rule number ${i} for the host" -j ${i < chains ? `CHAIN-NUMBER-${i}` : 'ACCEPT'}`);
    lines.push('COMMIT', '');
    const undeclare = (ls: string[], k: number): void => {
      for (let j = 0; j <= k; j++) ls[2 + j] = `# chain ${j} removed`;
    };
    const kept = keptPerEdit(versions(lines, undeclare), iptSession(langs));
    assert.ok(kept < 50_000, `${kept.toFixed(0)} bytes kept per edit`);
  });

  it('iptables-save: at each edit one more rule with a port out of range (iptables-restore refuses it)', () => {
    const invalid = (ls: string[], k: number): void => {
      for (let j = 0; j <= k; j++) ls[3 + ((j * 13) % RULES)] = ls[3 + ((j * 13) % RULES)].replace(/--dport \d+/, `--dport ${70000 + j}`);
    };
    const kept = keptPerEdit(versions(iptLines(), invalid), iptSession(langs));
    assert.ok(kept < 50_000, `${kept.toFixed(0)} bytes kept per edit`);
  });
});
