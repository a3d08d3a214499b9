// The event lifecycle services against a real PostgreSQL, mostly through the tRPC caller so
// the transport's validation and error mapping are exercised too. Every assertion looks at
// this test's own rows (the worker's database is shared with other files).
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createGuest, createPostFromEvent, createUser, inviteGuest } from "../../../prisma/factories";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError, fieldErrors } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { EventStatus, ListingType, PostType, ProductStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor, createEventBody, createEventInput } from "../../testing/events";
import { createCaller } from "../../trpc/root";
import { ZEventDetails, ZCreateEventResult, ZRelatedPosts, ZUpdateEventResult } from "./schema";
import { createEvent } from "./create";
import { getEventDetails } from "./details";
import { listRelatedPosts } from "./related-posts";
import { updateEvent } from "./update";
import { trpcError } from "../../testing/rejections";

const db = useTestDb();

const UNKNOWN_ID = "7d1c0c36-7f43-4c8b-9a4c-2a3e8d7b6f10";

function callerFor(actor: Actor) {
  return createCaller({ db, actor });
}

async function curator() {
  const actor = await actorFor(db, Role.CURATOR);
  return { actor, caller: callerFor(actor) };
}

/** The per-field errors as the tRPC error formatter reports them. */
function pathsOf(error: TRPCError): string[] {
  const { cause } = error;
  if (cause instanceof ZodError) return fieldErrors(cause.issues).map((e) => e.path);
  if (cause instanceof AppError) return (cause.details.errors ?? []).map((e) => e.path);
  return [];
}

async function outboxFor(eventId: string) {
  return db.outboxMessage.findMany({
    where: { payload: { path: ["eventId"], equals: eventId } },
    orderBy: { createdAt: "asc" },
  });
}

async function eventRow(eventId: string) {
  return db.event.findUniqueOrThrow({ where: { id: eventId } });
}

