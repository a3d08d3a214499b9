// A scan at the door (spec section 10), in one statement and one round trip (scanAtDoor in
// server/db/sql/checkin.ts): it reads the event, whether the actor works its door, the
// wrong-code limit and the nonce's stored answer, and then, all or nothing, lets the guest in
// with ONE conditional UPDATE of the code's locked row (so of any number of concurrent scans
// exactly one changes it, and the others answer ALREADY_CHECKED_IN with when and by whom),
// counts wrong codes and refused scans, and logs the attempt. This module turns its row into
// the answer. Refusals (403, 409, 429) are logged too, bounded per caller (rate-limit.ts).
import type { Actor } from "../../auth/actor";
import type { DoorRefusal } from "../../auth/policy";
import type { Db } from "../../db/client";
import type { DoorScanRow } from "../../db/sql/checkin";
import { AppError } from "../../errors";
import { DatabaseError, UNIQUE_VIOLATION } from "../../db/errors";
import { CheckInResult } from "../../generated/prisma/enums";
import { admitGuest } from "./admit";
import { refusalError } from "./door-access";
import { answerMessage } from "./door-words";
import { AUDITED_PER_WINDOW, rateKeys, rateWindow, WRONG_CODE_LIMIT } from "./rate-limit";
import { answeredBefore, replay, scanHash } from "./replay";
import type { CheckInAnswer, CheckInOutcome, TCheckInInput } from "./schema";

export interface CheckInOptions {
  /** The clock of the rate-limit windows (tests move it). */
  now?: Date;
  /** When the guest was let in, if not now: a phone that admitted them offline says when. */
  scannedAt?: Date;
  /** The answer was given by a phone offline and is recorded now (kept in the logged response). */
  offline?: boolean;
}

/** The statement failed on the audit's unique (staff_id, nonce): a concurrent request of this scan committed first. */
function isNonceTaken(error: unknown): boolean {
  return error instanceof DatabaseError && error.code === UNIQUE_VIOLATION && error.constraint === "CheckInAttempt_staff_id_nonce_key";
}

function answerOf(row: DoorScanRow): CheckInAnswer {
  if (row.result === CheckInResult.NOT_ON_LIST) return { result: "NOT_ON_LIST" };
  const guest = { id: row.guestId!, fullName: row.fullName!, ticketType: row.ticketType };
  const checkedInBy = row.byId && row.byName ? { id: row.byId, name: row.byName } : null;
  if (row.result === CheckInResult.CHECKED_IN) return { result: "CHECKED_IN", guest, checkedInAt: row.checkedInAt!, checkedInBy: checkedInBy! };
  return { result: "ALREADY_CHECKED_IN", guest, checkedInAt: row.checkedInAt!, checkedInBy };
}

/**
 * Scans a ticket code at an event's door (POST /product-event/guest-verification/check-in).
 * Answers CHECKED_IN, ALREADY_CHECKED_IN (when, by whom) or NOT_ON_LIST; throws 404 for an
 * unknown event, 403 for someone who may not work its door (or staff while it is paused), 409
 * when the door is closed, 429 past the wrong-code limit, 422 for a nonce reused for another
 * scan. The same nonce again replays the first answer (refusals included, 429 excepted: it
 * was not an answer to the scan, so a retry after Retry-After scans for real). Every attempt
 * but a replay is logged with its effect; a replay is the same attempt again. The offline
 * door's sync records a phone's earlier answer through the same statement (`scannedAt`, `offline`).
 */
export async function checkIn(db: Db, actor: Actor, input: TCheckInInput, options: CheckInOptions = {}): Promise<CheckInOutcome> {
  const now = options.now ?? new Date();
  const hash = scanHash(input);
  const nonce = input.nonce ?? null;
  const window = rateWindow(now);
  const limited: DoorRefusal = {
    code: "RATE_LIMITED",
    message: `Too many wrong codes or refused scans from this staff member or device: try again in ${window.retryAfterSeconds} s`,
    retryAfterSeconds: window.retryAfterSeconds,
  };

  let row: DoorScanRow | null;
  try {
    row = await admitGuest(db, {
      eventId: input.eventId,
      code: input.code,
      actor,
      deviceId: input.deviceId ?? null,
      nonce,
      request: hash,
      scannedAt: options.scannedAt ?? null,
      offline: options.offline ?? false,
      keys: rateKeys(actor, input.deviceId),
      windowStart: window.start,
      limit: WRONG_CODE_LIMIT,
      auditedPerWindow: AUDITED_PER_WINDOW,
      rateLimited: { code: limited.code, message: limited.message },
    });
  } catch (error) {
    // Undone as a whole: answer what the request holding the nonce answered.
    if (nonce !== null && isNonceTaken(error)) return replay(await answeredBefore(db, actor.userId, nonce), hash);
    throw error;
  }
  if (!row) throw new AppError("NOT_FOUND", `No event ${input.eventId}`);
  if (row.result === "REPLAY") return replay({ response: row.replay!.response, at: new Date(row.replay!.at), timeZone: row.timeZone }, hash);
  if (row.result === CheckInResult.RATE_LIMITED) throw refusalError(limited);
  if (row.result === CheckInResult.FORBIDDEN) throw refusalError(row.refusal as DoorRefusal);
  const answer = answerOf(row);
  return { answer, message: answerMessage(answer, row.timeZone, now) };
}

/**
 * The REST contract's answers: 200 for CHECKED_IN; ALREADY_CHECKED_IN and NOT_ON_LIST are
 * problem+json (409, 404) that also carry `result` (and guest, checkedInAt, checkedInBy), so a
 * client may branch on the status or on `result` alike.
 */
export function restCheckInAnswer({ answer, message }: CheckInOutcome) {
  if (answer.result === "CHECKED_IN") return answer;
  if (answer.result === "ALREADY_CHECKED_IN") throw new AppError("CONFLICT", message, { extra: answer });
  throw new AppError("NOT_FOUND", message, { extra: answer });
}
