import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError, type FieldError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { EventGuestStatus, EventStatus, JobRunStatus, ListingType, MediaType, Role } from "../../generated/prisma/enums";
import { addToOutbox } from "../outbox/service";
import type { PostView } from "../posts/schema";
import { insertEventPost } from "../posts/service";
import { postViewSelect, toPostView } from "../posts/views";
import type {
  EventDetails,
  EventView,
  HomeEvent,
  ProductView,
  RelatedPosts,
  TCreateEventInput,
  TPriceRange,
  TRelatedPostsQuery,
  TSyncCategory,
  TUpdateEventInput,
} from "./schema";
import { assertTransition, isFinalStatus, productStatusFor } from "./status";
import {
  eventViewSelect,
  lineupViewSelect,
  liveVariantsArgs,
  mediaViewSelect,
  productColumnsSelect,
  productViewSelect,
  toEventView,
  toLineupView,
  toMediaView,
  toProductView,
} from "./views";

const HOME_EVENTS_LIMIT = 24;
/** An event without an end date counts as running for this long after its start. */
export const DEFAULT_EVENT_LENGTH_MS = 24 * 60 * 60 * 1000;

/**
 * The home page's upcoming events, soonest first: events that have not ended yet.
 * A curator sees their own (including paused or canceled ones, so they can act on them);
 * everyone else sees every curator's events that are still on sale or paused.
 */
export async function listHomeEvents(db: Db, actor: Actor, now: Date = new Date()): Promise<HomeEvent[]> {
  const visibleTo =
    actor.role === Role.CURATOR
      ? {
          curatorId: actor.userId,
          status: { in: [EventStatus.UPCOMING, EventStatus.ON_HOLD, EventStatus.CANCELED] },
        }
      : { status: { in: [EventStatus.UPCOMING, EventStatus.ON_HOLD] } };

  const events = await db.event.findMany({
    where: {
      ...visibleTo,
      deletedAt: null,
      OR: [
        { endDate: { gte: now } },
        { endDate: null, startDate: { gte: new Date(now.getTime() - DEFAULT_EVENT_LENGTH_MS) } },
      ],
    },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    take: HOME_EVENTS_LIMIT,
    select: {
      ...eventCardSelect,
      product: {
        where: { deletedAt: null },
        select: {
          variants: {
            where: { deletedAt: null },
            select: { price: true, currency: true, position: true },
          },
        },
      },
    },
  });

  return events.map((event) => ({
    ...toEventCard(event),
    price: priceRange(event.product.flatMap((product) => product.variants)),
  }));
}

/** What an event card shows, read the same way by the home page and the curator's list. */
export const eventCardSelect = {
  id: true,
  title: true,
  status: true,
  startDate: true,
  endDate: true,
  timezone: true,
  venue: true,
  curator: { select: { name: true } },
  medias: { where: { mediaType: MediaType.IMAGE }, orderBy: { position: "asc" }, take: 1, select: { src: true } },
} satisfies Prisma.EventSelect;

export function toEventCard(row: Prisma.EventGetPayload<{ select: typeof eventCardSelect }>) {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    startDate: row.startDate,
    endDate: row.endDate,
    timezone: row.timezone,
    venue: row.venue,
    curatorName: row.curator.name,
    posterSrc: row.medias[0]?.src ?? null,
  };
}

/**
 * Cheapest and dearest ticket. Prices in different currencies cannot be compared, so the
 * range covers the currency most ticket types use (ties go to the first ticket type).
 */
export function priceRange(
  variants: ReadonlyArray<{ price: number; currency: string; position?: number }>,
): TPriceRange | null {
  if (variants.length === 0) return null;
  const ordered = [...variants].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const counts = new Map<string, number>();
  for (const v of ordered) counts.set(v.currency, (counts.get(v.currency) ?? 0) + 1);
  let currency = ordered[0]!.currency;
  for (const [code, count] of counts) if (count > counts.get(currency)!) currency = code;
  const prices = ordered.filter((v) => v.currency === currency).map((v) => v.price);
  return { min: Math.min(...prices), max: Math.max(...prices), currency };
}

