/**
 * Printers: `iptables-save` text (valid `iptables-restore` input), `nft list ruleset`-style text
 * (valid `nft -f` input), and the listing iptables-nft produces for iptables rules (used to compare
 * with real `nft list ruleset` dumps of hosts running iptables-nft).
 */
import type { Family, IptSpec, IptTable, NftTable } from './model';

/** The rule's arguments in the canonical order `iptables-save` prints them. */
export function iptSpecArgs(s: IptSpec): string {
  const a: string[] = [];
  const neg = (n: boolean | undefined): void => {
    if (n) a.push('!');
  };
  if (s.s !== undefined) (neg(s.notS), a.push('-s', s.s));
  if (s.d !== undefined) (neg(s.notD), a.push('-d', s.d));
  if (s.i !== undefined) (neg(s.notI), a.push('-i', s.i));
  if (s.o !== undefined) (neg(s.notO), a.push('-o', s.o));
  if (s.p !== undefined) a.push('-p', s.p);
  if (s.p && (s.dport !== undefined || s.sport !== undefined)) {
    a.push('-m', s.p);
    if (s.sport !== undefined) a.push('--sport', String(s.sport));
    if (s.dport !== undefined) a.push('--dport', String(s.dport));
  }
  if (s.addrtype) {
    a.push('-m', 'addrtype');
    if (s.addrtype.src) a.push('--src-type', s.addrtype.src);
    if (s.addrtype.dst) a.push('--dst-type', s.addrtype.dst);
  }
  if (s.ctstate) a.push('-m', 'conntrack', '--ctstate', s.ctstate);
  if (s.mark) a.push('-m', 'mark', '--mark', s.mark);
  a.push('-j', s.j, ...(s.jargs ?? []));
  return a.join(' ');
}

const builtinOrder: Record<string, string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** Built-in chains in kernel order, then user chains sorted by name (as iptables-save lists them). */
export function orderedChains<T extends { name: string; builtin: boolean }>(table: string, chains: readonly T[]): T[] {
  const order = builtinOrder[table] ?? [];
  const b = chains.filter((c) => c.builtin).sort((x, y) => order.indexOf(x.name) - order.indexOf(y.name));
  const u = chains.filter((c) => !c.builtin).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return [...b, ...u];
}

export interface SaveOptions {
  /** Append `# <provenance>` lines before each rule (iptables-restore ignores comment lines). */
  readonly provenance?: boolean;
  /** Print every built-in chain of the table even when Docker does not touch it. */
  readonly allBuiltins?: boolean;
}

