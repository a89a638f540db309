/**
 * "Import host ruleset": which programs run with which fixed arguments, and what their outputs
 * become (the `dockwall/importedRulesets` sources and a summary). Pure; the runner is injected.
 *
 * Program paths come only from the user's own settings (`dockwall.nftPath`,
 * `dockwall.iptablesSavePath`; machine scope, so a workspace cannot set them); empty means the bare
 * program name, looked up on PATH. Arguments are constant arrays: nothing from a workspace or a
 * document reaches a command line.
 */
import { iptablesNftTablesInJson, nftBackedTables, withoutJsonTables } from '../../../server/src/core/audit/rulesets';
import type { ImportedRulesetsParams } from '../../../server/src/lsp/protocol';

export type ImportKind = 'nft' | 'iptables' | 'both';

export interface ImportSettings {
  /** The user-level value of `dockwall.nftPath` ('' or undefined: `nft` on PATH). */
  readonly nftPath?: string;
  /** The user-level value of `dockwall.iptablesSavePath` ('' or undefined: `iptables-save` on PATH). */
  readonly iptablesSavePath?: string;
}

export interface PlannedRun {
  /** The source name the server sees, e.g. `<host: nft -j list ruleset>`. */
  readonly name: string;
  readonly program: string;
  readonly args: readonly string[];
  readonly format: 'nft-json' | 'iptables-save';
}

export interface ImportPlan {
  readonly runs: readonly PlannedRun[];
  /**
   * Run too when the nft listing shows tables iptables-nft wrote (Docker's, ufw's): `iptables-save`
   * and `ip6tables-save` read them exactly, and those tables are then left out of the listing.
   */
  readonly forIptablesNft?: readonly PlannedRun[];
  /** Things the plan had to leave out, in words. */
  readonly notes: readonly string[];
}

export const NFT_ARGS: readonly string[] = Object.freeze(['-j', 'list', 'ruleset']);
export const IPTABLES_SAVE_ARGS: readonly string[] = Object.freeze([]);

/** Sibling names of iptables-save variants and their IPv6 twins. */
const IP6_TWIN: Record<string, string> = {
  'iptables-save': 'ip6tables-save',
  'iptables-nft-save': 'ip6tables-nft-save',
  'iptables-legacy-save': 'ip6tables-legacy-save',
};

/** The ip6tables-save program next to a configured iptables-save, or undefined if none can be told. */
export function ip6Twin(iptablesSave: string): string | undefined {
  const cut = Math.max(iptablesSave.lastIndexOf('/'), iptablesSave.lastIndexOf('\\'));
  const dir = iptablesSave.slice(0, cut + 1);
  const base = iptablesSave.slice(cut + 1);
  const twin = IP6_TWIN[base];
  return twin ? dir + twin : undefined;
}

function programOf(setting: string | undefined, fallback: string): string {
  const v = (setting ?? '').trim();
  return v === '' ? fallback : v;
}

function iptablesSaveRuns(settings: ImportSettings, notes: string[]): PlannedRun[] {
  const v4 = programOf(settings.iptablesSavePath, 'iptables-save');
  const runs: PlannedRun[] = [{ name: '<host: iptables-save>', program: v4, args: IPTABLES_SAVE_ARGS, format: 'iptables-save' }];
  const v6 = ip6Twin(v4);
  if (v6) runs.push({ name: '<host: ip6tables-save>', program: v6, args: IPTABLES_SAVE_ARGS, format: 'iptables-save' });
  else notes.push(`IPv6 rules not imported: no ip6tables-save is known next to "${v4}" (name the program iptables-save, iptables-nft-save or iptables-legacy-save).`);
  return runs;
}

export function planImport(kind: ImportKind, settings: ImportSettings): ImportPlan {
  const runs: PlannedRun[] = [];
  const notes: string[] = [];
  if (kind === 'nft' || kind === 'both') {
    runs.push({ name: '<host: nft -j list ruleset>', program: programOf(settings.nftPath, 'nft'), args: NFT_ARGS, format: 'nft-json' });
  }
  if (kind === 'iptables' || kind === 'both') runs.push(...iptablesSaveRuns(settings, notes));
  if (kind === 'nft') return { runs, forIptablesNft: iptablesSaveRuns(settings, []), notes };
  return { runs, notes };
}

/** What running one program gave. */
export type RunOutcome =
  | { readonly ok: true; readonly stdout: string; readonly stderr: string }
  | {
      readonly ok: false;
      readonly kind: 'not-found' | 'timeout' | 'too-large' | 'failed' | 'denied';
      readonly message: string;
      readonly stderr?: string;
    };

export type Runner = (program: string, args: readonly string[]) => Promise<RunOutcome>;

export interface ImportItem {
  readonly run: PlannedRun;
  readonly outcome: RunOutcome;
  /** For a usable output: `3 tables, 12 chains, 40 rules`. */
  readonly counts?: string;
  /** Why a successful run's output is not used. */
  readonly rejected?: string;
}

