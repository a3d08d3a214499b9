// The promoter's feed: events open for promotion, and the caller's own posts.
import type { Actor } from "../../auth/actor";
import { mayPost, visibleEventsWhere } from "../../auth/policy";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { EventStatus, MediaType } from "../../generated/prisma/enums";
import { isAddressRevealed } from "../events/address-reveal";
import { salesByPost } from "../orders/totals";
import { priceRange } from "../events/cards";
import { notEndedWhere } from "../events/ended";
import { toEventView, eventViewSelect } from "../events/views";
import { postViewSelect, toPostView } from "../posts/views";
import { ticketProductArgs } from "../products/views";
import type { OwnPost, PromotableEvent } from "./schema";

const FEED_LIMIT = 50;

function assertPoster(actor: Actor): void {
  if (!mayPost(actor)) {
    throw new AppError("FORBIDDEN", "Only promoters, curators and admins have a feed");
  }
}

/**
 * Events a post can be made from (UPCOMING: posts from paused events are refused) that have
 * not ended, soonest first, those the caller was invited to promote before all others. Curators
 * see only their own, as createPostFromEvent allows.
 */
export async function listPromotableEvents(db: Db, actor: Actor, now: Date = new Date()): Promise<PromotableEvent[]> {
  assertPoster(actor);
  const where = {
    status: EventStatus.UPCOMING,
    deletedAt: null,
    ...visibleEventsWhere(actor),
    ...notEndedWhere(now),
  } satisfies Prisma.EventWhereInput;
  const args = {
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    take: FEED_LIMIT,
    select: {
      ...eventViewSelect,
      curator: { select: { name: true } },
      medias: { where: { mediaType: MediaType.IMAGE }, orderBy: { position: "asc" }, take: 1, select: { src: true } },
      lineups: { where: { isHeadliner: true }, orderBy: [{ order: "asc" }, { id: "asc" }], select: { title: true } },
      product: {
        ...ticketProductArgs,
        select: { variants: { where: { deletedAt: null }, select: { price: true, currency: true, position: true } } },
      },
      posts: {
        where: { creatorId: actor.userId, deletedAt: null },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, slug: true },
      },
    },
  } satisfies Omit<Prisma.EventFindManyArgs, "where">;
  // Events the caller was invited to promote come first, each group soonest first.
  const [invited, others] = await Promise.all([
    db.event.findMany({ where: { ...where, promoters: { some: { userId: actor.userId } } }, ...args }),
    db.event.findMany({ where: { ...where, promoters: { none: { userId: actor.userId } } }, ...args }),
  ]);
  const invitedIds = new Set(invited.map((row) => row.id));
  const rows = [...invited, ...others].slice(0, FEED_LIMIT);
  return rows.map(({ curator, medias, lineups, product, posts, ...row }) => {
    const event = toEventView(row);
    return {
      id: event.id,
      title: event.title,
      startDate: event.startDate,
      endDate: event.endDate,
      timezone: event.timezone,
      venue: event.venue,
      location: isAddressRevealed(event, now) ? event.location : null,
      curatorName: curator.name,
      posterSrc: medias[0]?.src ?? null,
      price: priceRange(product.flatMap((p) => p.variants)),
      headliners: lineups.map((l) => l.title),
      myPost: posts[0] ?? null,
      invited: invitedIds.has(event.id),
    };
  });
}

/** The caller's own posts, newest first, each with the event it was made from. */
export async function listOwnPosts(db: Db, actor: Actor): Promise<OwnPost[]> {
  assertPoster(actor);
  const rows = await db.post.findMany({
    where: { creatorId: actor.userId, deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: FEED_LIMIT,
    select: {
      ...postViewSelect,
      event: {
        select: {
          id: true,
          title: true,
          status: true,
          version: true,
          startDate: true,
          timezone: true,
          deletedAt: true,
          product: { ...ticketProductArgs, select: { variants: { take: 1, select: { currency: true } } } },
        },
      },
    },
  });
  const sales = await salesByPost(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    post: toPostView(row),
    sales: sales.get(row.id)!,
    currency: row.event?.product[0]?.variants[0]?.currency ?? null,
    event:
      row.event && !row.event.deletedAt
        ? {
            id: row.event.id,
            title: row.event.title,
            status: row.event.status,
            version: row.event.version,
            startDate: row.event.startDate,
            timezone: row.event.timezone,
          }
        : null,
  }));
}
