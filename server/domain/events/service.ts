import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { EventStatus, Role } from "../../generated/prisma/enums";
import type { HomeEvent, TPriceRange } from "./schema";

const HOME_EVENTS_LIMIT = 24;
/** An event without an end date counts as running for this long after its start. */
const DEFAULT_EVENT_LENGTH_MS = 24 * 60 * 60 * 1000;

/**
 * The home page's upcoming events, soonest first: events that have not ended yet.
 * A curator sees their own (including paused or canceled ones, so they can act on them);
 * everyone else sees every curator's events that are still on sale or paused.
 */
export async function listHomeEvents(db: Db, actor: Actor, now: Date = new Date()): Promise<HomeEvent[]> {
  const visibleTo =
    actor.role === Role.CURATOR
      ? {
          curatorId: actor.userId,
          status: { in: [EventStatus.UPCOMING, EventStatus.ON_HOLD, EventStatus.CANCELED] },
        }
      : { status: { in: [EventStatus.UPCOMING, EventStatus.ON_HOLD] } };

  const events = await db.event.findMany({
    where: {
      ...visibleTo,
      deletedAt: null,
      OR: [
        { endDate: { gte: now } },
        { endDate: null, startDate: { gte: new Date(now.getTime() - DEFAULT_EVENT_LENGTH_MS) } },
      ],
    },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    take: HOME_EVENTS_LIMIT,
    select: {
      id: true,
      title: true,
      status: true,
      startDate: true,
      endDate: true,
      timezone: true,
      venue: true,
      curator: { select: { name: true } },
      medias: {
        where: { mediaType: "IMAGE" },
        orderBy: { position: "asc" },
        take: 1,
        select: { src: true },
      },
      product: {
        where: { deletedAt: null },
        select: {
          variants: {
            where: { deletedAt: null },
            select: { price: true, currency: true, position: true },
          },
        },
      },
    },
  });

  return events.map((event) => ({
    id: event.id,
    title: event.title,
    status: event.status,
    startDate: event.startDate,
    endDate: event.endDate,
    timezone: event.timezone,
    venue: event.venue,
    curatorName: event.curator.name,
    posterSrc: event.medias[0]?.src ?? null,
    price: priceRange(event.product.flatMap((product) => product.variants)),
  }));
}

/**
 * Cheapest and dearest ticket. Prices in different currencies cannot be compared, so the
 * range covers the currency most ticket types use (ties go to the first ticket type).
 */
export function priceRange(
  variants: ReadonlyArray<{ price: number; currency: string; position?: number }>,
): TPriceRange | null {
  if (variants.length === 0) return null;
  const ordered = [...variants].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const counts = new Map<string, number>();
  for (const v of ordered) counts.set(v.currency, (counts.get(v.currency) ?? 0) + 1);
  let currency = ordered[0]!.currency;
  for (const [code, count] of counts) if (count > counts.get(currency)!) currency = code;
  const prices = ordered.filter((v) => v.currency === currency).map((v) => v.price);
  return { min: Math.min(...prices), max: Math.max(...prices), currency };
}
