// Helpers for tests of the background jobs: events with posts of several promoters, the outbox
// messages of one event (a worker's database holds other tests' messages too, so runners are
// scoped to these), a database of a test's own (for sweeps and workers that claim anything
// pending), and the check that an event's posts show its current version.
import { afterAll, beforeAll, expect, inject } from "vitest";
import { withDatabaseName } from "../../scripts/lib/database";
import { createDb, type Db } from "../db/client";
import { createEvent } from "../domain/events/create";
import { postFieldsFromEvent, postMediaFromEvent } from "../domain/posts/event-mapping";
import { createPostFromEvent } from "../domain/posts/service";
import { readEventForSync } from "../domain/posts/sync";
import { Role } from "../generated/prisma/enums";
import { dropDatabase, recreateDatabase, templateDatabaseName, testDatabaseName } from "./databases";
import { actorFor, createEventInput } from "./events";

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Dates years ahead: these tests' events then never crowd the "soonest first" lists (home,
 * feed) other tests read from the same worker database.
 */
export function farFutureDates(): { startDate: string; endDate: string } {
  const start = Date.now() + 5 * YEAR_MS + Math.floor(Math.random() * YEAR_MS);
  return { startDate: new Date(start).toISOString(), endDate: new Date(start + 6 * 60 * 60 * 1000).toISOString() };
}

/**
 * An upcoming event (with the curator's auto-post) and one post from it per promoter, sync on;
 * `unsynced` more promoters' posts with sync off.
 */
export async function eventWithPosts(
  db: Db,
  { promoters = 3, unsynced = 1, overrides = {} }: { promoters?: number; unsynced?: number; overrides?: Record<string, unknown> } = {},
) {
  const curator = await actorFor(db, Role.CURATOR);
  const created = await createEvent(db, curator, createEventInput({ ...farFutureDates(), ...overrides }));
  const synced = [];
  for (let i = 0; i < promoters; i++) {
    const actor = await actorFor(db, Role.PROMOTER);
    synced.push((await createPostFromEvent(db, actor, { eventId: created.event.id, syncEnabled: true })).post);
  }
  const frozen = [];
  for (let i = 0; i < unsynced; i++) {
    const actor = await actorFor(db, Role.PROMOTER);
    frozen.push((await createPostFromEvent(db, actor, { eventId: created.event.id, syncEnabled: false })).post);
  }
  return { curator, ...created, autoPost: created.post!, synced, frozen };
}

/** Ids of the outbox messages about one event, oldest first. */
export async function outboxIdsFor(db: Db, eventId: string): Promise<string[]> {
  const rows = await db.outboxMessage.findMany({
    where: { payload: { path: ["eventId"], equals: eventId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Every synced live post of the event carries the event's current version, as the mapping makes it. */
export async function expectPostsCurrent(db: Db, eventId: string) {
  const snapshot = (await readEventForSync(db, eventId))!;
  const fields = postFieldsFromEvent(snapshot.event, snapshot.medias, snapshot.variants);
  const media = postMediaFromEvent(snapshot.medias).map((m) => [m.src, m.position, m.mediaType]);
  const posts = await db.post.findMany({
    where: { createFromEventId: eventId, syncEnabled: true, deletedAt: null },
    include: { media: { orderBy: { position: "asc" } } },
  });
  for (const post of posts) {
    expect({
      headline: post.headline,
      title: post.title,
      subTitle: post.subTitle,
      coverImages: post.coverImages,
      ticketPrices: post.ticketPrices,
      syncedEventVersion: post.syncedEventVersion,
    }).toEqual(fields);
    expect(post.media.map((m) => [m.src, m.position, m.mediaType])).toEqual(media);
  }
  return { version: snapshot.event.version, title: snapshot.event.title, posts };
}

/**
 * A database of the test file's own, copied from the migrated template (ready in beforeAll,
 * dropped after the file): for code that claims any pending row (sweeps, workers), so that
 * other tests' rows are not in its way.
 */
export function useScratchDb(suffix: string): { db: Db; url: string } {
  const serverUrl = inject("databaseServerUrl");
  const name = testDatabaseName(serverUrl, `scratch_${process.env.VITEST_POOL_ID ?? 1}_${suffix}`);
  const scratch = { url: withDatabaseName(serverUrl, name), db: undefined as unknown as Db };
  beforeAll(async () => {
    await recreateDatabase(serverUrl, name, templateDatabaseName(serverUrl));
    scratch.db = createDb(scratch.url, { max: 20 });
  });
  afterAll(async () => {
    await scratch.db?.$disconnect();
    await dropDatabase(serverUrl, name);
  });
  return scratch;
}
