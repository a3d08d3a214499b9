// Settling a held order exactly once, whoever comes first: the payment (a webhook, possibly
// repeated), the buyer canceling, or the hold-expiry sweep. Each starts with the order's own
// guarded status change (`WHERE status = 'PENDING_PAYMENT'`), which one of them wins; only the
// winner moves the hold (docs/decisions/selling-tickets.md).
import type { Db, Tx } from "../../db/client";
import { lockDueHolds, type DueHold } from "../../db/sql/orders";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import { closeCheckouts } from "../payments/checkout";
import { OrderStatus, TicketSource } from "../../generated/prisma/enums";
import { HeldTicketsMissing, settleHeldTickets, takeOrderTickets, type TicketLine } from "./capacity";
import { getOrder } from "./get";
import { issueStoredOrderTickets } from "./issue";
import { moveOrder } from "./status";
import type { OrderView } from "./schema";

/** Most held orders one transaction of the sweep releases. */
const EXPIRY_BATCH = 100;

/**
 * PAID: this payment settled the order and issued its tickets. ALREADY_PAID: the order was
 * settled before (a repeated delivery, or a refund already made; `order.status` says which):
 * nothing to do. REFUND_NEEDED: the payment came after the hold was released and the tickets
 * are gone; the caller refunds it, then calls markRefunded.
 */
export type PaymentOutcome = "PAID" | "ALREADY_PAID" | "REFUND_NEEDED";

export interface PaymentConfirmation {
  orderId: string;
  stripeSessionId?: string;
  paymentIntentId?: string;
  now?: Date;
}

/** Thrown inside a late payment's transaction when the tickets are gone: rolls it back. */
class TooFewLeft extends Error {}

async function orderLines(tx: Tx, orderId: string): Promise<TicketLine[]> {
  return tx.orderItem.findMany({ where: { orderId }, select: { variantId: true, quantity: true } });
}

function paymentIds({ stripeSessionId, paymentIntentId }: PaymentConfirmation) {
  return { ...(stripeSessionId ? { stripeSessionId } : {}), ...(paymentIntentId ? { stripePaymentIntentId: paymentIntentId } : {}) };
}

async function settlePayment(tx: Tx, confirmation: PaymentConfirmation, now: Date): Promise<PaymentOutcome> {
  const { orderId } = confirmation;
  const paid = { status: OrderStatus.PAID, paidAt: now, ...paymentIds(confirmation) };
  // The usual case: the hold is still there; it becomes sold.
  if (await moveOrder(tx, orderId, [OrderStatus.PENDING_PAYMENT], paid)) {
    // Tickets first, counters last: a ticket type's row stays locked only until the commit.
    await issueStoredOrderTickets(tx, { orderId, source: TicketSource.SOLD, now });
    await settleHeldTickets(tx, await orderLines(tx, orderId), "SELL");
    return "PAID";
  }
  const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true } });
  if (!order) throw new AppError("NOT_FOUND", `Order ${orderId} not found`);
  if (order.status !== OrderStatus.EXPIRED && order.status !== OrderStatus.CANCELED) return "ALREADY_PAID";
  // A late payment: the hold was given back. The status change locks the order (a concurrent
  // repeat waits, then finds it PAID), then the tickets are taken again like any sale.
  if (!(await moveOrder(tx, orderId, [OrderStatus.EXPIRED, OrderStatus.CANCELED], { ...paid, releasedAt: null }))) return "ALREADY_PAID";
  await issueStoredOrderTickets(tx, { orderId, source: TicketSource.SOLD, now });
  if (!(await takeOrderTickets(tx, await orderLines(tx, orderId), "SELL"))) throw new TooFewLeft();
  return "PAID";
}

/** A payment for an order arrived (Stripe's webhook, the test checkout): settles it exactly once. */
export async function confirmPayment(db: Db, confirmation: PaymentConfirmation): Promise<{ outcome: PaymentOutcome; order: OrderView }> {
  const now = confirmation.now ?? new Date();
  let outcome: PaymentOutcome;
  try {
    outcome = await db.$transaction((tx) => settlePayment(tx, confirmation, now));
  } catch (error) {
    if (!(error instanceof TooFewLeft)) throw error;
    // Keep what identifies the payment, for the refund; the order stays EXPIRED / CANCELED.
    await db.order.updateMany({
      where: { id: confirmation.orderId, status: { in: [OrderStatus.EXPIRED, OrderStatus.CANCELED] } },
      data: paymentIds(confirmation),
    });
    outcome = "REFUND_NEEDED";
  }
  return { outcome, order: await getOrder(db, confirmation.orderId) };
}

