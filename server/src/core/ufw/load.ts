/**
 * What `ufw enable` loads, as netfilter fragments in load order.
 *
 * ufw starts in two steps, and both are modelled:
 * 1. ufw-init (`/lib/ufw/ufw-init start`), per family (iptables, then ip6tables when IPV6=yes):
 *    the primary chains (`ufw-before-input`, ..., `ufw-track-forward`) and the jumps to them from
 *    INPUT, OUTPUT and FORWARD; `-j REJECT` in `ufw-reject-*` for a REJECT default policy; the
 *    "track NEW" accepts of `ufw-track-*` for an ACCEPT default policy; `ufw-logging-deny/allow`;
 *    `ufw-skip-to-policy-*` ending in the default policy; then `before.rules`, `after.rules`, the
 *    user chains, `user.rules`, the jumps `ufw-before-* -j ufw-user-*`, and last the policies of
 *    the built-in chains (REJECT is DROP there). Every file is restored with `--noflush`.
 *    IPV6=no: ip6tables gets a full restore of DROP policies with loopback accepted.
 * 2. the ufw command itself (`update_logging`): the before/after/misc logging chains are flushed
 *    and refilled for LOGLEVEL, `ufw-user-logging-*` get (off) or lose a leading RETURN, and the
 *    LOG rule of `ufw-user-limit` is put back at its top (removed when LOGLEVEL=off).
 *
 * The admin's files are lowered as they are, so their rules keep their exact spans; the skeleton's
 * own commands are written into a virtual file per family (`<ufw skeleton>`, `<ufw6 skeleton>`)
 * whose text is part of the result, so they can be shown and cited like any rule.
 */
import type { Backend } from '../netfilter/model';
import type { CoreDiagnostic, Result } from '../diagnostics';
import { buildRuleset } from '../netfilter/build';
import { lowerIptablesText } from '../netfilter/lower-iptables';
import type { Fragment, Rule } from '../netfilter/model';
import type { Languages } from '../syntax/languages';
import { LineIndex, type Span } from '../text';
import { LOG_LEVELS, readSettings, type UfwPolicy, type UfwSettings, type UfwText } from './settings';

/** The texts of one ufw configuration (paths as the caller names them). */
export interface UfwConfig {
  /** `/etc/default/ufw`. */
  readonly defaults?: UfwText;
  /** `/etc/ufw/ufw.conf`. */
  readonly conf?: UfwText;
  readonly before?: UfwText;
  readonly user?: UfwText;
  readonly after?: UfwText;
  readonly before6?: UfwText;
  readonly user6?: UfwText;
  readonly after6?: UfwText;
}

/** One source in load order: the admin's file or a skeleton step, with its lowering. */
export interface UfwSource {
  readonly file: string;
  readonly text: string;
  readonly result: Result<Fragment>;
}

export interface UfwLoad {
  readonly settings: UfwSettings;
  /** In the order ufw loads them (fragments of the same virtual file share its final text). */
  readonly sources: readonly UfwSource[];
  /** The virtual files' final texts, by name. */
  readonly virtualTexts: ReadonlyMap<string, string>;
}

export const SKELETON_FILE = { ip: '<ufw skeleton>', ip6: '<ufw6 skeleton>' } as const;

const PRIMARY = ['before-logging', 'before', 'after', 'after-logging', 'reject', 'track'] as const;
const DIRECTIONS = [
  ['input', 'INPUT'],
  ['output', 'OUTPUT'],
  ['forward', 'FORWARD'],
] as const;
const LIMIT_ARGS = '-m limit --limit 3/min --limit-burst 10';
const USER_LIMIT_LOG = '-m limit --limit 3/minute -j LOG --log-prefix "[UFW LIMIT BLOCK] "';

/**
 * A virtual file written step by step. Each step is lowered on its own (with the steps before it
 * blanked out, so offsets, lines and columns are those of the final text).
 */
