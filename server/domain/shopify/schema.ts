// What a curator sends to connect their merchant's Shopify store, and what they get back.
// The Admin API token goes in once and never comes out: no view carries it.
import { z } from "zod";

/**
 * `my-shop.myshopify.com`. A pasted admin URL is forgiven (`https://`, a trailing slash or
 * path, capitals), but only the store's permanent myshopify.com domain is accepted: custom
 * domains do not serve the Admin API.
 */
export const ZShopDomain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^https?:\/\//, "").replace(/\/.*$/, ""))
  .pipe(
    z
      .string()
      .max(255)
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, {
        error: "must be the store's myshopify.com domain, such as my-shop.myshopify.com",
      }),
  );

export const ZConnectShopifyInput = z.strictObject({
  shopDomain: ZShopDomain,
  /** The custom app's Admin API access token (`shpat_...`). */
  adminToken: z.string().trim().min(1, { error: "is required" }).max(512).regex(/^\S+$/, { error: "must not contain spaces" }),
  /**
   * The custom app's API secret key (its client secret): Shopify signs the app's webhooks with
   * it, so without it no `orders/paid` webhook is accepted. Left out on a reconnect of the same
   * store, the stored one is kept.
   */
  webhookSecret: z.string().trim().max(512).regex(/^\S*$/, { error: "must not contain spaces" }).optional(),
});
export type TConnectShopifyInput = z.infer<typeof ZConnectShopifyInput>;

/** The merchant's store connection as pages and callers see it: never the token. */
export const ZShopifyConnection = z.object({
  connected: z.boolean(),
  shopDomain: z.string().nullable(),
  connectedAt: z.date().nullable(),
  /** Whether Shopify's orders/paid webhooks can be verified (a webhook secret is stored). */
  receivesOrders: z.boolean(),
});
export type ShopifyConnection = z.infer<typeof ZShopifyConnection>;

/** What one push of an event's product to Shopify came to (also the job's result). */
export const ZShopifyPushResult = z.object({
  status: z.enum(["SYNCED", "SKIPPED", "FAILED"]),
  detail: z.string().optional(),
  shopifyProductId: z.string().optional(),
});
export type ShopifyPushResult = z.infer<typeof ZShopifyPushResult>;
