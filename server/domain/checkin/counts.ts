// The door's counts: invited, checked in and remaining.
import type { Actor } from "../../auth/actor";
import { seesDoorCounts } from "../../auth/policy";
import type { Db } from "../../db/client";
import { countDoorGuests } from "../../db/sql/checkin";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import { loadDoorEvent } from "./door-access";
import type { GuestCounts } from "./schema";

/** Invited, checked in and remaining, each guest once; for the curator, admins and the event's staff. */
export async function guestCounts(db: Db, actor: Actor, eventId: string): Promise<GuestCounts> {
  const event = await loadDoorEvent(db, actor, eventId);
  if (!seesDoorCounts(actor, event)) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  const [row] = await query(db, countDoorGuests({ eventId }));
  const invited = row?.invited ?? 0;
  const checkedIn = row?.checkedIn ?? 0;
  return { invited, checkedIn, remaining: invited - checkedIn };
}
