// Prisma rows -> the view schemas in schema.ts, through explicit selects: a column that is
// not in a select never reaches a caller (deletedAt, messageInfo, Shopify ids, ...).
import { smsMaxLimitOf } from "../messages/schema";
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { ZAddressRevealConfigView, ZImageView, ZTaxConfigView, type EventView, type LineupView, type MediaView } from "./schema";

/** JSON columns are read leniently: a malformed value reads as "none" instead of failing. */
const ZStoredImages = z.array(ZImageView).catch([]);
const ZStoredImage = ZImageView.nullable().catch(null);
export const ZStoredAddressReveal = z
  .union([z.object({ revealAt: z.coerce.date() }), z.object({ hoursBeforeStart: z.int() })])
  .nullable()
  .catch(null);
export const ZStoredTaxConfig = ZTaxConfigView.nullable().catch(null);

export const eventViewSelect = {
  id: true,
  curatorId: true,
  status: true,
  title: true,
  startDate: true,
  endDate: true,
  timezone: true,
  venue: true,
  location: true,
  poster: true,
  allowAutoComplete: true,
  isAddressRevealEnabled: true,
  addressRevealConfig: true,
  isTaxEnabled: true,
  taxConfig: true,
  commissionType: true,
  commissionValue: true,
  reminderHoursBefore: true,
  messageInfo: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.EventSelect;

export type EventViewRow = Prisma.EventGetPayload<{ select: typeof eventViewSelect }>;

/** The event's commission columns as one value; null when it pays none. */
export function commissionView(row: Pick<EventViewRow, "commissionType" | "commissionValue">): EventView["commission"] {
  return row.commissionType && row.commissionValue !== null ? { type: row.commissionType, value: row.commissionValue } : null;
}

export function toEventView({ commissionType, commissionValue, messageInfo, ...row }: EventViewRow): EventView {
  return {
    ...row,
    messageInfo: { smsMaxLimit: smsMaxLimitOf(messageInfo) },
    commission: commissionView({ commissionType, commissionValue }),
    poster: ZStoredImages.parse(row.poster ?? []),
    addressRevealConfig: ZStoredAddressReveal.parse(row.addressRevealConfig) satisfies z.infer<typeof ZAddressRevealConfigView> | null,
    taxConfig: ZStoredTaxConfig.parse(row.taxConfig),
  };
}

export const lineupViewSelect = {
  id: true,
  title: true,
  introduction: true,
  poster: true,
  order: true,
  isHeadliner: true,
} satisfies Prisma.EventLineupSelect;

export function toLineupView(row: Prisma.EventLineupGetPayload<{ select: typeof lineupViewSelect }>): LineupView {
  return { ...row, poster: ZStoredImage.parse(row.poster) };
}

export const mediaViewSelect = {
  id: true,
  src: true,
  position: true,
  mediaType: true,
} satisfies Prisma.EventMediaSelect;

export function toMediaView(row: Prisma.EventMediaGetPayload<{ select: typeof mediaViewSelect }>): MediaView {
  return row;
}
