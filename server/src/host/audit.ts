/**
 * The running host as input (`dockwall audit`, the language server's "Audit this host"): Docker's
 * state from the Engine API, the live rulesets and the host's interfaces read with fixed programs
 * and arguments (no shell, time and size limits), then `check()` once per compose project the
 * running containers come from (core/audit/plan.ts). Every default and assumption is announced as
 * an information diagnostic on the virtual file `<audit>`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check, type CheckResult } from '../core/check';
import type { CoreDiagnostic } from '../core/diagnostics';
import { engineRelease, type EngineState } from '../core/docker/engine';
import { hostFromIpJson } from '../core/audit/ip-host';
import { planAudit, type AuditGroup } from '../core/audit/plan';
import { isLegacySave, nftBackedTables, withoutNftTables } from '../core/audit/rulesets';
import type { Languages } from '../core/syntax/languages';
import { LineIndex } from '../core/text';
import { EngineError, readEngine, socketOf, type EngineLimits } from './docker-api';
import { programRunner, type ProgramRunner } from './exec';
import { createFsReader, type DiagnosingReader } from './fs-reader';

export interface AuditOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly languages: Languages;
  /** `--docker-host` (else `DOCKER_HOST`, else /var/run/docker.sock). */
  readonly dockerHost?: string;
  /** Ruleset files to use instead of the live ones (`--ruleset`). */
  readonly rulesetFiles?: readonly string[];
  readonly run?: ProgramRunner;
  readonly engineLimits?: EngineLimits;
  /** Where `/proc/sys` is (tests). */
  readonly procSys?: string;
}

export interface AuditRun {
  readonly group: AuditGroup;
  readonly result: CheckResult;
}

export interface AuditReport {
  readonly engine: EngineState;
  readonly socket: string;
  readonly runs: readonly AuditRun[];
  /** The announcements (information diagnostics on `<audit>`). */
  readonly notes: readonly CoreDiagnostic[];
  /** Rulesets read (virtual names or files) and their sizes. */
  readonly rulesets: readonly { readonly name: string; readonly bytes: number }[];
  /** The virtual texts (rulesets, host description, container compose files) by name. */
  readonly virtual: ReadonlyMap<string, string>;
}

/** A failure before any analysis: exit 2 in the CLI. */
export class AuditError extends Error {}

export const AUDIT_FILE = '<audit>';
const HOST_FILE = '<host: ip -j addr, ip -j route, ip -6 -j route>';

function note(message: string, severity: CoreDiagnostic['severity'] = 'information'): CoreDiagnostic {
  return { span: new LineIndex('').span(AUDIT_FILE, 0, 0), severity, code: 'audit', message };
}

function readSys(root: string, rel: string): boolean | undefined {
  try {
    const t = readFileSync(path.join(root, rel), 'utf8').trim();
    return t === '1' ? true : t === '0' ? false : undefined;
  } catch {
    return undefined;
  }
}

/** The live rulesets: iptables-save, ip6tables-save, the legacy ones beside nf_tables, nft list ruleset (native tables). */
async function liveRulesets(run: ProgramRunner, notes: CoreDiagnostic[]): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  const v4 = await run('iptables-save', []);
  if (!v4.ok && v4.kind === 'denied') throw new AuditError(`cannot read the firewall: ${v4.message} (run dockwall audit as root)`);
  const v6 = v4.ok ? await run('ip6tables-save', []) : v4;
  const covered = new Set<string>();
  let legacyMain = false;
  for (const [name, r, fam] of [['<host: iptables-save>', v4, 'ip'], ['<host: ip6tables-save>', v6, 'ip6']] as const) {
    if (!r.ok) {
      notes.push(note(`${name.slice(7, -1)}: ${r.message}; its rules are not analysed`, 'warning'));
      continue;
    }
    if (r.stdout.trim() === '') continue;
    out.push({ name, text: r.stdout });
    for (const t of nftBackedTables(r.stdout, fam)) covered.add(t);
    if (isLegacySave(r.stdout)) legacyMain = true;
  }
  // Split brain: legacy tables beside the nf_tables ones both run.
  if (!legacyMain && v4.ok)
    for (const [name, prog] of [['<host: iptables-legacy-save>', 'iptables-legacy-save'], ['<host: ip6tables-legacy-save>', 'ip6tables-legacy-save']] as const) {
      const r = await run(prog, []);
      if (r.ok && /^\*\S/m.test(r.stdout) && /^-A /m.test(r.stdout)) {
        out.push({ name, text: r.stdout });
        notes.push(note(`${prog} shows legacy iptables rules beside the nf_tables ones: both run in the kernel, both are analysed`, 'warning'));
      }
    }
  const nft = await run('nft', ['list', 'ruleset']);
  if (nft.ok) {
    const cut = withoutNftTables(nft.stdout, covered);
    if (cut.text.trim() !== '') {
      const head = cut.left.length ? `# tables ${cut.left.join(', ')} were written by iptables-nft: read from iptables-save / ip6tables-save and left out here\n` : '';
      if (/^table /m.test(cut.text)) out.push({ name: '<host: nft list ruleset>', text: head + cut.text });
    }
  } else if (nft.kind !== 'not-found') notes.push(note(`nft list ruleset: ${nft.message}; native nftables tables are not analysed`, 'warning'));
  if (!out.length && !v4.ok && !nft.ok) throw new AuditError(`cannot read the firewall: ${v4.message}; ${nft.message}`);
  return out;
}

