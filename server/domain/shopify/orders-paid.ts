// A connected store's `orders/paid` webhook (POST /webhooks/shopify/orders-paid): a Shopify order
// that includes our ticket types issues their tickets from the SAME capacity as our checkout.
//
// - Verified first: HMAC-SHA256 of the raw body with the store app's secret (the merchant's
//   stored webhook secret, found by X-Shopify-Shop-Domain), compared in constant time. An
//   unknown shop, a merchant without a secret and a wrong signature all answer 401 alike, and
//   nothing is read from the body or written before it passes.
// - Idempotent by the Shopify order id (Order.shopifyOrderId is unique): a redelivery, or two
//   deliveries at once, record the order once and issue its tickets once. (Shopify's
//   X-Shopify-Webhook-Id names one delivery and its retries; the order id also covers the same
//   order arriving through two subscriptions, so it is the key.)
// - Line items map by variant_id to ProductVariant.shopifyVariantId (as the push stored it);
//   other line items are not our tickets and are ignored. An order naming ticket types of
//   several events becomes one Order per event (keyed `<shopify id>:<event id>`).
// - Capacity: one conditional `sold = sold + q WHERE sold + held + q <= quantity` per ticket
//   type (orders/capacity.ts), as for any sale. Shopify has already taken the money, but no
//   channel may exceed capacity: when too few are left (or the event no longer sells) the
//   order is recorded CANCELED with its reason and no tickets, for the curator to refund in
//   Shopify, and the webhook still answers 200, since Shopify would otherwise retry a
//   delivery that can never succeed.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { busyAsUnavailable } from "../../db/errors";
import { AppError, fieldErrors } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { EventStatus, OrderChannel, OrderStatus, TicketSource } from "../../generated/prisma/enums";
import { takeOrderTickets } from "../orders/capacity";
import { issueStoredOrderTickets } from "../orders/issue";
import { decimalToMinorUnits } from "./money";
import { decryptToken, webhookSecretContext } from "./token-crypto";

export interface OrdersPaidDelivery {
  /** X-Shopify-Shop-Domain */
  shopDomain: string | null;
  /** X-Shopify-Hmac-Sha256: base64 of the body's HMAC-SHA256 with the app's secret. */
  hmac: string | null;
  /** The body exactly as received: the signature covers these bytes, not a re-serialization. */
  rawBody: Buffer;
}

/** What became of one event's part of the Shopify order. */
export interface ShopifyOrderOutcome {
  eventId: string;
  orderId: string | null;
  outcome: "ISSUED" | "ALREADY_RECORDED" | "NOT_FULFILLED";
  reason?: string;
}

export interface OrdersPaidResult {
  shopifyOrderId: string;
  orders: ShopifyOrderOutcome[];
  /** Line items that are not ticket types of this merchant. */
  ignoredLineItems: number;
}

/** More tickets than any event holds: such a line is not a ticket order. */
const MAX_LINE_QUANTITY = 100_000;
/** Money columns are 32-bit integers; an order's amounts must stay well inside them. */
const MAX_ORDER_AMOUNT = 1_000_000_000;

const ZMoney = z.union([z.string(), z.number()]).transform(String);
const ZId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);

/** The part of Shopify's Order webhook payload this needs (it sends much more). */
export const ZShopifyPaidOrder = z.looseObject({
  id: ZId,
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  taxes_included: z.boolean().nullish(),
  customer: z
    .looseObject({ first_name: z.string().nullish(), last_name: z.string().nullish(), email: z.string().nullish(), phone: z.string().nullish() })
    .nullish(),
  billing_address: z.looseObject({ first_name: z.string().nullish(), last_name: z.string().nullish(), phone: z.string().nullish() }).nullish(),
  line_items: z.array(
    z.looseObject({
      variant_id: ZId.nullish(),
      quantity: z.number().int().positive().max(MAX_LINE_QUANTITY),
      price: ZMoney,
      tax_lines: z.array(z.looseObject({ price: ZMoney })).nullish(),
    }),
  ),
});
type ShopifyPaidOrder = z.infer<typeof ZShopifyPaidOrder>;

const unverified = () => new AppError("UNAUTHENTICATED", "The webhook's HMAC does not verify with a connected store's secret");

/** The Shopify id of a variant, as the push stores it. */
export function shopifyVariantGid(variantId: string): string {
  return `gid://shopify/ProductVariant/${variantId}`;
}

