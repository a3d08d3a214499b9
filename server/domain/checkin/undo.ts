// Taking back a check-in: a mistaken scan, undone by the event's curator and logged as UNDONE.
import type { Actor } from "../../auth/actor";
import { doorRefusal, mayUndoCheckIn } from "../../auth/policy";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { CheckInResult, EventGuestStatus } from "../../generated/prisma/enums";
import { loadDoorEvent, refusalError } from "./door-access";
import type { TUndoCheckInInput } from "./schema";

/** Takes back a check-in (the curator only, e.g. a mistaken scan); logged as UNDONE. */
export async function undoCheckIn(db: Db, actor: Actor, input: TUndoCheckInInput): Promise<{ guestId: string; status: EventGuestStatus }> {
  const event = await loadDoorEvent(db, actor, input.eventId);
  if (!mayUndoCheckIn(actor, event)) {
    throw new AppError("FORBIDDEN", "Only the event's curator can take back a check-in");
  }
  const refusal = doorRefusal(actor, event);
  if (refusal) throw refusalError(refusal);
  return db.$transaction(async (tx) => {
    const entry = await tx.eventGuestToEvent.findFirst({
      where: { eventId: event.id, guestId: input.guestId, guest: { deletedAt: null } },
      select: { id: true, checkedInAt: true, checkedInBy: true },
    });
    if (!entry) throw new AppError("NOT_FOUND", `Guest ${input.guestId} is not on this event's list`);
    const { count } = await tx.eventGuestToEvent.updateMany({
      where: { id: entry.id, status: EventGuestStatus.CHECKED_IN },
      data: { status: EventGuestStatus.INVITED, checkedInAt: null, checkedInBy: null },
    });
    if (count === 0) throw new AppError("CONFLICT", "This guest is not checked in");
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
