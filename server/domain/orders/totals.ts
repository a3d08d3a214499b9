// What an event sold: in total, per ticket type and per promoter; and what each post sold.
// Only PAID orders count; refunded orders are shown apart and counted in nothing else.
import type { Actor } from "../../auth/actor";
import { assertManagesEvents, managedEventsWhere } from "../../auth/policy";
import type { Db } from "../../db/client";
import { eventSalesByPromoter, eventSalesByStatus, salesByPost as salesByPostStatement, type SalesSums as SalesSumsRow } from "../../db/sql/sales";
import { query } from "../../db/sql/statement";
import { OrderStatus } from "../../generated/prisma/enums";
import { eventNotFound } from "../events/fields";
import { theTicketProduct, ticketProductArgs } from "../products/views";
import type { SalesSums, SalesTotals } from "./sales-schema";

const NOTHING_SOLD: SalesSums = { orders: 0, tickets: 0, revenue: 0, commission: 0 };

function toSums(row: SalesSumsRow | undefined): SalesSums & { tax: number } {
  if (!row) return { ...NOTHING_SOLD, tax: 0 };
  return {
    orders: Number(row.orders),
    tickets: Number(row.tickets),
    revenue: Number(row.revenue),
    tax: Number(row.tax),
    commission: Number(row.commission),
  };
}

/** The event, when the actor manages it (its curator, an admin); 404 as for an unknown id otherwise. */
export async function assertManagesEventSales(db: Db, actor: Actor, eventId: string): Promise<void> {
  assertManagesEvents(actor);
  const event = await db.event.findFirst({ where: { id: eventId, deletedAt: null, ...managedEventsWhere(actor) }, select: { id: true } });
  if (!event) throw eventNotFound(eventId);
}

/** An event's sales (the caller checked who may see them). */
export async function salesTotals(db: Db, eventId: string): Promise<SalesTotals> {
  const [byStatus, byPromoterRows, product] = await Promise.all([
    query(db, eventSalesByStatus({ eventId })),
    query(db, eventSalesByPromoter({ eventId })),
    db.product.findMany({
      where: { eventId, ...ticketProductArgs.where },
      orderBy: ticketProductArgs.orderBy,
      take: 1,
      select: {
        merchant: { select: { currency: true } },
        // Removed ticket types that sold stay in the table: their tickets are still admissions.
        variants: {
          where: { OR: [{ deletedAt: null }, { sold: { gt: 0 } }, { held: { gt: 0 } }] },
          orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
          select: { id: true, name: true, currency: true, quantity: true, sold: true, held: true },
        },
      },
    }),
  ]);
  const { merchant, variants } = theTicketProduct(eventId, product);
  const paid = toSums(byStatus.find((row) => row.status === OrderStatus.PAID));
  const refunded = toSums(byStatus.find((row) => row.status === OrderStatus.REFUNDED));

  const promoterIds = [...new Set(byPromoterRows.flatMap((row) => (row.promoterId ? [row.promoterId] : [])))];
  const postIds = [...new Set(byPromoterRows.flatMap((row) => (row.postId ? [row.postId] : [])))];
  const [promoters, posts] = await Promise.all([
    promoterIds.length ? db.user.findMany({ where: { id: { in: promoterIds } }, select: { id: true, name: true } }) : [],
    postIds.length ? db.post.findMany({ where: { id: { in: postIds } }, select: { id: true, slug: true } }) : [],
  ]);
  const promoterName = new Map(promoters.map((p) => [p.id, p.name]));
  const postSlug = new Map(posts.map((p) => [p.id, p.slug]));

  return {
    currency: variants[0]?.currency ?? merchant.currency,
    orders: paid.orders,
    tickets: paid.tickets,
    revenue: paid.revenue,
    tax: paid.tax,
    commission: paid.commission,
    refunded: { orders: refunded.orders, tickets: refunded.tickets, total: refunded.revenue },
    byVariant: variants.map((v) => ({
      variantId: v.id,
      name: v.name,
      quantity: v.quantity,
      sold: v.sold,
      held: v.held,
      left: Math.max(0, v.quantity - v.sold - v.held),
    })),
    byPromoter: byPromoterRows.map((row) => {
      const { tax: _tax, ...sums } = toSums(row);
      return {
        promoterId: row.promoterId,
        promoterName: row.promoterId ? (promoterName.get(row.promoterId) ?? null) : null,
        postId: row.postId,
        postSlug: row.postId ? (postSlug.get(row.postId) ?? null) : null,
        ...sums,
      };
    }),
  };
}

/** What each of these posts sold (paid orders); a post that sold nothing has zeros. */
export async function salesByPost(db: Db, postIds: string[]): Promise<Map<string, SalesSums>> {
  const rows = postIds.length ? await query(db, salesByPostStatement({ postIds })) : [];
  const byPost = new Map(
    rows.map((row) => {
      const { tax: _tax, ...sums } = toSums(row);
      return [row.postId, sums];
    }),
  );
  return new Map(postIds.map((id) => [id, byPost.get(id) ?? NOTHING_SOLD]));
}
