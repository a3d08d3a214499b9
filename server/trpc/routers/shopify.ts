// The curator's Shopify store connection. The token goes in through `connect` and never comes
// back out: every answer is the connection view (domain, connectedAt).
import { connectShopifyStore, disconnectShopifyStore, getShopifyConnection } from "../../domain/shopify/connection";
import { ZConnectShopifyInput } from "../../domain/shopify/schema";
import { Role } from "../../generated/prisma/enums";
import { createTRPCRouter, roleProcedure } from "../init";

const curatorProcedure = roleProcedure(Role.CURATOR);

export const shopifyRouter = createTRPCRouter({
  connection: curatorProcedure.query(({ ctx }) => getShopifyConnection(ctx.db, ctx.actor)),
  connect: curatorProcedure.input(ZConnectShopifyInput).mutation(({ ctx, input }) => connectShopifyStore(ctx.db, ctx.actor, input)),
  disconnect: curatorProcedure.mutation(({ ctx }) => disconnectShopifyStore(ctx.db, ctx.actor)),
});
