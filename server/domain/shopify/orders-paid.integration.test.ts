// Shopify's orders/paid webhook against a real PostgreSQL, with the event's product pushed to a
// LOCAL SHOPIFY STAND-IN first (testing/shopify-stand-in.ts), so the variant ids in the
// deliveries are the ones the stand-in's store gave. Each test plays Shopify: it signs the
// body with the store app's secret (or does not) and POSTs it to the app route.
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEvent } from "../../../prisma/factories";
import { createDb, type Db, type Tx } from "../../db/client";
import { EventStatus, OrderChannel, OrderStatus, Role, TicketSource } from "../../generated/prisma/enums";
import { toProblem } from "../../rest/problem";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { callRoute } from "../../testing/rest";
import { listOrders } from "../orders/list";
import { placeOrder } from "../orders/place";
import { ZPlaceOrderInput } from "../orders/schema";
import { taking } from "../orders/testing/broken-capacity";
import { connectShopifyStore } from "./connection";
import { receiveShopifyOrderPaid, shopifyHmac } from "./orders-paid";
import { pushEventProduct } from "./push";
import { ShopifyStandIn } from "./testing/shopify-stand-in";

const db = useTestDb();

// The race's negative control takes capacity with a read-then-write instead of the statement.
vi.mock("../orders/capacity", async (importOriginal) => {
  const real = await importOriginal<typeof import("../orders/capacity")>();
  const { swappable } = await import("../orders/testing/broken-capacity");
  return { ...real, takeOrderTickets: swappable(real) };
});

// The route handlers use the app's database client (server/db): a pool for the race's storm.
(globalThis as unknown as { marqueeDb?: Db }).marqueeDb = createDb(process.env.DATABASE_URL!, { max: 40 });
const { POST: ordersPaidRoute } = await import("@/app/webhooks/shopify/orders-paid/route");
const { POST: placeOrderRoute } = await import("@/app/(rest)/product-event/[id]/orders/route");

let shopify: ShopifyStandIn;
beforeAll(async () => {
  shopify = await ShopifyStandIn.start();
});
afterAll(async () => {
  await shopify.close();
});

/** A curator whose store (with its webhook secret) sells one event's tickets, pushed to the stand-in. */
async function storeSelling(tickets: { name: string; price: number; quantity: number }[]) {
  const curator = await actorFor(db, Role.CURATOR);
  const shopDomain = `store-${randomUUID().slice(0, 8)}.myshopify.com`;
  const secret = `shpss_${randomUUID().replaceAll("-", "")}`;
  await connectShopifyStore(db, curator, { shopDomain, adminToken: `shpat_${randomUUID().replaceAll("-", "")}`, webhookSecret: secret });
  const { event, product } = await createEvent(db, { curatorId: curator.userId, tickets });
  expect(await pushEventProduct(db, { eventId: event.id }, { fetchApi: shopify.fetchApi })).toMatchObject({ status: "SYNCED" });
  const variants = await db.productVariant.findMany({ where: { productId: product.id }, orderBy: { position: "asc" } });
  /** Shopify's numeric variant id of our ticket type (its webhooks carry that, not the gid). */
  const shopifyId = (index: number) => Number(variants[index]!.shopifyVariantId!.split("/").pop());
  return { curator, event, variants, shopDomain, secret, shopifyId };
}

type Store = Awaited<ReturnType<typeof storeSelling>>;

/** A Shopify Order payload (the fields Shopify sends that matter here, and a few that do not). */
function paidOrder(items: { variant_id: number | null; quantity: number; price?: string }[], email = `shopper-${randomUUID()}@buyers.test`) {
  return {
    id: randomInt(1, 2 ** 47),
    admin_graphql_api_id: "gid://shopify/Order/1",
    email,
    currency: "EUR",
    financial_status: "paid",
    taxes_included: false,
    customer: { first_name: "Kim", last_name: "Shopper", email },
    line_items: items.map((item, index) => ({ id: index + 1, title: "Ticket", price: item.price ?? "25.00", tax_lines: [], ...item })),
  };
}

