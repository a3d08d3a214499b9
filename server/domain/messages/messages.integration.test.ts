// Messages to guests against PostgreSQL and the stand-ins: who an audience is, each delivery
// path (mail to the catcher, SMS to the Twilio stand-in, SMS to the catcher without Twilio),
// provider refusals and outages, idempotent delivery, the SMS limit (and its race, with a
// negative control), opt-out by STOP and by the unsubscribe link, and the REST routes.
import { randomInt, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actorOf, createEvent, createGuest, createUser, inviteGuest } from "../../../prisma/factories";
import type { Actor } from "../../auth/actor";
import { DeliveryState, MessageChannel, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { appError } from "../../testing/rejections";
import { callRoute, expectProblem, userWithKey } from "../../testing/rest";
import { waitForMail } from "../../testing/mail";
import { messageDeliverJob } from "../jobs/definitions";
import { listCaughtSms, mailCatcherDir } from "../mail/catcher";
import { deliver } from "./deliver";
import { receiveInboundSms } from "./inbound";
import { listMessages } from "./list";
import { isOptedOut, oneClickUnsubscribeUrl, readUnsubscribeToken, unsubscribe, unsubscribeToken, unsubscribeView } from "./opt-out";
import { previewMessage } from "./preview";
import { SMS_STOP_HINT, type TMessageBody } from "./schema";
import { sendMessage } from "./send";
import { twilioSmsSender, type SmsSender } from "./sms";
import { counting } from "./testing/broken-sms-limit";
import { TwilioStandIn } from "./testing/twilio-stand-in";

vi.mock("./sms-limit", async (importOriginal) => {
  const real = await importOriginal<typeof import("./sms-limit")>();
  const { swappable } = await import("./testing/broken-sms-limit");
  return { ...real, takeSms: swappable(real) };
});

const db = useTestDb();
let twilioApi: TwilioStandIn;
let viaTwilio: SmsSender;

beforeAll(async () => {
  twilioApi = await TwilioStandIn.start();
  viaTwilio = twilioSmsSender(twilioApi.env);
});
afterAll(() => twilioApi.stop());

const tag = () => randomUUID().slice(0, 8);
const phone = () => `+4915${randomInt(10_000_000, 99_999_999)}`;
const email = (who: string) => `${who}-${tag()}@guests.test`;

async function curatorWithEvent({ smsMaxLimit }: { smsMaxLimit?: number } = {}) {
  const curator = await actorOf(db, (await createUser(db, { role: Role.CURATOR })).id);
  const { event, product } = await createEvent(db, {
    curatorId: curator.userId,
    title: `Message night ${tag()}`,
    tickets: [
      { name: "GA", price: 2500, quantity: 100 },
      { name: "VIP", price: 6000, quantity: 20 },
    ],
  });
  if (smsMaxLimit !== undefined) await db.event.update({ where: { id: event.id }, data: { messageInfo: { smsMaxLimit } } });
  return { curator, event, ticketTypes: product.variants };
}

async function guestOf(
  curator: Actor,
  eventId: string,
  contact: { email?: string; phoneNumber?: string },
  options: { checkedIn?: boolean; ticketTypeId?: string } = {},
) {
  const guest = await createGuest(db, { userId: curator.userId, ...contact });
  const entry = await inviteGuest(db, { eventId, guestId: guest.id, checkedIn: options.checkedIn ? { by: curator.userId } : undefined });
  if (options.ticketTypeId) await db.eventGuestToEvent.update({ where: { id: entry.id }, data: { variantId: options.ticketTypeId } });
  return guest;
}

const mail = (overrides: Partial<TMessageBody> = {}): TMessageBody => ({
  channel: "EMAIL",
  subject: `Doors at 22:00 ${tag()}`,
  body: "Side entrance is fastest.",
  ...overrides,
});
const sms = (overrides: Partial<TMessageBody> = {}): TMessageBody => ({ channel: "SMS", body: `Doors open now ${tag()}`, ...overrides });

async function deliveriesOf(messageId: string) {
  return db.messageDelivery.findMany({ where: { messageId }, orderBy: { createdAt: "asc" } });
}

describe("sending to an event's guests", () => {
  it("picks the audience (checked in or not, ticket types), skips guests without an address, and writes message, deliveries and outbox rows at once", async () => {
    const { curator, event, ticketTypes } = await curatorWithEvent();
    const inside = await guestOf(curator, event.id, { email: email("inside") }, { checkedIn: true, ticketTypeId: ticketTypes[0]!.id });
    const outside = await guestOf(curator, event.id, { email: email("outside") }, { ticketTypeId: ticketTypes[1]!.id });
    const noMail = await guestOf(curator, event.id, { phoneNumber: phone() });

    const everyone = await sendMessage(db, curator, event.id, mail());
    expect(everyone.message.recipients).toBe(2);
    expect(everyone.message.skipped).toEqual([{ guestId: noMail.id, reason: "NO_EMAIL" }]);
    const deliveries = await deliveriesOf(everyone.message.id);
    expect(deliveries.map((d) => [d.guestId, d.state]).sort()).toEqual(
      [
        [inside.id, DeliveryState.QUEUED],
        [outside.id, DeliveryState.QUEUED],
        [noMail.id, DeliveryState.SKIPPED],
      ].sort(),
    );
    const queuedIds = deliveries.filter((d) => d.state === DeliveryState.QUEUED).map((d) => d.id);
    const outbox = await db.outboxMessage.findMany({
      where: { name: "message.delivery.queued", payload: { path: ["deliveryId"], string_contains: "" } },
    });
    expect(
      outbox
        .map((m) => (m.payload as { deliveryId: string }).deliveryId)
        .filter((id) => queuedIds.includes(id))
        .sort(),
    ).toEqual(queuedIds.sort());

    const checkedIn = await sendMessage(db, curator, event.id, mail({ audience: { status: "CHECKED_IN" } }));
    expect((await deliveriesOf(checkedIn.message.id)).map((d) => d.guestId)).toEqual([inside.id]);
    const notCheckedIn = await sendMessage(db, curator, event.id, mail({ audience: { status: "NOT_CHECKED_IN" } }));
    expect((await deliveriesOf(notCheckedIn.message.id)).map((d) => d.guestId).sort()).toEqual([outside.id, noMail.id].sort());
    const vips = await sendMessage(db, curator, event.id, mail({ audience: { ticketTypeIds: [ticketTypes[1]!.id] } }));
    expect(vips.message).toMatchObject({ recipients: 1, skipped: [] });

    expect(await previewMessage(db, curator, event.id, mail())).toEqual({
      recipients: 2,
      skipped: { NO_EMAIL: 1, NO_PHONE: 0, OPTED_OUT: 0, SMS_LIMIT: 0 },
    });
    const listed = await listMessages(db, curator, event.id);
    expect(listed.messages.map((m) => m.id)).toEqual([vips, notCheckedIn, checkedIn, everyone].map((s) => s.message.id));
    expect(listed.messages[3]!.deliveries).toEqual({ QUEUED: 2, SENT: 0, FAILED: 0, SKIPPED: 1 });
  });

  it("refuses what cannot be sent: a ticket type of another event (400 naming it), an audience of nobody (422), someone else's event (404)", async () => {
    const { curator, event } = await curatorWithEvent();
    const { ticketTypes: otherTypes } = await curatorWithEvent();
    await guestOf(curator, event.id, { email: email("g") });
    const foreignType = await appError(sendMessage(db, curator, event.id, mail({ audience: { ticketTypeIds: [otherTypes[0]!.id] } })));
    expect(foreignType).toMatchObject({ code: "INVALID_INPUT", details: { errors: [{ path: "audience.ticketTypeIds" }] } });
    expect((await appError(sendMessage(db, curator, event.id, mail({ audience: { status: "CHECKED_IN" } })))).code).toBe("UNPROCESSABLE");
    const stranger = await actorOf(db, (await createUser(db, { role: Role.CURATOR })).id);
    expect((await appError(sendMessage(db, stranger, event.id, mail()))).code).toBe("NOT_FOUND");
    expect(await db.eventMessage.count({ where: { eventId: event.id } })).toBe(0);
  });
});

describe("delivery paths", () => {
  it("mail: the guest-message template through the mail stack, with the unsubscribe link and a one-click List-Unsubscribe; sent once however often the job runs", async () => {
    const { curator, event } = await curatorWithEvent();
    const address = email("reader");
    await guestOf(curator, event.id, { email: address });
    const { message } = await sendMessage(db, curator, event.id, mail({ subject: "Doors at 22:00", body: "Bring your QR code." }));
    const [delivery] = await deliveriesOf(message.id);

    expect(await messageDeliverJob.handler(db, { deliveryId: delivery!.id }, { messageId: randomUUID() })).toMatchObject({ status: "DONE" });
    const caught = await waitForMail(address, (m) => m.subject === "Doors at 22:00");
    expect(caught.text).toContain("Bring your QR code.");
    expect(caught.html).toContain(`/unsubscribe/${unsubscribeToken(delivery!.id)}`);
    const raw = (await readFile(path.join(mailCatcherDir(), `${caught.id}.eml`), "utf8")).replace(/\r\n\s+/g, " ");
    expect(raw).toContain(`List-Unsubscribe: <${oneClickUnsubscribeUrl(delivery!.id)}>`);
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const row = await db.messageDelivery.findUniqueOrThrow({ where: { id: delivery!.id } });
    expect(row).toMatchObject({ state: DeliveryState.SENT, providerId: caught.messageId, attempts: 1 });
    expect(row.sentAt).toBeInstanceOf(Date);

    // A retry or a repeated outbox delivery finds it SENT and sends nothing.
    expect(await messageDeliverJob.handler(db, { deliveryId: delivery!.id }, { messageId: randomUUID() })).toMatchObject({ status: "SKIPPED" });
    expect(await db.messageDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })).toMatchObject({ attempts: 1 });
  });

  it("SMS via the Twilio stand-in: To, From, Body and basic auth as Twilio checks them, SENT with Twilio's sid; sent once under retries", async () => {
    const { curator, event } = await curatorWithEvent();
    const number = phone();
    await guestOf(curator, event.id, { phoneNumber: number });
    const { message } = await sendMessage(db, curator, event.id, sms({ body: "Doors open now" }));
    const [delivery] = await deliveriesOf(message.id);

    const outcome = await deliver(db, { deliveryId: delivery!.id }, { sms: viaTwilio });
    const sent = twilioApi.sent.filter((s) => s.to === number);
    expect(sent).toEqual([{ to: number, from: twilioApi.from, body: `Doors open now${SMS_STOP_HINT}`, sid: expect.stringMatching(/^SM/) }]);
    expect(outcome).toEqual({ status: "sent", providerId: sent[0]!.sid });
    expect(twilioApi.requests.filter((r) => r.form.To === number).every((r) => r.authorized)).toBe(true);
    expect(await db.messageDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })).toMatchObject({
      state: DeliveryState.SENT,
      providerId: sent[0]!.sid,
    });

    expect(await deliver(db, { deliveryId: delivery!.id }, { sms: viaTwilio })).toEqual({ status: "skipped", reason: "not-queued" });
    expect(twilioApi.sent.filter((s) => s.to === number)).toHaveLength(1);
  });

  it("SMS via the Twilio stand-in: a number Twilio refuses (21211) is FAILED with Twilio's reason and no longer counts against the limit; an outage throws for a retry", async () => {
    const { curator, event } = await curatorWithEvent({ smsMaxLimit: 1 });
    const refused = phone();
    const later = phone();
    twilioApi.refuse(refused);
    const refusedGuest = await guestOf(curator, event.id, { phoneNumber: refused });
    await guestOf(curator, event.id, { phoneNumber: later });
    const { message } = await sendMessage(db, curator, event.id, sms());
    const deliveries = await deliveriesOf(message.id);
    const toRefused = deliveries.find((d) => d.address === refused)!;
    const toLater = deliveries.find((d) => d.address === later)!;

    const failed = await deliver(db, { deliveryId: toRefused.id }, { sms: viaTwilio });
    expect(failed).toEqual({ status: "failed", reason: expect.stringContaining("Twilio 21211") });
    expect(await db.messageDelivery.findUniqueOrThrow({ where: { id: toRefused.id } })).toMatchObject({
      state: DeliveryState.FAILED,
      reason: expect.stringMatching(/^Twilio 21211: The 'To' number/),
    });
    expect(await db.guestSmsCount.findUniqueOrThrow({ where: { eventId_guestId: { eventId: event.id, guestId: refusedGuest.id } } })).toMatchObject({
      count: 0,
    });

    twilioApi.down = true;
    try {
      await expect(deliver(db, { deliveryId: toLater.id }, { sms: viaTwilio })).rejects.toThrow();
      expect(await db.messageDelivery.findUniqueOrThrow({ where: { id: toLater.id } })).toMatchObject({ state: DeliveryState.QUEUED });
    } finally {
      twilioApi.down = false;
    }
    expect(await deliver(db, { deliveryId: toLater.id }, { sms: viaTwilio })).toMatchObject({ status: "sent" });
    expect(twilioApi.sent.filter((s) => s.to === later)).toHaveLength(1);
    expect((await listMessages(db, curator, event.id)).messages[0]!.deliveries).toEqual({ QUEUED: 0, SENT: 1, FAILED: 1, SKIPPED: 0 });
  });

  it("SMS without Twilio (development, tests): kept by the mail catcher for /dev/mail, with the number", async () => {
    const { curator, event } = await curatorWithEvent();
    const number = phone();
    await guestOf(curator, event.id, { phoneNumber: number });
    const { message } = await sendMessage(db, curator, event.id, sms({ body: "Caught, not sent" }));
    const [delivery] = await deliveriesOf(message.id);
    expect(await messageDeliverJob.handler(db, { deliveryId: delivery!.id }, { messageId: randomUUID() })).toMatchObject({ status: "DONE" });
    const caught = (await listCaughtSms(mailCatcherDir())).filter((s) => s.to === number);
    expect(caught).toEqual([expect.objectContaining({ to: number, body: `Caught, not sent${SMS_STOP_HINT}` })]);
  });
});

