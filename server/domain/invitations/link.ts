// What an invitation link is now: open, or why it does nothing (forged, used, revoked, expired).
import type { Db, Tx } from "../../db/client";
import { InvitationStatus } from "../../generated/prisma/enums";
import type { InvitationState } from "./schema";
import { hashInvitationToken } from "./token";
import { isExpired } from "./views";

export async function findByToken(db: Db | Tx, token: string) {
  return db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      id: true,
      kind: true,
      email: true,
      status: true,
      expiresAt: true,
      invitedBy: { select: { name: true } },
      event: { select: { id: true, title: true, startDate: true, timezone: true, venue: true, deletedAt: true } },
    },
  });
}

type FoundInvitation = NonNullable<Awaited<ReturnType<typeof findByToken>>>;

export function stateOf(invitation: FoundInvitation | null, now: Date): InvitationState {
  // A deleted event's link is as good as forged: there is nothing left to join.
  if (!invitation || invitation.event.deletedAt) return "FORGED";
  if (invitation.status === InvitationStatus.ACCEPTED) return "USED";
  if (invitation.status === InvitationStatus.REVOKED) return "REVOKED";
  return isExpired(invitation, now) ? "EXPIRED" : "OPEN";
}

/** What the page says about a link that does nothing. */
export const LINK_DOES_NOTHING: Record<Exclude<InvitationState, "OPEN">, string> = {
  FORGED: "This invitation link is not valid. Check that you opened the whole link from the mail.",
  USED: "This invitation link was already used: each link works once.",
  REVOKED: "This invitation was withdrawn by the organiser.",
  EXPIRED: "This invitation link has expired. Ask the organiser to invite you again.",
};

/** The address, partly hidden: s•••@example.com. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}
