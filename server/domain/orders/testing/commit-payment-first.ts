// Test-only: a broken settlement for the webhook crash test's negative control. It records the
// payment (the order PAID) in a transaction of its own and issues the tickets in a second one,
// so a process killed between the two leaves a PAID order without tickets, which no redelivery
// mends (it finds the order paid). The real confirmPayment does both in ONE transaction.
import type { Db } from "../../../db/client";
import { OrderStatus, TicketSource } from "../../../generated/prisma/enums";
import { settleHeldTickets } from "../capacity";
import { issueStoredOrderTickets } from "../issue";
import { moveOrder } from "../status";

export async function commitPaymentFirst(db: Db, orderId: string): Promise<"PAID" | "ALREADY_PAID"> {
  const recorded = await db.$transaction((tx) =>
    moveOrder(tx, orderId, [OrderStatus.PENDING_PAYMENT], { status: OrderStatus.PAID, paidAt: new Date() }),
  );
  if (!recorded) return "ALREADY_PAID";
  await db.$transaction(async (tx) => {
    await issueStoredOrderTickets(tx, { orderId, source: TicketSource.SOLD });
    await settleHeldTickets(tx, await tx.orderItem.findMany({ where: { orderId }, select: { variantId: true, quantity: true } }), "SELL");
  });
  return "PAID";
}
