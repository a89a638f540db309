/**
 * Rulesets dumped from a running host (`iptables-save`, `ip6tables-save`, `nft list ruleset`,
 * `nft -j list ruleset`) already hold Docker's rules. Synthesizing them again would count them
 * twice, with invented bridge names and container addresses that the dump's own rules never match.
 *
 * {@link findDockerInDumps} recognises what Docker installed, by layout and content:
 * - a dump holds Docker's rules only when it shows Docker's entry points: nat PREROUTING / OUTPUT
 *   jumping to `DOCKER` for local destinations, filter FORWARD jumping to `DOCKER-USER`,
 *   `DOCKER-FORWARD`, `DOCKER-ISOLATION-STAGE-1` or `DOCKER`, or Docker 29's `docker-bridges`
 *   tables;
 * - then Docker's chains in the iptables tables (`DOCKER`, `DOCKER-FORWARD`, `DOCKER-CT`, ...) and
 *   the `docker-bridges` tables are Docker's, except the admin's own rules in `DOCKER-USER` (Docker
 *   creates the chain and, up to 28.2.1, its final `-j RETURN`; everything else there is the
 *   admin's);
 * - in the built-in chains, Docker's rules are the jumps into its chains, the per-bridge FORWARD
 *   rules of 20.10–27 (interfaces that are Docker's bridges, accept / drop / jump), the MASQUERADE
 *   of a bridge's subnet (`-s SUBNET ! -o BRIDGE`) and of a container to itself (hairpin), and the
 *   raw-table drops of 28.0+ (`-d CONTAINER ! -i BRIDGE -j DROP`, `-d 127.0.0.1 ! -i lo ... -j DROP`);
 * - the FORWARD policy DROP of a dump is taken to be Docker's (dockerd sets it when it turns
 *   forwarding on) unless ufw's chains show ufw manages FORWARD; a note says which.
 * Docker's bridges are the interfaces its chains name; their subnets come from the MASQUERADE
 * rules; the published ports are the DNAT rules of its nat chains.
 *
 * The result gives two versions of every dump: as loaded on the host (Docker's rules attributed to
 * Docker, `Rule.origin`), and the admin's alone (Docker's rules and policy taken out), which is the
 * baseline a finding compares with.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { Proto } from '../docker';
import { type IpInterval, type IpVersion, formatIp } from '../net/ip';
import type { Fragment, Op, Rule, Statement, TableRef, Value } from '../netfilter/model';

export interface DumpBridge {
  readonly name: string;
  /** Subnets of the bridge's networks, from Docker's MASQUERADE rules (none when masquerading is off). */
  readonly subnets: readonly IpInterval[];
}

/** One published port as a DNAT rule of Docker's shows it. */
export interface DumpBinding {
  readonly v: IpVersion;
  /** The host address it is published on (`0.0.0.0` / `::` when the rule names none). */
  readonly hostIp: string;
  readonly hostPort: number;
  readonly proto: Proto;
  readonly containerIp: string;
  readonly containerPort: number;
  /** The bridge the DNAT rule excludes (`! -i BRIDGE`), i.e. the container's network. */
  readonly bridge?: string;
  readonly rule: Rule;
}

export interface DockerInDumps {
  /** The dumps as on the host, Docker's rules carrying `origin` (same order as the input; undefined stays undefined). */
  readonly merged: readonly (Fragment | undefined)[];
  /** The dumps without what Docker added (the admin's rules alone). */
  readonly admin: readonly (Fragment | undefined)[];
  readonly bridges: readonly DumpBridge[];
  readonly bindings: readonly DumpBinding[];
  /** Docker 29's nftables backend (`docker-bridges` tables), else iptables. */
  readonly backend: 'iptables' | 'nftables';
  /** Announcements: what was recognised and what was assumed. */
  readonly diagnostics: readonly CoreDiagnostic[];
  /** How many rules of the dumps were attributed to Docker. */
  readonly dockerRules: number;
}

