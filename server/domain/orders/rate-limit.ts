// How often an anonymous client may place orders. Holds are what an abuser would hoard
// (15 minutes of tickets per unpaid order), but a flash sale at a venue puts hundreds of honest
// buyers behind one Wi-Fi NAT, i.e. one IP address. So the tight limit is per client address
// AND buyer email (one person retrying), and the per-address limit is generous: a venue's
// crowd shares it, an abuser with one address still cannot hold more than it allows. Callers
// with an API key or a session are not limited here (they are accountable).
//
// A flash sale's crowd is counted in batches (group commit, as its orders are written): the
// attempts that arrive while a count is under way are counted together by the next one
// statement, and each attempt is given the count it would have seen alone, in arrival order.
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { countAttemptsAgainst } from "../../db/sql/orders";
import { queryPrepared } from "../../db/sql/statement";
import { rateWindow } from "../checkin/rate-limit";
import { groupCommit, saleLine, type Settled } from "./sale-queue";

/** Orders per client address and buyer email, and per client address, in each window. */
export const ORDERS_PER_BUYER = 10;
export const ORDERS_PER_CLIENT = 500;
export const ORDER_WINDOW_MS = 10 * 60_000;

/** One order attempt: its keys, buyer first, then address. */
interface Attempt {
  db: Db;
  windowStart: Date;
  keys: string[];
}

/** Counts a batch of attempts of one window; each attempt's counts, key by key, as if the attempts had come one by one in order. */
async function countBatch(batch: Attempt[]): Promise<Array<Settled<number[]>>> {
  const { db, windowStart } = batch[0]!;
  const keys = batch.flatMap((attempt) => attempt.keys);
  // In the sale's line, like the orders that follow: a crowd's counts then wait in memory, not
  // in the connection pool, whose connect timeout would turn the crowd into 5xx answers.
  const counted = await saleLine(() => queryPrepared(db, countAttemptsAgainst({ keys, windowStart })));
  // Each key's count before this batch, then one more per attempt in order.
  const counts = new Map(counted.map((row) => [row.key, row.count]));
  for (const key of keys) counts.set(key, counts.get(key)! - 1);
  return batch.map((attempt) => ({
    value: attempt.keys.map((key) => {
      const count = counts.get(key)! + 1;
      counts.set(key, count);
      return count;
    }),
  }));
}

// One process has one app database; a batch is one window's attempts (the window is the key).
// A second count starts beside one under way only once 16 attempts wait: each count is a
// transaction and a WAL flush of its own, and a crowd's attempts trickling in one by one made
// one count per 4-5 orders (measured at 64 buyers; with the orders' MIN_BATCH_BESIDE, 3,000
// orders made 640 counts before).
const countAttempt = groupCommit<Attempt, number[]>({ run: countBatch, maxBatch: 256, maxInFlight: 2, minBatch: 16 });

/**
 * Counts an anonymous order attempt against (address, email) and the address; RATE_LIMITED
 * (429 with Retry-After) past either limit. Without a known address nothing is counted.
 */
export async function limitAnonymousOrders(
  db: Db,
  { client, email, now = new Date() }: { client: string | null; email: string; now?: Date },
): Promise<void> {
  if (!client) return;
  const window = rateWindow(now, ORDER_WINDOW_MS);
  const keys = [`orders:buyer:${client}:${email.toLowerCase()}`, `orders:client:${client}`];
  const [buyerCount, clientCount] = await countAttempt(window.start.toISOString(), { db, windowStart: window.start, keys });
  if (buyerCount! > ORDERS_PER_BUYER || clientCount! > ORDERS_PER_CLIENT) {
    throw new AppError("RATE_LIMITED", "Too many orders from this network in a short time; try again in a few minutes", {
      retryAfterSeconds: window.retryAfterSeconds,
    });
  }
}
