// The guest book's groups: named sets of the caller's guests, added to an event at once.
import type { Actor } from "../../auth/actor";
import { assertKeepsGuestBook } from "../../auth/policy";
import type { Db } from "../../db/client";
import type { Prisma } from "../../generated/prisma/client";
import { notFound, ownGuestIds } from "./ownership";
import type { GuestGroupView, TCreateGroupInput } from "./schema";

type Tx = Prisma.TransactionClient;

const groupViewSelect = {
  id: true,
  name: true,
  createdAt: true,
  guests: { where: { guest: { deletedAt: null } }, select: { guestId: true } },
} satisfies Prisma.EventGuestGroupSelect;

type GroupRow = Prisma.EventGuestGroupGetPayload<{ select: typeof groupViewSelect }>;

function toGroupView({ guests, ...row }: GroupRow): GuestGroupView {
  return { ...row, guestIds: guests.map((g) => g.guestId).sort() };
}

export async function createGroup(db: Db, actor: Actor, input: TCreateGroupInput): Promise<{ group: GuestGroupView }> {
  assertKeepsGuestBook(actor);
  const guestIds = await ownGuestIds(db, actor.userId, input.guestIds ?? []);
  const group = await db.eventGuestGroup.create({
    data: { userId: actor.userId, name: input.name, guests: { create: guestIds.map((guestId) => ({ guestId })) } },
    select: groupViewSelect,
  });
  return { group: toGroupView(group) };
}

async function ownGroup(db: Db | Tx, actor: Actor, id: string) {
  assertKeepsGuestBook(actor);
  const group = await db.eventGuestGroup.findFirst({ where: { id, userId: actor.userId, deletedAt: null }, select: { id: true } });
  if (!group) throw notFound("guest group", [id]);
  return group;
}

async function readGroup(db: Db | Tx, id: string): Promise<{ group: GuestGroupView }> {
  const group = await db.eventGuestGroup.findUniqueOrThrow({ where: { id }, select: groupViewSelect });
  return { group: toGroupView(group) };
}

export async function listGroups(db: Db, actor: Actor): Promise<{ groups: GuestGroupView[] }> {
  assertKeepsGuestBook(actor);
  const groups = await db.eventGuestGroup.findMany({
    where: { userId: actor.userId, deletedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: groupViewSelect,
  });
  return { groups: groups.map(toGroupView) };
}

export async function renameGroup(db: Db, actor: Actor, input: { id: string; name: string }) {
  await ownGroup(db, actor, input.id);
  await db.eventGuestGroup.update({ where: { id: input.id }, data: { name: input.name } });
  return readGroup(db, input.id);
}

/** Soft delete; its guests stay in the book and on the events they were added to. */
export async function deleteGroup(db: Db, actor: Actor, id: string): Promise<{ id: string }> {
  await ownGroup(db, actor, id);
  await db.eventGuestGroup.update({ where: { id }, data: { deletedAt: new Date() } });
  return { id };
}

export async function addToGroup(db: Db, actor: Actor, input: { id: string; guestIds: string[] }) {
  await ownGroup(db, actor, input.id);
  const guestIds = await ownGuestIds(db, actor.userId, input.guestIds);
  await db.eventGuestToGroup.createMany({
    data: guestIds.map((guestId) => ({ guestId, groupId: input.id })),
    skipDuplicates: true,
  });
  return readGroup(db, input.id);
}

export async function removeFromGroup(db: Db, actor: Actor, input: { id: string; guestIds: string[] }) {
  await ownGroup(db, actor, input.id);
  await db.eventGuestToGroup.deleteMany({ where: { groupId: input.id, guestId: { in: input.guestIds } } });
  return readGroup(db, input.id);
}
