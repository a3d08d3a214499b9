import { z } from "zod";

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
