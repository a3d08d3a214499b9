// Orders written in batches (place-batch.ts), under real concurrency: a crowd's orders share
// transactions; a batch that does not fit falls back to placing each order alone, so every
// order that fits is sold and the rest are SOLD_OUT; one guest book entry per email even when
// a batch holds two orders by one new buyer; a reused Idempotency-Key inside one batch makes
// one order and leaves no trace of the other; a storeless merchant's sale queues no Shopify push.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEvent } from "../../../prisma/factories";
import { createDb } from "../../db/client";
import { OrderStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { placeOrder } from "./place";
import { ZPlaceOrderInput } from "./schema";

const db = useTestDb();

async function sale(tickets: { name: string; price: number; quantity: number }[]) {
  const curator = await actorFor(db, Role.CURATOR);
  const { event, product } = await createEvent(db, { curatorId: curator.userId, tickets });
  return { curator, event, variants: product.variants };
}

function buyer(email = `buyer-${randomUUID()}@buyers.test`) {
  return { firstName: "Zoë", lastName: "Müller", email };
}

/** Each promise's outcome: the order, or the error's code. */
function settled<T>(promises: Promise<T>[]) {
  return Promise.all(
    promises.map((promise) =>
      promise.then(
        (value) => ({ value }),
        (error: Error & { code?: string }) => ({ code: error.code ?? error.message }),
      ),
    ),
  );
}

describe("orders written in batches", () => {
  it("a crowd's orders share transactions: 60 orders at once are fewer than 60 order INSERTs, all sold", async () => {
    const statements: string[] = [];
    const counted = createDb(process.env.DATABASE_URL!, { max: 20, onQuery: (e) => statements.push(e.query) });
    try {
      const { event, variants } = await sale([{ name: "Free", price: 0, quantity: 1000 }]);
      const orders = await Promise.all(
        Array.from({ length: 60 }, () =>
          placeOrder(counted, {
            eventId: event.id,
            input: ZPlaceOrderInput.parse({ items: [{ variantId: variants[0]!.id, quantity: 1 }], buyer: buyer() }),
          }),
        ),
      );
      expect(orders.every((o) => o.status === OrderStatus.PAID && o.tickets.length === 1)).toBe(true);
      const inserts = statements.filter((s) => /INSERT INTO "Order"/.test(s)).length;
      console.log(`60 orders in ${inserts} batches`);
      expect(inserts).toBeLessThan(60);
      expect(await db.productVariant.findUniqueOrThrow({ where: { id: variants[0]!.id } })).toMatchObject({ sold: 60, held: 0 });
      expect(await db.eventGuestToEvent.count({ where: { eventId: event.id } })).toBe(60);
      expect(await db.mailMessage.count({ where: { dedupeKey: { in: orders.map((o) => `order:${o.id}`) } } })).toBe(60);
    } finally {
      await counted.$disconnect();
    }
  });

  it("a batch that does not fit sells every order that fits, alone, and refuses the rest SOLD_OUT", async () => {
    const { event, variants } = await sale([{ name: "Free", price: 0, quantity: 10 }]);
    const variantId = variants[0]!.id;
    // Orders of 3 and of 1, far more than 10 tickets: which are sold depends on arrival, but an
    // order is refused only when fewer than it asked for were left, and that never grows again.
    const quantities = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 3 : 1));
    const outcomes = await settled(
      quantities.map((quantity) =>
        placeOrder(db, { eventId: event.id, input: ZPlaceOrderInput.parse({ items: [{ variantId, quantity }], buyer: buyer() }) }),
      ),
    );
    const sold = quantities.filter((_, i) => "value" in outcomes[i]!).reduce((sum, q) => sum + q, 0);
    const refused = quantities.filter((_, i) => "code" in outcomes[i]!);
    expect(outcomes.filter((o) => "code" in o).every((o) => "code" in o && o.code === "SOLD_OUT")).toBe(true);
    const variant = await db.productVariant.findUniqueOrThrow({ where: { id: variantId } });
    expect(variant).toMatchObject({ sold, held: 0 });
    expect(sold).toBeLessThanOrEqual(10);
    expect(refused.every((q) => q > 10 - sold)).toBe(true);
    expect(await db.eventGuestToEvent.count({ where: { variantId } })).toBe(sold);
    expect(await db.order.count({ where: { eventId: event.id } })).toBe(quantities.length - refused.length);
  });

  it("one new buyer's orders in one batch make ONE guest book entry (any case of the email)", async () => {
    const { curator, event, variants } = await sale([{ name: "Free", price: 0, quantity: 100 }]);
    const email = `twice-${randomUUID()}@buyers.test`;
    const orders = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        placeOrder(db, {
          eventId: event.id,
          input: ZPlaceOrderInput.parse({ items: [{ variantId: variants[0]!.id, quantity: 1 }], buyer: buyer(i % 2 ? email : email.toUpperCase()) }),
        }),
      ),
    );
    const guests = await db.eventGuest.findMany({ where: { userId: curator.userId, email: { equals: email, mode: "insensitive" } } });
    expect(guests).toHaveLength(1);
    const rows = await db.order.findMany({ where: { id: { in: orders.map((o) => o.id) } }, select: { guestId: true } });
    expect(rows.every((row) => row.guestId === guests[0]!.id)).toBe(true);
  });

  it("one Idempotency-Key sent with two different orders at once: one order, IDEMPOTENCY_KEY_REUSED for the others, no trace of them", async () => {
    const { curator, event, variants } = await sale([{ name: "Free", price: 0, quantity: 100 }]);
    const emails = Array.from({ length: 8 }, () => `reused-${randomUUID()}@buyers.test`);
    const outcomes = await settled(
      emails.map((email) =>
        placeOrder(db, {
          eventId: event.id,
          input: ZPlaceOrderInput.parse({ items: [{ variantId: variants[0]!.id, quantity: 1 }], buyer: buyer(email) }),
          idempotencyKey: "same-key",
        }),
      ),
    );
    expect(outcomes.filter((o) => "value" in o)).toHaveLength(1);
    expect(outcomes.filter((o) => "code" in o && o.code === "IDEMPOTENCY_KEY_REUSED")).toHaveLength(emails.length - 1);
    expect(await db.order.count({ where: { eventId: event.id } })).toBe(1);
    expect(await db.eventGuest.count({ where: { userId: curator.userId, email: { in: emails } } })).toBe(1);
    expect(await db.productVariant.findUniqueOrThrow({ where: { id: variants[0]!.id } })).toMatchObject({ sold: 1 });
  });

  it("a merchant without a Shopify store: the sale runs no inventory push statement", async () => {
    const statements: string[] = [];
    const counted = createDb(process.env.DATABASE_URL!, { max: 2, onQuery: (e) => statements.push(e.query) });
    try {
      const { event, variants } = await sale([{ name: "Free", price: 0, quantity: 10 }]);
      await placeOrder(counted, {
        eventId: event.id,
        input: ZPlaceOrderInput.parse({ items: [{ variantId: variants[0]!.id, quantity: 1 }], buyer: buyer() }),
      });
      expect(statements.some((s) => /shopify_push_queued_at/.test(s))).toBe(false);
    } finally {
      await counted.$disconnect();
    }
  });
});
