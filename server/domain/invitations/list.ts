// An event's invitations, newest first, for whoever manages the event.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { findInvitingEvent } from "./event";
import { invitationViewSelect, toInvitationView } from "./views";

const LIST_LIMIT = 200;

export async function listInvitations(db: Db, actor: Actor, eventId: string, now: Date = new Date()) {
  const event = await findInvitingEvent(db, actor, eventId);
  const rows = await db.invitation.findMany({
    where: { eventId: event.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
    select: invitationViewSelect,
  });
  return { invitations: rows.map((row) => toInvitationView(row, now)) };
}
