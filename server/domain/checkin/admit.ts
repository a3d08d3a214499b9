// The one statement that lets a guest in.
import type { Prisma } from "../../generated/prisma/client";

export interface Admitted {
  entryId: string;
  guestId: string;
  fullName: string;
  checkedInAt: Date;
}

/**
 * INVITED -> CHECKED_IN in one conditional UPDATE; null when the code is not an INVITED live
 * guest's. A concurrent scan of the same code blocks on the row lock, then re-checks
 * `status = 'INVITED'` against the committed row and changes nothing: exactly one scan wins,
 * whatever the number of staff, devices or servers.
 */
export async function admitGuest(
  tx: Prisma.TransactionClient,
  { eventId, code, staffId }: { eventId: string; code: string; staffId: string },
): Promise<Admitted | null> {
  const rows = await tx.$queryRaw<Admitted[]>`
    UPDATE "EventGuestToEvent" AS e
    SET status = 'CHECKED_IN', checked_in_at = now(), checked_in_by = ${staffId}::uuid
    FROM "EventGuest" AS g
    WHERE e.event_id = ${eventId}::uuid
      AND e.ticket_code = ${code}
      AND e.status = 'INVITED'
      AND g.id = e.guest_id
      AND g.deleted_at IS NULL
    RETURNING e.id AS "entryId", e.guest_id AS "guestId", g.full_name AS "fullName", e.checked_in_at AS "checkedInAt"`;
  return rows[0] ?? null;
}