/** Delivers `body` as Shopify does: the raw JSON, its HMAC with `secret`, the shop's domain. */
function deliver(store: Pick<Store, "shopDomain" | "secret">, body: unknown, { hmac }: { hmac?: string } = {}) {
  const text = JSON.stringify(body);
  const request = new Request("http://localhost/webhooks/shopify/orders-paid", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": "orders/paid",
      "x-shopify-shop-domain": store.shopDomain,
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-hmac-sha256": hmac ?? shopifyHmac(text, store.secret),
    },
    body: text,
  });
  return ordersPaidRoute(request);
}

/** What a sale leaves behind for one event: orders, tickets, counters, mails. */
async function traces(eventId: string) {
  const [orders, tickets, variants] = await Promise.all([
    db.order.findMany({ where: { eventId }, orderBy: { createdAt: "asc" } }),
    db.eventGuestToEvent.findMany({ where: { eventId } }),
    db.productVariant.findMany({ where: { product: { eventId } }, orderBy: { position: "asc" }, select: { sold: true, held: true } }),
  ]);
  const mails = await db.mailMessage.count({ where: { dedupeKey: { in: orders.map((order) => `order:${order.id}`) } } });
  return { orders, tickets, variants, mails };
}

describe("orders/paid webhook (local Shopify stand-in)", () => {
  it("a verified delivery issues the order's tickets from our capacity (source SHOPIFY), ignoring line items that are not ours", async () => {
    const store = await storeSelling([
      { name: "GA", price: 2500, quantity: 10 },
      { name: "VIP", price: 7500, quantity: 5 },
    ]);
    const body = paidOrder([
      { variant_id: store.shopifyId(0), quantity: 2 },
      { variant_id: store.shopifyId(1), quantity: 1, price: "75.00" },
      { variant_id: 999_999_999, quantity: 1, price: "20.00" }, // a T-shirt: not a ticket of ours
      { variant_id: null, quantity: 1, price: "5.00" }, // a custom line item
    ]);
    const response = await deliver(store, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ shopifyOrderId: String(body.id), ignoredLineItems: 2, orders: [{ outcome: "ISSUED" }] });

    const { orders, tickets, variants } = await traces(store.event.id);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      status: OrderStatus.PAID,
      channel: OrderChannel.SHOPIFY,
      shopifyOrderId: String(body.id),
      buyerEmail: body.email,
      subtotal: 12_500,
      total: 12_500,
    });
    expect(tickets).toHaveLength(3);
    expect(tickets.every((t) => t.source === TicketSource.SHOPIFY && t.orderId === orders[0]!.id)).toBe(true);
    expect(new Set(tickets.map((t) => t.ticketCode)).size).toBe(3);
    expect(variants).toEqual([
      { sold: 2, held: 0 },
      { sold: 1, held: 0 },
    ]);
    // The buyer is in the curator's guest book, and one mail carries the three tickets.
    const guest = await db.eventGuest.findUniqueOrThrow({ where: { id: orders[0]!.guestId! } });
    expect(guest).toMatchObject({ userId: store.curator.userId, email: body.email });
    const mails = await db.mailMessage.findMany({ where: { to: body.email, template: "order-tickets" } });
    expect(mails).toHaveLength(1);
    expect((mails[0]!.props as { tickets: unknown[] }).tickets).toHaveLength(3);
  });

  it("a forged HMAC, another store's secret, an unknown shop or no signature: 401, and nothing changes", async () => {
    const store = await storeSelling([{ name: "GA", price: 2500, quantity: 10 }]);
    const other = await storeSelling([{ name: "GA", price: 2500, quantity: 10 }]);
    const body = paidOrder([{ variant_id: store.shopifyId(0), quantity: 2 }]);
    const text = JSON.stringify(body);
    const before = await traces(store.event.id);

    const forged = [
      await deliver(store, body, { hmac: shopifyHmac(text, "not-the-secret") }),
      await deliver(store, body, { hmac: shopifyHmac(text, other.secret) }),
      // Signed for another body: the signature covers the exact bytes.
      await deliver(store, body, { hmac: shopifyHmac(JSON.stringify({ ...body, id: body.id + 1 }), store.secret) }),
      await deliver(store, body, { hmac: "" }),
      await deliver({ shopDomain: "unknown-shop.myshopify.com", secret: store.secret }, body),
    ];
    for (const response of forged) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    }
    expect(await traces(store.event.id)).toEqual(before);
    expect(await db.order.count({ where: { shopifyOrderId: String(body.id) } })).toBe(0);

    // The control: the same body, signed with the store's secret, is accepted.
    expect((await deliver(store, body)).status).toBe(200);
    expect((await traces(store.event.id)).tickets).toHaveLength(2);
  });

  it("the same order delivered twice, and five times at once, issues its tickets once", async () => {
    const store = await storeSelling([{ name: "GA", price: 2500, quantity: 10 }]);
    const body = paidOrder([{ variant_id: store.shopifyId(0), quantity: 2 }]);
    expect((await deliver(store, body)).status).toBe(200);
    const again = await deliver(store, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ orders: [{ outcome: "ALREADY_RECORDED" }] });

    const concurrent = paidOrder([{ variant_id: store.shopifyId(0), quantity: 3 }]);
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(store, concurrent)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);

    const { orders, tickets, variants, mails } = await traces(store.event.id);
    expect(orders).toHaveLength(2);
    expect(tickets).toHaveLength(5);
    expect(variants).toEqual([{ sold: 5, held: 0 }]);
    expect(mails).toBe(2);
  });

  it("an order that finds too few left is recorded CANCELED with its reason (200, no tickets), never oversold", async () => {
    const store = await storeSelling([{ name: "GA", price: 2500, quantity: 3 }]);
    expect((await deliver(store, paidOrder([{ variant_id: store.shopifyId(0), quantity: 2 }]))).status).toBe(200);
    const late = paidOrder([{ variant_id: store.shopifyId(0), quantity: 2 }]);
    const response = await deliver(store, late);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ orders: [{ outcome: "NOT_FULFILLED", reason: expect.stringMatching(/too few tickets/) }] });

    const canceled = await db.order.findUniqueOrThrow({ where: { shopifyOrderId: String(late.id) }, include: { tickets: true, items: true } });
    expect(canceled).toMatchObject({
      status: OrderStatus.CANCELED,
      channel: OrderChannel.SHOPIFY,
      cancelReason: expect.stringMatching(/refund it in Shopify/),
    });
    expect(canceled.tickets).toHaveLength(0);
    expect(canceled.items).toMatchObject([{ quantity: 2 }]);
    expect((await traces(store.event.id)).variants).toEqual([{ sold: 2, held: 0 }]);
    // The curator's orders list says why, so they know to refund it in Shopify; a fulfilled order has no reason.
    const { orders: listed } = await listOrders(db, store.curator, store.event.id);
    expect(listed.map((o) => [o.status, o.cancelReason])).toEqual([
      [OrderStatus.CANCELED, canceled.cancelReason],
      [OrderStatus.PAID, null],
    ]);
    // Shopify retrying it changes nothing.
    expect(await (await deliver(store, late)).json()).toMatchObject({ orders: [{ outcome: "ALREADY_RECORDED" }] });
  });

  it("with every database connection busy a delivery answers 503 with Retry-After and records nothing; Shopify's redelivery issues the tickets", async () => {
    const store = await storeSelling([{ name: "GA", price: 2500, quantity: 3 }]);
    const body = paidOrder([{ variant_id: store.shopifyId(0), quantity: 2 }]);
    // A client whose one connection a long transaction holds, past the pool's 5 s wait.
    const crowded = createDb(process.env.DATABASE_URL!, { max: 1 });
    try {
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const hold = crowded.$transaction(
        async (tx: Tx) => {
          await tx.$queryRaw`SELECT 1`;
          holding();
          await new Promise((resolve) => setTimeout(resolve, 6_500));
        },
        { timeout: 20_000 },
      );
      await held;
      const text = JSON.stringify(body);
      const refused = await receiveShopifyOrderPaid(crowded, {
        shopDomain: store.shopDomain,
        hmac: shopifyHmac(text, store.secret),
        rawBody: Buffer.from(text),
      }).then(
        () => null,
        (error: unknown) => toProblem(error),
      );
      expect(refused?.status).toBe(503);
      expect(refused?.headers.get("retry-after")).toBe("2");
      expect(await refused?.json()).toMatchObject({ detail: expect.stringMatching(/deliver it again/) });
      expect((await traces(store.event.id)).orders).toHaveLength(0);
      await hold;
    } finally {
      await crowded.$disconnect();
    }
    expect(await (await deliver(store, body)).json()).toMatchObject({ orders: [{ outcome: "ISSUED" }] });
    expect((await traces(store.event.id)).tickets).toHaveLength(2);
  });

  it("a canceled event's tickets are not issued from Shopify either", async () => {
    const store = await storeSelling([{ name: "GA", price: 2500, quantity: 3 }]);
    await db.event.update({ where: { id: store.event.id }, data: { status: EventStatus.CANCELED } });
    const response = await deliver(store, paidOrder([{ variant_id: store.shopifyId(0), quantity: 1 }]));
    expect(await response.json()).toMatchObject({ orders: [{ outcome: "NOT_FULFILLED", reason: expect.stringMatching(/CANCELED/) }] });
    expect((await traces(store.event.id)).tickets).toHaveLength(0);
  });
});

