import type { Scenario } from '../scenario';
export function generatedScenarios(_seed: number, _count: number, _opts: { legacy: boolean }): Scenario[] {
  return [];
}
