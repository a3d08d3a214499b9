// POST /product-event/:eventId/guests. Next.js needs one name for the dynamic segment at this
// level, and the event routes beside it call it `id`: so does this one.
import { addGuestsToEvent } from "@/server/domain/guests/event-list";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.addGuestsToEvent,
  handle: ({ db, actor, params, body }) => addGuestsToEvent(db, actor, params.id, body),
});
