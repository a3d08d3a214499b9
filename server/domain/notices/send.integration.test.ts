// The automatic guest mails: the reminder before the start and the location at the reveal, found
// by the notices sweep through their due columns; the notices of a cancellation and of a change
// of time or place, from their outbox messages. Each guest gets each one once, however often
// (and however concurrently) the jobs run; a second change tells them again.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEvent, createGuest, inviteGuest } from "../../../prisma/factories";
import { EventStatus, MessageChannel, OptOutSource, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { createSoldOrder } from "../../testing/sales";
import { updateEvent } from "../events/update";
import { guestNoticesJob } from "../jobs/definitions";
import { recordOptOut } from "../messages/opt-out";
import { sendDueNotices } from "./send";

const db = useTestDb();
const HOUR_MS = 60 * 60 * 1000;

/** An event with an invited guest, a buyer of two tickets, and a guest without an email. */
async function eventWithGuests(fields: Record<string, unknown> = {}) {
  const curator = await actorFor(db, Role.CURATOR);
  const { event, product } = await createEvent(db, { curatorId: curator.userId, ...fields });
  const tag = randomUUID().slice(0, 8);
  const invited = await createGuest(db, { userId: curator.userId, email: `invited-${tag}@guests.test` });
  await inviteGuest(db, { eventId: event.id, guestId: invited.id });
  const noEmail = await createGuest(db, { userId: curator.userId });
  await inviteGuest(db, { eventId: event.id, guestId: noEmail.id });
  const buyerEmail = `buyer-${tag}@guests.test`;
  await createSoldOrder(db, { eventId: event.id, items: [{ variantId: product.variants[0]!.id, quantity: 2 }], buyer: { email: buyerEmail } });
  return { curator, event, emails: [invited.email!, buyerEmail].sort() };
}

async function noticesOf(eventId: string, kind: string) {
  const mails = await db.mailMessage.findMany({ where: { template: "event-notice", dedupeKey: { contains: eventId } } });
  return mails.filter((m) => (m.props as { kind: string }).kind === kind);
}

describe("automatic guest mails", () => {
  it("schedule the reminder (24 h by default, per event) and the location at the reveal moment", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const startDate = new Date(Date.now() + 10 * 24 * HOUR_MS);
    const { event } = await createEvent(db, {
      curatorId: curator.userId,
      startDate,
      isAddressRevealEnabled: true,
      addressRevealConfig: { hoursBeforeStart: 6 },
    });
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      reminderHoursBefore: 24,
      reminderDueAt: new Date(startDate.getTime() - 24 * HOUR_MS),
      locationNoticeDueAt: new Date(startDate.getTime() - 6 * HOUR_MS),
    });
    await updateEvent(db, curator, event.id, { reminderHoursBefore: 48 });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).reminderDueAt).toEqual(new Date(startDate.getTime() - 48 * HOUR_MS));
    await updateEvent(db, curator, event.id, { reminderHoursBefore: 0 });
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ reminderHoursBefore: null, reminderDueAt: null });
  });

  it("send the reminder and the location once per guest when due, however often and concurrently the sweep runs", async () => {
    const startDate = new Date(Date.now() + 30 * 24 * HOUR_MS);
    const { event, emails } = await eventWithGuests({ startDate, isAddressRevealEnabled: true, addressRevealConfig: { hoursBeforeStart: 2 } });
    // Not due yet: nothing.
    await sendDueNotices(db);
    expect(await noticesOf(event.id, "REMINDER")).toEqual([]);

    // The moments come (as if the clock had moved on): four sweeps at once, then two more.
    const later = new Date(startDate.getTime() - HOUR_MS);
    await Promise.all([1, 2, 3, 4].map(() => sendDueNotices(db, later)));
    await sendDueNotices(db, later);
    await sendDueNotices(db, later);

    for (const kind of ["REMINDER", "LOCATION"]) {
      const mails = await noticesOf(event.id, kind);
      expect(mails.map((m) => m.to).sort(), kind).toEqual(emails);
    }
    const [location] = await noticesOf(event.id, "LOCATION");
    expect((location!.props as { event: { location: string } }).event.location).toBe("Teststraße 1, 10115 Berlin");
    // The buyer of two tickets: one mail, both ticket pages.
    const buyerReminder = (await noticesOf(event.id, "REMINDER")).find((m) => m.to.startsWith("buyer-"))!;
    expect((buyerReminder.props as { ticketUrls: string[] }).ticketUrls).toHaveLength(2);
    // One mail.queued message per mail: the mail-send job sends each once.
    const ids = (await db.mailMessage.findMany({ where: { dedupeKey: { contains: event.id } } })).map((m) => m.id);
    const queued = await db.outboxMessage.findMany({ where: { name: "mail.queued" } });
    expect(queued.filter((m) => ids.includes((m.payload as { mailId: string }).mailId))).toHaveLength(ids.length);
    expect(await db.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ reminderDueAt: null, locationNoticeDueAt: null });
  });

  it("leave out of the reminder a guest who unsubscribed from the curator's mails, not out of the location", async () => {
    const startDate = new Date(Date.now() + 30 * 24 * HOUR_MS);
    const { curator, event, emails } = await eventWithGuests({
      startDate,
      isAddressRevealEnabled: true,
      addressRevealConfig: { hoursBeforeStart: 2 },
    });
    const [unsubscribed, subscribed] = emails;
    await recordOptOut(db, {
      curatorIds: [curator.userId],
      channel: MessageChannel.EMAIL,
      address: unsubscribed!,
      source: OptOutSource.UNSUBSCRIBE,
    });
    await sendDueNotices(db, new Date(startDate.getTime() - HOUR_MS));
    expect((await noticesOf(event.id, "REMINDER")).map((m) => m.to)).toEqual([subscribed]);
    expect((await noticesOf(event.id, "LOCATION")).map((m) => m.to).sort()).toEqual(emails);
  });

  it("skip a canceled event's due reminder, and tell its guests once that it is canceled", async () => {
    const startDate = new Date(Date.now() + 30 * 24 * HOUR_MS);
    const { curator, event, emails } = await eventWithGuests({ startDate });
    await updateEvent(db, curator, event.id, { status: EventStatus.CANCELED });
    await sendDueNotices(db, new Date(startDate.getTime() - HOUR_MS));
    expect(await noticesOf(event.id, "REMINDER")).toEqual([]);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).reminderDueAt).toBeNull();

    const payload = { eventId: event.id, oldStatus: EventStatus.UPCOMING, newStatus: EventStatus.CANCELED };
    await Promise.all([
      guestNoticesJob.handler(db, payload, { messageId: randomUUID() }),
      guestNoticesJob.handler(db, payload, { messageId: randomUUID() }),
    ]);
    await guestNoticesJob.handler(db, payload, { messageId: randomUUID() });
    expect((await noticesOf(event.id, "CANCELED")).map((m) => m.to).sort()).toEqual(emails);
  });

  it("tell guests of each change of time or venue once: a retry adds nothing, a second change tells again", async () => {
    const { curator, event, emails } = await eventWithGuests();
    await updateEvent(db, curator, event.id, { venue: "Halle Nord" });
    await updateEvent(db, curator, event.id, { startDate: new Date(Date.now() + 20 * 24 * HOUR_MS) });
    await updateEvent(db, curator, event.id, { title: "Renamed only" }); // neither time nor place: no notice
    const moves = await db.outboxMessage.findMany({
      where: { name: "event.moved", payload: { path: ["eventId"], equals: event.id } },
      orderBy: { createdAt: "asc" },
    });
    expect(moves.map((m) => (m.payload as { changes: string[] }).changes)).toEqual([["venue"], ["time"]]);

    for (const message of moves) {
      const payload = message.payload as Parameters<typeof guestNoticesJob.handler>[1];
      await Promise.all([
        guestNoticesJob.handler(db, payload, { messageId: randomUUID() }),
        guestNoticesJob.handler(db, payload, { messageId: randomUUID() }),
      ]);
      await guestNoticesJob.handler(db, payload, { messageId: randomUUID() });
    }
    const changed = await noticesOf(event.id, "CHANGED");
    expect(changed.map((m) => m.to).sort()).toEqual([...emails, ...emails].sort());
    expect(changed.find((m) => (m.props as { changes: string[] }).changes[0] === "venue")).toBeDefined();
  });

  it("(negative control) without the dedupe keys the same runs would mail twice", async () => {
    // The key is what holds it: two runs of one cause write one row; two causes write two.
    const { event } = await eventWithGuests();
    const key = `control:${event.id}`;
    const insert = () =>
      db.$executeRaw`INSERT INTO "MailMessage" (id, "to", template, props, dedupe_key) VALUES (gen_random_uuid(), 'x@guests.test', 'event-notice', '{}'::jsonb, ${key}) ON CONFLICT (dedupe_key) DO NOTHING`;
    const insertWithoutKey = () =>
      db.$executeRaw`INSERT INTO "MailMessage" (id, "to", template, props) VALUES (gen_random_uuid(), 'x@guests.test', 'event-notice', '{}'::jsonb)`;
    await Promise.all([insert(), insert()]);
    expect(await db.mailMessage.count({ where: { dedupeKey: key } })).toBe(1);
    const before = await db.mailMessage.count({ where: { to: "x@guests.test", dedupeKey: null } });
    await Promise.all([insertWithoutKey(), insertWithoutKey()]);
    expect(await db.mailMessage.count({ where: { to: "x@guests.test", dedupeKey: null } })).toBe(before + 2);
  });
});