export interface ImportReport {
  readonly params: ImportedRulesetsParams;
  readonly items: readonly ImportItem[];
  readonly notes: readonly string[];
  /** One line for a notification. */
  readonly summary: string;
  /** Every item, for the output channel. */
  readonly details: readonly string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Counts what an output holds, or says why it is not what the format promises. */
export function inspectOutput(format: PlannedRun['format'], text: string): { counts: string } | { rejected: string } {
  if (format === 'nft-json') {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return { rejected: 'the output is not JSON (is this nft 0.9 or later?)' };
    }
    const list = (doc as { nftables?: unknown })?.nftables;
    if (!Array.isArray(list)) return { rejected: 'the JSON has no "nftables" array' };
    const n = (key: string): number => list.filter((o) => o && typeof o === 'object' && key in o).length;
    return { counts: `${plural(n('table'), 'table')}, ${plural(n('chain'), 'chain')}, ${plural(n('rule'), 'rule')}` };
  }
  const lines = text.split(/\r?\n/);
  const tables = lines.filter((l) => /^\*\S/.test(l)).length;
  const commits = lines.filter((l) => l.trim() === 'COMMIT').length;
  if (text.trim() !== '' && tables === 0) return { rejected: 'the output has no "*table" line: not iptables-save output' };
  if (tables !== commits) return { rejected: `the output has ${plural(tables, 'table')} but ${commits} COMMIT lines: it looks cut off` };
  const chains = lines.filter((l) => /^:\S/.test(l)).length;
  const rules = lines.filter((l) => /^-A\s/.test(l)).length;
  return { counts: `${plural(tables, 'table')}, ${plural(chains, 'chain')}, ${plural(rules, 'rule')}` };
}

/** Runs the plan one program after the other and turns the outputs into the notification and a summary. */
export async function runImport(plan: ImportPlan, run: Runner): Promise<ImportReport> {
  const items: ImportItem[] = [];
  const runAll = async (runs: readonly PlannedRun[]): Promise<void> => {
    for (const r of runs) {
      const outcome = await run(r.program, r.args);
      if (!outcome.ok) {
        items.push({ run: r, outcome });
        continue;
      }
      const seen = inspectOutput(r.format, outcome.stdout);
      items.push('counts' in seen ? { run: r, outcome, counts: seen.counts } : { run: r, outcome, rejected: seen.rejected });
    }
  };
  await runAll(plan.runs);
  const stdout = (i: ImportItem): string => (i.outcome as { stdout: string }).stdout;
  const usable = (i: ImportItem): boolean => i.outcome.ok && i.counts !== undefined && stdout(i).trim() !== '';
  // iptables-nft's tables in the nft listing: read them with iptables-save / ip6tables-save instead (no xt expressions).
  if (plan.forIptablesNft?.length && items.some((i) => usable(i) && i.run.format === 'nft-json' && iptablesNftTablesInJson(stdout(i)).size)) await runAll(plan.forIptablesNft);
  const covered = new Set<string>();
  for (const i of items) if (usable(i) && i.run.format === 'iptables-save') for (const t of nftBackedTables(stdout(i), i.run.name.includes('ip6tables') ? 'ip6' : 'ip')) covered.add(t);
  const extra: string[] = [];
  const used = items.filter(usable);
  const sources = used.map((i) => {
    if (i.run.format !== 'nft-json' || !covered.size) return { name: i.run.name, text: stdout(i) };
    const cut = withoutJsonTables(stdout(i), covered);
    if (cut.left.length) extra.push(`${i.run.name}: tables ${cut.left.join(', ')} were written by iptables-nft; they are read from iptables-save / ip6tables-save and left out of the nft listing`);
    return { name: i.run.name, text: cut.text };
  });
  const details = items.map((i) => {
    const what = `${i.run.name} (${i.run.program}${i.run.args.length ? ` ${i.run.args.join(' ')}` : ''})`;
    if (!i.outcome.ok) return `${what}: failed: ${i.outcome.message}`;
    if (i.rejected) return `${what}: not used: ${i.rejected}`;
    if (i.outcome.stdout.trim() === '') return `${what}: empty output, nothing loaded`;
    return `${what}: ${i.counts}`;
  });
  const failed = items.length - used.length;
  let summary: string;
  if (used.length === 0) {
    const first = items.find((i) => !i.outcome.ok);
    const why = first && !first.outcome.ok ? `: ${first.outcome.message}` : '';
    summary = `Dockwall imported no host ruleset${why}`;
  } else {
    summary = `Dockwall imported ${used.map((i) => `${i.run.name.replace(/^<host: |>$/g, '')} (${i.counts})`).join('; ')}`;
    if (failed) summary += `; ${failed} of ${items.length} failed (see the Dockwall output)`;
  }
  return { params: { sources }, items, notes: plan.notes, summary, details: [...details, ...extra, ...plan.notes] };
}

/** The message shown instead of running anything in an untrusted workspace. */
export const UNTRUSTED_MESSAGE =
  'Dockwall runs nft and iptables-save only in a trusted workspace: a workspace you do not trust could otherwise make the editor run programs on this machine. Files are still analysed. Trust the workspace (Workspaces: Manage Workspace Trust) to import the host ruleset.';
