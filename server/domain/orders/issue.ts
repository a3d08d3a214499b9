// Issuing an order's tickets (a free order at once, a paid one when its payment is confirmed,
// a Shopify order when it arrives): the buyer joins the curator's guest book (one entry per
// email), each ticket becomes its own admission with its own code, and ONE mail carries them
// all. Runs inside the caller's transaction, after the capacity was taken.
import type { Tx } from "../../db/client";
import { findBuyerInGuestBook, lockBuyerInGuestBook } from "../../db/sql/orders";
import { query } from "../../db/sql/statement";
import { TicketSource } from "../../generated/prisma/enums";
import { eventViewSelect, type EventViewRow } from "../events/views";
import { fullNameOf, guestSearchText } from "../guests/normalize";
import { ticketEvent, ticketUrl } from "../guests/public-ticket";
import { newTicketCode } from "../guests/ticket-code";
import { queueMail } from "../mail/queue";
import { recordOrderPaid } from "../partner-webhooks/record";
import { inLockOrder } from "./capacity";

/** Who an order is for, as it stores them. */
export interface OrderBuyer {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
}

/** An order whose tickets are to be issued: what issuing needs, as its caller already holds it. */
export interface IssuableOrder {
  id: string;
  eventId: string;
  buyer: OrderBuyer;
  /** The buyer's entry in the curator's guest book (findOrCreateBuyer). */
  guestId: string;
  event: EventViewRow;
  items: ReadonlyArray<{ variantId: string; name: string; quantity: number }>;
}

/** The buyer's entry in the curator's guest book, found by email (any case) or created. */
export async function findOrCreateBuyer(tx: Tx, curatorId: string, buyer: OrderBuyer): Promise<string> {
  await query(tx, lockBuyerInGuestBook({ curatorId, email: buyer.email }));
  const [existing] = await query(tx, findBuyerInGuestBook({ curatorId, email: buyer.email }));
  if (existing) return existing.id;
  const fullName = fullNameOf(buyer.firstName, buyer.lastName);
  const created = await tx.eventGuest.create({
    data: {
      userId: curatorId,
      firstName: buyer.firstName,
      lastName: buyer.lastName,
      fullName,
      email: buyer.email,
      phoneNumber: buyer.phone,
      searchText: guestSearchText({ fullName, email: buyer.email, phoneNumber: buyer.phone }),
    },
    select: { id: true },
  });
  return created.id;
}

/**
 * Issues the tickets of an order whose capacity is sold (or is being sold in the same
 * transaction): one admission per ticket (source SOLD or SHOPIFY), in item order (by variant id),
 * and the tickets mail (dedupeKey `order:<id>`). Answers the tickets, in that order.
 */
export async function issueTickets(
  tx: Tx,
  order: IssuableOrder,
  { source, now }: { source: TicketSource; now: Date },
): Promise<Array<{ ticketCode: string; variantId: string }>> {
  const tickets = inLockOrder(order.items).flatMap((item) =>
    Array.from({ length: item.quantity }, () => ({ code: newTicketCode(), variantId: item.variantId, variantName: item.name })),
  );
  await tx.eventGuestToEvent.createMany({
    data: tickets.map((ticket) => ({
      eventId: order.eventId,
      guestId: order.guestId,
      ticketCode: ticket.code,
      source,
      orderId: order.id,
      variantId: ticket.variantId,
    })),
  });
  await queueMail(tx, {
    to: order.buyer.email,
    template: "order-tickets",
    dedupeKey: `order:${order.id}`,
    props: {
      buyerName: fullNameOf(order.buyer.firstName, order.buyer.lastName),
      orderId: order.id,
      event: ticketEvent(order.event, now),
      tickets: tickets.map((ticket) => ({ code: ticket.code, variantName: ticket.variantName, ticketUrl: ticketUrl(ticket.code) })),
    },
  });
  await recordOrderPaid(tx, order);
  return tickets.map((ticket) => ({ ticketCode: ticket.code, variantId: ticket.variantId }));
}

/**
 * Issues the tickets of an order already written without its buyer's guest (a payment that
 * arrived, a Shopify order): reads it, joins the buyer to the guest book as its guest, issues.
 */
export async function issueStoredOrderTickets(
  tx: Tx,
  { orderId, source = TicketSource.SOLD, now = new Date() }: { orderId: string; source?: TicketSource; now?: Date },
): Promise<void> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      eventId: true,
      buyerFirstName: true,
      buyerLastName: true,
      buyerEmail: true,
      buyerPhone: true,
      event: { select: eventViewSelect },
      items: { select: { variantId: true, name: true, quantity: true } },
    },
  });
  const buyer = { firstName: order.buyerFirstName, lastName: order.buyerLastName, email: order.buyerEmail, phone: order.buyerPhone };
  const guestId = await findOrCreateBuyer(tx, order.event.curatorId, buyer);
  await tx.order.update({ where: { id: orderId }, data: { guestId } });
  await issueTickets(tx, { id: orderId, eventId: order.eventId, buyer, guestId, event: order.event, items: order.items }, { source, now });
}
