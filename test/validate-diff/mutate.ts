/**
 * Seeded mutations of iptables-save and nftables files: the mistakes people make (typos in
 * options, targets, match names and keywords; bad addresses, ports, MACs and ICMP types; old
 * syntax such as `-s ! ADDR` and `--days`; CRLF line ends; blanks after COMMIT; deleted tokens,
 * braces and chain declarations) and valid rewrites that must stay valid (options after `-j`,
 * duplicated lines, inserted rules with the constructs real firewalls use).
 *
 * Each mutation returns the new text and a short description `op: detail`; the description is
 * what the known-limitations list (known-limitations.json) matches.
 */

export type Rand = () => number;

/** mulberry32, the compose differential's seeded generator: the same sequence on every machine. */
export { rng } from '../compose-diff/gen';

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export interface Mutation {
  readonly text: string;
  readonly desc: string;
}

/** One typo in a word: a letter dropped, two swapped, one replaced or one added. */
export function typo(r: Rand, word: string): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const upper = word === word.toUpperCase() && /[A-Z]/.test(word);
  const alpha = upper ? letters.toUpperCase() : letters;
  // keep leading dashes intact: the typo is in the name
  const lead = /^-*/.exec(word)![0];
  const body = word.slice(lead.length);
  if (body.length < 2) return lead + body + pick(r, [...alpha]);
  const i = 1 + Math.floor(r() * (body.length - 1));
  let out: string;
  switch (Math.floor(r() * 4)) {
    case 0:
      out = body.slice(0, i) + body.slice(i + 1);
      break;
    case 1:
      out = i < body.length - 1 ? body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2) : body.slice(0, i - 1) + body[i] + body[i - 1];
      break;
    case 2:
      out = body.slice(0, i) + pick(r, [...alpha]) + body.slice(i + 1);
      break;
    default:
      out = body.slice(0, i) + pick(r, [...alpha]) + body.slice(i);
  }
  return out === body ? lead + body + 'x' : lead + out;
}

interface Line {
  readonly index: number;
  readonly text: string;
}

function linesOf(text: string): string[] {
  return text.split('\n');
}

function ruleLines(lines: readonly string[], re: RegExp): Line[] {
  const out: Line[] = [];
  lines.forEach((text, index) => {
    if (re.test(text)) out.push({ index, text });
  });
  return out;
}

function replaceLine(lines: readonly string[], index: number, text: string): string {
  const copy = [...lines];
  copy[index] = text;
  return copy.join('\n');
}

function insertLine(lines: readonly string[], index: number, text: string): string {
  const copy = [...lines];
  copy.splice(index, 0, text);
  return copy.join('\n');
}

/** Tokens of a line with their offsets (whitespace separated; quoted strings kept whole). */
function tokens(line: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /"[^"]*"|\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], start: m.index });
  return out;
}

function replaceToken(line: string, tok: { text: string; start: number }, by: string): string {
  return line.slice(0, tok.start) + by + line.slice(tok.start + tok.text.length);
}

const BAD_ADDRESSES = ['10.0.0.256', '300.1.2.3', '10.0.0', '10.0.0.1/33', '10.0.0.0/', '1.2.3.4.5', '10..0.1', '2001:db8::1::2', 'fe80::/129', '10.0.0.1-10.0.0.9'];
const GOOD_ADDRESSES = ['10.0.0.1', '192.0.2.0/24', '0.0.0.0/0', '198.51.100.7/32', '10.1.0.0/255.255.0.0'];
const BAD_MACS = ['00:11:22:33:44:GG', '00:11:22:33:44', '00:11:22:33:44:55:66', '0011.2233.4455', '00-11-22-33-44-55', '000:11:22:33:44:55'];
const GOOD_MACS = ['00:11:22:33:44:55', 'aa:BB:cc:00:01:02', '0:1:2:3:4:5'];