// ---- The event lifecycle: create, update (fields, tickets, status), details, related posts.

type Tx = Prisma.TransactionClient;

/** Roles that manage events. Curators manage their own; admins any curator's. */
const EVENT_MANAGERS: readonly Role[] = [Role.CURATOR, Role.ADMIN];

function assertEventManager(actor: Actor): void {
  if (!EVENT_MANAGERS.includes(actor.role)) {
    throw new AppError("FORBIDDEN", "Only curators (and admins) manage events");
  }
}

function eventNotFound(eventId: string): AppError {
  // The same answer for an unknown id and for another curator's event: ids are not probed.
  return new AppError("NOT_FOUND", `No event ${eventId}`);
}

/** Which events the actor manages: a curator their own, an admin every curator's. */
function managedBy(actor: Actor): Prisma.EventWhereInput {
  return actor.role === Role.ADMIN ? {} : { curatorId: actor.userId };
}

function invalid(errors: FieldError[]): AppError {
  return new AppError(
    "INVALID_INPUT",
    `Invalid input: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`,
    { errors },
  );
}

type AddressReveal = NonNullable<TCreateEventInput["addressRevealConfig"]>;
type TaxConfig = NonNullable<TCreateEventInput["taxConfig"]>;

/** Stored form of the address-reveal setting: dates as ISO strings, as JSON has them. */
function storedAddressReveal(config: AddressReveal): Prisma.InputJsonObject {
  return "revealAt" in config ? { revealAt: config.revealAt.toISOString() } : { hoursBeforeStart: config.hoursBeforeStart };
}

function jsonOrDbNull(value: Prisma.InputJsonValue | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : value;
}

/** Rules across fields, checked on the values the event ends up with (create, or merged update). */
function checkEventRules(merged: {
  startDate: Date;
  endDate: Date | null;
  isAddressRevealEnabled: boolean;
  addressRevealConfig: unknown;
  isTaxEnabled: boolean;
  taxConfig: unknown;
}): void {
  const errors: FieldError[] = [];
  if (merged.endDate && merged.endDate.getTime() <= merged.startDate.getTime()) {
    errors.push({ path: "endDate", message: `must be after startDate (${merged.startDate.toISOString()})` });
  }
  if (merged.isAddressRevealEnabled && merged.addressRevealConfig == null) {
    errors.push({
      path: "addressRevealConfig",
      message: "is required while isAddressRevealEnabled is true: { revealAt } or { hoursBeforeStart }",
    });
  }
  if (merged.isTaxEnabled && merged.taxConfig == null) {
    errors.push({ path: "taxConfig", message: "is required while isTaxEnabled is true" });
  }
  if (errors.length > 0) throw invalid(errors);
}

interface LineupRow {
  title: string;
  introduction: string | null;
  poster: { src: string } | null;
  order: number;
  isHeadliner: boolean;
}

function lineupRows(lineups: NonNullable<TCreateEventInput["lineups"]>): LineupRow[] {
  return lineups.map((l, index) => ({
    title: l.title,
    introduction: l.introduction ?? null,
    poster: l.poster ? { src: l.poster.src } : null,
    order: l.order ?? index,
    isHeadliner: l.isHeadliner ?? false,
  }));
}

function lineupCreateData(eventId: string, rows: LineupRow[]): Prisma.EventLineupCreateManyInput[] {
  return rows.map((row) => ({ ...row, eventId, poster: jsonOrDbNull(row.poster) }));
}

async function readEventView(tx: Tx | Db, eventId: string): Promise<EventView> {
  return toEventView(await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: eventViewSelect }));
}

/** The event's ticket product (there is one per event). */
async function readProductView(tx: Tx | Db, eventId: string): Promise<ProductView> {
  const product = await tx.product.findFirst({
    where: { eventId, deletedAt: null, listingType: ListingType.TICKET },
    orderBy: { createdAt: "asc" },
    select: productViewSelect,
  });
  if (!product) throw new Error(`event ${eventId} has no ticket product`);
  return toProductView(product);
}

