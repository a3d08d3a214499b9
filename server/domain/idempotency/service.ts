// Idempotency-Key records: one row per (caller, key). The row is inserted before the request
// runs (the claim), so of any number of concurrent duplicates exactly one executes; the others
// wait for its answer and replay it.
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";

export interface IdempotencyRequest {
  userId: string;
  key: string;
  /** Hash of what the request asks for (method, path, canonical body): see server/rest/idempotency.ts. */
  requestHash: string;
}

export interface StoredAnswer {
  status: number;
  /** The answer's exact text. */
  body: string;
}

export type IdempotencyClaim = { kind: "claimed"; recordId: string } | { kind: "completed"; answer: StoredAnswer };

export interface ClaimOptions {
  /** How long a duplicate waits for the first request's answer before a 409 (default 10 s). */
  waitMs?: number;
  /**
   * A claim this old without an answer belongs to a request whose process died: a retry may
   * take it over. Far above anything a request can take (transactions time out after 15 s).
   */
  staleAfterMs?: number;
}

const POLL_FIRST_MS = 25;
const POLL_MAX_MS = 250;

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Claims `key` for this request, or returns the answer a previous request with the same key
 * and the same request got. Throws IDEMPOTENCY_KEY_REUSED when the key was used for another
 * request, and CONFLICT when the first request is still running after `waitMs`.
 */
export async function claimIdempotencyKey(
  db: Db,
  request: IdempotencyRequest,
  { waitMs = 10_000, staleAfterMs = 2 * 60_000 }: ClaimOptions = {},
): Promise<IdempotencyClaim> {
  const deadline = Date.now() + waitMs;
  let pollMs = POLL_FIRST_MS;
  for (;;) {
    // Insert first: the unique (userId, key) index decides the one winner, atomically.
    const recordId = randomUUID();
    const { count } = await db.idempotencyRecord.createMany({
      data: [{ id: recordId, userId: request.userId, key: request.key, requestHash: request.requestHash }],
      skipDuplicates: true,
    });
    if (count === 1) return { kind: "claimed", recordId };

    const existing = await db.idempotencyRecord.findUnique({
      where: { userId_key: { userId: request.userId, key: request.key } },
    });
    if (!existing) continue; // released (the first request failed) between our two reads: claim again
    if (existing.requestHash !== request.requestHash) {
      throw new AppError(
        "IDEMPOTENCY_KEY_REUSED",
        "This Idempotency-Key was already used with another request (method, path or body); use a new key for a new request",
      );
    }
    if (existing.completedAt && existing.responseStatus !== null) {
      return {
        kind: "completed",
        answer: { status: existing.responseStatus, body: storedText(existing.responseBody) },
      };
    }
    if (existing.createdAt.getTime() < Date.now() - staleAfterMs) {
      const takeover = await db.idempotencyRecord.updateMany({
        where: { id: existing.id, completedAt: null, createdAt: existing.createdAt },
        data: { createdAt: new Date() },
      });
      if (takeover.count === 1) return { kind: "claimed", recordId: existing.id };
      continue;
    }
    if (Date.now() >= deadline) {
      throw new AppError("CONFLICT", "A request with this Idempotency-Key is still in progress; retry it in a moment to get its answer", {
        retryAfterSeconds: 1,
      });
    }
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
    pollMs = Math.min(pollMs * 2, POLL_MAX_MS);
  }
}

/** Stores the claimed request's answer; duplicates from now on replay it. */
export async function completeIdempotencyKey(db: Db, recordId: string, answer: StoredAnswer): Promise<void> {
  await db.idempotencyRecord.updateMany({
    where: { id: recordId, completedAt: null },
    // Kept as the exact text (a JSON string value): jsonb would reorder the answer's keys,
    // and a replay should be byte for byte the first answer.
    data: { responseStatus: answer.status, responseBody: answer.body, completedAt: new Date() },
  });
}

/** Gives the key up (the request failed on our side), so a retry runs the request again. */
export async function releaseIdempotencyKey(db: Db, recordId: string): Promise<void> {
  await db.idempotencyRecord.deleteMany({ where: { id: recordId, completedAt: null } });
}

function storedText(body: unknown): string {
  return typeof body === "string" ? body : JSON.stringify(body ?? null);
}
