// Inviting someone by email to work an event's door (STAFF) or to promote it (PROMOTER): the
// invitation and its mail are written in one transaction, so there is never one without the other.
import type { Actor } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { EventStatus, InvitationKind, InvitationStatus } from "../../generated/prisma/enums";
import { countInWindow, rateWindow } from "../checkin/rate-limit";
import { queueMail } from "../mail/queue";
import { findInvitingEvent } from "./event";
import type { TCreateInvitationInput } from "./schema";
import { INVITATION_TTL_DAYS, invitationUrl, newInvitationToken } from "./token";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Invitations sent per event each hour and per inviter each day. A real team is a few dozen
 * people invited over days; these stop a stolen session or a runaway script from using our
 * mail to spam strangers, while a curator staffing a festival (50 a door an hour, 200 a day
 * across events) never meets them.
 */
export const INVITATIONS_PER_EVENT_PER_HOUR = 50;
export const INVITATIONS_PER_INVITER_PER_DAY = 200;

/** The partial unique index: one pending invitation per event, address and kind. */
const ONE_PENDING_PER_ADDRESS = "Invitation_one_pending_per_address";

/**
 * Invites `email`. Inviting an address that already has a pending invitation of the same kind
 * to the event sends a fresh link and revokes the old one (its mail may be lost; only one
 * link works); of concurrent invitations of one address exactly one is sent, and every call
 * answers with it. Someone who already works the door (or promotes the event) is a 409, as is
 * an event that is over (COMPLETED or CANCELED); past the rate limits, a 429.
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
  try {
    return await sendInvitation(db, actor, { event, email, kind: input.kind, token, tokenHash, expiresAt }, now);
  } catch (error) {
    if (!isPendingConflict(error)) throw error;
    // A concurrent invite of this address won: its link is the one working link, its mail is
    // on its way, so this call answers with it rather than sending a second one.
    const winner = await db.invitation.findFirst({
      where: { eventId: event.id, email, kind: input.kind, status: InvitationStatus.PENDING },
      select: { id: true, email: true, status: true },
    });
    if (!winner) throw new AppError("CONFLICT", `An invitation to ${email} changed while this one was sent: try again`);
    return { invitation: winner };
  }
}

type InvitingEvent = Awaited<ReturnType<typeof findInvitingEvent>>;

async function sendInvitation(
  db: Db,
  actor: Actor,
  {
    event,
    email,
    kind,
    token,
    tokenHash,
    expiresAt,
  }: { event: InvitingEvent; email: string; kind: InvitationKind; token: string; tokenHash: string; expiresAt: Date },
  now: Date,
) {
  return db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { eventId: event.id, email, kind, status: InvitationStatus.PENDING },
      data: { status: InvitationStatus.REVOKED, revokedAt: now },
    });
    const invitation = await tx.invitation.create({
      data: { eventId: event.id, email, kind, tokenHash, invitedById: actor.userId, expiresAt },
      select: { id: true, email: true, status: true },
    });
    await queueMail(tx, {
      to: email,
      template: "invitation",
      props: {
        inviterName: actor.name,
        kind,
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
    // Counted last, inside the transaction: a refused invitation rolls back and uses no quota,
    // and the counters' row locks make concurrent invitations count one after another.
    await refuseOverLimit(tx, actor, event.id, now);
    return { invitation };
  });
}

async function refuseOverLimit(tx: Tx, actor: Actor, eventId: string, now: Date) {
  const hour = rateWindow(now, HOUR_MS);
  const day = rateWindow(now, DAY_MS);
  // Event first, then inviter: every transaction takes the counter rows in the same order.
  const toEvent = await countInWindow(tx, [`invitations:event:${eventId}`], hour.start);
  const byInviter = await countInWindow(tx, [`invitations:inviter:${actor.userId}`], day.start);
  const waits = [
    ...(toEvent > INVITATIONS_PER_EVENT_PER_HOUR ? [hour.retryAfterSeconds] : []),
    ...(byInviter > INVITATIONS_PER_INVITER_PER_DAY ? [day.retryAfterSeconds] : []),
  ];
  if (waits.length === 0) return;
  const retryAfterSeconds = Math.max(...waits);
  throw new AppError(
    "RATE_LIMITED",
    `Too many invitations: at most ${INVITATIONS_PER_EVENT_PER_HOUR} an hour to one event and ${INVITATIONS_PER_INVITER_PER_DAY} a day from one person. Try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds, extra: { retryAfterSeconds } },
  );
}

/** Whether `error` is the partial unique index refusing a second pending invitation. */
function isPendingConflict(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002" &&
    JSON.stringify(error.meta ?? {}).includes(ONE_PENDING_PER_ADDRESS)
  );
}
