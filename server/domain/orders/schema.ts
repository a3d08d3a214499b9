// Orders: the buyer's input (REST and tRPC validate with this same schema) and the views the
// buyer, the order page and the sales views read (the OpenAPI document is generated from them).
// Objects are strict, so an unknown member is refused with its name rather than ignored.
import { z } from "zod";
import { OrderStatus } from "../../generated/prisma/enums";
import { ZTaxConfigView } from "../events/schema";
import { toE164 } from "../guests/normalize";
import { ZGuestEmail, ZPersonName, ZPhoneInput } from "../guests/schema";

/** Most ticket types one order may buy. */
export const MAX_ORDER_ITEMS = 20;

const ZOrderItemInput = z.strictObject({
  variantId: z.uuid({ error: "must be a UUID" }),
  /** Tickets of this type; at most the type's maxPerOrder. */
  quantity: z.int({ error: "must be a whole number" }).min(1, { error: "must be at least 1" }),
});

/** A buyer's phone in E.164; international form only (a buyer page has no country to read a national number as). */
const ZBuyerPhone = ZPhoneInput.transform((raw, ctx) => {
  const phone = toE164(raw);
  if (!phone.ok) {
    ctx.addIssue({ code: "custom", message: phone.message, input: raw });
    return z.NEVER;
  }
  return phone.e164;
});

export const ZBuyerInput = z.strictObject({
  firstName: ZPersonName,
  lastName: ZPersonName,
  /** Where the tickets are sent; the buyer's entry in the curator's guest book is found by it. */
  email: ZGuestEmail,
  phoneNumber: ZBuyerPhone.optional(),
});

/** POST /product-event/:id/orders. */
export const ZPlaceOrderInput = z.strictObject({
  items: z
    .array(ZOrderItemInput)
    .min(1, { error: "must hold at least one ticket type" })
    .max(MAX_ORDER_ITEMS, { error: `must hold at most ${MAX_ORDER_ITEMS} ticket types` })
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.variantId)) {
          ctx.addIssue({ code: "custom", path: [index, "variantId"], message: "is repeated: give each ticket type once with its quantity" });
        }
        seen.add(item.variantId);
      });
    }),
  buyer: ZBuyerInput,
  /**
   * The slug of the post whose share link the buyer came from (attribution). Any text is
   * accepted and an unknown one is ignored: a mistyped link must never stop a sale.
   */
  ref: z.string().trim().max(200).optional(),
});
export type TPlaceOrderInput = z.infer<typeof ZPlaceOrderInput>;

export const ZOrderId = z.strictObject({ orderId: z.uuid({ error: "must be a UUID" }) });
export const ZAvailabilityQuery = z.strictObject({ eventId: z.uuid({ error: "must be a UUID" }) });

export const ZOrderItemView = z.object({
  variantId: z.uuid(),
  /** The ticket type's name when ordered. */
  name: z.string(),
  /** Minor units, as the ticket type was priced when ordered. */
  unitPrice: z.int(),
  quantity: z.int(),
});

export const ZOrderTicketView = z.object({
  /** What the ticket's QR code holds; the ticket page is /t/<code>. */
  code: z.string(),
  variantId: z.uuid(),
  variantName: z.string(),
});

/** An order as its buyer sees it; money in minor units of `currency`. */
export const ZOrderView = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  status: z.enum(OrderStatus),
  currency: z.string(),
  subtotal: z.int(),
  tax: z.int(),
  total: z.int(),
  /** What the promoter earns on it; only in views for the curator and the promoter. */
  commission: z.int().optional(),
  /** Until when the tickets are held for payment (PENDING_PAYMENT); null otherwise. */
  expiresAt: z.date().nullable(),
  /** Where the buyer pays (PENDING_PAYMENT); null otherwise. */
  checkoutUrl: z.string().nullable(),
  buyer: z.object({ firstName: z.string(), lastName: z.string(), email: z.string() }),
  items: z.array(ZOrderItemView),
  /** One per ticket, each admitted once at the door; empty until PAID. */
  tickets: z.array(ZOrderTicketView),
});
export type OrderView = z.infer<typeof ZOrderView>;

/** POST /product-event/:id/orders answers `{ order }`. */
export const ZPlacedOrder = z.object({ order: ZOrderView });

/** What a SOLD_OUT problem carries besides the problem's own members. */
export const ZSoldOutAnswer = z.object({
  available: z.array(z.object({ variantId: z.uuid(), available: z.int() })),
});

/** The event's tax as buyers see it (the event's taxConfig). */
export const ZTaxView = ZTaxConfigView;
export type TaxView = z.infer<typeof ZTaxView>;

export const ZSaleState = z.enum(["ON_SALE", "SOLD_OUT", "NOT_ON_SALE"]);
export type SaleState = z.infer<typeof ZSaleState>;

export const ZVariantAvailability = z.object({
  variantId: z.uuid(),
  name: z.string(),
  price: z.int(),
  currency: z.string(),
  /** Tickets neither sold nor held right now (never below 0). */
  available: z.int(),
  state: ZSaleState,
  saleStartsAt: z.date().nullable(),
  /** Null: until the event starts. */
  saleEndsAt: z.date().nullable(),
  maxPerOrder: z.int(),
});

/** GET /product-event/:id/availability: what a buyer can buy now. */
export const ZAvailability = z.object({
  eventId: z.uuid(),
  currency: z.string(),
  /** The event's tax, when it charges one. */
  tax: ZTaxView.nullable(),
  variants: z.array(ZVariantAvailability),
});
export type Availability = z.infer<typeof ZAvailability>;
