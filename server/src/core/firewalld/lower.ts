/**
 * What firewalld 1.3 (nftables backend) loads for a permanent configuration: the one table
 * `inet firewalld` it writes at start, rendered as nft text in the virtual file `<firewalld>` and
 * lowered by the project's own nftables lowering. Each rule that comes from an element of the
 * admin's XML (a service, a port, a rich rule, a zone's target, its interfaces and sources) is
 * cited at that element; the rules firewalld always writes are cited in `<firewalld>`.
 *
 * The layout follows the real program (checked rule by rule by test/firewalld-diff):
 * - base chains `filter_PREROUTING` (IPv6 rpfilter), `filter_INPUT` / `filter_FORWARD` (established,
 *   `ct status dnat accept`, loopback, invalid, the zone dispatch, a final reject), `filter_OUTPUT`,
 *   `nat_PREROUTING` / `nat_POSTROUTING` / `mangle_PREROUTING` (zone dispatch), `nat_OUTPUT`, each at
 *   its hook's priority + 10;
 * - the dispatch chains `*_ZONES`: a goto per zone source (sorted by zone name), then per interface
 *   (each inserted above the ones before, so in reverse of firewalld's order: zones by name,
 *   interfaces in file order), then the default zone for everything else;
 * - per active zone (one with interfaces or sources, and the default zone) the chains `filter_IN_Z`,
 *   `filter_FWD_Z`, `nat_PRE_Z`, `nat_POST_Z`, `mangle_PRE_Z`, each calling `_pre`, `_log`, `_deny`,
 *   `_allow`, `_post` between the policy chains, and ending with the zone's target;
 * - per policy whose zones are active its chains (by ingress/egress: to HOST, to ANY, to a zone) and
 *   the dispatch rules in `*_POLICIES_pre` (priority < 0) or `*_POLICIES_post`, ordered by priority.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { lowerNftText } from '../netfilter/lower-nft';
import type { Fragment } from '../netfilter/model';
import type { Languages } from '../syntax/languages';
import { LineIndex, type Span } from '../text';
import { readPolicy, readService, readSettings, readZone, nameOfFile, type FwRules, type FwSettings, type FwText, type Policy, type RichRule, type Zone } from './config';
import { BUILTIN_POLICY_TEXTS, BUILTIN_ZONE_TEXTS } from './defaults';
import { BUILTIN_SERVICES, type ServiceDef } from './services';
import { lowerDirect, readDirect, recite, type DirectSource } from './direct';

/** The texts of one firewalld configuration (paths as the caller names them). */
export interface FirewalldConfig {
  /** `/etc/firewalld/firewalld.conf`. */
  readonly conf?: FwText;
  /** `/etc/firewalld/zones/*.xml` (they replace built-in zones of the same name). */
  readonly zones?: readonly FwText[];
  readonly policies?: readonly FwText[];
  readonly services?: readonly FwText[];
  /** `/etc/firewalld/ipsets/*.xml`: announced, not modelled. */
  readonly ipsets?: readonly FwText[];
  /** `/etc/firewalld/direct.xml` (direct.ts). */
  readonly direct?: FwText;
  /** `/usr/lib/firewalld/{zones,policies,services}` when given; else the built-in data. */
  readonly systemZones?: readonly FwText[];
  readonly systemPolicies?: readonly FwText[];
  readonly systemServices?: readonly FwText[];
}

export interface RuntimeInterface {
  readonly zone: string;
  readonly interface: string;
  /** Who binds it, for the diagnostics (`dockerd`). */
  readonly by: string;
}

export interface FirewalldLoad {
  readonly settings: FwSettings;
  readonly zones: readonly Zone[];
  readonly policies: readonly Policy[];
  /** Names of the zones firewalld activates (bindings, or the default zone). */
  readonly activeZones: readonly string[];
  /** The virtual file's text (`<firewalld>`), also the `text` of the fragment's source. */
  readonly text: string;
  readonly fragment: Result<Fragment>;
  /** direct.xml's chains, rules and passthroughs: iptables-nft texts (one per family), loaded after the table. */
  readonly direct: readonly DirectSource[];
}

export const FIREWALLD_FILE = '<firewalld>';
/** The table as it is once the container engine has added to firewalld's runtime configuration. */
export const FIREWALLD_ENGINE_FILE = '<firewalld, engine running>';

/**
 * What another program adds to firewalld's runtime configuration (over D-Bus) once firewalld runs
 * (dockerd: its bridges in zone `docker`, see check.ts; netavark: see podman/firewalld.ts):
 * interfaces and sources bound to existing zones, loaded as if the zone's file
 * named them, and zones and policies of its own (replacing those of the same name), each element
 * with the span its rules are cited at.
 */
