import type { Actor } from "@/server/auth/actor";
import { handleStripeWebhook, STRIPE_SIGNATURE_HEADER } from "@/server/domain/payments/webhook";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

// Stripe calls without credentials; the signature over the raw body is what authenticates it,
// so the body is read as text, exactly as signed, never parsed before it is verified.
export const POST = restHandler<undefined, undefined, undefined, Actor | null>({
  ...restRoutes.stripeWebhook,
  handle: async ({ db, request }) =>
    handleStripeWebhook(db, { payload: await request.text(), signature: request.headers.get(STRIPE_SIGNATURE_HEADER) }),
});
