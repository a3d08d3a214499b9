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
} as const;
