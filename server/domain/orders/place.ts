// Placing an order (POST /product-event/:id/orders, anyone): validate, take the capacity of
// each ticket type with one conditional statement, write the order, and then either issue
// the tickets (free) or hold them while the buyer pays, all in ONE transaction, so a buyer
// who is refused leaves no trace and no channel can oversell (docs/decisions/selling-tickets.md).
import { createHash } from "node:crypto";
import { canonicalJson } from "../../canonical-json";
import type { Db, Tx } from "../../db/client";
import { env } from "../../env";
import { AppError, invalidInput, type FieldError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { EventStatus, OrderStatus, TicketSource } from "../../generated/prisma/enums";
import { assertCanTakePayments, startCheckout, type CheckoutOrder } from "../payments/checkout";
import { availableOf, eventTax, findSaleEvent, isOnSale, type SaleEvent, type SaleVariant } from "./availability";
import { inLockOrder, takeOrderTickets } from "./capacity";
import { getOrder, toOrderView, type OrderViewRow } from "./get";
import { findOrCreateBuyer, issueTickets } from "./issue";
import { priceOrder, type Commission } from "./pricing";
import { saleLine } from "./sale-queue";
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

/** The order placed (or replayed), and the checkout to start once its hold has committed. */
interface Placed {
  orderId: string;
  /** The order as this request wrote it; null for a replay (read back then). */
  written: OrderViewRow | null;
  checkout: CheckoutOrder | null;
}

/** Thrown inside the transaction when a ticket type has too few left: rolls everything back. */
class TooFewLeft extends Error {}

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

/** The post a share link's `ref` names, if it is a live post of this event; anything else is ignored. */
async function attributedPost(tx: Tx, eventId: string, ref: string | undefined) {
  if (!ref) return null;
  return tx.post.findFirst({ where: { slug: ref, createFromEventId: eventId, deletedAt: null }, select: { id: true, creatorId: true } });
}

/** The event's commission, paid to a promoter's post (not to the curator's own posts). */
function commissionFor(event: SaleEvent, post: { creatorId: string } | null): Commission | null {
  if (!post || post.creatorId === event.curatorId || !event.commissionType || event.commissionValue === null) return null;
  return { type: event.commissionType, value: event.commissionValue };
}

async function placeInTransaction(tx: Tx, event: SaleEvent, request: PlaceOrderRequest, requestHash: string, now: Date): Promise<Placed> {
  const { eventId, input } = request;
  const variants = orderedVariants(event, input);
  const closed = variants.filter((variant) => !isOnSale(event, variant, now));
  if (event.status !== EventStatus.UPCOMING || closed.length > 0) throw salesClosed(event, closed);

  const post = await attributedPost(tx, eventId, input.ref);
  const lines = variants.map((variant, index) => ({
    variantId: variant.id,
    name: variant.name,
    unitPrice: variant.price,
    quantity: input.items[index]!.quantity,
  }));
  const currency = variants[0]!.currency;
  if (lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0) > MAX_ORDER_TOTAL) {
    throw invalidInput("body", [{ path: "items", message: "come to more than one order may cost; split them into several orders" }]);
  }
  const price = priceOrder(lines, eventTax(event), commissionFor(event, post));
  const free = price.total === 0;
  // Before any capacity is taken: a refused paid order leaves nothing behind.
  if (!free) assertCanTakePayments();
  const expiresAt = free ? null : new Date(now.getTime() + env().ORDER_HOLD_MINUTES * MINUTE_MS);

  const buyer = {
    firstName: input.buyer.firstName,
    lastName: input.buyer.lastName,
    email: input.buyer.email,
    phone: input.buyer.phoneNumber ?? null,
  };
  // A free order's buyer joins the guest book first, so the order is written with its guest.
  // A held one's joins when the payment arrives (issueStoredOrderTickets).
  const guestId = free ? await findOrCreateBuyer(tx, event.curatorId, buyer) : null;
  // Then the order: a concurrent duplicate (same Idempotency-Key) waits here on the unique
  // index and fails once this commits, without touching any capacity.
  const order = await tx.order.create({
    data: {
      eventId,
      guestId,
      status: free ? OrderStatus.PAID : OrderStatus.PENDING_PAYMENT,
      buyerFirstName: buyer.firstName,
      buyerLastName: buyer.lastName,
      buyerEmail: buyer.email,
      buyerPhone: buyer.phone,
      postId: post?.id ?? null,
      promoterId: post?.creatorId ?? null,
      currency,
      ...price,
      expiresAt,
      paidAt: free ? now : null,
      idempotencyKey: request.idempotencyKey ?? null,
      requestHash: request.idempotencyKey ? requestHash : null,
    },
    select: { id: true },
  });
  // Its items apart: a nested create would read the order back once more.
  await tx.orderItem.createMany({ data: lines.map((line) => ({ orderId: order.id, ...line })) });
  const tickets = guestId
    ? await issueTickets(tx, { id: order.id, eventId, buyer, guestId, event, items: lines }, { source: TicketSource.SOLD, now })
    : [];
  // Capacity last: the ticket type's row stays locked from this statement to the commit, so
  // concurrent buyers of it queue for one round trip, not for the whole order.
  if (!(await takeOrderTickets(tx, lines, free ? "SELL" : "HOLD"))) throw new TooFewLeft();
  return {
    orderId: order.id,
    written: {
      id: order.id,
      eventId,
      status: free ? OrderStatus.PAID : OrderStatus.PENDING_PAYMENT,
      currency,
      subtotal: price.subtotal,
      tax: price.tax,
      total: price.total,
      expiresAt,
      checkoutUrl: null,
      buyerFirstName: buyer.firstName,
      buyerLastName: buyer.lastName,
      buyerEmail: buyer.email,
      items: inLockOrder(lines),
      tickets,
    },
    checkout: free
      ? null
      : {
          id: order.id,
          eventId,
          currency,
          total: price.total,
          tax: price.tax,
          items: lines.map(({ name, unitPrice, quantity }) => ({ name, unitPrice, quantity })),
          buyerEmail: input.buyer.email,
          expiresAt: expiresAt!,
          eventTitle: event.title,
          taxLabel: eventTax(event)?.label,
        },
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
async function replayed(db: Db, eventId: string, idempotencyKey: string, requestHash: string): Promise<Placed | null> {
  const earlier = await db.order.findUnique({
    where: { eventId_idempotencyKey: { eventId, idempotencyKey } },
    select: { id: true, requestHash: true },
  });
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used for another order; use a new key for a new order");
  }
  return { orderId: earlier.id, written: null, checkout: null };
}

/** Prisma could not start the transaction within maxWait: every connection stayed busy. */
function isPoolExhausted(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028";
}

function isIdempotencyKeyTaken(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002" &&
    /idempotency_key|idempotencyKey/.test(JSON.stringify(error.meta ?? {}) + error.message)
  );
}

