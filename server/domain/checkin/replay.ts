// A scan's nonce: its first answer is stored with the attempt and replayed for the same nonce,
// so a retried scan (a lost response, a second tab) is the same scan, answered the same way.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/client";
import { AppError, ERROR_TABLE, type ErrorCode } from "../../errors";
import { answerMessage } from "./door-words";
import { ZCheckInAnswer, type CheckInOutcome, type TCheckInInput } from "./schema";

/** What a nonce's first request got, stored with the attempt and replayed for the nonce. */
const ZStoredResponse = z.object({
  /** SHA-256 of the event id and code: a nonce replays only for the same scan. */
  request: z.string(),
  answer: z
    .preprocess(
      (value) =>
        value && typeof value === "object" && "checkedInAt" in value ? { ...value, checkedInAt: new Date(String(value.checkedInAt)) } : value,
      ZCheckInAnswer,
    )
    .optional(),
  message: z.string().optional(),
  error: z
    .object({
      code: z.enum(Object.keys(ERROR_TABLE) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
    })
    .optional(),
});
export type StoredResponse = z.infer<typeof ZStoredResponse>;

export function scanHash(input: TCheckInInput): string {
  return createHash("sha256").update(`${input.eventId}\n${input.code}`).digest("hex");
}

/** A nonce's stored response, when it was given and the event's time zone (for the answer's sentence). */
export interface Answered {
  response: unknown;
  at: Date;
  timeZone: string;
}

/** The first answer stored for a nonce, again; 422 when the nonce was sent with another scan. */
export function replay({ response, at, timeZone }: Answered, hash: string): CheckInOutcome {
  const stored = ZStoredResponse.parse(response);
  if (stored.request !== hash) {
    throw new AppError(
      "UNPROCESSABLE",
      "This nonce was already used for another scan: send a new nonce with each scan, and the same one only when retrying it",
    );
  }
  if (stored.error) throw new AppError(stored.error.code, stored.error.message);
  // Answers are stored without their sentence (the one statement writes them); older ones with it.
  return { answer: stored.answer!, message: stored.message ?? answerMessage(stored.answer!, timeZone, at) };
}

/** What a concurrent request with this nonce answered (it committed first). */
export async function answeredBefore(db: Db, staffId: string, nonce: string): Promise<Answered> {
  const attempt = await db.checkInAttempt.findUnique({
    where: { staffId_nonce: { staffId, nonce } },
    select: { response: true, createdAt: true, event: { select: { timezone: true } } },
  });
  if (!attempt) throw new AppError("CONFLICT", "The same scan is being answered right now: retry it");
  return { response: attempt.response, at: attempt.createdAt, timeZone: attempt.event.timezone };
}
