// The access tests' witness (server/security/access-fixtures.ts): a digest of every row some
// users own, so a call that must write none of them can be caught writing one.
import { Prisma } from "../../generated/prisma/client";
import { CheckInResult } from "../../generated/prisma/enums";
import { statement } from "./statement";

/** One md5 over every row the users own (what it leaves out, and why: ownedRowsDigest there). */
export function digestOwnedRows({ ownerIds }: { ownerIds: string[] }) {
  return statement<{ digest: string }>(Prisma.sql`
    WITH owners AS (SELECT unnest(${ownerIds}::uuid[]) AS id),
         events AS (SELECT e.id FROM "Event" e WHERE e.curator_id IN (SELECT id FROM owners)),
         merchants AS (SELECT m.id FROM "Merchant" m WHERE m.owner_id IN (SELECT id FROM owners)),
         products AS (SELECT p.id FROM "Product" p WHERE p.merchant_id IN (SELECT id FROM merchants) OR p.event_id IN (SELECT id FROM events)),
         posts AS (SELECT p.id FROM "Post" p WHERE p.creator_id IN (SELECT id FROM owners)),
         guest_groups AS (SELECT g.id FROM "EventGuestGroup" g WHERE g.user_id IN (SELECT id FROM owners)),
         endpoints AS (SELECT w.id FROM "WebhookEndpoint" w WHERE w.owner_id IN (SELECT id FROM owners)),
         owned(kind, data) AS (
               SELECT 'User', to_jsonb(t) FROM "User" t WHERE t.id IN (SELECT id FROM owners)
     UNION ALL SELECT 'Merchant', to_jsonb(t) FROM "Merchant" t WHERE t.id IN (SELECT id FROM merchants)
     UNION ALL SELECT 'Event', to_jsonb(t) FROM "Event" t WHERE t.id IN (SELECT id FROM events)
     UNION ALL SELECT 'EventLineup', to_jsonb(t) FROM "EventLineup" t WHERE t.event_id IN (SELECT id FROM events)
     UNION ALL SELECT 'EventMedia', to_jsonb(t) FROM "EventMedia" t WHERE t.event_id IN (SELECT id FROM events)
     UNION ALL SELECT 'Product', to_jsonb(t) FROM "Product" t WHERE t.id IN (SELECT id FROM products)
     UNION ALL SELECT 'ProductVariant', to_jsonb(t) FROM "ProductVariant" t WHERE t.product_id IN (SELECT id FROM products)
     UNION ALL SELECT 'Post', to_jsonb(t) FROM "Post" t WHERE t.id IN (SELECT id FROM posts)
     UNION ALL SELECT 'PostMedia', to_jsonb(t) FROM "PostMedia" t WHERE t.post_id IN (SELECT id FROM posts)
     UNION ALL SELECT 'EventGuest', to_jsonb(t) FROM "EventGuest" t WHERE t.user_id IN (SELECT id FROM owners)
     UNION ALL SELECT 'EventGuestGroup', to_jsonb(t) FROM "EventGuestGroup" t WHERE t.id IN (SELECT id FROM guest_groups)
     UNION ALL SELECT 'EventGuestToGroup', to_jsonb(t) FROM "EventGuestToGroup" t WHERE t.group_id IN (SELECT id FROM guest_groups)
     UNION ALL SELECT 'EventGuestToEvent', to_jsonb(t) FROM "EventGuestToEvent" t WHERE t.event_id IN (SELECT id FROM events)
     UNION ALL SELECT 'EventStaff', to_jsonb(t) FROM "EventStaff" t WHERE t.event_id IN (SELECT id FROM events)
     UNION ALL SELECT 'EventPromoter', to_jsonb(t) FROM "EventPromoter" t WHERE t.event_id IN (SELECT id FROM events)
     UNION ALL SELECT 'Invitation', to_jsonb(t) FROM "Invitation" t WHERE t.event_id IN (SELECT id FROM events)
     UNION ALL SELECT 'CheckInAttempt', to_jsonb(t) FROM "CheckInAttempt" t
                WHERE t.event_id IN (SELECT id FROM events) AND t.result <> ${CheckInResult.FORBIDDEN}::"CheckInResult"
     UNION ALL SELECT 'EventMessage', to_jsonb(t) FROM "EventMessage" t WHERE t.event_id IN (SELECT id FROM events)
     UNION ALL SELECT 'MessageDelivery', to_jsonb(t) FROM "MessageDelivery" t WHERE t.event_id IN (SELECT id FROM events)
     UNION ALL SELECT 'GuestSmsCount', to_jsonb(t) FROM "GuestSmsCount" t WHERE t.event_id IN (SELECT id FROM events)
     UNION ALL SELECT 'MessageOptOut', to_jsonb(t) FROM "MessageOptOut" t WHERE t.curator_id IN (SELECT id FROM owners)
     UNION ALL SELECT 'WebhookEndpoint', to_jsonb(t) FROM "WebhookEndpoint" t WHERE t.id IN (SELECT id FROM endpoints)
     UNION ALL SELECT 'WebhookDelivery', to_jsonb(t) FROM "WebhookDelivery" t WHERE t.endpoint_id IN (SELECT id FROM endpoints)
     UNION ALL SELECT 'ApiKey', to_jsonb(t) - 'last_used_at' FROM "ApiKey" t WHERE t.user_id IN (SELECT id FROM owners)
     UNION ALL SELECT 'OutboxMessage', to_jsonb(t) FROM "OutboxMessage" t
                WHERE t.payload->>'eventId' IN (SELECT id::text FROM events)
                   OR t.payload->>'curatorId' IN (SELECT id::text FROM owners))
    SELECT md5(coalesce(string_agg(kind || data::text, E'\n' ORDER BY kind || data::text), '')) AS digest FROM owned`);
}