/**
 * POST /product-event/v2. Validates, then writes in ONE transaction: Event (UPCOMING),
 * EventMedia, EventLineup, Product (TICKET, the curator's merchant), a ProductVariant per
 * ticket, the auto-post with its PostMedia (unless `createPost` is false), and the outbox
 * row `event.created`. (The spec writes the post after COMMIT; a crash there would lose it.)
 */
export async function createEvent(
  db: Db,
  actor: Actor,
  input: TCreateEventInput,
): Promise<{ event: EventView; post: PostView | null; product: ProductView }> {
  assertEventManager(actor);
  const isAddressRevealEnabled = input.isAddressRevealEnabled ?? false;
  const isTaxEnabled = input.isTaxEnabled ?? false;
  checkEventRules({
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    isAddressRevealEnabled,
    addressRevealConfig: input.addressRevealConfig ?? null,
    isTaxEnabled,
    taxConfig: input.taxConfig ?? null,
  });
  const poster = (input.poster ?? []).map((p) => ({ src: p.src }));
  const lineups = lineupRows(input.lineups ?? []);

  return db.$transaction(async (tx) => {
    const merchant = await tx.merchant.findUnique({
      where: { ownerId: actor.userId },
      select: { id: true, currency: true },
    });
    if (!merchant) {
      throw new AppError("FORBIDDEN", "Selling tickets needs a merchant, and this account has none");
    }

    const event = await tx.event.create({
      data: {
        curatorId: actor.userId,
        status: EventStatus.UPCOMING,
        title: input.title,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        timezone: input.timezone ?? "UTC",
        venue: input.venue,
        location: input.location,
        poster,
        allowAutoComplete: input.allowAutoComplete ?? true,
        isAddressRevealEnabled,
        addressRevealConfig: jsonOrDbNull(input.addressRevealConfig ? storedAddressReveal(input.addressRevealConfig) : null),
        isTaxEnabled,
        taxConfig: jsonOrDbNull(input.taxConfig ?? null),
      },
      select: eventViewSelect,
    });

    const medias = poster.map((p, position) => ({ src: p.src, position, mediaType: MediaType.IMAGE }));
    if (medias.length > 0) {
      await tx.eventMedia.createMany({ data: medias.map((m) => ({ ...m, eventId: event.id })) });
    }
    if (lineups.length > 0) {
      await tx.eventLineup.createMany({ data: lineupCreateData(event.id, lineups) });
    }

    const product = await tx.product.create({
      data: {
        merchantId: merchant.id,
        eventId: event.id,
        title: event.title,
        listingType: ListingType.TICKET,
        status: productStatusFor(EventStatus.UPCOMING),
      },
      select: productColumnsSelect,
    });
    const variants = await tx.productVariant.createManyAndReturn({
      data: input.tickets.map((t, position) => ({
        productId: product.id,
        name: t.name,
        price: t.price,
        currency: t.currency ?? merchant.currency,
        quantity: t.quantity,
        position,
      })),
      select: liveVariantsArgs.select,
    });

    const post = input.createPost
      ? await insertEventPost(tx, { event, medias, variants, creator: { id: actor.userId, name: actor.name }, syncEnabled: true })
      : null;

    await addToOutbox(tx, "event.created", { eventId: event.id, productId: product.id, curatorId: actor.userId });

    // Answered from what the INSERTs returned: reading it all back cost seven more queries.
    return { event: toEventView(event), post, product: toProductView({ ...product, variants }) };
  });
}

/** The event row locked for this transaction: concurrent updates queue up behind it. */
interface LockedEvent {
  version: number;
}

/**
 * `SELECT ... FOR UPDATE` on a live event the actor manages (no lock is taken on rows that
 * are not theirs). The version read here, under the lock, is the one the update builds on.
 */
