// Post-sync fan-out: an event with 10,000 synced posts gets a new title over REST (PUT
// /product-event/:id); the time runs until every post carries the new version, which the
// server's in-process worker writes (outbox -> post-sync job -> server/domain/posts/sync.ts).
// The raw baseline is one set-based UPDATE giving those 10,000 posts the fields the sync
// mapping writes (headline, title, subTitle, cover images, ticket prices, synced version).
// Each side runs a few rounds, each a new title and version; the median is reported.
import { setTimeout as sleep } from "node:timers/promises";
import { createEvent } from "../../prisma/factories";
import { postFieldsFromEvent } from "../../server/domain/posts/event-mapping";
import type { BenchDatabase } from "./databases";
import { median } from "./figures";

export const SYNCED_POSTS = 10_000;
export const FANOUT_ROUNDS = 3;
const SYNC_TIMEOUT_MS = 60_000;

export interface FanoutEvent {
  eventId: string;
  version: number;
}

/**
 * An event with its curator's auto-post and 9,999 promoters' posts copied from it (bulk SQL),
 * every one with sync on and at the event's version, each with the auto-post's media.
 */
export async function prepareFanout(database: BenchDatabase): Promise<FanoutEvent> {
  const { event, post } = await createEvent(database.db, {
    curatorId: database.curator.id,
    title: "Bench fan-out",
    tickets: [
      { name: "Early bird", price: 1500, quantity: 150 },
      { name: "General admission", price: 2500, quantity: 400 },
    ],
  });
  await database.sql.query(
    `WITH copies AS (
       INSERT INTO "Post" (id, creator_id, post_type, create_from_event_id, slug, headline, title, sub_title, cover_images,
                           ticket_prices, sync_enabled, synced_event_version, synced_at, created_at, updated_at)
       SELECT gen_random_uuid(), $2, 'EVENT', p.create_from_event_id, 'bench-' || gen_random_uuid(), p.headline, p.title,
              p.sub_title, p.cover_images, p.ticket_prices, true, p.synced_event_version, now(), now(), now()
         FROM "Post" p, generate_series(2, $3) AS i
        WHERE p.id = $1
       RETURNING id
     )
     INSERT INTO "PostMedia" (id, post_id, src, position, media_type)
     SELECT gen_random_uuid(), c.id, m.src, m.position, m.media_type
       FROM copies c CROSS JOIN (SELECT src, position, media_type FROM "PostMedia" WHERE post_id = $1) m`,
    [post.id, database.promoter.id, SYNCED_POSTS],
  );
  return { eventId: event.id, version: event.version };
}

/** Posts of the event still short of `version`. */
async function postsBehind(database: BenchDatabase, eventId: string, version: number): Promise<number> {
  const { rows } = await database.sql.query<{ behind: number }>(
    `SELECT count(*)::int AS behind FROM "Post"
      WHERE create_from_event_id = $1 AND sync_enabled AND deleted_at IS NULL
        AND (synced_event_version IS NULL OR synced_event_version < $2)`,
    [eventId, version],
  );
  return rows[0]!.behind;
}

/** Milliseconds from sending the PUT until all 10,000 posts are at the new version (median of rounds). */
export async function fanoutOverRest(baseUrl: string, apiKey: string, marquee: BenchDatabase, fanout: FanoutEvent): Promise<number> {
  const timings: number[] = [];
  for (let round = 1; round <= FANOUT_ROUNDS; round++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/product-event/${fanout.eventId}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ title: `Bench fan-out, round ${round}` }),
    });
    if (!response.ok) throw new Error(`PUT /product-event/${fanout.eventId}: ${response.status} ${await response.text()}`);
    const { event } = (await response.json()) as { event: { version: number } };
    if (event.version <= fanout.version) throw new Error(`the title change did not give the event a new version (${event.version})`);
    fanout.version = event.version;
    while ((await postsBehind(marquee, fanout.eventId, event.version)) > 0) {
      if (performance.now() - started > SYNC_TIMEOUT_MS) {
        throw new Error(`posts were still behind version ${event.version} after ${SYNC_TIMEOUT_MS / 1000} s: is the worker running?`);
      }
      await sleep(5);
    }
    timings.push(performance.now() - started);
  }
  return median(timings);
}

/** Milliseconds of one UPDATE of the 10,000 posts with the fields of the new version (median of rounds). */
export async function fanoutInRawSql(raw: BenchDatabase, fanout: FanoutEvent): Promise<number> {
  const {
    rows: [event],
  } = await raw.sql.query<{ venue: string; startDate: Date; timezone: string }>(
    `SELECT venue, start_date AS "startDate", timezone FROM "Event" WHERE id = $1`,
    [fanout.eventId],
  );
  const {
    rows: [source],
  } = await raw.sql.query<{ coverImages: unknown; ticketPrices: unknown }>(
    `SELECT cover_images AS "coverImages", ticket_prices AS "ticketPrices" FROM "Post" WHERE create_from_event_id = $1 LIMIT 1`,
    [fanout.eventId],
  );
  const timings: number[] = [];
  for (let round = 1; round <= FANOUT_ROUNDS; round++) {
    const version = ++fanout.version;
    const fields = postFieldsFromEvent({ ...event!, title: `Bench fan-out, round ${round}`, version }, [], []);
    const started = performance.now();
    const { rowCount } = await raw.sql.query(
      `UPDATE "Post" p
          SET headline = $2, title = $3, sub_title = $4, cover_images = $5, ticket_prices = $6,
              synced_event_version = $7, synced_at = now(), updated_at = now()
        WHERE p.create_from_event_id = $1 AND p.sync_enabled AND p.deleted_at IS NULL
          AND (p.synced_event_version IS NULL OR p.synced_event_version < $7)`,
      [
        fanout.eventId,
        fields.headline,
        fields.title,
        fields.subTitle,
        JSON.stringify(source!.coverImages),
        JSON.stringify(source!.ticketPrices),
        version,
      ],
    );
    timings.push(performance.now() - started);
    if (rowCount !== SYNCED_POSTS) throw new Error(`the raw fan-out updated ${rowCount} posts, not ${SYNCED_POSTS}`);
  }
  return median(timings);
}
