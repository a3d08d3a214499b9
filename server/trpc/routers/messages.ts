// Messages to an event's guests, for the event page: preview (who would get it), send, and
// the history with delivery counts.
import { z } from "zod";
import { listMessages } from "../../domain/messages/list";
import { previewMessage } from "../../domain/messages/preview";
import { ZMessageInput } from "../../domain/messages/schema";
import { sendMessage } from "../../domain/messages/send";
import { createTRPCRouter, protectedProcedure } from "../init";

export const messagesRouter = createTRPCRouter({
  preview: protectedProcedure.input(ZMessageInput).query(({ ctx, input }) => previewMessage(ctx.db, ctx.actor, input.eventId, input.message)),
  send: protectedProcedure.input(ZMessageInput).mutation(({ ctx, input }) => sendMessage(ctx.db, ctx.actor, input.eventId, input.message)),
  list: protectedProcedure.input(z.strictObject({ eventId: z.uuid() })).query(({ ctx, input }) => listMessages(ctx.db, ctx.actor, input.eventId)),
});
