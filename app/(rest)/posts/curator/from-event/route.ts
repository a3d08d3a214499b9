import { createPostFromEvent } from "@/server/domain/posts/service";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.createPostFromEvent,
  handle: ({ db, actor, body }) => createPostFromEvent(db, actor, body),
});
