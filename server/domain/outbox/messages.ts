// The domain events of spec section 5, with their payloads. Writers add them to the outbox in
// the transaction of the change they describe; the background functions consume them.
import { z } from "zod";
import { EventStatus } from "../../generated/prisma/enums";

/** Which parts of the event's posts an update touches (spec section 6). */
export const ZSyncCategory = z.enum(["metadata", "variants"]);
export type TSyncCategory = z.infer<typeof ZSyncCategory>;

/** What of an event's time and place changed, as guests are told it. */
export const ZEventMove = z.enum(["time", "venue", "location"]);
export type TEventMove = z.infer<typeof ZEventMove>;

export const DOMAIN_EVENTS = {
  "event.created": z.object({ eventId: z.uuid(), productId: z.uuid(), curatorId: z.uuid() }),
  "event.updated": z.object({
    eventId: z.uuid(),
    version: z.int().positive(),
    syncCategories: z.array(ZSyncCategory).min(1),
  }),
  "event.status.changed": z.object({
    eventId: z.uuid(),
    oldStatus: z.enum(EventStatus),
    newStatus: z.enum(EventStatus),
  }),
  "event.completed": z.object({ eventIds: z.array(z.uuid()).min(1) }),
  // The event's time or place changed (guests are told): `changeId` names this one change, so a
  // repeated delivery tells nobody twice while a later change tells them again.
  "event.moved": z.object({ eventId: z.uuid(), changeId: z.uuid(), changes: z.array(ZEventMove).min(1) }),
  // The event was soft-deleted (it sold nothing): its product is archived, here and in Shopify.
  "event.deleted": z.object({ eventId: z.uuid() }),
  // Tickets of the event were sold, held or given back: the Shopify push sends what is left
  // (queued at most once per pending push: server/db/sql/shopify.ts queueInventoryPush).
  "tickets.availability.changed": z.object({ eventId: z.uuid() }),
  // An order was paid (or was free) and its tickets issued; written only for curators with a
  // partner webhook endpoint subscribed to it (server/domain/partner-webhooks/record.ts).
  "order.paid": z.object({ orderId: z.uuid(), eventId: z.uuid() }),
  // A guest was let in at the door; written as order.paid is.
  "guest.checked_in": z.object({ eventId: z.uuid(), entryId: z.uuid(), guestId: z.uuid(), checkedInAt: z.iso.datetime({ offset: true }) }),
  // A WebhookDelivery to send now (server/domain/partner-webhooks); the webhook-send job sends it.
  "webhook.delivery.queued": z.object({ deliveryId: z.uuid() }),
  // A MailMessage row to send (server/domain/mail/queue.ts); the mail-send job sends it.
  "mail.queued": z.object({ mailId: z.uuid() }),
  // One recipient of a curator's message to guests (server/domain/messages/send.ts); the message-deliver job sends it.
  "message.delivery.queued": z.object({ deliveryId: z.uuid() }),
} as const;

export type DomainEventName = keyof typeof DOMAIN_EVENTS;
export type DomainEventPayload<N extends DomainEventName> = z.infer<(typeof DOMAIN_EVENTS)[N]>;
