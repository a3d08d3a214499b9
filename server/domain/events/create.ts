// POST /product-event/v2: an event with its ticket product, its auto-post and its outbox
// message, all in one transaction.
import { DEFAULT_SMS_MAX_LIMIT } from "../messages/schema";
import type { Actor } from "../../auth/actor";
import { assertManagesEvents } from "../../auth/policy";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { EventStatus, ListingType, MediaType } from "../../generated/prisma/enums";
import { DEFAULT_REMINDER_HOURS, locationNoticeDueAt, reminderDueAt } from "../notices/schedule";
import { addToOutbox } from "../outbox/service";
import type { PostView } from "../posts/schema";
import { insertEventPost } from "../posts/service";
import type { ProductView } from "../products/schema";
import { productStatusFor } from "../products/status";
import { liveVariantsArgs, productColumnsSelect, toProductView } from "../products/views";
import { checkEventRules, jsonOrDbNull, lineupCreateData, lineupRows, storedAddressReveal } from "./fields";
import type { EventView, TCreateEventInput } from "./schema";
import { DEFAULT_MAX_PER_ORDER } from "./ticket-plan";
import { eventViewSelect, toEventView } from "./views";

/**
 * Validates, then writes in ONE transaction: Event (UPCOMING), EventMedia, EventLineup,
 * Product (TICKET, the curator's merchant), a ProductVariant per ticket, the auto-post with
 * its PostMedia (unless `createPost` is false), and the outbox row `event.created`. (The spec
 * writes the post after COMMIT; a crash there would lose it.)
 */
export async function createEvent(
  db: Db,
  actor: Actor,
  input: TCreateEventInput,
): Promise<{ event: EventView; post: PostView | null; product: ProductView }> {
  assertManagesEvents(actor);
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
  // 0 and null both mean "no reminder": stored as null, the one way to say it.
  const reminderHoursBefore = input.reminderHoursBefore === undefined ? DEFAULT_REMINDER_HOURS : input.reminderHoursBefore || null;
  const now = new Date();
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
        messageInfo: input.messageInfo ?? { smsMaxLimit: DEFAULT_SMS_MAX_LIMIT },
        isAddressRevealEnabled,
        addressRevealConfig: jsonOrDbNull(input.addressRevealConfig ? storedAddressReveal(input.addressRevealConfig) : null),
        isTaxEnabled,
        taxConfig: jsonOrDbNull(input.taxConfig ?? null),
        commissionType: input.commission?.type ?? null,
        commissionValue: input.commission?.value ?? null,
        reminderHoursBefore,
        reminderDueAt: reminderDueAt({ startDate: input.startDate, reminderHoursBefore }, now),
        locationNoticeDueAt: locationNoticeDueAt(
          { startDate: input.startDate, isAddressRevealEnabled, addressRevealConfig: input.addressRevealConfig ?? null },
          now,
        ),
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
        saleStartsAt: t.saleStartsAt ?? null,
        saleEndsAt: t.saleEndsAt ?? null,
        maxPerOrder: t.maxPerOrder ?? DEFAULT_MAX_PER_ORDER,
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
