// What the curator's Sales section, GET /product-event/:id/orders and the promoter's posts
// show of an event's orders. Money is integer minor units in the event's currency.
import { z } from "zod";
import { OrderChannel, OrderStatus } from "../../generated/prisma/enums";

export const ZOrderListQuery = z.strictObject({
  /** Buyer's name or email, any part of it; words are matched each. */
  search: z.string().trim().max(200).optional(),
  status: z.enum(OrderStatus).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type TOrderListQuery = z.input<typeof ZOrderListQuery>;

/** What a set of paid orders sold: refunded orders are not in here. */
export const ZSalesSums = z.object({
  orders: z.int(),
  tickets: z.int(),
  /** What the buyers paid, tax included. */
  revenue: z.int(),
  /** The promoters' commission earned on these orders. */
  commission: z.int(),
});
export type SalesSums = z.infer<typeof ZSalesSums>;

export const ZOrderView = z.object({
  id: z.uuid(),
  status: z.enum(OrderStatus),
  channel: z.enum(OrderChannel),
  buyer: z.object({ firstName: z.string(), lastName: z.string(), email: z.string() }),
  currency: z.string().length(3),
  subtotal: z.int(),
  tax: z.int(),
  total: z.int(),
  commission: z.int(),
  /** Tickets in the order (every item's quantity). */
  tickets: z.int(),
  items: z.array(z.object({ variantId: z.uuid(), name: z.string(), unitPrice: z.int(), quantity: z.int() })),
  /** The post whose share link the buyer came from, and its promoter; null when none. */
  via: z.object({ postId: z.uuid(), postSlug: z.string(), promoterId: z.uuid().nullable(), promoterName: z.string().nullable() }).nullable(),
  createdAt: z.date(),
  paidAt: z.date().nullable(),
  refundedAt: z.date().nullable(),
  /** Why the order was not fulfilled (a CANCELED Shopify order: the curator refunds it in Shopify); null otherwise. */
  cancelReason: z.string().nullable(),
});
export type OrderView = z.infer<typeof ZOrderView>;

export const ZVariantSales = z.object({
  variantId: z.uuid(),
  name: z.string(),
  /** Capacity. */
  quantity: z.int(),
  sold: z.int(),
  held: z.int(),
  /** quantity - sold - held. */
  left: z.int(),
});

export const ZPromoterSales = ZSalesSums.extend({
  /** Null for orders that came through no post (the event's own page, Shopify). */
  promoterId: z.uuid().nullable(),
  promoterName: z.string().nullable(),
  postId: z.uuid().nullable(),
  postSlug: z.string().nullable(),
});
export type PromoterSales = z.infer<typeof ZPromoterSales>;

export const ZSalesTotals = ZSalesSums.extend({
  /** The event's currency (its ticket types'). */
  currency: z.string().length(3),
  /** Tax in the revenue. */
  tax: z.int(),
  /** Paid, then refunded: not counted above. */
  refunded: z.object({ orders: z.int(), tickets: z.int(), total: z.int() }),
  byVariant: z.array(ZVariantSales),
  byPromoter: z.array(ZPromoterSales),
});
export type SalesTotals = z.infer<typeof ZSalesTotals>;

/** GET /product-event/:id/orders: newest first; pass `nextCursor` for the next page. */
export const ZOrderList = z.object({
  orders: z.array(ZOrderView),
  nextCursor: z.string().nullable(),
  totals: ZSalesTotals,
});
export type OrderList = z.infer<typeof ZOrderList>;
