/**
 * lower-iptables: real-world files (shared/corpus/iptables, the oracle's rule files, Docker's
 * generated listings) lowered and built, with every unknown construct listed in a golden
 * (UPDATE_GOLDEN=1 rewrites it); then specific rules checked statement by statement.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { initRuntime } from '../../server/src/core/syntax/languages';
import { readGrammarBytes } from '../../server/src/host/assets';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { iptablesOptionsFor, type LowerIptablesOptions, lowerIptables, lowerIptablesText } from '../../server/src/core/netfilter/lower-iptables';
import { loadLanguages } from '../../server/src/core/syntax/languages';
import { addBridge, defaultHost, type Host } from '../../server/src/core/netfilter/host';
import { parsePacket } from '../../server/src/core/netfilter/packet';
import { simulate } from '../../server/src/core/netfilter/simulate';
import { parseIp } from '../../server/src/core/net/ip';
import type { Fragment, Op, Rule, Statement } from '../../server/src/core/netfilter/model';
import { formatInterval } from '../../server/src/core/net/ip';
import { formatValue } from '../../server/src/core/netfilter/format';
import type { Result } from '../../server/src/core/diagnostics';
import { goldenIptablesBlocks } from './helpers/docker-golden-iptables';

const repoRoot = path.resolve(__dirname, '../..');
const shared = path.resolve(repoRoot, '../shared');
const corpusDir = path.join(shared, 'corpus/iptables');
const goldenFile = path.join(__dirname, 'fixtures/lower-iptables/corpus-unknowns.txt');

let parser: Parser;

before(async () => {
  await initRuntime(readGrammarBytes().runtime);
  parser = new Parser();
  parser.setLanguage(await Language.load(fs.readFileSync(path.join(repoRoot, 'server/wasm/tree-sitter-iptables.wasm'))));
});

function lower(text: string, opts: Partial<LowerIptablesOptions> = {}): Result<Fragment> {
  const tree = parser.parse(text);
  if (!tree) throw new Error('no tree');
  try {
    return lowerIptables(tree.rootNode, { file: opts.file ?? 't.rules', text, ...opts });
  } finally {
    tree.delete();
  }
}

/** A statement in a compact nft-like notation, so expectations read like rules. */
function show(s: Statement): string {
  switch (s.kind) {
    case 'match': {
      const l = s.left;
      const left = l.kind === 'field' ? l.field : l.kind === 'bitwise' && l.expr.kind === 'field' ? `${l.expr.field} & 0x${l.mask.toString(16)}` : l.kind === 'concat' ? l.parts.map((p) => (p.kind === 'field' ? p.field : '?')).join(' . ') : '?';
      return `${left} ${s.op === 'eq' ? '==' : s.op === 'ne' ? '!=' : s.op} ${formatValue(s.right)}`;
    }
    case 'verdict':
      return s.verdict.target ? `${s.verdict.verdict} ${s.verdict.target}` : s.verdict.verdict;
    case 'nat': {
      const to = s.addr ? formatInterval(s.addr) : '';
      const port = s.port ? `:${s.port.lo}${s.port.hi !== s.port.lo ? `-${s.port.hi}` : ''}` : '';
      return `${s.nat}${to || port ? ` to ${to}${port}` : ''}${s.flags ? ` ${s.flags.join(' ')}` : ''}`;
    }
    case 'set': {
      const e = s.expr;
      const rhs = s.value ? formatValue(s.value) : e?.kind === 'bitwise' && e.expr.kind === 'field' ? `${e.expr.field} & 0x${e.mask.toString(16)} ^ 0x${(e.xor ?? 0n).toString(16)}` : e?.kind === 'field' ? e.field : '?';
      return `${s.key} set ${rhs}`;
    }
    case 'nop':
    case 'stateful':
      return `${s.kind} ${s.what}`;
    case 'setUpdate':
      return `update @${s.set}`;
    case 'unknown':
      return `unknown: ${s.reason}`;
    case 'vmap':
      return 'vmap';
  }
}

function rules(f: Fragment): { chain: string; rule: Rule; op: Op }[] {
  return f.ops.flatMap((op) => (op.op === 'addRule' || op.op === 'replaceRule' ? [{ chain: op.chain, rule: op.rule, op }] : []));
}

/** Unknown statements and unknown ops of a fragment, as `line: reason [text]`. */
function unknowns(f: Fragment, text: string): string[] {
  const out: string[] = [];
  for (const op of f.ops) {
    if (op.op === 'unknown') out.push(`${op.span.range.start.line + 1}: op: ${op.reason}`);
    if (op.op === 'addRule' || op.op === 'replaceRule')
      for (const s of op.rule.statements)
        if (s.kind === 'unknown' || s.kind === 'stateful')
          out.push(`${s.span.range.start.line + 1}: ${show(s)} [${text.slice(s.span.start, s.span.end)}]`);
  }
  return out;
}