const IPT_TABLES: ReadonlySet<string> = new Set(['filter', 'nat', 'raw', 'mangle']);
const DOCKER_CHAINS: ReadonlySet<string> = new Set([
  'DOCKER',
  'DOCKER-USER',
  'DOCKER-ISOLATION-STAGE-1',
  'DOCKER-ISOLATION-STAGE-2',
  'DOCKER-FORWARD',
  'DOCKER-CT',
  'DOCKER-BRIDGE',
  'DOCKER-INTERNAL',
  'DOCKER-INGRESS',
]);
const NFT_DOCKER_TABLE = 'docker-bridges';
const PROTOS: Readonly<Record<number, Proto>> = { 6: 'tcp', 17: 'udp', 132: 'sctp' };

const isIptTable = (t: TableRef): boolean => (t.family === 'ip' || t.family === 'ip6') && IPT_TABLES.has(t.name);
const isNftDockerTable = (t: TableRef): boolean => (t.family === 'ip' || t.family === 'ip6') && t.name === NFT_DOCKER_TABLE;

function verdictOf(rule: Rule): { readonly verdict: string; readonly target?: string } | undefined {
  for (const s of rule.statements) if (s.kind === 'verdict') return s.verdict;
  return undefined;
}

function matches(rule: Rule): (Statement & { kind: 'match' })[] {
  return rule.statements.filter((s): s is Statement & { kind: 'match' } => s.kind === 'match');
}

function fieldOf(s: Statement & { kind: 'match' }): string | undefined {
  return s.left.kind === 'field' ? s.left.field : undefined;
}

function ifnames(rule: Rule): { field: string; op: string; name: string }[] {
  const out: { field: string; op: string; name: string }[] = [];
  for (const m of matches(rule)) {
    const f = fieldOf(m);
    if ((f === 'meta.iifname' || f === 'meta.oifname') && m.right.kind === 'ifname' && !m.right.wildcard) out.push({ field: f, op: m.op, name: m.right.name });
  }
  return out;
}

function single(v: Value): IpInterval | undefined {
  return v.kind === 'ip' && v.interval.lo === v.interval.hi ? v.interval : undefined;
}

const entries = new WeakMap<Fragment, boolean>();

/** Whether the fragment shows Docker's entry points (see the module comment); kept per fragment (the language server keeps an unchanged file's). */
function hasDockerEntry(f: Fragment): boolean {
  let has = entries.get(f);
  if (has === undefined) entries.set(f, (has = scanDockerEntry(f)));
  return has;
}

function scanDockerEntry(f: Fragment): boolean {
  for (const op of f.ops) {
    if (op.op === 'addTable' && isNftDockerTable(op.table)) return true;
    if (op.op !== 'addRule' || !isIptTable(op.table)) continue;
    // (the chain first: the rules of the three entry chains are few, a dump's rules many)
    const nat = op.table.name === 'nat' && (op.chain === 'PREROUTING' || op.chain === 'OUTPUT');
    if (!nat && !(op.table.name === 'filter' && op.chain === 'FORWARD')) continue;
    const v = verdictOf(op.rule);
    if (!v || (v.verdict !== 'jump' && v.verdict !== 'goto') || !v.target) continue;
    if (nat ? v.target === 'DOCKER' : ['DOCKER-USER', 'DOCKER-FORWARD', 'DOCKER-ISOLATION-STAGE-1', 'DOCKER'].includes(v.target)) return true;
  }
  return false;
}

/** Every `addRule` of Docker's own chains in the fragment, for the bridge names they use. */
function bridgesNamed(fragments: readonly Fragment[]): Set<string> {
  const out = new Set<string>();
  for (const f of fragments)
    for (const op of f.ops) {
      if (op.op !== 'addRule') continue;
      const own = (isIptTable(op.table) && DOCKER_CHAINS.has(op.chain) && op.chain !== 'DOCKER-USER') || isNftDockerTable(op.table);
      if (!own) continue;
      for (const i of ifnames(op.rule)) if (i.name !== 'lo') out.add(i.name);
    }
  return out;
}

/**
 * A rule of a built-in iptables chain that Docker put there (see the module comment). Kept per rule
 * object with what else it depends on (`bridges`, its table's name and its chain): the language
 * server's iptables lowering gives an unchanged line of a dump the same rule object again.
 */
