// GET /product-event/:id/details: what the curator's event page shows.
import type { Actor } from "../../auth/actor";
import { assertManagesEvents, managedEventsWhere } from "../../auth/policy";
import type { Db } from "../../db/client";
import { postSyncSummary } from "../../db/sql/events";
import { query } from "../../db/sql/statement";
import type { Prisma } from "../../generated/prisma/client";
import { EventGuestStatus } from "../../generated/prisma/enums";
import { readEventJobs } from "../jobs/runs";
import { productViewSelect, theTicketProduct, ticketProductArgs } from "../products/views";
import { eventNotFound } from "./fields";
import type { EventDetails } from "./schema";
import { lineupViewSelect, mediaViewSelect, eventViewSelect, toEventView, toLineupView, toMediaView } from "./views";

/**
 * The event with its lineup and media, the ticket product, counts of posts (not deleted),
 * guests on the list and guests checked in, its posts' sync states and its failed jobs.
 */
export async function getEventDetails(db: Db, actor: Actor, eventId: string): Promise<EventDetails> {
  assertManagesEvents(actor);
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, ...managedEventsWhere(actor) },
    select: {
      ...eventViewSelect,
      lineups: { orderBy: [{ order: "asc" }, { id: "asc" }], select: lineupViewSelect },
      medias: { orderBy: [{ position: "asc" }, { id: "asc" }], select: mediaViewSelect },
    },
  });
  if (!event) throw eventNotFound(eventId);
  const { lineups, medias, ...row } = event;
  const liveGuests = { eventId, guest: { deletedAt: null } } satisfies Prisma.EventGuestToEventWhereInput;
  const [product, posts, guests, checkedIn, postSync, jobs] = await Promise.all([
    db.product.findFirst({
      where: { eventId, ...ticketProductArgs.where },
      orderBy: ticketProductArgs.orderBy,
      select: { ...productViewSelect, shopifyStatus: true, shopifyError: true, shopifySyncedAt: true },
    }),
    db.post.count({ where: { createFromEventId: eventId, deletedAt: null } }),
    db.eventGuestToEvent.count({ where: liveGuests }),
    db.eventGuestToEvent.count({ where: { ...liveGuests, status: EventGuestStatus.CHECKED_IN } }),
    readPostSyncSummary(db, eventId),
    readEventJobs(db, eventId),
  ]);
  return {
    event: { ...toEventView(row), lineups: lineups.map(toLineupView), medias: medias.map(toMediaView) },
    product: theTicketProduct(eventId, product),
    stats: { posts, guests, checkedIn },
    postSync,
    jobs,
  };
}

/** The event's live posts counted by sync state, as postSyncState() tells each post's. */
async function readPostSyncSummary(db: Db, eventId: string): Promise<EventDetails["postSync"]> {
  const [row] = await query(db, postSyncSummary({ eventId }));
  return row ?? { current: 0, behind: 0, off: 0 };
}
