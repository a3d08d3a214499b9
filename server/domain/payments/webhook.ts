// Stripe's webhook (POST /webhooks/stripe): verified with the stripe package's own signature
// check before anything is read, then one settle function per event. Stripe delivers at least
// once and in any order; every step here is safe to repeat: confirmPayment and releaseOrder
// settle an order exactly once (its guarded status change), and a refund carries the
// Idempotency-Key `refund:<orderId>`, so a redelivery never refunds twice. A failure answers
// 500 and Stripe redelivers; the settle functions are single transactions, so a crash
// between the payment and the tickets leaves the order PENDING_PAYMENT for that redelivery.
import { Stripe } from "stripe";
import { z } from "zod";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { confirmPayment, markRefunded, releaseOrder } from "../orders/settle";
import type { StripeWebhookResult } from "./schema";
import { stripeClient, stripeWebhookSecret } from "./stripe";

export const STRIPE_SIGNATURE_HEADER = "stripe-signature";

type WebhookOutcome = StripeWebhookResult["outcome"];

/**
 * What the webhook reads of a Checkout Session event. Stripe's own events always fit; an event
 * that does not (another API version's shape) is acknowledged and ignored rather than failing
 * on every redelivery.
 */
const ZSessionEvent = z.object({
  type: z.string(),
  data: z.object({
    object: z.object({
      id: z.string(),
      metadata: z.record(z.string(), z.string()).nullish().catch(null),
      client_reference_id: z.string().nullish().catch(null),
      payment_status: z.string().nullish(),
      payment_intent: z
        .union([z.string(), z.object({ id: z.string() })])
        .nullish()
        .catch(null),
    }),
  }),
});
/** Any signed body's id and type, for the answer (a signed body need not be an event at all). */
const ZEnvelope = z.object({ id: z.string().catch(""), type: z.string().catch("") }).catch({ id: "", type: "" });
type SessionEvent = z.infer<typeof ZSessionEvent>;
type Session = SessionEvent["data"]["object"];

function badSignature(message: string): AppError {
  return new AppError("INVALID_INPUT", `Stripe-Signature ${message}`, { errors: [{ path: STRIPE_SIGNATURE_HEADER, message }] });
}

/** The signed event, or a 400 (no secret here, no header, or a signature that does not match the body). */
async function verifiedEvent(payload: string, signature: string | null): Promise<Stripe.Event> {
  const secret = stripeWebhookSecret();
  if (!secret) throw badSignature("cannot be verified: Stripe webhooks are not configured here (STRIPE_WEBHOOK_SECRET)");
  if (!signature) throw badSignature("is missing: only Stripe's signed events are accepted");
  try {
    // The package's static helper needs no API key: the endpoint's secret alone verifies.
    return await Stripe.webhooks.constructEventAsync(payload, signature, secret);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw badSignature(`does not match the body: ${error.message}`);
    throw new AppError("INVALID_INPUT", "The signed body is not a JSON event");
  }
}

/** Our order behind a Checkout Session (its metadata, else client_reference_id), if it is one of ours. */
async function orderOf(db: Db, session: Session): Promise<string | null> {
  const parsed = z.uuid().safeParse(session.metadata?.orderId ?? session.client_reference_id);
  if (!parsed.success) return null;
  const order = await db.order.findUnique({ where: { id: parsed.data }, select: { id: true } });
  return order?.id ?? null;
}

function paymentIntentOf(session: Session): string | undefined {
  const intent = session.payment_intent;
  return typeof intent === "string" ? intent : intent?.id;
}

async function settlePaid(db: Db, stripe: Stripe | null, orderId: string, session: Session): Promise<WebhookOutcome> {
  const paymentIntentId = paymentIntentOf(session);
  const { outcome } = await confirmPayment(db, { orderId, stripeSessionId: session.id, paymentIntentId });
  if (outcome !== "REFUND_NEEDED") return outcome;
  // Paid after its hold was released, and the tickets are gone: the money goes back.
  if (!stripe || !paymentIntentId) throw new Error(`Order ${orderId} needs a refund, but there is no Stripe client or payment intent`);
  await stripe.refunds.create({ payment_intent: paymentIntentId, metadata: { orderId } }, { idempotencyKey: `refund:${orderId}` });
  await markRefunded(db, orderId);
  return "REFUNDED";
}

/** Verifies and handles one delivery of Stripe's webhook. */
export async function handleStripeWebhook(
  db: Db,
  { payload, signature }: { payload: string; signature: string | null },
): Promise<StripeWebhookResult> {
  const event = await verifiedEvent(payload, signature);
  const stripe = stripeClient();
  const { id: eventId, type } = ZEnvelope.parse(event);
  const answer = (outcome: WebhookOutcome): StripeWebhookResult => ({ received: true, eventId, type, outcome });
  const parsed = ZSessionEvent.safeParse(event);
  if (!parsed.success || !parsed.data.type.startsWith("checkout.session.")) return answer("IGNORED");
  const session = parsed.data.data.object;
  const orderId = await orderOf(db, session);
  if (!orderId) return answer("UNKNOWN_ORDER");
  switch (parsed.data.type) {
    case "checkout.session.completed":
      // A delayed method (a bank debit) completes unpaid; its async_payment_* event settles it.
      if (session.payment_status === "unpaid") return answer("AWAITING_PAYMENT");
      return answer(await settlePaid(db, stripe, orderId, session));
    case "checkout.session.async_payment_succeeded":
      return answer(await settlePaid(db, stripe, orderId, session));
    case "checkout.session.expired":
      return answer((await releaseOrder(db, { orderId, reason: "EXPIRED" })) ? "RELEASED" : "NOT_HELD");
    case "checkout.session.async_payment_failed":
      return answer((await releaseOrder(db, { orderId, reason: "CANCELED" })) ? "RELEASED" : "NOT_HELD");
    default:
      return answer("IGNORED");
  }
}
