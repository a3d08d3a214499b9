// Invitations are rate limited against PostgreSQL's counters: 50 an hour to one event, 200 a
// day from one inviter. Past either, the invite is a 429 naming the seconds to wait, sends no
// mail and writes no invitation; a refused invite uses no quota; the next window lets them in.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as staffRoute } from "@/app/(rest)/product-event/[id]/staff/route";
import { actorOf, createEvent } from "../../../prisma/factories";
import { Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { appError } from "../../testing/rejections";
import { callRoute, expectProblem, userWithKey } from "../../testing/rest";
import { invite, INVITATIONS_PER_EVENT_PER_HOUR, INVITATIONS_PER_INVITER_PER_DAY } from "./invite";

const db = useTestDb();
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const address = (who: string) => `${who}-${randomUUID().slice(0, 8)}@limited.test`;

/** 09:30 UTC of a day to come: half an hour left in the hour, 14.5 hours left in the day. */
function halfPastNine(): Date {
  const day = Math.floor(Date.now() / DAY_MS) * DAY_MS + 3 * DAY_MS;
  return new Date(day + 9.5 * HOUR_MS);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("invitation rate limits", () => {
  it("the 51st invitation to one event within the hour is a 429 naming the seconds; nothing is sent; the next hour it goes", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const { event } = await createEvent(db, { curatorId: curator.userId });
    const now = halfPastNine();
    for (let i = 0; i < INVITATIONS_PER_EVENT_PER_HOUR; i++) {
      // Staff and promoters count together.
      await invite(
        db,
        curator,
        { eventId: event.id, kind: i % 2 ? "PROMOTER" : "STAFF", email: address(`crew${i}`) },
        new Date(now.getTime() + i * 1000),
      );
    }
    const late = address("late");
    const refused = await appError(invite(db, curator, { eventId: event.id, kind: "STAFF", email: late }, new Date(now.getTime() + 60_000)));
    expect(refused.code).toBe("RATE_LIMITED");
    // 09:31 -> 10:00.
    expect(refused.details.retryAfterSeconds).toBe(29 * 60);
    expect(refused.message).toBe("Too many invitations: at most 50 an hour to one event and 200 a day from one person. Try again in 1740 s.");
    expect(await db.invitation.count({ where: { email: late } })).toBe(0);
    expect(await db.mailMessage.count({ where: { to: late } })).toBe(0);
    expect(await db.invitation.count({ where: { eventId: event.id } })).toBe(INVITATIONS_PER_EVENT_PER_HOUR);

    // Another event of the same curator is not held up.
    const { event: other } = await createEvent(db, { curatorId: curator.userId });
    expect((await invite(db, curator, { eventId: other.id, kind: "STAFF", email: late }, new Date(now.getTime() + 60_000))).invitation.status).toBe(
      "PENDING",
    );
    // The next hour, this event takes invitations again.
    const nextHour = new Date(now.getTime() + 30 * 60_000);
    expect((await invite(db, curator, { eventId: event.id, kind: "STAFF", email: late }, nextHour)).invitation.status).toBe("PENDING");
  });

  it("the 201st invitation from one inviter within the day is a 429 until the day ends, whatever the event", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const now = halfPastNine();
    const events = [];
    for (let e = 0; e < INVITATIONS_PER_INVITER_PER_DAY / INVITATIONS_PER_EVENT_PER_HOUR + 1; e++) {
      events.push((await createEvent(db, { curatorId: curator.userId })).event);
    }
    // 50 to each of four events, each in its own hour: under the hourly limit, up to the daily one.
    for (let i = 0; i < INVITATIONS_PER_INVITER_PER_DAY; i++) {
      const hour = Math.floor(i / INVITATIONS_PER_EVENT_PER_HOUR);
      await invite(db, curator, { eventId: events[hour]!.id, kind: "STAFF", email: address(`d${i}`) }, new Date(now.getTime() + hour * HOUR_MS));
    }
    const at = new Date(now.getTime() + 4 * HOUR_MS); // 13:30
    const refused = await appError(invite(db, curator, { eventId: events[4]!.id, kind: "STAFF", email: address("over") }, at));
    expect(refused.code).toBe("RATE_LIMITED");
    // 13:30 -> midnight UTC.
    expect(refused.details.retryAfterSeconds).toBe(10.5 * 60 * 60);
    expect(refused.message).toContain("Try again in 37800 s.");
    expect(await db.invitation.count({ where: { eventId: events[4]!.id } })).toBe(0);

    // Another curator's invitations to their own event go on.
    const other = await actorFor(db, Role.CURATOR);
    const { event: theirs } = await createEvent(db, { curatorId: other.userId });
    expect((await invite(db, other, { eventId: theirs.id, kind: "STAFF", email: address("theirs") }, at)).invitation.status).toBe("PENDING");
    // Refused invitations used no quota, and the next day starts afresh.
    const tomorrow = new Date(now.getTime() + 15 * HOUR_MS);
    expect((await invite(db, curator, { eventId: events[4]!.id, kind: "STAFF", email: address("tomorrow") }, tomorrow)).invitation.status).toBe(
      "PENDING",
    );
  });

  it("REST answers 429 problem+json with Retry-After and the seconds in its detail", async () => {
    const { user, key } = await userWithKey(db, Role.CURATOR);
    const curator = await actorOf(db, user.id);
    const { event } = await createEvent(db, { curatorId: user.id });
    // The route reads the clock: hold it at half past nine so the window cannot turn mid-test.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(halfPastNine());
    for (let i = 0; i < INVITATIONS_PER_EVENT_PER_HOUR; i++) {
      await invite(db, curator, { eventId: event.id, kind: "STAFF", email: address(`r${i}`) });
    }
    const response = await callRoute(staffRoute, {
      method: "POST",
      path: `/product-event/${event.id}/staff`,
      key,
      json: { email: address("one-more") },
      params: { id: event.id },
    });
    expect(response.headers.get("retry-after")).toBe("1800");
    const problem = await expectProblem(response, 429, "RATE_LIMITED");
    expect(problem.detail).toContain("Try again in 1800 s.");
  });
});
