// An event's guest list: putting guests of the event's curator on it, each with a fresh
// ticket code and a ticket mail, and the curator's view of it.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { insertInvitations } from "../../db/sql/guests";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import { EventStatus } from "../../generated/prisma/enums";
import { findManagedEvent, foreignCursor, ownGroupIds, ownGuestIds, unique } from "./ownership";
import { queueTicketMails } from "./public-ticket";
import type { AddGuestsToEventResult, EventListEntry, TAddGuestsToEventInput, TEventGuestListInput } from "./schema";
import { newTicketCode } from "./ticket-code";

/** Events whose list may still change: not once it is COMPLETED or CANCELED. */
export const OPEN_EVENT_STATUSES: readonly EventStatus[] = [EventStatus.UPCOMING, EventStatus.ON_HOLD];

/** Puts the guests on the list, each with a fresh code, and queues their ticket mails, in one transaction; answers the guests added. */
async function putOnList(db: Db, eventId: string, guestIds: string[]): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const codes = guestIds.map(() => newTicketCode());
        const added = await query(tx, insertInvitations({ eventId, guestIds, codes }));
        await queueTicketMails(
          tx,
          added.map((row) => row.id),
        );
        return added.map((row) => row.guestId);
      });
    } catch (error) {
      // Two equal codes out of 2^128 will not happen; if the CSPRNG ever did it, draw again.
      if (attempt < 3 && /ticket_code/.test(String((error as Error).message))) continue;
      throw error;
    }
  }
}

/**
 * POST /product-event/:eventId/guests: puts guests (and the current members of groups) of
 * the event's curator on its list, each with a fresh ticket code and (with an email) a ticket
 * mail queued in the same transaction. Guests on the list already
 * are reported in `alreadyOnList` and keep their code; concurrent calls never duplicate a row.
 */
export async function addGuestsToEvent(db: Db, actor: Actor, eventId: string, input: TAddGuestsToEventInput): Promise<AddGuestsToEventResult> {
  const event = await findManagedEvent(db, actor, eventId);
  if (!OPEN_EVENT_STATUSES.includes(event.status)) {
    throw new AppError("CONFLICT", `The event is ${event.status}: guests can be added while it is UPCOMING or ON_HOLD`, {
      extra: { status: event.status },
    });
  }
  const owner = event.curatorId;
  const direct = await ownGuestIds(db, owner, input.guestIds ?? []);
  const groupIds = await ownGroupIds(db, owner, input.groupIds ?? []);
  const members =
    groupIds.length > 0
      ? await db.eventGuestToGroup.findMany({
          where: { groupId: { in: groupIds }, guest: { deletedAt: null } },
          select: { guestId: true },
        })
      : [];
  const guestIds = unique([...direct, ...members.map((m) => m.guestId)]);
  if (guestIds.length === 0) return { added: [], alreadyOnList: [], guests: [] };

  const added = await putOnList(db, eventId, guestIds);
  const addedSet = new Set(added);
  const entries = await db.eventGuestToEvent.findMany({
    where: { eventId, guestId: { in: guestIds } },
    select: { guestId: true, status: true, ticketCode: true, guest: { select: { fullName: true } } },
    orderBy: [{ guest: { fullName: "asc" } }, { guestId: "asc" }],
  });
  return {
    added: guestIds.filter((id) => addedSet.has(id)),
    alreadyOnList: guestIds.filter((id) => !addedSet.has(id)),
    guests: entries.map(({ guest, ...entry }) => ({ ...entry, fullName: guest.fullName })),
  };
}

/** The curator's view of an event's list: every live guest with code and check-in, by name. */
export async function listEventGuests(
  db: Db,
  actor: Actor,
  input: TEventGuestListInput,
): Promise<{ guests: EventListEntry[]; nextCursor: string | null }> {
  await findManagedEvent(db, actor, input.eventId);
  if (input.cursor) {
    const onList = await db.eventGuestToEvent.findFirst({ where: { id: input.cursor, eventId: input.eventId }, select: { id: true } });
    if (!onList) throw foreignCursor();
  }
  const rows = await db.eventGuestToEvent.findMany({
    where: { eventId: input.eventId, guest: { deletedAt: null }, ...(input.status ? { status: input.status } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      guestId: true,
      status: true,
      ticketCode: true,
      checkedInAt: true,
      checkedInByUser: { select: { id: true, name: true } },
      guest: { select: { fullName: true, email: true, phoneNumber: true } },
      source: true,
      variant: { select: { name: true } },
      order: { select: { post: { select: { slug: true } }, promoter: { select: { name: true } } } },
    },
  });
  const page = rows.slice(0, input.limit);
  return {
    guests: page.map((row) => ({
      guestId: row.guestId,
      fullName: row.guest.fullName,
      email: row.guest.email,
      phoneNumber: row.guest.phoneNumber,
      status: row.status,
      ticketCode: row.ticketCode,
      checkedInAt: row.checkedInAt,
      checkedInBy: row.checkedInByUser,
      source: row.source,
      ticketType: row.variant?.name ?? null,
      via: row.order?.post ? { postSlug: row.order.post.slug, promoterName: row.order.promoter?.name ?? null } : null,
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}
