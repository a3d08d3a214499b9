// Paying with Stripe against a local stand-in (testing/stripe-stand-in.ts) that checks what
// the official stripe package sends, and the webhook POST /webhooks/stripe called with events
// the stand-in signs as Stripe does: sessions in minor units with the order in metadata, a
// forged event changes nothing, a repeated delivery issues once, late payments are settled or
// refunded, expiry and failure release the hold, and a crash mid-settlement loses nothing.
import { randomUUID } from "node:crypto";
import { Stripe } from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { POST as stripeWebhookRoute } from "@/app/(rest)/webhooks/stripe/route";
import { createEvent, type CreateEventInput } from "../../../prisma/factories";
import { OrderStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { expectProblem } from "../../testing/rest";
import { placeOrder } from "../orders/place";
import { ZPlaceOrderInput } from "../orders/schema";
import { confirmPayment, expireHolds } from "../orders/settle";
import { assertCanTakePayments, sessionExpiresAt } from "./checkout";
import { StripeStandIn } from "./testing/stripe-stand-in";

// Before anything reads the environment: this file's Stripe is the stand-in.
const standIn = await StripeStandIn.start();
process.env.STRIPE_SECRET_KEY = "sk_test_marquee_stand_in";
process.env.STRIPE_WEBHOOK_SECRET = standIn.webhookSecret;
process.env.STRIPE_API_URL = standIn.origin;
afterAll(() => standIn.close());

const db = useTestDb();
const MINUTE_MS = 60_000;

type Tickets = { name: string; price: number; quantity: number }[];

async function sale(
  tickets: Tickets = [{ name: "GA", price: 2500, quantity: 10 }],
  fields: Pick<CreateEventInput, "isTaxEnabled" | "taxConfig"> = {},
) {
  const curator = await actorFor(db, Role.CURATOR);
  const { event, product } = await createEvent(db, { curatorId: curator.userId, tickets, ...fields });
  return { event, variants: product.variants };
}

async function buy(eventId: string, items: { variantId: string; quantity: number }[], now?: Date) {
  const input = ZPlaceOrderInput.parse({ items, buyer: { firstName: "Zoë", lastName: "Müller", email: `stripe-${randomUUID()}@buyers.test` } });
  const order = await placeOrder(db, { eventId, input, now });
  const { stripeSessionId } = await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { stripeSessionId: true } });
  return { order, sessionId: stripeSessionId! };
}

function deliver(request: Request) {
  return stripeWebhookRoute(request, { params: Promise.resolve({}) });
}

async function state(orderId: string, variantId: string) {
  const [order, variant, tickets] = await Promise.all([
    db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, stripePaymentIntentId: true } }),
    db.productVariant.findUniqueOrThrow({ where: { id: variantId }, select: { sold: true, held: true } }),
    db.eventGuestToEvent.count({ where: { orderId } }),
  ]);
  return { status: order.status, paymentIntent: order.stripePaymentIntentId, sold: variant.sold, held: variant.held, tickets };
}

