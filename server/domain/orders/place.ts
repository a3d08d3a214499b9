// Placing an order (POST /product-event/:id/orders, anyone): validate against one read of the
// event, then write it with the other orders of its event waiting at that moment, in ONE
// transaction that takes the capacity of each ticket type with one conditional statement for
// the whole batch (place-batch.ts), and either issues the tickets (free) or holds them while the
// buyer pays. A buyer who is refused leaves no trace and no channel can oversell
// (docs/decisions/selling-tickets.md).
import { createHash } from "node:crypto";
import { canonicalJson } from "../../canonical-json";
import type { Db } from "../../db/client";
import { busyAsUnavailable } from "../../db/errors";
import { env } from "../../env";
import { AppError, invalidInput, type FieldError } from "../../errors";
import { EventStatus } from "../../generated/prisma/enums";
import { assertCanTakePayments, startCheckout, type CheckoutOrder } from "../payments/checkout";
import { findSaleEvent, isOnSale, soldOut, ticketsLeft, type SaleEvent, type SaleVariant } from "./availability";
import { getOrder, toOrderView } from "./get";
import { placeInBatch, type OrderToPlace } from "./place-batch";
import { saleLine, sharedReads } from "./sale-queue";
import { releaseOrder } from "./settle";
import type { OrderView, TPlaceOrderInput } from "./schema";

const MINUTE_MS = 60_000;
/** Money columns are 32-bit integers; a total (tax added) must stay well inside them. */
const MAX_ORDER_TOTAL = 1_000_000_000;

export interface PlaceOrderRequest {
  eventId: string;
  input: TPlaceOrderInput;
  /** The buyer's Idempotency-Key: a repeat with the same key and request answers the same order. */
  idempotencyKey?: string;
  /** What the request asked for (the REST layer hashes method, path and body); default: a hash of `input`. */
  requestHash?: string;
  now?: Date;
}

/** An order's Idempotency-Key and the hash of its request, which a repeat must match. */
interface Keyed {
  idempotencyKey: string;
  requestHash: string;
}

/** The hash a repeated request must match when the caller gives none. */
function inputHash(input: TPlaceOrderInput): string {
  return createHash("sha256").update(canonicalJson(input)).digest("hex");
}

/** The ordered ticket types, each checked against the event's live ones; 400s name the item's field. */
function orderedVariants(event: SaleEvent, input: TPlaceOrderInput): SaleVariant[] {
  const variants = new Map(event.product.flatMap((product) => product.variants).map((variant) => [variant.id, variant]));
  const errors: FieldError[] = [];
  const ordered = input.items.map((item, index) => {
    const variant = variants.get(item.variantId);
    if (!variant) errors.push({ path: `items.${index}.variantId`, message: "is not a ticket type of this event" });
    else if (item.quantity > variant.maxPerOrder) {
      errors.push({
        path: `items.${index}.quantity`,
        message: `must be at most ${variant.maxPerOrder} (the most one order may buy of ${variant.name})`,
      });
    }
    return variant!;
  });
  if (errors.length === 0 && new Set(ordered.map((variant) => variant.currency)).size > 1) {
    errors.push({ path: "items", message: "must be ticket types of one currency (order them separately)" });
  }
  if (errors.length > 0) throw invalidInput("body", errors);
  return ordered;
}

function salesClosed(event: SaleEvent, closed: SaleVariant[]): AppError {
  const why =
    event.status !== EventStatus.UPCOMING
      ? `the event is ${event.status}`
      : `${closed.map((variant) => variant.name).join(", ")} not on sale right now`;
  return new AppError("SALES_CLOSED", `Tickets cannot be bought: ${why}`, {
    extra: { eventStatus: event.status, variantIds: closed.map((variant) => variant.id) },
  });
}

/**
 * Checks the order against the event as read (SOLD_OUT once a ticket type is gone, at the cost
 * of that read alone; 400s naming the item's field; SALES_CLOSED) and decides everything but
 * what is taken, which the batch's conditional statement alone decides.
 */
