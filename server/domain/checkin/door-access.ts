// Who may work an event's door now (the rule is server/auth/policy.ts: its curator and the STAFF
// users the curator assigned, both while UPCOMING, only the curator while ON_HOLD, nobody once
// COMPLETED or CANCELED; admins manage lists, they do not stand at doors), and the doors an
// actor works.
import type { Actor } from "../../auth/actor";
import { doorRefusal, doorsWhere, type DoorRefusal } from "../../auth/policy";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { EventStatus } from "../../generated/prisma/enums";

/** An event as the door sees it, for one actor. */
export interface DoorEvent {
  id: string;
  curatorId: string;
  status: EventStatus;
  timezone: string;
  /** The actor is door staff assigned to this event. */
  isStaff: boolean;
}

export async function loadDoorEvent(db: Db, actor: Actor, eventId: string): Promise<DoorEvent> {
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null },
    select: { id: true, curatorId: true, status: true, timezone: true, staff: { where: { userId: actor.userId }, select: { userId: true } } },
  });
  if (!event) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  const { staff, ...row } = event;
  return { ...row, isStaff: staff.length > 0 };
}

export function refusalError(refusal: DoorRefusal): AppError {
  const { retryAfterSeconds } = refusal;
  // Also a member of the answer: a tRPC caller (the door page) sees no Retry-After header.
  return new AppError(refusal.code, refusal.message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds, extra: { retryAfterSeconds } });
}

/** The door's event for search and the like: 404, 403 or 409 as for a check-in. */
export async function openDoor(db: Db, actor: Actor, eventId: string): Promise<DoorEvent> {
  const event = await loadDoorEvent(db, actor, eventId);
  const refusal = doorRefusal(actor, event);
  if (refusal) throw refusalError(refusal);
  return event;
}

const doorEventSelect = { id: true, title: true, status: true, startDate: true, timezone: true, venue: true } satisfies Prisma.EventSelect;

/** Events whose door the actor may work now: as their curator or as assigned staff. */
export async function myDoorEvents(db: Db, actor: Actor) {
  const events = await db.event.findMany({
    where: { deletedAt: null, status: { in: [EventStatus.UPCOMING, EventStatus.ON_HOLD] }, ...doorsWhere(actor) },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    take: 50,
    select: doorEventSelect,
  });
  return { events };
}

/**
 * One event's door as the actor works it (the door page): the event, and why its door is
 * closed to them now (paused for staff, completed, canceled) or null when they may let guests
 * in. Not their curator nor assigned staff: 404, as for an event that does not exist.
 */
export async function doorOf(db: Db, actor: Actor, eventId: string) {
  const found = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, ...doorsWhere(actor) },
    select: { ...doorEventSelect, curatorId: true },
  });
  if (!found) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  const { curatorId, ...event } = found;
  // Found by the filter above, so the actor is its curator or its staff.
  const refusal = doorRefusal(actor, { ...event, curatorId, isStaff: curatorId !== actor.userId });
  return { event, closedReason: refusal?.message ?? null };
}
