/**
 * The ufw host of a scenario, built by Debian's real ufw: the package's rule files, the scenario's
 * /etc/default/ufw (the machine's package file with IPV6= set; no sysctl or module loading), its
 * commands and after.rules addition, then `ufw --force enable`, all in a scratch network namespace
 * and a private mount namespace (test/ufw-diff/harness.sh: copies of /etc/ufw, /etc/default/ufw
 * and /lib/ufw bind-mounted there; the machine's own /etc and namespace are never touched).
 *
 * Two things come out of it:
 * - ufw's FILES in the project folder (`etc/ufw/*.rules`, `etc/ufw/ufw.conf`, `etc/default/ufw`),
 *   as the host has them after `ufw enable` (ENABLED=yes): what Dockwall reads (`check DIR`);
 * - what `ufw enable` loaded (`iptables-save` / `ip6tables-save` of the scratch namespace), which
 *   the harness restores on the Docker host before dockerd starts, as ufw does at boot.
 * So the probes judge Dockwall's ufw model, not a dump of it.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './harness';
import type { Scenario } from './scenario';

const UFW_HARNESS = path.resolve(__dirname, '..', 'ufw-diff', 'harness.sh');
const RULE_FILES = ['before.rules', 'user.rules', 'after.rules', 'before6.rules', 'user6.rules', 'after6.rules'];

/** Sets the ufw host up; returns the boot-time dumps for the harness (`--admin-rules`), or why it failed. */
export async function buildUfwHost(s: Scenario, dir: string, instance: string): Promise<{ rules: string[] } | string> {
  const u = s.ufw!;
  // inside the project folder, where `check DIR` does not look (not etc/ufw, ufw/ or the top level)
  const work = path.join(dir, '.ufw-build');
  mkdirSync(work, { recursive: true });
  const defaults = readFileSync('/etc/default/ufw', 'utf8')
    .replace(/^IPV6=.*$/m, `IPV6=${u.ipv6 ? 'yes' : 'no'}`)
    .replace(/^IPT_SYSCTL=.*$/m, 'IPT_SYSCTL=')
    .replace(/^IPT_MODULES=.*$/m, 'IPT_MODULES=""');
  writeFileSync(path.join(work, 'default'), defaults);
  writeFileSync(path.join(work, 'ufw.conf'), readFileSync('/usr/share/ufw/ufw.conf', 'utf8'));
  writeFileSync(path.join(work, 'commands'), u.commands.join('\n') + '\n');
  if (u.afterAdd) writeFileSync(path.join(work, 'after.add'), u.afterAdd);
  const r = await run('bash', [UFW_HARNESS, `dwrdufw-${instance}`, work], { timeoutMs: 120_000 });
  if (r.code !== 0) return r.stderr.trim().split('\n').slice(-3).join(' | ');
  const out = path.join(work, 'out');
  const log = readFileSync(path.join(out, 'log'), 'utf8');
  if (/\(exit \d+\)|ERROR/.test(log)) return `a ufw command failed: ${log.trim().split('\n').slice(-4).join(' | ')}`;
  const etc = path.join(dir, 'etc', 'ufw');
  mkdirSync(etc, { recursive: true });
  mkdirSync(path.join(dir, 'etc', 'default'), { recursive: true });
  for (const f of RULE_FILES) copyFileSync(path.join(out, 'etc-ufw', f), path.join(etc, f));
  // `ufw enable` records ENABLED=yes (the harness copied the files just before it ran)
  writeFileSync(path.join(etc, 'ufw.conf'), readFileSync(path.join(out, 'etc-ufw', 'ufw.conf'), 'utf8').replace(/^ENABLED=.*$/m, 'ENABLED=yes'));
  copyFileSync(path.join(out, 'default'), path.join(dir, 'etc', 'default', 'ufw'));
  const rules: string[] = [];
  for (const [from, to] of [['v4', 'ufw-boot.v4'], ['v6', 'ufw-boot.v6']]) {
    const p = path.join(out, from);
    if (!existsSync(p) || !/^\*filter/m.test(readFileSync(p, 'utf8'))) continue;
    copyFileSync(p, path.join(work, to));
    rules.push(path.join(work, to));
  }
  return { rules };
}
