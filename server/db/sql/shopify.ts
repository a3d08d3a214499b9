// The Shopify push's lock (server/domain/shopify/push.ts): one push per product at a time.
import { Prisma } from "../../generated/prisma/client";
import { statement } from "./statement";

/** How long this transaction's lock requests wait (e.g. "30s") before they fail. */
export function setLockTimeout({ wait }: { wait: string }) {
  return statement<{ lockTimeout: string }>(Prisma.sql`SELECT set_config('lock_timeout', ${wait}, true) AS "lockTimeout"`);
}

/** Waits for the product's push lock, held until the transaction ends (or its connection dies). */
export function lockProductPush({ productId }: { productId: string }) {
  // ::text: the client cannot read a void column.
  return statement<{ locked: string }>(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`shopify-push:${productId}`}, 0))::text AS locked`);
}

/** The domain event that asks for a push of what is left (server/domain/outbox/messages.ts). */
const AVAILABILITY_CHANGED = "tickets.availability.changed";

/**
 * After a sale (or a hold given back) of these ticket types: queues one push of what is left
 * for each of their products whose merchant has a store connected and that has no push
 * queued yet, and marks it queued. While a push is queued (until it reads the counts) further
 * sales queue nothing, so a flash sale costs Shopify one push at a time, not one per order.
 * Matches no row, and writes nothing, for merchants without a store.
 */
export function queueInventoryPush({ variantIds }: { variantIds: readonly string[] }) {
  return statement(Prisma.sql`
    WITH queued AS (
      UPDATE "Product" p SET shopify_push_queued_at = now()
      FROM "Merchant" m
      WHERE p.id IN (SELECT v.product_id FROM "ProductVariant" v WHERE v.id = ANY(${[...variantIds]}::uuid[]))
        AND m.id = p.merchant_id AND m.shopify_token_ciphertext IS NOT NULL
        AND p.shopify_push_queued_at IS NULL AND p.event_id IS NOT NULL AND p.deleted_at IS NULL
      RETURNING p.event_id
    )
    INSERT INTO "OutboxMessage" (id, name, payload)
    SELECT gen_random_uuid(), ${AVAILABILITY_CHANGED}, jsonb_build_object('eventId', event_id) FROM queued`);
}

/** The queued push has started: sales from now on are not in what it read, so they queue the next one. */
export function takeQueuedInventoryPush({ productId }: { productId: string }) {
  return statement(
    Prisma.sql`UPDATE "Product" SET shopify_push_queued_at = NULL WHERE id = ${productId}::uuid AND shopify_push_queued_at IS NOT NULL`,
  );
}
