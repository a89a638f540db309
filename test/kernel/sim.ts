/**
 * The simulator side of the comparison (placeholder until the simulator modules exist).
 */
import type { Arrival, Scenario } from './scenario';

export interface SimAnswer {
  readonly verdict: 'accept' | 'drop' | 'unknown';
  readonly at: Arrival;
  readonly dport?: number;
  readonly reason?: string;
  readonly summary: string;
  readonly trace?: string;
}

export interface Simulator {
  run(sc: Scenario): (SimAnswer | undefined)[];
}

export async function loadSimulator(): Promise<{ simulator?: Simulator; reason?: string }> {
  return { reason: 'not available yet' };
}
