/**
 * DW001's fix on a ufw host, in ufw's own terms.
 *
 * Docker inserts its FORWARD jumps above ufw's, so a published port's traffic is accepted by
 * Docker's chains before `ufw-before-forward` (and with it `ufw-user-forward`, where the rules of
 * `ufw route` live) ever runs: `ufw route deny` alone closes nothing (measured on real dockerd
 * 20.10 and 28 with Debian's ufw). What runs first is DOCKER-USER. The fix therefore
 * - hooks `ufw-user-forward` into DOCKER-USER in after.rules (the ufw-docker recipe:
 *   `:ufw-user-forward` is declared there because after.rules loads before ufw creates the user
 *   chains), unless after.rules already does;
 * - adds the rule `ufw route deny proto P from any to any port C` writes to user.rules (and
 *   user6.rules), tuple comment included, where C is the container's port: DOCKER-USER sees the
 *   packet after DNAT.
 * Replies keep working: the container's answers have C as their source port, not their
 * destination port. Both files' edits are one fix; its title is the ufw command.
 */
import { SKELETON_FILE } from '../ufw';
import type { Rule } from '../netfilter/model';
import type { FindingContext } from './rule';
import type { DropTarget } from './ruleset-fixes';
import type { Fix, TextEdit } from './types';

const lastSegment = (file: string): string => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);

function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The edit that adds one ufw rule (its tuple comment and iptables lines) as ufw appends it. */
function appendUserRule(file: string, text: string, tuple: string, lines: readonly string[]): TextEdit | undefined {
  const nl = newlineOf(text);
  const block = [`### tuple ### ${tuple}`, ...lines].map((l) => `${l}${nl}`).join('');
  const end = /^### END RULES ###/m.exec(text);
  // ufw leaves an empty line after each rule, before `### END RULES ###`
  if (end) return { file, start: end.index, end: end.index, newText: `${block}${nl}` };
  const commit = /^COMMIT[ \t]*\r?$/m.exec(text);
  return commit ? { file, start: commit.index, end: commit.index, newText: block } : undefined;
}

/** after.rules' block sending DOCKER-USER through ufw's route rules. */
function hookEdit(file: string, text: string, prefix: 'ufw' | 'ufw6'): TextEdit {
  const nl = newlineOf(text);
  const sep = text.length && !text.endsWith('\n') ? nl : '';
  const block = [
    '',
    `# Docker's published ports: DOCKER-USER runs before ufw's chains, so send it through the \`ufw route\` rules`,
    '*filter',
    `:${prefix}-user-forward - [0:0]`,
    ':DOCKER-USER - [0:0]',
    `-A DOCKER-USER -j ${prefix}-user-forward`,
    'COMMIT',
    '',
  ].join(nl);
  return { file, start: text.length, end: text.length, newText: sep + block };
}

function jumpsTo(rule: Rule, chain: string): boolean {
  return rule.statements.some((s) => s.kind === 'verdict' && (s.verdict.verdict === 'jump' || s.verdict.verdict === 'goto') && s.verdict.target === chain);
}

/** The ufw fix for a bypassing published port, when the admin's rules come from ufw. */
export function ufwRouteFix(ctx: FindingContext, t: DropTarget): Fix | undefined {
  const a = ctx.analysis;
  if (!a.sources.some((s) => s.file === SKELETON_FILE.ip)) return undefined;
  // after DNAT the forwarded packet carries the container's port
  const ports = new Set(t.classes.map((c) => c.final.dport).filter((p): p is number => p !== undefined));
  if (ports.size !== 1) return undefined;
  const port = [...ports][0];
  const families = new Set(t.classes.map((c) => (c.sources[0]?.v === 6 ? 'ip6' : 'ip')));
  const ufw6 = a.sources.some((s) => s.file === SKELETON_FILE.ip6) && a.sources.some((s) => /(?:^|\/)user6\.rules$/.test(s.file));
  const edits: TextEdit[] = [];
  for (const family of ['ip', 'ip6'] as const) {
    const v6 = family === 'ip6';
    // `ufw route deny` writes both files when ufw manages IPv6; the hook is needed where traffic bypasses
    if (v6 && !ufw6) continue;
    const prefix = v6 ? 'ufw6' : 'ufw';
    const user = a.sources.find((s) => new RegExp(`(?:^|/)user${v6 ? '6' : ''}\\.rules$`).test(s.file) && ctx.texts.has(s.file));
    if (!user) {
      if (families.has(family)) return undefined;
      continue;
    }
    const any = v6 ? '::/0' : '0.0.0.0/0';
    const e = appendUserRule(user.file, ctx.texts.get(user.file)!, `route:deny ${t.proto} ${port} ${any} any ${any} in`, [`-A ${prefix}-user-forward -p ${t.proto} --dport ${port} -j DROP`]);
    if (!e) return undefined;
    edits.push(e);
    if (!families.has(family)) continue;
    const filter = a.adminRuleset.tables.find((x) => x.ref.family === family && x.ref.name === 'filter');
    const hooked = filter?.chains.get('DOCKER-USER')?.rules.some((r) => jumpsTo(r, `${prefix}-user-forward`)) ?? false;
    if (hooked) continue;
    const after = a.sources.find((s) => new RegExp(`(?:^|/)after${v6 ? '6' : ''}\\.rules$`).test(s.file) && ctx.texts.has(s.file));
    if (!after) return undefined;
    edits.push(hookEdit(after.file, ctx.texts.get(after.file)!, prefix));
  }
  if (!edits.length) return undefined;
  const hooks = edits.filter((e) => /after6?\.rules$/.test(e.file)).map((e) => lastSegment(e.file));
  const command = `ufw route deny proto ${t.proto} from any to any port ${port}`;
  return { title: hooks.length ? `${command} (and send DOCKER-USER through ufw's route rules in ${hooks.join(', ')})` : command, edits };
}
