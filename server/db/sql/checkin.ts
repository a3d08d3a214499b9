// The door's statements (server/domain/checkin): the scan (one statement: its reads, the
// admitting UPDATE, the wrong-code counters and the audit row), the counters other limits
// share, the search and the counts.
import type { Actor } from "../../auth/actor";
import { doorRefusalSql } from "../../auth/policy";
import { Prisma } from "../../generated/prisma/client";
import { CheckInResult, EventGuestStatus } from "../../generated/prisma/enums";
import { curatorSubscribed } from "./partner-webhooks";
import { preparedStatement, statement } from "./statement";

/** A scan at the door, as the one statement of a check-in takes it (server/domain/checkin/check-in.ts). */
export interface DoorScan {
  eventId: string;
  code: string;
  /** Who scans: their id is the attempt's staff_id and the door rule is asked about them. */
  actor: Pick<Actor, "userId" | "role">;
  deviceId: string | null;
  /** Null: a scan without a nonce, nothing to replay. */
  nonce: string | null;
  /** SHA-256 of the event and the code, stored with the answer: a nonce replays only for the same scan. */
  request: string;
  /** When the guest was let in; null: now (a phone that admitted offline sends its own time). */
  scannedAt: Date | null;
  /** The answer was given by a phone offline and is recorded now: kept in the logged response. */
  offline: boolean;
  /** The staff and device keys of the wrong-code limit, their window, the limit and the audit bound. */
  keys: string[];
  windowStart: Date;
  limit: number;
  auditedPerWindow: number;
  /** The 429's `{code, message}`, stored with its attempt. */
  rateLimited: { code: string; message: string };
  /** Test-only: read the entry without locking it and write without re-checking it (the lost race). */
  readThenWrite?: boolean;
}

/** What a scan's one statement did; no row when the event does not exist. */
export interface DoorScanRow {
  /** REPLAY: the nonce was answered before, `replay` holds that answer (nothing was written). */
  result: CheckInResult | "REPLAY";
  timeZone: string;
  /** The nonce's stored response and when it was given. */
  replay: { response: unknown; at: string } | null;
  /** Why the actor may not work the door now (with result FORBIDDEN). */
  refusal: { code: string; message: string } | null;
  guestId: string | null;
  fullName: string | null;
  /** The ticket type of a sold admission; null for an invited guest. */
  ticketType: string | null;
  checkedInAt: Date | null;
  byId: string | null;
  byName: string | null;
}

/**
 * A whole check-in in one statement, one round trip: the door's state (the live event, whether
 * the actor may work it, the wrong-code limit, the nonce's stored answer), then the admission,
 * the wrong-code counters and the audit row, all or nothing.
 *
 * Exactly one of any number of concurrent scans of a code lets the guest in: `entry` locks the
 * code's row (FOR UPDATE waits for a concurrent scan or undo and then reads the row as it
 * committed), so the UPDATE decides on the current status, and every other scan reads who let
 * the guest in and when. A nonce is claimed by the audit row's unique index (staff_id, nonce):
 * a concurrent request holding it makes this statement fail on that index, undoing all of it,
 * and the caller replays the answer that request stored.
 *
 * Wrong codes and scans refused as FORBIDDEN (someone who does not work this door) count
 * against the staff and device keys; at the limit every scan from them is a 429 until the window
 * ends, and each 429 is counted too. Counted attempts are logged while the highest count is at
 * most `auditedPerWindow`; past it only the counter row (one per key and window) grows, so
 * nobody can pad a curator's audit log by more than that many rows a window.
 */