/** base64 HMAC-SHA256 of `body` with `secret`: what Shopify puts in X-Shopify-Hmac-Sha256. */
export function shopifyHmac(body: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

function hmacMatches(body: Buffer, secret: string, claimed: string): boolean {
  const expected = Buffer.from(shopifyHmac(body, secret), "base64");
  const given = Buffer.from(claimed, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The merchant whose store signed this delivery; UNAUTHENTICATED otherwise. */
async function verifiedMerchant(db: Db, { shopDomain, hmac, rawBody }: OrdersPaidDelivery): Promise<{ id: string }> {
  if (!shopDomain || !hmac) throw unverified();
  const candidates = await db.merchant.findMany({
    where: {
      shopifyShopDomain: shopDomain.trim().toLowerCase(),
      shopifyTokenCiphertext: { not: null },
      shopifyWebhookSecretCiphertext: { not: null },
    },
    select: { id: true, shopifyWebhookSecretCiphertext: true },
  });
  for (const merchant of candidates) {
    let secret: string;
    try {
      secret = decryptToken(merchant.shopifyWebhookSecretCiphertext!, webhookSecretContext(merchant.id));
    } catch {
      continue; // A secret that no longer decrypts verifies nothing; the curator reconnects.
    }
    if (hmacMatches(rawBody, secret, hmac)) return { id: merchant.id };
  }
  throw unverified();
}

function parseOrder(rawBody: Buffer): ShopifyPaidOrder {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw new AppError("MALFORMED_JSON", "The webhook body is not JSON");
  }
  const parsed = ZShopifyPaidOrder.safeParse(json);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error.issues);
    throw new AppError("INVALID_INPUT", `Not a Shopify order: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, { errors });
  }
  return parsed.data;
}

interface TicketLine {
  variantId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  tax: number;
}

/** The order's ticket lines, by event: line items whose variant is one of the merchant's ticket types. */
async function ticketLinesByEvent(db: Db, merchantId: string, order: ShopifyPaidOrder) {
  const gids = [...new Set(order.line_items.flatMap((item) => (item.variant_id ? [shopifyVariantGid(item.variant_id)] : [])))];
  const variants = await db.productVariant.findMany({
    where: { shopifyVariantId: { in: gids }, deletedAt: null, product: { merchantId, eventId: { not: null } } },
    select: { id: true, name: true, shopifyVariantId: true, product: { select: { eventId: true } } },
  });
  const byGid = new Map(variants.map((variant) => [variant.shopifyVariantId!, variant]));
  const byEvent = new Map<string, Map<string, TicketLine>>();
  let ignored = 0;
  for (const item of order.line_items) {
    const variant = item.variant_id ? byGid.get(shopifyVariantGid(item.variant_id)) : undefined;
    const unitPrice = decimalToMinorUnits(item.price, order.currency);
    if (!variant || unitPrice === null) {
      ignored++;
      continue;
    }
    const tax = (item.tax_lines ?? []).reduce((sum, line) => sum + (decimalToMinorUnits(line.price, order.currency) ?? 0), 0);
    const lines = byEvent.get(variant.product.eventId!) ?? new Map<string, TicketLine>();
    byEvent.set(variant.product.eventId!, lines);
    // One OrderItem per ticket type: the same variant on two line items adds up.
    const line = lines.get(variant.id) ?? { variantId: variant.id, name: variant.name, unitPrice, quantity: 0, tax: 0 };
    line.quantity += item.quantity;
    line.tax += tax;
    lines.set(variant.id, line);
  }
  return { byEvent: [...byEvent].map(([eventId, lines]) => ({ eventId, lines: [...lines.values()] })), ignored };
}

function buyerOf(order: ShopifyPaidOrder) {
  const email = order.email || order.contact_email || order.customer?.email || null;
  return {
    firstName: order.customer?.first_name || order.billing_address?.first_name || "Shopify",
    lastName: order.customer?.last_name || order.billing_address?.last_name || "customer",
    email,
    phone: order.customer?.phone || order.billing_address?.phone || null,
  };
}

/** Thrown inside the order's transaction when it cannot be fulfilled: rolls the sale back. */
class NotFulfilled extends Error {}

function isShopifyOrderTaken(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002" &&
    /shopify_order_id|shopifyOrderId/.test(JSON.stringify(error.meta ?? {}) + error.message)
  );
}

async function recordEventOrder(
  db: Db,
  { key, eventId, lines, order, now }: { key: string; eventId: string; lines: TicketLine[]; order: ShopifyPaidOrder; now: Date },
): Promise<ShopifyOrderOutcome> {
  const earlier = await db.order.findUnique({ where: { shopifyOrderId: key }, select: { id: true } });
  if (earlier) return { eventId, orderId: earlier.id, outcome: "ALREADY_RECORDED" };

  const buyer = buyerOf(order);
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0);
  // Past the limit (refused below), the recorded amounts are zeroed to fit their columns.
  const fits = subtotal + tax <= MAX_ORDER_AMOUNT;
  const data = (status: OrderStatus, cancelReason: string | null) => ({
    eventId,
    status,
    channel: OrderChannel.SHOPIFY,
    buyerFirstName: buyer.firstName,
    buyerLastName: buyer.lastName,
    buyerEmail: buyer.email ?? "",
    buyerPhone: buyer.phone,
    currency: order.currency,
    subtotal: fits ? subtotal : 0,
    tax: fits ? tax : 0,
    total: fits ? (order.taxes_included ? subtotal : subtotal + tax) : 0,
    paidAt: now,
    shopifyOrderId: key,
    cancelReason,
    items: { create: lines.map(({ variantId, name, unitPrice, quantity }) => ({ variantId, name, unitPrice: fits ? unitPrice : 0, quantity })) },
  });

  try {
    try {
      const orderId = await db.$transaction(async (tx: Tx) => {
        const event = await tx.event.findUnique({ where: { id: eventId }, select: { status: true } });
        if (event?.status !== EventStatus.UPCOMING) throw new NotFulfilled(`the event is ${event?.status ?? "gone"}`);
        if (!buyer.email) throw new NotFulfilled("the order has no email address to send the tickets to");
        if (subtotal + tax > MAX_ORDER_AMOUNT) throw new NotFulfilled("its amounts are larger than an order of tickets can be");
        const created = await tx.order.create({ data: data(OrderStatus.PAID, null), select: { id: true } });
        await issueStoredOrderTickets(tx, { orderId: created.id, source: TicketSource.SHOPIFY, now });
        // Capacity last, as in placeOrder: the ticket type's row stays locked until the commit only.
        if (!(await takeOrderTickets(tx, lines, "SELL"))) throw new NotFulfilled("too few tickets were left when Shopify's order arrived");
        return created.id;
      });
      return { eventId, orderId, outcome: "ISSUED" };
    } catch (error) {
      if (!(error instanceof NotFulfilled)) throw error;
      const reason = `Not fulfilled: ${error.message}; refund it in Shopify`;
      const canceled = await db.order.create({ data: { ...data(OrderStatus.CANCELED, reason), releasedAt: now }, select: { id: true } });
      return { eventId, orderId: canceled.id, outcome: "NOT_FULFILLED", reason };
    }
  } catch (error) {
    // A concurrent delivery of the same order recorded it first.
    if (!isShopifyOrderTaken(error)) throw error;
    const recorded = await db.order.findUnique({ where: { shopifyOrderId: key }, select: { id: true } });
    return { eventId, orderId: recorded?.id ?? null, outcome: "ALREADY_RECORDED" };
  }
}

/**
 * Handles one delivery of `orders/paid`: UNAUTHENTICATED (401) unless a connected store's
 * secret signed these exact bytes; then each event's tickets issued once (or the order
 * recorded as not fulfilled). UNAVAILABLE (503) when the database had no connection free.
 */
export async function receiveShopifyOrderPaid(db: Db, delivery: OrdersPaidDelivery, now: Date = new Date()): Promise<OrdersPaidResult> {
  try {
    return await recordShopifyOrder(db, delivery, now);
  } catch (error) {
    // A storm of deliveries kept every connection busy: 503 with Retry-After, and Shopify
    // delivers the order again (it retries any answer but 2xx). Each event's order commits
    // whole or not at all, and a redelivery skips those already recorded: nothing is lost.
    throw busyAsUnavailable(error, "Too many orders at once; deliver it again in a moment");
  }
}

async function recordShopifyOrder(db: Db, delivery: OrdersPaidDelivery, now: Date): Promise<OrdersPaidResult> {
  const merchant = await verifiedMerchant(db, delivery);
  const order = parseOrder(delivery.rawBody);
  const { byEvent, ignored } = await ticketLinesByEvent(db, merchant.id, order);
  const orders: ShopifyOrderOutcome[] = [];
  for (const { eventId, lines } of byEvent) {
    const key = byEvent.length === 1 ? order.id : `${order.id}:${eventId}`;
    orders.push(await recordEventOrder(db, { key, eventId, lines, order, now }));
  }
  return { shopifyOrderId: order.id, orders, ignoredLineItems: ignored };
}