async function lockManagedEvent(tx: Tx, actor: Actor, eventId: string): Promise<LockedEvent> {
  const isAdmin = actor.role === Role.ADMIN;
  const rows = await tx.$queryRaw<LockedEvent[]>`
    SELECT version FROM "Event"
    WHERE id = ${eventId}::uuid AND deleted_at IS NULL AND (${isAdmin}::boolean OR curator_id = ${actor.userId}::uuid)
    FOR UPDATE`;
  const row = rows[0];
  if (!row) throw eventNotFound(eventId);
  return row;
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function sortedLineups(rows: LineupRow[]): string[] {
  return rows.map((row) => canonicalJson(row)).sort();
}

/**
 * PUT /product-event/:id: a partial update. Fields left out stay as they are; `poster`
 * replaces the media, `lineups` replaces the lineup, `tickets` is the full list of ticket
 * types afterwards (items with an id change that ticket, items without one are added,
 * tickets left out are soft-deleted), and `status` moves the event through its diagram.
 *
 * In one transaction, holding the event row: the event's `version` goes up by one when what
 * posts show changed (metadata: title, venue, dates, time zone, poster; variants: ticket
 * types), with outbox row `event.updated { eventId, version, syncCategories }`; a status
 * change writes `event.status.changed` and archives or reactivates the product. Other
 * fields (location, lineup, options) are saved without a new version. Nothing changed,
 * nothing written. CANCELED and COMPLETED events are final and refuse every change.
 */
export async function updateEvent(
  db: Db,
  actor: Actor,
  eventId: string,
  input: TUpdateEventInput,
): Promise<{ event: EventView; product: ProductView }> {
  assertEventManager(actor);
  return db.$transaction(async (tx) => {
    const locked = await lockManagedEvent(tx, actor, eventId);
    const current = await tx.event.findUniqueOrThrow({
      where: { id: eventId },
      select: {
        ...eventViewSelect,
        medias: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { src: true } },
        lineups: { select: { title: true, introduction: true, poster: true, order: true, isHeadliner: true } },
        product: {
          where: { deletedAt: null, listingType: ListingType.TICKET },
          orderBy: { createdAt: "asc" },
          take: 1,
          select: { ...productViewSelect, merchant: { select: { currency: true } } },
        },
      },
    });
    const product = current.product[0];
    if (!product) throw new Error(`event ${eventId} has no ticket product`);

    // -- What the event ends up as, and the rules across fields on those merged values.
    const merged = {
      startDate: input.startDate ?? current.startDate,
      endDate: input.endDate === undefined ? current.endDate : input.endDate,
      isAddressRevealEnabled: input.isAddressRevealEnabled ?? current.isAddressRevealEnabled,
      addressRevealConfig:
        input.addressRevealConfig === undefined
          ? current.addressRevealConfig
          : input.addressRevealConfig && storedAddressReveal(input.addressRevealConfig),
      isTaxEnabled: input.isTaxEnabled ?? current.isTaxEnabled,
      taxConfig: input.taxConfig === undefined ? current.taxConfig : input.taxConfig,
    };
    checkEventRules(merged);

    // -- Event columns that change.
    const data: Prisma.EventUncheckedUpdateInput = {};
    let metadata = false;
    if (input.title !== undefined && input.title !== current.title) {
      data.title = input.title;
      metadata = true;
    }
    if (input.venue !== undefined && input.venue !== current.venue) {
      data.venue = input.venue;
      metadata = true;
    }
    if (input.startDate !== undefined && input.startDate.getTime() !== current.startDate.getTime()) {
      data.startDate = input.startDate;
      metadata = true;
    }
    if (input.endDate !== undefined && (input.endDate?.getTime() ?? null) !== (current.endDate?.getTime() ?? null)) {
      data.endDate = input.endDate;
      metadata = true;
    }
    if (input.timezone !== undefined && input.timezone !== current.timezone) {
      data.timezone = input.timezone; // the subTitle shows the local date: a post change
      metadata = true;
    }
    if (input.location !== undefined && input.location !== current.location) data.location = input.location;
    if (input.allowAutoComplete !== undefined && input.allowAutoComplete !== current.allowAutoComplete) {
      data.allowAutoComplete = input.allowAutoComplete;
    }
    if (input.isAddressRevealEnabled !== undefined && input.isAddressRevealEnabled !== current.isAddressRevealEnabled) {
      data.isAddressRevealEnabled = input.isAddressRevealEnabled;
    }
    if (input.addressRevealConfig !== undefined && !sameJson(merged.addressRevealConfig, current.addressRevealConfig)) {
      data.addressRevealConfig = jsonOrDbNull(merged.addressRevealConfig as Prisma.InputJsonValue | null);
    }
    if (input.isTaxEnabled !== undefined && input.isTaxEnabled !== current.isTaxEnabled) {
      data.isTaxEnabled = input.isTaxEnabled;
    }
    if (input.taxConfig !== undefined && !sameJson(input.taxConfig, current.taxConfig)) {
      data.taxConfig = jsonOrDbNull((input.taxConfig ?? null) as TaxConfig | null);
    }

    // -- Poster (replaces the media) and lineup (replaces the list).
    const newPoster = input.poster?.map((p) => ({ src: p.src }));
    const posterChanged =
      newPoster !== undefined && !sameJson(newPoster.map((p) => p.src), current.medias.map((m) => m.src));
    if (posterChanged) {
      data.poster = newPoster;
      metadata = true;
    }
    const newLineups = input.lineups && lineupRows(input.lineups);
    const lineupsChanged =
      newLineups !== undefined &&
      !sameJson(
        sortedLineups(newLineups),
        sortedLineups(current.lineups.map((l) => ({ ...l, poster: (l.poster as { src: string } | null) ?? null }))),
      );

    // -- Tickets: the full list afterwards.
    const ticketPlan = input.tickets && planTickets(input.tickets, product.variants, product.merchant.currency);
    const variants = ticketPlan !== undefined && ticketPlan.changed;

    // -- Status.
    const statusChanged = input.status !== undefined && input.status !== current.status;
    const anyFieldChange = Object.keys(data).length > 0 || lineupsChanged || variants;
    if (!statusChanged && !anyFieldChange) {
      const { merchant: _merchant, ...productRow } = product;
      const { medias: _medias, lineups: _lineups, product: _product, ...eventRow } = current;
      return { event: toEventView(eventRow), product: toProductView(productRow) };
    }
    if (statusChanged) assertTransition(current.status, input.status!);
    if (isFinalStatus(current.status)) {
      throw new AppError("CONFLICT", `The event is ${current.status}, which is final: it can no longer be changed`, {
        extra: { currentStatus: current.status, allowedStatuses: [] },
      });
    }

    const syncCategories: TSyncCategory[] = [
      ...(metadata ? (["metadata"] as const) : []),
      ...(variants ? (["variants"] as const) : []),
    ];
    const version = syncCategories.length > 0 ? locked.version + 1 : locked.version;

    // -- Writes.
    await tx.event.update({
      where: { id: eventId },
      data: { ...data, ...(statusChanged && { status: input.status }), version },
    });
    if (posterChanged) {
      await tx.eventMedia.deleteMany({ where: { eventId } });
      if (newPoster.length > 0) {
        await tx.eventMedia.createMany({
          data: newPoster.map((p, position) => ({ eventId, src: p.src, position, mediaType: MediaType.IMAGE })),
        });
      }
    }
    if (lineupsChanged) {
      await tx.eventLineup.deleteMany({ where: { eventId } });
      if (newLineups.length > 0) await tx.eventLineup.createMany({ data: lineupCreateData(eventId, newLineups) });
    }
    if (ticketPlan?.changed) await applyTicketPlan(tx, product.id, ticketPlan);

    const productData: Prisma.ProductUpdateInput = {};
    if (data.title !== undefined && product.title !== data.title) productData.title = data.title as string;
    if (statusChanged && productStatusFor(input.status!) !== product.status) {
      productData.status = productStatusFor(input.status!);
    }
    if (Object.keys(productData).length > 0) {
      await tx.product.update({ where: { id: product.id }, data: productData });
    }

    if (syncCategories.length > 0) {
      await addToOutbox(tx, "event.updated", { eventId, version, syncCategories });
    }
    if (statusChanged) {
      await addToOutbox(tx, "event.status.changed", {
        eventId,
        oldStatus: current.status,
        newStatus: input.status!,
      });
    }

    return { event: await readEventView(tx, eventId), product: await readProductView(tx, eventId) };
  });
}