describe("stand-in: Stripe Checkout Sessions", () => {
  it("a paid order makes a session in minor units with the currency, the tax on its own line, the order in metadata, the hold as expires_at, and Idempotency-Key checkout:<order>", async () => {
    const { event, variants } = await sale(
      [
        { name: "GA", price: 2500, quantity: 10 },
        { name: "VIP", price: 4999, quantity: 5 },
      ],
      { isTaxEnabled: true, taxConfig: { label: "VAT", rateBasisPoints: 1900, included: false } },
    );
    const before = Date.now();
    const { order, sessionId } = await buy(event.id, [
      { variantId: variants[0]!.id, quantity: 2 },
      { variantId: variants[1]!.id, quantity: 1 },
    ]);

    const [request] = standIn.requestsTo("/v1/checkout/sessions").filter((r) => r.body.metadata?.orderId === order.id);
    expect(request!.idempotencyKey).toBe(`checkout:${order.id}`);
    const body = request!.body;
    expect(body).toMatchObject({
      mode: "payment",
      client_reference_id: order.id,
      customer_email: order.buyer.email,
      metadata: { orderId: order.id, eventId: event.id },
      success_url: `http://localhost:3000/orders/${order.id}`,
      cancel_url: `http://localhost:3000/orders/${order.id}`,
    });
    const lines = (body.line_items as any[]).map((l) => ({
      name: l.price_data.product_data.name,
      unit: Number(l.price_data.unit_amount),
      quantity: Number(l.quantity),
      currency: l.price_data.currency,
    }));
    const ticketsTotal = 2 * 2500 + 4999;
    expect(order.tax).toBe(Math.round(ticketsTotal * 0.19));
    expect(lines).toEqual([
      { name: `GA · ${event.title}`, unit: 2500, quantity: 2, currency: "eur" },
      { name: `VIP · ${event.title}`, unit: 4999, quantity: 1, currency: "eur" },
      { name: "VAT", unit: order.tax, quantity: 1, currency: "eur" },
    ]);
    expect(lines.reduce((sum, l) => sum + l.unit * l.quantity, 0)).toBe(order.total);
    // The hold is 15 minutes; Stripe's shortest session is 30, so the session closes at 31.
    const expiresAt = Number(body.expires_at) * 1000;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * MINUTE_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 32 * MINUTE_MS);

    // The buyer is sent to Stripe's page; the order remembers the session.
    expect(order).toMatchObject({ status: OrderStatus.PENDING_PAYMENT, checkoutUrl: `https://checkout.stripe.test/c/pay/${sessionId}` });
    expect(standIn.sessions.get(sessionId)!.amount_total).toBe(order.total);
  });

  it("a hold longer than 30 minutes is the session's own deadline; never past Stripe's 24 hours", () => {
    const now = new Date("2026-11-28T10:00:00Z");
    expect(sessionExpiresAt(new Date("2026-11-28T10:15:00Z"), now)).toBe(Date.parse("2026-11-28T10:31:00Z") / 1000);
    expect(sessionExpiresAt(new Date("2026-11-28T11:00:00Z"), now)).toBe(Date.parse("2026-11-28T11:00:00Z") / 1000);
    expect(sessionExpiresAt(new Date("2026-11-30T10:00:00Z"), now)).toBe(Date.parse("2026-11-29T10:00:00Z") / 1000);
  });

  it("production without Stripe refuses paid tickets with a clear 422; development without it uses the test checkout; with it, nothing is refused", () => {
    expect(() => assertCanTakePayments({ NODE_ENV: "production", TEST_CHECKOUT: false, STRIPE_SECRET_KEY: undefined })).toThrow(
      expect.objectContaining({ code: "UNPROCESSABLE", message: expect.stringMatching(/payments are not configured/) }),
    );
    expect(() => assertCanTakePayments({ NODE_ENV: "development", TEST_CHECKOUT: false, STRIPE_SECRET_KEY: undefined })).not.toThrow();
    expect(() => assertCanTakePayments({ NODE_ENV: "production", TEST_CHECKOUT: false, STRIPE_SECRET_KEY: "sk_live_x" })).not.toThrow();
  });
});

