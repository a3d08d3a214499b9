// Posts from events and the sync switch, against a real PostgreSQL, through the tRPC caller.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors";
import { EventStatus, PostType, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor, createEventBody } from "../../testing/events";
import { createCaller } from "../../trpc/root";
import { eventSubTitle } from "./event-mapping";
import { ZPostResult } from "./schema";
import { createPostFromEvent, toggleSync } from "./service";
import { trpcError } from "../../testing/rejections";

const db = useTestDb();

const UNKNOWN_ID = "7d1c0c36-7f43-4c8b-9a4c-2a3e8d7b6f10";

async function as(role: Role) {
  const actor = await actorFor(db, role);
  return { actor, caller: createCaller({ db, actor }) };
}

/** An upcoming event of a fresh curator, made through the API. */
async function upcomingEvent(overrides: Record<string, unknown> = {}) {
  const curator = await as(Role.CURATOR);
  const created = await curator.caller.events.create(createEventBody(overrides));
  return { curator, ...created };
}

describe("createPostFromEvent", () => {
  it("lets a promoter post from any curator's upcoming event, copying its current data (tRPC)", async () => {
    const { event, product } = await upcomingEvent();
    const promoter = await as(Role.PROMOTER);
    const result = await promoter.caller.posts.fromEvent({ eventId: event.id, caption: "See you there!" });
    expect(() => ZPostResult.parse(result)).not.toThrow();
    const { post } = result;
    expect(post).toMatchObject({
      creatorId: promoter.actor.userId,
      creatorName: promoter.actor.name,
      postType: PostType.EVENT,
      createFromEventId: event.id,
      caption: "See you there!",
      headline: event.title,
      title: event.title,
      subTitle: eventSubTitle(event),
      coverImages: event.poster,
      syncEnabled: true,
      syncedEventVersion: event.version,
      ticketPrices: product.variants.map((v) => ({ variantId: v.id, name: v.name, price: v.price, currency: v.currency })),
    });
    expect(post.media.map((m) => [m.src, m.position])).toEqual(event.poster.map((p, i) => [p.src, i]));
    expect(await db.postMedia.count({ where: { postId: post.id } })).toBe(event.poster.length);
  });

  it("copies the event as it is now, not as it was created", async () => {
    const { curator, event, product } = await upcomingEvent();
    await curator.caller.events.update({
      id: event.id,
      title: "Moved and renamed",
      poster: [{ src: "/posters/v2.png" }],
      tickets: [{ id: product.variants[1]!.id, name: "VIP", price: 9000, quantity: 10 }],
    });
    const { post } = await (await as(Role.PROMOTER)).caller.posts.fromEvent({ eventId: event.id, syncEnabled: false });
    expect(post).toMatchObject({
      title: "Moved and renamed",
      coverImages: [{ src: "/posters/v2.png" }],
      syncEnabled: false,
      syncedEventVersion: 2,
      ticketPrices: [{ variantId: product.variants[1]!.id, name: "VIP", price: 9000, currency: "EUR" }],
    });
  });

  it("never puts the address on a post (address reveal)", async () => {
    const { event } = await upcomingEvent({
      location: "Secret Rooftop, 450 W 33rd St",
      isAddressRevealEnabled: true,
      addressRevealConfig: { hoursBeforeStart: 24 },
    });
    const { post } = await (await as(Role.PROMOTER)).caller.posts.fromEvent({ eventId: event.id });
    expect(JSON.stringify(post)).not.toContain("Secret Rooftop");
  });

  it("lets a curator post from their own event, not another curator's (NOT_FOUND); staff are refused", async () => {
    const { curator, event } = await upcomingEvent();
    const own = await curator.caller.posts.fromEvent({ eventId: event.id });
    expect(own.post.creatorId).toBe(curator.actor.userId);

    const rival = await as(Role.CURATOR);
    const error = await trpcError(rival.caller.posts.fromEvent({ eventId: event.id }));
    expect(error.code).toBe("NOT_FOUND");
    await expect(createPostFromEvent(db, rival.actor, { eventId: event.id, syncEnabled: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const staff = await as(Role.STAFF);
    expect((await trpcError(staff.caller.posts.fromEvent({ eventId: event.id }))).code).toBe("FORBIDDEN");
    await expect(createPostFromEvent(db, staff.actor, { eventId: event.id, syncEnabled: true })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const admin = await as(Role.ADMIN);
    expect((await admin.caller.posts.fromEvent({ eventId: event.id })).post.creatorId).toBe(admin.actor.userId);
    expect(await db.post.count({ where: { createFromEventId: event.id, creatorId: { in: [rival.actor.userId, staff.actor.userId] } } })).toBe(0);
  });

  it("refuses events that are not UPCOMING (409 naming the status), and unknown or deleted ones (404)", async () => {
    const promoter = await as(Role.PROMOTER);
    for (const status of [EventStatus.ON_HOLD, EventStatus.CANCELED, EventStatus.COMPLETED]) {
      const { curator, event } = await upcomingEvent();
      await curator.caller.events.update({ id: event.id, status });
      const error = await trpcError(promoter.caller.posts.fromEvent({ eventId: event.id }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe(`Posts can only be made from upcoming events; this event is ${status}`);
      expect((error.cause as AppError).details.extra).toEqual({ currentStatus: status });
    }
    expect((await trpcError(promoter.caller.posts.fromEvent({ eventId: UNKNOWN_ID }))).code).toBe("NOT_FOUND");

    const { event } = await upcomingEvent();
    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    expect((await trpcError(promoter.caller.posts.fromEvent({ eventId: event.id }))).code).toBe("NOT_FOUND");
    expect(await db.post.count({ where: { creatorId: promoter.actor.userId } })).toBe(0);

    const bad = await trpcError(promoter.caller.posts.fromEvent({ eventId: "nope" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(bad.cause)).toMatch(/eventId/);
  });
});

describe("toggleSync", () => {
  async function promoterPost() {
    const created = await upcomingEvent();
    const promoter = await as(Role.PROMOTER);
    const { post } = await promoter.caller.posts.fromEvent({ eventId: created.event.id });
    return { ...created, promoter, post };
  }

  it("turning sync off freezes the post; turning it on brings it to the event's current version at once (tRPC)", async () => {
    const { curator, event, product, promoter, post } = await promoterPost();
    const off = await promoter.caller.posts.toggleSync({ postId: post.id, syncEnabled: false });
    expect(() => ZPostResult.parse(off)).not.toThrow();
    expect(off.post).toMatchObject({ syncEnabled: false, title: event.title, syncedEventVersion: 1 });

    const changed = await curator.caller.events.update({
      id: event.id,
      title: "New title",
      venue: "New venue",
      timezone: "America/New_York",
      poster: [{ src: "/posters/fresh.png" }, { src: "/posters/fresh-2.png" }],
      tickets: [
        { id: product.variants[0]!.id, name: "GA", price: 3100, quantity: 1 },
        { name: "Door", price: 4000, quantity: 5 },
      ],
    });
    expect(changed.event.version).toBe(2);
    // Nothing here runs the background post sync: a frozen post keeps what it had.
    expect(await db.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ title: event.title, syncedEventVersion: 1 });

    const on = await promoter.caller.posts.toggleSync({ postId: post.id, syncEnabled: true });
    expect(on.post).toMatchObject({
      syncEnabled: true,
      syncedEventVersion: 2,
      headline: "New title",
      title: "New title",
      subTitle: eventSubTitle(changed.event),
      coverImages: [{ src: "/posters/fresh.png" }, { src: "/posters/fresh-2.png" }],
      ticketPrices: changed.product.variants.map((v) => ({ variantId: v.id, name: v.name, price: v.price, currency: v.currency })),
      caption: post.caption,
      slug: post.slug,
    });
    expect(on.post.subTitle).toMatch(/^New venue · /);
    expect(on.post.media.map((m) => [m.src, m.position])).toEqual([
      ["/posters/fresh.png", 0],
      ["/posters/fresh-2.png", 1],
    ]);
    expect(await db.postMedia.count({ where: { postId: post.id } })).toBe(2);

    // Already on and current: nothing to write.
    const before = await db.post.findUniqueOrThrow({ where: { id: post.id } });
    await promoter.caller.posts.toggleSync({ postId: post.id, syncEnabled: true });
    expect(await db.post.findUniqueOrThrow({ where: { id: post.id } })).toEqual(before);
  });

  it("is the creator's only: the event's curator, other promoters and admins get NOT_FOUND", async () => {
    const { curator, post } = await promoterPost();
    const others: Actor[] = [curator.actor, (await as(Role.PROMOTER)).actor, (await as(Role.ADMIN)).actor];
    for (const actor of others) {
      const error = await trpcError(createCaller({ db, actor }).posts.toggleSync({ postId: post.id, syncEnabled: false }));
      expect(error.code).toBe("NOT_FOUND");
      await expect(toggleSync(db, actor, { postId: post.id, syncEnabled: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).syncEnabled).toBe(true);
    const anonymous = createCaller({ db, actor: null });
    expect((await trpcError(anonymous.posts.toggleSync({ postId: post.id, syncEnabled: false }))).code).toBe("UNAUTHORIZED");
  });

  it("answers NOT_FOUND for a deleted post, and 422 when the post has no event to follow", async () => {
    const { promoter, post } = await promoterPost();
    await db.post.update({ where: { id: post.id }, data: { deletedAt: new Date() } });
    expect((await trpcError(promoter.caller.posts.toggleSync({ postId: post.id, syncEnabled: true }))).code).toBe("NOT_FOUND");

    const standalone = await db.post.create({
      data: {
        creatorId: promoter.actor.userId,
        postType: PostType.STANDARD,
        slug: `standalone-${post.id.slice(0, 8)}`,
        headline: "Mine",
        title: "Mine",
        subTitle: "",
        syncEnabled: false,
      },
    });
    const error = await trpcError(promoter.caller.posts.toggleSync({ postId: standalone.id, syncEnabled: true }));
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
    expect((error.cause as AppError).code).toBe("UNPROCESSABLE");
  });
});
