// Statements over what an event sold: paid orders summed by attribution (the curator's
// table by promoter, each post's sales). Only PAID orders count; refunded ones are apart.
import { Prisma } from "../../generated/prisma/client";
import { OrderStatus } from "../../generated/prisma/enums";
import { statement } from "./statement";

/** Sums as int8 (a flash sale's revenue outgrows int4 in minor units); callers make them numbers. */
export interface SalesSums {
  orders: bigint;
  tickets: bigint;
  revenue: bigint;
  tax: bigint;
  commission: bigint;
}

const ticketsPerOrder = Prisma.sql`(SELECT COALESCE(sum(i.quantity), 0) FROM "OrderItem" i WHERE i.order_id = o.id)`;

const sums = Prisma.sql`
  count(*)::int8 AS orders,
  COALESCE(sum(${ticketsPerOrder}), 0)::int8 AS tickets,
  COALESCE(sum(o.total), 0)::int8 AS revenue,
  COALESCE(sum(o.tax), 0)::int8 AS tax,
  COALESCE(sum(o.commission), 0)::int8 AS commission`;

/** An event's orders by status (PAID for the totals, REFUNDED shown apart). */
export function eventSalesByStatus({ eventId }: { eventId: string }) {
  return statement<SalesSums & { status: OrderStatus }>(Prisma.sql`
    SELECT o.status, ${sums}
      FROM "Order" o
     WHERE o.event_id = ${eventId}::uuid
       AND o.status IN (${OrderStatus.PAID}::"OrderStatus", ${OrderStatus.REFUNDED}::"OrderStatus")
     GROUP BY o.status`);
}

/** An event's paid orders by the promoter and post they came through (both null: not through a post). */
export function eventSalesByPromoter({ eventId }: { eventId: string }) {
  return statement<SalesSums & { promoterId: string | null; postId: string | null }>(Prisma.sql`
    SELECT o.promoter_id AS "promoterId", o.post_id AS "postId", ${sums}
      FROM "Order" o
     WHERE o.event_id = ${eventId}::uuid AND o.status = ${OrderStatus.PAID}::"OrderStatus"
     GROUP BY o.promoter_id, o.post_id
     ORDER BY revenue DESC, orders DESC`);
}

/** Paid orders of each of these posts. */
export function salesByPost({ postIds }: { postIds: string[] }) {
  return statement<SalesSums & { postId: string }>(Prisma.sql`
    SELECT o.post_id AS "postId", ${sums}
      FROM "Order" o
     WHERE o.post_id = ANY (${postIds}::uuid[]) AND o.status = ${OrderStatus.PAID}::"OrderStatus"
     GROUP BY o.post_id`);
}
