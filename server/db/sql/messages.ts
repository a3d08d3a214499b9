// Messages to guests (server/domain/messages): who an audience is, and the per-guest SMS
// counter that holds an event's smsMaxLimit under concurrent sends.
import { Prisma } from "../../generated/prisma/client";
import { EventGuestStatus, MessageChannel, DeliveryState } from "../../generated/prisma/enums";
import { statement } from "./statement";

/** A guest of the audience: the address the channel uses (null: none), opt-out, SMS given so far. */
export interface AudienceGuestRow {
  guestId: string;
  address: string | null;
  optedOut: boolean;
  smsSent: number;
}

/**
 * The live guests of an event on its list (any admission) who match the audience: checked in
 * or not (`checkedIn` null: both), holding a ticket of `ticketTypeIds` (null: any, invited
 * guests too). Each guest once, by id, with the channel's address (emails lower-cased, blank
 * ones as none) and whether they opted out of the curator's messages of that channel.
 */
export function audienceGuests({
  eventId,
  curatorId,
  channel,
  checkedIn,
  ticketTypeIds,
}: {
  eventId: string;
  curatorId: string;
  channel: MessageChannel;
  checkedIn: boolean | null;
  ticketTypeIds: string[] | null;
}) {
  const address = channel === MessageChannel.EMAIL ? Prisma.sql`NULLIF(lower(trim(g.email)), '')` : Prisma.sql`NULLIF(trim(g.phone_number), '')`;
  const status =
    checkedIn === null
      ? Prisma.empty
      : Prisma.sql`AND ge.status ${checkedIn ? Prisma.sql`=` : Prisma.sql`<>`} ${EventGuestStatus.CHECKED_IN}::"EventGuestStatus"`;
  const types = ticketTypeIds === null ? Prisma.empty : Prisma.sql`AND ge.variant_id = ANY(${ticketTypeIds}::uuid[])`;
  return statement<AudienceGuestRow>(Prisma.sql`
    SELECT a."guestId", a.address,
           EXISTS (SELECT 1 FROM "MessageOptOut" o
                   WHERE o.curator_id = ${curatorId}::uuid AND o.channel = ${channel}::"MessageChannel" AND o.address = a.address) AS "optedOut",
           COALESCE((SELECT c.count FROM "GuestSmsCount" c WHERE c.event_id = ${eventId}::uuid AND c.guest_id = a."guestId"), 0) AS "smsSent"
    FROM (
      SELECT g.id AS "guestId", ${address} AS address
      FROM "EventGuest" g
      WHERE g.deleted_at IS NULL
        AND EXISTS (SELECT 1 FROM "EventGuestToEvent" ge
                    WHERE ge.event_id = ${eventId}::uuid AND ge.guest_id = g.id ${status} ${types})
    ) a
    ORDER BY a."guestId"`);
}

/**
 * Gives each of `guestIds` one more SMS of the event, unless they have had `limit` already:
 * one upsert whose conflict branch only raises a counter still under the limit. PostgreSQL
 * re-checks that condition on the row's newest version after waiting for a concurrent
 * sender's lock, so concurrent messages can only share what is left. Rows are taken in id
 * order (callers pass sorted ids), so two sends never wait on each other in a cycle. Answers
 * the guests who got their SMS.
 */
export function takeSmsAllowance({ eventId, guestIds, limit }: { eventId: string; guestIds: string[]; limit: number }) {
  return statement<{ guestId: string }>(Prisma.sql`
    INSERT INTO "GuestSmsCount" (event_id, guest_id, count)
    SELECT ${eventId}::uuid, t.guest_id, 1
    FROM unnest(${guestIds}::uuid[]) WITH ORDINALITY AS t(guest_id, n)
    WHERE ${limit}::int > 0
    ORDER BY t.n
    ON CONFLICT (event_id, guest_id) DO UPDATE SET count = "GuestSmsCount".count + 1
    WHERE "GuestSmsCount".count < ${limit}::int
    RETURNING guest_id AS "guestId"`);
}

/** An SMS that never reached its guest (the provider refused it) no longer counts against the limit. */
export function giveBackSms({ eventId, guestId }: { eventId: string; guestId: string }) {
  return statement(Prisma.sql`
    UPDATE "GuestSmsCount" SET count = count - 1
    WHERE event_id = ${eventId}::uuid AND guest_id = ${guestId}::uuid AND count > 0`);
}

/** The curators who sent (or are sending) SMS to `phone`: a STOP from it is meant for them. */
export function curatorsWhoTexted({ phone }: { phone: string }) {
  return statement<{ curatorId: string }>(Prisma.sql`
    SELECT DISTINCT e.curator_id AS "curatorId"
    FROM "MessageDelivery" d JOIN "Event" e ON e.id = d.event_id
    WHERE d.channel = ${MessageChannel.SMS}::"MessageChannel" AND d.address = ${phone}
      AND d.state <> ${DeliveryState.SKIPPED}::"DeliveryState"`);
}
