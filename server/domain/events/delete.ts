// DELETE /product-event/:id: an event that sold nothing goes away (soft delete). One that sold
// anything stays, for its buyers and the books: it is canceled instead (409).
//
// "Sold nothing" means no order that took or holds money (PAID, PENDING_PAYMENT, REFUNDED: a
// refund is still a sale in the books), no ticket issued by a sale here or on Shopify, and no
// ticket sold or held on any ticket type. Orders that expired or were canceled before paying
// do not count: no money moved. Guests the curator invited (no money) do not block either, but
// their tickets stop working with the event (the ticket page and the door answer 404) and they
// are told it is canceled (event.deleted -> guest-notices).
import type { Actor } from "../../auth/actor";
import { assertManagesEvents } from "../../auth/policy";
import type { Db, Tx } from "../../db/client";
import { lockManagedEvent } from "../../db/sql/events";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import { OrderStatus, ProductStatus, TicketSource } from "../../generated/prisma/enums";
import { assertManagesEventSales } from "../orders/totals";
import { addToOutbox } from "../outbox/service";
import { eventNotFound } from "./fields";

const SALE_ORDER_STATUSES = [OrderStatus.PAID, OrderStatus.PENDING_PAYMENT, OrderStatus.REFUNDED];

/** What an event sold: orders that took or hold money, and tickets sold (or held) on any channel. */
async function eventSales(db: Db | Tx, eventId: string): Promise<{ orders: number; tickets: number }> {
  const [orders, admissions, counts] = await Promise.all([
    db.order.count({ where: { eventId, status: { in: SALE_ORDER_STATUSES } } }),
    db.eventGuestToEvent.count({ where: { eventId, source: { in: [TicketSource.SOLD, TicketSource.SHOPIFY] } } }),
    db.productVariant.aggregate({ where: { product: { eventId } }, _sum: { sold: true, held: true } }),
  ]);
  return { orders, tickets: Math.max(admissions, (counts._sum.sold ?? 0) + (counts._sum.held ?? 0)) };
}

/** Why the event cannot be deleted, or null when it can (it sold nothing). */
function deletionRefusal(sales: { orders: number; tickets: number }): string | null {
  if (sales.orders === 0 && sales.tickets === 0) return null;
  return `The event has sold tickets (${sales.orders} ${sales.orders === 1 ? "order" : "orders"}, ${sales.tickets} ${sales.tickets === 1 ? "ticket" : "tickets"}): cancel it instead, so its buyers are told and its sales stay on record.`;
}

/** For the event page's "Delete event": null when the event may be deleted, else why not (404 unless the actor manages it). */
export async function eventDeletion(db: Db, actor: Actor, eventId: string): Promise<{ refusal: string | null }> {
  await assertManagesEventSales(db, actor, eventId);
  return { refusal: deletionRefusal(await eventSales(db, eventId)) };
}

/**
 * Soft-deletes an event that sold nothing, in one transaction holding the event row: the event
 * (deletedAt; its pending guest mails dropped), its posts (they leave feeds and public pages),
 * its product archived, and outbox row `event.deleted` (the Shopify push archives the store's
 * product; the guests the curator invited are told). 404 for an event the actor does not
 * manage or already deleted; 409 CONFLICT when it sold anything.
 */
export async function deleteEvent(db: Db, actor: Actor, eventId: string): Promise<{ event: { id: string; deletedAt: Date } }> {
  assertManagesEvents(actor);
  return db.$transaction(async (tx) => {
    const [locked] = await query(tx, lockManagedEvent({ eventId, actor }));
    if (!locked) throw eventNotFound(eventId);
    const refusal = deletionRefusal(await eventSales(tx, eventId));
    if (refusal) throw new AppError("CONFLICT", refusal);

    const deletedAt = new Date();
    await tx.event.update({ where: { id: eventId }, data: { deletedAt, reminderDueAt: null, locationNoticeDueAt: null } });
    await tx.post.updateMany({ where: { createFromEventId: eventId, deletedAt: null }, data: { deletedAt } });
    await tx.product.updateMany({ where: { eventId, deletedAt: null }, data: { status: ProductStatus.ARCHIVED } });
    await addToOutbox(tx, "event.deleted", { eventId });
    return { event: { id: eventId, deletedAt } };
  });
}