function isDockerBuiltinRule(table: TableRef, chain: string, rule: Rule, bridges: ReadonlySet<string>, bridgesKey: string): boolean {
  const known = builtinRules.get(rule);
  if (known && known.bridges === bridgesKey && known.table === table.name && known.chain === chain) return known.own;
  const own = isDockerBuiltinRuleNow(table, chain, rule, bridges);
  builtinRules.set(rule, { bridges: bridgesKey, table: table.name, chain, own });
  return own;
}
const builtinRules = new WeakMap<Rule, { readonly bridges: string; readonly table: string; readonly chain: string; readonly own: boolean }>();

function isDockerBuiltinRuleNow(table: TableRef, chain: string, rule: Rule, bridges: ReadonlySet<string>): boolean {
  const v = verdictOf(rule);
  if (v && (v.verdict === 'jump' || v.verdict === 'goto') && v.target && DOCKER_CHAINS.has(v.target)) return true;
  // (the chains below first: a dump's rules are mostly elsewhere)
  const forward = table.name === 'filter' && chain === 'FORWARD';
  if (!forward && !(table.name === 'nat' && chain === 'POSTROUTING') && !(table.name === 'raw' && chain === 'PREROUTING')) return false;
  const ms = matches(rule);
  const ifs = ifnames(rule);
  if (forward) {
    // 20.10–27: `-o BR -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`, `-i BR ! -o BR -j ACCEPT`, `-i BR -o BR -j ACCEPT|DROP`.
    if (!ifs.length || !ifs.every((i) => bridges.has(i.name)) || !v || !['accept', 'drop'].includes(v.verdict)) return false;
    return ms.every((m) => ['meta.iifname', 'meta.oifname', 'ct.state'].includes(fieldOf(m) ?? ''));
  }
  const nat = rule.statements.find((s) => s.kind === 'nat');
  if (table.name === 'nat' && chain === 'POSTROUTING' && nat?.kind === 'nat' && nat.nat === 'masquerade') {
    // `-s SUBNET ! -o BR -j MASQUERADE`
    if (ifs.length === 1 && ifs[0].op === 'ne' && ifs[0].field === 'meta.oifname' && bridges.has(ifs[0].name)) return true;
    // hairpin: `-s C/32 -d C/32 -p tcp --dport P -j MASQUERADE`
    const s = ms.find((m) => /^ip6?\.saddr$/.test(fieldOf(m) ?? ''));
    const d = ms.find((m) => /^ip6?\.daddr$/.test(fieldOf(m) ?? ''));
    const a = s && single(s.right);
    const b = d && single(d.right);
    return !!a && !!b && a.lo === b.lo && !ifs.length;
  }
  if (table.name === 'raw' && chain === 'PREROUTING' && v?.verdict === 'drop') {
    // 28.0+: `-d C/32 ! -i BR -j DROP`, `-d 127.0.0.1/32 ! -i lo -p tcp --dport P -j DROP`
    const d = ms.find((m) => /^ip6?\.daddr$/.test(fieldOf(m) ?? '') && m.op === 'eq');
    return !!d && !!single(d.right) && ifs.length === 1 && ifs[0].op === 'ne' && ifs[0].field === 'meta.iifname' && (bridges.has(ifs[0].name) || ifs[0].name === 'lo');
  }
  return false;
}

/**
 * A dump's rule attributed to Docker: per rule object and origin, so that a rule the language
 * server's memo keeps across edits of the dump is attributed as the same object too (and the
 * chains holding it stay the same objects through the build).
 */
const attributions = new WeakMap<Rule, Rule>();
function attributed(rule: Rule, origin: string): Rule {
  const known = attributions.get(rule);
  if (known?.origin === origin) return known;
  const r: Rule = { ...rule, origin };
  attributions.set(rule, r);
  return r;
}

