import { createGuest } from "@/server/domain/guests/book";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.createGuest,
  handle: ({ db, actor, body }) => createGuest(db, actor, body),
});
