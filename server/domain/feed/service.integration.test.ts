// The promoter's feed and the public post page, against a real PostgreSQL, through tRPC.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { EventStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor, createEventBody } from "../../testing/events";
import { createCaller } from "../../trpc/root";

const db = useTestDb();
const HOUR_MS = 60 * 60 * 1000;

async function as(role: Role) {
  const actor = await actorFor(db, role);
  return { actor, caller: createCaller({ db, actor }) };
}

describe("feed.events", () => {
  it("offers upcoming events of every curator, marks the ones I posted from, and hides held-back addresses", async () => {
    const curator = await as(Role.CURATOR);
    // The feed shows the soonest events first (up to its limit): these start within the hour, so
    // events other tests of this worker created (days ahead) cannot push them out of it.
    const soon = (minutes: number) => {
      const start = new Date(Date.now() + minutes * 60_000);
      return { startDate: start.toISOString(), endDate: new Date(start.getTime() + 6 * HOUR_MS).toISOString() };
    };
    const open = await curator.caller.events.create(createEventBody({ ...soon(50), location: "Open Street 1" }));
    const secret = await curator.caller.events.create(
      createEventBody({
        ...soon(55),
        location: "Secret Rooftop 7",
        isAddressRevealEnabled: true,
        addressRevealConfig: { revealAt: new Date(Date.now() + 52 * 60_000).toISOString() },
      }),
    );
    const paused = await curator.caller.events.create(createEventBody(soon(58)));
    await curator.caller.events.update({ id: paused.event.id, status: EventStatus.ON_HOLD });

    const promoter = await as(Role.PROMOTER);
    const { post } = await promoter.caller.posts.fromEvent({ eventId: open.event.id });

    const feed = await promoter.caller.feed.events();
    const mine = feed.filter((e) => [open.event.id, secret.event.id, paused.event.id].includes(e.id));
    expect(mine.map((e) => e.id).sort()).toEqual([open.event.id, secret.event.id].sort());
    const openItem = mine.find((e) => e.id === open.event.id)!;
    expect(openItem).toMatchObject({
      title: open.event.title,
      location: "Open Street 1",
      headliners: [expect.stringMatching(/^Headliner /)],
      price: { min: 2500, max: 6000, currency: "EUR" },
      myPost: { id: post.id, slug: post.slug },
    });
    const secretItem = mine.find((e) => e.id === secret.event.id)!;
    expect(secretItem).toMatchObject({ location: null, myPost: null });
    expect(JSON.stringify(feed)).not.toContain("Secret Rooftop");
  });

  it("is refused to door staff", async () => {
    const error = await (await as(Role.STAFF)).caller.feed.events().catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
  });
});

describe("feed.myPosts", () => {
  it("lists only my posts, newest first, with their event's version", async () => {
    const curator = await as(Role.CURATOR);
    const { event } = await curator.caller.events.create(createEventBody());
    const promoter = await as(Role.PROMOTER);
    const first = await promoter.caller.posts.fromEvent({ eventId: event.id, caption: "first" });
    const second = await promoter.caller.posts.fromEvent({ eventId: event.id, caption: "second", syncEnabled: false });
    await (await as(Role.PROMOTER)).caller.posts.fromEvent({ eventId: event.id });

    const posts = await promoter.caller.feed.myPosts();
    expect(posts.map((p) => p.post.id)).toEqual([second.post.id, first.post.id]);
    expect(posts[0]).toMatchObject({
      post: { caption: "second", syncEnabled: false },
      event: { id: event.id, title: event.title, status: EventStatus.UPCOMING, version: 1 },
    });
  });
});

describe("publicPosts.bySlug", () => {
  it("shows anyone the post, the event's lineup and prices, and the address only once revealed", async () => {
    const curator = await as(Role.CURATOR);
    const startsSoon = new Date(Date.now() + 2 * HOUR_MS);
    const { event } = await curator.caller.events.create(
      createEventBody({
        startDate: startsSoon.toISOString(),
        endDate: null,
        location: "Hidden Courtyard 3",
        isAddressRevealEnabled: true,
        addressRevealConfig: { hoursBeforeStart: 1 },
      }),
    );
    const { post } = await (await as(Role.PROMOTER)).caller.posts.fromEvent({ eventId: event.id, caption: "Come!" });
    const anonymous = createCaller({ db, actor: null });

    const page = await anonymous.publicPosts.bySlug({ slug: post.slug });
    expect(page).toMatchObject({
      slug: post.slug,
      title: event.title,
      caption: "Come!",
      ticketPrices: [
        { price: 2500, currency: "EUR" },
        { price: 6000, currency: "EUR" },
      ],
      event: {
        status: EventStatus.UPCOMING,
        venue: event.venue,
        timezone: "Europe/Berlin",
        location: null,
        addressRevealsAt: new Date(startsSoon.getTime() - HOUR_MS),
        lineups: [
          { title: expect.stringMatching(/^Headliner /), isHeadliner: true },
          { title: expect.stringMatching(/^Support /), isHeadliner: false },
        ],
      },
    });
    expect(JSON.stringify(page)).not.toContain("Hidden Courtyard");

    // Once the moment has come (here: the setting is changed to reveal at once), it shows.
    await curator.caller.events.update({ id: event.id, addressRevealConfig: { hoursBeforeStart: 3 } });
    const revealed = await anonymous.publicPosts.bySlug({ slug: post.slug });
    expect(revealed.event).toMatchObject({ location: "Hidden Courtyard 3", addressRevealsAt: null });
  });

  it("answers NOT_FOUND for an unknown or malformed slug", async () => {
    const anonymous = createCaller({ db, actor: null });
    const unknown = await anonymous.publicPosts.bySlug({ slug: "nope123" }).catch((e: unknown) => e);
    expect((unknown as TRPCError).code).toBe("NOT_FOUND");
    const malformed = await anonymous.publicPosts.bySlug({ slug: "../etc" }).catch((e: unknown) => e);
    expect((malformed as TRPCError).code).toBe("BAD_REQUEST");
  });
});
