import { listHomeEvents } from "../../domain/events/service";
import { createTRPCRouter, protectedProcedure } from "../init";

export const eventsRouter = createTRPCRouter({
  /** The signed-in user's home page: upcoming events, soonest first. */
  home: protectedProcedure.query(({ ctx }) => listHomeEvents(ctx.db, ctx.actor)),
});
