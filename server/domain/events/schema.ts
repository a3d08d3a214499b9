import { z } from "zod";
import { EventStatus } from "../../generated/prisma/enums";

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

const ZDateTime = z
  .iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with an offset, e.g. 2026-12-31T22:00:00+01:00" })
  .transform((value) => new Date(value));

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

export const ZTicketInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Integer minor units: 2500 is 25.00. */
  price: z.int().min(0).max(100_000_000),
  currency: ZCurrency.optional(),
  quantity: z.int().min(0).max(1_000_000),
});

export const ZLineupInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  introduction: z.string().trim().max(5000).optional(),
  poster: ZImage.optional(),
  order: z.int().min(0).max(10_000).optional(),
  isHeadliner: z.boolean().optional(),
});

export const ZAddressRevealConfig = z.union([
  z.strictObject({ revealAt: ZDateTime }),
  z.strictObject({ hoursBeforeStart: z.int().min(0).max(24 * 60) }),
]);

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
};

function endAfterStart(value: { startDate?: Date; endDate?: Date | null }, ctx: z.RefinementCtx) {
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
export const ZTicketUpdate = ZTicketInput.extend({ id: z.uuid().optional() });

export const ZUpdateEventInput = z
  .strictObject({
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
    /** The full list of tickets after the update: tickets left out are removed. */
    tickets: z.array(ZTicketUpdate).min(1, { error: "at least one ticket type is required" }).max(50).optional(),
    /** Moves the event through its status diagram (see status.ts). */
    status: z.enum(EventStatus).optional(),
  })
  .superRefine(endAfterStart);
export type TUpdateEventInput = z.infer<typeof ZUpdateEventInput>;

export const ZEventId = z.strictObject({ id: z.uuid({ error: "must be a UUID" }) });

export const ZRelatedPostsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type TRelatedPostsQuery = z.infer<typeof ZRelatedPostsQuery>;

/** Which parts of the event's posts an update touches (spec section 6). */
export const ZSyncCategory = z.enum(["metadata", "variants"]);
export type TSyncCategory = z.infer<typeof ZSyncCategory>;
