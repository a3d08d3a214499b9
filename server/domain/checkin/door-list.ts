// The door list a phone keeps so a door without network keeps admitting: every admission with
// its code as HMAC-SHA256 under the event's salt (never the code itself), the guest's name and
// ticket type and whether and when they came in; then, while online, only what changed.
import { createHmac } from "node:crypto";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { readDoorList, type DoorListRow } from "../../db/sql/door-list";
import { query } from "../../db/sql/statement";
import { conflictsOf } from "./conflicts";
import { openDoor } from "./door-access";
import type { DoorList, DoorListEntry, TDoorListInput } from "./schema";

/** What the phone compares a scanned code with; the door page computes the same with Web Crypto. */
export function doorCodeHash(salt: string, code: string): string {
  return createHmac("sha256", salt).update(code).digest("base64url");
}

function entryOf(salt: string, row: DoorListRow): DoorListEntry {
  return {
    id: row.entryId,
    codeHash: doorCodeHash(salt, row.ticketCode),
    guestId: row.guestId,
    fullName: row.fullName,
    ticketType: row.ticketType,
    status: row.status,
    checkedInAt: row.checkedInAt,
    checkedInBy: row.byId && row.byName ? { id: row.byId, name: row.byName } : null,
    removed: row.removed,
  };
}

/**
 * The event's door list for someone who may work its door now (404, 403 or 409 as for a
 * check-in): the whole list without `since`, else the admissions written since that cursor;
 * the event's conflicts each time, so a phone learns of one another phone's sync found.
 */
export async function doorList(db: Db, actor: Actor, input: TDoorListInput): Promise<DoorList> {
  const event = await openDoor(db, actor, input.eventId);
  const { doorSalt: salt } = await db.event.findUniqueOrThrow({ where: { id: event.id }, select: { doorSalt: true } });
  const since = input.since ?? null;
  const rows = await query(db, readDoorList({ eventId: event.id, since }));
  return {
    salt,
    cursor: rows[0]!.cursor,
    full: since === null,
    entries: rows.flatMap((row) => (row.entryId === null ? [] : [entryOf(salt, row)])),
    conflicts: await conflictsOf(db, event.id),
  };
}
