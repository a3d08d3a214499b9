// A scan at the door (spec section 10).
//
// One read tells the event, whether the actor is its staff, whether their staff or device key
// is over the wrong-code limit, and a nonce's stored answer (replayed as is). Then one
// transaction: ONE conditional UPDATE (status INVITED -> CHECKED_IN for this event's code)
// decides, so of any number of concurrent scans of a code exactly one changes the row; the
// others wait on its row lock, find it CHECKED_IN and answer ALREADY_CHECKED_IN with when and
// by whom. The attempt is written to CheckInAttempt in that same transaction; with a nonce the
// unique index (staff_id, nonce) lets only one request of that scan commit, and the others roll
// back and replay its answer. Refusals (403, 409, 429) are logged too.
import type { Actor } from "../../auth/actor";
import { doorRefusal, type DoorRefusal } from "../../auth/policy";
import type { Db } from "../../db/client";
import { readDoorState, readEntryByCode, type DoorStateRow } from "../../db/sql/checkin";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { CheckInResult, EventGuestStatus } from "../../generated/prisma/enums";
import { recordCheckedIn } from "../partner-webhooks/record";
import { admitGuest } from "./admit";
import { insertAttempt } from "./attempts";
import { refusalError, type DoorEvent } from "./door-access";
import { alreadyCheckedInMessage, checkedInMessage, NOT_ON_LIST_MESSAGE } from "./door-words";
import { countInWindow, rateKeys, rateWindow, WRONG_CODE_LIMIT } from "./rate-limit";
import { replay, scanHash, storedResponseOf, type StoredResponse } from "./replay";
import type { CheckInOutcome, TCheckInInput } from "./schema";

type Tx = Prisma.TransactionClient;

export interface CheckInOptions {
  /** The clock of the rate-limit windows (tests move it). */
  now?: Date;
}

/** Thrown inside the check-in's transaction to undo it: another request holds the nonce. */
class NonceTaken extends Error {}

/**
 * Everything the door needs to know before a scan, in one round trip: the event, whether the
 * actor is its staff, whether their staff or device key is over the wrong-code limit, and the
 * stored answer of the nonce if this scan was answered before.
 */
async function doorState(db: Db, actor: Actor, input: TCheckInInput, keys: string[], windowStart: Date): Promise<DoorStateRow> {
  const [row] = await query(
    db,
    readDoorState({ eventId: input.eventId, staffId: actor.userId, nonce: input.nonce ?? null, keys, windowStart, limit: WRONG_CODE_LIMIT }),
  );
  if (!row) throw new AppError("NOT_FOUND", `No event ${input.eventId}`);
  return row;
}

type Decision =
  | { kind: "answer"; outcome: CheckInOutcome; result: CheckInResult; entryId: string | null }
  | { kind: "refused"; refusal: DoorRefusal; result: CheckInResult };

/** Inside the transaction: the atomic UPDATE, else who let the code in, else a wrong code. */
async function admitOrExplain(
  tx: Tx,
  actor: Actor,
  event: DoorEvent,
  code: string,
  { now, keys, limited }: { now: Date; keys: string[]; limited: DoorRefusal },
): Promise<Decision> {
  const windowStart = rateWindow(now).start;
  // An undo can land between the UPDATE and the read below; then the UPDATE is tried again.
  let raced = false;
  for (let round = 0; round < 3; round++) {
    const admitted = await admitGuest(tx, { eventId: event.id, code, staffId: actor.userId });
    if (admitted) {
      await recordCheckedIn(tx, event.id, admitted);
      return {
        kind: "answer",
        result: CheckInResult.CHECKED_IN,
        entryId: admitted.entryId,
        outcome: {
          answer: {
            result: "CHECKED_IN",
            guest: { id: admitted.guestId, fullName: admitted.fullName, ticketType: admitted.ticketType },
            checkedInAt: admitted.checkedInAt,
            checkedInBy: { id: actor.userId, name: actor.name },
          },
          message: checkedInMessage(admitted.fullName),
        },
      };
    }
    const [entry = null] = await query(tx, readEntryByCode({ eventId: event.id, code }));
    raced = entry !== null;
    if (!entry) break;
    if (entry.status === EventGuestStatus.CHECKED_IN) {
      const at = entry.checkedInAt ?? now;
      const by = entry.byId && entry.byName ? { id: entry.byId, name: entry.byName } : null;
      return {
        kind: "answer",
        result: CheckInResult.ALREADY_CHECKED_IN,
        entryId: entry.id,
        outcome: {
          answer: {
            result: "ALREADY_CHECKED_IN",
            guest: { id: entry.guestId, fullName: entry.fullName, ticketType: entry.ticketType },
            checkedInAt: at,
            checkedInBy: by,
          },
          message: alreadyCheckedInMessage(entry.fullName, at, by, event.timezone, now),
        },
      };
    }
  }
  if (raced) {
    return {
      kind: "refused",
      result: CheckInResult.FORBIDDEN,
      refusal: { code: "CONFLICT", message: "This guest's check-in is being changed right now: scan again" },
    };
  }
  // A wrong code: not this event's, not a live guest's, or no code at all. Nothing says whose.
  if ((await countInWindow(tx, keys, windowStart)) > WRONG_CODE_LIMIT) {
    return { kind: "refused", result: CheckInResult.RATE_LIMITED, refusal: limited };
  }
  return {
    kind: "answer",
    result: CheckInResult.NOT_ON_LIST,
    entryId: null,
    outcome: { answer: { result: "NOT_ON_LIST" }, message: NOT_ON_LIST_MESSAGE },
  };
}

