import { listOwnPosts, listPromotableEvents } from "../../domain/feed/service";
import { POSTING_ROLES } from "../../auth/policy";
import { createTRPCRouter, roleProcedure } from "../init";

const poster = roleProcedure(...POSTING_ROLES);

export const feedRouter = createTRPCRouter({
  /** Upcoming events open for promotion, soonest first, with the caller's post from each. */
  events: poster.query(({ ctx }) => listPromotableEvents(ctx.db, ctx.actor)),
  /** The caller's own posts, newest first, with their event's status and version. */
  myPosts: poster.query(({ ctx }) => listOwnPosts(ctx.db, ctx.actor)),
});
