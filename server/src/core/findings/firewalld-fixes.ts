/**
 * DW001's fix on a firewalld host, in firewalld's own terms: a direct rule in DOCKER-USER (Docker)
 * or in FORWARD (rootful Podman).
 *
 * firewalld's `filter_FORWARD` accepts every DNATed connection (`ct status dnat accept`) before any
 * zone or policy sees it, so neither a policy towards the `docker` zone nor a rich rule closes a
 * published port. What runs before Docker's accepts is DOCKER-USER, in the iptables-nft `ip filter`
 * table, where firewalld's direct rules go. The fix adds to direct.xml (creating it if needed)
 *
 *     <chain ipv="ipv4" table="filter" chain="DOCKER-USER"/>
 *     <rule ipv="ipv4" table="filter" chain="DOCKER-USER" priority="0">-p tcp -m conntrack
 *       --ctorigdstport P --ctdir ORIGINAL -j DROP</rule>
 *
 * The chain is declared because firewalld starts before dockerd, when DOCKER-USER does not exist
 * yet. The rule matches the connection's original destination port (the published port P), in the
 * original direction only, so the container's replies and its own outgoing connections pass.
 *
 * Measured on the real firewalld 1.3.3 with dockerd 20.10: with direct.xml in place when firewalld
 * starts, before dockerd, the port is closed and another published port stays open; a
 * `firewall-cmd --reload` while dockerd runs moves FORWARD's jump to DOCKER-USER below Docker's
 * accepts and the port is open again (a rule in FORWARD itself, or a passthrough, never closed
 * it). The title says so.
 *
 * With rootful Podman (netavark 1.4, iptables driver) the fix is a direct rule in FORWARD itself:
 *
 *     <rule ipv="ipv4" table="filter" chain="FORWARD" priority="0">-p tcp -m conntrack --ctstate DNAT
 *       --ctorigdstport P --ctdir ORIGINAL -j DROP</rule>
 *
 * netavark's NETAVARK_FORWARD accepts only replies to a network and traffic from it, so a new
 * connection DNATed to a container comes back to FORWARD and meets the rule, whichever of the two
 * was added first (firewalld appends direct rules to built-in chains, netavark inserts its jump at
 * the top). The containers' own connections are accepted by NETAVARK_FORWARD before it, and
 * `--ctstate DNAT` leaves alone what else the host forwards to a port P without rewriting it.
 * Measured on the real firewalld 1.3.3 with netavark 1.4.0 (test/firewalld-diff/podman.ts): the port
 * is closed from the network and stays open to the host itself; `firewall-cmd --reload` removes all
 * of netavark's rules (every published port is closed until `podman network reload --all`) and
 * keeps this one; a container restart keeps it too.
 */
import { FIREWALLD_FILE, readDirect } from '../firewalld';
import type { FindingContext } from './rule';
import type { DropTarget } from './ruleset-fixes';
import type { Fix, TextEdit } from './types';

const lastSegment = (file: string): string => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);

/** The firewalld fix for a bypassing published port, when the admin's rules come from firewalld. */
export function firewalldDirectFix(ctx: FindingContext, t: DropTarget): Fix | undefined {
  const file = ctx.firewalldDirect;
  if (!file || !ctx.analysis.sources.some((s) => s.file === FIREWALLD_FILE)) return undefined;
  if (t.proto !== 'tcp' && t.proto !== 'udp' && t.proto !== 'sctp') return undefined;
  const versions = new Set(t.classes.map((c) => c.sources[0]?.v ?? 4));
  const podman = ctx.analysis.engineName === 'podman';
  const chain = podman ? 'FORWARD' : 'DOCKER-USER';
  const match = podman ? `-m conntrack --ctstate DNAT --ctorigdstport ${t.port} --ctdir ORIGINAL` : `-m conntrack --ctorigdstport ${t.port} --ctdir ORIGINAL`;
  const text = ctx.texts.get(file);
  const nl = text?.includes('\r\n') ? '\r\n' : '\n';
  // the chains direct.xml declares already, as firewalld reads the file
  const declared = text === undefined ? [] : readDirect({ file, text }).value.chains;
  const lines: string[] = [];
  for (const v of [4, 6] as const) {
    if (!versions.has(v)) continue;
    const ipv = `ipv${v}`;
    // DOCKER-USER does not exist yet when firewalld starts: declared; FORWARD is built in
    if (!podman && !declared.some((c) => c.family === (v === 4 ? 'ip' : 'ip6') && c.table === 'filter' && c.chain === chain)) lines.push(`  <chain ipv="${ipv}" table="filter" chain="${chain}"/>`);
    lines.push(`  <rule ipv="${ipv}" table="filter" chain="${chain}" priority="0">-p ${t.proto} ${match} -j DROP</rule>`);
  }
  if (!lines.length) return undefined;
  const block = lines.map((l) => `${l}${nl}`).join('');
  let edit: TextEdit;
  if (text === undefined || !text.trim()) {
    edit = { file, start: 0, end: text?.length ?? 0, newText: `<?xml version="1.0" encoding="utf-8"?>${nl}<direct>${nl}${block}</direct>${nl}` };
  } else {
    const close = text.lastIndexOf('</direct>');
    const empty = /<direct\s*\/>/.exec(text);
    if (close >= 0) {
      // at the start of the closing tag's line when it is alone there
      const lineStart = text.lastIndexOf('\n', close - 1) + 1;
      const at = /^[ \t]*$/.test(text.slice(lineStart, close)) ? lineStart : close;
      edit = { file, start: at, end: at, newText: at === close ? `${nl}${block}` : block };
    } else if (empty) edit = { file, start: empty.index, end: empty.index + empty[0].length, newText: `<direct>${nl}${block}</direct>` };
    else return undefined;
  }
  const verb = text === undefined ? 'Create' : 'Edit';
  if (podman)
    return {
      title: `${verb} ${lastSegment(file)}: drop ${t.proto}/${t.port} forwarded to Podman's containers in FORWARD (a firewalld direct rule; it survives firewall-cmd --reload and container restarts, but a reload removes netavark's own rules until podman network reload --all)`,
      edits: [edit],
    };
  return {
    title: `${verb} ${lastSegment(file)}: drop ${t.proto}/${t.port} in DOCKER-USER (a firewalld direct rule; takes effect when firewalld starts before dockerd, and a firewall-cmd --reload while dockerd runs undoes it)`,
    edits: [edit],
  };
}
