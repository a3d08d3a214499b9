import { z } from "zod";
import { ZMessageInfo, ZSmsMaxLimit } from "../messages/schema";
import { CommissionType, EventStatus, MediaType, ShopifyStatus } from "../../generated/prisma/enums";
import { ZDateTime } from "../dates";
import { ZSalesSums } from "../orders/sales-schema";
import { ZPostView } from "../posts/schema";
import { ZEventJobsView } from "../jobs/schema";
import { ZProductView } from "../products/schema";

/** A ticket price range in integer minor units (2500 is 25.00) of one ISO 4217 currency. */
export const ZPriceRange = z.object({
  min: z.number().int().nonnegative(),
  max: z.number().int().nonnegative(),
  currency: z.string().length(3),
});
export type TPriceRange = z.infer<typeof ZPriceRange>;

/** One card on the home page: what a list of upcoming events needs, nothing more. */
export const ZHomeEvent = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(EventStatus),
  startDate: z.date(),
  endDate: z.date().nullable(),
  /** IANA zone the event's times are shown in. */
  timezone: z.string(),
  venue: z.string(),
  curatorName: z.string(),
  posterSrc: z.string().nullable(),
  /** Null when the event has no ticket types left. */
  price: ZPriceRange.nullable(),
});
export type HomeEvent = z.infer<typeof ZHomeEvent>;

// ---- Create and update (POST /product-event/v2, PUT /product-event/:id, and tRPC) ----
// Objects are strict: an unknown field such as `status` on create, `curatorId` or `version`
// is refused with its name, so nothing can be mass-assigned.

const ZTimeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: "must be an IANA time zone such as Europe/Berlin" },
);

const ZCurrency = z.string().regex(/^[A-Z]{3}$/, { error: "must be an ISO 4217 code such as EUR" });

/** A poster or cover image: an absolute https URL or a path served by this app. */
export const ZImage = z.strictObject({
  src: z
    .string()
    .max(2048)
    .refine((src) => /^https?:\/\/[^\s]+$/.test(src) || /^\/[^\s]*$/.test(src), {
      error: "must be an http(s) URL or a path starting with /",
    }),
});

const ticketFields = {
  name: z.string().trim().min(1).max(100),
  /** Integer minor units: 2500 is 25.00. */
  price: z.int().min(0).max(100_000_000),
  currency: ZCurrency.optional(),
  /** Capacity: never below what is sold and held. */
  quantity: z.int().min(0).max(1_000_000),
  /** On sale from (null: now); an update that leaves it out keeps the ticket's own. */
  saleStartsAt: ZDateTime.nullable().optional(),
  /** On sale until (null: until the event starts); after saleStartsAt. */
  saleEndsAt: ZDateTime.nullable().optional(),
  /** The most of this ticket type one order may buy (default 10). */
  maxPerOrder: z.int().min(1).max(100).optional(),
};

/** A sale window's end after its start, named on `saleEndsAt` (dates already refused say why themselves). */
export function saleWindowInOrder(value: { saleStartsAt?: Date | null; saleEndsAt?: Date | null }, ctx: z.RefinementCtx) {
  if (value.saleStartsAt && value.saleEndsAt && value.saleEndsAt <= value.saleStartsAt) {
    ctx.addIssue({ code: "custom", path: ["saleEndsAt"], message: "must be after saleStartsAt" });
  }
}

export const ZTicketInput = z.strictObject(ticketFields).superRefine(saleWindowInOrder);

export const ZLineupInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  introduction: z.string().trim().max(5000).optional(),
  poster: ZImage.optional(),
  order: z.int().min(0).max(10_000).optional(),
  isHeadliner: z.boolean().optional(),
});

export const ZAddressRevealConfig = z.union([
  z.strictObject({ revealAt: ZDateTime }),
  z.strictObject({
    hoursBeforeStart: z
      .int()
      .min(0)
      .max(24 * 60),
  }),
]);

/**
 * What a promoter earns per ticket sold through their post: PERCENT in basis points (1000 is
 * 10 %) of the price before tax, FIXED in minor units per ticket.
 */
export const ZCommission = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal(CommissionType.PERCENT), value: z.int().min(0).max(10_000) }),
  z.strictObject({ type: z.literal(CommissionType.FIXED), value: z.int().min(0).max(100_000_000) }),
]);
export type TCommission = z.infer<typeof ZCommission>;

export const ZTaxConfig = z.strictObject({
  label: z.string().trim().min(1).max(60),
  /** Basis points: 1900 is 19 %. */
  rateBasisPoints: z.int().min(0).max(10_000),
  /** Whether ticket prices already include the tax. */
  included: z.boolean(),
});

