import { z } from "zod";

/** The answer to a handled Stripe event: what was done, for Stripe's delivery log. */
export const ZStripeWebhookResult = z.object({
  received: z.literal(true),
  eventId: z.string(),
  type: z.string(),
  outcome: z.enum(["PAID", "ALREADY_PAID", "REFUND_NEEDED", "REFUNDED", "RELEASED", "NOT_HELD", "AWAITING_PAYMENT", "UNKNOWN_ORDER", "IGNORED"]),
});
export type StripeWebhookResult = z.infer<typeof ZStripeWebhookResult>;
