// The door's statements (server/domain/checkin): the scan's reads and its one admitting
// UPDATE, the attempt log, the wrong-code counters, the search and the counts.
import { Prisma } from "../../generated/prisma/client";
import { EventGuestStatus, type CheckInResult, type EventStatus } from "../../generated/prisma/enums";
import { statement } from "./statement";

/** The event as the door sees it before a scan. */
export interface DoorStateRow {
  id: string;
  curatorId: string;
  status: EventStatus;
  timezone: string;
  /** The actor is door staff assigned to this event. */
  isStaff: boolean;
  /** The staff or device key is at the wrong-code limit in this window. */
  rateLimited: boolean;
  /** The stored answer of this nonce, if the scan was answered before. */
  replay: unknown;
}

/** The live event, the actor's staff flag, the rate limit and the nonce's answer, in one round trip. */
export function readDoorState({
  eventId,
  staffId,
  nonce,
  keys,
  windowStart,
  limit,
}: {
  eventId: string;
  staffId: string;
  nonce: string | null;
  keys: string[];
  windowStart: Date;
  limit: number;
}) {
  return statement<DoorStateRow>(Prisma.sql`
    SELECT e.id, e.curator_id AS "curatorId", e.status::text AS status, e.timezone,
           EXISTS (SELECT 1 FROM "EventStaff" s WHERE s.event_id = e.id AND s.user_id = ${staffId}::uuid) AS "isStaff",
           EXISTS (SELECT 1 FROM "RateLimitWindow" r
                   WHERE r.key = ANY(${keys}::text[]) AND r.window_start = ${windowStart}::timestamptz
                     AND r.count >= ${limit}) AS "rateLimited",
           (SELECT a.response FROM "CheckInAttempt" a
            WHERE a.staff_id = ${staffId}::uuid AND a.nonce = ${nonce}) AS replay
    FROM "Event" e
    WHERE e.id = ${eventId}::uuid AND e.deleted_at IS NULL`);
}

/** A live guest's entry on an event's list, with who checked them in. */
export interface EntryRow {
  id: string;
  status: EventGuestStatus;
  checkedInAt: Date | null;
  guestId: string;
  fullName: string;
  /** The ticket type of a sold admission; null for an invited guest. */
  ticketType: string | null;
  byId: string | null;
  byName: string | null;
}

/** The live guest's entry holding this code on the event's list. */
export function readEntryByCode({ eventId, code }: { eventId: string; code: string }) {
  return statement<EntryRow>(Prisma.sql`
    SELECT e.id, e.status::text AS status, e.checked_in_at AS "checkedInAt", g.id AS "guestId", g.full_name AS "fullName",
           v.name AS "ticketType", u.id AS "byId", u.name AS "byName"
    FROM "EventGuestToEvent" AS e
    JOIN "EventGuest" AS g ON g.id = e.guest_id AND g.deleted_at IS NULL
    LEFT JOIN "ProductVariant" AS v ON v.id = e.variant_id
    LEFT JOIN "User" AS u ON u.id = e.checked_in_by
    WHERE e.event_id = ${eventId}::uuid AND e.ticket_code = ${code}`);
}

/** The guest a scan let in. */
export interface AdmittedRow {
  entryId: string;
  guestId: string;
  fullName: string;
  ticketType: string | null;
  checkedInAt: Date;
}

/**
 * INVITED -> CHECKED_IN in one conditional UPDATE; no row when the code is not an INVITED live
 * guest's. A concurrent scan of the same code blocks on the row lock, then re-checks the
 * status against the committed row and changes nothing: exactly one scan wins.
 */
export function admitInvitedGuest({ eventId, code, staffId }: { eventId: string; code: string; staffId: string }) {
  return statement<AdmittedRow>(Prisma.sql`
    UPDATE "EventGuestToEvent" AS e
    SET status = ${EventGuestStatus.CHECKED_IN}::"EventGuestStatus", checked_in_at = now(), checked_in_by = ${staffId}::uuid
    FROM "EventGuest" AS g
    WHERE e.event_id = ${eventId}::uuid
      AND e.ticket_code = ${code}
      AND e.status = ${EventGuestStatus.INVITED}::"EventGuestStatus"
      AND g.id = e.guest_id
      AND g.deleted_at IS NULL
    RETURNING e.id AS "entryId", e.guest_id AS "guestId", g.full_name AS "fullName",
              (SELECT v.name FROM "ProductVariant" AS v WHERE v.id = e.variant_id) AS "ticketType", e.checked_in_at AS "checkedInAt"`);
}

