// PUT /product-event/:id: a partial update of an event, its media, lineup and ticket types,
// and its status, in one transaction holding the event row.
import { randomUUID } from "node:crypto";
import { smsMaxLimitOf } from "../messages/schema";
import type { Actor } from "../../auth/actor";
import { assertManagesEvents } from "../../auth/policy";
import { canonicalJson, sameJson } from "../../canonical-json";
import type { Db, Tx } from "../../db/client";
import { lockManagedEvent as lockManagedEventStatement } from "../../db/sql/events";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { MediaType } from "../../generated/prisma/enums";
import { locationNoticeDueAt, reminderDueAt } from "../notices/schedule";
import type { TEventMove, TSyncCategory } from "../outbox/messages";
import { addToOutbox } from "../outbox/service";
import type { ProductView } from "../products/schema";
import { productStatusFor } from "../products/status";
import { productViewSelect, theTicketProduct, ticketProductArgs, toProductView } from "../products/views";
import { checkEventRules, eventNotFound, jsonOrDbNull, lineupCreateData, lineupRows, storedAddressReveal, type LineupRow } from "./fields";
import type { EventView, TUpdateEventInput } from "./schema";
import { assertTransition, isFinalStatus } from "./status";
import { applyTicketPlan, assertCapacityCoversSales, planTickets } from "./ticket-plan";
import { commissionView, eventViewSelect, toEventView, ZStoredAddressReveal } from "./views";

async function readEventView(tx: Tx, eventId: string): Promise<EventView> {
  return toEventView(await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: eventViewSelect }));
}

async function readProductView(tx: Tx, eventId: string): Promise<ProductView> {
  const product = await tx.product.findFirst({
    where: { eventId, ...ticketProductArgs.where },
    orderBy: ticketProductArgs.orderBy,
    select: productViewSelect,
  });
  return toProductView(theTicketProduct(eventId, product));
}

/** The event row, locked for this transaction; 404 when the actor does not manage it. */
async function lockManagedEvent(tx: Tx, actor: Actor, eventId: string): Promise<{ version: number }> {
  const [row] = await query(tx, lockManagedEventStatement({ eventId, actor }));
  if (!row) throw eventNotFound(eventId);
  return row;
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
  assertManagesEvents(actor);
  return db.$transaction(async (tx) => {
    const locked = await lockManagedEvent(tx, actor, eventId);
    const current = await tx.event.findUniqueOrThrow({
      where: { id: eventId },
      select: {
        ...eventViewSelect,
        medias: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { src: true } },
        lineups: { select: { title: true, introduction: true, poster: true, order: true, isHeadliner: true } },
        product: {
          ...ticketProductArgs,
          select: { ...productViewSelect, merchant: { select: { currency: true } } },
        },
      },
    });
    const product = theTicketProduct(eventId, current.product);

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
      data.addressRevealConfig = jsonOrDbNull(merged.addressRevealConfig);
    }
    if (input.messageInfo !== undefined && input.messageInfo.smsMaxLimit !== smsMaxLimitOf(current.messageInfo)) {
      data.messageInfo = input.messageInfo;
    }
    if (input.isTaxEnabled !== undefined && input.isTaxEnabled !== current.isTaxEnabled) {
      data.isTaxEnabled = input.isTaxEnabled;
    }
    if (input.taxConfig !== undefined && !sameJson(input.taxConfig, current.taxConfig)) {
      data.taxConfig = jsonOrDbNull(input.taxConfig ?? null);
    }
    if (input.commission !== undefined && !sameJson(input.commission, commissionView(current))) {
      data.commissionType = input.commission?.type ?? null;
      data.commissionValue = input.commission?.value ?? null;
    }
    // 0 and null both mean "no reminder": stored as null.
    const reminderHoursBefore = input.reminderHoursBefore === undefined ? current.reminderHoursBefore : input.reminderHoursBefore || null;
    if (reminderHoursBefore !== current.reminderHoursBefore) data.reminderHoursBefore = reminderHoursBefore;

    // -- The guests' mails: their reminder and location mails follow the new times (a moment
    // still ahead is scheduled again, so a postponed event reminds its guests again), and a
    // change of time or place tells them (event.moved).
    const now = new Date();
    if (data.startDate !== undefined || data.reminderHoursBefore !== undefined) {
      data.reminderDueAt = reminderDueAt({ startDate: merged.startDate, reminderHoursBefore }, now);
    }
    if (data.startDate !== undefined || data.isAddressRevealEnabled !== undefined || data.addressRevealConfig !== undefined) {
      data.locationNoticeDueAt = locationNoticeDueAt({ ...merged, addressRevealConfig: ZStoredAddressReveal.parse(merged.addressRevealConfig) }, now);
    }
    const moves: TEventMove[] = [
      ...(data.startDate !== undefined || data.endDate !== undefined ? (["time"] as const) : []),
      ...(data.venue !== undefined ? (["venue"] as const) : []),
      ...(data.location !== undefined ? (["location"] as const) : []),
    ];

    // -- Poster (replaces the media) and lineup (replaces the list).
    const newPoster = input.poster?.map((p) => ({ src: p.src }));
    const posterChanged =
      newPoster !== undefined &&
      !sameJson(
        newPoster.map((p) => p.src),
        current.medias.map((m) => m.src),
      );
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

    const syncCategories: TSyncCategory[] = [...(metadata ? (["metadata"] as const) : []), ...(variants ? (["variants"] as const) : [])];
    const version = syncCategories.length > 0 ? locked.version + 1 : locked.version;

    if (ticketPlan?.changed) await assertCapacityCoversSales(tx, product.id, ticketPlan, input.tickets!);

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
    if (data.title !== undefined && product.title !== data.title) productData.title = data.title;
    if (statusChanged && productStatusFor(input.status!) !== product.status) {
      productData.status = productStatusFor(input.status!);
    }
    if (Object.keys(productData).length > 0) {
      await tx.product.update({ where: { id: product.id }, data: productData });
    }

    if (syncCategories.length > 0) {
      await addToOutbox(tx, "event.updated", { eventId, version, syncCategories });
    }
    if (moves.length > 0) await addToOutbox(tx, "event.moved", { eventId, changeId: randomUUID(), changes: moves });
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
