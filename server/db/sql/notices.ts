// Statements of the guests' automatic mails (server/domain/notices): the sweep's claim of events
// whose reminder or location mail is due, the guests who get an event's mails, and the mails
// themselves, queued set-based with their dedupe keys.
import { Prisma } from "../../generated/prisma/client";
import { EventStatus, OrderStatus } from "../../generated/prisma/enums";
import { statement } from "./statement";

/** The two scheduled mails, by the event column that says when each is due. */
export type DueNotice = "REMINDER" | "LOCATION";
const DUE_COLUMN: Record<DueNotice, string> = { REMINDER: "reminder_due_at", LOCATION: "location_notice_due_at" };

/**
 * Up to `batchSize` events whose `notice` is due, claimed FOR UPDATE SKIP LOCKED (two sweeps
 * never take one event), oldest due first. A live paused event is left for later (its mail goes
 * once it resumes, if still in time); deleted, canceled and completed ones are claimed so the
 * sweep clears them without sending.
 */
export function claimDueNotices({ notice, now, batchSize }: { notice: DueNotice; now: Date; batchSize: number }) {
  const column = Prisma.raw(DUE_COLUMN[notice]);
  return statement<{ id: string; dueAt: Date }>(Prisma.sql`
    SELECT id, ${column} AS "dueAt" FROM "Event"
     WHERE ${column} <= ${now}
       AND NOT (status = ${EventStatus.ON_HOLD}::"EventStatus" AND deleted_at IS NULL)
     ORDER BY ${column}, id
     LIMIT ${batchSize}
       FOR UPDATE SKIP LOCKED`);
}

/** Clears an event's due `notice` (sent, or no longer to be sent). */
export function clearDueNotice({ notice, eventId }: { notice: DueNotice; eventId: string }) {
  const column = Prisma.raw(DUE_COLUMN[notice]);
  return statement(Prisma.sql`UPDATE "Event" SET ${column} = NULL WHERE id = ${eventId}::uuid`);
}

/**
 * The guests an event's mails go to, one row per guest (a buyer of three tickets is one guest
 * with three codes): live guests with an email holding a ticket that counts, i.e. one the
 * curator gave them or one of a PAID order (a refunded order's tickets stay on the list but are
 * no longer the guest's).
 */
export function eventMailRecipients({ eventId }: { eventId: string }) {
  return statement<{ guestId: string; email: string; guestName: string; ticketCodes: string[] }>(Prisma.sql`
    SELECT g.id AS "guestId", g.email, g.full_name AS "guestName",
           array_agg(a.ticket_code ORDER BY a.created_at, a.id) AS "ticketCodes"
      FROM "EventGuestToEvent" a
      JOIN "EventGuest" g ON g.id = a.guest_id AND g.deleted_at IS NULL AND g.email IS NOT NULL
      LEFT JOIN "Order" o ON o.id = a.order_id
     WHERE a.event_id = ${eventId}::uuid
       AND (a.order_id IS NULL OR o.status = ${OrderStatus.PAID}::"OrderStatus")
     GROUP BY g.id
     ORDER BY g.id`);
}
