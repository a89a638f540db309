/**
 * `ipset save` output (`ipset.conf`, `*.ipset`): the sets iptables rules name with
 * `-m set --match-set NAME DIRS`. Read are `create NAME TYPE [family inet|inet6] ...` and
 * `add NAME ENTRY [options]` lines; every other line, an unsupported type or an entry that does not
 * fit its type is reported (a warning with its span) and makes that set unusable, so rules naming
 * it stay unknown with that reason. Entries are taken as the snapshot says (timeouts are not aged).
 *
 * Supported types: `hash:` and `bitmap:` sets of `ip` / `net` / `port` dimensions (`hash:ip`,
 * `hash:net`, `hash:ip,port`, `hash:net,port`, `hash:ip,port,ip`, `hash:ip,port,net`,
 * `hash:net,port,net`, `hash:net,net`, `bitmap:ip`, `bitmap:port`) and `list:set` whose members
 * have one shape. Never throws.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { type IpInterval, parseIpInterval } from '../net/ip';
import { LineIndex, type Span } from '../text';
import type { Value } from './model';
import { lookup, PROTOCOLS } from './nft/names';

/** One dimension of a set's entries. `port` entries carry their protocol (`tcp:80`) unless `bitmap:port`. */
export type IpsetDim = 'addr' | 'port' | 'bareport';

export interface IpsetDef {
  readonly name: string;
  readonly type: string;
  readonly family: 'ip' | 'ip6';
  readonly span: Span;
  /** The entry shape; undefined when the set cannot be used (then `problem` says why). */
  readonly dims?: readonly IpsetDim[];
  /** Per entry: one value per part (an address interval; protocol and port for `port`). */
  readonly elements: readonly (readonly Value[])[];
  /** Members of a `list:set`. */
  readonly members?: readonly string[];
  readonly problem?: string;
}

export type Ipsets = ReadonlyMap<string, IpsetDef>;

/** Whether a text reads as `ipset save` output: its first meaningful line is `create NAME TYPE`. */
export function isIpsetSave(text: string): boolean {
  for (const line of text.slice(0, 4096).split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    return /^create\s+\S+\s+(hash|bitmap|list):\S+/.test(t);
  }
  return false;
}

const DIMS: Readonly<Record<string, IpsetDim>> = { ip: 'addr', net: 'addr', port: 'port' };

function dimsOf(type: string): readonly IpsetDim[] | undefined {
  const m = /^(hash|bitmap):(.+)$/.exec(type);
  if (!m) return undefined;
  const parts = m[2].split(',');
  if (m[1] === 'bitmap' && parts.length === 1 && parts[0] === 'port') return ['bareport'];
  if (m[1] === 'bitmap' && (parts.length !== 1 || parts[0] !== 'ip')) return undefined;
  const out: IpsetDim[] = [];
  for (const p of parts) {
    const d = lookup(DIMS, p);
    if (!d) return undefined;
    out.push(d);
  }
  return out;
}

const int = (n: number): Value => ({ kind: 'int', value: BigInt(n) });

function portValue(text: string): Value | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo > 65535 || hi > 65535 || hi < lo) return undefined;
  return lo === hi ? int(lo) : { kind: 'range', lo: BigInt(lo), hi: BigInt(hi) };
}

/** An entry's parts for the set's dimensions, or why it does not fit. */
function entryValues(text: string, dims: readonly IpsetDim[], family: 'ip' | 'ip6'): Value[] | string {
  const parts = text.split(',');
  if (parts.length !== dims.length) return `\`${text}\` does not have the ${dims.length} part(s) of its type`;
  const out: Value[] = [];
  for (let i = 0; i < dims.length; i++) {
    const p = parts[i];
    if (dims[i] === 'addr') {
      const iv: IpInterval | undefined = parseIpInterval(p);
      if (!iv || iv.v !== (family === 'ip6' ? 6 : 4)) return `\`${p}\` is not an ${family === 'ip6' ? 'IPv6' : 'IPv4'} address, network or range`;
      out.push({ kind: 'ip', interval: iv });
    } else if (dims[i] === 'bareport') {
      const v = portValue(p);
      if (!v) return `\`${p}\` is not a port or port range`;
      out.push(v);
    } else {
      const colon = p.indexOf(':');
      const proto = colon < 0 ? 'tcp' : p.slice(0, colon).toLowerCase();
      const n = proto === 'tcp' ? 6 : proto === 'udp' ? 17 : proto === 'sctp' ? 132 : proto === 'udplite' ? 136 : undefined;
      if (n === undefined) return lookup(PROTOCOLS, proto) !== undefined ? `entries of protocol ${proto} are not modelled` : `\`${proto}\` is not a protocol`;
      const v = portValue(colon < 0 ? p : p.slice(colon + 1));
      if (!v) return `\`${p}\` is not a [proto:]port entry`;
      out.push(int(n), v);
    }
  }
  return out;
}

