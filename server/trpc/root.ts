import { createCallerFactory, createTRPCRouter } from "./init";
import { apiKeysRouter } from "./routers/api-keys";
import { eventsRouter } from "./routers/events";
import { postsRouter } from "./routers/posts";
import { shopifyRouter } from "./routers/shopify";

export const appRouter = createTRPCRouter({
  apiKeys: apiKeysRouter,
  events: eventsRouter,
  posts: postsRouter,
  shopify: shopifyRouter,
});

export type AppRouter = typeof appRouter;

/** One caller for server components, route handlers and tests alike. */
export const createCaller = createCallerFactory(appRouter);
