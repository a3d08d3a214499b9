// The /product-event REST routes, called as Next calls them, against a real database.
import { describe, expect, it } from "vitest";
import { PUT as updateEventRoute } from "@/app/(rest)/product-event/[id]/route";
import { GET as eventDetailsRoute } from "@/app/(rest)/product-event/[id]/details/route";
import { GET as relatedPostsRoute } from "@/app/(rest)/product-event/[id]/related-posts/route";
import { POST as createEventRoute } from "@/app/(rest)/product-event/v2/route";
import { createGuest, createPostFromEvent, createUser, inviteGuest } from "../../prisma/factories";
import { EventStatus, ListingType, PostType, ProductStatus, Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { callRoute, expectProblem, userWithKey } from "../testing/rest";

const db = useTestDb();

const UNKNOWN_ID = "7d1c0c36-7f43-4c8b-9a4c-2a3e8d7b6f10";

function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    title: "Neon Nights",
    startDate: "2027-03-12T22:00:00+01:00",
    endDate: "2027-03-13T05:00:00+01:00",
    timezone: "Europe/Berlin",
    venue: "Halle Süd",
    location: "Revaler Str. 99, 10245 Berlin",
    poster: [{ src: "https://cdn.example.com/neon.jpg" }],
    tickets: [
      { name: "Early bird", price: 1500, currency: "EUR", quantity: 100 },
      { name: "Regular", price: 2500, quantity: 300 },
    ],
    lineups: [{ title: "DJ Aurora", isHeadliner: true }, { title: "MC Byte" }],
    ...overrides,
  };
}

function createEvent(key: string | undefined, json: unknown, idempotencyKey?: string) {
  return callRoute(createEventRoute, { method: "POST", path: "/product-event/v2", key, json, idempotencyKey });
}