describe("the SMS limit", () => {
  it("skips a guest who had smsMaxLimit SMS of the event (SMS_LIMIT) and one without a phone (NO_PHONE); another event counts apart", async () => {
    const { curator, event } = await curatorWithEvent({ smsMaxLimit: 2 });
    const texted = await guestOf(curator, event.id, { phoneNumber: phone() });
    const noPhone = await guestOf(curator, event.id, { email: email("np") });
    for (let i = 0; i < 2; i++) expect((await sendMessage(db, curator, event.id, sms())).message.recipients).toBe(1);
    expect(await previewMessage(db, curator, event.id, sms())).toMatchObject({ recipients: 0, skipped: { SMS_LIMIT: 1, NO_PHONE: 1 } });
    const third = await sendMessage(db, curator, event.id, sms());
    expect(third.message.recipients).toBe(0);
    expect(third.message.skipped.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual([
      { guestId: noPhone.id, reason: "NO_PHONE" },
      { guestId: texted.id, reason: "SMS_LIMIT" },
    ]);
    // Mail is not limited.
    expect((await sendMessage(db, curator, event.id, mail())).message.recipients).toBe(1);
  });

  /** Ten SMS messages to the same guests at once; answers the most SMS any guest was given. */
  async function storm() {
    const { curator, event } = await curatorWithEvent({ smsMaxLimit: 3 });
    const guests = await Promise.all(Array.from({ length: 5 }, () => guestOf(curator, event.id, { phoneNumber: phone() })));
    const sent = await Promise.all(Array.from({ length: 10 }, () => sendMessage(db, curator, event.id, sms())));
    const perGuest = await db.messageDelivery.groupBy({
      by: ["guestId"],
      where: { eventId: event.id, channel: MessageChannel.SMS, state: DeliveryState.QUEUED },
      _count: { _all: true },
    });
    return { guests, sent, most: Math.max(...perGuest.map((row) => row._count._all)), total: perGuest.reduce((n, row) => n + row._count._all, 0) };
  }

  it("holds under ten messages sent at once: no guest gets more than smsMaxLimit, and every guest gets exactly that many", async () => {
    const { guests, sent, most, total } = await storm();
    expect(most).toBe(3);
    expect(total).toBe(guests.length * 3);
    expect(sent.reduce((n, s) => n + s.message.recipients, 0)).toBe(guests.length * 3);
    expect(sent.flatMap((s) => s.message.skipped).every((skip) => skip.reason === "SMS_LIMIT")).toBe(true);
  });

  it("(negative control) with a read-then-write count the same storm gives guests more than smsMaxLimit, and the same check sees it", async () => {
    counting.broken = "READ_THEN_WRITE";
    try {
      const { most } = await storm();
      expect(most).toBeGreaterThan(3);
    } finally {
      counting.broken = null;
    }
  });
});

describe("opting out", () => {
  it("the unsubscribe link (signed, one per delivery) stops that curator's mails to that address, for every event, and only theirs", async () => {
    const { curator, event } = await curatorWithEvent();
    const { event: secondEvent } = await createEvent(db, { curatorId: curator.userId });
    const other = await curatorWithEvent();
    const address = email("leaver");
    const guest = await guestOf(curator, event.id, { email: address });
    await inviteGuest(db, { eventId: secondEvent.id, guestId: guest.id });
    await guestOf(other.curator, other.event.id, { email: address.toUpperCase() });
    const first = await sendMessage(db, curator, event.id, mail());
    const [delivery] = await deliveriesOf(first.message.id);
    const token = unsubscribeToken(delivery!.id);

    expect(readUnsubscribeToken(`${delivery!.id}.${"A".repeat(43)}`)).toBeNull();
    expect(await unsubscribeView(db, `${randomUUID()}.forged`)).toEqual({ state: "FORGED" });
    expect(await unsubscribeView(db, token)).toEqual({ state: "OPEN", curatorName: curator.name, email: address });
    expect(await unsubscribe(db, token)).toMatchObject({ state: "UNSUBSCRIBED" });
    expect(await unsubscribe(db, token)).toMatchObject({ state: "UNSUBSCRIBED" });
    expect(await db.messageOptOut.count({ where: { curatorId: curator.userId } })).toBe(1);
    expect(await isOptedOut(db, { curatorId: curator.userId, email: address.toUpperCase(), channel: MessageChannel.EMAIL })).toBe(true);
    expect(await isOptedOut(db, { curatorId: curator.userId, email: address, channel: MessageChannel.SMS })).toBe(false);

    // The delivery queued before the click is not sent; later messages skip the address.
    expect(await deliver(db, { deliveryId: delivery!.id })).toEqual({ status: "skipped", reason: "opted-out" });
    expect(await db.messageDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })).toMatchObject({ state: "SKIPPED", reason: "OPTED_OUT" });
    expect((await sendMessage(db, curator, secondEvent.id, mail())).message.skipped).toEqual([{ guestId: guest.id, reason: "OPTED_OUT" }]);
    // Another curator's mails still reach the address.
    expect((await sendMessage(db, other.curator, other.event.id, mail())).message.recipients).toBe(1);
  });

  describe("STOP by SMS (Twilio's inbound webhook)", () => {
    const url = "https://marquee.example/webhooks/twilio/inbound";
    const signed = (params: Record<string, string>, authToken = twilioApi.authToken) => ({
      url,
      params,
      signature: twilio.getExpectedTwilioSignature(authToken, url, params),
    });

    it("a signed STOP opts the number out of SMS from every curator who texted it; START opts it back in", async () => {
      const { curator, event } = await curatorWithEvent();
      const bystander = await curatorWithEvent();
      const number = phone();
      const guest = await guestOf(curator, event.id, { phoneNumber: number });
      await guestOf(bystander.curator, bystander.event.id, { phoneNumber: number });
      await sendMessage(db, curator, event.id, sms());

      const stop = signed({ From: number, To: twilioApi.from, Body: " stop ", MessageSid: `SM${tag()}` });
      expect(await receiveInboundSms(db, stop, twilioApi.authToken)).toEqual({ action: "OPTED_OUT", curators: 1 });
      expect(await receiveInboundSms(db, stop, twilioApi.authToken)).toEqual({ action: "OPTED_OUT", curators: 1 });
      expect(await db.messageOptOut.findMany({ where: { address: number }, select: { curatorId: true, channel: true, source: true } })).toEqual([
        { curatorId: curator.userId, channel: MessageChannel.SMS, source: "STOP" },
      ]);
      expect((await sendMessage(db, curator, event.id, sms())).message.skipped).toEqual([{ guestId: guest.id, reason: "OPTED_OUT" }]);
      // Mails from the curator and SMS from a curator who never texted it still go.
      expect((await sendMessage(db, bystander.curator, bystander.event.id, sms())).message.recipients).toBe(1);

      expect(await receiveInboundSms(db, signed({ From: number, Body: "START" }), twilioApi.authToken)).toEqual({ action: "OPTED_IN" });
      expect(await isOptedOut(db, { curatorId: curator.userId, phone: number, channel: MessageChannel.SMS })).toBe(false);
      expect(await receiveInboundSms(db, signed({ From: number, Body: "see you there" }), twilioApi.authToken)).toEqual({ action: "IGNORED" });
    });

    it("over HTTP: Twilio's form POST to /webhooks/twilio/inbound, signed for APP_URL's address, answers empty TwiML and opts out; unsigned is a 403 problem", async () => {
      const { curator, event } = await curatorWithEvent();
      const number = phone();
      await guestOf(curator, event.id, { phoneNumber: number });
      await sendMessage(db, curator, event.id, sms());
      const appUrl = "https://tickets.marquee.example";
      for (const [name, value] of Object.entries({ ...twilioApi.env, APP_URL: appUrl })) vi.stubEnv(name, value);
      vi.resetModules();
      try {
        const { POST } = await import("../../../app/webhooks/twilio/inbound/route");
        const params = { From: number, To: twilioApi.from, Body: "STOP", MessageSid: `SM${tag()}` };
        // Twilio signs the public address it called; the request reaches the app under another host.
        const post = (signature: string | null) =>
          POST(
            new Request("http://10.0.0.7:3000/webhooks/twilio/inbound", {
              method: "POST",
              headers: { "content-type": "application/x-www-form-urlencoded", ...(signature ? { "x-twilio-signature": signature } : {}) },
              body: new URLSearchParams(params).toString(),
            }),
          );
        await expectProblem(await post(null), 403, "FORBIDDEN");
        await expectProblem(
          await post(twilio.getExpectedTwilioSignature(twilioApi.authToken, "http://10.0.0.7:3000/webhooks/twilio/inbound", params)),
          403,
        );
        expect(await isOptedOut(db, { curatorId: curator.userId, phone: number, channel: MessageChannel.SMS })).toBe(false);

        const answer = await post(twilio.getExpectedTwilioSignature(twilioApi.authToken, `${appUrl}/webhooks/twilio/inbound`, params));
        expect(answer.status).toBe(200);
        expect(answer.headers.get("content-type")).toBe("text/xml");
        expect(await answer.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
        expect(await isOptedOut(db, { curatorId: curator.userId, phone: number, channel: MessageChannel.SMS })).toBe(true);
      } finally {
        vi.unstubAllEnvs();
        vi.resetModules();
      }
    });

    it("a request with no signature, a wrong one, or one signed for other parameters is refused (403) and changes nothing", async () => {
      const { curator, event } = await curatorWithEvent();
      const number = phone();
      await guestOf(curator, event.id, { phoneNumber: number });
      await sendMessage(db, curator, event.id, sms());
      const stop = { From: number, Body: "STOP" };
      for (const forged of [
        { url, params: stop, signature: null },
        signed(stop, "not-the-auth-token"),
        { ...signed({ From: phone(), Body: "STOP" }), params: stop },
      ]) {
        expect((await appError(receiveInboundSms(db, forged, twilioApi.authToken))).code).toBe("FORBIDDEN");
      }
      expect((await appError(receiveInboundSms(db, signed(stop), undefined))).code).toBe("FORBIDDEN");
      expect(await db.messageOptOut.count({ where: { address: number } })).toBe(0);
    });
  });
});

