// What the curator and the promoters see of an event's sales, against a real PostgreSQL:
// totals by ticket type and by promoter, the orders list, each post's sales, and the ticket
// editor that may never take capacity below what is sold. Orders are written as the checkout
// leaves them (server/testing/sales.ts); every assertion looks at this test's own rows.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createGuest, createPostFromEvent, createUser, inviteGuest } from "../../../prisma/factories";
import type { Actor } from "../../auth/actor";
import { CommissionType, OrderChannel, OrderStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor, createEventBody, createEventInput } from "../../testing/events";
import { appError } from "../../testing/rejections";
import { callRoute, expectProblem, userWithKey } from "../../testing/rest";
import { createSoldOrder } from "../../testing/sales";
import { createCaller } from "../../trpc/root";
import { createEvent } from "../events/create";
import { listRelatedPosts } from "../events/related-posts";
import { updateEvent } from "../events/update";
import { checkIn } from "../checkin/check-in";
import { searchDoorList } from "../checkin/search";
import { listOwnPosts } from "../feed/service";
import { listEventGuests } from "../guests/event-list";
import { ticketQr } from "../guests/ticket-code";
import { listOrders } from "./list";
import { placeOrder } from "./place";
import { confirmPayment } from "./settle";
import { salesTotals } from "./totals";
import { GET as listOrdersRoute } from "../../../app/(rest)/product-event/[id]/orders/route";
import { PUT as updateEventRoute } from "../../../app/(rest)/product-event/[id]/route";

const db = useTestDb();

/** A curator's event (GA 25.00 x 300, VIP 60.00 x 40) with two promoters' posts. */
async function eventWithPromoters(commission: { type: CommissionType; value: number } | null = null) {
  const curator = await actorFor(db, Role.CURATOR);
  const { event, product } = await createEvent(db, curator, createEventInput({ commission }));
  const [ga, vip] = product.variants;
  const promoterA = await createUser(db, { role: Role.PROMOTER, name: "Pia Promoter" });
  const promoterB = await createUser(db, { role: Role.PROMOTER, name: "Bo Booster" });
  const postA = await createPostFromEvent(db, { eventId: event.id, creatorId: promoterA.id });
  const postB = await createPostFromEvent(db, { eventId: event.id, creatorId: promoterB.id });
  return { curator, event, ga: ga!, vip: vip!, promoterA, promoterB, postA, postB };
}