function bindingOf(rule: Rule, v: IpVersion): DumpBinding[] {
  const nat = rule.statements.find((s): s is Statement & { kind: 'nat' } => s.kind === 'nat');
  // A DNAT the dump shows only as an opaque iptables extension (an nft listing): the port is
  // published, to a container the dump does not name; its verdicts are unknown.
  const opaque = !nat && rule.statements.some((s) => s.kind === 'unknown' && XT.test(s.reason));
  if (!opaque && (!nat || nat.nat !== 'dnat' || !nat.addr)) return [];
  let proto: Proto | undefined;
  let ports: { lo: number; hi: number } | undefined;
  let hostIp = v === 4 ? '0.0.0.0' : '::';
  let bridge: string | undefined;
  for (const m of matches(rule)) {
    const f = fieldOf(m);
    if (f === 'meta.l4proto' && m.op === 'eq' && m.right.kind === 'int') proto = PROTOS[Number(m.right.value)];
    else if (f === 'th.dport' && m.op === 'eq') {
      if (m.right.kind === 'int') ports = { lo: Number(m.right.value), hi: Number(m.right.value) };
      else if (m.right.kind === 'range') ports = { lo: Number(m.right.lo), hi: Number(m.right.hi) };
    } else if (/^ip6?\.daddr$/.test(f ?? '') && m.op === 'eq') {
      const a = single(m.right);
      if (a) hostIp = formatIp({ v: a.v, n: a.lo });
    } else if (f === 'meta.iifname' && m.op === 'ne' && m.right.kind === 'ifname') bridge = m.right.name;
  }
  if (!proto || !ports) return [];
  const out: DumpBinding[] = [];
  const to = nat?.port ?? ports;
  for (let p = ports.lo; p <= ports.hi && out.length < 1024; p++) {
    // A range maps port by port (`9000-9002:9000-9002`); a single container port takes them all.
    const cp = !nat ? 0 : to.lo === to.hi ? to.lo : to.lo + (p - ports.lo);
    out.push({ v, hostIp, hostPort: p, proto, containerIp: nat?.addr ? formatIp({ v: nat.addr.v, n: nat.addr.lo }) : '', containerPort: cp, bridge, rule });
  }
  return out;
}

