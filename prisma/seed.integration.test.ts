// Runs against the worker's migrated database, which other test files share: every
// assertion looks at the demo users' rows only, never at whole tables.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../server/db/client";
import { EventGuestStatus, EventStatus, ListingType, PostType, Role } from "../server/generated/prisma/enums";
import { DEMO_CURATOR_EMAIL, seedDemoData } from "./seed";

const db = createDb(process.env.DATABASE_URL!, { max: 4 });

const DEMO_EMAILS = [DEMO_CURATOR_EMAIL, "promoter@marquee.test", "staff@marquee.test", "admin@marquee.test", "curator2@marquee.test"];

async function demoCounts() {
  const users = await db.user.findMany({ where: { email: { in: DEMO_EMAILS } }, select: { id: true } });
  const userIds = users.map((u) => u.id);
  const demoEvents = { curatorId: { in: userIds } };
  return {
    users: users.length,
    merchants: await db.merchant.count({ where: { ownerId: { in: userIds } } }),
    events: await db.event.count({ where: demoEvents }),
    lineups: await db.eventLineup.count({ where: { Event: demoEvents } }),
    medias: await db.eventMedia.count({ where: { Event: demoEvents } }),
    products: await db.product.count({ where: { event: demoEvents } }),
    variants: await db.productVariant.count({ where: { product: { event: demoEvents } } }),
    posts: await db.post.count({ where: { creatorId: { in: userIds } } }),
    postMedia: await db.postMedia.count({ where: { post: { creatorId: { in: userIds } } } }),
    guests: await db.eventGuest.count({ where: { userId: { in: userIds } } }),
    groups: await db.eventGuestGroup.count({ where: { userId: { in: userIds } } }),
    invitations: await db.eventGuestToEvent.count({ where: { event: demoEvents } }),
    staff: await db.eventStaff.count({ where: { event: demoEvents } }),
  };
}

beforeAll(async () => {
  // Another file in this worker may have seeded already; either way the demo data is there.
  await seedDemoData(db);
});

afterAll(async () => {
  await db.$disconnect();
});

describe("seedDemoData", () => {
  it("creates the demo users with their roles, and a merchant for each curator", async () => {
    const users = await db.user.findMany({
      where: { email: { in: DEMO_EMAILS } },
      include: { merchant: true },
    });
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(byEmail.get(DEMO_CURATOR_EMAIL)).toMatchObject({ role: Role.CURATOR, name: "Camille Curator" });
    expect(byEmail.get("promoter@marquee.test")).toMatchObject({ role: Role.PROMOTER, name: "Priya Promoter" });
    expect(byEmail.get("staff@marquee.test")).toMatchObject({ role: Role.STAFF, name: "Sam Steward" });
    expect(byEmail.get("admin@marquee.test")?.role).toBe(Role.ADMIN);
    expect(byEmail.get("curator2@marquee.test")?.role).toBe(Role.CURATOR);
    for (const user of users) expect(user.merchant !== null).toBe(user.role === Role.CURATOR);
  });

  it("gives every demo event its media, one headliner, a ticket product and an in-sync auto-post", async () => {
    const curator = await db.user.findUniqueOrThrow({
      where: { email: DEMO_CURATOR_EMAIL },
      include: { merchant: true },
    });
    const events = await db.event.findMany({
      where: { curatorId: curator.id },
      include: {
        medias: true,
        lineups: true,
        product: { include: { variants: true } },
        posts: { where: { creatorId: curator.id }, include: { media: true } },
      },
    });

    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.some((e) => e.status === EventStatus.COMPLETED && e.startDate < new Date())).toBe(true);
    expect(events.some((e) => e.status === EventStatus.UPCOMING && e.startDate > new Date())).toBe(true);
    expect(new Set(events.map((e) => e.timezone))).toEqual(new Set(["Europe/Berlin", "Europe/London", "America/New_York"]));

    for (const event of events) {
      expect(event.medias.length).toBeGreaterThan(0);
      expect(event.poster).toEqual(event.medias.map((m) => ({ src: m.src })));
      expect(event.lineups.filter((l) => l.isHeadliner)).toHaveLength(1);

      expect(event.product).toHaveLength(1);
      const [product] = event.product;
      expect(product).toMatchObject({ listingType: ListingType.TICKET, merchantId: curator.merchant?.id });
      expect(product?.variants.length).toBeGreaterThanOrEqual(2);
      for (const variant of product?.variants ?? []) {
        expect(Number.isInteger(variant.price)).toBe(true);
        expect(variant.currency).toMatch(/^[A-Z]{3}$/);
      }

      expect(event.posts).toHaveLength(1);
      const [autoPost] = event.posts;
      expect(autoPost).toMatchObject({
        postType: PostType.EVENT,
        headline: event.title,
        title: event.title,
        syncEnabled: true,
        syncedEventVersion: event.version,
      });
      expect(autoPost?.subTitle.startsWith(`${event.venue} · `)).toBe(true);
      expect(autoPost?.media).toHaveLength(event.medias.length);
      expect(autoPost?.ticketPrices).toHaveLength(product?.variants.length ?? -1);
    }
  });

  it("adds the promoter's posts, one of them with sync turned off", async () => {
    const posts = await db.post.findMany({
      where: { creator: { email: "promoter@marquee.test" } },
    });
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.some((p) => !p.syncEnabled)).toBe(true);
    for (const post of posts) expect(post).toMatchObject({ postType: PostType.EVENT, createFromEventId: expect.any(String) });
  });

  it("fills the guest book and puts guests on the night at the door, two already checked in by Sam", async () => {
    const curator = await db.user.findUniqueOrThrow({ where: { email: DEMO_CURATOR_EMAIL } });
    const steward = await db.user.findUniqueOrThrow({ where: { email: "staff@marquee.test" } });

    const guests = await db.eventGuest.findMany({ where: { userId: curator.id } });
    expect(guests.length).toBeGreaterThanOrEqual(10);
    for (const g of guests) expect(g.fullName).toBe(`${g.firstName} ${g.lastName}`);
    expect(guests.map((g) => g.fullName)).toContain("Zoë Müller");
    expect(await db.eventGuestGroup.count({ where: { userId: curator.id } })).toBe(2);

    const doorNight = await db.event.findFirstOrThrow({
      where: { curatorId: curator.id, staff: { some: { userId: steward.id } } },
      include: { guests: true },
    });
    expect(doorNight.guests.length).toBeGreaterThan(2);
    const admitted = doorNight.guests.filter((g) => g.status === EventGuestStatus.CHECKED_IN);
    expect(admitted).toHaveLength(2);
    for (const entry of admitted) {
      expect(entry.checkedInBy).toBe(steward.id);
      expect(entry.checkedInAt!.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(new Set(doorNight.guests.map((g) => g.ticketCode)).size).toBe(doorNight.guests.length);
  });

  it("gives the second curator an event of their own", async () => {
    const events = await db.event.count({ where: { curator: { email: "curator2@marquee.test" } } });
    expect(events).toBe(1);
  });

  it("creates nothing the second time", async () => {
    const before = await demoCounts();
    await expect(seedDemoData(db)).resolves.toEqual({ created: false });
    expect(await demoCounts()).toEqual(before);
  });
});
