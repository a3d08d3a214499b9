import { createTRPCReact } from "@trpc/react-query";
import type { AppRouter } from "@/server/trpc/root";

/** tRPC hooks for client components: `trpc.events.home.useQuery()`. Server components use `api`. */
export const trpc = createTRPCReact<AppRouter>();