function orderToPlace(db: Db, event: SaleEvent, request: PlaceOrderRequest, keyed: Keyed | null, now: Date): OrderToPlace {
  const { eventId, input } = request;
  const left = ticketsLeft(event, input);
  if (left.short.length > 0) throw soldOut(left);
  const variants = orderedVariants(event, input);
  const closed = variants.filter((variant) => !isOnSale(event, variant, now));
  if (event.status !== EventStatus.UPCOMING || closed.length > 0) throw salesClosed(event, closed);
  const lines = variants.map((variant, index) => ({
    variantId: variant.id,
    name: variant.name,
    unitPrice: variant.price,
    quantity: input.items[index]!.quantity,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  if (subtotal > MAX_ORDER_TOTAL) {
    throw invalidInput("body", [{ path: "items", message: "come to more than one order may cost; split them into several orders" }]);
  }
  // Prices are never negative, and tax and commission are shares of the subtotal: free means a subtotal of 0.
  const free = subtotal === 0;
  // Before any capacity is taken: a refused paid order leaves nothing behind.
  if (!free) assertCanTakePayments();
  return {
    db,
    eventId,
    event,
    input,
    lines,
    currency: variants[0]!.currency,
    free,
    now,
    expiresAt: free ? null : new Date(now.getTime() + env().ORDER_HOLD_MINUTES * MINUTE_MS),
    buyer: { firstName: input.buyer.firstName, lastName: input.buyer.lastName, email: input.buyer.email, phone: input.buyer.phoneNumber ?? null },
    idempotencyKey: keyed?.idempotencyKey ?? null,
    requestHash: keyed?.requestHash ?? null,
  };
}

/**
 * Starts paying a held order, after its hold committed: a payment provider's round trip must
 * never run while a ticket type's row is locked. If it fails, the hold is given back at once.
 */
async function startPaying(db: Db, order: CheckoutOrder): Promise<string> {
  try {
    const { checkoutUrl, stripeSessionId } = await startCheckout(db, order);
    await db.order.update({ where: { id: order.id }, data: { checkoutUrl, stripeSessionId } });
    return checkoutUrl;
  } catch (error) {
    await releaseOrder(db, { orderId: order.id, reason: "CANCELED" });
    throw error;
  }
}

/** The order an earlier request with this key made, if any; IDEMPOTENCY_KEY_REUSED when it asked for something else. */
async function replayed(db: Db, eventId: string, { idempotencyKey, requestHash }: Keyed): Promise<string | null> {
  const earlier = await db.order.findUnique({
    where: { eventId_idempotencyKey: { eventId, idempotencyKey } },
    select: { id: true, requestHash: true },
  });
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used for another order; use a new key for a new order");
  }
  return earlier.id;
}

const saleEventRead = sharedReads<SaleEvent>();

/**
 * Places an order: PAID with its tickets issued when the total is 0, otherwise
 * PENDING_PAYMENT holding them until `expiresAt`, with the `checkoutUrl` to pay at.
 * Throws INVALID_INPUT (an unknown ticket type, more than maxPerOrder), NOT_FOUND (event),
 * SALES_CLOSED, SOLD_OUT (with `available` per ticket type) or IDEMPOTENCY_KEY_REUSED.
 */
export async function placeOrder(db: Db, request: PlaceOrderRequest): Promise<OrderView> {
  const { eventId, idempotencyKey, now = new Date() } = request;
  // Only an order with a key keeps what it asked for: a repeat must ask for the same.
  const keyed = idempotencyKey ? { idempotencyKey, requestHash: request.requestHash ?? inputHash(request.input) } : null;
  // The reads before the order's batch run in the sale's line (at most SALE_CONCURRENCY at once).
  const earlier = keyed ? await saleLine(() => replayed(db, eventId, keyed)) : null;
  // A replay reads the order as it is now.
  if (earlier) return getOrder(db, earlier);
  // One read of the event serves the whole order, and every order of the event that arrives
  // while it is under way. Only a refusal is decided from what it saw left.
  const event = await saleEventRead(eventId, () => saleLine(() => findSaleEvent(db, eventId)));
  const prepared = orderToPlace(db, event, request, keyed, now);
  let outcome;
  try {
    outcome = await placeInBatch(prepared);
  } catch (error) {
    throw busyAsUnavailable(error, "Too many buyers at once; try again in a moment");
  }
  // Another order of the event took this Idempotency-Key first (a concurrent repeat): its answer.
  if (outcome === "DUPLICATE") return getOrder(db, (await replayed(db, eventId, keyed!))!);
  // A new order answers what it wrote (no read back).
  const checkoutUrl = outcome.checkout ? await startPaying(db, outcome.checkout) : null;
  return toOrderView({ ...outcome.written, checkoutUrl });
}
