// Test-data factories: each writes one realistic slice of the data model with unique
// defaults. The demo seed and the tests build their data with these same helpers.
import { randomUUID } from "node:crypto";
import type { Actor } from "../server/auth/actor";
import type { Db } from "../server/db/client";
import type { TCreateEventInput } from "../server/domain/events/schema";
import { createEvent as createEventService } from "../server/domain/events/create";
import { updateEvent } from "../server/domain/events/update";
import { fullNameOf, guestSearchText } from "../server/domain/guests/normalize";
import { newTicketCode } from "../server/domain/guests/ticket-code";
import { newInvitationToken } from "../server/domain/invitations/token";
import { createPostFromEvent as createPostFromEventService } from "../server/domain/posts/service";
import { CheckInResult, EventGuestStatus, EventStatus, InvitationKind, InvitationStatus, Role } from "../server/generated/prisma/enums";

// The one mapping of event to post fields lives in the domain; re-exported for old imports.
export { eventSubTitle } from "../server/domain/posts/event-mapping";

export type PosterImage = { src: string };
export type TicketInput = { name: string; price: number; currency?: string; quantity: number };
export type LineupInput = { title: string; introduction?: string; isHeadliner?: boolean };

const DAY_MS = 24 * 60 * 60 * 1000;

function shortId(): string {
  return randomUUID().slice(0, 8);
}

export async function createUser(db: Db, { role, email, name }: { role: Role; email?: string; name?: string }) {
  const displayName = name ?? `Test ${role.toLowerCase()} ${shortId()}`;
  return db.user.create({
    data: {
      role,
      email: email ?? `${role.toLowerCase()}-${randomUUID()}@marquee.test`,
      name: displayName,
      // Curators sell tickets, so every curator owns a merchant from the start.
      merchant: role === Role.CURATOR ? { create: { name: displayName } } : undefined,
    },
    include: { merchant: true },
  });
}

export interface CreateEventInput {
  curatorId: string;
  title?: string;
  status?: EventStatus;
  startDate?: Date;
  endDate?: Date | null;
  timezone?: string;
  venue?: string;
  location?: string;
  allowAutoComplete?: boolean;
  isAddressRevealEnabled?: boolean;
  addressRevealConfig?: TCreateEventInput["addressRevealConfig"];
  isTaxEnabled?: boolean;
  taxConfig?: TCreateEventInput["taxConfig"];
  tickets?: TicketInput[];
  lineups?: LineupInput[];
  posters?: PosterImage[];
}

/** The actor a factory acts as: the user row's own role, name and email. */
export async function actorOf(db: Db, userId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" };
}

/**
 * An event made exactly as POST /product-event/v2 makes it (the domain's createEvent: event,
 * media, lineup, ticket product with its variants, the curator's auto-post and the outbox
 * row, in one transaction). A `status` other than UPCOMING is then reached through the
 * domain's update, so it passes the status diagram and archives the product like a real
 * pause, cancellation or completion. Answers the rows as stored.
 */
export async function createEvent(db: Db, input: CreateEventInput) {
  const {
    curatorId,
    status,
    tickets = [{ name: "General admission", price: 2500, quantity: 100 }],
    lineups = [],
    posters = [{ src: "/demo/neon-nights.svg" }],
    ...fields
  } = input;
  const actor = await actorOf(db, curatorId);
  const created = await createEventService(db, actor, {
    title: `Test event ${shortId()}`,
    startDate: new Date(Date.now() + 7 * DAY_MS),
    timezone: "Europe/Berlin",
    venue: "Test Venue",
    location: "Teststraße 1, 10115 Berlin",
    ...fields,
    poster: posters,
    lineups,
    tickets,
    createPost: true,
  });
  if (status && status !== EventStatus.UPCOMING) {
    await updateEvent(db, actor, created.event.id, { status });
  }
  const [event, product, post] = await Promise.all([
    db.event.findUniqueOrThrow({
      where: { id: created.event.id },
      include: {
        medias: { orderBy: { position: "asc" } },
        lineups: { orderBy: { order: "asc" } },
      },
    }),
    db.product.findUniqueOrThrow({
      where: { id: created.product.id },
      include: { variants: { where: { deletedAt: null }, orderBy: { position: "asc" } } },
    }),
    db.post.findUniqueOrThrow({
      where: { id: created.post!.id },
      include: { media: { orderBy: { position: "asc" } } },
    }),
  ]);
  return { event, product, post };
}

