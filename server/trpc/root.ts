import { createCallerFactory, createTRPCRouter } from "./init";
import { apiKeysRouter } from "./routers/api-keys";
import { eventsRouter } from "./routers/events";
import { postsRouter } from "./routers/posts";

export const appRouter = createTRPCRouter({
  apiKeys: apiKeysRouter,
  events: eventsRouter,
  posts: postsRouter,
});

export type AppRouter = typeof appRouter;

/** One caller for server components, route handlers and tests alike. */
export const createCaller = createCallerFactory(appRouter);
