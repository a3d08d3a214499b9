// Search at the door: the event's list by name, email or phone, accents and case ignored.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import type { EventGuestStatus } from "../../generated/prisma/enums";
import { likeContains, searchTerms } from "../guests/normalize";
import { openDoor } from "./door-access";
import type { DoorSearchHit, TDoorSearchInput } from "./schema";

/**
 * The door search's statement: every term must occur in the guest's searchText, each a
 * `LIKE '%term%'` that the trigram GIN index "EventGuest_search_text_idx" serves; joined to
 * this event's list through its (event_id, guest_id) unique index.
 */
export function doorSearchSql(eventId: string, terms: string[], limit: number): Prisma.Sql {
  const matches = Prisma.join(
    terms.map((term) => Prisma.sql`g.search_text LIKE ${likeContains(term)}`),
    " AND ",
  );
  return Prisma.sql`
    SELECT g.id AS "guestId", g.full_name AS "fullName", g.phone_number AS "phoneNumber",
           e.status::text AS status, e.ticket_code AS "ticketCode", e.checked_in_at AS "checkedInAt",
           u.id AS "byId", u.name AS "byName"
    FROM "EventGuest" AS g
    JOIN "EventGuestToEvent" AS e ON e.guest_id = g.id AND e.event_id = ${eventId}::uuid
    LEFT JOIN "User" AS u ON u.id = e.checked_in_by
    WHERE g.deleted_at IS NULL AND ${matches}
    ORDER BY g.full_name, g.id
    LIMIT ${limit}`;
}

/** Guests on the event's list by name, email or phone, accents and case ignored. */
export async function searchDoorList(db: Db, actor: Actor, input: TDoorSearchInput): Promise<{ guests: DoorSearchHit[] }> {
  const event = await openDoor(db, actor, input.eventId);
  const terms = searchTerms(input.query);
  if (terms.length === 0) {
    throw new AppError("INVALID_INPUT", "Type a name or a phone number", {
      errors: [{ path: "query", message: "has no letters or digits" }],
    });
  }
  const rows = await db.$queryRaw<
    {
      guestId: string;
      fullName: string;
      phoneNumber: string | null;
      status: EventGuestStatus;
      ticketCode: string;
      checkedInAt: Date | null;
      byId: string | null;
      byName: string | null;
    }[]
  >(doorSearchSql(event.id, terms, input.limit));
  return {
    guests: rows.map(({ phoneNumber, byId, byName, ...row }) => ({
      ...row,
      phoneHint: phoneNumber ? `…${phoneNumber.slice(-4)}` : null,
      checkedInBy: byId && byName ? { id: byId, name: byName } : null,
    })),
  };
}
