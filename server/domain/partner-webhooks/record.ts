// The partner event no event service writes: orders paid. (The door's guest.checked_in is
// written by its one scan statement, server/db/sql/checkin.ts.) Issuing tickets runs this
// statement inside its own one statement (server/db/sql/orders.ts issueOrderTickets), so it
// adds the outbox messages in the order's transaction, and only when the event's curator has an
// endpoint subscribed to them.
import { insertPartnerEventsIfSubscribed } from "../../db/sql/partner-webhooks";
import type { Statement } from "../../db/sql/statement";
import { DOMAIN_EVENTS } from "../outbox/messages";

/** Orders of one event were paid (or were free) and their tickets issued: one `order.paid` each. */
export function ordersPaidEvents(eventId: string, orderIds: readonly string[]): Statement<never> {
  const payloads = orderIds.map((orderId) => DOMAIN_EVENTS["order.paid"].parse({ orderId, eventId }));
  return insertPartnerEventsIfSubscribed({ name: "order.paid", payloads, eventId });
}