describe("REST: /product-event/:id/messages", () => {
  it("POST answers 202 { message: { id, recipients, skipped } }; GET lists it with its delivery counts; a bad body is a 400 naming the field", async () => {
    const { POST, GET } = await import("../../../app/(rest)/product-event/[id]/messages/route");
    const { user, key } = await userWithKey(db, Role.CURATOR);
    const { event } = await createEvent(db, { curatorId: user.id });
    const curator = await actorOf(db, user.id);
    const reader = await guestOf(curator, event.id, { email: email("rest") });
    const silent = await guestOf(curator, event.id, {});
    const path = `/product-event/${event.id}/messages`;

    const posted = await callRoute(POST, { method: "POST", path, key, params: { id: event.id }, json: mail() });
    expect(posted.status).toBe(202);
    const body = await posted.json();
    expect(body).toEqual({ message: { id: expect.any(String), recipients: 1, skipped: [{ guestId: silent.id, reason: "NO_EMAIL" }] } });
    expect(reader.id).not.toBe(silent.id);

    const listed = await callRoute(GET, { path, key, params: { id: event.id } });
    expect(listed.status).toBe(200);
    expect((await listed.json()).messages).toEqual([
      expect.objectContaining({ id: body.message.id, channel: "EMAIL", recipients: 1, deliveries: { QUEUED: 1, SENT: 0, FAILED: 0, SKIPPED: 1 } }),
    ]);

    const noSubject = await callRoute(POST, { method: "POST", path, key, params: { id: event.id }, json: { channel: "EMAIL", body: "Hi" } });
    expect((await expectProblem(noSubject, 400)).errors).toEqual([expect.objectContaining({ path: "subject" })]);
    const smsSubject = await callRoute(POST, {
      method: "POST",
      path,
      key,
      params: { id: event.id },
      json: { channel: "SMS", subject: "x", body: "Hi" },
    });
    expect((await expectProblem(smsSubject, 400)).errors).toEqual([expect.objectContaining({ path: "subject" })]);
  });
});
