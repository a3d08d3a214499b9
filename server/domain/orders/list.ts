// GET /product-event/:id/orders: an event's orders for its curator, newest first, with the totals.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import type { Prisma } from "../../generated/prisma/client";
import { decodeCursor, encodeCursor } from "../pagination";
import { ZOrderListQuery, type OrderList, type OrderView, type TOrderListQuery } from "./sales-schema";
import { assertManagesEventSales, salesTotals } from "./totals";

const orderViewSelect = {
  id: true,
  status: true,
  channel: true,
  buyerFirstName: true,
  buyerLastName: true,
  buyerEmail: true,
  currency: true,
  subtotal: true,
  tax: true,
  total: true,
  commission: true,
  createdAt: true,
  paidAt: true,
  refundedAt: true,
  cancelReason: true,
  items: { orderBy: { name: "asc" }, select: { variantId: true, name: true, unitPrice: true, quantity: true } },
  post: { select: { id: true, slug: true } },
  promoter: { select: { id: true, name: true } },
} satisfies Prisma.OrderSelect;

function toOrderView(row: Prisma.OrderGetPayload<{ select: typeof orderViewSelect }>): OrderView {
  const { buyerFirstName, buyerLastName, buyerEmail, post, promoter, items, ...order } = row;
  return {
    ...order,
    buyer: { firstName: buyerFirstName, lastName: buyerLastName, email: buyerEmail },
    items,
    tickets: items.reduce((sum, item) => sum + item.quantity, 0),
    via: post ? { postId: post.id, postSlug: post.slug, promoterId: promoter?.id ?? null, promoterName: promoter?.name ?? null } : null,
  };
}

/** Every word of the search in the buyer's first name, last name or email ("ada love" finds Ada Lovelace). */
function buyerMatches(search: string | undefined): Prisma.OrderWhereInput {
  const words = (search ?? "").split(/\s+/).filter(Boolean).slice(0, 5);
  return {
    AND: words.map((word) => ({
      OR: (["buyerFirstName", "buyerLastName", "buyerEmail"] as const).map((field) => ({ [field]: { contains: word, mode: "insensitive" } })),
    })),
  };
}

/**
 * The event's orders (every status, or `status`), newest first, keyset-paged over
 * (createdAt, id), searched by buyer name or email; with the event's sales totals.
 */
export async function listOrders(db: Db, actor: Actor, eventId: string, input: TOrderListQuery = {}): Promise<OrderList> {
  const { cursor, search, status, limit } = ZOrderListQuery.parse(input);
  const after = cursor === undefined ? null : decodeCursor(cursor);
  await assertManagesEventSales(db, actor, eventId);
  const [rows, totals] = await Promise.all([
    db.order.findMany({
      where: {
        eventId,
        ...(status && { status }),
        ...buyerMatches(search),
        ...(after && { OR: [{ createdAt: { lt: after.sortKey } }, { createdAt: after.sortKey, id: { lt: after.id } }] }),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: orderViewSelect,
    }),
    salesTotals(db, eventId),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    orders: page.map(toOrderView),
    nextCursor: rows.length > limit && last ? encodeCursor({ sortKey: last.createdAt, id: last.id }) : null,
    totals,
  };
}
