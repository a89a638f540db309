/**
 * nft-like text for model values, expressions and statements. Used where a source gives no rule
 * text of its own (nft JSON, synthesized rules) and for hovers and traces.
 */
import { formatInterval } from '../net/ip';
import type { Expr, Statement, Value, VerdictValue } from './model';
import { TCP_FLAGS, protocolName } from './packet';

const FIELD_TEXT: Readonly<Record<string, string>> = {
  'meta.iifname': 'iifname',
  'meta.oifname': 'oifname',
  'meta.iif': 'iif',
  'meta.oif': 'oif',
  'meta.l4proto': 'meta l4proto',
  'meta.nfproto': 'meta nfproto',
  'meta.mark': 'meta mark',
  'th.sport': 'th sport',
  'th.dport': 'th dport',
  'fib.daddr.type': 'fib daddr type',
  'fib.saddr.type': 'fib saddr type',
  'fib.daddr.oif': 'fib daddr oif',
  'fib.saddr.iif.oif': 'fib saddr . iif oif',
};

export function formatField(f: string): string {
  if (f in FIELD_TEXT) return FIELD_TEXT[f];
  return f.replace(/\./g, ' ');
}

export function formatExpr(e: Expr): string {
  switch (e.kind) {
    case 'field':
      return formatField(e.field);
    case 'concat':
      return e.parts.map(formatExpr).join(' . ');
    case 'bitwise':
      return `${formatExpr(e.expr)} & 0x${e.mask.toString(16)}${e.xor ? ` ^ 0x${e.xor.toString(16)}` : ''}`;
    case 'drawn':
      return e.what;
  }
}

/**
 * A value as nft writes it, named by the field it is compared with (`field`: a protocol number by
 * its name, a mark in hex); a concatenation's parts by their own fields (`parts`).
 */
export function formatValue(v: Value, field?: string, parts?: readonly (string | undefined)[]): string {
  switch (v.kind) {
    case 'int':
      if (field && /l4proto|protocol|nexthdr/.test(field)) return protocolName(Number(v.value));
      if (field && /mark/.test(field)) return `0x${v.value.toString(16)}`;
      // (a combination as nft writes it in a set or after `==`: `syn | ack`)
      if (field === 'tcp.flags') return flagNames(v.value, ' | ');
      return v.value.toString();
    case 'range':
      return `${v.lo}-${v.hi}`;
    case 'ip':
      return formatInterval(v.interval);
    case 'ifname':
      return `"${v.name}${v.wildcard ? '*' : ''}"`;
    case 'symbol':
      return v.name;
    case 'concat':
      return v.parts.map((p, i) => formatValue(p, parts?.[i])).join(' . ');
    case 'set':
      return `{ ${v.elements.map((x) => formatValue(x, field, parts)).join(', ')} }`;
    case 'setref':
      return `@${v.name}`;
  }
}

/** The TCP flags of `bits` by name (`0x0` for none). */
function flagNames(bits: bigint, sep: string): string {
  return (
    Object.entries(TCP_FLAGS)
      .filter(([, b]) => (BigInt(b) & bits) !== 0n)
      .map(([k]) => k)
      .join(sep) || '0x0'
  );
}

/** The field a key compares (`formatValue`'s names), or its parts' fields when it is a concatenation. */
function fieldsOf(e: Expr): [field?: string, parts?: readonly (string | undefined)[]] {
  if (e.kind === 'field') return [e.field];
  if (e.kind === 'concat') return [undefined, e.parts.map((p) => (p.kind === 'field' ? p.field : undefined))];
  return [];
}

export function formatVerdict(v: VerdictValue): string {
  return v.target ? `${v.verdict} ${v.target}` : v.verdict;
}

const OPS = { eq: '', ne: '!= ', lt: '< ', gt: '> ', le: '<= ', ge: '>= ' } as const;

