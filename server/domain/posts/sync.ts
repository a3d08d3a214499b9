// Post sync: after `event.updated`, every post made from the event with sync on is brought to
// the event's current state through the one mapping in event-mapping.ts. Set-based: one statement reads the event, one statement writes every post
// and its media, however many posts there are.
//
// Always the whole mapping, whatever the message's syncCategories: a post's syncedEventVersion
// jumps to the event's version, so it must then carry everything of that version (a delivery
// of v3 [variants] that overtook v2 [metadata] still has to bring v2's title along).
//
// Deliveries are at least once, late, repeated and concurrent. Each run reads the event as it
// is now and writes only posts whose synced version is older than what it read: a run that
// read v5 and lost the race to one that read v6 changes nothing, so a post never goes back.
import type { Db, Tx } from "../../db/client";
import { Prisma } from "../../generated/prisma/client";
import type { MediaType } from "../../generated/prisma/enums";
import {
  postFieldsFromEvent,
  postMediaFromEvent,
  type EventForPost,
  type MediaForPost,
  type VariantForPost,
} from "./event-mapping";

/** The event as one consistent read: what the mapping needs, at one version. */
export interface EventSnapshot {
  eventId: string;
  event: EventForPost;
  medias: MediaForPost[];
  variants: VariantForPost[];
}

/**
 * Reads the live event with its media and its ticket product's live variants in ONE
 * statement, so all of it belongs to one version (separate reads could mix two versions).
 * Null when the event does not exist or is deleted.
 */
export async function readEventForSync(db: Db | Tx, eventId: string): Promise<EventSnapshot | null> {
  const rows = await db.$queryRaw<
    Array<{
      title: string;
      venue: string;
      startDate: Date;
      timezone: string;
      version: number;
      medias: Array<{ src: string; position: number; mediaType: MediaType }>;
      variants: Array<{ id: string; name: string; price: number; currency: string; position: number }>;
    }>
  >`
    SELECT e.title, e.venue, e.start_date AS "startDate", e.timezone, e.version,
      COALESCE((
        SELECT json_agg(json_build_object('src', m.src, 'position', m.position, 'mediaType', m.media_type)
                        ORDER BY m.position, m.id)
          FROM "EventMedia" m WHERE m.event_id = e.id
      ), '[]'::json) AS medias,
      COALESCE((
        SELECT json_agg(json_build_object('id', v.id, 'name', v.name, 'price', v.price,
                                          'currency', v.currency, 'position', v.position)
                        ORDER BY v.position, v.created_at, v.id)
          FROM "ProductVariant" v
         WHERE v.deleted_at IS NULL
           AND v.product_id = (
             SELECT p.id FROM "Product" p
              WHERE p.event_id = e.id AND p.deleted_at IS NULL AND p.listing_type = 'TICKET'
              ORDER BY p.created_at LIMIT 1)
      ), '[]'::json) AS variants
    FROM "Event" e
    WHERE e.id = ${eventId}::uuid AND e.deleted_at IS NULL`;
  const row = rows[0];
  if (!row) return null;
  const { medias, variants, ...event } = row;
  return { eventId, event, medias, variants };
}

/**
 * Deliberately broken variants, for the race tests' negative controls only: they show the
 * tests would catch the bug. Never set by application code.
 */
export interface PostSyncFaults {
  /** Write every synced post, even one already at this version or newer. */
  withoutVersionGuard?: boolean;
}

export interface PostSyncOutcome {
  /** Null when the event no longer exists (nothing to sync to). */
  eventVersion: number | null;
  /** Posts brought to `eventVersion` by this run (0: all were current already). */
  posts: number;
  /** PostMedia rows written for them (none for posts whose media stay the same). */
  media: number;
}

/**
 * Writes a snapshot to every post of its event with sync on whose synced version is older,
 * in ONE statement: the posts' fields (UPDATE ... RETURNING), and for those of them whose
 * media the snapshot changes, their old media (DELETE) and the snapshot's (INSERT ... SELECT).
 * A post's cover images and its media rows are always written together, from the same event
 * media, by the one mapping; so a post whose cover images already are the snapshot's has its
 * media too, and rewriting them (10,000 deletes and inserts for a title change) is skipped.
 */
export async function applyPostSync(
  db: Db | Tx,
  snapshot: EventSnapshot,
  faults: PostSyncFaults = {},
): Promise<PostSyncOutcome> {
  const fields = postFieldsFromEvent(snapshot.event, snapshot.medias, snapshot.variants);
  const media = postMediaFromEvent(snapshot.medias);
  const olderOnly = faults.withoutVersionGuard
    ? Prisma.empty
    : Prisma.sql`AND (p.synced_event_version IS NULL OR p.synced_event_version < ${fields.syncedEventVersion})`;
  const coverImages = JSON.stringify(fields.coverImages);
  const rows = await db.$queryRaw<Array<{ posts: number; media: number }>>`
    WITH other_media AS (
      SELECT p.id FROM "Post" p
       WHERE p.create_from_event_id = ${snapshot.eventId}::uuid
         AND p.cover_images IS DISTINCT FROM ${coverImages}::jsonb
    ),
    synced AS (
      UPDATE "Post" p
         SET headline = ${fields.headline},
             title = ${fields.title},
             sub_title = ${fields.subTitle},
             cover_images = ${coverImages}::jsonb,
             ticket_prices = ${JSON.stringify(fields.ticketPrices)}::jsonb,
             synced_event_version = ${fields.syncedEventVersion},
             synced_at = now(),
             updated_at = now()
       WHERE p.create_from_event_id = ${snapshot.eventId}::uuid
         AND p.sync_enabled AND p.deleted_at IS NULL
         ${olderOnly}
      RETURNING p.id
    ),
    remedia AS (
      SELECT s.id FROM synced s JOIN other_media o ON o.id = s.id
    ),
    removed AS (
      DELETE FROM "PostMedia" pm USING remedia r WHERE pm.post_id = r.id
    ),
    added AS (
      INSERT INTO "PostMedia" (id, post_id, src, position, media_type)
      SELECT gen_random_uuid(), r.id, m.src, m.position, m."mediaType"::"MediaType"
        FROM remedia r
       CROSS JOIN jsonb_to_recordset(${JSON.stringify(media)}::jsonb) AS m(src text, position int, "mediaType" text)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM synced)::int AS posts, (SELECT count(*) FROM added)::int AS media`;
  const row = rows[0]!;
  return { eventVersion: fields.syncedEventVersion, posts: row.posts, media: row.media };
}

/**
 * The post-sync job: brings the event's synced posts to the event's current version. The
 * message's version and syncCategories only say what changed; the event row says what is.
 */
export async function syncPostsToEvent(
  db: Db,
  payload: { eventId: string },
  faults: PostSyncFaults = {},
): Promise<PostSyncOutcome> {
  const snapshot = await readEventForSync(db, payload.eventId);
  if (!snapshot) return { eventVersion: null, posts: 0, media: 0 };
  return applyPostSync(db, snapshot, faults);
}