describe("stand-in: POST /webhooks/stripe", () => {
  it("a forged, tampered, unsigned or stale event is a 400 naming Stripe-Signature, and changes nothing", async () => {
    const { event, variants } = await sale();
    const variantId = variants[0]!.id;
    const { order, sessionId } = await buy(event.id, [{ variantId, quantity: 2 }]);
    const before = await state(order.id, variantId);
    const completed = standIn.sessionEvent(sessionId, "checkout.session.completed");
    const payload = JSON.stringify(completed);

    const forged = standIn.webhookRequest(completed, { secret: "whsec_not_stripes" });
    const tampered = standIn.webhookRequest(JSON.stringify({ ...completed, id: "evt_other" }));
    const signedOther = standIn.webhookRequest(JSON.stringify({ ...completed, type: "checkout.session.expired" }));
    const tamperedBody = new Request(tampered.url, { method: "POST", headers: signedOther.headers, body: payload });
    const unsigned = new Request("http://localhost/webhooks/stripe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: payload,
    });
    const stale = new Request("http://localhost/webhooks/stripe", {
      method: "POST",
      headers: {
        "stripe-signature": Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: standIn.webhookSecret,
          timestamp: Math.floor(Date.now() / 1000) - 600,
        }),
      },
      body: payload,
    });
    for (const request of [forged, tamperedBody, unsigned, stale]) {
      const problem = await expectProblem(await deliver(request), 400, "INVALID_INPUT");
      expect(problem.errors).toEqual([{ path: "stripe-signature", message: expect.any(String) }]);
    }
    expect(await state(order.id, variantId)).toEqual(before);
    expect(before).toMatchObject({ status: OrderStatus.PENDING_PAYMENT, held: 2, sold: 0, tickets: 0 });

    // The control: the same event, signed with the endpoint's secret, is accepted.
    expect((await deliver(standIn.webhookRequest(completed))).status).toBe(200);
    expect(await state(order.id, variantId)).toMatchObject({ status: OrderStatus.PAID, held: 0, sold: 2, tickets: 2 });
  });

  it("the same completed event delivered twice (and at once) issues the tickets once", async () => {
    const { event, variants } = await sale();
    const variantId = variants[0]!.id;
    const { order, sessionId } = await buy(event.id, [{ variantId, quantity: 3 }]);
    const completed = standIn.sessionEvent(sessionId, "checkout.session.completed");

    const answers = await Promise.all([deliver(standIn.webhookRequest(completed)), deliver(standIn.webhookRequest(completed))]);
    const again = await deliver(standIn.webhookRequest(completed));
    const outcomes = await Promise.all([...answers, again].map(async (r) => ({ status: r.status, ...(await r.json()) })));
    expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["ALREADY_PAID", "ALREADY_PAID", "PAID"]);
    expect(await state(order.id, variantId)).toEqual({
      status: OrderStatus.PAID,
      paymentIntent: standIn.sessions.get(sessionId)!.payment_intent,
      sold: 3,
      held: 0,
      tickets: 3,
    });
  });

  it("the hold-expiry sweep closes the expired order's session through the stand-in (once), so it takes no payment", async () => {
    const { event, variants } = await sale();
    const variantId = variants[0]!.id;
    const { order, sessionId } = await buy(event.id, [{ variantId, quantity: 2 }]);
    const expire = `/v1/checkout/sessions/${sessionId}/expire`;
    await expireHolds(db, new Date(Date.now() + 16 * MINUTE_MS));
    expect(await state(order.id, variantId)).toMatchObject({ status: OrderStatus.EXPIRED, held: 0, sold: 0 });
    expect(standIn.requestsTo(expire).map((r) => r.idempotencyKey)).toEqual([`expire:${order.id}`]);
    expect(standIn.sessions.get(sessionId)!.status).toBe("expired");
    expect(() => standIn.sessionEvent(sessionId, "checkout.session.completed")).toThrow(/takes no payment/);
    // Stripe then tells us the session expired: the hold is released already, nothing changes.
    const answer = await deliver(standIn.webhookRequest(standIn.sessionEvent(sessionId, "checkout.session.expired")));
    expect(await answer.json()).toMatchObject({ outcome: "NOT_HELD" });
    await expireHolds(db, new Date(Date.now() + 17 * MINUTE_MS));
    expect(standIn.requestsTo(expire)).toHaveLength(1);
  });

  it("paid a moment before the sweep closed the session, tickets left: the session stays paid, the late payment is PAID; nothing is refunded", async () => {
    const { event, variants } = await sale();
    const variantId = variants[0]!.id;
    const { order, sessionId } = await buy(event.id, [{ variantId, quantity: 2 }]);
    // The buyer pays at Stripe; its webhook is still on the way when the sweep runs.
    const completed = standIn.sessionEvent(sessionId, "checkout.session.completed");
    await expireHolds(db, new Date(Date.now() + 16 * MINUTE_MS));
    expect(await state(order.id, variantId)).toMatchObject({ status: OrderStatus.EXPIRED, held: 0, sold: 0 });
    // Stripe refused to close a completed session.
    expect(standIn.sessions.get(sessionId)!.status).toBe("complete");

    const response = await deliver(standIn.webhookRequest(completed));
    expect(await response.json()).toMatchObject({ outcome: "PAID" });
    expect(await state(order.id, variantId)).toMatchObject({ status: OrderStatus.PAID, held: 0, sold: 2, tickets: 2 });
    expect(standIn.refunds.filter((r) => r.idempotencyKey === `refund:${order.id}`)).toEqual([]);
  });

  it("paid a moment before the sweep closed the session, and the tickets went to someone else: refunded through the stand-in, once", async () => {
    const { event, variants } = await sale([{ name: "Last two", price: 3000, quantity: 2 }]);
    const variantId = variants[0]!.id;
    const late = await buy(event.id, [{ variantId, quantity: 2 }]);
    // Paid a moment before the sweep closed its session; the webhook comes after.
    const completed = standIn.sessionEvent(late.sessionId, "checkout.session.completed");
    await expireHolds(db, new Date(Date.now() + 16 * MINUTE_MS));
    const other = await buy(event.id, [{ variantId, quantity: 2 }]);
    await confirmPayment(db, { orderId: other.order.id });

    const first = await deliver(standIn.webhookRequest(completed));
    expect(await first.json()).toMatchObject({ outcome: "REFUNDED" });
    const paymentIntent = standIn.sessions.get(late.sessionId)!.payment_intent as string;
    expect(standIn.refunds.filter((r) => r.paymentIntent === paymentIntent)).toEqual([
      { id: expect.stringMatching(/^re_/), paymentIntent, idempotencyKey: `refund:${late.order.id}` },
    ]);
    expect(await state(late.order.id, variantId)).toMatchObject({ status: OrderStatus.REFUNDED, tickets: 0, paymentIntent });
    expect(await state(other.order.id, variantId)).toMatchObject({ status: OrderStatus.PAID, sold: 2, held: 0, tickets: 2 });

    // Delivered again: nothing more is refunded or issued.
    expect(await (await deliver(standIn.webhookRequest(completed))).json()).toMatchObject({ outcome: "ALREADY_PAID" });
    expect(standIn.refunds.filter((r) => r.paymentIntent === paymentIntent)).toHaveLength(1);
    expect(await state(other.order.id, variantId)).toMatchObject({ sold: 2, held: 0 });
  });

  it("an expired session releases the hold; a failed async payment cancels it; an unpaid completion waits for its outcome", async () => {
    const { event, variants } = await sale();
    const variantId = variants[0]!.id;
    const expired = await buy(event.id, [{ variantId, quantity: 2 }]);
    const failed = await buy(event.id, [{ variantId, quantity: 1 }]);
    const delayed = await buy(event.id, [{ variantId, quantity: 4 }]);
    expect((await state(expired.order.id, variantId)).held).toBe(7);

    const answer = async (request: Request) => (await (await deliver(request)).json()).outcome;
    expect(await answer(standIn.webhookRequest(standIn.sessionEvent(expired.sessionId, "checkout.session.expired")))).toBe("RELEASED");
    expect(await state(expired.order.id, variantId)).toMatchObject({ status: OrderStatus.EXPIRED, held: 5 });

    // A bank debit: completed unpaid, then failed.
    const unpaid = standIn.sessionEvent(failed.sessionId, "checkout.session.completed", { paymentStatus: "unpaid" });
    expect(await answer(standIn.webhookRequest(unpaid))).toBe("AWAITING_PAYMENT");
    expect(await state(failed.order.id, variantId)).toMatchObject({ status: OrderStatus.PENDING_PAYMENT, held: 5 });
    expect(await answer(standIn.webhookRequest(standIn.sessionEvent(failed.sessionId, "checkout.session.async_payment_failed")))).toBe("RELEASED");
    expect(await state(failed.order.id, variantId)).toMatchObject({ status: OrderStatus.CANCELED, held: 4 });

    // Another: completed unpaid, then succeeded.
    expect(
      await answer(standIn.webhookRequest(standIn.sessionEvent(delayed.sessionId, "checkout.session.completed", { paymentStatus: "unpaid" }))),
    ).toBe("AWAITING_PAYMENT");
    expect(await answer(standIn.webhookRequest(standIn.sessionEvent(delayed.sessionId, "checkout.session.async_payment_succeeded")))).toBe("PAID");
    expect(await state(delayed.order.id, variantId)).toMatchObject({ status: OrderStatus.PAID, held: 0, sold: 4, tickets: 4 });

    // An expired event for an order that is paid changes nothing.
    expect(await answer(standIn.webhookRequest(standIn.sessionEvent(delayed.sessionId, "checkout.session.expired")))).toBe("NOT_HELD");
    expect(await state(delayed.order.id, variantId)).toMatchObject({ status: OrderStatus.PAID, sold: 4, tickets: 4 });
  });

  it("a crash between the payment and the issued tickets loses nothing: 500, the order stays held, the redelivery issues", async () => {
    const { event, variants } = await sale();
    const variantId = variants[0]!.id;
    const { order, sessionId } = await buy(event.id, [{ variantId, quantity: 2 }]);
    const completed = standIn.sessionEvent(sessionId, "checkout.session.completed");
    // The last step of settling (the ticket type's counters, after the order turned PAID and
    // its tickets were written) fails, for this ticket type only.
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_crash_on_sale() RETURNS trigger AS $$
      BEGIN
        IF NEW.id = '${variantId}' AND NEW.sold > OLD.sold THEN RAISE EXCEPTION 'the process died here (test trigger)'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`
      CREATE TRIGGER test_crash_on_sale BEFORE UPDATE ON "ProductVariant"
      FOR EACH ROW EXECUTE FUNCTION test_crash_on_sale()`);
    try {
      const crashed = await deliver(standIn.webhookRequest(completed));
      await expectProblem(crashed, 500, "INTERNAL");
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_crash_on_sale ON "ProductVariant"`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_crash_on_sale()`);
    }
    expect(await state(order.id, variantId)).toMatchObject({ status: OrderStatus.PENDING_PAYMENT, held: 2, sold: 0, tickets: 0 });
    expect(await db.mailMessage.count({ where: { dedupeKey: `order:${order.id}` } }), "no ticket mail for tickets never issued").toBe(0);

    // Stripe redelivers the 500'd event: the tickets are issued, once, with their mail.
    const redelivered = await deliver(standIn.webhookRequest(completed));
    expect(await redelivered.json()).toMatchObject({ outcome: "PAID" });
    expect(await state(order.id, variantId)).toMatchObject({ status: OrderStatus.PAID, held: 0, sold: 2, tickets: 2 });
    expect(await db.mailMessage.count({ where: { dedupeKey: `order:${order.id}` } })).toBe(1);
  });

  it("events about sessions that are not ours (or not the order's own), or of other kinds, are acknowledged and change nothing", async () => {
    const { event, variants } = await sale();
    const { order, sessionId } = await buy(event.id, [{ variantId: variants[0]!.id, quantity: 1 }]);
    const signed = standIn.sessionEvent(sessionId, "checkout.session.completed");
    // Plain objects: variants of Stripe's event union are too many for the type checker.
    const completed = signed as unknown as Record<string, unknown>;
    const session = signed.data.object as unknown as Record<string, unknown>;
    const notOurs = {
      ...completed,
      id: "evt_not_ours",
      data: { object: { ...session, metadata: { orderId: randomUUID() }, client_reference_id: null } },
    };
    const noOrder = { ...completed, id: "evt_no_order", data: { object: { ...session, metadata: {}, client_reference_id: "x" } } };
    // Our order's id, but not the session it was sent to.
    const otherSession = { ...completed, id: "evt_other_session", data: { object: { ...session, id: "cs_test_someone_elses" } } };
    const otherKind = { ...completed, id: "evt_other_kind", type: "payment_intent.succeeded" };
    const outcomes = [];
    for (const e of [notOurs, noOrder, otherSession, otherKind]) {
      const response = await deliver(standIn.webhookRequest(JSON.stringify(e)));
      expect(response.status).toBe(200);
      outcomes.push((await response.json()).outcome);
    }
    expect(outcomes).toEqual(["UNKNOWN_ORDER", "UNKNOWN_ORDER", "UNKNOWN_ORDER", "IGNORED"]);
    expect(await state(order.id, variants[0]!.id)).toMatchObject({ status: OrderStatus.PENDING_PAYMENT, held: 1, tickets: 0 });
  });
});
