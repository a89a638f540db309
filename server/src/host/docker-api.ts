/**
 * A small client of the Docker Engine API over its unix socket (`http.request({ socketPath })`, no
 * dependency): `/_ping`, `/version`, `/info`, `/containers/json`, `/containers/{id}/json`,
 * `/networks`. GET requests only, each with a time limit and a response size limit. The API version
 * is negotiated: `/version` (unversioned, every daemon answers it) gives the daemon's `ApiVersion`,
 * and every later path is prefixed with it (capped at the newest version this client knows).
 *
 * The answers become a plain `EngineState` in the core (core/docker/engine.ts).
 */
import http from 'node:http';
import { engineStateFromApi, type EngineState } from '../core/docker/engine';

export const DEFAULT_SOCKET = '/var/run/docker.sock';
/** The newest API version whose answers were recorded from a real daemon (Docker 28.5). */
const NEWEST_API = '1.51';
/** The oldest one asked for (Docker 1.12); older daemons are refused with a message. */
const OLDEST_API = '1.24';

export interface EngineLimits {
  /** Milliseconds per request. */
  readonly timeoutMs: number;
  /** Bytes per response. */
  readonly maxBytes: number;
  /** Containers inspected at most (`/containers/{id}/json`); the others are read from the list only. */
  readonly maxInspects: number;
}

export const DEFAULT_ENGINE_LIMITS: EngineLimits = { timeoutMs: 10_000, maxBytes: 16 * 1024 * 1024, maxInspects: 1000 };

export class EngineError extends Error {
  constructor(message: string, readonly kind: 'usage' | 'unreachable' | 'denied' | 'protocol') {
    super(message);
  }
}

/**
 * The socket a `DOCKER_HOST` value (or `--docker-host`) names: `unix:///path` or a bare path;
 * empty or undefined: /var/run/docker.sock. Other schemes (tcp://, ssh://, npipe://) are refused.
 */
export function socketOf(dockerHost: string | undefined): string {
  const v = (dockerHost ?? '').trim();
  if (v === '') return DEFAULT_SOCKET;
  if (v.startsWith('unix://')) {
    const p = v.slice('unix://'.length);
    if (!p.startsWith('/')) throw new EngineError(`DOCKER_HOST ${v}: the socket path must be absolute (unix:///var/run/docker.sock)`, 'usage');
    return p;
  }
  if (v.startsWith('/')) return v;
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(v)?.[1];
  throw new EngineError(
    `DOCKER_HOST ${v}: only a local unix socket is supported (unix:///var/run/docker.sock)${scheme ? `, not ${scheme}://` : ''}; run dockwall audit on the Docker host itself`,
    'usage',
  );
}

function cmpVersion(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** One GET on the socket: the parsed JSON (or text for `/_ping`). */
export function engineGet(socketPath: string, path: string, limits: EngineLimits = DEFAULT_ENGINE_LIMITS): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const req = http.request({ socketPath, path, method: 'GET', headers: { Host: 'docker', Accept: 'application/json' }, timeout: limits.timeoutMs }, (res) => {
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limits.maxBytes) {
          req.destroy(new EngineError(`the Docker Engine's answer to ${path} is larger than ${limits.maxBytes} bytes; not read`, 'protocol'));
          return;
        }
        chunks.push(c);
      });
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          let msg = body.trim();
          try {
            msg = (JSON.parse(body) as { message?: string }).message ?? msg;
          } catch {
            // plain text
          }
          reject(new EngineError(`the Docker Engine answered ${path} with HTTP ${status}${msg ? `: ${msg.slice(0, 200)}` : ''}`, status === 401 || status === 403 ? 'denied' : 'protocol'));
          return;
        }
        if (path.endsWith('/_ping')) {
          resolve(body);
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new EngineError(`the Docker Engine's answer to ${path} is not JSON`, 'protocol'));
        }
      });
    });
    req.on('timeout', () => req.destroy(new EngineError(`the Docker Engine did not answer ${path} within ${Math.round(limits.timeoutMs / 1000)} s (socket ${socketPath})`, 'unreachable')));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e instanceof EngineError) reject(e);
      else if (e.code === 'ENOENT') reject(new EngineError(`no Docker socket at ${socketPath} (is dockerd running? set DOCKER_HOST=unix:///path or --docker-host)`, 'unreachable'));
      else if (e.code === 'EACCES' || e.code === 'EPERM') reject(new EngineError(`permission denied on the Docker socket ${socketPath} (run as root or as a member of the docker group)`, 'denied'));
      else if (e.code === 'ECONNREFUSED') reject(new EngineError(`the Docker socket ${socketPath} refuses connections (dockerd is not running?)`, 'unreachable'));
      else reject(new EngineError(`cannot talk to the Docker Engine at ${socketPath}: ${e.message}`, 'unreachable'));
    });
    req.end();
  });
}

/** Reads the Engine's state: version, info, networks, running containers (each inspected). */
export async function readEngine(socketPath: string, limits: EngineLimits = DEFAULT_ENGINE_LIMITS): Promise<EngineState> {
  const ping = await engineGet(socketPath, '/_ping', limits);
  if (typeof ping !== 'string' || ping.trim() !== 'OK') throw new EngineError(`${socketPath} does not answer like a Docker Engine (/_ping: ${String(ping).slice(0, 40)})`, 'protocol');
  const version = await engineGet(socketPath, '/version', limits);
  const api = (version as { ApiVersion?: unknown })?.ApiVersion;
  if (typeof api !== 'string' || !/^\d+\.\d+$/.test(api)) throw new EngineError('the Docker Engine does not report its API version (/version ApiVersion)', 'protocol');
  if (cmpVersion(api, OLDEST_API) < 0) throw new EngineError(`the Docker Engine speaks API ${api}; ${OLDEST_API} or later is needed`, 'protocol');
  const v = `/v${cmpVersion(api, NEWEST_API) > 0 ? NEWEST_API : api}`;
  const [info, containers, networks] = await Promise.all([
    engineGet(socketPath, `${v}/info`, limits).catch(() => undefined),
    engineGet(socketPath, `${v}/containers/json`, limits),
    engineGet(socketPath, `${v}/networks`, limits),
  ]);
  const inspects: Record<string, unknown> = {};
  const ids = Array.isArray(containers) ? containers.map((c) => (c as { Id?: unknown })?.Id).filter((x): x is string => typeof x === 'string' && /^[0-9a-f]{12,64}$/.test(x)) : [];
  for (let i = 0; i < Math.min(ids.length, limits.maxInspects); i += 16) {
    const batch = ids.slice(i, Math.min(i + 16, limits.maxInspects));
    // A container that stopped in between is read from the list only.
    const got = await Promise.all(batch.map((id) => engineGet(socketPath, `${v}/containers/${id}/json`, limits).catch(() => undefined)));
    batch.forEach((id, k) => got[k] !== undefined && (inspects[id] = got[k]));
  }
  const state = engineStateFromApi({ version, info, containers, inspects, networks });
  return ids.length > limits.maxInspects ? { ...state, notes: [...state.notes, `${ids.length - limits.maxInspects} containers were read from the list only (more than ${limits.maxInspects})`] } : state;
}
