// Pushes an event's ticket product, with its ticket types as variants, to the Shopify store
// its merchant connected, so the store sells what the event offers. A background job calls it after
// event.created, event.updated, event.status.changed and tickets.availability.changed; delivery is at least once, so it is
// idempotent: it always sends the whole current state, keyed so that Shopify updates what it
// has instead of creating it again.
//
// One Admin GraphQL mutation, `productSet` (a synchronous upsert of the product with all its
// variants: variants left out are deleted in Shopify, as deleted ticket types should be):
//
// - identifier: `{ id }` once the product's Shopify id is stored; before that (first push)
//   `{ handle: "marquee-<product uuid>" }`, and the same handle is set in the input. An upsert
//   by handle means a push whose answer was lost (timeout, crash before our write) finds the
//   product it created on the retry instead of creating a second one.
// - input: title; status ACTIVE or ARCHIVED (the product follows its event's status); vendor
//   (the merchant's name); productType "Event ticket"; productOptions: one option "Ticket"
//   whose values are the ticket type names; variants: one per ticket type, in order, with
//   its stored Shopify id once known, optionValues [{ optionName: "Ticket", name }], price as
//   a decimal string in the ticket's currency ("25.00" for 2500 EUR), sku = our variant id,
//   position, inventoryItem.requiresShipping false (a ticket is not shipped).
//   inventoryItem.tracked true and inventoryQuantities: "available" at the store's primary
//   location (asked for first with `location { id }`) = what is left (quantity - sold - held),
//   so the store stops selling when we would. Shopify's count only mirrors ours: its orders
//   still take our capacity through the orders/paid webhook (orders-paid.ts), which refuses
//   what is not left, so a stale count can never oversell.
// - Not sent: images and description. Shopify prices a product in the store's
//   currency, so the ticket currency is assumed to be the store's (tickets of one event in
//   two currencies are refused with a FAILED status rather than mispriced).
//
// What is left changes with every sale: sales queue a push (inventory.ts) only while none is
// pending; a push takes the pending mark before it reads the counts, and queues another if
// they moved while it was talking to Shopify, so the store ends with the last count.
//
// Outcomes, recorded on the Product row (shopifyStatus, shopifyError, shopifySyncedAt):
// - no store connected: SKIPPED, nothing sent;
// - success: SYNCED, the product's and variants' Shopify ids stored, shopifyError cleared;
// - throttled (HTTP 200, errors[0].extensions.code THROTTLED): wait as long as the cost
//   bucket needs to refill for this request, then retry, a bounded number of times;
// - userErrors, other GraphQL errors, a refused token (401/403/404...), a token that no
//   longer decrypts: FAILED with the reason; returned, not thrown (a retry cannot help);
// - network failure, HTTP 5xx or 429, still throttled after the retries: shopifyError is
//   recorded (the status is left as it was: "last attempt failed, a retry is coming") and
//   ShopifyTransientError is thrown, so the job runner retries with backoff. When the runner
//   gives up it calls recordShopifyPushAbandoned(), which sets FAILED.
//
// Pushes of one product are serialized with a PostgreSQL advisory lock, so two deliveries at
// once can neither create the product twice nor let an older state overwrite a newer one.
import { createAdminApiClient } from "@shopify/admin-api-client";
import type { Db } from "../../db/client";
import { lockProductPush, setLockTimeout, takeQueuedInventoryPush } from "../../db/sql/shopify";
import { execute, query } from "../../db/sql/statement";
import { ListingType, ShopifyStatus } from "../../generated/prisma/enums";
import { availableOf } from "../orders/availability";
import { queueShopifyInventoryPush } from "./inventory";
import { minorUnitsToDecimal } from "./money";
import type { ShopifyPushResult } from "./schema";
import { decryptToken, TokenDecryptionError } from "./token-crypto";

/** The Admin API version the mutation below is written against (stable as of Oct 2026). */
export const SHOPIFY_API_VERSION = "2026-10";

export const TICKET_OPTION_NAME = "Ticket";

/** Throttled answers are retried this many times within one push (then the job retries). */
export const MAX_THROTTLE_RETRIES = 3;
/** Longest wait for the cost bucket within a push; a longer one is left to the job's backoff. */
export const MAX_THROTTLE_WAIT_MS = 20_000;
/** Wait when a throttled answer carries no usable throttleStatus. */
const DEFAULT_THROTTLE_WAIT_MS = 1_000;
/** One HTTP request to Shopify may take this long before it counts as a network failure. */
const REQUEST_TIMEOUT_MS = 30_000;
/** How long a push waits for another push of the same product to finish. */
const LOCK_WAIT = "30s";
/** Upper bound on one push holding its product's lock (requests, throttle waits, writes). */
const LOCK_HOLD_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 1_000;