describe("createEvent", () => {
  it("writes the event, media, lineup, ticket product, variants, auto-post and event.created, and answers them (tRPC)", async () => {
    const { actor, caller } = await curator();
    // The default currency comes from the curator's merchant, not a constant.
    const merchant = await db.merchant.update({ where: { ownerId: actor.userId }, data: { currency: "GBP" } });
    const body = createEventBody();
    const result = await caller.events.create(body);
    expect(() => ZCreateEventResult.parse(result)).not.toThrow();
    const { event, post, product } = result;

    expect(event).toMatchObject({
      curatorId: actor.userId,
      status: EventStatus.UPCOMING,
      title: body.title,
      venue: body.venue,
      location: body.location,
      timezone: "Europe/Berlin",
      version: 1,
      poster: body.poster,
      allowAutoComplete: true,
      isAddressRevealEnabled: false,
      addressRevealConfig: null,
    });
    expect(event.startDate).toEqual(new Date(body.startDate));

    const medias = await db.eventMedia.findMany({ where: { eventId: event.id }, orderBy: { position: "asc" } });
    expect(medias.map((m) => [m.src, m.position, m.mediaType])).toEqual([
      [(body.poster as { src: string }[])[0]!.src, 0, "IMAGE"],
      [(body.poster as { src: string }[])[1]!.src, 1, "IMAGE"],
    ]);
    const lineups = await db.eventLineup.findMany({ where: { eventId: event.id }, orderBy: { order: "asc" } });
    expect(lineups.map((l) => [l.order, l.isHeadliner, l.introduction])).toEqual([
      [0, true, null],
      [1, false, "Warm-up"],
    ]);

    expect(product).toMatchObject({
      eventId: event.id,
      merchantId: merchant.id,
      listingType: ListingType.TICKET,
      status: ProductStatus.ACTIVE,
      title: body.title,
    });
    expect(product.variants.map((v) => [v.name, v.price, v.currency, v.quantity, v.position])).toEqual([
      [(body.tickets as { name: string }[])[0]!.name, 2500, "GBP", 300, 0],
      [(body.tickets as { name: string }[])[1]!.name, 6000, "EUR", 40, 1],
    ]);
    expect(await db.productVariant.count({ where: { productId: product.id } })).toBe(2);

    expect(post).not.toBeNull();
    expect(post).toMatchObject({
      creatorId: actor.userId,
      postType: PostType.EVENT,
      createFromEventId: event.id,
      headline: body.title,
      title: body.title,
      syncEnabled: true,
      syncedEventVersion: 1,
      coverImages: body.poster,
      ticketPrices: product.variants.map((v) => ({ variantId: v.id, name: v.name, price: v.price, currency: v.currency })),
    });
    expect(post!.subTitle).toMatch(new RegExp(`^${body.venue} · `));
    expect(post!.subTitle).not.toContain(body.location);
    expect(post!.media.map((m) => [m.src, m.position])).toEqual(medias.map((m) => [m.src, m.position]));
    expect(post!.slug).toMatch(/^[\w-]{10}$/);

    const outbox = await outboxFor(event.id);
    expect(outbox.map((m) => [m.name, m.payload, m.status])).toEqual([
      ["event.created", { eventId: event.id, productId: product.id, curatorId: actor.userId }, "PENDING"],
    ]);
  });

  it("skips the auto-post when createPost is false", async () => {
    const { caller } = await curator();
    const { event, post } = await caller.events.create(createEventBody({ createPost: false, poster: undefined }));
    expect(post).toBeNull();
    expect(await db.post.count({ where: { createFromEventId: event.id } })).toBe(0);
    expect(event.poster).toEqual([]);
    expect((await outboxFor(event.id)).map((m) => m.name)).toEqual(["event.created"]);
  });

  it("refuses promoters and door staff (FORBIDDEN), and an admin without a merchant", async () => {
    for (const role of [Role.PROMOTER, Role.STAFF]) {
      const actor = await actorFor(db, role);
      expect((await trpcError(callerFor(actor).events.create(createEventBody()))).code).toBe("FORBIDDEN");
      await expect(createEvent(db, actor, createEventInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const admin = await actorFor(db, Role.ADMIN);
    const refused = await trpcError(callerFor(admin).events.create(createEventBody()));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toMatch(/merchant/);
    expect(await db.event.count({ where: { curatorId: admin.userId } })).toBe(0);

    // An admin who owns a merchant may create events of their own.
    await db.merchant.create({ data: { ownerId: admin.userId, name: "Admin shop" } });
    const { event } = await callerFor(admin).events.create(createEventBody());
    expect(event.curatorId).toBe(admin.userId);
  });

  it("names the failing field of bad input, and writes nothing", async () => {
    const { actor, caller } = await curator();
    const start = "2027-03-12T22:00:00+01:00";
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ startDate: start, endDate: "2027-03-12T21:00:00+01:00" }, ["endDate"]],
      [{ tickets: [{ name: "GA", price: -1, quantity: 10 }] }, ["tickets.0.price"]],
      [
        {
          tickets: [
            { name: "GA", price: 100, quantity: 10 },
            { name: "VIP", price: 100, quantity: -5 },
          ],
        },
        ["tickets.1.quantity"],
      ],
      [{ tickets: [] }, ["tickets"]],
      [{ tickets: [{ name: "GA", price: 12.5, quantity: 1 }] }, ["tickets.0.price"]],
      [{ startDate: "2027-03-12 22:00" }, ["startDate"]],
      [{ timezone: "Mars/Olympus" }, ["timezone"]],
      [{ title: "  " }, ["title"]],
      [{ lineups: [{ title: "A", order: -1 }] }, ["lineups.0.order"]],
      [{ isAddressRevealEnabled: true }, ["addressRevealConfig"]],
    ];
    for (const [overrides, paths] of cases) {
      const error = await trpcError(caller.events.create(createEventBody(overrides)));
      expect(error.code, JSON.stringify(overrides)).toBe("BAD_REQUEST");
      expect(pathsOf(error), JSON.stringify(overrides)).toEqual(paths);
    }
    // Fields a caller may not set are refused by name, not silently dropped.
    for (const field of [{ status: EventStatus.COMPLETED }, { curatorId: UNKNOWN_ID }, { version: 7 }]) {
      const error = await trpcError(caller.events.create(createEventBody(field)));
      expect(error.code).toBe("BAD_REQUEST");
      expect(JSON.stringify((error.cause as ZodError).issues)).toContain(Object.keys(field)[0]);
    }
    expect(await db.event.count({ where: { curatorId: actor.userId } })).toBe(0);
  });
});

