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

/** One item's outcome in a batch: what it made, or why it failed (the others' go on). */
export type Settled<R> = { value: R } | { error: unknown };

/**
 * Group commit: items submitted under the same key while that key's batches are busy wait,
 * and the next batch takes all of them (at most `maxBatch`) and `run`s them together.
 * A lone item never waits for company: with nothing in flight it runs at once, as a batch of
 * one. At most `maxInFlight` batches of a key run at once, so the next batch writes its rows
 * while the one before commits. `run` answers each item's outcome in order; if it throws,
 * every item of the batch fails with that error.
 *
 * While a batch is in flight, another starts beside it only once `minBatch` items wait; fewer
 * wait for the next batch to finish, which then takes them all. Without that rule a crowd
 * trickling back in (the answers of one batch return one by one, and so do their next
 * requests) filled every free place with a batch of one: measured at 64 buyers, 280 of every
 * 340 transactions were single orders, each paying the whole batch's round trips and commit.
 */
export function groupCommit<T, R>({
  run,
  maxBatch,
  maxInFlight,
  minBatch = 1,
}: {
  run: (batch: T[]) => Promise<Array<Settled<R>>>;
  maxBatch: number;
  maxInFlight: number;
  /** Items that must wait before a batch starts beside one in flight (1: any). */
  minBatch?: number;
}) {
  interface Waiting {
    item: T;
    resolve: (value: R) => void;
    reject: (error: unknown) => void;
  }
  const keys = new Map<string, { waiting: Waiting[]; inFlight: number }>();

  /** Starts what may start; `finished`: a batch of the key has just finished, and its place goes to whatever waits. */
  function pump(key: string, finished = false) {
    const state = keys.get(key)!;
    let handOver = finished;
    while (state.inFlight < maxInFlight && state.waiting.length > 0) {
      if (state.inFlight > 0 && !handOver && state.waiting.length < minBatch) break;
      handOver = false;
      const batch = state.waiting.splice(0, maxBatch);
      state.inFlight++;
      void run(batch.map((waiting) => waiting.item))
        .then(
          (outcomes) =>
            batch.forEach((waiting, index) => {
              const outcome = outcomes[index]!;
              if ("value" in outcome) waiting.resolve(outcome.value);
              else waiting.reject(outcome.error);
            }),
          (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
        )
        .finally(() => {
          state.inFlight--;
          if (state.inFlight === 0 && state.waiting.length === 0) keys.delete(key);
          else pump(key, true);
        });
    }
  }

  return function submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const state = keys.get(key) ?? { waiting: [], inFlight: 0 };
      keys.set(key, state);
      state.waiting.push({ item, resolve, reject });
      pump(key);
    });
  };
}

/**
 * Reads that callers asking for the same key at the same time share: a caller arriving while
 * a read of its key is under way gets that read's answer instead of starting another. For reads
 * whose answer may only refuse (what is left of a ticket type), a read under way when the
 * caller arrived is as good as its own: it saw the rows as they were at that moment.
 */
export function sharedReads<T>() {
  const underWay = new Map<string, Promise<T>>();
  return function read(key: string, start: () => Promise<T>): Promise<T> {
    const running = underWay.get(key);
    if (running) return running;
    const started = start().finally(() => underWay.delete(key));
    underWay.set(key, started);
    return started;
  };
}
