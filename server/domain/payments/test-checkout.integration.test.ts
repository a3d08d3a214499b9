// The built-in test checkout without Stripe keys: a paid order is sent to it, Pay issues the
// tickets and Cancel gives the hold back (through the same settle functions as the webhook),
// and it exists neither in production nor for an order Stripe is charging.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEvent } from "../../../prisma/factories";
import { OrderStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { appError } from "../../testing/rejections";
import { placeOrder } from "../orders/place";
import { ZPlaceOrderInput } from "../orders/schema";
import { isTestCheckoutOn } from "./checkout";
import { cancelTestCheckout, payTestCheckout, testCheckoutOrder } from "./test-checkout";

const db = useTestDb();

async function heldOrder(quantity = 2) {
  const curator = await actorFor(db, Role.CURATOR);
  const { event, product } = await createEvent(db, {
    curatorId: curator.userId,
    tickets: [{ name: "GA", price: 2500, quantity: 10 }],
    isTaxEnabled: true,
    taxConfig: { label: "VAT", rateBasisPoints: 1900, included: true },
  });
  const variantId = product.variants[0]!.id;
  const input = ZPlaceOrderInput.parse({
    items: [{ variantId, quantity }],
    buyer: { firstName: "Ada", lastName: "Test", email: `tc-${randomUUID()}@buyers.test` },
  });
  return { order: await placeOrder(db, { eventId: event.id, input }), event, variantId };
}

const counters = (variantId: string) => db.productVariant.findUniqueOrThrow({ where: { id: variantId }, select: { sold: true, held: true } });

describe("the test checkout (no Stripe keys, not production)", () => {
  it("is where a paid order is sent; it shows the items, the tax line and the total", async () => {
    const { order, event } = await heldOrder();
    expect(order.checkoutUrl).toBe(`http://localhost:3000/checkout/test/${order.id}`);
    const shown = await testCheckoutOrder(db, order.id);
    expect(shown).toMatchObject({ eventTitle: event.title, taxLabel: "VAT", taxIncluded: true });
    expect(shown.order).toMatchObject({ status: OrderStatus.PENDING_PAYMENT, total: 5000, items: [{ name: "GA", quantity: 2, unitPrice: 2500 }] });
  });

  it("Pay issues the tickets once; Cancel releases the hold; neither does anything to a settled order", async () => {
    const paid = await heldOrder(2);
    await payTestCheckout(db, paid.order.id);
    await payTestCheckout(db, paid.order.id);
    expect((await testCheckoutOrder(db, paid.order.id)).order).toMatchObject({ status: OrderStatus.PAID, tickets: [{}, {}] });
    expect(await counters(paid.variantId)).toEqual({ sold: 2, held: 0 });

    const canceled = await heldOrder(3);
    await cancelTestCheckout(db, canceled.order.id);
    expect((await testCheckoutOrder(db, canceled.order.id)).order).toMatchObject({ status: OrderStatus.CANCELED, tickets: [] });
    expect(await counters(canceled.variantId)).toEqual({ sold: 0, held: 0 });
    await cancelTestCheckout(db, paid.order.id);
    expect((await testCheckoutOrder(db, paid.order.id)).order.status).toBe(OrderStatus.PAID);
  });

  it("does not exist for an order Stripe charges, nor for an unknown order, nor in production", async () => {
    const { order } = await heldOrder();
    await db.order.update({ where: { id: order.id }, data: { stripeSessionId: `cs_test_${randomUUID()}` } });
    for (const call of [testCheckoutOrder, payTestCheckout, cancelTestCheckout]) {
      expect(await appError(call(db, order.id))).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await appError(testCheckoutOrder(db, randomUUID()))).toMatchObject({ code: "NOT_FOUND" });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe(OrderStatus.PENDING_PAYMENT);
    expect(isTestCheckoutOn({ NODE_ENV: "production", TEST_CHECKOUT: false })).toBe(false);
    expect(isTestCheckoutOn({ NODE_ENV: "production", TEST_CHECKOUT: true })).toBe(true);
    expect(isTestCheckoutOn({ NODE_ENV: "development", TEST_CHECKOUT: false })).toBe(true);
  });
});