describe("updateEvent", () => {
  it("changes the title: a new version, event.updated [metadata], and the product follows (tRPC)", async () => {
    const { caller } = await curator();
    const { event, product } = await caller.events.create(createEventBody());
    const result = await caller.events.update({ id: event.id, title: "Renamed night" });
    expect(() => ZUpdateEventResult.parse(result)).not.toThrow();
    expect(result.event).toMatchObject({ title: "Renamed night", version: 2 });
    expect(result.product).toMatchObject({ id: product.id, title: "Renamed night" });
    const messages = await outboxFor(event.id);
    expect(messages.map((m) => [m.name, m.payload])).toEqual([
      ["event.created", expect.anything()],
      ["event.updated", { eventId: event.id, version: 2, syncCategories: ["metadata"] }],
    ]);
  });

  it("updates tickets by id, adds those without one and soft-deletes those left out: [variants] only", async () => {
    const { caller } = await curator();
    const { event, product } = await caller.events.create(createEventBody());
    const [ga, vip] = product.variants;
    const result = await caller.events.update({
      id: event.id,
      tickets: [
        { id: vip!.id, name: "VIP deluxe", price: 7000, quantity: 40 },
        { name: "Late", price: 3000, currency: "EUR", quantity: 50 },
      ],
    });
    expect(result.event.version).toBe(2);
    expect(result.product.variants.map((v) => [v.id === vip!.id, v.name, v.price, v.currency, v.position])).toEqual([
      [true, "VIP deluxe", 7000, "EUR", 0],
      [false, "Late", 3000, "EUR", 1],
    ]);
    const removed = await db.productVariant.findUniqueOrThrow({ where: { id: ga!.id } });
    expect(removed.deletedAt).toBeInstanceOf(Date);
    const details = await caller.events.details({ id: event.id });
    expect(details.product.variants.map((v) => v.name)).toEqual(["VIP deluxe", "Late"]);
    expect((await outboxFor(event.id)).at(-1)?.payload).toEqual({
      eventId: event.id,
      version: 2,
      syncCategories: ["variants"],
    });

    // A quantity-only change is a ticket-type change too.
    const again = await caller.events.update({
      id: event.id,
      tickets: result.product.variants.map((v) => ({ id: v.id, name: v.name, price: v.price, quantity: v.quantity + 1 })),
    });
    expect(again.event.version).toBe(3);
    expect((await outboxFor(event.id)).at(-1)?.payload).toMatchObject({ version: 3, syncCategories: ["variants"] });
  });

  it("reports both categories when metadata and tickets change together, in one outbox row", async () => {
    const { caller } = await curator();
    const { event, product } = await caller.events.create(createEventBody());
    await caller.events.update({
      id: event.id,
      venue: "Another venue",
      poster: [{ src: "/posters/new.png" }],
      tickets: [{ id: product.variants[0]!.id, name: "GA", price: 2600, quantity: 300 }],
    });
    const messages = (await outboxFor(event.id)).filter((m) => m.name === "event.updated");
    expect(messages.map((m) => m.payload)).toEqual([{ eventId: event.id, version: 2, syncCategories: ["metadata", "variants"] }]);
  });

  it("counts dates, time zone and poster as metadata; location, lineup and options are saved without a new version", async () => {
    const { caller } = await curator();
    const { event } = await caller.events.create(createEventBody());
    const quiet = await caller.events.update({
      id: event.id,
      location: "Secret address",
      lineups: [{ title: "Only act", isHeadliner: true }],
      allowAutoComplete: false,
      isTaxEnabled: true,
      taxConfig: { label: "VAT", rateBasisPoints: 1900, included: true },
    });
    expect(quiet.event).toMatchObject({
      version: 1,
      location: "Secret address",
      allowAutoComplete: false,
      taxConfig: { label: "VAT", rateBasisPoints: 1900, included: true },
    });
    expect((await db.eventLineup.findMany({ where: { eventId: event.id } })).map((l) => l.title)).toEqual(["Only act"]);
    // No post change; the new location is a change of place its guests are told of (event.moved).
    expect((await outboxFor(event.id)).map((m) => m.name)).toEqual(["event.created", "event.moved"]);

    let version = 1;
    for (const change of [
      { startDate: "2027-05-01T20:00:00+02:00", endDate: "2027-05-02T04:00:00+02:00" },
      { endDate: null },
      { timezone: "Europe/Lisbon" },
      { poster: [{ src: "/posters/other.png" }] },
    ]) {
      const { event: updated } = await caller.events.update({ id: event.id, ...change });
      expect(updated.version, JSON.stringify(change)).toBe(++version);
      expect((await outboxFor(event.id)).findLast((m) => m.name === "event.updated")?.payload).toEqual({
        eventId: event.id,
        version,
        syncCategories: ["metadata"],
      });
    }
    const medias = await db.eventMedia.findMany({ where: { eventId: event.id } });
    expect(medias.map((m) => [m.src, m.position])).toEqual([["/posters/other.png", 0]]);
    expect((await eventRow(event.id)).poster).toEqual([{ src: "/posters/other.png" }]);
  });

  it("writes nothing and keeps the version when nothing changed (the full current state sent back)", async () => {
    const { caller } = await curator();
    const body = createEventBody({
      isAddressRevealEnabled: true,
      addressRevealConfig: { revealAt: "2027-01-01T12:00:00+01:00" },
    });
    const { event, product } = await caller.events.create(body);
    const before = await eventRow(event.id);
    const result = await caller.events.update({
      id: event.id,
      title: body.title,
      startDate: body.startDate,
      endDate: body.endDate,
      timezone: "Europe/Berlin",
      venue: body.venue,
      location: body.location,
      poster: body.poster,
      lineups: body.lineups,
      addressRevealConfig: { revealAt: "2027-01-01T11:00:00Z" }, // the same instant, written otherwise
      isAddressRevealEnabled: true,
      tickets: product.variants.map((v) => ({ id: v.id, name: v.name, price: v.price, currency: v.currency, quantity: v.quantity })),
      status: EventStatus.UPCOMING,
    });
    expect(result.event.version).toBe(1);
    expect(await eventRow(event.id)).toEqual(before);
    expect((await outboxFor(event.id)).map((m) => m.name)).toEqual(["event.created"]);
    expect(await db.productVariant.count({ where: { productId: product.id, deletedAt: null } })).toBe(2);
  });

  it("checks endDate > startDate against the merged values (400 naming endDate)", async () => {
    const { caller } = await curator();
    const body = createEventBody({ startDate: "2027-03-12T22:00:00+01:00", endDate: "2027-03-13T05:00:00+01:00" });
    const { event } = await caller.events.create(body);
    const endOnly = await trpcError(caller.events.update({ id: event.id, endDate: "2027-03-12T21:00:00+01:00" }));
    expect(endOnly.code).toBe("BAD_REQUEST");
    expect((endOnly.cause as AppError).code).toBe("INVALID_INPUT");
    expect(pathsOf(endOnly)).toEqual(["endDate"]);
    const startOnly = await trpcError(caller.events.update({ id: event.id, startDate: "2027-03-13T06:00:00+01:00" }));
    expect(pathsOf(startOnly)).toEqual(["endDate"]);
    // Both in the request: the schema itself refuses it, with the same path.
    const both = await trpcError(
      caller.events.update({ id: event.id, startDate: "2027-03-13T06:00:00+01:00", endDate: "2027-03-13T05:00:00+01:00" }),
    );
    expect(pathsOf(both)).toEqual(["endDate"]);
    // Clearing the end date is fine, and so is moving both together.
    await caller.events.update({ id: event.id, startDate: "2027-03-14T22:00:00+01:00", endDate: null });
    expect((await eventRow(event.id)).endDate).toBeNull();
  });

  it("refuses a ticket id that is not this event's (400 naming tickets.N.id), unknown fields, and an empty ticket list", async () => {
    const { caller } = await curator();
    const { event, product } = await caller.events.create(createEventBody());
    const other = await caller.events.create(createEventBody());
    const foreign = other.product.variants[0]!;
    const error = await trpcError(
      caller.events.update({
        id: event.id,
        tickets: [
          { id: product.variants[0]!.id, name: "GA", price: 1, quantity: 1 },
          { id: foreign.id, name: "Stolen", price: 1, quantity: 1 },
        ],
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(pathsOf(error)).toEqual(["tickets.1.id"]);
    const duplicate = await trpcError(
      caller.events.update({
        id: event.id,
        tickets: [
          { id: product.variants[0]!.id, name: "GA", price: 1, quantity: 1 },
          { id: product.variants[0]!.id, name: "GA again", price: 1, quantity: 1 },
        ],
      }),
    );
    expect(pathsOf(duplicate)).toEqual(["tickets.1.id"]);

    expect(pathsOf(await trpcError(caller.events.update({ id: event.id, tickets: [] })))).toEqual(["tickets"]);
    for (const field of ["version", "curatorId", "createPost"]) {
      const refused = await trpcError(caller.events.update({ id: event.id, [field]: 1 }));
      expect(refused.code).toBe("BAD_REQUEST");
      expect(JSON.stringify((refused.cause as ZodError).issues)).toContain(field);
    }
    expect((await eventRow(event.id)).version).toBe(1);
    expect(await db.productVariant.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      name: foreign.name,
      deletedAt: null,
    });
  });

  it("cancels a paused event directly (ON_HOLD -> CANCELED), its product staying archived", async () => {
    const { caller } = await curator();
    const { event } = await caller.events.create(createEventBody());
    await caller.events.update({ id: event.id, status: EventStatus.ON_HOLD });

    const canceled = await caller.events.update({ id: event.id, status: EventStatus.CANCELED });
    expect(canceled.event.status).toBe(EventStatus.CANCELED);
    expect(canceled.product.status).toBe(ProductStatus.ARCHIVED);
    const statusMessages = (await outboxFor(event.id)).filter((m) => m.name === "event.status.changed");
    expect(statusMessages.at(-1)?.payload).toEqual({ eventId: event.id, oldStatus: "ON_HOLD", newStatus: "CANCELED" });
  });

  it("moves the status along the diagram, archiving and reactivating the product, with event.status.changed", async () => {
    const { caller } = await curator();
    const { event, product } = await caller.events.create(createEventBody());

    const paused = await caller.events.update({ id: event.id, status: EventStatus.ON_HOLD });
    expect(paused.event.status).toBe(EventStatus.ON_HOLD);
    expect(paused.product.status).toBe(ProductStatus.ARCHIVED);

    // ON_HOLD -> COMPLETED is not an arrow of the diagram.
    const illegal = await trpcError(caller.events.update({ id: event.id, status: EventStatus.COMPLETED }));
    expect(illegal.code).toBe("CONFLICT");
    expect(illegal.cause).toBeInstanceOf(AppError);
    expect((illegal.cause as AppError).code).toBe("ILLEGAL_TRANSITION");
    expect(illegal.message).toMatch(/ON_HOLD.*UPCOMING or CANCELED/);
    expect((illegal.cause as AppError).details.extra).toEqual({
      currentStatus: EventStatus.ON_HOLD,
      allowedStatuses: [EventStatus.UPCOMING, EventStatus.CANCELED],
    });

    const resumed = await caller.events.update({ id: event.id, status: EventStatus.UPCOMING });
    expect(resumed.product.status).toBe(ProductStatus.ACTIVE);
    const canceled = await caller.events.update({ id: event.id, status: EventStatus.CANCELED });
    expect(canceled.product.status).toBe(ProductStatus.ARCHIVED);
    // Status moves are not post changes: no new version, no event.updated.
    expect(canceled.event.version).toBe(1);

    const statusMessages = (await outboxFor(event.id)).filter((m) => m.name === "event.status.changed");
    expect(statusMessages.map((m) => m.payload)).toEqual([
      { eventId: event.id, oldStatus: "UPCOMING", newStatus: "ON_HOLD" },
      { eventId: event.id, oldStatus: "ON_HOLD", newStatus: "UPCOMING" },
      { eventId: event.id, oldStatus: "UPCOMING", newStatus: "CANCELED" },
    ]);

    // CANCELED is final: no status move, no edit; sending the current status is a no-op.
    for (const status of [EventStatus.UPCOMING, EventStatus.ON_HOLD, EventStatus.COMPLETED]) {
      const final = await trpcError(caller.events.update({ id: event.id, status }));
      expect((final.cause as AppError).code).toBe("ILLEGAL_TRANSITION");
      expect((final.cause as AppError).details.extra).toEqual({ currentStatus: "CANCELED", allowedStatuses: [] });
    }
    const edit = await trpcError(caller.events.update({ id: event.id, title: "Too late" }));
    expect(edit.code).toBe("CONFLICT");
    expect(edit.message).toMatch(/CANCELED/);
    await expect(caller.events.update({ id: event.id, status: EventStatus.CANCELED })).resolves.toBeTruthy();
    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ status: ProductStatus.ARCHIVED });
    expect((await outboxFor(event.id)).length).toBe(4);
  });

  it("completes an upcoming event by hand (the sweep's move), archiving the product", async () => {
    const { caller } = await curator();
    const { event } = await caller.events.create(createEventBody({ allowAutoComplete: false }));
    const done = await caller.events.update({ id: event.id, status: EventStatus.COMPLETED });
    expect(done.event.status).toBe(EventStatus.COMPLETED);
    expect(done.product.status).toBe(ProductStatus.ARCHIVED);
  });

  it("keeps other curators out (NOT_FOUND), refuses promoters and staff (FORBIDDEN), lets admins in", async () => {
    const owner = await curator();
    const { event } = await owner.caller.events.create(createEventBody());

    const stranger = await curator();
    const notYours = await trpcError(stranger.caller.events.update({ id: event.id, title: "Hijacked" }));
    expect(notYours.code).toBe("NOT_FOUND");
    const unknown = await trpcError(stranger.caller.events.update({ id: UNKNOWN_ID, title: "x" }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(notYours.message.replace(event.id, "")).toBe(unknown.message.replace(UNKNOWN_ID, ""));
    await expect(updateEvent(db, stranger.actor, event.id, { status: EventStatus.CANCELED })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    for (const role of [Role.PROMOTER, Role.STAFF]) {
      const actor = await actorFor(db, role);
      expect((await trpcError(callerFor(actor).events.update({ id: event.id, title: "x" }))).code).toBe("FORBIDDEN");
      await expect(updateEvent(db, actor, event.id, { title: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await eventRow(event.id)).toMatchObject({ title: event.title, status: EventStatus.UPCOMING, version: 1 });

    const admin = callerFor(await actorFor(db, Role.ADMIN));
    expect((await admin.events.update({ id: event.id, title: "Fixed by support" })).event.title).toBe("Fixed by support");

    // A soft-deleted event is gone for everyone.
    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    expect((await trpcError(owner.caller.events.update({ id: event.id, title: "x" }))).code).toBe("NOT_FOUND");
    expect((await trpcError(owner.caller.events.details({ id: event.id }))).code).toBe("NOT_FOUND");
  });
});

describe("updateEvent under concurrency", () => {
  const N = 8;

  /** Titles for N concurrent updates: each one is a metadata change. */
  function updates(eventId: string, run: (i: number) => Promise<unknown>) {
    return Promise.all(Array.from({ length: N }, (_, i) => run(i)));
  }

  /** A client whose event-row lock query is observed, and optionally made toothless. */
  function instrumented({ stripLock }: { stripLock: boolean }) {
    let issued = 0;
    let arrived = 0;
    let releaseAll!: () => void;
    const allArrived = new Promise<void>((resolve) => (releaseAll = resolve));
    let waitingWhenFirstReleased: number | null = null;
    const client = db.$extends({
      query: {
        async $queryRaw({ args, query }) {
          const sql = args;
          if (!sql.strings.join("?").includes('FROM "Event"') || !sql.strings.join("?").includes("FOR UPDATE")) {
            return query(args);
          }
          issued++;
          if (stripLock) {
            // The negative control: the same service code, minus the lock. Every transaction
            // reads the version before any of them writes, which is what a lost update is.
            const result = await query(
              new Prisma.Sql(
                sql.strings.map((s) => s.replace("FOR UPDATE", "")),
                sql.values,
              ),
            );
            if (++arrived === N) releaseAll();
            await allArrived;
            return result;
          }
          const result = await query(args); // granted: we hold the row until our commit
          // Hold it a moment, so the others demonstrably pile up behind the lock.
          await new Promise((resolve) => setTimeout(resolve, 40));
          if (waitingWhenFirstReleased === null) waitingWhenFirstReleased = issued - 1;
          return result;
        },
      },
    }) as unknown as Db;
    return { client, waitingWhenFirstReleased: () => waitingWhenFirstReleased };
  }

  it(`${N} simultaneous updates end at version 1 + ${N} with ${N} outbox rows, versions 2..${N + 1}`, async () => {
    const { actor, caller } = await curator();
    const { event } = await caller.events.create(createEventBody());
    const { client, waitingWhenFirstReleased } = instrumented({ stripLock: false });

    const results = await updates(event.id, (i) => updateEvent(client, actor, event.id, { title: `Take ${i}` }));

    // Real concurrency: while the first update held the row, the other N-1 were waiting on it.
    expect(waitingWhenFirstReleased()).toBe(N - 1);
    expect((await eventRow(event.id)).version).toBe(1 + N);
    const messages = (await outboxFor(event.id)).filter((m) => m.name === "event.updated");
    expect(messages).toHaveLength(N);
    const versions = messages.map((m) => (m.payload as { version: number }).version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: N }, (_, i) => i + 2));
    expect(results.map((r) => (r as { event: { version: number } }).event.version).sort((a, b) => a - b)).toEqual(versions);
  });

  it("negative control: without the row lock the same updates lose versions, which the check above would catch", async () => {
    const { actor, caller } = await curator();
    const { event } = await caller.events.create(createEventBody());
    const { client } = instrumented({ stripLock: true });

    await updates(event.id, (i) => updateEvent(client, actor, event.id, { title: `Take ${i}` }));

    const finalVersion = (await eventRow(event.id)).version;
    const versions = (await outboxFor(event.id)).filter((m) => m.name === "event.updated").map((m) => (m.payload as { version: number }).version);
    // All N read version 1 before any wrote, so all N wrote version 2: N - 1 versions lost.
    expect(finalVersion).toBe(2);
    expect(finalVersion).not.toBe(1 + N);
    expect(new Set(versions).size).toBeLessThan(N);
  });
});

describe("getEventDetails", () => {
  it("answers the event with lineup and media, the product with live variants, and the stats (tRPC)", async () => {
    const { actor, caller } = await curator();
    const { event, product } = await caller.events.create(createEventBody());
    const promoter = await createUser(db, { role: Role.PROMOTER });
    await createPostFromEvent(db, { eventId: event.id, creatorId: promoter.id });
    const gone = await createPostFromEvent(db, { eventId: event.id, creatorId: promoter.id });
    await db.post.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });

    const steward = await createUser(db, { role: Role.STAFF });
    const guests = await Promise.all([0, 1, 2, 3].map(() => createGuest(db, { userId: actor.userId })));
    await inviteGuest(db, { eventId: event.id, guestId: guests[0]!.id, checkedIn: { by: steward.id } });
    await inviteGuest(db, { eventId: event.id, guestId: guests[1]!.id });
    await inviteGuest(db, { eventId: event.id, guestId: guests[2]!.id });
    await inviteGuest(db, { eventId: event.id, guestId: guests[3]!.id, checkedIn: { by: steward.id } });
    await db.eventGuest.update({ where: { id: guests[3]!.id }, data: { deletedAt: new Date() } });

    const details = await caller.events.details({ id: event.id });
    expect(() => ZEventDetails.parse(details)).not.toThrow();
    expect(details.event).toMatchObject({ id: event.id, title: event.title, version: 1 });
    expect(details.event.lineups.map((l) => [l.order, l.isHeadliner])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(details.event.medias.map((m) => m.src)).toEqual(event.poster.map((p) => p.src));
    // The product as created, and where it stands with Shopify (no push has run yet).
    expect(details.product).toEqual({ ...product, shopifyStatus: null, shopifyError: null, shopifySyncedAt: null });
    expect(details.stats).toEqual({ posts: 2, guests: 3, checkedIn: 1 });
    expect(details.postSync).toEqual({ current: 2, behind: 0, off: 0 });
    expect(details.jobs).toEqual({ failed: 0, retrying: 0, lastError: null });
    // Only the view's members: no soft-delete markers or internal columns.
    expect(Object.keys(details.event)).not.toContain("deletedAt");
    expect(details.event.messageInfo).toEqual({ smsMaxLimit: 3 });

    const direct = await getEventDetails(db, actor, event.id);
    expect(direct.stats).toEqual(details.stats);
  });

  it("is the curator's and admins' only: NOT_FOUND for other curators, FORBIDDEN for promoters and staff", async () => {
    const owner = await curator();
    const { event } = await owner.caller.events.create(createEventBody());
    const stranger = await curator();
    expect((await trpcError(stranger.caller.events.details({ id: event.id }))).code).toBe("NOT_FOUND");
    expect((await trpcError(stranger.caller.events.relatedPosts({ id: event.id }))).code).toBe("NOT_FOUND");
    await expect(getEventDetails(db, stranger.actor, event.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const role of [Role.PROMOTER, Role.STAFF]) {
      const actor = await actorFor(db, role);
      expect((await trpcError(callerFor(actor).events.details({ id: event.id }))).code).toBe("FORBIDDEN");
      await expect(listRelatedPosts(db, actor, event.id, { limit: 5 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const admin = callerFor(await actorFor(db, Role.ADMIN));
    expect((await admin.events.details({ id: event.id })).event.id).toBe(event.id);
    expect((await trpcError(owner.caller.events.details({ id: "not-a-uuid" }))).code).toBe("BAD_REQUEST");
  });
});

describe("listRelatedPosts", () => {
  it("pages through the event's live posts newest first with an opaque cursor, ties broken by id (tRPC)", async () => {
    const { caller } = await curator();
    const { event, post: autoPost } = await caller.events.create(createEventBody());
    const promoter = await createUser(db, { role: Role.PROMOTER });
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await createPostFromEvent(db, { eventId: event.id, creatorId: promoter.id, caption: `#${i}` }));
    // Three posts share one instant, so the cursor must carry the id as well.
    const instant = new Date(Date.now() + 60_000);
    await db.post.updateMany({ where: { id: { in: made.slice(1, 4).map((p) => p.id) } }, data: { createdAt: instant } });
    await db.post.update({ where: { id: made[5]!.id }, data: { deletedAt: new Date() } });
    // Another event's post never shows.
    const other = await caller.events.create(createEventBody());

    const seen: string[] = [];
    let cursor: string | undefined;
    const pageSizes: number[] = [];
    do {
      const page = await caller.events.relatedPosts({ id: event.id, limit: 2, cursor });
      expect(() => ZRelatedPosts.parse(page)).not.toThrow();
      pageSizes.push(page.posts.length);
      seen.push(...page.posts.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
      if (cursor) expect(cursor).toMatch(/^[\w-]+$/);
    } while (cursor);

    const live = await db.post.findMany({
      where: { createFromEventId: event.id, deletedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(live).toHaveLength(6); // the auto-post and five of the promoter's six
    expect(seen).toEqual(live.map((p) => p.id));
    expect(pageSizes).toEqual([2, 2, 2]);
    expect(seen).toContain(autoPost!.id);
    expect(seen).not.toContain(made[5]!.id);
    expect(seen).not.toContain(other.post!.id);
    expect(new Set(seen).size).toBe(seen.length);

    const first = await caller.events.relatedPosts({ id: event.id });
    expect(first.posts[0]).toMatchObject({ creatorId: promoter.id, creatorName: promoter.name, postType: PostType.EVENT });
    expect(first.nextCursor).toBeNull();
  });

  it("refuses a cursor it did not make (400 naming cursor)", async () => {
    const { caller } = await curator();
    const { event } = await caller.events.create(createEventBody());
    for (const cursor of ["garbage", Buffer.from('{"c":"yesterday","i":"x"}').toString("base64url")]) {
      const error = await trpcError(caller.events.relatedPosts({ id: event.id, cursor }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(pathsOf(error)).toEqual(["cursor"]);
    }
  });
});