// ---- Shopify and our checkout selling the same ticket type at once

const CAPACITY = 100;
const SHOPIFY_ORDERS = 150;
const OUR_BUYERS = 150;

/** As Shopify does: the same order delivered again while the answer is not 2xx (here: a 503's Retry-After). */
async function deliverUntilHandled(store: Store, body: unknown): Promise<{ status: number; redeliveries: number }> {
  for (let redeliveries = 0; ; redeliveries++) {
    const response = await deliver(store, body);
    if (response.status !== 503 || redeliveries === 5) return { status: response.status, redeliveries };
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after")) * 1000));
  }
}

/** Shopify's deliveries and our buyers, all in flight at once, interleaved; one ticket each. */
async function bothChannels(store: Store) {
  let redelivered = 0;
  const shopify = Array.from({ length: SHOPIFY_ORDERS }, () => async () => {
    const { status, redeliveries } = await deliverUntilHandled(store, paidOrder([{ variant_id: store.shopifyId(0), quantity: 1 }]));
    redelivered += redeliveries;
    return status;
  });
  const ours = Array.from({ length: OUR_BUYERS }, () => async () => {
    const response = await callRoute(placeOrderRoute, {
      method: "POST",
      path: `/product-event/${store.event.id}/orders`,
      params: { id: store.event.id },
      json: {
        items: [{ variantId: store.variants[0]!.id, quantity: 1 }],
        buyer: { firstName: "Our", lastName: "Buyer", email: `ours-${randomUUID()}@buyers.test` },
      },
    });
    return response.status;
  });
  const calls = shopify.flatMap((call, i) => [call, ours[i]!]);
  const statuses = await Promise.all(calls.map((call) => call()));
  if (redelivered) console.log(`${redelivered} Shopify deliveries answered 503 (no connection free) and were delivered again`);
  return statuses;
}

