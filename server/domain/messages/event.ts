// The event a message is about, as its manager sees it: 403 for a role that manages no
// events, 404 for an event the caller does not manage (as for one that does not exist).
import type { Actor } from "../../auth/actor";
import { managedEventsWhere, managesEvents } from "../../auth/policy";
import type { Db, Tx } from "../../db/client";
import { AppError } from "../../errors";
import { smsMaxLimitOf } from "./schema";

export async function findMessagingEvent(db: Db | Tx, actor: Actor, eventId: string) {
  if (!managesEvents(actor)) throw new AppError("FORBIDDEN", "Only the event's curator (and admins) write to its guests");
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, ...managedEventsWhere(actor) },
    select: { id: true, curatorId: true, title: true, messageInfo: true },
  });
  if (!event) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  return { id: event.id, curatorId: event.curatorId, title: event.title, smsMaxLimit: smsMaxLimitOf(event.messageInfo) };
}

export type MessagingEvent = Awaited<ReturnType<typeof findMessagingEvent>>;
