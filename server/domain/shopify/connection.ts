// A curator connects their merchant to a Shopify store with a custom app's Admin API token;
// from then on the event's ticket product is pushed there (push.ts). The token is stored
// encrypted (token-crypto.ts) and no answer ever carries it; so is the app's webhook secret,
// which verifies the store's orders/paid webhooks (orders-paid.ts).
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError, fieldErrors } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { Role } from "../../generated/prisma/enums";
import { ZConnectShopifyInput, type ShopifyConnection, type TConnectShopifyInput } from "./schema";
import { encryptToken, tokenKey, webhookSecretContext } from "./token-crypto";

type Tx = Prisma.TransactionClient;

const connectionSelect = {
  id: true,
  shopifyShopDomain: true,
  shopifyTokenCiphertext: true,
  shopifyConnectedAt: true,
  shopifyWebhookSecretCiphertext: true,
} as const satisfies Prisma.MerchantSelect;

function toConnection(merchant: {
  shopifyShopDomain: string | null;
  shopifyTokenCiphertext: string | null;
  shopifyConnectedAt: Date | null;
  shopifyWebhookSecretCiphertext: string | null;
}): ShopifyConnection {
  const connected = merchant.shopifyShopDomain !== null && merchant.shopifyTokenCiphertext !== null;
  return {
    connected,
    shopDomain: connected ? merchant.shopifyShopDomain : null,
    connectedAt: connected ? merchant.shopifyConnectedAt : null,
    receivesOrders: connected && merchant.shopifyWebhookSecretCiphertext !== null,
  };
}

/** The actor's merchant. Only curators sell tickets, so only they have a store to connect. */
async function ownMerchant(db: Db | Tx, actor: Actor) {
  if (actor.role !== Role.CURATOR) {
    throw new AppError("FORBIDDEN", "Only curators connect a Shopify store");
  }
  const merchant = await db.merchant.findUnique({ where: { ownerId: actor.userId }, select: connectionSelect });
  if (!merchant) throw new AppError("NOT_FOUND", "You have no merchant account to connect a store to");
  return merchant;
}

/**
 * Forgets the Shopify ids of the merchant's products and variants: they name records of one
 * store and mean nothing in another. (Should the merchant come back to the first store, the
 * next push finds each product it made there by its handle: see push.ts. No copy is made.)
 */
async function forgetShopifyIds(tx: Tx, merchantId: string): Promise<void> {
  await tx.productVariant.updateMany({
    where: { product: { merchantId }, shopifyVariantId: { not: null } },
    data: { shopifyVariantId: null },
  });
  await tx.product.updateMany({
    where: { merchantId, shopifyProductId: { not: null } },
    data: { shopifyProductId: null },
  });
}

export async function getShopifyConnection(db: Db, actor: Actor): Promise<ShopifyConnection> {
  return toConnection(await ownMerchant(db, actor));
}

/**
 * Connects (or reconnects, e.g. with a new token) the actor's merchant to `shopDomain`.
 * Connecting another store than the current one forgets the old store's product ids.
 * The token is not checked against Shopify here: the first push reports a bad one.
 */
export async function connectShopifyStore(db: Db, actor: Actor, input: TConnectShopifyInput): Promise<ShopifyConnection> {
  const parsed = ZConnectShopifyInput.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", `Invalid input: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, {
      errors,
    });
  }
  const { shopDomain, adminToken, webhookSecret } = parsed.data;
  // Before any write: in production without SHOPIFY_TOKEN_KEY this refuses with a clear 503.
  const key = tokenKey();
  return db.$transaction(async (tx) => {
    const merchant = await ownMerchant(tx, actor);
    if (merchant.shopifyShopDomain !== shopDomain) await forgetShopifyIds(tx, merchant.id);
    const sameStoreStillConnected = merchant.shopifyShopDomain === shopDomain && merchant.shopifyTokenCiphertext !== null;
    const updated = await tx.merchant.update({
      where: { id: merchant.id },
      data: {
        shopifyShopDomain: shopDomain,
        shopifyTokenCiphertext: encryptToken(adminToken, merchant.id, key),
        // A new token for the same store keeps the date the store was first connected.
        shopifyConnectedAt: sameStoreStillConnected ? (merchant.shopifyConnectedAt ?? new Date()) : new Date(),
        // Another store's secret cannot verify this store's webhooks: a new store starts without one.
        ...(webhookSecret
          ? { shopifyWebhookSecretCiphertext: encryptToken(webhookSecret, webhookSecretContext(merchant.id), key) }
          : merchant.shopifyShopDomain !== shopDomain
            ? { shopifyWebhookSecretCiphertext: null }
            : {}),
      },
      select: connectionSelect,
    });
    return toConnection(updated);
  });
}

/**
 * Disconnects the store: the token is deleted. The domain stays behind (no view shows it) to
 * say which store the products' Shopify ids belong to: reconnecting that store keeps them,
 * connecting another one forgets them.
 */
export async function disconnectShopifyStore(db: Db, actor: Actor): Promise<ShopifyConnection> {
  const merchant = await ownMerchant(db, actor);
  const updated = await db.merchant.update({
    where: { id: merchant.id },
    data: { shopifyTokenCiphertext: null, shopifyConnectedAt: null, shopifyWebhookSecretCiphertext: null },
    select: connectionSelect,
  });
  return toConnection(updated);
}
