// Prisma rows -> the product views of schema.ts, through explicit selects (Shopify ids and
// deletedAt never reach a caller).
import type { Prisma } from "../../generated/prisma/client";
import { ListingType } from "../../generated/prisma/enums";
import type { ProductView } from "./schema";

/** An event's ticket product: its oldest live TICKET product (there is one per event). */
export const ticketProductArgs = {
  where: { deletedAt: null, listingType: ListingType.TICKET },
  orderBy: { createdAt: "asc" },
  take: 1,
} satisfies Prisma.Event$productArgs;

export const liveVariantsArgs = {
  where: { deletedAt: null },
  orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  select: {
    id: true,
    name: true,
    price: true,
    currency: true,
    quantity: true,
    sold: true,
    held: true,
    saleStartsAt: true,
    saleEndsAt: true,
    maxPerOrder: true,
    position: true,
  },
} satisfies Prisma.Product$variantsArgs;

/** A product view's own columns (its variants are read, or known, separately). */
export const productColumnsSelect = {
  id: true,
  merchantId: true,
  eventId: true,
  title: true,
  listingType: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProductSelect;

export const productViewSelect = { ...productColumnsSelect, variants: liveVariantsArgs } satisfies Prisma.ProductSelect;

export function toProductView(row: Prisma.ProductGetPayload<{ select: typeof productViewSelect }>): ProductView {
  return row;
}

/** The product a `ticketProductArgs` read found; every event is created with one. */
export function theTicketProduct<T>(eventId: string, products: readonly T[] | T | null): T {
  const product = isList(products) ? products[0] : products;
  if (!product) throw new Error(`event ${eventId} has no ticket product`);
  return product;
}

function isList<T>(value: readonly T[] | T | null): value is readonly T[] {
  return Array.isArray(value);
}
