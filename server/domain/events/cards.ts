// An event card: what the home page, the curator's list and the feed show of an event at a
// glance, read the same way by each.
import type { Prisma } from "../../generated/prisma/client";
import { MediaType } from "../../generated/prisma/enums";
import type { TPriceRange } from "./schema";

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
export function priceRange(variants: ReadonlyArray<{ price: number; currency: string; position?: number }>): TPriceRange | null {
  if (variants.length === 0) return null;
  const ordered = [...variants].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const counts = new Map<string, number>();
  for (const v of ordered) counts.set(v.currency, (counts.get(v.currency) ?? 0) + 1);
  let currency = ordered[0]!.currency;
  for (const [code, count] of counts) if (count > counts.get(currency)!) currency = code;
  const prices = ordered.filter((v) => v.currency === currency).map((v) => v.price);
  return { min: Math.min(...prices), max: Math.max(...prices), currency };
}
