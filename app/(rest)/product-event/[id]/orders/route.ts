import type { Actor } from "@/server/auth/actor";
import { listOrders } from "@/server/domain/orders/list";
import type { TPlaceOrderInput } from "@/server/domain/orders/schema";
import { clientOf } from "@/server/domain/users/sign-in-link";
import { placeOrder } from "@/server/domain/orders/place";
import { limitAnonymousOrders } from "@/server/domain/orders/rate-limit";
import { restHandler } from "@/server/rest/handler";
import { readIdempotencyKey, requestHash } from "@/server/rest/idempotency";
import { restRoutes } from "@/server/rest/routes";

// Public: anyone buys, signed in or not (anonymous buyers are rate limited per client).
export const POST = restHandler<{ id: string }, undefined, TPlaceOrderInput, Actor | null>({
  ...restRoutes.placeOrder,
  handle: async ({ db, actor, params, body, request }) => {
    const idempotencyKey = readIdempotencyKey(request.headers) ?? undefined;
    if (!actor) await limitAnonymousOrders(db, { client: clientOf(request.headers), email: body.buyer.email });
    const order = await placeOrder(db, {
      eventId: params.id,
      input: body,
      idempotencyKey,
      // Only a keyed order is matched against its repeats.
      requestHash: idempotencyKey && requestHash(request, body),
    });
    return { order };
  },
});

// The curator's list of the event's orders, with the totals.
export const GET = restHandler({
  ...restRoutes.listOrders,
  handle: ({ db, actor, params, query }) => listOrders(db, actor, params.id, query),
});
