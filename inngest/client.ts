// The Inngest client of the app, and the domain events as typed Inngest events: their schemas
// are the outbox's own (server/domain/outbox/messages.ts), so a function's `event.data` is
// typed and validated against the same zod schema the writers used.
// Reads INNGEST_DEV / INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY itself (see server/env.ts).
import { eventType, Inngest } from "inngest";
import { DOMAIN_EVENTS } from "../server/domain/outbox/messages";

export const inngest = new Inngest({ id: "marquee" });

export const domainEvents = {
  "event.created": eventType("event.created", { schema: DOMAIN_EVENTS["event.created"] }),
  "event.updated": eventType("event.updated", { schema: DOMAIN_EVENTS["event.updated"] }),
  "event.status.changed": eventType("event.status.changed", { schema: DOMAIN_EVENTS["event.status.changed"] }),
  "event.completed": eventType("event.completed", { schema: DOMAIN_EVENTS["event.completed"] }),
  "event.moved": eventType("event.moved", { schema: DOMAIN_EVENTS["event.moved"] }),
  "event.deleted": eventType("event.deleted", { schema: DOMAIN_EVENTS["event.deleted"] }),
  "tickets.availability.changed": eventType("tickets.availability.changed", { schema: DOMAIN_EVENTS["tickets.availability.changed"] }),
  "mail.queued": eventType("mail.queued", { schema: DOMAIN_EVENTS["mail.queued"] }),
  "message.delivery.queued": eventType("message.delivery.queued", { schema: DOMAIN_EVENTS["message.delivery.queued"] }),
  "order.paid": eventType("order.paid", { schema: DOMAIN_EVENTS["order.paid"] }),
  "guest.checked_in": eventType("guest.checked_in", { schema: DOMAIN_EVENTS["guest.checked_in"] }),
  "webhook.delivery.queued": eventType("webhook.delivery.queued", { schema: DOMAIN_EVENTS["webhook.delivery.queued"] }),
} as const;
