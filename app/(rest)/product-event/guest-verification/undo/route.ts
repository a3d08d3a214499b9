import { undoCheckIn } from "@/server/domain/checkin/undo";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.undoCheckIn,
  handle: ({ db, actor, body }) => undoCheckIn(db, actor, body),
});
