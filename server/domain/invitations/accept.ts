// Accepting an invitation: the signed-in user the link was sent to becomes door staff of that
// event only (an EventStaff row), or one of its invited promoters (an EventPromoter row). A
// forged, used, revoked or expired link does nothing and says so; another account's link is a 403.
import type { Actor } from "../../auth/actor";
import { mayAcceptInvitation, roleAfterInvitation } from "../../auth/policy";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { InvitationKind, InvitationStatus } from "../../generated/prisma/enums";
import { findByToken, LINK_DOES_NOTHING, maskEmail, stateOf } from "./link";

export async function acceptInvitation(db: Db, actor: Actor, token: string, now: Date = new Date()) {
  const found = await findByToken(db, token);
  const state = stateOf(found, now);
  if (!found || state === "FORGED") throw new AppError("NOT_FOUND", LINK_DOES_NOTHING.FORGED);
  if (state !== "OPEN") throw new AppError("CONFLICT", LINK_DOES_NOTHING[state], { extra: { state } });
  if (!mayAcceptInvitation(actor, found.email)) {
    throw new AppError(
      "FORBIDDEN",
      `This invitation is for ${maskEmail(found.email)}, and you are signed in as ${actor.email}. Sign in with the invited address to accept it.`,
    );
  }
  const eventId = found.event.id;
  return db.$transaction(async (tx) => {
    // Claims the link: of two concurrent accepts (or an accept and a revoke) exactly one wins.
    const claimed = await tx.invitation.updateMany({
      where: { id: found.id, status: InvitationStatus.PENDING, expiresAt: { gt: now } },
      data: { status: InvitationStatus.ACCEPTED, acceptedById: actor.userId, acceptedAt: now },
    });
    if (claimed.count === 0) throw new AppError("CONFLICT", LINK_DOES_NOTHING.USED, { extra: { state: "USED" } });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: {
        role: true,
        posts: { where: { deletedAt: null }, take: 1, select: { id: true } },
        staffAssignments: { take: 1, select: { eventId: true } },
      },
    });
    const role = roleAfterInvitation({ role: user.role, hasPosts: user.posts.length > 0, hasDoors: user.staffAssignments.length > 0 }, found.kind);
    if (role !== user.role) await tx.user.update({ where: { id: actor.userId }, data: { role } });
    if (found.kind === InvitationKind.STAFF) {
      await tx.eventStaff.createMany({ data: [{ eventId, userId: actor.userId }], skipDuplicates: true });
    } else {
      await tx.eventPromoter.createMany({ data: [{ eventId, userId: actor.userId }], skipDuplicates: true });
    }
    return { kind: found.kind, eventId, role, next: found.kind === InvitationKind.STAFF ? `/door/${eventId}` : "/feed" };
  });
}
