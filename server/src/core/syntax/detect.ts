/**
 * Which language a file is in, from its name and its first bytes. Used by the CLI and the server
 * to pick a parser; the extension's manifest applies the same rules to editor languages.
 */

export type SourceFormat = 'nftables' | 'iptables' | 'nft-json' | 'compose' | 'daemon-json' | 'unknown';

const base = (file: string): string => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);

export function detectFormat(file: string, text: string): SourceFormat {
  const name = base(file).toLowerCase();
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (/^#!.*\bnft\b/.test(firstLine)) return 'nftables';
  if (name === 'daemon.json') return 'daemon-json';
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(name) || /\.compose\.ya?ml$/.test(name)) return 'compose';
  if (name.endsWith('.json')) return /"nftables"\s*:/.test(head) ? 'nft-json' : /^\s*\{/.test(head) && /"(iptables|userland-proxy|bip|ip6tables|firewall-backend|ip)"\s*:/.test(head) ? 'daemon-json' : 'unknown';
  if (name.endsWith('.nft') || name === 'nftables.conf' || name.endsWith('.nftables')) return 'nftables';
  if (/\.rules$|^rules\.v[46]$|\.v[46]$|^(before|after|user)6?\.rules$/.test(name) || name.endsWith('.ipt') || name.endsWith('.iptables')) return 'iptables';
  return detectFromContent(head);
}

/** Content sniffing for files whose name says nothing. */
export function detectFromContent(head: string): SourceFormat {
  const meaningful = head
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const first = meaningful[0] ?? '';
  if (/^\{\s*("nftables"|$)/.test(first) || /^\{\s*"nftables"/.test(head.trim())) return 'nft-json';
  if (/^\*(filter|nat|mangle|raw|security)\b/.test(first) || /^:[A-Za-z0-9_-]+ (ACCEPT|DROP|RETURN|-)/.test(first) || /^-[AINP] /.test(first)) return 'iptables';
  if (/^(table|flush|add|insert|define|include|delete|create|destroy|list|chain|set|map)\b/.test(first)) return 'nftables';
  if (/^(services|version|name|networks|volumes|include|x-[\w-]+)\s*:/m.test(head)) return 'compose';
  return 'unknown';
}
