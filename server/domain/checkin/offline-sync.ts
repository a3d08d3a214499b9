// A phone's scans made while the network was gone, sent in the order they happened once it is
// back (POST /product-event/guest-verification/sync). Nothing is dropped: every scan lands in
// the audit log (CheckInAttempt) under its nonce, so a sync sent twice changes nothing twice.
// A scan the phone answered green goes through the check-in service like any scan, and the
// record keeps the time it happened; when someone else had let that guest in, both admissions
// are kept as a conflict and the earlier one is the check-in. A scan the phone answered amber
// or red admitted nobody at the door, so it admits nobody here either: it is only logged.
import type { Actor } from "../../auth/actor";
import { maySyncOfflineScans } from "../../auth/policy";
import type { Db } from "../../db/client";
import { readEntryByCode } from "../../db/sql/checkin";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import { CheckInResult } from "../../generated/prisma/enums";
import { insertAttempt } from "./attempts";
import { checkIn } from "./check-in";
import { recordConflict } from "./conflicts";
import { loadDoorEvent } from "./door-access";
import { answeredBefore, replay, scanHash } from "./replay";
import type { CheckInOutcome, SyncedScan, SyncOfflineScansResult, TSyncOfflineScansInput } from "./schema";

type OfflineScan = TSyncOfflineScansInput["scans"][number];

/** A scan's time as the record keeps it: the phone's, but never in the future (a phone's clock can run fast). */
function happenedAt(scan: OfflineScan, now: Date): Date {
  return scan.scannedAt > now ? now : scan.scannedAt;
}

/** A scan the phone answered amber or red: logged with what the phone said, nobody admitted. */
async function logTurnedAway(db: Db, actor: Actor, input: TSyncOfflineScansInput, scan: OfflineScan): Promise<SyncedScan> {
  const [entry = null] = await query(db, readEntryByCode({ eventId: input.eventId, code: scan.code }));
  const request = scanHash({ eventId: input.eventId, code: scan.code });
  const outcome: CheckInOutcome =
    scan.offlineAnswer === "ALREADY_CHECKED_IN" && entry
      ? {
          answer: {
            result: "ALREADY_CHECKED_IN",
            guest: { id: entry.guestId, fullName: entry.fullName, ticketType: entry.ticketType },
            checkedInAt: entry.checkedInAt ?? scan.scannedAt,
            checkedInBy: entry.byId && entry.byName ? { id: entry.byId, name: entry.byName } : null,
          },
          message: `${entry.fullName}: answered "already in" while offline`,
        }
      : { answer: { result: "NOT_ON_LIST" }, message: `Answered "not on the list" while offline` };
  const logged = await insertAttempt(db, {
    eventId: input.eventId,
    staffId: actor.userId,
    deviceId: input.deviceId,
    nonce: scan.nonce,
    result: outcome.answer.result === "ALREADY_CHECKED_IN" ? CheckInResult.ALREADY_CHECKED_IN : CheckInResult.NOT_ON_LIST,
    guestToEventId: entry?.id ?? null,
    response: { request, answer: outcome.answer, message: outcome.message },
  });
  // Sent before: what was logged then is the answer (422 when that nonce was another scan's).
  const { answer, message } = logged ? outcome : replay(await answeredBefore(db, actor.userId, scan.nonce), request);
  return { nonce: scan.nonce, result: answer.result, message, conflict: null };
}

/** A scan the phone answered green: checked in for real, at the time it happened. */
async function syncAdmission(db: Db, actor: Actor, input: TSyncOfflineScansInput, scan: OfflineScan, now: Date): Promise<SyncedScan> {
  const at = happenedAt(scan, now);
  // The scan's own time goes into the same one statement that admits (no later backdating to race with).
  const { answer, message } = await checkIn(
    db,
    actor,
    { eventId: input.eventId, code: scan.code, nonce: scan.nonce, deviceId: input.deviceId },
    { scannedAt: at, offline: true },
  );
  if (answer.result === "CHECKED_IN") return { nonce: scan.nonce, result: answer.result, message, conflict: null };
  if (answer.result === "NOT_ON_LIST") return { nonce: scan.nonce, result: answer.result, message, conflict: null };
  const conflict = await recordConflict(db, {
    eventId: input.eventId,
    code: scan.code,
    staffId: actor.userId,
    deviceId: input.deviceId,
    at,
    nonce: scan.nonce,
  });
  return { nonce: scan.nonce, result: answer.result, message, conflict };
}

/**
 * Syncs a phone's offline scans in order. A green scan the door refuses now (closed, paused)
 * is logged by the check-in and answered REFUSED; past the wrong-code limit the rest wait
 * (`retryAfterSeconds`) and the phone sends them again.
 */
export async function syncOfflineScans(db: Db, actor: Actor, input: TSyncOfflineScansInput, now: Date = new Date()): Promise<SyncOfflineScansResult> {
  const event = await loadDoorEvent(db, actor, input.eventId);
  if (!maySyncOfflineScans(actor, event)) {
    throw new AppError("FORBIDDEN", "Only the event's curator and the door staff assigned to it may send its door's scans");
  }
  const synced: SyncedScan[] = [];
  for (const scan of input.scans) {
    try {
      synced.push(
        scan.offlineAnswer === "CHECKED_IN" ? await syncAdmission(db, actor, input, scan, now) : await logTurnedAway(db, actor, input, scan),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "RATE_LIMITED") return { synced, retryAfterSeconds: error.details.retryAfterSeconds ?? 60 };
      synced.push({ nonce: scan.nonce, result: "REFUSED", message: error.message, conflict: null });
    }
  }
  return { synced, retryAfterSeconds: null };
}
