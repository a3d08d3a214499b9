// Partner webhooks' statements (server/domain/partner-webhooks).
import { Prisma } from "../../generated/prisma/client";
import { WebhookDeliveryStatus } from "../../generated/prisma/enums";
import { statement } from "./statement";

/**
 * Outbox messages of one event (one per payload), written only when the event's curator has an
 * enabled endpoint subscribed to `name`: a sale of a curator without partners adds no message
 * and no job run. One statement, inside the caller's transaction.
 */
export function insertPartnerEventsIfSubscribed({ name, payloads, eventId }: { name: string; payloads: readonly unknown[]; eventId: string }) {
  return statement(Prisma.sql`
    INSERT INTO "OutboxMessage" (id, name, payload)
    SELECT gen_random_uuid(), ${name}, p FROM jsonb_array_elements(${JSON.stringify(payloads)}::jsonb) AS p
     WHERE ${curatorSubscribed({ name, eventId })}`);
}

/** SQL: the event's curator has an enabled endpoint subscribed to `name` (also inside the door's one scan statement). */
export function curatorSubscribed({ name, eventId }: { name: string; eventId: string }): Prisma.Sql {
  return Prisma.sql`EXISTS (
       SELECT 1 FROM "WebhookEndpoint" w JOIN "Event" e ON e.curator_id = w.owner_id
        WHERE e.id = ${eventId}::uuid AND w.enabled AND w.deleted_at IS NULL AND ${name} = ANY (w.events))`;
}

/**
 * Claims due deliveries of enabled endpoints (all of them, or only `ids`) for `leaseMs`: two
 * senders never send one delivery at once, and a sender that died leaves it to the next one
 * once the lease passes. Answers the claimed ids.
 */
export function claimDueDeliveries({ now, limit, leaseMs, ids }: { now: Date; limit: number; leaseMs: number; ids: string[] | null }) {
  return statement<{ id: string }>(Prisma.sql`
    UPDATE "WebhookDelivery" AS d
       SET locked_until = ${now}::timestamptz + make_interval(secs => ${leaseMs / 1000})
     WHERE d.id IN (
       SELECT c.id FROM "WebhookDelivery" c JOIN "WebhookEndpoint" w ON w.id = c.endpoint_id
        WHERE c.status = ${WebhookDeliveryStatus.PENDING}::"WebhookDeliveryStatus"
          AND c.next_attempt_at <= ${now}::timestamptz
          AND (c.locked_until IS NULL OR c.locked_until < ${now}::timestamptz)
          AND w.enabled AND w.deleted_at IS NULL
          ${ids ? Prisma.sql`AND c.id = ANY (${ids}::uuid[])` : Prisma.empty}
        ORDER BY c.next_attempt_at
        LIMIT ${limit}
        FOR UPDATE OF c SKIP LOCKED)
    RETURNING d.id`);
}

/** Locks an endpoint's row for the transaction: redeliveries of one endpoint queue up here (one at a time decides). */
export function lockEndpoint({ id }: { id: string }) {
  return statement<{ id: string }>(Prisma.sql`SELECT id FROM "WebhookEndpoint" WHERE id = ${id}::uuid FOR UPDATE`);
}