export const PRODUCT_SET_MUTATION = `#graphql
mutation MarqueeProductSet($identifier: ProductSetIdentifiers!, $input: ProductSetInput!) {
  productSet(identifier: $identifier, input: $input, synchronous: true) {
    product {
      id
      variants(first: 250) {
        nodes {
          id
          sku
          selectedOptions {
            name
            value
          }
        }
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
`;

/** The store's primary location, where ticket inventory is kept (needs read_inventory or read_locations). */
export const PRIMARY_LOCATION_QUERY = `#graphql
query MarqueePrimaryLocation {
  location {
    id
  }
}
`;

export type ShopifyFetchApi = NonNullable<Parameters<typeof createAdminApiClient>[0]["customFetchApi"]>;

export interface PushOptions {
  /**
   * The fetch the Admin API client sends its requests with (its `customFetchApi` option).
   * Tests pass one that sends the request to a local stand-in instead of the store: the
   * client always builds `https://<store>/admin/api/<version>/graphql.json`, even from a
   * storeDomain written with http://, so this is its one official hook for another host.
   */
  fetchApi?: ShopifyFetchApi;
  /** How to wait before retrying a throttled request (tests record the delay instead). */
  sleep?: (ms: number) => Promise<void>;
}

/** A failure a later attempt may not meet: the job runner should retry the push. */
export class ShopifyTransientError extends Error {
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = "ShopifyTransientError";
  }
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The handle the first push gives the product, and finds it by should that push be lost. */
export function shopifyHandleFor(productId: string): string {
  return `marquee-${productId}`;
}

// ---- Loading and recording

async function findTicketProductId(db: Db, eventId: string): Promise<string | null> {
  const product = await db.product.findFirst({
    where: { eventId, deletedAt: null, listingType: ListingType.TICKET },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return product?.id ?? null;
}

async function loadProduct(db: Db, productId: string) {
  return db.product.findUniqueOrThrow({
    where: { id: productId },
    select: {
      id: true,
      title: true,
      status: true,
      shopifyProductId: true,
      merchant: {
        select: { id: true, name: true, shopifyShopDomain: true, shopifyTokenCiphertext: true },
      },
      variants: {
        where: { deletedAt: null },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          name: true,
          price: true,
          currency: true,
          position: true,
          shopifyVariantId: true,
          quantity: true,
          sold: true,
          held: true,
        },
      },
    },
  });
}
type LoadedProduct = Awaited<ReturnType<typeof loadProduct>>;

function truncate(message: string): string {
  return message.length <= MAX_ERROR_LENGTH ? message : `${message.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}

async function recordFailed(db: Db, productId: string, detail: string): Promise<ShopifyPushResult> {
  await db.product.update({
    where: { id: productId },
    data: { shopifyStatus: ShopifyStatus.FAILED, shopifyError: truncate(detail) },
  });
  return { status: "FAILED", detail };
}

/** Records the error of an attempt that will be retried, then throws for the job runner. */
async function recordTransient(db: Db, productId: string, detail: string): Promise<never> {
  await db.product.update({
    where: { id: productId },
    data: { shopifyError: truncate(`${detail} (will be retried)`) },
  });
  throw new ShopifyTransientError(detail);
}

/**
 * For the job runner, once it stops retrying a push that kept failing transiently: the product
 * is marked FAILED with the last error, so the curator sees it needs attention.
 */
export async function recordShopifyPushAbandoned(db: Db, payload: { eventId: string }, lastError: string): Promise<void> {
  const productId = await findTicketProductId(db, payload.eventId);
  if (!productId) return;
  await db.product.update({
    where: { id: productId },
    data: { shopifyStatus: ShopifyStatus.FAILED, shopifyError: truncate(`Gave up retrying: ${lastError}`) },
  });
}

// ---- The request

interface ProductSetVariables {
  identifier: { id: string } | { handle: string };
  input: Record<string, unknown>;
}

/**
 * The ticket types' names as option values. Shopify needs the values of an option to be
 * distinct; ticket names need not be, so a repeated name gets " (2)", " (3)"... in Shopify.
 */
function optionValueNames(variants: LoadedProduct["variants"]): string[] {
  const taken = new Set<string>();
  return variants.map((v) => {
    let name = v.name;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${v.name} (${n})`;
    taken.add(name.toLowerCase());
    return name;
  });
}