describe("salesTotals", () => {
  it("sums paid orders per promoter and post with their commission (PERCENT), leaves refunded and pending orders out", async () => {
    // 10 % of the price before tax, as the checkout fixes it on each order.
    const { event, ga, vip, promoterA, promoterB, postA, postB } = await eventWithPromoters({ type: CommissionType.PERCENT, value: 1000 });
    await createSoldOrder(db, { eventId: event.id, items: [{ variantId: ga.id, quantity: 2 }], postId: postA.id, commission: 500, tax: 950 });
    await createSoldOrder(db, { eventId: event.id, items: [{ variantId: vip.id, quantity: 1 }], postId: postA.id, commission: 600 });
    await createSoldOrder(db, { eventId: event.id, items: [{ variantId: ga.id, quantity: 1 }], postId: postB.id, commission: 250 });
    await createSoldOrder(db, { eventId: event.id, items: [{ variantId: ga.id, quantity: 3 }] });
    // Refunded: shown apart, in no other sum. Pending: holds tickets, sold nothing yet.
    await createSoldOrder(db, {
      eventId: event.id,
      items: [{ variantId: vip.id, quantity: 2 }],
      postId: postB.id,
      commission: 1200,
      status: OrderStatus.REFUNDED,
    });
    await createSoldOrder(db, {
      eventId: event.id,
      items: [{ variantId: vip.id, quantity: 4 }],
      postId: postB.id,
      commission: 2400,
      status: OrderStatus.PENDING_PAYMENT,
    });

    const totals = await salesTotals(db, event.id);
    expect(totals).toMatchObject({
      currency: "EUR",
      orders: 4,
      tickets: 7,
      revenue: 5000 + 950 + 6000 + 2500 + 7500,
      tax: 950,
      commission: 500 + 600 + 250,
      refunded: { orders: 1, tickets: 2, total: 12_000 },
    });
    expect(totals.byVariant).toEqual([
      { variantId: ga.id, name: ga.name, quantity: 300, sold: 6, held: 0, left: 294 },
      { variantId: vip.id, name: vip.name, quantity: 40, sold: 1, held: 4, left: 35 },
    ]);
    expect(totals.byPromoter).toEqual([
      {
        promoterId: promoterA.id,
        promoterName: "Pia Promoter",
        postId: postA.id,
        postSlug: postA.slug,
        orders: 2,
        tickets: 3,
        revenue: 11_950,
        commission: 1100,
      },
      { promoterId: null, promoterName: null, postId: null, postSlug: null, orders: 1, tickets: 3, revenue: 7500, commission: 0 },
      {
        promoterId: promoterB.id,
        promoterName: "Bo Booster",
        postId: postB.id,
        postSlug: postB.slug,
        orders: 1,
        tickets: 1,
        revenue: 2500,
        commission: 250,
      },
    ]);
  });

  it("sums a FIXED commission per ticket the same way, and an event that sold nothing has zeros", async () => {
    const { event, ga, vip, promoterA, postA } = await eventWithPromoters({ type: CommissionType.FIXED, value: 300 });
    expect(await salesTotals(db, event.id)).toMatchObject({ orders: 0, tickets: 0, revenue: 0, commission: 0, byPromoter: [] });
    await createSoldOrder(db, {
      eventId: event.id,
      items: [
        { variantId: ga.id, quantity: 2 },
        { variantId: vip.id, quantity: 1 },
      ],
      postId: postA.id,
      commission: 900,
    });
    await createSoldOrder(db, { eventId: event.id, items: [{ variantId: ga.id, quantity: 4 }], postId: postA.id, commission: 1200 });
    const totals = await salesTotals(db, event.id);
    expect(totals.byPromoter).toEqual([
      {
        promoterId: promoterA.id,
        promoterName: promoterA.name,
        postId: postA.id,
        postSlug: postA.slug,
        orders: 2,
        tickets: 7,
        revenue: 21_000,
        commission: 2100,
      },
    ]);
    expect(totals).toMatchObject({ orders: 2, tickets: 7, revenue: 21_000, commission: 2100 });
  });
});

describe("salesTotals through the real checkout", () => {
  it("adds up the commission the checkout fixed on each order: PERCENT of the price before tax, FIXED per ticket", async () => {
    for (const [commission, expected] of [
      [{ type: CommissionType.PERCENT, value: 1000 }, 500 + 600],
      [{ type: CommissionType.FIXED, value: 300 }, 600 + 300],
    ] as const) {
      const { event, ga, vip, promoterA, postA } = await eventWithPromoters(commission);
      const buy = async (variantId: string, quantity: number, ref?: string) => {
        const placed = await placeOrder(db, {
          eventId: event.id,
          input: {
            items: [{ variantId, quantity }],
            buyer: { firstName: "Real", lastName: "Buyer", email: `real-${randomUUID()}@example.org` },
            ref,
          },
        });
        await confirmPayment(db, { orderId: placed.id });
      };
      await buy(ga.id, 2, postA.slug);
      await buy(vip.id, 1, postA.slug);
      await buy(ga.id, 1);
      const totals = await salesTotals(db, event.id);
      expect(totals.byPromoter.find((row) => row.postId === postA.id)).toEqual({
        promoterId: promoterA.id,
        promoterName: promoterA.name,
        postId: postA.id,
        postSlug: postA.slug,
        orders: 2,
        tickets: 3,
        revenue: 11_000,
        commission: expected,
      });
      expect(totals).toMatchObject({ orders: 3, tickets: 4, revenue: 13_500, commission: expected });
    }
  });
});

