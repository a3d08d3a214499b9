// The door against a real database: who may check in (and when), the answers, nonce replay,
// the audit trail, undo, the wrong-code rate limit, search and counts.
import { describe, expect, it } from "vitest";
import { doorRefusal, doorRefusalSql } from "../../auth/policy";
import { createDb } from "../../db/client";
import { Prisma } from "../../generated/prisma/client";
import { assignStaff as assignStaffRow, createEvent, createGuest, createGuestGroup, inviteGuest } from "../../../prisma/factories";
import type { Actor } from "../../auth/actor";
import { CheckInResult, EventStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { updateEvent } from "../events/update";
import { deleteGuest } from "../guests/book";
import { addGuestsToEvent } from "../guests/event-list";
import { listAttempts } from "./attempts";
import { checkIn } from "./check-in";
import { guestCounts } from "./counts";
import { doorOf, myDoorEvents } from "./door-access";
import { AUDITED_PER_WINDOW, WRONG_CODE_LIMIT, WRONG_CODE_WINDOW_MS } from "./rate-limit";
import { searchDoorList } from "./search";
import { assignStaff, listStaff, unassignStaff } from "./staff";
import { undoCheckIn } from "./undo";
import { appError } from "../../testing/rejections";

const db = useTestDb();

/** A curator's event with door staff and guests on its list: `codes[i]` is `guests[i]`'s. */
async function door({ guests = 2, status }: { guests?: number; status?: EventStatus } = {}) {
  const curator = await actorFor(db, Role.CURATOR);
  const staff = await actorFor(db, Role.STAFF);
  const { event } = await createEvent(db, { curatorId: curator.userId, timezone: "Europe/Berlin" });
  await assignStaffRow(db, { eventId: event.id, userId: staff.userId });
  const rows = [];
  for (let i = 0; i < guests; i++) {
    const guest = await createGuest(db, { userId: curator.userId, firstName: `Guest${i}` });
    rows.push({ guest, entry: await inviteGuest(db, { eventId: event.id, guestId: guest.id }) });
  }
  if (status) await updateEvent(db, curator, event.id, { status });
  return { curator, staff, event, guests: rows.map((r) => r.guest), codes: rows.map((r) => r.entry.ticketCode) };
}

describe("who may check in", () => {
  it("the curator and assigned staff while UPCOMING; nobody else (403), unknown events 404", async () => {
    const { curator, staff, event, codes } = await door();
    expect((await checkIn(db, staff, { eventId: event.id, code: codes[0]! })).answer.result).toBe("CHECKED_IN");
    expect((await checkIn(db, curator, { eventId: event.id, code: codes[1]! })).answer.result).toBe("CHECKED_IN");

    const otherStaff = await actorFor(db, Role.STAFF); // door staff, but of another event
    const { event: otherEvent } = await createEvent(db, { curatorId: (await actorFor(db, Role.CURATOR)).userId });
    await assignStaffRow(db, { eventId: otherEvent.id, userId: otherStaff.userId });
    for (const stranger of [otherStaff, await actorFor(db, Role.CURATOR), await actorFor(db, Role.PROMOTER), await actorFor(db, Role.ADMIN)]) {
      const error = await appError(checkIn(db, stranger, { eventId: event.id, code: codes[0]! }));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).not.toMatch(/Guest0/);
    }
    expect((await appError(checkIn(db, staff, { eventId: crypto.randomUUID(), code: codes[0]! }))).code).toBe("NOT_FOUND");
    // The refusals are in the audit, with who tried.
    expect(await db.checkInAttempt.count({ where: { eventId: event.id, result: CheckInResult.FORBIDDEN } })).toBe(4);
  });

  it("a paused event (ON_HOLD) lets its curator decide but not the staff; a finished one is closed (409)", async () => {
    const paused = await door({ status: EventStatus.ON_HOLD });
    const refused = await appError(checkIn(db, paused.staff, { eventId: paused.event.id, code: paused.codes[0]! }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toMatch(/paused/);
    expect((await checkIn(db, paused.curator, { eventId: paused.event.id, code: paused.codes[0]! })).answer.result).toBe("CHECKED_IN");
    expect((await appError(searchDoorList(db, paused.staff, { eventId: paused.event.id, query: "guest", limit: 5 }))).code).toBe("FORBIDDEN");

    const canceled = await door({ status: EventStatus.CANCELED });
    for (const actor of [canceled.curator, canceled.staff]) {
      const closed = await appError(checkIn(db, actor, { eventId: canceled.event.id, code: canceled.codes[0]! }));
      expect(closed.code).toBe("CONFLICT");
      expect(closed.message).toMatch(/CANCELED/);
    }
  });
});

describe("answers", () => {
  it("ALREADY_CHECKED_IN says when and by whom, in the event's time zone", async () => {
    const { staff, curator, event, guests, codes } = await door();
    const first = await checkIn(db, staff, { eventId: event.id, code: codes[0]! });
    expect(first.answer).toEqual({
      result: "CHECKED_IN",
      guest: { id: guests[0]!.id, fullName: guests[0]!.fullName, ticketType: null },
      checkedInAt: expect.any(Date),
      checkedInBy: { id: staff.userId, name: staff.name },
    });
    const again = await checkIn(db, curator, { eventId: event.id, code: codes[0]! });
    expect(again.answer).toEqual({ ...first.answer, result: "ALREADY_CHECKED_IN" });
    const at = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
      first.answer.result === "CHECKED_IN" ? first.answer.checkedInAt : new Date(),
    );
    expect(again.message).toBe(`${guests[0]!.fullName} was already checked in at ${at} by ${staff.name}`);
  });

  it("NOT_ON_LIST for another event's code (same curator or another), a deleted guest's, or nonsense, revealing nothing", async () => {
    const { staff, curator, event, guests, codes } = await door();
    const { event: sameCuratorEvent } = await createEvent(db, { curatorId: curator.userId });
    const sibling = await inviteGuest(db, { eventId: sameCuratorEvent.id, guestId: guests[0]!.id });
    const foreign = await door(); // another curator's event and guests
    await deleteGuest(db, curator, guests[1]!.id);

    for (const code of [sibling.ticketCode, foreign.codes[0]!, codes[1]!, "nonsense"]) {
      const outcome = await checkIn(db, staff, { eventId: event.id, code });
      expect(outcome.answer).toEqual({ result: "NOT_ON_LIST" });
      expect(outcome.message).toBe("This code is not on this event's list");
    }
    // Nothing was changed anywhere.
    expect(
      await db.eventGuestToEvent.count({ where: { ticketCode: { in: [sibling.ticketCode, foreign.codes[0]!, codes[1]!] }, status: "CHECKED_IN" } }),
    ).toBe(0);
    const logged = await db.checkInAttempt.findMany({ where: { eventId: event.id }, select: { result: true, guestToEventId: true } });
    expect(logged).toEqual(Array(4).fill({ result: CheckInResult.NOT_ON_LIST, guestToEventId: null }));
  });

  it("logs every attempt with staff, device, time, result and the answer given", async () => {
    const { staff, event, codes } = await door();
    const before = new Date(Date.now() - 1000);
    await checkIn(db, staff, { eventId: event.id, code: codes[0]!, deviceId: "phone-1" });
    await checkIn(db, staff, { eventId: event.id, code: codes[0]!, deviceId: "phone-1" });
    await checkIn(db, staff, { eventId: event.id, code: "wrong", deviceId: "phone-2" });
    const attempts = await db.checkInAttempt.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "asc" } });
    expect(attempts.map((a) => [a.staffId, a.deviceId, a.result])).toEqual([
      [staff.userId, "phone-1", CheckInResult.CHECKED_IN],
      [staff.userId, "phone-1", CheckInResult.ALREADY_CHECKED_IN],
      [staff.userId, "phone-2", CheckInResult.NOT_ON_LIST],
    ]);
    for (const attempt of attempts) expect(attempt.createdAt.getTime()).toBeGreaterThan(before.getTime());
    expect(attempts[1]!.response).toMatchObject({ answer: { result: "ALREADY_CHECKED_IN" } });
  });
});

