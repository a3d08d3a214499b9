// Turning an endpoint off and on again. Off, it receives nothing: its deliveries still waiting
// are FAILED at once ("endpoint disabled"), so turning it on does not release a backlog of old
// messages; any of them can be sent again by hand (redeliver.ts).
import type { Actor } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { WebhookDeliveryStatus } from "../../generated/prisma/enums";
import { findOwnEndpoint } from "./list";
import { endpointViewSelect, toEndpointView } from "./views";

/** Turns the endpoint off (by its owner, or after days of failures) and fails what it still waits to send. */
export async function disableEndpoint(tx: Tx, endpointId: string, reason: string, now: Date): Promise<boolean> {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, enabled: true },
    data: { enabled: false, disabledAt: now, disabledReason: reason },
  });
  if (count === 0) return false;
  await tx.webhookDelivery.updateMany({
    where: { endpointId, status: WebhookDeliveryStatus.PENDING },
    data: {
      status: WebhookDeliveryStatus.FAILED,
      nextAttemptAt: null,
      lockedUntil: null,
      lastError: `Not sent: the endpoint was disabled (${reason})`,
    },
  });
  return true;
}

/** POST /webhooks/endpoints/:id/disable. Disabling a disabled endpoint changes nothing. */
export async function disableWebhookEndpoint(db: Db, actor: Actor, id: string, now: Date = new Date()) {
  await findOwnEndpoint(db, actor, id);
  await db.$transaction((tx) => disableEndpoint(tx, id, "Disabled by its owner", now));
  return { endpoint: toEndpointView(await findOwnEndpoint(db, actor, id)) };
}

/** POST /webhooks/endpoints/:id/enable: it receives events again, from now on. */
export async function enableWebhookEndpoint(db: Db, actor: Actor, id: string) {
  await findOwnEndpoint(db, actor, id);
  const row = await db.webhookEndpoint.update({
    where: { id },
    data: { enabled: true, disabledAt: null, disabledReason: null, failingSince: null },
    select: endpointViewSelect,
  });
  return { endpoint: toEndpointView(row) };
}