class VirtualFile {
  private text = '';
  constructor(
    readonly file: string,
    private readonly family: 'ip' | 'ip6',
    private readonly languages: Languages | undefined,
    private readonly backend: Backend | undefined,
  ) {}

  step(body: string, noflush = true): UfwSource {
    const blank = this.text.replace(/[^\n]/g, ' ');
    this.text += body;
    const result = lowerIptablesText(this.file, blank + body, this.languages, { family: this.family, noflush, backend: this.backend });
    return { file: this.file, text: this.text, result };
  }

  get finalText(): string {
    return this.text;
  }
}

const section = (lines: readonly string[]): string => `*filter\n${lines.map((l) => `${l}\n`).join('')}COMMIT\n`;

/** Tokens of a rule specification without chain command, quotes and order (iptables compares rules by content). */
function specKey(text: string): string {
  const tokens = text
    .replace(/^\s*-[AID]\s+\S+/, '')
    .match(/"[^"]*"|'[^']*'|\S+/g);
  return (tokens ?? [])
    .map((t) => t.replace(/^["']|["']$/g, '').replace(/^3\/min$/, '3/minute'))
    .sort()
    .join('\u0000');
}

function policyWord(p: UfwPolicy): 'ACCEPT' | 'DROP' {
  return p === 'ACCEPT' ? 'ACCEPT' : 'DROP';
}

/** The commands of `update_logging(level)` for one family's chains, given the chains as loaded. */
function loggingCommands(prefix: string, s: UfwSettings, chainRules: (chain: string) => readonly Rule[] | undefined): string[] {
  const level = LOG_LEVELS[s.logLevel.value];
  const out: string[] = [];
  const flushed = [...DIRECTIONS.map(([d]) => `${prefix}-before-logging-${d}`), ...DIRECTIONS.map(([d]) => `${prefix}-after-logging-${d}`), `${prefix}-logging-deny`, `${prefix}-logging-allow`];
  for (const c of flushed) if (chainRules(c)) out.push(`-F ${c}`);
  // -D first (ufw ignores its failure), so a RETURN already there is not doubled
  const deleteFirst = (chain: string, spec: string, rules = chainRules(chain)): void => {
    if (!rules) return;
    const i = rules.findIndex((r) => specKey(r.text) === specKey(spec));
    if (i >= 0) out.push(`-D ${chain} ${i + 1}`);
  };
  for (const [d] of DIRECTIONS) {
    const c = `${prefix}-user-logging-${d}`;
    deleteFirst(c, '-j RETURN');
    if (level === 0 && chainRules(c)) out.push(`-I ${c} -j RETURN`);
  }
  if (level >= LOG_LEVELS.low) {
    const largs = level < LOG_LEVELS.high ? ` ${LIMIT_ARGS}` : '';
    for (const [d] of DIRECTIONS) {
      const policy = s[d].value;
      const c = `${prefix}-after-logging-${d}`;
      if (policy !== 'ACCEPT') out.push(`-A ${c} -j LOG --log-prefix "[UFW BLOCK] "${largs}`);
      else if (level >= LOG_LEVELS.medium) out.push(`-A ${c} -j LOG --log-prefix "[UFW ALLOW] "${largs}`);
    }
    const deny = `${prefix}-logging-deny`;
    if (level < LOG_LEVELS.medium) out.push(`-I ${deny} -m conntrack --ctstate INVALID -j RETURN${largs}`);
    else out.push(`-A ${deny} -m conntrack --ctstate INVALID -j LOG --log-prefix "[UFW AUDIT INVALID] "${largs}`);
    out.push(`-A ${deny} -j LOG --log-prefix "[UFW BLOCK] "${largs}`);
    out.push(`-A ${prefix}-logging-allow -j LOG --log-prefix "[UFW ALLOW] "${largs}`);
  }
  if (level >= LOG_LEVELS.medium) {
    const largs = level < LOG_LEVELS.high ? ` -m conntrack --ctstate NEW ${LIMIT_ARGS}` : level < LOG_LEVELS.full ? ` ${LIMIT_ARGS}` : '';
    for (const [d] of DIRECTIONS) out.push(`-I ${prefix}-before-logging-${d} -j LOG --log-prefix "[UFW AUDIT] "${largs}`);
  }
  const limit = `${prefix}-user-limit`;
  deleteFirst(limit, USER_LIMIT_LOG);
  if (level > 0 && chainRules(limit)) out.push(`-I ${limit} ${USER_LIMIT_LOG}`);
  return out.filter((l) => !/^-[AI] /.test(l) || chainRules(l.split(' ')[1]) !== undefined);
}

function firstSpan(config: UfwConfig): Span {
  const f = config.user ?? config.before ?? config.after ?? config.defaults ?? config.conf ?? config.user6 ?? config.before6 ?? config.after6;
  return new LineIndex(f?.text ?? '').span(f?.file ?? SKELETON_FILE.ip, 0, Math.min(1, f?.text.length ?? 0));
}

/**
 * The fragments `ufw enable` loads for this configuration, in load order, with the settings read
 * and every assumption announced (diagnostics of severity information).
 */
/**
 * @param backend the iptables ufw drives on this host (Debian's alternatives: iptables-nft by
 * default, iptables-legacy on older or switched hosts); ufw's tables live where Docker's do.
 */
export function loadUfw(config: UfwConfig, languages: Languages | undefined, backend?: Backend): Result<UfwLoad> {
  const anchor = firstSpan(config);
  const { settings: s, diagnostics } = readSettings(config.defaults, config.conf, anchor);
  const sources: UfwSource[] = [];
  const virtualTexts = new Map<string, string>();
  const note = (span: Span, severity: CoreDiagnostic['severity'], message: string): void => {
    diagnostics.push({ span, severity, code: 'ufw', message });
  };

  const families: ('ip' | 'ip6')[] = s.ipv6.value ? ['ip', 'ip6'] : ['ip'];
  const vfs = { ip: new VirtualFile(SKELETON_FILE.ip, 'ip', languages, backend), ip6: new VirtualFile(SKELETON_FILE.ip6, 'ip6', languages, backend) };

  if (!s.ipv6.value) {
    sources.push(
      vfs.ip6.step(
        '# IPV6=no: ufw-init restores this (without --noflush: the whole filter table) with ip6tables-restore\n' +
          section([':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A OUTPUT -o lo -j ACCEPT']),
        false,
      ),
    );
    const ignored = [config.before6, config.user6, config.after6].filter((f): f is UfwText => !!f);
    if (ignored.length) note(s.ipv6.span ?? anchor, 'information', `IPV6=no: ufw does not load ${ignored.map((f) => f.file).join(', ')}; IPv6 is dropped except on loopback`);
  }

  for (const family of families) {
    const v = family === 'ip' ? '' : '6';
    const p = `ufw${v}`;
    const vf = vfs[family];
    const before = family === 'ip' ? config.before : config.before6;
    const after = family === 'ip' ? config.after : config.after6;
    const user = family === 'ip' ? config.user : config.user6;

    if (s.manageBuiltins.value) {
      const lines = [
        '# MANAGE_BUILTINS=yes: ufw-init flushes the built-in chains (and deletes every other chain) first',
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        'COMMIT',
        '',
      ];
      sources.push(vf.step(lines.join('\n'), false));
    }

    const primary: string[] = [`# ufw-init start (${family === 'ip' ? 'iptables' : 'ip6tables'}): the primary chains`];
    for (const [d] of DIRECTIONS) for (const kind of PRIMARY) primary.push(`:${p}-${kind}-${d} - [0:0]`);
    for (const [d, builtin] of DIRECTIONS) for (const kind of PRIMARY) primary.push(`-A ${builtin} -j ${p}-${kind}-${d}`);
    for (const [d] of DIRECTIONS) {
      const policy = s[d].value;
      if (policy === 'REJECT') primary.push(`# DEFAULT_${d.toUpperCase()}_POLICY="REJECT"`, `-A ${p}-reject-${d} -j REJECT`);
      if (policy === 'ACCEPT') {
        primary.push(`# DEFAULT_${d.toUpperCase()}_POLICY="ACCEPT": new connections are tracked`);
        primary.push(`-A ${p}-track-${d} -p tcp -m conntrack --ctstate NEW -j ACCEPT`, `-A ${p}-track-${d} -p udp -m conntrack --ctstate NEW -j ACCEPT`);
      }
    }
    primary.push(`:${p}-logging-deny - [0:0]`, `:${p}-logging-allow - [0:0]`);
    for (const [d] of DIRECTIONS) primary.push(`:${p}-skip-to-policy-${d} - [0:0]`);
    for (const [d] of DIRECTIONS) primary.push(`-A ${p}-skip-to-policy-${d} -j ${s[d].value}`);
    sources.push(vf.step(primary.slice(0, 1).join('\n') + '\n' + section(primary.slice(1))));

    const restore = (f: UfwText | undefined, name: string): void => {
      if (!f) {
        note(anchor, 'warning', `no ${name}: ufw-init reports "Couldn't find" it and fails; analysed without it`);
        return;
      }
      sources.push({ file: f.file, text: f.text, result: lowerIptablesText(f.file, f.text, languages, { family, noflush: true, backend }) });
    };
    restore(before, `before${v}.rules`);
    restore(after, `after${v}.rules`);
    if (user) {
      const chains = ['input', 'output', 'forward', 'logging-input', 'logging-output', 'logging-forward', 'limit', 'limit-accept'].map((c) => `:${p}-user-${c} - [0:0]`);
      sources.push(vf.step('\n# ufw-init: the user chains\n' + section(chains)));
      restore(user, `user${v}.rules`);
      const hooks = DIRECTIONS.map(([d]) => `-A ${p}-before-${d} -j ${p}-user-${d}`);
      sources.push(vf.step('\n# ufw-init: the user chains hooked into the primary ones\n' + section(hooks)));
    } else restore(user, `user${v}.rules`);
    const policies = DIRECTIONS.map(([d, builtin]) => `:${builtin} ${policyWord(s[d].value)} [0:0]`);
    sources.push(
      vf.step(
        `\n# ufw-init: the built-in chains' policies (DEFAULT_INPUT_POLICY="${s.input.value}", DEFAULT_OUTPUT_POLICY="${s.output.value}", DEFAULT_FORWARD_POLICY="${s.forward.value}")\n` +
          section(policies),
      ),
    );
  }

  // 2. `ufw enable` itself: update_logging(LOGLEVEL), on the chains as ufw-init left them.
  const users = families.filter((f) => (f === 'ip' ? config.user : config.user6));
  if (users.length === families.length) {
    const built = buildRuleset(sources.map((x) => x.result.value)).value;
    for (const family of families) {
      const filter = built.tables.find((t) => t.ref.family === family && t.ref.name === 'filter');
      const rules = (chain: string): readonly Rule[] | undefined => filter?.chains.get(chain)?.rules;
      const cmds = loggingCommands(family === 'ip' ? 'ufw' : 'ufw6', s, rules);
      if (cmds.length) sources.push(vfs[family].step(`\n# ufw enable: the logging rules for LOGLEVEL=${s.logLevel.value}\n` + section(cmds)));
    }
  }
  for (const f of families) virtualTexts.set(vfs[f].file, vfs[f].finalText);
  if (!s.ipv6.value) virtualTexts.set(vfs.ip6.file, vfs.ip6.finalText);
  // every step of a virtual file shows its final text
  const final = sources.map((x) => (virtualTexts.has(x.file) ? { ...x, text: virtualTexts.get(x.file)! } : x));
  return { value: { settings: s, sources: final, virtualTexts }, diagnostics };
}
