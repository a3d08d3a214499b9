// Connecting a merchant's Shopify store, against a real PostgreSQL, through the tRPC router
// (mounted here on its own: the app's root router registers it as `shopify`).
import { describe, expect, it } from "vitest";
import { createEvent, createUser } from "../../../prisma/factories";
import type { Actor } from "../../auth/actor";
import { Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { createCallerFactory, createTRPCRouter } from "../../trpc/init";
import { shopifyRouter } from "../../trpc/routers/shopify";
import { connectShopifyStore, getShopifyConnection } from "./connection";
import { decryptToken, TokenDecryptionError, webhookSecretContext } from "./token-crypto";
import { trpcError } from "../../testing/rejections";

const db = useTestDb();
const createCaller = createCallerFactory(createTRPCRouter({ shopify: shopifyRouter }));

const TOKEN = "shpat_live_0123456789abcdef0123456789abcdef";

async function as(role: Role) {
  const user = await createUser(db, { role });
  const actor: Actor = { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" };
  return { user, actor, caller: createCaller({ db, actor }) };
}

async function merchantRow(ownerId: string) {
  return db.merchant.findUniqueOrThrow({ where: { ownerId } });
}

describe("Shopify store connection", () => {
  it("stores the token encrypted: the row holds no plaintext, and no answer carries the token", async () => {
    const { user, caller } = await as(Role.CURATOR);
    const answer = await caller.shopify.connect({ shopDomain: "  https://Neon-Nights.myshopify.com/admin ", adminToken: TOKEN });
    expect(answer).toEqual({ connected: true, shopDomain: "neon-nights.myshopify.com", connectedAt: expect.any(Date), receivesOrders: false });
    expect(JSON.stringify(answer)).not.toContain(TOKEN);

    const row = await merchantRow(user.id);
    expect(row.shopifyShopDomain).toBe("neon-nights.myshopify.com");
    expect(row.shopifyTokenCiphertext).toMatch(/^v1:/);
    expect(row.shopifyTokenCiphertext).not.toContain(TOKEN);
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(decryptToken(row.shopifyTokenCiphertext!, row.id)).toBe(TOKEN);

    // Nowhere in the database, in any column of any table's text form.
    const [{ hits }] = await db.$queryRaw<[{ hits: bigint }]>`
      SELECT count(*) AS hits FROM "Merchant" m WHERE m::text LIKE ${"%" + TOKEN + "%"}`;
    expect(hits).toBe(0n);

    const view = await caller.shopify.connection();
    expect(view).toEqual(answer);
    expect(Object.keys(view).sort()).toEqual(["connected", "connectedAt", "receivesOrders", "shopDomain"]);
  });

  it("stores the webhook secret encrypted (not decryptable as a token), keeps it on a new token for the same store, drops it for another store", async () => {
    const { user, caller } = await as(Role.CURATOR);
    const secret = `shpss_${"s".repeat(32)}`;
    expect(await caller.shopify.connect({ shopDomain: "neon-nights.myshopify.com", adminToken: TOKEN, webhookSecret: secret })).toMatchObject({
      receivesOrders: true,
    });
    const row = await merchantRow(user.id);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(decryptToken(row.shopifyWebhookSecretCiphertext!, webhookSecretContext(row.id))).toBe(secret);
    // Bound to its purpose: the same ciphertext does not decrypt as the merchant's token.
    expect(() => decryptToken(row.shopifyWebhookSecretCiphertext!, row.id)).toThrow(TokenDecryptionError);

    expect(await caller.shopify.connect({ shopDomain: "neon-nights.myshopify.com", adminToken: `${TOKEN}2` })).toMatchObject({
      receivesOrders: true,
    });
    expect(await caller.shopify.connect({ shopDomain: "other-store.myshopify.com", adminToken: TOKEN })).toMatchObject({ receivesOrders: false });
    expect((await merchantRow(user.id)).shopifyWebhookSecretCiphertext).toBeNull();
  });

  it("refuses a domain that is not a myshopify.com store and an empty token, naming the field", async () => {
    const { caller } = await as(Role.CURATOR);
    for (const shopDomain of ["neon-nights.com", "evil.myshopify.com.attacker.io", "", "neon nights.myshopify.com"]) {
      const error = await trpcError(caller.shopify.connect({ shopDomain, adminToken: TOKEN }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(/shopDomain|myshopify/);
    }
    const error = await trpcError(caller.shopify.connect({ shopDomain: "neon.myshopify.com", adminToken: "   " }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/adminToken/);
  });

  it("the service validates on its own too (for callers other than tRPC)", async () => {
    const { actor } = await as(Role.CURATOR);
    await expect(connectShopifyStore(db, actor, { shopDomain: "shop.example.com", adminToken: TOKEN })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { errors: [{ path: "shopDomain", message: expect.stringMatching(/myshopify\.com/) }] },
    });
  });

  it("is for curators only", async () => {
    for (const role of [Role.PROMOTER, Role.STAFF]) {
      const { caller, actor } = await as(role);
      expect((await trpcError(caller.shopify.connect({ shopDomain: "a.myshopify.com", adminToken: TOKEN }))).code).toBe("FORBIDDEN");
      expect((await trpcError(caller.shopify.connection())).code).toBe("FORBIDDEN");
      await expect(getShopifyConnection(db, actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const anonymous = createCaller({ db, actor: null });
    expect((await trpcError(anonymous.shopify.connection())).code).toBe("UNAUTHORIZED");
  });

  it("disconnects: the token is deleted; reconnecting the same store keeps the products' Shopify ids", async () => {
    const { user, caller } = await as(Role.CURATOR);
    const { product } = await createEvent(db, { curatorId: user.id });
    await caller.shopify.connect({ shopDomain: "neon.myshopify.com", adminToken: TOKEN });
    await db.product.update({ where: { id: product.id }, data: { shopifyProductId: "gid://shopify/Product/7" } });
    await db.productVariant.updateMany({ where: { productId: product.id }, data: { shopifyVariantId: "gid://shopify/ProductVariant/8" } });

    expect(await caller.shopify.disconnect()).toEqual({ connected: false, shopDomain: null, connectedAt: null, receivesOrders: false });
    expect((await merchantRow(user.id)).shopifyTokenCiphertext).toBeNull();
    expect(await caller.shopify.connection()).toEqual({ connected: false, shopDomain: null, connectedAt: null, receivesOrders: false });

    await caller.shopify.connect({ shopDomain: "neon.myshopify.com", adminToken: "shpat_new" });
    const kept = await db.product.findUniqueOrThrow({ where: { id: product.id }, include: { variants: true } });
    expect(kept.shopifyProductId).toBe("gid://shopify/Product/7");
    expect(kept.variants.every((v) => v.shopifyVariantId === "gid://shopify/ProductVariant/8")).toBe(true);
  });

  it("connecting another store forgets the old store's product and variant ids", async () => {
    const { user, caller } = await as(Role.CURATOR);
    const { product } = await createEvent(db, { curatorId: user.id });
    const first = await caller.shopify.connect({ shopDomain: "first.myshopify.com", adminToken: TOKEN });
    await db.product.update({ where: { id: product.id }, data: { shopifyProductId: "gid://shopify/Product/7" } });
    await db.productVariant.updateMany({ where: { productId: product.id }, data: { shopifyVariantId: "gid://shopify/ProductVariant/8" } });

    // A new token for the same store keeps the ids and the date it was first connected.
    const again = await caller.shopify.connect({ shopDomain: "first.myshopify.com", adminToken: "shpat_rotated" });
    expect(again.connectedAt).toEqual(first.connectedAt);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).shopifyProductId).toBe("gid://shopify/Product/7");

    const second = await caller.shopify.connect({ shopDomain: "second.myshopify.com", adminToken: TOKEN });
    expect(second.shopDomain).toBe("second.myshopify.com");
    const forgotten = await db.product.findUniqueOrThrow({ where: { id: product.id }, include: { variants: true } });
    expect(forgotten.shopifyProductId).toBeNull();
    expect(forgotten.variants.map((v) => v.shopifyVariantId)).toEqual(forgotten.variants.map(() => null));
  });
});
