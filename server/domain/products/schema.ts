// Views of a product (an event's tickets): tRPC and REST alike; the OpenAPI document is
// generated from these. Money is integer minor units with its ISO 4217 currency.
import { z } from "zod";
import { ListingType, ProductStatus } from "../../generated/prisma/enums";

/** One ticket type. */
export const ZVariantView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Integer minor units: 2500 is 25.00. */
  price: z.int(),
  currency: z.string().length(3),
  /** Capacity: sold + held never exceed it. */
  quantity: z.int(),
  /** Tickets issued (paid, free and Shopify orders). */
  sold: z.int(),
  /** Tickets held by orders awaiting payment. */
  held: z.int(),
  /** On sale from (null: now) until (null: the event's start). */
  saleStartsAt: z.date().nullable(),
  saleEndsAt: z.date().nullable(),
  /** The most of this ticket type one order may buy. */
  maxPerOrder: z.int(),
  position: z.int(),
});
export type VariantView = z.infer<typeof ZVariantView>;

/** The event's ticket product; `variants` are its ticket types, in order. */
export const ZProductView = z.object({
  id: z.uuid(),
  merchantId: z.uuid(),
  eventId: z.uuid().nullable(),
  title: z.string(),
  listingType: z.enum(ListingType),
  /** ACTIVE while the event is UPCOMING; ARCHIVED when it is on hold, canceled or completed. */
  status: z.enum(ProductStatus),
  variants: z.array(ZVariantView),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ProductView = z.infer<typeof ZProductView>;
