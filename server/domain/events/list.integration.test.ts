// The curator's event list against a real PostgreSQL, through the tRPC caller.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createGuest, inviteGuest } from "../../../prisma/factories";
import { EventStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor, createEventBody } from "../../testing/events";
import { createCaller } from "../../trpc/root";

const db = useTestDb();
const DAY_MS = 24 * 60 * 60 * 1000;

async function as(role: Role) {
  const actor = await actorFor(db, role);
  return { actor, caller: createCaller({ db, actor }) };
}

describe("events.list", () => {
  it("lists a curator's own events with ticket types, posts and guests, current ones soonest first", async () => {
    const curator = await as(Role.CURATOR);
    const later = await curator.caller.events.create(createEventBody({ startDate: new Date(Date.now() + 20 * DAY_MS).toISOString(), endDate: null }));
    const sooner = await curator.caller.events.create(createEventBody({ startDate: new Date(Date.now() + 2 * DAY_MS).toISOString(), endDate: null }));
    const canceled = await curator.caller.events.create(createEventBody());
    await curator.caller.events.update({ id: canceled.event.id, status: EventStatus.CANCELED });
    await (await as(Role.PROMOTER)).caller.posts.fromEvent({ eventId: sooner.event.id });
    const guest = await createGuest(db, { userId: curator.actor.userId });
    await inviteGuest(db, { eventId: sooner.event.id, guestId: guest.id, checkedIn: { by: curator.actor.userId } });
    // Another curator's event never shows.
    await (await as(Role.CURATOR)).caller.events.create(createEventBody());

    const list = await curator.caller.events.list();
    expect(list.map((e) => e.id)).toEqual([sooner.event.id, later.event.id, canceled.event.id]);
    expect(list[0]).toMatchObject({
      title: sooner.event.title,
      status: EventStatus.UPCOMING,
      timezone: "Europe/Berlin",
      ticketTypes: 2,
      capacity: 340,
      price: { min: 2500, max: 6000, currency: "EUR" },
      posts: 2, // the auto-post and the promoter's
      guests: 1,
      checkedIn: 1,
      isPast: false,
      posterSrc: sooner.event.poster[0]!.src,
    });
    expect(list[2]).toMatchObject({ status: EventStatus.CANCELED, isPast: true });
  });

  it("pages related posts with the input tRPC's infinite queries send (cursor, direction)", async () => {
    const curator = await as(Role.CURATOR);
    const { event } = await curator.caller.events.create(createEventBody());
    await (await as(Role.PROMOTER)).caller.posts.fromEvent({ eventId: event.id });
    const first = await curator.caller.events.relatedPosts({ id: event.id, limit: 1, direction: "forward" });
    expect(first.posts).toHaveLength(1);
    const second = await curator.caller.events.relatedPosts({
      id: event.id,
      limit: 1,
      cursor: first.nextCursor!,
      direction: "forward",
    });
    expect(second.posts).toHaveLength(1);
    expect(second.posts[0]!.id).not.toBe(first.posts[0]!.id);
    expect(second.nextCursor).toBeNull();
  });

  it("is for curators and admins only", async () => {
    const error = await (await as(Role.PROMOTER)).caller.events.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
  });
});
