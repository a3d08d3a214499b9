import { z } from "zod";
import { ZCreateApiKeyInput } from "../../domain/api-keys/schema";
import { createApiKey, listApiKeys, revokeApiKey } from "../../domain/api-keys/service";
import { createTRPCRouter, protectedProcedure } from "../init";

export const apiKeysRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.actor)),
  create: protectedProcedure
    .input(ZCreateApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.actor.userId, input.name)),
  revoke: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.actor, input.id)),
});
