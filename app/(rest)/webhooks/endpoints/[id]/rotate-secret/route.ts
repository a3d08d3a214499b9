// POST /webhooks/endpoints/:id/rotate-secret: a new signing secret, shown once.
import { rotateWebhookSecret } from "@/server/domain/partner-webhooks/rotate-secret";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.rotateWebhookSecret,
  handle: ({ db, actor, params }) => rotateWebhookSecret(db, actor, params.id),
});
