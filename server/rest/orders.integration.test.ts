// Buying over REST, as a browser or a partner calls it: availability and orders for anyone
// (no credentials), Idempotency-Key for anonymous buyers too, the problems a buyer can get
// (SOLD_OUT with what is left, checked against the served OpenAPI document; SALES_CLOSED; a
// field named in a 400), and the anonymous rate limit per client address and buyer email.
import { randomUUID } from "node:crypto";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/(rest)/openapi.json/route";
import { GET as availabilityRoute } from "@/app/(rest)/product-event/[id]/availability/route";
import { POST as placeOrderRoute } from "@/app/(rest)/product-event/[id]/orders/route";
import { createEvent } from "../../prisma/factories";
import { ORDERS_PER_BUYER } from "../domain/orders/rate-limit";
import { Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { callRoute, expectProblem, userWithKey } from "../testing/rest";

const db = useTestDb();

async function sale(tickets = [{ name: "GA", price: 2500, quantity: 5 }]) {
  const curator = await userWithKey(db, Role.CURATOR);
  const { event, product } = await createEvent(db, { curatorId: curator.user.id, tickets });
  return { event, variants: product.variants };
}

const buyer = (email = `rest-${randomUUID()}@buyers.test`) => ({ firstName: "Ada", lastName: "Buyer", email });

function order(eventId: string, json: unknown, { key, idempotencyKey, client }: { key?: string; idempotencyKey?: string; client?: string } = {}) {
  const headers = new Headers({ "content-type": "application/json" });
  if (key) headers.set("authorization", `Bearer ${key}`);
  if (idempotencyKey) headers.set("idempotency-key", idempotencyKey);
  if (client) headers.set("x-forwarded-for", client);
  const request = new Request(`http://localhost/product-event/${eventId}/orders`, { method: "POST", headers, body: JSON.stringify(json) });
  return placeOrderRoute(request, { params: Promise.resolve({ id: eventId }) });
}

async function soldOutSchema() {
  const doc = await (await callRoute(openApiRoute, { path: "/openapi.json" })).json();
  const ajv = new Ajv2020({ strict: false, validateSchema: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, "openapi");
  const schema = doc.paths["/product-event/{id}/orders"].post.responses["409"].content["application/problem+json"].schema;
  return ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
}

describe("GET /product-event/:id/availability", () => {
  it("tells anyone what is left of each ticket type and whether it is on sale; an unknown event is a 404", async () => {
    const { event, variants } = await sale();
    const response = await callRoute(availabilityRoute, { path: `/product-event/${event.id}/availability`, params: { id: event.id } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      eventId: event.id,
      tax: null,
      variants: [{ variantId: variants[0]!.id, name: "GA", price: 2500, available: 5, state: "ON_SALE", maxPerOrder: 10 }],
    });
    const unknown = randomUUID();
    await expectProblem(
      await callRoute(availabilityRoute, { path: `/product-event/${unknown}/availability`, params: { id: unknown } }),
      404,
      "NOT_FOUND",
    );
  });
});

describe("POST /product-event/:id/orders", () => {
  it("places an anonymous order (201) and honours its Idempotency-Key", async () => {
    const { event, variants } = await sale();
    const body = { items: [{ variantId: variants[0]!.id, quantity: 2 }], buyer: buyer() };
    const first = await order(event.id, body, { idempotencyKey: "retry-1" });
    expect(first.status).toBe(201);
    const { order: placed } = await first.json();
    expect(placed).toMatchObject({ status: "PENDING_PAYMENT", currency: "EUR", subtotal: 5000, total: 5000, tickets: [] });
    expect(placed.checkoutUrl).toMatch(/\/checkout\/test\//);
    expect(Date.parse(placed.expiresAt)).toBeGreaterThan(Date.now());

    const again = await order(event.id, body, { idempotencyKey: "retry-1" });
    expect((await again.json()).order.id).toBe(placed.id);
    await expectProblem(
      await order(event.id, { ...body, items: [{ variantId: variants[0]!.id, quantity: 1 }] }, { idempotencyKey: "retry-1" }),
      422,
      "IDEMPOTENCY_KEY_REUSED",
    );
    await expectProblem(await order(event.id, body, { idempotencyKey: "\u0001" }), 400, "INVALID_INPUT");
    expect(await db.order.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("answers SOLD_OUT with what is left (as the OpenAPI document says), SALES_CLOSED, and 400s naming the field", async () => {
    const { event, variants } = await sale([
      { name: "GA", price: 2500, quantity: 5 },
      { name: "VIP", price: 6000, quantity: 1 },
    ]);
    const [ga, vip] = [variants[0]!.id, variants[1]!.id];
    const soldOut = await expectProblem(
      await order(event.id, {
        items: [
          { variantId: ga, quantity: 1 },
          { variantId: vip, quantity: 2 },
        ],
        buyer: buyer(),
      }),
      409,
      "SOLD_OUT",
    );
    expect(soldOut.available).toEqual([
      { variantId: ga, available: 5 },
      { variantId: vip, available: 1 },
    ]);
    const validate = await soldOutSchema();
    expect(validate(soldOut), JSON.stringify(validate.errors)).toBe(true);

    const tooMany = await expectProblem(await order(event.id, { items: [{ variantId: ga, quantity: 11 }], buyer: buyer() }), 400, "INVALID_INPUT");
    expect(tooMany.errors).toEqual([{ path: "items.0.quantity", message: expect.stringMatching(/at most 10/) }]);
    const badEmail = await expectProblem(await order(event.id, { items: [{ variantId: ga, quantity: 1 }], buyer: buyer("not-an-email") }), 400);
    expect(badEmail.errors.map((e: { path: string }) => e.path)).toEqual(["buyer.email"]);

    await db.productVariant.update({ where: { id: ga }, data: { saleStartsAt: new Date(Date.now() + 60 * 60_000) } });
    await expectProblem(await order(event.id, { items: [{ variantId: ga, quantity: 1 }], buyer: buyer() }), 409, "SALES_CLOSED");
    expect(await db.order.count({ where: { eventId: event.id } })).toBe(0);
  });

  it(`limits an anonymous buyer to ${ORDERS_PER_BUYER} orders per client address and email, not their neighbours behind the same address`, async () => {
    const { event, variants } = await sale([{ name: "Free", price: 0, quantity: 100 }]);
    const client = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const email = `busy-${randomUUID()}@buyers.test`;
    const body = (address: string) => ({ items: [{ variantId: variants[0]!.id, quantity: 1 }], buyer: buyer(address) });
    for (let i = 0; i < ORDERS_PER_BUYER; i++) expect((await order(event.id, body(email), { client })).status).toBe(201);
    const limited = await order(event.id, body(email), { client });
    await expectProblem(limited.clone(), 429, "RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Someone else on the venue's Wi-Fi still buys; so does a signed-in caller.
    expect((await order(event.id, body(`neighbour-${randomUUID()}@buyers.test`), { client })).status).toBe(201);
    const partner = await userWithKey(db, Role.PROMOTER);
    expect((await order(event.id, body(email), { client, key: partner.key })).status).toBe(201);
  });

  it(`counts a burst of one buyer's attempts at once exactly: ${ORDERS_PER_BUYER} placed, the rest 429, while their neighbours' all go through`, async () => {
    const { event, variants } = await sale([{ name: "Free", price: 0, quantity: 100 }]);
    const client = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const email = `burst-${randomUUID()}@buyers.test`;
    const body = (address: string) => ({ items: [{ variantId: variants[0]!.id, quantity: 1 }], buyer: buyer(address) });
    // 30 of the same buyer and 20 neighbours, interleaved, all in flight together: they are
    // counted in batches, and each must still get the count it would have had alone.
    const attempts = Array.from({ length: 50 }, (_, i) => (i % 5 < 3 ? body(email) : body(`neighbour-${i}-${randomUUID()}@buyers.test`)));
    const statuses = await Promise.all(
      attempts.map(async (json) => [json.buyer.email === email, (await order(event.id, json, { client })).status] as const),
    );
    const buyers = statuses.filter(([same]) => same).map(([, status]) => status);
    expect(buyers.filter((status) => status === 201)).toHaveLength(ORDERS_PER_BUYER);
    expect(buyers.filter((status) => status === 429)).toHaveLength(30 - ORDERS_PER_BUYER);
    expect(statuses.filter(([same]) => !same).every(([, status]) => status === 201)).toBe(true);
    expect(await db.order.count({ where: { eventId: event.id } })).toBe(ORDERS_PER_BUYER + 20);
    // Every attempt was counted against the address once.
    const counted = await db.rateLimitWindow.findMany({ where: { key: `orders:client:${client}` } });
    expect(counted.map((row) => row.count)).toEqual([50]);
  });
});