export interface FirewalldRuntime {
  /**
   * Interfaces a program binds to a zone at runtime, after firewalld loaded this configuration:
   * dockerd puts docker0 and the bridge of each Docker network into zone `docker` (measured with
   * dockerd 20.10 and 28.5.2 on firewalld 1.3.3: `firewall-cmd --get-active-zones` lists them, while
   * the docker.xml dockerd writes names none; the table with them equals the real one). Each binds only when the zone exists and the interface is
   * in no other zone; its dispatch rules are cited at the zone's `<zone>` tag.
   */
  readonly interfaces?: readonly RuntimeInterface[];
  readonly sources?: readonly { readonly zone: string; readonly address: string; readonly span: Span }[];
  readonly zones?: readonly Zone[];
  readonly policies?: readonly Policy[];
}

export interface FirewalldLoadOptions {
  readonly runtime?: FirewalldRuntime;
  /** The virtual file the table is rendered into (default `<firewalld>`). */
  readonly file?: string;
}

interface GenRule {
  readonly text: string;
  /** The XML element this rule comes from. */
  readonly origin?: Span;
}

interface GenChain {
  readonly name: string;
  readonly base?: string;
  readonly rules: GenRule[];
}

const SUB = ['pre', 'log', 'deny', 'allow', 'post'] as const;
const REJECT = 'reject with icmpx admin-prohibited';

const ICMP_TYPES: Record<string, { v4?: string; v6?: string }> = {
  'neighbour-advertisement': { v6: 'nd-neighbor-advert' },
  'neighbour-solicitation': { v6: 'nd-neighbor-solicit' },
  'router-advertisement': { v6: 'nd-router-advert' },
  'router-solicitation': { v6: 'nd-router-solicit' },
  redirect: { v4: 'redirect', v6: 'nd-redirect' },
  'echo-request': { v4: 'echo-request', v6: 'echo-request' },
  'echo-reply': { v4: 'echo-reply', v6: 'echo-reply' },
};

const isV6 = (a: string): boolean => a.includes(':');

class Table {
  readonly chains = new Map<string, GenChain>();
  chain(name: string, base?: string): GenChain {
    let c = this.chains.get(name);
    if (!c) {
      c = { name, base, rules: [] };
      this.chains.set(name, c);
    }
    return c;
  }
  add(name: string, text: string, origin?: Span): void {
    this.chain(name).rules.push({ text, origin });
  }
  /** A zone's or policy's chain with its five sub-chains, and the jumps to them. */
  layered(name: string, before: string[] = [], after: string[] = []): void {
    const c = this.chain(name);
    for (const b of before) c.rules.push({ text: `jump ${b}` });
    for (const s of SUB) {
      this.chain(`${name}_${s}`);
      c.rules.push({ text: `jump ${name}_${s}` });
    }
    for (const a of after) c.rules.push({ text: `jump ${a}` });
  }
  render(): { text: string; origins: Map<number, Span> } {
    const origins = new Map<number, Span>();
    const lines: string[] = ['table inet firewalld {'];
    for (const c of this.chains.values()) {
      lines.push(`\tchain ${c.name} {`);
      if (c.base) lines.push(`\t\t${c.base}`);
      for (const r of c.rules) {
        if (r.origin) origins.set(lines.length, r.origin);
        lines.push(`\t\t${r.text}`);
      }
      lines.push('\t}', '');
    }
    if (lines[lines.length - 1] === '') lines.pop();
    lines.push('}', '');
    return { text: lines.join('\n'), origins };
  }
}

