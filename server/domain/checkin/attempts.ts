// The door's audit: every scan attempt (refusals included, bounded per caller) is written by the
// scan's statement (scanAtDoor), the scans a phone turned away offline by insertAttempt (their
// sync, offline-sync.ts), and the curator reads it here.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { insertCheckInAttempt, type CheckInAttemptValues } from "../../db/sql/checkin";
import { query } from "../../db/sql/statement";
import { findManagedEvent } from "../guests/ownership";
import type { StoredResponse } from "./replay";

/** An attempt as the door logs it, its response the one a replay answers. */
export type AttemptRow = CheckInAttemptValues & { response: StoredResponse };

/**
 * Logs an attempt. With a nonce, only when no attempt holds that nonce yet (the unique index
 * (staff_id, nonce) decides, waiting for a concurrent transaction that holds it): false then.
 */
export async function insertAttempt(db: Db, row: AttemptRow): Promise<boolean> {
  const inserted = await query(db, insertCheckInAttempt(row));
  return inserted.length > 0;
}

/** The door's audit trail, newest first (the curator, or an admin). */
export async function listAttempts(db: Db, actor: Actor, input: { eventId: string; limit: number }) {
  const event = await findManagedEvent(db, actor, input.eventId);
  const rows = await db.checkInAttempt.findMany({
    where: { eventId: event.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
    select: {
      id: true,
      result: true,
      deviceId: true,
      createdAt: true,
      staff: { select: { id: true, name: true } },
      guestToEvent: { select: { guest: { select: { id: true, fullName: true } } } },
    },
  });
  return {
    attempts: rows.map(({ guestToEvent, ...row }) => ({ ...row, guest: guestToEvent?.guest ?? null })),
  };
}
