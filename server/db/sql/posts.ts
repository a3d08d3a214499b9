// Post sync's statements (server/domain/posts/sync.ts): one reads the event at one version,
// one writes every synced post of it with its media.
import { Prisma } from "../../generated/prisma/client";
import { ListingType, type MediaType } from "../../generated/prisma/enums";
import { statement } from "./statement";

/** The live event with its media and its ticket product's live variants, as one consistent read. */
export interface EventForSyncRow {
  title: string;
  venue: string;
  startDate: Date;
  timezone: string;
  version: number;
  medias: Array<{ src: string; position: number; mediaType: MediaType }>;
  variants: Array<{ id: string; name: string; price: number; currency: string; position: number }>;
}

/** One statement, so all of it belongs to one version (separate reads could mix two). */
export function eventForSync({ eventId }: { eventId: string }) {
  return statement<EventForSyncRow>(Prisma.sql`
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
              WHERE p.event_id = e.id AND p.deleted_at IS NULL AND p.listing_type = ${ListingType.TICKET}::"ListingType"
              ORDER BY p.created_at LIMIT 1)
      ), '[]'::json) AS variants
    FROM "Event" e
    WHERE e.id = ${eventId}::uuid AND e.deleted_at IS NULL`);
}

/** What a post carries of its event (posts/event-mapping.ts computes it). */
export interface PostSyncWrite {
  eventId: string;
  headline: string;
  title: string;
  subTitle: string;
  coverImages: unknown;
  ticketPrices: unknown;
  syncedEventVersion: number;
  media: ReadonlyArray<{ src: string; position: number; mediaType: MediaType }>;
  /** The race tests' deliberately broken variant: writes posts already at this version too. */
  withoutVersionGuard?: boolean;
}

/**
 * Writes the event's state to every post made from it with sync on whose synced version is
 * older: the posts' fields (UPDATE ... RETURNING), and for those whose cover images change,
 * their old media (DELETE) and the new (INSERT ... SELECT). Answers the posts and media written.
 */
export function writeSyncedPosts(write: PostSyncWrite) {
  const olderOnly = write.withoutVersionGuard
    ? Prisma.empty
    : Prisma.sql`AND (p.synced_event_version IS NULL OR p.synced_event_version < ${write.syncedEventVersion})`;
  const coverImages = JSON.stringify(write.coverImages);
  return statement<{ posts: number; media: number }>(Prisma.sql`
    WITH other_media AS (
      SELECT p.id FROM "Post" p
       WHERE p.create_from_event_id = ${write.eventId}::uuid
         AND p.cover_images IS DISTINCT FROM ${coverImages}::jsonb
    ),
    synced AS (
      UPDATE "Post" p
         SET headline = ${write.headline},
             title = ${write.title},
             sub_title = ${write.subTitle},
             cover_images = ${coverImages}::jsonb,
             ticket_prices = ${JSON.stringify(write.ticketPrices)}::jsonb,
             synced_event_version = ${write.syncedEventVersion},
             synced_at = now(),
             updated_at = now()
       WHERE p.create_from_event_id = ${write.eventId}::uuid
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
       CROSS JOIN jsonb_to_recordset(${JSON.stringify(write.media)}::jsonb) AS m(src text, position int, "mediaType" text)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM synced)::int AS posts, (SELECT count(*) FROM added)::int AS media`);
}
