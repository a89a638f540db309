/**
 * Bytes on disk → text, for both readers (the CLI's `fs-reader.ts` and the server's `files.ts`).
 *
 * - Valid UTF-8 (a leading BOM is dropped) is the text.
 * - Other text (a ruleset with Latin-1 comments, say) is decoded with U+FFFD for every invalid
 *   sequence and still analysed; a warning points at the first invalid byte.
 * - A file that looks binary is refused: a NUL byte in the first {@link SNIFF_BYTES} bytes (as
 *   git and grep decide), or a sample in which more than {@link BINARY_RATIO} of the characters
 *   are control characters or invalid UTF-8. The parse guard (core/syntax/limits.ts) still refuses
 *   NUL characters anywhere and texts too large to parse.
 */
import type { CoreDiagnostic } from '../core/diagnostics';
import { LineIndex } from '../core/text';

export const SNIFF_BYTES = 8192;
export const BINARY_RATIO = 0.3;

export interface InvalidUtf8 {
  /** The first invalid byte, its offset in the file and the UTF-16 offset of its U+FFFD in the text. */
  readonly byte: number;
  readonly byteOffset: number;
  readonly offset: number;
  /** How many invalid sequences were replaced. */
  readonly count: number;
}

export type Decoded = { readonly ok: true; readonly text: string; readonly invalid?: InvalidUtf8 } | { readonly ok: false; readonly reason: string };

const REPLACEMENT = 0xfffd;

/** Control characters that do not occur in text files (tab, LF, VT, FF, CR and ESC do). */
function isBinaryControl(c: number): boolean {
  return (c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27) || c === 0x7f;
}

/** Why the bytes look binary, or undefined when they look like text. */
export function binaryReason(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  const nul = bytes.subarray(0, n).indexOf(0);
  if (nul >= 0) return `binary file (NUL byte at byte offset ${nul}), not text`;
  if (n < 32) return undefined;
  // stream: a multi-byte character cut by the sample's end is not counted as invalid
  const sample = new TextDecoder('utf-8').decode(bytes.subarray(0, n), { stream: true });
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === REPLACEMENT || isBinaryControl(c)) odd++;
  }
  if (odd > sample.length * BINARY_RATIO) {
    return `binary file (${Math.round((100 * odd) / sample.length)}% of the first ${n} bytes are control characters or invalid UTF-8), not text`;
  }
  return undefined;
}

function countLiteralReplacements(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  }
  return n;
}

export function decodeText(bytes: Uint8Array): Decoded {
  const binary = binaryReason(bytes);
  if (binary) return { ok: false, reason: binary };
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.indexOf('\ufffd') < 0) return { ok: true, text };
  // Walk the text and the bytes together up to the first U+FFFD that is not an encoded U+FFFD
  // (EF BF BD): everything before it is valid UTF-8, so its byte length is exact.
  let b = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let first: { byte: number; byteOffset: number; offset: number } | undefined;
  for (let i = 0; i < text.length && !first; i++) {
    const c = text.charCodeAt(i);
    if (c === REPLACEMENT) {
      if (bytes[b] === 0xef && bytes[b + 1] === 0xbf && bytes[b + 2] === 0xbd) b += 3;
      else first = { byte: bytes[b], byteOffset: b, offset: i };
    } else if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      b += 4;
      i++;
    } else b += 3;
  }
  if (!first) return { ok: true, text };
  let replaced = 0;
  for (let i = first.offset; i < text.length; i++) if (text.charCodeAt(i) === REPLACEMENT) replaced++;
  // Encoded U+FFFD decode to themselves wherever they are; the other U+FFFD stand for invalid bytes.
  const count = replaced - countLiteralReplacements(bytes.subarray(first.byteOffset));
  return { ok: true, text, invalid: { ...first, count: Math.max(1, count) } };
}

/** The diagnostic a reader reports for a decoded file: a warning for replaced bytes, an error for a refused file. */
export function decodeDiagnostics(file: string, decoded: Decoded): CoreDiagnostic[] {
  if (!decoded.ok) {
    return [{ span: new LineIndex('').span(file, 0, 0), severity: 'error', code: 'encoding', message: `not analysed: ${decoded.reason}` }];
  }
  const bad = decoded.invalid;
  if (!bad) return [];
  const lines = new LineIndex(decoded.text);
  const at = lines.position(bad.offset);
  const hex = bad.byte.toString(16).toUpperCase().padStart(2, '0');
  const more = bad.count > 1 ? ` (${bad.count} invalid sequences in all)` : '';
  return [
    {
      span: lines.span(file, bad.offset, bad.offset + 1),
      severity: 'warning',
      code: 'encoding',
      message: `file is not valid UTF-8: invalid byte 0x${hex} at line ${at.line + 1}, column ${at.character + 1}; decoded with replacement characters (U+FFFD)${more}`,
    },
  ];
}
