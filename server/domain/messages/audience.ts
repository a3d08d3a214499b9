// Who a message reaches: the event's guests matching its audience, each with the channel's
// address, or the reason they are left out before any SMS counting (no address, opted out).
import type { Db, Tx } from "../../db/client";
import { audienceGuests, type AudienceGuestRow } from "../../db/sql/messages";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import { MessageChannel } from "../../generated/prisma/enums";
import type { MessagingEvent } from "./event";
import type { SkipReason, TAudience } from "./schema";

export type AudienceMember = AudienceGuestRow & { skip: SkipReason | null };

export async function audienceOf(db: Db | Tx, event: MessagingEvent, channel: MessageChannel, audience: TAudience): Promise<AudienceMember[]> {
  const ticketTypeIds = audience.ticketTypeIds?.length ? audience.ticketTypeIds : null;
  if (ticketTypeIds) {
    const known = await db.productVariant.count({ where: { id: { in: ticketTypeIds }, product: { eventId: event.id } } });
    if (known !== new Set(ticketTypeIds).size) {
      throw new AppError("INVALID_INPUT", "Not a ticket type of this event", {
        errors: [{ path: "audience.ticketTypeIds", message: "must be ticket types of this event" }],
      });
    }
  }
  const checkedIn = audience.status === "ALL" ? null : audience.status === "CHECKED_IN";
  const rows = await query(db, audienceGuests({ eventId: event.id, curatorId: event.curatorId, channel, checkedIn, ticketTypeIds }));
  const missing: SkipReason = channel === MessageChannel.EMAIL ? "NO_EMAIL" : "NO_PHONE";
  return rows.map((row) => ({ ...row, skip: row.address === null ? missing : row.optedOut ? "OPTED_OUT" : null }));
}