interface TicketPlan {
  changed: boolean;
  updates: { id: string; data: { name: string; price: number; currency: string; quantity: number; position: number } }[];
  creates: { name: string; price: number; currency: string; quantity: number; position: number }[];
  removeIds: string[];
}

type LiveVariant = { id: string; name: string; price: number; currency: string; quantity: number; position: number };

/**
 * Matches the requested ticket list against the live variants; refuses ids of other products
 * (or repeated ones) naming `tickets.N.id`. Positions follow the list's order. A ticket sent
 * without `currency` keeps its own (an added one takes the merchant's).
 */
function planTickets(
  tickets: NonNullable<TUpdateEventInput["tickets"]>,
  live: readonly LiveVariant[],
  merchantCurrency: string,
): TicketPlan {
  const byId = new Map(live.map((v) => [v.id, v]));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  tickets.forEach((t, index) => {
    if (t.id === undefined) return;
    if (!byId.has(t.id)) errors.push({ path: `tickets.${index}.id`, message: "is not a ticket type of this event" });
    else if (seen.has(t.id)) errors.push({ path: `tickets.${index}.id`, message: "appears more than once" });
    seen.add(t.id);
  });
  if (errors.length > 0) throw invalid(errors);

  const plan: TicketPlan = { changed: false, updates: [], creates: [], removeIds: [] };
  tickets.forEach((t, position) => {
    const existing = t.id === undefined ? undefined : byId.get(t.id);
    if (!existing) {
      plan.creates.push({ name: t.name, price: t.price, currency: t.currency ?? merchantCurrency, quantity: t.quantity, position });
      return;
    }
    const next = { name: t.name, price: t.price, currency: t.currency ?? existing.currency, quantity: t.quantity, position };
    const same =
      next.name === existing.name &&
      next.price === existing.price &&
      next.currency === existing.currency &&
      next.quantity === existing.quantity &&
      next.position === existing.position;
    if (!same) plan.updates.push({ id: existing.id, data: next });
  });
  plan.removeIds = live.filter((v) => !seen.has(v.id)).map((v) => v.id);
  plan.changed = plan.updates.length > 0 || plan.creates.length > 0 || plan.removeIds.length > 0;
  return plan;
}

