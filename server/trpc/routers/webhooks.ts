// The settings page's partner webhooks: thin over server/domain/partner-webhooks.
import { createWebhookEndpoint } from "../../domain/partner-webhooks/create";
import { listWebhookDeliveries } from "../../domain/partner-webhooks/deliveries";
import { disableWebhookEndpoint, enableWebhookEndpoint } from "../../domain/partner-webhooks/disable";
import { listWebhookEndpoints } from "../../domain/partner-webhooks/list";
import { redeliverWebhook } from "../../domain/partner-webhooks/redeliver";
import { rotateWebhookSecret } from "../../domain/partner-webhooks/rotate-secret";
import { ZCreateWebhookEndpointInput, ZWebhookDeliveryRef, ZWebhookEndpointRef } from "../../domain/partner-webhooks/schema";
import { createTRPCRouter, protectedProcedure } from "../init";

export const webhooksRouter = createTRPCRouter({
  endpoints: protectedProcedure.query(({ ctx }) => listWebhookEndpoints(ctx.db, ctx.actor)),
  create: protectedProcedure.input(ZCreateWebhookEndpointInput).mutation(({ ctx, input }) => createWebhookEndpoint(ctx.db, ctx.actor, input)),
  disable: protectedProcedure.input(ZWebhookEndpointRef).mutation(({ ctx, input }) => disableWebhookEndpoint(ctx.db, ctx.actor, input.id)),
  enable: protectedProcedure.input(ZWebhookEndpointRef).mutation(({ ctx, input }) => enableWebhookEndpoint(ctx.db, ctx.actor, input.id)),
  rotateSecret: protectedProcedure.input(ZWebhookEndpointRef).mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, ctx.actor, input.id)),
  deliveries: protectedProcedure.input(ZWebhookEndpointRef).query(({ ctx, input }) => listWebhookDeliveries(ctx.db, ctx.actor, input.id)),
  redeliver: protectedProcedure.input(ZWebhookDeliveryRef).mutation(({ ctx, input }) => redeliverWebhook(ctx.db, ctx.actor, input.id)),
});
