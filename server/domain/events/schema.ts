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
