// GET /webhooks/endpoints: the caller's endpoints, newest first, with their state.
import type { Actor } from "../../auth/actor";
import { assertKeepsWebhookEndpoints, ownWebhookEndpointsWhere } from "../../auth/policy";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { endpointViewSelect, toEndpointView } from "./views";

export async function listWebhookEndpoints(db: Db, actor: Actor) {
  assertKeepsWebhookEndpoints(actor);
  const rows = await db.webhookEndpoint.findMany({
    where: ownWebhookEndpointsWhere(actor),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: endpointViewSelect,
  });
  return { endpoints: rows.map(toEndpointView) };
}

export function endpointNotFound(id: string): AppError {
  return new AppError("NOT_FOUND", `No webhook endpoint ${id}`);
}

/** The caller's endpoint `id`, or NOT_FOUND (someone else's is unknown to them). */
export async function findOwnEndpoint(db: Db, actor: Actor, id: string) {
  assertKeepsWebhookEndpoints(actor);
  const row = await db.webhookEndpoint.findFirst({ where: { id, ...ownWebhookEndpointsWhere(actor) }, select: endpointViewSelect });
  if (!row) throw endpointNotFound(id);
  return row;
}