function storedResponse(hash: string, decision: Decision): StoredResponse {
  return decision.kind === "answer"
    ? { request: hash, answer: decision.outcome.answer, message: decision.outcome.message }
    : { request: hash, error: { code: decision.refusal.code, message: decision.refusal.message } };
}

/**
 * Scans a ticket code at an event's door (POST /product-event/guest-verification/check-in).
 * Answers CHECKED_IN, ALREADY_CHECKED_IN (when, by whom) or NOT_ON_LIST; throws 404 for an
 * unknown event, 403 for someone who may not work its door (or staff while it is paused), 409
 * when the door is closed, 429 past the wrong-code limit, 422 for a nonce reused for another
 * scan. The same nonce again replays the first answer (refusals included, 429 excepted: it
 * was not an answer to the scan, so a retry after Retry-After scans for real). Every attempt
 * but a replay is logged, in the transaction of its effect; a replay is the same attempt again.
 */
export async function checkIn(db: Db, actor: Actor, input: TCheckInInput, options: CheckInOptions = {}): Promise<CheckInOutcome> {
  const now = options.now ?? new Date();
  const hash = scanHash(input);
  const nonce = input.nonce ?? null;
  const keys = rateKeys(actor, input.deviceId);
  const window = rateWindow(now);
  const limited: DoorRefusal = {
    code: "RATE_LIMITED",
    message: `Too many wrong codes from this staff member or device: try again in ${window.retryAfterSeconds} s`,
    retryAfterSeconds: window.retryAfterSeconds,
  };

  const event = await doorState(db, actor, input, keys, window.start);
  if (event.replay) return replay(event.replay, hash);
  const attempt = { eventId: event.id, staffId: actor.userId, deviceId: input.deviceId ?? null, guestToEventId: null };

  const refusal = doorRefusal(actor, event);
  if (refusal) {
    const decision: Decision = { kind: "refused", refusal, result: CheckInResult.FORBIDDEN };
    const logged = await insertAttempt(db, { ...attempt, nonce, result: decision.result, response: storedResponse(hash, decision) });
    if (!logged) return replay(await storedResponseOf(db, actor.userId, nonce!), hash);
    throw refusalError(refusal);
  }
  if (event.rateLimited) {
    const decision: Decision = { kind: "refused", refusal: limited, result: CheckInResult.RATE_LIMITED };
    // A 429 is not kept for the nonce: the retry it asks for must scan for real.
    await insertAttempt(db, { ...attempt, nonce: null, result: decision.result, response: storedResponse(hash, decision) });
    throw refusalError(limited);
  }

  let decision: Decision;
  try {
    decision = await db.$transaction(async (tx) => {
      const decided = await admitOrExplain(tx, actor, event, input.code, { now, keys, limited });
      const logged = await insertAttempt(tx, {
        ...attempt,
        nonce: decided.result === CheckInResult.RATE_LIMITED ? null : nonce,
        result: decided.result,
        guestToEventId: decided.kind === "answer" ? decided.entryId : null,
        response: storedResponse(hash, decided),
      });
      // The same nonce was answered by a concurrent request: undo this one, replay that one.
      if (!logged) throw new NonceTaken();
      return decided;
    });
  } catch (error) {
    if (error instanceof NonceTaken) return replay(await storedResponseOf(db, actor.userId, nonce!), hash);
    throw error;
  }
  if (decision.kind === "refused") throw refusalError(decision.refusal);
  return decision.outcome;
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
