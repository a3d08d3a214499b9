// A domain event -> one delivery per endpoint of its curator subscribed to it, each with its
// `webhook.delivery.queued` message (the webhook-send job sends it), in one transaction.
// Idempotent: a message fanned out again (at-least-once delivery of the outbox) finds its
// deliveries there already (unique endpoint + source message) and adds nothing.
import type { Db } from "../../db/client";
import type { Prisma } from "../../generated/prisma/client";
import type { DomainEventPayload } from "../outbox/messages";
import { addManyToOutbox } from "../outbox/service";
import { partnerMessage } from "./payloads";
import type { PartnerEventType } from "./schema";

/** The webhook-id of every delivery of an outbox message: the same on every try and redelivery. */
export function webhookIdOf(messageId: string): string {
  return `msg_${messageId.replace(/-/g, "")}`;
}

export interface FanOutOutcome {
  /** Deliveries this run added (0 when the message was fanned out before, or nobody subscribes). */
  queued: number;
  /** False when what the message is about no longer exists. */
  found: boolean;
}

export async function fanOutPartnerEvent<N extends PartnerEventType>(
  db: Db,
  type: N,
  payload: DomainEventPayload<N>,
  { messageId, now = new Date() }: { messageId: string; now?: Date },
): Promise<FanOutOutcome> {
  const message = await partnerMessage(db, { type, payload } as Parameters<typeof partnerMessage>[1], now);
  if (!message) return { queued: 0, found: false };
  const queued = await db.$transaction(async (tx) => {
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { ownerId: message.curatorId, enabled: true, deletedAt: null, events: { has: type } },
      select: { id: true },
    });
    if (endpoints.length === 0) return 0;
    const created = await tx.webhookDelivery.createManyAndReturn({
      data: endpoints.map((endpoint) => ({
        endpointId: endpoint.id,
        sourceMessageId: messageId,
        eventType: type,
        webhookId: webhookIdOf(messageId),
        payload: message.payload as unknown as Prisma.InputJsonObject,
        nextAttemptAt: now,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    await addManyToOutbox(
      tx,
      created.map((delivery) => ({ name: "webhook.delivery.queued" as const, payload: { deliveryId: delivery.id } })),
    );
    return created.length;
  });
  return { queued, found: true };
}
