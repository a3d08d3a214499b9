// The door list a phone keeps for offline scanning (server/domain/checkin/door-list.ts), and the
// conflicts offline scans find when they are synced (server/domain/checkin/conflicts.ts).
import { Prisma } from "../../generated/prisma/client";
import { CheckInResult, EventGuestStatus } from "../../generated/prisma/enums";
import { statement } from "./statement";

/** One admission on the door list, with its code (hashed before it leaves the server). */
export interface DoorListRow {
  entryId: string;
  guestId: string;
  fullName: string;
  ticketCode: string;
  ticketType: string | null;
  status: EventGuestStatus;
  checkedInAt: Date | null;
  byId: string | null;
  byName: string | null;
  /** The guest was deleted from the book: the phone forgets the admission. */
  removed: boolean;
  /** Where the next delta read starts (the same on every row): this statement's snapshot. */
  cursor: string;
}

/** What readDoorList returns when no admission changed: the cursor alone. */
export interface DoorListCursorRow {
  entryId: null;
  cursor: string;
}

/**
 * The event's admissions written since the read whose cursor is `since` (all live ones when
 * null), each with the cursor of the next read: this statement's snapshot as text; one row of
 * the cursor alone when there are none. (Its own statement would take a later snapshot and miss
 * what committed in between.) An admission's `list_version` is the transaction that last wrote
 * it; the next read sends exactly those whose transaction this snapshot did not see. So a
 * transaction left open elsewhere (a long job, an idle session) neither hides a write from the
 * phone nor makes it download rows it has; the snapshot's oldest running id alone would send
 * again everything written since that one began.
 */
export function readDoorList({ eventId, since }: { eventId: string; since: string | null }) {
  return statement<DoorListRow | DoorListCursorRow>(Prisma.sql`
    SELECT entry.*, pg_current_snapshot()::text AS cursor
    FROM (SELECT) AS always
    LEFT JOIN (
      SELECT e.id AS "entryId", g.id AS "guestId", g.full_name AS "fullName", e.ticket_code AS "ticketCode",
             v.name AS "ticketType", e.status::text AS status, e.checked_in_at AS "checkedInAt",
             u.id AS "byId", u.name AS "byName", g.deleted_at IS NOT NULL AS removed, e.list_version
      FROM "EventGuestToEvent" AS e
      JOIN "EventGuest" AS g ON g.id = e.guest_id
      LEFT JOIN "ProductVariant" AS v ON v.id = e.variant_id
      LEFT JOIN "User" AS u ON u.id = e.checked_in_by
      WHERE e.event_id = ${eventId}::uuid
        AND ${since === null ? Prisma.sql`g.deleted_at IS NULL` : sinceSnapshot(since)}
    ) AS entry ON true
    ORDER BY entry.list_version, entry."entryId"`);
}

/** Written by a transaction `snapshot` did not see; the range on xmin keeps to the index. */
function sinceSnapshot(snapshot: string) {
  return Prisma.sql`e.list_version >= pg_snapshot_xmin(${snapshot}::pg_snapshot)::text::bigint
        AND NOT pg_visible_in_snapshot(e.list_version::text::xid8, ${snapshot}::pg_snapshot)`;
}

/** An admission being checked for a conflict, locked until the transaction ends. */
export interface LockedEntryRow {
  id: string;
  guestId: string;
  status: EventGuestStatus;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  /** The device of the latest scan that let this admission's checker-in say green. */
  deviceId: string | null;
}

export function lockEntryByCode({ eventId, code }: { eventId: string; code: string }) {
  return statement<LockedEntryRow>(Prisma.sql`
    SELECT e.id, e.guest_id AS "guestId", e.status::text AS status, e.checked_in_at AS "checkedInAt", e.checked_in_by AS "checkedInBy",
           (SELECT a.device_id FROM "CheckInAttempt" AS a
            WHERE a.guest_to_event_id = e.id AND a.staff_id = e.checked_in_by
              AND a.result IN (${CheckInResult.CHECKED_IN}::"CheckInResult", ${CheckInResult.ALREADY_CHECKED_IN}::"CheckInResult")
            ORDER BY a.created_at DESC LIMIT 1) AS "deviceId"
    FROM "EventGuestToEvent" AS e
    WHERE e.event_id = ${eventId}::uuid AND e.ticket_code = ${code}
    FOR UPDATE OF e`);
}

/** The record keeps the earlier of two admissions of one code: this one. */
export function moveCheckInTo({ entryId, staffId, at }: { entryId: string; staffId: string; at: Date }) {
  return statement(Prisma.sql`
    UPDATE "EventGuestToEvent" SET checked_in_at = ${at}::timestamptz, checked_in_by = ${staffId}::uuid
    WHERE id = ${entryId}::uuid`);
}

export interface ConflictValues {
  eventId: string;
  entryId: string;
  first: { staffId: string; deviceId: string | null; at: Date };
  second: { staffId: string; deviceId: string | null; at: Date };
  reportedNonce: string;
}

/** Writes a conflict once per reporting scan; no row when that scan reported it before. */
export function insertConflict(row: ConflictValues) {
  return statement<{ id: string }>(Prisma.sql`
    INSERT INTO "CheckInConflict" (id, event_id, guest_to_event_id, first_staff_id, first_device_id, first_at,
                                   second_staff_id, second_device_id, second_at, reported_nonce)
    VALUES (gen_random_uuid(), ${row.eventId}::uuid, ${row.entryId}::uuid, ${row.first.staffId}::uuid, ${row.first.deviceId},
            ${row.first.at}::timestamptz, ${row.second.staffId}::uuid, ${row.second.deviceId}, ${row.second.at}::timestamptz,
            ${row.reportedNonce})
    ON CONFLICT (guest_to_event_id, reported_nonce) DO NOTHING
    RETURNING id`);
}

/** A conflict as the door and the curator read it. */
export interface ConflictRow {
  id: string;
  guestId: string;
  fullName: string;
  firstById: string;
  firstByName: string;
  firstDeviceId: string | null;
  firstAt: Date;
  secondById: string;
  secondByName: string;
  secondDeviceId: string | null;
  secondAt: Date;
  createdAt: Date;
}

/** The event's conflicts, newest first; with `id`, that one only. */
export function readConflicts({ eventId, id = null, limit }: { eventId: string; id?: string | null; limit: number }) {
  return statement<ConflictRow>(Prisma.sql`
    SELECT c.id, g.id AS "guestId", g.full_name AS "fullName",
           c.first_staff_id AS "firstById", f.name AS "firstByName", c.first_device_id AS "firstDeviceId", c.first_at AS "firstAt",
           c.second_staff_id AS "secondById", s.name AS "secondByName", c.second_device_id AS "secondDeviceId", c.second_at AS "secondAt",
           c.created_at AS "createdAt"
    FROM "CheckInConflict" AS c
    JOIN "EventGuestToEvent" AS e ON e.id = c.guest_to_event_id
    JOIN "EventGuest" AS g ON g.id = e.guest_id
    JOIN "User" AS f ON f.id = c.first_staff_id
    JOIN "User" AS s ON s.id = c.second_staff_id
    WHERE c.event_id = ${eventId}::uuid AND (${id}::uuid IS NULL OR c.id = ${id}::uuid)
    ORDER BY c.created_at DESC, c.id
    LIMIT ${limit}`);
}
