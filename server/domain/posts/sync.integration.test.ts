// Post sync against a real PostgreSQL: the mapping reaches every synced post (and no other),
// in a fixed number of statements, and late, repeated, reordered and concurrent deliveries
// leave every post on the newest data. The stale-write race has a negative control.
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "../../generated/prisma/client";
import { useTestDb } from "../../testing/db";
import { eventWithPosts, expectPostsCurrent } from "../../testing/jobs";
import { updateEvent } from "../events/update";
import { eventSubTitle } from "./event-mapping";
import { applyPostSync, readEventForSync, syncPostsToEvent, type PostSyncFaults } from "./sync";

const db = useTestDb();

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe("syncPostsToEvent", () => {
  it("applies the mapping to every post of the event with sync on, and leaves the others alone", async () => {
    const { curator, event, product, autoPost, synced, frozen } = await eventWithPosts(db, { promoters: 2, unsynced: 2 });
    const frozenBefore = await db.post.findMany({ where: { id: { in: frozen.map((p) => p.id) } }, include: { media: true } });

    const startDate = new Date(event.startDate.getTime() + 2 * 60 * 60 * 1000);
    await updateEvent(db, curator, event.id, {
      title: "Renamed night",
      venue: "Halle Süd",
      startDate,
      poster: [{ src: "/posters/new-a.png" }, { src: "/posters/new-b.png" }, { src: "/posters/new-c.png" }],
      tickets: [{ id: product.variants[0]!.id, name: "GA", price: 3100, quantity: 300 }],
    });
    // Before the job runs, the posts still show the old event: the update only wrote the outbox.
    expect((await db.post.findUniqueOrThrow({ where: { id: synced[0]!.id } })).title).toBe(event.title);

    const outcome = await syncPostsToEvent(db, { eventId: event.id });
    expect(outcome).toEqual({ eventVersion: 2, posts: 3, media: 9 });

    const { posts } = await expectPostsCurrent(db, event.id);
    expect(posts.map((p) => p.id).sort()).toEqual([autoPost.id, ...synced.map((p) => p.id)].sort());
    for (const post of posts) {
      expect(post).toMatchObject({
        headline: "Renamed night",
        title: "Renamed night",
        subTitle: eventSubTitle({ venue: "Halle Süd", startDate, timezone: event.timezone }),
        coverImages: [{ src: "/posters/new-a.png" }, { src: "/posters/new-b.png" }, { src: "/posters/new-c.png" }],
        ticketPrices: [{ variantId: product.variants[0]!.id, name: "GA", price: 3100, currency: "EUR" }],
        syncedEventVersion: 2,
      });
      expect(post.media.map((m) => m.src)).toEqual(["/posters/new-a.png", "/posters/new-b.png", "/posters/new-c.png"]);
    }
    const frozenAfter = await db.post.findMany({ where: { id: { in: frozen.map((p) => p.id) } }, include: { media: true } });
    expect(frozenAfter).toEqual(frozenBefore);

    // Run again: nothing is older than version 2 any more, so nothing is written.
    expect(await syncPostsToEvent(db, { eventId: event.id })).toEqual({ eventVersion: 2, posts: 0, media: 0 });
  });

  it("rewrites a post's media only when the event's poster changed", async () => {
    const { curator, event } = await eventWithPosts(db, { promoters: 2, unsynced: 0 });
    const mediaIds = async () =>
      (await db.postMedia.findMany({ where: { post: { createFromEventId: event.id } }, select: { id: true } })).map((m) => m.id).sort();
    const before = await mediaIds();

    await updateEvent(db, curator, event.id, { title: "Only the title changes" });
    expect(await syncPostsToEvent(db, { eventId: event.id })).toEqual({ eventVersion: 2, posts: 3, media: 0 });
    expect(await mediaIds()).toEqual(before);

    await updateEvent(db, curator, event.id, { poster: [{ src: "/posters/other.png" }] });
    expect(await syncPostsToEvent(db, { eventId: event.id })).toEqual({ eventVersion: 3, posts: 3, media: 3 });
    const { posts } = await expectPostsCurrent(db, event.id);
    for (const post of posts) expect(post.media.map((m) => m.src)).toEqual(["/posters/other.png"]);
    expect((await mediaIds()).some((id) => before.includes(id))).toBe(false);
  });

  it("uses the same number of statements for 2 posts as for 40 (set-based)", async () => {
    const small = await eventWithPosts(db, { promoters: 1, unsynced: 0 });
    const large = await eventWithPosts(db, { promoters: 39, unsynced: 0 });
    for (const { curator, event } of [small, large]) {
      await updateEvent(db, curator, event.id, { title: `Renamed ${event.id.slice(0, 8)}` });
    }

    const counting = new PrismaClient({
      adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
      log: [{ emit: "event", level: "query" }],
    });
    const statements: string[] = [];
    counting.$on("query", (e) => statements.push(e.query));
    try {
      const counts = [];
      for (const { event } of [small, large]) {
        statements.length = 0;
        const outcome = await syncPostsToEvent(counting, { eventId: event.id });
        counts.push({ posts: outcome.posts, statements: statements.length });
      }
      expect(counts).toEqual([
        { posts: 2, statements: 2 },
        { posts: 40, statements: 2 },
      ]);
    } finally {
      await counting.$disconnect();
    }
  });

  it("leaves one post per promoter on the newest data after duplicated, reordered, concurrent deliveries", async () => {
    const { curator, event, product, synced } = await eventWithPosts(db, { promoters: 4, unsynced: 1 });
    const deliveries: Promise<unknown>[] = [];
    // Five updates; after each, its message is delivered twice, at random moments, while the
    // next updates are still being made: late, repeated and out of order.
    for (let v = 1; v <= 5; v++) {
      await updateEvent(db, curator, event.id, {
        title: `Version ${v + 1}`,
        poster: Array.from({ length: (v % 3) + 1 }, (_, i) => ({ src: `/posters/v${v + 1}-${i}.png` })),
        tickets: [{ id: product.variants[0]!.id, name: `GA v${v + 1}`, price: 2000 + v * 100, quantity: 100 }],
      });
      for (const delay of shuffled([0, 3, 7, 15])) {
        deliveries.push(new Promise((r) => setTimeout(r, delay)).then(() => syncPostsToEvent(db, { eventId: event.id })));
      }
    }
    await Promise.all(deliveries);

    const { version, title, posts } = await expectPostsCurrent(db, event.id);
    expect({ version, title }).toEqual({ version: 6, title: "Version 6" });
    const perPromoter = await db.post.groupBy({
      by: ["creatorId"],
      where: { createFromEventId: event.id, deletedAt: null },
      _count: { _all: true },
    });
    expect(perPromoter.every((group) => group._count._all === 1)).toBe(true);
    expect(perPromoter).toHaveLength(1 + synced.length + 1); // curator, synced promoters, the unsynced one
    expect(posts).toHaveLength(1 + synced.length);
    // No duplicated media from two runs writing at once: exactly the event's 3 images each.
    for (const post of posts) expect(post.media).toHaveLength(3);
  });

  /**
   * The race the version guard exists for: run A reads the event at v2, run B reads it at v3
   * and writes first, then A writes. Forced deterministically by applying A's snapshot last.
   */
  async function staleWriteRace(faults: PostSyncFaults) {
    const { curator, event } = await eventWithPosts(db, { promoters: 2, unsynced: 0 });
    await updateEvent(db, curator, event.id, { title: "Second title", poster: [{ src: "/posters/second.png" }] });
    const readByA = (await readEventForSync(db, event.id))!; // version 2
    await updateEvent(db, curator, event.id, { title: "Third title", poster: [{ src: "/posters/third.png" }] });
    await applyPostSync(db, (await readEventForSync(db, event.id))!, faults); // B: version 3
    await applyPostSync(db, readByA, faults); // A, late
    return db.post.findMany({ where: { createFromEventId: event.id }, include: { media: true } });
  }

  const onNewestData = (posts: Awaited<ReturnType<typeof staleWriteRace>>) =>
    posts.every((p) => p.title === "Third title" && p.syncedEventVersion === 3 && p.media.length === 1 && p.media[0]!.src === "/posters/third.png");

  it("never lets a run that read an older version overwrite newer data", async () => {
    const posts = await staleWriteRace({});
    expect(posts).toHaveLength(3);
    expect(onNewestData(posts)).toBe(true);
  });

  it("negative control: without the version guard the late run writes old data back (the test above catches it)", async () => {
    const posts = await staleWriteRace({ withoutVersionGuard: true });
    expect(onNewestData(posts)).toBe(false);
    expect(posts.every((p) => p.title === "Second title" && p.syncedEventVersion === 2)).toBe(true);
  });

  it("skips an event that no longer exists", async () => {
    const { event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    expect(await syncPostsToEvent(db, { eventId: event.id })).toEqual({ eventVersion: null, posts: 0, media: 0 });
  });
});
