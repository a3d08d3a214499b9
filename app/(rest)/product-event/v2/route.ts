import { createEvent } from "@/server/domain/events/create";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.createEvent,
  handle: ({ db, actor, body }) => createEvent(db, actor, body),
});
