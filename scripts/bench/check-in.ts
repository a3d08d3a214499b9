// Check-in: 32 scanners at one door, every scan a different valid code, over REST
// (POST /product-event/guest-verification/check-in as the event's door staff) against the
// bare conditional UPDATE at the heart of the service's one statement (scanAtDoor in
// server/db/sql/checkin.ts, without its door state, counters and audit row) issued by 32 raw
// clients. Both sides take codes from their own prepared guest list. The bench also sets the
// check-in against the stack's floor, GET /api/health at the same connections (report.ts).
import { randomUUID } from "node:crypto";
import { assignStaff, createEvent } from "../../prisma/factories";
import { newTicketCode } from "../../server/domain/guests/ticket-code";
import type { BenchDatabase } from "./databases";
import type { LoadFigures } from "./figures";
import { loadHttp } from "./http-load";
import { loadSql } from "./sql-load";

export const SCANNERS = 32;
/** Far more than either side gets through in a run; running out fails the REST run loudly. */
const GUESTS_ON_LIST = 150_000;

export interface DoorList {
  eventId: string;
  codes: string[];
  /** Index of the next unused code. */
  used: number;
}

/** An upcoming event with the demo staff member at its door and `guests` invited guests (150,000 for the load runs). */
export async function prepareDoor(database: BenchDatabase, guests = GUESTS_ON_LIST, title = "Bench door"): Promise<DoorList> {
  const { event } = await createEvent(database.db, { curatorId: database.curator.id, title });
  await assignStaff(database.db, { eventId: event.id, userId: database.staff.id });
  const guestIds = Array.from({ length: guests }, () => randomUUID());
  const codes = guestIds.map(() => newTicketCode());
  // Bulk SQL: the guest book's own rules (names, search text) do not matter to a scan.
  await database.sql.query(
    `INSERT INTO "EventGuest" (id, user_id, first_name, last_name, full_name, updated_at)
     SELECT g.id, $1, 'Bench', 'Guest ' || g.n, 'Bench Guest ' || g.n, now()
       FROM unnest($2::uuid[]) WITH ORDINALITY AS g(id, n)`,
    [database.curator.id, guestIds],
  );
  await database.sql.query(
    `INSERT INTO "EventGuestToEvent" (id, event_id, guest_id, ticket_code)
     SELECT gen_random_uuid(), $1, g.id, g.code FROM unnest($2::uuid[], $3::text[]) AS g(id, code)`,
    [event.id, guestIds, codes],
  );
  return { eventId: event.id, codes, used: 0 };
}

function nextCode(door: DoorList): string {
  const code = door.codes[door.used++];
  if (code === undefined) throw new Error(`All ${GUESTS_ON_LIST} prepared ticket codes are used up: raise GUESTS_ON_LIST`);
  return code;
}

export function checkInOverRest(baseUrl: string, staffApiKey: string, door: DoorList, durationSeconds: number, connections = SCANNERS) {
  let scan = 0;
  return loadHttp({
    url: `${baseUrl}/product-event/guest-verification/check-in`,
    method: "POST",
    headers: { authorization: `Bearer ${staffApiKey}`, "content-type": "application/json" },
    // What a door phone sends: the code, a nonce per scan (so a retry replays), its device.
    nextBody: () =>
      JSON.stringify({
        eventId: door.eventId,
        code: nextCode(door),
        nonce: randomUUID(),
        deviceId: `bench-scanner-${scan++ % connections}`,
      }),
    connections,
    durationSeconds,
  });
}

/** The admitting UPDATE alone. */
const ADMIT = `
  UPDATE "EventGuestToEvent" AS e
  SET status = 'CHECKED_IN', checked_in_at = now(), checked_in_by = $3::uuid
  FROM "EventGuest" AS g
  WHERE e.event_id = $1::uuid
    AND e.ticket_code = $2
    AND e.status = 'INVITED'
    AND g.id = e.guest_id
    AND g.deleted_at IS NULL
  RETURNING e.id AS "entryId", e.guest_id AS "guestId", g.full_name AS "fullName", e.checked_in_at AS "checkedInAt"`;

export function checkInInRawSql(raw: BenchDatabase, door: DoorList, durationSeconds: number): Promise<LoadFigures> {
  return loadSql({
    url: raw.url,
    connections: SCANNERS,
    durationSeconds,
    work: async (client) => {
      const code = door.codes[door.used++];
      if (code === undefined) return false;
      const { rowCount } = await client.query(ADMIT, [door.eventId, code, raw.staff.id]);
      if (rowCount !== 1) throw new Error(`raw check-in of a prepared code changed ${rowCount} rows`);
    },
  });
}
