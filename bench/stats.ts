/** Order statistics for the benchmarks (nearest-rank percentiles). */
export function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN;
}

export function median(xs: readonly number[]): number {
  return pct(xs, 50);
}
