// POST /webhooks/deliveries/:id/redeliver: the same message (same webhook-id) sent again.
import { redeliverWebhook } from "@/server/domain/partner-webhooks/redeliver";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.redeliverWebhook,
  handle: ({ db, actor, params }) => redeliverWebhook(db, actor, params.id),
});
