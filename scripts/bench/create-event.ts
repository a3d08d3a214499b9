// Create event: POST /product-event/v2 (3 tickets, 2 posters, 3 lineup entries) against the
// same rows written in raw SQL, one transaction per event: Event, 2 EventMedia, 3 EventLineup,
// Product, 3 ProductVariant, the auto-post with its 2 PostMedia, and the `event.created`
// outbox row, which is what createEvent (server/domain/events/create.ts) writes.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { postFieldsFromEvent, postMediaFromEvent } from "../../server/domain/posts/event-mapping";
import type { BenchDatabase } from "./databases";
import type { LoadFigures } from "./figures";
import { loadHttp } from "./http-load";
import { inTransaction, loadSql } from "./sql-load";

const DAY_MS = 24 * 60 * 60 * 1000;
const start = new Date(Date.now() + 30 * DAY_MS);

export const CREATE_EVENT_BODY = {
  title: "Bench Night: Warehouse Sessions",
  startDate: start.toISOString(),
  endDate: new Date(start.getTime() + 6 * 60 * 60 * 1000).toISOString(),
  timezone: "Europe/Berlin",
  venue: "Halle Süd",
  location: "Revaler Straße 99, 10245 Berlin",
  poster: [{ src: "/demo/neon-nights.svg" }, { src: "/demo/marlow-and-the-tides.svg" }],
  tickets: [
    { name: "Early bird", price: 1500, currency: "EUR", quantity: 150 },
    { name: "General admission", price: 2500, currency: "EUR", quantity: 400 },
    { name: "VIP", price: 6000, currency: "EUR", quantity: 40 },
  ],
  lineups: [
    { title: "DJ Kaiserin", introduction: "Six hours of hypnotic, relentless groove.", isHeadliner: true },
    { title: "Mira Okafor", introduction: "Afro-house and broken beat." },
    { title: "Tomás Reyes b2b Lena Vogt", introduction: "Two residents, one booth, no plan." },
  ],
};

export function createEventOverRest(baseUrl: string, apiKey: string, connections: number, durationSeconds: number) {
  return loadHttp({
    url: `${baseUrl}/product-event/v2`,
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(CREATE_EVENT_BODY),
    connections,
    durationSeconds,
  });
}

const body = CREATE_EVENT_BODY;
const medias = body.poster.map((p, position) => ({ src: p.src, position, mediaType: "IMAGE" as const }));
const postMedia = postMediaFromEvent(medias);
// Version 1 is the new event's; ticket prices need the variants' ids, so they are added per event.
const postFields = postFieldsFromEvent(
  { title: body.title, venue: body.venue, startDate: new Date(body.startDate), timezone: body.timezone, version: 1 },
  medias,
  [],
);

/** One event with everything createEvent writes, in one transaction of plain INSERTs. */
async function insertEvent(client: pg.Client, curator: BenchDatabase["curator"]): Promise<void> {
  await inTransaction(client, async () => {
    const {
      rows: [event],
    } = await client.query<{ id: string }>(
      `INSERT INTO "Event" (id, curator_id, status, title, start_date, end_date, timezone, venue, location, poster,
                            allow_auto_complete, is_address_reveal_enabled, is_tax_enabled, updated_at)
       VALUES (gen_random_uuid(), $1, 'UPCOMING', $2, $3, $4, $5, $6, $7, $8, true, false, false, now())
       RETURNING id`,
      [curator.id, body.title, body.startDate, body.endDate, body.timezone, body.venue, body.location, JSON.stringify(body.poster)],
    );
    const eventId = event!.id;
    await client.query(
      `INSERT INTO "EventMedia" (id, event_id, src, position, media_type)
       SELECT gen_random_uuid(), $1, m.src, m.position, 'IMAGE' FROM unnest($2::text[], $3::int[]) AS m(src, position)`,
      [eventId, medias.map((m) => m.src), medias.map((m) => m.position)],
    );
    await client.query(
      `INSERT INTO "EventLineup" (id, event_id, title, introduction, "order", is_headliner)
       SELECT gen_random_uuid(), $1, l.title, l.introduction, l.ord, l.headliner
         FROM unnest($2::text[], $3::text[], $4::int[], $5::bool[]) AS l(title, introduction, ord, headliner)`,
      [
        eventId,
        body.lineups.map((l) => l.title),
        body.lineups.map((l) => l.introduction),
        body.lineups.map((_, index) => index),
        body.lineups.map((l) => l.isHeadliner ?? false),
      ],
    );
    const {
      rows: [product],
    } = await client.query<{ id: string }>(
      `INSERT INTO "Product" (id, merchant_id, event_id, title, listing_type, status, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 'TICKET', 'ACTIVE', now()) RETURNING id`,
      [curator.merchantId, eventId, body.title],
    );
    const { rows: variants } = await client.query<{ id: string; name: string; price: number; currency: string; position: number }>(
      `INSERT INTO "ProductVariant" (id, product_id, name, price, currency, quantity, position, updated_at)
       SELECT gen_random_uuid(), $1, t.name, t.price, t.currency, t.quantity, t.position, now()
         FROM unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::int[]) AS t(name, price, currency, quantity, position)
       RETURNING id, name, price, currency, position`,
      [
        product!.id,
        body.tickets.map((t) => t.name),
        body.tickets.map((t) => t.price),
        body.tickets.map((t) => t.currency),
        body.tickets.map((t) => t.quantity),
        body.tickets.map((_, position) => position),
      ],
    );
    const ticketPrices = variants.map((v) => ({ variantId: v.id, name: v.name, price: v.price, currency: v.currency }));
    const {
      rows: [post],
    } = await client.query<{ id: string }>(
      `INSERT INTO "Post" (id, creator_id, post_type, create_from_event_id, slug, headline, title, sub_title, cover_images,
                           ticket_prices, sync_enabled, synced_event_version, synced_at, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'EVENT', $2, $3, $4, $5, $6, $7, $8, true, $9, now(), now(), now())
       RETURNING id`,
      [
        curator.id,
        eventId,
        randomBytes(7).toString("base64url"),
        postFields.headline,
        postFields.title,
        postFields.subTitle,
        JSON.stringify(postFields.coverImages),
        JSON.stringify(ticketPrices),
        postFields.syncedEventVersion,
      ],
    );
    await client.query(
      `INSERT INTO "PostMedia" (id, post_id, src, position, media_type)
       SELECT gen_random_uuid(), $1, m.src, m.position, 'IMAGE' FROM unnest($2::text[], $3::int[]) AS m(src, position)`,
      [post!.id, postMedia.map((m) => m.src), postMedia.map((m) => m.position)],
    );
    await client.query(`INSERT INTO "OutboxMessage" (id, name, payload) VALUES (gen_random_uuid(), 'event.created', $1)`, [
      JSON.stringify({ eventId, productId: product!.id, curatorId: curator.id }),
    ]);
  });
}

export function createEventInRawSql(raw: BenchDatabase, connections: number, durationSeconds: number): Promise<LoadFigures> {
  return loadSql({ url: raw.url, connections, durationSeconds, work: (client) => insertEvent(client, raw.curator) });
}
