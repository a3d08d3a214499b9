import { listOrders } from "@/server/domain/orders/list";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const GET = restHandler({
  ...restRoutes.listOrders,
  handle: ({ db, actor, params, query }) => listOrders(db, actor, params.id, query),
});
