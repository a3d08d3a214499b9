// Inviting someone by email to work an event's door (STAFF) or to promote it (PROMOTER): the
// invitation and its mail are written in one transaction, so there is never one without the other.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { EventStatus, InvitationKind, InvitationStatus } from "../../generated/prisma/enums";
import { queueMail } from "../mail/queue";
import { findInvitingEvent } from "./event";
import type { TCreateInvitationInput } from "./schema";
import { INVITATION_TTL_DAYS, invitationUrl, newInvitationToken } from "./token";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Invites `email`. Inviting an address that already has a pending invitation of the same kind
 * to the event sends a fresh link and revokes the old one (its mail may be lost; only one
 * link works). Someone who already works the door (or promotes the event) is a 409, as is an
 * event that is over (COMPLETED or CANCELED).
 */
export async function invite(db: Db, actor: Actor, input: TCreateInvitationInput, now: Date = new Date()) {
  const email = input.email.trim().toLowerCase();
  const event = await findInvitingEvent(db, actor, input.eventId);
  if (event.status === EventStatus.COMPLETED || event.status === EventStatus.CANCELED) {
    throw new AppError("CONFLICT", `The event is ${event.status}: nobody can be invited to it any more`);
  }
  const member = await db.user.findFirst({
    where: {
      email,
      ...(input.kind === InvitationKind.STAFF
        ? { staffAssignments: { some: { eventId: event.id } } }
        : { promoting: { some: { eventId: event.id } } }),
    },
    select: { id: true },
  });
  if (member) {
    throw new AppError("CONFLICT", input.kind === InvitationKind.STAFF ? `${email} already works this door` : `${email} already promotes this event`);
  }

  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS);
  return db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { eventId: event.id, email, kind: input.kind, status: InvitationStatus.PENDING },
      data: { status: InvitationStatus.REVOKED, revokedAt: now },
    });
    const invitation = await tx.invitation.create({
      data: { eventId: event.id, email, kind: input.kind, tokenHash, invitedById: actor.userId, expiresAt },
      select: { id: true, email: true, status: true },
    });
    await queueMail(tx, {
      to: email,
      template: "invitation",
      props: {
        inviterName: actor.name,
        kind: input.kind,
        acceptUrl: invitationUrl(token),
        expiresAt: expiresAt.toISOString(),
        event: {
          title: event.title,
          startDate: event.startDate.toISOString(),
          endDate: event.endDate?.toISOString() ?? null,
          timezone: event.timezone,
          venue: event.venue,
        },
      },
      dedupeKey: `invitation:${invitation.id}`,
    });
    return { invitation };
  });
}
