/**
 * The two shell-variable files ufw reads at start: `/etc/default/ufw` (IPV6, the default
 * policies, MANAGE_BUILTINS) and `/etc/ufw/ufw.conf` (ENABLED, LOGLEVEL). ufw-init sources them
 * with `sh`; here a line `NAME=value` (the value optionally in single or double quotes) is read,
 * comments and anything else are skipped. The last assignment of a name wins, as in the shell.
 */
import type { CoreDiagnostic } from '../diagnostics';
import { LineIndex, type Span } from '../text';

export type UfwPolicy = 'ACCEPT' | 'DROP' | 'REJECT';
export type UfwLogLevel = 'off' | 'low' | 'medium' | 'high' | 'full';

/** ufw's numeric log levels: a rule set is written for "at least" a level. */
export const LOG_LEVELS: Readonly<Record<UfwLogLevel, number>> = { off: 0, low: 100, medium: 200, high: 300, full: 400 };

/** A setting's value and where it was written (undefined when assumed). */
export interface Setting<T> {
  readonly value: T;
  readonly span?: Span;
}

export interface UfwSettings {
  readonly ipv6: Setting<boolean>;
  readonly input: Setting<UfwPolicy>;
  readonly output: Setting<UfwPolicy>;
  readonly forward: Setting<UfwPolicy>;
  readonly manageBuiltins: Setting<boolean>;
  readonly enabled: Setting<boolean>;
  readonly logLevel: Setting<UfwLogLevel>;
}

export interface UfwText {
  readonly file: string;
  readonly text: string;
}

/** Ubuntu's and Debian's shipped values (what `ufw enable` does with the package's own files). */
export const UBUNTU_DEFAULTS = { ipv6: true, input: 'DROP', output: 'ACCEPT', forward: 'DROP', manageBuiltins: false } as const;

interface Assignment {
  readonly value: string;
  readonly span: Span;
}

/** `NAME=value` lines of a shell file, the last one per name. */
function assignments(src: UfwText): Map<string, Assignment> {
  const lines = new LineIndex(src.text);
  const out = new Map<string, Assignment>();
  const re = /^[ \t]*([A-Za-z_][A-Za-z0-9_]*)=("[^"\n]*"|'[^'\n]*'|[^\s#;]*)[ \t]*(?:[#;].*)?$/gm;
  for (let m = re.exec(src.text); m; m = re.exec(src.text)) {
    const raw = m[2];
    const value = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    const start = m.index + m[0].indexOf(m[1]);
    out.set(m[1], { value, span: lines.span(src.file, start, start + m[1].length + 1 + raw.length) });
  }
  return out;
}

function head(src: UfwText): Span {
  return new LineIndex(src.text).span(src.file, 0, Math.min(1, src.text.length));
}

/**
 * Reads the settings; every value not given is assumed (Ubuntu's defaults) and announced with a
 * diagnostic of severity information at `anchor` (the first ufw file there is).
 */
export function readSettings(defaults: UfwText | undefined, conf: UfwText | undefined, anchor: Span): { settings: UfwSettings; diagnostics: CoreDiagnostic[] } {
  const diagnostics: CoreDiagnostic[] = [];
  const d = defaults ? assignments(defaults) : new Map<string, Assignment>();
  const c = conf ? assignments(conf) : new Map<string, Assignment>();
  const assumed: string[] = [];

  const yesNo = (vars: Map<string, Assignment>, name: string, fallback: boolean): Setting<boolean> => {
    const a = vars.get(name);
    if (!a) {
      assumed.push(`${name}=${fallback ? 'yes' : 'no'}`);
      return { value: fallback };
    }
    return { value: a.value === 'yes' || a.value === 'YES', span: a.span };
  };
  const policy = (name: string, fallback: UfwPolicy): Setting<UfwPolicy> => {
    const a = d.get(name);
    if (!a) {
      assumed.push(`${name}="${fallback}"`);
      return { value: fallback };
    }
    if (a.value === 'ACCEPT' || a.value === 'DROP' || a.value === 'REJECT') return { value: a.value, span: a.span };
    diagnostics.push({ span: a.span, severity: 'error', code: 'ufw', message: `${name} must be ACCEPT, DROP or REJECT (ufw-init would fail to set the policy ${a.value}); analysed as ${fallback}` });
    return { value: fallback, span: a.span };
  };

  const ipv6 = yesNo(d, 'IPV6', UBUNTU_DEFAULTS.ipv6);
  const input = policy('DEFAULT_INPUT_POLICY', UBUNTU_DEFAULTS.input);
  const output = policy('DEFAULT_OUTPUT_POLICY', UBUNTU_DEFAULTS.output);
  const forward = policy('DEFAULT_FORWARD_POLICY', UBUNTU_DEFAULTS.forward);
  const manageBuiltins = yesNo(d, 'MANAGE_BUILTINS', UBUNTU_DEFAULTS.manageBuiltins);
  if (assumed.length) {
    diagnostics.push({
      span: defaults ? head(defaults) : anchor,
      severity: 'information',
      code: 'ufw',
      message: `${defaults ? `${defaults.file} does not set` : 'no /etc/default/ufw given:'} ${assumed.join(', ')}${defaults ? ': assumed as Ubuntu ships it' : ' assumed, as Ubuntu ships it (deny incoming, allow outgoing, deny routed)'}`,
    });
  }

  const confAssumed: string[] = [];
  let enabled: Setting<boolean>;
  const e = c.get('ENABLED');
  if (!e) {
    enabled = { value: true };
    confAssumed.push('ENABLED=yes');
  } else {
    enabled = { value: e.value === 'yes' || e.value === 'YES', span: e.span };
    if (!enabled.value) {
      diagnostics.push({
        span: e.span,
        severity: 'warning',
        code: 'ufw',
        message: 'ENABLED=no: ufw loads nothing at boot and this host has no ufw firewall; analysed as after `ufw enable`, which is what these rules are for',
      });
    }
  }
  let logLevel: Setting<UfwLogLevel>;
  const l = c.get('LOGLEVEL');
  if (!l) {
    logLevel = { value: 'low' };
    confAssumed.push('LOGLEVEL=low');
  } else if (l.value in LOG_LEVELS) logLevel = { value: l.value as UfwLogLevel, span: l.span };
  else {
    // ufw itself replaces an unknown level by low when it starts
    logLevel = { value: 'low', span: l.span };
    diagnostics.push({ span: l.span, severity: 'information', code: 'ufw', message: `LOGLEVEL=${l.value} is not a ufw log level: ufw sets it to low when it starts` });
  }
  if (confAssumed.length) {
    diagnostics.push({
      span: conf ? head(conf) : anchor,
      severity: 'information',
      code: 'ufw',
      message: `${conf ? `${conf.file} does not set` : 'no ufw.conf given:'} ${confAssumed.join(', ')} assumed`,
    });
  }
  return { settings: { ipv6, input, output, forward, manageBuiltins, enabled, logLevel }, diagnostics };
}