/** Recognises Docker's rules in the admin's rulesets; undefined when none of them holds any. */
export function findDockerInDumps(fragments: readonly (Fragment | undefined)[]): DockerInDumps | undefined {
  const entered = fragments.filter((f): f is Fragment => !!f && f.format !== 'docker' && hasDockerEntry(f));
  if (!entered.length) return undefined;
  // Once one dump shows Docker's entry points, Docker's chains in the others are Docker's too (20.10's
  // ip6tables, for one, creates the isolation chains without jumping to them).
  const withDocker = fragments.filter(
    (f): f is Fragment => !!f && f.format !== 'docker' && (entered.includes(f) || f.ops.some((op) => op.op === 'addChain' && isIptTable(op.table) && DOCKER_CHAINS.has(op.name) && op.name !== 'DOCKER-USER')),
  );
  const bridges = bridgesNamed(withDocker);
  const bridgesKey = [...bridges].sort().join('\u0000');
  const subnets = new Map<string, IpInterval[]>();
  const bindings: DumpBinding[] = [];
  const diagnostics: CoreDiagnostic[] = [];
  const ufw = withDocker.some((f) => f.ops.some((op) => op.op === 'addChain' && op.name.startsWith('ufw-')));
  let backend: 'iptables' | 'nftables' = 'iptables';
  let dockerRules = 0;
  const merged: (Fragment | undefined)[] = [];
  const admin: (Fragment | undefined)[] = [];
  for (const f of fragments) {
    if (!f || !withDocker.includes(f)) {
      merged.push(f);
      admin.push(f);
      continue;
    }
    const origin = `Docker's rule, found in ${f.file}`;
    const mOps: Op[] = [];
    const aOps: Op[] = [];
    let forwardPolicy = false;
    // DOCKER-USER's last rule, when it is a plain RETURN, is Docker's (up to 28.2.1).
    const lastUserReturn = new Set<Op>();
    const lastByTable = new Map<string, Op>();
    for (const op of f.ops) if (op.op === 'addRule' && isIptTable(op.table) && op.chain === 'DOCKER-USER') lastByTable.set(`${op.table.backend}:${op.table.family}`, op);
    for (const op of lastByTable.values()) if (op.op === 'addRule' && op.rule.statements.length === 1 && verdictOf(op.rule)?.verdict === 'return') lastUserReturn.add(op);
    for (const op of f.ops) {
      if ('table' in op && isNftDockerTable(op.table)) {
        backend = 'nftables';
        if (op.op === 'addRule') {
          dockerRules++;
          mOps.push({ ...op, rule: attributed(op.rule, origin) });
          const v: IpVersion = op.table.family === 'ip6' ? 6 : 4;
          bindings.push(...bindingOf(op.rule, v).map((b) => ({ ...b, rule: attributed(b.rule, origin) })));
        } else mOps.push(op);
        continue;
      }
      if (op.op === 'addChain' && isIptTable(op.table) && DOCKER_CHAINS.has(op.name)) {
        mOps.push(op);
        if (op.name === 'DOCKER-USER') aOps.push(op);
        continue;
      }
      if (op.op === 'addChain' && isIptTable(op.table) && op.table.name === 'filter' && op.name === 'FORWARD' && (op.policy ?? op.base?.policy) === 'drop' && !ufw) {
        // Docker's FORWARD DROP: kept as on the host, taken out of the admin's baseline.
        forwardPolicy = true;
        mOps.push(op);
        aOps.push({ ...op, policy: op.policy ? 'accept' : undefined, ...(op.base ? { base: { ...op.base, policy: 'accept' } } : {}) });
        continue;
      }
      if (op.op === 'addRule' && isIptTable(op.table)) {
        const own = DOCKER_CHAINS.has(op.chain) ? op.chain !== 'DOCKER-USER' || lastUserReturn.has(op) : isDockerBuiltinRule(op.table, op.chain, op.rule, bridges, bridgesKey);
        if (own) {
          dockerRules++;
          const rule = attributed(op.rule, origin);
          mOps.push({ ...op, rule });
          const v: IpVersion = op.table.family === 'ip6' ? 6 : 4;
          if (op.table.name === 'nat' && op.chain === 'DOCKER') bindings.push(...bindingOf(rule, v));
          if (op.table.name === 'nat' && op.chain === 'POSTROUTING') {
            const out = ifnames(op.rule).find((i) => i.op === 'ne' && i.field === 'meta.oifname');
            const src = matches(op.rule).find((m) => /^ip6?\.saddr$/.test(fieldOf(m) ?? '') && m.op === 'eq');
            if (out && src?.right.kind === 'ip' && src.right.interval.lo !== src.right.interval.hi) subnets.set(out.name, [...(subnets.get(out.name) ?? []), src.right.interval]);
          }
          continue;
        }
      }
      mOps.push(op);
      aOps.push(op);
    }
    merged.push({ ...f, ops: mOps });
    admin.push({ ...f, ops: aOps });
    const span = f.ops[0]?.span;
    if (span) {
      diagnostics.push({
        span,
        severity: 'information',
        code: 'live-dump',
        message: `${f.file} already holds Docker's rules (${bridges.size} bridge${bridges.size === 1 ? '' : 's'}: ${[...bridges].join(', ') || 'none'}): they are analysed as found, attributed to Docker, and not synthesized again; the admin's own rules are the rest`,
      });
      if (forwardPolicy)
        diagnostics.push({ span, severity: 'information', code: 'live-dump', message: `the DROP policy of filter FORWARD in ${f.file} is taken to be Docker's (dockerd sets it when it turns forwarding on); your rules alone are analysed with FORWARD accepting` });
    }
  }
  const bridgeList: DumpBridge[] = [...bridges].sort().map((name) => ({ name, subnets: subnets.get(name) ?? [] }));
  for (const b of bridgeList)
    if (!b.subnets.length && withDocker[0].ops[0]) {
      diagnostics.push({ span: withDocker[0].ops[0].span, severity: 'information', code: 'live-dump', message: `no MASQUERADE rule names the subnet of bridge ${b.name}: its addresses are taken from the containers Docker's rules name` });
    }
  return { merged, admin, bridges: bridgeList, bindings, backend, diagnostics, dockerRules };
}

/** The reason the nft lowerings give an iptables-nft compat expression (`xt match "conntrack"`, JSON `xt`). */
const XT = /iptables extension/;

/**
 * `nft list ruleset` and `nft -j list ruleset` show the tables iptables-nft wrote (Docker's, ufw's,
 * iptables-persistent's) with the iptables matches and targets nft cannot translate as opaque `xt`
 * expressions (`xt target "DNAT"`, or `XT target DNAT not found` from older nft). An `iptables-save` /
 * `ip6tables-save` dump given beside it reads the same tables exactly: those tables of the JSON
 * are then left out (never counted twice), and the JSON keeps the native nftables tables. Without
 * such a dump, a warning says what to give.
 */
