// Partner webhooks against a local stand-in receiver that verifies every request with the
// standardwebhooks package's own verifier: each event type from the change to the receiver
// through the outbox, retries on the backoff schedule (clock moved), one delivery per outbox
// message however often it is fanned out, SSRF refusals at creation and at send time (DNS
// rebinding), endpoints disabled after three days of failures with their owner mailed, and
// redeliveries under the same webhook-id. A database of this file's own: the sends here claim
// any due delivery.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors";
import { Role, WebhookDeliveryStatus } from "../../generated/prisma/enums";
import { actorFor, createEventInput } from "../../testing/events";
import { farFutureDates, useScratchDb } from "../../testing/jobs";
import { checkIn } from "../checkin/check-in";
import { createEvent } from "../events/create";
import { updateEvent } from "../events/update";
import { drainJobs } from "../jobs/runner";
import { placeOrder } from "../orders/place";
import { ZPlaceOrderInput } from "../orders/schema";
import { createWebhookEndpoint } from "./create";
import { listWebhookDeliveries } from "./deliveries";
import { fanOutPartnerEvent } from "./fan-out";
import { redeliverWebhook } from "./redeliver";
import { rotateWebhookSecret } from "./rotate-secret";
import { PARTNER_EVENT_TYPES, type PartnerEventType } from "./schema";
import { DISABLE_AFTER_MS, MAX_TRIES, RETRY_DELAYS_MS, sendDueDeliveries } from "./send";
import { startWebhookReceiver, type WebhookReceiverStandIn } from "./testing/receiver-stand-in";
import type { Resolve, UrlPolicy } from "./url-guard";

const scratch = useScratchDb("webhooks");
let receiver: WebhookReceiverStandIn;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.received.length = 0;
  receiver.replies.length = 0;
});

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const STRICT: UrlPolicy = { allowPrivate: false, requireHttps: true };
const answering =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

/** A curator with an endpoint at the stand-in (the stand-in verifies with its secret). */
async function curatorWithEndpoint(events: PartnerEventType[] = [...PARTNER_EVENT_TYPES]) {
  const curator = await actorFor(scratch.db, Role.CURATOR);
  const { endpoint } = await createWebhookEndpoint(scratch.db, curator, { url: receiver.url, events });
  receiver.secret = endpoint.secret;
  return { curator, endpoint };
}

async function freeEvent(curator: Actor) {
  const input = createEventInput({ ...farFutureDates(), tickets: [{ name: "Free entry", price: 0, quantity: 50 }] });
  return createEvent(scratch.db, curator, input);
}

/** One delivery of an event.created message (a fresh message id each time), fanned out at `now`. */
async function deliveryAt(curator: Actor, now: Date) {
  const { event, product } = await freeEvent(curator);
  const messageId = randomUUID();
  await fanOutPartnerEvent(scratch.db, "event.created", { eventId: event.id, productId: product.id, curatorId: curator.userId }, { messageId, now });
  return scratch.db.webhookDelivery.findFirstOrThrow({ where: { sourceMessageId: messageId } });
}

