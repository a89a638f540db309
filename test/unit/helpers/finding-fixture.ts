/**
 * Runs `check()` on a finding fixture folder (test/unit/fixtures/findings/<case>/): compose files,
 * rulesets (by name), optional daemon.json, host.json and case.json. A ufw configuration
 * (`etc/ufw/` + `etc/default/ufw`, `ufw/` + `default/ufw`, or ufw's rule files in the folder) is
 * read as one ufw host, as `dockwall check DIR` does, unless case.json lists the rulesets; so is a
 * firewalld configuration (`etc/firewalld/` or `firewalld/`, see `firewalldLayout`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { check, type CheckResult } from '../../../server/src/core/check';
import type { FileReader } from '../../../server/src/core/compose';
import { languages } from '../../../server/src/host/assets';
import { overlayReader } from '../../../server/src/host/files';
import { ufwLayout, ufwPaths } from '../../../server/src/core/ufw';
import { firewalldLayout } from '../../../server/src/core/firewalld';

export const RULESET_FILE = /\.(nft|rules|v4|v6|ipt)$|^nftables\.conf$|\.nft\.json$/;

export interface CaseJson {
  dockerVersion?: string;
  backend?: 'iptables' | 'nftables';
  rulesets?: string[];
  hostState?: { ipv4ForwardingWasEnabled?: boolean };
  /** Severity per code, as `dockwall.severity` (e.g. DW009 off for Ubuntu's before6.rules). */
  severity?: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>;
}

export async function runFixture(dir: string, reader: FileReader = overlayReader(new Map())): Promise<CheckResult> {
  const files = readdirSync(dir);
  const cfg: CaseJson = files.includes('case.json') ? JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) : {};
  const ufw = cfg.rulesets ? undefined : ufwLayout(dir, (p) => existsSync(p) && statSync(p).isFile());
  const own = new Set(ufw ? ufwPaths(ufw) : []);
  const firewalld = firewalldLayout(dir, (d) => (existsSync(d) && statSync(d).isDirectory() ? readdirSync(d) : undefined));
  const rulesets = (cfg.rulesets ?? files.filter((f) => RULESET_FILE.test(f)).sort()).map((f) => path.join(dir, f)).filter((f) => !own.has(f));
  return check({
    reader,
    cwd: dir,
    env: {},
    languages: await languages(),
    rulesetFiles: rulesets,
    ufw,
    firewalld,
    daemonFile: files.includes('daemon.json') ? path.join(dir, 'daemon.json') : undefined,
    hostFile: files.includes('host.json') ? path.join(dir, 'host.json') : undefined,
    dockerVersion: cfg.dockerVersion,
    backend: cfg.backend,
    hostState: cfg.hostState,
    severity: cfg.severity,
  });
}
