// The accept page's view of a link for the signed-in visitor: whether it works, and if it ever
// did, what it invites to. The invited address shows in full only to its owner.
import type { Actor } from "../../auth/actor";
import { mayAcceptInvitation } from "../../auth/policy";
import type { Db } from "../../db/client";
import { findByToken, maskEmail, stateOf } from "./link";
import type { InvitationPreview } from "./schema";

export async function previewInvitation(db: Db, actor: Actor, token: string, now: Date = new Date()): Promise<InvitationPreview> {
  const found = await findByToken(db, token);
  const state = stateOf(found, now);
  if (!found || state === "FORGED") return { state: "FORGED", invitation: null };
  const forYou = mayAcceptInvitation(actor, found.email);
  const { deletedAt: _deleted, ...event } = found.event;
  return {
    state,
    invitation: {
      kind: found.kind,
      email: forYou ? found.email : maskEmail(found.email),
      forYou,
      invitedBy: found.invitedBy.name,
      expiresAt: found.expiresAt,
      event,
    },
  };
}
