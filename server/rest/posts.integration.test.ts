// The /posts/curator REST routes, called as Next calls them, against a real database.
import { describe, expect, it } from "vitest";
import { POST as fromEventRoute } from "@/app/(rest)/posts/curator/from-event/route";
import { POST as toggleSyncRoute } from "@/app/(rest)/posts/curator/toggle-sync/route";
import { createEvent } from "../../prisma/factories";
import { EventStatus, PostType, Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { callRoute, expectProblem, userWithKey } from "../testing/rest";

const db = useTestDb();

const UNKNOWN_ID = "7d1c0c36-7f43-4c8b-9a4c-2a3e8d7b6f10";

function fromEvent(key: string | undefined, json: unknown, idempotencyKey?: string) {
  return callRoute(fromEventRoute, { method: "POST", path: "/posts/curator/from-event", key, json, idempotencyKey });
}

function toggleSync(key: string | undefined, json: unknown, idempotencyKey?: string) {
  return callRoute(toggleSyncRoute, { method: "POST", path: "/posts/curator/toggle-sync", key, json, idempotencyKey });
}

async function curatorEvent(status: EventStatus = EventStatus.UPCOMING) {
  const curator = await userWithKey(db);
  const { event, product } = await createEvent(db, { curatorId: curator.user.id, status, title: "Rooftop Sessions" });
  return { curator, event, product };
}

describe("POST /posts/curator/from-event", () => {
  it("lets a promoter post from a curator's upcoming event, carrying its title and prices (201)", async () => {
    const { event, product } = await curatorEvent();
    const promoter = await userWithKey(db, Role.PROMOTER);
    const response = await fromEvent(promoter.key, { eventId: event.id, caption: "See you there" });
    expect(response.status, await response.clone().text()).toBe(201);
    const { post } = await response.json();
    expect(post).toMatchObject({
      creatorId: promoter.user.id,
      postType: PostType.EVENT,
      createFromEventId: event.id,
      headline: "Rooftop Sessions",
      caption: "See you there",
      syncEnabled: true,
      syncedEventVersion: event.version,
    });
    expect(post.ticketPrices).toEqual([expect.objectContaining({ variantId: product.variants[0]!.id, price: product.variants[0]!.price })]);
    expect(await db.post.count({ where: { creatorId: promoter.user.id } })).toBe(1);
  });

  it("answers 404 for an unknown event and for another curator's event", async () => {
    const { event } = await curatorEvent();
    const otherCurator = await userWithKey(db);
    await expectProblem(await fromEvent(otherCurator.key, { eventId: event.id }), 404, "NOT_FOUND");
    await expectProblem(await fromEvent(otherCurator.key, { eventId: UNKNOWN_ID }), 404, "NOT_FOUND");
  });

  it("refuses a malformed event id, unknown fields and a missing key (400/401)", async () => {
    const { event } = await curatorEvent();
    const promoter = await userWithKey(db, Role.PROMOTER);
    const malformed = await expectProblem(await fromEvent(promoter.key, { eventId: "abc" }), 400, "INVALID_INPUT");
    expect(malformed.errors).toEqual([{ path: "eventId", message: "must be a UUID" }]);
    const unknown = await expectProblem(await fromEvent(promoter.key, { eventId: event.id, creatorId: UNKNOWN_ID }), 400, "INVALID_INPUT");
    expect(JSON.stringify(unknown.errors)).toContain("creatorId");
    await expectProblem(await fromEvent(undefined, { eventId: event.id }), 401, "UNAUTHENTICATED");
  });

  it("refuses posts from an event that is not upcoming (409)", async () => {
    const { event } = await curatorEvent(EventStatus.CANCELED);
    const promoter = await userWithKey(db, Role.PROMOTER);
    await expectProblem(await fromEvent(promoter.key, { eventId: event.id }), 409, "CONFLICT");
  });

  it("replays a retried request with the same Idempotency-Key: one post", async () => {
    const { event } = await curatorEvent();
    const promoter = await userWithKey(db, Role.PROMOTER);
    const idempotencyKey = crypto.randomUUID();
    const first = await fromEvent(promoter.key, { eventId: event.id }, idempotencyKey);
    const retry = await fromEvent(promoter.key, { eventId: event.id }, idempotencyKey);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(await first.json());
    expect(await db.post.count({ where: { creatorId: promoter.user.id } })).toBe(1);
  });
});

describe("POST /posts/curator/toggle-sync", () => {
  it("turns sync off, and on again bringing the post up to the event's current version (200)", async () => {
    const { event } = await curatorEvent();
    const promoter = await userWithKey(db, Role.PROMOTER);
    const { post } = await (await fromEvent(promoter.key, { eventId: event.id })).json();

    const off = await toggleSync(promoter.key, { postId: post.id, syncEnabled: false });
    expect(off.status).toBe(200);
    expect((await off.json()).post).toMatchObject({ id: post.id, syncEnabled: false });

    // The event moves on while the post is frozen.
    await db.event.update({ where: { id: event.id }, data: { title: "Rooftop Sessions II", version: { increment: 1 } } });
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).title).toBe("Rooftop Sessions");

    const on = await toggleSync(promoter.key, { postId: post.id, syncEnabled: true });
    expect(on.status).toBe(200);
    expect((await on.json()).post).toMatchObject({
      id: post.id,
      syncEnabled: true,
      title: "Rooftop Sessions II",
      syncedEventVersion: event.version + 1,
    });
  });

  it("answers 404 for someone else's post, 400 for a malformed id or a missing field", async () => {
    const { curator, event } = await curatorEvent();
    const promoter = await userWithKey(db, Role.PROMOTER);
    const { post } = await (await fromEvent(promoter.key, { eventId: event.id })).json();
    await expectProblem(await toggleSync(curator.key, { postId: post.id, syncEnabled: false }), 404, "NOT_FOUND");
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).syncEnabled).toBe(true);

    const malformed = await expectProblem(await toggleSync(promoter.key, { postId: "1", syncEnabled: true }), 400);
    expect(malformed.errors).toEqual([{ path: "postId", message: "must be a UUID" }]);
    const missing = await expectProblem(await toggleSync(promoter.key, { postId: post.id }), 400);
    expect(missing.errors).toEqual([expect.objectContaining({ path: "syncEnabled" })]);
  });
});