/** iptables-save text for the tables of one family (raw, mangle, nat, filter order as iptables-save uses). */
export function renderIptablesSave(tables: readonly IptTable[], opts: SaveOptions = {}): string {
  const out: string[] = [];
  for (const name of ['raw', 'mangle', 'nat', 'filter'] as const) {
    const t = tables.find((x) => x.name === name);
    if (!t) continue;
    out.push(`*${name}`);
    const chains = [...t.chains];
    if (opts.allBuiltins) {
      for (const b of builtinOrder[name]) {
        if (!chains.some((c) => c.name === b)) chains.push({ name: b, builtin: true, policy: 'ACCEPT', rules: [], restart: 'shared' });
      }
    }
    const ordered = orderedChains(name, chains);
    for (const c of ordered) out.push(`:${c.name} ${c.builtin ? (c.policy ?? 'ACCEPT') : '-'} [0:0]`);
    for (const c of ordered) {
      for (const r of c.rules) {
        if (opts.provenance) out.push(`# ${r.provenance.text}`);
        out.push(r.text);
      }
    }
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}

/** Both families, each introduced by a comment line naming the restore tool. */
export function renderIptablesSaveBoth(v4: readonly IptTable[], v6: readonly IptTable[], opts: SaveOptions = {}): string {
  const parts: string[] = [];
  if (v4.length) parts.push('# iptables-restore (IPv4)\n' + renderIptablesSave(v4, opts));
  if (v6.length) parts.push('# ip6tables-restore (IPv6)\n' + renderIptablesSave(v6, opts));
  return parts.join('\n');
}

function quoteIf(name: string): string {
  return `"${name}"`;
}

/** `nft list ruleset` text for Docker's nftables tables (valid `nft -f` input). */
export function renderNft(tables: readonly NftTable[], opts: { readonly provenance?: boolean } = {}): string {
  const out: string[] = [];
  for (const t of tables) {
    out.push(`table ${t.family} ${t.name} {`);
    const blocks: string[][] = [];
    for (const m of t.maps) {
      const b = [`\tmap ${m.name} {`, `\t\ttype ${m.type}`];
      if (m.elements.length) {
        const els = m.elements.map((e) => `${quoteIf(e.key)} : ${e.verdict}`);
        b.push(`\t\telements = { ${els.join(',\n\t\t\t     ')} }`);
      }
      b.push('\t}');
      blocks.push(b);
    }
    for (const c of t.chains) {
      const b = [`\tchain ${c.name} {`];
      if (c.base) {
        // nft before 1.0.7 rejects the symbolic `dstnat` on the output hook; -100 is the same value.
        const prio = c.base.hook === 'output' && c.base.priority === 'dstnat' ? '-100' : c.base.priority;
        b.push(`\t\ttype ${c.base.type} hook ${c.base.hook} priority ${prio}; policy ${c.base.policy};`);
      }
      for (const r of c.rules) {
        if (opts.provenance) b.push(`\t\t# ${r.provenance.text}`);
        b.push(`\t\t${r.text}`);
      }
      b.push('\t}');
      blocks.push(b);
    }
    out.push(blocks.map((b) => b.join('\n')).join('\n\n'));
    out.push('}');
  }
  return out.join('\n') + '\n';
}

/** An address as nft prints it: host prefixes without their length. */
function nftAddr(a: string, family: Family): string {
  const host = family === 'ipv4' ? '/32' : '/128';
  return a.endsWith(host) ? a.slice(0, -host.length) : a;
}

/**
 * The rule as `nft list ruleset` shows an iptables-nft rule (expression order: interfaces,
 * `meta l4proto`, addresses, ports, other matches, `counter`, verdict), as in real dumps of
 * Docker hosts using iptables-nft.
 */
export function iptSpecAsNft(s: IptSpec, family: Family): string {
  const ip = family === 'ipv4' ? 'ip' : 'ip6';
  const a: string[] = [];
  const neg = (n: boolean | undefined): string => (n ? '!= ' : '');
  if (s.i !== undefined) a.push(`iifname ${neg(s.notI)}"${s.i}"`);
  if (s.o !== undefined) a.push(`oifname ${neg(s.notO)}"${s.o}"`);
  if (s.p !== undefined) a.push(`meta l4proto ${s.p}`);
  if (s.s !== undefined) a.push(`${ip} saddr ${neg(s.notS)}${nftAddr(s.s, family)}`);
  if (s.d !== undefined) a.push(`${ip} daddr ${neg(s.notD)}${nftAddr(s.d, family)}`);
  if (s.p && s.sport !== undefined) a.push(`${s.p} sport ${s.sport}`);
  if (s.p && s.dport !== undefined) a.push(`${s.p} dport ${s.dport}`);
  if (s.addrtype?.src) a.push('fib saddr type local');
  if (s.addrtype?.dst) a.push('fib daddr type local');
  if (s.ctstate) a.push(`ct state ${s.ctstate.toLowerCase()}`);
  if (s.mark) a.push(`mark ${s.mark}`);
  a.push('counter');
  const args = s.jargs ?? [];
  switch (s.j) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      a.push(s.j.toLowerCase());
      break;
    case 'MASQUERADE':
      a.push('masquerade');
      break;
    case 'DNAT':
      a.push(`dnat to ${args[1] ?? ''}`);
      break;
    case 'SNAT':
      a.push(`snat to ${args[1] ?? ''}`);
      break;
    case 'CHECKSUM':
      a.push('xt target "CHECKSUM"');
      break;
    default:
      a.push(`jump ${s.j}`);
  }
  return a.join(' ');
}