function parseJson(r: Awaited<ReturnType<ProgramRunner>>): unknown {
  if (!r.ok) return undefined;
  try {
    return JSON.parse(r.stdout);
  } catch {
    return undefined;
  }
}

/** Reads everything and runs the analyses. Throws AuditError (or EngineError) when the host cannot be read. */
export async function runAudit(opts: AuditOptions): Promise<AuditReport> {
  const run = opts.run ?? programRunner();
  const notes: CoreDiagnostic[] = [];
  const socket = socketOf(opts.dockerHost ?? opts.env.DOCKER_HOST);
  let engine: EngineState;
  try {
    engine = await readEngine(socket, opts.engineLimits);
  } catch (e) {
    throw e instanceof EngineError ? new AuditError(e.message) : e;
  }
  const release = engineRelease(engine.version);
  notes.push(note(`Docker Engine ${engine.version} (API ${engine.apiVersion}) at unix://${socket}: ${engine.containers.length} running container${engine.containers.length === 1 ? '' : 's'}, ${engine.networks.filter((n) => n.bridge).length} bridge network(s); firewall backend ${engine.firewallBackend ?? 'not reported'}`));
  for (const n of engine.notes) notes.push(note(n));

  const virtual = new Map<string, string>();
  const rulesetNames: string[] = [];
  const sizes: { name: string; bytes: number }[] = [];
  if (opts.rulesetFiles?.length) {
    for (const f of opts.rulesetFiles) rulesetNames.push(path.resolve(opts.cwd, f));
    notes.push(note(`rulesets from the files given (--ruleset), not read from the host: ${opts.rulesetFiles.join(', ')}`));
  } else {
    for (const r of await liveRulesets(run, notes)) {
      virtual.set(r.name, r.text);
      rulesetNames.push(r.name);
      sizes.push({ name: r.name, bytes: Buffer.byteLength(r.text) });
    }
    notes.push(note(`live rulesets: ${sizes.map((s) => `${s.name.slice(7, -1)} (${s.bytes} bytes)`).join(', ') || 'none'}`));
  }

  // The host model from iproute2, without Docker's bridges (the analysis adds them from the Engine's state).
  const bridges = new Set(engine.networks.flatMap((n) => (n.bridge ? [n.bridge] : [])));
  const [addr, r4, r6] = [await run('ip', ['-j', 'addr']), await run('ip', ['-j', 'route']), await run('ip', ['-6', '-j', 'route'])];
  let hostFile: string | undefined;
  if (addr.ok && parseJson(addr) !== undefined) {
    const sys = opts.procSys ?? '/proc/sys';
    const h = hostFromIpJson(parseJson(addr), parseJson(r4), parseJson(r6), bridges, { v4: readSys(sys, 'net/ipv4/ip_forward'), v6: readSys(sys, 'net/ipv6/conf/all/forwarding') });
    hostFile = HOST_FILE;
    virtual.set(hostFile, JSON.stringify(h.description, null, 2) + '\n');
    const ifs = Object.entries(h.description.interfaces).filter(([n]) => n !== 'lo');
    notes.push(note(`host interfaces from ip -j addr: ${ifs.map(([n, i]) => `${n} (${i.addresses.join(', ') || 'no address'})`).join('; ') || 'none besides lo'}; ${h.description.routes.length} route(s)`));
    for (const n of h.notes) notes.push(note(n));
  } else notes.push(note(`the host's interfaces could not be read (ip -j addr: ${addr.ok ? 'not JSON' : addr.message}); the default host is assumed (eth0 198.51.100.1/24, 2001:db8::1/64)`, 'warning'));

  // What listens on the host (docker-proxy, when the userland proxy is on): `ss`, no shell.
  const ss = await run('ss', ['-H', '-l', '-n', '-t', '-u', '-p']);
  const listening = ss.ok ? listeningSockets(ss.stdout) : undefined;
  if (!ss.ok) notes.push(note(`the listening sockets could not be read (ss: ${ss.message}); ports the Engine shows bound without a rule of Docker's are taken to be served by docker-proxy`, 'warning'));

  const fsReader = createFsReader();
  const plan = planAudit(engine, (f) => fsReader.check(f) === undefined);
  for (const n of plan.notes) notes.push(note(n));
  for (const [name, text] of plan.virtual) virtual.set(path.resolve(opts.cwd, name), text);
  const reader: DiagnosingReader = {
    ...fsReader,
    read: (f) => virtual.get(f) ?? fsReader.read(f),
    exists: (f) => virtual.has(f) || fsReader.exists(f),
    check: (f) => (virtual.has(f) ? undefined : fsReader.check(f)),
    readDiagnostics: (f) => (virtual.has(f) ? [] : (fsReader.readDiagnostics?.(f) ?? [])),
  };
  if (release) notes.push(note(`Docker's rules are taken from the rulesets as found; release ${release} is what the findings assume of Docker (e.g. DW008's raw-table drops from 28.0)`));

  const runs: AuditRun[] = [];
  for (const group of plan.groups) {
    if (group.kind === 'compose') notes.push(note(`compose project ${group.name}: ${group.files.join(', ')} (${group.services.size} running container${group.services.size === 1 ? '' : 's'})`));
    const result = check({
      reader,
      cwd: opts.cwd,
      env: opts.env,
      languages: opts.languages,
      composeFiles: group.kind === 'compose' ? group.files : group.files.map((f) => path.resolve(opts.cwd, f)),
      projectDirectory: group.workingDir,
      rulesetFiles: rulesetNames,
      hostFile,
      dockerVersion: release,
      engine: { state: engine, services: group.services, orphans: group.orphans, listening },
    });
    runs.push({ group, result });
  }
  return { engine, socket, runs, notes, rulesets: sizes, virtual };
}

