import { ZApiKeyRef, ZCreateApiKeyInput } from "../../domain/api-keys/schema";
import { createApiKey, listApiKeys, revokeApiKey } from "../../domain/api-keys/service";
import { createTRPCRouter, protectedProcedure } from "../init";

export const apiKeysRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.actor)),
  create: protectedProcedure.input(ZCreateApiKeyInput).mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.actor.userId, input.name)),
  revoke: protectedProcedure.input(ZApiKeyRef).mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.actor, input.id)),
});