/** Snippets of iptables rule bodies (after `-A CHAIN`) with constructs of real firewalls. */
const IPT_SNIPPETS: readonly string[] = [
  '-p tcp -m tcp --dport 22 -m state --state NEW -m recent --set --name SSH --rsource',
  '-p tcp -m tcp --dport 22 -m state --state NEW -m recent --update --seconds 60 --hitcount 4 --name SSH --rsource -j DROP',
  '-p tcp --dport 22 -m recent --rcheck --seconds 60 --hitcount 4 --name SSH -j DROP',
  '-p icmp -m icmp --icmp-type 8 -m limit --limit 1/sec --limit-burst 5 -j ACCEPT',
  '-m limit --limit 3/min -j LOG --log-prefix "dropped: " --log-level 4',
  '-p tcp --syn -m hashlimit --hashlimit-above 20/sec --hashlimit-burst 30 --hashlimit-mode srcip --hashlimit-name syn -j DROP',
  '-m rpfilter --invert -j DROP',
  '-m rpfilter --loose --accept-local -j RETURN',
  '-m policy --dir in --pol ipsec -j ACCEPT',
  '-m policy --dir out --pol none -j RETURN',
  '-m physdev --physdev-is-bridged -j ACCEPT',
  '-m physdev --physdev-in veth0 --physdev-out eth0 -j ACCEPT',
  '-p tcp -m multiport -j ACCEPT --dports ssh,http',
  '-p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT',
  '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-m conntrack --ctstate INVALID -j DROP',
  '-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT',
  '-m addrtype --dst-type LOCAL -j RETURN',
  '-p udp -m udp --sport 67:68 --dport 67:68 -j ACCEPT',
  '-m pkttype --pkt-type broadcast -j DROP',
  '-p tcp -j REJECT --reject-with tcp-reset',
  '-j REJECT --reject-with icmp-host-prohibited',
  '-m comment --comment "allow web" -p tcp --dport 443 -j ACCEPT',
  '-m mark --mark 0x1/0xff -j ACCEPT',
  '-m connlimit --connlimit-above 10 -p tcp --dport 80 -j REJECT',
  '-m iprange --src-range 10.0.0.1-10.0.0.9 -j ACCEPT',
  '-m time --timestart 08:00 --timestop 18:00 --weekdays Mon,Tue,Wed -j ACCEPT',
  '-m length --length 0:128 -j ACCEPT',
  '-m ttl --ttl-lt 5 -j DROP',
  '-m string --string "GET /" --algo bm -j ACCEPT',
  '-m statistic --mode random --probability 0.5 -j ACCEPT',
  '-m tcpmss --mss 1:500 -p tcp -j DROP',
  '-m mac --mac-source 00:11:22:33:44:55 -j ACCEPT',
  '-m owner --uid-owner 0 -j ACCEPT',
  '-m quota --quota 1000 -j ACCEPT',
  '-m u32 --u32 "0>>22&0x3C@4=0x29" -j DROP',
  '-m helper --helper ftp -j ACCEPT',
  '-m dscp --dscp 10 -j ACCEPT',
  '-m tos --tos 0x10 -j ACCEPT',
  '-m devgroup --src-group 1 -j ACCEPT',
  '-m cpu --cpu 0 -j ACCEPT',
  '-m socket -j ACCEPT',
  '-m ecn --ecn-tcp-cwr -p tcp -j ACCEPT',
  '-m connbytes --connbytes 10000: --connbytes-dir both --connbytes-mode bytes -j ACCEPT',
  '-m condition --condition x -j ACCEPT',
  '-m geoip --src-cc CN -j DROP',
  '-m account --aaddr 10.0.0.0/24 -j ACCEPT',
  '-j LOG --log-prefix "x " --log-level 9',
  '-j LOG --log-level debug --log-tcp-options --log-ip-options',
  '-j NFLOG --nflog-group 2 --nflog-prefix x',
  '-j ULOG --ulog-prefix x',
  '-j TARPIT',
  '-j NFQUEUE --queue-num 1 --queue-bypass',
  '-j AUDIT --type drop',
  '-p tcp -j TCPMSS --clamp-mss-to-pmtu',
  '-j CONNMARK --restore-mark',
  '-j MARK --set-mark 7',
  '-j RETURN',
  '-j CLASSIFY --set-class 1:1',
  '-j TRACE',
  '-j CHECKSUM --checksum-fill',
  '-j DSCP --set-dscp 0',
  '-j TTL --ttl-set 64',
  '-j SET --add-set blocklist src',
  '-j NETMAP --to 10.1.0.0/24',
  '-j DNAT --to-destination 10.0.0.2:80',
  '-j MASQUERADE --to-ports 1024-65535',
  '-j REDIRECT --to-ports 3128',
  '-j SNAT --to-source 198.51.100.1',
];

