// Issuing an order's tickets (a free order at once, a paid one when its payment is confirmed,
// a Shopify order when it arrives): the buyer joins the curator's guest book (one entry per
// email), each ticket becomes its own admission with its own code, and ONE mail carries them
// all. Runs inside the caller's transaction, before the capacity is taken (a batch of orders
// issues all of its orders' tickets and mails with one statement each).
import { randomUUID } from "node:crypto";
import type { Tx } from "../../db/client";
import { findBuyersInGuestBook, issueOrderTickets, lockBuyersInGuestBook, type NewGuestRow } from "../../db/sql/orders";
import { query, type SqlTx } from "../../db/sql/statement";
import { TicketSource } from "../../generated/prisma/enums";
import { eventViewSelect, type EventViewRow } from "../events/views";
import { fullNameOf, guestSearchText } from "../guests/normalize";
import { ticketEvent, ticketUrl } from "../guests/public-ticket";
import { newTicketCode } from "../guests/ticket-code";
import type { MailTemplateProps } from "../mail/templates";
import { ordersPaidEvents } from "../partner-webhooks/record";
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

/** Each buyer's entry in the curator's guest book, by lower-cased email: the ones there, and new ones to write with the orders. */
export interface BuyersInGuestBook {
  guestIds: Map<string, string>;
  /** Buyers not in the book yet, one per email (the first order's name), ids already chosen. */
  newGuests: NewGuestRow[];
}

/**
 * Finds the buyers in the curator's guest book by email (any case), after taking their locks
 * (held to the commit), and plans an entry for each one missing; the caller writes those
 * (insertOrders, or findOrCreateBuyer) before its transaction ends.
 */
export async function buyersInGuestBook(tx: SqlTx, curatorId: string, buyers: readonly OrderBuyer[]): Promise<BuyersInGuestBook> {
  const emails = buyers.map((buyer) => buyer.email);
  await query(tx, lockBuyersInGuestBook({ curatorId, emails }));
  const guestIds = new Map((await query(tx, findBuyersInGuestBook({ curatorId, emails }))).map((row) => [row.email, row.id]));
  const newGuests: NewGuestRow[] = [];
  for (const buyer of buyers) {
    const email = buyer.email.toLowerCase();
    if (guestIds.has(email)) continue;
    const fullName = fullNameOf(buyer.firstName, buyer.lastName);
    const guest = {
      id: randomUUID(),
      firstName: buyer.firstName,
      lastName: buyer.lastName,
      fullName,
      email: buyer.email,
      phoneNumber: buyer.phone,
      searchText: guestSearchText({ fullName, email: buyer.email, phoneNumber: buyer.phone }),
    };
    guestIds.set(email, guest.id);
    newGuests.push(guest);
  }
  return { guestIds, newGuests };
}

/** The buyer's entry in the curator's guest book, found by email (any case) or created. */
export async function findOrCreateBuyer(tx: Tx, curatorId: string, buyer: OrderBuyer): Promise<string> {
  const { guestIds, newGuests } = await buyersInGuestBook(tx, curatorId, [buyer]);
  for (const { id, ...guest } of newGuests) await tx.eventGuest.create({ data: { id, userId: curatorId, ...guest }, select: { id: true } });
  return guestIds.get(buyer.email.toLowerCase())!;
}

/** An order's tickets as issued, in item order (by variant id). */
export type IssuedTickets = Array<{ ticketCode: string; variantId: string }>;

/**
 * Issues the tickets of orders whose capacity is sold (or is being sold in the same
 * transaction): one admission per ticket (source SOLD or SHOPIFY), in item order (by variant
 * id), each order's tickets mail (dedupeKey `order:<id>`) and `order.paid` for partner
 * webhooks, all of it for all orders in one statement; the orders are of one event. Answers
 * each order's tickets, in the orders' order.
 */
export async function issueTickets(
  tx: SqlTx,
  orders: readonly IssuableOrder[],
  { source, now }: { source: TicketSource; now: Date },
): Promise<IssuedTickets[]> {
  const issued = orders.map((order) => ({
    order,
    tickets: inLockOrder(order.items).flatMap((item) =>
      Array.from({ length: item.quantity }, () => ({ code: newTicketCode(), variantId: item.variantId, variantName: item.name })),
    ),
  }));
  const [eventId, ...others] = new Set(orders.map((order) => order.eventId));
  // A batch's orders are of one event; Shopify's and Stripe's come one at a time.
  if (others.length > 0) throw new Error("issueTickets issues the orders of one event at a time");
  await query(
    tx,
    issueOrderTickets({
      tickets: issued.flatMap(({ order, tickets }) =>
        tickets.map((ticket) => ({
          eventId: order.eventId,
          guestId: order.guestId,
          ticketCode: ticket.code,
          source,
          orderId: order.id,
          variantId: ticket.variantId,
        })),
      ),
      mails: issued.map(({ order, tickets }) => ({
        to: order.buyer.email,
        template: "order-tickets",
        dedupeKey: `order:${order.id}`,
        props: {
          buyerName: fullNameOf(order.buyer.firstName, order.buyer.lastName),
          orderId: order.id,
          event: ticketEvent(order.event, now),
          tickets: tickets.map((ticket) => ({ code: ticket.code, variantName: ticket.variantName, ticketUrl: ticketUrl(ticket.code) })),
        } satisfies MailTemplateProps<"order-tickets">,
      })),
      paidEvents: ordersPaidEvents(
        eventId!,
        orders.map((order) => order.id),
      ),
    }),
  );
  return issued.map(({ tickets }) => tickets.map((ticket) => ({ ticketCode: ticket.code, variantId: ticket.variantId })));
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
  await issueTickets(tx, [{ id: orderId, eventId: order.eventId, buyer, guestId, event: order.event, items: order.items }], { source, now });
}