async function applyTicketPlan(tx: Tx, productId: string, plan: TicketPlan): Promise<void> {
  if (plan.removeIds.length > 0) {
    await tx.productVariant.updateMany({
      where: { id: { in: plan.removeIds }, productId },
      data: { deletedAt: new Date() },
    });
  }
  for (const { id, data } of plan.updates) {
    await tx.productVariant.update({ where: { id }, data });
  }
  if (plan.creates.length > 0) {
    await tx.productVariant.createMany({ data: plan.creates.map((c) => ({ ...c, productId })) });
  }
}

/**
 * GET /product-event/:id/details: the event with its lineup and media, the ticket product,
 * and counts of posts (not deleted), guests on the list and guests checked in.
 */
export async function getEventDetails(
  db: Db,
  actor: Actor,
  eventId: string,
): Promise<EventDetails> {
  assertEventManager(actor);
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, ...managedBy(actor) },
    select: {
      ...eventViewSelect,
      lineups: { orderBy: [{ order: "asc" }, { id: "asc" }], select: lineupViewSelect },
      medias: { orderBy: [{ position: "asc" }, { id: "asc" }], select: mediaViewSelect },
    },
  });
  if (!event) throw eventNotFound(eventId);
  const { lineups, medias, ...row } = event;
  const liveGuests = { eventId, guest: { deletedAt: null } } satisfies Prisma.EventGuestToEventWhereInput;
  const [product, posts, guests, checkedIn, postSync, jobs] = await Promise.all([
    db.product.findFirst({
      where: { eventId, deletedAt: null, listingType: ListingType.TICKET },
      orderBy: { createdAt: "asc" },
      select: { ...productViewSelect, shopifyStatus: true, shopifyError: true, shopifySyncedAt: true },
    }),
    db.post.count({ where: { createFromEventId: eventId, deletedAt: null } }),
    db.eventGuestToEvent.count({ where: liveGuests }),
    db.eventGuestToEvent.count({ where: { ...liveGuests, status: EventGuestStatus.CHECKED_IN } }),
    readPostSyncSummary(db, eventId),
    readEventJobs(db, eventId),
  ]);
  if (!product) throw new Error(`event ${eventId} has no ticket product`);
  return {
    event: { ...toEventView(row), lineups: lineups.map(toLineupView), medias: medias.map(toMediaView) },
    product,
    stats: { posts, guests, checkedIn },
    postSync,
    jobs,
  };
}