export function formatStatement(s: Statement): string {
  switch (s.kind) {
    case 'match': {
      const l = s.left;
      if (l.kind === 'bitwise' && l.expr.kind === 'field' && l.expr.field === 'tcp.flags' && !l.xor && s.op === 'ne' && s.right.kind === 'int' && s.right.value === 0n) {
        // a flag test, as nft lists it: any of these bits set
        return `tcp flags ${flagNames(l.mask, ',')}`;
      }
      // (with no operator nft reads a bitmask value as a flag test: a comparison of the whole value is
      // `==`, and a flag test of several flags their list)
      if (l.kind === 'field' && s.op === 'eq' && s.right.kind !== 'set' && s.right.kind !== 'setref' && s.whole) return `${formatExpr(l)} == ${formatValue(s.right, l.field)}`;
      if (l.kind === 'field' && l.field === 'ct.status' && !s.whole && s.right.kind === 'set') return `${formatExpr(l)} ${OPS[s.op]}${s.right.elements.map((e) => formatValue(e, l.field)).join(',')}`;
      // (a masked value is compared as nft lists it: `tcp flags & 0x12 == syn`)
      if (l.kind === 'bitwise' && l.expr.kind === 'field') return `${formatExpr(l)} ${s.op === 'eq' && s.right.kind !== 'set' && s.right.kind !== 'setref' ? '== ' : OPS[s.op]}${formatValue(s.right, l.expr.field)}`;
      return `${formatExpr(s.left)} ${OPS[s.op]}${formatValue(s.right, ...fieldsOf(s.left))}`;
    }
    case 'verdict':
      return formatVerdict(s.verdict);
    case 'vmap': {
      const body =
        s.map.kind === 'ref'
          ? `@${s.map.name}`
          : `{ ${s.map.elements.map((e) => `${formatValue(e.key, ...fieldsOf(s.key))} : ${e.data && e.data.kind === 'verdict' ? formatVerdict(e.data) : e.data ? formatValue(e.data) : '?'}`).join(', ')} }`;
      return `${formatExpr(s.key)} vmap ${body}`;
    }
    case 'nat': {
      let t = s.nat + (s.family ? ` ${s.family}` : '');
      const port = s.port ? `:${s.port.lo}${s.port.hi !== s.port.lo ? `-${s.port.hi}` : ''}` : '';
      if (s.mapped) t += ` to ${formatExpr(s.mapped.key)} map ${'ref' in s.mapped ? `@${s.mapped.ref}` : '{ … }'}`;
      else if (s.addr) t += ` to ${formatInterval(s.addr)}${port}`;
      else if (port) t += ` to ${port}`;
      return t;
    }
    case 'set':
      return `${formatField(s.key)} set ${s.value ? formatValue(s.value, s.key) : s.expr ? formatExpr(s.expr) : '…'}`;
    case 'nop':
    case 'stateful':
      return s.what;
    case 'setUpdate':
      return `update @${s.set}`;
    case 'unknown':
      return `/* ${s.reason} */`;
  }
}

/**
 * nft-like text of a whole rule. A protocol dependency the lowering added (`meta l4proto tcp` with
 * the span of the match that needs it) is left out and that match shows `tcp dport 22`, as nft lists it.
 */
export function formatStatements(ss: readonly Statement[]): string {
  const out: string[] = [];
  for (let i = 0; i < ss.length; i++) {
    const s = ss[i];
    const n = ss[i + 1];
    if (
      s.kind === 'match' && s.op === 'eq' && s.left.kind === 'field' && s.left.field === 'meta.l4proto' && s.right.kind === 'int' &&
      n && n.span.start === s.span.start && n.span.end === s.span.end && [6, 17, 33, 132, 136].includes(Number(s.right.value))
    ) {
      const proto = protocolName(Number(s.right.value));
      out.push(formatStatement(n).replace(/\bth (sport|dport)\b/g, `${proto} $1`));
      i++;
      continue;
    }
    out.push(formatStatement(s));
  }
  return out.join(' ');
}
