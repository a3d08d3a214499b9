// An order as its buyer sees it (the order page, a repeated POST). The order id is the buyer's
// capability: a UUID v4 carries 122 random bits, as unguessable as a ticket code, so knowing
// it is what entitles one to see the order; no listing ever shows another buyer's id.
import type { Db, Tx } from "../../db/client";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { OrderStatus } from "../../generated/prisma/enums";
import type { OrderView } from "./schema";

export const orderViewSelect = {
  id: true,
  eventId: true,
  status: true,
  currency: true,
  subtotal: true,
  tax: true,
  total: true,
  expiresAt: true,
  checkoutUrl: true,
  buyerFirstName: true,
  buyerLastName: true,
  buyerEmail: true,
  items: { orderBy: { variantId: "asc" }, select: { variantId: true, name: true, unitPrice: true, quantity: true } },
  tickets: { orderBy: [{ variantId: "asc" }, { createdAt: "asc" }, { id: "asc" }], select: { ticketCode: true, variantId: true } },
} satisfies Prisma.OrderSelect;

export type OrderViewRow = Prisma.OrderGetPayload<{ select: typeof orderViewSelect }>;

export function toOrderView(row: OrderViewRow): OrderView {
  const pending = row.status === OrderStatus.PENDING_PAYMENT;
  const names = new Map(row.items.map((item) => [item.variantId, item.name]));
  return {
    id: row.id,
    eventId: row.eventId,
    status: row.status,
    currency: row.currency,
    subtotal: row.subtotal,
    tax: row.tax,
    total: row.total,
    expiresAt: pending ? row.expiresAt : null,
    checkoutUrl: pending ? row.checkoutUrl : null,
    buyer: { firstName: row.buyerFirstName, lastName: row.buyerLastName, email: row.buyerEmail },
    items: row.items,
    // A refunded order's tickets stay on the list for the curator's records but are not the buyer's to use.
    tickets:
      row.status === OrderStatus.PAID
        ? row.tickets.map((ticket) => ({ code: ticket.ticketCode, variantId: ticket.variantId!, variantName: names.get(ticket.variantId!) ?? "" }))
        : [],
  };
}

/** The order page's order; NOT_FOUND for an unknown id. */
export async function getOrder(db: Db | Tx, orderId: string): Promise<OrderView> {
  const row = await db.order.findUnique({ where: { id: orderId }, select: orderViewSelect });
  if (!row) throw new AppError("NOT_FOUND", `Order ${orderId} not found`);
  return toOrderView(row);
}
