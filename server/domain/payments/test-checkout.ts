// The built-in test checkout (development without Stripe keys): the page app/checkout/test
// shows a held order and pays or cancels it through the same settle functions Stripe's webhook
// uses. Never in production, and never for an order Stripe is charging (it has a session):
// both answer NOT_FOUND, as if the page did not exist.
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { getOrder } from "../orders/get";
import type { OrderView } from "../orders/schema";
import { confirmPayment, markRefunded, releaseOrder } from "../orders/settle";
import { eventTax } from "../orders/availability";
import { isTestCheckoutOn } from "./checkout";

export interface TestCheckoutOrder {
  order: OrderView;
  eventTitle: string;
  /** The tax line's name ("VAT"), where the event has one. */
  taxLabel: string | null;
  /** Whether the tax is inside the prices (shown as "includes"), or added on top. */
  taxIncluded: boolean;
}

async function testCheckoutRow(db: Db, orderId: string) {
  const row = isTestCheckoutOn()
    ? await db.order.findUnique({
        where: { id: orderId },
        select: { stripeSessionId: true, event: { select: { title: true, isTaxEnabled: true, taxConfig: true } } },
      })
    : null;
  if (!row || row.stripeSessionId) throw new AppError("NOT_FOUND", `No test checkout for order ${orderId}`);
  return row;
}

/** The order as the test checkout shows it. */
export async function testCheckoutOrder(db: Db, orderId: string): Promise<TestCheckoutOrder> {
  const { event } = await testCheckoutRow(db, orderId);
  const tax = eventTax(event);
  return { order: await getOrder(db, orderId), eventTitle: event.title, taxLabel: tax?.label ?? null, taxIncluded: tax?.included ?? false };
}

/** "Pay": the order is paid as if Stripe's webhook said so (a late payment included). */
export async function payTestCheckout(db: Db, orderId: string): Promise<void> {
  await testCheckoutRow(db, orderId);
  const { outcome } = await confirmPayment(db, { orderId });
  // Paid too late, the tickets gone: the pretend money goes back, as Stripe's refund would.
  if (outcome === "REFUND_NEEDED") await markRefunded(db, orderId);
}

/** "Cancel": the hold is given back at once. */
export async function cancelTestCheckout(db: Db, orderId: string): Promise<void> {
  await testCheckoutRow(db, orderId);
  await releaseOrder(db, { orderId, reason: "CANCELED" });
}
