// Rate limits as callers meet them over HTTP. The one limit is the door's: more than
// WRONG_CODE_LIMIT wrong codes a minute from a staff member or a device, and every scan from
// them is a 429 with Retry-After until the minute ends (the rules themselves are tested in
// server/domain/checkin/service.integration.test.ts). Decided: a right code from a limited
// caller is refused too and lets nobody in, or the 429 would tell a guesser which codes are
// right. Nothing else is limited: partners' scripts are never throttled.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as trpcRoute } from "@/app/api/trpc/[trpc]/route";
import { GET as eventDetailsRoute } from "@/app/(rest)/product-event/[id]/details/route";
import { POST as checkInRoute } from "@/app/(rest)/product-event/guest-verification/check-in/route";
import { assignStaff, createEvent, createGuest, inviteGuest } from "../../prisma/factories";
import { WRONG_CODE_LIMIT, WRONG_CODE_WINDOW_MS } from "../domain/checkin/rate-limit";
import { EventGuestStatus, Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { callRoute, expectProblem, userWithKey } from "../testing/rest";

const db = useTestDb();

/** A door: the curator's event, two staff members with keys, and guests with their codes. */
async function door(guests = 4) {
  const curator = await userWithKey(db, Role.CURATOR);
  const staff = await userWithKey(db, Role.STAFF);
  const colleague = await userWithKey(db, Role.STAFF);
  const { event } = await createEvent(db, { curatorId: curator.user.id });
  for (const member of [staff, colleague]) await assignStaff(db, { eventId: event.id, userId: member.user.id });
  const entries = [];
  for (let i = 0; i < guests; i++) {
    const guest = await createGuest(db, { userId: curator.user.id });
    entries.push(await inviteGuest(db, { eventId: event.id, guestId: guest.id }));
  }
  // Device ids are global (a phone may serve any event): each door gets phones of its own.
  const phone = (name: string) => `${name}-${event.id.slice(0, 8)}`;
  return { curator, staff, colleague, event, entries, codes: entries.map((e) => e.ticketCode), phone };
}

const scan = (key: string, json: { eventId: string; code: string; deviceId?: string }) =>
  callRoute(checkInRoute, { method: "POST", path: "/product-event/guest-verification/check-in", key, json });

/** Start of a rate-limit window ahead of now, so a test owns a whole fresh window. */
const windowStart = Math.ceil(Date.now() / WRONG_CODE_WINDOW_MS) * WRONG_CODE_WINDOW_MS + WRONG_CODE_WINDOW_MS;
const at = (ms: number) => vi.setSystemTime(windowStart + ms);

beforeEach(() => {
  // Only the clock the limit reads; timers stay real for the database driver.
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the door's wrong-code limit over REST", () => {
  it("past the limit: 429 problem+json with Retry-After to the minute's end, for the staff member on any device and anyone on that device", async () => {
    const { staff, colleague, event, entries, codes, phone } = await door();
    at(15_000);
    for (let i = 0; i < WRONG_CODE_LIMIT; i++) {
      const answer = await expectProblem(
        await scan(staff.key, { eventId: event.id, code: `guess-${i}`, deviceId: phone("door-1") }),
        404,
        "NOT_FOUND",
      );
      expect(answer.result).toBe("NOT_ON_LIST");
    }

    // The right code from the limited staff member: refused, and the guest is not let in.
    const limited = await scan(staff.key, { eventId: event.id, code: codes[0]!, deviceId: phone("door-1") });
    expect(limited.headers.get("retry-after")).toBe("45");
    const problem = await expectProblem(limited, 429, "RATE_LIMITED");
    expect(problem.detail).toMatch(/wrong codes/i);
    expect(await db.eventGuestToEvent.findUniqueOrThrow({ where: { id: entries[0]!.id } })).toMatchObject({
      status: EventGuestStatus.INVITED,
      checkedInAt: null,
    });

    // The staff member on another phone, and a colleague on the limited phone: 429 too.
    await expectProblem(await scan(staff.key, { eventId: event.id, code: codes[0]!, deviceId: phone("door-2") }), 429, "RATE_LIMITED");
    await expectProblem(await scan(colleague.key, { eventId: event.id, code: codes[0]!, deviceId: phone("door-1") }), 429, "RATE_LIMITED");

    // Retry-After counts down with the window.
    at(50_000);
    expect((await scan(staff.key, { eventId: event.id, code: codes[0]!, deviceId: phone("door-1") })).headers.get("retry-after")).toBe("10");

    // The minute is over: the same staff member and phone let the guest in.
    at(WRONG_CODE_WINDOW_MS);
    const admitted = await scan(staff.key, { eventId: event.id, code: codes[0]!, deviceId: phone("door-1") });
    expect(admitted.status, await admitted.clone().text()).toBe(200);
    expect((await admitted.json()).result).toBe("CHECKED_IN");
  });

  it("other callers are unaffected: another staff member on another phone gets answers, right or wrong, even during a burst of guesses", async () => {
    const { staff, colleague, event, codes, phone } = await door();
    at(5_000);
    // A guesser fires a burst of wrong codes at once while a colleague scans at another entrance.
    const guesses = Array.from({ length: 30 }, (_, i) => scan(staff.key, { eventId: event.id, code: `burst-${i}`, deviceId: phone("door-1") }));
    const colleagueScans = codes.map((code) => scan(colleague.key, { eventId: event.id, code, deviceId: phone("door-3") }));
    const [guessed, scanned] = await Promise.all([Promise.all(guesses), Promise.all(colleagueScans)]);

    expect(scanned.map((r) => r.status)).toEqual(codes.map(() => 200));
    const statuses = guessed.map((r) => r.status);
    expect(
      statuses.every((s) => s === 404 || s === 429),
      JSON.stringify(statuses),
    ).toBe(true);
    // At least the allowed wrong codes were answered; past them the limit holds for good.
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(WRONG_CODE_LIMIT);
    await expectProblem(await scan(staff.key, { eventId: event.id, code: "after-burst", deviceId: phone("door-1") }), 429, "RATE_LIMITED");

    // The colleague's own wrong code is an ordinary answer, not a 429.
    const wrong = await expectProblem(await scan(colleague.key, { eventId: event.id, code: "typo", deviceId: phone("door-3") }), 404, "NOT_FOUND");
    expect(wrong.result).toBe("NOT_ON_LIST");
  });
});

describe("the door's wrong-code limit over tRPC (the door screen)", () => {
  async function trpcCheckIn(key: string, input: { eventId: string; code: string; deviceId?: string }) {
    const response = await trpcRoute(
      new Request("http://localhost/api/trpc/door.checkIn", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ json: input }),
      }),
    );
    return { response, body: await response.json() };
  }

  it("answers TOO_MANY_REQUESTS as HTTP 429 with Retry-After and retryAfterSeconds; another staff member is served", async () => {
    const { staff, colleague, event, codes, phone } = await door();
    at(20_000);
    for (let i = 0; i < WRONG_CODE_LIMIT; i++) {
      const { body } = await trpcCheckIn(staff.key, { eventId: event.id, code: `guess-${i}`, deviceId: phone("phone-1") });
      expect(body.result.data.json.answer.result).toBe("NOT_ON_LIST");
    }
    const { response, body } = await trpcCheckIn(staff.key, { eventId: event.id, code: codes[0]!, deviceId: phone("phone-1") });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("40");
    expect(body.error.json.data).toMatchObject({ code: "TOO_MANY_REQUESTS", domainCode: "RATE_LIMITED", retryAfterSeconds: 40 });

    const served = await trpcCheckIn(colleague.key, { eventId: event.id, code: codes[0]!, deviceId: phone("phone-2") });
    expect(served.response.status).toBe(200);
    expect(served.response.headers.get("retry-after")).toBeNull();
    expect(served.body.result.data.json.answer.result).toBe("CHECKED_IN");
  });
});

describe("no other limit", () => {
  it("a partner's key is never throttled: a burst of 400 requests is answered in full", async () => {
    vi.useRealTimers();
    const { curator, event } = await door(0);
    const statuses: number[] = [];
    // 20 callers in parallel, 20 requests each, as a partner's sync job would.
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < 20; i++) {
          const response = await callRoute(eventDetailsRoute, {
            path: `/product-event/${event.id}/details`,
            key: curator.key,
            params: { id: event.id },
          });
          statuses.push(response.status);
          await response.body?.cancel();
        }
      }),
    );
    expect(statuses).toHaveLength(400);
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
