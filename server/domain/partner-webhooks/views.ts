// Rows -> the views of schema.ts, through explicit selects: the secret's ciphertext and the
// payloads never leave through a list.
import type { Prisma } from "../../generated/prisma/client";
import type { PartnerEventType, WebhookDeliveryView, WebhookEndpointView } from "./schema";

/** Attempts a delivery view carries, newest first. */
const RECENT_ATTEMPTS = 5;

export const endpointViewSelect = {
  id: true,
  url: true,
  events: true,
  enabled: true,
  disabledAt: true,
  disabledReason: true,
  failingSince: true,
  createdAt: true,
} satisfies Prisma.WebhookEndpointSelect;

export function toEndpointView(row: Prisma.WebhookEndpointGetPayload<{ select: typeof endpointViewSelect }>): WebhookEndpointView {
  return { ...row, events: row.events as PartnerEventType[] };
}

export const deliveryViewSelect = {
  id: true,
  endpointId: true,
  eventType: true,
  webhookId: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastStatusCode: true,
  lastError: true,
  createdAt: true,
  attemptsLog: {
    orderBy: [{ attemptedAt: "desc" }, { id: "desc" }],
    take: RECENT_ATTEMPTS,
    select: { attemptedAt: true, statusCode: true, error: true, durationMs: true },
  },
} satisfies Prisma.WebhookDeliverySelect;

export function toDeliveryView({
  attemptsLog,
  ...row
}: Prisma.WebhookDeliveryGetPayload<{ select: typeof deliveryViewSelect }>): WebhookDeliveryView {
  return { ...row, recentAttempts: attemptsLog };
}
