/**
 * Runs `check()` on a finding fixture folder (test/unit/fixtures/findings/<case>/): compose files,
 * rulesets (by name), optional daemon.json, host.json and case.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { check, type CheckResult } from '../../../server/src/core/check';
import type { FileReader } from '../../../server/src/core/compose';
import { languages } from '../../../server/src/host/assets';
import { overlayReader } from '../../../server/src/host/files';

export const RULESET_FILE = /\.(nft|rules|v4|v6|ipt)$|^nftables\.conf$|\.nft\.json$/;

export interface CaseJson {
  dockerVersion?: string;
  backend?: 'iptables' | 'nftables';
  rulesets?: string[];
  hostState?: { ipv4ForwardingWasEnabled?: boolean };
}

export async function runFixture(dir: string, reader: FileReader = overlayReader(new Map())): Promise<CheckResult> {
  const files = readdirSync(dir);
  const cfg: CaseJson = files.includes('case.json') ? JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) : {};
  const rulesets = (cfg.rulesets ?? files.filter((f) => RULESET_FILE.test(f)).sort()).map((f) => path.join(dir, f));
  return check({
    reader,
    cwd: dir,
    env: {},
    languages: await languages(),
    rulesetFiles: rulesets,
    daemonFile: files.includes('daemon.json') ? path.join(dir, 'daemon.json') : undefined,
    hostFile: files.includes('host.json') ? path.join(dir, 'host.json') : undefined,
    dockerVersion: cfg.dockerVersion,
    backend: cfg.backend,
    hostState: cfg.hostState,
  });
}
