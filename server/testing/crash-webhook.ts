// One delivery of Stripe's webhook in a process of its own, for the crash test
// (server/domain/payments/crash.integration.test.ts): verifies and handles the signed event as
// POST /webhooks/stripe does, then prints its answer, so the test can SIGKILL the process while
// the settlement is under way and deliver the event again in a fresh one.
//   DATABASE_URL, STRIPE_WEBHOOK_SECRET     the test's database and the stand-in's secret
//   PAYLOAD, SIGNATURE                      the event's body and its Stripe-Signature header
//   FAULT  "commit-payment-first": the broken settlement of the negative control
import { createDb } from "../db/client";
import { commitPaymentFirst } from "../domain/orders/testing/commit-payment-first";
import { handleStripeWebhook } from "../domain/payments/webhook";

const db = createDb(process.env.DATABASE_URL!, { max: 2 });
const payload = process.env.PAYLOAD!;
const answer =
  process.env.FAULT === "commit-payment-first"
    ? {
        outcome: await commitPaymentFirst(
          db,
          (JSON.parse(payload) as { data: { object: { metadata: { orderId: string } } } }).data.object.metadata.orderId,
        ),
      }
    : await handleStripeWebhook(db, { payload, signature: process.env.SIGNATURE ?? null });
console.log(`answer ${JSON.stringify(answer)}`);
await db.$disconnect();
