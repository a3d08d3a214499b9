// Fixed-window rate limits over the RateLimitWindow table: the wrong-code limit at the door
// (per staff member and per device), the sign-in link limit (per address and per client) and the
// invitation limit (per event and per inviter).
import type { Actor } from "../../auth/actor";
import { countWrongCodeAgainst, deleteSpentWindows } from "../../db/sql/checkin";
import { execute, query } from "../../db/sql/statement";
import type { Prisma } from "../../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Wrong codes (NOT_ON_LIST) and scans refused as FORBIDDEN (someone signed in who does not
 * work this door) allowed per fixed window, per staff member and per device. Past it, every
 * scan from that staff member or device answers 429 until the window ends, right codes too:
 * answering right codes normally would let a guesser tell them apart. Right codes never
 * count, so a busy door is never slowed. Concurrent requests are checked before they count,
 * so a burst can pass the limit by at most the requests in flight (bounded by the database
 * pool), which is nothing against 128-bit codes: the limit stops sustained guessing.
 */
export const WRONG_CODE_LIMIT = 10;
export const WRONG_CODE_WINDOW_MS = 60_000;

/**
 * Counted attempts (wrong codes, FORBIDDEN scans and the 429s after them) logged per key and
 * window: the first ones past the limit still show in the curator's audit, the rest are only
 * counted in the key's RateLimitWindow row. So a stranger (or a script with a session) cannot
 * pad an event's audit log by more than this many rows a minute, however often they scan.
 */
export const AUDITED_PER_WINDOW = 2 * WRONG_CODE_LIMIT;

export function rateWindow(now: Date, windowMs = WRONG_CODE_WINDOW_MS) {
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const retryAfterSeconds = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));
  return { start, retryAfterSeconds };
}

/** Staff first, then device: every transaction locks counter rows in the same order. */
export function rateKeys(actor: Actor, deviceId: string | undefined): string[] {
  return [`staff:${actor.userId}`, ...(deviceId ? [`device:${deviceId}`] : [])];
}

/** Counts one event (a wrong code, a link asked for) against every key; answers the highest count now in the window. */
export async function countInWindow(tx: Tx, keys: string[], windowStart: Date): Promise<number> {
  const rows = await query(tx, countWrongCodeAgainst({ keys, windowStart }));
  // Earlier windows of these keys are spent: the table holds one row per active key.
  await execute(tx, deleteSpentWindows({ keys, windowStart }));
  return Math.max(...rows.map((r) => r.count));
}
