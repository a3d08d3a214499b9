// POST /webhooks/endpoints/:id/enable: sends to the endpoint again.
import { enableWebhookEndpoint } from "@/server/domain/partner-webhooks/disable";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.enableWebhookEndpoint,
  handle: ({ db, actor, params }) => enableWebhookEndpoint(db, actor, params.id),
});
