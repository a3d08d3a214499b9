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
import { eventForSync, writeSyncedPosts } from "../../db/sql/posts";
import { query } from "../../db/sql/statement";
import { postFieldsFromEvent, postMediaFromEvent, type EventForPost, type MediaForPost, type VariantForPost } from "./event-mapping";

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
  const rows = await query(db, eventForSync({ eventId }));
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
export async function applyPostSync(db: Db | Tx, snapshot: EventSnapshot, faults: PostSyncFaults = {}): Promise<PostSyncOutcome> {
  const fields = postFieldsFromEvent(snapshot.event, snapshot.medias, snapshot.variants);
  const media = postMediaFromEvent(snapshot.medias);
  const rows = await query(db, writeSyncedPosts({ ...fields, eventId: snapshot.eventId, media, withoutVersionGuard: faults.withoutVersionGuard }));
  const row = rows[0]!;
  return { eventVersion: fields.syncedEventVersion, posts: row.posts, media: row.media };
}

/**
 * The post-sync job: brings the event's synced posts to the event's current version. The
 * message's version and syncCategories only say what changed; the event row says what is.
 */
export async function syncPostsToEvent(db: Db, payload: { eventId: string }, faults: PostSyncFaults = {}): Promise<PostSyncOutcome> {
  const snapshot = await readEventForSync(db, payload.eventId);
  if (!snapshot) return { eventVersion: null, posts: 0, media: 0 };
  return applyPostSync(db, snapshot, faults);
}