/** Splits a line into words, keeping a double-quoted `comment "..."` as one word. */
function words(line: string): string[] {
  return line.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
}

export function parseIpsetSave(file: string, text: string): Result<Map<string, IpsetDef>> {
  const lines = new LineIndex(text);
  const diagnostics: CoreDiagnostic[] = [];
  const sets = new Map<string, IpsetDef & { elements: (readonly Value[])[]; members?: string[] }>();
  const broken = (name: string, problem: string): void => {
    const s = sets.get(name);
    if (s && !s.problem) sets.set(name, { ...s, problem, dims: undefined, elements: [] });
  };
  let offset = 0;
  for (const raw of text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const span = lines.span(file, start, start + line.length);
    const warn = (message: string): void => void diagnostics.push({ span, severity: 'warning', code: 'ipset', message });
    const w = words(t);
    if (w[0] === 'create' && w.length >= 3) {
      const [, name, type] = w;
      const fi = w.indexOf('family');
      const fam = fi > 0 ? w[fi + 1] : undefined;
      const family = fam === 'inet6' ? 'ip6' : 'ip';
      if (fam !== undefined && fam !== 'inet' && fam !== 'inet6') warn(`family \`${fam}\` of ipset ${name} is not inet or inet6`);
      if (sets.has(name)) warn(`ipset ${name} is created twice; the later one counts`);
      const dims = dimsOf(type);
      const problem = type === 'list:set' || dims ? undefined : `its type ${type} is not modelled`;
      sets.set(name, { name, type, family, span, dims, elements: [], ...(type === 'list:set' ? { members: [] } : {}), ...(problem ? { problem } : {}) });
      if (problem) warn(`ipset ${name}: ${problem}; rules that name it stay unknown`);
      continue;
    }
    if (w[0] === 'add' && w.length >= 3) {
      const [, name, entry] = w;
      const s = sets.get(name);
      if (!s) {
        warn(`ipset ${name} is not created before this line`);
        continue;
      }
      if (s.problem) continue;
      if (w.includes('nomatch')) {
        warn(`ipset ${name}: \`nomatch\` entries are not modelled; rules that name it stay unknown`);
        broken(name, 'it has `nomatch` entries, which are not modelled');
        continue;
      }
      if (s.members) {
        s.members.push(entry);
        continue;
      }
      const v = entryValues(entry, s.dims!, s.family);
      if (typeof v === 'string') {
        warn(`ipset ${name}: ${v}; rules that name it stay unknown`);
        broken(name, `entry ${v}`);
      } else s.elements.push(v);
      continue;
    }
    warn(`not an ipset save line (\`create NAME TYPE ...\` or \`add NAME ENTRY\`): ignored`);
  }
  // list:set: the union of its members, when they have one shape
  for (const s of sets.values()) {
    if (!s.members || s.problem) continue;
    const ms = s.members.map((m) => sets.get(m));
    const missing = s.members.find((_, i) => !ms[i]);
    const first = ms[0];
    const problem =
      missing !== undefined
        ? `its member ${missing} is not in the file`
        : !first || ms.some((m) => m!.problem || m!.members || !m!.dims || m!.dims.join() !== first.dims?.join() || m!.family !== first.family)
          ? 'its members do not all have one modelled shape'
          : undefined;
    if (problem) {
      broken(s.name, problem);
      diagnostics.push({ span: s.span, severity: 'warning', code: 'ipset', message: `ipset ${s.name}: ${problem}; rules that name it stay unknown` });
    } else sets.set(s.name, { ...s, dims: first!.dims, family: first!.family, elements: ms.flatMap((m) => m!.elements) });
  }
  return { value: sets, diagnostics };
}
