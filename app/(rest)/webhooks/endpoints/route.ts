// POST /webhooks/endpoints: subscribes a partner endpoint (its secret shown once); GET lists them.
import { createWebhookEndpoint } from "@/server/domain/partner-webhooks/create";
import { listWebhookEndpoints } from "@/server/domain/partner-webhooks/list";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.createWebhookEndpoint,
  handle: ({ db, actor, body }) => createWebhookEndpoint(db, actor, body),
});

export const GET = restHandler({
  ...restRoutes.listWebhookEndpoints,
  handle: ({ db, actor }) => listWebhookEndpoints(db, actor),
});