/** The refund of a late payment went through: the order is REFUNDED (only from EXPIRED / CANCELED). */
export async function markRefunded(db: Db, orderId: string, now: Date = new Date()): Promise<OrderView> {
  await moveOrder(db, orderId, [OrderStatus.EXPIRED, OrderStatus.CANCELED], { status: OrderStatus.REFUNDED, refundedAt: now });
  return getOrder(db, orderId);
}

/** Gives a held order's tickets back (the payment failed, the buyer canceled, the hold expired); false when it was not held. */
export async function releaseOrder(
  db: Db,
  { orderId, reason, now = new Date() }: { orderId: string; reason: "EXPIRED" | "CANCELED"; now?: Date },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (!(await moveOrder(tx, orderId, [OrderStatus.PENDING_PAYMENT], { status: OrderStatus[reason], releasedAt: now }))) return false;
    await settleHeldTickets(tx, await orderLines(tx, orderId), "RELEASE");
    return true;
  });
}

/** Releases one batch of due holds past the orders in `stuck`, adding there those it cannot release; answers how many were due and which were released. */
async function expireBatch(db: Db, now: Date, stuck: string[]): Promise<{ due: number; released: DueHold[] }> {
  let due: DueHold[] = [];
  try {
    await db.$transaction(async (tx) => {
      due = await query(tx, lockDueHolds({ now, limit: EXPIRY_BATCH, skip: stuck }));
      if (due.length === 0) return;
      const ids = due.map((row) => row.id);
      await tx.order.updateMany({
        where: { id: { in: ids }, status: OrderStatus.PENDING_PAYMENT },
        data: { status: OrderStatus.EXPIRED, releasedAt: now },
      });
      // One release per ticket type for the whole batch, in lock order.
      const held = await tx.orderItem.groupBy({ by: ["variantId"], where: { orderId: { in: ids } }, _sum: { quantity: true } });
      await settleHeldTickets(
        tx,
        held.map((row) => ({ variantId: row.variantId, quantity: row._sum.quantity ?? 0 })),
        "RELEASE",
      );
    });
    return { due: due.length, released: due };
  } catch (error) {
    if (!(error instanceof HeldTicketsMissing)) throw error;
  }
  // A ticket type's counters disagree with the batch's orders, which rolled the whole batch
  // back. Releasing its orders one at a time still expires every other hold (one bad row must
  // not keep a sold-out night's tickets held for good); the orders that fail stay held, stuck.
  const released: DueHold[] = [];
  for (const order of due) {
    try {
      if (await releaseOrder(db, { orderId: order.id, reason: "EXPIRED", now })) released.push(order);
    } catch (error) {
      if (!(error instanceof HeldTicketsMissing)) throw error;
      stuck.push(order.id);
    }
  }
  return { due: due.length, released };
}

/** What a sweep did: holds released, and the held orders it could not release (their counters disagree). */
export interface HoldExpiry {
  expired: number;
  stuck: string[];
}

/**
 * The hold-expiry sweep: releases every hold whose deadline passed, in batches, and closes
 * each released order's Stripe Checkout Session (after its batch committed: a provider's round
 * trip never runs in a transaction), so its buyer can no longer pay for tickets that are gone.
 * A payment that got in before the session closed is a late payment (confirmPayment).
 */
export async function expireHolds(db: Db, now: Date = new Date()): Promise<HoldExpiry> {
  const sweep: HoldExpiry = { expired: 0, stuck: [] };
  for (;;) {
    const batch = await expireBatch(db, now, sweep.stuck);
    sweep.expired += batch.released.length;
    await closeCheckouts(batch.released.flatMap((order) => (order.stripeSessionId ? [{ orderId: order.id, sessionId: order.stripeSessionId }] : [])));
    if (batch.due < EXPIRY_BATCH) return sweep;
  }
}
