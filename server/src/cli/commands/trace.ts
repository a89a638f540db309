/**
 * `dockwall trace --ruleset FILE... [--host HOST.json] --packet "iif=eth0 saddr=... daddr=... proto=tcp dport=8080" [--json]`
 *
 * Simulates packets through the rulesets (loaded in the order given; nftables, iptables-save, nft
 * JSON or fragment JSON, detected per file) on the host (default: lo, eth0 198.51.100.1/24 +
 * 2001:db8::1/64, default route via eth0; plus docker0 172.17.0.1/16 when the host file is absent).
 * Prints a trace per packet, or with --json one object per packet (an array when several --packet
 * are given). Exit: 0 when every packet was simulated, 1 on errors in the rulesets or packets, 2 on
 * usage errors or unreadable files.
 */
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { buildRuleset } from '../../core/netfilter/build';
import { type Host, addBridge, defaultHost, parseHost } from '../../core/netfilter/host';
import { ipsetsOf, lowerSource, rulesetFormat } from '../../core/netfilter/load';
import type { Fragment } from '../../core/netfilter/model';
import { listsChainBinding } from '../../core/netfilter/lower-nftjson';
import { parsePacket } from '../../core/netfilter/packet';
import { simulate } from '../../core/netfilter/simulate';
import { type SimResult, type TraceStep, formatTrace } from '../../core/netfilter/trace';
import type { Languages } from '../../core/syntax/languages';
import { LineIndex } from '../../core/text';
import { languages } from '../../host/assets';
import { createFsReader } from '../../host/fs-reader';
import type { Command } from '../command';
import { formatDiagnostic } from '../format';

const USAGE = [
  'usage: dockwall trace --ruleset FILE... [--host HOST.json] --packet "iif=eth0 saddr=A daddr=B proto=tcp dport=N" [--packet ...] [--json]',
  '',
  'One packet through the rulesets, hook by hook and rule by rule, with NAT rewrites, the verdict and its reply.',
  '',
  'Example:',
  '  dockwall trace --ruleset /etc/nftables.conf --host host.json --packet "iif=eth0 saddr=203.0.113.9 daddr=198.51.100.1 proto=tcp dport=5432"',
].join('\n');

/** The stable JSON form of a result (also used by tests and the kernel harness). */
export function resultJson(r: SimResult): unknown {
  const rule = (s: TraceStep): unknown => (s.kind === 'rule' ? { file: s.rule.span.file, line: s.rule.span.range.start.line + 1, text: s.rule.text } : null);
  return {
    verdict: r.verdict,
    delivery: r.delivery,
    final: { saddr: r.final.saddr, daddr: r.final.daddr, dport: r.final.dport ?? null, proto: r.final.proto, oif: r.final.oif || null },
    reason: r.reason ? { message: r.reason.message, file: r.reason.span?.file ?? null, line: r.reason.span ? r.reason.span.range.start.line + 1 : null } : null,
    rewrites: r.rewrites,
    steps: r.steps
      .filter((s) => s.kind === 'rule' || s.kind === 'policy')
      .map((s) => (s.kind === 'rule' || s.kind === 'policy' ? { hook: s.hook, family: s.family, table: s.table, chain: s.chain, verdict: s.verdict, rule: rule(s), rewrite: s.kind === 'rule' ? (s.rewrite ?? null) : null } : null)),
  };
}

async function loadLanguages(): Promise<Languages | undefined> {
  try {
    return await languages();
  } catch {
    return undefined;
  }
}

export const traceCommand: Command = {
  name: 'trace',
  summary: 'simulate packets through rulesets and print the path they take',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          ruleset: { type: 'string', multiple: true },
          host: { type: 'string' },
          packet: { type: 'string', multiple: true },
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      process.stderr.write(`dockwall trace: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    const v = parsed.values;
    if (v.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (!v.ruleset?.length || !v.packet?.length) {
      process.stderr.write(`dockwall trace: --ruleset and --packet are required\n${USAGE}\n`);
      return 2;
    }
    let code = 0;
    const fragments: Fragment[] = [];
    let langs: Languages | undefined;
    const reader = createFsReader();
    /** The file's text (a warning when it is not valid UTF-8), or undefined after saying why it cannot be read. */
    const read = (file: string): string | undefined => {
      const text = reader.read(file);
      if (text === undefined) process.stderr.write(`${file}: error: cannot read: ${reader.problems.get(file)}\n`);
      for (const d of reader.readDiagnostics(file)) if (d.severity !== 'error') process.stderr.write(formatDiagnostic(d) + '\n');
      return text;
    };
    const sources: { file: string; text: string }[] = [];
    for (const file of v.ruleset) {
      const text = read(file);
      if (text === undefined) return 2;
      sources.push({ file, text });
    }
    // `ipset save` files among them give the sets iptables rules name
    const ipsets = ipsetsOf(sources);
    for (const { file, text } of sources) {
      const format = rulesetFormat(file, text);
      if (format === 'nftables' || format === 'iptables' || (format === 'nft-json' && listsChainBinding(text))) langs ??= await loadLanguages();
      // (the files an nftables ruleset includes are read from disk, as nft reads them)
      const r = lowerSource(file, text, langs, format, { ...(ipsets ? { ipsets } : {}), includes: reader });
      for (const d of r.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      if (r.diagnostics.some((d) => d.severity === 'error')) code = 1;
      if (!r.value) return 2;
      fragments.push(r.value);
    }
    const built = buildRuleset(fragments);
    for (const d of built.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    if (built.diagnostics.some((d) => d.severity === 'error')) code = 1;
    let host: Host = addBridge(defaultHost(), 'docker0', ['172.17.0.1/16']);
    if (v.host) {
      const text = read(v.host);
      if (text === undefined) return 2;
      let raw: unknown;
      try {
        raw = parseYaml(text);
      } catch (e) {
        process.stderr.write(`${v.host}: error: not JSON or YAML: ${(e as Error).message}\n`);
        return 2;
      }
      const h = parseHost(raw, new LineIndex(text).span(v.host, 0, Math.min(1, text.length)));
      for (const d of h.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      host = h.value;
    }
    const results: unknown[] = [];
    const texts: string[] = [];
    for (const ptext of v.packet) {
      const p = parsePacket(ptext);
      if (!p.value) {
        for (const d of p.diagnostics) process.stderr.write(`--packet "${ptext}": ${d.message}\n`);
        return 2;
      }
      const r = simulate(built.value, host, p.value, { reply: true });
      results.push(resultJson(r));
      texts.push(`packet: ${ptext}\n${formatTrace(r)}`);
    }
    if (v.json) process.stdout.write(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
    else process.stdout.write(texts.join('\n\n') + '\n');
    return code;
  },
};