/** Snippets of nft rules (inside a chain) with constructs of real firewalls. */
const NFT_SNIPPETS: readonly string[] = [
  'limit rate 10/second burst 20 packets accept',
  'limit rate over 100/minute drop',
  'tcp dport 22 ct state new limit rate 3/minute accept',
  'reject with icmp type host-prohibited',
  'reject with icmpv6 type admin-prohibited',
  'reject with icmpx type port-unreachable',
  'reject with tcp reset',
  'meta l4proto tcp reject with tcp reset',
  'icmp type echo-request accept',
  'icmpv6 type { nd-neighbor-solicit, nd-router-advert, nd-neighbor-advert } accept',
  'fib saddr . iif oif missing drop',
  'fib daddr type local accept',
  'ct state established,related accept',
  'ct state invalid drop',
  'tcp dport { 80, 443 } accept',
  'udp dport 53 accept',
  'ip saddr 192.0.2.0/24 accept',
  'ip6 saddr 2001:db8::/32 accept',
  'ether saddr 00:11:22:33:44:55 accept',
  'iifname "lo" accept',
  'meta nfproto ipv4 accept',
  'tcp flags & (fin|syn|rst|ack) == syn accept',
  'th dport 8080 accept',
  'counter drop',
  'log prefix "dropped: " level info',
  'meta pkttype broadcast drop',
  'ip protocol icmp accept',
  'ip6 nexthdr icmpv6 accept',
  'ct status dnat accept',
  'meta mark 0x1 accept',
];

const MONTHS_BAD = ['--days Mon', '--weekdays Mo', '--weekdays Mon,Xyz', '--timestart 25:00', '--timestart 8'];
const MONTHS_GOOD = ['--weekdays Mon', '--weekdays 1,2,3', '--timestart 08:00 --timestop 17:30', '--monthdays 1,15', '--datestart 2024-01-01'];

