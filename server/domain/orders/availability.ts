// What a buyer can buy now: each live ticket type of a live event with what is left and
// whether it is on sale. placeOrder sells by the same rules (isOnSale, availableOf).
import type { Db } from "../../db/client";
import { readSaleEvent } from "../../db/sql/orders";
import { queryPrepared } from "../../db/sql/statement";
import { AppError } from "../../errors";
import { EventStatus } from "../../generated/prisma/enums";
import { ZStoredTaxConfig } from "../events/views";
import type { Availability, SaleState, TaxView, TPlaceOrderInput } from "./schema";

/** The live event and its live ticket types as selling reads them (with all of the event view: a free order's tickets mail shows the event). */
export async function findSaleEvent(db: Db, eventId: string) {
  const [row] = await queryPrepared(db, readSaleEvent({ eventId }));
  if (!row) throw new AppError("NOT_FOUND", `Event ${eventId} not found`);
  const { products, ...event } = row;
  return {
    ...event,
    product: products.map(({ currency, variants }) => ({
      merchant: { currency },
      variants: variants.map(({ saleStartsAt, saleEndsAt, ...variant }) => ({
        ...variant,
        saleStartsAt: saleStartsAt === null ? null : new Date(saleStartsAt),
        saleEndsAt: saleEndsAt === null ? null : new Date(saleEndsAt),
      })),
    })),
  };
}

export type SaleEvent = Awaited<ReturnType<typeof findSaleEvent>>;
export type SaleVariant = SaleEvent["product"][number]["variants"][number];

/** The event's tax when it charges one (a malformed stored config reads as none). */
export function eventTax(event: Pick<SaleEvent, "isTaxEnabled" | "taxConfig">): TaxView | null {
  return event.isTaxEnabled ? ZStoredTaxConfig.parse(event.taxConfig) : null;
}

/**
 * Whether a ticket type is on sale at `now`: the event is UPCOMING and now is inside
 * [saleStartsAt, saleEndsAt), where a missing start is "already" and a missing end is the
 * event's start.
 */
export function isOnSale(
  event: Pick<SaleEvent, "status" | "startDate">,
  variant: Pick<SaleVariant, "saleStartsAt" | "saleEndsAt">,
  now: Date,
): boolean {
  if (event.status !== EventStatus.UPCOMING) return false;
  const endsAt = variant.saleEndsAt ?? event.startDate;
  return (!variant.saleStartsAt || now >= variant.saleStartsAt) && now < endsAt;
}

export function availableOf(variant: Pick<SaleVariant, "quantity" | "sold" | "held">): number {
  return Math.max(0, variant.quantity - variant.sold - variant.held);
}

/** What is left of each ordered ticket type of this event (0 for one it does not have), and the types with too few. */
export function ticketsLeft(event: SaleEvent, input: TPlaceOrderInput) {
  const variants = new Map(event.product.flatMap((product) => product.variants).map((variant) => [variant.id, variant]));
  const found = input.items.map((item) => ({ item, variant: variants.get(item.variantId) }));
  return {
    available: found.map(({ item, variant }) => ({ variantId: item.variantId, available: variant ? availableOf(variant) : 0 })),
    /** Known types asked for within their maxPerOrder (anything else is for validation to answer). */
    short: found
      .filter(({ item, variant }) => variant && item.quantity <= variant.maxPerOrder && item.quantity > availableOf(variant))
      .map(({ variant }) => variant!.name),
  };
}

/** SOLD_OUT, with what is left of each ordered ticket type. */
export function soldOut({ available, short }: ReturnType<typeof ticketsLeft>): AppError {
  return new AppError("SOLD_OUT", `Not enough tickets left${short.length > 0 ? `: ${short.join(", ")}` : ""}`, { extra: { available } });
}

function saleState(event: SaleEvent, variant: SaleVariant, now: Date): SaleState {
  if (!isOnSale(event, variant, now)) return "NOT_ON_SALE";
  return availableOf(variant) > 0 ? "ON_SALE" : "SOLD_OUT";
}

/** GET /product-event/:id/availability (anyone): deleted events are NOT_FOUND, deleted ticket types absent. */
export async function getAvailability(db: Db, eventId: string, now: Date = new Date()): Promise<Availability> {
  const event = await findSaleEvent(db, eventId);
  const variants = event.product.flatMap((product) => product.variants);
  return {
    eventId: event.id,
    currency: variants[0]?.currency ?? event.product[0]?.merchant.currency ?? "EUR",
    tax: eventTax(event),
    variants: variants.map((variant) => ({
      variantId: variant.id,
      name: variant.name,
      price: variant.price,
      currency: variant.currency,
      available: availableOf(variant),
      state: saleState(event, variant, now),
      saleStartsAt: variant.saleStartsAt,
      saleEndsAt: variant.saleEndsAt,
      maxPerOrder: variant.maxPerOrder,
    })),
  };
}