describe("partner webhooks against a stand-in receiver", () => {
  it("delivers each event type from the outbox, signed (verified by standardwebhooks' Webhook.verify), with ids and the changed resource", async () => {
    const { curator, endpoint } = await curatorWithEndpoint();
    const { event, product } = await freeEvent(curator);
    const order = await placeOrder(scratch.db, {
      eventId: event.id,
      input: ZPlaceOrderInput.parse({
        items: [{ variantId: product.variants[0]!.id, quantity: 1 }],
        buyer: { firstName: "Wanda", lastName: "Webhook", email: `wanda-${randomUUID().slice(0, 8)}@buyers.test` },
      }),
    });
    const answer = await checkIn(scratch.db, curator, { eventId: event.id, code: order.tickets[0]!.code });
    expect(answer.answer.result).toBe("CHECKED_IN");
    await updateEvent(scratch.db, curator, event.id, { title: "Renamed for partners" });
    await updateEvent(scratch.db, curator, event.id, { status: "ON_HOLD" });

    await drainJobs(scratch.db);

    expect(receiver.received.map((r) => r.error)).toEqual(receiver.received.map(() => null));
    const byType = new Map(receiver.received.map((r) => [r.verified!.type, r]));
    expect([...byType.keys()].sort()).toEqual([...PARTNER_EVENT_TYPES].sort());
    for (const r of receiver.received) {
      expect(r.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(r.headers["webhook-signature"]).toMatch(/^v1,/);
    }
    const data = (type: PartnerEventType) => byType.get(type)!.verified!.data as Record<string, any>;
    expect(data("event.created")).toMatchObject({ eventId: event.id, productId: product.id, event: { id: event.id, lineups: expect.any(Array) } });
    expect(data("event.updated")).toMatchObject({ eventId: event.id, event: { title: "Renamed for partners" } });
    expect(data("event.status.changed")).toMatchObject({
      eventId: event.id,
      oldStatus: "UPCOMING",
      newStatus: "ON_HOLD",
      event: { status: "ON_HOLD" },
    });
    expect(data("order.paid")).toMatchObject({
      orderId: order.id,
      eventId: event.id,
      order: { id: order.id, status: "PAID", items: [{ variantId: product.variants[0]!.id, quantity: 1 }] },
    });
    expect(data("guest.checked_in")).toMatchObject({
      eventId: event.id,
      checkIn: { status: "CHECKED_IN", guest: { fullName: "Wanda Webhook" }, checkedInBy: { id: curator.userId } },
    });

    const { deliveries } = await listWebhookDeliveries(scratch.db, curator, endpoint.id);
    expect(deliveries.map((d) => [d.status, d.recentAttempts.map((a) => a.statusCode)])).toEqual(
      deliveries.map(() => [WebhookDeliveryStatus.SUCCEEDED, [204]]),
    );
  });

  it("writes no order.paid or guest.checked_in message for a curator without a subscribed endpoint", async () => {
    const curator = await actorFor(scratch.db, Role.CURATOR);
    await createWebhookEndpoint(scratch.db, curator, { url: receiver.url, events: ["event.created"] });
    const { event, product } = await freeEvent(curator);
    const order = await placeOrder(scratch.db, {
      eventId: event.id,
      input: ZPlaceOrderInput.parse({
        items: [{ variantId: product.variants[0]!.id, quantity: 1 }],
        buyer: { firstName: "N", lastName: "O", email: "no@buyers.test" },
      }),
    });
    await checkIn(scratch.db, curator, { eventId: event.id, code: order.tickets[0]!.code });
    const names = await scratch.db.outboxMessage.findMany({ where: { payload: { path: ["eventId"], equals: event.id } }, select: { name: true } });
    expect(names.map((m) => m.name)).not.toContain("order.paid");
    expect(names.map((m) => m.name)).not.toContain("guest.checked_in");
  });

  it("retries on the backoff schedule (clock moved): the stand-in fails twice, then takes the same webhook-id", async () => {
    const { curator } = await curatorWithEndpoint(["event.created"]);
    const t0 = new Date();
    const delivery = await deliveryAt(curator, t0);
    const send = (at: number) => sendDueDeliveries(scratch.db, { ids: [delivery.id], now: new Date(t0.getTime() + at) });
    receiver.replies.push(500, 503);

    expect(await send(0)).toEqual({ succeeded: 0, failed: 1 });
    expect(await send(RETRY_DELAYS_MS[0]! - 1000)).toEqual({ succeeded: 0, failed: 0 }); // not due yet
    expect(await send(RETRY_DELAYS_MS[0]!)).toEqual({ succeeded: 0, failed: 1 });
    expect(await send(RETRY_DELAYS_MS[0]! + RETRY_DELAYS_MS[1]!)).toEqual({ succeeded: 1, failed: 0 });

    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery.webhookId]));
    expect(receiver.received.every((r) => r.verified !== null)).toBe(true);
    const attempts = await scratch.db.webhookAttempt.findMany({ where: { deliveryId: delivery.id }, orderBy: { attemptedAt: "asc" } });
    expect(attempts.map((a) => a.statusCode)).toEqual([500, 503, 204]);
    const done = await scratch.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(done).toMatchObject({ status: WebhookDeliveryStatus.SUCCEEDED, attempts: 3, nextAttemptAt: null });
  });

  it("keeps trying a failing endpoint for more than 24 hours, then fails the delivery", async () => {
    const { curator } = await curatorWithEndpoint(["event.created"]);
    const t0 = new Date();
    const delivery = await deliveryAt(curator, t0);
    receiver.replies.push(...Array<number>(MAX_TRIES).fill(500));
    let now = t0;
    for (let i = 0; i < MAX_TRIES; i++) {
      expect(await sendDueDeliveries(scratch.db, { ids: [delivery.id], now })).toEqual({ succeeded: 0, failed: 1 });
      const row = await scratch.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      if (row.nextAttemptAt) now = row.nextAttemptAt;
    }
    const failed = await scratch.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(failed).toMatchObject({ status: WebhookDeliveryStatus.FAILED, attempts: MAX_TRIES, lastStatusCode: 500, nextAttemptAt: null });
    const attempts = await scratch.db.webhookAttempt.findMany({ where: { deliveryId: delivery.id }, orderBy: { attemptedAt: "asc" } });
    expect(attempts.at(-1)!.attemptedAt.getTime() - attempts[0]!.attemptedAt.getTime()).toBeGreaterThanOrEqual(DAY_MS);
    expect(receiver.received).toHaveLength(MAX_TRIES);
  });

  it("makes one delivery of an outbox message fanned out again, or twice at once", async () => {
    const { curator, endpoint } = await curatorWithEndpoint(["event.created"]);
    const { event, product } = await freeEvent(curator);
    const payload = { eventId: event.id, productId: product.id, curatorId: curator.userId };
    const messageId = randomUUID();
    await Promise.all([
      fanOutPartnerEvent(scratch.db, "event.created", payload, { messageId }),
      fanOutPartnerEvent(scratch.db, "event.created", payload, { messageId }),
    ]);
    await fanOutPartnerEvent(scratch.db, "event.created", payload, { messageId });
    const count = () =>
      scratch.db.webhookDelivery.count({
        where: { endpointId: endpoint.id, eventType: "event.created", payload: { path: ["data", "eventId"], equals: event.id } },
      });
    expect(await count()).toBe(1);
    // Control: another message about the same event is another delivery.
    await fanOutPartnerEvent(scratch.db, "event.created", payload, { messageId: randomUUID() });
    expect(await count()).toBe(2);
  });

  it("redelivers under the same webhook-id, signed with the current secret after a rotation", async () => {
    const { curator, endpoint } = await curatorWithEndpoint(["event.created"]);
    const delivery = await deliveryAt(curator, new Date());
    await sendDueDeliveries(scratch.db, { ids: [delivery.id] });
    const { endpoint: rotated } = await rotateWebhookSecret(scratch.db, curator, endpoint.id);
    expect(rotated.secret).not.toBe(endpoint.secret);

    // Two redeliveries at once make one: the other is told the message is still being delivered.
    const [first, second] = await Promise.allSettled([
      redeliverWebhook(scratch.db, curator, delivery.id),
      redeliverWebhook(scratch.db, curator, delivery.id),
    ]);
    const settled = [first, second];
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    expect(settled.find((s) => s.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    const again = (settled.find((s) => s.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof redeliverWebhook>>>).value;
    expect(again.delivery).toMatchObject({ webhookId: delivery.webhookId, status: WebhookDeliveryStatus.PENDING });
    // The stand-in still holds the old secret: the redelivery, signed with the new one, is refused.
    await sendDueDeliveries(scratch.db, { ids: [again.delivery.id] });
    expect(receiver.received.at(-1)!.verified).toBeNull();
    receiver.secret = rotated.secret;
    const third = await scratch.db.webhookDelivery.findUniqueOrThrow({ where: { id: again.delivery.id } });
    await sendDueDeliveries(scratch.db, { ids: [third.id], now: third.nextAttemptAt! });
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([delivery.webhookId, delivery.webhookId, delivery.webhookId]);
    expect(receiver.received.at(-1)!.verified).toMatchObject({ type: "event.created" });
  });

  it("disables an endpoint failing for three days, fails what it still waits to send, and mails its owner", async () => {
    const { curator, endpoint } = await curatorWithEndpoint(["event.created"]);
    receiver.replies.push(...Array<number>(10).fill(500));
    const t0 = new Date();
    for (const day of [0, 1, 2]) {
      const at = new Date(t0.getTime() + day * DAY_MS);
      const delivery = await deliveryAt(curator, at);
      await sendDueDeliveries(scratch.db, { ids: [delivery.id], now: at });
      expect((await scratch.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
    }
    const last = new Date(t0.getTime() + DISABLE_AFTER_MS + MINUTE_MS);
    const delivery = await deliveryAt(curator, last);
    await sendDueDeliveries(scratch.db, { ids: [delivery.id], now: last });

    const disabled = await scratch.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled).toMatchObject({ enabled: false, disabledAt: last, failingSince: t0 });
    expect(disabled.disabledReason).toMatch(/3 days.*HTTP 500/);
    expect(await scratch.db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: WebhookDeliveryStatus.PENDING } })).toBe(0);
    const mail = await scratch.db.mailMessage.findFirstOrThrow({ where: { to: curator.email, template: "webhook-endpoint-disabled" } });
    expect(mail.props).toMatchObject({ url: endpoint.url, failingSince: t0.toISOString(), lastError: "HTTP 500" });
    // A disabled endpoint receives nothing more, and refuses a redelivery until it is enabled.
    await expect(redeliverWebhook(scratch.db, curator, delivery.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a success resets the failure clock: an endpoint that recovers in between is not disabled", async () => {
    const { curator, endpoint } = await curatorWithEndpoint(["event.created"]);
    const t0 = new Date();
    receiver.replies.push(500);
    await sendDueDeliveries(scratch.db, { ids: [(await deliveryAt(curator, t0)).id], now: t0 });
    const mid = new Date(t0.getTime() + DAY_MS);
    await sendDueDeliveries(scratch.db, { ids: [(await deliveryAt(curator, mid)).id], now: mid }); // 204
    receiver.replies.push(500);
    const late = new Date(t0.getTime() + DISABLE_AFTER_MS + MINUTE_MS);
    await sendDueDeliveries(scratch.db, { ids: [(await deliveryAt(curator, late)).id], now: late });
    expect(await scratch.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ enabled: true, failingSince: late });
  });
});

