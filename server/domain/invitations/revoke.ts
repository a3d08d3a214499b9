// Revoking a pending invitation: its link does nothing from then on. Revoking twice is not an
// error; an accepted invitation is past revoking (remove the person from the door instead).
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { InvitationStatus } from "../../generated/prisma/enums";
import { findInvitingEvent } from "./event";
import type { TInvitationRef } from "./schema";
import { invitationViewSelect, toInvitationView } from "./views";

export async function revokeInvitation(db: Db, actor: Actor, { eventId, invitationId }: TInvitationRef, now: Date = new Date()) {
  const event = await findInvitingEvent(db, actor, eventId);
  // One conditional update: a link accepted at the same moment is either used or revoked, never both.
  await db.invitation.updateMany({
    where: { id: invitationId, eventId: event.id, status: InvitationStatus.PENDING },
    data: { status: InvitationStatus.REVOKED, revokedAt: now },
  });
  const row = await db.invitation.findFirst({ where: { id: invitationId, eventId: event.id }, select: invitationViewSelect });
  if (!row) throw new AppError("NOT_FOUND", `No invitation ${invitationId} to this event`);
  if (row.status === InvitationStatus.ACCEPTED) {
    throw new AppError("CONFLICT", `${row.email} already accepted this invitation: remove them from the event instead`);
  }
  return { invitation: toInvitationView(row, now) };
}