/** Every way the two channels together broke capacity. */
async function oversold(eventId: string, variantId: string): Promise<string[]> {
  const problems: string[] = [];
  const variant = await db.productVariant.findUniqueOrThrow({ where: { id: variantId } });
  const issued = await db.eventGuestToEvent.count({ where: { variantId } });
  const bySource = await db.eventGuestToEvent.groupBy({ by: ["source"], where: { variantId }, _count: true });
  if (issued > variant.quantity) problems.push(`${issued} tickets issued for ${variant.quantity} places (${JSON.stringify(bySource)})`);
  if (issued !== variant.sold) problems.push(`counters say sold ${variant.sold}; ${issued} tickets issued`);
  const shopifyCanceled = await db.order.count({ where: { eventId, channel: OrderChannel.SHOPIFY, status: OrderStatus.CANCELED } });
  const shopifyPaid = await db.order.count({ where: { eventId, channel: OrderChannel.SHOPIFY, status: OrderStatus.PAID } });
  if (shopifyPaid + shopifyCanceled !== SHOPIFY_ORDERS)
    problems.push(`${shopifyPaid + shopifyCanceled} of ${SHOPIFY_ORDERS} Shopify orders recorded`);
  return problems;
}

describe(`Shopify (${SHOPIFY_ORDERS} webhooks) and our checkout (${OUR_BUYERS} buyers) selling ${CAPACITY} tickets at once (local Shopify stand-in)`, () => {
  it("never exceed capacity: exactly 100 issued between them, every Shopify order recorded, the rest refused", async () => {
    const store = await storeSelling([{ name: "GA", price: 0, quantity: CAPACITY }]);
    const statuses = await bothChannels(store);
    expect(await oversold(store.event.id, store.variants[0]!.id)).toEqual([]);
    expect(await db.eventGuestToEvent.count({ where: { variantId: store.variants[0]!.id } })).toBe(CAPACITY);
    // Shopify's deliveries all answer 200 (handled); ours 201 or 409 SOLD_OUT; nothing crashed.
    expect(statuses.filter((s, i) => i % 2 === 0).every((s) => s === 200)).toBe(true);
    expect(new Set(statuses.filter((s, i) => i % 2 === 1))).toSatisfy((set: Set<number>) => [...set].every((s) => s === 201 || s === 409));
    const bySource = await db.eventGuestToEvent.groupBy({ by: ["source"], where: { variantId: store.variants[0]!.id }, _count: true });
    console.log(`both channels: ${JSON.stringify(bySource)}`);
  }, 180_000);

  it("(negative control) with a read-then-write capacity check the same storm oversells, and the same check sees it", async () => {
    const store = await storeSelling([{ name: "GA", price: 0, quantity: CAPACITY }]);
    taking.broken = "READ_THEN_WRITE";
    await bothChannels(store).finally(() => {
      taking.broken = null;
    });
    const found = await oversold(store.event.id, store.variants[0]!.id);
    console.log(`negative control: ${found.join("; ")}`);
    expect(found.length).toBeGreaterThan(0);
  }, 180_000);
});