function ipt(r: Rand, text: string): Mutation | undefined {
  const lines = linesOf(text);
  const rules = ruleLines(lines, /^-A \S+/);
  const anyRule = (): Line | undefined => (rules.length ? pick(r, rules) : undefined);
  const ops: (() => Mutation | undefined)[] = [
    () => {
      const l = anyRule();
      const opts = l && tokens(l.text).filter((t) => /^--[a-z]/.test(t.text));
      if (!l || !opts?.length) return undefined;
      const t = pick(r, opts);
      const by = typo(r, t.text);
      return { text: replaceLine(lines, l.index, replaceToken(l.text, t, by)), desc: `ipt-option-typo: ${t.text} -> ${by}` };
    },
    () => {
      const cands = rules.filter((l) => / -[jg] \S+/.test(l.text));
      if (!cands.length) return undefined;
      const l = pick(r, cands);
      const t = tokens(l.text).find((x, i, a) => i > 0 && (a[i - 1].text === '-j' || a[i - 1].text === '-g'))!;
      const by = r() < 0.2 ? t.text.toLowerCase() : typo(r, t.text);
      return { text: replaceLine(lines, l.index, replaceToken(l.text, t, by)), desc: `ipt-target-typo: ${t.text} -> ${by}` };
    },
    () => {
      const cands = rules.filter((l) => / -m \S+/.test(l.text));
      if (!cands.length) return undefined;
      const l = pick(r, cands);
      const ms = tokens(l.text).filter((x, i, a) => i > 0 && a[i - 1].text === '-m');
      const t = pick(r, ms);
      const by = typo(r, t.text);
      return { text: replaceLine(lines, l.index, replaceToken(l.text, t, by)), desc: `ipt-match-typo: ${t.text} -> ${by}` };
    },
    () => {
      const cands = rules.filter((l) => /\d+\.\d+\.\d+\.\d+/.test(l.text));
      if (!cands.length) return undefined;
      const l = pick(r, cands);
      const bad = r() < 0.75;
      const by = pick(r, bad ? BAD_ADDRESSES : GOOD_ADDRESSES);
      return { text: replaceLine(lines, l.index, l.text.replace(/\d+\.\d+\.\d+\.\d+(\/\d+)?/, by)), desc: `ipt-address: ${by}` };
    },
    () => {
      const cands = rules.filter((l) => /--(d|s)ports? \d/.test(l.text));
      if (!cands.length) return undefined;
      const l = pick(r, cands);
      const by = pick(r, ['65536', '70000', '99999', '0', '65535', '1:65536', '80:', '-1', '22,70000', '8080:80']);
      return { text: replaceLine(lines, l.index, l.text.replace(/(--(?:d|s)ports? )[\d,:]+/, `$1${by}`)), desc: `ipt-port: ${by}` };
    },
    () => {
      const l = anyRule();
      if (!l) return undefined;
      const by = pick(r, r() < 0.7 ? BAD_MACS : GOOD_MACS);
      return { text: replaceLine(lines, l.index, l.text.replace(/^(-A \S+)/, `$1 -m mac --mac-source ${by}`)), desc: `ipt-mac: ${by}` };
    },
    () => {
      const l = anyRule();
      if (!l) return undefined;
      const by = pick(r, r() < 0.6 ? MONTHS_BAD : MONTHS_GOOD);
      return { text: replaceLine(lines, l.index, l.text.replace(/^(-A \S+)/, `$1 -m time ${by}`)), desc: `ipt-time: ${by}` };
    },
    () => {
      const cands = rules.filter((l) => /(^| )-[sdio] \S/.test(l.text));
      if (!cands.length) return undefined;
      const l = pick(r, cands);
      return { text: replaceLine(lines, l.index, l.text.replace(/ (-[sdio]) (?!!)/, ' $1 ! ')), desc: 'ipt-old-negation' };
    },
    () => ({ text: text.replace(/\r?\n/g, '\r\n'), desc: 'ipt-crlf' }),
    () => {
      const commits = ruleLines(lines, /^COMMIT$/);
      if (!commits.length) return undefined;
      const l = pick(r, commits);
      const by = pick(r, ['COMMIT ', 'COMMIT\t', 'COMMIT\n ', 'COMMIT\n\t', 'COMMIT\n', 'COMMIT # done', 'commit']);
      return { text: replaceLine(lines, l.index, by), desc: `ipt-commit: ${JSON.stringify(by)}` };
    },
    () => {
      const l = anyRule();
      if (!l) return undefined;
      const by = pick(r, [' ', '\t', '  ']);
      return { text: replaceLine(lines, l.index, l.text + by), desc: 'ipt-trailing-blank' };
    },
    () => {
      const decls = ruleLines(lines, /^:\S+ - /);
      if (!decls.length) return undefined;
      const l = pick(r, decls);
      return { text: replaceLine(lines, l.index, '# removed'), desc: 'ipt-delete-declaration' };
    },
    () => {
      const cands = rules.filter((l) => / -j (ACCEPT|DROP|RETURN)$/.test(l.text) && / --[ds]port \S+/.test(l.text));
      if (!cands.length) return undefined;
      const l = pick(r, cands);
      const m = / (--[ds]port \S+)/.exec(l.text)!;
      return { text: replaceLine(lines, l.index, l.text.replace(' ' + m[1], '') + ' ' + m[1]), desc: 'ipt-option-after-target' };
    },
    () => {
      const l = anyRule();
      if (!l) return undefined;
      const chain = /^-A (\S+)/.exec(l.text)![1];
      let snippet = pick(r, IPT_SNIPPETS);
      let desc = 'ipt-insert';
      if (r() < 0.5) {
        const ts = tokens(snippet).filter((t) => /^(--)?[A-Za-z]/.test(t.text) && !t.text.startsWith('"'));
        const t = pick(r, ts);
        const by = typo(r, t.text);
        snippet = replaceToken(snippet, t, by);
        desc = `ipt-insert-typo: ${t.text} -> ${by}`;
      }
      return { text: insertLine(lines, l.index, `-A ${chain} ${snippet}`), desc: `${desc} | ${snippet}` };
    },
    () => {
      const l = anyRule();
      const ts = l && tokens(l.text).slice(2);
      if (!l || !ts?.length) return undefined;
      const t = pick(r, ts);
      return { text: replaceLine(lines, l.index, (l.text.slice(0, t.start) + l.text.slice(t.start + t.text.length)).replace(/ {2,}/, ' ').trimEnd()), desc: `ipt-delete-token: ${t.text}` };
    },
    () => {
      const l = anyRule();
      if (!l) return undefined;
      return { text: insertLine(lines, l.index, l.text), desc: 'ipt-duplicate-rule' };
    },
    () => {
      const cands = rules.filter((l) => /--icmp(v6)?-type \S+/.test(l.text));
      if (!cands.length) return undefined;
      const l = pick(r, cands);
      const t = tokens(l.text).find((x, i, a) => i > 0 && /^--icmp(v6)?-type$/.test(a[i - 1].text))!;
      const by = r() < 0.3 ? pick(r, ['256', '8/300', 'echo-request', 'destination-unreachable', 'any']) : typo(r, t.text);
      return { text: replaceLine(lines, l.index, replaceToken(l.text, t, by)), desc: `ipt-icmp-type: ${t.text} -> ${by}` };
    },
    () => {
      // a user chain renamed, everywhere, to a name of 27 to 30 characters (iptables takes 28) or
      // a table renamed to one iptables does not have
      if (r() < 0.2) {
        const tables = lines.map((l, index) => ({ index, text: l })).filter((l) => /^\*\S+/.test(l.text));
        if (!tables.length) return undefined;
        const l = pick(r, tables);
        const by = `*${typo(r, l.text.slice(1).trim())}`;
        return { text: replaceLine(lines, l.index, by), desc: `ipt-table-name: ${l.text} -> ${by}` };
      }
      const chains = [...new Set([...text.matchAll(/^:([^\s]+) - /gm)].map((m) => m[1]))];
      if (!chains.length) return undefined;
      const name = pick(r, chains);
      const by = lengthened(name, 27 + Math.floor(r() * 4));
      return { text: renamed(text, name, by, /[^\s]/), desc: `ipt-chain-name: ${name} -> ${by.length} characters` };
    },
    () => {
      // a chain command or declaration after a section's declarations: policies, built-in and user
      // chains created, deleted and renamed (iptables-legacy-restore runs them against the table)
      const decl = lines.map((l, index) => ({ index, text: l })).filter((l) => /^:\S+ \S+/.test(l.text));
      if (!decl.length) return undefined;
      const at = pick(r, decl);
      const user = [...text.matchAll(/^:([^\s]+) - /gm)].map((m) => m[1]);
      const builtin = [...text.matchAll(/^:([^\s]+) (?:ACCEPT|DROP) /gm)].map((m) => m[1]);
      const any = (): string => pick(r, [...user, ...builtin, 'NEWCHAIN']);
      const line = pick(r, [
        () => `-P ${any()} ${pick(r, ['ACCEPT', 'DROP', 'RETURN', 'accept'])}`,
        () => `-N ${any()}`,
        () => `-X ${any()}`,
        () => `-E ${any()} ${pick(r, [any(), 'RENAMED', lengthened('RENAMED', 31 + Math.floor(r() * 2))])}`,
        () => `:${any()} ${pick(r, ['-', 'ACCEPT', 'DROP', 'FOO'])} [0:0]`,
      ])();
      return { text: insertLine(lines, at.index + 1, line), desc: `ipt-chain-command: ${line}` };
    },
  ];
  for (let tries = 0; tries < 10; tries++) {
    const m = pick(r, ops)();
    if (m && m.text !== text) return m;
  }
  return undefined;
}