/** The skeleton firewalld writes before any zone (firewalld 1.3, nftables backend). */
function skeleton(t: Table, s: FwSettings): void {
  const rfc3964 =
    'ip6 daddr { ::/96, ::ffff:0.0.0.0/96, 2002::/24, 2002:a00::/24, 2002:7f00::/24, 2002:a9fe::/32, 2002:ac10::/28, 2002:c0a8::/32, 2002:e000::/19 } reject with icmpv6 addr-unreachable';
  t.chain('mangle_PREROUTING', 'type filter hook prerouting priority mangle + 10; policy accept;').rules.push({ text: 'jump mangle_PREROUTING_ZONES' });
  for (const x of ['POLICIES_pre', 'ZONES', 'POLICIES_post']) t.chain(`mangle_PREROUTING_${x}`);
  t.chain('nat_PREROUTING', 'type nat hook prerouting priority dstnat + 10; policy accept;').rules.push({ text: 'jump nat_PREROUTING_ZONES' });
  for (const x of ['POLICIES_pre', 'ZONES', 'POLICIES_post']) t.chain(`nat_PREROUTING_${x}`);
  t.chain('nat_POSTROUTING', 'type nat hook postrouting priority srcnat + 10; policy accept;').rules.push({ text: 'jump nat_POSTROUTING_ZONES' });
  for (const x of ['POLICIES_pre', 'ZONES', 'POLICIES_post']) t.chain(`nat_POSTROUTING_${x}`);
  const natOut = t.chain('nat_OUTPUT', 'type nat hook output priority -90; policy accept;');
  natOut.rules.push({ text: 'jump nat_OUTPUT_POLICIES_pre' }, { text: 'jump nat_OUTPUT_POLICIES_post' });
  t.chain('nat_OUTPUT_POLICIES_pre');
  t.chain('nat_OUTPUT_POLICIES_post');
  const pre = t.chain('filter_PREROUTING', 'type filter hook prerouting priority filter + 10; policy accept;');
  if (s.ipv6Rpfilter) pre.rules.push({ text: 'icmpv6 type { nd-router-advert, nd-neighbor-solicit } accept' }, { text: 'meta nfproto ipv6 fib saddr . mark . iif oif missing drop' });
  const common = ['ct state { established, related } accept', 'ct status dnat accept', 'iifname "lo" accept', 'ct state invalid drop'];
  const input = t.chain('filter_INPUT', 'type filter hook input priority filter + 10; policy accept;');
  for (const r of [...common, 'jump filter_INPUT_ZONES', REJECT]) input.rules.push({ text: r });
  const fwd = t.chain('filter_FORWARD', 'type filter hook forward priority filter + 10; policy accept;');
  for (const r of [...common, ...(s.rfc3964 ? [rfc3964] : []), 'jump filter_FORWARD_ZONES', REJECT]) fwd.rules.push({ text: r });
  const out = t.chain('filter_OUTPUT', 'type filter hook output priority filter + 10; policy accept;');
  for (const r of ['ct state { established, related } accept', 'oifname "lo" accept', ...(s.rfc3964 ? [rfc3964] : []), 'jump filter_OUTPUT_POLICIES_pre', 'jump filter_OUTPUT_POLICIES_post']) out.rules.push({ text: r });
  for (const x of ['INPUT_POLICIES_pre', 'INPUT_ZONES', 'INPUT_POLICIES_post', 'FORWARD_POLICIES_pre', 'FORWARD_ZONES', 'FORWARD_POLICIES_post', 'OUTPUT_POLICIES_pre', 'OUTPUT_POLICIES_post']) t.chain(`filter_${x}`);
}

type Note = (span: Span, severity: CoreDiagnostic['severity'], message: string) => void;

/** nft match text for one address of a family-specific field. */
const addr = (field: 'saddr' | 'daddr', a: string, invert = false): string => `${isV6(a) ? 'ip6' : 'ip'} ${field}${invert ? ' !=' : ''} ${a}`;

/** The rules one service allows (one per port, per destination family). */
function serviceRules(svc: ServiceDef, prefix: string[], verdict: string, family?: 'ipv4' | 'ipv6'): string[] {
  const dests: (string | undefined)[] = [];
  // a rich rule's family keeps only the service's destination of that family
  if (svc.destination?.ipv4 && family !== 'ipv6') dests.push(addr('daddr', svc.destination.ipv4));
  if (svc.destination?.ipv6 && family !== 'ipv4') dests.push(addr('daddr', svc.destination.ipv6));
  if (svc.destination && !dests.length) return [];
  if (!dests.length) dests.push(undefined);
  const out: string[] = [];
  for (const d of dests) {
    for (const p of svc.ports) out.push([...prefix, ...(d ? [d] : []), `${p.protocol} dport ${p.port}`, verdict].join(' '));
    for (const proto of svc.protocols) out.push([...prefix, ...(d ? [d] : []), `meta l4proto ${proto}`, verdict].join(' '));
  }
  return out;
}

/** Lowering context of one configuration. */
class Lowering {
  readonly t = new Table();
  constructor(
    readonly services: ReadonlyMap<string, ServiceDef>,
    readonly note: Note,
  ) {}

  service(name: string, span: Span): ServiceDef | undefined {
    const svc = this.services.get(name);
    if (!svc) this.note(span, 'warning', `service "${name}" is not defined here (no ${name}.xml given and not one of the common services Dockwall knows); firewalld refuses an unknown service, and the analysis goes on without it`);
    else if (svc.helpers.length) this.note(span, 'information', `service "${name}" uses the conntrack helper ${svc.helpers.join(', ')}; the connections the helper expects are not modelled`);
    return svc;
  }