export function preferIptablesSave(fragments: readonly (Fragment | undefined)[]): { fragments: (Fragment | undefined)[]; diagnostics: CoreDiagnostic[] } {
  const diagnostics: CoreDiagnostic[] = [];
  const saved = new Set<string>();
  for (const f of fragments)
    if (f?.format === 'iptables') for (const op of f.ops) if (op.op === 'addTable' && op.table.backend === 'nft') saved.add(`${op.table.family}/${op.table.name}`);
  const out = fragments.map((g) => {
    if (!g || (g.format !== 'nft-json' && g.format !== 'nft')) return g;
    const { f, xtTables } = xtOf(g);
    if (!xtTables.size) return f;
    const covered = [...xtTables].filter((t) => saved.has(t));
    const missing = [...xtTables].filter((t) => !saved.has(t));
    const span = f.ops[0]?.span;
    if (span && covered.length)
      diagnostics.push({ span, severity: 'information', code: 'live-dump', message: `tables ${covered.join(', ')} of ${f.file} were written by iptables-nft; they are read from the iptables-save dump given beside it, and left out here` });
    if (span && missing.length) {
      const cmd = missing.some((t) => t.startsWith('ip6/')) ? (missing.some((t) => t.startsWith('ip/')) ? '`iptables-save` and `ip6tables-save`' : '`ip6tables-save`') : '`iptables-save`';
      diagnostics.push({
        span,
        severity: 'warning',
        code: 'live-dump',
        message: `tables ${missing.join(', ')} of ${f.file} were written by iptables-nft: nft shows some of their iptables matches and targets only as opaque xt expressions; give the output of ${cmd} beside it to read them exactly`,
      });
    }
    if (!covered.length) return f;
    const drop = new Set(covered);
    return { ...f, ops: f.ops.filter((op) => !('table' in op) || !drop.has(`${op.table.family}/${op.table.name}`)) };
  });
  return { fragments: out, diagnostics };
}

/**
 * Some nft releases print an iptables-nft rule whose target they cannot decode with no statement at
 * all in its place (`iifname != "br-x" tcp dport 8011 counter packets 0 bytes 0`, an ip6tables
 * DNAT as nft 1.0.6 shows it). In the nat table, and in Docker's chains, a rule that only matches and
 * counts is such a rule: it gets an unknown statement saying so, instead of reading as a no-op.
 */
/**
 * An nft fragment with iptables-nft's silent targets made unknown, and its tables holding opaque xt
 * expressions; per fragment object (the language server keeps an unchanged file's fragment), so
 * that an unchanged file gives the same fragment object to the next analysis.
 */
const xtMemo = new WeakMap<Fragment, { readonly f: Fragment; readonly xtTables: ReadonlySet<string> }>();
function xtOf(g: Fragment): { readonly f: Fragment; readonly xtTables: ReadonlySet<string> } {
  let r = xtMemo.get(g);
  if (!r) {
    const f = withSilentTargets(g);
    const xtTables = new Set<string>();
    // (a table once: the rest of its rules need not be read)
    let known: TableRef | undefined;
    for (const op of f.ops)
      if (op.op === 'addRule' && op.table !== known && (op.table.family === 'ip' || op.table.family === 'ip6') && hasXt(op.rule)) {
        xtTables.add(`${op.table.family}/${op.table.name}`);
        known = op.table;
      }
    xtMemo.set(g, (r = { f, xtTables }));
  }
  return r;
}

function hasXt(rule: Rule): boolean {
  let r = xtRules.get(rule);
  if (r === undefined) {
    r = false;
    for (const s of rule.statements)
      if (s.kind === 'unknown' && XT.test(s.reason)) {
        r = true;
        break;
      }
    xtRules.set(rule, r);
  }
  return r;
}
/** Per rule object (the language server's lowering keeps an unchanged rule's object across edits). */
const xtRules = new WeakMap<Rule, boolean>();

