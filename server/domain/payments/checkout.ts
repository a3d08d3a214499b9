// Where a buyer pays a held order. This minimal version sends every paid order to the built-in
// test checkout page (development); the payments work replaces the body with Stripe Checkout
// and keeps the signature, which placeOrder relies on.
import type { Tx } from "../../db/client";
import { env } from "../../env";

/** What a checkout needs to know about the order it charges (money in minor units). */
export interface CheckoutOrder {
  id: string;
  eventId: string;
  currency: string;
  total: number;
  tax: number;
  items: { name: string; unitPrice: number; quantity: number }[];
  buyerEmail: string;
  /** The hold's deadline: a checkout must not outlive it. */
  expiresAt: Date;
  eventTitle: string;
}

/** Starts paying `order`: where to send the buyer, and the Stripe session (null: no Stripe). */
export async function startCheckout(_tx: Tx, order: CheckoutOrder): Promise<{ checkoutUrl: string; stripeSessionId: string | null }> {
  return { checkoutUrl: new URL(`/checkout/test/${order.id}`, env().APP_URL).toString(), stripeSessionId: null };
}