const eventFields = {
  title: z.string().trim().min(1).max(200),
  startDate: ZDateTime,
  endDate: ZDateTime.nullable().optional(),
  timezone: ZTimeZone.optional(),
  venue: z.string().trim().min(1).max(200),
  location: z.string().trim().min(1).max(500),
  poster: z.array(ZImage).max(10).optional(),
  lineups: z.array(ZLineupInput).max(100).optional(),
  allowAutoComplete: z.boolean().optional(),
  isAddressRevealEnabled: z.boolean().optional(),
  addressRevealConfig: ZAddressRevealConfig.nullable().optional(),
  isTaxEnabled: z.boolean().optional(),
  taxConfig: ZTaxConfig.nullable().optional(),
  /** The promoters' commission; null (or left out on create) pays none. */
  commission: ZCommission.nullable().optional(),
  /** Hours before the start the guests' reminder mail goes (default 24); null or 0: no reminder. */
  reminderHoursBefore: z
    .int()
    .min(0)
    .max(24 * 30)
    .nullable()
    .optional(),
  /** Messages to guests: `smsMaxLimit` is the most SMS one guest gets for this event (default 3). */
  messageInfo: z.strictObject({ smsMaxLimit: ZSmsMaxLimit }).optional(),
};

export function endAfterStart(value: { startDate?: Date; endDate?: Date | null }, ctx: z.RefinementCtx) {
  // A refused date already says why; comparing it too would name the field twice.
  if (ctx.issues.some((issue) => issue.path?.[0] === "startDate" || issue.path?.[0] === "endDate")) return;
  if (value.startDate && value.endDate && value.endDate <= value.startDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "must be after startDate" });
  }
}

export const ZCreateEventInput = z
  .strictObject({
    ...eventFields,
    tickets: z.array(ZTicketInput).min(1, { error: "at least one ticket type is required" }).max(50),
    /** Also create the curator's own post for promoters to share (default true). */
    createPost: z.boolean().default(true),
  })
  .superRefine(endAfterStart);
export type TCreateEventInput = z.infer<typeof ZCreateEventInput>;

/** A ticket in an update: with an `id` it changes that ticket, without one it is added. */
export const ZTicketUpdate = z.strictObject({ ...ticketFields, id: z.uuid().optional() }).superRefine(saleWindowInOrder);

/**
 * The fields of PUT /product-event/:id, without the cross-field check: transports that add
 * members (tRPC's `id`) extend this and apply `endAfterStart` themselves.
 */
export const ZUpdateEventFields = z.strictObject({
  title: eventFields.title.optional(),
  startDate: eventFields.startDate.optional(),
  endDate: eventFields.endDate,
  timezone: eventFields.timezone,
  venue: eventFields.venue.optional(),
  location: eventFields.location.optional(),
  poster: eventFields.poster,
  lineups: eventFields.lineups,
  allowAutoComplete: eventFields.allowAutoComplete,
  isAddressRevealEnabled: eventFields.isAddressRevealEnabled,
  addressRevealConfig: eventFields.addressRevealConfig,
  isTaxEnabled: eventFields.isTaxEnabled,
  taxConfig: eventFields.taxConfig,
  commission: eventFields.commission,
  reminderHoursBefore: eventFields.reminderHoursBefore,
  messageInfo: eventFields.messageInfo,
  /** The full list of tickets after the update: tickets left out are removed. */
  tickets: z.array(ZTicketUpdate).min(1, { error: "at least one ticket type is required" }).max(50).optional(),
  /** Moves the event through its status diagram (see status.ts). */
  status: z.enum(EventStatus).optional(),
});

export const ZUpdateEventInput = ZUpdateEventFields.superRefine(endAfterStart);
export type TUpdateEventInput = z.infer<typeof ZUpdateEventInput>;

export const ZEventId = z.strictObject({ id: z.uuid({ error: "must be a UUID" }) });

export const ZRelatedPostsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type TRelatedPostsQuery = z.infer<typeof ZRelatedPostsQuery>;

// ---- Views: what the services answer (tRPC and REST alike; the OpenAPI document is
// generated from these). Money is integer minor units with its ISO 4217 currency; times are
// instants (serialized as ISO 8601), shown in the event's `timezone`.

/** A poster or cover image as stored: `{ src }`. */
export const ZImageView = z.object({ src: z.string() });
export type ImageView = z.infer<typeof ZImageView>;

export const ZAddressRevealConfigView = z.union([z.object({ revealAt: z.date() }), z.object({ hoursBeforeStart: z.int() })]);

export const ZTaxConfigView = z.object({
  label: z.string(),
  /** Basis points: 1900 is 19 %. */
  rateBasisPoints: z.int(),
  included: z.boolean(),
});

/**
 * An event as its curator (or an admin) sees it. `location` is in here: these views only
 * go to the event's curator and admins, never to promoters or the public (address reveal).
 */
