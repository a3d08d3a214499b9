// POST /product-event/:id/promoters { email }: invites a promoter to the event by email.
import { invite } from "@/server/domain/invitations/invite";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.invitePromoter,
  handle: ({ db, actor, params, body }) => invite(db, actor, { eventId: params.id, kind: "PROMOTER", email: body.email }),
});
