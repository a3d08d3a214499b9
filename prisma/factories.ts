// Test-data factories: each writes one realistic slice of the data model with unique
// defaults. The demo seed and the tests build their data with these same helpers.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../server/db/client";
import type { Event, EventMedia, Prisma, ProductVariant } from "../server/generated/prisma/client";
import {
  CheckInResult,
  EventGuestStatus,
  EventStatus,
  ListingType,
  PostType,
  ProductStatus,
  Role,
} from "../server/generated/prisma/enums";

export type PosterImage = { src: string };
export type TicketInput = { name: string; price: number; currency?: string; quantity: number };
export type LineupInput = { title: string; introduction?: string; isHeadliner?: boolean };

const DAY_MS = 24 * 60 * 60 * 1000;

function shortId(): string {
  return randomUUID().slice(0, 8);
}

/** "Halle Süd · Fri 12 Dec, 23:00": the event's wall-clock time, where the guests will be. */
export function eventSubTitle(event: Pick<Event, "venue" | "startDate" | "timezone">): string {
  const when = new Intl.DateTimeFormat("en-GB", {
    timeZone: event.timezone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(event.startDate);
  return `${event.venue} · ${when}`;
}

export async function createUser(
  db: Db,
  { role, email, name }: { role: Role; email?: string; name?: string },
) {
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

// The post's fields follow the sync mapping (title -> headline/title, venue + date ->
// subTitle, poster -> media/coverImages, variants -> ticketPrices) at the event's version.
function eventPostData(
  event: Event,
  medias: EventMedia[],
  variants: ProductVariant[],
  { creatorId, caption, syncEnabled }: { creatorId: string; caption?: string; syncEnabled: boolean },
): Prisma.PostUncheckedCreateInput {
  return {
    creatorId,
    postType: PostType.EVENT,
    createFromEventId: event.id,
    slug: randomBytes(7).toString("base64url"), // 10 characters, for short share links
    headline: event.title,
    title: event.title,
    subTitle: eventSubTitle(event),
    caption,
    coverImages: medias.map((m) => ({ src: m.src })),
    ticketPrices: variants.map((v) => ({
      variantId: v.id,
      name: v.name,
      price: v.price,
      currency: v.currency,
    })),
    syncEnabled,
    syncedEventVersion: event.version,
    syncedAt: new Date(),
    media: {
      create: medias.map((m) => ({ src: m.src, position: m.position, mediaType: m.mediaType })),
    },
  };
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
  addressRevealConfig?: Prisma.InputJsonValue;
  tickets?: TicketInput[];
  lineups?: LineupInput[];
  posters?: PosterImage[];
}

/**
 * An event as POST /product-event/v2 leaves it: event, media, lineup, ticket product with
 * its variants and the curator's auto-post, all in one transaction.
 * Writes with Prisma directly for now; a later issue moves this onto the event domain service.
 */
export async function createEvent(db: Db, input: CreateEventInput) {
  const {
    curatorId,
    tickets = [{ name: "General admission", price: 2500, quantity: 100 }],
    lineups = [],
    posters = [{ src: "/demo/neon-nights.svg" }],
    ...fields
  } = input;
  return db.$transaction(async (tx) => {
    const merchant = await tx.merchant.findUniqueOrThrow({ where: { ownerId: curatorId } });
    const event = await tx.event.create({
      data: {
        title: `Test event ${shortId()}`,
        startDate: new Date(Date.now() + 7 * DAY_MS),
        timezone: "Europe/Berlin",
        venue: "Test Venue",
        location: "Teststraße 1, 10115 Berlin",
        ...fields,
        curatorId,
        poster: posters,
        medias: { create: posters.map((p, position) => ({ src: p.src, position })) },
        lineups: {
          create: lineups.map((l, order) => ({
            title: l.title,
            introduction: l.introduction,
            isHeadliner: l.isHeadliner ?? false,
            order,
          })),
        },
      },
      include: {
        medias: { orderBy: { position: "asc" } },
        lineups: { orderBy: { order: "asc" } },
      },
    });
    const product = await tx.product.create({
      data: {
        merchantId: merchant.id,
        eventId: event.id,
        title: event.title,
        listingType: ListingType.TICKET,
        // Product follows its event: only an upcoming event's tickets are on sale.
        status: event.status === EventStatus.UPCOMING ? ProductStatus.ACTIVE : ProductStatus.ARCHIVED,
        variants: {
          create: tickets.map((t, position) => ({
            name: t.name,
            price: t.price,
            currency: t.currency ?? merchant.currency,
            quantity: t.quantity,
            position,
          })),
        },
      },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    const post = await tx.post.create({
      data: eventPostData(event, event.medias, product.variants, {
        creatorId: curatorId,
        syncEnabled: true,
      }),
      include: { media: { orderBy: { position: "asc" } } },
    });
    return { event, product, post };
  });
}

/** A post someone (the curator or a promoter) makes from an existing event. */
export async function createPostFromEvent(
  db: Db,
  {
    eventId,
    creatorId,
    caption,
    syncEnabled = true,
  }: { eventId: string; creatorId: string; caption?: string; syncEnabled?: boolean },
) {
  const event = await db.event.findUniqueOrThrow({
    where: { id: eventId },
    include: {
      medias: { orderBy: { position: "asc" } },
      product: {
        where: { deletedAt: null, listingType: ListingType.TICKET },
        include: { variants: { where: { deletedAt: null }, orderBy: { position: "asc" } } },
      },
    },
  });
  const variants = event.product[0]?.variants ?? [];
  return db.post.create({
    data: eventPostData(event, event.medias, variants, { creatorId, caption, syncEnabled }),
    include: { media: { orderBy: { position: "asc" } } },
  });
}

/** A guest in the guest book of `userId` (the curator). */
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
  return db.eventGuest.create({
    data: { userId, firstName, lastName, fullName: `${firstName} ${lastName}`, email, phoneNumber },
  });
}

export async function createGuestGroup(
  db: Db,
  {
    userId,
    name = `Group ${shortId()}`,
    guestIds = [],
  }: { userId: string; name?: string; guestIds?: string[] },
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
  {
    eventId,
    guestId,
    checkedIn,
  }: { eventId: string; guestId: string; checkedIn?: { by: string; at?: Date } },
) {
  const checkedInAt = checkedIn?.at ?? new Date();
  return db.eventGuestToEvent.create({
    data: {
      eventId,
      guestId,
      // 128 bits from the CSPRNG: the QR code's content must not be guessable.
      ticketCode: randomBytes(16).toString("base64url"),
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
