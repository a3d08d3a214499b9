// Pushing an event's ticket product to Shopify, against a real PostgreSQL and a LOCAL
// SHOPIFY STAND-IN (a node:http server on 127.0.0.1, see testing/shopify-stand-in.ts): no
// test here talks to Shopify itself. The stand-in checks nothing by itself; each test asserts
// on what it received: the Admin API path and version, the access token header, the
// productSet document and its variables.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEvent, createUser, type TicketInput } from "../../../prisma/factories";
import type { Actor } from "../../auth/actor";
import { EventStatus, ProductStatus, Role, ShopifyStatus } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { updateEvent } from "../events/update";
import { connectShopifyStore } from "./connection";
import { MAX_THROTTLE_RETRIES, pushEventProduct, recordShopifyPushAbandoned, SHOPIFY_API_VERSION, ShopifyTransientError } from "./push";
import { httpErrorReply, ShopifyStandIn, STAND_IN_LOCATION_ID, throttledReply, userErrorsReply } from "./testing/shopify-stand-in";

const db = useTestDb();

let shopify: ShopifyStandIn;
beforeAll(async () => {
  shopify = await ShopifyStandIn.start();
});
afterAll(async () => {
  await shopify.close();
});
beforeEach(() => {
  shopify.requests.length = 0;
});

const TICKETS: TicketInput[] = [
  { name: "General admission", price: 2500, quantity: 100 },
  { name: "VIP", price: 750, quantity: 20 },
];

