// Orders written straight into the database, as the checkout leaves them: the order and its
// items, one admission per ticket on the buyer's guest book entry, the ticket types' counters.
// The curator's and promoter's views read these; how orders are placed is tested elsewhere.
import { randomUUID } from "node:crypto";
import { createGuest } from "../../prisma/factories";
import type { Db } from "../db/client";
import { OrderChannel, OrderStatus, TicketSource } from "../generated/prisma/enums";
import { newTicketCode } from "../domain/guests/ticket-code";

export interface SoldOrderInput {
  eventId: string;
  items: { variantId: string; quantity: number }[];
  buyer?: { firstName?: string; lastName?: string; email?: string };
  /** The post the buyer came through (its creator is the promoter). */
  postId?: string;
  /** What the promoter earns on the order, minor units. */
  commission?: number;
  tax?: number;
  status?: OrderStatus;
  channel?: OrderChannel;
  createdAt?: Date;
}

/** A PAID order with its admissions (or a REFUNDED one, or a PENDING_PAYMENT one holding its tickets); answers it with its ticket codes. */
export async function createSoldOrder(db: Db, input: SoldOrderInput) {
  const status = input.status ?? OrderStatus.PAID;
  const tag = randomUUID().slice(0, 8);
  const firstName = input.buyer?.firstName ?? "Buyer";
  const lastName = input.buyer?.lastName ?? tag;
  const email = input.buyer?.email ?? `buyer-${tag}@marquee.test`;
  const event = await db.event.findUniqueOrThrow({ where: { id: input.eventId }, select: { curatorId: true } });
  const variants = await db.productVariant.findMany({ where: { id: { in: input.items.map((i) => i.variantId) } } });
  const lines = input.items.map((item) => ({ ...item, variant: variants.find((v) => v.id === item.variantId)! }));
  const subtotal = lines.reduce((sum, l) => sum + l.variant.price * l.quantity, 0);
  const tax = input.tax ?? 0;
  const post = input.postId ? await db.post.findUniqueOrThrow({ where: { id: input.postId }, select: { id: true, creatorId: true } }) : null;
  // Only a paid order holds admissions; a refunded one was a late payment whose tickets were gone.
  const issued = status === OrderStatus.PAID;

  return db.$transaction(async (tx) => {
    const guest = issued ? await createGuest(tx as unknown as Db, { userId: event.curatorId, firstName, lastName, email }) : null;
    const order = await tx.order.create({
      data: {
        eventId: input.eventId,
        status,
        channel: input.channel ?? OrderChannel.MARQUEE,
        buyerFirstName: firstName,
        buyerLastName: lastName,
        buyerEmail: email,
        guestId: guest?.id ?? null,
        postId: post?.id ?? null,
        promoterId: post?.creatorId ?? null,
        currency: lines[0]!.variant.currency,
        subtotal,
        tax,
        total: subtotal + tax,
        commission: input.commission ?? 0,
        paidAt: issued || status === OrderStatus.REFUNDED ? new Date() : null,
        refundedAt: status === OrderStatus.REFUNDED ? new Date() : null,
        ...(input.createdAt && { createdAt: input.createdAt }),
        items: { create: lines.map((l) => ({ variantId: l.variantId, name: l.variant.name, unitPrice: l.variant.price, quantity: l.quantity })) },
      },
    });
    const tickets = [];
    for (const line of lines) {
      if (status === OrderStatus.PAID)
        await tx.productVariant.update({ where: { id: line.variantId }, data: { sold: { increment: line.quantity } } });
      if (status === OrderStatus.PENDING_PAYMENT)
        await tx.productVariant.update({ where: { id: line.variantId }, data: { held: { increment: line.quantity } } });
      if (!guest) continue;
      for (let n = 0; n < line.quantity; n++) {
        tickets.push(
          await tx.eventGuestToEvent.create({
            data: {
              eventId: input.eventId,
              guestId: guest.id,
              ticketCode: newTicketCode(),
              source: order.channel === OrderChannel.SHOPIFY ? TicketSource.SHOPIFY : TicketSource.SOLD,
              orderId: order.id,
              variantId: line.variantId,
            },
            select: { ticketCode: true, variantId: true, guestId: true },
          }),
        );
      }
    }
    return { order, tickets, guest };
  });
}
