/**
 * Seeded ufw configurations for the differential test: /etc/default/ufw, ufw.conf, the ufw
 * commands an admin runs (rules of every kind ufw has) and after.rules additions.
 */
import { rng } from '../compose-diff/gen';

export interface Generated {
  readonly defaults: string;
  readonly conf: string;
  readonly commands: readonly string[];
  readonly afterAdd?: string;
  readonly after6Add?: string;
  readonly ipv6: boolean;
  readonly summary: string;
}

const POLICIES = ['ACCEPT', 'DROP', 'REJECT'] as const;
const LEVELS = ['off', 'low', 'medium', 'high', 'full'] as const;
const PORTS = ['22', '80', '443', '5432', '8080', '53', '3000:3010', '6379'];
const SOURCES4 = ['198.51.100.0/24', '203.0.113.7', '10.0.0.0/8'];
const SOURCES6 = ['2001:db8::/32', '2001:db8:1::2'];
const IFACES = ['eth0', 'eth1', 'docker0', 'wg0'];

/** The ufw-docker recipe's block (DOCKER-USER sent through ufw-user-forward, private ranges allowed). */
const UFW_DOCKER = `
# BEGIN UFW AND DOCKER
*filter
:ufw-user-forward - [0:0]
:ufw-docker-logging-deny - [0:0]
:DOCKER-USER - [0:0]
-A DOCKER-USER -j ufw-user-forward

-A DOCKER-USER -j RETURN -s 10.0.0.0/8
-A DOCKER-USER -j RETURN -s 172.16.0.0/12
-A DOCKER-USER -j RETURN -s 192.168.0.0/16

-A DOCKER-USER -p udp -m udp --sport 53 --dport 1024:65535 -j RETURN

-A DOCKER-USER -j ufw-docker-logging-deny -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -d 192.168.0.0/16
-A DOCKER-USER -j ufw-docker-logging-deny -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -d 10.0.0.0/8
-A DOCKER-USER -j ufw-docker-logging-deny -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -d 172.16.0.0/12
-A DOCKER-USER -j ufw-docker-logging-deny -p udp -m udp --dport 0:32767 -d 192.168.0.0/16
-A DOCKER-USER -j ufw-docker-logging-deny -p udp -m udp --dport 0:32767 -d 10.0.0.0/8
-A DOCKER-USER -j ufw-docker-logging-deny -p udp -m udp --dport 0:32767 -d 172.16.0.0/12

-A DOCKER-USER -j RETURN

-A ufw-docker-logging-deny -m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix "[UFW DOCKER BLOCK] "
-A ufw-docker-logging-deny -j DROP

COMMIT
# END UFW AND DOCKER
`;

const HOOK_ONLY = `
*filter
:ufw-user-forward - [0:0]
:DOCKER-USER - [0:0]
-A DOCKER-USER -j ufw-user-forward
COMMIT
`;

const AFTER_EXTRA = `
*filter
:ufw-after-input - [0:0]
-A ufw-after-input -p tcp --dport 9999 -j DROP
-A ufw-after-forward -i eth1 -j ufw-skip-to-policy-forward
COMMIT
`;

export function generate(seed: number): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number): boolean => r() < p;

  const ipv6 = chance(0.7);
  const input = chance(0.6) ? 'DROP' : pick(POLICIES);
  const output = chance(0.7) ? 'ACCEPT' : pick(POLICIES);
  const forward = chance(0.5) ? 'DROP' : pick(POLICIES);
  const level = chance(0.4) ? 'low' : pick(LEVELS);
  const defaults = [
    '# /etc/default/ufw (generated)',
    `IPV6=${ipv6 ? 'yes' : 'no'}`,
    `DEFAULT_INPUT_POLICY="${input}"`,
    `DEFAULT_OUTPUT_POLICY="${output}"`,
    `DEFAULT_FORWARD_POLICY="${forward}"`,
    'DEFAULT_APPLICATION_POLICY="SKIP"',
    'MANAGE_BUILTINS=no',
    // no sysctl changes, even in the scratch namespace
    'IPT_SYSCTL=',
    'IPT_MODULES=""',
    '',
  ].join('\n');
  const conf = `ENABLED=no\nLOGLEVEL=${level}\n`;

  const commands: string[] = [];
  const n = Math.floor(r() * 8);
  for (let k = 0; k < n; k++) {
    const action = pick(['allow', 'deny', 'reject', 'limit', 'allow', 'deny']);
    const log = chance(0.15) ? pick([' log', ' log-all']) : '';
    const proto = pick(['tcp', 'udp', '']);
    const port = pick(PORTS);
    const portSpec = port.includes(':') && !proto ? `${port}/tcp` : port;
    const shape = Math.floor(r() * 7);
    const protoPart = proto ? ` proto ${proto}` : port.includes(':') ? ' proto tcp' : '';
    const src = chance(0.3) ? (ipv6 && chance(0.3) ? pick(SOURCES6) : pick(SOURCES4)) : 'any';
    const insert = commands.length && chance(0.15) ? `insert 1 ` : '';
    if (action === 'limit') {
      commands.push(`${insert}limit${log} ${pick(['ssh', '22/tcp', `${pick(['80', '443', '8080'])}/tcp`])}`);
      continue;
    }
    switch (shape) {
      case 0:
        commands.push(`${insert}${action}${log} ${proto ? `${portSpec.includes(':') ? portSpec.replace(/\/tcp$/, '') : portSpec}/${proto}` : portSpec}`);
        break;
      case 1:
        commands.push(`${insert}${action}${log} from ${src} to any port ${port.replace(/\/tcp$/, '')}${protoPart}`);
        break;
      case 2:
        commands.push(`${insert}${action}${log} in on ${pick(IFACES)} to any port ${port}${protoPart}`);
        break;
      case 3:
        commands.push(`${insert}${action}${log} out ${port}${proto ? `/${proto}` : port.includes(':') ? '/tcp' : ''}`);
        break;
      case 4:
        commands.push(`route ${insert}${action}${log}${protoPart} from ${src} to any port ${port}`);
        break;
      case 5:
        commands.push(`route ${insert}${action}${log} in on ${pick(IFACES)} out on ${pick(IFACES)}${protoPart} to any port ${port}`);
        break;
      default:
        commands.push(`${insert}${action}${log} from ${src}`);
    }
  }
  const extra = r();
  const afterAdd = extra < 0.25 ? UFW_DOCKER : extra < 0.4 ? HOOK_ONLY : extra < 0.55 ? AFTER_EXTRA : undefined;
  const after6Add = ipv6 && afterAdd === HOOK_ONLY && chance(0.5) ? HOOK_ONLY.replace(/ufw-user-forward/g, 'ufw6-user-forward') : undefined;
  const summary = `IPV6=${ipv6 ? 'yes' : 'no'} policies ${input}/${output}/${forward} LOGLEVEL=${level}; ${commands.length ? commands.map((c) => `ufw ${c}`).join('; ') : 'no rules'}${afterAdd ? `; after.rules + ${afterAdd === UFW_DOCKER ? 'ufw-docker block' : afterAdd === HOOK_ONLY ? 'DOCKER-USER hook' : 'extra rules'}` : ''}`;
  return { defaults, conf, commands, afterAdd, after6Add, ipv6, summary };
}
