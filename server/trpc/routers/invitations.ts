// Invitations by email to work an event's door or promote it: the manager's side (create,
// list, revoke) and the invited person's (preview and accept, by the link's token).
import { z } from "zod";
import { acceptInvitation } from "../../domain/invitations/accept";
import { invite } from "../../domain/invitations/invite";
import { listInvitations } from "../../domain/invitations/list";
import { previewInvitation } from "../../domain/invitations/preview";
import { revokeInvitation } from "../../domain/invitations/revoke";
import { ZCreateInvitationInput, ZInvitationRef, ZInvitationToken } from "../../domain/invitations/schema";
import { createTRPCRouter, protectedProcedure } from "../init";

export const invitationsRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateInvitationInput).mutation(({ ctx, input }) => invite(ctx.db, ctx.actor, input)),
  list: protectedProcedure.input(z.strictObject({ eventId: z.uuid() })).query(({ ctx, input }) => listInvitations(ctx.db, ctx.actor, input.eventId)),
  revoke: protectedProcedure.input(ZInvitationRef).mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, input)),
  preview: protectedProcedure.input(ZInvitationToken).query(({ ctx, input }) => previewInvitation(ctx.db, ctx.actor, input.token)),
  accept: protectedProcedure.input(ZInvitationToken).mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.actor, input.token)),
});
