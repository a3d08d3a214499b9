// A paid order survives the process handling its payment being killed. Stripe's webhook for a
// completed Checkout Session (signed by the stand-in, testing/stripe-stand-in.ts) is handled in
// a real process (server/testing/crash-webhook.ts); a test trigger makes the first ticket's
// INSERT wait, i.e. after the payment was recorded (the order PAID, the buyer in the guest book)
// and before any ticket exists, and the test SIGKILLs the process there. Stripe redelivers an
// event until it is answered 2xx: a fresh process handles it again and issues the tickets
// exactly once; a third delivery changes nothing. Negative control: a settlement that commits
// the payment before issuing (testing/commit-payment-first.ts), killed at the same point,
// leaves a paid order without tickets, and the same check sees it.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createEvent } from "../../../prisma/factories";
import type { Db } from "../../db/client";
import { OrderStatus, Role } from "../../generated/prisma/enums";
import { actorFor } from "../../testing/events";
import { useScratchDb } from "../../testing/jobs";
import { exited, startWorker, workerEnv } from "../../testing/worker-process";
import { placeOrder } from "../orders/place";
import { ZPlaceOrderInput } from "../orders/schema";
import { StripeStandIn } from "./testing/stripe-stand-in";

// Before anything reads the environment: this file's Stripe is the stand-in.
const standIn = await StripeStandIn.start();
process.env.STRIPE_SECRET_KEY = "sk_test_marquee_stand_in";
process.env.STRIPE_WEBHOOK_SECRET = standIn.webhookSecret;
process.env.STRIPE_API_URL = standIn.origin;
afterAll(() => standIn.close());

const scratch = useScratchDb("webhook_crash");
const TICKETS = 2;

/** A held order of TICKETS paid tickets, and Stripe's signed "completed" event for its session. */
async function paidAtStripe(db: Db) {
  const curator = await actorFor(db, Role.CURATOR);
  const { event, product } = await createEvent(db, { curatorId: curator.userId, tickets: [{ name: "GA", price: 2500, quantity: 10 }] });
  const variantId = product.variants[0]!.id;
  const input = ZPlaceOrderInput.parse({
    items: [{ variantId, quantity: TICKETS }],
    buyer: { firstName: "Zoë", lastName: "Müller", email: `crash-${randomUUID()}@buyers.test` },
  });
  const order = await placeOrder(db, { eventId: event.id, input });
  const { stripeSessionId } = await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { stripeSessionId: true } });
  const request = standIn.webhookRequest(standIn.sessionEvent(stripeSessionId!, "checkout.session.completed"));
  return { orderId: order.id, variantId, payload: await request.text(), signature: request.headers.get("stripe-signature")! };
}

type Delivery = Awaited<ReturnType<typeof paidAtStripe>>;

function deliverInProcess(delivery: Delivery, fault?: string) {
  return startWorker(
    "server/testing/crash-webhook.ts",
    workerEnv(scratch.url, {
      STRIPE_WEBHOOK_SECRET: standIn.webhookSecret,
      PAYLOAD: delivery.payload,
      SIGNATURE: delivery.signature,
      ...(fault ? { FAULT: fault } : {}),
    }),
  );
}

/** Delivers in a fresh process to the end; answers the webhook's outcome. */
async function redeliver(delivery: Delivery): Promise<string | undefined> {
  const child = deliverInProcess(delivery);
  expect(await exited(child), child.errors.join("")).toBe(0);
  const line = child.lines.find((l) => l.startsWith("answer "));
  return line ? (JSON.parse(line.slice("answer ".length)) as { outcome: string }).outcome : undefined;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Delivers in a process, SIGKILLed while its first ticket's INSERT waits; answers once its database session is gone too. */
async function killedBeforeTickets(db: Db, delivery: Delivery, fault?: string): Promise<void> {
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION test_pause_before_tickets() RETURNS trigger AS $$
    BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE TRIGGER test_pause_before_tickets BEFORE INSERT ON "EventGuestToEvent"
    FOR EACH ROW WHEN (NEW.order_id = '${delivery.orderId}') EXECUTE FUNCTION test_pause_before_tickets()`);
  const child = deliverInProcess(delivery, fault);
  try {
    const pid = await until("the settlement to reach the tickets", async () => {
      const [row] = await db.$queryRaw<{ pid: number }[]>`
        SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`;
      return row?.pid;
    });
    child.kill("SIGKILL");
    await exited(child);
    expect(child.lines.some((l) => l.startsWith("answer "))).toBe(false);
    // The killed process's session ends (and its transaction rolls back) once PostgreSQL finds its client gone.
    await until("the killed process's database session to end", async () => {
      const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}`;
      return rows.length === 0 ? true : undefined;
    });
  } finally {
    child.kill("SIGKILL");
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_pause_before_tickets ON "EventGuestToEvent"`);
  }
}

async function state(db: Db, { orderId, variantId }: Delivery) {
  const [order, variant, tickets, mails] = await Promise.all([
    db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } }),
    db.productVariant.findUniqueOrThrow({ where: { id: variantId }, select: { sold: true, held: true } }),
    db.eventGuestToEvent.count({ where: { orderId } }),
    db.mailMessage.count({ where: { dedupeKey: `order:${orderId}` } }),
  ]);
  return { status: order.status, sold: variant.sold, held: variant.held, tickets, mails };
}

/** What is wrong after the redeliveries: anything but a PAID order with its tickets, sold, and one mail. */
async function losses(db: Db, delivery: Delivery): Promise<string[]> {
  const now = await state(db, delivery);
  const problems: string[] = [];
  if (now.status !== OrderStatus.PAID) problems.push(`the order is ${now.status}`);
  if (now.tickets !== TICKETS) problems.push(`${now.tickets} tickets issued for ${TICKETS} paid`);
  if (now.sold !== TICKETS || now.held !== 0) problems.push(`counters sold ${now.sold}, held ${now.held}`);
  if (now.mails !== 1) problems.push(`${now.mails} ticket mails queued`);
  return problems;
}

describe("Stripe's webhook, its process SIGKILLed between the payment record and the tickets (stand-in)", () => {
  it(
    "loses nothing: the order stays held, Stripe's redelivery in a fresh process issues the tickets once, a third delivery changes nothing",
    { timeout: 120_000 },
    async () => {
      const db = scratch.db;
      const delivery = await paidAtStripe(db);
      await killedBeforeTickets(db, delivery);
      // Nothing of the killed settlement remains: not the payment, no ticket, no mail.
      expect(await state(db, delivery)).toEqual({ status: OrderStatus.PENDING_PAYMENT, sold: 0, held: TICKETS, tickets: 0, mails: 0 });

      expect(await redeliver(delivery)).toBe("PAID");
      expect(await losses(db, delivery)).toEqual([]);
      expect(await redeliver(delivery)).toBe("ALREADY_PAID");
      expect(await losses(db, delivery)).toEqual([]);
    },
  );

  it(
    "(negative control) a settlement that commits the payment before issuing, killed at the same point, loses the tickets, and the same check sees it",
    { timeout: 120_000 },
    async () => {
      const db = scratch.db;
      const delivery = await paidAtStripe(db);
      await killedBeforeTickets(db, delivery, "commit-payment-first");
      expect(await redeliver(delivery)).toBe("ALREADY_PAID");
      const found = await losses(db, delivery);
      console.log(`negative control: ${found.join("; ")}`);
      expect(found.length).toBeGreaterThan(0);
    },
  );
});
