// GET /product-event/:id/related-posts: the posts made from an event its manager sees.
import type { Actor } from "../../auth/actor";
import { assertManagesEvents, managedEventsWhere } from "../../auth/policy";
import type { Db } from "../../db/client";
import { salesByPost } from "../orders/totals";
import { decodeCursor, encodeCursor } from "../pagination";
import { postViewSelect, toPostView } from "../posts/views";
import { eventNotFound } from "./fields";
import type { RelatedPosts, TRelatedPostsQuery } from "./schema";

/** The event's posts (any creator) with what each sold, newest first, keyset-paged over (createdAt, id). */
export async function listRelatedPosts(db: Db, actor: Actor, eventId: string, query: TRelatedPostsQuery): Promise<RelatedPosts> {
  assertManagesEvents(actor);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, ...managedEventsWhere(actor) },
    select: { id: true },
  });
  if (!event) throw eventNotFound(eventId);
  const limit = query.limit ?? 20;
  const rows = await db.post.findMany({
    where: {
      createFromEventId: eventId,
      deletedAt: null,
      ...(after && {
        OR: [{ createdAt: { lt: after.sortKey } }, { createdAt: after.sortKey, id: { lt: after.id } }],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: postViewSelect,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const sales = await salesByPost(
    db,
    page.map((row) => row.id),
  );
  return {
    posts: page.map((row) => ({ ...toPostView(row), sales: sales.get(row.id)! })),
    nextCursor: rows.length > limit && last ? encodeCursor({ sortKey: last.createdAt, id: last.id }) : null,
  };
}
