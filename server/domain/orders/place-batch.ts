// Writing orders in batches (group commit): the orders of one event that arrive while its
// earlier batches are busy are written together in ONE transaction: one statement for the
// buyers' guest book locks, one to find them, one for the orders and their new guests, one each
// for the items, the tickets, the mails and their outbox messages, then ONE conditional
// capacity statement per ticket type for the whole batch's total. A flash sale's orders then
// share their round trips and their commit instead of queueing for the hot row one by one.
// When the total does not fit, the batch rolls back and each of its orders is placed on its
// own, in the order they came, exactly as if it had come alone: those that fit are sold, the
// rest are refused SOLD_OUT (docs/decisions/selling-tickets.md).
// The transaction runs on node-postgres directly (sql/statement.ts directTransaction), outside
// Prisma: measured in process at 64 buyers, Prisma's client and query compiler spent more CPU
// on the batch's statements and their JSON rows than everything else the order route did.
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import { findAttributedPosts, insertOrders, type NewOrderRow } from "../../db/sql/orders";
import { AppError } from "../../errors";
import { directTransaction, query, type DirectTransaction } from "../../db/sql/statement";
import { OrderStatus, TicketSource } from "../../generated/prisma/enums";
import type { CheckoutOrder } from "../payments/checkout";
import { eventTax, findSaleEvent, soldOut, ticketsLeft, type SaleEvent } from "./availability";
import { inLockOrder, takeOrderTickets, type TicketLine } from "./capacity";
import type { OrderViewRow } from "./get";
import { buyersInGuestBook, issueTickets, type IssuedTickets, type OrderBuyer } from "./issue";
import { priceOrder, type Commission } from "./pricing";
import { groupCommit, saleLine, type Settled } from "./sale-queue";
import type { TPlaceOrderInput } from "./schema";

/**
 * Most orders one batch writes. 64 is the flash sale bench's crowd; a larger batch would only
 * make its rows' statements longer while the next batch waits for the ticket type's row.
 */
const MAX_BATCH = 64;
/**
 * Batches of one event (and kind) in flight at once: while one holds the ticket type's row
 * and commits, the next writes its rows, so the row is never idle. Each takes one place in
 * the sale line (sale-queue.ts).
 */
const BATCHES_IN_FLIGHT = 4;
/**
 * Orders that must wait before a batch starts beside one in flight (sale-queue.ts groupCommit).
 * Measured with 64 buyers and the 150,000-guest book (the flash sale bench's data): a minimum of
 * 8 cut single orders from 280 to 14 of every 3,000 orders' batches. At 8, batches still averaged
 * under 10 orders, each paying the batch's 7 round trips; at 24 (with the rate limit's counts
 * batched alike) the sale ran 676-738 orders/s after the health floor against 619-660 at 8, and
 * 952-979 against 921-925 alone; 48 ran 517-531, too few batches for 64 buyers (docs/benchmarks.md).
 */
const MIN_BATCH_BESIDE = 24;

/** One ticket type of an order, as the order stores it. */
export interface OrderLine extends TicketLine {
  name: string;
  unitPrice: number;
}

/** An order checked and ready to write: everything decided before its transaction. */
export interface OrderToPlace {
  db: Db;
  eventId: string;
  /** The sale event as this order's request read it. */
  event: SaleEvent;
  input: TPlaceOrderInput;
  lines: OrderLine[];
  currency: string;
  /** A total of 0: sold and issued at once; otherwise held until `expiresAt` while the buyer pays. */
  free: boolean;
  now: Date;
  expiresAt: Date | null;
  buyer: OrderBuyer;
  idempotencyKey: string | null;
  /** With the Idempotency-Key: the hash of the request, which a repeat must match. */
  requestHash: string | null;
}

/** The order placed, and the checkout to start once its hold has committed. */
export interface Placed {
  orderId: string;
  written: OrderViewRow;
  checkout: CheckoutOrder | null;
}

/** DUPLICATE: another order of the event has this order's Idempotency-Key; nothing was written for it. */
export type BatchOutcome = Placed | "DUPLICATE";

