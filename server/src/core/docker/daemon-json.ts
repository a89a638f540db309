/**
 * daemon.json → DockerHostConfig. Pure and total: bad values are reported with the span of the
 * value and the default is kept, unknown keys are ignored (dockerd rejects some of them, but they
 * do not change firewall rules), so the result is always usable.
 */
import type { CoreDiagnostic, Result } from '../diagnostics';
import { parseIp, parseIpInterval } from '../net/ip';
import { LineIndex, type Span } from '../text';
import { type JsonNode, parseJsonWithSpans } from './json-spans';
import { defaultHostConfig, type DockerHostConfig, type SourceRef } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const boolKeys: Record<string, keyof DockerHostConfig> = {
  iptables: 'iptables',
  ip6tables: 'ip6tables',
  ipv6: 'ipv6',
  'userland-proxy': 'userlandProxy',
  'allow-direct-routing': 'allowDirectRouting',
  'ip-forward': 'ipForward',
  'ip-forward-no-drop': 'ipForwardNoDrop',
  icc: 'icc',
  'ip-masq': 'ipMasq',
  experimental: 'experimental',
};

export function sourceRefOf(span: Span, idx: LineIndex, snippet?: string): SourceRef {
  return {
    file: span.file,
    line: span.range.start.line + 1,
    column: span.range.start.character + 1,
    text: snippet ?? idx.lineText(span.range.start.line).trim(),
    span,
  };
}

export function parseDaemonJson(text: string, file = 'daemon.json'): Result<DockerHostConfig> {
  const parsed = parseJsonWithSpans(text, file);
  const diagnostics: CoreDiagnostic[] = [...parsed.diagnostics];
  const value = daemonConfigFromJson(parsed.value, text, diagnostics);
  return { value, diagnostics };
}

/** Reads daemon options from a parsed JSON object (also used for the `daemon` key of --network-json). */
export function daemonConfigFromJson(root: JsonNode | undefined, text: string, diagnostics: CoreDiagnostic[]): DockerHostConfig {
  const cfg: Mutable<DockerHostConfig> = { ...defaultHostConfig, sources: {}, defaultNetworkOpts: {} };
  const sources: Record<string, SourceRef> = {};
  const index = new LineIndex(text);
  if (!root) return cfg;
  const bad = (node: JsonNode, message: string, severity: 'error' | 'warning' = 'error'): void => {
    diagnostics.push({ span: node.span, severity, message, code: 'daemon-json' });
  };
  if (root.kind !== 'object') {
    bad(root, 'daemon.json must be a JSON object');
    return cfg;
  }
  const seen = new Set<string>();
  for (const m of root.members) {
    const v = m.value;
    if (seen.has(m.key)) {
      diagnostics.push({ span: m.keySpan, severity: 'warning', message: `duplicate key "${m.key}": the last one wins`, code: 'daemon-json' });
    }
    seen.add(m.key);
    const record = (): void => {
      sources[m.key] = sourceRefOf(m.keySpan, index);
    };
    const boolField = boolKeys[m.key];
    if (boolField) {
      if (v.kind !== 'boolean') bad(v, `"${m.key}" must be true or false`);
      else {
        (cfg as Record<string, unknown>)[boolField] = v.value;
        record();
      }
      continue;
    }
    const str = (): string | undefined => {
      if (v.kind !== 'string') {
        bad(v, `"${m.key}" must be a string`);
        return undefined;
      }
      return v.value;
    };
    switch (m.key) {
      case 'ip': {
        const s = str();
        if (s === undefined) break;
        if (!parseIp(s)) bad(v, `"ip" must be an IP address, got "${s}"`);
        else {
          cfg.ip = s;
          record();
        }
        break;
      }
      case 'fixed-cidr-v6':
      case 'fixed-cidr': {
        const s = str();
        if (s === undefined) break;
        const iv = s.includes('/') ? parseIpInterval(s) : undefined;
        const want = m.key === 'fixed-cidr' ? 4 : 6;
        if (!iv || iv.v !== want) bad(v, `"${m.key}" must be an IPv${want} CIDR, got "${s}"`);
        else {
          if (m.key === 'fixed-cidr') cfg.fixedCidr = s;
          else cfg.fixedCidrV6 = s;
          record();
        }
        break;
      }
      case 'bip': {
        const s = str();
        if (s === undefined) break;
        const slash = s.indexOf('/');
        const a = slash > 0 ? parseIp(s.slice(0, slash)) : undefined;
        if (!a || a.v !== 4 || !parseIpInterval(s)) bad(v, `"bip" must be an IPv4 address with a prefix length, e.g. "172.17.0.1/16", got "${s}"`);
        else {
          cfg.bip = s;
          record();
        }
        break;
      }
      case 'firewall-backend': {
        const s = str();
        if (s === undefined) break;
        if (s !== 'iptables' && s !== 'nftables') bad(v, `"firewall-backend" must be "iptables" or "nftables", got "${s}"`);
        else {
          cfg.firewallBackend = s;
          record();
        }
        break;
      }
      case 'bridge-accept-fwmark': {
        const s = str();
        if (s === undefined) break;
        if (!/^(0x[0-9a-fA-F]+|\d+)(\/(0x[0-9a-fA-F]+|\d+))?$/.test(s)) bad(v, `"bridge-accept-fwmark" must be MARK or MARK/MASK, got "${s}"`);
        else {
          cfg.bridgeAcceptFwmark = s;
          record();
        }
        break;
      }
      case 'bridge': {
        const s = str();
        if (s === undefined) break;
        if (s === 'none') cfg.defaultBridge = false;
        else bad(v, 'a custom default bridge device ("bridge") is not modelled; docker0 is assumed', 'warning');
        record();
        break;
      }
      case 'default-network-opts': {
        if (v.kind !== 'object') {
          bad(v, '"default-network-opts" must be an object of driver name to options');
          break;
        }
        for (const d of v.members) {
          if (d.key !== 'bridge') continue;
          if (d.value.kind !== 'object') {
            bad(d.value, '"default-network-opts.bridge" must be an object of option to string');
            continue;
          }
          const opts: Record<string, string> = {};
          for (const o of d.value.members) {
            if (o.value.kind !== 'string') bad(o.value, `default network option "${o.key}" must be a string`);
            else opts[o.key] = o.value.value;
          }
          cfg.defaultNetworkOpts = opts;
          record();
        }
        break;
      }
      default:
        break;
    }
  }
  cfg.sources = sources;
  return cfg;
}
