// "Never let one ticket in twice", under real concurrency and through the REST route as a
// partner calls it (API keys, JSON, problem+json): 100 codes, each scanned 50 times at once
// by 5 staff members on 5 devices. Exactly one scan per code is CHECKED_IN, the other 49 are
// ALREADY_CHECKED_IN, nothing is a 5xx, one row per code changed, every attempt is logged.
// The negative control runs the same storm against a read-then-write check-in and sees the
// check fail, so the test can tell a broken check-in from a working one.
import { describe, expect, it, vi } from "vitest";
import { assignStaff, createEvent, createGuest, inviteGuest } from "../../../prisma/factories";
import { createDb, type Db } from "../../db/client";
import { CheckInResult, EventGuestStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { callRoute, userWithKey } from "../../testing/rest";
import { admitting } from "./testing/read-then-write";

const db = useTestDb();

// The negative control lets guests in with a broken statement instead of the real one.
vi.mock("./admit", async (importOriginal) => {
  const real = await importOriginal<typeof import("./admit")>();
  const { swappable } = await import("./testing/read-then-write");
  return { ...real, admitGuest: swappable(real.admitGuest) };
});

// The route handlers use the app's database client (server/db); give it a pool big enough for
// a storm of 200 requests in flight, before the route modules are loaded.
(globalThis as unknown as { marqueeDb?: Db }).marqueeDb = createDb(process.env.DATABASE_URL!, { max: 40 });
const { POST: checkInRoute } = await import("@/app/(rest)/product-event/guest-verification/check-in/route");

const CODES = 100;
const SCANS_PER_CODE = 50;
const STAFF = 5;
const CODES_AT_ONCE = 4; // 200 requests in flight

type Route = typeof checkInRoute;

async function doorWithGuests(codes: number) {
  const curator = await userWithKey(db, Role.CURATOR);
  const { event } = await createEvent(db, { curatorId: curator.user.id });
  const staff = [];
  for (let i = 0; i < STAFF; i++) {
    const member = await userWithKey(db, Role.STAFF);
    await assignStaff(db, { eventId: event.id, userId: member.user.id });
    staff.push(member);
  }
  const entries = [];
  for (let i = 0; i < codes; i++) {
    const guest = await createGuest(db, { userId: curator.user.id });
    entries.push(await inviteGuest(db, { eventId: event.id, guestId: guest.id }));
  }
  return { event, staff, entries };
}

interface Scan {
  code: string;
  status: number;
  result?: string;
  staffId: string;
  checkedInBy?: string;
}

/** Scans every code SCANS_PER_CODE times at once, staff member `i % STAFF` on device `i % STAFF`. */
async function storm(route: Route, eventId: string, staff: { user: { id: string }; key: string }[], codes: string[]) {
  const scans: Scan[] = [];
  for (let i = 0; i < codes.length; i += CODES_AT_ONCE) {
    const batch = codes.slice(i, i + CODES_AT_ONCE);
    const results = await Promise.all(
      batch.flatMap((code) =>
        Array.from({ length: SCANS_PER_CODE }, async (_, n): Promise<Scan> => {
          const member = staff[n % STAFF]!;
          const response = await callRoute(route, {
            method: "POST",
            path: "/product-event/guest-verification/check-in",
            key: member.key,
            json: { eventId, code, nonce: crypto.randomUUID(), deviceId: `scanner-${n % STAFF}` },
          });
          const body = await response.json().catch(() => ({}));
          return { code, status: response.status, result: body.result, staffId: member.user.id, checkedInBy: body.checkedInBy?.id };
        }),
      ),
    );
    scans.push(...results);
  }
  return scans;
}

/** Every way the storm's answers break "exactly one CHECKED_IN per code, the rest ALREADY_CHECKED_IN". */
function violations(scans: Scan[]): string[] {
  const problems: string[] = [];
  const byCode = new Map<string, Scan[]>();
  for (const scan of scans) byCode.set(scan.code, [...(byCode.get(scan.code) ?? []), scan]);
  for (const [code, answers] of byCode) {
    const won = answers.filter((a) => a.status === 200 && a.result === "CHECKED_IN");
    const already = answers.filter((a) => a.status === 409 && a.result === "ALREADY_CHECKED_IN");
    if (won.length !== 1) problems.push(`${code}: ${won.length} CHECKED_IN answers`);
    if (already.length !== answers.length - 1) problems.push(`${code}: ${already.length} ALREADY_CHECKED_IN answers of ${answers.length}`);
    if (won.length === 1 && already.some((a) => a.checkedInBy !== won[0]!.staffId)) {
      problems.push(`${code}: ALREADY_CHECKED_IN names someone else than the winner`);
    }
  }
  const crashed = scans.filter((s) => s.status >= 500);
  if (crashed.length > 0) problems.push(`${crashed.length} answers were 5xx`);
  return problems;
}

describe(`${CODES} codes x ${SCANS_PER_CODE} concurrent scans from ${STAFF} staff, through the REST route`, () => {
  it("lets each code in exactly once, answers the rest ALREADY_CHECKED_IN, never a 5xx, logs every attempt", async () => {
    const { event, staff, entries } = await doorWithGuests(CODES);
    const started = performance.now();
    const scans = await storm(
      checkInRoute,
      event.id,
      staff,
      entries.map((e) => e.ticketCode),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`${scans.length} scans in ${seconds.toFixed(1)} s (${Math.round(scans.length / seconds)}/s)`);

    expect(scans).toHaveLength(CODES * SCANS_PER_CODE);
    expect(violations(scans)).toEqual([]);
    expect(new Set(scans.map((s) => s.status))).toEqual(new Set([200, 409]));

    // The database agrees: one row per code, checked in by the scan that was told so.
    const rows = await db.eventGuestToEvent.findMany({ where: { eventId: event.id } });
    expect(rows).toHaveLength(CODES);
    for (const row of rows) {
      const winner = scans.find((s) => s.code === row.ticketCode && s.status === 200)!;
      expect(row).toMatchObject({ status: EventGuestStatus.CHECKED_IN, checkedInBy: winner.staffId });
    }
    const logged = await db.checkInAttempt.groupBy({ by: ["result"], where: { eventId: event.id }, _count: true });
    expect(Object.fromEntries(logged.map((l) => [l.result, l._count]))).toEqual({
      [CheckInResult.CHECKED_IN]: CODES,
      [CheckInResult.ALREADY_CHECKED_IN]: CODES * (SCANS_PER_CODE - 1),
    });
    const perEntry = await db.checkInAttempt.groupBy({
      by: ["guestToEventId"],
      where: { eventId: event.id, result: CheckInResult.CHECKED_IN },
      _count: true,
    });
    expect(perEntry.every((p) => p._count === 1)).toBe(true);
    // Right codes never count against the wrong-code limit.
    expect(await db.rateLimitWindow.count({ where: { key: { in: staff.map((s) => `staff:${s.user.id}`) } } })).toBe(0);
  }, 120_000);

  it("(negative control) a read-then-write check-in fails the same check", async () => {
    const { event, staff, entries } = await doorWithGuests(8);
    admitting.readThenWrite = true;
    const scans = await storm(
      checkInRoute,
      event.id,
      staff,
      entries.map((e) => e.ticketCode),
    ).finally(() => {
      admitting.readThenWrite = false;
    });
    const found = violations(scans);
    console.log(`negative control: ${found.length} violations, e.g. ${found.slice(0, 3).join("; ")}`);
    expect(found.length).toBeGreaterThan(0);
  }, 60_000);
});
