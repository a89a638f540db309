/**
 * DW006 flush-ruleset-removes-docker-rules
 *
 * A statement in the admin's files that, when the file is loaded again while dockerd runs
 * (`systemctl reload nftables`, `nft -f /etc/nftables.conf`, `netfilter-persistent reload`), removes
 * the rules Docker installed: published ports stop working, containers lose their NAT, until dockerd
 * restarts (and with the iptables backend a reset table also drops the FORWARD policy Docker set).
 *
 * Reported:
 * - `flush ruleset` (optionally for a family) when one of Docker's tables lives in nftables: always
 *   for the nftables backend (`ip docker-bridges`), and for the iptables backend through iptables-nft
 *   (`ip filter`, `ip nat`, ...). Tables of iptables-legacy are not nftables tables and survive it.
 *   Fix: replace it with `add table F N` + `delete table F N` for each table the file itself defines
 *   (works on nft 1.0.6, where `destroy table` does not exist yet, whether or not the table exists).
 * - `flush table` / `delete table` of a table Docker uses.
 * - an iptables-restore file that resets a table Docker uses (`*filter`, `*nat`, restored without
 *   `--noflush`) and is meant to run beside Docker: it declares or uses Docker's chains (DOCKER-USER,
 *   ...). A boot-time file that does not mention Docker is loaded before dockerd and is left alone.
 *
 * Fixtures: test/unit/fixtures/findings/dw006-*.
 */
import { engineWords } from './describe';
import type { Fragment, Op, TableRef } from '../netfilter/model';
import { tableKey } from '../netfilter/model';
import { LineIndex } from '../text';
import { deleteOwnTablesText } from './ruleset-fixes';
import type { FindingContext, FindingRule } from './rule';
import type { Finding, Fix } from './types';

/** Docker's tables, with the backend they live in. */
function dockerTables(ctx: FindingContext): TableRef[] {
  const a = ctx.analysis;
  const legacy = a.ruleset.tables.some((t) => t.ref.backend === 'legacy' && [...t.chains.values()].some((c) => c.rules.some((r) => r.span.file.startsWith('<'))));
  if (a.docker.backend === 'nftables') return a.docker.nftables.map((t) => ({ family: t.family, name: t.name, backend: 'nft' }));
  const out: TableRef[] = [];
  for (const [family, tables] of [
    ['ip', a.docker.iptables.ipv4],
    ['ip6', a.docker.iptables.ipv6],
  ] as const)
    for (const t of tables) if (t.chains.some((c) => c.rules.length)) out.push({ family, name: t.name, backend: legacy ? 'legacy' : 'nft' });
  return out;
}

function mentionsDocker(f: Fragment): boolean {
  return f.ops.some((o) => (o.op === 'addChain' && /^DOCKER/.test(o.name)) || (o.op === 'addRule' && /^DOCKER/.test(o.chain)));
}

const name = (t: TableRef): string => `${t.family} ${t.name}`;

