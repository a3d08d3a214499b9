"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/server/db";
import { cancelTestCheckout, payTestCheckout } from "@/server/domain/payments/test-checkout";

function orderIdOf(formData: FormData): string {
  return z.uuid().parse(formData.get("orderId"));
}

/** "Pay": settles the order as a paid Stripe Checkout would, then shows the order. */
export async function payTestOrder(formData: FormData) {
  const orderId = orderIdOf(formData);
  await payTestCheckout(db, orderId);
  redirect(`/orders/${orderId}`);
}

/** "Cancel": gives the held tickets back, then shows the order. */
export async function cancelTestOrder(formData: FormData) {
  const orderId = orderIdOf(formData);
  await cancelTestCheckout(db, orderId);
  redirect(`/orders/${orderId}`);
}
