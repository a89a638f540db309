/**
 * Loading rulesets into the host namespace: native nft text (`nft -f -`), iptables-nft and
 * iptables-legacy restore files (v4 and v6), several files in order. Between scenarios the host's
 * firewall and conntrack table are emptied.
 */
import { HarnessError, must, run } from './exec';
import type { Form, RulesetFile } from './scenario';

const LEGACY_RESET: Record<'iptables-legacy' | 'ip6tables-legacy', string> = {
  'iptables-legacy': legacyReset(),
  'ip6tables-legacy': legacyReset(),
};

function legacyReset(): string {
  const tables: Record<string, string[]> = {
    raw: ['PREROUTING', 'OUTPUT'],
    mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
    nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
    filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  };
  let text = '';
  for (const [t, chains] of Object.entries(tables)) {
    text += `*${t}\n${chains.map((c) => `:${c} ACCEPT [0:0]`).join('\n')}\nCOMMIT\n`;
  }
  return text;
}

function command(form: Form, noflush: boolean): string[] {
  const nf = noflush ? ['--noflush'] : [];
  switch (form) {
    case 'nft':
      return ['nft', '-f', '-'];
    case 'iptables-nft':
      return ['iptables-nft-restore', ...nf];
    case 'ip6tables-nft':
      return ['ip6tables-nft-restore', ...nf];
    case 'iptables-legacy':
      // The xtables lock is global (not per namespace): wait for it.
      return ['iptables-legacy-restore', '-w', '10', ...nf];
    case 'ip6tables-legacy':
      return ['ip6tables-legacy-restore', '-w', '10', ...nf];
    case 'ipset':
      return ['ipset', 'restore', '-exist'];
  }
}

export class HostFirewall {
  private legacyUsed = new Set<'iptables-legacy' | 'ip6tables-legacy'>();
  private ipsetUsed = false;

  constructor(readonly ns: string, readonly legacyAvailable: boolean) {}

  /** Empties nftables (native and iptables-nft), legacy xtables if touched, and conntrack. */
  async reset(): Promise<void> {
    await must(['nft', 'flush', 'ruleset'], { ns: this.ns });
    for (const form of this.legacyUsed) await must(command(form, false), { ns: this.ns, input: LEGACY_RESET[form] });
    this.legacyUsed.clear();
    if (this.ipsetUsed) {
      // After the rules that name them are gone. The kernel may still hold a rule's reference to a
      // set for a while after the flush (an nf_tables compat match is released late), so the sets
      // are emptied (always allowed) and destroyed when they can be; a later scenario's
      // `ipset restore -exist` reuses a set left behind.
      await must(['ipset', 'flush'], { ns: this.ns });
      await run(['ipset', 'destroy'], { ns: this.ns });
      this.ipsetUsed = false;
    }
    await run(['conntrack', '-F'], { ns: this.ns });
    await run(['conntrack', '-F', '-f', 'ipv6'], { ns: this.ns });
  }

  /** Loads the files in order. A file the tool rejects is a harness error (the scenario is broken). */
  async load(files: readonly RulesetFile[]): Promise<void> {
    for (const f of files) {
      if (f.form === 'iptables-legacy' || f.form === 'ip6tables-legacy') {
        if (!this.legacyAvailable) throw new HarnessError(`${f.name}: iptables-legacy is not available on this kernel`);
        this.legacyUsed.add(f.form);
      }
      if (f.form === 'ipset') this.ipsetUsed = true;
      const r = await run(command(f.form, f.noflush === true), { ns: this.ns, input: f.text });
      if (r.code !== 0) throw new HarnessError(`loading ${f.name} (${f.form}) failed:\n${r.stderr.trim()}`);
    }
  }
}

export function usesLegacy(files: readonly RulesetFile[]): boolean {
  return files.some((f) => f.form === 'iptables-legacy' || f.form === 'ip6tables-legacy');
}
