// The event an invitation is about, as its manager sees it: 403 for a role that manages no
// events, 404 for an event the caller does not manage (as for one that does not exist).
import type { Actor } from "../../auth/actor";
import { managedEventsWhere, managesEvents } from "../../auth/policy";
import type { Db, Tx } from "../../db/client";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";

const invitingEventSelect = {
  id: true,
  curatorId: true,
  status: true,
  title: true,
  startDate: true,
  endDate: true,
  timezone: true,
  venue: true,
} satisfies Prisma.EventSelect;

export async function findInvitingEvent(db: Db | Tx, actor: Actor, eventId: string) {
  if (!managesEvents(actor)) {
    throw new AppError("FORBIDDEN", "Only the event's curator (and admins) invite door staff and promoters");
  }
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, ...managedEventsWhere(actor) },
    select: invitingEventSelect,
  });
  if (!event) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  return event;
}
