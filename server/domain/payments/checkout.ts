// Where a buyer pays a held order: a Stripe Checkout Session where Stripe is configured, the
// built-in test checkout page (app/checkout/test) in development without it. Production
// without Stripe sells free tickets only (assertCanTakePayments refuses paid ones before any
// capacity is taken).
import type { Stripe } from "stripe";
import type { Tx } from "../../db/client";
import { env, type Env } from "../../env";
import { AppError } from "../../errors";
import { stripeClient } from "./stripe";

const MINUTE_MS = 60_000;
/**
 * Stripe refuses a session that closes sooner than 30 minutes after it is made. Our hold is
 * shorter by default (ORDER_HOLD_MINUTES = 15), and capacity should not sit held for 30
 * minutes in a flash sale, so the session outlives the hold (one minute of margin for clocks):
 * a payment that comes after the hold was released is a late payment, which confirmPayment
 * settles with the tickets still left, or answers REFUND_NEEDED and the webhook refunds it.
 */
const STRIPE_MIN_SESSION_MS = 31 * MINUTE_MS;
/** Stripe's upper bound for a session's life. */
const STRIPE_MAX_SESSION_MS = 24 * 60 * MINUTE_MS;

/** What a checkout needs to know about the order it charges (money in minor units). */
export interface CheckoutOrder {
  id: string;
  eventId: string;
  currency: string;
  total: number;
  tax: number;
  items: { name: string; unitPrice: number; quantity: number }[];
  buyerEmail: string;
  /** The hold's deadline: a checkout must not outlive it (but see STRIPE_MIN_SESSION_MS). */
  expiresAt: Date;
  eventTitle: string;
  /** The tax line's name where the event has one ("VAT"). */
  taxLabel?: string;
}

/** The page a buyer comes back to from any checkout: their order. */
export function orderPageUrl(orderId: string, e: Pick<Env, "APP_URL"> = env()): string {
  return new URL(`/orders/${orderId}`, e.APP_URL).toString();
}

/** The built-in test checkout (development only). */
export function testCheckoutUrl(orderId: string, e: Pick<Env, "APP_URL"> = env()): string {
  return new URL(`/checkout/test/${orderId}`, e.APP_URL).toString();
}

/** Whether the test checkout page exists: outside production, or where TEST_CHECKOUT=1 asks for it. */
export function isTestCheckoutOn(e: Pick<Env, "NODE_ENV" | "TEST_CHECKOUT"> = env()): boolean {
  return e.NODE_ENV !== "production" || e.TEST_CHECKOUT;
}

/** Refuses a paid order where nothing can take the payment (production without Stripe). */
export function assertCanTakePayments(e: Pick<Env, "NODE_ENV" | "TEST_CHECKOUT" | "STRIPE_SECRET_KEY"> = env()): void {
  if (!e.STRIPE_SECRET_KEY && !isTestCheckoutOn(e)) {
    throw new AppError("UNPROCESSABLE", "Paid tickets cannot be bought here yet: payments are not configured (free tickets can be)");
  }
}

/** The session's closing time, as Stripe wants it (Unix seconds). */
export function sessionExpiresAt(holdEndsAt: Date, now: Date): number {
  const at = Math.min(Math.max(holdEndsAt.getTime(), now.getTime() + STRIPE_MIN_SESSION_MS), now.getTime() + STRIPE_MAX_SESSION_MS);
  return Math.floor(at / 1000);
}

/** Checkout's line items: the tickets, and the tax as its own line when it is added on top (an inclusive tax is inside the prices). */
export function lineItems(order: CheckoutOrder): Stripe.Checkout.SessionCreateParams.LineItem[] {
  const currency = order.currency.toLowerCase();
  const tickets = order.items.map((item) => ({
    quantity: item.quantity,
    price_data: { currency, unit_amount: item.unitPrice, product_data: { name: `${item.name} · ${order.eventTitle}` } },
  }));
  const subtotal = order.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  const taxOnTop = order.total - subtotal;
  if (taxOnTop <= 0) return tickets;
  return [...tickets, { quantity: 1, price_data: { currency, unit_amount: taxOnTop, product_data: { name: order.taxLabel ?? "Tax" } } }];
}

/** Starts paying `order`: where to send the buyer, and the Stripe session (null: the test checkout). */
export async function startCheckout(_tx: Tx, order: CheckoutOrder): Promise<{ checkoutUrl: string; stripeSessionId: string | null }> {
  const stripe = stripeClient();
  if (!stripe) {
    assertCanTakePayments();
    return { checkoutUrl: testCheckoutUrl(order.id), stripeSessionId: null };
  }
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: lineItems(order),
      metadata: { orderId: order.id, eventId: order.eventId },
      payment_intent_data: { metadata: { orderId: order.id, eventId: order.eventId } },
      client_reference_id: order.id,
      customer_email: order.buyerEmail,
      expires_at: sessionExpiresAt(order.expiresAt, new Date()),
      success_url: orderPageUrl(order.id),
      cancel_url: orderPageUrl(order.id),
    },
    // A retried order (the buyer's Idempotency-Key, a network retry) gets the same session.
    { idempotencyKey: `checkout:${order.id}` },
  );
  if (!session.url) throw new Error(`Stripe made checkout session ${session.id} without a URL`);
  return { checkoutUrl: session.url, stripeSessionId: session.id };
}

/**
 * Closes the Checkout Sessions of holds that were released (the hold-expiry sweep), so their
 * buyers cannot pay any more. A session that will not close (the buyer paid a moment before, or
 * Stripe cannot be reached) stays as it is: a payment on it is a late payment, which the webhook
 * settles with the tickets still left or refunds. Never throws: the holds are released already.
 */
export async function closeCheckouts(checkouts: ReadonlyArray<{ orderId: string; sessionId: string }>): Promise<void> {
  const stripe = stripeClient();
  if (!stripe || checkouts.length === 0) return;
  await Promise.all(
    checkouts.map(({ orderId, sessionId }) =>
      stripe.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `expire:${orderId}` }).catch((error: unknown) => {
        console.error(`[payments] checkout session ${sessionId} of expired order ${orderId} was not closed:`, (error as Error).message);
      }),
    ),
  );
}
