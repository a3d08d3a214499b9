import { checkIn, restCheckInAnswer } from "@/server/domain/checkin/check-in";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.checkIn,
  handle: async ({ db, actor, body }) => restCheckInAnswer(await checkIn(db, actor, body)),
});
