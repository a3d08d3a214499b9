// The curator's event list: every event they manage with what a glance needs (status, date,
// ticket types, posts, guests and check-ins), current events first.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { assertManagesEvents, managedEventsWhere } from "../../auth/policy";
import type { Db } from "../../db/client";
import { EventGuestStatus } from "../../generated/prisma/enums";
import { ticketProductArgs } from "../products/views";
import { eventCardSelect, priceRange, toEventCard } from "./cards";
import { hasEnded } from "./ended";
import { ZHomeEvent } from "./schema";
import { isFinalStatus } from "./status";

export const ZManagedEvent = ZHomeEvent.extend({
  /** Ticket types on sale (live variants) and their summed quantity. */
  ticketTypes: z.int(),
  capacity: z.int(),
  posts: z.int(),
  guests: z.int(),
  checkedIn: z.int(),
  /** Ended (its end, or start + 24 h, passed) or in a final status. */
  isPast: z.boolean(),
});
export type ManagedEvent = z.infer<typeof ZManagedEvent>;

const LIST_LIMIT = 200;

/**
 * A curator's own events (an admin's: everyone's), current ones soonest first, then past and
 * final ones most recent first.
 */
export async function listManagedEvents(db: Db, actor: Actor, now: Date = new Date()): Promise<ManagedEvent[]> {
  assertManagesEvents(actor);
  const rows = await db.event.findMany({
    where: { deletedAt: null, ...managedEventsWhere(actor) },
    orderBy: [{ startDate: "desc" }, { id: "asc" }],
    take: LIST_LIMIT,
    select: {
      ...eventCardSelect,
      product: {
        ...ticketProductArgs,
        select: { variants: { where: { deletedAt: null }, select: { price: true, currency: true, quantity: true, position: true } } },
      },
      _count: { select: { posts: { where: { deletedAt: null } } } },
    },
  });
  const ids = rows.map((row) => row.id);
  const guestCounts = ids.length
    ? await db.eventGuestToEvent.groupBy({
        by: ["eventId", "status"],
        where: { eventId: { in: ids }, guest: { deletedAt: null } },
        _count: { _all: true },
      })
    : [];
  const guests = new Map<string, { guests: number; checkedIn: number }>();
  for (const row of guestCounts) {
    const entry = guests.get(row.eventId) ?? { guests: 0, checkedIn: 0 };
    entry.guests += row._count._all;
    if (row.status === EventGuestStatus.CHECKED_IN) entry.checkedIn += row._count._all;
    guests.set(row.eventId, entry);
  }
  const events = rows.map((row): ManagedEvent => {
    const variants = row.product.flatMap((p) => p.variants);
    const counts = guests.get(row.id) ?? { guests: 0, checkedIn: 0 };
    return {
      ...toEventCard(row),
      ticketTypes: variants.length,
      capacity: variants.reduce((sum, v) => sum + v.quantity, 0),
      price: priceRange(variants),
      posts: row._count.posts,
      guests: counts.guests,
      checkedIn: counts.checkedIn,
      isPast: isFinalStatus(row.status) || hasEnded(row, now),
    };
  });
  const current = events.filter((e) => !e.isPast).reverse(); // soonest first
  const past = events.filter((e) => e.isPast); // most recent first
  return [...current, ...past];
}
