// The home page's list: upcoming events as cards, soonest first.
import type { Actor } from "../../auth/actor";
import { visibleEventsWhere } from "../../auth/policy";
import type { Db } from "../../db/client";
import { EventStatus, Role } from "../../generated/prisma/enums";
import { ticketProductArgs } from "../products/views";
import { eventCardSelect, priceRange, toEventCard } from "./cards";
import { notEndedWhere } from "./ended";
import type { HomeEvent } from "./schema";

const HOME_EVENTS_LIMIT = 24;

/**
 * The home page's upcoming events, soonest first: events that have not ended yet.
 * A curator sees their own (including paused or canceled ones, so they can act on them);
 * everyone else sees every curator's events that are still on sale or paused.
 */
export async function listHomeEvents(db: Db, actor: Actor, now: Date = new Date()): Promise<HomeEvent[]> {
  const statuses =
    actor.role === Role.CURATOR ? [EventStatus.UPCOMING, EventStatus.ON_HOLD, EventStatus.CANCELED] : [EventStatus.UPCOMING, EventStatus.ON_HOLD];
  const events = await db.event.findMany({
    where: { ...visibleEventsWhere(actor), status: { in: statuses }, deletedAt: null, ...notEndedWhere(now) },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    take: HOME_EVENTS_LIMIT,
    select: {
      ...eventCardSelect,
      product: {
        ...ticketProductArgs,
        select: { variants: { where: { deletedAt: null }, select: { price: true, currency: true, position: true } } },
      },
    },
  });

  return events.map((event) => ({
    ...toEventCard(event),
    price: priceRange(event.product.flatMap((product) => product.variants)),
  }));
}
