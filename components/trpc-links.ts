import { httpBatchLink, loggerLink } from "@trpc/client";
import superjson from "superjson";

function baseUrl() {
  if (typeof window !== "undefined") return "";
  return `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}

/**
 * How every browser tRPC client reaches /api/trpc: the React Query one (components/providers)
 * and the door's plain one, which keeps React Query out of the phone's download.
 */
export function trpcLinks(source: string) {
  return [
    loggerLink({
      enabled: (op) => process.env.NODE_ENV === "development" || (op.direction === "down" && op.result instanceof Error),
    }),
    httpBatchLink({
      url: `${baseUrl()}/api/trpc`,
      transformer: superjson,
      headers: () => ({ "x-trpc-source": source }),
    }),
  ];
}
