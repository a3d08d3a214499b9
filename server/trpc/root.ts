import { createCallerFactory, createTRPCRouter } from "./init";
import { apiKeysRouter } from "./routers/api-keys";
import { doorRouter } from "./routers/door";
import { eventsRouter } from "./routers/events";
import { feedRouter } from "./routers/feed";
import { guestsRouter } from "./routers/guests";
import { invitationsRouter } from "./routers/invitations";
import { messagesRouter } from "./routers/messages";
import { ordersRouter } from "./routers/orders";
import { postsRouter } from "./routers/posts";
import { publicPostsRouter } from "./routers/public-posts";
import { salesRouter } from "./routers/sales";
import { shopifyRouter } from "./routers/shopify";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = createTRPCRouter({
  apiKeys: apiKeysRouter,
  door: doorRouter,
  events: eventsRouter,
  feed: feedRouter,
  guests: guestsRouter,
  invitations: invitationsRouter,
  messages: messagesRouter,
  orders: ordersRouter,
  posts: postsRouter,
  publicPosts: publicPostsRouter,
  sales: salesRouter,
  shopify: shopifyRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;

/** One caller for server components, route handlers and tests alike. */
export const createCaller = createCallerFactory(appRouter);
