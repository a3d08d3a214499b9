// GET /webhooks/endpoints/:id/deliveries: the endpoint's latest deliveries and attempts.
import { listWebhookDeliveries } from "@/server/domain/partner-webhooks/deliveries";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const GET = restHandler({
  ...restRoutes.listWebhookDeliveries,
  handle: ({ db, actor, params }) => listWebhookDeliveries(db, actor, params.id),
});