const ufw = (name: string) => name.startsWith('ufw');
/** ip6tables files of the corpus, by name (the caller knows which tool a file is for). */
const v6 = (name: string) => /ip6tables|\.v6$|6\.rules$/.test(name);

describe('lowerIptables', () => {
  describe('real-world files', () => {
    it('lowers and builds every corpus file; unknowns and build errors match the golden', function () {
      if (!fs.existsSync(corpusDir)) this.skip(); // shared/ is absent
      const report: string[] = [];
      let ruleCount = 0;
      let unknownCount = 0;
      for (const name of fs.readdirSync(corpusDir).sort()) {
        const text = fs.readFileSync(path.join(corpusDir, name), 'utf8');
        const r = lower(text, { file: name, noflush: ufw(name), family: v6(name) ? 'ip6' : 'ip' });
        const built = buildRuleset([r.value]);
        const u = unknowns(r.value, text);
        ruleCount += rules(r.value).length;
        unknownCount += u.length;
        const fam = r.value.ops.find((o) => o.op === 'addTable');
        report.push(`## ${name} (${fam && 'table' in fam ? `${fam.table.family} ${fam.table.backend}` : '-'}, ${rules(r.value).length} rules)`);
        for (const d of [...r.diagnostics, ...built.diagnostics]) report.push(`${d.span.range.start.line + 1}: ${d.severity}: ${d.message}`);
        report.push(...u);
      }
      report.push(`# total: ${ruleCount} rules, ${unknownCount} unknown or stateful statements`);
      const got = report.join('\n') + '\n';
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(goldenFile, got);
      assert.equal(got, fs.readFileSync(goldenFile, 'utf8'));
    });

    it('lowers every rule of Docker 28/29 generated listings with nothing unknown, and builds them', function () {
      const root = path.join(shared, 'docker-golden');
      if (!fs.existsSync(root)) this.skip();
      let count = 0;
      for (const release of fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory())) {
        const dir = path.join(root, release, 'iptables');
        if (!fs.existsSync(dir)) continue;
        for (const doc of fs.readdirSync(dir)) {
          for (const block of goldenIptablesBlocks(fs.readFileSync(path.join(dir, doc), 'utf8'))) {
            const r = lower(block.text, { table: block.table, file: `${release}/${doc}:${block.line}` });
            assert.deepEqual(r.diagnostics, []);
            assert.deepEqual(unknowns(r.value, block.text), [], `${release}/${doc}:${block.line}`);
            const built = buildRuleset([r.value]);
            assert.deepEqual(built.diagnostics.map((d) => d.message), [], `${release}/${doc}:${block.line}`);
            count += rules(r.value).length;
          }
        }
      }
      assert.ok(count > 400, `${count} rules`);
    });

    it('lowers the oracle rule files on top of Docker 24 (--noflush) and builds them', function () {
      const dir = path.join(shared, 'oracle/rules');
      if (!fs.existsSync(dir)) this.skip();
      const docker = fs.readFileSync(path.join(dir, 'docker24.ipt'), 'utf8');
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ipt') && x !== 'docker24.ipt')) {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        const frags = [lower(docker, { file: 'docker24.ipt' }).value, lower(text, { file: f, noflush: true }).value];
        const built = buildRuleset(frags);
        assert.deepEqual(built.diagnostics.map((d) => d.message), [], f);
        assert.deepEqual(built.value.unknowns, [], f);
      }
    });
  });

  describe('rules', () => {
    /** Lowers one rule line in a table and returns its statements in the compact notation. */
    const stmts = (line: string, table = 'filter', opts: Partial<LowerIptablesOptions> = {}): string[] => {
      const r = lower(`*${table}\n${line}\nCOMMIT\n`, opts);
      const rs = rules(r.value);
      assert.equal(rs.length, 1, JSON.stringify(r.value.ops.map((o) => o.op)));
      return rs[0].rule.statements.map(show);
    };
    const cases: [string, string, string[], Partial<LowerIptablesOptions>?][] = [
      ['nat', '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:8080',
        ['meta.iifname != "docker0"', 'meta.l4proto == 6', 'th.dport == 8080', 'dnat to 172.17.0.2:8080']],
      ['nat', '-A PREROUTING -i eth0 -p tcp -m tcp --dport 25 -j DNAT --to 192.168.1.1:25',
        ['meta.iifname == "eth0"', 'meta.l4proto == 6', 'th.dport == 25', 'dnat to 192.168.1.1:25']],
      ['nat', '-A DOCKER ! -s fe80::/10 -d ::1/128 ! -i br-dummy -p tcp -m tcp --dport 8080 -j DNAT --to-destination [fd49:efd7:54aa::1]:80',
        ['ip6.saddr != fe80::/10', 'ip6.daddr == ::1', 'meta.iifname != "br-dummy"', 'meta.l4proto == 6', 'th.dport == 8080', 'dnat to fd49:efd7:54aa::1:80'], { family: 'ip6' }],
      ['nat', '-A POSTROUTING -o br-dummy -m addrtype --src-type LOCAL -j SNAT --to-source 192.168.123.0',
        ['meta.oifname == "br-dummy"', 'fib.saddr.type == local', 'snat to 192.168.123.0']],
      ['nat', '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE', ['ip.saddr == 172.17.0.0/16', 'meta.oifname != "docker0"', 'masquerade']],
      ['nat', '-A SHADOWSOCKS -p tcp -j REDIRECT --to-ports 1081', ['meta.l4proto == 6', 'redirect to :1081']],
      ['nat', '-A POSTROUTING -o eth0 -j MASQUERADE --to-ports 1024-2048 --random', ['meta.oifname == "eth0"', 'masquerade to :1024-2048 random']],
      ['nat', '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER', ['ip.daddr != 127.0.0.0/8', 'fib.daddr.type == local', 'jump DOCKER']],
      ['filter', '-A DOCKER-USER -j DROP -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -d 0.0.0.0/0',
        ['meta.l4proto == 6', 'tcp.flags & 0x17 == 2', 'ip.daddr == 0.0.0.0/0', 'drop']],
      ['filter', '-A INPUT -p tcp ! --syn -j DROP', ['meta.l4proto == 6', 'tcp.flags & 0x17 != 2', 'drop']],
      ['filter', '-A INPUT -i ppp+ -j ACCEPT', ['meta.iifname == "ppp*"', 'accept']],
      ['filter', '-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', ['meta.oifname == "docker0"', 'ct.state == { related, established }', 'accept']],
      ['filter', '-A INPUT -m state --state INVALID -j DROP', ['ct.state == invalid', 'drop']],
      ['filter', '-A FORWARD -m conntrack --ctstate DNAT -j ACCEPT', ['ct.status == dnat', 'accept']],
      ['filter', '-I DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 80 --ctorigdst 172.17.0.2 --ctdir ORIGINAL -j DROP',
        ['meta.iifname == "eth0"', 'meta.l4proto == 6', 'ct.original.proto-dst == 80', 'ct.original.daddr == 172.17.0.2', 'ct.direction == original', 'drop']],
      ['filter', '-A INPUT -p tcp -m conntrack --ctstate NEW --dport 22 -j ACCEPT', ['meta.l4proto == 6', 'ct.state == new', 'th.dport == 22', 'accept']],
      ['filter', '-A ufw-user-input -p udp -m multiport --dports 67:68 -j ACCEPT', ['meta.l4proto == 17', 'th.dport == 67-68', 'accept']],
      ['filter', '-A INPUT -p tcp -m multiport ! --sports 80,443,8000:8100 -j ACCEPT', ['meta.l4proto == 6', 'th.sport != { 80, 443, 8000-8100 }', 'accept']],
      ['filter', '-A INPUT -p tcp --dport :1023 -j DROP', ['meta.l4proto == 6', 'th.dport == 0-1023', 'drop']],
      ['filter', '-A INPUT -p tcp --dport ssh --sport 1024: -j ACCEPT', ['meta.l4proto == 6', 'th.dport == 22', 'th.sport == 1024-65535', 'accept']],
      ['filter', '-A INPUT -p tcp --dport ! 22 -j DROP', ['meta.l4proto == 6', 'th.dport != 22', 'drop']],
      ['filter', '-A INPUT -s ! 10.0.0.1 -s 10.0.0.0/255.0.0.0 -d 1.1.1.1,8.8.8.8 -j DROP', ['ip.saddr != 10.0.0.1', 'ip.saddr == 10.0.0.0/8', 'ip.daddr == { 1.1.1.1, 8.8.8.8 }', 'drop']],
      ['filter', '-A INPUT -m set ! --match-set allowlist src,dst -j DROP', ['unknown: ipset allowlist: its members are not known (give `ipset save` output beside the rules: a *.ipset file or ipset.conf)', 'drop']],
      ['filter', '-A INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 -j ACCEPT', ['ip.saddr == 10.0.0.1-10.0.0.9', 'accept']],
      ['filter', '-A INPUT -m pkttype --pkt-type multicast -j ACCEPT', ['meta.pkttype == multicast', 'accept']],
      ['filter', '-A INPUT -p icmp --icmp-type echo-request -m limit --limit 2/s -j ACCEPT', ['meta.l4proto == 1', 'icmp.type == echo-request', 'stateful limit', 'accept']],
      ['filter', '-A INPUT -p icmp --icmp-type 0 -j ACCEPT', ['meta.l4proto == 1', 'icmp.type == echo-reply', 'accept']],
      ['filter', '-A INPUT -p icmp --icmp-type port-unreachable -j ACCEPT',
        ['meta.l4proto == 1', 'icmp.type == destination-unreachable', 'unknown: the ICMP code of `port-unreachable` is not modelled', 'accept']],
      ['filter', '-A ufw6-before-input -p icmpv6 --icmpv6-type neighbor-solicitation -j ACCEPT', ['meta.l4proto == 58', 'icmpv6.type == nd-neighbor-solicit', 'accept'], { family: 'ip6' }],
      ['filter', '-A INPUT -p ipv6-icmp --icmpv6-type echo-request -j ACCEPT', ['meta.l4proto == 58', 'icmpv6.type == echo-request', 'accept'], { family: 'ip6' }],
      // (ufw's rules for neighbour discovery; xt_hl negates --hl-eq only)
      ['filter', '-A ufw6-before-input -p icmpv6 --icmpv6-type neighbor-solicitation -m hl --hl-eq 255 -j ACCEPT', ['meta.l4proto == 58', 'icmpv6.type == nd-neighbor-solicit', 'ip6.hoplimit == 255', 'accept'], { family: 'ip6' }],
      ['filter', '-A INPUT -m hl ! --hl-eq 1 -j ACCEPT', ['ip6.hoplimit != 1', 'accept'], { family: 'ip6' }],
      ['filter', '-A INPUT -m hl --hl-lt 2 -j DROP', ['ip6.hoplimit lt 2', 'drop'], { family: 'ip6' }],
      ['filter', '-A INPUT -m hl ! --hl-gt 2 -j DROP', ['unknown: -m hl needs one of --hl-eq, --hl-lt, --hl-gt and a number', 'drop'], { family: 'ip6' }],
      ['filter', '-A INPUT -m ttl --ttl-gt 200 -j DROP', ['ip.ttl gt 200', 'drop']],
      ['filter', '-A INPUT -p tcp -m comment --comment "allow \\"ssh\\"" --dport 22 -j ACCEPT', ['meta.l4proto == 6', 'nop comment', 'th.dport == 22', 'accept']],
      ['filter', '-A ufw-logging-deny -j LOG --log-prefix "[UFW BLOCK] " -m limit --limit 3/min --limit-burst 10', ['stateful limit', 'nop log']],
      ['filter', '-A INPUT -p tcp --dport 22 -m recent --name ssh --set', ['meta.l4proto == 6', 'th.dport == 22', 'stateful recent']],
      ['filter', '-A INPUT -p tcp --dport 22 -m recent --name ssh --update --seconds 600 --hitcount 4 -j DROP', ['meta.l4proto == 6', 'th.dport == 22', 'stateful recent', 'drop']],
      ['filter', '-A INPUT -p tcp -j REJECT --reject-with tcp-reset', ['meta.l4proto == 6', 'reject']],
      ['filter', '-A DOCKER-ISOLATION-STAGE-1 -j RETURN', ['return']],
      ['filter', '-A FORWARD -g ufw-after-forward', ['goto ufw-after-forward']],
      ['filter', '-A INPUT -j NFQUEUE --queue-num 1', ['queue']],
      ['mangle', '-A PREROUTING -m mark --mark 0x1/0xff -j MARK --set-xmark 0x1/0xffffffff', ['meta.mark & 0xff == 1', 'meta.mark set 1']],
      ['mangle', '-A PREROUTING -j MARK --set-mark 0x2/0xf', ['meta.mark set meta.mark & 0xfffffff0 ^ 0x2']],
      ['mangle', '-A PREROUTING -j MARK --or-mark 0x4', ['meta.mark set meta.mark & 0xfffffffb ^ 0x4']],
      ['mangle', '-A PREROUTING -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff', ['meta.mark set ct.mark']],
      ['mangle', '-A PREROUTING -m connmark ! --mark 0x10 -j CONNMARK --save-mark', ['ct.mark != 16', 'ct.mark set meta.mark']],
      ['mangle', '-A FORWARD -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu', ['meta.l4proto == 6', 'tcp.flags & 0x6 == 2', 'nop tcpmss']],
      ['mangle', '-A POSTROUTING -p udp --dport 68 -j CHECKSUM --checksum-fill', ['meta.l4proto == 17', 'th.dport == 68', 'nop checksum']],
      ['raw', '-A PREROUTING -p udp --dport 69 -j CT --helper tftp', ['meta.l4proto == 17', 'th.dport == 69', 'nop ct']],
      ['raw', '-A PREROUTING -j CT --notrack', ['nop notrack']],
      ['raw', '-A OUTPUT -o lo -j NOTRACK', ['meta.oifname == "lo"', 'nop notrack']],
      ['filter', '-A INPUT -m u32 --u32 0>>22&0x3C@12>>26&0x3F=0 -j DROP', ['unknown: match -m u32 is not modelled', 'drop']],
      ['filter', '-A INPUT -m tcp --dport 80 -j ACCEPT', ['meta.l4proto == 6', 'th.dport == 80', 'accept']],
      ['filter', '-A INPUT -p tcp --frobnicate 1 -j ACCEPT', ['meta.l4proto == 6', 'unknown: option --frobnicate is not known to -p tcp', 'accept']],
      ['filter', '-A INPUT -f -j DROP', ['unknown: fragment matching (-f) is not modelled', 'drop']],
      ['mangle', '-A PREROUTING -p tcp -j TPROXY --on-port 3128', ['meta.l4proto == 6', 'unknown: target TPROXY is not modelled']],
      ['filter', '-A INPUT -s 2001:db8::1 -j DROP', ['unknown: address family of `2001:db8::1` does not match the table', 'drop'], { family: 'ip' }],
      ['filter', '-A INPUT -s example.org -j DROP', ['unknown: `example.org` is not an address or network (host names are resolved by iptables at load time)', 'drop']],
      ['filter', '-A INPUT -p tcp --dport 99999 -j DROP', ['meta.l4proto == 6', 'unknown: `99999` is not a port or port range', 'drop']],
    ];
    for (const [table, line, want, opts] of cases) {
      it(line, () => assert.deepEqual(stmts(line, table, opts), want));
    }

    it('gives unknown statements the span of their option', () => {
      const text = '*filter\n-A INPUT -m string --algo bm --string x -p tcp --frob 1 -j ACCEPT\nCOMMIT\n';
      const [r] = rules(lower(text).value);
      const spans = r.rule.statements.filter((s) => s.kind === 'unknown').map((s) => text.slice(s.span.start, s.span.end));
      assert.deepEqual(spans, ['-m string --algo bm --string x', '--frob 1']);
      assert.equal(r.rule.text, '-A INPUT -m string --algo bm --string x -p tcp --frob 1 -j ACCEPT');
      assert.equal(text.slice(r.rule.span.start, r.rule.span.end), r.rule.text);
    });

    it('keeps the comment of -m comment on the rule', () => {
      const [r] = rules(lower('*filter\n-A INPUT -m comment --comment "say \\"hi\\"" -j ACCEPT\nCOMMIT\n').value);
      assert.equal(r.rule.comment, 'say "hi"');
    });
  });

  describe('operations', () => {
    const opsOf = (text: string, opts: Partial<LowerIptablesOptions> = {}) => lower(text, opts).value.ops;
    const brief = (ops: readonly Op[]) =>
      ops.map((o) => {
        switch (o.op) {
          case 'addChain':
            return `addChain ${o.table.family}/${o.table.name}/${o.name}${o.base ? ` ${o.base.type} ${o.base.hook} ${o.base.priority} (${o.base.priorityText}) ${o.base.policy}` : ''}${o.ifMissing ? ' ifMissing' : ''}`;
          case 'addRule':
            return `addRule ${o.chain} ${o.position}${o.index !== undefined ? ` ${o.index}` : ''}`;
          case 'deleteRule':
            return `deleteRule ${o.chain} ${o.index ?? o.ruleText}`;
          case 'replaceRule':
            return `replaceRule ${o.chain} ${o.index}`;
          case 'addSet':
            return `addSet ${o.set.name}${o.set.dynamic ? ' dynamic' : ''}`;
          case 'unknown':
            return `unknown ${o.reason}`;
          case 'addTable':
          case 'resetTable':
          case 'flushTable':
            return `${o.op} ${o.table.backend}:${o.table.family}/${o.table.name}`;
          default:
            return `${o.op} ${'name' in o ? o.name : ''}`.trim();
        }
      });

    it('registers base chains with the hooks and priorities iptables-nft uses', () => {
      const text = [
        '*raw', ':PREROUTING ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', 'COMMIT',
        '*mangle', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', 'COMMIT',
        '*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ':DOCKER - [0:0]', 'COMMIT',
        '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', 'COMMIT',
        '*security', ':INPUT ACCEPT [0:0]', 'COMMIT', '',
      ].join('\n');
      assert.deepEqual(brief(opsOf(text)), [
        'addTable nft:ip/raw', 'resetTable nft:ip/raw',
        'addChain ip/raw/PREROUTING filter prerouting -300 (raw) accept', 'addChain ip/raw/OUTPUT filter output -300 (raw) accept',
        'addTable nft:ip/mangle', 'resetTable nft:ip/mangle',
        'addChain ip/mangle/PREROUTING filter prerouting -150 (mangle) accept', 'addChain ip/mangle/INPUT filter input -150 (mangle) accept',
        'addChain ip/mangle/FORWARD filter forward -150 (mangle) accept', 'addChain ip/mangle/OUTPUT route output -150 (mangle) accept',
        'addChain ip/mangle/POSTROUTING filter postrouting -150 (mangle) accept',
        'addTable nft:ip/nat', 'resetTable nft:ip/nat',
        'addChain ip/nat/PREROUTING nat prerouting -100 (dstnat) accept', 'addChain ip/nat/INPUT nat input 100 (srcnat) accept',
        'addChain ip/nat/OUTPUT nat output -100 (dstnat) accept', 'addChain ip/nat/POSTROUTING nat postrouting 100 (srcnat) accept',
        'addChain ip/nat/DOCKER',
        'addTable nft:ip/filter', 'resetTable nft:ip/filter',
        'addChain ip/filter/INPUT filter input 0 (filter) drop', 'addChain ip/filter/FORWARD filter forward 0 (filter) drop',
        'addChain ip/filter/OUTPUT filter output 0 (filter) accept',
        'addTable nft:ip/security', 'resetTable nft:ip/security', 'addChain ip/security/INPUT filter input 50 (security) accept',
      ]);
    });

    it('lowers every command, --noflush, counters, -4/-6, and chains used without a declaration', () => {
      const text = [
        '# Generated by ip6tables-nft-save v1.8.9 (nf_tables) on Sun Nov 29 01:56:45 2026',
        '*filter', ':DOCKER-USER - [0:0]', '[5:100] -I DOCKER-USER 2 -i eth0 -j DROP', '-A FORWARD -j DOCKER-USER', '-D INPUT 3', '-D INPUT -p tcp -j ACCEPT',
        '-R INPUT 1 -j DROP', '-C INPUT -j DROP', '-N X', '-E X Y', '-F X', '-F', '-X X', '-X', '-Z', '-P OUTPUT DROP', '-4 -A INPUT -j ACCEPT',
        '-6 -A INPUT -m set --match-set bad src -j DROP', '-A OUTPUT -m set --match-set bad dst -j DROP', 'COMMIT', '',
      ].join('\n');
      assert.deepEqual(brief(opsOf(text, { noflush: true })), [
        'addTable nft:ip6/filter',
        'addChain ip6/filter/DOCKER-USER', 'flushChain DOCKER-USER',
        'addRule DOCKER-USER insert 2',
        'addChain ip6/filter/FORWARD filter forward 0 (filter) accept ifMissing', 'addRule FORWARD append',
        'addChain ip6/filter/INPUT filter input 0 (filter) accept ifMissing', 'deleteRule INPUT 3', 'deleteRule INPUT -D INPUT -p tcp -j ACCEPT',
        'replaceRule INPUT 1',
        'addChain ip6/filter/X', 'unknown renaming chain X (-E) is not modelled', 'flushChain X', 'flushTable nft:ip6/filter', 'deleteChain X',
        'unknown -X without a chain (delete every user chain) is not modelled',
        'addChain ip6/filter/OUTPUT filter output 0 (filter) drop',
        'addSet bad dynamic', 'addRule INPUT append', 'addRule OUTPUT append',
      ]);
    });

    it('lowers an iptables -S listing into the given table, honouring -t', () => {
      const ops = opsOf('-P PREROUTING ACCEPT\n-N DOCKER\n-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-t filter -A FORWARD -j ACCEPT', { table: 'nat', backend: 'legacy' });
      assert.deepEqual(brief(ops), [
        'addTable legacy:ip/nat', 'addChain ip/nat/PREROUTING nat prerouting -100 (dstnat) accept', 'addChain ip/nat/DOCKER', 'addRule PREROUTING append',
        'addTable legacy:ip/filter', 'addChain ip/filter/FORWARD filter forward 0 (filter) accept ifMissing', 'addRule FORWARD append',
      ]);
    });

    it('reports a missing COMMIT, an unknown table, a bad policy and syntax errors', () => {
      const r = lower('*filter\n:INPUT QUEUE [0:0]\n:FOO ACCEPT [0:0]\n-A INPUT -j\nCOMMIT\n*bogus\nCOMMIT\n*nat\n-A PREROUTING -j ACCEPT\n');
      assert.deepEqual(r.diagnostics.map((d) => `${d.span.range.start.line + 1} ${d.severity} ${d.message}`), [
        '2 error built-in chain INPUT needs the policy ACCEPT or DROP, not QUEUE',
        '3 error user chain FOO cannot have a policy (write -)',
        '6 error unknown table `bogus` (iptables has filter, nat, mangle, raw and security)',
        '8 error table nat has no COMMIT: iptables-restore applies nothing from it',
      ]);
      assert.deepEqual(brief(r.value.ops).filter((o) => o.startsWith('unknown')), ['unknown command with a syntax error', 'unknown table bogus is not an iptables table']);
    });

    it('detects the backend and family from the iptables-save header', () => {
      const head = (h: string) => (opsOf(`${h}\n*filter\nCOMMIT\n`)[0] as Extract<Op, { op: 'addTable' }>).table;
      assert.deepEqual(head('# Generated by iptables-save v1.8.9 (nf_tables) on x'), { family: 'ip', name: 'filter', backend: 'nft' });
      assert.deepEqual(head('# Generated by iptables-save v1.8.9 on x'), { family: 'ip', name: 'filter', backend: 'legacy' });
      assert.deepEqual(head('# Generated by ip6tables-save v1.4.21 on x'), { family: 'ip6', name: 'filter', backend: 'legacy' });
      assert.deepEqual(head(''), { family: 'ip', name: 'filter', backend: 'nft' });
      assert.deepEqual((opsOf('*filter\n-A INPUT -s fe80::/10 -j DROP\nCOMMIT\n')[0] as Extract<Op, { op: 'addTable' }>).table.family, 'ip6');
    });

    it('with --noflush on top of Docker, an undeclared built-in chain keeps its policy (addChain ifMissing)', () => {
      const docker = lower('*filter\n:FORWARD DROP [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -j RETURN\nCOMMIT\n').value;
      const admin = lower('*filter\n-I DOCKER-USER -i eth0 -j DROP\n-A FORWARD -j ACCEPT\nCOMMIT\n', { noflush: true }).value;
      const built = buildRuleset([docker, admin]);
      assert.deepEqual(built.diagnostics, []);
      const filter = built.value.tables.find((t) => t.ref.name === 'filter')!;
      assert.equal(filter.chains.get('FORWARD')?.base?.policy, 'drop');
      assert.deepEqual(filter.chains.get('FORWARD')?.rules.map((r) => r.text), ['-A FORWARD -j DOCKER-USER', '-A FORWARD -j ACCEPT']);
      assert.deepEqual(filter.chains.get('DOCKER-USER')?.rules.map((r) => r.text), ['-I DOCKER-USER -i eth0 -j DROP', '-A DOCKER-USER -j RETURN']);
      // without --noflush the admin's file resets the table: Docker's chains are gone
      const reset = buildRuleset([docker, lower('*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n').value]);
      const f2 = reset.value.tables.find((t) => t.ref.name === 'filter')!;
      assert.deepEqual([...f2.chains.keys()], ['FORWARD']);
      assert.equal(f2.chains.get('FORWARD')?.rules.length, 0);
    });

    it('never throws on broken input', () => {
      const samples = ['', '*', '*filter\n-A', '-A INPUT -j "unterminated', '*nat\n:X\n[1:', '*filter\n-I INPUT 0 -p -j\nCOMMIT', '*filter\n-A INPUT ! ! -s x\nCOMMIT\n'];
      for (const text of samples) assert.doesNotThrow(() => lower(text), text);
    });
  });

  describe('text entry', () => {
    it('derives --noflush and the family from ufw and rules.v6 file names', () => {
      assert.deepEqual(iptablesOptionsFor('/etc/ufw/before6.rules'), { noflush: true, family: 'ip6' });
      assert.deepEqual(iptablesOptionsFor('/etc/ufw/user.rules'), { noflush: true, family: 'ip' });
      assert.deepEqual(iptablesOptionsFor('/etc/iptables/rules.v6'), { family: 'ip6' });
      assert.deepEqual(iptablesOptionsFor('docker-iptabler-cleaned.ip6tables.rules'), { family: 'ip6' });
      assert.deepEqual(iptablesOptionsFor('firewall.rules'), {});
    });

    it('parses with the loaded languages, puts syntax diagnostics first and lowers the rest', async () => {
      const wasm = (f: string) => fs.readFileSync(path.join(repoRoot, f));
      const langs = await loadLanguages({
        runtime: fs.readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
        nftables: wasm('server/wasm/tree-sitter-nftables.wasm'),
        iptables: wasm('server/wasm/tree-sitter-iptables.wasm'),
      });
      const r = lowerIptablesText('/etc/ufw/before6.rules', '*filter\n:ufw6-before-input - [0:0]\n-A ufw6-before-input -j\n-A ufw6-before-input -s fe80::/10 -j ACCEPT\nCOMMIT\n', langs);
      assert.equal(r.diagnostics[0]?.code, 'syntax');
      assert.deepEqual(r.value.ops.map((o) => (o.op === 'unknown' ? `unknown ${o.reason}` : o.op)), ['addTable', 'addChain', 'flushChain', 'unknown command with a syntax error', 'addRule']);
      assert.equal((r.value.ops[0] as Extract<Op, { op: 'addTable' }>).table.family, 'ip6');
      assert.equal(lowerIptablesText('x.rules', '', undefined).diagnostics[0]?.message, 'the iptables grammar is not loaded');
    });
  });

  describe('through the simulator: the kernel oracle results documented in shared/oracle/README.md', () => {
    // the oracle's host: eth0 198.51.100.1/24 (+ 192.0.2.100/32), eth1 203.0.113.1/24, docker0 172.17.0.1/16
    const base = defaultHost();
    const host: Host = addBridge(
      {
        ...base,
        interfaces: [
          ...base.interfaces.map((i) => (i.name === 'eth0' ? { ...i, addresses: [...i.addresses, { addr: parseIp('192.0.2.100')!, prefixLen: 32 }] } : i)),
          { name: 'eth1', addresses: [{ addr: parseIp('203.0.113.1')!, prefixLen: 24 }], bridge: false },
        ],
      },
      'docker0',
      ['172.17.0.1/16'],
    );
    /** Docker 24's rules for `-p 80:8080` instead of `-p 8080:8080`: only the DNAT's host port differs. */
    const docker80 = (t: string) => t.replace('--dport 8080 -j DNAT', '--dport 80 -j DNAT');
    const verdict = (files: [string, boolean][], packet: string, edit: (t: string) => string = (t) => t): string => {
      const dir = path.join(shared, 'oracle/rules');
      const frags = files.map(([f, noflush]) => {
        const text = f === 'docker24.ipt' ? edit(fs.readFileSync(path.join(dir, f), 'utf8')) : fs.readFileSync(path.join(dir, f), 'utf8');
        return lower(text, { file: f, noflush }).value;
      });
      const built = buildRuleset(frags);
      assert.deepEqual(built.diagnostics, []);
      const p = parsePacket(packet);
      assert.ok(p.value, packet);
      const r = simulate(built.value, host, p.value);
      return r.verdict === 'accept' ? `accept ${r.delivery}` : r.verdict;
    };
    const cases: [string, [string, boolean][], string, string, ((t: string) => string)?][] = [
      ['published port bypasses INPUT drop (REACHED)', [['docker24.ipt', false], ['user-input.ipt', true]], 'iif=eth0 saddr=198.51.100.2 daddr=198.51.100.1 proto=tcp dport=8080', 'accept forward'],
      ['also from eth1 (REACHED)', [['docker24.ipt', false], ['user-input.ipt', true]], 'iif=eth1 saddr=203.0.113.2 daddr=203.0.113.1 proto=tcp dport=8080', 'accept forward'],
      ['an unpublished port hits INPUT policy drop (BLOCKED)', [['docker24.ipt', false], ['user-input.ipt', true]], 'iif=eth0 saddr=198.51.100.2 daddr=198.51.100.1 proto=tcp dport=9000', 'drop'],
      ['-I DOCKER-USER -i eth0 -j DROP blocks eth0', [['docker24.ipt', false], ['du-eth0.ipt', true]], 'iif=eth0 saddr=198.51.100.2 daddr=198.51.100.1 proto=tcp dport=8080', 'drop'],
      ['... but not eth1', [['docker24.ipt', false], ['du-eth0.ipt', true]], 'iif=eth1 saddr=203.0.113.2 daddr=203.0.113.1 proto=tcp dport=8080', 'accept forward'],
      ['-p 80:8080: DOCKER-USER --ctorigdstport 80 drop blocks eth0', [['docker24.ipt', false], ['du-ctorig.ipt', true]], 'iif=eth0 saddr=198.51.100.2 daddr=198.51.100.1 proto=tcp dport=80', 'drop', docker80],
      ['-p 80:8080: ... and leaves eth1 alone', [['docker24.ipt', false], ['du-ctorig.ipt', true]], 'iif=eth1 saddr=203.0.113.2 daddr=203.0.113.1 proto=tcp dport=80', 'accept forward', docker80],
    ];
    for (const [name, files, packet, want, edit] of cases) {
      it(name, function () {
        if (!fs.existsSync(path.join(shared, 'oracle/rules'))) this.skip();
        assert.equal(verdict(files, packet, edit), want);
      });
    }
  });
});
