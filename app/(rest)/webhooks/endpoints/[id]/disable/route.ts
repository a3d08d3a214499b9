// POST /webhooks/endpoints/:id/disable: stops sending to the endpoint.
import { disableWebhookEndpoint } from "@/server/domain/partner-webhooks/disable";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.disableWebhookEndpoint,
  handle: ({ db, actor, params }) => disableWebhookEndpoint(db, actor, params.id),
});
