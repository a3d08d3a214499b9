import { ZCreatePostFromEventInput, ZToggleSyncInput } from "../../domain/posts/schema";
import { createPostFromEvent, toggleSync } from "../../domain/posts/service";
import { POSTING_ROLES } from "../../auth/policy";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../init";

export const postsRouter = createTRPCRouter({
  /** The caller's own post from an upcoming event (promoters: any curator's; curators: their own). */
  fromEvent: roleProcedure(...POSTING_ROLES)
    .input(ZCreatePostFromEventInput)
    .mutation(({ ctx, input }) => createPostFromEvent(ctx.db, ctx.actor, input)),

  /** Only the post's creator; turning sync on brings the post to the event's current version. */
  toggleSync: protectedProcedure.input(ZToggleSyncInput).mutation(({ ctx, input }) => toggleSync(ctx.db, ctx.actor, input)),
});
