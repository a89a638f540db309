/**
 * The ports of firewalld's common built-in services (as `/usr/lib/firewalld/services/*.xml` of
 * firewalld 1.3 defines them), used when the host's own service definitions are not given. A
 * service whose name is not here and not in the given folders is announced as unknown.
 */

export interface ServicePort {
  readonly port: string;
  readonly protocol: 'tcp' | 'udp' | 'sctp' | 'dccp';
}

export interface ServiceDef {
  readonly name: string;
  readonly ports: readonly ServicePort[];
  /** Protocols allowed whole (`<protocol value="..."/>`). */
  readonly protocols: readonly string[];
  /** `<destination ipv4=".." ipv6=".."/>`: the service is limited to these destinations. */
  readonly destination?: { readonly ipv4?: string; readonly ipv6?: string };
  /** Conntrack helpers (ftp, tftp, ...): their expectations are not modelled. */
  readonly helpers: readonly string[];
  /** Where the definition comes from (a file span, or the built-in table). */
  readonly file?: string;
}

const tcp = (...ports: string[]): ServicePort[] => ports.map((port) => ({ port, protocol: 'tcp' as const }));
const udp = (...ports: string[]): ServicePort[] => ports.map((port) => ({ port, protocol: 'udp' as const }));

const def = (name: string, ports: ServicePort[], extra: Partial<ServiceDef> = {}): ServiceDef => ({ name, ports, protocols: [], helpers: [], ...extra });

/** Built-in services (firewalld 1.3): name → definition. */
export const BUILTIN_SERVICES: ReadonlyMap<string, ServiceDef> = new Map(
  [
    def('ssh', tcp('22')),
    def('http', tcp('80')),
    def('https', tcp('443')),
    def('http3', udp('443')),
    def('dhcpv6-client', udp('546'), { destination: { ipv6: 'fe80::/64' } }),
    def('dhcp', udp('67')),
    def('dns', [...tcp('53'), ...udp('53')]),
    def('postgresql', tcp('5432')),
    def('mysql', tcp('3306')),
    def('redis', tcp('6379')),
    def('mongodb', tcp('27017')),
    def('cockpit', tcp('9090')),
    def('smtp', tcp('25')),
    def('smtps', tcp('465')),
    def('smtp-submission', tcp('587')),
    def('imaps', tcp('993')),
    def('pop3s', tcp('995')),
    def('ntp', udp('123')),
    def('mdns', udp('5353'), { destination: { ipv4: '224.0.0.251', ipv6: 'ff02::fb' } }),
    def('elasticsearch', tcp('9300', '9200')),
    def('kube-apiserver', tcp('6443')),
    def('docker-registry', tcp('5000')),
    def('grafana', tcp('3000')),
    def('prometheus', tcp('9090')),
    def('memcache', [...tcp('11211'), ...udp('11211')]),
    def('vnc-server', tcp('5900-5903')),
    def('wireguard', udp('51820')),
    def('openvpn', udp('1194')),
  ].map((s) => [s.name, s]),
);