export const dw006: FindingRule = {
  code: 'DW006',
  name: 'flush-ruleset-removes-docker-rules',
  title: 'Reloading this file removes Docker\'s rules',
  defaultSeverity: 'warning',
  doc: [
    '`flush ruleset` removes every nftables table, including the ones Docker filled (`ip docker-bridges` with',
    'the nftables backend; `ip filter` and `ip nat` when Docker drives iptables-nft). The file is loaded at boot',
    'before dockerd, which is fine, but reloading it later (`systemctl reload nftables`) wipes Docker\'s rules:',
    'published ports and container NAT stop working until dockerd restarts.',
    '',
    'Delete only your own tables instead: `add table inet filter` followed by `delete table inet filter` (for each',
    'table the file defines) empties them whether or not they exist, and the file then recreates them.',
    'For iptables-restore files that run beside Docker, restore with `--noflush`.',
  ].join('\n'),

  run(ctx: FindingContext): Finding[] {
    const a = ctx.analysis;
    const docker = dockerTables(ctx);
    if (!docker.length) return [];
    const dockerKeys = new Set(docker.map(tableKey));
    const words = engineWords(a);
    const signature = `${words.name}|${docker.map(tableKey).join('|')}`;
    const out: Finding[] = [];
    for (const src of a.sources) {
      const f = src.fragment;
      if (!f || f.file.startsWith('<')) continue;
      const text = ctx.texts.get(f.file);
      // A file's findings depend on it, its text, where it loads and Docker's tables only.
      const kept = perFragment.get(f);
      if (kept && kept.signature === signature && kept.text === text && kept.afterDocker === src.afterDocker) {
        out.push(...kept.found);
        continue;
      }
      const from = out.length;
      for (const op of f.ops) {
        if (op.op === 'flushRuleset' && f.format !== 'iptables') {
          const hit = docker.filter((t) => t.backend === 'nft' && (!op.family || t.family === op.family));
          if (!hit.length) continue;
          out.push({
            span: op.span,
            severity: 'warning',
            code: 'DW006',
            message: `reloading this file (e.g. \`systemctl reload nftables\`) removes ${words.name}'s rules: \`flush ruleset\` deletes ${hit.map(name).join(', ')}, so published ports and container NAT stop working until ${words.restores}`,
            fixes: text === undefined ? [] : flushFix(text, f, op, dockerKeys),
          });
        } else if ((op.op === 'flushTable' || op.op === 'deleteTable') && dockerKeys.has(tableKey(op.table))) {
          out.push({
            span: op.span,
            severity: 'warning',
            code: 'DW006',
            message: `${op.op === 'flushTable' ? 'flushing' : 'deleting'} table ${name(op.table)} removes ${words.name}'s rules in it when this file is reloaded while containers run; published ports stop working until ${words.restores}`,
          });
        } else if (op.op === 'resetTable' && dockerKeys.has(tableKey(op.table)) && (src.afterDocker || mentionsDocker(f)) && text !== undefined) {
          // Squiggle the table name of `*filter` (not the `*`).
          const span = new LineIndex(text).span(op.span.file, op.span.start + 1, op.span.end);
          out.push({
            span,
            severity: 'warning',
            code: 'DW006',
            message: `restoring this file without \`--noflush\` resets table ${name(op.table)}: ${words.name}'s chains and rules there are deleted${op.table.name === 'filter' ? ' and the FORWARD policy is set again from this file' : ''}, so published ports stop working until ${words.restores}; restore it with \`iptables-restore --noflush\``,
          });
        }
      }
      perFragment.set(f, { signature, text, afterDocker: src.afterDocker, found: out.slice(from) });
    }
    return out;
  },
};

/** Per lowered admin file (the language server keeps a fragment while its text does not change). */
const perFragment = new WeakMap<Fragment, { signature: string; text: string | undefined; afterDocker: boolean; found: readonly Finding[] }>();

function flushFix(text: string, f: Fragment, op: Op, dockerKeys: ReadonlySet<string>): Fix[] {
  const seen = new Set<string>();
  const own: TableRef[] = [];
  for (const o of f.ops) {
    if (o.op !== 'addTable' || o.table.backend !== 'nft' || dockerKeys.has(tableKey(o.table)) || seen.has(tableKey(o.table))) continue;
    seen.add(tableKey(o.table));
    own.push(o.table);
  }
  const bol = text.lastIndexOf('\n', op.span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(bol))![0];
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const replacement = deleteOwnTablesText(own, indent, nl);
  const title = own.length ? `Delete only this file's tables (${own.map(name).join(', ')}) instead of the whole ruleset` : 'Remove `flush ruleset` (the file defines no tables of its own)';
  return [{ title, preferred: true, edits: [{ file: op.span.file, start: op.span.start, end: op.span.end, newText: replacement }] }];
}
