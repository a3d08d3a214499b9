import type { Actor } from "@/server/auth/actor";
import { restHandler } from "@/server/rest/handler";
import { openApiDocument } from "@/server/rest/openapi";
import { restRoutes } from "@/server/rest/routes";

// Public: a caller reads the contract before it has a key.
export const GET = restHandler<undefined, undefined, undefined, Actor | null>({
  ...restRoutes.openApi,
  handle: async () => openApiDocument(),
});
