import { z } from "zod";
import { EVENT_MANAGER_ROLES } from "../../auth/policy";
import { ZEventId } from "../../domain/events/schema";
import { listOrders } from "../../domain/orders/list";
import { ZOrderListQuery } from "../../domain/orders/sales-schema";
import { assertManagesEventSales, salesTotals } from "../../domain/orders/totals";
import { createTRPCRouter, roleProcedure } from "../init";

const eventManager = roleProcedure(...EVENT_MANAGER_ROLES);

// `direction` is what tRPC's useInfiniteQuery adds to every page's input; pages only go forward.
const ZOrdersCall = ZOrderListQuery.extend({ ...ZEventId.shape, direction: z.enum(["forward", "backward"]).optional() });

export const salesRouter = createTRPCRouter({
  /** The event's orders, newest first, searched by buyer, with the totals (GET /product-event/:id/orders). */
  orders: eventManager
    .input(ZOrdersCall)
    .query(({ ctx, input: { id, direction: _direction, ...query } }) => listOrders(ctx.db, ctx.actor, id, query)),

  /** What the event sold: per ticket type, per promoter, in total. */
  totals: eventManager.input(ZEventId).query(async ({ ctx, input }) => {
    await assertManagesEventSales(ctx.db, ctx.actor, input.id);
    return salesTotals(ctx.db, input.id);
  }),
});