describe("partner webhooks refuse loopback, private and plain-http targets (SSRF)", () => {
  let curator: Actor;
  beforeAll(async () => {
    curator = await actorFor(scratch.db, Role.CURATOR);
  });
  const refusedUrl = async (url: string, options: { policy?: UrlPolicy; resolve?: Resolve } = {}) => {
    const error = await createWebhookEndpoint(scratch.db, curator, { url, events: ["order.paid"] }, { policy: STRICT, ...options }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, url).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    return (error as AppError).details.errors!;
  };

  it.each([
    "https://127.0.0.1/hooks",
    "https://127.1.2.3/hooks",
    "https://10.0.0.8/hooks",
    "https://192.168.1.20/hooks",
    "https://172.16.5.5/hooks",
    "https://169.254.169.254/latest/meta-data",
    "https://[::1]/hooks",
    "https://[fc00::1]/hooks",
    "https://[fd12:3456::1]/hooks",
    "https://[fe80::1]/hooks",
    "https://[::ffff:127.0.0.1]/hooks",
    "https://[::ffff:10.0.0.1]/hooks",
    "https://localhost/hooks",
    "http://partner.example/hooks",
    "ftp://partner.example/hooks",
    "https://user:secret@partner.example/hooks",
    "not a url",
  ])("refuses %s with a 400 naming url", async (url) => {
    const errors = await refusedUrl(url, { resolve: answering("93.184.216.34") });
    expect(errors.map((e) => e.path)).toEqual(["url"]);
  });

  it("refuses a hostname that resolves to a private address, and one that does not resolve", async () => {
    expect((await refusedUrl("https://inside.partner.test/hooks", { resolve: answering("93.184.216.34", "10.1.1.1") }))[0]!.message).toMatch(
      /resolves to/,
    );
    const nowhere: Resolve = () => Promise.reject(Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" }));
    expect((await refusedUrl("https://nowhere.partner.test/hooks", { resolve: nowhere }))[0]!.message).toMatch(/could not be resolved/);
  });

  it("accepts a public https endpoint (control), and private ones with WEBHOOKS_ALLOW_PRIVATE_URLS=1", async () => {
    const ok = await createWebhookEndpoint(
      scratch.db,
      curator,
      { url: "https://partner.example/hooks", events: ["order.paid"] },
      { policy: STRICT, resolve: answering("93.184.216.34") },
    );
    expect(ok.endpoint.secret).toMatch(/^whsec_/);
    const allowed = { allowPrivate: true, requireHttps: true };
    await expect(
      createWebhookEndpoint(scratch.db, curator, { url: "http://127.0.0.1:9/x", events: ["order.paid"] }, { policy: allowed }),
    ).resolves.toBeTruthy();
  });

  it("refuses at send time a hostname that now resolves to a private address (DNS rebinding), before connecting", async () => {
    const owner = await actorFor(scratch.db, Role.CURATOR);
    const port = new URL(receiver.url).port;
    const url = `http://rebind.partner.test:${port}/marquee-hooks`;
    const { endpoint } = await createWebhookEndpoint(
      scratch.db,
      owner,
      { url, events: ["event.created"] },
      { policy: { allowPrivate: false, requireHttps: false }, resolve: answering("93.184.216.34") },
    );
    receiver.secret = endpoint.secret;
    const delivery = await deliveryAt(owner, new Date());
    // The name now points at this machine, where the stand-in listens.
    const rebound = answering("127.0.0.1");
    expect(
      await sendDueDeliveries(scratch.db, { ids: [delivery.id], policy: { allowPrivate: false, requireHttps: false }, resolve: rebound }),
    ).toEqual({ succeeded: 0, failed: 1 });
    expect(receiver.received).toHaveLength(0);
    const row = await scratch.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: WebhookDeliveryStatus.PENDING, lastStatusCode: null });
    expect(row.lastError).toMatch(/Refused: rebind\.partner\.test resolves to 127\.0\.0\.1/);
    // Control: the same send with private addresses allowed does reach the stand-in, so the refusal above is the guard's.
    await sendDueDeliveries(scratch.db, {
      ids: [delivery.id],
      now: row.nextAttemptAt!,
      policy: { allowPrivate: true, requireHttps: false },
      resolve: rebound,
    });
    expect(receiver.received.map((r) => r.verified?.type)).toEqual(["event.created"]);
  });
});
