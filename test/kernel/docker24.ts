/**
 * A small template of the rules Docker 20.10–27 (iptables backend, userland proxy on) installs for
 * published ports of one container on the default bridge: docker0 172.17.0.0/16 (fd00:17::/64),
 * container 172.17.0.2 (fd00:17::2). Rendered as iptables-save text (v4 and v6) and as native nft
 * text with the same meaning. It follows the layout described in docs/docker-rules.md §1.
 */

export interface Mapping {
  /** Host address the port is published on; undefined = every address (both families). */
  readonly hostIp?: string;
  readonly hport: number;
  readonly cport: number;
  readonly proto: 'tcp' | 'udp';
}

export type Fam = 4 | 6;

const C = { 4: '172.17.0.2', 6: 'fd00:17::2' } as const;
const SUBNET = { 4: '172.17.0.0/16', 6: 'fd00:17::/64' } as const;
const LOOP = { 4: '127.0.0.0/8', 6: '::1/128' } as const;

function famOf(addr: string): Fam {
  return addr.includes(':') ? 6 : 4;
}

/** The mappings that produce rules in family `fam`. */
export function mappingsFor(maps: readonly Mapping[], fam: Fam): Mapping[] {
  return maps.filter((m) => m.hostIp === undefined || famOf(m.hostIp) === fam);
}

const hostCidr = (ip: string): string => `${ip}/${famOf(ip) === 4 ? 32 : 128}`;
const ctrDest = (fam: Fam, port: number): string => (fam === 4 ? `${C[4]}:${port}` : `[${C[6]}]:${port}`);

/** iptables-save text for one family. */
export function dockerIptables(maps: readonly Mapping[], fam: Fam): string {
  const ms = mappingsFor(maps, fam);
  const c = `${C[fam]}/${fam === 4 ? 32 : 128}`;
  const lines = [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':DOCKER - [0:0]',
    '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
    `-A OUTPUT ! -d ${LOOP[fam]} -m addrtype --dst-type LOCAL -j DOCKER`,
    `-A POSTROUTING -s ${SUBNET[fam]} ! -o docker0 -j MASQUERADE`,
    ...ms.map((m) => `-A POSTROUTING -s ${c} -d ${c} -p ${m.proto} -m ${m.proto} --dport ${m.cport} -j MASQUERADE`),
    '-A DOCKER -i docker0 -j RETURN',
    ...ms.map(
      (m) =>
        `-A DOCKER ${m.hostIp ? `-d ${hostCidr(m.hostIp)} ` : ''}! -i docker0 -p ${m.proto} -m ${m.proto} --dport ${m.hport} -j DNAT --to-destination ${ctrDest(fam, m.cport)}`,
    ),
    'COMMIT',
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':DOCKER - [0:0]',
    ':DOCKER-ISOLATION-STAGE-1 - [0:0]',
    ':DOCKER-ISOLATION-STAGE-2 - [0:0]',
    ':DOCKER-USER - [0:0]',
    '-A FORWARD -j DOCKER-USER',
    '-A FORWARD -j DOCKER-ISOLATION-STAGE-1',
    '-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A FORWARD -o docker0 -j DOCKER',
    '-A FORWARD -i docker0 ! -o docker0 -j ACCEPT',
    '-A FORWARD -i docker0 -o docker0 -j ACCEPT',
    ...ms.map((m) => `-A DOCKER -d ${c} ! -i docker0 -o docker0 -p ${m.proto} -m ${m.proto} --dport ${m.cport} -j ACCEPT`),
    '-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
    '-A DOCKER-ISOLATION-STAGE-1 -j RETURN',
    '-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP',
    '-A DOCKER-ISOLATION-STAGE-2 -j RETURN',
    '-A DOCKER-USER -j RETURN',
    'COMMIT',
  ];
  return lines.join('\n') + '\n';
}

/** The same rules as native nft tables (`ip nat`, `ip filter`, or the `ip6` ones). */
export function dockerNft(maps: readonly Mapping[], fam: Fam): string {
  const ms = mappingsFor(maps, fam);
  const f = fam === 4 ? 'ip' : 'ip6';
  const a = fam === 4 ? 'ip' : 'ip6';
  const out = [
    `table ${f} nat {`,
    '  chain PREROUTING {',
    '    type nat hook prerouting priority dstnat; policy accept;',
    '    fib daddr type local counter jump DOCKER',
    '  }',
    '  chain OUTPUT {',
    '    type nat hook output priority -100; policy accept;',
    `    ${a} daddr != ${fam === 4 ? LOOP[4] : '::1'} fib daddr type local counter jump DOCKER`,
    '  }',
    '  chain POSTROUTING {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    `    ${a} saddr ${SUBNET[fam]} oifname != "docker0" counter masquerade`,
    ...ms.map((m) => `    ${a} saddr ${C[fam]} ${a} daddr ${C[fam]} ${m.proto} dport ${m.cport} counter masquerade`),
    '  }',
    '  chain DOCKER {',
    '    iifname "docker0" counter return',
    ...ms.map(
      (m) => `    ${m.hostIp ? `${a} daddr ${m.hostIp} ` : ''}iifname != "docker0" ${m.proto} dport ${m.hport} counter dnat to ${ctrDest(fam, m.cport)}`,
    ),
    '  }',
    '}',
    `table ${f} filter {`,
    '  chain FORWARD {',
    '    type filter hook forward priority filter; policy drop;',
    '    counter jump DOCKER-USER',
    '    counter jump DOCKER-ISOLATION-STAGE-1',
    '    oifname "docker0" ct state related,established counter accept',
    '    oifname "docker0" counter jump DOCKER',
    '    iifname "docker0" oifname != "docker0" counter accept',
    '    iifname "docker0" oifname "docker0" counter accept',
    '  }',
    '  chain DOCKER {',
    ...ms.map((m) => `    ${a} daddr ${C[fam]} iifname != "docker0" oifname "docker0" ${m.proto} dport ${m.cport} counter accept`),
    '  }',
    '  chain DOCKER-ISOLATION-STAGE-1 {',
    '    iifname "docker0" oifname != "docker0" counter jump DOCKER-ISOLATION-STAGE-2',
    '    counter return',
    '  }',
    '  chain DOCKER-ISOLATION-STAGE-2 {',
    '    oifname "docker0" counter drop',
    '    counter return',
    '  }',
    '  chain DOCKER-USER {',
    '    counter return',
    '  }',
    '}',
  ];
  return out.join('\n') + '\n';
}
