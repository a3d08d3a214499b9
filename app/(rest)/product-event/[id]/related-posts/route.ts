import { listRelatedPosts } from "@/server/domain/events/related-posts";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const GET = restHandler({
  ...restRoutes.relatedPosts,
  handle: ({ db, actor, params, query }) => listRelatedPosts(db, actor, params.id, query),
});
