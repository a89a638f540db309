/**
 * `dockwall/portPath` answers shaped like the server's, for the client renderer tests, and a small
 * well-formedness check for the markup the renderer writes.
 */
import type { PortPathClass, PortPathResult } from '../../../server/src/lsp/protocol';

export const HOSTILE = `<script>alert("x")</script> & 'q'`;

/** Published to the world: DNAT in nat PREROUTING, accepted by Docker's FORWARD rule, masqueraded. */
export const FORWARD_ACCEPT: PortPathClass = {
  label: 'eth0 (any source)',
  verdict: 'accept',
  delivery: 'forward',
  summary: 'reaches 172.18.0.4:5432 (forwarded to br-3f2a)',
  steps: [
    { hook: 'prerouting', family: 'ip', table: 'nat', chain: 'PREROUTING', text: '-m addrtype --dst-type LOCAL -j DOCKER', verdict: 'jump DOCKER', origin: 'Docker: nat PREROUTING jump' },
    {
      hook: 'prerouting',
      family: 'ip',
      table: 'nat',
      chain: 'DOCKER',
      text: '! -i br-3f2a -p tcp -m tcp --dport 5432 -j DNAT --to-destination 172.18.0.4:5432',
      verdict: 'accept',
      rewrite: 'dnat 203.0.113.10:5432 → 172.18.0.4:5432',
      origin: 'Docker: port 5432 of service db',
      location: { uri: 'file:///srv/app/compose.yaml', line: 12 },
    },
    { hook: 'routing', text: 'forward via br-3f2a', verdict: 'forward' },
    { hook: 'forward', family: 'ip', table: 'filter', chain: 'FORWARD', text: '-j DOCKER-USER', verdict: 'jump DOCKER-USER', origin: 'Docker' },
    { hook: 'forward', family: 'ip', table: 'filter', chain: 'DOCKER-USER', text: '-j RETURN', verdict: 'return', origin: 'Docker' },
    {
      hook: 'forward',
      family: 'ip',
      table: 'filter',
      chain: 'DOCKER',
      text: '-d 172.18.0.4/32 ! -i br-3f2a -o br-3f2a -p tcp -m tcp --dport 5432 -j ACCEPT',
      verdict: 'accept',
      origin: 'Docker: port 5432 of service db',
      location: { uri: 'file:///srv/app/compose.yaml', line: 12 },
    },
    { hook: 'postrouting', family: 'ip', table: 'nat', chain: 'POSTROUTING', text: 'policy accept', verdict: 'accept' },
  ],
};

/** Sent to the host itself and dropped by the admin's nftables input chain. */
export const LOCAL_DROP: PortPathClass = {
  label: 'eth1 from 10.0.0.0/8',
  verdict: 'drop',
  delivery: null,
  summary: 'dropped by the input chain',
  steps: [
    { hook: 'routing', text: 'local', verdict: 'local' },
    {
      hook: 'input',
      family: 'inet',
      table: 'filter',
      chain: 'input',
      text: 'ip saddr 10.0.0.0/8 drop',
      verdict: 'drop',
      location: { uri: 'file:///srv/app/my%20rules/nftables.conf', line: 7 },
    },
  ],
};

/** Forwarded, then stopped by an unmodelled statement in a Docker nftables table with hostile text. */
export const FORWARD_UNKNOWN: PortPathClass = {
  label: `wlan0 from ${HOSTILE}`,
  verdict: 'unknown',
  delivery: null,
  summary: `cannot tell: ${HOSTILE}`,
  steps: [
    { hook: 'prerouting', family: 'ip', table: 'docker-bridges', chain: 'nat-PREROUTING', text: 'fib daddr type local jump nat-prerouting-and-output', verdict: 'jump nat-prerouting-and-output' },
    { hook: 'routing', text: 'forward via br-9', verdict: 'forward' },
    { hook: 'forward', family: 'ip', table: 'docker-bridges', chain: 'filter-FORWARD', text: HOSTILE, verdict: 'unknown', location: { uri: `file:///srv/"x"<y>.nft`, line: 0 } },
  ],
};

/** Accepted with no rule on the path at all. */
export const BARE_ACCEPT: PortPathClass = { label: 'eth2 (any source)', verdict: 'accept', delivery: 'forward', summary: 'reaches 172.18.0.4:5432', steps: [] };

export const RESULT: PortPathResult = {
  title: 'db: 0.0.0.0:5432 → 172.18.0.4:5432/tcp',
  classes: [FORWARD_ACCEPT, LOCAL_DROP, FORWARD_UNKNOWN, BARE_ACCEPT],
};

const VOID = new Set(['meta', 'link', 'br', 'hr', 'img', 'input']);

/**
 * Checks that markup nests properly: every tag closes in order, attributes are double-quoted, and
 * `<` or `&` in text only start tags and the five entities the renderer writes. Returns the problems.
 */
export function markupProblems(text: string, html: boolean): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = text.replace(/^<!DOCTYPE html>\s*/i, '');
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+(?:="[^"<]*")?)*)\s*(\/?)>|<|&(?:amp|lt|gt|quot|#39);|&/g;
  for (const m of body.matchAll(token)) {
    if (m[0] === '<') problems.push(`stray < at ${m.index}`);
    else if (m[0] === '&') problems.push(`stray & at ${m.index}`);
    else if (m[2]) {
      const name = m[2];
      if (m[1]) {
        const open = stack.pop();
        if (open !== name) problems.push(`</${name}> closes <${open}> at ${m.index}`);
      } else if (!m[4] && !(html && VOID.has(name.toLowerCase()))) stack.push(name);
    }
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}
