// The guest book against a real database: guests, groups, CSV import with its per-row report,
// and invitations with their ticket codes and QR codes.
import { describe, expect, it } from "vitest";
import { createEvent, createGuest, createGuestGroup } from "../../../prisma/factories";
import type { Actor } from "../../auth/actor";
import { EventStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { guestSearchText, searchTerms, toE164 } from "./normalize";
import { ZCreateGuestInput, ZImportGuestsInput } from "./schema";
import { createGuest as createGuestService, deleteGuest, listGuests, updateGuest } from "./book";
import { addGuestsToEvent, listEventGuests } from "./event-list";
import { addToGroup, createGroup, deleteGroup, listGroups, removeFromGroup } from "./groups";
import { importGuestsCsv } from "./import-csv";
import { ticketQr } from "./ticket-code";
import { appError } from "../../testing/rejections";

const db = useTestDb();

async function curatorWithEvent(status?: EventStatus) {
  const curator = await actorFor(db, Role.CURATOR);
  const { event } = await createEvent(db, { curatorId: curator.userId, status });
  return { curator, event };
}

function guestInput(body: Record<string, unknown>) {
  return ZCreateGuestInput.parse(body);
}

describe("normalisation", () => {
  it("folds accents, case and letters NFD keeps whole", () => {
    expect(guestSearchText({ fullName: "Zoë Müller", email: "Zoe.Mueller@Example.com", phoneNumber: "+4915123456789" })).toBe(
      "zoe muller zoe.mueller@example.com 4915123456789",
    );
    expect(guestSearchText({ fullName: "Łukasz Wiśniewski" })).toBe("lukasz wisniewski");
    expect(guestSearchText({ fullName: "Søren Nørgaard" })).toBe("soren norgaard");
    expect(searchTerms("  ZOË  müller ")).toEqual(["zoe", "muller"]);
    expect(searchTerms("0151 2345-6789")).toEqual(["15123456789"]);
    expect(searchTerms("+49 (151) 234")).toEqual(["49151234"]);
  });

  it("writes phone numbers in E.164; national ones only with a default country", () => {
    expect(toE164("+49 151 2345 6789")).toEqual({ ok: true, e164: "+4915123456789" });
    expect(toE164("0151 23456789", "DE")).toEqual({ ok: true, e164: "+4915123456789" });
    expect(toE164("0151 23456789")).toMatchObject({ ok: false, message: expect.stringMatching(/start.* \+/) });
    expect(toE164("+49 12")).toMatchObject({ ok: false, message: expect.stringMatching(/not a valid phone number/) });
  });
});

describe("guest book", () => {
  it("creates a guest with the full name derived, the phone in E.164 and the search text written", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const { guest } = await createGuestService(
      db,
      curator,
      guestInput({ firstName: " Zoë ", lastName: "Müller", email: " Zoe.Mueller@Example.COM ", phoneNumber: "0151 23456789", defaultCountry: "DE" }),
    );
    expect(guest).toMatchObject({
      firstName: "Zoë",
      lastName: "Müller",
      fullName: "Zoë Müller",
      email: "zoe.mueller@example.com",
      phoneNumber: "+4915123456789",
      groupIds: [],
    });
    const row = await db.eventGuest.findUniqueOrThrow({ where: { id: guest.id } });
    expect(row.userId).toBe(curator.userId);
    expect(row.searchText).toBe("zoe muller zoe.mueller@example.com 4915123456789");
  });

  it("refuses a national phone number without a country, naming the field", () => {
    const result = ZCreateGuestInput.safeParse({ firstName: "A", lastName: "B", phoneNumber: "0151 23456789" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ["phoneNumber"] });
    expect(ZCreateGuestInput.safeParse({ firstName: "A", lastName: "B", userId: "x" }).success).toBe(false);
  });

  it("edits a guest (full name and search text follow) and soft-deletes it out of every read", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const { guest } = await createGuestService(db, curator, guestInput({ firstName: "Jose", lastName: "Alvarez" }));
    const { guest: edited } = await updateGuest(db, curator, { id: guest.id, firstName: "José", lastName: "Álvarez", phoneNumber: "+34612345678" });
    expect(edited).toMatchObject({ fullName: "José Álvarez", phoneNumber: "+34612345678" });
    expect((await db.eventGuest.findUniqueOrThrow({ where: { id: guest.id } })).searchText).toBe("jose alvarez 34612345678");
    expect((await listGuests(db, curator, { query: "alvarez", limit: 10 })).guests.map((g) => g.id)).toEqual([guest.id]);

    const { guest: cleared } = await updateGuest(db, curator, { id: guest.id, phoneNumber: null });
    expect(cleared.phoneNumber).toBeNull();

    await deleteGuest(db, curator, guest.id);
    expect((await listGuests(db, curator, { limit: 10 })).guests).toEqual([]);
    expect((await appError(updateGuest(db, curator, { id: guest.id, firstName: "X" }))).code).toBe("NOT_FOUND");
    expect((await appError(deleteGuest(db, curator, guest.id))).code).toBe("NOT_FOUND");
  });

  it("keeps guest books apart: another curator's guest or group is unknown (404)", async () => {
    const owner = await actorFor(db, Role.CURATOR);
    const stranger = await actorFor(db, Role.CURATOR);
    const guest = await createGuest(db, { userId: owner.userId });
    const group = await createGuestGroup(db, { userId: owner.userId });
    expect((await appError(updateGuest(db, stranger, { id: guest.id, firstName: "X" }))).code).toBe("NOT_FOUND");
    expect((await appError(createGroup(db, stranger, { name: "Mine", guestIds: [guest.id] }))).code).toBe("NOT_FOUND");
    expect((await appError(createGuestService(db, stranger, guestInput({ firstName: "A", lastName: "B", groupIds: [group.id] })))).code).toBe(
      "NOT_FOUND",
    );
    expect((await listGuests(db, stranger, { limit: 10 })).guests).toEqual([]);
    const promoter = await actorFor(db, Role.PROMOTER);
    expect((await appError(listGuests(db, promoter, { limit: 10 }))).code).toBe("FORBIDDEN");
  });

  it("pages the book by nextCursor; another book's guest is no cursor (it would tell where its name sorts)", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    for (const lastName of ["Berg", "Cole", "Diaz"]) await createGuest(db, { userId: curator.userId, firstName: "Ana", lastName });
    const first = await listGuests(db, curator, { limit: 1 });
    expect(first.guests.map((g) => g.lastName)).toEqual(["Berg"]);
    const second = await listGuests(db, curator, { limit: 1, cursor: first.nextCursor! });
    expect(second.guests.map((g) => g.lastName)).toEqual(["Cole"]);

    const stranger = await actorFor(db, Role.CURATOR);
    await createGuest(db, { userId: stranger.userId, firstName: "Zoe", lastName: "Zeller" });
    const refused = await appError(listGuests(db, stranger, { limit: 1, cursor: second.nextCursor! }));
    expect(refused.code).toBe("INVALID_INPUT");
    expect(refused.details.errors).toEqual([{ path: "cursor", message: expect.stringMatching(/^is not a cursor from this list/) }]);
  });

  it("organises guests in groups: create with members, add, remove, soft-delete", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createGuest(db, { userId: curator.userId })));
    const { group } = await createGroup(db, curator, { name: "Friends", guestIds: [a!.id, b!.id, a!.id] });
    expect(group.guestIds).toEqual([a!.id, b!.id].sort());
    expect((await addToGroup(db, curator, { id: group.id, guestIds: [c!.id, a!.id] })).group.guestIds).toHaveLength(3);
    expect((await removeFromGroup(db, curator, { id: group.id, guestIds: [a!.id] })).group.guestIds).toEqual([b!.id, c!.id].sort());

    const { guest: joined } = await createGuestService(db, curator, guestInput({ firstName: "New", lastName: "Friend", groupIds: [group.id] }));
    expect(joined.groupIds).toEqual([group.id]);
    await deleteGuest(db, curator, b!.id);
    expect((await listGroups(db, curator)).groups[0]!.guestIds).toEqual([c!.id, joined.id].sort());
    expect((await listGuests(db, curator, { groupId: group.id, limit: 10 })).guests).toHaveLength(2);

    await deleteGroup(db, curator, group.id);
    expect((await listGroups(db, curator)).groups).toEqual([]);
  });
});

