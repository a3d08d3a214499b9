// The ticket mail: adding guests to an event queues one per added guest with an email, in the
// same transaction, and the mail-send job delivers it (to this worker's mail catcher) with the
// QR code inline (it reads back as the ticket's code), the ticket page's link, the event's time
// in its zone and an .ics file. The public ticket page's data answers to the code alone.
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { createEvent, createGuest } from "../../../prisma/factories";
import { Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { waitForMail, mailsTo } from "../../testing/mail";
import { appError } from "../../testing/rejections";
import { drainJobs } from "../jobs/runner";
import { addGuestsToEvent } from "./event-list";
import { getPublicTicket } from "./public-ticket";

const db = useTestDb();
const HOUR_MS = 60 * 60 * 1000;

async function mailMessagesOf(mailIds: string[]) {
  return db.outboxMessage.findMany({ where: { name: "mail.queued", OR: mailIds.map((id) => ({ payload: { path: ["mailId"], equals: id } })) } });
}

describe("the ticket mail", () => {
  it("goes once to each added guest with an email: QR inline, ticket link, time in the event's zone, venue, .ics", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const startDate = new Date(Date.UTC(2031, 5, 14, 19, 30));
    const { event } = await createEvent(db, {
      curatorId: curator.userId,
      title: "Ticket mail night",
      startDate,
      endDate: new Date(startDate.getTime() + 5 * HOUR_MS),
      timezone: "America/New_York",
      venue: "The Hall",
      location: "12 Secret Street",
    });
    const stamp = Date.now();
    const withEmail = await createGuest(db, { userId: curator.userId, firstName: "Mia", email: `mia-${stamp}@guests.test` });
    const without = await createGuest(db, { userId: curator.userId, firstName: "Noa" });

    const result = await addGuestsToEvent(db, curator, event.id, { guestIds: [withEmail.id, without.id] });
    expect(result.added.sort()).toEqual([withEmail.id, without.id].sort());
    const entry = await db.eventGuestToEvent.findFirstOrThrow({ where: { eventId: event.id, guestId: withEmail.id } });
    const mails = await db.mailMessage.findMany({ where: { dedupeKey: { startsWith: "ticket:" }, to: withEmail.email! } });
    expect(mails.map((m) => m.dedupeKey)).toEqual([`ticket:${entry.id}`]);
    const noEmail = await db.eventGuestToEvent.findFirstOrThrow({ where: { eventId: event.id, guestId: without.id } });
    expect(await db.mailMessage.count({ where: { dedupeKey: `ticket:${noEmail.id}` } })).toBe(0);

    // Added again: already on the list, no second mail.
    await addGuestsToEvent(db, curator, event.id, { guestIds: [withEmail.id] });
    expect(await db.mailMessage.count({ where: { to: withEmail.email! } })).toBe(1);

    await drainJobs(db, { scope: { messageIds: (await mailMessagesOf(mails.map((m) => m.id))).map((m) => m.id) } });
    const mail = await waitForMail(withEmail.email!);
    expect(mail.subject).toBe("Your ticket: Ticket mail night");
    expect(mail.html).toContain(`/t/${entry.ticketCode}`);
    expect(mail.text).toContain(`/t/${entry.ticketCode}`);
    // 19:30 UTC is 15:30 in New York (EDT).
    expect(mail.text).toMatch(/15:30 – 20:30 EDT/);
    expect(mail.text).toContain("The Hall");
    expect(mail.text).toContain("12 Secret Street");
    const [qr, ics] = mail.attachments;
    expect(qr).toMatchObject({ contentType: "image/png", cid: "ticket-qr@marquee" });
    // The inline QR code reads back as the ticket's code, as the door's scanner reads it.
    const png = PNG.sync.read(qr!.content);
    expect(png.width).toBe(480);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(entry.ticketCode);
    expect(ics!.content.toString()).toMatch(/DTSTART:20310614T193000Z/);
    expect(await mailsTo(withEmail.email!)).toHaveLength(1);
  });

  it("holds the location back while the address is not revealed", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const { event } = await createEvent(db, {
      curatorId: curator.userId,
      venue: "Somewhere",
      location: "1 Hidden Road",
      isAddressRevealEnabled: true,
      addressRevealConfig: { hoursBeforeStart: 2 },
    });
    const guest = await createGuest(db, { userId: curator.userId, email: `hidden-${Date.now()}@guests.test` });
    await addGuestsToEvent(db, curator, event.id, { guestIds: [guest.id] });
    const mail = await db.mailMessage.findFirstOrThrow({ where: { to: guest.email! } });
    expect(mail.props).toMatchObject({ event: { venue: "Somewhere", location: null } });
    const entry = await db.eventGuestToEvent.findFirstOrThrow({ where: { eventId: event.id, guestId: guest.id } });
    const ticket = await getPublicTicket(db, entry.ticketCode);
    expect(ticket).toMatchObject({ guestName: guest.fullName, event: { location: null, venue: "Somewhere" } });
    expect(ticket.qrSvg).toMatch(/^<svg/);
    expect((await appError(getPublicTicket(db, "no-such-code"))).code).toBe("NOT_FOUND");
  });
});
