/**
 * Accessors over the span-keeping JSON reader of the core (`core/docker/json-spans.ts`), in the
 * shape libnftables JSON uses: objects with one key (`{"match": {...}}`), named properties.
 */
import { type JsonNode, member } from '../../docker/json-spans';

export type { JsonNode };

/** The value of a property of an object node. */
export function prop(n: JsonNode | undefined, key: string): JsonNode | undefined {
  return member(n, key)?.value;
}

/** For `{"key": value}` objects with exactly one entry (libnftables' expression and command shape). */
export function single(n: JsonNode | undefined): { key: string; value: JsonNode } | undefined {
  return n?.kind === 'object' && n.members.length === 1 ? { key: n.members[0].key, value: n.members[0].value } : undefined;
}

export function strOf(n: JsonNode | undefined): string | undefined {
  return n?.kind === 'string' ? n.value : undefined;
}

export function numOf(n: JsonNode | undefined): number | undefined {
  return n?.kind === 'number' ? n.value : undefined;
}

/** The number exactly as written (64-bit values do not fit a JavaScript number). */
export function rawNumber(n: JsonNode & { kind: 'number' }, text: string): string {
  return text.slice(n.span.start, n.span.end);
}
