// Door staff: the STAFF users an event's curator (or an admin) assigns to work its door.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { Role } from "../../generated/prisma/enums";
import { findManagedEvent } from "../guests/ownership";
import type { StaffMember, TAssignStaffInput } from "./schema";

const staffSelect = {
  assignedAt: true,
  user: { select: { id: true, name: true, email: true, role: true } },
} satisfies Prisma.EventStaffSelect;

async function readStaff(db: Db, eventId: string): Promise<{ staff: StaffMember[] }> {
  const rows = await db.eventStaff.findMany({
    where: { eventId },
    orderBy: [{ assignedAt: "asc" }, { userId: "asc" }],
    select: staffSelect,
  });
  return { staff: rows.map(({ user, assignedAt }) => ({ userId: user.id, name: user.name, email: user.email, role: user.role, assignedAt })) };
}

/**
 * Assigns a door staff member to the event (its curator, or an admin). The account must have
 * the STAFF role: door access is a role of its own, not something any user can be given.
 * Assigning someone twice is not an error.
 */
export async function assignStaff(db: Db, actor: Actor, input: TAssignStaffInput) {
  const event = await findManagedEvent(db, actor, input.eventId);
  const user = await db.user.findFirst({
    where: { role: Role.STAFF, ...(input.userId ? { id: input.userId } : { email: input.email!.trim().toLowerCase() }) },
    select: { id: true },
  });
  if (!user) {
    throw new AppError("NOT_FOUND", `No door staff account ${input.userId ?? input.email} (the user must have the STAFF role)`);
  }
  await db.eventStaff.createMany({ data: [{ eventId: event.id, userId: user.id }], skipDuplicates: true });
  return readStaff(db, event.id);
}

export async function unassignStaff(db: Db, actor: Actor, input: { eventId: string; userId: string }) {
  const event = await findManagedEvent(db, actor, input.eventId);
  const { count } = await db.eventStaff.deleteMany({ where: { eventId: event.id, userId: input.userId } });
  if (count === 0) throw new AppError("NOT_FOUND", `User ${input.userId} is not door staff of this event`);
  return readStaff(db, event.id);
}

export async function listStaff(db: Db, actor: Actor, eventId: string) {
  const event = await findManagedEvent(db, actor, eventId);
  return readStaff(db, event.id);
}