  /** The services, ports, protocols and rich rules of a zone or policy into its chain `base`. */
  settings(o: FwRules, filterChain: string, natPre: string | undefined, natPost: string | undefined): void {
    const allow = `${filterChain}_allow`;
    for (const s of o.services) {
      const svc = this.service(s.value, s.span);
      if (svc) for (const r of serviceRules(svc, [], 'accept')) this.t.add(allow, r, s.span);
    }
    for (const p of o.ports) this.t.add(allow, `${p.protocol} dport ${p.port} accept`, p.span);
    if (o.masquerade && natPost) this.t.add(`${natPost}_allow`, 'meta nfproto ipv4 oifname != "lo" masquerade', o.masquerade);
    if (natPre) {
      for (const f of o.forwardPorts) {
        const v6 = f.toAddr !== undefined && isV6(f.toAddr);
        const match = `meta nfproto ${v6 ? 'ipv6' : 'ipv4'} ${f.protocol} dport ${f.port}`;
        let action: string;
        if (!f.toAddr) action = `redirect to :${f.toPort}`;
        else {
          const a = v6 ? `[${f.toAddr}]` : f.toAddr;
          action = `dnat ${v6 ? 'ip6' : 'ip'} to ${a}${f.toPort ? `:${f.toPort}` : ''}`;
        }
        this.t.add(`${natPre}_allow`, `${match} ${action}`, f.span);
      }
    }
    // firewalld's order: services, ports, masquerade, forward ports, rich rules, protocols
    for (const r of o.rules) this.rich(r, filterChain);
    for (const p of o.protocols) this.t.add(allow, `meta l4proto ${p.value} accept`, p.span);
  }

  rich(r: RichRule, filterChain: string): void {
    const prefix: string[] = [];
    if (r.source) prefix.push(addr('saddr', r.source.address, r.source.invert));
    if (r.destination) prefix.push(addr('daddr', r.destination.address, r.destination.invert));
    const el = r.element;
    if (!el && !r.source && !r.destination) {
      this.note(r.span, 'warning', 'a rich rule with no element, no source and no destination: firewalld refuses it ("INVALID_RULE") and loads the zone without it');
      return;
    }
    if (el && (el.kind === 'masquerade' || el.kind === 'forward-port')) {
      this.note(r.span, 'warning', `a rich rule with ${el.kind} is not modelled; this rule is left out of the analysis`);
      return;
    }
    if (!r.action) {
      this.note(r.span, 'information', 'a rich rule without an action (only logging or auditing) decides nothing; left out');
      return;
    }
    const chainSuffix = r.priority < 0 ? 'pre' : r.priority > 0 ? 'post' : r.action.kind === 'accept' ? 'allow' : 'deny';
    const chain = `${filterChain}_${chainSuffix}`;
    let verdict: string = r.action.kind;
    if (r.action.kind === 'reject') {
      const fam = r.family === 'ipv4' ? 'icmp' : r.family === 'ipv6' ? 'icmpv6' : 'icmpx';
      const type = r.action.rejectType?.replace(/^icmp6?-/, '').replace(/^(adm)-prohibited$/, 'admin-prohibited') ?? 'port-unreachable';
      verdict = `reject with ${fam} ${type}`;
    }

    // a family without an address is matched as such; nft lists the match only where the verdict
    // does not imply it (a reject with an icmp or icmpv6 type)
    if (r.family && !r.source && !r.destination && !/^reject with icmp(v6)? /.test(verdict) && el?.kind !== 'icmp-type') prefix.push(`meta nfproto ${r.family}`);
    const texts: string[] = [];
    if (!el) texts.push([...prefix, verdict].join(' '));
    else if (el.kind === 'service') {
      const svc = this.service(el.name, r.span);
      if (!svc) return;
      if (r.destination && svc.destination) {
        this.note(r.span, 'error', `service ${el.name} has its own destination: firewalld refuses the whole configuration ("Destination conflict with service") and falls back to its stock one`);
        return;
      }
      texts.push(...serviceRules(svc, prefix, verdict, r.family));
    } else if (el.kind === 'port') texts.push([...prefix, `${el.protocol} dport ${el.port}`, verdict].join(' '));
    else if (el.kind === 'protocol') texts.push([...prefix, `meta l4proto ${el.value}`, verdict].join(' '));
    else if (el.kind === 'icmp-type') {
      const m = ICMP_TYPES[el.name];
      const fams = r.family === 'ipv4' ? ['v4'] : r.family === 'ipv6' ? ['v6'] : ['v4', 'v6'];
      let any = false;
      for (const f of fams) {
        const nft = f === 'v4' ? m?.v4 : m?.v6;
        if (!nft) continue;
        any = true;
        texts.push([...prefix, `${f === 'v4' ? 'icmp' : 'icmpv6'} type ${nft}`, verdict].join(' '));
      }
      if (!any) {
        this.note(r.span, 'warning', `icmp type "${el.name}" is not modelled; this rule is left out of the analysis`);
        return;
      }
    }
    for (const x of texts) this.t.add(chain, x, r.span);
  }
}