/** A post someone (the curator or a promoter) makes from an existing event, via the domain. */
export async function createPostFromEvent(
  db: Db,
  { eventId, creatorId, caption, syncEnabled = true }: { eventId: string; creatorId: string; caption?: string; syncEnabled?: boolean },
) {
  const { post } = await createPostFromEventService(db, await actorOf(db, creatorId), {
    eventId,
    caption,
    syncEnabled,
  });
  return db.post.findUniqueOrThrow({
    where: { id: post.id },
    include: { media: { orderBy: { position: "asc" } } },
  });
}

/**
 * A guest in the guest book of `userId` (the curator), with the folded search text the door's
 * search reads (the domain's own normalisation). `phoneNumber` is stored as given: pass E.164.
 */
export async function createGuest(
  db: Db,
  {
    userId,
    firstName = "Alex",
    lastName = `Guest ${shortId()}`,
    email,
    phoneNumber,
  }: { userId: string; firstName?: string; lastName?: string; email?: string; phoneNumber?: string },
) {
  const fullName = fullNameOf(firstName, lastName);
  return db.eventGuest.create({
    data: {
      userId,
      firstName,
      lastName,
      fullName,
      email,
      phoneNumber,
      searchText: guestSearchText({ fullName, email, phoneNumber }),
    },
  });
}

export async function createGuestGroup(
  db: Db,
  { userId, name = `Group ${shortId()}`, guestIds = [] }: { userId: string; name?: string; guestIds?: string[] },
) {
  return db.eventGuestGroup.create({
    data: { userId, name, guests: { create: guestIds.map((guestId) => ({ guestId })) } },
    include: { guests: true },
  });
}

/**
 * Puts a guest on an event's list with a fresh ticket code. `checkedIn` admits them
 * already, as if `by` (a staff user) had scanned them at `at`.
 */
export async function inviteGuest(
  db: Db,
  { eventId, guestId, checkedIn }: { eventId: string; guestId: string; checkedIn?: { by: string; at?: Date } },
) {
  const checkedInAt = checkedIn?.at ?? new Date();
  return db.eventGuestToEvent.create({
    data: {
      eventId,
      guestId,
      // 128 bits from the CSPRNG: the QR code's content must not be guessable.
      ticketCode: newTicketCode(),
      ...(checkedIn && {
        status: EventGuestStatus.CHECKED_IN,
        checkedInAt,
        checkedInBy: checkedIn.by,
        // The door's audit trail holds every admission, so this one is recorded too.
        attempts: {
          create: {
            eventId,
            staffId: checkedIn.by,
            result: CheckInResult.CHECKED_IN,
            createdAt: checkedInAt,
          },
        },
      }),
    },
  });
}

export async function assignStaff(db: Db, { eventId, userId }: { eventId: string; userId: string }) {
  return db.eventStaff.create({ data: { eventId, userId } });
}

/**
 * An invitation to an event as if its curator had sent it (no mail): answers the row and the
 * link's token, which only the mail would hold. `expiresAt` in the past makes an expired link.
 */
export async function createInvitation(
  db: Db,
  {
    eventId,
    email,
    kind = InvitationKind.STAFF,
    expiresAt = new Date(Date.now() + 7 * DAY_MS),
  }: { eventId: string; email: string; kind?: InvitationKind; expiresAt?: Date },
) {
  const { curatorId } = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { curatorId: true } });
  const { token, tokenHash } = newInvitationToken();
  // One pending invitation per address, event and kind (a partial unique index): a new link replaces the last.
  await db.invitation.updateMany({
    where: { eventId, email: email.toLowerCase(), kind, status: InvitationStatus.PENDING },
    data: { status: InvitationStatus.REVOKED, revokedAt: new Date() },
  });
  const invitation = await db.invitation.create({
    data: { eventId, email: email.toLowerCase(), kind, tokenHash, invitedById: curatorId, expiresAt },
  });
  return { ...invitation, token };
}
