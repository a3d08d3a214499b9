import { z } from "zod";
import { getAvailability } from "../../domain/orders/availability";
import { getOrder } from "../../domain/orders/get";
import { placeOrder } from "../../domain/orders/place";
import { limitAnonymousOrders } from "../../domain/orders/rate-limit";
import { ZAvailabilityQuery, ZOrderId, ZPlaceOrderInput } from "../../domain/orders/schema";
import { ZIdempotencyKey } from "../../rest/idempotency";
import { createTRPCRouter, publicProcedure } from "../init";

/** The buyer page's order: the event, the order, and the page's own key for retries of this purchase. */
const ZPlaceInput = z.strictObject({
  eventId: z.uuid({ error: "must be a UUID" }),
  order: ZPlaceOrderInput,
  idempotencyKey: ZIdempotencyKey.optional(),
});

export const ordersRouter = createTRPCRouter({
  /** What a buyer can buy now (anyone). */
  availability: publicProcedure.input(ZAvailabilityQuery).query(({ ctx, input }) => getAvailability(ctx.db, input.eventId)),
  /** Buys tickets (anyone; anonymous buyers rate limited per client, as over REST). */
  place: publicProcedure.input(ZPlaceInput).mutation(async ({ ctx, input }) => {
    if (!ctx.actor) await limitAnonymousOrders(ctx.db, { client: ctx.client ?? null, email: input.order.buyer.email });
    return placeOrder(ctx.db, { eventId: input.eventId, input: input.order, idempotencyKey: input.idempotencyKey });
  }),
  /** An order by its id, which is the buyer's capability (see orders/get.ts). */
  get: publicProcedure.input(ZOrderId).query(({ ctx, input }) => getOrder(ctx.db, input.orderId)),
});