describe("CSV import", () => {
  it("creates the good rows and reports every refused row with its line and reason", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    await createGuest(db, { userId: curator.userId, firstName: "Old", lastName: "Friend", email: "old@example.com" });
    const { group } = await createGroup(db, curator, { name: "Imported" });
    const csv = [
      "\uFEFFFirst name,Surname,E-mail,Mobile,Shoe size", // 1: header (BOM, variants, an unknown column)
      "Zoë,Müller,zoe@example.com,0151 23456789,38", // 2: ok (national number, DE)
      '"Ní Bhriain, Aoife",Ó,aoife@example.com,,40', // 3: ok (quoted comma)
      "José,,jose@example.com,,41", // 4: no last name
      "Chloé,Dubois,not-an-email,,39", // 5: bad email
      "Søren,Nørgaard,,12,44", // 6: bad phone
      "Zoe,Mueller,ZOE@example.com,,38", // 7: same email as line 2
      "Old,Friend,old@example.com,,42", // 8: already in the book
      "Only,Two", // 9: too few columns
      ",,,,", // 10: an empty row is skipped silently
      "Mateus,Gonçalves,,+55 11 91234-5678,43", // 11: ok (international)
    ].join("\n");
    const report = await importGuestsCsv(db, curator, ZImportGuestsInput.parse({ csv, defaultCountry: "DE", groupIds: [group.id] }));

    expect(report.created.map((c) => [c.line, c.fullName])).toEqual([
      [2, "Zoë Müller"],
      [3, "Ní Bhriain, Aoife Ó"],
      [11, "Mateus Gonçalves"],
    ]);
    expect(report.refused.map((r) => r.line)).toEqual([4, 5, 6, 7, 8, 9]);
    const reason = (line: number) => report.refused.find((r) => r.line === line)!.reason;
    expect(reason(4)).toMatch(/lastName/);
    expect(reason(5)).toMatch(/email.*email address/);
    expect(reason(6)).toMatch(/phoneNumber.*not a valid phone number/);
    expect(reason(7)).toMatch(/duplicate: email .*line 2/);
    expect(reason(8)).toMatch(/duplicate: email .*Old Friend in your guest book/);
    expect(reason(9)).toMatch(/unreadable row/);
    expect(report.ignoredColumns).toEqual(["Shoe size"]);

    const zoe = await db.eventGuest.findUniqueOrThrow({ where: { id: report.created[0]!.guestId }, include: { groups: true } });
    expect(zoe).toMatchObject({ phoneNumber: "+4915123456789", email: "zoe@example.com", searchText: "zoe muller zoe@example.com 4915123456789" });
    expect(zoe.groups.map((g) => g.groupId)).toEqual([group.id]);
  });

  it("refuses a file without name columns, or one the parser cannot read, as a whole (400)", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const noNames = await appError(importGuestsCsv(db, curator, ZImportGuestsInput.parse({ csv: "email,phone\na@b.c,+4915123456789" })));
    expect(noNames.code).toBe("INVALID_INPUT");
    expect(noNames.details.errors).toEqual([{ path: "csv", message: expect.stringMatching(/firstName and lastName/) }]);
    const nameOnly = await importGuestsCsv(db, curator, ZImportGuestsInput.parse({ csv: "Name\nSigrún Jónsdóttir\nCher" }));
    expect(nameOnly.created.map((c) => c.fullName)).toEqual(["Sigrún Jónsdóttir"]);
    expect(nameOnly.refused).toEqual([expect.objectContaining({ line: 3, reason: expect.stringMatching(/lastName/) })]);
  });
});