/** One scan attempt as the door logs it. */
export interface CheckInAttemptValues {
  eventId: string;
  staffId: string;
  deviceId: string | null;
  /** Null: not kept for replay (no nonce, or a 429). */
  nonce: string | null;
  result: CheckInResult;
  guestToEventId: string | null;
  /** Stored as jsonb. */
  response: unknown;
}

/**
 * Logs an attempt; with a nonce, only when no attempt holds it yet (the unique index
 * (staff_id, nonce) decides, waiting for a concurrent transaction that holds it): no row then.
 */
export function insertCheckInAttempt(row: CheckInAttemptValues) {
  return statement<{ id: string }>(Prisma.sql`
    INSERT INTO "CheckInAttempt" (id, event_id, guest_to_event_id, staff_id, device_id, nonce, result, response)
    VALUES (gen_random_uuid(), ${row.eventId}::uuid, ${row.guestToEventId}::uuid, ${row.staffId}::uuid, ${row.deviceId},
            ${row.nonce}, ${row.result}::"CheckInResult", ${JSON.stringify(row.response)}::jsonb)
    ON CONFLICT (staff_id, nonce) DO NOTHING
    RETURNING id`);
}

/** Counts one wrong code against every key, locking their rows in the keys' order; answers each count. */
export function countWrongCodeAgainst({ keys, windowStart }: { keys: string[]; windowStart: Date }) {
  return statement<{ count: number }>(Prisma.sql`
    INSERT INTO "RateLimitWindow" (key, window_start, count)
    SELECT k, ${windowStart}::timestamptz, 1 FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n
    ON CONFLICT (key, window_start) DO UPDATE SET count = "RateLimitWindow".count + 1
    RETURNING count`);
}

/** Deletes these keys' windows before `windowStart`: spent, so the table holds one row per active key. */
export function deleteSpentWindows({ keys, windowStart }: { keys: string[]; windowStart: Date }) {
  return statement(Prisma.sql`
    DELETE FROM "RateLimitWindow" WHERE key = ANY(${keys}::text[]) AND window_start < ${windowStart}::timestamptz`);
}

/** A term inside LIKE '%...%': its own % _ and \ are literal. */
function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A guest on the event's list as the door search shows it. */
export interface DoorSearchRow {
  guestId: string;
  fullName: string;
  phoneNumber: string | null;
  status: EventGuestStatus;
  ticketCode: string;
  /** A sold admission's ticket type; null for an invited guest. */
  ticketType: string | null;
  checkedInAt: Date | null;
  byId: string | null;
  byName: string | null;
}

/**
 * Guests on the event's list whose searchText holds every (folded) term, each a
 * `LIKE '%term%'` that the trigram GIN index "EventGuest_search_text_idx" serves; joined to
 * this event's list through its (event_id, guest_id) index (a buyer has a row per ticket).
 */
export function matchDoorList({ eventId, terms, limit }: { eventId: string; terms: string[]; limit: number }) {
  const matches = Prisma.join(
    terms.map((term) => Prisma.sql`g.search_text LIKE ${likeContains(term)}`),
    " AND ",
  );
  return statement<DoorSearchRow>(Prisma.sql`
    SELECT g.id AS "guestId", g.full_name AS "fullName", g.phone_number AS "phoneNumber",
           e.status::text AS status, e.ticket_code AS "ticketCode", v.name AS "ticketType", e.checked_in_at AS "checkedInAt",
           u.id AS "byId", u.name AS "byName"
    FROM "EventGuest" AS g
    JOIN "EventGuestToEvent" AS e ON e.guest_id = g.id AND e.event_id = ${eventId}::uuid
    LEFT JOIN "ProductVariant" AS v ON v.id = e.variant_id
    LEFT JOIN "User" AS u ON u.id = e.checked_in_by
    WHERE g.deleted_at IS NULL AND ${matches}
    ORDER BY g.full_name, g.id, e.id
    LIMIT ${limit}`);
}

/** Live guests on the event's list and how many of them are checked in, each guest once. */
export function countDoorGuests({ eventId }: { eventId: string }) {
  return statement<{ invited: number; checkedIn: number }>(Prisma.sql`
    SELECT count(DISTINCT e.guest_id)::int AS invited,
           count(DISTINCT e.guest_id) FILTER (WHERE e.status = ${EventGuestStatus.CHECKED_IN}::"EventGuestStatus")::int AS "checkedIn"
    FROM "EventGuestToEvent" AS e
    JOIN "EventGuest" AS g ON g.id = e.guest_id AND g.deleted_at IS NULL
    WHERE e.event_id = ${eventId}::uuid`);
}