function withSilentTargets(f: Fragment): Fragment {
  // Only tables iptables-nft wrote: they have iptables' upper-case built-in chains.
  const iptNft = new Set<string>();
  for (const op of f.ops) if (op.op === 'addChain' && isIptTable(op.table) && /^(PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING)$/.test(op.name)) iptNft.add(`${op.table.family}/${op.table.name}`);
  if (!iptNft.size) return f;
  // (per table object: a lowering gives every rule of a table the same one)
  const written = new Map<TableRef, boolean>();
  const wrote = (t: TableRef): boolean => {
    let w = written.get(t);
    if (w === undefined) written.set(t, (w = iptNft.has(`${t.family}/${t.name}`)));
    return w;
  };
  let ops: Op[] | undefined;
  for (let i = 0; i < f.ops.length; i++) {
    const op = f.ops[i];
    if (op.op !== 'addRule' || !(op.table.name === 'nat' || DOCKER_CHAINS.has(op.chain)) || !wrote(op.table) || !silentTarget(op.rule)) continue;
    const span = op.rule.span;
    (ops ??= f.ops.slice())[i] = { ...op, rule: { ...op.rule, statements: [...op.rule.statements, { kind: 'unknown' as const, reason: 'iptables extension (target) that nft printed as nothing: the rule was written by iptables-nft with a target this nft cannot decode', span }] } };
  }
  return ops ? { ...f, ops } : f;
}

/** A rule that only matches (and counts): see `withSilentTargets`. */
function silentTarget(rule: Rule): boolean {
  const acts = rule.statements.some((st) => st.kind !== 'match' && !(st.kind === 'nop' && st.what !== 'notrack') && st.kind !== 'stateful');
  return !acts && rule.statements.some((st) => st.kind === 'match');
}

/**
 * What `splitBrainNotes` reads of one lowered file: the backends of its iptables tables, and whether
 * its text carries iptables-nft's warning about legacy tables. Kept per fragment (and its text):
 * the analysis after every compose edit asks again about a ruleset that did not change.
 */
const splitBrainReads = new WeakMap<Fragment, { readonly text: string; readonly backends: readonly string[]; readonly legacyWarning: boolean }>();
function readOf(fragment: Fragment, text: string): { readonly backends: readonly string[]; readonly legacyWarning: boolean } {
  const known = splitBrainReads.get(fragment);
  if (known && known.text === text) return known;
  const backends = new Set<string>();
  if (fragment.format === 'iptables') for (const op of fragment.ops) if (op.op === 'addTable' && (op.table.family === 'ip' || op.table.family === 'ip6') && IPT_TABLES.has(op.table.name)) backends.add(op.table.backend);
  const read = { text, backends: [...backends], legacyWarning: text.includes('# Warning: iptables-legacy tables present') };
  splitBrainReads.set(fragment, read);
  return read;
}

/**
 * iptables-legacy and iptables-nft tables both run in the kernel (at the same hooks and
 * priorities): a host whose rules were loaded through both ("split brain") is modelled that way.
 * Says so when the dumps show it, and warns when an iptables-nft dump reports legacy tables that
 * no dump given holds (`# Warning: iptables-legacy tables present`).
 */
export function splitBrainNotes(sources: readonly { readonly file: string; readonly text: string; readonly fragment?: Fragment }[]): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const backends = new Set<string>();
  for (const s of sources) if (s.fragment) for (const b of readOf(s.fragment, s.text).backends) backends.add(b);
  const first = sources.find((s) => s.fragment?.ops[0])?.fragment?.ops[0]?.span;
  if (first && backends.has('legacy') && backends.has('nft'))
    out.push({ span: first, severity: 'warning', code: 'live-dump', message: 'rules are loaded both through iptables-legacy and iptables-nft ("split brain"): both sets run in the kernel, each at its own tables, and a packet must pass both; they are analysed together' });
  for (const s of sources) {
    if (!s.fragment?.ops[0] || !readOf(s.fragment, s.text).legacyWarning || backends.has('legacy')) continue;
    out.push({ span: s.fragment.ops[0].span, severity: 'warning', code: 'live-dump', message: `${s.file} says iptables-legacy tables are present on the host as well: their rules also run; give the output of \`iptables-legacy-save\` beside it, or the verdicts may be wrong` });
  }
  return out;
}

/** Live rulesets that hold no rule of Docker's (`iptables: false`): the host's rules as they are. */
export function noDockerRules(fragments: readonly (Fragment | undefined)[]): DockerInDumps {
  return { merged: fragments, admin: fragments, bridges: [], bindings: [], backend: 'iptables', diagnostics: [], dockerRules: 0 };
}
