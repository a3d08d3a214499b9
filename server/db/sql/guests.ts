// The guest book's statements (server/domain/guests).
import { Prisma } from "../../generated/prisma/client";
import { statement } from "./statement";

/**
 * Puts the guests on the event's list, the i-th with the i-th ticket code, skipping those on
 * it already (concurrent calls never duplicate a row); answers the rows it added. A code
 * already taken fails the statement on the ticket_code unique index.
 */
export function insertInvitations({ eventId, guestIds, codes }: { eventId: string; guestIds: string[]; codes: string[] }) {
  return statement<{ id: string; guestId: string }>(Prisma.sql`
    INSERT INTO "EventGuestToEvent" (id, event_id, guest_id, ticket_code)
    SELECT gen_random_uuid(), ${eventId}::uuid, t.guest_id, t.code
    FROM unnest(${guestIds}::uuid[], ${codes}::text[]) AS t(guest_id, code)
    ON CONFLICT (event_id, guest_id) WHERE order_id IS NULL DO NOTHING
    RETURNING id, guest_id AS "guestId"`);
}