/** The event's live posts counted by sync state, as postSyncState() tells each post's. */
async function readPostSyncSummary(db: Db, eventId: string): Promise<EventDetails["postSync"]> {
  const [row] = await db.$queryRaw<EventDetails["postSync"][]>`
    SELECT count(*) FILTER (WHERE p.sync_enabled AND p.synced_event_version >= e.version)::int AS current,
           count(*) FILTER (WHERE p.sync_enabled AND (p.synced_event_version IS NULL OR p.synced_event_version < e.version))::int AS behind,
           count(*) FILTER (WHERE NOT p.sync_enabled)::int AS off
      FROM "Post" p JOIN "Event" e ON e.id = p.create_from_event_id
     WHERE p.create_from_event_id = ${eventId}::uuid AND p.deleted_at IS NULL`;
  return row ?? { current: 0, behind: 0, off: 0 };
}

/** Failed and retrying background job runs about the event (in-process mode keeps them). */
async function readEventJobs(db: Db, eventId: string): Promise<EventDetails["jobs"]> {
  const aboutEvent = { payload: { path: ["eventId"], equals: eventId } } satisfies Prisma.JobRunWhereInput;
  const [failed, retrying, lastFailed, lastRetrying] = await Promise.all([
    db.jobRun.count({ where: { ...aboutEvent, status: JobRunStatus.FAILED } }),
    db.jobRun.count({ where: { ...aboutEvent, status: JobRunStatus.PENDING, lastError: { not: null } } }),
    db.jobRun.findFirst({
      where: { ...aboutEvent, status: JobRunStatus.FAILED },
      orderBy: [{ finishedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      select: { job: true, lastError: true, finishedAt: true },
    }),
    db.jobRun.findFirst({
      where: { ...aboutEvent, status: JobRunStatus.PENDING, lastError: { not: null } },
      orderBy: [{ availableAt: "desc" }, { id: "asc" }],
      select: { job: true, lastError: true },
    }),
  ]);
  const last = lastFailed ?? lastRetrying;
  return {
    failed,
    retrying,
    lastError: last
      ? {
          job: last.job,
          error: last.lastError ?? "failed",
          failedAt: lastFailed?.finishedAt ?? null,
          willRetry: !lastFailed,
        }
      : null,
  };
}

// Keyset cursor over (createdAt, id), newest first: opaque base64url of JSON.
const ZCursor = z.object({ c: z.iso.datetime(), i: z.uuid() });

function encodeCursor(post: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ c: post.createdAt.toISOString(), i: post.id })).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const parsed = ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { createdAt: new Date(parsed.c), id: parsed.i };
  } catch {
    throw invalid([{ path: "cursor", message: "is not a cursor from this list; pass the nextCursor of the previous page" }]);
  }
}

/** GET /product-event/:id/related-posts: the event's posts (any creator), newest first. */
export async function listRelatedPosts(
  db: Db,
  actor: Actor,
  eventId: string,
  query: TRelatedPostsQuery,
): Promise<RelatedPosts> {
  assertEventManager(actor);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, ...managedBy(actor) },
    select: { id: true },
  });
  if (!event) throw eventNotFound(eventId);
  const limit = query.limit ?? 20;
  const rows = await db.post.findMany({
    where: {
      createFromEventId: eventId,
      deletedAt: null,
      ...(after && {
        OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: postViewSelect,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    posts: page.map(toPostView),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
