/**
 * firewalld 1.3's built-in zones and policies (what `/usr/lib/firewalld/zones` and `policies`
 * hold), used when the host's system folder is not given. Written as the XML firewalld reads, in
 * virtual files, so they are cited and read like the host's own.
 */
import type { FwText } from './config';

export const SYSTEM_DIR = '<firewalld built-in>';

const zone = (name: string, body: string, target?: string): FwText => ({
  file: `${SYSTEM_DIR}/zones/${name}.xml`,
  text: `<?xml version="1.0" encoding="utf-8"?>\n<zone${target ? ` target="${target}"` : ''}>\n${body}  <forward/>\n</zone>\n`,
});

const svc = (...names: string[]): string => names.map((n) => `  <service name="${n}"/>\n`).join('');

export const BUILTIN_ZONE_TEXTS: readonly FwText[] = [
  zone('block', '', '%%REJECT%%'),
  zone('dmz', svc('ssh')),
  zone('drop', '', 'DROP'),
  zone('external', `${svc('ssh')}  <masquerade/>\n`),
  zone('home', svc('ssh', 'mdns', 'samba-client', 'dhcpv6-client')),
  zone('internal', svc('ssh', 'mdns', 'samba-client', 'dhcpv6-client')),
  zone('public', svc('ssh', 'dhcpv6-client')),
  zone('trusted', '', 'ACCEPT'),
  zone('work', svc('ssh', 'dhcpv6-client')),
];

const nd = ['neighbour-advertisement', 'neighbour-solicitation', 'router-advertisement', 'redirect'];

export const BUILTIN_POLICY_TEXTS: readonly FwText[] = [
  {
    file: `${SYSTEM_DIR}/policies/allow-host-ipv6.xml`,
    text:
      '<?xml version="1.0" encoding="utf-8"?>\n<policy target="CONTINUE" priority="-15000">\n  <ingress-zone name="ANY"/>\n  <egress-zone name="HOST"/>\n' +
      nd.map((t) => `  <rule family="ipv6">\n    <icmp-type name="${t}"/>\n    <accept/>\n  </rule>\n`).join('') +
      '</policy>\n',
  },
];
