// DELETE /product-event/:id/invitations/:invitationId: revokes the invitation.
import { revokeInvitation } from "@/server/domain/invitations/revoke";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const DELETE = restHandler({
  ...restRoutes.revokeInvitation,
  handle: ({ db, actor, params }) => revokeInvitation(db, actor, { eventId: params.id, invitationId: params.invitationId }),
});
