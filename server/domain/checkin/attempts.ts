// The door's audit: every scan attempt (refusals included, bounded per caller) is written by the
// scan's statement (scanAtDoor), and the curator reads it here.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { findManagedEvent } from "../guests/ownership";

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
