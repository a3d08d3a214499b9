// The door offline against a real database: the list a phone keeps (hashed codes, deltas),
// offline scans synced later, and two phones that let one guest in while apart.
import { describe, expect, it } from "vitest";
import type { ZodError } from "zod";
import { assignStaff, createEvent, createGuest, inviteGuest } from "../../../prisma/factories";
import { CheckInResult, EventStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { appError, trpcError } from "../../testing/rejections";
import { createCaller } from "../../trpc/root";
import { updateEvent } from "../events/update";
import { checkIn } from "./check-in";
import { listConflicts } from "./conflicts";
import { conflictSentence } from "./conflict-words";
import { doorCodeHash, doorList } from "./door-list";
import { syncOfflineScans } from "./offline-sync";
import { ZDoorListInput, type OfflineAnswer } from "./schema";

const db = useTestDb();

/** An event with two door staff (Sam and Kim, each with a phone) and `guests` guests on its list. */
async function twoPhoneDoor(guests = 2) {
  const curator = await actorFor(db, Role.CURATOR);
  const sam = { ...(await actorFor(db, Role.STAFF)), phone: "phone-a-0001" };
  const kim = { ...(await actorFor(db, Role.STAFF)), phone: "phone-b-0002" };
  const { event } = await createEvent(db, { curatorId: curator.userId, timezone: "UTC" });
  for (const staff of [sam, kim]) await assignStaff(db, { eventId: event.id, userId: staff.userId });
  const codes: string[] = [];
  for (let i = 0; i < guests; i++) {
    const guest = await createGuest(db, { userId: curator.userId, firstName: `Ada${i}`, lastName: "Guest" });
    codes.push((await inviteGuest(db, { eventId: event.id, guestId: guest.id })).ticketCode);
  }
  return { curator, sam, kim, event, codes };
}

const minutes = (n: number) => new Date(Date.UTC(2026, 10, 27, 21, n));

/** A transaction another session keeps open (a long job, an idle client) until the returned call ends it. */
async function transactionLeftOpen(): Promise<() => Promise<void>> {
  let begin = () => {};
  let release = () => {};
  const begun = new Promise<void>((resolve) => (begin = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  // Prisma's promises start when awaited: `then` sends this one now.
  const job = db
    .$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT pg_current_xact_id()::text`;
        begin();
        await released;
      },
      { timeout: 60_000 },
    )
    .then(() => undefined);
  await Promise.race([begun, job]);
  return async () => {
    release();
    await job;
  };
}

function scan(code: string, at: Date, offlineAnswer: OfflineAnswer = "CHECKED_IN") {
  return { code, nonce: crypto.randomUUID(), scannedAt: at, offlineAnswer };
}

describe("the door list", () => {
  it("holds each admission's code only as HMAC-SHA256 under the event's salt, with name and status", async () => {
    const { sam, event, codes } = await twoPhoneDoor();
    const list = await doorList(db, sam, { eventId: event.id });
    expect(list.full).toBe(true);
    expect(list.entries).toHaveLength(2);
    expect(JSON.stringify(list)).not.toContain(codes[0]);
    const hashes = list.entries.map((e) => e.codeHash).sort();
    expect(hashes).toEqual(codes.map((c) => doorCodeHash(list.salt, c)).sort());
    expect(list.entries.every((e) => e.status === "INVITED" && e.fullName.startsWith("Ada"))).toBe(true);
    // Another event's list is salted apart: the same code would not hash alike.
    const other = await twoPhoneDoor(1);
    expect((await doorList(db, other.sam, { eventId: other.event.id })).salt).not.toBe(list.salt);
  });

  it("sends only what changed since the cursor: a check-in and a new guest, nothing else", async () => {
    const { curator, sam, kim, event, codes } = await twoPhoneDoor(3);
    const first = await doorList(db, sam, { eventId: event.id });
    expect((await doorList(db, sam, { eventId: event.id, since: first.cursor })).entries).toEqual([]);

    await checkIn(db, kim, { eventId: event.id, code: codes[1]! });
    const late = await createGuest(db, { userId: curator.userId, firstName: "Late" });
    await inviteGuest(db, { eventId: event.id, guestId: late.id });
    const delta = await doorList(db, sam, { eventId: event.id, since: first.cursor });
    expect(delta.full).toBe(false);
    expect(delta.entries.map((e) => [e.fullName, e.status, e.checkedInBy?.name ?? null]).sort()).toEqual([
      ["Ada1 Guest", "CHECKED_IN", kim.name],
      [late.fullName, "INVITED", null],
    ]);
  });

  it("a transaction left open elsewhere neither sends the phone again what it has nor hides what it has not; (control) a cursor of the oldest running id alone sends it all again", async () => {
    const endLongJob = await transactionLeftOpen();
    try {
      const { sam, event, codes } = await twoPhoneDoor(3);
      const first = await doorList(db, sam, { eventId: event.id });
      expect(first.entries).toHaveLength(3);
      expect((await doorList(db, sam, { eventId: event.id, since: first.cursor })).entries).toEqual([]);
      // The control: what phones kept before cursors were snapshots, the snapshot's oldest running
      // transaction, is older than every write above while the long job runs.
      const oldestRunning = first.cursor.split(":")[0]!;
      const control = ZDoorListInput.parse({ eventId: event.id, since: oldestRunning });
      expect((await doorList(db, sam, control)).entries).toHaveLength(3);

      // A check-in still in flight when the phone reads is not in that read, and is in the next.
      let cursorDuring = "";
      await db.$transaction(async (tx) => {
        await tx.eventGuestToEvent.update({
          where: { ticketCode: codes[0]! },
          data: { status: "CHECKED_IN", checkedInAt: minutes(4), checkedInBy: sam.userId },
        });
        const during = await doorList(db, sam, { eventId: event.id, since: first.cursor });
        expect(during.entries).toEqual([]);
        cursorDuring = during.cursor;
      });
      const after = await doorList(db, sam, { eventId: event.id, since: cursorDuring });
      expect(after.entries.map((e) => [e.fullName, e.status])).toEqual([["Ada0 Guest", "CHECKED_IN"]]);
      expect((await doorList(db, sam, { eventId: event.id, since: after.cursor })).entries).toEqual([]);
    } finally {
      await endLongJob();
    }
  });

  it("refuses a cursor it did not write as BAD_REQUEST naming since, and reads the one-number cursor phones kept before", async () => {
    const { sam, event } = await twoPhoneDoor(1);
    const door = createCaller({ db, actor: sam }).door;
    for (const since of ["abc", "5:3:", "3:5:6", "3:5:4,3", "0:0:", "1:2:3:4", `1:${"9".repeat(20)}:`, "1".repeat(8_001)]) {
      const error = await trpcError(door.list({ eventId: event.id, since }));
      const issues = (error.cause as ZodError).issues.map((issue) => [issue.path.join("."), issue.message]);
      expect([since, error.code, issues]).toEqual([since, "BAD_REQUEST", [["since", "must be the cursor of an earlier read"]]]);
    }
    const { cursor } = await door.list({ eventId: event.id });
    expect((await door.list({ eventId: event.id, since: cursor.split(":")[0]! })).full).toBe(false);
  });

  it("is the door's: staff of the event and its curator while the door is open", async () => {
    const { event } = await twoPhoneDoor(1);
    const stranger = await actorFor(db, Role.STAFF);
    expect((await appError(doorList(db, stranger, { eventId: event.id }))).code).toBe("FORBIDDEN");
  });
});

describe("offline scans synced later", () => {
  it("a green scan checks the guest in at the time it happened; the same sync again changes nothing", async () => {
    const { sam, event, codes } = await twoPhoneDoor();
    const scans = [scan(codes[0]!, minutes(4)), scan(codes[1]!, minutes(5), "NOT_ON_LIST")];
    const input = { eventId: event.id, deviceId: sam.phone, scans };
    const { synced } = await syncOfflineScans(db, sam, input);
    expect(synced.map((s) => s.result)).toEqual(["CHECKED_IN", "NOT_ON_LIST"]);
    const entry = await db.eventGuestToEvent.findUniqueOrThrow({ where: { ticketCode: codes[0]! } });
    expect(entry.checkedInAt).toEqual(minutes(4));
    // A red answer at the door admitted nobody: the record agrees, and the scan is in the audit.
    expect((await db.eventGuestToEvent.findUniqueOrThrow({ where: { ticketCode: codes[1]! } })).status).toBe("INVITED");

    const again = await syncOfflineScans(db, sam, input);
    expect(again.synced.map((s) => s.result)).toEqual(["CHECKED_IN", "NOT_ON_LIST"]);
    const attempts = await db.checkInAttempt.findMany({ where: { eventId: event.id }, select: { result: true, nonce: true } });
    expect(attempts.map((a) => a.result).sort()).toEqual([CheckInResult.CHECKED_IN, CheckInResult.NOT_ON_LIST]);
  });

  it("two phones that let one guest in while apart: one check-in (the earlier), one conflict both phones and the curator see", async () => {
    const { curator, sam, kim, event, codes } = await twoPhoneDoor();
    const before = await doorList(db, sam, { eventId: event.id });
    // Kim's phone comes back first, with the later scan (21:06); Sam's scan was at 21:04.
    await syncOfflineScans(db, kim, { eventId: event.id, deviceId: kim.phone, scans: [scan(codes[0]!, minutes(6))] });
    const samScan = scan(codes[0]!, minutes(4));
    const { synced } = await syncOfflineScans(db, sam, { eventId: event.id, deviceId: sam.phone, scans: [samScan] });

    expect(synced[0]!.result).toBe("ALREADY_CHECKED_IN");
    const conflict = synced[0]!.conflict!;
    expect(conflict.first).toMatchObject({ by: { id: sam.userId }, deviceId: sam.phone, at: minutes(4) });
    expect(conflict.second).toMatchObject({ by: { id: kim.userId }, deviceId: kim.phone, at: minutes(6) });
    expect(conflictSentence(conflict, "UTC", minutes(30))).toBe(
      `Ada0 Guest came in twice: 21:04 by ${sam.name} at phone\u00a0…\u20600001, 21:06 by ${kim.name} at phone\u00a0…\u20600002`,
    );
    // The record: one check-in, the earlier one.
    const entry = await db.eventGuestToEvent.findUniqueOrThrow({ where: { ticketCode: codes[0]! } });
    expect([entry.status, entry.checkedInAt, entry.checkedInBy]).toEqual(["CHECKED_IN", minutes(4), sam.userId]);
    // Kim's phone learns it from its next delta; the curator from the event page.
    const delta = await doorList(db, kim, { eventId: event.id, since: before.cursor });
    expect(delta.conflicts.map((c) => c.id)).toEqual([conflict.id]);
    expect(delta.entries.find((e) => e.fullName === "Ada0 Guest")?.checkedInBy?.id).toBe(sam.userId);
    expect((await listConflicts(db, curator, event.id)).conflicts.map((c) => c.id)).toEqual([conflict.id]);

    // Sam's phone sends the same scan again (its answer was lost): still one conflict.
    const resent = await syncOfflineScans(db, sam, { eventId: event.id, deviceId: sam.phone, scans: [samScan] });
    expect(resent.synced[0]!.conflict?.id).toBe(conflict.id);
    expect(await db.checkInConflict.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("an amber scan (this phone already had it) is no conflict", async () => {
    const { sam, event, codes } = await twoPhoneDoor(1);
    const scans = [scan(codes[0]!, minutes(4)), scan(codes[0]!, minutes(5), "ALREADY_CHECKED_IN")];
    const { synced } = await syncOfflineScans(db, sam, { eventId: event.id, deviceId: sam.phone, scans });
    expect(synced.map((s) => [s.result, s.conflict])).toEqual([
      ["CHECKED_IN", null],
      ["ALREADY_CHECKED_IN", null],
    ]);
    expect(await db.checkInConflict.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("a door closed since still takes its scans into the audit (green ones refused), and strangers are refused", async () => {
    const { curator, sam, event, codes } = await twoPhoneDoor(1);
    await updateEvent(db, curator, event.id, { status: EventStatus.CANCELED });
    const { synced } = await syncOfflineScans(db, sam, { eventId: event.id, deviceId: sam.phone, scans: [scan(codes[0]!, minutes(4))] });
    expect(synced[0]!.result).toBe("REFUSED");
    expect(await db.checkInAttempt.count({ where: { eventId: event.id, staffId: sam.userId } })).toBe(1);

    const stranger = await actorFor(db, Role.STAFF);
    const refused = await appError(syncOfflineScans(db, stranger, { eventId: event.id, deviceId: "x", scans: [scan(codes[0]!, minutes(4))] }));
    expect(refused.code).toBe("FORBIDDEN");
  });
});