export const ZEventView = z.object({
  id: z.uuid(),
  curatorId: z.uuid(),
  status: z.enum(EventStatus),
  title: z.string(),
  startDate: z.date(),
  endDate: z.date().nullable(),
  /** IANA zone the event's times are shown in. */
  timezone: z.string(),
  venue: z.string(),
  location: z.string(),
  /** Poster images, in order (the same images as `medias`). */
  poster: z.array(ZImageView),
  allowAutoComplete: z.boolean(),
  isAddressRevealEnabled: z.boolean(),
  addressRevealConfig: ZAddressRevealConfigView.nullable(),
  isTaxEnabled: z.boolean(),
  taxConfig: ZTaxConfigView.nullable(),
  /** The promoters' commission (PERCENT in basis points, FIXED in minor units per ticket); null pays none. */
  commission: z.object({ type: z.enum(CommissionType), value: z.int() }).nullable(),
  /** Hours before the start the guests' reminder mail goes; null: no reminder. */
  reminderHoursBefore: z.int().nullable(),
  /** Messages to guests: the most SMS one guest gets for this event. */
  messageInfo: ZMessageInfo,
  /**
   * Goes up by one with every change to what posts show (title, venue, dates, poster,
   * ticket types); a post's `syncedEventVersion` equal to it means the post is current.
   */
  version: z.int().positive(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type EventView = z.infer<typeof ZEventView>;

/** DELETE /product-event/:id's answer: the event is gone from every read from now on. */
export const ZEventDeleted = z.object({ event: z.object({ id: z.uuid(), deletedAt: z.date() }) });

export const ZLineupView = z.object({
  id: z.uuid(),
  title: z.string(),
  introduction: z.string().nullable(),
  poster: ZImageView.nullable(),
  order: z.int(),
  isHeadliner: z.boolean(),
});
export type LineupView = z.infer<typeof ZLineupView>;

export const ZMediaView = z.object({
  id: z.uuid(),
  src: z.string(),
  position: z.int(),
  mediaType: z.enum(MediaType),
});
export type MediaView = z.infer<typeof ZMediaView>;

export const ZEventDetailsView = ZEventView.extend({
  lineups: z.array(ZLineupView),
  medias: z.array(ZMediaView),
});
export type EventDetailsView = z.infer<typeof ZEventDetailsView>;

export const ZEventStats = z.object({
  /** Posts made from the event (the curator's and promoters'), deleted ones not counted. */
  posts: z.int(),
  /** Guests on the event's list. */
  guests: z.int(),
  checkedIn: z.int(),
});

/** The ticket product with where it stands in the merchant's Shopify store. */
export const ZProductDetailsView = ZProductView.extend({
  /** SYNCED, SKIPPED (no store connected) or FAILED; null until the first push ran. */
  shopifyStatus: z.enum(ShopifyStatus).nullable(),
  /** Why the last push failed (also while a retry is on its way); null after a success. */
  shopifyError: z.string().nullable(),
  shopifySyncedAt: z.date().nullable(),
});
export type ProductDetailsView = z.infer<typeof ZProductDetailsView>;

/** The event's posts (deleted ones not counted) by sync state; each post says its own `syncState`. */
export const ZPostSyncSummary = z.object({
  /** Synced to the event's current version. */
  current: z.int(),
  /** Sync on, an update not applied yet (the background post sync is on its way). */
  behind: z.int(),
  /** Sync turned off by the post's creator. */
  off: z.int(),
});

/** GET /product-event/:id/details */
export const ZEventDetails = z.object({
  event: ZEventDetailsView,
  product: ZProductDetailsView,
  stats: ZEventStats,
  postSync: ZPostSyncSummary,
  jobs: ZEventJobsView,
});
export type EventDetails = z.infer<typeof ZEventDetails>;

/** POST /product-event/v2: `post` is null when the request turned the auto-post off. */
export const ZCreateEventResult = z.object({
  event: ZEventView,
  post: ZPostView.nullable(),
  product: ZProductView,
});
export type CreateEventResult = z.infer<typeof ZCreateEventResult>;

/** PUT /product-event/:id */
export const ZUpdateEventResult = z.object({ event: ZEventView, product: ZProductView });
export type UpdateEventResult = z.infer<typeof ZUpdateEventResult>;

/** GET /product-event/:id/related-posts: newest first; pass `nextCursor` for the next page. */
export const ZRelatedPosts = z.object({
  /** Each with what it sold: paid orders through its share link, their tickets, revenue and the promoter's commission. */
  posts: z.array(ZPostView.extend({ sales: ZSalesSums })),
  nextCursor: z.string().nullable(),
});
export type RelatedPosts = z.infer<typeof ZRelatedPosts>;
