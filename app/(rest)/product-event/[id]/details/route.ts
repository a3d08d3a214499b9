import { getEventDetails } from "@/server/domain/events/details";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const GET = restHandler({
  ...restRoutes.eventDetails,
  handle: ({ db, actor, params }) => getEventDetails(db, actor, params.id),
});