/** Diagnostics of all runs without the repeats (each run reads the same rulesets). */
export function auditDiagnostics(report: AuditReport): CoreDiagnostic[] {
  const seen = new Set<string>();
  const out: CoreDiagnostic[] = [...report.notes];
  for (const r of report.runs)
    for (const d of r.result.diagnostics) {
      const k = `${d.span.file}|${d.span.start}|${d.code}|${d.message}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(d);
    }
  return out;
}

/**
 * `ss -H -l -n -t -u -p` lines (`tcp LISTEN 0 4096 0.0.0.0:8080 0.0.0.0:* users:(("docker-proxy",…))`)
 * as the sockets that serve a port; `*` stands for every address. dockerd itself (28 and later)
 * holds a published port's socket to reserve it when nothing else serves it: a TCP listen with a
 * backlog of 0 that never accepts (SYNs go unanswered). Those do not count.
 */
export function listeningSockets(text: string): { proto: string; ip: string; port: number }[] {
  const out: { proto: string; ip: string; port: number }[] = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || (cols[0] !== 'tcp' && cols[0] !== 'udp')) continue;
    const local = cols[4];
    const at = local.lastIndexOf(':');
    const port = Number(local.slice(at + 1));
    if (at < 0 || !Number.isInteger(port)) continue;
    const ip = local.slice(0, at).replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const owner = /users:\(\("([^"]+)"/.exec(line)?.[1];
    if (owner === 'dockerd' || (owner === undefined && cols[0] === 'tcp' && cols[3] === '0')) continue;
    out.push({ proto: cols[0], ip, port });
  }
  return out;
}
