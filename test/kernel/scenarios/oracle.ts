/**
 * The reference oracle's cases (shared/oracle/tests.sh) as data, with the documented results
 * (REACHED = arrived in the container). The admin files are read from shared/oracle/rules/ at test
 * time; Docker's part comes from this project's own template (docker24.ts).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { dockerIptables, dockerNft } from '../docker24';
import type { Expectation, Form, Probe, RulesetFile, Scenario } from '../scenario';
import { parseMappings, shared } from './shared';

type Backend = 'nft' | 'ipt' | 'legacy';

const REACHED: Expectation = { at: 'ctr' };
const BLOCKED: Expectation = { at: 'nowhere' };

function probe(spec: string): Probe {
  const [iface, daddr, port, proto] = spec.split(',');
  return { from: iface as 'ext0' | 'ext1', daddr, dport: Number(port), proto: proto === 'udp' ? 'udp' : 'tcp' };
}

const formOf = (b: Backend): Form => (b === 'nft' ? 'nft' : b === 'ipt' ? 'iptables-nft' : 'iptables-legacy');

function dockerFile(b: Backend, mapping: string): RulesetFile {
  const maps = parseMappings(mapping);
  return b === 'nft'
    ? { name: `docker24(${mapping}).nft`, form: 'nft', text: dockerNft(maps, 4) }
    : { name: `docker24(${mapping}).ipt`, form: formOf(b), text: dockerIptables(maps, 4) };
}

/** The oracle cases, or a reason why they cannot be built (shared folder absent). */
export function oracleScenarios(): { scenarios: Scenario[]; skipped?: string } {
  const dir = shared('oracle', 'rules');
  if (!dir) return { scenarios: [], skipped: 'shared/oracle/rules is absent; oracle cases skipped' };
  const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8');
  const out: Scenario[] = [];
  const t = (
    name: string,
    docker: Backend | undefined,
    admin: { file: string; form: Form } | undefined,
    mapping: string,
    cases: readonly [string, Expectation][],
  ): void => {
    const files: RulesetFile[] = [];
    if (docker) files.push(dockerFile(docker, mapping));
    if (admin) files.push({ name: admin.file, form: admin.form, text: read(admin.file), noflush: docker !== undefined && admin.form !== 'nft' });
    out.push({ name: `oracle ${name}`, source: 'oracle', files, probes: cases.map((c) => probe(c[0])), expect: cases.map((c) => c[1]) });
  };
  for (const b of ['nft', 'ipt', 'legacy'] as const) {
    const x = b === 'nft' ? 'nft' : 'ipt';
    const admin = (stem: string): { file: string; form: Form } => ({ file: `${stem}.${x}`, form: formOf(b) });
    t(`(1) bypass -d ${b}`, b, admin('user-input'), '8080:8080', [
      ['ext0,198.51.100.1,8080', REACHED],
      ['ext1,203.0.113.1,8080', REACHED],
      ['ext0,198.51.100.1,9000', BLOCKED],
    ]);
    t(`(2) DOCKER-USER eth0 drop -d ${b}`, b, admin('du-eth0'), '8080:8080', [
      ['ext0,198.51.100.1,8080', BLOCKED],
      ['ext1,198.51.100.1,8080', REACHED],
      ['ext1,203.0.113.1,8080', REACHED],
    ]);
    t(`(3) host-IP publish -d ${b}`, b, admin('user-input'), '192.0.2.100:8080:8080', [
      ['ext0,192.0.2.100,8080', REACHED],
      ['ext0,198.51.100.1,8080', BLOCKED],
      ['ext1,203.0.113.1,8080', BLOCKED],
    ]);
    t(`(4) udp publish -d ${b}`, b, admin('user-input'), '5353:53/udp', [
      ['ext0,198.51.100.1,5353,udp', { at: 'ctr', dport: 53 }],
      ['ext1,203.0.113.1,5353,udp', { at: 'ctr', dport: 53 }],
      ['ext0,198.51.100.1,5353,tcp', BLOCKED],
    ]);
    if (b === 'nft') {
      t('(5) ct original proto-dst -d nft', b, { file: 'du-ctdport.nft', form: 'nft' }, '80:8080', [
        ['ext0,198.51.100.1,80', BLOCKED],
        ['ext1,203.0.113.1,80', { at: 'ctr', dport: 8080 }],
      ]);
      t('(5) post-DNAT dport mistake -d nft', b, { file: 'du-dport80.nft', form: 'nft' }, '80:8080', [
        ['ext0,198.51.100.1,80', { at: 'ctr', dport: 8080 }],
        ['ext1,203.0.113.1,80', { at: 'ctr', dport: 8080 }],
      ]);
      // Not in tests.sh: the two remaining rule files (documented pitfalls in the README).
      t('(extra) add rule after return is dead -d nft', b, { file: 'du-add.nft', form: 'nft' }, '8080:8080', [
        ['ext0,198.51.100.1,8080', REACHED],
        ['ext1,203.0.113.1,8080', REACHED],
      ]);
    } else {
      t(`(5) --ctorigdstport -d ${b}`, b, admin('du-ctorig'), '80:8080', [
        ['ext0,198.51.100.1,80', BLOCKED],
        ['ext1,203.0.113.1,80', { at: 'ctr', dport: 8080 }],
      ]);
      t(`(extra) noflush :DOCKER-USER declaration flushes it -d ${b}`, b, admin('du-declare'), '8080:8080', [
        ['ext0,198.51.100.1,8080', BLOCKED],
        ['ext1,203.0.113.1,8080', REACHED],
      ]);
    }
  }
  t('(6) full docker24.nft', undefined, { file: 'docker24.nft', form: 'nft' }, '8080:8080', [
    ['ext0,198.51.100.1,8080', REACHED],
    ['ext1,203.0.113.1,8080', REACHED],
    ['ext0,198.51.100.1,9000', BLOCKED],
  ]);
  for (const form of ['iptables-nft', 'iptables-legacy'] as const) {
    t(`(6) full docker24.ipt as ${form}`, undefined, { file: 'docker24.ipt', form }, '8080:8080', [
      ['ext0,198.51.100.1,8080', REACHED],
      ['ext1,203.0.113.1,8080', REACHED],
      ['ext0,198.51.100.1,9000', BLOCKED],
    ]);
  }
  t('(6) mixed: docker iptables-nft, admin nft', 'ipt', { file: 'du-eth0.nft', form: 'nft' }, '8080:8080', [
    ['ext0,198.51.100.1,8080', BLOCKED],
    ['ext1,203.0.113.1,8080', REACHED],
  ]);
  t('(6) inet forward policy drop wins', 'nft', { file: 'inet-fwd-drop.nft', form: 'nft' }, '8080:8080', [['ext0,198.51.100.1,8080', BLOCKED]]);
  t('(6) DOCKER-USER oifname eth0 drop lets the SYN in', 'nft', { file: 'du-oif-eth0.nft', form: 'nft' }, '8080:8080', [
    ['ext0,198.51.100.1,8080', REACHED],
    ['ext1,198.51.100.1,8080', REACHED],
  ]);
  return { scenarios: out };
}
