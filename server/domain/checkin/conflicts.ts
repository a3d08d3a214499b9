// One admission let in twice: two phones each said green while apart (or one offline, one
// online). Found when the later-synced offline scan arrives; the record keeps the earlier
// admission as the check-in, and the conflict is kept for both phones and the curator.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { insertConflict, lockEntryByCode, moveCheckInTo, readConflicts, type ConflictRow } from "../../db/sql/door-list";
import { execute, query } from "../../db/sql/statement";
import { EventGuestStatus } from "../../generated/prisma/enums";
import { findManagedEvent } from "../guests/ownership";
import type { CheckInConflictView } from "./schema";

/** How many conflicts a door or an event page lists. */
export const CONFLICTS_LISTED = 100;

export function conflictView(row: ConflictRow): CheckInConflictView {
  return {
    id: row.id,
    guest: { id: row.guestId, fullName: row.fullName },
    first: { by: { id: row.firstById, name: row.firstByName }, deviceId: row.firstDeviceId, at: row.firstAt },
    second: { by: { id: row.secondById, name: row.secondByName }, deviceId: row.secondDeviceId, at: row.secondAt },
    createdAt: row.createdAt,
  };
}

/** An offline green scan that the record says someone else admitted. */
export interface SecondAdmission {
  eventId: string;
  code: string;
  staffId: string;
  deviceId: string;
  at: Date;
  nonce: string;
}

/**
 * Records the conflict of `scan` with the admission already on record, once per scan (a sync
 * sent again finds the row and returns it). The earlier of the two becomes the record's
 * check-in. Null when the admission is not checked in any more (undone meanwhile): the guest
 * then came in once as far as the record goes.
 */
export async function recordConflict(db: Db, scan: SecondAdmission): Promise<CheckInConflictView | null> {
  const id = await db.$transaction(async (tx) => {
    const [entry] = await query(tx, lockEntryByCode({ eventId: scan.eventId, code: scan.code }));
    if (!entry || entry.status !== EventGuestStatus.CHECKED_IN || !entry.checkedInAt || !entry.checkedInBy) return null;
    const onRecord = { staffId: entry.checkedInBy, deviceId: entry.deviceId, at: entry.checkedInAt };
    const mine = { staffId: scan.staffId, deviceId: scan.deviceId, at: scan.at };
    const mineFirst = mine.at < onRecord.at;
    const [inserted] = await query(
      tx,
      insertConflict({
        eventId: scan.eventId,
        entryId: entry.id,
        first: mineFirst ? mine : onRecord,
        second: mineFirst ? onRecord : mine,
        reportedNonce: scan.nonce,
      }),
    );
    if (!inserted) {
      const [known] = await tx.checkInConflict.findMany({
        where: { guestToEventId: entry.id, reportedNonce: scan.nonce },
        select: { id: true },
      });
      return known?.id ?? null;
    }
    if (mineFirst) await execute(tx, moveCheckInTo({ entryId: entry.id, staffId: mine.staffId, at: mine.at }));
    return inserted.id;
  });
  if (!id) return null;
  const [row] = await query(db, readConflicts({ eventId: scan.eventId, id, limit: 1 }));
  return row ? conflictView(row) : null;
}

/** The event's conflicts, newest first, for anyone who sees its door. */
export async function conflictsOf(db: Db, eventId: string): Promise<CheckInConflictView[]> {
  return (await query(db, readConflicts({ eventId, limit: CONFLICTS_LISTED }))).map(conflictView);
}

/** The curator's list of the event's conflicts (the event page). */
export async function listConflicts(db: Db, actor: Actor, eventId: string): Promise<{ conflicts: CheckInConflictView[] }> {
  const event = await findManagedEvent(db, actor, eventId);
  return { conflicts: await conflictsOf(db, event.id) };
}