describe("listOrders", () => {
  it("pages newest first without gaps or repeats, searches buyers by each word of name or email, filters by status", async () => {
    const { curator, event, ga, postA, promoterA } = await eventWithPromoters();
    const start = Date.now() - 60_000;
    const made: Awaited<ReturnType<typeof createSoldOrder>>[] = [];
    for (let n = 0; n < 5; n++) {
      made.push(
        await createSoldOrder(db, {
          eventId: event.id,
          items: [{ variantId: ga.id, quantity: 1 + n }],
          buyer: {
            firstName: n === 3 ? "Ada" : "Sam",
            lastName: n === 3 ? "Lovelace" : `Buyer${n}`,
            email: n === 1 ? "night.owl@example.org" : undefined,
          },
          postId: n === 2 ? postA.id : undefined,
          status: n === 4 ? OrderStatus.REFUNDED : OrderStatus.PAID,
          // Two orders at one instant: the id breaks the tie.
          createdAt: new Date(start + (n === 1 ? 0 : n) * 1000),
        }),
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOrders(db, curator, event.id, { limit: 2, cursor });
      expect(page.orders.length).toBeLessThanOrEqual(2);
      seen.push(...page.orders.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe(made[4]!.order.id);

    const ada = await listOrders(db, curator, event.id, { search: "ada LOVE" });
    expect(ada.orders.map((o) => o.id)).toEqual([made[3]!.order.id]);
    expect(ada.orders[0]).toMatchObject({ buyer: { firstName: "Ada", lastName: "Lovelace" }, tickets: 4, status: "PAID", via: null });
    expect((await listOrders(db, curator, event.id, { search: "owl@example" })).orders.map((o) => o.id)).toEqual([made[1]!.order.id]);
    expect((await listOrders(db, curator, event.id, { search: "nobody-like-this" })).orders).toEqual([]);

    const refunded = await listOrders(db, curator, event.id, { status: OrderStatus.REFUNDED });
    expect(refunded.orders.map((o) => o.id)).toEqual([made[4]!.order.id]);
    expect(refunded.orders[0]!.refundedAt).toBeInstanceOf(Date);

    const viaPost = (await listOrders(db, curator, event.id, {})).orders.find((o) => o.id === made[2]!.order.id);
    expect(viaPost?.via).toEqual({ postId: postA.id, postSlug: postA.slug, promoterId: promoterA.id, promoterName: promoterA.name });
  });

  it("is the event manager's: another curator is told there is no such event, a promoter may not, a forged cursor is a 400", async () => {
    const { event } = await eventWithPromoters();
    const other = await actorFor(db, Role.CURATOR);
    const promoter = await actorFor(db, Role.PROMOTER);
    expect((await appError(listOrders(db, other, event.id))).code).toBe("NOT_FOUND");
    expect((await appError(listOrders(db, promoter, event.id))).code).toBe("FORBIDDEN");
    const curator: Actor = { ...other, userId: (await db.event.findUniqueOrThrow({ where: { id: event.id } })).curatorId };
    const forged = await appError(listOrders(db, curator, event.id, { cursor: "bm90LWEtY3Vyc29y" }));
    expect(forged.details.errors?.[0]?.path).toBe("cursor");
  });

  it("answers GET /product-event/:id/orders with orders, nextCursor and totals (REST)", async () => {
    const { user, key } = await userWithKey(db, Role.CURATOR);
    const curator: Actor = { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" };
    const { event, product } = await createEvent(db, curator, createEventInput());
    const sold = await createSoldOrder(db, { eventId: event.id, items: [{ variantId: product.variants[0]!.id, quantity: 2 }] });
    const response = await callRoute(listOrdersRoute, { path: `/product-event/${event.id}/orders?limit=1`, key, params: { id: event.id } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ nextCursor: null, totals: { orders: 1, tickets: 2, revenue: 5000, byPromoter: [{ promoterId: null, orders: 1 }] } });
    expect(body.orders).toEqual([expect.objectContaining({ id: sold.order.id, status: "PAID", tickets: 2, createdAt: expect.any(String) })]);
    await expectProblem(
      await callRoute(listOrdersRoute, { path: `/product-event/${event.id}/orders?status=LOST`, key, params: { id: event.id } }),
      400,
      "INVALID_INPUT",
    );
  });
});

describe("the ticket editor against what is sold", () => {
  it("refuses capacity below sold + held naming tickets.N.quantity with the count, and writes nothing (REST 409)", async () => {
    const { user, key } = await userWithKey(db, Role.CURATOR);
    const curator: Actor = { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" };
    const { event, product } = await createEvent(db, curator, createEventInput());
    const [ga, vip] = product.variants;
    await createSoldOrder(db, { eventId: event.id, items: [{ variantId: vip!.id, quantity: 30 }] });
    await createSoldOrder(db, { eventId: event.id, items: [{ variantId: vip!.id, quantity: 10 }], status: OrderStatus.PENDING_PAYMENT });
    const before = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { title: true, version: true } });

    const tickets = [
      { id: ga!.id, name: ga!.name, price: ga!.price, quantity: 250 },
      { id: vip!.id, name: vip!.name, price: vip!.price, quantity: 39 },
    ];
    const response = await callRoute(updateEventRoute, {
      method: "PUT",
      path: `/product-event/${event.id}`,
      key,
      params: { id: event.id },
      json: { title: "Renamed while sold", tickets },
    });
    const problem = await expectProblem(response, 409, "CONFLICT");
    expect(problem.errors).toEqual([{ path: "tickets.1.quantity", message: "must be at least 40: 40 already sold or held" }]);

    // Nothing half-written: not the title, not GA's capacity, no new version.
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { title: true, version: true } })).toEqual(before);
    expect((await db.productVariant.findUniqueOrThrow({ where: { id: ga!.id } })).quantity).toBe(300);

    // Exactly what is taken is allowed.
    const ok = await updateEvent(db, curator, event.id, {
      tickets: [
        { ...tickets[0]!, quantity: 300 },
        { ...tickets[1]!, quantity: 40 },
      ],
    });
    expect(ok.product.variants[1]).toMatchObject({ quantity: 40, sold: 30, held: 10 });
  });

  it("refuses removing a ticket type that has sales; one without sales goes", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const { event, product } = await createEvent(db, curator, createEventInput());
    const [ga, vip] = product.variants;
    await createSoldOrder(db, { eventId: event.id, items: [{ variantId: ga!.id, quantity: 1 }] });
    const refused = await appError(
      updateEvent(db, curator, event.id, { tickets: [{ id: vip!.id, name: vip!.name, price: vip!.price, quantity: 40 }] }),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(refused.details.errors).toEqual([{ path: "tickets", message: `must keep "${ga!.name}" (${ga!.id}): 1 already sold or held` }]);
    const kept = await updateEvent(db, curator, event.id, { tickets: [{ id: ga!.id, name: ga!.name, price: ga!.price, quantity: 300 }] });
    expect(kept.product.variants.map((v) => v.id)).toEqual([ga!.id]);
  });

  it("saves the sale window, per-order maximum and commission; refuses a window ending before it starts and a percent over 100", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const caller = createCaller({ db, actor: curator });
    const opens = new Date(Date.now() + 86_400_000);
    const closes = new Date(opens.getTime() + 3_600_000);
    const { event, product } = await caller.events.create(
      createEventBody({
        commission: { type: "PERCENT", value: 1250 },
        tickets: [{ name: "Early", price: 1000, quantity: 50, saleStartsAt: opens.toISOString(), saleEndsAt: closes.toISOString(), maxPerOrder: 4 }],
      }),
    );
    expect(event.commission).toEqual({ type: "PERCENT", value: 1250 });
    expect(product.variants[0]).toMatchObject({ saleStartsAt: opens, saleEndsAt: closes, maxPerOrder: 4, sold: 0, held: 0 });

    // A ticket sent without the new fields keeps them (REST callers of before stay as they were).
    const early = product.variants[0]!;
    const kept = await updateEvent(db, curator, event.id, {
      tickets: [{ id: early.id, name: "Early bird", price: 1000, quantity: 50 }],
      commission: null,
    });
    expect(kept.product.variants[0]).toMatchObject({ name: "Early bird", saleStartsAt: opens, saleEndsAt: closes, maxPerOrder: 4 });
    expect(kept.event.commission).toBeNull();

    const backwards = await appError(
      updateEvent(db, curator, event.id, {
        tickets: [{ id: early.id, name: "Early", price: 1000, quantity: 50, saleEndsAt: new Date(opens.getTime() - 1000) }],
      }),
    );
    expect(backwards.details.errors?.map((e) => e.path)).toEqual(["tickets.0.saleEndsAt"]);

    const tooMuch = await caller.events.update({ id: event.id, commission: { type: "PERCENT", value: 10_001 } }).catch((e: unknown) => e);
    expect(JSON.stringify(tooMuch)).toContain("commission");
    await expect(
      caller.events.update({
        id: event.id,
        tickets: [{ name: "X", price: 1, quantity: 1, saleStartsAt: closes.toISOString(), saleEndsAt: opens.toISOString() }],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("each post's sales", () => {
  it("related posts and the promoter's own posts carry orders, tickets, revenue and commission of paid orders", async () => {
    const { curator, event, ga, promoterA, postA, postB } = await eventWithPromoters({ type: CommissionType.FIXED, value: 200 });
    await createSoldOrder(db, { eventId: event.id, items: [{ variantId: ga.id, quantity: 3 }], postId: postA.id, commission: 600 });
    await createSoldOrder(db, {
      eventId: event.id,
      items: [{ variantId: ga.id, quantity: 1 }],
      postId: postA.id,
      commission: 200,
      status: OrderStatus.REFUNDED,
    });

    const related = await listRelatedPosts(db, curator, event.id, { limit: 20 });
    const byId = new Map(related.posts.map((p) => [p.id, p.sales]));
    expect(byId.get(postA.id)).toEqual({ orders: 1, tickets: 3, revenue: 7500, commission: 600 });
    expect(byId.get(postB.id)).toEqual({ orders: 0, tickets: 0, revenue: 0, commission: 0 });

    const promoter: Actor = { userId: promoterA.id, role: Role.PROMOTER, name: promoterA.name, email: promoterA.email, via: "session" };
    const own = await listOwnPosts(db, promoter);
    expect(own.find((p) => p.post.id === postA.id)).toMatchObject({
      sales: { orders: 1, tickets: 3, revenue: 7500, commission: 600 },
      currency: "EUR",
    });
  });
});

describe("sold admissions on the guest list and at the door", () => {
  it("lists each ticket with its type and source (invited, sold here via a post, sold on Shopify), and the door names the ticket type", async () => {
    const { curator, event, vip, ga, postA, promoterA } = await eventWithPromoters();
    const sold = await createSoldOrder(db, {
      eventId: event.id,
      items: [{ variantId: vip.id, quantity: 2 }],
      postId: postA.id,
      buyer: { lastName: "Twice" },
    });
    await createSoldOrder(db, {
      eventId: event.id,
      items: [{ variantId: ga.id, quantity: 1 }],
      channel: OrderChannel.SHOPIFY,
      buyer: { lastName: "Shopper" },
    });
    const invitedGuest = await createGuest(db, { userId: curator.userId, lastName: "Invited" });
    await inviteGuest(db, { eventId: event.id, guestId: invitedGuest.id });

    const { guests } = await listEventGuests(db, curator, { eventId: event.id, limit: 100 });
    const twice = guests.filter((g) => g.fullName.endsWith("Twice"));
    expect(twice).toHaveLength(2);
    expect(new Set(twice.map((g) => g.ticketCode)).size).toBe(2);
    expect(twice[0]).toMatchObject({ source: "SOLD", ticketType: vip.name, via: { postSlug: postA.slug, promoterName: promoterA.name } });
    expect(guests.find((g) => g.fullName.endsWith("Shopper"))).toMatchObject({ source: "SHOPIFY", ticketType: ga.name, via: null });
    expect(guests.find((g) => g.guestId === invitedGuest.id)).toMatchObject({ source: "INVITED", ticketType: null, via: null });

    // Each admission's own QR for the curator to send.
    const second = sold.tickets[1]!;
    expect((await ticketQr(db, curator, { eventId: event.id, guestId: second.guestId, ticketCode: second.ticketCode })).ticketCode).toBe(
      second.ticketCode,
    );

    const door = await createUser(db, { role: Role.STAFF });
    await db.eventStaff.create({ data: { eventId: event.id, userId: door.id } });
    const staff: Actor = { userId: door.id, role: Role.STAFF, name: door.name, email: door.email, via: "session" };
    // Door search: one hit per ticket, each with its type.
    const hits = await searchDoorList(db, staff, { eventId: event.id, query: "Twice", limit: 20 });
    expect(hits.guests.map((g) => [g.ticketType, g.ticketCode]).sort()).toEqual(sold.tickets.map((t) => [vip.name, t.ticketCode]).sort());
    const code = sold.tickets[0]!.ticketCode;
    const first = await checkIn(db, staff, { eventId: event.id, code });
    expect(first.answer).toMatchObject({ result: "CHECKED_IN", guest: { ticketType: vip.name } });
    const again = await checkIn(db, staff, { eventId: event.id, code });
    expect(again.answer).toMatchObject({ result: "ALREADY_CHECKED_IN", guest: { ticketType: vip.name } });
    // The order's other ticket is its own admission.
    expect((await checkIn(db, staff, { eventId: event.id, code: sold.tickets[1]!.ticketCode })).answer.result).toBe("CHECKED_IN");
  });
});
