// GET /product-event/:id/invitations: the event's invitations with their status.
import { listInvitations } from "@/server/domain/invitations/list";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const GET = restHandler({
  ...restRoutes.listInvitations,
  handle: ({ db, actor, params }) => listInvitations(db, actor, params.id),
});
