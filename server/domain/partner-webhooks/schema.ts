// Partner webhooks' shapes: what a caller sends (the settings page, POST /webhooks/endpoints)
// and what it is answered. The signing secret appears only in the answers of create and rotate.
import { z } from "zod";
import { WebhookDeliveryStatus } from "../../generated/prisma/enums";

/** The domain events a partner can subscribe to (DESIGN.md "Partner webhooks"). */
export const PARTNER_EVENT_TYPES = ["order.paid", "guest.checked_in", "event.created", "event.updated", "event.status.changed"] as const;
export type PartnerEventType = (typeof PARTNER_EVENT_TYPES)[number];
export const ZPartnerEventType = z.enum(PARTNER_EVENT_TYPES);

export const ZCreateWebhookEndpointInput = z.strictObject({
  url: z.string().trim().min(1, { error: "Give the endpoint's URL" }).max(2000),
  events: z
    .array(ZPartnerEventType)
    .min(1, { error: "Choose at least one event" })
    .transform((events) => [...new Set(events)]),
});
export type TCreateWebhookEndpointInput = z.infer<typeof ZCreateWebhookEndpointInput>;

/** An endpoint of the caller's own, by id. */
export const ZWebhookEndpointRef = z.strictObject({ id: z.uuid({ error: "must be a UUID" }) });
/** A delivery to one of the caller's endpoints, by id. */
export const ZWebhookDeliveryRef = z.strictObject({ id: z.uuid({ error: "must be a UUID" }) });

export const ZWebhookEndpointView = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(ZPartnerEventType),
  enabled: z.boolean(),
  disabledAt: z.date().nullable(),
  disabledReason: z.string().nullable(),
  failingSince: z.date().nullable(),
  createdAt: z.date(),
});
export type WebhookEndpointView = z.infer<typeof ZWebhookEndpointView>;

/** The endpoint with its signing secret (`whsec_...`): shown once, at creation and at each rotation. */
export const ZWebhookEndpointWithSecret = z.object({ endpoint: ZWebhookEndpointView.extend({ secret: z.string() }) });
export const ZWebhookEndpointResult = z.object({ endpoint: ZWebhookEndpointView });
export const ZWebhookEndpointList = z.object({ endpoints: z.array(ZWebhookEndpointView) });

export const ZWebhookAttemptView = z.object({
  attemptedAt: z.date(),
  statusCode: z.int().nullable(),
  error: z.string().nullable(),
  durationMs: z.int(),
});

export const ZWebhookDeliveryView = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventType: z.string(),
  webhookId: z.string(),
  status: z.enum(WebhookDeliveryStatus),
  attempts: z.int(),
  nextAttemptAt: z.date().nullable(),
  lastStatusCode: z.int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  /** The latest requests, newest first. */
  recentAttempts: z.array(ZWebhookAttemptView),
});
export type WebhookDeliveryView = z.infer<typeof ZWebhookDeliveryView>;
export const ZWebhookDeliveryList = z.object({ deliveries: z.array(ZWebhookDeliveryView) });
export const ZWebhookDeliveryResult = z.object({ delivery: ZWebhookDeliveryView });
