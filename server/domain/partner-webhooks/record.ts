// The hook the order path calls, in the transaction of its change, for the partner event no
// event service writes: orders paid. (The door's guest.checked_in is written by its one scan
// statement, server/db/sql/checkin.ts.) It adds the outbox messages only when the event's
// curator has an endpoint subscribed to them (one statement per event either way).
import { insertPartnerEventsIfSubscribed } from "../../db/sql/partner-webhooks";
import { execute, type SqlTx } from "../../db/sql/statement";
import { DOMAIN_EVENTS } from "../outbox/messages";

/** Orders were paid (or were free) and their tickets issued: one `order.paid` each. */
export async function recordOrdersPaid(tx: SqlTx, orders: ReadonlyArray<{ id: string; eventId: string }>): Promise<void> {
  // A batch's orders are of one event; Shopify's and Stripe's come one at a time.
  for (const eventId of new Set(orders.map((order) => order.eventId))) {
    const payloads = orders
      .filter((order) => order.eventId === eventId)
      .map((order) => DOMAIN_EVENTS["order.paid"].parse({ orderId: order.id, eventId }));
    await execute(tx, insertPartnerEventsIfSubscribed({ name: "order.paid", payloads, eventId }));
  }
}
