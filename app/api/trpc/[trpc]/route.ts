import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { AppError, retryAfterHeader } from "@/server/errors";
import { crossSiteRefusal } from "@/server/security/csrf";
import { createTRPCContext } from "@/server/trpc/context";
import { toTRPCError } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => {
      // Before any procedure reads its input: tRPC also takes multipart bodies, which a form on another origin can send.
      const crossSite = crossSiteRefusal(req);
      if (crossSite) throw toTRPCError(crossSite);
      return createTRPCContext({ headers: req.headers });
    },
    // A rate-limited call says when to retry, as the REST routes do (one header for a batch: the longest wait).
    responseMeta({ errors }) {
      const waits = errors.flatMap((e) =>
        e.cause instanceof AppError && e.cause.details.retryAfterSeconds !== undefined ? [e.cause.details.retryAfterSeconds] : [],
      );
      return waits.length > 0 ? { headers: new Headers({ "retry-after": retryAfterHeader(Math.max(...waits)) }) } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