describe("invitations", () => {
  it("adds guests and whole groups once; the second time they are already on the list", async () => {
    const { curator, event } = await curatorWithEvent();
    const [a, b, c] = await Promise.all(["Ada", "Ben", "Cy"].map((firstName) => createGuest(db, { userId: curator.userId, firstName })));
    const group = await createGuestGroup(db, { userId: curator.userId, guestIds: [b!.id, c!.id] });

    const first = await addGuestsToEvent(db, curator, event.id, { guestIds: [a!.id, b!.id], groupIds: [group.id] });
    expect(new Set(first.added)).toEqual(new Set([a!.id, b!.id, c!.id]));
    expect(first.alreadyOnList).toEqual([]);
    expect(first.guests).toHaveLength(3);
    for (const entry of first.guests) {
      expect(entry.status).toBe("INVITED");
      // 16 random bytes as base64url: 22 characters, 128 bits.
      expect(entry.ticketCode).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
    expect(new Set(first.guests.map((g) => g.ticketCode)).size).toBe(3);

    const second = await addGuestsToEvent(db, curator, event.id, { groupIds: [group.id], guestIds: [a!.id] });
    expect(second.added).toEqual([]);
    expect(new Set(second.alreadyOnList)).toEqual(new Set([a!.id, b!.id, c!.id]));
    expect(second.guests).toEqual(first.guests); // same codes
    expect(await db.eventGuestToEvent.count({ where: { eventId: event.id } })).toBe(3);
  });

  it("never duplicates a row when the same guests are added concurrently", async () => {
    const { curator, event } = await curatorWithEvent();
    const guests = await Promise.all(Array.from({ length: 20 }, () => createGuest(db, { userId: curator.userId })));
    const ids = guests.map((g) => g.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => addGuestsToEvent(db, curator, event.id, { guestIds: ids })));
    expect(results.flatMap((r) => r.added).sort()).toEqual([...ids].sort()); // each added exactly once
    expect(await db.eventGuestToEvent.count({ where: { eventId: event.id } })).toBe(20);
  });

  it("takes only the event's curator's live guests and groups, and only open events", async () => {
    const { curator, event } = await curatorWithEvent();
    const other = await actorFor(db, Role.CURATOR);
    const theirs = await createGuest(db, { userId: other.userId });
    const theirGroup = await createGuestGroup(db, { userId: other.userId, guestIds: [theirs.id] });
    expect((await appError(addGuestsToEvent(db, curator, event.id, { guestIds: [theirs.id] }))).code).toBe("NOT_FOUND");
    expect((await appError(addGuestsToEvent(db, curator, event.id, { groupIds: [theirGroup.id] }))).code).toBe("NOT_FOUND");
    const mine = await createGuest(db, { userId: curator.userId });
    expect((await appError(addGuestsToEvent(db, other, event.id, { guestIds: [mine.id] }))).code).toBe("NOT_FOUND");

    const deleted = await createGuest(db, { userId: curator.userId });
    const group = await createGuestGroup(db, { userId: curator.userId, guestIds: [mine.id, deleted.id] });
    await deleteGuest(db, curator, deleted.id);
    expect((await appError(addGuestsToEvent(db, curator, event.id, { guestIds: [deleted.id] }))).code).toBe("NOT_FOUND");
    expect((await addGuestsToEvent(db, curator, event.id, { groupIds: [group.id] })).added).toEqual([mine.id]);

    const admin = await actorFor(db, Role.ADMIN);
    const second = await createGuest(db, { userId: curator.userId });
    expect((await addGuestsToEvent(db, admin, event.id, { guestIds: [second.id] })).added).toEqual([second.id]);

    const { event: done } = await createEvent(db, { curatorId: curator.userId, status: EventStatus.CANCELED });
    const closed = await appError(addGuestsToEvent(db, curator, done.id, { guestIds: [mine.id] }));
    expect(closed.code).toBe("CONFLICT");
    expect(closed.message).toMatch(/CANCELED/);
  });

  it("gives the curator each guest's QR code (holding the ticket code) and the list with codes", async () => {
    const { curator, event } = await curatorWithEvent();
    const guest = await createGuest(db, { userId: curator.userId });
    const [entry] = (await addGuestsToEvent(db, curator, event.id, { guestIds: [guest.id] })).guests;
    const qr = await ticketQr(db, curator, { eventId: event.id, guestId: guest.id });
    expect(qr.ticketCode).toBe(entry!.ticketCode);
    expect(qr.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = Buffer.from(qr.pngDataUrl.replace(/^data:image\/png;base64,/, ""), "base64");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(320); // width from the IHDR chunk

    const staff = await actorFor(db, Role.STAFF);
    expect((await appError(ticketQr(db, staff, { eventId: event.id, guestId: guest.id }))).code).toBe("FORBIDDEN");
    const other: Actor = await actorFor(db, Role.CURATOR);
    expect((await appError(ticketQr(db, other, { eventId: event.id, guestId: guest.id }))).code).toBe("NOT_FOUND");

    const list = await listEventGuests(db, curator, { eventId: event.id, limit: 10 });
    expect(list.guests).toEqual([
      expect.objectContaining({ guestId: guest.id, ticketCode: entry!.ticketCode, status: "INVITED", checkedInBy: null }),
    ]);
  });
});
