/**
 * firewalld as a front end: the XML reader, the lowering's citations, the folder layout, and DW001
 * on a firewalld host (examples/firewalld). The lowering itself is compared rule by rule with the
 * real firewalld by test/firewalld-diff (`npm run test:firewalld`).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { check } from '../../server/src/core/check';
import { firewalldLayout, loadFirewalld, FIREWALLD_FILE } from '../../server/src/core/firewalld';
import { parseXml } from '../../server/src/core/firewalld/xml';
import { DIRECT_FILES } from '../../server/src/core/firewalld/direct';
import { applyEdits } from '../../server/src/core/findings';
import { buildRuleset } from '../../server/src/core/netfilter/build';
import { languages } from '../../server/src/host/assets';
import { overlayReader } from '../../server/src/host/files';
import { discoverHost } from '../../server/src/cli/commands/check';
import { isFirewalldFile, pairProjects } from '../../server/src/core/workspace';

const EXAMPLE = path.join(__dirname, '../../examples/firewalld');

const ZONE = `<?xml version="1.0" encoding="utf-8"?>
<zone>
  <interface name="eth0"/>
  <service name="ssh"/>
  <port port="8080" protocol="tcp"/>
  <rule family="ipv4"><source address="198.51.100.0/24"/><port port="5432" protocol="tcp"/><accept/></rule>
</zone>
`;

describe('firewalld', () => {
  it('reads XML without throwing on any prefix or damage, with diagnostics at their place', () => {
    for (let i = 0; i <= ZONE.length; i++) {
      const doc = parseXml('z.xml', ZONE.slice(0, i));
      for (const d of doc.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= i, `${i}: ${d.message}`);
    }
    for (const bad of ['<zone><port port="1"', '<zone a="1" a="2"/>', '</zone>', '<zone><x></zone>', 'text', '<<<>>>', '<zone target=ACCEPT/>']) {
      const doc = parseXml('z.xml', bad);
      assert.ok(doc.diagnostics.length > 0, bad);
    }
    const doc = parseXml('z.xml', ZONE);
    assert.deepEqual(doc.diagnostics, []);
    const port = doc.root!.children[2];
    assert.equal(ZONE.slice(port.start, port.end), '<port port="8080" protocol="tcp"/>');
    assert.equal(ZONE.slice(port.attrs[0].start, port.attrs[0].end), '8080');
  });

  it('cites each rule at the XML element it comes from, and the skeleton in <firewalld>', async () => {
    const L = await languages();
    const r = loadFirewalld({ zones: [{ file: 'zones/public.xml', text: ZONE }] }, L);
    assert.deepEqual(r.value.fragment.diagnostics, []);
    assert.ok(r.diagnostics.some((d) => d.severity === 'information' && /no firewalld.conf/.test(d.message)), 'the defaults are announced');
    const table = buildRuleset([r.value.fragment.value]).value.tables.find((t) => t.ref.name === 'firewalld')!;
    const allow = table.chains.get('filter_IN_public_allow')!.rules;
    assert.deepEqual(
      allow.map((x) => [x.text, ZONE.slice(x.span.start, x.span.end).split('>')[0] + '>']),
      [
        ['tcp dport 22 accept', '<service name="ssh"/>'],
        ['tcp dport 8080 accept', '<port port="8080" protocol="tcp"/>'],
        ['ip saddr 198.51.100.0/24 tcp dport 5432 accept', '<rule family="ipv4">'],
      ],
    );
    const input = table.chains.get('filter_INPUT')!.rules;
    assert.equal(input[1].text, 'ct status dnat accept');
    assert.equal(input[1].span.file, FIREWALLD_FILE);
    assert.equal(table.chains.get('filter_INPUT_ZONES')!.rules.map((x) => x.text).join('; '), 'iifname "eth0" goto filter_IN_public; goto filter_IN_public');
  });

  it('finds a firewalld host in etc/firewalld or firewalld/, or the folder named as one', () => {
    const tree = new Map<string, string[]>([
      ['/h/etc/firewalld', ['firewalld.conf', 'zones']],
      ['/h/etc/firewalld/zones', ['public.xml', 'docker.xml', 'notes.txt']],
    ]);
    const list = (d: string) => tree.get(d);
    const f = firewalldLayout('/h', list)!;
    assert.equal(f.conf, '/h/etc/firewalld/firewalld.conf');
    assert.deepEqual(f.zones, ['/h/etc/firewalld/zones/docker.xml', '/h/etc/firewalld/zones/public.xml']);
    assert.equal(f.systemZones, undefined);
    assert.deepEqual(firewalldLayout('/h/etc/firewalld', list, true)?.zones, f.zones);
    assert.equal(firewalldLayout('/elsewhere', list), undefined);
  });

  it('the language server pairs a compose project with the firewalld folder beside it or above it', () => {
    const files = ['/w/etc/firewalld/firewalld.conf', '/w/etc/firewalld/zones/public.xml', '/w/etc/firewalld/zones/docker.xml', '/w/etc/firewalld/notes.txt'];
    assert.deepEqual(files.map(isFirewalldFile), [true, true, true, false]);
    const firewalldFiles = files.filter(isFirewalldFile);
    const [p, q] = pairProjects({ composeFiles: ['/w/app/compose.yaml', '/w/compose.yaml'], workspaceRulesets: [], roots: ['/w'], firewalldFiles });
    const [other] = pairProjects({ composeFiles: ['/v/compose.yaml'], workspaceRulesets: [], roots: ['/v'], firewalldFiles });
    for (const x of [p, q]) {
      assert.equal(x.firewalld?.conf, '/w/etc/firewalld/firewalld.conf', x.directory);
      assert.deepEqual(x.firewalld?.zones, ['/w/etc/firewalld/zones/docker.xml', '/w/etc/firewalld/zones/public.xml']);
    }
    assert.equal(other.firewalld, undefined, 'another workspace folder has no firewalld host');
  });

  it('DW001 on the 5432:5432 item of a firewalld host, citing the public zone', async () => {
    const host = discoverHost(EXAMPLE);
    assert.ok(host.firewalld);
    const inExample = (f: string) => path.join(EXAMPLE, f);
    const result = check({ reader: overlayReader(new Map()), cwd: EXAMPLE, env: {}, languages: await languages(), composeFiles: [inExample('compose.yaml')], projectDirectory: EXAMPLE, ...host, hostFile: inExample('host.json'), dockerVersion: '20.10' });
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    const dw001 = result.findings.filter((f) => f.code === 'DW001');
    assert.equal(dw001.length, 1);
    const f = dw001[0];
    const compose = result.texts.get(path.join(EXAMPLE, 'compose.yaml'))!;
    assert.equal(compose.slice(f.span.start, f.span.end), '"5432:5432"');
    const cited = (f.related ?? []).map((r) => r.span.file);
    assert.ok(cited.some((file) => file.endsWith('etc/firewalld/zones/public.xml')), JSON.stringify(cited));
    // DW011 on the public zone itself, with DW001's fixes (the compose edit, the direct rule)
    const zone = path.join(EXAMPLE, 'etc/firewalld/zones/public.xml');
    const dw011 = result.findings.filter((x) => x.code === 'DW011');
    assert.deepEqual(dw011.map((x) => [x.span.file, result.texts.get(zone)!.slice(x.span.start, x.span.end), x.span.range.start.line]), [[zone, 'zone', 1]]);
    assert.match(dw011[0].message, /^zone public does not allow tcp\/5432 .*filter_FORWARD accepts it \(`ct status dnat accept`/);
    assert.deepEqual(dw011[0].fixes, f.fixes);
    assert.deepEqual(dw011[0].related?.map((r) => compose.slice(r.span.start, r.span.end)), ['"5432:5432"']);
  });

  it('warns of the firewalld reload CVEs for the Docker release named', async () => {
    const host = discoverHost(EXAMPLE);
    const compose = path.join(EXAMPLE, 'compose.yaml');
    const text = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n      - "127.0.0.1:6379:6379"\n';
    const L = await languages();
    const cves = (dockerVersion: string) =>
      check({ reader: overlayReader(new Map([[compose, text]])), cwd: EXAMPLE, env: {}, languages: L, composeFiles: [compose], projectDirectory: EXAMPLE, ...host, dockerVersion })
        .diagnostics.filter((d) => d.code?.startsWith('CVE-'))
        .map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
    assert.deepEqual(cves('20.10'), ['CVE-2025-54410 "5432:5432"']);
    assert.deepEqual(cves('28.2'), ['CVE-2025-54388 "127.0.0.1:6379:6379"']);
    assert.deepEqual(cves('28.3.2'), ['CVE-2025-54388 "127.0.0.1:6379:6379"']);
    assert.deepEqual(cves('28.3.3'), []);
    assert.deepEqual(cves('29'), []);
  });

  const DIRECT = `<?xml version="1.0" encoding="utf-8"?>
<direct>
  <chain ipv="ipv4" table="filter" chain="DOCKER-USER"/>
  <rule ipv="ipv4" table="filter" chain="DOCKER-USER" priority="5">-s 198.51.100.7 -j RETURN</rule>
  <rule ipv="ipv4" table="filter" chain="DOCKER-USER" priority="0">-p tcp -m conntrack --ctorigdstport 5432 --ctdir ORIGINAL -j DROP</rule>
  <rule ipv="ipv4" table="filter" chain="FORWARD" priority="0">-p tcp --dport 9999 -j DROP</rule>
  <passthrough ipv="ipv4">-t raw -A PREROUTING -p udp --dport 1 -j DROP</passthrough>
  <rule ipv="eb" table="filter" chain="FORWARD" priority="0">-j DROP</rule>
  <rule ipv="ipv4" table="filter" chain="FORWARD" priority="x">-j DROP</rule>
</direct>
`;

  it('lowers direct.xml where firewalld puts it: iptables-nft chains, rules by priority, passthroughs, cited at their elements', async () => {
    const r = loadFirewalld({ zones: [{ file: 'zones/public.xml', text: ZONE }], direct: { file: 'direct.xml', text: DIRECT } }, await languages());
    const notes = r.diagnostics.filter((d) => d.span.file === 'direct.xml').map((d) => `${d.severity} ${DIRECT.slice(d.span.start, d.span.end).split('>')[0]}>`);
    assert.deepEqual(notes, ['warning <rule ipv="eb" table="filter" chain="FORWARD" priority="0">', 'error <rule ipv="ipv4" table="filter" chain="FORWARD" priority="x">']);
    assert.deepEqual(r.value.direct.map((d) => d.file), [DIRECT_FILES.ip]);
    const [d] = r.value.direct;
    assert.deepEqual(d.fragment.diagnostics, []);
    const tables = buildRuleset([r.value.fragment.value, d.fragment.value]).value.tables;
    const rulesOf = (table: string, chain: string) =>
      tables.find((t) => t.ref.family === 'ip' && t.ref.name === table)!.chains.get(chain)!.rules.map((x) => [x.text, DIRECT.slice(x.span.start, x.span.end).split('>')[1].split('<')[0]]);
    // priority 0 before priority 5, whatever the file order
    assert.deepEqual(rulesOf('filter', 'DOCKER-USER'), [
      ['-A DOCKER-USER -p tcp -m conntrack --ctorigdstport 5432 --ctdir ORIGINAL -j DROP', '-p tcp -m conntrack --ctorigdstport 5432 --ctdir ORIGINAL -j DROP'],
      ['-A DOCKER-USER -s 198.51.100.7 -j RETURN', '-s 198.51.100.7 -j RETURN'],
    ]);
    assert.deepEqual(rulesOf('filter', 'FORWARD'), [['-A FORWARD -p tcp --dport 9999 -j DROP', '-p tcp --dport 9999 -j DROP']]);
    assert.deepEqual(rulesOf('raw', 'PREROUTING'), [['-A PREROUTING -p udp --dport 1 -j DROP', '-t raw -A PREROUTING -p udp --dport 1 -j DROP']]);
    const noDirect = loadFirewalld({ zones: [{ file: 'zones/public.xml', text: ZONE }], direct: { file: 'direct.xml', text: '<direct/>' } }, await languages());
    assert.deepEqual([noDirect.value.direct.length, noDirect.diagnostics.filter((x) => x.span.file === 'direct.xml').length], [0, 0]);
  });

  it('binds the interfaces dockerd adds at runtime to zone docker: the zone becomes active, its dispatch rules cited at <zone>; an interface of another zone stays there', async () => {
    const docker = '<?xml version="1.0" encoding="utf-8"?>\n<zone version="1.0" target="ACCEPT">\n  <short>docker</short>\n  <forward/>\n</zone>\n';
    const zones = [{ file: 'zones/public.xml', text: ZONE }, { file: 'zones/docker.xml', text: docker }];
    const L = await languages();
    const plain = loadFirewalld({ zones }, L);
    assert.ok(!plain.value.activeZones.includes('docker'));
    const runtime = ['docker0', 'br-0123456789ab', 'eth0'].map((i) => ({ zone: 'docker', interface: i, by: 'dockerd' }));
    const r = loadFirewalld({ zones }, L, { runtime: { interfaces: runtime } });
    assert.ok(r.value.activeZones.includes('docker'));
    const chain = r.value.fragment.value.ops.flatMap((o) => (o.op === 'addRule' && o.chain === 'filter_INPUT_ZONES' ? [o.rule] : []));
    const bound = chain.filter((x) => /goto filter_IN_docker$/.test(x.text));
    assert.deepEqual(bound.map((x) => x.text).sort(), ['iifname "br-0123456789ab" goto filter_IN_docker', 'iifname "docker0" goto filter_IN_docker']);
    assert.ok(bound.every((x) => x.span.file === 'zones/docker.xml' && docker.slice(x.span.start, x.span.end) === 'zone'));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'information' || /ZONE_CONFLICT/.test(d.message)).map((d) => d.message), ['dockerd binds eth0 to zone docker at runtime, but it is in zone public here; firewalld refuses the change (ZONE_CONFLICT) and eth0 stays in public']);
    // no zone docker in the configuration: nothing is bound
    const none = loadFirewalld({ zones: [zones[0]] }, L, { runtime: { interfaces: runtime } });
    assert.equal(none.value.text, loadFirewalld({ zones: [zones[0]] }, L).value.text);
  });

  const withDirect = async (direct: string | undefined) => {
    const host = discoverHost(EXAMPLE);
    const file = path.join(EXAMPLE, 'etc/firewalld/direct.xml');
    const overlay = new Map<string, string>(direct === undefined ? [] : [[file, direct]]);
    const firewalld = { ...host.firewalld!, direct: direct === undefined ? undefined : file };
    const inExample = (f: string) => path.join(EXAMPLE, f);
    return { file, result: check({ reader: overlayReader(overlay), cwd: EXAMPLE, env: {}, languages: await languages(), composeFiles: [inExample('compose.yaml')], projectDirectory: EXAMPLE, ...host, firewalld, hostFile: inExample('host.json'), dockerVersion: '20.10' }) };
  };

  it('DW001 and DW011 go away with a direct DOCKER-USER drop of the published port, and stays with the same rule in FORWARD (after Docker\'s accepts)', async () => {
    const rule = '-p tcp -m conntrack --ctorigdstport 5432 --ctdir ORIGINAL -j DROP';
    const dockerUser = `<direct>\n  <chain ipv="ipv4" table="filter" chain="DOCKER-USER"/>\n  <rule ipv="ipv4" table="filter" chain="DOCKER-USER" priority="0">${rule}</rule>\n</direct>\n`;
    const forward = `<direct>\n  <rule ipv="ipv4" table="filter" chain="FORWARD" priority="0">${rule}</rule>\n</direct>\n`;
    const codes = async (d: string | undefined) => (await withDirect(d)).result.findings.map((f) => f.code).filter((c) => c === 'DW001' || c === 'DW011');
    assert.deepEqual(await codes(undefined), ['DW001', 'DW011']);
    assert.deepEqual(await codes(dockerUser), []);
    assert.deepEqual(await codes(forward), ['DW001', 'DW011']);
    const { result } = await withDirect(dockerUser);
    const classes = result.analysis.ports.filter((p) => p.binding.hostPort === 5432).flatMap((p) => p.probes.flatMap((x) => x.classes));
    const decided = classes.map((c) => (c.decidedBy?.kind === 'rule' ? c.decidedBy.rule.span.file : c.decidedBy?.kind));
    assert.ok(decided.length > 0 && decided.every((f) => f?.endsWith('etc/firewalld/direct.xml')), JSON.stringify(decided));
  });

  it('DW001\'s firewalld fix creates direct.xml (or adds to it); applied, DW001 is gone', async () => {
    const fixOf = (r: Awaited<ReturnType<typeof withDirect>>) => r.result.findings.find((f) => f.code === 'DW001')!.fixes!.find((x) => /direct\.xml/.test(x.title))!;
    const created = await withDirect(undefined);
    const fix = fixOf(created);
    assert.match(fix.title, /^Create direct\.xml: drop tcp\/5432 in DOCKER-USER .*firewall-cmd --reload/);
    assert.deepEqual(fix.edits.map((e) => e.file), [created.file]);
    const text = applyEdits('', fix.edits);
    assert.equal((await withDirect(text)).result.findings.filter((f) => f.code === 'DW001').length, 0);
    // an existing direct.xml with other rules: the chain and rule go in before </direct>
    const other = `<?xml version="1.0" encoding="utf-8"?>\n<direct>\n  <passthrough ipv="ipv4">-t raw -A PREROUTING -p udp --dport 1 -j DROP</passthrough>\n</direct>\n`;
    const edited = await withDirect(other);
    const fix2 = fixOf(edited);
    assert.match(fix2.title, /^Edit direct\.xml/);
    const after = applyEdits(other, fix2.edits);
    assert.equal(after.split('\n').filter((l) => /<chain|<rule|<passthrough/.test(l)).length, 3);
    assert.ok(after.indexOf('</passthrough>') < after.indexOf('<chain') && after.trimEnd().endsWith('</direct>'), after);
    assert.equal((await withDirect(after)).result.findings.filter((f) => f.code === 'DW001').length, 0);
    // the chain already declared: only the rule is added
    const declared = `<direct>\n  <chain ipv="ipv4" table="filter" chain="DOCKER-USER"/>\n</direct>`;
    const after3 = applyEdits(declared, fixOf(await withDirect(declared)).edits);
    assert.equal(after3.match(/<chain/g)?.length, 1);
    assert.equal((await withDirect(after3)).result.findings.filter((f) => f.code === 'DW001').length, 0);
  });

  const podmanCheck = async (direct: string | undefined) => {
    const host = discoverHost(EXAMPLE);
    const file = path.join(EXAMPLE, 'etc/firewalld/direct.xml');
    const overlay = new Map<string, string>(direct === undefined ? [] : [[file, direct]]);
    const inExample = (f: string) => path.join(EXAMPLE, f);
    return { file, result: check({ reader: overlayReader(overlay), cwd: EXAMPLE, env: {}, languages: await languages(), composeFiles: [inExample('compose.yaml')], projectDirectory: EXAMPLE, ...host, firewalld: { ...host.firewalld!, direct: direct === undefined ? undefined : file }, hostFile: inExample('host.json'), containerEngine: 'podman' }) };
  };

  it('rootful Podman: netavark binds the project subnet to zone trusted (cited at the port item), as the real host shows', async () => {
    const { result } = await podmanCheck(undefined);
    const fw = (r: typeof result) => r.analysis.ruleset.tables.find((t) => t.ref.family === 'inet' && t.ref.name === 'firewalld')!;
    const table = fw(result);
    const compose = result.texts.get(path.join(EXAMPLE, 'compose.yaml'))!;
    for (const chain of ['filter_INPUT_ZONES', 'filter_FORWARD_ZONES', 'nat_PREROUTING_ZONES', 'mangle_PREROUTING_ZONES', 'nat_POSTROUTING_ZONES']) {
      const first = table.chains.get(chain)!.rules[0];
      assert.match(first.text, /^ip [sd]addr 10\.89\.0\.0\/24 goto \w+_trusted$/, chain);
      assert.equal(compose.slice(first.span.start, first.span.end), '"5432:5432"');
      assert.match(result.analysis.provenance.get(first)?.text ?? '', /^added by Podman \(netavark 1\.4\) for network .*subnet bound to firewalld zone trusted/);
    }
    assert.ok(table.chains.has('filter_IN_trusted') && table.chains.has('filter_FWD_trusted'));
    // the host's firewalld state while Podman runs: the baseline holds the binding too; Docker's analysis of the same folder has none
    assert.ok(result.analysis.adminRuleset.tables.find((t) => t.ref.name === 'firewalld')!.chains.has('filter_IN_trusted'));
    const docker = check({ reader: overlayReader(new Map()), cwd: EXAMPLE, env: {}, languages: await languages(), composeFiles: [path.join(EXAMPLE, 'compose.yaml')], projectDirectory: EXAMPLE, ...discoverHost(EXAMPLE), hostFile: path.join(EXAMPLE, 'host.json') });
    assert.ok(!fw(docker).chains.has('filter_IN_trusted'));
  });

  it('rootful Podman: DW001 on 5432:5432 citing the public zone; its firewalld fix is a FORWARD rule for DNATed connections, and applied, DW001 is gone', async () => {
    const { file, result } = await podmanCheck(undefined);
    const dw001 = result.findings.filter((f) => f.code === 'DW001');
    assert.equal(dw001.length, 1);
    assert.ok((dw001[0].related ?? []).some((r) => r.span.file.endsWith('etc/firewalld/zones/public.xml')));
    assert.equal(dw001[0].fixes!.find((f) => f.preferred)!.title, 'Bind to 127.0.0.1 (only this host can connect)');
    const fix = dw001[0].fixes!.find((x) => /direct\.xml/.test(x.title))!;
    assert.match(fix.title, /^Create direct\.xml: drop tcp\/5432 forwarded to Podman's containers in FORWARD .*firewall-cmd --reload.*podman network reload/);
    const text = applyEdits('', fix.edits.filter((e) => e.file === file));
    assert.ok(!/<chain/.test(text) && /<rule ipv="ipv4" table="filter" chain="FORWARD" priority="0">-p tcp -m conntrack --ctstate DNAT --ctorigdstport 5432 --ctdir ORIGINAL -j DROP<\/rule>/.test(text), text);
    const fixed = (await podmanCheck(text)).result;
    assert.equal(fixed.findings.filter((f) => f.code === 'DW001').length, 0);
    // Docker's DOCKER-USER form closes nothing under Podman (no jump to DOCKER-USER)
    const dockerForm = `<direct>\n  <chain ipv="ipv4" table="filter" chain="DOCKER-USER"/>\n  <rule ipv="ipv4" table="filter" chain="DOCKER-USER" priority="0">-p tcp -m conntrack --ctorigdstport 5432 --ctdir ORIGINAL -j DROP</rule>\n</direct>\n`;
    assert.equal((await podmanCheck(dockerForm)).result.findings.filter((f) => f.code === 'DW001').length, 1);
  });

  it('rootful Podman with netavark\'s firewalld driver: its zone, policies and forward-ports in the firewalld table (the engine\'s, not the baseline\'s), DW001 citing the zone, a 127.0.0.1 port forwarded to 127.0.0.1 itself', async () => {
    const inExample = (f: string) => path.join(EXAMPLE, f);
    const compose = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n      - "127.0.0.1:6379:6379"\n';
    const overlay = new Map([[inExample('compose.yaml'), compose], [inExample('containers.conf'), '[network]\nfirewall_driver = "firewalld"\n']]);
    const run = async (firewalld: boolean) =>
      check({ reader: overlayReader(overlay), cwd: EXAMPLE, env: {}, languages: await languages(), composeFiles: [inExample('compose.yaml')], projectDirectory: EXAMPLE, ...(firewalld ? discoverHost(EXAMPLE) : { rulesetFiles: [] }), hostFile: inExample('host.json'), containerEngine: 'podman', containersConf: inExample('containers.conf') });
    const result = await run(true);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(result.analysis.docker.iptables.ipv4, []);
    const table = result.analysis.ruleset.tables.find((t) => t.ref.name === 'firewalld')!;
    const dnat = table.chains.get('nat_PRE_policy_netavark_portfwd_allow')!.rules;
    assert.deepEqual(dnat.map((r) => r.text), ['meta nfproto ipv4 tcp dport 5432 dnat ip to 10.89.0.2:5432', 'meta nfproto ipv4 tcp dport 6379 dnat ip to 127.0.0.1:6379']);
    assert.deepEqual(dnat.map((r) => compose.slice(r.span.start, r.span.end)), ['"5432:5432"', '"127.0.0.1:6379:6379"']);
    assert.match(result.analysis.provenance.get(dnat[0])!.text, /^added by Podman \(netavark 1\.4 firewalld\) for .*`5432:5432` \(firewalld forward-port to the container\)$/);
    assert.equal(table.chains.get('filter_INPUT_ZONES')!.rules[0].text, 'ip saddr 10.89.0.0/24 goto filter_IN_netavark_zone');
    assert.ok(table.chains.get('nat_POST_policy_netavark_policy_allow')!.rules.some((r) => /masquerade/.test(r.text)));
    // netavark_policy's dispatch is added when its zone gets a source, after netavark_portfwd's (same priority), as on the real host
    assert.deepEqual(table.chains.get('nat_PREROUTING_POLICIES_pre')!.rules.map((r) => r.text).filter((t) => t.includes('netavark')), ['jump nat_PRE_policy_netavark_portfwd', 'ip saddr 10.89.0.0/24 jump nat_PRE_policy_netavark_policy']);
    // the admin's table alone has none of it
    assert.ok(![...result.analysis.adminRuleset.tables.find((t) => t.ref.name === 'firewalld')!.chains.keys()].some((c) => c.includes('netavark')));
    const dw001 = result.findings.filter((f) => f.code === 'DW001');
    assert.equal(dw001.length, 1);
    assert.equal(compose.slice(dw001[0].span.start, dw001[0].span.end), '"5432:5432"');
    assert.ok((dw001[0].related ?? []).some((r) => r.span.file.endsWith('etc/firewalld/zones/public.xml')));
    assert.match(dw001[0].fixes!.find((f) => f.preferred)!.title, /^Bind to 127\.0\.0\.1 \(nothing can connect: netavark's firewalld driver forwards it to 127\.0\.0\.1 itself/);
    const loop = result.analysis.docker.bindings.find((b) => b.hostPort === 6379)!;
    assert.equal(loop.path, 'proxy-only');
    assert.match(loop.unservedWhy ?? '', /forwards it to 127\.0\.0\.1 itself/);
    // without the host's firewalld nothing forwards the ports, and that is said
    const bare = await run(false);
    assert.ok(bare.diagnostics.some((d) => d.code === 'firewalld' && d.severity === 'warning' && /no firewalld host is given/.test(d.message)));
  });

  it('examples/podman-firewalld: DW001 on 5432:5432 citing the public zone with the FORWARD direct fix, DW011 on that zone, DW008 on the 127.0.0.1 item with no edit of a rendered text', async () => {
    const dir = path.join(__dirname, '../../examples/podman-firewalld');
    const inDir = (f: string) => path.join(dir, f);
    const r = check({ reader: overlayReader(new Map()), cwd: dir, env: {}, languages: await languages(), composeFiles: [inDir('compose.yaml')], projectDirectory: dir, ...discoverHost(dir), hostFile: inDir('host.json'), containersConf: inDir('containers.conf') });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    const at = (f: { span: { file: string; start: number; end: number } }) => `${path.relative(dir, f.span.file)}:${r.texts.get(f.span.file)!.slice(f.span.start, f.span.end)}`;
    assert.deepEqual(r.findings.filter((f) => f.severity !== 'information').map((f) => `${f.code} ${at(f)}`), ['DW001 compose.yaml:"5432:5432"', 'DW008 compose.yaml:127.0.0.1', 'DW011 etc/firewalld/zones/public.xml:zone']);
    const dw001 = r.findings.find((f) => f.code === 'DW001')!;
    assert.ok((dw001.related ?? []).some((x) => x.span.file === inDir('etc/firewalld/zones/public.xml')));
    assert.ok(dw001.fixes!.some((f) => /in FORWARD/.test(f.title) && f.edits.every((e) => e.file === inDir('etc/firewalld/direct.xml'))));
    const dw008 = r.findings.find((f) => f.code === 'DW008')!;
    assert.deepEqual((dw008.fixes ?? []).flatMap((f) => f.edits.map((e) => e.file)).filter((file) => file.startsWith('<')), []);
  });

  it('rootful Podman on a firewalld host: an analysis after a port edit, given the previous one, equals a fresh one (both drivers)', async () => {
    const dir = path.join(__dirname, '../../examples/podman-firewalld');
    const inDir = (f: string) => path.join(dir, f);
    const L = await languages();
    for (const conf of ['[network]\n', '[network]\nfirewall_driver = "firewalld"\n']) {
      const req = (compose?: string) => ({ reader: overlayReader(new Map([[inDir('containers.conf'), conf], ...(compose ? [[inDir('compose.yaml'), compose] as [string, string]] : [])])), cwd: dir, env: {}, languages: L, composeFiles: [inDir('compose.yaml')], projectDirectory: dir, ...discoverHost(dir), hostFile: inDir('host.json'), containersConf: inDir('containers.conf') });
      const first = check(req());
      const edited = first.texts.get(inDir('compose.yaml'))!.replace('"5432:5432"', '"5433:5432"');
      const summary = (r: typeof first) => JSON.stringify([r.findings.map((f) => f.code), r.analysis.ports.map((p) => [p.binding.hostPort, p.probes.map((x) => x.classes.map((c) => [c.iif, c.verdict, c.sources]))])], (_, v) => (typeof v === 'bigint' ? String(v) : v));
      assert.equal(summary(check({ ...req(edited), previous: first.analysis })), summary(check(req(edited))), conf);
    }
  });
});