/** What is left of each ordered ticket type of this event (0 for one it does not have), and the types with too few. */
function ticketsLeft(event: SaleEvent, input: TPlaceOrderInput) {
  const variants = new Map(event.product.flatMap((product) => product.variants).map((variant) => [variant.id, variant]));
  const found = input.items.map((item) => ({ item, variant: variants.get(item.variantId) }));
  return {
    available: found.map(({ item, variant }) => ({ variantId: item.variantId, available: variant ? availableOf(variant) : 0 })),
    /** Known types asked for within their maxPerOrder (anything else is for validation to answer). */
    short: found
      .filter(({ item, variant }) => variant && item.quantity <= variant.maxPerOrder && item.quantity > availableOf(variant))
      .map(({ variant }) => variant!.name),
  };
}

function soldOut({ available, short }: ReturnType<typeof ticketsLeft>): AppError {
  return new AppError("SOLD_OUT", `Not enough tickets left${short.length > 0 ? `: ${short.join(", ")}` : ""}`, { extra: { available } });
}

/**
 * Places an order: PAID with its tickets issued when the total is 0, otherwise
 * PENDING_PAYMENT holding them until `expiresAt`, with the `checkoutUrl` to pay at.
 * Throws INVALID_INPUT (an unknown ticket type, more than maxPerOrder), NOT_FOUND (event),
 * SALES_CLOSED, SOLD_OUT (with `available` per ticket type) or IDEMPOTENCY_KEY_REUSED.
 */
export async function placeOrder(db: Db, request: PlaceOrderRequest): Promise<OrderView> {
  const placed = await saleLine(() => placeInLine(db, request));
  // A new order answers what it wrote (no read back); a replay reads the order as it is now.
  if (!placed.written) return getOrder(db, placed.orderId);
  const checkoutUrl = placed.checkout ? await startPaying(db, placed.checkout) : null;
  return toOrderView({ ...placed.written, checkoutUrl });
}

/** The order's database work, in the sale's line: the order this request made, or the one an earlier request with its key made. */
async function placeInLine(db: Db, request: PlaceOrderRequest): Promise<Placed> {
  const { eventId, idempotencyKey, now = new Date() } = request;
  const requestHash = request.requestHash ?? inputHash(request.input);
  if (idempotencyKey) {
    const earlier = await replayed(db, eventId, idempotencyKey, requestHash);
    if (earlier) return earlier;
  }
  // One read of the event serves the whole order, before its transaction. Once a ticket type is
  // gone, buyers are told at the cost of that read alone. Only a refusal is decided from what
  // it saw left; what is taken is decided by the conditional statement alone.
  const event = await findSaleEvent(db, eventId);
  const left = ticketsLeft(event, request.input);
  if (left.short.length > 0) throw soldOut(left);
  try {
    return await db.$transaction((tx) => placeInTransaction(tx, event, request, requestHash, now));
  } catch (error) {
    if (error instanceof TooFewLeft) throw soldOut(ticketsLeft(await findSaleEvent(db, eventId), request.input));
    if (isPoolExhausted(error)) {
      throw new AppError("UNAVAILABLE", "Too many buyers at once; try again in a moment", { retryAfterSeconds: 2 });
    }
    if (idempotencyKey && isIdempotencyKeyTaken(error)) {
      const earlier = await replayed(db, eventId, idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    throw error;
  }
}
