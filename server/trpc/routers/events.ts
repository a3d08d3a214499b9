import { z } from "zod";
import { endAfterStart, ZCreateEventInput, ZEventId, ZRelatedPostsQuery, ZUpdateEventFields } from "../../domain/events/schema";
import { EVENT_MANAGER_ROLES } from "../../auth/policy";
import { createEvent } from "../../domain/events/create";
import { deleteEvent, eventDeletion } from "../../domain/events/delete";
import { getEventDetails } from "../../domain/events/details";
import { listHomeEvents } from "../../domain/events/home";
import { listManagedEvents } from "../../domain/events/list";
import { listRelatedPosts } from "../../domain/events/related-posts";
import { updateEvent } from "../../domain/events/update";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../init";

const eventManager = roleProcedure(...EVENT_MANAGER_ROLES);

/** `{ id, ...fields }`: the same fields (and field paths in errors) as PUT /product-event/:id. */
const ZUpdateEventCall = ZUpdateEventFields.extend(ZEventId.shape).superRefine(endAfterStart);
// `direction` is what tRPC's useInfiniteQuery adds to every page's input; pages only go forward.
const ZRelatedPostsCall = ZRelatedPostsQuery.extend({
  ...ZEventId.shape,
  direction: z.enum(["forward", "backward"]).optional(),
});

export const eventsRouter = createTRPCRouter({
  /** The signed-in user's home page: upcoming events, soonest first. */
  home: protectedProcedure.query(({ ctx }) => listHomeEvents(ctx.db, ctx.actor)),

  /** The curator's event list (an admin's: every event), current ones first. */
  list: eventManager.query(({ ctx }) => listManagedEvents(ctx.db, ctx.actor)),

  create: eventManager.input(ZCreateEventInput).mutation(({ ctx, input }) => createEvent(ctx.db, ctx.actor, input)),

  update: eventManager.input(ZUpdateEventCall).mutation(({ ctx, input: { id, ...fields } }) => updateEvent(ctx.db, ctx.actor, id, fields)),

  /** Deletes an event that sold nothing (CONFLICT otherwise: cancel it instead). */
  delete: eventManager.input(ZEventId).mutation(({ ctx, input }) => deleteEvent(ctx.db, ctx.actor, input.id)),

  /** Whether the event page offers "Delete event": null when it may, else why not. */
  deletion: eventManager.input(ZEventId).query(({ ctx, input }) => eventDeletion(ctx.db, ctx.actor, input.id)),

  details: eventManager.input(ZEventId).query(({ ctx, input }) => getEventDetails(ctx.db, ctx.actor, input.id)),

  relatedPosts: eventManager
    .input(ZRelatedPostsCall)
    .query(({ ctx, input: { id, direction: _direction, ...query } }) => listRelatedPosts(ctx.db, ctx.actor, id, query)),
});