// ---- What is left, pushed back to the store

describe("inventory in the store (local Shopify stand-in)", () => {
  async function availabilityMessages(eventId: string) {
    return db.outboxMessage.count({ where: { name: "tickets.availability.changed", payload: { path: ["eventId"], equals: eventId } } });
  }

  it("is what is left after sales on both channels; a burst of sales queues one push, a sale after it starts queues the next", async () => {
    const store = await storeSelling([
      { name: "GA", price: 0, quantity: 10 },
      { name: "VIP", price: 5000, quantity: 4 },
    ]);
    expect(shopify.inventoryOf(store.variants[0]!.id)).toBe(10);
    expect(shopify.inventoryOf(store.variants[1]!.id)).toBe(4);

    const buyer = () => ({ firstName: "Our", lastName: "Buyer", email: `ours-${randomUUID()}@buyers.test` });
    await Promise.all([
      placeOrder(db, {
        eventId: store.event.id,
        input: ZPlaceOrderInput.parse({ items: [{ variantId: store.variants[0]!.id, quantity: 3 }], buyer: buyer() }),
      }),
      // A paid order holds its tickets: they are not left to sell either.
      placeOrder(db, {
        eventId: store.event.id,
        input: ZPlaceOrderInput.parse({ items: [{ variantId: store.variants[1]!.id, quantity: 1 }], buyer: buyer() }),
      }),
      deliver(store, paidOrder([{ variant_id: store.shopifyId(0), quantity: 2 }])),
    ]);
    expect(await availabilityMessages(store.event.id)).toBe(1);

    expect(await pushEventProduct(db, { eventId: store.event.id }, { fetchApi: shopify.fetchApi })).toMatchObject({ status: "SYNCED" });
    expect(shopify.inventoryOf(store.variants[0]!.id)).toBe(5);
    expect(shopify.inventoryOf(store.variants[1]!.id)).toBe(3);

    // The push has read the counts: the next sale queues the next push.
    await deliver(store, paidOrder([{ variant_id: store.shopifyId(0), quantity: 1 }]));
    expect(await availabilityMessages(store.event.id)).toBe(2);
    await pushEventProduct(db, { eventId: store.event.id }, { fetchApi: shopify.fetchApi });
    expect(shopify.inventoryOf(store.variants[0]!.id)).toBe(4);
  });

  it("a merchant without a store queues nothing when selling", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const { event, product } = await createEvent(db, { curatorId: curator.userId, tickets: [{ name: "GA", price: 0, quantity: 5 }] });
    await placeOrder(db, {
      eventId: event.id,
      input: ZPlaceOrderInput.parse({
        items: [{ variantId: product.variants[0]!.id, quantity: 1 }],
        buyer: { firstName: "A", lastName: "B", email: `nostore-${randomUUID()}@buyers.test` },
      }),
    });
    expect(await availabilityMessages(event.id)).toBe(0);
  });
});
