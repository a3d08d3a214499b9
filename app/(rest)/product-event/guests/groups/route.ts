import { createGroup } from "@/server/domain/guests/groups";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.createGuestGroup,
  handle: ({ db, actor, body }) => createGroup(db, actor, body),
});