async function createdEvent(key: string, overrides: Record<string, unknown> = {}) {
  const response = await createEvent(key, eventBody(overrides));
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

function updateEvent(key: string | undefined, id: string, json: unknown, extra: { body?: string; contentType?: string } = {}) {
  return callRoute(updateEventRoute, {
    method: "PUT",
    path: `/product-event/${id}`,
    key,
    json,
    params: { id },
    ...extra,
  });
}

function details(key: string | undefined, id: string) {
  return callRoute(eventDetailsRoute, { path: `/product-event/${id}/details`, key, params: { id } });
}

function relatedPosts(key: string | undefined, id: string, search = "") {
  return callRoute(relatedPostsRoute, { path: `/product-event/${id}/related-posts${search}`, key, params: { id } });
}

function paths(problem: { errors?: { path: string; message: string }[] }) {
  return (problem.errors ?? []).map((e) => e.path);
}

describe("POST /product-event/v2", () => {
  it("creates the event, its ticket product and the curator's post in one go (201)", async () => {
    const { user, key } = await userWithKey(db);
    const response = await createEvent(key, eventBody());
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const { event, post, product } = await response.json();

    expect(event).toMatchObject({
      curatorId: user.id,
      status: EventStatus.UPCOMING,
      title: "Neon Nights",
      startDate: "2027-03-12T21:00:00.000Z",
      timezone: "Europe/Berlin",
      poster: [{ src: "https://cdn.example.com/neon.jpg" }],
    });
    expect(product).toMatchObject({ eventId: event.id, listingType: ListingType.TICKET, status: ProductStatus.ACTIVE });
    expect(product.variants).toEqual([
      expect.objectContaining({ id: expect.any(String), name: "Early bird", price: 1500, currency: "EUR", quantity: 100 }),
      expect.objectContaining({ id: expect.any(String), name: "Regular", price: 2500, currency: "EUR", quantity: 300 }),
    ]);
    expect(post).toMatchObject({
      postType: PostType.EVENT,
      createFromEventId: event.id,
      creatorId: user.id,
      headline: "Neon Nights",
      syncEnabled: true,
    });

    const rows = await db.event.findUniqueOrThrow({
      where: { id: event.id },
      include: { lineups: true, medias: true, posts: true, product: { include: { variants: true } } },
    });
    expect(rows.lineups).toHaveLength(2);
    expect(rows.medias).toHaveLength(1);
    expect(rows.posts.map((p) => p.id)).toEqual([post.id]);
    expect(rows.product[0]!.variants.map((v) => v.id).sort()).toEqual(product.variants.map((v: { id: string }) => v.id).sort());
  });

  it("skips the post when createPost is false", async () => {
    const { key } = await userWithKey(db);
    const { event, post } = await createdEvent(key, { createPost: false });
    expect(post).toBeNull();
    expect(await db.post.count({ where: { createFromEventId: event.id } })).toBe(0);
  });

  it("refuses anonymous callers (401) and promoters (403)", async () => {
    const anonymous = await createEvent(undefined, eventBody());
    await expectProblem(anonymous, 401, "UNAUTHENTICATED");
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);

    const { key } = await userWithKey(db, Role.PROMOTER);
    await expectProblem(await createEvent(key, eventBody()), 403, "FORBIDDEN");
  });

  it("refuses fields that may not be set: curatorId, status, version (400 naming each)", async () => {
    const { key } = await userWithKey(db);
    const other = await createUser(db, { role: Role.CURATOR });
    for (const field of [{ curatorId: other.id }, { status: EventStatus.COMPLETED }, { version: 7 }]) {
      const problem = await expectProblem(await createEvent(key, eventBody(field)), 400, "INVALID_INPUT");
      expect(JSON.stringify(problem.errors)).toContain(Object.keys(field)[0]);
    }
    expect(await db.event.count({ where: { curatorId: other.id } })).toBe(0);
  });

  it("names every invalid field (400): end before start, negative price, no tickets, bad zone, date without offset", async () => {
    const { user, key } = await userWithKey(db);
    const endBeforeStart = await createEvent(key, eventBody({ endDate: "2027-03-12T20:00:00+01:00" }));
    expect(paths(await expectProblem(endBeforeStart, 400, "INVALID_INPUT"))).toEqual(["endDate"]);

    const negativePrice = await createEvent(key, eventBody({ tickets: [{ name: "GA", price: -100, quantity: 1 }] }));
    expect(paths(await expectProblem(negativePrice, 400))).toEqual(["tickets.0.price"]);

    const noTickets = await createEvent(key, eventBody({ tickets: [] }));
    const noTicketsProblem = await expectProblem(noTickets, 400);
    expect(noTicketsProblem.errors).toEqual([{ path: "tickets", message: "at least one ticket type is required" }]);

    const several = await createEvent(
      key,
      eventBody({ timezone: "Mars/Olympus", startDate: "2027-03-12T22:00:00", tickets: [{ name: "GA", price: 10.5, quantity: 1 }] }),
    );
    expect(paths(await expectProblem(several, 400))).toEqual(expect.arrayContaining(["timezone", "startDate", "tickets.0.price"]));
    expect(await db.event.count({ where: { curatorId: user.id } })).toBe(0);
  });

  it("refuses malformed JSON (400) and other content types (415)", async () => {
    const { key } = await userWithKey(db);
    const malformed = await callRoute(createEventRoute, { method: "POST", path: "/product-event/v2", key, body: '{"title":' });
    await expectProblem(malformed, 400, "MALFORMED_JSON");
    const form = await callRoute(createEventRoute, {
      method: "POST",
      path: "/product-event/v2",
      key,
      body: "title=Neon",
      contentType: "application/x-www-form-urlencoded",
    });
    expect((await expectProblem(form, 415, "UNSUPPORTED_MEDIA_TYPE")).detail).toMatch(/application\/json/);
  });

  describe("Idempotency-Key", () => {
    it("replays the first answer for the same key and body: one event, the same answer, marked as a replay", async () => {
      const { user, key } = await userWithKey(db);
      const idempotencyKey = crypto.randomUUID();
      const first = await createEvent(key, eventBody(), idempotencyKey);
      expect(first.status).toBe(201);
      const replay = await createEvent(key, eventBody(), idempotencyKey);
      expect(replay.status).toBe(201);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(await replay.text()).toBe(await first.text());
      expect(await db.event.count({ where: { curatorId: user.id } })).toBe(1);
    });

    it("answers 422 for the same key with another body, and creates nothing", async () => {
      const { user, key } = await userWithKey(db);
      const idempotencyKey = crypto.randomUUID();
      expect((await createEvent(key, eventBody(), idempotencyKey)).status).toBe(201);
      const other = await createEvent(key, eventBody({ title: "Another night" }), idempotencyKey);
      await expectProblem(other, 422, "IDEMPOTENCY_KEY_REUSED");
      expect(await db.event.count({ where: { curatorId: user.id } })).toBe(1);
    });

    it("creates exactly one event from 10 concurrent identical requests with one key; all 10 answers are the same", async () => {
      const { user, key } = await userWithKey(db);
      const idempotencyKey = crypto.randomUUID();
      const responses = await Promise.all(Array.from({ length: 10 }, () => createEvent(key, eventBody(), idempotencyKey)));
      const texts = await Promise.all(responses.map((r) => r.text()));
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(new Set(texts).size).toBe(1);
      expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(9);
      expect(await db.event.count({ where: { curatorId: user.id } })).toBe(1);
      expect(await db.product.count({ where: { event: { curatorId: user.id } } })).toBe(1);
      expect(await db.post.count({ where: { creatorId: user.id } })).toBe(1);
    });

    it("(control) the same 10 concurrent requests without a key create 10 events", async () => {
      const { user, key } = await userWithKey(db);
      const responses = await Promise.all(Array.from({ length: 10 }, () => createEvent(key, eventBody())));
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      const ids = await Promise.all(responses.map(async (r) => (await r.json()).event.id));
      expect(new Set(ids).size).toBe(10);
      expect(await db.event.count({ where: { curatorId: user.id } })).toBe(10);
    });
  });
});

