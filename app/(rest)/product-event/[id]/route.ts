import { deleteEvent } from "@/server/domain/events/delete";
import { updateEvent } from "@/server/domain/events/update";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const PUT = restHandler({
  ...restRoutes.updateEvent,
  handle: ({ db, actor, params, body }) => updateEvent(db, actor, params.id, body),
});

export const DELETE = restHandler({
  ...restRoutes.deleteEvent,
  handle: ({ db, actor, params }) => deleteEvent(db, actor, params.id),
});
