// Taking back a check-in: a mistaken scan, undone at the door and logged as UNDONE. The
// curator may always; door staff their own scans within a few minutes (policy.ts mayUndoCheckIn).
import type { Actor } from "../../auth/actor";
import { doorRefusal, mayUndoCheckIn, STAFF_UNDO_WINDOW_MS } from "../../auth/policy";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { CheckInResult, EventGuestStatus } from "../../generated/prisma/enums";
import { loadDoorEvent, refusalError } from "./door-access";
import type { TUndoCheckInInput } from "./schema";

/**
 * Takes back the guest's check-in (of a buyer with several tickets, the latest admitted);
 * logged as UNDONE with what was taken back. 403 for staff past their window or undoing
 * someone else's scan, 404 for a guest not on the list, 409 when the guest is not checked in.
 */
export async function undoCheckIn(
  db: Db,
  actor: Actor,
  input: TUndoCheckInInput,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ guestId: string; status: EventGuestStatus }> {
  const event = await loadDoorEvent(db, actor, input.eventId);
  const refusal = doorRefusal(actor, event);
  if (refusal) throw refusalError(refusal);
  return db.$transaction(async (tx) => {
    const entries = await tx.eventGuestToEvent.findMany({
      where: { eventId: event.id, guestId: input.guestId, guest: { deletedAt: null } },
      orderBy: [{ checkedInAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      select: { id: true, status: true, checkedInAt: true, checkedInBy: true },
    });
    const entry = entries[0];
    if (!entry) throw new AppError("NOT_FOUND", `Guest ${input.guestId} is not on this event's list`);
    if (entry.status !== EventGuestStatus.CHECKED_IN) throw new AppError("CONFLICT", "This guest is not checked in");
    if (!mayUndoCheckIn(actor, event, entry, now)) {
      throw new AppError(
        "FORBIDDEN",
        `Door staff can take back only their own check-ins, within ${STAFF_UNDO_WINDOW_MS / 60_000} minutes; ask the event's curator`,
      );
    }
    // Only the admission that was judged: not one a concurrent undo and scan put in its place.
    const { count } = await tx.eventGuestToEvent.updateMany({
      where: { id: entry.id, status: EventGuestStatus.CHECKED_IN, checkedInAt: entry.checkedInAt, checkedInBy: entry.checkedInBy },
      data: { status: EventGuestStatus.INVITED, checkedInAt: null, checkedInBy: null },
    });
    if (count === 0) throw new AppError("CONFLICT", "This guest's check-in was changed just now: look again");
    await tx.checkInAttempt.create({
      data: {
        eventId: event.id,
        staffId: actor.userId,
        guestToEventId: entry.id,
        result: CheckInResult.UNDONE,
        response: { undone: { checkedInAt: entry.checkedInAt?.toISOString() ?? null, checkedInBy: entry.checkedInBy } },
      },
    });
    return { guestId: input.guestId, status: EventGuestStatus.INVITED };
  });
}