function productSetVariables(product: LoadedProduct, valueNames: string[], locationId: string): ProductSetVariables {
  const handle = shopifyHandleFor(product.id);
  return {
    identifier: product.shopifyProductId ? { id: product.shopifyProductId } : { handle },
    input: {
      ...(product.shopifyProductId ? {} : { handle }),
      title: product.title,
      status: product.status, // ACTIVE | ARCHIVED: the same names as Shopify's ProductStatus
      vendor: product.merchant.name,
      productType: "Event ticket",
      productOptions: [{ name: TICKET_OPTION_NAME, position: 1, values: valueNames.map((name) => ({ name })) }],
      variants: product.variants.map((v, index) => ({
        ...(v.shopifyVariantId ? { id: v.shopifyVariantId } : {}),
        optionValues: [{ optionName: TICKET_OPTION_NAME, name: valueNames[index]! }],
        price: minorUnitsToDecimal(v.price, v.currency),
        sku: v.id,
        position: index + 1,
        inventoryItem: { requiresShipping: false, tracked: true },
        inventoryQuantities: [{ locationId, name: "available", quantity: availableOf(v) }],
      })),
    },
  };
}

interface ProductSetData {
  productSet?: {
    product: {
      id: string;
      variants: { nodes: { id: string; sku?: string | null; selectedOptions: { name: string; value: string }[] }[] };
    } | null;
    userErrors: { field?: string[] | null; message: string; code?: string | null }[];
  } | null;
}

type Attempt =
  | { kind: "ok"; product: NonNullable<NonNullable<ProductSetData["productSet"]>["product"]> }
  | { kind: "throttled"; waitMs: number }
  | { kind: "failed"; detail: string }
  | { kind: "transient"; detail: string };
type Failure = Exclude<Attempt, { kind: "ok" }>;

/** How long until the bucket holds this request's cost again: (cost - available) / rate. */
export function throttleWaitMs(extensions: unknown): number {
  const cost = (extensions as { cost?: Record<string, unknown> } | undefined)?.cost;
  const status = cost?.throttleStatus as Record<string, unknown> | undefined;
  const requested = Number(cost?.requestedQueryCost);
  const available = Number(status?.currentlyAvailable);
  const rate = Number(status?.restoreRate);
  let ms = DEFAULT_THROTTLE_WAIT_MS;
  if (Number.isFinite(requested) && Number.isFinite(available) && Number.isFinite(rate) && rate > 0) {
    const deficit = requested - available;
    if (deficit > 0) ms = Math.ceil((deficit / rate) * 1000);
  }
  return Math.min(Math.max(ms, 1), MAX_THROTTLE_WAIT_MS);
}

function httpFailure(status: number, shopDomain: string): Failure {
  if (status === 429 || status >= 500) return { kind: "transient", detail: `Shopify answered HTTP ${status}` };
  const reasons: Record<number, string> = {
    401: "Shopify refused the Admin API token (HTTP 401): reconnect the store with a valid token",
    402: "The Shopify store is frozen for an unpaid bill (HTTP 402)",
    403: "The Admin API token may not write products (HTTP 403): give the app the write_products scope",
    404: `No Shopify store answers at ${shopDomain} (HTTP 404)`,
    423: "The Shopify store is locked (HTTP 423)",
  };
  return { kind: "failed", detail: reasons[status] ?? `Shopify answered HTTP ${status}` };
}

type AdminClient = ReturnType<typeof createAdminApiClient>;
type RequestErrors = NonNullable<Awaited<ReturnType<AdminClient["request"]>>["errors"]>;

