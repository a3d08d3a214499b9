// Search at the door: the event's list by name, email or phone, accents and case ignored.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { matchDoorList } from "../../db/sql/checkin";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import { searchTerms } from "../guests/normalize";
import { openDoor } from "./door-access";
import type { DoorSearchHit, TDoorSearchInput } from "./schema";

/** Guests on the event's list by name, email or phone, accents and case ignored. */
export async function searchDoorList(db: Db, actor: Actor, input: TDoorSearchInput): Promise<{ guests: DoorSearchHit[] }> {
  const event = await openDoor(db, actor, input.eventId);
  const terms = searchTerms(input.query);
  if (terms.length === 0) {
    throw new AppError("INVALID_INPUT", "Type a name or a phone number", {
      errors: [{ path: "query", message: "has no letters or digits" }],
    });
  }
  const rows = await query(db, matchDoorList({ eventId: event.id, terms, limit: input.limit }));
  return {
    guests: rows.map(({ phoneNumber, byId, byName, ...row }) => ({
      ...row,
      phoneHint: phoneNumber ? `…${phoneNumber.slice(-4)}` : null,
      checkedInBy: byId && byName ? { id: byId, name: byName } : null,
    })),
  };
}
