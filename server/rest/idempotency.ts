// `Idempotency-Key` on REST POSTs. Same key and same request: the first answer is replayed
// (with `Idempotent-Replayed: true`); same key, another request: 422; concurrent duplicates
// run once. Answers of 5xx are not kept, so a retry after our failure runs again.
// Requests that fail validation never claim a key: they changed nothing and can be fixed.
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../canonical-json";
import type { Db } from "../db/client";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, type ClaimOptions } from "../domain/idempotency/service";
import { AppError } from "../errors";

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
export const REPLAYED_HEADER = "Idempotent-Replayed";
const KEY_RULE = "must be 1 to 255 printable ASCII characters, e.g. a UUID";

/** A key the caller makes up per operation (a UUID is a good one); its retries send it again. */
export const ZIdempotencyKey = z
  .string()
  .min(1, { error: KEY_RULE })
  .max(255, { error: KEY_RULE })
  .regex(/^[\x20-\x7e]*$/, { error: KEY_RULE });

/** The request's Idempotency-Key, null without one; 400 naming the header when it is malformed. */
export function readIdempotencyKey(headers: Headers): string | null {
  const key = headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key === null) return null;
  if (!ZIdempotencyKey.safeParse(key).success) {
    throw new AppError("INVALID_INPUT", `The ${IDEMPOTENCY_KEY_HEADER} header ${KEY_RULE}`, {
      errors: [{ path: IDEMPOTENCY_KEY_HEADER, message: KEY_RULE }],
    });
  }
  return key;
}

/** What a request asks for: method, path (with query) and its body as parsed JSON. */
export function requestHash(request: Request, body: unknown): string {
  const url = new URL(request.url);
  return createHash("sha256")
    .update(`${request.method.toUpperCase()} ${url.pathname}${url.search}\n${canonicalJson(body)}`)
    .digest("hex");
}

function contentTypeFor(status: number) {
  return status >= 400 ? "application/problem+json" : "application/json";
}

/**
 * Runs `execute` once per (user, key, request): claims the key, runs, stores the answer.
 * `execute` answers errors as responses (it does not throw); 5xx answers release the key.
 */
export async function withIdempotency(
  db: Db,
  { userId, key, request, body }: { userId: string; key: string; request: Request; body: unknown },
  execute: () => Promise<Response>,
  options?: ClaimOptions,
): Promise<Response> {
  const claim = await claimIdempotencyKey(db, { userId, key, requestHash: requestHash(request, body) }, options);
  if (claim.kind === "completed") {
    const { status, body: text } = claim.answer;
    return new Response(text, {
      status,
      headers: { "content-type": contentTypeFor(status), [REPLAYED_HEADER]: "true" },
    });
  }

  let response: Response;
  try {
    response = await execute();
  } catch (error) {
    await releaseIdempotencyKey(db, claim.recordId);
    throw error;
  }
  if (response.status >= 500) {
    await releaseIdempotencyKey(db, claim.recordId);
    return response;
  }
  const text = await response.text();
  // If the process dies between the request's commit and this write, the claim goes stale
  // and a retry may run again after `staleAfterMs`: the one window left, kept small.
  await completeIdempotencyKey(db, claim.recordId, { status: response.status, body: text });
  const headers = new Headers(response.headers);
  headers.set("content-type", contentTypeFor(response.status));
  return new Response(text, { status: response.status, headers });
}
