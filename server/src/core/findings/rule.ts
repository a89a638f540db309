/**
 * The contract every finding rule implements, and the context it receives.
 */
import type { Analysis } from '../analysis';
import type { FirewalldLoad } from '../firewalld';
import type { Finding, FindingRuleMeta } from './types';

export interface FindingContext {
  readonly analysis: Analysis;
  /** Texts of the user's files by name (compose files, rulesets), for fixes that edit them. */
  readonly texts: ReadonlyMap<string, string>;
  /** On a firewalld host: its direct.xml, existing (in `texts`) or where firewalld would read it. */
  readonly firewalldDirect?: string;
  /** On a firewalld host: its configuration as loaded (zones with their spans, settings). */
  readonly firewalld?: Pick<FirewalldLoad, 'zones' | 'settings' | 'activeZones'>;
}

export interface FindingRule extends FindingRuleMeta {
  run(ctx: FindingContext): Finding[];
}
