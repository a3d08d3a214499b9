// Issuing an order's tickets (a free order at once, a paid one when its payment is confirmed,
// a Shopify order when it arrives): the buyer joins the curator's guest book (one entry per
// email), each ticket becomes its own admission with its own code, and ONE mail carries them
// all. Runs inside the caller's transaction, after the capacity was taken.
import type { Tx } from "../../db/client";
import { lockBuyerInGuestBook } from "../../db/sql/orders";
import { query } from "../../db/sql/statement";
import { TicketSource } from "../../generated/prisma/enums";
import { eventViewSelect } from "../events/views";
import { fullNameOf, guestSearchText } from "../guests/normalize";
import { ticketEvent, ticketUrl } from "../guests/public-ticket";
import { newTicketCode } from "../guests/ticket-code";
import { queueMail } from "../mail/queue";

/** The buyer's entry in the curator's guest book, found by email (any case) or created. */
async function findOrCreateBuyer(
  tx: Tx,
  curatorId: string,
  buyer: { firstName: string; lastName: string; email: string; phone: string | null },
): Promise<string> {
  await query(tx, lockBuyerInGuestBook({ curatorId, email: buyer.email }));
  const existing = await tx.eventGuest.findFirst({
    where: { userId: curatorId, deletedAt: null, email: { equals: buyer.email, mode: "insensitive" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
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
 * Issues the tickets of an order whose capacity is already sold: one admission per ticket
 * (source SOLD or SHOPIFY), the buyer as the order's guest, and the tickets mail
 * (dedupeKey `order:<id>`). Answers the codes, in item order.
 */
export async function issueTickets(
  tx: Tx,
  { orderId, source = TicketSource.SOLD, now = new Date() }: { orderId: string; source?: TicketSource; now?: Date },
): Promise<{ guestId: string; codes: string[] }> {
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
      items: { orderBy: { variantId: "asc" }, select: { variantId: true, name: true, quantity: true } },
    },
  });
  const guestId = await findOrCreateBuyer(tx, order.event.curatorId, {
    firstName: order.buyerFirstName,
    lastName: order.buyerLastName,
    email: order.buyerEmail,
    phone: order.buyerPhone,
  });
  const tickets = order.items.flatMap((item) =>
    Array.from({ length: item.quantity }, () => ({ code: newTicketCode(), variantId: item.variantId, variantName: item.name })),
  );
  await tx.eventGuestToEvent.createMany({
    data: tickets.map((ticket) => ({ eventId: order.eventId, guestId, ticketCode: ticket.code, source, orderId, variantId: ticket.variantId })),
  });
  await tx.order.update({ where: { id: orderId }, data: { guestId } });

  await queueMail(tx, {
    to: order.buyerEmail,
    template: "order-tickets",
    dedupeKey: `order:${orderId}`,
    props: {
      buyerName: fullNameOf(order.buyerFirstName, order.buyerLastName),
      orderId,
      event: ticketEvent(order.event, now),
      tickets: tickets.map((ticket) => ({ code: ticket.code, variantName: ticket.variantName, ticketUrl: ticketUrl(ticket.code) })),
    },
  });
  return { guestId, codes: tickets.map((ticket) => ticket.code) };
}
