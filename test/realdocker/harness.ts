/**
 * The real-Docker harness (shared/tools/realdocker/realdocker.sh) driven from the suite: one
 * instance per `DW_INSTANCE`, each its own set of namespaces and dockerd. Every call runs the script
 * with fixed arguments (no shell); probes of one scenario run concurrently.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(cmd: string, args: readonly string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(cmd, [...args], { env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (err && typeof (err as { code?: unknown }).code !== 'number' ? `\n${err.message}` : '') });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** shared/ beside the repository checkout (CI: ../shared), or REALDOCKER_SHARED / DW_SHARED. */
export function findHarness(repoRoot: string): string | undefined {
  const candidates = [process.env.REALDOCKER_SHARED, process.env.DW_SHARED, path.resolve(repoRoot, '..', 'shared'), path.resolve(repoRoot, 'shared')].filter((x): x is string => !!x);
  for (const c of candidates) {
    const s = path.join(c, 'tools', 'realdocker', 'realdocker.sh');
    if (existsSync(s)) return s;
  }
  return undefined;
}

export type Client = 'client' | 'client2';

/** The live dumps of a Docker host (see Harness.dumps). */
export interface HostDumps {
  readonly v4: string;
  readonly v6: string;
  readonly nft: string;
  readonly nftJson: string;
  /** `iptables-nft-save` on a legacy host (its rules are invisible there). */
  readonly nftSaveOfLegacy?: string;
}

export class Harness {
  constructor(
    readonly script: string,
    readonly instance: string,
  ) {}

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, DW_INSTANCE: this.instance };
  }

  call(args: readonly string[], timeoutMs?: number): Promise<RunResult> {
    return run('bash', [this.script, ...args], { env: this.env(), timeoutMs });
  }

  async setup(version: string): Promise<RunResult> {
    return this.call(['setup', '--version', version], 1_800_000);
  }

  async up(opts: { version: string; iptables: string; daemon?: string; rules: readonly string[] }): Promise<RunResult> {
    const args = ['up', '--version', opts.version, '--iptables', opts.iptables];
    if (opts.daemon) args.push('--daemon', opts.daemon);
    for (const r of opts.rules) args.push('--admin-rules', r);
    return this.call(args, 180_000);
  }

  compose(dir: string): Promise<RunResult> {
    return this.call(['compose', dir], 300_000);
  }

  down(): Promise<RunResult> {
    return this.call(['down'], 180_000);
  }

  /** The harness's run folder of this instance (its `bin/` holds the iptables tools dockerd uses). */
  runDir(): string {
    return path.join(process.env.DW_BASE ?? '/var/tmp/dwdock', `run${this.instance}`);
  }

  /** A command in the Docker host's network namespace (fixed arguments, no shell). */
  host(args: readonly string[]): Promise<RunResult> {
    return this.call(['sh', 'host', ...args], 60_000);
  }

  /**
   * What a user of the running host would dump, headers kept: `iptables-save` / `ip6tables-save` of
   * the backend dockerd drives, `nft list ruleset`, `nft -j list ruleset`, and (for a legacy host)
   * `iptables-nft-save`, which shows none of the legacy tables.
   */
  async dumps(backend: 'nft' | 'legacy'): Promise<HostDumps> {
    const bin = path.join(this.runDir(), 'bin');
    const [v4, v6, nft, nftJson, other] = await Promise.all([
      this.host([path.join(bin, 'iptables-save')]),
      this.host([path.join(bin, 'ip6tables-save')]),
      this.host(['nft', 'list', 'ruleset']),
      this.host(['nft', '-j', 'list', 'ruleset']),
      backend === 'legacy' ? this.host(['iptables-nft-save']) : Promise.resolve(undefined),
    ]);
    const failed = [v4, v6, nft, nftJson].find((r) => r.code !== 0);
    if (failed) throw new Error(`dump failed: ${failed.stderr.trim().split('\n').slice(-2).join(' | ')}`);
    return { v4: v4.stdout, v6: v6.stdout, nft: nft.stdout, nftJson: nftJson.stdout, ...(other ? { nftSaveOfLegacy: other.stdout + other.stderr } : {}) };
  }

  /** `reachable` only when the container's listener answered. */
  async probe(proto: string, port: number, from: Client, addr: string, timeoutS = 1): Promise<{ reachable: boolean; detail: string }> {
    const r = await this.call(['probe', proto, String(port), '--from', from, '--addr', addr, '--timeout', String(timeoutS)], 30_000);
    const detail = (/probe [^:]+:.*?: (.*)$/m.exec(r.stderr)?.[1] ?? r.stderr.trim().split('\n').pop() ?? '').trim();
    return { reachable: r.stdout.trim() === 'reachable', detail };
  }
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}