describe("nonce replay", () => {
  it("replays the first answer for a repeated nonce, even after the state changed", async () => {
    const { staff, curator, event, guests, codes } = await door();
    const first = await checkIn(db, staff, { eventId: event.id, code: codes[0]!, nonce: "scan-1" });
    expect(first.answer.result).toBe("CHECKED_IN");
    const retried = await checkIn(db, staff, { eventId: event.id, code: codes[0]!, nonce: "scan-1" });
    expect(retried).toEqual(first); // not ALREADY_CHECKED_IN: the same scan
    // A fresh nonce is a fresh scan.
    expect((await checkIn(db, staff, { eventId: event.id, code: codes[0]!, nonce: "scan-2" })).answer.result).toBe("ALREADY_CHECKED_IN");
    // The curator's undo does not change what scan-1 answered.
    await undoCheckIn(db, curator, { eventId: event.id, guestId: guests[0]!.id });
    expect(await checkIn(db, staff, { eventId: event.id, code: codes[0]!, nonce: "scan-1" })).toEqual(first);
    // Nonces are per staff member: the curator's "scan-1" is another scan.
    expect((await checkIn(db, curator, { eventId: event.id, code: codes[0]!, nonce: "scan-1" })).answer.result).toBe("CHECKED_IN");
    // One logged attempt per scan, however often it was retried.
    expect(await db.checkInAttempt.count({ where: { eventId: event.id, staffId: staff.userId } })).toBe(2);

    const reused = await appError(checkIn(db, staff, { eventId: event.id, code: codes[1]!, nonce: "scan-1" }));
    expect(reused.code).toBe("UNPROCESSABLE");
  });

  it("replays refusals too (a 403 stays a 403 for that scan)", async () => {
    const { event, codes } = await door();
    const stranger = await actorFor(db, Role.STAFF);
    expect((await appError(checkIn(db, stranger, { eventId: event.id, code: codes[0]!, nonce: "n" }))).code).toBe("FORBIDDEN");
    expect((await appError(checkIn(db, stranger, { eventId: event.id, code: codes[0]!, nonce: "n" }))).code).toBe("FORBIDDEN");
    expect(await db.checkInAttempt.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("concurrent requests with one nonce: one scan happens, all get its answer", async () => {
    const { staff, event, codes } = await door();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => checkIn(db, staff, { eventId: event.id, code: codes[0]!, nonce: "burst", deviceId: "d" })),
    );
    expect(new Set(outcomes.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(outcomes[0]!.answer.result).toBe("CHECKED_IN");
    expect(await db.checkInAttempt.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("concurrent requests with one nonce for a wrong code: one attempt is counted and logged", async () => {
    const { staff, event } = await door();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => checkIn(db, staff, { eventId: event.id, code: "wrong", nonce: "same", deviceId: "d2" })),
    );
    expect(outcomes.every((o) => o.answer.result === "NOT_ON_LIST")).toBe(true);
    expect(await db.checkInAttempt.count({ where: { eventId: event.id } })).toBe(1);
    expect((await db.rateLimitWindow.findMany({ where: { key: `staff:${staff.userId}` } })).map((w) => w.count)).toEqual([1]);
  });
});

describe("undo", () => {
  it("the curator takes a check-in back (logged UNDONE); staff may not once their 5 minutes are over", async () => {
    const { staff, curator, event, guests, codes } = await door();
    await checkIn(db, staff, { eventId: event.id, code: codes[0]! });
    const later = { now: new Date(Date.now() + 6 * 60_000) };
    expect((await appError(undoCheckIn(db, staff, { eventId: event.id, guestId: guests[0]!.id }, later))).code).toBe("FORBIDDEN");
    expect(await undoCheckIn(db, curator, { eventId: event.id, guestId: guests[0]!.id })).toEqual({ guestId: guests[0]!.id, status: "INVITED" });
    expect((await appError(undoCheckIn(db, curator, { eventId: event.id, guestId: guests[0]!.id }))).code).toBe("CONFLICT");
    expect((await appError(undoCheckIn(db, curator, { eventId: event.id, guestId: crypto.randomUUID() }))).code).toBe("NOT_FOUND");
    const undone = await db.checkInAttempt.findFirstOrThrow({ where: { eventId: event.id, result: CheckInResult.UNDONE } });
    expect(undone).toMatchObject({ staffId: curator.userId, response: { undone: { checkedInBy: staff.userId } } });
    // The guest can be let in again.
    expect((await checkIn(db, staff, { eventId: event.id, code: codes[0]! })).answer.result).toBe("CHECKED_IN");
    const audit = await listAttempts(db, curator, { eventId: event.id, limit: 10 });
    expect(audit.attempts.map((a) => a.result)).toEqual(["CHECKED_IN", "UNDONE", "CHECKED_IN"]);
  });
});

describe("wrong-code rate limit", () => {
  it("after the limit every scan from that staff member or device is 429 until the window ends; others are not slowed", async () => {
    const { staff, event, codes } = await door({ guests: 3 });
    const colleague = await actorFor(db, Role.STAFF);
    await assignStaffRow(db, { eventId: event.id, userId: colleague.userId });
    const windowStart = Math.ceil(Date.now() / WRONG_CODE_WINDOW_MS) * WRONG_CODE_WINDOW_MS + WRONG_CODE_WINDOW_MS;
    const at = (ms: number) => ({ now: new Date(windowStart + ms) });

    for (let i = 0; i < WRONG_CODE_LIMIT; i++) {
      const outcome = await checkIn(db, staff, { eventId: event.id, code: `guess-${i}`, deviceId: "phone-a" }, at(1000));
      expect(outcome.answer.result).toBe("NOT_ON_LIST");
    }
    const limited = await appError(checkIn(db, staff, { eventId: event.id, code: "guess-x", deviceId: "phone-a" }, at(15_000)));
    expect(limited.code).toBe("RATE_LIMITED");
    expect(limited.details.retryAfterSeconds).toBe(45);
    // The door page reads the wait from the answer itself: tRPC carries no Retry-After header.
    expect(limited.details.extra).toEqual({ retryAfterSeconds: 45 });
    // A right code from the blocked staff member is refused too (or the 429 would be an oracle) ...
    expect((await appError(checkIn(db, staff, { eventId: event.id, code: codes[0]!, deviceId: "phone-b" }, at(20_000)))).code).toBe("RATE_LIMITED");
    // ... and so is anyone on the blocked device.
    expect((await appError(checkIn(db, colleague, { eventId: event.id, code: codes[0]!, deviceId: "phone-a" }, at(20_000)))).code).toBe(
      "RATE_LIMITED",
    );
    // Another staff member on another device is not slowed.
    expect((await checkIn(db, colleague, { eventId: event.id, code: codes[0]!, deviceId: "phone-c" }, at(20_000))).answer.result).toBe("CHECKED_IN");
    // Right codes never count: the colleague scans many.
    for (let i = 0; i < WRONG_CODE_LIMIT + 2; i++) {
      expect((await checkIn(db, colleague, { eventId: event.id, code: codes[1]!, deviceId: "phone-c" }, at(21_000))).answer.result).not.toBe(
        "NOT_ON_LIST",
      );
    }
    // The next window starts afresh.
    expect((await checkIn(db, staff, { eventId: event.id, code: codes[2]!, deviceId: "phone-a" }, at(WRONG_CODE_WINDOW_MS + 1))).answer.result).toBe(
      "CHECKED_IN",
    );
    expect(await db.rateLimitWindow.count({ where: { key: `staff:${staff.userId}` } })).toBe(1);
    expect(await db.checkInAttempt.count({ where: { eventId: event.id, result: CheckInResult.RATE_LIMITED } })).toBe(3);
  });

  it("a 429 is not kept for the nonce: the retry after Retry-After scans for real", async () => {
    const { staff, event, codes } = await door();
    const windowStart = Math.ceil(Date.now() / WRONG_CODE_WINDOW_MS) * WRONG_CODE_WINDOW_MS + WRONG_CODE_WINDOW_MS;
    for (let i = 0; i < WRONG_CODE_LIMIT; i++) {
      await checkIn(db, staff, { eventId: event.id, code: `guess-${i}` }, { now: new Date(windowStart) });
    }
    const scan = { eventId: event.id, code: codes[0]!, nonce: "after-429" };
    expect((await appError(checkIn(db, staff, scan, { now: new Date(windowStart + 10) }))).code).toBe("RATE_LIMITED");
    expect((await checkIn(db, staff, scan, { now: new Date(windowStart + WRONG_CODE_WINDOW_MS) })).answer.result).toBe("CHECKED_IN");
  });
});

describe("search at the door", () => {
  it("finds guests on this event's list by name or phone, ignoring accents and case", async () => {
    const { curator, staff, event } = await door({ guests: 0 });
    const zoe = await createGuest(db, { userId: curator.userId, firstName: "Zoë", lastName: "Müller", phoneNumber: "+4915123456789" });
    const lukasz = await createGuest(db, { userId: curator.userId, firstName: "Łukasz", lastName: "Wiśniewski" });
    const notInvited = await createGuest(db, { userId: curator.userId, firstName: "Zoe", lastName: "Andere" });
    const deleted = await createGuest(db, { userId: curator.userId, firstName: "Zoé", lastName: "Gone" });
    await addGuestsToEvent(db, curator, event.id, { guestIds: [zoe.id, lukasz.id, deleted.id] });
    await deleteGuest(db, curator, deleted.id);

    const find = async (query: string) => (await searchDoorList(db, staff, { eventId: event.id, query, limit: 20 })).guests.map((g) => g.fullName);
    expect(await find("zoe")).toEqual(["Zoë Müller"]);
    expect(await find("ZOË")).toEqual(["Zoë Müller"]);
    expect(await find("muller")).toEqual(["Zoë Müller"]);
    expect(await find("Müller zo")).toEqual(["Zoë Müller"]);
    expect(await find("lukasz wis")).toEqual(["Łukasz Wiśniewski"]);
    expect(await find("0151 2345")).toEqual(["Zoë Müller"]); // national form
    expect(await find("+49 151 23456789")).toEqual(["Zoë Müller"]); // international form
    expect(await find("6789")).toEqual(["Zoë Müller"]);
    expect(await find("100%")).toEqual([]); // LIKE wildcards are literal
    expect(notInvited.id).toBeDefined();

    const [hit] = (await searchDoorList(db, staff, { eventId: event.id, query: "zoe", limit: 5 })).guests;
    expect(hit).toMatchObject({ guestId: zoe.id, phoneHint: "…6789", status: "INVITED", checkedInBy: null });
    // The hit's code checks the guest in like a scan.
    expect((await checkIn(db, staff, { eventId: event.id, code: hit!.ticketCode })).answer.result).toBe("CHECKED_IN");
    const [after] = (await searchDoorList(db, curator, { eventId: event.id, query: "zoe", limit: 5 })).guests;
    expect(after).toMatchObject({ status: "CHECKED_IN", checkedInBy: { id: staff.userId, name: staff.name } });

    const stranger = await actorFor(db, Role.STAFF);
    expect((await appError(searchDoorList(db, stranger, { eventId: event.id, query: "zoe", limit: 5 }))).code).toBe("FORBIDDEN");
  });
});

describe("counts", () => {
  it("invited, checked in and remaining, each guest once, deleted guests out", async () => {
    const { curator, staff, event, guests, codes } = await door({ guests: 4 });
    const group = await createGuestGroup(db, { userId: curator.userId, guestIds: guests.map((g) => g.id) });
    await addGuestsToEvent(db, curator, event.id, { groupIds: [group.id], guestIds: [guests[0]!.id] }); // all already on it
    await checkIn(db, staff, { eventId: event.id, code: codes[0]! });
    await checkIn(db, staff, { eventId: event.id, code: codes[0]! });
    await checkIn(db, curator, { eventId: event.id, code: codes[1]! });
    await deleteGuest(db, curator, guests[3]!.id);
    expect(await guestCounts(db, staff, event.id)).toEqual({ invited: 3, checkedIn: 2, remaining: 1 });
    expect(await guestCounts(db, curator, event.id)).toEqual({ invited: 3, checkedIn: 2, remaining: 1 });
    const stranger = await actorFor(db, Role.CURATOR);
    expect((await appError(guestCounts(db, stranger, event.id))).code).toBe("NOT_FOUND");
  });
});

describe("door staff", () => {
  it("the curator assigns STAFF users (by id or email), lists and unassigns them", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const { event } = await createEvent(db, { curatorId: curator.userId });
    const sam = await actorFor(db, Role.STAFF);
    const promoter = await actorFor(db, Role.PROMOTER);

    const { staff } = await assignStaff(db, curator, { eventId: event.id, email: sam.email.toUpperCase() });
    expect(staff).toEqual([expect.objectContaining({ userId: sam.userId, name: sam.name, role: "STAFF" })]);
    expect((await assignStaff(db, curator, { eventId: event.id, userId: sam.userId })).staff).toHaveLength(1); // twice: fine
    expect((await appError(assignStaff(db, curator, { eventId: event.id, userId: promoter.userId }))).code).toBe("NOT_FOUND");

    const other: Actor = await actorFor(db, Role.CURATOR);
    expect((await appError(assignStaff(db, other, { eventId: event.id, userId: sam.userId }))).code).toBe("NOT_FOUND");
    expect((await appError(assignStaff(db, sam, { eventId: event.id, userId: sam.userId }))).code).toBe("FORBIDDEN");

    expect((await myDoorEvents(db, sam)).events.map((e) => e.id)).toEqual([event.id]);
    expect((await listStaff(db, curator, event.id)).staff).toHaveLength(1);
    expect((await unassignStaff(db, curator, { eventId: event.id, userId: sam.userId })).staff).toEqual([]);
    expect((await myDoorEvents(db, sam)).events).toEqual([]);
    expect((await appError(unassignStaff(db, curator, { eventId: event.id, userId: sam.userId }))).code).toBe("NOT_FOUND");
  });
});

describe("the door page's event", () => {
  it("its curator and staff get the event and whether the door is open to them; anyone else a 404", async () => {
    const open = await door();
    for (const actor of [open.staff, open.curator]) {
      expect(await doorOf(db, actor, open.event.id)).toEqual({
        event: {
          id: open.event.id,
          title: open.event.title,
          status: "UPCOMING",
          startDate: open.event.startDate,
          timezone: "Europe/Berlin",
          venue: open.event.venue,
        },
        closedReason: null,
      });
    }
    for (const stranger of [await actorFor(db, Role.STAFF), await actorFor(db, Role.CURATOR), await actorFor(db, Role.ADMIN)]) {
      expect((await appError(doorOf(db, stranger, open.event.id))).code).toBe("NOT_FOUND");
    }
    expect((await appError(doorOf(db, open.staff, crypto.randomUUID()))).code).toBe("NOT_FOUND");

    // Paused: closed to the staff, still open to the curator. Finished: closed to both.
    const paused = await door({ status: EventStatus.ON_HOLD });
    expect((await doorOf(db, paused.staff, paused.event.id)).closedReason).toMatch(/paused/);
    expect((await doorOf(db, paused.curator, paused.event.id)).closedReason).toBeNull();
    const canceled = await door({ status: EventStatus.CANCELED });
    for (const actor of [canceled.staff, canceled.curator]) {
      expect(await doorOf(db, actor, canceled.event.id)).toMatchObject({
        event: { status: "CANCELED" },
        closedReason: expect.stringMatching(/door is closed/),
      });
    }
  });
});

describe("tRPC", () => {
  it("guests.* and door.* call the same services; the door gets ALREADY_CHECKED_IN and NOT_ON_LIST as values", async () => {
    const { createCaller } = await import("../../trpc/root");
    const curator = await actorFor(db, Role.CURATOR);
    const staff = await actorFor(db, Role.STAFF);
    const { event } = await createEvent(db, { curatorId: curator.userId });
    const asCurator = createCaller({ db, actor: curator });
    const asStaff = createCaller({ db, actor: staff });
    await asCurator.door.assignStaff({ eventId: event.id, userId: staff.userId });
    const { guest } = await asCurator.guests.create({ firstName: "Tri", lastName: "Pc" });
    const { guests } = await asCurator.guests.addToEvent({ eventId: event.id, guestIds: [guest.id] });
    const scan = { eventId: event.id, code: guests[0]!.ticketCode };
    expect((await asStaff.door.checkIn(scan)).answer.result).toBe("CHECKED_IN");
    expect((await asStaff.door.checkIn(scan)).answer.result).toBe("ALREADY_CHECKED_IN");
    expect((await asStaff.door.checkIn({ ...scan, code: "nope" })).answer).toEqual({ result: "NOT_ON_LIST" });
    expect(await asStaff.door.counts({ eventId: event.id })).toEqual({ invited: 1, checkedIn: 1, remaining: 0 });
    await expect(asStaff.guests.create({ firstName: "A", lastName: "B" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("one statement", () => {
  it("a scan is one statement however it is answered: CHECKED_IN, ALREADY_CHECKED_IN, NOT_ON_LIST, 403, a replay", async () => {
    const { staff, event, codes } = await door();
    const stranger = await actorFor(db, Role.STAFF);
    const statements: string[] = [];
    const counted = createDb(process.env.DATABASE_URL!, { max: 2, onQuery: (e) => statements.push(e.query) });
    try {
      const scans = [
        () => checkIn(counted, staff, { eventId: event.id, code: codes[0]!, nonce: "once", deviceId: "d" }),
        () => checkIn(counted, staff, { eventId: event.id, code: codes[0]!, deviceId: "d" }),
        () => checkIn(counted, staff, { eventId: event.id, code: "wrong", deviceId: "d" }),
        () => checkIn(counted, stranger, { eventId: event.id, code: codes[1]! }).catch((error: unknown) => error),
        () => checkIn(counted, staff, { eventId: event.id, code: codes[0]!, nonce: "once", deviceId: "d" }),
      ];
      for (const scan of scans) {
        statements.length = 0;
        await scan();
        expect(statements, statements.join("\n")).toHaveLength(1);
      }
    } finally {
      await counted.$disconnect();
    }
  });

  it("the door rule in SQL (doorRefusalSql) answers as doorRefusal for every status, to the curator, staff and anyone else", async () => {
    const actor = await actorFor(db, Role.STAFF);
    const other = crypto.randomUUID();
    for (const status of Object.values(EventStatus)) {
      for (const event of [
        { curatorId: actor.userId, isStaff: false },
        { curatorId: other, isStaff: true },
        { curatorId: other, isStaff: false },
      ]) {
        const sql = doorRefusalSql(actor, {
          curatorId: Prisma.sql`${event.curatorId}::uuid`,
          status: Prisma.sql`${status}::"EventStatus"`,
          isStaff: Prisma.sql`${event.isStaff}`,
        });
        const [row] = await db.$queryRaw<{ refusal: unknown }[]>(Prisma.sql`SELECT ${sql} AS refusal`);
        const expected = doorRefusal(actor, { ...event, status });
        expect(row!.refusal, `${status} ${JSON.stringify(event)}`).toEqual(expected && { code: expected.code, message: expected.message });
      }
    }
  });
});

describe("refused scans count against the limit", () => {
  it("1,000 scans by someone who does not work the door leave a bounded audit, then 429 with Retry-After", async () => {
    const { event, codes } = await door();
    const stranger = await actorFor(db, Role.STAFF);
    const windowStart = Math.ceil(Date.now() / WRONG_CODE_WINDOW_MS) * WRONG_CODE_WINDOW_MS + WRONG_CODE_WINDOW_MS;
    const scan = (i: number) =>
      appError(
        checkIn(db, stranger, { eventId: event.id, code: codes[i % 2]!, deviceId: `stranger-${i % 3}` }, { now: new Date(windowStart + 1000) }),
      );
    const codesSeen: string[] = [];
    for (let i = 0; i < 1000; i += 20) {
      const errors = await Promise.all(Array.from({ length: 20 }, (_, n) => scan(i + n)));
      codesSeen.push(...errors.map((e) => e.code));
    }
    // Each scan is counted before it is answered, in turn on the caller's row: the first ones are 403s, the rest 429s.
    expect(codesSeen.filter((c) => c === "FORBIDDEN")).toHaveLength(WRONG_CODE_LIMIT);
    expect(codesSeen.filter((c) => c === "RATE_LIMITED")).toHaveLength(1000 - WRONG_CODE_LIMIT);
    const last = await scan(1000);
    expect(last.code).toBe("RATE_LIMITED");
    expect(last.details).toMatchObject({ retryAfterSeconds: 59, extra: { retryAfterSeconds: 59 } });

    // The audit keeps the first refusals; the rest are counted in the caller's window row.
    const logged = await db.checkInAttempt.groupBy({ by: ["result"], where: { eventId: event.id, staffId: stranger.userId }, _count: true });
    expect(Object.fromEntries(logged.map((l) => [l.result, l._count]))).toEqual({
      [CheckInResult.FORBIDDEN]: WRONG_CODE_LIMIT,
      [CheckInResult.RATE_LIMITED]: AUDITED_PER_WINDOW - WRONG_CODE_LIMIT,
    });
    expect(await db.rateLimitWindow.findMany({ where: { key: `staff:${stranger.userId}` }, select: { count: true } })).toEqual([{ count: 1001 }]);
    // Nobody was let in.
    expect(await db.eventGuestToEvent.count({ where: { eventId: event.id, status: "CHECKED_IN" } })).toBe(0);
  }, 120_000);
});

describe("undo at the door", () => {
  it("staff take back their own scan within 5 minutes, not later and not a colleague's; the curator always", async () => {
    const { staff, curator, event, guests, codes } = await door();
    const colleague = await actorFor(db, Role.STAFF);
    await assignStaffRow(db, { eventId: event.id, userId: colleague.userId });
    const undo = (actor: Actor, minutesLater = 0) =>
      undoCheckIn(db, actor, { eventId: event.id, guestId: guests[0]!.id }, { now: new Date(Date.now() + minutesLater * 60_000) });

    await checkIn(db, staff, { eventId: event.id, code: codes[0]! });
    expect(await undo(staff, 4)).toEqual({ guestId: guests[0]!.id, status: "INVITED" });
    await checkIn(db, staff, { eventId: event.id, code: codes[0]! });
    expect((await appError(undo(staff, 6))).code).toBe("FORBIDDEN");
    expect((await appError(undo(colleague))).code).toBe("FORBIDDEN");
    expect((await appError(undo(await actorFor(db, Role.STAFF)))).code).toBe("FORBIDDEN"); // not this door's staff
    expect(await undo(curator, 24 * 60)).toEqual({ guestId: guests[0]!.id, status: "INVITED" });

    const undone = await db.checkInAttempt.findMany({ where: { eventId: event.id, result: CheckInResult.UNDONE }, orderBy: { createdAt: "asc" } });
    expect(undone.map((a) => a.staffId)).toEqual([staff.userId, curator.userId]);
    expect(await db.eventGuestToEvent.count({ where: { eventId: event.id, status: "CHECKED_IN" } })).toBe(0);
  });
});

describe("answers given offline", () => {
  it("are recorded through the same statement: let in at the phone's time, the logged response marked offline", async () => {
    const { staff, event, codes } = await door();
    const scannedAt = new Date(Date.now() - 3 * 60_000);
    const outcome = await checkIn(db, staff, { eventId: event.id, code: codes[0]!, nonce: "offline-1" }, { scannedAt, offline: true });
    expect(outcome.answer).toMatchObject({ result: "CHECKED_IN", checkedInAt: scannedAt });
    const attempt = await db.checkInAttempt.findFirstOrThrow({ where: { eventId: event.id } });
    expect(attempt.response).toMatchObject({ offline: true, answer: { result: "CHECKED_IN" } });
    // A replay of that scan is the same answer.
    expect(await checkIn(db, staff, { eventId: event.id, code: codes[0]!, nonce: "offline-1" })).toEqual(outcome);
  });
});
