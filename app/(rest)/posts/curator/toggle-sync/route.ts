import { toggleSync } from "@/server/domain/posts/service";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.toggleSync,
  handle: ({ db, actor, body }) => toggleSync(db, actor, body),
});