function targetRules(target: string, input: boolean, explicit: boolean): string[] {
  switch (target) {
    case 'ACCEPT':
      return ['accept'];
    case 'DROP':
      return ['drop'];
    case '%%REJECT%%':
    case 'REJECT':
      return [REJECT];
    case 'CONTINUE':
      return [];
    default:
      // an explicit target="default" leaves the final reject to the base chain (measured on 1.3.3)
      if (explicit) return input ? ['meta l4proto { icmp, ipv6-icmp } accept'] : [];
      return input ? ['meta l4proto { icmp, ipv6-icmp } accept', REJECT] : [REJECT];
  }
}

/** Re-cites each rule that came from an XML element at that element (its text stays the nft rule). */
/**
 * The ruleset firewalld loads for this configuration, with the settings read and every assumption
 * announced (diagnostics of severity information).
 */
export function loadFirewalld(config: FirewalldConfig, languages: Languages | undefined, opts: FirewalldLoadOptions = {}): Result<FirewalldLoad> {
  const runtime = opts.runtime ?? {};
  const file = opts.file ?? FIREWALLD_FILE;
  const diagnostics: CoreDiagnostic[] = [];
  const note: Note = (span, severity, message) => diagnostics.push({ span, severity, code: 'firewalld', message });
  const set = readSettings(config.conf);
  diagnostics.push(...set.diagnostics);
  const s = set.settings;
  const anchorFile = config.conf ?? config.zones?.[0] ?? config.policies?.[0];
  const anchor = new LineIndex(anchorFile?.text ?? '').span(anchorFile?.file ?? file, 0, Math.min(1, anchorFile?.text.length ?? 0));
  if (!config.conf) note(anchor, 'information', 'no firewalld.conf: firewalld 1.3\'s defaults apply (DefaultZone=public, FirewallBackend=nftables, IPv6_rpfilter=yes, RFC3964_IPv4=yes)');
  if (s.backend.value !== 'nftables') note(s.backend.span ?? anchor, 'warning', `FirewallBackend=${s.backend.value}: only the nftables backend is modelled; analysed as if it were nftables`);
  if (s.logDenied !== 'off') note(set.values.get('LogDenied')?.span ?? anchor, 'information', `LogDenied=${s.logDenied}: the log rules firewalld adds decide nothing and are not modelled`);
  if (s.strictForwardPorts?.value) note(s.strictForwardPorts.span, 'information', 'StrictForwardPorts=yes is a setting of firewalld 2.3 and later; firewalld 1.3 ignores it (modelled as 1.3)');
  if (s.allowZoneDrifting.value) note(s.allowZoneDrifting.span ?? anchor, 'information', 'AllowZoneDrifting=yes is not modelled (firewalld 1.0 and later ignore it)');
  for (const f of config.ipsets ?? []) note(new LineIndex(f.text).span(f.file, 0, Math.min(1, f.text.length)), 'warning', 'firewalld ipsets are not modelled; zone sources and rich rules that use them are left out');
  let direct: DirectSource[] = [];
  if (config.direct) {
    const d = readDirect(config.direct);
    diagnostics.push(...d.diagnostics);
    direct = lowerDirect(d.value, languages);
  }

  // services: the built-in table, then the system folder, then the admin's folder
  const services = new Map<string, ServiceDef>(BUILTIN_SERVICES);
  for (const f of [...(config.systemServices ?? []), ...(config.services ?? [])]) {
    const r = readService(f);
    diagnostics.push(...r.diagnostics);
    if (r.service) services.set(r.service.name, r.service);
  }
  // zones and policies: /etc replaces /usr/lib (or the built-in data) by name
  const zoneTexts = new Map<string, FwText>();
  for (const f of config.systemZones ?? BUILTIN_ZONE_TEXTS) zoneTexts.set(nameOfFile(f.file), f);
  for (const f of config.zones ?? []) zoneTexts.set(nameOfFile(f.file), f);
  const policyTexts = new Map<string, FwText>();
  for (const f of config.systemPolicies ?? BUILTIN_POLICY_TEXTS) policyTexts.set(nameOfFile(f.file), f);
  for (const f of config.policies ?? []) policyTexts.set(nameOfFile(f.file), f);
  const zones: Zone[] = [];
  for (const name of [...zoneTexts.keys()].sort()) {
    const r = readZone(zoneTexts.get(name)!);
    diagnostics.push(...r.diagnostics);
    if (!r.zone) continue;
    const added = (runtime.sources ?? []).filter((x) => x.zone === name && !r.zone!.sources.some((y) => y.value === x.address));
    zones.push(added.length ? { ...r.zone, sources: [...r.zone.sources, ...added.map((x) => ({ value: x.address, span: x.span }))] } : r.zone);
  }
  for (const z of runtime.zones ?? []) {
    const at = zones.findIndex((x) => x.name === z.name);
    if (at >= 0) zones[at] = z;
    else zones.push(z);
  }
  zones.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const x of runtime.sources ?? []) if (!zones.some((z) => z.name === x.zone)) note(x.span, 'warning', `zone ${x.zone} does not exist: ${x.address} is bound to no zone`);
  const policies: Policy[] = [];
  for (const name of [...policyTexts.keys()].sort()) {
    const r = readPolicy(policyTexts.get(name)!);
    diagnostics.push(...r.diagnostics);
    if (r.policy) policies.push(r.policy);
  }
  for (const p of runtime.policies ?? []) {
    const at = policies.findIndex((x) => x.name === p.name);
    if (at >= 0) policies[at] = p;
    else policies.push(p);
  }
  policies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let defaultZone = s.defaultZone.value;
  if (!zones.some((z) => z.name === defaultZone)) {
    note(s.defaultZone.span ?? anchor, 'error', `DefaultZone=${defaultZone} names no zone; firewalld falls back to public`);
    defaultZone = 'public';
  }
  if (!s.defaultZone.span && config.conf) note(anchor, 'information', 'firewalld.conf sets no DefaultZone: public is used');

  const L = new Lowering(services, note);
  const t = L.t;
  skeleton(t, s);
  const active = zones.filter((z) => z.interfaces.length || z.sources.length || z.name === defaultZone);
  const byName = new Map(zones.map((z) => [z.name, z]));
  // interfaces in more than one zone: firewalld refuses the second
  const owner = new Map<string, string>();
  for (const z of active) {
    for (const i of z.interfaces) {
      const o = owner.get(i.value);
      if (o) note(i.span, 'error', `interface ${i.value} is already in zone ${o}; firewalld refuses to start with this configuration`);
      else owner.set(i.value, z.name);
    }
  }
  // interfaces bound at runtime (dockerd's bridges): the zone becomes active with them
  const runtimeBound: string[] = [];
  for (const b of runtime.interfaces ?? []) {
    const at = zones.findIndex((z) => z.name === b.zone);
    if (at < 0) continue;
    const z = zones[at];
    const o = owner.get(b.interface);
    if (o !== undefined) {
      if (o !== z.name) note(z.tag, 'information', `${b.by} binds ${b.interface} to zone ${z.name} at runtime, but it is in zone ${o} here; firewalld refuses the change (ZONE_CONFLICT) and ${b.interface} stays in ${o}`);
      continue;
    }
    owner.set(b.interface, z.name);
    runtimeBound.push(b.interface);
    const bound: Zone = { ...z, interfaces: [...z.interfaces, { value: b.interface, span: z.tag }] };
    zones[at] = bound;
    byName.set(z.name, bound);
    const i = active.findIndex((x) => x.name === z.name);
    if (i >= 0) active[i] = bound;
    else {
      // active zones stay in name order, as firewalld visits them
      active.push(bound);
      active.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
  }

  const srcOwner = new Map<string, string>();
  for (const z of zones) {
    for (const src of z.sources) {
      const o = srcOwner.get(src.value);
      if (o && o !== z.name) note(src.span, 'error', `source ${src.value} is already bound to zone ${o}: firewalld refuses the whole configuration ("INVALID_ADDR") and falls back to its stock one`);
      else srcOwner.set(src.value, z.name);
    }
  }

  // per-zone chains
  for (const z of active) {
    const target = z.target.value;
    t.layered(`filter_IN_${z.name}`, ['filter_INPUT_POLICIES_pre'], ['filter_INPUT_POLICIES_post']);
    for (const r of targetRules(target, true, !!z.target.span)) t.add(`filter_IN_${z.name}`, r, z.target.span ?? z.span);
    t.layered(`nat_POST_${z.name}`, ['nat_POSTROUTING_POLICIES_pre'], ['nat_POSTROUTING_POLICIES_post']);
    t.layered(`filter_FWD_${z.name}`, ['filter_FORWARD_POLICIES_pre'], ['filter_FORWARD_POLICIES_post']);
    for (const r of targetRules(target, false, !!z.target.span)) t.add(`filter_FWD_${z.name}`, r, z.target.span ?? z.span);
    t.layered(`nat_PRE_${z.name}`, ['nat_PREROUTING_POLICIES_pre'], ['nat_PREROUTING_POLICIES_post']);
    t.layered(`mangle_PRE_${z.name}`, ['mangle_PREROUTING_POLICIES_pre'], ['mangle_PREROUTING_POLICIES_post']);
    L.settings(z, `filter_IN_${z.name}`, `nat_PRE_${z.name}`, `nat_POST_${z.name}`);
    if (z.forward) {
      for (const i of z.interfaces) t.add(`filter_FWD_${z.name}_allow`, `oifname "${i.value}" accept`, z.forward);
      for (const src of z.sources) t.add(`filter_FWD_${z.name}_allow`, `${addr('daddr', src.value)} accept`, z.forward);
    }
  }

  // zone dispatch
  const dispatch: [string, string, 'in' | 'out'][] = [
    ['filter_INPUT_ZONES', 'filter_IN_', 'in'],
    ['filter_FORWARD_ZONES', 'filter_FWD_', 'in'],
    ['nat_PREROUTING_ZONES', 'nat_PRE_', 'in'],
    ['mangle_PREROUTING_ZONES', 'mangle_PRE_', 'in'],
    ['nat_POSTROUTING_ZONES', 'nat_POST_', 'out'],
  ];
  for (const [chain, prefix, dir] of dispatch) {
    const c = t.chain(chain);
    for (const z of active) for (const src of z.sources) c.rules.push({ text: `${addr(dir === 'in' ? 'saddr' : 'daddr', src.value)} goto ${prefix}${z.name}`, origin: src.span });
    const ifaces: GenRule[] = [];
    const rule = (z: Zone, i: Zone['interfaces'][number]): GenRule => ({ text: `${dir === 'in' ? 'iifname' : 'oifname'} "${i.value.replace(/\+$/, '*')}" goto ${prefix}${z.name}`, origin: i.span });
    for (const z of active) for (const i of z.interfaces) if (owner.get(i.value) === z.name && !runtimeBound.includes(i.value)) ifaces.unshift(rule(z, i));
    // a runtime binding goes above everything loaded before it, the latest on top
    for (const name of runtimeBound) {
      const z = active.find((x) => owner.get(name) === x.name)!;
      ifaces.unshift(rule(z, z.interfaces.find((i) => i.value === name)!));
    }
    c.rules.push(...ifaces);
    c.rules.push({ text: `goto ${prefix}${defaultZone}`, origin: s.defaultZone.span ?? byName.get(defaultZone)?.span });
  }

  // policies
  // a policy applies when each of its zones has interfaces or sources (the default zone's catch-all does not count)
  const isActive = (name: string): boolean => name === 'ANY' || name === 'HOST' || active.some((z) => z.name === name && (z.interfaces.length > 0 || z.sources.length > 0));
  const applied = policies.filter((p) => {
    if (!p.ingress.length || !p.egress.length) {
      note(p.span, 'warning', `policy ${p.name} needs ingress and egress zones; firewalld does not apply it`);
      return false;
    }
    if (p.ingress.some((z) => z.value === 'HOST')) {
      note(p.span, 'information', `policy ${p.name} filters the host's own traffic (ingress HOST); not modelled`);
      return false;
    }
    for (const z of [...p.ingress, ...p.egress]) if (!isActive(z.value) && !byName.has(z.value)) note(z.span, 'error', `zone ${z.value} does not exist; firewalld refuses this policy`);
    return [...p.ingress, ...p.egress].every((z) => isActive(z.value));
  });
  // dispatch rules in policy priority order (the policies are visited sorted, stably)
  const dispatchRules = new Map<string, GenRule[]>();
  // A policy whose zones become active only at runtime (a source bound later, as netavark does when a
  // container starts) has its dispatch rules added then, after those of the policies of the same
  // priority that were active before (measured with netavark's policies on firewalld 1.3.3).
  const late = new Set([...(runtime.zones ?? []).map((z) => z.name), ...(runtime.sources ?? []).map((x) => x.zone)].filter((n) => !byName.get(n)?.interfaces.length));
  const isLate = (p: Policy): number => ([...p.ingress, ...p.egress].some((z) => late.has(z.value)) ? 1 : 0);
  for (const p of [...applied].sort((a, b) => a.priority - b.priority || isLate(a) - isLate(b))) {
    const ing = p.ingress.map((z) => z.value);
    const eg = p.egress.map((z) => z.value);
    let tcs: [string, string][];
    const zonesHaveIfaces = (names: string[]): boolean => names.some((n) => (byName.get(n)?.interfaces.length ?? 0) > 0);
    if (ing.includes('ANY') && eg.includes('HOST')) tcs = [['filter', 'INPUT'], ['nat', 'PREROUTING'], ['mangle', 'PREROUTING']];
    else if (eg.includes('HOST')) tcs = [['filter', 'INPUT']];
    else if (ing.includes('ANY') && eg.includes('ANY')) tcs = [['filter', 'FORWARD'], ['nat', 'PREROUTING'], ['nat', 'POSTROUTING'], ['mangle', 'PREROUTING']];
    else if (eg.includes('ANY')) tcs = [['filter', 'FORWARD'], ['nat', 'PREROUTING'], ['mangle', 'PREROUTING'], ['nat', 'POSTROUTING']];
    else {
      tcs = [['filter', 'FORWARD'], ['nat', 'POSTROUTING']];
      if (!zonesHaveIfaces(eg)) tcs.push(['nat', 'PREROUTING'], ['mangle', 'PREROUTING']);
    }
    const short = (table: string, chain: string): string => {
      if (eg.includes('HOST')) return table === 'filter' ? 'IN' : 'PRE';
      if (table === 'filter') return 'FWD';
      if (table === 'nat' && chain === 'POSTROUTING') return 'POST';
      return 'PRE';
    };
    const frag = (names: string[], dir: 'in' | 'out'): string[] => {
      if (names.includes('ANY') || names.includes('HOST')) return [];
      const out: string[] = [];
      const ifs: string[] = [];
      for (const n of names) for (const i of byName.get(n)?.interfaces ?? []) ifs.push(i.value);
      const key = dir === 'in' ? 'iifname' : 'oifname';
      if (ifs.length === 1) out.push(`${key} "${ifs[0]}"`);
      else if (ifs.length > 1) out.push(`${key} { ${ifs.map((i) => `"${i}"`).join(', ')} }`);
      for (const n of names) for (const src of byName.get(n)?.sources ?? []) out.push(addr(dir === 'in' ? 'saddr' : 'daddr', src.value));
      return out;
    };
    const ingF = frag(ing, 'in');
    const egF = frag(eg, 'out');
    for (const [table, chain] of tcs) {
      const name = `${table}_${short(table, chain)}_policy_${p.name}`;
      t.layered(name);
      if (table === 'filter') for (const r of targetRules(p.target.value, false, true)) t.add(name, r, p.target.span ?? p.span);
      const dchain = `${table}_${chain}_POLICIES_${p.priority < 0 ? 'pre' : 'post'}`;
      const list = dispatchRules.get(dchain) ?? [];
      dispatchRules.set(dchain, list);
      const combos: string[][] = [];
      if (ingF.length) {
        for (const i of ingF) {
          if (egF.length) {
            for (const e of egF) if (!(/^ip6? /.test(i) && /^ip6? /.test(e) && i.split(' ')[0] !== e.split(' ')[0])) combos.push([i, e]);
          } else combos.push([i]);
        }
      } else if (egF.length) for (const e of egF) combos.push([e]);
      else combos.push([]);
      for (const c of combos) list.push({ text: [...c, `jump ${name}`].join(' '), origin: p.span });
    }
    const filterName = `filter_${eg.includes('HOST') ? 'IN' : 'FWD'}_policy_${p.name}`;
    const natPre = tcs.some(([a, b]) => a === 'nat' && b === 'PREROUTING') ? `nat_PRE_policy_${p.name}` : undefined;
    const natPost = tcs.some(([a, b]) => a === 'nat' && b === 'POSTROUTING') ? `nat_POST_policy_${p.name}` : undefined;
    L.settings(p, filterName, natPre, natPost);
  }
  for (const [chain, list] of dispatchRules) for (const x of list) t.add(chain, x.text, x.origin);

  const { text, origins } = t.render();
  const lowered = lowerNftText(file, text, languages, { checkReferences: false });
  const fragment: Result<Fragment> = { value: recite(lowered.value, origins), diagnostics: lowered.diagnostics };
  return { value: { settings: s, zones, policies, activeZones: active.map((z) => z.name), text, fragment, direct }, diagnostics };
}
