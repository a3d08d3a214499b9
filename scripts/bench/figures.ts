// What one load measurement comes to, whichever side produced it (autocannon against the
// server, or pg clients looping over the raw statements).
export interface LoadFigures {
  connections: number;
  /** Successful requests (or raw transactions) per second over the measured time. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Successful requests (or raw transactions) in all. */
  completed: number;
  durationSeconds: number;
}

/** The p-th percentile (0..100) of values sorted ascending, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The median of a few timings (one-shot measurements are repeated and the median kept). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
