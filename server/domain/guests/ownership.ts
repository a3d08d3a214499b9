// The guest book's ownership (spec section 10): a guest book belongs to its user (curators;
// admins have one of their own too). Another user's guest or group is answered as unknown
// (404), never as "not yours", so ids cannot be probed. An event's list only ever holds guests
// of that event's curator, and is managed by whoever manages the event (server/auth/policy.ts).
import type { Actor } from "../../auth/actor";
import { managedEventsWhere, managesEvents } from "../../auth/policy";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";

type Tx = Prisma.TransactionClient;

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

export function notFound(what: string, ids: string[]): AppError {
  return new AppError("NOT_FOUND", `No ${what} ${ids.join(", ")} in the guest book`);
}

/**
 * A page starts after its cursor row wherever that row is, so a cursor must be a row of the
 * list being paged: another book's guest (another event's entry) would tell where its name
 * (its date) sorts among the caller's own. Unknown and foreign cursors get the same answer.
 */
export function foreignCursor(): AppError {
  return new AppError("INVALID_INPUT", "The cursor is not from this list", {
    errors: [{ path: "cursor", message: "is not a cursor from this list; pass the nextCursor of the previous page" }],
  });
}

// ---- Lookups that answer 404 for anything not in the book

/** The ids among `ids` that `find` answers; throws 404 naming the others. */
async function allFound(ids: string[], [one, many]: [string, string], find: (wanted: string[]) => Promise<{ id: string }[]>): Promise<string[]> {
  const wanted = unique(ids);
  if (wanted.length === 0) return [];
  const have = new Set((await find(wanted)).map((row) => row.id));
  const missing = wanted.filter((id) => !have.has(id));
  if (missing.length > 0) throw notFound(missing.length === 1 ? one : many, missing);
  return wanted;
}

/** The ids among `ids` that are live guests of `userId`; throws 404 naming the others. */
export function ownGuestIds(db: Db | Tx, userId: string, ids: string[]): Promise<string[]> {
  return allFound(ids, ["guest", "guests"], (wanted) =>
    db.eventGuest.findMany({ where: { id: { in: wanted }, userId, deletedAt: null }, select: { id: true } }),
  );
}

/** The ids among `ids` that are live guest groups of `userId`; throws 404 naming the others. */
export function ownGroupIds(db: Db | Tx, userId: string, ids: string[]): Promise<string[]> {
  return allFound(ids, ["guest group", "guest groups"], (wanted) =>
    db.eventGuestGroup.findMany({ where: { id: { in: wanted }, userId, deletedAt: null }, select: { id: true } }),
  );
}

/** Who manages an event's list: its curator, or an admin. Anyone else: 404, as for events. */
export async function findManagedEvent(db: Db | Tx, actor: Actor, eventId: string) {
  if (!managesEvents(actor)) {
    throw new AppError("FORBIDDEN", "Only the event's curator (and admins) manage its guest list");
  }
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, ...managedEventsWhere(actor) },
    select: { id: true, curatorId: true, status: true, timezone: true },
  });
  if (!event) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  return event;
}
