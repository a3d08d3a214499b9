// How often an anonymous client may place orders. Holds are what an abuser would hoard
// (15 minutes of tickets per unpaid order), but a flash sale at a venue puts hundreds of honest
// buyers behind one Wi-Fi NAT, i.e. one IP address. So the tight limit is per client address
// AND buyer email (one person retrying), and the per-address limit is generous: a venue's
// crowd shares it, an abuser with one address still cannot hold more than it allows. Callers
// with an API key or a session are not limited here (they are accountable).
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { countAttemptsAgainst } from "../../db/sql/orders";
import { query } from "../../db/sql/statement";
import { rateWindow } from "../checkin/rate-limit";
import { saleLine } from "./sale-queue";

/** Orders per client address and buyer email, and per client address, in each window. */
export const ORDERS_PER_BUYER = 10;
export const ORDERS_PER_CLIENT = 500;
export const ORDER_WINDOW_MS = 10 * 60_000;

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
  const buyerKey = `orders:buyer:${client}:${email.toLowerCase()}`;
  const clientKey = `orders:client:${client}`;
  // Both counters in one statement, buyer first, then address: every caller takes the rows in the same order.
  // In the sale's line, like the order that follows: a crowd's counts then wait in memory, not
  // in the connection pool, whose connect timeout would turn the crowd into 5xx answers.
  const counted = await saleLine(() => query(db, countAttemptsAgainst({ keys: [buyerKey, clientKey], windowStart: window.start })));
  const counts = new Map(counted.map((r) => [r.key, r.count]));
  if (counts.get(buyerKey)! > ORDERS_PER_BUYER || counts.get(clientKey)! > ORDERS_PER_CLIENT) {
    throw new AppError("RATE_LIMITED", "Too many orders from this network in a short time; try again in a few minutes", {
      retryAfterSeconds: window.retryAfterSeconds,
    });
  }
}
