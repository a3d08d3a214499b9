// POST /product-event/:id/staff { email }: invites door staff to the event by email.
import { invite } from "@/server/domain/invitations/invite";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.inviteStaff,
  handle: ({ db, actor, params, body }) => invite(db, actor, { eventId: params.id, kind: "STAFF", email: body.email }),
});
