// The hooks the order and door paths call, in the transaction of their change, for the partner
// events no event service writes: an order paid, a guest let in. Each adds its outbox message
// only when the event's curator has an endpoint subscribed to it (one statement either way).
import type { Tx } from "../../db/client";
import { insertPartnerEventIfSubscribed } from "../../db/sql/partner-webhooks";
import { execute } from "../../db/sql/statement";
import { DOMAIN_EVENTS, type DomainEventPayload } from "../outbox/messages";

type Writer = Pick<Tx, "$executeRaw">;

async function record<N extends "order.paid" | "guest.checked_in">(tx: Writer, name: N, payload: DomainEventPayload<N>): Promise<void> {
  await execute(tx, insertPartnerEventIfSubscribed({ name, payload: DOMAIN_EVENTS[name].parse(payload), eventId: payload.eventId }));
}

/** An order was paid (or was free) and its tickets issued. */
export function recordOrderPaid(tx: Writer, order: { id: string; eventId: string }): Promise<void> {
  return record(tx, "order.paid", { orderId: order.id, eventId: order.eventId });
}

/** A guest was let in at the event's door. */
export function recordCheckedIn(tx: Writer, eventId: string, admitted: { entryId: string; guestId: string; checkedInAt: Date }): Promise<void> {
  return record(tx, "guest.checked_in", {
    eventId,
    entryId: admitted.entryId,
    guestId: admitted.guestId,
    checkedInAt: admitted.checkedInAt.toISOString(),
  });
}
