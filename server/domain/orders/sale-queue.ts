// A flash sale sends far more buyers at once than the database pool has connections; queued in
// the pool, they time out after its 5 s connect timeout and get a 5xx. Instead, orders wait in
// line here, in memory and first come first served, and at most SALE_CONCURRENCY of them use a
// connection at once (leaving the rest of the pool to every other request). Each order is a
// few short statements, so the line moves fast.

/**
 * Orders placed at once per server process: below the app's pool of 20 (server/db/index.ts).
 * Measured with the flash sale bench (docs/benchmarks.md): 16 in line over a pool of 20 sold
 * 118 orders/s where 8 over 10 sold 82 on the same machine; 32 over 40 did not do better.
 */
export const SALE_CONCURRENCY = 16;

/** Runs at most `limit` calls of `work` at once; the others wait their turn. */
export function lineOf(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function inLine<T>(work: () => Promise<T>): Promise<T> {
    if (running < limit) running++;
    // A finishing call hands its place straight to the next in line.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** The line every order of this process joins. */
export const saleLine = lineOf(SALE_CONCURRENCY);
