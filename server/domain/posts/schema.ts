import { z } from "zod";
import { MediaType, PostType } from "../../generated/prisma/enums";

export const ZCreatePostFromEventInput = z.strictObject({
  eventId: z.uuid({ error: "must be a UUID" }),
  caption: z.string().trim().max(2000).optional(),
  /** Keep the post in step with the event as it changes (default true). */
  syncEnabled: z.boolean().default(true),
});
export type TCreatePostFromEventInput = z.infer<typeof ZCreatePostFromEventInput>;

export const ZToggleSyncInput = z.strictObject({
  postId: z.uuid({ error: "must be a UUID" }),
  syncEnabled: z.boolean(),
});
export type TToggleSyncInput = z.infer<typeof ZToggleSyncInput>;

// ---- Views (tRPC and REST alike; the OpenAPI document is generated from these).

/** A ticket type's price as the post shows it; integer minor units with the currency. */
export const ZTicketPriceView = z.object({
  variantId: z.uuid(),
  name: z.string(),
  /** Integer minor units: 2500 is 25.00. */
  price: z.int(),
  currency: z.string().length(3),
});
export type TicketPriceView = z.infer<typeof ZTicketPriceView>;

export const ZPostMediaView = z.object({
  id: z.uuid(),
  src: z.string(),
  position: z.int(),
  mediaType: z.enum(MediaType),
});
export type PostMediaView = z.infer<typeof ZPostMediaView>;

export const ZPostSyncState = z.enum(["current", "behind", "off"]);
export type PostSyncState = z.infer<typeof ZPostSyncState>;

/**
 * A post. For posts made from an event, `headline`, `title`, `subTitle` (venue and the
 * event's local date; never the address), `coverImages`, `media` and `ticketPrices` follow
 * the event while `syncEnabled`, as of event version `syncedEventVersion`.
 */
export const ZPostView = z.object({
  id: z.uuid(),
  creatorId: z.uuid(),
  creatorName: z.string(),
  postType: z.enum(PostType),
  createFromEventId: z.uuid().nullable(),
  /** Short public id: the share link is /p/<slug>. */
  slug: z.string(),
  headline: z.string(),
  title: z.string(),
  subTitle: z.string(),
  caption: z.string().nullable(),
  coverImages: z.array(z.object({ src: z.string() })),
  ticketPrices: z.array(ZTicketPriceView),
  syncEnabled: z.boolean(),
  syncedEventVersion: z.int().nullable(),
  /**
   * Where the post stands with its event: `current` (synced to the event's version),
   * `behind` (sync on, an update still on its way: the background post sync catches it up),
   * `off` (sync turned off, or not made from an event).
   */
  syncState: ZPostSyncState,
  syncedAt: z.date().nullable(),
  media: z.array(ZPostMediaView),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PostView = z.infer<typeof ZPostView>;

/** POST /posts/curator/from-event and /posts/curator/toggle-sync */
export const ZPostResult = z.object({ post: ZPostView });
