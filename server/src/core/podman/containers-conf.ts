/**
 * `containers.conf` (TOML) → the networking settings Podman uses: `[network]` `network_backend`,
 * `firewall_driver`, `default_subnet`, `default_subnet_pools`, `default_rootless_network_cmd`.
 * Only what shapes the firewall is read; other tables and keys are skipped. A file kept under a
 * user's `.config/containers/` belongs to rootless Podman (said so). Never throws: bad values are
 * diagnostics with spans, and podman's defaults stay.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { parseIpInterval } from '../net/ip';
import { LineIndex, type Span } from '../text';
import { defaultPodmanConfig, type NetavarkDriver, type PodmanConfig } from './types';

const DRIVERS: readonly NetavarkDriver[] = ['iptables', 'nftables', 'firewalld', 'none'];

/** A TOML value as far as these keys need: a basic or literal string, an integer, an array of inline tables. */
type Value = { kind: 'string'; value: string } | { kind: 'int'; value: number } | { kind: 'tables'; value: Record<string, Value>[] } | { kind: 'other' };

export function isRootlessConfPath(file: string): boolean {
  return /(^|[\\/])\.config[\\/]containers[\\/]containers\.conf$/.test(file);
}

export function parseContainersConf(text: string, file: string): Result<PodmanConfig> {
  const diagnostics: CoreDiagnostic[] = [];
  const idx = new LineIndex(text);
  const span = (start: number, end: number): Span => idx.span(file, start, end);
  const say = (start: number, end: number, message: string, severity: 'error' | 'warning' = 'warning'): void => {
    diagnostics.push({ span: span(start, end), severity, code: 'containers-conf', message });
  };
  let config: { -readonly [K in keyof PodmanConfig]: PodmanConfig[K] } = { ...defaultPodmanConfig, sources: {} };
  const sources: Record<string, { span: Span }> = {};
  let table = '';
  let i = 0;
  const n = text.length;

  // A minimal TOML value reader from position p; returns the value and the end.
  const skipWs = (p: number, lines: boolean): number => {
    for (;;) {
      while (p < n && (text[p] === ' ' || text[p] === '\t' || (lines && (text[p] === '\n' || text[p] === '\r')))) p++;
      if (lines && text[p] === '#') {
        while (p < n && text[p] !== '\n') p++;
        continue;
      }
      return p;
    }
  };
  const readValue = (p: number, depth = 0): { v: Value; end: number } => {
    if (depth > 16) return { v: { kind: 'other' }, end: n };
    const c = text[p];
    if (c === '"' || c === "'") {
      let q = p + 1;
      let s = '';
      while (q < n && text[q] !== c && text[q] !== '\n') {
        if (c === '"' && text[q] === '\\' && q + 1 < n) {
          s += text[q + 1];
          q += 2;
          continue;
        }
        s += text[q++];
      }
      return { v: text[q] === c ? { kind: 'string', value: s } : { kind: 'other' }, end: Math.min(q + 1, n) };
    }
    if (c === '[') {
      const tables: Record<string, Value>[] = [];
      let q = skipWs(p + 1, true);
      let ok = true;
      while (q < n && text[q] !== ']') {
        const r = readValue(q, depth + 1);
        if (r.v.kind === 'tables' && r.v.value.length === 1 && text[q] === '{') tables.push(r.v.value[0]);
        else ok = false;
        q = skipWs(r.end, true);
        if (text[q] === ',') q = skipWs(q + 1, true);
        else if (text[q] !== ']') return { v: { kind: 'other' }, end: lineEnd(q) };
      }
      return { v: ok ? { kind: 'tables', value: tables } : { kind: 'other' }, end: Math.min(q + 1, n) };
    }
    if (c === '{') {
      const t: Record<string, Value> = {};
      let q = skipWs(p + 1, false);
      while (q < n && text[q] !== '}') {
        const m = /^([A-Za-z0-9_-]+|"[^"\n]*")\s*=\s*/.exec(text.slice(q, q + 200));
        if (!m) return { v: { kind: 'other' }, end: lineEnd(q) };
        const r = readValue(q + m[0].length, depth + 1);
        t[m[1].replace(/"/g, '')] = r.v;
        q = skipWs(r.end, false);
        if (text[q] === ',') q = skipWs(q + 1, false);
        else if (text[q] !== '}') return { v: { kind: 'other' }, end: lineEnd(q) };
      }
      return { v: { kind: 'tables', value: [t] }, end: Math.min(q + 1, n) };
    }
    const m = /^[+-]?\d+/.exec(text.slice(p, p + 20));
    if (m) return { v: { kind: 'int', value: Number(m[0]) }, end: p + m[0].length };
    return { v: { kind: 'other' }, end: lineEnd(p) };
  };
  function lineEnd(p: number): number {
    const e = text.indexOf('\n', p);
    return e < 0 ? n : e;
  }

  while (i < n) {
    const eol = lineEnd(i);
    const raw = text.slice(i, eol);
    const trimmed = raw.trim();
    const lead = i + raw.length - raw.trimStart().length;
    if (trimmed === '' || trimmed.startsWith('#')) {
      i = eol + 1;
      continue;
    }
    const th = /^\[\s*([A-Za-z0-9_.-]+)\s*\]/.exec(trimmed);
    if (th) {
      table = th[1];
      i = eol + 1;
      continue;
    }
    const kv = /^([A-Za-z0-9_-]+)\s*=\s*/.exec(trimmed);
    if (!kv) {
      say(lead, eol, `containers.conf: cannot read this line (expected key = value or [table])`);
      i = eol + 1;
      continue;
    }
    const vstart = lead + kv[0].length;
    const { v, end } = readValue(vstart);
    const key = kv[1];
    i = lineEnd(end) + 1;
    if (table !== 'network') continue;
    const at = span(lead, end);
    const str = (): string | undefined => {
      if (v.kind === 'string') return v.value;
      say(vstart, end, `${key} must be a string`);
      return undefined;
    };
    switch (key) {
      case 'network_backend': {
        const s = str();
        if (s === 'netavark' || s === 'cni') ((config = { ...config, networkBackend: s }), (sources.network_backend = { span: at }));
        else if (s !== undefined) say(vstart, end, `network_backend "${s}": expected netavark or cni`);
        break;
      }
      case 'firewall_driver': {
        const s = str();
        if (s !== undefined && (DRIVERS as readonly string[]).includes(s)) ((config = { ...config, firewallDriver: s as NetavarkDriver }), (sources.firewall_driver = { span: at }));
        else if (s !== undefined) say(vstart, end, `firewall_driver "${s}": expected ${DRIVERS.join(', ')}`);
        break;
      }
      case 'default_subnet': {
        const s = str();
        if (s !== undefined && parseIpInterval(s)?.v === 4 && s.includes('/')) ((config = { ...config, defaultSubnet: s }), (sources.default_subnet = { span: at }));
        else if (s !== undefined) say(vstart, end, `default_subnet "${s}" is not an IPv4 subnet`, 'error');
        break;
      }
      case 'default_subnet_pools': {
        if (v.kind !== 'tables') {
          say(vstart, end, 'default_subnet_pools must be an array of {base = "CIDR", size = N}');
          break;
        }
        const pools: { base: string; size: number }[] = [];
        for (const t of v.value) {
          const base = t.base?.kind === 'string' ? t.base.value : undefined;
          const size = t.size?.kind === 'int' ? t.size.value : undefined;
          const iv = base ? parseIpInterval(base) : undefined;
          const len = base ? Number(base.split('/')[1]) : NaN;
          if (!iv || iv.v !== 4 || size === undefined || size < len || size > 30) say(vstart, end, `default_subnet_pools: {base = "${base ?? '?'}", size = ${size ?? '?'}} is not an IPv4 pool with a size between its prefix and 30`);
          else pools.push({ base: base!, size });
        }
        config = { ...config, subnetPools: pools };
        sources.default_subnet_pools = { span: at };
        break;
      }
      case 'default_rootless_network_cmd': {
        const s = str();
        if (s !== undefined) ((config = { ...config, rootlessNetworkCmd: s }), (sources.rootless = { span: at }));
        break;
      }
    }
  }
  if (isRootlessConfPath(file)) {
    config = { ...config, rootless: true };
    sources.rootless ??= { span: span(0, 0) };
  }
  return { value: { ...config, sources }, diagnostics };
}
