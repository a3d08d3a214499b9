import { z } from "zod";
import { EventStatus } from "../../generated/prisma/enums";
import { ZPriceRange } from "../events/schema";
import { ZSalesSums } from "../orders/sales-schema";
import { ZPostView } from "../posts/schema";

/** An event a promoter may post from: upcoming, not over, any curator's. */
export const ZPromotableEvent = z.object({
  id: z.uuid(),
  title: z.string(),
  startDate: z.date(),
  endDate: z.date().nullable(),
  timezone: z.string(),
  venue: z.string(),
  /** Null while the event's address is held back (address reveal). */
  location: z.string().nullable(),
  curatorName: z.string(),
  posterSrc: z.string().nullable(),
  price: ZPriceRange.nullable(),
  headliners: z.array(z.string()),
  /** The caller's newest post from this event, if they made one. */
  myPost: z.object({ id: z.uuid(), slug: z.string() }).nullable(),
  /** The caller accepted an invitation to promote this event (it comes first in the feed). */
  invited: z.boolean(),
});
export type PromotableEvent = z.infer<typeof ZPromotableEvent>;

/** The event a post was made from, as far as its sync state needs it. */
export const ZPostEventRef = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(EventStatus),
  version: z.int(),
  startDate: z.date(),
  timezone: z.string(),
});

/** One of the caller's own posts, with its event. */
export const ZOwnPost = z.object({
  post: ZPostView,
  event: ZPostEventRef.nullable(),
  /** What the post sold (paid orders through its share link) and the commission it earned. */
  sales: ZSalesSums,
  /** The currency of the event's ticket types (the sales' money); null when the event is gone. */
  currency: z.string().length(3).nullable(),
});
export type OwnPost = z.infer<typeof ZOwnPost>;
