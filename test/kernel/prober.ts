/**
 * Sends a scenario's probes concurrently and reports where each one arrived and whether its answer
 * came back. Each probe gets its own source port (unique over the run), which is how an arrival
 * (source port) and an answer (destination port, seen by the sender's agent) are matched to the
 * probe; the agents in `host` and `ctr` report every TCP SYN / probe datagram delivered there and
 * answer it (TCP listeners, UDP answerers on the scenario's ports, see {@link listenPorts}).
 */
import { HarnessError } from './exec';
import type { AgentEvent, NsRole, Topology } from './topology';
import { ADDR } from './topology';
import type { Outcome, Probe, ReplySeen, Scenario } from './scenario';

export interface ProbeOptions {
  /** How long to wait for probes that have not arrived or not been answered (ms). */
  readonly waitMs: number;
  /** Ports the receiving sides listen on (see {@link listenPorts}). */
  readonly listen?: readonly number[];
}

/**
 * The ports a scenario's probes may arrive at, where `host` and `ctr` must answer: every probe's
 * and expectation's port, and every number of the ruleset texts that could be a port (a DNAT or
 * redirect target; short ranges in full). Extra listeners cost nothing: arrivals are seen by the
 * raw sockets either way. Ports in `[reserved.lo, reserved.hi)` (the probers' source ports) are
 * taken only when a probe or an expectation names them.
 */
export function listenPorts(sc: Scenario, reserved: { lo: number; hi: number }): number[] {
  const out = new Set<number>();
  const add = (n: number, explicit: boolean): void => {
    if (!Number.isInteger(n) || n < 1 || n > 65535) return;
    if (!explicit && n >= reserved.lo && n < reserved.hi) return;
    out.add(n);
  };
  for (const p of sc.probes) add(p.dport, true);
  for (const e of sc.expect ?? []) if (e?.dport !== undefined) add(e.dport, true);
  for (const f of sc.files) {
    for (const m of f.text.matchAll(/\d+/g)) add(Number(m[0]), false);
    for (const m of f.text.matchAll(/(?<![\d.])(\d+)[-:](\d+)(?![\d.:])/g)) {
      const lo = Number(m[1]);
      const hi = Number(m[2]);
      if (hi > lo && hi - lo <= 64) for (let n = lo; n <= hi; n++) add(n, false);
    }
  }
  return [...out].sort((a, b) => a - b);
}

interface Wire {
  readonly id: number;
  readonly fam: 4 | 6;
  readonly proto: 'tcp' | 'udp';
  readonly src?: string;
  readonly sport: number;
  readonly dst: string;
  readonly dport: number;
}

function defaultSource(p: Probe, fam: 4 | 6): string | undefined {
  if (p.src) return p.src;
  switch (p.from) {
    case 'ext0':
      return fam === 4 ? ADDR.ext0[0] : ADDR.ext0v6[0];
    case 'ext1':
      return fam === 4 ? ADDR.ext1[0] : ADDR.ext1v6[0];
    default:
      return undefined; // the kernel picks (host: by route; ctr: its own address)
  }
}

function originNs(p: Probe): NsRole {
  return p.from === 'ext0' || p.from === 'ext1' ? 'ext' : p.from;
}

export class Prober {
  private nextPort: number;
  private nextId = 1;
  private batchNo = 1;
  /** Ports the receiving agents listen on (never used as source ports). */
  private readonly listening = new Set<number>();

  /** Source ports come from [portBase, portBase + portSpan), cycling. */
  constructor(readonly topo: Topology, private readonly portBase: number, private readonly portSpan: number) {
    this.nextPort = portBase;
  }

  private port(): number {
    for (;;) {
      const p = this.nextPort;
      this.nextPort = p + 1 >= this.portBase + this.portSpan ? this.portBase : p + 1;
      if (!this.listening.has(p)) return p;
    }
  }

