// POST /webhooks/deliveries/:id/redeliver: the same message (same webhook-id and payload, so a
// receiver that deduplicates by webhook-id takes it once) sent again as a new delivery, with
// its own tries; the original keeps its history.
import type { Actor } from "../../auth/actor";
import { assertKeepsWebhookEndpoints, ownWebhookEndpointsWhere } from "../../auth/policy";
import type { Db } from "../../db/client";
import { lockEndpoint } from "../../db/sql/partner-webhooks";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { WebhookDeliveryStatus } from "../../generated/prisma/enums";
import { addToOutbox } from "../outbox/service";
import { deliveryViewSelect, toDeliveryView } from "./views";

export async function redeliverWebhook(db: Db, actor: Actor, deliveryId: string, now: Date = new Date()) {
  assertKeepsWebhookEndpoints(actor);
  const original = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, endpoint: ownWebhookEndpointsWhere(actor) },
    select: { endpointId: true, eventType: true, webhookId: true, payload: true, endpoint: { select: { enabled: true } } },
  });
  if (!original) throw new AppError("NOT_FOUND", `No webhook delivery ${deliveryId}`);
  if (!original.endpoint.enabled) throw new AppError("CONFLICT", "The endpoint is disabled: enable it first, then redeliver");
  const row = await db.$transaction(async (tx) => {
    // Two redeliveries at once: the second waits here, then finds the first one's delivery waiting.
    await query(tx, lockEndpoint({ id: original.endpointId }));
    const waiting = await tx.webhookDelivery.count({
      where: { endpointId: original.endpointId, webhookId: original.webhookId, status: WebhookDeliveryStatus.PENDING },
    });
    if (waiting > 0) throw new AppError("CONFLICT", "This message is still being delivered: wait for its next try");
    const created = await tx.webhookDelivery.create({
      data: {
        endpointId: original.endpointId,
        eventType: original.eventType,
        webhookId: original.webhookId,
        payload: original.payload as Prisma.InputJsonObject,
        nextAttemptAt: now,
      },
      select: deliveryViewSelect,
    });
    await addToOutbox(tx, "webhook.delivery.queued", { deliveryId: created.id });
    return created;
  });
  return { delivery: toDeliveryView(row) };
}