/** Thrown inside a batch's transaction when a ticket type has too few left for the batch: rolls it back. */
class TooFewLeft extends Error {}

/** The event's commission, paid to a promoter's post (not to the curator's own posts). */
function commissionFor(event: SaleEvent, post: { creatorId: string } | null): Commission | null {
  if (!post || post.creatorId === event.curatorId || !event.commissionType || event.commissionValue === null) return null;
  return { type: event.commissionType, value: event.commissionValue };
}

/** The posts the orders' share links (`ref`) name, by slug, if they are live posts of this event; anything else is ignored. */
async function attributedPosts(tx: DirectTransaction, eventId: string, orders: readonly OrderToPlace[]) {
  const slugs = [...new Set(orders.flatMap((order) => (order.input.ref ? [order.input.ref] : [])))];
  if (slugs.length === 0) return new Map<string, { id: string; creatorId: string }>();
  const posts = await query(tx, findAttributedPosts({ eventId, slugs }));
  return new Map(posts.map((post) => [post.slug, post]));
}

/** Each ticket type's total over the orders. */
function totalsOf(orders: ReadonlyArray<{ lines: readonly TicketLine[] }>): TicketLine[] {
  const totals = new Map<string, number>();
  for (const line of orders.flatMap((order) => order.lines)) totals.set(line.variantId, (totals.get(line.variantId) ?? 0) + line.quantity);
  return [...totals].map(([variantId, quantity]) => ({ variantId, quantity }));
}

function checkoutOf(order: OrderToPlace, id: string, price: { total: number; tax: number }): CheckoutOrder {
  return {
    id,
    eventId: order.eventId,
    currency: order.currency,
    total: price.total,
    tax: price.tax,
    items: order.lines.map(({ name, unitPrice, quantity }) => ({ name, unitPrice, quantity })),
    buyerEmail: order.buyer.email,
    expiresAt: order.expiresAt!,
    eventTitle: order.event.title,
    taxLabel: eventTax(order.event)?.label,
  };
}

