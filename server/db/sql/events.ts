// Statements over events (the completion sweep, locks on a live event, post sync counts).
import type { Actor } from "../../auth/actor";
import { managedEventsSql } from "../../auth/policy";
import { Prisma } from "../../generated/prisma/client";
import { EventStatus, ProductStatus } from "../../generated/prisma/enums";
import { statement } from "./statement";

/**
 * A live event locked FOR SHARE: a change of it (which holds the row FOR UPDATE) cannot
 * commit until the caller's transaction ends. No row: no such live event.
 */
export function shareLockLiveEvent({ eventId }: { eventId: string }) {
  return statement<{ id: string; status: EventStatus }>(Prisma.sql`
    SELECT id, status FROM "Event" WHERE id = ${eventId}::uuid AND deleted_at IS NULL FOR SHARE`);
}

/**
 * A live event the actor manages, locked FOR UPDATE (no lock is taken on rows that are not
 * theirs): concurrent updates queue up behind it, and the version read is the one to build on.
 */
export function lockManagedEvent({ eventId, actor }: { eventId: string; actor: Pick<Actor, "userId" | "role"> }) {
  return statement<{ version: number }>(Prisma.sql`
    SELECT e.version FROM "Event" e
    WHERE e.id = ${eventId}::uuid AND e.deleted_at IS NULL AND ${managedEventsSql(actor, "e")}
    FOR UPDATE`);
}

/** An event's live posts counted by sync state (as postSyncState() tells each post's). */
export function postSyncSummary({ eventId }: { eventId: string }) {
  return statement<{ current: number; behind: number; off: number }>(Prisma.sql`
    SELECT count(*) FILTER (WHERE p.sync_enabled AND p.synced_event_version >= e.version)::int AS current,
           count(*) FILTER (WHERE p.sync_enabled AND (p.synced_event_version IS NULL OR p.synced_event_version < e.version))::int AS behind,
           count(*) FILTER (WHERE NOT p.sync_enabled)::int AS off
      FROM "Post" p JOIN "Event" e ON e.id = p.create_from_event_id
     WHERE p.create_from_event_id = ${eventId}::uuid AND p.deleted_at IS NULL`);
}

/**
 * One batch of the completion sweep: due UPCOMING events with allowAutoComplete become
 * COMPLETED and their products ARCHIVED; answers the events completed. `withoutRowLocks` is
 * the race tests' deliberately broken variant (no SKIP LOCKED claim, no status re-check).
 */
export function completeAndArchiveDue({
  now,
  batchSize,
  defaultLengthMs,
  withoutRowLocks = false,
}: {
  now: Date;
  batchSize: number;
  /** An event without an end date ends this long after its start. */
  defaultLengthMs: number;
  withoutRowLocks?: boolean;
}) {
  const upcoming = Prisma.sql`${EventStatus.UPCOMING}::"EventStatus"`;
  const archived = Prisma.sql`${ProductStatus.ARCHIVED}::"ProductStatus"`;
  const claim = withoutRowLocks ? Prisma.empty : Prisma.sql`FOR UPDATE SKIP LOCKED`;
  const stillUpcoming = withoutRowLocks ? Prisma.empty : Prisma.sql`AND e.status = ${upcoming}`;
  return statement<{ id: string }>(Prisma.sql`
    WITH due AS (
      SELECT id FROM "Event"
       WHERE status = ${upcoming} AND allow_auto_complete AND deleted_at IS NULL
         AND start_date <= ${now}
         AND COALESCE(end_date, start_date + ${defaultLengthMs} * interval '1 millisecond') <= ${now}
       ORDER BY start_date, id
       LIMIT ${batchSize}
       ${claim}
    ),
    completed AS (
      UPDATE "Event" e SET status = ${EventStatus.COMPLETED}::"EventStatus", updated_at = now()
        FROM due WHERE e.id = due.id ${stillUpcoming}
      RETURNING e.id
    ),
    archived AS (
      -- ANY(ARRAY(...)) looks the batch's products up by the event_id index; a join with
      -- the CTE was planned as a scan of every product, once per batch.
      UPDATE "Product" p SET status = ${archived}, updated_at = now()
       WHERE p.event_id = ANY (ARRAY(SELECT id FROM completed))
         AND p.deleted_at IS NULL AND p.status <> ${archived}
    )
    SELECT id FROM completed`);
}

/**
 * An event's ticket types' sold and held counts, the rows locked FOR UPDATE until the caller's
 * transaction ends: an order's conditional update of them waits, so a capacity checked
 * against these counts still holds when it is written.
 */
export function lockTicketCounts({ productId, variantIds }: { productId: string; variantIds: string[] }) {
  return statement<{ id: string; name: string; sold: number; held: number }>(Prisma.sql`
    SELECT id, name, sold, held FROM "ProductVariant"
     WHERE product_id = ${productId}::uuid AND id = ANY (${variantIds}::uuid[]) AND deleted_at IS NULL
     ORDER BY id
       FOR UPDATE`);
}
