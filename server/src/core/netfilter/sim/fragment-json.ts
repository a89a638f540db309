/**
 * Hand-written {@link Fragment}s as JSON, for tests and experiments with constructs no source format
 * produces directly (legacy-backend tables, `unknown` statements, exotic priorities).
 *
 * The JSON is the model itself with conveniences: numbers may be written as JSON numbers or strings
 * (`{"kind": "int", "value": 22}`; `lo`, `hi`, `mask`, `xor` likewise), addresses as text
 * (`{"kind": "ip", "interval": "10.0.0.0/8"}`, NAT `"addr": "172.17.0.2"`), `backend` defaults to
 * `nft`, and every missing `span` is the position of its object in the text. A rule without `text`
 * gets nft-like text made from its statements. Never throws.
 */
import type { CoreDiagnostic, Result } from '../../diagnostics';
import { parseIpInterval } from '../../net/ip';
import { LineIndex } from '../../text';
import { formatStatements } from '../format';
import type { Fragment, Statement } from '../model';
import { parseJsonWithSpans } from '../../docker/json-spans';
import { type JsonNode, rawNumber } from './json';

const BIG = ['value', 'lo', 'hi', 'mask', 'xor'];

export function lowerFragmentJson(file: string, text: string): Result<Fragment> {
  const parsed = parseJsonWithSpans(text, file);
  const diagnostics: CoreDiagnostic[] = [...parsed.diagnostics];
  const value = parsed.value;
  const empty: Fragment = { file, format: 'docker', ops: [] };
  if (!value || diagnostics.length) {
    if (!value && !diagnostics.length) diagnostics.push({ span: new LineIndex(text).span(file, 0, 0), severity: 'error', message: 'empty file', code: 'fragment' });
    return { value: empty, diagnostics };
  }
  const bad = (n: JsonNode, message: string): void => {
    diagnostics.push({ span: n.span, severity: 'error', message, code: 'fragment' });
  };
  const conv = (n: JsonNode, key?: string): unknown => {
    switch (n.kind) {
      case 'null':
        return undefined;
      case 'boolean':
        return n.value;
      case 'number': {
        const raw = rawNumber(n, text);
        return BIG.includes(key ?? '') && /^-?\d+$/.test(raw) ? BigInt(raw) : n.value;
      }
      case 'string':
        if (BIG.includes(key ?? '') && /^(0x[0-9a-f]+|-?\d+)$/i.test(n.value)) return BigInt(n.value);
        if (key === 'interval' || key === 'addr') {
          const iv = parseIpInterval(n.value);
          if (!iv) bad(n, `'${n.value}' is not an address, prefix or range`);
          return iv;
        }
        return n.value;
      case 'array':
        return n.items.map((x) => conv(x, key === 'ops' || key === 'statements' || key === 'elements' || key === 'parts' ? undefined : key));
      case 'object': {
        const o: Record<string, unknown> = {};
        for (const e of n.members) o[e.key] = conv(e.value, e.key);
        if ((o.kind !== undefined || o.op !== undefined || o.statements !== undefined) && o.span === undefined && o.kind !== 'verdict') o.span = n.span;
        if (o.family !== undefined && o.name !== undefined && (key === 'table' || key === 'ref') && o.backend === undefined) o.backend = 'nft';
        // A numeric `port` of a NAT statement is {lo, hi}.
        if (o.kind === 'nat' && typeof o.port === 'number') o.port = { lo: o.port, hi: o.port };
        if (o.kind === 'nat' && o.port && typeof o.port === 'object') {
          const p = o.port as { lo: unknown; hi: unknown };
          o.port = { lo: Number(p.lo), hi: Number(p.hi ?? p.lo) };
        }
        if (Array.isArray(o.statements) && o.text === undefined) o.text = formatStatements(o.statements as Statement[]);
        if (key === 'set' && o.name !== undefined) {
          o.keyType ??= [];
          o.flags ??= [];
          o.elements ??= [];
          o.dynamic ??= false;
        }
        return o;
      }
    }
  };
  const root = conv(value) as Partial<Fragment> | undefined;
  if (!root || !Array.isArray(root.ops)) {
    bad(value, 'expected {"ops": [...]}');
    return { value: empty, diagnostics };
  }
  return { value: { file, format: root.format ?? 'docker', ops: root.ops }, diagnostics };
}