  /** Makes the agents in `host` and `ctr` listen on `ports` too (listeners stay for the run). */
  private async listen(ports: readonly number[]): Promise<void> {
    const fresh = ports.filter((p) => !this.listening.has(p));
    if (!fresh.length) return;
    for (const p of fresh) this.listening.add(p);
    const answers = await Promise.all(
      (['host', 'ctr'] as const).map((role) => this.topo.agent(role).request({ cmd: 'listen', ports: fresh }, (e) => e.ev === 'listening')),
    );
    for (const a of answers) {
      const errors = Object.entries((a.errors ?? {}) as Record<string, string>);
      if (errors.length) throw new HarnessError(`could not listen on ${errors.map(([p, m]) => `${p}: ${m}`).join(', ')}`);
    }
  }

  async probe(probes: readonly Probe[], opts: ProbeOptions): Promise<Outcome[]> {
    const wires: Wire[] = probes.map((p) => {
      const fam = p.daddr.includes(':') ? 6 : 4;
      return { id: this.nextId++, fam, proto: p.proto, src: defaultSource(p, fam), sport: this.port(), dst: p.daddr, dport: p.dport };
    });
    if (opts.listen) await this.listen(opts.listen);
    const outcomes: (Outcome | undefined)[] = wires.map(() => undefined);
    const replies: (ReplySeen | undefined)[] = wires.map(() => undefined);
    const byKey = new Map<string, number>();
    wires.forEach((w, i) => byKey.set(`${w.proto}/${w.fam}/${w.sport}`, i));
    // Done when every probe arrived and every arrival was answered (else after waitMs).
    const done = (): boolean => outcomes.every((o, i) => o !== undefined && replies[i] !== undefined);
    let wake: () => void = () => undefined;
    const offs: (() => void)[] = [];
    for (const role of ['host', 'ctr'] as const) {
      offs.push(
        this.topo.agent(role).on((e: AgentEvent) => {
          if (e.ev !== 'seen') return;
          const i = byKey.get(`${String(e.proto)}/${String(e.fam)}/${String(e.sport)}`);
          if (i === undefined || outcomes[i]) return;
          outcomes[i] = { at: role, daddr: String(e.dst), dport: Number(e.dport), saddr: String(e.src) };
          if (done()) wake();
        }),
      );
    }
    // Answers are seen by the agent of the namespace the probe was sent from, at its source port.
    for (const role of new Set(probes.map(originNs))) {
      offs.push(
        this.topo.agent(role).on((e: AgentEvent) => {
          if (e.ev !== 'back') return;
          const i = byKey.get(`${String(e.proto)}/${String(e.fam)}/${String(e.dport)}`);
          if (i === undefined || replies[i] || originNs(probes[i]) !== role) return;
          replies[i] = { kind: e.kind as ReplySeen['kind'], saddr: String(e.src), sport: Number(e.sport), daddr: String(e.dst) };
          if (done()) wake();
        }),
      );
    }
    const batch = this.batchNo++;
    const byOrigin = new Map<NsRole, Wire[]>();
    probes.forEach((p, i) => {
      const ns = originNs(p);
      byOrigin.set(ns, [...(byOrigin.get(ns) ?? []), wires[i]]);
    });
    try {
      const sent = await Promise.all(
        [...byOrigin].map(([ns, list]) =>
          this.topo.agent(ns).request({ cmd: 'probe', batch, probes: list }, (e) => e.ev === 'sent' && e.batch === batch),
        ),
      );
      for (const s of sent) {
        const errors = (s.errors ?? {}) as Record<string, string>;
        for (const [id, message] of Object.entries(errors)) {
          // EPERM: a local OUTPUT rule dropped the packet; that is a result, not a harness problem.
          if (!/errno 1\)$/.test(message)) throw new HarnessError(`probe ${id} could not be sent: ${message}`);
        }
      }
      if (!done()) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, opts.waitMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      for (const off of offs) off();
      for (const ns of byOrigin.keys()) this.topo.agent(ns).send({ cmd: 'close', batch });
    }
    return outcomes.map((o, i) => (o ? { ...o, reply: replies[i] } : { at: 'nowhere' }));
  }
}