/** Writes the batch (all free, or all held) in the caller's transaction; each order's outcome, in order. */
async function writeBatch(tx: DirectTransaction, orders: readonly OrderToPlace[]): Promise<BatchOutcome[]> {
  const { eventId, event, free, now } = orders[0]!;
  const posts = await attributedPosts(tx, eventId, orders);
  const priced = orders.map((order) => {
    const post = (order.input.ref && posts.get(order.input.ref)) || null;
    return { order, id: randomUUID(), post, price: priceOrder(order.lines, eventTax(event), commissionFor(event, post)) };
  });
  // Free orders' buyers join the guest book now, written with the orders (held ones' join when
  // their payment arrives). The buyers' locks are held to the commit.
  const book = free
    ? await buyersInGuestBook(
        tx,
        event.curatorId,
        orders.map((order) => order.buyer),
      )
    : null;
  const guestOf = (order: OrderToPlace) => book?.guestIds.get(order.buyer.email.toLowerCase()) ?? null;
  const rows: NewOrderRow[] = priced.map(({ order, id, post, price }) => ({
    id,
    status: free ? OrderStatus.PAID : OrderStatus.PENDING_PAYMENT,
    buyerFirstName: order.buyer.firstName,
    buyerLastName: order.buyer.lastName,
    buyerEmail: order.buyer.email,
    buyerPhone: order.buyer.phone,
    guestId: guestOf(order),
    postId: post?.id ?? null,
    promoterId: post?.creatorId ?? null,
    currency: order.currency,
    ...price,
    expiresAt: order.expiresAt?.toISOString() ?? null,
    paidAt: free ? order.now.toISOString() : null,
    idempotencyKey: order.idempotencyKey,
    requestHash: order.requestHash,
  }));
  // The orders first: one whose Idempotency-Key is taken (by an order committed, or being
  // written by a concurrent batch, which this statement waits for) is skipped, before any
  // capacity is taken for it.
  const items = priced.flatMap(({ order, id }) => order.lines.map((line) => ({ orderId: id, ...line })));
  const inserted = await query(tx, insertOrders({ eventId, curatorId: event.curatorId, orders: rows, items, guests: book?.newGuests ?? [] }));
  const closedAs = inserted.find((row) => row.closedAs)?.closedAs;
  // Deleted or closed since the orders read it: the whole batch is refused, as a fresh read would.
  if (closedAs === "DELETED") throw new AppError("NOT_FOUND", `Event ${eventId} not found`);
  if (closedAs) {
    throw new AppError("SALES_CLOSED", `Tickets cannot be bought: the event is ${closedAs}`, { extra: { eventStatus: closedAs } });
  }
  const written = new Set(inserted.map((row) => row.id));
  const placed = priced.filter(({ id }) => written.has(id));
  if (placed.length === 0) return priced.map(() => "DUPLICATE");
  const tickets: IssuedTickets[] = free
    ? await issueTickets(
        tx,
        placed.map(({ order, id }) => ({ id, eventId, buyer: order.buyer, guestId: guestOf(order)!, event, items: order.lines })),
        { source: TicketSource.SOLD, now },
      )
    : placed.map(() => []);
  // Capacity last: the ticket type's row stays locked from this statement to the commit, so
  // concurrent batches queue for one round trip, not for the whole batch.
  const take = free ? "SELL" : "HOLD";
  if (!(await takeOrderTickets(tx, totalsOf(placed.map(({ order }) => order)), take, { storeConnected: event.hasStore }))) {
    throw new TooFewLeft();
  }
  const ticketsOf = new Map(placed.map(({ id }, index) => [id, tickets[index]!]));
  return priced.map(({ order, id, price }): BatchOutcome => {
    if (!written.has(id)) return "DUPLICATE";
    return {
      orderId: id,
      written: {
        id,
        eventId,
        status: free ? OrderStatus.PAID : OrderStatus.PENDING_PAYMENT,
        currency: order.currency,
        subtotal: price.subtotal,
        tax: price.tax,
        total: price.total,
        expiresAt: order.expiresAt,
        checkoutUrl: null,
        buyerFirstName: order.buyer.firstName,
        buyerLastName: order.buyer.lastName,
        buyerEmail: order.buyer.email,
        items: inLockOrder(order.lines),
        tickets: ticketsOf.get(id)!,
      },
      checkout: free ? null : checkoutOf(order, id, price),
    };
  });
}

/** One order that did not fit in its batch, placed alone: refused at the cost of one read if its tickets are gone. */
async function placeAlone(order: OrderToPlace): Promise<Settled<BatchOutcome>> {
  const event = await findSaleEvent(order.db, order.eventId);
  const left = ticketsLeft(event, order.input);
  if (left.short.length > 0) return { error: soldOut(left) };
  const [outcome] = await placeBatch([{ ...order, event }]);
  return outcome!;
}

/** A batch's transaction; if its total does not fit, each order on its own, in the order they came. */
async function placeBatch(orders: OrderToPlace[]): Promise<Array<Settled<BatchOutcome>>> {
  const { db, eventId } = orders[0]!;
  try {
    const outcomes = await directTransaction(db, (tx) => writeBatch(tx, orders));
    return outcomes.map((value) => ({ value }));
  } catch (error) {
    if (!(error instanceof TooFewLeft)) throw error;
    if (orders.length === 1) return [{ error: soldOut(ticketsLeft(await findSaleEvent(db, eventId), orders[0]!.input)) }];
    const outcomes: Array<Settled<BatchOutcome>> = [];
    for (const order of orders) outcomes.push(await placeAlone(order).catch((failure: unknown) => ({ error: failure })));
    return outcomes;
  }
}

const submit = groupCommit<OrderToPlace, BatchOutcome>({
  run: (batch) => saleLine(() => placeBatch(batch)),
  maxBatch: MAX_BATCH,
  maxInFlight: BATCHES_IN_FLIGHT,
  minBatch: MIN_BATCH_BESIDE,
});

/** Writes the order with whatever other orders of its event are waiting (free ones and held ones apart). */
export function placeInBatch(order: OrderToPlace): Promise<BatchOutcome> {
  return submit(`${order.eventId}:${order.free ? "SELL" : "HOLD"}`, order);
}