/** A curator whose merchant connected its own store, and one event of theirs. */
async function connectedEvent({ tickets = TICKETS, connect = true }: { tickets?: TicketInput[]; connect?: boolean } = {}) {
  const user = await createUser(db, { role: Role.CURATOR });
  const actor: Actor = { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" };
  const shopDomain = `store-${randomUUID().slice(0, 8)}.myshopify.com`;
  const adminToken = `shpat_${randomUUID().replaceAll("-", "")}`;
  if (connect) await connectShopifyStore(db, actor, { shopDomain, adminToken });
  const { event, product } = await createEvent(db, { curatorId: user.id, tickets });
  return { user, actor, event, product, shopDomain, adminToken };
}

async function productRow(productId: string) {
  return db.product.findUniqueOrThrow({
    where: { id: productId },
    include: { variants: { where: { deletedAt: null }, orderBy: { position: "asc" } } },
  });
}

/** Records the waits instead of waiting. */
function fakeSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

function push(eventId: string, sleep = fakeSleep().sleep) {
  return pushEventProduct(db, { eventId }, { fetchApi: shopify.fetchApi, sleep });
}

describe("pushEventProduct (local Shopify stand-in)", () => {
  it("records SKIPPED and sends nothing when the merchant has no store connected", async () => {
    const { event, product } = await connectedEvent({ connect: false });
    expect(await push(event.id)).toEqual({ status: "SKIPPED", detail: expect.stringMatching(/no Shopify store/) });
    expect(shopify.requests).toHaveLength(0);
    const row = await productRow(product.id);
    expect(row.shopifyStatus).toBe(ShopifyStatus.SKIPPED);
    expect(row.shopifyProductId).toBeNull();
  });

  it("answers SKIPPED for an event without a ticket product, touching nothing", async () => {
    expect(await push(randomUUID())).toMatchObject({ status: "SKIPPED" });
    expect(shopify.requests).toHaveLength(0);
  });

  it("creates the product once with productSet, with the decrypted token and decimal prices, and stores its ids", async () => {
    const { event, product, shopDomain, adminToken } = await connectedEvent();
    const result = await push(event.id);
    expect(result).toEqual({ status: "SYNCED", shopifyProductId: expect.stringMatching(/^gid:\/\/shopify\/Product\/\d+$/) });

    expect(shopify.productSets).toHaveLength(1);
    const [request] = shopify.productSets;
    expect(request!.url).toBe(`https://${shopDomain}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`);
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe(`/admin/api/${SHOPIFY_API_VERSION}/graphql.json`);
    expect(request!.headers["x-shopify-access-token"]).toBe(adminToken);
    expect(request!.headers["content-type"]).toMatch(/application\/json/);
    expect(request!.body.query).toMatch(/mutation \w+\(\$identifier: ProductSetIdentifiers!, \$input: ProductSetInput!\)/);
    expect(request!.body.query).toMatch(/productSet\(identifier: \$identifier, input: \$input, synchronous: true\)/);
    expect(request!.body.query).toMatch(/userErrors \{/);

    const [ga, vip] = product.variants;
    expect(request!.body.variables).toEqual({
      identifier: { handle: `marquee-${product.id}` },
      input: {
        handle: `marquee-${product.id}`,
        title: event.title,
        status: "ACTIVE",
        vendor: expect.any(String),
        productType: "Event ticket",
        productOptions: [{ name: "Ticket", position: 1, values: [{ name: "General admission" }, { name: "VIP" }] }],
        variants: [
          {
            optionValues: [{ optionName: "Ticket", name: "General admission" }],
            price: "25.00",
            sku: ga!.id,
            position: 1,
            inventoryItem: { requiresShipping: false, tracked: true },
            inventoryQuantities: [{ locationId: STAND_IN_LOCATION_ID, name: "available", quantity: 100 }],
          },
          {
            optionValues: [{ optionName: "Ticket", name: "VIP" }],
            price: "7.50",
            sku: vip!.id,
            position: 2,
            inventoryItem: { requiresShipping: false, tracked: true },
            inventoryQuantities: [{ locationId: STAND_IN_LOCATION_ID, name: "available", quantity: 20 }],
          },
        ],
      },
    });

    const stored = shopify.products.get(result.shopifyProductId!)!;
    const row = await productRow(product.id);
    expect(row).toMatchObject({
      shopifyProductId: stored.id,
      shopifyStatus: ShopifyStatus.SYNCED,
      shopifyError: null,
      shopifySyncedAt: expect.any(Date),
    });
    expect(row.variants.map((v) => v.shopifyVariantId)).toEqual(stored.variants.map((v) => v.id));
  });

  it("updates it on later pushes: sends the stored ids and creates nothing twice", async () => {
    const { event, product } = await connectedEvent();
    const first = await push(event.id);
    const afterFirst = await productRow(product.id);
    const productsBefore = shopify.products.size;

    const second = await push(event.id);
    expect(second).toEqual(first);
    expect(shopify.products.size).toBe(productsBefore);
    const { variables } = shopify.productSets[1]!.body;
    expect(variables.identifier).toEqual({ id: first.shopifyProductId });
    expect(variables.input.handle).toBeUndefined();
    expect(variables.input.variants.map((v: { id: string }) => v.id)).toEqual(afterFirst.variants.map((v) => v.shopifyVariantId));

    const afterSecond = await productRow(product.id);
    expect(afterSecond.variants.map((v) => v.shopifyVariantId)).toEqual(afterFirst.variants.map((v) => v.shopifyVariantId));
    expect(afterSecond.shopifySyncedAt!.getTime()).toBeGreaterThanOrEqual(afterFirst.shopifySyncedAt!.getTime());
  });

  it("follows ticket changes (kept ids, a new ticket without one, a removed one left out) and the event's status", async () => {
    const { actor, event, product } = await connectedEvent();
    await push(event.id);
    const synced = await productRow(product.id);
    const [ga, vip] = synced.variants;

    await updateEvent(db, actor, event.id, {
      title: "Neon Nights: the return",
      tickets: [
        { id: ga!.id, name: "General admission", price: 2750, quantity: 100 },
        { name: "Early bird", price: 1999, quantity: 50 },
      ],
    });
    await push(event.id);
    const { variables } = shopify.productSets[1]!.body;
    expect(variables.input.title).toBe("Neon Nights: the return");
    expect(variables.input.variants).toEqual([
      expect.objectContaining({ id: ga!.shopifyVariantId, price: "27.50", optionValues: [{ optionName: "Ticket", name: "General admission" }] }),
      expect.not.objectContaining({ id: expect.anything() }),
    ]);
    expect(variables.input.variants[1]).toMatchObject({ price: "19.99", optionValues: [{ optionName: "Ticket", name: "Early bird" }] });
    expect(JSON.stringify(variables)).not.toContain(vip!.shopifyVariantId!);

    const stored = shopify.products.get(synced.shopifyProductId!)!;
    expect(stored.variants.map((v) => [v.optionValue, v.price])).toEqual([
      ["General admission", "27.50"],
      ["Early bird", "19.99"],
    ]);
    const row = await productRow(product.id);
    expect(row.variants.map((v) => v.shopifyVariantId)).toEqual(stored.variants.map((v) => v.id));

    await updateEvent(db, actor, event.id, { status: EventStatus.CANCELED });
    expect((await productRow(product.id)).status).toBe(ProductStatus.ARCHIVED);
    await push(event.id);
    expect(shopify.productSets[2]!.body.variables.input.status).toBe("ARCHIVED");
    expect(stored.status).toBe("ARCHIVED");
  });

  it("waits as long as a THROTTLED answer's throttleStatus says, then retries (local Shopify stand-in)", async () => {
    const { event, product } = await connectedEvent();
    // 52 points asked, 2 left, 50 restored per second: the bucket holds 52 again after 1 s.
    shopify.enqueue(throttledReply({ requested: 52, available: 2, restoreRate: 50 }));
    const { waits, sleep } = fakeSleep();

    const result = await push(event.id, sleep);
    expect(result.status).toBe("SYNCED");
    expect(waits).toEqual([1000]);
    expect(shopify.productSets).toHaveLength(2);
    expect(shopify.productSets[1]!.body).toEqual(shopify.productSets[0]!.body);
    expect((await productRow(product.id)).shopifyStatus).toBe(ShopifyStatus.SYNCED);
  });

  it("gives up throttled retries after a bound, records the error and throws for the job runner", async () => {
    const { event, product } = await connectedEvent();
    const throttled = throttledReply({ requested: 100, available: 0, restoreRate: 50 });
    shopify.enqueue(...Array.from({ length: MAX_THROTTLE_RETRIES + 1 }, () => throttled));
    const { waits, sleep } = fakeSleep();

    await expect(push(event.id, sleep)).rejects.toBeInstanceOf(ShopifyTransientError);
    expect(waits).toEqual(Array.from({ length: MAX_THROTTLE_RETRIES }, () => 2000));
    expect(shopify.productSets).toHaveLength(MAX_THROTTLE_RETRIES + 1);
    const row = await productRow(product.id);
    expect(row.shopifyError).toMatch(/throttling/);
    expect(row.shopifyStatus).toBeNull();
  });

  it("records FAILED with Shopify's userErrors, and does not throw (a retry cannot help)", async () => {
    const { event, product } = await connectedEvent();
    shopify.enqueue(userErrorsReply([{ field: ["input", "variants", "0", "price"], message: "Price must be positive", code: "INVALID_VARIANT" }]));
    const result = await push(event.id);
    expect(result).toEqual({ status: "FAILED", detail: expect.stringContaining("Price must be positive") });
    expect(shopify.productSets).toHaveLength(1);
    const row = await productRow(product.id);
    expect(row.shopifyStatus).toBe(ShopifyStatus.FAILED);
    expect(row.shopifyError).toBe("Shopify refused the product: input.variants.0.price: Price must be positive (INVALID_VARIANT)");
    expect(row.shopifyProductId).toBeNull();
  });

  it("records FAILED for a refused token (HTTP 401)", async () => {
    const { event, product } = await connectedEvent();
    shopify.enqueue(httpErrorReply(401));
    expect(await push(event.id)).toMatchObject({ status: "FAILED", detail: expect.stringMatching(/401.*reconnect/) });
    expect((await productRow(product.id)).shopifyStatus).toBe(ShopifyStatus.FAILED);
  });

  it("throws on HTTP 503 after recording the error; the retry then syncs and clears it", async () => {
    const { event, product } = await connectedEvent();
    shopify.enqueue(httpErrorReply(503));
    await expect(push(event.id)).rejects.toThrow(ShopifyTransientError);
    expect(await push(event.id)).toMatchObject({ status: "SYNCED" });
    const row = await productRow(product.id);
    expect(row.shopifyStatus).toBe(ShopifyStatus.SYNCED);
    expect(row.shopifyError).toBeNull();
  });

  it("records the 503 on the product while the retry is pending", async () => {
    const { event, product } = await connectedEvent();
    shopify.enqueue(httpErrorReply(503));
    const error = await push(event.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyTransientError);
    expect((error as ShopifyTransientError).retryable).toBe(true);
    const row = await productRow(product.id);
    expect(row.shopifyError).toBe("Shopify answered HTTP 503 (will be retried)");
    expect(row.shopifyStatus).toBeNull();

    await recordShopifyPushAbandoned(db, { eventId: event.id }, "Shopify answered HTTP 503");
    expect(await productRow(product.id)).toMatchObject({
      shopifyStatus: ShopifyStatus.FAILED,
      shopifyError: "Gave up retrying: Shopify answered HTTP 503",
    });
  });

  it("throws when Shopify cannot be reached at all", async () => {
    const { event, product } = await connectedEvent();
    const closed = await ShopifyStandIn.start();
    await closed.close();
    await expect(pushEventProduct(db, { eventId: event.id }, { fetchApi: closed.fetchApi })).rejects.toThrow(/Could not reach Shopify/);
    expect((await productRow(product.id)).shopifyError).toMatch(/Could not reach Shopify.*will be retried/);
  });

  it("records FAILED and sends nothing when the stored token no longer decrypts", async () => {
    const { user, event, product } = await connectedEvent();
    const merchant = await db.merchant.findUniqueOrThrow({ where: { ownerId: user.id } });
    const [v, iv, tag, data] = merchant.shopifyTokenCiphertext!.split(":");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0] = flipped[0]! ^ 0xff;
    await db.merchant.update({
      where: { id: merchant.id },
      data: { shopifyTokenCiphertext: [v, iv, tag, flipped.toString("base64url")].join(":") },
    });

    expect(await push(event.id)).toMatchObject({ status: "FAILED", detail: expect.stringMatching(/decrypt.*reconnect/) });
    expect(shopify.requests).toHaveLength(0);
    expect((await productRow(product.id)).shopifyStatus).toBe(ShopifyStatus.FAILED);
  });

  it("serializes two pushes at once: one product in Shopify, the second push sends its ids", async () => {
    const { event, product } = await connectedEvent();
    const productsBefore = shopify.products.size;
    const [a, b] = await Promise.all([push(event.id), push(event.id)]);
    expect(a.status).toBe("SYNCED");
    expect(b).toEqual(a);
    expect(shopify.products.size).toBe(productsBefore + 1);
    expect(shopify.productSets.map((r) => Object.keys(r.body.variables.identifier)[0])).toEqual(["handle", "id"]);
    expect((await productRow(product.id)).shopifyProductId).toBe(a.shopifyProductId);
  });

  it("finds the product it created by its handle when the first answer was lost", async () => {
    const { event, product } = await connectedEvent();
    const first = await push(event.id);
    // As if the push had died before storing what Shopify answered.
    await db.product.update({ where: { id: product.id }, data: { shopifyProductId: null } });
    await db.productVariant.updateMany({ where: { productId: product.id }, data: { shopifyVariantId: null } });
    const productsBefore = shopify.products.size;

    const again = await push(event.id);
    expect(again.shopifyProductId).toBe(first.shopifyProductId);
    expect(shopify.products.size).toBe(productsBefore);
  });

  it("keeps currencies exact and option values distinct; refuses tickets in two currencies", async () => {
    const yen = await connectedEvent({
      tickets: [
        { name: "Door", price: 3000, currency: "JPY", quantity: 10 },
        { name: "Door", price: 2500, currency: "JPY", quantity: 10 },
      ],
    });
    expect((await push(yen.event.id)).status).toBe("SYNCED");
    const { input } = shopify.productSets[0]!.body.variables;
    expect(input.productOptions[0].values).toEqual([{ name: "Door" }, { name: "Door (2)" }]);
    expect(input.variants.map((v: { price: string }) => v.price)).toEqual(["3000", "2500"]);
    expect((await productRow(yen.product.id)).variants.every((v) => v.shopifyVariantId)).toBe(true);

    shopify.requests.length = 0;
    const mixed = await connectedEvent({
      tickets: [
        { name: "EUR ticket", price: 2500, currency: "EUR", quantity: 10 },
        { name: "USD ticket", price: 2500, currency: "USD", quantity: 10 },
      ],
    });
    expect(await push(mixed.event.id)).toMatchObject({ status: "FAILED", detail: expect.stringMatching(/EUR and USD/) });
    expect(shopify.requests).toHaveLength(0);
  });
});
