import { getPublicPost, ZPostSlug } from "../../domain/feed/public-post";
import { createTRPCRouter, publicProcedure } from "../init";

export const publicPostsRouter = createTRPCRouter({
  /** The post behind a share link /p/<slug>, for anyone: the address only once revealed. */
  bySlug: publicProcedure.input(ZPostSlug).query(({ ctx, input }) => getPublicPost(ctx.db, input.slug)),
});
