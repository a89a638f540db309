/**
 * One entry point for lowering a ruleset source of any format: detects the format (nftables
 * script or listing, iptables-save / iptables-restore text, `nft -j` JSON, a hand-written
 * fragment JSON with `"ops"`, or `ipset save` output) and calls the matching lowering. An ipset
 * file lowers to no operations; the iptables files beside it read its sets (`LowerContext`).
 *
 * Lowerings are kept in a registry keyed by format; a format whose lowering is not available yet
 * is reported with an error diagnostic, never by throwing.
 */
import type { Result } from '../diagnostics';
import { detectFormat } from '../syntax/detect';
import type { Languages } from '../syntax/languages';
import type { TreeReuse } from '../syntax/reparse';
import { LineIndex, type Span } from '../text';
import { lowerIptablesText } from './lower-iptables';
import { type NftIncludeReader, lowerNftText } from './lower-nft';
import { lowerNftJson } from './lower-nftjson';
import type { Fragment } from './model';
import type { NftRuleMemo } from './nft/rule-memo';
import type { IptRuleMemo } from './iptables-rule-memo';
import { lowerFragmentJson } from './sim/fragment-json';
import { type IpsetDef, type Ipsets, isIpsetSave, parseIpsetSave } from './ipset';

export type RulesetFormat = 'nftables' | 'iptables' | 'nft-json' | 'fragment' | 'ipset';

/**
 * What one source's lowering may need from the others: the ipsets given beside iptables rules; and
 * from its caller: the tree of the source's previous text, which an nftables source is parsed from
 * (`TreeReuse`; the language server's worker keeps one per ruleset file).
 */
export interface LowerContext {
  readonly ipsets?: Ipsets;
  readonly reuse?: TreeReuse;
  /** The rules of the source's previous lowering (an nftables source; `nft/rule-memo.ts`). */
  readonly nftRules?: NftRuleMemo;
  /** The rules of the source's previous lowering (an iptables-save source; `iptables-rule-memo.ts`). */
  readonly iptRules?: IptRuleMemo;
  /** Reads the files an nftables source includes (`include "..."`); without it includes are not followed. */
  readonly includes?: NftIncludeReader;
}

/** A lowering: tree-sitter based ones need the languages, JSON ones do not. */
export type Lowering = (file: string, text: string, languages: Languages | undefined, context?: LowerContext) => Result<Fragment>;

const registry = new Map<RulesetFormat, Lowering>([
  ['nftables', (file, text, languages, context) => lowerNftText(file, text, languages, { ...(context?.reuse ? { reuse: context.reuse } : {}), ...(context?.nftRules ? { memo: context.nftRules } : {}), ...(context?.includes ? { reader: context.includes } : {}) })],
  // a host file: what iptables-restore would refuse is an error, as the syntax check reports it
  ['iptables', (file, text, languages, context) => lowerIptablesText(file, text, languages, { validate: true, ...(context?.ipsets ? { ipsets: context.ipsets } : {}), ...(context?.iptRules ? { memo: context.iptRules } : {}) })],
  ['nft-json', (file, text, languages) => lowerNftJson(file, text, languages)],
  ['fragment', (file, text) => lowerFragmentJson(file, text)],
  // `ipset save` output changes no table: its sets are read by the iptables lowering (ipsetsOf)
  ['ipset', (file, text) => ({ value: { file, format: 'ipset', ops: [] }, diagnostics: parseIpsetSave(file, text).diagnostics })],
]);

/**
 * The ipsets of the `ipset save` files among `sources` (undefined when there are none), the later
 * file winning for a set created in two.
 */
export function ipsetsOf(sources: readonly { readonly file: string; readonly text: string }[]): Ipsets | undefined {
  let out: Map<string, IpsetDef> | undefined;
  for (const s of sources) {
    if (rulesetFormat(s.file, s.text) !== 'ipset') continue;
    out ??= new Map();
    for (const [k, v] of parseIpsetSave(s.file, s.text).value) out.set(k, v);
  }
  return out;
}

/** Makes a lowering available (the nftables and iptables lowerings register here). */
export function registerLowering(format: RulesetFormat, lowering: Lowering): void {
  registry.set(format, lowering);
}

export function rulesetFormat(file: string, text: string): RulesetFormat | undefined {
  const head = text.slice(0, 4096).trimStart();
  if (/\.fragment\.json$/i.test(file) || (/^\{/.test(head) && /"ops"\s*:/.test(head) && !/"nftables"\s*:/.test(head))) return 'fragment';
  if (isIpsetSave(text)) return 'ipset';
  const f = detectFormat(file, text);
  return f === 'nftables' || f === 'iptables' || f === 'nft-json' ? f : undefined;
}

/**
 * Lowers one source. `format` overrides detection. The value is undefined when the format is not
 * recognised or its lowering is not available; the diagnostics say which.
 */
export function lowerSource(file: string, text: string, languages?: Languages, format = rulesetFormat(file, text), context?: LowerContext): Result<Fragment | undefined> {
  // only for the errors below: indexing a large file's lines costs a noticeable part of lowering it
  const whole = (): Span => new LineIndex(text).span(file, 0, Math.min(text.length, 1));
  if (!format) {
    return { value: undefined, diagnostics: [{ span: whole(), severity: 'error', message: 'cannot tell whether this is an nftables, iptables-save or nft JSON file', code: 'load' }] };
  }
  const lower = registry.get(format);
  if (!lower) {
    return { value: undefined, diagnostics: [{ span: whole(), severity: 'error', message: `the ${format} lowering is not available`, code: 'load' }] };
  }
  return lower(file, text, languages, context);
}
