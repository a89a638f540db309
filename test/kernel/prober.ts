/**
 * Sends a scenario's probes concurrently and reports where each one arrived. Each probe gets its
 * own source port (unique over the run), which is how an arrival is matched to its probe; the
 * agents in `host` and `ctr` report every TCP SYN / probe datagram delivered there.
 */
import { HarnessError } from './exec';
import type { AgentEvent, NsRole, Topology } from './topology';
import { ADDR } from './topology';
import type { Outcome, Probe } from './scenario';

export interface ProbeOptions {
  /** How long to wait for probes that have not arrived (ms). */
  readonly waitMs: number;
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

  /** Source ports come from [portBase, portBase + portSpan), cycling. */
  constructor(readonly topo: Topology, private readonly portBase: number, private readonly portSpan: number) {
    this.nextPort = portBase;
  }

  private port(): number {
    const p = this.nextPort;
    this.nextPort = p + 1 >= this.portBase + this.portSpan ? this.portBase : p + 1;
    return p;
  }

  async probe(probes: readonly Probe[], opts: ProbeOptions): Promise<Outcome[]> {
    const wires: Wire[] = probes.map((p) => {
      const fam = p.daddr.includes(':') ? 6 : 4;
      return { id: this.nextId++, fam, proto: p.proto, src: defaultSource(p, fam), sport: this.port(), dst: p.daddr, dport: p.dport };
    });
    const outcomes: (Outcome | undefined)[] = wires.map(() => undefined);
    const byKey = new Map<string, number>();
    wires.forEach((w, i) => byKey.set(`${w.proto}/${w.fam}/${w.sport}`, i));
    let pending = wires.length;
    let wake: () => void = () => undefined;
    const offs: (() => void)[] = [];
    for (const role of ['host', 'ctr'] as const) {
      offs.push(
        this.topo.agent(role).on((e: AgentEvent) => {
          if (e.ev !== 'seen') return;
          const i = byKey.get(`${String(e.proto)}/${String(e.fam)}/${String(e.sport)}`);
          if (i === undefined || outcomes[i]) return;
          outcomes[i] = { at: role, daddr: String(e.dst), dport: Number(e.dport), saddr: String(e.src) };
          if (--pending === 0) wake();
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
      if (pending > 0) {
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
    return outcomes.map((o) => o ?? { at: 'nowhere' });
  }
}
