// The guest book's guests: create, read, change, delete and list the caller's own.
import type { Actor } from "../../auth/actor";
import { assertKeepsGuestBook } from "../../auth/policy";
import type { Db } from "../../db/client";
import type { Prisma } from "../../generated/prisma/client";
import { fullNameOf, guestSearchText, searchTerms } from "./normalize";
import { foreignCursor, notFound, ownGroupIds } from "./ownership";
import type { GuestPage, GuestView, TCreateGuestInput, TListGuestsInput, TUpdateGuestInput } from "./schema";

const guestViewSelect = {
  id: true,
  firstName: true,
  lastName: true,
  fullName: true,
  email: true,
  phoneNumber: true,
  createdAt: true,
  updatedAt: true,
  // Only groups that still exist.
  groups: { where: { group: { deletedAt: null } }, select: { groupId: true } },
} satisfies Prisma.EventGuestSelect;

type GuestRow = Prisma.EventGuestGetPayload<{ select: typeof guestViewSelect }>;

function toGuestView({ groups, ...row }: GuestRow): GuestView {
  return { ...row, groupIds: groups.map((g) => g.groupId).sort() };
}

/** POST /product-event/guests: a guest in the caller's book, optionally in some of their groups. */
export async function createGuest(db: Db, actor: Actor, input: TCreateGuestInput): Promise<{ guest: GuestView }> {
  assertKeepsGuestBook(actor);
  const groupIds = await ownGroupIds(db, actor.userId, input.groupIds ?? []);
  const fullName = fullNameOf(input.firstName, input.lastName);
  const guest = await db.eventGuest.create({
    data: {
      userId: actor.userId,
      firstName: input.firstName,
      lastName: input.lastName,
      fullName,
      email: input.email ?? null,
      phoneNumber: input.phoneNumber ?? null,
      searchText: guestSearchText({ fullName, email: input.email, phoneNumber: input.phoneNumber }),
      groups: { create: groupIds.map((groupId) => ({ groupId })) },
    },
    select: guestViewSelect,
  });
  return { guest: toGuestView(guest) };
}

export async function getGuest(db: Db, actor: Actor, id: string): Promise<{ guest: GuestView }> {
  assertKeepsGuestBook(actor);
  const guest = await db.eventGuest.findFirst({
    where: { id, userId: actor.userId, deletedAt: null },
    select: guestViewSelect,
  });
  if (!guest) throw notFound("guest", [id]);
  return { guest: toGuestView(guest) };
}

/** Changes names, email or phone; the full name and the search text follow. */
export async function updateGuest(db: Db, actor: Actor, input: TUpdateGuestInput): Promise<{ guest: GuestView }> {
  assertKeepsGuestBook(actor);
  const { id, ...changes } = input;
  return db.$transaction(async (tx) => {
    const current = await tx.eventGuest.findFirst({
      where: { id, userId: actor.userId, deletedAt: null },
      select: { firstName: true, lastName: true, email: true, phoneNumber: true },
    });
    if (!current) throw notFound("guest", [id]);
    const next = {
      firstName: changes.firstName ?? current.firstName,
      lastName: changes.lastName ?? current.lastName,
      email: changes.email === undefined ? current.email : changes.email,
      phoneNumber: changes.phoneNumber === undefined ? current.phoneNumber : changes.phoneNumber,
    };
    const fullName = fullNameOf(next.firstName, next.lastName);
    const guest = await tx.eventGuest.update({
      where: { id },
      data: { ...next, fullName, searchText: guestSearchText({ ...next, fullName }) },
      select: guestViewSelect,
    });
    return { guest: toGuestView(guest) };
  });
}

/**
 * Soft delete: the guest leaves every read (book, groups, event lists, counts, door search),
 * and their ticket codes answer NOT_ON_LIST at the door. Past check-ins stay in the audit.
 */
export async function deleteGuest(db: Db, actor: Actor, id: string): Promise<{ id: string }> {
  assertKeepsGuestBook(actor);
  const { count } = await db.eventGuest.updateMany({
    where: { id, userId: actor.userId, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  if (count === 0) throw notFound("guest", [id]);
  return { id };
}

/** The caller's guest book, by full name; `query` matches name, email or phone like the door. */
export async function listGuests(db: Db, actor: Actor, input: TListGuestsInput): Promise<GuestPage> {
  assertKeepsGuestBook(actor);
  if (input.cursor) {
    // Not filtered on deletedAt: a guest the curator deleted while paging is still their cursor.
    const own = await db.eventGuest.findFirst({ where: { id: input.cursor, userId: actor.userId }, select: { id: true } });
    if (!own) throw foreignCursor();
  }
  const terms = input.query ? searchTerms(input.query) : [];
  const rows = await db.eventGuest.findMany({
    where: {
      userId: actor.userId,
      deletedAt: null,
      ...(input.groupId ? { groups: { some: { groupId: input.groupId } } } : {}),
      AND: terms.map((term) => ({ searchText: { contains: term } })),
    },
    orderBy: [{ fullName: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: guestViewSelect,
  });
  const page = rows.slice(0, input.limit);
  return { guests: page.map(toGuestView), nextCursor: rows.length > input.limit ? page.at(-1)!.id : null };
}