/** What an answer with errors comes to, for any request of a push. */
function requestFailure(errors: RequestErrors, extensions: unknown, shopDomain: string): Failure {
  const graphQLErrors = errors.graphQLErrors ?? [];
  if (graphQLErrors.some((e) => e.extensions?.code === "THROTTLED")) {
    return { kind: "throttled", waitMs: throttleWaitMs(extensions) };
  }
  if (graphQLErrors.length > 0) {
    const messages = graphQLErrors.map((e) => (e.extensions?.code ? `${e.message} (${e.extensions.code})` : e.message));
    // Shopify asks callers to retry its own INTERNAL_SERVER_ERROR; anything else is ours to fix.
    const transient = graphQLErrors.every((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR");
    return { kind: transient ? "transient" : "failed", detail: `Shopify refused the request: ${messages.join("; ")}` };
  }
  const status = errors.networkStatusCode;
  if (status !== undefined && status !== 200) return httpFailure(status, shopDomain);
  // No status: the request never got an answer (refused, reset, timed out); or a 200 that
  // was not GraphQL JSON (a proxy's page): both are worth another try.
  return { kind: "transient", detail: `Could not reach Shopify at ${shopDomain}: ${errors.message ?? "no answer"}` };
}

/** The id of the store's primary location, or why it could not be had. */
async function primaryLocation(client: AdminClient, shopDomain: string): Promise<{ kind: "ok"; locationId: string } | Failure> {
  const { data, errors, extensions } = await client.request<{ location: { id: string } | null }>(PRIMARY_LOCATION_QUERY, {
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (errors) return requestFailure(errors, extensions, shopDomain);
  if (!data?.location?.id) return { kind: "failed", detail: "The Shopify store has no location to keep ticket inventory at" };
  return { kind: "ok", locationId: data.location.id };
}

async function sendProductSet(client: AdminClient, variables: ProductSetVariables, shopDomain: string): Promise<Attempt> {
  const { data, errors, extensions } = await client.request<ProductSetData>(PRODUCT_SET_MUTATION, {
    variables: variables as unknown as Record<string, unknown>,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (errors) return requestFailure(errors, extensions, shopDomain);
  const result = data?.productSet;
  if (!result) return { kind: "failed", detail: "Shopify answered without a productSet result" };
  if (result.userErrors.length > 0) {
    const messages = result.userErrors.map((e) => {
      const where = e.field?.length ? `${e.field.join(".")}: ` : "";
      return `${where}${e.message}${e.code ? ` (${e.code})` : ""}`;
    });
    return { kind: "failed", detail: `Shopify refused the product: ${messages.join("; ")}` };
  }
  if (!result.product) return { kind: "failed", detail: "Shopify answered without the product" };
  return { kind: "ok", product: result.product };
}

// ---- The push

/**
 * Runs `work` while holding the product's advisory lock. The lock lives in a transaction of
 * its own (released when it ends, or when the connection dies); `work` writes through `db`,
 * so what it records is committed whatever becomes of the lock's transaction.
 */
async function withProductLock<T>(db: Db, productId: string, work: () => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      try {
        await query(tx, setLockTimeout({ wait: LOCK_WAIT }));
        await query(tx, lockProductPush({ productId }));
      } catch (error) {
        throw new ShopifyTransientError(
          `Another push of product ${productId} is still running (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      return work();
    },
    { timeout: LOCK_HOLD_MS, maxWait: 10_000 },
  );
}

export async function pushEventProduct(db: Db, payload: { eventId: string }, options: PushOptions = {}): Promise<ShopifyPushResult> {
  const productId = await findTicketProductId(db, payload.eventId);
  if (!productId) return { status: "SKIPPED", detail: `Event ${payload.eventId} has no ticket product` };
  return withProductLock(db, productId, () => pushProduct(db, productId, options));
}

async function pushProduct(db: Db, productId: string, options: PushOptions): Promise<ShopifyPushResult> {
  const sleep = options.sleep ?? sleepFor;
  // Sales from here on are not in what this push reads: they queue the next one.
  await execute(db, takeQueuedInventoryPush({ productId }));
  // Read under the lock: the state pushed is the newest, ids stored by an earlier push included.
  const product = await loadProduct(db, productId);
  const { merchant } = product;

  if (!merchant.shopifyShopDomain || !merchant.shopifyTokenCiphertext) {
    await db.product.update({
      where: { id: product.id },
      data: { shopifyStatus: ShopifyStatus.SKIPPED, shopifyError: null },
    });
    return { status: "SKIPPED", detail: "The merchant has no Shopify store connected" };
  }

  let accessToken: string;
  try {
    accessToken = decryptToken(merchant.shopifyTokenCiphertext, merchant.id);
  } catch (error) {
    if (error instanceof TokenDecryptionError) {
      return recordFailed(db, product.id, `${error.message}; reconnect the store`);
    }
    // tokenKey() refusing (production without SHOPIFY_TOKEN_KEY): a setting to fix, not retry.
    return recordFailed(db, product.id, error instanceof Error ? error.message : String(error));
  }

  if (product.variants.length === 0) {
    return recordFailed(db, product.id, "The product has no ticket types to push");
  }
  const currencies = [...new Set(product.variants.map((v) => v.currency))];
  if (currencies.length > 1) {
    return recordFailed(db, product.id, `Shopify prices a product in the store's one currency; these ticket types use ${currencies.join(" and ")}`);
  }

  const valueNames = optionValueNames(product.variants);
  const client = createAdminApiClient({
    storeDomain: merchant.shopifyShopDomain,
    apiVersion: SHOPIFY_API_VERSION,
    accessToken,
    // Retries are ours: throttling here, everything else through the job runner's backoff.
    retries: 0,
    userAgentPrefix: "Marquee",
    ...(options.fetchApi ? { customFetchApi: options.fetchApi } : {}),
  });

  const location = await primaryLocation(client, merchant.shopifyShopDomain);
  if (location.kind === "failed") return recordFailed(db, product.id, location.detail);
  if (location.kind !== "ok")
    return recordTransient(db, product.id, location.kind === "transient" ? location.detail : "Shopify throttled the location lookup");
  const variables = productSetVariables(product, valueNames, location.locationId);

  let attempt: Attempt;
  for (let throttled = 0; ; throttled++) {
    attempt = await sendProductSet(client, variables, merchant.shopifyShopDomain);
    if (attempt.kind !== "throttled") break;
    if (throttled >= MAX_THROTTLE_RETRIES) {
      attempt = { kind: "transient", detail: `Shopify kept throttling after ${MAX_THROTTLE_RETRIES} retries` };
      break;
    }
    await sleep(attempt.waitMs);
  }

  if (attempt.kind === "failed") return recordFailed(db, product.id, attempt.detail);
  if (attempt.kind === "transient") return recordTransient(db, product.id, attempt.detail);
  if (attempt.kind !== "ok") throw new Error("unreachable");

  const shopifyProduct = attempt.product;
  const variantIds = matchVariantIds(product.variants, valueNames, shopifyProduct.variants.nodes);
  const syncedAt = new Date();
  await db.$transaction(async (tx) => {
    await tx.product.update({
      where: { id: product.id },
      data: {
        shopifyProductId: shopifyProduct.id,
        shopifyStatus: ShopifyStatus.SYNCED,
        shopifyError: null,
        shopifySyncedAt: syncedAt,
      },
    });
    // Only ids that are new or changed: after the first push this writes nothing.
    for (const [index, variant] of product.variants.entries()) {
      const shopifyVariantId = variantIds[index];
      if (shopifyVariantId && shopifyVariantId !== variant.shopifyVariantId) {
        await tx.productVariant.update({ where: { id: variant.id }, data: { shopifyVariantId } });
      }
    }
  });
  await queueIfSoldMeanwhile(db, product.variants);
  return { status: "SYNCED", shopifyProductId: shopifyProduct.id };
}

/**
 * A sale that checked for a pending push just before this one took it, and committed after this
 * one read the counts, queued nothing; so, once pushed, the counts are read again and another
 * push is queued if they moved.
 */
async function queueIfSoldMeanwhile(db: Db, pushed: LoadedProduct["variants"]): Promise<void> {
  const now = await db.productVariant.findMany({
    where: { id: { in: pushed.map((v) => v.id) } },
    select: { id: true, quantity: true, sold: true, held: true },
  });
  const moved = now.filter((v) => availableOf(v) !== availableOf(pushed.find((p) => p.id === v.id)!));
  if (moved.length > 0)
    await db.$transaction((tx) =>
      queueShopifyInventoryPush(
        tx,
        moved.map((v) => ({ variantId: v.id })),
      ),
    );
}

/**
 * The Shopify id of each of our variants: by its "Ticket" option value, else by its sku (our
 * variant id), else by position.
 */
function matchVariantIds(
  variants: LoadedProduct["variants"],
  valueNames: string[],
  nodes: { id: string; sku?: string | null; selectedOptions: { name: string; value: string }[] }[],
): (string | undefined)[] {
  const byValue = new Map<string, string>();
  const bySku = new Map<string, string>();
  for (const node of nodes) {
    const value = node.selectedOptions.find((o) => o.name === TICKET_OPTION_NAME)?.value;
    if (value !== undefined) byValue.set(value, node.id);
    if (node.sku) bySku.set(node.sku, node.id);
  }
  return variants.map((variant, index) => byValue.get(valueNames[index]!) ?? bySku.get(variant.id) ?? nodes[index]?.id);
}
