// Deleting an event while buyers order its tickets, under real concurrency: the delete and the
// orders each run in their own transaction on their own connection. Exactly one side wins per
// event: either the delete goes through and every order is refused (SALES_CLOSED or NOT_FOUND),
// or an order goes through and the delete is refused (409: cancel it instead). Never an order on
// a deleted event: that order's buyer would hold a ticket nobody can use and nobody is told of.
// Checked twice: pinned (an order that read the event just before the delete committed goes on
// afterwards) and as a storm of deletes and orders on many events at once.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createEvent } from "../../../prisma/factories";
import { createDb } from "../../db/client";
import { AppError } from "../../errors";
import { OrderStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { placeOrder } from "../orders/place";
import { ZPlaceOrderInput } from "../orders/schema";
import { deleteEvent } from "./delete";

// The pinned case holds an order right after it read the event, as a slow buyer would be held.
const afterEventRead: { gate: Promise<void> | null; reached: () => void } = { gate: null, reached: () => {} };
vi.mock("../orders/availability", async (importOriginal) => {
  const real = await importOriginal<typeof import("../orders/availability")>();
  return {
    ...real,
    findSaleEvent: async (...args: Parameters<typeof real.findSaleEvent>) => {
      const event = await real.findSaleEvent(...args);
      const gate = afterEventRead.gate;
      if (gate) {
        afterEventRead.reached();
        await gate;
      }
      return event;
    },
  };
});

const db = useTestDb();
// The storm's own pool: every delete and order in flight has a connection (no pool timeouts).
const storm = createDb(process.env.DATABASE_URL!, { max: 40 });
afterAll(() => storm.$disconnect());

const EVENTS_PER_ROUND = 12;
const ORDERS_PER_EVENT = 3;
const MAX_ROUNDS = 8;
/** Orders that took or hold money: an event with any of these must not be deleted. */
const SALE_STATUSES = [OrderStatus.PAID, OrderStatus.PENDING_PAYMENT, OrderStatus.REFUNDED];

type Outcome = { ok: true } | { ok: false; code: string };

async function outcome(work: Promise<unknown>): Promise<Outcome> {
  try {
    await work;
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    return { ok: false, code: `unexpected: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** An event with a free ticket type and a paid one, plenty of each (no order is refused for lack of tickets). */
async function saleEvent() {
  const curator = await actorFor(db, Role.CURATOR);
  const { event, product } = await createEvent(db, {
    curatorId: curator.userId,
    tickets: [
      { name: "Guest list", price: 0, quantity: 500 },
      { name: "Standing", price: 2500, quantity: 500 },
    ],
  });
  return { curator, eventId: event.id, variantIds: product.variants.map((v) => v.id) };
}

function orderOf(variantId: string) {
  const tag = randomUUID().slice(0, 8);
  return ZPlaceOrderInput.parse({
    items: [{ variantId, quantity: 1 }],
    buyer: { firstName: "Racing", lastName: `Buyer ${tag}`, email: `racing-${tag}@buyers.test` },
  });
}

/** What the database holds for the event after the race: deleted or not, and its orders that sold or hold tickets. */
async function endState(eventId: string) {
  const [event, saleOrders, variants] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { deletedAt: true } }),
    db.order.count({ where: { eventId, status: { in: SALE_STATUSES } } }),
    db.productVariant.aggregate({ where: { product: { eventId } }, _sum: { sold: true, held: true } }),
  ]);
  return { deleted: event.deletedAt !== null, saleOrders, ticketsTaken: (variants._sum.sold ?? 0) + (variants._sum.held ?? 0) };
}

/**
 * Who won the event's race, by the answers and by the rows: "delete" (deleted; every order
 * refused for it, nothing sold or held), "orders" (not deleted, the delete refused with 409; what
 * the orders took is there), or anything else, described for the failure message.
 */
async function winner(eventId: string, deletion: Outcome, orders: Outcome[]) {
  const state = await endState(eventId);
  const placed = orders.filter((o) => o.ok).length;
  const refusals = orders.flatMap((o) => (o.ok ? [] : [o.code]));
  if (deletion.ok && placed === 0 && refusals.every((code) => /^(SALES_CLOSED|NOT_FOUND)$/.test(code))) {
    if (state.deleted && state.saleOrders === 0 && state.ticketsTaken === 0) return "delete";
  }
  if (!deletion.ok && deletion.code === "CONFLICT" && placed > 0 && refusals.length === 0) {
    if (!state.deleted && state.saleOrders === placed && state.ticketsTaken === placed) return "orders";
  }
  return { eventId, deletion: deletion.ok ? "deleted" : deletion.code, ordersPlaced: placed, refusals, state };
}

describe("deleting an event while its tickets are ordered", () => {
  it("refuses an order that read the event before the delete committed and wrote after it (pinned)", async () => {
    const outcomes = [];
    for (const paid of [false, true]) {
      const { curator, eventId, variantIds } = await saleEvent();
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (afterEventRead.reached = resolve));
      afterEventRead.gate = new Promise<void>((resolve) => (release = resolve));
      const order = outcome(placeOrder(db, { eventId, input: orderOf(variantIds[paid ? 1 : 0]!) }));
      await reached;
      afterEventRead.gate = null;

      // The order has read the event (on sale, not deleted); the delete commits before it goes on.
      const deletion = await outcome(deleteEvent(db, curator, eventId));
      release();
      outcomes.push(await winner(eventId, deletion, [await order]));
    }
    expect(outcomes).toEqual(["delete", "delete"]);
  });

  it("never leaves an order on a deleted event, under concurrent deletes and orders on many events", async () => {
    const wins = { delete: 0, orders: 0 };
    const neither = [];
    // Rounds until both sides have won at least once: the race was really run both ways.
    for (let round = 0; round < MAX_ROUNDS && (wins.delete === 0 || wins.orders === 0); round++) {
      const events = [];
      for (let i = 0; i < EVENTS_PER_ROUND; i++) events.push(await saleEvent());
      const results = await Promise.all(
        events.map(async ({ curator, eventId, variantIds }, i) => {
          // The delete starts among its event's orders: before them, between them, after them.
          const orders = Array.from({ length: ORDERS_PER_EVENT }, (_, j) =>
            outcome(placeOrder(storm, { eventId, input: orderOf(variantIds[(i + j) % 2]!) })),
          );
          const deletion = outcome(new Promise((resolve) => setTimeout(resolve, (i % 4) * 5)).then(() => deleteEvent(storm, curator, eventId)));
          return { eventId, deletion: await deletion, orders: await Promise.all(orders) };
        }),
      );
      for (const { eventId, deletion, orders } of results) {
        const won = await winner(eventId, deletion, orders);
        if (typeof won === "string") wins[won]++;
        else neither.push(won);
      }
    }
    expect(neither, `events won by the delete: ${wins.delete}, by the orders: ${wins.orders}`).toEqual([]);
    expect(wins.delete).toBeGreaterThan(0);
    expect(wins.orders).toBeGreaterThan(0);
  });
});