describe("PUT /product-event/:id", () => {
  it("updates the title and the ticket list: change by id, add without id, remove by leaving out (200)", async () => {
    const { key } = await userWithKey(db);
    const { event, product } = await createdEvent(key);
    const [early, regular] = product.variants;

    const response = await updateEvent(key, event.id, {
      title: "Neon Nights: Reloaded",
      tickets: [
        { id: regular.id, name: "Regular", price: 2800, quantity: 250 },
        { name: "VIP", price: 6000, currency: "EUR", quantity: 20 },
      ],
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await response.json();
    expect(body.event).toMatchObject({ id: event.id, title: "Neon Nights: Reloaded", version: event.version + 1 });
    expect(body.product.variants).toEqual([
      expect.objectContaining({ id: regular.id, price: 2800, quantity: 250 }),
      expect.objectContaining({ id: expect.any(String), name: "VIP", price: 6000 }),
    ]);
    expect(body.product.variants.map((v: { id: string }) => v.id)).not.toContain(early.id);
    expect((await db.productVariant.findUniqueOrThrow({ where: { id: early.id } })).deletedAt).not.toBeNull();
  });

  it("answers 404 for another curator's event and for an unknown id, and changes nothing", async () => {
    const owner = await userWithKey(db);
    const stranger = await userWithKey(db);
    const { event } = await createdEvent(owner.key);
    await expectProblem(await updateEvent(stranger.key, event.id, { title: "Mine now" }), 404, "NOT_FOUND");
    await expectProblem(await updateEvent(owner.key, UNKNOWN_ID, { title: "Ghost" }), 404, "NOT_FOUND");
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe("Neon Nights");
  });

  it("answers 400 for a malformed id, naming `id`", async () => {
    const { key } = await userWithKey(db);
    const problem = await expectProblem(await updateEvent(key, "not-a-uuid", { title: "x" }), 400, "INVALID_INPUT");
    expect(problem.errors).toEqual([{ path: "id", message: "must be a UUID" }]);
  });

  it("refuses version, curatorId and createPost (400), and an end before the start", async () => {
    const { key } = await userWithKey(db);
    const { event } = await createdEvent(key);
    for (const field of ["version", "curatorId", "createPost"]) {
      const value = field === "version" ? 99 : field === "curatorId" ? UNKNOWN_ID : false;
      const problem = await expectProblem(await updateEvent(key, event.id, { [field]: value }), 400, "INVALID_INPUT");
      expect(JSON.stringify(problem.errors)).toContain(field);
    }
    const endBeforeStart = await updateEvent(key, event.id, {
      startDate: "2027-03-12T22:00:00+01:00",
      endDate: "2027-03-12T21:00:00+01:00",
    });
    expect(paths(await expectProblem(endBeforeStart, 400))).toEqual(["endDate"]);
  });

  it("moves the status along the diagram, and refuses an illegal move with 409 naming the allowed statuses", async () => {
    const { key } = await userWithKey(db);
    const { event } = await createdEvent(key);
    const paused = await updateEvent(key, event.id, { status: EventStatus.ON_HOLD });
    expect(paused.status).toBe(200);
    expect((await paused.json()).product.status).toBe(ProductStatus.ARCHIVED);

    const illegal = await updateEvent(key, event.id, { status: EventStatus.COMPLETED });
    const problem = await expectProblem(illegal, 409, "ILLEGAL_TRANSITION");
    expect(problem).toMatchObject({ currentStatus: EventStatus.ON_HOLD, allowedStatuses: [EventStatus.UPCOMING, EventStatus.CANCELED] });
    expect(problem.detail).toMatch(/ON_HOLD/);
  });

  it("refuses malformed JSON (400), other content types (415) and anonymous callers (401)", async () => {
    const { key } = await userWithKey(db);
    const { event } = await createdEvent(key);
    await expectProblem(await updateEvent(key, event.id, undefined, { body: "{" }), 400, "MALFORMED_JSON");
    await expectProblem(
      await updateEvent(key, event.id, undefined, { body: "<title/>", contentType: "application/xml" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    await expectProblem(await updateEvent(undefined, event.id, { title: "x" }), 401, "UNAUTHENTICATED");
  });
});

describe("GET /product-event/:id/details", () => {
  it("answers the event with lineups and media, the product with its variants, and counts (200)", async () => {
    const { user, key } = await userWithKey(db);
    const { event } = await createdEvent(key);
    const promoter = await createUser(db, { role: Role.PROMOTER });
    await createPostFromEvent(db, { eventId: event.id, creatorId: promoter.id });
    const staff = await createUser(db, { role: Role.STAFF });
    const [ada, bo] = [await createGuest(db, { userId: user.id }), await createGuest(db, { userId: user.id })];
    await inviteGuest(db, { eventId: event.id, guestId: ada.id, checkedIn: { by: staff.id } });
    await inviteGuest(db, { eventId: event.id, guestId: bo.id });

    const response = await details(key, event.id);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.event).toMatchObject({ id: event.id, title: "Neon Nights" });
    expect(body.event.lineups.map((l: { title: string }) => l.title)).toEqual(["DJ Aurora", "MC Byte"]);
    expect(body.event.medias).toEqual([expect.objectContaining({ src: "https://cdn.example.com/neon.jpg", position: 0 })]);
    expect(body.product.variants.map((v: { name: string }) => v.name)).toEqual(["Early bird", "Regular"]);
    expect(body.stats).toEqual({ posts: 2, guests: 2, checkedIn: 1 });
  });

  it("answers 404 for another curator's event, 400 for a malformed id, 401 without a key", async () => {
    const owner = await userWithKey(db);
    const stranger = await userWithKey(db);
    const { event } = await createdEvent(owner.key);
    await expectProblem(await details(stranger.key, event.id), 404, "NOT_FOUND");
    await expectProblem(await details(owner.key, UNKNOWN_ID), 404, "NOT_FOUND");
    expect((await expectProblem(await details(owner.key, "123"), 400)).errors).toEqual([expect.objectContaining({ path: "id" })]);
    await expectProblem(await details(undefined, event.id), 401);
  });
});

describe("GET /product-event/:id/related-posts", () => {
  it("pages through the event's posts, newest first (200)", async () => {
    const { key } = await userWithKey(db);
    const { event, post } = await createdEvent(key);
    const promoter = await createUser(db, { role: Role.PROMOTER });
    const second = await createPostFromEvent(db, { eventId: event.id, creatorId: promoter.id, caption: "Come!" });
    const third = await createPostFromEvent(db, { eventId: event.id, creatorId: promoter.id });

    const first = await relatedPosts(key, event.id, "?limit=2");
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1.posts.map((p: { id: string }) => p.id)).toEqual([third.id, second.id]);
    expect(page1.nextCursor).toEqual(expect.any(String));

    const page2 = await (await relatedPosts(key, event.id, `?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`)).json();
    expect(page2).toEqual({ posts: [expect.objectContaining({ id: post.id })], nextCursor: null });
  });

  it("refuses a bad limit, an unknown query parameter and a forged cursor (400); 404 when not yours", async () => {
    const owner = await userWithKey(db);
    const stranger = await userWithKey(db);
    const { event } = await createdEvent(owner.key);
    expect(paths(await expectProblem(await relatedPosts(owner.key, event.id, "?limit=0"), 400))).toEqual(["limit"]);
    expect(paths(await expectProblem(await relatedPosts(owner.key, event.id, "?limit=abc"), 400))).toEqual(["limit"]);
    const unknown = await expectProblem(await relatedPosts(owner.key, event.id, "?curatorId=x"), 400);
    expect(JSON.stringify(unknown.errors)).toContain("curatorId");
    expect(paths(await expectProblem(await relatedPosts(owner.key, event.id, "?cursor=bm9wZQ"), 400))).toEqual(["cursor"]);
    await expectProblem(await relatedPosts(stranger.key, event.id), 404, "NOT_FOUND");
    await expectProblem(await relatedPosts(owner.key, "nope"), 400);
  });
});
