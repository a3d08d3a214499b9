import type { Actor } from "@/server/auth/actor";
import { getAvailability } from "@/server/domain/orders/availability";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

// Public: buyers see what is on sale before they have any account.
export const GET = restHandler<{ id: string }, undefined, undefined, Actor | null>({
  ...restRoutes.eventAvailability,
  handle: ({ db, params }) => getAvailability(db, params.id),
});
