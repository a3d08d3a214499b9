// GET /webhooks/endpoints/:id/deliveries: the endpoint's latest deliveries with their latest
// attempts (status code, error, how long the request took).
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { findOwnEndpoint } from "./list";
import { deliveryViewSelect, toDeliveryView } from "./views";

/** Deliveries one answer lists, newest first. */
const DELIVERIES_SHOWN = 25;

export async function listWebhookDeliveries(db: Db, actor: Actor, endpointId: string) {
  await findOwnEndpoint(db, actor, endpointId);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERIES_SHOWN,
    select: deliveryViewSelect,
  });
  return { deliveries: rows.map(toDeliveryView) };
}