export function scanAtDoor(scan: DoorScan) {
  const { CHECKED_IN, ALREADY_CHECKED_IN, NOT_ON_LIST, FORBIDDEN, RATE_LIMITED } = CheckInResult;
  const invited = Prisma.sql`${EventGuestStatus.INVITED}::"EventGuestStatus"`;
  const lock = scan.readThenWrite ? Prisma.empty : Prisma.sql`FOR UPDATE OF x`;
  const stillInvited = scan.readThenWrite ? Prisma.empty : Prisma.sql`AND x.status = ${invited}`;
  const at = Prisma.sql`date_trunc('milliseconds', coalesce(${scan.scannedAt}::timestamptz, now()))`;
  const staffId = scan.actor.userId;
  const refusal = doorRefusalSql(scan.actor, { curatorId: Prisma.sql`e.curator_id`, status: Prisma.sql`e.status`, isStaff: Prisma.sql`e.is_staff` });
  const offline = scan.offline ? Prisma.sql`|| jsonb_build_object('offline', true)` : Prisma.empty;
  return preparedStatement<DoorScanRow>(Prisma.sql`
    WITH door AS (
      SELECT e.id, e.timezone,
             ${refusal} AS refusal,
             coalesce((SELECT max(r.count) FROM "RateLimitWindow" r
                       WHERE r.key = ANY(${scan.keys}::text[]) AND r.window_start = ${scan.windowStart}::timestamptz), 0) >= ${scan.limit} AS limited,
             (SELECT jsonb_build_object('response', a.response, 'at', a.created_at) FROM "CheckInAttempt" a
              WHERE a.staff_id = ${staffId}::uuid AND a.nonce = ${scan.nonce}) AS replay
      FROM (SELECT e.id, e.timezone, e.curator_id, e.status, EXISTS (SELECT 1 FROM "EventStaff" s WHERE s.event_id = e.id AND s.user_id = ${staffId}::uuid) AS is_staff
            FROM "Event" e WHERE e.id = ${scan.eventId}::uuid AND e.deleted_at IS NULL) AS e
    ),
    gate AS (
      SELECT d.*, CASE WHEN d.replay IS NOT NULL THEN 'REPLAY' WHEN d.limited THEN 'LIMITED'
                       WHEN d.refusal IS NOT NULL THEN 'REFUSED' ELSE 'SCAN' END AS step
      FROM door d
    ),
    entry AS (
      SELECT x.id, x.status, x.checked_in_at, x.checked_in_by, x.guest_id, g.full_name, x.variant_id
      FROM "EventGuestToEvent" x
      JOIN "EventGuest" g ON g.id = x.guest_id AND g.deleted_at IS NULL
      WHERE x.event_id = ${scan.eventId}::uuid AND x.ticket_code = ${scan.code} AND EXISTS (SELECT 1 FROM gate WHERE step = 'SCAN')
      ${lock}
    ),
    admitted AS (
      UPDATE "EventGuestToEvent" AS x
      SET status = ${EventGuestStatus.CHECKED_IN}::"EventGuestStatus", checked_in_at = ${at}, checked_in_by = ${staffId}::uuid
      FROM entry
      WHERE x.id = entry.id AND entry.status = ${invited} ${stillInvited}
      RETURNING x.id, x.checked_in_at
    ),
    -- A partner's guest.checked_in (server/domain/partner-webhooks), when the curator subscribed to it.
    announced AS (
      INSERT INTO "OutboxMessage" (id, name, payload)
      SELECT gen_random_uuid(), 'guest.checked_in',
             jsonb_build_object('eventId', ${scan.eventId}::uuid, 'entryId', a.id, 'guestId', n.guest_id, 'checkedInAt', a.checked_in_at)
      FROM admitted a JOIN entry n ON n.id = a.id
      WHERE ${curatorSubscribed({ name: "guest.checked_in", eventId: scan.eventId })}
    ),
    counted AS (
      INSERT INTO "RateLimitWindow" (key, window_start, count)
      SELECT k, ${scan.windowStart}::timestamptz, 1 FROM unnest(${scan.keys}::text[]) WITH ORDINALITY AS t(k, n)
      WHERE EXISTS (SELECT 1 FROM gate
                    WHERE step = 'LIMITED' OR (step = 'REFUSED' AND refusal->>'code' = ${FORBIDDEN})
                       OR (step = 'SCAN' AND NOT EXISTS (SELECT 1 FROM entry)))
      ORDER BY n
      ON CONFLICT (key, window_start) DO UPDATE SET count = "RateLimitWindow".count + 1
      RETURNING count
    ),
    spent AS (
      DELETE FROM "RateLimitWindow"
      WHERE key = ANY(${scan.keys}::text[]) AND window_start < ${scan.windowStart}::timestamptz AND EXISTS (SELECT 1 FROM counted)
    ),
    verdict AS (
      SELECT g.id AS event_id, g.timezone, g.replay, g.refusal, n.id AS entry_id, n.guest_id, n.full_name, n.variant_id,
             coalesce(a.checked_in_at, n.checked_in_at) AS checked_in_at,
             CASE WHEN a.id IS NOT NULL THEN ${staffId}::uuid ELSE n.checked_in_by END AS by_id,
             c.count,
             CASE WHEN g.step = 'REPLAY' THEN 'REPLAY'
                  WHEN g.step = 'LIMITED' OR c.count > ${scan.limit} THEN ${RATE_LIMITED}
                  WHEN g.step = 'REFUSED' THEN ${FORBIDDEN}
                  WHEN a.id IS NOT NULL THEN ${CHECKED_IN}
                  WHEN n.id IS NOT NULL THEN ${ALREADY_CHECKED_IN}
                  ELSE ${NOT_ON_LIST} END AS result
      FROM gate g
      LEFT JOIN entry n ON TRUE
      LEFT JOIN admitted a ON a.id = n.id
      LEFT JOIN (SELECT max(count) AS count FROM counted) c ON TRUE
    ),
    answered AS (
      SELECT v.*, u.name AS by_name, p.name AS ticket_type,
             CASE WHEN v.result IN (${CHECKED_IN}, ${ALREADY_CHECKED_IN}) THEN jsonb_build_object(
                    'request', ${scan.request}::text,
                    'answer', jsonb_build_object(
                      'result', v.result,
                      'guest', jsonb_build_object('id', v.guest_id, 'fullName', v.full_name, 'ticketType', p.name),
                      'checkedInAt', v.checked_in_at,
                      'checkedInBy', CASE WHEN u.id IS NULL THEN NULL ELSE jsonb_build_object('id', u.id, 'name', u.name) END))
                  WHEN v.result = ${NOT_ON_LIST} THEN jsonb_build_object('request', ${scan.request}::text, 'answer', jsonb_build_object('result', v.result))
                  WHEN v.result = ${RATE_LIMITED} THEN jsonb_build_object('request', ${scan.request}::text, 'error', ${JSON.stringify(scan.rateLimited)}::jsonb)
                  ELSE jsonb_build_object('request', ${scan.request}::text, 'error', v.refusal) END ${offline} AS response
      FROM verdict v
      LEFT JOIN "User" u ON u.id = v.by_id
      LEFT JOIN "ProductVariant" p ON p.id = v.variant_id
    ),
    logged AS (
      INSERT INTO "CheckInAttempt" (id, event_id, guest_to_event_id, staff_id, device_id, nonce, result, response)
      SELECT gen_random_uuid(), a.event_id, a.entry_id, ${staffId}::uuid, ${scan.deviceId},
             CASE WHEN a.result = ${RATE_LIMITED} THEN NULL ELSE ${scan.nonce} END, a.result::"CheckInResult", a.response
      FROM answered a
      WHERE a.result <> 'REPLAY' AND coalesce(a.count, 0) <= ${scan.auditedPerWindow}
    )
    SELECT a.result, a.timezone AS "timeZone", a.replay, a.refusal, a.guest_id AS "guestId", a.full_name AS "fullName",
           a.ticket_type AS "ticketType", a.checked_in_at AS "checkedInAt", a.by_id AS "byId", a.by_name AS "byName"
    FROM answered a`);
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