const NFT_HOOK_WORDS = new Set(['filter', 'nat', 'route', 'input', 'output', 'forward', 'prerouting', 'postrouting', 'ingress', 'egress', 'ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);

/** `name` padded (or cut) to `length` characters. */
function lengthened(name: string, length: number): string {
  return (name + 'x'.repeat(Math.max(0, length - name.length))).slice(0, length);
}

/** Every whole-word occurrence of `name` replaced (`word` matches a character a name goes on with). */
function renamed(text: string, name: string, by: string, word: RegExp): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    const before = at > 0 ? text[at - 1] : ' ';
    const after = text[at + name.length] ?? ' ';
    if (word.test(after) || (word.test(before) && before !== ':' && before !== '@')) continue;
    out += text.slice(from, at) + by;
    from = at + name.length;
  }
  return out + text.slice(from);
}

/** Words of an nft text outside comments and strings, with offsets. */
function nftWords(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /#[^\n]*|"[^"\n]*"|[A-Za-z][A-Za-z0-9_-]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0][0] !== '#' && m[0][0] !== '"') out.push({ text: m[0], start: m.index });
  }
  return out;
}

function splice(text: string, start: number, len: number, by: string): string {
  return text.slice(0, start) + by + text.slice(start + len);
}

function nft(r: Rand, text: string): Mutation | undefined {
  const lines = linesOf(text);
  const ruleIdx = lines.map((l, i) => ({ index: i, text: l })).filter((l) => /^\s+[a-z@]/.test(l.text) && !/^\s*(type|policy|chain|set|map|elements|flags|counter$|table|hook|devices|priority|size|timeout|comment|ct |flowtable)\b/.test(l.text.trim() + ' ') && !/[{]\s*$/.test(l.text) && !/^\s*(\}|#)/.test(l.text));
  const anyRule = (): Line | undefined => (ruleIdx.length ? pick(r, ruleIdx) : undefined);
  const ops: (() => Mutation | undefined)[] = [
    () => {
      const ws = nftWords(text);
      if (!ws.length) return undefined;
      const w = pick(r, ws);
      const by = typo(r, w.text);
      return { text: splice(text, w.start, w.text.length, by), desc: `nft-keyword-typo: ${w.text} -> ${by}` };
    },
    () => {
      const m = [...text.matchAll(/\b\d+\.\d+\.\d+\.\d+(\/\d+)?/g)];
      if (!m.length) return undefined;
      const x = pick(r, m);
      const by = pick(r, r() < 0.75 ? BAD_ADDRESSES.filter((a) => !a.includes('-')) : GOOD_ADDRESSES.filter((a) => !a.includes('255.255')));
      return { text: splice(text, x.index!, x[0].length, by), desc: `nft-address: ${by}` };
    },
    () => {
      const m = [...text.matchAll(/\b(dport|sport) (\d+)\b/g)];
      if (!m.length) return undefined;
      const x = pick(r, m);
      const by = pick(r, ['65536', '70000', '99999', '0', '65535', '80-70000', '8080-80']);
      return { text: splice(text, x.index! + x[1].length + 1, x[2].length, by), desc: `nft-port: ${by}` };
    },
    () => {
      const l = anyRule();
      if (!l) return undefined;
      const by = pick(r, r() < 0.7 ? BAD_MACS : GOOD_MACS);
      const indent = /^\s*/.exec(l.text)![0];
      return { text: insertLine(lines, l.index, `${indent}ether saddr ${by} accept`), desc: `nft-mac: ${by}` };
    },
    () => {
      const m = [...text.matchAll(/[{}]/g)];
      if (!m.length) return undefined;
      const x = pick(r, m);
      return { text: splice(text, x.index!, 1, ''), desc: `nft-delete-brace: ${x[0]}` };
    },
    () => {
      const l = anyRule();
      const ts = l && tokens(l.text);
      if (!l || !ts?.length) return undefined;
      const t = pick(r, ts);
      return { text: replaceLine(lines, l.index, l.text.slice(0, t.start) + l.text.slice(t.start + t.text.length)), desc: `nft-delete-token: ${t.text}` };
    },
    () => ({ text: text.replace(/\r?\n/g, '\r\n'), desc: 'nft-crlf' }),
    () => {
      const l = anyRule();
      if (!l) return undefined;
      let snippet = pick(r, NFT_SNIPPETS);
      let desc = 'nft-insert';
      if (r() < 0.5) {
        const ws = nftWords(snippet);
        const w = pick(r, ws);
        const by = typo(r, w.text);
        snippet = splice(snippet, w.start, w.text.length, by);
        desc = `nft-insert-typo: ${w.text} -> ${by}`;
      }
      const indent = /^\s*/.exec(l.text)![0];
      return { text: insertLine(lines, l.index, indent + snippet), desc: `${desc} | ${snippet}` };
    },
    () => {
      const l = anyRule();
      if (!l) return undefined;
      return { text: insertLine(lines, l.index, l.text), desc: 'nft-duplicate-rule' };
    },
    () => {
      const m = [...text.matchAll(/\b(icmp|icmpv6) type (\{[^}]*\}|[a-z-]+)/g)];
      if (!m.length) return undefined;
      const x = pick(r, m);
      const names = [...x[2].matchAll(/[a-z][a-z-]+/g)];
      if (!names.length) return undefined;
      const n = pick(r, names);
      const by = typo(r, n[0]);
      const at = x.index! + x[0].indexOf(x[2]) + n.index!;
      return { text: splice(text, at, n[0].length, by), desc: `nft-icmp-type: ${n[0]} -> ${by}` };
    },
    () => {
      // a table, chain or set renamed, everywhere, to a name of 254 to 257 characters (the kernel takes 255)
      const names = [...new Set([...text.matchAll(/^\s*(?:table(?:\s+(?:ip6?|inet|arp|bridge|netdev))?|chain|set|map)\s+([A-Za-z][A-Za-z0-9_]*)\s*\{/gm)].map((m) => m[1]))];
      if (!names.length) return undefined;
      // (not a name that is also a keyword of the file: `chain input { type filter hook input ...`)
      const plain = names.filter((n) => !NFT_HOOK_WORDS.has(n));
      if (!plain.length) return undefined;
      const name = pick(r, plain);
      const by = lengthened(name, 254 + Math.floor(r() * 4));
      return { text: renamed(text, name, by, /[A-Za-z0-9_]/), desc: `nft-name: ${name} -> ${by.length} characters` };
    },
    () => {
      // `interval` taken out of a set's flags (a set of prefixes or ranges then needs it back)
      const m = [...text.matchAll(/^([ \t]*flags[ \t]+)([^\n;}]*\binterval\b[^\n;}]*)/gm)];
      if (!m.length) return undefined;
      const x = pick(r, m);
      const rest = x[2].split(',').map((f) => f.trim()).filter((f) => f && f !== 'interval');
      const at = x.index! + x[1].length;
      return rest.length ? { text: splice(text, at, x[2].length, rest.join(', ')), desc: 'nft-flags: interval taken out' } : { text: splice(text, x.index!, x[0].length, ''), desc: 'nft-flags: the flags line taken out' };
    },
    () => {
      // a set's or map's braces emptied
      const m = [...text.matchAll(/\{[^{}\n]*\}/g)].filter((x) => /[^\s{}]/.test(x[0]));
      if (!m.length) return undefined;
      const x = pick(r, m);
      return { text: splice(text, x.index!, x[0].length, '{ }'), desc: 'nft-empty-braces' };
    },
    () => {
      // a line break inside an element (after a range's dash or a map's colon) or after a comma
      const m = [...text.matchAll(/ (-|:|,) (?=\S)/g)].filter((x) => /\{[^{}]*$/.test(text.slice(Math.max(0, x.index! - 200), x.index!)));
      if (!m.length) return undefined;
      const x = pick(r, m);
      return { text: splice(text, x.index!, x[0].length, ` ${x[1]}\n\t\t`), desc: `nft-line-break: after ${x[1]}` };
    },
  ];
  for (let tries = 0; tries < 10; tries++) {
    const m = pick(r, ops)();
    if (m && m.text !== text) return m;
  }
  return undefined;
}

export function mutate(r: Rand, kind: 'iptables' | 'nft', text: string): Mutation | undefined {
  return kind === 'iptables' ? ipt(r, text) : nft(r, text);
}
